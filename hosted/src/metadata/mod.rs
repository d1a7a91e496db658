//! Metadata refresh: a state directory holding the last verified copy of a metadata
//! aggregate, replaced only by a newer copy that verifies, and an entity index that
//! answers lookups (an entity, an issuer's signing keys) without reading the aggregate.
//!
//! The directory holds:
//! - `metadata.xml`: the verified copy, byte for byte as fetched;
//! - `metadata.previous.xml`: the copy it replaced;
//! - `index.tsv`: one line per entity (see [`index`]), written while the copy was
//!   verified, so memory stays flat whatever the number of entities;
//! - `state.json`: the summary, the HTTP validators, the fetch and verify times and the
//!   SHA-256 of `metadata.xml`.
//!
//! A download goes to a new file in the directory and is verified by the streaming
//! verifier as it arrives; only then is it renamed over `metadata.xml` (the old one
//! hard-linked to `metadata.previous.xml` first), so `metadata.xml` always names a
//! verified copy. Every file is written through [`crate::safe_write`].
//!
//! ```no_run
//! use trustmeta::{MetadataProfile, Policy, TrustStore};
//! use trustmeta_hosted::metadata::{MetadataSource, RefreshOptions};
//! let signer = TrustStore::from_pem(&std::fs::read("federation-signer.pem")?)?;
//! let source = MetadataSource::new(
//!     "https://federation.example/metadata.xml",
//!     "/var/lib/trustmeta/federation",
//!     signer,
//!     Policy::default(),
//!     MetadataProfile::Generic,
//! );
//! source.refresh(&RefreshOptions::default())?;
//! let index = source.index()?;
//! let trust = index.issuer_trust(&["https://idp.example.org/"], "IDPSSODescriptor")?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod index;

use core::fmt;
use core::time::Duration;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use trustmeta::{
    DateTime, Error, MetadataProfile, MetadataStreamVerifier, Policy, TrustStore, VerifiedMetadata,
};
use trustmeta_table::Describe;

use crate::safe_write;
pub use index::{EntityIndex, IndexEntry};

/// The verified copy.
pub const CURRENT: &str = "metadata.xml";
/// The copy the current one replaced.
pub const PREVIOUS: &str = "metadata.previous.xml";
/// The summary and HTTP validators.
pub const STATE: &str = "state.json";
/// The entity index.
pub const INDEX: &str = "index.tsv";

/// What a state directory could not give.
#[derive(Debug)]
#[non_exhaustive]
pub enum StateError {
    /// No verified copy is held yet, or its files cannot be opened.
    NoCopy(String),
    /// The index does not match the copy held (another file put in its place), or the
    /// copy no longer has the bytes the index locates: refresh with `force`.
    Stale(String),
    /// Two entities of the copy carry the entityID asked for: which one counts would be
    /// a guess.
    Ambiguous(String),
    /// Reading or writing a file failed.
    Io(String),
    /// The document given to select issuers by is not one.
    Document(Error),
}

impl StateError {
    fn io(path: &Path, e: &io::Error) -> Self {
        StateError::Io(format!("{}: {e}", path.display()))
    }

    /// The stable code: `metadata.not_held` for a missing or stale copy,
    /// `metadata.malformed` for an ambiguous entityID, the document's own code, or
    /// `usage` for I/O.
    pub fn code(&self) -> &'static str {
        match self {
            StateError::NoCopy(_) | StateError::Stale(_) => "metadata.not_held",
            StateError::Ambiguous(_) => "metadata.malformed",
            StateError::Document(e) => e.code().as_str(),
            StateError::Io(_) => "usage",
        }
    }
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateError::NoCopy(m) => write!(f, "{m} (refresh the metadata first)"),
            StateError::Stale(m) => write!(f, "{m}; refresh the metadata with force"),
            StateError::Ambiguous(id) => write!(
                f,
                "the entityID {id:?} is carried by more than one entity of the aggregate; refusing to guess"
            ),
            StateError::Io(m) => f.write_str(m),
            StateError::Document(e) => write!(f, "{e}"),
        }
    }
}

impl core::error::Error for StateError {}

/// How to refresh.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RefreshOptions {
    /// Accept a copy that is not newer (a lower or equal eToegang sequence number, an
    /// older creationInstant, another environment), and fetch unconditionally.
    pub force: bool,
    /// Verify as of this time instead of now.
    pub at: Option<DateTime>,
    /// Give up on a download after this long.
    pub timeout: Duration,
    /// Refuse an aggregate larger than this many bytes.
    pub max_bytes: u64,
}

impl Default for RefreshOptions {
    fn default() -> Self {
        RefreshOptions {
            force: false,
            at: None,
            timeout: Duration::from_secs(300),
            max_bytes: 512 << 20,
        }
    }
}

/// How a refresh that kept a verified copy ended.
#[derive(Debug)]
pub enum Refreshed {
    /// A newer copy verified and replaced the one held.
    Updated {
        /// The verified copy's summary (its entities are in the index, not here).
        metadata: Box<VerifiedMetadata>,
        /// The SHA-256 of the bytes installed, in hex.
        sha256: String,
    },
    /// The source had nothing newer: an HTTP 304, or the very bytes held.
    Unchanged {
        /// Which of the two.
        reason: String,
    },
}

/// Why a refresh installed nothing. The copy held before stays, and still verifies.
#[derive(Debug)]
#[non_exhaustive]
pub enum RefreshError {
    /// The copy fetched did not verify (its own code).
    Rejected(Error),
    /// The copy verified but is not newer than the one held (`refresh.not_newer`).
    NotNewer(String),
    /// The source could not be read: the network, an HTTP status, a missing file, a
    /// body over the size limit (`lookup.http_failure`).
    Fetch(String),
    /// The state directory could not be written (`usage`).
    State(String),
}

impl RefreshError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            RefreshError::Rejected(e) => e.code().as_str(),
            RefreshError::NotNewer(_) => "refresh.not_newer",
            RefreshError::Fetch(_) => "lookup.http_failure",
            RefreshError::State(_) => "usage",
        }
    }
}

impl fmt::Display for RefreshError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefreshError::Rejected(e) => write!(f, "{e}"),
            RefreshError::NotNewer(m) | RefreshError::Fetch(m) | RefreshError::State(m) => {
                f.write_str(m)
            }
        }
    }
}

impl core::error::Error for RefreshError {}

/// A metadata aggregate published at a URL (or a local file), kept verified in a state
/// directory.
#[derive(Clone, Debug)]
pub struct MetadataSource {
    source: String,
    dir: PathBuf,
    store: TrustStore,
    policy: Policy,
    profile: MetadataProfile,
}

impl MetadataSource {
    /// The aggregate at `source` (`http://`, `https://` or a file path), signed by a key
    /// of `store`, kept in `state_dir` (created when missing).
    pub fn new(
        source: impl Into<String>,
        state_dir: impl Into<PathBuf>,
        store: TrustStore,
        policy: Policy,
        profile: MetadataProfile,
    ) -> Self {
        MetadataSource {
            source: source.into(),
            dir: state_dir.into(),
            store,
            policy,
            profile,
        }
    }

    /// Where the aggregate is published.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The state directory.
    pub fn state_dir(&self) -> &Path {
        &self.dir
    }

    /// What `state.json` says about the copy held, when there is one.
    pub fn state(&self) -> Option<Value> {
        read_state(&self.dir).filter(|_| self.dir.join(CURRENT).is_file())
    }

    /// Opens the entity index of the copy held.
    ///
    /// # Errors
    /// As [`EntityIndex::open`].
    pub fn index(&self) -> Result<EntityIndex, StateError> {
        EntityIndex::open(&self.dir)
    }

    /// Fetches the aggregate (conditionally, with the validators of the copy held),
    /// verifies it as it arrives and installs it when it is newer.
    ///
    /// # Errors
    /// [`RefreshError`]; the copy held before stays in every case.
    pub fn refresh(&self, options: &RefreshOptions) -> Result<Refreshed, RefreshError> {
        self.refresh_with_progress(options, &mut |_, _| {})
    }

    /// [`MetadataSource::refresh`], calling `progress(bytes so far, total if known)` as
    /// the download goes.
    ///
    /// # Errors
    /// As [`MetadataSource::refresh`].
    pub fn refresh_with_progress(
        &self,
        options: &RefreshOptions,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<Refreshed, RefreshError> {
        let dir = &self.dir;
        let state_err = |e: io::Error| RefreshError::State(format!("{}: {e}", dir.display()));
        fs::create_dir_all(dir).map_err(state_err)?;
        // One refresh at a time per directory, across processes: two installing at once
        // could leave one's index beside the other's copy.
        let _lock = lock(dir).map_err(state_err)?;
        let now = options.at.unwrap_or_else(wall_clock);
        let old = self.state();
        let old_str = |k: &str| {
            old.as_ref()
                .and_then(|s| s.get(k))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let fetched_at = wall_clock();
        // Removed when dropped, unless installed.
        let mut tmp = safe_write::create_beside(&dir.join(CURRENT)).map_err(state_err)?;
        let mut index = index::IndexWriter::new(dir).map_err(state_err)?;
        let verifier = MetadataStreamVerifier::new(&self.store, &self.policy, now, self.profile);
        let a = &self.source;
        let is_url = a.starts_with("http://") || a.starts_with("https://");
        let mut sink = Sink {
            out: tmp.as_file_mut(),
            index: &mut index,
            progress,
        };
        let (fetched, etag, last_modified) = if is_url {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .timeout_global(Some(options.timeout))
                .http_status_as_error(false)
                .max_redirects(3)
                .user_agent(concat!("trustmeta/", env!("CARGO_PKG_VERSION")))
                .build()
                .into();
            let mut req = agent.get(a);
            if !options.force {
                if let Some(e) = old_str("etag") {
                    req = req.header("If-None-Match", e);
                }
                if let Some(m) = old_str("last_modified") {
                    req = req.header("If-Modified-Since", m);
                }
            }
            let mut resp = req
                .call()
                .map_err(|e| RefreshError::Fetch(format!("fetching {a}: {e}")))?;
            match resp.status().as_u16() {
                304 => {
                    let mut st = old.clone().unwrap_or_else(|| json!({}));
                    st["fetched_at"] = json!(fetched_at.to_string());
                    write_state(dir, &st)?;
                    return Ok(Refreshed::Unchanged {
                        reason: "the server answered 304 Not Modified".to_string(),
                    });
                }
                200 => {
                    let header = |n: &str| {
                        resp.headers()
                            .get(n)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    };
                    let (etag, last_modified) = (header("etag"), header("last-modified"));
                    let total = resp.body().content_length();
                    let mut body = resp
                        .body_mut()
                        .with_config()
                        .limit(options.max_bytes)
                        .reader();
                    let got = sink.pump(&mut body, total, verifier, a, options.max_bytes)?;
                    (got, etag, last_modified)
                }
                s => {
                    return Err(RefreshError::Fetch(format!(
                        "fetching {a}: HTTP status {s}"
                    )))
                }
            }
        } else {
            let src = PathBuf::from(a);
            let mut f = File::open(&src)
                .map_err(|e| RefreshError::Fetch(format!("{}: {e}", src.display())))?;
            let total = f.metadata().ok().map(|m| m.len());
            let got = sink.pump(&mut f, total, verifier, a, options.max_bytes)?;
            (got, None, None)
        };
        let Pumped {
            result,
            sha256,
            size,
        } = fetched;
        let v = result.map_err(RefreshError::Rejected)?;
        let s = &v.summary;
        let old_summary = old.as_ref().and_then(|o| o.get("summary"));
        let old_seq = old_summary
            .and_then(|o| o.pointer("/etoegang/sequence"))
            .and_then(Value::as_u64);
        let old_env = old_summary
            .and_then(|o| o.pointer("/etoegang/environment"))
            .and_then(Value::as_str);
        let old_created = old_summary
            .and_then(|o| o.get("creation_instant"))
            .and_then(Value::as_str)
            .and_then(|t| DateTime::parse_rfc3339(t).ok());
        let same = old_str("sha256").as_deref() == Some(sha256.as_str());
        if !same && !options.force {
            if let (Some(e), Some(n)) = (old_env, &s.etoegang) {
                if e != n.environment.to_string() {
                    return Err(RefreshError::NotNewer(format!(
                        "the new copy is for environment {} and the one held for {e}",
                        n.environment
                    )));
                }
                if let Some(o) = old_seq.filter(|&o| n.sequence <= o) {
                    return Err(RefreshError::NotNewer(format!(
                        "the new copy's sequence number {} is not above the held copy's {o}",
                        n.sequence
                    )));
                }
            }
            if let (Some(o), Some(n)) = (old_created, s.creation_instant) {
                if n < o {
                    return Err(RefreshError::NotNewer(format!(
                        "the new copy was created at {n}, before the held copy ({o})"
                    )));
                }
            }
        }
        if same && !options.force {
            let mut st = old.clone().unwrap_or_else(|| json!({}));
            st["fetched_at"] = json!(fetched_at.to_string());
            st["verified_at"] = json!(now.to_string());
            if etag.is_some() || last_modified.is_some() {
                st["etag"] = json!(etag);
                st["last_modified"] = json!(last_modified);
            }
            write_state(dir, &st)?;
            return Ok(Refreshed::Unchanged {
                reason: "the copy fetched is identical to the one held".to_string(),
            });
        }
        let state = json!({
            "source": a,
            "etag": etag,
            "last_modified": last_modified,
            "fetched_at": fetched_at.to_string(),
            "verified_at": now.to_string(),
            "sha256": sha256,
            "size": size,
            "summary": summary_json(&v),
        });
        install(dir, tmp, index, &state, &sha256, v.root_tag.clone())?;
        Ok(Refreshed::Updated {
            metadata: Box::new(v),
            sha256,
        })
    }
}

/// The verified record's JSON, as the command-line tool prints it.
pub fn summary_json(v: &VerifiedMetadata) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("valid".into(), Value::Bool(true));
    m.insert("error".into(), Value::Null);
    if let Value::Object(fields) = trustmeta_table::to_json(&v.value()) {
        m.extend(fields);
    }
    Value::Object(m)
}

fn wall_clock() -> DateTime {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    DateTime::from_unix(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// What `state.json` says, when it exists and parses.
pub(crate) fn read_state(dir: &Path) -> Option<Value> {
    let text = fs::read(dir.join(STATE)).ok()?;
    serde_json::from_slice(&text).ok()
}

fn write_state(dir: &Path, v: &Value) -> Result<(), RefreshError> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    let path = dir.join(STATE);
    safe_write::write(&path, &out)
        .map_err(|e| RefreshError::State(format!("{}: {e}", path.display())))
}

struct Pumped {
    result: Result<VerifiedMetadata, Error>,
    sha256: String,
    size: u64,
}

/// Where the bytes of a download go: the new copy's file, the verifier, the index.
struct Sink<'a> {
    out: &'a mut File,
    index: &'a mut index::IndexWriter,
    progress: &'a mut dyn FnMut(u64, Option<u64>),
}

impl Sink<'_> {
    /// Copies `body` into the new copy while feeding the streaming verifier, hashing,
    /// and writing out the entities the verifier completes. A read or write failure is
    /// a [`RefreshError`]; a refusal is the verifier's result.
    fn pump(
        &mut self,
        body: &mut dyn Read,
        total: Option<u64>,
        v: MetadataStreamVerifier<'_>,
        what: &str,
        max_bytes: u64,
    ) -> Result<Pumped, RefreshError> {
        let mut v = v.with_index().hash_with(&crate::hash_thread::start);
        let mut hash = Sha256::new();
        let mut size = 0u64;
        let mut buf = vec![0u8; 256 * 1024];
        let write_err = |e: io::Error| RefreshError::State(format!("writing the download: {e}"));
        loop {
            let n = body
                .read(&mut buf)
                .map_err(|e| RefreshError::Fetch(format!("reading {what}: {e}")))?;
            if n == 0 {
                break;
            }
            size += n as u64;
            (self.progress)(size, total);
            if size > max_bytes {
                return Err(RefreshError::Fetch(format!(
                    "{what} is larger than the limit of {max_bytes} bytes"
                )));
            }
            hash.update(&buf[..n]);
            self.out.write_all(&buf[..n]).map_err(write_err)?;
            if let Err(e) = v.feed(&buf[..n]) {
                // Refused: stop reading, the copy cannot be used.
                return Ok(Pumped {
                    result: Err(e),
                    sha256: hex(&hash.finalize()),
                    size,
                });
            }
            for e in v.drain_index() {
                self.index.push(&e).map_err(write_err)?;
            }
        }
        let result = match v.finish_with_index() {
            Ok((md, rest)) => {
                // The last entities go the way of the others: a failed write is the
                // state directory's, not the copy's.
                for e in &rest {
                    self.index.push(e).map_err(write_err)?;
                }
                Ok(md)
            }
            Err(e) => Err(e),
        };
        Ok(Pumped {
            result,
            sha256: hex(&hash.finalize()),
            size,
        })
    }
}

/// Holds an exclusive `flock` on `dir/.lock` until dropped. The file is never opened
/// through a link planted in its place (it would be created wherever the link points):
/// such a link is removed and the file made anew.
fn lock(dir: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let path = dir.join(".lock");
    let flags = OFlags::CREATE | OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = match rustix::fs::open(&path, flags, Mode::from_raw_mode(0o600)) {
        Err(rustix::io::Errno::LOOP) => {
            fs::remove_file(&path)?;
            rustix::fs::open(&path, flags | OFlags::EXCL, Mode::from_raw_mode(0o600))?
        }
        other => other?,
    };
    let f = File::from(fd);
    rustix::fs::flock(&f, rustix::fs::FlockOperation::LockExclusive)?;
    Ok(f)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Replaces the verified copy: the old copy linked to `metadata.previous.xml`, the new
/// one renamed over `metadata.xml`, then the index and the state.
fn install(
    dir: &Path,
    tmp: tempfile::NamedTempFile,
    index: index::IndexWriter,
    state: &Value,
    sha256: &str,
    root_tag: core::ops::Range<u64>,
) -> Result<(), RefreshError> {
    let err = |p: &Path| {
        let p = p.to_path_buf();
        move |e: io::Error| RefreshError::State(format!("{}: {e}", p.display()))
    };
    let current = dir.join(CURRENT);
    if current.is_file() {
        safe_write::link_or_copy(&current, &dir.join(PREVIOUS)).map_err(err(&current))?;
    }
    // The stamp of the very file installed (a rename keeps size and mtime).
    tmp.as_file().sync_all().map_err(err(&current))?;
    let stamp = index::stamp_of(&tmp.as_file().metadata().map_err(err(&current))?);
    safe_write::commit(tmp, &current).map_err(err(&current))?;
    let header = format!(
        "{}\t{stamp}\tsha256={sha256}\troot={}-{}\n",
        index::INDEX_MAGIC,
        root_tag.start,
        root_tag.end
    );
    index.install(dir, &header).map_err(err(&dir.join(INDEX)))?;
    write_state(dir, state)?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
