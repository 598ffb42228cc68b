//! Why an audit could not run.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    #[error("{}: not a folder (an audit takes the root of a Go repository)", .0.display())]
    NotAFolder(PathBuf),
    #[error("{}: no Go files found (vendor/, testdata/ and generated files are skipped)", .0.display())]
    NoGoFiles(PathBuf),
    #[error(transparent)]
    UnknownRule(#[from] turk_go::UnknownRule),
    #[error(transparent)]
    ScopePattern(#[from] turk_go::scope::ScopePatternError),
    #[error("scope.include ({0}) matches no Go file")]
    EmptyScope(String),
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    /// The change to audit could not be read (`since`): not a Git repository, an unknown revision, a shallow
    /// clone without the history needed.
    #[error(transparent)]
    Changes(#[from] turk_git::GitError),
    /// A profile could not be read, or has no such sample type.
    #[error(transparent)]
    Profile(#[from] turk_profile::ProfileError),
    #[error("starting the async runtime: {0}")]
    Runtime(std::io::Error),
}
