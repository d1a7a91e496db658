//! How the signer's key is found and which refusal wins, at the command line: the
//! xmlsec1-signed documents of tests/data/xmldsig-more/keyinfo (see its README) through
//! `trustmeta verify`, in JSON and in the text a person reads.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

const NOW: &str = "2026-06-01T00:00:00Z";
const PKI: &str = "tests/data/xmldsig-gen/pki";
const SIGNED: &str = "tests/data/xmldsig-more/keyinfo/signed";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn verify(doc: &str, trust: &str, intermediates: &[&str], json: bool) -> Output {
    let mut args = vec!["verify".to_string(), "--at".into(), NOW.into()];
    if json {
        args.push("--json".into());
    }
    args.extend(["--trust".into(), format!("{PKI}/{trust}.pem")]);
    for i in intermediates {
        args.extend(["--intermediate".into(), format!("{PKI}/{i}.pem")]);
    }
    args.push(format!("{SIGNED}/{doc}"));
    common::command()
        .args(&args)
        .current_dir(repo())
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn a_manifest_reference_is_reported_unchecked() {
    let out = verify("manifest.xml", "root", &["intermediate"], true);
    let v = json(&out);
    assert_eq!(v["valid"], true, "{v}");
    assert_eq!(v["references"][0]["unchecked_manifest"], true, "{v}");
    assert_eq!(v["references"][0]["element"], "Manifest", "{v}");
}

#[test]
fn a_key_not_found_is_named_not_called_a_bad_signature() {
    let out = verify("ski-only.xml", "root", &["intermediate"], true);
    let v = json(&out);
    assert_eq!(v["error"]["code"], "dsig.no_matching_key", "{v}");
    assert!(
        v["error"]["message"].as_str().unwrap().contains("X509SKI"),
        "{v}"
    );
    let out = verify("keyname-only.xml", "leaf-rsa3072", &[], false);
    assert!(!out.status.success());
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("dsig.no_matching_key") && text.contains("an RSA-2048 key"),
        "{text}"
    );
    let v = json(&verify(
        "keyname-only-bad-value.xml",
        "leaf-rsa2048",
        &[],
        true,
    ));
    assert_eq!(v["error"]["code"], "crypto.bad_signature", "{v}");
}

#[test]
fn x509ski_and_retrieval_method_find_the_signer() {
    let v = json(&verify(
        "ski-only.xml",
        "root",
        &["intermediate", "leaf-rsa2048"],
        true,
    ));
    assert_eq!(v["valid"], true, "{v}");
    let v = json(&verify(
        "retrieval-x509data.xml",
        "root",
        &["intermediate"],
        true,
    ));
    assert_eq!(v["valid"], true, "{v}");
    assert_eq!(v["chain"].as_array().map(Vec::len), Some(3), "{v}");
}
