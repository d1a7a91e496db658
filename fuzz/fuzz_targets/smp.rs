//! SMP records: reading (every flavour) and `verify_smp` against a fixed trust store,
//! SHA-1 allowed. Never a panic, and never a success for a record the fuzzer built.
#![no_main]
use std::sync::OnceLock;

use trustmeta::{DateTime, DocumentId, Limits, ParticipantId, Policy, SmpQuestion, TrustStore};

fn store() -> &'static TrustStore {
    static S: OnceLock<TrustStore> = OnceLock::new();
    S.get_or_init(|| {
        let mut s = TrustStore::from_pem(include_bytes!("../../tests/data/xmldsig-gen/pki/root.pem"))
            .expect("root");
        s.add_intermediates_pem(include_bytes!("../../tests/data/xmldsig-gen/pki/intermediate.pem"))
            .expect("intermediate");
        s
    })
}

fn question() -> &'static SmpQuestion {
    static Q: OnceLock<SmpQuestion> = OnceLock::new();
    Q.get_or_init(|| {
        SmpQuestion::new(
            ParticipantId::parse("iso6523-actorid-upis::0088:5798000000001").expect("participant"),
            DocumentId::parse("busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1").expect("document"),
        )
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = trustmeta::read_smp_unverified(data, &Limits::default());
    let policy = Policy { allow_sha1: true, ..Policy::default() };
    let r = trustmeta::verify_smp(data, question(), store(), &policy, DateTime::from_unix(1_780_272_000));
    if r.is_ok() {
        // Only byte-for-byte signed fixtures may verify; anything else is a forgery.
        assert!(data.windows(15).any(|w| w == b"SignatureValue>"));
    }
});
