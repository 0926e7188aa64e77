//! Writing output files atomically: never a half-written file.
//!
//! The bytes go to a temporary file in the destination's directory, which is then renamed over
//! the destination. A crash or an error midway leaves the old file (or no file), never a torn one.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// Writes to `path` atomically what `write` writes to the writer it is given (buffered): the
/// file appears, whole, only when `write` returns `Ok`; on an error the old file (or none) is
/// left as it was.
pub fn write_atomic_with<T>(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let temporary = tempfile::Builder::new()
        .prefix(".argraph-")
        .suffix(".tmp")
        .tempfile_in(directory)?;
    let mut buffered = std::io::BufWriter::new(temporary);
    let written = write(&mut buffered)?;
    let temporary = buffered.into_inner().map_err(|error| error.into_error())?;
    // A temporary file is private (0600); the output should look like any file the user writes:
    // keep the permissions of the file it replaces, or use the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(path)
            .map(|existing| existing.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        temporary.as_file().set_permissions(permissions)?;
    }
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::write_atomic;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").expect("write");
        write_atomic(&path, b"new").expect("atomic write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.txt")]);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let fresh = dir.path().join("fresh.txt");
        write_atomic(&fresh, b"x").expect("write");
        let mode = std::fs::metadata(&fresh)
            .expect("stat")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
        let kept = dir.path().join("kept.txt");
        std::fs::write(&kept, "old").expect("write");
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        write_atomic(&kept, b"new").expect("write");
        let mode = std::fs::metadata(&kept).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn missing_directory_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("no-such-dir").join("out.txt");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }

    /// A writer that fails midway leaves the old file as it was and no temporary file.
    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").expect("write");
        let result = super::write_atomic_with(&path, |file| {
            file.write_all(&[b'x'; 100_000])?;
            Err::<(), _>(std::io::Error::other("the diagram failed"))
        });
        assert_eq!(result.expect_err("fails").to_string(), "the diagram failed");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }
}
