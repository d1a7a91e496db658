//! `tm_smp_lookup`: the hosted layer's SMP lookup (DNS, HTTP, the on-disk cache,
//! verification) for C, the same one the command line's `smp lookup` and Python's
//! `SmpLookup` run, with the same error codes.

use std::ffi::{c_char, CString};
use std::path::PathBuf;
use std::ptr;
use std::time::Duration;

use trustmeta::{
    DateTime, DocumentId, ErrorCode, IdentifierPolicy, ParticipantId, Policy, ProcessId, SmpApi,
    SmpQuestion,
};
use trustmeta_hosted::http::ConnectTo;
use trustmeta_hosted::smp::{CacheStatus, LookupError, LookupOptions, SmpLookup, Trace};
use trustmeta_table::records::{self, SmpAnswer};
use trustmeta_table::Describe;

use crate::error::tm_error;
use crate::generated::tm_service_metadata;
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::status::{self, tm_status};
use crate::store::tm_trust_store;
use crate::time::TM_NOW;
use crate::tree::{self, Held};

/// ==== SMP lookup ========================================================================
///
/// How tm_smp_lookup_new() finds and fetches SMP records: the nameservers, the cache,
/// the timeouts, the SMP protocol, and the policy the records are verified under. Made by
/// tm_smp_lookup_options_new(), changed with its setters, released by
/// tm_smp_lookup_options_free(); NULL in its place means every default. The lookup copies
/// the options when it is made, so they may be changed or freed afterwards.
///
/// Thread safety: changing options must not overlap any other use of them; reading them
/// (tm_smp_lookup_new()) may happen from several threads at once.
pub struct tm_smp_lookup_options {
    options: LookupOptions,
    policy: Policy,
}

impl Handle for tm_smp_lookup_options {
    const KIND: Kind = Kind::SmpLookupOptions;
    const C_NAME: &'static str = "tm_smp_lookup_options";
}

/// Finds a participant's SMP through DNS and returns its verified record for a document
/// type: the BDXL NAPTR name (service `Meta:SMP` for OASIS SMP 1.0 and PEPPOL,
/// `oasis-bdxr-smp-2` for OASIS SMP 2.0), falling back to the PEPPOL SML CNAME; the
/// record fetched over HTTP(S), verified against the trust store and bound to the
/// participant and document asked for (a record for anything else is a replay); at most
/// one SMP redirect, whose target must be signed by the certificate the redirect names;
/// with a cache folder, verified records kept on disk and revalidated with conditional
/// requests once their time to live has passed.
///
/// Unlike every other function of the library, tm_smp_lookup_run() uses the network
/// (and, with a cache folder, the file system).
///
/// Thread safety: a lookup is immutable once made: any number of threads may run
/// lookups with it at once (each call blocks its own thread); free it only when no call
/// uses it.
pub struct tm_smp_lookup {
    inner: SmpLookup,
}

impl Handle for tm_smp_lookup {
    const KIND: Kind = Kind::SmpLookup;
    const C_NAME: &'static str = "tm_smp_lookup";
}

/// What one tm_smp_lookup_run() asks besides the participant and document: the process
/// the record must list, the transport profile, the verification time. Made by
/// tm_smp_lookup_run_options_new(), released by tm_smp_lookup_run_options_free(); NULL
/// in its place means every default (any process, every transport profile, the system
/// clock).
///
/// Thread safety: changing options must not overlap any other use of them; a call reads
/// them, so threads may share them read-only.
pub struct tm_smp_lookup_run_options {
    process: Option<ProcessId>,
    transport_profile: Option<String>,
    now: Option<DateTime>,
}

impl Handle for tm_smp_lookup_run_options {
    const KIND: Kind = Kind::SmpLookupRunOptions;
    const C_NAME: &'static str = "tm_smp_lookup_run_options";
}

/// How a lookup went: the DNS name and record that led to the SMP, the protocol, the
/// URL, the cache's part. Given by tm_smp_lookup_run() whether the lookup succeeded or
/// not (a failed one says how far it got), released by tm_smp_trace_free().
///
/// Thread safety: immutable: read it from any thread, free it once.
pub struct tm_smp_trace {
    dns_name: Option<CString>,
    dns_record_type: Option<CString>,
    smp_api: Option<CString>,
    smp_url: Option<CString>,
    redirected_from: Option<CString>,
    cache: Option<CString>,
    warnings: Vec<CString>,
}

impl Handle for tm_smp_trace {
    const KIND: Kind = Kind::SmpTrace;
    const C_NAME: &'static str = "tm_smp_trace";
}

impl From<Trace> for tm_smp_trace {
    fn from(t: Trace) -> Self {
        let c = |s: &str| tree::c_string(s);
        tm_smp_trace {
            dns_name: t.dns.as_ref().map(|(n, _)| c(n)),
            dns_record_type: t.dns.as_ref().map(|(_, r)| c(r)),
            smp_api: t.api.map(|a| c(SmpApi::name(a))),
            smp_url: t.smp_url.as_deref().map(c),
            redirected_from: t.redirected_from.as_deref().map(c),
            cache: t.cache.map(|s| c(CacheStatus::name(s))),
            warnings: t.warnings.iter().map(|w| c(w)).collect(),
        }
    }
}

/// The status, code and message of a lookup that ended without a record: the lookup's
/// own codes (`lookup.*`, 13xx), the record's verification code, or `TM_INVALID_ARGUMENT`
/// for a lookup set up wrongly.
fn failure(func: &str, e: &LookupError) -> Failure {
    let code = match e {
        LookupError::Rejected(core) => return core.clone().into(),
        LookupError::Usage(m) => return Failure::invalid(func, m),
        LookupError::NotRegistered(_) => ErrorCode::LookupNotRegistered,
        LookupError::DnsFailure(_) => ErrorCode::LookupDnsFailure,
        LookupError::NoService(_) => ErrorCode::LookupNoService,
        LookupError::Http(_) => ErrorCode::LookupHttpFailure,
    };
    Failure {
        status: tm_status::from_code(code),
        code: status::name_of(i32::from(code.number())),
        message: e.to_string(),
    }
}

/// Runs a setter's body on live options.
///
/// # Safety
/// `opts` is NULL or a pointer no other thread uses during the call; `err` is NULL or
/// storage for one pointer.
unsafe fn set(
    opts: *mut tm_smp_lookup_options,
    func: &str,
    err: *mut *mut tm_error,
    change: impl FnOnce(&mut tm_smp_lookup_options) -> Result<(), Failure>,
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

/// The lookup options' defaults: those of the hosted layer, with the 20 s per HTTP
/// request of the command line and Python.
fn default_options() -> LookupOptions {
    let mut options = LookupOptions::new(String::new());
    options.timeout = Duration::from_secs(20);
    options
}

/// The system clock, for a lookup whose `now` was left at its default.
pub(crate) fn system_now(func: &str) -> Result<DateTime, Failure> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| Failure::invalid(func, "the system clock is before 1970"))?
        .as_secs();
    Ok(DateTime::from_unix(i64::try_from(secs).unwrap_or(i64::MAX)))
}

/// A duration in milliseconds, from 1 ms to a year.
pub(crate) fn millis(func: &str, ms: i64) -> Result<Duration, Failure> {
    match u64::try_from(ms) {
        Ok(ms @ 1..=31_536_000_000) => Ok(Duration::from_millis(ms)),
        _ => Err(Failure::invalid(
            func,
            &format!("`ms` must be between 1 and 31536000000 (a year), not {ms}"),
        )),
    }
}

/// Creates lookup options, each at its default: the nameservers of `/etc/resolv.conf`,
/// no cache (a time to live of one hour once a folder is set), 20 s per HTTP request and
/// 2 s per DNS attempt, the protocol the NAPTR record announces, and the default policy
/// (no SHA-1, RSA keys of 2048 bits or more, CRLs must be current).
///
/// @return new options, owned by the caller (release them with
///         tm_smp_lookup_options_free()); NULL only if the library failed internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_smp_lookup_options_new() -> *mut tm_smp_lookup_options {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_smp_lookup_options {
            options: default_options(),
            policy: Policy::default(),
        })
    })
}

/// Adds a nameserver to ask instead of those of `/etc/resolv.conf`; call it once per
/// server. Each is asked over UDP, then TCP, two at a time, so one that does not answer
/// delays nothing while another does. Once one is given, the host names of SMP URLs are
/// resolved through them too.
///
/// @param opts     options, changed by the call.
/// @param address  `"IP"` (port 53) or `"IP:PORT"`, IPv6 with or without brackets
///                 (`"127.0.0.1:5353"`, `"[::1]:53"`), a NUL-terminated string borrowed
///                 for the call.
/// @param err      NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for an address that is not an IP address with
///         an optional port, or a dead handle; `TM_NULL_POINTER`. On failure the options
///         are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_options_add_nameserver(
    opts: *mut tm_smp_lookup_options,
    address: *const c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_options_add_nameserver";
    // SAFETY: the caller's contract is the setter's; `text` checks `address`.
    unsafe {
        set(opts, F, err, |o| {
            let text = guard::text(address, F, "address")?;
            let ns = trustmeta_hosted::dns::parse_nameserver(text).ok_or_else(|| {
                Failure::invalid(
                    F,
                    &format!("{text:?}: write an IP address, optionally with a port (127.0.0.1:5353, [::1]:53)"),
                )
            })?;
            o.options.nameservers.push(ns);
            Ok(())
        })
    }
}

/// Sends requests for one host and port elsewhere, as curl's `--connect-to` does; TLS
/// still checks the original host. For tests, and for reaching an SMP through a tunnel.
/// Call it once per redirection.
///
/// @param opts  options, changed by the call.
/// @param spec  `"HOST:PORT:CONNECT-HOST:CONNECT-PORT"` (an empty CONNECT-HOST keeps the
///              host, an empty CONNECT-PORT the port), a NUL-terminated string borrowed
///              for the call.
/// @param err   NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for another form or a dead handle;
///         `TM_NULL_POINTER`. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_options_add_connect_to(
    opts: *mut tm_smp_lookup_options,
    spec: *const c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_options_add_connect_to";
    // SAFETY: the caller's contract is the setter's; `text` checks `spec`.
    unsafe {
        set(opts, F, err, |o| {
            let text = guard::text(spec, F, "spec")?;
            let c = ConnectTo::parse(text).map_err(|m| Failure::invalid(F, &m))?;
            o.options.connect_to.push(c);
            Ok(())
        })
    }
}

/// Keeps verified records in a folder (created when the lookup is made) and reuses them:
/// within the time to live without asking the SMP, after it with a conditional request.
/// Only records that verified are written, each replaced atomically, so workers may
/// share one folder.
///
/// @param opts  options, changed by the call.
/// @param dir   the folder, a NUL-terminated UTF-8 path borrowed for the call; NULL for
///              no cache (the default).
/// @param err   NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a path that is not UTF-8 or a dead handle;
///         `TM_NULL_POINTER` if `opts` is NULL.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_options_set_cache_dir(
    opts: *mut tm_smp_lookup_options,
    dir: *const c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_options_set_cache_dir";
    // SAFETY: the caller's contract is the setter's; `text` checks `dir` when not NULL.
    unsafe {
        set(opts, F, err, |o| {
            o.options.cache_dir = if dir.is_null() {
                None
            } else {
                Some(PathBuf::from(guard::text(dir, F, "dir")?))
            };
            Ok(())
        })
    }
}

/// Sets how long a cached record is used without asking the SMP again. Default: 3600
/// seconds; 0 revalidates on every lookup.
///
/// @param opts     options, changed by the call.
/// @param seconds  from 0 to 31536000 (a year).
/// @param err      NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a value out of range or a dead handle;
///         `TM_NULL_POINTER`. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_options_set_cache_ttl(
    opts: *mut tm_smp_lookup_options,
    seconds: i64,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_options_set_cache_ttl";
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(opts, F, err, |o| match u64::try_from(seconds) {
            Ok(s @ 0..=31_536_000) => {
                o.options.cache_ttl = Duration::from_secs(s);
                Ok(())
            }
            _ => Err(Failure::invalid(
                F,
                &format!("`seconds` must be between 0 and 31536000 (a year), not {seconds}"),
            )),
        })
    }
}

/// Sets the time each HTTP request may take. Default: 20000 ms.
///
/// @param opts  options, changed by the call.
/// @param ms    milliseconds, from 1 to 31536000000 (under 100 counts as 100).
/// @param err   NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a value out of range or a dead handle;
///         `TM_NULL_POINTER`. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_options_set_timeout_ms(
    opts: *mut tm_smp_lookup_options,
    ms: i64,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_options_set_timeout_ms";
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(opts, F, err, |o| {
            o.options.timeout = millis(F, ms)?;
            Ok(())
        })
    }
}

/// Sets the time each DNS attempt may take (two attempts per nameserver). Default:
/// 2000 ms.
///
/// @param opts  options, changed by the call.
/// @param ms    milliseconds, from 1 to 31536000000 (under 100 counts as 100).
/// @param err   NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a value out of range or a dead handle;
///         `TM_NULL_POINTER`. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_options_set_dns_timeout_ms(
    opts: *mut tm_smp_lookup_options,
    ms: i64,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_options_set_dns_timeout_ms";
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(opts, F, err, |o| {
            o.options.dns_timeout = millis(F, ms)?;
            Ok(())
        })
    }
}

/// Sets the SMP protocol the record is asked in. Default: `"auto"`, as the NAPTR
/// record's service says (`Meta:SMP`: OASIS SMP 1.0 and PEPPOL; `oasis-bdxr-smp-2`:
/// OASIS SMP 2.0 with `/bdxr-smp-2/` paths; SMP 1.0 for a CNAME).
///
/// @param opts     options, changed by the call.
/// @param version  `"auto"`, `"1"` or `"2"`, a NUL-terminated string borrowed for the
///                 call.
/// @param err      NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for another value or a dead handle;
///         `TM_NULL_POINTER`. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_options_set_smp_version(
    opts: *mut tm_smp_lookup_options,
    version: *const c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_options_set_smp_version";
    // SAFETY: the caller's contract is the setter's; `text` checks `version`.
    unsafe {
        set(opts, F, err, |o| {
            o.options.api = match guard::text(version, F, "version")? {
                "auto" => None,
                "1" => Some(SmpApi::V1),
                "2" => Some(SmpApi::V2),
                other => {
                    return Err(Failure::invalid(
                        F,
                        &format!("`version` must be \"auto\", \"1\" or \"2\", not {other:?}"),
                    ))
                }
            };
            Ok(())
        })
    }
}

/// Accepts SHA-1 signatures and digests (still used by PEPPOL SMPs); the record's
/// `legacy_algorithms` then names them. Default: false.
///
/// @param opts   options, changed by the call.
/// @param allow  true or false.
/// @param err    NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a dead handle; `TM_NULL_POINTER`.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_options_set_allow_sha1(
    opts: *mut tm_smp_lookup_options,
    allow: bool,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(opts, "tm_smp_lookup_options_set_allow_sha1", err, |o| {
            o.policy.allow_sha1 = allow;
            Ok(())
        })
    }
}

/// Accepts a certificate path whose CRL is past its nextUpdate (revocation status then
/// unknown). Default: false.
///
/// @param opts   options, changed by the call.
/// @param allow  true or false.
/// @param err    NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a dead handle; `TM_NULL_POINTER`.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_options_set_allow_stale_crl(
    opts: *mut tm_smp_lookup_options,
    allow: bool,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(
            opts,
            "tm_smp_lookup_options_set_allow_stale_crl",
            err,
            |o| {
                o.policy.allow_stale_crl = allow;
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
pub unsafe extern "C" fn tm_smp_lookup_options_set_min_rsa_bits(
    opts: *mut tm_smp_lookup_options,
    bits: i64,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_options_set_min_rsa_bits";
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set(opts, F, err, |o| {
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

/// Releases lookup options.
///
/// @param opts  owned by the caller and released by this call; NULL is allowed and
///              ignored, and so is a pointer that is not live lookup options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_options_free(opts: *mut tm_smp_lookup_options) {
    guard::quietly((), || {
        // SAFETY: `free` only releases registered options; the caller gives them up.
        unsafe { handle::free(opts) };
    });
}

/// Makes a lookup for the SML/BDXL zone `zone`, verifying records against `store` (see
/// tm_smp_lookup). Nothing is sent yet; the cache folder, when set, is created.
///
/// @param zone   the zone participants are registered in, e.g.
///               `"edelivery.tech.ec.europa.eu"`, a NUL-terminated string borrowed for
///               the call.
/// @param store  the SMP signers' trust anchors (the SMP CA of the network, kept apart
///               from TLS anchors), copied: later changes to `store` do not apply.
/// @param opts   the options (tm_smp_lookup_options_new()), borrowed for the call; NULL
///               for every default.
/// @param out    where to store the lookup, which the caller owns (release it with
///               tm_smp_lookup_free()); set to NULL first, and left NULL on failure.
/// @param err    NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` when no nameserver is given and
///         `/etc/resolv.conf` names none, when the cache folder cannot be created, or
///         for a dead handle or a zone that is not UTF-8; `TM_NULL_POINTER`.
///
/// Thread safety: any thread, concurrently with other readers of `store` and `opts`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_new(
    zone: *const c_char,
    store: *const tm_trust_store,
    opts: *const tm_smp_lookup_options,
    out: *mut *mut tm_smp_lookup,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_new";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps them alive and
        // unchanged during the call.
        let (zone, store, opts) = unsafe {
            guard::clear_out(out, F, "out")?;
            let zone = guard::text(zone, F, "zone")?;
            let store = handle::get(store, F, "store")?;
            let opts = if opts.is_null() {
                None
            } else {
                Some(handle::get(opts, F, "opts")?)
            };
            (zone, store, opts)
        };
        let (mut options, policy) = opts.map_or_else(
            || (default_options(), Policy::default()),
            |o| (o.options.clone(), o.policy.clone()),
        );
        zone.clone_into(&mut options.zone);
        let inner =
            SmpLookup::new(&options, store.inner.clone(), policy).map_err(|e| failure(F, &e))?;
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(handle::into_raw(tm_smp_lookup { inner })) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Looks up the record of `participant` for `document`: DNS, then the SMP over HTTP(S)
/// or the cache, then verification. Blocks until it is done: at most the DNS attempts'
/// and the HTTP requests' timeouts.
///
/// @param lookup       a lookup (tm_smp_lookup_new()), borrowed for the call.
/// @param participant  the participant, `scheme::value` (e.g.
///                     `"iso6523-actorid-upis::0088:5798000000001"`), a NUL-terminated
///                     string borrowed for the call.
/// @param document     the document type, `scheme::value`, the same.
/// @param opts         the process, transport profile and time
///                     (tm_smp_lookup_run_options_new()), borrowed for the call; NULL for
///                     every default.
/// @param out          where to store the verified record, the same tm_service_metadata
///                     tm_verify_smp() gives (release it with tm_service_metadata_free());
///                     set to NULL first, and left NULL on failure.
/// @param trace        NULL, or where to store how the lookup went (a tm_smp_trace the
///                     caller owns, released with tm_smp_trace_free()); set to NULL
///                     first, then to a trace whenever the lookup ran, whether it found a
///                     record or not.
/// @param err          NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`;
///         `TM_LOOKUP_NOT_REGISTERED` (`lookup.not_registered`) when neither the BDXL
///         NAPTR name nor the PEPPOL CNAME name leads to an SMP (also when the NAPTR
///         records announce no SMP service);
///         `TM_LOOKUP_DNS_FAILURE` (`lookup.dns_failure`) when no nameserver answered
///         usably;
///         `TM_LOOKUP_NO_SERVICE` (`lookup.no_service`) when the SMP answered 404 or 410:
///         no record for the document;
///         `TM_LOOKUP_HTTP_FAILURE` (`lookup.http_failure`) for another HTTP status, a
///         network or TLS failure, an oversized body;
///         the status of the record's own refusal otherwise, as tm_verify_smp() gives it
///         (`TM_DSIG_DIGEST_MISMATCH`, `TM_SMP_*`, …);
///         `TM_INVALID_ARGUMENT` for a malformed identifier or a dead handle;
///         `TM_NULL_POINTER`. The codes are those of the command line's `smp lookup
///         --json` and Python's `SmpLookup`. The first four, and only those, may succeed
///         on a later try (`TM_LOOKUP_NOT_REGISTERED` and `TM_LOOKUP_NO_SERVICE` once the
///         participant is registered).
///
/// Thread safety: any thread, concurrently with other calls on the same `lookup`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_run(
    lookup: *const tm_smp_lookup,
    participant: *const c_char,
    document: *const c_char,
    opts: *const tm_smp_lookup_run_options,
    out: *mut *mut tm_service_metadata,
    trace: *mut *mut tm_smp_trace,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_run";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps them alive and
        // unchanged during the call.
        let (lookup, participant, document, opts) = unsafe {
            guard::clear_out(out, F, "out")?;
            if !trace.is_null() {
                guard::clear_out(trace, F, "trace")?;
            }
            let lookup = handle::get(lookup, F, "lookup")?;
            let participant = guard::text(participant, F, "participant")?;
            let document = guard::text(document, F, "document")?;
            let opts = if opts.is_null() {
                None
            } else {
                Some(handle::get(opts, F, "opts")?)
            };
            (lookup, participant, document, opts)
        };
        let identifier = |what: &str, e: trustmeta::SmpError| {
            Failure::invalid(F, &format!("`{what}`: {}", trustmeta::Error::from(e)))
        };
        let question = SmpQuestion {
            participant: ParticipantId::parse(participant)
                .map_err(|e| identifier("participant", e))?,
            document: DocumentId::parse(document).map_err(|e| identifier("document", e))?,
            process: opts.and_then(|o| o.process.clone()),
            transport_profile: opts.and_then(|o| o.transport_profile.clone()),
            identifiers: IdentifierPolicy::default(),
        };
        let now = match opts.and_then(|o| o.now) {
            Some(t) => t,
            None => system_now(F)?,
        };
        let (result, how) = lookup.inner.lookup(&question, now);
        if !trace.is_null() {
            // SAFETY: checked by `clear_out` above.
            unsafe { trace.write(handle::into_raw(tm_smp_trace::from(how))) };
        }
        let verified = result.map_err(|e| failure(F, &e))?;
        let value = SmpAnswer {
            verified,
            checks: None,
        }
        .value();
        let record = tree::into_root(&value, &records::SERVICE_METADATA, Held::Nothing)?;
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(record.cast()) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Releases a lookup (a call still running with it must have returned).
///
/// @param lookup  owned by the caller and released by this call; NULL is allowed and
///                ignored, and so is a pointer that is not a live lookup.
///
/// Thread safety: no other thread may use `lookup` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_free(lookup: *mut tm_smp_lookup) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered lookup; the caller gives it up.
        unsafe { handle::free(lookup) };
    });
}

/// Creates the options of one tm_smp_lookup_run(), each at its default: any process,
/// every transport profile, the system clock.
///
/// @return new options, owned by the caller (release them with
///         tm_smp_lookup_run_options_free()); NULL only if the library failed
///         internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_smp_lookup_run_options_new() -> *mut tm_smp_lookup_run_options {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_smp_lookup_run_options {
            process: None,
            transport_profile: None,
            now: None,
        })
    })
}

/// Runs a run-options setter's body on live options.
///
/// # Safety
/// As [`set`].
unsafe fn set_run(
    opts: *mut tm_smp_lookup_run_options,
    func: &str,
    err: *mut *mut tm_error,
    change: impl FnOnce(&mut tm_smp_lookup_run_options) -> Result<(), Failure>,
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

/// Sets the process the record must list, `scheme::value`. Default: any.
///
/// @param opts     options, changed by the call.
/// @param process  a NUL-terminated string borrowed for the call; NULL for any process.
/// @param err      NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a malformed identifier or a dead handle;
///         `TM_NULL_POINTER` if `opts` is NULL. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_run_options_set_process(
    opts: *mut tm_smp_lookup_run_options,
    process: *const c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_run_options_set_process";
    // SAFETY: the caller's contract is the setter's; `text` checks `process`.
    unsafe {
        set_run(opts, F, err, |o| {
            o.process = if process.is_null() {
                None
            } else {
                let text = guard::text(process, F, "process")?;
                Some(ProcessId::parse(text).map_err(|e| {
                    Failure::invalid(F, &format!("`process`: {}", trustmeta::Error::from(e)))
                })?)
            };
            Ok(())
        })
    }
}

/// Sets the transport profile asked for: only its endpoints are returned, and a record
/// without one is refused with `TM_SMP_TRANSPORT_PROFILE_NOT_FOUND`. Default: every
/// profile.
///
/// @param opts     options, changed by the call.
/// @param profile  e.g. `"peppol-transport-as4-v2_0"`, a NUL-terminated string borrowed
///                 for the call; NULL for every profile.
/// @param err      NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for text that is not UTF-8 or a dead handle;
///         `TM_NULL_POINTER` if `opts` is NULL.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_run_options_set_transport_profile(
    opts: *mut tm_smp_lookup_run_options,
    profile: *const c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_smp_lookup_run_options_set_transport_profile";
    // SAFETY: the caller's contract is the setter's; `text` checks `profile`.
    unsafe {
        set_run(opts, F, err, |o| {
            o.transport_profile = if profile.is_null() {
                None
            } else {
                Some(guard::text(profile, F, "profile")?.to_owned())
            };
            Ok(())
        })
    }
}

/// Sets the verification time. The cache's time to live always follows the system
/// clock. Default: the system clock when the call runs.
///
/// @param opts  options, changed by the call.
/// @param now   seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///              TM_NOW for the system clock.
/// @param err   NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_INVALID_ARGUMENT` for a dead handle; `TM_NULL_POINTER`.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_run_options_set_now(
    opts: *mut tm_smp_lookup_run_options,
    now: i64,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the caller's contract is the setter's.
    unsafe {
        set_run(opts, "tm_smp_lookup_run_options_set_now", err, |o| {
            o.now = (now != TM_NOW).then(|| DateTime::from_unix(now));
            Ok(())
        })
    }
}

/// Releases run options.
///
/// @param opts  owned by the caller and released by this call; NULL is allowed and
///              ignored, and so is a pointer that is not live run options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_lookup_run_options_free(opts: *mut tm_smp_lookup_run_options) {
    guard::quietly((), || {
        // SAFETY: `free` only releases registered options; the caller gives them up.
        unsafe { handle::free(opts) };
    });
}

/// Reads one optional text of a trace.
///
/// # Safety
/// No other thread may free `trace` during the call.
unsafe fn trace_text(
    trace: *const tm_smp_trace,
    field: impl FnOnce(&tm_smp_trace) -> Option<&CString>,
) -> *const c_char {
    guard::quietly(ptr::null(), || {
        // SAFETY: `peek` only dereferences a registered trace; the caller does not free
        // it during the call.
        unsafe { handle::peek(trace) }
            .and_then(field)
            .map_or(ptr::null(), |s| s.as_ptr())
    })
}

/// Returns the DNS name that led to the SMP: the BDXL NAPTR name, or the PEPPOL SML
/// name of the CNAME.
///
/// @param trace  a trace, borrowed for the call.
/// @return a NUL-terminated string owned by `trace`; NULL when DNS led nowhere, or for a
///         NULL or dead trace.
///
/// Thread safety: any thread, concurrently with other readers of `trace`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_trace_dns_name(trace: *const tm_smp_trace) -> *const c_char {
    // SAFETY: the caller's contract is `trace_text`'s.
    unsafe { trace_text(trace, |t| t.dns_name.as_ref()) }
}

/// Returns the type of the DNS record that led to the SMP: `"NAPTR"` (BDXL), `"CNAME"`
/// or `"A"` (PEPPOL SML).
///
/// @param trace  a trace, borrowed for the call.
/// @return a NUL-terminated string owned by `trace`; NULL when DNS led nowhere, or for a
///         NULL or dead trace.
///
/// Thread safety: any thread, concurrently with other readers of `trace`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_trace_dns_record_type(trace: *const tm_smp_trace) -> *const c_char {
    // SAFETY: the caller's contract is `trace_text`'s.
    unsafe { trace_text(trace, |t| t.dns_record_type.as_ref()) }
}

/// Returns the protocol the SMP was asked in: `"1"` (OASIS SMP 1.0, PEPPOL) or `"2"`
/// (OASIS SMP 2.0).
///
/// @param trace  a trace, borrowed for the call.
/// @return a NUL-terminated string owned by `trace`; NULL when no SMP was asked, or for
///         a NULL or dead trace.
///
/// Thread safety: any thread, concurrently with other readers of `trace`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_trace_smp_api(trace: *const tm_smp_trace) -> *const c_char {
    // SAFETY: the caller's contract is `trace_text`'s.
    unsafe { trace_text(trace, |t| t.smp_api.as_ref()) }
}

/// Returns the URL of the record: the one asked, or the redirect's target after an SMP
/// redirect.
///
/// @param trace  a trace, borrowed for the call.
/// @return a NUL-terminated string owned by `trace`; NULL when no SMP was asked, or for
///         a NULL or dead trace.
///
/// Thread safety: any thread, concurrently with other readers of `trace`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_trace_smp_url(trace: *const tm_smp_trace) -> *const c_char {
    // SAFETY: the caller's contract is `trace_text`'s.
    unsafe { trace_text(trace, |t| t.smp_url.as_ref()) }
}

/// Returns the first URL asked, when its record redirected.
///
/// @param trace  a trace, borrowed for the call.
/// @return a NUL-terminated string owned by `trace`; NULL without a redirect, or for a
///         NULL or dead trace.
///
/// Thread safety: any thread, concurrently with other readers of `trace`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_trace_redirected_from(trace: *const tm_smp_trace) -> *const c_char {
    // SAFETY: the caller's contract is `trace_text`'s.
    unsafe { trace_text(trace, |t| t.redirected_from.as_ref()) }
}

/// Returns how the cache served the record: `"hit"` (within its time to live, no
/// request), `"miss"` (fetched and stored), `"revalidated"` (the SMP said it is
/// unchanged) or `"replaced"` (the SMP sent a newer record, which verified).
///
/// @param trace  a trace, borrowed for the call.
/// @return a NUL-terminated string owned by `trace`; NULL without a cache folder or
///         before the cache was reached, or for a NULL or dead trace.
///
/// Thread safety: any thread, concurrently with other readers of `trace`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_trace_cache(trace: *const tm_smp_trace) -> *const c_char {
    // SAFETY: the caller's contract is `trace_text`'s.
    unsafe { trace_text(trace, |t| t.cache.as_ref()) }
}

/// Returns how many warnings the lookup gave: what went wrong without failing it (a cache
/// entry that could not be written).
///
/// @param trace  a trace, borrowed for the call.
/// @return the count; 0 for a NULL or dead trace.
///
/// Thread safety: any thread, concurrently with other readers of `trace`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_trace_warning_count(trace: *const tm_smp_trace) -> usize {
    guard::quietly(0, || {
        // SAFETY: `peek` only dereferences a registered trace; the caller does not free
        // it during the call.
        unsafe { handle::peek(trace) }.map_or(0, |t| t.warnings.len())
    })
}

/// Returns one warning of the lookup, a sentence.
///
/// @param trace  a trace, borrowed for the call.
/// @param index  from 0 to tm_smp_trace_warning_count() - 1.
/// @return a NUL-terminated string owned by `trace`; NULL for an index out of range or a
///         NULL or dead trace.
///
/// Thread safety: any thread, concurrently with other readers of `trace`.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_trace_warning(
    trace: *const tm_smp_trace,
    index: usize,
) -> *const c_char {
    // SAFETY: the caller's contract is `trace_text`'s.
    unsafe { trace_text(trace, |t| t.warnings.get(index)) }
}

/// Releases a trace and its strings.
///
/// @param trace  owned by the caller and released by this call; NULL is allowed and
///               ignored, and so is a pointer that is not a live trace.
///
/// Thread safety: no other thread may use `trace` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_trace_free(trace: *mut tm_smp_trace) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered trace; the caller gives it up.
        unsafe { handle::free(trace) };
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn message(err: *mut tm_error) -> String {
        // SAFETY: `err` was issued by the library; read, then freed once.
        unsafe {
            let m = CStr::from_ptr(crate::error::tm_error_message(err))
                .to_string_lossy()
                .into_owned();
            crate::error::tm_error_free(err);
            m
        }
    }

    #[test]
    fn options_refuse_bad_values_with_a_sentence() {
        let opts = tm_smp_lookup_options_new();
        let mut err: *mut tm_error = ptr::null_mut();
        // SAFETY: live options; `err` is storage for one pointer.
        unsafe {
            assert_eq!(
                tm_smp_lookup_options_add_nameserver(opts, c"dns.example".as_ptr(), &mut err),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert!(message(err).contains("write an IP address"));
            assert_eq!(
                tm_smp_lookup_options_add_nameserver(opts, c"[::1]:5353".as_ptr(), &mut err),
                tm_status::TM_OK
            );
            assert_eq!(
                tm_smp_lookup_options_set_smp_version(opts, c"3".as_ptr(), &mut err),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert!(message(err).contains("\"auto\", \"1\" or \"2\""));
            assert_eq!(
                tm_smp_lookup_options_set_timeout_ms(opts, 0, &mut err),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert!(message(err).contains("between 1 and"));
            assert_eq!(
                tm_smp_lookup_options_add_connect_to(opts, c"host".as_ptr(), &mut err),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert!(message(err).contains("HOST:PORT:CONNECT-HOST:CONNECT-PORT"));
            let o = handle::get(opts, "t", "opts").unwrap();
            assert_eq!(o.options.nameservers.len(), 1);
            assert_eq!(o.options.api, None);
            tm_smp_lookup_options_free(opts);
            tm_smp_lookup_options_free(opts);
        }
    }

    #[test]
    fn lookup_failures_carry_the_lookup_codes() {
        let f = failure("t", &LookupError::NotRegistered("x".into()));
        assert_eq!(f.status, tm_status::TM_LOOKUP_NOT_REGISTERED);
        assert_eq!(f.code.to_str().unwrap(), "lookup.not_registered");
        let f = failure("t", &LookupError::DnsFailure("x".into()));
        assert_eq!(f.code.to_str().unwrap(), "lookup.dns_failure");
        let f = failure("t", &LookupError::NoService("x".into()));
        assert_eq!(f.status as i32, 1303);
        let f = failure("t", &LookupError::Http("x".into()));
        assert_eq!(f.code.to_str().unwrap(), "lookup.http_failure");
        let f = failure("t", &LookupError::Usage("bad".into()));
        assert_eq!(f.status, tm_status::TM_INVALID_ARGUMENT);
    }
}
