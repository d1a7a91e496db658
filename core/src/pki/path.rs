//! Building a path from a signer's certificate to something the caller trusts.

use alloc::vec::Vec;

use super::cert::{KU_DIGITAL_SIGNATURE, KU_KEY_CERT_SIGN, KU_NON_REPUDIATION};
use super::{Certificate, PkiError, TrustStore};
use crate::crypto::{ecdsa_der_to_raw, DigestAlgorithm, KeyKind, SignatureVerifier};
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

pub(crate) fn signed_by(cert: &Certificate, issuer: &Certificate, ctx: &PathContext<'_>) -> bool {
    let Some(alg) = cert.signature_algorithm() else {
        return false;
    };
    if alg.digest() == Some(DigestAlgorithm::Sha1) && !ctx.allow_sha1 {
        return false;
    }
    let Some(key) = issuer.public_key() else {
        return false;
    };
    let sig = match key.kind() {
        KeyKind::Ec(curve) => match ecdsa_der_to_raw(cert.signature(), curve.field_len()) {
            Ok(raw) => raw,
            Err(_) => return false,
        },
        _ => cert.signature().to_vec(),
    };
    ctx.verifier.verify(alg, key, cert.tbs(), &sig).is_ok()
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
        if !signed_by(current, cand, ctx) {
            best.get_or_insert(PkiError::BadChainSignature {
                subject: current.subject().into(),
            });
            continue;
        }
        if !can_issue(cand, below, is_trusted) {
            *best = Some(PkiError::NotCa {
                subject: cand.subject().into(),
            });
            continue;
        }
        if let Err(e) = check_common(cand, ctx.now).and_then(|()| store.check_not_revoked(cand)) {
            *best = Some(e);
            continue;
        }
        if is_trusted {
            path.push(cand);
            return true;
        }
        if path.len() + 1 >= ctx.max_chain_len {
            *best = Some(PkiError::ChainTooLong {
                limit: ctx.max_chain_len,
            });
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
