//! `saml verify-response --decrypt-key` and `saml decrypt`: what the command line prints
//! of an encrypted response, and how it refuses. The whole encrypted table runs through
//! tests/conformance/run_cli_saml_encrypted.sh (scripts/test-rust.sh).

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn trustmeta(args: &[&str]) -> Output {
    common::command()
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
}

const SP_KEY: &str = "tests/data/saml/encrypted/keys/sp-rsa.key.pem";
const BOTH: &str = "tests/data/saml/encrypted/xmlsec1/oaep-mgf1p-sha1_aes256-gcm_both-signed.xml";

fn verify(extra: &[&str], file: &str) -> (i32, Value) {
    let mut args = vec![
        "saml",
        "verify-response",
        "--json",
        "--trust",
        "tests/data/xmldsig-gen/pki/leaf-rsa2048.pem",
        "--audience",
        "https://sp.example.org/metadata",
        "--acs",
        "https://sp.example.org/acs",
        "--request-id",
        "_req-4711",
        "--at",
        "2026-06-01T10:01:00Z",
    ];
    args.extend_from_slice(extra);
    args.push(file);
    let out = trustmeta(&args);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), json)
}

#[test]
fn verify_response_reports_what_it_decrypted() {
    let (code, json) = verify(&["--decrypt-key", SP_KEY], BOTH);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["name_id"], "ross@octolabs.io");
    assert_eq!(json["signed_by"], "both");
    let d = &json["decrypted"][0];
    assert_eq!(d["element"], "EncryptedAssertion");
    assert_eq!(d["content_algorithm"], "aes256-gcm");
    assert_eq!(d["key_algorithm"], "rsa-oaep-mgf1p");
    assert_eq!(d["legacy"], false);
    // Without a key: refused, and the message says what would help.
    let (code, json) = verify(&[], BOTH);
    assert_eq!(code, 1);
    assert_eq!(json["error"]["code"], "saml.encrypted_unsupported");
    assert!(json["decrypted"].is_null());
    // CBC only with the switch, and the result says it was legacy.
    let cbc = "tests/data/saml/encrypted/xmlsec1/oaep-mgf1p_aes256-cbc_response-signed.xml";
    let (_, json) = verify(&["--decrypt-key", SP_KEY], cbc);
    assert_eq!(json["error"]["code"], "xmlenc.legacy_content_encryption");
    let (code, json) = verify(&["--decrypt-key", SP_KEY, "--allow-legacy-encryption"], cbc);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["decrypted"][0]["legacy"], true);
}

#[test]
fn an_unreadable_key_is_a_usage_error() {
    let out = trustmeta(&[
        "saml",
        "decrypt",
        "--decrypt-key",
        "tests/data/xmldsig-gen/pki/leaf-rsa2048.pem",
        BOTH,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("leaf-rsa2048.pem") && err.contains("no PRIVATE KEY block"),
        "{err}"
    );
}

#[test]
fn decrypt_says_nothing_is_verified() {
    let out = trustmeta(&["saml", "decrypt", "--decrypt-key", SP_KEY, BOTH]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("decrypted, NOT verified: no signature was checked\n"),
        "{text}"
    );
    assert!(text.contains("EncryptedAssertion: aes256-gcm, key rsa-oaep-mgf1p"));
    assert!(text.contains(">ross@octolabs.io<"), "{text}");
}

/// A token made by scripts/softhsm.sh in a directory of this test's own, and its
/// environment (SOFTHSM2_CONF, TRUSTMETA_PKCS11_MODULE, …); `None`, after saying why,
/// when SoftHSM2 cannot be installed and TRUSTMETA_REQUIRE_SOFTHSM is not set.
fn softhsm(name: &str) -> Option<std::collections::HashMap<String, String>> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("softhsm-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = Command::new("bash")
        .arg(repo().join("scripts/softhsm.sh"))
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(3) {
        let why = stderr.lines().last().unwrap_or("").to_string();
        assert!(
            std::env::var_os("TRUSTMETA_REQUIRE_SOFTHSM").is_none(),
            "SoftHSM2 is required (TRUSTMETA_REQUIRE_SOFTHSM) but: {why}"
        );
        println!("skipping: {why}");
        return None;
    }
    assert!(out.status.success(), "scripts/softhsm.sh failed:\n{stderr}");
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("export ")?.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[test]
fn decrypts_with_a_key_in_softhsm2() {
    let Some(env) = softhsm("cli") else { return };
    let run = |args: &[&str]| {
        common::command()
            .args(args)
            .current_dir(repo())
            .env("SOFTHSM2_CONF", &env["SOFTHSM2_CONF"])
            .output()
            .unwrap()
    };
    let module = env["TRUSTMETA_PKCS11_MODULE"].as_str();
    let pin_file = env["TRUSTMETA_PKCS11_PIN_FILE"].as_str();
    let uri = format!(
        "pkcs11:token={};object=sp-rsa",
        env["TRUSTMETA_PKCS11_TOKEN"]
    );
    let token_key = [
        "--pkcs11-module",
        module,
        "--pkcs11-uri",
        &uri,
        "--pin-file",
        pin_file,
    ];

    let mut args = vec![
        "saml",
        "verify-response",
        "--json",
        "--trust",
        "tests/data/xmldsig-gen/pki/leaf-rsa2048.pem",
        "--audience",
        "https://sp.example.org/metadata",
        "--acs",
        "https://sp.example.org/acs",
        "--request-id",
        "_req-4711",
        "--at",
        "2026-06-01T10:01:00Z",
    ];
    args.extend_from_slice(&token_key);
    args.push(BOTH);
    let out = run(&args);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    if common::is_static() {
        // A static binary cannot dlopen the module: it must say so and what to use instead.
        assert_eq!(out.status.code(), Some(2), "{json}");
        let message = json["error"]["message"].as_str().unwrap();
        assert!(message.contains("statically linked"), "{message}");
        return;
    }
    assert_eq!(out.status.code(), Some(0), "{json}");
    assert_eq!(json["name_id"], "ross@octolabs.io");
    assert_eq!(json["decrypted"][0]["key_algorithm"], "rsa-oaep-mgf1p");

    let mut args = vec!["saml", "decrypt"];
    args.extend_from_slice(&token_key);
    args.push(BOTH);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(">ross@octolabs.io<"), "{text}");

    // A wrong PIN stops before any message is read, and says why.
    let wrong = PathBuf::from(pin_file).with_file_name("wrong-pin");
    std::fs::write(&wrong, "0000\n").unwrap();
    let out = run(&[
        "saml",
        "decrypt",
        "--pkcs11-module",
        module,
        "--pkcs11-uri",
        &uri,
        "--pin-file",
        wrong.to_str().unwrap(),
        BOTH,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("refused the PIN") && err.contains("xmlenc.key_unavailable"),
        "{err}"
    );

    // The URI alone is not enough: the PIN comes from a file, never from the command line.
    let out = run(&[
        "saml",
        "decrypt",
        "--pkcs11-module",
        module,
        "--pkcs11-uri",
        &uri,
        BOTH,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--pin-file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(PathBuf::from(pin_file).parent().unwrap());
}
