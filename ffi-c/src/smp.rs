//! SMP service metadata: `tm_verify_smp()` and its `tm_smp_result`, and `tm_smp_name()`.
//! The record's content is copied out of the core's `VerifiedServiceMetadata` into C
//! strings the result owns; the signature report is a `tm_result` the SMP result owns.

use std::ffi::{c_char, CStr, CString};
use std::ptr;

use trustmeta::{
    bdxl_name, sml_cname, DateTime, DocumentId, Endpoint, EndpointCertificate, IdentifierPolicy,
    ParticipantId, Policy, ProcessId, SmpQuestion, VerifiedServiceMetadata,
};

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::policy::tm_policy;
use crate::result::{c_string, tm_result};
use crate::status::tm_status;
use crate::store::tm_trust_store;
use crate::verify::{system_now, TM_NOW};

/// Returned by tm_smp_result_endpoint_activation() and the other date accessors when the
/// record gives no date (and for an index out of range or a NULL or dead result): INT64_MAX.
pub const TM_NO_DATE: i64 = i64::MAX;

/// A verified SMP ServiceMetadata record that answers the question asked: the endpoints
/// active at the verification time, the endpoints left out for their dates (and why), or
/// a redirect to another SMP. Returned by tm_verify_smp(); only signed content is exposed.
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL, 0 or `TM_NO_DATE`. Strings are NUL-terminated UTF-8 owned by the result and
/// valid until tm_smp_result_free(). Indexes count from 0.
///
/// Thread safety: a result is immutable; it may be read from any number of threads at
/// once, and freed once no thread reads it any more.
pub struct tm_smp_result {
    version: CString,
    participant: Option<CString>,
    document: Option<CString>,
    endpoints: Vec<SmpEndpoint>,
    /// The active endpoints as the core gives them, for tm_smp_result_check_endpoints().
    core_endpoints: Vec<Endpoint>,
    filtered: Vec<(SmpEndpoint, CString, CString)>,
    redirect: Option<SmpRedirect>,
    other_signatures: usize,
    /// The signature's report, registered as a live tm_result owned by this result.
    report: *mut tm_result,
}

// SAFETY: `report` is an owned, immutable tm_result (itself Send + Sync, see lib.rs),
// reached only through shared references and freed only by tm_smp_result_free(); every
// other field is plain owned data.
unsafe impl Send for tm_smp_result {}
// SAFETY: as above: nothing is mutated through a shared reference.
unsafe impl Sync for tm_smp_result {}

struct SmpEndpoint {
    transport_profile: CString,
    uri: CString,
    certificate_sha256: Option<CString>,
    activation: i64,
    expiration: i64,
}

struct SmpRedirect {
    href: CString,
    certificate_uid: Option<CString>,
    certificates: Vec<CString>,
}

impl tm_smp_result {
    /// The active endpoints, for tm_smp_result_check_endpoints().
    pub(crate) fn core_endpoints(&self) -> &[Endpoint] {
        &self.core_endpoints
    }
}

impl Handle for tm_smp_result {
    const KIND: Kind = Kind::SmpResult;
    const C_NAME: &'static str = "tm_smp_result";
}

fn date(t: Option<DateTime>) -> i64 {
    t.map_or(TM_NO_DATE, DateTime::unix_seconds)
}

fn sha256(c: &EndpointCertificate) -> CString {
    c_string(&c.sha256_hex())
}

impl SmpEndpoint {
    fn new(e: &Endpoint) -> Self {
        SmpEndpoint {
            transport_profile: c_string(&e.transport_profile),
            uri: c_string(&e.uri),
            certificate_sha256: e.certificate().map(sha256),
            activation: date(e.activation),
            expiration: date(e.expiration),
        }
    }
}

impl tm_smp_result {
    fn new(v: &VerifiedServiceMetadata) -> Self {
        tm_smp_result {
            version: c_string(v.version().name()),
            participant: v.participant().map(|p| c_string(&p.to_string())),
            document: v.document().map(|d| c_string(&d.to_string())),
            endpoints: v.endpoints().iter().map(SmpEndpoint::new).collect(),
            core_endpoints: v.endpoints().to_vec(),
            filtered: v
                .filtered_endpoints()
                .iter()
                .map(|f| {
                    (
                        SmpEndpoint::new(&f.endpoint),
                        c_string(f.reason.code()),
                        c_string(&f.reason.to_string()),
                    )
                })
                .collect(),
            redirect: v.redirect().map(|r| SmpRedirect {
                href: c_string(&r.href),
                certificate_uid: r.certificate_uid.as_deref().map(c_string),
                certificates: r.certificates.iter().map(sha256).collect(),
            }),
            other_signatures: v.other_signatures(),
            report: handle::into_raw(tm_result::from_report(v.report(), Vec::new())),
        }
    }
}

impl Drop for tm_smp_result {
    fn drop(&mut self) {
        // SAFETY: `report` was registered by `new` and is owned by this result; `free`
        // ignores it if a caller already released it (a misuse the registry absorbs).
        unsafe { handle::free(self.report) };
    }
}

/// A required NUL-terminated UTF-8 string argument.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string unchanged during `'a`.
pub(crate) unsafe fn text_arg<'a>(
    p: *const c_char,
    func: &str,
    arg: &str,
) -> Result<&'a str, Failure> {
    if p.is_null() {
        return Err(Failure::null(func, arg));
    }
    // SAFETY: non-NULL and, by the C contract, NUL-terminated and unchanged for 'a.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| Failure::invalid(func, &format!("`{arg}` is not UTF-8")))
}

/// An optional string argument: NULL is `None`.
///
/// # Safety
/// As [`text_arg`].
unsafe fn optional_text_arg<'a>(
    p: *const c_char,
    func: &str,
    arg: &str,
) -> Result<Option<&'a str>, Failure> {
    if p.is_null() {
        Ok(None)
    } else {
        // SAFETY: as this function's contract.
        unsafe { text_arg(p, func, arg) }.map(Some)
    }
}

/// The policy argument: NULL is the defaults of tm_policy_new().
///
/// # Safety
/// `policy` is NULL or a pointer unchanged during the call.
pub(crate) unsafe fn policy_arg(policy: *const tm_policy, func: &str) -> Result<Policy, Failure> {
    if policy.is_null() {
        Ok(Policy::default())
    } else {
        // SAFETY: as this function's contract; `get` refuses a pointer that is not a live
        // policy.
        Ok(unsafe { handle::get(policy, func, "policy")? }
            .inner
            .clone())
    }
}

/// The question of tm_verify_smp() and tm_verify_smp_redirect().
fn question(
    participant: &str,
    document: &str,
    process: Option<&str>,
    transport_profile: Option<&str>,
) -> Result<SmpQuestion, Failure> {
    let smp = |e: trustmeta::SmpError| Failure::from(trustmeta::Error::from(e));
    Ok(SmpQuestion {
        participant: ParticipantId::parse(participant).map_err(smp)?,
        document: DocumentId::parse(document).map_err(smp)?,
        process: process.map(ProcessId::parse).transpose().map_err(smp)?,
        transport_profile: transport_profile.map(String::from),
        identifiers: trustmeta::IdentifierPolicy::default(),
    })
}

/// `now_unix`, or the system clock for `TM_NOW`.
pub(crate) fn now_arg(now_unix: i64, func: &str) -> Result<DateTime, Failure> {
    if now_unix == TM_NOW {
        system_now(func)
    } else {
        Ok(DateTime::from_unix(now_unix))
    }
}

/// ==== SMP service metadata ==============================================================
///
/// Verifies a signed SMP ServiceMetadata record (OASIS SMP 1.0 or 2.0, the BDXR 2014/07
/// draft or PEPPOL busdox) against `store` at `now_unix`, and checks that it answers the
/// question asked: the participant and document type (and process and transport profile,
/// when given) the caller looked up.
///
/// Only the `ds:Signature` that is a direct child of the document element counts: it must
/// be the last child, with one `Reference URI=""`, the enveloped transform and at most one
/// canonicalization. Signatures elsewhere (an eHealth owner signature inside an
/// `Extension`) are counted (tm_smp_result_other_signatures()), not verified. A record
/// for another participant or document is a replay and is rejected. Participant values
/// compare case-insensitively, document and process identifiers case-sensitively (PEPPOL
/// identifier policy). Endpoints outside their activation/expiration window at `now_unix`
/// are left out and reported (tm_smp_result_filtered_count()). A redirect is returned,
/// not followed: fetch its href and verify the answer yourself, checking that its signer
/// is the one tm_smp_result_redirect_certificate_uid() names.
///
/// ```c
/// tm_smp_result *rec = NULL;
/// tm_error *err = NULL;
/// if (tm_verify_smp(xml, xml_len, store, policy, "iso6523-actorid-upis::0088:123",
///                   "busdox-docid-qns::urn:...::2.1", NULL, "peppol-transport-as4-v2_0",
///                   TM_NOW, &rec, &err) == TM_OK) {
///     for (size_t i = 0; i < tm_smp_result_endpoint_count(rec); i++)
///         printf("%s\n", tm_smp_result_endpoint_uri(rec, i));
///     tm_smp_result_free(rec);
/// } else {
///     printf("rejected: %s: %s\n", tm_error_code(err), tm_error_message(err));
///     tm_error_free(err);
/// }
/// ```
///
/// @param xml                the record as fetched, borrowed for the call.
/// @param xml_len            the number of bytes at `xml`.
/// @param store              the SMP trust anchors (keep them apart from TLS anchors),
///                           borrowed for the call.
/// @param policy             the policy, borrowed for the call; NULL means the defaults of
///                           tm_policy_new(). Real PEPPOL records still need
///                           tm_policy_set_allow_sha1().
/// @param participant        the participant looked up, as `scheme::value`
///                           (e.g. `"iso6523-actorid-upis::0088:123"`); a NUL-terminated
///                           UTF-8 string borrowed for the call.
/// @param document           the document type looked up, as `scheme::value`; borrowed.
/// @param process            the process the caller needs, as `scheme::value`, or NULL
///                           for any; borrowed.
/// @param transport_profile  the transport profile the caller speaks (e.g.
///                           `"peppol-transport-as4-v2_0"`), or NULL for any; borrowed.
/// @param now_unix           the verification time in seconds since 1970 (see
///                           tm_parse_rfc3339()), or `TM_NOW` for the system clock.
/// @param out                where to store the result on success; set to NULL on failure.
///                           Owned by the caller: release it with tm_smp_result_free().
/// @param err                NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if the record verified and answers the question;
///         `TM_SMP_BAD_IDENTIFIER` if `participant`, `document` or `process` is not an
///         identifier;
///         `TM_SMP_PARTICIPANT_MISMATCH` or `TM_SMP_DOCUMENT_MISMATCH` if the record is
///         for another participant or document (a replay);
///         `TM_SMP_PROCESS_MISMATCH` or `TM_SMP_TRANSPORT_PROFILE_NOT_FOUND` if it lists
///         neither the process nor the transport profile asked for;
///         `TM_SMP_NO_ACTIVE_ENDPOINT` if every matching endpoint is outside its dates;
///         another `TM_SMP_*` status if the document is not SMP or its signature is not
///         the SMP profile's;
///         a `TM_XML_*`, `TM_DSIG_*`, `TM_CRYPTO_*` or `TM_PKI_*` status as tm_verify();
///         `TM_NULL_POINTER` if `xml`, `store`, `participant`, `document` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live, a string is not UTF-8, or the
///         system clock reads before 1970 with `TM_NOW`.
///
/// Thread safety: reentrant, like tm_verify(): threads may share `store` and `policy` as
/// long as no thread changes or frees them meanwhile.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // the C signature: the question is four strings
pub unsafe extern "C" fn tm_verify_smp(
    xml: *const u8,
    xml_len: usize,
    store: *const tm_trust_store,
    policy: *const tm_policy,
    participant: *const c_char,
    document: *const c_char,
    process: *const c_char,
    transport_profile: *const c_char,
    now_unix: i64,
    out: *mut *mut tm_smp_result,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_verify_smp";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: the helpers validate each pointer before use; the caller keeps the bytes
        // and strings readable and `store`/`policy` unchanged during the call.
        let (xml, store, participant, document, process, transport_profile) = unsafe {
            (
                guard::bytes(xml, xml_len, F, "xml")?,
                handle::get(store, F, "store")?,
                text_arg(participant, F, "participant")?,
                text_arg(document, F, "document")?,
                optional_text_arg(process, F, "process")?,
                optional_text_arg(transport_profile, F, "transport_profile")?,
            )
        };
        // SAFETY: `policy` is NULL or, by the C contract, unchanged during the call.
        let policy = unsafe { policy_arg(policy, F) }?;
        let question = question(participant, document, process, transport_profile)?;
        let now = now_arg(now_unix, F)?;
        let record = trustmeta::verify_smp(xml, &question, &store.inner, &policy, now)?;
        let result = handle::into_raw(tm_smp_result::new(&record));
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Follows a redirect the caller fetched: verifies the redirecting record `first_xml` as
/// tm_verify_smp() does (it must give a redirect), then verifies the record fetched from
/// its href, `target_xml`, for the same question, and checks that the target's signer is
/// the one the redirect names: the subject DN of SMP 1.x's `CertificateUID` (compared
/// order-, case- and space-insensitively) or its subject serialNumber, or in SMP 2.0 one
/// of the redirect's certificates. Both records are verified against `store`.
///
/// ```c
/// tm_smp_result *rec = NULL;
/// if (tm_verify_smp_redirect(first, first_len, target, target_len, store, policy,
///                            participant, document, NULL, NULL, TM_NOW, &rec, &err) == TM_OK) {
///     // rec: the target's endpoints, as from tm_verify_smp()
///     tm_smp_result_free(rec);
/// }
/// ```
///
/// @param first_xml          the redirecting record, borrowed for the call.
/// @param first_len          the number of bytes at `first_xml`.
/// @param target_xml         the record fetched from the redirect's href, borrowed.
/// @param target_len         the number of bytes at `target_xml`.
/// @param store, policy, participant, document, process, transport_profile, now_unix
///                           as tm_verify_smp().
/// @param out                where to store the target's result on success; set to NULL
///                           on failure. Release it with tm_smp_result_free().
/// @param err                NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if both records verified and the target answers the question;
///         any status of tm_verify_smp() for either record;
///         `TM_SMP_REDIRECT_SIGNER_MISMATCH` if the target is signed by another
///         certificate than the redirect names;
///         `TM_SMP_DOUBLE_REDIRECT` if the target redirects again;
///         `TM_INVALID_ARGUMENT` if `first_xml` verified but is not a redirect (and as
///         tm_verify_smp());
///         `TM_NULL_POINTER` if `first_xml`, `target_xml`, `store`, `participant`,
///         `document` or `out` is NULL.
///
/// Thread safety: reentrant, as tm_verify_smp().
#[no_mangle]
#[allow(clippy::too_many_arguments)] // the C signature: two records and the question
pub unsafe extern "C" fn tm_verify_smp_redirect(
    first_xml: *const u8,
    first_len: usize,
    target_xml: *const u8,
    target_len: usize,
    store: *const tm_trust_store,
    policy: *const tm_policy,
    participant: *const c_char,
    document: *const c_char,
    process: *const c_char,
    transport_profile: *const c_char,
    now_unix: i64,
    out: *mut *mut tm_smp_result,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_verify_smp_redirect";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: the helpers validate each pointer before use; the caller keeps the bytes
        // and strings readable and `store`/`policy` unchanged during the call.
        let (first, target, store, participant, document, process, transport_profile, policy) = unsafe {
            (
                guard::bytes(first_xml, first_len, F, "first_xml")?,
                guard::bytes(target_xml, target_len, F, "target_xml")?,
                handle::get(store, F, "store")?,
                text_arg(participant, F, "participant")?,
                text_arg(document, F, "document")?,
                optional_text_arg(process, F, "process")?,
                optional_text_arg(transport_profile, F, "transport_profile")?,
                policy_arg(policy, F)?,
            )
        };
        let question = question(participant, document, process, transport_profile)?;
        let now = now_arg(now_unix, F)?;
        let first = trustmeta::verify_smp(first, &question, &store.inner, &policy, now)?;
        let Some(redirect) = first.redirect() else {
            return Err(Failure::invalid(
                F,
                "`first_xml` verified but is not a redirect",
            ));
        };
        let record = trustmeta::verify_smp_redirect_target(
            target,
            &question,
            redirect,
            &store.inner,
            &policy,
            now,
        )?;
        let result = handle::into_raw(tm_smp_result::new(&record));
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Reads a field of a live SMP result; the fallback otherwise.
fn read<R>(
    result: *const tm_smp_result,
    fallback: R,
    f: impl FnOnce(&tm_smp_result) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered tm_smp_result; results are
        // immutable and the caller does not free it during the call.
        unsafe { handle::peek(result) }.and_then(f)
    })
    .unwrap_or(fallback)
}

fn text(
    result: *const tm_smp_result,
    f: impl FnOnce(&tm_smp_result) -> Option<&CString>,
) -> *const c_char {
    read(result, ptr::null(), |r| f(r).map(|s| s.as_ptr()))
}

/// Returns the specification the record follows: `"peppol-busdox"`, `"bdxr-2014"`,
/// `"oasis-smp-1.0"` or `"oasis-smp-2.0"`.
///
/// @param result  an SMP result, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_version(result: *const tm_smp_result) -> *const c_char {
    text(result, |r| Some(&r.version))
}

/// Returns the participant the signed record names, as `scheme::value`.
///
/// @param result  an SMP result, borrowed for the call.
/// @return a string owned by `result`; NULL for an SMP 1.x redirect (which names no
///         participant) or if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_participant(result: *const tm_smp_result) -> *const c_char {
    text(result, |r| r.participant.as_ref())
}

/// Returns the document type the signed record names, as `scheme::value`.
///
/// @param result  an SMP result, borrowed for the call.
/// @return a string owned by `result`; NULL for an SMP 1.x redirect or if `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_document(result: *const tm_smp_result) -> *const c_char {
    text(result, |r| r.document.as_ref())
}

/// Returns the number of endpoints that answer the question and are active at the
/// verification time: 0 for a redirect, or for a record that lists no endpoint.
///
/// @param result  an SMP result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_endpoint_count(result: *const tm_smp_result) -> usize {
    read(result, 0, |r| Some(r.endpoints.len()))
}

/// Returns the transport profile of endpoint `index`, e.g. `"peppol-transport-as4-v2_0"`.
///
/// @param result  an SMP result, borrowed for the call.
/// @param index   0 to tm_smp_result_endpoint_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_endpoint_transport_profile(
    result: *const tm_smp_result,
    index: usize,
) -> *const c_char {
    text(result, |r| {
        r.endpoints.get(index).map(|e| &e.transport_profile)
    })
}

/// Returns the address of endpoint `index`: where to send.
///
/// @param result  an SMP result, borrowed for the call.
/// @param index   0 to tm_smp_result_endpoint_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_endpoint_uri(
    result: *const tm_smp_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.endpoints.get(index).map(|e| &e.uri))
}

/// Returns the SHA-256 fingerprint (64 lowercase hex digits) of the certificate published
/// for endpoint `index` (the first one, in SMP 2.0): pin the access point's TLS or
/// message-signing certificate to it.
///
/// @param result  an SMP result, borrowed for the call.
/// @param index   0 to tm_smp_result_endpoint_count() - 1.
/// @return a string owned by `result`; NULL if the endpoint publishes no certificate,
///         `index` is out of range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_endpoint_certificate_sha256(
    result: *const tm_smp_result,
    index: usize,
) -> *const c_char {
    text(result, |r| {
        r.endpoints
            .get(index)
            .and_then(|e| e.certificate_sha256.as_ref())
    })
}

/// Returns the activation date of endpoint `index` in seconds since 1970 (a date written
/// without a zone is read as UTC).
///
/// @param result  an SMP result, borrowed for the call.
/// @param index   0 to tm_smp_result_endpoint_count() - 1.
/// @return the time; `TM_NO_DATE` if the record gives none, `index` is out of range or
///         `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_endpoint_activation(
    result: *const tm_smp_result,
    index: usize,
) -> i64 {
    read(result, TM_NO_DATE, |r| {
        r.endpoints.get(index).map(|e| e.activation)
    })
}

/// Returns the expiration date of endpoint `index` in seconds since 1970 (an `xs:date`
/// ends with its day).
///
/// @param result  an SMP result, borrowed for the call.
/// @param index   0 to tm_smp_result_endpoint_count() - 1.
/// @return the time; `TM_NO_DATE` if the record gives none, `index` is out of range or
///         `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_endpoint_expiration(
    result: *const tm_smp_result,
    index: usize,
) -> i64 {
    read(result, TM_NO_DATE, |r| {
        r.endpoints.get(index).map(|e| e.expiration)
    })
}

/// Returns the number of endpoints that match the question but were left out because
/// the verification time is outside their activation/expiration window.
///
/// @param result  an SMP result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_filtered_count(result: *const tm_smp_result) -> usize {
    read(result, 0, |r| Some(r.filtered.len()))
}

/// Returns the transport profile of filtered endpoint `index`.
///
/// @param result  an SMP result, borrowed for the call.
/// @param index   0 to tm_smp_result_filtered_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_filtered_transport_profile(
    result: *const tm_smp_result,
    index: usize,
) -> *const c_char {
    text(result, |r| {
        r.filtered.get(index).map(|f| &f.0.transport_profile)
    })
}

/// Returns the address of filtered endpoint `index`.
///
/// @param result  an SMP result, borrowed for the call.
/// @param index   0 to tm_smp_result_filtered_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_filtered_uri(
    result: *const tm_smp_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.filtered.get(index).map(|f| &f.0.uri))
}

/// Returns why filtered endpoint `index` was left out: `"expired"` or `"not_yet_active"`.
///
/// @param result  an SMP result, borrowed for the call.
/// @param index   0 to tm_smp_result_filtered_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_filtered_reason(
    result: *const tm_smp_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.filtered.get(index).map(|f| &f.1))
}

/// Returns a sentence saying why filtered endpoint `index` was left out, with the date
/// and the verification time, e.g. `"expired at 2025-12-31T23:00:00Z (time ...)"`.
///
/// @param result  an SMP result, borrowed for the call.
/// @param index   0 to tm_smp_result_filtered_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_filtered_message(
    result: *const tm_smp_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.filtered.get(index).map(|f| &f.2))
}

/// Returns where the record redirects the caller (`Redirect href`, SMP 2.0
/// `PublisherURI`). Fetch it and verify the answer with tm_verify_smp() and the same
/// question; its signer must be the one the redirect names, and it must not redirect
/// again.
///
/// @param result  an SMP result, borrowed for the call.
/// @return a string owned by `result`; NULL if the record is not a redirect, or if
///         `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_redirect_href(
    result: *const tm_smp_result,
) -> *const c_char {
    text(result, |r| r.redirect.as_ref().map(|x| &x.href))
}

/// Returns the redirect's `CertificateUID` (SMP 1.x): the subject DN, or the subject
/// serialNumber, of the certificate that must sign the redirect target.
///
/// @param result  an SMP result, borrowed for the call.
/// @return a string owned by `result`; NULL if the record is not a redirect or names no
///         CertificateUID, or if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_redirect_certificate_uid(
    result: *const tm_smp_result,
) -> *const c_char {
    text(result, |r| {
        r.redirect.as_ref().and_then(|x| x.certificate_uid.as_ref())
    })
}

/// Returns the number of certificates the redirect publishes for the target's signer
/// (SMP 2.0; 0 in SMP 1.x).
///
/// @param result  an SMP result, borrowed for the call.
/// @return the count; 0 if the record is not a redirect or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_redirect_certificate_count(
    result: *const tm_smp_result,
) -> usize {
    read(result, 0, |r| {
        Some(r.redirect.as_ref().map_or(0, |x| x.certificates.len()))
    })
}

/// Returns the SHA-256 fingerprint (64 lowercase hex digits) of redirect certificate
/// `index` (SMP 2.0): the redirect target's signer must have one of them.
///
/// @param result  an SMP result, borrowed for the call.
/// @param index   0 to tm_smp_result_redirect_certificate_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_redirect_certificate_sha256(
    result: *const tm_smp_result,
    index: usize,
) -> *const c_char {
    text(result, |r| {
        r.redirect.as_ref().and_then(|x| x.certificates.get(index))
    })
}

/// Returns the number of `ds:Signature` elements below the document element (such as an
/// eHealth owner signature inside an `Extension`): reported, not verified.
///
/// @param result  an SMP result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_other_signatures(result: *const tm_smp_result) -> usize {
    read(result, 0, |r| Some(r.other_signatures))
}

/// Returns the report of the record's signature, read with the tm_result accessors:
/// tm_result_signer_sha256(), tm_result_signer_subject(), tm_result_signer_key(),
/// tm_result_pinned(), tm_result_signature_algorithm(), tm_result_canonicalization(),
/// the reference, legacy-algorithm and chain accessors, and tm_result_verified_at().
/// Its tm_result_signed_xml_count() is 0: the signed content is what the tm_smp_result
/// accessors return.
///
/// @param result  an SMP result, borrowed for the call.
/// @return a tm_result owned by `result` and valid until tm_smp_result_free(): do not
///         free it; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_report(result: *const tm_smp_result) -> *const tm_result {
    read(result, ptr::null(), |r| Some(r.report.cast_const()))
}

/// Releases an SMP result, its report and everything they own; pointers obtained from
/// their accessors become invalid.
///
/// @param result  an SMP result, owned by the caller and released by this call; NULL is
///                allowed and ignored, and so is a pointer that is not a live SMP result.
///
/// Thread safety: no other thread may use `result` (or its report) during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_result_free(result: *mut tm_smp_result) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered SMP result; the caller gives it up.
        unsafe { handle::free(result) };
    });
}

/// `kind` of tm_smp_name(): the BDXL (NAPTR) name, base32(SHA-256(lowercase value)) +
/// "." + scheme + "." + zone (OASIS BDXL 1.0, eDelivery BDXL profile, PEPPOL SML 2.0).
pub const TM_SMP_NAME_BDXL: i32 = 0;

/// `kind` of tm_smp_name(): the PEPPOL SML CNAME, "B-" + hex(MD5(lowercase value)) + "." +
/// scheme + "." + zone.
pub const TM_SMP_NAME_CNAME: i32 = 1;

/// Computes the DNS name under which an SML/BDXL publishes `participant`'s SMP in `zone`.
/// Values are lowercased before hashing; a value of `*` is kept; ebCore party IDs
/// (`urn:oasis:names:tc:ebcore:partyid-type:...`) are hashed whole with no scheme label.
/// Resolve the name yourself: NAPTR (flag `U`, service `Meta:SMP`) for BDXL, CNAME for the
/// PEPPOL SML. Nothing is looked up.
///
/// ```c
/// char *name = NULL;
/// if (tm_smp_name("iso6523-actorid-upis::0088:123ABC", "participant.sml.test.tech.peppol.org",
///                 TM_SMP_NAME_BDXL, &name, NULL) == TM_OK) {
///     puts(name); // y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.participant...
///     tm_string_free(name);
/// }
/// ```
///
/// @param participant  the participant, as `scheme::value`; a NUL-terminated UTF-8
///                     string borrowed for the call.
/// @param zone         the SML/BDXL zone, e.g. `"edelivery.tech.ec.europa.eu"` (a final
///                     dot is dropped); borrowed for the call.
/// @param kind         `TM_SMP_NAME_BDXL` or `TM_SMP_NAME_CNAME`.
/// @param out          where to store the name on success; set to NULL on failure. The
///                     string is owned by the caller: release it with tm_string_free().
/// @param err          NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_SMP_BAD_IDENTIFIER` if `participant` is not an identifier;
///         `TM_NULL_POINTER` if `participant`, `zone` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a string is not UTF-8 or `kind` is not a
///         TM_SMP_NAME_* value.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_name(
    participant: *const c_char,
    zone: *const c_char,
    kind: i32,
    out: *mut *mut c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_name";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: each is NULL (refused) or a NUL-terminated string unchanged during the
        // call, by the C contract.
        let (participant, zone) = unsafe {
            (
                text_arg(participant, F, "participant")?,
                text_arg(zone, F, "zone")?,
            )
        };
        let p = ParticipantId::parse(participant)
            .map_err(|e| Failure::from(trustmeta::Error::from(e)))?;
        let ids = IdentifierPolicy::default();
        let name = match kind {
            TM_SMP_NAME_BDXL => bdxl_name(&p, zone, &ids),
            TM_SMP_NAME_CNAME => sml_cname(&p, zone, &ids),
            k => {
                return Err(Failure::invalid(
                    F,
                    &format!("`kind` {k} is neither TM_SMP_NAME_BDXL nor TM_SMP_NAME_CNAME"),
                ))
            }
        };
        let name = handle::string_into_raw(c_string(&name));
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(name) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Releases a string the library returned to the caller (tm_smp_name()).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::tm_result_signer_subject;
    use crate::store::*;

    const ROOT: &[u8] = include_bytes!("../../tests/data/xmldsig-gen/pki/root.pem");
    const XML: &[u8] = include_bytes!("../../tests/data/smp/signed/smp1-expired-endpoint.xml");
    const AT: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z

    fn s(p: *const c_char) -> String {
        assert!(!p.is_null());
        // SAFETY: non-NULL accessor results are NUL-terminated strings.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string()
    }

    #[test]
    fn verifies_a_record_and_filters_the_expired_endpoint() {
        // SAFETY: valid pointers, or NULL where the case says so; single thread.
        unsafe {
            let store = tm_trust_store_new();
            tm_trust_store_add_pem(store, ROOT.as_ptr(), ROOT.len(), ptr::null_mut());
            let mut rec: *mut tm_smp_result = ptr::null_mut();
            let mut err: *mut tm_error = ptr::null_mut();
            let st = tm_verify_smp(
                XML.as_ptr(),
                XML.len(),
                store,
                ptr::null(),
                c"iso6523-actorid-upis::0088:5798000000001".as_ptr(),
                c"busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1".as_ptr(),
                ptr::null(),
                ptr::null(),
                AT,
                &mut rec,
                &mut err,
            );
            assert_eq!(st, tm_status::TM_OK);
            assert_eq!(tm_smp_result_endpoint_count(rec), 1);
            assert_eq!(
                s(tm_smp_result_endpoint_uri(rec, 0)),
                "https://ap.example.org/as4"
            );
            assert_eq!(tm_smp_result_filtered_count(rec), 1);
            assert_eq!(s(tm_smp_result_filtered_reason(rec, 0)), "expired");
            assert!(tm_smp_result_redirect_href(rec).is_null());
            let report = tm_smp_result_report(rec);
            assert!(s(tm_result_signer_subject(report)).contains("CN="));
            // Freeing the borrowed report by mistake is absorbed by the registry.
            crate::result::tm_result_free(report.cast_mut());
            tm_smp_result_free(rec);
            tm_smp_result_free(rec);

            let st = tm_verify_smp(
                XML.as_ptr(),
                XML.len(),
                store,
                ptr::null(),
                c"iso6523-actorid-upis::0088:5798000000002".as_ptr(),
                c"busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1".as_ptr(),
                ptr::null(),
                ptr::null(),
                AT,
                &mut rec,
                &mut err,
            );
            assert_eq!(st, tm_status::TM_SMP_PARTICIPANT_MISMATCH);
            assert!(rec.is_null());
            crate::error::tm_error_free(err);
            tm_trust_store_free(store);
        }
    }

    #[test]
    fn names() {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: valid strings and out-parameters; the name is released once.
        unsafe {
            assert_eq!(
                tm_smp_name(
                    c"iso6523-actorid-upis::0088:123ABC".as_ptr(),
                    c"participant.sml.test.tech.peppol.org".as_ptr(),
                    0,
                    &mut out,
                    ptr::null_mut()
                ),
                tm_status::TM_OK
            );
            assert!(s(out).starts_with("y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq."));
            tm_string_free(out);
            tm_string_free(out);
            assert_eq!(
                tm_smp_name(c"".as_ptr(), c"z".as_ptr(), 1, &mut out, ptr::null_mut()),
                tm_status::TM_SMP_BAD_IDENTIFIER
            );
            assert_eq!(
                tm_smp_name(
                    c"a::b".as_ptr(),
                    c"z".as_ptr(),
                    7,
                    &mut out,
                    ptr::null_mut()
                ),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert!(out.is_null());
        }
    }
}
