//! `tm_metadata_verifier`: SAML metadata verified while it is read in chunks, made by the
//! `metadata_stream` operation (tm_metadata_stream()).

use trustmeta::MetadataStreamVerifier;
use trustmeta_table::{records, Describe};

use crate::error::tm_error;
use crate::generated::tm_metadata;
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::status::tm_status;
use crate::tree::{self, Held};

/// ==== SAML metadata, streamed ===========================================================
///
/// Verifies metadata read in chunks, in memory that does not grow with the document (only
/// its entity list does, by tens of bytes and the `entityID` per entity): for aggregates
/// of hundreds of megabytes read from a file or a socket. Create it with
/// tm_metadata_stream(), give it the document with tm_metadata_verifier_feed() in chunks
/// of any size, get the result with tm_metadata_verifier_finish(), and release it with
/// tm_metadata_verifier_free(). The result is the one tm_verify_metadata() gives for the
/// same bytes, with its entity list (tm_metadata_entity_ids()), but without the document:
/// the verifier keeps no copy of what it read, so tm_metadata_find_entity() on it returns
/// `TM_METADATA_NOT_HELD`. To look entities up, verify with tm_verify_metadata(), which
/// keeps a copy of the document in its result.
///
/// The first failure is final: every later tm_metadata_verifier_feed() and
/// tm_metadata_verifier_finish() returns it again (so a caller may check only the status
/// of tm_metadata_verifier_finish()). After a successful finish, the verifier takes no
/// more input (`TM_INVALID_ARGUMENT`).
///
/// Thread safety: not internally synchronized: one thread at a time may use a verifier
/// (handing it to another thread between calls is fine).
pub struct tm_metadata_verifier {
    state: State,
}

enum State {
    Open(Box<MetadataStreamVerifier<'static>>),
    Failed(Failure),
    Finished,
}

impl Handle for tm_metadata_verifier {
    const KIND: Kind = Kind::MetadataVerifier;
    const C_NAME: &'static str = "tm_metadata_verifier";
}

impl tm_metadata_verifier {
    pub(crate) fn new(v: Box<MetadataStreamVerifier<'static>>) -> Self {
        tm_metadata_verifier {
            state: State::Open(v),
        }
    }

    /// Records a failure as final and returns it.
    fn fail(&mut self, failure: Failure) -> Failure {
        self.state = State::Failed(failure.clone());
        failure
    }
}

/// Gives the verifier the next `len` bytes of the document. Chunks may split the document
/// anywhere, inside a tag or a UTF-8 character included.
///
/// @param verifier  the verifier, borrowed for the call.
/// @param chunk     the bytes, borrowed for the call (not retained); may be NULL when
///                  `len` is 0.
/// @param len       the number of bytes at `chunk`.
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` if the bytes read well so far;
///         a `TM_XML_*` status for input that is not well-formed or over a limit, a
///         `TM_DSIG_*` status for a signature outside the profile, or the earlier failure
///         of this verifier (the first failure is final);
///         `TM_NULL_POINTER` if `verifier` is NULL, or `chunk` is NULL with `len` above 0;
///         `TM_INVALID_ARGUMENT` if `verifier` is not live or already finished.
///
/// Thread safety: no other thread may use `verifier` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_verifier_feed(
    verifier: *mut tm_metadata_verifier,
    chunk: *const u8,
    len: usize,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_verifier_feed";
    let body = || {
        // SAFETY: `get_mut` refuses a pointer that is not a live verifier; the caller does
        // not use it elsewhere during the call.
        let v = unsafe { handle::get_mut(verifier, F, "verifier")? };
        let chunk: &[u8] = if len == 0 {
            &[]
        } else {
            // SAFETY: the helper validates the pointer; the caller keeps `len` bytes
            // readable during the call.
            unsafe { guard::bytes(chunk, len, F, "chunk")? }
        };
        match &mut v.state {
            State::Open(s) => match s.feed(chunk) {
                Ok(()) => Ok(()),
                Err(e) => Err(v.fail(e.into())),
            },
            State::Failed(f) => Err(f.clone()),
            State::Finished => Err(Failure::invalid(
                F,
                "the verifier is finished; create a new one for another document",
            )),
        }
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Ends the document and verifies it: the signature, the profile, `validUntil`. The
/// verifier takes no more input afterwards; release it with tm_metadata_verifier_free().
///
/// @param verifier  the verifier, borrowed for the call.
/// @param out       where to store the result on success; set to NULL on failure. Owned
///                  by the caller: release it with tm_metadata_free().
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` and the result, as tm_verify_metadata() would give for the bytes fed
///         (except that it does not hold them: see tm_metadata_verifier);
///         on failure the status tm_verify_metadata() would give (`TM_XML_MALFORMED` for
///         a document cut short), or the earlier failure of this verifier;
///         `TM_NULL_POINTER` if `verifier` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if `verifier` is not live or was already finished.
///
/// Thread safety: no other thread may use `verifier` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_verifier_finish(
    verifier: *mut tm_metadata_verifier,
    out: *mut *mut tm_metadata,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_metadata_verifier_finish";
    let body = || {
        // SAFETY: `out` is NULL or storage for one pointer; `clear_out` checks it.
        unsafe { guard::clear_out(out, F, "out")? };
        // SAFETY: `get_mut` refuses a pointer that is not a live verifier; the caller does
        // not use it elsewhere during the call.
        let v = unsafe { handle::get_mut(verifier, F, "verifier")? };
        match std::mem::replace(&mut v.state, State::Finished) {
            State::Open(s) => match s.finish() {
                Ok(md) => {
                    let value = md.value();
                    let root =
                        tree::into_root(&value, &records::METADATA, Held::Metadata(Box::new(md)))?;
                    // SAFETY: `out` was checked by `clear_out` above.
                    unsafe { out.write(root.cast()) };
                    Ok(())
                }
                Err(e) => Err(v.fail(e.into())),
            },
            State::Failed(f) => Err(v.fail(f)),
            State::Finished => Err(Failure::invalid(
                F,
                "the verifier was already finished; create a new one for another document",
            )),
        }
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Releases a verifier, finished or not.
///
/// @param verifier  owned by the caller and released by this call; NULL is allowed and
///                  ignored, and so is a pointer that is not a live verifier.
///
/// Thread safety: no other thread may use `verifier` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_verifier_free(verifier: *mut tm_metadata_verifier) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered verifier; the caller gives it up.
        unsafe { handle::free(verifier) };
    });
}
