//! Writes the generated files of the front doors, or with `--check` fails when one is
//! stale (CI runs it so).

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => {
            eprintln!("usage: generate [--check] (not {other:?})");
            return ExitCode::from(2);
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut stale = Vec::new();
    for f in trustmeta_table::gen::all() {
        let path = root.join(f.path);
        let now = std::fs::read_to_string(&path).unwrap_or_default();
        if now == f.contents {
            continue;
        }
        if check {
            stale.push(f.path);
        } else if let Err(e) = std::fs::write(&path, &f.contents) {
            eprintln!("generate: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        } else {
            println!("wrote {}", f.path);
        }
    }
    if stale.is_empty() {
        ExitCode::SUCCESS
    } else {
        for p in stale {
            eprintln!("generate: {p} is stale; run `cargo run -p trustmeta-table --bin generate`");
        }
        ExitCode::FAILURE
    }
}
