//! The boundary: every exported function runs its body through one of these guards, so a
//! panic becomes `TM_INTERNAL_PANIC` instead of unwinding into C, and failures are
//! published through the `tm_error **` out-parameter in one place.

use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use trustmeta_table::ops::{ArgError, OpError};

use crate::error::tm_error;
use crate::handle;
use crate::status::{self, tm_status};

/// Why a call failed, before it becomes a `tm_error`.
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    pub(crate) status: tm_status,
    pub(crate) code: &'static CStr,
    pub(crate) message: String,
}

impl Failure {
    fn api(status: tm_status, message: String) -> Self {
        Failure {
            status,
            code: status::name_of(status as i32),
            message,
        }
    }

    /// A required pointer argument was NULL.
    pub(crate) fn null(func: &str, arg: &str) -> Self {
        Self::api(
            tm_status::TM_NULL_POINTER,
            format!("{func}: `{arg}` is NULL; pass a valid pointer"),
        )
    }

    /// An argument is unusable for another reason.
    pub(crate) fn invalid(func: &str, why: &str) -> Self {
        Self::api(tm_status::TM_INVALID_ARGUMENT, format!("{func}: {why}"))
    }

    /// A bug in trustmeta: a panic was caught at the boundary.
    pub(crate) fn panic(func: &str) -> Self {
        Self::api(
            tm_status::TM_INTERNAL_PANIC,
            format!("{func}: internal error (a panic was caught at the C boundary); this is a bug in trustmeta, please report it with the input"),
        )
    }
}

impl From<trustmeta::Error> for Failure {
    fn from(e: trustmeta::Error) -> Self {
        let code = e.code();
        Failure {
            status: tm_status::from_code(code),
            code: status::name_of(i32::from(code.number())),
            message: e.to_string(),
        }
    }
}

impl From<ArgError> for Failure {
    fn from(e: ArgError) -> Self {
        Self::api(tm_status::TM_INVALID_ARGUMENT, e.to_string())
    }
}

impl From<OpError> for Failure {
    fn from(e: OpError) -> Self {
        match e {
            OpError::Arg(e) => e.into(),
            OpError::Core(e) => e.into(),
        }
    }
}

impl From<trustmeta::PkiError> for Failure {
    fn from(e: trustmeta::PkiError) -> Self {
        trustmeta::Error::from(e).into()
    }
}

impl From<trustmeta::TimeError> for Failure {
    fn from(e: trustmeta::TimeError) -> Self {
        trustmeta::Error::from(e).into()
    }
}

/// Runs the body of a function that reports through a status and `tm_error **err`.
///
/// `*err` is set to NULL first (when `err` is usable), then to a new error on failure.
///
/// # Safety
/// `err` is NULL or points to writable storage for one pointer (the C contract).
pub(crate) unsafe fn call(
    func: &str,
    err: *mut *mut tm_error,
    body: impl FnOnce() -> Result<(), Failure>,
) -> tm_status {
    let publish = AssertUnwindSafe(|| {
        let err_usable = !err.is_null() && err.is_aligned();
        if err_usable {
            // SAFETY: non-NULL and aligned; the caller provides storage for one pointer.
            unsafe { err.write(ptr::null_mut()) };
        }
        let outcome = match catch_unwind(AssertUnwindSafe(body)) {
            Ok(outcome) => outcome,
            Err(_) => Err(Failure::panic(func)),
        };
        match outcome {
            Ok(()) => tm_status::TM_OK,
            Err(failure) => {
                let status = failure.status;
                if err_usable {
                    let e = handle::into_raw(tm_error::from(failure));
                    // SAFETY: checked above: non-NULL, aligned, caller-provided storage.
                    unsafe { err.write(e) };
                }
                status
            }
        }
    });
    catch_unwind(publish).unwrap_or(tm_status::TM_INTERNAL_PANIC)
}

/// Runs the body of a function with no error channel (accessors, setters, `*_free`):
/// a panic yields `fallback`.
pub(crate) fn quietly<R>(fallback: R, body: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// Checks an out-parameter and sets it to NULL, so that it holds NULL on every failure.
///
/// # Safety
/// `out` is NULL or points to writable storage for one pointer.
pub(crate) unsafe fn clear_out<T>(out: *mut *mut T, func: &str, arg: &str) -> Result<(), Failure> {
    if out.is_null() {
        return Err(Failure::null(func, arg));
    }
    if !out.is_aligned() {
        return Err(Failure::invalid(
            func,
            &format!("`{arg}` is not aligned for a pointer"),
        ));
    }
    // SAFETY: non-NULL and aligned; the caller provides storage for one pointer.
    unsafe { out.write(ptr::null_mut()) };
    Ok(())
}

/// Views a `(const uint8_t *, size_t)` argument as a slice.
///
/// # Safety
/// When `data` is not NULL it points to `len` readable bytes that stay unchanged for `'a`.
pub(crate) unsafe fn bytes<'a>(
    data: *const u8,
    len: usize,
    func: &str,
    arg: &str,
) -> Result<&'a [u8], Failure> {
    if data.is_null() {
        return Err(Failure::null(func, arg));
    }
    if isize::try_from(len).is_err() {
        return Err(Failure::invalid(
            func,
            &format!("`{arg}` length {len} is larger than any object can be"),
        ));
    }
    // SAFETY: `data` is non-NULL, `u8` needs no alignment, `len` fits in isize, and the
    // caller guarantees `len` readable bytes that nobody mutates during the call.
    Ok(unsafe { std::slice::from_raw_parts(data, len) })
}

/// Views a NUL-terminated UTF-8 string argument.
///
/// # Safety
/// When `p` is not NULL it points to a NUL-terminated string that stays unchanged for `'a`.
pub(crate) unsafe fn text<'a>(p: *const c_char, func: &str, arg: &str) -> Result<&'a str, Failure> {
    if p.is_null() {
        return Err(Failure::null(func, arg));
    }
    // SAFETY: non-NULL and, by the C contract, NUL-terminated and unchanged for 'a.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| Failure::invalid(func, &format!("`{arg}` is not UTF-8")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status_and_an_error() {
        let mut err: *mut tm_error = ptr::null_mut();
        // SAFETY: `err` is a valid out-parameter.
        let st = unsafe { call("tm_test", &mut err, || panic!("boom")) };
        assert_eq!(st, tm_status::TM_INTERNAL_PANIC);
        assert!(!err.is_null());
        // SAFETY: `err` was just issued by `call`.
        let e = unsafe { handle::get(err, "t", "err") }.unwrap();
        assert_eq!(e.status, tm_status::TM_INTERNAL_PANIC);
        assert_eq!(e.code.to_str().unwrap(), "api.internal_panic");
        assert!(e
            .message
            .to_str()
            .unwrap()
            .starts_with("tm_test: internal error"));
        // SAFETY: issued above, freed once.
        unsafe { handle::free(err) };
        assert_eq!(quietly(7, || panic!("boom")), 7);
    }

    #[test]
    fn success_clears_err_and_null_err_is_fine() {
        let mut err: *mut tm_error = ptr::NonNull::dangling().as_ptr();
        // SAFETY: `err` is a valid out-parameter (its old value is never read).
        let st = unsafe { call("tm_test", &mut err, || Ok(())) };
        assert_eq!(st, tm_status::TM_OK);
        assert!(err.is_null());
        // SAFETY: NULL `err` is allowed.
        let st = unsafe {
            call("tm_test", ptr::null_mut(), || {
                Err(Failure::null("tm_test", "x"))
            })
        };
        assert_eq!(st, tm_status::TM_NULL_POINTER);
    }
}
