//! The cache of fetched SMP records: on disk (`--cache DIR`, [`Cache`]) or on a Redis or
//! Valkey server shared by every instance of a gateway (`--cache redis://…`,
//! [`RedisRecordCache`]), both behind [`RecordCache`].
//!
//! A cached record is only bytes that verified once: every use verifies it again (a
//! certificate or an endpoint may have expired since), so whoever can write the cache
//! can cost a fetch, never make a forged record accepted.
//!
//! On disk, one file per URL, named by the SHA-256 of the URL: a first line of JSON (URL, ETag,
//! Last-Modified, fetch time, signed-content fingerprint), then the body exactly as
//! fetched. Only records that verified are written, each through
//! [`crate::safe_write`], so a reader (or a crash) never sees half an entry and a link
//! planted in a shared cache folder is never written through. An entry that does not
//! read back is treated as absent.

use core::time::Duration;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::redis_link::{hashed_key, InvalidCacheUrl, Link};
use crate::safe_write;

/// Where verified SMP records are kept between lookups. Implementations must be
/// shareable between threads; a failure to read is an absent entry, a failure to write
/// a warning (the next lookup fetches again).
pub trait RecordCache: Send + Sync {
    /// The entry for exactly `url`, if there is a readable one.
    fn load(&self, url: &str) -> Option<Entry>;
    /// Records `entry` (a record that verified), replacing the one for its URL.
    ///
    /// # Errors
    /// Why it could not be written.
    fn store(&self, entry: &Entry) -> Result<(), String>;
}

/// An entry as stored: a first line of JSON, then the body exactly as fetched.
fn encode(entry: &Entry) -> Vec<u8> {
    let meta = json!({
        "url": entry.url,
        "etag": entry.etag,
        "last_modified": entry.last_modified,
        "fetched_at": entry.fetched_at,
        "fingerprint": entry.fingerprint,
    });
    let mut out = meta.to_string().into_bytes();
    out.push(b'\n');
    out.extend_from_slice(&entry.body);
    out
}

/// The entry stored as `bytes`, if it is one, for exactly `url`.
fn decode(url: &str, bytes: &[u8]) -> Option<Entry> {
    let newline = bytes.iter().position(|&b| b == b'\n')?;
    let meta: Value = serde_json::from_slice(&bytes[..newline]).ok()?;
    let text = |k: &str| meta.get(k).and_then(Value::as_str).map(str::to_string);
    let entry = Entry {
        url: text("url")?,
        etag: text("etag"),
        last_modified: text("last_modified"),
        fetched_at: meta.get("fetched_at").and_then(Value::as_u64)?,
        fingerprint: text("fingerprint")?,
        body: bytes[newline + 1..].to_vec(),
    };
    (entry.url == url).then_some(entry)
}

/// One cached record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Seconds since the Unix epoch (wall clock) when the body was fetched or last
    /// revalidated.
    pub fetched_at: u64,
    /// SHA-256 (hex) of the canonical form of the signed element, signature excluded.
    pub fingerprint: String,
    pub body: Vec<u8>,
}

impl Entry {
    /// The entry as the caches store it: a first line of JSON, then the body exactly as
    /// fetched (for a cache of the caller's own that keeps bytes by key).
    pub fn to_bytes(&self) -> Vec<u8> {
        encode(self)
    }

    /// The entry stored as `bytes`, if it is one and is for exactly `url`.
    pub fn from_bytes(url: &str, bytes: &[u8]) -> Option<Entry> {
        decode(url, bytes)
    }
}

pub struct Cache {
    dir: PathBuf,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Cache {
    /// Opens (creating it if needed) the cache directory.
    pub fn open(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(Cache {
            dir: dir.to_path_buf(),
        })
    }

    fn path(&self, url: &str) -> PathBuf {
        self.dir.join(format!("{}.smp", sha256_hex(url.as_bytes())))
    }

    /// The entry for `url`, if there is a readable one for exactly that URL.
    pub fn load(&self, url: &str) -> Option<Entry> {
        decode(url, &std::fs::read(self.path(url)).ok()?)
    }

    /// Writes `entry` atomically.
    pub fn store(&self, entry: &Entry) -> std::io::Result<()> {
        let path = self.path(&entry.url);
        let mut f = safe_write::create_beside(&path)?;
        f.write_all(&encode(entry))?;
        safe_write::commit(f, &path)
    }
}

impl RecordCache for Cache {
    fn load(&self, url: &str) -> Option<Entry> {
        Cache::load(self, url)
    }

    fn store(&self, entry: &Entry) -> Result<(), String> {
        Cache::store(self, entry).map_err(|e| e.to_string())
    }
}

/// SMP records on a Redis or Valkey server, shared by every instance of a gateway: one
/// key per URL, `trustmeta:smp:<hex SHA-256 of the URL>`, holding the entry as the
/// on-disk cache writes it, kept for `keep` (30 days by default) after its last write.
/// A server that cannot be reached is an empty cache that cannot be written: lookups
/// go on fetching.
pub struct RedisRecordCache {
    link: Mutex<Link>,
    prefix: String,
    keep: Duration,
}

impl RedisRecordCache {
    /// A cache on the server at `url` (`redis://HOST[:PORT][/DB]`, `valkey://…`,
    /// `redis+unix:///PATH`); nothing is connected before the first use.
    ///
    /// # Errors
    /// [`InvalidCacheUrl`] when `url` is not such a URL.
    pub fn open(url: &str) -> Result<Self, InvalidCacheUrl> {
        Ok(RedisRecordCache {
            link: Mutex::new(Link::open(url, "record-cache")?),
            prefix: "trustmeta:smp:".into(),
            keep: Duration::from_secs(30 * 24 * 3600),
        })
    }

    /// How long an entry is kept after its last write. Default: 30 days.
    #[must_use]
    pub fn keeping(mut self, keep: Duration) -> Self {
        self.keep = keep.max(Duration::from_secs(1));
        self
    }

    /// Where the server is, for messages (never the password).
    pub fn server(&self) -> String {
        self.link
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .server()
    }

    /// The key an URL's entry is kept under.
    pub fn key(&self, url: &str) -> String {
        hashed_key(&self.prefix, url)
    }
}

impl RecordCache for RedisRecordCache {
    fn load(&self, url: &str) -> Option<Entry> {
        let key = self.key(url);
        let mut link = self.link.lock().unwrap_or_else(PoisonError::into_inner);
        let bytes: Option<Vec<u8>> = link
            .with_connection(|c| redis::cmd("GET").arg(&key).query(c))
            .ok()?;
        decode(url, &bytes?)
    }

    fn store(&self, entry: &Entry) -> Result<(), String> {
        let key = self.key(&entry.url);
        let value = encode(entry);
        let ms = u64::try_from(self.keep.as_millis()).unwrap_or(u64::MAX);
        let mut link = self.link.lock().unwrap_or_else(PoisonError::into_inner);
        link.with_connection(|c| {
            redis::cmd("SET")
                .arg(&key)
                .arg(&value)
                .arg("PX")
                .arg(ms)
                .query::<()>(c)
        })
        .map_err(|e| format!("Redis at {}: {e}", link.server()))
    }
}

impl core::fmt::Debug for RedisRecordCache {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RedisRecordCache")
            .field("server", &self.server())
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_ignores_other_urls_and_junk() {
        let dir = std::env::temp_dir().join(format!("trustmeta-cache-test-{}", std::process::id()));
        let cache = Cache::open(&dir).unwrap();
        let entry = Entry {
            url: "http://smp.example/a%3A%3Ab".to_string(),
            etag: Some("\"x\"".to_string()),
            last_modified: None,
            fetched_at: 1_780_000_000,
            fingerprint: sha256_hex(b"signed"),
            body: b"<a>\n\xff</a>".to_vec(),
        };
        cache.store(&entry).unwrap();
        assert_eq!(cache.load(&entry.url), Some(entry.clone()));
        assert_eq!(cache.load("http://smp.example/other"), None);
        std::fs::write(cache.path(&entry.url), b"not json\nbody").unwrap();
        assert_eq!(cache.load(&entry.url), None);
        let leftovers = std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            })
            .count();
        assert_eq!(leftovers, 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_never_written_through() {
        let dir = std::env::temp_dir().join(format!("trustmeta-cache-link-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cache = Cache::open(&dir).unwrap();
        let victim = dir.join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        let entry = Entry {
            url: "http://smp.example/a%3A%3Ab".to_string(),
            etag: None,
            last_modified: None,
            fetched_at: 1_780_000_000,
            fingerprint: sha256_hex(b"signed"),
            body: b"<a/>".to_vec(),
        };
        // The name this process used to write through, and the entry's own name.
        let path = cache.path(&entry.url);
        let name = path.file_name().unwrap().to_str().unwrap();
        let old_tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &old_tmp).unwrap();
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        cache.store(&entry).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(!std::fs::symlink_metadata(&path).unwrap().is_symlink());
        assert_eq!(cache.load(&entry.url), Some(entry));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
