//! The metadata state directory through the library: refresh from a file, the entity
//! index, and issuer keys loaded one issuer at a time, checked against the in-memory
//! `metadata_issuer_trust` and against real SAML verification.

use std::path::{Path, PathBuf};

use trustmeta::{
    metadata_issuer_trust, verify_response, DateTime, ErrorCode, MemoryReplayCache,
    MetadataProfile, Policy, ResponseExpectations, TrustStore,
};
use trustmeta_hosted::metadata::{
    EntityIndex, MetadataSource, RefreshError, RefreshOptions, Refreshed, StateError,
};

const NOW: &str = "2026-06-01T10:01:00Z";

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(p)
}

fn read(p: &str) -> Vec<u8> {
    std::fs::read(repo(p)).unwrap()
}

fn at(t: &str) -> DateTime {
    DateTime::parse_rfc3339(t).unwrap()
}

fn options() -> RefreshOptions {
    let mut o = RefreshOptions::default();
    o.at = Some(at(NOW));
    o
}

fn source(file: &str, signer: &str, dir: &Path, profile: MetadataProfile) -> MetadataSource {
    MetadataSource::new(
        repo(file).to_string_lossy().into_owned(),
        dir,
        TrustStore::from_pem(&read(signer)).unwrap(),
        Policy::default(),
        profile,
    )
}

#[test]
fn issuer_keys_from_the_index_verify_what_the_in_memory_keys_verify() {
    let dir = tempfile::tempdir().unwrap();
    let src = source(
        "tests/data/saml/signed/idp-metadata.xml",
        "tests/data/xmldsig-gen/pki/leaf-rsa3072.pem",
        dir.path(),
        MetadataProfile::Generic,
    );
    assert!(matches!(
        src.refresh(&options()).unwrap(),
        Refreshed::Updated { .. }
    ));
    let index = src.index().unwrap();
    assert_eq!(index.len(), 1);
    let expect = {
        let mut e = ResponseExpectations::new(
            "https://sp.example.org/metadata",
            "https://sp.example.org/acs",
            at(NOW),
        );
        e.request_id = Some("_req-4711");
        e
    };
    let good = read("tests/data/saml/signed/assertion-signed.xml");
    let trust = index.trust_for_response(&good, &Policy::default()).unwrap();
    assert_eq!(
        trust.issuers().map(|(id, _)| id).collect::<Vec<_>>(),
        ["https://idp.example.org/"]
    );
    let mut cache = MemoryReplayCache::new(4);
    let v = verify_response(&good, &trust, &Policy::default(), &expect, &mut cache).unwrap();
    assert_eq!(v.issuer, "https://idp.example.org/");
    // The same issuer named, another key signing: refused.
    let evil = read("tests/data/saml/signed/attacker-signed.xml");
    let trust = index.trust_for_response(&evil, &Policy::default()).unwrap();
    let r = verify_response(&evil, &trust, &Policy::default(), &expect, &mut cache);
    assert_eq!(r.unwrap_err().code(), ErrorCode::PkiUntrustedSigner);
    // An issuer the copy does not list gets no keys, so its messages are refused.
    assert!(index
        .issuer_trust(&["https://other.example/"], "IDPSSODescriptor")
        .unwrap()
        .issuers()
        .next()
        .is_none());
    // Not a Response: the error of the document.
    let e = index
        .trust_for_response(b"<x/>", &Policy::default())
        .unwrap_err();
    assert_eq!(e.code(), "saml.unknown_document");
}

#[test]
fn every_role_of_the_aggregate_gives_the_keys_metadata_issuer_trust_gives() {
    let dir = tempfile::tempdir().unwrap();
    let file = "tests/data/metadata/signed/aggregate.xml";
    let signer = "tests/data/metadata/signed/signer.pem";
    let src = source(file, signer, dir.path(), MetadataProfile::Etoegang);
    src.refresh(&options()).unwrap();
    let index = src.index().unwrap();
    let mut all = Vec::new();
    index.for_each(&mut |e| all.push(e)).unwrap();
    assert_eq!(all.len(), 7);
    let store = TrustStore::from_pem(&read(signer)).unwrap();
    for role in [
        "IDPSSODescriptor",
        "SPSSODescriptor",
        "AttributeAuthorityDescriptor",
    ] {
        let memory = metadata_issuer_trust(
            &read(file),
            &store,
            &Policy::default(),
            at(NOW),
            MetadataProfile::Etoegang,
            role,
        )
        .unwrap();
        let ids: Vec<&str> = all.iter().map(|e| e.entity_id.as_str()).collect();
        let indexed = index.issuer_trust(&ids, role).unwrap();
        let a: Vec<(&str, usize)> = memory.issuers().map(|(i, s)| (i, s.len())).collect();
        let b: Vec<(&str, usize)> = indexed.issuers().map(|(i, s)| (i, s.len())).collect();
        assert!(!a.is_empty(), "{role}");
        assert_eq!(a, b, "{role}");
    }
}

#[test]
fn a_refused_copy_leaves_the_held_one_and_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let file = "tests/data/metadata/signed/aggregate.xml";
    let signer = "tests/data/metadata/signed/signer.pem";
    source(file, signer, dir.path(), MetadataProfile::Etoegang)
        .refresh(&options())
        .unwrap();
    let before = std::fs::read(dir.path().join("index.tsv")).unwrap();
    let tampered = dir.path().join("..").join(format!(
        "tampered-{}.xml",
        dir.path().file_name().unwrap().to_string_lossy()
    ));
    let bytes = String::from_utf8(read(file)).unwrap().replacen(
        "https://idp.example.nl/sso",
        "https://evil.example/sso",
        1,
    );
    std::fs::write(&tampered, bytes).unwrap();
    let src = MetadataSource::new(
        tampered.to_string_lossy().into_owned(),
        dir.path(),
        TrustStore::from_pem(&read(signer)).unwrap(),
        Policy::default(),
        MetadataProfile::Etoegang,
    );
    let mut o = options();
    o.force = true;
    let e = src.refresh(&o).unwrap_err();
    std::fs::remove_file(&tampered).unwrap();
    assert!(matches!(e, RefreshError::Rejected(_)), "{e}");
    assert_eq!(e.code(), "dsig.digest_mismatch");
    assert_eq!(std::fs::read(dir.path().join("index.tsv")).unwrap(), before);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| ![".lock", "metadata.xml", "index.tsv", "state.json"].contains(&n.as_str()))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(EntityIndex::open(dir.path()).unwrap().len(), 7);
}

#[test]
fn an_index_opened_before_a_refresh_reads_the_copy_it_was_opened_on() {
    let dir = tempfile::tempdir().unwrap();
    let signer = "tests/data/xmldsig-gen/pki/leaf-rsa3072.pem";
    let one = source(
        "tests/data/saml/signed/idp-metadata.xml",
        signer,
        dir.path(),
        MetadataProfile::Generic,
    );
    one.refresh(&options()).unwrap();
    let old = one.index().unwrap();
    assert!(old.is_current());
    // Another copy put in place by hand: the old index still reads its own copy, a new
    // opening refuses the mismatch.
    let copy = dir.path().join("metadata.xml");
    let mut bytes = std::fs::read(&copy).unwrap();
    bytes.extend_from_slice(b"\n");
    std::fs::remove_file(&copy).unwrap();
    std::fs::write(&copy, bytes).unwrap();
    assert!(!old.is_current());
    assert!(old.entity("https://idp.example.org/").unwrap().is_some());
    let e = EntityIndex::open(dir.path()).unwrap_err();
    assert!(matches!(e, StateError::Stale(_)), "{e}");
    assert_eq!(e.code(), "metadata.not_held");
    let e = EntityIndex::open(&dir.path().join("nothing")).unwrap_err();
    assert!(matches!(e, StateError::NoCopy(_)), "{e}");
}

#[test]
fn a_refresh_waits_for_the_one_already_running_on_the_directory() {
    let dir = tempfile::tempdir().unwrap();
    let src = source(
        "tests/data/saml/signed/idp-metadata.xml",
        "tests/data/xmldsig-gen/pki/leaf-rsa3072.pem",
        dir.path(),
        MetadataProfile::Generic,
    );
    // Another process refreshing holds the directory's lock.
    let held = std::fs::File::create(dir.path().join(".lock")).unwrap();
    rustix::fs::flock(&held, rustix::fs::FlockOperation::LockExclusive).unwrap();
    std::thread::scope(|s| {
        let waiting = s.spawn(|| src.refresh(&options()).unwrap());
        std::thread::sleep(core::time::Duration::from_millis(300));
        assert!(
            !waiting.is_finished(),
            "the refresh did not wait for the lock"
        );
        assert!(!dir.path().join("metadata.xml").exists());
        drop(held);
        assert!(matches!(waiting.join().unwrap(), Refreshed::Updated { .. }));
    });
    assert_eq!(EntityIndex::open(dir.path()).unwrap().len(), 1);
}

#[test]
fn threads_sharing_one_index_read_their_own_entities() {
    let dir = tempfile::tempdir().unwrap();
    let src = source(
        "tests/data/metadata/signed/aggregate.xml",
        "tests/data/metadata/signed/signer.pem",
        dir.path(),
        MetadataProfile::Etoegang,
    );
    src.refresh(&options()).unwrap();
    let index = src.index().unwrap();
    let mut ids = Vec::new();
    index.for_each(&mut |e| ids.push(e.entity_id)).unwrap();
    std::thread::scope(|s| {
        for t in 0..8 {
            let (index, ids) = (&index, &ids);
            s.spawn(move || {
                for i in 0..300 {
                    let id = &ids[(i + t) % ids.len()];
                    assert_eq!(index.entity(id).unwrap().unwrap().entity_id, *id);
                    if i % 50 == 0 {
                        let mut n = 0;
                        index.for_each(&mut |_| n += 1).unwrap();
                        assert_eq!(n, ids.len());
                    }
                }
            });
        }
    });
}
