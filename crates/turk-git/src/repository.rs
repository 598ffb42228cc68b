//! Finding the repository of a folder, where the folder sits in its working tree, and the commit to compare with.

use crate::{Commit, GitError};
use git2::{ErrorCode, Repository};
use std::path::{Path, PathBuf};

/// A repository opened from a folder inside its working tree.
pub(crate) struct Opened {
    pub repo: Repository,
    /// The folder relative to the working tree's root, `/`-separated, without a trailing `/`; empty for the root.
    pub prefix: String,
}

impl Opened {
    /// Opens the repository that contains `folder` (searching upwards, as `git` does).
    pub fn discover(folder: &Path) -> Result<Opened, GitError> {
        let repo = Repository::discover(folder).map_err(|err| match err.code() {
            ErrorCode::NotFound => GitError::NotARepository {
                folder: folder.to_path_buf(),
            },
            _ => GitError::git(format!("opening the repository of {}", folder.display()), &err),
        })?;
        let Some(work_tree) = repo.workdir() else {
            return Err(GitError::Bare {
                repository: repo.path().to_path_buf(),
            });
        };
        let prefix = prefix_of(folder, work_tree)?;
        Ok(Opened { repo, prefix })
    }

    /// Where the repository's working tree is, for messages.
    pub fn work_tree(&self) -> PathBuf {
        // Rebuilt from its components: libgit2 ends the folder with a `/`, which reads oddly in a sentence.
        self.repo
            .workdir()
            .unwrap_or(self.repo.path())
            .components()
            .collect()
    }

    /// The merge base of `rev` and HEAD. In a shallow clone, a revision or a merge base beyond the fetched
    /// history says so and how to fetch more.
    pub fn merge_base(&self, rev: &str) -> Result<git2::Commit<'_>, GitError> {
        let head = self.head()?;
        let shallow = self.repo.is_shallow();
        let wanted = self
            .repo
            .revparse_single(rev)
            .and_then(|object| object.peel_to_commit())
            .map_err(|err| {
                if shallow {
                    GitError::NotInShallowClone {
                        rev: rev.to_string(),
                        repository: self.work_tree(),
                    }
                } else {
                    GitError::UnknownRevision {
                        rev: rev.to_string(),
                        repository: self.work_tree(),
                        message: err.message().to_string(),
                    }
                }
            })?;
        let base =
            self.repo
                .merge_base(wanted.id(), head.id())
                .map_err(|err| match (err.code(), shallow) {
                    (ErrorCode::NotFound, true) => GitError::NoMergeBaseInShallowClone {
                        rev: rev.to_string(),
                        repository: self.work_tree(),
                    },
                    (ErrorCode::NotFound, false) => GitError::NoMergeBase { rev: rev.to_string() },
                    _ => GitError::git(format!("finding the merge base of `{rev}` and HEAD"), &err),
                })?;
        self.repo
            .find_commit(base)
            .map_err(|err| GitError::git(format!("reading the merge base of `{rev}` and HEAD"), &err))
    }

    fn head(&self) -> Result<git2::Commit<'_>, GitError> {
        let head = self.repo.head().map_err(|err| match err.code() {
            ErrorCode::UnbornBranch | ErrorCode::NotFound => GitError::NoCommits {
                repository: self.work_tree(),
            },
            _ => GitError::git("reading HEAD", &err),
        })?;
        head.peel_to_commit()
            .map_err(|err| GitError::git("reading the commit of HEAD", &err))
    }
}

/// The id and summary of `commit`.
pub(crate) fn commit_of(commit: &git2::Commit<'_>) -> Commit {
    Commit {
        id: commit.id().to_string(),
        summary: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned(),
    }
}

/// `folder` relative to `work_tree`, `/`-separated. Both are made canonical first, so `.`, `..` and symbolic
/// links in either (a temporary folder under a linked `/tmp`) do not matter.
fn prefix_of(folder: &Path, work_tree: &Path) -> Result<String, GitError> {
    let outside = || GitError::OutsideWorkTree {
        folder: folder.to_path_buf(),
        work_tree: work_tree.to_path_buf(),
    };
    let canonical = |p: &Path| {
        p.canonicalize().map_err(|err| GitError::Git {
            doing: format!("reading {}", p.display()),
            message: err.to_string(),
        })
    };
    let (folder_abs, tree_abs) = (canonical(folder)?, canonical(work_tree)?);
    let relative = folder_abs.strip_prefix(&tree_abs).map_err(|_| outside())?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.first().is_some_and(|p| p == ".git") {
        return Err(outside());
    }
    Ok(parts.join("/"))
}
