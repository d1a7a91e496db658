//! ETSI trusted lists: verification under the trusted-list profile, and the reader and
//! OpenNCP view of whatever parses. Never a panic.
#![no_main]
use trustmeta::{read_tsl_unverified, verify_tsl, DateTime, OpenNcpList, Policy, TrustStore};

const SIGNER: &[u8] = include_bytes!("../../tests/data/tsl/signed/signer.pem");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let policy = Policy::default();
    let store = TrustStore::from_pem(SIGNER).expect("the test certificate parses");
    let now = DateTime::from_unix(1_780_272_000);
    let _ = verify_tsl(data, &store, &policy, now);
    if let Ok(list) = read_tsl_unverified(data, &policy.limits) {
        let _ = list.services().count();
        if let Ok(view) = OpenNcpList::new(&list) {
            let _ = view.services.iter().map(|s| s.role.name()).count();
        }
    }
});
