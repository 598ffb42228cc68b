//! Git repositories built in temporary folders with the `git` binary, with their own identity and no global or
//! system configuration, for the tests of `--since` and of what changed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A repository in a temporary folder, removed with it.
pub struct GitRepo {
    dir: tempfile::TempDir,
}

/// Runs `git args` in `dir`, failing the test when it fails; returns its standard output, trimmed.
pub fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

impl GitRepo {
    /// An empty repository on branch `main`.
    pub fn new() -> GitRepo {
        let repo = GitRepo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Dev"]);
        repo.git(&["config", "user.email", "dev@example.com"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, path: &str) -> PathBuf {
        self.dir.path().join(path)
    }

    pub fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args)
    }

    pub fn write(&self, path: &str, text: &str) {
        let file = self.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.join(path)).unwrap()
    }

    /// Replaces the one occurrence of `from` in the file at `path` with `to`.
    pub fn edit(&self, path: &str, from: &str, to: &str) {
        let text = self.read(path);
        assert_eq!(text.matches(from).count(), 1, "`{from}` once in {path}");
        self.write(path, &text.replacen(from, to, 1));
    }

    /// Commits everything; returns the commit id.
    pub fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }
}

impl Default for GitRepo {
    fn default() -> Self {
        GitRepo::new()
    }
}
