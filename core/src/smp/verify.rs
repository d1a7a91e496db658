//! The SMP verification profile: the root-level signature is the one that counts, the
//! signed record must answer the question asked, endpoints are filtered by their dates,
//! and a redirect is followed once, to a target signed by the certificate it names.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::read::{self, FilteredEndpoint, Kind, Metadata, ProcessGroup, SmpDocument};
use super::{
    DocumentId, Endpoint, IdentifierPolicy, ParticipantId, ProcessId, Redirect, ServiceReference,
    SmpError, SmpVersion,
};
use crate::c14n::C14nAlgorithm;
use crate::crypto::{default_verifier, SignatureVerifier};
use crate::dsig::{accepted_unsigned, verify_signature, DsigError, Unverified, NS_DS};
use crate::error::Error;
use crate::pki::TrustStore;
use crate::policy::Policy;
use crate::time::DateTime;
use crate::verified::{report_of, VerificationReport};
use crate::xml::{self, IdIndex, NodeId};

const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/// What the caller asked the SMP for; the signed record must answer exactly this.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmpQuestion {
    /// The participant looked up.
    pub participant: ParticipantId,
    /// The document type looked up.
    pub document: DocumentId,
    /// The process, when the caller needs one: the record must list it.
    pub process: Option<ProcessId>,
    /// The transport profile, when the caller needs one: only its endpoints are returned.
    pub transport_profile: Option<String>,
    /// How identifiers compare when the record is bound to the question. Default: the
    /// PEPPOL identifier policy.
    pub identifiers: IdentifierPolicy,
}

impl SmpQuestion {
    /// A question for `participant` and `document`, any process and transport profile.
    pub fn new(participant: ParticipantId, document: DocumentId) -> Self {
        SmpQuestion {
            participant,
            document,
            process: None,
            transport_profile: None,
            identifiers: IdentifierPolicy::default(),
        }
    }
}

/// What the caller asked a ServiceGroup for: the participant, and whether an unsigned
/// group will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceGroupQuestion {
    /// The participant looked up.
    pub participant: ParticipantId,
    /// Accept an unsigned group. Default: `false` — an unsigned group proves nothing;
    /// most SMPs do not sign them, so callers that only list a participant's document
    /// types may turn this on.
    pub allow_unsigned: bool,
    /// How identifiers compare. Default: the PEPPOL identifier policy.
    pub identifiers: IdentifierPolicy,
}

impl ServiceGroupQuestion {
    /// A question for `participant`'s signed group.
    pub fn new(participant: ParticipantId) -> Self {
        ServiceGroupQuestion {
            participant,
            allow_unsigned: false,
            identifiers: IdentifierPolicy::default(),
        }
    }
}

/// A ServiceMetadata record whose root-level signature verified and which answers the
/// question: either endpoints or a redirect.
#[derive(Clone, Debug)]
pub struct VerifiedServiceMetadata {
    version: SmpVersion,
    participant: Option<ParticipantId>,
    document: Option<DocumentId>,
    endpoints: Vec<Endpoint>,
    filtered: Vec<FilteredEndpoint>,
    redirect: Option<Redirect>,
    report: VerificationReport,
    other_signatures: usize,
}

impl VerifiedServiceMetadata {
    /// The specification the record follows.
    pub fn version(&self) -> SmpVersion {
        self.version
    }
    /// The participant of the record (`None` for an SMP 1.x redirect, which names none).
    pub fn participant(&self) -> Option<&ParticipantId> {
        self.participant.as_ref()
    }
    /// The document type of the record (`None` for an SMP 1.x redirect).
    pub fn document(&self) -> Option<&DocumentId> {
        self.document.as_ref()
    }
    /// The endpoints matching the question that are active at the verification time.
    pub fn endpoints(&self) -> &[Endpoint] {
        &self.endpoints
    }
    /// Endpoints matching the question but left out for their dates.
    pub fn filtered_endpoints(&self) -> &[FilteredEndpoint] {
        &self.filtered
    }
    /// The redirect, when the record sends the caller to another SMP: fetch `href` and
    /// pass the answer to [`verify_smp_redirect_target`].
    pub fn redirect(&self) -> Option<&Redirect> {
        self.redirect.as_ref()
    }
    /// Who signed, with what.
    pub fn report(&self) -> &VerificationReport {
        &self.report
    }
    /// Signatures elsewhere in the record (an eHealth owner signature inside an
    /// `Extension`): reported, not verified.
    pub fn other_signatures(&self) -> usize {
        self.other_signatures
    }
}

/// A signature inside an SMP record other than the record's own — the eHealth owner
/// signature in an `Extension` — verified on request over the document it covers.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VerifiedExtensionSignature {
    /// Local name of the element the signature covers: always `ServiceMetadata`, the
    /// document the owner signed before the SMP wrapped it in `SignedServiceMetadata`.
    pub covered_element: String,
    /// Who signed it, with what.
    pub report: VerificationReport,
}

/// Verifies the signatures that sit inside `Extension` elements of an SMP record — the
/// eHealth owner signature — against the owners' anchors in `store`. [`verify_smp`]
/// reports these signatures but does not verify them; call this when the owner's
/// signature matters.
///
/// The profile (docs/xml-profile.md, "eHealth owner signatures") is DomiSMP's: the owner
/// signs the body it PUTs to the SMP, whose document element is `ServiceMetadata` (the
/// OASIS SMP 1.0 REST binding), with an enveloped signature inside an `Extension`; the
/// SMP then wraps that `ServiceMetadata` in `SignedServiceMetadata` and adds its own
/// signature. So an owner signature is a child of an `Extension` inside the one
/// `ServiceMetadata` child of `SignedServiceMetadata`, has one `Reference URI=""`, and
/// covers that `ServiceMetadata` taken as a standalone document, minus itself.
///
/// Every extension signature must verify; the record's own (root-level) signature is not
/// checked here.
///
/// # Errors
/// As [`verify`](crate::verify) for each signature; [`SmpError::SignatureProfile`] for a
/// signature outside an `Extension` of the wrapped `ServiceMetadata`, one that does not
/// cover exactly that `ServiceMetadata`, or one whose digest matches another reading
/// (the element holding its `Extension`, or the whole record before the SMP signed it)
/// — named in the message; [`DsigError::MissingSignature`] when there is none.
pub fn verify_smp_extension_signatures(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
) -> Result<Vec<VerifiedExtensionSignature>, Error> {
    verify_smp_extension_signatures_with(xml, store, policy, now, default_verifier())
}

/// [`verify_smp_extension_signatures`] with a caller-chosen signature backend.
///
/// # Errors
/// As [`verify_smp_extension_signatures`].
pub fn verify_smp_extension_signatures_with(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<Vec<VerifiedExtensionSignature>, Error> {
    let mut scratch = crate::c14n::Pooled::take();
    let doc = xml::parse_in(xml, &policy.limits, &mut scratch)?;
    let ids = IdIndex::build(&doc, policy.id_attributes)?;
    let root = Unverified::root(&doc);
    read::classify(root)?;
    let wrapped = wrapped_service_metadata(root);
    let mut out = Vec::new();
    for sig in Unverified::all_signatures(&doc) {
        if sig.parent_element().map(|p| p.id()) == Some(root.id()) {
            continue;
        }
        let covered = owner_document(wrapped, sig)?;
        let cx = crate::dsig::verify::Context {
            store,
            policy,
            now,
            verifier,
            document_element: Some(covered.id()),
            allow_object: false,
            allow_manifest: false,
            pre_check: None,
        };
        let outcome = match verify_signature(&doc, &ids, sig, &cx, &mut scratch) {
            Ok(o) => o,
            Err(Error::Dsig(DsigError::DigestMismatch { uri })) => {
                return Err(other_reading(&doc, root, sig, policy)
                    .map_or_else(|| DsigError::DigestMismatch { uri }.into(), Error::from))
            }
            Err(e) => return Err(object_refused(e)),
        };
        let exact = outcome.covers_exactly(covered.id(), sig.id())
            && outcome.references.iter().all(|r| r.uri.is_empty());
        let signed = outcome
            .signed(&doc, covered.id())
            .filter(|_| exact)
            .ok_or_else(|| SmpError::SignatureProfile {
                reason: "an owner signature must have one Reference URI=\"\", enveloped, covering the ServiceMetadata document".to_string(),
            })?;
        out.push(VerifiedExtensionSignature {
            covered_element: signed.local_name().to_string(),
            report: report_of(&doc, &outcome, now),
        });
    }
    if out.is_empty() {
        return Err(DsigError::MissingSignature.into());
    }
    Ok(out)
}

/// The one `ServiceMetadata` a `SignedServiceMetadata` root wraps; a profile refusal for
/// any other record (SMP 2.0 signs `ServiceMetadata` itself, with no room for a second
/// signer) or a wrapper holding more than that element.
fn wrapped_service_metadata<'a, 'x>(
    root: Unverified<'a, 'x>,
) -> Result<Unverified<'a, 'x>, &'static str> {
    let ns = root.namespace();
    if root.local_name() != "SignedServiceMetadata" {
        return Err("owner signatures are defined for records wrapped in SignedServiceMetadata (OASIS SMP 1.0, BDXR, PEPPOL)");
    }
    let mut wrapped = root.children().filter(|c| !c.is_signature());
    match (wrapped.next(), wrapped.next()) {
        (Some(sm), None) if sm.local_name() == "ServiceMetadata" && sm.namespace() == ns => Ok(sm),
        _ => Err("SignedServiceMetadata must wrap exactly one ServiceMetadata"),
    }
}

/// The document an owner signature `sig` covers: the wrapped `ServiceMetadata`, which must
/// hold the `Extension` (in the record's namespace) whose child `sig` is.
fn owner_document<'a, 'x>(
    wrapped: Result<Unverified<'a, 'x>, &'static str>,
    sig: Unverified<'a, 'x>,
) -> Result<Unverified<'a, 'x>, SmpError> {
    let bad = |reason: &str| SmpError::SignatureProfile {
        reason: reason.to_string(),
    };
    let sm = wrapped.map_err(bad)?;
    let in_extension = sig
        .parent_element()
        .is_some_and(|p| p.local_name() == "Extension" && p.namespace() == sm.namespace());
    if !in_extension {
        return Err(bad(
            "a signature inside the record is not a child of an Extension",
        ));
    }
    if !sig.ancestors().any(|a| a.id() == sm.id()) {
        return Err(bad(
            "an owner signature must sit inside the ServiceMetadata that SignedServiceMetadata wraps",
        ));
    }
    Ok(sm)
}

/// After an owner signature's value verified but its digest did not match the
/// `ServiceMetadata` document: the profile refusal naming what it covers instead, when
/// it is one of the two readings other SMPs and tests have used. Only ever an error.
fn other_reading(
    doc: &xml::Document<'_>,
    root: Unverified<'_, '_>,
    sig: Unverified<'_, '_>,
    policy: &Policy,
) -> Option<SmpError> {
    let root_sigs: Vec<NodeId> = root.signatures().map(|s| s.id()).collect();
    let digests = |target: NodeId, also: &[NodeId]| {
        crate::dsig::verify::whole_document_reference_digests(doc, sig, target, also, policy)
    };
    let parent = sig
        .parent_element()
        .and_then(|extension| extension.parent_element())?;
    let reason = if digests(parent.id(), &[]) {
        alloc::format!(
            "the owner signature covers the {} holding its Extension, not the ServiceMetadata document",
            parent.local_name()
        )
    } else if digests(root.id(), &root_sigs) {
        "the owner signature covers the whole SignedServiceMetadata as before the SMP signed it, not the ServiceMetadata document".to_string()
    } else {
        return None;
    };
    Some(SmpError::SignatureProfile { reason })
}

/// A ServiceGroup: the document types a participant has records for.
#[derive(Clone, Debug)]
pub struct VerifiedServiceGroup {
    version: SmpVersion,
    participant: ParticipantId,
    references: Vec<ServiceReference>,
    report: Option<VerificationReport>,
    other_signatures: usize,
}

impl VerifiedServiceGroup {
    /// The specification the group follows.
    pub fn version(&self) -> SmpVersion {
        self.version
    }
    /// The participant (equal to the one asked for).
    pub fn participant(&self) -> &ParticipantId {
        &self.participant
    }
    /// The entries.
    pub fn references(&self) -> &[ServiceReference] {
        &self.references
    }
    /// The signature's report; `None` when the group was unsigned and
    /// [`ServiceGroupQuestion::allow_unsigned`] accepted that.
    pub fn report(&self) -> Option<&VerificationReport> {
        self.report.as_ref()
    }
    /// Signatures below the document element: reported, not verified.
    pub fn other_signatures(&self) -> usize {
        self.other_signatures
    }
}

/// Verifies a signed SMP ServiceMetadata record (OASIS SMP 1.0 or 2.0, BDXR 2014/07 or
/// PEPPOL busdox) against `store` at `now`, and binds it to `question`.
///
/// Only the `ds:Signature` that is a direct child of the document element counts: it
/// must be the last child, with one `Reference URI=""`, the enveloped transform and at
/// most one canonicalization. Signatures elsewhere are counted, not verified. The record
/// must name the participant and document type asked for (and list the process, and
/// publish the transport profile, when those are asked for); endpoints outside their
/// dates at `now` are left out and reported.
///
/// # Examples
/// ```
/// use trustmeta::{verify_smp, DateTime, DocumentId, ParticipantId, Policy, SmpQuestion, TrustStore};
/// let xml = include_bytes!("../../../tests/data/smp/signed/smp1-exc.xml");
/// let store = TrustStore::from_pem(include_bytes!("../../../tests/data/xmldsig-gen/pki/root.pem"))?;
/// let question = SmpQuestion::new(
///     ParticipantId::parse("iso6523-actorid-upis::0088:5798000000001")?,
///     DocumentId::parse("busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1")?,
/// );
/// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z")?;
/// let record = verify_smp(xml, &question, &store, &Policy::default(), now)?;
/// assert_eq!(record.endpoints()[0].uri, "https://ap.example.org/as4");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Xml`], [`Error::Dsig`], [`Error::Crypto`] and [`Error::Pki`] as
/// [`verify`](crate::verify); [`Error::Smp`] for a document that is not SMP, a signature
/// outside the SMP profile, a record for another question (replay), or no endpoint left.
pub fn verify_smp(
    xml: &[u8],
    question: &SmpQuestion,
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
) -> Result<VerifiedServiceMetadata, Error> {
    verify_smp_with(xml, question, store, policy, now, default_verifier())
}

/// [`verify_smp`] with a caller-chosen signature backend.
///
/// # Errors
/// As [`verify_smp`].
pub fn verify_smp_with(
    xml: &[u8],
    question: &SmpQuestion,
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedServiceMetadata, Error> {
    let checked = check(xml, store, policy, now, verifier, false)?;
    let report = checked.report.ok_or(DsigError::MissingSignature)?;
    let (version, metadata) = match checked.document {
        SmpDocument::Metadata(v, m) => (v, m),
        SmpDocument::Group(..) => {
            return Err(SmpError::UnknownDocument {
                root: "ServiceGroup (a ServiceMetadata record was expected)".to_string(),
            }
            .into())
        }
    };
    let mut out = VerifiedServiceMetadata {
        version,
        participant: None,
        document: None,
        endpoints: Vec::new(),
        filtered: Vec::new(),
        redirect: None,
        report,
        other_signatures: checked.other_signatures,
    };
    match metadata {
        // An SMP 1.x redirect names no identifiers: the target is bound instead.
        Metadata::Redirect(r) => out.redirect = Some(r),
        Metadata::Service {
            participant,
            document,
            groups,
        } => {
            bind(&participant, &document, question)?;
            answer(&groups, question, now, &mut out)?;
            out.participant = Some(participant);
            out.document = Some(document);
        }
    }
    Ok(out)
}

/// Verifies the record fetched from a redirect's `href`, as [`verify_smp`] does, and
/// checks that its signer is the one the redirect names: the subject DN of SMP 1.x's
/// `CertificateUID` (compared order-, case- and space-insensitively) or its subject
/// serialNumber, or in SMP 2.0 one of the redirect's certificates. A redirect names the
/// only SMP that may answer for it.
///
/// # Errors
/// As [`verify_smp`]; [`SmpError::RedirectSignerMismatch`] for another signer,
/// [`SmpError::DoubleRedirect`] when the target redirects again.
pub fn verify_smp_redirect_target(
    xml: &[u8],
    question: &SmpQuestion,
    redirect: &Redirect,
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
) -> Result<VerifiedServiceMetadata, Error> {
    verify_smp_redirect_target_with(
        xml,
        question,
        redirect,
        store,
        policy,
        now,
        default_verifier(),
    )
}

/// [`verify_smp_redirect_target`] with a caller-chosen signature backend.
///
/// # Errors
/// As [`verify_smp_redirect_target`].
pub fn verify_smp_redirect_target_with(
    xml: &[u8],
    question: &SmpQuestion,
    redirect: &Redirect,
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedServiceMetadata, Error> {
    let target = verify_smp_with(xml, question, store, policy, now, verifier)?;
    if let Some(again) = &target.redirect {
        return Err(SmpError::DoubleRedirect {
            href: again.href.clone(),
        }
        .into());
    }
    let signer = target.report.signer.as_ref();
    let by_uid = redirect.certificate_uid.as_deref().is_some_and(|uid| {
        signer.is_some_and(|c| {
            c.subject_matches(uid)
                || c.subject_attributes()
                    .iter()
                    .any(|(oid, v)| oid == "2.5.4.5" && v.trim().eq_ignore_ascii_case(uid.trim()))
        })
    });
    let by_cert = redirect
        .certificates
        .iter()
        .any(|c| signer.is_some_and(|s| s.der() == c.der.as_slice()));
    if !(by_uid || by_cert) {
        let expected = match &redirect.certificate_uid {
            Some(uid) => uid.clone(),
            None if redirect.certificates.is_empty() => "no certificate".to_string(),
            None => redirect
                .certificates
                .iter()
                .map(|c| alloc::format!("sha256:{}", c.sha256_hex()))
                .collect::<Vec<_>>()
                .join(" or "),
        };
        return Err(SmpError::RedirectSignerMismatch {
            expected,
            found: signer.map_or_else(|| "a bare key".to_string(), |c| c.subject().to_string()),
        }
        .into());
    }
    Ok(target)
}

/// Verifies an SMP ServiceGroup for `participant`. ServiceGroups are usually unsigned;
/// an unsigned one is accepted only with [`ServiceGroupQuestion::allow_unsigned`], and a
/// signed one must pass the same signature profile as a ServiceMetadata record.
///
/// # Errors
/// As [`verify_smp`]; [`DsigError::MissingSignature`] for an unsigned group by default;
/// [`SmpError::ParticipantMismatch`] for another participant's group.
pub fn verify_service_group(
    xml: &[u8],
    question: &ServiceGroupQuestion,
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
) -> Result<VerifiedServiceGroup, Error> {
    verify_service_group_with(xml, question, store, policy, now, default_verifier())
}

/// [`verify_service_group`] with a caller-chosen signature backend.
///
/// # Errors
/// As [`verify_service_group`].
pub fn verify_service_group_with(
    xml: &[u8],
    question: &ServiceGroupQuestion,
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedServiceGroup, Error> {
    let participant = &question.participant;
    let checked = check(xml, store, policy, now, verifier, question.allow_unsigned)?;
    match checked.document {
        SmpDocument::Group(version, found, references) => {
            if !question.identifiers.participants_equal(participant, &found) {
                return Err(SmpError::ParticipantMismatch {
                    asked: participant.to_string(),
                    found: found.to_string(),
                }
                .into());
            }
            Ok(VerifiedServiceGroup {
                version,
                participant: found,
                references,
                report: checked.report,
                other_signatures: checked.other_signatures,
            })
        }
        SmpDocument::Metadata(..) => Err(SmpError::UnknownDocument {
            root: "ServiceMetadata (a ServiceGroup was expected)".to_string(),
        }
        .into()),
    }
}

struct Checked {
    document: SmpDocument,
    report: Option<VerificationReport>,
    other_signatures: usize,
}

/// Parses, verifies the root-level signature under the SMP profile, and reads.
fn check(
    xml: &[u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
    allow_unsigned: bool,
) -> Result<Checked, Error> {
    let mut scratch = crate::c14n::Pooled::take();
    let doc = xml::parse_in(xml, &policy.limits, &mut scratch)?;
    let ids = IdIndex::build(&doc, policy.id_attributes)?;
    let root = Unverified::root(&doc);
    let kind = read::classify(root)?;
    let root_sigs: Vec<Unverified<'_, '_>> = root.signatures().collect();
    let other_signatures = Unverified::all_signatures(&doc).count() - root_sigs.len();
    let (document, report) = match root_sigs.as_slice() {
        // Read as content only because the policy names that acceptance.
        [] if allow_unsigned && matches!(kind, Kind::Group(_)) => {
            (read::read(accepted_unsigned(root), kind)?, None)
        }
        [] => return Err(DsigError::MissingSignature.into()),
        [sig] => {
            check_profile(*sig)?;
            let cx = crate::dsig::verify::Context {
                store,
                policy,
                now,
                verifier,
                document_element: None,
                allow_object: false,
                allow_manifest: false,
                pre_check: None,
            };
            let outcome =
                verify_signature(&doc, &ids, *sig, &cx, &mut scratch).map_err(object_refused)?;
            // What was verified is the whole document element minus this signature.
            let signed = outcome
                .signed(&doc, root.id())
                .filter(|_| outcome.covers_exactly(root.id(), sig.id()))
                .ok_or_else(|| SmpError::SignatureProfile {
                    reason: "the signature does not cover exactly the document element".to_string(),
                })?;
            (
                read::read(signed, kind)?,
                Some(report_of(&doc, &outcome, now)),
            )
        }
        more => {
            return Err(DsigError::TooManySignatures {
                found: more.len(),
                limit: 1,
            }
            .into())
        }
    };
    Ok(Checked {
        document,
        report,
        other_signatures,
    })
}

/// The SMP profile has no use for `ds:Object`: its refusal is the profile's.
fn object_refused(e: Error) -> Error {
    match e {
        Error::Dsig(DsigError::ObjectRefused) => SmpError::SignatureProfile {
            reason: "the signature carries a ds:Object, which the SMP profile has no use for"
                .to_string(),
        }
        .into(),
        other => other,
    }
}

/// The SMP signature profile, checked on the structure before any cryptography.
fn check_profile(sig: Unverified<'_, '_>) -> Result<(), SmpError> {
    let bad = |reason: &str| SmpError::SignatureProfile {
        reason: reason.to_string(),
    };
    if sig.has_following_element() {
        return Err(bad(
            "the signature is not the last child of the document element",
        ));
    }
    let signed_info = sig
        .children_named(NS_DS, "SignedInfo")
        .next()
        .ok_or_else(|| bad("no SignedInfo"))?;
    let mut refs = signed_info.children_named(NS_DS, "Reference");
    let (Some(reference), None) = (refs.next(), refs.next()) else {
        return Err(bad("SignedInfo must hold exactly one Reference"));
    };
    if reference.attribute("URI") != Some("") {
        return Err(bad("the Reference URI must be \"\" (the whole document)"));
    }
    // The first three transforms tell: the profile allows two at most.
    let mut transforms = reference
        .children_named(NS_DS, "Transforms")
        .flat_map(|t| t.children_named(NS_DS, "Transform"))
        .map(|t| t.attribute("Algorithm").unwrap_or(""));
    let first = [transforms.next(), transforms.next(), transforms.next()];
    let c14n_ok = |uri: &str| C14nAlgorithm::from_uri(uri).is_some_and(|a| !a.with_comments);
    match first {
        [Some(ENVELOPED), None, None] => Ok(()),
        [Some(ENVELOPED), Some(c), None] if c14n_ok(c) => Ok(()),
        _ => Err(bad(
            "the transforms must be enveloped-signature and at most one canonicalization",
        )),
    }
}

/// The record must be about what was asked (invariant 8: anything else is a replay).
fn bind(
    participant: &ParticipantId,
    document: &DocumentId,
    q: &SmpQuestion,
) -> Result<(), SmpError> {
    let ids = &q.identifiers;
    if !ids.participants_equal(&q.participant, participant) {
        return Err(SmpError::ParticipantMismatch {
            asked: q.participant.to_string(),
            found: participant.to_string(),
        });
    }
    if !ids.documents_equal(&q.document, document) {
        return Err(SmpError::DocumentMismatch {
            asked: q.document.to_string(),
            found: document.to_string(),
        });
    }
    Ok(())
}

/// Picks the process groups, the endpoints and their dates that answer the question.
fn answer(
    groups: &[ProcessGroup],
    q: &SmpQuestion,
    now: DateTime,
    out: &mut VerifiedServiceMetadata,
) -> Result<(), SmpError> {
    let ids = &q.identifiers;
    let selected: Vec<&ProcessGroup> = match &q.process {
        None => groups.iter().collect(),
        Some(p) => {
            let named: Vec<&ProcessGroup> = groups
                .iter()
                .filter(|g| g.processes.iter().any(|x| ids.processes_equal(p, x)))
                .collect();
            if named.is_empty() {
                // SMP 2.0: a ProcessMetadata without Process applies to every process.
                let any: Vec<&ProcessGroup> = groups
                    .iter()
                    .filter(|g| g.processes.is_empty() && out.version == SmpVersion::Oasis2)
                    .collect();
                if any.is_empty() {
                    return Err(SmpError::ProcessMismatch {
                        asked: p.to_string(),
                    });
                }
                any
            } else {
                named
            }
        }
    };
    let candidates: Vec<&Endpoint> = selected
        .iter()
        .flat_map(|g| g.endpoints.iter())
        .filter(|e| {
            q.transport_profile
                .as_deref()
                .is_none_or(|tp| e.transport_profile == tp.trim())
        })
        .collect();
    if candidates.is_empty() {
        if let Some(r) = selected.iter().find_map(|g| g.redirect.as_ref()) {
            out.redirect = Some(r.clone());
            return Ok(());
        }
        if let Some(tp) = &q.transport_profile {
            return Err(SmpError::TransportProfileNotFound { asked: tp.clone() });
        }
        return Ok(());
    }
    for e in candidates {
        match e.inactive_at(now) {
            None => out.endpoints.push(e.clone()),
            Some(reason) => out.filtered.push(FilteredEndpoint {
                endpoint: e.clone(),
                reason,
            }),
        }
    }
    if out.endpoints.is_empty() {
        return Err(SmpError::NoActiveEndpoint {
            transport_profile: q.transport_profile.clone(),
            reasons: out.filtered.iter().map(|f| f.reason.clone()).collect(),
        });
    }
    Ok(())
}
