//! The command line never writes through a symlink planted in a folder it writes to:
//! not at the temporary names it used to use (`<record>.xml.tmp`), not at the names it
//! writes (`tsl to-smp --out`, the `metadata refresh` state directory). Linux only: the
//! attack and the guarantee are about POSIX symlinks.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

const AT: &str = "2026-06-01T00:00:00Z";

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
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A fresh folder and, inside it, a file the planted links point at.
fn scratch(name: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "trustmeta-safe-write-cli-{name}-{}",
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let victim = dir.join("victim");
    fs::write(&victim, b"precious").unwrap();
    (dir, victim)
}

fn is_regular(p: &Path) -> bool {
    fs::symlink_metadata(p).unwrap().file_type().is_file()
}

fn to_smp(out: &Path) -> Output {
    trustmeta(&[
        "tsl",
        "to-smp",
        "--json",
        "--at",
        AT,
        "--trust",
        "tests/data/tsl/signed/signer.pem",
        "--out",
        out.to_str().unwrap(),
        "tests/data/tsl/signed/ncp-configuration-xx.xml",
    ])
}

#[test]
fn tsl_to_smp_never_writes_through_a_planted_link() {
    let (dir, victim) = scratch("to-smp");
    // The record names, from a run into a folder of its own.
    let first = to_smp(&dir.join("first"));
    assert_eq!(first.status.code(), Some(0));
    let names: Vec<String> = json(&first)["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let file = PathBuf::from(r["file"].as_str().unwrap());
            file.file_name().unwrap().to_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(names.len(), 8);
    // A shared output folder where someone planted links at the old temporary names of
    // every record and at half of the records themselves.
    let out = dir.join("shared");
    fs::create_dir(&out).unwrap();
    for (i, name) in names.iter().enumerate() {
        symlink(&victim, out.join(format!("{name}.tmp"))).unwrap();
        if i % 2 == 0 {
            symlink(&victim, out.join(name)).unwrap();
        }
    }
    let second = to_smp(&out);
    assert_eq!(second.status.code(), Some(0), "{}", json(&second));
    assert_eq!(fs::read(&victim).unwrap(), b"precious");
    for name in &names {
        let p = out.join(name);
        assert!(is_regular(&p), "{name} is not a regular file");
        assert_eq!(
            fs::read(&p).unwrap(),
            fs::read(dir.join("first").join(name)).unwrap()
        );
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn metadata_refresh_never_writes_through_a_planted_link() {
    let (dir, victim) = scratch("refresh");
    let state = dir.join("state");
    fs::create_dir(&state).unwrap();
    for name in [
        "metadata.xml",
        "metadata.previous.xml",
        "state.json",
        "index.tsv",
        ".lock",
    ] {
        symlink(&victim, state.join(name)).unwrap();
    }
    let refresh = || {
        trustmeta(&[
            "metadata",
            "refresh",
            "--json",
            "--force",
            "--source",
            "tests/data/metadata/signed/aggregate.xml",
            "--trust",
            "tests/data/metadata/signed/signer.pem",
            "--profile",
            "etoegang",
            "--at",
            AT,
            "--state",
            state.to_str().unwrap(),
        ])
    };
    // Twice: the second run also moves the held copy to metadata.previous.xml.
    for _ in 0..2 {
        let out = refresh();
        assert_eq!(out.status.code(), Some(0), "{}", json(&out));
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
    }
    for name in [
        "metadata.xml",
        "state.json",
        "index.tsv",
        "metadata.previous.xml",
        ".lock",
    ] {
        assert!(
            is_regular(&state.join(name)),
            "{name} is not a regular file"
        );
    }
    assert_eq!(
        fs::read(state.join("metadata.xml")).unwrap(),
        fs::read(repo().join("tests/data/metadata/signed/aggregate.xml")).unwrap()
    );
    // Nothing temporary is left behind.
    let left: Vec<String> = fs::read_dir(&state)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.') && n != ".lock")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    fs::remove_dir_all(&dir).unwrap();
}
