//! Algorithms and the signature-verifier seam.
//!
//! Digests are always computed here (RustCrypto `sha1`/`sha2`, which use the CPU's SHA
//! instructions where present, and `sha3`). Signature checks go through [`SignatureVerifier`]: the
//! portable RustCrypto backend ([`Portable`]) everywhere, a faster `ring` backend
//! (`Fast`, cargo feature `fast`) on hosted targets, or a caller's own (an HSM, a
//! browser's WebCrypto).

mod portable;
pub use portable::Portable;

#[cfg(feature = "fast")]
mod fast;
#[cfg(feature = "fast")]
pub use fast::Fast;

use alloc::vec::Vec;
use core::fmt;

use der::{Decode, Encode};
use sha1::Digest as _;

use crate::code::ErrorCode;

/// A digest algorithm of XML-DSig.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum DigestAlgorithm {
    /// SHA-1 — refused unless the policy allows legacy SHA-1.
    Sha1,
    /// SHA-224 (RFC 9231 §2.1.2).
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SHA3-224 (FIPS 202; RFC 9231 §2.1.5).
    Sha3_224,
    /// SHA3-256 (FIPS 202; RFC 9231 §2.1.5).
    Sha3_256,
    /// SHA3-384 (FIPS 202; RFC 9231 §2.1.5).
    Sha3_384,
    /// SHA3-512 (FIPS 202; RFC 9231 §2.1.5).
    Sha3_512,
}

impl DigestAlgorithm {
    /// The algorithm a `DigestMethod` URI names, if supported.
    pub fn from_uri(uri: &str) -> Option<Self> {
        Some(match uri {
            "http://www.w3.org/2000/09/xmldsig#sha1" => DigestAlgorithm::Sha1,
            "http://www.w3.org/2001/04/xmldsig-more#sha224" => DigestAlgorithm::Sha224,
            "http://www.w3.org/2001/04/xmlenc#sha256" => DigestAlgorithm::Sha256,
            "http://www.w3.org/2001/04/xmldsig-more#sha384" => DigestAlgorithm::Sha384,
            "http://www.w3.org/2001/04/xmlenc#sha512" => DigestAlgorithm::Sha512,
            "http://www.w3.org/2007/05/xmldsig-more#sha3-224" => DigestAlgorithm::Sha3_224,
            "http://www.w3.org/2007/05/xmldsig-more#sha3-256" => DigestAlgorithm::Sha3_256,
            "http://www.w3.org/2007/05/xmldsig-more#sha3-384" => DigestAlgorithm::Sha3_384,
            "http://www.w3.org/2007/05/xmldsig-more#sha3-512" => DigestAlgorithm::Sha3_512,
            _ => return None,
        })
    }

    /// The URI.
    pub fn uri(self) -> &'static str {
        match self {
            DigestAlgorithm::Sha1 => "http://www.w3.org/2000/09/xmldsig#sha1",
            DigestAlgorithm::Sha224 => "http://www.w3.org/2001/04/xmldsig-more#sha224",
            DigestAlgorithm::Sha256 => "http://www.w3.org/2001/04/xmlenc#sha256",
            DigestAlgorithm::Sha384 => "http://www.w3.org/2001/04/xmldsig-more#sha384",
            DigestAlgorithm::Sha512 => "http://www.w3.org/2001/04/xmlenc#sha512",
            DigestAlgorithm::Sha3_224 => "http://www.w3.org/2007/05/xmldsig-more#sha3-224",
            DigestAlgorithm::Sha3_256 => "http://www.w3.org/2007/05/xmldsig-more#sha3-256",
            DigestAlgorithm::Sha3_384 => "http://www.w3.org/2007/05/xmldsig-more#sha3-384",
            DigestAlgorithm::Sha3_512 => "http://www.w3.org/2007/05/xmldsig-more#sha3-512",
        }
    }

    /// A short name (`sha256`, `sha3-256`).
    pub fn name(self) -> &'static str {
        match self {
            DigestAlgorithm::Sha1 => "sha1",
            DigestAlgorithm::Sha224 => "sha224",
            DigestAlgorithm::Sha256 => "sha256",
            DigestAlgorithm::Sha384 => "sha384",
            DigestAlgorithm::Sha512 => "sha512",
            DigestAlgorithm::Sha3_224 => "sha3-224",
            DigestAlgorithm::Sha3_256 => "sha3-256",
            DigestAlgorithm::Sha3_384 => "sha3-384",
            DigestAlgorithm::Sha3_512 => "sha3-512",
        }
    }

    /// Starts a running digest.
    pub fn hasher(self) -> Hasher {
        match self {
            DigestAlgorithm::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            DigestAlgorithm::Sha224 => Hasher::Sha224(sha2::Sha224::new()),
            DigestAlgorithm::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            DigestAlgorithm::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
            DigestAlgorithm::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
            DigestAlgorithm::Sha3_224 => Hasher::Sha3_224(sha3::Sha3_224::new()),
            DigestAlgorithm::Sha3_256 => Hasher::Sha3_256(sha3::Sha3_256::new()),
            DigestAlgorithm::Sha3_384 => Hasher::Sha3_384(sha3::Sha3_384::new()),
            DigestAlgorithm::Sha3_512 => Hasher::Sha3_512(sha3::Sha3_512::new()),
        }
    }

    /// The digest of `data`.
    pub fn digest(self, data: &[u8]) -> DigestValue {
        let mut h = self.hasher();
        h.update(data);
        h.finish()
    }
}

/// A digest computed incrementally; canonical bytes are written straight into it.
#[derive(Clone)]
pub enum Hasher {
    /// SHA-1.
    Sha1(sha1::Sha1),
    /// SHA-224.
    Sha224(sha2::Sha224),
    /// SHA-256.
    Sha256(sha2::Sha256),
    /// SHA-384.
    Sha384(sha2::Sha384),
    /// SHA-512.
    Sha512(sha2::Sha512),
    /// SHA3-224.
    Sha3_224(sha3::Sha3_224),
    /// SHA3-256.
    Sha3_256(sha3::Sha3_256),
    /// SHA3-384.
    Sha3_384(sha3::Sha3_384),
    /// SHA3-512.
    Sha3_512(sha3::Sha3_512),
}

impl Hasher {
    /// Feeds bytes.
    pub fn update(&mut self, b: &[u8]) {
        match self {
            Hasher::Sha1(h) => h.update(b),
            Hasher::Sha224(h) => h.update(b),
            Hasher::Sha256(h) => h.update(b),
            Hasher::Sha384(h) => h.update(b),
            Hasher::Sha512(h) => h.update(b),
            Hasher::Sha3_224(h) => h.update(b),
            Hasher::Sha3_256(h) => h.update(b),
            Hasher::Sha3_384(h) => h.update(b),
            Hasher::Sha3_512(h) => h.update(b),
        }
    }

    /// The digest.
    pub fn finish(self) -> DigestValue {
        let mut v = DigestValue {
            bytes: [0; 64],
            len: 0,
        };
        let mut put = |d: &[u8]| {
            v.bytes[..d.len()].copy_from_slice(d);
            v.len = d.len();
        };
        match self {
            Hasher::Sha1(h) => put(&h.finalize()),
            Hasher::Sha224(h) => put(&h.finalize()),
            Hasher::Sha256(h) => put(&h.finalize()),
            Hasher::Sha384(h) => put(&h.finalize()),
            Hasher::Sha512(h) => put(&h.finalize()),
            Hasher::Sha3_224(h) => put(&h.finalize()),
            Hasher::Sha3_256(h) => put(&h.finalize()),
            Hasher::Sha3_384(h) => put(&h.finalize()),
            Hasher::Sha3_512(h) => put(&h.finalize()),
        }
        v
    }
}

impl crate::c14n::Sink for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

/// A digest value held without allocating.
#[derive(Clone, Copy)]
pub struct DigestValue {
    bytes: [u8; 64],
    len: usize,
}

impl DigestValue {
    /// The digest bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl PartialEq for DigestValue {
    fn eq(&self, other: &Self) -> bool {
        // Digests are public values; a plain comparison is fine.
        self.as_bytes() == other.as_bytes()
    }
}
impl Eq for DigestValue {}

impl fmt::Debug for DigestValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.as_bytes() {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// A signature algorithm of XML-DSig (or of an X.509 certificate).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-1 — legacy, only by policy.
    RsaPkcs1Sha1,
    /// RSASSA-PKCS1-v1_5 with SHA-224 (RFC 9231 §2.3.11).
    RsaPkcs1Sha224,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaPkcs1Sha256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RsaPkcs1Sha384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RsaPkcs1Sha512,
    /// RSASSA-PKCS1-v1_5 with SHA3-224 (certificates only: `id-rsassa-pkcs1-v1_5-with-sha3-224`
    /// of NIST's CSOR; RFC 9231 gives XML-DSig no URI for it).
    RsaPkcs1Sha3_224,
    /// RSASSA-PKCS1-v1_5 with SHA3-256 (certificates only, as for SHA3-224).
    RsaPkcs1Sha3_256,
    /// RSASSA-PKCS1-v1_5 with SHA3-384 (certificates only, as for SHA3-224).
    RsaPkcs1Sha3_384,
    /// RSASSA-PKCS1-v1_5 with SHA3-512 (certificates only, as for SHA3-224).
    RsaPkcs1Sha3_512,
    /// RSASSA-PSS with SHA-224 and MGF1-SHA-224 (RFC 9231 §2.3.10).
    RsaPssSha224,
    /// RSASSA-PSS with SHA-256 and MGF1-SHA-256 (RFC 6931).
    RsaPssSha256,
    /// RSASSA-PSS with SHA-384 and MGF1-SHA-384 (RFC 6931).
    RsaPssSha384,
    /// RSASSA-PSS with SHA-512 and MGF1-SHA-512 (RFC 6931).
    RsaPssSha512,
    /// RSASSA-PSS with SHA3-224 and MGF1-SHA3-224 (RFC 9231 §2.3.10).
    RsaPssSha3_224,
    /// RSASSA-PSS with SHA3-256 and MGF1-SHA3-256 (RFC 9231 §2.3.10).
    RsaPssSha3_256,
    /// RSASSA-PSS with SHA3-384 and MGF1-SHA3-384 (RFC 9231 §2.3.10).
    RsaPssSha3_384,
    /// RSASSA-PSS with SHA3-512 and MGF1-SHA3-512 (RFC 9231 §2.3.10).
    RsaPssSha3_512,
    /// ECDSA with SHA-1 (certificates only, legacy).
    EcdsaSha1,
    /// ECDSA with SHA-224 (RFC 9231 §2.3.6).
    EcdsaSha224,
    /// ECDSA with SHA-256.
    EcdsaSha256,
    /// ECDSA with SHA-384.
    EcdsaSha384,
    /// ECDSA with SHA-512.
    EcdsaSha512,
    /// ECDSA with SHA3-224 (RFC 9231 §2.3.6).
    EcdsaSha3_224,
    /// ECDSA with SHA3-256 (RFC 9231 §2.3.6).
    EcdsaSha3_256,
    /// ECDSA with SHA3-384 (RFC 9231 §2.3.6).
    EcdsaSha3_384,
    /// ECDSA with SHA3-512 (RFC 9231 §2.3.6).
    EcdsaSha3_512,
    /// Ed25519 (RFC 9231).
    Ed25519,
}

impl SignatureAlgorithm {
    /// The algorithm a `SignatureMethod` URI names, if supported.
    pub fn from_uri(uri: &str) -> Option<Self> {
        use SignatureAlgorithm::*;
        Some(match uri {
            "http://www.w3.org/2000/09/xmldsig#rsa-sha1" => RsaPkcs1Sha1,
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha224" => RsaPkcs1Sha224,
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => RsaPkcs1Sha256,
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => RsaPkcs1Sha384,
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => RsaPkcs1Sha512,
            "http://www.w3.org/2007/05/xmldsig-more#sha224-rsa-MGF1" => RsaPssSha224,
            "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1" => RsaPssSha256,
            "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1" => RsaPssSha384,
            "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1" => RsaPssSha512,
            "http://www.w3.org/2007/05/xmldsig-more#sha3-224-rsa-MGF1" => RsaPssSha3_224,
            "http://www.w3.org/2007/05/xmldsig-more#sha3-256-rsa-MGF1" => RsaPssSha3_256,
            "http://www.w3.org/2007/05/xmldsig-more#sha3-384-rsa-MGF1" => RsaPssSha3_384,
            "http://www.w3.org/2007/05/xmldsig-more#sha3-512-rsa-MGF1" => RsaPssSha3_512,
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224" => EcdsaSha224,
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256" => EcdsaSha256,
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384" => EcdsaSha384,
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512" => EcdsaSha512,
            "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-224" => EcdsaSha3_224,
            "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-256" => EcdsaSha3_256,
            "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-384" => EcdsaSha3_384,
            "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-512" => EcdsaSha3_512,
            "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519" => Ed25519,
            _ => return None,
        })
    }

    /// The XML-DSig URI. XML-DSig names no RSASSA-PKCS1-v1_5 with SHA-3 (RFC 9231 has
    /// only the PSS forms), so for those certificate-only algorithms this is the
    /// `urn:oid:` form (RFC 3061) of their X.509 identifier, which
    /// [`from_uri`](Self::from_uri) does not accept.
    pub fn uri(self) -> &'static str {
        use SignatureAlgorithm::*;
        match self {
            RsaPkcs1Sha1 => "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
            RsaPkcs1Sha224 => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha224",
            RsaPkcs1Sha256 => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            RsaPkcs1Sha384 => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
            RsaPkcs1Sha512 => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
            RsaPkcs1Sha3_224 => "urn:oid:2.16.840.1.101.3.4.3.13",
            RsaPkcs1Sha3_256 => "urn:oid:2.16.840.1.101.3.4.3.14",
            RsaPkcs1Sha3_384 => "urn:oid:2.16.840.1.101.3.4.3.15",
            RsaPkcs1Sha3_512 => "urn:oid:2.16.840.1.101.3.4.3.16",
            RsaPssSha224 => "http://www.w3.org/2007/05/xmldsig-more#sha224-rsa-MGF1",
            RsaPssSha256 => "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
            RsaPssSha384 => "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1",
            RsaPssSha512 => "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1",
            RsaPssSha3_224 => "http://www.w3.org/2007/05/xmldsig-more#sha3-224-rsa-MGF1",
            RsaPssSha3_256 => "http://www.w3.org/2007/05/xmldsig-more#sha3-256-rsa-MGF1",
            RsaPssSha3_384 => "http://www.w3.org/2007/05/xmldsig-more#sha3-384-rsa-MGF1",
            RsaPssSha3_512 => "http://www.w3.org/2007/05/xmldsig-more#sha3-512-rsa-MGF1",
            EcdsaSha1 => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
            EcdsaSha224 => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224",
            EcdsaSha256 => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            EcdsaSha384 => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
            EcdsaSha512 => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
            EcdsaSha3_224 => "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-224",
            EcdsaSha3_256 => "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-256",
            EcdsaSha3_384 => "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-384",
            EcdsaSha3_512 => "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-512",
            Ed25519 => "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519",
        }
    }

    /// A short name (`rsa-sha256`, `rsa-pss-sha256`, `ecdsa-sha256`, `ecdsa-sha3-256`,
    /// `ed25519`).
    pub fn name(self) -> &'static str {
        use SignatureAlgorithm::*;
        match self {
            RsaPkcs1Sha1 => "rsa-sha1",
            RsaPkcs1Sha224 => "rsa-sha224",
            RsaPkcs1Sha256 => "rsa-sha256",
            RsaPkcs1Sha384 => "rsa-sha384",
            RsaPkcs1Sha512 => "rsa-sha512",
            RsaPkcs1Sha3_224 => "rsa-sha3-224",
            RsaPkcs1Sha3_256 => "rsa-sha3-256",
            RsaPkcs1Sha3_384 => "rsa-sha3-384",
            RsaPkcs1Sha3_512 => "rsa-sha3-512",
            RsaPssSha224 => "rsa-pss-sha224",
            RsaPssSha256 => "rsa-pss-sha256",
            RsaPssSha384 => "rsa-pss-sha384",
            RsaPssSha512 => "rsa-pss-sha512",
            RsaPssSha3_224 => "rsa-pss-sha3-224",
            RsaPssSha3_256 => "rsa-pss-sha3-256",
            RsaPssSha3_384 => "rsa-pss-sha3-384",
            RsaPssSha3_512 => "rsa-pss-sha3-512",
            EcdsaSha1 => "ecdsa-sha1",
            EcdsaSha224 => "ecdsa-sha224",
            EcdsaSha256 => "ecdsa-sha256",
            EcdsaSha384 => "ecdsa-sha384",
            EcdsaSha512 => "ecdsa-sha512",
            EcdsaSha3_224 => "ecdsa-sha3-224",
            EcdsaSha3_256 => "ecdsa-sha3-256",
            EcdsaSha3_384 => "ecdsa-sha3-384",
            EcdsaSha3_512 => "ecdsa-sha3-512",
            Ed25519 => "ed25519",
        }
    }

    /// The digest the algorithm signs, `None` for Ed25519 (which hashes internally).
    pub fn digest(self) -> Option<DigestAlgorithm> {
        use DigestAlgorithm as D;
        use SignatureAlgorithm::*;
        Some(match self {
            RsaPkcs1Sha1 | EcdsaSha1 => D::Sha1,
            RsaPkcs1Sha224 | RsaPssSha224 | EcdsaSha224 => D::Sha224,
            RsaPkcs1Sha256 | RsaPssSha256 | EcdsaSha256 => D::Sha256,
            RsaPkcs1Sha384 | RsaPssSha384 | EcdsaSha384 => D::Sha384,
            RsaPkcs1Sha512 | RsaPssSha512 | EcdsaSha512 => D::Sha512,
            RsaPkcs1Sha3_224 | RsaPssSha3_224 | EcdsaSha3_224 => D::Sha3_224,
            RsaPkcs1Sha3_256 | RsaPssSha3_256 | EcdsaSha3_256 => D::Sha3_256,
            RsaPkcs1Sha3_384 | RsaPssSha3_384 | EcdsaSha3_384 => D::Sha3_384,
            RsaPkcs1Sha3_512 | RsaPssSha3_512 | EcdsaSha3_512 => D::Sha3_512,
            Ed25519 => return None,
        })
    }

    /// The family of key the algorithm needs.
    pub fn key_family(self) -> KeyFamily {
        use SignatureAlgorithm::*;
        match self {
            RsaPkcs1Sha1 | RsaPkcs1Sha224 | RsaPkcs1Sha256 | RsaPkcs1Sha384 | RsaPkcs1Sha512 => {
                KeyFamily::Rsa
            }
            RsaPkcs1Sha3_224 | RsaPkcs1Sha3_256 | RsaPkcs1Sha3_384 | RsaPkcs1Sha3_512 => {
                KeyFamily::Rsa
            }
            RsaPssSha224 | RsaPssSha256 | RsaPssSha384 | RsaPssSha512 => KeyFamily::Rsa,
            RsaPssSha3_224 | RsaPssSha3_256 | RsaPssSha3_384 | RsaPssSha3_512 => KeyFamily::Rsa,
            EcdsaSha1 | EcdsaSha224 | EcdsaSha256 | EcdsaSha384 | EcdsaSha512 => KeyFamily::Ec,
            EcdsaSha3_224 | EcdsaSha3_256 | EcdsaSha3_384 | EcdsaSha3_512 => KeyFamily::Ec,
            Ed25519 => KeyFamily::Ed25519,
        }
    }

    /// Whether this is RSASSA-PKCS1-v1_5.
    pub fn is_pkcs1v15(self) -> bool {
        use SignatureAlgorithm::*;
        matches!(
            self,
            RsaPkcs1Sha1
                | RsaPkcs1Sha224
                | RsaPkcs1Sha256
                | RsaPkcs1Sha384
                | RsaPkcs1Sha512
                | RsaPkcs1Sha3_224
                | RsaPkcs1Sha3_256
                | RsaPkcs1Sha3_384
                | RsaPkcs1Sha3_512
        )
    }
}

/// Kinds of key, for matching against an algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum KeyFamily {
    /// RSA.
    Rsa,
    /// ECDSA on a NIST curve.
    Ec,
    /// Ed25519.
    Ed25519,
}

/// A NIST elliptic curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Curve {
    /// P-256 (secp256r1).
    P256,
    /// P-384 (secp384r1).
    P384,
    /// P-521 (secp521r1).
    P521,
}

impl Curve {
    /// Bytes in one coordinate / scalar.
    pub fn field_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
    /// The curve's size in bits.
    pub fn bits(self) -> u32 {
        match self {
            Curve::P256 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
        }
    }
}

/// What kind of public key, with its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum KeyKind {
    /// RSA with a modulus of `bits` bits.
    Rsa {
        /// Modulus size.
        bits: u32,
    },
    /// ECDSA on `curve`.
    Ec(Curve),
    /// Ed25519.
    Ed25519,
}

impl KeyKind {
    /// The family.
    pub fn family(self) -> KeyFamily {
        match self {
            KeyKind::Rsa { .. } => KeyFamily::Rsa,
            KeyKind::Ec(_) => KeyFamily::Ec,
            KeyKind::Ed25519 => KeyFamily::Ed25519,
        }
    }
    /// The key's strength in bits (modulus size, curve size, 256 for Ed25519).
    pub fn bits(self) -> u32 {
        match self {
            KeyKind::Rsa { bits } => bits,
            KeyKind::Ec(c) => c.bits(),
            KeyKind::Ed25519 => 256,
        }
    }
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyKind::Rsa { bits } => write!(f, "RSA-{bits}"),
            KeyKind::Ec(c) => write!(f, "EC P-{}", c.bits()),
            KeyKind::Ed25519 => f.write_str("Ed25519"),
        }
    }
}

/// A public key, from a certificate's SubjectPublicKeyInfo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    spki: Vec<u8>,
    kind: KeyKind,
    /// The subjectPublicKey bits: PKCS#1 RSAPublicKey, SEC1 point, or 32 Ed25519 bytes.
    key_bytes: Vec<u8>,
}

const OID_RSA: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_ED25519: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.101.112");

impl PublicKey {
    /// Reads a DER SubjectPublicKeyInfo.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedKey`] for anything but RSA, P-256/384/521 and Ed25519.
    pub fn from_spki_der(der_bytes: &[u8]) -> Result<Self, CryptoError> {
        let spki = spki::SubjectPublicKeyInfoRef::from_der(der_bytes)
            .map_err(|_| CryptoError::UnsupportedKey)?;
        Self::from_spki(&spki)
    }

    /// Reads a DER PKCS#1 `RSAPublicKey` (a PEM `RSA PUBLIC KEY` block), by wrapping it
    /// in the SubjectPublicKeyInfo it stands for.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedKey`] when it is not an RSA public key.
    pub fn from_pkcs1_rsa_der(der_bytes: &[u8]) -> Result<Self, CryptoError> {
        // SEQUENCE { SEQUENCE { rsaEncryption, NULL }, BIT STRING { 0 unused, key } }
        const ALG: [u8; 15] = [
            0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
            0x00,
        ];
        fn der_len(out: &mut Vec<u8>, n: usize) {
            if n < 0x80 {
                out.push(n as u8);
            } else {
                let bytes = n.to_be_bytes();
                let skip = bytes.iter().take_while(|&&b| b == 0).count();
                out.push(0x80 | (bytes.len() - skip) as u8);
                out.extend_from_slice(&bytes[skip..]);
            }
        }
        let mut bits = alloc::vec![0x03];
        der_len(&mut bits, der_bytes.len() + 1);
        bits.push(0);
        bits.extend_from_slice(der_bytes);
        let mut spki = alloc::vec![0x30];
        der_len(&mut spki, ALG.len() + bits.len());
        spki.extend_from_slice(&ALG);
        spki.extend_from_slice(&bits);
        let key = Self::from_spki_der(&spki)?;
        match key.kind() {
            KeyKind::Rsa { .. } => Ok(key),
            _ => Err(CryptoError::UnsupportedKey),
        }
    }

    pub(crate) fn from_spki(spki: &spki::SubjectPublicKeyInfoRef<'_>) -> Result<Self, CryptoError> {
        let key_bytes = spki
            .subject_public_key
            .as_bytes()
            .ok_or(CryptoError::UnsupportedKey)?;
        let oid = spki.algorithm.oid;
        let kind = if oid == OID_RSA || oid == OID_RSA_PSS {
            let k = rsa::pkcs1::RsaPublicKeyRef::try_from(key_bytes)
                .map_err(|_| CryptoError::UnsupportedKey)?;
            let n = k.modulus.as_bytes();
            let bits = (n.len() * 8) as u32 - n.first().map_or(8, |b| b.leading_zeros());
            KeyKind::Rsa { bits }
        } else if oid == OID_EC {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok())
                .ok_or(CryptoError::UnsupportedKey)?;
            let curve = if curve == OID_P256 {
                Curve::P256
            } else if curve == OID_P384 {
                Curve::P384
            } else if curve == OID_P521 {
                Curve::P521
            } else {
                return Err(CryptoError::UnsupportedKey);
            };
            if key_bytes.len() != 1 + 2 * curve.field_len() || key_bytes[0] != 4 {
                // Compressed points are legal but unseen in this domain; refuse them rather
                // than decompress untrusted input.
                return Err(CryptoError::UnsupportedKey);
            }
            KeyKind::Ec(curve)
        } else if oid == OID_ED25519 {
            if key_bytes.len() != 32 {
                return Err(CryptoError::UnsupportedKey);
            }
            KeyKind::Ed25519
        } else {
            return Err(CryptoError::UnsupportedKey);
        };
        let spki_der = spki.to_der().map_err(|_| CryptoError::UnsupportedKey)?;
        Ok(PublicKey {
            spki: spki_der,
            kind,
            key_bytes: key_bytes.to_vec(),
        })
    }

    /// Reads a PEM `PUBLIC KEY` block.
    ///
    /// # Errors
    /// [`CryptoError::UnsupportedKey`] if the PEM or key does not parse.
    pub fn from_pem(pem: &str) -> Result<Self, CryptoError> {
        let der_bytes = crate::encoding::pem_blocks(pem, "PUBLIC KEY")
            .next()
            .ok_or(CryptoError::UnsupportedKey)?;
        Self::from_spki_der(&der_bytes)
    }

    /// The key's kind and size.
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// The DER SubjectPublicKeyInfo.
    pub fn spki_der(&self) -> &[u8] {
        &self.spki
    }

    /// The raw key bits (PKCS#1 RSAPublicKey, SEC1 uncompressed point, or Ed25519 bytes).
    pub fn key_bytes(&self) -> &[u8] {
        &self.key_bytes
    }
}

/// Why a signature check failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CryptoError {
    /// The signature does not verify under the key.
    BadSignature,
    /// The key's type or curve does not fit the algorithm.
    KeyMismatch {
        /// The algorithm.
        algorithm: SignatureAlgorithm,
        /// The key.
        key: KeyKind,
    },
    /// The key is not RSA, P-256/384/521 or Ed25519, or does not parse.
    UnsupportedKey,
    /// The key is smaller than the policy allows.
    WeakKey {
        /// The key.
        key: KeyKind,
        /// The policy's minimum.
        min_bits: u32,
    },
    /// The signature value has the wrong size or encoding for the algorithm.
    MalformedSignature,
    /// The verifier in use cannot check `algorithm`: a build without the portable
    /// signature code (feature `portable-signatures`), or a caller's verifier (a
    /// browser's WebCrypto) that lacks the method.
    AlgorithmUnavailable {
        /// The algorithm.
        algorithm: SignatureAlgorithm,
    },
    /// An asynchronous verifier was asked for a check it had not answered on an earlier
    /// pass over the same call (see `docs/adr/0008-webcrypto-two-pass.md`).
    CheckUnanswered,
}

impl CryptoError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            CryptoError::BadSignature => ErrorCode::CryptoBadSignature,
            CryptoError::KeyMismatch { .. } => ErrorCode::CryptoKeyMismatch,
            CryptoError::UnsupportedKey => ErrorCode::CryptoUnsupportedKey,
            CryptoError::WeakKey { .. } => ErrorCode::CryptoWeakKey,
            CryptoError::MalformedSignature => ErrorCode::CryptoMalformedSignature,
            CryptoError::AlgorithmUnavailable { .. } => ErrorCode::CryptoAlgorithmUnavailable,
            CryptoError::CheckUnanswered => ErrorCode::CryptoCheckUnanswered,
        }
    }
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CryptoError::BadSignature => f.write_str("the signature value does not verify: the signed data or the signature was changed, or another key signed it"),
            CryptoError::KeyMismatch { algorithm, key } => write!(f, "a {key} key cannot verify {}", algorithm.name()),
            CryptoError::UnsupportedKey => f.write_str("unsupported or malformed public key (RSA, EC P-256/P-384/P-521 and Ed25519 are supported)"),
            CryptoError::WeakKey { key, min_bits } => write!(f, "the {key} key is weaker than the policy's minimum of {min_bits} bits"),
            CryptoError::MalformedSignature => f.write_str("the signature value has the wrong length or encoding"),
            CryptoError::AlgorithmUnavailable { algorithm } => write!(f, "this build cannot check {} signatures: its verifier (WebCrypto, without the portable signature code) lacks the method; use the portable build", algorithm.name()),
            CryptoError::CheckUnanswered => f.write_str("a signature check was asked for that the asynchronous verifier had not answered: the document, trust store or options changed while it ran; verify again"),
        }
    }
}

impl core::error::Error for CryptoError {}

/// Verifies one signature: the seam for crypto backends (software, HSM, WebCrypto).
///
/// `message` is the signed data itself (the canonical `SignedInfo`, a certificate's TBS
/// part); the backend hashes it as `algorithm` says. ECDSA signatures arrive as the
/// fixed-size `r‖s` of XML-DSig. A backend is `Sync`: verifiers that borrow it (a
/// streaming verifier kept by a handle in another language) may move between threads.
pub trait SignatureVerifier: Sync {
    /// Checks `signature` over `message` under `key`.
    ///
    /// # Errors
    /// [`CryptoError::BadSignature`] when it does not verify; other variants when the
    /// key or signature cannot be used with the algorithm.
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: &PublicKey,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), CryptoError>;
}

/// The verifier the default build uses: `Fast` with the `fast` feature, else
/// [`Portable`].
pub fn default_verifier() -> &'static dyn SignatureVerifier {
    #[cfg(feature = "fast")]
    {
        &Fast
    }
    #[cfg(not(feature = "fast"))]
    {
        &Portable
    }
}

/// Checks that `key` fits `algorithm`, shared by every backend.
pub(crate) fn check_family(
    algorithm: SignatureAlgorithm,
    key: &PublicKey,
) -> Result<(), CryptoError> {
    if algorithm.key_family() == key.kind.family() {
        Ok(())
    } else {
        Err(CryptoError::KeyMismatch {
            algorithm,
            key: key.kind,
        })
    }
}

/// Converts a DER `ECDSA-Sig-Value` (as in X.509) to the fixed-size `r‖s` form.
pub(crate) fn ecdsa_der_to_raw(sig: &[u8], field_len: usize) -> Result<Vec<u8>, CryptoError> {
    let mut reader = der::SliceReader::new(sig).map_err(|_| CryptoError::MalformedSignature)?;
    let (r, s) = der::Reader::sequence(&mut reader, |r| {
        let a = der::asn1::UintRef::decode(r)?;
        let b = der::asn1::UintRef::decode(r)?;
        Ok((a, b))
    })
    .map_err(|_: der::Error| CryptoError::MalformedSignature)?;
    let mut out = alloc::vec![0u8; 2 * field_len];
    for (i, v) in [r.as_bytes(), s.as_bytes()].into_iter().enumerate() {
        if v.len() > field_len {
            return Err(CryptoError::MalformedSignature);
        }
        let end = (i + 1) * field_len;
        out[end - v.len()..end].copy_from_slice(v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    use SignatureAlgorithm::*;

    const ALL_SIGNATURE: [SignatureAlgorithm; 27] = [
        RsaPkcs1Sha1,
        RsaPkcs1Sha224,
        RsaPkcs1Sha256,
        RsaPkcs1Sha384,
        RsaPkcs1Sha512,
        RsaPkcs1Sha3_224,
        RsaPkcs1Sha3_256,
        RsaPkcs1Sha3_384,
        RsaPkcs1Sha3_512,
        RsaPssSha224,
        RsaPssSha256,
        RsaPssSha384,
        RsaPssSha512,
        RsaPssSha3_224,
        RsaPssSha3_256,
        RsaPssSha3_384,
        RsaPssSha3_512,
        EcdsaSha1,
        EcdsaSha224,
        EcdsaSha256,
        EcdsaSha384,
        EcdsaSha512,
        EcdsaSha3_224,
        EcdsaSha3_256,
        EcdsaSha3_384,
        EcdsaSha3_512,
        Ed25519,
    ];

    const ALL_DIGEST: [DigestAlgorithm; 9] = [
        DigestAlgorithm::Sha1,
        DigestAlgorithm::Sha224,
        DigestAlgorithm::Sha256,
        DigestAlgorithm::Sha384,
        DigestAlgorithm::Sha512,
        DigestAlgorithm::Sha3_224,
        DigestAlgorithm::Sha3_256,
        DigestAlgorithm::Sha3_384,
        DigestAlgorithm::Sha3_512,
    ];

    /// The methods XML-DSig has no `SignatureMethod` URI for (or that we refuse there).
    fn certificate_only(a: SignatureAlgorithm) -> bool {
        matches!(
            a,
            EcdsaSha1 | RsaPkcs1Sha3_224 | RsaPkcs1Sha3_256 | RsaPkcs1Sha3_384 | RsaPkcs1Sha3_512
        )
    }

    #[test]
    fn uris_round_trip() {
        for a in ALL_SIGNATURE {
            let back = SignatureAlgorithm::from_uri(a.uri());
            if certificate_only(a) {
                assert_eq!(back, None, "{a:?}");
            } else {
                assert_eq!(back, Some(a), "{a:?}");
            }
            // Names are distinct, and the digest agrees with the name.
            assert_eq!(
                ALL_SIGNATURE
                    .iter()
                    .filter(|b| b.name() == a.name())
                    .count(),
                1
            );
            if let Some(d) = a.digest() {
                assert!(a.name().ends_with(d.name()), "{a:?}");
            }
        }
        for d in ALL_DIGEST {
            assert_eq!(DigestAlgorithm::from_uri(d.uri()), Some(d));
        }
        // The URIs of RFC 9231, spelled out once more.
        for (uri, a) in [
            (
                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha224",
                RsaPkcs1Sha224,
            ),
            (
                "http://www.w3.org/2007/05/xmldsig-more#sha224-rsa-MGF1",
                RsaPssSha224,
            ),
            (
                "http://www.w3.org/2007/05/xmldsig-more#sha3-224-rsa-MGF1",
                RsaPssSha3_224,
            ),
            (
                "http://www.w3.org/2007/05/xmldsig-more#sha3-512-rsa-MGF1",
                RsaPssSha3_512,
            ),
            (
                "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224",
                EcdsaSha224,
            ),
            (
                "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-256",
                EcdsaSha3_256,
            ),
            (
                "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-512",
                EcdsaSha3_512,
            ),
        ] {
            assert_eq!(SignatureAlgorithm::from_uri(uri), Some(a));
        }
        for (uri, d) in [
            (
                "http://www.w3.org/2001/04/xmldsig-more#sha224",
                DigestAlgorithm::Sha224,
            ),
            (
                "http://www.w3.org/2007/05/xmldsig-more#sha3-224",
                DigestAlgorithm::Sha3_224,
            ),
            (
                "http://www.w3.org/2007/05/xmldsig-more#sha3-384",
                DigestAlgorithm::Sha3_384,
            ),
        ] {
            assert_eq!(DigestAlgorithm::from_uri(uri), Some(d));
        }
        for refused in [
            "http://www.w3.org/2000/09/xmldsig#dsa-sha1",
            "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
            // No RFC defines RSASSA-PKCS1-v1_5 with SHA-3 for XML-DSig; these spellings
            // circulate but name nothing.
            "http://www.w3.org/2007/05/xmldsig-more#rsa-sha3-256",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha3-256",
            "http://www.w3.org/2021/04/xmldsig-more#rsa-sha3-256",
            // RFC 9231 moved ECDSA with SHA-3 to the 2021/04 namespace.
            "http://www.w3.org/2007/05/xmldsig-more#ecdsa-sha3-256",
            "urn:oid:2.16.840.1.101.3.4.3.14",
            "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed448",
        ] {
            assert_eq!(SignatureAlgorithm::from_uri(refused), None, "{refused}");
        }
        // SHA3 digests live under 2007/05 only.
        assert_eq!(
            DigestAlgorithm::from_uri("http://www.w3.org/2001/04/xmldsig-more#sha3-256"),
            None
        );
    }

    #[test]
    fn sha256_known_answer() {
        let d = DigestAlgorithm::Sha256.digest(b"abc");
        assert_eq!(
            alloc::format!("{d:?}"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn sha224_and_sha3_known_answers() {
        // FIPS 180-4 and FIPS 202 examples for "abc".
        for (d, hex) in [
            (
                DigestAlgorithm::Sha224,
                "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
            ),
            (
                DigestAlgorithm::Sha3_224,
                "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf",
            ),
            (
                DigestAlgorithm::Sha3_256,
                "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
            ),
            (
                DigestAlgorithm::Sha3_384,
                "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2\
                 98d88cea927ac7f539f1edf228376d25",
            ),
            (
                DigestAlgorithm::Sha3_512,
                "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e\
                 10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
            ),
        ] {
            assert_eq!(alloc::format!("{:?}", d.digest(b"abc")), hex, "{d:?}");
            // Fed in pieces, the same.
            let mut h = d.hasher();
            h.update(b"a");
            h.update(b"bc");
            assert_eq!(alloc::format!("{:?}", h.finish()), hex, "{d:?}");
        }
    }

    const VECTORS: &str =
        include_str!("../../../tests/data/xmldsig-more/algorithms/vectors/vectors.tsv");
    const VECTOR_MESSAGE: &[u8] =
        include_bytes!("../../../tests/data/xmldsig-more/algorithms/vectors/message.txt");

    fn vector_key(name: &str) -> PublicKey {
        let pem = match name {
            "rsa2048" => {
                include_str!("../../../tests/data/xmldsig-more/algorithms/vectors/rsa2048.pub.pem")
            }
            "p256" => {
                include_str!("../../../tests/data/xmldsig-more/algorithms/vectors/p256.pub.pem")
            }
            "p384" => {
                include_str!("../../../tests/data/xmldsig-more/algorithms/vectors/p384.pub.pem")
            }
            "p521" => {
                include_str!("../../../tests/data/xmldsig-more/algorithms/vectors/p521.pub.pem")
            }
            _ => panic!("no key {name}"),
        };
        PublicKey::from_pem(pem).unwrap()
    }

    fn backends() -> Vec<(&'static str, &'static dyn SignatureVerifier)> {
        #[allow(unused_mut)]
        let mut v: Vec<(&'static str, &'static dyn SignatureVerifier)> =
            alloc::vec![("portable", &Portable)];
        #[cfg(feature = "fast")]
        v.push(("fast", &Fast));
        v
    }

    /// Every SHA-224 and SHA-3 method verifies openssl's signature over one message, with
    /// RSA-2048 and on P-256, P-384 and P-521 (digests shorter and longer than the curve),
    /// in each backend, and refuses it over another message.
    #[test]
    fn new_methods_verify_openssl_signatures() {
        let mut seen = Vec::new();
        for line in VECTORS.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            let alg = *ALL_SIGNATURE
                .iter()
                .find(|a| a.name() == f[0])
                .unwrap_or_else(|| panic!("no method {}", f[0]));
            let key = vector_key(f[1]);
            let sig = <base64ct::Base64 as base64ct::Encoding>::decode_vec(f[2]).unwrap();
            for (backend, v) in backends() {
                assert_eq!(
                    v.verify(alg, &key, VECTOR_MESSAGE, &sig),
                    Ok(()),
                    "{backend}: {line}"
                );
                assert_eq!(
                    v.verify(alg, &key, b"another message", &sig),
                    Err(CryptoError::BadSignature),
                    "{backend}: {line}"
                );
            }
            seen.push(alg);
        }
        for a in ALL_SIGNATURE {
            let new = matches!(
                a.digest(),
                Some(
                    DigestAlgorithm::Sha224
                        | DigestAlgorithm::Sha3_224
                        | DigestAlgorithm::Sha3_256
                        | DigestAlgorithm::Sha3_384
                        | DigestAlgorithm::Sha3_512
                )
            );
            assert_eq!(seen.contains(&a), new, "{a:?}");
        }
        assert_eq!(seen.len(), 25);
    }

    /// The method must match the signature exactly: PSS is not PKCS#1 v1.5, SHA3-256 is not
    /// SHA-256, and an ECDSA signature made with SHA3-224 fails under SHA-224.
    #[test]
    fn a_neighbouring_method_does_not_verify() {
        let row = |name: &str, key: &str| {
            let line = VECTORS
                .lines()
                .find(|l| l.starts_with(&alloc::format!("{name}\t{key}\t")))
                .unwrap();
            let sig = line.rsplit('\t').next().unwrap();
            <base64ct::Base64 as base64ct::Encoding>::decode_vec(sig).unwrap()
        };
        for (signed_as, key, checked_as) in [
            ("rsa-sha3-256", "rsa2048", RsaPkcs1Sha256),
            ("rsa-sha3-256", "rsa2048", RsaPssSha3_256),
            ("rsa-pss-sha3-256", "rsa2048", RsaPkcs1Sha3_256),
            ("rsa-pss-sha224", "rsa2048", RsaPssSha3_224),
            ("ecdsa-sha3-224", "p521", EcdsaSha224),
            ("ecdsa-sha3-512", "p256", EcdsaSha512),
        ] {
            let sig = row(signed_as, key);
            for (backend, v) in backends() {
                assert_eq!(
                    v.verify(checked_as, &vector_key(key), VECTOR_MESSAGE, &sig),
                    Err(CryptoError::BadSignature),
                    "{backend}: {signed_as} checked as {checked_as:?}"
                );
            }
        }
    }

    /// Certificates signed with each new X.509 method (self-signed by openssl) report it
    /// and their signatures verify.
    #[test]
    fn certificate_signature_methods() {
        macro_rules! cert {
            ($f:literal) => {
                include_str!(concat!(
                    "../../../tests/data/xmldsig-more/algorithms/certs/",
                    $f,
                    ".pem"
                ))
            };
        }
        for (pem, alg) in [
            (cert!("rsa-sha224"), RsaPkcs1Sha224),
            (cert!("rsa-sha3-224"), RsaPkcs1Sha3_224),
            (cert!("rsa-sha3-256"), RsaPkcs1Sha3_256),
            (cert!("rsa-sha3-384"), RsaPkcs1Sha3_384),
            (cert!("rsa-sha3-512"), RsaPkcs1Sha3_512),
            (cert!("ecdsa-sha224"), EcdsaSha224),
            (cert!("ecdsa-sha3-224"), EcdsaSha3_224),
            (cert!("ecdsa-sha3-256"), EcdsaSha3_256),
            (cert!("ecdsa-sha3-384"), EcdsaSha3_384),
            (cert!("ecdsa-sha3-512"), EcdsaSha3_512),
        ] {
            let der = crate::encoding::pem_blocks(pem, "CERTIFICATE")
                .next()
                .unwrap();
            let cert = crate::pki::Certificate::from_der(&der).unwrap();
            assert_eq!(cert.signature_algorithm(), Some(alg));
            let key = cert.public_key().unwrap();
            let sig = match key.kind() {
                KeyKind::Ec(c) => ecdsa_der_to_raw(cert.signature(), c.field_len()).unwrap(),
                _ => cert.signature().to_vec(),
            };
            for (backend, v) in backends() {
                assert_eq!(
                    v.verify(alg, key, cert.tbs(), &sig),
                    Ok(()),
                    "{backend}: {alg:?}"
                );
            }
        }
    }

    #[test]
    fn ecdsa_der_conversion_pads() {
        // SEQUENCE { INTEGER 1, INTEGER 0x80 (needs a leading zero in DER) }
        let der = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x80];
        let raw = ecdsa_der_to_raw(&der, 4).unwrap();
        assert_eq!(raw, [0, 0, 0, 1, 0, 0, 0, 0x80]);
        assert_eq!(
            ecdsa_der_to_raw(&der, 0),
            Err(CryptoError::MalformedSignature)
        );
    }
}
