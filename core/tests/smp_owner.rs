//! The eHealth owner signature inside an SMP record's `Extension`: reported by
//! `verify_smp`, verified on request over the element it covers
//! (tests/data/smp/make_owner_signed.sh signs the records with xmlsec1).

mod common;

use trustmeta::{
    verify_smp, verify_smp_extension_signatures, DocumentId, ParticipantId, Policy, SmpQuestion,
    TrustStore,
};

const D: &str = "tests/data/smp/signed";
const PKI: &str = "tests/data/xmldsig-gen/pki";

fn smp_anchors() -> TrustStore {
    let mut s = TrustStore::from_pem(&common::read(&format!("{PKI}/root.pem"))).unwrap();
    s.add_intermediates_pem(&common::read(&format!("{PKI}/intermediate.pem")))
        .unwrap();
    s
}

fn question() -> SmpQuestion {
    SmpQuestion::new(
        ParticipantId::parse("ehealth-actorid-qns::urn:ehealth:pl:ncp-idp").unwrap(),
        DocumentId::parse("ehealth-resid-qns::urn:ehealth:PatientIdentificationAndAuthentication::XCPD::CrossGatewayPatientDiscovery##ITI-55").unwrap(),
    )
}

#[test]
fn owner_signature_is_reported_then_verified_on_request() {
    let xml = common::read(&format!("{D}/ehealth-owner-signed.xml"));
    let now = common::at("2026-06-01T00:00:00Z");
    let v = verify_smp(&xml, &question(), &smp_anchors(), &Policy::default(), now).unwrap();
    assert_eq!(v.other_signatures(), 1);
    // The owner signed with leaf-p256; pin it as the owner's anchor.
    let owner = TrustStore::from_pem(&common::read(&format!("{PKI}/leaf-p256.pem"))).unwrap();
    let sigs = verify_smp_extension_signatures(&xml, &owner, &Policy::default(), now).unwrap();
    assert_eq!(sigs.len(), 1);
    assert_eq!(sigs[0].covered_element, "ServiceInformation");
    assert!(sigs[0]
        .report
        .signer
        .as_ref()
        .unwrap()
        .subject()
        .contains("P-256"));
    // The SMP's key is not the owner's.
    let wrong = TrustStore::from_pem(&common::read(&format!("{PKI}/leaf-rsa2048.pem"))).unwrap();
    let e = verify_smp_extension_signatures(&xml, &wrong, &Policy::default(), now).unwrap_err();
    assert_eq!(e.code().as_str(), "pki.untrusted_signer");
}

#[test]
fn content_changed_after_the_owner_signed_is_detected() {
    // The SMP re-signed the record after the endpoint changed: its own signature holds,
    // the owner's does not.
    let xml = common::read(&format!("{D}/ehealth-owner-signature-broken.xml"));
    let now = common::at("2026-06-01T00:00:00Z");
    assert!(verify_smp(&xml, &question(), &smp_anchors(), &Policy::default(), now).is_ok());
    let owner = TrustStore::from_pem(&common::read(&format!("{PKI}/leaf-p256.pem"))).unwrap();
    let e = verify_smp_extension_signatures(&xml, &owner, &Policy::default(), now).unwrap_err();
    assert_eq!(e.code().as_str(), "dsig.digest_mismatch");
}
