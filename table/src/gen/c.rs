//! The C front door's generated part, `ffi-c/src/generated.rs`: for every record an opaque
//! `tm_<record>` type with one accessor per field; `tm_<record>_free()` for the records a
//! caller owns and `tm_<record>_list` for those that come back in lists; and for every
//! operation an options handle with one setter per named argument, and the function
//! itself. Each body is one call into the hand-written generic layer of `ffi-c/src`
//! (`accessor`, `options`, `operation`), and cbindgen copies the docs into the header.

use super::{banner, File};
use crate::ops::{self, Arg, ArgKind, Default, OpDesc, Returns};
use crate::{records, Kind, RecordDesc};

/// The C front door's generated file.
pub fn files() -> Vec<File> {
    vec![File {
        path: "ffi-c/src/generated.rs",
        contents: generated(),
    }]
}

/// Records a caller owns: what operations return, and an entity found in held metadata.
fn owned() -> Vec<&'static RecordDesc> {
    let mut out: Vec<&'static RecordDesc> = Vec::new();
    for op in ops::ALL {
        if let Returns::Record(d) | Returns::Held(d) = op.returns {
            push(&mut out, d);
        }
    }
    push(&mut out, ops::entity_desc());
    out
}

/// Records that come back in lists: what operations return, and what the lookups on held
/// results and on an EMREG list give.
fn listed() -> Vec<&'static RecordDesc> {
    let mut out: Vec<&'static RecordDesc> = Vec::new();
    for op in ops::ALL {
        if let Returns::Records(d) = op.returns {
            push(&mut out, d);
        }
    }
    for d in [
        ops::entity_desc(),
        &records::ENTITY_REF,
        ops::smp_record_desc(),
        &records::NCP_CHOICE,
    ] {
        push(&mut out, d);
    }
    out
}

fn push(list: &mut Vec<&'static RecordDesc>, d: &'static RecordDesc) {
    if !list.iter().any(|x| core::ptr::eq(*x, d)) {
        list.push(d);
    }
}

fn is_in(list: &[&'static RecordDesc], d: &RecordDesc) -> bool {
    list.iter().any(|x| core::ptr::eq(*x, d))
}

/// Appends `///` lines for `text`, wrapped at 92 columns.
fn doc(out: &mut String, text: &str) {
    for para in text.split('\n') {
        // Empty lines and section rules (`==== Results ====…`) are kept as they are.
        if para.is_empty() || para.starts_with("====") {
            out.push_str(format!("/// {para}").trim_end());
            out.push('\n');
            continue;
        }
        let mut line = String::new();
        for word in para.split(' ') {
            if !line.is_empty() && line.len() + word.len() + 1 > 88 {
                out.push_str(&format!("/// {}\n", line.trim_end()));
                line = if para.starts_with('@') {
                    "     ".into()
                } else {
                    String::new()
                };
            }
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&format!("/// {}\n", line.trim_end()));
    }
}

fn static_name(name: &str) -> String {
    name.to_uppercase()
}

/// How a value of kind `k` comes out of an accessor: the Rust return type, whether a
/// length comes out beside it, the generic function with its fallback for absent values,
/// and the `@return` sentence.
struct Shape {
    ret: String,
    len: bool,
    func: &'static str,
    fallback: Option<&'static str>,
    returns: String,
}

fn shape(k: &Kind, owner: &str) -> Shape {
    let (inner, optional) = match k {
        Kind::Opt(i) => (*i, true),
        other => (other, false),
    };
    let absent = if optional { "when absent, or " } else { "" };
    let live = format!("if `r` is NULL or not a live tm_{owner}");
    let held = "owned by the result `r` belongs to and valid until that result is freed";
    let s = |ret: &str, len: bool, func: &'static str, returns: String| Shape {
        ret: ret.into(),
        len,
        func,
        fallback: None,
        returns,
    };
    match inner {
        Kind::Bool if optional => s(
            "c_int",
            false,
            "accessor::tristate",
            format!("1 (true), 0 (false), or -1 {absent}{live}."),
        ),
        Kind::Bool => s(
            "bool",
            false,
            "accessor::boolean",
            format!("the value; false {live}."),
        ),
        Kind::Int if optional => Shape {
            fallback: Some("TM_NO_INT"),
            ..s(
                "i64",
                false,
                "accessor::int",
                format!("the value; TM_NO_INT {absent}{live}."),
            )
        },
        Kind::Int => Shape {
            fallback: Some("0"),
            ..s("i64", false, "accessor::int", format!("the value; 0 {live}."))
        },
        Kind::Time => s(
            "i64",
            false,
            "accessor::time",
            format!("seconds since 1970-01-01T00:00:00Z; TM_NO_DATE {absent}{live}."),
        ),
        Kind::Str => s(
            "*const c_char",
            false,
            "accessor::text",
            format!("a NUL-terminated UTF-8 string {held}; NULL {absent}{live}."),
        ),
        Kind::Enum(names) => s(
            "*const c_char",
            false,
            "accessor::text",
            format!(
                "one of {}, a NUL-terminated string {held}; NULL {absent}{live}.",
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Kind::Xml => s(
            "*const c_char",
            true,
            "accessor::xml",
            format!("the XML text, NUL-terminated (its length without the NUL in `*len`), {held}; NULL and `*len` 0 {absent}{live}."),
        ),
        Kind::Bytes => s(
            "*const u8",
            true,
            "accessor::bytes",
            format!("the bytes (their length in `*len`), {held}; NULL and `*len` 0 {absent}{live}."),
        ),
        Kind::Record(d) => s(
            &format!("*const tm_{}", d.name),
            false,
            "accessor::record",
            format!("the tm_{}, {held}; NULL {absent}{live}.", d.name),
        ),
        other => panic!("tm_{owner}: no C form for a field of kind {other:?}"),
    }
}

/// The generic call, `accessor::int(r, 3, At::Field, 0)`.
fn call(s: &Shape, field: usize, at: &str) -> String {
    let mut args = vec!["r".to_owned(), field.to_string(), at.to_owned()];
    args.extend(s.fallback.map(str::to_owned));
    if s.len {
        args.push("len".into());
    }
    format!("{}({})", s.func, args.join(", "))
}

fn accessor(out: &mut String, name: &str, params: &str, ret: &str, body: &str) {
    out.push_str(&format!(
        "#[no_mangle]\npub unsafe extern \"C\" fn {name}({params}) -> {ret} {{\n    \
         // SAFETY: the C contract of this function is the generic accessor's.\n    \
         unsafe {{ {body} }}\n}}\n\n"
    ));
}

fn record(out: &mut String, d: &RecordDesc, owned: bool, listed: bool, section: &str) {
    let ty = format!("tm_{}", d.name);
    out.push_str(&format!(
        "// ---- {ty} {}\n\n",
        "-".repeat(80_usize.saturating_sub(ty.len()))
    ));
    let who = if owned {
        format!("An operation gives it to the caller, who releases it with {ty}_free(); the ones inside another result are owned by that result.")
    } else {
        "It is owned by the result it was read from and valid until that result is freed.".into()
    };
    doc(
        out,
        &format!(
            "{section}{} The `{}` record of the table (`{}` in Python and JavaScript; see docs/reference.md). {who}\n\nThread safety: immutable; read it from any thread.",
            d.doc, d.name, d.class
        ),
    );
    out.push_str(&format!(
        "pub struct {ty} {{\n    _opaque: [u8; 0],\n}}\n\nimpl accessor::Record for {ty} {{\n    const DESC: &'static RecordDesc = &records::{};\n}}\n\n",
        static_name(d.name)
    ));
    let param = format!("@param r  a {ty}, borrowed for the call.");
    for (i, f) in d.fields.iter().enumerate() {
        let fname = format!("{ty}_{}", f.name);
        if let Kind::List(item) = &f.kind {
            doc(
                out,
                &format!(
                    "The number of items of `{}`: {}\n\n{param}\n@return the count; 0 if `r` is NULL or not a live {ty}.\n\nThread safety: any thread.",
                    f.name, f.doc
                ),
            );
            accessor(
                out,
                &format!("{fname}_count"),
                &format!("r: *const {ty}"),
                "usize",
                &format!("accessor::count(r, {i})"),
            );
            let s = shape(item, d.name);
            let len_param = if s.len {
                "\n@param len    where to store the length; may be NULL."
            } else {
                ""
            };
            doc(
                out,
                &format!(
                    "One item of `{}`: {}\n\n{param}\n@param index  0 to {fname}_count(r) - 1.{len_param}\n@return {} Out of range counts as absent.\n\nThread safety: any thread.",
                    f.name,
                    f.doc,
                    s.returns.replace(" when absent, or ", " ")
                ),
            );
            let len = if s.len { ", len: *mut usize" } else { "" };
            accessor(
                out,
                &fname,
                &format!("r: *const {ty}, index: usize{len}"),
                &s.ret,
                &call(&s, i, "At::Item(index)"),
            );
        } else {
            let s = shape(&f.kind, d.name);
            let len_param = if s.len {
                "\n@param len  where to store the length; may be NULL."
            } else {
                ""
            };
            doc(
                out,
                &format!(
                    "{}\n\n{param}{len_param}\n@return {}\n\nThread safety: any thread.",
                    f.doc, s.returns
                ),
            );
            let len = if s.len { ", len: *mut usize" } else { "" };
            accessor(
                out,
                &fname,
                &format!("r: *const {ty}{len}"),
                &s.ret,
                &call(&s, i, "At::Field"),
            );
        }
    }
    if owned {
        doc(
            out,
            &format!("Releases a {ty} the caller owns, and everything read from it.\n\n@param r  owned by the caller and released by this call; NULL is allowed and ignored, and so is a pointer that is not a live {ty} the caller owns (one inside another result, say).\n\nThread safety: no other thread may use `r` or anything read from it during or after the call."),
        );
        out.push_str(&format!(
            "#[no_mangle]\npub unsafe extern \"C\" fn {ty}_free(r: *mut {ty}) {{\n    \
             // SAFETY: the C contract of this function is the generic release's.\n    \
             unsafe {{ tree::free_root(r) }}\n}}\n\n"
        ));
    }
    if listed {
        let list = format!("{ty}_list");
        doc(
            out,
            &format!("A list of {ty}, owned by the caller, who releases it with {list}_free(); its items are owned by it.\n\nThread safety: immutable; read it from any thread."),
        );
        out.push_str(&format!(
            "pub struct {list} {{\n    _opaque: [u8; 0],\n}}\n\nimpl tree::List for {list} {{\n    type Item = {ty};\n}}\n\n"
        ));
        doc(
            out,
            &format!("The number of items of a list.\n\n@param list  a {list}, borrowed for the call.\n@return the count; 0 if `list` is NULL or not a live {list}.\n\nThread safety: any thread."),
        );
        out.push_str(&format!(
            "#[no_mangle]\npub unsafe extern \"C\" fn {list}_count(list: *const {list}) -> usize {{\n    \
             // SAFETY: the C contract of this function is the generic list's.\n    \
             unsafe {{ tree::list_count(list) }}\n}}\n\n"
        ));
        doc(
            out,
            &format!("One item of a list.\n\n@param list   a {list}, borrowed for the call.\n@param index  0 to {list}_count(list) - 1.\n@return the item, owned by `list` and valid until it is freed; NULL if `index` is out of range or `list` is NULL or not a live {list}.\n\nThread safety: any thread."),
        );
        out.push_str(&format!(
            "#[no_mangle]\npub unsafe extern \"C\" fn {list}_get(list: *const {list}, index: usize) -> *const {ty} {{\n    \
             // SAFETY: the C contract of this function is the generic list's.\n    \
             unsafe {{ tree::list_get(list, index) }}\n}}\n\n"
        ));
        doc(
            out,
            &format!("Releases a list and its items.\n\n@param list  owned by the caller and released by this call; NULL is allowed and ignored, and so is a pointer that is not a live {list}.\n\nThread safety: no other thread may use `list` or its items during or after the call."),
        );
        out.push_str(&format!(
            "#[no_mangle]\npub unsafe extern \"C\" fn {list}_free(list: *mut {list}) {{\n    \
             // SAFETY: the C contract of this function is the generic list's.\n    \
             unsafe {{ tree::list_free(list) }}\n}}\n\n"
        ));
    }
}

fn default(a: &Arg) -> String {
    match a.default {
        Default::Required => "required".into(),
        Default::Absent => "absent".into(),
        Default::Bool(b) => b.to_string(),
        Default::Int(n) => n.to_string(),
        Default::Text(t) => format!("\"{t}\""),
        Default::Now => "the system clock when the call runs".into(),
    }
}

/// The C parameters of a positional argument, its `@param` text and its generic form.
fn positional(a: &Arg, op: &str) -> (String, String, String) {
    let n = a.name;
    match a.kind {
        ArgKind::Bytes => (
            format!("{n}: *const u8, {n}_len: usize"),
            format!("@param {n}, {n}_len  {} Borrowed for the call.", a.doc),
            format!("Raw::Bytes({n}, {n}_len)"),
        ),
        ArgKind::Text => (
            format!("{n}: *const c_char"),
            format!(
                "@param {n}  {} A NUL-terminated UTF-8 string, borrowed for the call.",
                a.doc
            ),
            format!("Raw::Text({n})"),
        ),
        ArgKind::Store => (
            format!("{n}: *const tm_trust_store"),
            format!("@param {n}  {} Borrowed for the call.", a.doc),
            format!("Raw::Store({n})"),
        ),
        ArgKind::IssuerTrust => (
            format!("{n}: *const tm_issuer_trust"),
            format!("@param {n}  {} Borrowed for the call.", a.doc),
            format!("Raw::IssuerTrust({n})"),
        ),
        ArgKind::Emreg => (
            format!("{n}: *const tm_emreg"),
            format!("@param {n}  {} Borrowed for the call.", a.doc),
            format!("Raw::Emreg({n})"),
        ),
        ArgKind::DecryptionKeys => (
            format!("{n}: *const tm_decryption_keys"),
            format!("@param {n}  {} Borrowed for the call.", a.doc),
            format!("Raw::DecryptionKeys({n})"),
        ),
        ref other => panic!("{op}: no C form for a positional argument of kind {other:?}"),
    }
}

/// The C parameters of a setter's value, its `@param` text and its generic form.
fn given(a: &Arg, op: &str) -> (String, String, String) {
    match a.kind {
        ArgKind::Bytes => (
            "value: *const u8, value_len: usize".into(),
            "@param value, value_len  the bytes, copied.".into(),
            "Given::Bytes(value, value_len)".into(),
        ),
        ArgKind::Text => (
            "value: *const c_char".into(),
            "@param value  a NUL-terminated UTF-8 string, copied.".into(),
            "Given::Text(value)".into(),
        ),
        ArgKind::Choice(names) => (
            "value: *const c_char".into(),
            format!(
                "@param value  one of {}, as a NUL-terminated string.",
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "Given::Text(value)".into(),
        ),
        ArgKind::Bool => (
            "value: bool".into(),
            "@param value  true or false.".into(),
            "Given::Bool(value)".into(),
        ),
        ArgKind::Int { min, max } => (
            "value: i64".into(),
            format!("@param value  from {min} to {max}."),
            "Given::Int(value)".into(),
        ),
        ArgKind::Time => (
            "value: i64".into(),
            "@param value  seconds since 1970-01-01T00:00:00Z (tm_parse_rfc3339() reads RFC 3339); TM_NOW for the system clock when the call runs.".into(),
            "Given::Time(value)".into(),
        ),
        ArgKind::Store => (
            "value: *const tm_trust_store".into(),
            "@param value  a trust store, copied: changing or freeing it afterwards does not change the options.".into(),
            "Given::Store(value)".into(),
        ),
        ArgKind::ReplayCache => (
            "value: *const tm_replay_cache".into(),
            "@param value  a replay cache, shared: the options keep it alive, and every call made with them records in it.".into(),
            "Given::ReplayCache(value)".into(),
        ),
        ArgKind::DecryptionKeys => (
            "value: *const tm_decryption_keys".into(),
            "@param value  decryption keys, copied (the keys themselves are shared, not duplicated): keys added to it afterwards are not used.".into(),
            "Given::DecryptionKeys(value)".into(),
        ),
        ref other => panic!("{op}: no C form for a named argument of kind {other:?}"),
    }
}

fn out_param(r: &Returns) -> (String, String, String) {
    match r {
        Returns::Record(d) | Returns::Held(d) => (
            format!("out: *mut *mut tm_{}", d.name),
            format!("@param out  where to store the result, a tm_{0} the caller owns and releases with tm_{0}_free(); set to NULL first, and left NULL on failure: nothing is returned in part.", d.name),
            "Out::record(out)".into(),
        ),
        Returns::Records(d) => (
            format!("out: *mut *mut tm_{}_list", d.name),
            format!("@param out  where to store the result, a tm_{0}_list the caller owns and releases with tm_{0}_list_free(); set to NULL first, and left NULL on failure.", d.name),
            "Out::list(out)".into(),
        ),
        Returns::Bytes => (
            "out: *mut *mut u8, out_len: *mut usize".into(),
            "@param out, out_len  where to store the bytes (followed by a NUL byte not counted in `*out_len`), which the caller owns and releases with tm_bytes_free(), and their length; `out_len` may be NULL. `*out` is set to NULL first, and left NULL on failure.".into(),
            "Out::Bytes(out, out_len)".into(),
        ),
        Returns::Text => (
            "out: *mut *mut c_char".into(),
            "@param out  where to store the NUL-terminated text, which the caller owns and releases with tm_string_free(); set to NULL first, and left NULL on failure.".into(),
            "Out::Text(out)".into(),
        ),
        Returns::IssuerTrust => (
            "out: *mut *mut tm_issuer_trust".into(),
            "@param out  where to store the new tm_issuer_trust, which the caller owns and releases with tm_issuer_trust_free(); set to NULL first, and left NULL on failure.".into(),
            "Out::IssuerTrust(out)".into(),
        ),
        Returns::MetadataStream => (
            "out: *mut *mut tm_metadata_verifier".into(),
            "@param out  where to store the new tm_metadata_verifier, which the caller owns, feeds with tm_metadata_verifier_feed(), finishes with tm_metadata_verifier_finish() and releases with tm_metadata_verifier_free(); set to NULL first, and left NULL on failure.".into(),
            "Out::Stream(out)".into(),
        ),
    }
}

/// What a setter refuses besides a dead handle, for its `@return`.
fn refusal(a: &Arg, op: &str) -> String {
    match a.kind {
        ArgKind::Int { .. } | ArgKind::Choice(_) => format!(
            " or a value the argument does not take, with the message every front door gives (\"{op}() argument '{}' must be …\")",
            a.name
        ),
        ArgKind::Text => " or text that is not UTF-8".into(),
        ArgKind::Bytes => " or a length no object can have".into(),
        _ => String::new(),
    }
}

fn operation(out: &mut String, op: &OpDesc, section: &str) {
    let opts = format!("tm_{}_options", op.name);
    let f = format!("tm_{}", op.name);
    out.push_str(&format!(
        "// ---- {f}() {}\n\n",
        "-".repeat(78_usize.saturating_sub(f.len()))
    ));
    let named: Vec<(usize, &Arg)> = op
        .args
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.positional)
        .collect();
    let listing = if named.is_empty() {
        "none yet".to_owned()
    } else {
        named
            .iter()
            .map(|(_, a)| format!("{} ({})", a.name, default(a)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    doc(
        out,
        &format!("{section}The named arguments of {f}(), with their defaults: {listing}. Made by {opts}_new(), set with {opts}_set_<name>(), released by {opts}_free(); NULL in their place means every default.\n\nThread safety: a call reads the options; share them between threads read-only, and change or free them only when no call uses them."),
    );
    out.push_str(&format!(
        "pub struct {opts} {{\n    _opaque: [u8; 0],\n}}\n\nimpl options::Op for {opts} {{\n    const OP: &'static OpDesc = &ops::{};\n}}\n\n",
        static_name(op.name)
    ));
    doc(
        out,
        &format!("Creates the named arguments of {f}(), each at its default.\n\n@return a new {opts}, owned by the caller (release it with {opts}_free()); NULL only if memory ran out.\n\nThread safety: any thread."),
    );
    out.push_str(&format!(
        "#[no_mangle]\npub extern \"C\" fn {opts}_new() -> *mut {opts} {{\n    options::new()\n}}\n\n"
    ));
    doc(
        out,
        &format!("Releases options.\n\n@param opts  owned by the caller and released by this call; NULL is allowed and ignored, and so is a pointer that is not a live {opts}.\n\nThread safety: no other thread may use `opts` during or after the call."),
    );
    out.push_str(&format!(
        "#[no_mangle]\npub unsafe extern \"C\" fn {opts}_free(opts: *mut {opts}) {{\n    \
         // SAFETY: the C contract of this function is the generic release's.\n    \
         unsafe {{ options::free(opts) }}\n}}\n\n"
    ));
    for (i, a) in &named {
        let (params, param_doc, value) = given(a, op.name);
        doc(
            out,
            &format!(
                "Sets `{}` of {f}(): {} Default: {}.\n\n@param opts   options, changed by the call.\n{param_doc}\n@param err    where to store the details of a failure; may be NULL.\n@return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle{}. On failure the options are unchanged.\n\nThread safety: no other thread may use `opts` during the call.",
                a.name,
                a.doc,
                default(a),
                refusal(a, op.name)
            ),
        );
        out.push_str(&format!(
            "#[no_mangle]\npub unsafe extern \"C\" fn {opts}_set_{}(opts: *mut {opts}, {params}, err: *mut *mut tm_error) -> tm_status {{\n    \
             // SAFETY: the C contract of this function is the generic setter's.\n    \
             unsafe {{ options::set(opts, {i}, {value}, err) }}\n}}\n\n",
            a.name
        ));
    }
    let mut params = Vec::new();
    let mut param_docs = Vec::new();
    let mut raws = Vec::new();
    for a in op.args.iter().filter(|a| a.positional) {
        let (p, d, r) = positional(a, op.name);
        params.push(p);
        param_docs.push(d);
        raws.push(r);
    }
    let (out_p, out_doc, out_v) = out_param(&op.returns);
    doc(
        out,
        &format!(
            "{}\n\n{}\n@param opts  the named arguments ({opts}_new()), borrowed for the call; NULL for every default. Required: {}.\n{out_doc}\n@param err   where to store the details of a failure; may be NULL.\n@return TM_OK; TM_NULL_POINTER for a NULL pointer; TM_INVALID_ARGUMENT for a dead handle, a length no object can have, or an argument missing or refused (the table's message, e.g. \"{}() argument '…' is required\"); otherwise the status of the core's error code (this operation raises {} besides the generic verification codes).\n\nThread safety: reentrant; the handles passed are only read, so threads may share them as long as nobody changes or frees them meanwhile.",
            op.doc,
            param_docs.join("\n"),
            {
                let req: Vec<&str> = named
                    .iter()
                    .filter(|(_, a)| a.default == Default::Required)
                    .map(|(_, a)| a.name)
                    .collect();
                if req.is_empty() {
                    "none".to_owned()
                } else {
                    req.join(", ")
                }
            },
            op.name,
            op.raises
        ),
    );
    params.push(format!("opts: *const {opts}"));
    params.push(out_p);
    params.push("err: *mut *mut tm_error".into());
    out.push_str(&format!(
        "#[no_mangle]\npub unsafe extern \"C\" fn {f}(\n    {},\n) -> tm_status {{\n    \
         // SAFETY: the C contract of this function is the generic operation's.\n    \
         unsafe {{ operation::run(opts, &[{}], {out_v}, err) }}\n}}\n\n",
        params.join(",\n    "),
        raws.join(", ")
    ));
}

/// The whole file.
pub fn generated() -> String {
    let mut out = banner("//");
    out.push_str(
        "//! What the C API says per record and per operation, written from the table: an\n\
         //! opaque type and one accessor per field for every record, options and a function\n\
         //! for every operation. Each body is one call into the generic layer (`accessor`,\n\
         //! `tree`, `options`, `operation`), which holds every rule.\n\n\
         // One function per field and per argument, numbered by the table: long by design.\n\
         #![allow(clippy::too_many_lines)]\n\n\
         use core::ffi::{c_char, c_int};\n\n\
         use trustmeta_table::ops::{self, OpDesc};\n\
         use trustmeta_table::{records, RecordDesc};\n\n\
         use crate::accessor::{self, At};\n\
         use crate::decryption_keys::tm_decryption_keys;\n\
         use crate::emreg::tm_emreg;\n\
         use crate::error::tm_error;\n\
         use crate::issuer_trust::tm_issuer_trust;\n\
         use crate::operation::{self, Out, Raw};\n\
         use crate::options::{self, Given};\n\
         use crate::replay_cache::tm_replay_cache;\n\
         use crate::status::tm_status;\n\
         use crate::store::tm_trust_store;\n\
         use crate::stream::tm_metadata_verifier;\n\
         use crate::time::TM_NO_INT;\n\
         use crate::tree;\n\n",
    );
    let results = "==== Results ===========================================================================\n\nEvery result is a record of the table (docs/reference.md lists them all): an opaque type tm_<record> with one accessor per field, tm_<record>_<field>(). Text comes back as NUL-terminated UTF-8, bytes and XML with their length, times as seconds since 1970 (TM_NO_DATE when absent), optional integers as TM_NO_INT when absent, optional booleans as 1, 0 or -1. A list field has tm_<record>_<field>_count() and tm_<record>_<field>(r, index). Everything an accessor returns is owned by the result it came from and valid until that result is freed; accessors on NULL or on a pointer that is not a live record of their type return NULL, 0, false or the absent value.\n\n";
    let operations = "==== Operations ========================================================================\n\nEvery operation of the table is tm_<operation>(positional inputs, options, out, err). Its named arguments travel in a tm_<operation>_options handle (the way of zstd's ZSTD_CCtx_setParameter()), so a new one never changes a signature: each setter checks its value with the same rule and message as every other front door.\n\n";
    let (owned, listed) = (owned(), listed());
    for (i, d) in records::ALL.iter().enumerate() {
        let section = if i == 0 { results } else { "" };
        record(&mut out, d, is_in(&owned, d), is_in(&listed, d), section);
    }
    for (i, op) in ops::ALL.iter().enumerate() {
        operation(&mut out, op, if i == 0 { operations } else { "" });
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The C names the generated file defines, in order.
pub fn names() -> Vec<String> {
    generated()
        .lines()
        .filter_map(|l| {
            let rest = l
                .strip_prefix("pub unsafe extern \"C\" fn ")
                .or_else(|| l.strip_prefix("pub extern \"C\" fn "))
                .or_else(|| l.strip_prefix("pub struct "))?;
            Some(rest.split(['(', ' ']).next()?.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_defined_once() {
        let names = names();
        let mut seen = std::collections::HashSet::new();
        for n in &names {
            assert!(n.starts_with("tm_"), "{n}");
            assert!(seen.insert(n.as_str()), "{n} twice");
        }
        for d in records::ALL {
            for f in d.fields {
                assert!(seen.contains(format!("tm_{}_{}", d.name, f.name).as_str()));
            }
        }
        for op in ops::ALL {
            assert!(seen.contains(format!("tm_{}", op.name).as_str()));
            for a in op.args.iter().filter(|a| !a.positional) {
                assert!(seen.contains(format!("tm_{}_options_set_{}", op.name, a.name).as_str()));
            }
        }
    }
}
