//! The `ring` backend for hosted targets: assembly-optimized RSA and ECDSA. What `ring`
//! lacks (P-521, a NIST curve with a non-matching hash, SHA-224, SHA-3, RSA under 2048
//! bits) falls back to [`Portable`].

use ring::signature as rs;

use super::{
    check_family, CryptoError, Curve, KeyKind, Portable, PublicKey, SignatureAlgorithm,
    SignatureVerifier,
};

/// Signature verification with `ring`, falling back to [`Portable`] where `ring` has no
/// algorithm.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fast;

impl SignatureVerifier for Fast {
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: &PublicKey,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), CryptoError> {
        use SignatureAlgorithm::*;
        check_family(algorithm, key)?;
        let alg: &dyn rs::VerificationAlgorithm = match (algorithm, key.kind()) {
            (_, KeyKind::Rsa { bits }) if bits < 2048 => {
                return Portable.verify(algorithm, key, message, signature)
            }
            (RsaPkcs1Sha1, _) => &rs::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
            (RsaPkcs1Sha256, _) => &rs::RSA_PKCS1_2048_8192_SHA256,
            (RsaPkcs1Sha384, _) => &rs::RSA_PKCS1_2048_8192_SHA384,
            (RsaPkcs1Sha512, _) => &rs::RSA_PKCS1_2048_8192_SHA512,
            (RsaPssSha256, _) => &rs::RSA_PSS_2048_8192_SHA256,
            (RsaPssSha384, _) => &rs::RSA_PSS_2048_8192_SHA384,
            (RsaPssSha512, _) => &rs::RSA_PSS_2048_8192_SHA512,
            (EcdsaSha256, KeyKind::Ec(Curve::P256)) => &rs::ECDSA_P256_SHA256_FIXED,
            (EcdsaSha384, KeyKind::Ec(Curve::P384)) => &rs::ECDSA_P384_SHA384_FIXED,
            (Ed25519, _) => &rs::ED25519,
            // SHA-224 and SHA-3 in any form, and every other curve and hash pairing.
            _ => return Portable.verify(algorithm, key, message, signature),
        };
        if let KeyKind::Ec(c) = key.kind() {
            if signature.len() != 2 * c.field_len() {
                return Err(CryptoError::MalformedSignature);
            }
        }
        rs::UnparsedPublicKey::new(alg, key.key_bytes())
            .verify(message, signature)
            .map_err(|_| CryptoError::BadSignature)
    }
}
