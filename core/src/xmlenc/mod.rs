//! XML Encryption 1.1 decryption, as SAML uses it: an `EncryptedAssertion`,
//! `EncryptedID` or `EncryptedAttribute` holds one `EncryptedData` (the element,
//! encrypted with a content key) and the `EncryptedKey` that carries that content key to
//! the relying party, by RSA-OAEP or by ECDH-ES key agreement and an AES key wrap.
//!
//! The caller's keys ([`DecryptionKey`]: [`Pkcs8Key`] in memory, or a PKCS#11 token in
//! the hosted layer) are the only keys that decrypt; what the message says of its
//! recipient only chooses among them. Every failure to decrypt gives one code and one
//! message ([`XmlEncError::DecryptionFailed`]), so the answers are no oracle; an
//! authenticated mode's tag is checked before the plaintext exists; the plaintext has its
//! own size limit ([`Decryptor::max_plaintext_bytes`]).

mod algorithm;
#[cfg(feature = "portable-decryption")]
mod bp512;
mod cipher;
#[cfg(feature = "fast")]
mod ecdh_fast;
mod key;
#[cfg(feature = "fast")]
mod oaep_fast;
mod read;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

pub use algorithm::{AgreementCurve, ContentAlgorithm, KeyAlgorithm, KeyWrap, OaepDigest};
pub use key::{DecryptionKey, KeyFailure, Pkcs8Key};
pub(crate) use read::{decrypt_element, parse_decrypted};

use crate::code::ErrorCode;

/// The keys that may decrypt, and the rules decryption follows.
pub struct Decryptor<'k> {
    keys: Vec<&'k dyn DecryptionKey>,
    /// Accept CBC and Triple-DES content encryption, which authenticate nothing (still
    /// the default of pysaml2 and samlify). Default: `false`. A result says when it was
    /// used.
    pub allow_legacy_content: bool,
    /// The most bytes one plaintext may have. Default: 1 MiB.
    pub max_plaintext_bytes: usize,
}

impl fmt::Debug for Decryptor<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Decryptor({} keys, legacy {}, max {} bytes)",
            self.keys.len(),
            self.allow_legacy_content,
            self.max_plaintext_bytes
        )
    }
}

impl<'k> Decryptor<'k> {
    /// A decryptor with `keys` and the defaults.
    pub fn new(keys: Vec<&'k dyn DecryptionKey>) -> Self {
        Decryptor {
            keys,
            allow_legacy_content: false,
            max_plaintext_bytes: 1 << 20,
        }
    }

    /// The keys.
    pub fn keys(&self) -> &[&'k dyn DecryptionKey] {
        &self.keys
    }
}

/// What decrypted one encrypted element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DecryptedPart {
    /// `EncryptedAssertion`, `EncryptedID` or `EncryptedAttribute`.
    pub element: &'static str,
    /// The content encryption.
    pub content: ContentAlgorithm,
    /// How the content key was carried.
    pub key: KeyAlgorithm,
}

/// Why encrypted content was not decrypted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlEncError {
    /// The content could not be decrypted with the caller's keys. Deliberately says no
    /// more.
    DecryptionFailed,
    /// `xmlenc#rsa-1_5` key transport.
    Rsa15Refused,
    /// CBC or Triple-DES content encryption without [`Decryptor::allow_legacy_content`].
    LegacyContentEncryption {
        /// The algorithm's short name.
        algorithm: &'static str,
    },
    /// An algorithm or feature not supported.
    UnsupportedAlgorithm {
        /// The URI or feature.
        what: String,
    },
    /// No caller key is the named recipient, or none is named.
    NoMatchingKey {
        /// What the message named.
        reason: String,
    },
    /// The encryption markup is broken.
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// The plaintext would exceed [`Decryptor::max_plaintext_bytes`].
    PlaintextTooLarge {
        /// The limit.
        limit: usize,
    },
    /// The key's store could not be used.
    KeyUnavailable {
        /// What the store said.
        reason: String,
    },
    /// A private key could not be read.
    BadKey {
        /// What is wrong.
        reason: String,
    },
}

impl XmlEncError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            XmlEncError::DecryptionFailed => ErrorCode::XmlEncDecryptionFailed,
            XmlEncError::Rsa15Refused => ErrorCode::XmlEncRsa15Refused,
            XmlEncError::LegacyContentEncryption { .. } => ErrorCode::XmlEncLegacyContentEncryption,
            XmlEncError::UnsupportedAlgorithm { .. } => ErrorCode::XmlEncUnsupportedAlgorithm,
            XmlEncError::NoMatchingKey { .. } => ErrorCode::XmlEncNoMatchingKey,
            XmlEncError::Malformed { .. } => ErrorCode::XmlEncMalformed,
            XmlEncError::PlaintextTooLarge { .. } => ErrorCode::XmlEncPlaintextTooLarge,
            XmlEncError::KeyUnavailable { .. } => ErrorCode::XmlEncKeyUnavailable,
            XmlEncError::BadKey { .. } => ErrorCode::XmlEncBadKey,
        }
    }
}

impl fmt::Display for XmlEncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlEncError::DecryptionFailed => {
                f.write_str("the encrypted content could not be decrypted with the relying party's keys")
            }
            XmlEncError::Rsa15Refused => f.write_str(
                "RSA PKCS#1 v1.5 key transport (xmlenc#rsa-1_5) is refused: its padding is an oracle",
            ),
            XmlEncError::LegacyContentEncryption { algorithm } => write!(
                f,
                "{algorithm} content encryption authenticates nothing; it needs allow_legacy_encryption"
            ),
            XmlEncError::UnsupportedAlgorithm { what } => write!(f, "not supported: {what}"),
            XmlEncError::NoMatchingKey { reason } => write!(f, "no decryption key: {reason}"),
            XmlEncError::Malformed { reason } => write!(f, "malformed encryption: {reason}"),
            XmlEncError::PlaintextTooLarge { limit } => {
                write!(f, "the plaintext would exceed {limit} bytes")
            }
            XmlEncError::KeyUnavailable { reason } => write!(f, "the key cannot be used: {reason}"),
            XmlEncError::BadKey { reason } => write!(f, "unusable decryption key: {reason}"),
        }
    }
}

impl core::error::Error for XmlEncError {}
