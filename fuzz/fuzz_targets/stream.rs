//! Differential: the streaming reader and the tree reader must accept and refuse the same
//! documents and give the same canonical bytes (exclusive and inclusive C14N), in any
//! chunking. Parser differentials are where SAML libraries broke in 2024–2025.
#![no_main]
use trustmeta::{canonicalize_document, canonicalize_stream, C14nAlgorithm, Limits};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    for uri in [
        "http://www.w3.org/2001/10/xml-exc-c14n#",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
    ] {
        let alg = C14nAlgorithm::from_uri(uri).expect("known algorithm");
        let tree = canonicalize_document(data, alg, &[], &[], &limits).ok();
        let chunk = 1 + usize::from(data.first().copied().unwrap_or(0)) % 61;
        let stream = canonicalize_stream(data, alg, &limits, chunk).ok();
        match (&tree, &stream) {
            (Some(a), Some(b)) => assert!(a == b, "canonical forms differ ({uri})"),
            (None, None) => {}
            _ => panic!(
                "accept/reject differs ({uri}): tree {}, stream {}",
                tree.is_some(),
                stream.is_some()
            ),
        }
    }
});
