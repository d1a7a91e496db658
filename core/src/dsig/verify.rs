//! Checking one signature: SignedInfo's value under a trusted key, then every Reference.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::model::{parse_signature, KeyInfoHints, Reference, SignatureModel, Transform};
use super::view::{SignedElement, Unverified};
use super::DsigError;
use crate::c14n::{self, C14nAlgorithm, C14nMethod};
use crate::crypto::{
    CryptoError, DigestAlgorithm, KeyKind, PublicKey, SignatureAlgorithm, SignatureVerifier,
};
use crate::error::Error;
use crate::pki::{check_signer, Certificate, PkiError, TrustStore};
use crate::policy::Policy;
use crate::time::DateTime;
use crate::xml::{Document, IdIndex, NodeId};

type Node<'a, 'x> = crate::xml::Node<'a, 'x>;

/// What one verified signature covers and who made it.
pub(crate) struct SignatureOutcome {
    pub(crate) method: SignatureAlgorithm,
    pub(crate) c14n: C14nAlgorithm,
    pub(crate) signer_key: KeyKind,
    pub(crate) chain: Vec<Certificate>,
    pub(crate) pinned: bool,
    pub(crate) references: Vec<CoveredReference>,
    pub(crate) legacy: Vec<&'static str>,
}

impl SignatureOutcome {
    /// The signed view of `element`, when a verified Reference covers it.
    pub(crate) fn signed<'a, 'x>(
        &'a self,
        doc: &'a Document<'x>,
        element: NodeId,
    ) -> Option<SignedElement<'a, 'x>> {
        let r = self.references.iter().find(|r| r.target == element)?;
        doc.get_node(element)
            .map(|n| SignedElement::new(n, &r.excluded))
    }

    /// Whether the signature `sig` covers exactly `element` and nothing else: one
    /// Reference, to `element`, whose transforms exclude `sig` alone (enveloped). The
    /// profile rule of SAML, SMP, metadata, ELMO and trusted lists: any other shape is
    /// how wrapping attacks move the signed content away from what is read.
    pub(crate) fn covers_exactly(&self, element: NodeId, sig: NodeId) -> bool {
        matches!(self.references.as_slice(), [r] if r.covers_enveloped(element, sig))
    }
}

impl CoveredReference {
    /// Whether this Reference covers `element` minus the signature `sig` (enveloped).
    pub(crate) fn covers_enveloped(&self, element: NodeId, sig: NodeId) -> bool {
        self.target == element && self.excluded.as_slice() == [sig]
    }
}

/// A verified Reference: the node it covers and the subtrees its transforms removed.
pub(crate) struct CoveredReference {
    pub(crate) uri: String,
    pub(crate) target: crate::xml::NodeId,
    pub(crate) excluded: Vec<crate::xml::NodeId>,
    pub(crate) digest: DigestAlgorithm,
    pub(crate) transforms: Vec<&'static str>,
    /// The Reference's `Type` attribute: XAdES tells its SignedProperties reference
    /// apart by it, so a profile that needs one can check it.
    pub(crate) type_uri: Option<String>,
}

pub(crate) struct Context<'p> {
    pub(crate) store: &'p TrustStore,
    pub(crate) policy: &'p Policy,
    pub(crate) now: DateTime,
    pub(crate) verifier: &'p dyn SignatureVerifier,
    /// What `URI=""` means for this signature: the document (`None`), or the element a
    /// profile says was the document when the signature was made (an embedded, formerly
    /// standalone record such as the eHealth owner-signed ServiceInformation).
    pub(crate) document_element: Option<crate::xml::NodeId>,
    /// Whether the profile accepts `ds:Object` in the signature (trusted lists carry
    /// their XAdES properties there; no other profile uses one).
    pub(crate) allow_object: bool,
    /// A profile's own rule on the signature and canonicalization methods, checked with
    /// the policy's before any cryptography runs.
    #[allow(clippy::type_complexity)]
    pub(crate) pre_check:
        Option<&'p dyn Fn(SignatureAlgorithm, C14nAlgorithm) -> Result<(), Error>>,
}

/// Verifies the Signature element `sig` of `doc`.
pub(crate) fn verify_signature(
    doc: &Document<'_>,
    ids: &IdIndex<'_>,
    sig: Unverified<'_, '_>,
    cx: &Context<'_>,
) -> Result<SignatureOutcome, Error> {
    let policy = cx.policy;
    let sig = sig.node();
    let model = parse_signature(sig, policy.max_references, policy.max_transforms)?;
    if model.objects > 0 && !cx.allow_object {
        return Err(DsigError::ObjectRefused.into());
    }
    let mut legacy = check_algorithms(&model, policy)?;
    if let Some(check) = cx.pre_check {
        check(model.method, model.c14n)?;
    }
    let signed_info = canonical_signed_info(&model);

    // Every Reference must resolve to something we would digest before any cryptography
    // runs, so an external or dangling URI is reported as what it is.
    let mut targets = Vec::with_capacity(model.references.len());
    for r in &model.references {
        let mut target = dereference(doc, ids, r.uri)?;
        if let (Some(root), true) = (
            cx.document_element.and_then(|id| doc.get_node(id)),
            target.0.is_root(),
        ) {
            target.0 = root;
        }
        targets.push(target);
    }

    let (signer_key, chain, pinned) = find_trusted_signer(&model, &signed_info, cx)?;

    let mut references = Vec::with_capacity(model.references.len());
    for (r, target) in model.references.iter().zip(targets) {
        references.push(check_reference(doc, &model, r, target)?);
    }
    note_sha1_certificates(&chain, &mut legacy);
    Ok(SignatureOutcome {
        method: model.method,
        c14n: model.c14n,
        signer_key,
        chain,
        pinned,
        references,
        legacy,
    })
}

/// What a SignedInfo verified on its own says: the References it asks a caller to
/// digest (a streaming caller computes them itself), and who signed.
pub(crate) struct SignedInfoOutcome<'a, 'x> {
    pub(crate) model: SignatureModel<'a, 'x>,
    pub(crate) signer_key: KeyKind,
    pub(crate) chain: Vec<Certificate>,
    pub(crate) pinned: bool,
    pub(crate) legacy: Vec<&'static str>,
}

/// Checks the algorithms and the SignatureValue of `sig` under `cx`, leaving the
/// References to the caller: the streaming verifier digests the document as it reads it.
pub(crate) fn verify_signed_info<'a, 'x>(
    sig: Node<'a, 'x>,
    cx: &Context<'_>,
) -> Result<SignedInfoOutcome<'a, 'x>, Error> {
    let model = parse_signature(sig, cx.policy.max_references, cx.policy.max_transforms)?;
    if model.objects > 0 && !cx.allow_object {
        return Err(DsigError::ObjectRefused.into());
    }
    let mut legacy = check_algorithms(&model, cx.policy)?;
    if let Some(check) = cx.pre_check {
        check(model.method, model.c14n)?;
    }
    let signed_info = canonical_signed_info(&model);
    let (signer_key, chain, pinned) = find_trusted_signer(&model, &signed_info, cx)?;
    note_sha1_certificates(&chain, &mut legacy);
    Ok(SignedInfoOutcome {
        model,
        signer_key,
        chain,
        pinned,
        legacy,
    })
}

/// Algorithm policy first: a refused algorithm is reported as such, before any
/// cryptography could succeed with it.
fn check_algorithms(
    model: &SignatureModel<'_, '_>,
    policy: &Policy,
) -> Result<Vec<&'static str>, Error> {
    let mut legacy = Vec::new();
    if model.method.digest() == Some(DigestAlgorithm::Sha1) {
        if !policy.allow_sha1 {
            return Err(DsigError::AlgorithmRefused {
                uri: model.method.uri().to_string(),
            }
            .into());
        }
        legacy.push(model.method.name());
    }
    if model.method.is_pkcs1v15() && !policy.allow_rsa_pkcs1v15 {
        return Err(DsigError::AlgorithmRefused {
            uri: model.method.uri().to_string(),
        }
        .into());
    }
    for r in &model.references {
        if r.digest == DigestAlgorithm::Sha1 {
            if !policy.allow_sha1 {
                return Err(DsigError::AlgorithmRefused {
                    uri: r.digest.uri().to_string(),
                }
                .into());
            }
            if !legacy.contains(&"sha1") {
                legacy.push("sha1");
            }
        }
    }
    Ok(legacy)
}

/// SignedInfo, canonicalized from the same parsed tree (invariant 3).
fn canonical_signed_info(model: &SignatureModel<'_, '_>) -> Vec<u8> {
    let opts = c14n::Options {
        method: model.c14n.method,
        with_comments: model.c14n.with_comments,
        inclusive_prefixes: &model.c14n_prefixes,
    };
    c14n::canonicalize(model.signed_info, opts, &[], Vec::with_capacity(1024))
}

fn note_sha1_certificates(chain: &[Certificate], legacy: &mut Vec<&'static str>) {
    if chain.iter().any(|c| {
        c.signature_algorithm().and_then(SignatureAlgorithm::digest) == Some(DigestAlgorithm::Sha1)
    }) && !legacy.contains(&"sha1-certificate")
    {
        legacy.push("sha1-certificate");
    }
}

enum Candidate<'s> {
    Cert(&'s Certificate),
    Key(&'s PublicKey),
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&x| x == 0).count();
    &b[n.min(b.len().saturating_sub(1))..]
}

/// Certificates the KeyInfo selectors name, looked up among what the caller supplied.
fn selected<'s>(hints: &KeyInfoHints, store: &'s TrustStore) -> Vec<&'s Certificate> {
    let mut out = Vec::new();
    for c in store.certificates().iter().chain(store.intermediates()) {
        let by_is = hints
            .issuer_serials
            .iter()
            .any(|(n, s)| c.issuer_matches(n) && strip_zeros(s) == strip_zeros(c.serial()));
        let by_subject = hints.subject_names.iter().any(|n| c.subject_matches(n));
        let by_digest = hints
            .digests
            .iter()
            .any(|(alg, d)| alg.digest(c.der()).as_bytes() == d.as_slice());
        if by_is || by_subject || by_digest {
            out.push(c);
        }
    }
    out
}

/// Tries the keys the document hints at and the ones the caller pinned; the first whose
/// signature verifies *and* is trusted wins. The most telling failure is reported.
fn find_trusted_signer(
    model: &SignatureModel<'_, '_>,
    signed_info: &[u8],
    cx: &Context<'_>,
) -> Result<(KeyKind, Vec<Certificate>, bool), Error> {
    if cx.store.is_empty() {
        return Err(PkiError::EmptyTrustStore.into());
    }
    let hints = &model.key_info;
    // A KeyInfo certificate the caller already supplied is taken from the store as parsed
    // there; only unknown ones are parsed here (and may only help build a path).
    let mut known: Vec<&Certificate> = Vec::new();
    let mut doc_certs: Vec<Certificate> = Vec::new();
    for der in &hints.certificate_ders {
        let mut supplied = cx
            .store
            .certificates()
            .iter()
            .chain(cx.store.intermediates());
        match supplied.find(|c| c.der() == der.as_slice()) {
            Some(c) => known.push(c),
            None => {
                doc_certs.push(Certificate::from_der(der).map_err(DsigError::KeyInfoCertificate)?)
            }
        }
    }
    let mut candidates: Vec<Candidate<'_>> = Vec::new();
    candidates.extend(known.iter().copied().map(Candidate::Cert));
    candidates.extend(doc_certs.iter().map(Candidate::Cert));
    candidates.extend(selected(hints, cx.store).into_iter().map(Candidate::Cert));
    candidates.extend(cx.store.certificates().iter().map(Candidate::Cert));
    candidates.extend(cx.store.keys().iter().map(Candidate::Key));

    // A bare key in KeyInfo is trusted only if it equals a pinned key (invariant 1): when
    // the document names its key that way and no pinned key is it, the signer is unknown.
    if hints.certificate_ders.is_empty() && !hints.key_values.is_empty() {
        let pinned_keys = cx.store.keys().iter().chain(
            cx.store
                .certificates()
                .iter()
                .filter_map(Certificate::public_key),
        );
        let known = pinned_keys
            .into_iter()
            .any(|k| hints.key_values.iter().any(|v| v.equals(k)));
        if !known {
            return Err(PkiError::UntrustedSigner { subject: None }.into());
        }
    }
    let path_cx = crate::pki::path_context(cx.now, cx.verifier, cx.policy);
    let mut trust_err: Option<Error> = None;
    let mut weak: Option<Error> = None;
    let mut bad_sig: Option<Error> = None;
    let mut tried: Vec<&[u8]> = Vec::new();
    for cand in candidates.iter().take(cx.policy.max_key_candidates) {
        let key = match cand {
            Candidate::Cert(c) => match c.public_key() {
                Some(k) => k,
                None => continue,
            },
            Candidate::Key(k) => k,
        };
        if let Candidate::Cert(c) = cand {
            if tried.contains(&c.der()) {
                continue;
            }
            tried.push(c.der());
        }
        if key.kind().family() != model.method.key_family() {
            continue;
        }
        if let Err(e) = cx.policy.check_key(key) {
            weak.get_or_insert(e.into());
            continue;
        }
        match cx
            .verifier
            .verify(model.method, key, signed_info, &model.signature_value)
        {
            Ok(()) => {}
            // A key of another size or curve than the signature: not this candidate.
            Err(CryptoError::KeyMismatch { .. } | CryptoError::MalformedSignature) => continue,
            Err(e) => {
                bad_sig.get_or_insert(e.into());
                continue;
            }
        }
        match cand {
            Candidate::Key(k) => return Ok((k.kind(), Vec::new(), true)),
            Candidate::Cert(c) => match check_signer(c, &doc_certs, cx.store, &path_cx) {
                Ok(t) => return Ok((key.kind(), t.chain, t.pinned)),
                Err(e) => {
                    trust_err.get_or_insert(e.into());
                }
            },
        }
    }
    Err(trust_err
        .or(weak)
        .or(bad_sig)
        .unwrap_or_else(|| PkiError::UntrustedSigner { subject: None }.into()))
}

/// Resolves a same-document URI to the node it selects and whether comments stay in.
fn dereference<'a, 'x>(
    doc: &'a crate::xml::Document<'x>,
    ids: &IdIndex<'_>,
    uri: &str,
) -> Result<(Node<'a, 'x>, bool), DsigError> {
    let by_id = |id: &str| -> Result<Node<'a, 'x>, DsigError> {
        ids.get(id)
            .and_then(|n| doc.get_node(n))
            .ok_or_else(|| DsigError::ReferenceNotFound { id: id.to_string() })
    };
    if uri.is_empty() {
        return Ok((doc.root(), false));
    }
    let Some(frag) = uri.strip_prefix('#') else {
        return Err(DsigError::UnsupportedReferenceUri {
            uri: uri.to_string(),
        });
    };
    if frag == "xpointer(/)" {
        return Ok((doc.root(), true));
    }
    if let Some(inner) = frag
        .strip_prefix("xpointer(id(")
        .and_then(|s| s.strip_suffix("))"))
    {
        let id = inner
            .strip_prefix('\'')
            .and_then(|s| s.strip_suffix('\''))
            .or_else(|| inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')))
            .ok_or_else(|| DsigError::UnsupportedReferenceUri {
                uri: uri.to_string(),
            })?;
        return Ok((by_id(id)?, true));
    }
    if frag.is_empty() || frag.contains(['(', ')', '/', ' ', '#']) {
        return Err(DsigError::UnsupportedReferenceUri {
            uri: uri.to_string(),
        });
    }
    Ok((by_id(frag)?, false))
}

/// Applies `r`'s transforms to `target` (removing `also_excluded` as well) and tells
/// whether the digest matches, with the subtrees the transforms removed.
fn digest_reference<'a, 'x>(
    doc: &'a crate::xml::Document<'x>,
    model: &SignatureModel<'_, '_>,
    r: &Reference<'_, '_>,
    target: Node<'a, 'x>,
    keep_comments: bool,
    also_excluded: &[NodeId],
) -> Result<(bool, Vec<NodeId>), Error> {
    let mut excluded = also_excluded.to_vec();
    let mut final_c14n: Option<(C14nAlgorithm, &[String])> = None;
    for t in &r.transforms {
        if final_c14n.is_some() {
            // Canonicalization yields octets; a further transform would need re-parsing.
            return Err(DsigError::UnsupportedTransform {
                uri: "a transform after canonicalization".to_string(),
            }
            .into());
        }
        match t {
            Transform::Enveloped => excluded.push(model.node.id()),
            Transform::XPathNoSignatures => {
                for s in doc.descendants().filter(super::view::is_signature) {
                    excluded.push(s.id());
                }
            }
            Transform::C14n(a, p) => final_c14n = Some((*a, p.as_slice())),
        }
    }
    // In document order, once each, as the canonicalizer walks them.
    excluded.sort_unstable();
    excluded.dedup();
    let (alg, prefixes) = final_c14n.unwrap_or((
        C14nAlgorithm {
            method: C14nMethod::Inclusive10,
            with_comments: false,
        },
        &[],
    ));
    let opts = c14n::Options {
        method: alg.method,
        with_comments: alg.with_comments && keep_comments,
        inclusive_prefixes: prefixes,
    };
    let digest = c14n::canonicalize(target, opts, &excluded, r.digest.hasher()).finish();
    Ok((digest.as_bytes() == r.digest_value.as_slice(), excluded))
}

/// Whether the one `URI=""` Reference of `sig` digests `target` with `also_excluded`
/// removed besides what its transforms remove. Only for naming, in a refusal, what a
/// signature that failed a profile's reading covers instead: it never makes a signature
/// count, and it is called after that signature's value verified.
pub(crate) fn whole_document_reference_digests(
    doc: &Document<'_>,
    sig: Unverified<'_, '_>,
    target: NodeId,
    also_excluded: &[NodeId],
    policy: &Policy,
) -> bool {
    let (Ok(model), Some(target)) = (
        parse_signature(sig.node(), policy.max_references, policy.max_transforms),
        doc.get_node(target),
    ) else {
        return false;
    };
    match model.references.as_slice() {
        [r] if r.uri.is_empty() => {
            digest_reference(doc, &model, r, target, false, also_excluded).is_ok_and(|(ok, _)| ok)
        }
        _ => false,
    }
}

fn check_reference<'a, 'x>(
    doc: &'a crate::xml::Document<'x>,
    model: &SignatureModel<'_, '_>,
    r: &Reference<'_, '_>,
    (target, keep_comments): (Node<'a, 'x>, bool),
) -> Result<CoveredReference, Error> {
    let (digest_ok, excluded) = digest_reference(doc, model, r, target, keep_comments, &[])?;
    if !digest_ok {
        return Err(DsigError::DigestMismatch {
            uri: r.uri.to_string(),
        }
        .into());
    }
    let target_id = if target.is_root() {
        doc.root_element().id()
    } else {
        target.id()
    };
    Ok(CoveredReference {
        uri: r.uri.to_string(),
        target: target_id,
        excluded,
        digest: r.digest,
        transforms: r.transforms.iter().map(Transform::name).collect(),
        type_uri: r.node.attribute("Type").map(ToString::to_string),
    })
}
