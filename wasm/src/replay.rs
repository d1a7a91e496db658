//! A replay cache kept by a JavaScript function (`ReplayCache.fromCallback(fn)`): a `Map`
//! shared by every verifier of a relying party, or a synchronous client of a store that
//! every worker reaches.
//!
//! The table's shared cache wants a cache it may use from any thread, and a JS function
//! is bound to the thread that made it. The function therefore stays in a registry of
//! this thread and the cache holds only its number: the cache is `Send + Sync` without
//! `unsafe`, and a thread that is not the function's own (there is none on
//! `wasm32-unknown-unknown`) finds no function and fails closed.
//!
//! It answers as Python's `check_and_insert` objects and C's callbacks do: `true` is
//! fresh (and recorded), `false` a replay; anything else — a throw, a non-boolean, a
//! `Promise` — is unavailable, so the response is refused with
//! `saml.replay_cache_unavailable`, never accepted unchecked.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use js_sys::Function;
use trustmeta::{DateTime, ReplayCheck};
use trustmeta_table::ops::{ConcurrentReplayCache, SharedReplayCache};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::call::describe;

thread_local! {
    /// The callbacks of the live caches, by number.
    static CALLBACKS: RefCell<BTreeMap<u32, Function>> = const { RefCell::new(BTreeMap::new()) };
    /// The number of the next callback.
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

/// A cache whose answers come from the callback registered under `slot`.
struct CallbackCache {
    slot: u32,
}

/// The shared cache that asks `check(id, expiresAtMs, nowMs)`.
pub(crate) fn callback_cache(check: Function) -> SharedReplayCache {
    let slot = NEXT.with(|n| {
        let slot = n.get();
        n.set(slot.wrapping_add(1));
        slot
    });
    CALLBACKS.with(|c| c.borrow_mut().insert(slot, check));
    SharedReplayCache::concurrent(CallbackCache { slot })
}

impl ConcurrentReplayCache for CallbackCache {
    fn check_and_insert(&self, id: &str, expires: DateTime, now: DateTime) -> ReplayCheck {
        // Cloned out of the registry before the call: the callback may verify again (and
        // so come back here) or release caches while it runs.
        let Some(check) = CALLBACKS.with(|c| c.borrow().get(&self.slot).cloned()) else {
            return ReplayCheck::Unavailable {
                reason: "the replay-cache callback is not reachable from this thread".into(),
            };
        };
        // Rounded up: the ID is never forgotten before its time.
        let expires_ms = millis(expires, true);
        let answer = check.call3(
            &JsValue::UNDEFINED,
            &JsValue::from_str(id),
            &JsValue::from_f64(expires_ms),
            &JsValue::from_f64(millis(now, false)),
        );
        match answer {
            Ok(v) => match v.as_bool() {
                Some(true) => ReplayCheck::Fresh,
                Some(false) => ReplayCheck::Replay,
                None => ReplayCheck::Unavailable {
                    reason: format!(
                        "the replay-cache callback returned {}, not a boolean (it must answer synchronously)",
                        describe(&v)
                    ),
                },
            },
            Err(e) => ReplayCheck::Unavailable {
                reason: format!("the replay-cache callback threw {}", thrown(&e)),
            },
        }
    }
}

impl Drop for CallbackCache {
    fn drop(&mut self) {
        // `try_with`: the registry may already be gone when a thread ends.
        let _ = CALLBACKS.try_with(|c| c.borrow_mut().remove(&self.slot));
    }
}

/// Milliseconds since 1970 of `t`, rounded up or down to a whole millisecond.
fn millis(t: DateTime, up: bool) -> f64 {
    let nanos = i64::from(t.subsec_nanos());
    let ms = if up {
        (nanos + 999_999) / 1_000_000
    } else {
        nanos / 1_000_000
    };
    let total = t.unix_seconds().saturating_mul(1000).saturating_add(ms);
    // Times the core reads are within a `Date`'s range (±8.64e15 ms): exact as a double.
    #[allow(clippy::cast_precision_loss)]
    let out = total as f64;
    out
}

/// What a callback threw, for the refusal's message.
fn thrown(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        let name = String::from(err.name());
        let message = String::from(err.message());
        return format!("{name}: {message}");
    }
    match e.as_string() {
        Some(s) => format!("{s:?}"),
        None => describe(e),
    }
}
