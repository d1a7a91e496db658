//! `_call`: runs any operation of the table from Python arguments, given in the table's order.
//!
//! Each argument is converted by its kind in the table — `bytes`, `str`, `bool`, `int`,
//! an aware `datetime`, or one of the native handles — and the table checks the values
//! (ranges, choices, what is required) with one sentence for every front door. The
//! operation runs without the GIL: the inputs are immutable `bytes` the caller keeps
//! alive (another buffer is copied into `bytes` first), and the handles are behind locks (decryption keys are taken as they are when
//! the call starts). A streamed document takes the GIL back between its pieces only to
//! let signal handlers run, so Ctrl-C stops a long verification.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyInt, PyString, PyTuple};
use trustmeta::DateTime;
use trustmeta_table::ops::{self, Arg, ArgKind, ArgValue, Call, Default, OpDesc, OpError, Output};
use trustmeta_table::Describe;

use crate::emreg::Emreg;
use crate::keys::DecryptionKeys;
use crate::metadata::{self, MetadataStreamVerifier};
use crate::store::{as_bytes, TrustStore, BYTES_LIKE, STR_HINT};
use crate::trust::{IssuerTrust, PyReplayCache, RedisReplayCache, ReplayCache};
use crate::{convert, errors, time, tsl};

/// Above this size `verify_metadata` streams the document; the Python result then reads
/// entities from the caller's `bytes`, so it streams with the entity index itself.
pub(crate) const STREAM_CHUNK: usize = 256 * 1024;

/// Why an operation stopped: its own refusal, or the exception a signal handler raised
/// between the pieces of a streamed document (`KeyboardInterrupt`).
enum Stop {
    Op(OpError),
    Signal(PyErr),
}

/// Runs the pending signal handlers; called without the GIL, between pieces of work.
pub(crate) fn signals() -> PyResult<()> {
    Python::attach(|py| py.check_signals())
}

/// An argument converted from Python, borrowing what the Python objects hold.
enum Given<'a> {
    Bytes(&'a [u8]),
    Text(String),
    Bool(bool),
    Int(i64),
    Time(DateTime),
    Store(&'a TrustStore),
    Trust(&'a IssuerTrust),
    Cache(&'a ops::SharedReplayCache),
    /// A Python object with `check_and_insert`, wrapped for this call.
    PyCache(ops::SharedReplayCache),
    Emreg(&'a trustmeta::Emreg),
    Keys(ops::DecryptionKeys),
}

/// A handle's lock, held while the operation runs.
enum Held<'a> {
    Store(std::sync::RwLockReadGuard<'a, trustmeta::TrustStore>),
    Trust(std::sync::RwLockReadGuard<'a, trustmeta::IssuerTrust>),
    Nothing,
}

/// Runs operation ``op`` with ``args``, one per argument of the table in its order (None
/// for an argument left out), and returns its result as Python objects. The functions
/// of ``trustmeta`` call it; call them instead.
#[pyfunction]
#[pyo3(name = "_call", signature = (op, /, *args))]
pub(crate) fn call<'py>(
    py: Python<'py>,
    op: &str,
    args: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyAny>> {
    let desc = find(op)?;
    if args.len() != desc.args.len() {
        return Err(PyTypeError::new_err(format!(
            "_call({op:?}) takes the operation's {} arguments in order, not {}",
            desc.args.len(),
            args.len()
        )));
    }
    // Positional rather than by name: no dictionary to build and no name to look up
    // for each argument of every call.
    let items = desc.args.iter().zip(args.iter()).collect();
    let (out, source) = run(py, desc, items)?;
    output(py, out, source)
}

fn find(op: &str) -> PyResult<&'static OpDesc> {
    ops::find(op).ok_or_else(|| PyValueError::new_err(format!("no operation {op:?}")))
}

/// Runs `op` with keyword arguments named as in the table; also returns the `xml` bytes
/// when the result must keep them.
pub(crate) fn run_kwargs<'py>(
    py: Python<'py>,
    op: &str,
    kwargs: &Bound<'py, PyDict>,
) -> PyResult<(Output, Option<Py<PyBytes>>)> {
    let desc = find(op)?;
    let mut items = Vec::with_capacity(kwargs.len());
    for (k, v) in kwargs.iter() {
        let name = k.extract::<String>()?;
        let Some(arg) = desc.arg(&name) else {
            return Err(PyTypeError::new_err(format!(
                "{op}() got an unexpected keyword argument '{name}'"
            )));
        };
        items.push((arg, v));
    }
    run(py, desc, items)
}

/// Runs `desc` with `items`; also returns the `xml` bytes when the result must keep them.
fn run<'py>(
    py: Python<'py>,
    desc: &'static OpDesc,
    mut items: Vec<(&'static Arg, Bound<'py, PyAny>)>,
) -> PyResult<(Output, Option<Py<PyBytes>>)> {
    // A byte argument given as another buffer (bytearray, memoryview, mmap) is copied
    // into `bytes` once, here: the operation then reads bytes nobody can change.
    for (arg, obj) in &mut items {
        if matches!(arg.kind, ArgKind::Bytes) {
            if let Some(b) = as_bytes(obj)? {
                *obj = b.into_any();
            }
        }
    }
    let mut given = Vec::with_capacity(items.len());
    for (arg, obj) in &items {
        if let Some(g) = convert_arg(desc, arg, obj)? {
            given.push((arg.name, g));
        }
    }
    // A large document is streamed; the result keeps the caller's bytes to read
    // entities from, rather than a copy.
    let large = given.iter().find_map(|(name, g)| match g {
        Given::Bytes(b) if desc.name == "verify_metadata" && *name == "xml" => {
            (b.len() > trustmeta::STREAM_THRESHOLD).then_some(*b)
        }
        _ => None,
    });
    let source = match large {
        Some(_) => items
            .iter()
            .find(|(arg, _)| arg.name == "xml")
            .map(|(_, obj)| obj.cast::<PyBytes>().map(|b| b.clone().unbind()))
            .transpose()?,
        None => None,
    };
    let out = py.detach(|| match large {
        Some(xml) => stream_metadata(&given, xml),
        None => run_call(desc, &given, None).map_err(Stop::Op),
    });
    out.map(|o| (o, source)).map_err(|e| match e {
        Stop::Op(e) => errors::from_op(&e),
        Stop::Signal(e) => e,
    })
}

/// The Python form of an operation's output.
fn output<'py>(
    py: Python<'py>,
    out: Output,
    source: Option<Py<PyBytes>>,
) -> PyResult<Bound<'py, PyAny>> {
    match out {
        Output::Value(v) => convert::to_py(py, v),
        Output::IssuerTrust(t) => Ok(Bound::new(py, IssuerTrust::from_core(t))?.into_any()),
        Output::Metadata(v, held) => metadata::record(py, v, *held, source),
        Output::Tsl(v, held) => tsl::record(py, v, *held),
        Output::MetadataStream(s) => {
            Ok(Bound::new(py, MetadataStreamVerifier::running(s))?.into_any())
        }
    }
}

/// Fills a call of `op` with `given` (but argument `skip`), locking the handles for the
/// call, and runs it.
fn run_call(
    op: &'static OpDesc,
    given: &[(&'static str, Given<'_>)],
    skip: Option<&str>,
) -> Result<Output, OpError> {
    let given: Vec<&(&str, Given<'_>)> = given.iter().filter(|(n, _)| Some(*n) != skip).collect();
    let held: Vec<Held<'_>> = given
        .iter()
        .map(|(_, g)| match g {
            Given::Store(s) => Held::Store(s.read()),
            Given::Trust(t) => Held::Trust(t.read()),
            _ => Held::Nothing,
        })
        .collect();
    let mut call = Call::new(op);
    for ((name, g), h) in given.iter().zip(&held) {
        let value = match (g, h) {
            (_, Held::Store(s)) => ArgValue::Store(s),
            (_, Held::Trust(t)) => ArgValue::IssuerTrust(t),
            (Given::Bytes(b), _) => ArgValue::Bytes(b),
            (Given::Text(t), _) => ArgValue::Text(t.clone()),
            (Given::Bool(b), _) => ArgValue::Bool(*b),
            (Given::Int(n), _) => ArgValue::Int(*n),
            (Given::Time(t), _) => ArgValue::Time(*t),
            (Given::Cache(c), _) => ArgValue::ReplayCache(c),
            (Given::PyCache(c), _) => ArgValue::ReplayCache(c),
            (Given::Emreg(e), _) => ArgValue::Emreg(e),
            (Given::Keys(k), _) => ArgValue::DecryptionKeys(k),
            (Given::Store(_) | Given::Trust(_), Held::Nothing) => continue,
        };
        call.set(name, value).map_err(OpError::Arg)?;
    }
    call.run()
}

/// `verify_metadata` of a document above the streaming threshold: `metadata_stream`
/// with the same arguments, fed the document in pieces. The verifier keeps the entity
/// index, which the lookups in the caller's bytes need.
fn stream_metadata(given: &[(&'static str, Given<'_>)], xml: &[u8]) -> Result<Output, Stop> {
    let stream = ops::find("metadata_stream").unwrap_or_else(|| unreachable!());
    let started = run_call(stream, given, Some("xml")).map_err(|e| match e {
        // The caller called verify_metadata: its name in the sentence.
        OpError::Arg(a) => OpError::Arg(ops::ArgError {
            op: "verify_metadata",
            ..a
        }),
        other => other,
    });
    let Output::MetadataStream(mut v) = started.map_err(Stop::Op)? else {
        unreachable!("metadata_stream returns a stream")
    };
    let refused = |e: trustmeta::Error| Stop::Op(e.into());
    for (i, chunk) in xml.chunks(STREAM_CHUNK).enumerate() {
        if i > 0 {
            signals().map_err(Stop::Signal)?;
        }
        v.feed(chunk).map_err(refused)?;
    }
    let md = v.finish().map_err(refused)?;
    Ok(Output::Metadata(md.value(), Box::new(md)))
}

/// Converts `obj` for argument `arg` of `op`; `None` when it leaves an optional argument
/// out.
fn convert_arg<'a>(
    op: &OpDesc,
    arg: &Arg,
    obj: &'a Bound<'_, PyAny>,
) -> PyResult<Option<Given<'a>>> {
    let optional = matches!(arg.default, Default::Absent | Default::Now);
    if obj.is_none() && optional {
        return Ok(None);
    }
    let refuse = |what: &str, hint: &str| -> PyResult<Option<Given<'a>>> {
        let none = if optional { " or None" } else { "" };
        Err(PyTypeError::new_err(format!(
            "{}() argument '{}' must be {what}{none}, not {}{hint}",
            op.name,
            arg.name,
            obj.get_type().name()?
        )))
    };
    let given = match &arg.kind {
        ArgKind::Bytes => match obj.cast::<PyBytes>() {
            Ok(b) => Given::Bytes(b.as_bytes()),
            Err(_) if obj.is_instance_of::<PyString>() => return refuse(BYTES_LIKE, STR_HINT),
            Err(_) => return refuse(BYTES_LIKE, ""),
        },
        ArgKind::Text | ArgKind::Choice(_) => match obj.cast::<PyString>() {
            Ok(s) => Given::Text(s.to_cow()?.into_owned()),
            Err(_) => return refuse("str", ""),
        },
        ArgKind::Bool => match obj.cast::<PyBool>() {
            Ok(b) => Given::Bool(b.is_true()),
            Err(_) => return refuse("bool", ""),
        },
        ArgKind::Int { min, max } => {
            if !obj.is_instance_of::<PyInt>() {
                return refuse("int", "");
            }
            match obj.extract::<i64>() {
                Ok(n) => Given::Int(n),
                // Beyond any range the table allows: the table's sentence for it.
                Err(_) => {
                    return Err(PyValueError::new_err(format!(
                        "{}() argument '{}' must be between {min} and {max}, not {obj}",
                        op.name, arg.name
                    )))
                }
            }
        }
        ArgKind::Time => {
            if !obj.is_instance_of::<pyo3::types::PyDateTime>() {
                return refuse("a timezone-aware datetime.datetime", "");
            }
            Given::Time(time::from_py(op.name, arg.name, obj)?)
        }
        ArgKind::Store => match obj.cast::<TrustStore>() {
            Ok(s) => Given::Store(s.get()),
            Err(_) => {
                return refuse(
                    "a trustmeta.TrustStore (e.g. TrustStore.from_pem(pem_bytes))",
                    "",
                )
            }
        },
        ArgKind::IssuerTrust => match obj.cast::<IssuerTrust>() {
            Ok(t) => Given::Trust(t.get()),
            Err(_) => {
                return refuse(
                    "a trustmeta.IssuerTrust (e.g. IssuerTrust.any_issuer(store))",
                    "",
                )
            }
        },
        ArgKind::ReplayCache => {
            if let Ok(c) = obj.cast::<ReplayCache>() {
                Given::Cache(c.get().shared())
            } else if let Ok(c) = obj.cast::<RedisReplayCache>() {
                Given::Cache(c.get().shared())
            } else if obj
                .getattr(pyo3::intern!(obj.py(), "check_and_insert"))
                .is_ok_and(|m| m.is_callable())
            {
                Given::PyCache(ops::SharedReplayCache::concurrent(PyReplayCache::new(
                    obj.clone().unbind(),
                )))
            } else {
                return refuse(
                    "a trustmeta.ReplayCache, a trustmeta.RedisReplayCache or an object with a check_and_insert(id, expires, now) method",
                    "",
                );
            }
        }
        ArgKind::Emreg => match obj.cast::<Emreg>() {
            Ok(e) => Given::Emreg(e.get().inner()),
            Err(_) => return refuse("a trustmeta.Emreg (Emreg.parse(list_bytes))", ""),
        },
        ArgKind::DecryptionKeys => match obj.cast::<DecryptionKeys>() {
            Ok(k) => Given::Keys(k.get().snapshot()),
            Err(_) => {
                return refuse(
                    "a trustmeta.DecryptionKeys (e.g. DecryptionKeys.from_pem(key_pem_bytes))",
                    "",
                )
            }
        },
    };
    Ok(Some(given))
}
