//! `trustmeta.TrustStore`.

use std::sync::{PoisonError, RwLock, RwLockReadGuard};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyBytes, PyMemoryView};

use crate::errors;

/// What you trust: pinned certificates and public keys, CA anchors, untrusted
/// intermediates that may complete a certificate path, and the CRLs that revoke
/// certificates on one.
///
/// A trusted certificate works both ways: a signer whose certificate equals it is
/// trusted (pinning), and a signer it certifies is trusted when it is a CA certificate.
/// A bare public key is trusted only when it equals the signing key.
///
/// Build one with ``TrustStore.from_pem(&pem)`` or ``TrustStore()`` and ``add_pem``.
/// A store may be shared by threads: ``verify`` runs without the GIL and many
/// verifications can read one store at once; ``add_pem`` waits for them.
///
/// Example::
///
///     store = trustmeta.TrustStore.from_pem(Path("signer.pem").read_bytes())
///     store.add_intermediates_pem(Path("intermediate-ca.pem").read_bytes())
///     len(store)  # trusted certificates and keys: 1
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct TrustStore {
    inner: RwLock<trustmeta::TrustStore>,
}

impl TrustStore {
    /// Shared access for verification.
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, trustmeta::TrustStore> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn update<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut trustmeta::TrustStore) -> Result<T, trustmeta::PkiError> + Send,
    ) -> PyResult<T> {
        // Wait for running verifications without holding the GIL they need to finish.
        py.detach(|| f(&mut self.inner.write().unwrap_or_else(PoisonError::into_inner)))
            .map_err(|e| errors::from_core(&e.into()))
    }
}

/// What a byte argument accepts, for the messages that refuse anything else.
pub(crate) const BYTES_LIKE: &str = "a bytes-like object";

/// Why `str` is refused where bytes are expected.
pub(crate) const STR_HINT: &str = " (pass the file's raw bytes, e.g. Path(...).read_bytes(): decoding and re-encoding text can change what was signed)";

/// `obj` as `bytes`: itself, or a copy of what an object with the buffer protocol holds
/// (`bytearray`, `memoryview`, `mmap.mmap`), taken once so that the caller changing it
/// meanwhile cannot change what is verified; `None` for anything else, `str` included
/// (it has no buffer).
pub(crate) fn as_bytes<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyBytes>>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Some(b.clone()));
    }
    let view = match PyMemoryView::from(obj) {
        Ok(view) => view,
        // No buffer protocol; a buffer that cannot be read (a closed mmap, a released
        // view) says why.
        Err(e) if e.is_instance_of::<PyTypeError>(obj.py()) => return Ok(None),
        Err(e) => return Err(e),
    };
    let copy = view.call_method0("tobytes")?.cast_into::<PyBytes>()?;
    view.call_method0("release")?;
    Ok(Some(copy))
}

/// A byte argument (see [`as_bytes`]), or says which argument was wrong and how to fix it.
pub(crate) fn bytes_arg(func: &str, name: &str, obj: &Bound<'_, PyAny>) -> PyResult<PyBackedBytes> {
    if let Some(b) = as_bytes(obj)? {
        return Ok(b.into());
    }
    let ty = obj.get_type().name()?;
    let hint = if obj.is_instance_of::<pyo3::types::PyString>() {
        STR_HINT
    } else {
        ""
    };
    Err(PyTypeError::new_err(format!(
        "{func}() argument '{name}' must be {BYTES_LIKE}, not {ty}{hint}"
    )))
}

#[pymethods]
impl TrustStore {
    /// An empty store. Add anchors with ``add_pem`` before verifying.
    #[new]
    fn new() -> Self {
        TrustStore {
            inner: RwLock::new(trustmeta::TrustStore::new()),
        }
    }

    /// A store trusting every ``CERTIFICATE`` and ``PUBLIC KEY`` block of ``pem`` (or
    /// the single DER certificate ``pem`` is, when it is not PEM).
    ///
    /// Raises ``UntrustedSigner`` with code ``pki.bad_pem`` when nothing usable is found,
    /// or ``pki.bad_certificate`` for a certificate that does not parse; ``TypeError``
    /// when ``pem`` is not a bytes-like object.
    #[staticmethod]
    fn from_pem(py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<Self> {
        let pem = bytes_arg("from_pem", "pem", pem)?;
        let store = py
            .detach(|| trustmeta::TrustStore::from_pem(&pem))
            .map_err(|e| errors::from_core(&e.into()))?;
        Ok(TrustStore {
            inner: RwLock::new(store),
        })
    }

    /// Trusts every ``CERTIFICATE`` and ``PUBLIC KEY`` block of ``pem`` (or one DER
    /// certificate) in addition to what the store holds.
    ///
    /// Raises as ``from_pem``; on error the store is left as it was.
    fn add_pem(&self, py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<()> {
        let pem = bytes_arg("add_pem", "pem", pem)?;
        self.update(py, |s| {
            // Parse into a copy so that a bad block half-way leaves the store unchanged.
            let mut next = s.clone();
            next.add_pem(&pem)?;
            *s = next;
            Ok(())
        })
    }

    /// Adds every certificate of ``pem`` as an untrusted intermediate: it may complete a
    /// path from a signer to a trusted anchor, never end one. Not counted by ``len()``.
    ///
    /// Raises ``UntrustedSigner`` with code ``pki.bad_pem`` when ``pem`` holds no
    /// certificate (or ``pki.bad_certificate``); on error the store is left as it was.
    fn add_intermediates_pem(&self, py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<()> {
        let pem = bytes_arg("add_intermediates_pem", "pem", pem)?;
        self.update(py, |s| {
            let mut next = s.clone();
            next.add_intermediates_pem(&pem)?;
            *s = next;
            Ok(())
        })
    }

    /// Adds every certificate revocation list of ``pem`` (its ``X509 CRL`` blocks, or the
    /// one DER CRL ``pem`` is when it is not PEM) and returns how many. A CRL is used only
    /// for the certificates of the CA that signed it: a path through a certificate it
    /// lists is then refused with ``pki.revoked``, and a path whose CRL is past its
    /// nextUpdate with ``pki.crl_expired`` unless ``allow_stale_crl=True``. Not counted
    /// by ``len()``.
    ///
    /// Raises ``UntrustedSigner`` with code ``pki.crl_invalid`` when ``pem`` holds no CRL,
    /// or a CRL does not parse or is of an unsupported kind (delta, indirect); on error
    /// the store is left as it was. ``TypeError`` when ``pem`` is not a bytes-like
    /// object.
    fn add_crls_pem(&self, py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<usize> {
        let pem = bytes_arg("add_crls_pem", "pem", pem)?;
        self.update(py, |s| {
            let mut next = s.clone();
            let n = next.add_crls_pem(&pem)?;
            *s = next;
            Ok(n)
        })
    }

    /// Trusts only the public key of each certificate in ``pem``, pinned, ignoring the
    /// certificates' validity periods and issuers: the SAML metadata interoperability
    /// profile's rule for keys taken from metadata, where a certificate only carries a key.
    ///
    /// Raises ``UntrustedSigner`` with code ``pki.bad_pem`` when ``pem`` holds no
    /// certificate, ``pki.bad_certificate`` for one that does not parse or has an
    /// unsupported key; on error the store is left as it was.
    fn add_keys_pem(&self, py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<()> {
        let pem = bytes_arg("add_keys_pem", "pem", pem)?;
        self.update(py, |s| s.add_keys_pem(&pem))
    }

    /// The trusted certificates, as ``(subject, sha256_hex)`` pairs, in the order added.
    /// Trusted bare public keys are counted by ``len()`` but have no entry here.
    #[getter]
    fn certificates(&self) -> Vec<(String, String)> {
        self.read()
            .certificates()
            .iter()
            .map(|c| (c.subject().to_owned(), c.sha256_hex()))
            .collect()
    }

    /// Number of trusted certificates and public keys (intermediates not counted).
    fn __len__(&self) -> usize {
        self.read().len()
    }

    fn __repr__(&self) -> String {
        let s = self.read();
        let certs = s.certificates().len();
        let keys = s.len() - certs;
        format!(
            "<trustmeta.TrustStore: {certs} certificate{}, {keys} key{}>",
            plural(certs),
            plural(keys)
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
