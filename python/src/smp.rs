//! `trustmeta.verify_smp`, `trustmeta.smp_name` and the SMP result classes.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDateTime;
use trustmeta::{
    bdxl_name, sml_cname, DateTime, DocumentId, IdentifierPolicy, ParticipantId, Policy, ProcessId,
    SmpQuestion,
};

use crate::document::Reference;
use crate::errors;
use crate::store::{bytes_arg, TrustStore};
use crate::time;

fn py_date(py: Python<'_>, t: Option<DateTime>) -> PyResult<Option<Bound<'_, PyDateTime>>> {
    t.map(|t| time::to_py(py, t)).transpose()
}

/// One endpoint of a verified SMP record: where to send, over which transport profile,
/// and the certificate the access point must present.
#[pyclass(module = "trustmeta", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Endpoint {
    transport_profile: String,
    uri: String,
    certificate_sha256: Option<String>,
    activation: Option<DateTime>,
    expiration: Option<DateTime>,
    certificate_trusted: Option<bool>,
    certificate_error: Option<String>,
}

impl Endpoint {
    fn new(e: &trustmeta::Endpoint) -> Self {
        Endpoint {
            transport_profile: e.transport_profile.clone(),
            uri: e.uri.clone(),
            certificate_sha256: e
                .certificate()
                .map(trustmeta::EndpointCertificate::sha256_hex),
            activation: e.activation,
            expiration: e.expiration,
            certificate_trusted: None,
            certificate_error: None,
        }
    }
}

#[pymethods]
impl Endpoint {
    /// The transport profile, e.g. ``"peppol-transport-as4-v2_0"``.
    #[getter]
    fn transport_profile(&self) -> &str {
        &self.transport_profile
    }

    /// The endpoint's address: where to send.
    #[getter]
    fn uri(&self) -> &str {
        &self.uri
    }

    /// SHA-256 (lowercase hex) of the certificate published for the endpoint (the first
    /// one in SMP 2.0); ``None`` when none is published.
    #[getter]
    fn certificate_sha256(&self) -> Option<&str> {
        self.certificate_sha256.as_deref()
    }

    /// The activation date, a timezone-aware UTC ``datetime`` (a date written without a
    /// zone is read as UTC); ``None`` when the record gives none.
    #[getter]
    fn activation<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        py_date(py, self.activation)
    }

    /// The expiration date, a timezone-aware UTC ``datetime`` (an ``xs:date`` ends with
    /// its day); ``None`` when the record gives none.
    #[getter]
    fn expiration<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        py_date(py, self.expiration)
    }

    /// With ``ap_store=`` given to ``verify_smp``: whether the endpoint's certificate has a
    /// valid path to an access-point anchor; ``None`` when not checked.
    #[getter]
    fn certificate_trusted(&self) -> Option<bool> {
        self.certificate_trusted
    }

    /// With ``ap_store=``: the error code saying why the certificate is not trusted
    /// (``"pki.untrusted_signer"``, ``"pki.expired"``, ``"pki.bad_certificate"`` when none
    /// is published, …); ``None`` when trusted or not checked.
    #[getter]
    fn certificate_error(&self) -> Option<&str> {
        self.certificate_error.as_deref()
    }

    fn __repr__(&self) -> String {
        format!(
            "Endpoint(transport_profile={:?}, uri={:?}, certificate_sha256={:?})",
            self.transport_profile, self.uri, self.certificate_sha256
        )
    }
}

/// An endpoint that matches the question but was left out for its dates.
#[pyclass(module = "trustmeta", frozen, get_all)]
#[derive(Clone)]
pub(crate) struct FilteredEndpoint {
    /// The endpoint.
    endpoint: Endpoint,
    /// ``"expired"`` or ``"not_yet_active"``.
    reason: &'static str,
    /// A sentence with the date and the verification time.
    message: String,
}

#[pymethods]
impl FilteredEndpoint {
    fn __repr__(&self) -> String {
        format!(
            "FilteredEndpoint(uri={:?}, reason={:?})",
            self.endpoint.uri, self.reason
        )
    }
}

/// A signed redirect to another SMP: fetch ``href`` and verify the answer with
/// ``verify_smp`` and the same question; its signer must be the one named here.
#[pyclass(module = "trustmeta", frozen, get_all)]
#[derive(Clone)]
pub(crate) struct Redirect {
    /// Where to ask instead (``href``, SMP 2.0 ``PublisherURI``).
    href: String,
    /// SMP 1.x ``CertificateUID``: subject DN (or serialNumber) of the target's signer.
    certificate_uid: Option<String>,
    /// SMP 2.0: SHA-256 (lowercase hex) of each certificate the target's signer may have.
    certificates: Vec<String>,
}

#[pymethods]
impl Redirect {
    fn __repr__(&self) -> String {
        format!(
            "Redirect(href={:?}, certificate_uid={:?})",
            self.href, self.certificate_uid
        )
    }
}

/// A signed SMP ServiceMetadata record that verified and answers the question asked: the
/// active endpoints, those left out for their dates, or a redirect. Returned by
/// ``trustmeta.verify_smp``; the signer fields are those of ``VerifiedDocument``.
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct VerifiedServiceMetadata {
    /// The specification: ``"peppol-busdox"``, ``"bdxr-2014"``, ``"oasis-smp-1.0"``,
    /// ``"oasis-smp-2.0"``.
    #[pyo3(get)]
    version: &'static str,
    /// The participant the record names (``None`` for an SMP 1.x redirect).
    #[pyo3(get)]
    participant: Option<String>,
    /// The document type the record names (``None`` for an SMP 1.x redirect).
    #[pyo3(get)]
    document: Option<String>,
    /// The endpoints that answer the question and are active at the verification time.
    #[pyo3(get)]
    endpoints: Vec<Endpoint>,
    /// Endpoints that match the question but are outside their dates.
    #[pyo3(get)]
    filtered_endpoints: Vec<FilteredEndpoint>,
    /// The redirect, when the record sends the caller to another SMP.
    #[pyo3(get)]
    redirect: Option<Redirect>,
    /// Signatures below the document element (an eHealth owner signature): counted, not
    /// verified.
    #[pyo3(get)]
    other_signatures: usize,
    /// SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a bare key.
    #[pyo3(get)]
    signer_sha256: Option<String>,
    /// The signer certificate's subject DN; ``None`` for a pinned bare public key.
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
    /// The verified reference (one, ``URI=""``).
    #[pyo3(get)]
    references: Vec<Reference>,
    /// Legacy algorithms the policy allowed and the signature used.
    #[pyo3(get)]
    legacy_algorithms: Vec<&'static str>,
    /// The certificate path as ``(subject, sha256_hex)`` pairs, signer first.
    #[pyo3(get)]
    chain: Vec<(String, String)>,
    verified_at_value: DateTime,
}

#[pymethods]
impl VerifiedServiceMetadata {
    /// The time the verification used, timezone-aware, in UTC.
    #[getter]
    fn verified_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.verified_at_value)
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.VerifiedServiceMetadata version={:?}, participant={:?}, endpoints={}, filtered_endpoints={}, redirect={:?}, signer_subject={:?}>",
            self.version,
            self.participant,
            self.endpoints.len(),
            self.filtered_endpoints.len(),
            self.redirect.as_ref().map(|r| &r.href),
            self.signer_subject
        )
    }
}

impl VerifiedServiceMetadata {
    fn new(v: &trustmeta::VerifiedServiceMetadata) -> Self {
        let r = v.report();
        VerifiedServiceMetadata {
            version: v.version().name(),
            participant: v.participant().map(ToString::to_string),
            document: v.document().map(ToString::to_string),
            endpoints: v.endpoints().iter().map(Endpoint::new).collect(),
            filtered_endpoints: v
                .filtered_endpoints()
                .iter()
                .map(|f| FilteredEndpoint {
                    endpoint: Endpoint::new(&f.endpoint),
                    reason: f.reason.code(),
                    message: f.reason.to_string(),
                })
                .collect(),
            redirect: v.redirect().map(|x| Redirect {
                href: x.href.clone(),
                certificate_uid: x.certificate_uid.clone(),
                certificates: x
                    .certificates
                    .iter()
                    .map(trustmeta::EndpointCertificate::sha256_hex)
                    .collect(),
            }),
            other_signatures: v.other_signatures(),
            signer_sha256: r.signer.as_ref().map(trustmeta::Certificate::sha256_hex),
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
            verified_at_value: r.verified_at,
        }
    }
}

fn identifier<T>(parsed: Result<T, trustmeta::SmpError>) -> PyResult<T> {
    parsed.map_err(|e| errors::from_core(&trustmeta::Error::from(e)))
}

/// Verifies a signed SMP ServiceMetadata record (OASIS SMP 1.0 or 2.0, the BDXR 2014/07
/// draft or PEPPOL busdox) and checks that it answers the question asked.
///
/// Only the ``ds:Signature`` that is a direct child of the document element counts (one
/// ``Reference URI=""``, enveloped, at most one canonicalization). The record must name
/// ``participant`` and ``document`` (participant values compare case-insensitively,
/// document and process identifiers case-sensitively): a record for anything else is a
/// replay and raises ``SmpError`` (``smp.participant_mismatch``,
/// ``smp.document_mismatch``). Endpoints outside their dates at ``now`` are left out and
/// listed in ``filtered_endpoints``. A redirect is returned, not followed.
///
/// Arguments:
///     xml: the record, as the raw bytes fetched.
///     store: the SMP trust anchors, a ``TrustStore`` (keep them apart from TLS anchors).
///     participant: the participant looked up, ``"scheme::value"``.
///     document: the document type looked up, ``"scheme::value"``.
///     process: the process needed, or ``None`` for any.
///     transport_profile: the transport profile spoken (e.g.
///         ``"peppol-transport-as4-v2_0"``), or ``None`` for any.
///     now: a timezone-aware ``datetime``; ``None`` reads the system clock.
///     allow_sha1: accept SHA-1 (still used by PEPPOL SMPs).
///     min_rsa_bits: smallest RSA modulus accepted (default 2048).
///     ap_store: access-point anchors (e.g. the PEPPOL AP CA), a ``TrustStore``: each
///         active endpoint's certificate is then checked against them at ``now``
///         (``Endpoint.certificate_trusted``, ``Endpoint.certificate_error``); ``None``
///         (the default) checks nothing.
///
/// Returns a ``VerifiedServiceMetadata``.
///
/// Raises:
///     VerificationError: a subclass whose ``.code`` is the stable error code;
///         ``SmpError`` for the ``smp.*`` codes (not SMP, replay, no matching process or
///         transport profile, no active endpoint, a malformed identifier).
///     TypeError: ``xml`` is not ``bytes`` or ``store`` not a ``TrustStore``.
///     ValueError: a naive ``now`` or an out-of-range ``min_rsa_bits``.
#[pyfunction]
#[pyo3(signature = (xml, store, *, participant, document, process = None, transport_profile = None, now = None, allow_sha1 = false, min_rsa_bits = 2048, ap_store = None))]
#[allow(clippy::too_many_arguments)] // keyword-only options of the Python signature
pub(crate) fn verify_smp(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    store: &Bound<'_, PyAny>,
    participant: &str,
    document: &str,
    process: Option<&str>,
    transport_profile: Option<&str>,
    now: Option<&Bound<'_, PyAny>>,
    allow_sha1: bool,
    min_rsa_bits: i64,
    ap_store: Option<&Bound<'_, PyAny>>,
) -> PyResult<VerifiedServiceMetadata> {
    let xml = bytes_arg("verify_smp", "xml", xml)?;
    let (store, policy, question, now) = setup(
        "verify_smp",
        store,
        participant,
        document,
        process,
        transport_profile,
        now,
        allow_sha1,
        min_rsa_bits,
    )?;
    let store = store.get();
    // As `verify`: the bytes are immutable and the store is behind a lock, so verify
    // without the GIL.
    let ap_store = match ap_store {
        Some(a) if !a.is_none() => match a.cast::<TrustStore>() {
            Ok(a) => Some(a.get()),
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                "verify_smp() argument 'ap_store' must be a trustmeta.TrustStore or None, not {}",
                a.get_type().name()?
            )))
            }
        },
        _ => None,
    };
    let outcome = py.detach(|| {
        let v = {
            let anchors = store.read();
            trustmeta::verify_smp(xml, &question, &anchors, &policy, now)?
        };
        let mut out = VerifiedServiceMetadata::new(&v);
        if let Some(ap) = ap_store {
            let ap = ap.read();
            let checks = trustmeta::check_endpoint_certificates(v.endpoints(), &ap, &policy, now);
            for (c, e) in checks.into_iter().zip(out.endpoints.iter_mut()) {
                e.certificate_trusted = Some(c.result.is_ok());
                e.certificate_error = c
                    .result
                    .err()
                    .map(|err| trustmeta::Error::from(err).code().as_str().to_owned());
            }
        }
        Ok::<_, trustmeta::Error>(out)
    });
    outcome.map_err(|e| errors::from_core(&e))
}

/// The store, policy, question and time of an SMP verification.
#[allow(clippy::too_many_arguments)] // the keyword options of the Python functions
fn setup<'a, 'py>(
    func: &str,
    store: &'a Bound<'py, PyAny>,
    participant: &str,
    document: &str,
    process: Option<&str>,
    transport_profile: Option<&str>,
    now: Option<&Bound<'_, PyAny>>,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<(&'a Bound<'py, TrustStore>, Policy, SmpQuestion, DateTime)> {
    let (store, policy, now) = common(func, store, now, allow_sha1, min_rsa_bits)?;
    let question = SmpQuestion {
        participant: identifier(ParticipantId::parse(participant))?,
        document: identifier(DocumentId::parse(document))?,
        process: process
            .map(ProcessId::parse)
            .transpose()
            .map_err(|e| errors::from_core(&trustmeta::Error::from(e)))?,
        transport_profile: transport_profile.map(String::from),
        identifiers: trustmeta::IdentifierPolicy::default(),
    };
    Ok((store, policy, question, now))
}

/// The store, policy and time every SMP function takes.
fn common<'a, 'py>(
    func: &str,
    store: &'a Bound<'py, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<(&'a Bound<'py, TrustStore>, Policy, DateTime)> {
    let Ok(store) = store.cast::<TrustStore>() else {
        return Err(PyTypeError::new_err(format!(
            "{func}() argument 'store' must be a trustmeta.TrustStore, not {}",
            store.get_type().name()?
        )));
    };
    let min_rsa_bits = u32::try_from(min_rsa_bits).map_err(|_| {
        PyValueError::new_err(format!(
            "{func}() argument 'min_rsa_bits' must be between 0 and {}, not {min_rsa_bits}",
            u32::MAX
        ))
    })?;
    let now = match now {
        Some(t) if !t.is_none() => time::from_py(t)?,
        _ => time::system_now()?,
    };
    let policy = Policy {
        allow_sha1,
        min_rsa_bits,
        ..Policy::default()
    };
    Ok((store, policy, now))
}

/// Follows a redirect the caller fetched: verifies the redirecting record ``first`` as
/// ``verify_smp`` does (it must give a redirect), then the record fetched from its href,
/// ``target``, for the same question, and checks that the target's signer is the one the
/// redirect names (SMP 1.x ``CertificateUID``: subject DN compared order-, case- and
/// space-insensitively, or subject serialNumber; SMP 2.0: one of the redirect's
/// certificates). Both records are verified against ``store``.
///
/// Arguments: ``first`` and ``target`` as raw bytes; the rest as ``verify_smp``.
///
/// Returns the target's ``VerifiedServiceMetadata``.
///
/// Raises:
///     VerificationError: as ``verify_smp`` for either record; ``SmpError`` with
///         ``smp.redirect_signer_mismatch`` when another certificate signed the target,
///         ``smp.double_redirect`` when the target redirects again.
///     ValueError: ``first`` verified but is not a redirect (and as ``verify_smp``).
///     TypeError: as ``verify_smp``.
#[pyfunction]
#[pyo3(signature = (first, target, store, *, participant, document, process = None, transport_profile = None, now = None, allow_sha1 = false, min_rsa_bits = 2048))]
#[allow(clippy::too_many_arguments)] // keyword-only options of the Python signature
pub(crate) fn verify_smp_redirect(
    py: Python<'_>,
    first: &Bound<'_, PyAny>,
    target: &Bound<'_, PyAny>,
    store: &Bound<'_, PyAny>,
    participant: &str,
    document: &str,
    process: Option<&str>,
    transport_profile: Option<&str>,
    now: Option<&Bound<'_, PyAny>>,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<VerifiedServiceMetadata> {
    const F: &str = "verify_smp_redirect";
    let first = bytes_arg(F, "first", first)?;
    let target = bytes_arg(F, "target", target)?;
    let (store, policy, question, now) = setup(
        F,
        store,
        participant,
        document,
        process,
        transport_profile,
        now,
        allow_sha1,
        min_rsa_bits,
    )?;
    let store = store.get();
    let outcome = py.detach(|| {
        let anchors = store.read();
        let first = trustmeta::verify_smp(first, &question, &anchors, &policy, now)?;
        let Some(redirect) = first.redirect() else {
            return Ok(None);
        };
        trustmeta::verify_smp_redirect_target(target, &question, redirect, &anchors, &policy, now)
            .map(|v| Some(VerifiedServiceMetadata::new(&v)))
    });
    match outcome.map_err(|e| errors::from_core(&e))? {
        Some(v) => Ok(v),
        None => Err(PyValueError::new_err(format!(
            "{F}() argument 'first' verified but is not a redirect"
        ))),
    }
}

/// One entry of a ServiceGroup: a reference to one of the participant's ServiceMetadata
/// records.
#[pyclass(module = "trustmeta", frozen, get_all)]
#[derive(Clone)]
pub(crate) struct ServiceReference {
    /// The document type, ``"scheme::value"``: SMP 2.0 ``ID``, or decoded from the end of
    /// an SMP 1.x href; ``None`` when the href names none.
    document: Option<String>,
    /// SMP 1.x ``ServiceMetadataReference href``; ``None`` in SMP 2.0.
    href: Option<String>,
}

#[pymethods]
impl ServiceReference {
    fn __repr__(&self) -> String {
        format!(
            "ServiceReference(document={:?}, href={:?})",
            self.document, self.href
        )
    }
}

/// A verified SMP ServiceGroup: the participant's document types. Returned by
/// ``verify_service_group``. ``signed`` is ``False`` for an unsigned group accepted with
/// ``allow_unsigned=True`` (the signer fields are then ``None``).
#[pyclass(module = "trustmeta", frozen, get_all)]
pub(crate) struct VerifiedServiceGroup {
    /// ``"peppol-busdox"``, ``"oasis-smp-1.0"`` or ``"oasis-smp-2.0"``.
    version: &'static str,
    /// The participant, ``"scheme::value"`` (the one asked for).
    participant: String,
    /// The entries, as ``ServiceReference``.
    references: Vec<ServiceReference>,
    /// Whether the group carried a signature that verified.
    signed: bool,
    /// SHA-256 (lowercase hex) of the signer's certificate, or ``None``.
    signer_sha256: Option<String>,
    /// Subject DN of the signer's certificate, or ``None``.
    signer_subject: Option<String>,
    /// Signatures below the document element: counted, not verified.
    other_signatures: usize,
}

#[pymethods]
impl VerifiedServiceGroup {
    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.VerifiedServiceGroup version={:?}, participant={:?}, references={}, signed={}>",
            self.version,
            self.participant,
            self.references.len(),
            if self.signed { "True" } else { "False" }
        )
    }
}

/// Verifies an SMP ServiceGroup (OASIS SMP 1.0 or 2.0, PEPPOL busdox) for
/// ``participant``: the list of its document types.
///
/// ServiceGroups are usually unsigned; an unsigned group raises ``VerificationError``
/// (``dsig.missing_signature``) unless ``allow_unsigned=True`` — it then proves nothing
/// about who published it. A signed group must pass the SMP signature profile.
///
/// Arguments:
///     xml: the ServiceGroup, as the raw bytes fetched.
///     store: the SMP trust anchors, a ``TrustStore``.
///     participant: the participant looked up, ``"scheme::value"``.
///     allow_unsigned: accept an unsigned group.
///     now, allow_sha1, min_rsa_bits: as ``verify_smp``.
///
/// Returns a ``VerifiedServiceGroup``.
///
/// Raises:
///     VerificationError: ``dsig.missing_signature`` for an unsigned group by default;
///         ``SmpError`` (``smp.participant_mismatch`` for another participant's group, …).
///     TypeError, ValueError: as ``verify_smp``.
#[pyfunction]
#[pyo3(signature = (xml, store, *, participant, allow_unsigned = false, now = None, allow_sha1 = false, min_rsa_bits = 2048))]
#[allow(clippy::too_many_arguments)] // keyword-only options of the Python signature
pub(crate) fn verify_service_group(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    store: &Bound<'_, PyAny>,
    participant: &str,
    allow_unsigned: bool,
    now: Option<&Bound<'_, PyAny>>,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<VerifiedServiceGroup> {
    const F: &str = "verify_service_group";
    let xml = bytes_arg(F, "xml", xml)?;
    let (store, policy, now) = common(F, store, now, allow_sha1, min_rsa_bits)?;
    let question = trustmeta::ServiceGroupQuestion {
        allow_unsigned,
        ..trustmeta::ServiceGroupQuestion::new(identifier(ParticipantId::parse(participant))?)
    };
    let store = store.get();
    let outcome = py.detach(|| {
        let anchors = store.read();
        trustmeta::verify_service_group(xml, &question, &anchors, &policy, now).map(|g| {
            let report = g.report();
            let signer = report.and_then(|r| r.signer.as_ref());
            VerifiedServiceGroup {
                version: g.version().name(),
                participant: g.participant().to_string(),
                references: g
                    .references()
                    .iter()
                    .map(|r| ServiceReference {
                        document: r.document.as_ref().map(ToString::to_string),
                        href: r.href.clone(),
                    })
                    .collect(),
                signed: report.is_some(),
                signer_sha256: signer.map(trustmeta::Certificate::sha256_hex),
                signer_subject: signer.map(|c| c.subject().to_owned()),
                other_signatures: g.other_signatures(),
            }
        })
    });
    outcome.map_err(|e| errors::from_core(&e))
}

/// A signature inside an SMP record's ``Extension`` (the eHealth owner signature), verified
/// over the element it covers. Returned (in a list) by
/// ``verify_smp_extension_signatures``.
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct ExtensionSignature {
    /// Local name of the element the signature covers: the parent of its ``Extension``
    /// (``"ServiceInformation"`` in SMP 1.0).
    #[pyo3(get)]
    covered_element: String,
    /// SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a bare key.
    #[pyo3(get)]
    signer_sha256: Option<String>,
    /// The signer certificate's subject DN; ``None`` for a pinned bare public key.
    #[pyo3(get)]
    signer_subject: Option<String>,
    /// The signing key's type and size, e.g. ``"EC-P256"``.
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
    /// Legacy algorithms the policy allowed and the signature used.
    #[pyo3(get)]
    legacy_algorithms: Vec<&'static str>,
    /// The certificate path as ``(subject, sha256_hex)`` pairs, signer first.
    #[pyo3(get)]
    chain: Vec<(String, String)>,
    verified_at_value: DateTime,
}

#[pymethods]
impl ExtensionSignature {
    /// The time the verification used, timezone-aware, in UTC.
    #[getter]
    fn verified_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.verified_at_value)
    }

    fn __repr__(&self) -> String {
        format!(
            "ExtensionSignature(covered_element={:?}, signer_subject={:?})",
            self.covered_element, self.signer_subject
        )
    }
}

/// Verifies the signatures inside ``Extension`` elements of an SMP record — the eHealth
/// owner signature — each over the element that contains its ``Extension``.
/// ``verify_smp`` counts them (``other_signatures``) but does not verify them; call this
/// when the owner's signature matters, with the owners' anchors in ``store``. Every
/// extension signature must verify; the record's own signature is not checked here.
///
/// Arguments:
///     xml: the SMP record, as raw bytes.
///     store: the owners' anchors, a ``TrustStore``.
///     now, allow_sha1, min_rsa_bits: as ``verify_smp``.
///
/// Returns a list of ``ExtensionSignature``, in document order.
///
/// Raises:
///     VerificationError: ``dsig.missing_signature`` when there is none; the signature's
///         code (``dsig.digest_mismatch``, ``pki.untrusted_signer``, …) when one fails;
///         ``SmpError`` (``smp.signature_profile``) for a signature outside an
///         ``Extension`` or not covering exactly its parent element.
///     TypeError, ValueError: as ``verify_smp``.
#[pyfunction]
#[pyo3(signature = (xml, store, *, now = None, allow_sha1 = false, min_rsa_bits = 2048))]
pub(crate) fn verify_smp_extension_signatures(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    store: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<Vec<ExtensionSignature>> {
    const F: &str = "verify_smp_extension_signatures";
    let xml = bytes_arg(F, "xml", xml)?;
    let (store, policy, now) = common(F, store, now, allow_sha1, min_rsa_bits)?;
    let store = store.get();
    let outcome = py.detach(|| {
        let anchors = store.read();
        trustmeta::verify_smp_extension_signatures(xml, &anchors, &policy, now).map(|sigs| {
            sigs.iter()
                .map(|s| {
                    let r = &s.report;
                    ExtensionSignature {
                        covered_element: s.covered_element.clone(),
                        signer_sha256: r.signer.as_ref().map(trustmeta::Certificate::sha256_hex),
                        signer_subject: r.signer.as_ref().map(|c| c.subject().to_owned()),
                        signer_key: r.signer_key.to_string(),
                        pinned: r.pinned,
                        signature_algorithm: r.signature_algorithm.uri(),
                        canonicalization: r.canonicalization.uri(),
                        legacy_algorithms: r.legacy_algorithms.clone(),
                        chain: r
                            .chain
                            .iter()
                            .map(|c| (c.subject().to_owned(), c.sha256_hex()))
                            .collect(),
                        verified_at_value: r.verified_at,
                    }
                })
                .collect()
        })
    });
    outcome.map_err(|e| errors::from_core(&e))
}

/// The DNS name under which an SML/BDXL publishes ``participant``'s SMP in ``zone``.
///
/// By default the BDXL (NAPTR) name: base32(SHA-256(lowercase value)) + ``.`` + scheme
/// + ``.`` + zone; with ``cname=True`` the PEPPOL SML CNAME: ``B-`` + hex(MD5(lowercase
/// value)) + ``.`` + scheme + ``.`` + zone. ebCore party IDs are hashed whole with no
/// scheme label; ``*`` is kept. Nothing is looked up.
///
/// Raises ``SmpError`` (``smp.bad_identifier``) when ``participant`` is not an identifier.
///
/// Example::
///
///     >>> trustmeta.smp_name("iso6523-actorid-upis::0088:123ABC", "participant.sml.test.tech.peppol.org")
///     'y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.participant.sml.test.tech.peppol.org'
#[pyfunction]
#[pyo3(signature = (participant, zone, *, cname = false))]
pub(crate) fn smp_name(participant: &str, zone: &str, cname: bool) -> PyResult<String> {
    let p = identifier(ParticipantId::parse(participant))?;
    let ids = IdentifierPolicy::default();
    Ok(if cname {
        sml_cname(&p, zone, &ids)
    } else {
        bdxl_name(&p, zone, &ids)
    })
}
