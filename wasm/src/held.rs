//! Results that answer further questions, and the streaming metadata verifier.
//!
//! Verified metadata answers `entityIds()` and `findEntity(entityId)` from what
//! verification produced, and a verified trusted list converts to SMP records: the
//! operation's record comes with a holder of the core's result ([`HeldMetadata`],
//! [`HeldTsl`]) that the wrapper keeps, privately, beside the record it returns.
//!
//! Above the core's stream threshold, `verify_metadata` is not copied into WebAssembly
//! memory whole: it is run as `metadata_stream`, fed in pieces from a JS copy of the
//! caller's bytes, and the result keeps that copy to read entities from.

use js_sys::{Array, Uint8Array};
use trustmeta::{
    ErrorCode, MetadataStreamVerifier, VerifiedMetadata, VerifiedTsl, STREAM_THRESHOLD,
};
use trustmeta_table::ops::{self, OpDesc, OpError, Output};
use trustmeta_table::Describe;
use wasm_bindgen::prelude::*;

use crate::call::{self, arg_error, uint8_array};
use crate::value::to_js;
use crate::{coded_error, error_value, plain_error};

/// Bytes copied into WebAssembly memory at a time when a large document is streamed.
const CHUNK: u32 = 256 * 1024;

/// Verified SAML metadata: its record, and the lookups it answers.
#[wasm_bindgen(js_name = RawHeldMetadata)]
pub struct HeldMetadata {
    value: JsValue,
    metadata: Box<VerifiedMetadata>,
    /// The JS copy a streamed verification read, which the core did not hold.
    copy: Option<Uint8Array>,
}

impl HeldMetadata {
    pub(crate) fn new(
        value: JsValue,
        metadata: Box<VerifiedMetadata>,
        copy: Option<Uint8Array>,
    ) -> Self {
        HeldMetadata {
            value,
            metadata,
            copy,
        }
    }
}

#[wasm_bindgen(js_class = RawHeldMetadata)]
impl HeldMetadata {
    /// The `VerifiedMetadata` record, handed over once: the holder must not keep the
    /// record alive, since the record's methods keep the holder alive.
    #[wasm_bindgen(js_name = takeValue)]
    pub fn take_value(&mut self) -> JsValue {
        core::mem::replace(&mut self.value, JsValue::UNDEFINED)
    }

    /// `EntityRef` records of the entities, in document order.
    #[wasm_bindgen(js_name = entityIds)]
    pub fn entity_ids(&self) -> JsValue {
        to_js(&ops::entity_ids(&self.metadata))
    }

    /// The `MetadataEntity` record of entity `entity_id`, or null.
    ///
    /// # Errors
    /// `metadata.malformed` when two entities carry `entity_id`, `metadata.not_held`
    /// after a `MetadataStreamVerifier`, the XML errors of reading it, as a JS error with
    /// `code`.
    #[wasm_bindgen(js_name = findEntity)]
    pub fn find_entity(&self, entity_id: &str) -> Result<JsValue, JsValue> {
        let m = &self.metadata;
        match (&self.copy, m.document()) {
            (Some(copy), None) => read_from_copy(m, copy, entity_id),
            (None, None) => Err(coded_error(
                ErrorCode::MetadataNotHeld,
                "this metadata was verified by a MetadataStreamVerifier, which does not keep \
                 the document: verify it with verifyMetadata to look up its entities",
            )),
            _ => ops::find_entity(m, entity_id)
                .map(|v| to_js(&v))
                .map_err(|e| error_value(&e)),
        }
    }
}

/// Reads entity `entity_id` from the pieces of `copy` the verification's index locates.
fn read_from_copy(
    m: &VerifiedMetadata,
    copy: &Uint8Array,
    entity_id: &str,
) -> Result<JsValue, JsValue> {
    let mut found = m.entities().iter().filter(|e| e.entity_id == entity_id);
    let Some(entry) = found.next() else {
        return Ok(JsValue::NULL);
    };
    if found.next().is_some() {
        let e = trustmeta::MetadataError::Malformed {
            reason: "the entityID is carried by more than one entity".into(),
        };
        return Err(error_value(&e.into()));
    }
    let piece = |r: &core::ops::Range<u64>| -> Result<Vec<u8>, JsValue> {
        match (u32::try_from(r.start), u32::try_from(r.end)) {
            (Ok(a), Ok(b)) if a <= b && b <= copy.length() => Ok(copy.subarray(a, b).to_vec()),
            _ => Err(plain_error("an entity range outside the verified document")),
        }
    };
    // The start tags in force at the entity: the document element's (unless the entity
    // is the document element), then its groups', outermost first.
    let mut scope = Vec::with_capacity(entry.scope.len() + 1);
    if entry.range.start != m.root_tag.start {
        scope.push(piece(&m.root_tag)?);
    }
    for r in &entry.scope {
        scope.push(piece(r)?);
    }
    let scope: Vec<&[u8]> = scope.iter().map(Vec::as_slice).collect();
    let bytes = piece(&entry.range)?;
    let limits = trustmeta::Policy::default().limits;
    let mut info = trustmeta::read_indexed_entity(entry, &scope, &bytes, &limits)
        .map_err(|e| error_value(&e))?;
    // The index holds the group (which gives the eToegang role), not the entity's bytes.
    info.group.clone_from(&entry.group);
    Ok(to_js(&info.value()))
}

/// A verified trusted list: its record, and the SMP records it converts to.
#[wasm_bindgen(js_name = RawHeldTsl)]
pub struct HeldTsl {
    value: JsValue,
    tsl: Box<VerifiedTsl>,
}

impl HeldTsl {
    pub(crate) fn new(value: JsValue, tsl: Box<VerifiedTsl>) -> Self {
        HeldTsl { value, tsl }
    }
}

#[wasm_bindgen(js_class = RawHeldTsl)]
impl HeldTsl {
    /// The `VerifiedTsl` record, handed over once.
    #[wasm_bindgen(js_name = takeValue)]
    pub fn take_value(&mut self) -> JsValue {
        core::mem::replace(&mut self.value, JsValue::UNDEFINED)
    }

    /// The unsigned SMP records of an NCP configuration list in `format` (`oasis-smp1`
    /// or `busdox`), as `SmpRecord` records.
    ///
    /// # Errors
    /// A `TypeError` for an unknown format; `tsl.not_openncp` or `tsl.malformed`, as a
    /// JS error with `code`.
    #[wasm_bindgen(js_name = toSmp)]
    pub fn to_smp(&self, format: &str) -> Result<JsValue, JsValue> {
        match ops::tsl_to_smp(&self.tsl, format) {
            Ok(v) => Ok(to_js(&v)),
            Err(OpError::Arg(e)) => Err(arg_error(e.op, &e, &JsValue::from_str(format))),
            Err(OpError::Core(e)) => Err(error_value(&e)),
        }
    }
}

/// Metadata fed in pieces of any size — a `fetch` body or a file read stream — verified
/// with memory that does not grow with the document.
#[wasm_bindgen(js_name = RawMetadataStream)]
pub struct MetadataStream {
    /// The core's verifier, owning a copy of the caller's store; `None` once finished or
    /// failed.
    inner: Option<MetadataStreamVerifier<'static>>,
}

impl MetadataStream {
    pub(crate) fn new(inner: MetadataStreamVerifier<'static>) -> Self {
        MetadataStream { inner: Some(inner) }
    }
}

#[wasm_bindgen(js_class = RawMetadataStream)]
impl MetadataStream {
    /// Reads the next bytes. After an error the verifier is spent.
    ///
    /// # Errors
    /// The XML, signature and metadata errors found so far, as a JS error with `code`;
    /// a JS error without `code` when the verifier is finished or failed already.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        let v = self.inner.as_mut().ok_or_else(spent)?;
        v.feed(chunk).map_err(|e| {
            self.inner = None;
            error_value(&e)
        })
    }

    /// Ends the document: the verified metadata, which lists its entities but cannot
    /// read one (the document was never held).
    ///
    /// # Errors
    /// As `verify_metadata`; a JS error without `code` when the verifier is finished or
    /// failed already.
    pub fn finish(&mut self) -> Result<HeldMetadata, JsValue> {
        let v = self.inner.take().ok_or_else(spent)?;
        let m = v.finish().map_err(|e| error_value(&e))?;
        Ok(HeldMetadata::new(to_js(&m.value()), Box::new(m), None))
    }
}

fn spent() -> JsValue {
    plain_error("this metadata stream verifier has finished or failed already")
}

/// `verify_metadata` of a document above the stream threshold, as `metadata_stream` fed
/// from a JS copy of it; `None` for any other call.
pub(crate) fn verify_large_metadata(
    op: &'static OpDesc,
    positional: &Array,
    options: &JsValue,
    now_millis: f64,
) -> Result<Option<JsValue>, JsValue> {
    let xml = match (op.name, uint8_array(&positional.get(0))) {
        ("verify_metadata", Some(xml))
            if usize::try_from(xml.length()).unwrap_or(usize::MAX) > STREAM_THRESHOLD =>
        {
            xml
        }
        _ => return Ok(None),
    };
    let Some(stream_op) = ops::find("metadata_stream") else {
        return Ok(None);
    };
    let mut v = match call::run(
        stream_op,
        &Array::of1(&positional.get(1)),
        options,
        now_millis,
    )? {
        Output::MetadataStream(v) => v,
        _ => return Ok(None),
    };
    // A copy of the caller's bytes, made before reading them: what is verified, and
    // what the result keeps for lookups (the caller may change its array afterwards).
    // `new Uint8Array(array)` always copies, where a node Buffer's `slice` would not.
    let copy = Uint8Array::new(&xml);
    let len = copy.length();
    let mut buf = vec![0u8; CHUNK as usize];
    let mut start = 0;
    while start < len {
        let end = start.saturating_add(CHUNK).min(len);
        let piece = &mut buf[..(end - start) as usize];
        copy.subarray(start, end).copy_to(piece);
        v.feed(piece).map_err(|e| error_value(&e))?;
        start = end;
    }
    let m = v.finish().map_err(|e| error_value(&e))?;
    let held = HeldMetadata::new(to_js(&m.value()), Box::new(m), Some(copy));
    Ok(Some(held.into()))
}
