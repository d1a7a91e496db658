//! Metadata too large to parse whole, verified by tm_verify_metadata() so that lookups
//! still work on its result: streamed with its entity index through the table's
//! `metadata_stream` operation (same arguments, same checks), with a copy of the very
//! bytes that verified kept beside the result, from which an entity is read back through
//! the pieces the index locates.
//!
//! The table's `verify_metadata` streams such documents without an index and keeps
//! nothing, so its result could neither list nor find entities; this keeps the C API's
//! promise that a result of tm_verify_metadata() answers both, whatever its size.

use core::ops::Range;

use trustmeta::{EntityInfo, Limits, VerifiedMetadata, STREAM_THRESHOLD};
use trustmeta_table::ops::{self, ArgValue, Call, OpError, Output};
use trustmeta_table::{Describe, Value};

/// The document to stream, when `args` are those of a `verify_metadata` call on a
/// document above the in-memory limit.
pub(crate) fn document<'a>(op: &ops::OpDesc, args: &[(&str, ArgValue<'a>)]) -> Option<&'a [u8]> {
    if op.name != ops::VERIFY_METADATA.name {
        return None;
    }
    args.iter().find_map(|(name, v)| match v {
        ArgValue::Bytes(b) if *name == "xml" && b.len() > STREAM_THRESHOLD => Some(*b),
        _ => None,
    })
}

/// Verifies `xml` as a stream with its index; returns the output and the copy kept.
///
/// # Errors
/// As `verify_metadata`: the table's argument errors, the core's verification errors.
pub(crate) fn verify(
    args: Vec<(&str, ArgValue<'_>)>,
    xml: &[u8],
) -> Result<(Output, Vec<u8>), OpError> {
    let mut call = Call::new(&ops::METADATA_STREAM);
    for (name, v) in args {
        if name != "xml" {
            call.set(name, v).map_err(OpError::Arg)?;
        }
    }
    let Output::MetadataStream(mut s) = call.run()? else {
        return Err(malformed("internal error: metadata_stream gave no stream").into());
    };
    // Copied first, so that what is kept is what verified.
    let copy = xml.to_vec();
    for chunk in copy.chunks(256 * 1024) {
        s.feed(chunk)?;
    }
    let md = s.finish()?;
    Ok((Output::Metadata(md.value(), Box::new(md)), copy))
}

fn malformed(reason: &str) -> trustmeta::Error {
    trustmeta::MetadataError::Malformed {
        reason: reason.to_owned(),
    }
    .into()
}

/// Reads entity `index` of the index from the kept copy.
fn read(m: &VerifiedMetadata, xml: &[u8], index: usize) -> Result<EntityInfo, trustmeta::Error> {
    let e = &m.entities()[index];
    let piece = |r: &Range<u64>| -> Result<&[u8], trustmeta::Error> {
        let a = usize::try_from(r.start).ok();
        let b = usize::try_from(r.end).ok();
        a.zip(b)
            .and_then(|(a, b)| xml.get(a..b))
            .ok_or_else(|| malformed("a range outside the document"))
    };
    // The document element's start tag (unless the entity is the document element) and
    // the enclosing groups' carry every namespace declaration in scope at the entity.
    let mut scope = Vec::with_capacity(e.scope.len() + 1);
    if e.range.start != m.root_tag.start {
        scope.push(piece(&m.root_tag)?);
    }
    for t in &e.scope {
        scope.push(piece(t)?);
    }
    let mut info = trustmeta::read_indexed_entity(e, &scope, piece(&e.range)?, &Limits::default())?;
    info.group.clone_from(&e.group);
    Ok(info)
}

/// As `ops::find_entity`, from the kept copy.
///
/// # Errors
/// `metadata.malformed` for an `entityID` carried twice or bytes that are not the entity.
pub(crate) fn find_entity(
    m: &VerifiedMetadata,
    xml: &[u8],
    entity_id: &str,
) -> Result<Value, trustmeta::Error> {
    let mut found = m
        .entities()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.entity_id == entity_id);
    let Some((i, _)) = found.next() else {
        return Ok(Value::Null);
    };
    if found.next().is_some() {
        return Err(malformed("the entityID is carried by more than one entity"));
    }
    Ok(read(m, xml, i)?.value())
}

/// As `ops::read_entities`, from the kept copy.
///
/// # Errors
/// As [`find_entity`].
pub(crate) fn read_entities(m: &VerifiedMetadata, xml: &[u8]) -> Result<Value, trustmeta::Error> {
    (0..m.entities().len())
        .map(|i| read(m, xml, i).map(|e| e.value()))
        .collect::<Result<_, _>>()
        .map(Value::List)
}
