//! `tm_replay_cache`: the assertion IDs a relying party has accepted, shared by every
//! verification it makes.

use std::ptr;
use std::sync::Arc;

use trustmeta_table::ops::SharedReplayCache;

use crate::guard;
use crate::handle::{self, Handle, Kind};

/// Remembers the IDs of accepted assertions until they expire, so that a bearer
/// assertion is accepted once: set the same cache (tm_verify_saml_response_options_set_cache())
/// on every response verification of a relying party. Only a response that verified in
/// every other respect is recorded. When the cache is full, expired IDs are dropped; if
/// it is still full, a new assertion is refused as a replay rather than evicting a live
/// ID (a flood must not reopen the door).
///
/// Thread safety: internally synchronized: any number of threads may verify with the
/// same cache at once (the verifications that share a cache run one at a time, so that
/// two threads given the same response cannot both accept it). Options it was set on
/// keep it alive after tm_replay_cache_free().
pub struct tm_replay_cache {
    pub(crate) inner: Arc<SharedReplayCache>,
}

impl Handle for tm_replay_cache {
    const KIND: Kind = Kind::ReplayCache;
    const C_NAME: &'static str = "tm_replay_cache";
}

/// Creates an empty in-memory replay cache (see tm_replay_cache) holding at most
/// `capacity` live assertion IDs.
///
/// @param capacity  how many unexpired IDs it may hold; 0 refuses every response as a
///                  replay.
/// @return a new cache, owned by the caller (release it with tm_replay_cache_free());
///         NULL only if the library failed internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_replay_cache_new(capacity: usize) -> *mut tm_replay_cache {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_replay_cache {
            inner: Arc::new(SharedReplayCache::memory(capacity)),
        })
    })
}

/// Returns how many assertion IDs the cache holds (expired ones included until they are
/// dropped to make room).
///
/// @param cache  a replay cache, borrowed for the call.
/// @return the count; 0 if `cache` is NULL or dead.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_replay_cache_len(cache: *const tm_replay_cache) -> usize {
    guard::quietly(0, || {
        // SAFETY: `peek` only dereferences a registered cache; the caller does not free
        // it during the call, and the content is behind a mutex.
        unsafe { handle::peek(cache) }.map_or(0, |c| c.inner.len().unwrap_or(0))
    })
}

/// Releases a replay cache (options it was set on keep their share of it).
///
/// @param cache  a replay cache, owned by the caller and released by this call; NULL is
///               allowed and ignored, and so is a pointer that is not a live cache.
///
/// Thread safety: no other thread may use `cache` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_replay_cache_free(cache: *mut tm_replay_cache) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered cache; the caller gives it up.
        unsafe { handle::free(cache) };
    });
}
