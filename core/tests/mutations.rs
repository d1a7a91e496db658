//! Every one-byte change inside the signed content of documents signed by xmlsec1 makes
//! verification fail. Changed bytes are the letters and digits of names, values and text
//! (markup characters and whitespace between attributes can change without changing
//! what was signed, so they are not "the signed content"; so can namespace declarations
//! that Exclusive C14N leaves out because nothing uses them).

mod common;

use common::read;
use trustmeta::{verify, Policy, TrustStore};

const G: &str = "tests/data/xmldsig-gen";

/// Byte offsets of the signed content: inside the document element, outside the
/// ds:Signature element(s), outside comments and the XML declaration.
fn content_positions(doc: &str) -> Vec<usize> {
    let root_start = doc
        .find('<')
        .map(|i| {
            if doc[i..].starts_with("<?xml") {
                doc[i..].find("?>").unwrap() + i + 2
            } else {
                i
            }
        })
        .unwrap();
    let mut excluded: Vec<(usize, usize)> = Vec::new();
    for (open, close) in [
        ("<ds:Signature", "</ds:Signature>"),
        ("<Signature", "</Signature>"),
        ("<!--", "-->"),
    ] {
        let mut from = 0;
        while let Some(s) = doc[from..].find(open).map(|i| i + from) {
            let e = doc[s..].find(close).map(|i| i + s + close.len()).unwrap();
            excluded.push((s, e));
            from = e;
        }
    }
    // Namespace declarations: unused ones are not part of an exclusive canonical form.
    let mut from = 0;
    while let Some(s) = doc[from..].find(" xmlns").map(|i| i + from) {
        let q = doc[s..].find('"').unwrap() + s;
        let e = doc[q + 1..].find('"').unwrap() + q + 2;
        excluded.push((s, e));
        from = e;
    }
    // With `#id` references only the referenced elements are signed.
    let mut signed: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(s) = doc[from..].find("URI=\"").map(|i| i + from + 5) {
        let uri = &doc[s..s + doc[s..].find('"').unwrap()];
        from = s;
        let Some(id) = uri.strip_prefix('#') else {
            signed.push((root_start, doc.len()));
            continue;
        };
        let attr = doc.find(&format!("=\"{id}\"")).unwrap();
        let start = doc[..attr].rfind('<').unwrap();
        let name = &doc[start + 1..start + doc[start..].find([' ', '>']).unwrap()];
        let end = doc[start..].find(&format!("</{name}>")).unwrap() + start;
        signed.push((start, end));
    }
    doc.char_indices()
        .filter(|&(i, c)| {
            i > root_start
                && c.is_ascii_alphanumeric()
                && !excluded.iter().any(|&(s, e)| i >= s && i < e)
        })
        .filter(|&(i, _)| signed.iter().any(|&(s, e)| i >= s && i < e))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn every_signed_byte_is_protected() {
    let expected =
        std::fs::read_to_string(common::repo().join(format!("{G}/expected.tsv"))).unwrap();
    let mut store = TrustStore::from_pem(&read(&format!("{G}/pki/root.pem"))).unwrap();
    store
        .add_intermediates_pem(&read(&format!("{G}/pki/intermediate.pem")))
        .unwrap();
    let now = common::at("2026-06-01T00:00:00Z");
    let policy = Policy::default();
    let (mut docs, mut mutations) = (0, 0);
    for line in expected.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f[3] != "VALID" {
            continue;
        }
        let doc = String::from_utf8(read(&format!("{G}/{}", f[0]))).unwrap();
        assert!(
            verify(doc.as_bytes(), &store, &policy, now).is_ok(),
            "{} must verify unchanged",
            f[0]
        );
        let positions = content_positions(&doc);
        assert!(positions.len() >= 10, "{}: too few positions", f[0]);
        for &i in &positions {
            let mut bytes = doc.clone().into_bytes();
            bytes[i] = if bytes[i] == b'x' { b'y' } else { b'x' };
            let r = verify(&bytes, &store, &policy, now);
            assert!(
                r.is_err(),
                "{}: changing byte {i} ({:?}) went unnoticed",
                f[0],
                &doc[i.saturating_sub(20)..(i + 20).min(doc.len())]
            );
            mutations += 1;
        }
        docs += 1;
    }
    println!("mutations: {mutations} passed, 0 failed ({docs} documents)");
    assert!(docs >= 10);
}
