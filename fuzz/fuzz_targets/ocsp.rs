//! OCSP responses: `verify_ocsp_response` against the fixture CA, for the good certificate
//! and for the revoked one, SHA-1 allowed (widest code path). Never a panic.
#![no_main]
use trustmeta::{verify_ocsp_response, Certificate, DateTime, OcspQuestion, Policy, TrustStore};

const CA: &[u8] = include_bytes!("../../tests/data/ocsp/ca.pem");
const GOOD: &[u8] = include_bytes!("../../tests/data/ocsp/good.pem");
const REVOKED: &[u8] = include_bytes!("../../tests/data/ocsp/revoked.pem");

fn cert(pem: &[u8]) -> Certificate {
    TrustStore::from_pem(pem).expect("fixture parses").certificates()[0].clone()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (ca, good, revoked) = (cert(CA), cert(GOOD), cert(REVOKED));
    let policy = Policy { allow_sha1: true, ..Policy::default() };
    let now = DateTime::from_unix(1_798_761_600); // 2027-01-01
    for (c, nonce) in [(&good, None), (&revoked, Some(&b"nonce"[..]))] {
        let q = OcspQuestion { nonce, ..OcspQuestion::new(&ca, c) };
        if let Ok(v) = verify_ocsp_response(data, &q, &policy, now) {
            let _ = (v.status().name(), v.require_good(), v.responder().subject());
        }
    }
});
