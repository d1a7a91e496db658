//! Content decryption, AES key unwrap and ConcatKDF. Every failure here is `None`: the
//! caller turns all of them into the one decryption failure.

use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::algorithm::{ContentAlgorithm, KeyWrap};
use crate::crypto::DigestAlgorithm;

const GCM_IV: usize = 12;
const GCM_TAG: usize = 16;

/// The plaintext length a ciphertext of `len` bytes can give at most: checked before any
/// decryption, so a plaintext over the limit costs nothing to refuse.
pub(crate) fn max_plaintext_len(alg: ContentAlgorithm, len: usize) -> usize {
    match alg {
        ContentAlgorithm::Aes128Gcm | ContentAlgorithm::Aes192Gcm | ContentAlgorithm::Aes256Gcm => {
            len.saturating_sub(GCM_IV + GCM_TAG)
        }
        ContentAlgorithm::TripleDesCbc => len.saturating_sub(8 + 1),
        _ => len.saturating_sub(16 + 1),
    }
}

/// Decrypts `data` (IV, ciphertext and for GCM the tag, as XML Encryption lays them out).
/// For GCM the tag is checked before any plaintext exists.
#[cfg(feature = "decryption")]
pub(crate) fn decrypt_content(
    alg: ContentAlgorithm,
    key: &[u8],
    data: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    if key.len() != alg.key_len() {
        return None;
    }
    match alg {
        ContentAlgorithm::Aes128Gcm => gcm::<aes_gcm::Aes128Gcm>(key, data),
        ContentAlgorithm::Aes192Gcm => {
            gcm::<aes_gcm::AesGcm<aes::Aes192, aes_gcm::aead::consts::U12>>(key, data)
        }
        ContentAlgorithm::Aes256Gcm => gcm::<aes_gcm::Aes256Gcm>(key, data),
        ContentAlgorithm::Aes128Cbc => cbc::<aes::Aes128>(key, data),
        ContentAlgorithm::Aes192Cbc => cbc::<aes::Aes192>(key, data),
        ContentAlgorithm::Aes256Cbc => cbc::<aes::Aes256>(key, data),
        ContentAlgorithm::TripleDesCbc => cbc::<des::TdesEde3>(key, data),
    }
}

#[cfg(feature = "decryption")]
fn gcm<C>(key: &[u8], data: &[u8]) -> Option<Zeroizing<Vec<u8>>>
where
    C: aes_gcm::aead::Aead + aes_gcm::aead::KeyInit,
    C: aes_gcm::aead::AeadCore<NonceSize = aes_gcm::aead::consts::U12>,
{
    if data.len() < GCM_IV + GCM_TAG {
        return None;
    }
    let cipher = C::new_from_slice(key).ok()?;
    let (iv, rest) = data.split_at(GCM_IV);
    let nonce = aes_gcm::aead::Nonce::<C>::try_from(iv).ok()?;
    cipher.decrypt(&nonce, rest).ok().map(Zeroizing::new)
}

#[cfg(feature = "decryption")]
fn cbc<B>(key: &[u8], data: &[u8]) -> Option<Zeroizing<Vec<u8>>>
where
    B: cipher::BlockCipherDecrypt + cipher::KeyInit,
{
    use cipher::{BlockModeDecrypt, KeyIvInit};
    let block = <B as cipher::BlockSizeUser>::block_size();
    if data.len() < 2 * block || data.len() % block != 0 {
        return None;
    }
    let (iv, body) = data.split_at(block);
    let mut out = Zeroizing::new(body.to_vec());
    let mut dec = ::cbc::Decryptor::<B>::new_from_slices(key, iv).ok()?;
    let (blocks, rest) = cipher::array::Array::slice_as_chunks_mut(&mut out[..]);
    if !rest.is_empty() {
        return None;
    }
    dec.decrypt_blocks(blocks);
    // XML Encryption's padding: the last byte counts the padding bytes (1 to a block),
    // whose other values are arbitrary (ISO 10126).
    let pad = usize::from(*out.last()?);
    if pad == 0 || pad > block {
        return None;
    }
    let keep = out.len() - pad;
    out.truncate(keep);
    Some(out)
}

/// RFC 3394 key unwrap with a key-encryption key of `wrap`'s size.
#[cfg(feature = "decryption")]
pub(crate) fn unwrap_key(wrap: KeyWrap, kek: &[u8], wrapped: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if kek.len() != wrap.key_len() || wrapped.len() < 24 || wrapped.len() % 8 != 0 {
        return None;
    }
    use cipher::KeyInit;
    let mut out = Zeroizing::new(alloc::vec![0u8; wrapped.len() - 8]);
    let n = match wrap {
        KeyWrap::Aes128 => aes_kw::KwAes128::new_from_slice(kek)
            .ok()?
            .unwrap_key(wrapped, &mut out)
            .ok()?
            .len(),
        KeyWrap::Aes192 => aes_kw::KwAes192::new_from_slice(kek)
            .ok()?
            .unwrap_key(wrapped, &mut out)
            .ok()?
            .len(),
        KeyWrap::Aes256 => aes_kw::KwAes256::new_from_slice(kek)
            .ok()?
            .unwrap_key(wrapped, &mut out)
            .ok()?
            .len(),
    };
    out.truncate(n);
    Some(out)
}

/// Without the feature `decryption` there are no ciphers: `decrypt_element` refuses
/// before a key is used, so these are never reached.
#[cfg(not(feature = "decryption"))]
pub(crate) fn decrypt_content(
    _alg: ContentAlgorithm,
    _key: &[u8],
    _data: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    None
}

/// As [`decrypt_content`] without the feature `decryption`.
#[cfg(not(feature = "decryption"))]
pub(crate) fn unwrap_key(
    _wrap: KeyWrap,
    _kek: &[u8],
    _wrapped: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    None
}

/// NIST SP 800-56A ConcatKDF: `len` bytes of `H(counter ‖ Z ‖ OtherInfo)` blocks.
pub(crate) fn concat_kdf(
    digest: DigestAlgorithm,
    z: &[u8],
    other_info: &[u8],
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(len + 64));
    let mut counter: u32 = 1;
    while out.len() < len {
        let mut h = digest.hasher();
        h.update(&counter.to_be_bytes());
        h.update(z);
        h.update(other_info);
        out.extend_from_slice(h.finish().as_bytes());
        counter += 1;
    }
    out.truncate(len);
    out
}

#[cfg(all(test, feature = "decryption"))]
mod tests {
    use super::*;

    #[test]
    fn rfc3394_unwraps_its_test_vector() {
        // RFC 3394 §4.1: 128 bits of key data with a 128-bit KEK.
        let kek = base16ct::mixed::decode_vec("000102030405060708090A0B0C0D0E0F").unwrap();
        let wrapped =
            base16ct::mixed::decode_vec("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5")
                .unwrap();
        let key = unwrap_key(KeyWrap::Aes128, &kek, &wrapped).unwrap();
        assert_eq!(
            base16ct::lower::encode_string(&key),
            "00112233445566778899aabbccddeeff"
        );
        let mut bad = wrapped.clone();
        bad[3] ^= 1;
        assert!(unwrap_key(KeyWrap::Aes128, &kek, &bad).is_none());
        assert!(unwrap_key(KeyWrap::Aes256, &kek, &wrapped).is_none());
    }

    #[test]
    fn cbc_padding_is_checked_and_removed() {
        use cipher::{BlockModeEncrypt, KeyIvInit};
        let key = [7u8; 16];
        let iv = [9u8; 16];
        // 20 bytes of text, 12 bytes of padding whose last byte is 12.
        let mut plain = b"<a>twenty bytes!</a>".to_vec();
        plain.extend_from_slice(&[0xAA; 11]);
        plain.push(12);
        let mut enc = ::cbc::Encryptor::<aes::Aes128>::new_from_slices(&key, &iv).unwrap();
        let (blocks, _) = cipher::array::Array::slice_as_chunks_mut(&mut plain[..]);
        enc.encrypt_blocks(blocks);
        let mut data = iv.to_vec();
        data.extend_from_slice(&plain);
        let out = decrypt_content(ContentAlgorithm::Aes128Cbc, &key, &data).unwrap();
        assert_eq!(&out[..], b"<a>twenty bytes!</a>");
        // A wrong key gives garbage padding or garbage text; never a panic.
        for k in 0..=255u8 {
            let _ = decrypt_content(ContentAlgorithm::Aes128Cbc, &[k; 16], &data);
        }
        assert!(decrypt_content(ContentAlgorithm::Aes128Cbc, &key, &data[..40]).is_none());
    }

    #[test]
    fn concat_kdf_spans_digest_blocks() {
        let one = concat_kdf(DigestAlgorithm::Sha256, b"z", b"info", 32);
        let two = concat_kdf(DigestAlgorithm::Sha256, b"z", b"info", 48);
        assert_eq!(&two[..32], &one[..]);
        assert_eq!(two.len(), 48);
    }
}
