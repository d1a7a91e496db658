//! What the CLI tests share: the binary they run.

use std::path::PathBuf;
use std::process::Command;

/// The `trustmeta` binary under test: the one cargo built for this test run, or the one
/// `TRUSTMETA_CLI_BIN` names (scripts/test-rust.sh runs the suite again against the
/// static musl build that is shipped).
pub(crate) fn bin() -> PathBuf {
    match std::env::var_os("TRUSTMETA_CLI_BIN") {
        Some(path) if !path.is_empty() => {
            let path = PathBuf::from(path);
            assert!(
                path.is_file(),
                "TRUSTMETA_CLI_BIN={} is not a file",
                path.display()
            );
            path
        }
        _ => PathBuf::from(env!("CARGO_BIN_EXE_trustmeta")),
    }
}

/// A command that runs the binary under test.
pub(crate) fn command() -> Command {
    Command::new(bin())
}
