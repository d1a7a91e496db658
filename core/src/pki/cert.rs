//! One X.509 certificate, parsed once, with what trust decisions need.

use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;

use der::{Decode, Encode};
use x509_cert::certificate::{CertificateInner, Raw};

use super::PkiError;
use crate::crypto::{PublicKey, SignatureAlgorithm};
use crate::time::DateTime;

/// Key usage bits (RFC 5280 §4.2.1.3) that trust decisions look at.
pub(crate) const KU_DIGITAL_SIGNATURE: u16 = 0x8000;
pub(crate) const KU_NON_REPUDIATION: u16 = 0x4000;
pub(crate) const KU_KEY_CERT_SIGN: u16 = 0x0400;
pub(crate) const KU_CRL_SIGN: u16 = 0x0200;

/// An X.509 certificate, parsed once. Cloning shares the parsed form.
#[derive(Clone)]
pub struct Certificate(Arc<Inner>);

impl PartialEq for Certificate {
    fn eq(&self, other: &Self) -> bool {
        self.0.der == other.0.der
    }
}
impl Eq for Certificate {}

struct Inner {
    der: Vec<u8>,
    tbs: core::ops::Range<usize>,
    subject_der: Vec<u8>,
    issuer_der: Vec<u8>,
    subject: String,
    issuer: String,
    serial: Vec<u8>,
    not_before: DateTime,
    not_after: DateTime,
    key: Option<PublicKey>,
    subject_attrs: Vec<(String, String)>,
    issuer_attrs: Vec<(String, String)>,
    signature_algorithm: Option<SignatureAlgorithm>,
    signature_algorithm_oid: String,
    signature: Vec<u8>,
    ski: Option<Vec<u8>>,
    ocsp_nocheck: bool,
    key_usage: Option<u16>,
    ca: Option<(bool, Option<u8>)>,
    ext_key_usage: Option<Vec<String>>,
    unknown_critical: Option<String>,
    sha256: [u8; 32],
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("subject", &self.0.subject)
            .field("sha256", &self.sha256_hex())
            .finish()
    }
}

/// The most attributes a subject or issuer Name may hold (RFC 5280 sets no bound; real
/// names hold fewer than twenty).
pub(super) const MAX_NAME_ATTRIBUTES: usize = 256;

const OID_KU: &str = "2.5.29.15";
const OID_BC: &str = "2.5.29.19";
const OID_EKU: &str = "2.5.29.37";
const OID_SKI: &str = "2.5.29.14";
/// `id-pkix-ocsp-nocheck` (RFC 6960 §4.2.2.2.1).
const OID_OCSP_NOCHECK: &str = "1.3.6.1.5.5.7.48.1.5";
// Extensions whose criticality we can honour: we read them, or they only narrow uses
// that XML signature verification does not make.
const KNOWN_CRITICAL: &[&str] = &[
    OID_KU,
    OID_BC,
    "2.5.29.37",         // extKeyUsage
    "2.5.29.17",         // subjectAltName
    "2.5.29.32",         // certificatePolicies
    "2.5.29.14",         // subjectKeyIdentifier
    "2.5.29.35",         // authorityKeyIdentifier
    "1.3.6.1.5.5.7.1.3", // qcStatements
];

impl Certificate {
    /// Parses a DER certificate.
    ///
    /// # Errors
    /// [`PkiError::BadCertificate`] when it is not an X.509 certificate with a supported
    /// public key.
    pub fn from_der(der_bytes: &[u8]) -> Result<Self, PkiError> {
        let bad = |why: &str| PkiError::BadCertificate {
            reason: why.to_string(),
        };
        let cert =
            CertificateInner::<Raw>::from_der(der_bytes).map_err(|e| PkiError::BadCertificate {
                reason: e.to_string(),
            })?;
        let tbs = tbs_range(der_bytes).ok_or_else(|| bad("cannot locate TBSCertificate"))?;
        let t = cert.tbs_certificate();
        let spki_der = t
            .subject_public_key_info()
            .to_der()
            .map_err(|_| bad("bad SubjectPublicKeyInfo"))?;
        // A certificate with a key we cannot use (DSA…) still parses: it may be a trust
        // anchor of no use, but it must not make the whole trust store unreadable.
        let key = PublicKey::from_spki_der(&spki_der).ok();
        let mut key_usage = None;
        let mut ca = None;
        let mut ext_key_usage = None;
        let mut unknown_critical = None;
        let mut ski = None;
        let mut ocsp_nocheck = false;
        if let Some(exts) = t.extensions() {
            for e in exts.iter() {
                let oid = e.extn_id.to_string();
                let v = e.extn_value.as_bytes();
                if oid == OID_KU {
                    let bits =
                        der::asn1::BitStringRef::from_der(v).map_err(|_| bad("bad keyUsage"))?;
                    let raw = bits.raw_bytes();
                    let hi = u16::from(raw.first().copied().unwrap_or(0));
                    let lo = u16::from(raw.get(1).copied().unwrap_or(0));
                    key_usage = Some(hi << 8 | lo);
                } else if oid == OID_BC {
                    let bc = x509_cert::ext::pkix::BasicConstraints::from_der(v)
                        .map_err(|_| bad("bad basicConstraints"))?;
                    ca = Some((bc.ca, bc.path_len_constraint));
                } else if oid == OID_OCSP_NOCHECK {
                    ocsp_nocheck = true;
                } else if oid == OID_SKI {
                    let id = <&der::asn1::OctetStringRef>::from_der(v)
                        .map_err(|_| bad("bad subjectKeyIdentifier"))?;
                    ski = Some(id.as_bytes().to_vec());
                } else if oid == OID_EKU {
                    let eku = x509_cert::ext::pkix::ExtendedKeyUsage::from_der(v)
                        .map_err(|_| bad("bad extKeyUsage"))?;
                    ext_key_usage = Some(eku.0.iter().map(ToString::to_string).collect());
                } else if e.critical
                    && !KNOWN_CRITICAL.contains(&oid.as_str())
                    && unknown_critical.is_none()
                {
                    unknown_critical = Some(oid);
                }
            }
        }
        // Each attribute is formatted and compared as text from here on; real names hold
        // a handful, and a certificate of a few MB can hold a hundred thousand.
        for (name, what) in [(t.subject(), "subject"), (t.issuer(), "issuer")] {
            if name.iter().nth(MAX_NAME_ATTRIBUTES).is_some() {
                return Err(PkiError::BadCertificate {
                    reason: alloc::format!(
                        "the {what} has more than {MAX_NAME_ATTRIBUTES} attributes"
                    ),
                });
            }
        }
        let subject_attrs = dn_attributes(t.subject());
        let issuer_attrs = dn_attributes(t.issuer());
        let signature_algorithm_oid = cert.signature_algorithm().oid.to_string();
        let signature_algorithm = signature_algorithm_of(cert.signature_algorithm());
        let signature = cert.signature().raw_bytes().to_vec();
        let digest = crate::crypto::DigestAlgorithm::Sha256.digest(der_bytes);
        let mut sha256 = [0u8; 32];
        sha256.copy_from_slice(digest.as_bytes());
        Ok(Certificate(Arc::new(Inner {
            der: der_bytes.to_vec(),
            tbs,
            subject_der: t.subject().to_der().map_err(|_| bad("bad subject"))?,
            issuer_der: t.issuer().to_der().map_err(|_| bad("bad issuer"))?,
            subject: super::dn::to_rfc4514(&subject_attrs),
            issuer: super::dn::to_rfc4514(&issuer_attrs),
            subject_attrs,
            issuer_attrs,
            serial: t.serial_number().as_bytes().to_vec(),
            not_before: to_datetime(&t.validity().not_before),
            not_after: to_datetime(&t.validity().not_after),
            key,
            signature_algorithm,
            signature_algorithm_oid,
            signature,
            ski,
            ocsp_nocheck,
            key_usage,
            ca,
            ext_key_usage,
            unknown_critical,
            sha256,
        })))
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.0.der
    }
    /// The subject as an RFC 4514 string.
    pub fn subject(&self) -> &str {
        &self.0.subject
    }
    /// The issuer as an RFC 4514 string.
    pub fn issuer(&self) -> &str {
        &self.0.issuer
    }
    /// The serial number's big-endian bytes.
    pub fn serial(&self) -> &[u8] {
        &self.0.serial
    }
    /// Start of validity.
    pub fn not_before(&self) -> DateTime {
        self.0.not_before
    }
    /// End of validity.
    pub fn not_after(&self) -> DateTime {
        self.0.not_after
    }
    /// The subject public key, `None` when its algorithm is not supported (DSA…).
    pub fn public_key(&self) -> Option<&PublicKey> {
        self.0.key.as_ref()
    }
    /// Whether the subject equals the distinguished name `dn` (RFC 4514 text), compared
    /// attribute by attribute, in any order, ignoring case and runs of spaces.
    pub fn subject_matches(&self, dn: &str) -> bool {
        super::dn::matches(&self.0.subject_attrs, dn)
    }
    /// Whether the issuer equals the distinguished name `dn`, compared as
    /// [`subject_matches`](Self::subject_matches) does.
    pub fn issuer_matches(&self, dn: &str) -> bool {
        super::dn::matches(&self.0.issuer_attrs, dn)
    }
    /// The subject's attributes as (OID, value) pairs.
    pub fn subject_attributes(&self) -> &[(String, String)] {
        &self.0.subject_attrs
    }
    /// SHA-256 of the DER encoding.
    pub fn sha256(&self) -> &[u8; 32] {
        &self.0.sha256
    }
    /// SHA-256 fingerprint as lowercase hex.
    pub fn sha256_hex(&self) -> String {
        crate::encoding::hex_lower(&self.0.sha256)
    }

    pub(crate) fn subject_der(&self) -> &[u8] {
        &self.0.subject_der
    }
    pub(crate) fn issuer_der(&self) -> &[u8] {
        &self.0.issuer_der
    }
    pub(crate) fn tbs(&self) -> &[u8] {
        &self.0.der[self.0.tbs.clone()]
    }
    pub(crate) fn signature_algorithm(&self) -> Option<SignatureAlgorithm> {
        self.0.signature_algorithm
    }
    /// The dotted OID of the certificate's signature algorithm, for naming one that is
    /// not supported.
    pub(crate) fn signature_algorithm_oid(&self) -> &str {
        &self.0.signature_algorithm_oid
    }
    /// Whether the certificate carries `id-pkix-ocsp-nocheck`: a delegated OCSP
    /// responder's own status need not be checked (RFC 6960 §4.2.2.2.1).
    pub(crate) fn ocsp_nocheck(&self) -> bool {
        self.0.ocsp_nocheck
    }
    /// The subjectKeyIdentifier extension's value, when present (RFC 5280 §4.2.1.2).
    pub(crate) fn subject_key_identifier(&self) -> Option<&[u8]> {
        self.0.ski.as_deref()
    }
    pub(crate) fn signature(&self) -> &[u8] {
        &self.0.signature
    }
    pub(crate) fn key_usage(&self) -> Option<u16> {
        self.0.key_usage
    }
    pub(crate) fn basic_constraints(&self) -> Option<(bool, Option<u8>)> {
        self.0.ca
    }
    /// Whether the extKeyUsage extension is present and lists `oid` (RFC 5280 §4.2.1.12).
    pub(crate) fn has_extended_key_usage(&self, oid: &str) -> bool {
        self.0
            .ext_key_usage
            .as_ref()
            .is_some_and(|l| l.iter().any(|o| o == oid))
    }
    pub(crate) fn unknown_critical(&self) -> Option<&str> {
        self.0.unknown_critical.as_deref()
    }
}

/// An X.509 Time as a [`DateTime`].
pub(super) fn to_datetime(tm: &x509_cert::time::Time) -> DateTime {
    let d = tm.to_unix_duration();
    DateTime::from_unix(i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The (OID, text value) pairs of a Name, in order.
pub(super) fn dn_attributes(name: &x509_cert::name::Name) -> Vec<(String, String)> {
    let mut out = Vec::new();
    {
        for atv in name.iter() {
            let bytes = atv.value.value();
            let text = if der::Tagged::tag(&atv.value) == der::Tag::BmpString {
                let units: Vec<u16> = bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or('\u{fffd}'))
                    .collect()
            } else {
                String::from_utf8_lossy(bytes).into_owned()
            };
            out.push((atv.oid.to_string(), text));
        }
    }
    out
}

const OID_RSASSA_PSS: &str = "1.2.840.113549.1.1.10";
const OID_MGF1: &str = "1.2.840.113549.1.1.8";

/// The signature algorithm an X.509 `AlgorithmIdentifier` (of a certificate, a CRL or an
/// OCSP response) names, with RSASSA-PSS read from its parameters.
pub(crate) fn signature_algorithm_of(
    ai: &x509_cert::spki::AlgorithmIdentifierOwned,
) -> Option<SignatureAlgorithm> {
    let oid = ai.oid.to_string();
    if oid != OID_RSASSA_PSS {
        return cert_signature_algorithm(&oid);
    }
    rsassa_pss(&ai.parameters.as_ref()?.to_der().ok()?)
}

/// RSASSA-PSS parameters (RFC 4055 §3.1) as one of the PSS methods XML-DSig names: MGF1
/// over the message hash, a salt as long as the hash, the usual trailer. Other
/// combinations (SHA-1, the defaults, mixed hashes, other salts) are not supported.
fn rsassa_pss(params: &[u8]) -> Option<SignatureAlgorithm> {
    use SignatureAlgorithm::*;
    let p = rsa::pkcs1::RsaPssParamsOwned::from_der(params).ok()?;
    let hash = p.hash.oid.to_string();
    let mgf_hash = p.mask_gen.parameters.as_ref()?.oid.to_string();
    if p.mask_gen.oid.to_string() != OID_MGF1
        || mgf_hash != hash
        || p.trailer_field != rsa::pkcs1::TrailerField::BC
    {
        return None;
    }
    // The salt XML-DSig's PSS methods fix: as long as the hash's output, in bytes.
    let (alg, hash_len) = match hash.as_str() {
        "2.16.840.1.101.3.4.2.4" => (RsaPssSha224, 28),
        "2.16.840.1.101.3.4.2.1" => (RsaPssSha256, 32),
        "2.16.840.1.101.3.4.2.2" => (RsaPssSha384, 48),
        "2.16.840.1.101.3.4.2.3" => (RsaPssSha512, 64),
        "2.16.840.1.101.3.4.2.7" => (RsaPssSha3_224, 28),
        "2.16.840.1.101.3.4.2.8" => (RsaPssSha3_256, 32),
        "2.16.840.1.101.3.4.2.9" => (RsaPssSha3_384, 48),
        "2.16.840.1.101.3.4.2.10" => (RsaPssSha3_512, 64),
        _ => return None,
    };
    (p.salt_len == hash_len).then_some(alg)
}

pub(crate) fn cert_signature_algorithm(oid: &str) -> Option<SignatureAlgorithm> {
    use SignatureAlgorithm::*;
    Some(match oid {
        // PKCS#1 (RFC 8017 appendix A.2.4), RFC 4055.
        "1.2.840.113549.1.1.5" => RsaPkcs1Sha1,
        "1.2.840.113549.1.1.14" => RsaPkcs1Sha224,
        "1.2.840.113549.1.1.11" => RsaPkcs1Sha256,
        "1.2.840.113549.1.1.12" => RsaPkcs1Sha384,
        "1.2.840.113549.1.1.13" => RsaPkcs1Sha512,
        // id-rsassa-pkcs1-v1_5-with-sha3-* (NIST CSOR sigAlgs).
        "2.16.840.1.101.3.4.3.13" => RsaPkcs1Sha3_224,
        "2.16.840.1.101.3.4.3.14" => RsaPkcs1Sha3_256,
        "2.16.840.1.101.3.4.3.15" => RsaPkcs1Sha3_384,
        "2.16.840.1.101.3.4.3.16" => RsaPkcs1Sha3_512,
        // ANSI X9.62, RFC 5758.
        "1.2.840.10045.4.1" => EcdsaSha1,
        "1.2.840.10045.4.3.1" => EcdsaSha224,
        "1.2.840.10045.4.3.2" => EcdsaSha256,
        "1.2.840.10045.4.3.3" => EcdsaSha384,
        "1.2.840.10045.4.3.4" => EcdsaSha512,
        // id-ecdsa-with-sha3-* (NIST CSOR sigAlgs).
        "2.16.840.1.101.3.4.3.9" => EcdsaSha3_224,
        "2.16.840.1.101.3.4.3.10" => EcdsaSha3_256,
        "2.16.840.1.101.3.4.3.11" => EcdsaSha3_384,
        "2.16.840.1.101.3.4.3.12" => EcdsaSha3_512,
        "1.3.101.112" => Ed25519,
        _ => return None,
    })
}

/// A name for a certificate or CRL signature algorithm, for saying which one was refused:
/// the usual name (RFC 3279, RFC 4055, RFC 5758, RFC 8410) of a known OID, else the
/// dotted OID itself.
pub(crate) fn signature_algorithm_name(oid: &str) -> String {
    let name = match oid {
        "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
        "1.2.840.113549.1.1.3" => "md4WithRSAEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.3.14.3.2.29" => "sha1WithRSASignature",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.2.840.10040.4.3" => "dsa-with-sha1",
        "2.16.840.1.101.3.4.3.1" => "dsa-with-sha224",
        "2.16.840.1.101.3.4.3.2" => "dsa-with-sha256",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        _ => oid,
    };
    name.to_string()
}

/// The byte range of the TBSCertificate (or TBSCertList) TLV inside a DER certificate
/// (or CRL): the signed bytes exactly as received, not a re-encoding.
pub(super) fn tbs_range(der_bytes: &[u8]) -> Option<core::ops::Range<usize>> {
    let (outer_hdr, _outer_len) = tlv_header(der_bytes)?;
    let (hdr, len) = tlv_header(der_bytes.get(outer_hdr..)?)?;
    let end = outer_hdr.checked_add(hdr)?.checked_add(len)?;
    (end <= der_bytes.len()).then_some(outer_hdr..end)
}

/// A DER SEQUENCE header: (header length, content length).
pub(super) fn tlv_header(b: &[u8]) -> Option<(usize, usize)> {
    if *b.first()? != 0x30 {
        return None;
    }
    let l = *b.get(1)?;
    if l < 0x80 {
        return Some((2, usize::from(l)));
    }
    let n = usize::from(l & 0x7f);
    if n == 0 || n > 4 {
        return None;
    }
    let mut len = 0usize;
    for i in 0..n {
        len = (len << 8) | usize::from(*b.get(2 + i)?);
    }
    Some((2 + n, len))
}

impl fmt::Display for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.subject)
    }
}
