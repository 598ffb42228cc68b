//! Reviewer configuration: one entry of `reviewers:` in `turk.yaml`.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use thiserror::Error;

/// Where a reviewer's answers come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Any OpenAI-compatible chat-completions endpoint (OpenAI, Anthropic's compatibility endpoint, Ollama, vLLM,
    /// llama.cpp, LiteLLM...), selected by `base_url`.
    Openai,
    /// Azure OpenAI: `base_url` is the resource (`https://NAME.openai.azure.com`), plus `deployment` and
    /// `api_version`; the key goes in the `api-key` header.
    Azure,
    /// Recorded answers read from `replay_dir`: offline demos and tests. Nothing is sent anywhere.
    Replay,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Openai => "openai",
            Provider::Azure => "azure",
            Provider::Replay => "replay",
        }
    }
}

/// How to ask for JSON answers. `auto` tries a JSON schema first and steps down (`json_object`, then plain
/// text) the first time the endpoint rejects it; the step is remembered for the rest of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StructuredOutput {
    #[default]
    Auto,
    JsonSchema,
    JsonObject,
    /// No `response_format` at all: the prompt alone asks for JSON.
    Off,
}

/// The OpenAI endpoint used when an `openai` reviewer has no `base_url`.
pub const DEFAULT_OPENAI_BASE_URL: &str = "https://api.openai.com/v1";

/// One reviewer, as written in `turk.yaml`. Only `id`, `provider` and `model` are required (plus what the provider
/// needs: see [`ReviewerConfig::validate`]); every tuning knob has a default.
///
/// The API key itself is never part of the configuration: `api_key_env` names the environment variable that
/// holds it, and it is read at the moment a client is built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewerConfig {
    /// Short id used in cache keys, the CLI and JSON (`codex`).
    pub id: String,
    /// Shown in the report (`GPT-5.3-Codex`); the id when empty.
    #[serde(default)]
    pub label: String,
    pub provider: Provider,
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub model: String,
    /// Name of the environment variable holding the key (`OPENAI_API_KEY`). None: send no key (local servers).
    #[serde(default)]
    pub api_key_env: Option<String>,
    /// Azure only: the deployment name.
    #[serde(default)]
    pub deployment: Option<String>,
    /// Azure only: the `api-version` query parameter (`2024-10-21`).
    #[serde(default)]
    pub api_version: Option<String>,
    /// Replay only: the folder of recorded answers.
    #[serde(default)]
    pub replay_dir: Option<PathBuf>,
    /// Requests in flight at once for this reviewer.
    #[serde(default = "defaults::concurrency")]
    pub concurrency: usize,
    /// Per-request timeout, in seconds.
    #[serde(default = "defaults::timeout_secs")]
    pub timeout_secs: u64,
    /// Retries after the first attempt, for 429, 5xx, timeouts and connection errors.
    #[serde(default = "defaults::max_retries")]
    pub max_retries: u32,
    /// Token budget of one request's prompt (system + user), counted with a real tokenizer.
    #[serde(default = "defaults::max_request_tokens")]
    pub max_request_tokens: usize,
    /// Cap on the answer's length (`max_tokens`).
    #[serde(default = "defaults::max_output_tokens")]
    pub max_output_tokens: u32,
    /// USD per million input tokens, for the cost estimate. Known models have defaults.
    #[serde(default)]
    pub price_input_per_mtok: Option<f64>,
    /// USD per million output tokens, for the cost estimate.
    #[serde(default)]
    pub price_output_per_mtok: Option<f64>,
    #[serde(default)]
    pub structured_output: StructuredOutput,
    /// Sampling temperature; omitted from requests when unset (some models accept only their default).
    #[serde(default)]
    pub temperature: Option<f32>,
    /// First backoff step, in milliseconds; doubles per retry, with jitter.
    #[serde(default = "defaults::backoff_base_ms")]
    pub backoff_base_ms: u64,
    /// Longest backoff step, in milliseconds (a server's `Retry-After` may ask for longer, up to 5 minutes).
    #[serde(default = "defaults::backoff_max_ms")]
    pub backoff_max_ms: u64,
}

mod defaults {
    pub fn concurrency() -> usize {
        4
    }
    pub fn timeout_secs() -> u64 {
        180
    }
    pub fn max_retries() -> u32 {
        4
    }
    pub fn max_request_tokens() -> usize {
        24_000
    }
    pub fn max_output_tokens() -> u32 {
        4_096
    }
    pub fn backoff_base_ms() -> u64 {
        1_000
    }
    pub fn backoff_max_ms() -> u64 {
        30_000
    }
}

/// The smallest prompt budget that leaves room for the charter, the instructions and some code.
pub const MIN_REQUEST_TOKENS: usize = 1_000;

/// A reviewer configuration that cannot work, with what to change.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error("reviewer `{reviewer}`: `{field}` is required{hint}")]
    Missing {
        reviewer: String,
        field: &'static str,
        hint: String,
    },
    #[error("reviewer `{reviewer}`: `{field}` {problem}")]
    Invalid {
        reviewer: String,
        field: &'static str,
        problem: String,
    },
}

impl ReviewerConfig {
    /// A reviewer with every tuning knob at its default.
    pub fn new(id: impl Into<String>, provider: Provider, model: impl Into<String>) -> Self {
        ReviewerConfig {
            id: id.into(),
            label: String::new(),
            provider,
            base_url: None,
            model: model.into(),
            api_key_env: None,
            deployment: None,
            api_version: None,
            replay_dir: None,
            concurrency: defaults::concurrency(),
            timeout_secs: defaults::timeout_secs(),
            max_retries: defaults::max_retries(),
            max_request_tokens: defaults::max_request_tokens(),
            max_output_tokens: defaults::max_output_tokens(),
            price_input_per_mtok: None,
            price_output_per_mtok: None,
            structured_output: StructuredOutput::Auto,
            temperature: None,
            backoff_base_ms: defaults::backoff_base_ms(),
            backoff_max_ms: defaults::backoff_max_ms(),
        }
    }

    /// The label, or the id when no label is set.
    pub fn display_label(&self) -> &str {
        if self.label.trim().is_empty() {
            &self.id
        } else {
            &self.label
        }
    }

    /// Checks everything that can be checked without the network or the environment. (A missing key variable
    /// is reported by [`crate::review`] in the outcome, so that `--dry-run` works without keys.)
    pub fn validate(&self) -> Result<(), ConfigError> {
        let id = if self.id.is_empty() {
            "<no id>".to_string()
        } else {
            self.id.clone()
        };
        let missing = |field: &'static str, hint: &str| ConfigError::Missing {
            reviewer: id.clone(),
            field,
            hint: hint.to_string(),
        };
        let invalid = |field: &'static str, problem: String| ConfigError::Invalid {
            reviewer: id.clone(),
            field,
            problem,
        };
        if self.id.trim().is_empty() {
            return Err(missing("id", " (a short name such as `codex`)"));
        }
        if !self
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        {
            return Err(invalid(
                "id",
                "may contain only letters, digits, `-`, `_` and `.` (it names cache entries)".into(),
            ));
        }
        if self.provider != Provider::Replay && self.model.trim().is_empty() {
            return Err(missing(
                "model",
                " (the model name the endpoint expects, e.g. `gpt-5.3-codex`)",
            ));
        }
        if let Some(env) = &self.api_key_env
            && (env.is_empty() || env.contains(['=', ' ', '\0']))
        {
            return Err(invalid(
                "api_key_env",
                "must be the *name* of an environment variable (e.g. OPENAI_API_KEY), not the key".into(),
            ));
        }
        if let Some(url) = &self.base_url {
            let lower = url.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                return Err(invalid(
                    "base_url",
                    format!("`{url}` must start with http:// or https://"),
                ));
            }
        }
        match self.provider {
            Provider::Openai => {}
            Provider::Azure => {
                if self.base_url.is_none() {
                    return Err(missing(
                        "base_url",
                        " for azure (https://RESOURCE.openai.azure.com)",
                    ));
                }
                if self.deployment.as_deref().is_none_or(|d| d.trim().is_empty()) {
                    return Err(missing(
                        "deployment",
                        " for azure (the deployment name in Azure AI Foundry)",
                    ));
                }
                if self.api_version.as_deref().is_none_or(|v| v.trim().is_empty()) {
                    return Err(missing("api_version", " for azure (e.g. `2024-10-21`)"));
                }
                if self.api_key_env.is_none() {
                    return Err(missing("api_key_env", " for azure (e.g. AZURE_OPENAI_API_KEY)"));
                }
            }
            Provider::Replay => {
                if self.replay_dir.is_none() {
                    return Err(missing(
                        "replay_dir",
                        " for replay (a folder of recorded answers)",
                    ));
                }
            }
        }
        if self.concurrency == 0 {
            return Err(invalid("concurrency", "must be at least 1".into()));
        }
        if self.timeout_secs == 0 {
            return Err(invalid("timeout_secs", "must be at least 1".into()));
        }
        if self.max_request_tokens < MIN_REQUEST_TOKENS {
            return Err(invalid(
                "max_request_tokens",
                format!(
                    "is {}; it must be at least {MIN_REQUEST_TOKENS}",
                    self.max_request_tokens
                ),
            ));
        }
        if self.max_output_tokens < 64 {
            return Err(invalid("max_output_tokens", "must be at least 64".into()));
        }
        for (field, price) in [
            ("price_input_per_mtok", self.price_input_per_mtok),
            ("price_output_per_mtok", self.price_output_per_mtok),
        ] {
            if price.is_some_and(|p| !p.is_finite() || p < 0.0) {
                return Err(invalid(field, "must be a non-negative number of USD".into()));
            }
        }
        Ok(())
    }

    /// The chat-completions base URL the requests go to (without the key; safe to print).
    pub fn endpoint(&self) -> String {
        match self.provider {
            Provider::Openai => self
                .base_url
                .clone()
                .unwrap_or_else(|| DEFAULT_OPENAI_BASE_URL.to_string())
                .trim_end_matches('/')
                .to_string(),
            Provider::Azure => format!(
                "{}/openai/deployments/{}?api-version={}",
                self.base_url.as_deref().unwrap_or_default().trim_end_matches('/'),
                self.deployment.as_deref().unwrap_or_default(),
                self.api_version.as_deref().unwrap_or_default()
            ),
            Provider::Replay => format!(
                "replay:{}",
                self.replay_dir
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ),
        }
    }

    /// USD per million (input, output) tokens: the configured prices, else a default for a few known models.
    pub fn prices(&self) -> Option<(f64, f64)> {
        match (self.price_input_per_mtok, self.price_output_per_mtok) {
            (Some(i), Some(o)) => Some((i, o)),
            (configured_in, configured_out) => {
                let (i, o) = known_prices(&self.model)?;
                Some((configured_in.unwrap_or(i), configured_out.unwrap_or(o)))
            }
        }
    }
}

/// List prices (USD per million input/output tokens) of a few models, as published when this was written. They
/// only feed an *estimate*; set `price_input_per_mtok` / `price_output_per_mtok` to override.
fn known_prices(model: &str) -> Option<(f64, f64)> {
    let m = model.to_ascii_lowercase();
    let table: &[(&str, (f64, f64))] = &[
        ("gpt-5.3-codex", (1.75, 14.0)),
        ("gpt-5-mini", (0.25, 2.0)),
        ("gpt-5-nano", (0.05, 0.4)),
        ("gpt-5", (1.25, 10.0)),
        ("gpt-4.1-mini", (0.4, 1.6)),
        ("gpt-4.1", (2.0, 8.0)),
        ("gpt-4o-mini", (0.15, 0.6)),
        ("gpt-4o", (2.5, 10.0)),
        ("claude-opus-4", (5.0, 25.0)),
        ("claude-sonnet-4", (3.0, 15.0)),
        ("claude-haiku-4", (1.0, 5.0)),
    ];
    table
        .iter()
        .find(|(prefix, _)| m.starts_with(prefix))
        .map(|(_, p)| *p)
}
