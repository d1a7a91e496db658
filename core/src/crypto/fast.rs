//! The backend for hosted targets. RSA (PKCS#1 v1.5 and PSS, 2048 to 8192 bits) and
//! ECDSA on P-256 and P-384 with the curve's own hash verify in AWS-LC with public keys
//! parsed once and kept (see [`parsed_key`]); Ed25519 verifies in `ring`. What neither is
//! used for (P-521, a NIST curve with a non-matching hash, SHA-224, SHA-3, RSA under 2048
//! bits) falls back to [`Portable`].
//!
//! `ring` takes unparsed keys only, so it rebuilds an RSA key's Montgomery constants on
//! every call; AWS-LC's `ParsedPublicKey` keeps them. `bench/README.md` ("Parsed keys")
//! has the measurements behind the choice of library per algorithm.

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use aws_lc_rs::signature as aws;
use ring::signature as rs;

use super::{
    check_family, CryptoError, Curve, KeyKind, Portable, PublicKey, SignatureAlgorithm,
    SignatureVerifier,
};

/// Signature verification with AWS-LC (RSA, ECDSA P-256/P-384) and `ring` (Ed25519),
/// falling back to [`Portable`] where neither has the algorithm.
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
        let alg: &'static dyn aws::VerificationAlgorithm = match (algorithm, key.kind()) {
            (_, KeyKind::Rsa { bits }) if bits < 2048 => {
                return Portable.verify(algorithm, key, message, signature)
            }
            (RsaPkcs1Sha1, _) => &aws::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
            (RsaPkcs1Sha256, _) => &aws::RSA_PKCS1_2048_8192_SHA256,
            (RsaPkcs1Sha384, _) => &aws::RSA_PKCS1_2048_8192_SHA384,
            (RsaPkcs1Sha512, _) => &aws::RSA_PKCS1_2048_8192_SHA512,
            (RsaPssSha256, _) => &aws::RSA_PSS_2048_8192_SHA256,
            (RsaPssSha384, _) => &aws::RSA_PSS_2048_8192_SHA384,
            (RsaPssSha512, _) => &aws::RSA_PSS_2048_8192_SHA512,
            (EcdsaSha256, KeyKind::Ec(Curve::P256)) => &aws::ECDSA_P256_SHA256_FIXED,
            (EcdsaSha384, KeyKind::Ec(Curve::P384)) => &aws::ECDSA_P384_SHA384_FIXED,
            (Ed25519, _) => {
                return rs::UnparsedPublicKey::new(&rs::ED25519, key.key_bytes())
                    .verify(message, signature)
                    .map_err(|_| CryptoError::BadSignature)
            }
            // SHA-224 and SHA-3 in any form, and every other curve and hash pairing.
            _ => return Portable.verify(algorithm, key, message, signature),
        };
        if let KeyKind::Ec(c) = key.kind() {
            if signature.len() != 2 * c.field_len() {
                return Err(CryptoError::MalformedSignature);
            }
        }
        // A key AWS-LC does not take (an RSA modulus over 16384 bits, a point off the
        // curve) verifies nothing, as with `ring` before it.
        let parsed = parsed_key(algorithm, alg, key).ok_or(CryptoError::BadSignature)?;
        parsed
            .verify_sig(message, signature)
            .map_err(|_| CryptoError::BadSignature)
    }
}

/// How many keys [`parsed_key`] keeps. A server verifies under a handful (its trust
/// store, the keys of a metadata aggregate); documents can bring keys of their own in
/// `KeyInfo`, which are tried too, so the cache is bounded and simply starts over when
/// full: at worst every call parses its key again, as it did with `ring`.
const PARSED_KEYS_MAX: usize = 256;

/// SubjectPublicKeyInfo → the key parsed for each algorithm it has verified (AWS-LC ties a
/// parsed key to one algorithm).
type ParsedKeys = HashMap<Box<[u8]>, Vec<(SignatureAlgorithm, Arc<aws::ParsedPublicKey>)>>;

fn parsed_keys() -> &'static RwLock<ParsedKeys> {
    static KEYS: OnceLock<RwLock<ParsedKeys>> = OnceLock::new();
    KEYS.get_or_init(|| RwLock::new(HashMap::new()))
}

/// The key parsed by AWS-LC for `algorithm`, from the process-wide cache or parsed now and
/// added to it; `None` when AWS-LC refuses the key. A poisoned lock only means no cache.
fn parsed_key(
    algorithm: SignatureAlgorithm,
    alg: &'static dyn aws::VerificationAlgorithm,
    key: &PublicKey,
) -> Option<Arc<aws::ParsedPublicKey>> {
    let spki = key.spki_der();
    if let Ok(keys) = parsed_keys().read() {
        let found = keys
            .get(spki)
            .and_then(|v| v.iter().find(|(a, _)| *a == algorithm));
        if let Some((_, parsed)) = found {
            return Some(Arc::clone(parsed));
        }
    }
    let parsed = Arc::new(aws::ParsedPublicKey::new(alg, key.key_bytes()).ok()?);
    if let Ok(mut keys) = parsed_keys().write() {
        if keys.len() >= PARSED_KEYS_MAX && !keys.contains_key(spki) {
            keys.clear();
        }
        let entry = keys.entry(spki.into()).or_default();
        if !entry.iter().any(|(a, _)| *a == algorithm) {
            entry.push((algorithm, Arc::clone(&parsed)));
        }
    }
    Some(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    use alloc::format;

    use base64ct::Encoding as _;

    const VECTORS: &str = include_str!("../../../tests/data/crypto/fast/vectors.tsv");
    const MESSAGE: &[u8] = include_bytes!("../../../tests/data/crypto/fast/message.txt");

    fn key(name: &str) -> PublicKey {
        let pem = match name {
            "rsa1024" => include_str!("../../../tests/data/crypto/fast/rsa1024.pub.pem"),
            "rsa2048" => include_str!("../../../tests/data/crypto/fast/rsa2048.pub.pem"),
            "rsa3072" => include_str!("../../../tests/data/crypto/fast/rsa3072.pub.pem"),
            "p256" => include_str!("../../../tests/data/crypto/fast/p256.pub.pem"),
            "p384" => include_str!("../../../tests/data/crypto/fast/p384.pub.pem"),
            _ => panic!("no key {name}"),
        };
        PublicKey::from_pem(pem).unwrap()
    }

    fn method(name: &str) -> SignatureAlgorithm {
        use SignatureAlgorithm::*;
        [
            RsaPkcs1Sha1,
            RsaPkcs1Sha256,
            RsaPkcs1Sha384,
            RsaPkcs1Sha512,
            RsaPssSha256,
            RsaPssSha384,
            RsaPssSha512,
            EcdsaSha256,
            EcdsaSha384,
        ]
        .into_iter()
        .find(|a| a.name() == name)
        .unwrap_or_else(|| panic!("no method {name}"))
    }

    /// What this backend answered when every RSA and ECDSA check went to `ring` with an
    /// unparsed key: the behaviour the AWS-LC path must keep.
    fn ring_answer(
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

    /// Every vector, and every way of spoiling it (another message, a flipped bit, a byte
    /// missing or added, a leading zero, all zeros, all ones, nothing, a neighbouring
    /// method, another key of the same family), gets the same answer as `ring` gave, and
    /// the same again once the key is in the cache.
    #[test]
    fn same_answers_as_ring() {
        let mut rows = 0;
        for line in VECTORS.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            let (alg, k, expect) = (method(f[0]), key(f[1]), f[2]);
            let sig = base64ct::Base64::decode_vec(f[3]).unwrap();
            let want = match expect {
                "ok" => Ok(()),
                "bad" => Err(CryptoError::BadSignature),
                _ => panic!("bad expectation {expect}"),
            };
            assert_eq!(ring_answer(alg, &k, MESSAGE, &sig), want, "ring: {line}");
            // Each spoiled form, checked at once: the first call may parse the key, the
            // second finds it cached.
            let same = |what: &str, a: SignatureAlgorithm, k: &PublicKey, m: &[u8], s: &[u8]| {
                let old = ring_answer(a, k, m, s);
                for pass in ["first", "cached"] {
                    assert_eq!(Fast.verify(a, k, m, s), old, "{line}: {what} ({pass})");
                }
            };
            same("as made", alg, &k, MESSAGE, &sig);
            same("another message", alg, &k, b"another message", &sig);
            let mut flipped = sig.clone();
            *flipped.last_mut().unwrap() ^= 1;
            same("last bit flipped", alg, &k, MESSAGE, &flipped);
            same("a byte short", alg, &k, MESSAGE, &sig[1..]);
            let mut longer = sig.clone();
            longer.push(0);
            same("a byte more", alg, &k, MESSAGE, &longer);
            let mut zero_first = alloc::vec![0];
            zero_first.extend_from_slice(&sig);
            same("a leading zero", alg, &k, MESSAGE, &zero_first);
            same("all zeros", alg, &k, MESSAGE, &alloc::vec![0; sig.len()]);
            same("all ones", alg, &k, MESSAGE, &alloc::vec![0xff; sig.len()]);
            same("empty", alg, &k, MESSAGE, &[]);
            for other in [
                "rsa-sha256",
                "rsa-sha512",
                "rsa-pss-sha256",
                "rsa-pss-sha384",
                "ecdsa-sha256",
                "ecdsa-sha384",
            ] {
                let o = method(other);
                if o != alg {
                    same(&format!("checked as {other}"), o, &k, MESSAGE, &sig);
                }
            }
            for other in ["rsa1024", "rsa2048", "rsa3072", "p256", "p384"] {
                if other != f[1] {
                    same(&format!("under {other}"), alg, &key(other), MESSAGE, &sig);
                }
            }
            rows += 1;
        }
        assert!(rows >= 12, "{rows} vectors");
    }

    /// Keys a document brings can be many: the cache never holds more than its bound.
    #[test]
    fn cache_is_bounded() {
        use p256::elliptic_curve::sec1::ToSec1Point as _;
        // SubjectPublicKeyInfo { id-ecPublicKey, prime256v1 } up to the BIT STRING's
        // contents, then the uncompressed point.
        const HEAD: [u8; 26] = [
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
            0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
        ];
        let mut point = p256::ProjectivePoint::GENERATOR;
        for _ in 0..PARSED_KEYS_MAX + 20 {
            point += p256::ProjectivePoint::GENERATOR;
            let encoded = p256::AffinePoint::from(point).to_sec1_point(false);
            let mut spki = HEAD.to_vec();
            spki.extend_from_slice(encoded.as_bytes());
            let k = PublicKey::from_spki_der(&spki).unwrap();
            assert_eq!(
                Fast.verify(SignatureAlgorithm::EcdsaSha256, &k, MESSAGE, &[1; 64]),
                Err(CryptoError::BadSignature)
            );
            assert!(parsed_keys().read().unwrap().len() <= PARSED_KEYS_MAX);
        }
    }
}
