//! `trustmeta.SmpLookup`: the hosted layer's SMP lookup (DNS, HTTP, cache, verification),
//! blocking, run without the GIL so that other threads go on while it waits on the
//! network.

use core::net::SocketAddr;
use core::time::Duration;
use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use trustmeta::{
    DateTime, DocumentId, ErrorCode, IdentifierPolicy, ParticipantId, Policy, ProcessId, SmpApi,
    SmpQuestion,
};
use trustmeta_hosted::cache::{Entry, RecordCache};
use trustmeta_hosted::http::ConnectTo;
use trustmeta_hosted::smp::{CacheStatus, LookupError, LookupOptions};
use trustmeta_table::records::SmpAnswer;
use trustmeta_table::Describe;

use crate::store::TrustStore;
use crate::{convert, errors, time};

/// Finds a participant's SMP through DNS (BDXL NAPTR for SMP 1.0 and 2.0, then the PEPPOL
/// SML CNAME), fetches its record for a document type over HTTP(S), verifies it against
/// ``store`` (following one SMP redirect) and returns it. Reusable and thread-safe; the
/// calls release the GIL. Use ``trustmeta.SmpLookup`` (the Python class wraps this one).
#[pyclass(module = "trustmeta._trustmeta", name = "_SmpLookup", frozen)]
pub(crate) struct SmpLookup {
    inner: Arc<trustmeta_hosted::smp::SmpLookup>,
}

fn value_error(e: impl core::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn lookup_error(e: LookupError) -> PyErr {
    let code = match &e {
        LookupError::Rejected(core) => return errors::from_core(core),
        LookupError::Usage(m) => return PyValueError::new_err(m.clone()),
        LookupError::NotRegistered(_) => ErrorCode::LookupNotRegistered,
        LookupError::DnsFailure(_) => ErrorCode::LookupDnsFailure,
        LookupError::NoService(_) => ErrorCode::LookupNoService,
        LookupError::Http(_) => ErrorCode::LookupHttpFailure,
    };
    errors::error(code, e.to_string())
}

/// A record cache of the caller's own: any object with ``get(key) -> bytes | None`` and
/// ``set(key, value: bytes) -> None`` (a dict wrapper, a Redis client, memcached…). The
/// key is the record's URL; what ``get`` gives is verified again before any use, so a
/// wrong or stale value costs a fetch, nothing more. An exception from ``get`` is a miss,
/// from ``set`` a warning in the lookup's trace.
struct PyRecordCache(Py<PyAny>);

impl RecordCache for PyRecordCache {
    fn load(&self, url: &str) -> Option<Entry> {
        Python::attach(|py| {
            let v = self.0.bind(py).call_method1("get", (url,)).ok()?;
            let bytes = v.cast::<pyo3::types::PyBytes>().ok()?;
            Entry::from_bytes(url, bytes.as_bytes())
        })
    }

    fn store(&self, entry: &Entry) -> Result<(), String> {
        Python::attach(|py| {
            let value = pyo3::types::PyBytes::new(py, &entry.to_bytes());
            self.0
                .bind(py)
                .call_method1("set", (entry.url.as_str(), value))
                .map(drop)
                .map_err(|e| format!("the cache's set() raised {e}"))
        })
    }
}

fn nameserver(text: &str) -> PyResult<SocketAddr> {
    trustmeta_hosted::dns::parse_nameserver(text).ok_or_else(|| {
        value_error(format!(
            "SmpLookup() nameserver {text:?}: write an IP address, optionally with a port \
                 ('127.0.0.1:5353', '[::1]:53')"
        ))
    })
}

#[pymethods]
impl SmpLookup {
    #[new]
    #[pyo3(signature = (zone, store, *, nameservers, connect_to, cache_dir, cache, cache_ttl, timeout, dns_timeout, smp_version, allow_sha1, allow_stale_crl, min_rsa_bits))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        zone: String,
        store: &TrustStore,
        nameservers: Vec<String>,
        connect_to: Vec<String>,
        cache_dir: Option<PathBuf>,
        cache: Option<Py<PyAny>>,
        cache_ttl: f64,
        timeout: f64,
        dns_timeout: f64,
        smp_version: &str,
        allow_sha1: bool,
        allow_stale_crl: bool,
        min_rsa_bits: u32,
    ) -> PyResult<Self> {
        let seconds = |name: &str, s: f64| {
            if s.is_finite() && s > 0.0 && s < 1e9 {
                Ok(Duration::from_secs_f64(s))
            } else {
                Err(value_error(format!(
                    "SmpLookup() argument '{name}' must be a positive number of seconds, not {s}"
                )))
            }
        };
        let mut options = LookupOptions::new(zone);
        options.nameservers = nameservers
            .iter()
            .map(|n| nameserver(n))
            .collect::<PyResult<_>>()?;
        options.connect_to = connect_to
            .iter()
            .map(|c| ConnectTo::parse(c).map_err(value_error))
            .collect::<PyResult<_>>()?;
        options.cache_dir = cache_dir;
        if let Some(obj) = cache.filter(|o| !o.is_none(py)) {
            for method in ["get", "set"] {
                if !obj.bind(py).hasattr(method)? {
                    return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                        "SmpLookup() argument 'cache' must have get(key) and set(key, value) methods; it has no {method}()"
                    )));
                }
            }
            options.record_cache = Some(Arc::new(PyRecordCache(obj)));
        }
        options.cache_ttl = seconds("cache_ttl", cache_ttl)?;
        options.timeout = seconds("timeout", timeout)?;
        options.dns_timeout = seconds("dns_timeout", dns_timeout)?;
        options.api = match smp_version {
            "auto" => None,
            "1" => Some(SmpApi::V1),
            "2" => Some(SmpApi::V2),
            other => {
                return Err(value_error(format!(
                    "SmpLookup() argument 'smp_version' must be 'auto', '1' or '2', not {other:?}"
                )))
            }
        };
        let policy = Policy {
            allow_sha1,
            allow_stale_crl,
            min_rsa_bits,
            ..Policy::default()
        };
        let store = store.read().clone();
        let inner = py
            .detach(|| trustmeta_hosted::smp::SmpLookup::new(&options, store, policy))
            .map_err(lookup_error)?;
        Ok(SmpLookup {
            inner: Arc::new(inner),
        })
    }

    /// Looks up the record for ``participant`` and ``document``; returns the record (as
    /// ``verify_smp`` does) and a dict of how it was found.
    #[pyo3(signature = (participant, document, *, process, transport_profile, now))]
    fn lookup<'py>(
        &self,
        py: Python<'py>,
        participant: &str,
        document: &str,
        process: Option<&str>,
        transport_profile: Option<String>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyDict>)> {
        let question = SmpQuestion {
            participant: ParticipantId::parse(participant).map_err(value_error)?,
            document: DocumentId::parse(document).map_err(value_error)?,
            process: process
                .map(ProcessId::parse)
                .transpose()
                .map_err(value_error)?,
            transport_profile,
            identifiers: IdentifierPolicy::default(),
        };
        let now = match now {
            Some(t) if !t.is_none() => time::from_py("SmpLookup.lookup", "now", t)?,
            _ => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_err(value_error)?
                    .as_secs();
                DateTime::from_unix(i64::try_from(secs).unwrap_or(i64::MAX))
            }
        };
        let inner = Arc::clone(&self.inner);
        let (result, trace) = py.detach(move || inner.lookup(&question, now));
        let how = PyDict::new(py);
        how.set_item("dns_name", trace.dns.as_ref().map(|(n, _)| n.clone()))?;
        how.set_item("dns_record_type", trace.dns.as_ref().map(|(_, t)| *t))?;
        how.set_item("smp_api", trace.api.map(SmpApi::name))?;
        how.set_item("smp_url", trace.smp_url)?;
        how.set_item("redirected_from", trace.redirected_from)?;
        how.set_item("cache", trace.cache.map(CacheStatus::name))?;
        how.set_item("warnings", trace.warnings)?;
        let verified = result.map_err(lookup_error)?;
        let record = convert::to_py(
            py,
            SmpAnswer {
                verified,
                checks: None,
            }
            .value(),
        )?;
        Ok((record, how))
    }
}
