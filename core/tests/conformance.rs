//! Every case of tests/conformance/cases.tsv — public XML-DSig vectors and documents signed
//! by xmlsec1 — through each crypto backend. The other front doors run the same table.

mod common;

use trustmeta::SignatureVerifier;

/// Runs one case; the options `crl=<path>` (repeatable: each file's CRLs go into the trust
/// store) and `allow_stale_crl` are read here, the others by `common::Case`.
fn run(c: &common::Case, verifier: &dyn SignatureVerifier) -> String {
    let mut crls = Vec::new();
    let mut allow_stale_crl = false;
    let mut options = Vec::new();
    for o in &c.options {
        match o.split_once('=') {
            Some(("crl", path)) => crls.push(path.to_string()),
            None if o == "allow_stale_crl" => allow_stale_crl = true,
            _ => options.push(o.clone()),
        }
    }
    let rest = common::Case {
        id: c.id.clone(),
        file: c.file.clone(),
        trust: c.trust.clone(),
        intermediates: c.intermediates.clone(),
        at: c.at.clone(),
        options,
        expect: c.expect.clone(),
    };
    let mut store = rest.store();
    for path in &crls {
        if let Err(e) = store.add_crls_pem(&common::read(path)) {
            return e.code().as_str().into();
        }
    }
    let policy = trustmeta::Policy {
        allow_stale_crl,
        ..rest.policy()
    };
    let xml = common::read(&c.file);
    match trustmeta::verify_with(&xml, &store, &policy, common::at(&c.at), verifier) {
        Ok(_) => "ok".into(),
        Err(e) => e.code().as_str().into(),
    }
}

fn run_all(name: &str, verifier: &dyn SignatureVerifier) {
    let cases = common::cases();
    let mut failed = Vec::new();
    println!("{:<52} {:<34} got", "case", "expected");
    for c in &cases {
        let got = run(c, verifier);
        let mark = if got == c.expect {
            ""
        } else {
            "  <-- MISMATCH"
        };
        println!("{:<52} {:<34} {}{}", c.id, c.expect, got, mark);
        if got != c.expect {
            failed.push(c.id.clone());
        }
    }
    println!(
        "{name}: {} passed, {} failed",
        cases.len() - failed.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "{name}: mismatches: {failed:?}");
}

#[test]
fn conformance_portable_backend() {
    run_all("rust-portable", &trustmeta::Portable);
}

#[cfg(feature = "fast")]
#[test]
fn conformance_fast_backend() {
    run_all("rust-fast", &trustmeta::Fast);
}
