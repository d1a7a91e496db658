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
use super::replay::{ReplayCache, ReplayCheck};
use super::trust::IssuerTrust;
use super::{SamlError, CM_BEARER, NS_SAML, NS_SAMLP, NS_STORK, STATUS_SUCCESS};
use crate::crypto::{default_verifier, SignatureVerifier};
use crate::dsig::{SignedElement, Unverified};
use crate::error::Error;
use crate::policy::Policy;
use crate::time::DateTime;
use crate::verified::{report_of, VerificationReport};
use crate::xml::{self, IdIndex};
use crate::xmlenc::{DecryptedPart, Decryptor};

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
    /// The relying party's decryption keys, for an `EncryptedAssertion`, `EncryptedID` or
    /// `EncryptedAttribute`. Default: `None` — encrypted content is refused
    /// (`saml.encrypted_unsupported`).
    pub decrypt: Option<&'a Decryptor<'a>>,
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
            decrypt: None,
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
    /// What was decrypted, and with what: the `EncryptedAssertion`, an `EncryptedID`,
    /// each `EncryptedAttribute`. Empty when nothing was encrypted.
    pub decrypted: Vec<DecryptedPart>,
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
    // A decrypted assertion is a document of its own; its bytes live here, above every
    // borrow of it.
    let plaintext: Vec<u8>;
    let inner: xml::Document<'_>;
    let inner_ids: IdIndex<'_>;
    let mut scratch = crate::c14n::Pooled::take();
    let doc = xml::parse_in(xml, &policy.limits, &mut scratch)?;
    let root = response_root(&doc)?;
    let ids = IdIndex::build(&doc, policy.id_attributes)?;
    // Every Response has Version="2.0" and an ID, signed or not.
    let envelope_id = envelope_id(root)?;
    let encrypted: Vec<Unverified<'_, '_>> =
        root.children_named(NS_SAML, "EncryptedAssertion").collect();
    let decryptor = match (encrypted.is_empty(), expect.decrypt) {
        (false, None) => {
            return Err(SamlError::EncryptedUnsupported {
                element: "EncryptedAssertion",
            }
            .into())
        }
        (_, d) => d,
    };
    let assertions: Vec<Unverified<'_, '_>> = root.children_named(NS_SAML, "Assertion").collect();
    let mut allowed = alloc::vec![root.id()];
    allowed.extend(assertions.iter().map(Unverified::id));
    check_signature_places(&doc, &allowed)?;

    // A successful response with other than one assertion, in the clear or encrypted, is
    // refused whatever its signatures say; a failed one is reported with its status,
    // below.
    let unverified_status = read_status(root)?;
    let found = assertions.len() + encrypted.len();
    if unverified_status.top == STATUS_SUCCESS && found != 1 {
        return Err(SamlError::AssertionCount { found }.into());
    }

    // The issuer selects the trust store; a signature by that issuer's key is what makes
    // the claim true. A Response and an Assertion that name different issuers are each
    // checked against their own issuer's store, and then the Assertion must carry its
    // own signature: one issuer's signature never vouches for another's assertion. An
    // encrypted assertion's issuer is known only once it is decrypted, so a signed
    // Response around one must name its own.
    let response_issuer = unverified_issuer(root)?;
    let clear_issuer = match assertions.as_slice() {
        [a] => Some(unverified_issuer(*a)?.ok_or_else(|| SamlError::Malformed {
            reason: format!("{}: the Assertion has no Issuer", a.position()),
        })?),
        _ => None,
    };
    let store_of = |name: &str| {
        trust
            .store_for(name)
            .ok_or_else(|| SamlError::UnknownIssuer {
                issuer: String::from(name),
            })
    };
    let response_sig = child_signature(root)?;
    let mut reports = Vec::new();
    let response_outcome = match response_sig {
        Some(sig) => {
            let name = response_issuer
                .as_deref()
                .or(clear_issuer.as_deref())
                .ok_or_else(|| SamlError::Malformed {
                    reason: format!(
                        "{}: a signed Response with an encrypted assertion must name its Issuer",
                        root.position()
                    ),
                })?;
            let response_cx = SigContext {
                store: store_of(name)?,
                policy: &policy,
                now: expect.now,
                verifier,
                profile: expect.profile,
            };
            let o = verify_enveloped(&doc, &ids, root, sig, &response_cx, &mut scratch)?;
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
    let response_id = match response_view {
        Some(v) => id_and_version(v)?,
        None => envelope_id,
    };
    let in_response_to = envelope("InResponseTo");
    check_in_response_to(in_response_to.as_deref(), expect.request_id)?;

    // The assertion: the one in the clear, or the one decrypted from the Response's
    // EncryptedAssertion (read through the Response's signed view when it has one).
    let mut decrypted = Vec::new();
    let (adoc, aids, assertion) = match (assertions.as_slice(), encrypted.as_slice(), decryptor) {
        ([a], [], _) => (&doc, &ids, *a),
        ([], [e], Some(decryptor)) => {
            let container = match response_view {
                Some(v) => v
                    .children_named(NS_SAML, "EncryptedAssertion")
                    .find(|c| c.id() == e.id())
                    .ok_or(SamlError::Unsigned {
                        what: "the EncryptedAssertion",
                    })?,
                None => crate::dsig::encrypted_unsigned(*e),
            };
            let d = crate::xmlenc::decrypt_element(container, "EncryptedAssertion", decryptor)?;
            decrypted.push(d.part);
            plaintext = d.in_context();
            inner = crate::xmlenc::parse_decrypted(&plaintext, &policy.limits)?;
            inner_ids = IdIndex::build(&inner, policy.id_attributes)?;
            if let Some(id) = inner_ids.shared_with(&ids) {
                return Err(crate::xml::XmlError::DuplicateId {
                    value: id.to_string(),
                    pos: e.position(),
                }
                .into());
            }
            let a = decrypted_root_child(&inner, NS_SAML, "Assertion")?;
            check_signature_places(&inner, &[a.id()])?;
            (&inner, &inner_ids, a)
        }
        _ => return Err(SamlError::AssertionCount { found }.into()),
    };
    let issuer_name = match &clear_issuer {
        Some(i) => i.clone(),
        None => unverified_issuer(assertion)?.ok_or_else(|| SamlError::Malformed {
            reason: format!("{}: the Assertion has no Issuer", assertion.position()),
        })?,
    };
    let issuers_differ = response_issuer.as_ref().is_some_and(|r| *r != issuer_name);
    let cx = SigContext {
        store: store_of(&issuer_name)?,
        policy: &policy,
        now: expect.now,
        verifier,
        profile: expect.profile,
    };

    let assertion_outcome = match child_signature(assertion)? {
        Some(sig) => {
            let o = verify_enveloped(adoc, aids, assertion, sig, &cx, &mut scratch)?;
            reports.push(report_of(adoc, &o, expect.now));
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
    // eIDAS nodes sign the assertion they encrypt; a decrypted one without its own
    // signature is not theirs.
    let eidas_unsigned = expect.profile == SamlProfile::Eidas && !decrypted.is_empty();
    if (matches!(expect.signed, SignedParts::Assertion | SignedParts::Both) || eidas_unsigned)
        && !assertion_signed
    {
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
    // signature's, or the Response's around it (directly, or around its ciphertext).
    let view: Option<SignedElement<'_, '_>> = match (&assertion_outcome, response_view) {
        (Some(o), _) => o.signed(adoc, assertion.id()),
        (None, Some(r)) if decrypted.is_empty() => r
            .children_named(NS_SAML, "Assertion")
            .find(|c| c.id() == assertion.id()),
        (None, Some(_)) => crate::dsig::decrypted_under_signature(Unverified::root(adoc))
            .children_named(NS_SAML, "Assertion")
            .find(|c| c.id() == assertion.id()),
        (None, None) => None,
    };
    let view = view.ok_or(SamlError::Unsigned {
        what: "the Assertion",
    })?;
    let verified = read_assertion(view, expect, &policy, &mut decrypted)?;
    if verified.issuer != issuer_name {
        return Err(SamlError::IssuerMismatch {
            response: issuer_name,
            assertion: verified.issuer,
        }
        .into());
    }
    let expires = replay_expiry(view, &verified, expect)?;
    match replay.check_and_insert(&verified.id, expires, expect.now) {
        ReplayCheck::Fresh => {}
        ReplayCheck::Replay => return Err(SamlError::Replay { id: verified.id }.into()),
        ReplayCheck::Unavailable { reason } => {
            return Err(SamlError::ReplayCacheUnavailable {
                id: verified.id,
                reason,
            }
            .into())
        }
    }
    Ok(VerifiedResponse {
        id: response_id,
        issuer: issuer_name,
        in_response_to,
        destination,
        assertion: verified,
        signed_by,
        reports,
        decrypted,
    })
}

/// The one element a decrypted plaintext holds, which must be `ns:local`; anything else
/// is the one decryption failure, like every other plaintext that is not what was
/// encrypted.
fn decrypted_root_child<'a, 'x>(
    inner: &'a xml::Document<'x>,
    ns: &str,
    local: &str,
) -> Result<Unverified<'a, 'x>, Error> {
    let wrapper = Unverified::root(inner);
    let mut kids = wrapper.children();
    match (kids.next(), kids.next()) {
        (Some(only), None) if only.is(ns, local) && wrapper.text().trim().is_empty() => Ok(only),
        _ => Err(crate::xmlenc::XmlEncError::DecryptionFailed.into()),
    }
}

/// The document element, which must be a `samlp:Response`.
/// The issuers a Response names before anything is verified: its own `Issuer` and its
/// clear `Assertion`'s, once each, in that order. They are the names
/// [`verify_response`] selects trust stores by, read by the same code, so a relying
/// party whose issuer keys live outside memory (an index of a large federation
/// aggregate) can load just those stores and then verify. Nothing here is trusted: a
/// name only selects which keys must have signed. The issuer of an encrypted assertion
/// is known only after decryption; when it differs from the Response's, the
/// verification refuses it as an unknown issuer.
///
/// ```
/// use trustmeta::{response_issuers, Policy};
/// let xml = include_bytes!("../../../tests/data/saml/signed/response-signed.xml");
/// let issuers = response_issuers(xml, &Policy::default())?;
/// assert_eq!(issuers, ["https://idp.example.org/"]);
/// # Ok::<(), trustmeta::Error>(())
/// ```
///
/// # Errors
/// [`Error::Xml`] for a document that does not parse within the policy's limits;
/// [`Error::Saml`] for one that is not a `samlp:Response` or repeats an `Issuer`.
pub fn response_issuers(xml: &[u8], policy: &Policy) -> Result<Vec<String>, Error> {
    let doc = xml::parse(xml, &policy.limits)?;
    let root = response_root(&doc)?;
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: Option<String>| {
        if let Some(n) = name {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    };
    push(unverified_issuer(root)?);
    for a in root.children_named(NS_SAML, "Assertion") {
        push(unverified_issuer(a)?);
    }
    Ok(out)
}

fn response_root<'a, 'x>(doc: &'a xml::Document<'x>) -> Result<Unverified<'a, 'x>, SamlError> {
    let root = Unverified::root(doc);
    if !root.is(NS_SAMLP, "Response") {
        return Err(SamlError::UnknownDocument {
            root: root.qualified(),
            expected: "Response",
        });
    }
    Ok(root)
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
    policy: &Policy,
    decrypted: &mut Vec<DecryptedPart>,
) -> Result<VerifiedAssertion, Error> {
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
            }
            .into());
        }
    }
    if let Some(nb) = not_before {
        if nb > now.add_seconds(skew) {
            return Err(SamlError::NotYetValid {
                what: "Conditions NotBefore",
                at: nb,
            }
            .into());
        }
    }
    if let Some(na) = not_on_or_after {
        if na <= now.add_seconds(-skew) {
            return Err(SamlError::Expired {
                what: "Conditions NotOnOrAfter",
                at: na,
            }
            .into());
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
                return Err(SamlError::AudienceMismatch { allowed: these }.into());
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
            }
            .into());
        }
    }
    if restrictions == 0 {
        return Err(SamlError::AudienceMissing.into());
    }

    // Subject: the NameID and a fitting bearer confirmation.
    let subject = one(a, NS_SAML, "Subject")?;
    let encrypted_ids: Vec<Node<'_, '_>> = children(subject, NS_SAML, "EncryptedID").collect();
    let name_id = match (opt(subject, NS_SAML, "NameID")?, encrypted_ids.as_slice()) {
        (clear, []) => clear.map(read_name_id),
        (None, [e]) => Some(decrypt_in_place(
            *e,
            "EncryptedID",
            (NS_SAML, "NameID"),
            expect,
            policy,
            decrypted,
            |n| Ok(read_name_id(n)),
        )?),
        _ => return Err(malformed(subject, "a Subject with more than one NameID").into()),
    };
    check_bearer(subject, expect)?;

    let mut authn_statements = Vec::new();
    for s in children(a, NS_SAML, "AuthnStatement") {
        let session_not_on_or_after = time_attr(s, "SessionNotOnOrAfter")?;
        if let Some(t) = session_not_on_or_after {
            if t <= now.add_seconds(-skew) {
                return Err(SamlError::Expired {
                    what: "AuthnStatement SessionNotOnOrAfter",
                    at: t,
                }
                .into());
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
        return Err(SamlError::MissingAuthnStatement.into());
    }

    let mut attributes = Vec::new();
    for st in children(a, NS_SAML, "AttributeStatement") {
        for at in st.children() {
            if is(&at, NS_SAML, "Attribute") {
                attributes.push(read_attribute(at)?);
            } else if is(&at, NS_SAML, "EncryptedAttribute") {
                attributes.push(decrypt_in_place(
                    at,
                    "EncryptedAttribute",
                    (NS_SAML, "Attribute"),
                    expect,
                    policy,
                    decrypted,
                    read_attribute,
                )?);
            }
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

fn read_name_id(n: Node<'_, '_>) -> NameId {
    NameId {
        value: text(n),
        format: attr_string(n, "Format"),
        name_qualifier: attr_string(n, "NameQualifier"),
        sp_name_qualifier: attr_string(n, "SPNameQualifier"),
    }
}

/// Decrypts `e`, an encrypted part of a signed assertion, and reads the one element
/// `want` it holds with `read`. The assertion's signature covered the ciphertext, so the
/// plaintext is read as signed.
fn decrypt_in_place<T>(
    e: Node<'_, '_>,
    element: &'static str,
    want: (&str, &str),
    expect: &ResponseExpectations<'_>,
    policy: &Policy,
    decrypted: &mut Vec<DecryptedPart>,
    read: impl FnOnce(Node<'_, '_>) -> Result<T, SamlError>,
) -> Result<T, Error> {
    let decryptor = expect
        .decrypt
        .ok_or(SamlError::EncryptedUnsupported { element })?;
    let d = crate::xmlenc::decrypt_element(e, element, decryptor)?;
    decrypted.push(d.part);
    let bytes = d.in_context();
    let inner = crate::xmlenc::parse_decrypted(&bytes, &policy.limits)?;
    let only = decrypted_root_child(&inner, want.0, want.1)?;
    if Unverified::all_signatures(&inner).next().is_some() {
        return Err(SamlError::SignatureProfile {
            reason: format!("{}: a signature inside an {element}", only.position()),
        }
        .into());
    }
    let view = crate::dsig::decrypted_under_signature(Unverified::root(&inner))
        .children()
        .next()
        .ok_or(crate::xmlenc::XmlEncError::DecryptionFailed)?;
    Ok(read(view)?)
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

/// A Response's assertion decrypted and **not verified**: see
/// [`decrypt_assertion_unverified`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct UnverifiedAssertion {
    /// The plaintext: the serialized `Assertion` element, exactly as decrypted.
    pub xml: Vec<u8>,
    /// What decrypted it.
    pub decrypted: DecryptedPart,
}

/// Decrypts the one `EncryptedAssertion` of a Response and returns the assertion's bytes
/// **without checking any signature**: nothing in it is vouched for. It answers "do my
/// keys decrypt this?" (as `xmlsec1 --decrypt` does), for setting a relying party up and
/// for inspecting a message; a response is consumed with [`verify_response`] and
/// [`ResponseExpectations::decrypt`], never with this.
///
/// # Errors
/// The XML errors of the Response; [`SamlError::AssertionCount`] unless it holds exactly
/// one `EncryptedAssertion` and no assertion in the clear; [`XmlEncError`](crate::xmlenc::XmlEncError)
/// for every decryption refusal, a plaintext that is not one `Assertion` included.
pub fn decrypt_assertion_unverified(
    xml: &[u8],
    decryptor: &Decryptor<'_>,
    policy: &Policy,
) -> Result<UnverifiedAssertion, Error> {
    let doc = xml::parse(xml, &policy.limits)?;
    let root = response_root(&doc)?;
    let encrypted: Vec<Unverified<'_, '_>> =
        root.children_named(NS_SAML, "EncryptedAssertion").collect();
    let clear = root.children_named(NS_SAML, "Assertion").count();
    let [e] = encrypted.as_slice() else {
        return Err(SamlError::AssertionCount {
            found: encrypted.len() + clear,
        }
        .into());
    };
    if clear != 0 {
        return Err(SamlError::AssertionCount { found: 1 + clear }.into());
    }
    let d = crate::xmlenc::decrypt_element(
        crate::dsig::encrypted_unsigned(*e),
        "EncryptedAssertion",
        decryptor,
    )?;
    let in_context = d.in_context();
    let inner = crate::xmlenc::parse_decrypted(&in_context, &policy.limits)?;
    decrypted_root_child(&inner, NS_SAML, "Assertion")?;
    Ok(UnverifiedAssertion {
        xml: d.plaintext,
        decrypted: d.part,
    })
}
