//! The npm package's generated part: `wasm/js/operations.js` (one function per operation,
//! each a call of the package's generic `call`), `wasm/js/operations.d.ts` (the result
//! interfaces, the option interfaces and the operations' signatures) and
//! `wasm/test/table.generated.mjs` (the table as data, which the tests hold the built
//! package's results and argument checks against).
//!
//! JavaScript spells fields, arguments and operations in camel case; a record is a
//! frozen plain object, a list an array, a time a `Date`, bytes a `Uint8Array` and XML a
//! string. What JavaScript says beyond the table is in the constants below, which the
//! WebAssembly crate reads too.

use serde_json::{json, Value as Json};

use super::{banner, File};
use crate::ops::{self, Arg, ArgKind, Default, OpDesc, Returns, CHOICE_TYPES};
use crate::records::ALL;
use crate::{camel_case, pascal_case, Kind, RecordDesc};

/// Byte arguments that JavaScript also takes as a string, meaning its UTF-8 bytes: form
/// values and PEM, which arrive as text.
pub const TEXT_BYTES: &[(&str, &str)] = &[
    ("decode_elmo_field", "field"),
    ("decode_post_binding", "value"),
    ("verify_ocsp_response", "issuer"),
    ("verify_ocsp_response", "cert"),
];

/// Text fields (`record.field`) and text results (`operation`) that only ever hold
/// some values, typed as those values.
const NARROWED_TYPES: &[(&str, &[&str])] = &[
    ("etoegang_name.environment", &["P", "A"]),
    (
        "parse_return_code",
        &["OK", "NO_RESULTS", "CANCEL", "ERROR"],
    ),
];

/// The methods of the records an operation holds (`Returns::Held`), as the package's
/// wrapper defines them (not enumerable, so the record still spreads and serializes as
/// data).
const HELD_METHODS: &[(&str, &str)] = &[(
    "metadata",
    "  /**\n   \
     * `(entityId, group)` of each entity in document order, as the parser that verified\n   \
     * the document met them: an `EntityDescriptor` in a comment, a CDATA section or a\n   \
     * `ds:Signature` is never one.\n   \
     */\n  \
     entityIds(): readonly EntityRef[];\n  \
     /**\n   \
     * Reads entity `entityId` (compared exactly, after XML unescaping) from the verified\n   \
     * bytes the result keeps; null when there is none.\n   \
     * @throws {TrustmetaError} `metadata.malformed` when two entities carry the entityID,\n   \
     *   `metadata.not_held` on the result of a `MetadataStreamVerifier`\n   \
     */\n  \
     findEntity(entityId: string): MetadataEntity | null;\n",
)];

/// The files of this front door.
pub fn files() -> Vec<File> {
    vec![
        File {
            path: "wasm/js/operations.js",
            contents: operations_js(),
        },
        File {
            path: "wasm/js/operations.d.ts",
            contents: operations_dts(),
        },
        File {
            path: "wasm/test/table.generated.mjs",
            contents: table_module(),
        },
    ]
}

/// Whether JavaScript takes argument `arg` of `op` as a string too.
pub fn text_bytes(op: &str, arg: &str) -> bool {
    TEXT_BYTES.contains(&(op, arg))
}

fn narrowed_type(key: &str) -> Option<String> {
    NARROWED_TYPES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, names)| union(names))
}

// --- Text --------------------------------------------------------------------------------------

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn union(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| quote(n))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A TSDoc comment of `lines` at `indent`; `*/` in the table's prose cannot end it early.
fn doc(lines: &[String], indent: &str) -> String {
    let lines: Vec<String> = lines.iter().map(|l| l.replace("*/", "*\\/")).collect();
    match lines.as_slice() {
        [one] if one.len() + indent.len() < 92 => format!("{indent}/** {one} */\n"),
        _ => {
            let mut out = format!("{indent}/**\n");
            for l in &lines {
                if l.is_empty() {
                    out.push_str(&format!("{indent} *\n"));
                } else {
                    out.push_str(&format!("{indent} * {l}\n"));
                }
            }
            out.push_str(&format!("{indent} */\n"));
            out
        }
    }
}

/// `text` in lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(core::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn default_sentence(d: Default) -> Option<String> {
    match d {
        // The argument's own doc says what absence means (the clock, for `now`).
        Default::Required | Default::Absent | Default::Now => None,
        Default::Bool(b) => Some(format!("Default: `{b}`.")),
        Default::Int(n) => Some(format!("Default: `{n}`.")),
        Default::Text(t) => Some(format!("Default: `'{t}'`.")),
    }
}

// --- Types -------------------------------------------------------------------------------------

/// The TypeScript type of a field of kind `kind`.
fn field_type(kind: &Kind) -> String {
    match kind {
        Kind::Bool => "boolean".into(),
        Kind::Int => "number".into(),
        Kind::Str | Kind::Xml => "string".into(),
        Kind::Bytes => "Uint8Array".into(),
        Kind::Time => "Date".into(),
        Kind::Enum(names) => union(names),
        Kind::Opt(k) => format!("{} | null", field_type(k)),
        Kind::List(k) => match **k {
            Kind::Enum(_) | Kind::Opt(_) => format!("({})[]", field_type(k)),
            _ => format!("{}[]", field_type(k)),
        },
        Kind::Record(d) => d.class.into(),
    }
}

/// The TypeScript type of argument `a` of `op`.
fn arg_type(op: &OpDesc, a: &Arg) -> String {
    match &a.kind {
        ArgKind::Bytes if text_bytes(op.name, a.name) => "Uint8Array | string".into(),
        ArgKind::Bytes => "Uint8Array".into(),
        ArgKind::Text => "string".into(),
        ArgKind::Bool => "boolean".into(),
        ArgKind::Int { .. } => "number".into(),
        ArgKind::Time => "Date".into(),
        ArgKind::Choice(names) => {
            ops::choice_type(names).map_or_else(|| union(names), str::to_owned)
        }
        ArgKind::Store => "TrustStore".into(),
        ArgKind::IssuerTrust => "IssuerTrust".into(),
        ArgKind::ReplayCache => "ReplayCache".into(),
        ArgKind::Emreg => "Emreg".into(),
        ArgKind::DecryptionKeys => "DecryptionKeys".into(),
    }
}

fn return_type(op: &OpDesc) -> String {
    if let Some(t) = narrowed_type(op.name) {
        return t;
    }
    match op.returns {
        Returns::Record(d) | Returns::Held(d) => d.class.into(),
        Returns::Records(d) => format!("{}[]", d.class),
        Returns::Bytes => "Uint8Array".into(),
        Returns::Text => "string".into(),
        Returns::IssuerTrust => "IssuerTrust".into(),
        Returns::MetadataStream => "MetadataStreamVerifier".into(),
    }
}

fn options_name(op: &OpDesc) -> String {
    format!("{}Options", pascal_case(op.name))
}

fn positional(op: &OpDesc) -> impl Iterator<Item = &'static Arg> {
    op.args.iter().filter(|a| a.positional)
}

fn options(op: &OpDesc) -> impl Iterator<Item = &'static Arg> {
    op.args.iter().filter(|a| !a.positional)
}

// --- operations.d.ts ----------------------------------------------------------------------------

fn record_interface(d: &RecordDesc) -> String {
    let mut out = doc(&wrap(d.doc, 86), "");
    out.push_str(&format!("export interface {} {{\n", d.class));
    for f in d.fields {
        let ty = match narrowed_type(&format!("{}.{}", d.name, f.name)) {
            Some(t) if matches!(f.kind, Kind::Opt(_)) => format!("{t} | null"),
            Some(t) => t,
            None => field_type(&f.kind),
        };
        out.push_str(&doc(&wrap(f.doc, 82), "  "));
        out.push_str(&format!("  readonly {}: {ty};\n", camel_case(f.name)));
    }
    if let Some((_, methods)) = HELD_METHODS.iter().find(|(n, _)| *n == d.name) {
        out.push_str(methods);
    }
    out.push_str("}\n");
    out
}

fn options_interface(op: &OpDesc) -> String {
    let mut out = doc(&[format!("Options of `{}`.", camel_case(op.name))], "");
    out.push_str(&format!("export interface {} {{\n", options_name(op)));
    for a in options(op) {
        let mut text = a.doc.to_owned();
        if let Some(d) = default_sentence(a.default) {
            text = format!("{text} {d}");
        }
        out.push_str(&doc(&wrap(&text, 82), "  "));
        let optional = if a.default == Default::Required {
            ""
        } else {
            "?"
        };
        out.push_str(&format!(
            "  {}{optional}: {};\n",
            camel_case(a.name),
            arg_type(op, a)
        ));
    }
    out.push_str("}\n");
    out
}

fn function_declaration(op: &OpDesc) -> String {
    let mut lines = wrap(op.doc, 86);
    for a in positional(op) {
        lines.extend(wrap(
            &format!("@param {} {}", camel_case(a.name), a.doc),
            86,
        ));
    }
    lines.extend(wrap(
        &format!("@throws {{TrustmetaError}} {} or a generic code", op.raises),
        86,
    ));
    lines.push(
        "@throws {TypeError} when an argument is of the wrong type or value (the message names it)"
            .into(),
    );
    let mut params: Vec<String> = positional(op)
        .map(|a| format!("{}: {}", camel_case(a.name), arg_type(op, a)))
        .collect();
    if options(op).next().is_some() {
        let required = options(op).any(|a| a.default == Default::Required);
        let q = if required { "" } else { "?" };
        params.push(format!("options{q}: {}", options_name(op)));
    }
    format!(
        "{}export declare function {}({}): {};\n",
        doc(&lines, ""),
        camel_case(op.name),
        params.join(", "),
        return_type(op)
    )
}

fn operations_dts() -> String {
    let mut out = banner("//");
    out.push_str(
        "// The results and operations of the npm package `trustmeta`, re-exported by index.d.ts.\n\
         import type { DecryptionKeys, Emreg, IssuerTrust, MetadataStreamVerifier, ReplayCache, TrustStore } from './index.js';\n",
    );
    out.push_str("\n// --- Choices ---\n");
    for (name, names) in CHOICE_TYPES {
        let used: Vec<String> = ops::ALL
            .iter()
            .flat_map(|op| op.args.iter().map(move |a| (op, a)))
            .filter(|(_, a)| matches!(a.kind, ArgKind::Choice(n) if n == *names))
            .map(|(op, a)| format!("`{}.{}`", options_name(op), camel_case(a.name)))
            .collect();
        out.push_str(&format!(
            "\n/** The names accepted by {}. */\nexport type {name} = {};\n",
            used.join(", "),
            union(names)
        ));
    }
    out.push_str("\n// --- Results ---\n");
    for d in ALL {
        out.push('\n');
        out.push_str(&record_interface(d));
    }
    out.push_str("\n// --- Operations ---\n");
    for op in ops::ALL {
        out.push('\n');
        if options(op).next().is_some() {
            out.push_str(&options_interface(op));
            out.push('\n');
        }
        out.push_str(&function_declaration(op));
    }
    out
}

// --- operations.js ------------------------------------------------------------------------------

fn operations_js() -> String {
    let mut out = banner("//");
    out.push_str(
        "// One function per operation: its positional arguments, then the options object, handed\n\
         // to the generic `call` (api.js), which checks and converts them in WebAssembly.\n\
         import { call } from './api.js';\n",
    );
    for op in ops::ALL {
        let mut params: Vec<String> = positional(op).map(|a| camel_case(a.name)).collect();
        let list = format!("[{}]", params.join(", "));
        let has_options = options(op).next().is_some();
        if has_options {
            params.push("options".into());
        }
        let first = op
            .doc
            .split(". ")
            .next()
            .unwrap_or(op.doc)
            .trim_end_matches('.');
        out.push_str(&format!(
            "\n/** {first}. */\nexport function {}({}) {{\n  return call('{}', {list}{});\n}}\n",
            camel_case(op.name),
            params.join(", "),
            op.name,
            if has_options { ", options" } else { "" },
        ));
    }
    out
}

// --- table.generated.mjs ------------------------------------------------------------------------

fn kind_json(kind: &Kind) -> Json {
    match kind {
        Kind::Bool => json!("bool"),
        Kind::Int => json!("int"),
        Kind::Str => json!("str"),
        Kind::Bytes => json!("bytes"),
        Kind::Time => json!("time"),
        Kind::Xml => json!("xml"),
        Kind::Enum(names) => json!({ "enum": names }),
        Kind::Opt(k) => json!({ "opt": kind_json(k) }),
        Kind::List(k) => json!({ "list": kind_json(k) }),
        Kind::Record(d) => json!({ "record": d.class }),
    }
}

fn arg_json(op: &OpDesc, a: &Arg) -> Json {
    let kind = match &a.kind {
        ArgKind::Bytes if text_bytes(op.name, a.name) => json!("bytes_or_text"),
        ArgKind::Bytes => json!("bytes"),
        ArgKind::Text => json!("text"),
        ArgKind::Bool => json!("bool"),
        ArgKind::Int { min, max } => json!({ "int": [min, max] }),
        ArgKind::Time => json!("time"),
        ArgKind::Choice(names) => json!({ "choice": names }),
        ArgKind::Store => json!("store"),
        ArgKind::IssuerTrust => json!("issuer_trust"),
        ArgKind::ReplayCache => json!("replay_cache"),
        ArgKind::Emreg => json!("emreg"),
        ArgKind::DecryptionKeys => json!("decryption_keys"),
    };
    json!({
        "name": camel_case(a.name),
        "kind": kind,
        "required": a.default == Default::Required,
    })
}

fn returns_json(r: &Returns) -> Json {
    match r {
        Returns::Record(d) => json!({ "record": d.class }),
        Returns::Records(d) => json!({ "list": { "record": d.class } }),
        Returns::Held(d) => json!({ "held": d.class }),
        Returns::Bytes => json!("bytes"),
        Returns::Text => json!("str"),
        Returns::IssuerTrust => json!("issuer_trust"),
        Returns::MetadataStream => json!("metadata_stream"),
    }
}

fn table_module() -> String {
    let line = |v: &Json| serde_json::to_string(v).unwrap_or_default();
    let mut out = banner("//");
    out.push_str(
        "// The table as data, for the tests: every record's fields (camelCase) with their kinds,\n\
         // and every operation's arguments and result.\n\nexport const records = {\n",
    );
    for d in ALL {
        let fields: serde_json::Map<String, Json> = d
            .fields
            .iter()
            .map(|f| (camel_case(f.name), kind_json(&f.kind)))
            .collect();
        out.push_str(&format!(
            "  {}: {},\n",
            d.class,
            line(&Json::Object(fields))
        ));
    }
    out.push_str("};\n\nexport const operations = [\n");
    for op in ops::ALL {
        let v = json!({
            "name": op.name,
            "js": camel_case(op.name),
            "positional": positional(op).map(|a| arg_json(op, a)).collect::<Vec<_>>(),
            "options": options(op).map(|a| arg_json(op, a)).collect::<Vec<_>>(),
            "returns": returns_json(&op.returns),
        });
        out.push_str(&format!("  {},\n", line(&v)));
    }
    out.push_str("];\n");
    out
}
