//! Why the changes could not be read. Each message names the folder or the revision and says what to do.

use std::path::PathBuf;

/// How to get more history into a shallow clone; said by every error a shallow clone can cause.
const FETCH_MORE: &str = "fetch more history with `git fetch --unshallow` (or `git fetch --depth=N` with a larger N), \
                          or check out with full history in CI (actions/checkout: `fetch-depth: 0`)";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GitError {
    #[error("{}: not inside a Git repository, so there is no change to compare with", folder.display())]
    NotARepository { folder: PathBuf },
    #[error("{}: a bare repository has no working tree to compare", repository.display())]
    Bare { repository: PathBuf },
    #[error("{}: not inside the working tree of the repository at {}", folder.display(), work_tree.display())]
    OutsideWorkTree { folder: PathBuf, work_tree: PathBuf },
    #[error("{}: the repository has no commit yet, so there is nothing to compare with", repository.display())]
    NoCommits { repository: PathBuf },
    #[error(
        "`{rev}` is not a revision of the repository at {} ({message}); check the name, and fetch a remote branch \
         before naming it (`git fetch origin main` makes `origin/main`)",
        repository.display()
    )]
    UnknownRevision {
        rev: String,
        repository: PathBuf,
        message: String,
    },
    #[error(
        "`{rev}` is not in this shallow clone ({}): {FETCH_MORE}; fetch the branch itself too if it is missing \
         (`git fetch origin main` makes `origin/main`)",
        repository.display()
    )]
    NotInShallowClone { rev: String, repository: PathBuf },
    #[error("`{rev}` and HEAD have no common ancestor in this shallow clone ({}): {FETCH_MORE}", repository.display())]
    NoMergeBaseInShallowClone { rev: String, repository: PathBuf },
    #[error("`{rev}` and HEAD have no common ancestor, so there is no merge base to compare with")]
    NoMergeBase { rev: String },
    /// Anything else libgit2 reported, with what was being done. The message is part of the text rather than a
    /// `source`, so it is said once however the error is printed.
    #[error("{doing}: {message}")]
    Git { doing: String, message: String },
}

impl GitError {
    pub(crate) fn git(doing: impl Into<String>, err: &git2::Error) -> Self {
        GitError::Git {
            doing: doing.into(),
            message: err.message().to_string(),
        }
    }
}
