//! WebAssembly bindings of [`trustmeta`], for the npm package `trustmeta`.
//!
//! This crate is the Rust half of the package: `wasm-bindgen` turns it into a `.wasm`
//! module plus low-level JS glue, and the `wasm/js/` wrapper on top of that glue is the
//! public API. Nothing here is meant to be called directly from JavaScript.
//!
//! Every operation goes through one function, [`call::raw_call`]: it reads the
//! operation's arguments from JavaScript as the table (`trustmeta-table`) describes them,
//! runs the table's [`Call`](trustmeta_table::ops::Call), and converts what comes back
//! with one converter ([`value`]). What keeps state between calls — trust stores, issuer
//! trust, replay caches, EMREG lists, decryption keys, the streaming metadata verifier
//! and the results that answer lookups — are the handles of [`handle`] and [`held`].
//!
//! Conventions at this boundary:
//! - byte inputs are `Uint8Array`s, copied into WebAssembly memory only after their
//!   length passed the input limit;
//! - results are plain JS objects with camelCase fields;
//! - a refused argument is a `TypeError` naming it; a refusal of the core is a JS `Error`
//!   carrying `code` (the core's stable string) and `number`, which the wrapper rethrows
//!   as a `TrustmetaError`.
//!
//! The core is built without its fast backend: no `ring`, no randomness, nothing that
//! needs the host beyond memory. It reports every failure as an error value and does not
//! panic on input; should it ever, the module traps (`panic = "abort"`).

#![forbid(unsafe_code)]

mod call;
#[cfg(any(test, feature = "webcrypto"))]
mod deferred;
mod handle;
mod held;
mod replay;
mod value;
#[cfg(feature = "webcrypto")]
mod webcrypto;

use js_sys::{Object, Reflect};
use trustmeta::ErrorCode;
use wasm_bindgen::prelude::*;

/// Every error code of the core, as an object `code → number`, in table order.
#[wasm_bindgen(js_name = rawErrorCodes)]
pub fn error_codes() -> Object {
    let obj = Object::new();
    for code in ErrorCode::ALL {
        set(&obj, code.as_str(), u32::from(code.number()));
    }
    obj
}

/// The version of this package (the workspace version, shared with the core).
#[wasm_bindgen(js_name = rawVersion)]
pub fn version() -> String {
    String::from(env!("CARGO_PKG_VERSION"))
}

/// A JS `Error` with the core's message, `code` (dotted string) and `number`.
pub(crate) fn error_value(e: &trustmeta::Error) -> JsValue {
    coded_error(e.code(), &e.to_string())
}

/// A JS `Error` with `code` and `number` of `code`, saying `message`.
pub(crate) fn coded_error(code: ErrorCode, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    set(&err, "code", code.as_str());
    set(&err, "number", u32::from(code.number()));
    err.into()
}

/// A JS `Error` without a code: a misuse of a handle, not a verdict about a document.
pub(crate) fn plain_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// `snake_case` as `camelCase`, as `trustmeta_table::camel_case` spells the table's
/// (ASCII) names, without the Unicode case tables that would add to the module.
pub(crate) fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    camel_into(&mut out, snake);
    out
}

/// `snake` in camelCase, written into `out`.
pub(crate) fn camel_into(out: &mut String, snake: &str) {
    let mut upper = false;
    for c in snake.chars() {
        match (c, upper) {
            ('_', _) => upper = true,
            (c, true) => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            (c, false) => out.push(c),
        }
    }
}

pub(crate) fn set(target: &JsValue, key: &str, value: impl Into<JsValue>) {
    // Setting a data property on a fresh ordinary object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value.into());
}

#[cfg(test)]
mod tests {
    use super::camel;
    use trustmeta_table::ops::ALL;
    use trustmeta_table::{camel_case, records};

    #[test]
    fn camel_spells_every_name_of_the_table_as_the_table_does() {
        let fields = records::ALL
            .iter()
            .flat_map(|d| d.fields.iter().map(|f| f.name));
        let args = ALL.iter().flat_map(|o| o.args.iter().map(|a| a.name));
        let ops = ALL.iter().map(|o| o.name);
        for name in fields.chain(args).chain(ops) {
            assert_eq!(camel(name), camel_case(name), "{name}");
        }
    }
}
