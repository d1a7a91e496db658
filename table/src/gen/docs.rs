//! `docs/reference.md`: every operation and result record, with the spelling each front
//! door gives them.

use super::{banner, File};
use crate::ops::{self, Default, Returns};
use crate::{camel_case, records};

/// The docs' generated reference, and the generated part of the bindings brief.
pub fn files() -> Vec<File> {
    vec![
        File {
            path: "docs/reference.md",
            contents: reference(),
        },
        File {
            path: BRIEF,
            contents: brief(),
        },
    ]
}

const BRIEF: &str = "docs/bindings-brief.md";
const BEGIN: &str = "<!-- generated from the table: operations and results by front door -->\n";
const END: &str = "<!-- end of the generated part -->\n";

/// The bindings brief with its marked part written anew (the rest is prose kept by hand).
fn brief() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(BRIEF);
    let now = std::fs::read_to_string(path).unwrap_or_default();
    let (Some(a), Some(b)) = (now.find(BEGIN), now.find(END)) else {
        return now;
    };
    format!("{}{BEGIN}{}{}", &now[..a], brief_tables(), &now[b..])
}

fn brief_tables() -> String {
    let mut out = String::from(
        "\n### Operations\n\n\
         Arguments in brackets are named (Python keywords, the JS options object, the C \
         `tm_<op>_options` setters); the others are positional. Defaults, kinds and docs: \
         [reference.md](reference.md).\n\n\
         | operation | CLI | Python | JavaScript | C | returns |\n|---|---|---|---|---|---|\n",
    );
    for op in ops::ALL {
        let positional: Vec<&str> = op
            .args
            .iter()
            .filter(|a| a.positional)
            .map(|a| a.name)
            .collect();
        let named: Vec<&str> = op
            .args
            .iter()
            .filter(|a| !a.positional)
            .map(|a| a.name)
            .collect();
        let js_named: Vec<String> = named.iter().map(|n| camel_case(n)).collect();
        let cli = if op.cli.is_empty() {
            "—".to_owned()
        } else {
            format!("`{}`", op.cli)
        };
        out.push_str(&format!(
            "| `{}` | {} | `{}({}{})` | `{}({}{})` | `tm_{}(…, tm_{}_options *, …)` | {} |\n",
            op.name,
            cell(&cli),
            op.name,
            positional.join(", "),
            if named.is_empty() {
                String::new()
            } else {
                format!(", *, [{}]", named.join(", "))
            },
            camel_case(op.name),
            positional
                .iter()
                .map(|n| camel_case(n))
                .collect::<Vec<_>>()
                .join(", "),
            if named.is_empty() {
                String::new()
            } else {
                format!(", {{{}}}", js_named.join(", "))
            },
            op.name,
            op.name,
            returns(&op.returns)
        ));
    }
    out.push_str(
        "\n### Results\n\n\
         Every field has one name: as written in Python, in the CLI's JSON and after \
         `tm_<record>_` in C; in camel case in JavaScript. Fields and their kinds: \
         [reference.md](reference.md).\n\n\
         | record | Python / TypeScript | C | fields |\n|---|---|---|---|\n",
    );
    for d in records::ALL {
        let fields: Vec<&str> = d.fields.iter().map(|f| f.name).collect();
        out.push_str(&format!(
            "| `{}` | `{}`{} | `tm_{}` | {} |\n",
            d.name,
            d.class,
            if d.tuple {
                " (named tuple in Python)"
            } else {
                ""
            },
            d.name,
            fields.join(", ")
        ));
    }
    out.push('\n');
    out
}

fn default(d: Default) -> String {
    match d {
        Default::Required => "required".into(),
        Default::Absent => "absent".into(),
        Default::Bool(b) => format!("`{b}`"),
        Default::Int(n) => format!("`{n}`"),
        Default::Text(t) => format!("`\"{t}\"`"),
        Default::Now => "the clock".into(),
    }
}

fn returns(r: &Returns) -> String {
    match r {
        Returns::Record(d) | Returns::Held(d) => format!("[`{}`](#{})", d.class, d.name),
        Returns::Records(d) => format!("list of [`{}`](#{})", d.class, d.name),
        Returns::Bytes => "bytes".into(),
        Returns::Text => "text".into(),
        Returns::IssuerTrust => "`IssuerTrust`".into(),
        Returns::MetadataStream => {
            "a streaming verifier (`feed`, `finish` → `VerifiedMetadata`)".into()
        }
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn reference() -> String {
    let mut out = banner("<!--").trim_end().to_owned() + " -->\n\n";
    out.push_str(
        "# Operations and results\n\n\
         One table (`table/`) declares every operation and every result record; each front door \
         spells the names its own way: Python and the C accessors as written here (snake case), \
         JavaScript in camel case, the CLI's `--json` output with these keys. A record marked \
         *tuple* is a named tuple in Python.\n\n## Operations\n",
    );
    for op in ops::ALL {
        out.push_str(&format!(
            "\n### `{}`\n\n{}\n\nJavaScript `{}`. Returns {}. Raises {} besides the generic codes.\n\n\
             | argument | kind | default | |\n|---|---|---|---|\n",
            op.name,
            op.doc,
            camel_case(op.name),
            returns(&op.returns),
            op.raises
        ));
        for a in op.args {
            let how = if a.positional { " (positional)" } else { "" };
            out.push_str(&format!(
                "| `{}`{how} | {} | {} | {} |\n",
                a.name,
                cell(&a.kind.spelling()),
                default(a.default),
                cell(a.doc)
            ));
        }
    }
    out.push_str("\n## Results\n");
    for d in records::ALL {
        let tuple = if d.tuple { " (tuple)" } else { "" };
        out.push_str(&format!(
            "\n<a id=\"{}\"></a>\n### `{}`{tuple}\n\n{} C type `tm_{}`.\n\n| field | kind | |\n|---|---|---|\n",
            d.name, d.class, d.doc, d.name
        ));
        for f in d.fields {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                f.name,
                cell(&f.kind.spelling()),
                cell(f.doc)
            ));
        }
    }
    out
}
