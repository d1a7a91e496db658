//! SMP: service metadata (OASIS SMP 1.0 and 2.0, the BDXR 2014/07 draft, PEPPOL busdox),
//! the identifiers it is asked about, and the DNS names and URLs used to find it.
//!
//! Reading is in `document`, the verification profile (which signature counts, binding
//! to the question, endpoint dates, redirects) in `verify`, identifiers and request URLs
//! in `id`, and DNS names in `name`. Everything here is pure: the caller resolves DNS and
//! fetches documents.

mod id;
mod name;
mod read;
mod trust;
mod verify;

pub use id::{
    percent_encode, smp1_url, smp2_url, DocumentId, IdentifierPolicy, ParticipantId, ProcessId,
    EBCORE_PREFIX,
};
pub use name::{
    bdxl_name, select_naptr, select_smp_naptr, sml_cname, NaptrRecord, SmpApi, SmpService,
};
pub use read::{
    Endpoint, EndpointCertificate, FilterReason, FilteredEndpoint, Redirect, ServiceReference,
    SmpVersion,
};
pub use trust::{
    check_endpoint_certificates, check_endpoint_certificates_with, EndpointCertificateCheck,
    SmpTrustAnchors,
};
pub use verify::{
    verify_service_group, verify_service_group_with, verify_smp, verify_smp_extension_signatures,
    verify_smp_extension_signatures_with, verify_smp_redirect_target,
    verify_smp_redirect_target_with, verify_smp_with, ServiceGroupQuestion, SmpQuestion,
    VerifiedExtensionSignature, VerifiedServiceGroup, VerifiedServiceMetadata,
};

#[doc(hidden)]
#[cfg(any(test, feature = "testing"))]
pub use read::{read_smp_unverified, UnverifiedSmp};

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::code::ErrorCode;

/// Why an SMP document or identifier was refused.
///
/// Signature, certificate and XML problems are reported by their own layers
/// ([`DsigError`](crate::DsigError), [`PkiError`](crate::PkiError),
/// [`XmlError`](crate::XmlError)); these are the SMP profile's own refusals.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SmpError {
    /// The document element is not an SMP ServiceGroup, SignedServiceMetadata or
    /// ServiceMetadata of a supported namespace (OASIS SMP 1.0 §3, SMP 2.0 §5, PEPPOL
    /// SMP 1.x, BDXR 2014/07), or not the kind the operation expects.
    UnknownDocument {
        /// `{namespace}local` of the document element.
        root: String,
    },
    /// A required element is missing, repeated or empty, or elements that exclude each
    /// other are both present (ServiceInformation and Redirect).
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// An identifier is empty or does not parse as `scheme::value`.
    BadIdentifier {
        /// The text.
        text: String,
    },
    /// An activation or expiration date is not an `xs:dateTime` or `xs:date`.
    BadDate {
        /// The element's local name.
        element: String,
        /// The text.
        value: String,
    },
    /// An endpoint or redirect certificate is not valid base64.
    BadEndpointCertificate {
        /// The endpoint's address or the redirect's target.
        endpoint: String,
    },
    /// The root-level signature is not the SMP profile's: one `Reference URI=""`, the
    /// enveloped transform and at most one canonicalization (exclusive, inclusive 1.0 or
    /// 1.1), as the last child of the document element (OASIS SMP 1.0 §3.6.2, SMP 2.0
    /// §7.1).
    SignatureProfile {
        /// What differs.
        reason: String,
    },
    /// The signed record is for another participant than the one asked for: a replayed
    /// or misrouted record.
    ParticipantMismatch {
        /// The participant asked for.
        asked: String,
        /// The participant in the signed record.
        found: String,
    },
    /// The signed record is for another document type than the one asked for.
    DocumentMismatch {
        /// The document identifier asked for.
        asked: String,
        /// The document identifier in the signed record.
        found: String,
    },
    /// The signed record has no entry for the process asked for.
    ProcessMismatch {
        /// The process identifier asked for.
        asked: String,
    },
    /// The signed record has no endpoint with the transport profile asked for.
    TransportProfileNotFound {
        /// The transport profile asked for.
        asked: String,
    },
    /// Every endpoint matching the question is outside its activation/expiration window
    /// at the verification time.
    NoActiveEndpoint {
        /// The transport profile asked for, if any.
        transport_profile: Option<String>,
        /// Why each matching endpoint was left out.
        reasons: Vec<FilterReason>,
    },
    /// The redirect target is not signed by the certificate the redirect names
    /// (`CertificateUID` in SMP 1.0, `Certificate` in SMP 2.0).
    RedirectSignerMismatch {
        /// What the redirect named.
        expected: String,
        /// The target's signer.
        found: String,
    },
    /// A redirect target redirects again; one redirect at most is followed (OASIS SMP
    /// 1.0 §3.5.1).
    DoubleRedirect {
        /// Where the second redirect points.
        href: String,
    },
}

impl SmpError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            SmpError::UnknownDocument { .. } => ErrorCode::SmpUnknownDocument,
            SmpError::Malformed { .. } => ErrorCode::SmpMalformed,
            SmpError::BadIdentifier { .. } => ErrorCode::SmpBadIdentifier,
            SmpError::BadDate { .. } => ErrorCode::SmpBadDate,
            SmpError::BadEndpointCertificate { .. } => ErrorCode::SmpBadEndpointCertificate,
            SmpError::SignatureProfile { .. } => ErrorCode::SmpSignatureProfile,
            SmpError::ParticipantMismatch { .. } => ErrorCode::SmpParticipantMismatch,
            SmpError::DocumentMismatch { .. } => ErrorCode::SmpDocumentMismatch,
            SmpError::ProcessMismatch { .. } => ErrorCode::SmpProcessMismatch,
            SmpError::TransportProfileNotFound { .. } => ErrorCode::SmpTransportProfileNotFound,
            SmpError::NoActiveEndpoint { .. } => ErrorCode::SmpNoActiveEndpoint,
            SmpError::RedirectSignerMismatch { .. } => ErrorCode::SmpRedirectSignerMismatch,
            SmpError::DoubleRedirect { .. } => ErrorCode::SmpDoubleRedirect,
        }
    }
}

impl fmt::Display for SmpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmpError::UnknownDocument { root } => write!(
                f,
                "the document element {root} is not an SMP document of the expected kind; check the URL and that the server speaks SMP 1.0, 2.0 or PEPPOL busdox"
            ),
            SmpError::Malformed { reason } => write!(f, "malformed SMP document: {reason}"),
            SmpError::BadIdentifier { text } => write!(
                f,
                "{text:?} is not an identifier; write it as scheme::value (e.g. iso6523-actorid-upis::0088:123)"
            ),
            SmpError::BadDate { element, value } => write!(
                f,
                "{element} {value:?} is not a date; the SMP server publishes a broken record"
            ),
            SmpError::BadEndpointCertificate { endpoint } => write!(
                f,
                "the certificate published for {endpoint} is not valid base64; do not send to this endpoint"
            ),
            SmpError::SignatureProfile { reason } => write!(
                f,
                "the SMP signature does not follow the SMP profile ({reason}); the record cannot be trusted"
            ),
            SmpError::ParticipantMismatch { asked, found } => write!(
                f,
                "the signed record is for participant {found}, not {asked}: a replayed or misrouted record, do not use it"
            ),
            SmpError::DocumentMismatch { asked, found } => write!(
                f,
                "the signed record is for document type {found}, not {asked}: a replayed or misrouted record, do not use it"
            ),
            SmpError::ProcessMismatch { asked } => write!(
                f,
                "the signed record has no entry for process {asked}; the participant does not support it"
            ),
            SmpError::TransportProfileNotFound { asked } => write!(
                f,
                "the signed record has no endpoint with transport profile {asked}; the participant cannot receive over it"
            ),
            SmpError::NoActiveEndpoint { transport_profile, reasons } => {
                write!(f, "no endpoint")?;
                if let Some(tp) = transport_profile {
                    write!(f, " for {tp}")?;
                }
                write!(f, " is active at the verification time")?;
                if let Some(r) = reasons.first() {
                    write!(f, " ({r})")?;
                }
                f.write_str("; ask the participant to renew its registration")
            }
            SmpError::RedirectSignerMismatch { expected, found } => write!(
                f,
                "the redirect target is signed by {found}, but the redirect names {expected}: do not follow it"
            ),
            SmpError::DoubleRedirect { href } => write!(
                f,
                "the redirect target redirects again (to {href}); only one redirect is followed"
            ),
        }
    }
}

impl core::error::Error for SmpError {}
