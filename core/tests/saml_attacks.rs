//! Attacks on SAML relying parties, built from responses xmlsec1 signs
//! (tests/data/saml/make_signed.sh; scripts/test-rust.sh re-signs them during the run):
//! the eight XML Signature Wrapping shapes of "On Breaking SAML" (Somorovsky et al.,
//! 2012), signature exclusion, comment truncation, duplicate IDs, extra assertions,
//! foreign keys, algorithm downgrade, time, audience, recipient, destination,
//! InResponseTo and replay. Each is refused, or — where the signed content is intact —
//! what comes back is exactly the signed content. Names say which attack.

mod common;

use common::{at, read};
use trustmeta::{
    decode_post_binding, verify_authn_request, verify_authn_request_redirect, verify_response,
    AttributeStatus, DateTime, Error, ErrorCode, IssuerTrust, MemoryReplayCache, Policy,
    ReplayCache, ReplayCheck, RequestExpectations, ResponseExpectations, SamlError, SamlProfile,
    SignedBy, TrustStore, VerifiedResponse,
};

const IDP: &str = "https://idp.example.org/";
const SP: &str = "https://sp.example.org/metadata";
const ACS: &str = "https://sp.example.org/acs";
const NOW: &str = "2026-06-01T10:01:00Z";
const EVIL: &str = "admin@evil.example";

fn signed(name: &str) -> String {
    String::from_utf8(read(&format!("tests/data/saml/signed/{name}"))).unwrap()
}

fn pki(name: &str) -> Vec<u8> {
    read(&format!("tests/data/xmldsig-gen/pki/{name}.pem"))
}

/// The identity provider's anchors: the test root, with the intermediate available.
fn idp_trust() -> IssuerTrust {
    let mut store = TrustStore::from_pem(&pki("root")).unwrap();
    store.add_intermediates_pem(&pki("intermediate")).unwrap();
    let mut t = IssuerTrust::new();
    t.add(IDP, store);
    t
}

fn expect(now: &str) -> ResponseExpectations<'static> {
    let mut e = ResponseExpectations::new(SP, ACS, at(now));
    e.request_id = Some("_req-4711");
    e
}

fn check(xml: &str) -> Result<VerifiedResponse, Error> {
    check_with(xml, &expect(NOW), &Policy::default())
}

fn check_with(
    xml: &str,
    e: &ResponseExpectations<'_>,
    policy: &Policy,
) -> Result<VerifiedResponse, Error> {
    let mut cache = MemoryReplayCache::new(16);
    verify_response(xml.as_bytes(), &idp_trust(), policy, e, &mut cache)
}

fn code<T: core::fmt::Debug>(r: Result<T, Error>) -> ErrorCode {
    r.unwrap_err().code()
}

/// The `<ds:Signature …>…</ds:Signature>` of `xml` and the text without it.
fn split_signature(xml: &str) -> (String, String) {
    let start = xml.find("<ds:Signature").unwrap();
    let end = xml.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    (
        xml[start..end].to_string(),
        format!("{}{}", &xml[..start], &xml[end..]),
    )
}

fn body(xml: &str) -> &str {
    xml.split_once("?>").map_or(xml, |(_, b)| b).trim()
}

fn element<'a>(xml: &'a str, open: &str, close: &str) -> &'a str {
    let s = xml.find(open).unwrap();
    let e = xml[s..].find(close).unwrap() + s + close.len();
    &xml[s..e]
}

/// An attacker's assertion: the original's content with another ID and subject.
fn evil_assertion(original_unsigned: &str, id: &str) -> String {
    element(original_unsigned, "<saml:Assertion", "</saml:Assertion>")
        .replacen("ID=\"_assert-1\"", &format!("ID=\"{id}\""), 1)
        .replacen("ID=\"_assert-2\"", &format!("ID=\"{id}\""), 1)
        .replace("ross@octolabs.io", EVIL)
}

/// Asserts the attack is refused with `want` and never yields the attacker's subject.
fn refused(xml: &str, want: ErrorCode) {
    match check(xml) {
        Ok(v) => panic!(
            "accepted, returning {:?}",
            v.assertion.name_id.map(|n| n.value)
        ),
        Err(e) => assert_eq!(e.code(), want, "{e}"),
    }
}

// --- The genuine messages ------------------------------------------------------------

#[test]
fn genuine_signed_assertion_is_returned_in_full() {
    let v = check(&signed("assertion-signed.xml")).unwrap();
    let a = &v.assertion;
    assert_eq!(v.signed_by, SignedBy::Assertion);
    assert_eq!(v.issuer, IDP);
    assert_eq!(a.id, "_assert-1");
    let n = a.name_id.as_ref().unwrap();
    assert_eq!(n.value, "ross@octolabs.io");
    assert_eq!(
        n.format.as_deref(),
        Some("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
    );
    assert_eq!(n.sp_name_qualifier.as_deref(), Some(SP));
    assert_eq!(a.attribute("givenName").unwrap().values, ["Ross"]);
    assert_eq!(
        a.attribute("eduPersonEntitlement").unwrap().values,
        ["urn:example:admin", "urn:example:staff"]
    );
    assert_eq!(a.audiences, [SP]);
    assert!(a.one_time_use);
    assert_eq!(a.not_on_or_after, Some(at("2026-06-01T10:05:00Z")));
    assert_eq!(
        a.authn_statements[0].session_index.as_deref(),
        Some("_session-1")
    );
    assert_eq!(
        a.loa.as_deref(),
        Some("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")
    );
    assert_eq!(v.reports.len(), 1);
    assert_eq!(v.reports[0].references[0].element, "Assertion");
}

#[test]
fn genuine_signed_response_covers_its_assertion() {
    let v = check(&signed("response-signed.xml")).unwrap();
    assert_eq!(v.signed_by, SignedBy::Response);
    assert_eq!(v.assertion.id, "_assert-2");
    assert_eq!(v.reports[0].references[0].element, "Response");
}

#[test]
fn post_binding_form_value_verifies() {
    use base64ct::Encoding as _;
    let form = base64ct::Base64::encode_string(signed("assertion-signed.xml").as_bytes());
    let xml = decode_post_binding(form.as_bytes(), Some("relay-1")).unwrap();
    assert!(check(core::str::from_utf8(&xml).unwrap()).is_ok());
    let long_relay = "r".repeat(81);
    assert!(matches!(
        decode_post_binding(form.as_bytes(), Some(&long_relay)),
        Err(SamlError::Binding { .. })
    ));
    let big = "A".repeat(200 * 1024);
    assert!(matches!(
        decode_post_binding(big.as_bytes(), None),
        Err(SamlError::Binding { .. })
    ));
}

// --- XML Signature Wrapping ("On Breaking SAML", figure 6) ----------------------------

#[test]
fn xsw1_original_response_inside_the_signature_of_an_evil_one() {
    let (sig, unsigned) = split_signature(&signed("response-signed.xml"));
    let original = body(&unsigned).to_string();
    let evil = original
        .replacen("ID=\"_resp-2\"", "ID=\"_evil-resp\"", 1)
        .replacen("ID=\"_assert-2\"", "ID=\"_evil-assert\"", 1)
        .replace("ross@octolabs.io", EVIL);
    // Inside a ds:Object, where XML-DSig allows arbitrary content.
    let sig_with_original = sig.replacen(
        "</ds:Signature>",
        &format!("<ds:Object>{original}</ds:Object></ds:Signature>"),
        1,
    );
    let attack = evil.replacen(
        "</saml:Issuer>",
        &format!("</saml:Issuer>{sig_with_original}"),
        1,
    );
    refused(&attack, ErrorCode::SamlSignatureProfile);
}

#[test]
fn xsw2_original_response_detached_beside_the_signature() {
    let (sig, unsigned) = split_signature(&signed("response-signed.xml"));
    let original = body(&unsigned).to_string();
    let evil = original
        .replacen("ID=\"_resp-2\"", "ID=\"_evil-resp\"", 1)
        .replacen("ID=\"_assert-2\"", "ID=\"_evil-assert\"", 1)
        .replace("ross@octolabs.io", EVIL);
    let attack = evil.replacen(
        "</saml:Issuer>",
        &format!("</saml:Issuer>{original}{sig}"),
        1,
    );
    refused(&attack, ErrorCode::SamlSignatureProfile);
}

#[test]
fn xsw3_evil_assertion_before_the_signed_one() {
    let xml = signed("assertion-signed.xml");
    let (_, unsigned) = split_signature(&xml);
    let evil = evil_assertion(&unsigned, "_evil");
    let attack = xml.replacen("<saml:Assertion", &format!("{evil}<saml:Assertion"), 1);
    refused(&attack, ErrorCode::SamlAssertionCount);
}

#[test]
fn xsw4_evil_assertion_wraps_the_signed_one() {
    let xml = signed("assertion-signed.xml");
    let (_, unsigned) = split_signature(&xml);
    let original = element(&xml, "<saml:Assertion", "</saml:Assertion>").to_string();
    let evil = evil_assertion(&unsigned, "_evil").replacen(
        "</saml:Assertion>",
        &format!("{original}</saml:Assertion>"),
        1,
    );
    let attack = xml.replacen(&original, &evil, 1);
    refused(&attack, ErrorCode::SamlSignatureProfile);
}

#[test]
fn xsw5_signature_moved_to_evil_assertion_original_appended() {
    let xml = signed("assertion-signed.xml");
    let (sig, unsigned) = split_signature(&xml);
    let original = element(&unsigned, "<saml:Assertion", "</saml:Assertion>").to_string();
    let evil = evil_assertion(&unsigned, "_evil").replacen(
        "</saml:Issuer>",
        &format!("</saml:Issuer>{sig}"),
        1,
    );
    let attack = unsigned.replacen(&original, &format!("{evil}{original}"), 1);
    refused(&attack, ErrorCode::SamlAssertionCount);
}

#[test]
fn xsw6_original_assertion_inside_the_signature_of_the_evil_one() {
    let xml = signed("assertion-signed.xml");
    let (sig, unsigned) = split_signature(&xml);
    let original = element(&unsigned, "<saml:Assertion", "</saml:Assertion>").to_string();
    let sig_with_original =
        sig.replacen("</ds:Signature>", &format!("{original}</ds:Signature>"), 1);
    let evil = evil_assertion(&unsigned, "_evil").replacen(
        "</saml:Issuer>",
        &format!("</saml:Issuer>{sig_with_original}"),
        1,
    );
    let attack = unsigned.replacen(&original, &evil, 1);
    // Refused as soon as the Signature is read: only KeyInfo and Object may follow
    // SignatureValue.
    refused(&attack, ErrorCode::DsigMalformed);
}

#[test]
fn xsw7_signed_assertion_hidden_in_extensions() {
    let xml = signed("assertion-signed.xml");
    let (_, unsigned) = split_signature(&xml);
    let original = element(&xml, "<saml:Assertion", "</saml:Assertion>").to_string();
    let evil = evil_assertion(&unsigned, "_evil");
    let attack = xml.replacen(
        &original,
        &format!("<samlp:Extensions>{original}</samlp:Extensions>{evil}"),
        1,
    );
    refused(&attack, ErrorCode::SamlSignatureProfile);
}

#[test]
fn xsw8_original_assertion_in_an_object_of_the_evil_signature() {
    let xml = signed("assertion-signed.xml");
    let (sig, unsigned) = split_signature(&xml);
    let original = element(&unsigned, "<saml:Assertion", "</saml:Assertion>").to_string();
    let sig_with_object = sig.replacen(
        "</ds:Signature>",
        &format!("<ds:Object>{original}</ds:Object></ds:Signature>"),
        1,
    );
    let evil = evil_assertion(&unsigned, "_evil").replacen(
        "</saml:Issuer>",
        &format!("</saml:Issuer>{sig_with_object}"),
        1,
    );
    let attack = unsigned.replacen(&original, &evil, 1);
    refused(&attack, ErrorCode::SamlSignatureProfile);
}

// --- Other structural attacks --------------------------------------------------------

#[test]
fn signature_exclusion_is_refused() {
    let (_, unsigned) = split_signature(&signed("assertion-signed.xml"));
    refused(&unsigned, ErrorCode::SamlUnsigned);
    let (_, unsigned) = split_signature(&signed("response-signed.xml"));
    refused(&unsigned, ErrorCode::SamlUnsigned);
}

#[test]
fn comment_truncation_returns_the_whole_signed_name_id() {
    // CVE-2017-11427 / CVE-2018-7340: comments are not in the canonical form, so the
    // signature still verifies; the value must be every text node, not the first.
    let xml = signed("assertion-signed.xml")
        .replacen("ross@octolabs.io", "ross@<!-- x -->octolabs.io", 1)
        .replacen(">Ross<", ">Ro<!-- y -->ss<", 1);
    let v = check(&xml).unwrap();
    assert_eq!(v.assertion.name_id.unwrap().value, "ross@octolabs.io");
    assert_eq!(v.assertion.attributes[0].values, ["Ross"]);
}

#[test]
fn comment_plus_appended_text_breaks_the_digest() {
    let xml = signed("assertion-signed.xml").replacen(
        "ross@octolabs.io",
        "ross@octolabs.io<!-- x -->.evil.example",
        1,
    );
    refused(&xml, ErrorCode::DsigDigestMismatch);
}

#[test]
fn duplicate_id_anywhere_is_refused() {
    let xml = signed("assertion-signed.xml").replacen(
        "</saml:Issuer>",
        "</saml:Issuer><samlp:Extensions><x ID=\"_assert-1\"/></samlp:Extensions>",
        1,
    );
    refused(&xml, ErrorCode::XmlDuplicateId);
}

#[test]
fn second_unsigned_assertion_is_refused() {
    let xml = signed("response-signed.xml");
    let (_, unsigned) = split_signature(&xml);
    let extra = evil_assertion(&unsigned, "_extra");
    // Even inside a signed response, a second assertion is refused.
    let attack = xml.replacen("</samlp:Response>", &format!("{extra}</samlp:Response>"), 1);
    refused(&attack, ErrorCode::SamlAssertionCount);
}

#[test]
fn ancestor_wrapper_is_not_a_response() {
    let xml = signed("response-signed.xml");
    let attack = format!(
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_outer\" Version=\"2.0\" IssueInstant=\"2026-06-01T10:00:00Z\"><wrapper>{}</wrapper></samlp:Response>",
        body(&xml)
    );
    refused(&attack, ErrorCode::SamlSignatureProfile);
}

#[test]
fn assertion_signed_by_an_attacker_key_in_keyinfo_is_refused() {
    refused(
        &signed("attacker-signed.xml"),
        ErrorCode::PkiUntrustedSigner,
    );
}

#[test]
fn assertion_signed_by_another_issuers_key_is_refused() {
    // The attacker is a trusted issuer too, under its own name; its key still does not
    // sign for https://idp.example.org/.
    let mut trust = idp_trust();
    trust.add(
        "https://attacker.example/",
        TrustStore::from_pem(&pki("attacker-rsa2048")).unwrap(),
    );
    let mut cache = MemoryReplayCache::new(4);
    let r = verify_response(
        signed("attacker-signed.xml").as_bytes(),
        &trust,
        &Policy::default(),
        &expect(NOW),
        &mut cache,
    );
    assert_eq!(code(r), ErrorCode::PkiUntrustedSigner);
}

#[test]
fn unknown_issuer_is_refused() {
    let mut trust = IssuerTrust::new();
    trust.add(
        "https://other.example/",
        TrustStore::from_pem(&pki("root")).unwrap(),
    );
    let mut cache = MemoryReplayCache::new(4);
    let r = verify_response(
        signed("assertion-signed.xml").as_bytes(),
        &trust,
        &Policy::default(),
        &expect(NOW),
        &mut cache,
    );
    assert_eq!(code(r), ErrorCode::SamlUnknownIssuer);
}

#[test]
fn sha1_downgrade_is_refused_by_default() {
    let legacy = signed("stork-legacy-sha1.xml");
    refused(&legacy, ErrorCode::DsigAlgorithmRefused);
    let mut e = expect(NOW);
    e.profile = SamlProfile::Stork;
    let v = check_with(
        &legacy,
        &e,
        &Policy {
            allow_sha1: true,
            ..Policy::default()
        },
    )
    .unwrap();
    assert!(v.reports[0].legacy_algorithms.contains(&"rsa-sha1"));
    assert_eq!(v.assertion.stork_qaa, Some(3));
    let statuses: Vec<_> = v.assertion.attributes.iter().map(|a| a.status).collect();
    assert_eq!(
        statuses,
        [
            Some(AttributeStatus::Available),
            Some(AttributeStatus::Available),
            Some(AttributeStatus::NotAvailable),
            Some(AttributeStatus::Withheld)
        ]
    );
}

#[test]
fn eidas_profile_accepts_ecdsa_and_refuses_pkcs1() {
    let mut e = expect(NOW);
    e.profile = SamlProfile::Eidas;
    let v = check_with(&signed("eidas-ecdsa.xml"), &e, &Policy::default()).unwrap();
    assert_eq!(
        v.assertion.loa.as_deref(),
        Some("http://eidas.europa.eu/LoA/substantial")
    );
    assert_eq!(
        v.assertion.attribute("PersonIdentifier").unwrap().values,
        ["XX/YY/123456"]
    );
    let r = check_with(&signed("assertion-signed.xml"), &e, &Policy::default());
    assert_eq!(code(r), ErrorCode::DsigAlgorithmRefused);
}

// --- Conditions and bindings to this relying party -----------------------------------

#[test]
fn expired_and_not_yet_valid_conditions_are_refused_with_skew() {
    let xml = signed("assertion-signed.xml");
    // NotOnOrAfter 10:05, NotBefore 09:59, skew 3 minutes.
    assert!(check_with(&xml, &expect("2026-06-01T10:07:59Z"), &Policy::default()).is_ok());
    let r = check_with(&xml, &expect("2026-06-01T10:08:00Z"), &Policy::default());
    assert_eq!(code(r), ErrorCode::SamlExpired);
    assert!(check_with(&xml, &expect("2026-06-01T09:56:00Z"), &Policy::default()).is_ok());
    let r = check_with(&xml, &expect("2026-06-01T09:55:59Z"), &Policy::default());
    assert_eq!(code(r), ErrorCode::SamlNotYetValid);
    let mut strict = expect("2026-06-01T10:05:00Z");
    strict.clock_skew_secs = 0;
    assert_eq!(
        code(check_with(&xml, &strict, &Policy::default())),
        ErrorCode::SamlExpired
    );
}

#[test]
fn wrong_audience_is_refused() {
    let mut e = ResponseExpectations::new("https://other-sp.example/metadata", ACS, at(NOW));
    e.request_id = Some("_req-4711");
    let r = check_with(&signed("assertion-signed.xml"), &e, &Policy::default());
    assert_eq!(code(r), ErrorCode::SamlAudienceMismatch);
}

#[test]
fn wrong_destination_is_refused_even_when_unsigned() {
    let xml = signed("assertion-signed.xml").replacen(
        "Destination=\"https://sp.example.org/acs\"",
        "Destination=\"https://evil.example/acs\"",
        1,
    );
    refused(&xml, ErrorCode::SamlDestinationMismatch);
}

#[test]
fn wrong_recipient_is_refused() {
    // Without a Destination on the (unsigned) Response, the signed Recipient decides.
    let xml = signed("assertion-signed.xml").replacen(
        " Destination=\"https://sp.example.org/acs\"",
        "",
        1,
    );
    let mut e = ResponseExpectations::new(SP, "https://sp.example.org/other-acs", at(NOW));
    e.request_id = Some("_req-4711");
    let r = check_with(&xml, &e, &Policy::default());
    assert_eq!(code(r), ErrorCode::SamlSubjectConfirmation);
}

#[test]
fn wrong_or_missing_in_response_to_is_refused() {
    let xml = signed("assertion-signed.xml");
    let mut e = expect(NOW);
    e.request_id = Some("_req-other");
    assert_eq!(
        code(check_with(&xml, &e, &Policy::default())),
        ErrorCode::SamlInResponseToMismatch
    );
    // An unsolicited-only relying party refuses a response to some request.
    e.request_id = None;
    assert_eq!(
        code(check_with(&xml, &e, &Policy::default())),
        ErrorCode::SamlInResponseToMismatch
    );
}

#[test]
fn replayed_assertion_is_refused() {
    let xml = signed("assertion-signed.xml");
    let trust = idp_trust();
    let mut cache = MemoryReplayCache::new(16);
    let e = expect(NOW);
    assert!(verify_response(xml.as_bytes(), &trust, &Policy::default(), &e, &mut cache).is_ok());
    let again = verify_response(xml.as_bytes(), &trust, &Policy::default(), &e, &mut cache);
    assert_eq!(code(again), ErrorCode::SamlReplay);
    // A refused response never fills the cache.
    let mut fresh = MemoryReplayCache::new(16);
    let bad = ResponseExpectations::new("https://other-sp.example/", ACS, at(NOW));
    assert!(verify_response(xml.as_bytes(), &trust, &Policy::default(), &bad, &mut fresh).is_err());
    assert!(fresh.is_empty());
}

/// A cache that cannot answer, as a cache server that is down.
struct Unreachable(usize);

impl ReplayCache for Unreachable {
    fn check_and_insert(&mut self, _: &str, _: DateTime, _: DateTime) -> ReplayCheck {
        self.0 += 1;
        ReplayCheck::Unavailable {
            reason: "connection refused".into(),
        }
    }
}

#[test]
fn an_unavailable_replay_cache_fails_closed() {
    let xml = signed("assertion-signed.xml");
    let mut cache = Unreachable(0);
    let r = verify_response(
        xml.as_bytes(),
        &idp_trust(),
        &Policy::default(),
        &expect(NOW),
        &mut cache,
    );
    let e = r.unwrap_err();
    assert_eq!(e.code(), ErrorCode::SamlReplayCacheUnavailable);
    assert_eq!(e.code().as_str(), "saml.replay_cache_unavailable");
    assert!(e.to_string().contains("connection refused"), "{e}");
    assert_eq!(cache.0, 1);
}

#[test]
fn failed_status_is_reported_with_its_codes() {
    let r = check(&signed("status-qaa-not-supported.xml"));
    match r {
        Err(Error::Saml(SamlError::Status { status, signed })) => {
            assert!(signed);
            assert_eq!(status.top, "urn:oasis:names:tc:SAML:2.0:status:Responder");
            assert_eq!(
                status.second.as_deref(),
                Some("urn:eu:stork:names:tc:STORK:1.0:status:QAANotSupported")
            );
            assert_eq!(
                status.message.as_deref(),
                Some("QAA level 4 is not supported")
            );
        }
        other => panic!("{other:?}"),
    }
}

// --- Requests ------------------------------------------------------------------------

fn request_trust(cert: &str) -> IssuerTrust {
    IssuerTrust::any_issuer(TrustStore::from_pem(&pki(cert)).unwrap())
}

#[test]
fn stork_request_extensions_are_read() {
    let mut e = RequestExpectations::new(
        Some("https://peps.example.org/PEPS/ServiceProvider"),
        at(NOW),
    );
    e.profile = SamlProfile::Stork;
    let r = verify_authn_request(
        signed("stork-request.xml").as_bytes(),
        &request_trust("leaf-rsa2048"),
        &Policy::default(),
        &e,
    )
    .unwrap();
    let s = r.stork.unwrap();
    assert_eq!(s.qaa, Some(3));
    assert_eq!(s.sp_sector.as_deref(), Some("EDU001"));
    assert_eq!(s.sp_country.as_deref(), Some("XX"));
    assert_eq!(
        (
            s.eid_sector_share,
            s.eid_cross_sector_share,
            s.eid_cross_border_share
        ),
        (Some(true), Some(false), Some(true))
    );
    assert!(r.force_authn && !r.is_passive);
    assert_eq!(r.requested_attributes.len(), 2);
    assert!(r.requested_attributes[0].required);
    assert_eq!(r.requested_attributes[1].values, ["16", "18"]);
    // The wrong destination and a tampered QAA are refused.
    let wrong = RequestExpectations::new(Some("https://other.example/"), at(NOW));
    let x = verify_authn_request(
        signed("stork-request.xml").as_bytes(),
        &request_trust("leaf-rsa2048"),
        &Policy::default(),
        &wrong,
    );
    assert_eq!(code(x), ErrorCode::SamlDestinationMismatch);
    let tampered =
        signed("stork-request.xml").replacen("AssuranceLevel>3<", "AssuranceLevel>1<", 1);
    let x = verify_authn_request(
        tampered.as_bytes(),
        &request_trust("leaf-rsa2048"),
        &Policy::default(),
        &e,
    );
    assert_eq!(code(x), ErrorCode::DsigDigestMismatch);
}

#[test]
fn eidas_request_and_its_redirect_binding_verify() {
    let mut e = RequestExpectations::new(None, at(NOW));
    e.profile = SamlProfile::Eidas;
    let r = verify_authn_request(
        signed("eidas-request.xml").as_bytes(),
        &request_trust("leaf-p384"),
        &Policy::default(),
        &e,
    )
    .unwrap();
    assert_eq!(r.sp_type, Some(trustmeta::SpType::Public));
    assert_eq!(r.requested_loa, ["http://eidas.europa.eu/LoA/substantial"]);
    assert_eq!(r.loa_comparison.as_deref(), Some("minimum"));
    // Too old a request is refused.
    let late = RequestExpectations::new(None, at("2026-06-01T10:14:00Z"));
    let x = verify_authn_request(
        signed("eidas-request.xml").as_bytes(),
        &request_trust("leaf-p384"),
        &Policy::default(),
        &late,
    );
    assert_eq!(code(x), ErrorCode::SamlExpired);

    let query = signed("redirect-request.query");
    let query = query.trim();
    let generic = RequestExpectations::new(None, at(NOW));
    let (msg, req) = verify_authn_request_redirect(
        query,
        &request_trust("leaf-rsa2048"),
        &Policy::default(),
        &generic,
    )
    .unwrap();
    assert_eq!(msg.relay_state.as_deref(), Some("state/42"));
    assert_eq!(req.id, "_eidas-req-1");
    assert!(req.report.is_none());
    // A changed RelayState breaks the query signature; a missing one is unsigned.
    let tampered = query.replacen("RelayState=state%2F42", "RelayState=state%2F43", 1);
    assert_eq!(
        code(verify_authn_request_redirect(
            &tampered,
            &request_trust("leaf-rsa2048"),
            &Policy::default(),
            &generic
        )),
        ErrorCode::CryptoBadSignature
    );
    let unsigned = query.split("&SigAlg=").next().unwrap();
    assert_eq!(
        code(verify_authn_request_redirect(
            unsigned,
            &request_trust("leaf-rsa2048"),
            &Policy::default(),
            &generic
        )),
        ErrorCode::SamlBinding
    );
    assert_eq!(
        code(verify_authn_request_redirect(
            query,
            &request_trust("attacker-rsa2048"),
            &Policy::default(),
            &generic
        )),
        ErrorCode::CryptoBadSignature
    );
    // eIDAS refuses the PKCS#1 v1.5 query signature.
    assert_eq!(
        code(verify_authn_request_redirect(
            query,
            &request_trust("leaf-rsa2048"),
            &Policy::default(),
            &e
        )),
        ErrorCode::DsigAlgorithmRefused
    );
}

#[test]
fn request_profile_rules() {
    let mut e = RequestExpectations::new(None, at(NOW));
    e.profile = SamlProfile::Stork;
    let stork = |file: &str| {
        verify_authn_request(
            signed(file).as_bytes(),
            &request_trust("leaf-rsa2048"),
            &Policy::default(),
            &e,
        )
    };
    // Signed, but outside the profile: a plain-http ACS, a ProviderName over 128.
    assert_eq!(
        code(stork("stork-request-http-acs.xml")),
        ErrorCode::SamlRequestProfile
    );
    assert_eq!(
        code(stork("stork-request-long-provider.xml")),
        ErrorCode::SamlRequestProfile
    );
    // A request without a QAA level is outside the STORK profile.
    let x = verify_authn_request(
        signed("eidas-request.xml").as_bytes(),
        &request_trust("leaf-p384"),
        &Policy::default(),
        &e,
    );
    assert_eq!(code(x), ErrorCode::SamlRequestProfile);
}

// --- Trust from verified metadata ----------------------------------------------------

#[test]
fn issuer_keys_taken_from_verified_metadata() {
    let federation = TrustStore::from_pem(&pki("leaf-rsa3072")).unwrap();
    let md = signed("idp-metadata.xml");
    let trust = trustmeta::metadata_issuer_trust(
        md.as_bytes(),
        &federation,
        &Policy::default(),
        at(NOW),
        trustmeta::MetadataProfile::Generic,
        "IDPSSODescriptor",
    )
    .unwrap();
    let mut cache = MemoryReplayCache::new(4);
    let v = verify_response(
        signed("assertion-signed.xml").as_bytes(),
        &trust,
        &Policy::default(),
        &expect(NOW),
        &mut cache,
    )
    .unwrap();
    assert_eq!(v.issuer, IDP);
    // The attacker's assertion names the same issuer but is signed by another key.
    let r = verify_response(
        signed("attacker-signed.xml").as_bytes(),
        &trust,
        &Policy::default(),
        &expect(NOW),
        &mut cache,
    );
    assert_eq!(code(r), ErrorCode::PkiUntrustedSigner);
    // Metadata that does not verify yields no trust at all.
    let tampered = md.replacen("https://idp.example.org/sso", "https://evil.example/sso", 1);
    let r = trustmeta::metadata_issuer_trust(
        tampered.as_bytes(),
        &federation,
        &Policy::default(),
        at(NOW),
        trustmeta::MetadataProfile::Generic,
        "IDPSSODescriptor",
    );
    assert_eq!(code(r), ErrorCode::DsigDigestMismatch);
}
