//! ECDH on P-256, P-384 and P-521 with AWS-LC, for hosted builds (`fast`): its
//! point multiplication is several times faster than the RustCrypto crates', and ECDH-ES
//! does one per decryption. The Brainpool curves, which AWS-LC does not offer for key
//! agreement, stay with the RustCrypto code, as does every build without `fast`.

use alloc::vec;
use alloc::vec::Vec;

use aws_lc_rs::agreement::{self, PrivateKey, UnparsedPublicKey, ECDH_P256, ECDH_P384, ECDH_P521};
use zeroize::Zeroizing;

use super::algorithm::AgreementCurve;
use super::key::KeyFailure;

/// AWS-LC's copy of an EC private key on a NIST curve. AWS-LC wipes the scalar when it
/// frees it.
pub(super) struct FastEcdh {
    key: PrivateKey,
    curve: AgreementCurve,
    field_len: usize,
}

impl FastEcdh {
    /// `None` for a curve AWS-LC has no agreement on, or a scalar it does not take: the
    /// RustCrypto key then agrees alone.
    pub(super) fn new(curve: AgreementCurve, scalar: &[u8]) -> Option<Self> {
        let (algorithm, field_len): (_, usize) = match curve {
            AgreementCurve::P256 => (&ECDH_P256, 32),
            AgreementCurve::P384 => (&ECDH_P384, 48),
            AgreementCurve::P521 => (&ECDH_P521, 66),
            _ => return None,
        };
        // SEC1 allows the leading zeros of the scalar to be left out; AWS-LC wants the
        // fixed length.
        let pad = field_len.checked_sub(scalar.len())?;
        let mut fixed = Zeroizing::new(vec![0u8; field_len]);
        fixed[pad..].copy_from_slice(scalar);
        let key = PrivateKey::from_private_key(algorithm, &fixed).ok()?;
        Some(FastEcdh {
            key,
            curve,
            field_len,
        })
    }

    /// `None` when the RustCrypto code must answer: another curve (the answer is then
    /// that the key is of the wrong kind), or a point not in the uncompressed form. AWS-LC
    /// would also read compressed, hybrid and SubjectPublicKeyInfo encodings; handing it
    /// only `04 || X || Y` keeps what is accepted exactly what the portable build accepts.
    pub(super) fn agree(
        &self,
        curve: AgreementCurve,
        point: &[u8],
    ) -> Option<Result<Zeroizing<Vec<u8>>, KeyFailure>> {
        if curve != self.curve
            || point.len() != 1 + 2 * self.field_len
            || point.first() != Some(&0x04)
        {
            return None;
        }
        let peer = UnparsedPublicKey::new(self.key.algorithm(), point);
        // A point off the curve or with a coordinate out of the field is not told apart
        // from any other failure.
        Some(agreement::agree(&self.key, peer, KeyFailure::Failed, |z| {
            Ok(Zeroizing::new(z.to_vec()))
        }))
    }
}
