//! `tm_trust_store`: what the caller trusts.

use std::ptr;

use trustmeta::TrustStore;

use crate::error::tm_error;
use crate::guard::{self, Failure};
use crate::handle::{self, Handle, Kind};
use crate::status::tm_status;

/// A trust store holds what the caller trusts: pinned certificates and keys, CA
/// certificates that anchor paths, untrusted intermediates that may complete a path, and
/// CRLs that revoke certificates on a path. Trust comes only from here: a certificate
/// inside the signed document is a hint that must equal a trusted certificate or chain to
/// one.
///
/// Create it with tm_trust_store_new(), fill it with tm_trust_store_add_pem(), pass it to
/// tm_verify() as often as needed, release it with tm_trust_store_free().
///
/// Thread safety: not internally synchronized. Once filled, a store may be shared by any
/// number of threads calling tm_verify() and tm_trust_store_len() at the same time;
/// adding to it or freeing it must not overlap any other use.
pub struct tm_trust_store {
    pub(crate) inner: TrustStore,
}

impl Handle for tm_trust_store {
    const KIND: Kind = Kind::TrustStore;
    const C_NAME: &'static str = "tm_trust_store";
}

/// ==== Trust store =======================================================================
///
/// Creates an empty trust store (see tm_trust_store).
///
/// @return a new store, owned by the caller (release it with tm_trust_store_free()); NULL
///         only if the library failed internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_trust_store_new() -> *mut tm_trust_store {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_trust_store {
            inner: TrustStore::new(),
        })
    })
}

/// Trusts every certificate and public key in `pem`: all its `CERTIFICATE` and
/// `PUBLIC KEY` blocks, or the one DER certificate or public key it is when it is not PEM. Each
/// certificate is pinned (a signer presenting exactly it is trusted) and, when it is a
/// CA, an anchor (a signer certified by it is trusted); a bare key is pinned.
///
/// The store is changed only on success: if any block fails, nothing of `pem` is added.
///
/// @param store    the store, borrowed for the call.
/// @param pem      the PEM text or DER bytes, borrowed for the call (copied).
/// @param pem_len  the number of bytes at `pem`.
/// @param err      NULL, or where to put a new tm_error on failure (see tm_error).
/// @return `TM_OK` on success;
///         `TM_PKI_BAD_PEM` if nothing usable was found;
///         `TM_PKI_BAD_CERTIFICATE` if a certificate does not parse;
///         `TM_NULL_POINTER` if `store` or `pem` is NULL;
///         `TM_INVALID_ARGUMENT` if `store` is not a live trust store.
///
/// Thread safety: no other thread may use `store` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_trust_store_add_pem(
    store: *mut tm_trust_store,
    pem: *const u8,
    pem_len: usize,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_trust_store_add_pem";
    let body = || {
        // SAFETY: the caller gives exclusive use of `store` and `pem_len` readable bytes
        // at `pem` for the call; both helpers validate before dereferencing.
        let (store, pem) = unsafe {
            (
                handle::get_mut(store, F, "store")?,
                guard::bytes(pem, pem_len, F, "pem")?,
            )
        };
        add(store, |s| s.add_pem(pem))
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Adds every certificate in `pem` as an untrusted intermediate: it may complete a path
/// from a signer to a trusted anchor, but never ends one and never makes a signer
/// trusted by itself. Use it for the CA certificates between an anchor and the signers
/// when documents do not carry them.
///
/// The store is changed only on success.
///
/// @param store    the store, borrowed for the call.
/// @param pem      PEM text with one or more `CERTIFICATE` blocks, borrowed for the call.
/// @param pem_len  the number of bytes at `pem`.
/// @param err      NULL, or where to put a new tm_error on failure (see tm_error).
/// @return `TM_OK` on success;
///         `TM_PKI_BAD_PEM` if `pem` holds no certificate;
///         `TM_PKI_BAD_CERTIFICATE` if a certificate does not parse;
///         `TM_NULL_POINTER` if `store` or `pem` is NULL;
///         `TM_INVALID_ARGUMENT` if `store` is not a live trust store.
///
/// Thread safety: no other thread may use `store` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_trust_store_add_intermediates_pem(
    store: *mut tm_trust_store,
    pem: *const u8,
    pem_len: usize,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_trust_store_add_intermediates_pem";
    let body = || {
        // SAFETY: as in tm_trust_store_add_pem.
        let (store, pem) = unsafe {
            (
                handle::get_mut(store, F, "store")?,
                guard::bytes(pem, pem_len, F, "pem")?,
            )
        };
        add(store, |s| s.add_intermediates_pem(pem))
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Adds every certificate revocation list in `pem`: all its `X509 CRL` blocks, or the one
/// DER CRL it is when it is not PEM. A CRL is used only for the certificates of the CA
/// that signed it: a path through a certificate it lists is then refused with
/// `TM_PKI_REVOKED`, and a path whose CRL is past its nextUpdate with
/// `TM_PKI_CRL_EXPIRED` unless the operation's `allow_stale_crl` option is set. CRLs are
/// not counted by tm_trust_store_len().
///
/// The store is changed only on success: if any CRL fails, nothing of `pem` is added.
///
/// @param store    the store, borrowed for the call.
/// @param pem      PEM text with one or more `X509 CRL` blocks, or one DER CRL, borrowed
///                 for the call (copied).
/// @param pem_len  the number of bytes at `pem`.
/// @param err      NULL, or where to put a new tm_error on failure (see tm_error).
/// @return `TM_OK` on success;
///         `TM_PKI_CRL_INVALID` if `pem` holds no CRL, or a CRL does not parse or is of
///         an unsupported kind (delta, indirect);
///         `TM_NULL_POINTER` if `store` or `pem` is NULL;
///         `TM_INVALID_ARGUMENT` if `store` is not a live trust store.
///
/// Thread safety: no other thread may use `store` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_trust_store_add_crls_pem(
    store: *mut tm_trust_store,
    pem: *const u8,
    pem_len: usize,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_trust_store_add_crls_pem";
    let body = || {
        // SAFETY: as in tm_trust_store_add_pem.
        let (store, pem) = unsafe {
            (
                handle::get_mut(store, F, "store")?,
                guard::bytes(pem, pem_len, F, "pem")?,
            )
        };
        add(store, |s| s.add_crls_pem(pem).map(drop))
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Trusts only the public key of each certificate in `pem`, pinned, ignoring the
/// certificates' validity periods and issuers: the SAML metadata interoperability
/// profile's rule for keys taken from metadata, where a certificate is only a container
/// for a key. A signer then must use exactly one of these keys.
///
/// The store is changed only on success.
///
/// @param store    the store, borrowed for the call.
/// @param pem      PEM text with one or more `CERTIFICATE` blocks, or one DER
///                 certificate, borrowed for the call.
/// @param pem_len  the number of bytes at `pem`.
/// @param err      NULL, or where to put a new tm_error on failure (see tm_error).
/// @return `TM_OK` on success;
///         `TM_PKI_BAD_PEM` if `pem` holds no certificate;
///         `TM_PKI_BAD_CERTIFICATE` if a certificate does not parse or its key type is
///         not supported;
///         `TM_NULL_POINTER` if `store` or `pem` is NULL;
///         `TM_INVALID_ARGUMENT` if `store` is not a live trust store.
///
/// Thread safety: no other thread may use `store` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_trust_store_add_keys_pem(
    store: *mut tm_trust_store,
    pem: *const u8,
    pem_len: usize,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_trust_store_add_keys_pem";
    let body = || {
        // SAFETY: as in tm_trust_store_add_pem.
        let (store, pem) = unsafe {
            (
                handle::get_mut(store, F, "store")?,
                guard::bytes(pem, pem_len, F, "pem")?,
            )
        };
        add(store, |s| s.add_keys_pem(pem))
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Applies `f` to a copy, so that the store is unchanged when `f` fails (or panics)
/// halfway through a PEM file.
fn add(
    store: &mut tm_trust_store,
    f: impl FnOnce(&mut TrustStore) -> Result<(), trustmeta::PkiError>,
) -> Result<(), Failure> {
    let mut next = store.inner.clone();
    f(&mut next)?;
    store.inner = next;
    Ok(())
}

/// Returns the number of trusted certificates and keys (intermediates are not counted).
///
/// @param store  the store, borrowed for the call; may be NULL.
/// @return the count; 0 if `store` is NULL or not a live trust store.
///
/// Thread safety: any thread, concurrently with other readers of `store`.
#[no_mangle]
pub unsafe extern "C" fn tm_trust_store_len(store: *const tm_trust_store) -> usize {
    guard::quietly(0, || {
        // SAFETY: `peek` only dereferences a registered store; no concurrent writer (C contract).
        unsafe { handle::peek(store) }.map_or(0, |s| s.inner.len())
    })
}

/// Releases a trust store. Results of earlier verifications stay valid: they do not
/// borrow from the store.
///
/// @param store  the store, owned by the caller and released by this call; NULL is
///               allowed and ignored, and so is a pointer that is not a live store.
///
/// Thread safety: no other thread may use `store` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_trust_store_free(store: *mut tm_trust_store) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered store; the caller gives it up.
        unsafe { handle::free(store) };
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEM: &[u8] = include_bytes!("../../tests/data/sample/signer.pem");
    /// An empty CRL of the tests/data/xmldsig-gen intermediate CA (2026 to 2027).
    const CRL: &[u8] = b"\
-----BEGIN X509 CRL-----\n\
MIICZjCBzwIBATANBgkqhkiG9w0BAQsFADBsMRswGQYDVQQKDBJ0cnVzdG1ldGEg\n\
dGVzdCBQS0kxJDAiBgNVBAsMG2dlbmVyYXRlZCBieSBtYWtlX3NpZ25lZC5zaDEn\n\
MCUGA1UEAwwedHJ1c3RtZXRhIHRlc3QgSW50ZXJtZWRpYXRlIENBFw0yNjAxMDEw\n\
MDAwMDBaFw0yNzAxMDEwMDAwMDBaoC8wLTAfBgNVHSMEGDAWgBRhko5EruYb3gKj\n\
ivQ/6C/bhgaRvzAKBgNVHRQEAwIBAjANBgkqhkiG9w0BAQsFAAOCAYEAG6aDuzJK\n\
WWg93ybL86c+/m6QHmde++mKm5f++6VtMQ+lFrNhPp8qsSgEJEdppq+Zg4jYfFhT\n\
vhYfJipjxGXL6vc7zjJLtytJPtXHK8EV7A3exmsniLBhNIPHtjekawPkubl4QWw3\n\
lZusKFoeAlIbpqo8fM/2qbPZRghioKOPdCu1uK+sw0nXPz+O5cGf5gJWhzfRkFNA\n\
UGhxoD14c/EkGBBv6V9ws785N8sFLzYS1uZ+KPpuEHsZkSR84v+1lBljUu2kBNOJ\n\
lpYoLdg9h/elCSGgSW29xvlPewi39IvEpYiI7ZmnM1fokAnOkNmgqWtKwu2YyAXW\n\
9OC4H0JagbJ4LP9ACJNBxCJyEtDZIkZ0zoJk5lwMGAy2WgRpefMVAXqxvMXyyvXi\n\
rvLmeZoY6JqRpK6E416D+nlO2PLeqy9Kmwqt5asVtyXorP2dUkN0DReb7h12bTA4\n\
yuY0z4vq+1WTFkjE/R4s4jx4HVKPbpvI/Kx2NEcF35qP2AI0D6XpovHR\n\
-----END X509 CRL-----\n\
";

    #[test]
    fn add_len_and_failures() {
        // SAFETY: pointers are valid or NULL as each case states; single thread.
        unsafe {
            let s = tm_trust_store_new();
            assert_eq!(tm_trust_store_len(s), 0);
            let mut err: *mut tm_error = ptr::null_mut();
            assert_eq!(
                tm_trust_store_add_pem(s, PEM.as_ptr(), PEM.len(), &mut err),
                tm_status::TM_OK
            );
            assert!(err.is_null());
            assert_eq!(tm_trust_store_len(s), 1);

            // A good block followed by a bad one: nothing is added.
            let mut mixed = PEM.to_vec();
            mixed.extend_from_slice(
                b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            );
            assert_eq!(
                tm_trust_store_add_pem(s, mixed.as_ptr(), mixed.len(), &mut err),
                tm_status::TM_PKI_BAD_CERTIFICATE
            );
            assert_eq!(
                crate::error::tm_error_status(err),
                tm_status::TM_PKI_BAD_CERTIFICATE
            );
            crate::error::tm_error_free(err);
            assert_eq!(
                tm_trust_store_len(s),
                1,
                "a failed add leaves the store unchanged"
            );

            assert_eq!(
                tm_trust_store_add_pem(s, b"junk".as_ptr(), 4, ptr::null_mut()),
                tm_status::TM_PKI_BAD_CERTIFICATE
            );
            assert_eq!(
                tm_trust_store_add_intermediates_pem(s, b"junk".as_ptr(), 4, ptr::null_mut()),
                tm_status::TM_PKI_BAD_PEM
            );
            assert_eq!(
                tm_trust_store_add_pem(s, ptr::null(), 0, ptr::null_mut()),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_trust_store_add_pem(ptr::null_mut(), PEM.as_ptr(), PEM.len(), ptr::null_mut()),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_trust_store_add_pem(s, PEM.as_ptr(), usize::MAX, ptr::null_mut()),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert_eq!(
                tm_trust_store_add_intermediates_pem(s, PEM.as_ptr(), PEM.len(), ptr::null_mut()),
                tm_status::TM_OK
            );
            assert_eq!(tm_trust_store_len(s), 1, "intermediates are not counted");

            // CRLs: PEM text without an `X509 CRL` block is refused, and the store is
            // unchanged; a CRL is added but not counted.
            assert_eq!(
                tm_trust_store_add_crls_pem(s, PEM.as_ptr(), PEM.len(), &mut err),
                tm_status::TM_PKI_CRL_INVALID
            );
            assert_eq!(
                crate::error::tm_error_status(err),
                tm_status::TM_PKI_CRL_INVALID
            );
            crate::error::tm_error_free(err);
            assert_eq!(
                tm_trust_store_add_crls_pem(s, CRL.as_ptr(), CRL.len(), ptr::null_mut()),
                tm_status::TM_OK
            );
            assert_eq!(tm_trust_store_len(s), 1, "CRLs are not counted");
            assert_eq!(
                tm_trust_store_add_crls_pem(s, ptr::null(), 0, ptr::null_mut()),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_trust_store_add_crls_pem(
                    ptr::null_mut(),
                    CRL.as_ptr(),
                    CRL.len(),
                    ptr::null_mut()
                ),
                tm_status::TM_NULL_POINTER
            );

            // Use after free and double free are covered by the C tests, which run on one
            // thread: here a parallel test could be handed the same address in between.
            tm_trust_store_free(s);
            tm_trust_store_free(ptr::null_mut());
        }
    }
}
