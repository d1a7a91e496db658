//! SAML: the issuer trust, the replay cache, responses, authentication requests and the
//! HTTP-POST binding, for the wrapper's `IssuerTrust`, `ReplayCache`,
//! `verifySamlResponse`, `verifySamlRequest`, `verifySamlRequestRedirect` and
//! `decodePostBinding`.

use alloc::string::String;
use alloc::vec::Vec;

use js_sys::{Array, Object};
use trustmeta::{
    AttributeStatus, MemoryReplayCache, RequestExpectations, ResponseExpectations, SamlProfile,
    SignedBy, SignedParts, SpType,
};
use wasm_bindgen::prelude::*;

use super::{
    date, error_value, index, optional_str, policy, report_fields, set, strings, unix_time,
    TrustStore,
};

/// Which keys may sign for which SAML issuer.
#[wasm_bindgen(js_name = RawIssuerTrust)]
#[derive(Default)]
pub struct IssuerTrust {
    inner: trustmeta::IssuerTrust,
}

#[wasm_bindgen(js_class = RawIssuerTrust)]
impl IssuerTrust {
    /// No issuer trusted yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> IssuerTrust {
        IssuerTrust::default()
    }

    /// One store (copied) for every issuer.
    #[wasm_bindgen(js_name = anyIssuer)]
    pub fn any_issuer(store: &TrustStore) -> IssuerTrust {
        IssuerTrust {
            inner: trustmeta::IssuerTrust::any_issuer(store.inner.clone()),
        }
    }

    /// Trusts (a copy of) `store` for messages issued by `entity_id`.
    pub fn add(&mut self, entity_id: &str, store: &TrustStore) {
        self.inner.add(entity_id, store.inner.clone());
    }

    /// Verifies SAML metadata against `store` (as `rawVerifyMetadata`, in memory) and
    /// trusts the signing keys of each entity's `role` descriptors (`IDPSSODescriptor`,
    /// `SPSSODescriptor`, …) for its `entityID`, pinned: the SAML metadata
    /// interoperability profile's rule.
    ///
    /// # Errors
    /// As `rawVerifyMetadata`; `metadata.malformed` for a signing certificate that is
    /// not base64 DER, `pki.bad_certificate` for one that does not parse, as a JS error
    /// with `code`.
    #[wasm_bindgen(js_name = fromMetadata)]
    pub fn from_metadata(
        xml: &js_sys::Uint8Array,
        store: &TrustStore,
        profile_name: &str,
        role: &str,
        now_secs: f64,
        allow_sha1: bool,
        min_rsa_bits: u32,
    ) -> Result<IssuerTrust, JsValue> {
        let profile = crate::metadata::profile(profile_name)?;
        let policy = policy(allow_sha1, min_rsa_bits);
        let xml = input(xml, policy.limits.max_input_bytes)?;
        trustmeta::metadata_issuer_trust(&xml, &store.inner, &policy, now(now_secs)?, profile, role)
            .map(|inner| IssuerTrust { inner })
            .map_err(|e| error_value(&e))
    }
}

/// The assertion IDs already accepted, until they expire.
#[wasm_bindgen(js_name = RawReplayCache)]
pub struct ReplayCache {
    inner: MemoryReplayCache,
}

#[wasm_bindgen(js_class = RawReplayCache)]
impl ReplayCache {
    /// A cache holding at most `capacity` unexpired IDs.
    #[wasm_bindgen(constructor)]
    pub fn new(capacity: u32) -> ReplayCache {
        ReplayCache {
            inner: MemoryReplayCache::new(usize::try_from(capacity).unwrap_or(usize::MAX)),
        }
    }

    /// How many IDs it holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        index(self.inner.len())
    }
}

#[wasm_bindgen(js_class = RawTrustStore)]
impl TrustStore {
    /// Trusts only the public key of each certificate in `pem` (pinned), ignoring the
    /// certificates' validity: the SAML metadata interoperability profile's rule for keys
    /// taken from metadata.
    ///
    /// # Errors
    /// `pki.bad_pem` when `pem` holds no certificate, `pki.bad_certificate` for one that
    /// does not parse or has an unsupported key, as a JS error with `code`.
    #[wasm_bindgen(js_name = addKeysPem)]
    pub fn add_keys_pem(&mut self, pem: &[u8]) -> Result<(), JsValue> {
        let certs = trustmeta::TrustStore::from_pem(pem)
            .map_err(|e| error_value(&trustmeta::Error::from(e)))?;
        if certs.certificates().is_empty() {
            return Err(error_value(&trustmeta::PkiError::BadPem.into()));
        }
        let mut next = self.inner.clone();
        for cert in certs.certificates() {
            let key = cert.public_key().ok_or_else(|| {
                error_value(
                    &trustmeta::PkiError::BadCertificate {
                        reason: alloc::format!(
                            "the key type of {} is not supported",
                            cert.subject()
                        ),
                    }
                    .into(),
                )
            })?;
            next.add_public_key(key.clone());
        }
        self.inner = next;
        Ok(())
    }
}

fn profile(name: &str) -> Result<SamlProfile, JsValue> {
    SamlProfile::parse(name).ok_or_else(|| JsValue::from(js_sys::Error::new("unknown profile")))
}

fn input(xml: &js_sys::Uint8Array, limit: usize) -> Result<Vec<u8>, JsValue> {
    let size = usize::try_from(xml.length()).unwrap_or(usize::MAX);
    if size > limit {
        let e = trustmeta::XmlError::InputTooLarge { size, limit };
        return Err(error_value(&e.into()));
    }
    Ok(xml.to_vec())
}

fn now(now_secs: f64) -> Result<trustmeta::DateTime, JsValue> {
    unix_time(now_secs).ok_or_else(|| error_value(&trustmeta::Error::Time(trustmeta::TimeError)))
}

/// Verifies a SAML Response against `trust` and the relying party's expectations,
/// consulting `cache` last; returns the assertion's subject, attributes, conditions and
/// the signatures' signer fields.
///
/// # Errors
/// `saml.*` (`saml.replay` when `cache` holds the assertion) or any verification code,
/// as a JS error with `code`; a JS error without `code` for an unknown `profile` or
/// `signed` (the wrapper checks them first).
#[wasm_bindgen(js_name = rawVerifySamlResponse)]
#[allow(clippy::too_many_arguments)] // the JS wrapper passes the checked options flat
pub fn verify_saml_response(
    xml: &js_sys::Uint8Array,
    trust: &IssuerTrust,
    audience: &str,
    acs: &str,
    request_id: Option<String>,
    profile_name: &str,
    signed: &str,
    skew: u32,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
    cache: &mut ReplayCache,
) -> Result<Object, JsValue> {
    let policy = policy(allow_sha1, min_rsa_bits);
    let xml = input(xml, policy.limits.max_input_bytes)?;
    let mut expect = ResponseExpectations::new(audience, acs, now(now_secs)?);
    expect.request_id = request_id.as_deref();
    expect.profile = profile(profile_name)?;
    expect.signed = match signed {
        "any" => SignedParts::ResponseOrAssertion,
        "response" => SignedParts::Response,
        "assertion" => SignedParts::Assertion,
        "both" => SignedParts::Both,
        _ => return Err(js_sys::Error::new("unknown signed parts").into()),
    };
    expect.clock_skew_secs = i64::from(skew);
    let v = trustmeta::verify_response(&xml, &trust.inner, &policy, &expect, &mut cache.inner)
        .map_err(|e| error_value(&e))?;
    let a = &v.assertion;
    let obj = Object::new();
    set(&obj, "id", v.id.as_str());
    set(&obj, "issuer", v.issuer.as_str());
    set(
        &obj,
        "inResponseTo",
        optional_str(v.in_response_to.as_deref()),
    );
    set(&obj, "destination", optional_str(v.destination.as_deref()));
    set(&obj, "assertionId", a.id.as_str());
    set(&obj, "issueInstant", date(a.issue_instant));
    set(
        &obj,
        "nameId",
        optional_str(a.name_id.as_ref().map(|n| n.value.as_str())),
    );
    set(
        &obj,
        "nameIdFormat",
        optional_str(a.name_id.as_ref().and_then(|n| n.format.as_deref())),
    );
    let attributes: Array = a
        .attributes
        .iter()
        .map(|x| {
            let o = Object::new();
            set(&o, "name", x.name.as_str());
            set(&o, "nameFormat", optional_str(x.name_format.as_deref()));
            set(&o, "friendlyName", optional_str(x.friendly_name.as_deref()));
            set(&o, "values", strings(x.values.iter().map(String::as_str)));
            set(
                &o,
                "status",
                optional_str(x.status.map(|s| match s {
                    AttributeStatus::Available => "Available",
                    AttributeStatus::NotAvailable => "NotAvailable",
                    AttributeStatus::Withheld => "Withheld",
                })),
            );
            JsValue::from(o)
        })
        .collect();
    set(&obj, "attributes", attributes);
    set(&obj, "loa", optional_str(a.loa.as_deref()));
    set(
        &obj,
        "storkQaa",
        a.stork_qaa.map_or(JsValue::NULL, JsValue::from),
    );
    set(
        &obj,
        "sessionIndex",
        optional_str(
            a.authn_statements
                .first()
                .and_then(|s| s.session_index.as_deref()),
        ),
    );
    set(
        &obj,
        "notBefore",
        a.not_before.map_or(JsValue::NULL, |t| date(t).into()),
    );
    set(
        &obj,
        "notOnOrAfter",
        a.not_on_or_after.map_or(JsValue::NULL, |t| date(t).into()),
    );
    set(
        &obj,
        "audiences",
        strings(a.audiences.iter().map(String::as_str)),
    );
    set(&obj, "oneTimeUse", a.one_time_use);
    set(
        &obj,
        "signedBy",
        match v.signed_by {
            SignedBy::Response => "response",
            SignedBy::Assertion => "assertion",
            SignedBy::Both => "both",
        },
    );
    let signatures: Array = v
        .reports
        .iter()
        .map(|r| {
            let o = Object::new();
            report_fields(&o, r);
            JsValue::from(o)
        })
        .collect();
    set(&obj, "signatures", signatures);
    Ok(obj)
}

/// Verifies a signed AuthnRequest (XML) against `trust`.
///
/// # Errors
/// `saml.*` or any verification code, as a JS error with `code`.
#[wasm_bindgen(js_name = rawVerifySamlRequest)]
#[allow(clippy::too_many_arguments)] // the JS wrapper passes the checked options flat
pub fn verify_saml_request(
    xml: &js_sys::Uint8Array,
    trust: &IssuerTrust,
    destination: Option<String>,
    profile_name: &str,
    skew: u32,
    max_age: u32,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Object, JsValue> {
    let policy = policy(allow_sha1, min_rsa_bits);
    let xml = input(xml, policy.limits.max_input_bytes)?;
    let mut expect = RequestExpectations::new(destination.as_deref(), now(now_secs)?);
    expect.profile = profile(profile_name)?;
    expect.clock_skew_secs = i64::from(skew);
    expect.max_age_secs = i64::from(max_age);
    let r = trustmeta::verify_authn_request(&xml, &trust.inner, &policy, &expect)
        .map_err(|e| error_value(&e))?;
    Ok(request_object(&r, None))
}

/// Verifies an AuthnRequest from the HTTP-Redirect binding's query string.
///
/// # Errors
/// `saml.binding` for a malformed or unsigned query, `saml.*` or any verification code,
/// as a JS error with `code`.
#[wasm_bindgen(js_name = rawVerifySamlRequestRedirect)]
#[allow(clippy::too_many_arguments)] // the JS wrapper passes the checked options flat
pub fn verify_saml_request_redirect(
    query: &str,
    trust: &IssuerTrust,
    destination: Option<String>,
    profile_name: &str,
    skew: u32,
    max_age: u32,
    now_secs: f64,
    allow_sha1: bool,
    min_rsa_bits: u32,
) -> Result<Object, JsValue> {
    let policy = policy(allow_sha1, min_rsa_bits);
    let mut expect = RequestExpectations::new(destination.as_deref(), now(now_secs)?);
    expect.profile = profile(profile_name)?;
    expect.clock_skew_secs = i64::from(skew);
    expect.max_age_secs = i64::from(max_age);
    let (m, r) = trustmeta::verify_authn_request_redirect(query, &trust.inner, &policy, &expect)
        .map_err(|e| error_value(&e))?;
    Ok(request_object(&r, Some(&m)))
}

fn request_object(
    r: &trustmeta::VerifiedAuthnRequest,
    redirect: Option<&trustmeta::RedirectMessage>,
) -> Object {
    let obj = Object::new();
    let stork = r.stork.as_ref();
    set(&obj, "id", r.id.as_str());
    set(&obj, "issuer", optional_str(r.issuer.as_deref()));
    set(&obj, "issueInstant", date(r.issue_instant));
    set(&obj, "destination", optional_str(r.destination.as_deref()));
    set(&obj, "acsUrl", optional_str(r.acs_url.as_deref()));
    set(&obj, "forceAuthn", r.force_authn);
    set(&obj, "isPassive", r.is_passive);
    set(
        &obj,
        "providerName",
        optional_str(r.provider_name.as_deref()),
    );
    set(
        &obj,
        "nameIdFormat",
        optional_str(r.name_id_format.as_deref()),
    );
    set(
        &obj,
        "spType",
        optional_str(r.sp_type.map(|t| match t {
            SpType::Public => "public",
            SpType::Private => "private",
        })),
    );
    set(
        &obj,
        "requestedLoa",
        strings(r.requested_loa.iter().map(String::as_str)),
    );
    set(
        &obj,
        "loaComparison",
        optional_str(r.loa_comparison.as_deref()),
    );
    let attributes: Array = r
        .requested_attributes
        .iter()
        .map(|x| {
            let o = Object::new();
            set(&o, "name", x.name.as_str());
            set(&o, "friendlyName", optional_str(x.friendly_name.as_deref()));
            set(&o, "required", x.required);
            set(&o, "values", strings(x.values.iter().map(String::as_str)));
            JsValue::from(o)
        })
        .collect();
    set(&obj, "requestedAttributes", attributes);
    set(
        &obj,
        "storkQaa",
        stork
            .and_then(|s| s.qaa)
            .map_or(JsValue::NULL, JsValue::from),
    );
    set(
        &obj,
        "storkSpSector",
        optional_str(stork.and_then(|s| s.sp_sector.as_deref())),
    );
    set(
        &obj,
        "storkSpInstitution",
        optional_str(stork.and_then(|s| s.sp_institution.as_deref())),
    );
    set(
        &obj,
        "storkSpApplication",
        optional_str(stork.and_then(|s| s.sp_application.as_deref())),
    );
    set(
        &obj,
        "storkSpCountry",
        optional_str(stork.and_then(|s| s.sp_country.as_deref())),
    );
    set(
        &obj,
        "storkCitizenCountry",
        optional_str(stork.and_then(|s| s.citizen_country.as_deref())),
    );
    set(
        &obj,
        "relayState",
        optional_str(redirect.and_then(|m| m.relay_state.as_deref())),
    );
    set(
        &obj,
        "redirectSignatureAlgorithm",
        optional_str(redirect.map(|m| m.signature_algorithm.uri())),
    );
    let signature = r.report.as_ref().map_or(JsValue::NULL, |rep| {
        let o = Object::new();
        report_fields(&o, rep);
        o.into()
    });
    set(&obj, "signature", signature);
    obj
}

/// Decodes the HTTP-POST binding's form value (base64) and checks `relay_state`.
///
/// # Errors
/// `saml.binding` as a JS error with `code`.
#[wasm_bindgen(js_name = rawDecodePostBinding)]
pub fn decode_post_binding(value: &[u8], relay_state: Option<String>) -> Result<Vec<u8>, JsValue> {
    trustmeta::decode_post_binding(value, relay_state.as_deref())
        .map_err(|e| error_value(&trustmeta::Error::from(e)))
}
