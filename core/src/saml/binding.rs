//! The HTTP-POST and HTTP-Redirect bindings (SAML bindings §3.5 and §3.4).

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::read::unverified_issuer;
use super::request::{read_request, RequestExpectations, VerifiedAuthnRequest};
use super::trust::IssuerTrust;
use super::{SamlError, NS_SAMLP};
use crate::crypto::{
    default_verifier, ecdsa_der_to_raw, CryptoError, DigestAlgorithm, KeyKind, PublicKey,
    SignatureAlgorithm, SignatureVerifier,
};
use crate::dsig::{DsigError, Unverified};
use crate::encoding::decode_base64;
use crate::error::Error;
use crate::pki::{check_signer, path_context, Certificate, PkiError, TrustStore};
use crate::policy::Policy;
use crate::time::DateTime;
use crate::xml;

/// The largest SAML message accepted from a binding, decoded: STORK caps messages at
/// 128 KB.
pub const MAX_POST_BYTES: usize = 128 * 1024;
/// The longest `RelayState` (SAML bindings §3.4.3, §3.5.3: 80 bytes).
pub const MAX_RELAY_STATE_CHARS: usize = 80;

fn binding(reason: &str) -> SamlError {
    SamlError::Binding {
        reason: reason.to_string(),
    }
}

/// Decodes the HTTP-POST binding's `SAMLResponse`/`SAMLRequest` form value (base64,
/// line breaks allowed) and checks `RelayState`, if one came with it.
///
/// ```
/// use trustmeta::decode_post_binding;
/// let xml = decode_post_binding(b"PHNhbWxwOlJlc3BvbnNlLz4=", Some("abc"))?;
/// assert_eq!(xml, b"<samlp:Response/>");
/// # Ok::<(), trustmeta::SamlError>(())
/// ```
///
/// # Errors
/// [`SamlError::Binding`] when the value is not base64, decodes to more than
/// [`MAX_POST_BYTES`], or `RelayState` is longer than [`MAX_RELAY_STATE_CHARS`].
pub fn decode_post_binding(value: &[u8], relay_state: Option<&str>) -> Result<Vec<u8>, SamlError> {
    check_relay_state(relay_state)?;
    // Base64 grows data by 4/3; allow line breaks on top before decoding anything.
    if value.len() > MAX_POST_BYTES / 3 * 4 + MAX_POST_BYTES / 32 + 8 {
        return Err(binding("the message is larger than 128 KB"));
    }
    let text = core::str::from_utf8(value).map_err(|_| binding("the value is not base64"))?;
    let out = decode_base64(text).ok_or_else(|| binding("the value is not base64"))?;
    if out.len() > MAX_POST_BYTES {
        return Err(binding("the message is larger than 128 KB"));
    }
    Ok(out)
}

fn check_relay_state(relay_state: Option<&str>) -> Result<(), SamlError> {
    match relay_state {
        Some(r) if r.len() > MAX_RELAY_STATE_CHARS => {
            Err(binding("RelayState is longer than 80 bytes"))
        }
        _ => Ok(()),
    }
}

/// Which message a Redirect query carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RedirectMessageKind {
    /// `SAMLRequest`.
    Request,
    /// `SAMLResponse`.
    Response,
}

impl RedirectMessageKind {
    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &["request", "response"];

    /// `request` or `response`.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            RedirectMessageKind::Request => 0,
            RedirectMessageKind::Response => 1,
        }]
    }
}

/// A Redirect-binding message whose query-string signature verified.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RedirectMessage {
    /// Request or response.
    pub kind: RedirectMessageKind,
    /// The inflated XML.
    pub xml: Vec<u8>,
    /// `RelayState`, decoded.
    pub relay_state: Option<String>,
    /// `SigAlg`.
    pub signature_algorithm: SignatureAlgorithm,
    /// The signing key's kind.
    pub signer_key: KeyKind,
    /// The signer's certificate, when a certificate (not a bare key) verified it.
    pub signer: Option<Certificate>,
}

struct Query<'q> {
    kind: RedirectMessageKind,
    message: &'q str,
    relay_state: Option<&'q str>,
    sig_alg: &'q str,
    signature: &'q str,
}

fn parse_query(query: &str) -> Result<Query<'_>, SamlError> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut message = None;
    let mut relay_state = None;
    let mut sig_alg = None;
    let mut signature = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match k {
            "SAMLRequest" => &mut message,
            "SAMLResponse" => {
                if message.is_some() {
                    return Err(binding("both SAMLRequest and SAMLResponse"));
                }
                let r = &mut message;
                *r = Some((RedirectMessageKind::Response, v));
                continue;
            }
            "RelayState" => {
                if relay_state.replace(v).is_some() {
                    return Err(binding("RelayState repeated"));
                }
                continue;
            }
            "SigAlg" => {
                if sig_alg.replace(v).is_some() {
                    return Err(binding("SigAlg repeated"));
                }
                continue;
            }
            "Signature" => {
                if signature.replace(v).is_some() {
                    return Err(binding("Signature repeated"));
                }
                continue;
            }
            // Other parameters are not signed and not ours.
            _ => continue,
        };
        if slot.replace((RedirectMessageKind::Request, v)).is_some() {
            return Err(binding("SAMLRequest repeated or beside SAMLResponse"));
        }
    }
    let (kind, message) = message.ok_or_else(|| binding("no SAMLRequest or SAMLResponse"))?;
    Ok(Query {
        kind,
        message,
        relay_state,
        sig_alg: sig_alg.ok_or_else(|| binding("no SigAlg: the message is unsigned"))?,
        signature: signature.ok_or_else(|| binding("no Signature: the message is unsigned"))?,
    })
}

fn url_decode(s: &str) -> Result<String, SamlError> {
    let out = crate::encoding::percent_decode(s, true)
        .ok_or_else(|| binding("a bad %-escape in the query"))?;
    String::from_utf8(out).map_err(|_| binding("a query value is not UTF-8"))
}

/// Verifies an HTTP-Redirect query string (`SAMLRequest` or `SAMLResponse`, optional
/// `RelayState`, `SigAlg`, `Signature`): the signature over the parameters exactly as
/// received, by a key of the message issuer's store (certificates and keys in it; the
/// Redirect binding carries none), then inflates the message.
///
/// # Errors
/// [`SamlError::Binding`] for a malformed or unsigned query or message;
/// [`Error::Dsig`] for a refused or unknown `SigAlg`; [`Error::Crypto`]/[`Error::Pki`]
/// when no trusted key verifies the signature.
pub fn verify_redirect_binding(
    query: &str,
    trust: &IssuerTrust,
    policy: &Policy,
    now: DateTime,
) -> Result<RedirectMessage, Error> {
    verify_redirect_with(query, trust, policy, now, default_verifier())
}

pub(crate) fn verify_redirect_with(
    query: &str,
    trust: &IssuerTrust,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<RedirectMessage, Error> {
    let q = parse_query(query)?;
    let relay_state = q.relay_state.map(url_decode).transpose()?;
    check_relay_state(relay_state.as_deref())?;
    let alg_uri = url_decode(q.sig_alg)?;
    let alg = SignatureAlgorithm::from_uri(&alg_uri).ok_or_else(|| {
        DsigError::UnsupportedSignatureMethod {
            uri: alg_uri.clone(),
        }
    })?;
    if (alg.digest() == Some(DigestAlgorithm::Sha1) && !policy.allow_sha1)
        || (alg.is_pkcs1v15() && !policy.allow_rsa_pkcs1v15)
    {
        return Err(DsigError::AlgorithmRefused { uri: alg_uri }.into());
    }
    let signature = decode_base64(&url_decode(q.signature)?)
        .ok_or_else(|| binding("Signature is not base64"))?;
    let deflated = decode_base64(&url_decode(q.message)?)
        .ok_or_else(|| binding("the message is not base64"))?;
    let xml = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_POST_BYTES)
        .map_err(|_| binding("the message is not DEFLATE data of at most 128 KB"))?;

    // The issuer picks the store; the signature then proves it.
    let doc = xml::parse(&xml, &policy.limits)?;
    let root = Unverified::root(&doc);
    let issuer_name = unverified_issuer(root)?.unwrap_or_default();
    let store = trust
        .store_for(&issuer_name)
        .ok_or_else(|| SamlError::UnknownIssuer {
            issuer: issuer_name.clone(),
        })?;
    let kind_ok = match q.kind {
        RedirectMessageKind::Request => !root.is(NS_SAMLP, "Response"),
        RedirectMessageKind::Response => !root.is(NS_SAMLP, "AuthnRequest"),
    };
    if !kind_ok {
        return Err(binding("the parameter name does not match the message").into());
    }

    // SAML bindings §3.4.4.1: the octets signed are the parameters as they appear in the
    // query, in this order.
    let mut signed = String::new();
    signed.push_str(match q.kind {
        RedirectMessageKind::Request => "SAMLRequest=",
        RedirectMessageKind::Response => "SAMLResponse=",
    });
    signed.push_str(q.message);
    if let Some(r) = q.relay_state {
        signed.push_str("&RelayState=");
        signed.push_str(r);
    }
    signed.push_str("&SigAlg=");
    signed.push_str(q.sig_alg);
    let (signer_key, signer) = verify_with_store(
        alg,
        signed.as_bytes(),
        &signature,
        store,
        policy,
        now,
        verifier,
    )?;
    Ok(RedirectMessage {
        kind: q.kind,
        xml,
        relay_state,
        signature_algorithm: alg,
        signer_key,
        signer,
    })
}

/// Tries every certificate and key of `store` (the Redirect binding names no key).
fn verify_with_store(
    alg: SignatureAlgorithm,
    message: &[u8],
    signature: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<(KeyKind, Option<Certificate>), Error> {
    if store.is_empty() {
        return Err(PkiError::EmptyTrustStore.into());
    }
    let path_cx = path_context(now, verifier, policy);
    let mut first_err: Option<Error> = None;
    let candidates = store
        .certificates()
        .iter()
        .filter_map(|c| c.public_key().map(|k| (k, Some(c))))
        .chain(store.keys().iter().map(|k| (k, None)));
    for (key, cert) in candidates.take(policy.max_key_candidates) {
        if key.kind().family() != alg.key_family() {
            continue;
        }
        if let Err(e) = policy.check_key(key) {
            first_err.get_or_insert(e.into());
            continue;
        }
        let sig = normalize_ecdsa(key, signature);
        match verifier.verify(alg, key, message, &sig) {
            Ok(()) => {}
            Err(CryptoError::KeyMismatch { .. } | CryptoError::MalformedSignature) => continue,
            Err(e) => {
                first_err.get_or_insert(e.into());
                continue;
            }
        }
        return match cert {
            None => Ok((key.kind(), None)),
            Some(c) => {
                check_signer(c, &[], store, &path_cx)?;
                Ok((key.kind(), Some(c.clone())))
            }
        };
    }
    Err(first_err.unwrap_or_else(|| PkiError::UntrustedSigner { subject: None }.into()))
}

/// Redirect-binding ECDSA signatures arrive either as XML-DSig's `r‖s` or, from Java
/// stacks, DER-encoded; the verifier takes `r‖s`.
fn normalize_ecdsa(key: &PublicKey, signature: &[u8]) -> Vec<u8> {
    if let KeyKind::Ec(curve) = key.kind() {
        let n = curve.field_len();
        if signature.len() != 2 * n && signature.first() == Some(&0x30) {
            if let Ok(raw) = ecdsa_der_to_raw(signature, n) {
                return raw;
            }
        }
    }
    signature.to_vec()
}

/// Verifies an AuthnRequest that came over the HTTP-Redirect binding: the query
/// signature (see [`verify_redirect_binding`]), then the request itself as
/// [`verify_authn_request`](super::verify_authn_request) checks it (an XML signature
/// inside a Redirect-bound request is refused).
///
/// # Errors
/// As [`verify_redirect_binding`] and [`verify_authn_request`](super::verify_authn_request).
pub fn verify_authn_request_redirect(
    query: &str,
    trust: &IssuerTrust,
    policy: &Policy,
    expect: &RequestExpectations<'_>,
) -> Result<(RedirectMessage, VerifiedAuthnRequest), Error> {
    verify_authn_request_redirect_with(query, trust, policy, expect, default_verifier())
}

/// [`verify_authn_request_redirect`] with a caller-supplied signature verifier.
///
/// # Errors
/// As [`verify_authn_request_redirect`].
pub fn verify_authn_request_redirect_with(
    query: &str,
    trust: &IssuerTrust,
    policy: &Policy,
    expect: &RequestExpectations<'_>,
    verifier: &dyn SignatureVerifier,
) -> Result<(RedirectMessage, VerifiedAuthnRequest), Error> {
    let policy = expect.profile.policy(policy);
    let msg = verify_redirect_with(query, trust, &policy, expect.now, verifier)?;
    if msg.kind != RedirectMessageKind::Request {
        return Err(binding("a SAMLResponse where an AuthnRequest was expected").into());
    }
    let req = read_request(&msg.xml, trust, &policy, expect, verifier, true)?;
    Ok((msg, req))
}
