//! DESIGN.md invariant 2 by construction: the document families read what they return
//! only through the signed view. This test reads their sources and fails when one of
//! them reaches the raw tree, or when a way round the view (content read without a
//! signature over it) appears anywhere but the places named here, each with its reason.

use std::path::Path;

const FAMILIES: [&str; 6] = ["saml", "smp", "metadata", "emrex", "tsl", "xmlenc"];

/// What no family module may name: the raw tree and its ways in.
const RAW: [&str; 6] = [
    "xml::Node",
    "xml::tree",
    "roxmltree",
    ".root_element()",
    ".get_node(",
    "doc.descendants()",
];

/// The audited ways round the view: (file, function, how often it is called there, why).
const EXCEPTIONS: [(&str, &str, usize, &str); 8] = [
    (
        "saml/response.rs",
        "encrypted_unsigned(",
        2,
        "the EncryptedAssertion of an unsigned Response, read only to decrypt it: the \
         assertion must then verify under its own signature; and the unverified decryption \
         for inspection, which returns nothing as verified",
    ),
    (
        "saml/response.rs",
        "decrypted_under_signature(",
        2,
        "a plaintext decrypted from ciphertext a verified signature covered (the Response's \
         over its EncryptedAssertion, the assertion's over its EncryptedID and \
         EncryptedAttributes)",
    ),
    (
        "smp/verify.rs",
        "accepted_unsigned(",
        1,
        "an unsigned ServiceGroup, only under ServiceGroupQuestion::allow_unsigned",
    ),
    (
        "smp/read.rs",
        "accepted_unsigned(",
        1,
        "read_smp_unverified, behind the `testing` feature",
    ),
    (
        "tsl/verify.rs",
        "accepted_unsigned(",
        1,
        "read_tsl_unverified, behind the `testing` feature",
    ),
    (
        "metadata/read.rs",
        "accepted_unsigned(",
        1,
        "the lookup unit tests, on unsigned documents",
    ),
    (
        "saml/request.rs",
        "dsig::signed_by_binding(",
        1,
        "a Redirect-bound request, whose bytes the query signature covered",
    ),
    (
        "metadata/read.rs",
        "reread_verified(",
        1,
        "an entity re-read from bytes its verification indexed, checked against the index",
    ),
];

fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for family in FAMILIES {
        let mut files: Vec<_> = std::fs::read_dir(src.join(family))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        files.sort();
        for f in files {
            let name = format!("{family}/{}", f.file_name().unwrap().to_string_lossy());
            out.push((name, std::fs::read_to_string(&f).unwrap()));
        }
    }
    out
}

/// The code of a source file, without its comment lines.
fn code(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn families_never_reach_the_raw_tree() {
    let files = sources();
    assert!(files.len() > 15, "{} family files", files.len());
    for (name, text) in &files {
        let code = code(text);
        for raw in RAW {
            assert!(!code.contains(raw), "{name} uses {raw}");
        }
    }
}

#[test]
fn ways_round_the_view_are_the_audited_ones() {
    let files = sources();
    for marker in [
        "accepted_unsigned(",
        "dsig::signed_by_binding(",
        "reread_verified(",
        "encrypted_unsigned(",
        "decrypted_under_signature(",
    ] {
        for (name, text) in &files {
            let found = code(text).matches(marker).count();
            let allowed = EXCEPTIONS
                .iter()
                .filter(|(f, m, _, _)| *f == name && *m == marker)
                .map(|(_, _, n, _)| *n)
                .sum::<usize>();
            assert_eq!(found, allowed, "{name}: {marker} called {found} times");
        }
    }
}
