//! Signature checks answered by the browser's WebCrypto (`crypto.subtle`), which only
//! answers asynchronously, for a core that asks synchronously.
//!
//! A call runs in passes over the same inputs (`docs/adr/0008-webcrypto-two-pass.md`).
//! [`Deferred`] holds what WebCrypto has answered so far, each answer a fact about one
//! exact (method, key, message, signature). On a *provisional* pass a check it has no
//! answer for is assumed valid and collected; JavaScript then has WebCrypto check the
//! collected ones. A pass whose every assumption WebCrypto confirmed is exactly the run a
//! synchronous verifier giving the same answers would make, since the core is
//! deterministic (no clock, no randomness, no I/O): its result is the verdict. Otherwise
//! the call runs again with the answers now known. On a *final* pass — the one that may
//! consult the SAML replay cache — a check without an answer is refused
//! ([`CryptoError::CheckUnanswered`]) and the whole pass with it.
//!
//! What the portable backend decides without computing a signature — the key's family,
//! RSA key sizes, the length of an ECDSA or Ed25519 value, methods WebCrypto lacks
//! (SHA-224, SHA-3) — is decided here the same way, with the same codes, before a check
//! is collected.

use std::sync::{Mutex, PoisonError};

use trustmeta::{
    CryptoError, DigestAlgorithm, KeyKind, PublicKey, SignatureAlgorithm, SignatureVerifier,
};

/// What WebCrypto said about one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    /// `crypto.subtle.verify` returned true.
    Valid,
    /// It returned false (or refused the signature value).
    Bad,
    /// The key would not import.
    UnsupportedKey,
    /// The engine lacks the method (Ed25519 in an older browser).
    Unavailable,
}

impl Answer {
    /// The answer JavaScript encodes as `code` (0 valid, 1 bad, 2 unsupported key,
    /// 3 unavailable); `None` for anything else.
    pub(crate) fn from_code(code: u8) -> Option<Answer> {
        Some(match code {
            0 => Answer::Valid,
            1 => Answer::Bad,
            2 => Answer::UnsupportedKey,
            3 => Answer::Unavailable,
            _ => return None,
        })
    }
}

/// One signature check the core asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Check {
    pub(crate) algorithm: SignatureAlgorithm,
    pub(crate) key: PublicKey,
    pub(crate) message: Vec<u8>,
    pub(crate) signature: Vec<u8>,
}

impl Check {
    fn is(&self, algorithm: SignatureAlgorithm, key: &PublicKey, msg: &[u8], sig: &[u8]) -> bool {
        self.algorithm == algorithm
            && self.signature == sig
            && self.key.spki_der() == key.spki_der()
            && self.message == msg
    }
}

#[derive(Default)]
struct State {
    /// Every check answered so far, with its answer.
    known: Vec<(Check, Answer)>,
    /// The checks of this pass that had no answer (assumed valid), in the order asked.
    asked: Vec<Check>,
    /// Whether a final pass met a check without an answer.
    missed: bool,
}

/// The verifier of one call's passes.
#[derive(Default)]
pub(crate) struct Deferred {
    /// On a final pass, a check without an answer is refused rather than assumed.
    final_pass: Mutex<bool>,
    state: Mutex<State>,
    /// Told of each check as a provisional pass first assumes it, so that WebCrypto can
    /// start on it while the pass goes on.
    on_ask: Option<fn(&Check)>,
}

impl Deferred {
    /// A verifier that calls `on_ask` with each check a provisional pass assumes valid
    /// and adds to [`Deferred::asked`], in that order, as it is added.
    #[cfg_attr(not(feature = "webcrypto"), allow(dead_code))]
    pub(crate) fn notifying(on_ask: fn(&Check)) -> Self {
        Deferred {
            on_ask: Some(on_ask),
            ..Deferred::default()
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts a pass: provisional (unanswered checks assumed valid and collected) or
    /// final (refused).
    pub(crate) fn begin(&self, final_pass: bool) {
        *self
            .final_pass
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = final_pass;
        let mut s = self.state();
        s.asked.clear();
        s.missed = false;
    }

    /// Whether the pass met a check without an answer although it was final.
    pub(crate) fn missed(&self) -> bool {
        self.state().missed
    }

    /// The checks the pass assumed valid, in the order asked.
    pub(crate) fn asked(&self) -> Vec<Check> {
        self.state().asked.clone()
    }

    /// How many checks the pass assumed valid.
    #[cfg_attr(not(feature = "webcrypto"), allow(dead_code))]
    pub(crate) fn asked_count(&self) -> usize {
        self.state().asked.len()
    }

    /// Records WebCrypto's answers to the checks [`Deferred::asked`] returned, in order.
    ///
    /// # Errors
    /// When the number of answers is not the number of checks asked (nothing recorded).
    pub(crate) fn answer(&self, answers: &[Answer]) -> Result<(), &'static str> {
        let mut s = self.state();
        if answers.len() != s.asked.len() {
            return Err("one answer per check asked is needed");
        }
        let asked = core::mem::take(&mut s.asked);
        s.known
            .extend(asked.into_iter().zip(answers.iter().copied()));
        Ok(())
    }
}

/// The WebCrypto form of a check: the algorithm's name and parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// `RSASSA-PKCS1-v1_5` with `hash`.
    Pkcs1(&'static str),
    /// `RSA-PSS` with `hash`, the salt length of RFC 6931 (the digest's) first, then the
    /// largest the key allows.
    Pss(&'static str, u32, u32),
    /// `ECDSA` on `curve` with `hash`.
    Ecdsa(&'static str, &'static str),
    /// `Ed25519`.
    Ed25519,
}

/// WebCrypto's name of a digest it has; `None` for SHA-224 and SHA-3.
fn hash_name(d: DigestAlgorithm) -> Option<&'static str> {
    match d {
        DigestAlgorithm::Sha1 => Some("SHA-1"),
        DigestAlgorithm::Sha256 => Some("SHA-256"),
        DigestAlgorithm::Sha384 => Some("SHA-384"),
        DigestAlgorithm::Sha512 => Some("SHA-512"),
        _ => None,
    }
}

/// How WebCrypto checks `algorithm` with `key`, or the refusal the portable backend
/// would give without computing anything (same codes): a key of another family, an RSA
/// size it does not take, a signature value of the wrong length, a method WebCrypto
/// lacks.
pub(crate) fn scheme(
    algorithm: SignatureAlgorithm,
    key: &PublicKey,
    signature: &[u8],
) -> Result<Scheme, CryptoError> {
    if algorithm.key_family() != key.kind().family() {
        return Err(CryptoError::KeyMismatch {
            algorithm,
            key: key.kind(),
        });
    }
    let unavailable = CryptoError::AlgorithmUnavailable { algorithm };
    let hash = || algorithm.digest().and_then(hash_name);
    match key.kind() {
        KeyKind::Rsa { bits } => {
            // The portable backend's bounds on the modulus.
            if !(1024..=16384).contains(&bits) {
                return Err(CryptoError::UnsupportedKey);
            }
            let hash = hash().ok_or(unavailable.clone())?;
            if algorithm.is_pkcs1v15() {
                return Ok(Scheme::Pkcs1(hash));
            }
            let h_len = algorithm.digest().map_or(0, |d| {
                u32::try_from(d.digest(b"").as_bytes().len()).unwrap_or(0)
            });
            // EMSA-PSS: emLen = ceil((modBits - 1) / 8), salt at most emLen - hLen - 2.
            let em_len = bits.saturating_sub(1).div_ceil(8);
            let max_salt = em_len.saturating_sub(h_len).saturating_sub(2);
            match hash {
                // XML-DSig has no PSS with SHA-1; WebCrypto's PSS has no SHA-224 or SHA-3.
                "SHA-256" | "SHA-384" | "SHA-512" => Ok(Scheme::Pss(hash, h_len, max_salt)),
                _ => Err(unavailable),
            }
        }
        KeyKind::Ec(curve) => {
            if signature.len() != 2 * curve.field_len() {
                return Err(CryptoError::MalformedSignature);
            }
            let curve = match curve.bits() {
                256 => "P-256",
                384 => "P-384",
                _ => "P-521",
            };
            Ok(Scheme::Ecdsa(curve, hash().ok_or(unavailable)?))
        }
        KeyKind::Ed25519 => {
            if signature.len() != 64 {
                return Err(CryptoError::MalformedSignature);
            }
            Ok(Scheme::Ed25519)
        }
    }
}

impl SignatureVerifier for Deferred {
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: &PublicKey,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), CryptoError> {
        scheme(algorithm, key, signature)?;
        let final_pass = *self
            .final_pass
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut s = self.state();
        let known = s
            .known
            .iter()
            .find(|(c, _)| c.is(algorithm, key, message, signature))
            .map(|(_, a)| *a);
        match known {
            Some(Answer::Valid) => Ok(()),
            Some(Answer::Bad) => Err(CryptoError::BadSignature),
            Some(Answer::UnsupportedKey) => Err(CryptoError::UnsupportedKey),
            Some(Answer::Unavailable) => Err(CryptoError::AlgorithmUnavailable { algorithm }),
            None if final_pass => {
                s.missed = true;
                Err(CryptoError::CheckUnanswered)
            }
            None => {
                if s.asked
                    .iter()
                    .any(|c| c.is(algorithm, key, message, signature))
                {
                    return Ok(());
                }
                let check = Check {
                    algorithm,
                    key: key.clone(),
                    message: message.to_vec(),
                    signature: signature.to_vec(),
                };
                match self.on_ask {
                    Some(tell) => {
                        // Told without the lock held: the listener may ask about the
                        // pass.
                        s.asked.push(check.clone());
                        drop(s);
                        tell(&check);
                    }
                    None => s.asked.push(check),
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The passes against the portable backend standing in for WebCrypto: the verdict of
    //! the passes is the portable verdict, on documents that verify and documents that
    //! do not.
    use super::*;
    use trustmeta::{DateTime, Policy, Portable, TrustStore};

    const SMP: &[u8] = include_bytes!("../../tests/data/sample/smp-signed.xml");
    const SIGNER: &[u8] = include_bytes!("../../tests/data/sample/signer.pem");

    fn now() -> DateTime {
        DateTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
    }

    /// What portable says about each check the pass asked.
    fn answer_with_portable(d: &Deferred) -> bool {
        let asked = d.asked();
        let answers: Vec<Answer> = asked
            .iter()
            .map(
                |c| match Portable.verify(c.algorithm, &c.key, &c.message, &c.signature) {
                    Ok(()) => Answer::Valid,
                    Err(CryptoError::UnsupportedKey) => Answer::UnsupportedKey,
                    Err(_) => Answer::Bad,
                },
            )
            .collect();
        d.answer(&answers).unwrap();
        answers.iter().all(|a| *a == Answer::Valid)
    }

    /// Runs `run` in passes as the package does, without a replay cache.
    fn passes<T>(run: impl Fn(&Deferred) -> T) -> (T, usize) {
        let d = Deferred::default();
        for round in 1..=8 {
            d.begin(false);
            let out = run(&d);
            if answer_with_portable(&d) {
                return (out, round);
            }
        }
        panic!("no verdict in 8 passes");
    }

    fn store() -> TrustStore {
        TrustStore::from_pem(SIGNER).unwrap()
    }

    #[test]
    fn a_valid_record_is_decided_in_one_pass_as_portable_decides() {
        let store = store();
        let policy = Policy::default();
        let (out, rounds) = passes(|d| trustmeta::verify_with(SMP, &store, &policy, now(), d));
        let want = trustmeta::verify_with(SMP, &store, &policy, now(), &Portable).unwrap();
        assert_eq!(rounds, 1);
        let (got, want) = (out.unwrap().report(), want.report());
        assert_eq!(
            got.signer.map(|c| c.der().to_vec()),
            want.signer.map(|c| c.der().to_vec())
        );
        assert_eq!(got.pinned, want.pinned);
    }

    #[test]
    fn a_wrong_signature_value_is_refused_as_portable_refuses() {
        // The SignatureValue's first base64 character changed: the digests still match,
        // the signature no longer verifies.
        let text = std::str::from_utf8(SMP).unwrap();
        let at = text.find("SignatureValue>").unwrap() + "SignatureValue>".len();
        let mut bad = text.as_bytes().to_vec();
        bad[at] = if bad[at] == b'A' { b'B' } else { b'A' };
        let store = store();
        let policy = Policy::default();
        let (out, rounds) = passes(|d| trustmeta::verify_with(&bad, &store, &policy, now(), d));
        let want = trustmeta::verify_with(&bad, &store, &policy, now(), &Portable);
        assert_eq!(rounds, 2, "assumed valid, then answered");
        assert_eq!(out.unwrap_err().code(), want.unwrap_err().code());
    }

    /// The checks a notifying verifier told of (one test uses it).
    static TOLD: Mutex<Vec<Check>> = Mutex::new(Vec::new());

    fn tell(c: &Check) {
        TOLD.lock().unwrap().push(c.clone());
    }

    #[test]
    fn each_assumed_check_is_told_once_in_the_order_of_asked_and_answers_are_not() {
        let store = store();
        let policy = Policy::default();
        let d = Deferred::notifying(tell);
        d.begin(false);
        trustmeta::verify_with(SMP, &store, &policy, now(), &d).unwrap();
        // The same check again in the same pass is not told twice.
        let c = d.asked()[0].clone();
        d.verify(c.algorithm, &c.key, &c.message, &c.signature)
            .unwrap();
        assert_eq!(*TOLD.lock().unwrap(), d.asked());
        assert_eq!(d.asked_count(), 1);
        // Answered, the check is known: a second pass tells nothing.
        assert!(answer_with_portable(&d));
        d.begin(false);
        trustmeta::verify_with(SMP, &store, &policy, now(), &d).unwrap();
        assert_eq!(d.asked_count(), 0);
        assert_eq!(TOLD.lock().unwrap().len(), 1);
        // Nor does a final pass, which refuses a check it has no answer for.
        d.begin(true);
        let other = d.verify(c.algorithm, &c.key, b"another message", &c.signature);
        assert_eq!(other, Err(CryptoError::CheckUnanswered));
        assert_eq!(TOLD.lock().unwrap().len(), 1);
    }

    #[test]
    fn a_final_pass_refuses_a_check_it_was_not_answered() {
        let store = store();
        let d = Deferred::default();
        d.begin(true);
        let e = trustmeta::verify_with(SMP, &store, &Policy::default(), now(), &d).unwrap_err();
        assert!(d.missed());
        assert_eq!(e.code(), trustmeta::ErrorCode::CryptoCheckUnanswered);
    }

    #[test]
    fn an_answer_holds_only_for_its_exact_message() {
        let store = store();
        let policy = Policy::default();
        let d = Deferred::default();
        d.begin(false);
        trustmeta::verify_with(SMP, &store, &policy, now(), &d).unwrap();
        assert!(answer_with_portable(&d));
        // The same key and signature value over another message are not answered.
        let c = d.state().known[0].0.clone();
        d.begin(true);
        let other = d.verify(c.algorithm, &c.key, b"another message", &c.signature);
        assert_eq!(other, Err(CryptoError::CheckUnanswered));
        d.begin(true);
        assert_eq!(
            d.verify(c.algorithm, &c.key, &c.message, &c.signature),
            Ok(())
        );
    }

    #[test]
    fn each_answer_gives_the_code_of_the_portable_backend() {
        assert_eq!(Answer::from_code(4), None);
        let store = store();
        let policy = Policy::default();
        for (code, want) in [
            (0, None),
            (1, Some(trustmeta::ErrorCode::CryptoBadSignature)),
            (2, Some(trustmeta::ErrorCode::CryptoUnsupportedKey)),
            (3, Some(trustmeta::ErrorCode::CryptoAlgorithmUnavailable)),
        ] {
            let d = Deferred::default();
            d.begin(false);
            trustmeta::verify_with(SMP, &store, &policy, now(), &d).unwrap();
            d.answer(&[Answer::from_code(code).unwrap()]).unwrap();
            d.begin(true);
            let got = trustmeta::verify_with(SMP, &store, &policy, now(), &d);
            assert!(!d.missed());
            assert_eq!(got.err().map(|e| e.code()), want, "answer {code}");
        }
    }

    #[test]
    fn methods_webcrypto_lacks_are_refused_with_their_code() {
        let store = store();
        let key = store.certificates()[0].public_key().unwrap().clone();
        for alg in [
            SignatureAlgorithm::RsaPkcs1Sha224,
            SignatureAlgorithm::RsaPssSha3_256,
        ] {
            assert_eq!(
                scheme(alg, &key, &[0; 256]),
                Err(CryptoError::AlgorithmUnavailable { algorithm: alg })
            );
        }
        assert_eq!(
            scheme(SignatureAlgorithm::RsaPssSha256, &key, &[0; 256]),
            Ok(Scheme::Pss("SHA-256", 32, 222))
        );
    }
}
