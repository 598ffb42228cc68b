//! The reviewer factory. Each provider is one module: its own keys in `turk.yaml`, its settings type, how to
//! check it is ready, and how to build its [`Reviewer`]. This file is the only place that knows the list:
//! adding a provider is its module, its variant of [`ProviderConfig`], its line in [`REGISTRY`] and its arm in
//! [`ProviderConfig::settings`] — every other use goes through [`ProviderSettings`], so no `_ =>` arm anywhere
//! can send a new provider down another provider's path.

pub mod azure;
#[cfg(test)]
mod canned;
pub mod openai;
pub mod replay;

pub use azure::AzureSettings;
pub use openai::OpenAiSettings;
pub use replay::{ReplayReviewer, ReplaySettings};

use crate::config::{COMMON_KEYS, ConfigError, Keys, ReviewerConfig, suggest};
use crate::error::{BuildError, PreflightError};
use crate::reviewer::Reviewer;
use serde::Serialize;
use std::sync::Arc;
use turk_run::Provider;

/// Where a reviewer's answers come from, with that provider's own settings. In `turk.yaml` the variant is the
/// `provider:` key and its fields sit beside the reviewer's other keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "provider", rename_all = "lowercase")]
#[non_exhaustive]
pub enum ProviderConfig {
    /// Any OpenAI-compatible chat-completions endpoint (OpenAI, Anthropic's compatibility endpoint, Ollama,
    /// vLLM, llama.cpp, LiteLLM...), selected by `base_url`.
    Openai(OpenAiSettings),
    /// Azure OpenAI: a resource URL, a deployment and an API version; the key goes in the `api-key` header.
    Azure(AzureSettings),
    /// Recorded answers read from `replay_dir`: offline demos and tests. Nothing is sent anywhere.
    Replay(ReplaySettings),
    /// A provider that exists only in this crate's tests, to prove that the steps above are all it takes.
    #[cfg(test)]
    Canned(canned::CannedSettings),
}

/// What every provider answers; the factory and the run only ever talk to a provider through this.
pub(crate) trait ProviderSettings {
    /// The provider's name in `run.json`.
    fn kind(&self) -> Provider;
    /// The variable holding the key, if the provider sends one.
    fn api_key_env(&self) -> Option<&str>;
    /// Where requests go, for messages and the cache key (never with the key).
    fn endpoint(&self) -> String;
    /// Whether answers are recorded rather than live (no cost, labelled in the report).
    fn recorded(&self) -> bool {
        false
    }
    /// The model to name when `model` is not set; None makes `model` required.
    fn default_model(&self) -> Option<&str> {
        None
    }
    /// Checks the settings without the environment or the network.
    fn validate(&self, reviewer: &str) -> Result<(), ConfigError>;
    /// Checks what the first request needs from the environment and the filesystem (by default: the key).
    fn check_ready(&self, reviewer: &str) -> Result<(), PreflightError> {
        match self.api_key_env() {
            Some(var) => read_key(reviewer, var).map(drop),
            None => Ok(()),
        }
    }
    /// What to check when the endpoint answers 404.
    fn not_found_hint(&self, config: &ReviewerConfig) -> String;
    /// The reviewer itself (after `validate` and `check_ready` passed).
    fn build(&self, config: &ReviewerConfig) -> Result<Arc<dyn Reviewer>, BuildError>;
}

/// How a provider is found by its name in `turk.yaml` and read from the reviewer's keys.
pub(crate) struct Registration {
    pub name: &'static str,
    /// The provider's own keys (besides [`COMMON_KEYS`]).
    pub keys: &'static [&'static str],
    pub parse: fn(&mut Keys) -> Result<ProviderConfig, ConfigError>,
}

/// Every provider, by the name written after `provider:`.
const REGISTRY: &[Registration] = &[
    Registration {
        name: "openai",
        keys: openai::KEYS,
        parse: |keys| OpenAiSettings::parse(keys).map(ProviderConfig::Openai),
    },
    Registration {
        name: "azure",
        keys: azure::KEYS,
        parse: |keys| AzureSettings::parse(keys).map(ProviderConfig::Azure),
    },
    Registration {
        name: "replay",
        keys: replay::KEYS,
        parse: |keys| ReplaySettings::parse(keys).map(ProviderConfig::Replay),
    },
    #[cfg(test)]
    Registration {
        name: "canned",
        keys: canned::KEYS,
        parse: |keys| canned::CannedSettings::parse(keys).map(ProviderConfig::Canned),
    },
];

/// The registration of provider `name`.
pub(crate) fn registration(name: &str, reviewer: &str) -> Result<&'static Registration, ConfigError> {
    REGISTRY
        .iter()
        .find(|r| r.name == name)
        .ok_or_else(|| ConfigError::UnknownProvider {
            reviewer: reviewer.to_string(),
            provider: name.to_string(),
            known: REGISTRY.iter().map(|r| r.name).collect::<Vec<_>>().join(", "),
        })
}

impl Registration {
    /// Every key must be a reviewer key or one of this provider's: a key of another provider, or a misspelt
    /// one, is an error that says which.
    pub(crate) fn check_keys(&self, keys: &Keys) -> Result<(), ConfigError> {
        for key in keys.names() {
            if COMMON_KEYS.contains(&key) || self.keys.contains(&key) {
                continue;
            }
            let owners: Vec<&str> = REGISTRY
                .iter()
                .filter(|r| r.keys.contains(&key))
                .map(|r| r.name)
                .collect();
            if !owners.is_empty() {
                return Err(ConfigError::NotForProvider {
                    reviewer: keys.reviewer().to_string(),
                    key: key.to_string(),
                    provider: self.name.to_string(),
                    owners: owners.join(" and "),
                });
            }
            let known = COMMON_KEYS.iter().chain(self.keys).copied();
            return Err(ConfigError::UnknownKey {
                reviewer: keys.reviewer().to_string(),
                key: key.to_string(),
                suggestion: suggest(key, known)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default(),
            });
        }
        Ok(())
    }
}

impl ProviderConfig {
    /// The one match over providers.
    fn settings(&self) -> &dyn ProviderSettings {
        match self {
            ProviderConfig::Openai(s) => s,
            ProviderConfig::Azure(s) => s,
            ProviderConfig::Replay(s) => s,
            #[cfg(test)]
            ProviderConfig::Canned(s) => s,
        }
    }

    /// An `openai` provider at `base_url`, without a key (a local server).
    pub fn openai(base_url: impl Into<String>) -> Self {
        ProviderConfig::Openai(OpenAiSettings {
            base_url: Some(base_url.into()),
            api_key_env: None,
        })
    }

    /// A `replay` provider reading `replay_dir`.
    pub fn replay(replay_dir: impl Into<std::path::PathBuf>) -> Self {
        ProviderConfig::Replay(ReplaySettings {
            replay_dir: replay_dir.into(),
        })
    }

    /// The provider's name in `run.json`.
    pub fn kind(&self) -> Provider {
        self.settings().kind()
    }

    /// The variable holding the key, if the provider sends one.
    pub fn api_key_env(&self) -> Option<&str> {
        self.settings().api_key_env()
    }

    /// Where requests go (never with the key; safe to print).
    pub fn endpoint(&self) -> String {
        self.settings().endpoint()
    }

    /// Whether answers are recorded rather than live.
    pub fn recorded(&self) -> bool {
        self.settings().recorded()
    }

    pub(crate) fn default_model(&self) -> Option<&str> {
        self.settings().default_model()
    }

    pub(crate) fn validate(&self, reviewer: &str) -> Result<(), ConfigError> {
        self.settings().validate(reviewer)
    }

    pub(crate) fn check_ready(&self, reviewer: &str) -> Result<(), PreflightError> {
        self.settings().check_ready(reviewer)
    }

    pub(crate) fn not_found_hint(&self, config: &ReviewerConfig) -> String {
        self.settings().not_found_hint(config)
    }

    pub(crate) fn build(&self, config: &ReviewerConfig) -> Result<Arc<dyn Reviewer>, BuildError> {
        self.settings().build(config)
    }
}

/// The key in `var`, trimmed. Errors name the variable, never a value.
pub(crate) fn read_key(reviewer: &str, var: &str) -> Result<String, PreflightError> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => Ok(v.trim().to_string()),
        Ok(_) => Err(PreflightError::KeyEmpty {
            reviewer: reviewer.to_string(),
            var: var.to_string(),
        }),
        Err(_) => Err(PreflightError::KeyNotSet {
            reviewer: reviewer.to_string(),
            var: var.to_string(),
        }),
    }
}

/// `api_key_env` must name a variable, not hold a key.
pub(crate) fn check_key_env_name(reviewer: &str, var: &str) -> Result<(), ConfigError> {
    if var.is_empty() || var.contains(['=', ' ', '\0']) {
        return Err(ConfigError::Invalid {
            reviewer: reviewer.to_string(),
            field: "api_key_env",
            problem: "must be the *name* of an environment variable (e.g. OPENAI_API_KEY), not the key"
                .into(),
        });
    }
    Ok(())
}

/// `base_url` must be an http(s) URL.
pub(crate) fn check_http_url(reviewer: &str, url: &str) -> Result<(), ConfigError> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    if rest.is_none_or(|host| host.is_empty() || host.starts_with('/')) {
        return Err(ConfigError::Invalid {
            reviewer: reviewer.to_string(),
            field: "base_url",
            problem: format!("`{url}` must be an http:// or https:// URL"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_provider_parses_by_its_name() {
        for r in REGISTRY {
            let yaml = match r.name {
                "openai" => "id: a\nprovider: openai\nmodel: m\n",
                "azure" => {
                    "id: a\nprovider: azure\nbase_url: https://r.openai.azure.com\ndeployment: d\napi_version: v\napi_key_env: K\n"
                }
                "replay" => "id: a\nprovider: replay\nreplay_dir: dir\n",
                "canned" => "id: a\nprovider: canned\nanswer: '{}'\n",
                other => panic!("add a minimal configuration of provider `{other}` here"),
            };
            let config: ReviewerConfig = serde_yaml::from_str(yaml).unwrap();
            let back = serde_json::to_value(&config).unwrap();
            assert_eq!(back["provider"], r.name, "{yaml}");
            let again: ReviewerConfig = serde_json::from_value(back).unwrap();
            assert_eq!(again, config, "a configuration survives a round trip");
        }
    }
}
