//! A verified trusted list as Python holds it: the record with a native holder that
//! writes its SMP records (`VerifiedTsl.to_smp`).

use pyo3::prelude::*;
use trustmeta_table::{ops, Value};

use crate::convert::to_py;
use crate::errors;

/// The `VerifiedTsl` record for `value`, holding `verified` for `to_smp`.
pub(crate) fn record<'py>(
    py: Python<'py>,
    value: Value,
    verified: trustmeta::VerifiedTsl,
) -> PyResult<Bound<'py, PyAny>> {
    let obj = to_py(py, value)?;
    obj.setattr("_held", HeldTsl { verified })?;
    Ok(obj)
}

/// What a `VerifiedTsl` record holds to write its SMP records.
#[pyclass(module = "trustmeta._trustmeta", name = "_HeldTsl", frozen)]
pub(crate) struct HeldTsl {
    verified: trustmeta::VerifiedTsl,
}

#[pymethods]
impl HeldTsl {
    /// The SMP records of the list, in ``format``.
    fn to_smp<'py>(&self, py: Python<'py>, format: &str) -> PyResult<Bound<'py, PyAny>> {
        let records = py.detach(|| ops::tsl_to_smp(&self.verified, format));
        to_py(py, records.map_err(|e| errors::from_op(&e))?)
    }
}
