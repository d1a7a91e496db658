//! Reading SMP documents of every flavour into owned values: lenient where servers are
//! sloppy (whitespace around values, CRs inside base64, dates with or without a zone),
//! strict where it matters (one participant, one document type, ServiceInformation or
//! Redirect, never both).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use super::{DocumentId, ParticipantId, ProcessId, SmpError};
use crate::dsig::{Shape, SignedElement, Unverified};
use crate::encoding::decode_base64;
use crate::pki::{Certificate, PkiError};
use crate::time::DateTime;

/// Records are read only through the signed view.
type Node<'a, 'x> = SignedElement<'a, 'x>;

pub(crate) const NS_BUSDOX: &str = "http://busdox.org/serviceMetadata/publishing/1.0/";
const NS_BUSDOX_IDS: &str = "http://busdox.org/transport/identifiers/1.0/";
const NS_WSA: &str = "http://www.w3.org/2005/08/addressing";
pub(crate) const NS_BDXR_2014: &str = "http://docs.oasis-open.org/bdxr/ns/SMP/2014/07";
pub(crate) const NS_SMP1: &str = "http://docs.oasis-open.org/bdxr/ns/SMP/2016/05";
pub(crate) const NS_SMP2_GROUP: &str = "http://docs.oasis-open.org/bdxr/ns/SMP/2/ServiceGroup";
pub(crate) const NS_SMP2_METADATA: &str =
    "http://docs.oasis-open.org/bdxr/ns/SMP/2/ServiceMetadata";
const NS_SMA: &str = "http://docs.oasis-open.org/bdxr/ns/SMP/2/AggregateComponents";
const NS_SMB: &str = "http://docs.oasis-open.org/bdxr/ns/SMP/2/BasicComponents";

/// Which SMP specification a document follows, told by its namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SmpVersion {
    /// PEPPOL SMP 1.x (`http://busdox.org/serviceMetadata/publishing/1.0/`).
    PeppolBusdox,
    /// The OASIS BDXR draft of 2014 (`http://docs.oasis-open.org/bdxr/ns/SMP/2014/07`).
    Bdxr2014,
    /// OASIS SMP 1.0 (`http://docs.oasis-open.org/bdxr/ns/SMP/2016/05`).
    Oasis1,
    /// OASIS SMP 2.0 (`http://docs.oasis-open.org/bdxr/ns/SMP/2/…`).
    Oasis2,
}

impl SmpVersion {
    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &[
        "peppol-busdox",
        "bdxr-2014",
        "oasis-smp-1.0",
        "oasis-smp-2.0",
    ];

    /// A short name: `peppol-busdox`, `bdxr-2014`, `oasis-smp-1.0`, `oasis-smp-2.0`.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            SmpVersion::PeppolBusdox => 0,
            SmpVersion::Bdxr2014 => 1,
            SmpVersion::Oasis1 => 2,
            SmpVersion::Oasis2 => 3,
        }]
    }
}

/// A certificate published for an endpoint or a redirect target.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EndpointCertificate {
    /// The DER bytes as published (not parsed: see [`EndpointCertificate::parse`]).
    pub der: Vec<u8>,
    /// SMP 2.0 `TypeCode` (e.g. `sign-and-encrypt`).
    pub type_code: Option<String>,
    /// SMP 2.0 certificate activation date.
    pub activation: Option<DateTime>,
    /// SMP 2.0 certificate expiration date.
    pub expiration: Option<DateTime>,
}

impl EndpointCertificate {
    /// SHA-256 of the DER bytes, lowercase hex: the fingerprint to pin or compare.
    pub fn sha256_hex(&self) -> String {
        crate::encoding::hex_lower(
            crate::crypto::DigestAlgorithm::Sha256
                .digest(&self.der)
                .as_bytes(),
        )
    }

    /// Parses the certificate.
    ///
    /// # Errors
    /// [`PkiError::BadCertificate`] when it is not X.509 DER.
    pub fn parse(&self) -> Result<Certificate, PkiError> {
        Certificate::from_der(&self.der)
    }
}

/// An endpoint of a signed record.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Endpoint {
    /// The processes it serves (empty in SMP 2.0: every process).
    pub processes: Vec<ProcessId>,
    /// `transportProfile` (SMP 1.x) or `TransportProfileID` (SMP 2.0).
    pub transport_profile: String,
    /// `EndpointURI`, busdox `EndpointReference/Address` or SMP 2.0 `AddressURI`.
    pub uri: String,
    /// `ServiceActivationDate` / `ActivationDate`, as UTC when written without a zone.
    pub activation: Option<DateTime>,
    /// `ServiceExpirationDate` / `ExpirationDate` (an `xs:date` ends with its day).
    pub expiration: Option<DateTime>,
    /// The published certificates (one in SMP 1.x).
    pub certificates: Vec<EndpointCertificate>,
    /// `RequireBusinessLevelSignature` (SMP 1.x).
    pub require_business_level_signature: Option<bool>,
    /// `ServiceDescription` / `Description`.
    pub description: Option<String>,
    /// `TechnicalContactUrl` / `Contact`.
    pub technical_contact: Option<String>,
}

impl Endpoint {
    /// The first published certificate, the one SMP 1.x has.
    pub fn certificate(&self) -> Option<&EndpointCertificate> {
        self.certificates.first()
    }

    /// Why this endpoint is not usable at `now`, if it is not.
    pub fn inactive_at(&self, now: DateTime) -> Option<FilterReason> {
        if let Some(a) = self.activation {
            if now < a {
                return Some(FilterReason::NotYetActive { activation: a, now });
            }
        }
        if let Some(e) = self.expiration {
            if now > e {
                return Some(FilterReason::Expired { expiration: e, now });
            }
        }
        None
    }
}

/// Why an endpoint was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FilterReason {
    /// Its activation date is after the verification time.
    NotYetActive {
        /// The activation date.
        activation: DateTime,
        /// The verification time.
        now: DateTime,
    },
    /// Its expiration date is before the verification time.
    Expired {
        /// The expiration date.
        expiration: DateTime,
        /// The verification time.
        now: DateTime,
    },
}

impl FilterReason {
    /// Every reason's name, in declaration order.
    pub const NAMES: &'static [&'static str] = &["not_yet_active", "expired"];

    /// `not_yet_active` or `expired`.
    pub fn code(&self) -> &'static str {
        Self::NAMES[match self {
            FilterReason::NotYetActive { .. } => 0,
            FilterReason::Expired { .. } => 1,
        }]
    }
}

impl fmt::Display for FilterReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterReason::NotYetActive { activation, now } => {
                write!(f, "not active before {activation} (time {now})")
            }
            FilterReason::Expired { expiration, now } => {
                write!(f, "expired at {expiration} (time {now})")
            }
        }
    }
}

/// An endpoint left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FilteredEndpoint {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// Why.
    pub reason: FilterReason,
}

/// A signed redirect to another SMP.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Redirect {
    /// Where to ask instead (`href`, SMP 2.0 `PublisherURI`).
    pub href: String,
    /// SMP 1.x `CertificateUID`: the subject DN (or serialNumber) of the target's signer.
    pub certificate_uid: Option<String>,
    /// SMP 2.0 certificates of the target's signer.
    pub certificates: Vec<EndpointCertificate>,
    /// SMP 2.0: the processes it applies to (empty: all of the record's processes).
    pub processes: Vec<ProcessId>,
}

/// One entry of a ServiceGroup.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceReference {
    /// SMP 1.x `ServiceMetadataReference href`.
    pub href: Option<String>,
    /// The document type: SMP 2.0 `ID`, or decoded from the end of an SMP 1.x href.
    pub document: Option<DocumentId>,
}

/// A group of processes and what the record says for them.
#[derive(Clone, Debug)]
pub(crate) struct ProcessGroup {
    pub(crate) processes: Vec<ProcessId>,
    pub(crate) endpoints: Vec<Endpoint>,
    pub(crate) redirect: Option<Redirect>,
}

#[derive(Clone, Debug)]
pub(crate) enum Metadata {
    Service {
        participant: ParticipantId,
        document: DocumentId,
        groups: Vec<ProcessGroup>,
    },
    Redirect(Redirect),
}

#[derive(Clone, Debug)]
pub(crate) enum SmpDocument {
    Metadata(SmpVersion, Metadata),
    Group(SmpVersion, ParticipantId, Vec<ServiceReference>),
}

/// What the document element says the document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Group(SmpVersion),
    Metadata(SmpVersion),
}

pub(crate) fn classify(root: Unverified<'_, '_>) -> Result<Kind, SmpError> {
    let ns = root.namespace().unwrap_or("");
    let v1 = match ns {
        NS_BUSDOX => Some(SmpVersion::PeppolBusdox),
        NS_BDXR_2014 => Some(SmpVersion::Bdxr2014),
        NS_SMP1 => Some(SmpVersion::Oasis1),
        _ => None,
    };
    match (v1, ns, root.local_name()) {
        (Some(v), _, "ServiceGroup") => Ok(Kind::Group(v)),
        (Some(v), _, "SignedServiceMetadata" | "ServiceMetadata") => Ok(Kind::Metadata(v)),
        (None, NS_SMP2_GROUP, "ServiceGroup") => Ok(Kind::Group(SmpVersion::Oasis2)),
        (None, NS_SMP2_METADATA, "ServiceMetadata") => Ok(Kind::Metadata(SmpVersion::Oasis2)),
        (_, _, local) => Err(SmpError::UnknownDocument {
            root: alloc::format!("{{{ns}}}{local}"),
        }),
    }
}

fn malformed(reason: String) -> SmpError {
    SmpError::Malformed { reason }
}

impl From<Shape> for SmpError {
    fn from(s: Shape) -> Self {
        malformed(s.reason)
    }
}

fn is(n: &Node<'_, '_>, ns: &str, local: &str) -> bool {
    n.is(ns, local)
}

fn all<'a, 'x>(n: Node<'a, 'x>, ns: &'a str, local: &'a str) -> impl Iterator<Item = Node<'a, 'x>> {
    n.children_named(ns, local)
}

/// At most one child `ns:local`.
fn opt<'a, 'x>(n: Node<'a, 'x>, ns: &str, local: &str) -> Result<Option<Node<'a, 'x>>, SmpError> {
    Ok(n.opt(ns, local)?)
}

/// Exactly one child `ns:local`.
fn one<'a, 'x>(n: Node<'a, 'x>, ns: &str, local: &str) -> Result<Node<'a, 'x>, SmpError> {
    Ok(n.one(ns, local)?)
}

/// The element's text (all text children), without surrounding whitespace.
fn text(n: Node<'_, '_>) -> String {
    String::from(
        n.text_cow()
            .trim_matches(|c: char| matches!(c, ' ' | '\t' | '\r' | '\n')),
    )
}

fn opt_text(n: Node<'_, '_>, ns: &str, local: &str) -> Result<Option<String>, SmpError> {
    Ok(opt(n, ns, local)?.map(text).filter(|t| !t.is_empty()))
}

fn required_text(n: Node<'_, '_>, ns: &str, local: &str) -> Result<String, SmpError> {
    let t = text(one(n, ns, local)?);
    if t.is_empty() {
        return Err(malformed(alloc::format!("{local} is empty")));
    }
    Ok(t)
}

/// An `xs:dateTime` or `xs:date`, with or without a zone (read as UTC without). An
/// `xs:date` used as an end lasts until the end of its day.
fn date(n: Node<'_, '_>, end: bool) -> Result<DateTime, SmpError> {
    date_text(&text(n), n.local_name(), end)
}

fn date_text(t: &str, element: &str, end: bool) -> Result<DateTime, SmpError> {
    let bad = || SmpError::BadDate {
        element: element.to_string(),
        value: t.to_string(),
    };
    if t.contains(['T', 't']) {
        return DateTime::parse_xsd(t).map(|(d, _)| d).map_err(|_| bad());
    }
    let (day, zone) = (t.get(..10).ok_or_else(bad)?, t.get(10..).ok_or_else(bad)?);
    let (start, _) =
        DateTime::parse_xsd(&alloc::format!("{day}T00:00:00{zone}")).map_err(|_| bad())?;
    Ok(if end {
        DateTime::from_unix_nanos(start.unix_seconds() + 86_399, 999_999_999)
    } else {
        start
    })
}

fn opt_date(
    n: Node<'_, '_>,
    ns: &str,
    local: &str,
    end: bool,
) -> Result<Option<DateTime>, SmpError> {
    match opt(n, ns, local)? {
        Some(d) if !text(d).is_empty() => date(d, end).map(Some),
        _ => Ok(None),
    }
}

fn certificate(n: Node<'_, '_>, owner: &str) -> Result<Vec<u8>, SmpError> {
    decode_base64(&n.text_cow()).ok_or_else(|| SmpError::BadEndpointCertificate {
        endpoint: owner.to_string(),
    })
}

/// Reads the document element `root` as the kind `classify` gave, skipping the
/// root-level signature.
pub(crate) fn read(root: Node<'_, '_>, kind: Kind) -> Result<SmpDocument, SmpError> {
    match kind {
        Kind::Group(SmpVersion::Oasis2) => read_group2(root),
        Kind::Group(v) => read_group1(root, v),
        Kind::Metadata(SmpVersion::Oasis2) => Ok(SmpDocument::Metadata(
            SmpVersion::Oasis2,
            read_metadata2(root)?,
        )),
        Kind::Metadata(v) => Ok(SmpDocument::Metadata(v, read_metadata1(root, v)?)),
    }
}

/// Namespace of identifier elements: busdox keeps them apart.
fn id_ns(v: SmpVersion, ns: &'static str) -> &'static str {
    if v == SmpVersion::PeppolBusdox {
        NS_BUSDOX_IDS
    } else {
        ns
    }
}

fn ns1(v: SmpVersion) -> &'static str {
    match v {
        SmpVersion::PeppolBusdox => NS_BUSDOX,
        SmpVersion::Bdxr2014 => NS_BDXR_2014,
        _ => NS_SMP1,
    }
}

fn identifier1<T>(
    n: Node<'_, '_>,
    ns: &str,
    local: &str,
    make: fn(&str, &str) -> Result<T, SmpError>,
) -> Result<T, SmpError> {
    let e = one(n, ns, local)?;
    make(e.attribute("scheme").unwrap_or(""), &text(e))
}

fn identifier2<T>(
    e: Node<'_, '_>,
    make: fn(&str, &str) -> Result<T, SmpError>,
) -> Result<T, SmpError> {
    make(e.attribute("schemeID").unwrap_or(""), &text(e))
}

fn read_group1(root: Node<'_, '_>, v: SmpVersion) -> Result<SmpDocument, SmpError> {
    let ns = ns1(v);
    let participant = identifier1(
        root,
        id_ns(v, ns),
        "ParticipantIdentifier",
        ParticipantId::new,
    )?;
    let coll = one(root, ns, "ServiceMetadataReferenceCollection")?;
    let mut refs = Vec::new();
    for r in all(coll, ns, "ServiceMetadataReference") {
        let href = r
            .attribute("href")
            .ok_or_else(|| malformed("a ServiceMetadataReference has no href".to_string()))?;
        refs.push(ServiceReference {
            href: Some(href.to_string()),
            document: document_of_href(href),
        });
    }
    Ok(SmpDocument::Group(v, participant, refs))
}

/// The document identifier at the end of `…/services/{encoded}`.
fn document_of_href(href: &str) -> Option<DocumentId> {
    let (_, enc) = href.rsplit_once("/services/")?;
    let out = crate::encoding::percent_decode(enc, false)?;
    DocumentId::parse(core::str::from_utf8(&out).ok()?).ok()
}

fn read_metadata1(root: Node<'_, '_>, v: SmpVersion) -> Result<Metadata, SmpError> {
    let ns = ns1(v);
    let sm = if root.local_name() == "SignedServiceMetadata" {
        for c in root.children() {
            if !is(&c, ns, "ServiceMetadata") {
                return Err(malformed(alloc::format!(
                    "unexpected {} in SignedServiceMetadata",
                    c.local_name()
                )));
            }
        }
        one(root, ns, "ServiceMetadata")?
    } else {
        root
    };
    let info = opt(sm, ns, "ServiceInformation")?;
    let redirect = opt(sm, ns, "Redirect")?;
    match (info, redirect) {
        (Some(_), Some(_)) => Err(malformed(
            "ServiceMetadata has both ServiceInformation and Redirect".to_string(),
        )),
        (None, None) => Err(malformed(
            "ServiceMetadata has neither ServiceInformation nor Redirect".to_string(),
        )),
        (None, Some(r)) => {
            let href = r
                .attribute("href")
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .ok_or_else(|| malformed("Redirect has no href".to_string()))?;
            Ok(Metadata::Redirect(Redirect {
                certificate_uid: Some(required_text(r, ns, "CertificateUID")?),
                href,
                certificates: Vec::new(),
                processes: Vec::new(),
            }))
        }
        (Some(info), None) => {
            let idns = id_ns(v, ns);
            let participant = identifier1(info, idns, "ParticipantIdentifier", ParticipantId::new)?;
            let document = identifier1(info, idns, "DocumentIdentifier", DocumentId::new)?;
            let mut groups = Vec::new();
            if let Some(list) = opt(info, ns, "ProcessList")? {
                for p in all(list, ns, "Process") {
                    let pid = identifier1(p, idns, "ProcessIdentifier", ProcessId::new)?;
                    let mut endpoints = Vec::new();
                    let sel = one(p, ns, "ServiceEndpointList")?;
                    for e in all(sel, ns, "Endpoint") {
                        endpoints.push(endpoint1(e, v, ns, &pid)?);
                    }
                    groups.push(ProcessGroup {
                        processes: alloc::vec![pid],
                        endpoints,
                        redirect: None,
                    });
                }
            }
            Ok(Metadata::Service {
                participant,
                document,
                groups,
            })
        }
    }
}

fn endpoint1(
    e: Node<'_, '_>,
    v: SmpVersion,
    ns: &str,
    pid: &ProcessId,
) -> Result<Endpoint, SmpError> {
    let transport_profile = e
        .attribute("transportProfile")
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| malformed("an Endpoint has no transportProfile".to_string()))?;
    let uri = if v == SmpVersion::PeppolBusdox {
        required_text(one(e, NS_WSA, "EndpointReference")?, NS_WSA, "Address")?
    } else {
        required_text(e, ns, "EndpointURI")?
    };
    let cert = one(e, ns, "Certificate")?;
    let der = certificate(cert, &uri)?;
    let rbls = match opt_text(e, ns, "RequireBusinessLevelSignature")?.as_deref() {
        None => None,
        Some("true" | "1") => Some(true),
        Some("false" | "0") => Some(false),
        Some(other) => {
            return Err(malformed(alloc::format!(
                "RequireBusinessLevelSignature {other:?} is not a boolean"
            )))
        }
    };
    Ok(Endpoint {
        processes: alloc::vec![pid.clone()],
        transport_profile,
        activation: opt_date(e, ns, "ServiceActivationDate", false)?,
        expiration: opt_date(e, ns, "ServiceExpirationDate", true)?,
        certificates: alloc::vec![EndpointCertificate {
            der,
            type_code: None,
            activation: None,
            expiration: None,
        }],
        require_business_level_signature: rbls,
        description: opt_text(e, ns, "ServiceDescription")?,
        technical_contact: opt_text(e, ns, "TechnicalContactUrl")?,
        uri,
    })
}

fn certificates2(n: Node<'_, '_>, owner: &str) -> Result<Vec<EndpointCertificate>, SmpError> {
    let mut out = Vec::new();
    for c in all(n, NS_SMA, "Certificate") {
        out.push(EndpointCertificate {
            der: certificate(one(c, NS_SMB, "ContentBinaryObject")?, owner)?,
            type_code: opt_text(c, NS_SMB, "TypeCode")?,
            activation: opt_date(c, NS_SMB, "ActivationDate", false)?,
            expiration: opt_date(c, NS_SMB, "ExpirationDate", true)?,
        });
    }
    Ok(out)
}

fn read_metadata2(root: Node<'_, '_>) -> Result<Metadata, SmpError> {
    one(root, NS_SMB, "SMPVersionID")?;
    let document = identifier2(one(root, NS_SMB, "ID")?, DocumentId::new)?;
    let participant = identifier2(one(root, NS_SMB, "ParticipantID")?, ParticipantId::new)?;
    let mut groups = Vec::new();
    for pm in all(root, NS_SMA, "ProcessMetadata") {
        let mut processes = Vec::new();
        for p in all(pm, NS_SMA, "Process") {
            processes.push(identifier2(one(p, NS_SMB, "ID")?, ProcessId::new)?);
        }
        let redirect = match opt(pm, NS_SMA, "Redirect")? {
            Some(r) => {
                let href = required_text(r, NS_SMB, "PublisherURI")?;
                Some(Redirect {
                    certificates: certificates2(r, &href)?,
                    href,
                    certificate_uid: None,
                    processes: processes.clone(),
                })
            }
            None => None,
        };
        let mut endpoints = Vec::new();
        for e in all(pm, NS_SMA, "Endpoint") {
            let uri = required_text(e, NS_SMB, "AddressURI")?;
            endpoints.push(Endpoint {
                processes: processes.clone(),
                transport_profile: required_text(e, NS_SMB, "TransportProfileID")?,
                activation: opt_date(e, NS_SMB, "ActivationDate", false)?,
                expiration: opt_date(e, NS_SMB, "ExpirationDate", true)?,
                certificates: certificates2(e, &uri)?,
                require_business_level_signature: None,
                description: opt_text(e, NS_SMB, "Description")?,
                technical_contact: opt_text(e, NS_SMB, "Contact")?,
                uri,
            });
        }
        if redirect.is_some() && !endpoints.is_empty() {
            return Err(malformed(
                "a ProcessMetadata has both Endpoint and Redirect".to_string(),
            ));
        }
        groups.push(ProcessGroup {
            processes,
            endpoints,
            redirect,
        });
    }
    Ok(Metadata::Service {
        participant,
        document,
        groups,
    })
}

fn read_group2(root: Node<'_, '_>) -> Result<SmpDocument, SmpError> {
    one(root, NS_SMB, "SMPVersionID")?;
    let participant = identifier2(one(root, NS_SMB, "ParticipantID")?, ParticipantId::new)?;
    let mut refs = Vec::new();
    for r in all(root, NS_SMA, "ServiceReference") {
        refs.push(ServiceReference {
            href: None,
            document: Some(identifier2(one(r, NS_SMB, "ID")?, DocumentId::new)?),
        });
    }
    Ok(SmpDocument::Group(SmpVersion::Oasis2, participant, refs))
}

/// What an SMP document says, read without verifying anything — for inspection, tests
/// and fuzzing only. Use [`verify_smp`](crate::verify_smp) to act on a record.
#[cfg(any(test, feature = "testing"))]
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct UnverifiedSmp {
    /// The specification.
    pub version: SmpVersion,
    /// The participant, unless the record is an SMP 1.x redirect.
    pub participant: Option<ParticipantId>,
    /// The document type of a ServiceMetadata.
    pub document: Option<DocumentId>,
    /// Every endpoint, whatever its dates.
    pub endpoints: Vec<Endpoint>,
    /// Every redirect.
    pub redirects: Vec<Redirect>,
    /// The process groups' sizes (number of processes named in each).
    pub process_groups: Vec<usize>,
    /// ServiceGroup entries.
    pub references: Vec<ServiceReference>,
    /// Number of `ds:Signature` elements anywhere.
    pub signatures: usize,
}

/// Reads an SMP document without verifying it (see [`UnverifiedSmp`]).
///
/// # Errors
/// [`Error::Xml`] or [`Error::Smp`] when it does not read.
#[cfg(any(test, feature = "testing"))]
pub fn read_smp_unverified(
    xml: &[u8],
    limits: &crate::xml::Limits,
) -> Result<UnverifiedSmp, crate::Error> {
    let doc = crate::xml::parse(xml, limits)?;
    let root = Unverified::root(&doc);
    // Nothing here is verified, and nothing it returns is used as verified.
    let parsed = read(crate::dsig::accepted_unsigned(root), classify(root)?)?;
    let mut out = UnverifiedSmp {
        version: SmpVersion::Oasis1,
        participant: None,
        document: None,
        endpoints: Vec::new(),
        redirects: Vec::new(),
        process_groups: Vec::new(),
        references: Vec::new(),
        signatures: Unverified::all_signatures(&doc).count(),
    };
    match parsed {
        SmpDocument::Group(v, p, refs) => {
            out.version = v;
            out.participant = Some(p);
            out.references = refs;
        }
        SmpDocument::Metadata(v, Metadata::Redirect(r)) => {
            out.version = v;
            out.redirects.push(r);
        }
        SmpDocument::Metadata(
            v,
            Metadata::Service {
                participant,
                document,
                groups,
            },
        ) => {
            out.version = v;
            out.participant = Some(participant);
            out.document = Some(document);
            for g in groups {
                out.process_groups.push(g.processes.len());
                out.endpoints.extend(g.endpoints);
                out.redirects.extend(g.redirect);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Result<UnverifiedSmp, crate::Error> {
        read_smp_unverified(s.as_bytes(), &crate::xml::Limits::default())
    }

    #[test]
    fn dates_with_and_without_zone() {
        let d = |t: &str, end: bool| date_text(t, "d", end);
        assert_eq!(
            d("2022-02-24+01:00", false).unwrap().to_string(),
            "2022-02-23T23:00:00Z"
        );
        assert_eq!(
            d("2024-01-01", true).unwrap().to_string(),
            "2024-01-01T23:59:59.999999999Z"
        );
        assert_eq!(
            d("2025-02-17T00:00:00.000Z", true).unwrap().to_string(),
            "2025-02-17T00:00:00Z"
        );
        assert_eq!(
            d("2024-13-01", false).unwrap_err().code(),
            crate::ErrorCode::SmpBadDate
        );
    }

    #[test]
    fn strict_where_it_matters() {
        let both = r#"<ServiceMetadata xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05"><ServiceInformation/><Redirect href="x"><CertificateUID>u</CertificateUID></Redirect></ServiceMetadata>"#;
        assert_eq!(
            read_str(both).unwrap_err().code(),
            crate::ErrorCode::SmpMalformed
        );
        let other = r#"<ServiceMetadata xmlns="urn:other"/>"#;
        assert_eq!(
            read_str(other).unwrap_err().code(),
            crate::ErrorCode::SmpUnknownDocument
        );
        let two = r#"<ServiceGroup xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05"><ParticipantIdentifier scheme="s">a</ParticipantIdentifier><ParticipantIdentifier scheme="s">b</ParticipantIdentifier><ServiceMetadataReferenceCollection/></ServiceGroup>"#;
        assert_eq!(
            read_str(two).unwrap_err().code(),
            crate::ErrorCode::SmpMalformed
        );
    }

    #[test]
    fn values_span_comments_and_whitespace() {
        let g = r#"<ServiceGroup xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05"><ParticipantIdentifier scheme="s">
          0088:<!-- c -->123 </ParticipantIdentifier><ServiceMetadataReferenceCollection><ServiceMetadataReference href="http://x/s%3A%3Aa/services/d%3A%3Aurn%3Ax%23%23y"/></ServiceMetadataReferenceCollection></ServiceGroup>"#;
        let r = read_str(g).unwrap();
        assert_eq!(r.participant.unwrap().value(), "0088:123");
        assert_eq!(
            r.references[0].document.as_ref().unwrap().to_string(),
            "d::urn:x##y"
        );
    }
}
