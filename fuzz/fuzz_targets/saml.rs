//! SAML messages: responses, AuthnRequests, the POST decoder and the Redirect query
//! parser under every profile. Never a panic, and never a success for bytes the test
//! key did not sign.
#![no_main]
use trustmeta::{
    decode_post_binding, verify_authn_request, verify_redirect_binding, verify_response, DateTime,
    IssuerTrust, MemoryReplayCache, Policy, RequestExpectations, ResponseExpectations,
    SamlProfile, TrustStore,
};

const SIGNER: &[u8] = include_bytes!("../../tests/data/xmldsig-gen/pki/leaf-rsa2048.pem");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let trust = IssuerTrust::any_issuer(TrustStore::from_pem(SIGNER).expect("test certificate"));
    let policy = Policy::default();
    let now = DateTime::from_unix(1_780_308_060); // 2026-06-01T10:01:00Z
    for profile in [SamlProfile::Generic, SamlProfile::Stork, SamlProfile::Eidas] {
        let mut e = ResponseExpectations::new(
            "https://sp.example.org/metadata",
            "https://sp.example.org/acs",
            now,
        );
        e.request_id = Some("_req-4711");
        e.profile = profile;
        let mut cache = MemoryReplayCache::new(4);
        let _ = verify_response(data, &trust, &policy, &e, &mut cache);
        let mut r = RequestExpectations::new(None, now);
        r.profile = profile;
        let _ = verify_authn_request(data, &trust, &policy, &r);
    }
    if let Ok(xml) = decode_post_binding(data, None) {
        assert!(xml.len() <= trustmeta::MAX_POST_BYTES);
    }
    if let Ok(q) = core::str::from_utf8(data) {
        let _ = verify_redirect_binding(q, &trust, &policy, now);
    }
});
