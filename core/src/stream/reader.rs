//! An incremental XML reader: bytes go in as they arrive, namespace-resolved events come
//! out, and memory is bounded by the depth and the longest token, not the document.
//!
//! It implements the subset of XML 1.0 + Namespaces that the tree reader accepts for
//! signed documents — no DTD, the five predefined entities and character references,
//! CDATA, comments, PIs — with the same refusals (a PI named `xml` inside the document,
//! a prefix bound to the empty name, raw CR normalized), so that the streaming and the
//! in-memory verification agree; `core/tests/stream.rs` and the `stream` fuzz target
//! compare them.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::c14n::{Attr, NsDecl};
use crate::xml::{Limits, Position, XmlError};

const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";
const NS_XMLNS: &str = "http://www.w3.org/2000/xmlns/";

/// A start tag, namespace-resolved.
pub(crate) struct StartTag<'a> {
    pub(crate) prefix: &'a str,
    pub(crate) local: &'a str,
    pub(crate) ns: &'a str,
    /// Declarations made on this element.
    pub(crate) decls: &'a [NsDecl<'a>],
    /// The other attributes, values decoded and normalized.
    pub(crate) attrs: &'a [Attr<'a>],
    /// Depth of this element (the document element is 1).
    pub(crate) depth: usize,
    /// The tag as written.
    pub(crate) raw: &'a [u8],
    /// The stream offset of its `<`.
    pub(crate) offset: u64,
}

/// What the reader tells its user.
pub(crate) trait Handler {
    /// The error type the user reports through the reader.
    type Error: From<XmlError>;
    /// A start tag; an empty-element tag is followed by `end` at once.
    fn start(&mut self, tag: &StartTag<'_>) -> Result<(), Self::Error>;
    /// An end tag; `depth` is the depth of the element it closes, `end_offset` the byte
    /// offset just after it.
    fn end(&mut self, depth: usize, end_offset: u64) -> Result<(), Self::Error>;
    /// Character data (decoded, line ends normalized), possibly in several pieces.
    fn text(&mut self, text: &str) -> Result<(), Self::Error>;
    /// A comment's content.
    fn comment(&mut self, text: &str) -> Result<(), Self::Error>;
    /// A processing instruction.
    fn pi(&mut self, target: &str, data: Option<&str>) -> Result<(), Self::Error>;
    /// Whether the user wants the source bytes of the tokens that follow (start tags
    /// carry theirs in [`StartTag::raw`]).
    fn wants_raw(&self) -> bool;
    /// The source bytes of a token other than a start tag, while `wants_raw` says so.
    fn raw(&mut self, bytes: &[u8]);
}

#[derive(Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

struct Frame {
    /// The qualified name as written, for the end-tag check.
    qname: Span,
    scope_len: usize,
    arena_len: usize,
}

/// The incremental reader.
pub(crate) struct Reader {
    limits: Limits,
    buf: Vec<u8>,
    /// Stream offset of `buf[0]`.
    base: u64,
    /// Start of the unconsumed bytes in `buf`.
    pos: usize,
    /// Names and namespace URIs of open elements.
    arena: String,
    /// (prefix, uri) bindings, innermost last.
    scope: Vec<(Span, Span)>,
    frames: Vec<Frame>,
    seen_root: bool,
    root_closed: bool,
    at_start: bool,
    /// The input began with a byte-order mark.
    bom: bool,
    total: u64,
    // Per-tag scratch, kept to avoid allocating per element.
    values: String,
    raw_attrs: Vec<RawAttr>,
}

#[derive(Clone, Copy)]
struct RawAttr {
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

impl Reader {
    pub(crate) fn new(limits: Limits) -> Self {
        Reader {
            limits,
            buf: Vec::with_capacity(1 << 17),
            base: 0,
            pos: 0,
            arena: String::with_capacity(1024),
            scope: Vec::with_capacity(32),
            frames: Vec::with_capacity(32),
            seen_root: false,
            root_closed: false,
            at_start: true,
            bom: false,
            total: 0,
            values: String::with_capacity(256),
            raw_attrs: Vec::with_capacity(16),
        }
    }

    fn err(&self, at: usize, reason: &str) -> XmlError {
        // Positions in a stream are byte offsets; the line is not tracked.
        let offset = self.base + at as u64;
        XmlError::Malformed {
            reason: format!("{reason} (at byte {offset})"),
            pos: Position { line: 0, column: 0 },
        }
    }

    /// Reads `chunk`, handling every token it completes.
    pub(crate) fn feed<H: Handler>(&mut self, chunk: &[u8], h: &mut H) -> Result<(), H::Error> {
        // No size limit here: memory does not grow with the document, and a caller
        // bounds how much it is willing to read (the in-memory path's
        // `Limits::max_input_bytes` guards a whole-document buffer).
        self.total += chunk.len() as u64;
        // Consumed bytes are dropped before the buffer grows, so it holds at most one
        // chunk plus an unfinished token.
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.base += self.pos as u64;
            self.pos = 0;
        }
        self.buf.extend_from_slice(chunk);
        if self.at_start {
            // Up to two byte-order marks, as the tree path reads them (the loader strips
            // one, the tree reader's tokenizer another).
            const BOM: &[u8] = b"\xEF\xBB\xBF";
            let head = &self.buf[..self.buf.len().min(6)];
            let may_grow = head.len() < 6
                && (BOM.starts_with(head)
                    || (head.starts_with(BOM) && BOM.starts_with(&head[3..])));
            if may_grow {
                return Ok(());
            }
            if self.buf.starts_with(BOM) {
                self.pos = 3;
                self.bom = true;
                if self.buf[3..].starts_with(BOM) {
                    self.pos = 6;
                }
            }
            self.at_start = false;
        }
        while let Step::Done = self.step(h, false)? {}
        Ok(())
    }

    /// Ends the input: everything must be complete and the document element closed.
    pub(crate) fn finish<H: Handler>(&mut self, h: &mut H) -> Result<(), H::Error> {
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
        match rest[1] {
            b'/' => self.end_tag(h),
            b'?' => self.pi(h),
            b'!' => {
                if rest.starts_with(b"<!--") {
                    self.comment(h)
                } else if rest.starts_with(b"<![CDATA[") {
                    self.cdata(h)
                } else if rest.starts_with(b"<!DOCTYPE") || rest.starts_with(b"<!doctype") {
                    Err(XmlError::DoctypeRefused {
                        pos: Position { line: 0, column: 0 },
                    }
                    .into())
                } else if rest.len() < 9 && !eof {
                    Ok(Step::More)
                } else {
                    Err(self.err(start, "unknown markup after '<!'").into())
                }
            }
            _ => self.start_tag(h),
        }
    }

    fn raw<H: Handler>(&self, h: &mut H, from: usize, to: usize) {
        if h.wants_raw() {
            h.raw(&self.buf[from..to]);
        }
    }

    fn text<H: Handler>(&mut self, h: &mut H, eof: bool) -> Result<Step, H::Error> {
        let start = self.pos;
        let rest = &self.buf[start..];
        let (end, complete) = match memchr::memchr(b'<', rest) {
            Some(i) => (start + i, true),
            None if eof => (self.buf.len(), true),
            None => {
                // A long text without '<' yet: hand over a safe prefix so the buffer
                // does not grow with it.
                if rest.len() < 1 << 16 {
                    return Ok(Step::More);
                }
                let mut cut = self.buf.len() - 16;
                while cut > start
                    && (!is_char_boundary(&self.buf, cut)
                        || self.buf[cut - 1] == b'\r'
                        || self.buf[cut.saturating_sub(12)..cut].contains(&b'&'))
                {
                    cut -= 1;
                }
                (cut, false)
            }
        };
        if end == start {
            return Ok(Step::More);
        }
        let slice = &self.buf[start..end];
        let text = core::str::from_utf8(slice).map_err(|_| XmlError::NotUtf8)?;
        if self.frames.is_empty() {
            // Outside the document element only white space may appear.
            if !slice.iter().all(|&b| is_space(b)) {
                return Err(self.err(start, "text outside the document element").into());
            }
            self.raw(h, start, end);
            self.pos = end;
            return Ok(Step::Done);
        }
        if slice.len() > self.limits.max_text_len && complete {
            return Err(XmlError::TextTooLong {
                limit: self.limits.max_text_len,
                pos: Position { line: 0, column: 0 },
            }
            .into());
        }
        if reads_as_itself(slice, false) {
            // The usual text: handed on as it is in the buffer, not copied.
            if !text.is_ascii() {
                check_chars(text).map_err(|m| self.err(start, m))?;
            }
            if memchr::memchr(b']', slice).is_some() && text.contains("]]>") {
                return Err(self.err(start, "']]>' in character data").into());
            }
            self.raw(h, start, end);
            h.text(text)?;
            self.pos = end;
            return Ok(Step::Done);
        }
        let mut out = core::mem::take(&mut self.values);
        out.clear();
        let r = decode(text, false, &mut out).map_err(|m| self.err(start, m));
        if let Err(e) = r {
            self.values = out;
            return Err(e.into());
        }
        if memchr::memchr(b']', slice).is_some() && text.contains("]]>") {
            self.values = out;
            return Err(self.err(start, "']]>' in character data").into());
        }
        self.raw(h, start, end);
        let r = h.text(&out);
        self.values = out;
        r?;
        self.pos = end;
        Ok(Step::Done)
    }

    fn comment<H: Handler>(&mut self, h: &mut H) -> Result<Step, H::Error> {
        let start = self.pos;
        let Some(i) = memchr::memmem::find(&self.buf[start + 4..], b"--") else {
            return Ok(Step::More);
        };
        let dash = start + 4 + i;
        if self.buf.len() < dash + 3 {
            return Ok(Step::More);
        }
        if self.buf[dash + 2] != b'>' {
            return Err(self.err(dash, "'--' inside a comment").into());
        }
        let body =
            core::str::from_utf8(&self.buf[start + 4..dash]).map_err(|_| XmlError::NotUtf8)?;
        check_chars(body).map_err(|m| self.err(start, m))?;
        self.raw(h, start, dash + 3);
        h.comment(body)?;
        self.pos = dash + 3;
        Ok(Step::Done)
    }

    fn cdata<H: Handler>(&mut self, h: &mut H) -> Result<Step, H::Error> {
        let start = self.pos;
        if self.frames.is_empty() {
            return Err(self.err(start, "CDATA outside the document element").into());
        }
        let Some(i) = memchr::memmem::find(&self.buf[start + 9..], b"]]>") else {
            return Ok(Step::More);
        };
        let end = start + 9 + i;
        let body =
            core::str::from_utf8(&self.buf[start + 9..end]).map_err(|_| XmlError::NotUtf8)?;
        check_chars(body).map_err(|m| self.err(start, m))?;
        let mut out = core::mem::take(&mut self.values);
        out.clear();
        normalize_newlines(body, &mut out);
        self.raw(h, start, end + 3);
        let r = h.text(&out);
        self.values = out;
        r?;
        self.pos = end + 3;
        Ok(Step::Done)
    }

    fn pi<H: Handler>(&mut self, h: &mut H) -> Result<Step, H::Error> {
        let start = self.pos;
        // The declaration is read attribute by attribute, so a `?>` inside a quoted
        // value does not end it (as in the tree reader).
        let declaration = self.buf[start..].starts_with(b"<?xml ")
            && (self.base + start as u64 == 0 || (self.bom && self.base + start as u64 <= 6));
        let end = if declaration {
            let mut quote = 0u8;
            let mut found = None;
            let b = &self.buf[start + 6..];
            let mut i = 0;
            while i < b.len() {
                match b[i] {
                    q @ (b'"' | b'\'') if quote == 0 => quote = q,
                    q if q == quote => quote = 0,
                    b'?' if quote == 0 && b.get(i + 1) == Some(&b'>') => {
                        found = Some(start + 6 + i);
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
            match found {
                Some(e) => e,
                None => return Ok(Step::More),
            }
        } else {
            let Some(i) = memchr::memmem::find(&self.buf[start + 2..], b"?>") else {
                return Ok(Step::More);
            };
            start + 2 + i
        };
        let body =
            core::str::from_utf8(&self.buf[start + 2..end]).map_err(|_| XmlError::NotUtf8)?;
        // As the tree reader: the target is a Name, white space after it is optional.
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
        let (target, data) = (
            &body[..name_len],
            body[name_len..].trim_start_matches([' ', '\t', '\n', '\r']),
        );
        let data = (!data.is_empty()).then_some(data);
        if target.is_empty() {
            return Err(self.err(start, "a malformed processing instruction").into());
        }
        if target.eq_ignore_ascii_case("xml") {
            // The declaration is allowed only as the very first thing, and only in its
            // exact grammar (XML 1.0 §2.8), as the tree reader requires.
            let first =
                self.base + start as u64 == 0 || (self.base + start as u64 == 3 && self.bom);
            let spaced = self.buf.get(start + 5) == Some(&b' ');
            if !first
                || !spaced
                || target != "xml"
                || !xml_decl_ok(data.unwrap_or(""))
                || check_chars(body).is_err()
            {
                return Err(self
                    .err(start, "a malformed or misplaced XML declaration")
                    .into());
            }
            self.raw(h, start, end + 2);
            self.pos = end + 2;
            return Ok(Step::Done);
        }
        check_chars(body).map_err(|m| self.err(start, m))?;
        self.raw(h, start, end + 2);
        h.pi(target, data)?;
        self.pos = end + 2;
        Ok(Step::Done)
    }

    fn name_end(&self, from: usize) -> usize {
        let mut i = from;
        while i < self.buf.len() && NAME_BYTE[usize::from(self.buf[i])] {
            i += 1;
        }
        i
    }

    fn end_tag<H: Handler>(&mut self, h: &mut H) -> Result<Step, H::Error> {
        let start = self.pos;
        let Some(gt) = memchr::memchr(b'>', &self.buf[start..]) else {
            return Ok(Step::More);
        };
        let gt = start + gt;
        let name_end = self.name_end(start + 2);
        if self.buf[start + 2..gt].is_empty()
            || self.buf[name_end..gt].iter().any(|&b| !is_space(b))
        {
            return Err(self.err(start, "a malformed end tag").into());
        }
        let Some(frame) = self.frames.pop() else {
            return Err(self.err(start, "an end tag without a start tag").into());
        };
        let open = &self.arena.as_bytes()[frame.qname.start as usize..frame.qname.end as usize];
        let closing = &self.buf[start + 2..name_end];
        if open != closing.strip_prefix(b":").unwrap_or(closing) {
            return Err(self
                .err(start, "the end tag does not match the start tag")
                .into());
        }
        let depth = self.frames.len() + 1;
        self.scope.truncate(frame.scope_len);
        self.arena.truncate(frame.arena_len);
        if self.frames.is_empty() {
            self.root_closed = true;
        }
        self.raw(h, start, gt + 1);
        self.pos = gt + 1;
        h.end(depth, self.base + self.pos as u64)?;
        Ok(Step::Done)
    }

    fn lookup(&self, prefix: &str) -> Option<&str> {
        self.scope
            .iter()
            .rev()
            .find(|(p, _)| &self.arena[p.start as usize..p.end as usize] == prefix)
            .map(|(_, u)| &self.arena[u.start as usize..u.end as usize])
    }

    #[allow(clippy::too_many_lines)]
    fn start_tag<H: Handler>(&mut self, h: &mut H) -> Result<Step, H::Error> {
        let start = self.pos;
        // Find the tag's end: '>' outside quoted attribute values.
        let mut i = start + 1;
        let mut quote = 0u8;
        let gt = loop {
            if quote != 0 {
                match memchr::memchr(quote, &self.buf[i..]) {
                    Some(k) => {
                        i += k + 1;
                        quote = 0;
                    }
                    None => return Ok(Step::More),
                }
            } else {
                match memchr::memchr3(b'>', b'"', b'\'', &self.buf[i..]) {
                    Some(k) => {
                        let b = self.buf[i + k];
                        if b == b'>' {
                            break i + k;
                        }
                        quote = b;
                        i += k + 1;
                    }
                    None => return Ok(Step::More),
                }
            }
        };
        // One UTF-8 check for the whole tag; names and values are slices of it (their
        // ends are ASCII delimiters, so always character boundaries).
        let tag_text =
            core::str::from_utf8(&self.buf[start..=gt]).map_err(|_| XmlError::NotUtf8)?;
        let piece = |from: usize, to: usize| {
            tag_text
                .get(from - start..to - start)
                .ok_or(XmlError::NotUtf8)
        };
        if self.root_closed {
            return Err(self.err(start, "a second document element").into());
        }
        let depth = self.frames.len() + 1;
        if depth > self.limits.max_depth {
            return Err(XmlError::DepthLimit {
                limit: self.limits.max_depth,
                pos: Position { line: 0, column: 0 },
            }
            .into());
        }
        let self_closing = self.buf[gt - 1] == b'/' && gt > start + 1;
        let inner_end = if self_closing { gt - 1 } else { gt };
        // The element name.
        let n0 = start + 1;
        if n0 >= inner_end || !is_name_start(self.buf[n0]) {
            return Err(self.err(start, "a malformed start tag").into());
        }
        let n1 = self.name_end(n0).min(inner_end);
        if n1 - n0 > self.limits.max_name_len {
            return Err(XmlError::NameTooLong {
                limit: self.limits.max_name_len,
                pos: Position { line: 0, column: 0 },
            }
            .into());
        }
        // Attributes.
        self.raw_attrs.clear();
        self.values.clear();
        let mut p = n1;
        loop {
            let ws = p;
            while p < inner_end && is_space(self.buf[p]) {
                p += 1;
            }
            if p >= inner_end {
                break;
            }
            if p == ws || !is_name_start(self.buf[p]) {
                return Err(self.err(p, "a malformed attribute").into());
            }
            let a0 = p;
            let a1 = self.name_end(a0).min(inner_end);
            p = a1;
            while p < inner_end && is_space(self.buf[p]) {
                p += 1;
            }
            if p >= inner_end || self.buf[p] != b'=' {
                return Err(self.err(p, "an attribute without '='").into());
            }
            p += 1;
            while p < inner_end && is_space(self.buf[p]) {
                p += 1;
            }
            if p >= inner_end || !matches!(self.buf[p], b'"' | b'\'') {
                return Err(self.err(p, "an unquoted attribute value").into());
            }
            let q = self.buf[p];
            let v0 = p + 1;
            let v1 = v0
                + memchr::memchr(q, &self.buf[v0..inner_end])
                    .ok_or_else(|| self.err(p, "an unterminated attribute value"))?;
            p = v1 + 1;
            let raw = piece(v0, v1)?;
            if raw.contains('<') {
                return Err(self.err(v0, "'<' in an attribute value").into());
            }
            let d0 = self.values.len();
            let mut values = core::mem::take(&mut self.values);
            let r = decode(raw, true, &mut values).map_err(|m| self.err(v0, m));
            self.values = values;
            r?;
            if self.values.len() - d0 > self.limits.max_text_len {
                return Err(XmlError::TextTooLong {
                    limit: self.limits.max_text_len,
                    pos: Position { line: 0, column: 0 },
                }
                .into());
            }
            let colon = colon_in(&self.buf[a0..a1]).map(|c| a0 + c);
            self.raw_attrs.push(RawAttr {
                qname: (a0, a1),
                colon,
                value: (d0, self.values.len()),
            });
            if self.raw_attrs.len() > self.limits.max_attributes {
                return Err(XmlError::AttributeLimit {
                    limit: self.limits.max_attributes,
                    pos: Position { line: 0, column: 0 },
                }
                .into());
            }
        }
        let qname = piece(n0, n1)?;
        check_qname(qname).map_err(|m| self.err(n0, m))?;

        // Namespace declarations first: they apply to the element's own name and
        // attributes.
        let frame = Frame {
            qname: Span { start: 0, end: 0 },
            scope_len: self.scope.len(),
            arena_len: self.arena.len(),
        };
        // Kept without an empty prefix's colon: `<:e>` and `</e>` name the same element
        // (prefix "", local "e") for the tree reader too.
        let qspan = keep(&mut self.arena, qname.strip_prefix(':').unwrap_or(qname));
        let mut decl_count = 0;
        for k in 0..self.raw_attrs.len() {
            let a = self.raw_attrs[k];
            let name = piece(a.qname.0, a.qname.1)?;
            let prefix = if name == "xmlns" {
                ""
            } else if let Some(p) = name.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            check_qname(name).map_err(|m| self.err(a.qname.0, m))?;
            let uri = &self.values[a.value.0..a.value.1];
            let bad = if !prefix.is_empty() && uri.is_empty() {
                Some("a prefix bound to the empty namespace name")
            } else if prefix == "xmlns" || (prefix == "xml") != (uri == NS_XML) || uri == NS_XMLNS {
                Some("a reserved namespace prefix or name")
            } else if prefix.contains(':') {
                Some("a namespace prefix with ':'")
            } else {
                None
            };
            if let Some(m) = bad {
                return Err(self.err(a.qname.0, m).into());
            }
            // A repeated prefixed declaration is refused; a repeated default one is not,
            // as the tree reader takes it.
            let repeated = !prefix.is_empty()
                && self.scope[frame.scope_len..]
                    .iter()
                    .any(|(p, _)| &self.arena[p.start as usize..p.end as usize] == prefix);
            if repeated {
                return Err(self
                    .err(a.qname.0, "a repeated namespace declaration")
                    .into());
            }
            let ps = keep(&mut self.arena, prefix);
            let us = keep(&mut self.arena, uri);
            self.scope.push((ps, us));
            decl_count += 1;
        }
        let qname = piece(n0, n1)?;
        let decl_spans: Vec<(Span, Span)> = self.scope[frame.scope_len..].to_vec();
        let (prefix, local) = match colon_in(qname.as_bytes()) {
            Some(c) => (&qname[..c], &qname[c + 1..]),
            None => ("", qname),
        };
        // As the tree reader: an element name never takes the `xml` prefix, declared or not.
        let ns: &str = match self.lookup(prefix) {
            _ if prefix == "xml" || prefix == "xmlns" => {
                return Err(self
                    .err(n0, "an element name with a reserved prefix")
                    .into())
            }
            Some(u) => u,
            None if prefix.is_empty() => "",
            None => return Err(self.err(n0, "an undeclared namespace prefix").into()),
        };
        // The other attributes, resolved.
        let mut attrs: Vec<Attr<'_>> = Vec::with_capacity(self.raw_attrs.len() - decl_count);
        for a in &self.raw_attrs {
            let name = piece(a.qname.0, a.qname.1)?;
            if name == "xmlns" || name.starts_with("xmlns:") {
                continue;
            }
            check_qname(name).map_err(|m| self.err(a.qname.0, m))?;
            let (ap, al) = match a.colon {
                Some(c) => (&name[..c - a.qname.0], &name[c - a.qname.0 + 1..]),
                None => ("", name),
            };
            let ans = if ap.is_empty() {
                ""
            } else if ap == "xml" {
                NS_XML
            } else {
                self.scope
                    .iter()
                    .rev()
                    .find(|(p, _)| &self.arena[p.start as usize..p.end as usize] == ap)
                    .map(|(_, u)| &self.arena[u.start as usize..u.end as usize])
                    .ok_or_else(|| self.err(a.qname.0, "an undeclared attribute prefix"))?
            };
            if attrs.iter().any(|x| x.ns == ans && x.local == al) {
                return Err(self.err(a.qname.0, "a repeated attribute").into());
            }
            attrs.push(Attr {
                prefix: ap,
                local: al,
                ns: ans,
                value: &self.values[a.value.0..a.value.1],
            });
        }
        let decls: Vec<NsDecl<'_>> = decl_spans
            .iter()
            .map(|(p, u)| NsDecl {
                prefix: &self.arena[p.start as usize..p.end as usize],
                uri: &self.arena[u.start as usize..u.end as usize],
            })
            .collect();
        let tag = StartTag {
            prefix,
            local,
            ns,
            decls: &decls,
            attrs: &attrs,
            depth,
            raw: &self.buf[start..=gt],
            offset: self.base + start as u64,
        };
        h.start(&tag)?;
        drop(attrs);
        drop(decls);
        self.frames.push(Frame {
            qname: qspan,
            ..frame
        });
        self.seen_root = true;
        self.pos = gt + 1;
        if self_closing {
            // The frame pushed just above.
            if let Some(f) = self.frames.pop() {
                self.scope.truncate(f.scope_len);
                self.arena.truncate(f.arena_len);
            }
            if self.frames.is_empty() {
                self.root_closed = true;
            }
            h.end(depth, self.base + self.pos as u64)?;
        }
        Ok(Step::Done)
    }
}

/// The XML declaration after `<?xml `, read exactly as the tree reader reads it:
/// an attribute whose name starts with `version` (required), then optionally one
/// starting with `encoding`, then one starting with `standalone`; values in quotes
/// without `<`; white space between them.
fn xml_decl_ok(body: &str) -> bool {
    fn spaces(s: &str) -> &str {
        s.trim_start_matches([' ', '\t', '\n', '\r'])
    }
    fn attr(s: &str) -> Option<&str> {
        let n = s
            .char_indices()
            .find(|&(_, c)| !(name_char(c) || c == ':'))
            .map_or(s.len(), |(i, _)| i);
        check_qname(&s[..n]).ok()?;
        let rest = spaces(&s[n..]).strip_prefix('=')?;
        let rest = spaces(rest);
        let q = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let end = rest[1..].find(q)?;
        let value = &rest[1..1 + end];
        if value.contains('<') || check_chars(value).is_err() {
            return None;
        }
        Some(&rest[2 + end..])
    }
    // Between attributes: white space, or the end of the declaration.
    fn gap(s: &str) -> Option<&str> {
        let t = spaces(s);
        (t.len() < s.len() || s.is_empty()).then_some(t)
    }
    let s = spaces(body);
    if !s.starts_with("version") {
        return false;
    }
    let Some(mut s) = attr(s).and_then(gap) else {
        return false;
    };
    if s.starts_with("encoding") {
        match attr(s).and_then(gap) {
            Some(t) => s = t,
            None => return false,
        }
    }
    if s.starts_with("standalone") {
        match attr(s) {
            Some(t) => s = t,
            None => return false,
        }
    }
    spaces(s).is_empty()
}

fn keep(arena: &mut String, s: &str) -> Span {
    let start = arena.len();
    arena.push_str(s);
    // Names and URIs of open elements only: far below 4 GiB under the reading limits.
    Span {
        start: start as u32,
        end: arena.len() as u32,
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

fn check_qname(q: &str) -> Result<(), &'static str> {
    let b = q.as_bytes();
    let (first, second) = match colon_in(b) {
        Some(c) => (&b[..c], Some(&b[c + 1..])),
        None => (b, None),
    };
    // As the tree reader: the prefix may be empty (":name" has no prefix), the local
    // part may not.
    if (first.is_empty() && second.is_none())
        || second.is_some_and(|s| s.is_empty() || s.contains(&b':'))
    {
        return Err("a malformed qualified name");
    }
    for p in [Some(first), second]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
    {
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
fn decode(s: &str, attribute: bool, out: &mut String) -> Result<(), &'static str> {
    let b = s.as_bytes();
    if reads_as_itself(b, attribute) {
        if !s.is_ascii() {
            check_chars(s)?;
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
                let semi = memchr::memchr(b';', &b[i..]).ok_or("an unterminated reference")? + i;
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
                        } else {
                            return Err("an entity reference needs a DTD");
                        };
                        // As the tree reader: a number that is no Unicode scalar value
                        // reads as U+FFFD.
                        let ch = v
                            .map(|v| char::from_u32(v).unwrap_or('\u{FFFD}'))
                            .filter(|c| xml_char(*c as u32))
                            .ok_or("a character reference to a character XML does not allow")?;
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
            _ => return Err("a control character XML does not allow"),
        }
    }
    out.push_str(&s[from..]);
    // Characters above the ASCII range need a check of their own (U+FFFE, U+FFFF).
    if !s.is_ascii() {
        check_chars(s)?;
    }
    Ok(())
}
