//! Certificate revocation lists (RFC 5280 §5): parsed once, then asked about the
//! certificates of one issuer while a path is built.
//!
//! Supported: complete CRLs signed by the certificate's issuer with the key that signed the
//! certificate, optionally scoped to end-entity or CA certificates (issuingDistributionPoint
//! onlyContainsUserCerts / onlyContainsCACerts). Refused when read, so that a CRL is never
//! half understood: delta CRLs, indirect CRLs (indirectCRL, certificateIssuer entries), CRLs
//! for some reasons only or for attribute certificates, unknown critical extensions.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::OnceCell;

use der::oid::ObjectIdentifier;
use der::{Decode, Encode};
use x509_cert::certificate::Raw;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::crl::dp::IssuingDistributionPoint;
use x509_cert::ext::pkix::crl::CrlReason;
use x509_cert::ext::pkix::AuthorityKeyIdentifier;
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::cert::{
    dn_attributes, signature_algorithm_name, signature_algorithm_of, tbs_range, to_datetime,
    KU_CRL_SIGN, MAX_NAME_ATTRIBUTES,
};
use super::path::{verify_signed, verify_signed_with, PathContext, SignatureFault};
use super::{Certificate, PkiError, RevocationSource};
use crate::crypto::SignatureAlgorithm;
use crate::time::DateTime;

const fn oid(dotted: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(dotted)
}
const OID_AUTHORITY_KEY_ID: ObjectIdentifier = oid("2.5.29.35");
const OID_ISSUER_ALT_NAME: ObjectIdentifier = oid("2.5.29.18");
const OID_CRL_NUMBER: ObjectIdentifier = oid("2.5.29.20");
const OID_DELTA_CRL_INDICATOR: ObjectIdentifier = oid("2.5.29.27");
const OID_ISSUING_DISTRIBUTION_POINT: ObjectIdentifier = oid("2.5.29.28");
const OID_REASON_CODE: ObjectIdentifier = oid("2.5.29.21");
const OID_INVALIDITY_DATE: ObjectIdentifier = oid("2.5.29.24");
const OID_CERTIFICATE_ISSUER: ObjectIdentifier = oid("2.5.29.29");

/// Which certificates of its issuer a CRL speaks about (RFC 5280 §5.2.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    All,
    /// onlyContainsUserCerts: not CA certificates.
    UserCerts,
    /// onlyContainsCACerts.
    CaCerts,
}

/// One revoked certificate.
#[derive(Clone)]
struct Entry {
    /// The serial number's big-endian bytes, leading zero bytes removed.
    serial: Vec<u8>,
    revoked_at: DateTime,
    /// reasonCode removeFromCRL: the entry says the certificate is no longer revoked.
    removed: bool,
}

/// A parsed CRL, with the signed bytes exactly as received.
#[derive(Clone)]
pub(crate) struct Crl {
    tbs: Vec<u8>,
    issuer_der: Vec<u8>,
    issuer: String,
    this_update: DateTime,
    next_update: Option<DateTime>,
    algorithm: SignatureAlgorithm,
    algorithm_name: String,
    signature: Vec<u8>,
    scope: Scope,
    /// The authorityKeyIdentifier's keyIdentifier: which of its issuer's keys signed.
    authority_key_id: Option<Vec<u8>>,
    /// Sorted by serial, so a lookup is a binary search.
    entries: Vec<Entry>,
    /// SHA-256 of the store's certificates whose key was found to sign this CRL when it was
    /// added, so that a CRL of many MB is not hashed again for every verification.
    signed_by: Vec<[u8; 32]>,
}

impl core::fmt::Debug for Crl {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Crl")
            .field("issuer", &self.issuer)
            .field("this_update", &self.this_update)
            .field("next_update", &self.next_update)
            .field("entries", &self.entries.len())
            .finish()
    }
}

fn invalid(reason: impl Into<String>) -> PkiError {
    PkiError::CrlInvalid {
        reason: reason.into(),
    }
}

/// A serial number's bytes without leading zero bytes, so that encodings compare equal
/// whether or not they carry a sign byte.
fn normalize(serial: &[u8]) -> &[u8] {
    let start = serial
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(serial.len().saturating_sub(1));
    serial.get(start..).unwrap_or(serial)
}

impl Crl {
    /// Parses a DER CRL and refuses the kinds this module does not support.
    ///
    /// # Errors
    /// [`PkiError::CrlInvalid`] saying what is wrong or unsupported.
    pub(crate) fn from_der(der_bytes: &[u8]) -> Result<Crl, PkiError> {
        let list = CertificateList::<Raw>::from_der(der_bytes).map_err(|e| {
            if is_version_1(der_bytes) {
                invalid("a version 1 CRL (without a version field): RFC 5280 §5 requires version 2")
            } else {
                invalid(format!("the CRL does not parse: {e}"))
            }
        })?;
        let tbs_bytes = tbs_range(der_bytes)
            .and_then(|r| der_bytes.get(r))
            .ok_or_else(|| invalid("cannot locate TBSCertList"))?;
        let t = &list.tbs_cert_list;
        if t.version != x509_cert::Version::V2 {
            return Err(invalid("the version field is not v2 (RFC 5280 §5.1.2.1)"));
        }
        // RFC 5280 §5.1.1.2: the outer algorithm must be the one inside the signed part.
        if list.signature_algorithm != t.signature {
            return Err(invalid(
                "signatureAlgorithm differs from the signature field of TBSCertList",
            ));
        }
        let oid = list.signature_algorithm.oid.to_string();
        let algorithm_name = signature_algorithm_name(&oid);
        let algorithm = signature_algorithm_of(&list.signature_algorithm).ok_or_else(|| {
            invalid(format!(
                "the CRL is signed with {algorithm_name}, which is not supported"
            ))
        })?;
        if t.issuer.iter().nth(MAX_NAME_ATTRIBUTES).is_some() {
            return Err(invalid(format!(
                "the issuer has more than {MAX_NAME_ATTRIBUTES} attributes"
            )));
        }
        let issuer_der = t.issuer.to_der().map_err(|_| invalid("bad issuer name"))?;
        let issuer = super::dn::to_rfc4514(&dn_attributes(&t.issuer));
        let this_update = to_datetime(&t.this_update);
        let next_update = t.next_update.as_ref().map(to_datetime);
        if next_update.is_some_and(|n| n < this_update) {
            return Err(invalid("nextUpdate is before thisUpdate"));
        }

        let mut scope = Scope::All;
        let mut idp_seen = false;
        let mut authority_key_id = None;
        for e in t.crl_extensions.iter().flatten() {
            let id = e.extn_id;
            if id == OID_DELTA_CRL_INDICATOR {
                return Err(invalid(
                    "a delta CRL (deltaCRLIndicator) is not supported: give the complete CRL",
                ));
            } else if id == OID_ISSUING_DISTRIBUTION_POINT {
                if idp_seen {
                    return Err(invalid("two issuingDistributionPoint extensions"));
                }
                idp_seen = true;
                scope = idp_scope(e.extn_value.as_bytes())?;
            } else if id == OID_AUTHORITY_KEY_ID {
                let aki = AuthorityKeyIdentifier::from_der(e.extn_value.as_bytes())
                    .map_err(|_| invalid("a bad authorityKeyIdentifier"))?;
                authority_key_id = aki.key_identifier.map(|k| k.as_bytes().to_vec());
            } else if e.critical && id != OID_ISSUER_ALT_NAME && id != OID_CRL_NUMBER {
                return Err(invalid(format!(
                    "the CRL has the critical extension {id}, which is not supported"
                )));
            }
        }

        let revoked = t.revoked_certificates.as_deref().unwrap_or_default();
        let mut entries = Vec::with_capacity(revoked.len());
        for r in revoked {
            let mut removed = false;
            let mut reason_seen = false;
            for e in r.crl_entry_extensions.iter().flatten() {
                let id = e.extn_id;
                if id == OID_REASON_CODE {
                    if reason_seen {
                        return Err(invalid("an entry has two reasonCode extensions"));
                    }
                    reason_seen = true;
                    let reason = CrlReason::from_der(e.extn_value.as_bytes())
                        .map_err(|_| invalid("an entry has a bad reasonCode"))?;
                    removed = reason == CrlReason::RemoveFromCRL;
                } else if id == OID_CERTIFICATE_ISSUER {
                    return Err(invalid(
                        "an indirect CRL (certificateIssuer entry extension) is not supported",
                    ));
                } else if e.critical && id != OID_INVALIDITY_DATE {
                    return Err(invalid(format!(
                        "an entry has the critical extension {id}, which is not supported"
                    )));
                }
            }
            entries.push(Entry {
                serial: normalize(r.serial_number.as_bytes()).to_vec(),
                revoked_at: to_datetime(&r.revocation_date),
                removed,
            });
        }
        entries.sort_unstable_by(|a, b| a.serial.cmp(&b.serial));

        Ok(Crl {
            tbs: tbs_bytes.to_vec(),
            issuer_der,
            issuer,
            this_update,
            next_update,
            algorithm,
            algorithm_name,
            signature: list.signature.raw_bytes().to_vec(),
            scope,
            authority_key_id,
            entries,
            signed_by: Vec::new(),
        })
    }

    /// Whether this CRL speaks about `cert` at all: same issuer name, and in its scope.
    fn covers(&self, cert: &Certificate) -> bool {
        let is_ca = matches!(cert.basic_constraints(), Some((true, _)));
        self.issuer_der == cert.issuer_der()
            && match self.scope {
                Scope::All => true,
                Scope::UserCerts => !is_ca,
                Scope::CaCerts => is_ca,
            }
    }

    /// Whether this CRL says it was signed by another key than `issuer`'s: its
    /// authorityKeyIdentifier and the issuer's subjectKeyIdentifier are both present and
    /// differ (RFC 5280 §5.2.1), as when a CA that renewed its key publishes a CRL under
    /// each key.
    fn names_another_key(&self, issuer: &Certificate) -> bool {
        match (&self.authority_key_id, issuer.subject_key_identifier()) {
            (Some(aki), Some(ski)) => aki.as_slice() != ski,
            _ => false,
        }
    }

    /// When `serial` was revoked, if this CRL lists it as revoked at or before `now`.
    fn revoked_at(&self, serial: &[u8], now: DateTime) -> Option<DateTime> {
        let serial = normalize(serial);
        let first = self
            .entries
            .partition_point(|e| e.serial.as_slice() < serial);
        self.entries
            .get(first..)?
            .iter()
            .take_while(|e| e.serial == serial)
            .filter(|e| !e.removed && e.revoked_at <= now)
            .map(|e| e.revoked_at)
            .min()
    }

    /// Remembers which of `certs` (the store's) signed this CRL, checking each signature
    /// once, now. SHA-1 signatures are left to path building, where the policy decides.
    pub(crate) fn note_signers<'c>(&mut self, certs: impl Iterator<Item = &'c Certificate>) {
        for c in certs {
            if c.subject_der() == self.issuer_der.as_slice()
                && !self.names_another_key(c)
                && !self.signed_by.contains(c.sha256())
                && verify_signed_with(
                    crate::crypto::default_verifier(),
                    false,
                    Some(self.algorithm),
                    &self.tbs,
                    &self.signature,
                    c,
                )
                .is_ok()
            {
                self.signed_by.push(*c.sha256());
            }
        }
    }

    /// Whether `issuer` signed this CRL: it may sign CRLs (keyUsage cRLSign when the
    /// extension is present) and the signature verifies under its key.
    fn check_signed_by(&self, issuer: &Certificate, ctx: &PathContext<'_>) -> Result<(), PkiError> {
        let bad = || PkiError::CrlBadSignature {
            issuer: self.issuer.clone(),
        };
        if issuer.key_usage().is_some_and(|ku| ku & KU_CRL_SIGN == 0) {
            return Err(bad());
        }
        if self.signed_by.contains(issuer.sha256()) {
            return Ok(());
        }
        match verify_signed(
            Some(self.algorithm),
            &self.tbs,
            &self.signature,
            issuer,
            ctx,
        ) {
            Ok(()) => Ok(()),
            Err(SignatureFault::Refused) => Err(invalid(format!(
                "the CRL of {} is signed with {}, which the policy refuses",
                self.issuer, self.algorithm_name
            ))),
            Err(SignatureFault::Bad) => Err(bad()),
        }
    }
}

/// Whether a DER CRL has no version field (a version 1 CRL): the first element of its
/// TBSCertList is the signature AlgorithmIdentifier, a SEQUENCE, instead of an INTEGER.
fn is_version_1(der_bytes: &[u8]) -> bool {
    tbs_range(der_bytes)
        .and_then(|r| der_bytes.get(r))
        .and_then(|tbs| {
            let (hdr, _) = super::cert::tlv_header(tbs)?;
            tbs.get(hdr).copied()
        })
        == Some(0x30)
}

/// The scope an issuingDistributionPoint gives, refusing what is not supported.
fn idp_scope(value: &[u8]) -> Result<Scope, PkiError> {
    let idp = IssuingDistributionPoint::from_der(value)
        .map_err(|_| invalid("a bad issuingDistributionPoint"))?;
    if idp.indirect_crl {
        return Err(invalid("an indirect CRL (indirectCRL) is not supported"));
    }
    if idp.only_some_reasons.is_some() {
        return Err(invalid(
            "a CRL for some reasons only (onlySomeReasons) is not supported",
        ));
    }
    if idp.only_contains_attribute_certs {
        return Err(invalid(
            "a CRL for attribute certificates (onlyContainsAttributeCerts) is not supported",
        ));
    }
    match (idp.only_contains_user_certs, idp.only_contains_ca_certs) {
        (true, true) => Err(invalid(
            "issuingDistributionPoint sets both onlyContainsUserCerts and onlyContainsCACerts",
        )),
        (true, false) => Ok(Scope::UserCerts),
        (false, true) => Ok(Scope::CaCerts),
        (false, false) => Ok(Scope::All),
    }
}

/// A CRL a document carried, read in two steps: first only its signed envelope (the
/// signed bytes, issuer name, algorithm and signature), and its entries only once the
/// issuer's key has verified it. A CRL that anyone could have put in the document thus
/// costs at most one signature check, never a parse of its entries.
pub(crate) struct DocumentCrl<'a> {
    der: &'a [u8],
    envelope: Option<Envelope<'a>>,
    parsed: OnceCell<Option<Crl>>,
}

/// What a CRL's signature covers and who it says signed it.
struct Envelope<'a> {
    tbs: &'a [u8],
    issuer_der: Vec<u8>,
    algorithm: Option<SignatureAlgorithm>,
    signature: &'a [u8],
}

impl<'a> DocumentCrl<'a> {
    fn new(der_bytes: &'a [u8]) -> Self {
        DocumentCrl {
            der: der_bytes,
            envelope: envelope(der_bytes),
            parsed: OnceCell::new(),
        }
    }

    /// The CRL, parsed, when `issuer` signed it and it is of a supported kind.
    fn verified_by(&self, issuer: &Certificate, ctx: &PathContext<'_>) -> Option<&Crl> {
        let env = self.envelope.as_ref()?;
        if env.issuer_der.as_slice() != issuer.subject_der()
            || issuer.key_usage().is_some_and(|ku| ku & KU_CRL_SIGN == 0)
        {
            return None;
        }
        verify_signed(env.algorithm, env.tbs, env.signature, issuer, ctx).ok()?;
        self.parsed
            .get_or_init(|| Crl::from_der(self.der).ok())
            .as_ref()
    }
}

/// Reads a DER CRL's envelope without its entries.
fn envelope(der_bytes: &[u8]) -> Option<Envelope<'_>> {
    let range = tbs_range(der_bytes)?;
    let tbs = der_bytes.get(range.clone())?;
    let mut after = der::SliceReader::new(der_bytes.get(range.end..)?).ok()?;
    let algorithm = AlgorithmIdentifierOwned::decode(&mut after).ok()?;
    let signature = der::asn1::BitStringRef::decode(&mut after).ok()?;
    let (hdr, _) = super::cert::tlv_header(tbs)?;
    let mut inside = der::SliceReader::new(tbs.get(hdr..)?).ok()?;
    x509_cert::Version::decode(&mut inside).ok()?;
    AlgorithmIdentifierOwned::decode(&mut inside).ok()?;
    let issuer = x509_cert::name::Name::decode(&mut inside).ok()?;
    Some(Envelope {
        tbs,
        issuer_der: issuer.to_der().ok()?,
        algorithm: signature_algorithm_of(&algorithm),
        signature: signature.raw_bytes(),
    })
}

/// What the CRLs signed by `issuer` say about `cert`, at `ctx.now`.
///
/// A CRL is applicable when it names `cert`'s issuer, covers `cert` (its scope), does not
/// name another key of that issuer (authorityKeyIdentifier) and is signed by `issuer`.
/// Of the store's CRLs, one that names the issuer but is not signed by `issuer` fails
/// closed ([`PkiError::CrlBadSignature`]); a document's such CRL is ignored (anyone can
/// put one in a document), as is one that does not parse. Then: revoked if any applicable
/// CRL lists `cert` revoked at or before `now`, whatever its dates; otherwise fine if one
/// is current, or if none applies; otherwise [`PkiError::CrlExpired`] (unless stale CRLs
/// are allowed) or [`PkiError::CrlNotYetValid`].
pub(crate) fn check(
    cert: &Certificate,
    issuer: &Certificate,
    store: &[Crl],
    document: &[DocumentCrl<'_>],
    ctx: &PathContext<'_>,
) -> Result<(), PkiError> {
    let mut applicable: Vec<&Crl> = Vec::new();
    for crl in store {
        if crl.covers(cert) && !crl.names_another_key(issuer) {
            crl.check_signed_by(issuer, ctx)?;
            applicable.push(crl);
        }
    }
    if cert.issuer_der() == issuer.subject_der() {
        applicable.extend(
            document
                .iter()
                .filter_map(|d| d.verified_by(issuer, ctx))
                .filter(|crl| crl.covers(cert)),
        );
    }
    let now = ctx.now;
    let mut current = false;
    let mut stale: Option<&Crl> = None;
    let mut future: Option<&Crl> = None;
    for crl in applicable {
        if let Some(at) = crl.revoked_at(cert.serial(), now) {
            return Err(PkiError::Revoked {
                subject: cert.subject().into(),
                revoked_at: at,
                source: RevocationSource::Crl,
            });
        }
        if crl.this_update > now {
            if future.is_none_or(|f| crl.this_update < f.this_update) {
                future = Some(crl);
            }
        } else if crl.next_update.is_some_and(|n| n < now) {
            if stale.is_none_or(|s| crl.next_update > s.next_update) {
                stale = Some(crl);
            }
        } else {
            current = true;
        }
    }
    if current {
        return Ok(());
    }
    if let Some(s) = stale {
        if ctx.allow_stale_crl {
            return Ok(());
        }
        return Err(PkiError::CrlExpired {
            issuer: s.issuer.clone(),
            next_update: s.next_update.unwrap_or(s.this_update),
            now,
        });
    }
    if let Some(f) = future {
        return Err(PkiError::CrlNotYetValid {
            issuer: f.issuer.clone(),
            this_update: f.this_update,
            now,
        });
    }
    Ok(())
}

/// Parses every CRL of `pem` (`X509 CRL` blocks, or one DER CRL when `pem` is not PEM), all
/// or nothing.
pub(crate) fn parse_pem_or_der(pem: &[u8]) -> Result<Vec<Crl>, PkiError> {
    match core::str::from_utf8(pem) {
        Ok(text) if text.contains("-----BEGIN") => {
            let ders: Vec<Vec<u8>> = crate::encoding::pem_blocks(text, "X509 CRL").collect();
            // A block whose base64 is damaged is skipped by the PEM reader; a CRL lost that
            // way would be a revocation silently dropped.
            if ders.len() != text.matches("-----BEGIN X509 CRL-----").count() {
                return Err(invalid("an X509 CRL PEM block is damaged"));
            }
            if ders.is_empty() {
                return Err(invalid("no X509 CRL block found"));
            }
            ders.iter().map(|d| Crl::from_der(d)).collect()
        }
        _ => Ok(alloc::vec![Crl::from_der(pem)?]),
    }
}

/// A document's CRLs, at most [`MAX_DOCUMENT_CRLS`], each read only as far as its
/// envelope for now.
pub(crate) fn document_crls(ders: &[Vec<u8>]) -> Vec<DocumentCrl<'_>> {
    ders.iter()
        .take(MAX_DOCUMENT_CRLS)
        .map(|d| DocumentCrl::new(d))
        .collect()
}

/// The most `X509CRL` elements of one document that are looked at: each may cost a
/// signature verification per path certificate, and a sender has no reason to send more
/// than one per CA of its path.
pub(crate) const MAX_DOCUMENT_CRLS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;
    use der::asn1::{BitString, OctetString};
    use x509_cert::crl::{RevokedCert, TbsCertList};
    use x509_cert::ext::Extension;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::time::Time;

    fn sha256_rsa() -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11"),
            parameters: Some(der::Any::null()),
        }
    }

    fn time(secs: u64) -> Time {
        Time::GeneralTime(
            der::asn1::GeneralizedTime::from_unix_duration(core::time::Duration::from_secs(secs))
                .unwrap(),
        )
    }

    fn ext(id: ObjectIdentifier, critical: bool, value: &[u8]) -> Extension {
        Extension {
            extn_id: id,
            critical,
            extn_value: OctetString::new(value.to_vec()).unwrap(),
        }
    }

    fn serial(n: u32) -> SerialNumber<Raw> {
        SerialNumber::<Raw>::new(&n.to_be_bytes()).unwrap()
    }

    /// A CRL (not validly signed) with `n` entries, serials 1..=n, each revoked at 1000 s.
    fn build(
        n: u32,
        crl_exts: Option<Vec<Extension>>,
        entry_exts: Option<Vec<Extension>>,
    ) -> Vec<u8> {
        let revoked: Vec<RevokedCert<Raw>> = (1..=n)
            .map(|i| RevokedCert {
                serial_number: serial(i),
                revocation_date: time(1000),
                crl_entry_extensions: entry_exts.clone(),
            })
            .collect();
        let list = CertificateList::<Raw> {
            tbs_cert_list: TbsCertList {
                version: x509_cert::Version::V2,
                signature: sha256_rsa(),
                issuer: "CN=test CA".parse().unwrap(),
                this_update: time(0),
                next_update: Some(time(100_000)),
                revoked_certificates: (n > 0).then_some(revoked),
                crl_extensions: crl_exts,
            },
            signature_algorithm: sha256_rsa(),
            signature: BitString::from_bytes(&[0u8; 256]).unwrap(),
        };
        list.to_der().unwrap()
    }

    fn reason(crl_der: &[u8]) -> String {
        match Crl::from_der(crl_der) {
            Err(PkiError::CrlInvalid { reason }) => reason,
            other => panic!("expected CrlInvalid, got {other:?}"),
        }
    }

    #[test]
    fn parses_and_finds_serials() {
        let crl = Crl::from_der(&build(50, None, None)).unwrap();
        let now = DateTime::from_unix(5000);
        assert_eq!(crl.revoked_at(&[7], now), Some(DateTime::from_unix(1000)));
        assert_eq!(
            crl.revoked_at(&[0, 7], now),
            Some(DateTime::from_unix(1000))
        );
        assert_eq!(crl.revoked_at(&[51], now), None);
        assert_eq!(crl.revoked_at(&[7], DateTime::from_unix(999)), None);
        assert_eq!(crl.tbs, der_tbs(&build(50, None, None)));
    }

    fn der_tbs(der_bytes: &[u8]) -> Vec<u8> {
        let list = CertificateList::<Raw>::from_der(der_bytes).unwrap();
        list.tbs_cert_list.to_der().unwrap()
    }

    #[test]
    fn remove_from_crl_is_not_revoked() {
        // CRLReason ENUMERATED 8.
        let e = ext(OID_REASON_CODE, false, &[0x0a, 0x01, 0x08]);
        let crl = Crl::from_der(&build(3, None, Some(alloc::vec![e]))).unwrap();
        assert_eq!(crl.revoked_at(&[2], DateTime::from_unix(5000)), None);
    }

    #[test]
    fn unsupported_kinds_are_refused() {
        // deltaCRLIndicator, BaseCRLNumber 1.
        let delta = ext(OID_DELTA_CRL_INDICATOR, true, &[0x02, 0x01, 0x01]);
        assert!(reason(&build(1, Some(alloc::vec![delta]), None)).contains("delta"));
        let unknown = ext(oid("1.2.3.4"), true, &[0x05, 0x00]);
        assert!(reason(&build(1, Some(alloc::vec![unknown]), None)).contains("1.2.3.4"));
        // A non-critical unknown extension is fine.
        let fine = ext(oid("1.2.3.4"), false, &[0x05, 0x00]);
        Crl::from_der(&build(1, Some(alloc::vec![fine]), None)).unwrap();
        // certificateIssuer: an indirect CRL.
        let ci = ext(OID_CERTIFICATE_ISSUER, true, &[0x30, 0x00]);
        assert!(reason(&build(1, None, Some(alloc::vec![ci]))).contains("indirect"));
        let unknown_entry = ext(oid("1.2.3.5"), true, &[0x05, 0x00]);
        assert!(reason(&build(1, None, Some(alloc::vec![unknown_entry]))).contains("1.2.3.5"));
        // issuingDistributionPoint with indirectCRL [4] TRUE / onlySomeReasons [3] /
        // onlyContainsAttributeCerts [5] TRUE.
        for (value, word) in [
            (&[0x30, 0x03, 0x84, 0x01, 0xff][..], "indirect"),
            (&[0x30, 0x04, 0x83, 0x02, 0x07, 0x80][..], "onlySomeReasons"),
            (&[0x30, 0x03, 0x85, 0x01, 0xff][..], "attribute"),
        ] {
            let idp = ext(OID_ISSUING_DISTRIBUTION_POINT, true, value);
            let why = reason(&build(1, Some(alloc::vec![idp]), None));
            assert!(why.contains(word), "{why}");
        }
        // onlyContainsCACerts [2] TRUE is a scope.
        let idp = ext(
            OID_ISSUING_DISTRIBUTION_POINT,
            true,
            &[0x30, 0x03, 0x82, 0x01, 0xff],
        );
        let crl = Crl::from_der(&build(1, Some(alloc::vec![idp]), None)).unwrap();
        assert_eq!(crl.scope, Scope::CaCerts);
    }

    #[test]
    fn unsupported_signature_algorithm_is_named() {
        let mut der_bytes = build(1, None, None);
        // Turn both sha256WithRSAEncryption OIDs (…1.1.11) into md5WithRSAEncryption (…1.1.4).
        let oid = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
        let mut i = 0;
        while let Some(at) = der_bytes
            .get(i..)
            .and_then(|s| s.windows(oid.len()).position(|w| w == oid))
        {
            der_bytes[i + at + oid.len() - 1] = 0x04;
            i += at + oid.len();
        }
        assert!(reason(&der_bytes).contains("md5WithRSAEncryption"));
    }

    #[test]
    fn garbage_and_version_1_are_refused() {
        assert!(reason(b"not a CRL").contains("does not parse"));
        // Drop the version INTEGER (02 01 01) from the TBSCertList.
        let v2 = build(0, None, None);
        let tbs = tbs_range(&v2).unwrap();
        let (hdr, len) = super::super::cert::tlv_header(&v2[tbs.clone()]).unwrap();
        let inner_start = tbs.start + hdr;
        assert_eq!(&v2[inner_start..inner_start + 3], &[0x02, 0x01, 0x01]);
        let mut inner = v2[inner_start + 3..tbs.end].to_vec();
        let mut rest = v2[tbs.end..].to_vec();
        let mut new_tbs = alloc::vec![0x30];
        push_len(&mut new_tbs, len - 3);
        new_tbs.append(&mut inner);
        let mut body = new_tbs;
        body.append(&mut rest);
        let mut v1 = alloc::vec![0x30];
        push_len(&mut v1, body.len());
        v1.append(&mut body);
        assert!(reason(&v1).contains("version 1"));
    }

    fn push_len(out: &mut Vec<u8>, len: usize) {
        let bytes = u32::try_from(len).unwrap().to_be_bytes();
        let skip = bytes.iter().position(|b| *b != 0).unwrap_or(3);
        if len < 0x80 {
            out.push(bytes[3]);
        } else {
            out.push(0x80 | u8::try_from(4 - skip).unwrap());
            out.extend_from_slice(&bytes[skip..]);
        }
    }

    /// A document's CRL is parsed only once its issuer's key verified it.
    #[test]
    fn a_document_crl_is_parsed_only_after_its_signature_verifies() {
        let pem = include_bytes!("../../../tests/data/xmldsig-gen/pki/intermediate.pem");
        let intermediate = super::super::TrustStore::from_pem(pem)
            .unwrap()
            .certificates()[0]
            .clone();
        let ctx = PathContext {
            now: DateTime::from_unix(1_780_272_000),
            verifier: &crate::crypto::Portable,
            allow_sha1: false,
            max_chain_len: 8,
            allow_stale_crl: false,
            doc_crls: &[],
        };
        let forged = include_bytes!("../../../tests/data/crl/forged-intermediate.crl.der");
        let d = DocumentCrl::new(forged);
        assert!(d.envelope.is_some());
        assert!(d.verified_by(&intermediate, &ctx).is_none());
        assert!(d.parsed.get().is_none());
        let genuine =
            include_bytes!("../../../tests/data/crl/intermediate-revokes-leaf-rsa2048.crl.der");
        let d = DocumentCrl::new(genuine);
        let crl = d.verified_by(&intermediate, &ctx).unwrap();
        assert_eq!(crl.entries.len(), 2);
        // A genuine CRL of a kind that is not supported is ignored after all.
        let delta = include_bytes!("../../../tests/data/crl/intermediate-delta.crl.der");
        assert!(DocumentCrl::new(delta)
            .verified_by(&intermediate, &ctx)
            .is_none());
        assert!(DocumentCrl::new(b"junk").envelope.is_none());
    }

    /// A CRL of several MB with 10^5+ entries parses and answers in linear-ish time.
    #[cfg(feature = "std")]
    #[test]
    fn a_large_crl_parses_and_answers_quickly() {
        let n = 150_000;
        let der_bytes = build(n, None, None);
        assert!(der_bytes.len() > 2_000_000, "{}", der_bytes.len());
        let started = std::time::Instant::now();
        let crl = Crl::from_der(&der_bytes).unwrap();
        let now = DateTime::from_unix(5000);
        for i in (1..=n).step_by(97) {
            assert!(crl.revoked_at(&i.to_be_bytes(), now).is_some());
        }
        assert_eq!(crl.revoked_at(&(n + 1).to_be_bytes(), now), None);
        let took = started.elapsed();
        std::println!(
            "parsed {} bytes, {n} entries, and looked up in {took:?}",
            der_bytes.len()
        );
        // Generous for debug builds on a slow runner; quadratic work would take minutes.
        assert!(took < core::time::Duration::from_secs(20), "{took:?}");
    }
}
