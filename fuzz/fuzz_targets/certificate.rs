//! Certificates (DER) and trust-store PEM.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(c) = trustmeta::Certificate::from_der(data) {
        let _ = (c.subject(), c.sha256_hex(), c.subject_matches("CN=x"));
    }
    let _ = trustmeta::TrustStore::from_pem(data);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = trustmeta::DateTime::parse_xsd(s);
    }
});
