//! `trustmeta._trustmeta`: the native half of the `trustmeta` Python package.
//!
//! Every operation and result is declared once, in the table (`trustmeta-table`); this
//! module only gives them Python's form. `_call` runs any operation from its
//! arguments and returns its result converted by one generic converter into the record
//! classes generated in `trustmeta/_records.py`; the functions with the real signatures
//! are generated in `trustmeta/_operations.py`. What is written here by hand is what
//! holds state (trust stores, issuer trust, the replay cache, decryption keys, an EMREG
//! list, the streaming verifier, the verified metadata and trusted list that answer
//! lookups), the exceptions, and times.
//!
//! The exception classes live in Python (`trustmeta/exceptions.py`) and are imported here,
//! as pyca/cryptography does; which class a code raises is derived from the core's code
//! table (`ErrorCode::ALL`), never kept by hand.

mod call;
mod convert;
mod emreg;
mod errors;
mod keys;
mod lookup;
mod metadata;
mod metadata_source;
mod store;
mod time;
mod trust;
mod tsl;

use pyo3::prelude::*;

/// The version of this package (and of the trustmeta core it was built with).
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the trustmeta package, e.g. ``"0.1.0"`` (same as ``__version__``).
#[pyfunction]
fn version() -> &'static str {
    VERSION
}

/// One record of the table: its name, class, whether it is a named tuple, its fields.
type RecordRow = (&'static str, &'static str, bool, Vec<&'static str>);
/// One operation of the table: its name and each argument's name, whether it is
/// positional and whether it is required.
type OperationRow = (&'static str, Vec<(&'static str, bool, bool)>);

/// The table this module was built with, as ``(records, operations)``: what the
/// generated Python must match.
#[pyfunction]
#[pyo3(name = "_table")]
fn table() -> (Vec<RecordRow>, Vec<OperationRow>) {
    use trustmeta_table::ops::{self, Default};
    let records = trustmeta_table::records::ALL
        .iter()
        .map(|d| {
            (
                d.name,
                d.class,
                d.tuple,
                d.fields.iter().map(|f| f.name).collect(),
            )
        })
        .collect();
    let operations = ops::ALL
        .iter()
        .map(|o| {
            let args = o.args.iter();
            (
                o.name,
                args.map(|a| (a.name, a.positional, a.default == Default::Required))
                    .collect(),
            )
        })
        .collect();
    (records, operations)
}

/// Native part of trustmeta; import ``trustmeta`` instead.
#[pymodule]
fn _trustmeta(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", VERSION)?;
    m.add_class::<store::TrustStore>()?;
    m.add_class::<trust::IssuerTrust>()?;
    m.add_class::<trust::ReplayCache>()?;
    m.add_class::<trust::RedisReplayCache>()?;
    m.add_class::<keys::DecryptionKeys>()?;
    m.add_class::<emreg::Emreg>()?;
    m.add_class::<metadata::MetadataStreamVerifier>()?;
    m.add_class::<metadata::HeldMetadata>()?;
    m.add_class::<tsl::HeldTsl>()?;
    m.add_class::<convert::Values>()?;
    m.add_class::<lookup::SmpLookup>()?;
    m.add_class::<metadata_source::MetadataSource>()?;
    m.add_class::<metadata_source::MetadataIndex>()?;
    m.add_function(wrap_pyfunction!(call::call, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(table, m)?)?;
    m.add("ERROR_CODES", errors::codes_dict(py)?)?;
    m.add("ERROR_CLASSES", errors::classes_dict(py)?)?;
    Ok(())
}
