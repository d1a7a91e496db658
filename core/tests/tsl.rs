//! ETSI trusted lists: the shared vectors give what their SOURCES.md states; our own
//! xmlsec1-signed OpenNCP lists (tests/data/tsl, made by make_signed.sh) cover the
//! profile, the OpenNCP view and the SMP mapping.

mod common;

use common::{at, read, shared};
use trustmeta::{
    to_smp, verify_tsl, DigitalId, Error, ErrorCode, NcpFace, NcpRole, OpenNcpList, Policy,
    SmpOutputFormat, TrustStore, VerifiedTsl,
};

const NOW: &str = "2026-06-01T00:00:00Z";

fn vector(rel: &str) -> Vec<u8> {
    let p = shared().join("vectors/tsl").join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn vector_store(rel: &str) -> TrustStore {
    TrustStore::from_pem(&vector(rel)).unwrap()
}

fn ours(rel: &str) -> Vec<u8> {
    read(&format!("tests/data/tsl/{rel}"))
}

fn signer() -> TrustStore {
    TrustStore::from_pem(&ours("signed/signer.pem")).unwrap()
}

fn root_anchor() -> TrustStore {
    let mut s = TrustStore::from_pem(&read("tests/data/xmldsig-gen/pki/root.pem")).unwrap();
    s.add_intermediates_pem(&read("tests/data/xmldsig-gen/pki/intermediate.pem"))
        .unwrap();
    s
}

fn code<T: core::fmt::Debug>(r: Result<T, Error>) -> ErrorCode {
    r.unwrap_err().code()
}

fn verify_ours(file: &str, store: &TrustStore, policy: &Policy) -> Result<VerifiedTsl, Error> {
    verify_tsl(&ours(file), store, policy, at(NOW))
}

// --- Shared vectors -----------------------------------------------------------------

#[test]
fn eu_lotl_verifies_with_the_commission_certificate() {
    let t = verify_tsl(
        &vector("eu-lotl/eu-lotl.xml"),
        &vector_store("eu-lotl/eu-lotl.keyinfo-signer.pem"),
        &Policy::default(),
        at("2026-05-01T00:00:00Z"),
    )
    .unwrap();
    let s = &t.list.scheme;
    assert_eq!((s.version, s.sequence_number), (6, 386));
    assert_eq!(s.territory, "EU");
    assert_eq!(s.issued, at("2026-04-28T21:59:59Z"));
    assert_eq!(s.pointers.len(), 43);
    assert!(t.list.providers.is_empty());
    assert_eq!(t.list.id.as_deref(), Some("ID0001"));
    assert_eq!(
        t.list.tag.as_deref(),
        Some("http://uri.etsi.org/19612/TSLTag")
    );
    assert_eq!(t.signing_time, at("2026-04-28T17:21:26Z"));
    assert_eq!(t.report.references.len(), 2);
    let signer = t.signer().unwrap();
    assert!(signer.subject().contains("CN=EUROPEAN COMMISSION"));
    // The pointer to the LOTL itself carries the signer among its certificates, but
    // trust came from the store: the same list with another store is refused.
    let other = vector_store("libdigidocpp/test/data/TSL.crt");
    let e = verify_tsl(
        &vector("eu-lotl/eu-lotl.xml"),
        &other,
        &Policy::default(),
        at("2026-05-01T00:00:00Z"),
    );
    assert_eq!(code(e), ErrorCode::PkiUntrustedSigner);
}

#[test]
fn libdigidocpp_lists_verify_in_all_three_reference_styles() {
    let store = vector_store("libdigidocpp/test/data/TSL.crt");
    // TSL.crt is a self-signed SHA-1 certificate: pinned, so its own signature does not
    // matter, and it is reported.
    // Expected counts read independently with Python's ElementTree.
    for (file, at_time, seq, territory, services) in [
        (
            "libdigidocpp/test/data/TSL.xml",
            "2020-06-04T00:00:00Z",
            4,
            "EE",
            0,
        ),
        (
            "libdigidocpp/test/data/EE_T.xml",
            "2026-05-12T00:00:00Z",
            34,
            "EE_T",
            31,
        ),
        (
            "libdigidocpp/test/data/EE_T-CA-withdrawn.xml",
            "2024-11-15T00:00:00Z",
            22,
            "EE_T",
            23,
        ),
    ] {
        let t = verify_tsl(&vector(file), &store, &Policy::default(), at(at_time))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(t.list.scheme.sequence_number, seq, "{file}");
        assert_eq!(t.list.scheme.territory, territory, "{file}");
        assert_eq!(t.list.services().count(), services, "{file}");
        assert_eq!(t.report.references.len(), 2, "{file}");
    }
}

#[test]
fn withdrawn_ca_status_is_read() {
    let store = vector_store("libdigidocpp/test/data/TSL.crt");
    let t = verify_tsl(
        &vector("libdigidocpp/test/data/EE_T-CA-withdrawn.xml"),
        &store,
        &Policy::default(),
        at("2024-11-15T00:00:00Z"),
    )
    .unwrap();
    let (_, first) = t.list.services().next().unwrap();
    assert!(first.name().starts_with("TEST of ESTEID-SK 2011"));
    assert_eq!(
        first.status,
        "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/supervisionrevoked"
    );
    assert!(t
        .list
        .services()
        .skip(1)
        .all(|(_, s)| s.status.ends_with("/granted")));
}

#[test]
fn openncp_lists_with_a_reused_id_fail_closed() {
    let store =
        vector_store("openncp/tsl-utils/tslsync/src/test/resources/NCP_Service_Status_List__Austria_AT_.keyinfo-signer.pem");
    let policy = Policy {
        allow_sha1: true,
        min_rsa_bits: 1024,
        ..Policy::default()
    };
    for f in [
        "openncp/tsl-utils/tslsync/src/test/resources/NCP_Service_Status_List__Austria_AT_.xml",
        "openncp/tsl-utils/tslsync/src/test/resources/PREFIXED_NCP_Service_Status_List__Austria_AT_.xml",
    ] {
        let e = verify_tsl(&vector(f), &store, &policy, at("2016-03-01T00:00:00Z"));
        assert_eq!(code(e), ErrorCode::XmlDuplicateId, "{f}");
    }
}

#[test]
fn billion_laughs_is_refused_at_parse() {
    let store = vector_store("libdigidocpp/test/data/TSL.crt");
    for f in [
        "libdigidocpp/test/data/xml-bomb-attr.xml",
        "libdigidocpp/test/data/xml-bomb-cont.xml",
    ] {
        let e = verify_tsl(&vector(f), &store, &Policy::default(), at(NOW));
        assert_eq!(code(e), ErrorCode::XmlDoctypeRefused, "{f}");
    }
}

#[test]
fn stale_and_future_lists_are_refused() {
    let store = vector_store(
        "libdigidocpp/test/data/EE_T.xml"
            .replace("EE_T.xml", "TSL.crt")
            .as_str(),
    );
    let xml = vector("libdigidocpp/test/data/EE_T.xml");
    let next = verify_tsl(&xml, &store, &Policy::default(), at("2026-05-12T00:00:00Z"))
        .unwrap()
        .list
        .scheme
        .next_update
        .unwrap();
    let e = verify_tsl(&xml, &store, &Policy::default(), next);
    assert_eq!(code(e), ErrorCode::TslExpired);
    let e = verify_tsl(&xml, &store, &Policy::default(), at("2026-05-10T00:00:00Z"));
    assert_eq!(code(e), ErrorCode::TslExpired);
}

#[test]
fn other_documents_are_not_trusted_lists() {
    let e = verify_tsl(
        &read("tests/data/sample/smp-signed.xml"),
        &TrustStore::from_pem(&read("tests/data/sample/signer.pem")).unwrap(),
        &Policy::default(),
        at(NOW),
    );
    assert_eq!(code(e), ErrorCode::TslUnknownDocument);
}

#[test]
fn vector_digital_ids_are_certificates() {
    let store = vector_store("libdigidocpp/test/data/TSL.crt");
    let t = verify_tsl(
        &vector("libdigidocpp/test/data/EE_T.xml"),
        &store,
        &Policy::default(),
        at("2026-05-12T00:00:00Z"),
    )
    .unwrap();
    let ids: Vec<&DigitalId> = t
        .list
        .services()
        .flat_map(|(_, s)| s.digital_ids.iter())
        .collect();
    assert!(!ids.is_empty());
    assert!(ids.iter().any(|d| d.certificate().is_some()));
}

// --- Our xmlsec1-signed OpenNCP lists ------------------------------------------------

#[test]
fn openncp_list_verifies_pinned_and_through_the_test_pki() {
    for store in [signer(), root_anchor()] {
        for file in [
            "signed/ncp-configuration-xx.xml",
            "signed/ncp-configuration-xx-inclusive.xml",
        ] {
            let t = verify_ours(file, &store, &Policy::default())
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(t.list.scheme.territory, "XX");
            assert_eq!(t.list.scheme.sequence_number, 7);
            assert_eq!(t.list.scheme.next_update, Some(at("2026-11-01T10:00:00Z")));
            assert_eq!(t.signing_time, at("2026-05-01T09:58:00Z"));
            assert_eq!(t.list.providers.len(), 2);
            assert_eq!(t.list.services().count(), 10);
            assert_eq!(
                t.list.scheme.operator_names[1].lang, "xx",
                "names keep their language"
            );
        }
    }
}

#[test]
fn openncp_view_names_faces_roles_and_certificates() {
    let t = verify_ours(
        "signed/ncp-configuration-xx.xml",
        &signer(),
        &Policy::default(),
    )
    .unwrap();
    let v = OpenNcpList::new(&t.list).unwrap();
    assert_eq!(v.country, "XX");
    assert_eq!(v.unknown_services, 0);
    let pem = |n: &str| {
        TrustStore::from_pem(&read(&format!("tests/data/xmldsig-gen/pki/{n}.pem")))
            .unwrap()
            .certificates()[0]
            .clone()
    };
    assert_eq!(
        v.tls_certificate(NcpFace::NcpA).unwrap().der(),
        pem("leaf-p384").der()
    );
    assert_eq!(
        v.signature_certificate(NcpFace::NcpA).unwrap().der(),
        pem("leaf-rsa3072").der()
    );
    assert_eq!(
        v.tls_certificate(NcpFace::NcpB).unwrap().der(),
        pem("leaf-rsa3072").der()
    );
    // The misspelt type identifier of the OpenNCP tools is read as patient identification.
    let pid = v
        .service(NcpFace::NcpA, NcpRole::PatientIdentification)
        .unwrap();
    assert_eq!(pid.supply_points.len(), 2);
    // 2024-02-29T23:30:00-02:00 is 2024-03-01T01:30:00Z.
    assert_eq!(pid.status_starting_time, at("2024-03-01T01:30:00Z"));
    assert!(v
        .service(NcpFace::NcpB, NcpRole::IdentityProvider)
        .is_some());
    assert!(v.service(NcpFace::NcpB, NcpRole::Patient).is_none());
}

/// Reads `<local>` texts of a record, in order (a test-side reader, independent of the
/// mapping code).
fn texts(xml: &str, local: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == local)
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn to_smp_follows_the_stylesheet_table_with_both_fixes() {
    let t = verify_ours(
        "signed/ncp-configuration-xx.xml",
        &signer(),
        &Policy::default(),
    )
    .unwrap();
    let records = to_smp(&t, SmpOutputFormat::OasisSmp1).unwrap();
    let names: Vec<&str> = records.iter().map(|r| r.file_name.as_str()).collect();
    // The withdrawn ConsentService is not published; NCP services have no record.
    assert_eq!(
        names,
        [
            "VPN_Gateway_A_XX.xml",
            "Patient_Identification_Service_XX.xml",
            "Patient_Service_XX.xml",
            "Order_Service_XX.xml",
            "Dispensation_Service_Initialize_XX.xml",
            "Dispensation_Service_Discard_XX.xml",
            "VPN_Gateway_B_XX.xml",
            "Identity_Provider_XX.xml",
        ]
    );
    for r in &records {
        assert_eq!(r.participant, "urn:ehealth:xx:ncpb-idp");
        assert_eq!(
            texts(&r.xml, "ParticipantIdentifier"),
            [r.participant.as_str()]
        );
        assert_eq!(texts(&r.xml, "DocumentIdentifier"), [r.document.as_str()]);
        assert_eq!(texts(&r.xml, "ProcessIdentifier"), [r.process.as_str()]);
        assert_eq!(
            texts(&r.xml, "TechnicalContactUrl")[0],
            "https://health.xx.example/ncp-contact"
        );
    }
    let by = |f: &str| records.iter().find(|r| r.file_name == f).unwrap();
    let b64 = |n: &str| {
        let pem = String::from_utf8(read(&format!("tests/data/xmldsig-gen/pki/{n}.pem"))).unwrap();
        pem.lines()
            .filter(|l| !l.starts_with("-----"))
            .collect::<String>()
    };

    let pid = by("Patient_Identification_Service_XX.xml");
    assert_eq!(pid.document, "urn::epsos##services:extended:epsos::11");
    assert_eq!(
        pid.process,
        "urn:epsosIdentityService::FindIdentityByTraits"
    );
    assert_eq!(pid.endpoints, 2);
    assert_eq!(
        texts(&pid.xml, "EndpointURI"),
        [
            "https://ncp-a.health.xx.example/xcpd",
            "https://ncp-a2.health.xx.example/xcpd"
        ]
    );
    // Fix 2: the activation instant keeps its zone (-02:00), and 10 years later the
    // (UTC) date is the same day.
    assert_eq!(
        texts(&pid.xml, "ServiceActivationDate")[0],
        "2024-03-01T01:30:00Z"
    );
    assert_eq!(
        texts(&pid.xml, "ServiceExpirationDate")[0],
        "2034-03-01T01:30:00Z"
    );
    // The TLS certificate is the endpoint's; fix 1: the signature one is carried over.
    assert_eq!(texts(&pid.xml, "Certificate")[0], b64("leaf-p384"));
    assert_eq!(
        texts(&pid.xml, "X509Certificate"),
        [b64("leaf-rsa3072"), b64("leaf-rsa3072")],
        "one per endpoint"
    );

    let ps = by("Patient_Service_XX.xml");
    assert_eq!(ps.process, "urn:epsosPatientService::List");
    assert_eq!(
        texts(&ps.xml, "EndpointURI"),
        ["https://ncp-a.health.xx.example/patient?a=1&b=2"]
    );
    assert_eq!(
        texts(&ps.xml, "ServiceActivationDate")[0],
        "2026-03-01T10:30:00Z"
    );
    assert!(ps.xml.contains("transportProfile=\"urn:ihe:iti:2013:xcf\""));

    let disp = by("Dispensation_Service_Discard_XX.xml");
    assert_eq!(disp.document, "urn::epsos##services:extended:epsos::42");
    assert_eq!(
        texts(&disp.xml, "ServiceActivationDate")[0],
        "2026-03-01T12:30:00.25Z"
    );

    let vpn_a = by("VPN_Gateway_A_XX.xml");
    assert_eq!(
        texts(&vpn_a.xml, "EndpointURI"),
        ["ipsec://vpn-a.health.xx.example"]
    );
    assert_eq!(texts(&vpn_a.xml, "Certificate")[0], b64("leaf-p256"));
    assert!(texts(&vpn_a.xml, "X509Certificate").is_empty());

    let vpn_b = by("VPN_Gateway_B_XX.xml");
    assert_eq!(vpn_b.document, "urn::epsos##services:extended:epsos::106");
    assert_eq!(texts(&vpn_b.xml, "EndpointURI"), ["ipsec://"]);
    assert!(vpn_b
        .xml
        .contains("transportProfile=\"urn:ehealth:transport:none\""));

    let idp = by("Identity_Provider_XX.xml");
    assert_eq!(idp.process, "urn:ehealth:ncp:xx:ncpb-idp");
    assert_eq!(texts(&idp.xml, "EndpointURI"), ["urn:idp:countryB"]);
    assert!(idp
        .xml
        .contains("transportProfile=\"urn:oasis:names:tc:SAML:2.0:protocol\""));
    assert_eq!(texts(&idp.xml, "Certificate")[0], b64("attacker-rsa2048"));
    // NCP-B's signature certificate (leaf-p384) signs its assertions.
    assert_eq!(texts(&idp.xml, "X509Certificate"), [b64("leaf-p384")]);
}

#[test]
fn to_smp_busdox_uses_the_busdox_vocabulary() {
    let t = verify_ours(
        "signed/ncp-configuration-xx.xml",
        &signer(),
        &Policy::default(),
    )
    .unwrap();
    let oasis = to_smp(&t, SmpOutputFormat::OasisSmp1).unwrap();
    let busdox = to_smp(&t, SmpOutputFormat::Busdox).unwrap();
    assert_eq!(oasis.len(), busdox.len());
    for (o, b) in oasis.iter().zip(&busdox) {
        assert_eq!((&o.file_name, &o.document), (&b.file_name, &b.document));
        assert_eq!(texts(&o.xml, "EndpointURI"), texts(&b.xml, "Address"));
        let doc = roxmltree::Document::parse(&b.xml).unwrap();
        assert_eq!(
            doc.root_element().tag_name().namespace(),
            Some("http://busdox.org/serviceMetadata/publishing/1.0/")
        );
    }
}

#[test]
fn generic_lists_have_no_smp_mapping() {
    let t = verify_ours("signed/generic-list.xml", &signer(), &Policy::default()).unwrap();
    assert_eq!(
        to_smp(&t, SmpOutputFormat::OasisSmp1).unwrap_err().code(),
        ErrorCode::TslNotOpenNcp
    );
}

#[test]
fn signing_certificate_must_name_the_signer() {
    // The list is intact and its signature verifies, but the signed properties name
    // another certificate: the XAdES binding fails.
    let e = verify_ours(
        "signed/wrong-signing-certificate.xml",
        &signer(),
        &Policy::default(),
    );
    assert_eq!(code(e), ErrorCode::TslSigningCertificateMismatch);
}

#[test]
fn a_plain_enveloped_signature_is_not_a_trusted_list_signature() {
    let e = verify_ours("signed/no-xades.xml", &signer(), &Policy::default());
    assert_eq!(code(e), ErrorCode::TslSignatureProfile);
}

#[test]
fn the_signed_properties_reference_and_only_it_is_typed() {
    // Both lists are signed correctly (xmlsec1 verifies them); the Reference types are
    // what XAdES verifiers use to tell the list from its properties.
    for file in [
        "signed/signed-properties-untyped.xml",
        "signed/list-reference-typed.xml",
    ] {
        let e = verify_ours(file, &signer(), &Policy::default()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::TslSignedPropertiesType, "{file}");
        let text = e.to_string();
        let which = if file.contains("untyped") {
            "has no Type"
        } else {
            "Reference to the list"
        };
        assert!(text.contains(which), "{file}: {text}");
    }
}

#[test]
fn a_list_without_signing_time_is_not_xades_baseline_b() {
    let e = verify_ours("signed/no-signing-time.xml", &signer(), &Policy::default());
    assert_eq!(code(e), ErrorCode::TslSigningTimeMissing);
}

#[test]
fn a_signing_time_in_the_future_is_refused() {
    let e = verify_ours(
        "signed/signing-time-2099.xml",
        &signer(),
        &Policy::default(),
    );
    let e = e.unwrap_err();
    assert_eq!(e.code(), ErrorCode::TslSigningTimeInvalid);
    assert!(e.to_string().contains("2099-01-01T00:00:00Z"), "{e}");
    // However loose the skew, a list signed after its own NextUpdate stays refused.
    let loose = Policy {
        clock_skew_secs: u32::MAX,
        ..Policy::default()
    };
    let e = verify_ours("signed/signing-time-2099.xml", &signer(), &loose).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TslSigningTimeInvalid);
    assert!(e.to_string().contains("NextUpdate"), "{e}");
}

#[test]
fn a_signing_time_after_next_update_is_refused() {
    // Verified after NextUpdate, the self-contradiction is reported rather than the age.
    let e = verify_tsl(
        &ours("signed/signing-time-after-next-update.xml"),
        &signer(),
        &Policy::default(),
        at("2026-11-10T00:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::TslSigningTimeInvalid);
    assert!(
        e.to_string().contains("NextUpdate 2026-11-01T10:00:00Z"),
        "{e}"
    );
    // Verified while the list is current, the same time is in the future.
    let e = verify_ours(
        "signed/signing-time-after-next-update.xml",
        &signer(),
        &Policy::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::TslSigningTimeInvalid);
    assert!(e.to_string().contains("clock skew"), "{e}");
}

#[test]
fn rsa_sha1_lists_need_the_legacy_switch() {
    let e = verify_ours("signed/rsa-sha1.xml", &signer(), &Policy::default());
    assert_eq!(code(e), ErrorCode::DsigAlgorithmRefused);
    let legacy = Policy {
        allow_sha1: true,
        ..Policy::default()
    };
    let t = verify_ours("signed/rsa-sha1.xml", &signer(), &legacy).unwrap();
    assert!(t.report.legacy_algorithms.contains(&"rsa-sha1"));
}

#[test]
fn the_certificates_the_list_carries_never_make_it_trusted() {
    // leaf-rsa3072 is an NCP certificate inside the list; trusting it (or any other
    // certificate of the list) does not make the list's signature trusted.
    let store = TrustStore::from_pem(&read("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem")).unwrap();
    let e = verify_ours(
        "signed/ncp-configuration-xx.xml",
        &store,
        &Policy::default(),
    );
    assert_eq!(code(e), ErrorCode::PkiUntrustedSigner);
}

fn tampered(file: &str, from: &str, to: &str) -> Vec<u8> {
    let s = String::from_utf8(ours(file)).unwrap();
    assert!(s.contains(from), "{from} not in {file}");
    s.replacen(from, to, 1).into_bytes()
}

#[test]
fn tampering_with_the_list_or_its_properties_is_detected() {
    let policy = Policy::default();
    let f = "signed/ncp-configuration-xx.xml";
    for (from, to, want) in [
        // A supply point redirected to an attacker.
        (
            "https://ncp-a.health.xx.example/order",
            "https://evil.example/order",
            ErrorCode::DsigDigestMismatch,
        ),
        // A withdrawn service brought back.
        (
            "Svcstatus/withdrawn",
            "Svcstatus/inaccord",
            ErrorCode::DsigDigestMismatch,
        ),
        // The signing time moved.
        (
            "2026-05-01T09:58:00Z",
            "2026-05-01T09:59:00Z",
            ErrorCode::DsigDigestMismatch,
        ),
        // A second list element with the same ID (wrapping).
        (
            "<SchemeInformation>",
            "<SchemeInformation Id=\"NCPConfiguration-XX\">",
            ErrorCode::XmlDuplicateId,
        ),
    ] {
        let e = verify_tsl(&tampered(f, from, to), &signer(), &policy, at(NOW));
        assert_eq!(code(e), want, "{from} -> {to}");
    }
}

#[test]
fn a_second_signature_is_refused() {
    let twice = tampered(
        "signed/ncp-configuration-xx.xml",
        "</TrustServiceStatusList>",
        "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/></TrustServiceStatusList>",
    );
    let e = verify_tsl(&twice, &signer(), &Policy::default(), at(NOW));
    assert_eq!(code(e), ErrorCode::DsigTooManySignatures);
}

#[test]
fn every_signed_byte_is_covered() {
    // One-byte changes at sampled positions of the list (outside the signature value,
    // whose changes the crypto catches anyway) must all be refused.
    let xml = ours("signed/ncp-configuration-xx.xml");
    let sig = xml.windows(13).position(|w| w == b"<ds:Signature").unwrap();
    let store = signer();
    let policy = Policy::default();
    let mut tried = 0;
    for pos in (60..sig).step_by(97) {
        let b = xml[pos];
        if b.is_ascii_whitespace() && xml[pos - 1] == b'>' {
            continue; // inter-element whitespace is content too, but keep the sample varied
        }
        let mut m = xml.clone();
        m[pos] = if b == b'A' { b'B' } else { b'A' };
        assert!(
            verify_tsl(&m, &store, &policy, at(NOW)).is_err(),
            "a change at byte {pos} was not detected"
        );
        tried += 1;
    }
    assert!(tried > 100, "only {tried} positions sampled");
}

#[test]
fn to_smp_records_round_trip_through_the_smp_reader() {
    // The records are unsigned; read them with the SMP reader to check they are the
    // documents the SMP side expects (signed round trip: tests/conformance/run_cli_tsl.sh).
    let t = verify_ours(
        "signed/ncp-configuration-xx.xml",
        &signer(),
        &Policy::default(),
    )
    .unwrap();
    for format in [SmpOutputFormat::OasisSmp1, SmpOutputFormat::Busdox] {
        for r in to_smp(&t, format).unwrap() {
            let u = trustmeta::read_smp_unverified(r.xml.as_bytes(), &Policy::default().limits)
                .unwrap_or_else(|e| panic!("{}: {e}", r.file_name));
            let p = u.participant.unwrap();
            assert_eq!(
                (p.scheme(), p.value()),
                ("ehealth-actorid-qns", r.participant.as_str())
            );
            assert_eq!(u.document.unwrap().value(), r.document);
            assert_eq!(u.endpoints.len(), r.endpoints, "{}", r.file_name);
            for e in &u.endpoints {
                assert_eq!(e.processes[0].value(), r.process);
                assert!(e.activation.is_some() && e.expiration.is_some());
                assert!(e.certificate().is_some(), "{}", r.file_name);
            }
        }
    }
}

#[test]
fn openncp_lists_read_unverified_for_diagnostics() {
    // Upstream's TSL-Sync test only parses these lists (sequence 1 and 2, the second
    // with `tsl:` prefixes); they do not verify, so reading them is a diagnostic.
    let dir = "openncp/tsl-utils/tslsync/src/test/resources";
    for (file, seq) in [
        ("NCP_Service_Status_List__Austria_AT_.xml", 1),
        ("PREFIXED_NCP_Service_Status_List__Austria_AT_.xml", 2),
    ] {
        let list = trustmeta::read_tsl_unverified(
            &vector(&format!("{dir}/{file}")),
            &Policy::default().limits,
        )
        .unwrap();
        assert_eq!(list.scheme.sequence_number, seq, "{file}");
        assert_eq!(list.scheme.territory, "AT");
        let v = OpenNcpList::new(&list).unwrap();
        assert_eq!(v.country, "AT");
        assert_eq!(v.services.len(), 2, "{file}: one NCP service per face");
        assert!(v.services.iter().all(|s| s.role == NcpRole::Ncp));
        // 2016-02-16T15:52:58.000+01:00
        assert_eq!(
            v.services[0].service.status_starting_time,
            at("2016-02-16T14:52:58Z")
        );
    }
}
