//! EMREX inputs: the EMREG JSON reader, the `elmo` form-field decoder (base64, gzip with
//! its cap) and ELMO verification of what it yields. Never a panic, and a decoded field
//! never exceeds the cap.
#![no_main]
use trustmeta::{decode_elmo_field, inflate_if_gzip, verify_elmo, DateTime, Emreg, Policy, TrustStore};

const NCP: &[u8] = include_bytes!("../../tests/data/xmldsig-gen/pki/leaf-rsa2048.pem");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = Emreg::parse(data).map(|e| e.ncps.iter().map(|n| n.trust_store().is_ok()).count());
    let policy = Policy::default();
    let max_elmo_bytes = 1 << 20;
    let store = TrustStore::from_pem(NCP).expect("the test certificate parses");
    let now = DateTime::from_unix(1_780_272_000);
    if let Ok(raw) = inflate_if_gzip(data, max_elmo_bytes) {
        assert!(raw.len() <= max_elmo_bytes);
    }
    if let Ok(xml) = decode_elmo_field(data, max_elmo_bytes) {
        assert!(xml.len() <= max_elmo_bytes);
        let _ = verify_elmo(&xml, &store, &policy, now);
    }
    let _ = verify_elmo(data, &store, &policy, now);
});
