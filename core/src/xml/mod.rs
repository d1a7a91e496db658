//! Reading XML with limits. One tokenizer (`lexer`) reads every document; the tree
//! reader (`tree`) keeps its events as nodes, the streaming verifier canonicalizes them
//! as they come, so both readers give a document the same meaning. Every limit is
//! enforced by the tokenizer while it reads, before a node exists.
//!
//! The tokenizer resolves the five predefined entities and character references,
//! normalizes attribute values and line ends as XML 1.0 requires, and the tree merges
//! CDATA into text — the data model that canonicalization expects. A DOCTYPE is refused,
//! so no entity can be declared and nothing external is ever loaded.

pub(crate) mod lexer;
mod scope;
pub(crate) mod tree;

pub(crate) use lexer::recycle;
pub(crate) use scope::{Mark, NsScope};
pub(crate) use tree::{Document, Node, NodeId};

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::c14n;
use crate::code::ErrorCode;

/// The XML Namespace (`xml:` prefix).
pub(crate) const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";

/// The deepest element nesting any reader accepts, whatever [`Limits::max_depth`] asks:
/// the open elements are kept in fixed arrays of this many, so that reading (the
/// streaming verifier's above all) holds the same memory for them whatever the input. A
/// larger `max_depth` counts as this ceiling, and a deeper document is refused with
/// `xml.depth_limit` naming it. Equal to the default: real SAML and SMP documents stay
/// under 20.
pub const MAX_DEPTH: usize = 64;

/// Limits applied while reading XML. Every breach has its own [`XmlError`] variant.
///
/// ```
/// let limits = trustmeta::Limits { max_depth: 16, ..Default::default() };
/// assert!(limits.max_input_bytes > 0);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Limits {
    /// Largest document accepted, in bytes. Default: 32 MiB, far above any SMP record or
    /// SAML message; large metadata aggregates take the streaming path instead.
    pub max_input_bytes: usize,
    /// Deepest element nesting, at most [`MAX_DEPTH`] (64), the capacity of the fixed
    /// arrays the open elements are kept in: a larger value counts as that ceiling, and a
    /// deeper document is refused with `xml.depth_limit` naming it. Default: 64 (real
    /// SAML and SMP documents stay under 20).
    pub max_depth: usize,
    /// Most attributes on one element (namespace declarations included). Default: 64.
    pub max_attributes: usize,
    /// Longest element, attribute or processing-instruction name, prefix included, in
    /// bytes. Default: 512.
    pub max_name_len: usize,
    /// Longest run of character data, attribute value, comment, processing instruction
    /// or CDATA section, in bytes as written; a start tag may take this plus room for
    /// `max_attributes` names. Default: 4 MiB (embedded certificates and base64 payloads
    /// stay far below). Each is refused as soon as it passes the limit, before it is
    /// held whole.
    pub max_text_len: usize,
    /// Most nodes (elements, text, comments, PIs) in one document held in memory (the
    /// streaming verifier holds none). Default: 1,000,000.
    pub max_nodes: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 32 * 1024 * 1024,
            max_depth: 64,
            max_attributes: 64,
            max_name_len: 512,
            max_text_len: 4 * 1024 * 1024,
            max_nodes: 1_000_000,
        }
    }
}

/// Where in the input: a byte offset, and for a document read whole its line and
/// column (1-based; 0 when unknown, as in a stream).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Position {
    /// Line, from 1 (0: not known).
    pub line: u32,
    /// Column in characters, from 1 (0: not known).
    pub column: u32,
    /// Byte offset from the start of the input.
    pub offset: u64,
}

impl Position {
    /// A byte offset whose line is not known.
    pub(crate) fn at_offset(offset: u64) -> Self {
        Position {
            line: 0,
            column: 0,
            offset,
        }
    }

    /// The line and column of byte `offset` of `input`.
    pub(crate) fn in_input(input: &[u8], offset: u64) -> Self {
        let end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(input.len());
        let before = &input[..end];
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let column = before[line_start..]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
            + 1;
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            offset,
        }
    }

    /// The same place, with its line and column read from `input`.
    pub(crate) fn located(self, input: &[u8]) -> Self {
        if self.line == 0 {
            Position::in_input(input, self.offset)
        } else {
            self
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "byte {}", self.offset)
        } else {
            write!(f, "{}:{}", self.line, self.column)
        }
    }
}

/// Why the XML was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlError {
    /// The input is not UTF-8. Other encodings are not supported.
    NotUtf8,
    /// The input exceeds [`Limits::max_input_bytes`].
    InputTooLarge {
        /// Input size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A DOCTYPE was found (XML 1.0 §2.8); refused to rule out entity expansion and XXE.
    DoctypeRefused {
        /// Where.
        pos: Position,
    },
    /// Elements nest deeper than [`Limits::max_depth`] (or [`MAX_DEPTH`], when that
    /// asks for more).
    DepthLimit {
        /// The limit.
        limit: usize,
        /// The first element past it.
        pos: Position,
    },
    /// An element has more than [`Limits::max_attributes`] attributes.
    AttributeLimit {
        /// The limit.
        limit: usize,
        /// The element.
        pos: Position,
    },
    /// A name is longer than [`Limits::max_name_len`].
    NameTooLong {
        /// The limit.
        limit: usize,
        /// Where.
        pos: Position,
    },
    /// A text node or attribute value is longer than [`Limits::max_text_len`].
    TextTooLong {
        /// The limit.
        limit: usize,
        /// Where.
        pos: Position,
    },
    /// The document has more than [`Limits::max_nodes`] nodes.
    NodeLimit {
        /// The limit.
        limit: u32,
    },
    /// An entity other than the five predefined ones is referenced (no DTD may declare it).
    EntityRefused {
        /// Where.
        pos: Position,
    },
    /// Not well-formed XML 1.0 with namespaces.
    Malformed {
        /// The parser's description.
        reason: String,
        /// Where.
        pos: Position,
    },
    /// Two elements carry the same ID value (invariant 4: a duplicate ID is never
    /// resolved by picking one).
    DuplicateId {
        /// The ID value.
        value: String,
        /// The second element carrying it.
        pos: Position,
    },
    /// An attribute is given twice on one element, in any spelling: the same name twice
    /// (two `xmlns` included, XML 1.0 §3.1) or two names with one expanded name
    /// (Namespaces in XML 1.0 §6.3). Readers disagree on which one counts, so neither
    /// does (invariant 10).
    DuplicateAttribute {
        /// The second attribute's name as written.
        name: String,
        /// Where.
        pos: Position,
    },
    /// The XML declaration names an encoding other than UTF-8: the bytes would mean
    /// something else to a reader that believes it.
    EncodingRefused {
        /// The encoding label.
        label: String,
        /// Where.
        pos: Position,
    },
    /// The XML declaration names a version other than 1.0 (XML 1.1 changes which
    /// characters and line ends a document may hold).
    VersionRefused {
        /// The version.
        version: String,
        /// Where.
        pos: Position,
    },
    /// A start tag is longer than its limit (the longest attribute value plus room for
    /// [`Limits::max_attributes`] names), refused before it is held whole.
    TagTooLong {
        /// The limit, in bytes.
        limit: usize,
        /// Where the tag starts.
        pos: Position,
    },
}

impl XmlError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            XmlError::NotUtf8 => ErrorCode::XmlNotUtf8,
            XmlError::InputTooLarge { .. } => ErrorCode::XmlInputTooLarge,
            XmlError::DoctypeRefused { .. } => ErrorCode::XmlDoctypeRefused,
            XmlError::DepthLimit { .. } => ErrorCode::XmlDepthLimit,
            XmlError::AttributeLimit { .. } => ErrorCode::XmlAttributeLimit,
            XmlError::NameTooLong { .. } => ErrorCode::XmlNameTooLong,
            XmlError::TextTooLong { .. } => ErrorCode::XmlTextTooLong,
            XmlError::NodeLimit { .. } => ErrorCode::XmlNodeLimit,
            XmlError::EntityRefused { .. } => ErrorCode::XmlEntityRefused,
            XmlError::Malformed { .. } => ErrorCode::XmlMalformed,
            XmlError::DuplicateId { .. } => ErrorCode::XmlDuplicateId,
            XmlError::DuplicateAttribute { .. } => ErrorCode::XmlDuplicateAttribute,
            XmlError::EncodingRefused { .. } => ErrorCode::XmlEncodingRefused,
            XmlError::VersionRefused { .. } => ErrorCode::XmlVersionRefused,
            XmlError::TagTooLong { .. } => ErrorCode::XmlTagTooLong,
        }
    }

    /// Where in the input the problem is, when known.
    pub fn pos(&self) -> Option<Position> {
        match self {
            XmlError::DoctypeRefused { pos }
            | XmlError::DepthLimit { pos, .. }
            | XmlError::AttributeLimit { pos, .. }
            | XmlError::NameTooLong { pos, .. }
            | XmlError::TextTooLong { pos, .. }
            | XmlError::EntityRefused { pos }
            | XmlError::Malformed { pos, .. }
            | XmlError::DuplicateId { pos, .. }
            | XmlError::DuplicateAttribute { pos, .. }
            | XmlError::EncodingRefused { pos, .. }
            | XmlError::VersionRefused { pos, .. }
            | XmlError::TagTooLong { pos, .. } => Some(*pos),
            _ => None,
        }
    }

    fn pos_mut(&mut self) -> Option<&mut Position> {
        match self {
            XmlError::DoctypeRefused { pos }
            | XmlError::DepthLimit { pos, .. }
            | XmlError::AttributeLimit { pos, .. }
            | XmlError::NameTooLong { pos, .. }
            | XmlError::TextTooLong { pos, .. }
            | XmlError::EntityRefused { pos }
            | XmlError::Malformed { pos, .. }
            | XmlError::DuplicateId { pos, .. }
            | XmlError::DuplicateAttribute { pos, .. }
            | XmlError::EncodingRefused { pos, .. }
            | XmlError::VersionRefused { pos, .. }
            | XmlError::TagTooLong { pos, .. } => Some(pos),
            _ => None,
        }
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlError::NotUtf8 => f.write_str("the document is not UTF-8; convert it to UTF-8 first"),
            XmlError::InputTooLarge { size, limit } => {
                write!(f, "the document has {size} bytes, more than the limit of {limit}; raise Limits::max_input_bytes if it is expected")
            }
            XmlError::DoctypeRefused { pos } => {
                write!(f, "a DOCTYPE at {pos} was refused: DTDs can expand entities and load external content")
            }
            XmlError::DepthLimit { limit, pos } => write!(f, "elements nest deeper than {limit} at {pos}"),
            XmlError::AttributeLimit { limit, pos } => write!(f, "the element at {pos} has more than {limit} attributes"),
            XmlError::NameTooLong { limit, pos } => write!(f, "a name at {pos} is longer than {limit} bytes"),
            XmlError::TextTooLong { limit, pos } => write!(f, "a text or attribute value at {pos} is longer than {limit} bytes"),
            XmlError::NodeLimit { limit } => write!(f, "the document has more than {limit} nodes"),
            XmlError::EntityRefused { pos } => write!(f, "an undeclared entity is referenced at {pos}; only &lt; &gt; &amp; &apos; &quot; are accepted"),
            XmlError::Malformed { reason, pos } => write!(f, "malformed XML at {pos}: {reason}"),
            XmlError::DuplicateId { value, pos } => {
                write!(f, "the ID value {value:?} is carried by more than one element (again at {pos}); refusing to guess which is signed")
            }
            XmlError::DuplicateAttribute { name, pos } => {
                write!(f, "the attribute {name} at {pos} repeats one already given on the element (possibly under another prefix); readers would disagree on which counts")
            }
            XmlError::EncodingRefused { label, pos } => {
                write!(f, "the XML declaration at {pos} says encoding {label:?}; only UTF-8 is accepted — convert the document and its declaration")
            }
            XmlError::VersionRefused { version, pos } => {
                write!(f, "the XML declaration at {pos} says version {version:?}; only XML 1.0 is accepted")
            }
            XmlError::TagTooLong { limit, pos } => {
                write!(f, "the start tag at {pos} is longer than {limit} bytes")
            }
        }
    }
}

impl core::error::Error for XmlError {}

/// Parses `input` under `limits`. The returned tree borrows `input` for positions.
pub(crate) fn parse<'a>(input: &'a [u8], limits: &Limits) -> Result<Document<'a>, XmlError> {
    parse_in(input, limits, &mut c14n::Scratch::default())
}

/// [`parse`], the tokenizer working in the arrays of `scratch`, which a verification
/// canonicalizes in next: a small document then allocates them once for both.
pub(crate) fn parse_in<'a>(
    input: &'a [u8],
    limits: &Limits,
    scratch: &mut c14n::Scratch,
) -> Result<Document<'a>, XmlError> {
    if input.len() > limits.max_input_bytes || u32::try_from(input.len()).is_err() {
        return Err(XmlError::InputTooLarge {
            size: input.len(),
            limit: limits.max_input_bytes.min(u32::MAX as usize),
        });
    }
    let mut arrays = scratch.lend_to_reader();
    let parsed = Document::parse(input, limits, &mut arrays);
    scratch.take_back_from_reader(arrays);
    parsed.map_err(|mut e| {
        if let Some(p) = e.pos_mut() {
            *p = p.located(input);
        }
        e
    })
}

/// Which attributes carry IDs in a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum IdAttribute {
    /// An attribute without namespace, e.g. `ID` (SAML), `Id` (XAdES), `id`.
    Unqualified(&'static str),
    /// `xml:id`.
    XmlId,
}

/// The ID attributes of the generic profile: `ID`, `Id`, `id` and `xml:id`.
pub const GENERIC_ID_ATTRIBUTES: &[IdAttribute] = &[
    IdAttribute::Unqualified("ID"),
    IdAttribute::Unqualified("Id"),
    IdAttribute::Unqualified("id"),
    IdAttribute::XmlId,
];

/// ID value → element, over the whole document. A value carried twice is an error, even
/// when nothing references it: a later lookup must never have a choice.
pub(crate) struct IdIndex<'a> {
    /// Sorted by value; borrowed from the parsed document.
    ids: Vec<(&'a str, NodeId)>,
}

impl<'a> IdIndex<'a> {
    /// An ID value both indexes hold: a decrypted element must not reuse an ID of the
    /// message it came in.
    pub(crate) fn shared_with(&self, other: &IdIndex<'_>) -> Option<&'a str> {
        self.ids
            .iter()
            .map(|(v, _)| *v)
            .find(|v| other.ids.binary_search_by(|(o, _)| (*o).cmp(v)).is_ok())
    }

    pub(crate) fn build(doc: &'a Document<'_>, attrs: &[IdAttribute]) -> Result<Self, XmlError> {
        let mut ids: Vec<(&'a str, NodeId)> = Vec::new();
        for node in doc.descendants().filter(Node::is_element) {
            for a in node.attributes() {
                let is_id = attrs.iter().any(|id| match id {
                    IdAttribute::Unqualified(n) => a.namespace.is_none() && a.local == *n,
                    IdAttribute::XmlId => a.namespace == Some(NS_XML) && a.local == "id",
                });
                if is_id {
                    ids.push((a.value, node.id()));
                }
            }
        }
        ids.sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
        if let Some(w) = ids.windows(2).find(|w| w[0].0 == w[1].0) {
            let pos = doc
                .get_node(w[1].1)
                .map_or(Position::at_offset(0), |n| n.position());
            return Err(XmlError::DuplicateId {
                value: w[0].0.to_string(),
                pos,
            });
        }
        Ok(IdIndex { ids })
    }

    pub(crate) fn get(&self, id: &str) -> Option<NodeId> {
        self.ids
            .binary_search_by(|(v, _)| (*v).cmp(id))
            .ok()
            .map(|i| self.ids[i].1)
    }
}

/// The concatenation of all text children of `node` (invariant 7: a comment never
/// truncates a value); borrowed when there is a single text child.
pub(crate) fn text_content<'a>(node: Node<'a, '_>) -> Cow<'a, str> {
    let mut texts = node.children().filter(Node::is_text);
    let first = texts.next().and_then(|t| t.text()).unwrap_or("");
    match texts.next() {
        None => Cow::Borrowed(first),
        Some(second) => {
            let mut s = String::from(first);
            s.push_str(second.text().unwrap_or(""));
            for t in texts {
                s.push_str(t.text().unwrap_or(""));
            }
            Cow::Owned(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(xml: &str, limits: &Limits) -> XmlError {
        parse(xml.as_bytes(), limits).expect_err("must fail")
    }

    #[test]
    fn doctype_refused() {
        let e = err(
            "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>",
            &Limits::default(),
        );
        assert_eq!(e.code(), ErrorCode::XmlDoctypeRefused);
    }

    fn nested(depth: usize) -> String {
        alloc::format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth))
    }

    #[test]
    fn depth_past_the_limit_or_the_ceiling_is_refused() {
        let depth_limit = |xml: &str, l: &Limits| match err(xml, l) {
            XmlError::DepthLimit { limit, .. } => limit,
            e => panic!("{e:?}"),
        };
        let default = Limits::default();
        assert!(parse(nested(MAX_DEPTH).as_bytes(), &default).is_ok());
        assert_eq!(depth_limit(&nested(MAX_DEPTH + 1), &default), MAX_DEPTH);
        let l = Limits {
            max_depth: 5,
            ..Limits::default()
        };
        assert!(parse(nested(5).as_bytes(), &l).is_ok());
        assert_eq!(depth_limit(&nested(6), &l), 5);
        // A limit above the ceiling gets the ceiling, named in the refusal.
        for asked in [MAX_DEPTH + 1, 1000, usize::MAX] {
            let l = Limits {
                max_depth: asked,
                ..Limits::default()
            };
            assert!(parse(nested(MAX_DEPTH).as_bytes(), &l).is_ok(), "{asked}");
            assert_eq!(
                depth_limit(&nested(MAX_DEPTH + 1), &l),
                MAX_DEPTH,
                "{asked}"
            );
            assert_eq!(depth_limit(&nested(10_000), &l), MAX_DEPTH, "{asked}");
        }
    }

    #[test]
    fn each_limit_has_its_own_error() {
        let l = Limits {
            max_depth: 2,
            ..Limits::default()
        };
        assert_eq!(
            err("<a><b><c/></b></a>", &l).code(),
            ErrorCode::XmlDepthLimit
        );
        let l = Limits {
            max_attributes: 1,
            ..Limits::default()
        };
        assert_eq!(
            err("<a x='1' y='2'/>", &l).code(),
            ErrorCode::XmlAttributeLimit
        );
        let l = Limits {
            max_name_len: 3,
            ..Limits::default()
        };
        assert_eq!(err("<abcd/>", &l).code(), ErrorCode::XmlNameTooLong);
        assert_eq!(err("<a abcd='1'/>", &l).code(), ErrorCode::XmlNameTooLong);
        let l = Limits {
            max_text_len: 3,
            ..Limits::default()
        };
        assert_eq!(err("<a>abcd</a>", &l).code(), ErrorCode::XmlTextTooLong);
        assert_eq!(err("<a b='abcd'/>", &l).code(), ErrorCode::XmlTextTooLong);
        let l = Limits {
            max_nodes: 3,
            ..Limits::default()
        };
        assert_eq!(
            err("<a><b/><c/><d/></a>", &l).code(),
            ErrorCode::XmlNodeLimit
        );
        let l = Limits {
            max_input_bytes: 3,
            ..Limits::default()
        };
        assert_eq!(err("<abc/>", &l).code(), ErrorCode::XmlInputTooLarge);
    }

    #[test]
    fn prefix_bound_to_empty_name_refused() {
        assert_eq!(
            err("<r xmlns:a=''><a:e/></r>", &Limits::default()).code(),
            ErrorCode::XmlMalformed
        );
        assert!(parse(b"<r xmlns=''/>", &Limits::default()).is_ok());
    }

    #[test]
    fn reserved_pi_target_refused() {
        assert_eq!(
            err("<?xml!version='1.0'?><a/>", &Limits::default()).code(),
            ErrorCode::XmlMalformed
        );
        assert_eq!(
            err("<a><?XML x?></a>", &Limits::default()).code(),
            ErrorCode::XmlMalformed
        );
        assert!(parse(b"<?xml-stylesheet href='a'?><a/>", &Limits::default()).is_ok());
    }

    #[test]
    fn undeclared_entity_refused() {
        assert_eq!(
            err("<a>&ext;</a>", &Limits::default()).code(),
            ErrorCode::XmlEntityRefused
        );
    }

    #[test]
    fn malformed_has_position() {
        let e = err("<a>\n<b></a>", &Limits::default());
        assert_eq!(e.code(), ErrorCode::XmlMalformed);
        assert_eq!(e.pos().map(|p| p.line), Some(2));
    }

    #[test]
    fn not_utf8() {
        assert_eq!(
            parse(b"<a>\xff</a>", &Limits::default()).err(),
            Some(XmlError::NotUtf8)
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let doc = parse(b"<r><a ID='x'/><b xml:id='x'/></r>", &Limits::default()).unwrap();
        let e = IdIndex::build(&doc, GENERIC_ID_ATTRIBUTES).err().unwrap();
        assert_eq!(e.code(), ErrorCode::XmlDuplicateId);
        let doc = parse(b"<r><a ID='x'/><b ID='y'/></r>", &Limits::default()).unwrap();
        let idx = IdIndex::build(&doc, GENERIC_ID_ATTRIBUTES).unwrap();
        assert!(idx.get("y").is_some() && idx.get("z").is_none());
    }

    #[test]
    fn prefixes_as_written() {
        let doc = parse(
            b"<p:a xmlns:p='urn:p' p:b='1' c='2'><d/></p:a>",
            &Limits::default(),
        )
        .unwrap();
        let r = doc.root_element();
        assert_eq!(r.prefix(), "p");
        assert_eq!(r.namespace(), Some("urn:p"));
        let prefixes: alloc::vec::Vec<_> = r.attributes().map(|a| a.prefix).collect();
        assert_eq!(prefixes, ["p", ""]);
        assert_eq!(r.first_element_child().unwrap().prefix(), "");
    }

    #[test]
    fn text_content_spans_comments() {
        let doc = parse(b"<a>admin<!-- x -->@evil</a>", &Limits::default()).unwrap();
        assert_eq!(text_content(doc.root_element()), "admin@evil");
    }
}
