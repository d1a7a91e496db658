//! ETSI trusted lists (TS 119 612, and TS 102 231 whose namespace it shares): verifying
//! the XAdES signature under the trusted-list profile, reading what the list says, the
//! OpenNCP (epSOS / eHDSI) view of an NCP configuration list, and the mapping of such a
//! list to SMP service metadata.
//!
//! `verify` owns the signature profile, `model` the reading of a verified list, `openncp`
//! the NCP roles and the SMP mapping. Everything here is pure: the caller fetches the
//! list and writes the records.

mod model;
mod openncp;
mod verify;

pub use model::{
    DigitalId, LangString, OtherTslPointer, SchemeInformation, Service, ServiceProvider,
    TrustedList,
};
pub use openncp::{
    to_smp, NcpFace, NcpRole, OpenNcpList, OpenNcpService, SmpOutputFormat, SmpRecord,
    SVC_TYPE_PREFIX,
};
#[cfg(any(test, feature = "testing"))]
pub use verify::read_tsl_unverified;
pub use verify::{verify_tsl, verify_tsl_with, VerifiedTsl};

use alloc::string::String;
use core::fmt;

use crate::code::ErrorCode;
use crate::time::DateTime;

/// The trusted-list namespace of TS 119 612 and TS 102 231 v3.
pub const NS_TSL: &str = "http://uri.etsi.org/02231/v2#";
/// The XAdES 1.3.2 namespace (`SignedProperties`, `SigningCertificate`).
pub const NS_XADES: &str = "http://uri.etsi.org/01903/v1.3.2#";
/// The `Type` of the Reference to the XAdES `SignedProperties` (TS 101 903 §6.3.1).
pub(crate) const SIGNED_PROPERTIES_TYPE: &str = "http://uri.etsi.org/01903#SignedProperties";

/// Why a trusted list was refused.
///
/// Signature, certificate and XML problems are reported by their own layers; these are
/// the trusted-list profile's own refusals.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TslError {
    /// The document element is not a `TrustServiceStatusList` in [`NS_TSL`].
    UnknownDocument {
        /// `{namespace}local` of the document element.
        root: String,
    },
    /// A required element is missing or repeated, or a value is not of its type.
    Malformed {
        /// What is wrong, with the element's position where known.
        reason: String,
    },
    /// The signature is not the trusted-list profile's: exactly one `ds:Signature`, a
    /// child of the root; one Reference covering the root (`URI=""` or `#Id`, enveloped
    /// transform) and one covering the XAdES `SignedProperties` of that signature.
    SignatureProfile {
        /// What differs.
        reason: String,
    },
    /// No `SigningCertificate`/`SigningCertificateV2` entry of the signed properties has
    /// the digest of the certificate whose key verified the signature (XAdES §7.2.2).
    SigningCertificateMismatch,
    /// The list is past its `NextUpdate`, closed (no `NextUpdate` date), or issued after
    /// the verification time.
    Expired {
        /// Which of the three.
        reason: String,
    },
    /// The list is not an OpenNCP NCP configuration list (`Id="NCPConfiguration-CC"`
    /// with a two-letter country), so it has no SMP mapping.
    NotOpenNcp {
        /// What is missing.
        reason: String,
    },
    /// The Reference to the XAdES `SignedProperties` does not carry
    /// `Type="http://uri.etsi.org/01903#SignedProperties"`, or the Reference to the list does (TS 101 903 §6.3.1, EN 319 132-1 §6.3). The
    /// type is how a XAdES verifier tells the two apart; a list typed as its own
    /// properties is read one way by us and another way by other verifiers.
    SignedPropertiesType {
        /// Which Reference is wrong.
        reason: String,
    },
    /// The signed properties have no `SigningTime`. TS 119 612 §5.7 requires XAdES
    /// baseline B for trusted lists, whose `SigningTime` is mandatory (EN 319 132-1 §6.3,
    /// TS 103 171 §6.2.1).
    SigningTimeMissing,
    /// The signed `SigningTime` is after the verification time plus the policy's clock
    /// skew, or after the list's own `NextUpdate`: a list cannot have been signed in the
    /// future, nor after the date by which it promised to be replaced.
    SigningTimeInvalid {
        /// The `SigningTime`.
        signing_time: DateTime,
        /// What it is after.
        reason: String,
    },
}

impl TslError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            TslError::UnknownDocument { .. } => ErrorCode::TslUnknownDocument,
            TslError::Malformed { .. } => ErrorCode::TslMalformed,
            TslError::SignatureProfile { .. } => ErrorCode::TslSignatureProfile,
            TslError::SigningCertificateMismatch => ErrorCode::TslSigningCertificateMismatch,
            TslError::Expired { .. } => ErrorCode::TslExpired,
            TslError::NotOpenNcp { .. } => ErrorCode::TslNotOpenNcp,
            TslError::SignedPropertiesType { .. } => ErrorCode::TslSignedPropertiesType,
            TslError::SigningTimeMissing => ErrorCode::TslSigningTimeMissing,
            TslError::SigningTimeInvalid { .. } => ErrorCode::TslSigningTimeInvalid,
        }
    }
}

impl fmt::Display for TslError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TslError::UnknownDocument { root } => write!(
                f,
                "the document element is {root}, not an ETSI TrustServiceStatusList"
            ),
            TslError::Malformed { reason } => write!(f, "the trusted list is malformed: {reason}"),
            TslError::SignatureProfile { reason } => write!(
                f,
                "the signature is not a trusted-list XAdES signature: {reason}"
            ),
            TslError::SigningCertificateMismatch => f.write_str(
                "the signed SigningCertificate does not name the certificate that verified the signature",
            ),
            TslError::Expired { reason } => write!(f, "the trusted list is not current: {reason}"),
            TslError::NotOpenNcp { reason } => {
                write!(f, "not an OpenNCP NCP configuration list: {reason}")
            }
            TslError::SignedPropertiesType { reason } => write!(
                f,
                "the XAdES reference types are wrong: {reason}; the SignedProperties reference, and only it, must have Type=\"{SIGNED_PROPERTIES_TYPE}\""
            ),
            TslError::SigningTimeMissing => f.write_str(
                "the XAdES signed properties have no SigningTime; a trusted list must be signed as XAdES baseline B, which requires one",
            ),
            TslError::SigningTimeInvalid {
                signing_time,
                reason,
            } => write!(
                f,
                "the list claims to be signed at {signing_time}, {reason}; check the signer's clock or the verification time"
            ),
        }
    }
}

impl core::error::Error for TslError {}
