//! Errors: one enum per layer, one stable code per refusal.
//!
//! Every layer's error maps onto an [`ErrorCode`]. The codes are the contract shared by
//! the Rust, C, Python and JavaScript APIs and by the CLI's `--json` output: a code may be
//! added, never renamed or reused. `error-codes.txt` beside `Cargo.toml` is the committed
//! list and a test keeps the two equal.

use core::fmt;

pub use crate::code::ErrorCode;

use crate::crypto::CryptoError;
use crate::dsig::DsigError;
use crate::emrex::EmrexError;
use crate::metadata::MetadataError;
use crate::pki::{OcspError, PkiError};
use crate::saml::SamlError;
use crate::smp::SmpError;
use crate::tsl::TslError;
use crate::xml::XmlError;
use crate::xmlenc::XmlEncError;

/// Any error trustmeta reports, by layer.
///
/// Match on the layer for details, or call [`Error::code`] for the stable code.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Reading the XML failed or hit a limit.
    Xml(XmlError),
    /// The signature's structure, references or transforms were refused or did not match.
    Dsig(DsigError),
    /// The signature value or key was refused by the cryptography.
    Crypto(CryptoError),
    /// The signer is not trusted or a certificate is unusable.
    Pki(PkiError),
    /// A date/time value is malformed.
    Time(crate::time::TimeError),
    /// An SMP document or identifier was refused by the SMP profile.
    Smp(SmpError),
    /// An EMREG list, `elmo` field or ELMO file was refused by the EMREX profile.
    Emrex(EmrexError),
    /// An OCSP response was refused, or says the certificate is not good.
    Ocsp(OcspError),
    /// An ETSI trusted list was refused by the trusted-list profile.
    Tsl(TslError),
    /// A SAML message was refused by the SAML, STORK or eIDAS profile.
    Saml(SamlError),
    /// SAML metadata was refused (another document, expired, or outside its profile).
    Metadata(MetadataError),
    /// Encrypted content could not be decrypted, or its markup was refused.
    XmlEnc(XmlEncError),
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Xml(e) => e.code(),
            Error::Dsig(e) => e.code(),
            Error::Crypto(e) => e.code(),
            Error::Pki(e) => e.code(),
            Error::Time(_) => ErrorCode::TimeBadValue,
            Error::Smp(e) => e.code(),
            Error::Emrex(e) => e.code(),
            Error::Ocsp(e) => e.code(),
            Error::Tsl(e) => e.code(),
            Error::Saml(e) => e.code(),
            Error::Metadata(e) => e.code(),
            Error::XmlEnc(e) => e.code(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Xml(e) => e.fmt(f),
            Error::Dsig(e) => e.fmt(f),
            Error::Crypto(e) => e.fmt(f),
            Error::Pki(e) => e.fmt(f),
            Error::Time(e) => e.fmt(f),
            Error::Smp(e) => e.fmt(f),
            Error::Emrex(e) => e.fmt(f),
            Error::Ocsp(e) => e.fmt(f),
            Error::Tsl(e) => e.fmt(f),
            Error::Saml(e) => e.fmt(f),
            Error::Metadata(e) => e.fmt(f),
            Error::XmlEnc(e) => e.fmt(f),
        }
    }
}

// `core::error::Error` (Rust 1.81) lets `no_std` callers use `?` into their own error
// types too; with `std` it is the same trait as `std::error::Error`.
impl core::error::Error for Error {}

impl From<XmlEncError> for Error {
    fn from(e: XmlEncError) -> Self {
        Error::XmlEnc(e)
    }
}
impl From<XmlError> for Error {
    fn from(e: XmlError) -> Self {
        Error::Xml(e)
    }
}
impl From<DsigError> for Error {
    fn from(e: DsigError) -> Self {
        Error::Dsig(e)
    }
}
impl From<CryptoError> for Error {
    fn from(e: CryptoError) -> Self {
        Error::Crypto(e)
    }
}
impl From<PkiError> for Error {
    fn from(e: PkiError) -> Self {
        Error::Pki(e)
    }
}
impl From<crate::time::TimeError> for Error {
    fn from(e: crate::time::TimeError) -> Self {
        Error::Time(e)
    }
}

impl From<SmpError> for Error {
    fn from(e: SmpError) -> Self {
        Error::Smp(e)
    }
}

impl From<EmrexError> for Error {
    fn from(e: EmrexError) -> Self {
        Error::Emrex(e)
    }
}

impl From<OcspError> for Error {
    fn from(e: OcspError) -> Self {
        Error::Ocsp(e)
    }
}

impl From<TslError> for Error {
    fn from(e: TslError) -> Self {
        Error::Tsl(e)
    }
}

impl From<SamlError> for Error {
    fn from(e: SamlError) -> Self {
        Error::Saml(e)
    }
}

impl From<MetadataError> for Error {
    fn from(e: MetadataError) -> Self {
        Error::Metadata(e)
    }
}
