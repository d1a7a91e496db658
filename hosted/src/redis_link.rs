//! One connection to a Redis or Valkey server, made on first use and made again after
//! any failure, with short timeouts: what the replay cache and the record cache share.

use core::fmt;
use core::time::Duration;

use sha2::{Digest, Sha256};

/// A cache URL that cannot be used: not `redis://`, `valkey://` or `redis+unix://` (TLS,
/// `rediss://`, is not built in), or not a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidCacheUrl {
    what: &'static str,
    reason: String,
}

impl fmt::Display for InvalidCacheUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not a usable {} URL ({}); give redis://HOST[:PORT][/DB], valkey://… or redis+unix:///PATH",
            self.what, self.reason
        )
    }
}

impl core::error::Error for InvalidCacheUrl {}

/// Whether `text` names a Redis or Valkey server rather than a folder.
pub fn is_redis_url(text: &str) -> bool {
    text.split_once("://").is_some_and(|(scheme, _)| {
        matches!(
            scheme,
            "redis" | "rediss" | "valkey" | "valkeys" | "redis+unix" | "valkey+unix" | "unix"
        )
    })
}

pub(crate) struct Link {
    client: redis::Client,
    conn: Option<redis::Connection>,
    connect_timeout: Duration,
    io_timeout: Duration,
}

impl Link {
    /// `what` names the cache in errors ("replay-cache", "record-cache").
    pub(crate) fn open(url: &str, what: &'static str) -> Result<Self, InvalidCacheUrl> {
        let scheme = url.split_once("://").map(|(s, _)| s);
        if !matches!(
            scheme,
            Some("redis" | "valkey" | "redis+unix" | "valkey+unix" | "unix")
        ) {
            return Err(InvalidCacheUrl {
                what,
                reason: match scheme {
                    Some("rediss" | "valkeys") => "TLS is not built in".into(),
                    Some(s) => format!("unknown scheme {s:?}"),
                    None => "no scheme".into(),
                },
            });
        }
        let client = redis::Client::open(url).map_err(|e| InvalidCacheUrl {
            what,
            reason: e.to_string(),
        })?;
        Ok(Link {
            client,
            conn: None,
            connect_timeout: Duration::from_secs(1),
            io_timeout: Duration::from_secs(1),
        })
    }

    pub(crate) fn set_timeouts(&mut self, connect: Duration, io: Duration) {
        self.connect_timeout = connect;
        self.io_timeout = io;
        self.conn = None;
    }

    pub(crate) fn is_connected(&self) -> bool {
        self.conn.is_some()
    }

    /// Where the server is (`host:port` or the socket path), for messages: never the
    /// password.
    pub(crate) fn server(&self) -> String {
        self.client.get_connection_info().addr().to_string()
    }

    pub(crate) fn ping(&mut self) -> Result<(), String> {
        self.with_connection(|c| redis::cmd("PING").query::<String>(c).map(drop))
            .map_err(|e| e.to_string())
    }

    /// Runs `f` on the connection, connecting first if there is none. On failure the
    /// connection is dropped: the next use connects again (a restarted server). A
    /// connection held from before that fails is replaced at once and `f` tried once
    /// more, since after a restart the old connection fails on its first use.
    pub(crate) fn with_connection<T>(
        &mut self,
        mut f: impl FnMut(&mut redis::Connection) -> redis::RedisResult<T>,
    ) -> redis::RedisResult<T> {
        let reused = self.conn.is_some();
        match self.attempt(&mut f) {
            Ok(v) => Ok(v),
            Err(_) if reused => self.attempt(&mut f),
            Err(e) => Err(e),
        }
    }

    fn attempt<T>(
        &mut self,
        f: &mut impl FnMut(&mut redis::Connection) -> redis::RedisResult<T>,
    ) -> redis::RedisResult<T> {
        let conn = match self.conn.take() {
            Some(c) => c,
            None => self.connect()?,
        };
        let conn = self.conn.insert(conn);
        let r = f(conn);
        if r.is_err() {
            self.conn = None;
        }
        r
    }

    fn connect(&self) -> redis::RedisResult<redis::Connection> {
        let conn = self
            .client
            .get_connection_with_timeout(self.connect_timeout)?;
        conn.set_read_timeout(Some(self.io_timeout))?;
        conn.set_write_timeout(Some(self.io_timeout))?;
        Ok(conn)
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `prefix` and the hex SHA-256 of `text`: one short key whatever `text` holds.
pub(crate) fn hashed_key(prefix: &str, text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut key = String::with_capacity(prefix.len() + 64);
    key.push_str(prefix);
    for b in digest {
        key.push(char::from(HEX[usize::from(b >> 4)]));
        key.push(char::from(HEX[usize::from(b & 15)]));
    }
    key
}
