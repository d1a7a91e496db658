//! Helpers shared by the integration tests: locating vectors and running cases.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};

use trustmeta::{DateTime, Policy, SignatureVerifier, TrustStore};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn shared() -> PathBuf {
    std::env::var_os("TRUSTMETA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"))
}

/// Resolves a path of the conformance table: `shared/…` under the shared folder, else
/// under the repository.
///
/// With `TRUSTMETA_XMLDSIG_GEN` set (scripts/test-rust.sh sets it to a copy that xmlsec1
/// has just re-signed), `tests/data/xmldsig-gen/…` is read from there, so the tests run
/// on signatures made during the run as well as on the committed ones.
pub fn resolve(p: &str) -> PathBuf {
    if let (Some(rest), Some(dir)) = (
        p.strip_prefix("tests/data/xmldsig-gen/"),
        std::env::var_os("TRUSTMETA_XMLDSIG_GEN"),
    ) {
        return PathBuf::from(dir).join(rest);
    }
    // Likewise TRUSTMETA_SAML_GEN for the SAML messages xmlsec1 signs during the run.
    if let (Some(rest), Some(dir)) = (
        p.strip_prefix("tests/data/saml/signed/"),
        std::env::var_os("TRUSTMETA_SAML_GEN"),
    ) {
        return PathBuf::from(dir).join("signed").join(rest);
    }
    match p.strip_prefix("shared/") {
        Some(rest) => shared().join(rest),
        None => repo().join(p),
    }
}

pub fn read(p: &str) -> Vec<u8> {
    let path = resolve(p);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn at(s: &str) -> DateTime {
    DateTime::parse_rfc3339(s).unwrap()
}

/// One row of tests/conformance/cases.tsv.
pub struct Case {
    pub id: String,
    pub file: String,
    pub trust: Vec<String>,
    pub intermediates: Vec<String>,
    pub at: String,
    pub options: Vec<String>,
    pub expect: String,
}

pub fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(repo().join("tests/conformance/cases.tsv")).unwrap();
    let list = |s: &str| {
        if s == "-" {
            vec![]
        } else {
            s.split(',').map(String::from).collect()
        }
    };
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 7, "bad row: {l}");
            Case {
                id: f[0].into(),
                file: f[1].into(),
                trust: list(f[2]),
                intermediates: list(f[3]),
                at: f[4].into(),
                options: list(f[5]),
                expect: f[6].into(),
            }
        })
        .collect()
}

impl Case {
    pub fn store(&self) -> TrustStore {
        let mut s = TrustStore::new();
        for t in &self.trust {
            s.add_pem(&read(t))
                .unwrap_or_else(|e| panic!("{}: trust {t}: {e}", self.id));
        }
        for i in &self.intermediates {
            s.add_intermediates_pem(&read(i)).unwrap();
        }
        s
    }

    pub fn policy(&self) -> Policy {
        let mut p = Policy::default();
        for o in &self.options {
            match o.split_once('=') {
                None if o == "allow_sha1" => p.allow_sha1 = true,
                Some(("min_rsa_bits", n)) => p.min_rsa_bits = n.parse().unwrap(),
                _ => panic!("unknown option {o}"),
            }
        }
        p
    }

    /// "ok" or the error code.
    pub fn run(&self, verifier: &dyn SignatureVerifier) -> String {
        let xml = read(&self.file);
        match trustmeta::verify_with(&xml, &self.store(), &self.policy(), at(&self.at), verifier) {
            Ok(_) => "ok".into(),
            Err(e) => e.code().as_str().into(),
        }
    }
}

/// Verifies `xml` with `trust` PEM files at 2026-06-01 under `policy`; "ok" or the code.
pub fn outcome(xml: &[u8], trust: &[&str], intermediates: &[&str], policy: &Policy) -> String {
    let mut s = TrustStore::new();
    for t in trust {
        s.add_pem(&read(t)).unwrap();
    }
    for i in intermediates {
        s.add_intermediates_pem(&read(i)).unwrap();
    }
    match trustmeta::verify(xml, &s, policy, at("2026-06-01T00:00:00Z")) {
        Ok(_) => "ok".into(),
        Err(e) => e.code().as_str().into(),
    }
}

/// Standard base64, white space and padding skipped: a decoder of the tests' own, so that
/// what they read does not lean on the code under test.
pub fn decode_b64(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
        let v = A.iter().position(|&a| a == c).unwrap() as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}
