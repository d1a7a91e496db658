//! The RustCrypto backend: pure Rust, `no_std`, the one embedded and WebAssembly use.
//! Without the feature `portable-signatures` its checks are compiled out and it refuses
//! every signature with [`CryptoError::AlgorithmUnavailable`].

#[cfg(feature = "portable-signatures")]
use ecdsa::signature::hazmat::PrehashVerifier;

use super::{check_family, CryptoError, PublicKey, SignatureAlgorithm, SignatureVerifier};
#[cfg(feature = "portable-signatures")]
use super::{Curve, KeyKind};

/// Signature verification with the RustCrypto crates (`rsa`, `p256`, `p384`, `p521`,
/// `ed25519-dalek`), hashing with `sha1`, `sha2` and `sha3`. ECDSA takes a digest of any
/// length on any curve, truncated or padded to the curve order as FIPS 186-5 says (P-256
/// with SHA-224, P-521 with SHA3-256).
#[derive(Clone, Copy, Debug, Default)]
pub struct Portable;

#[cfg(not(feature = "portable-signatures"))]
impl SignatureVerifier for Portable {
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: &PublicKey,
        _message: &[u8],
        _signature: &[u8],
    ) -> Result<(), CryptoError> {
        check_family(algorithm, key)?;
        Err(CryptoError::AlgorithmUnavailable { algorithm })
    }
}

#[cfg(feature = "portable-signatures")]
impl SignatureVerifier for Portable {
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: &PublicKey,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), CryptoError> {
        check_family(algorithm, key)?;
        match key.kind() {
            KeyKind::Rsa { .. } => verify_rsa(algorithm, key, message, signature),
            KeyKind::Ec(curve) => {
                let digest = algorithm.digest().ok_or(CryptoError::KeyMismatch {
                    algorithm,
                    key: key.kind(),
                })?;
                let hash = digest.digest(message);
                verify_ecdsa(curve, key.key_bytes(), hash.as_bytes(), signature)
            }
            KeyKind::Ed25519 => {
                let pk: [u8; 32] = key
                    .key_bytes()
                    .try_into()
                    .map_err(|_| CryptoError::UnsupportedKey)?;
                let vk = ed25519_dalek::VerifyingKey::from_bytes(&pk)
                    .map_err(|_| CryptoError::UnsupportedKey)?;
                let sig: [u8; 64] = signature
                    .try_into()
                    .map_err(|_| CryptoError::MalformedSignature)?;
                vk.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&sig))
                    .map_err(|_| CryptoError::BadSignature)
            }
        }
    }
}

#[cfg(feature = "portable-signatures")]
fn verify_rsa(
    algorithm: SignatureAlgorithm,
    key: &PublicKey,
    message: &[u8],
    signature: &[u8],
) -> Result<(), CryptoError> {
    use SignatureAlgorithm::*;

    let k = rsa::pkcs1::RsaPublicKeyRef::try_from(key.key_bytes())
        .map_err(|_| CryptoError::UnsupportedKey)?;
    let n = rsa::BoxedUint::from_be_slice_vartime(k.modulus.as_bytes());
    let e = rsa::BoxedUint::from_be_slice_vartime(k.public_exponent.as_bytes());
    let pk = rsa::PublicKey::new_with_size_limits(n, e, 1024..=16384)
        .map_err(|_| CryptoError::UnsupportedKey)?;
    let digest = algorithm.digest().ok_or(CryptoError::KeyMismatch {
        algorithm,
        key: key.kind(),
    })?;
    let hash = digest.digest(message);
    let h = hash.as_bytes();
    let res = match algorithm {
        RsaPkcs1Sha1 => pkcs1v15::<sha1::Sha1>(&pk, h, signature),
        RsaPkcs1Sha224 => pkcs1v15::<sha2::Sha224>(&pk, h, signature),
        RsaPkcs1Sha256 => pkcs1v15::<sha2::Sha256>(&pk, h, signature),
        RsaPkcs1Sha384 => pkcs1v15::<sha2::Sha384>(&pk, h, signature),
        RsaPkcs1Sha512 => pkcs1v15::<sha2::Sha512>(&pk, h, signature),
        RsaPkcs1Sha3_224 => pkcs1v15::<sha3::Sha3_224>(&pk, h, signature),
        RsaPkcs1Sha3_256 => pkcs1v15::<sha3::Sha3_256>(&pk, h, signature),
        RsaPkcs1Sha3_384 => pkcs1v15::<sha3::Sha3_384>(&pk, h, signature),
        RsaPkcs1Sha3_512 => pkcs1v15::<sha3::Sha3_512>(&pk, h, signature),
        RsaPssSha224 => pss::<sha2::Sha224>(&pk, h, signature),
        RsaPssSha256 => pss::<sha2::Sha256>(&pk, h, signature),
        RsaPssSha384 => pss::<sha2::Sha384>(&pk, h, signature),
        RsaPssSha512 => pss::<sha2::Sha512>(&pk, h, signature),
        RsaPssSha3_224 => pss::<sha3::Sha3_224>(&pk, h, signature),
        RsaPssSha3_256 => pss::<sha3::Sha3_256>(&pk, h, signature),
        RsaPssSha3_384 => pss::<sha3::Sha3_384>(&pk, h, signature),
        RsaPssSha3_512 => pss::<sha3::Sha3_512>(&pk, h, signature),
        _ => {
            return Err(CryptoError::KeyMismatch {
                algorithm,
                key: key.kind(),
            })
        }
    };
    res.map_err(|_| CryptoError::BadSignature)
}

/// RSASSA-PKCS1-v1_5 over the digest `hash`, whose DigestInfo names `D`.
#[cfg(feature = "portable-signatures")]
fn pkcs1v15<D: sha2::Digest + sha2::digest::const_oid::AssociatedOid>(
    pk: &rsa::PublicKey,
    hash: &[u8],
    signature: &[u8],
) -> rsa::Result<()> {
    pk.verify(rsa::pkcs1v15::Pkcs1v15Sign::new::<D>(), hash, signature)
}

/// RSASSA-PSS over the digest `hash` with `D` for the hash and MGF1 alike (RFC 6931
/// §2.3.10), any salt length.
#[cfg(feature = "portable-signatures")]
fn pss<D: sha2::Digest + sha2::digest::FixedOutputReset>(
    pk: &rsa::PublicKey,
    hash: &[u8],
    signature: &[u8],
) -> rsa::Result<()> {
    let scheme = rsa::pss::Pss {
        blinded: false,
        digest: D::new(),
        salt_len: None,
    };
    pk.verify(scheme, hash, signature)
}

#[cfg(feature = "portable-signatures")]
fn verify_ecdsa(curve: Curve, point: &[u8], hash: &[u8], sig: &[u8]) -> Result<(), CryptoError> {
    if sig.len() != 2 * curve.field_len() {
        return Err(CryptoError::MalformedSignature);
    }
    macro_rules! check {
        ($c:ident) => {{
            let vk = $c::ecdsa::VerifyingKey::from_sec1_bytes(point)
                .map_err(|_| CryptoError::UnsupportedKey)?;
            let s = $c::ecdsa::Signature::from_slice(sig)
                .map_err(|_| CryptoError::MalformedSignature)?;
            vk.verify_prehash(hash, &s)
                .map_err(|_| CryptoError::BadSignature)
        }};
    }
    match curve {
        Curve::P256 => check!(p256),
        Curve::P384 => check!(p384),
        Curve::P521 => check!(p521),
    }
}
