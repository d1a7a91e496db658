//! Checking one signature: SignedInfo's value under a trusted key, then every Reference.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::model::{
    parse_signature, KeyInfoHints, Reference, SignatureModel, Transform, MAX_TRANSFORMS,
};
use super::view::{SignedElement, Unverified};
use super::DsigError;
use crate::c14n::{self, C14nAlgorithm, C14nMethod};
use crate::crypto::{
    CryptoError, Curve, DigestAlgorithm, KeyFamily, KeyKind, PublicKey, SignatureAlgorithm,
    SignatureVerifier,
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
    pub(crate) transforms: heapless::Vec<&'static str, MAX_TRANSFORMS>,
    /// The Reference's `Type` attribute: XAdES tells its SignedProperties reference
    /// apart by it, so a profile that needs one can check it.
    pub(crate) type_uri: Option<String>,
    /// Whether it covers a `ds:Manifest`, whose own References were not checked.
    pub(crate) manifest: bool,
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
    /// Whether a Reference may cover a `ds:Manifest` (reported as such, its own
    /// References unchecked); profiles that expect none refuse one.
    pub(crate) allow_manifest: bool,
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
    scratch: &mut c14n::Scratch,
) -> Result<SignatureOutcome, Error> {
    let policy = cx.policy;
    let sig = sig.node();
    let mut model = parse_signature(sig, policy.max_references, policy.max_transforms)?;
    follow_retrievals(&mut model, Some((doc, ids)))?;
    if model.objects > 0 && !cx.allow_object {
        return Err(DsigError::ObjectRefused.into());
    }
    let mut legacy = check_algorithms(&model, policy)?;
    if let Some(check) = cx.pre_check {
        check(model.method, model.c14n)?;
    }
    // SignedInfo and every Reference are canonicalized in the same arrays, the
    // caller's (which read the document in them, when it was parsed for this).
    let signed_info = canonical_signed_info(&model, scratch);

    let target_of = |r: &Reference<'_, '_>| {
        let mut target = dereference(doc, ids, r.uri)?;
        if let (Some(root), true) = (
            cx.document_element.and_then(|id| doc.get_node(id)),
            target.0.is_root(),
        ) {
            target.0 = root;
        }
        Ok::<_, DsigError>(target)
    };
    // Every Reference must resolve to something we would digest before any cryptography
    // runs, so an external or dangling URI is reported as what it is. The targets are
    // looked up again below rather than kept: a lookup in the ID index costs less than
    // an array of them.
    for r in &model.references {
        target_of(r)?;
    }

    // The References are digested now, in the arrays SignedInfo was canonicalized in,
    // and judged after the signature, so their refusals still come after the
    // signature's. Without `std` (a token, whose heap is small) the arrays are given
    // back before the signature check needs memory of its own; with it they stay, for
    // the thread's next verification (`c14n::Pooled`).
    let digested: Vec<Result<CoveredReference, Error>> = model
        .references
        .iter()
        .map(|r| {
            let target = target_of(r)?;
            let mut covered = check_reference(doc, &model, r, target, scratch)?;
            covered.manifest = is_manifest(r, target.0);
            Ok(covered)
        })
        .collect();
    #[cfg(not(feature = "std"))]
    drop(core::mem::take(scratch));

    let (signer_key, chain, pinned) = find_trusted_signer(&model, &signed_info, cx)?;

    // Collected in the array the digests were kept in.
    let references = digested
        .into_iter()
        .zip(&model.references)
        .map(|(covered, r)| {
            let covered = covered?;
            if covered.manifest && !cx.allow_manifest {
                return Err(DsigError::ManifestRefused {
                    uri: r.uri.to_string(),
                }
                .into());
            }
            Ok(covered)
        })
        .collect::<Result<Vec<_>, Error>>()?;
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
    let mut model = parse_signature(sig, cx.policy.max_references, cx.policy.max_transforms)?;
    follow_retrievals(&mut model, None)?;
    if model.objects > 0 && !cx.allow_object {
        return Err(DsigError::ObjectRefused.into());
    }
    let mut legacy = check_algorithms(&model, cx.policy)?;
    if let Some(check) = cx.pre_check {
        check(model.method, model.c14n)?;
    }
    let signed_info = canonical_signed_info(&model, &mut c14n::Pooled::take());
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
fn canonical_signed_info(model: &SignatureModel<'_, '_>, scratch: &mut c14n::Scratch) -> Vec<u8> {
    let opts = c14n::Options {
        method: model.c14n.method,
        with_comments: model.c14n.with_comments,
        inclusive_prefixes: &model.c14n_prefixes,
    };
    c14n::canonicalize_with(
        model.signed_info,
        opts,
        &[],
        Vec::with_capacity(1024),
        scratch,
    )
}

fn note_sha1_certificates(chain: &[Certificate], legacy: &mut Vec<&'static str>) {
    if chain.iter().any(|c| {
        c.signature_algorithm().and_then(SignatureAlgorithm::digest) == Some(DigestAlgorithm::Sha1)
    }) && !legacy.contains(&"sha1-certificate")
    {
        legacy.push("sha1-certificate");
    }
}

#[derive(Clone, Copy)]
enum Candidate<'s> {
    Cert(&'s Certificate),
    Key(&'s PublicKey),
}

impl Candidate<'_> {
    /// The same certificate (by its bytes) or the same bare key.
    fn same(&self, other: &Candidate<'_>) -> bool {
        match (self, other) {
            (Candidate::Cert(a), Candidate::Cert(b)) => a.der() == b.der(),
            (Candidate::Key(a), Candidate::Key(b)) => a == b,
            _ => false,
        }
    }
}

/// The candidates tried so far against one signature: the first few in place, as a
/// document usually names one key and a store holds a handful, the rest on the heap.
#[derive(Default)]
struct Tried<'s> {
    first: heapless::Vec<Candidate<'s>, 8>,
    more: Vec<Candidate<'s>>,
}

impl<'s> Tried<'s> {
    /// Notes `c`; whether it was not tried before.
    fn first_time(&mut self, c: &Candidate<'s>) -> bool {
        if self.first.iter().chain(&self.more).any(|t| t.same(c)) {
            return false;
        }
        if let Err(c) = self.first.push(*c) {
            self.more.push(c);
        }
        true
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&x| x == 0).count();
    &b[n.min(b.len().saturating_sub(1))..]
}

/// Certificates the KeyInfo selectors name, looked up among what the caller supplied.
fn selected<'s>(
    hints: &KeyInfoHints,
    store: &'s TrustStore,
    policy: &Policy,
) -> Vec<&'s Certificate> {
    let mut out = Vec::new();
    for c in store.certificates().iter().chain(store.intermediates()) {
        let by_is = hints
            .issuer_serials
            .iter()
            .any(|(n, s)| c.issuer_matches(n) && strip_zeros(s) == strip_zeros(c.serial()));
        let by_subject = hints.subject_names.iter().any(|n| c.subject_matches(n));
        // A SHA-1 digest selects only where the policy accepts SHA-1 at all.
        let by_digest = hints
            .digests
            .iter()
            .filter(|(alg, _)| *alg != DigestAlgorithm::Sha1 || policy.allow_sha1)
            .any(|(alg, d)| alg.digest(c.der()).as_bytes() == d.as_slice());
        let by_ski = c
            .subject_key_identifier()
            .is_some_and(|id| hints.skis.iter().any(|s| s.as_slice() == id));
        if by_is || by_subject || by_digest || by_ski {
            out.push(c);
        }
    }
    out
}

/// Whether `KeyInfo` names a key in any way this verifier follows.
fn names_a_key(h: &KeyInfoHints) -> bool {
    !(h.certificate_ders.is_empty()
        && h.issuer_serials.is_empty()
        && h.subject_names.is_empty()
        && h.digests.is_empty()
        && h.skis.is_empty()
        && h.key_values.is_empty())
}

/// What `KeyInfo` named, for a refusal that says which key was not found.
fn describe_hints(h: &KeyInfoHints) -> String {
    let hex = crate::encoding::hex_lower;
    let mut parts: Vec<String> = Vec::new();
    parts.extend(h.skis.iter().map(|s| alloc::format!("X509SKI {}", hex(s))));
    parts.extend(
        h.issuer_serials
            .iter()
            .map(|(n, s)| alloc::format!("X509IssuerSerial {n} / 0x{}", hex(strip_zeros(s)))),
    );
    parts.extend(
        h.subject_names
            .iter()
            .map(|n| alloc::format!("X509SubjectName {n}")),
    );
    parts.extend(h.digests.iter().map(|(a, d)| match a {
        DigestAlgorithm::Sha1 => {
            alloc::format!(
                "X509Digest sha1 {} (SHA-1 selects only with allow_sha1)",
                hex(d)
            )
        }
        _ => alloc::format!("X509Digest {} {}", a.name(), hex(d)),
    }));
    if parts.len() > 4 {
        let more = parts.len() - 4;
        parts.truncate(4);
        parts.push(alloc::format!("{more} more"));
    }
    parts.join(", ")
}

/// Whether a signature value of `len` bytes has the shape `method` gives with *some*
/// key: anything else is malformed whatever the key (a DER-encoded or over-padded ECDSA
/// value, an Ed25519 value of another length).
fn well_formed(method: SignatureAlgorithm, len: usize) -> bool {
    match method.key_family() {
        KeyFamily::Ec => ecdsa_curve(len).is_some(),
        KeyFamily::Ed25519 => len == 64,
        // 1024 to 16384-bit moduli.
        KeyFamily::Rsa => (128..=2048).contains(&len),
    }
}

/// The curve whose `r‖s` values are `len` bytes long.
fn ecdsa_curve(len: usize) -> Option<Curve> {
    [Curve::P256, Curve::P384, Curve::P521]
        .into_iter()
        .find(|c| len == 2 * c.field_len())
}

/// Whether `key` could have made a signature value of `len` bytes with `method`: the
/// right family, and the size its modulus or curve gives (XML-DSig: RSA values are
/// as long as the modulus, ECDSA values are `r‖s` of the curve's size).
fn fits(method: SignatureAlgorithm, key: &PublicKey, len: usize) -> bool {
    match key.kind() {
        KeyKind::Rsa { bits } => {
            method.key_family() == KeyFamily::Rsa && len == (bits as usize).div_ceil(8)
        }
        KeyKind::Ec(c) => method.key_family() == KeyFamily::Ec && len == 2 * c.field_len(),
        KeyKind::Ed25519 => method.key_family() == KeyFamily::Ed25519 && len == 64,
    }
}

/// The kind of key a signature value of `len` bytes with `method` needs.
fn needed_key(method: SignatureAlgorithm, len: usize) -> String {
    match method.key_family() {
        KeyFamily::Rsa => alloc::format!("an RSA-{} key", len * 8),
        KeyFamily::Ec => match ecdsa_curve(len) {
            Some(c) => alloc::format!("an EC P-{} key", c.bits()),
            None => "an EC key".to_string(),
        },
        KeyFamily::Ed25519 => "an Ed25519 key".to_string(),
    }
}

/// keyUsage digitalSignature | nonRepudiation (RFC 5280 §4.2.1.3): what a certificate
/// needs to sign content.
const CONTENT_SIGNING: u16 = 0x8000 | 0x4000;

/// Why no candidate was accepted, ranked in one place: the most specific reason an
/// operator can act on wins (compare rustls-webpki's `Error::rank`).
#[derive(Default)]
struct Refusals {
    /// A key verified the signature, but its certificate is not trusted (expired,
    /// revoked, no path, refused chain algorithm…).
    trust: Option<Error>,
    /// The key the document names is weaker than the policy allows.
    weak_named: Option<Error>,
    /// A trusted key that the document names (or, naming none, the one trusted key of
    /// the right kind) does not verify the value: the signed data or the value changed.
    bad_signature: Option<Error>,
    /// The value does not decode for the key it was checked with (an ECDSA scalar out
    /// of range).
    malformed: Option<Error>,
    /// The document's own key or certificate is not trusted and did not verify.
    untrusted_named: Option<Error>,
    /// A trusted key of the right kind is weaker than the policy allows.
    weak_other: Option<Error>,
}

impl Refusals {
    fn most_specific(self, no_key: impl FnOnce() -> Error) -> Error {
        self.trust
            .or(self.weak_named)
            .or(self.bad_signature)
            .or(self.malformed)
            .or(self.untrusted_named)
            .or(self.weak_other)
            .unwrap_or_else(no_key)
    }
}

/// Where the verifier finds the targets of `RetrievalMethod`s: the whole document, or
/// nowhere (a streamed document has no ID index).
pub(crate) type Retrieval<'r, 'x> = Option<(&'r Document<'x>, &'r IdIndex<'r>)>;

/// Adds what the `RetrievalMethod`s of `model` name to its hints.
fn follow_retrievals(
    model: &mut SignatureModel<'_, '_>,
    retrieval: Retrieval<'_, '_>,
) -> Result<(), Error> {
    if model.key_info.retrievals.is_empty() {
        return Ok(());
    }
    let Some((doc, ids)) = retrieval else {
        return Err(DsigError::Malformed {
            reason: "a ds:RetrievalMethod cannot be followed in a streamed document; put the key in ds:KeyInfo".to_string(),
        }
        .into());
    };
    let targets = core::mem::take(&mut model.key_info.retrievals);
    for id in targets {
        let node = ids
            .get(&id)
            .and_then(|n| doc.get_node(n))
            .ok_or(DsigError::ReferenceNotFound { id })?;
        super::model::retrieved_item(node, &mut model.key_info)?;
    }
    super::model::check_counts(&model.key_info)?;
    Ok(())
}

/// Tries the keys the document names first, then the others the caller trusts; the
/// first whose signature verifies *and* is trusted wins. Otherwise the most specific
/// reason is given (see [`Refusals`]).
fn find_trusted_signer(
    model: &SignatureModel<'_, '_>,
    signed_info: &[u8],
    cx: &Context<'_>,
) -> Result<(KeyKind, Vec<Certificate>, bool), Error> {
    if cx.store.is_empty() {
        return Err(PkiError::EmptyTrustStore.into());
    }
    let method = model.method;
    let sig_len = model.signature_value.len();
    if !well_formed(method, sig_len) {
        return Err(CryptoError::MalformedSignature.into());
    }
    let hints = &model.key_info;
    // A KeyInfo certificate the caller already supplied is taken from the store as parsed
    // there, and named first; only unknown ones are parsed here (and may only help build
    // a path), named after them.
    let mut named: Vec<Candidate<'_>> = Vec::new();
    let mut doc_certs: Vec<Certificate> = Vec::new();
    for der in &hints.certificate_ders {
        let mut supplied = cx
            .store
            .certificates()
            .iter()
            .chain(cx.store.intermediates());
        match supplied.find(|c| c.der() == der.as_slice()) {
            Some(c) => named.push(Candidate::Cert(c)),
            None => {
                doc_certs.push(Certificate::from_der(der).map_err(DsigError::KeyInfoCertificate)?)
            }
        }
    }
    let pinned_keys = || {
        cx.store.keys().iter().chain(
            cx.store
                .certificates()
                .iter()
                .filter_map(Certificate::public_key),
        )
    };
    // A bare key in KeyInfo is trusted only if it equals a pinned key (invariant 1): when
    // the document names its key that way and no pinned key is it, the signer is unknown.
    if hints.certificate_ders.is_empty()
        && !hints.key_values.is_empty()
        && !pinned_keys().any(|k| hints.key_values.iter().any(|v| v.equals(k)))
    {
        return Err(PkiError::UntrustedSigner { subject: None }.into());
    }

    // The keys the document names, then every other key the caller trusts.
    named.extend(doc_certs.iter().map(Candidate::Cert));
    named.extend(
        selected(hints, cx.store, cx.policy)
            .into_iter()
            .map(Candidate::Cert),
    );
    // A pinned bare key is named when KeyInfo gives it as a key value or holds a
    // certificate for it (keys taken from metadata are pinned that way).
    let named_keys: Vec<&PublicKey> = cx
        .store
        .keys()
        .iter()
        .filter(|k| {
            hints.key_values.iter().any(|v| v.equals(k))
                || named.iter().any(|c| match c {
                    Candidate::Cert(c) => c.public_key() == Some(*k),
                    Candidate::Key(_) => false,
                })
        })
        .collect();
    named.extend(named_keys.into_iter().map(Candidate::Key));
    let n_named = named.len();
    let mut candidates = named;
    candidates.extend(cx.store.certificates().iter().map(Candidate::Cert));
    candidates.extend(cx.store.keys().iter().map(Candidate::Key));
    // Naming nothing this verifier follows (a KeyName, no KeyInfo), the document leaves
    // the choice to the caller: every trusted key of the right kind is "the" key.
    let names_nothing = !names_a_key(hints);

    let mut path_cx = crate::pki::path_context(cx.now, cx.verifier, cx.policy);
    path_cx.doc_crls = &hints.crl_ders;
    let mut why = Refusals::default();
    let mut tried = Tried::default();
    for (i, cand) in candidates
        .iter()
        .enumerate()
        .take(cx.policy.max_key_candidates)
    {
        let is_named = i < n_named;
        // A certificate whose keyUsage forbids signing content (a CA's) is tried, but
        // its failing to verify says nothing about the signed data.
        let may_sign = match cand {
            Candidate::Cert(c) => c.key_usage().is_none_or(|ku| ku & CONTENT_SIGNING != 0),
            Candidate::Key(_) => true,
        };
        let key = match cand {
            Candidate::Cert(c) => match c.public_key() {
                Some(k) => k,
                None => continue,
            },
            Candidate::Key(k) => k,
        };
        if !tried.first_time(cand) {
            continue;
        }
        if !fits(method, key, sig_len) {
            continue;
        }
        if let Err(e) = cx.policy.check_key(key) {
            let slot = if is_named {
                &mut why.weak_named
            } else {
                &mut why.weak_other
            };
            slot.get_or_insert(e.into());
            continue;
        }
        let verified = cx
            .verifier
            .verify(method, key, signed_info, &model.signature_value);
        let trust = || match cand {
            Candidate::Key(k) => Ok((k.kind(), Vec::new(), true)),
            Candidate::Cert(c) => check_signer(c, &doc_certs, cx.store, &path_cx)
                .map(|t| (key.kind(), t.chain, t.pinned))
                .map_err(Error::from),
        };
        match verified {
            Ok(()) => match trust() {
                Ok(found) => return Ok(found),
                Err(e) => {
                    why.trust.get_or_insert(e);
                }
            },
            // The key this document names, or the caller's only choice: a trusted one
            // that does not verify means the value or the signed data changed; an
            // untrusted one says no more than that it is not trusted.
            Err(e) if may_sign && (is_named || names_nothing) => match trust() {
                Ok(_) => {
                    let slot = if matches!(e, CryptoError::MalformedSignature) {
                        &mut why.malformed
                    } else {
                        &mut why.bad_signature
                    };
                    slot.get_or_insert(e.into());
                }
                Err(t) => {
                    why.untrusted_named.get_or_insert(t);
                }
            },
            Err(_) => {}
        }
    }
    Err(why.most_specific(|| {
        let looked_for = if names_nothing {
            alloc::format!("{} for {}", needed_key(method, sig_len), method.name())
        } else if !hints.certificate_ders.is_empty() {
            // Certificates of the wrong kind or size for the signature value.
            alloc::format!(
                "{} for {}; the certificates in ds:KeyInfo hold none",
                needed_key(method, sig_len),
                method.name()
            )
        } else {
            describe_hints(hints)
        };
        DsigError::NoMatchingKey { looked_for }.into()
    }))
}

const MANIFEST_TYPE: &str = "http://www.w3.org/2000/09/xmldsig#Manifest";

/// Whether Reference `r` covers a `ds:Manifest`: by what it selects, or by what its
/// `Type` says (a hint an application may act on, so it counts too).
fn is_manifest(r: &Reference<'_, '_>, target: Node<'_, '_>) -> bool {
    let covers = |n: &Node<'_, '_>| {
        n.is_element() && n.namespace() == Some(super::NS_DS) && n.local_name() == "Manifest"
    };
    r.node.attribute("Type") == Some(MANIFEST_TYPE)
        || covers(&target)
        || (target.is_root() && target.children().any(|c| covers(&c)))
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

/// Adds `id` to `excluded`, kept in document order and once each, as the canonicalizer
/// walks them. The ids arrive mostly in document order (descendants are), so this is a
/// binary search and an append, without a sort of its own in the module.
fn exclude(excluded: &mut Vec<NodeId>, id: NodeId) {
    if let Err(at) = excluded.binary_search(&id) {
        excluded.insert(at, id);
    }
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
    scratch: &mut c14n::Scratch,
) -> Result<(bool, Vec<NodeId>), Error> {
    let mut excluded = Vec::with_capacity(also_excluded.len() + 1);
    for &id in also_excluded {
        exclude(&mut excluded, id);
    }
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
            Transform::Enveloped => exclude(&mut excluded, model.node.id()),
            Transform::XPathNoSignatures => {
                for s in doc.descendants().filter(super::view::is_signature) {
                    exclude(&mut excluded, s.id());
                }
            }
            Transform::C14n(a, p) => final_c14n = Some((*a, p.as_slice())),
        }
    }
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
    let digest =
        c14n::canonicalize_with(target, opts, &excluded, r.digest.hasher(), scratch).finish();
    Ok((r.digest_value.is(digest.as_bytes()), excluded))
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
            let scratch = &mut c14n::Pooled::take();
            digest_reference(doc, &model, r, target, false, also_excluded, scratch)
                .is_ok_and(|(ok, _)| ok)
        }
        _ => false,
    }
}

// Never inlined: canonicalizing a Reference takes stack of its own, which must be given
// back before the signature check (on the embedded example, 1.1 KB more stack otherwise).
#[inline(never)]
fn check_reference<'a, 'x>(
    doc: &'a crate::xml::Document<'x>,
    model: &SignatureModel<'_, '_>,
    r: &Reference<'_, '_>,
    (target, keep_comments): (Node<'a, 'x>, bool),
    scratch: &mut c14n::Scratch,
) -> Result<CoveredReference, Error> {
    let (digest_ok, excluded) =
        digest_reference(doc, model, r, target, keep_comments, &[], scratch)?;
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
        transforms: r.transform_names(),
        type_uri: r.node.attribute("Type").map(ToString::to_string),
        manifest: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::DateTime;

    const MANIFEST: &[u8] =
        include_bytes!("../../../tests/data/xmldsig-more/keyinfo/signed/manifest.xml");

    fn store() -> TrustStore {
        let mut s = TrustStore::from_pem(include_bytes!(
            "../../../tests/data/xmldsig-gen/pki/root.pem"
        ))
        .unwrap();
        s.add_intermediates_pem(include_bytes!(
            "../../../tests/data/xmldsig-gen/pki/intermediate.pem"
        ))
        .unwrap();
        s
    }

    fn run(allow_manifest: bool) -> Result<SignatureOutcome, Error> {
        let policy = Policy::default();
        let doc = crate::xml::parse(MANIFEST, &policy.limits).unwrap();
        let ids = IdIndex::build(&doc, policy.id_attributes).unwrap();
        let sig = Unverified::all_signatures(&doc).next().unwrap();
        let store = store();
        let cx = Context {
            store: &store,
            policy: &policy,
            now: DateTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap(),
            verifier: crate::crypto::default_verifier(),
            document_element: None,
            allow_object: true,
            allow_manifest,
            pre_check: None,
        };
        verify_signature(&doc, &ids, sig, &cx, &mut c14n::Scratch::default())
    }

    #[test]
    fn a_manifest_is_reported_or_refused() {
        let o = run(true).unwrap();
        assert_eq!(o.references.len(), 1);
        assert!(o.references[0].manifest);
        assert_eq!(
            run(false).err().map(|e| e.code()),
            Some(crate::code::ErrorCode::DsigManifestRefused)
        );
    }

    #[test]
    fn signature_shapes() {
        use SignatureAlgorithm::*;
        assert!(well_formed(EcdsaSha256, 64) && well_formed(EcdsaSha256, 132));
        // DER-encoded and over-padded P-256 values.
        assert!(!well_formed(EcdsaSha256, 71) && !well_formed(EcdsaSha256, 66));
        assert!(well_formed(Ed25519, 64) && !well_formed(Ed25519, 65));
        assert!(well_formed(RsaPkcs1Sha256, 256) && !well_formed(RsaPkcs1Sha256, 64));
        assert_eq!(needed_key(RsaPkcs1Sha256, 384), "an RSA-3072 key");
        assert_eq!(needed_key(EcdsaSha384, 96), "an EC P-384 key");
    }
}
