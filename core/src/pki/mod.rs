//! Trust: pinned certificates and keys, CA anchors, and paths from a signer to them.
//!
//! Only what the caller puts in a [`TrustStore`] grants trust (invariant 1). Certificates
//! found in a document's `KeyInfo` are hints: they may supply the signer's certificate
//! and intermediates, and each must then equal a pinned certificate or chain to an
//! anchor, valid at the caller's `now`.

mod cert;
mod crl;
mod dn;
mod ocsp;
mod path;

use crate::encoding::pem_blocks;
pub use cert::Certificate;
pub use ocsp::{
    build_ocsp_request, verify_ocsp_response, verify_ocsp_response_with, OcspError, OcspQuestion,
    OcspResponseStatus, OcspStatus, RevocationReason, VerifiedOcspResponse,
};
pub(crate) use path::check_signer;
pub use path::MAX_CHAIN_LEN;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::code::ErrorCode;
use crate::crypto::PublicKey;
use crate::time::DateTime;

/// Why a signer or certificate was not trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PkiError {
    /// A certificate does not parse (RFC 5280 §4.1).
    BadCertificate {
        /// What is wrong.
        reason: String,
    },
    /// The signing key is neither pinned nor certified by a path to an anchor.
    UntrustedSigner {
        /// The subject of the certificate that signed, when one was found.
        subject: Option<String>,
    },
    /// A certificate on the path is not valid yet (RFC 5280 §4.1.2.5).
    NotYetValid {
        /// Its subject.
        subject: String,
        /// Its notBefore.
        not_before: DateTime,
        /// The verification time.
        now: DateTime,
    },
    /// A certificate on the path has expired (RFC 5280 §4.1.2.5).
    Expired {
        /// Its subject.
        subject: String,
        /// Its notAfter.
        not_after: DateTime,
        /// The verification time.
        now: DateTime,
    },
    /// The signer's keyUsage lacks digitalSignature (RFC 5280 §4.2.1.3).
    KeyUsage {
        /// The signer's subject.
        subject: String,
    },
    /// An issuing certificate is not a CA or may not sign certificates (RFC 5280
    /// §4.2.1.9, §4.2.1.3), or its path length constraint is exceeded.
    NotCa {
        /// Its subject.
        subject: String,
    },
    /// No path within the policy's length limit.
    ChainTooLong {
        /// The limit.
        limit: usize,
    },
    /// A certificate's signature does not verify under its issuer's key (RFC 5280
    /// §6.1.3 (a)(1)). A refused algorithm is [`PkiError::AlgorithmRefused`] instead.
    BadChainSignature {
        /// The certificate's subject.
        subject: String,
    },
    /// PEM input without a certificate or key, or with a broken block.
    BadPem,
    /// A private key was given where a certificate or public key is expected. It has the
    /// code of [`PkiError::BadPem`]; the message names the mistake.
    PrivateKeyGiven {
        /// Its form, such as `PKCS#8 (DER)`.
        form: &'static str,
    },
    /// Verification was asked for with an empty trust store.
    EmptyTrustStore,
    /// A certificate carries a critical extension that is not understood (RFC 5280 §4.2).
    UnknownCriticalExtension {
        /// Its subject.
        subject: String,
        /// The extension's OID.
        oid: String,
    },
    /// A certificate on the path is revoked: a CRL of its issuer lists it, or a verified
    /// OCSP response the caller added with [`TrustStore::add_ocsp_evidence`] says so.
    /// Both are reported the same way, with code `pki.revoked`.
    Revoked {
        /// Its subject.
        subject: String,
        /// When it was revoked.
        revoked_at: DateTime,
        /// What said so.
        source: RevocationSource,
    },
    /// A certificate on the path is signed with an algorithm the policy refuses or that
    /// is not supported (MD5, SHA-1 without `allow_sha1`). Code `dsig.algorithm_refused`,
    /// the same as for a refused algorithm in the signature itself.
    AlgorithmRefused {
        /// The certificate's subject.
        subject: String,
        /// The algorithm, by name or OID.
        algorithm: String,
    },
    /// A CRL does not parse, or is of a kind not supported (a delta CRL, an indirect
    /// CRL, one with an unknown critical extension).
    CrlInvalid {
        /// What is wrong.
        reason: String,
    },
    /// The CRL of a certificate's issuer is past its nextUpdate at the verification
    /// time, so whether the certificate is revoked is unknown: refused (fail closed)
    /// unless the policy accepts stale CRLs.
    CrlExpired {
        /// The CRL's issuer.
        issuer: String,
        /// Its nextUpdate.
        next_update: DateTime,
        /// The verification time.
        now: DateTime,
    },
    /// The CRL of a certificate's issuer has a thisUpdate after the verification time.
    CrlNotYetValid {
        /// The CRL's issuer.
        issuer: String,
        /// Its thisUpdate.
        this_update: DateTime,
        /// The verification time.
        now: DateTime,
    },
    /// A CRL the caller gave names a certificate's issuer but its signature does not
    /// verify under that issuer's key, or that issuer's keyUsage lacks cRLSign (RFC 5280
    /// §6.3.3 (f)). A document's CRL that does not verify is ignored instead.
    CrlBadSignature {
        /// The issuer the CRL names.
        issuer: String,
    },
    /// Path building gave up: the certificates offered (by the document or the store)
    /// form more candidate paths than the budget allows, as certificates sharing one
    /// name and key do. The signer is not trusted.
    PathBudgetExceeded {
        /// The signer's subject.
        subject: String,
    },
}

/// Where a revocation came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RevocationSource {
    /// A CRL signed by the certificate's issuer (from the trust store or the document).
    Crl,
    /// A verified OCSP response the caller added to the trust store.
    Ocsp,
}

impl RevocationSource {
    /// `crl` or `ocsp`.
    pub fn name(self) -> &'static str {
        match self {
            RevocationSource::Crl => "crl",
            RevocationSource::Ocsp => "ocsp",
        }
    }
}

impl PkiError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            PkiError::BadCertificate { .. } => ErrorCode::PkiBadCertificate,
            PkiError::UntrustedSigner { .. } => ErrorCode::PkiUntrustedSigner,
            PkiError::NotYetValid { .. } => ErrorCode::PkiNotYetValid,
            PkiError::Expired { .. } => ErrorCode::PkiExpired,
            PkiError::KeyUsage { .. } => ErrorCode::PkiKeyUsage,
            PkiError::NotCa { .. } => ErrorCode::PkiNotCa,
            PkiError::ChainTooLong { .. } => ErrorCode::PkiChainTooLong,
            PkiError::BadChainSignature { .. } => ErrorCode::PkiBadChainSignature,
            PkiError::BadPem | PkiError::PrivateKeyGiven { .. } => ErrorCode::PkiBadPem,
            PkiError::EmptyTrustStore => ErrorCode::PkiEmptyTrustStore,
            PkiError::UnknownCriticalExtension { .. } => ErrorCode::PkiUnknownCriticalExtension,
            PkiError::Revoked { .. } => ErrorCode::PkiRevoked,
            PkiError::AlgorithmRefused { .. } => ErrorCode::DsigAlgorithmRefused,
            PkiError::CrlInvalid { .. } => ErrorCode::PkiCrlInvalid,
            PkiError::CrlExpired { .. } => ErrorCode::PkiCrlExpired,
            PkiError::CrlNotYetValid { .. } => ErrorCode::PkiCrlNotYetValid,
            PkiError::CrlBadSignature { .. } => ErrorCode::PkiCrlBadSignature,
            PkiError::PathBudgetExceeded { .. } => ErrorCode::PkiPathBudgetExceeded,
        }
    }
}

impl fmt::Display for PkiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PkiError::BadCertificate { reason } => write!(f, "a certificate does not parse: {reason}"),
            PkiError::UntrustedSigner { subject: Some(s) } => {
                write!(f, "the signer ({s}) is not trusted: it is not pinned and does not chain to a trust anchor")
            }
            PkiError::UntrustedSigner { subject: None } => {
                f.write_str("no trusted key verifies the signature: add the signer's certificate or its CA to the trust store")
            }
            PkiError::NotYetValid { subject, not_before, now } => {
                write!(f, "the certificate {subject} is not valid before {not_before} (verification time {now})")
            }
            PkiError::Expired { subject, not_after, now } => {
                write!(f, "the certificate {subject} expired at {not_after} (verification time {now})")
            }
            PkiError::KeyUsage { subject } => write!(f, "the certificate {subject} may not make digital signatures (keyUsage)"),
            PkiError::NotCa { subject } => write!(f, "the certificate {subject} may not issue certificates"),
            PkiError::ChainTooLong { limit } => write!(f, "no certificate path of at most {limit} certificates reaches a trust anchor"),
            PkiError::BadChainSignature { subject } => {
                write!(f, "the certificate {subject} is not validly signed by its issuer")
            }
            PkiError::BadPem => f.write_str("no PEM certificate or public key found, or a PEM block is damaged"),
            PkiError::PrivateKeyGiven { form } => write!(
                f,
                "this is a private key ({form}), not a certificate or public key: trust the signer's \
                 certificate or public key, and keep the private key out of the trust store"
            ),
            PkiError::EmptyTrustStore => f.write_str("the trust store is empty: nothing could be trusted"),
            PkiError::UnknownCriticalExtension { subject, oid } => {
                write!(f, "the certificate {subject} has the critical extension {oid}, which is not supported")
            }
            PkiError::Revoked { subject, revoked_at, source } => {
                let by = match source {
                    RevocationSource::Crl => "a CRL signed by its issuer",
                    RevocationSource::Ocsp => "verified OCSP evidence",
                };
                write!(f, "the certificate {subject} was revoked at {revoked_at} ({by})")
            }
            PkiError::AlgorithmRefused { subject, algorithm } => {
                write!(f, "the certificate {subject} is signed with {algorithm}, which the policy refuses or which is not supported")
            }
            PkiError::CrlInvalid { reason } => write!(f, "a CRL is unusable: {reason}"),
            PkiError::CrlExpired { issuer, next_update, now } => {
                write!(f, "the CRL of {issuer} was due to be replaced at {next_update} (verification time {now}): revocation status unknown; fetch a current CRL")
            }
            PkiError::CrlNotYetValid { issuer, this_update, now } => {
                write!(f, "the CRL of {issuer} is issued at {this_update}, after the verification time {now}")
            }
            PkiError::CrlBadSignature { issuer } => {
                write!(f, "a CRL names {issuer} as its issuer but is not signed by that certificate's key (or it may not sign CRLs): remove it or fetch the right one")
            }
            PkiError::PathBudgetExceeded { subject } => {
                write!(f, "no certificate path for {subject} was found within the path-building budget: the certificates offered form too many candidate paths")
            }
        }
    }
}

impl core::error::Error for PkiError {}

/// What the caller trusts: pinned certificates and keys, CA anchors, and untrusted
/// intermediates that may help build a path.
///
/// Each trusted certificate is usable both ways: a signer whose certificate equals it is
/// trusted (pinning), and a signer certified by it is trusted (an anchor), when it is a
/// CA certificate.
///
/// ```
/// # let pem = include_bytes!("../../../tests/data/sample/signer.pem");
/// let store = trustmeta::TrustStore::from_pem(pem).unwrap();
/// assert_eq!(store.len(), 1);
/// ```
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    trusted: Vec<Certificate>,
    keys: Vec<PublicKey>,
    intermediates: Vec<Certificate>,
    /// SHA-256 of each certificate a verified OCSP response says is revoked, with when.
    revoked: Vec<([u8; 32], DateTime)>,
    /// CRLs the caller gave, checked against each path certificate's issuer.
    crls: Vec<crl::Crl>,
}

impl TrustStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store holding every `CERTIFICATE` and `PUBLIC KEY` block of `pem`, or the single
    /// DER certificate or public key `pem` is when it is not PEM.
    ///
    /// # Errors
    /// [`PkiError::BadPem`] when nothing usable is found; [`PkiError::BadCertificate`] for
    /// a certificate that does not parse.
    pub fn from_pem(pem: &[u8]) -> Result<Self, PkiError> {
        let mut s = TrustStore::new();
        s.add_pem(pem)?;
        Ok(s)
    }

    /// Adds every `CERTIFICATE`, `PUBLIC KEY` and `RSA PUBLIC KEY` block of `pem` (or one
    /// DER certificate or DER `SubjectPublicKeyInfo`).
    ///
    /// A private key, PEM or DER, is refused with [`PkiError::PrivateKeyGiven`], which
    /// says so:
    ///
    /// ```
    /// use trustmeta::{PkiError, TrustStore};
    /// let key = b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n";
    /// let err = TrustStore::from_pem(key).unwrap_err();
    /// assert!(matches!(err, PkiError::PrivateKeyGiven { .. }));
    /// assert_eq!(err.code().as_str(), "pki.bad_pem");
    /// ```
    ///
    /// # Errors
    /// As [`TrustStore::from_pem`].
    pub fn add_pem(&mut self, pem: &[u8]) -> Result<(), PkiError> {
        let before = self.len();
        match core::str::from_utf8(pem) {
            Ok(text) if text.contains("-----BEGIN") => {
                for der in pem_blocks(text, "CERTIFICATE") {
                    self.trusted.push(Certificate::from_der(&der)?);
                }
                for der in pem_blocks(text, "PUBLIC KEY") {
                    self.keys
                        .push(PublicKey::from_spki_der(&der).map_err(|_| PkiError::BadPem)?);
                }
                for der in pem_blocks(text, "RSA PUBLIC KEY") {
                    self.keys
                        .push(PublicKey::from_pkcs1_rsa_der(&der).map_err(|_| PkiError::BadPem)?);
                }
            }
            _ => match Certificate::from_der(pem) {
                Ok(cert) => self.trusted.push(cert),
                Err(e) => match PublicKey::from_spki_der(pem) {
                    Ok(key) => self.keys.push(key),
                    Err(_) => {
                        return Err(private_key_form(pem)
                            .map_or(e, |form| PkiError::PrivateKeyGiven { form }))
                    }
                },
            },
        }
        if self.len() == before {
            return Err(private_key_form(pem)
                .map_or(PkiError::BadPem, |form| PkiError::PrivateKeyGiven { form }));
        }
        Ok(())
    }

    /// Trusts `cert` (pinned, and as an anchor if it is a CA).
    pub fn add_certificate(&mut self, cert: Certificate) {
        self.trusted.push(cert);
    }

    /// Trusts a bare public key (pinned).
    pub fn add_public_key(&mut self, key: PublicKey) {
        self.keys.push(key);
    }

    /// Trusts only the public key of each certificate in `pem` (PEM, or one DER
    /// certificate), ignoring the certificates' validity, as the SAML metadata
    /// interoperability profile prescribes for keys taken from metadata. All or nothing:
    /// the store is unchanged when one certificate is refused.
    ///
    /// ```
    /// use trustmeta::TrustStore;
    /// let mut store = TrustStore::new();
    /// store.add_keys_pem(include_bytes!("../../../tests/data/sample/signer.pem"))?;
    /// assert_eq!((store.len(), store.certificates().len()), (1, 0));
    /// # Ok::<(), trustmeta::PkiError>(())
    /// ```
    ///
    /// # Errors
    /// [`PkiError::BadPem`] when `pem` holds no certificate; [`PkiError::BadCertificate`]
    /// for one that does not parse or whose key type is not supported.
    pub fn add_keys_pem(&mut self, pem: &[u8]) -> Result<(), PkiError> {
        let certs = TrustStore::from_pem(pem)?;
        if certs.trusted.is_empty() {
            return Err(PkiError::BadPem);
        }
        let mut keys = Vec::with_capacity(certs.trusted.len());
        for cert in &certs.trusted {
            let key = cert.public_key().ok_or_else(|| PkiError::BadCertificate {
                reason: format!("the key type of {} is not supported", cert.subject()),
            })?;
            keys.push(key.clone());
        }
        self.keys.extend(keys);
        Ok(())
    }

    /// Adds an untrusted intermediate certificate: it may complete a path, never end one.
    pub fn add_intermediate(&mut self, cert: Certificate) {
        self.intermediates.push(cert);
    }

    /// Adds every certificate of `pem` as an untrusted intermediate.
    ///
    /// # Errors
    /// [`PkiError::BadPem`] when `pem` has no certificate.
    pub fn add_intermediates_pem(&mut self, pem: &[u8]) -> Result<(), PkiError> {
        let text = core::str::from_utf8(pem).map_err(|_| PkiError::BadPem)?;
        let mut n = 0;
        for der in pem_blocks(text, "CERTIFICATE") {
            self.intermediates.push(Certificate::from_der(&der)?);
            n += 1;
        }
        if n == 0 {
            return Err(PkiError::BadPem);
        }
        Ok(())
    }

    /// Records a verified OCSP response as revocation evidence: when it says "revoked",
    /// path building then refuses any path through that certificate (leaf, intermediate
    /// or anchor) with [`PkiError::Revoked`]. "Good" and "unknown" change nothing — the
    /// store does not require evidence, it only honours what it is given. Returns whether
    /// the response was recorded as a revocation.
    ///
    /// The response was verified against a `now` and a CA chosen by the caller; adding it
    /// here trusts that choice.
    pub fn add_ocsp_evidence(&mut self, response: &VerifiedOcspResponse) -> bool {
        match response.status() {
            OcspStatus::Revoked { time, .. } => {
                let fp = *response.certificate().sha256();
                if !self.revoked.iter().any(|(f, _)| *f == fp) {
                    self.revoked.push((fp, time));
                }
                true
            }
            OcspStatus::Good | OcspStatus::Unknown => false,
        }
    }

    /// Adds every `X509 CRL` block of `pem` (or one DER CRL) (RFC 5280 §5). Returns how
    /// many CRLs were added.
    ///
    /// While a path is built, each certificate on it but the trust anchor is looked up in
    /// the CRLs that name its issuer and that its issuer signed (with keyUsage cRLSign when
    /// the extension is present): a path through a certificate listed as revoked at or
    /// before the verification time is refused with [`PkiError::Revoked`]; a path whose
    /// certificate's CRLs are all past their nextUpdate with [`PkiError::CrlExpired`]
    /// (unless [`Policy::allow_stale_crl`](crate::Policy::allow_stale_crl)), or all issued
    /// after the verification time with [`PkiError::CrlNotYetValid`]. A CRL here that names
    /// an issuer on the path but does not verify under its key refuses the path with
    /// [`PkiError::CrlBadSignature`] (one whose authorityKeyIdentifier names another key of
    /// that issuer is left out instead: it is that key's CRL). A certificate whose issuer has no CRL here is not
    /// checked: the store honours the revocation data it is given, it does not require it.
    /// A pinned signer (its certificate itself in the store) is trusted without a CRL
    /// check.
    ///
    /// Each CRL is read once, here, and its signature checked here against the store's
    /// certificates that bear its issuer's name: add the CA certificates first, and a CRL
    /// of many MB is not hashed again for each verification.
    ///
    /// Complete CRLs only: a delta CRL, an indirect CRL, a CRL for some reasons or for
    /// attribute certificates, or one with an unknown critical extension is refused rather
    /// than half understood.
    ///
    /// ```
    /// let mut store = trustmeta::TrustStore::new();
    /// let crl = include_bytes!("../../../tests/data/crl/intermediate-empty.crl.pem");
    /// assert_eq!(store.add_crls_pem(crl)?, 1);
    /// let delta = include_bytes!("../../../tests/data/crl/intermediate-delta.crl.pem");
    /// assert_eq!(store.add_crls_pem(delta).unwrap_err().code().as_str(), "pki.crl_invalid");
    /// # Ok::<(), trustmeta::PkiError>(())
    /// ```
    ///
    /// # Errors
    /// [`PkiError::CrlInvalid`] when `pem` holds no CRL, a PEM block is damaged, or a CRL
    /// does not parse or is of an unsupported kind; the store is then unchanged.
    pub fn add_crls_pem(&mut self, pem: &[u8]) -> Result<usize, PkiError> {
        let mut crls = crl::parse_pem_or_der(pem)?;
        for c in &mut crls {
            c.note_signers(self.trusted.iter().chain(&self.intermediates));
        }
        let n = crls.len();
        self.crls.extend(crls);
        Ok(n)
    }

    /// The CRLs the caller gave.
    pub(crate) fn crls(&self) -> &[crl::Crl] {
        &self.crls
    }

    /// [`PkiError::Revoked`] when OCSP evidence says `cert` is revoked.
    pub(crate) fn check_not_revoked(&self, cert: &Certificate) -> Result<(), PkiError> {
        match self.revoked.iter().find(|(f, _)| f == cert.sha256()) {
            Some((_, at)) => Err(PkiError::Revoked {
                subject: cert.subject().into(),
                revoked_at: *at,
                source: RevocationSource::Ocsp,
            }),
            None => Ok(()),
        }
    }

    /// Number of trusted certificates and keys (intermediates not counted).
    pub fn len(&self) -> usize {
        self.trusted.len() + self.keys.len()
    }

    /// Whether nothing is trusted.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The trusted certificates.
    pub fn certificates(&self) -> &[Certificate] {
        &self.trusted
    }

    pub(crate) fn keys(&self) -> &[PublicKey] {
        &self.keys
    }

    pub(crate) fn intermediates(&self) -> &[Certificate] {
        &self.intermediates
    }
}

pub(crate) fn path_context<'a>(
    now: DateTime,
    verifier: &'a dyn crate::crypto::SignatureVerifier,
    policy: &crate::policy::Policy,
) -> path::PathContext<'a> {
    path::PathContext {
        now,
        verifier,
        allow_sha1: policy.allow_sha1,
        max_chain_len: policy.max_chain_len,
        allow_stale_crl: policy.allow_stale_crl,
        doc_crls: &[],
    }
}

/// The form of private key `bytes` hold, PEM or DER, if they hold one: a caller who gives
/// one as a trust anchor has mixed up files, and is told so instead of being told that
/// the bytes are no certificate.
pub fn private_key_form(bytes: &[u8]) -> Option<&'static str> {
    use der::Decode;
    if let Ok(text) = core::str::from_utf8(bytes) {
        if text.contains("-----BEGIN") {
            const LABELS: [(&str, &str); 5] = [
                (
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----",
                    "encrypted PKCS#8 (PEM)",
                ),
                ("-----BEGIN RSA PRIVATE KEY-----", "PKCS#1 RSA (PEM)"),
                ("-----BEGIN EC PRIVATE KEY-----", "SEC1 EC (PEM)"),
                ("-----BEGIN OPENSSH PRIVATE KEY-----", "OpenSSH (PEM)"),
                ("-----BEGIN PRIVATE KEY-----", "PKCS#8 (PEM)"),
            ];
            return LABELS
                .iter()
                .find(|(label, _)| text.contains(label))
                .map(|(_, form)| *form);
        }
    }
    if pkcs8::PrivateKeyInfoRef::from_der(bytes).is_ok() {
        return Some("PKCS#8 (DER)");
    }
    if rsa::pkcs1::RsaPrivateKeyRef::from_der(bytes).is_ok() {
        return Some("PKCS#1 RSA (DER)");
    }
    if sec1::EcPrivateKey::from_der(bytes).is_ok() {
        return Some("SEC1 EC (DER)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_without_blocks_is_refused() {
        assert_eq!(
            TrustStore::from_pem(b"-----BEGIN NOTHING-----\n-----END NOTHING-----\n").err(),
            Some(PkiError::BadPem)
        );
        assert!(TrustStore::from_pem(b"garbage").is_err());
    }
}
