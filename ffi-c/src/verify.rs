//! `tm_verify()` and the time helpers around it. The core never reads a clock; this
//! binding does, when the caller passes `TM_NOW`.

use std::ffi::{c_char, CStr};
use std::time::{SystemTime, UNIX_EPOCH};

use trustmeta::{DateTime, Policy};

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle;
use crate::policy::tm_policy;
use crate::result::tm_result;
use crate::status::tm_status;
use crate::store::tm_trust_store;

/// Pass as `now_unix` to tm_verify() to verify at the system clock's current time.
/// tm_result_verified_at() then reports the time that was used.
pub const TM_NOW: i64 = i64::MIN;

/// ==== Verification ======================================================================
///
/// Verifies the one XML signature in `xml` against `store` at time `now_unix`, and on
/// success returns what was verified.
///
/// The document must hold exactly one `ds:Signature`. Every Reference must be
/// same-document (`URI=""` or `#id`) and its digest must match; the SignatureValue must
/// verify under a key the store trusts, directly (pinned) or through a certificate path
/// valid at `now_unix`; algorithms, key sizes and XML limits must satisfy `policy`. The
/// result exposes only what the signature covers.
///
/// ```c
/// tm_result *res = NULL;
/// tm_error *err = NULL;
/// if (tm_verify(xml, xml_len, store, NULL, TM_NOW, &res, &err) == TM_OK) {
///     printf("signed by %s\n", tm_result_signer_subject(res));
///     tm_result_free(res);
/// } else {
///     printf("rejected: %s: %s\n", tm_error_code(err), tm_error_message(err));
///     tm_error_free(err);
/// }
/// ```
///
/// @param xml       the document, borrowed for the call (the result keeps copies of what
///                  it needs, so `xml` may be freed right after).
/// @param xml_len   the number of bytes at `xml`.
/// @param store     the trust anchors, borrowed for the call.
/// @param policy    the policy, borrowed for the call; NULL means the defaults of
///                  tm_policy_new().
/// @param now_unix  the verification time in seconds since 1970-01-01T00:00:00Z (see
///                  tm_parse_rfc3339()), or `TM_NOW` for the system clock.
/// @param out       where to store the result on success; set to NULL on failure. The
///                  result is owned by the caller: release it with tm_result_free().
/// @param err       NULL, or where to put a new tm_error on failure (see tm_error).
/// @return `TM_OK` if the signature verified;
///         a `TM_XML_*` status if the document is not well-formed or hits a limit;
///         a `TM_DSIG_*` status if the signature structure is refused or the document
///         changed after signing (`TM_DSIG_DIGEST_MISMATCH`);
///         a `TM_CRYPTO_*` status if the signature value is wrong (`TM_CRYPTO_BAD_SIGNATURE`)
///         or the key refused;
///         a `TM_PKI_*` status if the signer is not trusted (`TM_PKI_UNTRUSTED_SIGNER`) or a
///         certificate is expired, not yet valid or unusable;
///         `TM_NULL_POINTER` if `xml`, `store` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live, or the system clock reads before
///         1970 with `TM_NOW`.
///
/// Thread safety: reentrant. Any number of threads may verify at the same time, sharing
/// `store` and `policy`, as long as no thread changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify(
    xml: *const u8,
    xml_len: usize,
    store: *const tm_trust_store,
    policy: *const tm_policy,
    now_unix: i64,
    out: *mut *mut tm_result,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_verify";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: the helpers validate each pointer before use; the caller keeps
        // `xml_len` bytes at `xml` readable and `store`/`policy` unchanged during the call.
        let (xml, store) = unsafe {
            (
                guard::bytes(xml, xml_len, F, "xml")?,
                handle::get(store, F, "store")?,
            )
        };
        let default_policy;
        let policy = if policy.is_null() {
            default_policy = Policy::default();
            &default_policy
        } else {
            // SAFETY: as above; `get` refuses a pointer that is not a live policy.
            &unsafe { handle::get(policy, F, "policy")? }.inner
        };
        let now = if now_unix == TM_NOW {
            system_now(F)?
        } else {
            DateTime::from_unix(now_unix)
        };
        let doc = trustmeta::verify(xml, &store.inner, policy, now)?;
        let result = handle::into_raw(tm_result::new(&doc));
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

pub(crate) fn system_now(func: &str) -> Result<DateTime, Failure> {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|_| {
        Failure::invalid(
            func,
            "the system clock reads before 1970; pass an explicit time instead of TM_NOW",
        )
    })?;
    let secs = i64::try_from(since_epoch.as_secs())
        .map_err(|_| Failure::invalid(func, "the system clock is out of range"))?;
    Ok(DateTime::from_unix(secs))
}

/// Parses an RFC 3339 timestamp such as `"2026-06-01T00:00:00Z"` or
/// `"2026-06-01T02:00:00+02:00"` into seconds since 1970-01-01T00:00:00Z, for the
/// `now_unix` argument of tm_verify(). The text must carry a zone (`Z` or `+hh:mm`);
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
    use crate::result::*;
    use crate::store::*;
    use std::ptr;

    const PEM: &[u8] = include_bytes!("../../tests/data/sample/signer.pem");
    const XML: &[u8] = include_bytes!("../../tests/data/sample/smp-signed.xml");
    const AT: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z

    fn s(p: *const c_char) -> String {
        assert!(!p.is_null());
        // SAFETY: non-NULL accessor results are NUL-terminated strings.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string()
    }

    #[test]
    #[allow(clippy::too_many_lines)] // one scenario, read top to bottom
    fn verifies_the_sample_and_reports_it() {
        // SAFETY: all pointers are valid, or NULL where the case says so; single thread.
        unsafe {
            let store = tm_trust_store_new();
            assert_eq!(
                tm_trust_store_add_pem(store, PEM.as_ptr(), PEM.len(), ptr::null_mut()),
                tm_status::TM_OK
            );
            let mut res: *mut tm_result = ptr::null_mut();
            let mut err: *mut tm_error = ptr::null_mut();
            assert_eq!(
                tm_verify(
                    XML.as_ptr(),
                    XML.len(),
                    store,
                    ptr::null(),
                    AT,
                    &mut res,
                    &mut err
                ),
                tm_status::TM_OK
            );
            assert!(err.is_null());
            assert_eq!(
                s(tm_result_signer_sha256(res)),
                "85e088499eec152f4f51c86109fd83ca77b39dc1288d53dcd7b297995efb6797"
            );
            assert!(s(tm_result_signer_subject(res)).contains("trustmeta test signer RSA-2048"));
            assert_eq!(s(tm_result_signer_key(res)), "RSA-2048");
            assert!(tm_result_pinned(res));
            assert_eq!(tm_result_verified_at(res), AT);
            assert_eq!(tm_result_reference_count(res), 1);
            assert_eq!(
                s(tm_result_reference_element(res, 0)),
                "SignedServiceMetadata"
            );
            assert!(tm_result_reference_uri(res, 1).is_null());
            let mut len = 7usize;
            let xml = tm_result_signed_xml(res, 0, &mut len);
            let canon = std::slice::from_raw_parts(xml, len);
            assert!(canon.starts_with(b"<SignedServiceMetadata"));
            assert_eq!(*xml.add(len), 0, "NUL after the bytes");
            tm_result_free(res);

            // Tampered: the digest no longer matches.
            let tampered = String::from_utf8(XML.to_vec())
                .unwrap()
                .replace("ap.example.org", "ap.evil.example");
            let mut res = ptr::NonNull::dangling().as_ptr();
            let st = tm_verify(
                tampered.as_ptr(),
                tampered.len(),
                store,
                ptr::null(),
                AT,
                &mut res,
                &mut err,
            );
            assert_eq!(st, tm_status::TM_DSIG_DIGEST_MISMATCH);
            assert!(res.is_null(), "out is NULL on failure");
            assert_eq!(s(crate::error::tm_error_code(err)), "dsig.digest_mismatch");
            crate::error::tm_error_free(err);

            // The system clock: the sample's certificate is valid 2025..2045.
            assert_eq!(
                tm_verify(
                    XML.as_ptr(),
                    XML.len(),
                    store,
                    ptr::null(),
                    TM_NOW,
                    &mut res,
                    ptr::null_mut()
                ),
                tm_status::TM_OK
            );
            assert!(tm_result_verified_at(res) > AT - 365 * 86_400);
            tm_result_free(res);

            assert_eq!(
                tm_verify(
                    ptr::null(),
                    0,
                    store,
                    ptr::null(),
                    AT,
                    &mut res,
                    ptr::null_mut()
                ),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_verify(
                    XML.as_ptr(),
                    XML.len(),
                    ptr::null(),
                    ptr::null(),
                    AT,
                    &mut res,
                    ptr::null_mut()
                ),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_verify(
                    XML.as_ptr(),
                    XML.len(),
                    store,
                    ptr::null(),
                    AT,
                    ptr::null_mut(),
                    ptr::null_mut()
                ),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_verify(
                    XML.as_ptr(),
                    XML.len(),
                    store,
                    store.cast(),
                    AT,
                    &mut res,
                    ptr::null_mut()
                ),
                tm_status::TM_INVALID_ARGUMENT,
                "a store is not a policy"
            );
            tm_trust_store_free(store);
        }
    }

    #[test]
    fn parses_rfc3339() {
        let mut t = 0i64;
        let mut err: *mut tm_error = ptr::null_mut();
        // SAFETY: valid C strings and out-parameters, or NULL where the case says so.
        unsafe {
            assert_eq!(
                tm_parse_rfc3339(c"2026-06-01T02:00:00.9+02:00".as_ptr(), &mut t, &mut err),
                tm_status::TM_OK
            );
            assert_eq!(t, AT);
            assert_eq!(
                tm_parse_rfc3339(c"2026-06-01T00:00:00".as_ptr(), &mut t, &mut err),
                tm_status::TM_TIME_BAD_VALUE
            );
            assert_eq!(s(crate::error::tm_error_code(err)), "time.bad_value");
            crate::error::tm_error_free(err);
            assert_eq!(
                tm_parse_rfc3339(c"\xff".as_ptr(), &mut t, ptr::null_mut()),
                tm_status::TM_TIME_BAD_VALUE
            );
            assert_eq!(
                tm_parse_rfc3339(ptr::null(), &mut t, ptr::null_mut()),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_parse_rfc3339(
                    c"2026-06-01T00:00:00Z".as_ptr(),
                    ptr::null_mut(),
                    ptr::null_mut()
                ),
                tm_status::TM_NULL_POINTER
            );
        }
        assert_eq!(t, AT, "unchanged on failure");
    }
}
