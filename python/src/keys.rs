//! `trustmeta.DecryptionKeys`: a relying party's private keys for encrypted SAML content.

use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock};

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
///     keys.add_pkcs11("/usr/lib/softhsm/libsofthsm2.so", "pkcs11:token=sp;object=enc", pin)
///     len(keys)  # 3
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
                .add_pem(&pem)
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
    /// ``pem`` is not a bytes-like object.
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

    /// Adds a private key held in a PKCS#11 token (an HSM, a smart card, SoftHSM2). The
    /// private key stays in the token: it decrypts (RSA-OAEP) or derives (ECDH-ES) there,
    /// and only a message's content key or shared secret comes out.
    ///
    /// ``module`` is the PKCS#11 library to load (for instance
    /// ``/usr/lib/softhsm/libsofthsm2.so``), loaded and initialized once per process.
    /// ``uri`` is an RFC 7512 ``pkcs11:`` URI naming the token (``token``,
    /// ``manufacturer``, ``serial``, ``model``, ``slot-id``; none when the module has one
    /// token) and one private key (``object`` for its label and/or ``id``, e.g.
    /// ``id=%01``); anything else in it, such as ``pin-value``, is refused. ``pin`` is the
    /// user PIN, kept by the key to log in again if the token drops the session.
    ///
    /// Raises ``DecryptionError`` with code ``xmlenc.key_unavailable`` (the message says
    /// why: the module, the URI, no such token or key, the PIN refused, a key that cannot
    /// decrypt or derive) and then leaves the keys as they were; ``TypeError`` when an
    /// argument is not ``str``.
    fn add_pkcs11(&self, py: Python<'_>, module: &str, uri: &str, pin: &str) -> PyResult<()> {
        // Loading the module and logging in may wait on a network HSM: other Python
        // threads run meanwhile, and no lock is held while they do.
        let key = py
            .detach(|| trustmeta_pkcs11::Pkcs11Key::open(Path::new(module), uri, pin))
            .map_err(|e| errors::from_core(&e.into()))?;
        self.inner
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .add(Arc::new(key));
        Ok(())
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
