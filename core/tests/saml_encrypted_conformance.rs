//! Every case of tests/conformance/saml-encrypted-cases.tsv: encrypted SAML responses made
//! by xmlsec1 (and openssl where xmlsec1 lacks an algorithm), by pysaml2 and by samlify
//! (tests/producers, snapshotted in tests/data/saml/encrypted/producers), the attacks
//! built from them, and the eIDAS reference implementation's vectors. The C, Python, JS
//! and CLI front doors run the same table.
//!
//! Columns: id, file, trust (the identity provider's certificate, any issuer), at,
//! audience, acs, request_id, decrypt_keys (PEM private keys, `-` for none), options
//! (`signed=response|assertion|both`, `allow_legacy_encryption`, `allow_sha1`,
//! `min_rsa_bits=N`, `profile=eidas`, `decrypt_only`: decrypt without verifying, for
//! vectors whose signers are not given), expect (`ok NAMEID` or the error code).

mod common;

use trustmeta::xmlenc::{DecryptionKey, Decryptor, Pkcs8Key};
use trustmeta::{
    decrypt_assertion_unverified, verify_response, IssuerTrust, MemoryReplayCache, Policy,
    ResponseExpectations, SamlProfile, SignedParts, TrustStore,
};

fn rows() -> Vec<Vec<String>> {
    let text =
        std::fs::read_to_string(common::repo().join("tests/conformance/saml-encrypted-cases.tsv"))
            .unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id\tfile\ttrust\tat\taudience\tacs\trequest_id\tdecrypt_keys\toptions\texpect"
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(String::from).collect::<Vec<_>>())
        .inspect(|f| assert_eq!(f.len(), 10, "bad row {f:?}"))
        .collect()
}

fn list(s: &str) -> Vec<&str> {
    if s == "-" {
        Vec::new()
    } else {
        s.split(',').collect()
    }
}

/// `ok NAMEID` or the error code.
fn run(f: &[String]) -> String {
    let keys: Vec<Pkcs8Key> = list(&f[7])
        .into_iter()
        .map(|p| Pkcs8Key::from_pem(&common::read(p)).unwrap())
        .collect();
    let mut decryptor = Decryptor::new(keys.iter().map(|k| k as &dyn DecryptionKey).collect());
    let mut policy = Policy::default();
    let mut signed = SignedParts::ResponseOrAssertion;
    let mut profile = SamlProfile::Generic;
    let mut decrypt_only = false;
    for o in list(&f[8]) {
        match o.split_once('=') {
            None if o == "allow_legacy_encryption" => decryptor.allow_legacy_content = true,
            None if o == "allow_sha1" => policy.allow_sha1 = true,
            None if o == "decrypt_only" => decrypt_only = true,
            Some(("min_rsa_bits", n)) => policy.min_rsa_bits = n.parse().unwrap(),
            Some(("profile", "eidas")) => profile = SamlProfile::Eidas,
            Some(("signed", "response")) => signed = SignedParts::Response,
            Some(("signed", "assertion")) => signed = SignedParts::Assertion,
            Some(("signed", "both")) => signed = SignedParts::Both,
            _ => panic!("{}: unknown option {o}", f[0]),
        }
    }
    let xml = common::read(&f[1]);
    if decrypt_only {
        return match decrypt_assertion_unverified(&xml, &decryptor, &policy) {
            Ok(a) => format!("ok {}", name_id_of(&a.xml)),
            Err(e) => e.code().as_str().to_string(),
        };
    }
    let mut store = TrustStore::new();
    for t in list(&f[2]) {
        store.add_pem(&common::read(t)).unwrap();
    }
    let trust = IssuerTrust::any_issuer(store);
    let request_id = (f[6] != "-").then_some(f[6].as_str());
    let mut expect = ResponseExpectations::new(&f[4], &f[5], common::at(&f[3]));
    expect.request_id = request_id;
    expect.signed = signed;
    expect.profile = profile;
    if !keys.is_empty() {
        expect.decrypt = Some(&decryptor);
    }
    match verify_response(
        &xml,
        &trust,
        &policy,
        &expect,
        &mut MemoryReplayCache::new(16),
    ) {
        Ok(r) => {
            assert!(!r.decrypted.is_empty(), "{}: nothing was decrypted", f[0]);
            format!(
                "ok {}",
                r.assertion.name_id.map(|n| n.value).unwrap_or_default()
            )
        }
        Err(e) => e.code().as_str().to_string(),
    }
}

/// The NameID of a decrypted assertion's plaintext.
fn name_id_of(xml: &[u8]) -> String {
    let text = String::from_utf8_lossy(xml);
    text.split("NameID")
        .nth(1)
        .and_then(|s| s.split_once('>'))
        .and_then(|(_, rest)| rest.split_once('<'))
        .map(|(v, _)| v.trim().to_string())
        .unwrap_or_default()
}

#[test]
fn every_encrypted_case_gives_its_expected_result() {
    let rows = rows();
    let mut failed = Vec::new();
    for f in &rows {
        let got = run(f);
        if got != f[9] {
            println!("FAIL {}: expected {}, got {got}", f[0], f[9]);
            failed.push(f[0].clone());
        }
    }
    println!(
        "rust-saml-encrypted: {} passed, {} failed",
        rows.len() - failed.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "mismatches: {failed:?}");
}
