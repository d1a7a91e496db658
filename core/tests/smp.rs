//! SMP records: every vector of `shared/vectors/smp` gives what its SOURCES.md states at
//! the date it names, and our xmlsec1-signed records (tests/data/smp, see its README)
//! cover each canonicalization, replay, redirects and endpoint dates.

mod common;

use common::{at, shared};
use trustmeta::{
    read_smp_unverified, verify_service_group, verify_smp, verify_smp_redirect_target, Certificate,
    DateTime, DocumentId, Error, FilterReason, IdentifierPolicy, Limits, ParticipantId, Policy,
    ProcessId, ServiceGroupQuestion, SmpQuestion, SmpVersion, TrustStore, VerifiedServiceMetadata,
};

const SMP: &str = "vectors/smp/";
const PEPPOL_CA: &str = "peppol-commons/peppol-commons/src/test/resources/external/trustedca/2018/";
const VEFA: &str = "vefa-peppol/peppol-lookup/src/test/resources/";
const HOLODECK: &str = "holodeck-bdxr-smp-client/";
const DDC: &str =
    "dynamic-discovery-client/dynamic-discovery-client/src/test/resources/response/oasis-smp-1.0/";

fn vector(rel: &str) -> Vec<u8> {
    let p = shared().join(SMP).join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn ours(rel: &str) -> Vec<u8> {
    common::read(&format!("tests/data/smp/{rel}"))
}

fn der(rel: &str) -> Certificate {
    Certificate::from_der(&vector(rel)).unwrap()
}

/// PEPPOL G2 anchors: the root trusted, the SMP CA as an intermediate.
fn peppol(test: bool) -> TrustStore {
    let (root, ca) = if test {
        (
            "Peppol_Test_Root_CA.cer",
            "Peppol_Test_ServiceMetadataPublisher_CA.cer",
        )
    } else {
        (
            "Peppol_Root_CA.cer",
            "Peppol_ServiceMetadataPublisher_CA.cer",
        )
    };
    let mut s = TrustStore::new();
    s.add_certificate(der(&format!("{PEPPOL_CA}{root}")));
    s.add_intermediate(der(&format!("{PEPPOL_CA}{ca}")));
    s
}

/// The last `X509Certificate` of a document: the root-level signature's, which comes last.
fn last_keyinfo_cert(xml: &[u8]) -> Certificate {
    use base64ct::Encoding;
    let text = core::str::from_utf8(xml).unwrap();
    let doc = roxmltree::Document::parse(text).unwrap();
    let node = doc
        .descendants()
        .rfind(|n| n.tag_name().name() == "X509Certificate")
        .unwrap();
    let b64: String = node
        .text()
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Certificate::from_der(&base64ct::Base64::decode_vec(&b64).unwrap()).unwrap()
}

fn pinned(cert: Certificate) -> TrustStore {
    let mut s = TrustStore::new();
    s.add_certificate(cert);
    s
}

fn test_pki() -> TrustStore {
    let mut s = TrustStore::from_pem(&common::read("tests/data/xmldsig-gen/pki/root.pem")).unwrap();
    s.add_intermediates_pem(&common::read("tests/data/xmldsig-gen/pki/intermediate.pem"))
        .unwrap();
    s
}

fn sha1() -> Policy {
    Policy {
        allow_sha1: true,
        ..Policy::default()
    }
}

/// The question a record answers, read from the record itself (binding is tested on our
/// own records, with questions written out).
fn question_of(xml: &[u8], transport: Option<&str>) -> SmpQuestion {
    let r = read_smp_unverified(xml, &Limits::default()).unwrap();
    SmpQuestion {
        participant: r.participant.unwrap(),
        document: r.document.unwrap(),
        process: None,
        transport_profile: transport.map(String::from),
        identifiers: IdentifierPolicy::default(),
    }
}

fn code(r: &Result<VerifiedServiceMetadata, Error>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => e.code().as_str().into(),
    }
}

struct Row {
    file: &'static str,
    store: fn() -> TrustStore,
    policy: fn() -> Policy,
    at: &'static str,
    transport: Option<&'static str>,
    expect: &'static str,
}

fn prod() -> TrustStore {
    peppol(false)
}
fn test() -> TrustStore {
    peppol(true)
}
fn none() -> Policy {
    Policy::default()
}

/// One row per signed vector, with the date SOURCES.md names. Endpoint decisions follow
/// the endpoint's dates at that time (see the notes in tests/data/smp/README.md).
const ROWS: &[Row] = &[
    // peppol-commons production captures: SHA-1, G2 production anchors.
    // FAIL. The SignatureValue does not verify over SignedInfo either (checked with lxml
    // + openssl); we check it before the References, so the code is the signature's.
    Row { file: "peppol-commons/peppol-smp-client/src/test/resources/external/signed-service-metadata1.xml", store: prod, policy: sha1, at: "2021-01-01T00:00:00Z", transport: None, expect: "crypto.bad_signature" },
    Row { file: "peppol-commons/peppol-smp-client/src/test/resources/external/signed-service-metadata2.xml", store: prod, policy: sha1, at: "2021-01-01T00:00:00Z", transport: None, expect: "ok" },
    Row { file: "peppol-commons/peppol-smp-client/src/test/resources/external/signed-service-metadata3-c14n-inclusive.xml", store: prod, policy: sha1, at: "2020-08-01T00:00:00Z", transport: None, expect: "ok" },
    // Without allow_sha1 the real captures are refused.
    Row { file: "peppol-commons/peppol-smp-client/src/test/resources/external/signed-service-metadata2.xml", store: prod, policy: none, at: "2021-01-01T00:00:00Z", transport: None, expect: "dsig.algorithm_refused" },
    // ... and after the signer's certificate expired (2021-02-28).
    Row { file: "peppol-commons/peppol-smp-client/src/test/resources/external/signed-service-metadata2.xml", store: prod, policy: sha1, at: "2021-06-01T00:00:00Z", transport: None, expect: "pki.expired" },
    // vefa-peppol busdox records, G2 test anchors, SHA-1.
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-0192-923829644-1.xml", store: test, policy: sha1, at: "2025-01-01T00:00:00Z", transport: Some("peppol-transport-as4-v2_0"), expect: "smp.no_active_endpoint" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-0192-923829644-2.xml", store: test, policy: sha1, at: "2023-01-01T00:00:00Z", transport: Some("peppol-transport-as4-v2_0"), expect: "smp.no_active_endpoint" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-0192-923829644-2.xml", store: test, policy: sha1, at: "2023-01-01T00:00:00Z", transport: Some("bdxr-transport-ebms3-as4-v1p0"), expect: "smp.transport_profile_not_found" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-0192-923829644-3.xml", store: test, policy: sha1, at: "2023-01-01T00:00:00Z", transport: None, expect: "smp.no_active_endpoint" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-0192-12345678-1.xml", store: test, policy: sha1, at: "2023-01-01T00:00:00Z", transport: None, expect: "ok" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-0192-12345678-2.xml", store: test, policy: sha1, at: "2025-01-01T00:00:00Z", transport: None, expect: "ok" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-0192-12345678-3.xml", store: test, policy: sha1, at: "2025-01-01T00:00:00Z", transport: None, expect: "ok" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-0192-98765432-2.xml", store: test, policy: sha1, at: "2023-01-01T00:00:00Z", transport: None, expect: "smp.no_active_endpoint" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-0192-98765432-3.xml", store: test, policy: sha1, at: "2025-01-01T00:00:00Z", transport: None, expect: "smp.no_active_endpoint" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-9908-98765432.xml", store: test, policy: sha1, at: "2023-01-01T00:00:00Z", transport: None, expect: "smp.no_active_endpoint" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/peppol-doctype-wildcard-servicemetadata-9901-pint_c4_jp_sb.xml", store: test, policy: sha1, at: "2023-01-01T00:00:00Z", transport: Some("peppol-transport-as4-v2_0"), expect: "ok" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/peppol-doctype-wildcard-servicemetadata-9901-pint_c4_jp_sb.xml", store: test, policy: sha1, at: "2023-01-01T00:00:00Z", transport: Some("busdox-transport-as2-ver2p0"), expect: "smp.transport_profile_not_found" },
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-redirected-0192-991825827.xml", store: test, policy: sha1, at: "2022-06-01T00:00:00Z", transport: None, expect: "ok" },
    // Anchored at the PEPPOL production root, a test-network record is untrusted.
    Row { file: "vefa-peppol/peppol-lookup/src/test/resources/busdox-servicemetadata-0192-12345678-1.xml", store: prod, policy: sha1, at: "2023-01-01T00:00:00Z", transport: None, expect: "pki.untrusted_signer" },
];

#[test]
fn vectors_give_what_sources_md_states() {
    let mut failures = Vec::new();
    for row in ROWS {
        let xml = vector(row.file);
        let q = question_of(&xml, row.transport);
        let got = code(&verify_smp(
            &xml,
            &q,
            &(row.store)(),
            &(row.policy)(),
            at(row.at),
        ));
        if got != row.expect {
            failures.push(format!("{}: expected {}, got {got}", row.file, row.expect));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

fn err_code<T>(r: Result<T, Error>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => e.code().as_str().into(),
    }
}

#[test]
fn endpoint_dates_of_vefa_records() {
    // 923829644-2: its signer's certificate (2021-09-29..2023-09-19) and its endpoint
    // (2025-02-17..2027-02-07) are never valid at the same time. The signature verifies
    // at 2023-01-01 (table above, endpoint not yet active); the endpoint itself is
    // accepted at a time inside its window, as vefa's test (current clock) says.
    let xml = vector(&format!(
        "{VEFA}busdox-servicemetadata-0192-923829644-2.xml"
    ));
    let r = read_smp_unverified(&xml, &Limits::default()).unwrap();
    assert_eq!(r.version, SmpVersion::PeppolBusdox);
    assert_eq!(r.endpoints.len(), 1);
    let e = &r.endpoints[0];
    assert_eq!(e.transport_profile, "peppol-transport-as4-v2_0");
    assert_eq!(e.inactive_at(at("2026-01-01T00:00:00Z")), None);
    assert!(matches!(
        e.inactive_at(at("2027-02-08T00:00:00Z")),
        Some(FilterReason::Expired { .. })
    ));
    // The document identifier is written with whitespace around it.
    assert!(r
        .document
        .unwrap()
        .value()
        .starts_with("urn:oasis:names:specification:ubl"));

    // The reason is reported: not yet active (923829644-3), expired (923829644-1).
    let xml = vector(&format!(
        "{VEFA}busdox-servicemetadata-0192-923829644-3.xml"
    ));
    let e = verify_smp(
        &xml,
        &question_of(&xml, None),
        &peppol(true),
        &sha1(),
        at("2023-01-01T00:00:00Z"),
    )
    .unwrap_err();
    assert!(
        matches!(e, Error::Smp(trustmeta::SmpError::NoActiveEndpoint { ref reasons, .. })
        if matches!(reasons[..], [FilterReason::NotYetActive { .. }])),
        "{e:?}"
    );
    let xml = vector(&format!(
        "{VEFA}busdox-servicemetadata-0192-923829644-1.xml"
    ));
    let e = verify_smp(
        &xml,
        &question_of(&xml, None),
        &peppol(true),
        &sha1(),
        at("2025-01-01T00:00:00Z"),
    )
    .unwrap_err();
    assert!(
        matches!(e, Error::Smp(trustmeta::SmpError::NoActiveEndpoint { ref reasons, .. })
        if matches!(reasons[..], [FilterReason::Expired { .. }])),
        "{e:?}"
    );

    // Only an activation date, reached: accepted, with the endpoint's certificate.
    let xml = vector(&format!("{VEFA}busdox-servicemetadata-0192-12345678-2.xml"));
    let v = verify_smp(
        &xml,
        &question_of(&xml, None),
        &peppol(true),
        &sha1(),
        at("2025-01-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(v.endpoints().len(), 1);
    assert!(v.filtered_endpoints().is_empty());
    assert!(v.endpoints()[0].certificate().unwrap().parse().is_ok());
    assert!(v.report().legacy_algorithms.contains(&"rsa-sha1"));
}

#[test]
fn vefa_redirect_and_its_target() {
    let now = at("2022-06-01T00:00:00Z");
    let redirect_xml = vector(&format!(
        "{VEFA}busdox-servicemetadata-redirect-0192-991825827.xml"
    ));
    let target_xml = vector(&format!(
        "{VEFA}busdox-servicemetadata-redirected-0192-991825827.xml"
    ));
    let q = question_of(&target_xml, None);
    let first = verify_smp(&redirect_xml, &q, &peppol(true), &sha1(), now).unwrap();
    let redirect = first.redirect().unwrap();
    assert!(redirect.href.starts_with(
        "http://test-smp2.difi.no/iso6523-actorid-upis%3A%3A0192%3A991825827/services/"
    ));
    assert_eq!(
        redirect.certificate_uid.as_deref(),
        Some("C=NO,O=Direktoratet for Forvaltning og IKT,OU=PEPPOL TEST SMP,CN=PNO000179")
    );
    assert!(first.endpoints().is_empty());
    // The target's signer matches the CertificateUID with the RDNs in another order.
    let target =
        verify_smp_redirect_target(&target_xml, &q, redirect, &peppol(true), &sha1(), now).unwrap();
    assert_eq!(
        target.endpoints()[0].uri,
        "https://peppol-ap-stage.maventa.com/as2"
    );
    // The redirect record itself as a target: a second redirect.
    assert_eq!(
        err_code(verify_smp_redirect_target(
            &redirect_xml,
            &q,
            redirect,
            &peppol(true),
            &sha1(),
            now
        )),
        "smp.double_redirect"
    );
}

#[test]
fn bdxr_2014_draft() {
    let xml = vector(&format!(
        "{VEFA}bdxr201407-servicemetadata-9908-810418052.xml"
    ));
    let store = pinned(last_keyinfo_cert(&xml));
    let v = verify_smp(
        &xml,
        &question_of(&xml, None),
        &store,
        &sha1(),
        at("2015-06-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(v.version(), SmpVersion::Bdxr2014);
    let e = &v.endpoints()[0];
    assert_eq!(e.transport_profile, "busdox-transport-as2-ver1p0");
    let cert = e.certificate().unwrap().parse().unwrap();
    assert!(cert.subject_matches("CN=APP_1000000005, O=DIFI, C=NO"));
}

#[test]
fn holodeck_smp2_signed_result() {
    let dir = format!("{HOLODECK}generic-client/src/test/resources/smpresultreadertest/");
    let xml = vector(&format!("{dir}signed_result.xml"));
    let q = SmpQuestion::new(
        ParticipantId::parse("ParticipantID0").unwrap(),
        DocumentId::parse("ID0").unwrap(),
    );
    let now = at("2020-01-01T00:00:00Z");
    let store = pinned(last_keyinfo_cert(&xml));
    let v = verify_smp(&xml, &q, &store, &Policy::default(), now).unwrap();
    assert_eq!(v.version(), SmpVersion::Oasis2);
    assert!(v.endpoints().is_empty() && v.redirect().is_none());
    // Untrusted: the same record against another anchor.
    assert_eq!(
        err_code(verify_smp(&xml, &q, &test_pki(), &Policy::default(), now)),
        "pki.untrusted_signer"
    );
    // The tampered twin and the unsigned one.
    let inv = vector(&format!("{dir}inv_signed_result.xml"));
    let q22 = SmpQuestion::new(q.participant.clone(), DocumentId::parse("ID022").unwrap());
    assert_eq!(
        err_code(verify_smp(&inv, &q22, &store, &Policy::default(), now)),
        "dsig.digest_mismatch"
    );
    let unsigned = vector(&format!("{dir}unsigned_result.xml"));
    assert_eq!(
        err_code(verify_smp(&unsigned, &q, &store, &Policy::default(), now)),
        "dsig.missing_signature"
    );
    assert_eq!(
        read_smp_unverified(&unsigned, &Limits::default())
            .unwrap()
            .process_groups
            .len(),
        2
    );
}

#[test]
fn holodeck_unsigned_fixtures_read_but_do_not_verify() {
    let now = at("2022-06-01T00:00:00Z");
    let xml = vector(&format!(
        "{HOLODECK}oasis-smp/src/test/resources/redirection.xml"
    ));
    let r = read_smp_unverified(&xml, &Limits::default()).unwrap();
    assert_eq!(r.redirects[0].href, "http://link.to.new.smp");
    let q = SmpQuestion::new(
        ParticipantId::parse("iso6523-actorid-upis::0088:1").unwrap(),
        DocumentId::parse("busdox-docid-qns::x").unwrap(),
    );
    assert_eq!(
        err_code(verify_smp(&xml, &q, &test_pki(), &Policy::default(), now)),
        "dsig.missing_signature"
    );

    let dir = format!("{HOLODECK}oasis-smp2/src/test/resources/servicemetadataprocessortest/");
    let r = read_smp_unverified(
        &vector(&format!("{dir}redirections.xml")),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(r.process_groups, [1, 0]);
    assert_eq!(r.redirects.len(), 2);
    assert_eq!(r.redirects[0].href, "http://new.smp.for.specific.proc");
    assert_eq!(r.redirects[0].certificates.len(), 1);
    assert!(r.redirects[0].certificates[0].parse().is_ok());
    assert!(r.redirects[1].certificates.is_empty());

    let r =
        read_smp_unverified(&vector(&format!("{dir}detailed.xml")), &Limits::default()).unwrap();
    let e = &r.endpoints[0];
    assert_eq!(e.transport_profile, "bdxr-transport-ebms3-as4-v1p0");
    assert_eq!(e.uri, "https://ap.sample.holodeck-b2b.org/");
    assert_eq!(e.activation.unwrap().to_string(), "2022-02-23T23:00:00Z");
    assert_eq!(
        e.certificates[0].type_code.as_deref(),
        Some("sign-and-encrypt")
    );
    assert_eq!(
        r.participant.unwrap().scheme(),
        "urn:oasis:tc:ebcore:partyid-type:unregistered"
    );
}

#[test]
fn ehealth_record_with_an_extension_signature() {
    let xml = vector(&format!("{DDC}signed_service_metadata_urn_poland_ncpb.xml"));
    let q = SmpQuestion {
        process: Some(
            ProcessId::parse("ehealth-procid-qns::urn:epsosPatientService::List").unwrap(),
        ),
        transport_profile: Some("urn:ihe:iti:2013:xcpd".into()),
        ..SmpQuestion::new(
            ParticipantId::parse("ehealth-actorid-qns::urn:poland:ncpb").unwrap(),
            DocumentId::parse("ehealth-resid-qns::urn::epsos##services:extended:epsos::107")
                .unwrap(),
        )
    };
    let now = at("2024-01-01T00:00:00Z");
    let store = pinned(last_keyinfo_cert(&xml));
    // The mock SMP key is RSA-1024: refused by default, accepted when the policy says so.
    assert_eq!(
        err_code(verify_smp(&xml, &q, &store, &Policy::default(), now)),
        "crypto.weak_key"
    );
    let legacy = Policy {
        min_rsa_bits: 1024,
        ..Policy::default()
    };
    let v = verify_smp(&xml, &q, &store, &legacy, now).unwrap();
    assert_eq!(
        v.other_signatures(),
        1,
        "the Extension signature is reported"
    );
    let signer = v.report().signer.clone().unwrap();
    assert!(signer.subject_matches("CN=SMP Mock Services, OU=DIGIT, O=European Commision, C=BE"));
    assert_eq!(v.endpoints()[0].uri, "http://poland/ncp/patient/list");
    // An unrelated trust store; the tampered twin.
    assert_eq!(
        err_code(verify_smp(&xml, &q, &test_pki(), &legacy, now)),
        "pki.untrusted_signer"
    );
    let bad = vector(&format!(
        "{DDC}signed_service_metadata_urn_poland_ncpb_invalid_signature.xml"
    ));
    assert_eq!(
        err_code(verify_smp(&bad, &q, &store, &legacy, now)),
        "dsig.digest_mismatch"
    );
    // The generic verifier refuses the two signatures; the SMP profile knows which counts.
    assert_eq!(
        err_code(trustmeta::verify(&xml, &store, &legacy, now)),
        "dsig.too_many_signatures"
    );
}

#[test]
fn ddc_unsigned_redirect_and_doctypes() {
    let now = at("2024-01-01T00:00:00Z");
    let xml = vector(&format!("{DDC}signed_service_metadata_redirection.xml"));
    let r = read_smp_unverified(&xml, &Limits::default()).unwrap();
    assert_eq!(
        r.redirects[0].certificate_uid.as_deref(),
        Some("PID:9208-2001-3-279815395")
    );
    let q = question_of(
        &vector(&format!("{DDC}signed_service_metadata_urn_poland_ncpb.xml")),
        None,
    );
    assert_eq!(
        err_code(verify_smp(&xml, &q, &test_pki(), &Policy::default(), now)),
        "dsig.missing_signature"
    );
    let p = ParticipantId::parse("iso6523-actorid-upis::0088:1").unwrap();
    let open = Policy::default();
    let p = ServiceGroupQuestion {
        allow_unsigned: true,
        ..ServiceGroupQuestion::new(p)
    };
    for f in [
        "service_group_externalDTD.xml",
        "service_group_with_doctype_multiplying_entities_out_of_memory.xml",
    ] {
        let xml = vector(&format!("{DDC}{f}"));
        assert_eq!(
            err_code(verify_service_group(&xml, &p, &test_pki(), &open, now)),
            "xml.doctype_refused",
            "{f}"
        );
        assert_eq!(
            err_code(verify_smp(&xml, &q, &test_pki(), &open, now)),
            "xml.doctype_refused",
            "{f}"
        );
    }
}

#[test]
fn unsigned_service_groups_need_the_policy() {
    let now = at("2024-01-01T00:00:00Z");
    let open = Policy::default();
    let unsigned = |p: &ParticipantId| ServiceGroupQuestion {
        allow_unsigned: true,
        ..ServiceGroupQuestion::new(p.clone())
    };
    for (f, p, n, version) in [
        (
            "bdxr201605-servicegroup-9908-991825827.xml",
            "iso6523-actorid-upis::9908:991825827",
            7,
            SmpVersion::Oasis1,
        ),
        (
            "busdox-servicegroup-0192-991825827.xml",
            "iso6523-actorid-upis::0192:991825827",
            9,
            SmpVersion::PeppolBusdox,
        ),
    ] {
        let xml = vector(&format!("{VEFA}{f}"));
        let p = ParticipantId::parse(p).unwrap();
        assert_eq!(
            err_code(verify_service_group(
                &xml,
                &ServiceGroupQuestion::new(p.clone()),
                &test_pki(),
                &Policy::default(),
                now
            )),
            "dsig.missing_signature"
        );
        let g = verify_service_group(&xml, &unsigned(&p), &test_pki(), &open, now).unwrap();
        assert_eq!((g.references().len(), g.version()), (n, version), "{f}");
        assert!(g.report().is_none());
        assert!(g.references().iter().all(|r| r.document.is_some()), "{f}");
        let other = ParticipantId::parse("iso6523-actorid-upis::0192:1").unwrap();
        assert_eq!(
            err_code(verify_service_group(
                &xml,
                &unsigned(&other),
                &test_pki(),
                &open,
                now
            )),
            "smp.participant_mismatch"
        );
    }
    let xml = ours("signed/servicegroup-unsigned.xml");
    let p = ParticipantId::parse("iso6523-actorid-upis::0088:5798000000001").unwrap();
    let g = verify_service_group(&xml, &unsigned(&p), &test_pki(), &open, now).unwrap();
    assert_eq!(
        g.references()[0].document.as_ref().unwrap().scheme(),
        "busdox-docid-qns"
    );
}

// ---- our records, signed by tests/data/smp/make_signed.sh ---------------------------

const NOW: &str = "2026-06-01T00:00:00Z";

fn our_question() -> SmpQuestion {
    SmpQuestion::new(
        ParticipantId::parse("iso6523-actorid-upis::0088:5798000000001").unwrap(),
        DocumentId::parse("busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1").unwrap(),
    )
}

fn ours_verify(file: &str, q: &SmpQuestion) -> Result<VerifiedServiceMetadata, Error> {
    verify_smp(
        &ours(&format!("signed/{file}")),
        q,
        &test_pki(),
        &Policy::default(),
        at(NOW),
    )
}

#[test]
fn each_canonicalization_verifies() {
    for (f, c14n) in [
        ("smp1-exc.xml", "http://www.w3.org/2001/10/xml-exc-c14n#"),
        (
            "smp1-c14n10.xml",
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
        ),
        ("smp1-c14n11.xml", "http://www.w3.org/2006/12/xml-c14n11"),
    ] {
        let v = ours_verify(f, &our_question()).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert_eq!(v.report().canonicalization.uri(), c14n);
        assert_eq!(v.version(), SmpVersion::Oasis1);
        assert_eq!(v.endpoints()[0].uri, "https://ap.example.org/as4");
        assert_eq!(
            v.endpoints()[0].certificate().unwrap().sha256_hex().len(),
            64
        );
    }
}

#[test]
fn a_record_for_another_question_is_a_replay() {
    let mut q = our_question();
    q.participant = ParticipantId::parse("iso6523-actorid-upis::0088:5798000000002").unwrap();
    assert_eq!(
        err_code(ours_verify("smp1-exc.xml", &q)),
        "smp.participant_mismatch"
    );
    let mut q = our_question();
    q.document = DocumentId::parse("busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017::2.1").unwrap();
    assert_eq!(
        err_code(ours_verify("smp1-exc.xml", &q)),
        "smp.document_mismatch"
    );
    // Document identifiers are case-sensitive; participant values are not.
    let mut q = our_question();
    q.document = DocumentId::new("busdox-docid-qns", &q.document.value().to_uppercase()).unwrap();
    assert_eq!(
        err_code(ours_verify("smp1-exc.xml", &q)),
        "smp.document_mismatch"
    );
    let mut q = our_question();
    q.participant = ParticipantId::parse("ISO6523-ACTORID-UPIS::0088:5798000000001").unwrap();
    assert_eq!(err_code(ours_verify("smp1-exc.xml", &q)), "ok");
    let mut q = our_question();
    q.process = Some(ProcessId::parse("cenbii-procid-ubl::urn:other").unwrap());
    assert_eq!(
        err_code(ours_verify("smp1-exc.xml", &q)),
        "smp.process_mismatch"
    );
    q.process = Some(
        ProcessId::parse("cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0").unwrap(),
    );
    assert_eq!(err_code(ours_verify("smp1-exc.xml", &q)), "ok");
    q.transport_profile = Some("busdox-transport-as2-ver2p0".into());
    assert_eq!(
        err_code(ours_verify("smp1-exc.xml", &q)),
        "smp.transport_profile_not_found"
    );
}

#[test]
fn expired_endpoints_are_filtered_and_reported() {
    let v = ours_verify("smp1-expired-endpoint.xml", &our_question()).unwrap();
    assert_eq!(v.endpoints().len(), 1);
    assert_eq!(v.endpoints()[0].uri, "https://ap.example.org/as4");
    let f = &v.filtered_endpoints()[0];
    assert_eq!(f.endpoint.uri, "https://old-ap.example.org/as4");
    // Written with +01:00: 2025-12-31T23:00:00Z.
    assert!(
        matches!(f.reason, FilterReason::Expired { expiration, .. } if expiration == at("2025-12-31T23:00:00Z"))
    );
    assert_eq!(
        err_code(ours_verify("smp1-only-expired.xml", &our_question())),
        "smp.no_active_endpoint"
    );
}

#[test]
fn redirects_bind_the_target_signer() {
    let q = our_question();
    let now = at(NOW);
    let r = ours_verify("smp1-redirect.xml", &q).unwrap();
    let redirect = r.redirect().unwrap().clone();
    assert!(r.participant().is_none());
    let policy = Policy::default();
    // CertificateUID names leaf-rsa2048 (RDNs reordered, case and spaces changed).
    let ok = verify_smp_redirect_target(
        &ours("signed/smp1-exc.xml"),
        &q,
        &redirect,
        &test_pki(),
        &policy,
        now,
    );
    assert_eq!(err_code(ok), "ok");
    // Signed by leaf-rsa3072: another certificate than the redirect names.
    let other = verify_smp_redirect_target(
        &ours("signed/smp1-other-signer.xml"),
        &q,
        &redirect,
        &test_pki(),
        &policy,
        now,
    );
    assert_eq!(err_code(other), "smp.redirect_signer_mismatch");
    // A target that redirects again.
    let double = verify_smp_redirect_target(
        &ours("signed/smp1-redirect.xml"),
        &q,
        &redirect,
        &test_pki(),
        &policy,
        now,
    );
    assert_eq!(err_code(double), "smp.double_redirect");
    // A subject serialNumber is accepted too, as in the OASIS example; a different one is not.
    let mut by_serial = redirect.clone();
    by_serial.certificate_uid = Some("PID:9208-2001-3-279815395".into());
    let e = verify_smp_redirect_target(
        &ours("signed/smp1-exc.xml"),
        &q,
        &by_serial,
        &test_pki(),
        &policy,
        now,
    );
    assert_eq!(err_code(e), "smp.redirect_signer_mismatch");
}

#[test]
fn smp2_record_endpoints_and_per_process_redirect() {
    let mut q = our_question();
    q.document = DocumentId::new("bdx-docid-qns", q.document.value()).unwrap();
    q.process = Some(
        ProcessId::parse("cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0").unwrap(),
    );
    let v = ours_verify("smp2-exc.xml", &q).unwrap();
    assert_eq!(v.version(), SmpVersion::Oasis2);
    let e = &v.endpoints()[0];
    assert_eq!(e.uri, "https://ap2.example.org/as4");
    assert_eq!(e.activation.unwrap().to_string(), "2024-12-31T23:00:00Z");
    assert_eq!(
        e.expiration.unwrap(),
        DateTime::from_unix_nanos(at("2044-12-31T23:59:59Z").unix_seconds(), 999_999_999)
    );
    // The other process is redirected, naming leaf-rsa2048 by its certificate.
    q.process =
        Some(ProcessId::parse("cenbii-procid-ubl::urn:example:redirected-process").unwrap());
    let v = ours_verify("smp2-exc.xml", &q).unwrap();
    let redirect = v.redirect().unwrap().clone();
    assert_eq!(redirect.href, "https://smp2.example.org/");
    let policy = Policy::default();
    let now = at(NOW);
    let mut target_q = our_question();
    target_q.process = None;
    assert_eq!(
        err_code(verify_smp_redirect_target(
            &ours("signed/smp1-exc.xml"),
            &target_q,
            &redirect,
            &test_pki(),
            &policy,
            now
        )),
        "ok"
    );
    assert_eq!(
        err_code(verify_smp_redirect_target(
            &ours("signed/smp1-other-signer.xml"),
            &target_q,
            &redirect,
            &test_pki(),
            &policy,
            now
        )),
        "smp.redirect_signer_mismatch"
    );
}

#[test]
fn the_signature_profile_is_enforced() {
    let xml = String::from_utf8(ours("signed/smp1-exc.xml")).unwrap();
    let q = our_question();
    let run = |x: &str| {
        err_code(verify_smp(
            x.as_bytes(),
            &q,
            &test_pki(),
            &Policy::default(),
            at(NOW),
        ))
    };
    // Content after the signature.
    let after = xml.replace(
        "</SignedServiceMetadata>",
        "<Extra xmlns=\"urn:x\"/></SignedServiceMetadata>",
    );
    assert_eq!(run(&after), "smp.signature_profile");
    // A Reference to an ID instead of the whole document.
    let by_id = xml.replace("<Reference URI=\"\">", "<Reference URI=\"#x\">");
    assert_eq!(run(&by_id), "smp.signature_profile");
    // A second root-level signature.
    let start = xml.find("<Signature").unwrap();
    let end = xml.find("</Signature>").unwrap() + "</Signature>".len();
    let two = xml.replace(
        "</SignedServiceMetadata>",
        &format!("{}</SignedServiceMetadata>", &xml[start..end]),
    );
    assert_eq!(run(&two), "dsig.too_many_signatures");
    // A changed endpoint address.
    assert_eq!(
        run(&xml.replace("ap.example.org", "evil.example.org")),
        "dsig.digest_mismatch"
    );
    // A ServiceGroup where a record is expected, and the other way round.
    let g = ours("signed/servicegroup-unsigned.xml");
    assert_eq!(
        err_code(verify_smp(&g, &q, &test_pki(), &Policy::default(), at(NOW))),
        "dsig.missing_signature"
    );
}
