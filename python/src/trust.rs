//! `trustmeta.IssuerTrust` and `trustmeta.ReplayCache`: what a SAML relying party keeps
//! between verifications.

use std::sync::{PoisonError, RwLock, RwLockReadGuard};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBool;
use trustmeta::{DateTime, ReplayCheck};
use trustmeta_table::ops::{ConcurrentReplayCache, SharedReplayCache};

use crate::time;

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

/// A replay cache on a Redis or Valkey server, shared by every worker of a relying
/// party: a response accepted by one worker is refused as a replay by every other. Pass
/// it wherever a ``ReplayCache`` is taken. ``url`` is ``redis://[:PASSWORD@]HOST[:PORT][/DB]``,
/// ``valkey://…`` or ``redis+unix:///PATH`` (no TLS: keep the server on loopback or a
/// private network).
///
/// Each assertion ID is recorded with one atomic ``SET <prefix><sha256(ID)> 1 NX PX <ms>``
/// until the assertion expires. Nothing is connected until the first verification; a
/// server that does not answer within ``timeout`` seconds refuses the response with
/// ``ReplayCacheUnavailable`` (``saml.replay_cache_unavailable``), never accepts it
/// unchecked, and a restarted server is used again without a new object. Safe to share
/// between threads (one connection, one check at a time).
///
/// Example::
///
///     cache = trustmeta.RedisReplayCache("redis://127.0.0.1:6379/0")
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct RedisReplayCache {
    inner: SharedReplayCache,
    url: String,
}

impl RedisReplayCache {
    /// The cache, as the operations take it.
    pub(crate) fn shared(&self) -> &SharedReplayCache {
        &self.inner
    }
}

#[pymethods]
impl RedisReplayCache {
    /// A cache on the server at ``url``; ``prefix`` starts every key (one per relying
    /// party sharing a server), ``timeout`` bounds the connection and each answer, in
    /// seconds. Raises ``ValueError`` for a URL that is not such a server's.
    #[new]
    #[pyo3(signature = (url, *, prefix = "trustmeta:replay:", timeout = 1.0))]
    fn new(url: &str, prefix: &str, timeout: f64) -> PyResult<Self> {
        let Some(t) = std::time::Duration::try_from_secs_f64(timeout)
            .ok()
            .filter(|t| !t.is_zero())
        else {
            return Err(PyValueError::new_err(format!(
                "RedisReplayCache() argument 'timeout' must be a positive number of seconds, not {timeout}"
            )));
        };
        let cache = trustmeta_hosted::RedisReplayCache::open(url)
            .map_err(|e| PyValueError::new_err(e.to_string()))?
            .with_prefix(prefix)
            .with_timeouts(t, t);
        Ok(RedisReplayCache {
            url: cache.server(),
            inner: SharedReplayCache::serialized(cache),
        })
    }

    fn __repr__(&self) -> String {
        format!("<trustmeta.RedisReplayCache {}>", self.url)
    }
}

/// A Python object with ``check_and_insert(id, expires, now) -> bool`` as a replay
/// cache: ``True`` is fresh, ``False`` a replay; anything else, an exception included,
/// is an unavailable cache, and the response is refused.
pub(crate) struct PyReplayCache(Py<PyAny>);

impl PyReplayCache {
    pub(crate) fn new(obj: Py<PyAny>) -> Self {
        PyReplayCache(obj)
    }
}

impl ConcurrentReplayCache for PyReplayCache {
    fn check_and_insert(&self, id: &str, expires: DateTime, now: DateTime) -> ReplayCheck {
        Python::attach(|py| {
            let answer = (|| {
                let args = (id, time::to_py(py, expires)?, time::to_py(py, now)?);
                self.0.bind(py).call_method1("check_and_insert", args)
            })();
            match answer {
                Ok(v) => match v.cast::<PyBool>() {
                    Ok(b) if b.is_true() => ReplayCheck::Fresh,
                    Ok(_) => ReplayCheck::Replay,
                    Err(_) => ReplayCheck::Unavailable {
                        reason: format!(
                            "check_and_insert returned {}, not a bool",
                            v.get_type()
                                .name()
                                .map(|n| n.to_string())
                                .unwrap_or_default()
                        ),
                    },
                },
                Err(e) => ReplayCheck::Unavailable {
                    reason: format!("check_and_insert raised {e}"),
                },
            }
        })
    }
}
