//! `tm_emreg`: a parsed EMREG registry list, which tm_verify_elmo() takes the NCP's
//! certificate from; its NCPs and countries are the table's records.

use std::ffi::c_char;
use std::ptr;

use trustmeta::Emreg;
use trustmeta_table::{records, recs, Value};

use crate::error::tm_error;
use crate::generated::{tm_country, tm_ncp, tm_ncp_choice_list};
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::status::tm_status;
use crate::store::tm_trust_store;
use crate::tree::{self, Node};

/// ==== EMREX registry ====================================================================
///
/// A parsed EMREG registry list: the National Contact Points (NCPs, called EMPs in newer
/// lists) with their country, institutions, URL and certificate, and the countries with
/// their `singleFetch` flag. Returned by tm_emreg_parse(). Nothing in it is signed: the
/// list must come from the registry over an authenticated channel.
///
/// Thread safety: a list is immutable; it may be read and used by tm_verify_elmo() from
/// any number of threads at once, and freed once no thread uses it any more.
pub struct tm_emreg {
    pub(crate) inner: Emreg,
    ncps: Vec<Node>,
    countries: Vec<Node>,
}

impl Handle for tm_emreg {
    const KIND: Kind = Kind::Emreg;
    const C_NAME: &'static str = "tm_emreg";
}

impl Drop for tm_emreg {
    fn drop(&mut self) {
        tree::forget_all(&self.ncps);
        tree::forget_all(&self.countries);
    }
}

/// Parses an EMREG list (the JSON the registry serves), tolerating what real lists carry:
/// trailing commas, `null` entries, `singleFetch` as a string, an escaped `pubKey`.
///
/// @param json      the list, borrowed for the call (copied).
/// @param json_len  the number of bytes at `json`.
/// @param out       where to store the list on success; set to NULL on failure. Owned by
///                  the caller: release it with tm_emreg_free().
/// @param err       NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_EMREX_JSON_MALFORMED` if it is not JSON (the message gives line and column);
///         `TM_EMREX_JSON_LIMIT` if it is too large or nests too deep;
///         `TM_EMREX_EMREG_MALFORMED` if a known member has the wrong type or a required
///         one is missing;
///         `TM_NULL_POINTER` if `json` or `out` is NULL.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_parse(
    json: *const u8,
    json_len: usize,
    out: *mut *mut tm_emreg,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_emreg_parse";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps `json` readable.
        let json = unsafe {
            guard::clear_out(out, F, "out")?;
            guard::bytes(json, json_len, F, "json")?
        };
        let inner = Emreg::parse(json).map_err(trustmeta::Error::from)?;
        let ncps = tree::nodes(&recs(&inner.ncps), &records::NCP)?;
        let countries = tree::nodes(&recs(&inner.countries), &records::COUNTRY)?;
        tree::register(&ncps);
        tree::register(&countries);
        let e = handle::into_raw(tm_emreg {
            inner,
            ncps,
            countries,
        });
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(e) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// The number of NCPs, after `null` entries are skipped.
///
/// @param emreg  a list, borrowed for the call.
/// @return the count; 0 if `emreg` is NULL or dead.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp_count(emreg: *const tm_emreg) -> usize {
    guard::quietly(0, || {
        // SAFETY: `peek` only dereferences a registered list, which the caller keeps alive.
        unsafe { handle::peek(emreg) }.map_or(0, |e| e.ncps.len())
    })
}

/// One NCP, in list order (read it with the tm_ncp accessors).
///
/// @param emreg  a list, borrowed for the call.
/// @param index  0 to tm_emreg_ncp_count() - 1.
/// @return the NCP, owned by `emreg` and valid until it is freed; NULL if `index` is out
///         of range or `emreg` is NULL or dead.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp(emreg: *const tm_emreg, index: usize) -> *const tm_ncp {
    guard::quietly(ptr::null(), || {
        // SAFETY: `peek` only dereferences a registered list, which the caller keeps alive.
        unsafe { handle::peek(emreg) }
            .and_then(|e| e.ncps.get(index))
            .map_or(ptr::null(), |n| ptr::from_ref(n).cast())
    })
}

/// The country `code` (compared case-insensitively), with its `singleFetch` flag.
///
/// @param emreg  a list, borrowed for the call.
/// @param code   a country code, a NUL-terminated string borrowed for the call.
/// @return the country, owned by `emreg` and valid until it is freed; NULL if the list
///         has no such country or an argument is NULL or dead.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_country(
    emreg: *const tm_emreg,
    code: *const c_char,
) -> *const tm_country {
    guard::quietly(ptr::null(), || {
        // SAFETY: `peek` and `text` check their pointers; the caller keeps them valid.
        let (Some(e), Ok(code)) = (unsafe { handle::peek(emreg) }, unsafe {
            guard::text(code, "tm_emreg_country", "code")
        }) else {
            return ptr::null();
        };
        e.inner
            .country(code)
            .and_then(|c| e.inner.countries.iter().position(|x| ptr::eq(x, c)))
            .and_then(|i| e.countries.get(i))
            .map_or(ptr::null(), |n| ptr::from_ref(n).cast())
    })
}

/// What to offer a learner of country `code`: for a `singleFetch` country one entry per
/// institution (each once, with the first NCP that lists it), otherwise one per NCP with
/// its first institution.
///
/// @param emreg  a list, borrowed for the call.
/// @param code   a country code (case-insensitive), a NUL-terminated string borrowed for
///               the call.
/// @param out    where to store the choices, which the caller owns (release them with
///               tm_ncp_choice_list_free()); empty for a country the list does not have.
/// @param err    NULL, or where to put a new tm_error on failure.
/// @return `TM_OK`; `TM_NULL_POINTER`; `TM_INVALID_ARGUMENT` for a dead list or a code
///         that is not UTF-8.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_choices(
    emreg: *const tm_emreg,
    code: *const c_char,
    out: *mut *mut tm_ncp_choice_list,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_emreg_choices";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps them valid.
        let (e, code) = unsafe {
            guard::clear_out(out, F, "out")?;
            (
                handle::get(emreg, F, "emreg")?,
                guard::text(code, F, "code")?,
            )
        };
        let choices = Value::List(
            e.inner
                .choices(code)
                .iter()
                .map(trustmeta_table::Describe::value)
                .collect(),
        );
        let list = tree::into_list(&choices, &records::NCP_CHOICE)?;
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(list.cast()) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Creates a trust store that pins the certificate of the NCP called `acronym` and
/// nothing else: an ELMO verified against it was signed by that NCP, whatever its KeyInfo
/// says. tm_verify_elmo() does this itself; use this to verify with tm_verify() or to
/// inspect the certificate.
///
/// @param emreg    a list, borrowed for the call.
/// @param acronym  the NCP's acronym (case-sensitive, as listed), a NUL-terminated UTF-8
///                 string borrowed for the call.
/// @param out      where to store the new store on success; set to NULL on failure. Owned
///                 by the caller: release it with tm_trust_store_free().
/// @param err      NULL, or where to put a new tm_error on failure.
/// @return `TM_OK` on success;
///         `TM_EMREX_NCP_NOT_FOUND` if no NCP has that acronym;
///         a `TM_PKI_*` status if its `pubKey` holds no parsable certificate;
///         `TM_NULL_POINTER` if `emreg`, `acronym` or `out` is NULL;
///         `TM_INVALID_ARGUMENT` if `emreg` is not live or `acronym` is not UTF-8.
///
/// Thread safety: any thread, concurrently with other readers of `emreg`.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_ncp_trust_store(
    emreg: *const tm_emreg,
    acronym: *const c_char,
    out: *mut *mut tm_trust_store,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_emreg_ncp_trust_store";
    let body = || {
        // SAFETY: each helper checks its pointer; the caller keeps them valid.
        let (e, acronym) = unsafe {
            guard::clear_out(out, F, "out")?;
            (
                handle::get(emreg, F, "emreg")?,
                guard::text(acronym, F, "acronym")?,
            )
        };
        let ncp = e.inner.ncp(acronym).map_err(trustmeta::Error::from)?;
        let inner = ncp.trust_store().map_err(Failure::from)?;
        let store = handle::into_raw(tm_trust_store { inner });
        // SAFETY: checked by `clear_out` above.
        unsafe { out.write(store) };
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Releases a list and the records read from it.
///
/// @param emreg  owned by the caller and released by this call; NULL is allowed and
///               ignored, and so is a pointer that is not a live list.
///
/// Thread safety: no other thread may use `emreg` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_emreg_free(emreg: *mut tm_emreg) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered list; the caller gives it up.
        unsafe { handle::free(emreg) };
    });
}
