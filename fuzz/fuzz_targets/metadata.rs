//! SAML metadata: the in-memory and the streaming verifier on any input must agree on
//! accept or refuse, on the summary and on the entity list; on what verifies, every
//! entity must read the same from the held document and from the pieces the streamed
//! index locates. Never a panic.
#![no_main]
use trustmeta::{
    read_indexed_entity, verify_metadata, DateTime, MetadataProfile, MetadataStreamVerifier,
    Policy, TrustStore,
};

const SIGNER: &[u8] = include_bytes!("../../tests/data/metadata/signed/signer.pem");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let policy = Policy::default();
    let store = TrustStore::from_pem(SIGNER).expect("the test certificate parses");
    let now = DateTime::from_unix(1_780_272_000); // 2026-06-01
    let profile = if data.first().is_some_and(|b| b & 1 == 1) {
        MetadataProfile::Etoegang
    } else {
        MetadataProfile::Generic
    };
    let tree = verify_metadata(data, &store, &policy, now, profile);
    let chunk = 1 + usize::from(data.get(1).copied().unwrap_or(0)) % 97;
    let mut v = MetadataStreamVerifier::new(&store, &policy, now, profile).with_index();
    let mut streamed = Ok(());
    for c in data.chunks(chunk) {
        streamed = v.feed(c);
        if streamed.is_err() {
            break;
        }
    }
    let stream = streamed.and_then(|()| v.finish_with_index());
    match (&tree, &stream) {
        (Ok(a), Ok((b, list))) => {
            assert!(a.summary == b.summary, "the summaries differ");
            assert!(a.entities() == list.as_slice(), "the entity lists differ");
            assert!(a.root_tag == b.root_tag, "the root tags differ");
            for e in list.iter().take(16) {
                let r = e.range.start as usize..e.range.end as usize;
                assert!(r.start < r.end && r.end <= data.len());
                let piece = |r: &core::ops::Range<u64>| &data[r.start as usize..r.end as usize];
                let mut scope = Vec::new();
                if e.range.start != b.root_tag.start {
                    scope.push(piece(&b.root_tag));
                }
                scope.extend(e.scope.iter().map(piece));
                let from_pieces = read_indexed_entity(e, &scope, &data[r], &policy.limits);
                let held = a.find_entity(&e.entity_id, &policy.limits);
                if let (Ok(p), Ok(Some(h))) = (&from_pieces, &held) {
                    assert!(p.signing_certificates == h.signing_certificates);
                    assert!(p.endpoints == h.endpoints && p.roles == h.roles);
                } else if list.iter().filter(|o| o.entity_id == e.entity_id).count() == 1 {
                    panic!("an indexed entity does not read back");
                }
            }
        }
        // The paths may name different first faults (the tree checks the document
        // element before the signature, the stream after it); both must refuse.
        (Err(_), Err(_)) => {}
        _ => panic!(
            "accept/refuse differs: tree {}, stream {}",
            tree.is_ok(),
            stream.is_ok()
        ),
    }
});
