//! What the front doors fix at build time, written from the table: the C accessors and
//! header part, the Python stubs and classes, the TypeScript result interfaces and the
//! docs' field tables. `cargo run -p trustmeta-table --bin generate` writes them;
//! `-- --check` fails when one is stale, as CI runs it.

pub mod c;
pub mod docs;
pub mod python;
pub mod typescript;

/// A generated file.
pub struct File {
    /// Its path from the repository root.
    pub path: &'static str,
    /// Its whole contents.
    pub contents: String,
}

/// Every generated file.
pub fn all() -> Vec<File> {
    let mut out = docs::files();
    out.extend(python::files());
    out.extend(typescript::files());
    out.extend(c::files());
    out
}

/// The first line of every generated file, in the file's comment syntax.
pub fn banner(comment: &str) -> String {
    format!("{comment} Generated from the table (table/src/records.rs, table/src/ops.rs) by `cargo run -p trustmeta-table --bin generate`; do not edit.\n")
}
