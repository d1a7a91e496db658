//! The two ways family code sees a document: [`SignedElement`], the view of an element a
//! verified signature covers, and [`Unverified`], the document as read before any
//! signature was checked.
//!
//! A `SignedElement` is made only here, from a verified Reference's target, so holding
//! one proves the signature over it verified (DESIGN.md invariant 2). Its traversal never
//! enters a `ds:Signature`: not the one that was verified (its `SignedInfo`, `KeyInfo`
//! and `Object`s are outside what it signed), not the nodes its transforms excluded, and
//! not any other signature below (whose content is no profile's data either). Every
//! result a family returns is read through this type; a reviewer finds every read of
//! signed content by looking for it.
//!
//! `Unverified` is what a family may look at before verification: where the signatures
//! are, which issuer names which trust store. Nothing read through it is returned as a
//! verified value.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::ops::Range;

use super::model::NS_DS;
use crate::c14n;
use crate::xml::{self, Node, NodeId, Position};

/// Whether `n` is a `ds:Signature` element: the one definition every reader uses.
pub(crate) fn is_signature(n: &Node<'_, '_>) -> bool {
    n.is(NS_DS, "Signature")
}

/// A signed element: read-only access that never leaves the signed subtree and never
/// enters a `ds:Signature`.
#[derive(Clone, Copy)]
pub struct SignedElement<'a, 'x> {
    node: Node<'a, 'x>,
    /// What the Reference's transforms removed: kept for the canonical form.
    excluded: &'a [NodeId],
}

impl fmt::Debug for SignedElement<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SignedElement({})", self.local_name())
    }
}

/// A required child is missing, or an unrepeatable one repeated: each family turns this
/// into its own `malformed` error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    pub(crate) reason: String,
    pub(crate) pos: Position,
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.reason)
    }
}

impl<'a, 'x> SignedElement<'a, 'x> {
    /// The view of `node`, covered by a verified Reference that excluded `excluded`.
    pub(super) fn new(node: Node<'a, 'x>, excluded: &'a [NodeId]) -> Self {
        SignedElement { node, excluded }
    }

    fn wrap(&self, node: Node<'a, 'x>) -> Self {
        SignedElement {
            node,
            excluded: self.excluded,
        }
    }

    /// The local name.
    pub fn local_name(&self) -> &'a str {
        self.node.local_name()
    }

    /// The namespace URI, if any.
    pub fn namespace(&self) -> Option<&'a str> {
        self.node.namespace()
    }

    /// An attribute without namespace.
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        self.node.attribute(name)
    }

    /// A namespaced attribute.
    pub fn attribute_ns(&self, ns: &str, name: &str) -> Option<&'a str> {
        self.node.attribute_ns(ns, name)
    }

    /// The concatenation of all text children (a comment never truncates a value).
    pub fn text(&self) -> String {
        xml::text_content(self.node).into_owned()
    }

    /// Child elements that are part of the signed content.
    pub fn children(&self) -> impl Iterator<Item = SignedElement<'a, 'x>> + 'a {
        let this = *self;
        self.node
            .children()
            .filter(|c| c.is_element() && !is_signature(c))
            .map(move |c| this.wrap(c))
    }

    /// The first signed child with this namespace and local name.
    pub fn child(&self, ns: Option<&str>, local: &str) -> Option<SignedElement<'a, 'x>> {
        self.children()
            .find(|c| c.namespace() == ns && c.local_name() == local)
    }

    /// The canonical form (Exclusive C14N, no comments) of this element as signed.
    pub fn canonical_xml(&self) -> Vec<u8> {
        let opts = c14n::Options {
            method: c14n::C14nMethod::Exclusive10,
            with_comments: false,
            inclusive_prefixes: &[],
        };
        c14n::canonicalize(self.node, opts, self.excluded, Vec::new())
    }

    /// Whether this is the element `ns:local`.
    pub(crate) fn is(&self, ns: &str, local: &str) -> bool {
        self.node.is(ns, local)
    }

    /// The text borrowed when it is one text node.
    pub(crate) fn text_cow(&self) -> Cow<'a, str> {
        xml::text_content(self.node)
    }

    /// The signed children `ns:local`.
    pub(crate) fn children_named(
        &self,
        ns: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = SignedElement<'a, 'x>> + 'a {
        self.children().filter(move |c| c.is(ns, local))
    }

    /// The optional, unrepeated child `ns:local`.
    pub(crate) fn opt(
        &self,
        ns: &str,
        local: &str,
    ) -> Result<Option<SignedElement<'a, 'x>>, Shape> {
        let mut it = self.children().filter(|c| c.is(ns, local));
        let first = it.next();
        if let Some(second) = it.next() {
            return Err(Shape {
                reason: alloc::format!("{} has more than one {local}", self.local_name()),
                pos: second.position(),
            });
        }
        Ok(first)
    }

    /// The one child `ns:local`.
    pub(crate) fn one(&self, ns: &str, local: &str) -> Result<SignedElement<'a, 'x>, Shape> {
        self.opt(ns, local)?.ok_or_else(|| Shape {
            reason: alloc::format!("{} has no {local}", self.local_name()),
            pos: self.position(),
        })
    }

    /// This node's subtree in document order, skipping every `ds:Signature` below it.
    fn walk(&self) -> impl Iterator<Item = Node<'a, 'x>> + 'a {
        let top = self.node;
        let doc = top.document();
        let mut ids = top.subtree();
        core::iter::from_fn(move || loop {
            let id = ids.next()?;
            let n = doc.get_node(NodeId::from_raw(id))?;
            if n != top && is_signature(&n) {
                ids = n.subtree().end.max(ids.start)..ids.end;
                continue;
            }
            return Some(n);
        })
    }

    /// This element and every element below it, in document order, without entering a
    /// `ds:Signature`.
    pub(crate) fn descendants(&self) -> impl Iterator<Item = SignedElement<'a, 'x>> + 'a {
        let this = *self;
        self.walk()
            .filter(Node::is_element)
            .map(move |n| this.wrap(n))
    }

    /// Every text node below, in document order, without entering a `ds:Signature`:
    /// the value of an element whose content is structured.
    pub(crate) fn deep_text(&self) -> String {
        let mut s = String::new();
        for t in self.walk().filter(Node::is_text) {
            s.push_str(t.text().unwrap_or(""));
        }
        s
    }

    /// Where the element starts.
    pub(crate) fn position(&self) -> Position {
        self.node.position()
    }

    /// The namespace declarations in scope here, `(prefix, URI)`: the context an
    /// element decrypted in its place is read in.
    pub(crate) fn namespaces_in_scope(&self) -> Vec<(&'a str, &'a str)> {
        self.node.namespaces_in_scope()
    }

    /// Its byte range in the input.
    pub(crate) fn range(&self) -> Range<usize> {
        self.node.range()
    }

    /// The byte range of its start tag in the input.
    pub(crate) fn start_tag_range(&self) -> Range<usize> {
        self.node.start_tag_range()
    }

    /// The node number.
    pub(crate) fn id(&self) -> NodeId {
        self.node.id()
    }
}

/// The document element read as content although no signature covers it — only where
/// the caller's [`Policy`](crate::Policy) names that acceptance (an unsigned SMP
/// ServiceGroup under `allow_unsigned_service_group`), or for inspection that returns
/// nothing as verified. Every use is a place a reviewer must check.
pub(crate) fn accepted_unsigned<'a, 'x>(root: Unverified<'a, 'x>) -> SignedElement<'a, 'x> {
    SignedElement::new(root.node, &[])
}

/// The document element whose exact bytes a binding-level signature verified (the
/// SAML HTTP-Redirect binding signs the deflated message itself, not its XML).
pub(crate) fn signed_by_binding<'a, 'x>(root: Unverified<'a, 'x>) -> SignedElement<'a, 'x> {
    SignedElement::new(root.node, &[])
}

/// The document element of bytes that a verification already covered, read again to
/// look something up: the bytes are held by, or checked against, what that verification
/// produced (metadata lookups in a `VerifiedMetadata` or an `IndexedEntity`).
pub(crate) fn reread_verified<'a, 'x>(root: Unverified<'a, 'x>) -> SignedElement<'a, 'x> {
    SignedElement::new(root.node, &[])
}

/// An encrypted element (`EncryptedAssertion`) of a Response no signature covers, read
/// only to decrypt it: the plaintext it yields counts only under its own signature, which
/// the SAML response check requires to verify before anything of it is read.
pub(crate) fn encrypted_unsigned<'a, 'x>(n: Unverified<'a, 'x>) -> SignedElement<'a, 'x> {
    SignedElement::new(n.node, &[])
}

/// The document element of a plaintext decrypted from ciphertext that a verified
/// signature covered (a Response signature over its `EncryptedAssertion`, an assertion
/// signature over its `EncryptedID` or `EncryptedAttribute`): the signed ciphertext and
/// the relying party's key determine these bytes exactly.
pub(crate) fn decrypted_under_signature<'a, 'x>(root: Unverified<'a, 'x>) -> SignedElement<'a, 'x> {
    SignedElement::new(root.node, &[])
}

/// A node read before any signature was checked: for finding the signatures and
/// choosing the keys, never for a returned value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unverified<'a, 'x> {
    node: Node<'a, 'x>,
}

impl<'a, 'x> Unverified<'a, 'x> {
    /// The document element of `doc`.
    pub(crate) fn root(doc: &'a xml::Document<'x>) -> Self {
        Unverified {
            node: doc.root_element(),
        }
    }

    pub(super) fn node(&self) -> Node<'a, 'x> {
        self.node
    }

    /// The element numbered `id`.
    pub(crate) fn of(doc: &'a xml::Document<'x>, id: NodeId) -> Option<Self> {
        doc.get_node(id)
            .filter(Node::is_element)
            .map(|node| Unverified { node })
    }

    pub(crate) fn id(&self) -> NodeId {
        self.node.id()
    }

    pub(crate) fn local_name(&self) -> &'a str {
        self.node.local_name()
    }

    pub(crate) fn namespace(&self) -> Option<&'a str> {
        self.node.namespace()
    }

    /// `{namespace}local`, for messages.
    pub(crate) fn qualified(&self) -> String {
        alloc::format!(
            "{{{}}}{}",
            self.namespace().unwrap_or(""),
            self.local_name()
        )
    }

    pub(crate) fn is(&self, ns: &str, local: &str) -> bool {
        self.node.is(ns, local)
    }

    pub(crate) fn is_signature(&self) -> bool {
        is_signature(&self.node)
    }

    pub(crate) fn attribute(&self, name: &str) -> Option<&'a str> {
        self.node.attribute(name)
    }

    pub(crate) fn text(&self) -> Cow<'a, str> {
        xml::text_content(self.node)
    }

    pub(crate) fn position(&self) -> Position {
        self.node.position()
    }

    /// Child elements, signatures included.
    pub(crate) fn children(&self) -> impl Iterator<Item = Unverified<'a, 'x>> + 'a {
        self.node
            .children()
            .filter(Node::is_element)
            .map(|node| Unverified { node })
    }

    pub(crate) fn children_named(
        &self,
        ns: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = Unverified<'a, 'x>> + 'a {
        self.children().filter(move |c| c.is(ns, local))
    }

    /// The `ds:Signature` children.
    pub(crate) fn signatures(&self) -> impl Iterator<Item = Unverified<'a, 'x>> + 'a {
        self.children().filter(Unverified::is_signature)
    }

    /// Every `ds:Signature` in the document, at any depth.
    pub(crate) fn all_signatures(
        doc: &'a xml::Document<'x>,
    ) -> impl Iterator<Item = Unverified<'a, 'x>> + 'a {
        doc.descendants()
            .filter(is_signature)
            .map(|node| Unverified { node })
    }

    pub(crate) fn parent_element(&self) -> Option<Unverified<'a, 'x>> {
        self.node.parent_element().map(|node| Unverified { node })
    }

    /// The element's ancestors, innermost first (itself excluded).
    pub(crate) fn ancestors(&self) -> impl Iterator<Item = Unverified<'a, 'x>> + 'a {
        self.node
            .ancestors()
            .skip(1)
            .filter(Node::is_element)
            .map(|node| Unverified { node })
    }

    /// Whether an element follows this one among its siblings.
    pub(crate) fn has_following_element(&self) -> bool {
        self.node.following_siblings().any(|n| n.is_element())
    }
}
