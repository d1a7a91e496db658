//! Verified SAML metadata as Python holds it: the record with a native holder that
//! answers the lookups (`entity_ids`, `find_entity`, `read_entities`), and
//! `trustmeta.MetadataStreamVerifier`, which verifies metadata fed in pieces.

use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use trustmeta::{EntityInfo, IndexedEntity, Limits, MetadataError};
use trustmeta_table::ops::{self, Output};
use trustmeta_table::{Describe, Value};

use crate::call;
use crate::convert::to_py;
use crate::errors;
use crate::store::bytes_arg;

/// The `VerifiedMetadata` record for `value`, holding `verified` for its lookups (and
/// `source`, the `bytes` a streamed verification read, to read entities from).
pub(crate) fn record<'py>(
    py: Python<'py>,
    value: Value,
    verified: trustmeta::VerifiedMetadata,
    source: Option<Py<PyBytes>>,
) -> PyResult<Bound<'py, PyAny>> {
    let obj = to_py(py, value)?;
    obj.setattr("_held", HeldMetadata { verified, source })?;
    Ok(obj)
}

/// What a `VerifiedMetadata` record holds to answer its lookups.
#[pyclass(module = "trustmeta._trustmeta", name = "_HeldMetadata", frozen)]
pub(crate) struct HeldMetadata {
    /// The core's result: the entity list and, after an in-memory verification, the
    /// verified bytes.
    verified: trustmeta::VerifiedMetadata,
    /// The ``bytes`` that ``verify_metadata`` streamed (immutable, so still the verified
    /// bytes): lookups read them where the core holds no document.
    source: Option<Py<PyBytes>>,
}

/// Where lookups read the verified document.
#[derive(Clone, Copy)]
enum Document<'a> {
    /// The core holds it, or says it holds nothing.
    Core,
    /// The `bytes` that `verify_metadata` streamed.
    Streamed(&'a [u8]),
}

fn malformed(reason: &str) -> trustmeta::Error {
    MetadataError::Malformed {
        reason: reason.to_owned(),
    }
    .into()
}

impl HeldMetadata {
    fn document<'a>(&'a self, py: Python<'a>) -> Document<'a> {
        match (self.verified.document(), &self.source) {
            (None, Some(b)) => Document::Streamed(b.as_bytes(py)),
            _ => Document::Core,
        }
    }

    /// Reads the indexed entity `e` from `bytes`, the whole verified document, in its
    /// namespace context: the document element's start tag and the enclosing groups'.
    fn read_from(&self, bytes: &[u8], e: &IndexedEntity) -> Result<EntityInfo, trustmeta::Error> {
        let piece = |r: &Range<u64>| -> Result<&[u8], trustmeta::Error> {
            let (a, b) = (usize::try_from(r.start).ok(), usize::try_from(r.end).ok());
            a.zip(b)
                .and_then(|(a, b)| bytes.get(a..b))
                .ok_or_else(|| malformed("a range outside the document"))
        };
        let root_tag = &self.verified.root_tag;
        let mut scope: Vec<&[u8]> = Vec::with_capacity(e.scope.len() + 1);
        // A document that is one EntityDescriptor has no enclosing start tag.
        if e.range.start != root_tag.start {
            scope.push(piece(root_tag)?);
        }
        for t in &e.scope {
            scope.push(piece(t)?);
        }
        let mut info =
            trustmeta::read_indexed_entity(e, &scope, piece(&e.range)?, &Limits::default())?;
        info.group.clone_from(&e.group);
        Ok(info)
    }

    fn find(&self, doc: Document<'_>, entity_id: &str) -> Result<Value, trustmeta::Error> {
        let Document::Streamed(bytes) = doc else {
            return ops::find_entity(&self.verified, entity_id);
        };
        let mut found = self
            .verified
            .entities()
            .iter()
            .filter(|e| e.entity_id == entity_id);
        let first = found.next();
        if found.next().is_some() {
            // Which entity was meant would be a guess.
            return Err(malformed("the entityID is carried by more than one entity"));
        }
        Ok(match first {
            Some(e) => self.read_from(bytes, e)?.value(),
            None => Value::Null,
        })
    }

    fn read_all(&self, doc: Document<'_>) -> Result<Value, trustmeta::Error> {
        let Document::Streamed(bytes) = doc else {
            return ops::read_entities(&self.verified);
        };
        let mut out = Vec::new();
        for e in self.verified.entities() {
            out.push(self.read_from(bytes, e)?.value());
        }
        Ok(Value::List(out))
    }
}

#[pymethods]
impl HeldMetadata {
    /// ``(entity_id, group)`` of each entity, in document order.
    fn entity_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, ops::entity_ids(&self.verified))
    }

    /// The entity ``entity_id``, or ``None``.
    fn find_entity<'py>(&self, py: Python<'py>, entity_id: &str) -> PyResult<Bound<'py, PyAny>> {
        let doc = self.document(py);
        let found = py.detach(|| self.find(doc, entity_id));
        to_py(py, found.map_err(|e| errors::from_core(&e))?)
    }

    /// Every entity, in document order.
    fn read_entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let doc = self.document(py);
        let all = py.detach(|| self.read_all(doc));
        to_py(py, all.map_err(|e| errors::from_core(&e))?)
    }
}

enum StreamState {
    /// Verifying.
    Running(Box<trustmeta::MetadataStreamVerifier<'static>>),
    /// A chunk or the end did not verify: the same error again.
    Failed(trustmeta::ErrorCode, String),
    /// `finish` returned the result.
    Finished,
    /// A signal handler raised in the middle of a `feed`: part of that piece was read,
    /// so the document can no longer be the one the caller feeds.
    Interrupted,
}

/// Why a call on a `MetadataStreamVerifier` failed.
enum Fail {
    Core(trustmeta::ErrorCode, String),
    Finished,
    Interrupted,
}

/// Verifies SAML metadata fed in pieces of any size, for documents too large to hold in
/// memory (an HTTP download, a pipe): ``feed`` each piece as it arrives, then ``finish``.
/// Memory stays flat however large the document, and the result is the one
/// ``verify_metadata`` gives (with ``streamed`` ``True``).
///
/// The arguments are those of ``metadata_stream`` (``store`` and the keyword arguments
/// of ``verify_metadata``); ``store`` is copied, so later changes to it do not apply.
/// ``feed`` and ``finish`` release the GIL while they work; one verifier may be used from
/// several threads (calls are serialized). After a refusal, every later call raises the
/// same error.
///
/// Example::
///
///     v = trustmeta.MetadataStreamVerifier(store, profile="etoegang")
///     with urllib.request.urlopen(url) as r:
///         while chunk := r.read(1 << 20):
///             v.feed(chunk)
///     md = v.finish()
#[pyclass(module = "trustmeta", frozen)]
pub(crate) struct MetadataStreamVerifier {
    state: Mutex<StreamState>,
}

impl MetadataStreamVerifier {
    /// A verifier that has not read anything yet.
    pub(crate) fn running(v: Box<trustmeta::MetadataStreamVerifier<'static>>) -> Self {
        MetadataStreamVerifier {
            state: Mutex::new(StreamState::Running(v)),
        }
    }

    /// Feeds `chunk`, or with `None` finishes, without the GIL; records a failure or the
    /// end.
    fn step(
        &self,
        py: Python<'_>,
        chunk: Option<&[u8]>,
    ) -> PyResult<Option<trustmeta::VerifiedMetadata>> {
        py.detach(|| {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            let result = match (chunk, &mut *state) {
                (_, StreamState::Failed(code, message)) => {
                    return Err(Fail::Core(*code, message.clone()))
                }
                (_, StreamState::Finished) => return Err(Fail::Finished),
                (_, StreamState::Interrupted) => return Err(Fail::Interrupted),
                (Some(chunk), StreamState::Running(v)) => v.feed(chunk).map(|()| None),
                (None, StreamState::Running(_)) => {
                    match core::mem::replace(&mut *state, StreamState::Finished) {
                        StreamState::Running(v) => v.finish().map(Some),
                        _ => unreachable!(),
                    }
                }
            };
            result.map_err(|e| {
                let (code, message) = (e.code(), e.to_string());
                *state = StreamState::Failed(code, message.clone());
                Fail::Core(code, message)
            })
        })
        .map_err(|f| match f {
            Fail::Core(code, message) => errors::error(code, message),
            Fail::Finished => PyValueError::new_err(
                "the MetadataStreamVerifier has finished: finish() was called; create a new one for another document",
            ),
            Fail::Interrupted => PyValueError::new_err(
                "the MetadataStreamVerifier was interrupted in the middle of feed(); create a new one and feed the document again",
            ),
        })
    }
}

#[pymethods]
impl MetadataStreamVerifier {
    /// A verifier for metadata signed by a key of ``store``: see the class.
    ///
    /// Raises ``TypeError`` when ``store`` is not a ``TrustStore``, ``ValueError`` for an
    /// unknown ``profile`` or a naive ``now``.
    #[new]
    #[pyo3(signature = (store, **kwargs))]
    fn new(
        py: Python<'_>,
        store: &Bound<'_, PyAny>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<Self> {
        let args = match kwargs {
            Some(k) => k.copy()?,
            None => pyo3::types::PyDict::new(py),
        };
        args.set_item("store", store)?;
        match call::run_kwargs(py, "metadata_stream", &args)? {
            (Output::MetadataStream(v), _) => Ok(MetadataStreamVerifier::running(v)),
            _ => Err(PyRuntimeError::new_err("metadata_stream gave no verifier")),
        }
    }

    /// Reads the next piece of the document (``bytes`` of any length, even empty).
    ///
    /// A large piece is read in parts, and signal handlers run between them: an
    /// exception they raise (``KeyboardInterrupt``) ends the call and leaves the
    /// verifier unusable, since part of the piece was read.
    ///
    /// Raises:
    ///     VerificationError: the document is refused by what this piece completes (as
    ///         ``verify_metadata``); every later call raises it again.
    ///     ValueError: ``finish()`` was already called, or an earlier ``feed`` was
    ///         interrupted.
    ///     TypeError: ``chunk`` is not a bytes-like object.
    fn feed(&self, py: Python<'_>, chunk: &Bound<'_, PyAny>) -> PyResult<()> {
        let chunk = bytes_arg("feed", "chunk", chunk)?;
        if chunk.len() <= call::STREAM_CHUNK {
            return self.step(py, Some(&chunk)).map(|_| ());
        }
        for (i, part) in chunk.chunks(call::STREAM_CHUNK).enumerate() {
            if i > 0 {
                if let Err(e) = py.check_signals() {
                    let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
                    if let StreamState::Running(_) = *state {
                        *state = StreamState::Interrupted;
                    }
                    return Err(e);
                }
            }
            self.step(py, Some(part))?;
        }
        Ok(())
    }

    /// Ends the document, checks what it says and returns the ``VerifiedMetadata``.
    ///
    /// Raises:
    ///     MetadataError, VerificationError: as ``verify_metadata`` (a document cut short
    ///         raises ``MalformedDocument``).
    ///     ValueError: ``finish()`` was already called.
    fn finish<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.step(py, None)? {
            Some(v) => record(py, v.value(), v, None),
            None => Err(PyRuntimeError::new_err(
                "the metadata verification gave no result",
            )),
        }
    }

    fn __repr__(&self) -> String {
        let state = match &*self.state.lock().unwrap_or_else(PoisonError::into_inner) {
            StreamState::Running(_) => "running",
            StreamState::Failed(..) => "failed",
            StreamState::Finished => "finished",
            StreamState::Interrupted => "interrupted",
        };
        format!("<trustmeta.MetadataStreamVerifier {state}>")
    }
}
