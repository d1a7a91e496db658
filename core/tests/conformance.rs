//! Every case of tests/conformance/cases.tsv — public XML-DSig vectors and documents signed
//! by xmlsec1 — through each crypto backend. The other front doors run the same table.

mod common;

use trustmeta::SignatureVerifier;

fn run_all(name: &str, verifier: &dyn SignatureVerifier) {
    let cases = common::cases();
    let mut failed = Vec::new();
    println!("{:<52} {:<34} got", "case", "expected");
    for c in &cases {
        let got = c.run(verifier);
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
