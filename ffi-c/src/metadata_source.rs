//! `tm_metadata_source`: the hosted layer's metadata refresh (conditional GET, streamed
//! verification, atomic installation, rollback refusal) and the entity index of the copy
//! held, for C: the same state directory, the same codes as the command line's
//! `metadata refresh` and Python's `MetadataSource`.

use std::ffi::{c_char, CString};
use std::path::PathBuf;
use std::ptr;
use std::sync::{Arc, Mutex, PoisonError};

use trustmeta::{DateTime, ErrorCode, MetadataProfile, Policy};
use trustmeta_hosted::metadata::{
    EntityIndex, MetadataSource, RefreshError, RefreshOptions, Refreshed, StateError,
};
use trustmeta_table::{ops, records, Describe};

use crate::error::tm_error;
use crate::generated::{tm_metadata, tm_metadata_entity};
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::issuer_trust::tm_issuer_trust;
use crate::smp_lookup::millis;
use crate::status::{self, tm_status};
use crate::store::tm_trust_store;
use crate::time::TM_NOW;
use crate::tree::{self, Held, Node};

/// ==== Metadata refresh ==================================================================
///
/// How tm_metadata_source_new() verifies the aggregate: the profile and the policy's
/// loosenings. Made by tm_metadata_source_options_new(), changed with its setters,
/// released by tm_metadata_source_options_free(); NULL in its place means every default.
/// The source copies the options when it is made, so they may be changed or freed
/// afterwards.
///
/// Thread safety: changing options must not overlap any other use of them; reading them
/// (tm_metadata_source_new()) may happen from several threads at once.
pub struct tm_metadata_source_options {
    profile: MetadataProfile,
    policy: Policy,
}

impl Handle for tm_metadata_source_options {
    const KIND: Kind = Kind::MetadataSourceOptions;
    const C_NAME: &'static str = "tm_metadata_source_options";
}

/// A metadata aggregate published at a URL (or a local file), kept verified in a state
/// directory, the one the command line's `metadata refresh` and Python's
/// `MetadataSource` keep (any of them may refresh it for the others):
/// - `metadata.xml`, the verified copy, byte for byte as fetched, and
///   `metadata.previous.xml`, the copy it replaced;
/// - `index.tsv`, one line per entity, written while the copy was verified;
/// - `state.json`, the summary, the HTTP validators and the copy's SHA-256.
///
/// tm_metadata_source_refresh() fetches the aggregate (conditionally, with the validators
/// of the copy held), verifies it as it arrives in memory that does not grow with its
/// size, and installs it only when it verified and is newer (a lower or equal eToegang
/// sequence number, another environment or an older creationInstant is refused with
/// `TM_REFRESH_NOT_NEWER` unless forced). The copy held stays whatever goes wrong.
///
/// The lookups (tm_metadata_source_entity(), tm_metadata_source_issuer_trust(),
/// tm_metadata_source_trust_for_response()) read the index and then the few kilobytes of
/// the entity asked for from the copy held, whatever the aggregate's size. The source
/// keeps the index open and opens it again when the copy was replaced since (by this
/// source, another one or another process), so a lookup always answers from the copy
/// installed last.
///
/// Like tm_smp_lookup_run(), and unlike the rest of the library, these functions use the
/// file system (the state directory) and, for a URL, the network.
///
/// Thread safety: internally synchronized: any number of threads may refresh and look up
/// with one source at once (refreshes of one state directory take turns, across
/// processes too); free it only when no call uses it.
pub struct tm_metadata_source {
    inner: MetadataSource,
    /// The index of the copy held, opened at the first lookup and again whenever the
    /// copy changed.
    index: Mutex<Option<Arc<EntityIndex>>>,
}

impl Handle for tm_metadata_source {
    const KIND: Kind = Kind::MetadataSource;
    const C_NAME: &'static str = "tm_metadata_source";
}

impl tm_metadata_source {
    /// The index of the copy held now.
    fn index(&self, func: &str) -> Result<Arc<EntityIndex>, Failure> {
        let mut held = self.index.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(index) = held.as_ref().filter(|i| i.is_current()) {
            return Ok(Arc::clone(index));
        }
        *held = None;
        let index = Arc::new(self.inner.index().map_err(|e| state_failure(func, e))?);
        *held = Some(Arc::clone(&index));
        Ok(index)
    }
}

/// What one tm_metadata_source_refresh() may do: force, the verification time, the
/// download's time and size limits. Made by tm_metadata_refresh_options_new(), released
/// by tm_metadata_refresh_options_free(); NULL in its place means every default.
///
/// Thread safety: changing options must not overlap any other use of them; a call reads
/// them, so threads may share them read-only.
pub struct tm_metadata_refresh_options {
    options: RefreshOptions,
}

impl Handle for tm_metadata_refresh_options {
    const KIND: Kind = Kind::MetadataRefreshOptions;
    const C_NAME: &'static str = "tm_metadata_refresh_options";
}

/// How a refresh that kept a verified copy ended (tm_metadata_refresh_status()).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tm_refresh_status {
    /// Not a refresh: what tm_metadata_refresh_status() gives for a NULL or dead handle.
    TM_REFRESH_NONE = 0,
    /// A newer copy verified and replaced the one held (or, forced, any copy that
    /// verified).
    TM_REFRESH_UPDATED = 1,
    /// The source had nothing newer: an HTTP 304 Not Modified, or the very bytes held.
    TM_REFRESH_UNCHANGED = 2,
}

/// The outcome of a tm_metadata_source_refresh() that kept a verified copy: updated (with
/// the verified copy's summary and SHA-256) or unchanged (with the reason). Released by
/// tm_metadata_refresh_free().
///
/// Thread safety: immutable: read it from any thread, free it once.
pub struct tm_metadata_refresh {
    status: tm_refresh_status,
    /// The verified copy's record, when updated (one node, registered as a record the
    /// refresh owns).
    metadata: Vec<Node>,
    sha256: Option<CString>,
    reason: Option<CString>,
}

impl Handle for tm_metadata_refresh {
    const KIND: Kind = Kind::MetadataRefresh;
    const C_NAME: &'static str = "tm_metadata_refresh";
}

impl Drop for tm_metadata_refresh {
    fn drop(&mut self) {
        tree::forget_all(&self.metadata);
    }
}

/// A failure with one of the table's codes.
fn coded(code: ErrorCode, message: String) -> Failure {
    Failure {
        status: tm_status::from_code(code),
        code: status::name_of(i32::from(code.number())),
        message,
    }
}

/// The status of a refresh that installed nothing: the copy's own verification status,
/// `TM_REFRESH_NOT_NEWER`, `TM_LOOKUP_HTTP_FAILURE`, or `TM_INVALID_ARGUMENT` for a state
/// directory that cannot be written.
fn refresh_failure(func: &str, e: RefreshError) -> Failure {
    match e {
        RefreshError::Rejected(core) => core.into(),
        RefreshError::NotNewer(m) => coded(ErrorCode::RefreshNotNewer, m),
        RefreshError::Fetch(m) => coded(ErrorCode::LookupHttpFailure, m),
        e => Failure::invalid(func, &e.to_string()),
    }
}

/// The status of a lookup the state directory could not answer: `TM_METADATA_NOT_HELD`
/// for a missing or stale copy, `TM_METADATA_MALFORMED` for an entityID carried twice, the
/// document's own status, or `TM_INVALID_ARGUMENT` for a file that cannot be read.
fn state_failure(func: &str, e: StateError) -> Failure {
    match e {
        StateError::Document(core) => core.into(),
        e @ (StateError::NoCopy(_) | StateError::Stale(_)) => {
            coded(ErrorCode::MetadataNotHeld, e.to_string())
        }
        e @ StateError::Ambiguous(_) => coded(ErrorCode::MetadataMalformed, e.to_string()),
        e => Failure::invalid(func, &e.to_string()),
    }
}

/// Runs a setter's body on live options of type `T`.
///
/// # Safety
/// `opts` is NULL or a pointer no other thread uses during the call; `err` is NULL or
/// storage for one pointer.
unsafe fn set<T: Handle>(
    opts: *mut T,
    func: &str,
    err: *mut *mut tm_error,
    change: impl FnOnce(&mut T) -> Result<(), Failure>,
) -> tm_status {
    let body = || {
        // SAFETY: `get_mut` refuses NULL and dead handles; the caller does not use
        // `opts` elsewhere during the call.
        let o = unsafe { handle::get_mut(opts, func, "opts") }?;
        change(o)
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(func, err, body) }
}

/// Creates source options, each at its default: the generic profile, no SHA-1, RSA keys
/// of 2048 bits or more.
///
/// @return new options, owned by the caller (release them with
///         tm_metadata_source_options_free()); NULL only if the library failed
///         internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_metadata_source_options_new() -> *mut tm_metadata_source_options {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_metadata_source_options {
            profile: MetadataProfile::Generic,
            policy: Policy::default(),
        })
    })
}

/// Sets the profile the aggregate is verified under. Default: `"generic"`.
///
/// @param opts     options, changed by the call.
/// @param profile  `"generic"` (SAML metadata) or `"etoegang"` (the eToegang aggregate
///                 rules: its name, sequence number and environment, its groups), a
///                 NUL-terminated string borrowed for the call.
/// @param err      NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for another profile or a dead handle;
///         `TM_NULL_POINTER`. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_source_options_set_profile(
    opts: *mut tm_metadata_source_options,
    profile: *const c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_source_options_set_profile";
    // SAFETY: the caller's contract is the setter's; `text` checks `profile`.
    unsafe {
        set(opts, F, err, |o| {
            let text = guard::text(profile, F, "profile")?;
            o.profile = MetadataProfile::parse(text).ok_or_else(|| {
                Failure::invalid(
                    F,
                    &format!(
                        "`profile` must be one of {}, not {text:?}",
                        MetadataProfile::NAMES
                            .iter()
                            .map(|n| format!("\"{n}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })?;
            Ok(())
        })
    }
}

/// Accepts rsa-sha1 signatures and SHA-1 digests (older federations). Default: false.
///
/// @param opts   options, changed by the call.
/// @param allow  true or false.
/// @param err    NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a dead handle; `TM_NULL_POINTER`.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_source_options_set_allow_sha1(
    opts: *mut tm_metadata_source_options,
    allow: bool,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(
            opts,
            "tm_metadata_source_options_set_allow_sha1",
            err,
            |o: &mut tm_metadata_source_options| {
                o.policy.allow_sha1 = allow;
                Ok(())
            },
        )
    }
}

/// Sets the smallest RSA key accepted, in bits. Default: 2048.
///
/// @param opts  options, changed by the call.
/// @param bits  from 0 to 4294967295.
/// @param err   NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a value out of range or a dead handle;
///         `TM_NULL_POINTER`. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_source_options_set_min_rsa_bits(
    opts: *mut tm_metadata_source_options,
    bits: i64,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_source_options_set_min_rsa_bits";
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(opts, F, err, |o: &mut tm_metadata_source_options| {
            o.policy.min_rsa_bits = u32::try_from(bits).map_err(|_| {
                Failure::invalid(
                    F,
                    &format!("`bits` must be between 0 and 4294967295, not {bits}"),
                )
            })?;
            Ok(())
        })
    }
}

/// Releases source options.
///
/// @param opts  owned by the caller and released by this call; NULL is allowed and
///              ignored, and so is a pointer that is not live source options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_source_options_free(opts: *mut tm_metadata_source_options) {
    guard::quietly((), || {
        // SAFETY: `free` only releases registered options; the caller gives them up.
        unsafe { handle::free(opts) };
    });
}

/// Makes a source for the aggregate at `source`, signed by a key of `store`, kept in
/// `state_dir` (see tm_metadata_source). Nothing is read or written yet: the directory is
/// created by the first refresh, and a directory another program refreshes may be used
/// for lookups only.
///
/// @param source     where the aggregate is published: an `http://` or `https://` URL,
///                   or a file path; a NUL-terminated UTF-8 string borrowed for the call.
/// @param state_dir  the state directory, a NUL-terminated UTF-8 path borrowed for the
///                   call.
/// @param store      the federation's metadata signing certificate or key, copied:
///                   later changes to `store` do not apply.
/// @param opts       the options (tm_metadata_source_options_new()), borrowed for the
///                   call; NULL for every default.
/// @param out        where to store the source, which the caller owns (release it with
///                   tm_metadata_source_free()); set to NULL first, and left NULL on
///                   failure.
/// @param err        NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for an empty `source` or `state_dir`, text
///         that is not UTF-8, or a dead handle; `TM_NULL_POINTER`.
///
/// Thread safety: any thread, concurrently with other readers of `store` and `opts`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_source_new(
    source: *const c_char,
    state_dir: *const c_char,
    store: *const tm_trust_store,
    opts: *const tm_metadata_source_options,
    out: *mut *mut tm_metadata_source,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_source_new";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps them alive and
        // unchanged during the call.
        let (source, state_dir, store, opts) = unsafe {
            guard::clear_out(out, F, "out")?;
            let source = guard::text(source, F, "source")?;
            let state_dir = guard::text(state_dir, F, "state_dir")?;
            let store = handle::get(store, F, "store")?;
            let opts = if opts.is_null() {
                None
            } else {
                Some(handle::get(opts, F, "opts")?)
            };
            (source, state_dir, store, opts)
        };
        for (name, value) in [("source", source), ("state_dir", state_dir)] {
            if value.is_empty() {
                return Err(Failure::invalid(F, &format!("`{name}` is empty")));
            }
        }
        let (profile, policy) = opts.map_or_else(
            || (MetadataProfile::Generic, Policy::default()),
            |o| (o.profile, o.policy.clone()),
        );
        let inner = MetadataSource::new(
            source,
            PathBuf::from(state_dir),
            store.inner.clone(),
            policy,
            profile,
        );
        let s = handle::into_raw(tm_metadata_source {
            inner,
            index: Mutex::new(None),
        });
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(s) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Creates the options of one refresh, each at its default: not forced, the system
/// clock, 300000 ms for the download, aggregates up to 536870912 bytes (512 MiB).
///
/// @return new options, owned by the caller (release them with
///         tm_metadata_refresh_options_free()); NULL only if the library failed
///         internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_metadata_refresh_options_new() -> *mut tm_metadata_refresh_options {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_metadata_refresh_options {
            options: RefreshOptions::default(),
        })
    })
}

/// Forces the refresh: the aggregate is fetched unconditionally, and a copy that
/// verified is installed even when it is not newer than the one held (to go back to an
/// older copy on purpose, or to another environment). A copy that does not verify is
/// still refused. Default: false.
///
/// @param opts   options, changed by the call.
/// @param force  true or false.
/// @param err    NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a dead handle; `TM_NULL_POINTER`.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_refresh_options_set_force(
    opts: *mut tm_metadata_refresh_options,
    force: bool,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(
            opts,
            "tm_metadata_refresh_options_set_force",
            err,
            |o: &mut tm_metadata_refresh_options| {
                o.options.force = force;
                Ok(())
            },
        )
    }
}

/// Sets the time the aggregate is verified at (its `validUntil`, the signer's
/// certificate). Default: the system clock when the refresh runs.
///
/// @param opts  options, changed by the call.
/// @param now   seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///              TM_NOW for the system clock.
/// @param err   NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a dead handle; `TM_NULL_POINTER`.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_refresh_options_set_now(
    opts: *mut tm_metadata_refresh_options,
    now: i64,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(
            opts,
            "tm_metadata_refresh_options_set_now",
            err,
            |o: &mut tm_metadata_refresh_options| {
                o.options.at = (now != TM_NOW).then(|| DateTime::from_unix(now));
                Ok(())
            },
        )
    }
}

/// Sets the time the whole download may take. Default: 300000 ms.
///
/// @param opts  options, changed by the call.
/// @param ms    milliseconds, from 1 to 31536000000 (a year).
/// @param err   NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a value out of range or a dead handle;
///         `TM_NULL_POINTER`. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_refresh_options_set_timeout_ms(
    opts: *mut tm_metadata_refresh_options,
    ms: i64,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_refresh_options_set_timeout_ms";
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(opts, F, err, |o: &mut tm_metadata_refresh_options| {
            o.options.timeout = millis(F, ms)?;
            Ok(())
        })
    }
}

/// Sets the largest aggregate accepted: a larger one is refused with
/// `TM_LOOKUP_HTTP_FAILURE` and nothing is installed. Default: 536870912 (512 MiB).
///
/// @param opts       options, changed by the call.
/// @param max_bytes  bytes, 1 or more.
/// @param err        NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a value below 1 or a dead handle;
///         `TM_NULL_POINTER`. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_refresh_options_set_max_bytes(
    opts: *mut tm_metadata_refresh_options,
    max_bytes: i64,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_refresh_options_set_max_bytes";
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(opts, F, err, |o: &mut tm_metadata_refresh_options| {
            o.options.max_bytes = u64::try_from(max_bytes)
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| {
                    Failure::invalid(
                        F,
                        &format!("`max_bytes` must be 1 or more, not {max_bytes}"),
                    )
                })?;
            Ok(())
        })
    }
}

/// Releases refresh options.
///
/// @param opts  owned by the caller and released by this call; NULL is allowed and
///              ignored, and so is a pointer that is not live refresh options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_refresh_options_free(opts: *mut tm_metadata_refresh_options) {
    guard::quietly((), || {
        // SAFETY: `free` only releases registered options; the caller gives them up.
        unsafe { handle::free(opts) };
    });
}

/// Fetches the aggregate, verifies it as it arrives and installs it when it verified and
/// is newer than the copy held (see tm_metadata_source). Blocks until done: at most the
/// download's timeout, then the verification.
///
/// @param source  a source (tm_metadata_source_new()), borrowed for the call.
/// @param opts    the options (tm_metadata_refresh_options_new()), borrowed for the call;
///                NULL for every default.
/// @param out     where to store the outcome, which the caller owns (release it with
///                tm_metadata_refresh_free()); set to NULL first, and left NULL on
///                failure.
/// @param err     NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`, updated or unchanged (tm_metadata_refresh_status());
///         the status of the copy's own refusal when it did not verify, as
///         tm_verify_metadata() gives it (`TM_DSIG_DIGEST_MISMATCH`,
///         `TM_PKI_UNTRUSTED_SIGNER`, `TM_XML_MALFORMED` for a body cut short, …);
///         `TM_REFRESH_NOT_NEWER` (`refresh.not_newer`) for a copy that verified but is
///         not newer than the one held (a lower or equal eToegang sequence number,
///         another environment, an older creationInstant), unless forced;
///         `TM_LOOKUP_HTTP_FAILURE` (`lookup.http_failure`) when the source could not be
///         read: the network, an HTTP status other than 200 and 304, a missing file, a
///         body over the size limit or shorter than its Content-Length;
///         `TM_INVALID_ARGUMENT` when the state directory cannot be written, or for a
///         dead handle; `TM_NULL_POINTER`. The codes are those of the command line's
///         `metadata refresh --json` and Python's `MetadataSource.refresh()`. On every
///         failure the copy held before stays, and still verifies.
///
/// Thread safety: any thread, concurrently with other calls on the same `source`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_source_refresh(
    source: *const tm_metadata_source,
    opts: *const tm_metadata_refresh_options,
    out: *mut *mut tm_metadata_refresh,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_source_refresh";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps them alive and
        // unchanged during the call.
        let (source, opts) = unsafe {
            guard::clear_out(out, F, "out")?;
            let source = handle::get(source, F, "source")?;
            let opts = if opts.is_null() {
                None
            } else {
                Some(handle::get(opts, F, "opts")?)
            };
            (source, opts)
        };
        let options = opts.map_or_else(RefreshOptions::default, |o| o.options.clone());
        let refresh = match source
            .inner
            .refresh(&options)
            .map_err(|e| refresh_failure(F, e))?
        {
            Refreshed::Updated { metadata, sha256 } => {
                let node = tree::one(&metadata.value(), &records::METADATA)?;
                let nodes = vec![node];
                tree::register(&nodes);
                tm_metadata_refresh {
                    status: tm_refresh_status::TM_REFRESH_UPDATED,
                    metadata: nodes,
                    sha256: Some(tree::c_string(&sha256)),
                    reason: None,
                }
            }
            Refreshed::Unchanged { reason } => tm_metadata_refresh {
                status: tm_refresh_status::TM_REFRESH_UNCHANGED,
                metadata: Vec::new(),
                sha256: None,
                reason: Some(tree::c_string(&reason)),
            },
        };
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(handle::into_raw(refresh)) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Returns how the refresh ended: `TM_REFRESH_UPDATED` or `TM_REFRESH_UNCHANGED`.
///
/// @param refresh  an outcome, borrowed for the call.
/// @return the status; `TM_REFRESH_NONE` for a NULL or dead `refresh`.
///
/// Thread safety: any thread, concurrently with other readers of `refresh`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_refresh_status(
    refresh: *const tm_metadata_refresh,
) -> tm_refresh_status {
    guard::quietly(tm_refresh_status::TM_REFRESH_NONE, || {
        // SAFETY: `peek` only dereferences a registered outcome; the caller does not free
        // it during the call.
        unsafe { handle::peek(refresh) }.map_or(tm_refresh_status::TM_REFRESH_NONE, |r| r.status)
    })
}

/// Returns the summary of the copy installed, when updated: read it with the tm_metadata
/// accessors (tm_metadata_entities(), tm_metadata_etoegang(), tm_metadata_valid_until(),
/// tm_metadata_signer_subject(), …), as tm_metadata_verifier_finish() gives it. It holds
/// no document: the lookups in held results (tm_metadata_find_entity(), …) do not take
/// it; ask the source (tm_metadata_source_entity()).
///
/// @param refresh  an outcome, borrowed for the call.
/// @return the record, owned by `refresh` and valid until it is freed (do not pass it to
///         tm_metadata_free()); NULL when unchanged, or for a NULL or dead `refresh`.
///
/// Thread safety: any thread, concurrently with other readers of `refresh`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_refresh_metadata(
    refresh: *const tm_metadata_refresh,
) -> *const tm_metadata {
    guard::quietly(ptr::null(), || {
        // SAFETY: `peek` only dereferences a registered outcome; the caller does not free
        // it during the call.
        unsafe { handle::peek(refresh) }
            .and_then(|r| r.metadata.first())
            .map_or(ptr::null(), |n| ptr::from_ref(n).cast())
    })
}

/// Returns the SHA-256 of the bytes installed, in lowercase hex, when updated.
///
/// @param refresh  an outcome, borrowed for the call.
/// @return a NUL-terminated string owned by `refresh`; NULL when unchanged, or for a NULL
///         or dead `refresh`.
///
/// Thread safety: any thread, concurrently with other readers of `refresh`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_refresh_sha256(
    refresh: *const tm_metadata_refresh,
) -> *const c_char {
    guard::quietly(ptr::null(), || {
        // SAFETY: as in tm_metadata_refresh_metadata().
        unsafe { handle::peek(refresh) }
            .and_then(|r| r.sha256.as_ref())
            .map_or(ptr::null(), |s| s.as_ptr())
    })
}

/// Returns why nothing changed, when unchanged: `"the server answered 304 Not
/// Modified"` or `"the copy fetched is identical to the one held"`.
///
/// @param refresh  an outcome, borrowed for the call.
/// @return a NUL-terminated string owned by `refresh`; NULL when updated, or for a NULL
///         or dead `refresh`.
///
/// Thread safety: any thread, concurrently with other readers of `refresh`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_refresh_reason(
    refresh: *const tm_metadata_refresh,
) -> *const c_char {
    guard::quietly(ptr::null(), || {
        // SAFETY: as in tm_metadata_refresh_metadata().
        unsafe { handle::peek(refresh) }
            .and_then(|r| r.reason.as_ref())
            .map_or(ptr::null(), |s| s.as_ptr())
    })
}

/// Releases the outcome of a refresh, with its tm_metadata record.
///
/// @param refresh  owned by the caller and released by this call; NULL is allowed and
///                 ignored, and so is a pointer that is not a live outcome.
///
/// Thread safety: no other thread may use `refresh`, or its record, during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_refresh_free(refresh: *mut tm_metadata_refresh) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered outcome; the caller gives it up.
        unsafe { handle::free(refresh) };
    });
}

/// Reads the entity `entity_id` from the copy held: its index line, then its few
/// kilobytes of the verified copy, parsed again with the verifying parser's rules. Its
/// group is the innermost `EntitiesDescriptor`'s `Name`.
///
/// @param source     a source, borrowed for the call.
/// @param entity_id  the `entityID`, compared exactly, as the parser reads it (`&`, not
///                   `&amp;`); a NUL-terminated UTF-8 string borrowed for the call.
/// @param out        where to store the entity, a tm_metadata_entity the caller owns
///                   (release it with tm_metadata_entity_free()); set to NULL first, and
///                   left NULL when the copy has no such entity.
/// @param err        NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`, with `*out` NULL when not found;
///         `TM_METADATA_NOT_HELD` (`metadata.not_held`) before a first refresh, or when
///         the state directory's files no longer match one another (refresh with force);
///         `TM_METADATA_MALFORMED` for an `entityID` carried by two entities;
///         `TM_INVALID_ARGUMENT` for a file that cannot be read, an ID that is not UTF-8
///         or a dead handle; `TM_NULL_POINTER`.
///
/// Thread safety: any thread, concurrently with other calls on the same `source`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_source_entity(
    source: *const tm_metadata_source,
    entity_id: *const c_char,
    out: *mut *mut tm_metadata_entity,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_source_entity";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps them alive and
        // unchanged during the call.
        let (source, id) = unsafe {
            guard::clear_out(out, F, "out")?;
            (
                handle::get(source, F, "source")?,
                guard::text(entity_id, F, "entity_id")?,
            )
        };
        let index = source.index(F)?;
        if let Some(info) = index.entity(id).map_err(|e| state_failure(F, e))? {
            let e = tree::into_root(&info.value(), ops::entity_desc(), Held::Nothing)?;
            // SAFETY: checked by `clear_out` above.
            unsafe { out.write(e.cast()) };
        }
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// The role a caller names, checked.
fn role_of(func: &str, role: &str) -> Result<(), Failure> {
    if trustmeta::TRUST_ROLES.contains(&role) {
        Ok(())
    } else {
        Err(Failure::invalid(
            func,
            &format!(
                "`role` must be one of {}, not {role:?}",
                trustmeta::TRUST_ROLES
                    .iter()
                    .map(|r| format!("\"{r}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ))
    }
}

/// Makes an issuer trust holding, for each of `entity_ids` the copy held lists, the
/// signing keys of its `role` descriptors (`KeyDescriptor`s with `use="signing"` or no
/// `use`), as tm_metadata_issuer_trust() takes them from verified metadata. An entity the
/// copy lacks, or without that role or a signing key, is left out: a message naming it
/// is refused as from an unknown issuer.
///
/// @param source      a source, borrowed for the call.
/// @param entity_ids  `n_ids` NUL-terminated UTF-8 entity IDs, borrowed for the call; may
///                    be NULL when `n_ids` is 0.
/// @param n_ids       the number of entity IDs.
/// @param role        `"IDPSSODescriptor"`, `"SPSSODescriptor"`,
///                    `"AttributeAuthorityDescriptor"`, `"AuthnAuthorityDescriptor"` or
///                    `"PDPDescriptor"`, a NUL-terminated string borrowed for the call;
///                    NULL for `"IDPSSODescriptor"`.
/// @param out         where to store the issuer trust, which the caller owns (release it
///                    with tm_issuer_trust_free(); it outlives `source`); set to NULL
///                    first, and left NULL on failure.
/// @param err         NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_METADATA_NOT_HELD` before a first refresh or for files that no
///         longer match; `TM_METADATA_MALFORMED` for an entity ID carried twice;
///         `TM_INVALID_ARGUMENT` for another role, text that is not UTF-8, a file that
///         cannot be read or a dead handle; `TM_NULL_POINTER` (also for a NULL entity ID).
///
/// Thread safety: any thread, concurrently with other calls on the same `source`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_source_issuer_trust(
    source: *const tm_metadata_source,
    entity_ids: *const *const c_char,
    n_ids: usize,
    role: *const c_char,
    out: *mut *mut tm_issuer_trust,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_source_issuer_trust";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps `entity_ids` (`n_ids`
        // pointers to NUL-terminated strings) and the rest alive and unchanged during
        // the call.
        let (source, ids, role) = unsafe {
            guard::clear_out(out, F, "out")?;
            let source = handle::get(source, F, "source")?;
            let mut ids = Vec::with_capacity(n_ids.min(1024));
            if n_ids > 0 {
                if entity_ids.is_null() {
                    return Err(Failure::null(F, "entity_ids"));
                }
                if !entity_ids.is_aligned() || isize::try_from(n_ids).is_err() {
                    return Err(Failure::invalid(
                        F,
                        "`entity_ids` is not an array of `n_ids` pointers",
                    ));
                }
                for i in 0..n_ids {
                    ids.push(guard::text(
                        entity_ids.add(i).read(),
                        F,
                        &format!("entity_ids[{i}]"),
                    )?);
                }
            }
            let role = if role.is_null() {
                "IDPSSODescriptor"
            } else {
                guard::text(role, F, "role")?
            };
            (source, ids, role)
        };
        role_of(F, role)?;
        let index = source.index(F)?;
        let inner = index
            .issuer_trust(&ids, role)
            .map_err(|e| state_failure(F, e))?;
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(handle::into_raw(tm_issuer_trust { inner })) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Makes the issuer trust to verify the SAML Response `xml` with: the identity-provider
/// signing keys (`IDPSSODescriptor`) of the issuers it names, its own `Issuer` and its
/// assertions', read with the code tm_verify_saml_response() uses to pick trust stores.
/// The names only select keys, they vouch for nothing: pass the result and the same
/// bytes to tm_verify_saml_response(), whose signature check decides. An issuer the copy
/// held does not list gets no keys, and the response is refused as from an unknown
/// issuer.
///
/// @param source  a source, borrowed for the call.
/// @param xml     the Response, borrowed for the call.
/// @param len     the number of bytes at `xml`.
/// @param out     where to store the issuer trust, which the caller owns (release it with
///                tm_issuer_trust_free()); set to NULL first, and left NULL on failure.
/// @param err     NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; the document's own status for bytes that are no SAML Response
///         (`TM_XML_MALFORMED`, `TM_SAML_*`); `TM_METADATA_NOT_HELD` before a first
///         refresh or for files that no longer match; `TM_METADATA_MALFORMED` for an
///         issuer carried by two entities; `TM_INVALID_ARGUMENT` for a file that cannot
///         be read or a dead handle; `TM_NULL_POINTER`.
///
/// Thread safety: any thread, concurrently with other calls on the same `source`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_source_trust_for_response(
    source: *const tm_metadata_source,
    xml: *const u8,
    len: usize,
    out: *mut *mut tm_issuer_trust,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_source_trust_for_response";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps `len` bytes at `xml`
        // readable and `source` alive during the call.
        let (source, xml) = unsafe {
            guard::clear_out(out, F, "out")?;
            (
                handle::get(source, F, "source")?,
                guard::bytes(xml, len, F, "xml")?,
            )
        };
        let index = source.index(F)?;
        let inner = index
            .trust_for_response(xml, &Policy::default())
            .map_err(|e| state_failure(F, e))?;
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(handle::into_raw(tm_issuer_trust { inner })) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Releases a source and the index it holds open (calls still running with it must have
/// returned). The state directory stays.
///
/// @param source  owned by the caller and released by this call; NULL is allowed and
///                ignored, and so is a pointer that is not a live source.
///
/// Thread safety: no other thread may use `source` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_source_free(source: *mut tm_metadata_source) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered source; the caller gives it up.
        unsafe { handle::free(source) };
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_carry_the_refresh_and_state_codes() {
        let f = refresh_failure("t", RefreshError::NotNewer("older".into()));
        assert_eq!(f.status, tm_status::TM_REFRESH_NOT_NEWER);
        assert_eq!(f.code.to_str().unwrap(), "refresh.not_newer");
        assert_eq!(f.message, "older");
        let f = refresh_failure("t", RefreshError::Fetch("refused".into()));
        assert_eq!(f.status, tm_status::TM_LOOKUP_HTTP_FAILURE);
        let f = refresh_failure("t", RefreshError::State("read-only".into()));
        assert_eq!(f.status, tm_status::TM_INVALID_ARGUMENT);
        let f = state_failure("t", StateError::NoCopy("none".into()));
        assert_eq!(f.status, tm_status::TM_METADATA_NOT_HELD);
        assert!(f.message.contains("refresh the metadata first"));
        let f = state_failure("t", StateError::Ambiguous("urn:x".into()));
        assert_eq!(f.status, tm_status::TM_METADATA_MALFORMED);
    }

    #[test]
    fn options_refuse_bad_values() {
        let o = tm_metadata_source_options_new();
        let r = tm_metadata_refresh_options_new();
        // SAFETY: live options; NULL `err`.
        unsafe {
            assert_eq!(
                tm_metadata_source_options_set_profile(o, c"stork".as_ptr(), ptr::null_mut()),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert_eq!(
                tm_metadata_source_options_set_profile(o, c"etoegang".as_ptr(), ptr::null_mut()),
                tm_status::TM_OK
            );
            assert_eq!(
                handle::get(o, "t", "o").unwrap().profile,
                MetadataProfile::Etoegang
            );
            assert_eq!(
                tm_metadata_refresh_options_set_max_bytes(r, 0, ptr::null_mut()),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert_eq!(
                tm_metadata_refresh_options_set_timeout_ms(r, 0, ptr::null_mut()),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert_eq!(
                tm_metadata_refresh_options_set_now(r, 1_780_272_000, ptr::null_mut()),
                tm_status::TM_OK
            );
            assert_eq!(
                handle::get(r, "t", "r").unwrap().options.at,
                Some(DateTime::from_unix(1_780_272_000))
            );
            tm_metadata_source_options_free(o);
            tm_metadata_refresh_options_free(r);
            tm_metadata_refresh_options_free(r);
        }
    }
}
