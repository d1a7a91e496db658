//! Building a path from a signer's certificate to something the caller trusts.

use alloc::vec::Vec;
use core::cell::{Cell, OnceCell};

use super::cert::{
    signature_algorithm_name, KU_DIGITAL_SIGNATURE, KU_KEY_CERT_SIGN, KU_NON_REPUDIATION,
};
use super::crl::{self, DocumentCrl};
use super::{Certificate, PkiError, TrustStore};
use crate::crypto::{
    ecdsa_der_to_raw, DigestAlgorithm, KeyKind, SignatureAlgorithm, SignatureVerifier,
};
use crate::time::DateTime;

/// The longest certificate path any search builds, signer and anchor included, whatever
/// [`Policy::max_chain_len`] asks: the path is kept in a fixed array of this many. A
/// policy asking for more gets this many, and a signer whose path would be longer is
/// refused with `pki.chain_too_long` naming it. Equal to the policy's default: real
/// paths have three or four certificates.
///
/// [`Policy::max_chain_len`]: crate::Policy::max_chain_len
pub const MAX_CHAIN_LEN: usize = 8;

/// A path being built, leaf first.
type Path<'s> = heapless::Vec<&'s Certificate, MAX_CHAIN_LEN>;

/// What path building needs from the policy.
pub(crate) struct PathContext<'a> {
    pub(crate) now: DateTime,
    pub(crate) verifier: &'a dyn SignatureVerifier,
    pub(crate) allow_sha1: bool,
    pub(crate) max_chain_len: usize,
    pub(crate) allow_stale_crl: bool,
    /// CRLs the document carried (`X509CRL`, DER): used only when signed by the issuer
    /// of a certificate on the path.
    pub(crate) doc_crls: &'a [Vec<u8>],
}

impl PathContext<'_> {
    /// The longest path in force: the policy's, within the array's (see
    /// [`MAX_CHAIN_LEN`]).
    pub(crate) fn chain_limit(&self) -> usize {
        self.max_chain_len.min(MAX_CHAIN_LEN)
    }
}

/// A signer the store vouches for: its path, leaf first, ending at a trusted certificate.
#[derive(Clone, Debug)]
pub(crate) struct TrustedSigner {
    pub(crate) chain: Vec<Certificate>,
    pub(crate) pinned: bool,
}

/// Decides whether `leaf` (whose key verified the signature) is trusted, using `hints`
/// (certificates from the document) and the store's intermediates to complete a path.
///
/// Each certificate of the path but the trust anchor is checked against the CRLs its
/// issuer signed (the store's, then the document's), as [`crl::check`] says. A pinned
/// leaf (one equal to a trusted certificate) is trusted as it is: no path is built and
/// no CRL is consulted for it; OCSP evidence added to the store still counts.
pub(crate) fn check_signer(
    leaf: &Certificate,
    hints: &[Certificate],
    store: &TrustStore,
    ctx: &PathContext<'_>,
) -> Result<TrustedSigner, PkiError> {
    check_common(leaf, ctx.now)?;
    store.check_not_revoked(leaf)?;
    // RFC 5280 §4.2.1.3: digitalSignature, or nonRepudiation (contentCommitment) for
    // signatures on content — the only bit of many qualified seals that sign lists.
    if let Some(ku) = leaf.key_usage() {
        if ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION) == 0 {
            return Err(PkiError::KeyUsage {
                subject: leaf.subject().into(),
            });
        }
    }
    if store.certificates().iter().any(|t| t.der() == leaf.der()) {
        return Ok(TrustedSigner {
            chain: alloc::vec![leaf.clone()],
            pinned: true,
        });
    }
    let mut path = Path::new();
    if path.push(leaf).is_err() {
        // Never: the array has room for more than one.
        return Err(PkiError::ChainTooLong {
            limit: ctx.chain_limit(),
        });
    }
    let mut best: Option<PkiError> = None;
    let search = Search {
        hints,
        store,
        ctx,
        doc_crls: OnceCell::new(),
        steps: Cell::new(0),
        signature_checks: Cell::new(0),
    };
    if extend(&mut path, &search, &mut best) {
        return Ok(TrustedSigner {
            chain: path.into_iter().cloned().collect(),
            pinned: false,
        });
    }
    if search.exhausted() {
        return Err(PkiError::PathBudgetExceeded {
            subject: leaf.subject().into(),
        });
    }
    Err(best.unwrap_or(PkiError::UntrustedSigner {
        subject: Some(leaf.subject().into()),
    }))
}

pub(crate) fn check_common(c: &Certificate, now: DateTime) -> Result<(), PkiError> {
    if let Some(oid) = c.unknown_critical() {
        return Err(PkiError::UnknownCriticalExtension {
            subject: c.subject().into(),
            oid: oid.into(),
        });
    }
    if now < c.not_before() {
        return Err(PkiError::NotYetValid {
            subject: c.subject().into(),
            not_before: c.not_before(),
            now,
        });
    }
    if now > c.not_after() {
        return Err(PkiError::Expired {
            subject: c.subject().into(),
            not_after: c.not_after(),
            now,
        });
    }
    Ok(())
}

/// Whether `issuer` may sign certificates with `below` intermediates under it.
/// A trusted anchor without basicConstraints (an X.509 v1 root) is accepted because the
/// caller named it; an untrusted intermediate must say it is a CA.
fn can_issue(issuer: &Certificate, below: usize, trusted: bool) -> bool {
    let bc_ok = match issuer.basic_constraints() {
        Some((true, None)) => true,
        Some((true, Some(n))) => below <= usize::from(n),
        Some((false, _)) => false,
        None => trusted,
    };
    let ku_ok = issuer
        .key_usage()
        .is_none_or(|ku| ku & KU_KEY_CERT_SIGN != 0);
    bc_ok && ku_ok
}

/// Why a signature made by a certificate's key (on a certificate or a CRL) is not
/// accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SignatureFault {
    /// The algorithm is not supported, or the policy refuses it (SHA-1 without
    /// `allow_sha1`).
    Refused,
    /// The signature does not verify under the key, or the key cannot be used.
    Bad,
}

/// Verifies `signature` (as found in a certificate or CRL: ECDSA in DER) over `tbs` with
/// `issuer`'s key, under `alg` (`None`: not supported).
pub(crate) fn verify_signed(
    alg: Option<SignatureAlgorithm>,
    tbs: &[u8],
    signature: &[u8],
    issuer: &Certificate,
    ctx: &PathContext<'_>,
) -> Result<(), SignatureFault> {
    verify_signed_with(ctx.verifier, ctx.allow_sha1, alg, tbs, signature, issuer)
}

/// [`verify_signed`] with a verifier and SHA-1 choice of the caller's.
pub(crate) fn verify_signed_with(
    verifier: &dyn SignatureVerifier,
    allow_sha1: bool,
    alg: Option<SignatureAlgorithm>,
    tbs: &[u8],
    signature: &[u8],
    issuer: &Certificate,
) -> Result<(), SignatureFault> {
    let alg = alg.ok_or(SignatureFault::Refused)?;
    if alg.digest() == Some(DigestAlgorithm::Sha1) && !allow_sha1 {
        return Err(SignatureFault::Refused);
    }
    let key = issuer.public_key().ok_or(SignatureFault::Bad)?;
    let sig = match key.kind() {
        KeyKind::Ec(curve) => {
            ecdsa_der_to_raw(signature, curve.field_len()).map_err(|_| SignatureFault::Bad)?
        }
        _ => signature.to_vec(),
    };
    verifier
        .verify(alg, key, tbs, &sig)
        .map_err(|_| SignatureFault::Bad)
}

/// Whether `issuer`'s key made `cert`'s signature, with an algorithm the policy accepts.
///
/// # Errors
/// [`PkiError::AlgorithmRefused`] naming the algorithm when it is not supported or the
/// policy refuses it; [`PkiError::BadChainSignature`] when the signature does not verify.
pub(crate) fn check_signed_by(
    cert: &Certificate,
    issuer: &Certificate,
    ctx: &PathContext<'_>,
) -> Result<(), PkiError> {
    verify_signed(
        cert.signature_algorithm(),
        cert.tbs(),
        cert.signature(),
        issuer,
        ctx,
    )
    .map_err(|fault| match fault {
        SignatureFault::Refused => PkiError::AlgorithmRefused {
            subject: cert.subject().into(),
            algorithm: signature_algorithm_name(cert.signature_algorithm_oid()),
        },
        SignatureFault::Bad => PkiError::BadChainSignature {
            subject: cert.subject().into(),
        },
    })
}

/// [`check_signed_by`] as a yes or no.
pub(crate) fn signed_by(cert: &Certificate, issuer: &Certificate, ctx: &PathContext<'_>) -> bool {
    check_signed_by(cert, issuer, ctx).is_ok()
}

/// What one path search reads: the document's certificates, the store, the policy, and
/// the document's CRLs, read the first time a certificate's issuer is accepted.
struct Search<'s, 'c> {
    hints: &'s [Certificate],
    store: &'s TrustStore,
    ctx: &'s PathContext<'c>,
    doc_crls: OnceCell<Vec<DocumentCrl<'c>>>,
    /// Certificates the search tried to extend a path from, and certificate signatures
    /// it checked, so far.
    steps: Cell<u32>,
    signature_checks: Cell<u32>,
}

/// The most certificates one path search extends a path from, and the most certificate
/// signatures it checks. Certificates that share one name and key are each other's
/// issuers, so without a bound a document carrying a dozen of them makes the search
/// explore factorially many paths (compare rustls-webpki's budget). Real paths need a
/// handful of each.
const MAX_PATH_STEPS: u32 = 256;
const MAX_PATH_SIGNATURE_CHECKS: u32 = 64;

impl<'c> Search<'_, 'c> {
    /// Counts one more step of the search, or one more signature check; false once
    /// either budget is spent.
    fn spend(&self, counter: &Cell<u32>) -> bool {
        counter.set(counter.get().saturating_add(1));
        !self.exhausted()
    }

    fn exhausted(&self) -> bool {
        self.steps.get() > MAX_PATH_STEPS || self.signature_checks.get() > MAX_PATH_SIGNATURE_CHECKS
    }

    fn doc_crls(&self) -> &[DocumentCrl<'c>] {
        self.doc_crls
            .get_or_init(|| crl::document_crls(self.ctx.doc_crls))
    }
}

/// How telling a failed path is, to report the best one when no path succeeds: a bad
/// signature on a certificate says least (any certificate with the right name is a
/// candidate), a refused algorithm more, a certificate that is unfit more, and a
/// revocation most.
fn rank(e: &PkiError) -> u8 {
    match e {
        PkiError::BadChainSignature { .. } => 0,
        PkiError::AlgorithmRefused { .. } => 1,
        PkiError::CrlInvalid { .. }
        | PkiError::CrlExpired { .. }
        | PkiError::CrlNotYetValid { .. }
        | PkiError::CrlBadSignature { .. } => 3,
        PkiError::Revoked { .. } => 4,
        _ => 2,
    }
}

/// Keeps `e` as the reason for failing unless `best` is more telling; between failures of
/// equal weight the later one wins (except bad signatures, where the first one stays).
fn note(best: &mut Option<PkiError>, e: PkiError) {
    let keep = best
        .as_ref()
        .is_some_and(|b| rank(b) > rank(&e) || (rank(b) == rank(&e) && rank(&e) < 2));
    if !keep {
        *best = Some(e);
    }
}

/// Depth-first search for an issuer chain; on failure leaves the most telling error in
/// `best`.
fn extend<'s>(path: &mut Path<'s>, search: &Search<'s, '_>, best: &mut Option<PkiError>) -> bool {
    let Some(current) = path.last().copied() else {
        return false;
    };
    if !search.spend(&search.steps) {
        return false;
    }
    let (store, ctx) = (search.store, search.ctx);
    let below = path.len() - 1;
    let trusted = store.certificates().iter().map(|c| (c, true));
    let untrusted = search
        .hints
        .iter()
        .chain(store.intermediates())
        .map(|c| (c, false));
    for (cand, is_trusted) in trusted.chain(untrusted) {
        if cand.subject_der() != current.issuer_der() || path.iter().any(|p| p.der() == cand.der())
        {
            continue;
        }
        if !search.spend(&search.signature_checks) {
            return false;
        }
        if let Err(e) = check_signed_by(current, cand, ctx) {
            note(best, e);
            continue;
        }
        if !can_issue(cand, below, is_trusted) {
            note(
                best,
                PkiError::NotCa {
                    subject: cand.subject().into(),
                },
            );
            continue;
        }
        if let Err(e) = check_common(cand, ctx.now).and_then(|()| store.check_not_revoked(cand)) {
            note(best, e);
            continue;
        }
        // `cand` is a fit issuer: now what its CRLs say about `current`.
        if let Err(e) = crl::check(current, cand, store.crls(), search.doc_crls(), ctx) {
            note(best, e);
            continue;
        }
        // An untrusted `cand` needs room for an anchor above it; a path that reaches one
        // has at most the limit, which the array holds.
        let limit = ctx.chain_limit();
        if (!is_trusted && path.len() + 1 >= limit) || path.push(cand).is_err() {
            note(best, PkiError::ChainTooLong { limit });
            continue;
        }
        if is_trusted {
            return true;
        }
        if extend(path, search, best) {
            return true;
        }
        path.pop();
        if search.exhausted() {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &[u8] = include_bytes!("../../../tests/data/xmldsig-gen/pki/root.pem");
    const INTERMEDIATE: &[u8] =
        include_bytes!("../../../tests/data/xmldsig-gen/pki/intermediate.pem");
    const LEAF: &[u8] = include_bytes!("../../../tests/data/xmldsig-gen/pki/leaf-rsa2048.pem");
    const REVOKING: &[u8] =
        include_bytes!("../../../tests/data/crl/intermediate-revokes-leaf-rsa2048.crl.der");
    const FORGED: &[u8] = include_bytes!("../../../tests/data/crl/forged-intermediate.crl.der");

    fn ctx(doc_crls: &[Vec<u8>]) -> PathContext<'_> {
        PathContext {
            now: DateTime::from_unix(1_780_272_000), // 2026-06-01T00:00:00Z
            verifier: &crate::crypto::Portable,
            allow_sha1: false,
            max_chain_len: 8,
            allow_stale_crl: false,
            doc_crls,
        }
    }

    fn check(doc_crls: &[Vec<u8>]) -> Result<TrustedSigner, PkiError> {
        let mut store = TrustStore::from_pem(ROOT).unwrap();
        store.add_intermediates_pem(INTERMEDIATE).unwrap();
        let leaf = TrustStore::from_pem(LEAF).unwrap().certificates()[0].clone();
        check_signer(&leaf, &[], &store, &ctx(doc_crls))
    }

    const LONG_ROOT: &[u8] = include_bytes!("../../../tests/data/long-chain/root.pem");
    const LONG_CAS: &[u8] = include_bytes!("../../../tests/data/long-chain/intermediates.pem");
    const LONG_LEAF: &[u8] = include_bytes!("../../../tests/data/long-chain/leaf.pem");

    /// The long chain's leaf checked with `max_chain_len`, trusting the root or (1 to 10)
    /// that intermediate: the path is 12 certificates for the root, 12 - n for CA n.
    fn long_chain(anchor: usize, max_chain_len: usize) -> Result<usize, PkiError> {
        let cas = TrustStore::from_pem(LONG_CAS).unwrap();
        let mut store = if anchor == 0 {
            TrustStore::from_pem(LONG_ROOT).unwrap()
        } else {
            let mut s = TrustStore::new();
            s.add_certificate(cas.certificates()[anchor - 1].clone());
            s
        };
        store.add_intermediates_pem(LONG_CAS).unwrap();
        store.add_intermediates_pem(LONG_ROOT).unwrap();
        let leaf = TrustStore::from_pem(LONG_LEAF).unwrap().certificates()[0].clone();
        let ctx = PathContext {
            now: DateTime::from_unix(1_798_761_600), // 2027-01-01T00:00:00Z
            max_chain_len,
            ..ctx(&[])
        };
        check_signer(&leaf, &[], &store, &ctx).map(|s| s.chain.len())
    }

    #[test]
    fn paths_past_the_policy_limit_or_the_ceiling_are_refused() {
        let too_long = |limit| Err(PkiError::ChainTooLong { limit });
        // At the policy's limit, and one past it.
        assert_eq!(long_chain(8, 4), Ok(4));
        assert_eq!(long_chain(7, 4), too_long(4));
        assert_eq!(long_chain(4, MAX_CHAIN_LEN), Ok(MAX_CHAIN_LEN));
        assert_eq!(long_chain(3, MAX_CHAIN_LEN), too_long(MAX_CHAIN_LEN));
        // A policy asking for more than the ceiling gets the ceiling.
        for asked in [MAX_CHAIN_LEN + 1, 12, 100, usize::MAX] {
            assert_eq!(long_chain(4, asked), Ok(MAX_CHAIN_LEN), "{asked}");
            assert_eq!(long_chain(3, asked), too_long(MAX_CHAIN_LEN), "{asked}");
            assert_eq!(long_chain(0, asked), too_long(MAX_CHAIN_LEN), "{asked}");
        }
    }

    #[test]
    fn a_document_crl_counts_only_when_the_issuer_signed_it() {
        assert_eq!(check(&[]).unwrap().chain.len(), 3);
        match check(&[REVOKING.to_vec()]) {
            Err(PkiError::Revoked { subject, .. }) => assert!(subject.contains("RSA-2048")),
            other => panic!("{other:?}"),
        }
        // Forged, garbage, and a revoking CRL past the bound on document CRLs: ignored.
        check(&[FORGED.to_vec(), b"garbage".to_vec()]).unwrap();
        let mut many = alloc::vec![FORGED.to_vec(); crl::MAX_DOCUMENT_CRLS];
        many.push(REVOKING.to_vec());
        check(&many).unwrap();
        many.swap(0, crl::MAX_DOCUMENT_CRLS);
        assert!(matches!(check(&many), Err(PkiError::Revoked { .. })));
    }

    #[test]
    fn revocation_outranks_other_failures_and_refused_algorithms_outrank_bad_signatures() {
        let bad = || PkiError::BadChainSignature {
            subject: "a".into(),
        };
        let refused = || PkiError::AlgorithmRefused {
            subject: "a".into(),
            algorithm: "md5WithRSAEncryption".into(),
        };
        let not_ca = || PkiError::NotCa {
            subject: "b".into(),
        };
        let revoked = || PkiError::Revoked {
            subject: "c".into(),
            revoked_at: DateTime::from_unix(0),
            source: super::super::RevocationSource::Crl,
        };
        let mut best = None;
        note(&mut best, bad());
        note(&mut best, refused());
        assert_eq!(best, Some(refused()));
        note(&mut best, bad());
        assert_eq!(best, Some(refused()));
        note(&mut best, revoked());
        note(&mut best, not_ca());
        assert_eq!(best, Some(revoked()));
        let mut best = None;
        note(&mut best, not_ca());
        note(&mut best, refused());
        assert_eq!(best, Some(not_ca()));
    }
}
