//! The entity index of a state directory (`index.tsv`): one line per entity of the
//! verified copy, written while the streaming verifier reads it and installed only once
//! the copy has verified. An [`EntityIndex`] answers lookups from it without reading the
//! aggregate: it keeps an 8-byte hash and a file offset per entity in memory (about
//! 1 MB for 50,000 entities) and reads the one entity asked for from the held copy.
//!
//! Line format (tab-separated, `\t`, `\n`, `\r` and `\\` escaped in the text fields):
//! entityID, group, start, end, roles (comma-separated), the enclosing groups' start tags
//! as `start-end` ranges (comma-separated). The first line names the copy the index was
//! made from: its size and modification time, its SHA-256 and the document element's
//! start tag.

use core::hash::{BuildHasher, Hasher as _};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tempfile::NamedTempFile;
use trustmeta::{
    read_indexed_entity, response_issuers, EntityInfo, Error, EtoegangRole, IndexedEntity,
    IssuerTrust, Limits, Policy, TrustStore,
};

use super::{StateError, CURRENT, INDEX};

/// The first field of the index's first line; the number changes with the format.
pub(super) const INDEX_MAGIC: &str = "# trustmeta metadata index 3";

pub(super) fn esc(s: &str) -> String {
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

/// The size and modification time of a file: the index names the copy it was made from
/// by these (cheap to check at every opening) and by its SHA-256.
pub(super) fn stamp_of(m: &fs::Metadata) -> String {
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("size={}\tmtime={mtime}", m.len())
}

/// Writes index lines to a temporary file beside the state while a copy is verified.
pub(super) struct IndexWriter {
    out: BufWriter<NamedTempFile>,
}

impl IndexWriter {
    pub(super) fn new(dir: &Path) -> io::Result<Self> {
        Ok(IndexWriter {
            out: BufWriter::new(crate::safe_write::create_beside(&dir.join(INDEX))?),
        })
    }

    pub(super) fn push(&mut self, e: &IndexedEntity) -> io::Result<()> {
        let scope: Vec<String> = e
            .scope
            .iter()
            .map(|r| format!("{}-{}", r.start, r.end))
            .collect();
        writeln!(
            self.out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            esc(&e.entity_id),
            esc(e.group.as_deref().unwrap_or("")),
            e.range.start,
            e.range.end,
            e.roles.join(","),
            scope.join(",")
        )
    }

    /// Installs the index as `dir/index.tsv`, headed by the line naming the copy.
    pub(super) fn install(self, dir: &Path, header: &str) -> io::Result<()> {
        let mut body = self
            .out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        body.as_file_mut().seek(SeekFrom::Start(0))?;
        let target = dir.join(INDEX);
        let mut out = crate::safe_write::create_beside(&target)?;
        {
            let mut w = BufWriter::new(out.as_file_mut());
            w.write_all(header.as_bytes())?;
            io::copy(body.as_file_mut(), &mut w)?;
            w.flush()?;
        }
        crate::safe_write::commit(out, &target)
    }
}

/// Reads an entity from its bytes, the start tags around it, and its index entry.
type ReadPieces<'a, T> = dyn Fn(&[u8], &[&[u8]], &IndexedEntity) -> Result<T, Error> + 'a;

/// One entity as the index lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// `entityID`.
    pub entity_id: String,
    /// `Name` of the innermost enclosing `EntitiesDescriptor` below the document element.
    pub group: Option<String>,
    /// Where the `EntityDescriptor` is in the held copy, in bytes.
    pub range: core::ops::Range<u64>,
    /// The local names of its role descriptors, in document order.
    pub roles: Vec<String>,
    /// The enclosing groups' start tags, outermost first.
    pub scope: Vec<core::ops::Range<u64>>,
}

impl IndexEntry {
    /// The eToegang role its group gives it, if any.
    pub fn etoegang_role(&self) -> Option<EtoegangRole> {
        self.group.as_deref().and_then(EtoegangRole::from_group)
    }

    /// The eToegang roles it acts as when messages are validated (abbreviations).
    pub fn validated_as(&self) -> Vec<&'static str> {
        self.etoegang_role()
            .map(|r| r.validated_as().iter().map(|a| a.abbreviation()).collect())
            .unwrap_or_default()
    }

    fn parse(line: &str) -> Option<IndexEntry> {
        let f: Vec<&str> = line.split('\t').collect();
        let [id, group, start, end, roles, scope] = f[..] else {
            return None;
        };
        let scope = scope
            .split(',')
            .filter(|r| !r.is_empty())
            .map(|r| {
                let (a, b) = r.split_once('-')?;
                Some(a.parse::<u64>().ok()?..b.parse::<u64>().ok()?)
            })
            .collect::<Option<Vec<_>>>()?;
        Some(IndexEntry {
            entity_id: unesc(id),
            group: (!group.is_empty()).then(|| unesc(group)),
            range: start.parse().ok()?..end.parse().ok()?,
            roles: roles
                .split(',')
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect(),
            scope,
        })
    }
}

/// The entities of a state directory's verified copy, opened once and asked many times.
///
/// It holds the copy and its index open: a refresh that installs a newer copy meanwhile
/// does not change what this one reads (the files it opened stay as they were), and
/// [`EntityIndex::is_current`] says when to open the state again.
pub struct EntityIndex {
    dir: PathBuf,
    index: File,
    copy: File,
    /// The copy's stamp, as the index header names it.
    stamp: String,
    root: core::ops::Range<u64>,
    /// Offsets of the lines in `index.tsv`, by a hash of the escaped entityID.
    lines: HashMap<u64, Vec<u64>>,
    hasher: std::collections::hash_map::RandomState,
    count: usize,
}

impl core::fmt::Debug for EntityIndex {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("EntityIndex")
            .field("dir", &self.dir)
            .field("entities", &self.count)
            .finish_non_exhaustive()
    }
}

impl EntityIndex {
    /// Opens the index of the state directory `dir` written by a refresh, checked
    /// against the copy it was made from.
    ///
    /// # Errors
    /// [`StateError`] when there is no verified copy yet, or the index does not match it.
    pub fn open(dir: &Path) -> Result<EntityIndex, StateError> {
        // A refresh may replace both files between the two openings; the stamp check
        // notices, and a second try sees the new pair.
        let mut last = None;
        for _ in 0..3 {
            match Self::open_once(dir) {
                Err(StateError::Stale(m)) => last = Some(StateError::Stale(m)),
                other => return other,
            }
        }
        Err(last.unwrap_or_else(|| StateError::Stale(String::new())))
    }

    fn open_once(dir: &Path) -> Result<EntityIndex, StateError> {
        let path = dir.join(INDEX);
        let index = File::open(&path)
            .map_err(|e| StateError::NoCopy(format!("{}: {e}", path.display())))?;
        let copy_path = dir.join(CURRENT);
        let copy = File::open(&copy_path)
            .map_err(|e| StateError::NoCopy(format!("{}: {e}", copy_path.display())))?;
        let stamp = stamp_of(
            &copy
                .metadata()
                .map_err(|e| StateError::io(&copy_path, &e))?,
        );
        let sha = super::read_state(dir)
            .and_then(|s| s.get("sha256").and_then(|v| v.as_str()).map(str::to_string))
            .unwrap_or_default();
        let mut reader = BufReader::with_capacity(64 * 1024, &index);
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| StateError::io(&path, &e))?;
        let stale = || {
            StateError::Stale(format!(
                "{} does not match {CURRENT} and its state",
                path.display()
            ))
        };
        let root = header
            .trim_end_matches('\n')
            .strip_prefix(&format!("{INDEX_MAGIC}\t{stamp}\tsha256={sha}\troot="))
            .and_then(|r| r.split_once('-'))
            .and_then(|(a, b)| Some(a.parse::<u64>().ok()?..b.parse::<u64>().ok()?))
            .ok_or_else(stale)?;
        let hasher = std::collections::hash_map::RandomState::new();
        let mut lines: HashMap<u64, Vec<u64>> = HashMap::new();
        let mut offset = header.len() as u64;
        let mut count = 0;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| StateError::io(&path, &e))?;
            if n == 0 {
                break;
            }
            let id = buf.split(|&b| b == b'\t').next().unwrap_or_default();
            lines.entry(hash(&hasher, id)).or_default().push(offset);
            offset += n as u64;
            count += 1;
        }
        lines.shrink_to_fit();
        Ok(EntityIndex {
            dir: dir.to_path_buf(),
            index,
            copy,
            stamp,
            root,
            lines,
            hasher,
            count,
        })
    }

    /// How many entities the copy has.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the copy has no entity.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Whether the state directory still holds the copy this index was opened on.
    pub fn is_current(&self) -> bool {
        fs::metadata(self.dir.join(CURRENT)).is_ok_and(|m| stamp_of(&m) == self.stamp)
    }

    fn line_at(&self, offset: u64) -> Result<IndexEntry, StateError> {
        let mut r = BufReader::with_capacity(4096, At::new(&self.index, offset));
        let mut line = String::new();
        r.read_line(&mut line)
            .map_err(|e| StateError::io(&self.dir.join(INDEX), &e))?;
        IndexEntry::parse(line.trim_end_matches('\n')).ok_or_else(|| {
            StateError::Stale(format!(
                "{}: a malformed line",
                self.dir.join(INDEX).display()
            ))
        })
    }

    /// The entries carrying `entity_id` (compared exactly, as the parser reads it:
    /// `&`, not `&amp;`). More than one means the aggregate repeats the entityID.
    ///
    /// # Errors
    /// [`StateError`] when the index cannot be read.
    pub fn entries(&self, entity_id: &str) -> Result<Vec<IndexEntry>, StateError> {
        let key = esc(entity_id);
        let Some(offsets) = self.lines.get(&hash(&self.hasher, key.as_bytes())) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for &o in offsets {
            let e = self.line_at(o)?;
            if e.entity_id == entity_id {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// Every entry, in document order.
    ///
    /// # Errors
    /// [`StateError`] when the index cannot be read.
    pub fn for_each(&self, f: &mut dyn FnMut(IndexEntry)) -> Result<(), StateError> {
        let path = self.dir.join(INDEX);
        let mut r = BufReader::with_capacity(64 * 1024, At::new(&self.index, 0));
        let mut line = String::new();
        r.read_line(&mut line)
            .map_err(|e| StateError::io(&path, &e))?;
        loop {
            line.clear();
            if r.read_line(&mut line)
                .map_err(|e| StateError::io(&path, &e))?
                == 0
            {
                return Ok(());
            }
            let e = IndexEntry::parse(line.trim_end_matches('\n')).ok_or_else(|| {
                StateError::Stale(format!("{}: a malformed line", path.display()))
            })?;
            f(e);
        }
    }

    fn piece(&self, r: &core::ops::Range<u64>) -> Result<Vec<u8>, StateError> {
        let path = self.dir.join(CURRENT);
        let len = usize::try_from(r.end.saturating_sub(r.start))
            .map_err(|_| StateError::Stale(format!("{}: an entity too large", path.display())))?;
        let mut buf = vec![0u8; len];
        self.copy
            .read_exact_at(&mut buf, r.start)
            .map_err(|e| StateError::io(&path, &e))?;
        Ok(buf)
    }

    /// The one entry of `entity_id`; `None` when there is none.
    fn only(&self, entity_id: &str) -> Result<Option<IndexEntry>, StateError> {
        let mut found = self.entries(entity_id)?;
        if found.len() > 1 {
            return Err(StateError::Ambiguous(entity_id.to_string()));
        }
        Ok(found.pop())
    }

    /// Reads the entity `entity_id` from the held copy: a few kilobytes read, whatever
    /// the aggregate's size. Its group is the index's (the innermost group's `Name`).
    ///
    /// # Errors
    /// [`StateError::Ambiguous`] when two entities carry the entityID; [`StateError`]
    /// when the copy no longer has the bytes the index locates.
    pub fn entity(&self, entity_id: &str) -> Result<Option<EntityInfo>, StateError> {
        let Some(e) = self.only(entity_id)? else {
            return Ok(None);
        };
        let mut info = self.read(&e, &|bytes, tags, indexed| {
            read_indexed_entity(indexed, tags, bytes, &Limits::default())
        })?;
        info.group.clone_from(&e.group);
        Ok(Some(info))
    }

    fn read<T>(&self, e: &IndexEntry, f: &ReadPieces<'_, T>) -> Result<T, StateError> {
        // The entity and the start tags of the document element and its groups, whose
        // namespace declarations are in force in it.
        let bytes = self.piece(&e.range)?;
        let mut tags = Vec::new();
        if e.range.start != self.root.start {
            tags.push(self.piece(&self.root)?);
        }
        for r in &e.scope {
            tags.push(self.piece(r)?);
        }
        let tags: Vec<&[u8]> = tags.iter().map(Vec::as_slice).collect();
        let indexed = IndexedEntity::from_stored(
            e.entity_id.clone(),
            e.group.clone(),
            e.range.clone(),
            e.roles.clone(),
            e.scope.clone(),
        );
        f(&bytes, &tags, &indexed).map_err(|err| {
            StateError::Stale(format!("{}: {err}", self.dir.join(CURRENT).display()))
        })
    }

    /// The signing keys of `entity_id`'s `role` descriptors (`"IDPSSODescriptor"`,
    /// `"SPSSODescriptor"`…) as a trust store, the way
    /// [`metadata_issuer_trust`](trustmeta::metadata_issuer_trust) takes them: keys of
    /// `KeyDescriptor`s with `use="signing"` or no `use`. `None` when the entity is
    /// missing, lacks the role or has no signing key.
    ///
    /// # Errors
    /// As [`EntityIndex::entity`]; a signing certificate that is not DER.
    pub fn signing_keys(
        &self,
        entity_id: &str,
        role: &str,
    ) -> Result<Option<TrustStore>, StateError> {
        let Some(e) = self.only(entity_id)? else {
            return Ok(None);
        };
        if !e.roles.iter().any(|r| r == role) {
            return Ok(None);
        }
        let certs = self.read(&e, &|bytes, tags, indexed| {
            trustmeta::indexed_entity_signing_certificates(
                indexed,
                tags,
                bytes,
                &Limits::default(),
                role,
            )
        })?;
        let mut store = TrustStore::new();
        for der in certs {
            let cert = trustmeta::Certificate::from_der(&der).map_err(|err| {
                StateError::Stale(format!("a signing certificate of {entity_id}: {err}"))
            })?;
            if let Some(k) = cert.public_key() {
                store.add_public_key(k.clone());
            }
        }
        Ok((!store.is_empty()).then_some(store))
    }

    /// An [`IssuerTrust`] holding the signing keys of the `role` of each of `issuers`
    /// that the copy has; the others are left out (a message naming one is refused as
    /// from an unknown issuer).
    ///
    /// # Errors
    /// As [`EntityIndex::signing_keys`].
    pub fn issuer_trust(&self, issuers: &[&str], role: &str) -> Result<IssuerTrust, StateError> {
        let mut trust = IssuerTrust::new();
        for id in issuers {
            if let Some(store) = self.signing_keys(id, role)? {
                trust.add(id, store);
            }
        }
        Ok(trust)
    }

    /// The [`IssuerTrust`] to verify the SAML Response `xml` with: the identity-provider
    /// signing keys of the issuers it names ([`response_issuers`]).
    ///
    /// # Errors
    /// [`StateError::Document`] for a document that is no Response; as
    /// [`EntityIndex::signing_keys`].
    pub fn trust_for_response(
        &self,
        xml: &[u8],
        policy: &Policy,
    ) -> Result<IssuerTrust, StateError> {
        let names = response_issuers(xml, policy).map_err(StateError::Document)?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        self.issuer_trust(&names, "IDPSSODescriptor")
    }
}

/// Reads a shared file from a position of its own (`pread`): threads that share an
/// [`EntityIndex`] must not move one another's file offset.
struct At<'a> {
    file: &'a File,
    pos: u64,
}

impl<'a> At<'a> {
    fn new(file: &'a File, pos: u64) -> Self {
        At { file, pos }
    }
}

impl io::Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.file.read_at(buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

fn hash(state: &std::collections::hash_map::RandomState, bytes: &[u8]) -> u64 {
    let mut h = state.build_hasher();
    h.write(bytes);
    h.finish()
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

    #[test]
    fn a_line_reads_back() {
        let e =
            IndexEntry::parse("urn:a\\tb\tg\t10\t20\tIDPSSODescriptor,SPSSODescriptor\t1-5,6-9")
                .unwrap();
        assert_eq!(e.entity_id, "urn:a\tb");
        assert_eq!(e.group.as_deref(), Some("g"));
        assert_eq!(e.range, 10..20);
        assert_eq!(e.roles, ["IDPSSODescriptor", "SPSSODescriptor"]);
        assert_eq!(e.scope, [1..5, 6..9]);
        assert!(IndexEntry::parse("too\tfew").is_none());
        assert!(IndexEntry::parse("a\t\tx\t20\t\t").is_none());
    }
}
