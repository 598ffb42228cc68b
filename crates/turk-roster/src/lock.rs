//! The team folder lock: one writer at a time.
//!
//! A change reads files, plans new contents and renames them into place. Two changes that overlap would each
//! plan from what they read and the second rename would undo the first (two `turk roster add` runs at once
//! lose one member). So every change holds an advisory lock on `.turk-roster.lock` inside the team folder from
//! its first read to its last rename.
//!
//! The lock is the operating system's (`flock` on Unix, `LockFileEx` on Windows, through `std::fs::File::lock`):
//! it is released when the process ends, however it ends, so a crashed run never leaves the team locked. The
//! holder writes its pid into the file so a waiting run can say who it waits for. On Unix the holder removes the
//! file before letting go, so no lock file is left in the repository; a waiting run that then gets the lock on
//! the removed file sees that the path no longer names it and locks the new one.

use crate::error::{Result, RosterError};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's name inside the team folder.
pub const LOCK_FILE: &str = ".turk-roster.lock";

/// How often a waiting run tries again.
const POLL: Duration = Duration::from_millis(25);

/// How long to wait for the holder's pid to appear before saying we wait for someone unknown.
const PID_GRACE: Duration = Duration::from_millis(500);

/// Who holds the lock, as far as the lock file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockHolder {
    /// The lock file.
    pub path: PathBuf,
    /// The holder's process id, when it has written it.
    pub pid: Option<u32>,
}

/// A held team folder lock; dropping it releases the lock.
#[derive(Debug)]
pub struct TeamLock {
    file: File,
    path: PathBuf,
    /// The team folder, when taking the lock created it (`init`); removed again if it is still empty.
    created_dir: Option<PathBuf>,
}

impl TeamLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TeamLock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock (the lock goes when `file` is closed, after this body).
        // Another platform may refuse to remove an open file; there the file stays, which is harmless.
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
        if let Some(dir) = &self.created_dir {
            // Only succeeds when the change that created the folder wrote nothing into it.
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Take the lock on team folder `dir`, waiting up to `timeout`. `on_wait` is called once, when the lock is
/// held by someone else, with what the lock file says about them.
pub(crate) fn acquire(
    dir: &Path,
    timeout: Duration,
    on_wait: &mut dyn FnMut(&LockHolder),
) -> Result<TeamLock> {
    let created_dir = if dir.is_dir() {
        None
    } else {
        std::fs::create_dir(dir).map_err(|e| RosterError::io(dir, e))?;
        Some(dir.to_path_buf())
    };
    let path = dir.join(LOCK_FILE);
    let give_up = |e: RosterError| {
        if let Some(d) = &created_dir {
            let _ = std::fs::remove_dir(d);
        }
        e
    };
    let start = Instant::now();
    let mut told = false;
    loop {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| give_up(RosterError::io(&path, e)))?;
        match file.try_lock() {
            Ok(()) if names_the_same_file(&path, &file) => {
                // Best effort: the pid only improves the message another run prints.
                let _ = file.set_len(0);
                let _ = (&file).write_all(format!("{}\n", std::process::id()).as_bytes());
                return Ok(TeamLock {
                    file,
                    path,
                    created_dir,
                });
            }
            // The previous holder removed this file as it let go: lock the one the path names now.
            Ok(()) => continue,
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(give_up(RosterError::io(&path, e))),
        }
        drop(file);
        let pid = holder_pid(&path);
        if !told && (pid.is_some() || start.elapsed() >= PID_GRACE) {
            on_wait(&LockHolder {
                path: path.clone(),
                pid,
            });
            told = true;
        }
        if start.elapsed() >= timeout {
            return Err(give_up(RosterError::LockTimeout {
                path,
                pid,
                waited: timeout,
            }));
        }
        std::thread::sleep(POLL);
    }
}

/// The pid the holder wrote into the lock file.
fn holder_pid(path: &Path) -> Option<u32> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// Whether `path` still names the open `file` (it does not once the previous holder removed it).
#[cfg(unix)]
fn names_the_same_file(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (std::fs::metadata(path), file.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Without removal on release the path always names the file that was opened.
#[cfg(not(unix))]
fn names_the_same_file(_path: &Path, _file: &File) -> bool {
    true
}
