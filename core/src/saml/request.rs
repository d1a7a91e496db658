//! Verifying an AuthnRequest (the identity provider's, or the C-PEPS's / eIDAS proxy
//! service's, side) with the STORK 1.0 and eIDAS extensions.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::profile::SamlProfile;
use super::read::{
    attr_string, bool_attr, check_signature_places, child_signature, children, deep_text,
    id_and_version, issuer, malformed, opt, required_time, text, unverified_issuer,
    verify_enveloped, Node, SigContext,
};
use super::response::qaa;
use super::trust::IssuerTrust;
use super::{SamlError, NS_EIDAS, NS_SAML, NS_SAMLP, NS_STORK, NS_STORKP};
use crate::crypto::{default_verifier, SignatureVerifier};
use crate::dsig::Unverified;
use crate::error::Error;
use crate::policy::Policy;
use crate::time::DateTime;
use crate::verified::{report_of, VerificationReport};
use crate::xml::{self, IdIndex};

/// The longest `ProviderName` STORK accepts.
const MAX_PROVIDER_NAME: usize = 128;

/// What the identity provider expects of a request.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RequestExpectations<'a> {
    /// This endpoint's URL, which a signed request must name as its `Destination`;
    /// `None` skips the comparison.
    pub destination: Option<&'a str>,
    /// The verification time.
    pub now: DateTime,
    /// Allowed clock difference, in seconds. Default: 180.
    pub clock_skew_secs: i64,
    /// How old `IssueInstant` may be, in seconds. Default: 600.
    pub max_age_secs: i64,
    /// The profile. Default: [`SamlProfile::Generic`].
    pub profile: SamlProfile,
}

impl<'a> RequestExpectations<'a> {
    /// Expectations with the defaults.
    pub fn new(destination: Option<&'a str>, now: DateTime) -> Self {
        RequestExpectations {
            destination,
            now,
            clock_skew_secs: 180,
            max_age_secs: 600,
            profile: SamlProfile::Generic,
        }
    }
}

/// eIDAS `SPType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpType {
    /// A public-sector relying party.
    Public,
    /// A private-sector relying party.
    Private,
}

impl SpType {
    /// Every value's spelling, in declaration order: the one list front doors use.
    pub const NAMES: &'static [&'static str] = &["public", "private"];

    /// `public` or `private`, as eIDAS writes them.
    pub fn name(self) -> &'static str {
        Self::NAMES[match self {
            SpType::Public => 0,
            SpType::Private => 1,
        }]
    }
}

/// A requested attribute (STORK or eIDAS).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestedAttribute {
    /// `Name`.
    pub name: String,
    /// `NameFormat`.
    pub name_format: Option<String>,
    /// `FriendlyName`.
    pub friendly_name: Option<String>,
    /// `isRequired`.
    pub required: bool,
    /// Requested values (STORK `AttributeValue`, eIDAS `AttributeValue`).
    pub values: Vec<String>,
}

/// The STORK 1.0 extensions of a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StorkRequest {
    /// `QualityAuthenticationAssuranceLevel`, 1–4.
    pub qaa: Option<u8>,
    /// `spSector`.
    pub sp_sector: Option<String>,
    /// `spInstitution`.
    pub sp_institution: Option<String>,
    /// `spApplication`.
    pub sp_application: Option<String>,
    /// `spCountry`.
    pub sp_country: Option<String>,
    /// `eIDSectorShare`.
    pub eid_sector_share: Option<bool>,
    /// `eIDCrossSectorShare`.
    pub eid_cross_sector_share: Option<bool>,
    /// `eIDCrossBorderShare`.
    pub eid_cross_border_share: Option<bool>,
    /// `CitizenCountryCode`.
    pub citizen_country: Option<String>,
}

/// A verified authentication request.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VerifiedAuthnRequest {
    /// `ID` (the `InResponseTo` of the answer).
    pub id: String,
    /// `Issuer` (the relying party's entity ID).
    pub issuer: Option<String>,
    /// `IssueInstant`.
    pub issue_instant: DateTime,
    /// `Destination`.
    pub destination: Option<String>,
    /// `AssertionConsumerServiceURL` (https).
    pub acs_url: Option<String>,
    /// `ProtocolBinding`.
    pub protocol_binding: Option<String>,
    /// `ForceAuthn`.
    pub force_authn: bool,
    /// `IsPassive`.
    pub is_passive: bool,
    /// `ProviderName`.
    pub provider_name: Option<String>,
    /// `NameIDPolicy/@Format`.
    pub name_id_format: Option<String>,
    /// Requested attributes, STORK's or eIDAS's.
    pub requested_attributes: Vec<RequestedAttribute>,
    /// eIDAS `SPType`.
    pub sp_type: Option<SpType>,
    /// `RequestedAuthnContext/AuthnContextClassRef` values (eIDAS levels of assurance).
    pub requested_loa: Vec<String>,
    /// `RequestedAuthnContext/@Comparison`.
    pub loa_comparison: Option<String>,
    /// The STORK extensions, when the request has any.
    pub stork: Option<StorkRequest>,
    /// The XML signature's report; `None` when the Redirect binding's query signature
    /// (see [`RedirectMessage`](super::RedirectMessage)) is what was verified.
    pub report: Option<VerificationReport>,
}

/// Verifies a signed AuthnRequest under `expect`'s profile: exactly one signature, a
/// child of the request, with one Reference to the request's ID; the issuer's trust
/// store; `Destination`, `IssueInstant` age, an https `AssertionConsumerServiceURL`,
/// `ProviderName` ≤ 128 characters, and the STORK/eIDAS extensions (unknown extension
/// elements are tolerated, as STORK requires).
///
/// # Errors
/// [`Error::Saml`] for profile refusals; the XML, DSig, crypto and PKI errors of the
/// document and its signature.
pub fn verify_authn_request(
    xml: &[u8],
    trust: &IssuerTrust,
    policy: &Policy,
    expect: &RequestExpectations<'_>,
) -> Result<VerifiedAuthnRequest, Error> {
    verify_authn_request_with(xml, trust, policy, expect, default_verifier())
}

/// [`verify_authn_request`] with a caller-supplied signature verifier.
///
/// # Errors
/// As [`verify_authn_request`].
pub fn verify_authn_request_with(
    xml: &[u8],
    trust: &IssuerTrust,
    policy: &Policy,
    expect: &RequestExpectations<'_>,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedAuthnRequest, Error> {
    read_request(xml, trust, policy, expect, verifier, false)
}

/// Reads and checks a request; `signed_by_binding` says the Redirect binding's query
/// signature was verified, so the XML must carry none.
pub(crate) fn read_request(
    xml: &[u8],
    trust: &IssuerTrust,
    policy: &Policy,
    expect: &RequestExpectations<'_>,
    verifier: &dyn SignatureVerifier,
    signed_by_binding: bool,
) -> Result<VerifiedAuthnRequest, Error> {
    let policy = expect.profile.policy(policy);
    let mut scratch = crate::c14n::Pooled::take();
    let doc = xml::parse_in(xml, &policy.limits, &mut scratch)?;
    let unverified = Unverified::root(&doc);
    if !unverified.is(NS_SAMLP, "AuthnRequest") {
        return Err(SamlError::UnknownDocument {
            root: unverified.qualified(),
            expected: "AuthnRequest",
        }
        .into());
    }
    let ids = IdIndex::build(&doc, policy.id_attributes)?;
    check_signature_places(&doc, &[unverified.id()])?;
    let unverified_issuer_name = unverified_issuer(unverified)?;
    let store = trust
        .store_for(unverified_issuer_name.as_deref().unwrap_or(""))
        .ok_or_else(|| SamlError::UnknownIssuer {
            issuer: unverified_issuer_name.clone().unwrap_or_default(),
        })?;
    let outcome = match (child_signature(unverified)?, signed_by_binding) {
        (Some(_), true) => {
            return Err(SamlError::SignatureProfile {
                reason: "a Redirect-bound request must not carry an XML signature".into(),
            }
            .into())
        }
        (Some(sig), false) => {
            let cx = SigContext {
                store,
                policy: &policy,
                now: expect.now,
                verifier,
                profile: expect.profile,
            };
            Some(verify_enveloped(
                &doc,
                &ids,
                unverified,
                sig,
                &cx,
                &mut scratch,
            )?)
        }
        (None, true) => None,
        (None, false) => {
            return Err(SamlError::Unsigned {
                what: "the AuthnRequest",
            }
            .into())
        }
    };
    let report = outcome.as_ref().map(|o| report_of(&doc, o, expect.now));
    // From here on everything is read through the signed view of the request: its XML
    // signature's, or — Redirect binding — the whole message the query signature covered.
    let root = match &outcome {
        Some(o) => o.signed(&doc, unverified.id()).ok_or(SamlError::Unsigned {
            what: "the AuthnRequest",
        })?,
        None => crate::dsig::signed_by_binding(unverified),
    };
    let id = id_and_version(root)?;
    let issuer_name = issuer(root)?;
    if issuer_name != unverified_issuer_name {
        return Err(SamlError::UnknownIssuer {
            issuer: issuer_name.unwrap_or_default(),
        }
        .into());
    }

    let issue_instant = required_time(root, "IssueInstant")?;
    if issue_instant > expect.now.add_seconds(expect.clock_skew_secs) {
        return Err(SamlError::NotYetValid {
            what: "IssueInstant",
            at: issue_instant,
        }
        .into());
    }
    if issue_instant.add_seconds(expect.max_age_secs + expect.clock_skew_secs) <= expect.now {
        return Err(SamlError::Expired {
            what: "IssueInstant (plus the maximum request age)",
            at: issue_instant,
        }
        .into());
    }
    let destination = attr_string(root, "Destination");
    match (&destination, expect.destination) {
        (Some(d), Some(want)) if d != want => {
            return Err(SamlError::DestinationMismatch { found: d.clone() }.into())
        }
        (None, Some(_)) => {
            return Err(malformed(root, "a signed AuthnRequest without Destination").into())
        }
        _ => {}
    }
    let acs_url = attr_string(root, "AssertionConsumerServiceURL");
    if let Some(u) = &acs_url {
        if !u
            .get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        {
            return Err(profile(&format!("AssertionConsumerServiceURL {u:?} is not https")).into());
        }
    }
    let provider_name = attr_string(root, "ProviderName");
    if let Some(p) = &provider_name {
        if p.chars().count() > MAX_PROVIDER_NAME {
            return Err(profile("ProviderName is longer than 128 characters").into());
        }
    }
    let name_id_format =
        opt(root, NS_SAMLP, "NameIDPolicy")?.and_then(|n| attr_string(n, "Format"));
    let (requested_loa, loa_comparison) = match opt(root, NS_SAMLP, "RequestedAuthnContext")? {
        Some(r) => (
            children(r, NS_SAML, "AuthnContextClassRef")
                .map(text)
                .collect(),
            attr_string(r, "Comparison"),
        ),
        None => (Vec::new(), None),
    };

    let mut requested_attributes = Vec::new();
    let mut sp_type = None;
    let mut stork = StorkRequest::default();
    let mut has_stork = false;
    if let Some(ext) = opt(root, NS_SAMLP, "Extensions")? {
        for e in ext.children() {
            let ns = e.namespace();
            let local = e.local_name();
            if ns == Some(NS_EIDAS) {
                match local {
                    "SPType" => {
                        sp_type = Some(match text(e).as_str() {
                            "public" => SpType::Public,
                            "private" => SpType::Private,
                            other => {
                                return Err(profile(&format!(
                                    "SPType {other:?} is not public or private"
                                ))
                                .into())
                            }
                        });
                    }
                    "RequestedAttributes" => {
                        for a in children(e, NS_EIDAS, "RequestedAttribute") {
                            requested_attributes.push(requested(a, NS_EIDAS)?);
                        }
                    }
                    _ => {}
                }
            } else if ns == Some(NS_STORK) || ns == Some(NS_STORKP) {
                has_stork = true;
                match local {
                    "QualityAuthenticationAssuranceLevel" => stork.qaa = Some(qaa(e)?),
                    "spSector" => stork.sp_sector = Some(text(e)),
                    "spInstitution" => stork.sp_institution = Some(text(e)),
                    "spApplication" => stork.sp_application = Some(text(e)),
                    "spCountry" => stork.sp_country = Some(text(e)),
                    "CitizenCountryCode" => stork.citizen_country = Some(text(e)),
                    "eIDSectorShare" => stork.eid_sector_share = Some(stork_bool(e)?),
                    "eIDCrossSectorShare" => stork.eid_cross_sector_share = Some(stork_bool(e)?),
                    "eIDCrossBorderShare" => stork.eid_cross_border_share = Some(stork_bool(e)?),
                    "RequestedAttributes" => {
                        for a in children(e, NS_STORK, "RequestedAttribute") {
                            requested_attributes.push(requested(a, NS_STORK)?);
                        }
                    }
                    // STORK requires unknown extensions to be tolerated.
                    _ => {}
                }
            }
        }
    }
    if expect.profile == SamlProfile::Stork && stork.qaa.is_none() {
        return Err(
            profile("a STORK request must carry QualityAuthenticationAssuranceLevel").into(),
        );
    }
    Ok(VerifiedAuthnRequest {
        id,
        issuer: issuer_name,
        issue_instant,
        destination,
        acs_url,
        protocol_binding: attr_string(root, "ProtocolBinding"),
        force_authn: bool_attr(root, "ForceAuthn")?.unwrap_or(false),
        is_passive: bool_attr(root, "IsPassive")?.unwrap_or(false),
        provider_name,
        name_id_format,
        requested_attributes,
        sp_type,
        requested_loa,
        loa_comparison,
        stork: has_stork.then_some(stork),
        report,
    })
}

fn profile(reason: &str) -> SamlError {
    SamlError::RequestProfile {
        reason: reason.to_string(),
    }
}

fn stork_bool(e: Node<'_, '_>) -> Result<bool, SamlError> {
    match text(e).as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        other => Err(malformed(e, &format!("{other:?} is not a boolean"))),
    }
}

fn requested(a: Node<'_, '_>, ns: &'static str) -> Result<RequestedAttribute, SamlError> {
    Ok(RequestedAttribute {
        name: a
            .attribute("Name")
            .ok_or_else(|| malformed(a, "a RequestedAttribute without Name"))?
            .to_string(),
        name_format: attr_string(a, "NameFormat"),
        friendly_name: attr_string(a, "FriendlyName"),
        required: bool_attr(a, "isRequired")?.unwrap_or(false),
        values: children(a, ns, "AttributeValue")
            .chain(children(a, NS_SAML, "AttributeValue"))
            .map(deep_text)
            .collect(),
    })
}
