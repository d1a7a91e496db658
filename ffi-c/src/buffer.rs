//! Text and bytes the caller owns: what an operation returns that is not a record
//! (a DNS name, a decoded message), released with `tm_string_free()` or `tm_bytes_free()`.

use std::ffi::c_char;

use crate::guard;
use crate::handle::{self, Kind};

/// Moves `bytes` to C, followed by a NUL byte (not counted) so that text can be read as a
/// C string; registered with its length, which the release needs.
pub(crate) fn into_raw(mut bytes: Vec<u8>) -> *mut u8 {
    bytes.push(0);
    let n = bytes.len();
    let p = Box::into_raw(bytes.into_boxed_slice()).cast::<u8>();
    handle::register_all([(p as usize, Kind::Buffer(n))]);
    p
}

/// ==== Returned text and bytes ===========================================================
///
/// Releases a string the library returned to the caller (tm_smp_name(),
/// tm_parse_return_code()).
///
/// @param s  the string, owned by the caller and released by this call; NULL is allowed
///           and ignored, and so is a pointer the library did not return or already
///           released.
///
/// Thread safety: no other thread may use `s` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_string_free(s: *mut c_char) {
    guard::quietly((), || {
        // SAFETY: `free_string` only releases a registered string; the caller gives it up.
        unsafe { handle::free_string(s) };
    });
}

/// Releases bytes the library returned to the caller (tm_decode_post_binding(),
/// tm_decode_elmo_field()).
///
/// @param bytes  owned by the caller and released by this call; NULL is allowed and
///               ignored, and so is a pointer the library did not return or already
///               released.
///
/// Thread safety: no other thread may use `bytes` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_bytes_free(bytes: *mut u8) {
    guard::quietly((), || {
        if let Some(Kind::Buffer(n)) =
            handle::take(bytes as usize, |k| matches!(k, Kind::Buffer(_)))
        {
            // SAFETY: registered by `into_raw` with its length, from `Box::into_raw` of a
            // boxed slice of `n` bytes; `take` unregistered it, so this is its only release.
            drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(bytes, n)) });
        }
    });
}
