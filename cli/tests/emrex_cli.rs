//! `trustmeta emrex ncps` and `trustmeta emrex verify-elmo` as a user runs them: exit
//! status and JSON fields, on tests/data/emrex and the shared EMREX vectors.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

const NOW: &str = "2026-06-01T00:00:00Z";
const D: &str = "tests/data/emrex";

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

fn verify(file: &str, ncp: &str, extra: &[&str]) -> (i32, Value) {
    let path = format!("{D}/{file}");
    let emreg = format!("{D}/emreg-1.0-messy.json");
    let mut args = vec![
        "emrex",
        "verify-elmo",
        "--json",
        "--emreg",
        &emreg,
        "--ncp",
        ncp,
        "--at",
        NOW,
    ];
    args.extend_from_slice(extra);
    args.push(&path);
    run_json(&args)
}

#[test]
fn ncps_lists_and_selects() {
    let (rc, v) = run_json(&[
        "emrex",
        "ncps",
        "--json",
        &format!("{D}/emreg-1.0-messy.json"),
    ]);
    assert_eq!(rc, 0);
    assert_eq!(v["valid"], true);
    assert_eq!(v["schema"], "ncps");
    assert_eq!(v["skipped_nulls"], 2);
    assert_eq!(v["ncps"].as_array().unwrap().len(), 3);
    assert!(v["ncps"][0]["certificate"]["sha256"].is_string());
    let (rc, v) = run_json(&[
        "emrex",
        "ncps",
        "--json",
        "--country",
        "no",
        &format!("{D}/emreg-1.0-messy.json"),
    ]);
    assert_eq!(rc, 0);
    assert_eq!(v["countries"][0]["single_fetch"], true);
    assert_eq!(v["choices"].as_array().unwrap().len(), 3);
    assert_eq!(v["choices"][2]["institution"], "Other University");
    let (rc, v) = run_json(&["emrex", "ncps", "--json", &format!("{D}/emreg-emps.json")]);
    assert_eq!((rc, v["schema"].as_str()), (0, Some("emps")));
    let (rc, v) = run_json(&[
        "emrex",
        "ncps",
        "--json",
        &format!("{D}/emreg-invalid.json"),
    ]);
    assert_eq!(rc, 1);
    assert_eq!(v["error"]["code"], "emrex.json_malformed");
    let out = trustmeta(&["emrex", "ncps", "no-such-file.json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn verify_elmo_exit_status_and_json() {
    let (rc, v) = verify("signed/v1-rsa-sha256.xml", "TEST-NCP", &[]);
    assert_eq!(rc, 0, "{v}");
    assert_eq!(v["valid"], true);
    assert_eq!(v["error"], Value::Null);
    assert_eq!(v["learner"]["family_name"], "Nordmann");
    assert_eq!(v["learner"]["birth_date"], "1990-01-31");
    assert_eq!(v["pinned"], true);
    // Form field, gzipped and plain.
    for f in [
        "signed/v1-rsa-sha256.xml.gz.b64",
        "signed/v1-rsa-sha256.xml.b64",
    ] {
        let (rc, v) = verify(f, "TEST-NCP", &["--base64"]);
        assert_eq!(
            (rc, &v["learner"]["given_names"]),
            (0, &Value::from("Ola")),
            "{f}"
        );
    }
    // Another NCP's certificate: rejected.
    let (rc, v) = verify("signed/v1-rsa-sha256.xml", "OTHER-NCP", &[]);
    assert_eq!((rc, v["valid"].as_bool()), (1, Some(false)));
    assert_eq!(v["learner"], Value::Null);
    // SHA-1 only when allowed.
    let (rc, v) = verify("signed/old-ns-rsa-sha1.xml", "TEST-NCP", &[]);
    assert_eq!(
        (rc, v["error"]["code"].as_str()),
        (1, Some("dsig.algorithm_refused"))
    );
    let (rc, v) = verify("signed/old-ns-rsa-sha1.xml", "TEST-NCP", &["--allow-sha1"]);
    assert_eq!(rc, 0, "{v}");
    assert!(!v["legacy_algorithms"].as_array().unwrap().is_empty());
    // The bomb: a typed refusal.
    let (rc, v) = verify("signed/bomb.gz.b64", "TEST-NCP", &["--base64"]);
    assert_eq!(
        (rc, v["error"]["code"].as_str()),
        (1, Some("emrex.decompressed_too_large"))
    );
    // Usage: unknown NCP, unreadable file.
    let (rc, v) = verify("signed/v1-rsa-sha256.xml", "NOPE", &[]);
    assert_eq!((rc, v["error"]["code"].as_str()), (2, Some("usage")));
    let (rc, _) = verify("signed/missing.xml", "TEST-NCP", &[]);
    assert_eq!(rc, 2);
}

#[test]
fn csc_vector_verifies_with_legacy_allowances() {
    let shared = std::env::var_os("TRUSTMETA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    let file = shared.join(
        "vectors/emrex/fi-emrex/fi-smp/src/test/resources/elmo_vastaus_base64_gzipped.decoded.xml",
    );
    let emreg = format!("{D}/emreg-1.0-messy.json");
    let (rc, v) = run_json(&[
        "emrex",
        "verify-elmo",
        "--json",
        "--emreg",
        &emreg,
        "--ncp",
        "CSC",
        "--allow-sha1",
        "--min-rsa-bits",
        "1024",
        "--at",
        "2016-06-01T00:00:00Z",
        file.to_str().unwrap(),
    ]);
    assert_eq!(rc, 0, "{v}");
    assert_eq!(v["learner"]["family_name"], "Keränen");
    assert_eq!(v["learners"].as_array().unwrap().len(), 2);
}

#[test]
fn ncps_refuses_a_repeated_acronym_and_reads_large_objects() {
    let (rc, v) = run_json(&[
        "emrex",
        "ncps",
        "--json",
        &format!("{D}/emreg-duplicate-acronym.json"),
    ]);
    assert_eq!(rc, 1, "{v}");
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"]["code"], "emrex.duplicate_key");
    assert_eq!(v["error"]["number"], 712);
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("line 19, column 5"),
        "{v}"
    );
    assert_eq!(v["ncps"], serde_json::json!([]));
    // verify-elmo refuses to choose between the two certificates; a list it cannot use is
    // a usage error there, as for any other unreadable --emreg.
    let (rc, v) = run_json(&[
        "emrex",
        "verify-elmo",
        "--json",
        "--emreg",
        &format!("{D}/emreg-duplicate-acronym.json"),
        "--ncp",
        "TEST-EMP",
        "--at",
        NOW,
        &format!("{D}/signed/v1-rsa-sha256.xml"),
    ]);
    assert_eq!(rc, 2, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("two entries with acronym \"TEST-EMP\""),
        "{v}"
    );
    assert_eq!(v["learner"], Value::Null);

    // The issue's reproduction: 320,000 members in one object (3.8 MB), each name checked
    // against the others in O(n log n); the last one repeated is refused.
    let dir = std::env::temp_dir().join(format!("trustmeta-emrex-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let members: Vec<String> = (0..320_000).map(|i| format!("\"{i:07}\":0")).collect();
    let doc = format!(
        r#"{{"countries":[],"emps":[],"x":{{{}}}}}"#,
        members.join(",")
    );
    let big = dir.join("members.json");
    std::fs::write(&big, &doc).unwrap();
    let (rc, v) = run_json(&["emrex", "ncps", "--json", big.to_str().unwrap()]);
    assert_eq!(
        (rc, &v["valid"], &v["schema"]),
        (0, &Value::Bool(true), &Value::from("emps"))
    );
    let repeated = format!(
        r#"{{"countries":[],"emps":[],"x":{{{},"0000000":1}}}}"#,
        members.join(",")
    );
    std::fs::write(&big, repeated).unwrap();
    let (rc, v) = run_json(&["emrex", "ncps", "--json", big.to_str().unwrap()]);
    assert_eq!(
        (rc, v["error"]["code"].as_str()),
        (1, Some("emrex.json_malformed"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_oversized_elmo_field_gets_the_cores_refusal() {
    // 40 MB of base64 letters, far longer than any encoding of 16 MiB: the command stops
    // reading once the answer cannot change, and gives the core's refusal.
    let dir = std::env::temp_dir().join(format!("trustmeta-elmo-field-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let field = dir.join("field.txt");
    let line = format!("{}\n", "QUFB".repeat(19));
    std::fs::write(&field, line.repeat(40_000_000 / line.len())).unwrap();
    let emreg = format!("{D}/emreg-1.0-messy.json");
    let (rc, v) = run_json(&[
        "emrex",
        "verify-elmo",
        "--json",
        "--base64",
        "--emreg",
        &emreg,
        "--ncp",
        "TEST-NCP",
        field.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(rc, 1, "{v}");
    assert_eq!(v["error"]["code"], "emrex.decompressed_too_large", "{v}");
}
