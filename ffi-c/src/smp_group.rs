//! SMP ServiceGroup: `tm_verify_service_group()` and its `tm_smp_group`. The group's
//! content is copied into C strings the result owns; the signature report, when the group
//! was signed, is a `tm_result` the group result owns.

use std::ffi::{c_char, CString};
use std::ptr;

use trustmeta::{ParticipantId, VerifiedServiceGroup};

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::policy::tm_policy;
use crate::result::{c_string, tm_result};
use crate::smp::{now_arg, policy_arg, text_arg};
use crate::status::tm_status;
use crate::store::tm_trust_store;

/// A verified SMP ServiceGroup: the participant and the list of its document types (the
/// references to its ServiceMetadata records). Returned by tm_verify_service_group().
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL or 0. Strings are NUL-terminated UTF-8 owned by the result and valid until
/// tm_smp_group_free(). Indexes count from 0.
///
/// Thread safety: a result is immutable; it may be read from any number of threads at
/// once, and freed once no thread reads it any more.
pub struct tm_smp_group {
    version: CString,
    participant: CString,
    /// (document identifier, href) of each reference.
    references: Vec<(Option<CString>, Option<CString>)>,
    other_signatures: usize,
    /// The signature's report, registered as a live tm_result owned by this result; NULL
    /// for an unsigned group accepted by the policy.
    report: *mut tm_result,
}

// SAFETY: `report` is NULL or an owned, immutable tm_result (itself Send + Sync), reached
// only through shared references and freed only by tm_smp_group_free(); every other field
// is plain owned data.
unsafe impl Send for tm_smp_group {}
// SAFETY: as above: nothing is mutated through a shared reference.
unsafe impl Sync for tm_smp_group {}

impl Handle for tm_smp_group {
    const KIND: Kind = Kind::SmpGroup;
    const C_NAME: &'static str = "tm_smp_group";
}

impl tm_smp_group {
    fn new(g: &VerifiedServiceGroup) -> Self {
        tm_smp_group {
            version: c_string(g.version().name()),
            participant: c_string(&g.participant().to_string()),
            references: g
                .references()
                .iter()
                .map(|r| {
                    (
                        r.document.as_ref().map(|d| c_string(&d.to_string())),
                        r.href.as_deref().map(c_string),
                    )
                })
                .collect(),
            other_signatures: g.other_signatures(),
            report: g.report().map_or(ptr::null_mut(), |r| {
                handle::into_raw(tm_result::from_report(r, Vec::new()))
            }),
        }
    }
}

impl Drop for tm_smp_group {
    fn drop(&mut self) {
        if !self.report.is_null() {
            // SAFETY: `report` was registered by `new` and is owned by this result; `free`
            // ignores it if a caller already released it.
            unsafe { handle::free(self.report) };
        }
    }
}

/// Verifies an SMP ServiceGroup (OASIS SMP 1.0 or 2.0, PEPPOL busdox) for `participant`
/// against `store` at `now_unix`: the list of the participant's document types.
///
/// ServiceGroups are usually unsigned; an unsigned group is accepted only when the policy
/// allows it (tm_policy_set_allow_unsigned_service_group()) — it then proves nothing about
/// who published it, and tm_smp_group_report() is NULL. A signed group must pass the same
/// signature profile as a ServiceMetadata record (tm_verify_smp()).
///
/// ```c
/// tm_policy *policy = tm_policy_new();
/// tm_policy_set_allow_unsigned_service_group(policy, true);
/// tm_smp_group *group = NULL;
/// if (tm_verify_service_group(xml, xml_len, store, policy, "iso6523-actorid-upis::0088:123",
///                             TM_NOW, &group, &err) == TM_OK) {
///     for (size_t i = 0; i < tm_smp_group_reference_count(group); i++)
///         puts(tm_smp_group_reference_document(group, i));
///     tm_smp_group_free(group);
/// }
/// ```
///
/// @param xml          the ServiceGroup as fetched, borrowed for the call.
/// @param xml_len      the number of bytes at `xml`.
/// @param store        the SMP trust anchors, borrowed for the call.
/// @param policy       the policy, borrowed for the call; NULL means the defaults of
///                     tm_policy_new() (which refuse an unsigned group).
/// @param participant  the participant looked up, as `scheme::value`; borrowed.
/// @param now_unix     the verification time in seconds since 1970, or `TM_NOW`.
/// @param out          where to store the result on success; set to NULL on failure.
///                     Owned by the caller: release it with tm_smp_group_free().
/// @param err          NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if the group verified (or is unsigned and the policy allows that);
///         `TM_DSIG_MISSING_SIGNATURE` for an unsigned group by default;
///         `TM_SMP_PARTICIPANT_MISMATCH` for another participant's group;
///         `TM_SMP_BAD_IDENTIFIER` if `participant` is not an identifier;
///         another status as tm_verify_smp();
///         `TM_NULL_POINTER` if `xml`, `store`, `participant` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live or a string is not UTF-8.
///
/// Thread safety: reentrant, as tm_verify_smp().
#[no_mangle]
pub unsafe extern "C" fn tm_verify_service_group(
    xml: *const u8,
    xml_len: usize,
    store: *const tm_trust_store,
    policy: *const tm_policy,
    participant: *const c_char,
    now_unix: i64,
    out: *mut *mut tm_smp_group,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_verify_service_group";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        let policy_ptr = policy;
        // SAFETY: the helpers validate each pointer before use; the caller keeps the bytes
        // and strings readable and `store`/`policy` unchanged during the call.
        let (xml, store, participant, policy) = unsafe {
            (
                guard::bytes(xml, xml_len, F, "xml")?,
                handle::get(store, F, "store")?,
                text_arg(participant, F, "participant")?,
                policy_arg(policy, F)?,
            )
        };
        // SAFETY: as `policy_arg` above.
        let allow_unsigned = !policy_ptr.is_null()
            && unsafe { handle::get(policy_ptr, F, "policy")? }.allow_unsigned_service_group;
        let question = trustmeta::ServiceGroupQuestion {
            allow_unsigned,
            ..trustmeta::ServiceGroupQuestion::new(
                ParticipantId::parse(participant)
                    .map_err(|e| Failure::from(trustmeta::Error::from(e)))?,
            )
        };
        let now = now_arg(now_unix, F)?;
        let group = trustmeta::verify_service_group(xml, &question, &store.inner, &policy, now)?;
        let result = handle::into_raw(tm_smp_group::new(&group));
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Reads a field of a live group result; the fallback otherwise.
fn read<R>(
    group: *const tm_smp_group,
    fallback: R,
    f: impl FnOnce(&tm_smp_group) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered tm_smp_group; results are
        // immutable and the caller does not free it during the call.
        unsafe { handle::peek(group) }.and_then(f)
    })
    .unwrap_or(fallback)
}

fn text(
    group: *const tm_smp_group,
    f: impl FnOnce(&tm_smp_group) -> Option<&CString>,
) -> *const c_char {
    read(group, ptr::null(), |g| f(g).map(|s| s.as_ptr()))
}

/// Returns the specification the group follows: `"peppol-busdox"`, `"oasis-smp-1.0"` or
/// `"oasis-smp-2.0"`.
///
/// @param group  a group result, borrowed for the call.
/// @return a string owned by `group`; NULL if `group` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `group`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_group_version(group: *const tm_smp_group) -> *const c_char {
    text(group, |g| Some(&g.version))
}

/// Returns the participant the group names, as `scheme::value`.
///
/// @param group  a group result, borrowed for the call.
/// @return a string owned by `group`; NULL if `group` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `group`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_group_participant(group: *const tm_smp_group) -> *const c_char {
    text(group, |g| Some(&g.participant))
}

/// Returns the number of references (ServiceMetadataReference / ServiceReference) in the
/// group.
///
/// @param group  a group result, borrowed for the call.
/// @return the count; 0 if `group` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `group`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_group_reference_count(group: *const tm_smp_group) -> usize {
    read(group, 0, |g| Some(g.references.len()))
}

/// Returns the document type of reference `index`, as `scheme::value`: SMP 2.0's `ID`, or
/// decoded from the end of an SMP 1.x href.
///
/// @param group  a group result, borrowed for the call.
/// @param index  the reference, from 0.
/// @return a string owned by `group`; NULL if the href names no document type, `index` is
///         out of range, or `group` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `group`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_group_reference_document(
    group: *const tm_smp_group,
    index: usize,
) -> *const c_char {
    text(group, |g| g.references.get(index)?.0.as_ref())
}

/// Returns the href of reference `index` (SMP 1.x `ServiceMetadataReference href`).
///
/// @param group  a group result, borrowed for the call.
/// @param index  the reference, from 0.
/// @return a string owned by `group`; NULL for SMP 2.0 (no href), `index` out of range, or
///         `group` NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `group`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_group_reference_href(
    group: *const tm_smp_group,
    index: usize,
) -> *const c_char {
    text(group, |g| g.references.get(index)?.1.as_ref())
}

/// Returns the number of signatures below the document element: counted, not verified.
///
/// @param group  a group result, borrowed for the call.
/// @return the count; 0 if `group` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `group`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_group_other_signatures(group: *const tm_smp_group) -> usize {
    read(group, 0, |g| Some(g.other_signatures))
}

/// Returns the signature's report as a tm_result (signer, algorithms, chain,
/// tm_result_verified_at()), as tm_smp_result_report() does.
///
/// @param group  a group result, borrowed for the call.
/// @return a tm_result owned by `group` and valid until tm_smp_group_free(): do not free
///         it; NULL for an unsigned group the policy accepted, or if `group` is NULL or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `group`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_group_report(group: *const tm_smp_group) -> *const tm_result {
    read(group, ptr::null(), |g| {
        (!g.report.is_null()).then_some(g.report.cast_const())
    })
}

/// Releases a group result, its report and everything they own.
///
/// @param group  a group result, owned by the caller and released by this call; NULL is
///               allowed and ignored, and so is a pointer that is not a live group.
///
/// Thread safety: no other thread may use `group` (or its report) during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_group_free(group: *mut tm_smp_group) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered group; the caller gives it up.
        unsafe { handle::free(group) };
    });
}
