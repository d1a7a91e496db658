//! The entity list gathered by the streaming verifier while it reads an aggregate: one
//! pass gives both the verdict and what a lookup table needs (where each entity is, its
//! group, its roles), so a large aggregate never has to be held or read again.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::ops::Range;

use super::NS_MD;

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

    pub(crate) fn into_entities(self) -> Vec<IndexedEntity> {
        self.done
    }
}
