//! Verifying a SAML Response (Web Browser SSO, SAML profiles §4.1.4.2–3) and reading its
//! one assertion.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::profile::{SamlProfile, SignedParts};
use super::read::{
    attr_string, check_signature_places, child_signature, children, deep_text, id_and_version, is,
    issuer, malformed, one, opt, required_time, text, time_attr, unverified_issuer,
    verify_enveloped, Node, SigContext,
};
use super::replay::ReplayCache;
use super::trust::IssuerTrust;
use super::{SamlError, CM_BEARER, NS_SAML, NS_SAMLP, NS_STORK, STATUS_SUCCESS};
use crate::crypto::{default_verifier, SignatureVerifier};
use crate::dsig::{SignedElement, Unverified};
use crate::error::Error;
use crate::policy::Policy;
use crate::time::DateTime;
use crate::verified::{report_of, VerificationReport};
use crate::xml::{self, IdIndex};

/// What the relying party expects of a response.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ResponseExpectations<'a> {
    /// This relying party's entity ID: the audience the assertion must allow.
    pub audience: &'a str,
    /// This relying party's assertion consumer service URL: the `Destination` and the
    /// bearer `Recipient`.
    pub acs_url: &'a str,
    /// The ID of the request sent, or `None` to accept only unsolicited responses.
    pub request_id: Option<&'a str>,
    /// The verification time.
    pub now: DateTime,
    /// Allowed clock difference, in seconds. Default: 180.
    pub clock_skew_secs: i64,
    /// The profile. Default: [`SamlProfile::Generic`].
    pub profile: SamlProfile,
    /// Which signatures must be present. Default: [`SignedParts::ResponseOrAssertion`].
    pub signed: SignedParts,
}

impl<'a> ResponseExpectations<'a> {
    /// Expectations with the defaults: unsolicited, 3 minutes of skew, generic profile,
    /// a signed response or assertion.
    pub fn new(audience: &'a str, acs_url: &'a str, now: DateTime) -> Self {
        ResponseExpectations {
            audience,
            acs_url,
            request_id: None,
            now,
            clock_skew_secs: 180,
            profile: SamlProfile::Generic,
            signed: SignedParts::ResponseOrAssertion,
        }
    }
}

/// The `Status` of a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusCodes {
    /// The top-level code (`…:status:Success`, `…:Requester`, `…:Responder`).
    pub top: String,
    /// The second-level code, if any (`…:AuthnFailed`, STORK's `…:QAANotSupported`).
    pub second: Option<String>,
    /// `StatusMessage`.
    pub message: Option<String>,
}

/// A `NameID`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameId {
    /// The identifier: every text child, so a comment cannot shorten it.
    pub value: String,
    /// `Format`.
    pub format: Option<String>,
    /// `NameQualifier`.
    pub name_qualifier: Option<String>,
    /// `SPNameQualifier`.
    pub sp_name_qualifier: Option<String>,
}

/// STORK's `AttributeStatus` of an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttributeStatus {
    /// The value is given.
    Available,
    /// The identity provider does not have it.
    NotAvailable,
    /// The citizen did not consent to give it.
    Withheld,
}

/// An `Attribute` with its values.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SamlAttribute {
    /// `Name`.
    pub name: String,
    /// `NameFormat`.
    pub name_format: Option<String>,
    /// `FriendlyName`.
    pub friendly_name: Option<String>,
    /// Each `AttributeValue`'s text (all text below it, for structured values).
    pub values: Vec<String>,
    /// STORK's `stork:AttributeStatus`.
    pub status: Option<AttributeStatus>,
}

/// An `AuthnStatement`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthnStatement {
    /// `AuthnInstant`.
    pub instant: DateTime,
    /// `SessionIndex`.
    pub session_index: Option<String>,
    /// `SessionNotOnOrAfter`.
    pub session_not_on_or_after: Option<DateTime>,
    /// `AuthnContext/AuthnContextClassRef` (the eIDAS level of assurance).
    pub class_ref: Option<String>,
}

/// Which signatures covered the assertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignedBy {
    /// The Response's signature (which covers the assertion inside it).
    Response,
    /// The Assertion's own signature.
    Assertion,
    /// Both.
    Both,
}

impl AttributeStatus {
    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &["Available", "NotAvailable", "Withheld"];

    /// STORK's spelling: `Available`, `NotAvailable` or `Withheld`.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            AttributeStatus::Available => 0,
            AttributeStatus::NotAvailable => 1,
            AttributeStatus::Withheld => 2,
        }]
    }
}

impl SignedBy {
    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &["response", "assertion", "both"];

    /// `response`, `assertion` or `both`.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            SignedBy::Response => 0,
            SignedBy::Assertion => 1,
            SignedBy::Both => 2,
        }]
    }
}

/// The verified assertion: only what a verified signature covered.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VerifiedAssertion {
    /// `ID`.
    pub id: String,
    /// `Issuer`.
    pub issuer: String,
    /// `IssueInstant`.
    pub issue_instant: DateTime,
    /// The subject's `NameID`.
    pub name_id: Option<NameId>,
    /// The attributes of every `AttributeStatement`, in order.
    pub attributes: Vec<SamlAttribute>,
    /// The `AuthnStatement`s.
    pub authn_statements: Vec<AuthnStatement>,
    /// `Conditions/@NotBefore`.
    pub not_before: Option<DateTime>,
    /// `Conditions/@NotOnOrAfter`.
    pub not_on_or_after: Option<DateTime>,
    /// The audiences of the audience restrictions.
    pub audiences: Vec<String>,
    /// `Conditions/OneTimeUse`.
    pub one_time_use: bool,
    /// The level of assurance: the first `AuthnContextClassRef` (eIDAS
    /// `http://eidas.europa.eu/LoA/…`).
    pub loa: Option<String>,
    /// STORK's `QualityAuthenticationAssuranceLevel` (1–4), where the assertion gives it.
    pub stork_qaa: Option<u8>,
}

impl VerifiedAssertion {
    /// The first attribute called `name` (its `Name` or `FriendlyName`).
    pub fn attribute(&self, name: &str) -> Option<&SamlAttribute> {
        self.attributes
            .iter()
            .find(|a| a.name == name || a.friendly_name.as_deref() == Some(name))
    }
}

/// A verified response.
///
/// The assertion is always signed content. `id`, `in_response_to` and `destination`
/// belong to the Response element: signed when [`signed_by`](Self::signed_by) includes
/// the Response; otherwise they are the envelope's, and `in_response_to` and
/// `destination` were still checked to equal what the relying party expects.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VerifiedResponse {
    /// The Response `ID`.
    pub id: String,
    /// The issuer (the assertion's; the Response's, when present, is the same).
    pub issuer: String,
    /// `InResponseTo`.
    pub in_response_to: Option<String>,
    /// `Destination`.
    pub destination: Option<String>,
    /// The assertion.
    pub assertion: VerifiedAssertion,
    /// Which signatures covered it.
    pub signed_by: SignedBy,
    /// The report of each verified signature: the Response's first when both.
    pub reports: Vec<VerificationReport>,
}

/// Verifies a SAML Response against the issuer's trust anchors and the relying party's
/// expectations, consults `replay` last, and returns only signed content.
///
/// Order of checks: the document (a `samlp:Response`, no DOCTYPE, unique IDs,
/// signatures only under the Response or its top-level Assertion); the issuer and its
/// trust store; the signatures (each must cover exactly its parent, enveloped; the
/// profile's algorithms); which parts must be signed; `Destination`; `Status` (a
/// non-success status is an error carrying the codes); exactly one assertion;
/// `InResponseTo`; the assertion's conditions (time with skew, audience), bearer subject
/// confirmation (Recipient, NotOnOrAfter, InResponseTo, no NotBefore), an
/// AuthnStatement; and the replay cache.
///
/// # Errors
/// [`Error::Saml`] for every profile refusal; the XML, DSig, crypto and PKI errors of
/// the document and its signatures.
pub fn verify_response(
    xml: &[u8],
    trust: &IssuerTrust,
    policy: &Policy,
    expect: &ResponseExpectations<'_>,
    replay: &mut dyn ReplayCache,
) -> Result<VerifiedResponse, Error> {
    verify_response_with(xml, trust, policy, expect, replay, default_verifier())
}

/// [`verify_response`] with a caller-supplied signature verifier.
///
/// # Errors
/// As [`verify_response`].
pub fn verify_response_with(
    xml: &[u8],
    trust: &IssuerTrust,
    policy: &Policy,
    expect: &ResponseExpectations<'_>,
    replay: &mut dyn ReplayCache,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedResponse, Error> {
    let policy = expect.profile.policy(policy);
    let doc = xml::parse(xml, &policy.limits)?;
    let root = Unverified::root(&doc);
    if !root.is(NS_SAMLP, "Response") {
        return Err(SamlError::UnknownDocument {
            root: root.qualified(),
            expected: "Response",
        }
        .into());
    }
    let ids = IdIndex::build(&doc, policy.id_attributes)?;
    // Every Response has Version="2.0" and an ID, signed or not.
    let envelope_id = envelope_id(root)?;
    if root
        .children_named(NS_SAML, "EncryptedAssertion")
        .next()
        .is_some()
    {
        return Err(SamlError::EncryptedUnsupported {
            element: "EncryptedAssertion",
        }
        .into());
    }
    let assertions: Vec<Unverified<'_, '_>> = root.children_named(NS_SAML, "Assertion").collect();
    let mut allowed = alloc::vec![root.id()];
    allowed.extend(assertions.iter().map(Unverified::id));
    check_signature_places(&doc, &allowed)?;

    // A successful response with other than one assertion is refused whatever its
    // signatures say; a failed one is reported with its status, below.
    let unverified_status = read_status(root)?;
    if unverified_status.top == STATUS_SUCCESS && assertions.len() != 1 {
        return Err(SamlError::AssertionCount {
            found: assertions.len(),
        }
        .into());
    }

    // The issuer selects the trust store; a signature by that issuer's key is what makes
    // the claim true. A Response and an Assertion that name different issuers are each
    // checked against their own issuer's store, and then the Assertion must carry its
    // own signature: one issuer's signature never vouches for another's assertion.
    let response_issuer = unverified_issuer(root)?;
    let assertion_issuer = match assertions.as_slice() {
        [a] => Some(unverified_issuer(*a)?.ok_or_else(|| SamlError::Malformed {
            reason: format!("{}: the Assertion has no Issuer", a.position()),
        })?),
        _ => None,
    };
    let issuer_name = assertion_issuer
        .clone()
        .or_else(|| response_issuer.clone())
        .unwrap_or_default();
    let store_of = |name: &str| {
        trust
            .store_for(name)
            .ok_or_else(|| SamlError::UnknownIssuer {
                issuer: String::from(name),
            })
    };
    let store = store_of(&issuer_name)?;
    let response_store = match &response_issuer {
        Some(r) if *r != issuer_name => store_of(r)?,
        _ => store,
    };
    let issuers_differ = response_issuer.as_ref().is_some_and(|r| *r != issuer_name);
    let cx = SigContext {
        store,
        policy: &policy,
        now: expect.now,
        verifier,
        profile: expect.profile,
    };
    let response_cx = SigContext {
        store: response_store,
        ..cx
    };

    let mut reports = Vec::new();
    let response_outcome = match child_signature(root)? {
        Some(sig) => {
            let o = verify_enveloped(&doc, &ids, root, sig, &response_cx)?;
            reports.push(report_of(&doc, &o, expect.now));
            Some(o)
        }
        None => None,
    };
    let response_view = response_outcome
        .as_ref()
        .and_then(|o| o.signed(&doc, root.id()));
    let response_signed = response_view.is_some();
    if matches!(expect.signed, SignedParts::Response | SignedParts::Both) && !response_signed {
        return Err(SamlError::Unsigned {
            what: "the Response",
        }
        .into());
    }
    // The Response's own values: through its signed view when it is signed, else the
    // envelope's (checked below against what this relying party expects).
    let envelope = |name: &str| match response_view {
        Some(v) => v.attribute(name).map(String::from),
        None => root.attribute(name).map(String::from),
    };

    // Destination is checked before the status: a response for another endpoint says
    // nothing to this one.
    let destination = envelope("Destination");
    if let Some(d) = &destination {
        if d != expect.acs_url {
            return Err(SamlError::DestinationMismatch { found: d.clone() }.into());
        }
    }
    // A signed response without Destination (bindings §3.5.5.2 asks for one) is accepted
    // as most relying parties do: the audience and the bearer Recipient, both signed,
    // still bind the assertion to this endpoint.
    if unverified_status.top != STATUS_SUCCESS {
        return Err(SamlError::Status {
            status: unverified_status,
            signed: response_signed,
        }
        .into());
    }
    let [assertion] = assertions.as_slice() else {
        return Err(SamlError::AssertionCount {
            found: assertions.len(),
        }
        .into());
    };
    let assertion = *assertion;
    let response_id = match response_view {
        Some(v) => id_and_version(v)?,
        None => envelope_id,
    };
    let in_response_to = envelope("InResponseTo");
    check_in_response_to(in_response_to.as_deref(), expect.request_id)?;

    let assertion_outcome = match child_signature(assertion)? {
        Some(sig) => {
            let o = verify_enveloped(&doc, &ids, assertion, sig, &cx)?;
            reports.push(report_of(&doc, &o, expect.now));
            Some(o)
        }
        None => None,
    };
    let assertion_signed = assertion_outcome.is_some();
    let signed_by = match (response_signed, assertion_signed) {
        (true, true) => SignedBy::Both,
        (true, false) => SignedBy::Response,
        (false, true) => SignedBy::Assertion,
        (false, false) => {
            return Err(SamlError::Unsigned {
                what: "the Assertion",
            }
            .into())
        }
    };
    if matches!(expect.signed, SignedParts::Assertion | SignedParts::Both) && !assertion_signed {
        return Err(SamlError::Unsigned {
            what: "the Assertion",
        }
        .into());
    }
    if issuers_differ && !assertion_signed {
        return Err(SamlError::IssuerMismatch {
            response: response_issuer.unwrap_or_default(),
            assertion: issuer_name,
        }
        .into());
    }

    // From here on everything is read through the signed view of the assertion: its own
    // signature's, or the Response's around it.
    let view: Option<SignedElement<'_, '_>> = match (&assertion_outcome, response_view) {
        (Some(o), _) => o.signed(&doc, assertion.id()),
        (None, Some(r)) => r
            .children_named(NS_SAML, "Assertion")
            .find(|c| c.id() == assertion.id()),
        (None, None) => None,
    };
    let view = view.ok_or(SamlError::Unsigned {
        what: "the Assertion",
    })?;
    let verified = read_assertion(view, expect)?;
    if verified.issuer != issuer_name {
        return Err(SamlError::IssuerMismatch {
            response: issuer_name,
            assertion: verified.issuer,
        }
        .into());
    }
    let expires = replay_expiry(view, &verified, expect)?;
    if !replay.check_and_insert(&verified.id, expires, expect.now) {
        return Err(SamlError::Replay { id: verified.id }.into());
    }
    Ok(VerifiedResponse {
        id: response_id,
        issuer: issuer_name,
        in_response_to,
        destination,
        assertion: verified,
        signed_by,
        reports,
    })
}

/// The `ID` of an unsigned Response envelope (`Version="2.0"` required as well).
fn envelope_id(root: Unverified<'_, '_>) -> Result<String, SamlError> {
    if root.attribute("Version") != Some("2.0") {
        return Err(SamlError::Malformed {
            reason: format!("{}: Version is not 2.0", root.position()),
        });
    }
    root.attribute("ID")
        .filter(|id| !id.is_empty())
        .map(String::from)
        .ok_or_else(|| SamlError::Malformed {
            reason: format!("{}: no ID", root.position()),
        })
}

fn check_in_response_to(found: Option<&str>, sent: Option<&str>) -> Result<(), SamlError> {
    match (found, sent) {
        (None, None) => Ok(()),
        (Some(f), Some(s)) if f == s => Ok(()),
        (f, _) => Err(SamlError::InResponseToMismatch {
            found: f.unwrap_or("").to_string(),
        }),
    }
}

/// The status as the Response states it, read before verification: a failed status is
/// reported with whether a verified signature covered it.
fn single<'a, 'x>(
    parent: Unverified<'a, 'x>,
    local: &'static str,
) -> Result<Option<Unverified<'a, 'x>>, SamlError> {
    let mut it = parent.children_named(NS_SAMLP, local);
    let first = it.next();
    match it.next() {
        Some(second) => Err(SamlError::Malformed {
            reason: format!("{}: {local} repeated", second.position()),
        }),
        None => Ok(first),
    }
}

fn read_status(root: Unverified<'_, '_>) -> Result<StatusCodes, SamlError> {
    let missing = |parent: Unverified<'_, '_>, local: &str| SamlError::Malformed {
        reason: format!(
            "{}: {} has no {local}",
            parent.position(),
            parent.local_name()
        ),
    };
    let status = single(root, "Status")?.ok_or_else(|| missing(root, "Status"))?;
    let code = single(status, "StatusCode")?.ok_or_else(|| missing(status, "StatusCode"))?;
    let top = code
        .attribute("Value")
        .ok_or_else(|| SamlError::Malformed {
            reason: format!("{}: StatusCode has no Value", code.position()),
        })?
        .to_string();
    let second = single(code, "StatusCode")?
        .and_then(|c| c.attribute("Value"))
        .map(String::from);
    let message = single(status, "StatusMessage")?.map(|m| String::from(m.text().trim()));
    Ok(StatusCodes {
        top,
        second,
        message,
    })
}

fn read_assertion(
    a: Node<'_, '_>,
    expect: &ResponseExpectations<'_>,
) -> Result<VerifiedAssertion, SamlError> {
    let id = id_and_version(a)?;
    let issue_instant = required_time(a, "IssueInstant")?;
    let issuer = issuer(a)?.ok_or_else(|| malformed(a, "the Assertion has no Issuer"))?;
    let now = expect.now;
    let skew = expect.clock_skew_secs;

    // Conditions: a bearer assertion must name its audience (profiles §4.1.4.2), its
    // time window must be a window, and every condition must be one understood here
    // (core §2.5.1.5).
    let c = opt(a, NS_SAML, "Conditions")?.ok_or(SamlError::AudienceMissing)?;
    let not_before = time_attr(c, "NotBefore")?;
    let not_on_or_after = time_attr(c, "NotOnOrAfter")?;
    if let (Some(nb), Some(na)) = (not_before, not_on_or_after) {
        if nb >= na {
            return Err(SamlError::InvalidTimeWindow {
                not_before: nb,
                not_on_or_after: na,
            });
        }
    }
    if let Some(nb) = not_before {
        if nb > now.add_seconds(skew) {
            return Err(SamlError::NotYetValid {
                what: "Conditions NotBefore",
                at: nb,
            });
        }
    }
    if let Some(na) = not_on_or_after {
        if na <= now.add_seconds(-skew) {
            return Err(SamlError::Expired {
                what: "Conditions NotOnOrAfter",
                at: na,
            });
        }
    }
    let mut audiences = Vec::new();
    let mut restrictions = 0;
    let mut one_time_use = false;
    for cond in c.children() {
        if is(&cond, NS_SAML, "AudienceRestriction") {
            // Every AudienceRestriction must be satisfied (SAML core §2.5.1.4).
            let these: Vec<String> = children(cond, NS_SAML, "Audience").map(text).collect();
            let ok = these.iter().any(|x| x == expect.audience);
            audiences.extend(these.iter().cloned());
            if !ok {
                return Err(SamlError::AudienceMismatch { allowed: these });
            }
            restrictions += 1;
        } else if is(&cond, NS_SAML, "OneTimeUse") {
            one_time_use = true;
        } else if is(&cond, NS_SAML, "ProxyRestriction") {
            // It limits assertions issued on the strength of this one; a relying party
            // that consumes it issues none.
        } else {
            let xsi_type = cond
                .attribute_ns("http://www.w3.org/2001/XMLSchema-instance", "type")
                .map(|t| format!(" xsi:type={t}"))
                .unwrap_or_default();
            return Err(SamlError::UnknownCondition {
                condition: format!(
                    "{{{}}}{}{xsi_type}",
                    cond.namespace().unwrap_or(""),
                    cond.local_name()
                ),
            });
        }
    }
    if restrictions == 0 {
        return Err(SamlError::AudienceMissing);
    }

    // Subject: the NameID and a fitting bearer confirmation.
    let subject = one(a, NS_SAML, "Subject")?;
    if children(subject, NS_SAML, "EncryptedID").next().is_some() {
        return Err(SamlError::EncryptedUnsupported {
            element: "EncryptedID",
        });
    }
    let name_id = opt(subject, NS_SAML, "NameID")?.map(|n| NameId {
        value: text(n),
        format: attr_string(n, "Format"),
        name_qualifier: attr_string(n, "NameQualifier"),
        sp_name_qualifier: attr_string(n, "SPNameQualifier"),
    });
    check_bearer(subject, expect)?;

    let mut authn_statements = Vec::new();
    for s in children(a, NS_SAML, "AuthnStatement") {
        let session_not_on_or_after = time_attr(s, "SessionNotOnOrAfter")?;
        if let Some(t) = session_not_on_or_after {
            if t <= now.add_seconds(-skew) {
                return Err(SamlError::Expired {
                    what: "AuthnStatement SessionNotOnOrAfter",
                    at: t,
                });
            }
        }
        let class_ref = opt(s, NS_SAML, "AuthnContext")?
            .map(|c| opt(c, NS_SAML, "AuthnContextClassRef"))
            .transpose()?
            .flatten()
            .map(text);
        authn_statements.push(AuthnStatement {
            instant: required_time(s, "AuthnInstant")?,
            session_index: attr_string(s, "SessionIndex"),
            session_not_on_or_after,
            class_ref,
        });
    }
    if authn_statements.is_empty() {
        return Err(SamlError::MissingAuthnStatement);
    }

    let mut attributes = Vec::new();
    for st in children(a, NS_SAML, "AttributeStatement") {
        if children(st, NS_SAML, "EncryptedAttribute").next().is_some() {
            return Err(SamlError::EncryptedUnsupported {
                element: "EncryptedAttribute",
            });
        }
        for at in children(st, NS_SAML, "Attribute") {
            attributes.push(read_attribute(at)?);
        }
    }
    let loa = authn_statements.iter().find_map(|s| s.class_ref.clone());
    let stork_qaa = match a
        .descendants()
        .find(|n| n.is(NS_STORK, "QualityAuthenticationAssuranceLevel"))
    {
        Some(q) => Some(qaa(q)?),
        None => None,
    };
    Ok(VerifiedAssertion {
        id,
        issuer,
        issue_instant,
        name_id,
        attributes,
        authn_statements,
        not_before,
        not_on_or_after,
        audiences,
        one_time_use,
        loa,
        stork_qaa,
    })
}

/// STORK QAA levels are 1 to 4.
pub(crate) fn qaa(n: Node<'_, '_>) -> Result<u8, SamlError> {
    match text(n).parse::<u8>() {
        Ok(v @ 1..=4) => Ok(v),
        _ => Err(malformed(
            n,
            "QualityAuthenticationAssuranceLevel is not 1 to 4",
        )),
    }
}

fn read_attribute(at: Node<'_, '_>) -> Result<SamlAttribute, SamlError> {
    let name = at
        .attribute("Name")
        .ok_or_else(|| malformed(at, "an Attribute without Name"))?
        .to_string();
    let status = match at.attribute_ns(NS_STORK, "AttributeStatus") {
        None => None,
        Some(v) if v == AttributeStatus::Available.name() => Some(AttributeStatus::Available),
        Some(v) if v == AttributeStatus::NotAvailable.name() => Some(AttributeStatus::NotAvailable),
        Some(v) if v == AttributeStatus::Withheld.name() => Some(AttributeStatus::Withheld),
        Some(v) => {
            return Err(malformed(
                at,
                &format!("AttributeStatus {v:?} is not Available, NotAvailable or Withheld"),
            ))
        }
    };
    Ok(SamlAttribute {
        name,
        name_format: attr_string(at, "NameFormat"),
        friendly_name: attr_string(at, "FriendlyName"),
        values: children(at, NS_SAML, "AttributeValue")
            .map(deep_text)
            .collect(),
        status,
    })
}

/// At least one bearer `SubjectConfirmation` must fit (SAML profiles §4.1.4.2).
fn check_bearer(subject: Node<'_, '_>, expect: &ResponseExpectations<'_>) -> Result<(), SamlError> {
    let mut why = String::from("the Subject has no bearer SubjectConfirmation");
    for sc in children(subject, NS_SAML, "SubjectConfirmation") {
        if sc.attribute("Method") != Some(CM_BEARER) {
            continue;
        }
        let Some(data) = opt(sc, NS_SAML, "SubjectConfirmationData")? else {
            why = "a bearer confirmation without SubjectConfirmationData".into();
            continue;
        };
        match fits(data, expect) {
            Ok(()) => return Ok(()),
            Err(reason) => why = reason,
        }
    }
    Err(SamlError::SubjectConfirmation { reason: why })
}

fn fits(data: Node<'_, '_>, expect: &ResponseExpectations<'_>) -> Result<(), String> {
    if data.attribute("NotBefore").is_some() {
        return Err("bearer SubjectConfirmationData must not have NotBefore".into());
    }
    match data.attribute("Recipient") {
        Some(r) if r == expect.acs_url => {}
        Some(r) => return Err(format!("Recipient is {r:?}, not this endpoint")),
        None => return Err("no Recipient".into()),
    }
    let na = time_attr(data, "NotOnOrAfter")
        .map_err(|e| e.to_string())?
        .ok_or_else(|| String::from("no NotOnOrAfter"))?;
    if na <= expect.now.add_seconds(-expect.clock_skew_secs) {
        return Err(format!("NotOnOrAfter {na} has passed"));
    }
    match (data.attribute("InResponseTo"), expect.request_id) {
        (None, None) => Ok(()),
        (Some(f), Some(s)) if f == s => Ok(()),
        (f, _) => Err(format!(
            "InResponseTo is {:?}, not the request sent",
            f.unwrap_or("")
        )),
    }
}

/// Until when the assertion ID must be remembered: its last moment of validity, plus the
/// skew during which it could still be accepted.
fn replay_expiry(
    a: Node<'_, '_>,
    v: &VerifiedAssertion,
    expect: &ResponseExpectations<'_>,
) -> Result<DateTime, SamlError> {
    let mut latest = v.not_on_or_after;
    if let Some(subject) = opt(a, NS_SAML, "Subject")? {
        for sc in children(subject, NS_SAML, "SubjectConfirmation") {
            for d in children(sc, NS_SAML, "SubjectConfirmationData") {
                if let Some(t) = time_attr(d, "NotOnOrAfter")? {
                    latest = Some(latest.map_or(t, |l| l.max(t)));
                }
            }
        }
    }
    let until = latest.unwrap_or(expect.now.add_seconds(3600));
    Ok(until.add_seconds(expect.clock_skew_secs))
}
