//! `trustmeta smp verify` and `trustmeta smp name` as a user runs them: exit status, JSON
//! fields, and the shared SMP tables (tests/conformance/smp-cases.tsv, smp-names.tsv,
//! smp-redirects.tsv) through tests/conformance/run_cli_smp.sh.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const PARTICIPANT: &str = "iso6523-actorid-upis::0088:5798000000001";
const DOCUMENT: &str = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1";
const NOW: &str = "2026-06-01T00:00:00Z";

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

/// `smp verify --json` of one of our records with the standard question (plus `extra`).
fn verify_json(file: &str, extra: &[&str]) -> (i32, Value) {
    verify_json_for(PARTICIPANT, file, extra)
}

/// `smp verify --json` of one of our records, asked for `participant`.
fn verify_json_for(participant: &str, file: &str, extra: &[&str]) -> (i32, Value) {
    let path = format!("tests/data/smp/signed/{file}");
    let mut args = vec![
        "smp",
        "verify",
        "--json",
        "--trust",
        "tests/data/xmldsig-gen/pki/root.pem",
        "--at",
        NOW,
        "--participant",
        participant,
        "--document",
        DOCUMENT,
    ];
    args.extend_from_slice(extra);
    args.push(&path);
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
fn verify_prints_the_endpoints_as_json() {
    let (status, v) = verify_json("smp1-exc.xml", &[]);
    assert_eq!(status, 0, "{v}");
    assert_eq!(v["valid"], true);
    assert_eq!(v["version"], "oasis-smp-1.0");
    let e = &v["endpoints"][0];
    assert_eq!(e["transport_profile"], "peppol-transport-as4-v2_0");
    assert_eq!(e["uri"], "https://ap.example.org/as4");
    assert_eq!(e["certificate_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(v["signer_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(v["verified_at"], NOW);
}

#[test]
fn an_expired_endpoint_is_filtered_and_reported() {
    let (status, v) = verify_json("smp1-expired-endpoint.xml", &[]);
    assert_eq!(status, 0, "{v}");
    assert_eq!(v["endpoints"].as_array().unwrap().len(), 1);
    let f = &v["filtered_endpoints"][0];
    assert_eq!(f["reason"], "expired");
    assert_eq!(f["endpoint"]["uri"], "https://old-ap.example.org/as4");
    assert_eq!(f["endpoint"]["expiration"], "2025-12-31T23:00:00Z");
}

#[test]
fn a_replayed_record_exits_1_with_the_code() {
    let (status, v) = verify_json_for(
        "iso6523-actorid-upis::0088:5798000000002",
        "smp1-exc.xml",
        &[],
    );
    assert_eq!(status, 1);
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"]["code"], "smp.participant_mismatch");
    let (status, v) = verify_json(
        "smp1-exc.xml",
        &["--transport-profile", "busdox-transport-as2-ver2p0"],
    );
    assert_eq!(status, 1);
    assert_eq!(v["error"]["code"], "smp.transport_profile_not_found");
}

#[test]
fn a_redirect_is_printed_with_its_certificate_uid() {
    let (status, v) = verify_json("smp1-redirect.xml", &[]);
    assert_eq!(status, 0, "{v}");
    assert!(v["redirect"]["href"].as_str().unwrap().starts_with("http"));
    assert!(v["redirect"]["certificate_uid"].is_string());
    assert!(v["endpoints"].as_array().unwrap().is_empty());
}

#[test]
fn text_output_and_usage_errors() {
    let out = trustmeta(&[
        "smp",
        "verify",
        "--trust",
        "tests/data/xmldsig-gen/pki/root.pem",
        "--at",
        NOW,
        "--participant",
        PARTICIPANT,
        "--document",
        DOCUMENT,
        "tests/data/smp/signed/smp1-exc.xml",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("verified (oasis-smp-1.0)"), "{text}");
    assert!(text.contains("https://ap.example.org/as4"), "{text}");
    // A participant that is not an identifier is a usage error (2), not a rejection.
    let out = trustmeta(&[
        "smp",
        "verify",
        "--trust",
        "tests/data/xmldsig-gen/pki/root.pem",
        "--participant",
        "",
        "--document",
        DOCUMENT,
        "tests/data/smp/signed/smp1-exc.xml",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn name_prints_the_bdxl_name_or_the_cname() {
    let out = trustmeta(&[
        "smp",
        "name",
        "iso6523-actorid-upis::0088:123ABC",
        "--zone",
        "participant.sml.test.tech.peppol.org",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        "y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.participant.sml.test.tech.peppol.org"
    );
    let out = trustmeta(&[
        "smp",
        "name",
        "iso6523-actorid-upis::9915:test",
        "--zone",
        "acc.edelivery.tech.ec.europa.eu",
        "--cname",
    ]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        "B-85008b8279e07ab0392da75fa55856a2.iso6523-actorid-upis.acc.edelivery.tech.ec.europa.eu"
    );
}

#[test]
fn shared_smp_tables_through_the_cli() {
    let out = Command::new("bash")
        .arg(repo().join("tests/conformance/run_cli_smp.sh"))
        .env("TRUSTMETA_BIN", common::bin())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    println!("{text}");
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("cli-smp: ") && text.contains(" 0 failed"),
        "{text}"
    );
    assert!(text.contains("cli-smp-redirects: "), "{text}");
}

#[test]
fn redirect_target_binds_the_target_signer() {
    let target = |t: &str| format!("tests/data/smp/signed/{t}");
    let ok = target("smp1-exc.xml");
    let (code, json) = verify_json("smp1-redirect.xml", &["--redirect-target", &ok]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["participant"], PARTICIPANT);
    assert_eq!(json["endpoints"].as_array().unwrap().len(), 1);
    assert!(json["redirect"].is_null());
    for (file, want) in [
        ("smp1-other-signer.xml", "smp.redirect_signer_mismatch"),
        ("smp1-redirect.xml", "smp.double_redirect"),
    ] {
        let t = target(file);
        let (code, json) = verify_json("smp1-redirect.xml", &["--redirect-target", &t]);
        assert_eq!(code, 1, "{json}");
        assert_eq!(json["error"]["code"], want);
    }
    // FILE that is not a redirect: a usage error.
    let out = trustmeta(&[
        "smp",
        "verify",
        "--trust",
        "tests/data/xmldsig-gen/pki/root.pem",
        "--at",
        NOW,
        "--participant",
        PARTICIPANT,
        "--document",
        DOCUMENT,
        "--redirect-target",
        &ok,
        &ok,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a redirect"));
}

/// `smp verify-group --json` of `file` (relative to the repository, or under the shared
/// vectors for `shared/…`) for `participant`, plus `extra`.
fn group_json(file: &str, participant: &str, extra: &[&str]) -> (i32, Value) {
    let path = match file.strip_prefix("shared/") {
        Some(rest) => std::env::var_os("TRUSTMETA_SHARED")
            .filter(|v| !v.is_empty())
            .map_or_else(|| repo().join("..").join("shared"), PathBuf::from)
            .join(rest),
        None => repo().join(file),
    };
    let path = path.to_string_lossy().into_owned();
    let mut args = vec![
        "smp",
        "verify-group",
        "--json",
        "--trust",
        "tests/data/xmldsig-gen/pki/root.pem",
        "--at",
        "2024-01-01T00:00:00Z",
        "--participant",
        participant,
    ];
    args.extend_from_slice(extra);
    args.push(&path);
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
fn verify_group_lists_references_and_needs_allow_unsigned() {
    let vefa = "shared/vectors/smp/vefa-peppol/peppol-lookup/src/test/resources/";
    for (file, participant, count, version) in [
        (
            "busdox-servicegroup-0192-991825827.xml",
            "iso6523-actorid-upis::0192:991825827",
            9,
            "peppol-busdox",
        ),
        (
            "bdxr201605-servicegroup-9908-991825827.xml",
            "iso6523-actorid-upis::9908:991825827",
            7,
            "oasis-smp-1.0",
        ),
    ] {
        let file = format!("{vefa}{file}");
        let (code, json) = group_json(&file, participant, &[]);
        assert_eq!(code, 1, "{json}");
        assert_eq!(json["error"]["code"], "dsig.missing_signature");
        let (code, json) = group_json(&file, participant, &["--allow-unsigned"]);
        assert_eq!(code, 0, "{json}");
        assert_eq!(json["version"], version);
        assert_eq!(json["participant"], participant);
        assert_eq!(json["signed"], false);
        let refs = json["references"].as_array().unwrap();
        assert_eq!(refs.len(), count);
        assert!(refs
            .iter()
            .all(|r| r["document"].is_string() && r["href"].is_string()));
        let (code, json) = group_json(&file, "iso6523-actorid-upis::0192:1", &["--allow-unsigned"]);
        assert_eq!(code, 1);
        assert_eq!(json["error"]["code"], "smp.participant_mismatch");
    }
    let (code, json) = group_json(
        "tests/data/smp/signed/servicegroup-unsigned.xml",
        PARTICIPANT,
        &["--allow-unsigned"],
    );
    assert_eq!(code, 0, "{json}");
    assert!(json["references"][0]["document"]
        .as_str()
        .unwrap()
        .starts_with("busdox-docid-qns::"));
    // Text output.
    let out = trustmeta(&[
        "smp",
        "verify-group",
        "--trust",
        "tests/data/xmldsig-gen/pki/root.pem",
        "--participant",
        PARTICIPANT,
        "--allow-unsigned",
        "tests/data/smp/signed/servicegroup-unsigned.xml",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("unsigned, accepted by --allow-unsigned"),
        "{text}"
    );
    assert!(text.contains("  document:  busdox-docid-qns::"), "{text}");
}

/// `smp verify [--json] [--owner-trust OWNER]` of an eHealth owner-signed record.
fn owner_run(file: &str, owner: Option<&str>, json: bool) -> std::process::Output {
    let path = format!("tests/data/smp/signed/{file}");
    let mut args = vec![
        "smp",
        "verify",
        "--trust",
        "tests/data/xmldsig-gen/pki/root.pem",
        "--intermediate",
        "tests/data/xmldsig-gen/pki/intermediate.pem",
        "--at",
        NOW,
        "--participant",
        "ehealth-actorid-qns::urn:ehealth:pl:ncp-idp",
        "--document",
        "ehealth-resid-qns::urn:ehealth:PatientIdentificationAndAuthentication::XCPD::CrossGatewayPatientDiscovery##ITI-55",
    ];
    if json {
        args.push("--json");
    }
    let owner = owner.map(|o| format!("tests/data/xmldsig-gen/pki/{o}"));
    if let Some(o) = &owner {
        args.extend(["--owner-trust", o]);
    }
    args.push(&path);
    trustmeta(&args)
}

/// `smp verify --json --owner-trust OWNER` of an eHealth owner-signed record.
fn owner_json(file: &str, owner: &str) -> (i32, Value) {
    let out = owner_run(file, Some(owner), true);
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
fn owner_trust_verifies_the_ehealth_owner_signature() {
    let (code, json) = owner_json("ehealth-owner-signed.xml", "leaf-p256.pem");
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["valid"], true);
    let owners = &json["owner_signatures"];
    assert_eq!(owners["valid"], true, "{json}");
    assert_eq!(
        owners["signatures"][0]["covered_element"],
        "ServiceMetadata"
    );
    assert!(owners["signatures"][0]["signer_subject"]
        .as_str()
        .unwrap()
        .contains("P-256"));
    // The record verifies; the owner signature does not: exit 1.
    let (code, json) = owner_json("ehealth-owner-signature-broken.xml", "leaf-p256.pem");
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["valid"], true);
    assert_eq!(json["owner_signatures"]["valid"], false);
    assert_eq!(
        json["owner_signatures"]["error"]["code"],
        "dsig.digest_mismatch"
    );
    let (code, json) = owner_json("ehealth-owner-signed.xml", "leaf-rsa2048.pem");
    assert_eq!(code, 1);
    assert_eq!(
        json["owner_signatures"]["error"]["code"],
        "pki.untrusted_signer"
    );
    // A change inside the SMP's signature breaks the record: the owner's is not reached.
    let (code, json) = owner_json("ehealth-owner-smp-signature-changed.xml", "leaf-p256.pem");
    assert_eq!(code, 1);
    assert_eq!(json["error"]["code"], "crypto.bad_signature");
    assert!(json["owner_signatures"].is_null());
    // Signed over ServiceInformation alone: the profile's refusal, naming it.
    let (code, json) = owner_json("ehealth-owner-over-serviceinformation.xml", "leaf-p256.pem");
    assert_eq!(code, 1);
    assert_eq!(json["valid"], true);
    let error = &json["owner_signatures"]["error"];
    assert_eq!(error["code"], "smp.signature_profile");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("ServiceInformation"));
    // Without --owner-trust: not checked.
    let (code, json) = verify_json("smp1-exc.xml", &[]);
    assert_eq!(code, 0);
    assert!(json["owner_signatures"].is_null());
}

#[test]
fn text_output_says_whether_the_owner_signature_was_verified() {
    let text = |owner: Option<&str>| {
        let out = owner_run("ehealth-owner-signed.xml", owner, false);
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let checked = text(Some("leaf-p256.pem"));
    assert!(
        checked.contains("  owner signature over ServiceMetadata: verified, signed by "),
        "{checked}"
    );
    assert!(!checked.contains("not verified"), "{checked}");
    let unchecked = text(None);
    assert!(
        unchecked.contains("  other signatures (not verified; --owner-trust checks them): 1"),
        "{unchecked}"
    );
    assert!(!unchecked.contains("owner signature over"), "{unchecked}");
    let out = owner_run(
        "ehealth-owner-signature-broken.xml",
        Some("leaf-p256.pem"),
        false,
    );
    assert_eq!(out.status.code(), Some(1));
    let rejected = String::from_utf8(out.stdout).unwrap();
    assert!(
        rejected.contains("  owner signature: rejected: ")
            && rejected.contains("dsig.digest_mismatch"),
        "{rejected}"
    );
}

#[test]
fn ap_trust_checks_the_endpoint_certificates() {
    let pki = "tests/data/xmldsig-gen/pki";
    let (root, inter) = (format!("{pki}/root.pem"), format!("{pki}/intermediate.pem"));
    let (code, json) = verify_json(
        "smp1-exc.xml",
        &["--ap-trust", &root, "--ap-intermediate", &inter],
    );
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["endpoints"][0]["certificate_trusted"], true);
    assert!(json["endpoints"][0]["certificate_error"].is_null());
    // Root and intermediate both as anchors.
    let (_, json) = verify_json("smp1-exc.xml", &["--ap-trust", &root, "--ap-trust", &inter]);
    assert_eq!(json["endpoints"][0]["certificate_trusted"], true);
    // An unrelated anchor: reported, the record still verifies.
    let (code, json) = verify_json(
        "smp1-exc.xml",
        &["--ap-trust", "tests/data/sample/signer.pem"],
    );
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["endpoints"][0]["certificate_trusted"], false);
    assert_eq!(
        json["endpoints"][0]["certificate_error"],
        "pki.untrusted_signer"
    );
    // Not asked: null.
    let (_, json) = verify_json("smp1-exc.xml", &[]);
    assert!(json["endpoints"][0]["certificate_trusted"].is_null());
}
