//! `tm_replay_cache`: the assertion IDs a relying party has accepted, shared by every
//! verification it makes — in memory, on a Redis/Valkey server shared by every worker, or
//! wherever the caller's callback keeps them.

use std::ffi::{c_char, c_int, c_void, CString};
use std::ptr;
use std::sync::Arc;

use trustmeta::{DateTime, ReplayCache, ReplayCheck};
use trustmeta_hosted::RedisReplayCache;
use trustmeta_table::ops::SharedReplayCache;

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::status::tm_status;

/// Remembers the IDs of accepted assertions until they expire, so that a bearer
/// assertion is accepted once: set the same cache (tm_verify_saml_response_options_set_cache())
/// on every response verification of a relying party. Only a response that verified in
/// every other respect is recorded. When the cache is full, expired IDs are dropped; if
/// it is still full, a new assertion is refused as a replay rather than evicting a live
/// ID (a flood must not reopen the door).
///
/// An in-memory cache (tm_replay_cache_new()) lives in one process: workers behind a
/// load balancer each have their own, and a response one accepted is accepted again by
/// another. Share one cache between them with tm_replay_cache_new_redis() (a Redis or
/// Valkey server) or tm_replay_cache_new_callback() (your own store). Those fail closed:
/// when the cache cannot answer, the response is refused with
/// TM_SAML_REPLAY_CACHE_UNAVAILABLE, never accepted without its replay check.
///
/// Thread safety: internally synchronized: any number of threads may verify with the
/// same cache at once (each check is atomic, so that two threads given the same
/// response cannot both accept it). Options it was set on keep it alive after
/// tm_replay_cache_free().
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

/// Returns how many assertion IDs an in-memory cache holds (expired ones included until
/// they are dropped to make room).
///
/// @param cache  a replay cache, borrowed for the call.
/// @return the count; 0 if `cache` is NULL or dead, or keeps its IDs elsewhere (Redis, a
///         callback).
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

/// What a replay-check callback (tm_replay_check_fn) answers.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tm_replay_answer {
    /// The ID was not recorded (or its record expired at `now`); it is now recorded until
    /// `expires`. The response is accepted.
    TM_REPLAY_FRESH = 0,
    /// The ID is recorded and not expired at `now`: a replay, refused with
    /// TM_SAML_REPLAY.
    TM_REPLAY_SEEN = 1,
    /// The store cannot answer (unreachable, timed out): the response is refused with
    /// TM_SAML_REPLAY_CACHE_UNAVAILABLE. Any value other than these three means the same.
    TM_REPLAY_UNAVAILABLE = 2,
}

/// Tests and records an assertion ID in the caller's store, in one atomic step (with
/// Redis, `SET key 1 NX PX ms`; with SQL, an `INSERT` on a unique key).
///
/// @param user_data  what tm_replay_cache_new_callback() was given.
/// @param id         the assertion ID, NUL-terminated, borrowed for the call.
/// @param id_len     its length in bytes, without the NUL.
/// @param expires    until when to keep it, in seconds since 1970 (UTC): the
///                   assertion's last moment of validity plus the allowed skew.
/// @param now        the verification's time, in seconds since 1970.
/// @return one of tm_replay_answer, as an int; any other value is TM_REPLAY_UNAVAILABLE.
pub type tm_replay_check_fn = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        id: *const c_char,
        id_len: usize,
        expires: i64,
        now: i64,
    ) -> c_int,
>;

/// Releases `user_data` once the cache is released for good (its last option set freed
/// too); called once, from the thread that releases it last.
pub type tm_replay_release_fn = Option<unsafe extern "C" fn(user_data: *mut c_void)>;

/// The caller's callback as a replay cache.
struct CallbackCache {
    check: unsafe extern "C" fn(*mut c_void, *const c_char, usize, i64, i64) -> c_int,
    release: tm_replay_release_fn,
    user_data: *mut c_void,
}

// SAFETY: the caller promises (tm_replay_cache_new_callback's contract) that `user_data`
// may be used from any thread; the calls are serialized by the shared cache's lock.
unsafe impl Send for CallbackCache {}

impl ReplayCache for CallbackCache {
    fn check_and_insert(&mut self, id: &str, expires: DateTime, now: DateTime) -> ReplayCheck {
        let Ok(c_id) = CString::new(id) else {
            return ReplayCheck::Unavailable {
                reason: "the assertion ID holds a NUL byte".into(),
            };
        };
        // Rounded up: the ID is never forgotten before its time.
        let expires_secs = expires
            .unix_seconds()
            .saturating_add(i64::from(expires.subsec_nanos() > 0));
        // SAFETY: the caller gave a function of this signature; `c_id` outlives the call.
        let answer = unsafe {
            (self.check)(
                self.user_data,
                c_id.as_ptr(),
                id.len(),
                expires_secs,
                now.unix_seconds(),
            )
        };
        match answer {
            0 => ReplayCheck::Fresh,
            1 => ReplayCheck::Replay,
            2 => ReplayCheck::Unavailable {
                reason: "the replay-cache callback answered TM_REPLAY_UNAVAILABLE".into(),
            },
            n => ReplayCheck::Unavailable {
                reason: format!("the replay-cache callback answered {n}, not a tm_replay_answer"),
            },
        }
    }
}

impl Drop for CallbackCache {
    fn drop(&mut self) {
        if let Some(release) = self.release {
            // SAFETY: the caller gave a function of this signature for `user_data`.
            unsafe { release(self.user_data) };
        }
    }
}

/// Creates a replay cache kept by the caller (see tm_replay_cache): each response that
/// verified in every other respect is checked with `check`, and accepted only if it
/// answers TM_REPLAY_FRESH. Use it to share the cache between workers through a store of
/// your own.
///
/// @param check      the callback, called with the shared cache's lock held: never
///                   twice at once for one cache, so it need not be reentrant, but it
///                   may be called from any thread that verifies. Keep it quick.
/// @param user_data  passed to `check` and `release` unchanged; must stay valid until
///                   `release` is called (or for good, without one).
/// @param release    NULL, or called once with `user_data` when the cache is released
///                   for good.
/// @param out        where to store the cache on success; set to NULL on failure. Owned
///                   by the caller: release it with tm_replay_cache_free().
/// @param err        NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success; `TM_NULL_POINTER` if `check` or `out` is NULL (`release`
///         is then not called).
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_replay_cache_new_callback(
    check: tm_replay_check_fn,
    user_data: *mut c_void,
    release: tm_replay_release_fn,
    out: *mut *mut tm_replay_cache,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_replay_cache_new_callback";
    let body = || {
        // SAFETY: `clear_out` checks `out`.
        unsafe { guard::clear_out(out, F, "out")? };
        let check = check.ok_or_else(|| Failure::null(F, "check"))?;
        let cache = SharedReplayCache::serialized(CallbackCache {
            check,
            release,
            user_data,
        });
        let c = handle::into_raw(tm_replay_cache {
            inner: Arc::new(cache),
        });
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(c) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Creates a replay cache on a Redis or Valkey server (see tm_replay_cache), shared by
/// every worker that names the same server: a response one worker accepted is refused as
/// a replay by every other. Each assertion ID is recorded with one atomic
/// `SET trustmeta:replay:<sha256(ID)> 1 NX PX <ms>` until the assertion expires.
///
/// Nothing is connected until the first check. A server that does not answer within 1 s
/// refuses the response with TM_SAML_REPLAY_CACHE_UNAVAILABLE; the connection is made
/// again on the next check, so a restarted server is used without a new cache. Give the
/// server `maxmemory-policy noeviction`: a full server then refuses rather than forgets.
///
/// @param url  `redis://[USER][:PASSWORD@]HOST[:PORT][/DB]`, `valkey://…` or
///             `redis+unix:///PATH[?db=N]` (no TLS: keep the server on loopback or a
///             private network), NUL-terminated UTF-8, borrowed for the call.
/// @param out  where to store the cache on success; set to NULL on failure. Owned by the
///             caller: release it with tm_replay_cache_free().
/// @param err  NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success; `TM_INVALID_ARGUMENT` if `url` is not such a URL;
///         `TM_NULL_POINTER` if `url` or `out` is NULL.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_replay_cache_new_redis(
    url: *const c_char,
    out: *mut *mut tm_replay_cache,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_replay_cache_new_redis";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps `url` readable.
        let url = unsafe {
            guard::clear_out(out, F, "out")?;
            guard::text(url, F, "url")?
        };
        let cache = RedisReplayCache::open(url).map_err(|e| Failure::invalid(F, &e.to_string()))?;
        let c = handle::into_raw(tm_replay_cache {
            inner: Arc::new(SharedReplayCache::serialized(cache)),
        });
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(c) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}
