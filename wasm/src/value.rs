//! The table's values as JavaScript values, for every result alike: a record is a plain
//! object with its fields in camelCase, in the table's order; a list is an array, a time
//! a `Date`, bytes a `Uint8Array`, text and XML strings, absent `null`.
//!
//! Equal records within one result are one object: a trust service listed under its
//! provider, among all services and in the OpenNCP view is the same object in all three,
//! so JavaScript can compare them by identity. The wrapper freezes results, so sharing
//! is never visible otherwise.
//!
//! A value crosses into JavaScript as one JSON text and the values beside it: building it
//! property by property cost a call into JavaScript per field and per string (~45 µs of
//! one SMP verification in node, a tenth of it). The wrapper's decoder (`decodeValue`
//! in `js/api.js`, registered by [`set_decoder`] when the module is ready) parses the text
//! and puts in the values JSON has no form for, each written as an object with one key
//! that no field's camelCase name can be: `{"$t": ms}` a `Date`, `{"$v": i}` the `i`th
//! value passed beside the text (a byte array, or a long string such as signed XML,
//! which is neither escaped nor parsed), `{"$r": i}` the `i`th record of the text in
//! pre-order (a repeat). See `docs/adr/0010-webassembly-results-as-json.md`.

use core::cell::RefCell;
use core::fmt::Write as _;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use js_sys::{Array, Function, Uint8Array};
use trustmeta_table::{Record, Value};
use wasm_bindgen::prelude::*;

thread_local! {
    /// The wrapper's decoder: `(json, side) => value`.
    static DECODER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers the wrapper's decoder of [`to_js`]'s JSON; the wrapper calls it once, when
/// the module is ready and before any operation.
#[wasm_bindgen(js_name = rawSetDecoder)]
pub fn set_decoder(decoder: Function) {
    DECODER.with(|d| *d.borrow_mut() = Some(decoder));
}

/// `v` as a JavaScript value.
pub(crate) fn to_js(v: &Value) -> JsValue {
    let mut e = Encoder::default();
    e.value(v);
    e.out.into_js()
}

/// Strings of this many bytes or more go beside the text.
const LONG: usize = 256;

enum Side<'v> {
    Bytes(&'v [u8]),
    Str(&'v str),
}

/// A JSON text and the values beside it, which the wrapper's decoder turns into one
/// JavaScript value.
#[derive(Default)]
pub(crate) struct Json<'v> {
    text: String,
    side: Vec<Side<'v>>,
}

impl<'v> Json<'v> {
    /// Appends JSON text as it is.
    pub(crate) fn raw(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Appends a string (a long one beside the text).
    pub(crate) fn str(&mut self, s: &'v str) {
        if s.len() >= LONG {
            self.beside(Side::Str(s));
        } else {
            string(&mut self.text, s);
        }
    }

    /// Appends a `Uint8Array` of `b`.
    pub(crate) fn bytes(&mut self, b: &'v [u8]) {
        self.beside(Side::Bytes(b));
    }

    fn beside(&mut self, v: Side<'v>) {
        let _ = write!(self.text, "{{\"$v\":{}}}", self.side.len());
        self.side.push(v);
    }

    /// The value, from the wrapper's decoder.
    pub(crate) fn into_js(self) -> JsValue {
        let side: Array = self
            .side
            .iter()
            .map(|v| match v {
                Side::Bytes(b) => JsValue::from(Uint8Array::from(*b)),
                Side::Str(s) => JsValue::from_str(s),
            })
            .collect();
        let json = JsValue::from_str(&self.text);
        let out = DECODER.with(|d| {
            d.borrow()
                .as_ref()
                .map(|f| f.call2(&JsValue::NULL, &json, &side))
        });
        match out {
            Some(Ok(v)) => v,
            // The decoder parses what this module wrote: it throws only on a bug here.
            Some(Err(e)) => wasm_bindgen::throw_val(e),
            None => wasm_bindgen::throw_str(
                "trustmeta: no value decoder registered (the wrapper registers it when the module is ready)",
            ),
        }
    }
}

#[derive(Default)]
struct Encoder<'v> {
    out: Json<'v>,
    /// The records written so far, by the hash of their values: their pre-order number.
    records: BTreeMap<u64, Vec<(&'v Record, u32)>>,
    written: u32,
}

impl<'v> Encoder<'v> {
    fn value(&mut self, v: &'v Value) {
        let out = &mut self.out;
        match v {
            Value::Null => out.raw("null"),
            Value::Bool(b) => out.raw(if *b { "true" } else { "false" }),
            // Counts, sequence numbers and indexes: exact in a JS number below 2^53.
            Value::Int(n) => {
                let _ = write!(out.text, "{n}");
            }
            Value::Str(s) | Value::Xml(s) => out.str(s),
            Value::Bytes(b) => out.bytes(b),
            // Seconds to milliseconds: exact for any time a `Date` holds.
            Value::Time(t) => {
                let millis = i128::from(t.unix_seconds()) * 1000;
                let _ = write!(out.text, "{{\"$t\":{millis}}}");
            }
            Value::List(items) => {
                out.raw("[");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.raw(",");
                    }
                    self.value(item);
                }
                self.out.raw("]");
            }
            Value::Record(r) => self.record(r),
        }
    }

    fn record(&mut self, r: &'v Record) {
        if self.out.text.is_empty() {
            // The result's own record holds every other: it repeats none of them.
            self.written = 1;
            self.fields(r);
            return;
        }
        let mut h = Fnv::default();
        hash_record(r, &mut h);
        let hash = h.finish();
        if let Some((_, n)) = self
            .records
            .get(&hash)
            .and_then(|same| same.iter().find(|(s, _)| *s == r))
        {
            let _ = write!(self.out.text, "{{\"$r\":{n}}}");
            return;
        }
        self.records
            .entry(hash)
            .or_default()
            .push((r, self.written));
        self.written += 1;
        self.fields(r);
    }

    fn fields(&mut self, r: &'v Record) {
        self.out.raw("{");
        for (i, (v, f)) in r.values.iter().zip(r.desc.fields).enumerate() {
            if i > 0 {
                self.out.raw(",");
            }
            self.out.text.push('"');
            crate::camel_into(&mut self.out.text, f.name);
            self.out.raw("\":");
            self.value(v);
        }
        self.out.raw("}");
    }
}

/// `s` as a JSON string: quote, backslash and the control characters escaped, everything
/// else as it is (JSON text is Unicode).
fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        if esc.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(esc);
        }
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// FNV-1a: records are compared in full when their hashes meet, so a small hash does.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn hash_record(r: &Record, h: &mut Fnv) {
    r.desc.name.hash(h);
    for v in &r.values {
        hash_value(v, h);
    }
}

fn hash_value(v: &Value, h: &mut Fnv) {
    core::mem::discriminant(v).hash(h);
    match v {
        Value::Null => {}
        Value::Bool(b) => b.hash(h),
        Value::Int(n) => n.hash(h),
        Value::Str(s) | Value::Xml(s) => s.hash(h),
        Value::Bytes(b) => b.hash(h),
        Value::Time(t) => t.unix_seconds().hash(h),
        Value::List(items) => {
            items.len().hash(h);
            for i in items {
                hash_value(i, h);
            }
        }
        Value::Record(r) => hash_record(r, h),
    }
}
