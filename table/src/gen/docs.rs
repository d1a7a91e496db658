//! `docs/reference.md`: every operation and result record, with the spelling each front
//! door gives them.

use super::{banner, File};
use crate::ops::{self, Default, Returns};
use crate::{camel_case, records};

/// The docs' generated reference.
pub fn files() -> Vec<File> {
    vec![File {
        path: "docs/reference.md",
        contents: reference(),
    }]
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
