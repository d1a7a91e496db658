//! The table's values as JavaScript values, for every result alike: a record is a plain
//! object with its fields in camelCase, in the table's order; a list is an array, a time
//! a `Date`, bytes a `Uint8Array`, text and XML strings, absent `null`.
//!
//! Equal records within one result are one object: a trust service listed under its
//! provider, among all services and in the OpenNCP view is the same object in all three,
//! so JavaScript can compare them by identity. The wrapper freezes results, so sharing
//! is never visible otherwise.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use js_sys::{Array, Date, Object, Reflect, Uint8Array};
use trustmeta_table::{Record, RecordDesc, Value};
use wasm_bindgen::JsValue;

use crate::camel;

/// `v` as a JavaScript value.
pub(crate) fn to_js(v: &Value) -> JsValue {
    Converter::default().value(v)
}

#[derive(Default)]
struct Converter<'v> {
    /// The camelCase keys of each record description met, made once per result.
    keys: Vec<(&'static RecordDesc, Vec<JsValue>)>,
    /// The records converted so far, by the hash of their values.
    records: BTreeMap<u64, Vec<(&'v Record, JsValue)>>,
}

impl<'v> Converter<'v> {
    fn value(&mut self, v: &'v Value) -> JsValue {
        match v {
            Value::Null => JsValue::NULL,
            Value::Bool(b) => JsValue::from_bool(*b),
            // Counts, sequence numbers and indexes: exact in a JS number below 2^53.
            #[allow(clippy::cast_precision_loss)]
            Value::Int(n) => JsValue::from_f64(*n as f64),
            Value::Str(s) | Value::Xml(s) => JsValue::from_str(s),
            Value::Bytes(b) => Uint8Array::from(b.as_slice()).into(),
            Value::Time(t) => time(*t).into(),
            Value::List(items) => items
                .iter()
                .map(|i| self.value(i))
                .collect::<Array>()
                .into(),
            Value::Record(r) => self.record(r),
        }
    }

    fn record(&mut self, r: &'v Record) -> JsValue {
        let mut h = Fnv::default();
        hash_record(r, &mut h);
        let hash = h.finish();
        if let Some((_, obj)) = self
            .records
            .get(&hash)
            .and_then(|same| same.iter().find(|(s, _)| *s == r))
        {
            return obj.clone();
        }
        let obj: JsValue = Object::new().into();
        for (i, v) in r.values.iter().enumerate() {
            let value = self.value(v);
            let key = self.key(r.desc, i);
            // A data property of a fresh ordinary object: setting it cannot fail.
            let _ = Reflect::set(&obj, &key, &value);
        }
        self.records.entry(hash).or_default().push((r, obj.clone()));
        obj
    }

    fn key(&mut self, desc: &'static RecordDesc, i: usize) -> JsValue {
        let at = match self.keys.iter().position(|(d, _)| core::ptr::eq(*d, desc)) {
            Some(at) => at,
            None => {
                let keys = desc
                    .fields
                    .iter()
                    .map(|f| JsValue::from_str(&camel(f.name)));
                self.keys.push((desc, keys.collect()));
                self.keys.len() - 1
            }
        };
        self.keys[at]
            .1
            .get(i)
            .cloned()
            .unwrap_or(JsValue::UNDEFINED)
    }
}

/// A `Date` for a core time (seconds to milliseconds: exact for any time a `Date` holds).
pub(crate) fn time(t: trustmeta::DateTime) -> Date {
    #[allow(clippy::cast_precision_loss)]
    let millis = t.unix_seconds() as f64 * 1000.0;
    Date::new(&JsValue::from_f64(millis))
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
