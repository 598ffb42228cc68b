//! The review scope: the files an audit spends its review budget on, why, and what each file does.

use serde::{Deserialize, Serialize};

/// One file chosen for review.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScopeEntry {
    pub path: String,
    /// Higher is hotter. Only meaningful relative to the other entries of the same run.
    pub score: f64,
    /// Why the file is in scope, in words.
    pub reason: String,
    /// `true` when the file was named in the configuration rather than ranked.
    pub pinned: bool,
    pub metrics: FileMetrics,
}

/// Counts for one file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMetrics {
    pub lines: u32,
    pub functions: u32,
    pub loops: u32,
    pub goroutines: u32,
    /// `Lock`/`RLock` calls and `sync.Mutex`/`sync.RWMutex` declarations.
    pub locks: u32,
    /// Channel types, sends and receives.
    pub channels: u32,
    /// `sync.WaitGroup` and `errgroup.Group` uses.
    pub waitgroups: u32,
    pub json: u32,
    pub http: u32,
    pub file_io: u32,
    /// Calls into the Azure SDK for Go.
    pub sdk_calls: u32,
}
