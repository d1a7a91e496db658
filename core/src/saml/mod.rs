//! SAML 2.0 Web Browser SSO messages with the STORK 1.0 and eIDAS profiles: responses and
//! their assertions (the relying party's side), authentication requests (the identity
//! provider's side), and the HTTP-POST and HTTP-Redirect bindings that carry them.
//!
//! Signature wrapping is excluded by construction: a signature counts only where the
//! profile places it (a child of the Response, or of the one top-level Assertion), its
//! single Reference must select exactly the element that contains it, and everything
//! returned is read from that very node — never looked up again by ID. Duplicate IDs
//! anywhere fail closed.
//!
//! `response` verifies responses, `request` authentication requests, `binding` decodes
//! the bindings, `replay` holds the assertion-ID cache, `trust` maps issuers to keys and
//! `profile` the STORK/eIDAS presets. Everything is pure: the caller passes `now`.

mod binding;
mod profile;
mod read;
mod replay;
mod request;
mod response;
mod trust;

pub use binding::{
    decode_post_binding, verify_authn_request_redirect, verify_authn_request_redirect_with,
    verify_redirect_binding, RedirectMessage, RedirectMessageKind, MAX_POST_BYTES,
    MAX_RELAY_STATE_CHARS,
};
pub use profile::{SamlProfile, SignedParts};
pub use replay::{MemoryReplayCache, ReplayCache, ReplayCheck};
pub use request::{
    verify_authn_request, verify_authn_request_with, RequestExpectations, RequestedAttribute,
    SpType, StorkRequest, VerifiedAuthnRequest,
};
pub use response::{
    decrypt_assertion_unverified, response_issuers, verify_response, verify_response_with,
    AttributeStatus, AuthnStatement, NameId, ResponseExpectations, SamlAttribute, SignedBy,
    StatusCodes, UnverifiedAssertion, VerifiedAssertion, VerifiedResponse,
};
pub use trust::IssuerTrust;

use alloc::string::String;
use core::fmt;

use crate::code::ErrorCode;

/// SAML 2.0 assertion namespace.
pub const NS_SAML: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
/// SAML 2.0 protocol namespace.
pub const NS_SAMLP: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
/// STORK 1.0 assertion namespace.
pub const NS_STORK: &str = "urn:eu:stork:names:tc:STORK:1.0:assertion";
/// STORK 1.0 protocol namespace.
pub const NS_STORKP: &str = "urn:eu:stork:names:tc:STORK:1.0:protocol";
/// eIDAS SAML extensions namespace.
pub const NS_EIDAS: &str = "http://eidas.europa.eu/saml-extensions";
/// The `Success` status code.
pub(crate) const STATUS_SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";
/// The bearer subject confirmation method.
pub(crate) const CM_BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/// Why a SAML message was refused.
///
/// Signature, certificate and XML problems are reported by their own layers; these are
/// the SAML profile's own refusals.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SamlError {
    /// The document element is not the message the operation expects.
    UnknownDocument {
        /// `{namespace}local` of the document element.
        root: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A required element or attribute is missing or repeated, or a value is not of its
    /// type (a date, a boolean, `Version="2.0"`).
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// A signature is where the profile does not allow one, or does not cover exactly the
    /// element that contains it (one Reference to that element, enveloped).
    SignatureProfile {
        /// What differs.
        reason: String,
    },
    /// The profile requires a signature that is not there (the assertion is not covered
    /// by a verified signature, or the response or request is unsigned).
    Unsigned {
        /// What should have been signed.
        what: &'static str,
    },
    /// No trust anchor is configured for the message's issuer.
    UnknownIssuer {
        /// The issuer the message names.
        issuer: String,
    },
    /// The Response and its Assertion name different issuers.
    IssuerMismatch {
        /// The Response's issuer.
        response: String,
        /// The Assertion's issuer.
        assertion: String,
    },
    /// The Response's status is not `Success`.
    Status {
        /// The codes and message.
        status: StatusCodes,
        /// Whether a verified signature covered the status.
        signed: bool,
    },
    /// A successful Response must carry exactly one assertion.
    AssertionCount {
        /// How many top-level assertions it has.
        found: usize,
    },
    /// `Destination` is not the expected endpoint.
    DestinationMismatch {
        /// The value in the message.
        found: String,
    },
    /// `InResponseTo` does not name the request this response answers (or names one when
    /// none was sent).
    InResponseToMismatch {
        /// The value in the message, empty if missing.
        found: String,
    },
    /// A `NotBefore` (or the request's `IssueInstant`) is after `now` plus the skew.
    NotYetValid {
        /// Which time.
        what: &'static str,
        /// Its value.
        at: crate::time::DateTime,
    },
    /// A `NotOnOrAfter` (or the request's maximum age) has passed, beyond the skew.
    Expired {
        /// Which time.
        what: &'static str,
        /// Its value.
        at: crate::time::DateTime,
    },
    /// The audience restriction does not name this relying party.
    AudienceMismatch {
        /// The audiences the assertion allows.
        allowed: alloc::vec::Vec<String>,
    },
    /// No bearer `SubjectConfirmation` fits (Recipient, NotOnOrAfter, InResponseTo, no
    /// NotBefore).
    SubjectConfirmation {
        /// Why the last candidate did not fit.
        reason: String,
    },
    /// The assertion ID was seen before (the replay cache holds it).
    Replay {
        /// The assertion ID.
        id: String,
    },
    /// The replay cache could not say whether the assertion ID was seen before (its
    /// server unreachable, a timeout, a failing callback): the response is refused, since
    /// accepting it unchecked could accept a replay. Try again once the cache is back.
    ReplayCacheUnavailable {
        /// The assertion ID.
        id: String,
        /// What the cache said.
        reason: String,
    },
    /// The message carries an encrypted assertion or identifier, which this verifier
    /// does not decrypt.
    EncryptedUnsupported {
        /// The element found.
        element: &'static str,
    },
    /// The assertion has no `AuthnStatement` (required by Web Browser SSO).
    MissingAuthnStatement,
    /// An authentication request breaks a profile rule (ACS not https, ProviderName too
    /// long, QAA outside 1–4, SPType unknown …).
    RequestProfile {
        /// What is wrong.
        reason: String,
    },
    /// A binding's encoding is wrong: not base64, not DEFLATE, too large, RelayState too
    /// long, or a Redirect query missing its signature parameters.
    Binding {
        /// What is wrong.
        reason: String,
    },
    /// A bearer assertion without `Conditions`, or whose `Conditions` hold no
    /// `AudienceRestriction` (SAML profiles §4.1.4.2: a bearer assertion must be limited
    /// to its relying parties, or it is good for anyone who holds it).
    AudienceMissing,
    /// `Conditions` has a `NotBefore` that is not earlier than its `NotOnOrAfter` (SAML
    /// core §2.5.1.2): a window no instant is in.
    InvalidTimeWindow {
        /// `NotBefore`.
        not_before: crate::time::DateTime,
        /// `NotOnOrAfter`.
        not_on_or_after: crate::time::DateTime,
    },
    /// A condition this verifier does not understand (SAML core §2.5.1.5: the assertion
    /// is then not valid, whatever else holds).
    UnknownCondition {
        /// `{namespace}local` of the condition, with its `xsi:type` when it has one.
        condition: String,
    },
    /// An `Issuer` whose `Format` is not the entity format (SAML profiles §4.1.4.1–2:
    /// omitted, or `urn:oasis:names:tc:SAML:2.0:nameid-format:entity`).
    IssuerFormat {
        /// The `Format` given.
        format: String,
    },
}

impl SamlError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            SamlError::UnknownDocument { .. } => ErrorCode::SamlUnknownDocument,
            SamlError::Malformed { .. } => ErrorCode::SamlMalformed,
            SamlError::SignatureProfile { .. } => ErrorCode::SamlSignatureProfile,
            SamlError::Unsigned { .. } => ErrorCode::SamlUnsigned,
            SamlError::UnknownIssuer { .. } => ErrorCode::SamlUnknownIssuer,
            SamlError::IssuerMismatch { .. } => ErrorCode::SamlIssuerMismatch,
            SamlError::Status { .. } => ErrorCode::SamlStatus,
            SamlError::AssertionCount { .. } => ErrorCode::SamlAssertionCount,
            SamlError::DestinationMismatch { .. } => ErrorCode::SamlDestinationMismatch,
            SamlError::InResponseToMismatch { .. } => ErrorCode::SamlInResponseToMismatch,
            SamlError::NotYetValid { .. } => ErrorCode::SamlNotYetValid,
            SamlError::Expired { .. } => ErrorCode::SamlExpired,
            SamlError::AudienceMismatch { .. } => ErrorCode::SamlAudienceMismatch,
            SamlError::SubjectConfirmation { .. } => ErrorCode::SamlSubjectConfirmation,
            SamlError::Replay { .. } => ErrorCode::SamlReplay,
            SamlError::EncryptedUnsupported { .. } => ErrorCode::SamlEncryptedUnsupported,
            SamlError::MissingAuthnStatement => ErrorCode::SamlMissingAuthnStatement,
            SamlError::RequestProfile { .. } => ErrorCode::SamlRequestProfile,
            SamlError::Binding { .. } => ErrorCode::SamlBinding,
            SamlError::AudienceMissing => ErrorCode::SamlAudienceMissing,
            SamlError::InvalidTimeWindow { .. } => ErrorCode::SamlInvalidTimeWindow,
            SamlError::UnknownCondition { .. } => ErrorCode::SamlUnknownCondition,
            SamlError::IssuerFormat { .. } => ErrorCode::SamlIssuerFormat,
            SamlError::ReplayCacheUnavailable { .. } => ErrorCode::SamlReplayCacheUnavailable,
        }
    }
}

impl fmt::Display for SamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SamlError::UnknownDocument { root, expected } => {
                write!(f, "the document element is {root}, not a SAML {expected}")
            }
            SamlError::Malformed { reason } => write!(f, "malformed SAML message: {reason}"),
            SamlError::SignatureProfile { reason } => {
                write!(
                    f,
                    "the signature is not where or what the SAML profile allows: {reason}"
                )
            }
            SamlError::Unsigned { what } => write!(f, "{what} is not signed"),
            SamlError::UnknownIssuer { issuer } => {
                write!(f, "no trust anchor is configured for the issuer {issuer:?}")
            }
            SamlError::IssuerMismatch {
                response,
                assertion,
            } => write!(
                f,
                "the Response is issued by {response:?} but its Assertion by {assertion:?}"
            ),
            SamlError::Status { status, signed } => write!(
                f,
                "the identity provider answered {}{}{} ({})",
                status.top,
                status
                    .second
                    .as_deref()
                    .map(|s| alloc::format!(" / {s}"))
                    .unwrap_or_default(),
                status
                    .message
                    .as_deref()
                    .map(|m| alloc::format!(": {m}"))
                    .unwrap_or_default(),
                if *signed { "signed" } else { "not signed" }
            ),
            SamlError::AssertionCount { found } => write!(
                f,
                "a successful Response must contain exactly 1 assertion, this one has {found}"
            ),
            SamlError::DestinationMismatch { found } => write!(
                f,
                "the message is addressed to {found:?}, not this endpoint"
            ),
            SamlError::InResponseToMismatch { found } if found.is_empty() => f.write_str(
                "the response does not say which request it answers (InResponseTo missing)",
            ),
            SamlError::InResponseToMismatch { found } => write!(
                f,
                "the response answers request {found:?}, not the one sent"
            ),
            SamlError::NotYetValid { what, at } => {
                write!(
                    f,
                    "not yet valid: {what} is {at}, after now plus the allowed skew"
                )
            }
            SamlError::Expired { what, at } => {
                write!(
                    f,
                    "expired: {what} was {at}, before now minus the allowed skew"
                )
            }
            SamlError::AudienceMismatch { allowed } => write!(
                f,
                "the assertion is for {allowed:?}, not this relying party"
            ),
            SamlError::SubjectConfirmation { reason } => {
                write!(f, "no bearer subject confirmation fits: {reason}")
            }
            SamlError::Replay { id } => write!(f, "assertion {id:?} was already used (replay)"),
            SamlError::ReplayCacheUnavailable { id, reason } => write!(
                f,
                "the replay cache is unavailable ({reason}), so assertion {id:?} is refused unchecked; retry once the cache answers again"
            ),
            SamlError::EncryptedUnsupported { element } => write!(
                f,
                "the message carries an {element}; decrypt it before verification"
            ),
            SamlError::MissingAuthnStatement => f.write_str("the assertion has no AuthnStatement"),
            SamlError::RequestProfile { reason } => {
                write!(f, "the authentication request breaks the profile: {reason}")
            }
            SamlError::Binding { reason } => write!(f, "bad SAML binding encoding: {reason}"),
            SamlError::AudienceMissing => f.write_str(
                "the bearer assertion names no audience (no Conditions/AudienceRestriction): it would be good for any relying party",
            ),
            SamlError::InvalidTimeWindow {
                not_before,
                not_on_or_after,
            } => write!(
                f,
                "the assertion's NotBefore {not_before} is not earlier than its NotOnOrAfter {not_on_or_after}"
            ),
            SamlError::UnknownCondition { condition } => write!(
                f,
                "the assertion has a condition this verifier does not understand ({condition}); such an assertion is not valid"
            ),
            SamlError::IssuerFormat { format } => write!(
                f,
                "the Issuer has Format {format:?}; an identity provider's issuer is an entity ID (no Format, or the entity format)"
            ),
        }
    }
}

impl core::error::Error for SamlError {}
