//! The `--json` form of every verifying command: the same members on success, on
//! refusal and on a usage error (the result record's fields from the table, null when
//! nothing verified), and JSON even when the arguments do not parse.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use trustmeta_table::{records, RecordDesc};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn run_json(args: &[&str]) -> (i32, Value) {
    let out = common::command()
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), v)
}

fn members(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

/// `valid`, `error` and every field of `desc`.
fn expected(desc: &RecordDesc) -> BTreeSet<String> {
    let mut m: BTreeSet<String> = desc.fields.iter().map(|f| f.name.to_owned()).collect();
    m.insert("valid".into());
    m.insert("error".into());
    m
}

const SIGNED: &str = "tests/data/saml/signed";
const KEY: &str = "tests/data/xmldsig-gen/pki/leaf-rsa2048.pem";

fn saml(file: &str, extra: &[&str]) -> (i32, Value) {
    let path = format!("{SIGNED}/{file}");
    let mut args = vec![
        "saml",
        "verify-response",
        "--json",
        "--trust",
        KEY,
        "--at",
        "2026-06-01T10:01:00Z",
        "--audience",
        "https://sp.example.org/metadata",
        "--acs",
        "https://sp.example.org/acs",
        "--request-id",
        "_req-4711",
        &path,
    ];
    args.extend_from_slice(extra);
    run_json(&args)
}

#[test]
fn success_refusal_and_usage_error_have_the_same_members() {
    let want = expected(&records::SAML_RESPONSE);
    let (code, ok) = saml("assertion-signed.xml", &[]);
    assert_eq!((code, &ok["valid"]), (0, &Value::Bool(true)), "{ok}");
    assert_eq!(members(&ok), want);
    assert_eq!(ok["id"], "_resp-1");
    assert_eq!(ok["signed_by"], "assertion");
    // Enum values are the core's spellings.
    assert_eq!(ok["signed_by"], trustmeta::SignedBy::Assertion.name());

    let (code, refused) = saml("attacker-signed.xml", &[]);
    assert_eq!(code, 1, "{refused}");
    assert_eq!(members(&refused), want);
    assert!(refused["error"]["code"].is_string());
    assert!(refused["error"]["number"].is_u64());
    assert_eq!(refused["id"], Value::Null);

    let (code, usage) = saml("assertion-signed.xml", &["--profile", "saml2"]);
    assert_eq!(code, 2, "{usage}");
    assert_eq!(members(&usage), want);
    assert_eq!(usage["error"]["code"], "usage");
    // The table's message, in the command line's words.
    assert_eq!(
        usage["error"]["message"],
        "--profile must be \"generic\", \"stork\" or \"eidas\", not \"saml2\""
    );
}

#[test]
fn arguments_that_do_not_parse_still_give_json() {
    // --acs is missing: clap refuses before any command runs.
    let (code, v) = run_json(&[
        "saml",
        "verify-response",
        "--json",
        "--trust",
        KEY,
        "--audience",
        "x",
        "f.xml",
    ]);
    assert_eq!(code, 2);
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"]["code"], "usage");
    assert!(
        v["error"]["message"].as_str().unwrap().contains("--acs"),
        "{v}"
    );
}

#[test]
fn a_lookup_usage_error_honours_json() {
    let (code, v) = run_json(&[
        "smp",
        "lookup",
        "",
        "busdox-docid-qns::x",
        "--zone",
        "example.org",
        "--trust",
        KEY,
        "--json",
    ]);
    assert_eq!(code, 2, "{v}");
    assert_eq!(members(&v), {
        let mut m = expected(&records::SERVICE_METADATA);
        m.extend(["smp_url", "redirected_from", "dns", "smp_api", "cache"].map(String::from));
        m
    });
    assert_eq!(v["error"]["code"], "usage");
}

#[test]
fn every_verifying_command_prints_its_records_fields() {
    let cases: [(&[&str], &RecordDesc); 3] = [
        (
            &[
                "verify",
                "--json",
                "--trust",
                "tests/data/sample/signer.pem",
                "--at",
                "2026-06-01T00:00:00Z",
                "tests/data/sample/smp-signed.xml",
            ],
            &records::DOCUMENT,
        ),
        (
            &[
                "metadata",
                "verify",
                "--json",
                "--trust",
                "tests/data/metadata/signed/signer.pem",
                "--at",
                "2026-06-01T00:00:00Z",
                "tests/data/metadata/signed/aggregate.xml",
            ],
            &records::METADATA,
        ),
        (
            &[
                "tsl",
                "verify",
                "--json",
                "--trust",
                "tests/data/tsl/signed/signer.pem",
                "--at",
                "2026-06-01T00:00:00Z",
                "tests/data/tsl/signed/ncp-configuration-xx.xml",
            ],
            &records::TSL,
        ),
    ];
    for (args, desc) in cases {
        let (code, v) = run_json(args);
        assert_eq!(code, 0, "{args:?}: {v}");
        assert_eq!(members(&v), expected(desc), "{args:?}");
        // The same command on a file that is not the document: refused, same members.
        let mut bad: Vec<&str> = args.to_vec();
        *bad.last_mut().unwrap() = "tests/data/emrex/emreg-1.0-messy.json";
        let (code, v) = run_json(&bad);
        assert_eq!(code, 1, "{bad:?}: {v}");
        assert_eq!(members(&v), expected(desc), "{bad:?}");
    }
}
