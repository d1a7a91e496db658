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

/// Whether the binary under test is statically linked (no ELF program interpreter): such a
/// program cannot load a shared library, a PKCS#11 module included.
#[allow(dead_code, reason = "only the PKCS#11 tests ask")]
pub(crate) fn is_static() -> bool {
    const PT_INTERP: u32 = 3;
    let elf = std::fs::read(bin()).unwrap();
    let u16_at = |at: usize| u16::from_le_bytes([elf[at], elf[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes(elf[at..at + 4].try_into().unwrap());
    let u64_at = |at: usize| u64::from_le_bytes(elf[at..at + 8].try_into().unwrap());
    // Only 64-bit little-endian ELF is tested here (x86_64 and aarch64 Linux).
    assert_eq!(
        &elf[..6],
        b"\x7fELF\x02\x01",
        "not a 64-bit little-endian ELF file"
    );
    let phoff = usize::try_from(u64_at(0x20)).unwrap();
    let phentsize = usize::from(u16_at(0x36));
    let phnum = usize::from(u16_at(0x38));
    (0..phnum).all(|i| u32_at(phoff + i * phentsize) != PT_INTERP)
}
