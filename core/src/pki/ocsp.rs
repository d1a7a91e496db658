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
//! The ASN.1 is read with a small strict DER reader: definite lengths, minimal length
//! encoding, no trailing bytes. The signature is checked over `tbsResponseData` exactly
//! as received, never over a re-encoding.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

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
const OID_OCSP_BASIC: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];
/// `id-pkix-ocsp-nonce` (1.3.6.1.5.5.7.48.1.2).
const OID_OCSP_NONCE: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02];
/// `id-kp-OCSPSigning` (1.3.6.1.5.5.7.3.9).
pub(crate) const OID_KP_OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";
const OID_SHA1: &[u8] = &[0x2b, 0x0e, 0x03, 0x02, 0x1a];
const OID_SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
const OID_SHA384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
const OID_SHA512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];
const OID_SHA224: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04];
const OID_SHA3_224: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x07];
const OID_SHA3_256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x08];
const OID_SHA3_384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x09];
const OID_SHA3_512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x0a];

const TAG_BOOLEAN: u8 = 0x01;
const TAG_INTEGER: u8 = 0x02;
const TAG_BIT_STRING: u8 = 0x03;
const TAG_OCTET_STRING: u8 = 0x04;
const TAG_NULL: u8 = 0x05;
const TAG_OID: u8 = 0x06;
const TAG_ENUMERATED: u8 = 0x0a;
const TAG_GENERALIZED_TIME: u8 = 0x18;
const TAG_SEQUENCE: u8 = 0x30;
/// `[n]` constructed (EXPLICIT) and primitive/constructed IMPLICIT context tags.
const fn ctx_cons(n: u8) -> u8 {
    0xa0 | n
}
const fn ctx_prim(n: u8) -> u8 {
    0x80 | n
}

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
    fn from_u8(v: u8) -> Option<Self> {
        Some(match v {
            0 => Self::Unspecified,
            1 => Self::KeyCompromise,
            2 => Self::CaCompromise,
            3 => Self::AffiliationChanged,
            4 => Self::Superseded,
            5 => Self::CessationOfOperation,
            6 => Self::CertificateHold,
            8 => Self::RemoveFromCrl,
            9 => Self::PrivilegeWithdrawn,
            10 => Self::AaCompromise,
            _ => return None,
        })
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
    let alg = seq(&[&tlv(TAG_OID, hash_oid(hash)), &tlv(TAG_NULL, &[])]);
    let cert_id = seq(&[
        &alg,
        &tlv(
            TAG_OCTET_STRING,
            hash.digest(issuer.subject_der()).as_bytes(),
        ),
        &tlv(TAG_OCTET_STRING, hash.digest(key_bits).as_bytes()),
        &tlv(TAG_INTEGER, certificate.serial()),
    ]);
    let request = seq(&[&cert_id]);
    let request_list = seq(&[&request]);
    let tbs = match nonce {
        Some(n) => {
            let ext = seq(&[
                &tlv(TAG_OID, OID_OCSP_NONCE),
                &tlv(TAG_OCTET_STRING, &tlv(TAG_OCTET_STRING, n)),
            ]);
            let exts = tlv(ctx_cons(2), &seq(&[&ext]));
            seq(&[&request_list, &exts])
        }
        None => seq(&[&request_list]),
    };
    seq(&[&tbs])
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
    let tbs = parse_tbs(basic.tbs)?;

    // 1. Who signed, and may they?
    let alg = signature_algorithm(basic.signature_algorithm)?;
    if alg.digest() == Some(DigestAlgorithm::Sha1) && !policy.allow_sha1 {
        return Err(OcspError::AlgorithmRefused { algorithm: alg }.into());
    }
    let (responder, delegated) = authorised_responder(&tbs, &basic.certs, issuer, &ctx)?;
    let key = responder
        .public_key()
        .ok_or(crate::crypto::CryptoError::UnsupportedKey)?;
    policy.check_key(key)?;
    let sig = match key.kind() {
        KeyKind::Ec(curve) => ecdsa_der_to_raw(basic.signature, curve.field_len())?,
        _ => basic.signature.to_vec(),
    };
    verifier.verify(alg, key, basic.tbs, &sig)?;

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
        let want = tlv(TAG_OCTET_STRING, n);
        if tbs.nonce != Some(&want[..]) {
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
        cert_id_hash: single.cert_id.hash,
        certificate: cert.clone(),
    })
}

/// The one `SingleResponse` about `cert`.
///
/// # Errors
/// [`OcspError::CertIdMismatch`] when none is, [`OcspError::DuplicateResponse`] when more
/// than one is.
fn about<'r, 'a>(
    responses: &'r [SingleResponse<'a>],
    issuer: &Certificate,
    cert: &Certificate,
) -> Result<&'r SingleResponse<'a>, OcspError> {
    // The issuer's hashes, once per hash algorithm the response uses: hashing them again
    // for each of a hostile response's many answers would dominate its cost.
    let mut hashed: Vec<(DigestAlgorithm, CertIdHashes)> = Vec::new();
    let mut found = None;
    let mut count = 0usize;
    for single in responses {
        let id = &single.cert_id;
        if id.serial != cert.serial() {
            continue;
        }
        let at = match hashed.iter().position(|(h, _)| *h == id.hash) {
            Some(at) => at,
            None => {
                hashed.push((id.hash, CertIdHashes::of(id.hash, issuer)));
                hashed.len() - 1
            }
        };
        if hashed[at].1.matches(id) {
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
    certs: &[&[u8]],
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
        .filter(|der| tbs.responder.may_name(der))
        .filter_map(|der| Certificate::from_der(der).ok())
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

// ---- parsing -----------------------------------------------------------------------

struct BasicResponse<'a> {
    tbs: &'a [u8],
    signature_algorithm: &'a [u8],
    signature: &'a [u8],
    /// The DER of each certificate in `certs`, unparsed.
    certs: Vec<&'a [u8]>,
}

struct TbsResponse<'a> {
    responder: ResponderId<'a>,
    produced_at: DateTime,
    responses: Vec<SingleResponse<'a>>,
    nonce: Option<&'a [u8]>,
    critical_unknown: bool,
}

enum ResponderId<'a> {
    /// The DER Name.
    ByName(&'a [u8]),
    /// SHA-1 of the responder's subjectPublicKey bits.
    ByKey(&'a [u8]),
}

impl ResponderId<'_> {
    /// Whether the certificate `der` may be the one named, read from its bytes without
    /// parsing it: a response can carry megabytes of certificates outside the signed
    /// data, and parsing each in full cost more than everything else in it.
    fn may_name(&self, der: &[u8]) -> bool {
        let Some((subject, key_bits)) = subject_and_key(der) else {
            return false;
        };
        match self {
            ResponderId::ByName(n) => *n == subject,
            ResponderId::ByKey(h) => DigestAlgorithm::Sha1.digest(key_bits).as_bytes() == *h,
        }
    }

    fn names(&self, c: &Certificate) -> bool {
        match self {
            ResponderId::ByName(n) => *n == c.subject_der(),
            ResponderId::ByKey(h) => c
                .public_key()
                .is_some_and(|k| DigestAlgorithm::Sha1.digest(k.key_bytes()).as_bytes() == *h),
        }
    }
}

struct CertId<'a> {
    hash: DigestAlgorithm,
    name_hash: &'a [u8],
    key_hash: &'a [u8],
    serial: &'a [u8],
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
            id.name_hash == name.as_bytes() && id.key_hash == key.as_bytes()
        })
    }
}

struct SingleResponse<'a> {
    cert_id: CertId<'a>,
    status: OcspStatus,
    this_update: DateTime,
    next_update: Option<DateTime>,
}

fn malformed(reason: &'static str) -> OcspError {
    OcspError::Malformed { reason }
}

fn parse_response(der: &[u8]) -> Result<BasicResponse<'_>, OcspError> {
    let mut outer = Der::new(der);
    let resp = outer.expect(TAG_SEQUENCE, "OCSPResponse")?;
    outer.finish("OCSPResponse")?;
    let mut r = Der::new(resp);
    let status = r.expect(TAG_ENUMERATED, "responseStatus")?;
    let status = match status {
        [v] if *v < 0x80 => OcspResponseStatus::from_u8(*v),
        _ => return Err(malformed("responseStatus")),
    };
    if status != OcspResponseStatus::Successful {
        return Err(OcspError::NotSuccessful { status });
    }
    let bytes = r.expect(ctx_cons(0), "responseBytes")?;
    r.finish("OCSPResponse")?;
    let mut e = Der::new(bytes);
    let rb = e.expect(TAG_SEQUENCE, "ResponseBytes")?;
    e.finish("responseBytes")?;
    let mut rb = Der::new(rb);
    if rb.expect(TAG_OID, "responseType")? != OID_OCSP_BASIC {
        return Err(OcspError::UnsupportedResponseType);
    }
    let basic = rb.expect(TAG_OCTET_STRING, "response")?;
    rb.finish("ResponseBytes")?;

    let mut outer = Der::new(basic);
    let b = outer.expect(TAG_SEQUENCE, "BasicOCSPResponse")?;
    outer.finish("BasicOCSPResponse")?;
    let mut b = Der::new(b);
    let (_, _, tbs) = b.read("tbsResponseData")?;
    if tbs.first() != Some(&TAG_SEQUENCE) {
        return Err(malformed("tbsResponseData"));
    }
    let signature_algorithm = b.expect(TAG_SEQUENCE, "signatureAlgorithm")?;
    let signature = match b.expect(TAG_BIT_STRING, "signature")? {
        [0, rest @ ..] => rest,
        _ => return Err(malformed("signature")),
    };
    let mut certs = Vec::new();
    if let Some(c) = b.optional(ctx_cons(0), "certs")? {
        let mut c = Der::new(c);
        let list = c.expect(TAG_SEQUENCE, "certs")?;
        c.finish("certs")?;
        let mut list = Der::new(list);
        while !list.is_empty() {
            let (_, _, whole) = list.read("certs")?;
            certs.push(whole);
        }
    }
    b.finish("BasicOCSPResponse")?;
    Ok(BasicResponse {
        tbs,
        signature_algorithm,
        signature,
        certs,
    })
}

fn parse_tbs(tbs: &[u8]) -> Result<TbsResponse<'_>, OcspError> {
    let mut outer = Der::new(tbs);
    let body = outer.expect(TAG_SEQUENCE, "tbsResponseData")?;
    let mut t = Der::new(body);
    if let Some(v) = t.optional(ctx_cons(0), "version")? {
        // v1 (0) is the only version; DER omits the DEFAULT, but tolerate it spelled out.
        if v != [TAG_INTEGER, 1, 0] {
            return Err(malformed("version"));
        }
    }
    let (tag, content, _) = t.read("responderID")?;
    let responder = match tag {
        t1 if t1 == ctx_cons(1) => {
            let mut n = Der::new(content);
            let (_, _, name) = n.read("responderID")?;
            n.finish("responderID")?;
            if name.first() != Some(&TAG_SEQUENCE) {
                return Err(malformed("responderID"));
            }
            ResponderId::ByName(name)
        }
        t2 if t2 == ctx_cons(2) => {
            let mut k = Der::new(content);
            let h = k.expect(TAG_OCTET_STRING, "responderID")?;
            k.finish("responderID")?;
            ResponderId::ByKey(h)
        }
        _ => return Err(malformed("responderID")),
    };
    let produced_at = generalized_time(t.expect(TAG_GENERALIZED_TIME, "producedAt")?)?;
    let list = t.expect(TAG_SEQUENCE, "responses")?;
    let mut responses = Vec::new();
    let mut list = Der::new(list);
    while !list.is_empty() {
        responses.push(parse_single(list.expect(TAG_SEQUENCE, "SingleResponse")?)?);
    }
    let mut nonce = None;
    let mut critical_unknown = false;
    if let Some(exts) = t.optional(ctx_cons(1), "responseExtensions")? {
        let mut e = Der::new(exts);
        let list = e.expect(TAG_SEQUENCE, "responseExtensions")?;
        e.finish("responseExtensions")?;
        let mut list = Der::new(list);
        while !list.is_empty() {
            let mut ext = Der::new(list.expect(TAG_SEQUENCE, "Extension")?);
            let oid = ext.expect(TAG_OID, "extnID")?;
            let critical = match ext.optional(TAG_BOOLEAN, "critical")? {
                None => false,
                Some([0xff]) => true,
                // DER: FALSE is the default and so never encoded.
                Some(_) => return Err(malformed("critical")),
            };
            let value = ext.expect(TAG_OCTET_STRING, "extnValue")?;
            ext.finish("Extension")?;
            if oid == OID_OCSP_NONCE {
                if nonce.is_some() {
                    return Err(malformed("two nonces"));
                }
                nonce = Some(value);
            } else if critical {
                critical_unknown = true;
            }
        }
    }
    t.finish("tbsResponseData")?;
    outer.finish("tbsResponseData")?;
    Ok(TbsResponse {
        responder,
        produced_at,
        responses,
        nonce,
        critical_unknown,
    })
}

fn parse_single(s: &[u8]) -> Result<SingleResponse<'_>, OcspError> {
    let mut s = Der::new(s);
    let mut id = Der::new(s.expect(TAG_SEQUENCE, "CertID")?);
    let hash = hash_algorithm(id.expect(TAG_SEQUENCE, "hashAlgorithm")?)?;
    let name_hash = id.expect(TAG_OCTET_STRING, "issuerNameHash")?;
    let key_hash = id.expect(TAG_OCTET_STRING, "issuerKeyHash")?;
    let serial = id.expect(TAG_INTEGER, "serialNumber")?;
    id.finish("CertID")?;
    let (tag, content, _) = s.read("certStatus")?;
    let status = if tag == ctx_prim(0) && content.is_empty() {
        OcspStatus::Good
    } else if tag == ctx_cons(1) {
        let mut r = Der::new(content);
        let time = generalized_time(r.expect(TAG_GENERALIZED_TIME, "revocationTime")?)?;
        let reason = match r.optional(ctx_cons(0), "revocationReason")? {
            None => None,
            Some(inner) => {
                let mut i = Der::new(inner);
                let v = match i.expect(TAG_ENUMERATED, "revocationReason")? {
                    [v] => *v,
                    _ => return Err(malformed("revocationReason")),
                };
                i.finish("revocationReason")?;
                Some(RevocationReason::from_u8(v).ok_or(malformed("revocationReason"))?)
            }
        };
        r.finish("RevokedInfo")?;
        OcspStatus::Revoked { time, reason }
    } else if tag == ctx_prim(2) && content.is_empty() {
        OcspStatus::Unknown
    } else {
        return Err(malformed("certStatus"));
    };
    let this_update = generalized_time(s.expect(TAG_GENERALIZED_TIME, "thisUpdate")?)?;
    let next_update = match s.optional(ctx_cons(0), "nextUpdate")? {
        None => None,
        Some(inner) => {
            let mut i = Der::new(inner);
            let t = generalized_time(i.expect(TAG_GENERALIZED_TIME, "nextUpdate")?)?;
            i.finish("nextUpdate")?;
            Some(t)
        }
    };
    // singleExtensions (CRL references, archive cutoff…) are informational; a critical one
    // we do not understand is refused.
    if let Some(exts) = s.optional(ctx_cons(1), "singleExtensions")? {
        if has_critical(exts)? {
            return Err(OcspError::UnknownCriticalExtension);
        }
    }
    s.finish("SingleResponse")?;
    Ok(SingleResponse {
        cert_id: CertId {
            hash,
            name_hash,
            key_hash,
            serial,
        },
        status,
        this_update,
        next_update,
    })
}

/// The subject Name (whole TLV) and the subjectPublicKey bits of a DER certificate, as
/// they are written (RFC 5280 §4.1: version, serialNumber, signature, issuer, validity,
/// subject, subjectPublicKeyInfo).
fn subject_and_key(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut outer = Der::new(der);
    let mut cert = Der::new(outer.expect(TAG_SEQUENCE, "Certificate").ok()?);
    let mut tbs = Der::new(cert.expect(TAG_SEQUENCE, "TBSCertificate").ok()?);
    tbs.optional(ctx_cons(0), "version").ok()?;
    tbs.expect(TAG_INTEGER, "serialNumber").ok()?;
    tbs.expect(TAG_SEQUENCE, "signature").ok()?;
    tbs.expect(TAG_SEQUENCE, "issuer").ok()?;
    tbs.expect(TAG_SEQUENCE, "validity").ok()?;
    let (tag, _, subject) = tbs.read("subject").ok()?;
    let mut spki = Der::new(tbs.expect(TAG_SEQUENCE, "subjectPublicKeyInfo").ok()?);
    spki.expect(TAG_SEQUENCE, "algorithm").ok()?;
    let bits = match spki.expect(TAG_BIT_STRING, "subjectPublicKey").ok()? {
        [0, rest @ ..] => rest,
        _ => return None,
    };
    (tag == TAG_SEQUENCE).then_some((subject, bits))
}

fn has_critical(exts: &[u8]) -> Result<bool, OcspError> {
    let mut e = Der::new(exts);
    let mut list = Der::new(e.expect(TAG_SEQUENCE, "extensions")?);
    e.finish("extensions")?;
    let mut any = false;
    while !list.is_empty() {
        let mut ext = Der::new(list.expect(TAG_SEQUENCE, "Extension")?);
        ext.expect(TAG_OID, "extnID")?;
        if ext.optional(TAG_BOOLEAN, "critical")? == Some(&[0xff][..]) {
            any = true;
        }
        ext.expect(TAG_OCTET_STRING, "extnValue")?;
        ext.finish("Extension")?;
    }
    Ok(any)
}

/// An AlgorithmIdentifier's OID, with absent or NULL parameters only.
fn algorithm_oid(alg: &[u8]) -> Result<&[u8], OcspError> {
    let mut a = Der::new(alg);
    let oid = a.expect(TAG_OID, "algorithm")?;
    if !a.is_empty() {
        a.expect(TAG_NULL, "algorithm parameters")?;
    }
    a.finish("AlgorithmIdentifier")?;
    Ok(oid)
}

fn oid_text(oid: &[u8]) -> String {
    der::asn1::ObjectIdentifier::from_bytes(oid)
        .map(|o| o.to_string())
        .unwrap_or_else(|_| String::from("(malformed OID)"))
}

fn hash_algorithm(alg: &[u8]) -> Result<DigestAlgorithm, OcspError> {
    let oid = algorithm_oid(alg)?;
    Ok(match oid {
        OID_SHA1 => DigestAlgorithm::Sha1,
        OID_SHA256 => DigestAlgorithm::Sha256,
        OID_SHA384 => DigestAlgorithm::Sha384,
        OID_SHA512 => DigestAlgorithm::Sha512,
        OID_SHA224 => DigestAlgorithm::Sha224,
        OID_SHA3_224 => DigestAlgorithm::Sha3_224,
        OID_SHA3_256 => DigestAlgorithm::Sha3_256,
        OID_SHA3_384 => DigestAlgorithm::Sha3_384,
        OID_SHA3_512 => DigestAlgorithm::Sha3_512,
        _ => return Err(OcspError::UnsupportedAlgorithm { oid: oid_text(oid) }),
    })
}

fn hash_oid(hash: DigestAlgorithm) -> &'static [u8] {
    match hash {
        DigestAlgorithm::Sha1 => OID_SHA1,
        DigestAlgorithm::Sha256 => OID_SHA256,
        DigestAlgorithm::Sha384 => OID_SHA384,
        DigestAlgorithm::Sha512 => OID_SHA512,
        DigestAlgorithm::Sha224 => OID_SHA224,
        DigestAlgorithm::Sha3_224 => OID_SHA3_224,
        DigestAlgorithm::Sha3_256 => OID_SHA3_256,
        DigestAlgorithm::Sha3_384 => OID_SHA3_384,
        DigestAlgorithm::Sha3_512 => OID_SHA3_512,
    }
}

fn signature_algorithm(alg: &[u8]) -> Result<SignatureAlgorithm, OcspError> {
    // RSASSA-PSS carries its hash, mask and salt as parameters (RFC 4055 §3.1).
    let mut a = Der::new(alg);
    if oid_text(a.expect(TAG_OID, "algorithm")?) == "1.2.840.113549.1.1.10" {
        let ai = <x509_cert::spki::AlgorithmIdentifierOwned as der::Decode>::from_der(&tlv(
            TAG_SEQUENCE,
            alg,
        ))
        .map_err(|_| malformed("RSASSA-PSS parameters"))?;
        return super::cert::signature_algorithm_of(&ai).ok_or(
            OcspError::UnsupportedAlgorithm {
                oid: "RSASSA-PSS with parameters other than MGF1 over the same hash and a salt of its length".into(),
            },
        );
    }
    // ECDSA identifiers have no parameters; RSA PKCS#1 ones have NULL (RFC 4055, 5758).
    let oid = algorithm_oid(alg)?;
    let text = oid_text(oid);
    super::cert::cert_signature_algorithm(&text)
        .ok_or(OcspError::UnsupportedAlgorithm { oid: text })
}

/// `YYYYMMDDHHMMSSZ`, the only GeneralizedTime form RFC 5280 §4.1.2.5.2 allows.
fn generalized_time(v: &[u8]) -> Result<DateTime, OcspError> {
    let bad = || malformed("GeneralizedTime");
    if v.len() != 15 || v[14] != b'Z' || !v[..14].iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    let s = core::str::from_utf8(&v[..14]).map_err(|_| bad())?;
    let text = alloc::format!(
        "{}-{}-{}T{}:{}:{}Z",
        &s[0..4],
        &s[4..6],
        &s[6..8],
        &s[8..10],
        &s[10..12],
        &s[12..14]
    );
    DateTime::parse_rfc3339(&text).map_err(|_| bad())
}

// ---- a strict DER reader and writer -------------------------------------------------

/// Reads consecutive DER TLVs with one-byte tags (all OCSP needs).
struct Der<'a> {
    rest: &'a [u8],
}

impl<'a> Der<'a> {
    fn new(b: &'a [u8]) -> Self {
        Der { rest: b }
    }

    fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    fn finish(&self, what: &'static str) -> Result<(), OcspError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(malformed(what))
        }
    }

    fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// (tag, content, whole TLV).
    fn read(&mut self, what: &'static str) -> Result<(u8, &'a [u8], &'a [u8]), OcspError> {
        let b = self.rest;
        let bad = || malformed(what);
        let tag = *b.first().ok_or_else(bad)?;
        if tag & 0x1f == 0x1f {
            return Err(bad());
        }
        let l0 = *b.get(1).ok_or_else(bad)?;
        let (hdr, len) = if l0 < 0x80 {
            (2, usize::from(l0))
        } else {
            let n = usize::from(l0 & 0x7f);
            if n == 0 || n > 4 {
                return Err(bad());
            }
            let bytes = b.get(2..2 + n).ok_or_else(bad)?;
            if bytes[0] == 0 {
                return Err(bad());
            }
            let len = bytes.iter().fold(0usize, |a, &x| (a << 8) | usize::from(x));
            if len < 0x80 {
                return Err(bad());
            }
            (2 + n, len)
        };
        let end = hdr.checked_add(len).ok_or_else(bad)?;
        let whole = b.get(..end).ok_or_else(bad)?;
        self.rest = &b[end..];
        Ok((tag, &whole[hdr..], whole))
    }

    fn expect(&mut self, tag: u8, what: &'static str) -> Result<&'a [u8], OcspError> {
        let (t, content, _) = self.read(what)?;
        if t != tag {
            return Err(malformed(what));
        }
        Ok(content)
    }

    fn optional(&mut self, tag: u8, what: &'static str) -> Result<Option<&'a [u8]>, OcspError> {
        if self.peek_tag() == Some(tag) {
            self.expect(tag, what).map(Some)
        } else {
            Ok(None)
        }
    }
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(TAG_SEQUENCE, &parts.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_reader_refuses_non_minimal_lengths() {
        assert!(Der::new(&[0x04, 0x81, 0x01, 0x00]).read("x").is_err());
        assert!(Der::new(&[0x04, 0x80]).read("x").is_err());
        assert!(Der::new(&[0x04, 0x05, 0x00]).read("x").is_err());
        let (t, c, w) = Der::new(&[0x04, 0x01, 0x07]).read("x").unwrap();
        assert_eq!((t, c, w.len()), (0x04, &[7u8][..], 3));
    }

    #[test]
    fn tlv_writes_long_lengths() {
        let v = tlv(0x04, &[0u8; 300]);
        assert_eq!(&v[..4], &[0x04, 0x82, 0x01, 0x2c]);
        let mut d = Der::new(&v);
        assert_eq!(d.expect(0x04, "x").unwrap().len(), 300);
    }

    #[test]
    fn generalized_time_is_strict() {
        assert_eq!(
            generalized_time(b"20260601120000Z").unwrap(),
            DateTime::parse_rfc3339("2026-06-01T12:00:00Z").unwrap()
        );
        assert!(generalized_time(b"20260601120000.5Z").is_err());
        assert!(generalized_time(b"202606011200Z").is_err());
        assert!(generalized_time(b"20261301120000Z").is_err());
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
    }
}
