//! Decryption of the eIDAS reference implementation's encrypted responses
//! (../shared/vectors/eidas/encryption, SOURCES.md): RSA-OAEP (MGF1P with SHA-1 and
//! SHA-256 digests, xmlenc11 RSA-OAEP) and ECDH-ES with ConcatKDF and AES key wrap on
//! P-256 and brainpoolP256r1, all with AES-256-GCM content. Each must decrypt to the one
//! assertion with NameID `0123456` and 6 attributes; the two invalid ones must fail
//! clearly.

mod common;

use trustmeta::xmlenc::{ContentAlgorithm, DecryptionKey, Decryptor, KeyAlgorithm, Pkcs8Key};
use trustmeta::{decrypt_assertion_unverified, Policy};

const V: &str = "shared/vectors/eidas/encryption";

fn key(name: &str) -> Pkcs8Key {
    Pkcs8Key::from_pem(&common::read(&format!("{V}/keys/{name}"))).unwrap()
}

fn decrypt(file: &str, keys: &[&Pkcs8Key]) -> Result<trustmeta::UnverifiedAssertion, String> {
    let keys: Vec<&dyn DecryptionKey> = keys.iter().map(|k| *k as &dyn DecryptionKey).collect();
    let d = Decryptor::new(keys);
    decrypt_assertion_unverified(
        &common::read(&format!("{V}/responses/{file}")),
        &d,
        &Policy::default(),
    )
    .map_err(|e| e.code().as_str().to_string())
}

/// The NameID and the number of `Attribute` elements of a decrypted assertion.
fn facts(xml: &[u8]) -> (String, usize) {
    let text = String::from_utf8(xml.to_vec()).unwrap();
    let name_id = text
        .split("NameID")
        .nth(1)
        .and_then(|s| s.split_once('>'))
        .and_then(|(_, rest)| rest.split_once('<'))
        .map(|(v, _)| v.trim().to_string())
        .unwrap();
    let attributes = text.matches(":Attribute ").count();
    (name_id, attributes)
}

#[test]
fn every_valid_vector_decrypts_to_the_stated_assertion() {
    let rsa = key("test-rsa.key.pem");
    let nist = key("test-ec-nist.key.pem");
    let bp = key("test-ec.key.pem");
    let cases: [(&str, &Pkcs8Key, &str); 7] = [
        (
            "saml_rsa_rsa-oaep-mgf1p_encrypted_response.xml",
            &rsa,
            "rsa-oaep-mgf1p",
        ),
        ("saml_rsa_rsa-oaep_encrypted_response.xml", &rsa, "rsa-oaep"),
        (
            "saml_rsa_rsa-oaep_encrypted_response_DEREncodedKeyValue.xml",
            &rsa,
            "rsa-oaep-mgf1p",
        ),
        (
            "saml_ec_NistCurve_kw-aes128_encrypted_response.xml",
            &nist,
            "ecdh-es+kw-aes256",
        ),
        (
            "saml_ec_NistCurve_kw-aes256_encrypted_response.xml",
            &nist,
            "ecdh-es+kw-aes256",
        ),
        (
            "saml_ec_Brainpool_kw-aes128_encrypted_response.xml",
            &bp,
            "ecdh-es+kw-aes128",
        ),
        (
            "saml_ec_Brainpool_kw-aes256_encrypted_response.xml",
            &bp,
            "ecdh-es+kw-aes256",
        ),
    ];
    let mut passed = 0;
    for (file, k, transport) in cases {
        // The other keys are offered too: the recipient the message names picks.
        let all = [&rsa, &nist, &bp];
        let got = decrypt(file, &all).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(facts(&got.xml), ("0123456".to_string(), 6), "{file}");
        assert_eq!(got.decrypted.content, ContentAlgorithm::Aes256Gcm, "{file}");
        assert_eq!(got.decrypted.key.name(), transport, "{file}");
        // Its own key alone decrypts it as well; only the other keys do not.
        assert!(decrypt(file, &[k]).is_ok(), "{file}");
        let others: Vec<&Pkcs8Key> = all
            .iter()
            .copied()
            .filter(|o| !core::ptr::eq(*o, k))
            .collect();
        assert_eq!(
            decrypt(file, &others).unwrap_err(),
            "xmlenc.no_matching_key",
            "{file}"
        );
        passed += 1;
    }
    let digests = decrypt(
        "saml_rsa_rsa-oaep_encrypted_response_DEREncodedKeyValue.xml",
        &[&rsa],
    )
    .unwrap();
    assert!(matches!(
        digests.decrypted.key,
        KeyAlgorithm::RsaOaepMgf1p {
            digest: trustmeta::xmlenc::OaepDigest::Sha256
        }
    ));
    println!("rust-eidas-encryption: {passed} passed, 0 failed");
}

#[test]
fn the_invalid_vectors_fail_clearly() {
    let rsa = key("test-rsa.key.pem");
    for file in [
        "INVALID_saml_rsa_rsa-oaep_encrypted_response_missing_keyInfo.xml",
        "INVALID_saml_rsa_rsa-oaep_encrypted_response_missing_pubkey.xml",
    ] {
        assert_eq!(
            decrypt(file, &[&rsa]).unwrap_err(),
            "xmlenc.no_matching_key",
            "{file}"
        );
    }
}

#[test]
fn the_plaintext_response_has_nothing_to_decrypt() {
    let rsa = key("test-rsa.key.pem");
    assert_eq!(
        decrypt("saml_response.xml", &[&rsa]).unwrap_err(),
        "saml.assertion_count"
    );
}
