//! The version, at compile time (macros) and at run time (functions), like sqlite's
//! `SQLITE_VERSION_NUMBER` / `sqlite3_libversion_number()`. `TRUSTMETA_VERSION_STRING`
//! is built from the numbers in the header's preamble (cbindgen cannot emit string
//! constants), the same way zstd builds `ZSTD_VERSION_STRING`.

use std::ffi::{c_char, CStr};

use crate::guard;

/// Major version of the header: changes when the API or ABI breaks.
pub const TRUSTMETA_VERSION_MAJOR: u32 = 0;
/// Minor version of the header: new functions or statuses, compatible.
pub const TRUSTMETA_VERSION_MINOR: u32 = 1;
/// Patch version of the header: fixes only.
pub const TRUSTMETA_VERSION_PATCH: u32 = 0;
/// The header's version as one number, `MAJOR * 10000 + MINOR * 100 + PATCH` (0.1.0 is
/// 100). Compare it with tm_version_number() to detect a header/library mismatch.
pub const TRUSTMETA_VERSION_NUMBER: u32 =
    TRUSTMETA_VERSION_MAJOR * 10000 + TRUSTMETA_VERSION_MINOR * 100 + TRUSTMETA_VERSION_PATCH;

static VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => panic!("the package version contains a NUL byte"),
    };

/// ==== Version ===========================================================================
///
/// Returns the version of the linked library, e.g. `"0.1.0"`, which equals
/// `TRUSTMETA_VERSION_STRING` when header and library match.
///
/// @return a static NUL-terminated string, never NULL. Do not free it.
///
/// Thread safety: may be called from any thread at any time.
#[no_mangle]
pub extern "C" fn tm_version() -> *const c_char {
    VERSION.as_ptr()
}

/// Returns the version of the linked library as `MAJOR * 10000 + MINOR * 100 + PATCH`,
/// to compare with `TRUSTMETA_VERSION_NUMBER` at run time:
///
/// ```c
/// if (tm_version_number() / 10000 != TRUSTMETA_VERSION_NUMBER / 10000) abort();
/// ```
///
/// @return the version number (100 for 0.1.0).
///
/// Thread safety: may be called from any thread at any time.
#[no_mangle]
pub extern "C" fn tm_version_number() -> u32 {
    guard::quietly(0, || {
        let part = |s: &str| s.parse::<u32>().unwrap_or(0);
        part(env!("CARGO_PKG_VERSION_MAJOR")) * 10000
            + part(env!("CARGO_PKG_VERSION_MINOR")) * 100
            + part(env!("CARGO_PKG_VERSION_PATCH"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header's macros are literals (cbindgen reads the source, it cannot evaluate
    /// `env!`), so this test keeps them equal to the package version.
    #[test]
    fn header_constants_match_the_package_version() {
        assert_eq!(
            TRUSTMETA_VERSION_MAJOR.to_string(),
            env!("CARGO_PKG_VERSION_MAJOR")
        );
        assert_eq!(
            TRUSTMETA_VERSION_MINOR.to_string(),
            env!("CARGO_PKG_VERSION_MINOR")
        );
        assert_eq!(
            TRUSTMETA_VERSION_PATCH.to_string(),
            env!("CARGO_PKG_VERSION_PATCH")
        );
        assert_eq!(tm_version_number(), TRUSTMETA_VERSION_NUMBER);
        // SAFETY: tm_version returns a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(tm_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
