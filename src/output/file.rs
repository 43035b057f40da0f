//! Single files written whole (`-o`/`--descriptor_set_out`): a failure never leaves a
//! half-written or truncated file, as a temporary file is written beside the target and then
//! renamed over it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::os_error::strerror;

/// Writes `bytes` to `path`. The error is the line protoc prints (`perror(path)`):
/// `out/x.pb: No such file or directory`.
pub fn write_atomically(path: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("{path}: {}", strerror(&e));
    let existing = fs::metadata(path).ok();
    // A device, pipe or socket (`-o /dev/stdout`) is written in place, as protoc does: it
    // cannot be replaced by a rename, and must never be.
    if let Some(meta) = &existing
        && !meta.is_file()
        && !meta.is_dir()
    {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)
            .map_err(fail)?;
        return f.write_all(bytes).and_then(|()| f.flush()).map_err(fail);
    }
    // protoc opens the target itself, so a symlink is written through, not replaced.
    let target: PathBuf = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() && existing.is_some() => {
            fs::canonicalize(path).map_err(fail)?
        }
        _ => PathBuf::from(path),
    };
    // Opening the existing target for writing (without truncating) reports what protoc's
    // open would: a directory, a read-only file.
    let perms = match &existing {
        Some(meta) => {
            fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(fail)?;
            Some(meta.permissions())
        }
        None => None,
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{base}.protoc-rs-{}.tmp", std::process::id()));
    let result = write_new(&tmp, bytes, perms).and_then(|()| fs::rename(&tmp, &target));
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

fn write_new(tmp: &Path, bytes: &[u8], perms: Option<fs::Permissions>) -> std::io::Result<()> {
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    f.write_all(bytes)?;
    f.flush()?;
    if let Some(p) = perms {
        // Keep the mode of the file being replaced, as protoc's O_TRUNC would.
        f.set_permissions(p)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.pb");
        let ps = p.to_str().expect("utf8");
        write_atomically(ps, b"one").expect("write");
        write_atomically(ps, b"two").expect("rewrite");
        assert_eq!(fs::read(&p).expect("read"), b"two");
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
    }

    #[test]
    fn missing_directory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("nope/x.pb");
        let ps = p.to_str().expect("utf8");
        assert_eq!(
            write_atomically(ps, b"x"),
            Err(format!("{ps}: No such file or directory"))
        );
    }

    #[test]
    fn devices_are_written_in_place() {
        write_atomically("/dev/null", b"x").expect("/dev/null");
        assert!(
            fs::metadata("/dev/null")
                .expect("still there")
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn symlinks_are_written_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.pb");
        fs::write(&real, "old").expect("write");
        let link = dir.path().join("link.pb");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomically(link.to_str().expect("utf8"), b"new").expect("write");
        assert!(
            fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).expect("read"), b"new");
    }

    #[test]
    fn directory_target() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ps = dir.path().to_str().expect("utf8");
        assert_eq!(
            write_atomically(ps, b"x"),
            Err(format!("{ps}: Is a directory"))
        );
    }
}
