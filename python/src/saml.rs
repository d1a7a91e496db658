//! `trustmeta.IssuerTrust`, `trustmeta.ReplayCache`, `trustmeta.verify_saml_response`,
//! `trustmeta.verify_saml_request`, `trustmeta.verify_saml_request_redirect`,
//! `trustmeta.decode_post_binding` and the SAML result classes.

use std::sync::{Mutex, PoisonError, RwLock};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDateTime};
use trustmeta::{
    AttributeStatus, DateTime, MemoryReplayCache, RequestExpectations, ResponseExpectations,
    SamlProfile, SignedBy, SignedParts, SpType, VerificationReport,
};

use crate::document::{Outcome, VerifiedDocument};
use crate::emrex::policy;
use crate::errors;
use crate::store::{bytes_arg, TrustStore};
use crate::time;

/// Which keys may sign for which SAML issuer: a ``TrustStore`` per issuer entity ID, or
/// one store for any issuer (a relying party that talks to one identity provider).
///
/// A message is checked against the store of the issuer it names, else the any-issuer
/// store; naming another issuer only selects another store, whose keys the signer then
/// must hold. Stores are copied when added.
///
/// Example::
///
///     trust = trustmeta.IssuerTrust()
///     trust.add("https://idp.example.org/", trustmeta.TrustStore.from_pem(idp_pem))
///     # or: trust = trustmeta.IssuerTrust.any_issuer(store)
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct IssuerTrust {
    inner: RwLock<trustmeta::IssuerTrust>,
    issuers: RwLock<Vec<String>>,
}

fn store_arg<'a, 'py>(
    func: &str,
    store: &'a Bound<'py, PyAny>,
) -> PyResult<&'a Bound<'py, TrustStore>> {
    store.cast::<TrustStore>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{func}() argument 'store' must be a trustmeta.TrustStore, not {}",
            store
                .get_type()
                .name()
                .map_or_else(|_| String::from("?"), |n| n.to_string())
        ))
    })
}

impl IssuerTrust {
    /// Trust the core built (from metadata), with the entity IDs it holds stores for.
    pub(crate) fn from_core(inner: trustmeta::IssuerTrust, issuers: Vec<String>) -> Self {
        IssuerTrust {
            inner: RwLock::new(inner),
            issuers: RwLock::new(issuers),
        }
    }
}

#[pymethods]
impl IssuerTrust {
    /// No issuer is trusted yet; add stores with ``add``.
    #[new]
    fn new() -> Self {
        IssuerTrust {
            inner: RwLock::new(trustmeta::IssuerTrust::new()),
            issuers: RwLock::new(Vec::new()),
        }
    }

    /// Trust that uses ``store`` for every issuer.
    ///
    /// Raises ``TypeError`` when ``store`` is not a ``TrustStore``.
    #[staticmethod]
    fn any_issuer(store: &Bound<'_, PyAny>) -> PyResult<Self> {
        let store = store_arg("IssuerTrust.any_issuer", store)?;
        let copy = store.get().read().clone();
        Ok(IssuerTrust {
            inner: RwLock::new(trustmeta::IssuerTrust::any_issuer(copy)),
            issuers: RwLock::new(Vec::new()),
        })
    }

    /// Trusts (a copy of) ``store`` for messages whose ``Issuer`` is ``entity_id``
    /// (compared exactly). Adding the same entity ID twice keeps the first store.
    ///
    /// Raises ``TypeError`` when ``store`` is not a ``TrustStore``.
    fn add(&self, entity_id: &str, store: &Bound<'_, PyAny>) -> PyResult<()> {
        let store = store_arg("IssuerTrust.add", store)?;
        let copy = store.get().read().clone();
        self.inner
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .add(entity_id, copy);
        self.issuers
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .push(entity_id.to_owned());
        Ok(())
    }

    /// The entity IDs added with ``add``, in order.
    #[getter]
    fn issuers(&self) -> Vec<String> {
        self.issuers
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn __repr__(&self) -> String {
        format!("<trustmeta.IssuerTrust issuers={:?}>", self.issuers())
    }
}

/// Remembers the IDs of accepted assertions until they expire, so that a bearer assertion
/// is accepted once: keep one per relying party and pass it to every
/// ``verify_saml_response``. Only a response that verified in every other respect is
/// recorded. When full, expired IDs are dropped; if it is still full, a new assertion is
/// refused as a replay rather than evicting a live ID. Safe to share between threads.
///
/// Example::
///
///     cache = trustmeta.ReplayCache(100_000)
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct ReplayCache {
    inner: Mutex<MemoryReplayCache>,
    capacity: usize,
}

#[pymethods]
impl ReplayCache {
    /// A cache holding at most ``capacity`` unexpired assertion IDs.
    #[new]
    fn new(capacity: usize) -> Self {
        ReplayCache {
            inner: Mutex::new(MemoryReplayCache::new(capacity)),
            capacity,
        }
    }

    /// How many unexpired IDs the cache may hold.
    #[getter]
    fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many assertion IDs the cache holds (expired ones until dropped for room).
    fn __len__(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.ReplayCache {} of {}>",
            self.__len__(),
            self.capacity
        )
    }
}

/// One ``Attribute`` of a verified assertion.
#[pyclass(module = "trustmeta", frozen, eq, hash, get_all)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct SamlAttribute {
    /// ``Name``.
    name: String,
    /// ``NameFormat``; ``None`` when absent.
    name_format: Option<String>,
    /// ``FriendlyName``; ``None`` when absent.
    friendly_name: Option<String>,
    /// Each ``AttributeValue``'s text (all text below it, for structured values).
    values: Vec<String>,
    /// STORK's ``AttributeStatus``: ``"Available"``, ``"NotAvailable"``, ``"Withheld"``,
    /// or ``None`` when absent.
    status: Option<&'static str>,
}

#[pymethods]
impl SamlAttribute {
    fn __repr__(&self) -> String {
        format!(
            "SamlAttribute(name={:?}, friendly_name={:?}, values={:?}, status={:?})",
            self.name, self.friendly_name, self.values, self.status
        )
    }
}

fn signatures(
    py: Python<'_>,
    reports: &[VerificationReport],
) -> PyResult<Vec<Py<VerifiedDocument>>> {
    reports
        .iter()
        .map(|r| {
            Py::new(
                py,
                VerifiedDocument::new(py, Outcome::from_report(r.clone())),
            )
        })
        .collect()
}

fn opt_time<'py>(py: Python<'py>, t: Option<DateTime>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
    t.map(|t| time::to_py(py, t)).transpose()
}

/// A verified SAML response: the issuer, the subject, the attributes and the conditions
/// of its one assertion, and who signed. Returned by ``verify_saml_response``; only what
/// a verified signature covered is here.
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct VerifiedSamlResponse {
    /// The Response ``ID``.
    #[pyo3(get)]
    id: String,
    /// The issuer's entity ID (the assertion's; the Response's, when present, is the same).
    #[pyo3(get)]
    issuer: String,
    /// ``InResponseTo``: the request answered; ``None`` for an unsolicited response.
    #[pyo3(get)]
    in_response_to: Option<String>,
    /// ``Destination``; ``None`` when absent.
    #[pyo3(get)]
    destination: Option<String>,
    /// The assertion's ``ID`` (what the replay cache records).
    #[pyo3(get)]
    assertion_id: String,
    /// The subject's ``NameID`` (all its text: a comment cannot shorten it); ``None``
    /// when the subject has none.
    #[pyo3(get)]
    name_id: Option<String>,
    /// The NameID's ``Format``; ``None`` when absent.
    #[pyo3(get)]
    name_id_format: Option<String>,
    /// The attributes of every ``AttributeStatement``, in order.
    #[pyo3(get)]
    attributes: Vec<SamlAttribute>,
    /// The level of assurance: the first ``AuthnContextClassRef`` (eIDAS
    /// ``http://eidas.europa.eu/LoA/…``); ``None`` when absent.
    #[pyo3(get)]
    loa: Option<String>,
    /// STORK's ``QualityAuthenticationAssuranceLevel`` (1–4); ``None`` when absent.
    #[pyo3(get)]
    stork_qaa: Option<u8>,
    /// The first AuthnStatement's ``SessionIndex``; ``None`` when absent.
    #[pyo3(get)]
    session_index: Option<String>,
    /// The audiences of the audience restrictions.
    #[pyo3(get)]
    audiences: Vec<String>,
    /// Whether the conditions include ``OneTimeUse``.
    #[pyo3(get)]
    one_time_use: bool,
    /// Which signatures covered the assertion: ``"response"``, ``"assertion"`` or
    /// ``"both"``.
    #[pyo3(get)]
    signed_by: &'static str,
    signatures: Vec<Py<VerifiedDocument>>,
    issue_instant_value: DateTime,
    not_before_value: Option<DateTime>,
    not_on_or_after_value: Option<DateTime>,
}

#[pymethods]
impl VerifiedSamlResponse {
    /// The assertion's ``IssueInstant``, timezone-aware, in UTC.
    #[getter]
    fn issue_instant<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.issue_instant_value)
    }

    /// ``Conditions/@NotBefore``; ``None`` when absent.
    #[getter]
    fn not_before<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        opt_time(py, self.not_before_value)
    }

    /// ``Conditions/@NotOnOrAfter``: keep the session no longer; ``None`` when absent.
    #[getter]
    fn not_on_or_after<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        opt_time(py, self.not_on_or_after_value)
    }

    /// The verified signatures (the Response's first when both are signed), with the
    /// signer fields of ``VerifiedDocument`` (``signed_xml`` is empty).
    #[getter]
    fn signatures(&self, py: Python<'_>) -> Vec<Py<VerifiedDocument>> {
        self.signatures.iter().map(|s| s.clone_ref(py)).collect()
    }

    /// The first attribute whose ``Name`` or ``FriendlyName`` is ``name``; ``None`` when
    /// there is none.
    fn attribute(&self, name: &str) -> Option<SamlAttribute> {
        self.attributes
            .iter()
            .find(|a| a.name == name || a.friendly_name.as_deref() == Some(name))
            .cloned()
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.VerifiedSamlResponse issuer={:?}, name_id={:?}, attributes={}, signed_by={:?}>",
            self.issuer,
            self.name_id,
            self.attributes.len(),
            self.signed_by
        )
    }
}

impl VerifiedSamlResponse {
    fn new(py: Python<'_>, v: &trustmeta::VerifiedResponse) -> PyResult<Self> {
        let a = &v.assertion;
        Ok(VerifiedSamlResponse {
            id: v.id.clone(),
            issuer: v.issuer.clone(),
            in_response_to: v.in_response_to.clone(),
            destination: v.destination.clone(),
            assertion_id: a.id.clone(),
            name_id: a.name_id.as_ref().map(|n| n.value.clone()),
            name_id_format: a.name_id.as_ref().and_then(|n| n.format.clone()),
            attributes: a
                .attributes
                .iter()
                .map(|x| SamlAttribute {
                    name: x.name.clone(),
                    name_format: x.name_format.clone(),
                    friendly_name: x.friendly_name.clone(),
                    values: x.values.clone(),
                    status: x.status.map(|s| match s {
                        AttributeStatus::Available => "Available",
                        AttributeStatus::NotAvailable => "NotAvailable",
                        AttributeStatus::Withheld => "Withheld",
                    }),
                })
                .collect(),
            loa: a.loa.clone(),
            stork_qaa: a.stork_qaa,
            session_index: a
                .authn_statements
                .first()
                .and_then(|s| s.session_index.clone()),
            audiences: a.audiences.clone(),
            one_time_use: a.one_time_use,
            signed_by: match v.signed_by {
                SignedBy::Response => "response",
                SignedBy::Assertion => "assertion",
                SignedBy::Both => "both",
            },
            signatures: signatures(py, &v.reports)?,
            issue_instant_value: a.issue_instant,
            not_before_value: a.not_before,
            not_on_or_after_value: a.not_on_or_after,
        })
    }
}

/// An attribute an AuthnRequest asks for (STORK or eIDAS).
#[pyclass(module = "trustmeta", frozen, eq, hash, get_all)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct RequestedAttribute {
    /// ``Name``.
    name: String,
    /// ``FriendlyName``; ``None`` when absent.
    friendly_name: Option<String>,
    /// ``isRequired``.
    required: bool,
    /// Requested values.
    values: Vec<String>,
}

#[pymethods]
impl RequestedAttribute {
    fn __repr__(&self) -> String {
        format!(
            "RequestedAttribute(name={:?}, required={})",
            self.name,
            if self.required { "True" } else { "False" }
        )
    }
}

/// A verified SAML AuthnRequest with its STORK or eIDAS extensions. Returned by
/// ``verify_saml_request`` and ``verify_saml_request_redirect``.
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct VerifiedAuthnRequest {
    /// ``ID``: the ``InResponseTo`` of the answer.
    #[pyo3(get)]
    id: String,
    /// ``Issuer`` (the relying party's entity ID); ``None`` when absent.
    #[pyo3(get)]
    issuer: Option<String>,
    /// ``Destination``; ``None`` when absent.
    #[pyo3(get)]
    destination: Option<String>,
    /// ``AssertionConsumerServiceURL`` (https): where to send the answer.
    #[pyo3(get)]
    acs_url: Option<String>,
    /// ``ForceAuthn``.
    #[pyo3(get)]
    force_authn: bool,
    /// ``IsPassive``.
    #[pyo3(get)]
    is_passive: bool,
    /// ``ProviderName``.
    #[pyo3(get)]
    provider_name: Option<String>,
    /// ``NameIDPolicy/@Format``.
    #[pyo3(get)]
    name_id_format: Option<String>,
    /// eIDAS ``SPType``: ``"public"`` or ``"private"``; ``None`` when absent.
    #[pyo3(get)]
    sp_type: Option<&'static str>,
    /// ``RequestedAuthnContext/AuthnContextClassRef`` values (eIDAS levels of assurance).
    #[pyo3(get)]
    requested_loa: Vec<String>,
    /// ``RequestedAuthnContext/@Comparison``.
    #[pyo3(get)]
    loa_comparison: Option<String>,
    /// The requested attributes, STORK's or eIDAS's.
    #[pyo3(get)]
    requested_attributes: Vec<RequestedAttribute>,
    /// STORK's ``QualityAuthenticationAssuranceLevel`` (1–4); ``None`` when absent.
    #[pyo3(get)]
    stork_qaa: Option<u8>,
    /// STORK's ``spSector``.
    #[pyo3(get)]
    stork_sp_sector: Option<String>,
    /// STORK's ``spInstitution``.
    #[pyo3(get)]
    stork_sp_institution: Option<String>,
    /// STORK's ``spApplication``.
    #[pyo3(get)]
    stork_sp_application: Option<String>,
    /// STORK's ``spCountry``.
    #[pyo3(get)]
    stork_sp_country: Option<String>,
    /// STORK's ``CitizenCountryCode``.
    #[pyo3(get)]
    stork_citizen_country: Option<String>,
    /// The decoded ``RelayState`` of a Redirect-bound request; ``None`` otherwise.
    #[pyo3(get)]
    relay_state: Option<String>,
    /// The ``SigAlg`` URI of the Redirect binding's query signature; ``None`` for a
    /// request verified by its XML signature.
    #[pyo3(get)]
    redirect_signature_algorithm: Option<&'static str>,
    signature: Option<Py<VerifiedDocument>>,
    issue_instant_value: DateTime,
}

#[pymethods]
impl VerifiedAuthnRequest {
    /// ``IssueInstant``, timezone-aware, in UTC.
    #[getter]
    fn issue_instant<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.issue_instant_value)
    }

    /// The XML signature, with the signer fields of ``VerifiedDocument`` (``signed_xml``
    /// is empty); ``None`` for the Redirect binding, whose query signature is what was
    /// verified.
    #[getter]
    fn signature(&self, py: Python<'_>) -> Option<Py<VerifiedDocument>> {
        self.signature.as_ref().map(|s| s.clone_ref(py))
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.VerifiedAuthnRequest id={:?}, issuer={:?}>",
            self.id, self.issuer
        )
    }
}

impl VerifiedAuthnRequest {
    fn new(
        py: Python<'_>,
        r: &trustmeta::VerifiedAuthnRequest,
        redirect: Option<&trustmeta::RedirectMessage>,
    ) -> PyResult<Self> {
        let stork = r.stork.as_ref();
        Ok(VerifiedAuthnRequest {
            id: r.id.clone(),
            issuer: r.issuer.clone(),
            destination: r.destination.clone(),
            acs_url: r.acs_url.clone(),
            force_authn: r.force_authn,
            is_passive: r.is_passive,
            provider_name: r.provider_name.clone(),
            name_id_format: r.name_id_format.clone(),
            sp_type: r.sp_type.map(|t| match t {
                SpType::Public => "public",
                SpType::Private => "private",
            }),
            requested_loa: r.requested_loa.clone(),
            loa_comparison: r.loa_comparison.clone(),
            requested_attributes: r
                .requested_attributes
                .iter()
                .map(|x| RequestedAttribute {
                    name: x.name.clone(),
                    friendly_name: x.friendly_name.clone(),
                    required: x.required,
                    values: x.values.clone(),
                })
                .collect(),
            stork_qaa: stork.and_then(|s| s.qaa),
            stork_sp_sector: stork.and_then(|s| s.sp_sector.clone()),
            stork_sp_institution: stork.and_then(|s| s.sp_institution.clone()),
            stork_sp_application: stork.and_then(|s| s.sp_application.clone()),
            stork_sp_country: stork.and_then(|s| s.sp_country.clone()),
            stork_citizen_country: stork.and_then(|s| s.citizen_country.clone()),
            relay_state: redirect.and_then(|m| m.relay_state.clone()),
            redirect_signature_algorithm: redirect.map(|m| m.signature_algorithm.uri()),
            signature: r
                .report
                .as_ref()
                .map(|rep| {
                    Py::new(
                        py,
                        VerifiedDocument::new(py, Outcome::from_report(rep.clone())),
                    )
                })
                .transpose()?,
            issue_instant_value: r.issue_instant,
        })
    }
}

fn profile_arg(func: &str, profile: &str) -> PyResult<SamlProfile> {
    match profile {
        "generic" => Ok(SamlProfile::Generic),
        "stork" => Ok(SamlProfile::Stork),
        "eidas" => Ok(SamlProfile::Eidas),
        other => Err(PyValueError::new_err(format!(
            "{func}() argument 'profile' must be \"generic\", \"stork\" or \"eidas\", not {other:?}"
        ))),
    }
}

fn seconds_arg(func: &str, name: &str, secs: i64) -> PyResult<i64> {
    // A negative allowance would turn the time checks around; a huge one would overflow
    // the time arithmetic.
    if (0..=i64::from(u32::MAX)).contains(&secs) {
        Ok(secs)
    } else {
        Err(PyValueError::new_err(format!(
            "{func}() argument '{name}' must be between 0 and {}, not {secs}",
            u32::MAX
        )))
    }
}

fn trust_arg<'a, 'py>(
    func: &str,
    trust: &'a Bound<'py, PyAny>,
) -> PyResult<&'a Bound<'py, IssuerTrust>> {
    trust.cast::<IssuerTrust>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{func}() argument 'trust' must be a trustmeta.IssuerTrust (IssuerTrust.any_issuer(store)), not {}",
            trust
                .get_type()
                .name()
                .map_or_else(|_| String::from("?"), |n| n.to_string())
        ))
    })
}

fn now_arg(now: Option<&Bound<'_, PyAny>>) -> PyResult<DateTime> {
    match now {
        Some(t) if !t.is_none() => time::from_py(t),
        _ => time::system_now(),
    }
}

/// Verifies a SAML 2.0 Response (Web Browser SSO) against the trust anchors of the issuer
/// it names and this relying party's expectations, and returns only what a verified
/// signature covered.
///
/// Signature wrapping is excluded by construction: a signature counts only as a child of
/// the Response or of its one Assertion, its single Reference must select exactly that
/// parent, and everything returned is read from that node; duplicate IDs anywhere fail.
/// Nothing inside a signature is content: a ``ds:Object`` in one is refused.
///
/// Arguments:
///     xml: the Response as raw bytes (for the HTTP-POST form value, first
///         ``decode_post_binding``).
///     trust: an ``IssuerTrust``.
///     audience: this relying party's entity ID, which the audience restriction must name
///         (a bearer assertion without one is refused, ``saml.audience_missing``).
///     acs: this relying party's assertion consumer service URL: the expected
///         ``Destination`` and bearer ``Recipient``.
///     request_id: the ID of the AuthnRequest sent; ``None`` accepts only unsolicited
///         responses.
///     now, allow_sha1, min_rsa_bits: as ``verify``.
///     profile: ``"generic"``, ``"stork"`` or ``"eidas"`` (which raises the algorithm and
///         key requirements whatever the other arguments say).
///     signed: which signatures are required: ``"any"`` (the Response or the Assertion),
///         ``"response"``, ``"assertion"`` or ``"both"``.
///     skew: allowed clock difference, in seconds.
///     cache: a ``ReplayCache`` kept for the relying party's lifetime; ``None`` checks
///         this call alone, so a replayed assertion is not detected.
///
/// Raises:
///     SamlError: ``saml.replay`` when ``cache`` already holds the assertion, and the
///         other ``saml.*`` refusals (``saml.unknown_issuer``, ``saml.signature_profile``,
///         ``saml.status``, ``saml.audience_mismatch``, ``saml.audience_missing``,
///         ``saml.invalid_time_window``, ``saml.unknown_condition``,
///         ``saml.issuer_format``, ``saml.expired`` …).
///     VerificationError: the other subclasses as ``verify``.
///     TypeError: an argument of the wrong type.
///     ValueError: an unknown ``profile`` or ``signed``, a negative ``skew``.
///
/// Example::
///
///     resp = trustmeta.verify_saml_response(xml, trust, audience="https://sp.example.org/",
///                                           acs="https://sp.example.org/acs",
///                                           request_id=sent_id, cache=cache)
///     print(resp.name_id, [a.values for a in resp.attributes])
#[pyfunction]
#[pyo3(signature = (xml, trust, *, audience, acs, request_id = None, now = None, profile = "generic", signed = "any", allow_sha1 = false, min_rsa_bits = 2048, skew = 180, cache = None))]
#[allow(clippy::too_many_arguments)] // the Python signature
pub(crate) fn verify_saml_response(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    trust: &Bound<'_, PyAny>,
    audience: &str,
    acs: &str,
    request_id: Option<&str>,
    now: Option<&Bound<'_, PyAny>>,
    profile: &str,
    signed: &str,
    allow_sha1: bool,
    min_rsa_bits: i64,
    skew: i64,
    cache: Option<&Bound<'_, ReplayCache>>,
) -> PyResult<VerifiedSamlResponse> {
    const F: &str = "verify_saml_response";
    let xml = bytes_arg(F, "xml", xml)?;
    let trust = trust_arg(F, trust)?.get();
    let policy = policy(F, allow_sha1, min_rsa_bits)?;
    let mut expect = ResponseExpectations::new(audience, acs, now_arg(now)?);
    expect.request_id = request_id;
    expect.profile = profile_arg(F, profile)?;
    expect.signed = match signed {
        "any" => SignedParts::ResponseOrAssertion,
        "response" => SignedParts::Response,
        "assertion" => SignedParts::Assertion,
        "both" => SignedParts::Both,
        other => {
            return Err(PyValueError::new_err(format!(
                "{F}() argument 'signed' must be \"any\", \"response\", \"assertion\" or \"both\", not {other:?}"
            )))
        }
    };
    expect.clock_skew_secs = seconds_arg(F, "skew", skew)?;
    let cache = cache.map(Bound::get);
    // The bytes are immutable, the trust is behind a lock and the cache behind a mutex:
    // verify without the GIL.
    let verified = py.detach(|| {
        let anchors = trust.inner.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(c) = cache {
            // Held for the whole verification so that two threads given the same
            // response cannot both accept it.
            let mut c = c.inner.lock().unwrap_or_else(PoisonError::into_inner);
            trustmeta::verify_response(xml, &anchors, &policy, &expect, &mut *c)
        } else {
            let mut c = MemoryReplayCache::new(1);
            trustmeta::verify_response(xml, &anchors, &policy, &expect, &mut c)
        }
    });
    match verified {
        Ok(v) => VerifiedSamlResponse::new(py, &v),
        Err(e) => Err(errors::from_core(&e)),
    }
}

/// Verifies a signed SAML AuthnRequest (the identity provider's, or the STORK PEPS's /
/// eIDAS proxy service's, side): exactly one signature, a child of the request, with one
/// Reference to the request's ID; the trust store of the issuer it names;
/// ``Destination``; ``IssueInstant`` no older than ``max_age``; an https
/// ``AssertionConsumerServiceURL``; ``ProviderName`` of at most 128 characters; and the
/// STORK or eIDAS extensions.
///
/// Arguments:
///     xml: the AuthnRequest as raw bytes (for the HTTP-POST form value, first
///         ``decode_post_binding``).
///     trust: an ``IssuerTrust``.
///     destination: this endpoint's URL, which the request must name as its
///         ``Destination``; ``None`` skips the comparison.
///     now, allow_sha1, min_rsa_bits, profile, skew: as ``verify_saml_response``.
///     max_age: how old ``IssueInstant`` may be, in seconds.
///
/// Raises:
///     SamlError: ``saml.request_profile``, ``saml.unsigned``, ``saml.expired`` and the
///         other ``saml.*`` refusals.
///     VerificationError: the other subclasses as ``verify``.
///     TypeError, ValueError: as ``verify_saml_response``.
#[pyfunction]
#[pyo3(signature = (xml, trust, *, destination = None, now = None, profile = "generic", allow_sha1 = false, min_rsa_bits = 2048, skew = 180, max_age = 600))]
#[allow(clippy::too_many_arguments)] // the Python signature
pub(crate) fn verify_saml_request(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    trust: &Bound<'_, PyAny>,
    destination: Option<&str>,
    now: Option<&Bound<'_, PyAny>>,
    profile: &str,
    allow_sha1: bool,
    min_rsa_bits: i64,
    skew: i64,
    max_age: i64,
) -> PyResult<VerifiedAuthnRequest> {
    const F: &str = "verify_saml_request";
    let xml = bytes_arg(F, "xml", xml)?;
    request(
        py,
        F,
        xml,
        trust,
        destination,
        now,
        profile,
        allow_sha1,
        min_rsa_bits,
        skew,
        max_age,
        false,
    )
}

/// Verifies an AuthnRequest that came over the HTTP-Redirect binding: the query string's
/// signature (``SAMLRequest``, optional ``RelayState``, ``SigAlg``, ``Signature``, over
/// the parameters exactly as received) by a key of the issuer's trust store, then the
/// inflated request as ``verify_saml_request`` checks it, except that an XML signature
/// inside it is refused. The result's ``signature`` is then ``None``; ``relay_state`` and
/// ``redirect_signature_algorithm`` are set.
///
/// Arguments:
///     query: the query string (with or without the leading ``?``), still URL-encoded.
///     trust, destination, now, profile, allow_sha1, min_rsa_bits, skew, max_age: as
///         ``verify_saml_request``.
///
/// Raises:
///     SamlError: ``saml.binding`` for a malformed or unsigned query, and the refusals of
///         ``verify_saml_request``.
///     VerificationError: ``InvalidSignature`` when the query signature does not verify,
///         and the other subclasses as ``verify``.
#[pyfunction]
#[pyo3(signature = (query, trust, *, destination = None, now = None, profile = "generic", allow_sha1 = false, min_rsa_bits = 2048, skew = 180, max_age = 600))]
#[allow(clippy::too_many_arguments)] // the Python signature
pub(crate) fn verify_saml_request_redirect(
    py: Python<'_>,
    query: &str,
    trust: &Bound<'_, PyAny>,
    destination: Option<&str>,
    now: Option<&Bound<'_, PyAny>>,
    profile: &str,
    allow_sha1: bool,
    min_rsa_bits: i64,
    skew: i64,
    max_age: i64,
) -> PyResult<VerifiedAuthnRequest> {
    request(
        py,
        "verify_saml_request_redirect",
        query.as_bytes(),
        trust,
        destination,
        now,
        profile,
        allow_sha1,
        min_rsa_bits,
        skew,
        max_age,
        true,
    )
}

#[allow(clippy::too_many_arguments)] // the Python signatures
fn request(
    py: Python<'_>,
    func: &str,
    input: &[u8],
    trust: &Bound<'_, PyAny>,
    destination: Option<&str>,
    now: Option<&Bound<'_, PyAny>>,
    profile: &str,
    allow_sha1: bool,
    min_rsa_bits: i64,
    skew: i64,
    max_age: i64,
    redirect: bool,
) -> PyResult<VerifiedAuthnRequest> {
    let trust = trust_arg(func, trust)?.get();
    let policy = policy(func, allow_sha1, min_rsa_bits)?;
    let mut expect = RequestExpectations::new(destination, now_arg(now)?);
    expect.profile = profile_arg(func, profile)?;
    expect.clock_skew_secs = seconds_arg(func, "skew", skew)?;
    expect.max_age_secs = seconds_arg(func, "max_age", max_age)?;
    let verified = py.detach(|| {
        let anchors = trust.inner.read().unwrap_or_else(PoisonError::into_inner);
        if redirect {
            // `input` came from a `str`, so it is UTF-8.
            let query = std::str::from_utf8(input).unwrap_or_default();
            trustmeta::verify_authn_request_redirect(query, &anchors, &policy, &expect)
                .map(|(m, r)| (r, Some(m)))
        } else {
            trustmeta::verify_authn_request(input, &anchors, &policy, &expect).map(|r| (r, None))
        }
    });
    match verified {
        Ok((r, m)) => VerifiedAuthnRequest::new(py, &r, m.as_ref()),
        Err(e) => Err(errors::from_core(&e)),
    }
}

/// Decodes the HTTP-POST binding's ``SAMLResponse`` or ``SAMLRequest`` form value
/// (base64, line breaks allowed; URL-decode the form first) into the message XML, and
/// checks the ``RelayState`` that came with it, if any (at most 80 bytes).
///
/// Raises:
///     SamlError: ``saml.binding`` when the value is not base64 or decodes to more than
///         128 KB, or ``relay_state`` is too long.
///     TypeError: ``value`` is not ``bytes``.
#[pyfunction]
#[pyo3(signature = (value, relay_state = None))]
pub(crate) fn decode_post_binding<'py>(
    py: Python<'py>,
    value: &Bound<'_, PyAny>,
    relay_state: Option<&str>,
) -> PyResult<Bound<'py, PyBytes>> {
    let value = bytes_arg("decode_post_binding", "value", value)?;
    let xml = trustmeta::decode_post_binding(value, relay_state)
        .map_err(|e| errors::from_core(&trustmeta::Error::from(e)))?;
    Ok(PyBytes::new(py, &xml))
}
