//! The XML Encryption 1.1 algorithms trustmeta decrypts, by their URIs.

pub(crate) const NS_XENC: &str = "http://www.w3.org/2001/04/xmlenc#";
pub(crate) const NS_XENC11: &str = "http://www.w3.org/2009/xmlenc11#";
pub(crate) const NS_DSIG11: &str = "http://www.w3.org/2009/xmldsig11#";

/// How the content (the serialized element) was encrypted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContentAlgorithm {
    /// `xmlenc11#aes128-gcm`.
    Aes128Gcm,
    /// `xmlenc11#aes192-gcm`.
    Aes192Gcm,
    /// `xmlenc11#aes256-gcm`.
    Aes256Gcm,
    /// `xmlenc#aes128-cbc`: legacy, only by policy.
    Aes128Cbc,
    /// `xmlenc#aes192-cbc`: legacy, only by policy.
    Aes192Cbc,
    /// `xmlenc#aes256-cbc`: legacy, only by policy.
    Aes256Cbc,
    /// `xmlenc#tripledes-cbc`: legacy, only by policy.
    TripleDesCbc,
}

impl ContentAlgorithm {
    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &[
        "aes128-gcm",
        "aes192-gcm",
        "aes256-gcm",
        "aes128-cbc",
        "aes192-cbc",
        "aes256-cbc",
        "tripledes-cbc",
    ];
    const URIS: [&'static str; 7] = [
        "http://www.w3.org/2009/xmlenc11#aes128-gcm",
        "http://www.w3.org/2009/xmlenc11#aes192-gcm",
        "http://www.w3.org/2009/xmlenc11#aes256-gcm",
        "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
        "http://www.w3.org/2001/04/xmlenc#aes192-cbc",
        "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
        "http://www.w3.org/2001/04/xmlenc#tripledes-cbc",
    ];
    const ALL: [ContentAlgorithm; 7] = [
        ContentAlgorithm::Aes128Gcm,
        ContentAlgorithm::Aes192Gcm,
        ContentAlgorithm::Aes256Gcm,
        ContentAlgorithm::Aes128Cbc,
        ContentAlgorithm::Aes192Cbc,
        ContentAlgorithm::Aes256Cbc,
        ContentAlgorithm::TripleDesCbc,
    ];

    fn index(self) -> usize {
        self as usize
    }
    /// The algorithm an `EncryptionMethod` URI names.
    pub fn from_uri(uri: &str) -> Option<Self> {
        Self::URIS
            .iter()
            .position(|u| *u == uri)
            .map(|i| Self::ALL[i])
    }
    /// Its URI.
    pub fn uri(self) -> &'static str {
        Self::URIS[self.index()]
    }
    /// Its short name (`aes256-gcm`).
    pub fn name(self) -> &'static str {
        Self::NAMES[self.index()]
    }
    /// The key length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            ContentAlgorithm::Aes128Gcm | ContentAlgorithm::Aes128Cbc => 16,
            ContentAlgorithm::Aes192Gcm
            | ContentAlgorithm::Aes192Cbc
            | ContentAlgorithm::TripleDesCbc => 24,
            ContentAlgorithm::Aes256Gcm | ContentAlgorithm::Aes256Cbc => 32,
        }
    }
    /// CBC modes, which authenticate nothing: a changed ciphertext decrypts to changed
    /// plaintext, and padding errors have been used as an oracle.
    pub fn is_legacy(self) -> bool {
        !matches!(
            self,
            ContentAlgorithm::Aes128Gcm | ContentAlgorithm::Aes192Gcm | ContentAlgorithm::Aes256Gcm
        )
    }
}

/// A digest of RSA-OAEP: the label hash (`DigestMethod`) or MGF1's (`xenc11:MGF`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OaepDigest {
    /// SHA-1: the default of both, still what most identity providers send.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl OaepDigest {
    const ALL: [OaepDigest; 5] = [
        OaepDigest::Sha1,
        OaepDigest::Sha224,
        OaepDigest::Sha256,
        OaepDigest::Sha384,
        OaepDigest::Sha512,
    ];
    const DIGEST_URIS: [&'static str; 5] = [
        "http://www.w3.org/2000/09/xmldsig#sha1",
        "http://www.w3.org/2001/04/xmldsig-more#sha224",
        "http://www.w3.org/2001/04/xmlenc#sha256",
        "http://www.w3.org/2001/04/xmldsig-more#sha384",
        "http://www.w3.org/2001/04/xmlenc#sha512",
    ];
    const MGF_URIS: [&'static str; 5] = [
        "http://www.w3.org/2009/xmlenc11#mgf1sha1",
        "http://www.w3.org/2009/xmlenc11#mgf1sha224",
        "http://www.w3.org/2009/xmlenc11#mgf1sha256",
        "http://www.w3.org/2009/xmlenc11#mgf1sha384",
        "http://www.w3.org/2009/xmlenc11#mgf1sha512",
    ];
    /// The digest a `ds:DigestMethod` URI names.
    pub fn from_digest_uri(uri: &str) -> Option<Self> {
        Self::DIGEST_URIS
            .iter()
            .position(|u| *u == uri)
            .map(|i| Self::ALL[i])
    }
    /// The digest an `xenc11:MGF` URI names.
    pub fn from_mgf_uri(uri: &str) -> Option<Self> {
        Self::MGF_URIS
            .iter()
            .position(|u| *u == uri)
            .map(|i| Self::ALL[i])
    }
    /// A short name (`sha256`).
    pub fn name(self) -> &'static str {
        ["sha1", "sha224", "sha256", "sha384", "sha512"][self as usize]
    }
}

/// How the content key reached the relying party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyAlgorithm {
    /// `xmlenc#rsa-oaep-mgf1p`: RSA-OAEP, MGF1 with SHA-1, the given digest.
    RsaOaepMgf1p {
        /// `DigestMethod` (SHA-1 when absent).
        digest: OaepDigest,
    },
    /// `xmlenc11#rsa-oaep`: RSA-OAEP with the given digest and MGF1 digest.
    RsaOaep {
        /// `DigestMethod` (SHA-1 when absent).
        digest: OaepDigest,
        /// `xenc11:MGF` (MGF1 with SHA-1 when absent).
        mgf: OaepDigest,
    },
    /// `xmlenc11#ECDH-ES` with `ConcatKDF`, then an AES key wrap.
    EcdhEs {
        /// The curve of the agreement.
        curve: AgreementCurve,
        /// The key wrap of the `EncryptedKey`.
        wrap: KeyWrap,
    },
}

impl KeyAlgorithm {
    /// A short description (`rsa-oaep-mgf1p`, `rsa-oaep`, `ecdh-es+kw-aes256`).
    pub fn name(self) -> &'static str {
        match self {
            KeyAlgorithm::RsaOaepMgf1p { .. } => "rsa-oaep-mgf1p",
            KeyAlgorithm::RsaOaep { .. } => "rsa-oaep",
            KeyAlgorithm::EcdhEs { wrap, .. } => match wrap {
                KeyWrap::Aes128 => "ecdh-es+kw-aes128",
                KeyWrap::Aes192 => "ecdh-es+kw-aes192",
                KeyWrap::Aes256 => "ecdh-es+kw-aes256",
            },
        }
    }
}

/// RFC 3394 AES key wrap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyWrap {
    /// `xmlenc#kw-aes128`.
    Aes128,
    /// `xmlenc#kw-aes192`.
    Aes192,
    /// `xmlenc#kw-aes256`.
    Aes256,
}

impl KeyWrap {
    pub(crate) fn from_uri(uri: &str) -> Option<Self> {
        match uri {
            "http://www.w3.org/2001/04/xmlenc#kw-aes128" => Some(KeyWrap::Aes128),
            "http://www.w3.org/2001/04/xmlenc#kw-aes192" => Some(KeyWrap::Aes192),
            "http://www.w3.org/2001/04/xmlenc#kw-aes256" => Some(KeyWrap::Aes256),
            _ => None,
        }
    }
    /// The key-encryption key's length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            KeyWrap::Aes128 => 16,
            KeyWrap::Aes192 => 24,
            KeyWrap::Aes256 => 32,
        }
    }
}

/// The curves of ECDH-ES key agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgreementCurve {
    /// NIST P-256.
    P256,
    /// NIST P-384.
    P384,
    /// NIST P-521.
    P521,
    /// brainpoolP256r1 (RFC 5639).
    BrainpoolP256r1,
    /// brainpoolP384r1.
    BrainpoolP384r1,
    /// brainpoolP512r1.
    BrainpoolP512r1,
}

impl AgreementCurve {
    const OIDS: [(&'static str, AgreementCurve); 6] = [
        ("1.2.840.10045.3.1.7", AgreementCurve::P256),
        ("1.3.132.0.34", AgreementCurve::P384),
        ("1.3.132.0.35", AgreementCurve::P521),
        ("1.3.36.3.3.2.8.1.1.7", AgreementCurve::BrainpoolP256r1),
        ("1.3.36.3.3.2.8.1.1.11", AgreementCurve::BrainpoolP384r1),
        ("1.3.36.3.3.2.8.1.1.13", AgreementCurve::BrainpoolP512r1),
    ];
    /// The curve named by `urn:oid:…` (dsig11 `NamedCurve/@URI`) or a bare OID.
    pub fn from_oid(oid: &str) -> Option<Self> {
        let oid = oid.strip_prefix("urn:oid:").unwrap_or(oid);
        Self::OIDS.iter().find(|(o, _)| *o == oid).map(|(_, c)| *c)
    }
    /// The curve's OID.
    pub fn oid(self) -> &'static str {
        Self::OIDS
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("", |(o, _)| o)
    }
    /// Bytes in one coordinate (and in the shared secret).
    pub fn field_len(self) -> usize {
        match self {
            AgreementCurve::P256 | AgreementCurve::BrainpoolP256r1 => 32,
            AgreementCurve::P384 | AgreementCurve::BrainpoolP384r1 => 48,
            AgreementCurve::P521 => 66,
            AgreementCurve::BrainpoolP512r1 => 64,
        }
    }
}
