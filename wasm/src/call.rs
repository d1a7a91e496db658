//! One way to call every operation of the table: [`raw_call`] reads each argument from
//! the positional array or the options object (under its camelCase name), converts it by
//! the kind the table gives it, runs the call and converts what it returns.
//!
//! Arguments are refused with a `TypeError` that names them in JavaScript's words
//! (`` trustmeta.verifySmp: `participant` must be a string, got undefined ``); ranges are
//! the table's sentences. A byte argument is measured against the input limit before it
//! is copied into WebAssembly memory.

use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Date, JsString, Object, Reflect, Uint8Array};
use trustmeta::{DateTime, Policy, SignatureVerifier, XmlError};
use trustmeta_table::gen::typescript::text_bytes;
use trustmeta_table::ops::{
    self, Arg, ArgError, ArgKind, ArgProblem, ArgValue, Call, Default, OpDesc, OpError, Output,
};
use wasm_bindgen::convert::TryFromJsValue;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::handle::{Handle, RawIssuerTrust, Shared};
use crate::held::{self, HeldMetadata, HeldTsl, MetadataStream};
use crate::value::to_js;
use crate::{camel, error_value, plain_error};

/// Calls operation `op` (its name in the table, `verify_saml_response`) with its
/// positional arguments in `positional` and the others in `options` (an object, or
/// undefined), at `now_millis` when `now` is not given. Returns the result as plain JS
/// values, or one of the handles: `RawIssuerTrust`, `RawMetadataStream`, or a
/// `RawHeldMetadata` / `RawHeldTsl` holding the result (`takeValue()`) and what answers
/// lookups on it.
///
/// # Errors
/// A `TypeError` for an argument of the wrong kind or value, naming it; the core's
/// refusal as a JS error with `code`.
#[wasm_bindgen(js_name = rawCall)]
pub fn raw_call(
    op: &str,
    positional: &Array,
    options: &JsValue,
    now_millis: f64,
) -> Result<JsValue, JsValue> {
    let op = ops::find(op).ok_or_else(|| plain_error(&format!("no operation {op}")))?;
    if let Some(result) = held::verify_large_metadata(op, positional, options, now_millis)? {
        return Ok(result);
    }
    run(op, positional, options, now_millis).map(output)
}

/// Runs `op` on JS arguments.
pub(crate) fn run(
    op: &'static OpDesc,
    positional: &Array,
    options: &JsValue,
    now_millis: f64,
) -> Result<Output, JsValue> {
    run_with(op, positional, options, now_millis, None)
}

/// How a pass of an asynchronously verified call runs (`crate::deferred`).
pub(crate) struct Pass<'v> {
    /// The verifier answering the signature checks.
    pub(crate) verifier: &'v dyn SignatureVerifier,
    /// A provisional pass leaves the replay cache out (the call then uses a throwaway
    /// one), so that only the pass whose result is returned records an assertion.
    pub(crate) provisional: bool,
}

/// Runs `op` on JS arguments, in one pass of an asynchronously verified call when
/// `pass` says so.
pub(crate) fn run_with(
    op: &'static OpDesc,
    positional: &Array,
    options: &JsValue,
    now_millis: f64,
    pass: Option<&Pass<'_>>,
) -> Result<Output, JsValue> {
    let given = given(op, positional, options)?;
    let mut owned = Vec::with_capacity(given.len());
    for (arg, value) in &given {
        if let Some(v) = convert(op, arg, value, now_millis)? {
            owned.push((*arg, value, v));
        }
    }
    if pass.is_some_and(|p| p.provisional) {
        owned.retain(|(arg, _, _)| !matches!(arg.kind, ArgKind::ReplayCache));
    }
    let mut call = Call::new(op);
    if let Some(p) = pass {
        call = call.with_verifier(p.verifier);
    }
    for (arg, value, v) in &owned {
        call.set(arg.name, v.arg())
            .map_err(|e| arg_error(op.name, &e, value))?;
    }
    call.run().map_err(|e| match e {
        OpError::Arg(e) => {
            let value = given
                .iter()
                .find(|(a, _)| a.name == e.arg)
                .map_or(JsValue::UNDEFINED, |(_, v)| v.clone());
            arg_error(op.name, &e, &value)
        }
        OpError::Core(e) => error_value(&e),
    })
}

/// The JS value given for each argument of `op`, in the table's order (undefined when
/// not given).
fn given(
    op: &'static OpDesc,
    positional: &Array,
    options: &JsValue,
) -> Result<Vec<(&'static Arg, JsValue)>, JsValue> {
    let options = if options.is_undefined() {
        None
    } else if options.is_object() && !Array::is_array(options) {
        Some(options)
    } else {
        let message = format!("`options` must be an object, got {}", describe(options));
        return Err(type_error(op.name, &message));
    };
    if let Some(o) = options {
        for key in Object::keys(o.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !op
                .args
                .iter()
                .any(|a| !a.positional && camel(a.name) == key)
            {
                let known: Vec<String> = op
                    .args
                    .iter()
                    .filter(|a| !a.positional)
                    .map(|a| camel(a.name))
                    .collect();
                let message = format!("unknown option `{key}` (known: {})", known.join(", "));
                return Err(type_error(op.name, &message));
            }
        }
    }
    let mut index = 0;
    let mut out = Vec::with_capacity(op.args.len());
    for arg in op.args {
        let value = if arg.positional {
            index += 1;
            positional.get(index - 1)
        } else {
            match options {
                Some(o) => Reflect::get(o, &JsValue::from_str(&camel(arg.name)))?,
                None => JsValue::UNDEFINED,
            }
        };
        out.push((arg, value));
    }
    Ok(out)
}

/// An argument read from JavaScript, owned until the call borrows it.
enum Owned {
    Bytes(Vec<u8>),
    Text(String),
    Bool(bool),
    Int(i64),
    Time(DateTime),
    Handle(Shared),
}

impl Owned {
    fn arg(&self) -> ArgValue<'_> {
        match self {
            Owned::Bytes(b) => ArgValue::Bytes(b),
            Owned::Text(t) => ArgValue::Text(t.clone()),
            Owned::Bool(b) => ArgValue::Bool(*b),
            Owned::Int(n) => ArgValue::Int(*n),
            Owned::Time(t) => ArgValue::Time(*t),
            Owned::Handle(Shared::Store(s)) => ArgValue::Store(s),
            Owned::Handle(Shared::IssuerTrust(t)) => ArgValue::IssuerTrust(t),
            Owned::Handle(Shared::ReplayCache(c)) => ArgValue::ReplayCache(c),
            Owned::Handle(Shared::Emreg(e)) => ArgValue::Emreg(e),
            Owned::Handle(Shared::DecryptionKeys(k)) => ArgValue::DecryptionKeys(k),
        }
    }
}

/// `value` as argument `arg`: `None` when not given (undefined or null), which the
/// table then refuses when the argument is required.
fn convert(
    op: &'static OpDesc,
    arg: &'static Arg,
    value: &JsValue,
    now_millis: f64,
) -> Result<Option<Owned>, JsValue> {
    if value.is_undefined() || value.is_null() {
        // wasm32 has no clock: JavaScript gives the time of the call.
        return Ok((arg.default == Default::Now).then(|| Owned::Time(unix_millis(now_millis))));
    }
    let wrong = || {
        let e = ArgError {
            op: op.name,
            arg: arg.name.to_owned(),
            problem: ArgProblem::Type,
            message: String::new(),
        };
        arg_error(op.name, &e, value)
    };
    let owned = match &arg.kind {
        ArgKind::Bytes => Owned::Bytes(bytes(op, arg, value)?.ok_or_else(wrong)?),
        ArgKind::Text | ArgKind::Choice(_) => Owned::Text(value.as_string().ok_or_else(wrong)?),
        ArgKind::Bool => Owned::Bool(value.as_bool().ok_or_else(wrong)?),
        ArgKind::Int { .. } => Owned::Int(integer(value).ok_or_else(wrong)?),
        ArgKind::Time => {
            let millis = value
                .dyn_ref::<Date>()
                .map(Date::get_time)
                .filter(|m| m.is_finite())
                .ok_or_else(wrong)?;
            Owned::Time(unix_millis(millis))
        }
        ArgKind::Store
        | ArgKind::IssuerTrust
        | ArgKind::ReplayCache
        | ArgKind::Emreg
        | ArgKind::DecryptionKeys => {
            let token = Handle::try_from_js_value_ref(value).ok_or_else(wrong)?;
            let fits = matches!(
                (&arg.kind, &token.0),
                (ArgKind::Store, Shared::Store(_))
                    | (ArgKind::IssuerTrust, Shared::IssuerTrust(_))
                    | (ArgKind::ReplayCache, Shared::ReplayCache(_))
                    | (ArgKind::Emreg, Shared::Emreg(_))
                    | (ArgKind::DecryptionKeys, Shared::DecryptionKeys(_))
            );
            if !fits {
                let e = ArgError {
                    op: op.name,
                    arg: arg.name.to_owned(),
                    problem: ArgProblem::Type,
                    message: String::new(),
                };
                let class = token.0.class();
                return Err(refusal(op.name, &e, class, class));
            }
            Owned::Handle(token.0)
        }
    };
    Ok(Some(owned))
}

/// The bytes of `value` if it is a `Uint8Array` (or, where JavaScript takes text too, a
/// string: its UTF-8), refused past the input limit before they are copied.
fn bytes(op: &OpDesc, arg: &Arg, value: &JsValue) -> Result<Option<Vec<u8>>, JsValue> {
    let limit = Policy::default().limits.max_input_bytes;
    let too_large = |size: usize| error_value(&XmlError::InputTooLarge { size, limit }.into());
    if let Some(array) = uint8_array(value) {
        let size = usize::try_from(array.length()).unwrap_or(usize::MAX);
        if size > limit {
            return Err(too_large(size));
        }
        return Ok(Some(array.to_vec()));
    }
    if text_bytes(op.name, arg.name) {
        if let Some(s) = value.dyn_ref::<JsString>() {
            // Each UTF-16 unit is at least one byte of UTF-8.
            let units = usize::try_from(s.length()).unwrap_or(usize::MAX);
            if units > limit {
                return Err(too_large(units));
            }
            let text = String::from(s);
            if text.len() > limit {
                return Err(too_large(text.len()));
            }
            return Ok(Some(text.into_bytes()));
        }
    }
    Ok(None)
}

/// `value` as a `Uint8Array` (a node `Buffer` is one), from this realm or another.
pub(crate) fn uint8_array(value: &JsValue) -> Option<Uint8Array> {
    if value.is_instance_of::<Uint8Array>() {
        return Some(value.clone().unchecked_into());
    }
    (ArrayBuffer::is_view(value) && constructor_name(value).as_deref() == Some("Uint8Array"))
        .then(|| value.clone().unchecked_into())
}

/// A JS number that is an integer a double holds exactly.
fn integer(value: &JsValue) -> Option<i64> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    let n = value.as_f64()?;
    if n.fract() != 0.0 || !(-MAX_SAFE..=MAX_SAFE).contains(&n) {
        return None;
    }
    // A whole number within ±2^53: exact as an i64.
    #[allow(clippy::cast_possible_truncation)]
    Some(n as i64)
}

/// Whole Unix seconds of JS milliseconds (finite, within a `Date`'s range).
fn unix_millis(millis: f64) -> DateTime {
    // A `Date` holds at most ±8.64e15 ms: the seconds fit an i64 exactly.
    #[allow(clippy::cast_possible_truncation)]
    let secs = (millis / 1000.0).floor() as i64;
    DateTime::from_unix(secs)
}

/// What an operation returned, as JavaScript gets it.
pub(crate) fn output(out: Output) -> JsValue {
    match out {
        Output::Value(v) => to_js(&v),
        Output::IssuerTrust(t) => RawIssuerTrust { inner: Rc::new(t) }.into(),
        Output::Metadata(v, m) => HeldMetadata::new(to_js(&v), m, None).into(),
        Output::Tsl(v, t) => HeldTsl::new(to_js(&v), t).into(),
        Output::MetadataStream(s) => MetadataStream::new(*s).into(),
    }
}

// --- Messages ----------------------------------------------------------------------------------

/// A `TypeError` of operation `op` (snake case) saying `message`.
fn type_error(op: &str, message: &str) -> JsValue {
    js_sys::TypeError::new(&format!("trustmeta.{}: {message}", camel(op))).into()
}

/// The refusal of an argument, in JavaScript's words: what it must be and what it got,
/// or the table's sentence for a value out of range.
pub(crate) fn arg_error(op: &str, e: &ArgError, given: &JsValue) -> JsValue {
    let quoted = match given.as_string() {
        Some(s) => format!("'{s}'"),
        None => describe(given),
    };
    refusal(op, e, &describe(given), &quoted)
}

/// `e` said with `shown` (or `quoted`, for a choice) as what the argument got.
fn refusal(op: &str, e: &ArgError, shown: &str, quoted: &str) -> JsValue {
    let arg = ops::find(op).and_then(|d| d.arg(&e.arg));
    let choices = match arg.map(|a| &a.kind) {
        Some(ArgKind::Choice(names)) => Some(*names),
        _ => None,
    };
    let rest = match (e.problem, arg, choices) {
        (ArgProblem::Value | ArgProblem::Type | ArgProblem::Missing, _, Some(names)) => {
            let names: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
            format!("must be {}, got {quoted}", names.join(", "))
        }
        (ArgProblem::Type | ArgProblem::Missing, Some(a), None) => {
            format!("must be {}, got {shown}", expected(op, a))
        }
        _ => e.message.clone(),
    };
    type_error(op, &format!("`{}` {rest}", camel(&e.arg)))
}

/// What argument `a` takes, in JavaScript's words.
fn expected(op: &str, a: &Arg) -> &'static str {
    match a.kind {
        ArgKind::Bytes if text_bytes(op, a.name) => "a Uint8Array or a string",
        ArgKind::Bytes => "a Uint8Array",
        ArgKind::Text | ArgKind::Choice(_) => "a string",
        ArgKind::Bool => "a boolean",
        ArgKind::Int { .. } => "an integer",
        ArgKind::Time => "a valid Date",
        ArgKind::Store => "a TrustStore (TrustStore.fromPem(…))",
        ArgKind::IssuerTrust => "an IssuerTrust (IssuerTrust.anyIssuer(store))",
        ArgKind::ReplayCache => "a ReplayCache",
        ArgKind::Emreg => "an Emreg (Emreg.parse(…))",
        ArgKind::DecryptionKeys => "a DecryptionKeys (DecryptionKeys.fromPem(…))",
    }
}

/// `value` described for a message: its type, its constructor's name, or a number.
pub(crate) fn describe(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if let Some(n) = value.as_f64() {
        return js_sys::Number::from(n)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
    }
    if !value.is_object() {
        return value.js_typeof().as_string().unwrap_or_default();
    }
    constructor_name(value).unwrap_or_else(|| "object".into())
}

fn constructor_name(value: &JsValue) -> Option<String> {
    let ctor = Reflect::get(value, &JsValue::from_str("constructor")).ok()?;
    Reflect::get(&ctor, &JsValue::from_str("name"))
        .ok()?
        .as_string()
}
