//! A build without the feature `decryption` (the npm package's WebCrypto module) has no
//! content ciphers. An encrypted assertion that names one of the caller's keys is refused
//! with `xmlenc.unsupported_algorithm` before that key is asked for anything; one naming
//! none of the keys is still `xmlenc.no_matching_key`, as in every build.
//!
//! scripts/test-rust.sh runs it with `--no-default-features --features std`; with the
//! default features it is empty.
#![cfg(not(feature = "decryption"))]

mod common;

use core::cell::Cell;

use trustmeta::xmlenc::{AgreementCurve, DecryptionKey, Decryptor, KeyFailure, OaepDigest};
use trustmeta::{decrypt_assertion_unverified, Certificate, Policy, PublicKey};
use zeroize::Zeroizing;

const V: &str = "shared/vectors/eidas/encryption";

/// A key of the caller's (say, on a token) that counts what it is asked.
struct CountingKey {
    spki: Vec<u8>,
    asked: Cell<u32>,
}

impl DecryptionKey for CountingKey {
    fn public_key_der(&self) -> &[u8] {
        &self.spki
    }
    fn rsa_oaep_decrypt(
        &self,
        _digest: OaepDigest,
        _mgf: OaepDigest,
        _label: &[u8],
        _ciphertext: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
        self.asked.set(self.asked.get() + 1);
        Ok(Zeroizing::new(vec![0; 32]))
    }
    fn ecdh(
        &self,
        _curve: AgreementCurve,
        _originator_point: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
        self.asked.set(self.asked.get() + 1);
        Ok(Zeroizing::new(vec![0; 32]))
    }
}

/// The key an encrypted response names as its recipient (the certificate in its
/// `EncryptedKey`, under `RecipientKeyInfo` for key agreement), as a caller's key.
fn named_key(file: &str) -> CountingKey {
    let text = String::from_utf8(common::read(&format!("{V}/responses/{file}"))).unwrap();
    let from = text
        .find("RecipientKeyInfo")
        .or_else(|| text.find("EncryptedKey"))
        .unwrap();
    let body = &text[from..];
    let body = &body[body.find(":X509Certificate").unwrap()..];
    let value = &body[body.find('>').unwrap() + 1..body.find("</").unwrap()];
    let cert = Certificate::from_der(&common::decode_b64(&value.replace("&#13;", ""))).unwrap();
    CountingKey {
        spki: cert.public_key().map(PublicKey::spki_der).unwrap().to_vec(),
        asked: Cell::new(0),
    }
}

fn decrypt(file: &str, key: &CountingKey) -> Result<(), (String, String)> {
    let d = Decryptor::new(vec![key as &dyn DecryptionKey]);
    decrypt_assertion_unverified(
        &common::read(&format!("{V}/responses/{file}")),
        &d,
        &Policy::default(),
    )
    .map(|_| ())
    .map_err(|e| (e.code().as_str().to_string(), e.to_string()))
}

#[test]
fn a_key_the_message_names_is_refused_before_it_is_used() {
    for file in [
        "saml_rsa_rsa-oaep_encrypted_response.xml",
        "saml_ec_NistCurve_kw-aes256_encrypted_response.xml",
    ] {
        let key = named_key(file);
        let (code, message) = decrypt(file, &key).unwrap_err();
        assert_eq!(code, "xmlenc.unsupported_algorithm", "{file}: {message}");
        assert!(
            message.contains("no content decryption"),
            "{file}: {message}"
        );
        assert_eq!(key.asked.get(), 0, "{file}: the key was used");
    }
}

#[test]
fn a_message_naming_none_of_the_keys_is_still_no_matching_key() {
    // The RSA recipient's key offered for the message encrypted to the EC one.
    let key = named_key("saml_rsa_rsa-oaep_encrypted_response.xml");
    let (code, message) =
        decrypt("saml_ec_NistCurve_kw-aes256_encrypted_response.xml", &key).unwrap_err();
    assert_eq!(code, "xmlenc.no_matching_key", "{message}");
    assert_eq!(key.asked.get(), 0);
}
