//! Signatures inside an SMP record's `Extension` elements (the eHealth owner signature):
//! `tm_verify_smp_extension_signatures()` and its `tm_smp_extension_signatures`. Each
//! signature's report is a `tm_result` the list owns, as tm_smp_result_report().

use std::ffi::{c_char, CString};
use std::ptr;

use crate::error::tm_error;
use crate::guard;
use crate::handle::{self, Handle, Kind};
use crate::policy::tm_policy;
use crate::result::{c_string, tm_result};
use crate::smp::{now_arg, policy_arg};
use crate::status::tm_status;
use crate::store::tm_trust_store;

/// The verified signatures inside an SMP record's `Extension` elements, in document
/// order. Returned by tm_verify_smp_extension_signatures().
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL or 0. Strings and reports are owned by the list and valid until
/// tm_smp_extension_signatures_free(). Indexes count from 0.
///
/// Thread safety: a list is immutable; it may be read from any number of threads at once,
/// and freed once no thread reads it any more.
pub struct tm_smp_extension_signatures {
    /// (covered element, report) of each signature; the reports are registered as live
    /// tm_results owned by this list.
    signatures: Vec<(CString, *mut tm_result)>,
}

// SAFETY: each report is an owned, immutable tm_result (itself Send + Sync), reached only
// through shared references and freed only by tm_smp_extension_signatures_free().
unsafe impl Send for tm_smp_extension_signatures {}
// SAFETY: as above: nothing is mutated through a shared reference.
unsafe impl Sync for tm_smp_extension_signatures {}

impl Handle for tm_smp_extension_signatures {
    const KIND: Kind = Kind::SmpExtensions;
    const C_NAME: &'static str = "tm_smp_extension_signatures";
}

impl Drop for tm_smp_extension_signatures {
    fn drop(&mut self) {
        for (_, report) in &self.signatures {
            // SAFETY: each report was registered by tm_verify_smp_extension_signatures()
            // and is owned by this list; `free` ignores one a caller already released.
            unsafe { handle::free(*report) };
        }
    }
}

/// Verifies the signatures inside `Extension` elements of an SMP record — the eHealth
/// owner signature — each over the element that contains its `Extension` (the
/// `ServiceInformation` the owner signed standalone before the SMP embedded it).
/// tm_verify_smp() counts these signatures (tm_smp_result_other_signatures()) but does
/// not verify them; call this when the owner's signature matters, with the owners'
/// anchors in `store`. Every extension signature must verify; the record's own signature
/// is not checked here (use tm_verify_smp() for it).
///
/// ```c
/// tm_smp_extension_signatures *sigs = NULL;
/// if (tm_verify_smp_extension_signatures(xml, xml_len, owner_store, NULL, TM_NOW, &sigs,
///                                        &err) == TM_OK) {
///     for (size_t i = 0; i < tm_smp_extension_signatures_count(sigs); i++)
///         printf("%s signed by %s\n", tm_smp_extension_signatures_covered_element(sigs, i),
///                tm_result_signer_subject(tm_smp_extension_signatures_report(sigs, i)));
///     tm_smp_extension_signatures_free(sigs);
/// }
/// ```
///
/// @param xml       the SMP record, borrowed for the call.
/// @param xml_len   the number of bytes at `xml`.
/// @param store     the owners' anchors, borrowed for the call.
/// @param policy    the policy, borrowed for the call; NULL means the defaults.
/// @param now_unix  the verification time in seconds since 1970, or `TM_NOW`.
/// @param out       where to store the list on success; set to NULL on failure. Owned by
///                  the caller: release it with tm_smp_extension_signatures_free().
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if every extension signature verified;
///         `TM_DSIG_MISSING_SIGNATURE` if there is none;
///         `TM_SMP_SIGNATURE_PROFILE` for a signature outside an `Extension` or one that
///         does not cover exactly the element containing its `Extension`;
///         a `TM_XML_*`, `TM_DSIG_*`, `TM_CRYPTO_*` or `TM_PKI_*` status as tm_verify()
///         for a signature that does not verify;
///         `TM_NULL_POINTER` if `xml`, `store` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live.
///
/// Thread safety: reentrant, as tm_verify().
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_extension_signatures(
    xml: *const u8,
    xml_len: usize,
    store: *const tm_trust_store,
    policy: *const tm_policy,
    now_unix: i64,
    out: *mut *mut tm_smp_extension_signatures,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_verify_smp_extension_signatures";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: the helpers validate each pointer before use; the caller keeps the bytes
        // readable and `store`/`policy` unchanged during the call.
        let (xml, store, policy) = unsafe {
            (
                guard::bytes(xml, xml_len, F, "xml")?,
                handle::get(store, F, "store")?,
                policy_arg(policy, F)?,
            )
        };
        let now = now_arg(now_unix, F)?;
        let sigs = trustmeta::verify_smp_extension_signatures(xml, &store.inner, &policy, now)?;
        let list = tm_smp_extension_signatures {
            signatures: sigs
                .iter()
                .map(|s| {
                    (
                        c_string(&s.covered_element),
                        handle::into_raw(tm_result::from_report(&s.report, Vec::new())),
                    )
                })
                .collect(),
        };
        let result = handle::into_raw(list);
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Reads a field of a live list; the fallback otherwise.
fn read<R>(
    list: *const tm_smp_extension_signatures,
    fallback: R,
    f: impl FnOnce(&tm_smp_extension_signatures) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered list; lists are immutable and the
        // caller does not free it during the call.
        unsafe { handle::peek(list) }.and_then(f)
    })
    .unwrap_or(fallback)
}

/// Returns the number of extension signatures that verified.
///
/// @param list  a list, borrowed for the call.
/// @return the count; 0 if `list` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `list`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_extension_signatures_count(
    list: *const tm_smp_extension_signatures,
) -> usize {
    read(list, 0, |l| Some(l.signatures.len()))
}

/// Returns the local name of the element signature `index` covers: the parent of its
/// `Extension` (`ServiceInformation` in SMP 1.0).
///
/// @param list   a list, borrowed for the call.
/// @param index  the signature, from 0.
/// @return a string owned by `list`; NULL if `index` is out of range or `list` is NULL or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `list`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_extension_signatures_covered_element(
    list: *const tm_smp_extension_signatures,
    index: usize,
) -> *const c_char {
    read(list, ptr::null(), |l| {
        l.signatures.get(index).map(|(e, _)| e.as_ptr())
    })
}

/// Returns the report of signature `index` as a tm_result (signer, algorithms, chain,
/// tm_result_verified_at()); its tm_result_signed_xml_count() is 0.
///
/// @param list   a list, borrowed for the call.
/// @param index  the signature, from 0.
/// @return a tm_result owned by `list` and valid until tm_smp_extension_signatures_free():
///         do not free it; NULL if `index` is out of range or `list` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `list`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_extension_signatures_report(
    list: *const tm_smp_extension_signatures,
    index: usize,
) -> *const tm_result {
    read(list, ptr::null(), |l| {
        l.signatures.get(index).map(|(_, r)| r.cast_const())
    })
}

/// Releases a list, its reports and everything they own.
///
/// @param list  a list, owned by the caller and released by this call; NULL is allowed
///              and ignored, and so is a pointer that is not a live list.
///
/// Thread safety: no other thread may use `list` (or its reports) during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_extension_signatures_free(list: *mut tm_smp_extension_signatures) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered list; the caller gives it up.
        unsafe { handle::free(list) };
    });
}
