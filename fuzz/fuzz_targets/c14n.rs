//! Canonicalization of whole documents under every algorithm: never a panic, and the
//! output of an accepted document is itself canonical (canonicalizing it again gives the
//! same bytes).
#![no_main]
use trustmeta::{C14nAlgorithm, C14nMethod, Limits};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    for method in [C14nMethod::Inclusive10, C14nMethod::Inclusive11, C14nMethod::Exclusive10] {
        for with_comments in [false, true] {
            let alg = C14nAlgorithm { method, with_comments };
            if let Ok(out) = trustmeta::canonicalize_document(data, alg, &[], &[], &limits) {
                let again = trustmeta::canonicalize_document(&out, alg, &[], &[], &limits).expect("canonical output must parse");
                assert_eq!(out, again, "canonical form is not a fixed point");
            }
        }
    }
});
