//! `tm_policy`: what the caller accepts.

use std::ptr;

use trustmeta::Policy;

use crate::guard;
use crate::handle::{self, Handle, Kind};
use crate::status::tm_status;

/// A policy says what the caller accepts: algorithms, key sizes, XML limits. A new policy
/// has safe defaults (SHA-1 refused, RSA keys of at least 2048 bits, DOCTYPEs refused,
/// finite limits); each loosening is a named setter. Passing NULL as the policy of
/// tm_verify() means these defaults.
///
/// Thread safety: not internally synchronized. A policy may be shared by any number of
/// threads calling tm_verify() at the same time; changing it or freeing it must not
/// overlap any other use.
pub struct tm_policy {
    pub(crate) inner: Policy,
    /// tm_verify_service_group()'s: not a setting of the shared core policy.
    pub(crate) allow_unsigned_service_group: bool,
}

impl Handle for tm_policy {
    const KIND: Kind = Kind::Policy;
    const C_NAME: &'static str = "tm_policy";
}

/// ==== Policy ============================================================================
///
/// Creates a policy with the defaults (see tm_policy).
///
/// @return a new policy, owned by the caller (release it with tm_policy_free()); NULL only
///         if the library failed internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_policy_new() -> *mut tm_policy {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_policy {
            inner: Policy::default(),
            allow_unsigned_service_group: false,
        })
    })
}

/// Accepts (or, with `false`, refuses again) SHA-1 in digests, signature methods and
/// certificate signatures. SHA-1 collisions are practical: allow it only for legacy data
/// that still needs it (older STORK and PEPPOL SMP records). A result then lists what was
/// used under tm_result_legacy(). Default: `false`.
///
/// @param policy  the policy, borrowed for the call.
/// @param allow   whether to accept SHA-1.
/// @return `TM_OK`; `TM_NULL_POINTER` if `policy` is NULL; `TM_INVALID_ARGUMENT` if it is
///         not a live policy.
///
/// Thread safety: no other thread may use `policy` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_policy_set_allow_sha1(
    policy: *mut tm_policy,
    allow: bool,
) -> tm_status {
    // SAFETY: `set` validates `policy` before use; the caller gives exclusive use of it.
    unsafe { set(policy, "tm_policy_set_allow_sha1", |p| p.allow_sha1 = allow) }
}

/// Sets the smallest RSA modulus, in bits, accepted for the signing key (smaller keys fail
/// with `TM_CRYPTO_WEAK_KEY`). Default: 2048, as NIST SP 800-131A requires; lower it only
/// for legacy test data.
///
/// @param policy  the policy, borrowed for the call.
/// @param bits    the smallest accepted modulus size.
/// @return `TM_OK`; `TM_NULL_POINTER` if `policy` is NULL; `TM_INVALID_ARGUMENT` if it is
///         not a live policy.
///
/// Thread safety: no other thread may use `policy` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_policy_set_min_rsa_bits(
    policy: *mut tm_policy,
    bits: u32,
) -> tm_status {
    // SAFETY: `set` validates `policy` before use; the caller gives exclusive use of it.
    unsafe {
        set(policy, "tm_policy_set_min_rsa_bits", |p| {
            p.min_rsa_bits = bits;
        })
    }
}

/// Accepts (or, with `false`, refuses again) an unsigned SMP ServiceGroup in
/// tm_verify_service_group(). An unsigned group proves nothing about who published it;
/// most SMPs do not sign them, so callers that only list a participant's document types
/// may allow it. Default: `false`.
///
/// @param policy  the policy, borrowed for the call.
/// @param allow   whether to accept an unsigned ServiceGroup.
/// @return `TM_OK`; `TM_NULL_POINTER` if `policy` is NULL; `TM_INVALID_ARGUMENT` if it is
///         not a live policy.
///
/// Thread safety: no other thread may use `policy` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_policy_set_allow_unsigned_service_group(
    policy: *mut tm_policy,
    allow: bool,
) -> tm_status {
    const F: &str = "tm_policy_set_allow_unsigned_service_group";
    guard::quietly(tm_status::TM_INTERNAL_PANIC, || {
        // SAFETY: `get_mut` checks that `policy` is a live tm_policy before dereferencing;
        // exclusivity is the caller's contract.
        match unsafe { handle::get_mut(policy, F, "policy") } {
            Ok(p) => {
                p.allow_unsigned_service_group = allow;
                tm_status::TM_OK
            }
            Err(failure) => failure.status,
        }
    })
}

/// # Safety
/// `policy` is NULL, not a handle, or a live policy nobody else uses during the call.
unsafe fn set(policy: *mut tm_policy, func: &str, f: impl FnOnce(&mut Policy)) -> tm_status {
    guard::quietly(tm_status::TM_INTERNAL_PANIC, || {
        // SAFETY: `get_mut` checks that `policy` is a live tm_policy before dereferencing;
        // exclusivity is the caller's contract.
        match unsafe { handle::get_mut(policy, func, "policy") } {
            Ok(p) => {
                f(&mut p.inner);
                tm_status::TM_OK
            }
            Err(failure) => failure.status,
        }
    })
}

/// Releases a policy. Results of earlier verifications stay valid.
///
/// @param policy  the policy, owned by the caller and released by this call; NULL is
///                allowed and ignored, and so is a pointer that is not a live policy.
///
/// Thread safety: no other thread may use `policy` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_policy_free(policy: *mut tm_policy) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered policy; the caller gives it up.
        unsafe { handle::free(policy) };
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters() {
        // SAFETY: `p` is live until freed; NULL is refused before any read.
        unsafe {
            let p = tm_policy_new();
            assert_eq!(tm_policy_set_allow_sha1(p, true), tm_status::TM_OK);
            assert_eq!(tm_policy_set_min_rsa_bits(p, 1024), tm_status::TM_OK);
            let inner = &handle::peek(p).unwrap().inner;
            assert!(inner.allow_sha1);
            assert_eq!(inner.min_rsa_bits, 1024);
            assert_eq!(
                tm_policy_set_allow_sha1(ptr::null_mut(), true),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_policy_set_min_rsa_bits(ptr::NonNull::dangling().as_ptr(), 1),
                tm_status::TM_INVALID_ARGUMENT
            );
            tm_policy_free(p);
            tm_policy_free(ptr::null_mut());
        }
    }
}
