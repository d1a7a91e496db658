//! SAML metadata: `tm_verify_metadata()` (in memory, streamed above 4 MiB) and the
//! chunked `tm_metadata_stream`, both giving a `tm_metadata_result` (the aggregate's
//! summary, its signature report and its entity list); lookups in what verification
//! produced, `tm_metadata_find_entity()` → `tm_metadata_entity` and
//! `tm_metadata_list_entities()` → `tm_metadata_entity_list`; and
//! `tm_metadata_issuer_trust()`, the keys of verified metadata as a `tm_issuer_trust`.
//! Texts are copied into C strings the handles own; certificates are the DER bytes the
//! metadata holds.

use std::ffi::{c_char, CString};
use std::ops::Range;
use std::ptr;

use trustmeta::{
    DateTime, EntityInfo, EtoegangRole, Limits, MetadataError, MetadataProfile,
    MetadataStreamVerifier, TrustStore, VerifiedMetadata, STREAM_THRESHOLD,
};

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::policy::tm_policy;
use crate::result::{c_string, tm_result};
use crate::saml::tm_issuer_trust;
use crate::smp::{now_arg, policy_arg, text_arg, TM_NO_DATE};
use crate::status::tm_status;
use crate::store::tm_trust_store;

/// `profile` of tm_verify_metadata(), tm_metadata_stream_new() and
/// tm_metadata_issuer_trust(): SAML metadata, checked for its signature, `validUntil` and
/// `cacheDuration`.
pub const TM_METADATA_PROFILE_GENERIC: i32 = 0;

/// `profile`: the eToegang (eHerkenning) aggregate, checked as SAML metadata and also for
/// its `Name` (`urn:etoegang:<version>:metadata:<P|A>:<sequence>`), `cacheDuration`,
/// `mdrpi:PublicationInfo` (publisher and creationInstant) and the five role groups
/// (`urn:etoegang:role:Authenticatiediensten`, `…:Machtigingenregisters`,
/// `…:Koppelregisters`, `…:Interstelseldiensten`, `…:Herkenningsmakelaars`; plus,
/// optionally, `…:Dienstverleners`).
pub const TM_METADATA_PROFILE_ETOEGANG: i32 = 1;

fn profile_arg(profile: i32, func: &str) -> Result<MetadataProfile, Failure> {
    match profile {
        TM_METADATA_PROFILE_GENERIC => Ok(MetadataProfile::Generic),
        TM_METADATA_PROFILE_ETOEGANG => Ok(MetadataProfile::Etoegang),
        p => Err(Failure::invalid(
            func,
            &format!(
                "`profile` {p} is not TM_METADATA_PROFILE_GENERIC or TM_METADATA_PROFILE_ETOEGANG"
            ),
        )),
    }
}

fn date(d: Option<DateTime>) -> i64 {
    d.map_or(TM_NO_DATE, DateTime::unix_seconds)
}

/// Verified SAML metadata: what the aggregate (`EntitiesDescriptor`) or single entity
/// (`EntityDescriptor`) says about itself, who signed it, and its entities. Returned by
/// tm_verify_metadata() and tm_metadata_stream_finish(), which give the same values for
/// the same document.
///
/// A result of tm_verify_metadata() holds a copy of the bytes that verified, so
/// tm_metadata_find_entity() reads entities from exactly those; a result of
/// tm_metadata_stream_finish() holds only the entity list (tm_metadata_list_entities()),
/// not the document.
///
/// Accessors never fail: given NULL or a dead handle they return NULL, 0, false or
/// `TM_NO_DATE`. Strings are NUL-terminated UTF-8 owned by the result and valid until
/// tm_metadata_result_free(). Indexes count from 0.
///
/// Thread safety: a result is immutable; it may be read from any number of threads at
/// once, and freed once no thread reads it any more.
pub struct tm_metadata_result {
    inner: VerifiedMetadata,
    /// The verified bytes when the core's streaming path read a document that
    /// tm_verify_metadata() was given whole (after an in-memory verification the core
    /// holds them itself, in `inner`).
    streamed_copy: Option<Vec<u8>>,
    /// The verifying policy's limits: they bound the parse of an entity looked up.
    limits: Limits,
    root: CString,
    id: Option<CString>,
    name: Option<CString>,
    entity_id: Option<CString>,
    publisher: Option<CString>,
    groups: Vec<CString>,
    etoegang_version: Option<CString>,
    etoegang_environment: Option<CString>,
    /// The signature's report, registered as a live tm_result owned by this result.
    report: *mut tm_result,
}

// SAFETY: `report` is an owned, immutable tm_result (itself Send + Sync, see lib.rs),
// reached only through shared references and freed only by tm_metadata_result_free();
// every other field is plain owned data.
unsafe impl Send for tm_metadata_result {}
// SAFETY: as above: nothing is mutated through a shared reference.
unsafe impl Sync for tm_metadata_result {}

impl Handle for tm_metadata_result {
    const KIND: Kind = Kind::MetadataResult;
    const C_NAME: &'static str = "tm_metadata_result";
}

impl tm_metadata_result {
    fn new(v: VerifiedMetadata, limits: Limits, streamed_copy: Option<Vec<u8>>) -> Self {
        let s = &v.summary;
        let opt = |x: Option<&str>| x.map(c_string);
        tm_metadata_result {
            root: c_string(&s.root),
            id: opt(s.id.as_deref()),
            name: opt(s.name.as_deref()),
            entity_id: opt(s.entity_id.as_deref()),
            publisher: opt(s.publisher.as_deref()),
            groups: s.groups.iter().map(|g| c_string(g)).collect(),
            etoegang_version: s.etoegang.as_ref().map(|n| c_string(&n.version)),
            etoegang_environment: s
                .etoegang
                .as_ref()
                .map(|n| c_string(n.environment.encode_utf8(&mut [0; 4]))),
            report: handle::into_raw(tm_result::from_report(&v.report, Vec::new())),
            inner: v,
            streamed_copy,
            limits,
        }
    }

    /// Finds and reads the entity `entity_id` in the verified bytes.
    fn find_entity(&self, entity_id: &str) -> Result<Option<EntityInfo>, trustmeta::Error> {
        let Some(xml) = &self.streamed_copy else {
            // Held by the core after an in-memory verification; `metadata.not_held`
            // after a streamed one.
            return self.inner.find_entity(entity_id, &self.limits);
        };
        let mut found = self
            .inner
            .entities()
            .iter()
            .filter(|e| e.entity_id == entity_id);
        let Some(e) = found.next() else {
            return Ok(None);
        };
        if found.next().is_some() {
            return Err(malformed("the entityID is carried by more than one entity").into());
        }
        // The pieces the verification's index locates: the document element's start tag
        // (unless the entity is the document element), the enclosing groups' start tags,
        // and the entity itself.
        let piece = |r: &Range<u64>| -> Result<&[u8], trustmeta::Error> {
            let a = usize::try_from(r.start).ok();
            let b = usize::try_from(r.end).ok();
            a.zip(b)
                .and_then(|(a, b)| xml.get(a..b))
                .ok_or_else(|| malformed("a range outside the document").into())
        };
        let mut scope = Vec::with_capacity(e.scope.len() + 1);
        if e.range.start != self.inner.root_tag.start {
            scope.push(piece(&self.inner.root_tag)?);
        }
        for t in &e.scope {
            scope.push(piece(t)?);
        }
        let mut info = trustmeta::read_indexed_entity(e, &scope, piece(&e.range)?, &self.limits)?;
        info.group.clone_from(&e.group);
        Ok(Some(info))
    }
}

fn malformed(reason: &str) -> MetadataError {
    MetadataError::Malformed {
        reason: reason.to_string(),
    }
}

impl Drop for tm_metadata_result {
    fn drop(&mut self) {
        // SAFETY: `report` was registered by `new` and is owned by this result; `free`
        // ignores it if a caller already released it.
        unsafe { handle::free(self.report) };
    }
}

/// Publishes a verified document through `out`.
///
/// # Safety
/// `out` was checked by `guard::clear_out`.
unsafe fn publish(
    v: VerifiedMetadata,
    limits: Limits,
    streamed_copy: Option<Vec<u8>>,
    out: *mut *mut tm_metadata_result,
) {
    let result = handle::into_raw(tm_metadata_result::new(v, limits, streamed_copy));
    // SAFETY: non-NULL and aligned, checked by `clear_out` (this function's contract).
    unsafe { out.write(result) };
}

/// ==== SAML metadata =====================================================================
///
/// Verifies signed SAML metadata held in memory — a federation aggregate
/// (`EntitiesDescriptor`) or a single `EntityDescriptor` — against `store` at `now_unix`,
/// under `profile`. Documents larger than 4 MiB are read by the streaming verifier
/// (tm_metadata_result_streamed() says which path ran); both give the same result, and
/// both keep a copy of the bytes that verified in the result, which
/// tm_metadata_find_entity() reads.
///
/// The signature profile: exactly one `ds:Signature`, the first child element of the
/// document element, with one Reference to the whole document (`URI=""` or the document
/// element's `#ID`, enveloped). Signatures on entities inside are counted
/// (tm_metadata_result_nested_signatures()), not checked. The document must not be past
/// its `validUntil`; tm_metadata_result_expires() says when to fetch it again.
///
/// ```c
/// tm_metadata_result *md = NULL;
/// if (tm_verify_metadata(xml, xml_len, store, NULL, TM_NOW, TM_METADATA_PROFILE_ETOEGANG,
///                        &md, &err) == TM_OK) {
///     printf("%s: %zu entities, sequence %llu\n", tm_metadata_result_name(md),
///            tm_metadata_result_entity_count(md),
///            (unsigned long long)tm_metadata_result_etoegang_sequence(md));
///     tm_metadata_result_free(md);
/// }
/// ```
///
/// @param xml       the metadata as fetched, borrowed for the call.
/// @param xml_len   the number of bytes at `xml`.
/// @param store     the federation's metadata signing certificate (or its CA), borrowed
///                  for the call.
/// @param policy    the policy, borrowed for the call; NULL means the defaults of
///                  tm_policy_new().
/// @param now_unix  the verification time in seconds since 1970, or `TM_NOW`.
/// @param profile   `TM_METADATA_PROFILE_GENERIC` or `TM_METADATA_PROFILE_ETOEGANG`.
/// @param out       where to store the result on success; set to NULL on failure. Owned by
///                  the caller: release it with tm_metadata_result_free().
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if the metadata verified and is current;
///         `TM_METADATA_UNKNOWN_DOCUMENT` if it is not SAML metadata;
///         `TM_METADATA_EXPIRED` if `now_unix` is at or past its `validUntil`;
///         `TM_METADATA_MALFORMED` if `validUntil`, `cacheDuration` or `creationInstant`
///         is not of its type;
///         `TM_METADATA_PROFILE` if it breaks the eToegang profile (with
///         `TM_METADATA_PROFILE_ETOEGANG` only);
///         `TM_DSIG_MALFORMED` if the signature is not the first child element;
///         a `TM_XML_*`, `TM_DSIG_*`, `TM_CRYPTO_*` or `TM_PKI_*` status as tm_verify()
///         (`TM_DSIG_DIGEST_MISMATCH` for changed content, `TM_PKI_UNTRUSTED_SIGNER` when
///         the signer is not in or under `store`);
///         `TM_NULL_POINTER` if `xml`, `store` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live, `profile` is unknown, or the
///         system clock reads before 1970 with `TM_NOW`.
///
/// Thread safety: reentrant, like tm_verify(): threads may share `store` and `policy` as
/// long as no thread changes or frees them meanwhile.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // the C signature
pub unsafe extern "C" fn tm_verify_metadata(
    xml: *const u8,
    xml_len: usize,
    store: *const tm_trust_store,
    policy: *const tm_policy,
    now_unix: i64,
    profile: i32,
    out: *mut *mut tm_metadata_result,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_verify_metadata";
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
        let profile = profile_arg(profile, F)?;
        let now = now_arg(now_unix, F)?;
        let (v, streamed_copy) = if xml.len() <= STREAM_THRESHOLD {
            // The core keeps the verified bytes and the entity list.
            let v = trustmeta::verify_metadata(xml, &store.inner, &policy, now, profile)?;
            (v, None)
        } else {
            // Too large to parse whole: streamed with the entity list, and the very
            // bytes fed kept for the lookups (copied first, so that what is kept is what
            // verified).
            let copy = xml.to_vec();
            let mut s =
                MetadataStreamVerifier::new(&store.inner, &policy, now, profile).with_index();
            for chunk in copy.chunks(256 * 1024) {
                s.feed(chunk)?;
            }
            (s.finish()?, Some(copy))
        };
        // SAFETY: `out` was checked by `clear_out` above.
        unsafe { publish(v, policy.limits, streamed_copy, out) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Reads a field of a live metadata result; the fallback otherwise.
fn read<R>(
    result: *const tm_metadata_result,
    fallback: R,
    f: impl FnOnce(&tm_metadata_result) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered tm_metadata_result; results are
        // immutable and the caller does not free it during the call.
        unsafe { handle::peek(result) }.and_then(f)
    })
    .unwrap_or(fallback)
}

fn text(
    result: *const tm_metadata_result,
    f: impl FnOnce(&tm_metadata_result) -> Option<&CString>,
) -> *const c_char {
    read(result, ptr::null(), |r| f(r).map(|s| s.as_ptr()))
}

/// Returns the local name of the document element: `"EntitiesDescriptor"` (an aggregate)
/// or `"EntityDescriptor"` (a single entity).
///
/// @param result  a metadata result, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_root(
    result: *const tm_metadata_result,
) -> *const c_char {
    text(result, |r| Some(&r.root))
}

/// Returns the document element's `ID` attribute.
///
/// @param result  a metadata result, borrowed for the call.
/// @return a string owned by `result`; NULL if the document element has none, or
///         `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_id(result: *const tm_metadata_result) -> *const c_char {
    text(result, |r| r.id.as_ref())
}

/// Returns the aggregate's `Name`, e.g. `"urn:etoegang:1.13:metadata:P:36"`.
///
/// @param result  a metadata result, borrowed for the call.
/// @return a string owned by `result`; NULL if the document element has none, or
///         `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_name(
    result: *const tm_metadata_result,
) -> *const c_char {
    text(result, |r| r.name.as_ref())
}

/// Returns the `entityID` of a single-entity document (an `EntityDescriptor` root).
///
/// @param result  a metadata result, borrowed for the call.
/// @return a string owned by `result`; NULL for an aggregate, or if `result` is NULL or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_entity_id(
    result: *const tm_metadata_result,
) -> *const c_char {
    text(result, |r| r.entity_id.as_ref())
}

/// Returns the document's `validUntil` in seconds since 1970 (UTC).
///
/// @param result  a metadata result, borrowed for the call.
/// @return the time; `TM_NO_DATE` if the document has none, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_valid_until(result: *const tm_metadata_result) -> i64 {
    read(result, TM_NO_DATE, |r| {
        Some(date(r.inner.summary.valid_until))
    })
}

/// Reads the document's `cacheDuration` (an `xs:duration`): months (years times 12 plus
/// months) and seconds (days, hours, minutes and seconds; fractions dropped) are given
/// apart, because a month has no fixed length. `P7D` is 0 months and 604800 seconds.
///
/// @param result   a metadata result, borrowed for the call.
/// @param months   where to store the months (set to 0 when false is returned); may be
///                 NULL.
/// @param seconds  where to store the seconds (set to 0 when false is returned); may be
///                 NULL.
/// @return true if the document has a `cacheDuration`; false if not, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_cache_duration(
    result: *const tm_metadata_result,
    months: *mut i64,
    seconds: *mut i64,
) -> bool {
    let d = read(result, None, |r| Some(r.inner.summary.cache_duration));
    let (m, s) = d.map_or((0, 0), |d| (d.months, d.seconds));
    for (p, v) in [(months, m), (seconds, s)] {
        if !p.is_null() && p.is_aligned() {
            // SAFETY: non-NULL and aligned; the caller provides storage for one int64_t.
            unsafe { p.write(v) };
        }
    }
    d.is_some()
}

/// Returns when the verified copy must be fetched and verified again, in seconds since
/// 1970 (UTC): the earlier of `validUntil` and the verification time plus
/// `cacheDuration`.
///
/// @param result  a metadata result, borrowed for the call.
/// @return the time; `TM_NO_DATE` if the document has neither `validUntil` nor
///         `cacheDuration`, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_expires(result: *const tm_metadata_result) -> i64 {
    read(result, TM_NO_DATE, |r| Some(date(r.inner.summary.expires)))
}

/// Returns the `publisher` of the document element's `mdrpi:PublicationInfo`.
///
/// @param result  a metadata result, borrowed for the call.
/// @return a string owned by `result`; NULL if there is none, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_publisher(
    result: *const tm_metadata_result,
) -> *const c_char {
    text(result, |r| r.publisher.as_ref())
}

/// Returns the `creationInstant` of the document element's `mdrpi:PublicationInfo`, in
/// seconds since 1970 (UTC).
///
/// @param result  a metadata result, borrowed for the call.
/// @return the time; `TM_NO_DATE` if there is none, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_creation_instant(
    result: *const tm_metadata_result,
) -> i64 {
    read(result, TM_NO_DATE, |r| {
        Some(date(r.inner.summary.creation_instant))
    })
}

/// Returns the number of `EntityDescriptor` elements, at any depth.
///
/// @param result  a metadata result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_entity_count(
    result: *const tm_metadata_result,
) -> usize {
    read(result, 0, |r| Some(r.inner.summary.entities))
}

/// Returns the number of groups: the `EntitiesDescriptor` children of the document
/// element that have a `Name`.
///
/// @param result  a metadata result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_group_count(
    result: *const tm_metadata_result,
) -> usize {
    read(result, 0, |r| Some(r.groups.len()))
}

/// Returns the `Name` of group `index`, in document order, e.g.
/// `"urn:etoegang:role:Authenticatiediensten"`.
///
/// @param result  a metadata result, borrowed for the call.
/// @param index   0 to tm_metadata_result_group_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_group(
    result: *const tm_metadata_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.groups.get(index))
}

/// Returns the specification version of an eToegang `Name`
/// (`urn:etoegang:<version>:metadata:<P|A>:<sequence>`), e.g. `"1.13"`.
///
/// @param result  a metadata result, borrowed for the call.
/// @return a string owned by `result`; NULL if `Name` is absent or not of that form
///         (always of that form under `TM_METADATA_PROFILE_ETOEGANG`), or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_etoegang_version(
    result: *const tm_metadata_result,
) -> *const c_char {
    text(result, |r| r.etoegang_version.as_ref())
}

/// Returns the environment of an eToegang `Name`: `"P"` (production) or `"A"`
/// (acceptance).
///
/// @param result  a metadata result, borrowed for the call.
/// @return a string owned by `result`; NULL when tm_metadata_result_etoegang_version() is.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_etoegang_environment(
    result: *const tm_metadata_result,
) -> *const c_char {
    text(result, |r| r.etoegang_environment.as_ref())
}

/// Returns the publication sequence number of an eToegang `Name`: a newer aggregate has
/// a higher one, so an aggregate with a lower number than one already processed is an
/// older copy (a rollback) and must not replace it.
///
/// @param result  a metadata result, borrowed for the call.
/// @return the number; 0 when tm_metadata_result_etoegang_version() is NULL.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_etoegang_sequence(
    result: *const tm_metadata_result,
) -> u64 {
    read(result, 0, |r| {
        r.inner.summary.etoegang.as_ref().map(|n| n.sequence)
    })
}

/// Tells whether the streaming verifier read the document: always for
/// tm_metadata_stream_finish(), and for tm_verify_metadata() when the document is larger
/// than 4 MiB.
///
/// @param result  a metadata result, borrowed for the call.
/// @return true if streamed; false if read in memory, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_streamed(result: *const tm_metadata_result) -> bool {
    read(result, false, |r| Some(r.inner.streamed))
}

/// Returns the number of signatures inside the document other than its own (on entities
/// or groups): counted, not checked.
///
/// @param result  a metadata result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_nested_signatures(
    result: *const tm_metadata_result,
) -> usize {
    read(result, 0, |r| Some(r.inner.nested_signatures))
}

/// Returns the signature's report as a tm_result: the signer (tm_result_signer_subject(),
/// tm_result_signer_sha256(), tm_result_pinned(), the chain), the algorithms, the
/// References and tm_result_verified_at(). Its tm_result_signed_xml_count() is 0: the
/// signed content is what the tm_metadata_result accessors and the lookups return.
///
/// @param result  a metadata result, borrowed for the call.
/// @return a tm_result owned by `result` and valid until tm_metadata_result_free(): do not
///         free it; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_report(
    result: *const tm_metadata_result,
) -> *const tm_result {
    read(result, ptr::null(), |r| Some(r.report.cast_const()))
}

/// Releases a metadata result, its report and everything they own; pointers obtained
/// from their accessors become invalid.
///
/// @param result  a metadata result, owned by the caller and released by this call; NULL
///                is allowed and ignored, and so is a pointer that is not a live result.
///
/// Thread safety: no other thread may use `result` (or its report) during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_result_free(result: *mut tm_metadata_result) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered result; the caller gives it up.
        unsafe { handle::free(result) };
    });
}

/// Verifies metadata read in chunks, in memory that does not grow with the document (only
/// its entity list does, by tens of bytes and the `entityID` per entity): for aggregates
/// of hundreds of megabytes read from a file or a socket. Create it with
/// tm_metadata_stream_new(), give it the document with tm_metadata_stream_feed() in
/// chunks of any size, get the result with tm_metadata_stream_finish(), and release it
/// with tm_metadata_stream_free(). The result is the one tm_verify_metadata() gives for
/// the same bytes, with its entity list (tm_metadata_list_entities()), but without the
/// document: the stream keeps no copy of what it read, so tm_metadata_find_entity() on it
/// returns `TM_METADATA_NOT_HELD`. To look entities up, verify with tm_verify_metadata(),
/// which keeps a copy of the document in its result.
///
/// The first failure is final: every later tm_metadata_stream_feed() and
/// tm_metadata_stream_finish() returns it again (so a caller may check only the status of
/// tm_metadata_stream_finish()). After a successful finish, the stream takes no more
/// input (`TM_INVALID_ARGUMENT`).
///
/// Thread safety: not internally synchronized: one thread at a time may use a stream
/// (handing it to another thread between calls is fine).
pub struct tm_metadata_stream {
    /// The verifier owns a copy of the caller's store.
    state: StreamState,
    /// The policy's limits, for the result.
    limits: Limits,
}

enum StreamState {
    Open(Box<MetadataStreamVerifier<'static>>),
    Failed(Failure),
    Finished,
}

impl Handle for tm_metadata_stream {
    const KIND: Kind = Kind::MetadataStream;
    const C_NAME: &'static str = "tm_metadata_stream";
}

fn copy_failure(f: &Failure) -> Failure {
    Failure {
        status: f.status,
        code: f.code,
        message: f.message.clone(),
    }
}

/// Creates a streaming metadata verifier (see tm_metadata_stream) for metadata signed by
/// a key of `store`, at `now_unix`, under `profile`. `store` and `policy` are copied:
/// changing or freeing them afterwards does not change the stream.
///
/// ```c
/// tm_metadata_stream *s = NULL;
/// tm_metadata_result *md = NULL;
/// unsigned char buf[65536];
/// size_t n;
/// tm_metadata_stream_new(store, NULL, TM_NOW, TM_METADATA_PROFILE_ETOEGANG, &s, NULL);
/// while ((n = fread(buf, 1, sizeof buf, f)) > 0)
///     tm_metadata_stream_feed(s, buf, n, NULL);
/// if (tm_metadata_stream_finish(s, &md, &err) == TM_OK) {
///     printf("%zu entities\n", tm_metadata_result_entity_count(md));
///     tm_metadata_result_free(md);
/// }
/// tm_metadata_stream_free(s);
/// ```
///
/// @param store     the federation's metadata signing certificate (or its CA), borrowed
///                  for the call (copied).
/// @param policy    the policy, borrowed for the call (copied); NULL means the defaults of
///                  tm_policy_new().
/// @param now_unix  the verification time in seconds since 1970, or `TM_NOW` (the system
///                  clock is read now, not at the end).
/// @param profile   `TM_METADATA_PROFILE_GENERIC` or `TM_METADATA_PROFILE_ETOEGANG`.
/// @param out       where to store the stream on success; set to NULL on failure. Owned by
///                  the caller: release it with tm_metadata_stream_free().
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_NULL_POINTER` if `store` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live, `profile` is unknown, or the
///         system clock reads before 1970 with `TM_NOW`.
///
/// Thread safety: any thread; `store` and `policy` must not change during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream_new(
    store: *const tm_trust_store,
    policy: *const tm_policy,
    now_unix: i64,
    profile: i32,
    out: *mut *mut tm_metadata_stream,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_stream_new";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: the helpers validate each pointer before use; the caller keeps
        // `store`/`policy` unchanged during the call.
        let (store, policy) = unsafe { (handle::get(store, F, "store")?, policy_arg(policy, F)?) };
        let profile = profile_arg(profile, F)?;
        let now = now_arg(now_unix, F)?;
        // With the index: the result lists its entities.
        let verifier =
            MetadataStreamVerifier::owning(store.inner.clone(), &policy, now, profile).with_index();
        let stream = handle::into_raw(tm_metadata_stream {
            state: StreamState::Open(Box::new(verifier)),
            limits: policy.limits,
        });
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(stream) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Gives the stream the next `len` bytes of the document. Chunks may split the document
/// anywhere, inside a tag or a UTF-8 character included.
///
/// @param stream  the stream, borrowed for the call.
/// @param chunk   the bytes, borrowed for the call (not retained); may be NULL when `len`
///                is 0.
/// @param len     the number of bytes at `chunk`.
/// @param err     NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if the bytes read well so far;
///         a `TM_XML_*` status for input that is not well-formed or over a limit, a
///         `TM_DSIG_*` status for a signature outside the profile, or the earlier failure
///         of this stream (the first failure is final);
///         `TM_NULL_POINTER` if `stream` is NULL, or `chunk` is NULL with `len` above 0;
///         `TM_INVALID_ARGUMENT` if `stream` is not live or already finished.
///
/// Thread safety: no other thread may use `stream` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream_feed(
    stream: *mut tm_metadata_stream,
    chunk: *const u8,
    len: usize,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_stream_feed";
    let body = || {
        // SAFETY: `get_mut` refuses a pointer that is not a live stream; the caller does
        // not use it elsewhere during the call.
        let stream = unsafe { handle::get_mut(stream, F, "stream")? };
        let chunk: &[u8] = if len == 0 {
            &[]
        } else {
            // SAFETY: the helper validates the pointer; the caller keeps `len` bytes
            // readable during the call.
            unsafe { guard::bytes(chunk, len, F, "chunk")? }
        };
        match &mut stream.state {
            StreamState::Open(v) => v.feed(chunk).map_err(|e| {
                let failure = Failure::from(e);
                stream.state = StreamState::Failed(copy_failure(&failure));
                failure
            }),
            StreamState::Failed(f) => Err(copy_failure(f)),
            StreamState::Finished => Err(Failure::invalid(
                F,
                "the stream is finished; create a new one for another document",
            )),
        }
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Ends the document and verifies it: the signature, the profile, `validUntil`. The
/// stream takes no more input afterwards; release it with tm_metadata_stream_free().
///
/// @param stream  the stream, borrowed for the call.
/// @param out     where to store the result on success; set to NULL on failure. Owned by
///                the caller: release it with tm_metadata_result_free().
/// @param err     NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` and the result, as tm_verify_metadata() would give for the bytes fed
///         (except that it does not hold them: see tm_metadata_stream);
///         on failure the status tm_verify_metadata() would give (`TM_XML_MALFORMED` for
///         a document cut short), or the earlier failure of this stream;
///         `TM_NULL_POINTER` if `stream` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if `stream` is not live or was already finished.
///
/// Thread safety: no other thread may use `stream` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream_finish(
    stream: *mut tm_metadata_stream,
    out: *mut *mut tm_metadata_result,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_stream_finish";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: `get_mut` refuses a pointer that is not a live stream; the caller does
        // not use it elsewhere during the call.
        let stream = unsafe { handle::get_mut(stream, F, "stream")? };
        match std::mem::replace(&mut stream.state, StreamState::Finished) {
            StreamState::Open(v) => match v.finish() {
                Ok(md) => {
                    // SAFETY: `out` was checked by `clear_out` above.
                    unsafe { publish(md, stream.limits.clone(), None, out) };
                    Ok(())
                }
                Err(e) => {
                    let failure = Failure::from(e);
                    stream.state = StreamState::Failed(copy_failure(&failure));
                    Err(failure)
                }
            },
            StreamState::Failed(f) => {
                let again = copy_failure(&f);
                stream.state = StreamState::Failed(f);
                Err(again)
            }
            StreamState::Finished => Err(Failure::invalid(
                F,
                "the stream was already finished; create a new one for another document",
            )),
        }
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Releases a stream, finished or not.
///
/// @param stream  a stream, owned by the caller and released by this call; NULL is
///                allowed and ignored, and so is a pointer that is not a live stream.
///
/// Thread safety: no other thread may use `stream` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream_free(stream: *mut tm_metadata_stream) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered stream; the caller gives it up.
        unsafe { handle::free(stream) };
    });
}

/// One entity of verified metadata, as tm_metadata_find_entity() read it from its
/// `EntityDescriptor`: roles, keys, endpoints, names, contacts, and its eToegang role.
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL, 0, -1 or false. Strings are NUL-terminated UTF-8 and certificates DER bytes,
/// owned by the entity and valid until tm_metadata_entity_free(). Indexes count from 0,
/// in document order.
///
/// Thread safety: an entity is immutable; it may be read from any number of threads at
/// once, and freed once no thread reads it any more.
pub struct tm_metadata_entity {
    inner: EntityInfo,
    entity_id: CString,
    roles: Vec<CString>,
    endpoints: Vec<CEndpoint>,
    display_names: Vec<(CString, CString)>,
    entity_categories: Vec<CString>,
    organization_name: Option<CString>,
    contact_emails: Vec<CString>,
    group: Option<CString>,
    etoegang_role: Option<CString>,
}

struct CEndpoint {
    role: CString,
    kind: CString,
    binding: CString,
    location: CString,
}

impl Handle for tm_metadata_entity {
    const KIND: Kind = Kind::MetadataEntity;
    const C_NAME: &'static str = "tm_metadata_entity";
}

impl tm_metadata_entity {
    fn new(e: EntityInfo) -> Self {
        let all = |v: &[String]| v.iter().map(|s| c_string(s)).collect();
        tm_metadata_entity {
            entity_id: c_string(&e.entity_id),
            roles: all(&e.roles),
            endpoints: e
                .endpoints
                .iter()
                .map(|p| CEndpoint {
                    role: c_string(&p.role),
                    kind: c_string(&p.kind),
                    binding: c_string(&p.binding),
                    location: c_string(&p.location),
                })
                .collect(),
            display_names: e
                .display_names
                .iter()
                .map(|n| (c_string(&n.lang), c_string(&n.value)))
                .collect(),
            entity_categories: all(&e.entity_categories),
            organization_name: e.organization_name.as_deref().map(c_string),
            contact_emails: all(&e.contact_emails),
            group: e.group.as_deref().map(c_string),
            etoegang_role: e.etoegang_role().map(|r| c_string(r.abbreviation())),
            inner: e,
        }
    }
}

/// Finds the entity `entity_id` in metadata that tm_verify_metadata() accepted, and reads
/// it: its roles, keys, endpoints, names and contacts. The entity is located by the
/// entity list the verification made, and only its `EntityDescriptor` is parsed again,
/// from the copy of the verified bytes that `result` holds (under the limits of the
/// policy that verified it), so a lookup in a large aggregate costs a search of the list,
/// not a parse of the document. Nothing but what verified is ever read: an
/// `EntityDescriptor` that is not an entity of the document (one inside a comment or a
/// signature's `ds:Object`) is never found.
///
/// A document that is itself one `EntityDescriptor` has that one entity to find.
/// `entity_id` is compared with the attribute's value as XML reads it (`&amp;` as `&`).
/// An `entityID` carried by two entities is an error rather than a guess.
///
/// ```c
/// tm_metadata_entity *e = NULL;
/// if (tm_metadata_find_entity(md, "urn:etoegang:AD:...:entities:1", &e, &err) == TM_OK
///     && e != NULL) {
///     size_t len = 0;
///     const uint8_t *der = tm_metadata_entity_signing_certificate(e, 0, &len);
///     // pin `der` (tm_trust_store_add_keys_pem() takes DER too) for this entity's messages
///     tm_metadata_entity_free(e);
/// }
/// ```
///
/// @param result     a metadata result of tm_verify_metadata(), borrowed for the call.
/// @param entity_id  the `entityID` to find, a NUL-terminated UTF-8 string borrowed for
///                   the call.
/// @param out        where to store the entity; set to NULL first. Owned by the caller
///                   (it does not depend on `result`, which may be freed first): release
///                   it with tm_metadata_entity_free(). Left NULL with `TM_OK` when no
///                   entity carries `entity_id`.
/// @param err        NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` with `*out` set if the entity was found, `TM_OK` with `*out` NULL if
///         not;
///         `TM_METADATA_NOT_HELD` if `result` came from tm_metadata_stream_finish(), which
///         does not hold the document (tm_metadata_list_entities() still lists it);
///         `TM_METADATA_MALFORMED` if two entities carry `entity_id`;
///         a `TM_XML_*` status if the entity's element does not parse within the limits;
///         `TM_NULL_POINTER` if `result`, `entity_id` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if `result` is not a live metadata result or `entity_id`
///         is not UTF-8.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_find_entity(
    result: *const tm_metadata_result,
    entity_id: *const c_char,
    out: *mut *mut tm_metadata_entity,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_find_entity";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: the helpers validate each pointer before use; results are immutable and
        // the caller neither frees `result` nor changes `entity_id` during the call.
        let (result, entity_id) = unsafe {
            (
                handle::get(result, F, "result")?,
                text_arg(entity_id, F, "entity_id")?,
            )
        };
        if let Some(e) = result.find_entity(entity_id)? {
            let entity = handle::into_raw(tm_metadata_entity::new(e));
            // SAFETY: checked non-NULL and aligned by `clear_out` above.
            unsafe { out.write(entity) };
        }
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Reads a field of a live entity; the fallback otherwise.
fn entity<R>(
    e: *const tm_metadata_entity,
    fallback: R,
    f: impl FnOnce(&tm_metadata_entity) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered entity; entities are immutable
        // and the caller does not free it during the call.
        unsafe { handle::peek(e) }.and_then(f)
    })
    .unwrap_or(fallback)
}

fn entity_text(
    e: *const tm_metadata_entity,
    f: impl FnOnce(&tm_metadata_entity) -> Option<&CString>,
) -> *const c_char {
    entity(e, ptr::null(), |x| f(x).map(|s| s.as_ptr()))
}

/// Stores `n` at `len` when `len` is usable and returns `data`.
fn with_len(data: *const u8, n: usize, len: *mut usize) -> *const u8 {
    if !len.is_null() && len.is_aligned() {
        // SAFETY: non-NULL and aligned; the caller provides storage for one size_t.
        unsafe { len.write(n) };
    }
    data
}

fn der(
    e: *const tm_metadata_entity,
    len: *mut usize,
    f: fn(&EntityInfo) -> &[Vec<u8>],
    index: usize,
) -> *const u8 {
    let (data, n) = entity(e, (ptr::null(), 0), |x| {
        f(&x.inner).get(index).map(|d| (d.as_ptr(), d.len()))
    });
    with_len(data, n, len)
}

/// Returns the entity's `entityID`.
///
/// @param entity  an entity, borrowed for the call.
/// @return a string owned by `entity`; NULL if `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_id(entity: *const tm_metadata_entity) -> *const c_char {
    entity_text(entity, |e| Some(&e.entity_id))
}

/// Returns the number of the entity's role descriptors (each local name once).
///
/// @param entity  an entity, borrowed for the call.
/// @return the count; 0 if `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_role_count(entity: *const tm_metadata_entity) -> usize {
    self::entity(entity, 0, |e| Some(e.roles.len()))
}

/// Returns the local name of role descriptor `index`: `"IDPSSODescriptor"`,
/// `"SPSSODescriptor"`, `"AttributeAuthorityDescriptor"`, `"PDPDescriptor"` …
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_role_count() - 1.
/// @return a string owned by `entity`; NULL if `index` is out of range or `entity` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_role(
    entity: *const tm_metadata_entity,
    index: usize,
) -> *const c_char {
    entity_text(entity, |e| e.roles.get(index))
}

/// Returns the number of signing certificates: those of `KeyDescriptor`s with
/// `use="signing"` or no `use`, each once.
///
/// @param entity  an entity, borrowed for the call.
/// @return the count; 0 if `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_signing_certificate_count(
    entity: *const tm_metadata_entity,
) -> usize {
    self::entity(entity, 0, |e| Some(e.inner.signing_certificates.len()))
}

/// Returns signing certificate `index` as DER bytes: the keys this entity signs its
/// messages with (tm_trust_store_add_keys_pem() pins them, validity ignored, as the SAML
/// metadata interoperability profile prescribes).
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_signing_certificate_count() - 1.
/// @param len     where to store the number of bytes (set to 0 on failure); may be NULL.
/// @return the bytes, owned by `entity`; NULL if `index` is out of range or `entity` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_signing_certificate(
    entity: *const tm_metadata_entity,
    index: usize,
    len: *mut usize,
) -> *const u8 {
    der(entity, len, |e| &e.signing_certificates, index)
}

/// Returns the number of encryption certificates: those of `KeyDescriptor`s with
/// `use="encryption"` or no `use`, each once.
///
/// @param entity  an entity, borrowed for the call.
/// @return the count; 0 if `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_encryption_certificate_count(
    entity: *const tm_metadata_entity,
) -> usize {
    self::entity(entity, 0, |e| Some(e.inner.encryption_certificates.len()))
}

/// Returns encryption certificate `index` as DER bytes.
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_encryption_certificate_count() - 1.
/// @param len     where to store the number of bytes (set to 0 on failure); may be NULL.
/// @return the bytes, owned by `entity`; NULL if `index` is out of range or `entity` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_encryption_certificate(
    entity: *const tm_metadata_entity,
    index: usize,
    len: *mut usize,
) -> *const u8 {
    der(entity, len, |e| &e.encryption_certificates, index)
}

/// Returns the number of protocol endpoints (elements of a role descriptor with `Binding`
/// and `Location`).
///
/// @param entity  an entity, borrowed for the call.
/// @return the count; 0 if `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_endpoint_count(
    entity: *const tm_metadata_entity,
) -> usize {
    self::entity(entity, 0, |e| Some(e.endpoints.len()))
}

/// Returns the local name of the role descriptor holding endpoint `index`, e.g.
/// `"IDPSSODescriptor"`.
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_endpoint_count() - 1.
/// @return a string owned by `entity`; NULL if `index` is out of range or `entity` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_endpoint_role(
    entity: *const tm_metadata_entity,
    index: usize,
) -> *const c_char {
    entity_text(entity, |e| e.endpoints.get(index).map(|p| &p.role))
}

/// Returns the local name of endpoint `index`: `"SingleSignOnService"`,
/// `"AssertionConsumerService"`, `"AttributeService"`, `"SingleLogoutService"` …
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_endpoint_count() - 1.
/// @return a string owned by `entity`; NULL if `index` is out of range or `entity` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_endpoint_kind(
    entity: *const tm_metadata_entity,
    index: usize,
) -> *const c_char {
    entity_text(entity, |e| e.endpoints.get(index).map(|p| &p.kind))
}

/// Returns the `Binding` of endpoint `index`, e.g.
/// `"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"`.
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_endpoint_count() - 1.
/// @return a string owned by `entity`; NULL if `index` is out of range or `entity` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_endpoint_binding(
    entity: *const tm_metadata_entity,
    index: usize,
) -> *const c_char {
    entity_text(entity, |e| e.endpoints.get(index).map(|p| &p.binding))
}

/// Returns the `Location` (URL) of endpoint `index`.
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_endpoint_count() - 1.
/// @return a string owned by `entity`; NULL if `index` is out of range or `entity` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_endpoint_location(
    entity: *const tm_metadata_entity,
    index: usize,
) -> *const c_char {
    entity_text(entity, |e| e.endpoints.get(index).map(|p| &p.location))
}

/// Returns the `index` attribute of endpoint `index` (indexed endpoints such as
/// `AssertionConsumerService`).
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_endpoint_count() - 1.
/// @return the value, 0 to 4294967295; -1 if the endpoint has none, `index` is out of
///         range or `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_endpoint_index(
    entity: *const tm_metadata_entity,
    index: usize,
) -> i64 {
    self::entity(entity, -1, |e| {
        e.inner.endpoints.get(index)?.index.map(i64::from)
    })
}

/// Returns the number of `mdui:DisplayName` values.
///
/// @param entity  an entity, borrowed for the call.
/// @return the count; 0 if `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_display_name_count(
    entity: *const tm_metadata_entity,
) -> usize {
    self::entity(entity, 0, |e| Some(e.display_names.len()))
}

/// Returns display name `index` (its text, XML entities read).
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_display_name_count() - 1.
/// @return a string owned by `entity`; NULL if `index` is out of range or `entity` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_display_name(
    entity: *const tm_metadata_entity,
    index: usize,
) -> *const c_char {
    entity_text(entity, |e| e.display_names.get(index).map(|n| &n.1))
}

/// Returns the `xml:lang` of display name `index`, e.g. `"nl"`.
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_display_name_count() - 1.
/// @return a string owned by `entity`, empty when the name has no `xml:lang`; NULL if
///         `index` is out of range or `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_display_name_lang(
    entity: *const tm_metadata_entity,
    index: usize,
) -> *const c_char {
    entity_text(entity, |e| e.display_names.get(index).map(|n| &n.0))
}

/// Returns the number of entity categories (`mdattr` values of the attribute
/// `http://macedir.org/entity-category`).
///
/// @param entity  an entity, borrowed for the call.
/// @return the count; 0 if `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_category_count(
    entity: *const tm_metadata_entity,
) -> usize {
    self::entity(entity, 0, |e| Some(e.entity_categories.len()))
}

/// Returns entity category `index`, e.g.
/// `"http://refeds.org/category/research-and-scholarship"`.
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_category_count() - 1.
/// @return a string owned by `entity`; NULL if `index` is out of range or `entity` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_category(
    entity: *const tm_metadata_entity,
    index: usize,
) -> *const c_char {
    entity_text(entity, |e| e.entity_categories.get(index))
}

/// Returns the first `Organization/OrganizationName`.
///
/// @param entity  an entity, borrowed for the call.
/// @return a string owned by `entity`; NULL if there is none, or `entity` is NULL or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_organization_name(
    entity: *const tm_metadata_entity,
) -> *const c_char {
    entity_text(entity, |e| e.organization_name.as_ref())
}

/// Returns the number of `ContactPerson/EmailAddress` values.
///
/// @param entity  an entity, borrowed for the call.
/// @return the count; 0 if `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_contact_email_count(
    entity: *const tm_metadata_entity,
) -> usize {
    self::entity(entity, 0, |e| Some(e.contact_emails.len()))
}

/// Returns contact e-mail address `index`, as written (usually `"mailto:…"`).
///
/// @param entity  an entity, borrowed for the call.
/// @param index   0 to tm_metadata_entity_contact_email_count() - 1.
/// @return a string owned by `entity`; NULL if `index` is out of range or `entity` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_contact_email(
    entity: *const tm_metadata_entity,
    index: usize,
) -> *const c_char {
    entity_text(entity, |e| e.contact_emails.get(index))
}

/// Returns the `Name` of the group (`EntitiesDescriptor`) holding the entity, e.g.
/// `"urn:etoegang:role:Authenticatiediensten"`.
///
/// @param entity  an entity, borrowed for the call.
/// @return a string owned by `entity`; NULL if the entity is a child of the document
///         element itself (or its group has no `Name`), or `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_group(
    entity: *const tm_metadata_entity,
) -> *const c_char {
    entity_text(entity, |e| e.group.as_ref())
}

/// Returns the eToegang role its group gives the entity, by the network's abbreviation:
/// `"AD"` (Authenticatiediensten), `"MR"` (Machtigingenregisters), `"KR"`
/// (Koppelregisters), `"EB"` (Interstelseldiensten: the eIDAS-berichtenservice), `"HM"`
/// (Herkenningsmakelaars) or `"DV"` (Dienstverleners).
///
/// Only `"AD"` entities are offered to users to choose an authentication service from;
/// the eIDAS-berichtenservice is not, though it acts as one (see
/// tm_metadata_entity_acts_as()).
///
/// @param entity  an entity, borrowed for the call.
/// @return a string owned by `entity`; NULL if the entity is not in an eToegang role
///         group, or `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_etoegang_role(
    entity: *const tm_metadata_entity,
) -> *const c_char {
    entity_text(entity, |e| e.etoegang_role.as_ref())
}

/// Tells whether the entity may be treated as eToegang role `role` when a message is
/// validated: its group's role, and for the eIDAS-berichtenservice (`"EB"`, listed under
/// Interstelseldiensten) also authentication service (`"AD"`) and mandate register
/// (`"MR"`), as the network's rules for the aggregate prescribe.
///
/// @param entity  an entity, borrowed for the call.
/// @param role    an abbreviation, `"AD"`, `"MR"`, `"KR"`, `"EB"`, `"HM"` or `"DV"` (any
///                case), a NUL-terminated string borrowed for the call.
/// @return true if so; false if not, `role` is NULL or not one of these, the entity is
///         not in an eToegang role group, or `entity` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_acts_as(
    entity: *const tm_metadata_entity,
    role: *const c_char,
) -> bool {
    self::entity(entity, false, |e| {
        // SAFETY: `text_arg` refuses NULL; otherwise, by the C contract, `role` is a
        // NUL-terminated string unchanged during the call.
        let role = unsafe { text_arg(role, "tm_metadata_entity_acts_as", "role") }.ok()?;
        let role = EtoegangRole::from_abbreviation(role)?;
        Some(e.inner.acts_as(role))
    })
}

/// Releases an entity and everything it owns.
///
/// @param entity  an entity, owned by the caller and released by this call; NULL is
///                allowed and ignored, and so is a pointer that is not a live entity.
///
/// Thread safety: no other thread may use `entity` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_free(entity: *mut tm_metadata_entity) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered entity; the caller gives it up.
        unsafe { handle::free(entity) };
    });
}

/// The entities of verified metadata, as tm_metadata_list_entities() found them: each
/// `entityID` with the `Name` of its group, in document order.
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL or 0. Strings are NUL-terminated UTF-8 owned by the list and valid until
/// tm_metadata_entity_list_free(). Indexes count from 0.
///
/// Thread safety: a list is immutable; it may be read from any number of threads at
/// once, and freed once no thread reads it any more.
pub struct tm_metadata_entity_list {
    entities: Vec<(CString, Option<CString>)>,
}

impl Handle for tm_metadata_entity_list {
    const KIND: Kind = Kind::MetadataEntityList;
    const C_NAME: &'static str = "tm_metadata_entity_list";
}

/// Lists the entities of metadata that tm_verify_metadata() or
/// tm_metadata_stream_finish() accepted: each `EntityDescriptor` of the verified document
/// with its `entityID` and its group, in document order, as the parser that verified the
/// document met them (an `EntityDescriptor` inside a comment, a CDATA section or a
/// signature's `ds:Object` is not an entity). A document that is itself one
/// `EntityDescriptor` lists that entity. Nothing is parsed again: the list is part of
/// the result, for streamed results too.
///
/// @param result  a metadata result, borrowed for the call.
/// @param out     where to store the list on success; set to NULL on failure. Owned by the
///                caller (it does not depend on `result`, which may be freed first):
///                release it with tm_metadata_entity_list_free().
/// @param err     NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_NULL_POINTER` if `result` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if `result` is not a live metadata result.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_list_entities(
    result: *const tm_metadata_result,
    out: *mut *mut tm_metadata_entity_list,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_list_entities";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: `get` refuses a pointer that is not a live metadata result; results are
        // immutable and the caller does not free it during the call.
        let result = unsafe { handle::get(result, F, "result")? };
        let entities = result
            .inner
            .entity_ids()
            .map(|(id, group)| (c_string(id), group.map(c_string)))
            .collect();
        let list = handle::into_raw(tm_metadata_entity_list { entities });
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(list) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

fn list_text(
    list: *const tm_metadata_entity_list,
    f: impl FnOnce(&tm_metadata_entity_list) -> Option<&CString>,
) -> *const c_char {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered list; lists are immutable and the
        // caller does not free it during the call.
        unsafe { handle::peek(list) }.and_then(|l| f(l).map(|s| s.as_ptr()))
    })
    .unwrap_or(ptr::null())
}

/// Returns the number of entities in the list.
///
/// @param list  an entity list, borrowed for the call.
/// @return the count; 0 if `list` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `list`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_list_count(
    list: *const tm_metadata_entity_list,
) -> usize {
    guard::quietly(None, || {
        // SAFETY: as in `list_text`.
        unsafe { handle::peek(list) }.map(|l| l.entities.len())
    })
    .unwrap_or(0)
}

/// Returns the `entityID` of entity `index`.
///
/// @param list   an entity list, borrowed for the call.
/// @param index  0 to tm_metadata_entity_list_count() - 1.
/// @return a string owned by `list`; NULL if `index` is out of range or `list` is NULL or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `list`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_list_entity_id(
    list: *const tm_metadata_entity_list,
    index: usize,
) -> *const c_char {
    list_text(list, |l| l.entities.get(index).map(|e| &e.0))
}

/// Returns the `Name` of the group holding entity `index`.
///
/// @param list   an entity list, borrowed for the call.
/// @param index  0 to tm_metadata_entity_list_count() - 1.
/// @return a string owned by `list`; NULL if the entity is a child of the document
///         element itself, `index` is out of range or `list` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `list`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_list_group(
    list: *const tm_metadata_entity_list,
    index: usize,
) -> *const c_char {
    list_text(list, |l| l.entities.get(index).and_then(|e| e.1.as_ref()))
}

/// Releases an entity list and everything it owns.
///
/// @param list  an entity list, owned by the caller and released by this call; NULL is
///              allowed and ignored, and so is a pointer that is not a live list.
///
/// Thread safety: no other thread may use `list` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_list_free(list: *mut tm_metadata_entity_list) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered list; the caller gives it up.
        unsafe { handle::free(list) };
    });
}

/// Verifies metadata and makes an issuer trust of it for tm_verify_saml_response() and
/// tm_verify_saml_request(): the signing keys of each entity's `role` descriptors pinned
/// for its `entityID`, as the SAML metadata interoperability profile prescribes (keys,
/// not certificate validity, are what metadata vouches for). The keys are read from the
/// entities of the verified document only (never from an `EntityDescriptor` inside a
/// comment or a signature's `ds:Object`). A document above the policy's input size limit
/// is verified as a stream, so trust can come from an aggregate of any size. A
/// `KeyDescriptor` without `use` counts as signing. Entities without such keys are not
/// trusted at all; two entities carrying the `entityID` of one that has such keys make
/// the call fail, since which keys count would be a guess. The issuer trust can be extended afterwards with
/// tm_issuer_trust_add() and tm_issuer_trust_set_any().
///
/// ```c
/// tm_issuer_trust *idps = NULL;
/// if (tm_metadata_issuer_trust(md, md_len, federation, NULL, TM_NOW,
///                              TM_METADATA_PROFILE_GENERIC, NULL, &idps, &err) == TM_OK) {
///     // tm_verify_saml_response(response, len, idps, ...)
///     tm_issuer_trust_free(idps);
/// }
/// ```
///
/// @param xml       the metadata as fetched, borrowed for the call.
/// @param xml_len   the number of bytes at `xml`.
/// @param store     the federation's metadata signing certificate (or its CA), borrowed
///                  for the call.
/// @param policy    the policy, borrowed for the call; NULL means the defaults of
///                  tm_policy_new().
/// @param now_unix  the verification time in seconds since 1970, or `TM_NOW`.
/// @param profile   `TM_METADATA_PROFILE_GENERIC` or `TM_METADATA_PROFILE_ETOEGANG`.
/// @param role      the role descriptor whose keys count, a NUL-terminated string
///                  borrowed for the call: `"IDPSSODescriptor"` (issuers of responses)
///                  or `"SPSSODescriptor"` (issuers of requests); NULL means
///                  `"IDPSSODescriptor"`.
/// @param out       where to store the issuer trust on success; set to NULL on failure.
///                  Owned by the caller: release it with tm_issuer_trust_free().
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         every failure status of tm_verify_metadata() (metadata that does not verify
///         gives no trust at all);
///         `TM_METADATA_MALFORMED` if a signing certificate is not base64, or two
///         entities carry the `entityID` of one with signing keys;
///         `TM_PKI_BAD_CERTIFICATE` if one is not an X.509 certificate;
///         `TM_NULL_POINTER` if `xml`, `store` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live, `profile` is unknown, `role` is
///         not UTF-8, or the system clock reads before 1970 with `TM_NOW`.
///
/// Thread safety: reentrant, like tm_verify_metadata().
#[no_mangle]
#[allow(clippy::too_many_arguments)] // the C signature
pub unsafe extern "C" fn tm_metadata_issuer_trust(
    xml: *const u8,
    xml_len: usize,
    store: *const tm_trust_store,
    policy: *const tm_policy,
    now_unix: i64,
    profile: i32,
    role: *const c_char,
    out: *mut *mut tm_issuer_trust,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_issuer_trust";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: the helpers validate each pointer before use; the caller keeps them
        // unchanged during the call.
        let (xml, store, policy, role) = unsafe {
            (
                guard::bytes(xml, xml_len, F, "xml")?,
                handle::get(store, F, "store")?,
                policy_arg(policy, F)?,
                if role.is_null() {
                    "IDPSSODescriptor"
                } else {
                    text_arg(role, F, "role")?
                },
            )
        };
        let profile = profile_arg(profile, F)?;
        let now = now_arg(now_unix, F)?;
        let trust =
            trustmeta::metadata_issuer_trust(xml, &store.inner, &policy, now, profile, role)?;
        // The C handle keeps its entries to rebuild the core's trust after
        // tm_issuer_trust_add().
        let issuers: Vec<(String, TrustStore)> = trust
            .issuers()
            .map(|(id, s)| (id.to_string(), s.clone()))
            .collect();
        let result = handle::into_raw(tm_issuer_trust::from_issuers(issuers));
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{tm_trust_store_add_pem, tm_trust_store_free, tm_trust_store_new};

    const SIGNER: &[u8] = include_bytes!("../../tests/data/metadata/signed/signer.pem");
    const XML: &[u8] = include_bytes!("../../tests/data/metadata/signed/aggregate.xml");
    const AT: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z

    #[test]
    fn stream_and_memory_agree_and_failures_are_final() {
        // SAFETY: valid slices, out-parameters and live handles throughout.
        unsafe {
            let store = tm_trust_store_new();
            assert_eq!(
                tm_trust_store_add_pem(store, SIGNER.as_ptr(), SIGNER.len(), ptr::null_mut()),
                tm_status::TM_OK
            );
            let mut md = ptr::null_mut();
            let st = tm_verify_metadata(
                XML.as_ptr(),
                XML.len(),
                store,
                ptr::null(),
                AT,
                TM_METADATA_PROFILE_ETOEGANG,
                &mut md,
                ptr::null_mut(),
            );
            assert_eq!(st, tm_status::TM_OK);
            assert_eq!(tm_metadata_result_etoegang_sequence(md), 36);
            assert!(!tm_metadata_result_streamed(md));

            let mut s = ptr::null_mut();
            let st = tm_metadata_stream_new(store, ptr::null(), AT, 1, &mut s, ptr::null_mut());
            assert_eq!(st, tm_status::TM_OK);
            tm_trust_store_free(store); // the stream holds its own copy
            for c in XML.chunks(1000) {
                let st = tm_metadata_stream_feed(s, c.as_ptr(), c.len(), ptr::null_mut());
                assert_eq!(st, tm_status::TM_OK);
            }
            let mut md2 = ptr::null_mut();
            assert_eq!(
                tm_metadata_stream_finish(s, &mut md2, ptr::null_mut()),
                tm_status::TM_OK
            );
            assert!(tm_metadata_result_streamed(md2));
            assert_eq!(
                tm_metadata_result_expires(md2),
                tm_metadata_result_expires(md)
            );
            // The stream lists the entities; only the in-memory result reads one.
            let (mut l1, mut l2) = (ptr::null_mut(), ptr::null_mut());
            assert_eq!(
                tm_metadata_list_entities(md, &mut l1, ptr::null_mut()),
                tm_status::TM_OK
            );
            assert_eq!(
                tm_metadata_list_entities(md2, &mut l2, ptr::null_mut()),
                tm_status::TM_OK
            );
            assert_eq!(tm_metadata_entity_list_count(l1), 7);
            assert_eq!((*l1).entities, (*l2).entities);
            tm_metadata_entity_list_free(l1);
            tm_metadata_entity_list_free(l2);
            let id = c"urn:etoegang:AD:00000001000000000000:entities:1";
            let mut e = ptr::null_mut();
            assert_eq!(
                tm_metadata_find_entity(md, id.as_ptr(), &mut e, ptr::null_mut()),
                tm_status::TM_OK
            );
            assert!(!e.is_null());
            tm_metadata_entity_free(e);
            assert_eq!(
                tm_metadata_find_entity(md2, id.as_ptr(), &mut e, ptr::null_mut()),
                tm_status::TM_METADATA_NOT_HELD
            );
            assert!(e.is_null());
            tm_metadata_result_free(md2);
            assert_eq!(
                tm_metadata_stream_finish(s, &mut md2, ptr::null_mut()),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert!(md2.is_null());
            tm_metadata_stream_free(s);
            tm_metadata_result_free(md);
        }
    }
}
