//! The on-disk cache of fetched SMP records (`--cache DIR`).
//!
//! One file per URL, named by the SHA-256 of the URL: a first line of JSON (URL, ETag,
//! Last-Modified, fetch time, signed-content fingerprint), then the body exactly as
//! fetched. Only records that verified are written, each through
//! [`crate::safe_write`], so a reader (or a crash) never sees half an entry and a link
//! planted in a shared cache folder is never written through. An entry that does not
//! read back is treated as absent.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::safe_write;

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
        let bytes = std::fs::read(self.path(url)).ok()?;
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

    /// Writes `entry` atomically.
    pub fn store(&self, entry: &Entry) -> std::io::Result<()> {
        let meta = json!({
            "url": entry.url,
            "etag": entry.etag,
            "last_modified": entry.last_modified,
            "fetched_at": entry.fetched_at,
            "fingerprint": entry.fingerprint,
        });
        let path = self.path(&entry.url);
        let mut f = safe_write::create_beside(&path)?;
        f.write_all(meta.to_string().as_bytes())?;
        f.write_all(b"\n")?;
        f.write_all(&entry.body)?;
        safe_write::commit(f, &path)
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
