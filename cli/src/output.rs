//! What a verifying command prints: with `--json` one object whose fields are the same on
//! success and failure — `valid`, `error`, then the result record's fields from the
//! table (null on failure) — otherwise text read from the same record.

use std::process::ExitCode;

use serde_json::{json, Map, Value as Json};
use trustmeta::Error;
use trustmeta_table::ops::{ArgError, Call, OpError, Output};
use trustmeta_table::{to_json, Kind, Record, RecordDesc, Value};

use crate::UsageError;

/// Why a command did not verify: the core's refusal or an argument the table refused.
pub(crate) enum Refusal {
    /// The document was refused (exit status 1).
    Core(Error),
    /// The document was refused (exit status 1), and the command line knows better
    /// what the user should do than the core's sentence says: the core's code with the
    /// command line's message.
    Explained(Error, String),
    /// A usage problem (exit status 2).
    Usage(String),
    /// Another failure of the command's own (a DNS or HTTP failure of a lookup), with its
    /// code and exit status.
    Other {
        /// Its code.
        code: String,
        /// What went wrong.
        message: String,
        /// The exit status.
        exit: u8,
    },
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Self {
        Refusal::Core(e)
    }
}

impl From<UsageError> for Refusal {
    fn from(e: UsageError) -> Self {
        Refusal::Usage(e.0)
    }
}

/// An argument the table refused, as the command line names it: `--skew`, not `skew`.
pub(crate) fn usage(e: &ArgError) -> String {
    format!("--{} {}", e.arg.replace('_', "-"), e.message)
}

/// Runs `call`; a refused argument is a usage error.
pub(crate) fn run(call: Call<'_>) -> Result<Output, Refusal> {
    call.run().map_err(|e| match e {
        OpError::Arg(a) => Refusal::Usage(usage(&a)),
        OpError::Core(e) => Refusal::Core(e),
    })
}

/// The `error` member: the core's code, its number and the message.
pub(crate) fn error_json(code: &str, number: Option<u16>, message: &str) -> Json {
    json!({"code": code, "number": number, "message": message})
}

/// The `error` member of a refusal.
pub(crate) fn refusal_json(r: &Refusal) -> Json {
    match r {
        Refusal::Core(e) => error_json(e.code().as_str(), Some(e.code().number()), &e.to_string()),
        Refusal::Explained(e, msg) => error_json(e.code().as_str(), Some(e.code().number()), msg),
        Refusal::Usage(msg) => error_json("usage", None, msg),
        // A code of the core's table (the lookup's `lookup.*`) carries its number too.
        Refusal::Other { code, message, .. } => error_json(
            code,
            trustmeta::ErrorCode::from_str_code(code).map(trustmeta::ErrorCode::number),
            message,
        ),
    }
}

/// The JSON object of a result of `desc` (`Ok`) or of a failure, with the same members.
pub(crate) fn object(
    desc: &'static RecordDesc,
    result: Result<&Value, &Refusal>,
) -> Map<String, Json> {
    let mut m = Map::new();
    match result {
        Ok(v) => {
            m.insert("valid".into(), Json::Bool(true));
            m.insert("error".into(), Json::Null);
            if let Json::Object(fields) = to_json(v) {
                m.extend(fields);
            }
        }
        Err(r) => {
            m.insert("valid".into(), Json::Bool(false));
            m.insert("error".into(), refusal_json(r));
            for f in desc.fields {
                m.insert(f.name.into(), Json::Null);
            }
        }
    }
    m
}

/// Prints a verifying command's outcome and gives its exit status: 0 verified, 1
/// refused, 2 usage. `text` prints a verified record for people; `extra` adds members of
/// the command's own to the JSON object.
pub(crate) fn emit(
    json: bool,
    desc: &'static RecordDesc,
    result: Result<&Value, &Refusal>,
    extra: impl FnOnce(&mut Map<String, Json>),
    text: impl FnOnce(&Value),
) -> ExitCode {
    if json {
        let mut m = object(desc, result);
        extra(&mut m);
        println!("{}", Json::Object(m));
    } else {
        match result {
            Ok(v) => text(v),
            Err(Refusal::Core(e)) => println!("rejected: {} ({})", e, e.code()),
            Err(Refusal::Explained(e, msg)) => println!("rejected: {msg} ({})", e.code()),
            Err(Refusal::Usage(msg)) => eprintln!("trustmeta: {msg}"),
            Err(Refusal::Other { code, message, .. }) => println!("{message} ({code})"),
        }
    }
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(Refusal::Core(_) | Refusal::Explained(..)) => ExitCode::from(1),
        Err(Refusal::Usage(_)) => ExitCode::from(2),
        Err(Refusal::Other { exit, .. }) => ExitCode::from(*exit),
    }
}

/// Prints a record for people: one `name: value` line per field that has a value,
/// nested records and lists of records indented below their field.
pub(crate) fn print_text(title: &str, v: &Value) {
    println!("verified: {title}");
    if let Value::Record(r) = v {
        print_record(r, 1);
    }
}

fn print_record(r: &Record, depth: usize) {
    let pad = "  ".repeat(depth);
    for (f, value) in r.fields() {
        match value {
            Value::Null => {}
            Value::List(items) if items.is_empty() => {}
            Value::Record(inner) => {
                println!("{pad}{}:", f.name);
                print_record(inner, depth + 1);
            }
            Value::List(items) if matches!(items[0], Value::Record(_)) => {
                for item in items {
                    println!("{pad}{}:", singular(f.name));
                    if let Value::Record(inner) = item {
                        print_record(inner, depth + 1);
                    }
                }
            }
            Value::Xml(x) if !matches!(f.kind, Kind::List(_)) => {
                println!("{pad}{}: {} bytes of XML", f.name, x.len());
            }
            other => println!("{pad}{}: {}", f.name, scalar(other)),
        }
    }
}

fn singular(name: &str) -> &str {
    name.strip_suffix("ies")
        .map(|_| name)
        .or_else(|| name.strip_suffix('s'))
        .unwrap_or(name)
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Str(s) => s.clone(),
        Value::Xml(x) => format!("{} bytes of XML", x.len()),
        Value::Bytes(b) => format!("{} bytes, sha256 {}", b.len(), sha256_hex(b)),
        Value::Time(t) => t.to_string(),
        Value::List(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        Value::Record(r) => r
            .fields()
            .map(|(_, v)| scalar(v))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// SHA-256 of `b`, lowercase hex: how people compare certificates.
pub(crate) fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// The text of field `name` of record `v`, when it is text.
pub(crate) fn text_of<'v>(v: &'v Value, name: &str) -> Option<&'v str> {
    match v {
        Value::Record(r) => match r.get(name) {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// The items of list field `name` of record `v`.
pub(crate) fn list_of<'v>(v: &'v Value, name: &str) -> &'v [Value] {
    match v {
        Value::Record(r) => match r.get(name) {
            Some(Value::List(items)) => items,
            _ => &[],
        },
        _ => &[],
    }
}

/// Field `name` of record `v`.
pub(crate) fn field<'v>(v: &'v Value, name: &str) -> Option<&'v Value> {
    match v {
        Value::Record(r) => r.get(name),
        _ => None,
    }
}
