//! SMP lookup names against published examples: the issue's worked example, the PEPPOL
//! and eDelivery client test suites, and a real SMP's ServiceGroup.

use trustmeta::{
    bdxl_name, select_naptr, sml_cname, smp1_url, smp2_url, DocumentId, IdentifierPolicy,
    NaptrRecord, ParticipantId,
};

fn p(s: &str) -> ParticipantId {
    ParticipantId::parse(s).unwrap()
}

fn ids() -> IdentifierPolicy {
    IdentifierPolicy::default()
}

#[test]
fn worked_example_of_the_issue() {
    assert_eq!(
        bdxl_name(&p("iso6523-actorid-upis::0088:123ABC"), "participant.sml.test.tech.peppol.org", &ids()),
        "y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.participant.sml.test.tech.peppol.org"
    );
}

#[test]
fn peppol_cname_examples() {
    // phax/peppol-commons SMPClientReadOnlyTest.testGetSMPHostURI: 9915:test in the
    // DIGIT test SML (acc.edelivery.tech.ec.europa.eu).
    assert_eq!(
        sml_cname(
            &p("iso6523-actorid-upis::9915:test"),
            "acc.edelivery.tech.ec.europa.eu.",
            &ids()
        ),
        "B-85008b8279e07ab0392da75fa55856a2.iso6523-actorid-upis.acc.edelivery.tech.ec.europa.eu"
    );
    // shared/vectors/smp vefa-peppol bdxr201605-servicegroup-9908-991825827.xml: the SMP
    // writes its own host name into the ServiceMetadataReference hrefs.
    let name = sml_cname(
        &p("iso6523-actorid-upis::9908:991825827"),
        "edelivery.tech.ec.europa.eu",
        &ids(),
    );
    assert!(name.eq_ignore_ascii_case(
        "b-770c6f5843e9e302de47ae4026307076.iso6523-actorid-upis.edelivery.tech.ec.europa.eu"
    ));
    // Values are lowercased before hashing (PEPPOL SML specification §3.4).
    assert_eq!(
        sml_cname(
            &p("iso6523-actorid-upis::9915:TEST"),
            "acc.edelivery.tech.ec.europa.eu",
            &ids()
        ),
        sml_cname(
            &p("iso6523-actorid-upis::9915:test"),
            "acc.edelivery.tech.ec.europa.eu",
            &ids()
        )
    );
}

#[test]
fn edelivery_examples() {
    // nordic-institute/harmony-smp (eDelivery SMP) HashUtilTest: urn:poland:ncpb.
    let poland = p("ehealth-actorid-qns::urn:poland:ncpb");
    assert!(bdxl_name(&poland, "ehealth.example", &ids())
        .eq_ignore_ascii_case("DALXFO3CDYE5ZSLF5WAVCYQ3XGERI6ONUBJU5WAH3T77THFWCGEQ.ehealth-actorid-qns.ehealth.example"));
    assert!(
        sml_cname(&poland, "ehealth.example", &ids()).eq_ignore_ascii_case(
            "b-adb4c6d3821d142c684b13ed269fad65.ehealth-actorid-qns.ehealth.example"
        )
    );
}

#[test]
fn ebcore_ids_are_hashed_whole_without_scheme_label() {
    // phax/peppol-commons BPCURLProviderSMPTest (ebCore party IDs, no scheme label).
    let a = ParticipantId::new(
        "urn:oasis:names:tc:ebcore:partyid-type:iso6523:0060",
        "123456789",
    )
    .unwrap();
    assert!(
        bdxl_name(&a, "bpc02.b2bei.us.", &ids()).eq_ignore_ascii_case(
            "64YIBI3W4XKI6USPE6LXNMDAXTO3EEZHPD3UQWEB7SYBMYVFRNHA.bpc02.b2bei.us"
        )
    );
    let b = ParticipantId::new(
        "urn:oasis:names:tc:ebcore:partyid-type:unregistered:disney",
        "goofy",
    )
    .unwrap();
    assert!(
        bdxl_name(&b, "bpc02.b2bei.us.", &ids()).eq_ignore_ascii_case(
            "F64Y2CXXVX4VJF4E45OQVE6RUZML7AWG4SN4NKTYXLJSZEVUQKCQ.bpc02.b2bei.us"
        )
    );
}

#[test]
fn case_sensitive_schemes_and_wildcards() {
    let strict = IdentifierPolicy {
        case_sensitive_participant_schemes: &["case-sensitive-scheme"],
        ..IdentifierPolicy::default()
    };
    let upper = p("case-sensitive-scheme::ABC");
    let lower = p("case-sensitive-scheme::abc");
    assert_ne!(
        bdxl_name(&upper, "z", &strict),
        bdxl_name(&lower, "z", &strict)
    );
    assert_eq!(
        bdxl_name(&upper, "z", &ids()),
        bdxl_name(&lower, "z", &ids())
    );
    assert_eq!(
        bdxl_name(&p("iso6523-actorid-upis::*"), "zone", &ids()),
        "*.iso6523-actorid-upis.zone"
    );
    assert_eq!(
        sml_cname(&p("iso6523-actorid-upis::*"), "zone", &ids()),
        "*.iso6523-actorid-upis.zone"
    );
}

#[test]
fn naptr_selection() {
    let rec = |order, preference, flags, service, regexp| NaptrRecord {
        order,
        preference,
        flags,
        service,
        regexp,
        replacement: ".",
    };
    let records = [
        rec(100, 20, "U", "Meta:SMP", "!^.*$!https://second.example/!"),
        rec(100, 10, "U", "Meta:SMP", "!^.*$!https://first.example/!"),
        rec(10, 10, "U", "Meta:OTHER", "!^.*$!https://other.example/!"),
        rec(10, 10, "S", "Meta:SMP", "!^.*$!https://srv.example/!"),
        rec(50, 10, "U", "Meta:SMP", "!^(.*)$!https://\\1.example/!"),
    ];
    assert_eq!(
        select_naptr(&records).as_deref(),
        Some("https://first.example/")
    );
    assert_eq!(select_naptr(&records[2..4]), None);
}

#[test]
fn request_urls() {
    let part = p("iso6523-actorid-upis::0088:5798000000001");
    let doc = DocumentId::parse("busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1").unwrap();
    // The href form of shared/vectors/smp dynamic-discovery-client redirection record.
    assert_eq!(
        smp1_url("http://smp.example/", &part, Some(&doc)),
        "http://smp.example/iso6523-actorid-upis%3A%3A0088%3A5798000000001/services/busdox-docid-qns%3A%3Aurn%3Aoasis%3Anames%3Aspecification%3Aubl%3Aschema%3Axsd%3AInvoice-2%3A%3AInvoice%23%23urn%3Acen.eu%3Aen16931%3A2017%3A%3A2.1"
    );
    assert_eq!(
        smp2_url("http://smp.example", &part, None),
        "http://smp.example/bdxr-smp-2/iso6523-actorid-upis%3A%3A0088%3A5798000000001"
    );
}
