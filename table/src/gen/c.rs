//! Not generated yet.

use super::File;

/// The files of this front door.
pub fn files() -> Vec<File> {
    Vec::new()
}
