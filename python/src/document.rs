//! `trustmeta.VerifiedDocument` and `trustmeta.Reference`.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDateTime, PyString};
use trustmeta::DateTime;

use crate::time;

/// One verified ``ds:Reference``: what it pointed at and how it was digested.
#[pyclass(module = "trustmeta", frozen, eq, hash, get_all)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Reference {
    /// The ``URI`` attribute as written: ``""`` (the whole document) or ``"#id"``.
    uri: String,
    /// Local name of the element the reference covers, e.g. ``"SignedServiceMetadata"``.
    element: String,
    /// The DigestMethod algorithm URI, e.g. ``"http://www.w3.org/2001/04/xmlenc#sha256"``.
    digest: &'static str,
    /// The transforms applied, by short name, in order (e.g. ``["enveloped", "exc-c14n"]``).
    transforms: Vec<&'static str>,
}

impl Reference {
    pub(crate) fn of(x: &trustmeta::ReferenceReport) -> Self {
        Reference {
            uri: x.uri.clone(),
            element: x.element.clone(),
            digest: x.digest.uri(),
            transforms: x.transforms.clone(),
        }
    }
}

#[pymethods]
impl Reference {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Reference(uri={}, element={}, digest={}, transforms={})",
            repr(py, &self.uri)?,
            repr(py, &self.element)?,
            repr(py, self.digest)?,
            repr_list(py, &self.transforms)?
        ))
    }
}

/// A document whose signature verified: who signed it, with what, and exactly what they
/// signed.
///
/// Returned by ``trustmeta.verify``; never built by hand. Everything here comes from the
/// one verified signature: ``signed_xml`` holds the canonical form of only the signed
/// elements, so read the document's content from there, not from the input bytes.
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct VerifiedDocument {
    signer_sha256: Option<String>,
    signer_subject: Option<String>,
    signer_key: String,
    pinned: bool,
    signature_algorithm: &'static str,
    canonicalization: &'static str,
    references: Vec<Reference>,
    signed_xml: Vec<Py<PyBytes>>,
    legacy_algorithms: Vec<&'static str>,
    verified_at: DateTime,
    chain: Vec<(String, String)>,
}

/// What a verification established, owned (no longer borrowing the input).
pub(crate) struct Outcome {
    report: trustmeta::VerificationReport,
    signed_xml: Vec<Vec<u8>>,
}

impl Outcome {
    /// A report without signed content (results that expose what was signed as fields
    /// of their own, such as SAML's).
    pub(crate) fn from_report(report: trustmeta::VerificationReport) -> Self {
        Outcome {
            report,
            signed_xml: Vec::new(),
        }
    }

    /// Takes the report and the canonical signed content out of a verified document.
    pub(crate) fn of(doc: &trustmeta::VerifiedDocument<'_>) -> Self {
        Outcome {
            report: doc.report(),
            signed_xml: doc.signed_elements().map(|e| e.canonical_xml()).collect(),
        }
    }
}

impl VerifiedDocument {
    pub(crate) fn new(py: Python<'_>, o: Outcome) -> Self {
        let r = o.report;
        VerifiedDocument {
            signer_sha256: r.signer.as_ref().map(trustmeta::Certificate::sha256_hex),
            signer_subject: r.signer.as_ref().map(|c| c.subject().to_owned()),
            signer_key: r.signer_key.to_string(),
            pinned: r.pinned,
            signature_algorithm: r.signature_algorithm.uri(),
            canonicalization: r.canonicalization.uri(),
            references: r
                .references
                .into_iter()
                .map(|x| Reference {
                    uri: x.uri,
                    element: x.element,
                    digest: x.digest.uri(),
                    transforms: x.transforms,
                })
                .collect(),
            signed_xml: o
                .signed_xml
                .iter()
                .map(|b| PyBytes::new(py, b).unbind())
                .collect(),
            legacy_algorithms: r.legacy_algorithms,
            verified_at: r.verified_at,
            chain: r
                .chain
                .iter()
                .map(|c| (c.subject().to_owned(), c.sha256_hex()))
                .collect(),
        }
    }
}

#[pymethods]
impl VerifiedDocument {
    /// SHA-256 of the DER certificate that verified the signature, as lowercase hex;
    /// ``None`` when the signature verified under a pinned bare public key.
    #[getter]
    fn signer_sha256(&self) -> Option<&str> {
        self.signer_sha256.as_deref()
    }

    /// The signer certificate's subject DN (RFC 4514 style); ``None`` for a pinned bare
    /// public key.
    #[getter]
    fn signer_subject(&self) -> Option<&str> {
        self.signer_subject.as_deref()
    }

    /// The signing key's type and size: ``"RSA-2048"``, ``"EC P-256"``, ``"Ed25519"``.
    #[getter]
    fn signer_key(&self) -> &str {
        &self.signer_key
    }

    /// ``True`` when the signer's certificate or key itself is in the trust store,
    /// ``False`` when it chained to a trusted CA.
    #[getter]
    fn pinned(&self) -> bool {
        self.pinned
    }

    /// The SignatureMethod algorithm URI, e.g.
    /// ``"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"``.
    #[getter]
    fn signature_algorithm(&self) -> &str {
        self.signature_algorithm
    }

    /// The CanonicalizationMethod URI of SignedInfo, e.g.
    /// ``"http://www.w3.org/2001/10/xml-exc-c14n#"``.
    #[getter]
    fn canonicalization(&self) -> &str {
        self.canonicalization
    }

    /// The verified references, in document order (a new list on each access).
    #[getter]
    fn references(&self) -> Vec<Reference> {
        self.references.clone()
    }

    /// The signed elements in canonical form (Exclusive C14N, no comments, the signature
    /// itself left out), one ``bytes`` per reference: exactly what was signed.
    #[getter]
    fn signed_xml(&self, py: Python<'_>) -> Vec<Py<PyBytes>> {
        self.signed_xml.iter().map(|b| b.clone_ref(py)).collect()
    }

    /// Legacy algorithms the policy allowed and the signature used (``"rsa-sha1"``,
    /// ``"sha1"``, ``"sha1-certificate"``); empty unless ``allow_sha1=True`` was needed.
    #[getter]
    fn legacy_algorithms(&self) -> Vec<&'static str> {
        self.legacy_algorithms.clone()
    }

    /// The time the verification used, as a timezone-aware UTC ``datetime``: ``now`` if
    /// given, else the system clock read by ``verify`` (whole seconds).
    #[getter]
    fn verified_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.verified_at)
    }

    /// The certificate path as ``(subject, sha256_hex)`` pairs, signer first, ending at
    /// the trusted certificate; empty for a pinned bare public key.
    #[getter]
    fn chain(&self) -> Vec<(String, String)> {
        self.chain.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let opt = |v: &Option<String>| {
            v.as_deref()
                .map_or(Ok(String::from("None")), |s| repr(py, s))
        };
        let elements: Vec<&str> = self.references.iter().map(|r| r.element.as_str()).collect();
        Ok(format!(
            "<trustmeta.VerifiedDocument signer_subject={}, signer_sha256={}, signer_key={}, pinned={}, signature_algorithm={}, elements={}, legacy_algorithms={}, verified_at={}>",
            opt(&self.signer_subject)?,
            opt(&self.signer_sha256)?,
            repr(py, &self.signer_key)?,
            if self.pinned { "True" } else { "False" },
            repr(py, self.signature_algorithm)?,
            repr_list(py, &elements)?,
            repr_list(py, &self.legacy_algorithms)?,
            repr(py, &self.verified_at.to_string())?,
        ))
    }
}

/// Python's `repr()` of a string.
pub(crate) fn repr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_string())
}

/// Python's `repr()` of a list of strings.
pub(crate) fn repr_list(py: Python<'_>, items: &[&str]) -> PyResult<String> {
    let parts = items
        .iter()
        .map(|s| repr(py, s))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(format!("[{}]", parts.join(", ")))
}
