//! `tm_result`: what a verification established, copied out of the core's borrowed
//! `VerifiedDocument` into C strings the result owns.

use std::ffi::{c_char, CString};
use std::ptr;

use trustmeta::{Certificate, VerificationReport, VerifiedDocument};

use crate::guard;
use crate::handle::{self, Handle, Kind};

/// A result holds what a successful tm_verify() established: who signed, with which
/// algorithms, and exactly what the signature covers. Only signed content is exposed.
///
/// Accessors never fail: given NULL, a dead handle or an index out of range they return
/// NULL, 0 or false. Strings are NUL-terminated UTF-8 owned by the result and valid until
/// tm_result_free(); a NUL inside a certificate's subject is replaced by U+FFFD so that a
/// C string can never be cut short. Indexes count from 0.
///
/// Thread safety: a result is immutable; it may be read from any number of threads at
/// once, and freed once no thread reads it any more.
pub struct tm_result {
    signer_sha256: Option<CString>,
    signer_subject: Option<CString>,
    signer_key: CString,
    pinned: bool,
    signature_algorithm: CString,
    canonicalization: CString,
    references: Vec<Reference>,
    /// Canonical XML of each signed element, each followed by a NUL not counted in its
    /// length.
    signed_xml: Vec<Vec<u8>>,
    legacy: Vec<CString>,
    verified_at: i64,
    chain: Vec<(CString, CString)>,
}

struct Reference {
    uri: CString,
    element: CString,
    digest: CString,
    transforms: Vec<CString>,
}

impl Handle for tm_result {
    const KIND: Kind = Kind::Result;
    const C_NAME: &'static str = "tm_result";
}

/// A C string of `s`; an interior NUL (possible in a certificate's subject) becomes
/// U+FFFD so that C code never sees a value cut short.
pub(crate) fn c_string(s: &str) -> CString {
    let owned = if s.contains('\0') {
        s.replace('\0', "\u{FFFD}")
    } else {
        s.to_owned()
    };
    CString::new(owned).unwrap_or_default()
}

impl tm_result {
    pub(crate) fn new(doc: &VerifiedDocument<'_>) -> Self {
        let signed_xml = doc
            .signed_elements()
            .map(|e| {
                let mut bytes = e.canonical_xml();
                bytes.push(0);
                bytes
            })
            .collect();
        Self::from_report(&doc.report(), signed_xml)
    }

    /// A result from a verification report; `signed_xml` holds the canonical XML of each
    /// signed element followed by a NUL (empty when the caller exposes the signed content
    /// otherwise, as SMP results do).
    pub(crate) fn from_report(r: &VerificationReport, signed_xml: Vec<Vec<u8>>) -> Self {
        let cert_pair = |c: &Certificate| (c_string(c.subject()), c_string(&c.sha256_hex()));
        tm_result {
            signer_sha256: r.signer.as_ref().map(|c| c_string(&c.sha256_hex())),
            signer_subject: r.signer.as_ref().map(|c| c_string(c.subject())),
            signer_key: c_string(&r.signer_key.to_string()),
            pinned: r.pinned,
            signature_algorithm: c_string(r.signature_algorithm.uri()),
            canonicalization: c_string(r.canonicalization.uri()),
            references: r
                .references
                .iter()
                .map(|x| Reference {
                    uri: c_string(&x.uri),
                    element: c_string(&x.element),
                    digest: c_string(x.digest.uri()),
                    transforms: x.transforms.iter().map(|t| c_string(t)).collect(),
                })
                .collect(),
            signed_xml,
            legacy: r.legacy_algorithms.iter().map(|a| c_string(a)).collect(),
            verified_at: r.verified_at.unix_seconds(),
            chain: r.chain.iter().map(cert_pair).collect(),
        }
    }
}

/// Reads a field of a live result; NULL, 0 or false otherwise.
fn read<R>(result: *const tm_result, fallback: R, f: impl FnOnce(&tm_result) -> Option<R>) -> R {
    guard::quietly(None, || {
        // SAFETY: `peek` only dereferences a registered tm_result; results are immutable
        // and the caller does not free it during the call.
        unsafe { handle::peek(result) }.and_then(f)
    })
    .unwrap_or(fallback)
}

fn text(result: *const tm_result, f: impl FnOnce(&tm_result) -> Option<&CString>) -> *const c_char {
    read(result, ptr::null(), |r| f(r).map(|s| s.as_ptr()))
}

/// ==== Result ============================================================================
///
/// The accessors of a tm_result. They never fail: given NULL, a dead handle or an index out
/// of range they return NULL, 0 or false.
///
/// Returns the SHA-256 fingerprint of the signer's certificate, as 64 lowercase hex digits
/// without separators: what `openssl x509 -noout -fingerprint -sha256` prints, without the
/// colons and in lowercase. Use it to log or pin the signer.
///
/// @param result  a result, borrowed for the call.
/// @return a string owned by `result`; NULL if the signer was a pinned bare key (no
///         certificate) or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_signer_sha256(result: *const tm_result) -> *const c_char {
    text(result, |r| r.signer_sha256.as_ref())
}

/// Returns the subject of the signer's certificate as an RFC 4514 string, e.g.
/// `"CN=smp.example.org,O=Example,C=BE"`.
///
/// @param result  a result, borrowed for the call.
/// @return a string owned by `result`; NULL if the signer was a pinned bare key or
///         `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_signer_subject(result: *const tm_result) -> *const c_char {
    text(result, |r| r.signer_subject.as_ref())
}

/// Returns the type and size of the signing key: `"RSA-2048"`, `"EC P-256"`, `"Ed25519"`.
///
/// @param result  a result, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_signer_key(result: *const tm_result) -> *const c_char {
    text(result, |r| Some(&r.signer_key))
}

/// Tells whether the signer's certificate or key is itself in the trust store (pinned),
/// as opposed to being trusted through a path to a CA anchor.
///
/// @param result  a result, borrowed for the call.
/// @return true if pinned; false if trusted through a CA, or if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_pinned(result: *const tm_result) -> bool {
    read(result, false, |r| Some(r.pinned))
}

/// Returns the URI of the SignatureMethod, e.g.
/// `"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"`.
///
/// @param result  a result, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_signature_algorithm(result: *const tm_result) -> *const c_char {
    text(result, |r| Some(&r.signature_algorithm))
}

/// Returns the URI of the CanonicalizationMethod of SignedInfo, e.g.
/// `"http://www.w3.org/2001/10/xml-exc-c14n#"`.
///
/// @param result  a result, borrowed for the call.
/// @return a string owned by `result`; NULL if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_canonicalization(result: *const tm_result) -> *const c_char {
    text(result, |r| Some(&r.canonicalization))
}

/// Returns the number of verified References (at least 1).
///
/// @param result  a result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_reference_count(result: *const tm_result) -> usize {
    read(result, 0, |r| Some(r.references.len()))
}

/// Returns the URI of Reference `index` as written in the document: `""` for the whole
/// document, `"#id"` for an element by ID.
///
/// @param result  a result, borrowed for the call.
/// @param index   0 to tm_result_reference_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_reference_uri(
    result: *const tm_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.references.get(index).map(|x| &x.uri))
}

/// Returns the local name of the element that Reference `index` covers, e.g.
/// `"SignedServiceMetadata"`.
///
/// @param result  a result, borrowed for the call.
/// @param index   0 to tm_result_reference_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_reference_element(
    result: *const tm_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.references.get(index).map(|x| &x.element))
}

/// Returns the URI of the DigestMethod of Reference `index`, e.g.
/// `"http://www.w3.org/2001/04/xmlenc#sha256"`.
///
/// @param result  a result, borrowed for the call.
/// @param index   0 to tm_result_reference_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_reference_digest(
    result: *const tm_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.references.get(index).map(|x| &x.digest))
}

/// Returns the number of Transforms of Reference `index`.
///
/// @param result  a result, borrowed for the call.
/// @param index   0 to tm_result_reference_count() - 1.
/// @return the count; 0 if `index` is out of range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_reference_transform_count(
    result: *const tm_result,
    index: usize,
) -> usize {
    read(result, 0, |r| {
        r.references.get(index).map(|x| x.transforms.len())
    })
}

/// Returns Transform `transform` of Reference `index` by short name, in document order:
/// `"enveloped-signature"`, `"xpath-enveloped"` (the XPath spelling of the enveloped
/// transform), `"c14n"`, `"c14n11"`, `"exc-c14n"`, or one of these three with
/// `"-with-comments"`.
///
/// @param result     a result, borrowed for the call.
/// @param index      0 to tm_result_reference_count() - 1.
/// @param transform  0 to tm_result_reference_transform_count(result, index) - 1.
/// @return a string owned by `result`; NULL if an index is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_reference_transform(
    result: *const tm_result,
    index: usize,
    transform: usize,
) -> *const c_char {
    text(result, |r| {
        r.references
            .get(index)
            .and_then(|x| x.transforms.get(transform))
    })
}

/// Returns the number of signed elements, one per Reference, in Reference order.
///
/// @param result  a result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead, and 0 for the report of an SMP
///         result (tm_smp_result_report()), whose signed content is read through the
///         tm_smp_result accessors instead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_signed_xml_count(result: *const tm_result) -> usize {
    read(result, 0, |r| Some(r.signed_xml.len()))
}

/// Returns signed element `index` as canonical XML (Exclusive C14N without comments):
/// exactly the bytes the signature covers, minus the signature itself. Read the values
/// you act on from these bytes, never from the original document, where an attacker can
/// add unsigned look-alikes (XML Signature Wrapping).
///
/// @param result  a result, borrowed for the call.
/// @param index   0 to tm_result_signed_xml_count() - 1.
/// @param len     where to store the number of bytes (set to 0 on failure); may be NULL.
/// @return the UTF-8 bytes, owned by `result` and followed by a NUL byte that `*len` does
///         not count (so they can be printed as a C string); NULL if `index` is out of
///         range or `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_signed_xml(
    result: *const tm_result,
    index: usize,
    len: *mut usize,
) -> *const u8 {
    let (data, n) = read(result, (ptr::null(), 0), |r| {
        r.signed_xml.get(index).map(|x| (x.as_ptr(), x.len() - 1))
    });
    if !len.is_null() && len.is_aligned() {
        // SAFETY: non-NULL and aligned; the caller provides storage for one size_t.
        unsafe { len.write(n) };
    }
    data
}

/// Returns the number of legacy algorithms the signature used because the policy allowed
/// them (see tm_policy_set_allow_sha1()).
///
/// @param result  a result, borrowed for the call.
/// @return the count, 0 for a signature with current algorithms only, or if `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_legacy_count(result: *const tm_result) -> usize {
    read(result, 0, |r| Some(r.legacy.len()))
}

/// Returns legacy algorithm `index` by short name: `"rsa-sha1"`, `"sha1"` (a digest) or
/// `"sha1-certificate"` (a certificate on the path signed with SHA-1).
///
/// @param result  a result, borrowed for the call.
/// @param index   0 to tm_result_legacy_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_legacy(result: *const tm_result, index: usize) -> *const c_char {
    text(result, |r| r.legacy.get(index))
}

/// Returns the time the verification used, in seconds since 1970-01-01T00:00:00Z: the
/// `now_unix` given to tm_verify(), or the system clock's reading for `TM_NOW`.
///
/// @param result  a result, borrowed for the call.
/// @return the time; `TM_NOW` (INT64_MIN) if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_verified_at(result: *const tm_result) -> i64 {
    read(result, crate::verify::TM_NOW, |r| Some(r.verified_at))
}

/// Returns the number of certificates on the path from the signer to the trusted
/// certificate, signer first: 1 when the signer's certificate is pinned, 0 when the
/// signer is a pinned bare key.
///
/// @param result  a result, borrowed for the call.
/// @return the count; 0 if `result` is NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_chain_count(result: *const tm_result) -> usize {
    read(result, 0, |r| Some(r.chain.len()))
}

/// Returns the subject of certificate `index` on the path (0 is the signer), as an RFC
/// 4514 string.
///
/// @param result  a result, borrowed for the call.
/// @param index   0 to tm_result_chain_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_chain_subject(
    result: *const tm_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.chain.get(index).map(|c| &c.0))
}

/// Returns the SHA-256 fingerprint (64 lowercase hex digits) of certificate `index` on
/// the path (0 is the signer).
///
/// @param result  a result, borrowed for the call.
/// @param index   0 to tm_result_chain_count() - 1.
/// @return a string owned by `result`; NULL if `index` is out of range or `result` is
///         NULL or dead.
///
/// Thread safety: any thread, concurrently with other readers of `result`.
#[no_mangle]
pub unsafe extern "C" fn tm_result_chain_sha256(
    result: *const tm_result,
    index: usize,
) -> *const c_char {
    text(result, |r| r.chain.get(index).map(|c| &c.1))
}

/// Releases a result and everything it owns; pointers obtained from its accessors become
/// invalid.
///
/// @param result  a result, owned by the caller and released by this call; NULL is
///                allowed and ignored, and so is a pointer that is not a live result.
///
/// Thread safety: no other thread may use `result` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_result_free(result: *mut tm_result) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered result; the caller gives it up.
        unsafe { handle::free(result) };
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_string_never_truncates() {
        assert_eq!(c_string("CN=a\0b").to_str().unwrap(), "CN=a\u{FFFD}b");
        assert_eq!(c_string("plain").to_str().unwrap(), "plain");
    }

    #[test]
    fn accessors_on_null() {
        let mut len = 5usize;
        // SAFETY: NULL is refused before any read.
        unsafe {
            assert!(tm_result_signer_sha256(ptr::null()).is_null());
            assert!(!tm_result_pinned(ptr::null()));
            assert_eq!(tm_result_reference_count(ptr::null()), 0);
            assert!(tm_result_signed_xml(ptr::null(), 0, &mut len).is_null());
            assert_eq!(tm_result_verified_at(ptr::null()), i64::MIN);
            tm_result_free(ptr::null_mut());
        }
        assert_eq!(len, 0);
    }
}
