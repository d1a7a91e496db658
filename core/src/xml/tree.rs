//! The tree reader: the tokenizer's events, kept as nodes in document order.
//!
//! Nodes are numbered in document order, so the descendants of a node are the numbers
//! from it to its subtree's end: "is this node inside that one" is two comparisons, and
//! a walk over a subtree is a range. Names, values and text are copied once into one
//! string; namespace URIs are kept once per declaration and shared by every name the
//! declaration binds, so memory stays proportional to the input.

use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

use super::lexer::{Arrays, Handler, Lexer, StartTag, NO_NAMESPACE, XML_NAMESPACE};
use super::{Limits, Position, XmlError, MAX_DEPTH, NS_XML};

/// A node's number: its position in document order (the document itself is 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct NodeId(u32);

impl NodeId {
    pub(crate) fn from_raw(id: u32) -> Self {
        NodeId(id)
    }
}

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Root,
    Element,
    Text,
    Comment,
    Pi,
}

#[derive(Clone, Copy, Default)]
struct Span(u32, u32);

const NONE: u32 = 0;
const NO_DATA: u32 = u32::MAX;

struct NodeData {
    kind: Kind,
    parent: u32,
    first_child: u32,
    next_sibling: u32,
    /// One past the last node of the subtree.
    end: u32,
    /// Byte range in the input (the end is known for elements only).
    start: u32,
    stop: u32,
    /// Element: where its start tag ends.
    tag_stop: u32,
    /// Element: prefix; text and comment: the text; PI: the target.
    a: Span,
    /// Element: local name; PI: the data (`NO_DATA` start when absent).
    b: Span,
    /// Element: the declaration binding its namespace.
    ns: u32,
    attrs: (u32, u32),
    decls: (u32, u32),
}

struct AttrData {
    prefix: Span,
    local: Span,
    ns: u32,
    value: Span,
}

struct DeclData {
    prefix: Span,
    uri: Span,
}

/// A parsed document. It borrows the input only for positions and byte ranges.
pub(crate) struct Document<'x> {
    input: &'x [u8],
    nodes: Vec<NodeData>,
    attrs: Vec<AttrData>,
    decls: Vec<DeclData>,
    text: String,
}

impl core::fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Document({} nodes)", self.nodes.len())
    }
}

/// Unused room, in bytes, that a parsed tree keeps rather than reallocating to give it
/// back.
const SLACK_KEPT: usize = 1024;

impl<'x> Document<'x> {
    /// Reads `input` with the tokenizer under `limits` (the caller has checked the size).
    /// The tokenizer works in `arrays`, which it gives back emptied.
    pub(crate) fn parse(
        input: &'x [u8],
        limits: &Limits,
        arrays: &mut Arrays,
    ) -> Result<Self, XmlError> {
        // Every node but text starts with '<', and text runs lie between them: at most
        // 2 × '<' + 2 nodes (with the document node), never more than the limit allows.
        // An upper bound, so the array never grows (a growing array briefly needs its
        // old and new copies at once); the slack is given back after the parse.
        let markup = memchr::memchr_iter(b'<', input).count();
        let mut b = Builder {
            doc: Document {
                input,
                nodes: Vec::with_capacity(
                    markup
                        .saturating_mul(2)
                        .min(limits.max_nodes as usize)
                        .saturating_add(2),
                ),
                attrs: Vec::with_capacity(input.len() / 64 + 1),
                decls: Vec::new(),
                text: String::with_capacity(input.len() / 2),
            },
            open: heapless::Vec::new(),
            root_last: NONE,
            max_nodes: limits.max_nodes,
        };
        b.doc.nodes.push(NodeData::new(Kind::Root, NONE, 0));
        Lexer::read_all(limits.clone(), input, &mut b, arrays)?;
        let n = b.doc.nodes.len() as u32;
        b.doc.nodes[0].end = n;
        b.doc.nodes[0].stop = input.len() as u32;
        // The tree lives through verification, when the signature check needs memory of
        // its own: give back what the document does not use (this matters in a small
        // heap), unless it is too little to be worth a reallocation.
        fn trim<T>(v: &mut Vec<T>) {
            if (v.capacity() - v.len()) * core::mem::size_of::<T>() > SLACK_KEPT {
                v.shrink_to_fit();
            }
        }
        trim(&mut b.doc.nodes);
        trim(&mut b.doc.attrs);
        trim(&mut b.doc.decls);
        if b.doc.text.capacity() - b.doc.text.len() > SLACK_KEPT {
            b.doc.text.shrink_to_fit();
        }
        Ok(b.doc)
    }

    /// The document node.
    pub(crate) fn root(&self) -> Node<'_, 'x> {
        Node { doc: self, id: 0 }
    }

    /// The document element.
    pub(crate) fn root_element(&self) -> Node<'_, 'x> {
        self.root()
            .children()
            .find(Node::is_element)
            // The tokenizer refuses a document without one.
            .unwrap_or_else(|| self.root())
    }

    pub(crate) fn get_node(&self, id: NodeId) -> Option<Node<'_, 'x>> {
        ((id.0 as usize) < self.nodes.len()).then_some(Node {
            doc: self,
            id: id.0,
        })
    }

    /// Every node in document order.
    pub(crate) fn descendants(&self) -> impl Iterator<Item = Node<'_, 'x>> + '_ {
        self.root().descendants()
    }

    /// The input bytes.
    pub(crate) fn input(&self) -> &'x [u8] {
        self.input
    }

    /// The line and column of byte `offset`.
    pub(crate) fn position_at(&self, offset: usize) -> Position {
        Position::in_input(self.input, offset as u64)
    }

    fn s(&self, s: Span) -> &str {
        &self.text[s.0 as usize..s.1 as usize]
    }
}

impl NodeData {
    fn new(kind: Kind, parent: u32, start: u32) -> Self {
        NodeData {
            kind,
            parent,
            first_child: NONE,
            next_sibling: NONE,
            end: 0,
            start,
            stop: start,
            tag_stop: start,
            a: Span::default(),
            b: Span::default(),
            ns: NO_NAMESPACE,
            attrs: (0, 0),
            decls: (0, 0),
        }
    }
}

struct Builder<'x> {
    doc: Document<'x>,
    /// Open elements, with the last child each has so far: at most the reader's depth
    /// limit, which is at most [`MAX_DEPTH`].
    open: heapless::Vec<(u32, u32), MAX_DEPTH>,
    /// The document's last child so far.
    root_last: u32,
    max_nodes: u32,
}

impl Builder<'_> {
    fn keep(&mut self, s: &str) -> Span {
        let start = self.doc.text.len() as u32;
        self.doc.text.push_str(s);
        Span(start, self.doc.text.len() as u32)
    }

    fn add(&mut self, mut node: NodeData) -> Result<u32, XmlError> {
        let id = self.doc.nodes.len() as u32;
        if id > self.max_nodes {
            return Err(XmlError::NodeLimit {
                limit: self.max_nodes,
            });
        }
        // The open element (or the document) and its last child so far.
        let (parent, last) = match self.open.last_mut() {
            Some(o) => (o.0, &mut o.1),
            None => (0, &mut self.root_last),
        };
        let prev = core::mem::replace(last, id);
        node.parent = parent;
        node.end = id + 1;
        if prev == NONE {
            self.doc.nodes[parent as usize].first_child = id;
        } else {
            self.doc.nodes[prev as usize].next_sibling = id;
        }
        self.doc.nodes.push(node);
        Ok(id)
    }
}

impl Handler for Builder<'_> {
    type Error = XmlError;

    fn start(&mut self, tag: &StartTag<'_>) -> Result<(), XmlError> {
        let mut node = NodeData::new(Kind::Element, 0, tag.offset as u32);
        node.tag_stop = (tag.offset + tag.raw.len() as u64) as u32;
        node.a = self.keep(tag.prefix);
        node.b = self.keep(tag.local);
        node.ns = tag.ns_tag;
        let d0 = self.doc.decls.len() as u32;
        for d in tag.decls {
            let prefix = self.keep(d.prefix);
            let uri = self.keep(d.uri);
            self.doc.decls.push(DeclData { prefix, uri });
        }
        node.decls = (d0, self.doc.decls.len() as u32);
        let a0 = self.doc.attrs.len() as u32;
        for (a, &ns) in tag.attrs.iter().zip(tag.attr_tags) {
            let prefix = self.keep(a.prefix);
            let local = self.keep(a.local);
            let value = self.keep(a.value);
            self.doc.attrs.push(AttrData {
                prefix,
                local,
                ns,
                value,
            });
        }
        node.attrs = (a0, self.doc.attrs.len() as u32);
        let id = self.add(node)?;
        // Never full: the reader refuses an element deeper than its limit first.
        self.open
            .push((id, NONE))
            .map_err(|_| XmlError::DepthLimit {
                limit: MAX_DEPTH,
                pos: Position::at_offset(tag.offset),
            })
    }

    fn end(&mut self, _depth: usize, end_offset: u64) -> Result<(), XmlError> {
        if let Some((id, _)) = self.open.pop() {
            let end = self.doc.nodes.len() as u32;
            let n = &mut self.doc.nodes[id as usize];
            n.end = end;
            n.stop = end_offset as u32;
        }
        Ok(())
    }

    fn text(&mut self, text: &str, offset: u64) -> Result<(), XmlError> {
        // Adjacent character data (pieces, CDATA sections) is one text node.
        let last = self.doc.nodes.len() as u32 - 1;
        let parent = self.open.last().map_or(0, |o| o.0);
        let n = &self.doc.nodes[last as usize];
        if n.kind == Kind::Text && n.parent == parent && n.a.1 as usize == self.doc.text.len() {
            self.doc.text.push_str(text);
            self.doc.nodes[last as usize].a.1 = self.doc.text.len() as u32;
            return Ok(());
        }
        let mut node = NodeData::new(Kind::Text, 0, offset as u32);
        node.a = self.keep(text);
        self.add(node)?;
        Ok(())
    }

    fn comment(&mut self, text: &str, offset: u64) -> Result<(), XmlError> {
        let mut node = NodeData::new(Kind::Comment, 0, offset as u32);
        node.a = self.keep(text);
        self.add(node)?;
        Ok(())
    }

    fn pi(&mut self, target: &str, data: Option<&str>, offset: u64) -> Result<(), XmlError> {
        let mut node = NodeData::new(Kind::Pi, 0, offset as u32);
        node.a = self.keep(target);
        node.b = match data {
            Some(d) => self.keep(d),
            None => Span(NO_DATA, NO_DATA),
        };
        self.add(node)?;
        Ok(())
    }

    fn wants_raw(&self) -> bool {
        false
    }

    fn raw(&mut self, _bytes: &[u8]) -> Result<(), XmlError> {
        Ok(())
    }
}

/// A node of a [`Document`].
#[derive(Clone, Copy)]
pub(crate) struct Node<'a, 'x> {
    doc: &'a Document<'x>,
    id: u32,
}

impl PartialEq for Node<'_, '_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && core::ptr::eq(self.doc, other.doc)
    }
}

impl Eq for Node<'_, '_> {}

impl core::fmt::Debug for Node<'_, '_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "Node({}, {:?} {})",
            self.id,
            self.kind(),
            self.local_name()
        )
    }
}

/// An attribute of an element.
#[derive(Clone, Copy)]
pub(crate) struct Attribute<'a> {
    pub(crate) prefix: &'a str,
    pub(crate) local: &'a str,
    /// `None` for an attribute in no namespace.
    pub(crate) namespace: Option<&'a str>,
    pub(crate) value: &'a str,
}

impl<'a, 'x> Node<'a, 'x> {
    fn data(&self) -> &'a NodeData {
        &self.doc.nodes[self.id as usize]
    }

    fn at(&self, id: u32) -> Option<Node<'a, 'x>> {
        (id != NONE).then_some(Node { doc: self.doc, id })
    }

    pub(crate) fn id(&self) -> NodeId {
        NodeId(self.id)
    }

    pub(crate) fn document(&self) -> &'a Document<'x> {
        self.doc
    }

    pub(crate) fn kind(&self) -> Kind {
        self.data().kind
    }

    pub(crate) fn is_root(&self) -> bool {
        self.id == 0
    }

    pub(crate) fn is_element(&self) -> bool {
        self.kind() == Kind::Element
    }

    pub(crate) fn is_text(&self) -> bool {
        self.kind() == Kind::Text
    }

    /// The local name of an element ("" for other nodes).
    pub(crate) fn local_name(&self) -> &'a str {
        let d = self.data();
        if d.kind == Kind::Element {
            self.doc.s(d.b)
        } else {
            ""
        }
    }

    /// The prefix of an element as written ("" for none).
    pub(crate) fn prefix(&self) -> &'a str {
        let d = self.data();
        if d.kind == Kind::Element {
            self.doc.s(d.a)
        } else {
            ""
        }
    }

    fn ns_of(&self, tag: u32) -> Option<&'a str> {
        match tag {
            NO_NAMESPACE => None,
            XML_NAMESPACE => Some(NS_XML),
            t => self.doc.decls.get(t as usize).map(|d| self.doc.s(d.uri)),
        }
    }

    /// The namespace URI of an element, if it has one.
    pub(crate) fn namespace(&self) -> Option<&'a str> {
        let d = self.data();
        if d.kind == Kind::Element {
            self.ns_of(d.ns)
        } else {
            None
        }
    }

    /// Whether this is the element `ns:local`.
    pub(crate) fn is(&self, ns: &str, local: &str) -> bool {
        self.is_element() && self.local_name() == local && self.namespace() == Some(ns)
    }

    /// The attributes of an element, in document order.
    pub(crate) fn attributes(&self) -> impl ExactSizeIterator<Item = Attribute<'a>> + 'a {
        let d = self.data();
        let doc = self.doc;
        let this = *self;
        doc.attrs[d.attrs.0 as usize..d.attrs.1 as usize]
            .iter()
            .map(move |a| Attribute {
                prefix: doc.s(a.prefix),
                local: doc.s(a.local),
                namespace: this.ns_of(a.ns),
                value: doc.s(a.value),
            })
    }

    /// The value of the attribute `name` in no namespace.
    pub(crate) fn attribute(&self, name: &str) -> Option<&'a str> {
        self.attributes()
            .find(|a| a.namespace.is_none() && a.local == name)
            .map(|a| a.value)
    }

    /// The value of the attribute `{ns}name`.
    pub(crate) fn attribute_ns(&self, ns: &str, name: &str) -> Option<&'a str> {
        self.attributes()
            .find(|a| a.namespace == Some(ns) && a.local == name)
            .map(|a| a.value)
    }

    /// The namespace declarations this element makes: prefix ("" for the default
    /// namespace) and URI.
    pub(crate) fn declarations(&self) -> impl ExactSizeIterator<Item = (&'a str, &'a str)> + 'a {
        let d = self.data();
        let doc = self.doc;
        doc.decls[d.decls.0 as usize..d.decls.1 as usize]
            .iter()
            .map(move |b| (doc.s(b.prefix), doc.s(b.uri)))
    }

    /// Every namespace binding in scope at this element, innermost declaration of each
    /// prefix, in no particular order; an undeclared default namespace is left out.
    pub(crate) fn namespaces_in_scope(&self) -> Vec<(&'a str, &'a str)> {
        let mut out = Vec::new();
        self.namespaces_in_scope_into(&mut out);
        out
    }

    /// [`namespaces_in_scope`](Node::namespaces_in_scope) into `out`, emptied first.
    pub(crate) fn namespaces_in_scope_into(&self, out: &mut Vec<(&'a str, &'a str)>) {
        // Innermost declarations first; a stable sort by prefix keeps that order among
        // equal prefixes, so the first of each is the binding in force. Sorting keeps
        // this O(n log n) in the declarations on the ancestors (invariant 11), where
        // looking each up among those kept was quadratic.
        out.clear();
        out.extend(
            self.ancestors()
                .filter(Node::is_element)
                .flat_map(|e| e.declarations()),
        );
        out.sort_by(|a, b| a.0.cmp(b.0));
        out.dedup_by(|later, first| later.0 == first.0);
        out.retain(|(_, u)| !u.is_empty());
    }

    /// The URI `prefix` is bound to here.
    pub(crate) fn lookup_namespace(&self, prefix: &str) -> Option<&'a str> {
        if prefix == "xml" {
            return Some(NS_XML);
        }
        self.ancestors()
            .filter(Node::is_element)
            .find_map(|e| e.declarations().find(|(p, _)| *p == prefix).map(|(_, u)| u))
            .filter(|u| !u.is_empty())
    }

    /// The content of a text or comment node.
    pub(crate) fn text(&self) -> Option<&'a str> {
        let d = self.data();
        matches!(d.kind, Kind::Text | Kind::Comment).then(|| self.doc.s(d.a))
    }

    /// The target and data of a processing instruction.
    pub(crate) fn pi(&self) -> Option<(&'a str, Option<&'a str>)> {
        let d = self.data();
        (d.kind == Kind::Pi).then(|| {
            let data = (d.b.0 != NO_DATA).then(|| self.doc.s(d.b));
            (self.doc.s(d.a), data)
        })
    }

    pub(crate) fn parent(&self) -> Option<Node<'a, 'x>> {
        (self.id != 0).then_some(Node {
            doc: self.doc,
            id: self.data().parent,
        })
    }

    pub(crate) fn parent_element(&self) -> Option<Node<'a, 'x>> {
        self.parent().filter(Node::is_element)
    }

    pub(crate) fn first_child(&self) -> Option<Node<'a, 'x>> {
        self.at(self.data().first_child)
    }

    pub(crate) fn next_sibling(&self) -> Option<Node<'a, 'x>> {
        self.at(self.data().next_sibling)
    }

    pub(crate) fn children(&self) -> impl Iterator<Item = Node<'a, 'x>> + 'a {
        let mut next = self.first_child();
        core::iter::from_fn(move || {
            let n = next?;
            next = n.next_sibling();
            Some(n)
        })
    }

    pub(crate) fn first_element_child(&self) -> Option<Node<'a, 'x>> {
        self.children().find(Node::is_element)
    }

    /// The siblings after this node, in order.
    pub(crate) fn following_siblings(&self) -> impl Iterator<Item = Node<'a, 'x>> + 'a {
        let mut next = self.next_sibling();
        core::iter::from_fn(move || {
            let n = next?;
            next = n.next_sibling();
            Some(n)
        })
    }

    /// This node and its ancestors, innermost first.
    pub(crate) fn ancestors(&self) -> impl Iterator<Item = Node<'a, 'x>> + 'a {
        let mut next = Some(*self);
        core::iter::from_fn(move || {
            let n = next?;
            next = n.parent();
            Some(n)
        })
    }

    /// This node and everything below it, in document order.
    pub(crate) fn descendants(&self) -> impl Iterator<Item = Node<'a, 'x>> + 'a {
        let doc = self.doc;
        (self.id..self.data().end).map(move |id| Node { doc, id })
    }

    /// The node numbers of this subtree: this node and every descendant.
    pub(crate) fn subtree(&self) -> Range<u32> {
        self.id..self.data().end
    }

    /// The byte range of an element in the input (its start for other nodes).
    pub(crate) fn range(&self) -> Range<usize> {
        let d = self.data();
        d.start as usize..d.stop as usize
    }

    /// The byte range of an element's start tag.
    pub(crate) fn start_tag_range(&self) -> Range<usize> {
        let d = self.data();
        d.start as usize..d.tag_stop as usize
    }

    /// Where the node starts in the input.
    pub(crate) fn position(&self) -> Position {
        self.doc.position_at(self.data().start as usize)
    }
}
