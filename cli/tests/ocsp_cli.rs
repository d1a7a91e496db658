//! `trustmeta ocsp request` and `trustmeta ocsp verify` as a user runs them: requests
//! written by the CLI are POSTed to a live `openssl ocsp` responder (see
//! core/tests/common/ocsp_pki.rs), and the answers verified by the CLI; exit status and
//! JSON fields are asserted exactly. The committed responses of tests/data/ocsp cover the
//! fixed-time cases.

#[path = "../../core/tests/common/ocsp_pki.rs"]
mod ocsp_pki;

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use ocsp_pki::{Pki, REVOKED_AT};
use serde_json::Value;

const D: &str = "tests/data/ocsp";
const AT: &str = "2027-01-01T00:00:00Z";

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

fn run_json(args: &[&str]) -> (i32, Value) {
    let out = trustmeta(args);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), v)
}

fn error_code(v: &Value) -> Option<&str> {
    v["error"]["code"].as_str()
}

/// Verifies a committed response about `cert` (a file of tests/data/ocsp).
fn fixture(resp: &str, cert: &str, extra: &[&str]) -> (i32, Value) {
    let (r, i, c) = (
        format!("{D}/{resp}"),
        format!("{D}/ca.pem"),
        format!("{D}/{cert}.pem"),
    );
    let mut args = vec!["ocsp", "verify", &r, "--issuer", &i, "--cert", &c, "--json"];
    args.extend_from_slice(extra);
    run_json(&args)
}

#[test]
fn committed_responses_give_status_and_exit_code() {
    let (code, v) = fixture("good-ca.der", "good", &["--at", AT]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["valid"], true);
    assert_eq!(v["error"], Value::Null);
    assert_eq!(v["status"], "good");
    assert_eq!(v["responder"]["subject"], "CN=trustmeta OCSP test CA");
    assert_eq!(v["delegated"], false);
    assert_eq!(v["cert_id_hash"], "sha1");
    assert_eq!(v["revocation_time"], Value::Null);

    let (code, v) = fixture("revoked-delegated.der", "revoked", &["--at", AT]);
    assert_eq!(code, 1);
    assert_eq!(v["valid"], false);
    assert_eq!(error_code(&v), Some("ocsp.status_revoked"));
    assert_eq!(v["status"], "revoked");
    assert_eq!(v["revocation_time"], REVOKED_AT);
    assert_eq!(v["revocation_reason"], "keyCompromise");
    assert_eq!(v["responder"]["subject"], "CN=responder");
    assert_eq!(v["delegated"], true);

    let (code, v) = fixture("unknown-sha256.der", "unknown", &["--at", AT]);
    assert_eq!(code, 1);
    assert_eq!(error_code(&v), Some("ocsp.status_unknown"));
    assert_eq!(v["status"], "unknown");
    assert_eq!(v["cert_id_hash"], "sha256");

    let (code, v) = fixture("good-sha1-signed.der", "good", &["--at", AT]);
    assert_eq!((code, error_code(&v)), (1, Some("ocsp.algorithm_refused")));
    assert_eq!(v["status"], Value::Null);
    let (code, v) = fixture(
        "good-sha1-signed.der",
        "good",
        &["--at", AT, "--allow-sha1"],
    );
    assert_eq!((code, v["status"].as_str()), (0, Some("good")));

    let (code, v) = fixture("good-ca.der", "good", &["--at", "2037-01-01T00:00:00Z"]);
    assert_eq!((code, error_code(&v)), (1, Some("ocsp.stale")));
    let (code, v) = fixture("good-ca.der", "good", &["--at", "2026-01-01T00:00:00Z"]);
    assert_eq!((code, error_code(&v)), (1, Some("ocsp.not_yet_valid")));
    let (code, v) = fixture("revoked-delegated.der", "good", &["--at", AT]);
    assert_eq!((code, error_code(&v)), (1, Some("ocsp.cert_id_mismatch")));
    let (code, v) = fixture("good-ca.der", "good", &["--at", AT, "--nonce", "00ff"]);
    assert_eq!((code, error_code(&v)), (1, Some("ocsp.nonce_mismatch")));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let (code, v) = fixture("missing.der", "good", &[]);
    assert_eq!((code, error_code(&v)), (2, Some("usage")));
    let (code, v) = fixture("good-ca.der", "good", &["--nonce", "abc"]);
    assert_eq!((code, error_code(&v)), (2, Some("usage")));
    let (code, v) = fixture("good-ca.der", "good", &["--at", "yesterday"]);
    assert_eq!((code, error_code(&v)), (2, Some("usage")));
    // Not a certificate as --issuer.
    let out = trustmeta(&[
        "ocsp",
        "verify",
        "tests/data/ocsp/good-ca.der",
        "--issuer",
        "tests/data/ocsp/README.md",
        "--cert",
        "tests/data/ocsp/good.pem",
    ]);
    assert_eq!(out.status.code(), Some(2));
    // Garbage as the response is a rejection, not a usage error.
    let (code, v) = fixture("README.md", "good", &[]);
    assert_eq!((code, error_code(&v)), (1, Some("ocsp.malformed")));
}

#[test]
fn cli_requests_against_a_live_responder() {
    let pki = Pki::new();
    let dir = pki.dir.to_str().unwrap().to_string();
    let p = |n: &str| format!("{dir}/{n}");
    for (signer, delegated) in [("ca", false), ("responder", true)] {
        let r = pki.responder(signer, &[]);
        for (cert, status, code, sha256) in [
            ("good", "good", 0, false),
            ("revoked", "revoked", 1, true),
            ("unknown", "unknown", 1, false),
        ] {
            let req = p(&format!("{cert}.req"));
            let mut args = vec![
                "ocsp".to_string(),
                "request".into(),
                "--issuer".into(),
                p("ca.pem"),
                "--cert".into(),
                p(&format!("{cert}.pem")),
                "--nonce".into(),
                "0a0b0c0d0e0f".into(),
                "--out".into(),
                req.clone(),
            ];
            if sha256 {
                args.push("--sha256".into());
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            assert_eq!(trustmeta(&args).status.code(), Some(0));
            let resp = r.post(&std::fs::read(&req).unwrap());
            let resp_path = p(&format!("{cert}-{signer}.der"));
            std::fs::write(&resp_path, resp).unwrap();
            let verify = |nonce: &str| {
                run_json(&[
                    "ocsp",
                    "verify",
                    &resp_path,
                    "--issuer",
                    &p("ca.pem"),
                    "--cert",
                    &p(&format!("{cert}.pem")),
                    "--nonce",
                    nonce,
                    "--json",
                ])
            };
            let (c, v) = verify("0a0b0c0d0e0f");
            assert_eq!(c, code, "{cert} by {signer}: {v}");
            assert_eq!(v["status"], status);
            assert_eq!(v["delegated"], delegated);
            assert_eq!(v["cert_id_hash"], if sha256 { "sha256" } else { "sha1" });
            assert!(v["next_update"].is_string() && v["this_update"].is_string());
            let (c, v) = verify("0a0b0c0d0e00");
            assert_eq!((c, error_code(&v)), (1, Some("ocsp.nonce_mismatch")));
        }
    }
    // A responder certificate without the OCSP-signing EKU is refused.
    let r = pki.responder("noeku", &[]);
    let req = p("noeku.req");
    assert_eq!(
        trustmeta(&[
            "ocsp",
            "request",
            "--issuer",
            &p("ca.pem"),
            "--cert",
            &p("good.pem"),
            "--out",
            &req,
        ])
        .status
        .code(),
        Some(0)
    );
    let resp_path = p("noeku.der");
    std::fs::write(&resp_path, r.post(&std::fs::read(&req).unwrap())).unwrap();
    let (c, v) = run_json(&[
        "ocsp",
        "verify",
        &resp_path,
        "--issuer",
        &p("ca.pem"),
        "--cert",
        &p("good.pem"),
        "--json",
    ]);
    assert_eq!(
        (c, error_code(&v)),
        (1, Some("ocsp.responder_not_authorized"))
    );
    // Text output.
    let out = trustmeta(&[
        "ocsp",
        "verify",
        &p("good-ca.der"),
        "--issuer",
        &p("ca.pem"),
        "--cert",
        &p("good.pem"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("status: good\n"));
}

#[test]
fn two_answers_about_one_certificate_are_refused() {
    let dup = |resp: &str, cert: &str| {
        let (r, i, c) = (
            format!("{D}/{resp}"),
            format!("{D}/dup-ca.pem"),
            format!("{D}/{cert}.pem"),
        );
        run_json(&[
            "ocsp", "verify", &r, "--issuer", &i, "--cert", &c, "--at", AT, "--json",
        ])
    };
    // good, then revoked, for one CertID: the first answer used to be reported.
    let (code, v) = dup("dup-good-revoked.der", "dup-good");
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["valid"], false);
    assert_eq!(error_code(&v), Some("ocsp.duplicate_response"));
    assert_eq!(v["error"]["number"], 915);
    assert_eq!(v["status"], Value::Null);
    for resp in ["dup-good-good.der", "dup-sha1-sha256.der"] {
        let (code, v) = dup(resp, "dup-good");
        assert_eq!(
            (code, error_code(&v)),
            (1, Some("ocsp.duplicate_response")),
            "{resp}"
        );
    }
    // One answer for each of two certificates.
    let (code, v) = dup("dup-two-certs.der", "dup-good");
    assert_eq!((code, v["status"].as_str()), (0, Some("good")), "{v}");
    let (code, v) = dup("dup-two-certs.der", "dup-revoked");
    assert_eq!((code, v["status"].as_str()), (1, Some("revoked")), "{v}");
}
