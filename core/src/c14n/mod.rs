//! Canonicalization: Canonical XML 1.0 and 1.1 and Exclusive XML Canonicalization 1.0,
//! each with or without comments.
//!
//! One canonicalizer consumes events (start tag, end tag, text, comment, PI) and writes
//! canonical bytes into a [`Sink`] — a buffer or a running digest, so a Reference is
//! hashed without materializing its canonical form. The tree adapter below feeds it from
//! the parsed document; a streaming reader can feed it the same events.
//!
//! The node sets trustmeta canonicalizes are always whole subtrees (a document or an
//! element) minus whole excluded subtrees (the enveloped signature), so the "nearest
//! output ancestor" of C14N is always the parent, which keeps the namespace rules simple.

mod tree;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

pub(crate) use tree::{canonicalize, canonicalize_with};

use crate::xml::{lexer, Mark, NsScope};

/// The canonicalization algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum C14nMethod {
    /// Canonical XML 1.0 (`http://www.w3.org/TR/2001/REC-xml-c14n-20010315`).
    Inclusive10,
    /// Canonical XML 1.1 (`http://www.w3.org/2006/12/xml-c14n11`).
    Inclusive11,
    /// Exclusive XML Canonicalization 1.0 (`http://www.w3.org/2001/10/xml-exc-c14n#`).
    Exclusive10,
}

/// A canonicalization algorithm as named by its URI: the method and whether comments
/// are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct C14nAlgorithm {
    /// Which canonicalization.
    pub method: C14nMethod,
    /// The `#WithComments` variant.
    pub with_comments: bool,
}

impl C14nAlgorithm {
    /// The algorithm named by `uri`, if it is one of the six supported.
    ///
    /// ```
    /// use trustmeta::{C14nAlgorithm, C14nMethod};
    /// let a = C14nAlgorithm::from_uri("http://www.w3.org/2001/10/xml-exc-c14n#WithComments").unwrap();
    /// assert_eq!(a.method, C14nMethod::Exclusive10);
    /// assert!(a.with_comments);
    /// ```
    pub fn from_uri(uri: &str) -> Option<Self> {
        let (method, with_comments) = match uri {
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315" => (C14nMethod::Inclusive10, false),
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments" => {
                (C14nMethod::Inclusive10, true)
            }
            "http://www.w3.org/2006/12/xml-c14n11" => (C14nMethod::Inclusive11, false),
            "http://www.w3.org/2006/12/xml-c14n11#WithComments" => (C14nMethod::Inclusive11, true),
            "http://www.w3.org/2001/10/xml-exc-c14n#" => (C14nMethod::Exclusive10, false),
            "http://www.w3.org/2001/10/xml-exc-c14n#WithComments" => {
                (C14nMethod::Exclusive10, true)
            }
            _ => return None,
        };
        Some(C14nAlgorithm {
            method,
            with_comments,
        })
    }

    /// The algorithm's URI.
    pub fn uri(self) -> &'static str {
        match (self.method, self.with_comments) {
            (C14nMethod::Inclusive10, false) => "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
            (C14nMethod::Inclusive10, true) => {
                "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
            }
            (C14nMethod::Inclusive11, false) => "http://www.w3.org/2006/12/xml-c14n11",
            (C14nMethod::Inclusive11, true) => "http://www.w3.org/2006/12/xml-c14n11#WithComments",
            (C14nMethod::Exclusive10, false) => "http://www.w3.org/2001/10/xml-exc-c14n#",
            (C14nMethod::Exclusive10, true) => {
                "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
            }
        }
    }
}

impl fmt::Display for C14nAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.uri())
    }
}

/// Where canonical bytes go: a buffer, or a digest being computed.
pub(crate) trait Sink {
    /// Appends bytes.
    fn write(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn write(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// A namespace declaration: prefix (`""` for the default namespace) and URI (`""`
/// undeclares the default namespace).
#[derive(Clone, Copy, Debug)]
pub(crate) struct NsDecl<'d> {
    pub(crate) prefix: &'d str,
    pub(crate) uri: &'d str,
}

/// An attribute with its prefix as written and its namespace URI (`""` for none).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Attr<'d> {
    pub(crate) prefix: &'d str,
    pub(crate) local: &'d str,
    pub(crate) ns: &'d str,
    pub(crate) value: &'d str,
}

/// What to canonicalize with: the algorithm, comment handling (already combined with
/// what the Reference URI keeps) and the exclusive `InclusiveNamespaces PrefixList`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Options<'p> {
    pub(crate) method: C14nMethod,
    pub(crate) with_comments: bool,
    /// Prefixes treated inclusively by Exclusive C14N (`""` stands for `#default`).
    pub(crate) inclusive_prefixes: &'p [String],
}

/// A string in the canonicalizer's arena: element names outlive the input they came
/// from, so one canonicalizer serves a parsed tree and a stream whose buffer moves.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

struct Frame {
    prefix: Span,
    local: Span,
    scope: Mark,
    rendered: Mark,
    arena_len: usize,
}

/// The event-driven canonicalizer.
///
/// Namespace scope is tracked by change: an element pushes what it declares and its
/// end pops it, so nothing proportional to the bindings in scope is copied per element,
/// and each lookup is logarithmic in them (DESIGN.md invariant 11).
pub(crate) struct Canonicalizer<S: Sink> {
    method: C14nMethod,
    with_comments: bool,
    /// The exclusive `PrefixList`, owned so that a canonicalizer outlives its options.
    inclusive_prefixes: Vec<String>,
    /// Attribute order scratch, reused across elements.
    order: Vec<u32>,
    /// The declarations the current element renders: prefix and URI, in `pending_text`.
    pending: Vec<(Span, Span)>,
    pending_text: String,
    sink: S,
    /// The names of open elements, in document order; truncated on close.
    arena: String,
    /// In-scope namespace bindings.
    scope: NsScope,
    /// Namespace declarations rendered by output ancestors.
    rendered: NsScope,
    frames: Vec<Frame>,
    /// Whether the root element has been closed (for the newline rules of
    /// comments and PIs outside it).
    after_root: bool,
}

/// The arrays a canonicalizer works in, handed from one canonicalization to the next:
/// a verification canonicalizes its SignedInfo and then each Reference, and allocating
/// them once instead of each time is a good share of a small document's allocations.
/// The default one holds no memory yet.
#[derive(Default)]
pub(crate) struct Scratch {
    order: Vec<u32>,
    pending: Vec<(Span, Span)>,
    pending_text: String,
    arena: String,
    scope: NsScope,
    rendered: NsScope,
    frames: Vec<Frame>,
    /// The tree adapter's per-element arrays (see [`tree::canonicalize_with`]).
    pub(crate) open: Vec<u32>,
    pub(crate) decls: Vec<NsDecl<'static>>,
    pub(crate) attrs: Vec<Attr<'static>>,
    /// The tokenizer's attributes as found (only a parse uses it).
    pub(crate) raw: Vec<lexer::RawAttr>,
}

/// What a thread keeps between verifications: at most this many bytes of scratch
/// arrays. A usual signed document's need a few KB; one that grew them further (a long
/// attribute value, a deep tree) gives them back, so memory stays flat.
#[cfg(feature = "std")]
const POOL_KEEP: usize = 64 * 1024;

#[cfg(feature = "std")]
std::thread_local! {
    /// The arrays the last verification on this thread left, emptied.
    static POOL: core::cell::Cell<Option<Scratch>> = const { core::cell::Cell::new(None) };
}

/// A verification's scratch arrays, from this thread's pool when it holds some: with
/// `std`, a thread that verifies one small document after another allocates its
/// tokenizer and canonicalizer arrays once, not once per document. Dropped, the arrays
/// are emptied and given back (or freed, when over [`POOL_KEEP`]); nothing of one
/// verification is left for the next to read. A verification inside another (a
/// decrypted assertion) finds the pool empty and starts with fresh arrays.
pub(crate) struct Pooled(Scratch);

impl Pooled {
    pub(crate) fn take() -> Self {
        #[cfg(feature = "std")]
        if let Ok(Some(s)) = POOL.try_with(core::cell::Cell::take) {
            return Pooled(s);
        }
        Pooled(Scratch::default())
    }
}

impl core::ops::Deref for Pooled {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        &self.0
    }
}

impl core::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Scratch {
        &mut self.0
    }
}

#[cfg(feature = "std")]
impl Drop for Pooled {
    fn drop(&mut self) {
        let mut s = core::mem::take(&mut self.0);
        s.clear();
        if s.retained() <= POOL_KEEP {
            // During the thread's teardown there is no pool: the arrays are just freed.
            let _ = POOL.try_with(|p| p.set(Some(s)));
        }
    }
}

impl Scratch {
    /// Empties every array, keeping its capacity.
    fn clear(&mut self) {
        self.order.clear();
        self.pending.clear();
        self.pending_text.clear();
        self.arena.clear();
        self.scope.clear();
        self.rendered.clear();
        self.frames.clear();
        self.open.clear();
        self.decls.clear();
        self.attrs.clear();
        self.raw.clear();
    }

    /// The bytes its arrays hold.
    #[cfg(feature = "std")]
    fn retained(&self) -> usize {
        fn bytes<T>(v: &Vec<T>) -> usize {
            v.capacity().saturating_mul(core::mem::size_of::<T>())
        }
        [
            bytes(&self.order),
            bytes(&self.pending),
            self.pending_text.capacity(),
            self.arena.capacity(),
            self.scope.retained(),
            self.rendered.retained(),
            bytes(&self.frames),
            bytes(&self.open),
            bytes(&self.decls),
            bytes(&self.attrs),
            bytes(&self.raw),
        ]
        .iter()
        .fold(0usize, |a, b| a.saturating_add(*b))
    }

    /// The arrays of the same types that a tokenizer works in, lent for a parse that
    /// comes before the canonicalizations (they come back with
    /// [`take_back_from_reader`](Scratch::take_back_from_reader)).
    pub(crate) fn lend_to_reader(&mut self) -> lexer::Arrays {
        lexer::Arrays {
            scope: core::mem::take(&mut self.scope),
            names: core::mem::take(&mut self.arena),
            values: core::mem::take(&mut self.pending_text),
            attrs: core::mem::take(&mut self.attrs),
            decls: core::mem::take(&mut self.decls),
            tags: core::mem::take(&mut self.open),
            raw: core::mem::take(&mut self.raw),
        }
    }

    /// The arrays [`lend_to_reader`](Scratch::lend_to_reader) lent, emptied by the reader.
    pub(crate) fn take_back_from_reader(&mut self, a: lexer::Arrays) {
        self.scope = a.scope;
        self.arena = a.names;
        self.pending_text = a.values;
        self.attrs = a.attrs;
        self.decls = a.decls;
        self.open = a.tags;
        self.raw = a.raw;
    }
}

impl<S: Sink> Canonicalizer<S> {
    pub(crate) fn new(opts: Options<'_>, sink: S) -> Self {
        Self::with_scratch(opts, sink, Scratch::default())
    }

    /// A canonicalizer working in `scratch` (left empty by the previous one).
    pub(crate) fn with_scratch(opts: Options<'_>, sink: S, scratch: Scratch) -> Self {
        let Scratch {
            order,
            pending,
            pending_text,
            mut arena,
            scope,
            rendered,
            mut frames,
            ..
        } = scratch;
        // Sized for typical documents (depth < 32) so that canonicalizing a small
        // message allocates a fixed, small number of times.
        arena.reserve(128);
        frames.reserve(32);
        Canonicalizer {
            method: opts.method,
            with_comments: opts.with_comments,
            inclusive_prefixes: opts.inclusive_prefixes.to_vec(),
            order,
            pending,
            pending_text,
            sink,
            arena,
            scope,
            rendered,
            frames,
            after_root: false,
        }
    }

    pub(crate) fn into_sink(self) -> S {
        self.sink
    }

    /// The output and the arrays, emptied, for the next canonicalization.
    pub(crate) fn into_parts(self) -> (S, Scratch) {
        let mut s = Scratch {
            order: self.order,
            pending: self.pending,
            pending_text: self.pending_text,
            arena: self.arena,
            scope: self.scope,
            rendered: self.rendered,
            frames: self.frames,
            open: Vec::new(),
            decls: Vec::new(),
            attrs: Vec::new(),
            raw: Vec::new(),
        };
        s.clear();
        (self.sink, s)
    }

    fn keep(&mut self, s: &str) -> Span {
        let start = self.arena.len();
        self.arena.push_str(s);
        // Documents are capped far below 4 GiB by the reading limits.
        Span {
            start: start as u32,
            end: self.arena.len() as u32,
        }
    }

    /// A start tag. `decls` are the namespace declarations this element makes (the apex
    /// passes every binding in scope); `attrs` are its attributes, sorted here into
    /// canonical order.
    pub(crate) fn start(
        &mut self,
        prefix: &str,
        local: &str,
        decls: &[NsDecl<'_>],
        attrs: &[Attr<'_>],
    ) {
        let arena_len = self.arena.len();
        let prefix_span = self.keep(prefix);
        let local_span = self.keep(local);
        let frame = Frame {
            prefix: prefix_span,
            local: local_span,
            scope: self.scope.mark(),
            rendered: self.rendered.mark(),
            arena_len,
        };
        self.frames.push(frame);
        for d in decls {
            self.scope.push(d.prefix, d.uri, 0);
        }

        self.pending.clear();
        self.pending_text.clear();
        match self.method {
            C14nMethod::Inclusive10 | C14nMethod::Inclusive11 => {
                for d in decls {
                    self.consider(d.prefix);
                }
            }
            C14nMethod::Exclusive10 => {
                self.consider(prefix);
                for a in attrs.iter() {
                    if !a.prefix.is_empty() && a.prefix != "xml" {
                        self.consider(a.prefix);
                    }
                }
                for i in 0..self.inclusive_prefixes.len() {
                    // An inclusive prefix is rendered wherever it is in scope and differs
                    // from what an output ancestor rendered.
                    let p = core::mem::take(&mut self.inclusive_prefixes[i]);
                    self.consider(&p);
                    self.inclusive_prefixes[i] = p;
                }
            }
        }
        sort_declarations(&mut self.pending, &self.pending_text);

        self.sink.write(b"<");
        write_qname(&mut self.sink, prefix, local);
        for &(p, u) in &self.pending {
            let p = slice(&self.pending_text, p);
            if p.is_empty() {
                self.sink.write(b" xmlns=\"");
            } else {
                self.sink.write(b" xmlns:");
                self.sink.write(p.as_bytes());
                self.sink.write(b"=\"");
            }
            escape_attr(&mut self.sink, slice(&self.pending_text, u));
            self.sink.write(b"\"");
        }
        for &(p, u) in &self.pending {
            self.rendered.push(
                slice(&self.pending_text, p),
                slice(&self.pending_text, u),
                0,
            );
        }

        let mut small = [0u32; 16];
        let order = attribute_order(attrs, &mut small, &mut self.order);
        for &k in order.iter() {
            let a = &attrs[k as usize];
            self.sink.write(b" ");
            write_qname(&mut self.sink, a.prefix, a.local);
            self.sink.write(b"=\"");
            escape_attr(&mut self.sink, a.value);
            self.sink.write(b"\"");
        }
        self.sink.write(b">");
    }

    /// Queues the declaration of `prefix` for output when the binding in scope differs
    /// from the one rendered by the output ancestors. An unbound default namespace counts
    /// as bound to "" (so `xmlns=""` appears only to undo a rendered default).
    fn consider(&mut self, prefix: &str) {
        if prefix == "xml" {
            return;
        }
        let text = &self.pending_text;
        if self.pending.iter().any(|&(p, _)| slice(text, p) == prefix) {
            return;
        }
        let in_scope = match self.scope.lookup(prefix) {
            Some((u, _)) => u,
            None if prefix.is_empty() => "",
            None => return,
        };
        let rendered = self.rendered.lookup(prefix).map_or("", |(u, _)| u);
        if in_scope != rendered {
            let start = self.pending_text.len() as u32;
            self.pending_text.push_str(prefix);
            let mid = self.pending_text.len() as u32;
            self.pending_text.push_str(in_scope);
            let end = self.pending_text.len() as u32;
            self.pending
                .push((Span { start, end: mid }, Span { start: mid, end }));
        }
    }

    pub(crate) fn end(&mut self) {
        if let Some(f) = self.frames.pop() {
            self.sink.write(b"</");
            let (p, l) = (f.prefix, f.local);
            let (start, end) = (p.start as usize, l.end as usize);
            // prefix and local are adjacent in the arena: write them without borrowing
            // the arena twice.
            let names = &self.arena[start..end];
            let split = (p.end - p.start) as usize;
            write_qname(&mut self.sink, &names[..split], &names[split..]);
            self.sink.write(b">");
            self.scope.pop(f.scope);
            self.rendered.pop(f.rendered);
            self.arena.truncate(f.arena_len);
            if self.frames.is_empty() {
                self.after_root = true;
            }
        }
    }

    pub(crate) fn text(&mut self, t: &str) {
        // Text outside the document element is not part of the data model.
        if !self.frames.is_empty() {
            escape_text(&mut self.sink, t);
        }
    }

    pub(crate) fn comment(&mut self, t: &str) {
        if !self.with_comments {
            return;
        }
        self.before_top_level();
        self.sink.write(b"<!--");
        write_normalized(&mut self.sink, t);
        self.sink.write(b"-->");
        self.after_top_level();
    }

    pub(crate) fn pi(&mut self, target: &str, data: Option<&str>) {
        self.before_top_level();
        self.sink.write(b"<?");
        self.sink.write(target.as_bytes());
        if let Some(d) = data.filter(|d| !d.is_empty()) {
            self.sink.write(b" ");
            write_normalized(&mut self.sink, d);
        }
        self.sink.write(b"?>");
        self.after_top_level();
    }

    fn before_top_level(&mut self) {
        if self.frames.is_empty() && self.after_root {
            self.sink.write(b"\n");
        }
    }

    fn after_top_level(&mut self) {
        if self.frames.is_empty() && !self.after_root {
            self.sink.write(b"\n");
        }
    }
}

/// Sorts the declarations an element renders by prefix (the default namespace first).
///
/// Outside `Canonicalizer<S>` so that every sink shares one copy of the sort.
fn sort_declarations(pending: &mut [(Span, Span)], text: &str) {
    pending.sort_by(|a, b| slice(text, a.0).cmp(slice(text, b.0)));
}

/// The canonical order of `attrs` (by namespace URI, then local name) as indexes into it,
/// sorted in `small` for the usual handful of attributes (no allocation per
/// canonicalizer), in `heap` beyond that.
///
/// Outside `Canonicalizer<S>` so that every sink shares one copy of the sort.
fn attribute_order<'o>(
    attrs: &[Attr<'_>],
    small: &'o mut [u32; 16],
    heap: &'o mut Vec<u32>,
) -> &'o mut [u32] {
    // Attributes per element are capped far below u32 by the reading limits.
    let order: &mut [u32] = if attrs.len() <= small.len() {
        for (i, o) in small.iter_mut().enumerate().take(attrs.len()) {
            *o = i as u32;
        }
        &mut small[..attrs.len()]
    } else {
        heap.clear();
        heap.extend(0..attrs.len() as u32);
        heap
    };
    order.sort_unstable_by(|x, y| {
        let (a, b) = (&attrs[*x as usize], &attrs[*y as usize]);
        (a.ns, a.local).cmp(&(b.ns, b.local))
    });
    order
}

fn slice(arena: &str, s: Span) -> &str {
    &arena[s.start as usize..s.end as usize]
}

/// Writes comment or PI content with XML 1.0 §2.11 line-end normalization (CR LF and
/// lone CR become LF). The reader normalizes text and attributes but hands comments and
/// PIs over raw; without this, their canonical form would differ from other
/// implementations' (a parser differential).
fn write_normalized<S: Sink>(sink: &mut S, t: &str) {
    let bytes = t.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' {
            sink.write(&bytes[start..i]);
            sink.write(b"\n");
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    sink.write(&bytes[start..]);
}

fn write_qname<S: Sink>(sink: &mut S, prefix: &str, local: &str) {
    if !prefix.is_empty() {
        sink.write(prefix.as_bytes());
        sink.write(b":");
    }
    sink.write(local.as_bytes());
}

fn escape_text<S: Sink>(sink: &mut S, t: &str) {
    // Most text needs no escaping: find that out with vectorized scans first.
    let b = t.as_bytes();
    if memchr::memchr3(b'&', b'<', b'>', b).is_none() && memchr::memchr(b'\r', b).is_none() {
        sink.write(b);
        return;
    }
    escape(sink, t, &TEXT_ESCAPES);
}

fn escape_attr<S: Sink>(sink: &mut S, t: &str) {
    let b = t.as_bytes();
    if memchr::memchr3(b'&', b'<', b'"', b).is_none()
        && memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
    {
        sink.write(b);
        return;
    }
    escape(sink, t, &ATTR_ESCAPES);
}

/// Replacement of each byte that needs one (C14N 1.0 §2.3), by byte value; "" = none.
type Escapes = [&'static str; 256];

const fn escapes(pairs: &[(u8, &'static str)]) -> Escapes {
    let mut t = [""; 256];
    let mut i = 0;
    while i < pairs.len() {
        t[pairs[i].0 as usize] = pairs[i].1;
        i += 1;
    }
    t
}

static TEXT_ESCAPES: Escapes = escapes(&[
    (b'&', "&amp;"),
    (b'<', "&lt;"),
    (b'>', "&gt;"),
    (b'\r', "&#xD;"),
]);
static ATTR_ESCAPES: Escapes = escapes(&[
    (b'&', "&amp;"),
    (b'<', "&lt;"),
    (b'"', "&quot;"),
    (b'\t', "&#x9;"),
    (b'\n', "&#xA;"),
    (b'\r', "&#xD;"),
]);

fn escape<S: Sink>(sink: &mut S, t: &str, table: &Escapes) {
    let bytes = t.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep = table[usize::from(b)];
        if !rep.is_empty() {
            sink.write(&bytes[start..i]);
            sink.write(rep.as_bytes());
            start = i + 1;
        }
    }
    sink.write(&bytes[start..]);
}

#[cfg(test)]
mod tests;
