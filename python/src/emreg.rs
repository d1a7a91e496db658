//! `trustmeta.Emreg`: a parsed EMREG registry list, whose NCPs, countries and choices are
//! the table's records.

use pyo3::prelude::*;
use trustmeta_table::{opt_rec, recs, Describe};

use crate::convert::to_py;
use crate::errors;
use crate::store::bytes_arg;

/// A parsed EMREG registry list: the NCPs (EMPs) of the EMREX network with the
/// certificates their results are signed with, and the countries. The list itself is
/// unsigned: fetch it over an authenticated channel.
///
/// Example::
///
///     emreg = trustmeta.Emreg.parse(Path("emreg.json").read_bytes())
///     for choice in emreg.choices("NO"):
///         print(choice.ncp.acronym, choice.institution)
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct Emreg {
    inner: trustmeta::Emreg,
}

impl Emreg {
    /// The core list, for `verify_elmo`.
    pub(crate) fn inner(&self) -> &trustmeta::Emreg {
        &self.inner
    }
}

fn emrex_error(e: trustmeta::EmrexError) -> PyErr {
    errors::from_core(&trustmeta::Error::from(e))
}

#[pymethods]
impl Emreg {
    /// Parses an EMREG list (the JSON served at ``<registry>/emreg/list``, ``ncps`` or the
    /// newer ``emps``). Real lists' defects are accepted: a trailing comma before ``]`` or
    /// ``}``, ``null`` entries (skipped, see ``skipped_nulls``), ``singleFetch`` as a
    /// string, unknown members.
    ///
    /// Raises:
    ///     EmrexError: ``emrex.json_malformed`` (with line and column),
    ///         ``emrex.json_limit``, ``emrex.emreg_malformed``.
    ///     TypeError: ``data`` is not a bytes-like object.
    #[staticmethod]
    fn parse(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let data = bytes_arg("Emreg.parse", "data", data)?;
        py.detach(|| trustmeta::Emreg::parse(&data))
            .map(|inner| Emreg { inner })
            .map_err(emrex_error)
    }

    /// The NCPs (EMPs), in list order.
    #[getter]
    fn ncps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, recs(&self.inner.ncps))
    }

    /// The countries, in list order.
    #[getter]
    fn countries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, recs(&self.inner.countries))
    }

    /// Whether the NCPs came from the newer ``emps`` member.
    #[getter]
    fn emps(&self) -> bool {
        self.inner.emps
    }

    /// How many ``null`` entries were skipped.
    #[getter]
    fn skipped_nulls(&self) -> usize {
        self.inner.skipped_nulls
    }

    /// The NCP called ``acronym`` (case-sensitive, as listed).
    ///
    /// Raises:
    ///     EmrexError: ``emrex.ncp_not_found``.
    fn ncp<'py>(&self, py: Python<'py>, acronym: &str) -> PyResult<Bound<'py, PyAny>> {
        let ncp = self.inner.ncp(acronym).map_err(emrex_error)?;
        to_py(py, ncp.value())
    }

    /// The country ``code`` (any case); ``None`` when not listed.
    fn country<'py>(&self, py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, opt_rec(self.inner.country(code)))
    }

    /// The NCPs of country ``code`` (any case), in list order.
    fn ncps_of_country<'py>(&self, py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, recs(self.inner.ncps_of_country(code)))
    }

    /// What to offer a learner of country ``code`` (any case): for a ``singleFetch``
    /// country one entry per institution (each once, with the first NCP that lists it),
    /// otherwise one entry per NCP.
    fn choices<'py>(&self, py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, recs(&self.inner.choices(code)))
    }

    fn __len__(&self) -> usize {
        self.inner.ncps.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<trustmeta.Emreg {} NCPs, {} countries>",
            self.inner.ncps.len(),
            self.inner.countries.len()
        )
    }
}
