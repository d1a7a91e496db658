//! SAML 2.0 Web Browser SSO with the STORK 1.0 and eIDAS profiles: which keys sign for
//! which issuer (`tm_issuer_trust`), the assertion-ID replay cache (`tm_replay_cache`),
//! responses (`tm_verify_saml_response()`, `tm_saml_response`), authentication requests
//! (`tm_verify_saml_request()`, `tm_verify_saml_request_redirect()`, `tm_saml_request`)
//! and the HTTP-POST binding (`tm_saml_decode_post_binding()`). Results are copied into C
//! strings their handles own; signature reports are `tm_result`s the results own.

use std::ffi::{c_char, CString};
use std::ptr;
use std::sync::{Mutex, PoisonError};

use trustmeta::{
    AttributeStatus, DateTime, IssuerTrust, MemoryReplayCache, RequestExpectations,
    ResponseExpectations, SamlError, SamlProfile, SignedBy, SignedParts, SpType, TrustStore,
    VerifiedAuthnRequest, VerifiedResponse,
};

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::policy::tm_policy;
use crate::result::{c_string, tm_result};
use crate::smp::{now_arg, policy_arg, text_arg, TM_NO_DATE};
use crate::status::tm_status;
use crate::store::tm_trust_store;

/// Profile for tm_verify_saml_response() and tm_verify_saml_request(): plain SAML 2.0
/// Web Browser SSO under the caller's policy.
pub const TM_SAML_PROFILE_GENERIC: i32 = 0;
/// Profile: STORK 1.0 (exclusive canonicalization; rsa-sha1 only with
/// tm_policy_set_allow_sha1(); a successful response carries exactly one assertion).
pub const TM_SAML_PROFILE_STORK: i32 = 1;
/// Profile: eIDAS (RSASSA-PSS or ECDSA only, SHA-256 or stronger, RSA keys of at least
/// 3072 bits, EC keys of at least 256), whatever the policy says.
pub const TM_SAML_PROFILE_EIDAS: i32 = 2;

/// Signatures a response must carry: a signed Response or a signed Assertion, or both.
/// Whatever is chosen, the assertion returned is covered by a verified signature.
pub const TM_SAML_SIGNED_ANY: i32 = 0;
/// Signatures: the Response must be signed. Also what tm_saml_response_signed_by() returns
/// when only the Response's signature covered the assertion.
pub const TM_SAML_SIGNED_RESPONSE: i32 = 1;
/// Signatures: the Assertion must be signed. Also what tm_saml_response_signed_by()
/// returns when only the Assertion's own signature covered it.
pub const TM_SAML_SIGNED_ASSERTION: i32 = 2;
/// Signatures: both must be signed. Also what tm_saml_response_signed_by() returns when
/// both signatures covered the assertion.
pub const TM_SAML_SIGNED_BOTH: i32 = 3;

/// tm_saml_response_attribute_status(): the attribute has no STORK `AttributeStatus`.
pub const TM_SAML_ATTRIBUTE_STATUS_NONE: i32 = 0;
/// tm_saml_response_attribute_status(): STORK `Available`, the value is given.
pub const TM_SAML_ATTRIBUTE_STATUS_AVAILABLE: i32 = 1;
/// tm_saml_response_attribute_status(): STORK `NotAvailable`, the identity provider does
/// not have it.
pub const TM_SAML_ATTRIBUTE_STATUS_NOT_AVAILABLE: i32 = 2;
/// tm_saml_response_attribute_status(): STORK `Withheld`, the citizen did not consent to
/// give it.
pub const TM_SAML_ATTRIBUTE_STATUS_WITHHELD: i32 = 3;

/// The trust anchors of SAML issuers: a trust store per issuer entity ID, or one store
/// for any issuer (a relying party that talks to a single identity provider). A message
/// is checked against the store of the issuer it names, else the any-issuer store;
/// naming another issuer only selects another store, whose keys the signer then must
/// hold.
///
/// Create it with tm_issuer_trust_new(), fill it with tm_issuer_trust_add() and
/// tm_issuer_trust_set_any(), release it with tm_issuer_trust_free().
///
/// Thread safety: not internally synchronized. Once filled, it may be shared by any
/// number of threads verifying at the same time; changing it or freeing it must not
/// overlap any other use.
pub struct tm_issuer_trust {
    issuers: Vec<(String, TrustStore)>,
    any: Option<TrustStore>,
    inner: IssuerTrust,
}

impl Handle for tm_issuer_trust {
    const KIND: Kind = Kind::IssuerTrust;
    const C_NAME: &'static str = "tm_issuer_trust";
}

impl tm_issuer_trust {
    /// An issuer trust with a store per issuer and no any-issuer store.
    pub(crate) fn from_issuers(issuers: Vec<(String, TrustStore)>) -> Self {
        let mut t = tm_issuer_trust {
            issuers,
            any: None,
            inner: IssuerTrust::new(),
        };
        t.rebuild();
        t
    }

    /// Rebuilds the core value after a change: the core type has no way to replace its
    /// any-issuer store in place.
    fn rebuild(&mut self) {
        let mut t = match &self.any {
            Some(s) => IssuerTrust::any_issuer(s.clone()),
            None => IssuerTrust::new(),
        };
        for (id, s) in &self.issuers {
            t.add(id, s.clone());
        }
        self.inner = t;
    }
}

/// Remembers the IDs of accepted assertions until they expire, so that a bearer
/// assertion is accepted once: pass the same cache to every tm_verify_saml_response() of
/// a relying party. Only a response that verified in every other respect is recorded.
/// When the cache is full, expired IDs are dropped; if it is still full, a new assertion
/// is refused as a replay rather than evicting a live ID (a flood must not reopen the
/// door).
///
/// Thread safety: internally synchronized: any number of threads may verify with the
/// same cache at once (the verifications that share a cache run one at a time, so that
/// two threads given the same response cannot both accept it); freeing it must not
/// overlap any other use.
pub struct tm_replay_cache {
    inner: Mutex<MemoryReplayCache>,
}

impl Handle for tm_replay_cache {
    const KIND: Kind = Kind::ReplayCache;
    const C_NAME: &'static str = "tm_replay_cache";
}

/// A verified SAML response: the issuer, the subject's NameID, the attributes, the
/// conditions and who signed. Returned by tm_verify_saml_response(); only what a
/// verified signature covered is exposed.
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL, 0, false or `TM_NO_DATE`. Strings are NUL-terminated UTF-8 owned by the result
/// and valid until tm_saml_response_free(). Indexes count from 0, in document order.
///
/// Thread safety: a result is immutable; it may be read from any number of threads at
/// once, and freed once no thread reads it any more.
pub struct tm_saml_response {
    id: CString,
    issuer: CString,
    in_response_to: Option<CString>,
    destination: Option<CString>,
    assertion_id: CString,
    issue_instant: i64,
    name_id: Option<CString>,
    name_id_format: Option<CString>,
    attributes: Vec<CAttribute>,
    session_index: Option<CString>,
    not_before: i64,
    not_on_or_after: i64,
    audiences: Vec<CString>,
    one_time_use: bool,
    loa: Option<CString>,
    stork_qaa: i32,
    signed_by: i32,
    /// The signature reports, registered as live tm_results owned by this result.
    reports: Vec<*mut tm_result>,
}

// SAFETY: `reports` are owned, immutable tm_results (themselves Send + Sync, see lib.rs),
// reached only through shared references and freed only by tm_saml_response_free();
// every other field is plain owned data.
unsafe impl Send for tm_saml_response {}
// SAFETY: as above: nothing is mutated through a shared reference.
unsafe impl Sync for tm_saml_response {}

struct CAttribute {
    name: CString,
    name_format: Option<CString>,
    friendly_name: Option<CString>,
    values: Vec<CString>,
    status: i32,
}

impl Handle for tm_saml_response {
    const KIND: Kind = Kind::SamlResponse;
    const C_NAME: &'static str = "tm_saml_response";
}

fn opt_c(s: Option<&str>) -> Option<CString> {
    s.map(c_string)
}

impl tm_saml_response {
    fn new(v: &VerifiedResponse) -> Self {
        let a = &v.assertion;
        tm_saml_response {
            id: c_string(&v.id),
            issuer: c_string(&v.issuer),
            in_response_to: opt_c(v.in_response_to.as_deref()),
            destination: opt_c(v.destination.as_deref()),
            assertion_id: c_string(&a.id),
            issue_instant: a.issue_instant.unix_seconds(),
            name_id: a.name_id.as_ref().map(|n| c_string(&n.value)),
            name_id_format: a.name_id.as_ref().and_then(|n| opt_c(n.format.as_deref())),
            attributes: a
                .attributes
                .iter()
                .map(|x| CAttribute {
                    name: c_string(&x.name),
                    name_format: opt_c(x.name_format.as_deref()),
                    friendly_name: opt_c(x.friendly_name.as_deref()),
                    values: x.values.iter().map(|s| c_string(s)).collect(),
                    status: match x.status {
                        None => TM_SAML_ATTRIBUTE_STATUS_NONE,
                        Some(AttributeStatus::Available) => TM_SAML_ATTRIBUTE_STATUS_AVAILABLE,
                        Some(AttributeStatus::NotAvailable) => {
                            TM_SAML_ATTRIBUTE_STATUS_NOT_AVAILABLE
                        }
                        Some(AttributeStatus::Withheld) => TM_SAML_ATTRIBUTE_STATUS_WITHHELD,
                    },
                })
                .collect(),
            session_index: a
                .authn_statements
                .first()
                .and_then(|s| opt_c(s.session_index.as_deref())),
            not_before: a.not_before.map_or(TM_NO_DATE, DateTime::unix_seconds),
            not_on_or_after: a.not_on_or_after.map_or(TM_NO_DATE, DateTime::unix_seconds),
            audiences: a.audiences.iter().map(|s| c_string(s)).collect(),
            one_time_use: a.one_time_use,
            loa: opt_c(a.loa.as_deref()),
            stork_qaa: a.stork_qaa.map_or(0, i32::from),
            signed_by: match v.signed_by {
                SignedBy::Response => TM_SAML_SIGNED_RESPONSE,
                SignedBy::Assertion => TM_SAML_SIGNED_ASSERTION,
                SignedBy::Both => TM_SAML_SIGNED_BOTH,
            },
            reports: v
                .reports
                .iter()
                .map(|r| handle::into_raw(tm_result::from_report(r, Vec::new())))
                .collect(),
        }
    }
}

impl Drop for tm_saml_response {
    fn drop(&mut self) {
        for r in &self.reports {
            // SAFETY: each report was registered by `new` and is owned by this result;
            // `free` ignores one a caller already released.
            unsafe { handle::free(*r) };
        }
    }
}

/// A verified SAML AuthnRequest with its STORK or eIDAS extensions. Returned by
/// tm_verify_saml_request() and tm_verify_saml_request_redirect().
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL, 0, false or `TM_NO_DATE`. Strings are NUL-terminated UTF-8 owned by the result
/// and valid until tm_saml_request_free(). Indexes count from 0, in document order.
///
/// Thread safety: a result is immutable; it may be read from any number of threads at
/// once, and freed once no thread reads it any more.
pub struct tm_saml_request {
    id: CString,
    issuer: Option<CString>,
    issue_instant: i64,
    destination: Option<CString>,
    acs_url: Option<CString>,
    provider_name: Option<CString>,
    force_authn: bool,
    is_passive: bool,
    name_id_format: Option<CString>,
    sp_type: Option<CString>,
    requested_loa: Vec<CString>,
    loa_comparison: Option<CString>,
    attributes: Vec<CRequested>,
    stork_qaa: i32,
    sp_sector: Option<CString>,
    sp_institution: Option<CString>,
    sp_application: Option<CString>,
    sp_country: Option<CString>,
    citizen_country: Option<CString>,
    relay_state: Option<CString>,
    redirect_signature_algorithm: Option<CString>,
    /// The XML signature's report (NULL for the Redirect binding), registered as a live
    /// tm_result owned by this result.
    report: *mut tm_result,
}

// SAFETY: `report` is NULL or an owned, immutable tm_result (Send + Sync, see lib.rs),
// reached only through shared references and freed only by tm_saml_request_free();
// every other field is plain owned data.
unsafe impl Send for tm_saml_request {}
// SAFETY: as above: nothing is mutated through a shared reference.
unsafe impl Sync for tm_saml_request {}

struct CRequested {
    name: CString,
    friendly_name: Option<CString>,
    required: bool,
    values: Vec<CString>,
}

impl Handle for tm_saml_request {
    const KIND: Kind = Kind::SamlRequest;
    const C_NAME: &'static str = "tm_saml_request";
}

impl tm_saml_request {
    fn new(
        r: &VerifiedAuthnRequest,
        relay_state: Option<&str>,
        redirect_alg: Option<&str>,
    ) -> Self {
        let stork = r.stork.as_ref();
        let stork_text =
            |f: fn(&trustmeta::StorkRequest) -> Option<&str>| stork.and_then(f).map(c_string);
        tm_saml_request {
            id: c_string(&r.id),
            issuer: opt_c(r.issuer.as_deref()),
            issue_instant: r.issue_instant.unix_seconds(),
            destination: opt_c(r.destination.as_deref()),
            acs_url: opt_c(r.acs_url.as_deref()),
            provider_name: opt_c(r.provider_name.as_deref()),
            force_authn: r.force_authn,
            is_passive: r.is_passive,
            name_id_format: opt_c(r.name_id_format.as_deref()),
            sp_type: r.sp_type.map(|t| {
                c_string(match t {
                    SpType::Public => "public",
                    SpType::Private => "private",
                })
            }),
            requested_loa: r.requested_loa.iter().map(|s| c_string(s)).collect(),
            loa_comparison: opt_c(r.loa_comparison.as_deref()),
            attributes: r
                .requested_attributes
                .iter()
                .map(|x| CRequested {
                    name: c_string(&x.name),
                    friendly_name: opt_c(x.friendly_name.as_deref()),
                    required: x.required,
                    values: x.values.iter().map(|s| c_string(s)).collect(),
                })
                .collect(),
            stork_qaa: stork.and_then(|s| s.qaa).map_or(0, i32::from),
            sp_sector: stork_text(|s| s.sp_sector.as_deref()),
            sp_institution: stork_text(|s| s.sp_institution.as_deref()),
            sp_application: stork_text(|s| s.sp_application.as_deref()),
            sp_country: stork_text(|s| s.sp_country.as_deref()),
            citizen_country: stork_text(|s| s.citizen_country.as_deref()),
            relay_state: opt_c(relay_state),
            redirect_signature_algorithm: opt_c(redirect_alg),
            report: r.report.as_ref().map_or(ptr::null_mut(), |rep| {
                handle::into_raw(tm_result::from_report(rep, Vec::new()))
            }),
        }
    }
}

impl Drop for tm_saml_request {
    fn drop(&mut self) {
        // SAFETY: `report` is NULL or was registered by `new` and is owned by this
        // result; `free` ignores NULL and one a caller already released.
        unsafe { handle::free(self.report) };
    }
}

/// ==== SAML ==============================================================================
///
/// Creates an empty issuer trust (see tm_issuer_trust): no issuer is trusted yet.
///
/// @return a new issuer trust, owned by the caller (release it with
///         tm_issuer_trust_free()); NULL only if the library failed internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_issuer_trust_new() -> *mut tm_issuer_trust {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_issuer_trust {
            issuers: Vec::new(),
            any: None,
            inner: IssuerTrust::new(),
        })
    })
}

/// Trusts the certificates and keys of `store` for messages whose `Issuer` is
/// `entity_id` (compared exactly). The store is copied: changing or freeing it afterwards
/// does not change the issuer trust. Adding the same entity ID twice keeps the first.
///
/// @param trust      the issuer trust, borrowed for the call.
/// @param entity_id  the issuer's entity ID, a NUL-terminated UTF-8 string borrowed for
///                   the call.
/// @param store      the issuer's trust store, borrowed for the call (copied).
/// @param err        NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_NULL_POINTER` if `trust`, `entity_id` or `store` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live or `entity_id` is not UTF-8.
///
/// Thread safety: no other thread may use `trust` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_issuer_trust_add(
    trust: *mut tm_issuer_trust,
    entity_id: *const c_char,
    store: *const tm_trust_store,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_issuer_trust_add";
    let body = || {
        // SAFETY: the helpers validate each pointer; the caller keeps `entity_id` and
        // `store` unchanged and does not use `trust` elsewhere during the call.
        let (trust, entity_id, store) = unsafe {
            (
                handle::get_mut(trust, F, "trust")?,
                text_arg(entity_id, F, "entity_id")?,
                handle::get(store, F, "store")?,
            )
        };
        trust
            .issuers
            .push((entity_id.to_owned(), store.inner.clone()));
        trust.rebuild();
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Trusts the certificates and keys of `store` for every issuer that has no store of
/// its own (replacing an earlier any-issuer store). The store is copied.
///
/// @param trust  the issuer trust, borrowed for the call.
/// @param store  the trust store, borrowed for the call (copied).
/// @param err    NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_NULL_POINTER` if `trust` or `store` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live.
///
/// Thread safety: no other thread may use `trust` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_issuer_trust_set_any(
    trust: *mut tm_issuer_trust,
    store: *const tm_trust_store,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_issuer_trust_set_any";
    let body = || {
        // SAFETY: the helpers validate each pointer; the caller keeps `store` unchanged
        // and does not use `trust` elsewhere during the call.
        let (trust, store) = unsafe {
            (
                handle::get_mut(trust, F, "trust")?,
                handle::get(store, F, "store")?,
            )
        };
        trust.any = Some(store.inner.clone());
        trust.rebuild();
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Tells whether a message naming `issuer` would find trust anchors: a store of its own
/// (from tm_issuer_trust_add() or tm_metadata_issuer_trust()) or the any-issuer store.
///
/// @param trust   an issuer trust, borrowed for the call.
/// @param issuer  the issuer's entity ID, a NUL-terminated UTF-8 string borrowed for the
///                call (compared exactly).
/// @return true if so; false if not, or `issuer` is NULL or not UTF-8, or `trust` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `trust`.
#[no_mangle]
pub unsafe extern "C" fn tm_issuer_trust_has_issuer(
    trust: *const tm_issuer_trust,
    issuer: *const c_char,
) -> bool {
    guard::quietly(false, || {
        // SAFETY: `peek` only dereferences a registered issuer trust, which no thread
        // changes during the call (C contract); `text_arg` refuses NULL, and otherwise
        // `issuer` is a NUL-terminated string unchanged during the call.
        let (Some(trust), Ok(issuer)) = (unsafe { handle::peek(trust) }, unsafe {
            text_arg(issuer, "tm_issuer_trust_has_issuer", "issuer")
        }) else {
            return false;
        };
        trust.inner.store_for(issuer).is_some()
    })
}

/// Releases an issuer trust.
///
/// @param trust  an issuer trust, owned by the caller and released by this call; NULL is
///               allowed and ignored, and so is a pointer that is not a live issuer trust.
///
/// Thread safety: no other thread may use `trust` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_issuer_trust_free(trust: *mut tm_issuer_trust) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered issuer trust; the caller gives it up.
        unsafe { handle::free(trust) };
    });
}

/// Creates an empty in-memory replay cache (see tm_replay_cache) holding at most
/// `capacity` live assertion IDs.
///
/// @param capacity  how many unexpired IDs it may hold; 0 refuses every response as a
///                  replay.
/// @return a new cache, owned by the caller (release it with tm_replay_cache_free());
///         NULL only if the library failed internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_replay_cache_new(capacity: usize) -> *mut tm_replay_cache {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_replay_cache {
            inner: Mutex::new(MemoryReplayCache::new(capacity)),
        })
    })
}

/// Returns how many assertion IDs the cache holds (expired ones included until they are
/// dropped to make room).
///
/// @param cache  a replay cache, borrowed for the call.
/// @return the count; 0 if `cache` is NULL or dead.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_replay_cache_len(cache: *const tm_replay_cache) -> usize {
    guard::quietly(0, || {
        // SAFETY: `peek` only dereferences a registered cache; the caller does not free
        // it during the call, and the content is behind a mutex.
        unsafe { handle::peek(cache) }.map_or(0, |c| {
            c.inner.lock().unwrap_or_else(PoisonError::into_inner).len()
        })
    })
}

/// Releases a replay cache.
///
/// @param cache  a replay cache, owned by the caller and released by this call; NULL is
///               allowed and ignored, and so is a pointer that is not a live cache.
///
/// Thread safety: no other thread may use `cache` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_replay_cache_free(cache: *mut tm_replay_cache) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered cache; the caller gives it up.
        unsafe { handle::free(cache) };
    });
}

fn profile_arg(profile: i32, func: &str) -> Result<SamlProfile, Failure> {
    match profile {
        TM_SAML_PROFILE_GENERIC => Ok(SamlProfile::Generic),
        TM_SAML_PROFILE_STORK => Ok(SamlProfile::Stork),
        TM_SAML_PROFILE_EIDAS => Ok(SamlProfile::Eidas),
        p => Err(Failure::invalid(
            func,
            &format!("`profile` {p} is not a TM_SAML_PROFILE_* value"),
        )),
    }
}

fn seconds_arg(secs: i64, func: &str, arg: &str) -> Result<i64, Failure> {
    // A negative allowance would turn every time check around; a huge one would
    // overflow the time arithmetic.
    if (0..=i64::from(u32::MAX)).contains(&secs) {
        Ok(secs)
    } else {
        Err(Failure::invalid(
            func,
            &format!("`{arg}` {secs} is not between 0 and 4294967295 seconds"),
        ))
    }
}

/// An optional string argument: NULL is `None`.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string unchanged during `'a`.
unsafe fn optional_text<'a>(
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

/// Verifies a SAML 2.0 Response (Web Browser SSO) against the trust anchors of the issuer
/// it names and this relying party's expectations, and returns only what a verified
/// signature covered.
///
/// Signature wrapping is excluded by construction: a signature counts only as a child of
/// the Response or of its one Assertion, its single Reference must select exactly that
/// parent, and everything returned is read from that node; duplicate IDs anywhere fail.
/// Order of checks: the document; the issuer's trust store; the signatures and which
/// parts must be signed; `Destination`; `Status` (any other than Success is an error
/// carrying the codes in its message); exactly one assertion; `InResponseTo`; the
/// conditions (time with `clock_skew_secs`, audience); a bearer SubjectConfirmation
/// (Recipient `acs_url`, NotOnOrAfter, InResponseTo); an AuthnStatement; and last the
/// replay cache.
///
/// ```c
/// tm_saml_response *res = NULL;
/// if (tm_verify_saml_response(xml, xml_len, trust, NULL, "https://sp.example.org/",
///                             "https://sp.example.org/acs", request_id,
///                             TM_SAML_PROFILE_GENERIC, TM_SAML_SIGNED_ANY, 180, TM_NOW,
///                             cache, &res, &err) == TM_OK) {
///     printf("%s\n", tm_saml_response_name_id(res));
///     tm_saml_response_free(res);
/// }
/// ```
///
/// @param xml              the Response XML (decode the HTTP-POST form value first with
///                         tm_saml_decode_post_binding()), borrowed for the call.
/// @param xml_len          the number of bytes at `xml`.
/// @param trust            the issuers' trust anchors, borrowed for the call.
/// @param policy           the policy, borrowed for the call; NULL means the defaults of
///                         tm_policy_new(). The profile may tighten it (eIDAS).
/// @param audience         this relying party's entity ID, which the assertion's audience
///                         restriction must name; a NUL-terminated UTF-8 string.
/// @param acs_url          this relying party's assertion consumer service URL: the
///                         expected `Destination` and bearer `Recipient`.
/// @param request_id       the ID of the AuthnRequest sent, or NULL to accept only
///                         unsolicited responses.
/// @param profile          `TM_SAML_PROFILE_GENERIC`, `TM_SAML_PROFILE_STORK` or
///                         `TM_SAML_PROFILE_EIDAS`.
/// @param signed_parts     `TM_SAML_SIGNED_ANY`, `TM_SAML_SIGNED_RESPONSE`,
///                         `TM_SAML_SIGNED_ASSERTION` or `TM_SAML_SIGNED_BOTH`.
/// @param clock_skew_secs  the allowed clock difference in seconds (180 is usual), 0 to
///                         4294967295.
/// @param now_unix         the verification time in seconds since 1970, or `TM_NOW`.
/// @param cache            the relying party's replay cache, borrowed for the call; NULL
///                         uses a cache for this call only, so a replay is not detected.
/// @param out              where to store the result on success; set to NULL on failure.
///                         Owned by the caller: release it with tm_saml_response_free().
/// @param err              NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if the response verified and its assertion was not seen before;
///         `TM_SAML_REPLAY` if `cache` already holds the assertion's ID;
///         another `TM_SAML_*` status for a profile refusal (`TM_SAML_UNKNOWN_ISSUER`,
///         `TM_SAML_SIGNATURE_PROFILE`, `TM_SAML_UNSIGNED`, `TM_SAML_STATUS`,
///         `TM_SAML_AUDIENCE_MISMATCH`, `TM_SAML_EXPIRED` …);
///         a `TM_XML_*`, `TM_DSIG_*`, `TM_CRYPTO_*` or `TM_PKI_*` status as tm_verify();
///         `TM_NULL_POINTER` if `xml`, `trust`, `audience`, `acs_url` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live, a string is not UTF-8,
///         `profile`, `signed_parts` or `clock_skew_secs` is out of range, or the system
///         clock reads before 1970 with `TM_NOW`.
///
/// Thread safety: reentrant: threads may share `trust`, `policy` and `cache` as long as
/// no thread changes or frees `trust` or `policy` meanwhile.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // the C signature
pub unsafe extern "C" fn tm_verify_saml_response(
    xml: *const u8,
    xml_len: usize,
    trust: *const tm_issuer_trust,
    policy: *const tm_policy,
    audience: *const c_char,
    acs_url: *const c_char,
    request_id: *const c_char,
    profile: i32,
    signed_parts: i32,
    clock_skew_secs: i64,
    now_unix: i64,
    cache: *const tm_replay_cache,
    out: *mut *mut tm_saml_response,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_verify_saml_response";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: the helpers validate each pointer before use; the caller keeps the
        // bytes and strings readable and the handles unchanged during the call.
        let (xml, trust, policy, audience, acs_url, request_id) = unsafe {
            (
                guard::bytes(xml, xml_len, F, "xml")?,
                handle::get(trust, F, "trust")?,
                policy_arg(policy, F)?,
                text_arg(audience, F, "audience")?,
                text_arg(acs_url, F, "acs_url")?,
                optional_text(request_id, F, "request_id")?,
            )
        };
        let cache = if cache.is_null() {
            None
        } else {
            // SAFETY: `get` refuses a pointer that is not a live cache; the caller does
            // not free it during the call and its content is behind a mutex.
            Some(unsafe { handle::get(cache, F, "cache")? })
        };
        let mut expect = ResponseExpectations::new(audience, acs_url, now_arg(now_unix, F)?);
        expect.request_id = request_id;
        expect.profile = profile_arg(profile, F)?;
        expect.signed = match signed_parts {
            TM_SAML_SIGNED_ANY => SignedParts::ResponseOrAssertion,
            TM_SAML_SIGNED_RESPONSE => SignedParts::Response,
            TM_SAML_SIGNED_ASSERTION => SignedParts::Assertion,
            TM_SAML_SIGNED_BOTH => SignedParts::Both,
            s => {
                return Err(Failure::invalid(
                    F,
                    &format!("`signed_parts` {s} is not a TM_SAML_SIGNED_* value"),
                ))
            }
        };
        expect.clock_skew_secs = seconds_arg(clock_skew_secs, F, "clock_skew_secs")?;
        let verified = if let Some(c) = cache {
            // The lock is held for the whole verification so that two threads given the
            // same response cannot both be told it is new.
            let mut c = c.inner.lock().unwrap_or_else(PoisonError::into_inner);
            trustmeta::verify_response(xml, &trust.inner, &policy, &expect, &mut *c)
        } else {
            let mut c = MemoryReplayCache::new(1);
            trustmeta::verify_response(xml, &trust.inner, &policy, &expect, &mut c)
        }?;
        let result = handle::into_raw(tm_saml_response::new(&verified));
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Reads a field of a live response; the fallback otherwise.
fn read_response<R>(
    result: *const tm_saml_response,
    fallback: R,
    f: impl FnOnce(&tm_saml_response) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered tm_saml_response; results are
        // immutable and the caller does not free it during the call.
        unsafe { handle::peek(result) }.and_then(f)
    })
    .unwrap_or(fallback)
}

fn response_text(
    result: *const tm_saml_response,
    f: impl FnOnce(&tm_saml_response) -> Option<&CString>,
) -> *const c_char {
    read_response(result, ptr::null(), |r| f(r).map(|s| s.as_ptr()))
}

/// Returns the Response's `ID`.
///
/// @param result  a SAML response, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_id(result: *const tm_saml_response) -> *const c_char {
    response_text(result, |r| Some(&r.id))
}

/// Returns the issuer's entity ID (the assertion's `Issuer`; the Response's, when it has
/// one, is the same).
///
/// @param result  a SAML response, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_issuer(result: *const tm_saml_response) -> *const c_char {
    response_text(result, |r| Some(&r.issuer))
}

/// Returns the Response's `InResponseTo`: the request it answers.
///
/// @param result  a SAML response, borrowed for the call.
/// @return a string owned by `result`; NULL if the response is unsolicited, or `result`
///         is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_in_response_to(
    result: *const tm_saml_response,
) -> *const c_char {
    response_text(result, |r| r.in_response_to.as_ref())
}

/// Returns the Response's `Destination`.
///
/// @param result  a SAML response, borrowed for the call.
/// @return a string owned by `result`; NULL if the response has none, or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_destination(
    result: *const tm_saml_response,
) -> *const c_char {
    response_text(result, |r| r.destination.as_ref())
}

/// Returns the assertion's `ID` (the value the replay cache records).
///
/// @param result  a SAML response, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_assertion_id(
    result: *const tm_saml_response,
) -> *const c_char {
    response_text(result, |r| Some(&r.assertion_id))
}

/// Returns the assertion's `IssueInstant`.
///
/// @param result  a SAML response, borrowed for the call.
/// @return seconds since 1970; `TM_NO_DATE` if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_issue_instant(result: *const tm_saml_response) -> i64 {
    read_response(result, TM_NO_DATE, |r| Some(r.issue_instant))
}

/// Returns the subject's `NameID`: all its text, so a comment inside cannot shorten it.
///
/// @param result  a SAML response, borrowed for the call.
/// @return a string owned by `result`; NULL if the subject has no NameID, or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_name_id(
    result: *const tm_saml_response,
) -> *const c_char {
    response_text(result, |r| r.name_id.as_ref())
}

/// Returns the `Format` of the subject's NameID.
///
/// @param result  a SAML response, borrowed for the call.
/// @return a string owned by `result`; NULL if there is no NameID or it has no Format,
///         or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_name_id_format(
    result: *const tm_saml_response,
) -> *const c_char {
    response_text(result, |r| r.name_id_format.as_ref())
}

/// Returns the number of attributes of the assertion's AttributeStatements.
///
/// @param result  a SAML response, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_attribute_count(
    result: *const tm_saml_response,
) -> usize {
    read_response(result, 0, |r| Some(r.attributes.len()))
}

fn attribute_text(
    result: *const tm_saml_response,
    index: usize,
    f: impl FnOnce(&CAttribute) -> Option<&CString>,
) -> *const c_char {
    read_response(result, ptr::null(), |r| {
        r.attributes.get(index).and_then(f).map(|s| s.as_ptr())
    })
}

/// Returns the `Name` of attribute `index`.
///
/// @param result  a SAML response, borrowed for the call.
/// @param index   0 to tm_saml_response_attribute_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_attribute_name(
    result: *const tm_saml_response,
    index: usize,
) -> *const c_char {
    attribute_text(result, index, |a| Some(&a.name))
}

/// Returns the `NameFormat` of attribute `index`.
///
/// @param result  a SAML response, borrowed for the call.
/// @param index   0 to tm_saml_response_attribute_count() - 1.
/// @return a string owned by `result`; NULL if the attribute has none, `index` is out of
///         range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_attribute_name_format(
    result: *const tm_saml_response,
    index: usize,
) -> *const c_char {
    attribute_text(result, index, |a| a.name_format.as_ref())
}

/// Returns the `FriendlyName` of attribute `index`.
///
/// @param result  a SAML response, borrowed for the call.
/// @param index   0 to tm_saml_response_attribute_count() - 1.
/// @return a string owned by `result`; NULL if the attribute has none, `index` is out of
///         range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_attribute_friendly_name(
    result: *const tm_saml_response,
    index: usize,
) -> *const c_char {
    attribute_text(result, index, |a| a.friendly_name.as_ref())
}

/// Returns the number of `AttributeValue`s of attribute `index`.
///
/// @param result  a SAML response, borrowed for the call.
/// @param index   0 to tm_saml_response_attribute_count() - 1.
/// @return the count; 0 if `index` is out of range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_attribute_value_count(
    result: *const tm_saml_response,
    index: usize,
) -> usize {
    read_response(result, 0, |r| {
        r.attributes.get(index).map(|a| a.values.len())
    })
}

/// Returns value `value` of attribute `index`: the text of that `AttributeValue` (all
/// text below it, for structured values).
///
/// @param result  a SAML response, borrowed for the call.
/// @param index   0 to tm_saml_response_attribute_count() - 1.
/// @param value   0 to tm_saml_response_attribute_value_count() - 1.
/// @return a string owned by `result`; NULL if an index is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_attribute_value(
    result: *const tm_saml_response,
    index: usize,
    value: usize,
) -> *const c_char {
    attribute_text(result, index, |a| a.values.get(value))
}

/// Returns the STORK `AttributeStatus` of attribute `index`.
///
/// @param result  a SAML response, borrowed for the call.
/// @param index   0 to tm_saml_response_attribute_count() - 1.
/// @return `TM_SAML_ATTRIBUTE_STATUS_AVAILABLE`, `_NOT_AVAILABLE` or `_WITHHELD`;
///         `TM_SAML_ATTRIBUTE_STATUS_NONE` if the attribute has none, `index` is out of
///         range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_attribute_status(
    result: *const tm_saml_response,
    index: usize,
) -> i32 {
    read_response(result, TM_SAML_ATTRIBUTE_STATUS_NONE, |r| {
        r.attributes.get(index).map(|a| a.status)
    })
}

/// Returns the level of assurance: the first AuthnStatement's `AuthnContextClassRef`
/// (eIDAS `http://eidas.europa.eu/LoA/low|substantial|high`).
///
/// @param result  a SAML response, borrowed for the call.
/// @return a string owned by `result`; NULL if there is none, or `result` is NULL or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_loa(result: *const tm_saml_response) -> *const c_char {
    response_text(result, |r| r.loa.as_ref())
}

/// Returns STORK's `QualityAuthenticationAssuranceLevel` of the assertion.
///
/// @param result  a SAML response, borrowed for the call.
/// @return 1 to 4; 0 if the assertion gives none, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_stork_qaa(result: *const tm_saml_response) -> i32 {
    read_response(result, 0, |r| Some(r.stork_qaa))
}

/// Returns the first AuthnStatement's `SessionIndex` (needed for single logout).
///
/// @param result  a SAML response, borrowed for the call.
/// @return a string owned by `result`; NULL if there is none, or `result` is NULL or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_session_index(
    result: *const tm_saml_response,
) -> *const c_char {
    response_text(result, |r| r.session_index.as_ref())
}

/// Returns the assertion's `Conditions/@NotBefore`.
///
/// @param result  a SAML response, borrowed for the call.
/// @return seconds since 1970; `TM_NO_DATE` if there is none, or `result` is NULL or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_not_before(result: *const tm_saml_response) -> i64 {
    read_response(result, TM_NO_DATE, |r| Some(r.not_before))
}

/// Returns the assertion's `Conditions/@NotOnOrAfter`: keep the session no longer.
///
/// @param result  a SAML response, borrowed for the call.
/// @return seconds since 1970; `TM_NO_DATE` if there is none, or `result` is NULL or
///         dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_not_on_or_after(result: *const tm_saml_response) -> i64 {
    read_response(result, TM_NO_DATE, |r| Some(r.not_on_or_after))
}

/// Returns the number of audiences of the assertion's audience restrictions.
///
/// @param result  a SAML response, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_audience_count(result: *const tm_saml_response) -> usize {
    read_response(result, 0, |r| Some(r.audiences.len()))
}

/// Returns audience `index` of the assertion's audience restrictions.
///
/// @param result  a SAML response, borrowed for the call.
/// @param index   0 to tm_saml_response_audience_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_audience(
    result: *const tm_saml_response,
    index: usize,
) -> *const c_char {
    response_text(result, |r| r.audiences.get(index))
}

/// Returns whether the assertion's conditions include `OneTimeUse`.
///
/// @param result  a SAML response, borrowed for the call.
/// @return true if so; false if not, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_one_time_use(result: *const tm_saml_response) -> bool {
    read_response(result, false, |r| Some(r.one_time_use))
}

/// Returns which signatures covered the assertion.
///
/// @param result  a SAML response, borrowed for the call.
/// @return `TM_SAML_SIGNED_RESPONSE`, `TM_SAML_SIGNED_ASSERTION` or
///         `TM_SAML_SIGNED_BOTH`; 0 (`TM_SAML_SIGNED_ANY`) if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_signed_by(result: *const tm_saml_response) -> i32 {
    read_response(result, TM_SAML_SIGNED_ANY, |r| Some(r.signed_by))
}

/// Returns the number of verified signatures: 1, or 2 when both the Response and the
/// Assertion are signed.
///
/// @param result  a SAML response, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_report_count(result: *const tm_saml_response) -> usize {
    read_response(result, 0, |r| Some(r.reports.len()))
}

/// Returns the report of verified signature `index` (the Response's first when both are
/// signed) as a tm_result: the signer, algorithms, legacy allowances and
/// tm_result_verified_at().
///
/// @param result  a SAML response, borrowed for the call.
/// @param index   0 to tm_saml_response_report_count() - 1.
/// @return a tm_result owned by `result` and valid until tm_saml_response_free(): do not
///         free it; NULL if `index` is out of range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_report(
    result: *const tm_saml_response,
    index: usize,
) -> *const tm_result {
    read_response(result, ptr::null(), |r| {
        r.reports.get(index).map(|p| p.cast_const())
    })
}

/// Releases a SAML response, its reports and everything they own.
///
/// @param result  a SAML response, owned by the caller and released by this call; NULL is
///                allowed and ignored, and so is a pointer that is not a live response.
///
/// Thread safety: no other thread may use `result` (or its reports) during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_free(result: *mut tm_saml_response) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered result; the caller gives it up.
        unsafe { handle::free(result) };
    });
}

/// The shared body of tm_verify_saml_request() and tm_verify_saml_request_redirect().
#[allow(clippy::too_many_arguments)] // the C signature
unsafe fn verify_request(
    f: &'static str,
    redirect: bool,
    input: *const u8,
    input_len: usize,
    trust: *const tm_issuer_trust,
    policy: *const tm_policy,
    destination: *const c_char,
    profile: i32,
    clock_skew_secs: i64,
    max_age_secs: i64,
    now_unix: i64,
    out: *mut *mut tm_saml_request,
    err: *mut *mut tm_error,
) -> tm_status {
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, f, "out")? };
        let arg = if redirect { "query" } else { "xml" };
        // SAFETY: the helpers validate each pointer before use; the caller keeps the
        // bytes and strings readable and the handles unchanged during the call.
        let (input, trust, policy, destination) = unsafe {
            (
                guard::bytes(input, input_len, f, arg)?,
                handle::get(trust, f, "trust")?,
                policy_arg(policy, f)?,
                optional_text(destination, f, "destination")?,
            )
        };
        let mut expect = RequestExpectations::new(destination, now_arg(now_unix, f)?);
        expect.profile = profile_arg(profile, f)?;
        expect.clock_skew_secs = seconds_arg(clock_skew_secs, f, "clock_skew_secs")?;
        expect.max_age_secs = seconds_arg(max_age_secs, f, "max_age_secs")?;
        let result = if redirect {
            let query = std::str::from_utf8(input)
                .map_err(|_| Failure::invalid(f, "`query` is not UTF-8"))?;
            let (msg, req) =
                trustmeta::verify_authn_request_redirect(query, &trust.inner, &policy, &expect)?;
            tm_saml_request::new(
                &req,
                msg.relay_state.as_deref(),
                Some(msg.signature_algorithm.uri()),
            )
        } else {
            let req = trustmeta::verify_authn_request(input, &trust.inner, &policy, &expect)?;
            tm_saml_request::new(&req, None, None)
        };
        let result = handle::into_raw(result);
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(result) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(f, err, body) }
}

/// Verifies a signed SAML AuthnRequest (the identity provider's, or the STORK PEPS's /
/// eIDAS proxy service's, side) under `profile`: exactly one signature, a child of the
/// request, with one Reference to the request's ID; the trust store of the issuer it
/// names; `Destination`; `IssueInstant` no older than `max_age_secs`; an https
/// `AssertionConsumerServiceURL`; `ProviderName` of at most 128 characters; and the STORK
/// or eIDAS extensions (unknown extension elements are tolerated, as STORK requires).
///
/// @param xml              the AuthnRequest XML (decode the HTTP-POST form value first
///                         with tm_saml_decode_post_binding()), borrowed for the call.
/// @param xml_len          the number of bytes at `xml`.
/// @param trust            the issuers' trust anchors, borrowed for the call.
/// @param policy           the policy, borrowed for the call; NULL means the defaults of
///                         tm_policy_new().
/// @param destination      this endpoint's URL, which the request must name as its
///                         `Destination`; NULL skips the comparison.
/// @param profile          `TM_SAML_PROFILE_GENERIC`, `TM_SAML_PROFILE_STORK` or
///                         `TM_SAML_PROFILE_EIDAS`.
/// @param clock_skew_secs  the allowed clock difference in seconds (180 is usual).
/// @param max_age_secs     how old `IssueInstant` may be, in seconds (600 is usual).
/// @param now_unix         the verification time in seconds since 1970, or `TM_NOW`.
/// @param out              where to store the result on success; set to NULL on failure.
///                         Owned by the caller: release it with tm_saml_request_free().
/// @param err              NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if the request verified;
///         `TM_SAML_REQUEST_PROFILE` if it breaks a profile rule;
///         `TM_SAML_UNSIGNED` if it is not signed;
///         another `TM_SAML_*` status (`TM_SAML_UNKNOWN_ISSUER`,
///         `TM_SAML_DESTINATION_MISMATCH`, `TM_SAML_EXPIRED` …);
///         a `TM_XML_*`, `TM_DSIG_*`, `TM_CRYPTO_*` or `TM_PKI_*` status as tm_verify();
///         `TM_NULL_POINTER` if `xml`, `trust` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if a handle is not live, `destination` is not UTF-8,
///         `profile` or a number of seconds is out of range, or the system clock reads
///         before 1970 with `TM_NOW`.
///
/// Thread safety: reentrant: threads may share `trust` and `policy` as long as no thread
/// changes or frees them meanwhile.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // the C signature
pub unsafe extern "C" fn tm_verify_saml_request(
    xml: *const u8,
    xml_len: usize,
    trust: *const tm_issuer_trust,
    policy: *const tm_policy,
    destination: *const c_char,
    profile: i32,
    clock_skew_secs: i64,
    max_age_secs: i64,
    now_unix: i64,
    out: *mut *mut tm_saml_request,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the contract of this function is `verify_request`'s.
    unsafe {
        verify_request(
            "tm_verify_saml_request",
            false,
            xml,
            xml_len,
            trust,
            policy,
            destination,
            profile,
            clock_skew_secs,
            max_age_secs,
            now_unix,
            out,
            err,
        )
    }
}

/// Verifies an AuthnRequest that came over the HTTP-Redirect binding: the query string's
/// signature (`SAMLRequest`, optional `RelayState`, `SigAlg`, `Signature`, over the
/// parameters exactly as received) by a key of the issuer's trust store, then the
/// inflated request as tm_verify_saml_request() checks it, except that an XML signature
/// inside it is refused. tm_saml_request_report() is then NULL and
/// tm_saml_request_redirect_signature_algorithm() names the query's algorithm.
///
/// @param query      the query string (with or without the leading `?`), still
///                   URL-encoded, borrowed for the call.
/// @param query_len  the number of bytes at `query`.
/// @param trust, policy, destination, profile, clock_skew_secs, max_age_secs, now_unix,
///        out, err  as tm_verify_saml_request().
/// @return any status of tm_verify_saml_request();
///         `TM_SAML_BINDING` if the query is malformed or unsigned, or carries a
///         SAMLResponse;
///         `TM_INVALID_ARGUMENT` also if `query` is not UTF-8.
///
/// Thread safety: reentrant, as tm_verify_saml_request().
#[no_mangle]
#[allow(clippy::too_many_arguments)] // the C signature
pub unsafe extern "C" fn tm_verify_saml_request_redirect(
    query: *const u8,
    query_len: usize,
    trust: *const tm_issuer_trust,
    policy: *const tm_policy,
    destination: *const c_char,
    profile: i32,
    clock_skew_secs: i64,
    max_age_secs: i64,
    now_unix: i64,
    out: *mut *mut tm_saml_request,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the contract of this function is `verify_request`'s.
    unsafe {
        verify_request(
            "tm_verify_saml_request_redirect",
            true,
            query,
            query_len,
            trust,
            policy,
            destination,
            profile,
            clock_skew_secs,
            max_age_secs,
            now_unix,
            out,
            err,
        )
    }
}

/// Reads a field of a live request; the fallback otherwise.
fn read_request<R>(
    result: *const tm_saml_request,
    fallback: R,
    f: impl FnOnce(&tm_saml_request) -> Option<R>,
) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered tm_saml_request; results are
        // immutable and the caller does not free it during the call.
        unsafe { handle::peek(result) }.and_then(f)
    })
    .unwrap_or(fallback)
}

fn request_text(
    result: *const tm_saml_request,
    f: impl FnOnce(&tm_saml_request) -> Option<&CString>,
) -> *const c_char {
    read_request(result, ptr::null(), |r| f(r).map(|s| s.as_ptr()))
}

/// Returns the request's `ID`: the `InResponseTo` of the answer.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_id(result: *const tm_saml_request) -> *const c_char {
    request_text(result, |r| Some(&r.id))
}

/// Returns the request's `Issuer`: the relying party's entity ID.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_issuer(result: *const tm_saml_request) -> *const c_char {
    request_text(result, |r| r.issuer.as_ref())
}

/// Returns the request's `IssueInstant`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return seconds since 1970; `TM_NO_DATE` if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_issue_instant(result: *const tm_saml_request) -> i64 {
    read_request(result, TM_NO_DATE, |r| Some(r.issue_instant))
}

/// Returns the request's `Destination`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_destination(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.destination.as_ref())
}

/// Returns the request's `AssertionConsumerServiceURL` (https): where to send the answer.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_acs_url(result: *const tm_saml_request) -> *const c_char {
    request_text(result, |r| r.acs_url.as_ref())
}

/// Returns the request's `ProviderName`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_provider_name(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.provider_name.as_ref())
}

/// Returns the request's `ForceAuthn`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return its value; false if absent, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_force_authn(result: *const tm_saml_request) -> bool {
    read_request(result, false, |r| Some(r.force_authn))
}

/// Returns the request's `IsPassive`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return its value; false if absent, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_is_passive(result: *const tm_saml_request) -> bool {
    read_request(result, false, |r| Some(r.is_passive))
}

/// Returns the request's `NameIDPolicy/@Format`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_name_id_format(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.name_id_format.as_ref())
}

/// Returns the eIDAS `SPType`: `"public"` or `"private"`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_sp_type(result: *const tm_saml_request) -> *const c_char {
    request_text(result, |r| r.sp_type.as_ref())
}

/// Returns the number of `RequestedAuthnContext/AuthnContextClassRef` values (eIDAS
/// levels of assurance).
///
/// @param result  a SAML request, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_loa_count(result: *const tm_saml_request) -> usize {
    read_request(result, 0, |r| Some(r.requested_loa.len()))
}

/// Returns requested level of assurance `index`.
///
/// @param result  a SAML request, borrowed for the call.
/// @param index   0 to tm_saml_request_loa_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_loa(
    result: *const tm_saml_request,
    index: usize,
) -> *const c_char {
    request_text(result, |r| r.requested_loa.get(index))
}

/// Returns `RequestedAuthnContext/@Comparison` (`exact`, `minimum` …).
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_loa_comparison(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.loa_comparison.as_ref())
}

/// Returns the number of requested attributes (STORK's or eIDAS's).
///
/// @param result  a SAML request, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_attribute_count(result: *const tm_saml_request) -> usize {
    read_request(result, 0, |r| Some(r.attributes.len()))
}

/// Returns the `Name` of requested attribute `index`.
///
/// @param result  a SAML request, borrowed for the call.
/// @param index   0 to tm_saml_request_attribute_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_attribute_name(
    result: *const tm_saml_request,
    index: usize,
) -> *const c_char {
    request_text(result, |r| r.attributes.get(index).map(|a| &a.name))
}

/// Returns the `FriendlyName` of requested attribute `index`.
///
/// @param result  a SAML request, borrowed for the call.
/// @param index   0 to tm_saml_request_attribute_count() - 1.
/// @return a string owned by `result`; NULL if the attribute has none, `index` is out of
///         range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_attribute_friendly_name(
    result: *const tm_saml_request,
    index: usize,
) -> *const c_char {
    request_text(result, |r| {
        r.attributes
            .get(index)
            .and_then(|a| a.friendly_name.as_ref())
    })
}

/// Returns whether requested attribute `index` is required (`isRequired`).
///
/// @param result  a SAML request, borrowed for the call.
/// @param index   0 to tm_saml_request_attribute_count() - 1.
/// @return true if so; false if not, `index` is out of range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_attribute_required(
    result: *const tm_saml_request,
    index: usize,
) -> bool {
    read_request(result, false, |r| {
        r.attributes.get(index).map(|a| a.required)
    })
}

/// Returns the number of values requested for attribute `index`.
///
/// @param result  a SAML request, borrowed for the call.
/// @param index   0 to tm_saml_request_attribute_count() - 1.
/// @return the count; 0 if `index` is out of range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_attribute_value_count(
    result: *const tm_saml_request,
    index: usize,
) -> usize {
    read_request(result, 0, |r| {
        r.attributes.get(index).map(|a| a.values.len())
    })
}

/// Returns value `value` requested for attribute `index`.
///
/// @param result  a SAML request, borrowed for the call.
/// @param index   0 to tm_saml_request_attribute_count() - 1.
/// @param value   0 to tm_saml_request_attribute_value_count() - 1.
/// @return a string owned by `result`; NULL if an index is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_attribute_value(
    result: *const tm_saml_request,
    index: usize,
    value: usize,
) -> *const c_char {
    request_text(result, |r| {
        r.attributes.get(index).and_then(|a| a.values.get(value))
    })
}

/// Returns STORK's requested `QualityAuthenticationAssuranceLevel`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return 1 to 4; 0 if the request gives none, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_stork_qaa(result: *const tm_saml_request) -> i32 {
    read_request(result, 0, |r| Some(r.stork_qaa))
}

/// Returns STORK's `spSector`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_stork_sp_sector(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.sp_sector.as_ref())
}

/// Returns STORK's `spInstitution`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_stork_sp_institution(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.sp_institution.as_ref())
}

/// Returns STORK's `spApplication`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_stork_sp_application(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.sp_application.as_ref())
}

/// Returns STORK's `spCountry`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_stork_sp_country(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.sp_country.as_ref())
}

/// Returns STORK's `CitizenCountryCode`.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request has none, or `result` is NULL
///         or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_stork_citizen_country(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.citizen_country.as_ref())
}

/// Returns the decoded `RelayState` of a request verified by
/// tm_verify_saml_request_redirect().
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if there was none or the request did not come
///         over the Redirect binding, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_relay_state(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.relay_state.as_ref())
}

/// Returns the `SigAlg` URI of the query signature that tm_verify_saml_request_redirect()
/// verified.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a string owned by `result`; NULL if the request did not come over the
///         Redirect binding, or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_redirect_signature_algorithm(
    result: *const tm_saml_request,
) -> *const c_char {
    request_text(result, |r| r.redirect_signature_algorithm.as_ref())
}

/// Returns the request's XML signature report as a tm_result.
///
/// @param result  a SAML request, borrowed for the call.
/// @return a tm_result owned by `result` and valid until tm_saml_request_free(): do not
///         free it; NULL for a request verified by tm_verify_saml_request_redirect()
///         (its query signature is what was verified), or if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_report(
    result: *const tm_saml_request,
) -> *const tm_result {
    read_request(result, ptr::null(), |r| {
        (!r.report.is_null()).then_some(r.report.cast_const())
    })
}

/// Releases a SAML request, its report and everything they own.
///
/// @param result  a SAML request, owned by the caller and released by this call; NULL is
///                allowed and ignored, and so is a pointer that is not a live request.
///
/// Thread safety: no other thread may use `result` (or its report) during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_request_free(result: *mut tm_saml_request) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered result; the caller gives it up.
        unsafe { handle::free(result) };
    });
}

/// Decodes the HTTP-POST binding's `SAMLResponse` or `SAMLRequest` form value (base64,
/// line breaks allowed; URL-decode the form first) into the message XML, and checks the
/// `RelayState` that came with it, if any (at most 80 bytes).
///
/// @param value        the form value, borrowed for the call.
/// @param value_len    the number of bytes at `value`.
/// @param relay_state  the `RelayState` form value, a NUL-terminated UTF-8 string
///                     borrowed for the call; NULL if there was none.
/// @param out          where to store the XML on success; set to NULL on failure. It is
///                     NUL-terminated and owned by the caller: release it with
///                     tm_string_free().
/// @param out_len      NULL, or where to store the XML's length in bytes (the NUL not
///                     counted).
/// @param err          NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_SAML_BINDING` if the value is not base64, decodes to more than 128 KB or
///         to bytes holding a NUL (which XML cannot contain), or `RelayState` is longer
///         than 80 bytes;
///         `TM_NULL_POINTER` if `value` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if `relay_state` is not UTF-8.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_decode_post_binding(
    value: *const u8,
    value_len: usize,
    relay_state: *const c_char,
    out: *mut *mut c_char,
    out_len: *mut usize,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_saml_decode_post_binding";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: the helpers validate each pointer; the caller keeps them unchanged.
        let (value, relay_state) = unsafe {
            (
                guard::bytes(value, value_len, F, "value")?,
                optional_text(relay_state, F, "relay_state")?,
            )
        };
        let saml = |e: SamlError| Failure::from(trustmeta::Error::from(e));
        let xml = trustmeta::decode_post_binding(value, relay_state).map_err(saml)?;
        let len = xml.len();
        // A C string cannot carry a NUL; XML cannot contain one either, so refusing it
        // here loses nothing a verifier would accept.
        let xml = CString::new(xml).map_err(|_| {
            saml(SamlError::Binding {
                reason: "the decoded message contains a NUL byte".to_owned(),
            })
        })?;
        if !out_len.is_null() {
            // SAFETY: non-NULL, and by the C contract storage for one size_t.
            unsafe { out_len.write(len) };
        }
        let p = handle::string_into_raw(xml);
        // SAFETY: checked non-NULL and aligned by `clear_out` above.
        unsafe { out.write(p) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}
