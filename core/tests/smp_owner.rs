//! The eHealth owner signature inside an SMP record's `Extension`: reported by
//! `verify_smp`, verified on request over the `ServiceMetadata` document the owner signed
//! before the SMP wrapped it (tests/data/smp/make_owner_signed.sh signs the records with
//! xmlsec1 and checks each owner signature with xmlsec1 over that document).

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
    assert_eq!(sigs[0].covered_element, "ServiceMetadata");
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

fn owner() -> TrustStore {
    TrustStore::from_pem(&common::read(&format!("{PKI}/leaf-p256.pem"))).unwrap()
}

fn owner_refusal(xml: &[u8], now: &str) -> (String, String) {
    let e = verify_smp_extension_signatures(xml, &owner(), &Policy::default(), common::at(now))
        .unwrap_err();
    (e.code().as_str().to_string(), e.to_string())
}

#[test]
fn a_byte_changed_inside_service_metadata_breaks_both_signatures() {
    let xml = common::read(&format!("{D}/ehealth-owner-tampered.xml"));
    let now = common::at("2026-06-01T00:00:00Z");
    let e = verify_smp(&xml, &question(), &smp_anchors(), &Policy::default(), now).unwrap_err();
    assert_eq!(e.code().as_str(), "dsig.digest_mismatch");
    assert_eq!(
        owner_refusal(&xml, "2026-06-01T00:00:00Z").0,
        "dsig.digest_mismatch"
    );
}

#[test]
fn a_change_inside_the_smp_signature_breaks_only_the_smps() {
    let xml = common::read(&format!("{D}/ehealth-owner-smp-signature-changed.xml"));
    let now = common::at("2026-06-01T00:00:00Z");
    let e = verify_smp(&xml, &question(), &smp_anchors(), &Policy::default(), now).unwrap_err();
    assert_eq!(e.code().as_str(), "crypto.bad_signature");
    let sigs = verify_smp_extension_signatures(&xml, &owner(), &Policy::default(), now).unwrap();
    assert_eq!(sigs[0].covered_element, "ServiceMetadata");
}

#[test]
fn an_owner_signature_over_service_information_alone_is_refused_by_the_profile() {
    // xmlsec1 verifies it with ServiceInformation as the document: the message says so.
    let xml = common::read(&format!("{D}/ehealth-owner-over-serviceinformation.xml"));
    let now = common::at("2026-06-01T00:00:00Z");
    assert!(verify_smp(&xml, &question(), &smp_anchors(), &Policy::default(), now).is_ok());
    let (code, message) = owner_refusal(&xml, "2026-06-01T00:00:00Z");
    assert_eq!(code, "smp.signature_profile");
    assert!(
        message.contains("covers the ServiceInformation holding its Extension"),
        "{message}"
    );
}

#[test]
fn the_ddc_poland_owner_signature_covers_the_record_before_the_smp_signed_it() {
    // Its Endpoint/Extension signature fails with ServiceMetadata, ServiceInformation or
    // Endpoint as the document (xmlsec1 agrees) and verifies over the whole
    // SignedServiceMetadata with the SMP's signature removed: the mock signed the envelope.
    let xml = common::read("shared/vectors/smp/dynamic-discovery-client/dynamic-discovery-client/src/test/resources/response/oasis-smp-1.0/signed_service_metadata_urn_poland_ncpb.xml");
    let pt = TrustStore::from_pem(&common::read(
        "tests/conformance/smp-anchors/ehealth-owner-pt.pem",
    ))
    .unwrap();
    let legacy = Policy {
        min_rsa_bits: 1024,
        ..Policy::default()
    };
    let e = verify_smp_extension_signatures(&xml, &pt, &legacy, common::at("2024-01-01T00:00:00Z"))
        .unwrap_err();
    assert_eq!(e.code().as_str(), "smp.signature_profile");
    assert!(
        e.to_string()
            .contains("whole SignedServiceMetadata as before the SMP signed it"),
        "{e}"
    );
    // The owner's key must still be trusted before the profile names anything.
    let e = verify_smp_extension_signatures(
        &xml,
        &owner(),
        &legacy,
        common::at("2024-01-01T00:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(e.code().as_str(), "pki.untrusted_signer");
}

#[test]
fn owner_signatures_anywhere_but_an_extension_of_the_wrapped_service_metadata_are_refused() {
    let signed = String::from_utf8(common::read(&format!("{D}/ehealth-owner-signed.xml"))).unwrap();
    let now = "2026-06-01T00:00:00Z";
    // Not inside an Extension.
    let bare = signed
        .replacen("<Extension><Signature", "<Signature", 1)
        .replacen("</Signature></Extension>", "</Signature>", 1);
    // An Extension in another namespace.
    let foreign = signed
        .replacen("<Extension>", "<x:Extension xmlns:x=\"urn:x\">", 1)
        .replacen("</Extension>", "</x:Extension>", 1);
    // Two ServiceMetadata under SignedServiceMetadata: which one was signed?
    let end = signed.find("</ServiceMetadata>").unwrap() + "</ServiceMetadata>".len();
    let twice = format!("{}<ServiceMetadata/>{}", &signed[..end], &signed[end..]);
    // Not a SignedServiceMetadata record: nothing says what the owner signed.
    let other_root = signed.replace("SignedServiceMetadata", "ServiceGroup");
    for (what, xml) in [
        ("bare", bare),
        ("foreign", foreign),
        ("twice", twice),
        ("other root", other_root),
    ] {
        let (code, message) = owner_refusal(xml.as_bytes(), now);
        assert_eq!(code, "smp.signature_profile", "{what}: {message}");
    }
}
