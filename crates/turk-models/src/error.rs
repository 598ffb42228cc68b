//! What can stop a reviewer before its first request: the environment or the filesystem is not ready
//! ([`PreflightError`]), or the reviewer cannot be built ([`BuildError`]). Messages name the reviewer, the variable
//! or folder and what to do; they never contain a key.

use crate::config::ConfigError;
use std::path::PathBuf;
use thiserror::Error;

/// A reviewer that would fail on its first request, found before anything is sent.
#[derive(Debug, Error)]
pub enum PreflightError {
    #[error(
        "reviewer `{reviewer}`: environment variable {var} (api_key_env) is not set: export it with the API key, \
         or remove api_key_env for a server without authentication"
    )]
    KeyNotSet { reviewer: String, var: String },
    #[error(
        "reviewer `{reviewer}`: environment variable {var} (api_key_env) is empty: put the API key in it"
    )]
    KeyEmpty { reviewer: String, var: String },
    #[error(
        "reviewer `{reviewer}`: replay_dir `{}` cannot be read: {source}; point replay_dir at a folder of recorded \
         answers (relative paths are relative to turk.yaml)",
        dir.display()
    )]
    ReplayDirUnreadable {
        reviewer: String,
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "reviewer `{reviewer}`: replay_dir `{}` holds no recorded answers: add *.json, *.md or *.txt answer files",
        dir.display()
    )]
    ReplayDirEmpty { reviewer: String, dir: PathBuf },
}

/// Every reviewer that is not ready, one per line.
#[derive(Debug, Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct PreflightErrors(pub Vec<PreflightError>);

/// Why a reviewer could not be built from its configuration.
#[derive(Debug, Error)]
pub enum BuildError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    NotReady(#[from] PreflightError),
    #[error("reviewer `{reviewer}`: cannot read the recorded answer `{}`: {source}", path.display())]
    ReplayFile {
        reviewer: String,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("reviewer `{reviewer}`: cannot set up the HTTP client: {source}")]
    HttpClient {
        reviewer: String,
        source: reqwest::Error,
    },
}

/// Checks every reviewer's environment (key variables set and not empty) and files (`replay_dir` readable and
/// holding answers) before anything is sent. Reads key variables only to check them; the values are dropped.
pub fn preflight(reviewers: &[crate::ReviewerConfig]) -> Result<(), PreflightErrors> {
    let problems: Vec<PreflightError> = reviewers.iter().filter_map(|r| r.check_ready().err()).collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(PreflightErrors(problems))
    }
}
