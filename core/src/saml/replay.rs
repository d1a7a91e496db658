//! The assertion-ID replay cache.

use alloc::collections::BTreeMap;
use alloc::string::String;

use crate::time::DateTime;

/// Remembers assertion IDs until they expire, so a bearer assertion is accepted once.
///
/// `verify_response` asks only after everything else verified, so a refused response
/// never fills the cache.
pub trait ReplayCache {
    /// Records `id` as used until `expires`; returns `false` if it was already recorded
    /// and has not expired at `now` (a replay).
    fn check_and_insert(&mut self, id: &str, expires: DateTime, now: DateTime) -> bool;
}

/// An in-memory [`ReplayCache`] with a size cap: expired IDs are dropped on insertion,
/// and when it is full a new ID is refused (a flood must not evict live IDs).
///
/// ```
/// use trustmeta::{DateTime, MemoryReplayCache, ReplayCache};
/// let mut cache = MemoryReplayCache::new(1000);
/// let now = DateTime::from_unix(1_700_000_000);
/// assert!(cache.check_and_insert("_a1", now.add_seconds(300), now));
/// assert!(!cache.check_and_insert("_a1", now.add_seconds(300), now));
/// assert!(cache.check_and_insert("_a1", now.add_seconds(900), now.add_seconds(301)));
/// ```
#[derive(Clone, Debug, Default)]
pub struct MemoryReplayCache {
    seen: BTreeMap<String, DateTime>,
    capacity: usize,
}

impl MemoryReplayCache {
    /// A cache holding at most `capacity` live IDs.
    pub fn new(capacity: usize) -> Self {
        MemoryReplayCache {
            seen: BTreeMap::new(),
            capacity,
        }
    }

    /// How many IDs it holds.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

impl ReplayCache for MemoryReplayCache {
    fn check_and_insert(&mut self, id: &str, expires: DateTime, now: DateTime) -> bool {
        if let Some(&until) = self.seen.get(id) {
            if until > now {
                return false;
            }
        }
        if self.seen.len() >= self.capacity {
            self.seen.retain(|_, until| *until > now);
            if self.seen.len() >= self.capacity {
                return false;
            }
        }
        self.seen.insert(String::from(id), expires);
        true
    }
}
