// Generated from the table (table/src/records.rs, table/src/ops.rs) by `cargo run -p trustmeta-table --bin generate`; do not edit.
//! What the C API says per record and per operation, written from the table: an
//! opaque type and one accessor per field for every record, options and a function
//! for every operation. Each body is one call into the generic layer (`accessor`,
//! `tree`, `options`, `operation`), which holds every rule.

// One function per field and per argument, numbered by the table: long by design.
#![allow(clippy::too_many_lines)]

use core::ffi::{c_char, c_int};

use trustmeta_table::ops::{self, OpDesc};
use trustmeta_table::{records, RecordDesc};

use crate::accessor::{self, At};
use crate::decryption_keys::tm_decryption_keys;
use crate::emreg::tm_emreg;
use crate::error::tm_error;
use crate::issuer_trust::tm_issuer_trust;
use crate::operation::{self, Out, Raw};
use crate::options::{self, Given};
use crate::replay_cache::tm_replay_cache;
use crate::status::tm_status;
use crate::store::tm_trust_store;
use crate::stream::tm_metadata_verifier;
use crate::time::TM_NO_INT;
use crate::tree;

// ---- tm_reference --------------------------------------------------------------------

/// ==== Results ===========================================================================
///
/// Every result is a record of the table (docs/reference.md lists them all): an opaque type
/// tm_<record> with one accessor per field, tm_<record>_<field>(). Text comes back as
/// NUL-terminated UTF-8, bytes and XML with their length, times as seconds since 1970
/// (TM_NO_DATE when absent), optional integers as TM_NO_INT when absent, optional booleans
/// as 1, 0 or -1. A list field has tm_<record>_<field>_count() and tm_<record>_<field>(r,
/// index). Everything an accessor returns is owned by the result it came from and valid
/// until that result is freed; accessors on NULL or on a pointer that is not a live record
/// of their type return NULL, 0, false or the absent value.
///
/// One verified `ds:Reference`. The `reference` record of the table (`Reference` in Python
/// and JavaScript; see docs/reference.md). It is owned by the result it was read from and
/// valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_reference {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_reference {
    const DESC: &'static RecordDesc = &records::REFERENCE;
}

/// The `URI` attribute as written: empty (the whole document) or `#id`.
///
/// @param r a tm_reference, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_reference.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_reference_uri(r: *const tm_reference) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// Local name of the element the reference covers.
///
/// @param r a tm_reference, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_reference.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_reference_element(r: *const tm_reference) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The DigestMethod algorithm URI.
///
/// @param r a tm_reference, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_reference.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_reference_digest(r: *const tm_reference) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// The number of items of `transforms`: The transforms applied, by short name, in order.
///
/// @param r a tm_reference, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_reference.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_reference_transforms_count(r: *const tm_reference) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 3) }
}

/// One item of `transforms`: The transforms applied, by short name, in order.
///
/// @param r a tm_reference, borrowed for the call.
/// @param index 0 to tm_reference_transforms_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_reference. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_reference_transforms(r: *const tm_reference, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Item(index)) }
}

/// Whether it covers a `ds:Manifest`: the manifest is signed, but the references it lists
/// were not checked, so what they point to is not shown signed.
///
/// @param r a tm_reference, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_reference.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_reference_unchecked_manifest(r: *const tm_reference) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 4, At::Field) }
}

// ---- tm_certificate ------------------------------------------------------------------

/// A certificate named by its subject and SHA-256 digest. The `certificate` record of the
/// table (`Certificate` in Python and JavaScript; see docs/reference.md). It is owned by
/// the result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_certificate {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_certificate {
    const DESC: &'static RecordDesc = &records::CERTIFICATE;
}

/// The subject DN.
///
/// @param r a tm_certificate, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_certificate.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_certificate_subject(r: *const tm_certificate) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// SHA-256 (lowercase hex) of the DER certificate.
///
/// @param r a tm_certificate, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_certificate.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_certificate_sha256(r: *const tm_certificate) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

// ---- tm_signature --------------------------------------------------------------------

/// One verified signature: who signed, with what. The `signature` record of the table
/// (`Signature` in Python and JavaScript; see docs/reference.md). It is owned by the result
/// it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_signature {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_signature {
    const DESC: &'static RecordDesc = &records::SIGNATURE;
}

/// SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public key.
///
/// @param r a tm_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_signer_sha256(r: *const tm_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The signer certificate's subject DN; null for a pinned bare public key.
///
/// @param r a tm_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_signer_subject(r: *const tm_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The signing key's type and size, e.g. `RSA-2048`, `EC P-256`.
///
/// @param r a tm_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_signer_key(r: *const tm_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// Whether the signer's certificate or key itself is in the trust store (not reached
/// through a CA).
///
/// @param r a tm_signature, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_pinned(r: *const tm_signature) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 3, At::Field) }
}

/// The SignatureMethod algorithm URI.
///
/// @param r a tm_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_signature_algorithm(r: *const tm_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 4, At::Field) }
}

/// The CanonicalizationMethod URI of SignedInfo.
///
/// @param r a tm_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_canonicalization(r: *const tm_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 5, At::Field) }
}

/// The number of items of `references`: The verified references, in document order.
///
/// @param r a tm_signature, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_references_count(r: *const tm_signature) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 6) }
}

/// One item of `references`: The verified references, in document order.
///
/// @param r a tm_signature, borrowed for the call.
/// @param index 0 to tm_signature_references_count(r) - 1.
/// @return the tm_reference, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_signature. Out of range counts as
///      absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_references(r: *const tm_signature, index: usize) -> *const tm_reference {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 6, At::Item(index)) }
}

/// The number of items of `legacy_algorithms`: Legacy algorithms the policy allowed and the
/// signature used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_signature, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_legacy_algorithms_count(r: *const tm_signature) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 7) }
}

/// One item of `legacy_algorithms`: Legacy algorithms the policy allowed and the signature
/// used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_signature, borrowed for the call.
/// @param index 0 to tm_signature_legacy_algorithms_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_signature. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_legacy_algorithms(r: *const tm_signature, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 7, At::Item(index)) }
}

/// The number of items of `chain`: The certificate path, signer first, ending at the
/// trusted certificate; empty for a pinned bare key.
///
/// @param r a tm_signature, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_chain_count(r: *const tm_signature) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 8) }
}

/// One item of `chain`: The certificate path, signer first, ending at the trusted
/// certificate; empty for a pinned bare key.
///
/// @param r a tm_signature, borrowed for the call.
/// @param index 0 to tm_signature_chain_count(r) - 1.
/// @return the tm_certificate, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_signature. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_chain(r: *const tm_signature, index: usize) -> *const tm_certificate {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 8, At::Item(index)) }
}

/// The time the verification used.
///
/// @param r a tm_signature, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_signature_verified_at(r: *const tm_signature) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 9, At::Field) }
}

// ---- tm_document ---------------------------------------------------------------------

/// A document whose signature verified: who signed it, with what, and exactly what they
/// signed. The `document` record of the table (`VerifiedDocument` in Python and JavaScript;
/// see docs/reference.md). An operation gives it to the caller, who releases it with
/// tm_document_free(); the ones inside another result are owned by that result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_document {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_document {
    const DESC: &'static RecordDesc = &records::DOCUMENT;
}

/// The number of items of `signed_xml`: The signed elements in canonical form (Exclusive
/// C14N, the signature left out), one per reference: exactly what was signed.
///
/// @param r a tm_document, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_signed_xml_count(r: *const tm_document) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 0) }
}

/// One item of `signed_xml`: The signed elements in canonical form (Exclusive C14N, the
/// signature left out), one per reference: exactly what was signed.
///
/// @param r a tm_document, borrowed for the call.
/// @param index 0 to tm_document_signed_xml_count(r) - 1.
/// @param len where to store the length; may be NULL.
/// @return the XML text, NUL-terminated (its length without the NUL in `*len`), owned by
///      the result `r` belongs to and valid until that result is freed; NULL and `*len` 0
///      if `r` is NULL or not a live tm_document. Out of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_signed_xml(r: *const tm_document, index: usize, len: *mut usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::xml(r, 0, At::Item(index), len) }
}

/// SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public key.
///
/// @param r a tm_document, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_signer_sha256(r: *const tm_document) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The signer certificate's subject DN; null for a pinned bare public key.
///
/// @param r a tm_document, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_signer_subject(r: *const tm_document) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// The signing key's type and size, e.g. `RSA-2048`, `EC P-256`.
///
/// @param r a tm_document, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_signer_key(r: *const tm_document) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

/// Whether the signer's certificate or key itself is in the trust store (not reached
/// through a CA).
///
/// @param r a tm_document, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_pinned(r: *const tm_document) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 4, At::Field) }
}

/// The SignatureMethod algorithm URI.
///
/// @param r a tm_document, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_signature_algorithm(r: *const tm_document) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 5, At::Field) }
}

/// The CanonicalizationMethod URI of SignedInfo.
///
/// @param r a tm_document, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_canonicalization(r: *const tm_document) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 6, At::Field) }
}

/// The number of items of `references`: The verified references, in document order.
///
/// @param r a tm_document, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_references_count(r: *const tm_document) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 7) }
}

/// One item of `references`: The verified references, in document order.
///
/// @param r a tm_document, borrowed for the call.
/// @param index 0 to tm_document_references_count(r) - 1.
/// @return the tm_reference, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_document. Out of range counts as
///      absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_references(r: *const tm_document, index: usize) -> *const tm_reference {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 7, At::Item(index)) }
}

/// The number of items of `legacy_algorithms`: Legacy algorithms the policy allowed and the
/// signature used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_document, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_legacy_algorithms_count(r: *const tm_document) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 8) }
}

/// One item of `legacy_algorithms`: Legacy algorithms the policy allowed and the signature
/// used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_document, borrowed for the call.
/// @param index 0 to tm_document_legacy_algorithms_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_document. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_legacy_algorithms(r: *const tm_document, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 8, At::Item(index)) }
}

/// The number of items of `chain`: The certificate path, signer first, ending at the
/// trusted certificate; empty for a pinned bare key.
///
/// @param r a tm_document, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_chain_count(r: *const tm_document) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 9) }
}

/// One item of `chain`: The certificate path, signer first, ending at the trusted
/// certificate; empty for a pinned bare key.
///
/// @param r a tm_document, borrowed for the call.
/// @param index 0 to tm_document_chain_count(r) - 1.
/// @return the tm_certificate, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_document. Out of range counts
///      as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_chain(r: *const tm_document, index: usize) -> *const tm_certificate {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 9, At::Item(index)) }
}

/// The time the verification used.
///
/// @param r a tm_document, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_document.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_document_verified_at(r: *const tm_document) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 10, At::Field) }
}

/// Releases a tm_document the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_document the caller owns (one inside another
///      result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_document_free(r: *mut tm_document) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

// ---- tm_endpoint ---------------------------------------------------------------------

/// One endpoint of a verified SMP record. The `endpoint` record of the table (`Endpoint` in
/// Python and JavaScript; see docs/reference.md). It is owned by the result it was read
/// from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_endpoint {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_endpoint {
    const DESC: &'static RecordDesc = &records::ENDPOINT;
}

/// The transport profile, e.g. `peppol-transport-as4-v2_0`.
///
/// @param r a tm_endpoint, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_transport_profile(r: *const tm_endpoint) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The endpoint's address: where to send.
///
/// @param r a tm_endpoint, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_uri(r: *const tm_endpoint) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// SHA-256 (lowercase hex) of the published certificate; null if none.
///
/// @param r a tm_endpoint, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_certificate_sha256(r: *const tm_endpoint) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// The activation date; null if the record gives none.
///
/// @param r a tm_endpoint, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_activation(r: *const tm_endpoint) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 3, At::Field) }
}

/// The expiration date; null if the record gives none.
///
/// @param r a tm_endpoint, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_expiration(r: *const tm_endpoint) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 4, At::Field) }
}

/// With access-point anchors: whether the certificate chains to one; null when not checked.
///
/// @param r a tm_endpoint, borrowed for the call.
/// @return 1 (true), 0 (false), or -1 when absent, or if `r` is NULL or not a live
///      tm_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_certificate_trusted(r: *const tm_endpoint) -> c_int {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::tristate(r, 5, At::Field) }
}

/// With access-point anchors: the error code when the certificate is not trusted.
///
/// @param r a tm_endpoint, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_endpoint_certificate_error(r: *const tm_endpoint) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 6, At::Field) }
}

// ---- tm_filtered_endpoint ------------------------------------------------------------

/// An endpoint that matches the question but was left out for its dates. The
/// `filtered_endpoint` record of the table (`FilteredEndpoint` in Python and JavaScript;
/// see docs/reference.md). It is owned by the result it was read from and valid until that
/// result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_filtered_endpoint {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_filtered_endpoint {
    const DESC: &'static RecordDesc = &records::FILTERED_ENDPOINT;
}

/// The endpoint.
///
/// @param r a tm_filtered_endpoint, borrowed for the call.
/// @return the tm_endpoint, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_filtered_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_filtered_endpoint_endpoint(r: *const tm_filtered_endpoint) -> *const tm_endpoint {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 0, At::Field) }
}

/// Why it was left out.
///
/// @param r a tm_filtered_endpoint, borrowed for the call.
/// @return one of "not_yet_active", "expired", a NUL-terminated string owned by the result
///      `r` belongs to and valid until that result is freed; NULL if `r` is NULL or not a
///      live tm_filtered_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_filtered_endpoint_reason(r: *const tm_filtered_endpoint) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// A sentence with the date and the verification time.
///
/// @param r a tm_filtered_endpoint, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_filtered_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_filtered_endpoint_message(r: *const tm_filtered_endpoint) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

// ---- tm_redirect ---------------------------------------------------------------------

/// A signed redirect to another SMP. The `redirect` record of the table (`Redirect` in
/// Python and JavaScript; see docs/reference.md). It is owned by the result it was read
/// from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_redirect {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_redirect {
    const DESC: &'static RecordDesc = &records::REDIRECT;
}

/// Where to ask instead.
///
/// @param r a tm_redirect, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_redirect.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_redirect_href(r: *const tm_redirect) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// SMP 1.x `CertificateUID`: subject DN (or serialNumber) of the target's signer.
///
/// @param r a tm_redirect, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_redirect.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_redirect_certificate_uid(r: *const tm_redirect) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The number of items of `certificates`: SMP 2.0: SHA-256 (lowercase hex) of each
/// certificate the target's signer may have.
///
/// @param r a tm_redirect, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_redirect.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_redirect_certificates_count(r: *const tm_redirect) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 2) }
}

/// One item of `certificates`: SMP 2.0: SHA-256 (lowercase hex) of each certificate the
/// target's signer may have.
///
/// @param r a tm_redirect, borrowed for the call.
/// @param index 0 to tm_redirect_certificates_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_redirect. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_redirect_certificates(r: *const tm_redirect, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Item(index)) }
}

// ---- tm_service_metadata -------------------------------------------------------------

/// A signed SMP ServiceMetadata record that verified and answers the question asked. The
/// `service_metadata` record of the table (`VerifiedServiceMetadata` in Python and
/// JavaScript; see docs/reference.md). An operation gives it to the caller, who releases it
/// with tm_service_metadata_free(); the ones inside another result are owned by that
/// result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_service_metadata {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_service_metadata {
    const DESC: &'static RecordDesc = &records::SERVICE_METADATA;
}

/// The SMP vocabulary of the record.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return one of "peppol-busdox", "bdxr-2014", "oasis-smp-1.0", "oasis-smp-2.0", a
///      NUL-terminated string owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_version(r: *const tm_service_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The participant the record names (null for an SMP 1.x redirect).
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_participant(r: *const tm_service_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The document type the record names (null for an SMP 1.x redirect).
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_document(r: *const tm_service_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// The number of items of `endpoints`: The endpoints that answer the question and are
/// active at the verification time.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_endpoints_count(r: *const tm_service_metadata) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 3) }
}

/// One item of `endpoints`: The endpoints that answer the question and are active at the
/// verification time.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @param index 0 to tm_service_metadata_endpoints_count(r) - 1.
/// @return the tm_endpoint, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_service_metadata. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_endpoints(r: *const tm_service_metadata, index: usize) -> *const tm_endpoint {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 3, At::Item(index)) }
}

/// The number of items of `filtered_endpoints`: Endpoints that match the question but are
/// outside their dates.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_filtered_endpoints_count(r: *const tm_service_metadata) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 4) }
}

/// One item of `filtered_endpoints`: Endpoints that match the question but are outside
/// their dates.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @param index 0 to tm_service_metadata_filtered_endpoints_count(r) - 1.
/// @return the tm_filtered_endpoint, owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_service_metadata. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_filtered_endpoints(r: *const tm_service_metadata, index: usize) -> *const tm_filtered_endpoint {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 4, At::Item(index)) }
}

/// The redirect, when the record sends the caller to another SMP.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return the tm_redirect, owned by the result `r` belongs to and valid until that result
///      is freed; NULL when absent, or if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_redirect(r: *const tm_service_metadata) -> *const tm_redirect {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 5, At::Field) }
}

/// Signatures below the document element: counted, not verified.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_other_signatures(r: *const tm_service_metadata) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 6, At::Field, 0) }
}

/// SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public key.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_signer_sha256(r: *const tm_service_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 7, At::Field) }
}

/// The signer certificate's subject DN; null for a pinned bare public key.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_signer_subject(r: *const tm_service_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 8, At::Field) }
}

/// The signing key's type and size, e.g. `RSA-2048`, `EC P-256`.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_signer_key(r: *const tm_service_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 9, At::Field) }
}

/// Whether the signer's certificate or key itself is in the trust store (not reached
/// through a CA).
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_pinned(r: *const tm_service_metadata) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 10, At::Field) }
}

/// The SignatureMethod algorithm URI.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_signature_algorithm(r: *const tm_service_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 11, At::Field) }
}

/// The CanonicalizationMethod URI of SignedInfo.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_canonicalization(r: *const tm_service_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 12, At::Field) }
}

/// The number of items of `references`: The verified references, in document order.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_references_count(r: *const tm_service_metadata) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 13) }
}

/// One item of `references`: The verified references, in document order.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @param index 0 to tm_service_metadata_references_count(r) - 1.
/// @return the tm_reference, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_service_metadata. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_references(r: *const tm_service_metadata, index: usize) -> *const tm_reference {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 13, At::Item(index)) }
}

/// The number of items of `legacy_algorithms`: Legacy algorithms the policy allowed and the
/// signature used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_legacy_algorithms_count(r: *const tm_service_metadata) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 14) }
}

/// One item of `legacy_algorithms`: Legacy algorithms the policy allowed and the signature
/// used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @param index 0 to tm_service_metadata_legacy_algorithms_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_service_metadata. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_legacy_algorithms(r: *const tm_service_metadata, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 14, At::Item(index)) }
}

/// The number of items of `chain`: The certificate path, signer first, ending at the
/// trusted certificate; empty for a pinned bare key.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_chain_count(r: *const tm_service_metadata) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 15) }
}

/// One item of `chain`: The certificate path, signer first, ending at the trusted
/// certificate; empty for a pinned bare key.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @param index 0 to tm_service_metadata_chain_count(r) - 1.
/// @return the tm_certificate, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_service_metadata. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_chain(r: *const tm_service_metadata, index: usize) -> *const tm_certificate {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 15, At::Item(index)) }
}

/// The time the verification used.
///
/// @param r a tm_service_metadata, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_service_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_verified_at(r: *const tm_service_metadata) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 16, At::Field) }
}

/// Releases a tm_service_metadata the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_service_metadata the caller owns (one inside
///      another result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_service_metadata_free(r: *mut tm_service_metadata) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

// ---- tm_service_reference ------------------------------------------------------------

/// One entry of a ServiceGroup. The `service_reference` record of the table
/// (`ServiceReference` in Python and JavaScript; see docs/reference.md). It is owned by the
/// result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_service_reference {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_service_reference {
    const DESC: &'static RecordDesc = &records::SERVICE_REFERENCE;
}

/// The document type, `scheme::value`; null when the href names none.
///
/// @param r a tm_service_reference, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_service_reference.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_reference_document(r: *const tm_service_reference) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// SMP 1.x `ServiceMetadataReference href`; null in SMP 2.0.
///
/// @param r a tm_service_reference, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_service_reference.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_reference_href(r: *const tm_service_reference) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

// ---- tm_service_group ----------------------------------------------------------------

/// A verified SMP ServiceGroup. The `service_group` record of the table
/// (`VerifiedServiceGroup` in Python and JavaScript; see docs/reference.md). An operation
/// gives it to the caller, who releases it with tm_service_group_free(); the ones inside
/// another result are owned by that result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_service_group {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_service_group {
    const DESC: &'static RecordDesc = &records::SERVICE_GROUP;
}

/// The SMP vocabulary of the group.
///
/// @param r a tm_service_group, borrowed for the call.
/// @return one of "peppol-busdox", "bdxr-2014", "oasis-smp-1.0", "oasis-smp-2.0", a
///      NUL-terminated string owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_service_group.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_group_version(r: *const tm_service_group) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The participant the group is about.
///
/// @param r a tm_service_group, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_service_group.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_group_participant(r: *const tm_service_group) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The number of items of `references`: Its entries, in document order.
///
/// @param r a tm_service_group, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_service_group.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_group_references_count(r: *const tm_service_group) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 2) }
}

/// One item of `references`: Its entries, in document order.
///
/// @param r a tm_service_group, borrowed for the call.
/// @param index 0 to tm_service_group_references_count(r) - 1.
/// @return the tm_service_reference, owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_service_group. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_group_references(r: *const tm_service_group, index: usize) -> *const tm_service_reference {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 2, At::Item(index)) }
}

/// False for an unsigned group accepted on request.
///
/// @param r a tm_service_group, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_service_group.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_group_signed(r: *const tm_service_group) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 3, At::Field) }
}

/// SHA-256 (lowercase hex) of the signer's certificate; null when unsigned or for a bare
/// key.
///
/// @param r a tm_service_group, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_service_group.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_group_signer_sha256(r: *const tm_service_group) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 4, At::Field) }
}

/// The signer certificate's subject DN; null when unsigned or for a bare key.
///
/// @param r a tm_service_group, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_service_group.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_group_signer_subject(r: *const tm_service_group) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 5, At::Field) }
}

/// Signatures below the document element: counted, not verified.
///
/// @param r a tm_service_group, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_service_group.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_service_group_other_signatures(r: *const tm_service_group) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 6, At::Field, 0) }
}

/// Releases a tm_service_group the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_service_group the caller owns (one inside
///      another result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_service_group_free(r: *mut tm_service_group) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

// ---- tm_extension_signature ----------------------------------------------------------

/// A verified signature inside an SMP record's `Extension` (the eHealth owner signature).
/// The `extension_signature` record of the table (`ExtensionSignature` in Python and
/// JavaScript; see docs/reference.md). It is owned by the result it was read from and valid
/// until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_extension_signature {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_extension_signature {
    const DESC: &'static RecordDesc = &records::EXTENSION_SIGNATURE;
}

/// Local name of the element it covers: `ServiceMetadata`, the document the owner signed
/// before the SMP wrapped it.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_covered_element(r: *const tm_extension_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public key.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_signer_sha256(r: *const tm_extension_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The signer certificate's subject DN; null for a pinned bare public key.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_signer_subject(r: *const tm_extension_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// The signing key's type and size, e.g. `RSA-2048`, `EC P-256`.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_signer_key(r: *const tm_extension_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

/// Whether the signer's certificate or key itself is in the trust store (not reached
/// through a CA).
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_pinned(r: *const tm_extension_signature) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 4, At::Field) }
}

/// The SignatureMethod algorithm URI.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_signature_algorithm(r: *const tm_extension_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 5, At::Field) }
}

/// The CanonicalizationMethod URI of SignedInfo.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_canonicalization(r: *const tm_extension_signature) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 6, At::Field) }
}

/// The number of items of `references`: The verified references, in document order.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_references_count(r: *const tm_extension_signature) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 7) }
}

/// One item of `references`: The verified references, in document order.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @param index 0 to tm_extension_signature_references_count(r) - 1.
/// @return the tm_reference, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_extension_signature. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_references(r: *const tm_extension_signature, index: usize) -> *const tm_reference {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 7, At::Item(index)) }
}

/// The number of items of `legacy_algorithms`: Legacy algorithms the policy allowed and the
/// signature used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_legacy_algorithms_count(r: *const tm_extension_signature) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 8) }
}

/// One item of `legacy_algorithms`: Legacy algorithms the policy allowed and the signature
/// used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @param index 0 to tm_extension_signature_legacy_algorithms_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_extension_signature. Out
///      of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_legacy_algorithms(r: *const tm_extension_signature, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 8, At::Item(index)) }
}

/// The number of items of `chain`: The certificate path, signer first, ending at the
/// trusted certificate; empty for a pinned bare key.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_chain_count(r: *const tm_extension_signature) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 9) }
}

/// One item of `chain`: The certificate path, signer first, ending at the trusted
/// certificate; empty for a pinned bare key.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @param index 0 to tm_extension_signature_chain_count(r) - 1.
/// @return the tm_certificate, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_extension_signature. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_chain(r: *const tm_extension_signature, index: usize) -> *const tm_certificate {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 9, At::Item(index)) }
}

/// The time the verification used.
///
/// @param r a tm_extension_signature, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_extension_signature.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_verified_at(r: *const tm_extension_signature) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 10, At::Field) }
}

/// A list of tm_extension_signature, owned by the caller, who releases it with
/// tm_extension_signature_list_free(); its items are owned by it.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_extension_signature_list {
    _opaque: [u8; 0],
}

impl tree::List for tm_extension_signature_list {
    type Item = tm_extension_signature;
}

/// The number of items of a list.
///
/// @param list a tm_extension_signature_list, borrowed for the call.
/// @return the count; 0 if `list` is NULL or not a live tm_extension_signature_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_list_count(list: *const tm_extension_signature_list) -> usize {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_count(list) }
}

/// One item of a list.
///
/// @param list a tm_extension_signature_list, borrowed for the call.
/// @param index 0 to tm_extension_signature_list_count(list) - 1.
/// @return the item, owned by `list` and valid until it is freed; NULL if `index` is out of
///      range or `list` is NULL or not a live tm_extension_signature_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_list_get(list: *const tm_extension_signature_list, index: usize) -> *const tm_extension_signature {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_get(list, index) }
}

/// Releases a list and its items.
///
/// @param list owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_extension_signature_list.
///
/// Thread safety: no other thread may use `list` or its items during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_extension_signature_list_free(list: *mut tm_extension_signature_list) {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_free(list) }
}

// ---- tm_decrypted_part ---------------------------------------------------------------

/// One encrypted element that was decrypted. The `decrypted_part` record of the table
/// (`DecryptedPart` in Python and JavaScript; see docs/reference.md). It is owned by the
/// result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_decrypted_part {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_decrypted_part {
    const DESC: &'static RecordDesc = &records::DECRYPTED_PART;
}

/// `EncryptedAssertion`, `EncryptedID` or `EncryptedAttribute`.
///
/// @param r a tm_decrypted_part, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_decrypted_part.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_decrypted_part_element(r: *const tm_decrypted_part) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The content encryption: `aes128-gcm`, `aes192-gcm`, `aes256-gcm`, or by policy
/// `aes128-cbc`, `aes192-cbc`, `aes256-cbc`, `tripledes-cbc`.
///
/// @param r a tm_decrypted_part, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_decrypted_part.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_decrypted_part_content_algorithm(r: *const tm_decrypted_part) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// Whether the content encryption is a legacy one (CBC, Triple-DES) that authenticates
/// nothing.
///
/// @param r a tm_decrypted_part, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_decrypted_part.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_decrypted_part_legacy(r: *const tm_decrypted_part) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 2, At::Field) }
}

/// How the content key came: `rsa-oaep-mgf1p`, `rsa-oaep`, `ecdh-es+kw-aes128`,
/// `ecdh-es+kw-aes192` or `ecdh-es+kw-aes256`.
///
/// @param r a tm_decrypted_part, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_decrypted_part.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_decrypted_part_key_algorithm(r: *const tm_decrypted_part) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

// ---- tm_unverified_assertion ---------------------------------------------------------

/// A Response's assertion decrypted WITHOUT any signature check: for inspection only. The
/// `unverified_assertion` record of the table (`UnverifiedAssertion` in Python and
/// JavaScript; see docs/reference.md). An operation gives it to the caller, who releases it
/// with tm_unverified_assertion_free(); the ones inside another result are owned by that
/// result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_unverified_assertion {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_unverified_assertion {
    const DESC: &'static RecordDesc = &records::UNVERIFIED_ASSERTION;
}

/// The decrypted `Assertion` element, exactly as decrypted; nothing in it is verified.
///
/// @param r a tm_unverified_assertion, borrowed for the call.
/// @param len where to store the length; may be NULL.
/// @return the XML text, NUL-terminated (its length without the NUL in `*len`), owned by
///      the result `r` belongs to and valid until that result is freed; NULL and `*len` 0
///      if `r` is NULL or not a live tm_unverified_assertion.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_unverified_assertion_xml(r: *const tm_unverified_assertion, len: *mut usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::xml(r, 0, At::Field, len) }
}

/// What decrypted it.
///
/// @param r a tm_unverified_assertion, borrowed for the call.
/// @return the tm_decrypted_part, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_unverified_assertion.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_unverified_assertion_decrypted(r: *const tm_unverified_assertion) -> *const tm_decrypted_part {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 1, At::Field) }
}

/// Releases a tm_unverified_assertion the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_unverified_assertion the caller owns (one
///      inside another result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_unverified_assertion_free(r: *mut tm_unverified_assertion) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

// ---- tm_country ----------------------------------------------------------------------

/// One country of an EMREG list. The `country` record of the table (`Country` in Python and
/// JavaScript; see docs/reference.md). It is owned by the result it was read from and valid
/// until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_country {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_country {
    const DESC: &'static RecordDesc = &records::COUNTRY;
}

/// `countryCode` as written (compared case-insensitively).
///
/// @param r a tm_country, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_country.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_country_code(r: *const tm_country) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `countryName` (empty when the list gives none).
///
/// @param r a tm_country, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_country.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_country_name(r: *const tm_country) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// Learners of this country choose an institution, not an NCP.
///
/// @param r a tm_country, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_country.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_country_single_fetch(r: *const tm_country) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 2, At::Field) }
}

// ---- tm_ncp --------------------------------------------------------------------------

/// One National Contact Point (an EMP in newer lists) of an EMREG list. The `ncp` record of
/// the table (`Ncp` in Python and JavaScript; see docs/reference.md). It is owned by the
/// result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_ncp {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_ncp {
    const DESC: &'static RecordDesc = &records::NCP;
}

/// The name ELMO verification takes as `ncp`.
///
/// @param r a tm_ncp, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_ncp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_acronym(r: *const tm_ncp) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `countryCode` as written.
///
/// @param r a tm_ncp, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_ncp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_country_code(r: *const tm_ncp) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The number of items of `institutions`: The institutions it serves, in list order.
///
/// @param r a tm_ncp, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_ncp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_institutions_count(r: *const tm_ncp) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 2) }
}

/// One item of `institutions`: The institutions it serves, in list order.
///
/// @param r a tm_ncp, borrowed for the call.
/// @param index 0 to tm_ncp_institutions_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_ncp. Out of range counts
///      as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_institutions(r: *const tm_ncp, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Item(index)) }
}

/// Where to send the learner (empty when the list gives none).
///
/// @param r a tm_ncp, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_ncp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_url(r: *const tm_ncp) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

/// The `pubKey` as the list gives it (normally a PEM certificate).
///
/// @param r a tm_ncp, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_ncp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_pub_key(r: *const tm_ncp) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 4, At::Field) }
}

// ---- tm_ncp_choice -------------------------------------------------------------------

/// One entry to offer a learner of a country. The `ncp_choice` record of the table
/// (`NcpChoice` in Python and JavaScript; see docs/reference.md). It is owned by the result
/// it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_ncp_choice {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_ncp_choice {
    const DESC: &'static RecordDesc = &records::NCP_CHOICE;
}

/// The NCP to send the learner to, whose certificate the result must carry.
///
/// @param r a tm_ncp_choice, borrowed for the call.
/// @return the tm_ncp, owned by the result `r` belongs to and valid until that result is
///      freed; NULL if `r` is NULL or not a live tm_ncp_choice.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_choice_ncp(r: *const tm_ncp_choice) -> *const tm_ncp {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 0, At::Field) }
}

/// For a `singleFetch` country the institution this entry stands for, otherwise the NCP's
/// first.
///
/// @param r a tm_ncp_choice, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_ncp_choice.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_choice_institution(r: *const tm_ncp_choice) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// A list of tm_ncp_choice, owned by the caller, who releases it with
/// tm_ncp_choice_list_free(); its items are owned by it.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_ncp_choice_list {
    _opaque: [u8; 0],
}

impl tree::List for tm_ncp_choice_list {
    type Item = tm_ncp_choice;
}

/// The number of items of a list.
///
/// @param list a tm_ncp_choice_list, borrowed for the call.
/// @return the count; 0 if `list` is NULL or not a live tm_ncp_choice_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_choice_list_count(list: *const tm_ncp_choice_list) -> usize {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_count(list) }
}

/// One item of a list.
///
/// @param list a tm_ncp_choice_list, borrowed for the call.
/// @param index 0 to tm_ncp_choice_list_count(list) - 1.
/// @return the item, owned by `list` and valid until it is freed; NULL if `index` is out of
///      range or `list` is NULL or not a live tm_ncp_choice_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_choice_list_get(list: *const tm_ncp_choice_list, index: usize) -> *const tm_ncp_choice {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_get(list, index) }
}

/// Releases a list and its items.
///
/// @param list owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_ncp_choice_list.
///
/// Thread safety: no other thread may use `list` or its items during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_ncp_choice_list_free(list: *mut tm_ncp_choice_list) {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_free(list) }
}

// ---- tm_learner ----------------------------------------------------------------------

/// The learner a verified ELMO file is about. The `learner` record of the table (`Learner`
/// in Python and JavaScript; see docs/reference.md). It is owned by the result it was read
/// from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_learner {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_learner {
    const DESC: &'static RecordDesc = &records::LEARNER;
}

/// `givenNames`.
///
/// @param r a tm_learner, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_learner.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_learner_given_names(r: *const tm_learner) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `familyName`.
///
/// @param r a tm_learner, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_learner.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_learner_family_name(r: *const tm_learner) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// `bday` as written (the format differs between NCPs).
///
/// @param r a tm_learner, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_learner.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_learner_birth_date(r: *const tm_learner) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// `citizenship`.
///
/// @param r a tm_learner, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_learner.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_learner_citizenship(r: *const tm_learner) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

// ---- tm_elmo -------------------------------------------------------------------------

/// A verified ELMO result file. The `elmo` record of the table (`VerifiedElmo` in Python
/// and JavaScript; see docs/reference.md). An operation gives it to the caller, who
/// releases it with tm_elmo_free(); the ones inside another result are owned by that
/// result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_elmo {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_elmo {
    const DESC: &'static RecordDesc = &records::ELMO;
}

/// The ELMO namespace of the file.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_namespace(r: *const tm_elmo) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The learner to match against the person who started the EMREX session.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return the tm_learner, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_learner(r: *const tm_elmo) -> *const tm_learner {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 1, At::Field) }
}

/// The number of items of `learners`: Every distinct learner identity the file gives,
/// `learner` first.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_learners_count(r: *const tm_elmo) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 2) }
}

/// One item of `learners`: Every distinct learner identity the file gives, `learner` first.
///
/// @param r a tm_elmo, borrowed for the call.
/// @param index 0 to tm_elmo_learners_count(r) - 1.
/// @return the tm_learner, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_elmo. Out of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_learners(r: *const tm_elmo, index: usize) -> *const tm_learner {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 2, At::Item(index)) }
}

/// How many reports the file holds.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_reports(r: *const tm_elmo) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 3, At::Field, 0) }
}

/// Signatures deeper inside (a Diploma Supplement's): neither checked nor counted as the
/// file's.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_nested_signatures(r: *const tm_elmo) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 4, At::Field, 0) }
}

/// SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public key.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_signer_sha256(r: *const tm_elmo) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 5, At::Field) }
}

/// The signer certificate's subject DN; null for a pinned bare public key.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_signer_subject(r: *const tm_elmo) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 6, At::Field) }
}

/// The signing key's type and size, e.g. `RSA-2048`, `EC P-256`.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_signer_key(r: *const tm_elmo) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 7, At::Field) }
}

/// Whether the signer's certificate or key itself is in the trust store (not reached
/// through a CA).
///
/// @param r a tm_elmo, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_pinned(r: *const tm_elmo) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 8, At::Field) }
}

/// The SignatureMethod algorithm URI.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_signature_algorithm(r: *const tm_elmo) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 9, At::Field) }
}

/// The CanonicalizationMethod URI of SignedInfo.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_canonicalization(r: *const tm_elmo) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 10, At::Field) }
}

/// The number of items of `references`: The verified references, in document order.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_references_count(r: *const tm_elmo) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 11) }
}

/// One item of `references`: The verified references, in document order.
///
/// @param r a tm_elmo, borrowed for the call.
/// @param index 0 to tm_elmo_references_count(r) - 1.
/// @return the tm_reference, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_elmo. Out of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_references(r: *const tm_elmo, index: usize) -> *const tm_reference {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 11, At::Item(index)) }
}

/// The number of items of `legacy_algorithms`: Legacy algorithms the policy allowed and the
/// signature used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_elmo, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_legacy_algorithms_count(r: *const tm_elmo) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 12) }
}

/// One item of `legacy_algorithms`: Legacy algorithms the policy allowed and the signature
/// used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_elmo, borrowed for the call.
/// @param index 0 to tm_elmo_legacy_algorithms_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_elmo. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_legacy_algorithms(r: *const tm_elmo, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 12, At::Item(index)) }
}

/// The number of items of `chain`: The certificate path, signer first, ending at the
/// trusted certificate; empty for a pinned bare key.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_chain_count(r: *const tm_elmo) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 13) }
}

/// One item of `chain`: The certificate path, signer first, ending at the trusted
/// certificate; empty for a pinned bare key.
///
/// @param r a tm_elmo, borrowed for the call.
/// @param index 0 to tm_elmo_chain_count(r) - 1.
/// @return the tm_certificate, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_elmo. Out of range counts as
///      absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_chain(r: *const tm_elmo, index: usize) -> *const tm_certificate {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 13, At::Item(index)) }
}

/// The time the verification used.
///
/// @param r a tm_elmo, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_elmo.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_verified_at(r: *const tm_elmo) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 14, At::Field) }
}

/// Releases a tm_elmo the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_elmo the caller owns (one inside another
///      result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_elmo_free(r: *mut tm_elmo) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

// ---- tm_lang_string ------------------------------------------------------------------

/// A text and its language. The `lang_string` record of the table (`LangString` in Python
/// and JavaScript; see docs/reference.md). It is owned by the result it was read from and
/// valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_lang_string {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_lang_string {
    const DESC: &'static RecordDesc = &records::LANG_STRING;
}

/// The `xml:lang` (empty when none).
///
/// @param r a tm_lang_string, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_lang_string.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_lang_string_lang(r: *const tm_lang_string) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The text.
///
/// @param r a tm_lang_string, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_lang_string.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_lang_string_text(r: *const tm_lang_string) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

// ---- tm_tsl_pointer ------------------------------------------------------------------

/// One `OtherTSLPointer` of a verified trusted list. The `tsl_pointer` record of the table
/// (`TslPointer` in Python and JavaScript; see docs/reference.md). It is owned by the
/// result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_tsl_pointer {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_tsl_pointer {
    const DESC: &'static RecordDesc = &records::TSL_POINTER;
}

/// `TSLLocation`: where to fetch the other list.
///
/// @param r a tm_tsl_pointer, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl_pointer.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_pointer_location(r: *const tm_tsl_pointer) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `SchemeTerritory` of the other list.
///
/// @param r a tm_tsl_pointer, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_tsl_pointer.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_pointer_territory(r: *const tm_tsl_pointer) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The other list's MIME type.
///
/// @param r a tm_tsl_pointer, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_tsl_pointer.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_pointer_mime_type(r: *const tm_tsl_pointer) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// The number of items of `certificates`: The certificates allowed to sign the other list,
/// DER-encoded.
///
/// @param r a tm_tsl_pointer, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl_pointer.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_pointer_certificates_count(r: *const tm_tsl_pointer) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 3) }
}

/// One item of `certificates`: The certificates allowed to sign the other list,
/// DER-encoded.
///
/// @param r a tm_tsl_pointer, borrowed for the call.
/// @param index 0 to tm_tsl_pointer_certificates_count(r) - 1.
/// @param len where to store the length; may be NULL.
/// @return the bytes (their length in `*len`), owned by the result `r` belongs to and valid
///      until that result is freed; NULL and `*len` 0 if `r` is NULL or not a live
///      tm_tsl_pointer. Out of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_pointer_certificates(r: *const tm_tsl_pointer, index: usize, len: *mut usize) -> *const u8 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::bytes(r, 3, At::Item(index), len) }
}

// ---- tm_tsl_service ------------------------------------------------------------------

/// One `TSPService` of a verified trusted list. The `tsl_service` record of the table
/// (`TslService` in Python and JavaScript; see docs/reference.md). It is owned by the
/// result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_tsl_service {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_tsl_service {
    const DESC: &'static RecordDesc = &records::TSL_SERVICE;
}

/// The first `TSPName` of its provider.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_provider(r: *const tm_tsl_service) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `ServiceTypeIdentifier`.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_type_identifier(r: *const tm_tsl_service) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The first `ServiceName`.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_name(r: *const tm_tsl_service) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// The number of items of `names`: Every `ServiceName`.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_names_count(r: *const tm_tsl_service) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 3) }
}

/// One item of `names`: Every `ServiceName`.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @param index 0 to tm_tsl_service_names_count(r) - 1.
/// @return the tm_lang_string, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_tsl_service. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_names(r: *const tm_tsl_service, index: usize) -> *const tm_lang_string {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 3, At::Item(index)) }
}

/// `ServiceStatus`.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_status(r: *const tm_tsl_service) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 4, At::Field) }
}

/// `StatusStartingTime`.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_tsl_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_status_starting_time(r: *const tm_tsl_service) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 5, At::Field) }
}

/// The number of items of `supply_points`: `ServiceSupplyPoint`s.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_supply_points_count(r: *const tm_tsl_service) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 6) }
}

/// One item of `supply_points`: `ServiceSupplyPoint`s.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @param index 0 to tm_tsl_service_supply_points_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl_service. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_supply_points(r: *const tm_tsl_service, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 6, At::Item(index)) }
}

/// The number of items of `certificates`: The `X509Certificate` digital identities,
/// DER-encoded, in order.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_certificates_count(r: *const tm_tsl_service) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 7) }
}

/// One item of `certificates`: The `X509Certificate` digital identities, DER-encoded, in
/// order.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @param index 0 to tm_tsl_service_certificates_count(r) - 1.
/// @param len where to store the length; may be NULL.
/// @return the bytes (their length in `*len`), owned by the result `r` belongs to and valid
///      until that result is freed; NULL and `*len` 0 if `r` is NULL or not a live
///      tm_tsl_service. Out of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_certificates(r: *const tm_tsl_service, index: usize, len: *mut usize) -> *const u8 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::bytes(r, 7, At::Item(index), len) }
}

/// How many `ServiceHistoryInstance`s it has.
///
/// @param r a tm_tsl_service, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_tsl_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_service_history_entries(r: *const tm_tsl_service) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 8, At::Field, 0) }
}

// ---- tm_tsl_provider -----------------------------------------------------------------

/// One `TrustServiceProvider` of a verified trusted list. The `tsl_provider` record of the
/// table (`TslProvider` in Python and JavaScript; see docs/reference.md). It is owned by
/// the result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_tsl_provider {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_tsl_provider {
    const DESC: &'static RecordDesc = &records::TSL_PROVIDER;
}

/// The first `TSPName`.
///
/// @param r a tm_tsl_provider, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl_provider.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_provider_name(r: *const tm_tsl_provider) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The number of items of `names`: Every `TSPName`.
///
/// @param r a tm_tsl_provider, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl_provider.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_provider_names_count(r: *const tm_tsl_provider) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 1) }
}

/// One item of `names`: Every `TSPName`.
///
/// @param r a tm_tsl_provider, borrowed for the call.
/// @param index 0 to tm_tsl_provider_names_count(r) - 1.
/// @return the tm_lang_string, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_tsl_provider. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_provider_names(r: *const tm_tsl_provider, index: usize) -> *const tm_lang_string {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 1, At::Item(index)) }
}

/// The number of items of `trade_names`: Every `TSPTradeName`.
///
/// @param r a tm_tsl_provider, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl_provider.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_provider_trade_names_count(r: *const tm_tsl_provider) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 2) }
}

/// One item of `trade_names`: Every `TSPTradeName`.
///
/// @param r a tm_tsl_provider, borrowed for the call.
/// @param index 0 to tm_tsl_provider_trade_names_count(r) - 1.
/// @return the tm_lang_string, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_tsl_provider. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_provider_trade_names(r: *const tm_tsl_provider, index: usize) -> *const tm_lang_string {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 2, At::Item(index)) }
}

/// The number of items of `services`: Its services, in document order.
///
/// @param r a tm_tsl_provider, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl_provider.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_provider_services_count(r: *const tm_tsl_provider) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 3) }
}

/// One item of `services`: Its services, in document order.
///
/// @param r a tm_tsl_provider, borrowed for the call.
/// @param index 0 to tm_tsl_provider_services_count(r) - 1.
/// @return the tm_tsl_service, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_tsl_provider. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_provider_services(r: *const tm_tsl_provider, index: usize) -> *const tm_tsl_service {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 3, At::Item(index)) }
}

// ---- tm_openncp_service --------------------------------------------------------------

/// A service of an NCP configuration list with its face and role. The `openncp_service`
/// record of the table (`OpenNcpService` in Python and JavaScript; see docs/reference.md).
/// It is owned by the result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_openncp_service {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_openncp_service {
    const DESC: &'static RecordDesc = &records::OPENNCP_SERVICE;
}

/// The provider the service is listed under.
///
/// @param r a tm_openncp_service, borrowed for the call.
/// @return one of "NCP-A", "NCP-B", a NUL-terminated string owned by the result `r` belongs
///      to and valid until that result is freed; NULL if `r` is NULL or not a live
///      tm_openncp_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_service_face(r: *const tm_openncp_service) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// What the service does.
///
/// @param r a tm_openncp_service, borrowed for the call.
/// @return one of "VPNGateway", "NCP", "PatientIdentificationService", "PatientService",
///      "OrderService", "DispensationService", "ConsentService", "IdP", a NUL-terminated
///      string owned by the result `r` belongs to and valid until that result is freed;
///      NULL if `r` is NULL or not a live tm_openncp_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_service_role(r: *const tm_openncp_service) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The service.
///
/// @param r a tm_openncp_service, borrowed for the call.
/// @return the tm_tsl_service, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_openncp_service.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_service_service(r: *const tm_openncp_service) -> *const tm_tsl_service {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 2, At::Field) }
}

// ---- tm_openncp_list -----------------------------------------------------------------

/// The OpenNCP view of a verified NCP configuration list. The `openncp_list` record of the
/// table (`OpenNcpList` in Python and JavaScript; see docs/reference.md). It is owned by
/// the result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_openncp_list {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_openncp_list {
    const DESC: &'static RecordDesc = &records::OPENNCP_LIST;
}

/// The country the list is for.
///
/// @param r a tm_openncp_list, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_openncp_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_list_country(r: *const tm_openncp_list) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The number of items of `services`: Its services with their faces and roles.
///
/// @param r a tm_openncp_list, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_openncp_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_list_services_count(r: *const tm_openncp_list) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 1) }
}

/// One item of `services`: Its services with their faces and roles.
///
/// @param r a tm_openncp_list, borrowed for the call.
/// @param index 0 to tm_openncp_list_services_count(r) - 1.
/// @return the tm_openncp_service, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_openncp_list. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_list_services(r: *const tm_openncp_list, index: usize) -> *const tm_openncp_service {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 1, At::Item(index)) }
}

/// Services whose provider or type the view does not know.
///
/// @param r a tm_openncp_list, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_openncp_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_list_unknown_services(r: *const tm_openncp_list) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 2, At::Field, 0) }
}

/// The NCP service's first certificate on `NCP-A` (its TLS certificate), DER-encoded.
///
/// @param r a tm_openncp_list, borrowed for the call.
/// @param len where to store the length; may be NULL.
/// @return the bytes (their length in `*len`), owned by the result `r` belongs to and valid
///      until that result is freed; NULL and `*len` 0 when absent, or if `r` is NULL or not
///      a live tm_openncp_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_list_tls_certificate_a(r: *const tm_openncp_list, len: *mut usize) -> *const u8 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::bytes(r, 3, At::Field, len) }
}

/// The NCP service's first certificate on `NCP-B` (its TLS certificate), DER-encoded.
///
/// @param r a tm_openncp_list, borrowed for the call.
/// @param len where to store the length; may be NULL.
/// @return the bytes (their length in `*len`), owned by the result `r` belongs to and valid
///      until that result is freed; NULL and `*len` 0 when absent, or if `r` is NULL or not
///      a live tm_openncp_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_list_tls_certificate_b(r: *const tm_openncp_list, len: *mut usize) -> *const u8 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::bytes(r, 4, At::Field, len) }
}

/// The NCP service's second certificate on `NCP-A` (its signing certificate), DER-encoded.
///
/// @param r a tm_openncp_list, borrowed for the call.
/// @param len where to store the length; may be NULL.
/// @return the bytes (their length in `*len`), owned by the result `r` belongs to and valid
///      until that result is freed; NULL and `*len` 0 when absent, or if `r` is NULL or not
///      a live tm_openncp_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_list_signature_certificate_a(r: *const tm_openncp_list, len: *mut usize) -> *const u8 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::bytes(r, 5, At::Field, len) }
}

/// The NCP service's second certificate on `NCP-B` (its signing certificate), DER-encoded.
///
/// @param r a tm_openncp_list, borrowed for the call.
/// @param len where to store the length; may be NULL.
/// @return the bytes (their length in `*len`), owned by the result `r` belongs to and valid
///      until that result is freed; NULL and `*len` 0 when absent, or if `r` is NULL or not
///      a live tm_openncp_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_openncp_list_signature_certificate_b(r: *const tm_openncp_list, len: *mut usize) -> *const u8 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::bytes(r, 6, At::Field, len) }
}

// ---- tm_smp_record -------------------------------------------------------------------

/// One unsigned SMP `ServiceMetadata` document written from an NCP configuration list. The
/// `smp_record` record of the table (`SmpRecord` in Python and JavaScript; see
/// docs/reference.md). It is owned by the result it was read from and valid until that
/// result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_smp_record {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_smp_record {
    const DESC: &'static RecordDesc = &records::SMP_RECORD;
}

/// The file name OpenNCP's stylesheet gives it, e.g. `Patient_Service_AT.xml`.
///
/// @param r a tm_smp_record, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_smp_record.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_record_file_name(r: *const tm_smp_record) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The participant, `scheme::value`.
///
/// @param r a tm_smp_record, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_smp_record.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_record_participant(r: *const tm_smp_record) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The document type, `scheme::value`.
///
/// @param r a tm_smp_record, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_smp_record.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_record_document(r: *const tm_smp_record) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// The process, `scheme::value`.
///
/// @param r a tm_smp_record, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_smp_record.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_record_process(r: *const tm_smp_record) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

/// How many endpoints it lists.
///
/// @param r a tm_smp_record, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_smp_record.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_record_endpoints(r: *const tm_smp_record) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 4, At::Field, 0) }
}

/// The document.
///
/// @param r a tm_smp_record, borrowed for the call.
/// @param len where to store the length; may be NULL.
/// @return the XML text, NUL-terminated (its length without the NUL in `*len`), owned by
///      the result `r` belongs to and valid until that result is freed; NULL and `*len` 0
///      if `r` is NULL or not a live tm_smp_record.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_record_xml(r: *const tm_smp_record, len: *mut usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::xml(r, 5, At::Field, len) }
}

/// A list of tm_smp_record, owned by the caller, who releases it with
/// tm_smp_record_list_free(); its items are owned by it.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_smp_record_list {
    _opaque: [u8; 0],
}

impl tree::List for tm_smp_record_list {
    type Item = tm_smp_record;
}

/// The number of items of a list.
///
/// @param list a tm_smp_record_list, borrowed for the call.
/// @return the count; 0 if `list` is NULL or not a live tm_smp_record_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_record_list_count(list: *const tm_smp_record_list) -> usize {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_count(list) }
}

/// One item of a list.
///
/// @param list a tm_smp_record_list, borrowed for the call.
/// @param index 0 to tm_smp_record_list_count(list) - 1.
/// @return the item, owned by `list` and valid until it is freed; NULL if `index` is out of
///      range or `list` is NULL or not a live tm_smp_record_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_record_list_get(list: *const tm_smp_record_list, index: usize) -> *const tm_smp_record {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_get(list, index) }
}

/// Releases a list and its items.
///
/// @param list owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_smp_record_list.
///
/// Thread safety: no other thread may use `list` or its items during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_record_list_free(list: *mut tm_smp_record_list) {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_free(list) }
}

// ---- tm_tsl --------------------------------------------------------------------------

/// A verified ETSI trusted list. The `tsl` record of the table (`VerifiedTsl` in Python and
/// JavaScript; see docs/reference.md). An operation gives it to the caller, who releases it
/// with tm_tsl_free(); the ones inside another result are owned by that result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_tsl {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_tsl {
    const DESC: &'static RecordDesc = &records::TSL;
}

/// The `Id` of the document element.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_id(r: *const tm_tsl) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `TSLTag`.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_tag(r: *const tm_tsl) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// `SchemeTerritory`.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_territory(r: *const tm_tsl) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// `TSLVersionIdentifier`.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_version(r: *const tm_tsl) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 3, At::Field, 0) }
}

/// `TSLSequenceNumber`: a newer list has a higher one.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_sequence_number(r: *const tm_tsl) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 4, At::Field, 0) }
}

/// `TSLType`.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_tsl_type(r: *const tm_tsl) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 5, At::Field) }
}

/// The number of items of `operator_names`: `SchemeOperatorName`s.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_operator_names_count(r: *const tm_tsl) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 6) }
}

/// One item of `operator_names`: `SchemeOperatorName`s.
///
/// @param r a tm_tsl, borrowed for the call.
/// @param index 0 to tm_tsl_operator_names_count(r) - 1.
/// @return the tm_lang_string, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_tsl. Out of range counts as
///      absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_operator_names(r: *const tm_tsl, index: usize) -> *const tm_lang_string {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 6, At::Item(index)) }
}

/// The number of items of `operator_electronic_addresses`: The operator's electronic
/// addresses.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_operator_electronic_addresses_count(r: *const tm_tsl) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 7) }
}

/// One item of `operator_electronic_addresses`: The operator's electronic addresses.
///
/// @param r a tm_tsl, borrowed for the call.
/// @param index 0 to tm_tsl_operator_electronic_addresses_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl. Out of range counts
///      as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_operator_electronic_addresses(r: *const tm_tsl, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 7, At::Item(index)) }
}

/// The number of items of `scheme_names`: `SchemeName`s.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_scheme_names_count(r: *const tm_tsl) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 8) }
}

/// One item of `scheme_names`: `SchemeName`s.
///
/// @param r a tm_tsl, borrowed for the call.
/// @param index 0 to tm_tsl_scheme_names_count(r) - 1.
/// @return the tm_lang_string, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_tsl. Out of range counts as
///      absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_scheme_names(r: *const tm_tsl, index: usize) -> *const tm_lang_string {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 8, At::Item(index)) }
}

/// `ListIssueDateTime`.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_issued(r: *const tm_tsl) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 9, At::Field) }
}

/// `NextUpdate`; null for a closed list.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_next_update(r: *const tm_tsl) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 10, At::Field) }
}

/// The XAdES `SigningTime` (XAdES baseline B requires it).
///
/// @param r a tm_tsl, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_signing_time(r: *const tm_tsl) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 11, At::Field) }
}

/// The number of items of `pointers`: `OtherTSLPointer`s.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_pointers_count(r: *const tm_tsl) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 12) }
}

/// One item of `pointers`: `OtherTSLPointer`s.
///
/// @param r a tm_tsl, borrowed for the call.
/// @param index 0 to tm_tsl_pointers_count(r) - 1.
/// @return the tm_tsl_pointer, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_tsl. Out of range counts as
///      absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_pointers(r: *const tm_tsl, index: usize) -> *const tm_tsl_pointer {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 12, At::Item(index)) }
}

/// The number of items of `providers`: `TrustServiceProvider`s.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_providers_count(r: *const tm_tsl) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 13) }
}

/// One item of `providers`: `TrustServiceProvider`s.
///
/// @param r a tm_tsl, borrowed for the call.
/// @param index 0 to tm_tsl_providers_count(r) - 1.
/// @return the tm_tsl_provider, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_tsl. Out of range counts as
///      absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_providers(r: *const tm_tsl, index: usize) -> *const tm_tsl_provider {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 13, At::Item(index)) }
}

/// The number of items of `services`: Every service of every provider, in document order.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_services_count(r: *const tm_tsl) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 14) }
}

/// One item of `services`: Every service of every provider, in document order.
///
/// @param r a tm_tsl, borrowed for the call.
/// @param index 0 to tm_tsl_services_count(r) - 1.
/// @return the tm_tsl_service, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_tsl. Out of range counts as
///      absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_services(r: *const tm_tsl, index: usize) -> *const tm_tsl_service {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 14, At::Item(index)) }
}

/// The OpenNCP view, for an NCP configuration list; null for other lists.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the tm_openncp_list, owned by the result `r` belongs to and valid until that
///      result is freed; NULL when absent, or if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_openncp(r: *const tm_tsl) -> *const tm_openncp_list {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 15, At::Field) }
}

/// SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public key.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_signer_sha256(r: *const tm_tsl) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 16, At::Field) }
}

/// The signer certificate's subject DN; null for a pinned bare public key.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_signer_subject(r: *const tm_tsl) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 17, At::Field) }
}

/// The signing key's type and size, e.g. `RSA-2048`, `EC P-256`.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_signer_key(r: *const tm_tsl) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 18, At::Field) }
}

/// Whether the signer's certificate or key itself is in the trust store (not reached
/// through a CA).
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_pinned(r: *const tm_tsl) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 19, At::Field) }
}

/// The SignatureMethod algorithm URI.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_signature_algorithm(r: *const tm_tsl) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 20, At::Field) }
}

/// The CanonicalizationMethod URI of SignedInfo.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_canonicalization(r: *const tm_tsl) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 21, At::Field) }
}

/// The number of items of `references`: The verified references, in document order.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_references_count(r: *const tm_tsl) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 22) }
}

/// One item of `references`: The verified references, in document order.
///
/// @param r a tm_tsl, borrowed for the call.
/// @param index 0 to tm_tsl_references_count(r) - 1.
/// @return the tm_reference, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_tsl. Out of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_references(r: *const tm_tsl, index: usize) -> *const tm_reference {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 22, At::Item(index)) }
}

/// The number of items of `legacy_algorithms`: Legacy algorithms the policy allowed and the
/// signature used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_legacy_algorithms_count(r: *const tm_tsl) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 23) }
}

/// One item of `legacy_algorithms`: Legacy algorithms the policy allowed and the signature
/// used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_tsl, borrowed for the call.
/// @param index 0 to tm_tsl_legacy_algorithms_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_tsl. Out of range counts
///      as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_legacy_algorithms(r: *const tm_tsl, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 23, At::Item(index)) }
}

/// The number of items of `chain`: The certificate path, signer first, ending at the
/// trusted certificate; empty for a pinned bare key.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_chain_count(r: *const tm_tsl) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 24) }
}

/// One item of `chain`: The certificate path, signer first, ending at the trusted
/// certificate; empty for a pinned bare key.
///
/// @param r a tm_tsl, borrowed for the call.
/// @param index 0 to tm_tsl_chain_count(r) - 1.
/// @return the tm_certificate, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_tsl. Out of range counts as
///      absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_chain(r: *const tm_tsl, index: usize) -> *const tm_certificate {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 24, At::Item(index)) }
}

/// The time the verification used.
///
/// @param r a tm_tsl, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_tsl.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_verified_at(r: *const tm_tsl) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 25, At::Field) }
}

/// Releases a tm_tsl the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_tsl the caller owns (one inside another
///      result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_tsl_free(r: *mut tm_tsl) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

// ---- tm_saml_attribute ---------------------------------------------------------------

/// One `Attribute` of a verified assertion. The `saml_attribute` record of the table
/// (`SamlAttribute` in Python and JavaScript; see docs/reference.md). It is owned by the
/// result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_saml_attribute {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_saml_attribute {
    const DESC: &'static RecordDesc = &records::SAML_ATTRIBUTE;
}

/// `Name`.
///
/// @param r a tm_saml_attribute, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_saml_attribute.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_attribute_name(r: *const tm_saml_attribute) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `NameFormat`.
///
/// @param r a tm_saml_attribute, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_saml_attribute.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_attribute_name_format(r: *const tm_saml_attribute) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// `FriendlyName`.
///
/// @param r a tm_saml_attribute, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_saml_attribute.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_attribute_friendly_name(r: *const tm_saml_attribute) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// The number of items of `values`: Each `AttributeValue`'s text.
///
/// @param r a tm_saml_attribute, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_saml_attribute.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_attribute_values_count(r: *const tm_saml_attribute) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 3) }
}

/// One item of `values`: Each `AttributeValue`'s text.
///
/// @param r a tm_saml_attribute, borrowed for the call.
/// @param index 0 to tm_saml_attribute_values_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_saml_attribute. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_attribute_values(r: *const tm_saml_attribute, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Item(index)) }
}

/// STORK's `AttributeStatus`, when given.
///
/// @param r a tm_saml_attribute, borrowed for the call.
/// @return one of "Available", "NotAvailable", "Withheld", a NUL-terminated string owned by
///      the result `r` belongs to and valid until that result is freed; NULL when absent,
///      or if `r` is NULL or not a live tm_saml_attribute.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_attribute_status(r: *const tm_saml_attribute) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 4, At::Field) }
}

// ---- tm_saml_response ----------------------------------------------------------------

/// A verified SAML response and its one assertion. The `saml_response` record of the table
/// (`VerifiedSamlResponse` in Python and JavaScript; see docs/reference.md). An operation
/// gives it to the caller, who releases it with tm_saml_response_free(); the ones inside
/// another result are owned by that result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_saml_response {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_saml_response {
    const DESC: &'static RecordDesc = &records::SAML_RESPONSE;
}

/// The Response `ID`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_id(r: *const tm_saml_response) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The Response `Issuer`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_issuer(r: *const tm_saml_response) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// `InResponseTo`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_in_response_to(r: *const tm_saml_response) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// `Destination`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_destination(r: *const tm_saml_response) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

/// The Assertion `ID`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_assertion_id(r: *const tm_saml_response) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 4, At::Field) }
}

/// The assertion's `IssueInstant`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_issue_instant(r: *const tm_saml_response) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 5, At::Field) }
}

/// The subject's `NameID`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_name_id(r: *const tm_saml_response) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 6, At::Field) }
}

/// The `NameID`'s `Format`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_name_id_format(r: *const tm_saml_response) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 7, At::Field) }
}

/// The number of items of `attributes`: The assertion's attributes, in document order.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_attributes_count(r: *const tm_saml_response) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 8) }
}

/// One item of `attributes`: The assertion's attributes, in document order.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @param index 0 to tm_saml_response_attributes_count(r) - 1.
/// @return the tm_saml_attribute, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_saml_response. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_attributes(r: *const tm_saml_response, index: usize) -> *const tm_saml_attribute {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 8, At::Item(index)) }
}

/// The first `AuthnContextClassRef` (the eIDAS level of assurance).
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_loa(r: *const tm_saml_response) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 9, At::Field) }
}

/// STORK's `QualityAuthenticationAssuranceLevel`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return the value; TM_NO_INT when absent, or if `r` is NULL or not a live
///      tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_stork_qaa(r: *const tm_saml_response) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 10, At::Field, TM_NO_INT) }
}

/// The first `AuthnStatement`'s `SessionIndex`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_session_index(r: *const tm_saml_response) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 11, At::Field) }
}

/// The first `AuthnStatement`'s `SessionNotOnOrAfter`: when the identity provider ends the
/// session.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_session_not_on_or_after(r: *const tm_saml_response) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 12, At::Field) }
}

/// `Conditions/@NotBefore`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_not_before(r: *const tm_saml_response) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 13, At::Field) }
}

/// `Conditions/@NotOnOrAfter`: keep the session no longer.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_not_on_or_after(r: *const tm_saml_response) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 14, At::Field) }
}

/// The number of items of `audiences`: The `Audience`s of the conditions.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_audiences_count(r: *const tm_saml_response) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 15) }
}

/// One item of `audiences`: The `Audience`s of the conditions.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @param index 0 to tm_saml_response_audiences_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_saml_response. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_audiences(r: *const tm_saml_response, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 15, At::Item(index)) }
}

/// Whether the conditions hold `OneTimeUse`.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_one_time_use(r: *const tm_saml_response) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 16, At::Field) }
}

/// Which signatures covered the assertion.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return one of "response", "assertion", "both", a NUL-terminated string owned by the
///      result `r` belongs to and valid until that result is freed; NULL if `r` is NULL or
///      not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_signed_by(r: *const tm_saml_response) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 17, At::Field) }
}

/// The number of items of `signatures`: The verified signatures, the Response's first.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_signatures_count(r: *const tm_saml_response) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 18) }
}

/// One item of `signatures`: The verified signatures, the Response's first.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @param index 0 to tm_saml_response_signatures_count(r) - 1.
/// @return the tm_signature, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_saml_response. Out of range counts
///      as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_signatures(r: *const tm_saml_response, index: usize) -> *const tm_signature {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 18, At::Item(index)) }
}

/// The number of items of `decrypted`: What was decrypted, and with what: the
/// `EncryptedAssertion`, an `EncryptedID`, each `EncryptedAttribute`; empty when nothing
/// was encrypted.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_saml_response.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_decrypted_count(r: *const tm_saml_response) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 19) }
}

/// One item of `decrypted`: What was decrypted, and with what: the `EncryptedAssertion`, an
/// `EncryptedID`, each `EncryptedAttribute`; empty when nothing was encrypted.
///
/// @param r a tm_saml_response, borrowed for the call.
/// @param index 0 to tm_saml_response_decrypted_count(r) - 1.
/// @return the tm_decrypted_part, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_saml_response. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_decrypted(r: *const tm_saml_response, index: usize) -> *const tm_decrypted_part {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 19, At::Item(index)) }
}

/// Releases a tm_saml_response the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_saml_response the caller owns (one inside
///      another result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_saml_response_free(r: *mut tm_saml_response) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

// ---- tm_requested_attribute ----------------------------------------------------------

/// An attribute an AuthnRequest asks for. The `requested_attribute` record of the table
/// (`RequestedAttribute` in Python and JavaScript; see docs/reference.md). It is owned by
/// the result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_requested_attribute {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_requested_attribute {
    const DESC: &'static RecordDesc = &records::REQUESTED_ATTRIBUTE;
}

/// `Name`.
///
/// @param r a tm_requested_attribute, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_requested_attribute.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_requested_attribute_name(r: *const tm_requested_attribute) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `NameFormat`.
///
/// @param r a tm_requested_attribute, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_requested_attribute.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_requested_attribute_name_format(r: *const tm_requested_attribute) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// `FriendlyName`.
///
/// @param r a tm_requested_attribute, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_requested_attribute.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_requested_attribute_friendly_name(r: *const tm_requested_attribute) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// `isRequired`.
///
/// @param r a tm_requested_attribute, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_requested_attribute.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_requested_attribute_required(r: *const tm_requested_attribute) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 3, At::Field) }
}

/// The number of items of `values`: The values asked for.
///
/// @param r a tm_requested_attribute, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_requested_attribute.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_requested_attribute_values_count(r: *const tm_requested_attribute) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 4) }
}

/// One item of `values`: The values asked for.
///
/// @param r a tm_requested_attribute, borrowed for the call.
/// @param index 0 to tm_requested_attribute_values_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_requested_attribute. Out
///      of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_requested_attribute_values(r: *const tm_requested_attribute, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 4, At::Item(index)) }
}

// ---- tm_authn_request ----------------------------------------------------------------

/// A verified SAML AuthnRequest. The `authn_request` record of the table
/// (`VerifiedAuthnRequest` in Python and JavaScript; see docs/reference.md). An operation
/// gives it to the caller, who releases it with tm_authn_request_free(); the ones inside
/// another result are owned by that result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_authn_request {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_authn_request {
    const DESC: &'static RecordDesc = &records::AUTHN_REQUEST;
}

/// `ID`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_id(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `Issuer`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_issuer(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// `IssueInstant`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_issue_instant(r: *const tm_authn_request) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 2, At::Field) }
}

/// `Destination`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_destination(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

/// `AssertionConsumerServiceURL`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_acs_url(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 4, At::Field) }
}

/// `ForceAuthn`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_force_authn(r: *const tm_authn_request) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 5, At::Field) }
}

/// `IsPassive`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_is_passive(r: *const tm_authn_request) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 6, At::Field) }
}

/// `ProviderName`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_provider_name(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 7, At::Field) }
}

/// `NameIDPolicy/@Format`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_name_id_format(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 8, At::Field) }
}

/// eIDAS `SPType`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return one of "public", "private", a NUL-terminated string owned by the result `r`
///      belongs to and valid until that result is freed; NULL when absent, or if `r` is
///      NULL or not a live tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_sp_type(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 9, At::Field) }
}

/// The number of items of `requested_loa`: The requested `AuthnContextClassRef`s.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_requested_loa_count(r: *const tm_authn_request) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 10) }
}

/// One item of `requested_loa`: The requested `AuthnContextClassRef`s.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @param index 0 to tm_authn_request_requested_loa_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_authn_request. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_requested_loa(r: *const tm_authn_request, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 10, At::Item(index)) }
}

/// `RequestedAuthnContext/@Comparison`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_loa_comparison(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 11, At::Field) }
}

/// The number of items of `requested_attributes`: The attributes asked for.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_requested_attributes_count(r: *const tm_authn_request) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 12) }
}

/// One item of `requested_attributes`: The attributes asked for.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @param index 0 to tm_authn_request_requested_attributes_count(r) - 1.
/// @return the tm_requested_attribute, owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_authn_request. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_requested_attributes(r: *const tm_authn_request, index: usize) -> *const tm_requested_attribute {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 12, At::Item(index)) }
}

/// STORK `QualityAuthenticationAssuranceLevel`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return the value; TM_NO_INT when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_stork_qaa(r: *const tm_authn_request) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 13, At::Field, TM_NO_INT) }
}

/// STORK `spSector`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_stork_sp_sector(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 14, At::Field) }
}

/// STORK `spInstitution`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_stork_sp_institution(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 15, At::Field) }
}

/// STORK `spApplication`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_stork_sp_application(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 16, At::Field) }
}

/// STORK `spCountry`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_stork_sp_country(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 17, At::Field) }
}

/// STORK `CitizenCountryCode`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_stork_citizen_country(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 18, At::Field) }
}

/// The HTTP-Redirect binding's `RelayState`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_relay_state(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 19, At::Field) }
}

/// The HTTP-Redirect binding's `SigAlg`.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_redirect_signature_algorithm(r: *const tm_authn_request) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 20, At::Field) }
}

/// The XML signature; null for the HTTP-Redirect binding.
///
/// @param r a tm_authn_request, borrowed for the call.
/// @return the tm_signature, owned by the result `r` belongs to and valid until that result
///      is freed; NULL when absent, or if `r` is NULL or not a live tm_authn_request.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_signature(r: *const tm_authn_request) -> *const tm_signature {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 21, At::Field) }
}

/// Releases a tm_authn_request the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_authn_request the caller owns (one inside
///      another result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_authn_request_free(r: *mut tm_authn_request) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

// ---- tm_etoegang_name ----------------------------------------------------------------

/// The parts of an eToegang aggregate's `Name`
/// (`urn:etoegang:<version>:metadata:<P|A>:<sequence>`). The `etoegang_name` record of the
/// table (`EtoegangName` in Python and JavaScript; see docs/reference.md). It is owned by
/// the result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_etoegang_name {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_etoegang_name {
    const DESC: &'static RecordDesc = &records::ETOEGANG_NAME;
}

/// The version part.
///
/// @param r a tm_etoegang_name, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_etoegang_name.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_etoegang_name_version(r: *const tm_etoegang_name) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `P` (production) or `A` (acceptance).
///
/// @param r a tm_etoegang_name, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_etoegang_name.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_etoegang_name_environment(r: *const tm_etoegang_name) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// The publication sequence number: a newer aggregate has a higher one.
///
/// @param r a tm_etoegang_name, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_etoegang_name.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_etoegang_name_sequence(r: *const tm_etoegang_name) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 2, At::Field, 0) }
}

// ---- tm_duration ---------------------------------------------------------------------

/// An `xs:duration`, with months apart as they have no fixed length. The `duration` record
/// of the table (`Duration` in Python and JavaScript; see docs/reference.md). It is owned
/// by the result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_duration {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_duration {
    const DESC: &'static RecordDesc = &records::DURATION;
}

/// Years times 12 plus months.
///
/// @param r a tm_duration, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_duration.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_duration_months(r: *const tm_duration) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 0, At::Field, 0) }
}

/// Days, hours, minutes and seconds, in seconds.
///
/// @param r a tm_duration, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_duration.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_duration_seconds(r: *const tm_duration) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 1, At::Field, 0) }
}

// ---- tm_metadata ---------------------------------------------------------------------

/// Verified SAML metadata: what the document element says about itself, and who signed it.
/// The `metadata` record of the table (`VerifiedMetadata` in Python and JavaScript; see
/// docs/reference.md). An operation gives it to the caller, who releases it with
/// tm_metadata_free(); the ones inside another result are owned by that result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_metadata {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_metadata {
    const DESC: &'static RecordDesc = &records::METADATA;
}

/// `EntitiesDescriptor` or `EntityDescriptor`.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_root(r: *const tm_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `ID` of the document element.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_id(r: *const tm_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// `Name` of an aggregate.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_name(r: *const tm_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// `entityID` of a single `EntityDescriptor`.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_id(r: *const tm_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

/// `validUntil`.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_valid_until(r: *const tm_metadata) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 4, At::Field) }
}

/// `cacheDuration`.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return the tm_duration, owned by the result `r` belongs to and valid until that result
///      is freed; NULL when absent, or if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_cache_duration(r: *const tm_metadata) -> *const tm_duration {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 5, At::Field) }
}

/// The earlier of `validUntil` and the verification time plus `cacheDuration`.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_expires(r: *const tm_metadata) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 6, At::Field) }
}

/// `mdrpi:PublicationInfo/@publisher`.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_publisher(r: *const tm_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 7, At::Field) }
}

/// `mdrpi:PublicationInfo/@creationInstant`.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_creation_instant(r: *const tm_metadata) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 8, At::Field) }
}

/// `EntityDescriptor` elements at any depth.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entities(r: *const tm_metadata) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 9, At::Field, 0) }
}

/// The number of items of `groups`: The `Name` of each `EntitiesDescriptor` child of the
/// document element.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_groups_count(r: *const tm_metadata) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 10) }
}

/// One item of `groups`: The `Name` of each `EntitiesDescriptor` child of the document
/// element.
///
/// @param r a tm_metadata, borrowed for the call.
/// @param index 0 to tm_metadata_groups_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_groups(r: *const tm_metadata, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 10, At::Item(index)) }
}

/// The parts of an eToegang aggregate's `Name`.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return the tm_etoegang_name, owned by the result `r` belongs to and valid until that
///      result is freed; NULL when absent, or if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_etoegang(r: *const tm_metadata) -> *const tm_etoegang_name {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 11, At::Field) }
}

/// Whether the streaming path verified the document.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_streamed(r: *const tm_metadata) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 12, At::Field) }
}

/// Signatures on inner elements: counted, not checked.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return the value; 0 if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_nested_signatures(r: *const tm_metadata) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 13, At::Field, 0) }
}

/// SHA-256 (lowercase hex) of the signer's certificate; null for a pinned bare public key.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_signer_sha256(r: *const tm_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 14, At::Field) }
}

/// The signer certificate's subject DN; null for a pinned bare public key.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_signer_subject(r: *const tm_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 15, At::Field) }
}

/// The signing key's type and size, e.g. `RSA-2048`, `EC P-256`.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_signer_key(r: *const tm_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 16, At::Field) }
}

/// Whether the signer's certificate or key itself is in the trust store (not reached
/// through a CA).
///
/// @param r a tm_metadata, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_pinned(r: *const tm_metadata) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 17, At::Field) }
}

/// The SignatureMethod algorithm URI.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_signature_algorithm(r: *const tm_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 18, At::Field) }
}

/// The CanonicalizationMethod URI of SignedInfo.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_canonicalization(r: *const tm_metadata) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 19, At::Field) }
}

/// The number of items of `references`: The verified references, in document order.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_references_count(r: *const tm_metadata) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 20) }
}

/// One item of `references`: The verified references, in document order.
///
/// @param r a tm_metadata, borrowed for the call.
/// @param index 0 to tm_metadata_references_count(r) - 1.
/// @return the tm_reference, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_metadata. Out of range counts as
///      absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_references(r: *const tm_metadata, index: usize) -> *const tm_reference {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 20, At::Item(index)) }
}

/// The number of items of `legacy_algorithms`: Legacy algorithms the policy allowed and the
/// signature used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_metadata, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_legacy_algorithms_count(r: *const tm_metadata) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 21) }
}

/// One item of `legacy_algorithms`: Legacy algorithms the policy allowed and the signature
/// used (`rsa-sha1`, `sha1`, `sha1-certificate`).
///
/// @param r a tm_metadata, borrowed for the call.
/// @param index 0 to tm_metadata_legacy_algorithms_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_legacy_algorithms(r: *const tm_metadata, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 21, At::Item(index)) }
}

/// The number of items of `chain`: The certificate path, signer first, ending at the
/// trusted certificate; empty for a pinned bare key.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_chain_count(r: *const tm_metadata) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 22) }
}

/// One item of `chain`: The certificate path, signer first, ending at the trusted
/// certificate; empty for a pinned bare key.
///
/// @param r a tm_metadata, borrowed for the call.
/// @param index 0 to tm_metadata_chain_count(r) - 1.
/// @return the tm_certificate, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_metadata. Out of range counts
///      as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_chain(r: *const tm_metadata, index: usize) -> *const tm_certificate {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 22, At::Item(index)) }
}

/// The time the verification used.
///
/// @param r a tm_metadata, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_metadata.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_verified_at(r: *const tm_metadata) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 23, At::Field) }
}

/// Releases a tm_metadata the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_metadata the caller owns (one inside another
///      result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_free(r: *mut tm_metadata) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

// ---- tm_entity_ref -------------------------------------------------------------------

/// An entity of verified metadata and its group. The `entity_ref` record of the table
/// (`EntityRef` in Python and JavaScript; see docs/reference.md). It is owned by the result
/// it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_entity_ref {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_entity_ref {
    const DESC: &'static RecordDesc = &records::ENTITY_REF;
}

/// Its `entityID`.
///
/// @param r a tm_entity_ref, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_entity_ref.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_entity_ref_entity_id(r: *const tm_entity_ref) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `Name` of the enclosing `EntitiesDescriptor`.
///
/// @param r a tm_entity_ref, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_entity_ref.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_entity_ref_group(r: *const tm_entity_ref) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// A list of tm_entity_ref, owned by the caller, who releases it with
/// tm_entity_ref_list_free(); its items are owned by it.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_entity_ref_list {
    _opaque: [u8; 0],
}

impl tree::List for tm_entity_ref_list {
    type Item = tm_entity_ref;
}

/// The number of items of a list.
///
/// @param list a tm_entity_ref_list, borrowed for the call.
/// @return the count; 0 if `list` is NULL or not a live tm_entity_ref_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_entity_ref_list_count(list: *const tm_entity_ref_list) -> usize {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_count(list) }
}

/// One item of a list.
///
/// @param list a tm_entity_ref_list, borrowed for the call.
/// @param index 0 to tm_entity_ref_list_count(list) - 1.
/// @return the item, owned by `list` and valid until it is freed; NULL if `index` is out of
///      range or `list` is NULL or not a live tm_entity_ref_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_entity_ref_list_get(list: *const tm_entity_ref_list, index: usize) -> *const tm_entity_ref {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_get(list, index) }
}

/// Releases a list and its items.
///
/// @param list owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_entity_ref_list.
///
/// Thread safety: no other thread may use `list` or its items during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_entity_ref_list_free(list: *mut tm_entity_ref_list) {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_free(list) }
}

// ---- tm_metadata_endpoint ------------------------------------------------------------

/// A protocol endpoint of one role of an entity. The `metadata_endpoint` record of the
/// table (`MetadataEndpoint` in Python and JavaScript; see docs/reference.md). It is owned
/// by the result it was read from and valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_metadata_endpoint {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_metadata_endpoint {
    const DESC: &'static RecordDesc = &records::METADATA_ENDPOINT;
}

/// The role descriptor holding it, e.g. `IDPSSODescriptor`.
///
/// @param r a tm_metadata_endpoint, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_endpoint_role(r: *const tm_metadata_endpoint) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The endpoint element, e.g. `SingleSignOnService`.
///
/// @param r a tm_metadata_endpoint, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_endpoint_kind(r: *const tm_metadata_endpoint) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// `Binding`.
///
/// @param r a tm_metadata_endpoint, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_endpoint_binding(r: *const tm_metadata_endpoint) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// `Location`.
///
/// @param r a tm_metadata_endpoint, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_endpoint_location(r: *const tm_metadata_endpoint) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

/// `index`, for indexed endpoints.
///
/// @param r a tm_metadata_endpoint, borrowed for the call.
/// @return the value; TM_NO_INT when absent, or if `r` is NULL or not a live
///      tm_metadata_endpoint.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_endpoint_index(r: *const tm_metadata_endpoint) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::int(r, 4, At::Field, TM_NO_INT) }
}

// ---- tm_contact ----------------------------------------------------------------------

/// One `ContactPerson` of an entity. The `contact` record of the table (`Contact` in Python
/// and JavaScript; see docs/reference.md). It is owned by the result it was read from and
/// valid until that result is freed.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_contact {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_contact {
    const DESC: &'static RecordDesc = &records::CONTACT;
}

/// `contactType`: `technical`, `support`, `administrative`, `billing` or `other`.
///
/// @param r a tm_contact, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_contact.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_contact_contact_type(r: *const tm_contact) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// `Company`.
///
/// @param r a tm_contact, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_contact.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_contact_company(r: *const tm_contact) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Field) }
}

/// `GivenName`.
///
/// @param r a tm_contact, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_contact.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_contact_given_name(r: *const tm_contact) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// `SurName`.
///
/// @param r a tm_contact, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live tm_contact.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_contact_surname(r: *const tm_contact) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 3, At::Field) }
}

/// The number of items of `emails`: `EmailAddress`es.
///
/// @param r a tm_contact, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_contact.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_contact_emails_count(r: *const tm_contact) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 4) }
}

/// One item of `emails`: `EmailAddress`es.
///
/// @param r a tm_contact, borrowed for the call.
/// @param index 0 to tm_contact_emails_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_contact. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_contact_emails(r: *const tm_contact, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 4, At::Item(index)) }
}

/// The number of items of `telephones`: `TelephoneNumber`s.
///
/// @param r a tm_contact, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_contact.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_contact_telephones_count(r: *const tm_contact) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 5) }
}

/// One item of `telephones`: `TelephoneNumber`s.
///
/// @param r a tm_contact, borrowed for the call.
/// @param index 0 to tm_contact_telephones_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_contact. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_contact_telephones(r: *const tm_contact, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 5, At::Item(index)) }
}

// ---- tm_metadata_entity --------------------------------------------------------------

/// What one `EntityDescriptor` of verified metadata says. The `metadata_entity` record of
/// the table (`MetadataEntity` in Python and JavaScript; see docs/reference.md). An
/// operation gives it to the caller, who releases it with tm_metadata_entity_free(); the
/// ones inside another result are owned by that result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_metadata_entity {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_metadata_entity {
    const DESC: &'static RecordDesc = &records::METADATA_ENTITY;
}

/// `entityID`.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_entity_id(r: *const tm_metadata_entity) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// The number of items of `roles`: The local names of its role descriptors, in document
/// order.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_roles_count(r: *const tm_metadata_entity) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 1) }
}

/// One item of `roles`: The local names of its role descriptors, in document order.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @param index 0 to tm_metadata_entity_roles_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata_entity. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_roles(r: *const tm_metadata_entity, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 1, At::Item(index)) }
}

/// The number of items of `signing_certificates`: DER certificates of `KeyDescriptor`s for
/// signing (or without `use`).
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_signing_certificates_count(r: *const tm_metadata_entity) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 2) }
}

/// One item of `signing_certificates`: DER certificates of `KeyDescriptor`s for signing (or
/// without `use`).
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @param index 0 to tm_metadata_entity_signing_certificates_count(r) - 1.
/// @param len where to store the length; may be NULL.
/// @return the bytes (their length in `*len`), owned by the result `r` belongs to and valid
///      until that result is freed; NULL and `*len` 0 if `r` is NULL or not a live
///      tm_metadata_entity. Out of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_signing_certificates(r: *const tm_metadata_entity, index: usize, len: *mut usize) -> *const u8 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::bytes(r, 2, At::Item(index), len) }
}

/// The number of items of `encryption_certificates`: DER certificates of `KeyDescriptor`s
/// for encryption (or without `use`).
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_encryption_certificates_count(r: *const tm_metadata_entity) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 3) }
}

/// One item of `encryption_certificates`: DER certificates of `KeyDescriptor`s for
/// encryption (or without `use`).
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @param index 0 to tm_metadata_entity_encryption_certificates_count(r) - 1.
/// @param len where to store the length; may be NULL.
/// @return the bytes (their length in `*len`), owned by the result `r` belongs to and valid
///      until that result is freed; NULL and `*len` 0 if `r` is NULL or not a live
///      tm_metadata_entity. Out of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_encryption_certificates(r: *const tm_metadata_entity, index: usize, len: *mut usize) -> *const u8 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::bytes(r, 3, At::Item(index), len) }
}

/// The number of items of `endpoints`: Its protocol endpoints, in document order.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_endpoints_count(r: *const tm_metadata_entity) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 4) }
}

/// One item of `endpoints`: Its protocol endpoints, in document order.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @param index 0 to tm_metadata_entity_endpoints_count(r) - 1.
/// @return the tm_metadata_endpoint, owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata_entity. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_endpoints(r: *const tm_metadata_entity, index: usize) -> *const tm_metadata_endpoint {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 4, At::Item(index)) }
}

/// The number of items of `display_names`: `mdui:DisplayName`s.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_display_names_count(r: *const tm_metadata_entity) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 5) }
}

/// One item of `display_names`: `mdui:DisplayName`s.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @param index 0 to tm_metadata_entity_display_names_count(r) - 1.
/// @return the tm_lang_string, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_metadata_entity. Out of range
///      counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_display_names(r: *const tm_metadata_entity, index: usize) -> *const tm_lang_string {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 5, At::Item(index)) }
}

/// The number of items of `entity_categories`: Its entity categories.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_entity_categories_count(r: *const tm_metadata_entity) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 6) }
}

/// One item of `entity_categories`: Its entity categories.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @param index 0 to tm_metadata_entity_entity_categories_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata_entity. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_entity_categories(r: *const tm_metadata_entity, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 6, At::Item(index)) }
}

/// `OrganizationName`.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_organization_name(r: *const tm_metadata_entity) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 7, At::Field) }
}

/// The number of items of `contact_emails`: Every contact's `EmailAddress`.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_contact_emails_count(r: *const tm_metadata_entity) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 8) }
}

/// One item of `contact_emails`: Every contact's `EmailAddress`.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @param index 0 to tm_metadata_entity_contact_emails_count(r) - 1.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_metadata_entity. Out of
///      range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_contact_emails(r: *const tm_metadata_entity, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 8, At::Item(index)) }
}

/// The number of items of `contacts`: Its `ContactPerson`s, in document order.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_contacts_count(r: *const tm_metadata_entity) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 9) }
}

/// One item of `contacts`: Its `ContactPerson`s, in document order.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @param index 0 to tm_metadata_entity_contacts_count(r) - 1.
/// @return the tm_contact, owned by the result `r` belongs to and valid until that result
///      is freed; NULL if `r` is NULL or not a live tm_metadata_entity. Out of range counts
///      as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_contacts(r: *const tm_metadata_entity, index: usize) -> *const tm_contact {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 9, At::Item(index)) }
}

/// `mdrpi:RegistrationInfo/@registrationAuthority`.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_registration_authority(r: *const tm_metadata_entity) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 10, At::Field) }
}

/// `mdrpi:RegistrationInfo/@registrationInstant`, as written.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_registration_instant(r: *const tm_metadata_entity) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 11, At::Field) }
}

/// `Name` of the enclosing `EntitiesDescriptor`.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL when absent, or if `r` is NULL or not a live
///      tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_group(r: *const tm_metadata_entity) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 12, At::Field) }
}

/// The role of its eToegang role group; null outside those groups.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return one of "AD", "MR", "KR", "EB", "HM", "DV", a NUL-terminated string owned by the
///      result `r` belongs to and valid until that result is freed; NULL when absent, or if
///      `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_etoegang_role(r: *const tm_metadata_entity) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 13, At::Field) }
}

/// Whether users may choose it as authentication service (`AD` entities only).
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_offered_for_ad_selection(r: *const tm_metadata_entity) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 14, At::Field) }
}

/// The number of items of `validated_as`: The roles it may be treated as when a message is
/// validated: its group's, and for the eIDAS-berichtenservice (`EB`) also `AD` and `MR`.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @return the count; 0 if `r` is NULL or not a live tm_metadata_entity.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_validated_as_count(r: *const tm_metadata_entity) -> usize {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::count(r, 15) }
}

/// One item of `validated_as`: The roles it may be treated as when a message is validated:
/// its group's, and for the eIDAS-berichtenservice (`EB`) also `AD` and `MR`.
///
/// @param r a tm_metadata_entity, borrowed for the call.
/// @param index 0 to tm_metadata_entity_validated_as_count(r) - 1.
/// @return one of "AD", "MR", "KR", "EB", "HM", "DV", a NUL-terminated string owned by the
///      result `r` belongs to and valid until that result is freed; NULL if `r` is NULL or
///      not a live tm_metadata_entity. Out of range counts as absent.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_validated_as(r: *const tm_metadata_entity, index: usize) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 15, At::Item(index)) }
}

/// Releases a tm_metadata_entity the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_metadata_entity the caller owns (one inside
///      another result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_free(r: *mut tm_metadata_entity) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

/// A list of tm_metadata_entity, owned by the caller, who releases it with
/// tm_metadata_entity_list_free(); its items are owned by it.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_metadata_entity_list {
    _opaque: [u8; 0],
}

impl tree::List for tm_metadata_entity_list {
    type Item = tm_metadata_entity;
}

/// The number of items of a list.
///
/// @param list a tm_metadata_entity_list, borrowed for the call.
/// @return the count; 0 if `list` is NULL or not a live tm_metadata_entity_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_list_count(list: *const tm_metadata_entity_list) -> usize {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_count(list) }
}

/// One item of a list.
///
/// @param list a tm_metadata_entity_list, borrowed for the call.
/// @param index 0 to tm_metadata_entity_list_count(list) - 1.
/// @return the item, owned by `list` and valid until it is freed; NULL if `index` is out of
///      range or `list` is NULL or not a live tm_metadata_entity_list.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_list_get(list: *const tm_metadata_entity_list, index: usize) -> *const tm_metadata_entity {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_get(list, index) }
}

/// Releases a list and its items.
///
/// @param list owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_metadata_entity_list.
///
/// Thread safety: no other thread may use `list` or its items during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_entity_list_free(list: *mut tm_metadata_entity_list) {
    // SAFETY: the C contract of this function is the generic list's.
    unsafe { tree::list_free(list) }
}

// ---- tm_ocsp -------------------------------------------------------------------------

/// A verified OCSP response about one certificate. The `ocsp` record of the table
/// (`VerifiedOcspResponse` in Python and JavaScript; see docs/reference.md). An operation
/// gives it to the caller, who releases it with tm_ocsp_free(); the ones inside another
/// result are owned by that result.
///
/// Thread safety: immutable; read it from any thread.
pub struct tm_ocsp {
    _opaque: [u8; 0],
}

impl accessor::Record for tm_ocsp {
    const DESC: &'static RecordDesc = &records::OCSP;
}

/// What the responder says about the certificate.
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return one of "good", "revoked", "unknown", a NUL-terminated string owned by the result
///      `r` belongs to and valid until that result is freed; NULL if `r` is NULL or not a
///      live tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_status(r: *const tm_ocsp) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 0, At::Field) }
}

/// When it was revoked.
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_revocation_time(r: *const tm_ocsp) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 1, At::Field) }
}

/// Why it was revoked (the RFC 5280 name), when the responder says.
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return one of "unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
///      "superseded", "cessationOfOperation", "certificateHold", "removeFromCRL",
///      "privilegeWithdrawn", "aACompromise", a NUL-terminated string owned by the result
///      `r` belongs to and valid until that result is freed; NULL when absent, or if `r` is
///      NULL or not a live tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_revocation_reason(r: *const tm_ocsp) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 2, At::Field) }
}

/// The certificate that signed the response.
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return the tm_certificate, owned by the result `r` belongs to and valid until that
///      result is freed; NULL if `r` is NULL or not a live tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_responder(r: *const tm_ocsp) -> *const tm_certificate {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::record(r, 3, At::Field) }
}

/// Whether a delegated responder signed, not the CA itself.
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return the value; false if `r` is NULL or not a live tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_delegated(r: *const tm_ocsp) -> bool {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::boolean(r, 4, At::Field) }
}

/// The response's signature algorithm, by short name (`rsa-sha256`).
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_signature_algorithm(r: *const tm_ocsp) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 5, At::Field) }
}

/// The digest algorithm of the `CertID`, by short name (`sha1`, `sha256`).
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return a NUL-terminated UTF-8 string owned by the result `r` belongs to and valid until
///      that result is freed; NULL if `r` is NULL or not a live tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_cert_id_hash(r: *const tm_ocsp) -> *const c_char {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::text(r, 6, At::Field) }
}

/// `thisUpdate`.
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_this_update(r: *const tm_ocsp) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 7, At::Field) }
}

/// `nextUpdate`.
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE when absent, or if `r` is NULL or
///      not a live tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_next_update(r: *const tm_ocsp) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 8, At::Field) }
}

/// `producedAt`.
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_produced_at(r: *const tm_ocsp) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 9, At::Field) }
}

/// The time the verification used.
///
/// @param r a tm_ocsp, borrowed for the call.
/// @return seconds since 1970-01-01T00:00:00Z; TM_NO_DATE if `r` is NULL or not a live
///      tm_ocsp.
///
/// Thread safety: any thread.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_verified_at(r: *const tm_ocsp) -> i64 {
    // SAFETY: the C contract of this function is the generic accessor's.
    unsafe { accessor::time(r, 10, At::Field) }
}

/// Releases a tm_ocsp the caller owns, and everything read from it.
///
/// @param r owned by the caller and released by this call; NULL is allowed and ignored, and
///      so is a pointer that is not a live tm_ocsp the caller owns (one inside another
///      result, say).
///
/// Thread safety: no other thread may use `r` or anything read from it during or after the
/// call.
#[no_mangle]
pub unsafe extern "C" fn tm_ocsp_free(r: *mut tm_ocsp) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { tree::free_root(r) }
}

// ---- tm_verify() ---------------------------------------------------------------------

/// ==== Operations ========================================================================
///
/// Every operation of the table is tm_<operation>(positional inputs, options, out, err).
/// Its named arguments travel in a tm_<operation>_options handle (the way of zstd's
/// ZSTD_CCtx_setParameter()), so a new one never changes a signature: each setter checks
/// its value with the same rule and message as every other front door.
///
/// The named arguments of tm_verify(), with their defaults: now (the system clock when the
/// call runs), allow_sha1 (false), allow_stale_crl (false), min_rsa_bits (2048). Made by
/// tm_verify_options_new(), set with tm_verify_options_set_<name>(), released by
/// tm_verify_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_options {
    const OP: &'static OpDesc = &ops::VERIFY;
}

/// Creates the named arguments of tm_verify(), each at its default.
///
/// @return a new tm_verify_options, owned by the caller (release it with
///      tm_verify_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_options_new() -> *mut tm_verify_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_options_free(opts: *mut tm_verify_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `now` of tm_verify(): The verification time; the system clock when absent. Default:
/// the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_options_set_now(opts: *mut tm_verify_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify(): Accept SHA-1 signatures and digests (legacy
/// documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_options_set_allow_sha1(opts: *mut tm_verify_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify(): Accept a certificate path whose CRL is past its
/// nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_options_set_allow_stale_crl(opts: *mut tm_verify_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify(): The smallest RSA key accepted, in bits. Default:
/// 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify() argument 'min_rsa_bits' must be …"). On failure the options are
///      unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_options_set_min_rsa_bits(opts: *mut tm_verify_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Int(value), err) }
}

/// Verifies the one XML signature in `xml` against the anchors in `store`: every Reference
/// same-document with a matching digest, the SignatureValue verified under a key the store
/// trusts, directly or through a certificate path valid at `now`.
///
/// @param xml, xml_len The signed document. Borrowed for the call.
/// @param store The trusted certificates and keys. Borrowed for the call.
/// @param opts the named arguments (tm_verify_options_new()), borrowed for the call; NULL
///      for every default. Required: none.
/// @param out where to store the result, a tm_document the caller owns and releases with
///      tm_document_free(); set to NULL first, and left NULL on failure: nothing is
///      returned in part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify() argument '…' is required"); otherwise the status of the
///      core's error code (this operation raises xml.*, dsig.*, crypto.*, pki.* besides the
///      generic verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify(
    xml: *const u8, xml_len: usize,
    store: *const tm_trust_store,
    opts: *const tm_verify_options,
    out: *mut *mut tm_document,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::Store(store)], Out::record(out), err) }
}

// ---- tm_verify_smp() -----------------------------------------------------------------

/// The named arguments of tm_verify_smp(), with their defaults: participant (required),
/// document (required), process (absent), transport_profile (absent), now (the system clock
/// when the call runs), allow_sha1 (false), allow_stale_crl (false), min_rsa_bits (2048),
/// ap_store (absent). Made by tm_verify_smp_options_new(), set with
/// tm_verify_smp_options_set_<name>(), released by tm_verify_smp_options_free(); NULL in
/// their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_smp_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_smp_options {
    const OP: &'static OpDesc = &ops::VERIFY_SMP;
}

/// Creates the named arguments of tm_verify_smp(), each at its default.
///
/// @return a new tm_verify_smp_options, owned by the caller (release it with
///      tm_verify_smp_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_smp_options_new() -> *mut tm_verify_smp_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_smp_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_options_free(opts: *mut tm_verify_smp_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `participant` of tm_verify_smp(): The participant looked up, `scheme::value`.
/// Default: required.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_options_set_participant(opts: *mut tm_verify_smp_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Text(value), err) }
}

/// Sets `document` of tm_verify_smp(): The document type looked up, `scheme::value`.
/// Default: required.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_options_set_document(opts: *mut tm_verify_smp_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Text(value), err) }
}

/// Sets `process` of tm_verify_smp(): The process the record must list, `scheme::value`;
/// any when absent. Default: absent.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_options_set_process(opts: *mut tm_verify_smp_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Text(value), err) }
}

/// Sets `transport_profile` of tm_verify_smp(): Only endpoints of this transport profile
/// are returned; all when absent. Default: absent.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_options_set_transport_profile(opts: *mut tm_verify_smp_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Text(value), err) }
}

/// Sets `now` of tm_verify_smp(): The verification time; the system clock when absent.
/// Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_options_set_now(opts: *mut tm_verify_smp_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 6, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_smp(): Accept SHA-1 signatures and digests (legacy
/// documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_options_set_allow_sha1(opts: *mut tm_verify_smp_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 7, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify_smp(): Accept a certificate path whose CRL is past
/// its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_options_set_allow_stale_crl(opts: *mut tm_verify_smp_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 8, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify_smp(): The smallest RSA key accepted, in bits. Default:
/// 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_smp() argument 'min_rsa_bits' must be …"). On failure the options are
///      unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_options_set_min_rsa_bits(opts: *mut tm_verify_smp_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 9, Given::Int(value), err) }
}

/// Sets `ap_store` of tm_verify_smp(): Access-point anchors to check each endpoint's
/// certificate against. Default: absent.
///
/// @param opts options, changed by the call.
/// @param value a trust store, copied: changing or freeing it afterwards does not change
///      the options.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_options_set_ap_store(opts: *mut tm_verify_smp_options, value: *const tm_trust_store, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 10, Given::Store(value), err) }
}

/// Verifies a signed SMP ServiceMetadata record and checks that it answers the question
/// (participant, document, optional process and transport profile). With `ap_store`, each
/// active endpoint's certificate is checked against the access-point anchors as well, and
/// reported, not raised.
///
/// @param xml, xml_len The ServiceMetadata record. Borrowed for the call.
/// @param store The SMP signers' anchors. Borrowed for the call.
/// @param opts the named arguments (tm_verify_smp_options_new()), borrowed for the call;
///      NULL for every default. Required: participant, document.
/// @param out where to store the result, a tm_service_metadata the caller owns and releases
///      with tm_service_metadata_free(); set to NULL first, and left NULL on failure:
///      nothing is returned in part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_smp() argument '…' is required"); otherwise the status of
///      the core's error code (this operation raises smp.* besides the generic verification
///      codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp(
    xml: *const u8, xml_len: usize,
    store: *const tm_trust_store,
    opts: *const tm_verify_smp_options,
    out: *mut *mut tm_service_metadata,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::Store(store)], Out::record(out), err) }
}

// ---- tm_verify_smp_redirect() --------------------------------------------------------

/// The named arguments of tm_verify_smp_redirect(), with their defaults: participant
/// (required), document (required), process (absent), transport_profile (absent), now (the
/// system clock when the call runs), allow_sha1 (false), allow_stale_crl (false),
/// min_rsa_bits (2048). Made by tm_verify_smp_redirect_options_new(), set with
/// tm_verify_smp_redirect_options_set_<name>(), released by
/// tm_verify_smp_redirect_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_smp_redirect_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_smp_redirect_options {
    const OP: &'static OpDesc = &ops::VERIFY_SMP_REDIRECT;
}

/// Creates the named arguments of tm_verify_smp_redirect(), each at its default.
///
/// @return a new tm_verify_smp_redirect_options, owned by the caller (release it with
///      tm_verify_smp_redirect_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_smp_redirect_options_new() -> *mut tm_verify_smp_redirect_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_smp_redirect_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_redirect_options_free(opts: *mut tm_verify_smp_redirect_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `participant` of tm_verify_smp_redirect(): The participant looked up,
/// `scheme::value`. Default: required.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_redirect_options_set_participant(opts: *mut tm_verify_smp_redirect_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Text(value), err) }
}

/// Sets `document` of tm_verify_smp_redirect(): The document type looked up,
/// `scheme::value`. Default: required.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_redirect_options_set_document(opts: *mut tm_verify_smp_redirect_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Text(value), err) }
}

/// Sets `process` of tm_verify_smp_redirect(): The process the record must list,
/// `scheme::value`; any when absent. Default: absent.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_redirect_options_set_process(opts: *mut tm_verify_smp_redirect_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Text(value), err) }
}

/// Sets `transport_profile` of tm_verify_smp_redirect(): Only endpoints of this transport
/// profile are returned; all when absent. Default: absent.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_redirect_options_set_transport_profile(opts: *mut tm_verify_smp_redirect_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 6, Given::Text(value), err) }
}

/// Sets `now` of tm_verify_smp_redirect(): The verification time; the system clock when
/// absent. Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_redirect_options_set_now(opts: *mut tm_verify_smp_redirect_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 7, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_smp_redirect(): Accept SHA-1 signatures and digests
/// (legacy documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_redirect_options_set_allow_sha1(opts: *mut tm_verify_smp_redirect_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 8, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify_smp_redirect(): Accept a certificate path whose CRL
/// is past its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_redirect_options_set_allow_stale_crl(opts: *mut tm_verify_smp_redirect_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 9, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify_smp_redirect(): The smallest RSA key accepted, in bits.
/// Default: 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_smp_redirect() argument 'min_rsa_bits' must be …"). On failure the
///      options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_redirect_options_set_min_rsa_bits(opts: *mut tm_verify_smp_redirect_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 10, Given::Int(value), err) }
}

/// Verifies the redirecting record `first` (it must give a redirect) and the record
/// `target` fetched from its href, for the same question, and checks that the target's
/// signer is the one the redirect names. Returns the target's result.
///
/// @param first, first_len The record that redirects. Borrowed for the call.
/// @param target, target_len The record fetched from the redirect's href. Borrowed for the
///      call.
/// @param store The SMP signers' anchors. Borrowed for the call.
/// @param opts the named arguments (tm_verify_smp_redirect_options_new()), borrowed for the
///      call; NULL for every default. Required: participant, document.
/// @param out where to store the result, a tm_service_metadata the caller owns and releases
///      with tm_service_metadata_free(); set to NULL first, and left NULL on failure:
///      nothing is returned in part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_smp_redirect() argument '…' is required"); otherwise the
///      status of the core's error code (this operation raises
///      smp.redirect_signer_mismatch, smp.double_redirect, smp.* besides the generic
///      verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_redirect(
    first: *const u8, first_len: usize,
    target: *const u8, target_len: usize,
    store: *const tm_trust_store,
    opts: *const tm_verify_smp_redirect_options,
    out: *mut *mut tm_service_metadata,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(first, first_len), Raw::Bytes(target, target_len), Raw::Store(store)], Out::record(out), err) }
}

// ---- tm_verify_service_group() -------------------------------------------------------

/// The named arguments of tm_verify_service_group(), with their defaults: participant
/// (required), allow_unsigned (false), now (the system clock when the call runs),
/// allow_sha1 (false), allow_stale_crl (false), min_rsa_bits (2048). Made by
/// tm_verify_service_group_options_new(), set with
/// tm_verify_service_group_options_set_<name>(), released by
/// tm_verify_service_group_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_service_group_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_service_group_options {
    const OP: &'static OpDesc = &ops::VERIFY_SERVICE_GROUP;
}

/// Creates the named arguments of tm_verify_service_group(), each at its default.
///
/// @return a new tm_verify_service_group_options, owned by the caller (release it with
///      tm_verify_service_group_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_service_group_options_new() -> *mut tm_verify_service_group_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_service_group_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_service_group_options_free(opts: *mut tm_verify_service_group_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `participant` of tm_verify_service_group(): The participant looked up,
/// `scheme::value`. Default: required.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_service_group_options_set_participant(opts: *mut tm_verify_service_group_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Text(value), err) }
}

/// Sets `allow_unsigned` of tm_verify_service_group(): Accept an unsigned group: it then
/// proves nothing about who published it. Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_service_group_options_set_allow_unsigned(opts: *mut tm_verify_service_group_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Bool(value), err) }
}

/// Sets `now` of tm_verify_service_group(): The verification time; the system clock when
/// absent. Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_service_group_options_set_now(opts: *mut tm_verify_service_group_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_service_group(): Accept SHA-1 signatures and digests
/// (legacy documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_service_group_options_set_allow_sha1(opts: *mut tm_verify_service_group_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify_service_group(): Accept a certificate path whose CRL
/// is past its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_service_group_options_set_allow_stale_crl(opts: *mut tm_verify_service_group_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 6, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify_service_group(): The smallest RSA key accepted, in
/// bits. Default: 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_service_group() argument 'min_rsa_bits' must be …"). On failure the
///      options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_service_group_options_set_min_rsa_bits(opts: *mut tm_verify_service_group_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 7, Given::Int(value), err) }
}

/// Verifies an SMP ServiceGroup for `participant`. An unsigned group is refused
/// (`dsig.missing_signature`) unless `allow_unsigned`; another participant's group is
/// `smp.participant_mismatch`.
///
/// @param xml, xml_len The ServiceGroup. Borrowed for the call.
/// @param store The SMP signers' anchors. Borrowed for the call.
/// @param opts the named arguments (tm_verify_service_group_options_new()), borrowed for
///      the call; NULL for every default. Required: participant.
/// @param out where to store the result, a tm_service_group the caller owns and releases
///      with tm_service_group_free(); set to NULL first, and left NULL on failure: nothing
///      is returned in part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_service_group() argument '…' is required"); otherwise the
///      status of the core's error code (this operation raises dsig.missing_signature,
///      smp.* besides the generic verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_service_group(
    xml: *const u8, xml_len: usize,
    store: *const tm_trust_store,
    opts: *const tm_verify_service_group_options,
    out: *mut *mut tm_service_group,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::Store(store)], Out::record(out), err) }
}

// ---- tm_verify_smp_extension_signatures() --------------------------------------------

/// The named arguments of tm_verify_smp_extension_signatures(), with their defaults: now
/// (the system clock when the call runs), allow_sha1 (false), allow_stale_crl (false),
/// min_rsa_bits (2048). Made by tm_verify_smp_extension_signatures_options_new(), set with
/// tm_verify_smp_extension_signatures_options_set_<name>(), released by
/// tm_verify_smp_extension_signatures_options_free(); NULL in their place means every
/// default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_smp_extension_signatures_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_smp_extension_signatures_options {
    const OP: &'static OpDesc = &ops::VERIFY_SMP_EXTENSION_SIGNATURES;
}

/// Creates the named arguments of tm_verify_smp_extension_signatures(), each at its
/// default.
///
/// @return a new tm_verify_smp_extension_signatures_options, owned by the caller (release
///      it with tm_verify_smp_extension_signatures_options_free()); NULL only if memory ran
///      out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_smp_extension_signatures_options_new() -> *mut tm_verify_smp_extension_signatures_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_smp_extension_signatures_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_extension_signatures_options_free(opts: *mut tm_verify_smp_extension_signatures_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `now` of tm_verify_smp_extension_signatures(): The verification time; the system
/// clock when absent. Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_extension_signatures_options_set_now(opts: *mut tm_verify_smp_extension_signatures_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_smp_extension_signatures(): Accept SHA-1 signatures and
/// digests (legacy documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_extension_signatures_options_set_allow_sha1(opts: *mut tm_verify_smp_extension_signatures_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify_smp_extension_signatures(): Accept a certificate
/// path whose CRL is past its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_extension_signatures_options_set_allow_stale_crl(opts: *mut tm_verify_smp_extension_signatures_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify_smp_extension_signatures(): The smallest RSA key
/// accepted, in bits. Default: 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_smp_extension_signatures() argument 'min_rsa_bits' must be …"). On
///      failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_extension_signatures_options_set_min_rsa_bits(opts: *mut tm_verify_smp_extension_signatures_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Int(value), err) }
}

/// Verifies every signature inside an `Extension` of an SMP record (the eHealth owner
/// signature) against the owners' anchors in `store`, over the `ServiceMetadata` document
/// the owner signed before the SMP wrapped it in `SignedServiceMetadata`
/// (docs/xml-profile.md).
///
/// @param xml, xml_len The ServiceMetadata record. Borrowed for the call.
/// @param store The owners' anchors. Borrowed for the call.
/// @param opts the named arguments (tm_verify_smp_extension_signatures_options_new()),
///      borrowed for the call; NULL for every default. Required: none.
/// @param out where to store the result, a tm_extension_signature_list the caller owns and
///      releases with tm_extension_signature_list_free(); set to NULL first, and left NULL
///      on failure.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_smp_extension_signatures() argument '…' is required");
///      otherwise the status of the core's error code (this operation raises
///      dsig.missing_signature, smp.signature_profile besides the generic verification
///      codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_smp_extension_signatures(
    xml: *const u8, xml_len: usize,
    store: *const tm_trust_store,
    opts: *const tm_verify_smp_extension_signatures_options,
    out: *mut *mut tm_extension_signature_list,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::Store(store)], Out::list(out), err) }
}

// ---- tm_smp_name() -------------------------------------------------------------------

/// The named arguments of tm_smp_name(), with their defaults: cname (false). Made by
/// tm_smp_name_options_new(), set with tm_smp_name_options_set_<name>(), released by
/// tm_smp_name_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_smp_name_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_smp_name_options {
    const OP: &'static OpDesc = &ops::SMP_NAME;
}

/// Creates the named arguments of tm_smp_name(), each at its default.
///
/// @return a new tm_smp_name_options, owned by the caller (release it with
///      tm_smp_name_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_smp_name_options_new() -> *mut tm_smp_name_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_smp_name_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_name_options_free(opts: *mut tm_smp_name_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `cname` of tm_smp_name(): The PEPPOL SML CNAME instead of the BDXL name. Default:
/// false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_name_options_set_cname(opts: *mut tm_smp_name_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Bool(value), err) }
}

/// The BDXL (NAPTR) name of `participant` in `zone`, or with `cname` the PEPPOL SML CNAME.
///
/// @param participant The participant, `scheme::value`. A NUL-terminated UTF-8 string,
///      borrowed for the call.
/// @param zone The SML or BDXL zone. A NUL-terminated UTF-8 string, borrowed for the call.
/// @param opts the named arguments (tm_smp_name_options_new()), borrowed for the call; NULL
///      for every default. Required: none.
/// @param out where to store the NUL-terminated text, which the caller owns and releases
///      with tm_string_free(); set to NULL first, and left NULL on failure.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "smp_name() argument '…' is required"); otherwise the status of the
///      core's error code (this operation raises smp.bad_identifier besides the generic
///      verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_smp_name(
    participant: *const c_char,
    zone: *const c_char,
    opts: *const tm_smp_name_options,
    out: *mut *mut c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Text(participant), Raw::Text(zone)], Out::Text(out), err) }
}

// ---- tm_verify_elmo() ----------------------------------------------------------------

/// The named arguments of tm_verify_elmo(), with their defaults: ncp (required), now (the
/// system clock when the call runs), allow_sha1 (false), allow_stale_crl (false),
/// min_rsa_bits (2048). Made by tm_verify_elmo_options_new(), set with
/// tm_verify_elmo_options_set_<name>(), released by tm_verify_elmo_options_free(); NULL in
/// their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_elmo_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_elmo_options {
    const OP: &'static OpDesc = &ops::VERIFY_ELMO;
}

/// Creates the named arguments of tm_verify_elmo(), each at its default.
///
/// @return a new tm_verify_elmo_options, owned by the caller (release it with
///      tm_verify_elmo_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_elmo_options_new() -> *mut tm_verify_elmo_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_elmo_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_elmo_options_free(opts: *mut tm_verify_elmo_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `ncp` of tm_verify_elmo(): The acronym of the NCP the learner was sent to. Default:
/// required.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_elmo_options_set_ncp(opts: *mut tm_verify_elmo_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Text(value), err) }
}

/// Sets `now` of tm_verify_elmo(): The verification time; the system clock when absent.
/// Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_elmo_options_set_now(opts: *mut tm_verify_elmo_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_elmo(): Accept SHA-1 signatures and digests (legacy
/// documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_elmo_options_set_allow_sha1(opts: *mut tm_verify_elmo_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify_elmo(): Accept a certificate path whose CRL is past
/// its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_elmo_options_set_allow_stale_crl(opts: *mut tm_verify_elmo_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify_elmo(): The smallest RSA key accepted, in bits.
/// Default: 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_elmo() argument 'min_rsa_bits' must be …"). On failure the options are
///      unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_elmo_options_set_min_rsa_bits(opts: *mut tm_verify_elmo_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 6, Given::Int(value), err) }
}

/// Verifies an ELMO file against the certificate the EMREG list gives for NCP `ncp`, under
/// the EMREX profile: one signature, a child of the root `elmo`, one `Reference URI=""`,
/// only the enveloped transform.
///
/// @param xml, xml_len The ELMO file (for the `elmo` form field, first
///      `decode_elmo_field`). Borrowed for the call.
/// @param emreg The EMREG list. Borrowed for the call.
/// @param opts the named arguments (tm_verify_elmo_options_new()), borrowed for the call;
///      NULL for every default. Required: ncp.
/// @param out where to store the result, a tm_elmo the caller owns and releases with
///      tm_elmo_free(); set to NULL first, and left NULL on failure: nothing is returned in
///      part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_elmo() argument '…' is required"); otherwise the status of
///      the core's error code (this operation raises emrex.* besides the generic
///      verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_elmo(
    xml: *const u8, xml_len: usize,
    emreg: *const tm_emreg,
    opts: *const tm_verify_elmo_options,
    out: *mut *mut tm_elmo,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::Emreg(emreg)], Out::record(out), err) }
}

// ---- tm_decode_elmo_field() ----------------------------------------------------------

/// The named arguments of tm_decode_elmo_field(), with their defaults: max_elmo_bytes
/// (16777216). Made by tm_decode_elmo_field_options_new(), set with
/// tm_decode_elmo_field_options_set_<name>(), released by
/// tm_decode_elmo_field_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_decode_elmo_field_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_decode_elmo_field_options {
    const OP: &'static OpDesc = &ops::DECODE_ELMO_FIELD;
}

/// Creates the named arguments of tm_decode_elmo_field(), each at its default.
///
/// @return a new tm_decode_elmo_field_options, owned by the caller (release it with
///      tm_decode_elmo_field_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_decode_elmo_field_options_new() -> *mut tm_decode_elmo_field_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_decode_elmo_field_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_decode_elmo_field_options_free(opts: *mut tm_decode_elmo_field_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `max_elmo_bytes` of tm_decode_elmo_field(): The largest decoded ELMO accepted, in
/// bytes. Default: 16777216.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("decode_elmo_field() argument 'max_elmo_bytes' must be …"). On failure the
///      options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_decode_elmo_field_options_set_max_elmo_bytes(opts: *mut tm_decode_elmo_field_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 1, Given::Int(value), err) }
}

/// Decodes the `elmo` form field (base64, then gunzip when gzip) into the ELMO XML, capping
/// the decoded size while inflating.
///
/// @param field, field_len The form field's value. Borrowed for the call.
/// @param opts the named arguments (tm_decode_elmo_field_options_new()), borrowed for the
///      call; NULL for every default. Required: none.
/// @param out, out_len where to store the bytes (followed by a NUL byte not counted in
///      `*out_len`), which the caller owns and releases with tm_bytes_free(), and their
///      length; `out_len` may be NULL. `*out` is set to NULL first, and left NULL on
///      failure.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "decode_elmo_field() argument '…' is required"); otherwise the
///      status of the core's error code (this operation raises emrex.bad_base64,
///      emrex.gzip_malformed, emrex.decompressed_too_large besides the generic verification
///      codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_decode_elmo_field(
    field: *const u8, field_len: usize,
    opts: *const tm_decode_elmo_field_options,
    out: *mut *mut u8, out_len: *mut usize,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(field, field_len)], Out::Bytes(out, out_len), err) }
}

// ---- tm_parse_return_code() ----------------------------------------------------------

/// The named arguments of tm_parse_return_code(), with their defaults: none yet. Made by
/// tm_parse_return_code_options_new(), set with tm_parse_return_code_options_set_<name>(),
/// released by tm_parse_return_code_options_free(); NULL in their place means every
/// default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_parse_return_code_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_parse_return_code_options {
    const OP: &'static OpDesc = &ops::PARSE_RETURN_CODE;
}

/// Creates the named arguments of tm_parse_return_code(), each at its default.
///
/// @return a new tm_parse_return_code_options, owned by the caller (release it with
///      tm_parse_return_code_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_parse_return_code_options_new() -> *mut tm_parse_return_code_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_parse_return_code_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_parse_return_code_options_free(opts: *mut tm_parse_return_code_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// `OK`, `NO_RESULTS`, `CANCEL` or `ERROR` for an `NCP_*`/`EMP_*` `returnCode`.
///
/// @param value The `returnCode` form field. A NUL-terminated UTF-8 string, borrowed for
///      the call.
/// @param opts the named arguments (tm_parse_return_code_options_new()), borrowed for the
///      call; NULL for every default. Required: none.
/// @param out where to store the NUL-terminated text, which the caller owns and releases
///      with tm_string_free(); set to NULL first, and left NULL on failure.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "parse_return_code() argument '…' is required"); otherwise the
///      status of the core's error code (this operation raises emrex.bad_return_code
///      besides the generic verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_parse_return_code(
    value: *const c_char,
    opts: *const tm_parse_return_code_options,
    out: *mut *mut c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Text(value)], Out::Text(out), err) }
}

// ---- tm_verify_tsl() -----------------------------------------------------------------

/// The named arguments of tm_verify_tsl(), with their defaults: now (the system clock when
/// the call runs), allow_sha1 (false), allow_stale_crl (false), min_rsa_bits (2048). Made
/// by tm_verify_tsl_options_new(), set with tm_verify_tsl_options_set_<name>(), released by
/// tm_verify_tsl_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_tsl_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_tsl_options {
    const OP: &'static OpDesc = &ops::VERIFY_TSL;
}

/// Creates the named arguments of tm_verify_tsl(), each at its default.
///
/// @return a new tm_verify_tsl_options, owned by the caller (release it with
///      tm_verify_tsl_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_tsl_options_new() -> *mut tm_verify_tsl_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_tsl_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_tsl_options_free(opts: *mut tm_verify_tsl_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `now` of tm_verify_tsl(): The verification time; the system clock when absent.
/// Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_tsl_options_set_now(opts: *mut tm_verify_tsl_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_tsl(): Accept SHA-1 signatures and digests (legacy
/// documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_tsl_options_set_allow_sha1(opts: *mut tm_verify_tsl_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify_tsl(): Accept a certificate path whose CRL is past
/// its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_tsl_options_set_allow_stale_crl(opts: *mut tm_verify_tsl_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify_tsl(): The smallest RSA key accepted, in bits. Default:
/// 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_tsl() argument 'min_rsa_bits' must be …"). On failure the options are
///      unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_tsl_options_set_min_rsa_bits(opts: *mut tm_verify_tsl_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Int(value), err) }
}

/// Verifies a signed ETSI trusted list against `store` under the trusted-list XAdES
/// profile.
///
/// @param xml, xml_len The trusted list. Borrowed for the call.
/// @param store The certificates allowed to sign it. Borrowed for the call.
/// @param opts the named arguments (tm_verify_tsl_options_new()), borrowed for the call;
///      NULL for every default. Required: none.
/// @param out where to store the result, a tm_tsl the caller owns and releases with
///      tm_tsl_free(); set to NULL first, and left NULL on failure: nothing is returned in
///      part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_tsl() argument '…' is required"); otherwise the status of
///      the core's error code (this operation raises tsl.* besides the generic verification
///      codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_tsl(
    xml: *const u8, xml_len: usize,
    store: *const tm_trust_store,
    opts: *const tm_verify_tsl_options,
    out: *mut *mut tm_tsl,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::Store(store)], Out::record(out), err) }
}

// ---- tm_verify_metadata() ------------------------------------------------------------

/// The named arguments of tm_verify_metadata(), with their defaults: now (the system clock
/// when the call runs), allow_sha1 (false), allow_stale_crl (false), min_rsa_bits (2048),
/// profile ("generic"). Made by tm_verify_metadata_options_new(), set with
/// tm_verify_metadata_options_set_<name>(), released by tm_verify_metadata_options_free();
/// NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_metadata_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_metadata_options {
    const OP: &'static OpDesc = &ops::VERIFY_METADATA;
}

/// Creates the named arguments of tm_verify_metadata(), each at its default.
///
/// @return a new tm_verify_metadata_options, owned by the caller (release it with
///      tm_verify_metadata_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_metadata_options_new() -> *mut tm_verify_metadata_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_metadata_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_metadata_options_free(opts: *mut tm_verify_metadata_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `now` of tm_verify_metadata(): The verification time; the system clock when absent.
/// Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_metadata_options_set_now(opts: *mut tm_verify_metadata_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_metadata(): Accept SHA-1 signatures and digests (legacy
/// documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_metadata_options_set_allow_sha1(opts: *mut tm_verify_metadata_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify_metadata(): Accept a certificate path whose CRL is
/// past its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_metadata_options_set_allow_stale_crl(opts: *mut tm_verify_metadata_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify_metadata(): The smallest RSA key accepted, in bits.
/// Default: 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_metadata() argument 'min_rsa_bits' must be …"). On failure the options
///      are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_metadata_options_set_min_rsa_bits(opts: *mut tm_verify_metadata_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Int(value), err) }
}

/// Sets `profile` of tm_verify_metadata(): The profile: `etoegang` checks the eToegang
/// aggregate's name, duration and groups. Default: "generic".
///
/// @param opts options, changed by the call.
/// @param value one of "generic", "etoegang", as a NUL-terminated string.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_metadata() argument 'profile' must be …"). On failure the options are
///      unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_metadata_options_set_profile(opts: *mut tm_verify_metadata_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 6, Given::Text(value), err) }
}

/// Verifies signed SAML metadata; documents above 4 MiB are streamed.
///
/// @param xml, xml_len The metadata. Borrowed for the call.
/// @param store The federation's signing keys. Borrowed for the call.
/// @param opts the named arguments (tm_verify_metadata_options_new()), borrowed for the
///      call; NULL for every default. Required: none.
/// @param out where to store the result, a tm_metadata the caller owns and releases with
///      tm_metadata_free(); set to NULL first, and left NULL on failure: nothing is
///      returned in part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_metadata() argument '…' is required"); otherwise the status
///      of the core's error code (this operation raises metadata.* besides the generic
///      verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_metadata(
    xml: *const u8, xml_len: usize,
    store: *const tm_trust_store,
    opts: *const tm_verify_metadata_options,
    out: *mut *mut tm_metadata,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::Store(store)], Out::record(out), err) }
}

// ---- tm_metadata_stream() ------------------------------------------------------------

/// The named arguments of tm_metadata_stream(), with their defaults: now (the system clock
/// when the call runs), allow_sha1 (false), allow_stale_crl (false), min_rsa_bits (2048),
/// profile ("generic"). Made by tm_metadata_stream_options_new(), set with
/// tm_metadata_stream_options_set_<name>(), released by tm_metadata_stream_options_free();
/// NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_metadata_stream_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_metadata_stream_options {
    const OP: &'static OpDesc = &ops::METADATA_STREAM;
}

/// Creates the named arguments of tm_metadata_stream(), each at its default.
///
/// @return a new tm_metadata_stream_options, owned by the caller (release it with
///      tm_metadata_stream_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_metadata_stream_options_new() -> *mut tm_metadata_stream_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_metadata_stream_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream_options_free(opts: *mut tm_metadata_stream_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `now` of tm_metadata_stream(): The verification time; the system clock when absent.
/// Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream_options_set_now(opts: *mut tm_metadata_stream_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 1, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_metadata_stream(): Accept SHA-1 signatures and digests (legacy
/// documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream_options_set_allow_sha1(opts: *mut tm_metadata_stream_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_metadata_stream(): Accept a certificate path whose CRL is
/// past its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream_options_set_allow_stale_crl(opts: *mut tm_metadata_stream_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_metadata_stream(): The smallest RSA key accepted, in bits.
/// Default: 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("metadata_stream() argument 'min_rsa_bits' must be …"). On failure the options
///      are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream_options_set_min_rsa_bits(opts: *mut tm_metadata_stream_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Int(value), err) }
}

/// Sets `profile` of tm_metadata_stream(): As for `verify_metadata`. Default: "generic".
///
/// @param opts options, changed by the call.
/// @param value one of "generic", "etoegang", as a NUL-terminated string.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("metadata_stream() argument 'profile' must be …"). On failure the options are
///      unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream_options_set_profile(opts: *mut tm_metadata_stream_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Text(value), err) }
}

/// A verifier of SAML metadata fed in pieces: memory stays flat however large the document.
/// It owns a copy of `store`.
///
/// @param store The federation's signing keys. Borrowed for the call.
/// @param opts the named arguments (tm_metadata_stream_options_new()), borrowed for the
///      call; NULL for every default. Required: none.
/// @param out where to store the new tm_metadata_verifier, which the caller owns, feeds
///      with tm_metadata_verifier_feed(), finishes with tm_metadata_verifier_finish() and
///      releases with tm_metadata_verifier_free(); set to NULL first, and left NULL on
///      failure.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "metadata_stream() argument '…' is required"); otherwise the status
///      of the core's error code (this operation raises metadata.* besides the generic
///      verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_stream(
    store: *const tm_trust_store,
    opts: *const tm_metadata_stream_options,
    out: *mut *mut tm_metadata_verifier,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Store(store)], Out::Stream(out), err) }
}

// ---- tm_metadata_issuer_trust() ------------------------------------------------------

/// The named arguments of tm_metadata_issuer_trust(), with their defaults: role
/// ("IDPSSODescriptor"), now (the system clock when the call runs), allow_sha1 (false),
/// allow_stale_crl (false), min_rsa_bits (2048), profile ("generic"). Made by
/// tm_metadata_issuer_trust_options_new(), set with
/// tm_metadata_issuer_trust_options_set_<name>(), released by
/// tm_metadata_issuer_trust_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_metadata_issuer_trust_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_metadata_issuer_trust_options {
    const OP: &'static OpDesc = &ops::METADATA_ISSUER_TRUST;
}

/// Creates the named arguments of tm_metadata_issuer_trust(), each at its default.
///
/// @return a new tm_metadata_issuer_trust_options, owned by the caller (release it with
///      tm_metadata_issuer_trust_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_metadata_issuer_trust_options_new() -> *mut tm_metadata_issuer_trust_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_metadata_issuer_trust_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_issuer_trust_options_free(opts: *mut tm_metadata_issuer_trust_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `role` of tm_metadata_issuer_trust(): The role descriptor whose entities are
/// trusted. Default: "IDPSSODescriptor".
///
/// @param opts options, changed by the call.
/// @param value one of "IDPSSODescriptor", "SPSSODescriptor",
///      "AttributeAuthorityDescriptor", "AuthnAuthorityDescriptor", "PDPDescriptor", as a
///      NUL-terminated string.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("metadata_issuer_trust() argument 'role' must be …"). On failure the options are
///      unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_issuer_trust_options_set_role(opts: *mut tm_metadata_issuer_trust_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Text(value), err) }
}

/// Sets `now` of tm_metadata_issuer_trust(): The verification time; the system clock when
/// absent. Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_issuer_trust_options_set_now(opts: *mut tm_metadata_issuer_trust_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_metadata_issuer_trust(): Accept SHA-1 signatures and digests
/// (legacy documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_issuer_trust_options_set_allow_sha1(opts: *mut tm_metadata_issuer_trust_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_metadata_issuer_trust(): Accept a certificate path whose
/// CRL is past its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_issuer_trust_options_set_allow_stale_crl(opts: *mut tm_metadata_issuer_trust_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_metadata_issuer_trust(): The smallest RSA key accepted, in
/// bits. Default: 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("metadata_issuer_trust() argument 'min_rsa_bits' must be …"). On failure the
///      options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_issuer_trust_options_set_min_rsa_bits(opts: *mut tm_metadata_issuer_trust_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 6, Given::Int(value), err) }
}

/// Sets `profile` of tm_metadata_issuer_trust(): As for `verify_metadata`. Default:
/// "generic".
///
/// @param opts options, changed by the call.
/// @param value one of "generic", "etoegang", as a NUL-terminated string.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("metadata_issuer_trust() argument 'profile' must be …"). On failure the options
///      are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_issuer_trust_options_set_profile(opts: *mut tm_metadata_issuer_trust_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 7, Given::Text(value), err) }
}

/// Verifies metadata (of any size) and returns an issuer trust pinning the signing keys of
/// each entity with `role` for its `entityID`. An `entityID` carried twice by entities of
/// the role is `metadata.malformed`.
///
/// @param xml, xml_len The metadata. Borrowed for the call.
/// @param store The federation's signing keys. Borrowed for the call.
/// @param opts the named arguments (tm_metadata_issuer_trust_options_new()), borrowed for
///      the call; NULL for every default. Required: none.
/// @param out where to store the new tm_issuer_trust, which the caller owns and releases
///      with tm_issuer_trust_free(); set to NULL first, and left NULL on failure.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "metadata_issuer_trust() argument '…' is required"); otherwise the
///      status of the core's error code (this operation raises metadata.* besides the
///      generic verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_metadata_issuer_trust(
    xml: *const u8, xml_len: usize,
    store: *const tm_trust_store,
    opts: *const tm_metadata_issuer_trust_options,
    out: *mut *mut tm_issuer_trust,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::Store(store)], Out::IssuerTrust(out), err) }
}

// ---- tm_verify_saml_response() -------------------------------------------------------

/// The named arguments of tm_verify_saml_response(), with their defaults: audience
/// (required), acs (required), request_id (absent), now (the system clock when the call
/// runs), allow_sha1 (false), allow_stale_crl (false), min_rsa_bits (2048), profile
/// ("generic"), signed ("any"), skew (180), cache (absent), decrypt_keys (absent),
/// allow_legacy_encryption (false). Made by tm_verify_saml_response_options_new(), set with
/// tm_verify_saml_response_options_set_<name>(), released by
/// tm_verify_saml_response_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_saml_response_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_saml_response_options {
    const OP: &'static OpDesc = &ops::VERIFY_SAML_RESPONSE;
}

/// Creates the named arguments of tm_verify_saml_response(), each at its default.
///
/// @return a new tm_verify_saml_response_options, owned by the caller (release it with
///      tm_verify_saml_response_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_saml_response_options_new() -> *mut tm_verify_saml_response_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_saml_response_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_free(opts: *mut tm_verify_saml_response_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `audience` of tm_verify_saml_response(): This relying party's entity ID, which the
/// audience restriction must name. Default: required.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_audience(opts: *mut tm_verify_saml_response_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Text(value), err) }
}

/// Sets `acs` of tm_verify_saml_response(): This relying party's assertion consumer service
/// URL: the expected `Destination` and bearer `Recipient`. Default: required.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_acs(opts: *mut tm_verify_saml_response_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Text(value), err) }
}

/// Sets `request_id` of tm_verify_saml_response(): The ID of the AuthnRequest sent; only
/// unsolicited responses are accepted when absent. Default: absent.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_request_id(opts: *mut tm_verify_saml_response_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Text(value), err) }
}

/// Sets `now` of tm_verify_saml_response(): The verification time; the system clock when
/// absent. Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_now(opts: *mut tm_verify_saml_response_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_saml_response(): Accept SHA-1 signatures and digests
/// (legacy documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_allow_sha1(opts: *mut tm_verify_saml_response_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 6, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify_saml_response(): Accept a certificate path whose CRL
/// is past its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_allow_stale_crl(opts: *mut tm_verify_saml_response_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 7, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify_saml_response(): The smallest RSA key accepted, in
/// bits. Default: 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_response() argument 'min_rsa_bits' must be …"). On failure the
///      options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_min_rsa_bits(opts: *mut tm_verify_saml_response_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 8, Given::Int(value), err) }
}

/// Sets `profile` of tm_verify_saml_response(): The profile: STORK and eIDAS raise the
/// algorithm and key requirements whatever the other arguments say. Default: "generic".
///
/// @param opts options, changed by the call.
/// @param value one of "generic", "stork", "eidas", as a NUL-terminated string.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_response() argument 'profile' must be …"). On failure the options
///      are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_profile(opts: *mut tm_verify_saml_response_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 9, Given::Text(value), err) }
}

/// Sets `signed` of tm_verify_saml_response(): Which signatures are required: `any` (the
/// Response or the Assertion), `response`, `assertion` or `both`. Default: "any".
///
/// @param opts options, changed by the call.
/// @param value one of "any", "response", "assertion", "both", as a NUL-terminated string.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_response() argument 'signed' must be …"). On failure the options
///      are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_signed(opts: *mut tm_verify_saml_response_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 10, Given::Text(value), err) }
}

/// Sets `skew` of tm_verify_saml_response(): Allowed clock difference, in seconds. Default:
/// 180.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_response() argument 'skew' must be …"). On failure the options are
///      unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_skew(opts: *mut tm_verify_saml_response_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 11, Given::Int(value), err) }
}

/// Sets `cache` of tm_verify_saml_response(): The relying party's replay cache: in memory,
/// or (C, Python, CLI) shared by every worker of the relying party on Redis or your own
/// store; without one a replayed assertion is not detected. A cache that cannot answer
/// refuses the response (`saml.replay_cache_unavailable`). Default: absent.
///
/// @param opts options, changed by the call.
/// @param value a replay cache, shared: the options keep it alive, and every call made with
///      them records in it.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_cache(opts: *mut tm_verify_saml_response_options, value: *const tm_replay_cache, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 12, Given::ReplayCache(value), err) }
}

/// Sets `decrypt_keys` of tm_verify_saml_response(): The relying party's decryption keys,
/// for an `EncryptedAssertion`, `EncryptedID` or `EncryptedAttribute`; without them
/// encrypted content is refused (`saml.encrypted_unsupported`). The recipient a message
/// names only chooses among them. Default: absent.
///
/// @param opts options, changed by the call.
/// @param value decryption keys, copied (the keys themselves are shared, not duplicated):
///      keys added to it afterwards are not used.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_decrypt_keys(opts: *mut tm_verify_saml_response_options, value: *const tm_decryption_keys, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 13, Given::DecryptionKeys(value), err) }
}

/// Sets `allow_legacy_encryption` of tm_verify_saml_response(): Accept AES-CBC and
/// Triple-DES content encryption, which authenticate nothing (the default of pysaml2 and
/// samlify); the result's `decrypted` says what was used. Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response_options_set_allow_legacy_encryption(opts: *mut tm_verify_saml_response_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 14, Given::Bool(value), err) }
}

/// Verifies a SAML Response against the trust of the issuer it names and this relying
/// party's expectations, and returns only what a verified signature covered.
///
/// @param xml, xml_len The Response (for the HTTP-POST form value, first
///      `decode_post_binding`). Borrowed for the call.
/// @param trust Which keys may sign for which issuer. Borrowed for the call.
/// @param opts the named arguments (tm_verify_saml_response_options_new()), borrowed for
///      the call; NULL for every default. Required: audience, acs.
/// @param out where to store the result, a tm_saml_response the caller owns and releases
///      with tm_saml_response_free(); set to NULL first, and left NULL on failure: nothing
///      is returned in part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_saml_response() argument '…' is required"); otherwise the
///      status of the core's error code (this operation raises saml.* besides the generic
///      verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_response(
    xml: *const u8, xml_len: usize,
    trust: *const tm_issuer_trust,
    opts: *const tm_verify_saml_response_options,
    out: *mut *mut tm_saml_response,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::IssuerTrust(trust)], Out::record(out), err) }
}

// ---- tm_decrypt_saml_assertion() -----------------------------------------------------

/// The named arguments of tm_decrypt_saml_assertion(), with their defaults:
/// allow_legacy_encryption (false). Made by tm_decrypt_saml_assertion_options_new(), set
/// with tm_decrypt_saml_assertion_options_set_<name>(), released by
/// tm_decrypt_saml_assertion_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_decrypt_saml_assertion_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_decrypt_saml_assertion_options {
    const OP: &'static OpDesc = &ops::DECRYPT_SAML_ASSERTION;
}

/// Creates the named arguments of tm_decrypt_saml_assertion(), each at its default.
///
/// @return a new tm_decrypt_saml_assertion_options, owned by the caller (release it with
///      tm_decrypt_saml_assertion_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_decrypt_saml_assertion_options_new() -> *mut tm_decrypt_saml_assertion_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_decrypt_saml_assertion_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_decrypt_saml_assertion_options_free(opts: *mut tm_decrypt_saml_assertion_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `allow_legacy_encryption` of tm_decrypt_saml_assertion(): Accept AES-CBC and
/// Triple-DES content encryption. Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_decrypt_saml_assertion_options_set_allow_legacy_encryption(opts: *mut tm_decrypt_saml_assertion_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Bool(value), err) }
}

/// Decrypts the one `EncryptedAssertion` of a SAML Response and returns the assertion's
/// bytes WITHOUT checking any signature: it answers whether the keys decrypt the message
/// (as `xmlsec1 --decrypt` does), for setting a relying party up and for inspection.
/// Nothing it returns is verified; `verify_saml_response` with `decrypt_keys` is how a
/// response is consumed.
///
/// @param xml, xml_len The Response. Borrowed for the call.
/// @param keys The relying party's decryption keys. Borrowed for the call.
/// @param opts the named arguments (tm_decrypt_saml_assertion_options_new()), borrowed for
///      the call; NULL for every default. Required: none.
/// @param out where to store the result, a tm_unverified_assertion the caller owns and
///      releases with tm_unverified_assertion_free(); set to NULL first, and left NULL on
///      failure: nothing is returned in part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "decrypt_saml_assertion() argument '…' is required"); otherwise the
///      status of the core's error code (this operation raises xmlenc.*,
///      saml.assertion_count besides the generic verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_decrypt_saml_assertion(
    xml: *const u8, xml_len: usize,
    keys: *const tm_decryption_keys,
    opts: *const tm_decrypt_saml_assertion_options,
    out: *mut *mut tm_unverified_assertion,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::DecryptionKeys(keys)], Out::record(out), err) }
}

// ---- tm_verify_saml_request() --------------------------------------------------------

/// The named arguments of tm_verify_saml_request(), with their defaults: destination
/// (absent), now (the system clock when the call runs), allow_sha1 (false), allow_stale_crl
/// (false), min_rsa_bits (2048), profile ("generic"), skew (180), max_age (600). Made by
/// tm_verify_saml_request_options_new(), set with
/// tm_verify_saml_request_options_set_<name>(), released by
/// tm_verify_saml_request_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_saml_request_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_saml_request_options {
    const OP: &'static OpDesc = &ops::VERIFY_SAML_REQUEST;
}

/// Creates the named arguments of tm_verify_saml_request(), each at its default.
///
/// @return a new tm_verify_saml_request_options, owned by the caller (release it with
///      tm_verify_saml_request_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_saml_request_options_new() -> *mut tm_verify_saml_request_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_saml_request_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_options_free(opts: *mut tm_verify_saml_request_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `destination` of tm_verify_saml_request(): This endpoint's URL, which the request
/// must name as its `Destination`; not compared when absent. Default: absent.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_options_set_destination(opts: *mut tm_verify_saml_request_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Text(value), err) }
}

/// Sets `now` of tm_verify_saml_request(): The verification time; the system clock when
/// absent. Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_options_set_now(opts: *mut tm_verify_saml_request_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_saml_request(): Accept SHA-1 signatures and digests
/// (legacy documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_options_set_allow_sha1(opts: *mut tm_verify_saml_request_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify_saml_request(): Accept a certificate path whose CRL
/// is past its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_options_set_allow_stale_crl(opts: *mut tm_verify_saml_request_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify_saml_request(): The smallest RSA key accepted, in bits.
/// Default: 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_request() argument 'min_rsa_bits' must be …"). On failure the
///      options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_options_set_min_rsa_bits(opts: *mut tm_verify_saml_request_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 6, Given::Int(value), err) }
}

/// Sets `profile` of tm_verify_saml_request(): The profile: STORK and eIDAS raise the
/// algorithm and key requirements whatever the other arguments say. Default: "generic".
///
/// @param opts options, changed by the call.
/// @param value one of "generic", "stork", "eidas", as a NUL-terminated string.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_request() argument 'profile' must be …"). On failure the options
///      are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_options_set_profile(opts: *mut tm_verify_saml_request_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 7, Given::Text(value), err) }
}

/// Sets `skew` of tm_verify_saml_request(): Allowed clock difference, in seconds. Default:
/// 180.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_request() argument 'skew' must be …"). On failure the options are
///      unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_options_set_skew(opts: *mut tm_verify_saml_request_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 8, Given::Int(value), err) }
}

/// Sets `max_age` of tm_verify_saml_request(): How old `IssueInstant` may be, in seconds.
/// Default: 600.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_request() argument 'max_age' must be …"). On failure the options
///      are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_options_set_max_age(opts: *mut tm_verify_saml_request_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 9, Given::Int(value), err) }
}

/// Verifies a signed SAML AuthnRequest: one signature, a child of the request, with one
/// Reference to its ID; the trust of the issuer it names; `Destination`; `IssueInstant` no
/// older than `max_age`; and the STORK or eIDAS extensions.
///
/// @param xml, xml_len The AuthnRequest (for the HTTP-POST form value, first
///      `decode_post_binding`). Borrowed for the call.
/// @param trust Which keys may sign for which issuer. Borrowed for the call.
/// @param opts the named arguments (tm_verify_saml_request_options_new()), borrowed for the
///      call; NULL for every default. Required: none.
/// @param out where to store the result, a tm_authn_request the caller owns and releases
///      with tm_authn_request_free(); set to NULL first, and left NULL on failure: nothing
///      is returned in part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_saml_request() argument '…' is required"); otherwise the
///      status of the core's error code (this operation raises saml.* besides the generic
///      verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request(
    xml: *const u8, xml_len: usize,
    trust: *const tm_issuer_trust,
    opts: *const tm_verify_saml_request_options,
    out: *mut *mut tm_authn_request,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(xml, xml_len), Raw::IssuerTrust(trust)], Out::record(out), err) }
}

// ---- tm_verify_saml_request_redirect() -----------------------------------------------

/// The named arguments of tm_verify_saml_request_redirect(), with their defaults:
/// destination (absent), now (the system clock when the call runs), allow_sha1 (false),
/// allow_stale_crl (false), min_rsa_bits (2048), profile ("generic"), skew (180), max_age
/// (600). Made by tm_verify_saml_request_redirect_options_new(), set with
/// tm_verify_saml_request_redirect_options_set_<name>(), released by
/// tm_verify_saml_request_redirect_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_saml_request_redirect_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_saml_request_redirect_options {
    const OP: &'static OpDesc = &ops::VERIFY_SAML_REQUEST_REDIRECT;
}

/// Creates the named arguments of tm_verify_saml_request_redirect(), each at its default.
///
/// @return a new tm_verify_saml_request_redirect_options, owned by the caller (release it
///      with tm_verify_saml_request_redirect_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_saml_request_redirect_options_new() -> *mut tm_verify_saml_request_redirect_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_saml_request_redirect_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_redirect_options_free(opts: *mut tm_verify_saml_request_redirect_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `destination` of tm_verify_saml_request_redirect(): This endpoint's URL, which the
/// request must name as its `Destination`; not compared when absent. Default: absent.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_redirect_options_set_destination(opts: *mut tm_verify_saml_request_redirect_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 2, Given::Text(value), err) }
}

/// Sets `now` of tm_verify_saml_request_redirect(): The verification time; the system clock
/// when absent. Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_redirect_options_set_now(opts: *mut tm_verify_saml_request_redirect_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_saml_request_redirect(): Accept SHA-1 signatures and
/// digests (legacy documents). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_redirect_options_set_allow_sha1(opts: *mut tm_verify_saml_request_redirect_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Bool(value), err) }
}

/// Sets `allow_stale_crl` of tm_verify_saml_request_redirect(): Accept a certificate path
/// whose CRL is past its nextUpdate (revocation status then unknown). Default: false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_redirect_options_set_allow_stale_crl(opts: *mut tm_verify_saml_request_redirect_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Bool(value), err) }
}

/// Sets `min_rsa_bits` of tm_verify_saml_request_redirect(): The smallest RSA key accepted,
/// in bits. Default: 2048.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_request_redirect() argument 'min_rsa_bits' must be …"). On failure
///      the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_redirect_options_set_min_rsa_bits(opts: *mut tm_verify_saml_request_redirect_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 6, Given::Int(value), err) }
}

/// Sets `profile` of tm_verify_saml_request_redirect(): The profile: STORK and eIDAS raise
/// the algorithm and key requirements whatever the other arguments say. Default: "generic".
///
/// @param opts options, changed by the call.
/// @param value one of "generic", "stork", "eidas", as a NUL-terminated string.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_request_redirect() argument 'profile' must be …"). On failure the
///      options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_redirect_options_set_profile(opts: *mut tm_verify_saml_request_redirect_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 7, Given::Text(value), err) }
}

/// Sets `skew` of tm_verify_saml_request_redirect(): Allowed clock difference, in seconds.
/// Default: 180.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_request_redirect() argument 'skew' must be …"). On failure the
///      options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_redirect_options_set_skew(opts: *mut tm_verify_saml_request_redirect_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 8, Given::Int(value), err) }
}

/// Sets `max_age` of tm_verify_saml_request_redirect(): How old `IssueInstant` may be, in
/// seconds. Default: 600.
///
/// @param opts options, changed by the call.
/// @param value from 0 to 4294967295.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a value the argument does not take, with the message every front door gives
///      ("verify_saml_request_redirect() argument 'max_age' must be …"). On failure the
///      options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_redirect_options_set_max_age(opts: *mut tm_verify_saml_request_redirect_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 9, Given::Int(value), err) }
}

/// Verifies an AuthnRequest that came over the HTTP-Redirect binding: the query string's
/// signature, then the inflated request as `verify_saml_request` checks it, except that an
/// XML signature inside it is refused.
///
/// @param query The query string (with or without the leading `?`), still URL-encoded. A
///      NUL-terminated UTF-8 string, borrowed for the call.
/// @param trust Which keys may sign for which issuer. Borrowed for the call.
/// @param opts the named arguments (tm_verify_saml_request_redirect_options_new()),
///      borrowed for the call; NULL for every default. Required: none.
/// @param out where to store the result, a tm_authn_request the caller owns and releases
///      with tm_authn_request_free(); set to NULL first, and left NULL on failure: nothing
///      is returned in part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_saml_request_redirect() argument '…' is required");
///      otherwise the status of the core's error code (this operation raises saml.binding,
///      saml.* besides the generic verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_saml_request_redirect(
    query: *const c_char,
    trust: *const tm_issuer_trust,
    opts: *const tm_verify_saml_request_redirect_options,
    out: *mut *mut tm_authn_request,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Text(query), Raw::IssuerTrust(trust)], Out::record(out), err) }
}

// ---- tm_decode_post_binding() --------------------------------------------------------

/// The named arguments of tm_decode_post_binding(), with their defaults: relay_state
/// (absent). Made by tm_decode_post_binding_options_new(), set with
/// tm_decode_post_binding_options_set_<name>(), released by
/// tm_decode_post_binding_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_decode_post_binding_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_decode_post_binding_options {
    const OP: &'static OpDesc = &ops::DECODE_POST_BINDING;
}

/// Creates the named arguments of tm_decode_post_binding(), each at its default.
///
/// @return a new tm_decode_post_binding_options, owned by the caller (release it with
///      tm_decode_post_binding_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_decode_post_binding_options_new() -> *mut tm_decode_post_binding_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_decode_post_binding_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_decode_post_binding_options_free(opts: *mut tm_decode_post_binding_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `relay_state` of tm_decode_post_binding(): The `RelayState` that came with it (at
/// most 80 bytes). Default: absent.
///
/// @param opts options, changed by the call.
/// @param value a NUL-terminated UTF-8 string, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or text that is not UTF-8. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_decode_post_binding_options_set_relay_state(opts: *mut tm_decode_post_binding_options, value: *const c_char, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 1, Given::Text(value), err) }
}

/// Decodes the HTTP-POST binding's `SAMLResponse` or `SAMLRequest` form value (base64, line
/// breaks allowed) into the message XML, and checks the `RelayState` that came with it.
///
/// @param value, value_len The form value, URL-decoded. Borrowed for the call.
/// @param opts the named arguments (tm_decode_post_binding_options_new()), borrowed for the
///      call; NULL for every default. Required: none.
/// @param out, out_len where to store the bytes (followed by a NUL byte not counted in
///      `*out_len`), which the caller owns and releases with tm_bytes_free(), and their
///      length; `out_len` may be NULL. `*out` is set to NULL first, and left NULL on
///      failure.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "decode_post_binding() argument '…' is required"); otherwise the
///      status of the core's error code (this operation raises saml.binding besides the
///      generic verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_decode_post_binding(
    value: *const u8, value_len: usize,
    opts: *const tm_decode_post_binding_options,
    out: *mut *mut u8, out_len: *mut usize,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(value, value_len)], Out::Bytes(out, out_len), err) }
}

// ---- tm_verify_ocsp_response() -------------------------------------------------------

/// The named arguments of tm_verify_ocsp_response(), with their defaults: nonce (absent),
/// now (the system clock when the call runs), allow_sha1 (false), require_good (true). Made
/// by tm_verify_ocsp_response_options_new(), set with
/// tm_verify_ocsp_response_options_set_<name>(), released by
/// tm_verify_ocsp_response_options_free(); NULL in their place means every default.
///
/// Thread safety: a call reads the options; share them between threads read-only, and
/// change or free them only when no call uses them.
pub struct tm_verify_ocsp_response_options {
    _opaque: [u8; 0],
}

impl options::Op for tm_verify_ocsp_response_options {
    const OP: &'static OpDesc = &ops::VERIFY_OCSP_RESPONSE;
}

/// Creates the named arguments of tm_verify_ocsp_response(), each at its default.
///
/// @return a new tm_verify_ocsp_response_options, owned by the caller (release it with
///      tm_verify_ocsp_response_options_free()); NULL only if memory ran out.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_verify_ocsp_response_options_new() -> *mut tm_verify_ocsp_response_options {
    options::new()
}

/// Releases options.
///
/// @param opts owned by the caller and released by this call; NULL is allowed and ignored,
///      and so is a pointer that is not a live tm_verify_ocsp_response_options.
///
/// Thread safety: no other thread may use `opts` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_ocsp_response_options_free(opts: *mut tm_verify_ocsp_response_options) {
    // SAFETY: the C contract of this function is the generic release's.
    unsafe { options::free(opts) }
}

/// Sets `nonce` of tm_verify_ocsp_response(): The nonce sent in the request, which the
/// response must then echo. Default: absent.
///
/// @param opts options, changed by the call.
/// @param value, value_len the bytes, copied.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle
///      or a length no object can have. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_ocsp_response_options_set_nonce(opts: *mut tm_verify_ocsp_response_options, value: *const u8, value_len: usize, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 3, Given::Bytes(value, value_len), err) }
}

/// Sets `now` of tm_verify_ocsp_response(): The verification time; the system clock when
/// absent. Default: the system clock when the call runs.
///
/// @param opts options, changed by the call.
/// @param value seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339);
///      TM_NOW for the system clock when the call runs.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_ocsp_response_options_set_now(opts: *mut tm_verify_ocsp_response_options, value: i64, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 4, Given::Time(value), err) }
}

/// Sets `allow_sha1` of tm_verify_ocsp_response(): Accept a SHA-1 signature. Default:
/// false.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_ocsp_response_options_set_allow_sha1(opts: *mut tm_verify_ocsp_response_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 5, Given::Bool(value), err) }
}

/// Sets `require_good` of tm_verify_ocsp_response(): Raise `ocsp.status_revoked` or
/// `ocsp.status_unknown` unless the status is good. Default: true.
///
/// @param opts options, changed by the call.
/// @param value true or false.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle. On failure the options are unchanged.
///
/// Thread safety: no other thread may use `opts` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_ocsp_response_options_set_require_good(opts: *mut tm_verify_ocsp_response_options, value: bool, err: *mut *mut tm_error) -> tm_status {
    // SAFETY: the C contract of this function is the generic setter's.
    unsafe { options::set(opts, 6, Given::Bool(value), err) }
}

/// Verifies a DER OCSP response about `cert`, issued by the CA `issuer`: signed by the CA
/// or a responder it authorised, about `cert`, current at `now` give or take five minutes,
/// echoing `nonce`.
///
/// @param response, response_len The DER `OCSPResponse` as received. Borrowed for the call.
/// @param issuer, issuer_len The issuing CA's certificate, PEM or DER. Borrowed for the
///      call.
/// @param cert, cert_len The certificate asked about, PEM or DER. Borrowed for the call.
/// @param opts the named arguments (tm_verify_ocsp_response_options_new()), borrowed for
///      the call; NULL for every default. Required: none.
/// @param out where to store the result, a tm_ocsp the caller owns and releases with
///      tm_ocsp_free(); set to NULL first, and left NULL on failure: nothing is returned in
///      part.
/// @param err where to store the details of a failure; may be NULL.
/// @return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead
///      handle, a length no object can have, or an argument missing or refused (the table's
///      message, e.g. "verify_ocsp_response() argument '…' is required"); otherwise the
///      status of the core's error code (this operation raises ocsp.* besides the generic
///      verification codes).
///
/// Thread safety: reentrant; the handles passed are only read, so threads may share them as
/// long as nobody changes or frees them meanwhile.
#[no_mangle]
pub unsafe extern "C" fn tm_verify_ocsp_response(
    response: *const u8, response_len: usize,
    issuer: *const u8, issuer_len: usize,
    cert: *const u8, cert_len: usize,
    opts: *const tm_verify_ocsp_response_options,
    out: *mut *mut tm_ocsp,
    err: *mut *mut tm_error,
) -> tm_status {
    // SAFETY: the C contract of this function is the generic operation's.
    unsafe { operation::run(opts, &[Raw::Bytes(response, response_len), Raw::Bytes(issuer, issuer_len), Raw::Bytes(cert, cert_len)], Out::record(out), err) }
}
