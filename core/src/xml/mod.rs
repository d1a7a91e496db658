//! Reading XML with limits: one parse (by `roxmltree`, which keeps byte positions and
//! needs only `alloc`), then a walk that enforces the policy's limits and indexes IDs.
//!
//! The parser resolves the five predefined entities and character references, normalizes
//! attribute values and line ends as XML 1.0 requires, and merges CDATA into text — the
//! data model that canonicalization expects. A DOCTYPE is refused unless the caller opts
//! in, so no entity can be declared and nothing external is ever loaded.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::error::ErrorCode;

/// The XML Namespace (`xml:` prefix).
pub(crate) const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";

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
    /// Deepest element nesting. Default: 64 (real SAML and SMP documents stay under 20).
    pub max_depth: usize,
    /// Most attributes on one element (namespace declarations included). Default: 64.
    pub max_attributes: usize,
    /// Longest element or attribute name, prefix included, in bytes. Default: 512.
    pub max_name_len: usize,
    /// Longest text node or attribute value, in bytes. Default: 4 MiB (embedded
    /// certificates and base64 payloads stay far below).
    pub max_text_len: usize,
    /// Most nodes (elements, text, comments, PIs) in one document. Default: 1,000,000.
    pub max_nodes: u32,
    /// Accept a `<!DOCTYPE`. Default: `false` — a DTD can declare entities and attribute
    /// defaults that change what is signed, and no profile needs one.
    pub allow_doctype: bool,
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
            allow_doctype: false,
        }
    }
}

/// A line and column (1-based) in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Position {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
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
    /// Elements nest deeper than [`Limits::max_depth`].
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
            | XmlError::DuplicateId { pos, .. } => Some(*pos),
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
        }
    }
}

impl core::error::Error for XmlError {}

/// Parses `input` under `limits`. The returned tree borrows `input`.
pub(crate) fn parse<'a>(
    input: &'a [u8],
    limits: &Limits,
) -> Result<roxmltree::Document<'a>, XmlError> {
    if input.len() > limits.max_input_bytes {
        return Err(XmlError::InputTooLarge {
            size: input.len(),
            limit: limits.max_input_bytes,
        });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let text = core::str::from_utf8(input).map_err(|_| XmlError::NotUtf8)?;
    let opts = roxmltree::ParsingOptions {
        allow_dtd: limits.allow_doctype,
        nodes_limit: limits.max_nodes,
        ..roxmltree::ParsingOptions::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(text, opts).map_err(|e| map_error(&e, limits))?;
    check_limits(&doc, limits)?;
    Ok(doc)
}

fn map_error(e: &roxmltree::Error, limits: &Limits) -> XmlError {
    let p = e.pos();
    let pos = Position {
        line: p.row,
        column: p.col,
    };
    match e {
        roxmltree::Error::DtdDetected => {
            // roxmltree reports no position for this one; point at the start.
            XmlError::DoctypeRefused {
                pos: Position { line: 1, column: 1 },
            }
        }
        roxmltree::Error::NodesLimitReached => XmlError::NodeLimit {
            limit: limits.max_nodes,
        },
        roxmltree::Error::UnknownEntityReference(_, _)
        | roxmltree::Error::EntityReferenceLoop(_) => XmlError::EntityRefused { pos },
        other => XmlError::Malformed {
            reason: other.to_string(),
            pos,
        },
    }
}

pub(crate) fn position(node: roxmltree::Node<'_, '_>) -> Position {
    position_at(node.document(), node.range().start)
}

pub(crate) fn position_at(doc: &roxmltree::Document<'_>, byte: usize) -> Position {
    let p = doc.text_pos_at(byte);
    Position {
        line: p.row,
        column: p.col,
    }
}

fn check_limits(doc: &roxmltree::Document<'_>, limits: &Limits) -> Result<(), XmlError> {
    let mut depth = 0usize;
    for edge in traverse(doc.root()) {
        match edge {
            Edge::Open(node) => {
                if node.is_element() {
                    depth += 1;
                    if depth > limits.max_depth {
                        return Err(XmlError::DepthLimit {
                            limit: limits.max_depth,
                            pos: position(node),
                        });
                    }
                    check_element(node, limits)?;
                } else if node.is_pi()
                    && node
                        .pi()
                        .is_some_and(|p| p.target.eq_ignore_ascii_case("xml"))
                {
                    // XML 1.0 §2.6 reserves the target "xml"; the reader would take a
                    // malformed declaration such as `<?xml!version…?>` for a PI.
                    return Err(XmlError::Malformed {
                        reason: "a processing instruction may not be named \"xml\"".to_string(),
                        pos: position(node),
                    });
                } else if let Some(t) = node.text() {
                    if t.len() > limits.max_text_len {
                        return Err(XmlError::TextTooLong {
                            limit: limits.max_text_len,
                            pos: position(node),
                        });
                    }
                }
            }
            Edge::Close(node) => {
                if node.is_element() {
                    depth -= 1;
                }
            }
        }
    }
    Ok(())
}

fn check_element(node: roxmltree::Node<'_, '_>, limits: &Limits) -> Result<(), XmlError> {
    let attrs = node.attributes();
    let own_ns = node.namespaces().len()
        - node
            .parent_element()
            .map_or(0, |p| p.namespaces().len())
            .min(node.namespaces().len());
    if attrs.len() + own_ns > limits.max_attributes {
        return Err(XmlError::AttributeLimit {
            limit: limits.max_attributes,
            pos: position(node),
        });
    }
    // Namespaces in XML 1.0 §2.2: a prefix may not be bound to the empty name (only XML
    // 1.1 allows undeclaring prefixes). The reader accepts it; other parsers refuse it.
    if node
        .namespaces()
        .any(|ns| ns.name().is_some() && ns.uri().is_empty())
    {
        return Err(XmlError::Malformed {
            reason: "a namespace prefix is bound to the empty name".to_string(),
            pos: position(node),
        });
    }
    if qname_of(node).len() > limits.max_name_len {
        return Err(XmlError::NameTooLong {
            limit: limits.max_name_len,
            pos: position(node),
        });
    }
    for a in attrs {
        let pos = || position_at(node.document(), a.range().start);
        if a.range_qname().len() > limits.max_name_len {
            return Err(XmlError::NameTooLong {
                limit: limits.max_name_len,
                pos: pos(),
            });
        }
        if a.value().len() > limits.max_text_len {
            return Err(XmlError::TextTooLong {
                limit: limits.max_text_len,
                pos: pos(),
            });
        }
    }
    Ok(())
}

/// Entering or leaving a node during a document-order walk.
#[derive(Clone, Copy)]
pub(crate) enum Edge<'a, 'x> {
    Open(roxmltree::Node<'a, 'x>),
    Close(roxmltree::Node<'a, 'x>),
}

/// Walks the subtree at `root` in document order without recursion, so nesting depth
/// never costs stack.
pub(crate) fn traverse<'a, 'x>(
    root: roxmltree::Node<'a, 'x>,
) -> impl Iterator<Item = Edge<'a, 'x>> {
    let mut next = Some(Edge::Open(root));
    core::iter::from_fn(move || {
        let cur = next?;
        next = match cur {
            Edge::Open(n) => Some(n.first_child().map_or(Edge::Close(n), Edge::Open)),
            Edge::Close(n) if n == root => None,
            Edge::Close(n) => match n.next_sibling() {
                Some(s) => Some(Edge::Open(s)),
                None => n.parent().map(Edge::Close),
            },
        };
        Some(cur)
    })
}

/// The element's qualified name as written (`prefix:local` or `local`).
pub(crate) fn qname_of<'i>(node: roxmltree::Node<'_, 'i>) -> &'i str {
    let text = node.document().input_text();
    let start = node.range().start + 1;
    let rest = text.get(start..).unwrap_or("");
    let end = rest
        .find([' ', '\t', '\r', '\n', '/', '>'])
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The element's prefix as written ("" for none).
pub(crate) fn prefix_of<'i>(node: roxmltree::Node<'_, 'i>) -> &'i str {
    let q = qname_of(node);
    match q.find(':') {
        Some(i) => &q[..i],
        None => "",
    }
}

/// The attribute's prefix as written ("" for none).
pub(crate) fn attr_prefix<'i>(
    doc: &roxmltree::Document<'i>,
    a: &roxmltree::Attribute<'_, 'i>,
) -> &'i str {
    let q = doc.input_text().get(a.range_qname()).unwrap_or("");
    match q.find(':') {
        Some(i) => &q[..i],
        None => "",
    }
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
    ids: Vec<(&'a str, roxmltree::NodeId)>,
}

impl<'a> IdIndex<'a> {
    pub(crate) fn build(
        doc: &'a roxmltree::Document<'_>,
        attrs: &[IdAttribute],
    ) -> Result<Self, XmlError> {
        let mut ids: Vec<(&'a str, roxmltree::NodeId)> = Vec::new();
        for node in doc.descendants().filter(roxmltree::Node::is_element) {
            for a in node.attributes() {
                let is_id = attrs.iter().any(|id| match id {
                    IdAttribute::Unqualified(n) => a.namespace().is_none() && a.name() == *n,
                    IdAttribute::XmlId => a.namespace() == Some(NS_XML) && a.name() == "id",
                });
                if is_id {
                    ids.push((a.value(), node.id()));
                }
            }
        }
        ids.sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.1.get().cmp(&b.1.get())));
        if let Some(w) = ids.windows(2).find(|w| w[0].0 == w[1].0) {
            let pos = doc
                .get_node(w[1].1)
                .map_or(Position { line: 0, column: 0 }, position);
            return Err(XmlError::DuplicateId {
                value: w[0].0.to_string(),
                pos,
            });
        }
        Ok(IdIndex { ids })
    }

    pub(crate) fn get(&self, id: &str) -> Option<roxmltree::NodeId> {
        self.ids
            .binary_search_by(|(v, _)| (*v).cmp(id))
            .ok()
            .map(|i| self.ids[i].1)
    }
}

/// The concatenation of all text children of `node` (invariant 7: a comment never
/// truncates a value); borrowed when there is a single text child.
pub(crate) fn text_content<'a>(node: roxmltree::Node<'a, '_>) -> Cow<'a, str> {
    let mut texts = node.children().filter(roxmltree::Node::is_text);
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
    fn doctype_refused_by_default() {
        let e = err(
            "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>",
            &Limits::default(),
        );
        assert_eq!(e.code(), ErrorCode::XmlDoctypeRefused);
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
        assert_eq!(prefix_of(r), "p");
        let prefixes: alloc::vec::Vec<_> = r.attributes().map(|a| attr_prefix(&doc, &a)).collect();
        assert_eq!(prefixes, ["p", ""]);
        assert_eq!(prefix_of(r.first_element_child().unwrap()), "");
    }

    #[test]
    fn text_content_spans_comments() {
        let doc = parse(b"<a>admin<!-- x -->@evil</a>", &Limits::default()).unwrap();
        assert_eq!(text_content(doc.root_element()), "admin@evil");
    }
}
