//! SAML metadata: the in-memory and the streaming verifier on any input (with and without
//! the entity list) must agree on accept or refuse, and the lookups that read verified
//! bytes (`find_entity`, `entity_index`, `entities`, `read_indexed_entity`) must never
//! panic, whatever the bytes. Never a panic.
#![no_main]
use trustmeta::{
    entities, entity_ids, entity_index, find_entity, read_indexed_entity, verify_metadata,
    DateTime, MetadataProfile, MetadataStreamVerifier, Policy, TrustStore,
};

const SIGNER: &[u8] = include_bytes!("../../tests/data/metadata/signed/signer.pem");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let policy = Policy::default();
    let store = TrustStore::from_pem(SIGNER).expect("the test certificate parses");
    let now = DateTime::from_unix(1_780_272_000); // 2026-06-01
    let tree = verify_metadata(data, &store, &policy, now, MetadataProfile::Etoegang);
    let chunk = 1 + usize::from(data.first().copied().unwrap_or(0)) % 97;
    let mut v = MetadataStreamVerifier::new(&store, &policy, now, MetadataProfile::Etoegang)
        .with_index();
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
            assert!(list.len() == b.summary.entities, "the entity list is incomplete");
            for e in list {
                assert!(e.range.start < e.range.end && e.range.end as usize <= data.len());
            }
        }
        (Err(_), Err(_)) => {}
        _ => panic!(
            "accept/refuse differs: tree {}, stream {}",
            tree.is_ok(),
            stream.is_ok()
        ),
    }

    // The lookups are meant for verified bytes, but must hold up on any.
    let limits = policy.limits.clone();
    let id = core::str::from_utf8(&data[..data.len().min(24)]).unwrap_or("x");
    let _ = find_entity(data, id, &limits);
    let _ = entity_ids(data);
    if let Ok(index) = entity_index(data) {
        for e in index.iter().take(8) {
            assert!(e.range.start < e.range.end && e.range.end <= data.len());
            let _ = find_entity(data, &e.entity_id, &limits);
        }
    }
    if let Ok(all) = entities(data, &limits) {
        for e in all.take(8) {
            let _ = e;
        }
    }
    let split = data.len() / 3;
    let _ = read_indexed_entity(&[&data[..split]], &data[split..], &limits);
});
