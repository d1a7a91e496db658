//! SAML metadata: `trustmeta.verify_metadata`, `trustmeta.verify_metadata_file`,
//! `trustmeta.MetadataStreamVerifier`, `trustmeta.metadata_issuer_trust` and the classes
//! `VerifiedMetadata` (whose `entity_ids`, `find_entity` and `read_entities` read what
//! the verification produced), `MetadataEntity` and `MetadataEndpoint`.

use std::io::Read;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDateTime};
use trustmeta::{
    Certificate, DateTime, EntityInfo, EtoegangRole, IndexedEntity, Limits, MetadataError,
    MetadataProfile, Policy, STREAM_THRESHOLD,
};

use crate::document::{repr, repr_list, Reference};
use crate::emrex::policy;
use crate::errors;
use crate::saml::IssuerTrust;
use crate::store::{bytes_arg, TrustStore};
use crate::time;

/// How much of a file `verify_metadata_file` reads at a time (as `verify_metadata` feeds
/// a large document to the streaming path).
const FILE_CHUNK: usize = 256 * 1024;

fn store_arg<'a, 'py>(
    func: &str,
    store: &'a Bound<'py, PyAny>,
) -> PyResult<&'a Bound<'py, TrustStore>> {
    store.cast::<TrustStore>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{func}() argument 'store' must be a trustmeta.TrustStore (e.g. TrustStore.from_pem(pem_bytes)), not {}",
            store
                .get_type()
                .name()
                .map_or_else(|_| String::from("?"), |n| n.to_string())
        ))
    })
}

fn profile_arg(func: &str, profile: &str) -> PyResult<MetadataProfile> {
    match profile {
        "generic" => Ok(MetadataProfile::Generic),
        "etoegang" => Ok(MetadataProfile::Etoegang),
        other => Err(PyValueError::new_err(format!(
            "{func}() argument 'profile' must be \"generic\" or \"etoegang\", not {other:?}"
        ))),
    }
}

fn now_arg(now: Option<&Bound<'_, PyAny>>) -> PyResult<DateTime> {
    match now {
        Some(t) if !t.is_none() => time::from_py(t),
        _ => time::system_now(),
    }
}

/// Python's `repr()` of an optional string.
fn opt_repr(py: Python<'_>, s: Option<&str>) -> PyResult<String> {
    s.map_or_else(|| Ok(String::from("None")), |s| repr(py, s))
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

fn opt_time<'py>(py: Python<'py>, t: Option<DateTime>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
    t.map(|t| time::to_py(py, t)).transpose()
}

/// Verified SAML metadata: what the document element says about itself, who signed it,
/// and its entities. Returned by ``verify_metadata``, ``verify_metadata_file`` and
/// ``MetadataStreamVerifier.finish``; the same values whichever path verified it. The
/// signer fields are those of ``VerifiedDocument`` (there is no ``signed_xml``: an
/// aggregate may be hundreds of megabytes).
///
/// ``entity_ids()`` lists the entities the verifying parser met, on every path.
/// ``find_entity`` and ``read_entities`` read them from the verified document, which a
/// result of ``verify_metadata`` holds (it keeps a reference to ``xml``); after
/// ``verify_metadata_file`` or ``MetadataStreamVerifier`` the document is not held and
/// they raise ``MetadataError`` (``metadata.not_held``).
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct VerifiedMetadata {
    /// ``"EntitiesDescriptor"`` (an aggregate) or ``"EntityDescriptor"`` (one entity).
    #[pyo3(get)]
    root: String,
    /// The document element's ``ID``; ``None`` when absent.
    #[pyo3(get)]
    id: Option<String>,
    /// ``Name`` of an aggregate; ``None`` when absent.
    #[pyo3(get)]
    name: Option<String>,
    /// ``entityID`` of a single ``EntityDescriptor``; ``None`` for an aggregate.
    #[pyo3(get)]
    entity_id: Option<String>,
    /// ``mdrpi:PublicationInfo/@publisher`` of the document element; ``None`` when absent.
    #[pyo3(get)]
    publisher: Option<String>,
    /// ``EntityDescriptor`` elements at any depth.
    #[pyo3(get)]
    entities: usize,
    /// The ``Name`` of each ``EntitiesDescriptor`` child of the document element, in order.
    #[pyo3(get)]
    groups: Vec<String>,
    /// The specification version of an eToegang ``Name``
    /// (``urn:etoegang:<version>:metadata:<P|A>:<sequence>``), e.g. ``"1.13"``; ``None``
    /// when ``Name`` has another form.
    #[pyo3(get)]
    etoegang_version: Option<String>,
    /// ``"P"`` (production) or ``"A"`` (acceptance), from an eToegang ``Name``.
    #[pyo3(get)]
    etoegang_environment: Option<String>,
    /// The publication sequence number of an eToegang ``Name``: a newer aggregate has a
    /// higher one, so refuse one lower than the last you accepted.
    #[pyo3(get)]
    etoegang_sequence: Option<u64>,
    /// ``True`` when the streaming path verified the document (``verify_metadata`` above
    /// 4 MiB, ``verify_metadata_file``, ``MetadataStreamVerifier``).
    #[pyo3(get)]
    streamed: bool,
    /// Signatures on inner elements (entities signed by themselves): counted, not checked.
    #[pyo3(get)]
    nested_signatures: usize,
    /// SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a pinned bare key.
    #[pyo3(get)]
    signer_sha256: Option<String>,
    /// The signer certificate's subject DN; ``None`` for a pinned bare key.
    #[pyo3(get)]
    signer_subject: Option<String>,
    /// The signing key's type and size, e.g. ``"RSA-2048"``.
    #[pyo3(get)]
    signer_key: String,
    /// Whether the signer's certificate or key itself is in the trust store.
    #[pyo3(get)]
    pinned: bool,
    /// The SignatureMethod algorithm URI.
    #[pyo3(get)]
    signature_algorithm: &'static str,
    /// The CanonicalizationMethod URI of SignedInfo.
    #[pyo3(get)]
    canonicalization: &'static str,
    /// The verified reference (one, to the document element).
    #[pyo3(get)]
    references: Vec<Reference>,
    /// Legacy algorithms the policy allowed and the signature used.
    #[pyo3(get)]
    legacy_algorithms: Vec<&'static str>,
    /// The certificate path as ``(subject, sha256_hex)`` pairs, signer first.
    #[pyo3(get)]
    chain: Vec<(String, String)>,
    /// The months part of ``cacheDuration`` (years times 12 plus months).
    #[pyo3(get)]
    cache_duration_months: i64,
    cache_seconds: Option<i64>,
    valid_until_value: Option<DateTime>,
    expires_value: Option<DateTime>,
    creation_instant_value: Option<DateTime>,
    verified_at_value: DateTime,
    /// The core's result: the entity list and, after an in-memory verification, the
    /// verified bytes.
    verified: trustmeta::VerifiedMetadata,
    /// The ``bytes`` that ``verify_metadata`` streamed (immutable, so still the verified
    /// bytes): lookups read them where the core holds no document.
    source: Option<Py<PyBytes>>,
}

impl VerifiedMetadata {
    fn new(v: trustmeta::VerifiedMetadata, source: Option<Py<PyBytes>>) -> Self {
        let s = &v.summary;
        let r = &v.report;
        let e = &s.etoegang;
        VerifiedMetadata {
            root: s.root.clone(),
            id: s.id.clone(),
            name: s.name.clone(),
            entity_id: s.entity_id.clone(),
            publisher: s.publisher.clone(),
            entities: s.entities,
            groups: s.groups.clone(),
            etoegang_version: e.as_ref().map(|n| n.version.clone()),
            etoegang_environment: e.as_ref().map(|n| n.environment.to_string()),
            etoegang_sequence: e.as_ref().map(|n| n.sequence),
            streamed: v.streamed,
            nested_signatures: v.nested_signatures,
            signer_sha256: r.signer.as_ref().map(Certificate::sha256_hex),
            signer_subject: r.signer.as_ref().map(|c| c.subject().to_owned()),
            signer_key: r.signer_key.to_string(),
            pinned: r.pinned,
            signature_algorithm: r.signature_algorithm.uri(),
            canonicalization: r.canonicalization.uri(),
            references: r.references.iter().map(Reference::of).collect(),
            legacy_algorithms: r.legacy_algorithms.clone(),
            chain: r
                .chain
                .iter()
                .map(|c| (c.subject().to_owned(), c.sha256_hex()))
                .collect(),
            cache_duration_months: s.cache_duration.map_or(0, |d| d.months),
            cache_seconds: s.cache_duration.map(|d| d.seconds),
            valid_until_value: s.valid_until,
            expires_value: s.expires,
            creation_instant_value: s.creation_instant,
            verified_at_value: r.verified_at,
            verified: v,
            source,
        }
    }

    /// Reads the indexed entity `e` from `bytes`, the whole verified document, in its
    /// namespace context: the document element's start tag and the enclosing groups'.
    fn read_from(
        &self,
        bytes: &[u8],
        e: &IndexedEntity,
        limits: &Limits,
    ) -> Result<EntityInfo, trustmeta::Error> {
        let piece = |r: &Range<u64>| -> Result<&[u8], trustmeta::Error> {
            let (a, b) = (usize::try_from(r.start).ok(), usize::try_from(r.end).ok());
            a.zip(b)
                .and_then(|(a, b)| bytes.get(a..b))
                .ok_or_else(|| malformed("a range outside the document"))
        };
        let root_tag = &self.verified.root_tag;
        let mut scope: Vec<&[u8]> = Vec::with_capacity(e.scope.len() + 1);
        // A document that is one EntityDescriptor has no enclosing start tag.
        if e.range.start != root_tag.start {
            scope.push(piece(root_tag)?);
        }
        for t in &e.scope {
            scope.push(piece(t)?);
        }
        let mut info = trustmeta::read_indexed_entity(e, &scope, piece(&e.range)?, limits)?;
        info.group.clone_from(&e.group);
        Ok(info)
    }

    /// The verified bytes this result can read entities from, if any: the core's, else
    /// the streamed `bytes`.
    fn document<'a>(&'a self, py: Python<'a>) -> Option<Document<'a>> {
        match (self.verified.document(), &self.source) {
            (Some(_), _) => Some(Document::Held),
            (None, Some(b)) => Some(Document::Streamed(b.as_bytes(py))),
            (None, None) => None,
        }
    }

    /// `find_entity` without the GIL.
    fn find(
        &self,
        doc: Option<Document<'_>>,
        entity_id: &str,
    ) -> Result<Option<EntityInfo>, trustmeta::Error> {
        let limits = Limits::default();
        match doc {
            Some(Document::Streamed(bytes)) => {
                let mut found = self
                    .verified
                    .entities()
                    .iter()
                    .filter(|e| e.entity_id == entity_id);
                let first = found.next();
                if found.next().is_some() {
                    // Which entity was meant would be a guess.
                    return Err(malformed("the entityID is carried by more than one entity"));
                }
                first.map(|e| self.read_from(bytes, e, &limits)).transpose()
            }
            // The core reads what it holds, or says it holds nothing.
            Some(Document::Held) | None => self.verified.find_entity(entity_id, &limits),
        }
    }

    /// `read_entities` without the GIL.
    fn read_all(&self, doc: Option<Document<'_>>) -> Result<Vec<EntityInfo>, trustmeta::Error> {
        let limits = Limits::default();
        match doc {
            Some(Document::Streamed(bytes)) => self
                .verified
                .entities()
                .iter()
                .map(|e| self.read_from(bytes, e, &limits))
                .collect(),
            Some(Document::Held) | None => self.verified.read_entities(&limits)?.collect(),
        }
    }
}

/// Where a result's lookups read the verified document.
#[derive(Clone, Copy)]
enum Document<'a> {
    /// The core holds it (an in-memory verification).
    Held,
    /// The `bytes` that `verify_metadata` streamed.
    Streamed(&'a [u8]),
}

fn malformed(reason: &str) -> trustmeta::Error {
    MetadataError::Malformed {
        reason: reason.to_owned(),
    }
    .into()
}

#[pymethods]
impl VerifiedMetadata {
    /// ``validUntil``, timezone-aware, in UTC; ``None`` when absent.
    #[getter]
    fn valid_until<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        opt_time(py, self.valid_until_value)
    }

    /// ``cacheDuration`` without its months (days, hours, minutes and whole seconds), as a
    /// ``timedelta``; ``None`` when absent. A duration with years or months has them in
    /// ``cache_duration_months``, since a month has no fixed length; ``expires`` adds both.
    #[getter]
    fn cache_duration(&self) -> Option<core::time::Duration> {
        // The core parses only non-negative durations.
        self.cache_seconds
            .map(|s| core::time::Duration::from_secs(u64::try_from(s).unwrap_or(0)))
    }

    /// When to fetch the metadata again: the earlier of ``validUntil`` and the
    /// verification time plus ``cacheDuration``, timezone-aware, in UTC; ``None`` when the
    /// document gives neither.
    #[getter]
    fn expires<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        opt_time(py, self.expires_value)
    }

    /// ``mdrpi:PublicationInfo/@creationInstant`` of the document element, timezone-aware,
    /// in UTC; ``None`` when absent.
    #[getter]
    fn creation_instant<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        opt_time(py, self.creation_instant_value)
    }

    /// The time the verification used, timezone-aware, in UTC.
    #[getter]
    fn verified_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.verified_at_value)
    }

    /// The entities of the verified document as ``(entity_id, group)`` pairs, in document
    /// order, as the parser that verified it met them; ``group`` is the ``Name`` of the
    /// enclosing ``EntitiesDescriptor``, or ``None`` for an entity directly under the
    /// document element (or one that is the document element). An ``EntityDescriptor``
    /// inside a comment, a CDATA section or a ``ds:Signature`` is not an entity. Works
    /// after every verification path.
    fn entity_ids(&self) -> Vec<(String, Option<String>)> {
        self.verified
            .entity_ids()
            .map(|(id, group)| (id.to_owned(), group.map(str::to_owned)))
            .collect()
    }

    /// Finds the entity ``entity_id`` and reads what it says from the verified document,
    /// parsing only its ``EntityDescriptor``: a lookup in a large aggregate reads a few
    /// kilobytes. ``entity_id`` is compared with the attribute's value as an XML parser
    /// reads it (``&amp;`` as ``&``); an ``entityID`` carried by two entities is an error,
    /// not a guess.
    ///
    /// Returns a ``MetadataEntity``, or ``None`` when no entity has that ``entityID``.
    ///
    /// Raises:
    ///     MetadataError: ``metadata.not_held`` after ``verify_metadata_file`` or
    ///         ``MetadataStreamVerifier`` (the document is not held: use ``entity_ids()``,
    ///         or ``verify_metadata`` on the bytes); ``metadata.malformed`` for an
    ///         ``entityID`` found twice.
    ///
    /// Example::
    ///
    ///     eb = md.find_entity("urn:etoegang:IS:...:entities:eidas-berichtenservice")
    ///     eb.etoegang_role, eb.acts_as("AD")   # ("EB", True)
    fn find_entity(&self, py: Python<'_>, entity_id: &str) -> PyResult<Option<MetadataEntity>> {
        let doc = self.document(py);
        py.detach(|| self.find(doc, entity_id))
            .map(|e| e.map(MetadataEntity::new))
            .map_err(|e| errors::from_core(&e))
    }

    /// Reads every entity of the verified document, in document order (the order of
    /// ``entity_ids()``), as ``MetadataEntity`` objects.
    ///
    /// Raises:
    ///     MetadataError: ``metadata.not_held`` as ``find_entity``.
    fn read_entities(&self, py: Python<'_>) -> PyResult<Vec<MetadataEntity>> {
        let doc = self.document(py);
        py.detach(|| self.read_all(doc))
            .map(|all| all.into_iter().map(MetadataEntity::new).collect())
            .map_err(|e| errors::from_core(&e))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "<trustmeta.VerifiedMetadata root={}, {}={}, entities={}, streamed={}, signer_subject={}>",
            repr(py, &self.root)?,
            if self.entity_id.is_some() { "entity_id" } else { "name" },
            opt_repr(py, self.entity_id.as_deref().or(self.name.as_deref()))?,
            self.entities,
            py_bool(self.streamed),
            opt_repr(py, self.signer_subject.as_deref())?
        ))
    }
}

/// A protocol endpoint of one role of an entity (``SingleSignOnService``,
/// ``AssertionConsumerService``, ``AttributeService``…).
#[pyclass(module = "trustmeta", frozen, eq, hash, get_all)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct MetadataEndpoint {
    /// The local name of the role descriptor holding it, e.g. ``"IDPSSODescriptor"``.
    role: String,
    /// The local name of the endpoint element, e.g. ``"SingleSignOnService"``.
    kind: String,
    /// ``Binding``, e.g. ``"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"``.
    binding: String,
    /// ``Location``: where to send.
    location: String,
    /// ``index`` of an indexed endpoint; ``None`` when absent.
    index: Option<u32>,
}

#[pymethods]
impl MetadataEndpoint {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "MetadataEndpoint(kind={}, binding={}, location={}, index={})",
            repr(py, &self.kind)?,
            repr(py, &self.binding)?,
            repr(py, &self.location)?,
            self.index
                .map_or_else(|| String::from("None"), |i| i.to_string())
        ))
    }
}

/// What one ``EntityDescriptor`` of verified metadata says. Returned by
/// ``VerifiedMetadata.find_entity`` and ``VerifiedMetadata.read_entities``.
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct MetadataEntity {
    /// ``entityID``.
    #[pyo3(get)]
    entity_id: String,
    /// The local names of its role descriptors (``"IDPSSODescriptor"``,
    /// ``"SPSSODescriptor"``, ``"AttributeAuthorityDescriptor"``…), in document order,
    /// once each.
    #[pyo3(get)]
    roles: Vec<String>,
    /// Its endpoints, in document order.
    #[pyo3(get)]
    endpoints: Vec<MetadataEndpoint>,
    /// ``mdui:DisplayName`` values as ``(lang, text)`` (``lang`` empty when absent).
    #[pyo3(get)]
    display_names: Vec<(String, String)>,
    /// Its entity categories (``http://macedir.org/entity-category`` values).
    #[pyo3(get)]
    entity_categories: Vec<String>,
    /// The first ``Organization/OrganizationName``; ``None`` when absent.
    #[pyo3(get)]
    organization_name: Option<String>,
    /// ``ContactPerson/EmailAddress`` values as written (usually ``mailto:…``).
    #[pyo3(get)]
    contact_emails: Vec<String>,
    /// ``Name`` of the enclosing ``EntitiesDescriptor``; ``None`` when the entity is a
    /// direct child of the document element.
    #[pyo3(get)]
    group: Option<String>,
    signing: Vec<Vec<u8>>,
    encryption: Vec<Vec<u8>>,
    etoegang: Option<EtoegangRole>,
}

fn role_arg(role: &str) -> PyResult<EtoegangRole> {
    EtoegangRole::from_abbreviation(role).ok_or_else(|| {
        PyValueError::new_err(format!(
            "acts_as() argument 'role' must be an eToegang role abbreviation (\"AD\", \"MR\", \"KR\", \"EB\", \"HM\" or \"DV\"), not {role:?}"
        ))
    })
}

#[pymethods]
impl MetadataEntity {
    /// DER certificates of its ``KeyDescriptor`` elements with ``use="signing"`` or no
    /// ``use``, once each (``TrustStore.add_keys_pem`` takes DER too).
    #[getter]
    fn signing_certificates<'py>(&self, py: Python<'py>) -> Vec<Bound<'py, PyBytes>> {
        self.signing.iter().map(|b| PyBytes::new(py, b)).collect()
    }

    /// DER certificates of its ``KeyDescriptor`` elements with ``use="encryption"`` or no
    /// ``use``, once each.
    #[getter]
    fn encryption_certificates<'py>(&self, py: Python<'py>) -> Vec<Bound<'py, PyBytes>> {
        self.encryption
            .iter()
            .map(|b| PyBytes::new(py, b))
            .collect()
    }

    /// The eToegang role its group gives it, as the network's abbreviation: ``"AD"``
    /// (Authenticatiediensten), ``"MR"`` (Machtigingenregisters), ``"KR"``
    /// (Koppelregisters), ``"EB"`` (Interstelseldiensten: the eIDAS-berichtenservice),
    /// ``"HM"`` (Herkenningsmakelaars) or ``"DV"`` (Dienstverleners); ``None`` outside
    /// those groups.
    #[getter]
    fn etoegang_role(&self) -> Option<&'static str> {
        self.etoegang.map(EtoegangRole::abbreviation)
    }

    /// Whether users may be offered this entity to choose an authentication service from:
    /// only entities of the Authenticatiediensten group (the eIDAS-berichtenservice is
    /// offered by the service provider itself, never by the broker).
    #[getter]
    fn offered_for_ad_selection(&self) -> bool {
        self.etoegang
            .is_some_and(EtoegangRole::offered_for_ad_selection)
    }

    /// Whether the entity may be treated as ``role`` (an eToegang abbreviation such as
    /// ``"AD"``, any case) when a message is validated: its group's role, and for the
    /// eIDAS-berichtenservice (``"EB"``) also ``"AD"`` and ``"MR"``. ``False`` for an
    /// entity outside the eToegang groups.
    ///
    /// Raises ``ValueError`` for an unknown abbreviation.
    fn acts_as(&self, role: &str) -> PyResult<bool> {
        let role = role_arg(role)?;
        Ok(self
            .etoegang
            .is_some_and(|r| r.validated_as().contains(&role)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let roles: Vec<&str> = self.roles.iter().map(String::as_str).collect();
        Ok(format!(
            "<trustmeta.MetadataEntity entity_id={}, roles={}, group={}>",
            repr(py, &self.entity_id)?,
            repr_list(py, &roles)?,
            opt_repr(py, self.group.as_deref())?
        ))
    }
}

impl MetadataEntity {
    fn new(e: trustmeta::EntityInfo) -> Self {
        let etoegang = e.etoegang_role();
        MetadataEntity {
            entity_id: e.entity_id,
            roles: e.roles,
            endpoints: e
                .endpoints
                .into_iter()
                .map(|p| MetadataEndpoint {
                    role: p.role,
                    kind: p.kind,
                    binding: p.binding,
                    location: p.location,
                    index: p.index,
                })
                .collect(),
            display_names: e
                .display_names
                .into_iter()
                .map(|n| (n.lang, n.value))
                .collect(),
            entity_categories: e.entity_categories,
            organization_name: e.organization_name,
            contact_emails: e.contact_emails,
            group: e.group,
            signing: e.signing_certificates,
            encryption: e.encryption_certificates,
            etoegang,
        }
    }
}

/// Verifies signed SAML metadata — an aggregate (``EntitiesDescriptor``) or one entity
/// (``EntityDescriptor``) — against the federation's anchors in ``store``, and reads what
/// it says about itself. Documents above 4 MiB are streamed: memory stays flat however
/// large the aggregate (for a file, ``verify_metadata_file`` does not even load it).
///
/// The profile: exactly one ``ds:Signature``, the first child of the document element,
/// whose one Reference covers the document element and which carries no ``ds:Object``
/// (nothing inside a signature is read as content); ``validUntil`` after ``now``;
/// ``cacheDuration`` and ``creationInstant`` of their types. With
/// ``profile="etoegang"`` also the eToegang aggregate's rules: ``Name`` is
/// ``urn:etoegang:<version>:metadata:<P|A>:<sequence>``, ``cacheDuration`` and
/// ``mdrpi:PublicationInfo`` (publisher, creationInstant) are present, and the five role
/// groups (plus optionally Dienstverleners) are there.
///
/// Arguments:
///     xml: the metadata as raw bytes.
///     store: the federation's signing certificate or key (or the CA that issued it).
///     now, allow_sha1, min_rsa_bits: as ``verify``.
///     profile: ``"generic"`` (SAML metadata) or ``"etoegang"``.
///
/// Returns a ``VerifiedMetadata``, whose ``find_entity``, ``read_entities`` and
/// ``entity_ids`` read the entities of the document that verified (it keeps a reference
/// to ``xml``, which ``bytes`` cannot change).
///
/// Raises:
///     MetadataError: ``metadata.unknown_document`` (not metadata), ``metadata.expired``
///         (past ``validUntil``), ``metadata.profile`` (not an eToegang aggregate),
///         ``metadata.malformed`` (a value not of its type).
///     VerificationError: the other subclasses as ``verify`` (``InvalidSignature`` for
///         changed content, ``MalformedSignature`` for a signature out of place or
///         carrying a ``ds:Object`` (``dsig.object_refused``),
///         ``UntrustedSigner`` for a signer outside ``store``).
///     TypeError: ``xml`` is not ``bytes`` or ``store`` not a ``TrustStore``.
///     ValueError: an unknown ``profile``, a naive ``now``.
///
/// Example::
///
///     md = trustmeta.verify_metadata(Path("aggregate.xml").read_bytes(), store,
///                                    profile="etoegang")
///     print(md.etoegang_sequence, md.entities, md.expires)
#[pyfunction]
#[pyo3(signature = (xml, store, *, now = None, profile = "generic", allow_sha1 = false, min_rsa_bits = 2048))]
pub(crate) fn verify_metadata(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    store: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    profile: &str,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<VerifiedMetadata> {
    const F: &str = "verify_metadata";
    let bytes = bytes_arg(F, "xml", xml)?;
    let store = store_arg(F, store)?.get();
    let profile = profile_arg(F, profile)?;
    let policy = policy(F, allow_sha1, min_rsa_bits)?;
    let now = now_arg(now)?;
    let streamed = bytes.len() > STREAM_THRESHOLD;
    // The bytes are immutable and the store is behind a lock: verify without the GIL.
    let verified = py.detach(|| {
        let anchors = store.read();
        if !streamed {
            // The core keeps the verified bytes for lookups.
            return trustmeta::verify_metadata(bytes, &anchors, &policy, now, profile);
        }
        // As `verify_metadata_auto`, and with the entity list, which lookups in the
        // caller's bytes need.
        let mut v =
            trustmeta::MetadataStreamVerifier::new(&anchors, &policy, now, profile).with_index();
        for chunk in bytes.chunks(FILE_CHUNK) {
            v.feed(chunk)?;
        }
        v.finish()
    });
    let verified = verified.map_err(|e| errors::from_core(&e))?;
    // Above the threshold the result refers to the caller's `bytes` object rather than
    // copy it: it cannot change, so it stays the document that verified.
    let source = if streamed {
        Some(xml.cast::<PyBytes>()?.clone().unbind())
    } else {
        None
    };
    Ok(VerifiedMetadata::new(verified, source))
}

/// Why `verify_metadata_file` stopped: the file or the document.
enum FileError {
    Io(std::io::Error),
    Core(trustmeta::Error),
}

/// Verifies the SAML metadata in the file at ``path`` on the streaming path, reading it
/// in 256 KiB pieces: the file is never held in memory whole, and memory stays flat
/// however large it is. The checks, arguments and result are those of
/// ``verify_metadata`` (``streamed`` is ``True``); the GIL is released while reading and
/// verifying.
///
/// Raises:
///     OSError: the file cannot be opened or read (``FileNotFoundError``…).
///     MetadataError, VerificationError, ValueError: as ``verify_metadata``.
///
/// Example::
///
///     md = trustmeta.verify_metadata_file("aggregate.xml", store, profile="etoegang")
#[pyfunction]
#[pyo3(signature = (path, store, *, now = None, profile = "generic", allow_sha1 = false, min_rsa_bits = 2048))]
pub(crate) fn verify_metadata_file(
    py: Python<'_>,
    path: PathBuf,
    store: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    profile: &str,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<VerifiedMetadata> {
    const F: &str = "verify_metadata_file";
    let store = store_arg(F, store)?.get();
    let profile = profile_arg(F, profile)?;
    let policy = policy(F, allow_sha1, min_rsa_bits)?;
    let now = now_arg(now)?;
    let result = py.detach(|| {
        let mut file = std::fs::File::open(&path).map_err(FileError::Io)?;
        let anchors = store.read();
        let mut v =
            trustmeta::MetadataStreamVerifier::new(&anchors, &policy, now, profile).with_index();
        let mut buf = vec![0u8; FILE_CHUNK];
        loop {
            let n = match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(FileError::Io(e)),
            };
            v.feed(&buf[..n]).map_err(FileError::Core)?;
        }
        v.finish().map_err(FileError::Core)
    });
    match result {
        Ok(v) => Ok(VerifiedMetadata::new(v, None)),
        Err(FileError::Io(e)) => Err(e.into()),
        Err(FileError::Core(e)) => Err(errors::from_core(&e)),
    }
}

/// What a call asks of the streaming verifier.
enum Request {
    Feed(Vec<u8>),
    Finish,
}

enum StreamState {
    /// Verifying.
    Running(Box<trustmeta::MetadataStreamVerifier<'static>>),
    /// A chunk or the end did not verify: the same error again.
    Failed(trustmeta::ErrorCode, String),
    /// `finish` returned the result.
    Finished,
}

/// Verifies SAML metadata fed in pieces of any size, for documents too large to hold in
/// memory (an HTTP download, a pipe): ``feed`` each piece as it arrives, then ``finish``.
/// Memory stays flat however large the document, and the result is the one
/// ``verify_metadata`` gives (with ``streamed`` ``True``).
///
/// The arguments are those of ``verify_metadata``; ``store`` is copied, so later changes
/// to it do not apply. ``feed`` and ``finish`` release the GIL while they work; one
/// verifier may be used from several threads (calls are serialized). After a refusal,
/// every later call raises the same error.
///
/// Example::
///
///     v = trustmeta.MetadataStreamVerifier(store, profile="etoegang")
///     with urllib.request.urlopen(url) as r:
///         while chunk := r.read(1 << 20):
///             v.feed(chunk)
///     md = v.finish()
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct MetadataStreamVerifier {
    state: Mutex<StreamState>,
}

impl MetadataStreamVerifier {
    /// Does `req` without the GIL; records a failure or the end.
    fn call(&self, py: Python<'_>, req: Request) -> PyResult<Option<trustmeta::VerifiedMetadata>> {
        py.detach(|| {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            let result = match req {
                Request::Feed(chunk) => match &mut *state {
                    StreamState::Running(v) => v.feed(&chunk).map(|()| None),
                    StreamState::Failed(code, message) => {
                        return Err(Fail::Core(*code, message.clone()))
                    }
                    StreamState::Finished => return Err(Fail::Finished),
                },
                Request::Finish => match core::mem::replace(&mut *state, StreamState::Finished) {
                    StreamState::Running(v) => v.finish().map(Some),
                    StreamState::Failed(code, message) => {
                        *state = StreamState::Failed(code, message.clone());
                        return Err(Fail::Core(code, message));
                    }
                    StreamState::Finished => return Err(Fail::Finished),
                },
            };
            result.map_err(|e| {
                let (code, message) = (e.code(), e.to_string());
                *state = StreamState::Failed(code, message.clone());
                Fail::Core(code, message)
            })
        })
        .map_err(|f| match f {
            Fail::Core(code, message) => errors::error(code, message),
            Fail::Finished => PyValueError::new_err(
                "the MetadataStreamVerifier has finished: finish() was called; create a new one for another document",
            ),
        })
    }
}

/// Why a call on a `MetadataStreamVerifier` failed.
enum Fail {
    Core(trustmeta::ErrorCode, String),
    Finished,
}

#[pymethods]
impl MetadataStreamVerifier {
    /// A verifier for metadata signed by a key of ``store``: see the class.
    ///
    /// Raises ``TypeError`` when ``store`` is not a ``TrustStore``, ``ValueError`` for an
    /// unknown ``profile`` or a naive ``now``.
    #[new]
    #[pyo3(signature = (store, *, now = None, profile = "generic", allow_sha1 = false, min_rsa_bits = 2048))]
    fn new(
        store: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
        profile: &str,
        allow_sha1: bool,
        min_rsa_bits: i64,
    ) -> PyResult<Self> {
        const F: &str = "MetadataStreamVerifier";
        let store = store_arg(F, store)?.get().read().clone();
        let profile = profile_arg(F, profile)?;
        let policy = policy(F, allow_sha1, min_rsa_bits)?;
        let now = now_arg(now)?;
        // With the entity list, so that `entity_ids()` works on the result.
        let v =
            trustmeta::MetadataStreamVerifier::owning(store, &policy, now, profile).with_index();
        Ok(MetadataStreamVerifier {
            state: Mutex::new(StreamState::Running(Box::new(v))),
        })
    }

    /// Reads the next piece of the document (``bytes`` of any length, even empty).
    ///
    /// Raises:
    ///     VerificationError: the document is refused by what this piece completes (as
    ///         ``verify_metadata``); every later call raises it again.
    ///     ValueError: ``finish()`` was already called.
    ///     TypeError: ``chunk`` is not ``bytes``.
    fn feed(&self, py: Python<'_>, chunk: &Bound<'_, PyAny>) -> PyResult<()> {
        let chunk = bytes_arg("feed", "chunk", chunk)?.to_vec();
        self.call(py, Request::Feed(chunk)).map(|_| ())
    }

    /// Ends the document, checks what it says and returns the ``VerifiedMetadata``.
    ///
    /// Raises:
    ///     MetadataError, VerificationError: as ``verify_metadata`` (a document cut short
    ///         raises ``MalformedDocument``).
    ///     ValueError: ``finish()`` was already called.
    fn finish(&self, py: Python<'_>) -> PyResult<VerifiedMetadata> {
        match self.call(py, Request::Finish)? {
            Some(v) => Ok(VerifiedMetadata::new(v, None)),
            None => Err(PyRuntimeError::new_err(
                "the metadata verification gave no result",
            )),
        }
    }

    fn __repr__(&self) -> String {
        let state = match &*self.state.lock().unwrap_or_else(PoisonError::into_inner) {
            StreamState::Running(_) => "running",
            StreamState::Failed(..) => "failed",
            StreamState::Finished => "finished",
        };
        format!("<trustmeta.MetadataStreamVerifier {state}>")
    }
}

/// The role descriptors whose keys may become issuer trust.
const TRUST_ROLES: [&str; 5] = [
    "IDPSSODescriptor",
    "SPSSODescriptor",
    "AttributeAuthorityDescriptor",
    "AuthnAuthorityDescriptor",
    "PDPDescriptor",
];

/// Verifies SAML metadata as ``verify_metadata`` does (of any size: a document above the
/// in-memory limit is streamed and its entities read from the pieces its index locates)
/// and returns an ``IssuerTrust`` holding, for each entity with the role ``role``, the public keys of
/// that role's signing certificates pinned for its ``entityID`` — the SAML metadata
/// interoperability profile's rule: metadata vouches for keys, so the certificates'
/// validity periods and issuers are ignored. A ``KeyDescriptor`` without ``use`` counts
/// as signing. Entities without such keys are left out; ``issuers`` lists the others.
///
/// Arguments:
///     xml: the metadata as raw bytes.
///     store: the federation's anchors, as for ``verify_metadata``.
///     role: ``"IDPSSODescriptor"`` (identity providers, for ``verify_saml_response``;
///         the default), ``"SPSSODescriptor"`` (service providers, for
///         ``verify_saml_request``), ``"AttributeAuthorityDescriptor"``,
///         ``"AuthnAuthorityDescriptor"`` or ``"PDPDescriptor"``.
///     now, profile, allow_sha1, min_rsa_bits: as ``verify_metadata``.
///
/// Raises:
///     MetadataError, VerificationError: as ``verify_metadata`` (metadata that does not
///         verify gives no trust at all); ``MetadataError`` (``metadata.malformed``) for
///         an ``entityID`` carried by two entities, or, like ``UntrustedSigner``
///         (``pki.bad_certificate``), for a signing certificate that is not base64 DER.
///     TypeError, ValueError: as ``verify_metadata``; ``ValueError`` for another ``role``.
///
/// Example::
///
///     trust = trustmeta.metadata_issuer_trust(md_bytes, federation_store)
///     resp = trustmeta.verify_saml_response(xml, trust, audience=..., acs=...)
#[pyfunction]
#[pyo3(signature = (xml, store, *, role = "IDPSSODescriptor", now = None, profile = "generic", allow_sha1 = false, min_rsa_bits = 2048))]
#[allow(clippy::too_many_arguments)] // the Python signature
pub(crate) fn metadata_issuer_trust(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    store: &Bound<'_, PyAny>,
    role: &str,
    now: Option<&Bound<'_, PyAny>>,
    profile: &str,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<IssuerTrust> {
    const F: &str = "metadata_issuer_trust";
    let xml = bytes_arg(F, "xml", xml)?;
    let store = store_arg(F, store)?.get();
    if !TRUST_ROLES.contains(&role) {
        return Err(PyValueError::new_err(format!(
            "{F}() argument 'role' must be one of {}, not {role:?}",
            TRUST_ROLES.join(", ")
        )));
    }
    let profile = profile_arg(F, profile)?;
    let policy: Policy = policy(F, allow_sha1, min_rsa_bits)?;
    let now = now_arg(now)?;
    let made = py.detach(|| {
        let anchors = store.read();
        trustmeta::metadata_issuer_trust(xml, &anchors, &policy, now, profile, role)
    });
    // The core adds the entities that received keys in document order, and refuses an
    // entityID carried twice, so its list is the one to show.
    let made = made.map(|trust| {
        let issuers = trust.issuers().map(|(id, _)| id.to_owned()).collect();
        (trust, issuers)
    });
    match made {
        Ok((trust, issuers)) => Ok(IssuerTrust::from_core(trust, issuers)),
        Err(e) => Err(errors::from_core(&e)),
    }
}
