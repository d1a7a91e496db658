//! Building a path from a signer's certificate to something the caller trusts.

use alloc::vec::Vec;

use super::cert::{
    signature_algorithm_name, KU_DIGITAL_SIGNATURE, KU_KEY_CERT_SIGN, KU_NON_REPUDIATION,
};
use super::{Certificate, PkiError, TrustStore};
use crate::crypto::{
    ecdsa_der_to_raw, DigestAlgorithm, KeyKind, SignatureAlgorithm, SignatureVerifier,
};
use crate::time::DateTime;

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

/// A signer the store vouches for: its path, leaf first, ending at a trusted certificate.
#[derive(Clone, Debug)]
pub(crate) struct TrustedSigner {
    pub(crate) chain: Vec<Certificate>,
    pub(crate) pinned: bool,
}

/// Decides whether `leaf` (whose key verified the signature) is trusted, using `hints`
/// (certificates from the document) and the store's intermediates to complete a path.
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
    let mut path: Vec<&Certificate> = alloc::vec![leaf];
    let mut best: Option<PkiError> = None;
    if extend(&mut path, hints, store, ctx, &mut best) {
        return Ok(TrustedSigner {
            chain: path.into_iter().cloned().collect(),
            pinned: false,
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
    let alg = alg.ok_or(SignatureFault::Refused)?;
    if alg.digest() == Some(DigestAlgorithm::Sha1) && !ctx.allow_sha1 {
        return Err(SignatureFault::Refused);
    }
    let key = issuer.public_key().ok_or(SignatureFault::Bad)?;
    let sig = match key.kind() {
        KeyKind::Ec(curve) => {
            ecdsa_der_to_raw(signature, curve.field_len()).map_err(|_| SignatureFault::Bad)?
        }
        _ => signature.to_vec(),
    };
    ctx.verifier
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
fn extend<'s>(
    path: &mut Vec<&'s Certificate>,
    hints: &'s [Certificate],
    store: &'s TrustStore,
    ctx: &PathContext<'_>,
    best: &mut Option<PkiError>,
) -> bool {
    let Some(current) = path.last().copied() else {
        return false;
    };
    let below = path.len() - 1;
    let trusted = store.certificates().iter().map(|c| (c, true));
    let untrusted = hints
        .iter()
        .chain(store.intermediates())
        .map(|c| (c, false));
    for (cand, is_trusted) in trusted.chain(untrusted) {
        if cand.subject_der() != current.issuer_der() || path.iter().any(|p| p.der() == cand.der())
        {
            continue;
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
        if is_trusted {
            path.push(cand);
            return true;
        }
        if path.len() + 1 >= ctx.max_chain_len {
            note(
                best,
                PkiError::ChainTooLong {
                    limit: ctx.max_chain_len,
                },
            );
            continue;
        }
        path.push(cand);
        if extend(path, hints, store, ctx, best) {
            return true;
        }
        path.pop();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

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
