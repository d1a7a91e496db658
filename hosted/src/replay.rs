//! A SAML assertion-ID replay cache on a Redis or Valkey server, shared by every worker
//! of a relying party.
//!
//! Behind a load balancer, each worker's in-memory cache knows only the responses that
//! worker saw: a response one accepted would be accepted again by another. Here each
//! assertion ID is one key, written with `SET key 1 NX PX ttl` — test and record in one
//! atomic step on the server — so the first worker to present an ID wins and every
//! later one, in any process, is told it is a replay.
//!
//! It fails closed: when the server cannot be reached or does not answer within the
//! timeout, the check says [`ReplayCheck::Unavailable`] and verification refuses the
//! response (`saml.replay_cache_unavailable`). The connection is made on first use and
//! made again after any failure, so a restarted server is used again without
//! restarting the process.

use core::fmt;
use core::time::Duration;

use trustmeta::{DateTime, ReplayCache, ReplayCheck};

pub use crate::redis_link::InvalidCacheUrl;
use crate::redis_link::{hashed_key, Link};

/// The longest a key is kept: ten years. Redis refuses expiry times that overflow, and
/// no assertion is valid for that long.
const MAX_TTL_MS: i128 = 10 * 365 * 24 * 3600 * 1000;

/// A [`ReplayCache`] on a Redis or Valkey server: share one server between every worker
/// of a relying party, and a response is accepted once across all of them.
///
/// Each assertion ID is the key `<prefix><hex SHA-256 of the ID>` (the prefix is
/// `trustmeta:replay:` unless [`with_prefix`](Self::with_prefix) says otherwise): hashed,
/// so that an ID of any length or content makes one short key. It lives until the
/// assertion's expiry plus the allowed skew, computed from the caller's `now` (so a
/// verification at a given time, `--at`, behaves as it would have then, and the
/// server's clock does not matter).
///
/// Give the server `maxmemory-policy noeviction` (the default): an evicted key is a
/// replay accepted, while a full server answers an error, which refuses the response.
/// Without persistence (RDB or AOF), a restarted server forgets the IDs it held.
///
/// The server is reached with short timeouts (1 s to connect, 1 s for each answer, by
/// default; [`with_timeouts`](Self::with_timeouts)): a check that fails says
/// [`ReplayCheck::Unavailable`], never [`ReplayCheck::Fresh`].
///
/// ```no_run
/// use trustmeta::{DateTime, ReplayCache, ReplayCheck};
/// use trustmeta_hosted::RedisReplayCache;
///
/// let mut cache = RedisReplayCache::open("redis://127.0.0.1:6379/0")?;
/// let now = DateTime::from_unix(1_700_000_000);
/// assert_eq!(cache.check_and_insert("_a1", now.add_seconds(300), now), ReplayCheck::Fresh);
/// // Another worker, with its own cache on the same server:
/// let mut other = RedisReplayCache::open("redis://127.0.0.1:6379/0")?;
/// assert_eq!(other.check_and_insert("_a1", now.add_seconds(300), now), ReplayCheck::Replay);
/// # Ok::<(), trustmeta_hosted::InvalidCacheUrl>(())
/// ```
pub struct RedisReplayCache {
    link: Link,
    prefix: String,
}

impl RedisReplayCache {
    /// A cache on the server at `url`: `redis://[USER][:PASSWORD@]HOST[:PORT][/DB]`,
    /// `valkey://…`, or `redis+unix:///PATH[?db=N]`. Nothing is connected yet: the first
    /// check connects, so a worker may start while the server is down (its checks are
    /// then refused until the server is back).
    ///
    /// # Errors
    /// [`InvalidCacheUrl`] when `url` is not such a URL.
    pub fn open(url: &str) -> Result<Self, InvalidCacheUrl> {
        Ok(RedisReplayCache {
            link: Link::open(url, "replay-cache")?,
            prefix: "trustmeta:replay:".into(),
        })
    }

    /// The key prefix, for several relying parties on one server that must not share
    /// their IDs. Default: `trustmeta:replay:`.
    #[must_use]
    pub fn with_prefix(mut self, prefix: &str) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// How long to wait for a connection, and for each answer. Default: 1 s each; a
    /// check that waits longer is refused, so keep them well under the users' patience.
    #[must_use]
    pub fn with_timeouts(mut self, connect: Duration, io: Duration) -> Self {
        self.link.set_timeouts(connect, io);
        self
    }

    /// The key an assertion ID is recorded under.
    pub fn key(&self, id: &str) -> String {
        hashed_key(&self.prefix, id)
    }

    /// Where the server is (`host:port` or the socket path), for messages: never the
    /// password.
    pub fn server(&self) -> String {
        self.link.server()
    }

    /// Whether the server answers now (`PING`), for a health check.
    ///
    /// # Errors
    /// Why it does not, in the client's words.
    pub fn ping(&mut self) -> Result<(), String> {
        self.link.ping()
    }
}

/// Milliseconds from `now` until `expires`, at least 1 (an ID already expired is still
/// tested against a live entry, then forgotten at once, as the in-memory cache does) and
/// at most [`MAX_TTL_MS`].
fn ttl_ms(expires: DateTime, now: DateTime) -> u64 {
    let ms = |t: DateTime| {
        i128::from(t.unix_seconds()) * 1000 + i128::from(t.subsec_nanos() / 1_000_000)
    };
    let ttl = (ms(expires) - ms(now)).clamp(1, MAX_TTL_MS);
    u64::try_from(ttl).unwrap_or(1)
}

impl ReplayCache for RedisReplayCache {
    fn check_and_insert(&mut self, id: &str, expires: DateTime, now: DateTime) -> ReplayCheck {
        let key = self.key(id);
        let ttl = ttl_ms(expires, now);
        let set = self.link.with_connection(|c| {
            redis::cmd("SET")
                .arg(&key)
                .arg(1)
                .arg("NX")
                .arg("PX")
                .arg(ttl)
                .query::<Option<String>>(c)
        });
        match set {
            Ok(Some(_)) => ReplayCheck::Fresh,
            Ok(None) => ReplayCheck::Replay,
            Err(e) => ReplayCheck::Unavailable {
                reason: format!("Redis at {}: {e}", self.server()),
            },
        }
    }
}

impl fmt::Debug for RedisReplayCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisReplayCache")
            .field("server", &self.server())
            .field("prefix", &self.prefix)
            .field("connected", &self.link.is_connected())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_prefix_and_the_ids_sha256() {
        let c = RedisReplayCache::open("redis://127.0.0.1:1/0").unwrap();
        // printf %s _a1 | sha256sum
        assert_eq!(
            c.key("_a1"),
            "trustmeta:replay:7767c65d3f738eda8e8dbb7937947828bbc078bed149b2319bcb67700471eede"
        );
        let c = c.with_prefix("rp1:");
        assert!(c.key("x").starts_with("rp1:"));
        assert_eq!(c.key("x").len(), 4 + 64);
    }

    #[test]
    fn ttl_counts_from_the_callers_now() {
        let now = DateTime::from_unix(1_700_000_000);
        assert_eq!(ttl_ms(now.add_seconds(300), now), 300_000);
        assert_eq!(ttl_ms(now, now), 1);
        assert_eq!(ttl_ms(now.add_seconds(-5), now), 1);
        assert_eq!(
            ttl_ms(DateTime::from_unix_nanos(1_700_000_000, 250_000_000), now),
            250
        );
        assert_eq!(
            ttl_ms(DateTime::from_unix(i64::MAX / 2), now),
            315_360_000_000
        );
    }

    #[test]
    fn only_plain_redis_and_valkey_urls_are_taken() {
        for ok in [
            "redis://127.0.0.1:6379/0",
            "redis://:secret@cache.internal/2",
            "valkey://127.0.0.1",
            "redis+unix:///run/redis.sock",
        ] {
            assert!(RedisReplayCache::open(ok).is_ok(), "{ok}");
        }
        for bad in ["memory", "http://x/", "rediss://127.0.0.1", "redis://[::1"] {
            let e = RedisReplayCache::open(bad).unwrap_err();
            assert!(
                e.to_string().contains("not a usable replay-cache URL"),
                "{e}"
            );
        }
    }

    #[test]
    fn the_server_is_named_without_its_password() {
        let c = RedisReplayCache::open("redis://:hunter2@127.0.0.1:6390/0").unwrap();
        assert_eq!(c.server(), "127.0.0.1:6390");
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn an_unreachable_server_fails_closed() {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        let mut c = RedisReplayCache::open("redis://127.0.0.1:1/0").unwrap();
        let now = DateTime::from_unix(1_700_000_000);
        match c.check_and_insert("_a1", now.add_seconds(60), now) {
            ReplayCheck::Unavailable { reason } => {
                assert!(reason.contains("127.0.0.1:1"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        assert!(c.ping().is_err());
    }
}
