//! The one XML tokenizer: bytes go in as they arrive, namespace-resolved events come out.
//!
//! Both readers are built on it — the tree reader feeds it the whole document and
//! builds nodes from its events, the streaming verifier feeds it chunks and
//! canonicalizes the events as they come — so the two cannot read one document two
//! ways (DESIGN.md invariant 10). Every limit is enforced here, while the token is
//! being read: a comment, processing instruction, CDATA section, attribute value or tag
//! is refused as soon as it passes its limit, before it is buffered whole and before any
//! node exists (invariant 11). A token that is not complete yet is scanned only once:
//! the search resumes where the previous chunk left it.
//!
//! The grammar is XML 1.0 (fifth edition) with Namespaces in XML 1.0, in UTF-8, without a
//! DTD: the five predefined entities and character references, CDATA sections, comments
//! and processing instructions. Refused, as not well-formed or not one meaning: a
//! DOCTYPE, an attribute given twice in any spelling (two `xmlns`, two prefixes bound to
//! one URI), an empty or reserved prefix, a prefix bound to the empty name, an XML
//! declaration other than version 1.0 with encoding UTF-8, a second byte-order mark.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::scope::{Mark, NsScope};
use super::{Limits, Position, XmlError, MAX_DEPTH, NS_XML};
use crate::c14n::{Attr, NsDecl};

const NS_XMLNS: &str = "http://www.w3.org/2000/xmlns/";
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The namespace tag of a name in no namespace.
pub(crate) const NO_NAMESPACE: u32 = u32::MAX;
/// The namespace tag of the `xml:` prefix, bound by definition.
pub(crate) const XML_NAMESPACE: u32 = u32::MAX - 1;

/// A start tag, namespace-resolved.
pub(crate) struct StartTag<'a> {
    pub(crate) prefix: &'a str,
    pub(crate) local: &'a str,
    pub(crate) ns: &'a str,
    /// Which declaration bound the element's namespace: its ordinal in the document
    /// (declarations are numbered in the order the start tags carry them), or
    /// [`NO_NAMESPACE`].
    pub(crate) ns_tag: u32,
    /// Declarations made on this element.
    pub(crate) decls: &'a [NsDecl<'a>],
    /// The other attributes, values decoded and normalized.
    pub(crate) attrs: &'a [Attr<'a>],
    /// The namespace tag of each attribute, as `ns_tag`.
    pub(crate) attr_tags: &'a [u32],
    /// Depth of this element (the document element is 1).
    pub(crate) depth: usize,
    /// The tag as written.
    pub(crate) raw: &'a [u8],
    /// The stream offset of its `<`.
    pub(crate) offset: u64,
}

/// What the tokenizer tells its user.
pub(crate) trait Handler {
    /// The error type the user reports through the tokenizer.
    type Error: From<XmlError>;
    /// A start tag; an empty-element tag is followed by `end` at once.
    fn start(&mut self, tag: &StartTag<'_>) -> Result<(), Self::Error>;
    /// An end tag; `depth` is the depth of the element it closes, `end_offset` the byte
    /// offset just after it.
    fn end(&mut self, depth: usize, end_offset: u64) -> Result<(), Self::Error>;
    /// Character data (decoded, line ends normalized), possibly in several pieces;
    /// `offset` is where the piece starts in the input.
    fn text(&mut self, text: &str, offset: u64) -> Result<(), Self::Error>;
    /// A comment's content.
    fn comment(&mut self, text: &str, offset: u64) -> Result<(), Self::Error>;
    /// A processing instruction.
    fn pi(&mut self, target: &str, data: Option<&str>, offset: u64) -> Result<(), Self::Error>;
    /// Whether the user wants the source bytes of the tokens that follow (start tags
    /// carry theirs in [`StartTag::raw`]).
    fn wants_raw(&self) -> bool;
    /// The source bytes of a token other than a start tag, while `wants_raw` says so.
    fn raw(&mut self, bytes: &[u8]) -> Result<(), Self::Error>;
}

struct Frame {
    /// Where the qualified name as written starts in `names`, for the end-tag check; it
    /// runs to the end of `names` while the element is the innermost one open.
    qname: u32,
    mark: Mark,
}

/// How far the unfinished token at `pos` has been scanned: the next chunk resumes there.
#[derive(Clone, Copy, Default)]
struct Resume {
    /// Bytes from `pos` already scanned.
    at: usize,
    /// In a start tag: the quote of the value being scanned (0 outside values).
    quote: u8,
    /// In a start tag: where the value being scanned starts, from `pos`.
    value_start: usize,
    /// In a start tag: how many values were seen.
    values: usize,
}

#[derive(Clone, Copy)]
pub(crate) struct RawAttr {
    qname: (usize, usize),
    colon: Option<usize>,
    value: (usize, usize),
}

enum Step {
    /// A token was handled.
    Done,
    /// More input is needed to finish the token at `pos`.
    More,
}

/// The tokenizer.
pub(crate) struct Lexer<'a> {
    limits: Limits,
    /// What is read: a stream's own buffer, or a whole document in memory, not copied.
    buf: Cow<'a, [u8]>,
    /// Stream offset of `buf[0]`.
    base: u64,
    /// Start of the unconsumed bytes in `buf`.
    pos: usize,
    resume: Resume,
    /// Bytes of character data since the last markup (one text run).
    text_run: usize,
    scope: NsScope,
    /// Declarations numbered so far.
    decl_count: u32,
    /// Qualified names of open elements.
    names: String,
    /// The open elements: at most the depth limit, which is at most [`MAX_DEPTH`].
    frames: heapless::Vec<Frame, MAX_DEPTH>,
    seen_root: bool,
    root_closed: bool,
    at_start: bool,
    /// Where the prolog starts (after a byte-order mark).
    first: u64,
    // Per-tag scratch, kept to avoid allocating per element.
    values: String,
    raw_attrs: Vec<RawAttr>,
    attr_scratch: Vec<Attr<'static>>,
    decl_scratch: Vec<NsDecl<'static>>,
    tag_scratch: Vec<u32>,
}

/// The arrays a tokenizer works in, lent by a caller that has a use for them afterwards:
/// a verification canonicalizes in them once its tree is read, so a small document
/// allocates them once for both (see `c14n::Scratch`). The default one holds no memory.
#[derive(Default)]
pub(crate) struct Arrays {
    pub(crate) scope: NsScope,
    pub(crate) names: String,
    pub(crate) values: String,
    pub(crate) attrs: Vec<Attr<'static>>,
    pub(crate) decls: Vec<NsDecl<'static>>,
    pub(crate) tags: Vec<u32>,
    /// A start tag's attributes as found, before their names are resolved.
    pub(crate) raw: Vec<RawAttr>,
}

impl Arrays {
    /// Room kept for a usual start tag's attributes, declarations and per-tag numbers,
    /// so that reading one does not grow them; a canonicalizer working in the same
    /// arrays next keeps the same (`c14n::tree`).
    pub(crate) const ATTRS: usize = 8;
    pub(crate) const DECLS: usize = 4;
    pub(crate) const TAGS: usize = 8;

    fn clear(&mut self) {
        self.scope.clear();
        self.names.clear();
        self.values.clear();
        self.attrs.clear();
        self.decls.clear();
        self.tags.clear();
        self.raw.clear();
    }
}

/// Reuses a vector's allocation for elements of another lifetime (the standard
/// library collects in place when the layouts agree).
pub(crate) fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    // Empty, so the closure never runs; `filter_map` still collects in place.
    v.into_iter().filter_map(|_| None).collect()
}

const fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

const fn is_name_char(b: u8) -> bool {
    is_name_start(b) || b.is_ascii_digit() || b == b'-' || b == b'.'
}

/// [`is_name_char`] as a table: names are scanned byte by byte on every tag.
static NAME_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = is_name_char(i as u8);
        i += 1;
    }
    t
};

/// The first ':' of a name. Names are a few bytes long, where a plain scan beats the
/// setup of a vectorized search.
fn colon_in(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b':')
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn xml_char(c: u32) -> bool {
    matches!(c, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// The most bytes a start tag may take: the longest attribute value, and room for the
/// name and every attribute's name, quotes and white space.
fn tag_limit(l: &Limits) -> usize {
    l.max_text_len.saturating_add(
        l.max_attributes
            .saturating_add(1)
            .saturating_mul(l.max_name_len.saturating_add(64)),
    )
}

/// How a reference or character failed to decode.
enum Bad {
    Entity,
    Malformed(&'static str),
}

impl Lexer<'static> {
    /// A tokenizer for a stream: its buffer grows to one chunk plus an unfinished token,
    /// whatever the chunk size the caller chose.
    pub(crate) fn new(limits: Limits) -> Self {
        Lexer::over(limits, Cow::Owned(Vec::new()), Arrays::default())
    }
}

impl<'a> Lexer<'a> {
    /// Reads `input`, a whole document held in memory, in place (the tree reader): the
    /// document is not copied, so reading it needs no memory of its size. It works in
    /// `arrays`, which it gives back emptied, whatever the outcome.
    pub(crate) fn read_all<H: Handler>(
        limits: Limits,
        input: &'a [u8],
        h: &mut H,
        arrays: &mut Arrays,
    ) -> Result<(), H::Error> {
        let mut lexer = Lexer::over(limits, Cow::Borrowed(input), core::mem::take(arrays));
        let read = (|| {
            // Nothing is read when `start` waits: `finish` then refuses the input.
            if lexer.start() {
                while let Step::Done = lexer.step(h, false)? {}
            }
            lexer.finish(h)
        })();
        *arrays = lexer.into_arrays();
        read
    }

    fn over(limits: Limits, buf: Cow<'a, [u8]>, mut arrays: Arrays) -> Self {
        arrays.clear();
        let Arrays {
            scope,
            mut names,
            mut values,
            mut attrs,
            mut decls,
            mut tags,
            mut raw,
        } = arrays;
        // Room for a usual start tag, so that reading one does not grow them.
        names.reserve(128);
        values.reserve(128);
        attrs.reserve(Arrays::ATTRS);
        decls.reserve(Arrays::DECLS);
        tags.reserve(Arrays::TAGS);
        raw.reserve(Arrays::ATTRS);
        Lexer {
            limits,
            buf,
            base: 0,
            pos: 0,
            resume: Resume::default(),
            text_run: 0,
            scope,
            decl_count: 0,
            names,
            frames: heapless::Vec::new(),
            seen_root: false,
            root_closed: false,
            at_start: true,
            first: 0,
            values,
            raw_attrs: raw,
            attr_scratch: attrs,
            decl_scratch: decls,
            tag_scratch: tags,
        }
    }

    /// The lent arrays, emptied.
    fn into_arrays(self) -> Arrays {
        let mut a = Arrays {
            scope: self.scope,
            names: self.names,
            values: self.values,
            attrs: self.attr_scratch,
            decls: self.decl_scratch,
            tags: self.tag_scratch,
            raw: self.raw_attrs,
        };
        a.clear();
        a
    }

    /// The depth limit in force: the policy's, within the frames' capacity.
    fn depth_limit(&self) -> usize {
        self.limits.max_depth.min(MAX_DEPTH)
    }

    fn depth_refused(&self, start: usize) -> XmlError {
        XmlError::DepthLimit {
            limit: self.depth_limit(),
            pos: self.at(start),
        }
    }

    fn at(&self, i: usize) -> Position {
        Position::at_offset(self.base + i as u64)
    }

    fn err(&self, at: usize, reason: &str) -> XmlError {
        XmlError::Malformed {
            reason: String::from(reason),
            pos: self.at(at),
        }
    }

    fn text_too_long(&self, at: usize) -> XmlError {
        XmlError::TextTooLong {
            limit: self.limits.max_text_len,
            pos: self.at(at),
        }
    }

    /// Reads `chunk`, handling every token it completes.
    pub(crate) fn feed<H: Handler>(&mut self, chunk: &[u8], h: &mut H) -> Result<(), H::Error> {
        // No size limit here: memory does not grow with the document, and a caller
        // bounds how much it is willing to read (the tree reader's
        // `Limits::max_input_bytes` guards a whole-document buffer).
        // Consumed bytes are dropped before the buffer grows, so it holds at most one
        // chunk plus an unfinished token (itself bounded by its limit).
        if self.pos > 0 {
            self.buf.to_mut().drain(..self.pos);
            self.base += self.pos as u64;
            self.pos = 0;
        }
        self.buf.to_mut().extend_from_slice(chunk);
        if self.at_start && !self.start() {
            return Ok(());
        }
        while let Step::Done = self.step(h, false)? {}
        Ok(())
    }

    /// Skips a byte-order mark at the start of the input. Returns `false`, and changes
    /// nothing, while the input so far is only part of one: it waits for more.
    fn start(&mut self) -> bool {
        if self.buf.len() < BOM.len() && BOM.starts_with(&self.buf) {
            return false;
        }
        if self.buf.starts_with(BOM) {
            self.pos = BOM.len();
            self.first = BOM.len() as u64;
        }
        self.at_start = false;
        true
    }

    /// Ends the input: everything must be complete and the document element closed.
    pub(crate) fn finish<H: Handler>(&mut self, h: &mut H) -> Result<(), H::Error> {
        if self.at_start && !self.buf.is_empty() {
            // A prefix of a byte-order mark and nothing else.
            return Err(self.err(0, "no document element").into());
        }
        while self.pos < self.buf.len() {
            if let Step::More = self.step(h, true)? {
                return Err(self
                    .err(self.pos, "the document ends inside a token")
                    .into());
            }
        }
        if !self.seen_root {
            return Err(self.err(self.pos, "no document element").into());
        }
        if !self.frames.is_empty() {
            return Err(self
                .err(self.pos, "the document ends inside an element")
                .into());
        }
        Ok(())
    }

    /// A token was consumed: the next one starts at `to` with nothing scanned yet.
    fn consumed(&mut self, to: usize) {
        self.pos = to;
        self.resume = Resume::default();
    }

    fn step<H: Handler>(&mut self, h: &mut H, eof: bool) -> Result<Step, H::Error> {
        let start = self.pos;
        let rest = &self.buf[start..];
        if rest.is_empty() {
            return Ok(Step::More);
        }
        if rest[0] != b'<' {
            return self.text(h, eof);
        }
        if rest.len() < 2 {
            if eof {
                return Err(self.err(start, "a lone '<' at the end").into());
            }
            return Ok(Step::More);
        }
        // Markup ends a run of character data.
        self.text_run = 0;
        match rest[1] {
            b'/' => self.end_tag(h),
            b'?' => self.pi(h),
            b'!' => {
                if rest.starts_with(b"<!--") {
                    self.comment(h)
                } else if rest.starts_with(b"<![CDATA[") {
                    self.cdata(h)
                } else if rest.starts_with(b"<!DOCTYPE") {
                    Err(XmlError::DoctypeRefused {
                        pos: self.at(start),
                    }
                    .into())
                } else if !eof
                    && [&b"<![CDATA["[..], b"<!DOCTYPE", b"<!--"]
                        .iter()
                        .any(|o| o.starts_with(rest))
                {
                    Ok(Step::More)
                } else {
                    Err(self.err(start, "unknown markup after '<!'").into())
                }
            }
            _ => self.start_tag(h),
        }
    }

    fn raw<H: Handler>(&self, h: &mut H, from: usize, to: usize) -> Result<(), H::Error> {
        if h.wants_raw() {
            h.raw(&self.buf[from..to])?;
        }
        Ok(())
    }

    fn text<H: Handler>(&mut self, h: &mut H, eof: bool) -> Result<Step, H::Error> {
        let start = self.pos;
        let rest = &self.buf[start..];
        let end = match memchr::memchr(b'<', rest) {
            Some(i) => start + i,
            None if eof => self.buf.len(),
            None => {
                // A long text without '<' yet: hand over a safe prefix so the buffer
                // does not grow with it. The cut never splits a character, a CR LF
                // pair or a reference.
                if !self.frames.is_empty()
                    && self.text_run.saturating_add(rest.len()) > self.limits.max_text_len
                {
                    return Err(self.text_too_long(start).into());
                }
                if rest.len() < 1 << 16 {
                    return Ok(Step::More);
                }
                if memchr::memmem::find(rest, b"]]>").is_some() {
                    return Err(self.err(start, "']]>' in character data").into());
                }
                let mut cut = self.buf.len() - 16;
                while !is_char_boundary(&self.buf, cut) {
                    cut -= 1;
                }
                if self.buf[cut - 1] == b'\r' && self.buf[cut] == b'\n' {
                    cut -= 1;
                }
                if let Some(amp) = memchr::memrchr(b'&', &self.buf[start..cut]) {
                    let amp = start + amp;
                    if memchr::memchr(b';', &self.buf[amp..cut]).is_none() {
                        if amp == start {
                            return Err(self.err(start, "an unterminated reference").into());
                        }
                        cut = amp;
                    }
                }
                cut
            }
        };
        if end == start {
            return Ok(Step::More);
        }
        let slice = &self.buf[start..end];
        let offset = self.base + start as u64;
        if self.frames.is_empty() {
            // Outside the document element only white space may appear; bytes that are
            // not UTF-8 there (a UTF-16 byte-order mark) say what the document is.
            if !slice.iter().all(|&b| is_space(b)) {
                if core::str::from_utf8(slice).is_err() {
                    return Err(XmlError::NotUtf8.into());
                }
                return Err(self.err(start, "text outside the document element").into());
            }
            self.raw(h, start, end)?;
            self.consumed(end);
            return Ok(Step::Done);
        }
        self.text_run += slice.len();
        if self.text_run > self.limits.max_text_len {
            return Err(self.text_too_long(start).into());
        }
        let text = core::str::from_utf8(slice).map_err(|_| XmlError::NotUtf8)?;
        if memchr::memchr(b']', slice).is_some() && text.contains("]]>") {
            return Err(self.err(start, "']]>' in character data").into());
        }
        if reads_as_itself(slice, false) {
            // The usual text: handed on as it is in the buffer, not copied.
            if !text.is_ascii() {
                check_chars(text).map_err(|m| self.err(start, m))?;
            }
            self.raw(h, start, end)?;
            h.text(text, offset)?;
            self.consumed(end);
            return Ok(Step::Done);
        }
        let mut out = core::mem::take(&mut self.values);
        out.clear();
        let r = decode(text, false, &mut out);
        if let Err(b) = r {
            self.values = out;
            return Err(bad(b, self.at(start)).into());
        }
        self.raw(h, start, end)?;
        let r = h.text(&out, offset);
        self.values = out;
        r?;
        self.consumed(end);
        Ok(Step::Done)
    }

    /// Finds `close` after the token opened at `pos` with an `open`-byte opener, resuming
    /// where the last search stopped; refuses the token once its content passes the
    /// text limit. `Ok(None)`: more input is needed.
    fn find_close(&mut self, open: usize, close: &[u8]) -> Result<Option<usize>, XmlError> {
        let start = self.pos;
        let from = start + open.max(self.resume.at);
        match memchr::memmem::find(&self.buf[from..], close) {
            Some(i) => {
                let at = from + i;
                if at - (start + open) > self.limits.max_text_len {
                    return Err(self.text_too_long(start));
                }
                Ok(Some(at))
            }
            None => {
                let scanned = self.buf.len() - start;
                // The closer may start in the last bytes seen, so only what lies before
                // them is body for certain: counting them too refused a body of
                // exactly the limit when a chunk ended inside its closer, which the
                // whole document reads (one meaning per document, invariant 10).
                if scanned.saturating_sub(open + close.len() - 1) > self.limits.max_text_len {
                    return Err(self.text_too_long(start));
                }
                // The closer may start in the last bytes seen.
                self.resume.at = scanned.saturating_sub(close.len() - 1).max(open);
                Ok(None)
            }
        }
    }

    fn comment<H: Handler>(&mut self, h: &mut H) -> Result<Step, H::Error> {
        let start = self.pos;
        let Some(dash) = self.find_close(4, b"--")? else {
            return Ok(Step::More);
        };
        if self.buf.len() < dash + 3 {
            self.resume.at = dash - start;
            return Ok(Step::More);
        }
        if self.buf[dash + 2] != b'>' {
            return Err(self.err(dash, "'--' inside a comment").into());
        }
        let body =
            core::str::from_utf8(&self.buf[start + 4..dash]).map_err(|_| XmlError::NotUtf8)?;
        check_chars(body).map_err(|m| self.err(start, m))?;
        self.raw(h, start, dash + 3)?;
        h.comment(body, self.base + start as u64)?;
        self.consumed(dash + 3);
        Ok(Step::Done)
    }

    fn cdata<H: Handler>(&mut self, h: &mut H) -> Result<Step, H::Error> {
        let start = self.pos;
        if self.frames.is_empty() {
            return Err(self.err(start, "CDATA outside the document element").into());
        }
        let Some(end) = self.find_close(9, b"]]>")? else {
            return Ok(Step::More);
        };
        let body =
            core::str::from_utf8(&self.buf[start + 9..end]).map_err(|_| XmlError::NotUtf8)?;
        check_chars(body).map_err(|m| self.err(start, m))?;
        let mut out = core::mem::take(&mut self.values);
        out.clear();
        normalize_newlines(body, &mut out);
        self.raw(h, start, end + 3)?;
        let r = h.text(&out, self.base + start as u64);
        self.values = out;
        r?;
        self.consumed(end + 3);
        Ok(Step::Done)
    }

    fn pi<H: Handler>(&mut self, h: &mut H) -> Result<Step, H::Error> {
        let start = self.pos;
        let Some(end) = self.find_close(2, b"?>")? else {
            return Ok(Step::More);
        };
        let body =
            core::str::from_utf8(&self.buf[start + 2..end]).map_err(|_| XmlError::NotUtf8)?;
        let name_len = body
            .char_indices()
            .find(|&(i, c)| {
                if i == 0 {
                    !name_start_char(c)
                } else {
                    !name_char(c)
                }
            })
            .map_or(body.len(), |(i, _)| i);
        let (target, after) = body.split_at(name_len);
        if target.is_empty() || !(after.is_empty() || after.starts_with([' ', '\t', '\n', '\r'])) {
            return Err(self.err(start, "a malformed processing instruction").into());
        }
        if target.len() > self.limits.max_name_len {
            return Err(XmlError::NameTooLong {
                limit: self.limits.max_name_len,
                pos: self.at(start),
            }
            .into());
        }
        if target.eq_ignore_ascii_case("xml") {
            // The declaration is allowed only as the very first thing (XML 1.0 §2.8).
            let first = self.base + start as u64 == self.first;
            if !first || target != "xml" {
                return Err(self
                    .err(start, "a misplaced XML declaration or a PI named \"xml\"")
                    .into());
            }
            check_declaration(after).map_err(|e| e.at(self.at(start)))?;
            self.raw(h, start, end + 2)?;
            self.consumed(end + 2);
            return Ok(Step::Done);
        }
        if target.contains(':') {
            // Namespaces in XML 1.0 §7: no PI target contains a colon.
            return Err(self
                .err(start, "a processing instruction target with ':'")
                .into());
        }
        let data = after.trim_start_matches([' ', '\t', '\n', '\r']);
        let data = (!data.is_empty()).then_some(data);
        check_chars(body).map_err(|m| self.err(start, m))?;
        self.raw(h, start, end + 2)?;
        h.pi(target, data, self.base + start as u64)?;
        self.consumed(end + 2);
        Ok(Step::Done)
    }

    fn name_end(&self, from: usize, to: usize) -> usize {
        let mut i = from;
        while i < to && NAME_BYTE[usize::from(self.buf[i])] {
            i += 1;
        }
        i
    }

    fn end_tag<H: Handler>(&mut self, h: &mut H) -> Result<Step, H::Error> {
        let start = self.pos;
        let bound = self.limits.max_name_len.saturating_add(256);
        let Some(gt) = memchr::memchr(b'>', &self.buf[start..]) else {
            if self.buf.len() - start > bound {
                return Err(self
                    .err(start, "an end tag longer than a name allows")
                    .into());
            }
            return Ok(Step::More);
        };
        let gt = start + gt;
        let name_end = self.name_end(start + 2, gt);
        if name_end == start + 2 || self.buf[name_end..gt].iter().any(|&b| !is_space(b)) {
            return Err(self.err(start, "a malformed end tag").into());
        }
        let Some(frame) = self.frames.pop() else {
            return Err(self.err(start, "an end tag without a start tag").into());
        };
        let open = &self.names.as_bytes()[frame.qname as usize..];
        if open != &self.buf[start + 2..name_end] {
            return Err(self
                .err(start, "the end tag does not match the start tag")
                .into());
        }
        let depth = self.frames.len() + 1;
        self.scope.pop(frame.mark);
        self.names.truncate(frame.qname as usize);
        if self.frames.is_empty() {
            self.root_closed = true;
        }
        self.raw(h, start, gt + 1)?;
        self.consumed(gt + 1);
        h.end(depth, self.base + self.pos as u64)?;
        Ok(Step::Done)
    }

    /// Finds the `>` that ends the start tag at `pos` (outside quoted values), resuming
    /// where the last search stopped and enforcing the value, attribute-count and tag
    /// limits on the way. `Ok(None)`: more input is needed.
    fn find_tag_end(&mut self) -> Result<Option<usize>, XmlError> {
        let start = self.pos;
        let max_tag = tag_limit(&self.limits);
        // Each limit is passed at one byte: the first byte past the tag's bound, the
        // first byte past a value's. Whatever the chunks, the refusal is for the limit
        // whose byte comes first among those read so far — the same refusal the whole
        // document gives (the tree reader reads it in one piece).
        let tag_bad = start + max_tag + 1;
        let tag_too_long = || XmlError::TagTooLong {
            limit: max_tag,
            pos: Position::at_offset(self.base + start as u64),
        };
        let mut r = self.resume;
        let mut i = start + r.at.max(1);
        let found = loop {
            if r.quote != 0 {
                let vs = start + r.value_start;
                let value_bad = vs + self.limits.max_text_len;
                let (end, quote_at) = match memchr::memchr(r.quote, &self.buf[i..]) {
                    Some(k) => (i + k + 1, Some(i + k)),
                    None => (self.buf.len(), None),
                };
                let value_over = quote_at.map_or(end > value_bad, |q| q > value_bad);
                let tag_over = end > tag_bad;
                if tag_over && (!value_over || tag_bad < value_bad) {
                    return Err(tag_too_long());
                }
                if value_over {
                    return Err(self.text_too_long(vs));
                }
                i = end;
                if quote_at.is_none() {
                    break None;
                }
                r.quote = 0;
            } else {
                let hit = memchr::memchr3(b'>', b'"', b'\'', &self.buf[i..]).map(|k| i + k);
                let end = hit.map_or(self.buf.len(), |k| k + 1);
                if end > tag_bad {
                    return Err(tag_too_long());
                }
                let Some(k) = hit else {
                    i = end;
                    break None;
                };
                let b = self.buf[k];
                if b == b'>' {
                    break Some(k);
                }
                r.values += 1;
                if r.values > self.limits.max_attributes {
                    return Err(XmlError::AttributeLimit {
                        limit: self.limits.max_attributes,
                        pos: self.at(start),
                    });
                }
                r.quote = b;
                i = k + 1;
                r.value_start = i - start;
            }
        };
        r.at = i - start;
        self.resume = r;
        Ok(found)
    }

    #[allow(clippy::too_many_lines)]
    fn start_tag<H: Handler>(&mut self, h: &mut H) -> Result<Step, H::Error> {
        let start = self.pos;
        if self.root_closed {
            return Err(self.err(start, "a second document element").into());
        }
        let depth = self.frames.len() + 1;
        if depth > self.depth_limit() {
            return Err(self.depth_refused(start).into());
        }
        let Some(gt) = self.find_tag_end()? else {
            return Ok(Step::More);
        };
        let base = self.base;
        let at = |i: usize| Position::at_offset(base + i as u64);
        let malformed = |i: usize, reason: &str| XmlError::Malformed {
            reason: String::from(reason),
            pos: at(i),
        };
        // One UTF-8 check for the whole tag; names and values are slices of it (their
        // ends are ASCII delimiters, so always character boundaries).
        let buf = &self.buf;
        let tag_text = core::str::from_utf8(&buf[start..=gt]).map_err(|_| XmlError::NotUtf8)?;
        let piece = |from: usize, to: usize| &tag_text[from - start..to - start];
        let self_closing = buf[gt - 1] == b'/' && gt > start + 1;
        let inner_end = if self_closing { gt - 1 } else { gt };
        let name_end = |from: usize| {
            let mut i = from;
            while i < inner_end && NAME_BYTE[usize::from(buf[i])] {
                i += 1;
            }
            i
        };
        // The element name.
        let n0 = start + 1;
        if n0 >= inner_end || !is_name_start(buf[n0]) {
            return Err(malformed(start, "a malformed start tag").into());
        }
        let n1 = name_end(n0);
        if n1 - n0 > self.limits.max_name_len {
            return Err(XmlError::NameTooLong {
                limit: self.limits.max_name_len,
                pos: at(n0),
            }
            .into());
        }
        // Attributes.
        self.raw_attrs.clear();
        self.values.clear();
        let mut p = n1;
        loop {
            let ws = p;
            while p < inner_end && is_space(buf[p]) {
                p += 1;
            }
            if p >= inner_end {
                break;
            }
            if p == ws || !is_name_start(buf[p]) {
                return Err(malformed(p, "a malformed attribute").into());
            }
            let a0 = p;
            let a1 = name_end(a0);
            if a1 - a0 > self.limits.max_name_len {
                return Err(XmlError::NameTooLong {
                    limit: self.limits.max_name_len,
                    pos: at(a0),
                }
                .into());
            }
            p = a1;
            while p < inner_end && is_space(buf[p]) {
                p += 1;
            }
            if p >= inner_end || buf[p] != b'=' {
                return Err(malformed(p, "an attribute without '='").into());
            }
            p += 1;
            while p < inner_end && is_space(buf[p]) {
                p += 1;
            }
            if p >= inner_end || !matches!(buf[p], b'"' | b'\'') {
                return Err(malformed(p, "an unquoted attribute value").into());
            }
            let q = buf[p];
            let v0 = p + 1;
            let v1 = v0
                + memchr::memchr(q, &buf[v0..inner_end])
                    .ok_or_else(|| malformed(p, "an unterminated attribute value"))?;
            p = v1 + 1;
            let raw = piece(v0, v1);
            if raw.contains('<') {
                return Err(malformed(v0, "'<' in an attribute value").into());
            }
            let d0 = self.values.len();
            decode(raw, true, &mut self.values).map_err(|b| bad(b, at(v0)))?;
            self.raw_attrs.push(RawAttr {
                qname: (a0, a1),
                colon: colon_in(&buf[a0..a1]).map(|c| a0 + c),
                value: (d0, self.values.len()),
            });
        }
        let qname = piece(n0, n1);
        check_qname(qname).map_err(|m| malformed(n0, m))?;
        let (prefix, local) = match colon_in(qname.as_bytes()) {
            Some(c) => (&qname[..c], &qname[c + 1..]),
            None => ("", qname),
        };
        if prefix == "xml" || prefix == "xmlns" {
            return Err(malformed(n0, "an element name with a reserved prefix").into());
        }

        // Namespace declarations first: they apply to the element's own name and
        // attributes.
        let mark = self.scope.mark();
        if let Err(e) = declare(
            &mut self.scope,
            &mut self.decl_count,
            mark,
            &self.raw_attrs,
            &self.values,
            tag_text,
            start,
            &at,
        ) {
            self.scope.pop(mark);
            return Err(e.into());
        }
        let resolved = match self.scope.lookup(prefix) {
            Some((u, tag)) if !u.is_empty() => Ok((u, tag)),
            // `xmlns=""` undeclares the default namespace.
            _ if prefix.is_empty() => Ok(("", NO_NAMESPACE)),
            _ => Err(malformed(n0, "an undeclared namespace prefix")),
        };
        let (ns, ns_tag) = match resolved {
            Ok(v) => v,
            Err(e) => {
                self.scope.pop(mark);
                return Err(e.into());
            }
        };
        let mut decls: Vec<NsDecl<'_>> = recycle(core::mem::take(&mut self.decl_scratch));
        let mut attrs: Vec<Attr<'_>> = recycle(core::mem::take(&mut self.attr_scratch));
        let mut tags = core::mem::take(&mut self.tag_scratch);
        tags.clear();
        let mut outcome: Result<(), XmlError> = Ok(());
        {
            for a in &self.raw_attrs {
                let name = piece(a.qname.0, a.qname.1);
                if name == "xmlns" || name.starts_with("xmlns:") {
                    continue;
                }
                if let Err(m) = check_qname(name) {
                    outcome = Err(malformed(a.qname.0, m));
                    break;
                }
                let (ap, al) = match a.colon {
                    Some(c) => (&name[..c - a.qname.0], &name[c - a.qname.0 + 1..]),
                    None => ("", name),
                };
                let (ans, atag) = if ap.is_empty() {
                    ("", NO_NAMESPACE)
                } else if ap == "xml" {
                    (NS_XML, XML_NAMESPACE)
                } else if let Some(v) = self.scope.lookup(ap) {
                    v
                } else {
                    outcome = Err(malformed(a.qname.0, "an undeclared attribute prefix"));
                    break;
                };
                // Namespaces in XML 1.0 §6.3: no two attributes with the same expanded
                // name, however they are spelled.
                if attrs.iter().any(|x| x.ns == ans && x.local == al) {
                    outcome = Err(XmlError::DuplicateAttribute {
                        name: String::from(name),
                        pos: at(a.qname.0),
                    });
                    break;
                }
                attrs.push(Attr {
                    prefix: ap,
                    local: al,
                    ns: ans,
                    value: &self.values[a.value.0..a.value.1],
                });
                tags.push(atag);
            }
        }
        let result: Result<(), H::Error> = match outcome {
            Ok(()) => {
                for (p, u) in self.scope.since(mark) {
                    decls.push(NsDecl { prefix: p, uri: u });
                }
                let tag = StartTag {
                    prefix,
                    local,
                    ns,
                    ns_tag,
                    decls: &decls,
                    attrs: &attrs,
                    attr_tags: &tags,
                    depth,
                    raw: &buf[start..=gt],
                    offset: base + start as u64,
                };
                h.start(&tag)
            }
            Err(e) => Err(e.into()),
        };
        self.attr_scratch = recycle(attrs);
        self.decl_scratch = recycle(decls);
        self.tag_scratch = tags;
        if let Err(e) = result {
            self.scope.pop(mark);
            return Err(e);
        }
        let frame = Frame {
            qname: self.names.len() as u32,
            mark,
        };
        // Never full: the depth was checked against the limit, at most the capacity.
        if self.frames.push(frame).is_err() {
            self.scope.pop(mark);
            return Err(self.depth_refused(start).into());
        }
        self.names.push_str(qname);
        self.seen_root = true;
        self.consumed(gt + 1);
        if self_closing {
            if let Some(f) = self.frames.pop() {
                self.scope.pop(f.mark);
                self.names.truncate(f.qname as usize);
            }
            if self.frames.is_empty() {
                self.root_closed = true;
            }
            h.end(depth, self.base + self.pos as u64)?;
        }
        Ok(Step::Done)
    }
}

fn bad(b: Bad, pos: Position) -> XmlError {
    match b {
        Bad::Entity => XmlError::EntityRefused { pos },
        Bad::Malformed(m) => XmlError::Malformed {
            reason: String::from(m),
            pos,
        },
    }
}

/// Pushes the namespace declarations among the attributes of a start tag.
#[allow(clippy::too_many_arguments)]
fn declare(
    scope: &mut NsScope,
    count: &mut u32,
    mark: Mark,
    raw_attrs: &[RawAttr],
    values: &str,
    tag_text: &str,
    start: usize,
    at: &dyn Fn(usize) -> Position,
) -> Result<(), XmlError> {
    for a in raw_attrs {
        let name = &tag_text[a.qname.0 - start..a.qname.1 - start];
        let prefix = if name == "xmlns" {
            ""
        } else if let Some(p) = name.strip_prefix("xmlns:") {
            p
        } else {
            continue;
        };
        let malformed = |reason: &str| XmlError::Malformed {
            reason: String::from(reason),
            pos: at(a.qname.0),
        };
        check_qname(name).map_err(malformed)?;
        let uri = &values[a.value.0..a.value.1];
        if !prefix.is_empty() && uri.is_empty() {
            return Err(malformed("a prefix bound to the empty namespace name"));
        }
        if prefix == "xmlns" || (prefix == "xml") != (uri == NS_XML) || uri == NS_XMLNS {
            return Err(malformed("a reserved namespace prefix or name"));
        }
        // XML 1.0 §3.1: an attribute name appears once in a tag — `xmlns` included.
        if scope.push_once(mark, prefix, uri, *count) {
            return Err(XmlError::DuplicateAttribute {
                name: String::from(name),
                pos: at(a.qname.0),
            });
        }
        *count = count.wrapping_add(1);
    }
    Ok(())
}

/// The XML declaration after `<?xml`, in its exact grammar (XML 1.0 §2.8): version 1.0,
/// then optionally encoding UTF-8 (in any letter case), then optionally standalone.
fn check_declaration(after: &str) -> Result<(), DeclError> {
    fn spaces(s: &str) -> &str {
        s.trim_start_matches([' ', '\t', '\n', '\r'])
    }
    /// `S name Eq quoted-value`, returning the value and the rest.
    fn pair<'s>(s: &'s str, name: &str) -> Option<(&'s str, &'s str)> {
        let t = spaces(s);
        if t.len() == s.len() {
            return None;
        }
        let t = spaces(t.strip_prefix(name)?);
        let t = spaces(t.strip_prefix('=')?);
        let q = t.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let end = t[1..].find(q)?;
        Some((&t[1..1 + end], &t[2 + end..]))
    }
    let (version, mut rest) = pair(after, "version").ok_or(DeclError::Malformed)?;
    if version != "1.0" {
        return Err(DeclError::Version(String::from(version)));
    }
    if let Some((enc, r)) = pair(rest, "encoding") {
        if !enc.eq_ignore_ascii_case("UTF-8") {
            return Err(DeclError::Encoding(String::from(enc)));
        }
        rest = r;
    }
    if let Some((sd, r)) = pair(rest, "standalone") {
        if sd != "yes" && sd != "no" {
            return Err(DeclError::Malformed);
        }
        rest = r;
    }
    if spaces(rest).is_empty() {
        Ok(())
    } else {
        Err(DeclError::Malformed)
    }
}

enum DeclError {
    Malformed,
    Version(String),
    Encoding(String),
}

impl DeclError {
    fn at(self, pos: Position) -> XmlError {
        match self {
            DeclError::Malformed => XmlError::Malformed {
                reason: String::from("a malformed XML declaration"),
                pos,
            },
            DeclError::Version(version) => XmlError::VersionRefused { version, pos },
            DeclError::Encoding(label) => XmlError::EncodingRefused { label, pos },
        }
    }
}

/// XML 1.0 (fifth edition) NameStartChar.
fn name_start_char(c: char) -> bool {
    matches!(c as u32,
        0x3A | 0x41..=0x5A | 0x5F | 0x61..=0x7A | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF
        | 0x370..=0x37D | 0x37F..=0x1FFF | 0x200C..=0x200D | 0x2070..=0x218F
        | 0x2C00..=0x2FEF | 0x3001..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD
        | 0x10000..=0xEFFFF)
}

/// XML 1.0 (fifth edition) NameChar.
fn name_char(c: char) -> bool {
    name_start_char(c)
        || matches!(c as u32, 0x2D | 0x2E | 0x30..=0x39 | 0xB7 | 0x300..=0x36F | 0x203F..=0x2040)
}

/// A whole name, checked per character (the byte scan lets any non-ASCII byte in).
fn valid_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(name_start_char) && chars.all(name_char)
}

fn is_char_boundary(b: &[u8], i: usize) -> bool {
    i >= b.len() || (b[i] as i8) >= -0x40
}

/// A QName of Namespaces in XML 1.0: `NCName` or `NCName:NCName` (neither part empty).
fn check_qname(q: &str) -> Result<(), &'static str> {
    let b = q.as_bytes();
    // The usual name: ASCII (every caller scanned it with `NAME_BYTE`, so each byte is
    // a name character), at most one colon inside, each part starting with a letter
    // or '_'.
    if b.is_ascii() {
        let starts_part = |c: Option<&u8>| c.is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_');
        return match colon_in(b) {
            None if starts_part(b.first()) => Ok(()),
            Some(c)
                if starts_part(b.first())
                    && starts_part(b.get(c + 1))
                    && colon_in(&b[c + 1..]).is_none() =>
            {
                Ok(())
            }
            _ => check_qname_slow(b),
        };
    }
    check_qname_slow(b)
}

/// [`check_qname`] for names with other characters, and for the errors.
fn check_qname_slow(b: &[u8]) -> Result<(), &'static str> {
    let (first, second) = match colon_in(b) {
        Some(c) => (&b[..c], Some(&b[c + 1..])),
        None => (b, None),
    };
    if first.is_empty() || second.is_some_and(|s| s.is_empty() || s.contains(&b':')) {
        return Err("a malformed qualified name");
    }
    for p in [Some(first), second].into_iter().flatten() {
        if p[0].is_ascii_digit() || p[0] == b'-' || p[0] == b'.' {
            return Err("a name starting with a digit, '-' or '.'");
        }
        if !p.is_ascii() && !core::str::from_utf8(p).is_ok_and(valid_name) {
            return Err("a character not allowed in a name");
        }
    }
    Ok(())
}

fn check_chars(s: &str) -> Result<(), &'static str> {
    if s.chars().all(|c| xml_char(c as u32)) {
        Ok(())
    } else {
        Err("a character XML does not allow")
    }
}

fn normalize_newlines(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\r', &b[i..]) {
        let at = i + k;
        out.push_str(&s[from..at]);
        out.push('\n');
        i = if b.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        from = i;
    }
    out.push_str(&s[from..]);
}

/// Whether `b` decodes to itself: no reference, no CR, no other control character, and
/// in an attribute value no TAB or LF either (they read as spaces). One pass without
/// branches (`|` and `&` on booleans), so it vectorizes; `all` would not.
fn reads_as_itself(b: &[u8], attribute: bool) -> bool {
    !b.iter().fold(false, |bad, &c| {
        bad | (c == b'&') | ((c < 0x20) & (attribute | ((c != b'\t') & (c != b'\n'))))
    })
}

/// Decodes references and normalizes line ends (and, in attribute values, white space:
/// XML 1.0 §3.3.3 for CDATA attributes) into `out`.
fn decode(s: &str, attribute: bool, out: &mut String) -> Result<(), Bad> {
    let b = s.as_bytes();
    if reads_as_itself(b, attribute) {
        if !s.is_ascii() {
            check_chars(s).map_err(Bad::Malformed)?;
        }
        out.push_str(s);
        return Ok(());
    }
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c >= 0x20 && c != b'&' {
            i += 1;
            continue;
        }
        match c {
            b'&' => {
                out.push_str(&s[from..i]);
                let semi = memchr::memchr(b';', &b[i..])
                    .ok_or(Bad::Malformed("an unterminated reference"))?
                    + i;
                let name = &s[i + 1..semi];
                match name {
                    "lt" => out.push('<'),
                    "gt" => out.push('>'),
                    "amp" => out.push('&'),
                    "apos" => out.push('\''),
                    "quot" => out.push('"'),
                    _ => {
                        let v = if let Some(h) = name.strip_prefix("#x") {
                            u32::from_str_radix(h, 16).ok().filter(|_| {
                                !h.is_empty() && h.bytes().all(|d| d.is_ascii_hexdigit())
                            })
                        } else if let Some(d) = name.strip_prefix('#') {
                            d.parse::<u32>()
                                .ok()
                                .filter(|_| !d.is_empty() && d.bytes().all(|x| x.is_ascii_digit()))
                        } else if valid_name(name) {
                            return Err(Bad::Entity);
                        } else {
                            return Err(Bad::Malformed("a malformed reference"));
                        };
                        let ch = v
                            .and_then(char::from_u32)
                            .filter(|c| xml_char(*c as u32))
                            .ok_or(Bad::Malformed(
                                "a character reference to a character XML does not allow",
                            ))?;
                        out.push(ch);
                    }
                }
                i = semi + 1;
                from = i;
            }
            b'\r' => {
                out.push_str(&s[from..i]);
                out.push(if attribute { ' ' } else { '\n' });
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                from = i;
            }
            b'\n' | b'\t' if attribute => {
                out.push_str(&s[from..i]);
                out.push(' ');
                i += 1;
                from = i;
            }
            b'\n' | b'\t' => i += 1,
            _ => return Err(Bad::Malformed("a control character XML does not allow")),
        }
    }
    out.push_str(&s[from..]);
    // Characters above the ASCII range need a check of their own (U+FFFE, U+FFFF).
    if !s.is_ascii() {
        check_chars(s).map_err(Bad::Malformed)?;
    }
    Ok(())
}
