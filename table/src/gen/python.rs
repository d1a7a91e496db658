//! The Python package's generated part: `trustmeta/_types.py` (a `Literal` alias per
//! list of names a choice argument takes, and the `Buffer` the byte arguments accept),
//! `trustmeta/_records.py` (one class per record),
//! `trustmeta/_operations.py` (one function per operation, with its real signature and
//! docstring, calling the native `_call`) and the stubs `trustmeta/_trustmeta.pyi` and
//! `trustmeta/__init__.pyi`.
//!
//! Three hand-written files are read at build time. `python/src/methods.py` holds the
//! methods a record class has beyond its fields (a lookup by name, a custom `repr`):
//! each of its `class Name:` sections is copied into the generated class of that name.
//! `python/src/handles.pyi` holds the stubs of the native classes that keep state (trust
//! stores, the streaming verifier); it is copied into `_trustmeta.pyi`. The public names
//! of those stubs, of `trustmeta/exceptions.py`, `trustmeta/_files.py`, `trustmeta/_lookup.py`, `trustmeta/_metadata_source.py` and `trustmeta/_replay.py` are
//! re-exported by `__init__.pyi`.

use super::{banner, File};
use crate::ops::{self, Arg, ArgKind, Default, OpDesc, Returns, CHOICE_TYPES};
use crate::records::ALL;
use crate::{Kind, RecordDesc};

const METHODS: &str = include_str!("../../../python/src/methods.py");
const HANDLES: &str = include_str!("../../../python/src/handles.pyi");
const EXCEPTIONS: &str = include_str!("../../../python/trustmeta/exceptions.py");
const FILES: &str = include_str!("../../../python/trustmeta/_files.py");
const LOOKUP: &str = include_str!("../../../python/trustmeta/_lookup.py");
const REPLAY: &str = include_str!("../../../python/trustmeta/_replay.py");
const METADATA_SOURCE: &str = include_str!("../../../python/trustmeta/_metadata_source.py");

/// The files of this front door.
pub fn files() -> Vec<File> {
    vec![
        File {
            path: "python/trustmeta/_types.py",
            contents: types(),
        },
        File {
            path: "python/trustmeta/_records.py",
            contents: records(),
        },
        File {
            path: "python/trustmeta/_operations.py",
            contents: operations(),
        },
        File {
            path: "python/trustmeta/_trustmeta.pyi",
            contents: native_stub(),
        },
        File {
            path: "python/trustmeta/__init__.pyi",
            contents: package_stub(),
        },
    ]
}

// --- Text ------------------------------------------------------------------------------------

/// The table's prose in Python's words: Markdown code spans as reStructuredText
/// literals, null as ``None``.
fn rst(text: &str) -> String {
    text.replace('`', "``")
        .split(' ')
        .map(|w| {
            if w.trim_matches(|c: char| !c.is_ascii_alphabetic()) == "null" {
                w.replacen("null", "``None``", 1)
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` wrapped to lines of at most `width` characters after `indent`.
fn wrap(text: &str, indent: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > width {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines
}

/// A docstring of `paragraphs` (each a list of lines, already indented), at `indent`.
fn docstring(paragraphs: &[Vec<String>], indent: &str) -> String {
    let body = paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
        .replace('\\', "\\\\")
        .replace("\"\"\"", "\\\"\\\"\\\"");
    let body = body.trim_start();
    // A quote right before the closing quotes would end the string early.
    let end = if body.ends_with('"') { " " } else { "" };
    if body.contains('\n') {
        format!("{indent}\"\"\"{body}{end}\n{indent}\"\"\"\n")
    } else {
        format!("{indent}\"\"\"{body}{end}\"\"\"\n")
    }
}

/// A Python string literal.
fn literal(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn literal_type(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| literal(n)).collect();
    format!("Literal[{}]", names.join(", "))
}

/// The names a Python source or stub defines at top level: classes, functions and
/// annotated variables.
fn public_names(source: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_string = false;
    for line in source.lines() {
        // Skip docstrings, whose lines may start like a definition.
        let was_in_string = in_string;
        if line.matches("\"\"\"").count() % 2 == 1 {
            in_string = !in_string;
        }
        if was_in_string || in_string {
            continue;
        }
        let name = if let Some(rest) = line.strip_prefix("class ") {
            rest.split(['(', ':']).next()
        } else if let Some(rest) = line.strip_prefix("def ") {
            rest.split('(').next()
        } else if line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            line.split_once(':')
                .map(|(n, _)| n)
                .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        } else {
            None
        };
        match name.map(str::trim) {
            Some(n) if !n.is_empty() && n != "__all__" => out.push(n),
            _ => {}
        }
    }
    out
}

// --- Types -------------------------------------------------------------------------------------

/// The type of a choice argument taking `names`: its alias in `_types.py`.
fn choice_type(names: &[&str]) -> String {
    ops::choice_type(names).map_or_else(|| literal_type(names), str::to_owned)
}

fn types() -> String {
    let mut out = banner("#");
    out.push_str(
        "\"\"\"The types of the operations' arguments: one ``Literal`` alias per list of names\n\
         a choice argument takes (so that a misspelled option fails the type checker), and\n\
         ``Buffer``, what a byte argument accepts: ``bytes`` or any object with the buffer\n\
         protocol (``bytearray``, a contiguous ``memoryview``, ``mmap.mmap``).\"\"\"\n\n\
         from __future__ import annotations\n\n\
         import mmap\n\
         import sys\n\
         from typing import Literal, Union\n\n\
         if sys.version_info >= (3, 12):\n    \
         from collections.abc import Buffer\n\
         else:\n    \
         Buffer = Union[bytes, bytearray, memoryview, mmap.mmap]\n\n\
         __all__ = [\n",
    );
    let mut names: Vec<&str> = CHOICE_TYPES.iter().map(|(t, _)| *t).collect();
    names.sort_unstable();
    for n in &names {
        out.push_str(&format!("    {},\n", literal(n)));
    }
    out.push_str("]\n");
    for (name, names) in CHOICE_TYPES {
        let described = ops::ALL
            .iter()
            .flat_map(|op| op.args.iter().map(move |a| (op, a)))
            .filter(|(_, a)| matches!(a.kind, ArgKind::Choice(n) if n == *names))
            .map(|(op, a)| format!("``{}({}=...)``", op.name, a.name))
            .collect::<Vec<_>>();
        // A union of one-name literals, the form mypy reads `Literal[...]` of several names
        // as: stubtest compares the runtime alias with that, and refuses a `Literal`.
        let members: Vec<String> = names.iter().map(|n| literal_type(&[n])).collect();
        out.push_str(&format!("\n{name} = Union[{}]\n", members.join(", ")));
        let doc = format!("The names accepted by {}.", described.join(", "));
        out.push_str(&docstring(&[wrap(&doc, "", 88)], ""));
    }
    out
}

// --- Records -----------------------------------------------------------------------------------

/// The Python type of a field.
fn field_type(kind: &Kind) -> String {
    match kind {
        Kind::Bool => "bool".into(),
        Kind::Int => "int".into(),
        Kind::Str => "str".into(),
        Kind::Bytes | Kind::Xml => "bytes".into(),
        Kind::Time => "datetime".into(),
        Kind::Enum(names) => literal_type(names),
        Kind::Opt(k) => format!("{} | None", field_type(k)),
        Kind::List(k) => format!("list[{}]", field_type(k)),
        Kind::Record(d) => d.class.into(),
    }
}

/// Whether an operation returns the record held, so that its class keeps the native
/// holder that answers the hand-written lookups.
fn is_held(d: &RecordDesc) -> bool {
    ops::ALL
        .iter()
        .any(|op| matches!(op.returns, Returns::Held(h) if core::ptr::eq(h, d)))
}

/// `methods.py` cut up: what stands before its first class (imports and helpers, without
/// the module docstring), and each `class Name:` section's body.
struct Methods {
    prelude: String,
    bodies: Vec<(&'static str, String)>,
}

fn methods() -> Methods {
    let mut prelude = String::new();
    let mut bodies: Vec<(&str, String)> = Vec::new();
    let mut in_docstring = false;
    for (i, line) in METHODS.lines().enumerate() {
        if i == 0 && line.starts_with("\"\"\"") {
            in_docstring = !line[3..].contains("\"\"\"");
            continue;
        }
        if in_docstring {
            in_docstring = !line.contains("\"\"\"");
            continue;
        }
        if let Some(rest) = line.strip_prefix("class ") {
            let name = rest.trim_end_matches(':').trim();
            assert!(
                ALL.iter().any(|d| d.class == name),
                "python/src/methods.py: {name} is not a record class"
            );
            bodies.push((name, String::new()));
        } else if let Some((_, body)) = bodies.last_mut() {
            body.push_str(line);
            body.push('\n');
        } else if !line.starts_with("from __future__") {
            prelude.push_str(line);
            prelude.push('\n');
        }
    }
    for (_, body) in &mut bodies {
        let trimmed = body.trim_end().to_owned();
        *body = trimmed + "\n";
    }
    Methods {
        prelude: prelude.trim().to_owned(),
        bodies,
    }
}

/// The enum names a field takes, if its values are names.
fn enum_names(kind: &Kind) -> Option<&'static [&'static str]> {
    match kind {
        Kind::Enum(names) => Some(names),
        Kind::Opt(k) | Kind::List(k) => enum_names(k),
        _ => None,
    }
}

fn record_class(d: &RecordDesc, extra: Option<&str>) -> String {
    let mut out = String::new();
    if d.tuple {
        out.push_str(&format!("class {}(NamedTuple):\n", d.class));
        out.push_str(&docstring(&[wrap(&rst(d.doc), "    ", 88)], "    "));
        out.push('\n');
        for f in d.fields {
            out.push_str(&format!("    {}: {}\n", f.name, field_type(&f.kind)));
        }
        out.push('\n');
        for f in d.fields {
            out.push_str(&format!(
                "\n{}.{}.__doc__ = {}",
                d.class,
                f.name,
                literal(&rst(f.doc))
            ));
        }
        out.push('\n');
    } else {
        out.push_str(&format!("class {}(_Record):\n", d.class));
        out.push_str(&docstring(&[wrap(&rst(d.doc), "    ", 88)], "    "));
        out.push('\n');
        if is_held(d) {
            out.push_str("    __slots__ = (\"_held\",)\n    _held: Any\n");
        } else {
            out.push_str("    __slots__ = ()\n");
        }
        let names: Vec<String> = d.fields.iter().map(|f| literal(f.name)).collect();
        let comma = if names.len() == 1 { "," } else { "" };
        out.push_str(&format!("    _fields = ({}{comma})\n", names.join(", ")));
        for f in d.fields {
            if let Some(values) = enum_names(&f.kind) {
                let values: Vec<String> = values.iter().map(|n| literal(n)).collect();
                out.push_str(&format!(
                    "    _{}_names: ClassVar[tuple[str, ...]] = ({},)\n",
                    f.name,
                    values.join(", ")
                ));
            }
        }
        for (i, f) in d.fields.iter().enumerate() {
            let value = if matches!(f.kind, Kind::List(_)) {
                // A new list each time: the record stays as it was verified.
                format!("list(self._v[{i}])")
            } else {
                format!("self._v[{i}]")
            };
            // Through a typed name: the values are untyped until read.
            let ty = field_type(&f.kind);
            out.push_str(&format!(
                "\n    @property\n    def {}(self) -> {ty}:\n{}        value: {ty} = {value}\n        return value\n",
                f.name,
                docstring(&[wrap(&rst(f.doc), "        ", 88)], "        ")
            ));
        }
    }
    if let Some(extra) = extra {
        out.push('\n');
        out.push_str(extra);
    }
    out
}

fn records() -> String {
    let methods = methods();
    let mut out = banner("#");
    out.push_str(
        "\"\"\"The result records: one class per record of the table, read-only, compared and\n\
         hashed by value. Records are made by trustmeta, never by hand.\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from datetime import datetime\n\
         from collections.abc import Sequence\n\
         from typing import Any, ClassVar, Literal, NamedTuple\n",
    );
    if !methods.prelude.is_empty() {
        out.push('\n');
        out.push_str(&methods.prelude);
        out.push_str("\n\n");
    }
    out.push_str("\n__all__ = [\n");
    let mut classes: Vec<&str> = ALL.iter().map(|d| d.class).collect();
    classes.sort_unstable();
    for c in &classes {
        out.push_str(&format!("    {},\n", literal(c)));
    }
    out.push_str(
        "]\n\n\n\
         class _Record:\n    \
             \"\"\"A result record: its values in field order, one read-only property each. The\n    \
             values are converted to Python as each is first read (a tuple after unpickling).\"\"\"\n\n    \
             __slots__ = (\"_v\",)\n    \
             _v: Sequence[Any]\n    \
             _fields: ClassVar[tuple[str, ...]] = ()\n\n    \
             def __repr__(self) -> str:\n        \
                 fields = []\n        \
                 for name, value in zip(self._fields, self._v):\n            \
                     if isinstance(value, tuple) and value and isinstance(value[0], _Record):\n                \
                         # A list of records is counted, or a trusted list would print whole.\n                \
                         fields.append(f\"{name}=<{len(value)} {type(value[0]).__name__}>\")\n            \
                     else:\n                \
                         fields.append(f\"{name}={getattr(self, name)!r}\")\n        \
                 return f\"{type(self).__name__}({', '.join(fields)})\"\n\n    \
             def __eq__(self, other: object) -> bool:\n        \
                 if not isinstance(other, _Record) or type(other) is not type(self):\n            \
                     return NotImplemented\n        \
                 return self._v == other._v\n\n    \
             def __hash__(self) -> int:\n        \
                 return hash((type(self).__name__, self._v))\n",
    );
    for d in ALL {
        let extra = methods
            .bodies
            .iter()
            .find(|(name, _)| *name == d.class)
            .map(|(_, body)| body.as_str());
        out.push_str("\n\n");
        out.push_str(&record_class(d, extra));
    }
    out.push_str(
        "\n\n# The native converter finds each record's class here, by the table's name.\n\
         _BY_NAME: dict[str, type] = {\n",
    );
    for d in ALL {
        out.push_str(&format!("    {}: {},\n", literal(d.name), d.class));
    }
    out.push_str(
        "}\n\nfor _class in _BY_NAME.values():\n    \
         # Public as trustmeta.<Class>, which is where they are documented and pickled from.\n    \
         _class.__module__ = \"trustmeta\"\n",
    );
    out
}

// --- Operations --------------------------------------------------------------------------------

fn arg_type(kind: &ArgKind) -> String {
    match kind {
        ArgKind::Bytes => "Buffer".into(),
        ArgKind::Text => "str".into(),
        ArgKind::Bool => "bool".into(),
        ArgKind::Int { .. } => "int".into(),
        ArgKind::Time => "datetime".into(),
        ArgKind::Choice(names) => choice_type(names),
        ArgKind::Store => "TrustStore".into(),
        ArgKind::IssuerTrust => "IssuerTrust".into(),
        ArgKind::ReplayCache => "ReplayCache | RedisReplayCache | ReplayCacheProtocol".into(),
        ArgKind::Emreg => "Emreg".into(),
        ArgKind::DecryptionKeys => "DecryptionKeys".into(),
    }
}

fn returns_type(r: &Returns) -> String {
    match r {
        Returns::Record(d) | Returns::Held(d) => d.class.into(),
        Returns::Records(d) => format!("list[{}]", d.class),
        Returns::Bytes => "bytes".into(),
        Returns::Text => "str".into(),
        Returns::IssuerTrust => "IssuerTrust".into(),
        Returns::MetadataStream => "MetadataStreamVerifier".into(),
    }
}

fn parameter(a: &Arg) -> String {
    let ty = arg_type(&a.kind);
    match a.default {
        Default::Required => format!("{}: {ty}", a.name),
        Default::Absent | Default::Now => format!("{}: {ty} | None = None", a.name),
        Default::Bool(b) => format!("{}: {ty} = {}", a.name, if b { "True" } else { "False" }),
        Default::Int(n) => format!("{}: {ty} = {n}", a.name),
        Default::Text(t) => format!("{}: {ty} = {}", a.name, literal(t)),
    }
}

fn operation_doc(op: &OpDesc) -> String {
    // An entry of a list: its first line at `    `, the rest under it.
    let entry = |text: &str| {
        let mut lines = wrap(text, "            ", 88);
        if let Some(first) = lines.first_mut() {
            *first = format!("        {}", first.trim_start());
        }
        lines
    };
    let mut args = vec!["    Arguments:".to_owned()];
    for a in op.args {
        args.extend(entry(&format!("{}: {}", a.name, rst(a.doc))));
    }
    let returns = match &op.returns {
        Returns::Records(d) => format!("Returns a list of ``{}``.", d.class),
        Returns::Bytes => "Returns ``bytes``.".into(),
        Returns::Text => "Returns a ``str``.".into(),
        r => format!("Returns a ``{}``.", returns_type(r)),
    };
    let codes: Vec<String> = op.raises.split(", ").map(|c| format!("`{c}`")).collect();
    let mut raises = vec!["    Raises:".to_owned()];
    raises.extend(entry(&format!(
        "VerificationError: a subclass whose ``.code`` is the stable error code; besides the generic ones, {}.",
        rst(&codes.join(", "))
    )));
    raises.extend(entry("TypeError: an argument of the wrong type."));
    raises.extend(entry("ValueError: an argument value it does not take."));
    docstring(
        &[
            wrap(&rst(op.doc), "    ", 88),
            args,
            wrap(&returns, "    ", 88),
            raises,
        ],
        "    ",
    )
}

fn operation(op: &OpDesc) -> String {
    let mut params = Vec::new();
    let mut starred = false;
    for a in op.args {
        if !a.positional && !starred {
            params.push("*".to_owned());
            starred = true;
        }
        params.push(parameter(a));
    }
    let ret = returns_type(&op.returns);
    let mut out = format!("def {}(\n", op.name);
    for p in &params {
        out.push_str(&format!("    {p},\n"));
    }
    out.push_str(&format!(") -> {ret}:\n"));
    out.push_str(&operation_doc(op));
    out.push_str(&format!(
        "    result: {ret} = _call(\n        {},\n",
        literal(op.name)
    ));
    // In the table's order: the native side takes them by position.
    for a in op.args {
        out.push_str(&format!("        {},\n", a.name));
    }
    out.push_str("    )\n    return result\n");
    out
}

fn operations() -> String {
    let mut out = banner("#");
    out.push_str(
        "\"\"\"The operations: one function per operation of the table, with its arguments'\n\
         names, defaults and docs. Each checks and converts its arguments in the native\n\
         ``_call``, which runs the operation without the GIL.\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from datetime import datetime\n\n\
         from ._records import (\n",
    );
    let mut used: Vec<&str> = Vec::new();
    for op in ops::ALL {
        if let Returns::Record(d) | Returns::Records(d) | Returns::Held(d) = op.returns {
            if !used.contains(&d.class) {
                used.push(d.class);
            }
        }
    }
    used.sort_unstable();
    for c in &used {
        out.push_str(&format!("    {c},\n"));
    }
    out.push_str(
        ")\nfrom ._trustmeta import (\n    DecryptionKeys,\n    Emreg,\n    IssuerTrust,\n    MetadataStreamVerifier,\n    \
         RedisReplayCache,\n    ReplayCache,\n    TrustStore,\n    _call,\n)\nfrom ._replay import ReplayCacheProtocol\nfrom ._types import (\n",
    );
    let mut types = vec!["Buffer"];
    types.extend(CHOICE_TYPES.iter().map(|(t, _)| *t));
    types.sort_unstable();
    for t in &types {
        out.push_str(&format!("    {t},\n"));
    }
    out.push_str(")\n\n__all__ = [\n");
    let mut names: Vec<&str> = ops::ALL.iter().map(|o| o.name).collect();
    names.sort_unstable();
    for n in &names {
        out.push_str(&format!("    {},\n", literal(n)));
    }
    out.push_str("]\n");
    for op in ops::ALL {
        out.push_str("\n\n");
        out.push_str(&operation(op));
    }
    out
}

// --- Stubs -------------------------------------------------------------------------------------

fn native_stub() -> String {
    let mut out = banner("#");
    out.push_str(HANDLES.trim_end());
    let names: Vec<String> = ops::ALL.iter().map(|o| literal(o.name)).collect();
    out.push_str(&format!(
        "\n\n# The operations' names, from the table.\n_Operation = Literal[\n    {},\n]\n\n\
         def _call(op: _Operation, /, *args: object) -> Any:\n    \
         \"\"\"Runs operation ``op`` with ``args``, one per argument of the table in its order\n    \
         (None for an argument left out).\"\"\"\n",
        names.join(",\n    ")
    ));
    let mut all = public_names(HANDLES);
    all.push("_call");
    all.sort_unstable();
    out.push_str("\n__all__ = [\n");
    for n in &all {
        out.push_str(&format!("    {},\n", literal(n)));
    }
    out.push_str("]\n");
    out
}

/// Whether `name` is public (`__version__` is).
fn public(name: &&str) -> bool {
    !name.starts_with('_') || *name == "__version__"
}

fn package_stub() -> String {
    let mut out = banner("#");
    out.push_str(
        "\"\"\"trustmeta: verify signed trust metadata against trust anchors you choose.\"\"\"\n\n",
    );
    let mut all: Vec<&str> = Vec::new();
    let import = |module: &str, names: Vec<&'static str>, all: &mut Vec<&'static str>| {
        let mut names = names;
        names.sort_unstable();
        names.dedup();
        let mut s = format!("from {module} import (\n");
        for n in &names {
            s.push_str(&format!("    {n} as {n},\n"));
        }
        s.push_str(")\n");
        all.extend(names);
        s
    };
    out.push_str(&import(
        "._files",
        public_names(FILES).into_iter().filter(public).collect(),
        &mut all,
    ));
    out.push_str(&import(
        "._lookup",
        public_names(LOOKUP).into_iter().filter(public).collect(),
        &mut all,
    ));
    out.push_str(&import(
        "._metadata_source",
        public_names(METADATA_SOURCE)
            .into_iter()
            .filter(public)
            .collect(),
        &mut all,
    ));
    out.push_str(&import(
        "._replay",
        public_names(REPLAY).into_iter().filter(public).collect(),
        &mut all,
    ));
    out.push_str(&import(
        "._operations",
        ops::ALL.iter().map(|o| o.name).collect(),
        &mut all,
    ));
    out.push_str(&import(
        "._records",
        ALL.iter().map(|d| d.class).collect(),
        &mut all,
    ));
    out.push_str(&import(
        "._types",
        CHOICE_TYPES.iter().map(|(t, _)| *t).collect(),
        &mut all,
    ));
    out.push_str(&import(
        "._trustmeta",
        public_names(HANDLES).into_iter().filter(public).collect(),
        &mut all,
    ));
    out.push_str(&import(
        ".exceptions",
        public_names(EXCEPTIONS)
            .into_iter()
            .filter(public)
            .collect(),
        &mut all,
    ));
    all.sort_unstable();
    out.push_str("\n__all__ = [\n");
    for n in &all {
        out.push_str(&format!("    {},\n", literal(n)));
    }
    out.push_str("]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_names_are_top_level_definitions() {
        let src = "\"\"\"Doc\nclass  no\n\"\"\"\nimport x\nclass A(B):\n    def m(self): ...\ndef f(x): ...\nV: int\n_p: int\n__version__: str\n# c: d\n";
        assert_eq!(public_names(src), ["A", "f", "V", "_p", "__version__"]);
    }

    #[test]
    fn docstrings_are_safe_python() {
        assert_eq!(
            docstring(&[vec!["    a \"\"\" b \\ \"c\"".into()]], "    "),
            "    \"\"\"a \\\"\\\"\\\" b \\\\ \"c\" \"\"\"\n"
        );
    }

    #[test]
    fn every_method_section_names_a_record() {
        let m = methods();
        assert!(!m.bodies.is_empty());
    }
}
