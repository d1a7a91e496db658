//! The Redis replay cache against a real redis-server on loopback: two workers (two
//! caches on one server) accept a response once; expiry is honoured; a stopped server
//! refuses every response with `saml.replay_cache_unavailable`; a restarted one is used
//! again by the same cache objects.

#[path = "support/redis_server.rs"]
mod redis_server;

use core::time::Duration;

use redis_server::RedisServer;
use trustmeta::{
    verify_response, DateTime, ErrorCode, IssuerTrust, Policy, ReplayCache, ReplayCheck,
    ResponseExpectations, TrustStore,
};
use trustmeta_hosted::RedisReplayCache;

const IDP: &str = "https://idp.example.org/";
const SP: &str = "https://sp.example.org/metadata";
const ACS: &str = "https://sp.example.org/acs";

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn idp_trust() -> IssuerTrust {
    let mut store = TrustStore::from_pem(&read("tests/data/xmldsig-gen/pki/root.pem")).unwrap();
    store
        .add_intermediates_pem(&read("tests/data/xmldsig-gen/pki/intermediate.pem"))
        .unwrap();
    let mut t = IssuerTrust::new();
    t.add(IDP, store);
    t
}

fn verify(cache: &mut RedisReplayCache) -> Result<(), ErrorCode> {
    let xml = read("tests/data/saml/signed/assertion-signed.xml");
    let now = DateTime::parse_rfc3339("2026-06-01T10:01:00Z").unwrap();
    let mut e = ResponseExpectations::new(SP, ACS, now);
    e.request_id = Some("_req-4711");
    verify_response(&xml, &idp_trust(), &Policy::default(), &e, cache)
        .map(drop)
        .map_err(|e| e.code())
}

fn now() -> DateTime {
    DateTime::from_unix(1_700_000_000)
}

#[test]
fn two_workers_accept_a_response_once() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    let mut worker1 = RedisReplayCache::open(&server.url()).unwrap();
    let mut worker2 = RedisReplayCache::open(&server.url()).unwrap();
    assert_eq!(verify(&mut worker1), Ok(()));
    assert_eq!(verify(&mut worker2), Err(ErrorCode::SamlReplay));
    assert_eq!(verify(&mut worker1), Err(ErrorCode::SamlReplay));
    // Another prefix is another relying party's cache.
    let mut other_rp = RedisReplayCache::open(&server.url())
        .unwrap()
        .with_prefix("rp2:");
    assert_eq!(verify(&mut other_rp), Ok(()));
}

#[test]
fn two_caches_share_ids_and_tell_fresh_from_replay() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    let mut a = RedisReplayCache::open(&server.url()).unwrap();
    let mut b = RedisReplayCache::open(&server.url()).unwrap();
    let t = now();
    assert_eq!(
        a.check_and_insert("_x", t.add_seconds(300), t),
        ReplayCheck::Fresh
    );
    assert_eq!(
        b.check_and_insert("_x", t.add_seconds(300), t),
        ReplayCheck::Replay
    );
    assert_eq!(
        b.check_and_insert("_y", t.add_seconds(300), t),
        ReplayCheck::Fresh
    );
    assert_eq!(
        a.check_and_insert("_y", t.add_seconds(300), t),
        ReplayCheck::Replay
    );
    assert!(a.ping().is_ok());
}

#[test]
fn an_id_is_forgotten_when_it_expires() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    let mut a = RedisReplayCache::open(&server.url()).unwrap();
    let mut b = RedisReplayCache::open(&server.url()).unwrap();
    let t = now();
    let soon = DateTime::from_unix_nanos(t.unix_seconds(), 300_000_000);
    assert_eq!(a.check_and_insert("_short", soon, t), ReplayCheck::Fresh);
    assert_eq!(b.check_and_insert("_short", soon, t), ReplayCheck::Replay);
    std::thread::sleep(Duration::from_millis(600));
    // Its 300 ms have passed: the ID may be recorded again (the assertion itself is
    // expired by then, which verification refuses before asking the cache).
    assert_eq!(
        b.check_and_insert("_short", t.add_seconds(300), t),
        ReplayCheck::Fresh
    );
    // An ID whose expiry is already past is still tested against a live entry.
    assert_eq!(
        a.check_and_insert("_short", t.add_seconds(-1), t),
        ReplayCheck::Replay
    );
    assert_eq!(
        a.check_and_insert("_old", t.add_seconds(-1), t),
        ReplayCheck::Fresh
    );
}

#[test]
fn a_stopped_server_refuses_and_a_restarted_one_is_used_again() {
    let Some(mut server) = RedisServer::start() else {
        return;
    };
    let mut worker1 = RedisReplayCache::open(&server.url())
        .unwrap()
        .with_timeouts(Duration::from_millis(500), Duration::from_millis(500));
    let mut worker2 = RedisReplayCache::open(&server.url()).unwrap();
    let t = now();
    assert_eq!(
        worker1.check_and_insert("_before", t.add_seconds(300), t),
        ReplayCheck::Fresh
    );

    server.stop();
    // Both the cache that held a connection and one that never connected refuse.
    for cache in [&mut worker1, &mut worker2] {
        match cache.check_and_insert("_during", t.add_seconds(300), t) {
            ReplayCheck::Unavailable { reason } => {
                assert!(
                    reason.contains(&format!("127.0.0.1:{}", server.port)),
                    "{reason}"
                )
            }
            other => panic!("a stopped server must not answer {other:?}"),
        }
        assert_eq!(verify(cache), Err(ErrorCode::SamlReplayCacheUnavailable));
    }
    assert!(worker1.ping().is_err());

    server.restart();
    // The same objects work again; the server kept nothing (no persistence), so the
    // response is accepted once more, and once only.
    assert!(worker1.ping().is_ok());
    assert_eq!(verify(&mut worker1), Ok(()));
    assert_eq!(verify(&mut worker2), Err(ErrorCode::SamlReplay));
    assert_eq!(
        worker2.check_and_insert("_after", t.add_seconds(300), t),
        ReplayCheck::Fresh
    );
    assert_eq!(
        worker1.check_and_insert("_after", t.add_seconds(300), t),
        ReplayCheck::Replay
    );
}
