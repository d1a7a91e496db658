//! Streaming verification of a document whose one signature is the first child of the
//! document element and covers the whole document (`URI=""` or the element's `#ID`,
//! enveloped): the shape of SAML metadata aggregates. Bytes are fed as they arrive; the
//! document is canonicalized and digested on the fly, so memory is bounded by the
//! depth and the longest token, not by the size.
//!
//! The same canonicalizer and the same SignedInfo check as the in-memory path do the
//! work; only the reading differs (`reader`). The signature element itself is small and
//! is parsed by the tree reader once its last byte has arrived.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::xml::lexer::{Handler, Lexer, StartTag};

use crate::c14n::{self, Attr, C14nAlgorithm, C14nMethod, Canonicalizer, NsDecl};
use crate::crypto::{default_verifier, DigestAlgorithm, Hasher, SignatureVerifier};
use crate::dsig::model::Transform;
use crate::dsig::verify::{verify_signed_info, Context};
use crate::dsig::{DsigError, NS_DS};
use crate::error::Error;
use crate::pki::TrustStore;
use crate::policy::Policy;
use crate::time::DateTime;
use crate::verified::{ReferenceReport, VerificationReport};
use crate::xml::{self, XmlError, NS_XML};

/// The document element of a streamed document, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamedRoot {
    /// Its namespace URI.
    pub namespace: String,
    /// Its local name.
    pub local_name: String,
    /// Its attributes (not namespace declarations): namespace URI, local name, value.
    pub attributes: Vec<(String, String, String)>,
}

impl StreamedRoot {
    /// The value of the attribute `local` in no namespace.
    pub fn attribute(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(ns, l, _)| ns.is_empty() && l == local)
            .map(|(_, _, v)| v.as_str())
    }
}

/// What a streamed verification established.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct StreamOutcome {
    /// The document element (signed: the signature covers the whole document).
    pub root: StreamedRoot,
    /// The signature's report.
    pub report: VerificationReport,
    /// Signatures below the document element's first child (on entities), counted,
    /// not checked.
    pub nested_signatures: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Where the document element's start tag is, in bytes.
    pub root_tag: core::ops::Range<u64>,
}

/// An owned start tag, kept until the signature says how to canonicalize.
struct OwnedStart {
    prefix: String,
    local: String,
    ns: String,
    decls: Vec<(String, String)>,
    /// prefix, local, ns, value
    attrs: Vec<(String, String, String, String)>,
}

impl OwnedStart {
    fn of(tag: &StartTag<'_>) -> Self {
        OwnedStart {
            prefix: tag.prefix.to_string(),
            local: tag.local.to_string(),
            ns: tag.ns.to_string(),
            decls: tag
                .decls
                .iter()
                .map(|d| (d.prefix.to_string(), d.uri.to_string()))
                .collect(),
            attrs: tag
                .attrs
                .iter()
                .map(|a| {
                    (
                        a.prefix.to_string(),
                        a.local.to_string(),
                        a.ns.to_string(),
                        a.value.to_string(),
                    )
                })
                .collect(),
        }
    }
}

enum Held {
    Text(String),
    Comment(String),
    Pi(String, Option<String>),
}

impl Held {
    fn len(&self) -> usize {
        match self {
            Held::Text(t) | Held::Comment(t) => t.len(),
            Held::Pi(t, d) => t.len() + d.as_ref().map_or(0, String::len),
        }
    }
}

#[derive(PartialEq, Eq)]
enum Phase {
    /// Before the document element.
    Prolog,
    /// Inside the document element, before its signature.
    BeforeSignature,
    /// Inside the signature element.
    InSignature,
    /// After the signature: canonicalizing into the digest.
    Content,
}

/// The trust store, borrowed or owned (for callers that cannot hold a borrow across
/// calls, such as a handle in another language).
enum StoreRef<'s> {
    Borrowed(&'s TrustStore),
    Owned(Box<TrustStore>),
}

impl core::ops::Deref for StoreRef<'_> {
    type Target = TrustStore;
    fn deref(&self) -> &TrustStore {
        match self {
            StoreRef::Borrowed(s) => s,
            StoreRef::Owned(s) => s,
        }
    }
}

/// What a document family gathers while a stream is read: every element outside the
/// signatures (a signature's content is never a family's data), as it starts and ends.
pub(crate) trait Observer {
    /// An element starts.
    fn start(&mut self, tag: &StartTag<'_>);
    /// The element at `depth` ends, just before `end_offset`.
    fn end(&mut self, depth: usize, end_offset: u64);
}

/// Gathers nothing.
pub(crate) struct NoObserver;

impl Observer for NoObserver {
    fn start(&mut self, _tag: &StartTag<'_>) {}
    fn end(&mut self, _depth: usize, _end_offset: u64) {}
}

struct State<'s, O> {
    store: StoreRef<'s>,
    policy: Policy,
    now: DateTime,
    verifier: &'s dyn SignatureVerifier,
    block_hasher: Option<BlockHasherFactory<'s>>,
    phase: Phase,
    held: Vec<Held>,
    held_bytes: usize,
    root: Option<OwnedStart>,
    root_tag: core::ops::Range<u64>,
    sig_raw: Vec<u8>,
    canon: Option<Canonicalizer<BufferedHasher>>,
    digest: Option<(DigestAlgorithm, crate::dsig::model::DigestValue)>,
    report: Option<VerificationReport>,
    nested_signatures: usize,
    observer: O,
    /// The depth of the `ds:Signature` the observer is not shown.
    skipping: Option<usize>,
}

/// The most bytes of white space, comments and PIs held between the document element's
/// start tag and its signature (real aggregates have a line break there).
const MAX_HELD_BYTES: usize = 64 * 1024;
/// The most bytes a captured signature element may take: a SignedInfo, a value and a
/// few certificates fit in a few kilobytes.
pub(crate) const MAX_SIGNATURE_BYTES: usize = 256 * 1024;

impl<O: Observer> State<'_, O> {
    fn hold(&mut self, h: Held) -> Result<(), Error> {
        self.held_bytes += h.len() + 16;
        if self.held_bytes > MAX_HELD_BYTES {
            return Err(DsigError::Malformed {
                reason: format!(
                    "more than {MAX_HELD_BYTES} bytes of comments, processing instructions and white space before the document's signature"
                ),
            }
            .into());
        }
        self.held.push(h);
        Ok(())
    }

    fn capture(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if self.sig_raw.len() + bytes.len() > MAX_SIGNATURE_BYTES {
            return Err(DsigError::Malformed {
                reason: format!("the signature element is larger than {MAX_SIGNATURE_BYTES} bytes"),
            }
            .into());
        }
        self.sig_raw.extend_from_slice(bytes);
        Ok(())
    }

    /// The signature element is complete: check it and start the digest.
    fn signature_done(&mut self) -> Result<(), Error> {
        // The reader reports the root before anything inside it, so both are there;
        // should that ever not hold, the document is refused rather than the process
        // stopped.
        let out_of_order = || -> Error {
            DsigError::Malformed {
                reason: "the signature was read out of order".to_string(),
            }
            .into()
        };
        let root = self.root.as_ref().ok_or_else(out_of_order)?;
        // The signature is re-read in the namespace context of its parent, and with
        // the parent's xml:* attributes, which inclusive canonicalization inherits.
        // Sized once: the captured signature is copied in and then freed, before the
        // tree is built and the signature checked.
        let raw = core::mem::take(&mut self.sig_raw);
        let decls: usize = root.decls.iter().map(|(p, u)| p.len() + u.len() + 12).sum();
        let mut wrapped = String::with_capacity(raw.len() + decls + 64);
        wrapped.push_str("<w");
        for (p, u) in &root.decls {
            if p.is_empty() {
                wrapped.push_str(" xmlns=\"");
            } else {
                wrapped.push_str(" xmlns:");
                wrapped.push_str(p);
                wrapped.push_str("=\"");
            }
            push_escaped(&mut wrapped, u);
            wrapped.push('"');
        }
        for (p, l, ns, v) in &root.attrs {
            if ns == NS_XML {
                wrapped.push(' ');
                wrapped.push_str(p);
                wrapped.push(':');
                wrapped.push_str(l);
                wrapped.push_str("=\"");
                push_escaped(&mut wrapped, v);
                wrapped.push('"');
            }
        }
        wrapped.push('>');
        wrapped.push_str(core::str::from_utf8(&raw).map_err(|_| XmlError::NotUtf8)?);
        drop(raw);
        wrapped.push_str("</w>");
        let doc = xml::parse(wrapped.as_bytes(), &self.policy.limits)?;
        let sig = doc
            .root_element()
            .first_element_child()
            .ok_or_else(out_of_order)?;
        let cx = Context {
            store: &self.store,
            policy: &self.policy,
            now: self.now,
            verifier: self.verifier,
            document_element: None,
            allow_object: false,
            allow_manifest: false,
            pre_check: None,
        };
        let si = verify_signed_info(sig, &cx)?;
        let [r] = si.model.references.as_slice() else {
            return Err(DsigError::Malformed {
                reason: format!(
                    "the signature must have exactly one Reference, to the document; it has {}",
                    si.model.references.len()
                ),
            }
            .into());
        };
        let root_id = root
            .attrs
            .iter()
            .find(|(_, l, ns, _)| ns.is_empty() && matches!(l.as_str(), "ID" | "Id" | "id"))
            .map(|(_, _, _, v)| v.as_str());
        let covers_root = r.uri.is_empty()
            || (r.uri.strip_prefix('#').is_some() && r.uri.strip_prefix('#') == root_id);
        if !covers_root {
            return Err(DsigError::WrongReferenceTarget {
                expected: "the document (URI=\"\" or the document element's #ID)".to_string(),
            }
            .into());
        }
        let mut enveloped = false;
        let mut c14n_alg = C14nAlgorithm {
            method: C14nMethod::Inclusive10,
            with_comments: false,
        };
        let mut prefixes: &[String] = &[];
        for t in &r.transforms {
            match t {
                Transform::Enveloped => enveloped = true,
                Transform::C14n(a, p) => {
                    c14n_alg = *a;
                    prefixes = p;
                }
                Transform::XPathNoSignatures => {
                    return Err(DsigError::UnsupportedTransform {
                        uri: "the XPath not-signatures transform on a streamed document"
                            .to_string(),
                    }
                    .into())
                }
            }
        }
        if !enveloped {
            return Err(DsigError::Malformed {
                reason: "the signature inside the document must use the enveloped transform"
                    .to_string(),
            }
            .into());
        }
        // `URI=""` and `#id` select the document without comments (XML-DSig §4.4.3.3).
        let opts = c14n::Options {
            method: c14n_alg.method,
            with_comments: false,
            inclusive_prefixes: prefixes,
        };
        let digest = match self.block_hasher {
            Some(start) => Digesting::Elsewhere(start(r.digest)),
            None => Digesting::Here(r.digest.hasher()),
        };
        let mut canon = Canonicalizer::new(opts, BufferedHasher::new(digest));
        // Replay what came before the signature: prolog PIs, the root, and the white
        // space or comments between them.
        let mut root_started = false;
        let root_owned = self.root.take().ok_or_else(out_of_order)?;
        for h in core::mem::take(&mut self.held) {
            match h {
                Held::Text(t) => {
                    if !root_started {
                        start_owned(&mut canon, &root_owned);
                        root_started = true;
                    }
                    canon.text(&t);
                }
                Held::Comment(t) => canon.comment(&t),
                Held::Pi(t, d) => canon.pi(&t, d.as_deref()),
            }
        }
        if !root_started {
            start_owned(&mut canon, &root_owned);
        }
        self.root = Some(root_owned);
        self.digest = Some((r.digest, r.digest_value));
        self.report = Some(VerificationReport {
            signature_algorithm: si.model.method,
            canonicalization: si.model.c14n,
            signer_key: si.signer_key,
            signer: si.chain.first().cloned(),
            chain: si.chain.clone(),
            pinned: si.pinned,
            references: alloc::vec![ReferenceReport {
                uri: r.uri.to_string(),
                digest: r.digest,
                transforms: r.transforms.iter().map(Transform::name).collect(),
                element: self
                    .root
                    .as_ref()
                    .map(|o| o.local.clone())
                    .unwrap_or_default(),
                // The streamed profile covers the document element only.
                unchecked_manifest: false,
            }],
            legacy_algorithms: si.legacy.clone(),
            verified_at: self.now,
        });
        self.canon = Some(canon);
        self.phase = Phase::Content;
        Ok(())
    }
}

/// Canonical bytes gathered before they reach the hash: the canonicalizer writes many
/// short pieces, the hash prefers blocks.
pub(crate) struct BufferedHasher {
    digest: Digesting,
    buf: Vec<u8>,
    /// How full `buf` may get before it is handed on.
    block: usize,
}

// One per document: boxing the usual case would only add an allocation.
#[allow(clippy::large_enum_variant)]
enum Digesting {
    Here(Hasher),
    Elsewhere(Box<dyn BlockHasher>),
}

/// Canonical bytes come in pieces of a few bytes; a block of this size makes the hashing
/// calls as few as larger blocks would, and stays small beside a device's heap.
const HASH_BLOCK: usize = 2 * 1024;
/// Blocks handed to a [`BlockHasher`] are larger: each costs a hand-over.
const REMOTE_BLOCK: usize = 256 * 1024;

/// Hashes the canonical bytes of a streamed document elsewhere — typically on another
/// thread, so that reading and hashing overlap on a multi-core machine. The verifier
/// still compares the digest with the signed one itself; a `BlockHasher` only computes
/// it, so it must be a faithful implementation of the algorithm it was started for.
pub trait BlockHasher: Send {
    /// Takes the next block of canonical bytes and gives back an empty buffer for the
    /// following ones (a recycled block, or a new one).
    fn update(&mut self, block: Vec<u8>) -> Vec<u8>;
    /// The digest of every block given, in order; `None` when it could not be computed
    /// (the document is then refused).
    fn finish(self: Box<Self>) -> Option<Vec<u8>>;
}

/// Starts a [`BlockHasher`] for the digest algorithm the signature's Reference names.
pub type BlockHasherFactory<'s> = &'s (dyn Fn(DigestAlgorithm) -> Box<dyn BlockHasher> + Sync);

impl BufferedHasher {
    fn new(digest: Digesting) -> Self {
        let block = match digest {
            Digesting::Here(_) => HASH_BLOCK,
            Digesting::Elsewhere(_) => REMOTE_BLOCK,
        };
        BufferedHasher {
            digest,
            buf: Vec::with_capacity(block),
            block,
        }
    }

    fn finish(mut self) -> Option<Vec<u8>> {
        match self.digest {
            Digesting::Here(mut h) => {
                h.update(&self.buf);
                Some(h.finish().as_bytes().to_vec())
            }
            Digesting::Elsewhere(mut h) => {
                if !self.buf.is_empty() {
                    h.update(core::mem::take(&mut self.buf));
                }
                h.finish()
            }
        }
    }
}

impl BufferedHasher {
    /// `bytes` do not fit in the block: hand the block on.
    #[cold]
    fn overflow(&mut self, bytes: &[u8]) {
        match &mut self.digest {
            Digesting::Here(h) => {
                if self.buf.len() + bytes.len() > HASH_BLOCK {
                    h.update(&self.buf);
                    self.buf.clear();
                    if bytes.len() > HASH_BLOCK {
                        h.update(bytes);
                        return;
                    }
                }
                self.buf.extend_from_slice(bytes);
            }
            Digesting::Elsewhere(h) => {
                self.buf.extend_from_slice(bytes);
                if self.buf.len() >= REMOTE_BLOCK {
                    let mut next = h.update(core::mem::take(&mut self.buf));
                    next.clear();
                    next.reserve(REMOTE_BLOCK);
                    self.buf = next;
                }
            }
        }
    }
}

impl c14n::Sink for BufferedHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // The usual case, a few bytes into a block with room: no branch on where the
        // digest is computed.
        if self.buf.len() + bytes.len() < self.block {
            self.buf.extend_from_slice(bytes);
        } else {
            self.overflow(bytes);
        }
    }
}

fn start_owned(canon: &mut Canonicalizer<BufferedHasher>, o: &OwnedStart) {
    let decls: Vec<NsDecl<'_>> = o
        .decls
        .iter()
        .map(|(p, u)| NsDecl { prefix: p, uri: u })
        .collect();
    let attrs: Vec<Attr<'_>> = o
        .attrs
        .iter()
        .map(|(p, l, ns, v)| Attr {
            prefix: p,
            local: l,
            ns,
            value: v,
        })
        .collect();
    canon.start(&o.prefix, &o.local, &decls, &attrs);
}

fn push_escaped(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
}

fn is_ds_signature(tag: &StartTag<'_>) -> bool {
    tag.ns == NS_DS && tag.local == "Signature"
}

impl<O: Observer> State<'_, O> {
    fn observe(&mut self, tag: &StartTag<'_>) {
        if self.skipping.is_some() {
            return;
        }
        if is_ds_signature(tag) {
            self.skipping = Some(tag.depth);
            return;
        }
        self.observer.start(tag);
    }
}

impl<O: Observer> Handler for State<'_, O> {
    type Error = Error;

    fn start(&mut self, tag: &StartTag<'_>) -> Result<(), Error> {
        if self.phase != Phase::InSignature {
            self.observe(tag);
        }
        match self.phase {
            Phase::Prolog => {
                self.root = Some(OwnedStart::of(tag));
                self.root_tag = tag.offset..tag.offset + tag.raw.len() as u64;
                self.phase = Phase::BeforeSignature;
            }
            Phase::BeforeSignature => {
                if tag.depth != 2 || !is_ds_signature(tag) {
                    return Err(DsigError::Malformed {
                        reason:
                            "the signature must be the first child element of the document element"
                                .to_string(),
                    }
                    .into());
                }
                self.phase = Phase::InSignature;
                self.capture(tag.raw)?;
            }
            Phase::InSignature => {
                if tag.depth == 3 && tag.ns == NS_DS && tag.local == "Object" {
                    // The profile has no use for ds:Object: refused before it is read.
                    return Err(DsigError::ObjectRefused.into());
                }
                self.capture(tag.raw)?;
            }
            Phase::Content => {
                if is_ds_signature(tag) {
                    if tag.depth == 2 {
                        return Err(DsigError::TooManySignatures { found: 2, limit: 1 }.into());
                    }
                    self.nested_signatures += 1;
                }
                if let Some(c) = self.canon.as_mut() {
                    c.start(tag.prefix, tag.local, tag.decls, tag.attrs);
                }
            }
        }
        Ok(())
    }

    fn end(&mut self, depth: usize, end_offset: u64) -> Result<(), Error> {
        if self.skipping == Some(depth) {
            self.skipping = None;
        } else if self.phase != Phase::InSignature && self.skipping.is_none() {
            self.observer.end(depth, end_offset);
        }
        match self.phase {
            Phase::InSignature if depth == 2 => self.signature_done(),
            Phase::InSignature => Ok(()),
            Phase::Content => {
                if let Some(c) = self.canon.as_mut() {
                    c.end();
                }
                Ok(())
            }
            Phase::Prolog | Phase::BeforeSignature => Err(DsigError::MissingSignature.into()),
        }
    }

    fn text(&mut self, text: &str, _offset: u64) -> Result<(), Error> {
        match self.phase {
            Phase::Prolog => Ok(()),
            Phase::BeforeSignature => self.hold(Held::Text(text.to_string())),
            Phase::InSignature => Ok(()),
            Phase::Content => {
                if let Some(c) = self.canon.as_mut() {
                    c.text(text);
                }
                Ok(())
            }
        }
    }

    fn comment(&mut self, text: &str, _offset: u64) -> Result<(), Error> {
        match self.phase {
            Phase::Prolog | Phase::BeforeSignature => self.hold(Held::Comment(text.to_string())),
            Phase::InSignature => Ok(()),
            Phase::Content => {
                if let Some(c) = self.canon.as_mut() {
                    c.comment(text);
                }
                Ok(())
            }
        }
    }

    fn pi(&mut self, target: &str, data: Option<&str>, _offset: u64) -> Result<(), Error> {
        match self.phase {
            Phase::Prolog | Phase::BeforeSignature => {
                self.hold(Held::Pi(target.to_string(), data.map(String::from)))
            }
            Phase::InSignature => Ok(()),
            Phase::Content => {
                if let Some(c) = self.canon.as_mut() {
                    c.pi(target, data);
                }
                Ok(())
            }
        }
    }

    fn wants_raw(&self) -> bool {
        self.phase == Phase::InSignature
    }

    fn raw(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.capture(bytes)
    }
}

/// Feeds every event of a document into a canonicalizer writing to a buffer.
#[cfg(any(test, feature = "testing"))]
struct Collect {
    canon: Canonicalizer<Vec<u8>>,
}

#[cfg(any(test, feature = "testing"))]
impl Handler for Collect {
    type Error = Error;
    fn start(&mut self, tag: &StartTag<'_>) -> Result<(), Error> {
        self.canon
            .start(tag.prefix, tag.local, tag.decls, tag.attrs);
        Ok(())
    }
    fn end(&mut self, _depth: usize, _end_offset: u64) -> Result<(), Error> {
        self.canon.end();
        Ok(())
    }
    fn text(&mut self, text: &str, _offset: u64) -> Result<(), Error> {
        self.canon.text(text);
        Ok(())
    }
    fn comment(&mut self, text: &str, _offset: u64) -> Result<(), Error> {
        self.canon.comment(text);
        Ok(())
    }
    fn pi(&mut self, target: &str, data: Option<&str>, _offset: u64) -> Result<(), Error> {
        self.canon.pi(target, data);
        Ok(())
    }
    fn wants_raw(&self) -> bool {
        false
    }
    fn raw(&mut self, _bytes: &[u8]) -> Result<(), Error> {
        Ok(())
    }
}

/// Canonicalizes a whole document read by the streaming reader in chunks of `chunk`
/// bytes — exposed so that tests and the differential fuzz target can compare it with
/// the tree reader's canonical form of the same bytes.
///
/// # Errors
/// [`Error::Xml`] for anything the streaming reader refuses.
#[cfg(any(test, feature = "testing"))]
pub fn canonicalize_stream(
    xml: &[u8],
    algorithm: C14nAlgorithm,
    limits: &crate::xml::Limits,
    chunk: usize,
) -> Result<Vec<u8>, Error> {
    let opts = c14n::Options {
        method: algorithm.method,
        with_comments: algorithm.with_comments,
        inclusive_prefixes: &[],
    };
    let mut h = Collect {
        canon: Canonicalizer::new(opts, Vec::new()),
    };
    let mut r = Lexer::new(limits.clone());
    for c in xml.chunks(chunk.max(1)) {
        r.feed(c, &mut h)?;
    }
    r.finish(&mut h)?;
    Ok(h.canon.into_sink())
}

/// Verifies a document streamed in chunks: see the module documentation for the
/// signature shape it accepts.
///
/// ```
/// use trustmeta::{DateTime, Policy, StreamVerifier, TrustStore};
/// let store = TrustStore::from_pem(include_bytes!("../../../tests/data/metadata/signed/signer.pem"))?;
/// let xml = include_bytes!("../../../tests/data/metadata/signed/aggregate.xml");
/// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
/// let policy = Policy::default();
/// let mut v = StreamVerifier::new(&store, &policy, now);
/// for chunk in xml.chunks(4096) {
///     v.feed(chunk)?;
/// }
/// let outcome = v.finish()?;
/// assert_eq!(outcome.root.local_name, "EntitiesDescriptor");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct StreamVerifier<'s>(Engine<'s, NoObserver>);

impl StreamVerifier<'static> {
    /// As [`StreamVerifier::new`], owning its trust store: for a verifier that must
    /// outlive the caller's borrow (a handle kept by another language between calls).
    pub fn owning(store: TrustStore, policy: &Policy, now: DateTime) -> Self {
        StreamVerifier(Engine::owning(store, policy, now, NoObserver))
    }
}

impl<'s> StreamVerifier<'s> {
    /// A verifier trusting `store` under `policy` at `now`, with the default backend.
    pub fn new(store: &'s TrustStore, policy: &Policy, now: DateTime) -> Self {
        Self::with_verifier(store, policy, now, default_verifier())
    }

    /// As [`StreamVerifier::new`] with a caller-supplied signature verifier.
    pub fn with_verifier(
        store: &'s TrustStore,
        policy: &Policy,
        now: DateTime,
        verifier: &'s dyn SignatureVerifier,
    ) -> Self {
        StreamVerifier(Engine::new(
            StoreRef::Borrowed(store),
            policy,
            now,
            verifier,
            NoObserver,
        ))
    }

    /// Reads the next bytes of the document.
    ///
    /// # Errors
    /// The first XML, signature, crypto or trust error met so far; after an error the
    /// verifier must not be fed again.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.0.feed(chunk)
    }

    /// Ends the document: it must be complete, and its digest must match.
    ///
    /// # Errors
    /// As [`StreamVerifier::feed`], plus [`DsigError::MissingSignature`] and
    /// [`DsigError::DigestMismatch`].
    pub fn finish(self) -> Result<StreamOutcome, Error> {
        self.0.finish().map(|(o, _)| o)
    }

    /// Hashes the canonical content with hashers that `start` makes (for example on
    /// another thread) instead of in [`StreamVerifier::feed`].
    pub fn hash_with(&mut self, start: BlockHasherFactory<'s>) {
        self.0.hash_with(start);
    }
}

/// The streaming verification, telling an [`Observer`] what it reads.
pub(crate) struct Engine<'s, O> {
    reader: Lexer<'static>,
    state: State<'s, O>,
    bytes: u64,
}

impl<O: Observer> Engine<'static, O> {
    /// A verifier owning its trust store, with the default backend.
    pub(crate) fn owning(store: TrustStore, policy: &Policy, now: DateTime, observer: O) -> Self {
        Self::new(
            StoreRef::Owned(Box::new(store)),
            policy,
            now,
            default_verifier(),
            observer,
        )
    }
}

impl<'s, O: Observer> Engine<'s, O> {
    /// A verifier borrowing its trust store, with the default backend.
    pub(crate) fn borrowing(
        store: &'s TrustStore,
        policy: &Policy,
        now: DateTime,
        observer: O,
    ) -> Self {
        Self::new(
            StoreRef::Borrowed(store),
            policy,
            now,
            default_verifier(),
            observer,
        )
    }

    /// A verifier borrowing its trust store, with a caller-supplied signature verifier.
    pub(crate) fn borrowing_with(
        store: &'s TrustStore,
        policy: &Policy,
        now: DateTime,
        verifier: &'s dyn SignatureVerifier,
        observer: O,
    ) -> Self {
        Self::new(StoreRef::Borrowed(store), policy, now, verifier, observer)
    }

    fn new(
        store: StoreRef<'s>,
        policy: &Policy,
        now: DateTime,
        verifier: &'s dyn SignatureVerifier,
        observer: O,
    ) -> Self {
        Engine {
            reader: Lexer::new(policy.limits.clone()),
            state: State {
                store,
                policy: policy.clone(),
                now,
                verifier,
                block_hasher: None,
                phase: Phase::Prolog,
                held: Vec::new(),
                held_bytes: 0,
                root: None,
                root_tag: 0..0,
                sig_raw: Vec::new(),
                canon: None,
                digest: None,
                report: None,
                nested_signatures: 0,
                observer,
                skipping: None,
            },
            bytes: 0,
        }
    }

    pub(crate) fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.bytes += chunk.len() as u64;
        self.reader.feed(chunk, &mut self.state)
    }

    pub(crate) fn hash_with(&mut self, start: BlockHasherFactory<'s>) {
        self.state.block_hasher = Some(start);
    }

    /// The observer, to change what it gathers before reading starts.
    pub(crate) fn observer_mut(&mut self) -> &mut O {
        &mut self.state.observer
    }

    /// Ends the document; gives the outcome and what the observer gathered.
    pub(crate) fn finish(mut self) -> Result<(StreamOutcome, O), Error> {
        self.reader.finish(&mut self.state)?;
        let s = self.state;
        let (Some(canon), Some((_, want)), Some(report), Some(root)) =
            (s.canon, s.digest, s.report, s.root)
        else {
            return Err(DsigError::MissingSignature.into());
        };
        let got = canon
            .into_sink()
            .finish()
            .ok_or_else(|| DsigError::Malformed {
                reason: "the digest of the content could not be computed".to_string(),
            })?;
        if !want.is(&got) {
            return Err(DsigError::DigestMismatch {
                uri: report
                    .references
                    .first()
                    .map(|r| r.uri.clone())
                    .unwrap_or_default(),
            }
            .into());
        }
        Ok((
            StreamOutcome {
                root: StreamedRoot {
                    namespace: root.ns,
                    local_name: root.local,
                    attributes: root
                        .attrs
                        .into_iter()
                        .map(|(_, l, ns, v)| (ns, l, v))
                        .collect(),
                },
                report,
                nested_signatures: s.nested_signatures,
                bytes: self.bytes,
                root_tag: s.root_tag,
            },
            s.observer,
        ))
    }
}
