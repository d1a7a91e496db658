//! The generic entry point and what it returns: only what was signed, and a report.

use alloc::string::String;
use alloc::vec::Vec;

use crate::c14n::C14nAlgorithm;
use crate::crypto::{
    default_verifier, DigestAlgorithm, KeyKind, SignatureAlgorithm, SignatureVerifier,
};
use crate::dsig::{verify_signature, DsigError, SignatureOutcome, SignedElement, Unverified};
use crate::error::Error;
use crate::pki::{Certificate, TrustStore};
use crate::policy::Policy;
use crate::time::DateTime;
use crate::xml::{self, Document, IdIndex};

/// Verifies the one XML signature in `xml` against `store` at time `now`, with the
/// default crypto backend.
///
/// The document must hold exactly one `ds:Signature` (profiles with several, like SAML,
/// have their own verifiers). Every Reference must be same-document and its digest must
/// match; the SignatureValue must verify under a key the store trusts, directly or
/// through a certificate path valid at `now`.
///
/// # Examples
/// ```
/// use trustmeta::{verify, DateTime, Policy, TrustStore};
/// let xml = include_bytes!("../../tests/data/sample/smp-signed.xml");
/// let store = TrustStore::from_pem(include_bytes!("../../tests/data/sample/signer.pem")).unwrap();
/// let now = DateTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
/// let doc = verify(xml, &store, &Policy::default(), now).unwrap();
/// assert_eq!(doc.signed_elements().next().unwrap().local_name(), "SignedServiceMetadata");
/// ```
///
/// # Errors
/// An [`Error`] whose [`code`](Error::code) says why: malformed or over-limit XML, a
/// refused algorithm, a changed document (digest mismatch), a bad signature value or an
/// untrusted signer.
pub fn verify<'x>(
    xml: &'x [u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
) -> Result<VerifiedDocument<'x>, Error> {
    verify_with(xml, store, policy, now, default_verifier())
}

/// [`verify`] with a caller-chosen signature backend (an HSM, WebCrypto, or
/// [`Portable`](crate::Portable) explicitly).
///
/// # Errors
/// As [`verify`].
pub fn verify_with<'x>(
    xml: &'x [u8],
    store: &TrustStore,
    policy: &Policy,
    now: DateTime,
    verifier: &dyn SignatureVerifier,
) -> Result<VerifiedDocument<'x>, Error> {
    // The arrays the document is read in are canonicalized in next.
    let mut scratch = crate::c14n::Pooled::take();
    let doc = xml::parse_in(xml, &policy.limits, &mut scratch)?;
    let ids = IdIndex::build(&doc, policy.id_attributes)?;
    // Counted first and walked again, rather than listed: one array less for a small
    // document, and a walk of the tree costs little next to reading it.
    let found = Unverified::all_signatures(&doc).count();
    if found == 0 {
        return Err(DsigError::MissingSignature.into());
    }
    if found > policy.max_signatures {
        return Err(DsigError::TooManySignatures {
            found,
            limit: policy.max_signatures,
        }
        .into());
    }
    let mut outcomes = Vec::with_capacity(found);
    for sig in Unverified::all_signatures(&doc) {
        let cx = crate::dsig::verify::Context {
            store,
            policy,
            now,
            verifier,
            document_element: None,
            allow_object: true,
            allow_manifest: true,
            pre_check: None,
        };
        outcomes.push(verify_signature(&doc, &ids, sig, &cx, &mut scratch)?);
    }
    drop(ids);
    Ok(VerifiedDocument { doc, outcomes, now })
}

/// A document whose signature verified. It exposes only the signed elements (and what is
/// inside them, minus the signature itself) and a [`VerificationReport`].
pub struct VerifiedDocument<'x> {
    doc: Document<'x>,
    outcomes: Vec<SignatureOutcome>,
    now: DateTime,
}

impl core::fmt::Debug for VerifiedDocument<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("VerifiedDocument")
            .field("report", &self.report())
            .finish()
    }
}

impl<'x> VerifiedDocument<'x> {
    /// The elements the References cover, in Reference order. For `URI=""` that is the
    /// document element.
    pub fn signed_elements(&self) -> impl Iterator<Item = SignedElement<'_, 'x>> + '_ {
        self.outcomes.iter().flat_map(move |o| {
            o.references
                .iter()
                .filter_map(move |r| o.signed(&self.doc, r.target))
        })
    }

    /// What was verified, by whom, with which algorithms.
    pub fn report(&self) -> VerificationReport {
        report_of(&self.doc, &self.outcomes[0], self.now)
    }
}

/// The report of one verified signature of `doc`.
pub(crate) fn report_of(
    doc: &Document<'_>,
    o: &SignatureOutcome,
    now: DateTime,
) -> VerificationReport {
    VerificationReport {
        signature_algorithm: o.method,
        canonicalization: o.c14n,
        signer_key: o.signer_key,
        signer: o.chain.first().cloned(),
        chain: o.chain.clone(),
        pinned: o.pinned,
        references: o
            .references
            .iter()
            .map(|r| ReferenceReport {
                uri: r.uri.clone(),
                digest: r.digest,
                transforms: r.transforms.to_vec(),
                element: doc
                    .get_node(r.target)
                    .map(|n| String::from(n.local_name()))
                    .unwrap_or_default(),
                unchecked_manifest: r.manifest,
            })
            .collect(),
        legacy_algorithms: o.legacy.clone(),
        verified_at: now,
    }
}

/// What a verification established.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VerificationReport {
    /// The SignatureMethod.
    pub signature_algorithm: SignatureAlgorithm,
    /// The CanonicalizationMethod of SignedInfo.
    pub canonicalization: C14nAlgorithm,
    /// The signing key's type and size.
    pub signer_key: KeyKind,
    /// The signer's certificate, when the key came with one (`None` for a pinned bare key).
    pub signer: Option<Certificate>,
    /// The path from the signer to the trusted certificate, signer first.
    pub chain: Vec<Certificate>,
    /// Whether the signer's certificate or key itself is in the trust store.
    pub pinned: bool,
    /// What each Reference covered.
    pub references: Vec<ReferenceReport>,
    /// Legacy algorithms the policy allowed and the signature used (`rsa-sha1`, `sha1`,
    /// `sha1-certificate`).
    pub legacy_algorithms: Vec<&'static str>,
    /// The time the verification used.
    pub verified_at: DateTime,
}

/// One verified Reference.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ReferenceReport {
    /// The URI as written (`""`, `#id`).
    pub uri: String,
    /// Its digest algorithm.
    pub digest: DigestAlgorithm,
    /// Its transforms, by short name.
    pub transforms: Vec<&'static str>,
    /// Local name of the element it covers.
    pub element: String,
    /// Whether it covers a `ds:Manifest`: the manifest itself is signed, but the
    /// References it lists were not checked (XML-DSig leaves them to the application),
    /// so what they point to is not shown signed.
    pub unchecked_manifest: bool,
}
