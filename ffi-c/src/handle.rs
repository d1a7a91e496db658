//! Handles: every object the library gives out is registered here while it lives.
//!
//! A C caller can pass any bit pattern where a handle is expected. Rather than trusting a
//! magic number inside the object (which means reading through the pointer first), the
//! library keeps the addresses of live handles, with their kind, in one table: a pointer
//! that is not in it — NULL, freed, never issued, or a handle of another kind — is refused
//! before anything is read through it. A double free is therefore a no-op, not heap
//! corruption. The table costs one uncontended mutex acquisition per call, nanoseconds
//! beside a signature verification.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::guard::Failure;

/// What kind of object a handle is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    TrustStore,
    Error,
    Emreg,
    IssuerTrust,
    ReplayCache,
    DecryptionKeys,
    MetadataVerifier,
    SmpLookup,
    SmpLookupOptions,
    SmpLookupRunOptions,
    SmpTrace,
    MetadataSource,
    MetadataSourceOptions,
    MetadataRefreshOptions,
    MetadataRefresh,
    String,
    /// A record the caller owns (`tm_<record>_free()`), by the table's record name.
    Root(&'static str),
    /// A record inside another result or list, owned by it.
    Record(&'static str),
    /// A list of records the caller owns.
    List(&'static str),
    /// The options of an operation, by the operation's name.
    Options(&'static str),
    /// A byte buffer the caller owns (`tm_bytes_free()`), with its length.
    Buffer(usize),
}

/// An object handed to C behind a pointer.
pub(crate) trait Handle: Sized {
    /// Its kind in the registry.
    const KIND: Kind;
    /// Its C type name, for messages.
    const C_NAME: &'static str;
}

/// Live handles, keyed by [`key`] of their address.
static LIVE: Mutex<BTreeMap<usize, Kind>> = Mutex::new(BTreeMap::new());

/// The table's key for an address: its bitwise complement. Leak checkers (valgrind,
/// LeakSanitizer) count a block as reachable when any reachable word points into it, so
/// storing plain addresses would hide every handle a C caller forgets to free; the
/// complement of a heap address is never a heap address.
fn key<T>(p: *const T) -> usize {
    !(p as usize)
}

fn live() -> MutexGuard<'static, BTreeMap<usize, Kind>> {
    // The table is a plain map that no operation leaves half-updated, so a poisoned lock
    // (a panic elsewhere while it was held) does not make its content wrong.
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Moves `value` to the heap, registers it and returns the pointer C will hold.
pub(crate) fn into_raw<T: Handle>(value: T) -> *mut T {
    let p = Box::into_raw(Box::new(value));
    live().insert(key(p), T::KIND);
    p
}

/// Whether `p` is a live handle of kind `T`.
pub(crate) fn is_live<T: Handle>(p: *const T) -> bool {
    !p.is_null() && live().get(&key(p)) == Some(&T::KIND)
}

/// The kind `addr` is registered under, if it is a live handle.
pub(crate) fn kind_of(addr: usize) -> Option<Kind> {
    live().get(&!addr).copied()
}

/// Registers the addresses of objects given out together (a result and the records
/// inside it), under one acquisition of the lock.
pub(crate) fn register_all(entries: impl IntoIterator<Item = (usize, Kind)>) {
    let mut table = live();
    for (addr, kind) in entries {
        table.insert(!addr, kind);
    }
}

/// Unregisters `addr` if `wanted` accepts its kind, returning that kind: the first step
/// of every release, so that two releases of one handle cannot both proceed.
pub(crate) fn take(addr: usize, wanted: impl Fn(Kind) -> bool) -> Option<Kind> {
    let mut table = live();
    let kind = *table.get(&!addr)?;
    if !wanted(kind) {
        return None;
    }
    table.remove(&!addr);
    Some(kind)
}

/// Unregisters addresses whose owner is being released.
pub(crate) fn unregister_all(addrs: impl IntoIterator<Item = usize>) {
    let mut table = live();
    for addr in addrs {
        table.remove(&!addr);
    }
}

/// Borrows the object behind a handle argument, or says why it cannot.
///
/// # Safety
/// No other thread may free or mutate `*p` while the returned reference lives (the C
/// API's documented thread rules).
pub(crate) unsafe fn get<'a, T: Handle>(
    p: *const T,
    func: &str,
    arg: &str,
) -> Result<&'a T, Failure> {
    check::<T>(p, func, arg)?;
    // SAFETY: `p` is registered under T's kind, so it came from `into_raw::<T>` and has not
    // been freed: it points to a live, aligned, initialized `T`. The caller guarantees no
    // concurrent free or mutation.
    Ok(unsafe { &*p })
}

/// Mutably borrows the object behind a handle argument, or says why it cannot.
///
/// # Safety
/// No other reference to `*p` may be in use, on any thread, while the returned one lives.
pub(crate) unsafe fn get_mut<'a, T: Handle>(
    p: *mut T,
    func: &str,
    arg: &str,
) -> Result<&'a mut T, Failure> {
    check::<T>(p, func, arg)?;
    // SAFETY: as in `get`; exclusivity is the caller's guarantee (the C API documents that
    // changing a handle must not overlap any other use of it).
    Ok(unsafe { &mut *p })
}

/// Borrows the object behind a handle for an accessor that has no error channel.
///
/// # Safety
/// As [`get`].
pub(crate) unsafe fn peek<'a, T: Handle>(p: *const T) -> Option<&'a T> {
    if !is_live(p) {
        return None;
    }
    // SAFETY: registered under T's kind, hence a live `T` from `into_raw`; no concurrent
    // free or mutation by the caller's contract.
    Some(unsafe { &*p })
}

fn check<T: Handle>(p: *const T, func: &str, arg: &str) -> Result<(), Failure> {
    if p.is_null() {
        return Err(Failure::null(func, arg));
    }
    if !is_live(p) {
        return Err(Failure::invalid(
            func,
            &format!("`{arg}` is not a live {} (already freed, never created by this library, or a handle of another kind)", T::C_NAME),
        ));
    }
    Ok(())
}

/// Unregisters and drops the object behind `p`. NULL, unknown and already-freed pointers
/// are ignored; returns whether something was freed.
///
/// # Safety
/// No other thread may use `*p` during or after the call.
pub(crate) unsafe fn free<T: Handle>(p: *mut T) -> bool {
    if p.is_null() {
        return false;
    }
    let owned = {
        let mut table = live();
        if table.get(&key(p)) == Some(&T::KIND) {
            table.remove(&key(p));
            true
        } else {
            false
        }
    };
    if owned {
        // SAFETY: `p` was registered under T's kind, so it came from `Box::into_raw` in
        // `into_raw::<T>`; it has just been unregistered under the lock, so no other free
        // can reach it and this is the only owner.
        drop(unsafe { Box::from_raw(p) });
    }
    owned
}

/// Registers a string handed to C (released by `tm_string_free()`), returning the pointer.
pub(crate) fn string_into_raw(s: std::ffi::CString) -> *mut std::ffi::c_char {
    let p = s.into_raw();
    live().insert(key(p), Kind::String);
    p
}

/// Unregisters and drops a string from [`string_into_raw`]; NULL, unknown and already-freed
/// pointers are ignored. Returns whether something was freed.
///
/// # Safety
/// No other thread may use the string during or after the call.
pub(crate) unsafe fn free_string(p: *mut std::ffi::c_char) -> bool {
    if p.is_null() {
        return false;
    }
    let owned = {
        let mut table = live();
        if table.get(&key(p)) == Some(&Kind::String) {
            table.remove(&key(p));
            true
        } else {
            false
        }
    };
    if owned {
        // SAFETY: registered as a string, so it came from `CString::into_raw` in
        // `string_into_raw`; unregistered under the lock, so this is the only owner.
        drop(unsafe { std::ffi::CString::from_raw(p) });
    }
    owned
}

#[cfg(test)]
mod tests {
    use super::*;

    struct A(#[allow(dead_code)] u64);
    impl Handle for A {
        const KIND: Kind = Kind::TrustStore;
        const C_NAME: &'static str = "A";
    }
    struct B(#[allow(dead_code)] u64);
    impl Handle for B {
        const KIND: Kind = Kind::Error;
        const C_NAME: &'static str = "B";
    }

    #[test]
    fn registry_refuses_null_freed_and_wrong_kind() {
        let a = into_raw(A(7));
        assert!(is_live(a));
        assert!(
            !is_live(a.cast::<B>()),
            "a handle of another kind is refused"
        );
        assert!(!is_live(core::ptr::null::<A>()));
        // SAFETY: single-threaded test; `a` is a live A.
        unsafe {
            assert!(
                !free(a.cast::<B>()),
                "freeing through the wrong type is a no-op"
            );
            assert!(free(a));
            assert!(!free(a), "a double free is a no-op");
        }
        assert!(!is_live(a));
    }
}
