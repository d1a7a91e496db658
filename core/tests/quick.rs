use trustmeta::*;
#[test]
fn sample_verifies() {
    let store = TrustStore::from_pem(include_bytes!("../../tests/data/sample/signer.pem")).unwrap();
    let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let r = verify(include_bytes!("../../tests/data/sample/smp-signed.xml"), &store, &Policy::default(), now);
    println!("{:?}", r.as_ref().map(|d| d.report()));
    r.unwrap();
}
