//! A small JSON reader for EMREG lists: strict RFC 8259 with exactly one tolerance.
//!
//! Real 1.0-era EMREG lists were published with a trailing comma before a closing `]` or
//! `}`, which is invalid JSON; clients built on lenient parsers accepted it, so refusing it
//! would make the registry unusable. This reader accepts that one defect — a single comma
//! directly (whitespace aside) before the closing bracket of a non-empty array or object —
//! and refuses everything else that is not JSON: comments, single quotes, `NaN`, leading
//! zeros, unescaped control characters, lone surrogates, `[,]`, `[1,,]`, trailing data.
//! A member name repeated in one object is refused too: two readers must never disagree
//! about which value counts. Input is bounded by [`MAX_JSON_BYTES`] and nesting by
//! [`MAX_JSON_DEPTH`].

use alloc::string::String;
use alloc::vec::Vec;

use super::EmrexError;

/// The largest EMREG list accepted, in bytes (real lists are a few hundred KB).
pub const MAX_JSON_BYTES: usize = 8 * 1024 * 1024;
/// The deepest nesting of arrays and objects accepted (an EMREG list needs 4).
pub const MAX_JSON_DEPTH: usize = 64;

/// A JSON value with the position where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Json {
    /// 1-based line of the value's first character.
    pub line: u32,
    /// 1-based column (in characters) of the value's first character.
    pub column: u32,
    /// The value.
    pub value: JsonValue,
}

/// A JSON value. Numbers are kept as written (validated against the JSON grammar), so
/// nothing is lost to floating point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members in document order (names are unique).
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// A member of an object, by name.
    pub fn get(&self, name: &str) -> Option<&Json> {
        match &self.value {
            JsonValue::Object(m) => m.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Parses one JSON document (an optional UTF-8 byte-order mark is skipped).
///
/// # Errors
/// [`EmrexError::JsonLimit`] over [`MAX_JSON_BYTES`] or [`MAX_JSON_DEPTH`];
/// [`EmrexError::JsonMalformed`] with the line and column of anything else invalid.
pub fn parse_json(input: &[u8]) -> Result<Json, EmrexError> {
    if input.len() > MAX_JSON_BYTES {
        return Err(EmrexError::JsonLimit {
            what: "input bytes",
            limit: MAX_JSON_BYTES,
        });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let text = core::str::from_utf8(input).map_err(|e| {
        let mut r = Reader::new(input);
        r.advance_to(e.valid_up_to());
        r.error("the input is not UTF-8")
    })?;
    let mut r = Reader::new(text.as_bytes());
    r.skip_ws();
    let v = r.value(0)?;
    r.skip_ws();
    if r.i < r.s.len() {
        return Err(r.error("unexpected data after the JSON value"));
    }
    Ok(v)
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
    line: u32,
    column: u32,
}

impl<'a> Reader<'a> {
    fn new(s: &'a [u8]) -> Self {
        Reader {
            s,
            i: 0,
            line: 1,
            column: 1,
        }
    }

    fn error(&self, reason: &'static str) -> EmrexError {
        EmrexError::JsonMalformed {
            line: self.line,
            column: self.column,
            reason,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// Moves one byte on, counting lines and (character) columns.
    fn bump(&mut self) {
        if let Some(b) = self.peek() {
            self.i += 1;
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                self.column = self.column.saturating_add(1);
            }
        }
    }

    fn advance_to(&mut self, to: usize) {
        while self.i < to && self.i < self.s.len() {
            self.bump();
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    fn expect_word(&mut self, word: &[u8]) -> Result<(), EmrexError> {
        if self.s.get(self.i..self.i + word.len()) == Some(word) {
            for _ in 0..word.len() {
                self.bump();
            }
            Ok(())
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, EmrexError> {
        let (line, column) = (self.line, self.column);
        let value = match self.peek() {
            None => return Err(self.error("unexpected end of input")),
            Some(b'n') => {
                self.expect_word(b"null")?;
                JsonValue::Null
            }
            Some(b't') => {
                self.expect_word(b"true")?;
                JsonValue::Bool(true)
            }
            Some(b'f') => {
                self.expect_word(b"false")?;
                JsonValue::Bool(false)
            }
            Some(b'"') => JsonValue::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => JsonValue::Number(self.number()?),
            Some(b'[') => {
                let depth = self.enter(depth)?;
                JsonValue::Array(self.array(depth)?)
            }
            Some(b'{') => {
                let depth = self.enter(depth)?;
                JsonValue::Object(self.object(depth)?)
            }
            Some(_) => return Err(self.error("expected a JSON value")),
        };
        Ok(Json {
            line,
            column,
            value,
        })
    }

    fn enter(&mut self, depth: usize) -> Result<usize, EmrexError> {
        if depth >= MAX_JSON_DEPTH {
            return Err(EmrexError::JsonLimit {
                what: "nesting depth",
                limit: MAX_JSON_DEPTH,
            });
        }
        self.bump();
        Ok(depth + 1)
    }

    /// After a `,`: true when the tolerated trailing comma closes the container.
    fn trailing_close(&mut self, close: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(close) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn array(&mut self, depth: usize) -> Result<Vec<Json>, EmrexError> {
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(items);
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.bump();
                    if self.trailing_close(b']') {
                        return Ok(items);
                    }
                }
                Some(b']') => {
                    self.bump();
                    return Ok(items);
                }
                _ => return Err(self.error("expected ',' or ']' in an array")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Vec<(String, Json)>, EmrexError> {
        let mut members: Vec<(String, Json)> = Vec::new();
        // Where each name starts, to report a repeated one once the object is complete.
        let mut name_at: Vec<(u32, u32)> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(members);
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a member name in double quotes"));
            }
            name_at.push((self.line, self.column));
            let name = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':' after a member name"));
            }
            self.bump();
            self.skip_ws();
            let v = self.value(depth)?;
            members.push((name, v));
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.bump();
                    if self.trailing_close(b'}') {
                        return unique(members, &name_at);
                    }
                }
                Some(b'}') => {
                    self.bump();
                    return unique(members, &name_at);
                }
                _ => return Err(self.error("expected ',' or '}' in an object")),
            }
        }
    }

    fn number(&mut self) -> Result<String, EmrexError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => {
                self.bump();
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error("a number has a leading zero"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("a number needs digits")),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("a number needs digits after '.'"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("a number needs digits in its exponent"));
            }
            self.digits();
        }
        let text = self.s.get(start..self.i).unwrap_or_default();
        Ok(String::from_utf8_lossy(text).into_owned())
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.bump();
        }
    }

    fn hex4(&mut self) -> Result<u32, EmrexError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.error("\\u needs four hexadecimal digits")),
            };
            v = v * 16 + u32::from(d);
            self.bump();
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, EmrexError> {
        self.bump(); // the opening quote
        let mut out = String::new();
        loop {
            // Copy a run of plain characters at once (the input is valid UTF-8).
            let start = self.i;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.bump();
            }
            if let Some(run) = self.s.get(start..self.i) {
                out.push_str(&String::from_utf8_lossy(run));
            }
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.bump();
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.bump();
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.bump();
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error("unknown escape in a string")),
                    };
                    self.bump();
                    out.push(c);
                }
                Some(_) => return Err(self.error("a control character must be escaped")),
            }
        }
    }

    /// After `\u`: one code point, joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, EmrexError> {
        let hi = self.hex4()?;
        let cp = if (0xD800..0xDC00).contains(&hi) {
            if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                return Err(self.error("a high surrogate must be followed by a low one"));
            }
            self.bump();
            self.bump();
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.error("a high surrogate must be followed by a low one"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else if (0xDC00..0xE000).contains(&hi) {
            return Err(self.error("a lone low surrogate"));
        } else {
            hi
        };
        char::from_u32(cp).ok_or_else(|| self.error("an invalid code point"))
    }
}

/// `members` when no name is repeated; otherwise an error at the first repetition in
/// document order.
fn unique(
    members: Vec<(String, Json)>,
    name_at: &[(u32, u32)],
) -> Result<Vec<(String, Json)>, EmrexError> {
    let repeated = first_repeated(members.len(), &|i| {
        members.get(i).map_or("", |(k, _)| k.as_str())
    });
    match repeated.and_then(|i| name_at.get(i)) {
        Some(&(line, column)) => Err(EmrexError::JsonMalformed {
            line,
            column,
            reason: "a member name is repeated in one object",
        }),
        None => Ok(members),
    }
}

/// The index of the first of `n` keys, in index order, equal to an earlier one.
///
/// Sorting keeps this O(n log n) whatever the input: comparing each key with every earlier
/// one took minutes on an object of a few hundred thousand members. The keys are sorted by
/// a hash of their bytes first, so the comparisons are of integers unless two hashes are
/// equal; keys chosen to collide only fall back to comparing the keys, still O(n log n).
///
/// `key` is a trait object so that every caller shares one copy of the sort.
pub(super) fn first_repeated<'k, K: Ord + AsRef<[u8]> + ?Sized + 'k>(
    n: usize,
    key: &dyn Fn(usize) -> &'k K,
) -> Option<usize> {
    let mut order: Vec<(u64, usize)> = (0..n).map(|i| (fnv1a(key(i).as_ref()), i)).collect();
    // Equal keys end up adjacent, in index order, so the second of each equal pair is a
    // repetition.
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| key(a.1).cmp(key(b.1)))
            .then(a.1.cmp(&b.1))
    });
    order
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if a.0 == b.0 && key(a.1) == key(b.1) => Some(b.1),
            _ => None,
        })
        .min()
}

/// 64-bit FNV-1a: a spread of short keys into integers, not a defence against chosen
/// collisions (see [`first_repeated`]).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> (u32, u32) {
        match parse_json(s.as_bytes()) {
            Err(EmrexError::JsonMalformed { line, column, .. }) => (line, column),
            other => panic!("{s:?}: {other:?}"),
        }
    }

    #[test]
    fn values() {
        let v =
            parse_json(br#" {"a": [1, -2.5e3, true, null, "x\n\u00e9\ud83d\ude00"], "b": {}} "#)
                .unwrap();
        let a = v.get("a").unwrap();
        let JsonValue::Array(items) = &a.value else {
            panic!()
        };
        assert_eq!(items[1].value, JsonValue::Number("-2.5e3".into()));
        assert_eq!(items[4].as_str(), Some("x\né😀"));
        assert_eq!((a.line, a.column), (1, 8));
    }

    #[test]
    fn trailing_comma_is_the_one_tolerance() {
        assert!(parse_json(b"[1, 2 ,\n ]").is_ok());
        assert!(parse_json(br#"{"a": 1,}"#).is_ok());
        for bad in [
            "[,]",
            "[1,,]",
            "{,}",
            "[1 2]",
            "{'a':1}",
            "[01]",
            "[1.]",
            "[NaN]",
            "// c\n[]",
            "\"\t\"",
            "[\"\\x\"]",
            "[\"\\ud800\"]",
            "[] x",
            "",
            "{\"a\":1,\"a\":2}",
            "[tru]",
        ] {
            assert!(parse_json(bad.as_bytes()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn repeated_names_in_large_objects() {
        // 320,000 members: comparing each name with every earlier one took minutes.
        let mut doc = String::from("{\"countries\":[],\"emps\":[],\"x\":{");
        for i in 0..320_000 {
            if i > 0 {
                doc.push(',');
            }
            doc.push_str(&alloc::format!("\"{i:07}\":{i}"));
        }
        doc.push_str("}}");
        let v = parse_json(doc.as_bytes()).unwrap();
        let JsonValue::Object(members) = &v.get("x").unwrap().value else {
            panic!()
        };
        assert_eq!(members.len(), 320_000);
        assert_eq!(members[319_999].0, "0319999");
        assert_eq!(members[123_456].1.value, JsonValue::Number("123456".into()));

        // The same with one name repeated at the end: refused at the repetition.
        doc.truncate(doc.len() - 2);
        let column = u32::try_from(doc.len() + 2).unwrap();
        doc.push_str(",\"0000007\":1}}");
        assert_eq!(
            parse_json(doc.as_bytes()),
            Err(EmrexError::JsonMalformed {
                line: 1,
                column,
                reason: "a member name is repeated in one object"
            })
        );
    }

    #[test]
    fn first_repetition_in_document_order() {
        let keys = ["b", "a", "c", "a", "b", "a"];
        assert_eq!(first_repeated(keys.len(), &|i| keys[i]), Some(3));
        let keys = ["z", "y", "x"];
        assert_eq!(first_repeated(keys.len(), &|i| keys[i]), None);
        assert_eq!(first_repeated(0, &|_| ""), None);
        // The error points at the second `"a"`, not the first.
        assert_eq!(err("{\"a\":1,\"b\":2,\n \"a\":3}"), (2, 2));
    }

    #[test]
    fn positions() {
        assert_eq!(err("{\n  \"a\": x}"), (2, 8));
        assert_eq!(err("[\"é\" 1]"), (1, 6));
    }

    #[test]
    fn depth_limit() {
        let deep = "[".repeat(MAX_JSON_DEPTH + 1);
        assert!(matches!(
            parse_json(deep.as_bytes()),
            Err(EmrexError::JsonLimit { .. })
        ));
        let ok = alloc::format!(
            "{}{}",
            "[".repeat(MAX_JSON_DEPTH),
            "]".repeat(MAX_JSON_DEPTH)
        );
        assert!(parse_json(ok.as_bytes()).is_ok());
    }
}
