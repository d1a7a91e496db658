//! The command line as an operator meets it: messages that say what was done wrong and
//! what to do instead, `-` for standard input, JSON for every outcome.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs the CLI in the repository, with `stdin` on its standard input.
fn run_with(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = common::command()
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn run(args: &[&str]) -> Output {
    run_with(args, b"")
}

/// Standard output and standard error, together.
fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const SAMPLE: &str = "tests/data/sample/smp-signed.xml";
const SIGNER: &str = "tests/data/sample/signer.pem";
const PARTICIPANT: &str = "iso6523-actorid-upis::0088:5798000000001";
const DOCUMENT: &str = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1";

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trustmeta-operator-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_trust_file_that_is_not_a_certificate_says_what_is_accepted() {
    // Before: "unexpected ASN.1 DER tag … APPLICATION [14]".
    let out = run(&["verify", "--trust", SAMPLE, SAMPLE]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("not a PEM certificate or public key"), "{t}");
    assert!(t.contains(SAMPLE), "{t}");
    assert!(t.contains("accepts PEM"), "{t}");
}

#[test]
fn a_private_key_as_trust_is_named_as_such() {
    // Made by tests/data/key-forms/make.sh with openssl from the test PKI's leaf keys.
    for (file, form) in [
        (
            "tests/data/xmldsig-gen/pki/leaf-rsa2048.key",
            "PKCS#8 (PEM)",
        ),
        ("tests/data/key-forms/rsa-pkcs1.pem", "PKCS#1 RSA (PEM)"),
        ("tests/data/key-forms/p256-sec1.pem", "SEC1 EC (PEM)"),
        (
            "tests/data/key-forms/rsa-encrypted.pem",
            "encrypted PKCS#8 (PEM)",
        ),
        ("tests/data/key-forms/rsa-pkcs8.der", "PKCS#8 (DER)"),
        ("tests/data/key-forms/rsa-pkcs1.der", "PKCS#1 RSA (DER)"),
        ("tests/data/key-forms/p256-sec1.der", "SEC1 EC (DER)"),
    ] {
        let out = run(&["verify", "--trust", file, SAMPLE]);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(2), "{file}: {t}");
        assert!(
            t.contains(&format!(
                "is a private key ({form}); --trust takes the signer's certificate or public key"
            )),
            "{file}: {t}"
        );
    }
}

#[test]
fn der_certificates_and_der_public_keys_are_trusted() {
    let doc = "tests/data/saml/signed/assertion-signed.xml";
    for file in [
        "tests/data/key-forms/rsa-cert.der",
        "tests/data/key-forms/rsa-spki.der",
    ] {
        let out = run(&[
            "verify",
            "--trust",
            file,
            "--at",
            "2026-06-01T10:01:00Z",
            doc,
        ]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out));
    }
    // Another key is no anchor for it: the DER key is really used.
    let out = run(&[
        "verify",
        "--trust",
        "tests/data/key-forms/attacker-spki.der",
        "--at",
        "2026-06-01T10:01:00Z",
        doc,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
}

#[test]
fn a_nonce_that_is_not_hex_says_it_must_be_hexadecimal() {
    // Before: "not an even number of hex digits".
    let out = run(&[
        "ocsp",
        "request",
        "--issuer",
        "tests/data/ocsp/ca.pem",
        "--cert",
        "tests/data/ocsp/dup-good.pem",
        "--nonce",
        "zz",
        "--out",
        scratch("unused.req", b"").to_str().unwrap(),
    ]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("the nonce must be hexadecimal"), "{t}");
    assert!(t.contains("32 hex digits"), "{t}");
}

fn solicited_response(extra: &[&str]) -> Output {
    let mut args = vec![
        "saml",
        "verify-response",
        "--trust",
        "tests/data/xmldsig-gen/pki/leaf-rsa2048.pem",
        "--at",
        "2026-06-01T10:01:00Z",
        "--audience",
        "https://sp.example.org/metadata",
        "--acs",
        "https://sp.example.org/acs",
        "tests/data/saml/signed/assertion-signed.xml",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_solicited_response_without_request_id_says_to_pass_it() {
    // Before: "the response answers request \"_req-4711\", not the one sent".
    let out = solicited_response(&[]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("pass --request-id _req-4711"), "{t}");
    assert!(t.contains("saml.in_response_to_mismatch"), "{t}");
    // The JSON form keeps the core's code and number.
    let out = solicited_response(&["--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "saml.in_response_to_mismatch");
    assert!(v["error"]["number"].is_u64());
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("--request-id _req-4711"));
    // With the wrong request ID, the core's sentence stands.
    let out = solicited_response(&["--request-id", "_other"]);
    assert!(!text(&out).contains("pass --request-id"));
}

#[test]
fn the_readme_sample_verifies_as_a_document_and_as_an_smp_record() {
    let out = run(&["verify", "--trust", SIGNER, SAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = run(&[
        "smp",
        "verify",
        SAMPLE,
        "--trust",
        SIGNER,
        "--participant",
        PARTICIPANT,
        "--document",
        DOCUMENT,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["endpoints"][0]["uri"], "https://ap.example.org/as4");
}

#[test]
fn a_dash_reads_the_document_from_standard_input() {
    let sample = std::fs::read(repo().join(SAMPLE)).unwrap();
    let out = run_with(&["verify", "--json", "--trust", SIGNER, "-"], &sample);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], true, "{}", text(&out));
    let out = run_with(
        &[
            "smp",
            "verify",
            "-",
            "--trust",
            SIGNER,
            "--participant",
            PARTICIPANT,
            "--document",
            DOCUMENT,
        ],
        &sample,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let aggregate = std::fs::read(repo().join("tests/data/metadata/signed/aggregate.xml")).unwrap();
    let out = run_with(
        &[
            "metadata",
            "verify",
            "--json",
            "--trust",
            "tests/data/metadata/signed/signer.pem",
            "--at",
            "2026-06-01T00:00:00Z",
            "-",
        ],
        &aggregate,
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], true, "{}", text(&out));
    let response =
        std::fs::read(repo().join("tests/data/saml/signed/assertion-signed.xml")).unwrap();
    let out = run_with(
        &[
            "saml",
            "verify-response",
            "--trust",
            "tests/data/xmldsig-gen/pki/leaf-rsa2048.pem",
            "--at",
            "2026-06-01T10:01:00Z",
            "--audience",
            "https://sp.example.org/metadata",
            "--acs",
            "https://sp.example.org/acs",
            "--request-id",
            "_req-4711",
            "-",
        ],
        &response,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn a_usage_error_with_json_is_json() {
    for args in [
        &["verify", "--json", "--no-such-flag", SAMPLE][..],
        &["smp", "verify", "--json", SAMPLE][..],
        &["verify", "--json"][..],
    ] {
        let out = run(args);
        let v: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", text(&out)));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(v["valid"], false, "{args:?}");
        assert_eq!(v["error"]["code"], "usage", "{args:?}");
        assert!(v["error"]["message"].as_str().unwrap().len() > 5);
    }
}

fn refresh(state: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "metadata",
        "refresh",
        "--source",
        "tests/data/metadata/signed/aggregate.xml",
        "--trust",
        "tests/data/metadata/signed/signer.pem",
        "--at",
        "2026-06-01T00:00:00Z",
        "--state",
        state.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn an_unchanged_refresh_exits_0_unless_told_otherwise() {
    let state =
        std::env::temp_dir().join(format!("trustmeta-operator-refresh-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    let out = refresh(&state, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).starts_with("updated"), "{}", text(&out));
    // The same bytes again: unchanged, a success for cron and systemd.
    let out = refresh(&state, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).starts_with("unchanged"), "{}", text(&out));
    let out = refresh(&state, &["--exit-unchanged", "3", "--json"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"], "unchanged");
    // A status the shell keeps for itself is a usage error.
    let out = refresh(&state, &["--exit-unchanged", "200"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    std::fs::remove_dir_all(&state).unwrap();
}

#[test]
fn the_systemd_units_verify() {
    let have = Command::new("sh")
        .args(["-c", "command -v systemd-analyze"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        println!("skipped: systemd-analyze is not installed, the units were not checked");
        return;
    }
    let units = repo().join("examples/systemd");
    let dir = std::env::temp_dir().join(format!("trustmeta-operator-units-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // systemd-analyze checks that ExecStart is executable: point it at this build.
    let service = std::fs::read_to_string(units.join("trustmeta-metadata-refresh.service"))
        .unwrap()
        .replace("/usr/local/bin/trustmeta", common::bin().to_str().unwrap());
    assert!(service.contains("ProtectSystem=strict"));
    assert!(service.contains("NoNewPrivileges=yes"));
    assert!(service.contains("ReadWritePaths=/var/lib/trustmeta-metadata"));
    std::fs::write(dir.join("trustmeta-metadata-refresh.service"), service).unwrap();
    std::fs::copy(
        units.join("trustmeta-metadata-refresh.timer"),
        dir.join("trustmeta-metadata-refresh.timer"),
    )
    .unwrap();
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg("--man=no")
        .arg(dir.join("trustmeta-metadata-refresh.service"))
        .arg(dir.join("trustmeta-metadata-refresh.timer"))
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        !text(&out).contains("trustmeta-metadata-refresh"),
        "systemd-analyze warns: {}",
        text(&out)
    );
}

#[test]
fn bash_completion_names_the_commands() {
    let out = run(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let script = String::from_utf8(out.stdout).unwrap();
    for name in [
        "verify", "smp", "saml", "metadata", "tsl", "ocsp", "emrex", "refresh",
    ] {
        assert!(script.contains(name), "no {name} in the bash completion");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", text(&out));
        assert!(!out.stdout.is_empty(), "{shell}");
    }
}

#[test]
fn man_writes_one_page_per_command() {
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("\n.TH trustmeta 1"), "{page}");
    let dir = std::env::temp_dir().join(format!("trustmeta-operator-man-{}", std::process::id()));
    let out = run(&["man", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    for name in [
        "trustmeta.1",
        "trustmeta-verify.1",
        "trustmeta-smp-verify.1",
        "trustmeta-metadata-refresh.1",
    ] {
        let page = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(page.contains(".TH "), "{name}");
    }
    // man(1) renders it, where it is installed.
    let rendered = Command::new("man")
        .arg("-l")
        .arg(dir.join("trustmeta-metadata-refresh.1"))
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output();
    match rendered {
        Ok(o) if o.status.success() => {
            assert!(String::from_utf8_lossy(&o.stdout).contains("exit-unchanged"));
        }
        _ => println!("skipped: man -l did not run, the pages were not rendered"),
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unusable_cache_folder_is_named_by_its_option_alone() {
    // A file where the cache folder should be: the refusal names --cache, and does not
    // send the user to --resolver, which is not what went wrong.
    let file = scratch("not-a-folder", b"");
    let cache = file.join("sub");
    let out = run(&[
        "smp",
        "lookup",
        PARTICIPANT,
        DOCUMENT,
        "--zone",
        "lookup.test",
        "--trust",
        SIGNER,
        "--cache",
        cache.to_str().unwrap(),
    ]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(
        t.contains(&format!("--cache {}: the cache folder", cache.display())),
        "{t}"
    );
    assert!(!t.contains("--resolver"), "{t}");
}
