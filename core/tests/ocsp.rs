//! OCSP (RFC 6960) against a real `openssl ocsp` responder on a throwaway PKI made during
//! the test (see common/ocsp_pki.rs). Requests come from our own builder and from
//! `openssl ocsp` itself; every case asserts the exact status or error code.

mod common;
#[path = "common/ocsp_pki.rs"]
mod ocsp_pki;

use ocsp_pki::{openssl_request, Pki, REVOKED_AT};
use trustmeta::{
    build_ocsp_request, verify_ocsp_response, Certificate, DateTime, DigestAlgorithm, Error,
    OcspQuestion, OcspStatus, Policy, RevocationReason, SignatureAlgorithm, TrustStore,
    VerifiedOcspResponse,
};

const NONCE: &[u8] = b"0123456789abcdef";

fn now() -> DateTime {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    DateTime::from_unix(i64::try_from(d.as_secs()).unwrap())
}

fn cert(pki: &Pki, name: &str) -> Certificate {
    TrustStore::from_pem(&pki.pem(name)).unwrap().certificates()[0].clone()
}

fn check(
    pki: &Pki,
    response: &[u8],
    name: &str,
    nonce: Option<&[u8]>,
    policy: &Policy,
    at: DateTime,
) -> Result<VerifiedOcspResponse, Error> {
    check_skewed(pki, response, name, nonce, policy, at, 300)
}

fn check_skewed(
    pki: &Pki,
    response: &[u8],
    name: &str,
    nonce: Option<&[u8]>,
    policy: &Policy,
    at: DateTime,
    clock_skew_secs: u32,
) -> Result<VerifiedOcspResponse, Error> {
    let (issuer, certificate) = (cert(pki, "ca"), cert(pki, name));
    let q = OcspQuestion {
        nonce,
        clock_skew_secs,
        ..OcspQuestion::new(&issuer, &certificate)
    };
    verify_ocsp_response(response, &q, policy, at)
}

fn code<T: core::fmt::Debug>(r: Result<T, Error>) -> &'static str {
    r.expect_err("must be refused").code().as_str()
}

fn request(pki: &Pki, name: &str, hash: DigestAlgorithm, nonce: Option<&[u8]>) -> Vec<u8> {
    build_ocsp_request(&cert(pki, "ca"), &cert(pki, name), hash, nonce)
}

#[test]
fn ca_signed_good_revoked_unknown_with_sha1_and_sha256_cert_ids() {
    let pki = Pki::new();
    let r = pki.responder("ca", &[]);
    let p = Policy::default();
    for hash in [DigestAlgorithm::Sha1, DigestAlgorithm::Sha256] {
        let good = r.post(&request(&pki, "good", hash, Some(NONCE)));
        let v = check(&pki, &good, "good", Some(NONCE), &p, now()).unwrap();
        assert_eq!(v.status(), OcspStatus::Good);
        assert_eq!(v.cert_id_hash(), hash);
        assert!(!v.is_delegated());
        assert_eq!(v.responder().subject(), "CN=Test OCSP CA");
        assert_eq!(v.signature_algorithm(), SignatureAlgorithm::RsaPkcs1Sha256);
        assert_eq!(
            v.next_update().unwrap().unix_seconds() - v.this_update().unix_seconds(),
            86_400
        );
        v.require_good().unwrap();

        let revoked = r.post(&request(&pki, "revoked", hash, Some(NONCE)));
        let v = check(&pki, &revoked, "revoked", Some(NONCE), &p, now()).unwrap();
        assert_eq!(
            v.status(),
            OcspStatus::Revoked {
                time: DateTime::parse_rfc3339(REVOKED_AT).unwrap(),
                reason: Some(RevocationReason::KeyCompromise),
            }
        );
        assert_eq!(
            v.require_good().unwrap_err().code().as_str(),
            "ocsp.status_revoked"
        );

        let unknown = r.post(&request(&pki, "unknown", hash, None));
        let v = check(&pki, &unknown, "unknown", None, &p, now()).unwrap();
        assert_eq!(v.status(), OcspStatus::Unknown);
        assert_eq!(
            v.require_good().unwrap_err().code().as_str(),
            "ocsp.status_unknown"
        );
    }
}

#[test]
fn requests_and_responses_from_openssl_as_an_independent_client() {
    let pki = Pki::new();
    let r = pki.responder("ca", &[]);
    let p = Policy::default();
    // A request built by openssl, POSTed by us.
    let req = openssl_request(&pki, &["-cert", "good.pem"]);
    let v = check(&pki, &r.post(&req), "good", None, &p, now()).unwrap();
    assert_eq!(v.status(), OcspStatus::Good);
    assert_eq!(v.cert_id_hash(), DigestAlgorithm::Sha1);
    let req = openssl_request(&pki, &["-sha256", "-cert", "revoked.pem"]);
    let v = check(&pki, &r.post(&req), "revoked", None, &p, now()).unwrap();
    assert_eq!(v.status().name(), "revoked");
    assert_eq!(v.cert_id_hash(), DigestAlgorithm::Sha256);
    // Request and transport by openssl; openssl adds its own nonce, which we did not send
    // and so do not check.
    let resp = r.fetch_with_openssl(&pki, &["-sha256", "-cert", "unknown.pem"]);
    let v = check(&pki, &resp, "unknown", None, &p, now()).unwrap();
    assert_eq!(v.status(), OcspStatus::Unknown);
    assert_eq!(v.cert_id_hash(), DigestAlgorithm::Sha256);
    // A responder identified by key hash instead of name.
    let by_key = pki.responder("ca", &["-resp_key_id"]);
    let v = check(
        &pki,
        &by_key.post(&request(&pki, "good", DigestAlgorithm::Sha1, None)),
        "good",
        None,
        &p,
        now(),
    )
    .unwrap();
    assert_eq!(v.status(), OcspStatus::Good);
    assert!(!v.is_delegated());
}

#[test]
fn delegated_responders_rsa_and_ecdsa() {
    let pki = Pki::new();
    let p = Policy::default();
    for (signer, alg) in [
        ("responder", SignatureAlgorithm::RsaPkcs1Sha256),
        ("ecresponder", SignatureAlgorithm::EcdsaSha256),
    ] {
        let r = pki.responder(signer, &[]);
        let resp = r.post(&request(
            &pki,
            "revoked",
            DigestAlgorithm::Sha1,
            Some(NONCE),
        ));
        let v = check(&pki, &resp, "revoked", Some(NONCE), &p, now()).unwrap();
        assert!(v.is_delegated());
        assert_eq!(v.responder().subject(), format!("CN={signer}"));
        assert_eq!(v.signature_algorithm(), alg);
        assert_eq!(v.status().name(), "revoked");
        // Before the delegated responder certificate's notBefore: it is not yet valid.
        let early = DateTime::from_unix(v.responder().not_before().unix_seconds() - 3600);
        assert_eq!(
            code(check_skewed(
                &pki,
                &resp,
                "revoked",
                Some(NONCE),
                &p,
                early,
                7200
            )),
            "pki.not_yet_valid"
        );
    }
}

#[test]
fn responders_the_ca_did_not_authorise_are_refused() {
    let pki = Pki::new();
    let p = Policy::default();
    // Issued by the CA, but for serverAuth only.
    let r = pki.responder("noeku", &[]);
    let resp = r.post(&request(&pki, "good", DigestAlgorithm::Sha1, None));
    assert_eq!(
        code(check(&pki, &resp, "good", None, &p, now())),
        "ocsp.responder_not_authorized"
    );
    // Authorised, but without id-pkix-ocsp-nocheck: whether its own certificate was
    // revoked is unknown (RFC 6960 §4.2.2.2.1).
    let r = pki.responder("checkable", &[]);
    let resp = r.post(&request(&pki, "good", DigestAlgorithm::Sha1, None));
    let e = check(&pki, &resp, "good", None, &p, now()).unwrap_err();
    assert_eq!(e.code().as_str(), "ocsp.responder_not_authorized");
    assert!(e.to_string().contains("id-pkix-ocsp-nocheck"), "{e}");
    // A delegated responder that leaves its certificate out of the response.
    let r = pki.responder("responder", &["-resp_no_certs"]);
    let resp = r.post(&request(&pki, "good", DigestAlgorithm::Sha1, None));
    assert_eq!(
        code(check(&pki, &resp, "good", None, &p, now())),
        "ocsp.responder_not_authorized"
    );
    // Another CA with the same name, answering about its own certificate with the same
    // serial. Named by its (equal) name, the signer is taken for our CA, whose key then
    // does not verify; named by its key hash, it is a certificate our CA did not issue.
    let other = Pki::new();
    let r = other.responder("ca", &[]);
    let resp = r.post(&request(&other, "good", DigestAlgorithm::Sha1, None));
    assert_eq!(
        code(check(&pki, &resp, "good", None, &p, now())),
        "crypto.bad_signature"
    );
    let r = other.responder("ca", &["-resp_key_id"]);
    let resp = r.post(&request(&other, "good", DigestAlgorithm::Sha1, None));
    assert_eq!(
        code(check(&pki, &resp, "good", None, &p, now())),
        "ocsp.responder_not_authorized"
    );
}

#[test]
fn tampered_and_truncated_responses_are_refused() {
    let pki = Pki::new();
    let r = pki.responder("responder", &[]);
    let p = Policy::default();
    let resp = r.post(&request(&pki, "good", DigestAlgorithm::Sha1, None));
    check(&pki, &resp, "good", None, &p, now()).unwrap();
    // One bit of the CertID's serial inside tbsResponseData: still DER, no longer signed.
    let serial_at = resp
        .windows(4)
        .position(|w| w == [0x02, 0x02, 0x20, 0x01])
        .expect("the serial 0x2001 in the CertID");
    let mut tampered = resp.clone();
    tampered[serial_at + 3] ^= 0x01;
    // The CertID is not looked at before the signature: a changed serial is a bad signature.
    assert_eq!(
        code(check(&pki, &tampered, "good", None, &p, now())),
        "crypto.bad_signature"
    );
    // One bit of the signature value, found by its BIT STRING header (RSA-2048).
    let mut sig_tampered = resp.clone();
    let bit_string = resp
        .windows(4)
        .position(|w| w == [0x03, 0x82, 0x01, 0x01])
        .expect("an RSA-2048 signature BIT STRING");
    sig_tampered[bit_string + 10] ^= 0x80;
    assert_eq!(
        code(check(&pki, &sig_tampered, "good", None, &p, now())),
        "crypto.bad_signature"
    );
    for cut in [0, 1, 5, resp.len() / 2, resp.len() - 1] {
        assert_eq!(
            code(check(&pki, &resp[..cut], "good", None, &p, now())),
            "ocsp.malformed",
            "cut at {cut}"
        );
    }
    let mut longer = resp.clone();
    longer.push(0);
    assert_eq!(
        code(check(&pki, &longer, "good", None, &p, now())),
        "ocsp.malformed"
    );
}

#[test]
fn validity_window_with_clock_skew() {
    let pki = Pki::new();
    let r = pki.responder("ca", &[]);
    let p = Policy::default();
    let resp = r.post(&request(&pki, "good", DigestAlgorithm::Sha256, None));
    let v = check(&pki, &resp, "good", None, &p, now()).unwrap();
    let (this, next) = (
        v.this_update().unix_seconds(),
        v.next_update().unwrap().unix_seconds(),
    );
    let at = DateTime::from_unix;
    // Within the skew on both sides: accepted.
    check(&pki, &resp, "good", None, &p, at(next + 299)).unwrap();
    check(&pki, &resp, "good", None, &p, at(this - 299)).unwrap();
    // Beyond it: stale, not yet valid.
    assert_eq!(
        code(check(&pki, &resp, "good", None, &p, at(next + 301))),
        "ocsp.stale"
    );
    assert_eq!(
        code(check(&pki, &resp, "good", None, &p, at(this - 301))),
        "ocsp.not_yet_valid"
    );
    // The skew is the question's.
    assert_eq!(
        code(check_skewed(&pki, &resp, "good", None, &p, at(next + 1), 0)),
        "ocsp.stale"
    );
    // Without nextUpdate the response is current only around its thisUpdate.
    let no_next = pki.responder_with("ca", None, &[]);
    let resp = no_next.post(&request(&pki, "good", DigestAlgorithm::Sha1, None));
    let v = check(&pki, &resp, "good", None, &p, now()).unwrap();
    assert_eq!(v.next_update(), None);
    let this = v.this_update().unix_seconds();
    assert_eq!(
        code(check(&pki, &resp, "good", None, &p, at(this + 301))),
        "ocsp.stale"
    );
}

#[test]
fn nonce_must_be_echoed() {
    let pki = Pki::new();
    let r = pki.responder("ca", &[]);
    let p = Policy::default();
    let resp = r.post(&request(&pki, "good", DigestAlgorithm::Sha1, Some(NONCE)));
    check(&pki, &resp, "good", Some(NONCE), &p, now()).unwrap();
    // Not checked when the caller sent none.
    check(&pki, &resp, "good", None, &p, now()).unwrap();
    assert_eq!(
        code(check(
            &pki,
            &resp,
            "good",
            Some(b"another nonce"),
            &p,
            now()
        )),
        "ocsp.nonce_mismatch"
    );
    // A response without a nonce when one was sent (a cached or replayed answer).
    let plain = r.post(&request(&pki, "good", DigestAlgorithm::Sha1, None));
    assert_eq!(
        code(check(&pki, &plain, "good", Some(NONCE), &p, now())),
        "ocsp.nonce_mismatch"
    );
}

#[test]
fn response_about_another_certificate_is_refused() {
    let pki = Pki::new();
    let r = pki.responder("ca", &[]);
    let p = Policy::default();
    let revoked = r.post(&request(&pki, "revoked", DigestAlgorithm::Sha1, None));
    // A signed "revoked" for serial 2002 is no statement about 2001.
    assert_eq!(
        code(check(&pki, &revoked, "good", None, &p, now())),
        "ocsp.cert_id_mismatch"
    );
    // The question must be consistent: `good` is not issued by the responder certificate.
    let (issuer, certificate) = (cert(&pki, "responder"), cert(&pki, "good"));
    let q = OcspQuestion::new(&issuer, &certificate);
    assert_eq!(
        code(verify_ocsp_response(&revoked, &q, &p, now())),
        "ocsp.wrong_issuer"
    );
    // An error status instead of a response (openssl's responder drops the connection on
    // a bad request rather than answer malformedRequest, so the answer is written here):
    // OCSPResponse { responseStatus unauthorized }.
    assert_eq!(
        code(check(
            &pki,
            &[0x30, 0x03, 0x0a, 0x01, 0x06],
            "good",
            None,
            &p,
            now()
        )),
        "ocsp.not_successful"
    );
}

#[test]
fn sha1_signed_responses_need_the_policy_switch() {
    let pki = Pki::new();
    let r = pki.responder("ca", &["-rmd", "sha1"]);
    let resp = r.post(&request(&pki, "good", DigestAlgorithm::Sha1, None));
    assert_eq!(
        code(check(&pki, &resp, "good", None, &Policy::default(), now())),
        "ocsp.algorithm_refused"
    );
    let legacy = Policy {
        allow_sha1: true,
        ..Policy::default()
    };
    let v = check(&pki, &resp, "good", None, &legacy, now()).unwrap();
    assert_eq!(v.signature_algorithm(), SignatureAlgorithm::RsaPkcs1Sha1);
    assert_eq!(v.status(), OcspStatus::Good);
}

/// A verified "revoked" given to the trust store makes path building refuse the
/// certificate; "good" evidence changes nothing.
#[test]
fn trust_store_refuses_a_signer_with_revoked_evidence() {
    let pki = Pki::new();
    let r = pki.responder("ca", &[]);
    let p = Policy::default();
    let sign = |name: &str| -> Vec<u8> {
        let tmpl = pki.path("tmpl.xml");
        std::fs::write(
            &tmpl,
            r#"<doc><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature></doc>"#,
        )
        .unwrap();
        let out = pki.path(&format!("{name}-signed.xml"));
        let key = format!(
            "{},{}",
            pki.path(&format!("{name}.key")).display(),
            pki.path(&format!("{name}.pem")).display()
        );
        let st = std::process::Command::new("xmlsec1")
            .args(["--sign", "--privkey-pem", &key, "--output"])
            .arg(&out)
            .arg(&tmpl)
            .output()
            .expect("xmlsec1 must be installed");
        assert!(
            st.status.success(),
            "{}",
            String::from_utf8_lossy(&st.stderr)
        );
        std::fs::read(out).unwrap()
    };
    let mut store = TrustStore::from_pem(&pki.pem("ca")).unwrap();
    let revoked_xml = sign("revoked");
    let good_xml = sign("good");
    trustmeta::verify(&revoked_xml, &store, &p, now()).unwrap();

    let good = r.post(&request(&pki, "good", DigestAlgorithm::Sha1, None));
    let good = check(&pki, &good, "good", None, &p, now()).unwrap();
    assert!(!store.add_ocsp_evidence(&good));
    let revoked = r.post(&request(&pki, "revoked", DigestAlgorithm::Sha1, None));
    let revoked = check(&pki, &revoked, "revoked", None, &p, now()).unwrap();
    assert!(store.add_ocsp_evidence(&revoked));

    // Path revocation has one code whatever said so (a CRL or OCSP evidence).
    assert_eq!(
        code(trustmeta::verify(&revoked_xml, &store, &p, now())),
        "pki.revoked"
    );
    trustmeta::verify(&good_xml, &store, &p, now()).unwrap();
    // Also when the revoked certificate is pinned rather than chained.
    let mut pinned = TrustStore::from_pem(&pki.pem("revoked")).unwrap();
    trustmeta::verify(&revoked_xml, &pinned, &p, now()).unwrap();
    pinned.add_ocsp_evidence(&revoked);
    assert_eq!(
        code(trustmeta::verify(&revoked_xml, &pinned, &p, now())),
        "pki.revoked"
    );
}

/// One `dup-*` fixture of tests/data/ocsp (make-duplicates.sh), verified at 2027-01-01.
fn dup_fixture(response: &str, certificate: &str) -> Result<VerifiedOcspResponse, Error> {
    let read = |f: &str| common::read(&format!("tests/data/ocsp/{f}"));
    let issuer = TrustStore::from_pem(&read("dup-ca.pem"))
        .unwrap()
        .certificates()[0]
        .clone();
    let cert = TrustStore::from_pem(&read(certificate))
        .unwrap()
        .certificates()[0]
        .clone();
    let q = OcspQuestion::new(&issuer, &cert);
    verify_ocsp_response(
        &read(response),
        &q,
        &Policy::default(),
        common::at("2027-01-01T00:00:00Z"),
    )
}

#[test]
fn two_answers_about_one_certificate_are_refused() {
    // good, then revoked, for one CertID (an edited, re-signed openssl response): the first
    // answer used to win. RFC 6960 does not say which counts, so neither does.
    let e = dup_fixture("dup-good-revoked.der", "dup-good.pem").unwrap_err();
    assert_eq!(e.code().as_str(), "ocsp.duplicate_response");
    assert_eq!(e.code().number(), 915);
    assert_eq!(
        e,
        Error::Ocsp(trustmeta::OcspError::DuplicateResponse { count: 2 })
    );
    // Two equal answers, and one certificate under a SHA-1 and a SHA-256 CertID.
    for f in ["dup-good-good.der", "dup-sha1-sha256.der"] {
        assert_eq!(
            code(dup_fixture(f, "dup-good.pem")),
            "ocsp.duplicate_response",
            "{f}"
        );
    }
    // One answer for each of two certificates is what RFC 6960 foresees.
    let v = dup_fixture("dup-two-certs.der", "dup-good.pem").unwrap();
    assert_eq!(v.status(), OcspStatus::Good);
    let v = dup_fixture("dup-two-certs.der", "dup-revoked.pem").unwrap();
    assert_eq!(v.status().name(), "revoked");

    // The same from a live responder, asked by openssl about one certificate twice.
    let pki = Pki::new();
    let r = pki.responder("ca", &[]);
    let p = Policy::default();
    for args in [
        &["-cert", "good.pem", "-cert", "good.pem"][..],
        &["-cert", "revoked.pem", "-sha256", "-cert", "revoked.pem"][..],
    ] {
        let resp = r.post(&openssl_request(&pki, args));
        let name = if args[1] == "good.pem" {
            "good"
        } else {
            "revoked"
        };
        assert_eq!(
            code(check(&pki, &resp, name, None, &p, now())),
            "ocsp.duplicate_response",
            "{args:?}"
        );
    }
    let resp = r.post(&openssl_request(
        &pki,
        &["-cert", "good.pem", "-cert", "revoked.pem"],
    ));
    let v = check(&pki, &resp, "revoked", None, &p, now()).unwrap();
    assert_eq!(v.status().name(), "revoked");
}

#[test]
fn a_response_signed_after_now_is_not_yet_valid() {
    // thisUpdate 2026-01-01, producedAt the day make-produced-later.py ran (pyca/cryptography;
    // openssl's responder always writes thisUpdate = producedAt).
    let read = |f: &str| common::read(&format!("tests/data/ocsp/{f}"));
    let first = |f: &str| TrustStore::from_pem(&read(f)).unwrap().certificates()[0].clone();
    let (issuer, cert) = (first("later-ca.pem"), first("later-good.pem"));
    let q = OcspQuestion::new(&issuer, &cert);
    let response = read("later-good.der");
    let at = |t: &str| verify_ocsp_response(&response, &q, &Policy::default(), common::at(t));
    let v = at("2027-06-01T00:00:00Z").unwrap();
    assert_eq!(v.status(), OcspStatus::Good);
    let produced = v.produced_at();
    assert!(produced > common::at("2026-01-02T00:00:00Z"));
    // Between thisUpdate and producedAt: within thisUpdate..nextUpdate, but not signed yet.
    let before = DateTime::from_unix(produced.unix_seconds() - 86_400);
    let e = verify_ocsp_response(&response, &q, &Policy::default(), before).unwrap_err();
    assert_eq!(e.code().as_str(), "ocsp.not_yet_valid");
    assert_eq!(
        e,
        Error::Ocsp(trustmeta::OcspError::NotYetValid {
            this_update: produced,
            now: before
        })
    );
}

#[test]
fn rsassa_pss_response_signatures() {
    let pki = Pki::new();
    let p = Policy::default();
    // openssl's responder signing with PSS, MGF1-SHA-256 and a salt of the hash's length:
    // the parameters XML-DSig's sha256-rsa-MGF1 fixes.
    let pss = [
        "-rmd",
        "sha256",
        "-rsigopt",
        "rsa_padding_mode:pss",
        "-rsigopt",
        "rsa_pss_saltlen:digest",
    ];
    let r = pki.responder("responder", &pss);
    let resp = r.post(&request(&pki, "revoked", DigestAlgorithm::Sha256, None));
    let v = check(&pki, &resp, "revoked", None, &p, now()).unwrap();
    assert_eq!(v.signature_algorithm(), SignatureAlgorithm::RsaPssSha256);
    assert_eq!(v.status().name(), "revoked");
    // The same signature with the salt as long as the key allows: refused, named.
    let r = pki.responder(
        "responder",
        &[
            "-rmd",
            "sha256",
            "-rsigopt",
            "rsa_padding_mode:pss",
            "-rsigopt",
            "rsa_pss_saltlen:max",
        ],
    );
    let resp = r.post(&request(&pki, "good", DigestAlgorithm::Sha256, None));
    let e = check(&pki, &resp, "good", None, &p, now()).unwrap_err();
    assert_eq!(e.code().as_str(), "ocsp.unsupported_algorithm");
    assert!(e.to_string().contains("RSASSA-PSS"), "{e}");
    // A delegated responder whose certificate the CA signed with RSASSA-PSS.
    let r = pki.responder("pssresponder", &[]);
    let resp = r.post(&request(&pki, "good", DigestAlgorithm::Sha256, None));
    let v = check(&pki, &resp, "good", None, &p, now()).unwrap();
    assert!(v.is_delegated());
    assert_eq!(v.responder().subject(), "CN=pssresponder");
}

/// A DER TLV with a one-byte tag.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        n if n < 0x80 => out.push(n as u8),
        n if n < 0x100 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend_from_slice(content);
    out
}

/// The TLVs of a DER TLV's content, each whole (one-byte tags, definite lengths).
fn children(der: &[u8]) -> Vec<&[u8]> {
    let header = |b: &[u8]| match b[1] {
        n if n < 0x80 => (2, usize::from(n)),
        0x81 => (3, usize::from(b[2])),
        _ => (4, usize::from(b[2]) << 8 | usize::from(b[3])),
    };
    let (h, len) = header(der);
    let mut rest = &der[h..h + len];
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (h, len) = header(rest);
        out.push(&rest[..h + len]);
        rest = &rest[h + len..];
    }
    out
}

/// A live CA-signed response taken apart, for putting together again with edits and
/// signing again with the CA's key (`openssl dgst`).
struct Parts {
    /// responderID, producedAt.
    head: Vec<Vec<u8>>,
    /// certID, certStatus, thisUpdate, nextUpdate of the one SingleResponse.
    single: Vec<Vec<u8>>,
    signature_algorithm: Vec<u8>,
}

impl Parts {
    fn of(response: &[u8]) -> Parts {
        let bytes = children(children(response)[1])[0];
        let basic = children(children(children(bytes)[1])[0]);
        let tbs = children(basic[0]);
        assert_eq!(tbs.len(), 3, "responderID, producedAt, responses");
        let singles = children(tbs[2]);
        assert_eq!(singles.len(), 1);
        Parts {
            head: tbs[..2].iter().map(|p| p.to_vec()).collect(),
            single: children(singles[0]).iter().map(|p| p.to_vec()).collect(),
            signature_algorithm: basic[1].to_vec(),
        }
    }

    /// tbsResponseData with `single_more` after the SingleResponse's fields and
    /// `tbs_more` after the responses.
    fn tbs(&self, single_more: &[u8], tbs_more: &[u8]) -> Vec<u8> {
        let single = tlv(0x30, &[self.single.concat(), single_more.to_vec()].concat());
        let responses = tlv(0x30, &single);
        tlv(
            0x30,
            &[self.head.concat(), responses, tbs_more.to_vec()].concat(),
        )
    }

    /// The OCSPResponse of `tbs`, signed as it is with the CA's key, with `after`
    /// following the BasicOCSPResponse inside its OCTET STRING.
    fn signed(&self, pki: &Pki, tbs: &[u8], after: &[u8]) -> Vec<u8> {
        std::fs::write(pki.path("edited-tbs.der"), tbs).unwrap();
        let out = std::process::Command::new("openssl")
            .args(["dgst", "-sha256", "-sign", "ca.key", "-out", "edited.sig"])
            .arg("edited-tbs.der")
            .current_dir(&pki.dir)
            .output()
            .unwrap();
        assert!(out.status.success());
        let sig = std::fs::read(pki.path("edited.sig")).unwrap();
        let basic = tlv(
            0x30,
            &[
                tbs,
                &self.signature_algorithm,
                &tlv(0x03, &[&[0u8][..], &sig].concat()),
            ]
            .concat(),
        );
        let octets = tlv(0x04, &[basic, after.to_vec()].concat());
        let basic_oid = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];
        let bytes = tlv(0x30, &[tlv(0x06, &basic_oid), octets].concat());
        tlv(
            0x30,
            &[&[0x0a, 0x01, 0x00][..], &tlv(0xa0, &bytes)].concat(),
        )
    }
}

/// A TLV's content.
fn content(der: &[u8]) -> &[u8] {
    &der[der.len() - children(der).concat().len()..]
}

/// An extension with an OID no one defined, critical or not, or with critical FALSE
/// written out.
fn unknown_extension(critical: &[u8]) -> Vec<u8> {
    let e = [
        &tlv(0x06, &[0x2a, 0x03, 0x04])[..],
        critical,
        &tlv(0x04, b"?"),
    ]
    .concat();
    tlv(0x30, &e)
}

/// Responses signed by the CA over exactly the bytes they carry, so that only the DER
/// and the extensions decide: what is not DER is refused though its signature verifies,
/// and so is a critical extension no one defined.
#[test]
fn edited_responses_signed_again_by_the_ca() {
    let pki = Pki::new();
    let r = pki.responder("ca", &[]);
    let p = Policy::default();
    let live = r.post(&request(&pki, "good", DigestAlgorithm::Sha1, None));
    let parts = Parts::of(&live);
    let verdict = |der: &[u8]| match check(&pki, der, "good", None, &p, now()) {
        Ok(v) => v.status().name(),
        Err(e) => e.code().as_str(),
    };
    // Put together again and signed again: as good as the original.
    let tbs = parts.tbs(&[], &[]);
    assert_eq!(verdict(&parts.signed(&pki, &tbs, &[])), "good");

    let critical = [0x01, 0x01, 0xff];
    let exts = |e: &[u8]| tlv(0xa1, &tlv(0x30, e));
    let cases: [(&str, Vec<u8>, &[u8], &str); 10] = [
        (
            "an unknown critical response extension",
            parts.tbs(&[], &exts(&unknown_extension(&critical))),
            &[],
            "ocsp.unknown_critical_extension",
        ),
        (
            "an unknown non-critical response extension",
            parts.tbs(&[], &exts(&unknown_extension(&[]))),
            &[],
            "good",
        ),
        (
            "an unknown critical single extension",
            parts.tbs(&exts(&unknown_extension(&critical)), &[]),
            &[],
            "ocsp.unknown_critical_extension",
        ),
        (
            "critical FALSE written out (DER leaves the DEFAULT out)",
            parts.tbs(&[], &exts(&unknown_extension(&[0x01, 0x01, 0x00]))),
            &[],
            "ocsp.malformed",
        ),
        (
            "critical TRUE as 0x01 (BER, not DER)",
            parts.tbs(&[], &exts(&unknown_extension(&[0x01, 0x01, 0x01]))),
            &[],
            "ocsp.malformed",
        ),
        (
            "tbsResponseData with an indefinite length (BER)",
            [&[0x30, 0x80][..], content(&tbs), &[0, 0]].concat(),
            &[],
            "ocsp.malformed",
        ),
        (
            "tbsResponseData with its length in more bytes than needed",
            {
                let n = u32::try_from(content(&tbs).len()).unwrap().to_be_bytes();
                [&[0x30, 0x84][..], &n, content(&tbs)].concat()
            },
            &[],
            "ocsp.malformed",
        ),
        (
            "a byte after the responses, inside tbsResponseData",
            parts.tbs(&[], &[0x05, 0x00]),
            &[],
            "ocsp.malformed",
        ),
        (
            "a byte after the SingleResponse's fields",
            parts.tbs(&[0x05, 0x00], &[]),
            &[],
            "ocsp.malformed",
        ),
        (
            "a byte after the BasicOCSPResponse, inside its OCTET STRING",
            tbs.clone(),
            &[0x00],
            "ocsp.malformed",
        ),
    ];
    for (what, tbs, after, want) in cases {
        assert_eq!(verdict(&parts.signed(&pki, &tbs, after)), want, "{what}");
    }
}
