//! Reading SAML elements, and the one rule every SAML signature follows here: it covers
//! exactly the element it is a child of.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::profile::SamlProfile;
use super::{SamlError, NS_SAML};
use crate::c14n::{C14nAlgorithm, C14nMethod};
use crate::crypto::{SignatureAlgorithm, SignatureVerifier};
use crate::dsig::{verify_signature, Shape, SignatureOutcome, SignedElement, Unverified};
use crate::error::Error;
use crate::pki::TrustStore;
use crate::policy::Policy;
use crate::time::DateTime;
use crate::xml::{Document, IdIndex, NodeId};

/// SAML content is read only through the signed view.
pub(crate) type Node<'a, 'x> = SignedElement<'a, 'x>;

/// The only `Format` an issuer may have (profiles §4.1.4.1–2, and no Format at all).
const ENTITY_FORMAT: &str = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";

impl From<Shape> for SamlError {
    fn from(s: Shape) -> Self {
        SamlError::Malformed {
            reason: format!("{}: {}", s.pos, s.reason),
        }
    }
}

pub(crate) fn is(n: &Node<'_, '_>, ns: &str, local: &str) -> bool {
    n.is(ns, local)
}

pub(crate) fn children<'a, 'x>(
    parent: Node<'a, 'x>,
    ns: &'static str,
    local: &'static str,
) -> impl Iterator<Item = Node<'a, 'x>> {
    parent.children_named(ns, local)
}

/// The optional, unrepeated child.
pub(crate) fn opt<'a, 'x>(
    parent: Node<'a, 'x>,
    ns: &'static str,
    local: &'static str,
) -> Result<Option<Node<'a, 'x>>, SamlError> {
    Ok(parent.opt(ns, local)?)
}

pub(crate) fn one<'a, 'x>(
    parent: Node<'a, 'x>,
    ns: &'static str,
    local: &'static str,
) -> Result<Node<'a, 'x>, SamlError> {
    Ok(parent.one(ns, local)?)
}

pub(crate) fn malformed(n: Node<'_, '_>, what: &str) -> SamlError {
    SamlError::Malformed {
        reason: format!("{}: {what}", n.position()),
    }
}

/// The element's text: every text child, so a comment cannot truncate it
/// (CVE-2017-11427, CVE-2018-7340).
pub(crate) fn text(n: Node<'_, '_>) -> String {
    n.text_cow().trim().to_owned()
}

/// Every text node below `n`, in document order: the value of an attribute whose
/// content is structured (STORK's canonical address, eIDAS's current address).
pub(crate) fn deep_text(n: Node<'_, '_>) -> String {
    n.deep_text().trim().to_owned()
}

pub(crate) fn attr_string(n: Node<'_, '_>, name: &str) -> Option<String> {
    n.attribute(name).map(String::from)
}

/// An `xs:dateTime` attribute. SAML times are UTC (core §1.3.3): a value without a
/// time zone is a local time nobody can place, and is refused.
pub(crate) fn time_attr(n: Node<'_, '_>, name: &str) -> Result<Option<DateTime>, SamlError> {
    match n.attribute(name) {
        None => Ok(None),
        Some(v) => match DateTime::parse_xsd(v) {
            Ok((t, true)) => Ok(Some(t)),
            Ok((_, false)) => Err(malformed(
                n,
                &format!("{name}={v:?} has no time zone (SAML times are UTC)"),
            )),
            Err(_) => Err(malformed(n, &format!("{name}={v:?} is not an xs:dateTime"))),
        },
    }
}

pub(crate) fn bool_attr(n: Node<'_, '_>, name: &str) -> Result<Option<bool>, SamlError> {
    match n.attribute(name).map(str::trim) {
        None => Ok(None),
        Some("true" | "1") => Ok(Some(true)),
        Some("false" | "0") => Ok(Some(false)),
        Some(v) => Err(malformed(n, &format!("{name}={v:?} is not an xs:boolean"))),
    }
}

pub(crate) fn required_time(n: Node<'_, '_>, name: &str) -> Result<DateTime, SamlError> {
    time_attr(n, name)?.ok_or_else(|| malformed(n, &format!("no {name}")))
}

/// `Version="2.0"` and an `ID`, as every SAML 2.0 message and assertion carries.
pub(crate) fn id_and_version(n: Node<'_, '_>) -> Result<String, SamlError> {
    if n.attribute("Version") != Some("2.0") {
        return Err(malformed(n, "Version is not 2.0"));
    }
    n.attribute("ID")
        .filter(|id| !id.is_empty())
        .map(String::from)
        .ok_or_else(|| malformed(n, "no ID"))
}

/// The `saml:Issuer` child's value, if any; its `Format` must be the entity format.
pub(crate) fn issuer(n: Node<'_, '_>) -> Result<Option<String>, SamlError> {
    match opt(n, NS_SAML, "Issuer")? {
        Some(i) => issuer_value(i.attribute("Format"), text(i)).map(Some),
        None => Ok(None),
    }
}

fn issuer_value(format: Option<&str>, value: String) -> Result<String, SamlError> {
    match format.map(str::trim) {
        None | Some(ENTITY_FORMAT) => Ok(value),
        Some(f) => Err(SamlError::IssuerFormat {
            format: String::from(f),
        }),
    }
}

/// The issuer named before verification, to choose the trust store with: the same
/// rules as [`issuer`], read from the unverified document.
pub(crate) fn unverified_issuer(n: Unverified<'_, '_>) -> Result<Option<String>, SamlError> {
    let mut it = n.children_named(NS_SAML, "Issuer");
    let first = it.next();
    if let Some(second) = it.next() {
        return Err(SamlError::Malformed {
            reason: format!("{}: Issuer repeated", second.position()),
        });
    }
    match first {
        Some(i) => issuer_value(i.attribute("Format"), String::from(i.text().trim())).map(Some),
        None => Ok(None),
    }
}

/// The signature that is a direct child of `parent`, if any; two are refused.
pub(crate) fn child_signature<'a, 'x>(
    parent: Unverified<'a, 'x>,
) -> Result<Option<Unverified<'a, 'x>>, SamlError> {
    let mut it = parent.signatures();
    let first = it.next();
    if it.next().is_some() {
        return Err(SamlError::SignatureProfile {
            reason: format!("{} carries two signatures", parent.local_name()),
        });
    }
    Ok(first)
}

/// Refuses a signature anywhere but under one of `allowed` (the message element and its
/// top-level assertion): a signature elsewhere is either ignored by every honest
/// producer or part of a wrapping attempt.
pub(crate) fn check_signature_places(
    doc: &Document<'_>,
    allowed: &[NodeId],
) -> Result<(), SamlError> {
    for s in Unverified::all_signatures(doc) {
        let parent = s.parent_element();
        let ok = parent.is_some_and(|p| allowed.contains(&p.id()));
        if !ok {
            return Err(SamlError::SignatureProfile {
                reason: format!(
                    "{}: a signature inside {} (only the message and its assertion may be signed)",
                    s.position(),
                    parent.map_or("the document", |p| p.local_name())
                ),
            });
        }
    }
    Ok(())
}

/// What verifying one SAML signature needs.
pub(crate) struct SigContext<'p> {
    pub(crate) store: &'p TrustStore,
    pub(crate) policy: &'p Policy,
    pub(crate) now: DateTime,
    pub(crate) verifier: &'p dyn SignatureVerifier,
    pub(crate) profile: SamlProfile,
}

/// Verifies `sig`, a child of `element`, and checks that its one Reference selects
/// `element` itself with the enveloped transform (SAML core §5.4.2): any other shape is
/// how wrapping attacks move the signed content away from what is processed. The
/// profile's algorithm rules are checked before any cryptography runs.
pub(crate) fn verify_enveloped(
    doc: &Document<'_>,
    ids: &IdIndex<'_>,
    element: Unverified<'_, '_>,
    sig: Unverified<'_, '_>,
    cx: &SigContext<'_>,
    scratch: &mut crate::c14n::Scratch,
) -> Result<SignatureOutcome, Error> {
    let profile = cx.profile;
    let pre_check = move |method: SignatureAlgorithm, c14n: C14nAlgorithm| {
        check_profile_algorithms(profile, method, c14n.method).map_err(Error::from)
    };
    let dcx = crate::dsig::verify::Context {
        store: cx.store,
        policy: cx.policy,
        now: cx.now,
        verifier: cx.verifier,
        document_element: None,
        allow_object: false,
        allow_manifest: false,
        pre_check: Some(&pre_check),
    };
    let outcome = verify_signature(doc, ids, sig, &dcx, scratch).map_err(|e| match e {
        Error::Dsig(crate::dsig::DsigError::ObjectRefused) => SamlError::SignatureProfile {
            reason: format!(
                "the signature of {} carries a ds:Object, which the SAML profile has no use for",
                element.local_name()
            ),
        }
        .into(),
        other => other,
    })?;
    if !outcome.covers_exactly(element.id(), sig.id()) {
        let targets: Vec<String> = outcome
            .references
            .iter()
            .map(|r| {
                Unverified::of(doc, r.target)
                    .map_or_else(String::new, |n| String::from(n.local_name()))
            })
            .collect();
        return Err(SamlError::SignatureProfile {
            reason: format!(
                "the signature of {} must have one Reference to it, enveloped; it references {targets:?}",
                element.local_name()
            ),
        }
        .into());
    }
    Ok(outcome)
}

/// The profile rule on canonicalization and methods beyond what `Policy` expresses.
pub(crate) fn check_profile_algorithms(
    profile: SamlProfile,
    method: SignatureAlgorithm,
    c14n: C14nMethod,
) -> Result<(), SamlError> {
    match profile {
        SamlProfile::Stork if c14n != C14nMethod::Exclusive10 => Err(SamlError::SignatureProfile {
            reason: "STORK signatures use exclusive canonicalization".into(),
        }),
        SamlProfile::Eidas if method == SignatureAlgorithm::Ed25519 => {
            Err(SamlError::SignatureProfile {
                reason: "eIDAS allows RSASSA-PSS and ECDSA signatures only".into(),
            })
        }
        _ => Ok(()),
    }
}
