//! What a change touched, read from the Git repository with libgit2 (no `git` process, no network).
//!
//! [`changes_since`] takes a folder inside a Git working tree and a revision (`origin/main`, a tag, a commit id)
//! and returns the lines added or changed since the **merge base** of that revision and `HEAD`, as `git diff
//! REV...` would count them, plus what is not committed yet: staged and unstaged edits and untracked files (not
//! ignored ones), so a developer sees the same before and after committing. Paths are relative to the folder and
//! `/`-separated; files outside it are left out. Renamed files count only their edited lines; deleted files and
//! changes of mode alone have no lines.
//!
//! ```
//! # fn git(dir: &std::path::Path, args: &[&str]) {
//! #     let ok = std::process::Command::new("git").args(args).current_dir(dir)
//! #         .env("GIT_CONFIG_GLOBAL", "/dev/null").env("GIT_CONFIG_NOSYSTEM", "1")
//! #         .output().unwrap().status.success();
//! #     assert!(ok, "git {args:?}");
//! # }
//! # let repo = tempfile::tempdir().unwrap();
//! # let dir = repo.path();
//! # git(dir, &["init", "-q", "-b", "main"]);
//! # git(dir, &["config", "user.name", "Dev"]);
//! # git(dir, &["config", "user.email", "dev@example.com"]);
//! std::fs::create_dir(dir.join("svc")).unwrap();
//! std::fs::write(dir.join("svc/a.go"), "package svc\n\nfunc A() {}\n").unwrap();
//! # git(dir, &["add", "."]);
//! # git(dir, &["commit", "-q", "-m", "Add svc"]);
//! // … committed as "Add svc"; then, not committed yet:
//! std::fs::write(dir.join("svc/a.go"), "package svc\n\nfunc A() {}\n\nfunc B() {}\n").unwrap();
//!
//! let changes = turk_git::changes_since(&dir.join("svc"), "HEAD").unwrap();
//! assert_eq!(changes.base.summary, "Add svc");
//! assert_eq!(changes.lines("a.go"), Some(&[turk_git::Lines { start: 4, end: 5 }][..]));
//! assert!(changes.touches("a.go", 3, 4)); // a finding on lines 3-4 overlaps line 4
//! assert!(!changes.touches("a.go", 1, 3));
//! ```
//!
//! A revision that does not resolve, one missing from a shallow clone, or a folder outside any repository is a
//! [`GitError`] that names the problem and, for a shallow clone, how to fetch more history.

mod diff;
mod error;
mod repository;

pub use error::GitError;

use std::collections::BTreeMap;
use std::path::Path;

/// Lines `start..=end` of a file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lines {
    pub start: u32,
    pub end: u32,
}

impl Lines {
    /// Whether these lines share at least one line with `start..=end`.
    pub fn overlaps(&self, start: u32, end: u32) -> bool {
        self.start <= end && start <= self.end
    }
}

impl std::fmt::Display for Lines {
    /// `40-52`, or `88` for one line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

/// A commit, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full hexadecimal id.
    pub id: String,
    /// The first line of its message.
    pub summary: String,
}

impl Commit {
    /// The first 12 hex digits of the id: short to read, and unique in any repository one meets in practice.
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(12)]
    }
}

/// The files of a folder that changed since a base commit, and their added or changed lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// The revision as it was given.
    pub rev: String,
    /// The merge base of the revision and `HEAD`: what the changes are counted from.
    pub base: Commit,
    /// By path relative to the folder: the added or changed lines, in order and disjoint. A file whose change
    /// only removed lines is here with no lines.
    files: BTreeMap<String, Vec<Lines>>,
}

impl Changes {
    /// The changed files and their lines, in path order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[Lines])> {
        self.files.iter().map(|(p, l)| (p.as_str(), l.as_slice()))
    }

    /// The added or changed lines of `path` (relative to the folder), or None when the file did not change.
    pub fn lines(&self, path: &str) -> Option<&[Lines]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Whether `path` changed at all (lines added, changed or only removed).
    pub fn is_changed(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Whether lines `start..=end` of `path` include an added or changed line.
    pub fn touches(&self, path: &str, start: u32, end: u32) -> bool {
        self.lines(path)
            .is_some_and(|lines| lines.iter().any(|l| l.overlaps(start, end)))
    }

    /// How many files changed.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The lines added or changed under `folder` since the merge base of `rev` and `HEAD`, uncommitted changes and
/// untracked files included (see the crate docs). `folder` may be anywhere inside the working tree.
pub fn changes_since(folder: &Path, rev: &str) -> Result<Changes, GitError> {
    let repo = repository::Opened::discover(folder)?;
    let base = repo.merge_base(rev)?;
    let files = diff::changed_lines(&repo, &base)?;
    Ok(Changes {
        rev: rev.to_string(),
        base: repository::commit_of(&base),
        files,
    })
}
