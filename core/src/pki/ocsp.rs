//! OCSP (RFC 6960): building a request, and verifying a `BasicOCSPResponse` about one
//! certificate.
//!
//! A response is accepted only when its signature verifies under the issuing CA's key, or
//! under a delegated responder certificate that the same CA issued with the OCSP-signing
//! extended key usage (§4.2.2.2); when exactly one of its `SingleResponse`s names the
//! certificate asked about (a `CertID` over the issuer's name and key hashes and the serial
//! number: two answers about one certificate are refused, as RFC 6960 does not say which
//! counts);
//! when `now` lies between its `thisUpdate` and `nextUpdate` (widened by the policy's clock
//! skew); and when it echoes the request's nonce if one was sent (RFC 8954). What it then
//! says — good, revoked or unknown — is returned as a [`VerifiedOcspResponse`]; a
//! verified "revoked" can be given to a [`TrustStore`](super::TrustStore) as evidence.
//!
//! The ASN.1 structures are declared with `der`'s derive macros, the way `x509-cert`
//! declares its own, and decoded as DER only: definite minimal lengths, primitive
//! strings, canonical values, no trailing bytes. The signature is checked over
//! `tbsResponseData` exactly as received, never over a re-encoding.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use der::asn1::{
    AnyRef, BitStringRef, GeneralizedTime, IntRef, Null, ObjectIdentifier, OctetStringRef,
};
use der::{
    Choice, Decode, DecodeValue, Encode, EncodeValue, FixedTag, Header, Length, Reader, Sequence,
    Tag, Tagged, Writer,
};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use x509_cert::ext::pkix::CrlReason;

use super::cert::KU_DIGITAL_SIGNATURE;
use super::{Certificate, PkiError};
use crate::code::ErrorCode;
use crate::crypto::{
    ecdsa_der_to_raw, DigestAlgorithm, DigestValue, KeyKind, SignatureAlgorithm, SignatureVerifier,
};
use crate::error::Error;
use crate::policy::Policy;
use crate::time::DateTime;

/// `id-pkix-ocsp-basic` (1.3.6.1.5.5.7.48.1.1), the only response type defined.
const OID_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
/// `id-pkix-ocsp-nonce` (1.3.6.1.5.5.7.48.1.2).
const OID_OCSP_NONCE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");
/// `id-kp-OCSPSigning` (1.3.6.1.5.5.7.3.9).
pub(crate) const OID_KP_OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";
/// `id-RSASSA-PSS` (RFC 4055 §3.1), whose parameters carry the hash, mask and salt.
const OID_RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");

/// Why an OCSP response was refused, or what a verified one says when the caller needs
/// "good".
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OcspError {
    /// The bytes are not a DER `OCSPResponse` with a `BasicOCSPResponse` (RFC 6960 §4.2.1).
    Malformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// The responder did not answer: `responseStatus` is not `successful` (§4.2.1).
    NotSuccessful {
        /// The status it gave.
        status: OcspResponseStatus,
    },
    /// `responseType` is not `id-pkix-ocsp-basic` (§4.2.1).
    UnsupportedResponseType,
    /// The signature or `CertID` hash algorithm is not supported (§4.3).
    UnsupportedAlgorithm {
        /// Its OID.
        oid: String,
    },
    /// The response is signed with an algorithm the policy refuses (SHA-1 without
    /// `allow_sha1`).
    AlgorithmRefused {
        /// The algorithm.
        algorithm: SignatureAlgorithm,
    },
    /// The signer is neither the issuing CA nor a responder certificate that CA issued
    /// with the OCSP-signing extended key usage (§4.2.2.2).
    ResponderNotAuthorized {
        /// Why.
        reason: &'static str,
    },
    /// The certificate asked about is not issued by the issuer given with it.
    WrongIssuer,
    /// No `SingleResponse` is about the certificate asked about (§4.1.1 `CertID`).
    CertIdMismatch,
    /// `now` is after `nextUpdate` (or, without one, after `thisUpdate`), beyond the
    /// policy's clock skew (§4.2.2.1).
    Stale {
        /// The time the information stops being current.
        next_update: DateTime,
        /// The verification time.
        now: DateTime,
    },
    /// `now` is before `thisUpdate` or `producedAt`, beyond the policy's clock skew
    /// (§4.2.2.1, §4.2.1).
    NotYetValid {
        /// The response's thisUpdate, or its producedAt when that is the later one.
        this_update: DateTime,
        /// The verification time.
        now: DateTime,
    },
    /// A nonce was sent and the response does not carry the same one (RFC 8954).
    NonceMismatch,
    /// The response carries a critical extension that is not understood (§4.4).
    UnknownCriticalExtension,
    /// A verified response says the certificate is revoked (§2.2).
    StatusRevoked {
        /// When it was revoked.
        revoked_at: DateTime,
        /// Why, when the responder says.
        reason: Option<RevocationReason>,
    },
    /// A verified response says the responder does not know the certificate (§2.2).
    StatusUnknown,
    /// More than one `SingleResponse` is about the certificate asked about (the same
    /// `CertID`, or `CertID`s under different hash algorithms that all name it).
    ///
    /// RFC 6960 has a basic response carry "responses for each of the certificates in a
    /// request" (§4.2.2.3; `responses` in §4.2.1) and defines the status of each (§2.2),
    /// but says nothing of two about one certificate: not which counts, nor that the worst
    /// one does. A client that takes the first and one that takes the last would
    /// then disagree — one says good, the other revoked. Taking the worst status instead
    /// would still mean choosing between two `thisUpdate`/`nextUpdate` windows, and would
    /// accept a response no conforming responder writes. So it is refused, whatever the
    /// statuses; the certificate's status is whatever a fresh, unambiguous response says.
    DuplicateResponse {
        /// How many `SingleResponse`s name the certificate.
        count: usize,
    },
}

impl OcspError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            OcspError::Malformed { .. } => ErrorCode::OcspMalformed,
            OcspError::NotSuccessful { .. } => ErrorCode::OcspNotSuccessful,
            OcspError::UnsupportedResponseType => ErrorCode::OcspUnsupportedResponseType,
            OcspError::UnsupportedAlgorithm { .. } => ErrorCode::OcspUnsupportedAlgorithm,
            OcspError::AlgorithmRefused { .. } => ErrorCode::OcspAlgorithmRefused,
            OcspError::ResponderNotAuthorized { .. } => ErrorCode::OcspResponderNotAuthorized,
            OcspError::WrongIssuer => ErrorCode::OcspWrongIssuer,
            OcspError::CertIdMismatch => ErrorCode::OcspCertIdMismatch,
            OcspError::Stale { .. } => ErrorCode::OcspStale,
            OcspError::NotYetValid { .. } => ErrorCode::OcspNotYetValid,
            OcspError::NonceMismatch => ErrorCode::OcspNonceMismatch,
            OcspError::UnknownCriticalExtension => ErrorCode::OcspUnknownCriticalExtension,
            OcspError::StatusRevoked { .. } => ErrorCode::OcspStatusRevoked,
            OcspError::StatusUnknown => ErrorCode::OcspStatusUnknown,
            OcspError::DuplicateResponse { .. } => ErrorCode::OcspDuplicateResponse,
        }
    }
}

impl fmt::Display for OcspError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OcspError::Malformed { reason } => write!(f, "not a DER OCSP response: {reason}"),
            OcspError::NotSuccessful { status } => {
                write!(f, "the OCSP responder answered {status} instead of a response")
            }
            OcspError::UnsupportedResponseType => {
                f.write_str("the OCSP response is not a BasicOCSPResponse")
            }
            OcspError::UnsupportedAlgorithm { oid } => {
                write!(f, "the OCSP response uses the unsupported algorithm {oid}")
            }
            OcspError::AlgorithmRefused { algorithm } => write!(
                f,
                "the OCSP response is signed with {}, which the policy refuses (allow SHA-1 explicitly for legacy responders)",
                algorithm.name()
            ),
            OcspError::ResponderNotAuthorized { reason } => write!(
                f,
                "the OCSP response is not signed by the issuing CA or a responder it authorised: {reason}"
            ),
            OcspError::WrongIssuer => {
                f.write_str("the certificate asked about is not issued by the given issuer certificate")
            }
            OcspError::CertIdMismatch => {
                f.write_str("the OCSP response is about another certificate (no CertID matches)")
            }
            OcspError::Stale { next_update, now } => write!(
                f,
                "the OCSP response is stale: its information was current until {next_update} (verification time {now}); fetch a fresh one"
            ),
            OcspError::NotYetValid { this_update, now } => write!(
                f,
                "the OCSP response is dated {this_update}, after the verification time {now}: check the clocks"
            ),
            OcspError::NonceMismatch => {
                f.write_str("the OCSP response does not echo the request's nonce (a replayed or cached response)")
            }
            OcspError::UnknownCriticalExtension => {
                f.write_str("the OCSP response has a critical extension that is not supported")
            }
            OcspError::StatusRevoked { revoked_at, reason } => {
                write!(f, "the certificate was revoked at {revoked_at}")?;
                if let Some(r) = reason {
                    write!(f, " ({})", r.name())?;
                }
                Ok(())
            }
            OcspError::StatusUnknown => {
                f.write_str("the OCSP responder does not know the certificate (status unknown)")
            }
            OcspError::DuplicateResponse { count } => write!(
                f,
                "the OCSP response answers {count} times about the certificate and RFC 6960 does not say which answer counts; fetch a fresh response (a conforming responder answers once)"
            ),
        }
    }
}

impl core::error::Error for OcspError {}

/// `OCSPResponseStatus` (RFC 6960 §4.2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OcspResponseStatus {
    /// `successful` (0): a response follows.
    Successful,
    /// `malformedRequest` (1).
    MalformedRequest,
    /// `internalError` (2).
    InternalError,
    /// `tryLater` (3).
    TryLater,
    /// `sigRequired` (5).
    SigRequired,
    /// `unauthorized` (6).
    Unauthorized,
    /// A value RFC 6960 does not define.
    Other(u8),
}

impl OcspResponseStatus {
    fn from_u8(v: u8) -> Self {
        match v {
            0 => Self::Successful,
            1 => Self::MalformedRequest,
            2 => Self::InternalError,
            3 => Self::TryLater,
            5 => Self::SigRequired,
            6 => Self::Unauthorized,
            n => Self::Other(n),
        }
    }
}

impl fmt::Display for OcspResponseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Successful => f.write_str("successful"),
            Self::MalformedRequest => f.write_str("malformedRequest"),
            Self::InternalError => f.write_str("internalError"),
            Self::TryLater => f.write_str("tryLater"),
            Self::SigRequired => f.write_str("sigRequired"),
            Self::Unauthorized => f.write_str("unauthorized"),
            Self::Other(n) => write!(f, "status {n}"),
        }
    }
}

/// `CRLReason` (RFC 5280 §5.3.1), as an OCSP response gives it for a revoked certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RevocationReason {
    /// `unspecified` (0).
    Unspecified,
    /// `keyCompromise` (1).
    KeyCompromise,
    /// `cACompromise` (2).
    CaCompromise,
    /// `affiliationChanged` (3).
    AffiliationChanged,
    /// `superseded` (4).
    Superseded,
    /// `cessationOfOperation` (5).
    CessationOfOperation,
    /// `certificateHold` (6).
    CertificateHold,
    /// `removeFromCRL` (8).
    RemoveFromCrl,
    /// `privilegeWithdrawn` (9).
    PrivilegeWithdrawn,
    /// `aACompromise` (10).
    AaCompromise,
}

impl RevocationReason {
    fn from_crl_reason(r: CrlReason) -> Self {
        match r {
            CrlReason::Unspecified => Self::Unspecified,
            CrlReason::KeyCompromise => Self::KeyCompromise,
            CrlReason::CaCompromise => Self::CaCompromise,
            CrlReason::AffiliationChanged => Self::AffiliationChanged,
            CrlReason::Superseded => Self::Superseded,
            CrlReason::CessationOfOperation => Self::CessationOfOperation,
            CrlReason::CertificateHold => Self::CertificateHold,
            CrlReason::RemoveFromCRL => Self::RemoveFromCrl,
            CrlReason::PrivilegeWithdrawn => Self::PrivilegeWithdrawn,
            CrlReason::AaCompromise => Self::AaCompromise,
        }
    }

    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &[
        "unspecified",
        "keyCompromise",
        "cACompromise",
        "affiliationChanged",
        "superseded",
        "cessationOfOperation",
        "certificateHold",
        "removeFromCRL",
        "privilegeWithdrawn",
        "aACompromise",
    ];

    /// The RFC 5280 name (`keyCompromise`).
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            Self::Unspecified => 0,
            Self::KeyCompromise => 1,
            Self::CaCompromise => 2,
            Self::AffiliationChanged => 3,
            Self::Superseded => 4,
            Self::CessationOfOperation => 5,
            Self::CertificateHold => 6,
            Self::RemoveFromCrl => 7,
            Self::PrivilegeWithdrawn => 8,
            Self::AaCompromise => 9,
        }]
    }
}

impl fmt::Display for RevocationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a verified response says about the certificate (RFC 6960 §2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OcspStatus {
    /// Not revoked (within the response's validity interval).
    Good,
    /// Revoked.
    Revoked {
        /// When.
        time: DateTime,
        /// Why, when the responder says.
        reason: Option<RevocationReason>,
    },
    /// The responder does not know the certificate.
    Unknown,
}

impl OcspStatus {
    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &["good", "revoked", "unknown"];

    /// `good`, `revoked` or `unknown`.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            OcspStatus::Good => 0,
            OcspStatus::Revoked { .. } => 1,
            OcspStatus::Unknown => 2,
        }]
    }
}

/// The certificate an OCSP response must be about, and the request it answers.
#[derive(Clone, Copy, Debug)]
pub struct OcspQuestion<'a> {
    /// The CA that issued `certificate`; it signs the response or authorises the responder.
    pub issuer: &'a Certificate,
    /// The certificate asked about.
    pub certificate: &'a Certificate,
    /// The nonce sent in the request, if any: the response must then echo it.
    pub nonce: Option<&'a [u8]>,
    /// Seconds by which the response's `thisUpdate` may lie after `now`, and `now` after
    /// its `nextUpdate`, to absorb clock differences between responder and caller.
    /// Default: 300, the five minutes OpenSSL allows (`-validity_period`).
    pub clock_skew_secs: u32,
}

impl<'a> OcspQuestion<'a> {
    /// A question about `certificate`, issued by `issuer`, without a nonce and with the
    /// default clock skew.
    pub fn new(issuer: &'a Certificate, certificate: &'a Certificate) -> Self {
        OcspQuestion {
            issuer,
            certificate,
            nonce: None,
            clock_skew_secs: 300,
        }
    }
}

/// An OCSP response whose signature, responder, `CertID`, times and nonce were checked.
#[derive(Clone, Debug)]
pub struct VerifiedOcspResponse {
    status: OcspStatus,
    this_update: DateTime,
    next_update: Option<DateTime>,
    produced_at: DateTime,
    responder: Certificate,
    delegated: bool,
    signature_algorithm: SignatureAlgorithm,
    cert_id_hash: DigestAlgorithm,
    certificate: Certificate,
}

impl VerifiedOcspResponse {
    /// What the responder says about the certificate.
    pub fn status(&self) -> OcspStatus {
        self.status
    }
    /// When the status was known to be correct.
    pub fn this_update(&self) -> DateTime {
        self.this_update
    }
    /// When newer information will be available, if the responder says.
    pub fn next_update(&self) -> Option<DateTime> {
        self.next_update
    }
    /// When the responder signed the response.
    pub fn produced_at(&self) -> DateTime {
        self.produced_at
    }
    /// The certificate whose key signed the response: the issuing CA or a delegated
    /// responder.
    pub fn responder(&self) -> &Certificate {
        &self.responder
    }
    /// Whether a delegated responder (not the CA itself) signed.
    pub fn is_delegated(&self) -> bool {
        self.delegated
    }
    /// The algorithm of the response signature.
    pub fn signature_algorithm(&self) -> SignatureAlgorithm {
        self.signature_algorithm
    }
    /// The hash of the matching `CertID`.
    pub fn cert_id_hash(&self) -> DigestAlgorithm {
        self.cert_id_hash
    }
    /// The certificate the response is about.
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }
    /// `Ok` when the status is good.
    ///
    /// # Errors
    /// [`OcspError::StatusRevoked`] or [`OcspError::StatusUnknown`].
    pub fn require_good(&self) -> Result<(), OcspError> {
        match self.status {
            OcspStatus::Good => Ok(()),
            OcspStatus::Revoked { time, reason } => Err(OcspError::StatusRevoked {
                revoked_at: time,
                reason,
            }),
            OcspStatus::Unknown => Err(OcspError::StatusUnknown),
        }
    }
}

/// Builds an unsigned DER `OCSPRequest` (RFC 6960 §4.1.1) for `certificate`, issued by
/// `issuer`, with a `CertID` hashed with `hash` (SHA-1 is what most responders index by,
/// RFC 5019 §2.1.1) and, when given, a nonce extension (RFC 8954) holding `nonce`.
///
/// Send it with HTTP POST as `application/ocsp-request` (RFC 6960 appendix A.1), then
/// verify the answer with [`verify_ocsp_response`], passing the same nonce.
///
/// ```
/// use trustmeta::{build_ocsp_request, DigestAlgorithm, TrustStore};
/// let store = TrustStore::from_pem(include_bytes!("../../../tests/data/sample/signer.pem"))?;
/// let cert = &store.certificates()[0]; // self-signed: its own issuer
/// let req = build_ocsp_request(cert, cert, DigestAlgorithm::Sha1, Some(b"fresh nonce"));
/// assert_eq!(req[0], 0x30); // a DER SEQUENCE
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn build_ocsp_request(
    issuer: &Certificate,
    certificate: &Certificate,
    hash: DigestAlgorithm,
    nonce: Option<&[u8]>,
) -> Vec<u8> {
    let key_bits = issuer.public_key().map_or(&[][..], |k| k.key_bytes());
    let (name_hash, key_hash) = (hash.digest(issuer.subject_der()), hash.digest(key_bits));
    let encode = || -> der::Result<Vec<u8>> {
        // RFC 8954 §2.1: the nonce extension's value is the DER of an OCTET STRING.
        let nonce = nonce
            .map(|n| OctetStringRef::new(n)?.to_der())
            .transpose()?;
        let request_extensions = match &nonce {
            Some(value) => Some(alloc::vec![Extension {
                extn_id: OID_OCSP_NONCE,
                critical: None,
                extn_value: OctetStringRef::new(value)?,
            }]),
            None => None,
        };
        let req_cert = CertId {
            hash_algorithm: AlgorithmIdentifierRef {
                oid: hash_oid(hash),
                parameters: Some(AnyRef::NULL),
            },
            issuer_name_hash: OctetStringRef::new(name_hash.as_bytes())?,
            issuer_key_hash: OctetStringRef::new(key_hash.as_bytes())?,
            serial_number: IntRef::new(certificate.serial())?,
        };
        OcspRequest {
            tbs_request: TbsRequest {
                request_list: alloc::vec![Request { req_cert }],
                request_extensions,
            },
        }
        .to_der()
    };
    // Encoding fails only for a length DER cannot say here: a nonce of 4 GiB.
    encode().unwrap_or_default()
}

/// Verifies a DER `OCSPResponse` about `question.certificate` with the default
/// signature backend.
///
/// # Errors
/// [`Error::Ocsp`] for a malformed, unauthorised, mismatched, stale or not-yet-valid
/// response, one with two answers about the certificate, or a missing nonce;
/// [`Error::Crypto`] when the signature does not verify or
/// the responder key is too weak; [`Error::Pki`] when a delegated responder certificate
/// is outside its validity period.
pub fn verify_ocsp_response(
    response: &[u8],
    question: &OcspQuestion<'_>,
    policy: &Policy,
    now: DateTime,
) -> Result<VerifiedOcspResponse, Error> {
    verify_ocsp_response_with(
        response,
        question,
        policy,
        now,
        crate::crypto::default_verifier(),
    )
}

/// [`verify_ocsp_response`] with a caller-chosen signature backend.
///
/// # Errors
/// As [`verify_ocsp_response`].
pub fn verify_ocsp_response_with(
    response: &[u8],
    question: &OcspQuestion<'_>,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedOcspResponse, Error> {
    let issuer = question.issuer;
    let cert = question.certificate;
    // The question itself must be consistent: a response "about" a certificate is only
    // meaningful relative to its real issuer.
    let ctx = super::path_context(now, verifier, policy);
    if cert.issuer_der() != issuer.subject_der() || !super::path::signed_by(cert, issuer, &ctx) {
        return Err(OcspError::WrongIssuer.into());
    }
    let basic = parse_response(response)?;
    let tbs = parse_tbs(basic.tbs_response_data.der)?;

    // 1. Who signed, and may they?
    let alg = signature_algorithm(&basic.signature_algorithm)?;
    if alg.digest() == Some(DigestAlgorithm::Sha1) && !policy.allow_sha1 {
        return Err(OcspError::AlgorithmRefused { algorithm: alg }.into());
    }
    let certs = basic.certs.as_deref().unwrap_or_default();
    let (responder, delegated) = authorised_responder(&tbs, certs, issuer, &ctx)?;
    let key = responder
        .public_key()
        .ok_or(crate::crypto::CryptoError::UnsupportedKey)?;
    policy.check_key(key)?;
    // Whole bytes: parse_response refused a signature with unused bits.
    let signature = basic.signature.raw_bytes();
    let sig = match key.kind() {
        KeyKind::Ec(curve) => ecdsa_der_to_raw(signature, curve.field_len())?,
        _ => signature.to_vec(),
    };
    verifier.verify(alg, key, basic.tbs_response_data.der, &sig)?;

    // 2. Only now, over signed bytes: is it about our certificate, current, fresh?
    if tbs.critical_unknown {
        return Err(OcspError::UnknownCriticalExtension.into());
    }
    let single = about(&tbs.responses, issuer, cert)?;
    let skew = i64::from(question.clock_skew_secs);
    let shift = |t: DateTime, by: i64| {
        DateTime::from_unix_nanos(t.unix_seconds().saturating_add(by), t.subsec_nanos())
    };
    // A response signed after `now` was not there to be relied on at `now` (§4.2.1).
    if now < shift(tbs.produced_at, -skew) {
        return Err(OcspError::NotYetValid {
            this_update: tbs.produced_at,
            now,
        }
        .into());
    }
    if now < shift(single.this_update, -skew) {
        return Err(OcspError::NotYetValid {
            this_update: single.this_update,
            now,
        }
        .into());
    }
    // Without nextUpdate "newer information is available all the time" (§4.2.2.1): the
    // response is current only around its thisUpdate.
    let until = single.next_update.unwrap_or(single.this_update);
    if now > shift(until, skew) {
        return Err(OcspError::Stale {
            next_update: until,
            now,
        }
        .into());
    }
    if let Some(n) = question.nonce {
        // RFC 8954 §2.1: the extension's value is the DER of an OCTET STRING holding it.
        let echoed = tbs
            .nonce
            .and_then(|v| <&OctetStringRef>::from_der(v.as_bytes()).ok());
        if echoed.map(OctetStringRef::as_bytes) != Some(n) {
            return Err(OcspError::NonceMismatch.into());
        }
    }
    Ok(VerifiedOcspResponse {
        status: single.status,
        this_update: single.this_update,
        next_update: single.next_update,
        produced_at: tbs.produced_at,
        responder,
        delegated,
        signature_algorithm: alg,
        cert_id_hash: single.hash,
        certificate: cert.clone(),
    })
}

/// The one `SingleResponse` about `cert`.
///
/// # Errors
/// [`OcspError::CertIdMismatch`] when none is, [`OcspError::DuplicateResponse`] when more
/// than one is.
fn about<'r, 'a>(
    responses: &'r [Answer<'a>],
    issuer: &Certificate,
    cert: &Certificate,
) -> Result<&'r Answer<'a>, OcspError> {
    // The issuer's hashes, once per hash algorithm the response uses: hashing them again
    // for each of a hostile response's many answers would dominate its cost.
    let mut hashed: Vec<(DigestAlgorithm, CertIdHashes)> = Vec::new();
    let mut found = None;
    let mut count = 0usize;
    for single in responses {
        if single.cert_id.serial_number.as_bytes() != cert.serial() {
            continue;
        }
        let at = match hashed.iter().position(|(h, _)| *h == single.hash) {
            Some(at) => at,
            None => {
                hashed.push((single.hash, CertIdHashes::of(single.hash, issuer)));
                hashed.len() - 1
            }
        };
        if hashed[at].1.matches(&single.cert_id) {
            count += 1;
            found.get_or_insert(single);
        }
    }
    match found {
        None => Err(OcspError::CertIdMismatch),
        Some(_) if count > 1 => Err(OcspError::DuplicateResponse { count }),
        Some(single) => Ok(single),
    }
}

/// Picks the certificate that signed: the CA when the ResponderID names it, else a
/// certificate from `certs` that the ResponderID names and that is authorised.
fn authorised_responder(
    tbs: &TbsResponse<'_>,
    certs: &[Tlv<'_>],
    issuer: &Certificate,
    ctx: &super::path::PathContext<'_>,
) -> Result<(Certificate, bool), Error> {
    if tbs.responder.names(issuer) {
        return Ok((issuer.clone(), false));
    }
    let not_authorised = |reason| OcspError::ResponderNotAuthorized { reason };
    // A certificate that does not parse cannot be the responder; skipping it keeps one
    // odd extra certificate from hiding a valid signer. Parsed here, only when the CA did
    // not sign itself: `certs` is outside the signed data and may hold anything.
    let cand = certs
        .iter()
        .filter(|c| tbs.responder.may_name(c.der))
        .filter_map(|c| Certificate::from_der(c.der).ok())
        .find(|c| tbs.responder.names(c))
        .ok_or(not_authorised(
            "no certificate in the response matches its ResponderID",
        ))?;
    if cand.issuer_der() != issuer.subject_der() || !super::path::signed_by(&cand, issuer, ctx) {
        return Err(not_authorised("the responder certificate is not issued by the CA").into());
    }
    if !cand.has_extended_key_usage(OID_KP_OCSP_SIGNING) {
        return Err(not_authorised(
            "the responder certificate lacks the OCSP-signing extended key usage",
        )
        .into());
    }
    if cand
        .key_usage()
        .is_some_and(|ku| ku & KU_DIGITAL_SIGNATURE == 0)
    {
        return Err(PkiError::KeyUsage {
            subject: cand.subject().into(),
        }
        .into());
    }
    super::path::check_common(&cand, ctx.now)?;
    // Nothing here can tell whether the responder's own certificate was revoked: only
    // one that says its status need not be checked is taken (RFC 6960 §4.2.2.2.1).
    if !cand.ocsp_nocheck() {
        return Err(not_authorised(
            "the responder certificate lacks id-pkix-ocsp-nocheck, so its own revocation status is unknown",
        )
        .into());
    }
    Ok((cand, true))
}

// ---- the ASN.1 (RFC 6960 §4.1.1, §4.2.1; RFC 5280 §4.1) ----------------------------

/// `OCSPRequest ::= SEQUENCE { tbsRequest TBSRequest, optionalSignature [0] EXPLICIT
/// Signature OPTIONAL }`: requests go unsigned, so `optionalSignature` is left out.
#[derive(Sequence)]
struct OcspRequest<'a> {
    tbs_request: TbsRequest<'a>,
}

/// `TBSRequest`, as sent: `version` keeps its DEFAULT v1 (which DER leaves out) and there
/// is no `requestorName`.
#[derive(Sequence)]
struct TbsRequest<'a> {
    request_list: Vec<Request<'a>>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    request_extensions: Option<Vec<Extension<'a>>>,
}

/// `Request ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] EXPLICIT
/// Extensions OPTIONAL }`, sent without `singleRequestExtensions`.
#[derive(Sequence)]
struct Request<'a> {
    req_cert: CertId<'a>,
}

/// `CertID`: the certificate a request or an answer is about.
#[derive(Clone, Copy, Sequence)]
struct CertId<'a> {
    hash_algorithm: AlgorithmIdentifierRef<'a>,
    issuer_name_hash: &'a OctetStringRef,
    issuer_key_hash: &'a OctetStringRef,
    serial_number: IntRef<'a>,
}

/// `Extension` (RFC 5280 §4.1). `critical BOOLEAN DEFAULT FALSE` is read as OPTIONAL: DER
/// never encodes a DEFAULT value (X.690 §11.5), and `der`'s `default` attribute would
/// take an encoded FALSE, which [`is_critical`] refuses.
#[derive(Sequence)]
struct Extension<'a> {
    extn_id: ObjectIdentifier,
    #[asn1(optional = "true")]
    critical: Option<bool>,
    extn_value: &'a OctetStringRef,
}

/// `OCSPResponse`.
#[derive(Sequence)]
struct OcspResponse<'a> {
    response_status: ResponseStatus,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    response_bytes: Option<ResponseBytes<'a>>,
}

/// `ResponseBytes`: `response` holds the DER of a `BasicOCSPResponse` when
/// `responseType` is `id-pkix-ocsp-basic`.
#[derive(Sequence)]
struct ResponseBytes<'a> {
    response_type: ObjectIdentifier,
    response: &'a OctetStringRef,
}

/// `BasicOCSPResponse`. `tbsResponseData` is kept as received, for the signature, and
/// read as [`ResponseData`] by [`parse_tbs`].
#[derive(Sequence)]
struct BasicOcspResponse<'a> {
    tbs_response_data: Tlv<'a>,
    signature_algorithm: AlgorithmIdentifierRef<'a>,
    signature: BitStringRef<'a>,
    /// Outside the signed data: each is only a candidate responder certificate, kept
    /// unparsed.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    certs: Option<Vec<Tlv<'a>>>,
}

/// `ResponseData`.
#[derive(Sequence)]
struct ResponseData<'a> {
    /// `[0] EXPLICIT Version DEFAULT v1`: DER leaves it out, but v1 spelled out is taken.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    version: Option<u8>,
    responder_id: ResponderId<'a>,
    produced_at: GeneralizedTime,
    responses: Vec<SingleResponse<'a>>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    response_extensions: Option<Vec<Extension<'a>>>,
}

/// `ResponderID`.
#[derive(Clone, Copy, Choice)]
enum ResponderId<'a> {
    /// The responder's subject `Name`, kept as received to compare.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", constructed = "true")]
    ByName(AnyRef<'a>),
    /// SHA-1 of the responder's subjectPublicKey bits.
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", constructed = "true")]
    ByKey(&'a OctetStringRef),
}

/// `SingleResponse`.
#[derive(Sequence)]
struct SingleResponse<'a> {
    cert_id: CertId<'a>,
    cert_status: CertStatus,
    this_update: GeneralizedTime,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    next_update: Option<GeneralizedTime>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    single_extensions: Option<Vec<Extension<'a>>>,
}

/// `CertStatus`.
#[derive(Choice)]
enum CertStatus {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    Good(Null),
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Revoked(RevokedInfo),
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT")]
    Unknown(Null),
}

/// `RevokedInfo`.
#[derive(Sequence)]
struct RevokedInfo {
    revocation_time: GeneralizedTime,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    revocation_reason: Option<CrlReason>,
}

/// A `Certificate` (RFC 5280 §4.1) read only as far as naming a responder needs: its
/// subject as received and its subjectPublicKey. A response can carry megabytes of
/// certificates outside the signed data, and parsing each in full cost more than
/// everything else in it.
#[derive(Sequence)]
struct CertificateHead<'a> {
    tbs_certificate: TbsCertificateHead<'a>,
    signature_algorithm: AnyRef<'a>,
    signature: AnyRef<'a>,
}

/// `TBSCertificate`, with what [`CertificateHead`] does not need left unread.
#[derive(Sequence)]
struct TbsCertificateHead<'a> {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    version: Option<AnyRef<'a>>,
    serial_number: AnyRef<'a>,
    signature: AnyRef<'a>,
    issuer: AnyRef<'a>,
    validity: AnyRef<'a>,
    subject: AnyRef<'a>,
    subject_public_key_info: SubjectPublicKeyInfoRef<'a>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    issuer_unique_id: Option<BitStringRef<'a>>,
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT", optional = "true")]
    subject_unique_id: Option<BitStringRef<'a>>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    extensions: Option<AnyRef<'a>>,
}

/// `OCSPResponseStatus ::= ENUMERATED`, read as its number: a status RFC 6960 does not
/// define is reported as such, not refused as malformed.
#[derive(Clone, Copy)]
struct ResponseStatus(u8);

impl FixedTag for ResponseStatus {
    const TAG: Tag = Tag::Enumerated;
}

impl<'a> DecodeValue<'a> for ResponseStatus {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        // An ENUMERATED is encoded as an INTEGER (X.690 §8.4): minimal, here not negative.
        u8::decode_value(reader, header).map(ResponseStatus)
    }
}

impl EncodeValue for ResponseStatus {
    fn value_len(&self) -> der::Result<Length> {
        self.0.value_len()
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        self.0.encode_value(writer)
    }
}

/// One whole TLV as received (the bytes a signature covers, or a name compared byte for
/// byte), its header read as DER.
#[derive(Clone, Copy)]
struct Tlv<'a> {
    der: &'a [u8],
    any: AnyRef<'a>,
}

impl<'a> Decode<'a> for Tlv<'a> {
    type Error = der::Error;

    fn decode<R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        let der = reader.tlv_bytes()?;
        Ok(Tlv {
            der,
            any: AnyRef::from_der(der)?,
        })
    }
}

impl EncodeValue for Tlv<'_> {
    fn value_len(&self) -> der::Result<Length> {
        self.any.value_len()
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        self.any.encode_value(writer)
    }
}

impl Tagged for Tlv<'_> {
    fn tag(&self) -> Tag {
        self.any.tag()
    }
}

// ---- reading a response ------------------------------------------------------------

/// A `ResponseData`, read and checked.
struct TbsResponse<'a> {
    responder: ResponderId<'a>,
    produced_at: DateTime,
    responses: Vec<Answer<'a>>,
    /// The nonce extension's value: the DER of an OCTET STRING (RFC 8954 §2.1).
    nonce: Option<&'a OctetStringRef>,
    critical_unknown: bool,
}

/// A `SingleResponse`, read.
struct Answer<'a> {
    cert_id: CertId<'a>,
    hash: DigestAlgorithm,
    status: OcspStatus,
    this_update: DateTime,
    next_update: Option<DateTime>,
}

impl ResponderId<'_> {
    /// Whether the certificate `der` may be the one named, read without parsing it in
    /// full (see [`CertificateHead`]).
    fn may_name(&self, der: &[u8]) -> bool {
        let Some((subject, key_bits)) = subject_and_key(der) else {
            return false;
        };
        match self {
            ResponderId::ByName(n) => *n == subject,
            ResponderId::ByKey(h) => {
                DigestAlgorithm::Sha1.digest(key_bits).as_bytes() == h.as_bytes()
            }
        }
    }

    fn names(&self, c: &Certificate) -> bool {
        match self {
            // DER: equal tags and contents are equal encodings.
            ResponderId::ByName(n) => AnyRef::from_der(c.subject_der()).is_ok_and(|s| s == *n),
            ResponderId::ByKey(h) => c.public_key().is_some_and(|k| {
                DigestAlgorithm::Sha1.digest(k.key_bytes()).as_bytes() == h.as_bytes()
            }),
        }
    }
}

/// The issuer's name and key hashes of a `CertID` under one hash algorithm; `None`
/// when the issuer's key is not one we read, which no `CertID` then matches.
struct CertIdHashes(Option<(DigestValue, DigestValue)>);

impl CertIdHashes {
    fn of(hash: DigestAlgorithm, issuer: &Certificate) -> Self {
        CertIdHashes(issuer.public_key().map(|key| {
            (
                hash.digest(issuer.subject_der()),
                hash.digest(key.key_bytes()),
            )
        }))
    }

    /// Whether `id` names the issuer (its serial is compared by the caller).
    fn matches(&self, id: &CertId<'_>) -> bool {
        self.0.as_ref().is_some_and(|(name, key)| {
            id.issuer_name_hash.as_bytes() == name.as_bytes()
                && id.issuer_key_hash.as_bytes() == key.as_bytes()
        })
    }
}

fn malformed(reason: &'static str) -> OcspError {
    OcspError::Malformed { reason }
}

/// What a DER decoding error says, as an [`OcspError::Malformed`] reason.
fn not_der(e: der::Error) -> OcspError {
    use der::ErrorKind as K;
    malformed(match e.kind() {
        K::IndefiniteLength => "an indefinite length (BER, not DER)",
        K::Noncanonical { .. } => "a non-canonical encoding (BER, not DER)",
        K::TrailingData { .. } => "trailing data",
        K::Incomplete { .. } => "truncated",
        K::Length { .. } | K::Overlength | K::Overflow => "a bad length",
        K::TagUnexpected { .. } | K::TagUnknown { .. } | K::TagNumberInvalid => "an unexpected tag",
        K::DateTime
        | K::Value {
            tag: Tag::GeneralizedTime,
        } => "a GeneralizedTime other than YYYYMMDDHHMMSSZ",
        K::OidMalformed => "a malformed OID",
        _ => "a value that is not DER",
    })
}

/// The `BasicOCSPResponse` of a successful `OCSPResponse`.
fn parse_response(der: &[u8]) -> Result<BasicOcspResponse<'_>, OcspError> {
    let response = OcspResponse::from_der(der).map_err(not_der)?;
    let status = OcspResponseStatus::from_u8(response.response_status.0);
    if status != OcspResponseStatus::Successful {
        return Err(OcspError::NotSuccessful { status });
    }
    let bytes = response.response_bytes.ok_or(malformed("responseBytes"))?;
    if bytes.response_type != OID_OCSP_BASIC {
        return Err(OcspError::UnsupportedResponseType);
    }
    let basic = BasicOcspResponse::from_der(bytes.response.as_bytes()).map_err(not_der)?;
    if basic.tbs_response_data.any.tag() != Tag::Sequence {
        return Err(malformed("tbsResponseData"));
    }
    // A signature is a whole number of bytes.
    if basic.signature.as_bytes().is_none() {
        return Err(malformed("signature"));
    }
    Ok(basic)
}

fn parse_tbs(tbs: &[u8]) -> Result<TbsResponse<'_>, OcspError> {
    let data = ResponseData::from_der(tbs).map_err(not_der)?;
    // v1 (0) is the only version.
    if data.version.is_some_and(|v| v != 0) {
        return Err(malformed("version"));
    }
    if let ResponderId::ByName(name) = data.responder_id {
        if name.tag() != Tag::Sequence {
            return Err(malformed("responderID"));
        }
    }
    let responses = data
        .responses
        .into_iter()
        .map(answer)
        .collect::<Result<Vec<_>, _>>()?;
    let mut nonce = None;
    let mut critical_unknown = false;
    for ext in data.response_extensions.iter().flatten() {
        let critical = is_critical(ext)?;
        if ext.extn_id == OID_OCSP_NONCE {
            if nonce.replace(ext.extn_value).is_some() {
                return Err(malformed("two nonces"));
            }
        } else if critical {
            critical_unknown = true;
        }
    }
    Ok(TbsResponse {
        responder: data.responder_id,
        produced_at: time(data.produced_at),
        responses,
        nonce,
        critical_unknown,
    })
}

fn answer(single: SingleResponse<'_>) -> Result<Answer<'_>, OcspError> {
    let hash = hash_algorithm(&single.cert_id.hash_algorithm)?;
    let status = match single.cert_status {
        CertStatus::Good(_) => OcspStatus::Good,
        CertStatus::Revoked(r) => OcspStatus::Revoked {
            time: time(r.revocation_time),
            reason: r.revocation_reason.map(RevocationReason::from_crl_reason),
        },
        CertStatus::Unknown(_) => OcspStatus::Unknown,
    };
    // singleExtensions (CRL references, archive cutoff…) are informational; a critical one
    // we do not understand is refused.
    for ext in single.single_extensions.iter().flatten() {
        if is_critical(ext)? {
            return Err(OcspError::UnknownCriticalExtension);
        }
    }
    Ok(Answer {
        cert_id: single.cert_id,
        hash,
        status,
        this_update: time(single.this_update),
        next_update: single.next_update.map(time),
    })
}

/// Whether an extension is critical. FALSE is `critical`'s DEFAULT, which DER leaves out
/// (X.690 §11.5): an encoded FALSE is refused.
fn is_critical(ext: &Extension<'_>) -> Result<bool, OcspError> {
    match ext.critical {
        Some(false) => Err(malformed("critical")),
        critical => Ok(critical == Some(true)),
    }
}

/// The subject Name and the subjectPublicKey bits of a DER certificate.
fn subject_and_key(der: &[u8]) -> Option<(AnyRef<'_>, &[u8])> {
    let tbs = CertificateHead::from_der(der).ok()?.tbs_certificate;
    let bits = tbs.subject_public_key_info.subject_public_key.as_bytes()?;
    (tbs.subject.tag() == Tag::Sequence).then_some((tbs.subject, bits))
}

fn time(t: GeneralizedTime) -> DateTime {
    DateTime::from_unix(i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX))
}

/// An AlgorithmIdentifier's OID, with absent or NULL parameters only.
fn algorithm_oid(alg: &AlgorithmIdentifierRef<'_>) -> Result<ObjectIdentifier, OcspError> {
    match alg.parameters {
        Some(p) if !p.is_null() => Err(malformed("algorithm parameters")),
        _ => Ok(alg.oid),
    }
}

/// The `CertID` hash algorithms.
const CERT_ID_HASHES: [DigestAlgorithm; 9] = [
    DigestAlgorithm::Sha1,
    DigestAlgorithm::Sha256,
    DigestAlgorithm::Sha384,
    DigestAlgorithm::Sha512,
    DigestAlgorithm::Sha224,
    DigestAlgorithm::Sha3_224,
    DigestAlgorithm::Sha3_256,
    DigestAlgorithm::Sha3_384,
    DigestAlgorithm::Sha3_512,
];

fn hash_algorithm(alg: &AlgorithmIdentifierRef<'_>) -> Result<DigestAlgorithm, OcspError> {
    let oid = algorithm_oid(alg)?;
    CERT_ID_HASHES
        .into_iter()
        .find(|h| hash_oid(*h) == oid)
        .ok_or_else(|| OcspError::UnsupportedAlgorithm {
            oid: oid.to_string(),
        })
}

fn hash_oid(hash: DigestAlgorithm) -> ObjectIdentifier {
    const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
    const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
    const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
    const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
    const SHA224: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.4");
    const SHA3_224: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.7");
    const SHA3_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.8");
    const SHA3_384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.9");
    const SHA3_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.10");
    match hash {
        DigestAlgorithm::Sha1 => SHA1,
        DigestAlgorithm::Sha256 => SHA256,
        DigestAlgorithm::Sha384 => SHA384,
        DigestAlgorithm::Sha512 => SHA512,
        DigestAlgorithm::Sha224 => SHA224,
        DigestAlgorithm::Sha3_224 => SHA3_224,
        DigestAlgorithm::Sha3_256 => SHA3_256,
        DigestAlgorithm::Sha3_384 => SHA3_384,
        DigestAlgorithm::Sha3_512 => SHA3_512,
    }
}

fn signature_algorithm(alg: &AlgorithmIdentifierRef<'_>) -> Result<SignatureAlgorithm, OcspError> {
    // RSASSA-PSS carries its hash, mask and salt as parameters (RFC 4055 §3.1).
    if alg.oid == OID_RSASSA_PSS {
        let owned = spki::AlgorithmIdentifierOwned {
            oid: alg.oid,
            parameters: alg.parameters.map(Into::into),
        };
        return super::cert::signature_algorithm_of(&owned).ok_or(
            OcspError::UnsupportedAlgorithm {
                oid: "RSASSA-PSS with parameters other than MGF1 over the same hash and a salt of its length".into(),
            },
        );
    }
    // ECDSA identifiers have no parameters; RSA PKCS#1 ones have NULL (RFC 4055, 5758).
    let text = algorithm_oid(alg)?.to_string();
    super::cert::cert_signature_algorithm(&text)
        .ok_or(OcspError::UnsupportedAlgorithm { oid: text })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A DER TLV with a one-byte tag (for writing test responses by hand).
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let len = content.len();
        let mut out = alloc::vec![tag];
        if len < 0x80 {
            out.push(u8::try_from(len).unwrap());
        } else {
            let bytes = u32::try_from(len).unwrap().to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            out.push(0x80 | u8::try_from(4 - skip).unwrap());
            out.extend_from_slice(&bytes[skip..]);
        }
        out.extend_from_slice(content);
        out
    }

    fn seq(parts: &[&[u8]]) -> Vec<u8> {
        tlv(0x30, &parts.concat())
    }

    const SHA1_ALG: &[u8] = &[0x30, 0x07, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a];
    const TIME: &[u8] = b"\x18\x0f20260601120000Z";
    const GOOD: &[u8] = &[0x80, 0x00];

    /// A SingleResponse: SHA-1 CertID for serial 0x2001, `status`, thisUpdate `this`,
    /// then `rest` (nextUpdate, singleExtensions).
    fn single(status: &[u8], this: &[u8], rest: &[u8]) -> Vec<u8> {
        let cert_id = seq(&[
            SHA1_ALG,
            &tlv(0x04, &[1; 20]),
            &tlv(0x04, &[2; 20]),
            &[0x02, 0x02, 0x20, 0x01],
        ]);
        seq(&[&cert_id, status, this, rest])
    }

    /// A ResponseData by key hash, produced at [`TIME`], with `responses` and then
    /// `rest` (responseExtensions).
    fn tbs(responses: &[&[u8]], rest: &[u8]) -> Vec<u8> {
        let by_key = tlv(0xa2, &tlv(0x04, &[3; 20]));
        seq(&[&by_key, TIME, &seq(responses), rest])
    }

    /// A BasicOCSPResponse of `tbs` and `signature` (sha256WithRSAEncryption).
    fn basic(tbs: &[u8], signature: &[u8]) -> Vec<u8> {
        let alg = seq(&[
            &tlv(
                0x06,
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
            ),
            &[0x05, 0x00],
        ]);
        seq(&[tbs, &alg, signature])
    }

    /// A successful OCSPResponse of type id-pkix-ocsp-basic with `response` (the TLV).
    fn wrap(response: &[u8]) -> Vec<u8> {
        let bytes = seq(&[
            &tlv(
                0x06,
                &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01],
            ),
            response,
        ]);
        seq(&[&[0x0a, 0x01, 0x00], &tlv(0xa0, &bytes)])
    }

    fn response_with(tbs: &[u8], signature: &[u8]) -> Vec<u8> {
        wrap(&tlv(0x04, &basic(tbs, signature)))
    }

    fn response(tbs: &[u8]) -> Vec<u8> {
        response_with(tbs, &[0x03, 0x02, 0x00, 0x55])
    }

    fn ext(oid: &[u8], critical: &[u8], value: &[u8]) -> Vec<u8> {
        seq(&[&tlv(0x06, oid), critical, &tlv(0x04, value)])
    }

    const UNKNOWN_OID: &[u8] = &[0x2a, 0x03, 0x04];
    const TRUE: &[u8] = &[0x01, 0x01, 0xff];

    /// Reads a whole response as verification does before the signature.
    fn read(der: &[u8]) -> Result<TbsResponse<'_>, OcspError> {
        parse_tbs(parse_response(der)?.tbs_response_data.der)
    }

    fn reason(r: Result<TbsResponse<'_>, OcspError>) -> &'static str {
        match r.err() {
            Some(OcspError::Malformed { reason }) => reason,
            e => panic!("not malformed: {e:?}"),
        }
    }

    #[test]
    fn a_hand_written_response_reads() {
        let revoked = tlv(0xa1, &[TIME, &tlv(0xa0, &[0x0a, 0x01, 0x01])].concat());
        let next = tlv(0xa0, b"\x18\x0f20260602120000Z");
        let t = tbs(
            &[&single(GOOD, TIME, &next), &single(&revoked, TIME, &[])],
            &[],
        );
        let der = response(&t);
        let basic = parse_response(&der).unwrap();
        assert_eq!(basic.tbs_response_data.der, &t[..]);
        assert_eq!(basic.signature.raw_bytes(), &[0x55]);
        let r = read(&der).unwrap();
        let at = |s| DateTime::parse_rfc3339(s).unwrap();
        assert_eq!(r.produced_at, at("2026-06-01T12:00:00Z"));
        assert_eq!(r.responses.len(), 2);
        assert_eq!(r.responses[0].status, OcspStatus::Good);
        assert_eq!(r.responses[0].next_update, Some(at("2026-06-02T12:00:00Z")));
        assert_eq!(r.responses[0].hash, DigestAlgorithm::Sha1);
        assert_eq!(
            r.responses[0].cert_id.serial_number.as_bytes(),
            &[0x20, 0x01]
        );
        assert_eq!(
            r.responses[1].status,
            OcspStatus::Revoked {
                time: at("2026-06-01T12:00:00Z"),
                reason: Some(RevocationReason::KeyCompromise)
            }
        );
        assert!(r.nonce.is_none() && !r.critical_unknown);
        assert!(matches!(r.responder, ResponderId::ByKey(h) if h.as_bytes() == [3; 20]));
    }

    #[test]
    fn ber_is_refused() {
        let t = tbs(&[&single(GOOD, TIME, &[])], &[]);
        let der = response(&t);
        // The outer SEQUENCE with an indefinite length and end-of-contents.
        let mut indefinite = alloc::vec![0x30, 0x80];
        indefinite.extend_from_slice(&der[2..]);
        indefinite.extend_from_slice(&[0, 0]);
        assert_eq!(
            reason(read(&indefinite)),
            "an indefinite length (BER, not DER)"
        );
        // tbsResponseData with an indefinite length.
        let mut t_indefinite = alloc::vec![0x30, 0x80];
        t_indefinite.extend_from_slice(&t[2..]);
        t_indefinite.extend_from_slice(&[0, 0]);
        assert!(read(&response(&t_indefinite)).is_err());
        // A length in more bytes than it needs, outside and inside the signed part.
        let content = &der[3..];
        assert_eq!(der[1..3], [0x81, u8::try_from(content.len()).unwrap()]);
        let mut long = alloc::vec![0x30, 0x82, 0x00, der[2]];
        long.extend_from_slice(content);
        assert_eq!(reason(read(&long)), "a bad length");
        let serial_at = t.windows(4).position(|w| w == [2, 2, 0x20, 1]).unwrap();
        let mut t_long = t.clone();
        t_long.splice(serial_at + 1..serial_at + 2, [0x81, 0x02]);
        let t_long = seq(&[&t_long[2..]]);
        assert!(parse_tbs(&t_long).is_err());
        // A constructed OCTET STRING (BER only) for `response`.
        let b = basic(&t, &[0x03, 0x02, 0x00, 0x55]);
        assert!(read(&wrap(&tlv(0x04, &b))).is_ok());
        assert_eq!(
            reason(read(&wrap(&tlv(0x24, &tlv(0x04, &b))))),
            "an unexpected tag"
        );
        // A non-minimal INTEGER serial, and BOOLEAN TRUE as 0x01.
        let mut t_int = t.clone();
        t_int.splice(serial_at..serial_at + 4, [2, 3, 0, 0x20, 1]);
        assert!(parse_tbs(&seq(&[&t_int[2..]])).is_err());
        let soft_true = ext(UNKNOWN_OID, &[0x01, 0x01, 0x01], b"");
        let t = tbs(&[&single(GOOD, TIME, &[])], &tlv(0xa1, &seq(&[&soft_true])));
        assert!(read(&response(&t)).is_err());
    }

    #[test]
    fn trailing_data_is_refused() {
        let t = tbs(&[&single(GOOD, TIME, &[])], &[]);
        let mut after = response(&t);
        after.push(0);
        assert_eq!(reason(read(&after)), "trailing data");
        // After the BasicOCSPResponse, inside the OCTET STRING (not signed).
        let mut octets = basic(&t, &[0x03, 0x02, 0x00, 0x55]);
        octets.push(0);
        assert_eq!(reason(read(&wrap(&tlv(0x04, &octets)))), "trailing data");
        // Inside tbsResponseData, inside a SingleResponse and inside an EXPLICIT tag.
        let mut inside = t.clone();
        inside.push(0);
        assert!(parse_tbs(&seq(&[&inside[2..]])).is_err());
        let s = single(GOOD, TIME, &[0x05, 0x00]);
        assert!(read(&response(&tbs(&[&s], &[]))).is_err());
        let next = tlv(
            0xa0,
            &[b"\x18\x0f20260602120000Z" as &[u8], &[5, 0]].concat(),
        );
        let s = single(GOOD, TIME, &next);
        assert!(read(&response(&tbs(&[&s], &[]))).is_err());
    }

    #[test]
    fn critical_extensions() {
        let plain = single(GOOD, TIME, &[]);
        // An unknown critical response extension is noted, and refused after the
        // signature is checked.
        let exts = tlv(0xa1, &seq(&[&ext(UNKNOWN_OID, TRUE, b"x")]));
        let der = response(&tbs(&[&plain], &exts));
        assert!(read(&der).unwrap().critical_unknown);
        // Not critical: fine.
        let exts = tlv(0xa1, &seq(&[&ext(UNKNOWN_OID, &[], b"x")]));
        assert!(
            !read(&response(&tbs(&[&plain], &exts)))
                .unwrap()
                .critical_unknown
        );
        // critical FALSE written out: DER leaves a DEFAULT out.
        let exts = tlv(0xa1, &seq(&[&ext(UNKNOWN_OID, &[1, 1, 0], b"x")]));
        assert_eq!(reason(read(&response(&tbs(&[&plain], &exts)))), "critical");
        // An unknown critical single extension.
        let single_exts = tlv(0xa1, &seq(&[&ext(UNKNOWN_OID, TRUE, b"x")]));
        let s = single(GOOD, TIME, &single_exts);
        assert_eq!(
            read(&response(&tbs(&[&s], &[]))).err(),
            Some(OcspError::UnknownCriticalExtension)
        );
        let single_exts = tlv(0xa1, &seq(&[&ext(UNKNOWN_OID, &[1, 1, 0], b"x")]));
        let s = single(GOOD, TIME, &single_exts);
        assert!(read(&response(&tbs(&[&s], &[]))).is_err());
        // The nonce: one, critical or not; two are refused.
        let nonce_oid = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02];
        let n = ext(&nonce_oid, TRUE, &[4, 2, 0xab, 0xcd]);
        let der = response(&tbs(&[&plain], &tlv(0xa1, &seq(&[&n]))));
        let r = read(&der).unwrap();
        assert_eq!(r.nonce.unwrap().as_bytes(), &[4, 2, 0xab, 0xcd]);
        assert!(!r.critical_unknown);
        let two = tlv(0xa1, &seq(&[&n, &n]));
        assert_eq!(reason(read(&response(&tbs(&[&plain], &two)))), "two nonces");
    }

    #[test]
    fn generalized_time_is_strict() {
        for bad in [
            &b"\x18\x1120260601120000.5Z"[..],
            b"\x18\x0d202606011200Z",
            b"\x18\x0f20261301120000Z",
            b"\x18\x0f20260601120000+",
            b"\x17\x0d260601120000Z",
        ] {
            let t = tbs(&[&single(GOOD, bad, &[])], &[]);
            assert!(read(&response(&t)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn other_values_are_checked() {
        let plain = single(GOOD, TIME, &[]);
        // certStatus: good and unknown are empty and primitive.
        for status in [
            &[0x80, 0x01, 0x00][..],
            &[0xa0, 0x00],
            &[0x82, 0x01, 0x00],
            &[0x83, 0x00],
        ] {
            let t = tbs(&[&single(status, TIME, &[])], &[]);
            assert!(read(&response(&t)).is_err(), "{status:?}");
        }
        let t = tbs(&[&single(&[0x82, 0x00], TIME, &[])], &[]);
        assert_eq!(
            read(&response(&t)).unwrap().responses[0].status,
            OcspStatus::Unknown
        );
        // A revocation reason RFC 5280 does not define (7).
        let revoked = tlv(0xa1, &[TIME, &tlv(0xa0, &[0x0a, 0x01, 0x07])].concat());
        assert!(read(&response(&tbs(&[&single(&revoked, TIME, &[])], &[]))).is_err());
        // A signature with unused bits.
        let t = tbs(&[&plain], &[]);
        assert_eq!(
            reason(read(&response_with(&t, &[0x03, 0x02, 0x07, 0x80]))),
            "signature"
        );
        // version: v1 spelled out is taken, v2 is not.
        let v = |n: u8| {
            let by_key = tlv(0xa2, &tlv(0x04, &[3; 20]));
            seq(&[&tlv(0xa0, &[2, 1, n]), &by_key, TIME, &seq(&[&plain])])
        };
        assert!(read(&response(&v(0))).is_ok());
        assert_eq!(reason(read(&response(&v(1)))), "version");
        // responderID byName must hold a Name.
        let by_name = |name: &[u8]| seq(&[&tlv(0xa1, name), TIME, &seq(&[&plain])]);
        assert!(read(&response(&by_name(&seq(&[])))).is_ok());
        assert_eq!(
            reason(read(&response(&by_name(&[0x04, 0x00])))),
            "responderID"
        );
        // CertID hash parameters: absent or NULL.
        let cert_id = |alg: &[u8]| {
            let id = seq(&[alg, &tlv(4, &[1; 20]), &tlv(4, &[2; 20]), &[2, 1, 1]]);
            tbs(&[&seq(&[&id, GOOD, TIME])], &[])
        };
        let sha1 = &SHA1_ALG[2..];
        assert!(read(&response(&cert_id(&seq(&[sha1])))).is_ok());
        assert!(read(&response(&cert_id(&seq(&[sha1, &[5, 1, 0]])))).is_err());
        assert_eq!(
            read(&response(&cert_id(&seq(&[&[6, 3, 0x2a, 3, 4], &[5, 0]])))).err(),
            Some(OcspError::UnsupportedAlgorithm {
                oid: "1.2.3.4".into()
            })
        );
        // Another response type.
        let bytes = seq(&[&tlv(0x06, &[0x2a, 3, 4]), &tlv(0x04, &[])]);
        let other = seq(&[&[0x0a, 0x01, 0x00], &tlv(0xa0, &bytes)]);
        assert_eq!(read(&other).err(), Some(OcspError::UnsupportedResponseType));
        // Successful without responseBytes.
        assert_eq!(
            reason(read(&[0x30, 0x03, 0x0a, 0x01, 0x00])),
            "responseBytes"
        );
        // A tag number in high-tag-number form where a SEQUENCE is expected.
        assert!(read(&[0x3f, 0x81, 0x00, 0x00]).is_err());
    }

    #[test]
    fn unsuccessful_status_is_reported() {
        // OCSPResponse { responseStatus tryLater }
        assert_eq!(
            parse_response(&[0x30, 0x03, 0x0a, 0x01, 0x03]).err(),
            Some(OcspError::NotSuccessful {
                status: OcspResponseStatus::TryLater
            })
        );
        // A status RFC 6960 does not define is reported as such; a negative or
        // non-minimal ENUMERATED is not DER.
        assert_eq!(
            parse_response(&[0x30, 0x03, 0x0a, 0x01, 0x04]).err(),
            Some(OcspError::NotSuccessful {
                status: OcspResponseStatus::Other(4)
            })
        );
        assert!(matches!(
            parse_response(&[0x30, 0x03, 0x0a, 0x01, 0x80]),
            Err(OcspError::Malformed { .. })
        ));
        assert!(matches!(
            parse_response(&[0x30, 0x04, 0x0a, 0x02, 0x00, 0x03]),
            Err(OcspError::Malformed { .. })
        ));
    }

    #[test]
    fn requests_are_the_der_rfc_6960_gives() {
        let store = super::super::TrustStore::from_pem(include_bytes!(
            "../../../tests/data/sample/signer.pem"
        ))
        .unwrap();
        let c = &store.certificates()[0];
        let key = c.public_key().unwrap().key_bytes();
        for (hash, oid, nonce) in [
            (DigestAlgorithm::Sha1, &SHA1_ALG[4..], None),
            (
                DigestAlgorithm::Sha256,
                &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01][..],
                Some(&b"fresh nonce"[..]),
            ),
        ] {
            let cert_id = seq(&[
                &seq(&[&tlv(0x06, oid), &[0x05, 0x00]]),
                &tlv(0x04, hash.digest(c.subject_der()).as_bytes()),
                &tlv(0x04, hash.digest(key).as_bytes()),
                &tlv(0x02, c.serial()),
            ]);
            let list = seq(&[&seq(&[&cert_id])]);
            let tbs = match nonce {
                None => seq(&[&list]),
                Some(n) => {
                    let nonce_oid = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02];
                    let ext = ext(&nonce_oid, &[], &tlv(0x04, n));
                    seq(&[&list, &tlv(0xa2, &seq(&[&ext]))])
                }
            };
            assert_eq!(build_ocsp_request(c, c, hash, nonce), seq(&[&tbs]));
        }
    }

    #[test]
    fn many_answers_read_in_linear_time() {
        // 200,000 SingleResponses (about 12 MB): read once each, no quadratic step.
        let one = single(GOOD, TIME, &[]);
        let list: Vec<&[u8]> = core::iter::repeat_n(&one[..], 200_000).collect();
        let t = tbs(&list, &[]);
        let der = response(&t);
        assert_eq!(read(&der).unwrap().responses.len(), 200_000);
    }
}
