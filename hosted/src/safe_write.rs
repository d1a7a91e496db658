//! Every file the command line writes: SMP records (`tsl to-smp --out`), the metadata
//! state directory (`metadata refresh`) and the SMP record cache (`smp lookup --cache`).
//!
//! Those folders may be shared with other users or processes. A fixed temporary name
//! (`record.xml.tmp`, `.name.<pid>.tmp`) can be planted beforehand as a symlink, and
//! opening it with `File::create` would then overwrite whatever the link points at. So
//! the bytes go to a new file with a random name in the target's folder, created with
//! `O_CREAT | O_EXCL` (an existing name, symlink or not, is never opened; another name is
//! tried), and that file is renamed over the target. rename(2) replaces a symlink at the
//! target instead of following it, and a reader never sees half a file.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use tempfile::{Builder, NamedTempFile};

/// The folder `target` is in (the current one for a bare name).
fn folder(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.<target's name>.`, so a leftover (after a crash) says what it was for.
fn prefix(target: &Path) -> OsString {
    let mut p = OsString::from(".");
    p.push(target.file_name().unwrap_or_else(|| "file".as_ref()));
    p.push(".");
    p
}

fn builder(prefix: &OsString) -> Builder<'_, 'static> {
    let mut b = Builder::new();
    b.prefix(prefix).suffix(".tmp");
    // The files are data for others to read (SMP records a server publishes, the
    // state a monitor reads): the mode `File::create` gives, within the umask, rather
    // than tempfile's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o666));
    }
    b
}

/// A new, empty file with a random name beside `target`, to be [`commit`]ted over it;
/// removed when dropped uncommitted.
pub fn create_beside(target: &Path) -> io::Result<NamedTempFile> {
    builder(&prefix(target)).tempfile_in(folder(target))
}

/// Flushes `file` to disk and renames it over `target`.
pub fn commit(file: NamedTempFile, target: &Path) -> io::Result<()> {
    file.as_file().sync_all()?;
    file.persist(target).map(drop).map_err(|e| e.error)
}

/// Writes `bytes` to `target` through a new file beside it and a rename.
pub fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = create_beside(target)?;
    file.write_all(bytes)?;
    commit(file, target)
}

/// Puts `source`'s contents at `target` the same way: a hard link under a random name
/// where the file system allows one (no copy of a large file), else a copy.
pub fn link_or_copy(source: &Path, target: &Path) -> io::Result<()> {
    let prefix = prefix(target);
    // `make_in` tries fresh names while the link's name exists; link(2) never follows
    // a symlink at its new name.
    match builder(&prefix).make_in(folder(target), |name| fs::hard_link(source, name)) {
        Ok(link) => link.persist(target).map(drop).map_err(|e| e.error),
        Err(_) => {
            let mut file = create_beside(target)?;
            io::copy(&mut File::open(source)?, file.as_file_mut())?;
            commit(file, target)
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;
    use std::path::PathBuf;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "trustmeta-safe-write-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A file outside the folder that planted links point at.
    fn victim(dir: &Path) -> PathBuf {
        let v = dir.join("victim");
        fs::write(&v, b"precious").unwrap();
        v
    }

    #[test]
    fn planted_symlinks_are_never_written_through() {
        let dir = scratch("planted");
        let out = dir.join("out");
        fs::create_dir(&out).unwrap();
        let v = victim(&dir);
        let target = out.join("record.xml");
        // Every temporary name the command line used before, and the target itself.
        let pid = std::process::id();
        for name in [
            "record.xml.tmp".to_string(),
            format!(".record.xml.{pid}.tmp"),
            format!(".metadata.{pid}.download"),
        ] {
            symlink(&v, out.join(name)).unwrap();
        }
        symlink(&v, &target).unwrap();
        write(&target, b"<record/>").unwrap();
        assert_eq!(fs::read(&v).unwrap(), b"precious");
        assert!(!fs::symlink_metadata(&target).unwrap().is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"<record/>");
        // Written again over a regular file, and nothing is left behind but the links.
        write(&target, b"<record2/>").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"<record2/>");
        let left: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".tmp") && !n.contains(&pid.to_string()))
            .filter(|n| n != "record.xml.tmp")
            .collect();
        assert!(left.is_empty(), "{left:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_new_file_is_created_exclusively() {
        // Random names cannot be planted in advance; what makes that hold is O_EXCL.
        // With the randomness taken out, the name is predictable, and a link planted
        // there makes the creation fail rather than open the link.
        let dir = scratch("excl");
        let v = victim(&dir);
        let target = dir.join("record.xml");
        let prefix = prefix(&target);
        let mut b = builder(&prefix);
        b.rand_bytes(0);
        symlink(&v, dir.join(".record.xml..tmp")).unwrap();
        let e = b.tempfile_in(&dir).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists, "{e}");
        assert_eq!(fs::read(&v).unwrap(), b"precious");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn link_or_copy_replaces_a_planted_target_link() {
        let dir = scratch("link");
        let v = victim(&dir);
        let source = dir.join("current.xml");
        fs::write(&source, b"held copy").unwrap();
        let target = dir.join("previous.xml");
        symlink(&v, &target).unwrap();
        link_or_copy(&source, &target).unwrap();
        assert_eq!(fs::read(&v).unwrap(), b"precious");
        assert!(!fs::symlink_metadata(&target).unwrap().is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"held copy");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn files_get_the_usual_mode_not_a_private_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("mode");
        let target = dir.join("r.xml");
        write(&target, b"x").unwrap();
        let reference = dir.join("reference");
        File::create(&reference).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target), mode(&reference));
        fs::remove_dir_all(&dir).unwrap();
    }
}
