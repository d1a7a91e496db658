//! The DER SubjectPublicKeyInfo of a token's key, built from its PKCS#11 attributes: the
//! core names a message's recipient by SPKI (from its certificate or
//! `DEREncodedKeyValue`), so the bytes must be the ones a certificate carries.

use der::asn1::{Any, BitString, ObjectIdentifier, OctetString, UintRef};
use der::{Decode, Encode, Tag};
use spki::{AlgorithmIdentifier, SubjectPublicKeyInfo};

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// `rsaEncryption` with NULL parameters and the PKCS#1 `RSAPublicKey`, from
/// `CKA_MODULUS` and `CKA_PUBLIC_EXPONENT` (big-endian, perhaps with leading zeros).
pub(crate) fn rsa(modulus: &[u8], exponent: &[u8]) -> Result<Vec<u8>, String> {
    let bad = |_| String::from("the RSA public key attributes cannot be encoded");
    let mut body = UintRef::new(modulus).map_err(bad)?.to_der().map_err(bad)?;
    body.extend(UintRef::new(exponent).map_err(bad)?.to_der().map_err(bad)?);
    let key = Any::new(Tag::Sequence, body)
        .map_err(bad)?
        .to_der()
        .map_err(bad)?;
    SubjectPublicKeyInfo {
        algorithm: AlgorithmIdentifier {
            oid: OID_RSA,
            parameters: Some(Any::null()),
        },
        subject_public_key: BitString::from_bytes(&key).map_err(bad)?,
    }
    .to_der()
    .map_err(bad)
}

/// `id-ecPublicKey` with the named curve, and the SEC1 point.
pub(crate) fn ec(curve: ObjectIdentifier, point: &[u8]) -> Result<Vec<u8>, String> {
    let bad = |_| String::from("the EC public key attributes cannot be encoded");
    SubjectPublicKeyInfo {
        algorithm: AlgorithmIdentifier {
            oid: OID_EC,
            parameters: Some(curve),
        },
        subject_public_key: BitString::from_bytes(point).map_err(bad)?,
    }
    .to_der()
    .map_err(bad)
}

/// The curve of `CKA_EC_PARAMS`: PKCS#11 stores X9.62 `ECParameters`, of which only the
/// `namedCurve` choice (an OID) names a curve ECDH-ES can agree on.
pub(crate) fn curve_oid(ec_params: &[u8]) -> Result<ObjectIdentifier, String> {
    ObjectIdentifier::from_der(ec_params)
        .map_err(|_| String::from("the EC key's CKA_EC_PARAMS is not a named curve (an OID)"))
}

/// The SEC1 point of `CKA_EC_POINT`. PKCS#11 says a DER OCTET STRING wraps it; some
/// tokens give the bare point, which an uncompressed point of the curve's size tells
/// apart.
pub(crate) fn ec_point(ec_point: &[u8], field_len: usize) -> Result<Vec<u8>, String> {
    let uncompressed = 1 + 2 * field_len;
    if let Ok(wrapped) = OctetString::from_der(ec_point) {
        let p = wrapped.as_bytes();
        if p.len() == uncompressed && p[0] == 0x04 {
            return Ok(p.to_vec());
        }
    }
    if ec_point.len() == uncompressed && ec_point[0] == 0x04 {
        return Ok(ec_point.to_vec());
    }
    Err("the EC public key's CKA_EC_POINT is not an uncompressed point of its curve".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsa_spki_strips_and_adds_zeros_as_der_wants() {
        // modulus 0x00C5 (a leading zero, high bit set after it), exponent 65537
        let der = rsa(&[0x00, 0xc5], &[0x01, 0x00, 0x01]).unwrap();
        let want = [
            0x30, 0x1d, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00, 0x03, 0x0c, 0x00, 0x30, 0x09, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x03,
            0x01, 0x00, 0x01,
        ];
        assert_eq!(der, want);
    }

    #[test]
    fn ec_point_takes_both_encodings() {
        let mut point = vec![0x04];
        point.extend([7u8; 64]);
        let mut wrapped = vec![0x04, 65];
        wrapped.extend(&point);
        assert_eq!(ec_point(&wrapped, 32).unwrap(), point);
        assert_eq!(ec_point(&point, 32).unwrap(), point);
        assert!(ec_point(&point[..33], 32).is_err());
        let p256 = curve_oid(&[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);
        assert_eq!(p256.unwrap().to_string(), "1.2.840.10045.3.1.7");
    }
}
