//! The table's values as Python objects: a record as an instance of its class generated
//! in `trustmeta/_records.py` (a named tuple for a pair-like record), a time as an aware
//! UTC `datetime`, bytes and XML as `bytes`, null as `None`.
//!
//! A record's fields are converted when they are first read, not when the record is
//! made: a caller that reads one endpoint's address out of an SMP record should not pay
//! for a `datetime` per certificate date and a `bytes` per certificate. The conversion
//! holds the GIL, so doing less of it also lets threads verify in parallel.

use pyo3::exceptions::{PyIndexError, PyRuntimeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString, PyTuple};
use trustmeta_table::{Record, RecordDesc, Value};

use crate::time;

/// `trustmeta._records._BY_NAME`: each record's class by the table's name.
static CLASSES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// `v` as Python gives it to the caller: a list as a new `list`.
pub(crate) fn to_py(py: Python<'_>, v: Value) -> PyResult<Bound<'_, PyAny>> {
    match v {
        Value::List(items) => {
            let items = items
                .into_iter()
                .map(|v| owned(py, v))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyList::new(py, items)?.into_any())
        }
        other => owned(py, other),
    }
}

/// [`stored`], moving a record into its Python object rather than copying it.
fn owned(py: Python<'_>, v: Value) -> PyResult<Bound<'_, PyAny>> {
    match v {
        Value::Record(r) => record(py, r),
        other => stored(py, &other),
    }
}

/// `v` as a record stores it: a list as a tuple, so that records compare and hash by
/// value and cannot be changed through a field.
fn stored<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Int(n) => n.into_pyobject(py)?.into_any(),
        Value::Str(s) => PyString::new(py, s).into_any(),
        Value::Bytes(b) => PyBytes::new(py, b).into_any(),
        Value::Xml(s) => PyBytes::new(py, s.as_bytes()).into_any(),
        Value::Time(t) => time::to_py(py, *t)?.into_any(),
        Value::List(items) => PyTuple::new(py, values(py, items)?)?.into_any(),
        Value::Record(r) if r.desc.tuple => named_tuple(py, r)?,
        // A record read out of another: its own copy, converted as it is read.
        Value::Record(r) => record(py, r.clone())?,
    })
}

fn values<'py>(py: Python<'py>, items: &[Value]) -> PyResult<Vec<Bound<'py, PyAny>>> {
    items.iter().map(|v| stored(py, v)).collect()
}

/// The class generated for the record `desc` names.
fn class_of<'py>(py: Python<'py>, desc: &RecordDesc) -> PyResult<Bound<'py, PyAny>> {
    let classes = CLASSES
        .get_or_try_init(py, || -> PyResult<_> {
            let d = py.import("trustmeta._records")?.getattr("_BY_NAME")?;
            Ok(d.cast_into::<PyDict>()?.unbind())
        })?
        .bind(py);
    classes.get_item(desc.name)?.ok_or_else(|| {
        PyRuntimeError::new_err(format!(
            "trustmeta._records has no class for the record {}: regenerate it",
            desc.name
        ))
    })
}

/// A pair-like record as its named tuple: small, converted at once, and compared with
/// plain tuples.
fn named_tuple<'py>(py: Python<'py>, r: &Record) -> PyResult<Bound<'py, PyAny>> {
    class_of(py, r.desc)?.call1(PyTuple::new(py, values(py, &r.values)?)?)
}

fn record(py: Python<'_>, r: Record) -> PyResult<Bound<'_, PyAny>> {
    if r.desc.tuple {
        return named_tuple(py, &r);
    }
    // Records have no constructor: make the instance and give it its values.
    let class = class_of(py, r.desc)?;
    let obj = class.call_method1(intern!(py, "__new__"), (&class,))?;
    obj.setattr(intern!(py, "_v"), Values::new(py, r)?)?;
    Ok(obj)
}

/// A record's values, each converted on its first read and kept: the record's `_v`.
///
/// It reads like the tuple it stands for (index, length, iteration), compares equal to a
/// `_Values` of the same values or to that tuple, hashes as the tuple does, and pickles
/// as the tuple.
#[pyclass(module = "trustmeta._trustmeta", name = "_Values", frozen, sequence)]
pub(crate) struct Values {
    record: Record,
    /// One cell per field, filled by the first read.
    read: Box<[PyOnceLock<Py<PyAny>>]>,
}

impl Values {
    fn new(py: Python<'_>, record: Record) -> PyResult<Bound<'_, Self>> {
        let read = record.values.iter().map(|_| PyOnceLock::new()).collect();
        Bound::new(py, Self { record, read })
    }

    fn field<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        let cell = self.read[i]
            .get_or_try_init(py, || stored(py, &self.record.values[i]).map(Bound::unbind))?;
        Ok(cell.bind(py).clone())
    }

    /// Every field, as the tuple this stands for.
    fn tuple<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let all = (0..self.read.len())
            .map(|i| self.field(py, i))
            .collect::<PyResult<Vec<_>>>()?;
        PyTuple::new(py, all)
    }
}

#[pymethods]
impl Values {
    fn __len__(&self) -> usize {
        self.read.len()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: isize) -> PyResult<Bound<'py, PyAny>> {
        let len = self.read.len() as isize;
        let i = if index < 0 { index + len } else { index };
        if !(0..len).contains(&i) {
            return Err(PyIndexError::new_err("record field index out of range"));
        }
        self.field(py, i as usize)
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.tuple(py)?.try_iter()?.into_any())
    }

    fn __richcmp__<'py>(
        &self,
        py: Python<'py>,
        other: &Bound<'py, PyAny>,
        op: CompareOp,
    ) -> PyResult<Py<PyAny>> {
        if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
            return Ok(py.NotImplemented());
        }
        let equal = match other.cast::<Values>() {
            // Two records of this library: their values, unconverted.
            Ok(o) => self.record == o.get().record,
            Err(_) if other.is_instance_of::<PyTuple>() => self.tuple(py)?.eq(other)?,
            Err(_) => return Ok(py.NotImplemented()),
        };
        Ok(PyBool::new(py, equal == matches!(op, CompareOp::Eq))
            .to_owned()
            .into_any()
            .unbind())
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.tuple(py)?.hash()
    }

    /// Pickled (and copied) as the tuple: a record's `_v` may be either.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyTuple>,))> {
        Ok((py.get_type::<PyTuple>().into_any(), (self.tuple(py)?,)))
    }
}
