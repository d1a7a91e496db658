//! The assertion-ID replay cache.

use alloc::collections::BTreeMap;
use alloc::string::String;

use crate::time::DateTime;

/// What a [`ReplayCache`] says about an assertion ID.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum ReplayCheck {
    /// Not seen before (or its entry expired): it is now recorded until its expiry, and
    /// the response may be accepted.
    Fresh,
    /// Recorded before and not expired at `now`: a replay, refused with `saml.replay`.
    Replay,
    /// The cache could not answer (a cache server unreachable, a timeout, a callback that
    /// failed). The response is refused with `saml.replay_cache_unavailable`: an
    /// assertion is never accepted without its replay check.
    Unavailable {
        /// Why, for the log (the backend's own words).
        reason: String,
    },
}

/// Remembers assertion IDs until they expire, so a bearer assertion is accepted once.
///
/// `verify_response` asks only after everything else verified, so a refused response
/// never fills the cache. An implementation shared by several workers (a cache server)
/// must record and test in one atomic step, and says [`ReplayCheck::Unavailable`] when
/// it cannot: verification then fails closed.
pub trait ReplayCache {
    /// Records `id` as used until `expires`, unless it is already recorded and has not
    /// expired at `now` (a replay).
    fn check_and_insert(&mut self, id: &str, expires: DateTime, now: DateTime) -> ReplayCheck;
}

/// An in-memory [`ReplayCache`] with a size cap: expired IDs are dropped on insertion,
/// and when it is full a new ID is refused (a flood must not evict live IDs).
///
/// It lives in one process: workers behind a load balancer each have their own, so a
/// response one accepted is accepted again by another. Share one cache between them
/// instead (`trustmeta-hosted`'s Redis cache, or your own [`ReplayCache`]).
///
/// ```
/// use trustmeta::{DateTime, MemoryReplayCache, ReplayCache, ReplayCheck};
/// let mut cache = MemoryReplayCache::new(1000);
/// let now = DateTime::from_unix(1_700_000_000);
/// assert_eq!(cache.check_and_insert("_a1", now.add_seconds(300), now), ReplayCheck::Fresh);
/// assert_eq!(cache.check_and_insert("_a1", now.add_seconds(300), now), ReplayCheck::Replay);
/// assert_eq!(
///     cache.check_and_insert("_a1", now.add_seconds(900), now.add_seconds(301)),
///     ReplayCheck::Fresh
/// );
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

    /// How many live IDs it may hold.
    pub fn capacity(&self) -> usize {
        self.capacity
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
    fn check_and_insert(&mut self, id: &str, expires: DateTime, now: DateTime) -> ReplayCheck {
        if let Some(&until) = self.seen.get(id) {
            if until > now {
                return ReplayCheck::Replay;
            }
        }
        if self.seen.len() >= self.capacity {
            self.seen.retain(|_, until| *until > now);
            if self.seen.len() >= self.capacity {
                return ReplayCheck::Replay;
            }
        }
        self.seen.insert(String::from(id), expires);
        ReplayCheck::Fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_cache_refuses_rather_than_evicts() {
        let mut cache = MemoryReplayCache::new(2);
        let now = DateTime::from_unix(1_700_000_000);
        assert_eq!(
            cache.check_and_insert("a", now.add_seconds(60), now),
            ReplayCheck::Fresh
        );
        assert_eq!(
            cache.check_and_insert("b", now.add_seconds(60), now),
            ReplayCheck::Fresh
        );
        assert_eq!(
            cache.check_and_insert("c", now.add_seconds(60), now),
            ReplayCheck::Replay
        );
        // Once the first two expired, there is room again.
        let later = now.add_seconds(61);
        assert_eq!(
            cache.check_and_insert("c", later.add_seconds(60), later),
            ReplayCheck::Fresh
        );
        assert_eq!(cache.len(), 1);
    }
}
