//! The table's values as Python objects: a record as an instance of its class generated
//! in `trustmeta/_records.py` (a named tuple for a pair-like record), a time as an aware
//! UTC `datetime`, bytes and XML as `bytes`, null as `None`.

use pyo3::exceptions::PyRuntimeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString, PyTuple};
use trustmeta_table::{Record, Value};

use crate::time;

/// `trustmeta._records._BY_NAME`: each record's class by the table's name.
static CLASSES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// `v` as Python gives it to the caller: a list as a new `list`.
pub(crate) fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    match v {
        Value::List(items) => Ok(PyList::new(py, values(py, items)?)?.into_any()),
        other => stored(py, other),
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
        Value::Record(r) => record(py, r)?,
    })
}

fn values<'py>(py: Python<'py>, items: &[Value]) -> PyResult<Vec<Bound<'py, PyAny>>> {
    items.iter().map(|v| stored(py, v)).collect()
}

fn record<'py>(py: Python<'py>, r: &Record) -> PyResult<Bound<'py, PyAny>> {
    let classes = CLASSES
        .get_or_try_init(py, || -> PyResult<_> {
            let d = py.import("trustmeta._records")?.getattr("_BY_NAME")?;
            Ok(d.cast_into::<PyDict>()?.unbind())
        })?
        .bind(py);
    let Some(class) = classes.get_item(r.desc.name)? else {
        return Err(PyRuntimeError::new_err(format!(
            "trustmeta._records has no class for the record {}: regenerate it",
            r.desc.name
        )));
    };
    let fields = PyTuple::new(py, values(py, &r.values)?)?;
    if r.desc.tuple {
        return class.call1(fields);
    }
    // Records have no constructor: make the instance and give it its values.
    let obj = class.call_method1(intern!(py, "__new__"), (&class,))?;
    obj.setattr(intern!(py, "_v"), fields)?;
    Ok(obj)
}
