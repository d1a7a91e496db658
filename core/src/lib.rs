//! # trustmeta
//!
//! Verifies signed trust metadata and signed assertions — SMP records, SAML messages and
//! metadata, EMREX results, ETSI trusted lists — against trust anchors the caller names,
//! and returns only what was signed.
//!
//! Start with [`verify`]: bytes in, a [`TrustStore`], a [`Policy`] and the time `now`;
//! out comes a [`VerifiedDocument`] or an [`Error`] with a stable [`ErrorCode`].
//!
//! ```
//! use trustmeta::{verify, DateTime, Policy, TrustStore};
//! let store = TrustStore::from_pem(include_bytes!("../../tests/data/sample/signer.pem"))?;
//! let xml = include_bytes!("../../tests/data/sample/smp-signed.xml");
//! let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
//! let doc = verify(xml, &store, &Policy::default(), now)?;
//! println!("signed by {}", doc.report().signer.unwrap().subject());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The core is `no_std` + `alloc`, forbids `unsafe`, and does no I/O and reads no clock.
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `std`   | yes | `std::error::Error` for the error types |
//! | `fast`  | no  | the `ring` signature backend (`Fast`), used by [`verify`] when enabled |
//! | `defmt` | no  | `defmt::Format` for embedded logging |
//! | `testing` | no | readers that return unverified content, for tests, fuzzing and benchmarks |
//!
//! Security properties (each with a regression test): trust comes only from the
//! [`TrustStore`]; only signed content is returned, read through a [`SignedElement`] that
//! never enters a `ds:Signature`; one tokenizer reads every document, for the in-memory
//! tree and the streaming verifier alike, and one parse feeds canonicalization, digests
//! and results; references are same-document only and duplicate IDs are fatal;
//! SHA-1, RSA under 2048 bits and unknown algorithms are refused by default; DOCTYPEs are
//! refused; every failure is a typed error, never a panic.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod c14n;
mod code;
mod crypto;
mod dsig;
mod emrex;
mod encoding;
mod error;
mod metadata;
mod pki;
mod policy;
mod saml;
mod smp;
mod stream;
mod time;
mod tsl;
mod verified;
mod xml;
pub mod xmlenc;

pub use c14n::{C14nAlgorithm, C14nMethod};
#[cfg(feature = "fast")]
pub use crypto::Fast;
pub use crypto::{
    default_verifier, CryptoError, Curve, DigestAlgorithm, DigestValue, Hasher, KeyKind, Portable,
    PublicKey, SignatureAlgorithm, SignatureVerifier,
};
pub use dsig::SignedElement;
pub use dsig::{DsigError, MAX_TRANSFORMS};
pub use emrex::{
    decode_elmo_field, inflate_if_gzip, max_elmo_field_chars, parse_json, verify_elmo,
    verify_elmo_from, verify_elmo_from_with, verify_elmo_with, Country, Emreg, EmrexError, Json,
    JsonValue, Learner, Ncp, NcpChoice, ReturnCode, VerifiedElmo, DEFAULT_MAX_ELMO_BYTES,
    MAX_JSON_BYTES, MAX_JSON_DEPTH, NS_ELMO_OLD, NS_ELMO_V1,
};
pub use error::{Error, ErrorCode};
pub use metadata::{
    indexed_entity_signing_certificates, metadata_issuer_trust, metadata_issuer_trust_with,
    read_indexed_entity, verify_metadata, verify_metadata_auto, verify_metadata_auto_with,
    verify_metadata_with, ContactPerson, EntityInfo, EtoegangName, EtoegangRole, IndexedEntity,
    LocalizedName, MetadataEndpoint, MetadataError, MetadataProfile, MetadataStreamVerifier,
    MetadataSummary, VerifiedMetadata, ETOEGANG_GROUPS, ETOEGANG_TEST_GROUP, NS_MD, NS_MDRPI,
    STREAM_THRESHOLD, TRUST_ROLES,
};
pub use pki::{
    build_ocsp_request, private_key_form, verify_ocsp_response, verify_ocsp_response_with,
    Certificate, OcspError, OcspQuestion, OcspResponseStatus, OcspStatus, PkiError,
    RevocationReason, RevocationSource, TrustStore, VerifiedOcspResponse, MAX_CHAIN_LEN,
};
pub use policy::Policy;
pub use saml::{
    decode_post_binding, decrypt_assertion_unverified, response_issuers, verify_authn_request,
    verify_authn_request_redirect, verify_authn_request_redirect_with, verify_authn_request_with,
    verify_redirect_binding, verify_response, verify_response_with, AttributeStatus,
    AuthnStatement, IssuerTrust, MemoryReplayCache, NameId, RedirectMessage, RedirectMessageKind,
    ReplayCache, ReplayCheck, RequestExpectations, RequestedAttribute, ResponseExpectations,
    SamlAttribute, SamlError, SamlProfile, SignedBy, SignedParts, SpType, StatusCodes,
    StorkRequest, UnverifiedAssertion, VerifiedAssertion, VerifiedAuthnRequest, VerifiedResponse,
    MAX_POST_BYTES, MAX_RELAY_STATE_CHARS, NS_EIDAS, NS_SAML, NS_SAMLP, NS_STORK, NS_STORKP,
};
pub use smp::{
    bdxl_name, check_endpoint_certificates, check_endpoint_certificates_with, percent_encode,
    select_naptr, select_smp_naptr, sml_cname, smp1_url, smp2_url, verify_service_group,
    verify_service_group_with, verify_smp, verify_smp_extension_signatures,
    verify_smp_extension_signatures_with, verify_smp_redirect_target,
    verify_smp_redirect_target_with, verify_smp_with, DocumentId, Endpoint, EndpointCertificate,
    EndpointCertificateCheck, FilterReason, FilteredEndpoint, IdentifierPolicy, NaptrRecord,
    ParticipantId, ProcessId, Redirect, ServiceGroupQuestion, ServiceReference, SmpApi, SmpError,
    SmpQuestion, SmpService, SmpTrustAnchors, SmpVersion, VerifiedExtensionSignature,
    VerifiedServiceGroup, VerifiedServiceMetadata, EBCORE_PREFIX,
};
#[cfg(feature = "testing")]
pub use smp::{read_smp_unverified, UnverifiedSmp};
#[cfg(feature = "testing")]
pub use stream::canonicalize_stream;
pub use stream::{BlockHasher, BlockHasherFactory, StreamOutcome, StreamVerifier, StreamedRoot};
pub use time::{DateTime, Duration, TimeError};
#[cfg(feature = "testing")]
pub use tsl::read_tsl_unverified;
pub use tsl::{
    to_smp, verify_tsl, verify_tsl_with, DigitalId, LangString, NcpFace, NcpRole, OpenNcpList,
    OpenNcpService, OtherTslPointer, SchemeInformation, Service, ServiceProvider, SmpOutputFormat,
    SmpRecord, TrustedList, TslError, VerifiedTsl, NS_TSL, NS_XADES, SVC_TYPE_PREFIX,
};
pub use verified::{verify, verify_with, ReferenceReport, VerificationReport, VerifiedDocument};
pub use xml::{IdAttribute, Limits, Position, XmlError, GENERIC_ID_ATTRIBUTES, MAX_DEPTH};

/// Parses `xml` under `limits` and indexes its IDs as the generic profile does, returning
/// the number of nodes — for fuzzing the reader on its own (feature `testing`).
///
/// # Errors
/// [`Error::Xml`] for anything the reader refuses.
#[cfg(feature = "testing")]
pub fn parse_xml(xml: &[u8], limits: &Limits) -> Result<usize, Error> {
    let doc = xml::parse(xml, limits)?;
    xml::IdIndex::build(&doc, GENERIC_ID_ATTRIBUTES)?;
    Ok(doc.descendants().count())
}

/// Canonicalizes a whole document, or with a non-empty `subtree` the element reached from
/// the document element by that path of 1-based element-child indexes — for conformance
/// testing against other implementations (feature `testing`).
///
/// # Errors
/// [`Error::Xml`] when the document does not parse under `limits`.
#[cfg(feature = "testing")]
pub fn canonicalize_document(
    xml: &[u8],
    algorithm: C14nAlgorithm,
    inclusive_prefixes: &[alloc::string::String],
    subtree: &[usize],
    limits: &Limits,
) -> Result<alloc::vec::Vec<u8>, Error> {
    let doc = xml::parse(xml, limits)?;
    let mut node = if subtree.is_empty() {
        doc.root()
    } else {
        doc.root_element()
    };
    for &i in subtree {
        node = node
            .children()
            .filter(crate::xml::Node::is_element)
            .nth(i.saturating_sub(1))
            .ok_or(DsigError::ReferenceNotFound {
                id: alloc::format!("{subtree:?}"),
            })?;
    }
    let opts = c14n::Options {
        method: algorithm.method,
        with_comments: algorithm.with_comments,
        inclusive_prefixes,
    };
    Ok(c14n::canonicalize(node, opts, &[], alloc::vec::Vec::new()))
}
