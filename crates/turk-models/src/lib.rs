//! Model reviewers for turk (phases 1–2 of the audit): two models review the same Go code independently, in the
//! voice of Turk, the team's Go performance specialist.
//!
//! - [`ReviewerConfig`]: one entry of `reviewers:` in `turk.yaml`. Its [`ProviderConfig`] carries the provider's
//!   own settings ([`OpenAiSettings`], [`AzureSettings`], [`ReplaySettings`]); [`ReviewerConfig::build`] is the
//!   one factory that turns a configuration into a [`Reviewer`].
//! - [`preflight`] / [`ReviewerConfig::check_ready`]: what the first request would need from the environment
//!   (the key variable set and not empty) and the filesystem (a readable replay folder with answers), checked
//!   before anything is sent.
//! - [`ReviewContext`]: what the reviewers are told beyond the code: the module and its Go version in every
//!   request (with what that version changes), an outline of its packages once per run in the system prompt
//!   ([`system_prompt`]), and before each file its kind, why it is in scope and the callers of its hot
//!   functions.
//! - [`plan`]: how the scope is split into requests under the token budget, with token and cost estimates, for
//!   `--dry-run`. Sends nothing and reads no key.
//! - [`review`]: runs one reviewer: requests in parallel up to `concurrency`, with timeout, retries with backoff
//!   and jitter (honouring `Retry-After` up to [`MAX_RETRY_AFTER`]), a disk cache that makes re-runs and resumed
//!   runs free, lenient answer parsing and grounding of every finding against the code. It never fails: what
//!   went wrong is in the [`ReviewOutcome`]. An answer that holds no findings list is a failed request, not a
//!   clean review.
//! - [`Reviewer`]: the trait behind a reviewer ([`OpenAiReviewer`], [`ReplayReviewer`], or your own through
//!   [`review_with`]).
//!
//! API keys are read from the environment variable named by `api_key_env` when a client is built, and never
//! appear in logs, errors, cache files, outcomes or plans: every configured key ([`ReviewerConfig::redact_env`])
//! is redacted from whatever an endpoint sends back, and control characters are stripped from it ([`Secrets`]).
//!
//! One reviewer in `turk.yaml` (every key below `api_key_env` is optional; the values shown are the defaults):
//!
//! ```yaml
//! - id: codex                        # [a-z0-9_-]+: cache folder name, CLI, JSON
//!   label: GPT-5.3-Codex             # shown in the report; the id when not set
//!   provider: openai                 # openai | azure | replay
//!   base_url: https://api.openai.com/v1
//!   model: gpt-5.3-codex
//!   api_key_env: OPENAI_API_KEY      # the variable's name; none for local servers without auth
//!   # azure: base_url: https://RESOURCE.openai.azure.com, deployment: NAME, api_version: 2024-10-21,
//!   #        api_key_env: AZURE_OPENAI_API_KEY (all four required; model defaults to the deployment)
//!   # replay: replay_dir: testdata/models/replay
//!   concurrency: 4                   # requests in flight
//!   timeout_secs: 120                # per request; retried once at most
//!   max_retries: 4                   # on 429 and 5xx (refused connections, timeouts: one retry at most)
//!   max_request_tokens: 24000        # prompt budget per request (o200k_base tokens)
//!   max_output_tokens: 4096
//!   price_input_per_mtok: 1.75       # USD per 1M tokens; known models have defaults
//!   price_output_per_mtok: 14.0
//!   structured_output: auto          # auto | json_schema | json_object | off
//!   temperature: 0.2                 # omitted unless set
//!   backoff_base_ms: 1000
//!   backoff_max_ms: 30000
//! ```
//!
//! The cache lives in `RunOptions::cache_dir/<id>/<hash>.json`, one file per answer, keyed by a hash of the
//! endpoint, the model and both prompts.
//!
//! ```
//! use std::sync::Arc;
//! use turk_models::{
//!     plan, preflight, review, ProgressEvent, Provider, ReviewInput, ReviewStatus, ReviewerConfig, RunOptions,
//!     SourceFile,
//! };
//!
//! # let dir = tempfile::tempdir().unwrap();
//! # std::fs::write(dir.path().join("answer.json"), r#"{"findings": [{"file": "main.go", "start_line": 4,
//! #   "end_line": 4, "priority": "P1", "category": "cpu", "title": "Sprintf in a loop", "quote": "fmt.Sprintf"}]}"#).unwrap();
//! # let replay_dir = dir.path().display().to_string();
//! let yaml = format!("id: demo\nlabel: Recorded demo\nprovider: replay\nmodel: recorded\nreplay_dir: {replay_dir}\n");
//! let config: ReviewerConfig = serde_yaml::from_str(&yaml).unwrap();
//! config.validate().unwrap();
//! assert_eq!(config.provider.kind(), Provider::Replay);
//!
//! // Before anything is sent: keys in the environment, replay folders on disk.
//! preflight(std::slice::from_ref(&config)).unwrap();
//! let typo = serde_yaml::from_str::<ReviewerConfig>("id: x\nprovider: openai\nmodel: m\nconcurency: 2\n");
//! assert!(typo.unwrap_err().to_string().contains("did you mean `concurrency`?"));
//!
//! let input = ReviewInput {
//!     system_prompt: "You are Turk, the team's Go performance specialist.".into(),
//!     files: vec![SourceFile {
//!         path: "main.go".into(),
//!         text: "package main\n\nfunc main() {\n\tfor i := 0; i < n; i++ { s = fmt.Sprintf(\"%d\", i) }\n}\n".into(),
//!     }],
//!     hints: vec![],
//!     ..ReviewInput::default()
//! };
//!
//! // --dry-run: what would be sent, and what it would cost.
//! let dry = plan(&config, &input).unwrap();
//! assert_eq!(dry.requests.len(), 1);
//! println!("{}", dry.render_text());
//!
//! // The run itself; progress events feed a progress bar or a log.
//! let options = RunOptions {
//!     cache_dir: None,
//!     progress: Some(Arc::new(|event: ProgressEvent| eprintln!("{event:?}"))),
//! };
//! let runtime = tokio::runtime::Runtime::new().unwrap();
//! let outcome = runtime.block_on(review(&config, &input, &options));
//! assert_eq!(outcome.status, ReviewStatus::Complete);
//! assert!(outcome.recorded);
//! assert_eq!(outcome.findings.len(), 1);
//! assert!(outcome.findings[0].grounding.is_verified());
//! ```

mod answer;
mod cache;
mod chunk;
mod client;
mod config;
mod context;
mod error;
mod ground;
mod plan;
mod prompt;
mod provider;
mod retry;
mod review;
mod reviewer;
mod sanitize;
mod tokens;

pub use answer::{ParsedAnswer, RawFinding, parse_answer};
pub use cache::{Cache, CachedAnswer, key as cache_key};
pub use chunk::{Chunk, ChunkPart};
pub use client::OpenAiReviewer;
pub use config::{
    COMMON_KEYS, ConfigError, DEFAULT_OPENAI_BASE_URL, DEFAULT_TIMEOUT_SECS, MIN_REQUEST_TOKENS,
    ReviewerConfig, StructuredOutput,
};
pub use context::{ReviewContext, system_prompt, version_notes};
pub use error::{BuildError, PreflightError, PreflightErrors, preflight};
pub use plan::{CostEstimate, PlannedRequest, ReviewPlan, plan};
pub use provider::{AzureSettings, OpenAiSettings, ProviderConfig, ReplayReviewer, ReplaySettings};
pub use retry::MAX_RETRY_AFTER;
pub use review::{review, review_with};
pub use reviewer::{CallError, CompleteFuture, ModelAnswer, ModelRequest, Reviewer};
pub use sanitize::{REDACTED, Secrets, strip_controls};
pub use tokens::count as count_tokens;
pub use turk_run::{
    ChunkFailure, DroppedFinding, Grounding, LineRange, NotReviewed, Provider, ResponseFormat, ReviewOutcome,
    ReviewStatus, ReviewedFinding, Usage,
};

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One Go file in scope. `path` is relative to the repository root and `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// What a reviewer is asked to review.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewInput {
    /// Turk's charter.
    pub system_prompt: String,
    pub files: Vec<SourceFile>,
    /// Static findings, shown to the model as hints on the lines they concern.
    pub hints: Vec<turk_findings::Finding>,
    /// The lines the change under review added or changed (`turk audit --since`); empty when the code is reviewed
    /// as a whole. The prompt marks them so that the reviewers look there first.
    pub changed: Vec<LineRange>,
    /// The module, its Go version, its outline, and each file's kind, reason and hot functions.
    pub context: ReviewContext,
}

/// Called for every [`ProgressEvent`]; must be cheap (it runs on the request tasks).
pub type ProgressFn = Arc<dyn Fn(ProgressEvent) + Send + Sync>;

/// How to run a review.
#[derive(Clone, Default)]
pub struct RunOptions {
    /// Where answers are cached; None disables the cache (`--no-cache`).
    pub cache_dir: Option<std::path::PathBuf>,
    pub progress: Option<ProgressFn>,
}

impl std::fmt::Debug for RunOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunOptions")
            .field("cache_dir", &self.cache_dir)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// Progress of a run, for progress bars and log lines. Each planned request ends in exactly one `ChunkDone` or
/// `ChunkFailed`. Texts never contain a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProgressEvent {
    Planned {
        reviewer: String,
        chunks: usize,
    },
    ChunkDone {
        reviewer: String,
        cached: bool,
    },
    ChunkFailed {
        reviewer: String,
        error: String,
    },
    /// A request failed and will be sent again after `wait_ms`: one line in a CI log
    /// (`codex: request 3/35: retry 1/1 in 1.0 s: connection refused at http://127.0.0.1:1/v1`).
    Retrying {
        reviewer: String,
        /// The planned request (1-based) and how many there are.
        request: usize,
        requests: usize,
        /// This retry's number (1-based) and how many this kind of failure gets.
        attempt: u32,
        max_retries: u32,
        wait_ms: u64,
        /// What went wrong, as the failure would say it.
        reason: String,
    },
}
