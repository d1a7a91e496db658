//! RSA-OAEP decryption with AWS-LC, for hosted builds (`fast`): its private-key operation
//! is several times faster than the rsa crate's, and ring has none. AWS-LC offers OAEP
//! only with the same digest for the padding and MGF1, so any other pair (xmlenc's
//! `rsa-oaep-mgf1p` with a SHA-256 DigestMethod, SHA-224) stays with the rsa crate.

use alloc::vec;
use alloc::vec::Vec;

use aws_lc_rs::rsa::{
    OaepAlgorithm, OaepPrivateDecryptingKey, PrivateDecryptingKey, OAEP_SHA1_MGF1SHA1,
    OAEP_SHA256_MGF1SHA256, OAEP_SHA384_MGF1SHA384, OAEP_SHA512_MGF1SHA512,
};
use zeroize::Zeroizing;

use super::algorithm::OaepDigest;
use super::key::KeyFailure;

/// AWS-LC's copy of an RSA private key. AWS-LC blinds with its own random source and
/// wipes the key's numbers when it frees them.
pub(super) struct FastRsa(OaepPrivateDecryptingKey);

impl FastRsa {
    /// `None` when AWS-LC does not take the key (under 2048 or over 8192 bits, more than
    /// two primes): the rsa crate then decrypts with it alone.
    pub(super) fn new(key: &rsa::PrivateKey) -> Option<Self> {
        use rsa::pkcs8::EncodePrivateKey;
        // A `SecretDocument`: the encoding is wiped when it is dropped.
        let pkcs8 = key.to_pkcs8_der().ok()?;
        let key = PrivateDecryptingKey::from_pkcs8(pkcs8.as_bytes()).ok()?;
        OaepPrivateDecryptingKey::new(key).ok().map(FastRsa)
    }

    /// `None` when AWS-LC has no OAEP with this digest and MGF1 digest.
    pub(super) fn decrypt(
        &self,
        digest: OaepDigest,
        mgf: OaepDigest,
        label: &[u8],
        ciphertext: &[u8],
    ) -> Option<Result<Zeroizing<Vec<u8>>, KeyFailure>> {
        let algorithm: &'static OaepAlgorithm = match (digest, mgf) {
            (OaepDigest::Sha1, OaepDigest::Sha1) => &OAEP_SHA1_MGF1SHA1,
            (OaepDigest::Sha256, OaepDigest::Sha256) => &OAEP_SHA256_MGF1SHA256,
            (OaepDigest::Sha384, OaepDigest::Sha384) => &OAEP_SHA384_MGF1SHA384,
            (OaepDigest::Sha512, OaepDigest::Sha512) => &OAEP_SHA512_MGF1SHA512,
            _ => return None,
        };
        let mut out = Zeroizing::new(vec![0u8; self.0.min_output_size()]);
        let label = (!label.is_empty()).then_some(label);
        // Which check failed (length, range, padding, label) is not told apart.
        let len = match self.0.decrypt(algorithm, ciphertext, &mut out, label) {
            Ok(plain) => plain.len(),
            Err(_) => return Some(Err(KeyFailure::Failed)),
        };
        out.truncate(len);
        Some(Ok(out))
    }
}
