//! Canonicalization agrees byte for byte with independent implementations (xmllint,
//! lxml, xmlsec1) over the corpus in tests/data/c14n (see its README and generator).

mod common;

use trustmeta::{C14nAlgorithm, C14nMethod, Limits};

fn algorithm(kind: &str) -> Option<C14nAlgorithm> {
    let with_comments = !kind.ends_with("-nc") && !kind.contains("-nc-");
    let method = if kind.contains("exc") {
        C14nMethod::Exclusive10
    } else if kind.contains("c14n11") {
        C14nMethod::Inclusive11
    } else {
        C14nMethod::Inclusive10
    };
    // lxml's own subtree output drops inherited xml:* attributes, which C14N 1.0 §2.4
    // requires; the xmlsec1 node-set variant of the same case is the reference.
    if kind == "sub-c14n10-nc" {
        return None;
    }
    Some(C14nAlgorithm {
        method,
        with_comments,
    })
}

#[test]
fn corpus_matches_independent_implementations() {
    let dir = common::repo().join("tests/data/c14n");
    let manifest = std::fs::read_to_string(dir.join("manifest.tsv")).unwrap();
    let limits = Limits::default();
    let (mut pass, mut fail, mut skipped, mut namespace_escaping) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for line in manifest.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let (id, kind, input, expected, extra) = (f[0], f[1], f[2], f[3], f[4]);
        let Some(alg) = algorithm(kind) else {
            skipped += 1;
            continue;
        };
        let mut path: Vec<usize> = Vec::new();
        let mut prefixes: Vec<String> = Vec::new();
        if extra != "-" {
            let mut parts = extra.split(' ');
            path = parts
                .next()
                .unwrap()
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            prefixes = parts
                .map(|p| {
                    if p == "#default" {
                        String::new()
                    } else {
                        p.to_string()
                    }
                })
                .collect();
        }
        let xml = std::fs::read(dir.join(input)).unwrap();
        let want = std::fs::read(dir.join(expected)).unwrap();
        match trustmeta::canonicalize_document(&xml, alg, &prefixes, &path, &limits) {
            Ok(got) if got == want => pass += 1,
            Ok(got) if libxml2_namespace_form(&got) == want => {
                // C14N 1.0 §2.3 renders namespace nodes like attributes, escaping `&` and
                // `<` in the URI; libxml2 writes namespace URIs raw. Everything else must
                // still be byte-identical.
                namespace_escaping += 1;
                pass += 1;
            }
            Ok(got) => {
                fail += 1;
                failures.push(format!(
                    "{id} {kind}:\n want {:?}\n got  {:?}",
                    String::from_utf8_lossy(&want),
                    String::from_utf8_lossy(&got)
                ));
            }
            Err(e) => {
                fail += 1;
                failures.push(format!("{id} {kind}: error {e}"));
            }
        }
    }
    for f in failures
        .iter()
        .take(std::env::var("C14N_SHOW").map_or(10, |v| v.parse().unwrap_or(10)))
    {
        println!("{f}");
    }
    println!("c14n corpus: {pass} passed, {fail} failed ({skipped} lxml subtree cases superseded by their xmlsec1 node-set twins; {namespace_escaping} equal once libxml2's unescaped namespace URIs are accounted for)");
    assert_eq!(fail, 0);
    assert!(pass >= 200 * 6, "corpus too small: {pass}");
}

/// The merlin golden files shipped by the xml-sec project (comments kept, see
/// tests/data/c14n/README.md).
#[test]
fn merlin_golden_files() {
    let d = "shared/vectors/xmldsig/xml-sec/tests/fixtures/c14n";
    for (input, golden, method) in [
        (
            "merlin-c14n-three/signature.xml",
            "merlin-c14n-three/full-doc-c14n10.xml",
            C14nMethod::Inclusive10,
        ),
        (
            "merlin-c14n-three/signature.xml",
            "merlin-c14n-three/full-doc-exc-c14n.xml",
            C14nMethod::Exclusive10,
        ),
        (
            "merlin-exc-c14n-one/exc-signature.xml",
            "merlin-exc-c14n-one/full-doc-c14n10.xml",
            C14nMethod::Inclusive10,
        ),
        (
            "merlin-exc-c14n-one/exc-signature.xml",
            "merlin-exc-c14n-one/full-doc-exc-c14n.xml",
            C14nMethod::Exclusive10,
        ),
    ] {
        let xml = common::read(&format!("{d}/{input}"));
        let want = common::read(&format!("{d}/{golden}"));
        let got = trustmeta::canonicalize_document(
            &xml,
            C14nAlgorithm {
                method,
                with_comments: true,
            },
            &[],
            &[],
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "{golden}"
        );
    }
}

/// Our canonical bytes as libxml2 writes them: namespace URIs without `&amp;`/`&lt;`.
fn libxml2_namespace_form(out: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(out);
    let mut res = String::new();
    let mut rest: &str = &text;
    while let Some(i) = rest.find(" xmlns") {
        let (head, tail) = rest.split_at(i);
        res.push_str(head);
        let Some(q) = tail.find("=\"") else { break };
        let after = &tail[q + 2..];
        let end = after.find('"').unwrap_or(after.len());
        res.push_str(&tail[..q + 2]);
        res.push_str(&after[..end].replace("&amp;", "&").replace("&lt;", "<"));
        rest = &after[end..];
    }
    res.push_str(rest);
    res.into_bytes()
}
