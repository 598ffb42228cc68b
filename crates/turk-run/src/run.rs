//! The audit run as data: what `run.json` holds and what the markdown report is rendered from. A run can be
//! re-rendered from its JSON alone (`AuditRun` round-trips through serde).

use crate::review::ReviewOutcome;
use crate::scope::ScopeEntry;
use crate::synthesis::{Cluster, Summary};
use serde::{Deserialize, Serialize};
use turk_findings::{Finding, Priority};

/// Version of the `run.json` shape. Fields are only ever added; version 2 added `clusters` and `summary`.
pub const RUN_FORMAT_VERSION: u32 = 2;

/// One audit run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditRun {
    pub version: u32,
    pub tool: Tool,
    /// The audited repository, as given on the command line.
    pub root: String,
    /// The repository as an absolute `file://` URI (SARIF's `%SRCROOT%`), so a saved run renders the same SARIF
    /// from any folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_uri: Option<String>,
    /// Module path from go.mod, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
    /// Go version from go.mod, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_version: Option<String>,
    /// When the run finished (ISO-8601, UTC).
    pub generated_at: String,
    pub files_scanned: usize,
    /// Files that only partly parsed (the rest of each was still scanned).
    #[serde(default)]
    pub partly_parsed: Vec<String>,
    /// The change the audit covers (`--since REV`); absent for an audit of the whole repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Since>,
    /// The profiles the audit read (`--profile`), one entry per sample type; absent without a profile.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<ProfileSource>,
    /// Where Turk's charter (the reviewers' system prompt) came from.
    pub charter: String,
    pub phases: Vec<Phase>,
    /// The hot-path files the reviewers were given, hottest first.
    pub scope: Vec<ScopeEntry>,
    /// Every static finding in the repository (not only in scope).
    pub static_findings: Vec<Finding>,
    /// One entry per configured reviewer, in configuration order.
    pub reviewers: Vec<ReviewOutcome>,
    /// One per unique problem the reviewers reported, in action-list order.
    #[serde(default)]
    pub clusters: Vec<Cluster>,
    #[serde(default)]
    pub summary: Summary,
}

/// The change an audit covers: the lines added or changed since the merge base of `rev` and HEAD, uncommitted
/// changes included. The scope holds only changed files and the static findings are those on changed lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Since {
    /// The revision as given (`origin/main`).
    pub rev: String,
    /// The full id of the merge base of `rev` and HEAD.
    pub merge_base: String,
    /// The first line of the merge base's message.
    pub merge_base_summary: String,
    /// Go files analysed that changed since the merge base.
    pub files_changed: usize,
}

impl Since {
    /// The first 12 hex digits of the merge base, as messages and the report show it.
    pub fn short_merge_base(&self) -> &str {
        self.merge_base.get(..12).unwrap_or(&self.merge_base)
    }
}

/// A profile the audit read, or several of one sample type added up: what it measures and what it did to the
/// static findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileSource {
    /// The profile files, as given.
    pub files: Vec<String>,
    /// What kind of profile: `CPU`, `heap`, `mutex/block`, `goroutine`, `other`.
    pub kind: String,
    /// The sample type read: `cpu`, `alloc_space`...
    pub sample_type: String,
    /// Its unit: `nanoseconds`, `bytes`, `count`.
    pub unit: String,
    /// The sum of the sample type over the profile, in its unit.
    pub total: i64,
    /// The share of the total with the repository's code on the stack.
    pub repository_share: f64,
    /// Static findings it raised a priority (in a function it shows hot).
    pub raised: usize,
    /// Static findings it kept at their rule's priority though the syntax raised them (in a function it shows
    /// cold).
    pub kept_down: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

/// What happened to one phase of the audit, in words a user can act on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Phase {
    pub name: String,
    pub status: PhaseStatus,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PhaseStatus {
    Done,
    Partial,
    Failed,
    Skipped,
}

impl PhaseStatus {
    pub fn label(self) -> &'static str {
        match self {
            PhaseStatus::Done => "✅ done",
            PhaseStatus::Partial => "⚠️ partial",
            PhaseStatus::Failed => "❌ failed",
            PhaseStatus::Skipped => "⏭️ skipped",
        }
    }
}

impl AuditRun {
    /// Static findings in the files of the review scope.
    pub fn static_findings_in_scope(&self) -> impl Iterator<Item = &Finding> {
        self.static_findings
            .iter()
            .filter(|f| self.scope.iter().any(|s| s.path == f.span.path))
    }

    /// How many static findings have each priority.
    pub fn static_counts(&self) -> [usize; 3] {
        let count = |p: Priority| self.static_findings.iter().filter(|f| f.priority == p).count();
        [count(Priority::P0), count(Priority::P1), count(Priority::P2)]
    }
}
