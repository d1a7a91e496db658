//! A relying party's decryption key held in a PKCS#11 token: an HSM, a smart card, or
//! SoftHSM2 for tests.
//!
//! [`Pkcs11Key`] implements [`trustmeta::xmlenc::DecryptionKey`], so the core decrypts an
//! `EncryptedAssertion`, `EncryptedID` or `EncryptedAttribute` with a private key that
//! never enters this process: RSA-OAEP runs as `C_Decrypt` in the token, and for ECDH-ES
//! the token computes the shared secret (`C_DeriveKey`), from which the core derives the
//! key-encryption key. Only the content key or the shared secret of one message leaves
//! the token.
//!
//! ```no_run
//! use std::path::Path;
//! use trustmeta::xmlenc::{DecryptionKey, Decryptor};
//! use trustmeta_pkcs11::Pkcs11Key;
//!
//! let key = Pkcs11Key::open(
//!     Path::new("/usr/lib/softhsm/libsofthsm2.so"),
//!     "pkcs11:token=sp;object=saml-encryption",
//!     "1234",
//! )?;
//! let decryptor = Decryptor::new(vec![&key as &dyn DecryptionKey]);
//! # let _ = decryptor;
//! # Ok::<(), trustmeta::xmlenc::XmlEncError>(())
//! ```
//!
//! The front doors hold keys shared between threads: `Pkcs11Key` is `Send + Sync`, so
//! `trustmeta_table::ops::DecryptionKeys::add(Arc::new(key))` takes it as it takes a PEM
//! key.

mod key;
mod spki;
mod uri;

pub use key::Pkcs11Key;
pub use uri::KeyUri;
