//! The review scope: the files an audit spends its review budget on, why, and what each file does.

use serde::{Deserialize, Serialize};

/// One file chosen for review.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScopeEntry {
    pub path: String,
    /// Higher is hotter. Only meaningful relative to the other entries of the same run.
    pub score: f64,
    /// Why the file is in scope, in words ("per-message JSON over a bufio stream, writer lock; readLoop called
    /// per connection from server.go:88").
    pub reason: String,
    /// `true` when the file was named in the configuration rather than ranked.
    pub pinned: bool,
    pub metrics: FileMetrics,
    /// What the file is, as a specialist would name it ("HTTP handlers", "worker pool", "message transport");
    /// empty when nothing stands out, and in runs written before kinds were recognised.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// The file's functions on hot paths, each with the call site that makes it hot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hot_functions: Vec<HotFunction>,
}

impl ScopeEntry {
    /// The kind and the reason on one line, as a table of an audit plan has them ("worker pool: goroutines fed
    /// from a channel"); the reason alone when the kind is unknown.
    pub fn kind_and_reason(&self) -> String {
        match (self.kind.is_empty(), self.reason.is_empty()) {
            (true, _) => self.reason.clone(),
            (false, true) => self.kind.clone(),
            (false, false) => format!("{}: {}", self.kind, self.reason),
        }
    }
}

/// A function on a hot path, and how it gets there.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct HotFunction {
    /// `Name`, or `Type.Name` for a method.
    pub name: String,
    /// Lines of the declaration, 1-based and inclusive.
    pub start_line: u32,
    pub end_line: u32,
    /// How it is reached: "HTTP handler", "called per request from internal/api/handler.go:120".
    pub why: String,
}

/// One package of the module, for the outline the reviewers read once per run.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PackageSummary {
    /// The package's folder relative to the repository root (`.` for the root).
    pub path: String,
    /// The package name from its `package` clause.
    pub name: String,
    /// What it does, in one line: the first sentence of its doc comment, else what its files are.
    pub summary: String,
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
