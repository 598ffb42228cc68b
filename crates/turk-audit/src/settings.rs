//! What an audit is asked to do.

use std::path::{Path, PathBuf};

/// The repository and the choices that shape the audit (the reviewers are passed apart).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AuditSettings {
    /// The root of the Go repository.
    pub root: PathBuf,
    pub scope: ScopeSettings,
    /// Rule ids or families never run.
    pub skip_rules: Vec<String>,
    /// Audit only the change since the merge base of this revision and HEAD (uncommitted changes included): the
    /// changed files are the scope, and the static findings are those on changed lines.
    pub since: Option<String>,
    /// Rule ids or families run besides the performance and correctness rules (style rules are off otherwise).
    pub enable_rules: Vec<String>,
    /// Whether static findings in test code are reported (`_test.go` files, test-support packages, test helpers).
    pub tests: bool,
}

/// How the review scope is chosen.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ScopeSettings {
    /// Globs relative to the root; when not empty, they are the scope and no ranking happens.
    pub include: Vec<String>,
    /// How many files the ranking keeps.
    pub max_files: usize,
    /// Go pprof profiles of the code (CPU, heap, mutex, block): the files they show hot lead the ranking, the
    /// static findings in the functions they show hot rise, and the reviewers are told where the time goes. Read
    /// before anything else; a file that cannot be read stops the audit.
    pub profiles: Vec<PathBuf>,
    /// The sample type read from the profiles that record it (`alloc_objects`, `inuse_space`, `contentions`...);
    /// the others, and all without it, are read with their kind's default (`cpu`, `alloc_space`, `delay`).
    pub profile_sample: Option<String>,
}

impl Default for ScopeSettings {
    fn default() -> Self {
        ScopeSettings {
            include: Vec::new(),
            max_files: ScopeSettings::DEFAULT_MAX_FILES,
            profiles: Vec::new(),
            profile_sample: None,
        }
    }
}

impl ScopeSettings {
    /// Files the ranking keeps when nothing else is said.
    pub const DEFAULT_MAX_FILES: usize = 15;
}

impl AuditSettings {
    /// The defaults for the repository at `root`: the performance and correctness rules outside test code, a
    /// ranked scope of [`ScopeSettings::DEFAULT_MAX_FILES`] files.
    pub fn new(root: impl AsRef<Path>) -> Self {
        AuditSettings {
            root: root.as_ref().to_path_buf(),
            scope: ScopeSettings::default(),
            skip_rules: Vec::new(),
            since: None,
            enable_rules: Vec::new(),
            tests: false,
        }
    }
}
