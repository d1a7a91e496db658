//! OCSP responses (RFC 6960): `verify_ocsp_response` and its `VerifiedOcspResponse`.

use pyo3::prelude::*;
use pyo3::types::PyDateTime;
use trustmeta::{Certificate, DateTime, OcspQuestion, OcspStatus, TrustStore};

use crate::emrex::policy;
use crate::errors;
use crate::store::bytes_arg;
use crate::time;

/// A verified OCSP response about one certificate: what it says, when, and who signed
/// it. Returned by ``trustmeta.verify_ocsp_response``.
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct VerifiedOcspResponse {
    /// ``"good"``, ``"revoked"`` or ``"unknown"``.
    #[pyo3(get)]
    status: &'static str,
    /// For ``"revoked"``: the RFC 5280 reason name (``"keyCompromise"``), or ``None``
    /// when the responder gives none (always ``None`` otherwise).
    #[pyo3(get)]
    revocation_reason: Option<&'static str>,
    /// The subject of the certificate that signed: the CA, or a delegated responder.
    #[pyo3(get)]
    responder_subject: String,
    /// SHA-256 of that certificate, lowercase hex.
    #[pyo3(get)]
    responder_sha256: String,
    /// Whether a delegated responder (with the OCSP-signing EKU) signed, not the CA.
    #[pyo3(get)]
    delegated: bool,
    /// The response signature's algorithm, e.g. ``"rsa-sha256"``.
    #[pyo3(get)]
    signature_algorithm: &'static str,
    /// The hash of the matching CertID: ``"sha1"`` or ``"sha256"``.
    #[pyo3(get)]
    cert_id_hash: &'static str,
    this_update_value: DateTime,
    next_update_value: Option<DateTime>,
    revocation_time_value: Option<DateTime>,
    verified_at_value: DateTime,
}

#[pymethods]
impl VerifiedOcspResponse {
    /// When the status was known to be correct (thisUpdate), in UTC.
    #[getter]
    fn this_update<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.this_update_value)
    }
    /// When newer information will be available (nextUpdate), or ``None``.
    #[getter]
    fn next_update<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        self.next_update_value
            .map(|t| time::to_py(py, t))
            .transpose()
    }
    /// For ``"revoked"``: when the certificate was revoked; ``None`` otherwise.
    #[getter]
    fn revocation_time<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        self.revocation_time_value
            .map(|t| time::to_py(py, t))
            .transpose()
    }
    /// The time the verification used, in UTC.
    #[getter]
    fn verified_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time::to_py(py, self.verified_at_value)
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.VerifiedOcspResponse status={} responder_subject={:?}>",
            self.status, self.responder_subject
        )
    }
}

fn certificate(func: &str, arg: &str, bytes: &[u8]) -> PyResult<Certificate> {
    let store = TrustStore::from_pem(bytes).map_err(|e| {
        let e = trustmeta::Error::from(e);
        errors::error(e.code(), format!("{func}() argument '{arg}': {e}"))
    })?;
    Ok(store.certificates()[0].clone())
}

/// Verifies a DER OCSP response (RFC 6960) about ``cert``, issued by the CA ``issuer``.
///
/// The response must be signed by ``issuer`` itself or by a responder certificate that
/// ``issuer`` issued with the OCSP-signing extended key usage (carried in the response);
/// SHA-1 signatures only with ``allow_sha1``; one of its answers must name ``cert`` (a
/// SHA-1 or SHA-256 CertID); ``now`` must lie between thisUpdate and nextUpdate, give or
/// take five minutes; and when ``nonce`` is given the response must echo it. Whether
/// ``issuer`` is itself trusted is for the caller to decide.
///
/// Arguments:
///     response: the DER ``OCSPResponse`` as received.
///     issuer: the issuing CA's certificate, PEM or DER ``bytes``.
///     cert: the certificate asked about, PEM or DER ``bytes``.
///     nonce: the nonce sent in the request, if any.
///     now: the verification time, a timezone-aware ``datetime``; ``None`` reads the clock.
///     allow_sha1: accept a response signed with SHA-1 (legacy responders).
///     require_good: raise ``OcspError`` (``ocsp.status_revoked``,
///         ``ocsp.status_unknown``) unless the response says good (the default); with
///         ``False`` a verified "revoked" or "unknown" is returned for its details.
///
/// Raises:
///     OcspError: ``ocsp.*``: malformed, unauthorised, about another certificate, stale,
///         not yet valid, nonce not echoed, revoked or unknown (see ``require_good``).
///     InvalidSignature: the signature does not verify (``crypto.bad_signature``).
///     UntrustedSigner: ``issuer`` or ``cert`` is not a certificate, or a delegated
///         responder certificate is outside its validity (``pki.*``).
///     TypeError: an argument that is not ``bytes``.
///
/// Example::
///
///     r = trustmeta.verify_ocsp_response(der, ca_pem, cert_pem, require_good=False)
///     if r.status == "revoked":
///         print("revoked at", r.revocation_time, r.revocation_reason)
#[pyfunction]
#[pyo3(signature = (response, issuer, cert, *, nonce = None, now = None, allow_sha1 = false, require_good = true))]
#[allow(clippy::too_many_arguments)] // keyword-only options of the Python signature
pub(crate) fn verify_ocsp_response(
    py: Python<'_>,
    response: &Bound<'_, PyAny>,
    issuer: &Bound<'_, PyAny>,
    cert: &Bound<'_, PyAny>,
    nonce: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    allow_sha1: bool,
    require_good: bool,
) -> PyResult<VerifiedOcspResponse> {
    const F: &str = "verify_ocsp_response";
    let response = bytes_arg(F, "response", response)?;
    let issuer = certificate(F, "issuer", bytes_arg(F, "issuer", issuer)?)?;
    let cert = certificate(F, "cert", bytes_arg(F, "cert", cert)?)?;
    let nonce = match nonce {
        Some(n) if !n.is_none() => Some(bytes_arg(F, "nonce", n)?),
        _ => None,
    };
    let policy = policy(F, allow_sha1, 2048)?;
    let now = match now {
        Some(t) if !t.is_none() => time::from_py(t)?,
        _ => time::system_now()?,
    };
    let q = OcspQuestion {
        nonce,
        ..OcspQuestion::new(&issuer, &cert)
    };
    let v = py
        .detach(|| trustmeta::verify_ocsp_response(response, &q, &policy, now))
        .map_err(|e| errors::from_core(&e))?;
    if require_good {
        v.require_good()
            .map_err(|e| errors::from_core(&trustmeta::Error::from(e)))?;
    }
    let (revocation_time_value, revocation_reason) = match v.status() {
        OcspStatus::Revoked { time, reason } => (Some(time), reason.map(|r| r.name())),
        OcspStatus::Good | OcspStatus::Unknown => (None, None),
    };
    Ok(VerifiedOcspResponse {
        status: v.status().name(),
        revocation_reason,
        responder_subject: v.responder().subject().to_owned(),
        responder_sha256: v.responder().sha256_hex(),
        delegated: v.is_delegated(),
        signature_algorithm: v.signature_algorithm().name(),
        cert_id_hash: v.cert_id_hash().name(),
        this_update_value: v.this_update(),
        next_update_value: v.next_update(),
        revocation_time_value,
        verified_at_value: now,
    })
}
