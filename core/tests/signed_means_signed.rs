//! "Signed means signed": documents whose signatures xmlsec1 accepts but whose content
//! was forged where the signature does not look (tests/data/attacks, made by its
//! make_signed.sh and checked with `xmlsec1 --verify`), and the other ways one document
//! could be given two meanings or cost more than linear work. One test per class of
//! attack, named after it; `tests/data/attacks/expected.tsv` is run as a table.

mod common;

use common::{at, read};
use trustmeta::{
    canonicalize_stream, metadata_issuer_trust, parse_xml, verify, verify_elmo, verify_metadata,
    verify_response, verify_smp, verify_tsl, C14nAlgorithm, DocumentId, Error, ErrorCode,
    IssuerTrust, Limits, MemoryReplayCache, MetadataProfile, MetadataStreamVerifier, ParticipantId,
    Policy, ResponseExpectations, SamlProfile, SignedElement, SmpQuestion, StreamVerifier,
    TrustStore, VerifiedMetadata,
};

const FORGED_ENTITY: &str = "https://idp.example.org/";
const SAML_NOW: &str = "2026-06-01T10:00:00Z";
const NOW: &str = "2026-06-01T00:00:00Z";

fn attack(name: &str) -> Vec<u8> {
    read(&format!("tests/data/attacks/signed/{name}"))
}

fn pem(path: &str) -> TrustStore {
    TrustStore::from_pem(&read(path)).unwrap()
}

fn metadata_signer() -> TrustStore {
    pem("tests/data/metadata/signed/signer.pem")
}

fn code<T>(r: Result<T, Error>) -> String {
    match r {
        Ok(_) => "ok".to_string(),
        Err(e) => e.code().as_str().to_string(),
    }
}

/// `what` inserted after the first `marker` of `xml`.
fn inject(xml: &[u8], marker: &str, what: &str) -> Vec<u8> {
    let at = xml
        .windows(marker.len())
        .position(|w| w == marker.as_bytes())
        .unwrap_or_else(|| panic!("no {marker}"))
        + marker.len();
    let mut out = xml[..at].to_vec();
    out.extend_from_slice(what.as_bytes());
    out.extend_from_slice(&xml[at..]);
    out
}

fn metadata(xml: &[u8]) -> Result<VerifiedMetadata, Error> {
    verify_metadata(
        xml,
        &metadata_signer(),
        &Policy::default(),
        at(SAML_NOW),
        MetadataProfile::Etoegang,
    )
}

fn metadata_streamed(xml: &[u8], chunk: usize) -> Result<VerifiedMetadata, Error> {
    let signer = metadata_signer();
    let mut v = MetadataStreamVerifier::new(
        &signer,
        &Policy::default(),
        at(SAML_NOW),
        MetadataProfile::Etoegang,
    )
    .with_index();
    for c in xml.chunks(chunk) {
        v.feed(c)?;
    }
    v.finish()
}

fn saml_response(xml: &[u8], profile: SamlProfile) -> Result<trustmeta::VerifiedResponse, Error> {
    let mut t = IssuerTrust::new();
    t.add(
        FORGED_ENTITY,
        pem("tests/data/xmldsig-gen/pki/leaf-rsa2048.pem"),
    );
    let mut e = ResponseExpectations::new(
        "https://sp.example.org/metadata",
        "https://sp.example.org/acs",
        at(SAML_NOW),
    );
    e.request_id = Some("_req-4711");
    e.profile = profile;
    let policy = Policy {
        allow_sha1: true,
        ..Policy::default()
    };
    verify_response(xml, &t, &policy, &e, &mut MemoryReplayCache::new(8))
}

fn smp_question() -> SmpQuestion {
    SmpQuestion::new(
        ParticipantId::parse("iso6523-actorid-upis::0088:5798000000001").unwrap(),
        DocumentId::parse("busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1").unwrap(),
    )
}

fn smp(xml: &[u8]) -> Result<trustmeta::VerifiedServiceMetadata, Error> {
    let mut anchors = pem("tests/data/xmldsig-gen/pki/root.pem");
    anchors
        .add_intermediates_pem(&read("tests/data/xmldsig-gen/pki/intermediate.pem"))
        .unwrap();
    verify_smp(xml, &smp_question(), &anchors, &Policy::default(), at(NOW))
}

/// Every row of tests/data/attacks/expected.tsv gives its expected result.
#[test]
fn attack_documents_give_their_expected_result() {
    let table = String::from_utf8(read("tests/data/attacks/expected.tsv")).unwrap();
    let mut n = 0;
    for line in table.lines().skip(1).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let (file, op, want) = (f[0], f[1], f[2]);
        let xml = read(&format!("tests/data/attacks/{file}"));
        let profile = if file.contains("stork") {
            SamlProfile::Stork
        } else {
            SamlProfile::Generic
        };
        let got = match op {
            "metadata" => code(metadata(&xml)),
            "saml-response" => code(saml_response(&xml, profile)),
            "smp" => code(smp(&xml)),
            other => panic!("unknown operation {other}"),
        };
        assert_eq!(got, want, "{file}");
        if op == "metadata" {
            // The streaming path agrees, whatever the chunking.
            for chunk in [1, 61, 4096] {
                assert_eq!(
                    code(metadata_streamed(&xml, chunk)),
                    want,
                    "{file} streamed"
                );
            }
        }
        n += 1;
    }
    assert_eq!(n, 13);
}

/// Class 1: content inside a signature is never read as signed. An `EntityDescriptor`
/// in a `ds:Object` of a signature the aggregate's signature covers is not an entity,
/// its key is never trusted; a `ds:Object` in the signature that is checked is refused
/// by every profile that has no use for one; the generic view never enters a signature.
#[test]
fn class1_content_inside_a_signature_is_never_read_as_signed() {
    let original = metadata(&read("tests/data/metadata/signed/aggregate.xml")).unwrap();
    let nested = attack("metadata-nested-object-entity.xml");
    for v in [
        metadata(&nested).unwrap(),
        metadata_streamed(&nested, 997).unwrap(),
    ] {
        assert_eq!(v.summary.entities, original.summary.entities);
        let ids: Vec<(&str, Option<&str>)> = v.entity_ids().collect();
        assert_eq!(ids, original.entity_ids().collect::<Vec<_>>());
        assert!(!ids.iter().any(|(id, _)| *id == FORGED_ENTITY));
        assert_eq!(v.nested_signatures, 1);
    }
    let held = metadata(&nested).unwrap();
    assert!(held
        .find_entity(FORGED_ENTITY, &Limits::default())
        .unwrap()
        .is_none());
    // The forged key is never trusted, however the trust is built.
    for role in ["IDPSSODescriptor", "SPSSODescriptor"] {
        let trust = metadata_issuer_trust(
            &nested,
            &metadata_signer(),
            &Policy::default(),
            at(SAML_NOW),
            MetadataProfile::Etoegang,
            role,
        )
        .unwrap();
        assert!(trust.store_for(FORGED_ENTITY).is_none(), "{role}");
    }
    // In the document's own signature, a ds:Object is refused outright.
    assert_eq!(
        code(metadata(&attack("metadata-object-entity.xml"))),
        "dsig.object_refused"
    );
    assert_eq!(
        code(metadata_issuer_trust(
            &attack("metadata-object-entity.xml"),
            &metadata_signer(),
            &Policy::default(),
            at(SAML_NOW),
            MetadataProfile::Etoegang,
            "IDPSSODescriptor",
        )),
        "dsig.object_refused"
    );

    // SAML: the QAA 4 in the assertion signature's Object is never the QAA.
    let qaa1 = saml_response(&attack("stork-qaa1.xml"), SamlProfile::Stork).unwrap();
    assert_eq!(qaa1.assertion.stork_qaa, Some(1));
    assert_eq!(
        code(saml_response(
            &attack("stork-object-qaa.xml"),
            SamlProfile::Stork
        )),
        "saml.signature_profile"
    );

    // SMP, ELMO: a ds:Object added to a signed record's signature is refused, as the
    // profile's own refusal.
    let record = read("tests/data/smp/signed/smp1-exc.xml");
    assert_eq!(code(smp(&record)), "ok");
    let forged = inject(
        &record,
        "</KeyInfo>",
        "<Object><ServiceMetadata xmlns=\"http://docs.oasis-open.org/bdxr/ns/SMP/2016/05\"/></Object>",
    );
    assert_eq!(code(smp(&forged)), "smp.signature_profile");
    let elmo = read("tests/data/emrex/signed/v1-rsa-sha256.xml");
    let leaf = pem("tests/data/xmldsig-gen/pki/leaf-rsa2048.pem");
    assert_eq!(
        code(verify_elmo(&elmo, &leaf, &Policy::default(), at(NOW))),
        "ok"
    );
    let forged = inject(
        &elmo,
        "</ds:KeyInfo>",
        "<ds:Object><learner><givenNames>Mallory</givenNames></learner></ds:Object>",
    );
    assert_eq!(
        code(verify_elmo(&forged, &leaf, &Policy::default(), at(NOW))),
        "emrex.signature_profile"
    );

    // Trusted lists keep their XAdES properties in a ds:Object: one more Object
    // verifies, and what it holds is not part of the list.
    let tsl = read("tests/data/tsl/signed/ncp-configuration-xx.xml");
    let tsl_signer = pem("tests/data/tsl/signed/signer.pem");
    let before = verify_tsl(&tsl, &tsl_signer, &Policy::default(), at(NOW)).unwrap();
    let forged = inject(
        &tsl,
        "</ds:KeyInfo>",
        "<ds:Object><tsl:TrustServiceProvider xmlns:tsl=\"http://uri.etsi.org/02231/v2#\"><tsl:TSPInformation><tsl:TSPName><tsl:Name xml:lang=\"en\">Forged</tsl:Name></tsl:TSPName></tsl:TSPInformation></tsl:TrustServiceProvider></ds:Object>",
    );
    let after = verify_tsl(&forged, &tsl_signer, &Policy::default(), at(NOW)).unwrap();
    assert_eq!(format!("{:?}", after.list), format!("{:?}", before.list));
    assert!(!format!("{:?}", after.list).contains("Forged"));

    // The generic verifier accepts a ds:Object (XML-DSig allows one anywhere), and its
    // view of a signed element never reaches into a signature: neither the one checked
    // nor one it covers.
    let with_object = attack("metadata-object-entity.xml");
    let two = Policy {
        max_signatures: 2,
        ..Policy::default()
    };
    for (xml, policy) in [(&with_object, Policy::default()), (&nested, two)] {
        let doc = verify(xml, &metadata_signer(), &policy, at(SAML_NOW)).unwrap();
        let root = doc.signed_elements().next().unwrap();
        assert_eq!(root.local_name(), "EntitiesDescriptor");
        let mut seen = Vec::new();
        walk(root, &mut seen);
        assert!(seen
            .iter()
            .any(|e| e == "urn:etoegang:AD:00000001000000000000:entities:1"));
        assert!(!seen.iter().any(|e| e == FORGED_ENTITY));
        assert!(!seen.iter().any(|e| e == "Signature" || e == "Object"));
    }
}

/// Every element name and entityID the view shows below `e`.
fn walk(e: SignedElement<'_, '_>, out: &mut Vec<String>) {
    out.push(e.local_name().to_string());
    if let Some(id) = e.attribute("entityID") {
        out.push(id.to_string());
    }
    for c in e.children() {
        walk(c, out);
    }
}

/// Both readers on `xml`: the code each gives ("ok" when it reads).
fn both_readers(xml: &[u8]) -> (String, String) {
    let limits = Limits::default();
    let tree = code(parse_xml(xml, &limits));
    let exclusive = C14nAlgorithm::from_uri("http://www.w3.org/2001/10/xml-exc-c14n#").unwrap();
    let mut stream = String::new();
    for chunk in [1, 7, 1 << 16] {
        let c = code(canonicalize_stream(xml, exclusive, &limits, chunk));
        if !stream.is_empty() {
            assert_eq!(
                c,
                stream,
                "chunk {chunk} of {:?}",
                String::from_utf8_lossy(xml)
            );
        }
        stream = c;
    }
    (tree, stream)
}

/// Class 2: two readers, one meaning. An attribute given twice in any spelling is not
/// well-formed for either reader; so are the other spellings readers have disagreed on.
#[test]
fn class2_two_readers_give_one_meaning() {
    // The reproductions: a signed SMP record whose expiry date hides behind a second
    // default namespace, and an ADFS-style assertion whose Conditions do.
    assert_eq!(
        code(smp(&attack("smp-duplicate-xmlns.xml"))),
        "xml.duplicate_attribute"
    );
    assert_eq!(
        code(saml_response(
            &attack("saml-adfs-duplicate-xmlns.xml"),
            SamlProfile::Generic
        )),
        "xml.duplicate_attribute"
    );
    assert_eq!(
        code(saml_response(
            &attack("saml-adfs.xml"),
            SamlProfile::Generic
        )),
        "ok"
    );
    for (xml, want) in [
        (
            &b"<E xmlns='urn:evil' xmlns='urn:real'/>"[..],
            "xml.duplicate_attribute",
        ),
        (b"<E xmlns:a='u' xmlns:a='v'/>", "xml.duplicate_attribute"),
        (b"<E a='1' a='2'/>", "xml.duplicate_attribute"),
        (
            b"<E xmlns:p='u' xmlns:q='u' p:x='1' q:x='2'/>",
            "xml.duplicate_attribute",
        ),
        (b"<E xmlns='u' xmlns:p='u' p:x='1' x='2'/>", "ok"),
        (b"\xEF\xBB\xBF\xEF\xBB\xBF<E/>", "xml.malformed"),
        (b"\xEF\xBB\xBF<E/>", "ok"),
        (b"<E xmlns:xmlns='urn:x'/>", "xml.malformed"),
        (b"<:X/>", "xml.malformed"),
        (b"<E :a='1'/>", "xml.malformed"),
        (
            b"<?xml version='1.0' encoding='ISO-8859-1'?><E/>",
            "xml.encoding_refused",
        ),
        (
            b"<?xml version='1.0' encoding='UTF-16'?><E/>",
            "xml.encoding_refused",
        ),
        (b"<?xml version='1.0' encoding='utf-8'?><E/>", "ok"),
        (b"\xff\xfe<\x00E\x00/\x00>\x00", "xml.not_utf8"),
        (b"\xfe\xff\x00<\x00E\x00/\x00>", "xml.not_utf8"),
        (b"<?xml version='1.1'?><E/>", "xml.version_refused"),
        (
            b"<?xml version='1.0' standalone='maybe'?><E/>",
            "xml.malformed",
        ),
        (b"<?xml version=\"1.0\"?><E/>", "ok"),
        (b"<E><?xml version='1.0'?></E>", "xml.malformed"),
        (b"<!DOCTYPE E><E/>", "xml.doctype_refused"),
        (b"<E>&ext;</E>", "xml.entity_refused"),
        (b"<E xmlns:p=''/>", "xml.malformed"),
        (b"<xml:E/>", "xml.malformed"),
        (
            b"<E xmlns:x='http://www.w3.org/XML/1998/namespace'/>",
            "xml.malformed",
        ),
    ] {
        let (tree, stream) = both_readers(xml);
        assert_eq!(tree, want, "tree: {:?}", String::from_utf8_lossy(xml));
        assert_eq!(stream, want, "stream: {:?}", String::from_utf8_lossy(xml));
    }
}

/// Class 3: limits hold while reading, before any node exists, so hostile documents are
/// refused where the limit is passed — not after the whole input was turned into a
/// tree. (How fast is measured by bench/hostile.py, not asserted here.)
#[test]
fn class3_limits_are_enforced_while_reading() {
    let limits = Limits::default();
    let mut attrs = String::from("<r><e");
    for i in 0..100_000 {
        attrs.push_str(&format!(" a{i}=''"));
    }
    attrs.push_str("/></r>");
    let mut decls = String::from("<r><e");
    for i in 0..100_000 {
        decls.push_str(&format!(" xmlns:p{i}='urn:x{i}'"));
    }
    decls.push_str("/></r>");
    for doc in [&attrs, &decls] {
        let e = parse_xml(doc.as_bytes(), &limits).unwrap_err();
        assert_eq!(e.code(), ErrorCode::XmlAttributeLimit);
        // Refused at the element: the position is its start.
        assert!(e.to_string().contains("1:4"), "{e}");
        // The stream refuses before it has read far past the 64th value.
        let fed = fed_until_refused(doc.as_bytes(), 256);
        assert!(fed < 64 * 24 + 512, "{fed} bytes read before the refusal");
    }
    // A document nested deeper than the limit, refused at the first element past it.
    let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
    assert_eq!(
        parse_xml(deep.as_bytes(), &limits).unwrap_err().code(),
        ErrorCode::XmlDepthLimit
    );
    assert!(fed_until_refused(deep.as_bytes(), 16) < 65 * 3 + 16);
}

/// How many bytes a streaming verifier took before refusing `xml` fed in `chunk`s.
fn fed_until_refused(xml: &[u8], chunk: usize) -> usize {
    let store = metadata_signer();
    let policy = Policy::default();
    let mut v = StreamVerifier::new(&store, &policy, at(NOW));
    let mut fed = 0;
    for c in xml.chunks(chunk) {
        fed += c.len();
        if v.feed(c).is_err() {
            return fed;
        }
    }
    panic!("not refused");
}

/// Class 4: on the streaming path no token is held past its limit, and nothing the
/// verifier keeps grows with the document: a comment, an attribute value, a tag, the
/// content before the signature and the signature itself are each refused as soon as
/// they pass their bound.
#[test]
fn class4_streaming_memory_is_bounded_by_the_limits() {
    let aggregate = read("tests/data/metadata/signed/aggregate.xml");
    let limits = Limits {
        max_text_len: 10_000,
        ..Limits::default()
    };
    let policy = Policy {
        limits: limits.clone(),
        ..Policy::default()
    };
    let store = metadata_signer();
    // How many bytes are fed before the refusal, with its code.
    let run = |xml: &[u8]| -> (usize, ErrorCode) {
        let mut v = StreamVerifier::new(&store, &policy, at(SAML_NOW));
        let mut fed = 0;
        for c in xml.chunks(1000) {
            fed += c.len();
            if let Err(e) = v.feed(c) {
                return (fed, e.code());
            }
        }
        match v.finish() {
            Ok(_) => panic!("accepted"),
            Err(e) => (fed, e.code()),
        }
    };
    let root_end = aggregate.iter().position(|&b| b == b'>').unwrap() + 1;
    let root_end = root_end
        + aggregate[root_end..]
            .iter()
            .position(|&b| b == b'>')
            .unwrap()
        + 1;
    let big = "x".repeat(1_000_000);
    let cases = [
        (format!("<!--{big}-->"), ErrorCode::XmlTextTooLong),
        (format!("<?pi {big}?>"), ErrorCode::XmlTextTooLong),
        (format!("<e a='{big}'/>"), ErrorCode::XmlTextTooLong),
        (
            format!("<e {}/>", "a ".repeat(500_000)),
            ErrorCode::XmlTagTooLong,
        ),
        (format!("<e>{big}</e>"), ErrorCode::XmlTextTooLong),
        (
            format!("<e><![CDATA[{big}]]></e>"),
            ErrorCode::XmlTextTooLong,
        ),
    ];
    // A start tag may take the longest value plus room for every attribute's name.
    let tag_limit = 10_000 + 65 * (512 + 64);
    for (insert, want) in &cases {
        let mut xml = aggregate[..root_end].to_vec();
        xml.extend_from_slice(insert.as_bytes());
        xml.extend_from_slice(&aggregate[root_end..]);
        let (fed, got) = run(&xml);
        assert_eq!(got, *want, "{}", &insert[..20]);
        let bound = if *want == ErrorCode::XmlTagTooLong {
            tag_limit
        } else {
            10_000
        };
        assert!(
            fed < root_end + bound + 2_000,
            "{}: {fed} bytes read before the refusal",
            &insert[..20]
        );
    }
    // Comments and white space held before the signature: bounded in all.
    let mut xml = aggregate[..root_end].to_vec();
    for _ in 0..100 {
        xml.extend_from_slice(format!("<!--{}-->", "c".repeat(9_000)).as_bytes());
    }
    xml.extend_from_slice(&aggregate[root_end..]);
    let (fed, got) = run(&xml);
    assert_eq!(got, ErrorCode::DsigMalformed);
    assert!(fed < 100_000, "{fed}");
    // A signature grown by many small tokens is refused once past its bound.
    let mut xml = inject(
        &aggregate,
        "</ds:SignatureValue>",
        &"<!-- a comment -->".repeat(20_000),
    );
    let (fed, got) = run(&xml);
    assert_eq!(got, ErrorCode::DsigMalformed);
    assert!(fed < 300_000, "{fed}");
    // The same documents read at once by the tree reader give the same refusals.
    xml.clear();
    for (insert, want) in &cases {
        let mut xml = aggregate[..root_end].to_vec();
        xml.extend_from_slice(insert.as_bytes());
        xml.extend_from_slice(&aggregate[root_end..]);
        let got = verify_metadata(
            &xml,
            &store,
            &policy,
            at(SAML_NOW),
            MetadataProfile::Generic,
        )
        .unwrap_err()
        .code();
        assert_eq!(got, *want, "tree: {}", &insert[..20]);
    }
}

/// Class 5: the SAML profile rules, each with its own code, in the generic and the
/// STORK profile; and the profile's algorithm rule is checked before any cryptography.
#[test]
fn class5_saml_profile_rules_have_their_own_codes() {
    for profile in [SamlProfile::Generic, SamlProfile::Stork] {
        for (file, want) in [
            ("saml-adfs.xml", "ok"),
            ("saml-adfs-no-audience.xml", "saml.audience_missing"),
            ("saml-no-conditions.xml", "saml.audience_missing"),
            (
                "saml-notbefore-after-notonorafter.xml",
                "saml.invalid_time_window",
            ),
            ("saml-unknown-condition.xml", "saml.unknown_condition"),
            ("saml-issuer-format-transient.xml", "saml.issuer_format"),
            ("saml-datetime-no-zone.xml", "saml.malformed"),
        ] {
            assert_eq!(
                code(saml_response(&attack(file), profile)),
                want,
                "{file} {profile:?}"
            );
        }
    }
    // STORK signatures use exclusive canonicalization: an inclusive one is refused as the
    // profile's rule, before the (now broken) signature value is ever checked.
    let inclusive = String::from_utf8(attack("stork-qaa1.xml"))
        .unwrap()
        .replacen(
        "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"",
        "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"",
        1,
    );
    assert!(inclusive.contains("REC-xml-c14n-20010315"));
    let e = saml_response(inclusive.as_bytes(), SamlProfile::Stork).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SamlSignatureProfile, "{e}");
    // The same document under the generic profile reaches the cryptography, which fails.
    assert_eq!(
        code(saml_response(inclusive.as_bytes(), SamlProfile::Generic)),
        "crypto.bad_signature"
    );
}
