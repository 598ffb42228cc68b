//! What one reviewer's run produces: [`ReviewOutcome`] and its parts, as they go into `run.json`.

use serde::{Deserialize, Serialize};
use turk_findings::Finding;

/// Whether a model finding was checked against the code: the file is in scope, the lines exist and were shown to
/// the model, and the code it quotes is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Grounding {
    Verified,
    Unverified { reason: String },
}

impl Grounding {
    pub fn is_verified(&self) -> bool {
        matches!(self, Grounding::Verified)
    }

    pub fn unverified(reason: impl Into<String>) -> Self {
        Grounding::Unverified {
            reason: reason.into(),
        }
    }
}

/// How much of the scope a reviewer covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewStatus {
    /// Every request was answered.
    Complete,
    /// Some requests failed: see `failures` and `not_reviewed`.
    Partial,
    /// Nothing was answered (bad configuration, missing key, endpoint down...).
    Failed,
}

/// A model finding and whether it holds up against the code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewedFinding {
    #[serde(flatten)]
    pub finding: Finding,
    pub grounding: Grounding,
}

/// Requests and tokens of one reviewer's run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Usage {
    /// Requests sent, retries included (for a replay reviewer: requests answered from the recording).
    pub requests_sent: u64,
    /// Requests answered from the cache (nothing sent).
    pub cached_answers: u64,
    /// Tokens of the requests sent (as reported by the endpoint, else counted locally).
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    /// True when the endpoint did not report usage and some counts are local estimates.
    #[serde(default)]
    pub estimated: bool,
}

/// A line range of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRange {
    pub path: String,
    pub start_line: u32,
    pub end_line: u32,
}

/// A request that got no usable answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChunkFailure {
    /// What the request carried.
    pub files: Vec<LineRange>,
    /// What went wrong and, where it can tell, what to fix. Never contains a key.
    pub error: String,
    /// Attempts made (0: not sent).
    pub attempts: u32,
}

/// Something a model said that could not be used as a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DroppedFinding {
    /// The raw text (shortened).
    pub raw: String,
    pub reason: String,
}

/// Lines nobody reviewed in this run, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotReviewed {
    pub path: String,
    pub start_line: u32,
    pub end_line: u32,
    pub reason: String,
}

/// The result of one reviewer's run. `review` never fails: problems are in here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewOutcome {
    pub id: String,
    pub label: String,
    pub model: String,
    /// `openai`, `azure` or `replay`.
    pub provider: String,
    /// Where the requests went (base URL, or the Azure resource and deployment), without any secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    pub status: ReviewStatus,
    /// The answers are recorded ones (replay), not a live model's.
    pub recorded: bool,
    pub findings: Vec<ReviewedFinding>,
    pub usage: Usage,
    /// Estimated cost in USD of the requests sent; None when the model's price is unknown.
    pub cost_usd: Option<f64>,
    pub failures: Vec<ChunkFailure>,
    pub dropped: Vec<DroppedFinding>,
    pub not_reviewed: Vec<NotReviewed>,
    /// Requests planned for the scope (before any split after a truncated answer).
    #[serde(default)]
    pub requests_planned: usize,
    /// The `response_format` that the endpoint accepted last (`json_schema`, `json_object`, `text`).
    #[serde(default)]
    pub response_format: Option<String>,
    /// Things the user should know that are not failures (a format fallback, a cache that could not be written).
    #[serde(default)]
    pub notes: Vec<String>,
}

impl ReviewOutcome {
    /// The label to show: the configured label, or the id when there is none.
    pub fn label_or_id(&self) -> &str {
        if self.label.trim().is_empty() {
            &self.id
        } else {
            &self.label
        }
    }

    /// Findings that held up against the code.
    pub fn verified(&self) -> impl Iterator<Item = &ReviewedFinding> {
        self.findings.iter().filter(|f| f.grounding.is_verified())
    }
}
