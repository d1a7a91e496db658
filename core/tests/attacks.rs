//! Regression tests for the security invariants of DESIGN.md, each named after the
//! attack it stops. Documents are the xmlsec1-signed fixtures of tests/data/xmldsig-gen,
//! altered the way an attacker would alter them (no re-signing needed unless stated).

mod common;

use common::{outcome, read};
use trustmeta::{verify, Policy, TrustStore};

const G: &str = "tests/data/xmldsig-gen";
const ROOT: &str = "tests/data/xmldsig-gen/pki/root.pem";
const INTER: &str = "tests/data/xmldsig-gen/pki/intermediate.pem";

fn saml() -> String {
    String::from_utf8(read(&format!(
        "{G}/signed/saml-response-signed-assertion.xml"
    )))
    .unwrap()
}
fn smp() -> String {
    String::from_utf8(read(&format!("{G}/signed/smp-signed-service-metadata.xml"))).unwrap()
}
fn check(xml: &str) -> String {
    outcome(xml.as_bytes(), &[ROOT], &[INTER], &Policy::default())
}
fn check_with(xml: &str, policy: &Policy) -> String {
    outcome(xml.as_bytes(), &[ROOT], &[INTER], policy)
}
fn store() -> TrustStore {
    let mut s = TrustStore::from_pem(&read(ROOT)).unwrap();
    s.add_intermediates_pem(&read(INTER)).unwrap();
    s
}
fn now() -> trustmeta::DateTime {
    common::at("2026-06-01T00:00:00Z")
}

/// The unmodified fixtures verify, so every refusal below is caused by the attack.
#[test]
fn baseline_fixtures_verify() {
    assert_eq!(check(&saml()), "ok");
    assert_eq!(check(&smp()), "ok");
}

// --- Invariant 1: trust comes only from the caller's anchors -------------------------

#[test]
fn keyinfo_attacker_certificate_is_not_trusted() {
    // Re-signed by xmlsec1 with a self-signed key whose subject copies the real signer's.
    let xml = read(&format!("{G}/signed/attacker-rsa2048.xml"));
    assert_eq!(
        outcome(&xml, &[ROOT], &[INTER], &Policy::default()),
        "pki.untrusted_signer"
    );
}

#[test]
fn keyinfo_certificate_swap_is_refused() {
    // The attacker replaces the certificate in KeyInfo by its own: the real signature no
    // longer verifies under the substituted key, and the attacker's key is untrusted.
    let attacker = String::from_utf8(read(&format!("{G}/pki/attacker-rsa2048.pem"))).unwrap();
    let b64: String = attacker
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let doc = smp();
    let start = doc.find("<X509Certificate>").unwrap() + "<X509Certificate>".len();
    let end = doc.find("</X509Certificate>").unwrap();
    let swapped = format!("{}{}{}", &doc[..start], b64, &doc[end..]);
    assert_ne!(check(&swapped), "ok");
}

#[test]
fn signer_missing_from_trust_store_is_refused() {
    let xml = smp();
    assert_eq!(
        outcome(
            xml.as_bytes(),
            &[&format!("{G}/pki/leaf-p256.pem")],
            &[],
            &Policy::default()
        ),
        "pki.untrusted_signer"
    );
}

#[test]
fn empty_trust_store_is_refused() {
    let doc = smp();
    let r = verify(
        doc.as_bytes(),
        &TrustStore::new(),
        &Policy::default(),
        now(),
    );
    assert_eq!(r.unwrap_err().code().as_str(), "pki.empty_trust_store");
}

#[test]
fn expired_and_wrong_usage_certificates_are_refused() {
    assert_eq!(
        outcome(
            &read(&format!("{G}/signed/expired-leaf.xml")),
            &[ROOT],
            &[INTER],
            &Policy::default()
        ),
        "pki.expired"
    );
    assert_eq!(
        outcome(
            &read(&format!("{G}/signed/wrong-key-usage.xml")),
            &[ROOT],
            &[INTER],
            &Policy::default()
        ),
        "pki.key_usage"
    );
}

// --- Invariant 2: what is verified is what is returned -------------------------------

#[test]
fn xsw_evil_assertion_beside_signed_one_is_never_returned() {
    // XSW: an unsigned assertion with another ID is placed before the signed one.
    let doc = saml();
    let a = doc.find("<saml:Assertion").unwrap();
    let evil = "<saml:Assertion ID=\"_evil\" Version=\"2.0\" IssueInstant=\"2026-06-01T00:00:00Z\"><saml:Issuer>https://idp.example.org/</saml:Issuer><saml:Subject><saml:NameID>admin</saml:NameID></saml:Subject></saml:Assertion>";
    let attacked = format!("{}{}{}", &doc[..a], evil, &doc[a..]);
    let v = verify(attacked.as_bytes(), &store(), &Policy::default(), now()).unwrap();
    let signed: Vec<_> = v.signed_elements().collect();
    assert_eq!(signed.len(), 1);
    assert_eq!(signed[0].attribute("ID"), Some("_assert-0001"));
    assert!(!String::from_utf8(signed[0].canonical_xml())
        .unwrap()
        .contains("admin"));
}

#[test]
fn xsw_duplicate_id_is_refused() {
    // XSW with the evil assertion carrying the signed assertion's ID.
    let doc = saml();
    let a = doc.find("<saml:Assertion").unwrap();
    let evil = "<saml:Assertion ID=\"_assert-0001\" Version=\"2.0\"><saml:NameID>admin</saml:NameID></saml:Assertion>";
    let attacked = format!("{}{}{}", &doc[..a], evil, &doc[a..]);
    assert_eq!(check(&attacked), "xml.duplicate_id");
}

#[test]
fn duplicate_id_anywhere_is_refused() {
    // Even an ID nothing references may not repeat: a later lookup must have no choice.
    let doc = smp().replacen(
        "<ServiceMetadata>",
        "<ServiceMetadata><X xmlns=\"urn:x\" Id=\"dup\"/><Y xmlns=\"urn:x\" id=\"dup\"/>",
        1,
    );
    assert_eq!(check(&doc), "xml.duplicate_id");
}

#[test]
fn returned_view_excludes_the_signature() {
    let doc = smp();
    let v = verify(doc.as_bytes(), &store(), &Policy::default(), now()).unwrap();
    let root = v.signed_elements().next().unwrap();
    assert_eq!(root.local_name(), "SignedServiceMetadata");
    assert!(root.children().all(|c| c.local_name() != "Signature"));
    assert!(!String::from_utf8(root.canonical_xml())
        .unwrap()
        .contains("SignatureValue"));
}

#[test]
fn content_added_outside_signed_element_is_not_returned() {
    // An unsigned sibling added to the Response: the assertion still verifies, and nothing
    // of the Response is reachable from the result.
    let doc = saml().replacen(
        "<saml:Assertion",
        "<Extra xmlns=\"urn:x\">admin</Extra><saml:Assertion",
        1,
    );
    let v = verify(doc.as_bytes(), &store(), &Policy::default(), now()).unwrap();
    let all: Vec<String> = v
        .signed_elements()
        .map(|e| String::from_utf8(e.canonical_xml()).unwrap())
        .collect();
    assert!(all.iter().all(|x| !x.contains("Extra")));
}

// --- Invariant 3 and 7: one parse; comments never truncate values ---------------------

#[test]
fn comment_truncation_does_not_shorten_values() {
    // CVE-2017-11427 family: a comment inside a signed value does not change the digest
    // (comments are not signed under URI="" / #id), so the document still verifies — and
    // the value read back must be the whole text, not the part before the comment.
    let doc = saml().replacen("alice-0001", "alice<!---->-0001", 1);
    let v = verify(doc.as_bytes(), &store(), &Policy::default(), now()).unwrap();
    let assertion = v.signed_elements().next().unwrap();
    let subject = assertion
        .children()
        .find(|c| c.local_name() == "Subject")
        .unwrap();
    let name_id = subject
        .children()
        .find(|c| c.local_name() == "NameID")
        .unwrap();
    assert_eq!(name_id.text(), "alice-0001");
}

// --- Invariant 4: references and transforms ------------------------------------------

#[test]
fn signature_exclusion_is_refused() {
    let doc = smp();
    let s = doc.find("<Signature").unwrap();
    let e = doc.find("</Signature>").unwrap() + "</Signature>".len();
    let stripped = format!("{}{}", &doc[..s], &doc[e..]);
    assert_eq!(check(&stripped), "dsig.missing_signature");
}

fn with_reference_uri(uri: &str) -> String {
    smp().replacen("URI=\"\"", &format!("URI=\"{uri}\""), 1)
}

#[test]
fn external_reference_is_never_fetched() {
    for uri in [
        "http://attacker.example/x.xml",
        "file:///etc/passwd",
        "#xpointer(//*)",
        "other.xml#id",
    ] {
        assert_eq!(
            check(&with_reference_uri(uri)),
            "dsig.unsupported_reference_uri",
            "{uri}"
        );
    }
}

#[test]
fn dangling_reference_is_refused() {
    assert_eq!(
        check(&with_reference_uri("#nowhere")),
        "dsig.reference_not_found"
    );
}

#[test]
fn xpath_and_xslt_transforms_are_refused() {
    for (alg, body) in [
        (
            "http://www.w3.org/TR/1999/REC-xpath-19991116",
            "<XPath>//*</XPath>",
        ),
        (
            "http://www.w3.org/TR/1999/REC-xslt-19991116",
            "<xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"/>",
        ),
        ("http://www.w3.org/2000/09/xmldsig#base64", ""),
    ] {
        let doc = smp().replacen(
            "<Transforms>",
            &format!("<Transforms><Transform Algorithm=\"{alg}\">{body}</Transform>"),
            1,
        );
        assert_eq!(check(&doc), "dsig.unsupported_transform", "{alg}");
    }
}

#[test]
fn too_many_references_are_refused_before_any_cryptography() {
    let doc = smp();
    let s = doc.find("<Reference").unwrap();
    let e = doc.find("</Reference>").unwrap() + "</Reference>".len();
    let one = &doc[s..e];
    let many = format!("{}{}{}", &doc[..s], one.repeat(17), &doc[e..]);
    assert_eq!(check(&many), "dsig.too_many_references");
}

/// The SMP fixture with its Reference given `n` times.
fn with_references(n: usize) -> String {
    let doc = smp();
    let s = doc.find("<Reference").unwrap();
    let e = doc.find("</Reference>").unwrap() + "</Reference>".len();
    format!("{}{}{}", &doc[..s], doc[s..e].repeat(n), &doc[e..])
}

/// The SMP fixture with its enveloped-signature Transform given `n` times (the
/// transform is idempotent, so only the count differs).
fn with_transforms(n: usize) -> String {
    let doc = smp();
    let t = "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>";
    assert!(doc.contains(t));
    doc.replacen(t, &t.repeat(n), 1)
}

/// The limit a refusal for too many References or Transforms names, or the code of
/// whatever else the document gives.
fn reference_limit(xml: &str, policy: &Policy) -> Result<usize, String> {
    match verify(xml.as_bytes(), &store(), policy, now()) {
        Err(trustmeta::Error::Dsig(trustmeta::DsigError::TooManyReferences { limit, .. })) => {
            Ok(limit)
        }
        Err(e) => Err(e.code().as_str().into()),
        Ok(_) => Err("ok".into()),
    }
}

#[test]
fn references_past_the_policy_limit_are_refused() {
    let two = Policy {
        max_references: 2,
        ..Policy::default()
    };
    // Two are read (the changed SignedInfo then fails its signature); three are not.
    assert_eq!(
        check_with(&with_references(2), &two),
        "crypto.bad_signature"
    );
    assert_eq!(reference_limit(&with_references(3), &two), Ok(2));
    let default = Policy::default();
    assert_eq!(
        check_with(&with_references(16), &default),
        "crypto.bad_signature"
    );
    assert_eq!(reference_limit(&with_references(17), &default), Ok(16));
    // No ceiling besides the policy's: a policy asking for more reads more.
    for asked in [17, 1000, usize::MAX] {
        let policy = Policy {
            max_references: asked,
            ..Policy::default()
        };
        assert_eq!(
            check_with(&with_references(17), &policy),
            "crypto.bad_signature",
            "{asked}"
        );
    }
    let none = Policy {
        max_references: 0,
        ..Policy::default()
    };
    assert_eq!(reference_limit(&with_references(1), &none), Ok(0));
}

#[test]
fn transforms_past_the_policy_limit_are_refused() {
    // Up to the limit they are read, and only the changed SignedInfo's signature fails.
    assert_eq!(
        check(&with_transforms(trustmeta::MAX_TRANSFORMS)),
        "crypto.bad_signature"
    );
    let past = with_transforms(trustmeta::MAX_TRANSFORMS + 1);
    assert_eq!(check(&past), "dsig.too_many_references");
    assert_eq!(reference_limit(&past, &Policy::default()), Ok(4));
    let one = Policy {
        max_transforms: 1,
        ..Policy::default()
    };
    assert_eq!(check_with(&with_transforms(1), &one), "ok");
    assert_eq!(
        check_with(&with_transforms(2), &one),
        "dsig.too_many_references"
    );
    assert_eq!(reference_limit(&with_transforms(2), &one), Ok(1));
}

#[test]
fn a_policy_above_the_transform_ceiling_gets_the_ceiling() {
    for asked in [trustmeta::MAX_TRANSFORMS + 1, 64, usize::MAX] {
        let policy = Policy {
            max_transforms: asked,
            ..Policy::default()
        };
        let at = with_transforms(trustmeta::MAX_TRANSFORMS);
        assert_eq!(check_with(&at, &policy), "crypto.bad_signature", "{asked}");
        let past = with_transforms(trustmeta::MAX_TRANSFORMS + 1);
        assert_eq!(
            reference_limit(&past, &policy),
            Ok(trustmeta::MAX_TRANSFORMS),
            "{asked}"
        );
    }
}

#[test]
fn second_signature_is_refused_by_the_generic_verifier() {
    let doc = smp();
    let s = doc.find("<Signature").unwrap();
    let e = doc.find("</Signature>").unwrap() + "</Signature>".len();
    let twice = format!("{}{}{}", &doc[..e], &doc[s..e], &doc[e..]);
    assert_eq!(check(&twice), "dsig.too_many_signatures");
}

// --- Invariant 5: algorithms from a policy allowlist ----------------------------------

#[test]
fn algorithm_downgrade_to_sha1_is_refused_by_default() {
    let xml = read(&format!("{G}/signed/rsa-sha1.xml"));
    assert_eq!(
        outcome(&xml, &[ROOT], &[INTER], &Policy::default()),
        "dsig.algorithm_refused"
    );
    let legacy = Policy {
        allow_sha1: true,
        ..Policy::default()
    };
    let v = verify(&xml, &store(), &legacy, now()).unwrap();
    assert!(
        v.report().legacy_algorithms.contains(&"rsa-sha1"),
        "the result must say SHA-1 was used"
    );
}

#[test]
fn short_rsa_key_is_refused() {
    assert_eq!(
        outcome(
            &read(&format!("{G}/signed/rsa1024.xml")),
            &[ROOT],
            &[INTER],
            &Policy::default()
        ),
        "crypto.weak_key"
    );
}

#[test]
fn hmac_key_confusion_is_impossible() {
    // An HMAC "signature" keyed with a public certificate's bytes (the classic key
    // confusion) is refused by algorithm, before any key is considered.
    let doc = smp().replacen(
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
        1,
    );
    assert_eq!(check(&doc), "dsig.unsupported_signature_method");
}

#[test]
fn changed_signature_method_fails() {
    // Switching rsa-sha256 to rsa-sha512 changes SignedInfo: the value no longer verifies.
    let doc = smp().replacen(
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
        1,
    );
    assert_eq!(check(&doc), "crypto.bad_signature");
}

// --- Invariant 6: XML hazards --------------------------------------------------------

#[test]
fn xxe_and_entity_expansion_are_refused() {
    for f in ["external", "xmlbomb", "quadratic", "cyclic", "dtd"] {
        let xml = read(&format!(
            "shared/vectors/xmldsig/signxml/test/defusedxml-test-data/{f}.xml"
        ));
        assert_eq!(
            outcome(&xml, &[ROOT], &[], &Policy::default()),
            "xml.doctype_refused",
            "{f}"
        );
    }
}

#[test]
fn nesting_bomb_hits_the_depth_limit() {
    let deep = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
    assert_eq!(check(&deep), "xml.depth_limit");
}

// --- Invariant 9: never a panic, never a partial success ------------------------------

#[test]
fn truncated_documents_fail_cleanly() {
    let doc = smp();
    let end_of_root = doc.rfind("</SignedServiceMetadata>").unwrap();
    let bytes = doc.as_bytes();
    for cut in (0..end_of_root).step_by(7) {
        assert_ne!(
            check(&String::from_utf8_lossy(&bytes[..cut])),
            "ok",
            "prefix of {cut} bytes verified"
        );
    }
}

#[test]
fn random_bytes_fail_cleanly() {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for len in 0..400 {
        let mut buf = Vec::with_capacity(len);
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            buf.push(b"<>/=\"' ax:#&;!-?\n"[(x % 17) as usize]);
        }
        assert_ne!(outcome(&buf, &[ROOT], &[], &Policy::default()), "ok");
    }
}
