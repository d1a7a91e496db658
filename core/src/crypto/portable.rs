//! The RustCrypto backend: pure Rust, `no_std`, the one embedded and WebAssembly use.

use ecdsa::signature::hazmat::PrehashVerifier;

use super::{
    check_family, CryptoError, Curve, KeyKind, PublicKey, SignatureAlgorithm, SignatureVerifier,
};

/// Signature verification with the RustCrypto crates (`rsa`, `p256`, `p384`, `p521`,
/// `ed25519-dalek`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Portable;

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

fn verify_rsa(
    algorithm: SignatureAlgorithm,
    key: &PublicKey,
    message: &[u8],
    signature: &[u8],
) -> Result<(), CryptoError> {
    use rsa::pkcs1v15::Pkcs1v15Sign;
    use rsa::pss::Pss;
    use sha2::Digest;

    let k = rsa::pkcs1::RsaPublicKeyRef::try_from(key.key_bytes())
        .map_err(|_| CryptoError::UnsupportedKey)?;
    let n = rsa::BoxedUint::from_be_slice_vartime(k.modulus.as_bytes());
    let e = rsa::BoxedUint::from_be_slice_vartime(k.public_exponent.as_bytes());
    let pk = rsa::RsaPublicKey::new_with_size_limits(n, e, 1024..=16384)
        .map_err(|_| CryptoError::UnsupportedKey)?;
    let digest = algorithm.digest().ok_or(CryptoError::KeyMismatch {
        algorithm,
        key: key.kind(),
    })?;
    let hash = digest.digest(message);
    let h = hash.as_bytes();
    let res = match algorithm {
        SignatureAlgorithm::RsaPkcs1Sha1 => {
            pk.verify(Pkcs1v15Sign::new::<sha1::Sha1>(), h, signature)
        }
        SignatureAlgorithm::RsaPkcs1Sha256 => {
            pk.verify(Pkcs1v15Sign::new::<sha2::Sha256>(), h, signature)
        }
        SignatureAlgorithm::RsaPkcs1Sha384 => {
            pk.verify(Pkcs1v15Sign::new::<sha2::Sha384>(), h, signature)
        }
        SignatureAlgorithm::RsaPkcs1Sha512 => {
            pk.verify(Pkcs1v15Sign::new::<sha2::Sha512>(), h, signature)
        }
        SignatureAlgorithm::RsaPssSha256 => pk.verify(
            Pss {
                blinded: false,
                digest: sha2::Sha256::new(),
                salt_len: None,
            },
            h,
            signature,
        ),
        SignatureAlgorithm::RsaPssSha384 => pk.verify(
            Pss {
                blinded: false,
                digest: sha2::Sha384::new(),
                salt_len: None,
            },
            h,
            signature,
        ),
        SignatureAlgorithm::RsaPssSha512 => pk.verify(
            Pss {
                blinded: false,
                digest: sha2::Sha512::new(),
                salt_len: None,
            },
            h,
            signature,
        ),
        _ => {
            return Err(CryptoError::KeyMismatch {
                algorithm,
                key: key.kind(),
            })
        }
    };
    res.map_err(|_| CryptoError::BadSignature)
}

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
