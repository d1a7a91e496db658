//! `trustmeta.IssuerTrust` and `trustmeta.ReplayCache`: what a SAML relying party keeps
//! between verifications.

use std::sync::{PoisonError, RwLock, RwLockReadGuard};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use trustmeta_table::ops::SharedReplayCache;

use crate::store::TrustStore;

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
    /// Trust the core built (from metadata).
    pub(crate) fn from_core(inner: trustmeta::IssuerTrust) -> Self {
        IssuerTrust {
            inner: RwLock::new(inner),
        }
    }

    /// Shared access for verification.
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, trustmeta::IssuerTrust> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }
}

#[pymethods]
impl IssuerTrust {
    /// No issuer is trusted yet; add stores with ``add``.
    #[new]
    fn new() -> Self {
        IssuerTrust::from_core(trustmeta::IssuerTrust::new())
    }

    /// Trust that uses ``store`` for every issuer.
    ///
    /// Raises ``TypeError`` when ``store`` is not a ``TrustStore``.
    #[staticmethod]
    fn any_issuer(store: &Bound<'_, PyAny>) -> PyResult<Self> {
        let copy = store_arg("IssuerTrust.any_issuer", store)?
            .get()
            .read()
            .clone();
        Ok(IssuerTrust::from_core(trustmeta::IssuerTrust::any_issuer(
            copy,
        )))
    }

    /// Trusts (a copy of) ``store`` for messages whose ``Issuer`` is ``entity_id``
    /// (compared exactly). Adding the same entity ID twice keeps the first store.
    ///
    /// Raises ``TypeError`` when ``store`` is not a ``TrustStore``.
    fn add(&self, py: Python<'_>, entity_id: &str, store: &Bound<'_, PyAny>) -> PyResult<()> {
        let copy = store_arg("IssuerTrust.add", store)?.get().read().clone();
        // Wait for running verifications without holding the GIL they need to finish.
        py.detach(|| {
            self.inner
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .add(entity_id, copy);
        });
        Ok(())
    }

    /// The entity IDs trusted, in the order added.
    #[getter]
    fn issuers(&self) -> Vec<String> {
        self.read().issuers().map(|(id, _)| id.to_owned()).collect()
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
    inner: SharedReplayCache,
    capacity: usize,
}

impl ReplayCache {
    /// The cache, as the operations take it.
    pub(crate) fn shared(&self) -> &SharedReplayCache {
        &self.inner
    }
}

#[pymethods]
impl ReplayCache {
    /// A cache holding at most ``capacity`` unexpired assertion IDs.
    #[new]
    fn new(capacity: usize) -> Self {
        ReplayCache {
            inner: SharedReplayCache::memory(capacity),
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
        self.inner.len().unwrap_or(0)
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.ReplayCache {} of {}>",
            self.__len__(),
            self.capacity
        )
    }
}
