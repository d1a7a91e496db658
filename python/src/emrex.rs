//! `trustmeta.Emreg`, `trustmeta.verify_elmo`, `trustmeta.decode_elmo_field`,
//! `trustmeta.parse_return_code` and the EMREX result classes.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDateTime};
use trustmeta::{DateTime, Policy, ReturnCode};

use crate::document::Reference;
use crate::errors;
use crate::store::{bytes_arg, TrustStore};
use crate::time;

fn emrex_error(e: trustmeta::EmrexError) -> PyErr {
    errors::from_core(&trustmeta::Error::from(e))
}

/// One country of an EMREG list.
#[pyclass(module = "trustmeta", frozen, eq, hash, get_all)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Country {
    /// ``countryCode`` as written (compared case-insensitively).
    code: String,
    /// ``countryName`` (empty when the list gives none).
    name: String,
    /// ``singleFetch``: learners of this country choose an institution, not an NCP.
    single_fetch: bool,
}

#[pymethods]
impl Country {
    fn __repr__(&self) -> String {
        format!(
            "Country(code={:?}, name={:?}, single_fetch={})",
            self.code,
            self.name,
            if self.single_fetch { "True" } else { "False" }
        )
    }
}

/// One National Contact Point (NCP, an EMP in newer lists): the results service a learner
/// is sent to, and the certificate its results must be signed with.
#[pyclass(module = "trustmeta", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Ncp {
    inner: trustmeta::Ncp,
}

#[pymethods]
impl Ncp {
    /// The acronym, the name ``verify_elmo(ncp=...)`` takes.
    #[getter]
    fn acronym(&self) -> &str {
        &self.inner.acronym
    }

    /// ``countryCode`` as written.
    #[getter]
    fn country_code(&self) -> &str {
        &self.inner.country_code
    }

    /// The institutions the NCP serves, in list order.
    #[getter]
    fn institutions(&self) -> Vec<String> {
        self.inner.institutions.clone()
    }

    /// Where to send the learner (empty when the list gives none).
    #[getter]
    fn url(&self) -> &str {
        &self.inner.url
    }

    /// The ``pubKey`` as the list gives it (normally a PEM certificate).
    #[getter]
    fn pub_key(&self) -> &str {
        &self.inner.pub_key_pem
    }

    /// A ``TrustStore`` pinning this NCP's certificate and nothing else (``pubKey`` as PEM,
    /// with doubly escaped newlines, or bare base64 DER).
    ///
    /// Raises:
    ///     UntrustedSigner: ``pubKey`` holds no parsable certificate (a ``pki.*`` code).
    fn trust_store(&self) -> PyResult<TrustStore> {
        self.inner
            .trust_store()
            .map(TrustStore::from_core)
            .map_err(|e| errors::from_core(&e.into()))
    }

    fn __repr__(&self) -> String {
        format!(
            "Ncp(acronym={:?}, country_code={:?}, url={:?})",
            self.inner.acronym, self.inner.country_code, self.inner.url
        )
    }
}

/// One entry to offer a learner of a country (``Emreg.choices``).
#[pyclass(module = "trustmeta", frozen, get_all)]
#[derive(Clone)]
pub(crate) struct NcpChoice {
    /// The NCP to send the learner to, whose certificate the result must carry.
    ncp: Ncp,
    /// The institution shown: for a ``singleFetch`` country the one this entry stands for,
    /// otherwise the NCP's first (``None`` when it lists none).
    institution: Option<String>,
}

#[pymethods]
impl NcpChoice {
    fn __repr__(&self) -> String {
        format!(
            "NcpChoice(ncp={:?}, institution={:?})",
            self.ncp.inner.acronym, self.institution
        )
    }
}

/// A parsed EMREG registry list: the NCPs (EMPs) and the countries. Nothing in it is
/// signed: fetch it from the registry over an authenticated channel.
///
/// Example::
///
///     emreg = trustmeta.Emreg.parse(Path("emreg.json").read_bytes())
///     for choice in emreg.choices("NO"):
///         print(choice.ncp.acronym, choice.institution)
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct Emreg {
    inner: trustmeta::Emreg,
}

impl Emreg {
    /// The core list, for `verify_elmo`.
    pub(crate) fn inner(&self) -> &trustmeta::Emreg {
        &self.inner
    }
}

fn country(c: &trustmeta::Country) -> Country {
    Country {
        code: c.code.clone(),
        name: c.name.clone(),
        single_fetch: c.single_fetch,
    }
}

fn ncp(n: &trustmeta::Ncp) -> Ncp {
    Ncp { inner: n.clone() }
}

#[pymethods]
impl Emreg {
    /// Parses an EMREG list (the JSON served at ``<registry>/emreg/list``, ``ncps`` or the
    /// newer ``emps``). Real lists' defects are accepted: a trailing comma before ``]`` or
    /// ``}``, ``null`` entries (skipped, see ``skipped_nulls``), ``singleFetch`` as a
    /// string, unknown members.
    ///
    /// Raises:
    ///     EmrexError: ``emrex.json_malformed`` (with line and column),
    ///         ``emrex.json_limit``, ``emrex.emreg_malformed``.
    ///     TypeError: ``data`` is not ``bytes``.
    #[staticmethod]
    fn parse(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let data = bytes_arg("Emreg.parse", "data", data)?;
        trustmeta::Emreg::parse(data)
            .map(|inner| Emreg { inner })
            .map_err(emrex_error)
    }

    /// The NCPs (EMPs), in list order.
    #[getter]
    fn ncps(&self) -> Vec<Ncp> {
        self.inner.ncps.iter().map(ncp).collect()
    }

    /// The countries, in list order.
    #[getter]
    fn countries(&self) -> Vec<Country> {
        self.inner.countries.iter().map(country).collect()
    }

    /// Whether the NCPs came from the newer ``emps`` member.
    #[getter]
    fn emps(&self) -> bool {
        self.inner.emps
    }

    /// How many ``null`` entries were skipped.
    #[getter]
    fn skipped_nulls(&self) -> usize {
        self.inner.skipped_nulls
    }

    /// The NCP called ``acronym`` (case-sensitive, as listed).
    ///
    /// Raises:
    ///     EmrexError: ``emrex.ncp_not_found``.
    fn ncp(&self, acronym: &str) -> PyResult<Ncp> {
        self.inner.ncp(acronym).map(ncp).map_err(emrex_error)
    }

    /// The country ``code`` (any case); ``None`` when not listed.
    fn country(&self, code: &str) -> Option<Country> {
        self.inner.country(code).map(country)
    }

    /// The NCPs of country ``code`` (any case), in list order.
    fn ncps_of_country(&self, code: &str) -> Vec<Ncp> {
        self.inner
            .ncps_of_country(code)
            .into_iter()
            .map(ncp)
            .collect()
    }

    /// What to offer a learner of country ``code`` (any case): for a ``singleFetch``
    /// country one entry per institution (each once, with the first NCP that lists it),
    /// otherwise one entry per NCP.
    fn choices(&self, code: &str) -> Vec<NcpChoice> {
        self.inner
            .choices(code)
            .iter()
            .map(|c| NcpChoice {
                ncp: ncp(c.ncp),
                institution: c.institution.map(String::from),
            })
            .collect()
    }

    fn __len__(&self) -> usize {
        self.inner.ncps.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.Emreg {} NCPs, {} countries>",
            self.inner.ncps.len(),
            self.inner.countries.len()
        )
    }
}

/// The learner a verified ELMO file is about, read from the signed content.
#[pyclass(module = "trustmeta", frozen, eq, hash, get_all)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Learner {
    /// ``givenNames``, whitespace-trimmed.
    given_names: String,
    /// ``familyName``, whitespace-trimmed.
    family_name: String,
    /// ``bday`` as written (the format differs between NCPs); ``None`` when absent.
    birth_date: Option<String>,
    /// ``citizenship``; ``None`` when absent.
    citizenship: Option<String>,
}

impl Learner {
    fn new(l: &trustmeta::Learner) -> Self {
        Learner {
            given_names: l.given_names.clone(),
            family_name: l.family_name.clone(),
            birth_date: l.birth_date.clone(),
            citizenship: l.citizenship.clone(),
        }
    }
}

#[pymethods]
impl Learner {
    fn __repr__(&self) -> String {
        format!(
            "Learner(given_names={:?}, family_name={:?}, birth_date={:?})",
            self.given_names, self.family_name, self.birth_date
        )
    }
}

/// A verified ELMO result file: the learner, its reports and who signed it. Returned by
/// ``trustmeta.verify_elmo``; the signer fields are those of ``VerifiedDocument``.
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct VerifiedElmo {
    /// The ELMO namespace: ``"https://github.com/emrex-eu/elmo-schemas/tree/v1"`` or the
    /// 1.0-era ``"http://purl.org/net/elmo"``.
    #[pyo3(get)]
    namespace: &'static str,
    /// The learner to match against the person who started the EMREX session.
    #[pyo3(get)]
    learner: Learner,
    /// Every distinct learner identity the file gives, ``learner`` first (1.0-era files
    /// repeat the learner per report as each institution wrote it).
    #[pyo3(get)]
    learners: Vec<Learner>,
    /// How many ``report`` elements (one per issuing institution) the file holds.
    #[pyo3(get)]
    reports: usize,
    /// Signatures inside the content (a Diploma Supplement's): counted, never checked.
    #[pyo3(get)]
    nested_signatures: usize,
    /// SHA-256 (lowercase hex) of the signer's certificate.
    #[pyo3(get)]
    signer_sha256: Option<String>,
    /// The signer certificate's subject DN.
    #[pyo3(get)]
    signer_subject: Option<String>,
    /// The signing key's type and size, e.g. ``"RSA-2048"``.
    #[pyo3(get)]
    signer_key: String,
    /// Whether the signer's certificate itself is in the trust store (always, for an NCP).
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

impl VerifiedElmo {
    fn new(v: &trustmeta::VerifiedElmo) -> Self {
        let r = &v.report;
        VerifiedElmo {
            namespace: v.namespace,
            learner: Learner::new(&v.learner),
            learners: v.learners.iter().map(Learner::new).collect(),
            reports: v.reports,
            nested_signatures: v.nested_signatures,
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

#[pymethods]
impl VerifiedElmo {
    /// The time the verification used, timezone-aware, in UTC.
    #[getter]
    fn verified_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.verified_at_value)
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.VerifiedElmo learner={} {}, reports={}, signer_subject={:?}>",
            self.learner.given_names, self.learner.family_name, self.reports, self.signer_subject
        )
    }
}

pub(crate) fn policy(func: &str, allow_sha1: bool, min_rsa_bits: i64) -> PyResult<Policy> {
    let min_rsa_bits = u32::try_from(min_rsa_bits).map_err(|_| {
        PyValueError::new_err(format!(
            "{func}() argument 'min_rsa_bits' must be between 0 and {}, not {min_rsa_bits}",
            u32::MAX
        ))
    })?;
    Ok(Policy {
        allow_sha1,
        min_rsa_bits,
        ..Policy::default()
    })
}

/// Verifies an ELMO result file against the certificate the EMREG list gives for the NCP
/// the learner was sent to (``KeyInfo`` is only ever a hint), under the EMREX profile:
/// exactly one ``ds:Signature`` as a direct child of the root ``elmo`` element, one
/// ``Reference URI=""``, only the enveloped transform, inclusive C14N 1.0, rsa-sha256
/// (rsa-sha1 only with ``allow_sha1=True``).
///
/// Arguments:
///     xml: the ELMO file as raw bytes (for the ``elmo`` form field, first
///         ``decode_elmo_field``).
///     emreg: the ``Emreg`` list.
///     ncp: the acronym of the NCP the learner was sent to.
///     now, allow_sha1, min_rsa_bits: as ``verify``. Many NCPs still sign with rsa-sha1.
///
/// Returns a ``VerifiedElmo``: match its ``learner`` against the person who started the
/// EMREX session before using the results.
///
/// Raises:
///     EmrexError: ``emrex.ncp_not_found``, ``emrex.unknown_document``,
///         ``emrex.signature_profile``, ``emrex.missing_learner``.
///     VerificationError: the other subclasses as ``verify`` (``UntrustedSigner`` when
///         another NCP signed it, ``UnsupportedAlgorithm`` for SHA-1 by default).
///     TypeError: ``xml`` is not ``bytes`` or ``emreg`` not an ``Emreg``.
///
/// Example::
///
///     xml = trustmeta.decode_elmo_field(form["elmo"].encode())
///     elmo = trustmeta.verify_elmo(xml, emreg, ncp="NO-NCP")
///     print(elmo.learner.given_names, elmo.learner.family_name)
#[pyfunction]
#[pyo3(signature = (xml, emreg, *, ncp, now = None, allow_sha1 = false, min_rsa_bits = 2048))]
pub(crate) fn verify_elmo(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    emreg: &Bound<'_, PyAny>,
    ncp: &str,
    now: Option<&Bound<'_, PyAny>>,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<VerifiedElmo> {
    const F: &str = "verify_elmo";
    let xml = bytes_arg(F, "xml", xml)?;
    let Ok(emreg) = emreg.cast::<Emreg>() else {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{F}() argument 'emreg' must be a trustmeta.Emreg (Emreg.parse(list_bytes)), not {}",
            emreg.get_type().name()?
        )));
    };
    let policy = policy(F, allow_sha1, min_rsa_bits)?;
    let now = match now {
        Some(t) if !t.is_none() => time::from_py(t)?,
        _ => time::system_now()?,
    };
    let ncp = emreg.get().inner().ncp(ncp).map_err(emrex_error)?;
    // The bytes are immutable and the list is frozen: verify without the GIL.
    py.detach(|| trustmeta::verify_elmo_from(xml, ncp, &policy, now))
        .map(|v| VerifiedElmo::new(&v))
        .map_err(|e| errors::from_core(&e))
}

/// Decodes the ``elmo`` form field an NCP posts back: base64 (whitespace tolerated,
/// missing padding restored), then gunzipped when it is gzip; returns the ELMO XML.
///
/// Arguments:
///     field: the form field value as ``bytes`` (URL-decoded).
///     max_elmo_bytes: the cap on the decoded size, checked while inflating (default
///         16 MiB); a larger result raises instead of filling memory.
///
/// Raises:
///     EmrexError: ``emrex.bad_base64``, ``emrex.gzip_malformed``,
///         ``emrex.decompressed_too_large``.
///     TypeError: ``field`` is not ``bytes``.
#[pyfunction]
#[pyo3(signature = (field, *, max_elmo_bytes = None))]
pub(crate) fn decode_elmo_field<'py>(
    py: Python<'py>,
    field: &Bound<'_, PyAny>,
    max_elmo_bytes: Option<usize>,
) -> PyResult<Bound<'py, PyBytes>> {
    let field = bytes_arg("decode_elmo_field", "field", field)?;
    let max = max_elmo_bytes.unwrap_or(trustmeta::DEFAULT_MAX_ELMO_BYTES);
    let xml = py
        .detach(|| trustmeta::decode_elmo_field(field, max))
        .map_err(emrex_error)?;
    Ok(PyBytes::new(py, &xml))
}

/// Reads the ``returnCode`` form field an NCP posts with the ``elmo`` field (surrounding
/// whitespace ignored, case-sensitive): ``"OK"``, ``"NO_RESULTS"``, ``"CANCEL"`` or
/// ``"ERROR"`` for ``NCP_*`` and ``EMP_*`` alike. Only ``"OK"`` comes with results.
///
/// Raises:
///     EmrexError: ``emrex.bad_return_code`` for anything else.
#[pyfunction]
pub(crate) fn parse_return_code(value: &str) -> PyResult<&'static str> {
    ReturnCode::parse(value)
        .map(ReturnCode::as_str)
        .map_err(emrex_error)
}
