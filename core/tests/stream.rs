//! The streaming verifier against the in-memory one: same accept/reject (and the same
//! error code) on the metadata vectors of ../shared, in every chunking, and on
//! one-byte mutations.

mod common;

use common::{at, shared};
use trustmeta::{verify, DateTime, Error, Policy, StreamVerifier, TrustStore};

fn vector(rel: &str) -> Vec<u8> {
    let p = shared().join("vectors/metadata").join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Pins the key of every certificate in `pem` (metadata signing certificates are trusted
/// by key; their validity is long gone).
fn keys(pem: &[u8]) -> TrustStore {
    let certs = TrustStore::from_pem(pem).unwrap();
    let mut s = TrustStore::new();
    for c in certs.certificates() {
        s.add_public_key(c.public_key().unwrap().clone());
    }
    s
}

fn streamed(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    chunk: usize,
) -> Result<(), Error> {
    let mut v = StreamVerifier::new(store, policy, now);
    for c in xml.chunks(chunk.max(1)) {
        v.feed(c)?;
    }
    v.finish().map(|_| ())
}

fn in_memory(xml: &[u8], store: &TrustStore, policy: &Policy, now: DateTime) -> Result<(), Error> {
    verify(xml, store, policy, now).map(|_| ())
}

fn legacy() -> Policy {
    Policy {
        allow_sha1: true,
        min_rsa_bits: 1024,
        ..Policy::default()
    }
}

const CASES: &[(&str, &str, &str)] = &[
    (
        "pyFF/wayf-edugain-metadata.xml",
        "pyFF/wayf-metadata.2016.signing.pem",
        "ok",
    ),
    ("pysaml2/swamid-1.0.xml", "pyFF/md-signer.crt", "ok"),
    (
        "pysaml2/swamid-kalmar-1.0@c5932c3e.xml",
        "pyFF/md-signer.crt",
        "ok",
    ),
    (
        "pysaml2/metadata.aaitest@HEAD-validUntil-edited.xml",
        "pysaml2/SWITCHaaiRootCA.crt.pem",
        "bad",
    ),
    ("pysaml2/extended.xml", "pyFF/md-signer.crt", "bad"),
    (
        "eidas-eu-mock/opensaml-metadata.aaitest_signed.xml",
        "eidas-eu-mock/switchaai-metadata-signer-2005.pem",
        "ok",
    ),
    (
        "eidas-eu-mock/opensaml-metadata.aaitest_signed.invalid.xml",
        "eidas-eu-mock/switchaai-metadata-signer-2005.pem",
        "bad",
    ),
    (
        "eidas-eu-mock/opensaml-metadata.switchaai_signed.xml",
        "eidas-eu-mock/switchaai-metadata-signer-2005.pem",
        "ok",
    ),
    (
        "eidas-eu-mock/opensaml-ukfederation-metadata.xml",
        "eidas-eu-mock/ukfed-metadata-signer-2006.pem",
        "ok",
    ),
];

#[test]
fn vectors_agree_in_every_chunking() {
    let now = at("2026-06-01T00:00:00Z");
    for (file, key, expect) in CASES {
        let xml = vector(file);
        let store = keys(&vector(key));
        let policy = legacy();
        let mem = in_memory(&xml, &store, &policy, now).map_err(|e| e.code());
        for chunk in [1usize, 7, 4096, 65536, xml.len()] {
            if chunk == 1 && xml.len() > 300_000 {
                continue;
            }
            let st = streamed(&xml, &store, &policy, now, chunk).map_err(|e| e.code());
            assert_eq!(
                st, mem,
                "{file} in chunks of {chunk}: stream {st:?}, tree {mem:?}"
            );
        }
        assert_eq!(mem.is_ok(), *expect == "ok", "{file}: {mem:?}");
    }
}

#[test]
fn one_byte_changes_agree() {
    let xml = vector("pysaml2/swamid-kalmar-1.0@c5932c3e.xml");
    let store = keys(&vector("pyFF/md-signer.crt"));
    let policy = legacy();
    let now = at("2026-06-01T00:00:00Z");
    let mut tried = 0;
    let mut disagreements = Vec::new();
    for pos in (0..xml.len()).step_by(53) {
        for b in [b'A', b'<', b'&', b' '] {
            if xml[pos] == b {
                continue;
            }
            let mut m = xml.clone();
            m[pos] = b;
            let mem = in_memory(&m, &store, &policy, now).map_err(|e| e.code());
            let st = streamed(&m, &store, &policy, now, 1000).map_err(|e| e.code());
            if mem.is_ok() != st.is_ok() {
                disagreements.push(format!(
                    "byte {pos} -> {:?}: stream {st:?}, tree {mem:?}",
                    b as char
                ));
            }
            tried += 1;
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {tried}:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(tried > 1000, "{tried}");
}

/// The streaming reader keeps its open elements in a fixed array of `MAX_DEPTH`: a
/// document deeper than the limit, or than the ceiling when the limit asks for more, is
/// refused with `xml.depth_limit` naming the limit in force, in every chunking.
#[test]
fn depth_past_the_limit_or_the_ceiling_is_refused_while_streaming() {
    let c14n =
        trustmeta::C14nAlgorithm::from_uri("http://www.w3.org/2001/10/xml-exc-c14n#").unwrap();
    let nested = |d: usize| format!("{}{}", "<a>".repeat(d), "</a>".repeat(d));
    for (asked, limit) in [
        (5, 5),
        (trustmeta::MAX_DEPTH, trustmeta::MAX_DEPTH),
        (trustmeta::MAX_DEPTH + 1, trustmeta::MAX_DEPTH),
        (usize::MAX, trustmeta::MAX_DEPTH),
    ] {
        let limits = trustmeta::Limits {
            max_depth: asked,
            ..trustmeta::Limits::default()
        };
        for chunk in [1, 7, 4096] {
            let at_limit = nested(limit);
            let read = trustmeta::canonicalize_stream(at_limit.as_bytes(), c14n, &limits, chunk);
            assert_eq!(read.unwrap(), at_limit.as_bytes(), "{asked} {chunk}");
            for depth in [limit + 1, 10_000] {
                let xml = nested(depth);
                match trustmeta::canonicalize_stream(xml.as_bytes(), c14n, &limits, chunk) {
                    Err(Error::Xml(trustmeta::XmlError::DepthLimit { limit: l, .. })) => {
                        assert_eq!(l, limit, "{asked} {depth} {chunk}");
                    }
                    other => panic!("{asked} {depth} {chunk}: {other:?}"),
                }
            }
        }
    }
}

/// The tree reader reads a document in place and the streaming reader from its own
/// buffer: around a byte-order mark (whole, cut short, alone, repeated, split across
/// chunks) both give the same canonical form or the same error code.
#[test]
fn both_readers_agree_around_a_byte_order_mark() {
    let c14n =
        trustmeta::C14nAlgorithm::from_uri("http://www.w3.org/2001/10/xml-exc-c14n#").unwrap();
    let limits = trustmeta::Limits::default();
    let bom = b"\xEF\xBB\xBF";
    let doc = b"<a x=\"1\">t</a>";
    let cases: [Vec<u8>; 8] = [
        [&bom[..], doc].concat(),
        doc.to_vec(),
        bom.to_vec(),
        bom[..2].to_vec(),
        Vec::new(),
        [&bom[..], bom, doc].concat(),
        [&bom[..2], doc].concat(),
        [&bom[..], b"<?xml version=\"1.0\"?>", doc].concat(),
    ];
    let code = |r: &Result<Vec<u8>, Error>| match r {
        Ok(c) => Ok(c.clone()),
        Err(e) => Err(e.code()),
    };
    for (i, xml) in cases.iter().enumerate() {
        let tree = trustmeta::canonicalize_document(xml, c14n, &[], &[], &limits);
        if i == 0 || i == 1 || i == 7 {
            assert_eq!(tree.as_deref().unwrap(), doc, "case {i}");
        } else {
            assert!(tree.is_err(), "case {i}: {tree:?}");
        }
        for chunk in [1, 2, 4096] {
            let stream = trustmeta::canonicalize_stream(xml, c14n, &limits, chunk);
            assert_eq!(code(&stream), code(&tree), "case {i}, chunks of {chunk}");
        }
    }
}

/// A comment, processing instruction or CDATA section whose body is exactly the text
/// limit is accepted by both readers, and one byte more is refused by both with
/// `xml.text_too_long`, whatever the chunking: a chunk that ends inside the closer
/// (`?>`, `-->`, `]]>`) must not count the closer's first bytes as body. (Found by the
/// `stream` fuzz target: a 64-byte PI body split before its `>` was refused as too long
/// by the streaming reader and read, then refused for its target, by the tree reader.)
#[test]
fn a_body_of_exactly_the_text_limit_reads_alike_in_any_chunking() {
    let c14n =
        trustmeta::C14nAlgorithm::from_uri("http://www.w3.org/TR/2001/REC-xml-c14n-20010315")
            .unwrap();
    let limits = trustmeta::Limits {
        max_text_len: 64,
        ..trustmeta::Limits::default()
    };
    let code = |r: &Result<Vec<u8>, Error>| match r {
        Ok(c) => Ok(c.clone()),
        Err(e) => Err(e.code()),
    };
    for len in [63, 64, 65] {
        let cases = [
            format!("<r><?pi {}?></r>", "d".repeat(len - 3)),
            format!("<r><?\u{feff}x {}?></r>", "d".repeat(len - 5)),
            format!("<r><!--{}--></r>", "c".repeat(len)),
            format!("<r><![CDATA[{}]]></r>", "t".repeat(len)),
        ];
        for xml in &cases {
            let tree = trustmeta::canonicalize_document(xml.as_bytes(), c14n, &[], &[], &limits);
            for chunk in 1..=12 {
                let stream = trustmeta::canonicalize_stream(xml.as_bytes(), c14n, &limits, chunk);
                assert_eq!(code(&stream), code(&tree), "{xml:?}, chunks of {chunk}");
            }
        }
    }
}
