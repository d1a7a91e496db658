//! Exceptions: defined in Python (`trustmeta/exceptions.py`), imported here, and chosen
//! from the core's error code.
//!
//! The class of a code is derived from its layer prefix (`xml.`, `dsig.`, `crypto.`,
//! `pki.`, `smp.`, `emrex.`, `tsl.`, `saml.`, `metadata.`, `ocsp.`, `xmlenc.`) and, where a layer mixes kinds, from its name — never
//! from a hand-kept list of codes, so a code the core adds later still lands in a sensible
//! class.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use trustmeta::ErrorCode;
use trustmeta_table::ops::{ArgProblem, OpError};

pyo3::import_exception!(trustmeta.exceptions, VerificationError);
pyo3::import_exception!(trustmeta.exceptions, MalformedDocument);
pyo3::import_exception!(trustmeta.exceptions, MalformedSignature);
pyo3::import_exception!(trustmeta.exceptions, UnsupportedAlgorithm);
pyo3::import_exception!(trustmeta.exceptions, InvalidSignature);
pyo3::import_exception!(trustmeta.exceptions, UntrustedSigner);
pyo3::import_exception!(trustmeta.exceptions, SmpError);
pyo3::import_exception!(trustmeta.exceptions, EmrexError);
pyo3::import_exception!(trustmeta.exceptions, TslError);
pyo3::import_exception!(trustmeta.exceptions, SamlError);
pyo3::import_exception!(trustmeta.exceptions, ReplayCacheUnavailable);
pyo3::import_exception!(trustmeta.exceptions, MetadataError);
pyo3::import_exception!(trustmeta.exceptions, OcspError);
pyo3::import_exception!(trustmeta.exceptions, DecryptionError);
pyo3::import_exception!(trustmeta.exceptions, LookupFailed);

/// Which exception class a code raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `xml.*`: the bytes are not acceptable XML (or hit a limit).
    MalformedDocument,
    /// `dsig.*` not covered below: the `ds:Signature` structure or its references, a
    /// `ds:Object` the profile has no use for.
    MalformedSignature,
    /// `dsig.unsupported_*`, `dsig.algorithm_refused`, `crypto.unsupported_*`,
    /// `crypto.weak_key`: outside what the library or the policy accepts.
    UnsupportedAlgorithm,
    /// `dsig.digest_mismatch` and the other `crypto.*` codes: the signed content or the
    /// signature value does not verify.
    InvalidSignature,
    /// `pki.*`: the signer is not trusted, or a certificate is unusable.
    UntrustedSigner,
    /// `smp.*`: an SMP record that is not SMP, answers another question (a replay), or
    /// leaves no usable endpoint; a malformed identifier.
    Smp,
    /// `emrex.*`: an EMREG list that is not one, an `elmo` field that does not decode, an
    /// ELMO file outside the EMREX profile or naming no learner, an unknown NCP.
    Emrex,
    /// `tsl.*`: a trusted list that is not one, breaks the trusted-list signature profile,
    /// names another signing certificate, is not current, or has no OpenNCP mapping.
    Tsl,
    /// `saml.*`: a SAML response or request refused by the SAML profile (wrapping, an
    /// unknown issuer, status, conditions, audience, replay…) or a bad binding encoding.
    Saml,
    /// `saml.replay_cache_unavailable`: the replay cache could not answer (a
    /// `SamlError` too).
    ReplayCacheUnavailable,
    /// `metadata.*`: SAML metadata that is not metadata, is past its `validUntil`, breaks
    /// the eToegang profile, or has a value not of its type; a lookup in a streamed
    /// result, which does not hold the document.
    Metadata,
    /// `ocsp.*`: an OCSP response that is malformed, unauthorised, about another
    /// certificate, not current, without the nonce sent, or that says revoked or unknown.
    Ocsp,
    /// `xmlenc.*`: encrypted content that could not be decrypted, an algorithm refused or
    /// not supported, no key for the recipient named, an unusable key.
    Decryption,
    /// `lookup.*`: an SMP lookup found no registration or service, or could not reach
    /// DNS or the SMP.
    Lookup,
    /// Anything else (`time.*`, and any layer the core may add).
    Other,
}

fn kind_of(code: ErrorCode) -> Kind {
    let (layer, name) = code.as_str().split_once('.').unwrap_or((code.as_str(), ""));
    match layer {
        "xml" => Kind::MalformedDocument,
        "pki" => Kind::UntrustedSigner,
        "dsig" | "crypto" if name.starts_with("unsupported_") => Kind::UnsupportedAlgorithm,
        "dsig" if name == "algorithm_refused" => Kind::UnsupportedAlgorithm,
        "dsig" if name == "digest_mismatch" => Kind::InvalidSignature,
        // The signer's key was not found: a trust question, not a damaged signature.
        "dsig" if name == "no_matching_key" => Kind::UntrustedSigner,
        "dsig" => Kind::MalformedSignature,
        "crypto" if name == "weak_key" || name == "algorithm_unavailable" => {
            Kind::UnsupportedAlgorithm
        }
        "crypto" => Kind::InvalidSignature,
        "smp" => Kind::Smp,
        "emrex" => Kind::Emrex,
        "tsl" => Kind::Tsl,
        "saml" if name == "replay_cache_unavailable" => Kind::ReplayCacheUnavailable,
        "saml" => Kind::Saml,
        "metadata" | "refresh" => Kind::Metadata,
        "ocsp" => Kind::Ocsp,
        "xmlenc" => Kind::Decryption,
        "lookup" => Kind::Lookup,
        _ => Kind::Other,
    }
}

/// A Python exception for `code` with the core's sentence as message.
pub(crate) fn error(code: ErrorCode, message: String) -> PyErr {
    let args = (code.as_str(), message);
    match kind_of(code) {
        Kind::MalformedDocument => PyErr::new::<MalformedDocument, _>(args),
        Kind::MalformedSignature => PyErr::new::<MalformedSignature, _>(args),
        Kind::UnsupportedAlgorithm => PyErr::new::<UnsupportedAlgorithm, _>(args),
        Kind::InvalidSignature => PyErr::new::<InvalidSignature, _>(args),
        Kind::UntrustedSigner => PyErr::new::<UntrustedSigner, _>(args),
        Kind::Smp => PyErr::new::<SmpError, _>(args),
        Kind::Emrex => PyErr::new::<EmrexError, _>(args),
        Kind::Tsl => PyErr::new::<TslError, _>(args),
        Kind::Saml => PyErr::new::<SamlError, _>(args),
        Kind::ReplayCacheUnavailable => PyErr::new::<ReplayCacheUnavailable, _>(args),
        Kind::Metadata => PyErr::new::<MetadataError, _>(args),
        Kind::Ocsp => PyErr::new::<OcspError, _>(args),
        Kind::Decryption => PyErr::new::<DecryptionError, _>(args),
        Kind::Lookup => PyErr::new::<LookupFailed, _>(args),
        Kind::Other => PyErr::new::<VerificationError, _>(args),
    }
}

/// The Python exception for a core error.
pub(crate) fn from_core(e: &trustmeta::Error) -> PyErr {
    error(e.code(), e.to_string())
}

/// The Python exception for a failed operation: an argument refused before the core saw
/// it is Python's own `TypeError` or `ValueError`, with the table's sentence.
pub(crate) fn from_op(e: &OpError) -> PyErr {
    match e {
        OpError::Arg(a) if a.problem == ArgProblem::Value => PyValueError::new_err(a.to_string()),
        OpError::Arg(a) => PyTypeError::new_err(a.to_string()),
        OpError::Core(e) => from_core(e),
    }
}

fn class_of<'py>(py: Python<'py>, code: ErrorCode) -> Bound<'py, PyType> {
    use pyo3::PyTypeInfo;
    match kind_of(code) {
        Kind::MalformedDocument => MalformedDocument::type_object(py),
        Kind::MalformedSignature => MalformedSignature::type_object(py),
        Kind::UnsupportedAlgorithm => UnsupportedAlgorithm::type_object(py),
        Kind::InvalidSignature => InvalidSignature::type_object(py),
        Kind::UntrustedSigner => UntrustedSigner::type_object(py),
        Kind::Smp => SmpError::type_object(py),
        Kind::Emrex => EmrexError::type_object(py),
        Kind::Tsl => TslError::type_object(py),
        Kind::Saml => SamlError::type_object(py),
        Kind::ReplayCacheUnavailable => ReplayCacheUnavailable::type_object(py),
        Kind::Metadata => MetadataError::type_object(py),
        Kind::Ocsp => OcspError::type_object(py),
        Kind::Decryption => DecryptionError::type_object(py),
        Kind::Lookup => LookupFailed::type_object(py),
        Kind::Other => VerificationError::type_object(py),
    }
}

/// `{code: number}` for every code of the core, in table order.
pub(crate) fn codes_dict(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for c in ErrorCode::ALL {
        d.set_item(c.as_str(), c.number())?;
    }
    Ok(d)
}

/// `{code: exception class}` for every code of the core, in table order.
pub(crate) fn classes_dict(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for c in ErrorCode::ALL {
        d.set_item(c.as_str(), class_of(py, *c))?;
    }
    Ok(d)
}
