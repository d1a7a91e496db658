//! Encrypted SAML responses: the EncryptedData / EncryptedKey / AgreementMethod reader,
//! key transport, key agreement and content decryption, the plaintext read in context,
//! through `verify_response` with the relying party's keys and through the unverified
//! decryption. Never a panic, and never a success for bytes the test key did not sign.
#![no_main]
use trustmeta::xmlenc::{DecryptionKey, Decryptor, Pkcs8Key};
use trustmeta::{
    decrypt_assertion_unverified, verify_response, DateTime, IssuerTrust, MemoryReplayCache,
    Policy, ResponseExpectations, SamlProfile, TrustStore,
};

const SIGNER: &[u8] = include_bytes!("../../tests/data/xmldsig-gen/pki/leaf-rsa2048.pem");
const SP_RSA: &[u8] = include_bytes!("../../tests/data/saml/encrypted/keys/sp-rsa.key.pem");
const SP_EC: &[u8] = include_bytes!("../../tests/data/saml/encrypted/keys/sp-ec-p256.key.pem");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let rsa = Pkcs8Key::from_pem(SP_RSA).expect("test key");
    let ec = Pkcs8Key::from_pem(SP_EC).expect("test key");
    let mut decryptor = Decryptor::new(vec![&rsa as &dyn DecryptionKey, &ec]);
    decryptor.allow_legacy_content = true;
    let trust = IssuerTrust::any_issuer(TrustStore::from_pem(SIGNER).expect("test certificate"));
    let policy = Policy::default();
    let now = DateTime::from_unix(1_780_308_060); // 2026-06-01T10:01:00Z
    for profile in [SamlProfile::Generic, SamlProfile::Eidas] {
        let mut e = ResponseExpectations::new(
            "https://sp.example.org/metadata",
            "https://sp.example.org/acs",
            now,
        );
        e.request_id = Some("_req-4711");
        e.profile = profile;
        e.decrypt = Some(&decryptor);
        let mut cache = MemoryReplayCache::new(4);
        let _ = verify_response(data, &trust, &policy, &e, &mut cache);
    }
    if let Ok(a) = decrypt_assertion_unverified(data, &decryptor, &policy) {
        assert!(a.xml.len() <= decryptor.max_plaintext_bytes);
    }
});
