//! `trustmeta.verify_tsl` and the trusted-list classes: `VerifiedTsl` (scheme, pointers,
//! providers and services), its OpenNCP view (`OpenNcpList`) and its SMP mapping
//! (`SmpRecord`).

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDateTime};
use trustmeta::{Certificate, DateTime, LangString, NcpFace, SmpOutputFormat};

use crate::document::Reference;
use crate::errors;
use crate::store::{bytes_arg, TrustStore};
use crate::time;

fn tsl_error(e: trustmeta::TslError) -> PyErr {
    errors::from_core(&trustmeta::Error::from(e))
}

fn lang_strings(v: &[LangString]) -> Vec<(String, String)> {
    v.iter().map(|n| (n.lang.clone(), n.text.clone())).collect()
}

fn ders<'a>(certs: impl Iterator<Item = &'a Certificate>) -> Vec<Vec<u8>> {
    certs.map(|c| c.der().to_vec()).collect()
}

fn py_bytes<'py>(py: Python<'py>, v: &[Vec<u8>]) -> Vec<Bound<'py, PyBytes>> {
    v.iter().map(|b| PyBytes::new(py, b)).collect()
}

/// One ``OtherTSLPointer``: where another trusted list is and which certificates may sign
/// it (the anchors to verify that list with).
#[pyclass(module = "trustmeta", frozen)]
#[derive(Clone)]
pub(crate) struct TslPointer {
    /// ``TSLLocation``: where to fetch the other list.
    #[pyo3(get)]
    location: String,
    /// The other list's ``SchemeTerritory``, when the pointer says.
    #[pyo3(get)]
    territory: Option<String>,
    /// The other list's ``MimeType`` (``"application/vnd.etsi.tsl+xml"``, or
    /// ``"application/pdf"`` for a rendering), when the pointer says.
    #[pyo3(get)]
    mime_type: Option<String>,
    der: Vec<Vec<u8>>,
}

#[pymethods]
impl TslPointer {
    /// The certificates allowed to sign the other list, DER-encoded
    /// (``TrustStore.from_pem`` takes DER too).
    #[getter]
    fn certificates<'py>(&self, py: Python<'py>) -> Vec<Bound<'py, PyBytes>> {
        py_bytes(py, &self.der)
    }

    fn __repr__(&self) -> String {
        format!(
            "TslPointer(location={:?}, territory={:?}, certificates={})",
            self.location,
            self.territory,
            self.der.len()
        )
    }
}

/// One ``TSPService`` with its current ``ServiceInformation``.
#[pyclass(module = "trustmeta", frozen)]
#[derive(Clone)]
pub(crate) struct TslService {
    /// The first ``TSPName`` of its provider (``"NCP-A"``/``"NCP-B"`` in OpenNCP lists).
    #[pyo3(get)]
    provider: String,
    /// ``ServiceTypeIdentifier`` URI.
    #[pyo3(get)]
    type_identifier: String,
    /// The first ``ServiceName``.
    #[pyo3(get)]
    name: String,
    /// Every ``ServiceName`` as ``(lang, text)``.
    #[pyo3(get)]
    names: Vec<(String, String)>,
    /// ``ServiceStatus`` URI; a withdrawn or revoked service is listed but must not be
    /// relied on.
    #[pyo3(get)]
    status: String,
    /// ``ServiceSupplyPoint`` values, in order.
    #[pyo3(get)]
    supply_points: Vec<String>,
    /// How many ``ServiceHistoryInstance`` entries follow (not interpreted).
    #[pyo3(get)]
    history_entries: usize,
    status_starting: DateTime,
    der: Vec<Vec<u8>>,
}

impl TslService {
    fn new(provider: &trustmeta::ServiceProvider, s: &trustmeta::Service) -> Self {
        TslService {
            provider: provider.name().to_owned(),
            type_identifier: s.type_identifier.clone(),
            name: s.name().to_owned(),
            names: lang_strings(&s.names),
            status: s.status.clone(),
            supply_points: s.supply_points.clone(),
            history_entries: s.history_entries,
            status_starting: s.status_starting_time,
            der: ders(s.certificates()),
        }
    }
}

#[pymethods]
impl TslService {
    /// ``StatusStartingTime``, timezone-aware, in UTC (a time written with another offset
    /// is converted).
    #[getter]
    fn status_starting_time<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.status_starting)
    }

    /// The ``X509Certificate`` digital identities, DER-encoded, in ``DigitalId`` order
    /// (for an OpenNCP ``NCP`` service, the TLS certificate then the signature one).
    #[getter]
    fn certificates<'py>(&self, py: Python<'py>) -> Vec<Bound<'py, PyBytes>> {
        py_bytes(py, &self.der)
    }

    fn __repr__(&self) -> String {
        format!(
            "TslService(provider={:?}, name={:?}, status={:?})",
            self.provider, self.name, self.status
        )
    }
}

/// One ``TrustServiceProvider`` and its services.
#[pyclass(module = "trustmeta", frozen, get_all)]
#[derive(Clone)]
pub(crate) struct TslProvider {
    /// The first ``TSPName``.
    name: String,
    /// Every ``TSPName`` as ``(lang, text)``.
    names: Vec<(String, String)>,
    /// Every ``TSPTradeName`` as ``(lang, text)``.
    trade_names: Vec<(String, String)>,
    /// Its services, in document order.
    services: Vec<TslService>,
}

#[pymethods]
impl TslProvider {
    fn __repr__(&self) -> String {
        format!(
            "TslProvider(name={:?}, services={})",
            self.name,
            self.services.len()
        )
    }
}

/// One service of an OpenNCP NCP configuration list, with its face and role.
#[pyclass(module = "trustmeta", frozen, get_all)]
#[derive(Clone)]
pub(crate) struct OpenNcpService {
    /// ``"NCP-A"`` (the country answering) or ``"NCP-B"`` (the country asking).
    face: &'static str,
    /// ``"VPNGateway"``, ``"NCP"``, ``"PatientIdentificationService"`` (also for the
    /// misspelt type of the OpenNCP tools), ``"PatientService"``, ``"OrderService"``,
    /// ``"DispensationService"``, ``"ConsentService"`` or ``"IdP"`` (``IdP`` and ``IdV``).
    role: &'static str,
    /// The service as the list gives it.
    service: TslService,
}

#[pymethods]
impl OpenNcpService {
    fn __repr__(&self) -> String {
        format!(
            "OpenNcpService(face={:?}, role={:?}, status={:?})",
            self.face, self.role, self.service.status
        )
    }
}

/// The OpenNCP (epSOS, eHDSI) view of a verified NCP configuration list. Returned by
/// ``VerifiedTsl.openncp()``.
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct OpenNcpList {
    /// The country of the list's ``Id`` (``NCPConfiguration-AT`` → ``"AT"``).
    #[pyo3(get)]
    country: String,
    /// The services of the ``NCP-A`` and ``NCP-B`` providers with a known role.
    #[pyo3(get)]
    services: Vec<OpenNcpService>,
    /// How many services of those providers have a type that is not an OpenNCP one.
    #[pyo3(get)]
    unknown_services: usize,
    /// TLS and signature certificates of NCP-A, then of NCP-B.
    certs: [Option<Vec<u8>>; 4],
}

fn face_index(face: &str) -> PyResult<usize> {
    match face {
        "NCP-A" => Ok(0),
        "NCP-B" => Ok(2),
        other => Err(PyValueError::new_err(format!(
            "face must be \"NCP-A\" or \"NCP-B\", not {other:?}"
        ))),
    }
}

#[pymethods]
impl OpenNcpList {
    /// The NCP's TLS certificate on ``face`` (``"NCP-A"`` or ``"NCP-B"``): the ``NCP``
    /// service's first ``DigitalId``, DER-encoded; ``None`` when the list gives none.
    fn tls_certificate<'py>(
        &self,
        py: Python<'py>,
        face: &str,
    ) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let i = face_index(face)?;
        Ok(self.certs[i].as_deref().map(|d| PyBytes::new(py, d)))
    }

    /// The NCP's signature certificate on ``face``: the ``NCP`` service's second
    /// ``DigitalId``, DER-encoded; ``None`` when the list gives none.
    fn signature_certificate<'py>(
        &self,
        py: Python<'py>,
        face: &str,
    ) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let i = face_index(face)? + 1;
        Ok(self.certs[i].as_deref().map(|d| PyBytes::new(py, d)))
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.OpenNcpList country={:?}, services={}>",
            self.country,
            self.services.len()
        )
    }
}

/// One unsigned SMP ``ServiceMetadata`` document written by ``VerifiedTsl.to_smp``.
#[pyclass(module = "trustmeta", frozen, get_all)]
#[derive(Clone)]
pub(crate) struct SmpRecord {
    /// The stylesheet's file name, e.g. ``"Patient_Service_AT.xml"`` (no directories).
    file_name: String,
    /// The participant identifier value (scheme ``ehealth-actorid-qns``).
    participant: String,
    /// The document identifier value (scheme ``ehealth-resid-qns``).
    document: String,
    /// The process identifier value (scheme ``ehealth-procid-qns``).
    process: String,
    /// How many endpoints the record has (one per supply point, or one).
    endpoints: usize,
    /// The document, ready for the SMP to sign.
    xml: String,
}

#[pymethods]
impl SmpRecord {
    fn __repr__(&self) -> String {
        format!(
            "SmpRecord(file_name={:?}, document={:?}, process={:?}, endpoints={})",
            self.file_name, self.document, self.process, self.endpoints
        )
    }
}

/// A verified ETSI trusted list: what it says, when it was signed, and by whom. Returned
/// by ``trustmeta.verify_tsl``; the signer fields are those of ``VerifiedDocument``.
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct VerifiedTsl {
    inner: trustmeta::VerifiedTsl,
    /// The list's ``Id`` attribute.
    #[pyo3(get)]
    id: Option<String>,
    /// The list's ``TSLTag`` attribute.
    #[pyo3(get)]
    tag: Option<String>,
    /// ``SchemeTerritory``: a country code, or ``"EU"`` for the list of lists.
    #[pyo3(get)]
    territory: String,
    /// ``TSLVersionIdentifier`` (5 or 6 for TS 119 612, 3 for TS 102 231 v3).
    #[pyo3(get)]
    version: u32,
    /// ``TSLSequenceNumber``: grows with every issue; a lower one than seen is older.
    #[pyo3(get)]
    sequence_number: u64,
    /// ``TSLType`` URI.
    #[pyo3(get)]
    tsl_type: String,
    /// ``SchemeOperatorName`` entries as ``(lang, text)``.
    #[pyo3(get)]
    operator_names: Vec<(String, String)>,
    /// ``SchemeOperatorAddress/ElectronicAddress/URI`` values.
    #[pyo3(get)]
    operator_electronic_addresses: Vec<String>,
    /// ``SchemeName`` entries as ``(lang, text)``.
    #[pyo3(get)]
    scheme_names: Vec<(String, String)>,
    /// ``PointersToOtherTSL``, in order.
    #[pyo3(get)]
    pointers: Vec<TslPointer>,
    /// ``TrustServiceProvider`` entries, in order (none in a list of lists).
    #[pyo3(get)]
    providers: Vec<TslProvider>,
    /// SHA-256 (lowercase hex) of the signer's certificate.
    #[pyo3(get)]
    signer_sha256: Option<String>,
    /// The signer certificate's subject DN.
    #[pyo3(get)]
    signer_subject: Option<String>,
    /// The signing key's type and size, e.g. ``"RSA-2048"``.
    #[pyo3(get)]
    signer_key: String,
    /// Whether the signer's certificate itself is in the trust store.
    #[pyo3(get)]
    pinned: bool,
    /// The SignatureMethod algorithm URI.
    #[pyo3(get)]
    signature_algorithm: &'static str,
    /// The CanonicalizationMethod URI of SignedInfo.
    #[pyo3(get)]
    canonicalization: &'static str,
    /// The verified references (the list and its XAdES SignedProperties).
    #[pyo3(get)]
    references: Vec<Reference>,
    /// Legacy algorithms the policy allowed and the signature used.
    #[pyo3(get)]
    legacy_algorithms: Vec<&'static str>,
    /// The certificate path as ``(subject, sha256_hex)`` pairs, signer first.
    #[pyo3(get)]
    chain: Vec<(String, String)>,
}

impl VerifiedTsl {
    fn new(v: trustmeta::VerifiedTsl) -> Self {
        let l = &v.list;
        let s = &l.scheme;
        let r = &v.report;
        VerifiedTsl {
            id: l.id.clone(),
            tag: l.tag.clone(),
            territory: s.territory.clone(),
            version: s.version,
            sequence_number: s.sequence_number,
            tsl_type: s.tsl_type.clone(),
            operator_names: lang_strings(&s.operator_names),
            operator_electronic_addresses: s.operator_electronic_addresses.clone(),
            scheme_names: lang_strings(&s.scheme_names),
            pointers: s
                .pointers
                .iter()
                .map(|p| TslPointer {
                    location: p.location.clone(),
                    territory: p.territory.clone(),
                    mime_type: p.mime_type.clone(),
                    der: ders(p.certificates.iter()),
                })
                .collect(),
            providers: l
                .providers
                .iter()
                .map(|p| TslProvider {
                    name: p.name().to_owned(),
                    names: lang_strings(&p.names),
                    trade_names: lang_strings(&p.trade_names),
                    services: p.services.iter().map(|s| TslService::new(p, s)).collect(),
                })
                .collect(),
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
            inner: v,
        }
    }
}

#[pymethods]
impl VerifiedTsl {
    /// Every service of every provider, in document order.
    #[getter]
    fn services(&self) -> Vec<TslService> {
        self.providers
            .iter()
            .flat_map(|p| p.services.iter().cloned())
            .collect()
    }

    /// ``ListIssueDateTime``, timezone-aware, in UTC.
    #[getter]
    fn issued<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.inner.list.scheme.issued)
    }

    /// ``NextUpdate``, timezone-aware, in UTC: fetch the list again before then (always
    /// present: a closed list does not verify).
    #[getter]
    fn next_update<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        self.inner
            .list
            .scheme
            .next_update
            .map(|t| time::to_py(py, t))
            .transpose()
    }

    /// The signed XAdES ``SigningTime``, timezone-aware, in UTC; ``None`` when absent.
    #[getter]
    fn signing_time<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        self.inner
            .signing_time
            .map(|t| time::to_py(py, t))
            .transpose()
    }

    /// The time the verification used, timezone-aware, in UTC.
    #[getter]
    fn verified_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.inner.report.verified_at)
    }

    /// The OpenNCP view of an NCP configuration list (``Id="NCPConfiguration-CC"``):
    /// its country and the services of ``NCP-A`` and ``NCP-B`` with their roles.
    ///
    /// Raises:
    ///     TslError: ``tsl.not_openncp`` for any other list.
    fn openncp(&self) -> PyResult<OpenNcpList> {
        let list = &self.inner.list;
        let view = trustmeta::OpenNcpList::new(list).map_err(tsl_error)?;
        let services = view
            .services
            .iter()
            .filter_map(|n| {
                let (p, s) = list
                    .services()
                    .find(|(_, s)| core::ptr::eq(*s, n.service))?;
                Some(OpenNcpService {
                    face: n.face.name(),
                    role: n.role.name(),
                    service: TslService::new(p, s),
                })
            })
            .collect();
        let der = |c: Option<&Certificate>| c.map(|c| c.der().to_vec());
        Ok(OpenNcpList {
            country: view.country.clone(),
            services,
            unknown_services: view.unknown_services,
            certs: [
                der(view.tls_certificate(NcpFace::NcpA)),
                der(view.signature_certificate(NcpFace::NcpA)),
                der(view.tls_certificate(NcpFace::NcpB)),
                der(view.signature_certificate(NcpFace::NcpB)),
            ],
        })
    }

    /// Maps an OpenNCP NCP configuration list to unsigned SMP ``ServiceMetadata``
    /// records, as the community's ``tsl2smp`` stylesheet does, with its two defects
    /// fixed (the NCP signature certificate is carried in an endpoint Extension;
    /// activation times keep their instant). Withdrawn and revoked services are not
    /// published. All records or none.
    ///
    /// Arguments:
    ///     format: ``"oasis-smp1"`` (OASIS SMP 1.0, the default) or ``"busdox"`` (PEPPOL,
    ///         as the stylesheet wrote).
    ///
    /// Raises:
    ///     TslError: ``tsl.not_openncp`` for a list that is not an NCP configuration
    ///         list; ``tsl.malformed`` when a published service lacks a certificate or a
    ///         supply point its record needs.
    ///     ValueError: an unknown ``format``.
    #[pyo3(signature = (format = "oasis-smp1"))]
    fn to_smp(&self, format: &str) -> PyResult<Vec<SmpRecord>> {
        let f = SmpOutputFormat::parse(format).ok_or_else(|| {
            PyValueError::new_err(format!(
                "to_smp() argument 'format' must be \"oasis-smp1\" or \"busdox\", not {format:?}"
            ))
        })?;
        let records = trustmeta::to_smp(&self.inner, f).map_err(tsl_error)?;
        Ok(records
            .into_iter()
            .map(|r| SmpRecord {
                file_name: r.file_name,
                participant: r.participant,
                document: r.document,
                process: r.process,
                endpoints: r.endpoints,
                xml: r.xml,
            })
            .collect())
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.VerifiedTsl territory={:?}, sequence_number={}, providers={}, pointers={}>",
            self.territory,
            self.sequence_number,
            self.providers.len(),
            self.pointers.len()
        )
    }
}

/// Verifies a signed ETSI trusted list (TS 119 612, or TS 102 231; the EU list of lists,
/// a national list, an OpenNCP NCP configuration list) against the anchors in ``store``,
/// and reads it.
///
/// The profile: exactly one ``ds:Signature``, a child of the ``TrustServiceStatusList``;
/// one Reference covers the whole list (enveloped), one its XAdES ``SignedProperties``;
/// the signed ``SigningCertificate`` names the certificate that verified the signature,
/// which must be in ``store`` or chain to it (the certificates the list carries never
/// make it trusted). The list must be current: issued by ``now``, ``NextUpdate`` after it.
///
/// Arguments:
///     xml: the list as raw bytes.
///     store: the list's signing certificate or the CA that issued it, from an authentic
///         source (for the EU list of lists, the Official Journal).
///     now, allow_sha1, min_rsa_bits: as ``verify``.
///
/// Returns a ``VerifiedTsl``.
///
/// Raises:
///     TslError: ``tsl.unknown_document``, ``tsl.signature_profile``,
///         ``tsl.signing_certificate_mismatch``, ``tsl.expired``, ``tsl.malformed``.
///     VerificationError: the other subclasses as ``verify`` (``UntrustedSigner`` for a
///         signer outside ``store``, ``UnsupportedAlgorithm`` for SHA-1 by default).
///     TypeError: ``xml`` is not ``bytes`` or ``store`` not a ``TrustStore``.
///
/// Example::
///
///     tsl = trustmeta.verify_tsl(Path("ncp-configuration-at.xml").read_bytes(), store)
///     for record in tsl.to_smp():
///         Path(record.file_name).write_text(record.xml)
#[pyfunction]
#[pyo3(signature = (xml, store, *, now = None, allow_sha1 = false, min_rsa_bits = 2048))]
pub(crate) fn verify_tsl(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    store: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<VerifiedTsl> {
    const F: &str = "verify_tsl";
    let xml = bytes_arg(F, "xml", xml)?;
    let Ok(store) = store.cast::<TrustStore>() else {
        return Err(PyTypeError::new_err(format!(
            "{F}() argument 'store' must be a trustmeta.TrustStore (e.g. TrustStore.from_pem(pem_bytes)), not {}",
            store.get_type().name()?
        )));
    };
    let policy = crate::emrex::policy(F, allow_sha1, min_rsa_bits)?;
    let now = match now {
        Some(t) if !t.is_none() => time::from_py(t)?,
        _ => time::system_now()?,
    };
    let store = store.get();
    // The bytes are immutable and the store is behind a lock: verify without the GIL.
    py.detach(|| {
        let anchors = store.read();
        trustmeta::verify_tsl(xml, &anchors, &policy, now)
    })
    .map(VerifiedTsl::new)
    .map_err(|e| errors::from_core(&e))
}
