//! SAML metadata: the in-memory and the streaming path give the same result on our
//! xmlsec1-signed eToegang-style aggregate (tests/data/metadata/make_signed.sh) and on the
//! metadata vectors of ../shared; the eToegang profile; expiry; tampering on the
//! streaming path.

mod common;

use common::{at, read, shared};
use trustmeta::{
    read_indexed_entity, verify_metadata, verify_metadata_auto, DateTime, Error, ErrorCode, Limits,
    MetadataProfile, MetadataStreamVerifier, Policy, TrustStore, VerifiedMetadata,
};

const NOW: &str = "2026-06-01T00:00:00Z";

fn ours(name: &str) -> Vec<u8> {
    read(&format!("tests/data/metadata/signed/{name}"))
}

fn signer() -> TrustStore {
    TrustStore::from_pem(&ours("signer.pem")).unwrap()
}

fn streamed(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    profile: MetadataProfile,
    chunk: usize,
) -> Result<VerifiedMetadata, Error> {
    let mut v = MetadataStreamVerifier::new(store, policy, now, profile).with_index();
    for c in xml.chunks(chunk) {
        v.feed(c)?;
    }
    v.finish()
}

/// Both paths, every chunking: the same summary or the same error code.
fn both(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    profile: MetadataProfile,
) -> Result<VerifiedMetadata, ErrorCode> {
    let mem = verify_metadata(xml, store, policy, now, profile);
    for chunk in [3, 64, 4096, 1 << 20] {
        let st = streamed(xml, store, policy, now, profile, chunk);
        match (&mem, &st) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.summary, b.summary, "summaries differ (chunk {chunk})");
                assert_eq!(
                    a.entities(),
                    b.entities(),
                    "entity lists differ (chunk {chunk})"
                );
                assert_eq!(a.root_tag, b.root_tag);
                assert_eq!(a.nested_signatures, b.nested_signatures);
                assert_eq!(a.report.signer, b.report.signer);
                assert_eq!(a.report.signature_algorithm, b.report.signature_algorithm);
                assert!(!a.streamed && b.streamed);
            }
            (Err(a), Err(b)) => {
                assert_eq!(a.code(), b.code(), "chunk {chunk}: tree {a}, stream {b}")
            }
            _ => panic!(
                "the paths disagree (chunk {chunk}): tree {:?}, stream {:?}",
                mem.as_ref().map(|_| ()).map_err(Error::code),
                st.as_ref().map(|_| ()).map_err(Error::code)
            ),
        }
    }
    mem.map_err(|e| e.code())
}

#[test]
fn etoegang_aggregate_verifies_the_same_on_both_paths() {
    for file in ["aggregate.xml", "aggregate-uri-empty.xml"] {
        let v = both(
            &ours(file),
            &signer(),
            &Policy::default(),
            at(NOW),
            MetadataProfile::Etoegang,
        )
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        let s = &v.summary;
        assert_eq!(s.root, "EntitiesDescriptor");
        assert_eq!(s.id.as_deref(), Some("_agg-36"));
        let n = s.etoegang.as_ref().unwrap();
        assert_eq!(
            (n.version.as_str(), n.environment, n.sequence),
            ("1.13", 'P', 36)
        );
        assert_eq!(s.entities, 7);
        assert_eq!(s.groups.len(), 6);
        assert_eq!(s.groups[5], "urn:etoegang:role:Dienstverleners");
        assert_eq!(s.publisher.as_deref(), Some("urn:etoegang:publisher:test"));
        assert_eq!(s.creation_instant, Some(at("2026-05-28T12:00:00Z")));
        assert_eq!(s.valid_until, Some(at("2026-07-01T00:00:00Z")));
        // cacheDuration P7D from the verification time comes before validUntil.
        assert_eq!(s.expires, Some(at("2026-06-08T00:00:00Z")));
        assert_eq!(v.report.references[0].element, "EntitiesDescriptor");
    }
}

#[test]
fn expiry_is_the_earlier_of_valid_until_and_cache_duration() {
    let v = both(
        &ours("aggregate.xml"),
        &signer(),
        &Policy::default(),
        at("2026-06-28T00:00:00Z"),
        MetadataProfile::Generic,
    )
    .unwrap();
    assert_eq!(v.summary.expires, Some(at("2026-07-01T00:00:00Z")));
    let e = both(
        &ours("aggregate.xml"),
        &signer(),
        &Policy::default(),
        at("2026-07-01T00:00:00Z"),
        MetadataProfile::Generic,
    );
    assert_eq!(e.unwrap_err(), ErrorCode::MetadataExpired);
}

#[test]
fn etoegang_profile_violations_are_typed() {
    for file in ["etoegang-missing-group.xml", "etoegang-bad-name.xml"] {
        // Signed and fine as SAML metadata …
        assert!(both(
            &ours(file),
            &signer(),
            &Policy::default(),
            at(NOW),
            MetadataProfile::Generic
        )
        .is_ok());
        // … but not an eToegang aggregate.
        let e = both(
            &ours(file),
            &signer(),
            &Policy::default(),
            at(NOW),
            MetadataProfile::Etoegang,
        );
        assert_eq!(e.unwrap_err(), ErrorCode::MetadataProfile, "{file}");
    }
}

#[test]
fn the_signature_must_come_first() {
    let e = both(
        &ours("aggregate-signature-last.xml"),
        &signer(),
        &Policy::default(),
        at(NOW),
        MetadataProfile::Generic,
    );
    assert_eq!(e.unwrap_err(), ErrorCode::DsigMalformed);
}

#[test]
fn another_key_is_refused_on_both_paths() {
    let other = TrustStore::from_pem(&read("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem")).unwrap();
    let e = both(
        &ours("aggregate.xml"),
        &other,
        &Policy::default(),
        at(NOW),
        MetadataProfile::Generic,
    );
    assert_eq!(e.unwrap_err(), ErrorCode::PkiUntrustedSigner);
}

#[test]
fn auto_selects_the_path_by_size() {
    let v = verify_metadata_auto(
        &ours("aggregate.xml"),
        &signer(),
        &Policy::default(),
        at(NOW),
        MetadataProfile::Etoegang,
    )
    .unwrap();
    assert!(!v.streamed);
}

#[test]
fn auto_streams_a_large_document_and_still_answers_lookups() {
    // Comments are outside canonical XML: padding with them keeps the signature valid
    // while taking the document past the streaming threshold.
    let xml = ours("aggregate.xml");
    let open_end = xml
        .windows(15)
        .position(|w| w == b"</ds:Signature>")
        .unwrap()
        + 15;
    let mut big = xml[..open_end].to_vec();
    let pad = format!("<!--{}-->", "x".repeat(1000));
    while big.len() < trustmeta::STREAM_THRESHOLD + 4096 {
        big.extend_from_slice(pad.as_bytes());
    }
    big.extend_from_slice(&xml[open_end..]);
    let (store, policy) = (signer(), Policy::default());
    let small = verify_metadata(&xml, &store, &policy, at(NOW), MetadataProfile::Etoegang).unwrap();
    let large =
        verify_metadata_auto(&big, &store, &policy, at(NOW), MetadataProfile::Etoegang).unwrap();
    assert!(large.streamed);
    let ids: Vec<_> = large.entity_ids().collect();
    assert_eq!(ids, small.entity_ids().collect::<Vec<_>>());
    let limits = Limits::default();
    for (id, _) in ids {
        let a = small.find_entity(id, &limits).unwrap().unwrap();
        let b = large.find_entity(id, &limits).unwrap().unwrap();
        assert_eq!(
            (&a.roles, &a.signing_certificates, &a.endpoints),
            (&b.roles, &b.signing_certificates, &b.endpoints),
            "{id}"
        );
    }
    assert_eq!(
        large.read_entities(&limits).unwrap().count(),
        small.entities().len()
    );
}

#[test]
fn every_sampled_change_of_signed_content_is_detected_when_streamed() {
    let xml = ours("aggregate.xml");
    let root = xml
        .windows(22)
        .position(|w| w == b"<md:EntitiesDescriptor")
        .unwrap();
    let sig_start = xml.windows(13).position(|w| w == b"<ds:Signature").unwrap();
    let sig_end = xml
        .windows(15)
        .position(|w| w == b"</ds:Signature>")
        .unwrap()
        + 15;
    let store = signer();
    let policy = Policy::default();
    let mut tried = 0;
    for pos in (root..xml.len() - 1).step_by(29) {
        if (sig_start..sig_end).contains(&pos) {
            continue;
        }
        let mut m = xml.clone();
        m[pos] = if xml[pos] == b'A' { b'B' } else { b'A' };
        let r = streamed(&m, &store, &policy, at(NOW), MetadataProfile::Generic, 4096);
        assert!(
            r.is_err(),
            "a change at byte {pos} ({:?}) was not detected",
            xml[pos] as char
        );
        // And the tree path agrees.
        assert!(verify_metadata(&m, &store, &policy, at(NOW), MetadataProfile::Generic).is_err());
        tried += 1;
    }
    assert!(tried > 300, "only {tried} positions");
}

/// The entity list the streaming verifier gathers agrees with the in-memory verifier's;
/// each entity read back from its indexed pieces (document element, group start tags,
/// the entity) is the entity `find_entity` reads in the held document. Returns the
/// number of entities compared.
fn index_agrees(xml: &[u8], store: &TrustStore, policy: &Policy, now: DateTime) -> usize {
    let limits = Limits::default();
    let mut listed = None;
    let mut root_tag = 0..0;
    for chunk in [7, 4096, 1 << 20] {
        let mut v =
            MetadataStreamVerifier::new(store, policy, now, MetadataProfile::Generic).with_index();
        for c in xml.chunks(chunk) {
            v.feed(c).unwrap();
        }
        let (md, entities) = v.finish_with_index().unwrap();
        assert_eq!(entities.len(), md.entities().len(), "chunk {chunk}");
        assert_eq!(
            md.find_entity("x", &limits).unwrap_err().code(),
            ErrorCode::MetadataNotHeld
        );
        if let Some(first) = &listed {
            assert_eq!(first, &entities, "chunk {chunk}");
        }
        root_tag = md.root_tag.start as usize..md.root_tag.end as usize;
        listed = Some(entities);
    }
    let listed = listed.unwrap();
    let held = verify_metadata(xml, store, policy, now, MetadataProfile::Generic).unwrap();
    assert_eq!(held.entities(), listed.as_slice());
    let read_all: Vec<_> = held
        .read_entities(&limits)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(read_all.len(), listed.len());
    assert!(xml[root_tag.clone()].starts_with(b"<") && xml[root_tag.clone()].ends_with(b">"));
    for l in &listed {
        let mut tags: Vec<&[u8]> = Vec::new();
        if l.range.start as usize != root_tag.start {
            tags.push(&xml[root_tag.clone()]);
        }
        tags.extend(
            l.scope
                .iter()
                .map(|r| &xml[r.start as usize..r.end as usize]),
        );
        for t in &tags[1..] {
            assert!(t.starts_with(b"<") && t.ends_with(b">"));
        }
        let piece = &xml[l.range.start as usize..l.range.end as usize];
        let mut read = read_indexed_entity(l, &tags, piece, &limits).unwrap();
        assert_eq!(l.roles, read.roles, "{}", l.entity_id);
        if listed.iter().filter(|o| o.entity_id == l.entity_id).count() > 1 {
            // Some real aggregates repeat an entityID; a lookup refuses to guess.
            let e = held.find_entity(&l.entity_id, &limits).unwrap_err();
            assert_eq!(e.code(), ErrorCode::MetadataMalformed);
            continue;
        }
        let whole = held.find_entity(&l.entity_id, &limits).unwrap().unwrap();
        assert!(read_all.contains(&whole), "{}", l.entity_id);
        read.group = whole.group.clone();
        read.range = whole.range.clone();
        assert_eq!(read, whole);
    }
    listed.len()
}

#[test]
fn registration_info_and_contacts_are_read() {
    let xml =
        std::fs::read(shared().join("vectors/metadata/pyFF/wayf-edugain-metadata.xml")).unwrap();
    let limits = Limits::default();
    let certs = TrustStore::from_pem(
        &std::fs::read(shared().join("vectors/metadata/pyFF/wayf-metadata.2016.signing.pem"))
            .unwrap(),
    )
    .unwrap();
    let mut key = TrustStore::new();
    key.add_public_key(certs.certificates()[0].public_key().unwrap().clone());
    let legacy = Policy {
        allow_sha1: true,
        min_rsa_bits: 1024,
        ..Policy::default()
    };
    let md = verify_metadata(
        &xml,
        &key,
        &legacy,
        at("2016-06-01T00:00:00Z"),
        MetadataProfile::Generic,
    )
    .unwrap();
    let all: Vec<_> = md
        .read_entities(&limits)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let registered = all
        .iter()
        .filter(|e| e.registration_authority.as_deref() == Some("https://www.wayf.dk"))
        .count();
    // 77 entities, each registered by WAYF (77 RegistrationInfo elements in the file).
    assert_eq!((all.len(), registered), (77, 77));
    // Every contact's e-mail addresses are the entity's contact e-mails, in order.
    for e in &all {
        let flat: Vec<&String> = e.contacts.iter().flat_map(|c| &c.emails).collect();
        assert_eq!(flat, e.contact_emails.iter().collect::<Vec<_>>());
        for c in &e.contacts {
            assert!(
                ["technical", "support", "administrative", "billing", "other"]
                    .contains(&c.contact_type.as_str()),
                "{}",
                c.contact_type
            );
        }
    }
    let typed = |t: &str| {
        all.iter()
            .flat_map(|e| &e.contacts)
            .filter(|c| c.contact_type == t)
            .count()
    };
    assert!(typed("technical") > 0 && typed("support") > 0);
}

#[test]
fn the_streamed_entity_list_agrees_with_the_lookup() {
    let xml = ours("aggregate.xml");
    let n = index_agrees(&xml, &signer(), &Policy::default(), at(NOW));
    assert_eq!(n, 7);
}

/// The vectors of ../shared/vectors/metadata, pinned by key: the same result on both paths.
#[test]
fn metadata_vectors_agree_on_both_paths() {
    let v = |rel: &str| std::fs::read(shared().join("vectors/metadata").join(rel)).unwrap();
    let keys = |rel: &str| {
        let certs = TrustStore::from_pem(&v(rel)).unwrap();
        let mut s = TrustStore::new();
        for c in certs.certificates() {
            s.add_public_key(c.public_key().unwrap().clone());
        }
        s
    };
    let legacy = Policy {
        allow_sha1: true,
        min_rsa_bits: 1024,
        ..Policy::default()
    };
    // Dates inside each aggregate's validity, as its SOURCES.md gives them.
    for (file, key, when, expect) in [
        (
            "pyFF/wayf-edugain-metadata.xml",
            "pyFF/wayf-metadata.2016.signing.pem",
            "2016-06-01T00:00:00Z",
            "ok",
        ),
        (
            "pysaml2/swamid-kalmar-1.0@c5932c3e.xml",
            "pyFF/md-signer.crt",
            "2010-01-01T00:00:00Z",
            "ok",
        ),
        (
            "pysaml2/extended.xml",
            "pyFF/md-signer.crt",
            "2010-01-01T00:00:00Z",
            "dsig",
        ),
        (
            "eidas-eu-mock/opensaml-metadata.switchaai_signed.xml",
            "eidas-eu-mock/switchaai-metadata-signer-2005.pem",
            "2009-06-01T00:00:00Z",
            "ok",
        ),
        (
            "eidas-eu-mock/opensaml-ukfederation-metadata.xml",
            "eidas-eu-mock/ukfed-metadata-signer-2006.pem",
            "2007-06-01T00:00:00Z",
            "ok",
        ),
        (
            "eidas-eu-mock/opensaml-metadata.aaitest_signed.invalid.xml",
            "eidas-eu-mock/switchaai-metadata-signer-2005.pem",
            "2009-06-01T00:00:00Z",
            "dsig",
        ),
    ] {
        let r = both(
            &v(file),
            &keys(key),
            &legacy,
            at(when),
            MetadataProfile::Generic,
        );
        match expect {
            "ok" => {
                assert!(r.is_ok(), "{file}: {r:?}");
                let n = index_agrees(&v(file), &keys(key), &legacy, at(when));
                assert!(n > 0, "{file}");
            }
            _ => assert!(r.is_err(), "{file}"),
        }
    }
}

/// Collects the blocks and hashes them at the end with the library's digest; `lie` flips
/// a bit of the digest, `fail` gives none.
struct Collecting {
    alg: trustmeta::DigestAlgorithm,
    bytes: Vec<u8>,
    blocks: std::sync::Arc<core::sync::atomic::AtomicUsize>,
    lie: bool,
    fail: bool,
}

impl trustmeta::BlockHasher for Collecting {
    fn update(&mut self, block: Vec<u8>) -> Vec<u8> {
        assert!(!block.is_empty());
        self.blocks
            .fetch_add(1, core::sync::atomic::Ordering::Relaxed);
        self.bytes.extend_from_slice(&block);
        block
    }
    fn finish(self: Box<Self>) -> Option<Vec<u8>> {
        if self.fail {
            return None;
        }
        let mut d = self.alg.digest(&self.bytes).as_bytes().to_vec();
        if self.lie {
            d[0] ^= 1;
        }
        Some(d)
    }
}

#[test]
fn a_block_hasher_elsewhere_gives_the_same_verdict() {
    let xml = ours("aggregate.xml");
    let run = |lie: bool, fail: bool| {
        let blocks = std::sync::Arc::new(core::sync::atomic::AtomicUsize::new(0));
        let b = blocks.clone();
        let start = move |alg| -> Box<dyn trustmeta::BlockHasher> {
            Box::new(Collecting {
                alg,
                bytes: Vec::new(),
                blocks: b.clone(),
                lie,
                fail,
            })
        };
        let store = signer();
        let mut v = MetadataStreamVerifier::new(
            &store,
            &Policy::default(),
            at(NOW),
            MetadataProfile::Etoegang,
        )
        .hash_with(&start);
        for c in xml.chunks(1000) {
            v.feed(c).unwrap();
        }
        (
            v.finish().map(|m| m.summary),
            blocks.load(core::sync::atomic::Ordering::Relaxed),
        )
    };
    let (ok, blocks) = run(false, false);
    let mem = verify_metadata(
        &xml,
        &signer(),
        &Policy::default(),
        at(NOW),
        MetadataProfile::Etoegang,
    )
    .unwrap();
    assert_eq!(ok.unwrap(), mem.summary);
    // 23 KB of canonical bytes: one block, handed over at the end.
    assert_eq!(blocks, 1);
    let (lied, _) = run(true, false);
    assert_eq!(lied.unwrap_err().code(), ErrorCode::DsigDigestMismatch);
    let (failed, _) = run(false, true);
    assert_eq!(failed.unwrap_err().code(), ErrorCode::DsigMalformed);
}

/// A document that is one `EntityDescriptor`: the lookups find the document element
/// itself, the streamed list holds it, and an owning stream verifier gives the same.
#[test]
fn a_single_entity_document_is_found_by_every_lookup() {
    let xml = read("tests/data/saml/signed/idp-metadata.xml");
    let store = TrustStore::from_pem(&read("tests/data/xmldsig-gen/pki/leaf-rsa3072.pem")).unwrap();
    let limits = Limits::default();
    let v = verify_metadata(
        &xml,
        &store,
        &Policy::default(),
        at(NOW),
        MetadataProfile::Generic,
    )
    .unwrap();
    assert_eq!(v.summary.root, "EntityDescriptor");
    assert_eq!(v.summary.entities, 1);
    let e = v
        .find_entity("https://idp.example.org/", &limits)
        .unwrap()
        .unwrap();
    assert_eq!(e.roles, ["IDPSSODescriptor"]);
    assert_eq!(e.group, None);
    assert!(!e.signing_certificates.is_empty());
    let start = xml
        .windows(20)
        .position(|w| w == b"<md:EntityDescriptor")
        .unwrap();
    assert_eq!(
        e.range,
        start..xml.len() - usize::from(xml.ends_with(b"\n"))
    );
    assert_eq!(
        v.entity_ids().collect::<Vec<_>>(),
        [("https://idp.example.org/", None)]
    );
    let mut s = MetadataStreamVerifier::owning(
        store.clone(),
        &Policy::default(),
        at(NOW),
        MetadataProfile::Generic,
    )
    .with_index();
    drop(store);
    for c in xml.chunks(100) {
        s.feed(c).unwrap();
    }
    let (sv, listed) = s.finish_with_index().unwrap();
    assert_eq!(sv.summary, v.summary);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].entity_id, "https://idp.example.org/");
    assert_eq!(listed[0].range.start as usize, e.range.start);
    assert_eq!(listed[0].range.end as usize, e.range.end);
    assert_eq!(listed[0].roles, e.roles);
    assert!(listed[0].scope.is_empty());
}

/// A streaming verifier can be kept by a handle that moves between threads (a Python
/// object, a C handle used from a worker pool).
#[test]
fn stream_verifiers_are_send() {
    fn send<T: Send>() {}
    send::<MetadataStreamVerifier<'static>>();
    send::<trustmeta::StreamVerifier<'static>>();
    send::<Box<dyn trustmeta::BlockHasher>>();
}

/// Trust from metadata larger than the in-memory limit: verified as a stream, each
/// entity read from the pieces its index locates — the same keys as in memory.
#[test]
fn issuer_trust_from_an_aggregate_above_the_in_memory_limit() {
    let xml = ours("aggregate.xml");
    let small = Policy {
        limits: Limits {
            max_input_bytes: 4096,
            ..Limits::default()
        },
        ..Policy::default()
    };
    assert!(xml.len() > 4096);
    assert_eq!(
        verify_metadata(&xml, &signer(), &small, at(NOW), MetadataProfile::Etoegang)
            .unwrap_err()
            .code(),
        ErrorCode::XmlInputTooLarge
    );
    for role in [
        "IDPSSODescriptor",
        "SPSSODescriptor",
        "AttributeAuthorityDescriptor",
    ] {
        let big = trustmeta::metadata_issuer_trust(
            &xml,
            &signer(),
            &small,
            at(NOW),
            MetadataProfile::Etoegang,
            role,
        )
        .unwrap();
        let held = trustmeta::metadata_issuer_trust(
            &xml,
            &signer(),
            &Policy::default(),
            at(NOW),
            MetadataProfile::Etoegang,
            role,
        )
        .unwrap();
        let names = |t: &trustmeta::IssuerTrust| -> Vec<(String, usize)> {
            t.issuers().map(|(n, s)| (n.to_string(), s.len())).collect()
        };
        assert_eq!(names(&big), names(&held), "{role}");
        assert!(!names(&held).is_empty(), "{role}");
    }
}
