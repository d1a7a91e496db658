//! ETSI trusted lists: `tm_verify_tsl()` and its `tm_tsl_result` (scheme information,
//! pointers to other lists, providers' services, the OpenNCP roles), and the OpenNCP
//! mapping to SMP records, `tm_tsl_to_smp()` → `tm_smp_records`. Texts are copied into C
//! strings the handles own; certificates are returned as the DER bytes the verified list
//! holds; the signature report is a `tm_result` the TSL result owns.

use std::ffi::{c_char, CString};
use std::ptr;

use trustmeta::{
    to_smp, Certificate, DateTime, OpenNcpList, SmpOutputFormat, SmpRecord, VerifiedTsl,
};

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::policy::tm_policy;
use crate::result::{c_string, tm_result};
use crate::smp::{now_arg, policy_arg, TM_NO_DATE};
use crate::status::tm_status;
use crate::store::tm_trust_store;

/// `format` of tm_tsl_to_smp(): OASIS SMP 1.0 (`http://docs.oasis-open.org/bdxr/ns/SMP/2016/05`).
pub const TM_TSL_SMP_OASIS_SMP1: i32 = 0;

/// `format` of tm_tsl_to_smp(): PEPPOL busdox
/// (`http://busdox.org/serviceMetadata/publishing/1.0/`), as the OpenNCP stylesheet wrote.
pub const TM_TSL_SMP_BUSDOX: i32 = 1;

/// A verified ETSI trusted list (TS 119 612, TS 102 231): its scheme information, its
/// pointers to other lists, the services of its providers, and who signed it. Returned by
/// tm_verify_tsl(); everything it exposes was read from the signed list.
///
/// Services are numbered across providers in document order: service 0 is the first
/// service of the first provider that has one. For an OpenNCP NCP configuration list
/// (`Id="NCPConfiguration-CC"`) each service also has its face (`NCP-A`, `NCP-B`) and role.
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL, 0 or `TM_NO_DATE`. Strings are NUL-terminated UTF-8 and certificates DER bytes,
/// owned by the result and valid until tm_tsl_result_free(). Indexes count from 0.
///
/// Thread safety: a result is immutable; it may be read (and passed to tm_tsl_to_smp())
/// from any number of threads at once, and freed once no thread uses it any more.
pub struct tm_tsl_result {
    inner: VerifiedTsl,
    id: Option<CString>,
    territory: CString,
    tsl_type: CString,
    operator_name: Option<CString>,
    openncp_country: Option<CString>,
    pointers: Vec<TslPointer>,
    services: Vec<TslService>,
    /// The signature's report, registered as a live tm_result owned by this result.
    report: *mut tm_result,
}

// SAFETY: `report` is an owned, immutable tm_result (itself Send + Sync, see lib.rs),
// reached only through shared references and freed only by tm_tsl_result_free(); every
// other field is plain owned data.
unsafe impl Send for tm_tsl_result {}
// SAFETY: as above: nothing is mutated through a shared reference.
unsafe impl Sync for tm_tsl_result {}

struct TslPointer {
    location: CString,
    territory: Option<CString>,
    mime_type: Option<CString>,
}

struct TslService {
    /// Where the service is in `inner.list.providers`, for its certificates.
    provider: usize,
    index: usize,
    provider_name: CString,
    type_identifier: CString,
    name: CString,
    status: CString,
    status_starting_time: i64,
    supply_points: Vec<CString>,
    ncp_face: Option<CString>,
    ncp_role: Option<CString>,
}

impl Handle for tm_tsl_result {
    const KIND: Kind = Kind::TslResult;
    const C_NAME: &'static str = "tm_tsl_result";
}

impl tm_tsl_result {
    fn new(v: VerifiedTsl) -> Self {
        let list = &v.list;
        let s = &list.scheme;
        let openncp = OpenNcpList::new(list).ok();
        let mut services = Vec::new();
        for (p, provider) in list.providers.iter().enumerate() {
            for (i, svc) in provider.services.iter().enumerate() {
                let ncp = openncp
                    .as_ref()
                    .and_then(|o| o.services.iter().find(|n| ptr::eq(n.service, svc)));
                services.push(TslService {
                    provider: p,
                    index: i,
                    provider_name: c_string(provider.name()),
                    type_identifier: c_string(&svc.type_identifier),
                    name: c_string(svc.name()),
                    status: c_string(&svc.status),
                    status_starting_time: svc.status_starting_time.unix_seconds(),
                    supply_points: svc.supply_points.iter().map(|x| c_string(x)).collect(),
                    ncp_face: ncp.map(|n| c_string(n.face.name())),
                    ncp_role: ncp.map(|n| c_string(n.role.name())),
                });
            }
        }
        let openncp_country = openncp.map(|o| c_string(&o.country));
        tm_tsl_result {
            id: list.id.as_deref().map(c_string),
            territory: c_string(&s.territory),
            tsl_type: c_string(&s.tsl_type),
            operator_name: s.operator_names.first().map(|n| c_string(&n.text)),
            openncp_country,
            pointers: s
                .pointers
                .iter()
                .map(|p| TslPointer {
                    location: c_string(&p.location),
                    territory: p.territory.as_deref().map(c_string),
                    mime_type: p.mime_type.as_deref().map(c_string),
                })
                .collect(),
            services,
            report: handle::into_raw(tm_result::from_report(&v.report, Vec::new())),
            inner: v,
        }
    }

    /// The certificates of service `index`, in `DigitalId` order.
    fn service_certificates(&self, index: usize) -> Option<Vec<&Certificate>> {
        let s = self.services.get(index)?;
        let svc = self
            .inner
            .list
            .providers
            .get(s.provider)?
            .services
            .get(s.index)?;
        Some(svc.certificates().collect())
    }
}

impl Drop for tm_tsl_result {
    fn drop(&mut self) {
        // SAFETY: `report` was registered by `new` and is owned by this result; `free`
        // ignores it if a caller already released it.
        unsafe { handle::free(self.report) };
    }
}

/// The SMP ServiceMetadata records tm_tsl_to_smp() wrote for an OpenNCP NCP configuration
/// list, one per published service and role, unsigned: sign each with the SMP's key
/// before publishing it.
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL or 0. Strings are NUL-terminated UTF-8 owned by the records and valid until
/// tm_smp_records_free(). Indexes count from 0, in the stylesheet's order.
///
/// Thread safety: records are immutable; they may be read from any number of threads at
/// once, and freed once no thread reads them any more.
pub struct tm_smp_records {
    records: Vec<CRecord>,
}

struct CRecord {
    file_name: CString,
    participant: CString,
    document: CString,
    process: CString,
    endpoints: usize,
    xml: CString,
}

impl CRecord {
    fn new(r: &SmpRecord) -> Self {
        CRecord {
            file_name: c_string(&r.file_name),
            participant: c_string(&r.participant),
            document: c_string(&r.document),
            process: c_string(&r.process),
            endpoints: r.endpoints,
            xml: c_string(&r.xml),
        }
    }
}

impl Handle for tm_smp_records {
    const KIND: Kind = Kind::SmpRecords;
    const C_NAME: &'static str = "tm_smp_records";
}

/// ==== ETSI trusted lists ================================================================
///
/// Verifies a signed ETSI trusted list (TS 119 612, or TS 102 231 whose namespace it
/// shares; the EU list of lists, a national list, an OpenNCP NCP configuration list)
/// against `store` at `now_unix`, and reads it.
///
/// The profile: the document element is a `TrustServiceStatusList`; exactly one
/// `ds:Signature`, a child of it; one Reference covers the whole list (`URI=""` or the
/// list's `#Id`, enveloped transform), one the XAdES `SignedProperties` of that
/// signature, and there is no other. The signed `SigningCertificate` (or
/// `SigningCertificateV2`) must name the certificate whose key verified the signature,
/// and that certificate must be in `store` or chain to it: the certificates the list
/// carries (its KeyInfo, its pointers, its services) never make it trusted. Take the
/// anchors from an authentic source (for the EU list of lists, the Official Journal).
/// The list must be current: issued no later than `now_unix`, with a `NextUpdate` after it.
///
/// ```c
/// tm_tsl_result *tsl = NULL;
/// if (tm_verify_tsl(xml, xml_len, store, NULL, TM_NOW, &tsl, &err) == TM_OK) {
///     printf("%s, sequence %llu\n", tm_tsl_result_territory(tsl),
///            (unsigned long long)tm_tsl_result_sequence_number(tsl));
///     for (size_t i = 0; i < tm_tsl_result_pointer_count(tsl); i++)
///         printf("  %s\n", tm_tsl_result_pointer_location(tsl, i));
///     tm_tsl_result_free(tsl);
/// }
/// ```
///
/// @param xml       the list as fetched, borrowed for the call.
/// @param xml_len   the number of bytes at `xml`.
/// @param store     the list's signing certificate or the CA that issued it, borrowed for
///                  the call.
/// @param policy    the policy, borrowed for the call; NULL means the defaults of
///                  tm_policy_new(). Legacy lists signed with rsa-sha1 need
///                  tm_policy_set_allow_sha1().
/// @param now_unix  the verification time in seconds since 1970, or `TM_NOW`.
/// @param out       where to store the result on success; set to NULL on failure. Owned by
///                  the caller: release it with tm_tsl_result_free().
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if the list verified and is current;
///         `TM_TSL_UNKNOWN_DOCUMENT` if it is not a trusted list;
///         `TM_TSL_SIGNATURE_PROFILE` if its signature is not a trusted-list XAdES one;
///         `TM_TSL_SIGNING_CERTIFICATE_MISMATCH` if the signed SigningCertificate names
///         another certificate than the one that verified the signature;
///         `TM_TSL_EXPIRED` if it is past its NextUpdate, closed, or issued after
///         `now_unix`;
///         `TM_TSL_MALFORMED` if a required element is missing or a value is not of its
///         type;
///         `TM_DSIG_ALGORITHM_REFUSED` for SHA-1 without tm_policy_set_allow_sha1();
///         a `TM_XML_*`, `TM_DSIG_*`, `TM_CRYPTO_*` or `TM_PKI_*` status as tm_verify()
///         (`TM_PKI_UNTRUSTED_SIGNER` when the signer is not in or under `store`);
///         `TM_NULL_POINTER` if `xml`, `store` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live, or the system clock reads before
///         1970 with `TM_NOW`.
///
/// Thread safety: reentrant, like tm_verify(): threads may share `store` and `policy` as
/// long as no thread changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_tsl(
    xml: *const u8,
    xml_len: usize,
    store: *const tm_trust_store,
    policy: *const tm_policy,
    now_unix: i64,
    out: *mut *mut tm_tsl_result,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_verify_tsl";
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
        let tsl = trustmeta::verify_tsl(xml, &store.inner, &policy, now)?;
        let result = handle::into_raw(tm_tsl_result::new(tsl));
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Reads a field of a live TSL result; the fallback otherwise.
fn read<R>(
    result: *const tm_tsl_result,
    fallback: R,
    f: impl FnOnce(&tm_tsl_result) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered tm_tsl_result; results are
        // immutable and the caller does not free it during the call.
        unsafe { handle::peek(result) }.and_then(f)
    })
    .unwrap_or(fallback)
}

fn text(
    result: *const tm_tsl_result,
    f: impl FnOnce(&tm_tsl_result) -> Option<&CString>,
) -> *const c_char {
    read(result, ptr::null(), |r| f(r).map(|s| s.as_ptr()))
}

/// Stores `n` at `len` when `len` is usable and returns `data`.
fn with_len<T>(data: *const T, n: usize, len: *mut usize) -> *const T {
    if !len.is_null() && len.is_aligned() {
        // SAFETY: non-NULL and aligned; the caller provides storage for one size_t.
        unsafe { len.write(n) };
    }
    data
}

/// Returns the list's `Id` attribute (`"NCPConfiguration-XX"`, `"ID0001"`).
///
/// @param result  a TSL result, borrowed for the call.
/// @return a string owned by `result`; NULL if the list has no Id, or `result` is NULL or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_id(result: *const tm_tsl_result) -> *const c_char {
    text(result, |r| r.id.as_ref())
}

/// Returns the `SchemeTerritory`: a country code, or `"EU"` for the list of lists.
///
/// @param result  a TSL result, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_territory(result: *const tm_tsl_result) -> *const c_char {
    text(result, |r| Some(&r.territory))
}

/// Returns the `TSLSequenceNumber`: it grows with every issue, so a copy with a lower one
/// than a list already seen is an older list (a rollback).
///
/// @param result  a TSL result, borrowed for the call.
/// @return the number; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_sequence_number(result: *const tm_tsl_result) -> u64 {
    read(result, 0, |r| Some(r.inner.list.scheme.sequence_number))
}

/// Returns the `TSLVersionIdentifier` (5 or 6 for TS 119 612, 3 for TS 102 231 v3).
///
/// @param result  a TSL result, borrowed for the call.
/// @return the version; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_version(result: *const tm_tsl_result) -> u32 {
    read(result, 0, |r| Some(r.inner.list.scheme.version))
}

/// Returns the `TSLType` URI (the EU list of lists, a national generic list, ...).
///
/// @param result  a TSL result, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_type(result: *const tm_tsl_result) -> *const c_char {
    text(result, |r| Some(&r.tsl_type))
}

/// Returns the first `SchemeOperatorName` (lists give it in their language and often in
/// English).
///
/// @param result  a TSL result, borrowed for the call.
/// @return a string owned by `result`; NULL if the list names no operator, or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_operator_name(
    result: *const tm_tsl_result,
) -> *const c_char {
    text(result, |r| r.operator_name.as_ref())
}

/// Returns the `ListIssueDateTime` in seconds since 1970 (UTC).
///
/// @param result  a TSL result, borrowed for the call.
/// @return the time; `TM_NO_DATE` if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_issued(result: *const tm_tsl_result) -> i64 {
    read(result, TM_NO_DATE, |r| {
        Some(r.inner.list.scheme.issued.unix_seconds())
    })
}

/// Returns the `NextUpdate` in seconds since 1970 (UTC): fetch the list again before then.
///
/// @param result  a TSL result, borrowed for the call.
/// @return the time; `TM_NO_DATE` if `result` is NULL or dead (a verified list always has
///         one: a closed list does not verify).
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_next_update(result: *const tm_tsl_result) -> i64 {
    read(result, TM_NO_DATE, |r| {
        r.inner.list.scheme.next_update.map(DateTime::unix_seconds)
    })
}

/// Returns the signed XAdES `SigningTime` in seconds since 1970 (UTC).
///
/// @param result  a TSL result, borrowed for the call.
/// @return the time; `TM_NO_DATE` if the signature gives none, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_signing_time(result: *const tm_tsl_result) -> i64 {
    read(result, TM_NO_DATE, |r| {
        r.inner.signing_time.map(DateTime::unix_seconds)
    })
}

/// Returns the signature's report as a tm_result: the signer (tm_result_signer_subject(),
/// tm_result_signer_sha256(), tm_result_pinned(), the chain), the algorithms, legacy
/// allowances and tm_result_verified_at(). Its tm_result_signed_xml_count() is 0: the
/// signed content is what the tm_tsl_result accessors return.
///
/// @param result  a TSL result, borrowed for the call.
/// @return a tm_result owned by `result` and valid until tm_tsl_result_free(): do not
///         free it; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_report(result: *const tm_tsl_result) -> *const tm_result {
    read(result, ptr::null(), |r| Some(r.report.cast_const()))
}

/// Returns the number of `OtherTSLPointer` entries (the EU list of lists points to every
/// national list).
///
/// @param result  a TSL result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_pointer_count(result: *const tm_tsl_result) -> usize {
    read(result, 0, |r| Some(r.pointers.len()))
}

/// Returns the `TSLLocation` of pointer `index`: where to fetch the other list.
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_pointer_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_pointer_location(
    result: *const tm_tsl_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.pointers.get(index).map(|p| &p.location))
}

/// Returns the `SchemeTerritory` of the list pointer `index` points to.
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_pointer_count() - 1.
/// @return a string owned by `result`; NULL if the pointer does not say, `index` is out of
///         range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_pointer_territory(
    result: *const tm_tsl_result,
    index: usize,
) -> *const c_char {
    text(result, |r| {
        r.pointers.get(index).and_then(|p| p.territory.as_ref())
    })
}

/// Returns the `MimeType` of the list pointer `index` points to
/// (`"application/vnd.etsi.tsl+xml"`, or `"application/pdf"` for a rendering).
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_pointer_count() - 1.
/// @return a string owned by `result`; NULL if the pointer does not say, `index` is out of
///         range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_pointer_mime_type(
    result: *const tm_tsl_result,
    index: usize,
) -> *const c_char {
    text(result, |r| {
        r.pointers.get(index).and_then(|p| p.mime_type.as_ref())
    })
}

/// Returns how many certificates pointer `index` allows to sign the other list: the
/// anchors to verify that list with (tm_trust_store_add_pem() takes the DER bytes).
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_pointer_count() - 1.
/// @return the count; 0 if `index` is out of range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_pointer_certificate_count(
    result: *const tm_tsl_result,
    index: usize,
) -> usize {
    read(result, 0, |r| {
        r.inner
            .list
            .scheme
            .pointers
            .get(index)
            .map(|p| p.certificates.len())
    })
}

/// Returns certificate `certificate` of pointer `index`, DER-encoded.
///
/// @param result       a TSL result, borrowed for the call.
/// @param index        0 to tm_tsl_result_pointer_count() - 1.
/// @param certificate  0 to tm_tsl_result_pointer_certificate_count() - 1.
/// @param len          where to store the number of bytes (set to 0 on failure); may be
///                     NULL.
/// @return the bytes, owned by `result`; NULL if an index is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_pointer_certificate(
    result: *const tm_tsl_result,
    index: usize,
    certificate: usize,
    len: *mut usize,
) -> *const u8 {
    let (data, n) = read(result, (ptr::null(), 0), |r| {
        let der = r
            .inner
            .list
            .scheme
            .pointers
            .get(index)?
            .certificates
            .get(certificate)?
            .der();
        Some((der.as_ptr(), der.len()))
    });
    with_len(data, n, len)
}

/// Returns the number of services of all providers (`TSPService` entries, with their
/// current `ServiceInformation`).
///
/// @param result  a TSL result, borrowed for the call.
/// @return the count (0 for a list of lists); 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_count(result: *const tm_tsl_result) -> usize {
    read(result, 0, |r| Some(r.services.len()))
}

fn service_text(
    result: *const tm_tsl_result,
    index: usize,
    f: impl FnOnce(&TslService) -> Option<&CString>,
) -> *const c_char {
    text(result, |r| r.services.get(index).and_then(f))
}

/// Returns the first `TSPName` of the provider of service `index` (`"NCP-A"` or
/// `"NCP-B"` in an OpenNCP list).
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_service_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_provider(
    result: *const tm_tsl_result,
    index: usize,
) -> *const c_char {
    service_text(result, index, |s| Some(&s.provider_name))
}

/// Returns the `ServiceTypeIdentifier` URI of service `index`.
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_service_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_type(
    result: *const tm_tsl_result,
    index: usize,
) -> *const c_char {
    service_text(result, index, |s| Some(&s.type_identifier))
}

/// Returns the first `ServiceName` of service `index`.
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_service_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_name(
    result: *const tm_tsl_result,
    index: usize,
) -> *const c_char {
    service_text(result, index, |s| Some(&s.name))
}

/// Returns the `ServiceStatus` URI of service `index`
/// (e.g. `"http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"`; a withdrawn or
/// revoked service is listed but must not be relied on).
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_service_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_status(
    result: *const tm_tsl_result,
    index: usize,
) -> *const c_char {
    service_text(result, index, |s| Some(&s.status))
}

/// Returns the `StatusStartingTime` of service `index` in seconds since 1970 (UTC; a time
/// written with another offset is converted).
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_service_count() - 1.
/// @return the time; `TM_NO_DATE` if `index` is out of range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_status_starting_time(
    result: *const tm_tsl_result,
    index: usize,
) -> i64 {
    read(result, TM_NO_DATE, |r| {
        r.services.get(index).map(|s| s.status_starting_time)
    })
}

/// Returns the number of `ServiceSupplyPoint` values of service `index`.
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_service_count() - 1.
/// @return the count; 0 if `index` is out of range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_supply_point_count(
    result: *const tm_tsl_result,
    index: usize,
) -> usize {
    read(result, 0, |r| {
        r.services.get(index).map(|s| s.supply_points.len())
    })
}

/// Returns `ServiceSupplyPoint` `point` of service `index` (an address, as listed).
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_service_count() - 1.
/// @param point   0 to tm_tsl_result_service_supply_point_count() - 1.
/// @return a string owned by `result`; NULL if an index is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_supply_point(
    result: *const tm_tsl_result,
    index: usize,
    point: usize,
) -> *const c_char {
    service_text(result, index, |s| s.supply_points.get(point))
}

/// Returns how many `X509Certificate` digital identities service `index` has.
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_service_count() - 1.
/// @return the count; 0 if `index` is out of range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_certificate_count(
    result: *const tm_tsl_result,
    index: usize,
) -> usize {
    read(result, 0, |r| {
        r.service_certificates(index).map(|c| c.len())
    })
}

/// Returns certificate `certificate` of service `index`, DER-encoded, in `DigitalId`
/// order (OpenNCP gives the order meaning: for an `NCP` service, 0 is the TLS certificate
/// and 1 the signature one).
///
/// @param result       a TSL result, borrowed for the call.
/// @param index        0 to tm_tsl_result_service_count() - 1.
/// @param certificate  0 to tm_tsl_result_service_certificate_count() - 1.
/// @param len          where to store the number of bytes (set to 0 on failure); may be
///                     NULL.
/// @return the bytes, owned by `result`; NULL if an index is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_certificate(
    result: *const tm_tsl_result,
    index: usize,
    certificate: usize,
    len: *mut usize,
) -> *const u8 {
    let (data, n) = read(result, (ptr::null(), 0), |r| {
        let der = r.service_certificates(index)?.get(certificate)?.der();
        Some((der.as_ptr(), der.len()))
    });
    with_len(data, n, len)
}

/// Returns the country of an OpenNCP NCP configuration list, from its `Id`
/// (`NCPConfiguration-AT` → `"AT"`): only such lists have tm_tsl_to_smp() records and
/// service faces and roles.
///
/// @param result  a TSL result, borrowed for the call.
/// @return a string owned by `result`; NULL if the list is not an NCP configuration list
///         (no such `Id`, or no `NCP-A`/`NCP-B` provider), or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_openncp_country(
    result: *const tm_tsl_result,
) -> *const c_char {
    text(result, |r| r.openncp_country.as_ref())
}

/// Returns the OpenNCP face of service `index`: `"NCP-A"` (the country answering) or
/// `"NCP-B"` (the country asking).
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_service_count() - 1.
/// @return a string owned by `result`; NULL if the list is not an NCP configuration list,
///         the service's type is not an OpenNCP one, `index` is out of range or `result`
///         is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_ncp_face(
    result: *const tm_tsl_result,
    index: usize,
) -> *const c_char {
    service_text(result, index, |s| s.ncp_face.as_ref())
}

/// Returns the OpenNCP role of service `index`: `"VPNGateway"`, `"NCP"`,
/// `"PatientIdentificationService"` (also for the misspelt type of the OpenNCP tools),
/// `"PatientService"`, `"OrderService"`, `"DispensationService"`, `"ConsentService"` or
/// `"IdP"` (for `IdP` and `IdV`).
///
/// @param result  a TSL result, borrowed for the call.
/// @param index   0 to tm_tsl_result_service_count() - 1.
/// @return a string owned by `result`; NULL when tm_tsl_result_service_ncp_face() is NULL.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_service_ncp_role(
    result: *const tm_tsl_result,
    index: usize,
) -> *const c_char {
    service_text(result, index, |s| s.ncp_role.as_ref())
}

/// Releases a TSL result, its report and everything they own; pointers obtained from
/// their accessors become invalid.
///
/// @param result  a TSL result, owned by the caller and released by this call; NULL is
///                allowed and ignored, and so is a pointer that is not a live TSL result.
///
/// Thread safety: no other thread may use `result` (or its report) during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_result_free(result: *mut tm_tsl_result) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered TSL result; the caller gives it up.
        unsafe { handle::free(result) };
    });
}

/// Maps a verified OpenNCP NCP configuration list to SMP ServiceMetadata records, as the
/// community's `tsl2smp` stylesheet does record for record (participant
/// `urn:ehealth:cc:ncpb-idp`, document and process identifiers, transport profiles,
/// endpoint addresses and certificates by role), with its two defects fixed: the NCP
/// signature certificate is carried in an endpoint Extension, and activation times keep
/// their instant. Withdrawn and revoked services are not published. Nothing is written
/// unless every record can be: the call gives all records or none.
///
/// ```c
/// tm_smp_records *recs = NULL;
/// if (tm_tsl_to_smp(tsl, TM_TSL_SMP_OASIS_SMP1, &recs, &err) == TM_OK) {
///     for (size_t i = 0; i < tm_smp_records_count(recs); i++) {
///         size_t len = 0;
///         const char *xml = tm_smp_records_xml(recs, i, &len);
///         // sign xml, then publish it as tm_smp_records_file_name(recs, i)
///     }
///     tm_smp_records_free(recs);
/// }
/// ```
///
/// @param result  a TSL result from tm_verify_tsl(), borrowed for the call.
/// @param format  `TM_TSL_SMP_OASIS_SMP1` or `TM_TSL_SMP_BUSDOX`.
/// @param out     where to store the records on success; set to NULL on failure. Owned by
///                the caller: release them with tm_smp_records_free().
/// @param err     NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_TSL_NOT_OPENNCP` if the list is not an NCP configuration list;
///         `TM_TSL_MALFORMED` if a published service lacks what its record needs (a
///         certificate, a supply point) or two records would have the same file name;
///         `TM_NULL_POINTER` if `result` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if `result` is not live or `format` is unknown.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_to_smp(
    result: *const tm_tsl_result,
    format: i32,
    out: *mut *mut tm_smp_records,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_tsl_to_smp";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: `get` refuses a pointer that is not a live TSL result; the caller does
        // not free it during the call.
        let result = unsafe { handle::get(result, F, "result")? };
        let format = match format {
            TM_TSL_SMP_OASIS_SMP1 => SmpOutputFormat::OasisSmp1,
            TM_TSL_SMP_BUSDOX => SmpOutputFormat::Busdox,
            other => {
                return Err(Failure::invalid(
                    F,
                    &format!(
                        "`format` is {other}; pass TM_TSL_SMP_OASIS_SMP1 or TM_TSL_SMP_BUSDOX"
                    ),
                ))
            }
        };
        let records =
            to_smp(&result.inner, format).map_err(|e| Failure::from(trustmeta::Error::from(e)))?;
        let records = handle::into_raw(tm_smp_records {
            records: records.iter().map(CRecord::new).collect(),
        });
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(records) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

fn record_text(
    records: *const tm_smp_records,
    index: usize,
    f: impl FnOnce(&CRecord) -> &CString,
) -> *const c_char {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences registered records; they are immutable and the
        // caller does not free them during the call.
        unsafe { handle::peek(records) }.and_then(|r| r.records.get(index).map(|c| f(c).as_ptr()))
    })
    .unwrap_or(ptr::null())
}

/// Returns the number of records.
///
/// @param records  records from tm_tsl_to_smp(), borrowed for the call.
/// @return the count; 0 if `records` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `records`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_records_count(records: *const tm_smp_records) -> usize {
    guard::quietly(None, || {
        // SAFETY: as in `record_text`.
        unsafe { handle::peek(records) }.map(|r| r.records.len())
    })
    .unwrap_or(0)
}

/// Returns the file name of record `index`, as the stylesheet names it
/// (`"Patient_Service_AT.xml"`): a plain name without directories.
///
/// @param records  records from tm_tsl_to_smp(), borrowed for the call.
/// @param index    0 to tm_smp_records_count() - 1.
/// @return a string owned by `records`; NULL if `index` is out of range or `records` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `records`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_records_file_name(
    records: *const tm_smp_records,
    index: usize,
) -> *const c_char {
    record_text(records, index, |r| &r.file_name)
}

/// Returns the participant identifier value of record `index` (scheme
/// `ehealth-actorid-qns`).
///
/// @param records  records from tm_tsl_to_smp(), borrowed for the call.
/// @param index    0 to tm_smp_records_count() - 1.
/// @return a string owned by `records`; NULL if `index` is out of range or `records` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `records`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_records_participant(
    records: *const tm_smp_records,
    index: usize,
) -> *const c_char {
    record_text(records, index, |r| &r.participant)
}

/// Returns the document identifier value of record `index` (scheme `ehealth-resid-qns`).
///
/// @param records  records from tm_tsl_to_smp(), borrowed for the call.
/// @param index    0 to tm_smp_records_count() - 1.
/// @return a string owned by `records`; NULL if `index` is out of range or `records` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `records`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_records_document(
    records: *const tm_smp_records,
    index: usize,
) -> *const c_char {
    record_text(records, index, |r| &r.document)
}

/// Returns the process identifier value of record `index` (scheme `ehealth-procid-qns`).
///
/// @param records  records from tm_tsl_to_smp(), borrowed for the call.
/// @param index    0 to tm_smp_records_count() - 1.
/// @return a string owned by `records`; NULL if `index` is out of range or `records` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `records`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_records_process(
    records: *const tm_smp_records,
    index: usize,
) -> *const c_char {
    record_text(records, index, |r| &r.process)
}

/// Returns how many endpoints record `index` has (one per supply point, or one).
///
/// @param records  records from tm_tsl_to_smp(), borrowed for the call.
/// @param index    0 to tm_smp_records_count() - 1.
/// @return the count; 0 if `index` is out of range or `records` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `records`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_records_endpoint_count(
    records: *const tm_smp_records,
    index: usize,
) -> usize {
    guard::quietly(None, || {
        // SAFETY: as in `record_text`.
        unsafe { handle::peek(records) }.and_then(|r| r.records.get(index).map(|c| c.endpoints))
    })
    .unwrap_or(0)
}

/// Returns record `index`: an unsigned ServiceMetadata document, UTF-8, ready for the SMP
/// to sign.
///
/// @param records  records from tm_tsl_to_smp(), borrowed for the call.
/// @param index    0 to tm_smp_records_count() - 1.
/// @param len      where to store the number of bytes, without the terminating NUL (set
///                 to 0 on failure); may be NULL.
/// @return a NUL-terminated string owned by `records`; NULL if `index` is out of range or
///         `records` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `records`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_records_xml(
    records: *const tm_smp_records,
    index: usize,
    len: *mut usize,
) -> *const c_char {
    let data = record_text(records, index, |r| &r.xml);
    let n = if data.is_null() {
        0
    } else {
        // SAFETY: a NUL-terminated string owned by the live records, just returned.
        unsafe { std::ffi::CStr::from_ptr(data) }.count_bytes()
    };
    with_len(data, n, len)
}

/// Releases records and everything they own.
///
/// @param records  records, owned by the caller and released by this call; NULL is
///                 allowed and ignored, and so is a pointer that is not live records.
///
/// Thread safety: no other thread may use `records` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_records_free(records: *mut tm_smp_records) {
    guard::quietly((), || {
        // SAFETY: `free` only releases registered records; the caller gives them up.
        unsafe { handle::free(records) };
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{tm_trust_store_add_pem, tm_trust_store_free, tm_trust_store_new};

    const SIGNER: &[u8] = include_bytes!("../../tests/data/tsl/signed/signer.pem");
    const XML: &[u8] = include_bytes!("../../tests/data/tsl/signed/ncp-configuration-xx.xml");
    const AT: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z

    #[test]
    fn verifies_and_maps_the_ncp_list() {
        // SAFETY: valid slices, out-parameters and live handles throughout.
        unsafe {
            let store = tm_trust_store_new();
            assert_eq!(
                tm_trust_store_add_pem(store, SIGNER.as_ptr(), SIGNER.len(), ptr::null_mut()),
                tm_status::TM_OK
            );
            let mut tsl = ptr::null_mut();
            let st = tm_verify_tsl(
                XML.as_ptr(),
                XML.len(),
                store,
                ptr::null(),
                AT,
                &mut tsl,
                ptr::null_mut(),
            );
            assert_eq!(st, tm_status::TM_OK);
            assert_eq!(tm_tsl_result_sequence_number(tsl), 7);
            assert_eq!(tm_tsl_result_service_count(tsl), 10);
            assert!(tm_tsl_result_service_ncp_role(tsl, 10).is_null());
            let mut recs = ptr::null_mut();
            assert_eq!(
                tm_tsl_to_smp(tsl, 7, &mut recs, ptr::null_mut()),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert_eq!(
                tm_tsl_to_smp(tsl, TM_TSL_SMP_BUSDOX, &mut recs, ptr::null_mut()),
                tm_status::TM_OK
            );
            assert_eq!(tm_smp_records_count(recs), 8);
            let mut len = 0;
            let xml = tm_smp_records_xml(recs, 0, &mut len);
            assert_eq!(std::ffi::CStr::from_ptr(xml).to_bytes().len(), len);
            tm_smp_records_free(recs);
            assert_eq!(tm_smp_records_count(recs), 0);
            tm_tsl_result_free(tsl);
            assert_eq!(tm_tsl_result_service_count(tsl), 0);
            tm_trust_store_free(store);
        }
    }
}
