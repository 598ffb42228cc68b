//! The one error type of the crate. Every variant that concerns a file names it, so a user can go and look.

use std::path::PathBuf;

/// Everything that can go wrong while reading or changing a team folder.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("no Squad team folder (.squad/ or .ai-team/) found from {start} up to the repository root")]
    NotFound { start: PathBuf },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: not valid UTF-8 text; save it as UTF-8 (turk reads and writes team files as UTF-8)")]
    NotUtf8 { path: PathBuf },

    #[error("{path}: invalid JSON: {message}")]
    Json { path: PathBuf, message: String },

    #[error("{path}:{line}: {message}")]
    Malformed {
        path: PathBuf,
        line: usize,
        message: String,
    },

    #[error("{path}: the file is read-only; nothing was changed")]
    ReadOnly { path: PathBuf },

    #[error("{path}: {message}")]
    BadRedirect { path: PathBuf, message: String },

    #[error("invalid member name {name:?}: {reason}")]
    InvalidName { name: String, reason: &'static str },

    #[error("{name} is not on the team (no roster row, agent folder or registry entry)")]
    UnknownMember { name: String },

    #[error("no charter for {name}: {path} does not exist")]
    NoCharter { name: String, path: PathBuf },

    #[error("{0}")]
    Casting(String),

    #[error("a team folder already exists at {path}; use `turk roster add turk` to put Turk on it")]
    AlreadyExists { path: PathBuf },

    #[error("{path} already exists; refusing to overwrite it while retiring {name}")]
    AlumniExists { name: String, path: PathBuf },

    #[error(
        "{name} has both {agent} and {alumni}; keep one (move or delete the other by hand), then run this again"
    )]
    AgentAndAlumni {
        name: String,
        agent: PathBuf,
        alumni: PathBuf,
    },

    #[error("invalid {field} {value:?}: {reason}")]
    InvalidField {
        field: &'static str,
        value: String,
        reason: String,
    },

    #[error(
        "{path} changed on disk while this change was being prepared (another program wrote it); nothing was \
         written: run the command again"
    )]
    Changed { path: PathBuf },

    #[error(
        "{path}: the team folder is locked by {} and was not released within {} s; nothing was changed",
        holder(*pid),
        waited.as_secs_f32()
    )]
    LockTimeout {
        path: PathBuf,
        pid: Option<u32>,
        waited: std::time::Duration,
    },
}

fn holder(pid: Option<u32>) -> String {
    match pid {
        Some(pid) => format!("another turk roster run (pid {pid})"),
        None => "another turk roster run".to_string(),
    }
}

/// Short alias used across the crate.
pub type Result<T, E = RosterError> = std::result::Result<T, E>;

impl RosterError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        RosterError::Io {
            path: path.into(),
            source,
        }
    }
}
