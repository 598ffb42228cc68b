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

/// Where a reviewer's answers came from, as written in `run.json` (`openai`, `azure`, `replay`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// An OpenAI-compatible chat-completions endpoint.
    Openai,
    /// Azure OpenAI.
    Azure,
    /// Recorded answers: nothing was sent.
    Replay,
}

impl Provider {
    /// The name used in `turk.yaml` and `run.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Openai => "openai",
            Provider::Azure => "azure",
            Provider::Replay => "replay",
        }
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `response_format` a request asked for (`json_schema`, `json_object`, `text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseFormat {
    /// A JSON schema the answer must follow (strict structured output).
    JsonSchema,
    /// Any JSON object ("JSON mode").
    JsonObject,
    /// No `response_format`: the prompt alone asks for JSON.
    Text,
}

impl ResponseFormat {
    /// The next format to try after an endpoint rejected this one.
    pub fn fallback(self) -> Option<Self> {
        match self {
            ResponseFormat::JsonSchema => Some(ResponseFormat::JsonObject),
            ResponseFormat::JsonObject => Some(ResponseFormat::Text),
            ResponseFormat::Text => None,
        }
    }

    /// The name used in requests and `run.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseFormat::JsonSchema => "json_schema",
            ResponseFormat::JsonObject => "json_object",
            ResponseFormat::Text => "text",
        }
    }
}

impl std::fmt::Display for ResponseFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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
    /// Attempts made, retries included, whether or not anything answered (for a replay reviewer: requests
    /// answered from the recording).
    pub requests_sent: u64,
    /// Attempts that reached the endpoint and got an HTTP answer, whatever its status. `requests_sent` with
    /// `connected` 0 means the endpoint was never reached (refused, unresolvable, timed out).
    #[serde(default)]
    pub connected: u64,
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
    /// What went wrong and, where it can tell, what to fix. Never contains a key, nor the number of attempts.
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
    pub provider: Provider,
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
    /// One entry per request that got no usable answer.
    pub failures: Vec<ChunkFailure>,
    pub dropped: Vec<DroppedFinding>,
    /// The lines those failed requests carried, file by file, with the same reason: the same failures seen from
    /// the code's side. Show one list or the other, not both.
    pub not_reviewed: Vec<NotReviewed>,
    /// Requests planned for the scope (before any split after a truncated answer).
    #[serde(default)]
    pub requests_planned: usize,
    /// The `response_format` that the endpoint accepted last; None when nothing was sent.
    #[serde(default)]
    pub response_format: Option<ResponseFormat>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_fields_keep_the_names_run_json_has_always_used() {
        let names: Vec<String> = [Provider::Openai, Provider::Azure, Provider::Replay]
            .iter()
            .map(|p| serde_json::to_string(p).unwrap())
            .collect();
        assert_eq!(names, [r#""openai""#, r#""azure""#, r#""replay""#]);
        let formats: Vec<String> = [
            ResponseFormat::JsonSchema,
            ResponseFormat::JsonObject,
            ResponseFormat::Text,
        ]
        .iter()
        .map(|f| serde_json::to_string(f).unwrap())
        .collect();
        assert_eq!(formats, [r#""json_schema""#, r#""json_object""#, r#""text""#]);
        for p in [Provider::Openai, Provider::Azure, Provider::Replay] {
            assert_eq!(format!("\"{p}\""), serde_json::to_string(&p).unwrap());
        }
        assert_eq!(
            ResponseFormat::JsonSchema.fallback(),
            Some(ResponseFormat::JsonObject)
        );
        assert_eq!(ResponseFormat::Text.fallback(), None);
    }

    #[test]
    fn usage_written_before_connected_existed_still_reads() {
        let old: Usage = serde_json::from_str(
            r#"{"requests_sent": 3, "cached_answers": 1, "prompt_tokens": 10, "completion_tokens": 2}"#,
        )
        .unwrap();
        assert_eq!((old.requests_sent, old.connected), (3, 0));
    }
}
