//! The key seam of decryption: a relying party's private key turns an `EncryptedKey`
//! (RSA-OAEP) or a key agreement (ECDH-ES) into key material without the key having to
//! live in this process. [`Pkcs8Key`] is the in-memory implementation; the hosted layer
//! adds PKCS#11.

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::algorithm::{AgreementCurve, OaepDigest};
use super::XmlEncError;

/// Why a key could not do what was asked. Only [`KeyFailure::Unavailable`] reaches the
/// caller with its own code: every other failure is the one decryption failure, so the
/// answer never says which step went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyFailure {
    /// The key is of another kind (an EC key asked for RSA-OAEP, another curve).
    WrongKind,
    /// The operation ran and failed (bad padding, a point off the curve, …).
    Failed,
    /// The key's store could not be used (an HSM session, a login): says nothing of the
    /// ciphertext.
    Unavailable(String),
}

/// A relying party's private decryption key, wherever it lives.
///
/// Implementations must not distinguish failures about the ciphertext in what they
/// return: [`KeyFailure::Failed`] for all of them.
pub trait DecryptionKey {
    /// The DER SubjectPublicKeyInfo of the key: compared with the certificate or
    /// `DEREncodedKeyValue` an `EncryptedKey` names its recipient by.
    fn public_key_der(&self) -> &[u8];

    /// The names a `ds:KeyName` may call this key by.
    fn names(&self) -> &[String] {
        &[]
    }

    /// RSA-OAEP decryption of an encrypted key, with the OAEP digest, MGF1's digest and
    /// the label (`OAEPparams`, usually empty).
    ///
    /// # Errors
    /// [`KeyFailure`].
    fn rsa_oaep_decrypt(
        &self,
        digest: OaepDigest,
        mgf: OaepDigest,
        label: &[u8],
        ciphertext: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyFailure>;

    /// The ECDH shared secret (the x-coordinate, `field_len` bytes) with the
    /// originator's public point (SEC1, uncompressed).
    ///
    /// # Errors
    /// [`KeyFailure`].
    fn ecdh(
        &self,
        curve: AgreementCurve,
        originator_point: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyFailure>;
}

#[cfg(feature = "portable-decryption")]
pub use pkcs8::Pkcs8Key;

/// Without the feature `portable-decryption` (the npm package's WebCrypto module), there
/// is no in-memory private key: [`Pkcs8Key::from_pem`] refuses every key, so no
/// decryption can start.
#[cfg(not(feature = "portable-decryption"))]
pub struct Pkcs8Key {
    never: core::convert::Infallible,
}

#[cfg(not(feature = "portable-decryption"))]
impl Pkcs8Key {
    /// Refuses: this build decrypts nothing.
    ///
    /// # Errors
    /// Always [`XmlEncError::BadKey`].
    pub fn from_pem(_pem: &[u8]) -> Result<Self, XmlEncError> {
        Err(XmlEncError::BadKey {
            reason: String::from(
                "this build has no private-key decryption (the WebCrypto entry of the npm package); use the synchronous entry",
            ),
        })
    }

    /// As [`Pkcs8Key::from_pem`].
    ///
    /// # Errors
    /// Always [`XmlEncError::BadKey`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, XmlEncError> {
        Self::from_pem(der)
    }

    /// Never reached: there is no key.
    #[must_use]
    pub fn with_name(self, _name: &str) -> Self {
        self
    }
}

#[cfg(not(feature = "portable-decryption"))]
impl core::fmt::Debug for Pkcs8Key {
    fn fmt(&self, _f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.never {}
    }
}

#[cfg(not(feature = "portable-decryption"))]
impl DecryptionKey for Pkcs8Key {
    fn public_key_der(&self) -> &[u8] {
        match self.never {}
    }

    fn rsa_oaep_decrypt(
        &self,
        _digest: OaepDigest,
        _mgf: OaepDigest,
        _label: &[u8],
        _ciphertext: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
        match self.never {}
    }

    fn ecdh(
        &self,
        _curve: AgreementCurve,
        _originator_point: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
        match self.never {}
    }
}

/// The in-memory private keys: RSA-OAEP and ECDH with RustCrypto (and AWS-LC under
/// `fast`).
#[cfg(feature = "portable-decryption")]
mod pkcs8 {
    use alloc::boxed::Box;
    use alloc::string::String;
    use alloc::vec::Vec;

    use der::{Decode, Encode};
    use zeroize::Zeroizing;

    use super::{AgreementCurve, DecryptionKey, KeyFailure, OaepDigest, XmlEncError};
    /// An RSA private key, with the secret its decryption is blinded by and, under `fast`,
    /// AWS-LC's copy of it, built once here rather than per decryption.
    struct RsaSecret {
        key: rsa::PrivateKey,
        /// Keys the blinding of the rsa crate's decryption (see `BlindingRng`).
        blinding_secret: Zeroizing<[u8; 32]>,
        #[cfg(feature = "fast")]
        fast: Option<super::super::oaep_fast::FastRsa>,
    }

    impl RsaSecret {
        /// RSA-OAEP with the rsa crate, which has every digest pair and runs without `std`.
        fn decrypt_portable(
            &self,
            digest: OaepDigest,
            mgf: OaepDigest,
            label: &[u8],
            ciphertext: &[u8],
        ) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
            use sha2::Digest;
            let seed: [u8; 32] = sha2::Sha256::new()
                .chain_update(&self.blinding_secret[..])
                .chain_update(ciphertext)
                .finalize()
                .into();
            let mut rng = BlindingRng { seed, counter: 0 };
            oaep_decrypt(&self.key, &mut rng, digest, mgf, label, ciphertext)
                .map(Zeroizing::new)
                .ok_or(KeyFailure::Failed)
        }
    }

    enum Secret {
        Rsa(Box<RsaSecret>),
        P256(p256::SecretKey),
        P384(p384::SecretKey),
        P521(p521::SecretKey),
        Bp256(elliptic_curve::SecretKey<bp256::BrainpoolP256r1>),
        Bp384(elliptic_curve::SecretKey<bp384::BrainpoolP384r1>),
        Bp512(Zeroizing<[u8; 64]>),
    }

    /// A private key held in memory, read from PKCS#8 (`PRIVATE KEY`), PKCS#1
    /// (`RSA PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`): RSA, or EC on P-256, P-384, P-521 and
    /// brainpoolP256r1/P384r1/P512r1.
    ///
    /// # Examples
    /// ```
    /// use trustmeta::xmlenc::{DecryptionKey, Pkcs8Key};
    /// let pem = include_bytes!("../../../tests/data/xmldsig-gen/pki/leaf-p256.key");
    /// let key = Pkcs8Key::from_pem(pem)?.with_name("sp-encryption");
    /// assert_eq!(key.names(), ["sp-encryption"]);
    /// # Ok::<(), trustmeta::xmlenc::XmlEncError>(())
    /// ```
    pub struct Pkcs8Key {
        secret: Secret,
        spki: Vec<u8>,
        names: Vec<String>,
        /// AWS-LC's copy of a P-256, P-384 or P-521 key, built once here rather than per
        /// agreement.
        #[cfg(feature = "fast")]
        fast_ecdh: Option<super::super::ecdh_fast::FastEcdh>,
    }

    impl core::fmt::Debug for Pkcs8Key {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            let kind = match self.secret {
                Secret::Rsa(_) => "RSA",
                Secret::P256(_) => "P-256",
                Secret::P384(_) => "P-384",
                Secret::P521(_) => "P-521",
                Secret::Bp256(_) => "brainpoolP256r1",
                Secret::Bp384(_) => "brainpoolP384r1",
                Secret::Bp512(_) => "brainpoolP512r1",
            };
            write!(f, "Pkcs8Key({kind}, {:?})", self.names)
        }
    }

    const OID_RSA: der::asn1::ObjectIdentifier =
        der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
    const OID_EC: der::asn1::ObjectIdentifier =
        der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

    fn bad_key(reason: &str) -> XmlEncError {
        XmlEncError::BadKey {
            reason: String::from(reason),
        }
    }

    impl Pkcs8Key {
        /// Reads the first private key of a PEM text: `PRIVATE KEY`, `RSA PRIVATE KEY` or
        /// `EC PRIVATE KEY`.
        ///
        /// # Errors
        /// [`XmlEncError::BadKey`] when there is none, or it is encrypted, damaged or of an
        /// unsupported kind.
        pub fn from_pem(pem: &[u8]) -> Result<Self, XmlEncError> {
            let text = core::str::from_utf8(pem).map_err(|_| bad_key("the PEM is not text"))?;
            if text.contains("ENCRYPTED PRIVATE KEY") {
                return Err(bad_key("the key is encrypted; give it unencrypted"));
            }
            let block = |label| crate::encoding::pem_blocks(text, label).next();
            if let Some(der) = block("PRIVATE KEY") {
                return Self::from_pkcs8_der(&der);
            }
            if let Some(der) = block("RSA PRIVATE KEY") {
                let key =
                    <rsa::PrivateKey as rsa::pkcs1::DecodeRsaPrivateKey>::from_pkcs1_der(&der)
                        .map_err(|_| bad_key("the RSA PRIVATE KEY block is damaged"))?;
                return Self::rsa(key);
            }
            if let Some(der) = block("EC PRIVATE KEY") {
                let parsed = sec1::EcPrivateKey::from_der(&der)
                    .map_err(|_| bad_key("the EC PRIVATE KEY block is damaged"))?;
                let curve = parsed
                    .parameters
                    .and_then(|p| p.named_curve())
                    .ok_or_else(|| bad_key("the EC key names no curve"))?;
                return Self::ec(curve, &der);
            }
            Err(bad_key("no PRIVATE KEY block"))
        }

        /// Reads a DER PKCS#8 `PrivateKeyInfo`.
        ///
        /// # Errors
        /// As [`Pkcs8Key::from_pem`].
        pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, XmlEncError> {
            let info = pkcs8::PrivateKeyInfoRef::try_from(der)
                .map_err(|_| bad_key("not a PKCS#8 PrivateKeyInfo"))?;
            let oid = info.algorithm.oid;
            if oid == OID_RSA {
                let key = <rsa::PrivateKey as rsa::pkcs1::DecodeRsaPrivateKey>::from_pkcs1_der(
                    info.private_key.as_bytes(),
                )
                .map_err(|_| bad_key("the RSA key is damaged"))?;
                return Self::rsa(key);
            }
            if oid == OID_EC {
                let curve = info
                    .algorithm
                    .parameters_oid()
                    .map_err(|_| bad_key("the EC key names no curve"))?;
                return Self::ec(curve, info.private_key.as_bytes());
            }
            Err(bad_key("only RSA and EC keys decrypt"))
        }

        fn rsa(key: rsa::PrivateKey) -> Result<Self, XmlEncError> {
            use rsa::pkcs1::EncodeRsaPrivateKey;
            use rsa::pkcs8::EncodePublicKey;
            use sha2::Digest;
            let spki = rsa::PublicKey::from(&key)
                .to_public_key_der()
                .map_err(|_| bad_key("the RSA key cannot be encoded"))?
                .into_vec();
            let der = key
                .to_pkcs1_der()
                .map_err(|_| bad_key("the RSA key cannot be encoded"))?;
            let blinding_secret = Zeroizing::new(
                sha2::Sha256::new()
                    .chain_update(b"trustmeta rsa blinding")
                    .chain_update(der.as_bytes())
                    .finalize()
                    .into(),
            );
            Ok(Pkcs8Key {
                secret: Secret::Rsa(Box::new(RsaSecret {
                    #[cfg(feature = "fast")]
                    fast: super::super::oaep_fast::FastRsa::new(&key),
                    key,
                    blinding_secret,
                })),
                spki,
                names: Vec::new(),
                #[cfg(feature = "fast")]
                fast_ecdh: None,
            })
        }

        /// An EC key on `curve` from its SEC1 `ECPrivateKey` DER.
        fn ec(curve: der::asn1::ObjectIdentifier, sec1_der: &[u8]) -> Result<Self, XmlEncError> {
            let parsed = sec1::EcPrivateKey::from_der(sec1_der)
                .map_err(|_| bad_key("the EC key is damaged"))?;
            let scalar = parsed.private_key;
            let named = AgreementCurve::from_oid(&alloc::format!("{curve}"))
                .ok_or_else(|| bad_key("the EC key's curve is not one ECDH-ES uses here"))?;
            let damaged = |_| bad_key("the EC key is damaged");
            let (secret, point) = match named {
                AgreementCurve::P256 => {
                    let k = p256::SecretKey::from_slice(scalar).map_err(damaged)?;
                    let p = k.public_key().to_sec1_bytes().to_vec();
                    (Secret::P256(k), p)
                }
                AgreementCurve::P384 => {
                    let k = p384::SecretKey::from_slice(scalar).map_err(damaged)?;
                    let p = k.public_key().to_sec1_bytes().to_vec();
                    (Secret::P384(k), p)
                }
                AgreementCurve::P521 => {
                    let k = p521::SecretKey::from_slice(scalar).map_err(damaged)?;
                    let p = k.public_key().to_sec1_bytes().to_vec();
                    (Secret::P521(k), p)
                }
                AgreementCurve::BrainpoolP256r1 => {
                    let k = elliptic_curve::SecretKey::<bp256::BrainpoolP256r1>::from_slice(scalar)
                        .map_err(damaged)?;
                    let p = k.public_key().to_sec1_bytes().to_vec();
                    (Secret::Bp256(k), p)
                }
                AgreementCurve::BrainpoolP384r1 => {
                    let k = elliptic_curve::SecretKey::<bp384::BrainpoolP384r1>::from_slice(scalar)
                        .map_err(damaged)?;
                    let p = k.public_key().to_sec1_bytes().to_vec();
                    (Secret::Bp384(k), p)
                }
                AgreementCurve::BrainpoolP512r1 => {
                    let bytes: [u8; 64] = scalar
                        .try_into()
                        .map_err(|_| bad_key("the EC key is damaged"))?;
                    let p = super::super::bp512::public_key(&bytes)
                        .map_err(|_| bad_key("the EC key is damaged"))?;
                    (Secret::Bp512(Zeroizing::new(bytes)), p.to_vec())
                }
            };
            Ok(Pkcs8Key {
                secret,
                spki: ec_spki(curve, &point)?,
                names: Vec::new(),
                #[cfg(feature = "fast")]
                fast_ecdh: super::super::ecdh_fast::FastEcdh::new(named, scalar),
            })
        }

        /// The same key, also answering to `name` in a `ds:KeyName`.
        pub fn with_name(mut self, name: &str) -> Self {
            self.names.push(String::from(name));
            self
        }
    }

    /// The SubjectPublicKeyInfo of an EC public point on `curve`.
    fn ec_spki(curve: der::asn1::ObjectIdentifier, point: &[u8]) -> Result<Vec<u8>, XmlEncError> {
        let info = spki::SubjectPublicKeyInfo {
            algorithm: spki::AlgorithmIdentifier {
                oid: OID_EC,
                parameters: Some(curve),
            },
            subject_public_key: der::asn1::BitString::from_bytes(point)
                .map_err(|_| bad_key("the EC point cannot be encoded"))?,
        };
        info.to_der()
            .map_err(|_| bad_key("the EC key cannot be encoded"))
    }

    /// The blinding values of RSA decryption, derived from a secret of the key and the
    /// ciphertext: unpredictable to whoever chose the ciphertext, as a random source would
    /// be, without needing one (`no_std` targets may have none).
    struct BlindingRng {
        seed: [u8; 32],
        counter: u64,
    }

    impl rsa::rand_core::TryRng for BlindingRng {
        type Error = core::convert::Infallible;

        fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
            let mut b = [0u8; 4];
            self.try_fill_bytes(&mut b)?;
            Ok(u32::from_le_bytes(b))
        }

        fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
            let mut b = [0u8; 8];
            self.try_fill_bytes(&mut b)?;
            Ok(u64::from_le_bytes(b))
        }

        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
            use sha2::Digest;
            for chunk in dst.chunks_mut(32) {
                let block = sha2::Sha256::new()
                    .chain_update(self.seed)
                    .chain_update(self.counter.to_be_bytes())
                    .finalize();
                self.counter += 1;
                chunk.copy_from_slice(&block[..chunk.len()]);
            }
            Ok(())
        }
    }

    impl rsa::rand_core::TryCryptoRng for BlindingRng {}

    /// RSA-OAEP decryption with the digests named at run time.
    fn oaep_decrypt(
        key: &rsa::PrivateKey,
        rng: &mut BlindingRng,
        digest: OaepDigest,
        mgf: OaepDigest,
        label: &[u8],
        ciphertext: &[u8],
    ) -> Option<Vec<u8>> {
        use sha1::Sha1;
        use sha2::{Sha224, Sha256, Sha384, Sha512};
        let label: Option<Box<[u8]>> = (!label.is_empty()).then(|| label.into());
        macro_rules! run {
            ($d:ty, $m:ty) => {{
                let mut padding = rsa::Oaep::<$d, $m>::new_with_mgf_hash();
                padding.label = label;
                key.decrypt_blinded(rng, padding, ciphertext).ok()
            }};
        }
        macro_rules! with_mgf {
            ($d:ty) => {
                match mgf {
                    OaepDigest::Sha1 => run!($d, Sha1),
                    OaepDigest::Sha224 => run!($d, Sha224),
                    OaepDigest::Sha256 => run!($d, Sha256),
                    OaepDigest::Sha384 => run!($d, Sha384),
                    OaepDigest::Sha512 => run!($d, Sha512),
                }
            };
        }
        match digest {
            OaepDigest::Sha1 => with_mgf!(Sha1),
            OaepDigest::Sha224 => with_mgf!(Sha224),
            OaepDigest::Sha256 => with_mgf!(Sha256),
            OaepDigest::Sha384 => with_mgf!(Sha384),
            OaepDigest::Sha512 => with_mgf!(Sha512),
        }
    }

    impl DecryptionKey for Pkcs8Key {
        fn public_key_der(&self) -> &[u8] {
            &self.spki
        }

        fn names(&self) -> &[String] {
            &self.names
        }

        fn rsa_oaep_decrypt(
            &self,
            digest: OaepDigest,
            mgf: OaepDigest,
            label: &[u8],
            ciphertext: &[u8],
        ) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
            let Secret::Rsa(rsa) = &self.secret else {
                return Err(KeyFailure::WrongKind);
            };
            #[cfg(feature = "fast")]
            if let Some(result) = rsa
                .fast
                .as_ref()
                .and_then(|fast| fast.decrypt(digest, mgf, label, ciphertext))
            {
                return result;
            }
            rsa.decrypt_portable(digest, mgf, label, ciphertext)
        }

        fn ecdh(
            &self,
            curve: AgreementCurve,
            originator_point: &[u8],
        ) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
            #[cfg(feature = "fast")]
            if let Some(result) = self
                .fast_ecdh
                .as_ref()
                .and_then(|fast| fast.agree(curve, originator_point))
            {
                return result;
            }
            self.ecdh_portable(curve, originator_point)
        }
    }

    impl Pkcs8Key {
        /// ECDH with the RustCrypto curves, which have every curve and run without `std`.
        fn ecdh_portable(
            &self,
            curve: AgreementCurve,
            originator_point: &[u8],
        ) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
            fn agree<C>(
                secret: &elliptic_curve::SecretKey<C>,
                point: &[u8],
            ) -> Result<Zeroizing<Vec<u8>>, KeyFailure>
            where
                C: elliptic_curve::CurveArithmetic,
                elliptic_curve::FieldBytesSize<C>: elliptic_curve::sec1::ModulusSize,
                elliptic_curve::AffinePoint<C>:
                    elliptic_curve::sec1::FromSec1Point<C> + elliptic_curve::sec1::ToSec1Point<C>,
            {
                let peer = elliptic_curve::PublicKey::<C>::from_sec1_bytes(point)
                    .map_err(|_| KeyFailure::Failed)?;
                let shared = elliptic_curve::ecdh::diffie_hellman(
                    secret.to_nonzero_scalar(),
                    peer.as_affine(),
                );
                Ok(Zeroizing::new(shared.raw_secret_bytes().to_vec()))
            }
            match (&self.secret, curve) {
                (Secret::P256(k), AgreementCurve::P256) => agree(k, originator_point),
                (Secret::P384(k), AgreementCurve::P384) => agree(k, originator_point),
                (Secret::P521(k), AgreementCurve::P521) => agree(k, originator_point),
                (Secret::Bp256(k), AgreementCurve::BrainpoolP256r1) => agree(k, originator_point),
                (Secret::Bp384(k), AgreementCurve::BrainpoolP384r1) => agree(k, originator_point),
                (Secret::Bp512(k), AgreementCurve::BrainpoolP512r1) => {
                    super::super::bp512::ecdh(&k[..], originator_point)
                        .map(|z| Zeroizing::new(z.to_vec()))
                        .map_err(|_| KeyFailure::Failed)
                }
                _ => Err(KeyFailure::WrongKind),
            }
        }
    }

    #[cfg(all(test, feature = "fast"))]
    mod tests {
        use super::*;
        use rsa::traits::PaddingScheme;
        use sha1::Sha1;
        use sha2::{Sha224, Sha256, Sha384, Sha512};

        type Encrypt = fn(&rsa::PublicKey, &[u8], &[u8]) -> Vec<u8>;

        fn encrypt<D, M>(public: &rsa::PublicKey, label: &[u8], message: &[u8]) -> Vec<u8>
        where
            D: 'static + sha2::Digest + sha2::digest::FixedOutputReset + Send + Sync,
            M: 'static + sha2::Digest + sha2::digest::FixedOutputReset + Send + Sync,
        {
            let mut padding = rsa::Oaep::<D, M>::new_with_mgf_hash();
            padding.label = (!label.is_empty()).then(|| label.into());
            let mut rng = BlindingRng {
                seed: [7; 32],
                counter: 0,
            };
            padding.encrypt(&mut rng, public, message).unwrap()
        }

        /// Both digests the same (AWS-LC's four) and mixed (the rsa crate's alone).
        const VARIANTS: [(OaepDigest, OaepDigest, Encrypt, bool); 9] = [
            (
                OaepDigest::Sha1,
                OaepDigest::Sha1,
                encrypt::<Sha1, Sha1>,
                true,
            ),
            (
                OaepDigest::Sha256,
                OaepDigest::Sha256,
                encrypt::<Sha256, Sha256>,
                true,
            ),
            (
                OaepDigest::Sha384,
                OaepDigest::Sha384,
                encrypt::<Sha384, Sha384>,
                true,
            ),
            (
                OaepDigest::Sha512,
                OaepDigest::Sha512,
                encrypt::<Sha512, Sha512>,
                true,
            ),
            (
                OaepDigest::Sha256,
                OaepDigest::Sha1,
                encrypt::<Sha256, Sha1>,
                false,
            ),
            (
                OaepDigest::Sha512,
                OaepDigest::Sha1,
                encrypt::<Sha512, Sha1>,
                false,
            ),
            (
                OaepDigest::Sha1,
                OaepDigest::Sha256,
                encrypt::<Sha1, Sha256>,
                false,
            ),
            (
                OaepDigest::Sha224,
                OaepDigest::Sha224,
                encrypt::<Sha224, Sha224>,
                false,
            ),
            (
                OaepDigest::Sha384,
                OaepDigest::Sha256,
                encrypt::<Sha384, Sha256>,
                false,
            ),
        ];

        fn rsa_key(pem: &[u8]) -> (Pkcs8Key, rsa::PublicKey) {
            let key = Pkcs8Key::from_pem(pem).unwrap();
            let Secret::Rsa(rsa) = &key.secret else {
                panic!("not an RSA key")
            };
            let public = rsa::PublicKey::from(&rsa.key);
            (key, public)
        }

        fn parts(key: &Pkcs8Key) -> &RsaSecret {
            match &key.secret {
                Secret::Rsa(rsa) => rsa,
                _ => unreachable!(),
            }
        }

        #[test]
        fn aws_lc_and_the_rsa_crate_agree_on_every_oaep_variant() {
            let content_key = [0x5Au8; 32];
            for pem in [
                &include_bytes!("../../../tests/data/xmldsig-gen/pki/leaf-rsa2048.key")[..],
                &include_bytes!("../../../tests/data/xmldsig-gen/pki/leaf-rsa3072.key")[..],
            ] {
                let (key, public) = rsa_key(pem);
                let rsa = parts(&key);
                let fast = rsa.fast.as_ref().expect("AWS-LC takes a 2048/3072-bit key");
                for (digest, mgf, encrypt, aws_lc_has_it) in VARIANTS {
                    for label in [&b""[..], b"OAEPparams"] {
                        let ciphertext = encrypt(&public, label, &content_key);
                        let portable = rsa.decrypt_portable(digest, mgf, label, &ciphertext);
                        assert_eq!(portable.as_deref().map(|k| &k[..]), Ok(&content_key[..]));
                        let by_fast = fast.decrypt(digest, mgf, label, &ciphertext);
                        assert_eq!(by_fast.is_some(), aws_lc_has_it, "{digest:?}/{mgf:?}");
                        if let Some(by_fast) = by_fast {
                            assert_eq!(by_fast, portable, "{digest:?}/{mgf:?}");
                        }
                        assert_eq!(
                            key.rsa_oaep_decrypt(digest, mgf, label, &ciphertext),
                            portable
                        );

                        let mut corrupted = ciphertext.clone();
                        corrupted[ciphertext.len() / 2] ^= 0x01;
                        let wrong_label: &[u8] = if label.is_empty() { b"x" } else { b"" };
                        let mut too_big = ciphertext.clone();
                        too_big.fill(0xFF);
                        for (bad, label) in [
                            (&corrupted[..], label),
                            (&ciphertext[..], wrong_label),
                            (&ciphertext[1..], label),
                            (&too_big[..], label),
                            (&[][..], label),
                        ] {
                            let portable = rsa.decrypt_portable(digest, mgf, label, bad);
                            assert_eq!(portable, Err(KeyFailure::Failed));
                            if let Some(by_fast) = fast.decrypt(digest, mgf, label, bad) {
                                assert_eq!(by_fast, Err(KeyFailure::Failed));
                            }
                            assert_eq!(
                                key.rsa_oaep_decrypt(digest, mgf, label, bad),
                                Err(KeyFailure::Failed)
                            );
                        }
                    }
                }
            }
        }

        #[test]
        fn what_aws_lc_encrypts_the_rsa_crate_decrypts() {
            use aws_lc_rs::rsa::{OaepPublicEncryptingKey, PublicEncryptingKey};
            let (key, _) = rsa_key(include_bytes!(
                "../../../tests/data/xmldsig-gen/pki/leaf-rsa3072.key"
            ));
            let public = OaepPublicEncryptingKey::new(
                PublicEncryptingKey::from_der(key.public_key_der()).unwrap(),
            )
            .unwrap();
            let content_key = [0xC3u8; 24];
            for (digest, algorithm) in [
                (OaepDigest::Sha1, &aws_lc_rs::rsa::OAEP_SHA1_MGF1SHA1),
                (OaepDigest::Sha256, &aws_lc_rs::rsa::OAEP_SHA256_MGF1SHA256),
                (OaepDigest::Sha384, &aws_lc_rs::rsa::OAEP_SHA384_MGF1SHA384),
                (OaepDigest::Sha512, &aws_lc_rs::rsa::OAEP_SHA512_MGF1SHA512),
            ] {
                let mut ciphertext = alloc::vec![0u8; public.ciphertext_size()];
                let ciphertext = public
                    .encrypt(algorithm, &content_key, &mut ciphertext, Some(b"L"))
                    .unwrap();
                let portable = parts(&key).decrypt_portable(digest, digest, b"L", ciphertext);
                assert_eq!(portable.as_deref().map(|k| &k[..]), Ok(&content_key[..]));
                assert_eq!(
                    key.rsa_oaep_decrypt(digest, digest, b"L", ciphertext),
                    portable
                );
            }
        }

        #[test]
        fn the_key_stays_shareable_across_threads() {
            // The bindings hand one key to every thread that verifies.
            fn shareable<T: Send + Sync>() {}
            shareable::<Pkcs8Key>();
        }

        #[test]
        fn a_key_aws_lc_refuses_still_decrypts_with_the_rsa_crate() {
            let (key, public) = rsa_key(include_bytes!(
                "../../../tests/data/xmldsig-gen/pki/leaf-rsa1024.key"
            ));
            assert!(parts(&key).fast.is_none());
            let ciphertext = encrypt::<Sha1, Sha1>(&public, b"", &[1; 16]);
            let plain = key
                .rsa_oaep_decrypt(OaepDigest::Sha1, OaepDigest::Sha1, b"", &ciphertext)
                .unwrap();
            assert_eq!(&plain[..], &[1; 16]);
        }

        /// A scalar under each NIST order (P-521's begins 0x01 0xFF).
        fn scalar(len: usize, fill: u8) -> Vec<u8> {
            let mut s = alloc::vec![fill; len];
            s[0] = 0x01;
            s
        }

        /// Our key on a NIST curve, the peer's point uncompressed and compressed, and the
        /// secret as the peer computes it.
        macro_rules! nist_case {
            ($krate:ident, $curve:expr) => {{
                use elliptic_curve::sec1::ToSec1Point;
                use $krate::pkcs8::EncodePrivateKey;
                let len = $krate::FieldBytes::default().len();
                let mine = $krate::SecretKey::from_slice(&scalar(len, 0x5A)).unwrap();
                let theirs = $krate::SecretKey::from_slice(&scalar(len, 0xA5)).unwrap();
                let key =
                    Pkcs8Key::from_pkcs8_der(mine.to_pkcs8_der().unwrap().as_bytes()).unwrap();
                let point = theirs.public_key();
                let expected = elliptic_curve::ecdh::diffie_hellman(
                    theirs.to_nonzero_scalar(),
                    mine.public_key().as_affine(),
                );
                (
                    $curve,
                    key,
                    point.to_sec1_point(false).as_bytes().to_vec(),
                    point.to_sec1_point(true).as_bytes().to_vec(),
                    expected.raw_secret_bytes().to_vec(),
                )
            }};
        }

        #[test]
        fn aws_lc_and_the_rustcrypto_curves_agree_on_ecdh() {
            let cases = [
                nist_case!(p256, AgreementCurve::P256),
                nist_case!(p384, AgreementCurve::P384),
                nist_case!(p521, AgreementCurve::P521),
            ];
            for (curve, key, uncompressed, compressed, expected) in cases {
                let fast = key.fast_ecdh.as_ref().expect("AWS-LC takes the key");
                let portable = key.ecdh_portable(curve, &uncompressed);
                assert_eq!(portable.as_deref().map(|z| &z[..]), Ok(&expected[..]));
                assert_eq!(fast.agree(curve, &uncompressed), Some(portable.clone()));
                assert_eq!(key.ecdh(curve, &uncompressed), portable);

                let field = (uncompressed.len() - 1) / 2;
                let mut off_curve = uncompressed.clone();
                off_curve[2 * field] ^= 0x01;
                let mut x_past_the_field = uncompressed.clone();
                x_past_the_field[1..=field].fill(0xFF);
                let mut origin = alloc::vec![0u8; uncompressed.len()];
                origin[0] = 0x04;
                for bad in [&off_curve, &x_past_the_field, &origin] {
                    assert_eq!(key.ecdh_portable(curve, bad), Err(KeyFailure::Failed));
                    assert_eq!(fast.agree(curve, bad), Some(Err(KeyFailure::Failed)));
                    assert_eq!(key.ecdh(curve, bad), Err(KeyFailure::Failed));
                }

                // The other encodings are never handed to AWS-LC: the answer is the portable
                // build's.
                let mut hybrid = uncompressed.clone();
                hybrid[0] = 0x06 | (uncompressed[2 * field] & 1);
                let spki = key.public_key_der().to_vec();
                for other in [
                    &compressed[..],
                    &hybrid,
                    &uncompressed[..2 * field],
                    &[0x00],
                    &[],
                    &spki,
                ] {
                    assert_eq!(fast.agree(curve, other), None);
                    assert_eq!(key.ecdh(curve, other), key.ecdh_portable(curve, other));
                }
                assert_eq!(
                    key.ecdh(curve, &hybrid),
                    Err(KeyFailure::Failed),
                    "{curve:?}"
                );

                let elsewhere = if curve == AgreementCurve::P256 {
                    AgreementCurve::P384
                } else {
                    AgreementCurve::P256
                };
                assert_eq!(fast.agree(elsewhere, &uncompressed), None);
                assert_eq!(
                    key.ecdh(elsewhere, &uncompressed),
                    Err(KeyFailure::WrongKind)
                );
            }
        }

        #[test]
        fn aws_lc_pads_a_short_scalar_and_leaves_brainpool_alone() {
            use super::super::super::ecdh_fast::FastEcdh;
            let peer = p256::SecretKey::from_slice(&scalar(32, 0xA5))
                .unwrap()
                .public_key()
                .to_sec1_bytes();
            let mut padded = [0x11u8; 32];
            padded[0] = 0;
            let short = FastEcdh::new(AgreementCurve::P256, &padded[1..]).expect("padded");
            let full = FastEcdh::new(AgreementCurve::P256, &padded).expect("fixed length");
            let z = short.agree(AgreementCurve::P256, &peer).unwrap().unwrap();
            assert_eq!(Some(Ok(z)), full.agree(AgreementCurve::P256, &peer));
            assert!(FastEcdh::new(AgreementCurve::P256, &[1; 33]).is_none());
            for curve in [
                AgreementCurve::BrainpoolP256r1,
                AgreementCurve::BrainpoolP384r1,
                AgreementCurve::BrainpoolP512r1,
            ] {
                assert!(FastEcdh::new(curve, &[1; 32]).is_none());
            }
        }
    }
}
