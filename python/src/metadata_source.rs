//! `trustmeta.MetadataSource`: the hosted layer's metadata refresh (conditional GET,
//! streamed verification, atomic replacement, rollback refusal) and its entity index,
//! from which issuer keys are loaded one issuer at a time. Blocking calls release the GIL.

use core::time::Duration;
use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use trustmeta::{ErrorCode, MetadataProfile, Policy};
use trustmeta_hosted::metadata::{
    EntityIndex, MetadataSource as Source, RefreshError, RefreshOptions, Refreshed, StateError,
};
use trustmeta_table::Describe;

use crate::store::{bytes_arg, TrustStore};
use crate::trust::IssuerTrust;
use crate::{convert, errors, time};

fn refresh_error(e: RefreshError) -> PyErr {
    match e {
        RefreshError::Rejected(core) => errors::from_core(&core),
        RefreshError::NotNewer(m) => errors::error(ErrorCode::RefreshNotNewer, m),
        RefreshError::Fetch(m) => errors::error(ErrorCode::LookupHttpFailure, m),
        e => PyOSError::new_err(e.to_string()),
    }
}

fn state_error(e: StateError) -> PyErr {
    match e {
        StateError::Document(core) => errors::from_core(&core),
        StateError::Io(m) => PyOSError::new_err(m),
        e @ (StateError::NoCopy(_) | StateError::Stale(_)) => {
            errors::error(ErrorCode::MetadataNotHeld, e.to_string())
        }
        e => errors::error(ErrorCode::MetadataMalformed, e.to_string()),
    }
}

/// A metadata aggregate kept verified in a state directory. Use
/// ``trustmeta.MetadataSource`` (the Python class wraps this one).
#[pyclass(module = "trustmeta._trustmeta", name = "_MetadataSource", frozen)]
pub(crate) struct MetadataSource {
    inner: Arc<Source>,
}

#[pymethods]
impl MetadataSource {
    #[new]
    #[pyo3(signature = (source, state_dir, store, *, profile, allow_sha1, min_rsa_bits))]
    fn new(
        source: String,
        state_dir: PathBuf,
        store: &TrustStore,
        profile: &str,
        allow_sha1: bool,
        min_rsa_bits: u32,
    ) -> PyResult<Self> {
        let profile = MetadataProfile::parse(profile).ok_or_else(|| {
            PyValueError::new_err(format!(
                "MetadataSource() argument 'profile' must be one of {}, not {profile:?}",
                MetadataProfile::NAMES.join(", ")
            ))
        })?;
        let policy = Policy {
            allow_sha1,
            min_rsa_bits,
            ..Policy::default()
        };
        Ok(MetadataSource {
            inner: Arc::new(Source::new(
                source,
                state_dir,
                store.read().clone(),
                policy,
                profile,
            )),
        })
    }

    /// Fetches, verifies and installs a newer copy; returns ``(status, record, sha256,
    /// reason)`` with status ``"updated"`` or ``"unchanged"``.
    #[pyo3(signature = (*, force, now, timeout, max_bytes))]
    fn refresh<'py>(
        &self,
        py: Python<'py>,
        force: bool,
        now: Option<&Bound<'py, PyAny>>,
        timeout: f64,
        max_bytes: u64,
    ) -> PyResult<Bound<'py, PyDict>> {
        let mut options = RefreshOptions::default();
        options.force = force;
        options.at = match now {
            Some(t) if !t.is_none() => Some(time::from_py("MetadataSource.refresh", "now", t)?),
            _ => None,
        };
        if !(timeout.is_finite() && timeout > 0.0 && timeout < 1e9) {
            return Err(PyValueError::new_err(format!(
                "MetadataSource.refresh() argument 'timeout' must be a positive number of seconds, not {timeout}"
            )));
        }
        options.timeout = Duration::from_secs_f64(timeout);
        options.max_bytes = max_bytes;
        let inner = Arc::clone(&self.inner);
        let out = PyDict::new(py);
        match py
            .detach(move || inner.refresh(&options))
            .map_err(refresh_error)?
        {
            Refreshed::Updated { metadata, sha256 } => {
                out.set_item("status", "updated")?;
                out.set_item("record", convert::to_py(py, metadata.value())?)?;
                out.set_item("sha256", sha256)?;
                out.set_item("reason", py.None())?;
            }
            Refreshed::Unchanged { reason } => {
                out.set_item("status", "unchanged")?;
                out.set_item("record", py.None())?;
                out.set_item("sha256", py.None())?;
                out.set_item("reason", reason)?;
            }
        }
        Ok(out)
    }

    /// Opens the entity index of the copy held.
    fn index(&self, py: Python<'_>) -> PyResult<MetadataIndex> {
        let inner = Arc::clone(&self.inner);
        let index = py.detach(move || inner.index()).map_err(state_error)?;
        Ok(MetadataIndex {
            inner: Arc::new(index),
        })
    }
}

/// An index entry as Python receives it: entityID, group, roles.
type Entry = (String, Option<String>, Vec<String>);

/// The entity index of a state directory's verified copy (``trustmeta.MetadataSource``
/// keeps one and reopens it after a refresh).
#[pyclass(module = "trustmeta._trustmeta", name = "_MetadataIndex", frozen)]
pub(crate) struct MetadataIndex {
    inner: Arc<EntityIndex>,
}

#[pymethods]
impl MetadataIndex {
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Whether the state directory still holds the copy this index was opened on.
    fn is_current(&self) -> bool {
        self.inner.is_current()
    }

    /// The entity, read from the verified copy, or None.
    fn entity<'py>(&self, py: Python<'py>, entity_id: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.entity(entity_id).map_err(state_error)? {
            Some(info) => convert::to_py(py, info.value()),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// Every entry of the index: ``(entity_id, group, roles)`` tuples in document order.
    fn entries(&self) -> PyResult<Vec<Entry>> {
        let mut out = Vec::new();
        self.inner
            .for_each(&mut |e| out.push((e.entity_id, e.group, e.roles)))
            .map_err(state_error)?;
        Ok(out)
    }

    /// The signing keys of the ``role`` descriptors of each of ``issuers`` the copy lists.
    fn issuer_trust(
        &self,
        py: Python<'_>,
        issuers: Vec<String>,
        role: &str,
    ) -> PyResult<IssuerTrust> {
        check_role(role)?;
        let inner = Arc::clone(&self.inner);
        let role = role.to_string();
        let trust = py
            .detach(move || {
                let ids: Vec<&str> = issuers.iter().map(String::as_str).collect();
                inner.issuer_trust(&ids, &role)
            })
            .map_err(state_error)?;
        Ok(IssuerTrust::from_core(trust))
    }

    /// The identity-provider keys of the issuers a SAML Response names.
    fn trust_for_response(&self, py: Python<'_>, xml: &Bound<'_, PyAny>) -> PyResult<IssuerTrust> {
        let bytes = bytes_arg("MetadataSource.trust_for_response", "xml", xml)?;
        let inner = Arc::clone(&self.inner);
        let trust = py
            .detach(move || inner.trust_for_response(&bytes, &Policy::default()))
            .map_err(state_error)?;
        Ok(IssuerTrust::from_core(trust))
    }
}

fn check_role(role: &str) -> PyResult<()> {
    if trustmeta::TRUST_ROLES.contains(&role) {
        Ok(())
    } else {
        Err(PyValueError::new_err(format!(
            "'role' must be one of {}, not {role:?}",
            trustmeta::TRUST_ROLES
                .iter()
                .map(|r| format!("\"{r}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}
