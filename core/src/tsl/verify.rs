//! The trusted-list signature profile (TS 119 612 §5.7 with XAdES baseline-B / BES):
//! which signature counts, what it must cover, and the XAdES signing-certificate binding.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::model::TrustedList;
use super::{TslError, NS_TSL, NS_XADES, SIGNED_PROPERTIES_TYPE};
use crate::crypto::{default_verifier, DigestAlgorithm, SignatureVerifier};
use crate::dsig::{verify_signature, DsigError, SignedElement, Unverified, NS_DS};
use crate::encoding::decode_base64;
use crate::error::Error;
use crate::pki::{Certificate, TrustStore};
use crate::policy::Policy;
use crate::time::DateTime;
use crate::verified::{report_of, VerificationReport};
use crate::xml::{self, IdIndex};

/// A verified trusted list: what it says, when it was signed, and how.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VerifiedTsl {
    /// The list, read from the signed document element.
    pub list: TrustedList,
    /// The signed `SigningTime` of the XAdES properties: no later than the verification
    /// time (plus the policy's skew) and the list's `NextUpdate`.
    pub signing_time: DateTime,
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
/// signature, and there is no other; the second, and only it, has
/// `Type="http://uri.etsi.org/01903#SignedProperties"`. The signed `SigningCertificate` (or
/// `SigningCertificateV2`) must carry the digest of the certificate whose key verified
/// the signature, and that certificate must be in `store` or chain to it: the
/// certificates the list itself carries (its `KeyInfo`, its pointers, its services) never
/// make it trusted. Duplicate IDs anywhere fail closed. The list must be current:
/// issued no later than `now`, with a `NextUpdate` after `now`; and its signed
/// `SigningTime` (required: XAdES baseline B) no later than `now` plus
/// [`Policy::clock_skew_secs`] nor than its `NextUpdate`.
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
/// [`Error::Tsl`] for another document, a signature outside the profile, mistyped XAdES
/// references, a signing-certificate mismatch, a missing or impossible `SigningTime`, a
/// malformed or stale list; and the DSig, crypto and PKI errors of the signature itself.
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
    let mut scratch = crate::c14n::Pooled::take();
    let doc = xml::parse_in(xml, &policy.limits, &mut scratch)?;
    let root = Unverified::root(&doc);
    check_root(root)?;
    let ids = IdIndex::build(&doc, policy.id_attributes)?;
    let sigs: Vec<Unverified<'_, '_>> = Unverified::all_signatures(&doc).collect();
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
    if sig.parent_element().map(|p| p.id()) != Some(root.id()) {
        return Err(profile("the signature is not a child of TrustServiceStatusList").into());
    }
    let cx = crate::dsig::verify::Context {
        store,
        policy,
        now,
        verifier,
        document_element: None,
        // XAdES carries its signed properties in a ds:Object.
        allow_object: true,
        allow_manifest: false,
        pre_check: None,
    };
    let outcome = verify_signature(&doc, &ids, sig, &cx, &mut scratch)?;

    let mut covers_root = false;
    let mut signed_properties = None;
    for r in &outcome.references {
        let target = Unverified::of(&doc, r.target).unwrap_or(root);
        if !covers_root && r.covers_enveloped(root.id(), sig.id()) {
            covers_root = true;
        } else if signed_properties.is_none()
            && target.is(NS_XADES, "SignedProperties")
            && target.ancestors().any(|a| a.id() == sig.id())
        {
            signed_properties = Some(target);
        } else {
            return Err(profile(&format!(
                "a reference (URI \"{}\" to {}) beyond the list and its SignedProperties",
                r.uri,
                target.local_name()
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
    check_reference_types(&outcome.references, root)?;
    check_qualifying_target(sig, signed_properties)?;
    let signer = outcome
        .chain
        .first()
        .ok_or_else(|| profile("the signer is a bare key; XAdES names a certificate"))?;
    let props = outcome
        .signed(&doc, signed_properties.id())
        .ok_or_else(|| profile("no reference covers the XAdES SignedProperties"))?;
    let signing_time = check_signing_certificate(props, signer, policy)?;

    // Everything below is read through the signed view of the root.
    let list_view = outcome.signed(&doc, root.id()).ok_or_else(|| {
        profile("no reference covers the whole list with the enveloped transform")
    })?;
    let list = TrustedList::read(list_view)?;
    let signing_time = check_current(&list, signing_time, now, policy)?;
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
#[cfg(any(test, feature = "testing"))]
pub fn read_tsl_unverified(xml: &[u8], limits: &crate::xml::Limits) -> Result<TrustedList, Error> {
    let doc = xml::parse(xml, limits)?;
    let root = Unverified::root(&doc);
    check_root(root)?;
    // Nothing here is verified, and nothing it returns is used as verified.
    Ok(TrustedList::read(crate::dsig::accepted_unsigned(root))?)
}

fn check_root(root: Unverified<'_, '_>) -> Result<(), TslError> {
    if !root.is(NS_TSL, "TrustServiceStatusList") {
        return Err(TslError::UnknownDocument {
            root: root.qualified(),
        });
    }
    Ok(())
}

/// A list issued in the future is reported as such before anything about its
/// `SigningTime`, and an impossible `SigningTime` before the list's age: the more
/// specific reason first.
fn check_current(
    list: &TrustedList,
    signing_time: Option<DateTime>,
    now: DateTime,
    policy: &Policy,
) -> Result<DateTime, TslError> {
    let s = &list.scheme;
    if s.issued > now {
        return Err(TslError::Expired {
            reason: format!("issued {} (after the verification time {now})", s.issued),
        });
    }
    let signing_time = check_signing_time(signing_time, s.next_update, now, policy)?;
    match s.next_update {
        None => Err(TslError::Expired {
            reason: "the list is closed (NextUpdate has no date)".to_string(),
        }),
        Some(next) if next <= now => Err(TslError::Expired {
            reason: format!("its NextUpdate {next} has passed (verification time {now})"),
        }),
        Some(_) => Ok(signing_time),
    }
}

/// The signed `SigningTime`: present (XAdES baseline B), not after `now` plus the skew,
/// not after the list's `NextUpdate`.
fn check_signing_time(
    signing_time: Option<DateTime>,
    next_update: Option<DateTime>,
    now: DateTime,
    policy: &Policy,
) -> Result<DateTime, TslError> {
    let signing_time = signing_time.ok_or(TslError::SigningTimeMissing)?;
    if signing_time > now.add_seconds(i64::from(policy.clock_skew_secs)) {
        return Err(TslError::SigningTimeInvalid {
            signing_time,
            reason: format!(
                "after the verification time {now} plus {} s of clock skew",
                policy.clock_skew_secs
            ),
        });
    }
    match next_update {
        Some(next) if signing_time > next => Err(TslError::SigningTimeInvalid {
            signing_time,
            reason: format!("after the list's own NextUpdate {next}"),
        }),
        _ => Ok(signing_time),
    }
}

/// XAdES types its properties' Reference, and verifiers that follow the type find the
/// properties by it: the Reference to `SignedProperties` must say so, and the one to the
/// list must not, or the two kinds of verifier disagree about which Reference is which.
fn check_reference_types(
    references: &[crate::dsig::verify::CoveredReference],
    root: Unverified<'_, '_>,
) -> Result<(), TslError> {
    let root = root.id();
    for r in references {
        let typed = r.type_uri.as_deref() == Some(SIGNED_PROPERTIES_TYPE);
        if r.target == root && typed {
            return Err(TslError::SignedPropertiesType {
                reason: format!(
                    "the Reference to the list (URI \"{}\") is typed as SignedProperties",
                    r.uri
                ),
            });
        }
        if r.target != root && !typed {
            return Err(TslError::SignedPropertiesType {
                reason: match &r.type_uri {
                    Some(t) => format!(
                        "the Reference to SignedProperties (URI \"{}\") has Type \"{t}\"",
                        r.uri
                    ),
                    None => format!(
                        "the Reference to SignedProperties (URI \"{}\") has no Type",
                        r.uri
                    ),
                },
            });
        }
    }
    Ok(())
}

/// `QualifyingProperties/@Target` names the signature the properties belong to.
fn check_qualifying_target(
    sig: Unverified<'_, '_>,
    props: Unverified<'_, '_>,
) -> Result<(), TslError> {
    let Some(qp) = props
        .parent_element()
        .filter(|p| p.is(NS_XADES, "QualifyingProperties"))
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
    props: SignedElement<'_, '_>,
    signer: &Certificate,
    policy: &Policy,
) -> Result<Option<DateTime>, Error> {
    let ssp = props
        .children()
        .find(|n| n.is(NS_XADES, "SignedSignatureProperties"))
        .ok_or_else(|| profile("SignedProperties has no SignedSignatureProperties"))?;
    let signing_time = match ssp.children().find(|n| n.is(NS_XADES, "SigningTime")) {
        Some(t) => Some(
            DateTime::parse_xsd(t.text_cow().trim())
                .map(|(t, _)| t)
                .map_err(|_| profile("SigningTime is not an xs:dateTime"))?,
        ),
        None => None,
    };
    let mut lists = ssp
        .children()
        .filter(|n| n.is(NS_XADES, "SigningCertificate") || n.is(NS_XADES, "SigningCertificateV2"));
    let list = lists
        .next()
        .ok_or_else(|| profile("no SigningCertificate or SigningCertificateV2"))?;
    if lists.next().is_some() {
        return Err(profile("more than one SigningCertificate").into());
    }
    let mut found = false;
    for cert in list.children().filter(|n| n.is(NS_XADES, "Cert")) {
        let digest = cert
            .children()
            .find(|n| n.is(NS_XADES, "CertDigest"))
            .ok_or_else(|| profile("a Cert without CertDigest"))?;
        let method = digest
            .children()
            .find(|n| n.is(NS_DS, "DigestMethod"))
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
            .find(|n| n.is(NS_DS, "DigestValue"))
            .and_then(|n| decode_base64(&n.text_cow()))
            .ok_or_else(|| profile("a CertDigest without a base64 DigestValue"))?;
        found |= alg.digest(signer.der()).as_bytes() == value.as_slice();
    }
    if !found {
        return Err(TslError::SigningCertificateMismatch.into());
    }
    Ok(signing_time)
}

fn profile(reason: &str) -> TslError {
    TslError::SignatureProfile {
        reason: String::from(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime {
        DateTime::parse_rfc3339(s).unwrap()
    }

    fn code(r: Result<DateTime, TslError>) -> crate::code::ErrorCode {
        r.unwrap_err().code()
    }

    #[test]
    fn signing_time_is_required_and_bounded_by_now_plus_skew_and_next_update() {
        use crate::code::ErrorCode::{TslSigningTimeInvalid, TslSigningTimeMissing};
        let p = Policy::default();
        let now = at("2026-06-01T00:00:00Z");
        let next = Some(at("2026-11-01T00:00:00Z"));
        assert_eq!(
            code(check_signing_time(None, next, now, &p)),
            TslSigningTimeMissing
        );
        let skew = i64::from(p.clock_skew_secs);
        // Up to the skew ahead of the caller's clock is a clock difference, not a lie.
        let edge = now.add_seconds(skew);
        assert_eq!(check_signing_time(Some(edge), next, now, &p), Ok(edge));
        let beyond = Some(edge.add_seconds(1));
        assert_eq!(
            code(check_signing_time(beyond, next, now, &p)),
            TslSigningTimeInvalid
        );
        let strict = Policy {
            clock_skew_secs: 0,
            ..Policy::default()
        };
        let ahead = Some(now.add_seconds(1));
        assert_eq!(
            code(check_signing_time(ahead, next, now, &strict)),
            TslSigningTimeInvalid
        );
        assert_eq!(check_signing_time(Some(now), next, now, &strict), Ok(now));
        // Signed exactly at NextUpdate is the latest possible; a second later is not.
        let late = at("2026-11-01T00:00:00Z");
        let after = at("2026-11-02T00:00:00Z");
        assert_eq!(check_signing_time(Some(late), next, after, &p), Ok(late));
        let e = code(check_signing_time(
            Some(late.add_seconds(1)),
            next,
            after,
            &p,
        ));
        assert_eq!(e, TslSigningTimeInvalid);
        // A closed list (no NextUpdate date) has no such bound; its age is refused later.
        assert_eq!(check_signing_time(Some(late), None, after, &p), Ok(late));
    }
}
