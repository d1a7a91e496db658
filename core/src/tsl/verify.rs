//! The trusted-list signature profile (TS 119 612 §5.7 with XAdES baseline-B / BES):
//! which signature counts, what it must cover, and the XAdES signing-certificate binding.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::model::TrustedList;
use super::{TslError, NS_TSL, NS_XADES};
use crate::crypto::{default_verifier, DigestAlgorithm, SignatureVerifier};
use crate::dsig::{verify_signature, DsigError, NS_DS};
use crate::error::Error;
use crate::pki::{decode_base64, Certificate, TrustStore};
use crate::policy::Policy;
use crate::time::DateTime;
use crate::verified::{report_of, VerificationReport};
use crate::xml::{self, text_content, IdIndex};

type Node<'a, 'x> = roxmltree::Node<'a, 'x>;

/// A verified trusted list: what it says, when it was signed, and how.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VerifiedTsl {
    /// The list, read from the signed document element.
    pub list: TrustedList,
    /// The signed `SigningTime` of the XAdES properties, when present.
    pub signing_time: Option<DateTime>,
    /// The signature's report (algorithms, signer, references).
    pub report: VerificationReport,
}

impl VerifiedTsl {
    /// The certificate whose key verified the list.
    pub fn signer(&self) -> Option<&Certificate> {
        self.report.signer.as_ref()
    }
}

/// Verifies a signed trusted list against `store` and reads it.
///
/// The profile: the document element is a `TrustServiceStatusList`; exactly one
/// `ds:Signature`, a child of it; one Reference covers the whole list (`URI=""` or the
/// list's `#Id`, with the enveloped transform), one the XAdES `SignedProperties` of that
/// signature, and there is no other. The signed `SigningCertificate` (or
/// `SigningCertificateV2`) must carry the digest of the certificate whose key verified
/// the signature, and that certificate must be in `store` or chain to it: the
/// certificates the list itself carries (its `KeyInfo`, its pointers, its services) never
/// make it trusted. Duplicate IDs anywhere fail closed. The list must be current:
/// issued no later than `now`, with a `NextUpdate` after `now`.
///
/// Trusted-list signing certificates are qualified seals whose key usage is often
/// non-repudiation only; RFC 5280 §4.2.1.3 allows that for signatures on content.
///
/// # Examples
/// ```
/// use trustmeta::{verify_tsl, DateTime, Policy, TrustStore};
/// let store = TrustStore::from_pem(include_bytes!("../../../tests/data/tsl/signed/signer.pem"))?;
/// let xml = include_bytes!("../../../tests/data/tsl/signed/ncp-configuration-xx.xml");
/// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
/// let tsl = verify_tsl(xml, &store, &Policy::default(), now)?;
/// assert_eq!(tsl.list.scheme.territory, "XX");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Xml`] for input that is not well-formed, over a limit or with duplicate IDs;
/// [`Error::Tsl`] for another document, a signature outside the profile, a
/// signing-certificate mismatch, a malformed or stale list; and the DSig, crypto and PKI
/// errors of the signature itself.
pub fn verify_tsl(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
) -> Result<VerifiedTsl, Error> {
    verify_tsl_with(xml, store, policy, now, default_verifier())
}

/// [`verify_tsl`] with a caller-supplied signature verifier.
///
/// # Errors
/// As [`verify_tsl`].
pub fn verify_tsl_with(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedTsl, Error> {
    let doc = xml::parse(xml, &policy.limits)?;
    let root = doc.root_element();
    check_root(root)?;
    let ids = IdIndex::build(&doc, policy.id_attributes)?;
    let sigs: Vec<Node<'_, '_>> = doc
        .descendants()
        .filter(|n| is_ds(n, "Signature"))
        .collect();
    let sig = match sigs.as_slice() {
        [] => return Err(DsigError::MissingSignature.into()),
        [sig] => *sig,
        more => {
            return Err(DsigError::TooManySignatures {
                found: more.len(),
                limit: 1,
            }
            .into())
        }
    };
    if sig.parent() != Some(root) {
        return Err(profile("the signature is not a child of TrustServiceStatusList").into());
    }
    let cx = crate::dsig::verify::Context {
        store,
        policy,
        now,
        verifier,
        document_element: None,
    };
    let outcome = verify_signature(&doc, &ids, sig, &cx)?;

    let mut covers_root = false;
    let mut signed_properties = None;
    for r in &outcome.references {
        let target = doc.get_node(r.target).unwrap_or(root);
        if !covers_root && r.target == root.id() && r.excluded.as_slice() == [sig.id()] {
            covers_root = true;
        } else if signed_properties.is_none()
            && is_xades(&target, "SignedProperties")
            && target.ancestors().any(|a| a == sig)
        {
            signed_properties = Some(target);
        } else {
            return Err(profile(&format!(
                "a reference (URI \"{}\" to {}) beyond the list and its SignedProperties",
                r.uri,
                target.tag_name().name()
            ))
            .into());
        }
    }
    if !covers_root {
        return Err(
            profile("no reference covers the whole list with the enveloped transform").into(),
        );
    }
    let signed_properties = signed_properties
        .ok_or_else(|| profile("no reference covers the XAdES SignedProperties"))?;
    check_qualifying_target(sig, signed_properties)?;
    let signer = outcome
        .chain
        .first()
        .ok_or_else(|| profile("the signer is a bare key; XAdES names a certificate"))?;
    let signing_time = check_signing_certificate(signed_properties, signer, policy)?;

    // Everything below is read from the root, which the signature covers.
    let list = TrustedList::read(root)?;
    check_current(&list, now)?;
    Ok(VerifiedTsl {
        list,
        signing_time,
        report: report_of(&doc, &outcome, now),
    })
}

/// Reads a trusted list without verifying anything: for diagnostics of a list that does
/// not verify (the OpenNCP test lists reuse an `Id`) and for fuzzing the reader. Nothing
/// it returns is trustworthy.
///
/// # Errors
/// [`Error::Xml`] or [`Error::Tsl`] when it does not read.
#[doc(hidden)]
pub fn read_tsl_unverified(xml: &[u8], limits: &crate::xml::Limits) -> Result<TrustedList, Error> {
    let doc = xml::parse(xml, limits)?;
    let root = doc.root_element();
    check_root(root)?;
    Ok(TrustedList::read(root)?)
}

fn check_root(root: Node<'_, '_>) -> Result<(), TslError> {
    if root.tag_name().namespace() != Some(NS_TSL)
        || root.tag_name().name() != "TrustServiceStatusList"
    {
        return Err(TslError::UnknownDocument {
            root: format!(
                "{{{}}}{}",
                root.tag_name().namespace().unwrap_or(""),
                root.tag_name().name()
            ),
        });
    }
    Ok(())
}

fn check_current(list: &TrustedList, now: DateTime) -> Result<(), TslError> {
    let s = &list.scheme;
    if s.issued > now {
        return Err(TslError::Expired {
            reason: format!("issued {} (after the verification time {now})", s.issued),
        });
    }
    match s.next_update {
        None => Err(TslError::Expired {
            reason: "the list is closed (NextUpdate has no date)".to_string(),
        }),
        Some(next) if next <= now => Err(TslError::Expired {
            reason: format!("its NextUpdate {next} has passed (verification time {now})"),
        }),
        Some(_) => Ok(()),
    }
}

/// `QualifyingProperties/@Target` names the signature the properties belong to.
fn check_qualifying_target(sig: Node<'_, '_>, props: Node<'_, '_>) -> Result<(), TslError> {
    let Some(qp) = props
        .parent()
        .filter(|p| is_xades(p, "QualifyingProperties"))
    else {
        return Err(profile(
            "SignedProperties is not inside QualifyingProperties",
        ));
    };
    match (qp.attribute("Target"), sig.attribute("Id")) {
        (Some(target), Some(id)) if target.strip_prefix('#') == Some(id) => Ok(()),
        (Some(target), _) => Err(profile(&format!(
            "QualifyingProperties targets {target}, not this signature"
        ))),
        (None, _) => Err(profile("QualifyingProperties has no Target")),
    }
}

/// Checks the signed `SigningCertificate(V2)` against `signer`; returns `SigningTime`.
fn check_signing_certificate(
    props: Node<'_, '_>,
    signer: &Certificate,
    policy: &Policy,
) -> Result<Option<DateTime>, Error> {
    let ssp = props
        .children()
        .find(|n| is_xades(n, "SignedSignatureProperties"))
        .ok_or_else(|| profile("SignedProperties has no SignedSignatureProperties"))?;
    let signing_time = match ssp.children().find(|n| is_xades(n, "SigningTime")) {
        Some(t) => Some(
            DateTime::parse_xsd(&text_content(t))
                .map(|(t, _)| t)
                .map_err(|_| profile("SigningTime is not an xs:dateTime"))?,
        ),
        None => None,
    };
    let mut lists = ssp
        .children()
        .filter(|n| is_xades(n, "SigningCertificate") || is_xades(n, "SigningCertificateV2"));
    let list = lists
        .next()
        .ok_or_else(|| profile("no SigningCertificate or SigningCertificateV2"))?;
    if lists.next().is_some() {
        return Err(profile("more than one SigningCertificate").into());
    }
    let mut found = false;
    for cert in list.children().filter(|n| is_xades(n, "Cert")) {
        let digest = cert
            .children()
            .find(|n| is_xades(n, "CertDigest"))
            .ok_or_else(|| profile("a Cert without CertDigest"))?;
        let method = digest
            .children()
            .find(|n| is_ds(n, "DigestMethod"))
            .and_then(|n| n.attribute("Algorithm"))
            .unwrap_or("");
        let alg = DigestAlgorithm::from_uri(method).ok_or_else(|| DsigError::AlgorithmRefused {
            uri: method.to_string(),
        })?;
        if alg == DigestAlgorithm::Sha1 && !policy.allow_sha1 {
            return Err(DsigError::AlgorithmRefused {
                uri: method.to_string(),
            }
            .into());
        }
        let value = digest
            .children()
            .find(|n| is_ds(n, "DigestValue"))
            .and_then(|n| decode_base64(&text_content(n)))
            .ok_or_else(|| profile("a CertDigest without a base64 DigestValue"))?;
        found |= alg.digest(signer.der()).as_bytes() == value.as_slice();
    }
    if !found {
        return Err(TslError::SigningCertificateMismatch.into());
    }
    Ok(signing_time)
}

fn is_ds(n: &Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(NS_DS) && n.tag_name().name() == local
}

fn is_xades(n: &Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(NS_XADES) && n.tag_name().name() == local
}

fn profile(reason: &str) -> TslError {
    TslError::SignatureProfile {
        reason: String::from(reason),
    }
}
