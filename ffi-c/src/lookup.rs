//! Questions a held result answers after verification: the entities of verified metadata
//! (found, listed, read) and the SMP records of a verified NCP configuration list. They
//! take the result, never bytes, so only what verified can be read.

use std::ffi::c_char;

use trustmeta_table::{ops, records, Value};

use crate::accessor::{self, At, Record};
use crate::error::tm_error;
use crate::generated::{
    tm_entity_ref_list, tm_metadata, tm_metadata_entity, tm_metadata_entity_list,
    tm_smp_record_list, tm_tsl,
};
use crate::guard::{self, Failure};
use crate::status::tm_status;
use crate::tree::{self, Held};

fn not_held(func: &str) -> Failure {
    Failure::invalid(
        func,
        "internal error: the result holds nothing to look up; this is a bug in trustmeta, please report it",
    )
}

/// ==== Lookups in verified results =======================================================
///
/// Finds the entity `entity_id` in verified metadata and reads it from the verified
/// document, as the verifying parser met it (an `EntityDescriptor` inside a comment or a
/// signature's `ds:Object` is not an entity).
///
/// @param result     a result of tm_verify_metadata(), borrowed for the call.
/// @param entity_id  the `entityID`, compared exactly; a NUL-terminated UTF-8 string
///                   borrowed for the call.
/// @param out        where to store the entity, a tm_metadata_entity the caller owns
///                   (release it with tm_metadata_entity_free(); it outlives `result`);
///                   set to NULL first, and left NULL when there is no such entity.
/// @param err        NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`, with `*out` NULL when not found; `TM_METADATA_NOT_HELD` on a result
///         of tm_metadata_verifier_finish(), which holds no document; `TM_METADATA_MALFORMED`
///         for an `entityID` carried twice; `TM_NULL_POINTER`; `TM_INVALID_ARGUMENT` for a
///         dead result or an ID that is not UTF-8.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_find_entity(
    result: *const tm_metadata,
    entity_id: *const c_char,
    out: *mut *mut tm_metadata_entity,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_find_entity";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps `result` alive and
        // `entity_id` unchanged during the call.
        let (root, id) = unsafe {
            guard::clear_out(out, F, "out")?;
            (
                tree::root(result, F, "result")?,
                guard::text(entity_id, F, "entity_id")?,
            )
        };
        let v = match &root.held {
            Held::Metadata(m) => ops::find_entity(m, id)?,
            _ => return Err(not_held(F)),
        };
        if v != Value::Null {
            let e = tree::into_root(&v, ops::entity_desc(), Held::Nothing)?;
            // SAFETY: checked by `clear_out` above.
            unsafe { out.write(e.cast()) };
        }
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Lists the entities of verified metadata, in document order: their `entityID` and
/// group. Works on every result, streamed or not.
///
/// @param result  a result of tm_verify_metadata() or tm_metadata_verifier_finish(),
///                borrowed for the call.
/// @param out     where to store the list, which the caller owns (release it with
///                tm_entity_ref_list_free(); it outlives `result`); set to NULL first.
/// @param err     NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_NULL_POINTER`; `TM_INVALID_ARGUMENT` for a dead result.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_ids(
    result: *const tm_metadata,
    out: *mut *mut tm_entity_ref_list,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_entity_ids";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps `result` alive.
        let root = unsafe {
            guard::clear_out(out, F, "out")?;
            tree::root(result, F, "result")?
        };
        let Held::Metadata(m) = &root.held else {
            return Err(not_held(F));
        };
        let list = tree::into_list(&ops::entity_ids(m), &records::ENTITY_REF)?;
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(list.cast()) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Reads every entity of verified metadata, in document order.
///
/// @param result  a result of tm_verify_metadata(), borrowed for the call.
/// @param out     where to store the list, which the caller owns (release it with
///                tm_metadata_entity_list_free(); it outlives `result`); set to NULL
///                first, and left NULL on failure.
/// @param err     NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_METADATA_NOT_HELD` on a result of tm_metadata_verifier_finish();
///         `TM_METADATA_MALFORMED` for an `entityID` carried twice; `TM_NULL_POINTER`;
///         `TM_INVALID_ARGUMENT` for a dead result.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_read_entities(
    result: *const tm_metadata,
    out: *mut *mut tm_metadata_entity_list,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_read_entities";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps `result` alive.
        let root = unsafe {
            guard::clear_out(out, F, "out")?;
            tree::root(result, F, "result")?
        };
        let entities = match &root.held {
            Held::Metadata(m) => ops::read_entities(m)?,
            _ => return Err(not_held(F)),
        };
        let list = tree::into_list(&entities, ops::entity_desc())?;
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(list.cast()) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Tells whether an entity may be treated as `role` when a message is validated: one of
/// its `validated_as` roles, compared case-insensitively (the eToegang
/// eIDAS-berichtenservice, `EB`, also acts as `AD` and `MR`).
///
/// @param entity  an entity, borrowed for the call.
/// @param role    a role abbreviation (`"AD"`, `"MR"`, `"KR"`, `"EB"`, `"HM"`, `"DV"`), a
///                NUL-terminated string borrowed for the call.
/// @return true if so; false otherwise, or for a NULL or dead argument.
///
/// Thread safety: any thread, concurrently with other readers of `entity`.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_acts_as(
    entity: *const tm_metadata_entity,
    role: *const c_char,
) -> bool {
    guard::quietly(false, || {
        // SAFETY: `text` refuses NULL; otherwise `role` is a NUL-terminated string
        // unchanged during the call (C contract).
        let Ok(role) = (unsafe { guard::text(role, "tm_metadata_entity_acts_as", "role") }) else {
            return false;
        };
        let Some(field) = tm_metadata_entity::DESC
            .fields
            .iter()
            .position(|f| f.name == "validated_as")
        else {
            return false;
        };
        // SAFETY: the accessors check `entity` before reading; the caller keeps it alive.
        let count = unsafe { accessor::count(entity, field) };
        (0..count).any(|i| {
            // SAFETY: as above; a non-NULL text of a live record is a NUL-terminated
            // string that lives as long as the record.
            unsafe {
                let p = accessor::text(entity, field, At::Item(i));
                !p.is_null()
                    && std::ffi::CStr::from_ptr(p)
                        .to_bytes()
                        .eq_ignore_ascii_case(role.as_bytes())
            }
        })
    })
}

/// Writes the unsigned SMP `ServiceMetadata` documents OpenNCP publishes for a verified
/// NCP configuration list (what its stylesheet makes), one per active service with a
/// supply point.
///
/// @param result  a result of tm_verify_tsl(), borrowed for the call.
/// @param format  `"oasis-smp1"` or `"busdox"`, a NUL-terminated string borrowed for the
///                call.
/// @param out     where to store the records, which the caller owns (release them with
///                tm_smp_record_list_free(); they outlive `result`); set to NULL first,
///                and left NULL on failure.
/// @param err     NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_TSL_NOT_OPENNCP` for a list that is not an NCP configuration list;
///         `TM_INVALID_ARGUMENT` for another format or a dead result; `TM_NULL_POINTER`.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_to_smp(
    result: *const tm_tsl,
    format: *const c_char,
    out: *mut *mut tm_smp_record_list,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_tsl_to_smp";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps `result` alive and
        // `format` unchanged during the call.
        let (root, format) = unsafe {
            guard::clear_out(out, F, "out")?;
            (
                tree::root(result, F, "result")?,
                guard::text(format, F, "format")?,
            )
        };
        let Held::Tsl(t) = &root.held else {
            return Err(not_held(F));
        };
        let list = tree::into_list(&ops::tsl_to_smp(t, format)?, ops::smp_record_desc())?;
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(list.cast()) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}
