//! The entry of the asynchronous package (`trustmeta/webcrypto`): a call run in passes
//! ([`crate::deferred`]), the signature checks of each pass handed to JavaScript, which
//! answers them with `crypto.subtle.verify`.

use std::cell::RefCell;

use js_sys::{Array, Function};
use trustmeta::{ErrorCode, KeyKind, PublicKey};
use trustmeta_table::ops;
use wasm_bindgen::prelude::*;

use crate::call::{output, run_with, Pass};
use crate::deferred::{scheme, Answer, Check, Deferred, Scheme};
use crate::value::Json;
use crate::{coded_error, plain_error};

/// The signature checks of one call, over its passes: those WebCrypto answered, and
/// those the last pass assumed valid.
#[wasm_bindgen(js_name = RawChecks)]
pub struct Checks {
    inner: Deferred,
}

impl Default for Checks {
    fn default() -> Self {
        Checks {
            inner: Deferred::notifying(started),
        }
    }
}

thread_local! {
    /// The listener of the pass running now (`rawCallChecked`'s `onAsk`).
    static ON_ASK: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Hands a check the running pass has just assumed valid to its listener, as `asked()`
/// would give it: WebCrypto starts on it while the pass goes on, so the wait for the
/// answer overlaps the rest of the pass instead of following it.
fn started(c: &Check) {
    // Cloned out, so that no borrow is held while JavaScript runs.
    let Some(listener) = ON_ASK.with(|l| l.borrow().clone()) else {
        return;
    };
    let spki = webcrypto_spki(&c.key);
    let mut out = Json::default();
    write_check(&mut out, c, &spki);
    // A listener that throws has not started the check: the wrapper then sees fewer
    // started than `askedCount()` and asks for them all again through `asked()`.
    let _ = listener.call1(&JsValue::NULL, &out.into_js());
}

/// One check as WebCrypto takes it (see [`Checks::asked`]).
fn write_check<'v>(out: &mut Json<'v>, c: &'v Check, spki: &'v [u8]) {
    let (name, hash, curve, salts) = match scheme(c.algorithm, &c.key, &c.signature) {
        Ok(Scheme::Pkcs1(h)) => ("RSASSA-PKCS1-v1_5", Some(h), None, None),
        Ok(Scheme::Pss(h, a, b)) => ("RSA-PSS", Some(h), None, Some((a, b))),
        Ok(Scheme::Ecdsa(curve, h)) => ("ECDSA", Some(h), Some(curve), None),
        // Only checks that have a scheme are ever asked.
        Ok(Scheme::Ed25519) | Err(_) => ("Ed25519", None, None, None),
    };
    out.raw("{\"name\":");
    out.str(name);
    out.raw(",\"hash\":");
    match hash {
        Some(h) => out.str(h),
        None => out.raw("null"),
    }
    out.raw(",\"curve\":");
    match curve {
        Some(c) => out.str(c),
        None => out.raw("null"),
    }
    out.raw(",\"saltLengths\":");
    match salts {
        Some((a, b)) => out.raw(&format!("[{a},{b}]")),
        None => out.raw("null"),
    }
    out.raw(",\"spki\":");
    out.bytes(spki);
    out.raw(",\"message\":");
    out.bytes(&c.message);
    out.raw(",\"signature\":");
    out.bytes(&c.signature);
    out.raw("}");
}

#[wasm_bindgen(js_class = RawChecks)]
impl Checks {
    /// No check answered yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Checks {
        Checks::default()
    }

    /// The checks the last pass assumed valid, each as WebCrypto takes it: `{name, hash,
    /// curve, saltLengths, spki, message, signature}` (`hash`, `curve` null where the
    /// method has none; `saltLengths` only for RSA-PSS; `spki` the key's
    /// SubjectPublicKeyInfo, an RSA key always as `rsaEncryption`).
    pub fn asked(&self) -> JsValue {
        let asked = self.inner.asked();
        let spkis: Vec<Vec<u8>> = asked.iter().map(|c| webcrypto_spki(&c.key)).collect();
        let mut out = Json::default();
        out.raw("[");
        for (i, (c, spki)) in asked.iter().zip(&spkis).enumerate() {
            if i > 0 {
                out.raw(",");
            }
            write_check(&mut out, c, spki);
        }
        out.raw("]");
        out.into_js()
    }

    /// How many checks the last pass assumed valid: the number of answers
    /// [`Checks::answer`] takes.
    #[wasm_bindgen(js_name = askedCount)]
    pub fn asked_count(&self) -> usize {
        self.inner.asked_count()
    }

    /// Records WebCrypto's answers to the checks `asked()` returned, in order: 0 valid,
    /// 1 bad, 2 the key would not import, 3 the engine lacks the method.
    ///
    /// # Errors
    /// A plain `Error` for an unknown answer or a count that is not the number asked.
    pub fn answer(&self, answers: &[u8]) -> Result<(), JsValue> {
        let answers: Option<Vec<Answer>> = answers.iter().map(|a| Answer::from_code(*a)).collect();
        let answers = answers.ok_or_else(|| plain_error("an answer must be 0, 1, 2 or 3"))?;
        self.inner.answer(&answers).map_err(plain_error)
    }
}

/// The SubjectPublicKeyInfo WebCrypto imports: an RSA key under the `rsaEncryption`
/// identifier even when its certificate said `id-RSASSA-PSS`, which WebCrypto refuses.
fn webcrypto_spki(key: &PublicKey) -> Vec<u8> {
    // The DER of OID 1.2.840.113549.1.1.10 (id-RSASSA-PSS), at the start of the SPKI.
    const PSS: [u8; 11] = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a,
    ];
    let spki = key.spki_der();
    let head = &spki[..spki.len().min(32)];
    match key.kind() {
        KeyKind::Rsa { .. } if head.windows(PSS.len()).any(|w| w == PSS) => {
            PublicKey::from_pkcs1_rsa_der(key.key_bytes())
                .map_or_else(|_| spki.to_vec(), |k| k.spki_der().to_vec())
        }
        _ => spki.to_vec(),
    }
}

/// One pass of operation `op` (as `rawCall`), its signature checks answered from
/// `checks`: on a provisional pass (`final_pass` false) a check without an answer is
/// assumed valid and listed in `checks.asked()`, and the replay cache is left out; on a
/// final pass such a check refuses the call with `crypto.check_unanswered`. `on_ask`,
/// when given, is called with each check as the pass assumes it, in the order of
/// `asked()`, so that WebCrypto can start on it before the pass ends.
///
/// # Errors
/// As `rawCall`; `crypto.check_unanswered` as above.
#[wasm_bindgen(js_name = rawCallChecked)]
pub fn raw_call_checked(
    op: &str,
    positional: &Array,
    options: &JsValue,
    now_millis: f64,
    checks: &Checks,
    final_pass: bool,
    on_ask: Option<Function>,
) -> Result<JsValue, JsValue> {
    let op = ops::find(op).ok_or_else(|| plain_error(&format!("no operation {op}")))?;
    checks.inner.begin(final_pass);
    let pass = Pass {
        verifier: &checks.inner,
        provisional: !final_pass,
    };
    ON_ASK.with(|l| *l.borrow_mut() = on_ask);
    let out = run_with(op, positional, options, now_millis, Some(&pass));
    ON_ASK.with(|l| *l.borrow_mut() = None);
    if checks.inner.missed() {
        let e = trustmeta::CryptoError::CheckUnanswered;
        return Err(coded_error(
            ErrorCode::CryptoCheckUnanswered,
            &e.to_string(),
        ));
    }
    out.map(output)
}
