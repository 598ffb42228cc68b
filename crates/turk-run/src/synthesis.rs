//! What the synthesis of the reviews produces: one [`Cluster`] per unique problem the reviewers reported, and the
//! [`Summary`] counts. turk-report computes them (matching, corroboration, prioritisation); they are stored in
//! `run.json` so that a saved run re-renders without computing anything again.

use crate::review::ReviewedFinding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use turk_findings::{Category, Fingerprint, Priority, Span};

/// One unique problem: the findings of one or more reviewers that describe it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// `F1`, `F2`... in the order of the action list (priority, then hotness, then path and line).
    pub id: String,
    /// The title shown for the cluster (from its representative member).
    pub title: String,
    pub path: String,
    pub start_line: u32,
    pub end_line: u32,
    pub category: Category,
    /// The priority the synthesis chose.
    pub priority: Priority,
    /// Why that priority, in words ("P0 from GPT-5.3-Codex and P1 from Claude Opus 4.6; found by both, verified").
    pub priority_reason: String,
    /// Reviewer ids that reported it, in configuration order.
    pub found_by: Vec<String>,
    /// Each finder's priority (its most urgent, when it reported the problem more than once).
    pub priorities: BTreeMap<String, Priority>,
    pub agreement: Agreement,
    /// `"P1 vs P2"` when the finders gave different priorities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_split: Option<String>,
    /// At least one member held up against the code.
    pub verified: bool,
    /// Static findings in the cluster's lines with a matching category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corroborated_by: Vec<Corroboration>,
    /// Every place the members point at, merged where they overlap, in line order.
    pub locations: Vec<Span>,
    /// Why it matters and the fix, from the representative member.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fix: String,
    /// The reviewer findings of this problem (repeats within one reviewer's answers included). The first is the
    /// representative.
    pub members: Vec<ClusterMember>,
    /// Stable identity of the problem, for SARIF and baselines.
    pub fingerprint: Fingerprint,
}

/// Who found a problem, compared with who reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// Every reviewer that ran reported it (needs two or more).
    Agreed,
    /// Several reviewers reported it, not all (three or more reviewers).
    Partial,
    /// One reviewer only.
    Unique,
}

/// One reviewer finding inside a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterMember {
    pub reviewer: String,
    #[serde(flatten)]
    pub finding: ReviewedFinding,
}

/// A static finding that points at the same lines and kind of problem as a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corroboration {
    pub rule: String,
    pub line: u32,
    pub fingerprint: Fingerprint,
}

/// The counts a reader wants first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Unique problems reported by the reviewers (clusters).
    pub unique: usize,
    /// Problems every reviewer that ran reported (0 with fewer than two such reviewers).
    pub both: usize,
    /// Per reviewer id: problems only that reviewer reported.
    pub only: BTreeMap<String, usize>,
    /// Clusters per chosen priority.
    pub p0: usize,
    pub p1: usize,
    pub p2: usize,
    /// Clusters that no member could verify against the code.
    pub unverified: usize,
    /// Clusters a static rule also flags.
    pub corroborated: usize,
    /// Static findings that no reviewer raised.
    pub static_only: usize,
}

impl Summary {
    /// The count of clusters with `priority`.
    pub fn count(&self, priority: Priority) -> usize {
        match priority {
            Priority::P0 => self.p0,
            Priority::P1 => self.p1,
            Priority::P2 => self.p2,
        }
    }
}

impl Cluster {
    /// The representative member: the one whose text the cluster shows.
    pub fn representative(&self) -> &ClusterMember {
        &self.members[0]
    }

    /// Whether `reviewer` reported this problem.
    pub fn found_by(&self, reviewer: &str) -> bool {
        self.found_by.iter().any(|r| r == reviewer)
    }
}
