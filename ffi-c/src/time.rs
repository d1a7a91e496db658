//! Time at the boundary: instants are `int64_t` seconds since 1970, with a sentinel for
//! "the system clock" going in and one for "absent" coming out. The core never reads a
//! clock; the operations read it when `now` is left at its default.

use std::ffi::{c_char, CStr};

use trustmeta::DateTime;

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::status::tm_status;

/// ==== Time ==============================================================================
///
/// Pass to a `now` setter (tm_verify_options_set_now() and the like) to verify at the
/// system clock's time when the call runs, which is also the default; the result's
/// `verified_at` then reports the time that was used. INT64_MIN.
pub const TM_NOW: i64 = i64::MIN;

/// Returned by time accessors when the result gives no time (and for an index out of
/// range or a NULL or dead result): INT64_MAX.
pub const TM_NO_DATE: i64 = i64::MAX;

/// Returned by accessors of optional integers when the result gives none (and for an
/// index out of range or a NULL or dead result): INT64_MIN.
pub const TM_NO_INT: i64 = i64::MIN;

/// Parses an RFC 3339 timestamp such as `"2026-06-01T00:00:00Z"` or
/// `"2026-06-01T02:00:00+02:00"` into seconds since 1970-01-01T00:00:00Z, for the
/// `now` option of every verification (tm_verify_options_set_now() and the like). The text must carry a zone (`Z` or `+hh:mm`);
/// fractions of a second are accepted and dropped (rounded down).
///
/// @param text      the timestamp, a NUL-terminated string borrowed for the call.
/// @param out_unix  where to store the seconds on success (unchanged on failure).
/// @param err       NULL, or where to put a new tm_error on failure (see tm_error).
/// @return `TM_OK` on success;
///         `TM_TIME_BAD_VALUE` if the text is not an RFC 3339 timestamp with a zone or
///         names an impossible date;
///         `TM_NULL_POINTER` if `text` or `out_unix` is NULL;
///         `TM_INVALID_ARGUMENT` if `out_unix` is misaligned.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_parse_rfc3339(
    text: *const c_char,
    out_unix: *mut i64,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_parse_rfc3339";
    let body = || {
        if text.is_null() {
            return Err(Failure::null(F, "text"));
        }
        if out_unix.is_null() {
            return Err(Failure::null(F, "out_unix"));
        }
        if !out_unix.is_aligned() {
            return Err(Failure::invalid(
                F,
                "`out_unix` is not aligned for an int64_t",
            ));
        }
        // SAFETY: `text` is non-NULL and, by the C contract, a NUL-terminated string
        // that stays unchanged during the call.
        let text = unsafe { CStr::from_ptr(text) };
        let text = text.to_str().map_err(|_| trustmeta::TimeError)?;
        let t = DateTime::parse_rfc3339(text)?;
        // SAFETY: non-NULL and aligned (checked above); caller-provided storage.
        unsafe { out_unix.write(t.unix_seconds()) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn parses_with_a_zone_only() {
        let mut t = 0_i64;
        // SAFETY: valid NUL-terminated strings and storage.
        unsafe {
            assert_eq!(
                tm_parse_rfc3339(
                    c"2026-06-01T02:00:00+02:00".as_ptr(),
                    &mut t,
                    ptr::null_mut()
                ),
                tm_status::TM_OK
            );
            assert_eq!(t, 1_780_272_000);
            assert_eq!(
                tm_parse_rfc3339(c"2026-06-01T00:00:00".as_ptr(), &mut t, ptr::null_mut()),
                tm_status::TM_TIME_BAD_VALUE
            );
            assert_eq!(t, 1_780_272_000);
        }
    }
}
