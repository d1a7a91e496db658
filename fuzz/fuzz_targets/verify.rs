//! Full verification against a fixed trust store: never a panic, and never a success
//! (no input the fuzzer builds is signed by the pinned test key).
#![no_main]
use std::sync::OnceLock;

use trustmeta::{DateTime, Policy, TrustStore};

fn store() -> &'static TrustStore {
    static S: OnceLock<TrustStore> = OnceLock::new();
    S.get_or_init(|| TrustStore::from_pem(include_bytes!("../../tests/data/xmldsig-gen/pki/root.pem")).expect("root"))
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let policy = Policy { allow_sha1: true, ..Policy::default() };
    let r = trustmeta::verify(data, store(), &policy, DateTime::from_unix(1_780_272_000));
    if let Ok(doc) = r {
        // Only byte-for-byte signed fixtures may verify; anything else is a forgery.
        let _ = doc.report();
        assert!(data.windows(15).any(|w| w == b"SignatureValue>"));
    }
});
