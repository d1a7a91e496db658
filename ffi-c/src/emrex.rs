//! EMREX: the EMREG registry list (`tm_emreg`), ELMO result verification
//! (`tm_verify_elmo()`, `tm_verify_elmo_field()`, `tm_elmo_result`) and the `returnCode`
//! form field (`tm_emrex_parse_return_code()`). The list and the result are copied into C
//! strings their handles own; the signature report is a `tm_result` the ELMO result owns.

use std::ffi::{c_char, CString};
use std::ptr;

use trustmeta::{Emreg, Learner, ReturnCode, VerifiedElmo};

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::policy::tm_policy;
use crate::result::{c_string, tm_result};
use crate::smp::{now_arg, policy_arg, text_arg};
use crate::status::tm_status;
use crate::store::tm_trust_store;

/// What tm_emreg_choice_ncp() returns when there is no such choice: SIZE_MAX.
const NO_INDEX: usize = usize::MAX;

/// A parsed EMREG registry list: the National Contact Points (NCPs, called EMPs in newer
/// lists) with their country, institutions, URL and certificate, and the countries with
/// their `singleFetch` flag. Returned by tm_emreg_parse(). Nothing in it is signed: the
/// list must come from the registry over an authenticated channel.
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL, 0 or SIZE_MAX. Strings are NUL-terminated UTF-8 owned by the list and valid
/// until tm_emreg_free(). Indexes count from 0, in list order.
///
/// Thread safety: a list is immutable; it may be read and used by tm_verify_elmo() from
/// any number of threads at once, and freed once no thread uses it any more.
pub struct tm_emreg {
    inner: Emreg,
    ncps: Vec<CNcp>,
}

struct CNcp {
    acronym: CString,
    country_code: CString,
    url: CString,
    pub_key: CString,
    institutions: Vec<CString>,
}

impl Handle for tm_emreg {
    const KIND: Kind = Kind::Emreg;
    const C_NAME: &'static str = "tm_emreg";
}

impl tm_emreg {
    fn new(inner: Emreg) -> Self {
        let ncps = inner
            .ncps
            .iter()
            .map(|n| CNcp {
                acronym: c_string(&n.acronym),
                country_code: c_string(&n.country_code),
                url: c_string(&n.url),
                pub_key: c_string(&n.pub_key_pem),
                institutions: n.institutions.iter().map(|i| c_string(i)).collect(),
            })
            .collect();
        tm_emreg { inner, ncps }
    }

    /// The choices for `country` as (NCP index, institution index within that NCP).
    fn choices(&self, country: &str) -> Vec<(usize, Option<usize>)> {
        self.inner
            .choices(country)
            .iter()
            .filter_map(|c| {
                let n = self.inner.ncps.iter().position(|n| ptr::eq(n, c.ncp))?;
                let i = c.institution.and_then(|inst| {
                    c.ncp
                        .institutions
                        .iter()
                        .position(|x| ptr::eq(x.as_str(), inst))
                });
                Some((n, i))
            })
            .collect()
    }
}

/// A verified ELMO result file: the learner it is about, how many reports it holds and
/// who signed it. Returned by tm_verify_elmo() and tm_verify_elmo_field(); only signed
/// content is exposed.
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL or 0. Strings are NUL-terminated UTF-8 owned by the result and valid until
/// tm_elmo_result_free(). Indexes count from 0.
///
/// Thread safety: a result is immutable; it may be read from any number of threads at
/// once, and freed once no thread reads it any more.
pub struct tm_elmo_result {
    namespace: CString,
    learners: Vec<CLearner>,
    reports: usize,
    nested_signatures: usize,
    /// The signature's report, registered as a live tm_result owned by this result.
    report: *mut tm_result,
}

// SAFETY: `report` is an owned, immutable tm_result (itself Send + Sync, see lib.rs),
// reached only through shared references and freed only by tm_elmo_result_free(); every
// other field is plain owned data.
unsafe impl Send for tm_elmo_result {}
// SAFETY: as above: nothing is mutated through a shared reference.
unsafe impl Sync for tm_elmo_result {}

struct CLearner {
    given_names: CString,
    family_name: CString,
    birth_date: Option<CString>,
    citizenship: Option<CString>,
}

impl CLearner {
    fn new(l: &Learner) -> Self {
        CLearner {
            given_names: c_string(&l.given_names),
            family_name: c_string(&l.family_name),
            birth_date: l.birth_date.as_deref().map(c_string),
            citizenship: l.citizenship.as_deref().map(c_string),
        }
    }
}

impl Handle for tm_elmo_result {
    const KIND: Kind = Kind::ElmoResult;
    const C_NAME: &'static str = "tm_elmo_result";
}

impl tm_elmo_result {
    fn new(v: &VerifiedElmo) -> Self {
        tm_elmo_result {
            namespace: c_string(v.namespace),
            learners: v.learners.iter().map(CLearner::new).collect(),
            reports: v.reports,
            nested_signatures: v.nested_signatures,
            report: handle::into_raw(tm_result::from_report(&v.report, Vec::new())),
        }
    }
}

impl Drop for tm_elmo_result {
    fn drop(&mut self) {
        // SAFETY: `report` was registered by `new` and is owned by this result; `free`
        // ignores it if a caller already released it.
        unsafe { handle::free(self.report) };
    }
}

/// ==== EMREX =============================================================================
///
/// Parses an EMREG registry list (the JSON served at `<registry>/emreg/list`, with either
/// the 1.0-era `ncps` or the newer `emps` array). Real lists have defects this accepts: a
/// trailing comma before `]` or `}`, `null` entries (skipped), `singleFetch` as a string,
/// unknown members (ignored).
///
/// ```c
/// tm_emreg *emreg = NULL;
/// if (tm_emreg_parse(json, json_len, &emreg, &err) == TM_OK) {
///     for (size_t i = 0; i < tm_emreg_ncp_count(emreg); i++)
///         printf("%s %s\n", tm_emreg_ncp_acronym(emreg, i), tm_emreg_ncp_url(emreg, i));
///     tm_emreg_free(emreg);
/// }
/// ```
///
/// @param json      the list, borrowed for the call (copied).
/// @param json_len  the number of bytes at `json`.
/// @param out       where to store the list on success; set to NULL on failure. Owned by
///                  the caller: release it with tm_emreg_free().
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_EMREX_JSON_MALFORMED` if it is not JSON (the message gives line and column);
///         `TM_EMREX_JSON_LIMIT` if it is too large or nests too deep;
///         `TM_EMREX_EMREG_MALFORMED` if a known member has the wrong type or a required
///         one is missing;
///         `TM_NULL_POINTER` if `json` or `out` is NULL.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_parse(
    json: *const u8,
    json_len: usize,
    out: *mut *mut tm_emreg,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_emreg_parse";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: `bytes` validates the pointer; the caller keeps the bytes readable.
        let json = unsafe { guard::bytes(json, json_len, F, "json")? };
        let emreg = Emreg::parse(json).map_err(|e| Failure::from(trustmeta::Error::from(e)))?;
        let result = handle::into_raw(tm_emreg::new(emreg));
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Reads a field of a live list; the fallback otherwise.
fn read_emreg<R>(emreg: *const tm_emreg, fallback: R, f: impl FnOnce(&tm_emreg) -> Option<R>) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered tm_emreg; lists are immutable and
        // the caller does not free it during the call.
        unsafe { handle::peek(emreg) }.and_then(f)
    })
    .unwrap_or(fallback)
}

fn ncp_text(
    emreg: *const tm_emreg,
    index: usize,
    f: impl FnOnce(&CNcp) -> Option<&CString>,
) -> *const c_char {
    read_emreg(emreg, ptr::null(), |e| {
        e.ncps.get(index).and_then(f).map(|s| s.as_ptr())
    })
}

/// Returns the number of NCPs (EMPs) in the list.
///
/// @param emreg  a list, borrowed for the call.
/// @return the count; 0 if `emreg` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp_count(emreg: *const tm_emreg) -> usize {
    read_emreg(emreg, 0, |e| Some(e.ncps.len()))
}

/// Returns the acronym of NCP `index`: the name tm_verify_elmo() takes.
///
/// @param emreg  a list, borrowed for the call.
/// @param index  0 to tm_emreg_ncp_count() - 1.
/// @return a string owned by `emreg`; NULL if `index` is out of range or `emreg` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp_acronym(
    emreg: *const tm_emreg,
    index: usize,
) -> *const c_char {
    ncp_text(emreg, index, |n| Some(&n.acronym))
}

/// Returns the country code of NCP `index` (ISO 3166, as listed).
///
/// @param emreg  a list, borrowed for the call.
/// @param index  0 to tm_emreg_ncp_count() - 1.
/// @return a string owned by `emreg`; NULL if `index` is out of range or `emreg` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp_country_code(
    emreg: *const tm_emreg,
    index: usize,
) -> *const c_char {
    ncp_text(emreg, index, |n| Some(&n.country_code))
}

/// Returns the URL of NCP `index`: where to send the learner.
///
/// @param emreg  a list, borrowed for the call.
/// @param index  0 to tm_emreg_ncp_count() - 1.
/// @return a string owned by `emreg` (empty if the list gives none); NULL if `index` is
///         out of range or `emreg` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp_url(emreg: *const tm_emreg, index: usize) -> *const c_char {
    ncp_text(emreg, index, |n| Some(&n.url))
}

/// Returns the `pubKey` of NCP `index` as the list gives it (normally a PEM certificate;
/// tm_emreg_ncp_trust_store() also reads the escaped and bare-base64 forms real lists use).
///
/// @param emreg  a list, borrowed for the call.
/// @param index  0 to tm_emreg_ncp_count() - 1.
/// @return a string owned by `emreg`; NULL if `index` is out of range or `emreg` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp_pub_key(
    emreg: *const tm_emreg,
    index: usize,
) -> *const c_char {
    ncp_text(emreg, index, |n| Some(&n.pub_key))
}

/// Returns the number of institutions NCP `index` lists.
///
/// @param emreg  a list, borrowed for the call.
/// @param index  0 to tm_emreg_ncp_count() - 1.
/// @return the count; 0 if `index` is out of range or `emreg` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp_institution_count(
    emreg: *const tm_emreg,
    index: usize,
) -> usize {
    read_emreg(emreg, 0, |e| {
        e.ncps.get(index).map(|n| n.institutions.len())
    })
}

/// Returns institution `institution` of NCP `index`.
///
/// @param emreg        a list, borrowed for the call.
/// @param index        0 to tm_emreg_ncp_count() - 1.
/// @param institution  0 to tm_emreg_ncp_institution_count() - 1.
/// @return a string owned by `emreg`; NULL if an index is out of range or `emreg` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp_institution(
    emreg: *const tm_emreg,
    index: usize,
    institution: usize,
) -> *const c_char {
    ncp_text(emreg, index, |n| n.institutions.get(institution))
}

/// Creates a trust store that pins the certificate of the NCP called `acronym` and
/// nothing else: an ELMO verified against it was signed by that NCP, whatever its KeyInfo
/// says. tm_verify_elmo() does this itself; use this to verify with tm_verify() or to
/// inspect the certificate.
///
/// @param emreg    a list, borrowed for the call.
/// @param acronym  the NCP's acronym (case-sensitive, as listed), a NUL-terminated UTF-8
///                 string borrowed for the call.
/// @param out      where to store the new store on success; set to NULL on failure. Owned
///                 by the caller: release it with tm_trust_store_free().
/// @param err      NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_EMREX_NCP_NOT_FOUND` if no NCP has that acronym;
///         a `TM_PKI_*` status if its `pubKey` holds no parsable certificate;
///         `TM_NULL_POINTER` if `emreg`, `acronym` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if `emreg` is not live or `acronym` is not UTF-8.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp_trust_store(
    emreg: *const tm_emreg,
    acronym: *const c_char,
    out: *mut *mut tm_trust_store,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_emreg_ncp_trust_store";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: the helpers validate each pointer; the caller keeps them unchanged.
        let (emreg, acronym) = unsafe {
            (
                handle::get(emreg, F, "emreg")?,
                text_arg(acronym, F, "acronym")?,
            )
        };
        let ncp = emreg
            .inner
            .ncp(acronym)
            .map_err(|e| Failure::from(trustmeta::Error::from(e)))?;
        let store = handle::into_raw(tm_trust_store {
            inner: ncp.trust_store()?,
        });
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(store) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Returns whether `country` (ISO 3166, any case) is marked `singleFetch` in the list:
/// its learners choose an institution, not an NCP (see tm_emreg_choice_count()).
///
/// @param emreg    a list, borrowed for the call.
/// @param country  a NUL-terminated string, borrowed for the call.
/// @return true if so; false if not, if the country is not listed, or if an argument is
///         NULL, not UTF-8 or dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_country_single_fetch(
    emreg: *const tm_emreg,
    country: *const c_char,
) -> bool {
    // SAFETY: NULL or, by the C contract, a NUL-terminated string unchanged for the call.
    let Some(country) = (unsafe { accessor_str(country) }) else {
        return false;
    };
    read_emreg(emreg, false, |e| {
        Some(e.inner.country(country).is_some_and(|c| c.single_fetch))
    })
}

/// A string argument of an accessor, which has no error channel: None for NULL or
/// non-UTF-8.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string unchanged during `'a`.
unsafe fn accessor_str<'a>(p: *const c_char) -> Option<&'a str> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-NULL and, by the contract, NUL-terminated and unchanged for 'a.
    unsafe { std::ffi::CStr::from_ptr(p) }.to_str().ok()
}

/// Applies `f` to choice `index` for `country` (the list, the NCP index, the institution
/// index within that NCP); the fallback when there is no such choice.
///
/// # Safety
/// `country` is NULL or a NUL-terminated string unchanged during the call.
unsafe fn choice<R>(
    emreg: *const tm_emreg,
    country: *const c_char,
    index: usize,
    fallback: R,
    f: impl FnOnce(&tm_emreg, usize, Option<usize>) -> Option<R>,
) -> R {
    // SAFETY: as this function's contract.
    let Some(country) = (unsafe { accessor_str(country) }) else {
        return fallback;
    };
    read_emreg(emreg, fallback, |e| {
        let (n, i) = *e.choices(country).get(index)?;
        f(e, n, i)
    })
}

/// Returns how many entries to offer a learner of `country` (ISO 3166, any case): for a
/// `singleFetch` country one per institution (each institution once, with the first NCP
/// that lists it; an NCP without institutions gets one entry), otherwise one per NCP.
///
/// @param emreg    a list, borrowed for the call.
/// @param country  a NUL-terminated string, borrowed for the call.
/// @return the count; 0 if the country has no NCP or an argument is NULL, not UTF-8 or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_choice_count(
    emreg: *const tm_emreg,
    country: *const c_char,
) -> usize {
    // SAFETY: NULL or, by the C contract, a NUL-terminated string unchanged for the call.
    let Some(country) = (unsafe { accessor_str(country) }) else {
        return 0;
    };
    read_emreg(emreg, 0, |e| Some(e.choices(country).len()))
}

/// Returns the NCP of choice `index` for `country`, as an index for the tm_emreg_ncp_*()
/// accessors: the NCP to send the learner to, whose certificate the result must carry.
///
/// @param emreg    a list, borrowed for the call.
/// @param country  a NUL-terminated string, borrowed for the call.
/// @param index    0 to tm_emreg_choice_count() - 1.
/// @return the NCP index; SIZE_MAX if `index` is out of range or an argument is
///         NULL, not UTF-8 or dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_choice_ncp(
    emreg: *const tm_emreg,
    country: *const c_char,
    index: usize,
) -> usize {
    // SAFETY: as `choice`'s contract, which is this function's.
    unsafe { choice(emreg, country, index, NO_INDEX, |_, n, _| Some(n)) }
}

/// Returns the institution shown for choice `index` for `country`: for a `singleFetch`
/// country the institution this entry stands for, otherwise the NCP's first institution.
///
/// @param emreg    a list, borrowed for the call.
/// @param country  a NUL-terminated string, borrowed for the call.
/// @param index    0 to tm_emreg_choice_count() - 1.
/// @return a string owned by `emreg`; NULL if the NCP lists no institution, `index` is
///         out of range or an argument is NULL, not UTF-8 or dead.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_choice_institution(
    emreg: *const tm_emreg,
    country: *const c_char,
    index: usize,
) -> *const c_char {
    // SAFETY: as `choice`'s contract, which is this function's.
    unsafe {
        choice(emreg, country, index, ptr::null(), |e, n, i| {
            e.ncps.get(n)?.institutions.get(i?).map(|s| s.as_ptr())
        })
    }
}

/// Releases a list and everything it owns.
///
/// @param emreg  a list, owned by the caller and released by this call; NULL is allowed
///               and ignored, and so is a pointer that is not a live list.
///
/// Thread safety: no other thread may use `emreg` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_free(emreg: *mut tm_emreg) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered list; the caller gives it up.
        unsafe { handle::free(emreg) };
    });
}

/// The shared body of tm_verify_elmo() and tm_verify_elmo_field().
#[allow(clippy::too_many_arguments)] // the C signature
unsafe fn verify(
    f: &'static str,
    field: bool,
    input: *const u8,
    input_len: usize,
    emreg: *const tm_emreg,
    ncp: *const c_char,
    policy: *const tm_policy,
    now_unix: i64,
    out: *mut *mut tm_elmo_result,
    err: *mut *mut tm_error,
) -> tm_status {
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, f, "out")? };
        let arg = if field { "field" } else { "xml" };
        // SAFETY: the helpers validate each pointer before use; the caller keeps the bytes
        // and strings readable and `emreg`/`policy` unchanged during the call.
        let (input, emreg, ncp, policy) = unsafe {
            (
                guard::bytes(input, input_len, f, arg)?,
                handle::get(emreg, f, "emreg")?,
                text_arg(ncp, f, "ncp")?,
                policy_arg(policy, f)?,
            )
        };
        let emrex_err = |e: trustmeta::EmrexError| Failure::from(trustmeta::Error::from(e));
        let ncp = emreg.inner.ncp(ncp).map_err(emrex_err)?;
        let now = now_arg(now_unix, f)?;
        let decoded;
        let xml = if field {
            decoded = trustmeta::decode_elmo_field(input, trustmeta::DEFAULT_MAX_ELMO_BYTES)
                .map_err(emrex_err)?;
            &decoded[..]
        } else {
            input
        };
        let elmo = trustmeta::verify_elmo_from(xml, ncp, &policy, now)?;
        let result = handle::into_raw(tm_elmo_result::new(&elmo));
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(f, err, body) }
}

/// Verifies an ELMO result file against the certificate the EMREG list gives for the NCP
/// the learner was sent to (KeyInfo is only ever a hint), under the EMREX profile: exactly
/// one `ds:Signature` as a direct child of the root `elmo` element (signatures deeper
/// inside, such as a Diploma Supplement's, are counted, not checked), one
/// `Reference URI=""`, only the enveloped transform, inclusive C14N 1.0, rsa-sha256
/// (rsa-sha1 only with tm_policy_set_allow_sha1()).
///
/// Match the learner (tm_elmo_result_given_names() and the others) against the person who
/// started the EMREX session before using the results.
///
/// ```c
/// tm_elmo_result *elmo = NULL;
/// if (tm_verify_elmo(xml, xml_len, emreg, "NO-NCP", policy, TM_NOW, &elmo, &err) == TM_OK) {
///     printf("%s %s\n", tm_elmo_result_given_names(elmo, 0),
///            tm_elmo_result_family_name(elmo, 0));
///     tm_elmo_result_free(elmo);
/// }
/// ```
///
/// @param xml       the ELMO XML, borrowed for the call.
/// @param xml_len   the number of bytes at `xml`.
/// @param emreg     the EMREG list, borrowed for the call.
/// @param ncp       the acronym of the NCP the learner was sent to, a NUL-terminated
///                  UTF-8 string borrowed for the call.
/// @param policy    the policy, borrowed for the call; NULL means the defaults of
///                  tm_policy_new(). Many NCPs still sign with rsa-sha1: that needs
///                  tm_policy_set_allow_sha1().
/// @param now_unix  the verification time in seconds since 1970, or `TM_NOW`.
/// @param out       where to store the result on success; set to NULL on failure. Owned
///                  by the caller: release it with tm_elmo_result_free().
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if the file verified;
///         `TM_EMREX_NCP_NOT_FOUND` if the list has no NCP called `ncp`;
///         `TM_EMREX_UNKNOWN_DOCUMENT` if it is not an ELMO file;
///         `TM_EMREX_SIGNATURE_PROFILE` if its signature is outside the EMREX profile;
///         `TM_EMREX_MISSING_LEARNER` if it names no learner;
///         `TM_DSIG_ALGORITHM_REFUSED` for rsa-sha1 without tm_policy_set_allow_sha1();
///         a `TM_XML_*`, `TM_DSIG_*`, `TM_CRYPTO_*` or `TM_PKI_*` status as tm_verify()
///         (`TM_PKI_UNTRUSTED_SIGNER` when another NCP signed it);
///         `TM_NULL_POINTER` if `xml`, `emreg`, `ncp` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live, `ncp` is not UTF-8, or the
///         system clock reads before 1970 with `TM_NOW`.
///
/// Thread safety: reentrant: threads may share `emreg` and `policy` as long as no thread
/// changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_elmo(
    xml: *const u8,
    xml_len: usize,
    emreg: *const tm_emreg,
    ncp: *const c_char,
    policy: *const tm_policy,
    now_unix: i64,
    out: *mut *mut tm_elmo_result,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the contract of this function is `verify`'s.
    unsafe {
        verify(
            "tm_verify_elmo",
            false,
            xml,
            xml_len,
            emreg,
            ncp,
            policy,
            now_unix,
            out,
            err,
        )
    }
}

/// Decodes the `elmo` form field an NCP posts back (base64, whitespace tolerated, then
/// gunzipped when it is gzip), and verifies the ELMO it holds as tm_verify_elmo() does.
/// The decoded size is capped (16 MiB by default) while inflating.
///
/// @param field      the form field value as received (URL-decoded), borrowed for the call.
/// @param field_len  the number of bytes at `field`.
/// @param emreg, ncp, policy, now_unix, out, err  as tm_verify_elmo().
/// @return any status of tm_verify_elmo();
///         `TM_EMREX_BAD_BASE64` if `field` is not base64;
///         `TM_EMREX_GZIP_MALFORMED` if it is a broken gzip stream;
///         `TM_EMREX_DECOMPRESSED_TOO_LARGE` if it decodes to more than the cap.
///
/// Thread safety: reentrant, as tm_verify_elmo().
#[no_mangle]
pub unsafe extern "C" fn tm_verify_elmo_field(
    field: *const u8,
    field_len: usize,
    emreg: *const tm_emreg,
    ncp: *const c_char,
    policy: *const tm_policy,
    now_unix: i64,
    out: *mut *mut tm_elmo_result,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the contract of this function is `verify`'s.
    unsafe {
        verify(
            "tm_verify_elmo_field",
            true,
            field,
            field_len,
            emreg,
            ncp,
            policy,
            now_unix,
            out,
            err,
        )
    }
}

/// Reads a field of a live ELMO result; the fallback otherwise.
fn read<R>(
    result: *const tm_elmo_result,
    fallback: R,
    f: impl FnOnce(&tm_elmo_result) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered tm_elmo_result; results are
        // immutable and the caller does not free it during the call.
        unsafe { handle::peek(result) }.and_then(f)
    })
    .unwrap_or(fallback)
}

fn learner_text(
    result: *const tm_elmo_result,
    index: usize,
    f: impl FnOnce(&CLearner) -> Option<&CString>,
) -> *const c_char {
    read(result, ptr::null(), |r| {
        r.learners.get(index).and_then(f).map(|s| s.as_ptr())
    })
}

/// Returns the ELMO namespace of the file: `"https://github.com/emrex-eu/elmo-schemas/tree/v1"`
/// or the 1.0-era `"http://purl.org/net/elmo"`.
///
/// @param result  an ELMO result, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_result_namespace(result: *const tm_elmo_result) -> *const c_char {
    read(result, ptr::null(), |r| Some(r.namespace.as_ptr()))
}

/// Returns the number of distinct learner identities the signed file gives (at least 1).
/// Identity 0 is the one to match: `elmo/learner`, or in 1.0-era files the first
/// report's; those files repeat the learner per report as each institution wrote it
/// (`Keränen` and `Keranen`), and a caller matching a person may accept any of them.
///
/// @param result  an ELMO result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_result_learner_count(result: *const tm_elmo_result) -> usize {
    read(result, 0, |r| Some(r.learners.len()))
}

/// Returns the `givenNames` of learner identity `index` (whitespace-trimmed).
///
/// @param result  an ELMO result, borrowed for the call.
/// @param index   0 (the learner) to tm_elmo_result_learner_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_result_given_names(
    result: *const tm_elmo_result,
    index: usize,
) -> *const c_char {
    learner_text(result, index, |l| Some(&l.given_names))
}

/// Returns the `familyName` of learner identity `index` (whitespace-trimmed).
///
/// @param result  an ELMO result, borrowed for the call.
/// @param index   0 (the learner) to tm_elmo_result_learner_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_result_family_name(
    result: *const tm_elmo_result,
    index: usize,
) -> *const c_char {
    learner_text(result, index, |l| Some(&l.family_name))
}

/// Returns the `bday` of learner identity `index` as written (its format differs between
/// NCPs: `1990-01-31`, `18-07-1966`, `18.07.1966`).
///
/// @param result  an ELMO result, borrowed for the call.
/// @param index   0 (the learner) to tm_elmo_result_learner_count() - 1.
/// @return a string owned by `result`; NULL if the file gives none, `index` is out of
///         range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_result_birth_date(
    result: *const tm_elmo_result,
    index: usize,
) -> *const c_char {
    learner_text(result, index, |l| l.birth_date.as_ref())
}

/// Returns the `citizenship` of learner identity `index`.
///
/// @param result  an ELMO result, borrowed for the call.
/// @param index   0 (the learner) to tm_elmo_result_learner_count() - 1.
/// @return a string owned by `result`; NULL if the file gives none, `index` is out of
///         range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_result_citizenship(
    result: *const tm_elmo_result,
    index: usize,
) -> *const c_char {
    learner_text(result, index, |l| l.citizenship.as_ref())
}

/// Returns the number of ELMO `report` elements (one per issuing institution).
///
/// @param result  an ELMO result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_result_report_count(result: *const tm_elmo_result) -> usize {
    read(result, 0, |r| Some(r.reports))
}

/// Returns the number of signatures inside the content (a Diploma Supplement's): counted,
/// never checked.
///
/// @param result  an ELMO result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_result_nested_signatures(result: *const tm_elmo_result) -> usize {
    read(result, 0, |r| Some(r.nested_signatures))
}

/// Returns the root signature's report as a tm_result: the signer (the NCP's pinned
/// certificate), algorithms, legacy allowances and tm_result_verified_at().
///
/// @param result  an ELMO result, borrowed for the call.
/// @return a tm_result owned by `result` and valid until tm_elmo_result_free(): do not
///         free it; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_result_report(result: *const tm_elmo_result) -> *const tm_result {
    read(result, ptr::null(), |r| Some(r.report.cast_const()))
}

/// Releases an ELMO result, its report and everything they own.
///
/// @param result  an ELMO result, owned by the caller and released by this call; NULL is
///                allowed and ignored, and so is a pointer that is not a live result.
///
/// Thread safety: no other thread may use `result` (or its report) during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_result_free(result: *mut tm_elmo_result) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered result; the caller gives it up.
        unsafe { handle::free(result) };
    });
}

/// The `returnCode` an NCP posts with the `elmo` field, read by
/// tm_emrex_parse_return_code(). 1.0-era NCPs send `NCP_*`, newer EMPs `EMP_*`; both mean
/// the same.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tm_emrex_return_code {
    /// `NCP_OK` / `EMP_OK`: results were selected and the `elmo` field holds them.
    TM_EMREX_RETURN_OK = 0,
    /// `NCP_NO_RESULTS` / `EMP_NO_RESULTS`: the learner has no results to send.
    TM_EMREX_RETURN_NO_RESULTS = 1,
    /// `NCP_CANCEL` / `EMP_CANCEL`: the learner cancelled.
    TM_EMREX_RETURN_CANCEL = 2,
    /// `NCP_ERROR` / `EMP_ERROR`: the NCP failed; `returnMessage` may say why.
    TM_EMREX_RETURN_ERROR = 3,
}

/// Reads the `returnCode` form field an NCP posts back with the `elmo` field (surrounding
/// whitespace ignored, case-sensitive). Only `TM_EMREX_RETURN_OK` comes with results to
/// verify.
///
/// @param value  the form field value, a NUL-terminated string borrowed for the call.
/// @param out    where to store the code on success (left unchanged on failure).
/// @param err    NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_EMREX_BAD_RETURN_CODE` if it is not `NCP_`/`EMP_` + `OK`, `NO_RESULTS`,
///         `CANCEL` or `ERROR`;
///         `TM_NULL_POINTER` if `value` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if `value` is not UTF-8.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_emrex_parse_return_code(
    value: *const c_char,
    out: *mut tm_emrex_return_code,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_emrex_parse_return_code";
    let body = || {
        if out.is_null() {
            return Err(Failure::null(F, "out"));
        }
        // SAFETY: `text_arg` checks for NULL; the caller keeps the string unchanged.
        let value = unsafe { text_arg(value, F, "value")? };
        let code =
            match ReturnCode::parse(value).map_err(|e| Failure::from(trustmeta::Error::from(e)))? {
                ReturnCode::Ok => tm_emrex_return_code::TM_EMREX_RETURN_OK,
                ReturnCode::NoResults => tm_emrex_return_code::TM_EMREX_RETURN_NO_RESULTS,
                ReturnCode::Cancel => tm_emrex_return_code::TM_EMREX_RETURN_CANCEL,
                // Any later code means the NCP did not deliver results: as an error.
                _ => tm_emrex_return_code::TM_EMREX_RETURN_ERROR,
            };
        // SAFETY: non-NULL, and by the C contract storage for one tm_emrex_return_code.
        unsafe { out.write(code) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &[u8] = include_bytes!("../../tests/data/emrex/emreg-1.0-messy.json");

    fn parse() -> *mut tm_emreg {
        let mut e = ptr::null_mut();
        // SAFETY: a valid slice and out-parameter.
        let st = unsafe { tm_emreg_parse(LIST.as_ptr(), LIST.len(), &mut e, ptr::null_mut()) };
        assert_eq!(st, tm_status::TM_OK);
        e
    }

    #[test]
    fn choices_point_into_the_list() {
        let e = parse();
        // SAFETY: a live list and NUL-terminated literals.
        unsafe {
            assert_eq!(tm_emreg_ncp_count(e), 3);
            assert_eq!(tm_emreg_choice_count(e, c"no".as_ptr()), 3);
            assert_eq!(tm_emreg_choice_ncp(e, c"NO".as_ptr(), 2), 1);
            assert_eq!(tm_emreg_choice_ncp(e, c"NO".as_ptr(), 3), NO_INDEX);
            assert_eq!(
                std::ffi::CStr::from_ptr(tm_emreg_choice_institution(e, c"NO".as_ptr(), 1)),
                c"Test College"
            );
            assert!(tm_emreg_country_single_fetch(e, c"NO".as_ptr()));
            assert!(!tm_emreg_country_single_fetch(e, ptr::null()));
            assert_eq!(tm_emreg_choice_count(ptr::null(), c"NO".as_ptr()), 0);
            tm_emreg_free(e);
            assert_eq!(tm_emreg_ncp_count(e), 0);
        }
    }
}
