//! `tm_decryption_keys`: the private keys a relying party decrypts encrypted SAML content
//! with (tm_verify_saml_response_options_set_decrypt_keys(), tm_decrypt_saml_assertion()).

use std::ffi::c_char;
use std::path::Path;
use std::ptr;
use std::sync::Arc;

use trustmeta_pkcs11::Pkcs11Key;
use trustmeta_table::ops::DecryptionKeys;

use crate::error::tm_error;
use crate::guard;
use crate::handle::{self, Handle, Kind};
use crate::status::tm_status;

/// The relying party's private keys for XML Encryption: what decrypts an
/// `EncryptedAssertion`, `EncryptedID` or `EncryptedAttribute` addressed to it. RSA keys
/// (RSA-OAEP key transport) and EC keys on P-256, P-384, P-521 and brainpoolP256r1,
/// P384r1 and P512r1 (ECDH-ES key agreement). The recipient a message names (a key name,
/// a certificate, a public key) only chooses among these keys.
///
/// Create it with tm_decryption_keys_new(), fill it with tm_decryption_keys_add_pem() (a
/// key in memory) or tm_decryption_keys_add_pkcs11() (a key in an HSM), give it to
/// tm_verify_saml_response_options_set_decrypt_keys() or tm_decrypt_saml_assertion(),
/// release it with tm_decryption_keys_free(). Options it was set on share its keys (they
/// keep them after tm_decryption_keys_free()) but not keys added to it later.
///
/// Thread safety: not internally synchronized. Once filled, it may be shared by any
/// number of threads reading it or decrypting with it at the same time; adding to it or
/// freeing it must not overlap any other use.
pub struct tm_decryption_keys {
    pub(crate) inner: DecryptionKeys,
}

impl Handle for tm_decryption_keys {
    const KIND: Kind = Kind::DecryptionKeys;
    const C_NAME: &'static str = "tm_decryption_keys";
}

/// ==== SAML decryption keys ==============================================================
///
/// Creates an empty set of decryption keys (see tm_decryption_keys).
///
/// @return a new set, owned by the caller (release it with tm_decryption_keys_free());
///         NULL only if the library failed internally.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tm_decryption_keys_new() -> *mut tm_decryption_keys {
    guard::quietly(ptr::null_mut(), || {
        handle::into_raw(tm_decryption_keys {
            inner: DecryptionKeys::new(),
        })
    })
}

/// Adds the first private key of `pem`: a `PRIVATE KEY` (PKCS#8), `RSA PRIVATE KEY`
/// (PKCS#1) or `EC PRIVATE KEY` (SEC1) block, unencrypted. The key is copied; the caller
/// may wipe `pem` once the call returns.
///
/// The set is changed only on success.
///
/// @param keys     the set, changed by the call.
/// @param pem      the PEM text, borrowed for the call.
/// @param pem_len  the number of bytes at `pem`.
/// @param err      NULL, or where to put a new tm_error on failure (see tm_error).
/// @return `TM_OK` on success;
///         `TM_XMLENC_BAD_KEY` if `pem` holds no private key block, or the key is
///         encrypted (`ENCRYPTED PRIVATE KEY`), damaged, or of a kind or curve not
///         supported;
///         `TM_NULL_POINTER` if `keys` or `pem` is NULL;
///         `TM_INVALID_ARGUMENT` if `keys` is not a live tm_decryption_keys.
///
/// Thread safety: no other thread may use `keys` during the call.
#[no_mangle]
pub unsafe extern "C" fn tm_decryption_keys_add_pem(
    keys: *mut tm_decryption_keys,
    pem: *const u8,
    pem_len: usize,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_decryption_keys_add_pem";
    let body = || {
        // SAFETY: the caller gives exclusive use of `keys` and `pem_len` readable bytes
        // at `pem` for the call; both helpers validate before dereferencing.
        let (keys, pem) = unsafe {
            (
                handle::get_mut(keys, F, "keys")?,
                guard::bytes(pem, pem_len, F, "pem")?,
            )
        };
        keys.inner.add_pem(pem)?;
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Adds a private key held in a PKCS#11 token (an HSM, a smart card, SoftHSM2). The
/// private key stays in the token: RSA-OAEP key transport is the token's `C_Decrypt` and
/// ECDH-ES its `C_DeriveKey`, and only a message's content key or shared secret comes
/// out. The module is loaded and initialized once per process (and never finalized); the
/// key keeps one logged-in session, opened again once if the token drops it.
///
/// `uri` is an RFC 7512 `pkcs11:` URI, percent-decoded. It may name the token by
/// `token` (its label), `manufacturer`, `serial`, `model` and `slot-id` (when none is
/// given the module must have exactly one initialized token), and must name exactly one
/// `CKO_PRIVATE_KEY` by `object` (`CKA_LABEL`) and/or `id` (`CKA_ID`, e.g. `id=%01`);
/// `type`, if given, must be `private`. Anything else, including query attributes such as
/// `pin-value` or `module-path`, is refused rather than ignored. The key must be RSA, or
/// EC on a curve ECDH-ES uses, allowed to decrypt or derive, with its public key object
/// beside it (same `CKA_ID`), which the recipient a message names is matched against.
///
/// PKCS#11 logs an application in per token: while another key of this process is
/// logged in to the same token, the PIN is not checked again.
///
/// The set is changed only on success.
///
/// @param keys         the set, changed by the call.
/// @param module_path  the PKCS#11 module (e.g. "/usr/lib/softhsm/libsofthsm2.so"), a
///                     NUL-terminated UTF-8 path, borrowed for the call.
/// @param uri          the key, a NUL-terminated UTF-8 `pkcs11:` URI, borrowed for the
///                     call.
/// @param pin          the user PIN, NUL-terminated UTF-8, borrowed for the call; the key
///                     keeps a copy (to log in again), wiped when the last user of the
///                     key releases it, so the caller may wipe `pin` once the call
///                     returns.
/// @param err          NULL, or where to put a new tm_error on failure (see tm_error).
/// @return `TM_OK` on success;
///         `TM_XMLENC_KEY_UNAVAILABLE` if the module cannot be loaded or initialized, the
///         URI is malformed or names something not supported, no token or several match,
///         the PIN is refused or locked, no private key or several match, or the key
///         cannot be used (its kind or curve, its usage flags, a missing public key); the
///         message says which;
///         `TM_NULL_POINTER` if `keys`, `module_path`, `uri` or `pin` is NULL;
///         `TM_INVALID_ARGUMENT` if `keys` is not a live tm_decryption_keys, or a string
///         is not UTF-8.
///
/// Thread safety: no other thread may use `keys` during the call. Other sets may open
/// keys of the same module at the same time.
#[no_mangle]
pub unsafe extern "C" fn tm_decryption_keys_add_pkcs11(
    keys: *mut tm_decryption_keys,
    module_path: *const c_char,
    uri: *const c_char,
    pin: *const c_char,
    err: *mut *mut tm_error,
) -> tm_status {
    const F: &str = "tm_decryption_keys_add_pkcs11";
    let body = || {
        // SAFETY: the caller gives exclusive use of `keys` and NUL-terminated strings at
        // `module_path`, `uri` and `pin` for the call; the helpers validate before
        // dereferencing.
        let (keys, module_path, uri, pin) = unsafe {
            (
                handle::get_mut(keys, F, "keys")?,
                guard::text(module_path, F, "module_path")?,
                guard::text(uri, F, "uri")?,
                guard::text(pin, F, "pin")?,
            )
        };
        let key =
            Pkcs11Key::open(Path::new(module_path), uri, pin).map_err(trustmeta::Error::from)?;
        keys.inner.add(Arc::new(key));
        Ok(())
    };
    // SAFETY: `err` is NULL or caller-provided storage for one pointer (C contract).
    unsafe { guard::call(F, err, body) }
}

/// Returns the number of keys in the set.
///
/// @param keys  the set, borrowed for the call; may be NULL.
/// @return the count; 0 if `keys` is NULL or not a live tm_decryption_keys.
///
/// Thread safety: any thread, concurrently with other readers of `keys`.
#[no_mangle]
pub unsafe extern "C" fn tm_decryption_keys_count(keys: *const tm_decryption_keys) -> usize {
    guard::quietly(0, || {
        // SAFETY: `peek` only dereferences a registered set; no concurrent writer (C contract).
        unsafe { handle::peek(keys) }.map_or(0, |k| k.inner.len())
    })
}

/// Releases a set of decryption keys. Options it was set on keep their share of the keys
/// until they are freed themselves.
///
/// @param keys  the set, owned by the caller and released by this call; NULL is allowed
///              and ignored, and so is a pointer that is not a live tm_decryption_keys.
///
/// Thread safety: no other thread may use `keys` during or after the call.
#[no_mangle]
pub unsafe extern "C" fn tm_decryption_keys_free(keys: *mut tm_decryption_keys) {
    guard::quietly((), || {
        // SAFETY: `free` only releases a registered set; the caller gives it up.
        unsafe { handle::free(keys) };
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = include_bytes!("../../tests/data/saml/encrypted/keys/sp-rsa.key.pem");

    #[test]
    fn add_count_and_failures() {
        // SAFETY: pointers are valid or NULL as each case states; single thread.
        unsafe {
            let k = tm_decryption_keys_new();
            assert_eq!(tm_decryption_keys_count(k), 0);
            let mut err: *mut tm_error = ptr::null_mut();
            assert_eq!(
                tm_decryption_keys_add_pem(k, KEY.as_ptr(), KEY.len(), &mut err),
                tm_status::TM_OK
            );
            assert!(err.is_null());
            assert_eq!(tm_decryption_keys_count(k), 1);

            assert_eq!(
                tm_decryption_keys_add_pem(k, b"junk".as_ptr(), 4, &mut err),
                tm_status::TM_XMLENC_BAD_KEY
            );
            assert_eq!(
                crate::error::tm_error_status(err),
                tm_status::TM_XMLENC_BAD_KEY
            );
            crate::error::tm_error_free(err);
            assert_eq!(
                tm_decryption_keys_count(k),
                1,
                "a failed add leaves the set unchanged"
            );
            assert_eq!(
                tm_decryption_keys_add_pem(k, ptr::null(), 0, ptr::null_mut()),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_decryption_keys_add_pem(
                    ptr::null_mut(),
                    KEY.as_ptr(),
                    KEY.len(),
                    ptr::null_mut()
                ),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_decryption_keys_add_pem(k, KEY.as_ptr(), usize::MAX, ptr::null_mut()),
                tm_status::TM_INVALID_ARGUMENT
            );
            assert_eq!(tm_decryption_keys_count(ptr::null()), 0);

            // A module that cannot be loaded: the token's failures share this status,
            // and tests/c/test_pkcs11.c meets them with SoftHSM2.
            let module = c"/nonexistent/libpkcs11.so";
            let uri = c"pkcs11:token=t;object=k";
            let pin = c"1234";
            assert_eq!(
                tm_decryption_keys_add_pkcs11(
                    k,
                    module.as_ptr(),
                    uri.as_ptr(),
                    pin.as_ptr(),
                    &mut err
                ),
                tm_status::TM_XMLENC_KEY_UNAVAILABLE
            );
            assert_eq!(
                crate::error::tm_error_status(err),
                tm_status::TM_XMLENC_KEY_UNAVAILABLE
            );
            crate::error::tm_error_free(err);
            assert_eq!(tm_decryption_keys_count(k), 1);
            for (m, u, p) in [
                (ptr::null(), uri.as_ptr(), pin.as_ptr()),
                (module.as_ptr(), ptr::null(), pin.as_ptr()),
                (module.as_ptr(), uri.as_ptr(), ptr::null()),
            ] {
                assert_eq!(
                    tm_decryption_keys_add_pkcs11(k, m, u, p, ptr::null_mut()),
                    tm_status::TM_NULL_POINTER
                );
            }
            assert_eq!(
                tm_decryption_keys_add_pkcs11(
                    ptr::null_mut(),
                    module.as_ptr(),
                    uri.as_ptr(),
                    pin.as_ptr(),
                    ptr::null_mut()
                ),
                tm_status::TM_NULL_POINTER
            );
            assert_eq!(
                tm_decryption_keys_add_pkcs11(
                    k,
                    c"\xff".as_ptr(),
                    uri.as_ptr(),
                    pin.as_ptr(),
                    ptr::null_mut()
                ),
                tm_status::TM_INVALID_ARGUMENT
            );

            // Use after free and double free are covered by the C tests, which run on one
            // thread: here a parallel test could be handed the same address in between.
            tm_decryption_keys_free(k);
            tm_decryption_keys_free(ptr::null_mut());
        }
    }
}
