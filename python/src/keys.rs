//! `trustmeta.DecryptionKeys`: a relying party's private keys for encrypted SAML content.

use std::sync::{PoisonError, RwLock};

use pyo3::prelude::*;

use crate::errors;
use crate::store::bytes_arg;

/// A relying party's private decryption keys, for the ``EncryptedAssertion``,
/// ``EncryptedID`` and ``EncryptedAttribute`` an identity provider encrypts to it.
///
/// Pass it as ``decrypt_keys`` to ``verify_saml_response`` (or to
/// ``decrypt_saml_assertion``). The recipient a message names only chooses among these
/// keys: a message can never bring its own. Neither ``repr`` nor any attribute shows key
/// material. A set may be shared by threads; a key added while a verification runs is
/// used from the next one.
///
/// Example::
///
///     keys = trustmeta.DecryptionKeys.from_pem(Path("sp-encryption.key.pem").read_bytes())
///     keys.add_pem(Path("sp-encryption-next.key.pem").read_bytes())  # during a rollover
///     len(keys)  # 2
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct DecryptionKeys {
    inner: RwLock<trustmeta_table::ops::DecryptionKeys>,
}

impl DecryptionKeys {
    /// The keys as they are now, for one call: a clone shares the keys, so this copies
    /// no key material, and a running verification never holds the lock `add_pem` waits
    /// for.
    pub(crate) fn snapshot(&self) -> trustmeta_table::ops::DecryptionKeys {
        self.inner
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn add(&self, func: &str, py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<()> {
        let pem = bytes_arg(func, "pem", pem)?;
        // Reading an RSA key takes a while: other Python threads run meanwhile.
        py.detach(|| {
            self.inner
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .add_pem(pem)
        })
        .map_err(|e| errors::from_core(&e))
    }
}

#[pymethods]
impl DecryptionKeys {
    /// No keys yet; add them with ``add_pem``.
    #[new]
    fn new() -> Self {
        DecryptionKeys {
            inner: RwLock::new(trustmeta_table::ops::DecryptionKeys::new()),
        }
    }

    /// Keys holding the first private key of ``pem``: a ``PRIVATE KEY`` (PKCS#8),
    /// ``RSA PRIVATE KEY`` or ``EC PRIVATE KEY`` block, unencrypted.
    ///
    /// Raises ``DecryptionError`` with code ``xmlenc.bad_key`` when there is none or it
    /// cannot be used (encrypted, damaged, an unsupported kind); ``TypeError`` when
    /// ``pem`` is not ``bytes``.
    #[staticmethod]
    fn from_pem(py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<Self> {
        let keys = DecryptionKeys::new();
        keys.add("from_pem", py, pem)?;
        Ok(keys)
    }

    /// Adds the first private key of ``pem`` (as ``from_pem``) to the keys.
    ///
    /// Raises as ``from_pem``; on error the keys are left as they were.
    fn add_pem(&self, py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<()> {
        self.add("add_pem", py, pem)
    }

    /// Number of keys.
    fn __len__(&self) -> usize {
        self.inner
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    fn __repr__(&self) -> String {
        let n = self.__len__();
        format!(
            "<trustmeta.DecryptionKeys: {n} key{}>",
            if n == 1 { "" } else { "s" }
        )
    }
}
