//! Reading files with errors that name them, and applying a set of changes all-or-nothing.
//!
//! A [`Plan`] collects every new file content and folder move of one operation, and remembers every file it
//! read on the way. Nothing touches the disk until [`Plan::apply`]: it checks every target first (read-only
//! files, existing destinations) and that no file the plan read has changed since (another program may have
//! written it: the plan would be built on stale text and would undo that write), then moves folders, writes each
//! new content to a temporary file beside its target, and only when all of them are written renames them into
//! place. A failure before the renames leaves the team exactly as it was.
//!
//! Two turk processes are kept apart by the team folder lock ([`crate::Team::change`]); the check of what was
//! read catches every other writer (an editor, Squad itself).

use crate::error::{Result, RosterError};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Read a UTF-8 text file, naming it in any error.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| RosterError::io(path, e))?;
    String::from_utf8(bytes).map_err(|_| RosterError::NotUtf8 {
        path: path.to_path_buf(),
    })
}

/// Like [`read_text`], but a missing file is `None`.
pub fn read_optional(path: &Path) -> Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| RosterError::NotUtf8 {
                path: path.to_path_buf(),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(RosterError::io(path, e)),
    }
}

/// A file's bytes, `None` when it does not exist.
fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(RosterError::io(path, e)),
    }
}

/// One change of a plan, as shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Write `new` to a file (`old` is `None` when the file is created).
    Write {
        path: PathBuf,
        old: Option<String>,
        new: String,
    },
    /// Move a folder (retiring a member).
    Move { from: PathBuf, to: PathBuf },
}

/// The changes one operation wants to make, applied all-or-nothing.
#[derive(Debug, Default, Clone)]
pub struct Plan {
    /// Path → (content on disk, new content), in a stable order.
    writes: BTreeMap<PathBuf, (Option<String>, String)>,
    moves: Vec<(PathBuf, PathBuf)>,
    /// Every file the plan read, by its path on disk, with what it held then (`None`: it did not exist).
    /// [`Plan::apply`] checks them all again before the first rename.
    read: RefCell<BTreeMap<PathBuf, Option<String>>>,
    /// What the plan does, one line each, for the user ("added Turk to the Members table").
    pub notes: Vec<String>,
}

impl Plan {
    pub fn new() -> Self {
        Self::default()
    }

    /// Where the content of `path` is on disk now: inside a folder this plan moves, the file is still at the
    /// folder's old place.
    fn on_disk(&self, path: &Path) -> PathBuf {
        for (from, to) in &self.moves {
            if let Ok(rel) = path.strip_prefix(to) {
                return from.join(rel);
            }
        }
        path.to_path_buf()
    }

    /// What `path` holds on disk (as this plan first saw it), remembered for the check before applying.
    fn base(&self, path: &Path) -> Result<Option<String>> {
        let disk = self.on_disk(path);
        if let Some(seen) = self.read.borrow().get(&disk) {
            return Ok(seen.clone());
        }
        let text = read_optional(&disk)?;
        self.read.borrow_mut().insert(disk, text.clone());
        Ok(text)
    }

    /// The current content of `path` as this plan would leave it: pending content, else the file on disk (at
    /// its old place when the plan moves its folder).
    pub fn text(&self, path: &Path) -> Result<Option<String>> {
        match self.writes.get(path) {
            Some((_, new)) => Ok(Some(new.clone())),
            None => self.base(path),
        }
    }

    /// Record new content for `path`. Writing the content the file already has is not a change.
    pub fn write(&mut self, path: &Path, new: String) -> Result<()> {
        if let Some(entry) = self.writes.get_mut(path) {
            entry.1 = new;
        } else {
            let old = self.base(path)?;
            self.writes.insert(path.to_path_buf(), (old, new));
        }
        if let Some((old, new)) = self.writes.get(path)
            && old.as_deref() == Some(new.as_str())
        {
            self.writes.remove(path);
        }
        Ok(())
    }

    /// Whether this plan changes something `other` does not (a repair that wrote nothing did not repair).
    pub(crate) fn differs_from(&self, other: &Plan) -> bool {
        self.writes != other.writes || self.moves != other.moves
    }

    /// Record a folder move.
    pub fn move_dir(&mut self, from: &Path, to: &Path) {
        self.moves.push((from.to_path_buf(), to.to_path_buf()));
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.moves.is_empty()
    }

    /// The changes, moves first (that is the order they are applied in).
    pub fn changes(&self) -> Vec<Change> {
        let mut out: Vec<Change> = self
            .moves
            .iter()
            .map(|(f, t)| Change::Move {
                from: f.clone(),
                to: t.clone(),
            })
            .collect();
        out.extend(self.writes.iter().map(|(p, (old, new))| Change::Write {
            path: p.clone(),
            old: old.clone(),
            new: new.clone(),
        }));
        out
    }

    /// A unified diff of the plan, paths shown relative to `base`.
    pub fn diff(&self, base: &Path) -> String {
        let rel = |p: &Path| {
            p.strip_prefix(base)
                .unwrap_or(p)
                .display()
                .to_string()
                .replace('\\', "/")
        };
        let mut out = String::new();
        for (from, to) in &self.moves {
            out.push_str(&format!("rename {}/ → {}/\n", rel(from), rel(to)));
        }
        for (path, (old, new)) in &self.writes {
            let old_text = old.as_deref().unwrap_or("");
            let old_name = if old.is_some() {
                format!("a/{}", rel(path))
            } else {
                "/dev/null".to_string()
            };
            let diff = similar::TextDiff::from_lines(old_text, new.as_str());
            let body = diff
                .unified_diff()
                .context_radius(2)
                .header(&old_name, &format!("b/{}", rel(path)))
                .to_string();
            out.push_str(&body.replace('\r', ""));
            if !body.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }

    /// Apply every change, or none. Fails with [`RosterError::Changed`], writing nothing, when a file the plan
    /// read has changed on disk since.
    pub fn apply(&self) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        // 1. Check everything before writing anything.
        for path in self.writes.keys() {
            let disk = self.on_disk(path);
            if let Ok(meta) = std::fs::metadata(&disk)
                && meta.permissions().readonly()
            {
                return Err(RosterError::ReadOnly { path: disk });
            }
        }
        for (from, to) in &self.moves {
            if !from.is_dir() {
                return Err(RosterError::io(
                    from,
                    std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
                ));
            }
            if to.exists() {
                return Err(RosterError::io(
                    to,
                    std::io::Error::new(std::io::ErrorKind::AlreadyExists, "already exists"),
                ));
            }
        }
        // 2. Nothing the plan was built from may have changed: its new contents would undo that change.
        for (path, seen) in self.read.borrow().iter() {
            let now = read_bytes(path)?;
            if now.as_deref() != seen.as_ref().map(String::as_bytes) {
                return Err(RosterError::Changed { path: path.clone() });
            }
        }
        // 3. Moves first, so files planned inside a moved folder are staged at its new place. Undone if a later
        //    step fails.
        let mut moved: Vec<(&Path, &Path)> = Vec::new();
        for (from, to) in &self.moves {
            let step = to
                .parent()
                .map_or(Ok(()), |parent| {
                    std::fs::create_dir_all(parent).map_err(|e| RosterError::io(parent, e))
                })
                .and_then(|()| std::fs::rename(from, to).map_err(|e| RosterError::io(from, e)));
            if let Err(e) = step {
                undo_moves(&moved);
                return Err(e);
            }
            moved.push((from, to));
        }
        // 4. Stage every new content beside its target.
        let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
        let mut created_dirs: Vec<PathBuf> = Vec::new();
        if let Err(e) = self.stage(&mut staged, &mut created_dirs) {
            cleanup(&staged, &created_dirs);
            undo_moves(&moved);
            return Err(e);
        }
        // 5. Renames into place. Renames within one folder do not fail in practice once the temporary file
        //    exists; if one does, we report which file.
        for (tmp, target) in &staged {
            std::fs::rename(tmp, target).map_err(|e| RosterError::io(target, e))?;
        }
        Ok(())
    }

    fn stage(&self, staged: &mut Vec<(PathBuf, PathBuf)>, created_dirs: &mut Vec<PathBuf>) -> Result<()> {
        use std::io::Write;
        for (path, (_, new)) in &self.writes {
            let parent = path.parent().unwrap_or(Path::new("."));
            let mut missing = Vec::new();
            let mut p = parent;
            while !p.exists() {
                missing.push(p.to_path_buf());
                match p.parent() {
                    Some(pp) => p = pp,
                    None => break,
                }
            }
            for dir in missing.iter().rev() {
                std::fs::create_dir(dir).map_err(|e| RosterError::io(dir, e))?;
                created_dirs.push(dir.clone());
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = parent.join(format!(".{name}.turk-tmp-{}", std::process::id()));
            let mut f = std::fs::File::create(&tmp).map_err(|e| RosterError::io(path, e))?;
            staged.push((tmp.clone(), path.clone()));
            f.write_all(new.as_bytes())
                .map_err(|e| RosterError::io(path, e))?;
            f.sync_all().map_err(|e| RosterError::io(path, e))?;
            if let Ok(meta) = std::fs::metadata(path) {
                std::fs::set_permissions(&tmp, meta.permissions()).map_err(|e| RosterError::io(path, e))?;
            }
        }
        Ok(())
    }
}

/// Put moved folders back, last first.
fn undo_moves(moved: &[(&Path, &Path)]) {
    for (from, to) in moved.iter().rev() {
        let _ = std::fs::rename(to, from);
    }
}

fn cleanup(staged: &[(PathBuf, PathBuf)], created_dirs: &[PathBuf]) {
    for (tmp, _) in staged {
        let _ = std::fs::remove_file(tmp);
    }
    for dir in created_dirs.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}
