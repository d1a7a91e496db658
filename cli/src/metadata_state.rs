//! `trustmeta metadata refresh | entity | list`: a state directory holding the last
//! verified copy of a metadata aggregate, replaced only by a newer copy that verifies.
//!
//! The directory holds:
//! - `metadata.xml`: the verified copy, byte for byte as fetched;
//! - `metadata.previous.xml`: the copy it replaced;
//! - `index.tsv`: one line per entity (entityID, group, byte range, roles, the byte ranges
//!   of the enclosing groups' start tags), gathered by the streaming verifier while it
//!   verified the copy, so that `entity` and `list` answer without reading the aggregate;
//! - `state.json`: the summary, the HTTP validators, the fetch and verify times and the
//!   SHA-256 of `metadata.xml`.
//!
//! A download goes to a new file in the directory and is verified by the streaming
//! verifier as it arrives; only then is it renamed over `metadata.xml` (the old one
//! hard-linked to `metadata.previous.xml` first), so `metadata.xml` always names a
//! verified copy. Every file is written through [`trustmeta_hosted::safe_write`].

use core::time::Duration as StdDuration;
use std::fs::{self, File};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Instant, SystemTime};

use clap::Args;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;
use trustmeta::{
    read_indexed_entity, DateTime, Error, EtoegangRole, IndexedEntity, Limits,
    MetadataStreamVerifier, Policy, VerifiedMetadata,
};

use trustmeta_table::{records, Describe};

use crate::metadata::{metadata_store, profile_of, summary_json};
use crate::output::{self, Refusal};
use crate::{now_or, UsageError};
use trustmeta_hosted::safe_write;

const CURRENT: &str = "metadata.xml";
const PREVIOUS: &str = "metadata.previous.xml";
const STATE: &str = "state.json";
const INDEX: &str = "index.tsv";
const INDEX_MAGIC: &str = "# trustmeta metadata index 3";

#[derive(Args)]
pub(crate) struct RefreshArgs {
    /// Where the aggregate is published: an http:// or https:// URL, or a local file.
    #[arg(long, value_name = "URL|FILE")]
    source: String,
    /// The federation's metadata signing certificate (PEM or DER), or a CA that issued
    /// it. Repeatable.
    #[arg(
        long = "trust",
        value_name = "CERT",
        required_unless_present = "trust_key"
    )]
    trust: Vec<PathBuf>,
    /// Trust only the key of this certificate (PEM), ignoring its validity period.
    /// Repeatable.
    #[arg(long = "trust-key", value_name = "CERT")]
    trust_key: Vec<PathBuf>,
    /// The state directory (created when missing).
    #[arg(long, value_name = "DIR")]
    state: PathBuf,
    /// Check the eToegang aggregate profile too.
    #[arg(long, value_name = "PROFILE", default_value = "generic")]
    profile: String,
    /// Accept a copy that is not newer (a lower or equal eToegang sequence number, an
    /// older creationInstant, another environment), and fetch unconditionally.
    #[arg(long)]
    force: bool,
    /// Verify as of this time (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// Accept rsa-sha1 and SHA-1 digests (older federations).
    #[arg(long = "allow-sha1")]
    allow_sha1: bool,
    /// Smallest accepted RSA key, in bits.
    #[arg(long = "min-rsa-bits", value_name = "BITS", default_value_t = 2048)]
    min_rsa_bits: u32,
    /// Give up on a download after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    timeout: u64,
    /// Refuse an aggregate larger than this many bytes, fetched or read from a file
    /// (the largest federations publish about 100 MB).
    #[arg(long = "max-bytes", value_name = "BYTES", default_value_t = 512 << 20)]
    max_bytes: u64,
    /// The exit status when nothing changed (HTTP 304, or the same bytes as the copy
    /// held). Default 0: an unchanged aggregate is a refresh that succeeded, and cron,
    /// systemd timers and monitoring read any other status as a failure. Give 3 (the
    /// status of earlier versions) to tell "unchanged" from "updated" in a script.
    #[arg(
        long = "exit-unchanged",
        value_name = "N",
        default_value_t = 0,
        value_parser = clap::value_parser!(u8).range(0..=125)
    )]
    exit_unchanged: u8,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Args)]
pub(crate) struct EntityArgs {
    /// The entityID, as the parser reads it (`&` rather than `&amp;`).
    entity_id: String,
    /// The state directory written by `metadata refresh`.
    #[arg(long, value_name = "DIR")]
    state: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Args)]
pub(crate) struct ListArgs {
    /// Only entities with this role: a SAML role (idp, sp, aa for attribute authority, pdp)
    /// or an eToegang role (ad, mr, kr, eb, hm, dv). The eToegang roles are the ones an
    /// entity plays when messages are validated, so `ad` and `mr` include the
    /// eIDAS-berichtenservice (eb); the `group` column tells them apart.
    #[arg(long, value_name = "ROLE")]
    role: Option<String>,
    /// The state directory written by `metadata refresh`.
    #[arg(long, value_name = "DIR")]
    state: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(crate) json: bool,
}

fn io_err(what: &Path) -> impl Fn(std::io::Error) -> UsageError + '_ {
    move |e| UsageError(format!("{}: {e}", what.display()))
}

fn wall_clock() -> DateTime {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    DateTime::from_unix(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// What `state.json` says, when it exists and parses.
fn read_state(dir: &Path) -> Option<Value> {
    let text = fs::read(dir.join(STATE)).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Writes `bytes` to `dir/name` (a new file, then a rename).
fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), UsageError> {
    let path = dir.join(name);
    safe_write::write(&path, bytes).map_err(io_err(&path))
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
struct Progress {
    on: bool,
    total: Option<u64>,
    done: u64,
    last: Instant,
}

impl Progress {
    fn new(total: Option<u64>) -> Self {
        Progress {
            on: std::io::stderr().is_terminal(),
            total,
            done: 0,
            last: Instant::now(),
        }
    }

    fn add(&mut self, n: usize) {
        self.done += n as u64;
        if self.on && self.last.elapsed() >= StdDuration::from_millis(100) {
            self.last = Instant::now();
            self.draw();
        }
    }

    fn draw(&self) {
        let mib = self.done as f64 / (1024.0 * 1024.0);
        let line = match self.total {
            Some(t) if t > 0 => {
                let part = (self.done.min(t) * 30 / t) as usize;
                format!(
                    "\r[{}{}] {:5.1} MiB {:3}%",
                    "#".repeat(part),
                    " ".repeat(30 - part),
                    mib,
                    self.done.min(t) * 100 / t
                )
            }
            _ => format!("\r{mib:.1} MiB"),
        };
        eprint!("{line}");
    }

    fn finish(&self) {
        if self.on {
            self.draw();
            eprintln!();
        }
    }
}

/// How a refresh ended.
enum Outcome {
    Updated(Box<VerifiedMetadata>, String),
    Unchanged(String),
    Rejected(String, Option<String>),
}

/// A verified copy and its entities.
type Listed = (VerifiedMetadata, Vec<IndexedEntity>);

/// The result of bringing the source's bytes in.
enum Fetch {
    NotModified,
    Got {
        result: Box<Result<Listed, Error>>,
        sha256: String,
        size: u64,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// Copies `body` into `out` while feeding the streaming verifier and hashing. I/O
/// errors (the network included) are usage errors; a refusal is the verifier's result.
fn pump(
    body: &mut dyn Read,
    out: &mut File,
    v: MetadataStreamVerifier<'_>,
    progress: &mut Progress,
    what: &str,
    max_bytes: u64,
) -> Result<(Result<Listed, Error>, String, u64), UsageError> {
    let mut v = v.with_index().hash_with(&crate::hash_thread::start);
    let mut hash = Sha256::new();
    let mut size = 0u64;
    let mut buf = vec![0u8; 256 * 1024];
    let mut failed: Option<Error> = None;
    loop {
        let n = body
            .read(&mut buf)
            .map_err(|e| UsageError(format!("reading {what}: {e}")))?;
        if n == 0 {
            break;
        }
        progress.add(n);
        size += n as u64;
        if size > max_bytes {
            return Err(UsageError(format!(
                "{what} is larger than --max-bytes {max_bytes}"
            )));
        }
        hash.update(&buf[..n]);
        out.write_all(&buf[..n])
            .map_err(|e| UsageError(format!("writing the download: {e}")))?;
        if failed.is_none() {
            if let Err(e) = v.feed(&buf[..n]) {
                // Refused: stop reading, the copy cannot be used.
                failed = Some(e);
                break;
            }
        }
    }
    progress.finish();
    let result = match failed {
        Some(e) => Err(e),
        None => v.finish_with_index(),
    };
    let hex = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok((result, hex, size))
}

pub(crate) fn run_refresh(a: &RefreshArgs) -> Result<ExitCode, UsageError> {
    let store = metadata_store(&a.trust, &a.trust_key)?;
    let profile = profile_of(&a.profile)?;
    let now = now_or(a.at.as_deref())?;
    let policy = Policy {
        allow_sha1: a.allow_sha1,
        min_rsa_bits: a.min_rsa_bits,
        ..Policy::default()
    };
    let dir = &a.state;
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let old = read_state(dir).filter(|_| dir.join(CURRENT).is_file());
    let old_str = |k: &str| {
        old.as_ref()
            .and_then(|s| s.get(k))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let fetched_at = wall_clock();
    // Removed when dropped, unless installed.
    let mut tmp = safe_write::create_beside(&dir.join(CURRENT)).map_err(io_err(dir))?;
    let verifier = MetadataStreamVerifier::new(&store, &policy, now, profile);
    let is_url = a.source.starts_with("http://") || a.source.starts_with("https://");
    let fetch = if is_url {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(StdDuration::from_secs(a.timeout)))
            .http_status_as_error(false)
            .max_redirects(3)
            .user_agent(concat!("trustmeta/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let mut req = agent.get(&a.source);
        if !a.force {
            if let Some(e) = old_str("etag") {
                req = req.header("If-None-Match", e);
            }
            if let Some(m) = old_str("last_modified") {
                req = req.header("If-Modified-Since", m);
            }
        }
        let mut resp = req
            .call()
            .map_err(|e| UsageError(format!("fetching {}: {e}", a.source)))?;
        match resp.status().as_u16() {
            304 => Fetch::NotModified,
            200 => {
                let header = |n: &str| {
                    resp.headers()
                        .get(n)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string)
                };
                let (etag, last_modified) = (header("etag"), header("last-modified"));
                let total = resp.body().content_length();
                let mut progress = Progress::new(total);
                let mut body = resp.body_mut().with_config().limit(a.max_bytes).reader();
                let (result, sha256, size) = pump(
                    &mut body,
                    tmp.as_file_mut(),
                    verifier,
                    &mut progress,
                    &a.source,
                    a.max_bytes,
                )?;
                Fetch::Got {
                    result: Box::new(result),
                    sha256,
                    size,
                    etag,
                    last_modified,
                }
            }
            s => {
                return Err(UsageError(format!(
                    "fetching {}: HTTP status {s}",
                    a.source
                )))
            }
        }
    } else {
        let src = PathBuf::from(&a.source);
        let mut f = File::open(&src).map_err(io_err(&src))?;
        let total = f.metadata().ok().map(|m| m.len());
        let mut progress = Progress::new(total);
        let (result, sha256, size) = pump(
            &mut f,
            tmp.as_file_mut(),
            verifier,
            &mut progress,
            &a.source,
            a.max_bytes,
        )?;
        Fetch::Got {
            result: Box::new(result),
            sha256,
            size,
            etag: None,
            last_modified: None,
        }
    };
    let outcome = match fetch {
        Fetch::NotModified => {
            let mut st = old.clone().unwrap_or_else(|| json!({}));
            st["fetched_at"] = json!(fetched_at.to_string());
            write_atomic(dir, STATE, &pretty(&st))?;
            Outcome::Unchanged("the server answered 304 Not Modified".to_string())
        }
        Fetch::Got {
            result,
            sha256,
            size,
            etag,
            last_modified,
        } => match *result {
            Err(e) => Outcome::Rejected(e.to_string(), Some(e.code().as_str().to_string())),
            Ok((v, entities)) => {
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
                let refusal = if same || a.force {
                    None
                } else if let (Some(e), Some(n)) = (old_env, &s.etoegang) {
                    if e != n.environment.to_string() {
                        Some(format!(
                            "the new copy is for environment {} and the one held for {e}",
                            n.environment
                        ))
                    } else {
                        match old_seq {
                            Some(o) if n.sequence <= o => Some(format!(
                            "the new copy's sequence number {} is not above the held copy's {o}",
                            n.sequence
                        )),
                            _ => None,
                        }
                    }
                } else {
                    None
                };
                let refusal = refusal.or_else(|| match (old_created, s.creation_instant) {
                    (Some(o), Some(n)) if n < o && !a.force => Some(format!(
                        "the new copy was created at {n}, before the held copy ({o})"
                    )),
                    _ => None,
                });
                if let Some(r) = refusal {
                    Outcome::Rejected(r, Some("refresh.not_newer".to_string()))
                } else if old_str("sha256").as_deref() == Some(sha256.as_str()) && !a.force {
                    let mut st = old.clone().unwrap_or_else(|| json!({}));
                    st["fetched_at"] = json!(fetched_at.to_string());
                    st["verified_at"] = json!(now.to_string());
                    if etag.is_some() || last_modified.is_some() {
                        st["etag"] = json!(etag);
                        st["last_modified"] = json!(last_modified);
                    }
                    write_atomic(dir, STATE, &pretty(&st))?;
                    Outcome::Unchanged("the copy fetched is identical to the one held".to_string())
                } else {
                    install(
                        dir,
                        tmp,
                        json!({
                            "source": a.source,
                            "etag": etag,
                            "last_modified": last_modified,
                            "fetched_at": fetched_at.to_string(),
                            "verified_at": now.to_string(),
                            "sha256": sha256,
                            "size": size,
                            "summary": summary_json(&v),
                        }),
                        &sha256,
                        size,
                        &entities,
                        v.root_tag.clone(),
                    )?;
                    Outcome::Updated(Box::new(v), sha256)
                }
            }
        },
    };
    Ok(report(a, outcome))
}

/// Replaces the verified copy: the old copy linked to `metadata.previous.xml`, the new
/// one renamed over `metadata.xml`, then the index and the state.
fn install(
    dir: &Path,
    tmp: NamedTempFile,
    state: Value,
    sha256: &str,
    size: u64,
    entities: &[IndexedEntity],
    root_tag: core::ops::Range<u64>,
) -> Result<(), UsageError> {
    let index = build_index(entities);
    let current = dir.join(CURRENT);
    if current.is_file() {
        safe_write::link_or_copy(&current, &dir.join(PREVIOUS)).map_err(io_err(&current))?;
    }
    safe_write::commit(tmp, &current).map_err(io_err(&current))?;
    let header = format!(
        "{INDEX_MAGIC}\t{}\tsha256={sha256}\troot={}-{}\n",
        stamp(&current)?,
        root_tag.start,
        root_tag.end
    );
    debug_assert!(header.contains(&format!("size={size}\t")));
    write_atomic(dir, INDEX, format!("{header}{index}").as_bytes())?;
    write_atomic(dir, STATE, &pretty(&state))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unesc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The size and modification time of `path`: the index names the copy it was made from
/// by these (cheap to check on every lookup) and by the SHA-256 in `state.json`.
fn stamp(path: &Path) -> Result<String, UsageError> {
    let m = fs::metadata(path).map_err(io_err(path))?;
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(format!("size={}\tmtime={mtime}", m.len()))
}

/// One line per entity: entityID, group, start, end, roles, the enclosing groups' start
/// tags as `start-end` ranges (escaped, tab-separated).
fn build_index(entities: &[IndexedEntity]) -> String {
    let mut out = String::new();
    for e in entities {
        let scope: Vec<String> = e
            .scope
            .iter()
            .map(|r| format!("{}-{}", r.start, r.end))
            .collect();
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            esc(&e.entity_id),
            esc(e.group.as_deref().unwrap_or("")),
            e.range.start,
            e.range.end,
            e.roles.join(","),
            scope.join(",")
        ));
    }
    out
}

struct IndexEntry {
    entity_id: String,
    group: Option<String>,
    start: u64,
    end: u64,
    roles: Vec<String>,
    /// The enclosing groups' start tags, outermost first.
    scope: Vec<(u64, u64)>,
}

impl IndexEntry {
    fn etoegang_role(&self) -> Option<EtoegangRole> {
        self.group.as_deref().and_then(EtoegangRole::from_group)
    }

    /// The eToegang roles it plays when messages are validated.
    fn validated_as(&self) -> Vec<&'static str> {
        self.etoegang_role()
            .map(|r| r.validated_as().iter().map(|a| a.abbreviation()).collect())
            .unwrap_or_default()
    }
}

/// Reads `index.tsv`, checked against the copy it was made from (size, and the SHA-256
/// that `state.json` records).
/// With `only`, just the lines of that entityID (the others are passed over unparsed).
fn read_index(dir: &Path, only: Option<&str>) -> Result<(Vec<IndexEntry>, (u64, u64)), UsageError> {
    let path = dir.join(INDEX);
    let text = fs::read_to_string(&path).map_err(|e| {
        UsageError(format!(
            "{}: {e} (run `trustmeta metadata refresh` first)",
            path.display()
        ))
    })?;
    let mut lines = text.lines();
    let header = lines.next().unwrap_or("");
    let stamp = stamp(&dir.join(CURRENT))?;
    let sha = read_state(dir)
        .and_then(|s| s.get("sha256").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default();
    let stale = || {
        UsageError(format!(
            "{} does not match {} and {STATE}; run `trustmeta metadata refresh --force`",
            path.display(),
            CURRENT
        ))
    };
    let root = header
        .strip_prefix(&format!("{INDEX_MAGIC}\t{stamp}\tsha256={sha}\troot="))
        .and_then(|r| r.split_once('-'))
        .and_then(|(a, b)| Some((a.parse::<u64>().ok()?, b.parse::<u64>().ok()?)))
        .ok_or_else(stale)?;
    let mut out = Vec::new();
    let only = only.map(|id| format!("{}\t", esc(id)));
    for line in lines {
        if only.as_deref().is_some_and(|p| !line.starts_with(p)) {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let malformed = || UsageError(format!("{}: a malformed line", path.display()));
        let [id, group, start, end, roles, scope] = f[..] else {
            return Err(malformed());
        };
        let num = |s: &str| s.parse::<u64>().map_err(|_| malformed());
        let scope = scope
            .split(',')
            .filter(|r| !r.is_empty())
            .map(|r| {
                let (a, b) = r.split_once('-').ok_or_else(malformed)?;
                Ok((num(a)?, num(b)?))
            })
            .collect::<Result<Vec<_>, UsageError>>()?;
        out.push(IndexEntry {
            entity_id: unesc(id),
            group: (!group.is_empty()).then(|| unesc(group)),
            start: num(start)?,
            end: num(end)?,
            roles: roles
                .split(',')
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect(),
            scope,
        });
    }
    Ok((out, root))
}

fn report(a: &RefreshArgs, outcome: Outcome) -> ExitCode {
    // Every outcome prints the same members: the verified metadata's (null unless
    // updated), `status`, `sha256` and `reason`.
    let object =
        |valid: bool, error: Value, status: &str, sha: Option<&str>, reason: Option<&str>| {
            let mut m = output::object(&records::METADATA, Err(&Refusal::Usage(String::new())));
            m.insert("valid".into(), json!(valid));
            m.insert("error".into(), error);
            m.insert("status".into(), json!(status));
            m.insert("sha256".into(), json!(sha));
            m.insert("reason".into(), json!(reason));
            Value::Object(m)
        };
    match outcome {
        Outcome::Updated(v, sha) => {
            if a.json {
                let mut j = summary_json(&v);
                j["status"] = json!("updated");
                j["sha256"] = json!(sha);
                j["reason"] = Value::Null;
                println!("{j}");
            } else {
                let s = &v.summary;
                println!(
                    "updated: {} ({} entities, sha256 {sha})",
                    s.name.as_deref().or(s.entity_id.as_deref()).unwrap_or("-"),
                    s.entities
                );
            }
            ExitCode::SUCCESS
        }
        Outcome::Unchanged(why) => {
            if a.json {
                println!(
                    "{}",
                    object(true, Value::Null, "unchanged", None, Some(&why))
                );
            } else {
                println!("unchanged: {why}");
            }
            ExitCode::from(a.exit_unchanged)
        }
        Outcome::Rejected(why, code) => {
            if a.json {
                let error = output::error_json(code.as_deref().unwrap_or("-"), None, &why);
                println!("{}", object(false, error, "rejected", None, None));
            } else {
                println!(
                    "rejected: {why} ({}); the verified copy held is kept",
                    code.as_deref().unwrap_or("-")
                );
            }
            ExitCode::from(1)
        }
    }
}

pub(crate) fn run_entity(a: &EntityArgs) -> Result<ExitCode, UsageError> {
    let dir = &a.state;
    let (index, root) = read_index(dir, Some(&a.entity_id))?;
    if index.len() > 1 {
        return Err(UsageError(format!(
            "the entityID {:?} is carried by more than one entity of the aggregate; refusing to guess",
            a.entity_id
        )));
    }
    let Some(e) = index.first() else {
        if a.json {
            let refusal = Refusal::Usage(format!("no entity {:?}", a.entity_id));
            let mut m = output::object(&records::METADATA_ENTITY, Err(&refusal));
            m.insert("found".into(), json!(false));
            m.insert("entity_id".into(), json!(a.entity_id));
            println!("{}", Value::Object(m));
        } else {
            println!("not found: {}", a.entity_id);
        }
        return Ok(ExitCode::from(1));
    };
    let path = dir.join(CURRENT);
    let mut f = File::open(&path).map_err(io_err(&path))?;
    // The entity and the start tags of the document element and its groups, whose
    // namespace declarations are in force in it: a few kilobytes, whatever the
    // aggregate's size.
    let mut piece = |(start, end): (u64, u64)| -> Result<Vec<u8>, UsageError> {
        use std::io::{Seek, SeekFrom};
        let len = usize::try_from(end.saturating_sub(start))
            .map_err(|_| UsageError("an entity too large".into()))?;
        let mut buf = vec![0u8; len];
        f.seek(SeekFrom::Start(start)).map_err(io_err(&path))?;
        f.read_exact(&mut buf).map_err(io_err(&path))?;
        Ok(buf)
    };
    let entity = piece((e.start, e.end))?;
    let mut tags = Vec::new();
    if e.start != root.0 {
        tags.push(piece(root)?);
    }
    for &r in &e.scope {
        tags.push(piece(r)?);
    }
    let tags: Vec<&[u8]> = tags.iter().map(Vec::as_slice).collect();
    let indexed = IndexedEntity::from_stored(
        e.entity_id.clone(),
        e.group.clone(),
        e.start..e.end,
        e.roles.clone(),
        e.scope.iter().map(|&(a, b)| a..b).collect(),
    );
    let info =
        read_indexed_entity(&indexed, &tags, &entity, &Limits::default()).map_err(|err| {
            UsageError(format!(
                "{}: {err}; run `trustmeta metadata refresh --force`",
                path.display()
            ))
        })?;
    // The group as the index has it: the innermost EntitiesDescriptor's Name.
    let mut info = info;
    info.group.clone_from(&e.group);
    if a.json {
        let mut m = output::object(&records::METADATA_ENTITY, Ok(&info.value()));
        m.insert("found".into(), json!(true));
        println!("{}", Value::Object(m));
    } else {
        println!("entity:    {}", info.entity_id);
        if let Some(g) = &e.group {
            println!("group:     {g}");
        }
        println!("roles:     {}", info.roles.join(" "));
        if let Some(r) = e.etoegang_role() {
            println!("etoegang:  {} (acts as {})", r, e.validated_as().join(" "));
        }
        for d in &info.display_names {
            println!("name:      {} [{}]", d.value, d.lang);
        }
        if let Some(o) = &info.organization_name {
            println!("org:       {o}");
        }
        if let Some(r) = &info.registration_authority {
            println!("registrar: {r}");
        }
        for p in &info.endpoints {
            let idx = p.index.map(|i| format!(" index={i}")).unwrap_or_default();
            println!(
                "endpoint:  {} {} {} {}{idx}",
                p.role, p.kind, p.binding, p.location
            );
        }
        for c in &info.signing_certificates {
            println!("signing:   sha256 {}", output::sha256_hex(c));
        }
        for c in &info.encryption_certificates {
            println!("encryption: sha256 {}", output::sha256_hex(c));
        }
        for c in &info.entity_categories {
            println!("category:  {c}");
        }
        for m in &info.contact_emails {
            println!("contact:   {m}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_list(a: &ListArgs) -> Result<ExitCode, UsageError> {
    enum Want {
        All,
        Saml(&'static str),
        Etoegang(EtoegangRole),
    }
    let want = match a.role.as_deref() {
        None => Want::All,
        Some("idp") => Want::Saml("IDPSSODescriptor"),
        Some("sp") => Want::Saml("SPSSODescriptor"),
        Some("aa") => Want::Saml("AttributeAuthorityDescriptor"),
        Some("pdp") => Want::Saml("PDPDescriptor"),
        Some(o) => Want::Etoegang(EtoegangRole::from_abbreviation(o).ok_or_else(|| {
            UsageError(format!(
                "--role {o:?}: expected idp, sp, aa, pdp, ad, mr, kr, eb, hm or dv"
            ))
        })?),
    };
    let (index, _) = read_index(&a.state, None)?;
    let chosen: Vec<&IndexEntry> = index
        .iter()
        .filter(|e| match want {
            Want::All => true,
            Want::Saml(w) => e.roles.iter().any(|r| r == w),
            Want::Etoegang(w) => e
                .etoegang_role()
                .is_some_and(|r| r.validated_as().contains(&w)),
        })
        .collect();
    if a.json {
        println!(
            "{}",
            json!({
                "entities": chosen.iter().map(|e| json!({
                    "entity_id": e.entity_id, "group": e.group, "roles": e.roles,
                    "etoegang_role": e.etoegang_role().map(EtoegangRole::abbreviation),
                    "validated_as": e.validated_as(),
                })).collect::<Vec<_>>()
            })
        );
    } else {
        for e in chosen {
            println!(
                "{}\t{}\t{}",
                e.entity_id,
                e.group.as_deref().unwrap_or("-"),
                e.roles.join(",")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_fields_escape_round_trip() {
        for s in ["a\tb", "c\\d\n", "plain", "\\t"] {
            assert_eq!(unesc(&esc(s)), s);
            assert!(!esc(s).contains('\t'));
        }
    }
}
