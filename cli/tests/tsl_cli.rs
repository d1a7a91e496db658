//! `trustmeta tsl verify` and `tsl to-smp` on the XAdES baseline-B refusals of
//! tests/data/tsl (signed by make_signed.sh with xmlsec1): each list is signed
//! correctly, and each is refused with its own code, exit 1, and nothing written.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

const AT: &str = "2026-06-01T00:00:00Z";
const SIGNER: &str = "tests/data/tsl/signed/signer.pem";

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

fn verify(file: &str, at: &str) -> (i32, Value) {
    let path = format!("tests/data/tsl/signed/{file}");
    let out = trustmeta(&[
        "tsl", "verify", "--json", "--at", at, "--trust", SIGNER, &path,
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{file}: {e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), v)
}

fn refused_with(file: &str, at: &str, code: &str) {
    let (status, v) = verify(file, at);
    assert_eq!(status, 1, "{file}: {v}");
    assert_eq!(v["valid"], false, "{file}: {v}");
    assert_eq!(v["error"]["code"], code, "{file}: {v}");
}

#[test]
fn the_list_as_signed_verifies_and_reports_its_signing_time() {
    let (status, v) = verify("ncp-configuration-xx.xml", AT);
    assert_eq!(status, 0, "{v}");
    assert_eq!(v["signing_time"], "2026-05-01T09:58:00Z", "{v}");
}

#[test]
fn an_untyped_signed_properties_reference_is_refused() {
    refused_with(
        "signed-properties-untyped.xml",
        AT,
        "tsl.signed_properties_type",
    );
}

#[test]
fn a_list_reference_typed_as_signed_properties_is_refused() {
    refused_with("list-reference-typed.xml", AT, "tsl.signed_properties_type");
}

#[test]
fn a_list_without_signing_time_is_refused() {
    refused_with("no-signing-time.xml", AT, "tsl.signing_time_missing");
}

#[test]
fn a_list_signed_in_2099_is_refused() {
    refused_with("signing-time-2099.xml", AT, "tsl.signing_time_invalid");
}

#[test]
fn a_list_signed_after_its_next_update_is_refused() {
    // After NextUpdate the contradiction is reported, not merely the age of the list.
    refused_with(
        "signing-time-after-next-update.xml",
        "2026-11-10T00:00:00Z",
        "tsl.signing_time_invalid",
    );
    refused_with(
        "signing-time-after-next-update.xml",
        AT,
        "tsl.signing_time_invalid",
    );
}

#[test]
fn to_smp_writes_nothing_for_a_refused_list() {
    let out = std::env::temp_dir().join(format!("trustmeta-tsl-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = trustmeta(&[
        "tsl",
        "to-smp",
        "--json",
        "--at",
        AT,
        "--trust",
        SIGNER,
        "--out",
        out.to_str().unwrap(),
        "tests/data/tsl/signed/no-signing-time.xml",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(1), "{v}");
    assert_eq!(v["error"]["code"], "tsl.signing_time_missing", "{v}");
    assert!(!out.exists());
}
