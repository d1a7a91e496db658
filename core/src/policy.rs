//! What the caller accepts: algorithms, key sizes, limits.

use crate::crypto::{CryptoError, KeyKind, PublicKey};
use crate::xml::{IdAttribute, Limits, GENERIC_ID_ATTRIBUTES};

/// Verification policy. `Policy::default()` is safe; each loosening is a named field.
///
/// ```
/// let legacy = trustmeta::Policy { allow_sha1: true, ..Default::default() };
/// assert!(legacy.allow_sha1 && legacy.min_rsa_bits == 2048);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Accept SHA-1 in digests, signature methods and certificate signatures; the result
    /// then lists it under legacy algorithms. Default: `false` — SHA-1 collisions are
    /// practical; only legacy STORK and PEPPOL data still need it.
    pub allow_sha1: bool,
    /// Accept RSASSA-PKCS1-v1_5 signature methods. Default: `true` (most deployed
    /// signatures); the eIDAS preset turns it off in favour of RSASSA-PSS.
    pub allow_rsa_pkcs1v15: bool,
    /// Smallest RSA modulus accepted for the signing key. Default: 2048 (NIST SP 800-131A).
    pub min_rsa_bits: u32,
    /// Smallest elliptic curve accepted for the signing key. Default: 256 (P-192 refused).
    pub min_ec_bits: u32,
    /// XML reading limits. Default: [`Limits::default`].
    pub limits: Limits,
    /// Most `ds:Signature` elements a document may hold. Default: 1 for the generic
    /// verifier, which must know which signature counts.
    pub max_signatures: usize,
    /// Most References in one SignedInfo; a SignedInfo with more is refused with
    /// `dsig.too_many_references`. Default: 16 (real profiles use 1–3).
    pub max_references: usize,
    /// Most Transforms in one Reference, at most [`MAX_TRANSFORMS`](crate::MAX_TRANSFORMS)
    /// (4), the capacity of the fixed array they are read into: a larger value counts as
    /// that ceiling, and a Reference with more Transforms is refused with
    /// `dsig.too_many_references` naming it. Default: 4 (enveloped + canonicalization
    /// is 2).
    pub max_transforms: usize,
    /// Longest certificate path, signer and anchor included, at most
    /// [`MAX_CHAIN_LEN`](crate::MAX_CHAIN_LEN) (8), the capacity of the fixed array a path
    /// is built in: a larger value counts as that ceiling, and a signer whose path would
    /// be longer is refused with `pki.chain_too_long` naming it. Default: 8.
    pub max_chain_len: usize,
    /// Most keys tried against one signature. Default: 32, so a crafted KeyInfo cannot
    /// make verification cost unbounded.
    pub max_key_candidates: usize,
    /// Attributes that carry IDs. Default: `ID`, `Id`, `id` and `xml:id`.
    pub id_attributes: &'static [IdAttribute],
    /// How far a signed claim of time may run ahead of `now` (a trusted list's XAdES
    /// `SigningTime`) before it is refused as made in the future. Default: 300 seconds —
    /// the signer's clock and the caller's drift apart by seconds to minutes, never by
    /// more. Profiles with their own setting (SAML's expectations, OCSP's question) use
    /// that instead.
    pub clock_skew_secs: u32,
    /// Accept a path whose CRL is past its nextUpdate (the revocations it lists still
    /// count). Default: `false` — a stale CRL leaves revocation unknown, and unknown
    /// fails closed.
    pub allow_stale_crl: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            allow_sha1: false,
            allow_rsa_pkcs1v15: true,
            min_rsa_bits: 2048,
            min_ec_bits: 256,
            limits: Limits::default(),
            max_signatures: 1,
            max_references: 16,
            max_transforms: 4,
            max_chain_len: 8,
            max_key_candidates: 32,
            id_attributes: GENERIC_ID_ATTRIBUTES,
            clock_skew_secs: 300,
            allow_stale_crl: false,
        }
    }
}

impl Policy {
    /// Checks a signing key's strength.
    ///
    /// # Errors
    /// [`CryptoError::WeakKey`] below `min_rsa_bits` / `min_ec_bits`.
    pub fn check_key(&self, key: &PublicKey) -> Result<(), CryptoError> {
        let min = match key.kind() {
            KeyKind::Rsa { .. } => self.min_rsa_bits,
            KeyKind::Ec(_) => self.min_ec_bits,
            KeyKind::Ed25519 => 0,
        };
        if key.kind().bits() < min {
            return Err(CryptoError::WeakKey {
                key: key.kind(),
                min_bits: min,
            });
        }
        Ok(())
    }
}
