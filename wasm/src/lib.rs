//! WebAssembly bindings of [`trustmeta`], for the npm package `trustmeta`.
//!
//! This crate is the Rust half of the package: `wasm-bindgen` turns it into a `.wasm`
//! module plus low-level JS glue, and the hand-written `wasm/js/*.js` wrapper on top of
//! that glue is the public API (argument checks, `Date` handling, the `TrustmetaError`
//! class, `init()`). Nothing here is meant to be called directly from JavaScript.
//!
//! Conventions at this boundary:
//! - bytes come in as `&[u8]` (the wrapper has already checked they were `Uint8Array`s);
//! - results go out as plain JS objects with camelCase fields (the shared result table of
//!   `docs/bindings-brief.md`);
//! - failures go out as a JS `Error` carrying `code` (the core's stable string) and
//!   `number`, which the wrapper rethrows as a `TrustmetaError`.
//!
//! The core is built without `std` and so uses its portable RustCrypto backend: no
//! `ring`, no randomness, nothing that needs the host beyond memory.
//!
//! Unsafe code is forbidden: `RawMetadataStream` keeps the core's streaming verifier
//! built with `MetadataStreamVerifier::owning`, which owns its copy of the trust store.

#![cfg_attr(target_arch = "wasm32", no_std)]
#![forbid(unsafe_code)]

extern crate alloc;

mod metadata;
mod saml;

use alloc::string::{String, ToString};
use js_sys::{Array, Date, Object, Reflect};
use trustmeta::{
    bdxl_name, sml_cname, DateTime, DocumentId, Endpoint, ErrorCode, IdentifierPolicy,
    ParticipantId, Policy, ProcessId, SmpQuestion, VerificationReport, VerifiedDocument,
    VerifiedServiceMetadata,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// Without std on wasm32: the allocator std would have used, and a panic handler that
// traps. The core reports every failure as an error value and does not panic on input;
// a trap would surface in JS as a `RuntimeError: unreachable`.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;

#[cfg(all(target_arch = "wasm32", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// A set of trusted certificates and keys, plus untrusted intermediates.
#[wasm_bindgen(js_name = RawTrustStore)]
#[derive(Default)]
pub struct TrustStore {
    inner: trustmeta::TrustStore,
}

#[wasm_bindgen(js_class = RawTrustStore)]
impl TrustStore {
    /// An empty store.
    #[wasm_bindgen(constructor)]
    pub fn new() -> TrustStore {
        TrustStore::default()
    }

    /// Trusts every `CERTIFICATE` and `PUBLIC KEY` block of `pem` (or one DER certificate).
    ///
    /// # Errors
    /// `pki.bad_pem` / `pki.bad_certificate`, as a JS error with `code`.
    #[wasm_bindgen(js_name = addPem)]
    pub fn add_pem(&mut self, pem: &[u8]) -> Result<(), JsValue> {
        self.inner
            .add_pem(pem)
            .map_err(|e| error_value(&trustmeta::Error::from(e)))
    }

    /// Adds every certificate of `pem` as an untrusted intermediate.
    ///
    /// # Errors
    /// `pki.bad_pem` / `pki.bad_certificate`, as a JS error with `code`.
    #[wasm_bindgen(js_name = addIntermediatesPem)]
    pub fn add_intermediates_pem(&mut self, pem: &[u8]) -> Result<(), JsValue> {
        self.inner
            .add_intermediates_pem(pem)
            .map_err(|e| error_value(&trustmeta::Error::from(e)))
    }

    /// Number of trusted certificates and keys (intermediates not counted).
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }
}

/// Verifies the one XML signature of `xml` against `store` at `now_secs` (Unix seconds).
///
/// `xml` is taken as a JS `Uint8Array` and copied into WebAssembly memory only after its
/// length passed the input limit, so an oversized input is refused without growing the
/// module's memory to hold it.
///
/// # Errors
/// A JS error with the core's `code` when the document does not verify.
#[wasm_bindgen(js_name = rawVerify)]
pub fn verify(
    xml: &js_sys::Uint8Array,
    store: &TrustStore,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Object, JsValue> {
    let policy = policy(allow_sha1, min_rsa_bits);
    let size = usize::try_from(xml.length()).unwrap_or(usize::MAX);
    if size > policy.limits.max_input_bytes {
        let e = trustmeta::XmlError::InputTooLarge {
            size,
            limit: policy.limits.max_input_bytes,
        };
        return Err(error_value(&e.into()));
    }
    let xml = xml.to_vec();
    let now = unix_time(now_secs)
        .ok_or_else(|| error_value(&trustmeta::Error::Time(trustmeta::TimeError)))?;
    match trustmeta::verify(&xml, &store.inner, &policy, now) {
        Ok(doc) => Ok(result_object(&doc)),
        Err(e) => Err(error_value(&e)),
    }
}

/// Verifies a signed SMP ServiceMetadata record against `store` at `now_secs` as the
/// answer to the question (participant, document, optional process and transport
/// profile), with the input limit checked before copying, as [`verify`].
///
/// # Errors
/// A JS error with the core's `code` (`smp.participant_mismatch`, …) when the record does
/// not verify or does not answer the question.
#[wasm_bindgen(js_name = rawVerifySmp)]
#[allow(clippy::too_many_arguments)] // the JS wrapper passes the checked options flat
pub fn verify_smp(
    xml: &js_sys::Uint8Array,
    store: &TrustStore,
    participant: &str,
    document: &str,
    process: Option<String>,
    transport_profile: Option<String>,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Object, JsValue> {
    let (policy, question, now) = smp_setup(
        &[xml],
        participant,
        document,
        process,
        transport_profile,
        now_secs,
        allow_sha1,
        min_rsa_bits,
    )?;
    let xml = xml.to_vec();
    match trustmeta::verify_smp(&xml, &question, &store.inner, &policy, now) {
        Ok(v) => Ok(smp_object(&v)),
        Err(e) => Err(error_value(&e)),
    }
}

/// As [`verify_smp`], then checks each active endpoint's certificate against the
/// access-point anchors in `ap_store` at the same time: every endpoint object gets
/// `certificateTrusted` (boolean) and `certificateError` (the error code, or null).
///
/// # Errors
/// As [`verify_smp`]; an untrusted endpoint certificate is reported, not thrown.
#[wasm_bindgen(js_name = rawVerifySmpCheckingEndpoints)]
#[allow(clippy::too_many_arguments)] // the JS wrapper passes the checked options flat
pub fn verify_smp_checking_endpoints(
    xml: &js_sys::Uint8Array,
    store: &TrustStore,
    ap_store: &TrustStore,
    participant: &str,
    document: &str,
    process: Option<String>,
    transport_profile: Option<String>,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Object, JsValue> {
    let (policy, question, now) = smp_setup(
        &[xml],
        participant,
        document,
        process,
        transport_profile,
        now_secs,
        allow_sha1,
        min_rsa_bits,
    )?;
    let v = trustmeta::verify_smp(&xml.to_vec(), &question, &store.inner, &policy, now)
        .map_err(|e| error_value(&e))?;
    let obj = smp_object(&v);
    let endpoints: Array = Reflect::get(&obj, &JsValue::from_str("endpoints"))
        .map(Array::unchecked_from_js)
        .unwrap_or_default();
    let checks =
        trustmeta::check_endpoint_certificates(v.endpoints(), &ap_store.inner, &policy, now);
    for (i, c) in checks.into_iter().enumerate() {
        let e = endpoints.get(u32::try_from(i).unwrap_or(u32::MAX));
        set(&e, "certificateTrusted", c.result.is_ok());
        set(
            &e,
            "certificateError",
            c.result.err().map_or(JsValue::NULL, |err| {
                JsValue::from(trustmeta::Error::from(err).code().as_str())
            }),
        );
    }
    Ok(obj)
}

/// The policy, question and time of an SMP verification, with the input limit checked on
/// each record before copying.
#[allow(clippy::too_many_arguments)] // the flat options of the raw functions
fn smp_setup(
    records: &[&js_sys::Uint8Array],
    participant: &str,
    document: &str,
    process: Option<String>,
    transport_profile: Option<String>,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<(Policy, SmpQuestion, trustmeta::DateTime), JsValue> {
    let policy = policy(allow_sha1, min_rsa_bits);
    for xml in records {
        let size = usize::try_from(xml.length()).unwrap_or(usize::MAX);
        if size > policy.limits.max_input_bytes {
            let e = trustmeta::XmlError::InputTooLarge {
                size,
                limit: policy.limits.max_input_bytes,
            };
            return Err(error_value(&e.into()));
        }
    }
    let smp = |e: trustmeta::SmpError| error_value(&e.into());
    let question = SmpQuestion {
        participant: ParticipantId::parse(participant).map_err(smp)?,
        document: DocumentId::parse(document).map_err(smp)?,
        process: process
            .as_deref()
            .map(ProcessId::parse)
            .transpose()
            .map_err(smp)?,
        transport_profile,
        identifiers: trustmeta::IdentifierPolicy::default(),
    };
    let now = unix_time(now_secs)
        .ok_or_else(|| error_value(&trustmeta::Error::Time(trustmeta::TimeError)))?;
    Ok((policy, question, now))
}

/// Verifies the redirecting record `first` as [`verify_smp`] does (it must give a
/// redirect), then `target`, the record fetched from its href, for the same question,
/// checking that the target's signer is the one the redirect names; returns the
/// target's result.
///
/// # Errors
/// As [`verify_smp`] for either record; `smp.redirect_signer_mismatch`,
/// `smp.double_redirect`; a JS error without `code` when `first` is not a redirect.
#[wasm_bindgen(js_name = rawVerifySmpRedirect)]
#[allow(clippy::too_many_arguments)] // the JS wrapper passes the checked options flat
pub fn verify_smp_redirect(
    first: &js_sys::Uint8Array,
    target: &js_sys::Uint8Array,
    store: &TrustStore,
    participant: &str,
    document: &str,
    process: Option<String>,
    transport_profile: Option<String>,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Object, JsValue> {
    let (policy, question, now) = smp_setup(
        &[first, target],
        participant,
        document,
        process,
        transport_profile,
        now_secs,
        allow_sha1,
        min_rsa_bits,
    )?;
    let first = trustmeta::verify_smp(&first.to_vec(), &question, &store.inner, &policy, now)
        .map_err(|e| error_value(&e))?;
    let Some(redirect) = first.redirect() else {
        return Err(js_sys::Error::new(
            "trustmeta.verifySmpRedirect: `first` verified but is not a redirect",
        )
        .into());
    };
    trustmeta::verify_smp_redirect_target(
        &target.to_vec(),
        &question,
        redirect,
        &store.inner,
        &policy,
        now,
    )
    .map(|v| smp_object(&v))
    .map_err(|e| error_value(&e))
}

/// Verifies an SMP ServiceGroup for `participant` against `store` at `now_secs`; an
/// unsigned group is accepted only with `allow_unsigned`.
///
/// # Errors
/// `dsig.missing_signature` for an unsigned group by default, `smp.participant_mismatch`
/// for another participant's group, or any verification code, as a JS error with `code`.
#[wasm_bindgen(js_name = rawVerifyServiceGroup)]
pub fn verify_service_group(
    xml: &js_sys::Uint8Array,
    store: &TrustStore,
    participant: &str,
    allow_unsigned: bool,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Object, JsValue> {
    let policy = policy(allow_sha1, min_rsa_bits);
    let size = usize::try_from(xml.length()).unwrap_or(usize::MAX);
    if size > policy.limits.max_input_bytes {
        let e = trustmeta::XmlError::InputTooLarge {
            size,
            limit: policy.limits.max_input_bytes,
        };
        return Err(error_value(&e.into()));
    }
    let question = trustmeta::ServiceGroupQuestion {
        allow_unsigned,
        ..trustmeta::ServiceGroupQuestion::new(
            ParticipantId::parse(participant).map_err(|e| error_value(&e.into()))?,
        )
    };
    let now = unix_time(now_secs)
        .ok_or_else(|| error_value(&trustmeta::Error::Time(trustmeta::TimeError)))?;
    let g = trustmeta::verify_service_group(&xml.to_vec(), &question, &store.inner, &policy, now)
        .map_err(|e| error_value(&e))?;
    let obj = Object::new();
    set(&obj, "version", g.version().name());
    set(&obj, "participant", g.participant().to_string());
    let references = Array::new();
    for r in g.references() {
        let o = Object::new();
        set(
            &o,
            "document",
            r.document
                .as_ref()
                .map_or(JsValue::NULL, |d| JsValue::from(d.to_string())),
        );
        set(
            &o,
            "href",
            r.href.as_deref().map_or(JsValue::NULL, JsValue::from),
        );
        references.push(&o);
    }
    set(&obj, "references", references);
    let report = g.report();
    let signer = report.and_then(|r| r.signer.as_ref());
    set(&obj, "signed", report.is_some());
    set(
        &obj,
        "signerSha256",
        signer.map_or(JsValue::NULL, |c| JsValue::from(c.sha256_hex())),
    );
    set(
        &obj,
        "signerSubject",
        signer.map_or(JsValue::NULL, |c| JsValue::from(c.subject())),
    );
    set(&obj, "otherSignatures", g.other_signatures() as f64);
    Ok(obj)
}

/// Verifies the signatures inside `Extension` elements of an SMP record (the eHealth
/// owner signature), each over the element that contains its `Extension`, against
/// `store` at `now_secs`: one object per signature, `coveredElement` and the signer
/// fields of [`verify`]'s result.
///
/// # Errors
/// `dsig.missing_signature` when there is none, the failing signature's code, or
/// `smp.signature_profile`, as a JS error with `code`.
#[wasm_bindgen(js_name = rawVerifySmpExtensionSignatures)]
pub fn verify_smp_extension_signatures(
    xml: &js_sys::Uint8Array,
    store: &TrustStore,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Array, JsValue> {
    let policy = policy(allow_sha1, min_rsa_bits);
    let size = usize::try_from(xml.length()).unwrap_or(usize::MAX);
    if size > policy.limits.max_input_bytes {
        let e = trustmeta::XmlError::InputTooLarge {
            size,
            limit: policy.limits.max_input_bytes,
        };
        return Err(error_value(&e.into()));
    }
    let now = unix_time(now_secs)
        .ok_or_else(|| error_value(&trustmeta::Error::Time(trustmeta::TimeError)))?;
    let sigs =
        trustmeta::verify_smp_extension_signatures(&xml.to_vec(), &store.inner, &policy, now)
            .map_err(|e| error_value(&e))?;
    Ok(sigs
        .iter()
        .map(|sig| {
            let obj = Object::new();
            set(&obj, "coveredElement", sig.covered_element.as_str());
            report_fields(&obj, &sig.report);
            obj
        })
        .collect())
}

/// The DNS name of `participant`'s SMP in `zone`: BDXL (NAPTR), or with `cname` the
/// PEPPOL SML CNAME.
///
/// # Errors
/// `smp.bad_identifier` as a JS error with `code`.
#[wasm_bindgen(js_name = rawSmpName)]
pub fn smp_name(participant: &str, zone: &str, cname: bool) -> Result<String, JsValue> {
    let p = ParticipantId::parse(participant).map_err(|e| error_value(&e.into()))?;
    let ids = IdentifierPolicy::default();
    Ok(if cname {
        sml_cname(&p, zone, &ids)
    } else {
        bdxl_name(&p, zone, &ids)
    })
}

/// A parsed EMREG registry list (EMREX): the NCPs and the countries.
#[wasm_bindgen(js_name = RawEmreg)]
pub struct Emreg {
    inner: trustmeta::Emreg,
}

#[wasm_bindgen(js_class = RawEmreg)]
impl Emreg {
    /// Parses an EMREG list (JSON, `ncps` or `emps`).
    ///
    /// # Errors
    /// `emrex.json_malformed`, `emrex.json_limit`, `emrex.emreg_malformed`, as a JS error
    /// with `code`.
    pub fn parse(data: &[u8]) -> Result<Emreg, JsValue> {
        trustmeta::Emreg::parse(data)
            .map(|inner| Emreg { inner })
            .map_err(|e| error_value(&e.into()))
    }

    /// The list as plain objects: `{ncps: [{acronym, countryCode, institutions, url,
    /// pubKey}], countries: [{code, name, singleFetch}], emps, skippedNulls}`.
    pub fn summary(&self) -> Object {
        let e = &self.inner;
        let ncps: Array = e
            .ncps
            .iter()
            .map(|n| {
                let o = Object::new();
                set(&o, "acronym", n.acronym.as_str());
                set(&o, "countryCode", n.country_code.as_str());
                set(
                    &o,
                    "institutions",
                    strings(n.institutions.iter().map(String::as_str)),
                );
                set(&o, "url", n.url.as_str());
                set(&o, "pubKey", n.pub_key_pem.as_str());
                o
            })
            .collect();
        let countries: Array = e
            .countries
            .iter()
            .map(|c| {
                let o = Object::new();
                set(&o, "code", c.code.as_str());
                set(&o, "name", c.name.as_str());
                set(&o, "singleFetch", c.single_fetch);
                o
            })
            .collect();
        let obj = Object::new();
        set(&obj, "ncps", ncps);
        set(&obj, "countries", countries);
        set(&obj, "emps", e.emps);
        set(&obj, "skippedNulls", index(e.skipped_nulls));
        obj
    }

    /// The index in `summary().ncps` of the NCP called `acronym`.
    ///
    /// # Errors
    /// `emrex.ncp_not_found` as a JS error with `code`.
    #[wasm_bindgen(js_name = ncpIndex)]
    pub fn ncp_index(&self, acronym: &str) -> Result<u32, JsValue> {
        let ncp = self
            .inner
            .ncp(acronym)
            .map_err(|e| error_value(&e.into()))?;
        Ok(self.position(ncp))
    }

    /// The index in `summary().countries` of country `code` (any case), or -1.
    #[wasm_bindgen(js_name = countryIndex)]
    pub fn country_index(&self, code: &str) -> i32 {
        self.inner
            .country(code)
            .and_then(|c| {
                self.inner
                    .countries
                    .iter()
                    .position(|x| core::ptr::eq(x, c))
            })
            .and_then(|i| i32::try_from(i).ok())
            .unwrap_or(-1)
    }

    /// The indexes of the NCPs of country `code` (any case), in list order.
    #[wasm_bindgen(js_name = ncpsOfCountry)]
    pub fn ncps_of_country(&self, code: &str) -> alloc::vec::Vec<u32> {
        self.inner
            .ncps_of_country(code)
            .into_iter()
            .map(|n| self.position(n))
            .collect()
    }

    /// What to offer a learner of country `code`: `[{ncp: index, institution}]`.
    pub fn choices(&self, code: &str) -> Array {
        self.inner
            .choices(code)
            .iter()
            .map(|c| {
                let o = Object::new();
                set(&o, "ncp", self.position(c.ncp));
                set(
                    &o,
                    "institution",
                    c.institution.map_or(JsValue::NULL, JsValue::from_str),
                );
                o
            })
            .collect()
    }

    fn position(&self, ncp: &trustmeta::Ncp) -> u32 {
        let i = self
            .inner
            .ncps
            .iter()
            .position(|n| core::ptr::eq(n, ncp))
            .unwrap_or(usize::MAX);
        u32::try_from(i).unwrap_or(u32::MAX)
    }
}

/// Verifies an ELMO file against the certificate `emreg` gives for NCP `ncp`, at
/// `now_secs`, under the EMREX profile, with the input limit checked before copying, as
/// [`verify`]. The result: `namespace`, `learner` and `learners` (`{givenNames,
/// familyName, birthDate, citizenship}`), `reports`, `nestedSignatures` and the signer
/// fields of [`verify`]'s result.
///
/// # Errors
/// `emrex.ncp_not_found`, `emrex.signature_profile`, … or any verification code, as a JS
/// error with `code`.
#[wasm_bindgen(js_name = rawVerifyElmo)]
pub fn verify_elmo(
    xml: &js_sys::Uint8Array,
    emreg: &Emreg,
    ncp: &str,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Object, JsValue> {
    let policy = policy(allow_sha1, min_rsa_bits);
    let size = usize::try_from(xml.length()).unwrap_or(usize::MAX);
    if size > policy.limits.max_input_bytes {
        let e = trustmeta::XmlError::InputTooLarge {
            size,
            limit: policy.limits.max_input_bytes,
        };
        return Err(error_value(&e.into()));
    }
    let ncp = emreg.inner.ncp(ncp).map_err(|e| error_value(&e.into()))?;
    let now = unix_time(now_secs)
        .ok_or_else(|| error_value(&trustmeta::Error::Time(trustmeta::TimeError)))?;
    let v = trustmeta::verify_elmo_from(&xml.to_vec(), ncp, &policy, now)
        .map_err(|e| error_value(&e))?;
    let obj = Object::new();
    set(&obj, "namespace", v.namespace);
    set(&obj, "learner", learner_object(&v.learner));
    let learners: Array = v.learners.iter().map(learner_object).collect();
    set(&obj, "learners", learners);
    set(&obj, "reports", index(v.reports));
    set(&obj, "nestedSignatures", index(v.nested_signatures));
    report_fields(&obj, &v.report);
    Ok(obj)
}

/// Decodes the `elmo` form field (base64, then gunzip when gzip), capped at `max_bytes`
/// (the core's default when `None`).
///
/// # Errors
/// `emrex.bad_base64`, `emrex.gzip_malformed`, `emrex.decompressed_too_large`, as a JS
/// error with `code`.
#[wasm_bindgen(js_name = rawDecodeElmoField)]
pub fn decode_elmo_field(
    field: &[u8],
    max_bytes: Option<u32>,
) -> Result<alloc::vec::Vec<u8>, JsValue> {
    let max = max_bytes.map_or(trustmeta::DEFAULT_MAX_ELMO_BYTES, |m| {
        usize::try_from(m).unwrap_or(usize::MAX)
    });
    trustmeta::decode_elmo_field(field, max).map_err(|e| error_value(&e.into()))
}

/// Reads an EMREX `returnCode`: `"OK"`, `"NO_RESULTS"`, `"CANCEL"` or `"ERROR"`.
///
/// # Errors
/// `emrex.bad_return_code` as a JS error with `code`.
#[wasm_bindgen(js_name = rawParseReturnCode)]
pub fn parse_return_code(value: &str) -> Result<String, JsValue> {
    trustmeta::ReturnCode::parse(value)
        .map(|c| String::from(c.as_str()))
        .map_err(|e| error_value(&e.into()))
}

/// The policy of `allow_sha1` and `min_rsa_bits`, and `xml` copied into WebAssembly
/// memory once its length passed the input limit (as [`verify`]).
fn tsl_input(
    xml: &js_sys::Uint8Array,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<(Policy, alloc::vec::Vec<u8>), JsValue> {
    let policy = policy(allow_sha1, min_rsa_bits);
    let size = usize::try_from(xml.length()).unwrap_or(usize::MAX);
    if size > policy.limits.max_input_bytes {
        let e = trustmeta::XmlError::InputTooLarge {
            size,
            limit: policy.limits.max_input_bytes,
        };
        return Err(error_value(&e.into()));
    }
    Ok((policy, xml.to_vec()))
}

fn verified_tsl(
    xml: &js_sys::Uint8Array,
    store: &TrustStore,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<trustmeta::VerifiedTsl, JsValue> {
    let (policy, xml) = tsl_input(xml, allow_sha1, min_rsa_bits)?;
    let now = unix_time(now_secs)
        .ok_or_else(|| error_value(&trustmeta::Error::Time(trustmeta::TimeError)))?;
    trustmeta::verify_tsl(&xml, &store.inner, &policy, now).map_err(|e| error_value(&e))
}

/// Verifies a signed ETSI trusted list against `store` at `now_secs` under the
/// trusted-list XAdES profile, and returns what it says: the scheme fields, `pointers`,
/// `providers` with their `services`, all `services` in document order, `openncp` (the
/// OpenNCP view, or null) and the signer fields of [`verify`]'s result.
///
/// # Errors
/// `tsl.*` or any verification code, as a JS error with `code`.
#[wasm_bindgen(js_name = rawVerifyTsl)]
pub fn verify_tsl(
    xml: &js_sys::Uint8Array,
    store: &TrustStore,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Object, JsValue> {
    verified_tsl(xml, store, now_secs, allow_sha1, min_rsa_bits).map(|v| tsl_object(&v))
}

/// Verifies an OpenNCP NCP configuration list as [`verify_tsl`] does, then maps it to
/// unsigned SMP records in `format` (`oasis-smp1` or `busdox`):
/// `[{fileName, participant, document, process, endpoints, xml}]`.
///
/// # Errors
/// As [`verify_tsl`]; `tsl.not_openncp` or `tsl.malformed` from the mapping; a JS error
/// without `code` for an unknown `format` (the wrapper checks it first).
#[wasm_bindgen(js_name = rawTslToSmp)]
pub fn tsl_to_smp(
    xml: &js_sys::Uint8Array,
    store: &TrustStore,
    format: &str,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Array, JsValue> {
    let format = trustmeta::SmpOutputFormat::parse(format)
        .ok_or_else(|| JsValue::from(js_sys::Error::new("unknown SMP format")))?;
    let v = verified_tsl(xml, store, now_secs, allow_sha1, min_rsa_bits)?;
    let records = trustmeta::to_smp(&v, format).map_err(|e| error_value(&e.into()))?;
    Ok(records
        .iter()
        .map(|r| {
            let o = Object::new();
            set(&o, "fileName", r.file_name.as_str());
            set(&o, "participant", r.participant.as_str());
            set(&o, "document", r.document.as_str());
            set(&o, "process", r.process.as_str());
            set(&o, "endpoints", index(r.endpoints));
            set(&o, "xml", r.xml.as_str());
            JsValue::from(o)
        })
        .collect())
}

fn lang_strings(v: &[trustmeta::LangString]) -> Array {
    v.iter()
        .map(|n| {
            let o = Object::new();
            set(&o, "lang", n.lang.as_str());
            set(&o, "text", n.text.as_str());
            JsValue::from(o)
        })
        .collect()
}

fn ders<'a>(certs: impl Iterator<Item = &'a trustmeta::Certificate>) -> Array {
    certs
        .map(|c| JsValue::from(js_sys::Uint8Array::from(c.der())))
        .collect()
}

fn optional_str(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

fn tsl_object(v: &trustmeta::VerifiedTsl) -> Object {
    let l = &v.list;
    let s = &l.scheme;
    let obj = Object::new();
    set(&obj, "id", optional_str(l.id.as_deref()));
    set(&obj, "tag", optional_str(l.tag.as_deref()));
    set(&obj, "territory", s.territory.as_str());
    set(&obj, "version", s.version);
    // Sequence numbers are small counters; a JS number holds them exactly below 2^53.
    #[allow(clippy::cast_precision_loss)]
    let sequence_number = s.sequence_number as f64;
    set(&obj, "sequenceNumber", sequence_number);
    set(&obj, "tslType", s.tsl_type.as_str());
    set(&obj, "operatorNames", lang_strings(&s.operator_names));
    set(
        &obj,
        "operatorElectronicAddresses",
        strings(s.operator_electronic_addresses.iter().map(String::as_str)),
    );
    set(&obj, "schemeNames", lang_strings(&s.scheme_names));
    set(&obj, "issued", date(s.issued));
    set(
        &obj,
        "nextUpdate",
        s.next_update.map_or(JsValue::NULL, |t| date(t).into()),
    );
    set(
        &obj,
        "signingTime",
        v.signing_time.map_or(JsValue::NULL, |t| date(t).into()),
    );
    let pointers: Array = s
        .pointers
        .iter()
        .map(|p| {
            let o = Object::new();
            set(&o, "location", p.location.as_str());
            set(&o, "territory", optional_str(p.territory.as_deref()));
            set(&o, "mimeType", optional_str(p.mime_type.as_deref()));
            set(&o, "certificates", ders(p.certificates.iter()));
            JsValue::from(o)
        })
        .collect();
    set(&obj, "pointers", pointers);
    // One object per service, shared by `providers[].services`, `services` and
    // `openncp.services[].service`, so that identity comparisons work.
    let mut all: alloc::vec::Vec<(&trustmeta::Service, Object)> = alloc::vec::Vec::new();
    let providers = Array::new();
    for p in &l.providers {
        let services = Array::new();
        for svc in &p.services {
            let o = Object::new();
            set(&o, "provider", p.name());
            set(&o, "typeIdentifier", svc.type_identifier.as_str());
            set(&o, "name", svc.name());
            set(&o, "names", lang_strings(&svc.names));
            set(&o, "status", svc.status.as_str());
            set(&o, "statusStartingTime", date(svc.status_starting_time));
            set(
                &o,
                "supplyPoints",
                strings(svc.supply_points.iter().map(String::as_str)),
            );
            set(&o, "certificates", ders(svc.certificates()));
            set(&o, "historyEntries", index(svc.history_entries));
            services.push(&o);
            all.push((svc, o));
        }
        let po = Object::new();
        set(&po, "name", p.name());
        set(&po, "names", lang_strings(&p.names));
        set(&po, "tradeNames", lang_strings(&p.trade_names));
        set(&po, "services", services);
        providers.push(&po);
    }
    set(&obj, "providers", providers);
    let services: Array = all.iter().map(|(_, o)| JsValue::from(o.clone())).collect();
    set(&obj, "services", services);
    let openncp = trustmeta::OpenNcpList::new(l).map_or(JsValue::NULL, |view| {
        let o = Object::new();
        set(&o, "country", view.country.as_str());
        let roles = Array::new();
        for n in &view.services {
            if let Some((_, svc)) = all.iter().find(|(s, _)| core::ptr::eq(*s, n.service)) {
                let r = Object::new();
                set(&r, "face", n.face.name());
                set(&r, "role", n.role.name());
                set(&r, "service", svc.clone());
                roles.push(&r);
            }
        }
        set(&o, "services", roles);
        set(&o, "unknownServices", index(view.unknown_services));
        o.into()
    });
    set(&obj, "openncp", openncp);
    report_fields(&obj, &v.report);
    obj
}

fn learner_object(l: &trustmeta::Learner) -> Object {
    let o = Object::new();
    set(&o, "givenNames", l.given_names.as_str());
    set(&o, "familyName", l.family_name.as_str());
    set(
        &o,
        "birthDate",
        l.birth_date
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    set(
        &o,
        "citizenship",
        l.citizenship
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    o
}

/// A count or index as a JS number.
fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Verifies a DER OCSP response (RFC 6960) about `cert` (PEM or DER), issued by the CA
/// `issuer`, at `now_secs`, echoing `nonce` when given, and returns what it says:
/// `{status, thisUpdate, nextUpdate, revocationTime, revocationReason, responder:
/// {subject, sha256}, delegated, signatureAlgorithm, certIdHash, verifiedAt}`. With
/// `require_good`, a verified "revoked" or "unknown" is thrown as
/// `ocsp.status_revoked` / `ocsp.status_unknown`.
///
/// # Errors
/// `ocsp.*`, `crypto.*` or `pki.*` codes, as a JS error with `code`.
#[wasm_bindgen(js_name = rawVerifyOcspResponse)]
pub fn verify_ocsp_response(
    response: &js_sys::Uint8Array,
    issuer: &js_sys::Uint8Array,
    cert: &js_sys::Uint8Array,
    nonce: Option<js_sys::Uint8Array>,
    now_secs: f64,
    allow_sha1: bool,
    require_good: bool,
) -> Result<Object, JsValue> {
    let certificate = |bytes: &js_sys::Uint8Array| {
        trustmeta::TrustStore::from_pem(&bytes.to_vec())
            .map(|s| s.certificates()[0].clone())
            .map_err(|e| error_value(&e.into()))
    };
    let (issuer, cert) = (certificate(issuer)?, certificate(cert)?);
    let nonce = nonce.map(|n| n.to_vec());
    let now = unix_time(now_secs)
        .ok_or_else(|| error_value(&trustmeta::Error::Time(trustmeta::TimeError)))?;
    let q = trustmeta::OcspQuestion {
        nonce: nonce.as_deref(),
        ..trustmeta::OcspQuestion::new(&issuer, &cert)
    };
    let v = trustmeta::verify_ocsp_response(&response.to_vec(), &q, &policy(allow_sha1, 2048), now)
        .map_err(|e| error_value(&e))?;
    if require_good {
        v.require_good().map_err(|e| error_value(&e.into()))?;
    }
    let obj = Object::new();
    set(&obj, "status", v.status().name());
    set(&obj, "thisUpdate", date(v.this_update()));
    set(
        &obj,
        "nextUpdate",
        v.next_update().map_or(JsValue::NULL, |t| date(t).into()),
    );
    let (time, reason) = match v.status() {
        trustmeta::OcspStatus::Revoked { time, reason } => (
            JsValue::from(date(time)),
            reason.map_or(JsValue::NULL, |r| JsValue::from_str(r.name())),
        ),
        _ => (JsValue::NULL, JsValue::NULL),
    };
    set(&obj, "revocationTime", time);
    set(&obj, "revocationReason", reason);
    let responder = Object::new();
    set(&responder, "subject", v.responder().subject());
    set(&responder, "sha256", v.responder().sha256_hex());
    set(&obj, "responder", responder);
    set(&obj, "delegated", v.is_delegated());
    set(&obj, "signatureAlgorithm", v.signature_algorithm().name());
    set(&obj, "certIdHash", v.cert_id_hash().name());
    set(&obj, "verifiedAt", date(now));
    Ok(obj)
}

/// Every error code of the core, as an object `code → number`, in table order.
#[wasm_bindgen(js_name = rawErrorCodes)]
pub fn error_codes() -> Object {
    let obj = Object::new();
    for code in ErrorCode::ALL {
        set(&obj, code.as_str(), u32::from(code.number()));
    }
    obj
}

/// The version of this package (the workspace version, shared with the core).
#[wasm_bindgen(js_name = rawVersion)]
pub fn version() -> String {
    String::from(env!("CARGO_PKG_VERSION"))
}

/// The policy the JS options describe: the core's safe default with the two named
/// loosenings the front doors expose.
fn policy(allow_sha1: bool, min_rsa_bits: u32) -> Policy {
    Policy {
        allow_sha1,
        min_rsa_bits,
        ..Policy::default()
    }
}

/// Whole Unix seconds from a JS number, refusing NaN, infinities and values past what
/// a JS `Date` can hold (±8.64e12 s would already be out of range; ±2^53 is the safe
/// integer limit the wrapper checks too).
fn unix_time(secs: f64) -> Option<DateTime> {
    const LIMIT: f64 = 9_007_199_254_740_991.0; // Number.MAX_SAFE_INTEGER
    if !secs.is_finite() || secs.abs() > LIMIT {
        return None;
    }
    // In range after the checks above; `as` truncates toward zero, so step down for
    // negative fractions to floor (`f64::floor` needs std).
    #[allow(clippy::cast_possible_truncation)]
    let truncated = secs as i64;
    #[allow(clippy::cast_precision_loss)]
    let floor = if (truncated as f64) > secs {
        truncated - 1
    } else {
        truncated
    };
    Some(DateTime::from_unix(floor))
}

/// A `Date` for a core time (seconds to milliseconds: exact for any time a JS `Date`
/// can represent).
fn date(t: DateTime) -> Date {
    #[allow(clippy::cast_precision_loss)]
    let millis = t.unix_seconds() as f64 * 1000.0;
    Date::new(&JsValue::from_f64(millis))
}

fn endpoint_object(e: &Endpoint) -> Object {
    let o = Object::new();
    set(&o, "transportProfile", e.transport_profile.as_str());
    set(&o, "uri", e.uri.as_str());
    set(
        &o,
        "certificateSha256",
        e.certificate()
            .map_or(JsValue::NULL, |c| JsValue::from(c.sha256_hex())),
    );
    set(
        &o,
        "activation",
        e.activation.map_or(JsValue::NULL, |t| date(t).into()),
    );
    set(
        &o,
        "expiration",
        e.expiration.map_or(JsValue::NULL, |t| date(t).into()),
    );
    o
}

/// The SMP result object: the record's answer plus the signer fields of the shared table.
fn smp_object(v: &VerifiedServiceMetadata) -> Object {
    let obj = Object::new();
    set(&obj, "version", v.version().name());
    set(
        &obj,
        "participant",
        v.participant()
            .map_or(JsValue::NULL, |p| JsValue::from(p.to_string())),
    );
    set(
        &obj,
        "document",
        v.document()
            .map_or(JsValue::NULL, |d| JsValue::from(d.to_string())),
    );
    let endpoints: Array = v.endpoints().iter().map(endpoint_object).collect();
    set(&obj, "endpoints", endpoints);
    let filtered = Array::new();
    for f in v.filtered_endpoints() {
        let o = endpoint_object(&f.endpoint);
        set(&o, "reason", f.reason.code());
        set(&o, "message", f.reason.to_string());
        filtered.push(&o);
    }
    set(&obj, "filteredEndpoints", filtered);
    let redirect = v.redirect().map_or(JsValue::NULL, |r| {
        let o = Object::new();
        set(&o, "href", r.href.as_str());
        set(
            &o,
            "certificateUid",
            r.certificate_uid
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
        );
        let certs: Array = r
            .certificates
            .iter()
            .map(|c| JsValue::from(c.sha256_hex()))
            .collect();
        set(&o, "certificates", certs);
        o.into()
    });
    set(&obj, "redirect", redirect);
    set(
        &obj,
        "otherSignatures",
        u32::try_from(v.other_signatures()).unwrap_or(u32::MAX),
    );
    report_fields(&obj, v.report());
    obj
}

/// The result object of the shared table (camelCase field names).
fn result_object(doc: &VerifiedDocument<'_>) -> Object {
    let obj = Object::new();
    report_fields(&obj, &doc.report());
    let signed = Array::new();
    for element in doc.signed_elements() {
        let bytes = element.canonical_xml();
        // Canonical XML of a document that parsed as UTF-8 is UTF-8.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        signed.push(&JsValue::from(text));
    }
    set(&obj, "signedXml", signed);
    obj
}

/// The signer fields of the shared table, set on `obj`.
fn report_fields(obj: &Object, r: &VerificationReport) {
    set(
        obj,
        "signerSha256",
        r.signer
            .as_ref()
            .map(trustmeta::Certificate::sha256_hex)
            .map_or(JsValue::NULL, JsValue::from),
    );
    set(
        obj,
        "signerSubject",
        r.signer
            .as_ref()
            .map_or(JsValue::NULL, |c| JsValue::from_str(c.subject())),
    );
    set(obj, "signerKey", r.signer_key.to_string());
    set(obj, "pinned", r.pinned);
    set(obj, "signatureAlgorithm", r.signature_algorithm.uri());
    set(obj, "canonicalization", r.canonicalization.uri());
    let references = Array::new();
    for reference in &r.references {
        let o = Object::new();
        set(&o, "uri", reference.uri.as_str());
        set(&o, "element", reference.element.as_str());
        set(&o, "digest", reference.digest.uri());
        set(
            &o,
            "transforms",
            strings(reference.transforms.iter().copied()),
        );
        references.push(&o);
    }
    set(obj, "references", references);
    set(
        obj,
        "legacyAlgorithms",
        strings(r.legacy_algorithms.iter().copied()),
    );
    set(obj, "verifiedAt", date(r.verified_at));
    let chain = Array::new();
    for cert in &r.chain {
        let o = Object::new();
        set(&o, "subject", cert.subject());
        set(&o, "sha256", cert.sha256_hex());
        chain.push(&o);
    }
    set(obj, "chain", chain);
}

/// A JS `Error` with the core's message, `code` (dotted string) and `number`.
fn error_value(e: &trustmeta::Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    set(&err, "code", e.code().as_str());
    set(&err, "number", u32::from(e.code().number()));
    err.into()
}

fn strings<'a>(items: impl Iterator<Item = &'a str>) -> Array {
    items.map(JsValue::from_str).collect()
}

fn set(target: &JsValue, key: &str, value: impl Into<JsValue>) {
    // Setting a data property on a fresh ordinary object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value.into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_keeps_safe_defaults_beyond_the_two_options() {
        let p = policy(true, 1024);
        assert!(p.allow_sha1);
        assert_eq!(p.min_rsa_bits, 1024);
        assert_eq!(
            Policy {
                allow_sha1: false,
                min_rsa_bits: 2048,
                ..p
            },
            Policy::default()
        );
    }

    #[test]
    fn unix_time_floors_and_refuses_non_finite() {
        assert_eq!(
            unix_time(1_780_272_000.9),
            Some(DateTime::from_unix(1_780_272_000))
        );
        assert_eq!(unix_time(-0.5), Some(DateTime::from_unix(-1)));
        assert_eq!(unix_time(f64::NAN), None);
        assert_eq!(unix_time(f64::INFINITY), None);
        assert_eq!(unix_time(1e300), None);
    }
}
