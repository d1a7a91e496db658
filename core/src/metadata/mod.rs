//! SAML metadata: signed federation aggregates (`EntitiesDescriptor`) and single entities
//! (`EntityDescriptor`), verified in memory or — for large aggregates — streamed, with the
//! same result; `validUntil` and `cacheDuration` turned into an effective expiry; the
//! eToegang (Dutch eHerkenning/eToegang) aggregate profile as an opt-in check.
//!
//! The signature profile on both paths: exactly one `ds:Signature` that is the first
//! child element of the document element (where the metadata schema puts it), with one
//! Reference to the whole document (`URI=""` or the element's `#ID`), enveloped.
//! Signatures on entities inside are counted, not checked.

use alloc::string::String;
use core::fmt;

use crate::code::ErrorCode;
use crate::time::DateTime;

mod index;
mod model;
mod read;
mod verify;
pub use index::IndexedEntity;
pub use model::{EtoegangName, EtoegangRole, MetadataProfile, MetadataSummary, VerifiedMetadata};
pub use read::{read_indexed_entity, ContactPerson, EntityInfo, LocalizedName, MetadataEndpoint};
pub use verify::{
    indexed_entity_signing_certificates, metadata_issuer_trust, metadata_issuer_trust_with,
    verify_metadata, verify_metadata_auto, verify_metadata_auto_with, verify_metadata_with,
    MetadataStreamVerifier, STREAM_THRESHOLD,
};

/// The SAML 2.0 metadata namespace.
pub const NS_MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
/// The metadata registration and publication info namespace (`mdrpi`).
pub const NS_MDRPI: &str = "urn:oasis:names:tc:SAML:metadata:rpi";

/// The role groups of an eToegang aggregate (`urn:etoegang:role:<name>`), in order.
pub const ETOEGANG_GROUPS: [&str; 5] = [
    "Authenticatiediensten",
    "Machtigingenregisters",
    "Koppelregisters",
    "Interstelseldiensten",
    "Herkenningsmakelaars",
];
/// The optional group of (test) service providers.
pub const ETOEGANG_TEST_GROUP: &str = "Dienstverleners";

/// The role descriptors whose signing keys [`metadata_issuer_trust`] can turn into issuer
/// trust.
pub const TRUST_ROLES: &[&str] = &[
    "IDPSSODescriptor",
    "SPSSODescriptor",
    "AttributeAuthorityDescriptor",
    "AuthnAuthorityDescriptor",
    "PDPDescriptor",
];

/// Why metadata was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MetadataError {
    /// The document element is not an `EntitiesDescriptor` or `EntityDescriptor`.
    UnknownDocument {
        /// `{namespace}local` of the document element.
        root: String,
    },
    /// A value is not of its type (`validUntil`, `cacheDuration`, `creationInstant`).
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// `validUntil` has passed.
    Expired {
        /// The `validUntil` value.
        valid_until: DateTime,
    },
    /// The aggregate breaks the eToegang profile.
    Profile {
        /// What is wrong.
        reason: String,
    },
    /// A lookup needs the verified document, and this result of a streamed
    /// verification does not hold it: read the entity from the file with
    /// [`read_indexed_entity`].
    NotHeld,
}

impl MetadataError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            MetadataError::UnknownDocument { .. } => ErrorCode::MetadataUnknownDocument,
            MetadataError::Malformed { .. } => ErrorCode::MetadataMalformed,
            MetadataError::Expired { .. } => ErrorCode::MetadataExpired,
            MetadataError::Profile { .. } => ErrorCode::MetadataProfile,
            MetadataError::NotHeld => ErrorCode::MetadataNotHeld,
        }
    }
}

impl fmt::Display for MetadataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetadataError::UnknownDocument { root } => write!(
                f,
                "the document element is {root}, not SAML metadata (EntitiesDescriptor or EntityDescriptor)"
            ),
            MetadataError::Malformed { reason } => write!(f, "malformed metadata: {reason}"),
            MetadataError::Expired { valid_until } => {
                write!(f, "the metadata expired at its validUntil {valid_until}")
            }
            MetadataError::Profile { reason } => {
                write!(f, "the aggregate breaks the eToegang profile: {reason}")
            }
            MetadataError::NotHeld => f.write_str(
                "the metadata was verified as a stream and is not held: read entities from the verified file with read_indexed_entity",
            ),
        }
    }
}

impl core::error::Error for MetadataError {}
