//! "Signed means signed" at the command line: the xmlsec1-signed attack documents of
//! tests/data/attacks (see its README) through `metadata verify`, `metadata refresh` +
//! `metadata list`, `saml verify-response` and `smp verify`, as a user runs them. The
//! forged content never appears in any output; each refusal has its code.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

const FORGED: &str = "https://idp.example.org/";
const SAML_NOW: &str = "2026-06-01T10:00:00Z";

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

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn error_code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("")
}

fn metadata_verify(file: &str) -> (i32, Value, String) {
    let out = trustmeta(&[
        "metadata",
        "verify",
        "--json",
        "--trust",
        "tests/data/metadata/signed/signer.pem",
        "--at",
        SAML_NOW,
        "--profile",
        "etoegang",
        file,
    ]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code().unwrap(), json(&out), text)
}

#[test]
fn class1_content_inside_a_signature_is_never_read_as_signed() {
    // A ds:Object in the aggregate's own signature: refused.
    let (status, v, _) = metadata_verify("tests/data/attacks/signed/metadata-object-entity.xml");
    assert_eq!((status, error_code(&v)), (1, "dsig.object_refused"));

    // In a signature the aggregate's signature covers: the document verifies, and the
    // forged entity is neither counted nor listed after a refresh.
    let nested = "tests/data/attacks/signed/metadata-nested-object-entity.xml";
    let (status, v, text) = metadata_verify(nested);
    assert_eq!(status, 0, "{text}");
    assert_eq!(v["entities"], 7, "{text}");
    assert!(!text.contains(FORGED));
    let state = tempdir();
    let out = trustmeta(&[
        "metadata",
        "refresh",
        "--json",
        "--source",
        nested,
        "--trust",
        "tests/data/metadata/signed/signer.pem",
        "--state",
        state.to_str().unwrap(),
        "--at",
        SAML_NOW,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = trustmeta(&[
        "metadata",
        "list",
        "--json",
        "--state",
        state.to_str().unwrap(),
    ]);
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(listed.contains("urn:etoegang:HM:00000005000000000000:entities:1"));
    assert!(!listed.contains(FORGED), "{listed}");
    let out = trustmeta(&[
        "metadata",
        "entity",
        FORGED,
        "--state",
        state.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "the forged entity is not found");
    let _ = std::fs::remove_dir_all(&state);

    // STORK: the QAA 4 in the assertion signature's ds:Object is never reported.
    let (status, v) = saml("stork-object-qaa.xml", "stork");
    assert_eq!((status, error_code(&v)), (1, "saml.signature_profile"));
    let (status, v) = saml("stork-qaa1.xml", "stork");
    assert_eq!(status, 0, "{v}");
    assert_eq!(v["stork_qaa"], 1, "{v}");
}

#[test]
fn class2_two_readers_give_one_meaning() {
    let (status, v) = saml("saml-adfs-duplicate-xmlns.xml", "generic");
    assert_eq!((status, error_code(&v)), (1, "xml.duplicate_attribute"));
    let (status, v) = saml("saml-adfs.xml", "generic");
    assert_eq!(status, 0, "{v}");
    let out = trustmeta(&[
        "smp",
        "verify",
        "--json",
        "--trust",
        "tests/data/xmldsig-gen/pki/root.pem",
        "--at",
        "2026-06-01T00:00:00Z",
        "--participant",
        "iso6523-actorid-upis::0088:5798000000001",
        "--document",
        "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1",
        "tests/data/attacks/signed/smp-duplicate-xmlns.xml",
    ]);
    let v = json(&out);
    assert_eq!(
        (out.status.code(), error_code(&v)),
        (Some(1), "xml.duplicate_attribute")
    );
}

/// Class 3: limits hold while reading. 100,000 attributes or namespace declarations on
/// one element are refused at the element, with the attribute limit's code.
#[test]
fn class3_limits_are_enforced_while_reading() {
    let dir = tempdir();
    for (name, one) in [
        ("attrs.xml", "a{i}=''"),
        ("decls.xml", "xmlns:p{i}='urn:x{i}'"),
    ] {
        let mut doc = String::from("<r><e");
        for i in 0..100_000 {
            doc.push(' ');
            doc.push_str(&one.replace("{i}", &i.to_string()));
        }
        doc.push_str("/></r>");
        let path = dir.join(name);
        std::fs::write(&path, doc).unwrap();
        let out = trustmeta(&[
            "verify",
            "--json",
            "--trust",
            "tests/data/sample/signer.pem",
            path.to_str().unwrap(),
        ]);
        let v = json(&out);
        assert_eq!(
            (out.status.code(), error_code(&v)),
            (Some(1), "xml.attribute_limit"),
            "{name}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Class 4: on the streaming path a token is refused once it passes its limit: a 5 MB
/// comment before the signature of an aggregate that is otherwise the signed one.
#[test]
fn class4_a_token_past_its_limit_is_refused_while_streaming() {
    let dir = tempdir();
    let aggregate = std::fs::read(repo().join("tests/data/metadata/signed/aggregate.xml")).unwrap();
    let root_end = aggregate
        .windows(2)
        .position(|w| w == b"\">")
        .map(|i| i + 2)
        .unwrap();
    for (name, insert) in [
        ("comment.xml", format!("<!--{}-->", "c".repeat(5 << 20))),
        ("value.xml", format!("<x a='{}'/>", "v".repeat(5 << 20))),
    ] {
        let mut doc = aggregate[..root_end].to_vec();
        doc.extend_from_slice(insert.as_bytes());
        doc.extend_from_slice(&aggregate[root_end..]);
        let path = dir.join(name);
        std::fs::write(&path, doc).unwrap();
        let (status, v, _) = metadata_verify(path.to_str().unwrap());
        assert_eq!((status, error_code(&v)), (1, "xml.text_too_long"), "{name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn class5_saml_profile_rules_have_their_own_codes() {
    for (file, want) in [
        ("saml-adfs-no-audience.xml", "saml.audience_missing"),
        ("saml-no-conditions.xml", "saml.audience_missing"),
        (
            "saml-notbefore-after-notonorafter.xml",
            "saml.invalid_time_window",
        ),
        ("saml-unknown-condition.xml", "saml.unknown_condition"),
        ("saml-issuer-format-transient.xml", "saml.issuer_format"),
        ("saml-datetime-no-zone.xml", "saml.malformed"),
    ] {
        let (status, v) = saml(file, "generic");
        assert_eq!((status, error_code(&v)), (1, want), "{file}: {v}");
    }
}

fn saml(file: &str, profile: &str) -> (i32, Value) {
    let path = format!("tests/data/attacks/signed/{file}");
    let out = trustmeta(&[
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
        SAML_NOW,
        "--profile",
        profile,
        &path,
    ]);
    let v = json(&out);
    (out.status.code().unwrap(), v)
}

fn tempdir() -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "trustmeta-ssm-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
