//! `trustmeta._trustmeta`: the native half of the `trustmeta` Python package.
//!
//! Bytes in, rich objects out, and an exception with a stable `.code` on failure. The
//! exception classes live in Python (`trustmeta/exceptions.py`) and are imported here, as
//! pyca/cryptography does; which class a code raises is derived from the core's code
//! table (`ErrorCode::ALL`), never kept by hand.

mod document;
mod emrex;
mod errors;
mod metadata;
mod ocsp;
mod saml;
mod smp;
mod store;
mod time;
mod tsl;

use pyo3::exceptions::PyTypeError;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use trustmeta::Policy;

use crate::document::{Outcome, Reference, VerifiedDocument};
use crate::store::{bytes_arg, TrustStore};

/// The version of this package (and of the trustmeta core it was built with).
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Verifies the one XML signature in ``xml`` against the anchors in ``store``.
///
/// The document must hold exactly one ``ds:Signature``. Every Reference must be
/// same-document (``""`` or ``"#id"``) and its digest must match; the SignatureValue must
/// verify under a key the store trusts, directly (pinned) or through a certificate path
/// valid at ``now``. SHA-1 and RSA keys under ``min_rsa_bits`` are refused unless allowed.
///
/// Arguments:
///     xml: the document, as the raw bytes received (not decoded text).
///     store: the trust anchors, a ``TrustStore``.
///     now: the verification time, a timezone-aware ``datetime``; ``None`` (the default)
///         reads the system clock. The time used is ``result.verified_at``.
///     allow_sha1: accept SHA-1 digests and signatures (legacy STORK/SMP data); the
///         result then lists them in ``legacy_algorithms``.
///     min_rsa_bits: smallest RSA modulus accepted for the signing key (default 2048).
///
/// Returns a ``VerifiedDocument``; never returns on failure.
///
/// Raises:
///     VerificationError: a subclass (``MalformedDocument``, ``MalformedSignature``,
///         ``UnsupportedAlgorithm``, ``InvalidSignature``, ``UntrustedSigner``) whose
///         ``.code`` is the stable error code, e.g. ``"dsig.digest_mismatch"``.
///     TypeError: an argument of the wrong type (``xml`` must be ``bytes``).
///     ValueError: a naive ``now`` or an out-of-range ``min_rsa_bits``.
///
/// Example::
///
///     store = trustmeta.TrustStore.from_pem(Path("signer.pem").read_bytes())
///     doc = trustmeta.verify(Path("smp-signed.xml").read_bytes(), store)
///     print(doc.signer_sha256)
#[pyfunction]
#[pyo3(signature = (xml, store, *, now = None, allow_sha1 = false, min_rsa_bits = 2048))]
fn verify(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    store: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    allow_sha1: bool,
    min_rsa_bits: i64,
) -> PyResult<VerifiedDocument> {
    let xml = bytes_arg("verify", "xml", xml)?;
    let Ok(store) = store.cast::<TrustStore>() else {
        return Err(PyTypeError::new_err(format!(
            "verify() argument 'store' must be a trustmeta.TrustStore (e.g. TrustStore.from_pem(pem_bytes)), not {}",
            store.get_type().name()?
        )));
    };
    let min_rsa_bits = u32::try_from(min_rsa_bits).map_err(|_| {
        PyValueError::new_err(format!(
            "verify() argument 'min_rsa_bits' must be between 0 and {}, not {min_rsa_bits}",
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
    let store = store.get();
    // The input bytes are immutable and kept alive by the caller, and the store is behind
    // a lock: verify without the GIL so that other threads keep running.
    let outcome = py.detach(|| {
        let anchors = store.read();
        trustmeta::verify(xml, &anchors, &policy, now).map(|doc| Outcome::of(&doc))
    });
    match outcome {
        Ok(o) => Ok(VerifiedDocument::new(py, o)),
        Err(e) => Err(errors::from_core(&e)),
    }
}

/// The version of the trustmeta package, e.g. ``"0.1.0"`` (same as ``__version__``).
#[pyfunction]
fn version() -> &'static str {
    VERSION
}

/// Native part of trustmeta; import ``trustmeta`` instead.
#[pymodule]
fn _trustmeta(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", VERSION)?;
    m.add_class::<TrustStore>()?;
    m.add_class::<VerifiedDocument>()?;
    m.add_class::<Reference>()?;
    m.add_class::<smp::VerifiedServiceMetadata>()?;
    m.add_class::<smp::Endpoint>()?;
    m.add_class::<smp::FilteredEndpoint>()?;
    m.add_class::<smp::Redirect>()?;
    m.add_class::<smp::ServiceReference>()?;
    m.add_class::<smp::VerifiedServiceGroup>()?;
    m.add_class::<smp::ExtensionSignature>()?;
    m.add_function(wrap_pyfunction!(smp::verify_smp, m)?)?;
    m.add_function(wrap_pyfunction!(smp::verify_smp_redirect, m)?)?;
    m.add_function(wrap_pyfunction!(smp::verify_service_group, m)?)?;
    m.add_function(wrap_pyfunction!(smp::verify_smp_extension_signatures, m)?)?;
    m.add_function(wrap_pyfunction!(smp::smp_name, m)?)?;
    m.add_class::<emrex::Emreg>()?;
    m.add_class::<emrex::Ncp>()?;
    m.add_class::<emrex::Country>()?;
    m.add_class::<emrex::NcpChoice>()?;
    m.add_class::<emrex::Learner>()?;
    m.add_class::<emrex::VerifiedElmo>()?;
    m.add_function(wrap_pyfunction!(emrex::verify_elmo, m)?)?;
    m.add_function(wrap_pyfunction!(emrex::decode_elmo_field, m)?)?;
    m.add_function(wrap_pyfunction!(emrex::parse_return_code, m)?)?;
    m.add_class::<tsl::VerifiedTsl>()?;
    m.add_class::<tsl::TslPointer>()?;
    m.add_class::<tsl::TslProvider>()?;
    m.add_class::<tsl::TslService>()?;
    m.add_class::<tsl::OpenNcpList>()?;
    m.add_class::<tsl::OpenNcpService>()?;
    m.add_class::<tsl::SmpRecord>()?;
    m.add_function(wrap_pyfunction!(tsl::verify_tsl, m)?)?;
    m.add_class::<saml::IssuerTrust>()?;
    m.add_class::<saml::ReplayCache>()?;
    m.add_class::<saml::SamlAttribute>()?;
    m.add_class::<saml::VerifiedSamlResponse>()?;
    m.add_class::<saml::RequestedAttribute>()?;
    m.add_class::<saml::VerifiedAuthnRequest>()?;
    m.add_function(wrap_pyfunction!(saml::verify_saml_response, m)?)?;
    m.add_function(wrap_pyfunction!(saml::verify_saml_request, m)?)?;
    m.add_function(wrap_pyfunction!(saml::verify_saml_request_redirect, m)?)?;
    m.add_function(wrap_pyfunction!(saml::decode_post_binding, m)?)?;
    m.add_class::<metadata::VerifiedMetadata>()?;
    m.add_class::<metadata::MetadataEntity>()?;
    m.add_class::<metadata::MetadataEndpoint>()?;
    m.add_class::<metadata::MetadataStreamVerifier>()?;
    m.add_function(wrap_pyfunction!(metadata::verify_metadata, m)?)?;
    m.add_function(wrap_pyfunction!(metadata::verify_metadata_file, m)?)?;
    m.add_function(wrap_pyfunction!(metadata::metadata_issuer_trust, m)?)?;
    m.add_class::<ocsp::VerifiedOcspResponse>()?;
    m.add_function(wrap_pyfunction!(ocsp::verify_ocsp_response, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add("ERROR_CODES", errors::codes_dict(py)?)?;
    m.add("ERROR_CLASSES", errors::classes_dict(py)?)?;
    Ok(())
}
