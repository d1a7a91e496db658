//! Reading SAML elements, and the one rule every SAML signature follows here: it covers
//! exactly the element it is a child of.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::profile::SamlProfile;
use super::{SamlError, NS_SAML};
use crate::c14n::C14nMethod;
use crate::crypto::{SignatureAlgorithm, SignatureVerifier};
use crate::dsig::{verify_signature, SignatureOutcome, NS_DS};
use crate::error::Error;
use crate::pki::TrustStore;
use crate::policy::Policy;
use crate::time::DateTime;
use crate::xml::{position, text_content, IdIndex};

pub(crate) type Node<'a, 'x> = roxmltree::Node<'a, 'x>;

pub(crate) fn is(n: &Node<'_, '_>, ns: &str, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(ns) && n.tag_name().name() == local
}

pub(crate) fn children<'a, 'x>(
    parent: Node<'a, 'x>,
    ns: &'static str,
    local: &'static str,
) -> impl Iterator<Item = Node<'a, 'x>> {
    parent.children().filter(move |n| is(n, ns, local))
}

/// The optional, unrepeated child.
pub(crate) fn opt<'a, 'x>(
    parent: Node<'a, 'x>,
    ns: &'static str,
    local: &'static str,
) -> Result<Option<Node<'a, 'x>>, SamlError> {
    let mut it = children(parent, ns, local);
    let first = it.next();
    if let Some(second) = it.next() {
        return Err(malformed(second, &format!("{local} repeated")));
    }
    Ok(first)
}

pub(crate) fn one<'a, 'x>(
    parent: Node<'a, 'x>,
    ns: &'static str,
    local: &'static str,
) -> Result<Node<'a, 'x>, SamlError> {
    opt(parent, ns, local)?.ok_or_else(|| {
        malformed(
            parent,
            &format!("{} has no {local}", parent.tag_name().name()),
        )
    })
}

pub(crate) fn malformed(n: Node<'_, '_>, what: &str) -> SamlError {
    SamlError::Malformed {
        reason: format!("{}: {what}", position(n)),
    }
}

/// The element's text: every text child, so a comment cannot truncate it
/// (CVE-2017-11427, CVE-2018-7340).
pub(crate) fn text(n: Node<'_, '_>) -> String {
    text_content(n).trim().to_owned()
}

/// Every text node below `n`, in document order: the value of an attribute whose
/// content is structured (STORK's canonical address, eIDAS's current address).
pub(crate) fn deep_text(n: Node<'_, '_>) -> String {
    let mut s = String::new();
    for d in n.descendants().filter(roxmltree::Node::is_text) {
        s.push_str(d.text().unwrap_or(""));
    }
    s.trim().to_owned()
}

pub(crate) fn attr_string(n: Node<'_, '_>, name: &str) -> Option<String> {
    n.attribute(name).map(String::from)
}

pub(crate) fn time_attr(n: Node<'_, '_>, name: &str) -> Result<Option<DateTime>, SamlError> {
    match n.attribute(name) {
        None => Ok(None),
        Some(v) => DateTime::parse_xsd(v)
            .map(|(t, _)| Some(t))
            .map_err(|_| malformed(n, &format!("{name}={v:?} is not an xs:dateTime"))),
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

/// The `saml:Issuer` child's value, if any.
pub(crate) fn issuer(n: Node<'_, '_>) -> Result<Option<String>, SamlError> {
    Ok(opt(n, NS_SAML, "Issuer")?.map(text))
}

pub(crate) fn is_signature(n: &Node<'_, '_>) -> bool {
    is(n, NS_DS, "Signature")
}

/// The signature that is a direct child of `parent`, if any; two are refused.
pub(crate) fn child_signature<'a, 'x>(
    parent: Node<'a, 'x>,
) -> Result<Option<Node<'a, 'x>>, SamlError> {
    let mut it = parent.children().filter(is_signature);
    let first = it.next();
    if it.next().is_some() {
        return Err(SamlError::SignatureProfile {
            reason: format!("{} carries two signatures", parent.tag_name().name()),
        });
    }
    Ok(first)
}

/// Refuses a signature anywhere but under one of `allowed` (the message element and its
/// top-level assertion): a signature elsewhere is either ignored by every honest
/// producer or part of a wrapping attempt.
pub(crate) fn check_signature_places(
    doc: &roxmltree::Document<'_>,
    allowed: &[roxmltree::NodeId],
) -> Result<(), SamlError> {
    for s in doc.descendants().filter(is_signature) {
        let ok = s.parent().is_some_and(|p| allowed.contains(&p.id()));
        if !ok {
            return Err(SamlError::SignatureProfile {
                reason: format!(
                    "{}: a signature inside {} (only the message and its assertion may be signed)",
                    position(s),
                    s.parent_element()
                        .map_or("the document", |p| p.tag_name().name())
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
/// how wrapping attacks move the signed content away from what is processed.
pub(crate) fn verify_enveloped(
    doc: &roxmltree::Document<'_>,
    ids: &IdIndex<'_>,
    element: Node<'_, '_>,
    sig: Node<'_, '_>,
    cx: &SigContext<'_>,
) -> Result<SignatureOutcome, Error> {
    let dcx = crate::dsig::verify::Context {
        store: cx.store,
        policy: cx.policy,
        now: cx.now,
        verifier: cx.verifier,
        document_element: None,
    };
    let outcome = verify_signature(doc, ids, sig, &dcx)?;
    let covers = match outcome.references.as_slice() {
        [r] => r.target == element.id() && r.excluded.as_slice() == [sig.id()],
        _ => false,
    };
    if !covers {
        let targets: Vec<String> = outcome
            .references
            .iter()
            .map(|r| {
                doc.get_node(r.target)
                    .map_or_else(String::new, |n| String::from(n.tag_name().name()))
            })
            .collect();
        return Err(SamlError::SignatureProfile {
            reason: format!(
                "the signature of {} must have one Reference to it, enveloped; it references {targets:?}",
                element.tag_name().name()
            ),
        }
        .into());
    }
    check_profile_algorithms(cx.profile, outcome.method, outcome.c14n.method)?;
    Ok(outcome)
}

/// `{namespace}local` of an element, for messages.
pub(crate) fn qualified(n: Node<'_, '_>) -> String {
    format!(
        "{{{}}}{}",
        n.tag_name().namespace().unwrap_or(""),
        n.tag_name().name()
    )
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
