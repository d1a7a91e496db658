//! CRLs: `TrustStore::add_crls_pem` (PEM or DER), then, when it is taken, path building
//! through it for a document signed under the test PKI. Never a panic.
#![no_main]
use trustmeta::{DateTime, Policy, TrustStore};

const ROOT: &[u8] = include_bytes!("../../tests/data/xmldsig-gen/pki/root.pem");
const INTERMEDIATE: &[u8] = include_bytes!("../../tests/data/xmldsig-gen/pki/intermediate.pem");
const DOC: &[u8] = include_bytes!("../../tests/data/xmldsig-gen/signed/rsa2048-exc-enveloped.xml");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut store = TrustStore::from_pem(ROOT).expect("fixture parses");
    store
        .add_intermediates_pem(INTERMEDIATE)
        .expect("fixture parses");
    if store.add_crls_pem(data).is_ok() {
        let _ = trustmeta::verify(
            DOC,
            &store,
            &Policy::default(),
            DateTime::from_unix(1_780_272_000),
        );
    }
});
