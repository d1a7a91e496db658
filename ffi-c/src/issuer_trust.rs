//! `tm_issuer_trust`: which keys may sign for which SAML issuer, the trust
//! tm_verify_saml_response() and the request verifications check messages against.

use std::ffi::c_char;
use std::ptr;

use trustmeta::IssuerTrust;

use crate::error::tm_error;
use crate::guard;
use crate::handle::{self, Handle, Kind};
use crate::status::tm_status;
use crate::store::tm_trust_store;

/// ==== SAML issuer trust =================================================================
///
/// Which certificates and keys may sign for which SAML issuer: a trust store per issuer
/// entity ID, and optionally one for any issuer. Made empty by tm_issuer_trust_new() and
/// filled with tm_issuer_trust_add() and tm_issuer_trust_set_any(), or made from verified
/// metadata by tm_metadata_issuer_trust().
///
/// Thread safety: fill it first, then share it read-only: any number of verifications may
/// use one issuer trust at the same time, as long as no thread changes or frees it.
pub struct tm_issuer_trust {
    pub(crate) inner: IssuerTrust,
}

impl Handle for tm_issuer_trust {
    const KIND: Kind = Kind::IssuerTrust;
    const C_NAME: &'static str = "tm_issuer_trust";
}

/// Creates an empty issuer trust: no issuer is trusted yet.
///
/// @return a new issuer trust, owned by the caller (release it with
///         tm_issuer_trust_free()); NULL only if the library failed internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_issuer_trust_new() -> *mut tm_issuer_trust {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_issuer_trust {
            inner: IssuerTrust::new(),
        })
    })
}

/// Trusts the certificates and keys of `store` for messages whose `Issuer` is
/// `entity_id` (compared exactly). The store is copied: changing or freeing it afterwards
/// does not change the issuer trust. Adding the same entity ID twice keeps the first.
///
/// @param trust      an issuer trust, changed by the call.
/// @param entity_id  the issuer's entity ID, a NUL-terminated UTF-8 string borrowed for
///                   the call.
/// @param store      a trust store, borrowed for the call.
/// @param err        NULL, or where to put a new tm_error on failure (see tm_error).
/// @return `TM_OK`; `TM_NULL_POINTER` for a NULL argument; `TM_INVALID_ARGUMENT` for a
///         dead handle or an entity ID that is not UTF-8.
///
/// Thread safety: no other thread may use `trust` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_issuer_trust_add(
    trust: *mut tm_issuer_trust,
    entity_id: *const c_char,
    store: *const tm_trust_store,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_issuer_trust_add";
    let body = || {
        // SAFETY: the helpers validate each pointer; the caller keeps `entity_id` and
        // `store` unchanged and does not use `trust` elsewhere during the call.
        let (trust, entity_id, store) = unsafe {
            (
                handle::get_mut(trust, F, "trust")?,
                guard::text(entity_id, F, "entity_id")?,
                handle::get(store, F, "store")?,
            )
        };
        trust.inner.add(entity_id, store.inner.clone());
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Trusts the certificates and keys of `store` for messages of any issuer without a
/// store of its own (a single identity provider, a test). The store is copied; setting it
/// again replaces it.
///
/// @param trust  an issuer trust, changed by the call.
/// @param store  a trust store, borrowed for the call.
/// @param err    NULL, or where to put a new tm_error on failure (see tm_error).
/// @return `TM_OK`; `TM_NULL_POINTER` for a NULL argument; `TM_INVALID_ARGUMENT` for a
///         dead handle.
///
/// Thread safety: no other thread may use `trust` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_issuer_trust_set_any(
    trust: *mut tm_issuer_trust,
    store: *const tm_trust_store,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_issuer_trust_set_any";
    let body = || {
        // SAFETY: the helpers validate each pointer; the caller keeps `store` unchanged
        // and does not use `trust` elsewhere during the call.
        let (trust, store) = unsafe {
            (
                handle::get_mut(trust, F, "trust")?,
                handle::get(store, F, "store")?,
            )
        };
        let mut next = IssuerTrust::any_issuer(store.inner.clone());
        for (id, s) in trust.inner.issuers() {
            next.add(id, s.clone());
        }
        trust.inner = next;
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Tells whether messages of `issuer` have keys to be checked against: a store of their
/// own, or the any-issuer store.
///
/// @param trust   an issuer trust, borrowed for the call.
/// @param issuer  an entity ID, a NUL-terminated string borrowed for the call.
/// @return true if so; false otherwise, or for a NULL or dead argument.
///
/// Thread safety: any thread, concurrently with other readers of `trust`.
#[no_mangle]
pub unsafe extern "C" fn tm_issuer_trust_has_issuer(
    trust: *const tm_issuer_trust,
    issuer: *const c_char,
) -> bool {
    guard::quietly(false, || {
        // SAFETY: `peek` only dereferences a registered issuer trust, which no thread
        // changes during the call (C contract); `text` refuses NULL, and otherwise
        // `issuer` is a NUL-terminated string unchanged during the call.
        let (Some(trust), Ok(issuer)) = (unsafe { handle::peek(trust) }, unsafe {
            guard::text(issuer, "tm_issuer_trust_has_issuer", "issuer")
        }) else {
            return false;
        };
        trust.inner.store_for(issuer).is_some()
    })
}

/// Releases an issuer trust.
///
/// @param trust  owned by the caller and released by this call; NULL is allowed and
///               ignored, and so is a pointer that is not a live issuer trust.
///
/// Thread safety: no other thread may use `trust` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_issuer_trust_free(trust: *mut tm_issuer_trust) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered issuer trust; the caller gives it up.
        unsafe { handle::free(trust) };
    });
}
