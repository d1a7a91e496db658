//! brainpoolP512r1 (RFC 5639 §3.7) arithmetic and ECDH.
//!
//! RustCrypto publishes `bp256` and `bp384` but no 512-bit Brainpool crate, so the curve is
//! defined here the same way `bp384` 0.14 defines brainpoolP384r1: field and scalar types from
//! `primefield`'s Montgomery macros, point arithmetic from `primeorder`. No fiat-crypto code exists
//! for this modulus, so both fields use the `crypto-bigint` backend (what `bp384` calls
//! `bp384_backend = "bigint"`), which is constant-time but slower than fiat.
//!
//! The types are `pub` because the trait impls the macros write need them to be; the
//! module is private to `xmlenc`.
#![allow(unreachable_pub)]

use elliptic_curve::{
    bigint::{Odd, U512},
    consts::U64,
    hazmat::FieldArithmetic,
    point::AffineCoordinates,
    sec1::ToSec1Point,
    subtle::ConstantTimeEq,
    zeroize::Zeroize,
    AffinePoint as GenericAffinePoint, CurveArithmetic, FieldBytes as GenericFieldBytes,
    NonZeroScalar as GenericNonZeroScalar, PrimeCurveArithmetic, PublicKey,
};
use primeorder::{mul_backend, point_arithmetic, PrimeCurveParams};

pub use field::FieldElement;
pub use scalar::Scalar;

/// Length in bytes of a base field or scalar field element.
pub const FIELD_LEN: usize = 64;

/// Length in bytes of an uncompressed SEC1 point (`04 || X || Y`).
pub const UNCOMPRESSED_POINT_LEN: usize = 1 + 2 * FIELD_LEN;

/// Group order n (RFC 5639 §3.7, "q").
const ORDER_HEX: &str = "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870553e5c414ca92619418661197fac10471db1d381085ddaddb58796829ca90069";
const ORDER: Odd<U512> = Odd::<U512>::from_be_hex(ORDER_HEX);

/// Field modulus p (RFC 5639 §3.7).
const MODULUS_HEX: &str = "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca703308717d4d9b009bc66842aecda12ae6a380e62881ff2f2d82c68528aa6056583a48f3";

/// brainpoolP512r1 elliptic curve: verifiably pseudo-random variant.
#[derive(Copy, Clone, Debug, Default, Eq, PartialEq, PartialOrd, Ord)]
pub struct BrainpoolP512r1;

impl elliptic_curve::Curve for BrainpoolP512r1 {
    type FieldBytesSize = U64;
    type Uint = U512;
    const ORDER: Odd<U512> = ORDER;
}

impl elliptic_curve::PrimeCurve for BrainpoolP512r1 {}

impl elliptic_curve::point::PointCompression for BrainpoolP512r1 {
    const COMPRESS_POINTS: bool = false;
}

/// Affine point on brainpoolP512r1.
pub type AffinePoint = primeorder::AffinePoint<BrainpoolP512r1>;
/// Projective point on brainpoolP512r1.
pub type ProjectivePoint = primeorder::ProjectivePoint<BrainpoolP512r1>;
/// Non-zero scalar modulo n.
pub type NonZeroScalar = GenericNonZeroScalar<BrainpoolP512r1>;
/// 64-byte big-endian field element encoding.
pub type FieldBytes = GenericFieldBytes<BrainpoolP512r1>;

mod field {
    // primefield's `monty_field_params!` expands to crypto-bigint's `Uint::bits`, which
    // crypto-bigint 0.7.11 (required by rsa 0.10.0) deprecates; the expansion is theirs.
    #![allow(deprecated)]
    use super::MODULUS_HEX;
    use elliptic_curve::{
        bigint::U512,
        ff::PrimeField,
        ops::BatchInvert,
        subtle::{Choice, ConstantTimeEq, CtOption},
    };

    // 2 is a quadratic non-residue mod p (p = 3 mod 4, so S = 1 and sqrt only needs a
    // non-residue). p - 1 = 2 * 7 * 61 * C with C a composite whose factors all exceed 10^7;
    // 2 has been checked to be a generator with respect to 2, 7 and 61.
    primefield::monty_field_params! {
        name: FieldParams,
        modulus: MODULUS_HEX,
        uint: U512,
        byte_order: primefield::ByteOrder::BigEndian,
        multiplicative_generator: 2,
        doc: "Montgomery parameters for brainpoolP512's field modulus"
    }

    primefield::monty_field_element! {
        name: FieldElement,
        params: FieldParams,
        uint: U512,
        doc: "Element in the brainpoolP512 finite field modulo p"
    }

    primefield::monty_field_arithmetic! {
        name: FieldElement,
        params: FieldParams,
        uint: U512
    }

    impl BatchInvert for FieldElement {}

    #[cfg(test)]
    mod tests {
        use super::{FieldElement, U512};
        primefield::test_primefield!(FieldElement, U512);
    }
}

mod scalar {
    // primefield's `monty_field_params!` expands to crypto-bigint's `Uint::bits`, which
    // crypto-bigint 0.7.11 (required by rsa 0.10.0) deprecates; the expansion is theirs.
    #![allow(deprecated)]
    use super::{BrainpoolP512r1, ORDER, ORDER_HEX};
    use elliptic_curve::{
        bigint::U512,
        ff::PrimeField,
        scalar::{FromUintUnchecked, IsHigh},
        subtle::{Choice, ConstantTimeEq, ConstantTimeGreater, CtOption},
    };
    use primeorder::wnaf;

    // n - 1 = 2^3 * 3 * 41 * 1559 * 4391 * 14557 * 33278821 * 56951731 * 82441673 * 447825179
    //         * 55886090402833 * (a 316-bit prime); 7 is the smallest primitive root.
    primefield::monty_field_params! {
        name: ScalarParams,
        modulus: ORDER_HEX,
        uint: U512,
        byte_order: primefield::ByteOrder::BigEndian,
        multiplicative_generator: 7,
        doc: "Montgomery parameters for brainpoolP512's scalar modulus"
    }

    primefield::monty_field_element! {
        name: Scalar,
        params: ScalarParams,
        uint: U512,
        doc: "Element in the brainpoolP512 scalar field modulo n"
    }

    primefield::monty_field_arithmetic! {
        name: Scalar,
        params: ScalarParams,
        uint: U512
    }

    primefield::monty_field_reduce! {
        name: Scalar,
        params: ScalarParams,
        uint: U512,
    }

    elliptic_curve::scalar_impls!(BrainpoolP512r1, Scalar);

    wnaf::impl_wnaf_size_for_scalar!(Scalar);

    impl AsRef<Scalar> for Scalar {
        fn as_ref(&self) -> &Scalar {
            self
        }
    }

    impl FromUintUnchecked for Scalar {
        type Uint = U512;

        fn from_uint_unchecked(uint: Self::Uint) -> Self {
            Self::from_uint_unchecked(uint)
        }
    }

    impl IsHigh for Scalar {
        fn is_high(&self) -> Choice {
            const MODULUS_SHR1: U512 = ORDER.as_ref().shr_vartime(1);
            self.to_canonical().ct_gt(&MODULUS_SHR1)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::{Scalar, U512};
        primefield::test_primefield!(Scalar, U512);
    }
}

impl CurveArithmetic for BrainpoolP512r1 {
    type AffinePoint = AffinePoint;
    type ProjectivePoint = ProjectivePoint;
    type Scalar = Scalar;
}

impl FieldArithmetic for BrainpoolP512r1 {
    type FieldElement = FieldElement;
}

impl PrimeCurveArithmetic for BrainpoolP512r1 {
    type CurveGroup = ProjectivePoint;
}

impl PrimeCurveParams for BrainpoolP512r1 {
    // a is not -3 for the r1 curves, so the complete formulas for generic a are required.
    type PointArithmetic = point_arithmetic::EquationAIsGeneric;
    type Backend = mul_backend::VariableOnly;

    const EQUATION_A: FieldElement = FieldElement::from_hex_vartime(
        "7830a3318b603b89e2327145ac234cc594cbdd8d3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94ca",
    );
    const EQUATION_B: FieldElement = FieldElement::from_hex_vartime(
        "3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94cadc083e67984050b75ebae5dd2809bd638016f723",
    );
    const GENERATOR: (FieldElement, FieldElement) = (
        FieldElement::from_hex_vartime(
            "81aee4bdd82ed9645a21322e9c4c6a9385ed9f70b5d916c1b43b62eef4d0098eff3b1f78e2d0d48d50d1687b93b97d5f7c6d5047406a5e688b352209bcb9f822",
        ),
        FieldElement::from_hex_vartime(
            "7dde385d566332ecc0eabfa9cf7822fdf209f70024a57b1aa000c55b881f8111b2dcde494a5f485e5bca4bd88a2763aed1ca2b2fa8f0540678cd1e0f3ad80892",
        ),
    );
}

/// Reasons an ECDH input or result is refused.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Bp512Error {
    /// The secret is not 64 bytes, is zero, or is not below the group order.
    InvalidSecret,
    /// The peer key is not a 129-byte uncompressed SEC1 point on the curve.
    InvalidPeerPoint,
    /// The product is the point at infinity.
    IdentityResult,
}

impl core::fmt::Display for Bp512Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::InvalidSecret => "invalid brainpoolP512r1 secret scalar",
            Self::InvalidPeerPoint => "invalid brainpoolP512r1 peer point",
            Self::IdentityResult => "brainpoolP512r1 ECDH produced the point at infinity",
        })
    }
}

impl core::error::Error for Bp512Error {}

fn parse_secret(secret_be: &[u8]) -> Result<NonZeroScalar, Bp512Error> {
    if secret_be.len() != FIELD_LEN {
        return Err(Bp512Error::InvalidSecret);
    }
    let mut repr = FieldBytes::default();
    repr.copy_from_slice(secret_be);
    // from_repr refuses values >= n in constant time; NonZeroScalar refuses 0.
    let scalar = NonZeroScalar::from_repr(repr);
    repr.zeroize();
    Option::from(scalar).ok_or(Bp512Error::InvalidSecret)
}

fn parse_peer(peer_sec1: &[u8]) -> Result<PublicKey<BrainpoolP512r1>, Bp512Error> {
    // The generic SEC1 decoder would also accept compressed and hybrid forms; the protocol only
    // allows uncompressed points, so the tag and length are pinned before decoding.
    if peer_sec1.len() != UNCOMPRESSED_POINT_LEN || peer_sec1[0] != 0x04 {
        return Err(Bp512Error::InvalidPeerPoint);
    }
    // Checks each coordinate is < p and that y^2 = x^3 + ax + b; refuses the identity.
    PublicKey::<BrainpoolP512r1>::from_sec1_bytes(peer_sec1)
        .map_err(|_| Bp512Error::InvalidPeerPoint)
}

/// x-coordinate of `secret · peer` on brainpoolP512r1 (the ECDH shared secret Z, 64 bytes).
pub fn ecdh(secret_be: &[u8], peer_sec1: &[u8]) -> Result<[u8; FIELD_LEN], Bp512Error> {
    let secret = parse_secret(secret_be)?;
    let peer = parse_peer(peer_sec1)?;

    // `Mul` on ProjectivePoint is primeorder's constant-time radix-16 ladder; `mul_vartime`
    // must not be used with a secret scalar.
    let product = peer.to_projective() * *secret;
    let shared: GenericAffinePoint<BrainpoolP512r1> = product.to_affine();
    if bool::from(shared.ct_eq(&AffinePoint::IDENTITY)) {
        return Err(Bp512Error::IdentityResult);
    }
    let mut out = [0u8; FIELD_LEN];
    out.copy_from_slice(&shared.x());
    Ok(out)
}

/// Uncompressed SEC1 public key `04 || X || Y` for a 64-byte big-endian secret.
pub fn public_key(secret_be: &[u8]) -> Result<[u8; UNCOMPRESSED_POINT_LEN], Bp512Error> {
    let secret = parse_secret(secret_be)?;
    let point = PublicKey::<BrainpoolP512r1>::from_secret_scalar(&secret);
    let encoded = point.as_affine().to_sec1_point(false);
    let mut out = [0u8; UNCOMPRESSED_POINT_LEN];
    out.copy_from_slice(encoded.as_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use elliptic_curve::{ff::PrimeField, group::Group};

    #[test]
    fn generator_has_order_n() {
        let g = ProjectivePoint::GENERATOR;
        // n·G = O, checked as (n-1)·G = -G because n itself is not a representable scalar.
        let n_minus_one = -Scalar::ONE;
        assert_eq!(g * n_minus_one, -g);
        assert!(!bool::from(g.is_identity()));
    }

    #[test]
    fn generator_is_on_curve() {
        let (x, y) = BrainpoolP512r1::GENERATOR;
        let rhs = x.square() * x + BrainpoolP512r1::EQUATION_A * x + BrainpoolP512r1::EQUATION_B;
        assert_eq!(y.square(), rhs);
    }

    #[test]
    fn scalar_modulus_is_the_group_order() {
        // -1 mod n must encode as n - 1.
        let mut n_minus_one = [0u8; FIELD_LEN];
        for (i, byte) in n_minus_one.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&ORDER_HEX[2 * i..2 * i + 2], 16).unwrap();
        }
        n_minus_one[FIELD_LEN - 1] -= 1;
        assert_eq!((-Scalar::ONE).to_repr().as_slice(), &n_minus_one);
        assert_eq!(
            <BrainpoolP512r1 as elliptic_curve::Curve>::ORDER.as_ref(),
            &U512::from_be_hex(ORDER_HEX)
        );
    }

    fn hex(s: &str) -> alloc::vec::Vec<u8> {
        base16ct::lower::decode_vec(s).unwrap()
    }

    /// Two key pairs and their shared secret made by `openssl genpkey` and
    /// `openssl pkeyutl -derive`.
    const A_PRIV: &str = "0983e138fe487e659550711773964e589ae049f64c0ef65b72e9e1d82129eda8ac254c30362122934b88f3b38118b8e7c3ce22084a5c155dfaca605f89c35276";
    const A_PUB: &str = "040c3638b99cd71bd593a31c5fcbef7c698f08c491d2b011694f4f1b3ffa6f068c3ee2bfd963da933a5be1734efa3efdd1cec3af00025a4232962e4678034bfb58473d3eab51b83812b71406e4e9f7c6573f1879875324a54bec93e15f2637554552e597ed2fad3eb85d517e62e599e426cbaf17c5f04787e05321e2699ec452d1";
    const B_PRIV: &str = "8fe931b02f9a71320ea74f134e9ce2c259daf95fa9e01a8023633bdda5c627b90da76d85b2f5718f8a65469c408da9e5128e653e010120f092f67eb40f28c0a7";
    const B_PUB: &str = "044d838a5aab9ae130dd507176eb3287bfca8b0c07d67f1f2604c10a042ab7f3d8e1bbb06fbda5a5a5aa0d72534f3f17e6cde7c62f3ea24cd988d3c99e4dca25f6327e9157ea7d0c97f5236869b1c3de050c652fcbf2fb269fc81bad33e485ccb5b456c01ef1e3501a4ed82535d94dd002332762fd0158d6933653d8591c2c46c9";
    const SHARED: &str = "444809837da76815aeffe9283492ebb9f80b59ad98e5ec88de2326c550b8e7f1279c6d3d8cd1e53e7dd0157e02fd6b89d65089ee75fa7c8d04e1d30cb4538588";

    #[test]
    fn agrees_with_openssl_both_ways() {
        assert_eq!(public_key(&hex(A_PRIV)).unwrap().to_vec(), hex(A_PUB));
        assert_eq!(public_key(&hex(B_PRIV)).unwrap().to_vec(), hex(B_PUB));
        assert_eq!(
            ecdh(&hex(A_PRIV), &hex(B_PUB)).unwrap().to_vec(),
            hex(SHARED)
        );
        assert_eq!(
            ecdh(&hex(B_PRIV), &hex(A_PUB)).unwrap().to_vec(),
            hex(SHARED)
        );
    }

    #[test]
    fn refuses_bad_points_and_scalars() {
        let mut off_curve = hex(B_PUB);
        off_curve[128] ^= 1;
        assert_eq!(
            ecdh(&hex(A_PRIV), &off_curve),
            Err(Bp512Error::InvalidPeerPoint)
        );
        let compressed = [&[0x02][..], &hex(B_PUB)[1..65]].concat();
        assert_eq!(
            ecdh(&hex(A_PRIV), &compressed),
            Err(Bp512Error::InvalidPeerPoint)
        );
        assert_eq!(ecdh(&hex(A_PRIV), &[0]), Err(Bp512Error::InvalidPeerPoint));
        assert_eq!(ecdh(&[0; 64], &hex(B_PUB)), Err(Bp512Error::InvalidSecret));
        assert_eq!(
            ecdh(&[0xff; 64], &hex(B_PUB)),
            Err(Bp512Error::InvalidSecret)
        );
    }
}
