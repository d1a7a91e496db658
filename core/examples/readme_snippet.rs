//! The Rust snippet of README.md, run from the repository root by scripts/test-rust.sh;
//! core/tests/readme.rs checks that the README shows these lines verbatim.
#![allow(clippy::std_instead_of_core)] // a std program, written the way users write them

use trustmeta::{verify, DateTime, Policy, TrustStore};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let store = TrustStore::from_pem(&std::fs::read("tests/data/sample/signer.pem")?)?;
    let xml = std::fs::read("tests/data/sample/smp-signed.xml")?;
    let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
    let doc = verify(&xml, &store, &Policy::default(), now)?;
    let signer = doc.report().signer.ok_or("no signer certificate")?;
    println!("{}", signer.sha256_hex());
    Ok(())
}
