//! XML-DSig: reading a `ds:Signature`, dereferencing its same-document References,
//! applying allowlisted transforms and checking digests and the signature value.

pub(crate) mod model;
pub(crate) mod verify;
mod view;

pub use model::MAX_TRANSFORMS;
pub(crate) use model::NS_DS;
pub(crate) use verify::{verify_signature, SignatureOutcome};
pub use view::SignedElement;
pub(crate) use view::{
    accepted_unsigned, decrypted_under_signature, encrypted_unsigned, reread_verified,
    signed_by_binding, Shape, Unverified,
};

use alloc::string::String;
use core::fmt;

use crate::code::ErrorCode;
use crate::pki::PkiError;

/// Why a signature's structure, references, transforms or digests were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DsigError {
    /// The document holds no `ds:Signature`.
    MissingSignature,
    /// More `ds:Signature` elements than the profile accepts.
    TooManySignatures {
        /// How many were found.
        found: usize,
        /// How many the profile accepts.
        limit: usize,
    },
    /// The Signature does not follow the XML-DSig schema (XML-DSig 1.1 §4).
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// A base64 element does not decode.
    BadBase64 {
        /// The element's local name.
        element: String,
    },
    /// A certificate in `KeyInfo` does not parse.
    KeyInfoCertificate(PkiError),
    /// A Reference URI other than `""`, `#id`, `#xpointer(/)` or `#xpointer(id('id'))`:
    /// external and other URIs are never fetched (invariant 4).
    UnsupportedReferenceUri {
        /// The URI.
        uri: String,
    },
    /// No element carries the referenced ID.
    ReferenceNotFound {
        /// The ID.
        id: String,
    },
    /// A transform outside the allowlist (XPath, XSLT, Base64, …), or a transform after
    /// canonicalization.
    UnsupportedTransform {
        /// The transform's Algorithm URI.
        uri: String,
    },
    /// A canonicalization method other than C14N 1.0/1.1 and Exclusive C14N.
    UnsupportedCanonicalization {
        /// The URI.
        uri: String,
    },
    /// A digest method other than SHA-1, SHA-2 and SHA-3 (MD5 included).
    UnsupportedDigest {
        /// The URI.
        uri: String,
    },
    /// A signature method other than RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA and Ed25519
    /// (DSA, HMAC and MD5 included).
    UnsupportedSignatureMethod {
        /// The URI.
        uri: String,
    },
    /// The digest of a Reference does not match (XML-DSig §3.2.1): the signed content
    /// was changed.
    DigestMismatch {
        /// The Reference's URI.
        uri: String,
    },
    /// More References or Transforms than the policy allows.
    TooManyReferences {
        /// The limit.
        limit: usize,
    },
    /// An algorithm the policy refuses (SHA-1 without `allow_sha1`, for instance).
    AlgorithmRefused {
        /// The algorithm's URI.
        uri: String,
    },
    /// The signature does not cover the element the profile requires.
    WrongReferenceTarget {
        /// What was expected.
        expected: String,
    },
    /// A SignedInfo without Reference.
    NoReferences,
    /// A `ds:Object` in a signature whose profile has no use for one (SAML, SMP,
    /// metadata, ELMO): content inside a signature is never what a profile reads, so a
    /// place to hide content is refused outright.
    ObjectRefused,
    /// No trusted key is the one `KeyInfo` names, or no trusted key fits the signature
    /// method: the key was not found, which says nothing about the signed data.
    NoMatchingKey {
        /// What was looked for: the hints of `KeyInfo`, or the kind of key.
        looked_for: String,
    },
    /// A Reference covers a `ds:Manifest`, whose own References XML-DSig leaves to the
    /// application: the profile expects none, so it is refused rather than presented as
    /// signed content.
    ManifestRefused {
        /// The Reference's URI.
        uri: String,
    },
}

impl DsigError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            DsigError::MissingSignature => ErrorCode::DsigMissingSignature,
            DsigError::TooManySignatures { .. } => ErrorCode::DsigTooManySignatures,
            DsigError::Malformed { .. } => ErrorCode::DsigMalformed,
            DsigError::BadBase64 { .. } => ErrorCode::DsigBadBase64,
            DsigError::KeyInfoCertificate(e) => e.code(),
            DsigError::UnsupportedReferenceUri { .. } => ErrorCode::DsigUnsupportedReferenceUri,
            DsigError::ReferenceNotFound { .. } => ErrorCode::DsigReferenceNotFound,
            DsigError::UnsupportedTransform { .. } => ErrorCode::DsigUnsupportedTransform,
            DsigError::UnsupportedCanonicalization { .. } => {
                ErrorCode::DsigUnsupportedCanonicalization
            }
            DsigError::UnsupportedDigest { .. } => ErrorCode::DsigUnsupportedDigest,
            DsigError::UnsupportedSignatureMethod { .. } => {
                ErrorCode::DsigUnsupportedSignatureMethod
            }
            DsigError::DigestMismatch { .. } => ErrorCode::DsigDigestMismatch,
            DsigError::TooManyReferences { .. } => ErrorCode::DsigTooManyReferences,
            DsigError::AlgorithmRefused { .. } => ErrorCode::DsigAlgorithmRefused,
            DsigError::WrongReferenceTarget { .. } => ErrorCode::DsigWrongReferenceTarget,
            DsigError::NoReferences => ErrorCode::DsigNoReferences,
            DsigError::ObjectRefused => ErrorCode::DsigObjectRefused,
            DsigError::NoMatchingKey { .. } => ErrorCode::DsigNoMatchingKey,
            DsigError::ManifestRefused { .. } => ErrorCode::DsigManifestRefused,
        }
    }
}

impl fmt::Display for DsigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DsigError::MissingSignature => {
                f.write_str("the document is not signed: no ds:Signature element")
            }
            DsigError::TooManySignatures { found, limit } => {
                write!(f, "{found} ds:Signature elements found where at most {limit} is accepted; use the verifier of the document's profile")
            }
            DsigError::Malformed { reason } => write!(f, "malformed signature: {reason}"),
            DsigError::BadBase64 { element } => write!(f, "ds:{element} is not valid base64"),
            DsigError::KeyInfoCertificate(e) => {
                write!(f, "a certificate in ds:KeyInfo is unusable: {e}")
            }
            DsigError::UnsupportedReferenceUri { uri } => {
                write!(f, "the Reference URI {uri:?} is not a same-document reference; only \"\", \"#id\" and #xpointer(/ or id()) are followed")
            }
            DsigError::ReferenceNotFound { id } => {
                write!(f, "no element has the ID {id:?} that a Reference points to")
            }
            DsigError::UnsupportedTransform { uri } => {
                write!(f, "the transform {uri} is not supported (only enveloped-signature and canonicalization, in that order)")
            }
            DsigError::UnsupportedCanonicalization { uri } => {
                write!(f, "the canonicalization method {uri} is not supported")
            }
            DsigError::UnsupportedDigest { uri } => {
                write!(f, "the digest method {uri} is not supported")
            }
            DsigError::UnsupportedSignatureMethod { uri } => {
                write!(f, "the signature method {uri} is not supported (RSA, RSA-PSS, ECDSA and Ed25519 with SHA-2, and RSA-PSS and ECDSA with SHA-3 are)")
            }
            DsigError::DigestMismatch { uri } => write!(
                f,
                "the content referenced by {uri:?} was changed after signing (digest mismatch)"
            ),
            DsigError::TooManyReferences { limit } => {
                write!(f, "more than {limit} references or transforms")
            }
            DsigError::AlgorithmRefused { uri } => {
                write!(f, "the algorithm {uri} is refused by the policy (SHA-1 needs allow_sha1, and the result then reports it)")
            }
            DsigError::WrongReferenceTarget { expected } => {
                write!(f, "the signature does not cover {expected}")
            }
            DsigError::NoReferences => f.write_str("ds:SignedInfo has no ds:Reference"),
            DsigError::ObjectRefused => f.write_str(
                "the signature carries a ds:Object, which this document's profile does not use; nothing inside a signature is read as content",
            ),
            DsigError::NoMatchingKey { looked_for } => write!(
                f,
                "no trusted key is the signer's ({looked_for}): add that key, its certificate or its CA to the trust store"
            ),
            DsigError::ManifestRefused { uri } => write!(
                f,
                "the Reference {uri:?} covers a ds:Manifest, whose own references are not checked; this profile does not accept one"
            ),
        }
    }
}

impl core::error::Error for DsigError {}
