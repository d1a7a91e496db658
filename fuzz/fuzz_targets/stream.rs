//! Differential: the streaming reader and the tree reader must accept and refuse the same
//! documents, with the same error code, and give the same canonical bytes under all six
//! canonicalization algorithms, in any chunking. Parser differentials are where SAML
//! libraries broke in 2024–2025.
#![no_main]
use trustmeta::{canonicalize_document, canonicalize_stream, C14nAlgorithm, Limits};

const ALGORITHMS: [&str; 6] = [
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
    "http://www.w3.org/2006/12/xml-c14n11",
    "http://www.w3.org/2006/12/xml-c14n11#WithComments",
    "http://www.w3.org/2001/10/xml-exc-c14n#",
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Small limits too, so that every limit is met on the way.
    let small = data.first().is_some_and(|b| b & 0x80 != 0);
    let limits = if small {
        Limits {
            max_depth: 8,
            max_attributes: 4,
            max_name_len: 16,
            max_text_len: 64,
            ..Limits::default()
        }
    } else {
        Limits::default()
    };
    for uri in ALGORITHMS {
        let alg = C14nAlgorithm::from_uri(uri).expect("known algorithm");
        let tree = canonicalize_document(data, alg, &[], &[], &limits);
        let chunk = 1 + usize::from(data.get(1).copied().unwrap_or(0)) % 61;
        let stream = canonicalize_stream(data, alg, &limits, chunk);
        match (&tree, &stream) {
            (Ok(a), Ok(b)) => assert!(a == b, "canonical forms differ ({uri})"),
            (Err(a), Err(b)) => assert!(
                a.code() == b.code(),
                "the readers refuse with different codes ({uri}): tree {}, stream {}",
                a.code().as_str(),
                b.code().as_str()
            ),
            _ => panic!(
                "accept/reject differs ({uri}): tree {}, stream {}",
                tree.is_ok(),
                stream.is_ok()
            ),
        }
    }
});
