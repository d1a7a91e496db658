//! The SMP record cache on a real redis-server on loopback: two gateway instances share
//! entries; an entry for another URL, or a value that is no entry, reads as absent; a
//! stopped server is an empty cache that cannot be written, and a restarted one is used
//! again. A cached body is only bytes: lookups verify it again at every use.

#[path = "support/redis_server.rs"]
mod redis_server;

use std::sync::Arc;

use redis_server::RedisServer;
use trustmeta_hosted::cache::{Entry, RecordCache, RedisRecordCache};

fn entry(url: &str, body: &[u8]) -> Entry {
    Entry {
        url: url.to_string(),
        etag: Some("\"e1\"".to_string()),
        last_modified: None,
        fetched_at: 1_780_000_000,
        fingerprint: "ab".repeat(32),
        body: body.to_vec(),
    }
}

#[test]
fn two_instances_share_entries_and_a_stopped_server_is_an_empty_cache() {
    let Some(mut server) = RedisServer::start() else {
        return;
    };
    let url = "http://smp.example/iso6523-actorid-upis%3A%3A0088%3A1/services/x";
    let one: Arc<dyn RecordCache> = Arc::new(RedisRecordCache::open(&server.url()).unwrap());
    let two = RedisRecordCache::open(&server.url()).unwrap();
    assert_eq!(one.load(url), None);
    let e = entry(
        url,
        b"<SignedServiceMetadata>\n\xff</SignedServiceMetadata>",
    );
    one.store(&e).unwrap();
    assert_eq!(two.load(url), Some(e.clone()));
    assert_eq!(two.load("http://smp.example/other"), None);

    // A value that is not an entry, or one stored for another URL under this key,
    // reads as absent.
    let mut conn = redis::Client::open(server.url())
        .unwrap()
        .get_connection()
        .unwrap();
    redis::cmd("SET")
        .arg(two.key(url))
        .arg("not json\nbody")
        .query::<()>(&mut conn)
        .unwrap();
    assert_eq!(one.load(url), None);
    redis::cmd("SET")
        .arg(two.key(url))
        .arg("{\"url\":\"http://smp.example/elsewhere\",\"fetched_at\":1,\"fingerprint\":\"f\"}\n<x/>")
        .query::<()>(&mut conn)
        .unwrap();
    assert_eq!(one.load(url), None);
    // Entries expire: kept for `keeping` after the last write.
    let ttl: i64 = {
        two.store(&e).unwrap();
        redis::cmd("PTTL")
            .arg(two.key(url))
            .query(&mut conn)
            .unwrap()
    };
    assert!(ttl > 29 * 24 * 3600 * 1000, "{ttl}");

    server.stop();
    assert_eq!(one.load(url), None);
    let err = one.store(&e).unwrap_err();
    assert!(err.contains(&format!("127.0.0.1:{}", server.port)), "{err}");
    server.restart();
    // The server kept nothing (no persistence); the same objects write and read again.
    assert_eq!(one.load(url), None);
    one.store(&e).unwrap();
    assert_eq!(two.load(url), Some(e));
}

#[test]
fn only_redis_and_valkey_urls_are_taken() {
    let e = RedisRecordCache::open("rediss://127.0.0.1").unwrap_err();
    assert!(
        e.to_string()
            .contains("not a usable record-cache URL (TLS is not built in)"),
        "{e}"
    );
    assert!(trustmeta_hosted::is_redis_url("redis://127.0.0.1:6379/0"));
    assert!(trustmeta_hosted::is_redis_url("valkey+unix:///run/v.sock"));
    assert!(!trustmeta_hosted::is_redis_url("/var/cache/trustmeta-smp"));
    assert!(!trustmeta_hosted::is_redis_url("http://x/"));
}
