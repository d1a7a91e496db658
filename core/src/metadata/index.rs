//! The entity list of verified metadata, gathered by the parser that verified it: the
//! streaming verifier builds it while it reads (`Indexer`), the in-memory verifier walks
//! the signed view (`index_signed`), and both give the same list. One pass gives both
//! the verdict and what a lookup table needs (where each entity is, its group, its
//! roles), so a large aggregate never has to be held or read again.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::ops::Range;

use super::NS_MD;
use crate::dsig::SignedElement;

/// One `EntityDescriptor` of a verified document, as the streaming verifier met it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct IndexedEntity {
    /// `entityID` (empty when missing).
    pub entity_id: String,
    /// `Name` of the enclosing `EntitiesDescriptor`, unless that is the document element.
    pub group: Option<String>,
    /// Where the `EntityDescriptor` element is in the document, in bytes.
    pub range: Range<u64>,
    /// The local names of its metadata role descriptors (`…Descriptor` children), in
    /// document order, once each.
    pub roles: Vec<String>,
    /// The start tags of the enclosing `EntitiesDescriptor`s below the document element,
    /// outermost first, in bytes: with the document element's start tag they carry every
    /// namespace declaration in scope at the entity.
    pub scope: Vec<Range<u64>>,
}

impl IndexedEntity {
    /// An entry this library produced, read back from where the caller stored it (the
    /// CLI's `metadata refresh` state keeps the list as text). Reading the entity with
    /// [`read_indexed_entity`](crate::read_indexed_entity) checks the bytes against it.
    pub fn from_stored(
        entity_id: String,
        group: Option<String>,
        range: Range<u64>,
        roles: Vec<String>,
        scope: Vec<Range<u64>>,
    ) -> Self {
        IndexedEntity {
            entity_id,
            group,
            range,
            roles,
            scope,
        }
    }
}

struct Open {
    depth: usize,
    start: u64,
    entity_id: String,
    roles: Vec<String>,
}

/// Tracks groups and the entity being read.
#[derive(Default)]
pub(crate) struct Indexer {
    /// Open groups below the document element: depth, `Name`, start tag.
    groups: Vec<(usize, Option<String>, Range<u64>)>,
    open: Option<Open>,
    done: Vec<IndexedEntity>,
    /// Whether entries were handed out before the end ([`Indexer::drain`]).
    drained: bool,
}

impl Indexer {
    pub(crate) fn start(
        &mut self,
        ns: &str,
        local: &str,
        depth: usize,
        tag: Range<u64>,
        name: Option<&str>,
        entity_id: Option<&str>,
    ) {
        if ns != NS_MD {
            return;
        }
        if let Some(o) = self.open.as_mut() {
            if depth == o.depth + 1
                && local.ends_with("Descriptor")
                && !o.roles.iter().any(|r| r == local)
            {
                o.roles.push(local.to_string());
            }
            return;
        }
        match local {
            "EntitiesDescriptor" if depth > 1 => {
                self.groups.push((depth, name.map(str::to_string), tag));
            }
            "EntityDescriptor" => {
                self.open = Some(Open {
                    depth,
                    start: tag.start,
                    entity_id: entity_id.unwrap_or("").to_string(),
                    roles: Vec::new(),
                });
            }
            _ => {}
        }
    }

    pub(crate) fn end(&mut self, depth: usize, end_offset: u64) {
        if let Some(o) = self.open.take_if(|o| o.depth == depth) {
            self.done.push(IndexedEntity {
                entity_id: o.entity_id,
                group: self.groups.last().and_then(|(_, n, _)| n.clone()),
                range: o.start..end_offset,
                roles: o.roles,
                scope: self.groups.iter().map(|(_, _, r)| r.clone()).collect(),
            });
        } else if self.open.is_none() && self.groups.last().is_some_and(|(d, _, _)| *d == depth) {
            self.groups.pop();
        }
    }

    /// The entities completed so far, handed out and forgotten.
    pub(crate) fn drain(&mut self) -> alloc::vec::Drain<'_, IndexedEntity> {
        self.drained = true;
        self.done.drain(..)
    }

    /// Whether [`Indexer::drain`] handed entries out.
    pub(crate) fn was_drained(&self) -> bool {
        self.drained
    }

    pub(crate) fn into_entities(self) -> Vec<IndexedEntity> {
        self.done
    }
}

/// The entity list of a signed document element, with the streaming [`Indexer`]'s rules:
/// every `md:EntityDescriptor` not inside another one (nor inside a `ds:Signature`,
/// which the view never enters), its `entityID`, roles, byte range, and the enclosing
/// `md:EntitiesDescriptor` groups below the document element.
pub(crate) fn index_signed(root: SignedElement<'_, '_>) -> Vec<IndexedEntity> {
    let mut out = Vec::new();
    for_each_entity(root, &mut |e, groups| out.push(entry(e, groups)));
    out
}

/// The groups open around an entity, outermost first: `Name` and start tag.
pub(crate) type OpenGroups = [(Option<String>, Range<u64>)];

/// Calls `f` on each entity of `root` as [`index_signed`] lists them, with the groups
/// open around it (outermost first): `Name` and start tag.
pub(crate) fn for_each_entity<'a, 'x>(
    root: SignedElement<'a, 'x>,
    f: &mut dyn FnMut(SignedElement<'a, 'x>, &OpenGroups),
) {
    if root.is(NS_MD, "EntityDescriptor") {
        f(root, &[]);
        return;
    }
    let mut groups: Vec<(Option<String>, Range<u64>)> = Vec::new();
    walk(root, &mut groups, f);
}

fn walk<'a, 'x>(
    parent: SignedElement<'a, 'x>,
    groups: &mut Vec<(Option<String>, Range<u64>)>,
    f: &mut dyn FnMut(SignedElement<'a, 'x>, &OpenGroups),
) {
    for c in parent.children() {
        if c.is(NS_MD, "EntityDescriptor") {
            f(c, groups);
        } else if c.is(NS_MD, "EntitiesDescriptor") {
            let tag = c.start_tag_range();
            groups.push((
                c.attribute("Name").map(str::to_string),
                tag.start as u64..tag.end as u64,
            ));
            walk(c, groups, f);
            groups.pop();
        } else {
            walk(c, groups, f);
        }
    }
}

fn entry(e: SignedElement<'_, '_>, groups: &OpenGroups) -> IndexedEntity {
    let mut roles: Vec<String> = Vec::new();
    for c in e.children() {
        let local = c.local_name();
        if c.namespace() == Some(NS_MD)
            && local.ends_with("Descriptor")
            && !roles.iter().any(|r| r == local)
        {
            roles.push(local.to_string());
        }
    }
    let r = e.range();
    IndexedEntity {
        entity_id: e.attribute("entityID").unwrap_or("").to_string(),
        group: groups.last().and_then(|(n, _)| n.clone()),
        range: r.start as u64..r.end as u64,
        roles,
        scope: groups.iter().map(|(_, t)| t.clone()).collect(),
    }
}
