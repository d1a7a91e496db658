//! The JSON form of a result: what the command-line tool prints.

use serde_json::{Map, Value as Json};

use crate::{Record, Value};

/// `v` as JSON: records as objects with snake_case keys in field order, times in RFC 3339
/// (UTC, `Z`), bytes in standard base64, XML as text.
///
/// ```
/// use trustmeta_table::{to_json, Value};
/// assert_eq!(to_json(&Value::Bytes(vec![1, 2, 3])), serde_json::json!("AQID"));
/// ```
pub fn to_json(v: &Value) -> Json {
    to_json_with(v, &|_, _| None)
}

/// [`to_json`], with `special` asked first for every record field: a front door that
/// prints some field in another form (bytes as a digest) returns it, others return
/// `None`.
pub fn to_json_with(v: &Value, special: &dyn Fn(&Record, usize) -> Option<Json>) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(n) => Json::from(*n),
        Value::Str(s) | Value::Xml(s) => Json::String(s.clone()),
        Value::Bytes(b) => Json::String(<base64ct::Base64 as base64ct::Encoding>::encode_string(b)),
        Value::Time(t) => Json::String(t.to_string()),
        Value::List(items) => Json::Array(items.iter().map(|i| to_json_with(i, special)).collect()),
        Value::Record(r) => {
            let mut m = Map::new();
            for (i, (f, value)) in r.fields().enumerate() {
                let j = special(r, i).unwrap_or_else(|| to_json_with(value, special));
                m.insert(f.name.to_owned(), j);
            }
            Json::Object(m)
        }
    }
}
