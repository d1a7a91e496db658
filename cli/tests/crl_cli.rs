//! `--crl` and `--allow-stale-crl` as a user runs them: on every command that takes
//! `--intermediate`, the errors for a CRL file that cannot be read or used, and revocation
//! on the generated test PKI (tests/data/xmldsig-gen) with the CRL of tests/data/crl that
//! revokes its RSA-2048 leaf.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

const PKI: &str = "tests/data/xmldsig-gen/pki";
const DOC: &str = "tests/data/xmldsig-gen/signed/rsa2048-exc-enveloped.xml";
const REVOKES_LEAF: &str = "tests/data/crl/intermediate-revokes-leaf-rsa2048.crl.pem";
const AT: &str = "2026-06-01T00:00:00Z";
/// A certificate, not a CRL.
const NOT_A_CRL: &str = "tests/data/xmldsig-gen/pki/root.pem";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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

/// `trustmeta verify --json` of the document, the root trusted and the intermediate
/// given, with `extra`.
fn verify(extra: &[&str]) -> (i32, Value) {
    let (root, inter) = (format!("{PKI}/root.pem"), format!("{PKI}/intermediate.pem"));
    let mut args = vec![
        "verify",
        "--json",
        "--trust",
        &root,
        "--intermediate",
        &inter,
        "--at",
        AT,
    ];
    args.extend_from_slice(extra);
    args.push(DOC);
    let out = trustmeta(&args);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), v)
}

fn outcome(v: &Value) -> &str {
    match v["valid"] {
        Value::Bool(true) => "ok",
        _ => v["error"]["code"].as_str().unwrap_or("?"),
    }
}

/// Every command that builds a trust store from `--trust` and `--intermediate`, with
/// arguments that get it as far as reading the CRLs: the command, then its arguments.
fn commands() -> Vec<(Vec<&'static str>, Vec<&'static str>)> {
    let id = "iso6523-actorid-upis::0088:1";
    let doc = "busdox-docid-qns::x";
    vec![
        (vec!["verify"], vec![DOC]),
        (
            vec!["smp", "verify"],
            vec!["--participant", id, "--document", doc, DOC],
        ),
        (vec!["smp", "verify-group"], vec!["--participant", id, DOC]),
        (
            vec!["smp", "lookup"],
            vec![id, doc, "--zone", "example.org"],
        ),
        (vec!["tsl", "verify"], vec![DOC]),
        (
            vec!["tsl", "to-smp"],
            vec!["--out", "/nonexistent/dir", DOC],
        ),
        (
            vec!["saml", "verify-response"],
            vec!["--audience", "a", "--acs", "b", DOC],
        ),
        (vec!["saml", "verify-request"], vec![DOC]),
    ]
}

#[test]
fn every_command_with_intermediate_takes_crl_and_allow_stale_crl() {
    for (cmd, _) in commands() {
        let help = [cmd.as_slice(), &["--help"]].concat();
        let text = String::from_utf8(trustmeta(&help).stdout).unwrap();
        for flag in ["--intermediate <", "--crl <CRL>", "--allow-stale-crl"] {
            assert!(text.contains(flag), "{help:?} lacks {flag}:\n{text}");
        }
    }
}

#[test]
fn a_file_without_a_crl_is_a_usage_error_naming_it() {
    for (cmd, rest) in commands() {
        let flags = [
            "--trust",
            NOT_A_CRL,
            "--crl",
            NOT_A_CRL,
            "--allow-stale-crl",
        ];
        let args = [cmd.as_slice(), &flags, &rest].concat();
        let out = trustmeta(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("trustmeta: --crl {NOT_A_CRL}: ")) && err.contains("CRL"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_crl_error_in_json_form_names_the_file() {
    let (code, v) = verify(&["--crl", NOT_A_CRL]);
    assert_eq!(code, 2, "{v}");
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"]["code"], "usage");
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(msg.starts_with(&format!("--crl {NOT_A_CRL}: ")), "{msg}");
}

#[test]
fn an_unreadable_crl_is_a_usage_error_naming_it() {
    let (code, v) = verify(&["--crl", "tests/data/no-such.crl"]);
    assert_eq!(code, 2, "{v}");
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(
        msg.starts_with("cannot read tests/data/no-such.crl: "),
        "{msg}"
    );
}

#[test]
fn allow_stale_crl_alone_changes_nothing() {
    let (code, v) = verify(&[]);
    assert_eq!((code, outcome(&v)), (0, "ok"), "{v}");
    let (code, v) = verify(&["--allow-stale-crl"]);
    assert_eq!((code, outcome(&v)), (0, "ok"), "{v}");
}

#[test]
fn a_leaf_its_issuer_revoked_is_refused() {
    let (code, v) = verify(&["--crl", REVOKES_LEAF]);
    assert_eq!((code, outcome(&v)), (1, "pki.revoked"), "{v}");
    let (code, v) = verify(&["--crl", REVOKES_LEAF, "--allow-stale-crl"]);
    assert_eq!((code, outcome(&v)), (1, "pki.revoked"), "{v}");
    // Repeatable: the same list twice still refuses.
    let (code, v) = verify(&["--crl", REVOKES_LEAF, "--crl", REVOKES_LEAF]);
    assert_eq!((code, outcome(&v)), (1, "pki.revoked"), "{v}");
}
