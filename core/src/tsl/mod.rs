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

/// The trusted-list namespace of TS 119 612 and TS 102 231 v3.
pub const NS_TSL: &str = "http://uri.etsi.org/02231/v2#";
/// The XAdES 1.3.2 namespace (`SignedProperties`, `SigningCertificate`).
pub const NS_XADES: &str = "http://uri.etsi.org/01903/v1.3.2#";

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
        }
    }
}

impl core::error::Error for TslError {}
