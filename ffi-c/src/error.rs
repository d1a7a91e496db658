//! `tm_error`: the details of a failure, handed out through a `tm_error **err`
//! out-parameter (not kept per handle, unlike sqlite's `errmsg`, so concurrent calls never
//! overwrite each other's message).

use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::status::tm_status;
use std::ffi::{c_char, CStr, CString};

/// ==== Handles ===========================================================================
///
/// The library's objects are opaque types, created and released by the functions of
/// their sections below: the inputs (tm_trust_store, tm_issuer_trust, tm_replay_cache,
/// tm_emreg, tm_smp_lookup, tm_metadata_source), the results (one type per record of the
/// table, e.g. tm_document, and tm_smp_trace, tm_metadata_refresh), the options of each
/// operation, and tm_error.
///
/// tm_error holds the details of one failure: its status, its dotted code and a sentence
/// saying what happened and what to do.
///
/// Functions that can fail take a last argument `tm_error **err`. If `err` is not NULL,
/// `*err` is set to NULL on success and to a new `tm_error` on failure, which the caller
/// owns and releases with tm_error_free(). The old value of `*err` is overwritten without
/// being read or freed. Pass NULL when the status alone is enough.
///
/// ```c
/// tm_error *err = NULL;
/// if (tm_trust_store_add_pem(store, pem, pem_len, &err) != TM_OK) {
///     fprintf(stderr, "%s: %s\n", tm_error_code(err), tm_error_message(err));
///     tm_error_free(err);
/// }
/// ```
///
/// Thread safety: an error is immutable; it may be read from any thread, and freed once
/// no thread reads it any more.
pub struct tm_error {
    pub(crate) status: tm_status,
    pub(crate) code: &'static CStr,
    pub(crate) message: CString,
}

impl Handle for tm_error {
    const KIND: Kind = Kind::Error;
    const C_NAME: &'static str = "tm_error";
}

impl From<Failure> for tm_error {
    fn from(f: Failure) -> Self {
        tm_error {
            status: f.status,
            code: f.code,
            message: crate::tree::c_string(&f.message),
        }
    }
}

/// Returns the status of an error: the value the failing call returned.
///
/// @param err  an error, borrowed for the call; may be NULL.
/// @return the status; `TM_NULL_POINTER` if `err` is NULL and `TM_INVALID_ARGUMENT` if it
///         is not a live error.
///
/// Thread safety: any thread, concurrently with other readers of `err`.
#[no_mangle]
pub unsafe extern "C" fn tm_error_status(err: *const tm_error) -> tm_status {
    if err.is_null() {
        return tm_status::TM_NULL_POINTER;
    }
    guard::quietly(tm_status::TM_INTERNAL_PANIC, || {
        // SAFETY: `peek` only dereferences a registered tm_error; the caller does not free
        // `err` during the call.
        unsafe { handle::peek(err) }.map_or(tm_status::TM_INVALID_ARGUMENT, |e| e.status)
    })
}

/// Returns the dotted code of an error, e.g. `"dsig.digest_mismatch"`, the same string
/// trustmeta's other interfaces report. It is tm_error_code_name() of the status, except
/// for `TM_UNKNOWN_ERROR`, where it is the core's newer code.
///
/// @param err  an error, borrowed for the call; may be NULL.
/// @return a NUL-terminated string that lives as long as the program (never NULL): the
///         code, or `"api.null_pointer"` / `"api.invalid_argument"` for a NULL or dead
///         `err`. Do not free it.
///
/// Thread safety: any thread, concurrently with other readers of `err`.
#[no_mangle]
pub unsafe extern "C" fn tm_error_code(err: *const tm_error) -> *const c_char {
    if err.is_null() {
        return c"api.null_pointer".as_ptr();
    }
    guard::quietly(c"api.internal_panic".as_ptr(), || {
        // SAFETY: `peek` only dereferences a registered tm_error; the caller does not free
        // `err` during the call.
        unsafe { handle::peek(err) }.map_or(c"api.invalid_argument".as_ptr(), |e| e.code.as_ptr())
    })
}

/// Returns the message of an error: one sentence saying what failed and what to do, e.g.
/// `"the document changed after it was signed: the digest of reference #1 ..."`. Meant for
/// logs and people; match on the status or the code, never on the message.
///
/// @param err  an error, borrowed for the call; may be NULL.
/// @return a NUL-terminated UTF-8 string owned by `err`, valid until tm_error_free(err);
///         a static explanation if `err` is NULL or not a live error. Never NULL.
///
/// Thread safety: any thread, concurrently with other readers of `err`.
#[no_mangle]
pub unsafe extern "C" fn tm_error_message(err: *const tm_error) -> *const c_char {
    if err.is_null() {
        return c"tm_error_message: `err` is NULL".as_ptr();
    }
    guard::quietly(c"tm_error_message: internal error".as_ptr(), || {
        // SAFETY: `peek` only dereferences a registered tm_error; the caller does not free
        // `err` during the call.
        unsafe { handle::peek(err) }.map_or(
            c"tm_error_message: `err` is not a live tm_error".as_ptr(),
            |e| e.message.as_ptr(),
        )
    })
}

/// Releases an error and the strings it owns.
///
/// @param err  an error, owned by the caller and released by this call; NULL is allowed
///             and ignored, and so is a pointer that is not a live error.
///
/// Thread safety: no other thread may use `err` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_error_free(err: *mut tm_error) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered tm_error; the caller gives up `err`.
        unsafe { handle::free(err) };
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    fn s(p: *const c_char) -> String {
        // SAFETY: every accessor returns a NUL-terminated string.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string()
    }

    #[test]
    fn accessors_on_null_dead_and_live_errors() {
        // SAFETY: NULL and dangling-but-unregistered pointers are refused before any read.
        unsafe {
            assert_eq!(tm_error_status(ptr::null()), tm_status::TM_NULL_POINTER);
            assert_eq!(s(tm_error_code(ptr::null())), "api.null_pointer");
            assert!(s(tm_error_message(ptr::null())).contains("NULL"));
            tm_error_free(ptr::null_mut());
            let bogus = ptr::NonNull::<tm_error>::dangling().as_ptr();
            assert_eq!(tm_error_status(bogus), tm_status::TM_INVALID_ARGUMENT);
            assert_eq!(s(tm_error_code(bogus)), "api.invalid_argument");
            tm_error_free(bogus);

            let e = handle::into_raw(tm_error::from(Failure::null("tm_x", "y")));
            assert_eq!(tm_error_status(e), tm_status::TM_NULL_POINTER);
            assert_eq!(s(tm_error_code(e)), "api.null_pointer");
            assert_eq!(
                s(tm_error_message(e)),
                "tm_x: `y` is NULL; pass a valid pointer"
            );
            tm_error_free(e);
        }
    }
}
