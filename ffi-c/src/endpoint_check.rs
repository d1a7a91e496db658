//! Endpoint certificates against access-point anchors: `tm_smp_result_check_endpoints()`
//! and its `tm_endpoint_checks`.

use std::ffi::{c_char, CString};
use std::ptr;

use crate::error::tm_error;
use crate::guard;
use crate::handle::{self, Handle, Kind};
use crate::policy::tm_policy;
use crate::result::c_string;
use crate::smp::{now_arg, policy_arg, tm_smp_result};
use crate::status::tm_status;
use crate::store::tm_trust_store;

/// The outcome of checking each active endpoint's certificate of a tm_smp_result against
/// access-point anchors, one entry per endpoint, with the same indexes as
/// tm_smp_result_endpoint_uri() and the other endpoint accessors. Returned by
/// tm_smp_result_check_endpoints().
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// false, NULL, 0 or `TM_INVALID_ARGUMENT`. Strings are owned by the checks and valid
/// until tm_endpoint_checks_free().
///
/// Thread safety: immutable; any number of threads may read it at once.
pub struct tm_endpoint_checks {
    /// `None` when the certificate is trusted, else (status, code, message).
    checks: Vec<Option<(tm_status, CString, CString)>>,
}

impl Handle for tm_endpoint_checks {
    const KIND: Kind = Kind::EndpointChecks;
    const C_NAME: &'static str = "tm_endpoint_checks";
}

/// Checks the certificate each active endpoint of `result` publishes against the
/// access-point anchors in `ap_store` (e.g. the PEPPOL AP CA) at `now_unix`: a path to an
/// anchor, validity, key usage. The record's signature says the SMP published this
/// certificate; this check says the certificate belongs to the network, which a sender
/// needs before encrypting to it. An endpoint that publishes no certificate, or one that
/// does not parse, is not trusted (`TM_PKI_BAD_CERTIFICATE`).
///
/// ```c
/// tm_endpoint_checks *checks = NULL;
/// if (tm_smp_result_check_endpoints(rec, ap_store, NULL, TM_NOW, &checks, &err) == TM_OK) {
///     for (size_t i = 0; i < tm_endpoint_checks_count(checks); i++)
///         if (!tm_endpoint_checks_certificate_trusted(checks, i))
///             printf("%s: %s\n", tm_smp_result_endpoint_uri(rec, i),
///                    tm_endpoint_checks_error_code(checks, i));
///     tm_endpoint_checks_free(checks);
/// }
/// ```
///
/// @param result    an SMP result from tm_verify_smp(), borrowed for the call.
/// @param ap_store  the access-point anchors (and intermediates), borrowed for the call.
/// @param policy    the policy, borrowed for the call; NULL means the defaults.
/// @param now_unix  the check time in seconds since 1970, or `TM_NOW`.
/// @param out       where to store the checks on success; set to NULL on failure. Owned
///                  by the caller: release them with tm_endpoint_checks_free().
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` when every endpoint was checked (whether or not its certificate is
///         trusted: see tm_endpoint_checks_certificate_trusted());
///         `TM_NULL_POINTER` if `result`, `ap_store` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live.
///
/// Thread safety: reentrant; threads may share `result`, `ap_store` and `policy` as long
/// as no thread changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_check_endpoints(
    result: *const tm_smp_result,
    ap_store: *const tm_trust_store,
    policy: *const tm_policy,
    now_unix: i64,
    out: *mut *mut tm_endpoint_checks,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_result_check_endpoints";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: `get` refuses a pointer that is not a live handle of the right kind; the
        // caller keeps them unchanged during the call.
        let (result, store, policy) = unsafe {
            (
                handle::get(result, F, "result")?,
                handle::get(ap_store, F, "ap_store")?,
                policy_arg(policy, F)?,
            )
        };
        let now = now_arg(now_unix, F)?;
        let checks = trustmeta::check_endpoint_certificates(
            result.core_endpoints(),
            &store.inner,
            &policy,
            now,
        );
        let list = tm_endpoint_checks {
            checks: checks
                .into_iter()
                .map(|c| {
                    c.result.err().map(|e| {
                        let e = trustmeta::Error::from(e);
                        (
                            tm_status::from_code(e.code()),
                            c_string(e.code().as_str()),
                            c_string(&e.to_string()),
                        )
                    })
                })
                .collect(),
        };
        let list = handle::into_raw(list);
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(list) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Reads a field of live checks; the fallback otherwise.
fn read<R>(
    checks: *const tm_endpoint_checks,
    fallback: R,
    f: impl FnOnce(&tm_endpoint_checks) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences registered checks; they are immutable and the
        // caller does not free them during the call.
        unsafe { handle::peek(checks) }.and_then(f)
    })
    .unwrap_or(fallback)
}

/// Returns the number of endpoints checked (tm_smp_result_endpoint_count()).
///
/// @param checks  the checks, borrowed for the call.
/// @return the count; 0 if `checks` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `checks`.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_checks_count(checks: *const tm_endpoint_checks) -> usize {
    read(checks, 0, |c| Some(c.checks.len()))
}

/// Returns whether endpoint `index`'s certificate has a valid path to an access-point
/// anchor.
///
/// @param checks  the checks, borrowed for the call.
/// @param index   the endpoint, from 0.
/// @return true if trusted; false if not, or if `index` is out of range or `checks` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `checks`.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_checks_certificate_trusted(
    checks: *const tm_endpoint_checks,
    index: usize,
) -> bool {
    read(checks, false, |c| c.checks.get(index).map(Option::is_none))
}

/// Returns the status saying why endpoint `index`'s certificate is not trusted (a
/// `TM_PKI_*` status), or `TM_OK` if it is.
///
/// @param checks  the checks, borrowed for the call.
/// @param index   the endpoint, from 0.
/// @return the status; `TM_INVALID_ARGUMENT` if `index` is out of range or `checks` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `checks`.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_checks_status(
    checks: *const tm_endpoint_checks,
    index: usize,
) -> tm_status {
    read(checks, tm_status::TM_INVALID_ARGUMENT, |c| {
        c.checks
            .get(index)
            .map(|e| e.as_ref().map_or(tm_status::TM_OK, |(s, _, _)| *s))
    })
}

/// Returns the error code (e.g. `"pki.untrusted_signer"`) saying why endpoint `index`'s
/// certificate is not trusted.
///
/// @param checks  the checks, borrowed for the call.
/// @param index   the endpoint, from 0.
/// @return a string owned by `checks`; NULL if the certificate is trusted, `index` is out
///         of range, or `checks` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `checks`.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_checks_error_code(
    checks: *const tm_endpoint_checks,
    index: usize,
) -> *const c_char {
    read(checks, ptr::null(), |c| {
        c.checks
            .get(index)?
            .as_ref()
            .map(|(_, code, _)| code.as_ptr())
    })
}

/// Returns a sentence saying why endpoint `index`'s certificate is not trusted.
///
/// @param checks  the checks, borrowed for the call.
/// @param index   the endpoint, from 0.
/// @return a string owned by `checks`; NULL if the certificate is trusted, `index` is out
///         of range, or `checks` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `checks`.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_checks_error_message(
    checks: *const tm_endpoint_checks,
    index: usize,
) -> *const c_char {
    read(checks, ptr::null(), |c| {
        c.checks.get(index)?.as_ref().map(|(_, _, m)| m.as_ptr())
    })
}

/// Releases endpoint checks.
///
/// @param checks  the checks, owned by the caller and released by this call; NULL is
///                allowed and ignored, and so is a pointer that is not live checks.
///
/// Thread safety: no other thread may use `checks` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_checks_free(checks: *mut tm_endpoint_checks) {
    guard::quietly((), || {
        // SAFETY: `free` only releases registered checks; the caller gives them up.
        unsafe { handle::free(checks) };
    });
}
