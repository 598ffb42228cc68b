//! Reviewer configuration: one entry of `reviewers:` in `turk.yaml`.
//!
//! The YAML is flat (`provider: azure` sits beside `deployment:` and `concurrency:`), while the type is not: the
//! keys every reviewer has are fields of [`ReviewerConfig`], and each provider's own keys live in its variant of
//! [`ProviderConfig`]. Reading goes through a map of keys ([`Keys`]) rather than serde's `flatten`, which cannot
//! be combined with `deny_unknown_fields`: every key must belong to the reviewer or to its provider, and a key of
//! another provider or a misspelt one is an error that says so.

use crate::error::{BuildError, PreflightError};
use crate::provider::ProviderConfig;
use crate::reviewer::Reviewer;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::sync::Arc;
use thiserror::Error;
use turk_run::ResponseFormat;

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

impl StructuredOutput {
    /// The `response_format` of the first request.
    pub fn first_format(self) -> ResponseFormat {
        match self {
            StructuredOutput::Auto | StructuredOutput::JsonSchema => ResponseFormat::JsonSchema,
            StructuredOutput::JsonObject => ResponseFormat::JsonObject,
            StructuredOutput::Off => ResponseFormat::Text,
        }
    }
}

/// The OpenAI endpoint used when an `openai` reviewer has no `base_url`.
pub const DEFAULT_OPENAI_BASE_URL: &str = "https://api.openai.com/v1";

/// One reviewer, as written in `turk.yaml`. Only `id`, `provider` and `model` are required (plus what the
/// provider needs); every tuning knob has a default.
///
/// The API key itself is never part of the configuration: the provider's `api_key_env` names the environment
/// variable that holds it, and it is read at the moment a client is built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
#[non_exhaustive]
pub struct ReviewerConfig {
    /// Short id used in cache folders, the CLI and JSON (`codex`): `[a-z0-9_-]+`.
    pub id: String,
    /// Shown in the report (`GPT-5.3-Codex`); the id when not set.
    pub label: String,
    /// Where answers come from, with that provider's own keys.
    #[serde(flatten)]
    pub provider: ProviderConfig,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub model: String,
    /// Requests in flight at once for this reviewer.
    pub concurrency: usize,
    /// Per-request timeout, in seconds.
    pub timeout_secs: u64,
    /// Retries after the first attempt for rate limits and server errors (429, 5xx). A refused connection, a
    /// timeout or an answer that is not a chat completion is retried at most once whatever this says.
    pub max_retries: u32,
    /// Token budget of one request's prompt (system + user), counted with a real tokenizer.
    pub max_request_tokens: usize,
    /// Cap on the answer's length (`max_tokens`).
    pub max_output_tokens: u32,
    /// USD per million input tokens, for the cost estimate. Known models have defaults.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_input_per_mtok: Option<f64>,
    /// USD per million output tokens, for the cost estimate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_output_per_mtok: Option<f64>,
    pub structured_output: StructuredOutput,
    /// Sampling temperature; omitted from requests when unset (some models accept only their default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f32>,
    /// First backoff step, in milliseconds; doubles per retry, with jitter.
    pub backoff_base_ms: u64,
    /// Longest backoff step, in milliseconds (a server's `Retry-After` may ask for longer, up to
    /// [`crate::MAX_RETRY_AFTER`]).
    pub backoff_max_ms: u64,
    /// Environment variables whose values must never appear in this reviewer's outcome or cache, besides its
    /// own key variable. Not read from `turk.yaml`: turk puts every configured reviewer's `api_key_env` here, so
    /// that an endpoint echoing another reviewer's key cannot get it into a report either.
    #[serde(skip)]
    pub redact_env: Vec<String>,
}

mod defaults {
    pub const CONCURRENCY: usize = 4;
    /// Long enough for a full answer from a large model: 4,096 output tokens at 40 tokens/s (a slow large model
    /// under load) is about 100 s, plus a few seconds to read a 24,000-token prompt. A hung endpoint then costs
    /// two minutes per attempt instead of three, and is tried twice, not five times.
    pub const TIMEOUT_SECS: u64 = 120;
    pub const MAX_RETRIES: u32 = 4;
    pub const MAX_REQUEST_TOKENS: usize = 24_000;
    pub const MAX_OUTPUT_TOKENS: u32 = 4_096;
    pub const BACKOFF_BASE_MS: u64 = 1_000;
    pub const BACKOFF_MAX_MS: u64 = 30_000;
}

/// The default per-request timeout, in seconds (see `timeout_secs`).
pub const DEFAULT_TIMEOUT_SECS: u64 = defaults::TIMEOUT_SECS;

/// The smallest prompt budget that leaves room for the charter, the instructions and some code.
pub const MIN_REQUEST_TOKENS: usize = 1_000;

/// The keys every reviewer has, whatever its provider.
pub const COMMON_KEYS: &[&str] = &[
    "id",
    "label",
    "provider",
    "model",
    "concurrency",
    "timeout_secs",
    "max_retries",
    "max_request_tokens",
    "max_output_tokens",
    "price_input_per_mtok",
    "price_output_per_mtok",
    "structured_output",
    "temperature",
    "backoff_base_ms",
    "backoff_max_ms",
];

/// A reviewer configuration that cannot work, with what to change.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
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
    #[error("reviewer `{reviewer}`: unknown key `{key}`{suggestion}")]
    UnknownKey {
        reviewer: String,
        key: String,
        /// ` (did you mean `concurrency`?)`, or empty.
        suggestion: String,
    },
    #[error("reviewer `{reviewer}`: `{key}` is a key of provider {owners}, not of {provider}")]
    NotForProvider {
        reviewer: String,
        key: String,
        provider: String,
        owners: String,
    },
    #[error("reviewer `{reviewer}`: unknown provider `{provider}` (known: {known})")]
    UnknownProvider {
        reviewer: String,
        provider: String,
        known: String,
    },
}

/// The keys of one reviewer entry, taken out one by one as they are read: what is left at the end was not
/// understood by anyone.
pub(crate) struct Keys {
    reviewer: String,
    map: Map<String, Value>,
}

impl Keys {
    pub(crate) fn reviewer(&self) -> &str {
        &self.reviewer
    }

    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// The value of `key`, if present and not null.
    pub(crate) fn take<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<Option<T>, ConfigError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => serde_json::from_value(value)
                .map(Some)
                .map_err(|e| ConfigError::Invalid {
                    reviewer: self.reviewer.clone(),
                    field: key,
                    problem: format!("has the wrong type: {e}"),
                }),
        }
    }

    /// A text value that must be present and not blank.
    pub(crate) fn required(&mut self, key: &'static str, hint: &str) -> Result<String, ConfigError> {
        match self.take::<String>(key)? {
            Some(v) if !v.trim().is_empty() => Ok(v),
            _ => Err(ConfigError::Missing {
                reviewer: self.reviewer.clone(),
                field: key,
                hint: hint.to_string(),
            }),
        }
    }
}

impl TryFrom<Map<String, Value>> for ReviewerConfig {
    type Error = ConfigError;

    fn try_from(map: Map<String, Value>) -> Result<Self, ConfigError> {
        let mut keys = Keys {
            reviewer: "<no id>".into(),
            map,
        };
        let id = keys.required("id", " (a short name such as `codex`)")?;
        keys.reviewer = id.clone();
        let provider_name = keys.required("provider", " (openai, azure or replay)")?;
        let registration = crate::provider::registration(&provider_name, keys.reviewer())?;
        registration.check_keys(&keys)?;
        let label = keys.take::<String>("label")?.filter(|l| !l.trim().is_empty());
        let mut config = ReviewerConfig {
            label: label.unwrap_or_else(|| id.clone()),
            model: keys.take("model")?.unwrap_or_default(),
            concurrency: keys.take("concurrency")?.unwrap_or(defaults::CONCURRENCY),
            timeout_secs: keys.take("timeout_secs")?.unwrap_or(defaults::TIMEOUT_SECS),
            max_retries: keys.take("max_retries")?.unwrap_or(defaults::MAX_RETRIES),
            max_request_tokens: keys
                .take("max_request_tokens")?
                .unwrap_or(defaults::MAX_REQUEST_TOKENS),
            max_output_tokens: keys
                .take("max_output_tokens")?
                .unwrap_or(defaults::MAX_OUTPUT_TOKENS),
            price_input_per_mtok: keys.take("price_input_per_mtok")?,
            price_output_per_mtok: keys.take("price_output_per_mtok")?,
            structured_output: keys.take("structured_output")?.unwrap_or_default(),
            temperature: keys.take("temperature")?,
            backoff_base_ms: keys.take("backoff_base_ms")?.unwrap_or(defaults::BACKOFF_BASE_MS),
            backoff_max_ms: keys.take("backoff_max_ms")?.unwrap_or(defaults::BACKOFF_MAX_MS),
            provider: (registration.parse)(&mut keys)?,
            redact_env: Vec::new(),
            id,
        };
        if config.model.trim().is_empty()
            && let Some(default) = config.provider.default_model()
        {
            config.model = default.to_string();
        }
        Ok(config)
    }
}

/// The closest of `candidates` to a misspelt `key`, if one is close enough to be what was meant.
pub(crate) fn suggest<'a>(key: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(key, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 5))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

impl ReviewerConfig {
    /// A reviewer with every tuning knob at its default; the label is the id.
    pub fn new(id: impl Into<String>, provider: ProviderConfig, model: impl Into<String>) -> Self {
        let id = id.into();
        ReviewerConfig {
            label: id.clone(),
            id,
            provider,
            model: model.into(),
            concurrency: defaults::CONCURRENCY,
            timeout_secs: defaults::TIMEOUT_SECS,
            max_retries: defaults::MAX_RETRIES,
            max_request_tokens: defaults::MAX_REQUEST_TOKENS,
            max_output_tokens: defaults::MAX_OUTPUT_TOKENS,
            price_input_per_mtok: None,
            price_output_per_mtok: None,
            structured_output: StructuredOutput::Auto,
            temperature: None,
            backoff_base_ms: defaults::BACKOFF_BASE_MS,
            backoff_max_ms: defaults::BACKOFF_MAX_MS,
            redact_env: Vec::new(),
        }
    }

    /// The label, or the id when the label is blank.
    pub fn display_label(&self) -> &str {
        if self.label.trim().is_empty() {
            &self.id
        } else {
            &self.label
        }
    }

    /// The name of the variable that holds the key, if the provider sends one.
    pub fn api_key_env(&self) -> Option<&str> {
        self.provider.api_key_env()
    }

    /// Where requests go (never with the key; safe to print).
    pub fn endpoint(&self) -> String {
        self.provider.endpoint()
    }

    /// Where the requests go, as the report shows it: the endpoint without credentials (`user:secret@`), query or
    /// fragment; None for recorded answers.
    pub fn public_endpoint(&self) -> Option<String> {
        if self.provider.recorded() {
            return None;
        }
        let endpoint = self.endpoint();
        let base = endpoint.split(['?', '#']).next().unwrap_or(&endpoint);
        Some(match base.split_once("://") {
            Some((scheme, rest)) => {
                let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
                let host = authority.rsplit('@').next().unwrap_or(authority);
                if path.is_empty() {
                    format!("{scheme}://{host}")
                } else {
                    format!("{scheme}://{host}/{path}")
                }
            }
            None => base.to_string(),
        })
    }

    /// The same reviewer pointed at another endpoint (`TURK_REVIEWER_<ID>_BASE_URL`). Errors when the provider
    /// has no `base_url` or the URL is not one.
    pub fn with_base_url(&self, url: &str) -> Result<Self, ConfigError> {
        let Ok(Value::Object(mut map)) = serde_json::to_value(self) else {
            return Err(ConfigError::Invalid {
                reviewer: self.id.clone(),
                field: "base_url",
                problem: "cannot be changed on this reviewer".into(),
            });
        };
        map.insert("base_url".into(), Value::String(url.to_string()));
        let mut moved = ReviewerConfig::try_from(map)?;
        moved.redact_env = self.redact_env.clone();
        moved.validate()?;
        Ok(moved)
    }

    /// Checks everything that can be checked without the network, the environment or the filesystem, so that
    /// `--dry-run` works without keys. [`ReviewerConfig::check_ready`] checks the rest.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |field: &'static str, problem: String| ConfigError::Invalid {
            reviewer: self.id.clone(),
            field,
            problem,
        };
        if self.id.trim().is_empty() {
            return Err(ConfigError::Missing {
                reviewer: "<no id>".into(),
                field: "id",
                hint: " (a short name such as `codex`)".into(),
            });
        }
        if !self
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        {
            return Err(invalid(
                "id",
                "may contain only lower-case letters, digits, `-` and `_` (it names a cache folder)".into(),
            ));
        }
        if self.model.trim().is_empty() {
            return Err(ConfigError::Missing {
                reviewer: self.id.clone(),
                field: "model",
                hint: " (the model name the endpoint expects, e.g. `gpt-5.3-codex`)".into(),
            });
        }
        self.provider.validate(&self.id)?;
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

    /// Checks what the first request would need from the environment and the filesystem: the key variable is
    /// set and not empty, the replay folder is readable and holds answers. Never returns or prints the key.
    pub fn check_ready(&self) -> Result<(), PreflightError> {
        self.provider.check_ready(&self.id)
    }

    /// The one factory: validates the configuration, checks it is ready and builds the provider's reviewer.
    pub fn build(&self) -> Result<Arc<dyn Reviewer>, BuildError> {
        self.validate()?;
        self.check_ready()?;
        self.provider.build(self)
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
