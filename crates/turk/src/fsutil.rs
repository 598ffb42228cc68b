//! Writing output files (`--out`, `--json`, `--sarif`) the way a user expects of a command-line tool:
//!
//! - `-` is standard output;
//! - a regular file is replaced atomically (a temporary file beside it, then a rename), so a reader or a crash never
//!   sees half a report, and it keeps its permissions;
//! - a symbolic link is followed: its target is replaced, the link stays;
//! - anything else that exists (`/dev/null`, `/dev/stdout`, a FIFO) is written in place, as a shell redirection
//!   would, never replaced by a regular file.
//!
//! [`check_writable`] tries each path before any work that costs money (model requests) is done.

use anyhow::{Context, Result, bail};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// An output path as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
}

impl Output {
    pub fn parse(arg: &Path) -> Output {
        if arg == Path::new("-") {
            Output::Stdout
        } else {
            Output::File(arg.to_path_buf())
        }
    }
}

/// Writes `bytes` to `output` (see the module docs for what happens to links, devices and FIFOs).
pub fn write_output(output: &Output, bytes: &[u8]) -> Result<()> {
    match output {
        Output::Stdout => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .context("writing to standard output")
        }
        Output::File(path) => write_file(path, bytes),
    }
}

/// Writes `bytes` to the file at `path` (following links; devices and FIFOs in place; regular files atomically).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = resolve(path)?;
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => bail!("{}: is a folder, not a file", path.display()),
        Ok(meta) if !meta.is_file() => {
            let mut file = OpenOptions::new()
                .write(true)
                .open(&target)
                .with_context(|| format!("{}: cannot open for writing", path.display()))?;
            file.write_all(bytes)
                .with_context(|| format!("{}: cannot write", path.display()))
        }
        Ok(meta) => replace(&target, bytes, Some(meta.permissions()))
            .with_context(|| format!("{}: cannot write", path.display())),
        Err(_) => replace(&target, bytes, None).with_context(|| format!("{}: cannot write", path.display())),
    }
}

/// Checks that `output` can be written, without changing it: a folder, a missing parent that cannot be created, or
/// a file or folder without write permission is an error now rather than after the reviews.
pub fn check_writable(output: &Output) -> Result<()> {
    let Output::File(path) = output else {
        return Ok(());
    };
    let target = resolve(path)?;
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => bail!("{}: is a folder, not a file", path.display()),
        // Devices and FIFOs are written in place; opening a FIFO to test it would wait for a reader.
        Ok(meta) if !meta.is_file() => Ok(()),
        Ok(_) => {
            OpenOptions::new()
                .append(true)
                .open(&target)
                .with_context(|| format!("{}: cannot be written", path.display()))?;
            probe_folder(&target, path)
        }
        Err(_) => probe_folder(&target, path),
    }
}

/// Creates and removes a probe file in the folder that will hold `target` (the rename needs it writable).
fn probe_folder(target: &Path, shown: &Path) -> Result<()> {
    let dir = parent(target);
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    let probe = temp_name(target, "probe");
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .with_context(|| format!("{}: its folder is not writable", shown.display()))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// The file a path finally names: symbolic links followed (a dangling link names the file it would create).
fn resolve(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)
                    .with_context(|| format!("{}: cannot read the link", current.display()))?;
                current = if link.is_absolute() {
                    link
                } else {
                    parent(&current).join(link)
                };
            }
            _ => return Ok(current),
        }
    }
    bail!("{}: too many levels of symbolic links", path.display())
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn temp_name(target: &Path, kind: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    parent(target).join(format!(".{name}.{kind}-{}", std::process::id()))
}

/// Writes a temporary file beside `target`, with `permissions` when the target existed, then renames it over.
fn replace(target: &Path, bytes: &[u8], permissions: Option<std::fs::Permissions>) -> std::io::Result<()> {
    std::fs::create_dir_all(parent(target))?;
    let tmp = temp_name(target, "tmp");
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        file.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};

    #[test]
    fn a_symlink_keeps_pointing_at_its_target_which_gets_the_new_content() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("reports")).unwrap();
        let target = dir.path().join("reports/latest.md");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("report.md");
        std::os::unix::fs::symlink("reports/latest.md", &link).unwrap();
        write_file(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn an_existing_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&path, b"new").unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_fifo_is_written_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path and mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        write_file(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn dev_null_stays_a_device() {
        write_file(Path::new("/dev/null"), b"nothing").unwrap();
        check_writable(&Output::parse(Path::new("/dev/null"))).unwrap();
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn folders_and_unwritable_places_are_found_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let err = check_writable(&Output::parse(dir.path())).unwrap_err();
        assert!(format!("{err:#}").contains("is a folder"), "{err:#}");
        let nested = dir.path().join("new/folder/report.md");
        check_writable(&Output::parse(&nested)).unwrap();
        assert!(!nested.exists(), "the probe leaves nothing behind");
        assert_eq!(std::fs::read_dir(nested.parent().unwrap()).unwrap().count(), 0);
        assert_eq!(Output::parse(Path::new("-")), Output::Stdout);
    }
}
