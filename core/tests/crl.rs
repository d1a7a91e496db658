//! Certificate revocation lists in path building (RFC 5280 §5, §6.3), on the fixtures of
//! tests/data/crl (make.sh there; README.md says what each must give), and the refusal of
//! a chain signed with an algorithm the policy refuses.

mod common;

use trustmeta::{Error, PkiError, Policy, RevocationSource, TrustStore};

const GEN: &str = "tests/data/xmldsig-gen";
const LEAF_DOC: &str = "tests/data/xmldsig-gen/signed/rsa2048-exc-enveloped.xml";
const CHAIN_DOC: &str = "tests/data/xmldsig-gen/signed/rsa2048-exc-enveloped-chain.xml";
const P256_DOC: &str = "tests/data/xmldsig-gen/signed/p256-ecdsa-sha256.xml";
const AT: &str = "2026-06-01T00:00:00Z";

fn crl(name: &str) -> Vec<u8> {
    common::read(&format!("tests/data/crl/{name}"))
}

/// Root as anchor, intermediate as an untrusted helper, plus the CRL files given.
fn store(crls: &[&str]) -> TrustStore {
    let mut s = TrustStore::from_pem(&common::read(&format!("{GEN}/pki/root.pem"))).unwrap();
    s.add_intermediates_pem(&common::read(&format!("{GEN}/pki/intermediate.pem")))
        .unwrap();
    for c in crls {
        s.add_crls_pem(&crl(c)).unwrap();
    }
    s
}

fn verify_at(doc: &str, store: &TrustStore, policy: &Policy, at: &str) -> Result<(), Error> {
    trustmeta::verify(&common::read(doc), store, policy, common::at(at)).map(|_| ())
}

fn outcome(doc: &str, crls: &[&str]) -> String {
    code(verify_at(doc, &store(crls), &Policy::default(), AT))
}

fn code(r: Result<(), Error>) -> String {
    match r {
        Ok(()) => "ok".into(),
        Err(e) => e.code().as_str().into(),
    }
}

#[test]
fn without_crls_the_fixtures_verify() {
    for doc in [LEAF_DOC, CHAIN_DOC, P256_DOC] {
        assert_eq!(outcome(doc, &[]), "ok", "{doc}");
    }
    assert_eq!(
        outcome("tests/data/crl/signed-with-forged-crl.xml", &[]),
        "ok"
    );
}

#[test]
fn a_leaf_its_issuer_revoked_is_refused() {
    let err = verify_at(
        LEAF_DOC,
        &store(&["intermediate-revokes-leaf-rsa2048.crl.pem"]),
        &Policy::default(),
        AT,
    )
    .unwrap_err();
    match err {
        Error::Pki(PkiError::Revoked {
            subject,
            revoked_at,
            source,
        }) => {
            assert!(
                subject.contains("CN=trustmeta test signer RSA-2048"),
                "{subject}"
            );
            assert_eq!(revoked_at, common::at("2026-05-15T00:00:00Z"));
            assert_eq!(source, RevocationSource::Crl);
        }
        other => panic!("{other:?}"),
    }
    // The same with the intermediate from the document rather than the store, and with
    // the CRL given as DER.
    assert_eq!(
        outcome(CHAIN_DOC, &["intermediate-revokes-leaf-rsa2048.crl.pem"]),
        "pki.revoked"
    );
    assert_eq!(
        outcome(LEAF_DOC, &["intermediate-revokes-leaf-rsa2048.crl.der"]),
        "pki.revoked"
    );
    // Another leaf of the same intermediate is not listed.
    assert_eq!(
        outcome(P256_DOC, &["intermediate-revokes-leaf-rsa2048.crl.pem"]),
        "ok"
    );
}

#[test]
fn a_revocation_after_the_verification_time_does_not_count() {
    // thisUpdate 2026-05-01 <= 2026-05-10 < revocationDate 2026-05-15.
    let s = store(&["intermediate-revokes-leaf-rsa2048.crl.pem"]);
    let p = Policy::default();
    verify_at(LEAF_DOC, &s, &p, "2026-05-10T00:00:00Z").unwrap();
    assert_eq!(
        code(verify_at(LEAF_DOC, &s, &p, "2026-05-15T00:00:00Z")),
        "pki.revoked"
    );
}

#[test]
fn a_current_crl_that_does_not_list_the_path_is_fine() {
    assert_eq!(outcome(LEAF_DOC, &["intermediate-empty.crl.pem"]), "ok");
    assert_eq!(outcome(CHAIN_DOC, &["intermediate-empty.crl.pem"]), "ok");
}

#[test]
fn a_stale_crl_fails_closed_unless_allowed() {
    let s = store(&["intermediate-stale.crl.pem"]);
    match verify_at(LEAF_DOC, &s, &Policy::default(), AT).unwrap_err() {
        Error::Pki(PkiError::CrlExpired {
            issuer,
            next_update,
            now,
        }) => {
            assert!(issuer.contains("Intermediate CA"), "{issuer}");
            assert_eq!(next_update, common::at("2026-05-20T00:00:00Z"));
            assert_eq!(now, common::at(AT));
        }
        other => panic!("{other:?}"),
    }
    let lenient = Policy {
        allow_stale_crl: true,
        ..Policy::default()
    };
    verify_at(LEAF_DOC, &s, &lenient, AT).unwrap();
    // Before its nextUpdate it is current.
    verify_at(LEAF_DOC, &s, &Policy::default(), "2026-05-10T00:00:00Z").unwrap();
    // A current CRL beside the stale one is enough.
    assert_eq!(
        outcome(
            LEAF_DOC,
            &["intermediate-stale.crl.pem", "intermediate-empty.crl.pem"]
        ),
        "ok"
    );
}

#[test]
fn a_stale_crl_still_counts_its_revocations() {
    // The revoking CRL's nextUpdate is 2026-07-01: at 2026-08-01 it is stale.
    let s = store(&["intermediate-revokes-leaf-rsa2048.crl.pem"]);
    let lenient = Policy {
        allow_stale_crl: true,
        ..Policy::default()
    };
    assert_eq!(
        code(verify_at(LEAF_DOC, &s, &lenient, "2026-08-01T00:00:00Z")),
        "pki.revoked"
    );
    assert_eq!(
        code(verify_at(
            P256_DOC,
            &s,
            &Policy::default(),
            "2026-08-01T00:00:00Z"
        )),
        "pki.crl_expired"
    );
}

#[test]
fn a_crl_from_after_the_verification_time_is_not_yet_valid() {
    match verify_at(
        LEAF_DOC,
        &store(&["intermediate-future.crl.pem"]),
        &Policy::default(),
        AT,
    )
    .unwrap_err()
    {
        Error::Pki(PkiError::CrlNotYetValid { this_update, .. }) => {
            assert_eq!(this_update, common::at("2026-07-01T00:00:00Z"));
        }
        other => panic!("{other:?}"),
    }
    // With a current one beside it, the current one answers.
    assert_eq!(
        outcome(
            LEAF_DOC,
            &["intermediate-future.crl.pem", "intermediate-empty.crl.pem"]
        ),
        "ok"
    );
}

#[test]
fn the_roots_crl_revokes_the_intermediate() {
    let err = verify_at(
        LEAF_DOC,
        &store(&["root-revokes-intermediate.crl.pem"]),
        &Policy::default(),
        AT,
    )
    .unwrap_err();
    match err {
        Error::Pki(PkiError::Revoked {
            subject, source, ..
        }) => {
            assert!(
                subject.contains("CN=trustmeta test Intermediate CA"),
                "{subject}"
            );
            assert_eq!(source, RevocationSource::Crl);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_crl_outside_its_scope_is_not_applied() {
    // onlyContainsCACerts, listing the leaf's serial: says nothing about the leaf.
    assert_eq!(
        outcome(LEAF_DOC, &["intermediate-ca-only-lists-leaf.crl.pem"]),
        "ok"
    );
}

#[test]
fn a_store_crl_not_signed_by_the_issuer_fails_closed() {
    match verify_at(
        LEAF_DOC,
        &store(&["forged-intermediate.crl.pem"]),
        &Policy::default(),
        AT,
    )
    .unwrap_err()
    {
        Error::Pki(PkiError::CrlBadSignature { issuer }) => {
            assert!(issuer.contains("Intermediate CA"), "{issuer}");
        }
        other => panic!("{other:?}"),
    }
    // Beside a genuine CRL it still refuses: the store holds something wrong.
    assert_eq!(
        outcome(
            LEAF_DOC,
            &["intermediate-empty.crl.pem", "forged-intermediate.crl.pem"]
        ),
        "pki.crl_bad_signature"
    );
    // One whose authorityKeyIdentifier names another key is not this issuer's CRL.
    assert_eq!(
        outcome(LEAF_DOC, &["forged-intermediate-other-key-id.crl.pem"]),
        "ok"
    );
}

#[test]
fn unsupported_or_broken_crls_are_refused_and_leave_the_store_unchanged() {
    let revoking = String::from_utf8(crl("intermediate-revokes-leaf-rsa2048.crl.pem")).unwrap();
    for bad in [
        "intermediate-delta.crl.pem",
        "intermediate-indirect.crl.pem",
        "intermediate-some-reasons.crl.pem",
        "damaged.crl.pem",
        "garbage.crl.der",
    ] {
        let mut s = store(&[]);
        let err = s.add_crls_pem(&crl(bad)).unwrap_err();
        assert_eq!(err.code().as_str(), "pki.crl_invalid", "{bad}: {err}");
        // All or nothing: the good CRL before the bad one is not kept either. (Text
        // around PEM blocks is ignored, as for certificates, so only PEM files bundle.)
        if bad.ends_with(".pem") {
            let bundle = [revoking.as_bytes(), &crl(bad)].concat();
            let err = s.add_crls_pem(&bundle).unwrap_err();
            assert_eq!(err.code().as_str(), "pki.crl_invalid", "{bad}: {err}");
        }
        verify_at(LEAF_DOC, &s, &Policy::default(), AT).unwrap();
    }
    let mut s = store(&[]);
    assert_eq!(
        s.add_crls_pem(b"-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
            .unwrap_err()
            .code()
            .as_str(),
        "pki.crl_invalid"
    );
    let delta = crl("intermediate-delta.crl.pem");
    assert!(s
        .add_crls_pem(&delta)
        .unwrap_err()
        .to_string()
        .contains("delta"));
    // A bundle of good CRLs is taken whole.
    let two = [
        crl("intermediate-empty.crl.pem"),
        crl("root-revokes-intermediate.crl.pem"),
    ]
    .concat();
    assert_eq!(s.add_crls_pem(&two).unwrap(), 2);
    assert_eq!(
        code(verify_at(LEAF_DOC, &s, &Policy::default(), AT)),
        "pki.revoked"
    );
}

#[test]
fn a_pinned_leaf_is_not_checked_against_crls() {
    let mut s =
        TrustStore::from_pem(&common::read(&format!("{GEN}/pki/leaf-rsa2048.pem"))).unwrap();
    s.add_crls_pem(&crl("intermediate-revokes-leaf-rsa2048.crl.pem"))
        .unwrap();
    verify_at(LEAF_DOC, &s, &Policy::default(), AT).unwrap();
}

/// The document carries its issuer's CRL in KeyInfo (`X509CRL`): it counts like one in
/// the store, since the issuer signed it.
#[test]
fn a_document_crl_signed_by_the_issuer_counts() {
    assert_eq!(
        outcome("tests/data/crl/signed-with-revoking-crl.xml", &[]),
        "pki.revoked"
    );
}

/// A document CRL that does not verify under the issuer is ignored, not an error: anyone
/// can put bytes in KeyInfo.
#[test]
fn a_document_crl_not_signed_by_the_issuer_is_ignored() {
    assert_eq!(
        outcome("tests/data/crl/signed-with-forged-crl.xml", &[]),
        "ok"
    );
    assert_eq!(
        outcome(
            "tests/data/crl/signed-with-forged-crl.xml",
            &["intermediate-empty.crl.pem"]
        ),
        "ok"
    );
}

/// A certificate signed with MD5 is refused naming the algorithm, not as a forgery.
#[test]
fn a_chain_algorithm_the_policy_refuses_is_named() {
    let dir = "shared/vectors/xmldsig/xmlsec/tests/phaos-xmldsig-three";
    let s = TrustStore::from_pem(&common::read(&format!("{dir}/certs/rsa-ca-cert.der"))).unwrap();
    let p = Policy {
        allow_sha1: true,
        min_rsa_bits: 1024,
        ..Policy::default()
    };
    let err = trustmeta::verify(
        &common::read(&format!("{dir}/signature-rsa-enveloped.xml")),
        &s,
        &p,
        common::at("2009-01-01T10:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(err.code().as_str(), "dsig.algorithm_refused");
    match err {
        Error::Pki(PkiError::AlgorithmRefused { algorithm, .. }) => {
            assert_eq!(algorithm, "md5WithRSAEncryption");
        }
        other => panic!("{other:?}"),
    }
}
