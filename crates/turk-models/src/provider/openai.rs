//! `provider: openai`: any endpoint that speaks OpenAI's chat-completions protocol, with the key (if any) as a
//! bearer token.

use super::{ProviderSettings, check_http_url, check_key_env_name, read_key};
use crate::client::{Connection, OpenAiReviewer, owned};
use crate::config::{ConfigError, DEFAULT_OPENAI_BASE_URL, Keys, ReviewerConfig};
use crate::error::BuildError;
use crate::reviewer::Reviewer;
use async_openai::config::{Config, OpenAIConfig};
use serde::Serialize;
use std::sync::Arc;
use turk_run::Provider;

/// The keys of an `openai` reviewer besides the common ones.
pub const KEYS: &[&str] = &["base_url", "api_key_env"];

/// An OpenAI-compatible endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct OpenAiSettings {
    /// Default: [`DEFAULT_OPENAI_BASE_URL`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// The variable holding the key; None sends no key (local servers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key_env: Option<String>,
}

impl OpenAiSettings {
    pub(crate) fn parse(keys: &mut Keys) -> Result<Self, ConfigError> {
        Ok(OpenAiSettings {
            base_url: keys.take("base_url")?,
            api_key_env: keys.take("api_key_env")?,
        })
    }
}

impl ProviderSettings for OpenAiSettings {
    fn kind(&self) -> Provider {
        Provider::Openai
    }

    fn api_key_env(&self) -> Option<&str> {
        self.api_key_env.as_deref()
    }

    fn endpoint(&self) -> String {
        self.base_url
            .as_deref()
            .unwrap_or(DEFAULT_OPENAI_BASE_URL)
            .trim()
            .trim_end_matches('/')
            .to_string()
    }

    fn validate(&self, reviewer: &str) -> Result<(), ConfigError> {
        if let Some(url) = &self.base_url {
            check_http_url(reviewer, url)?;
        }
        if let Some(var) = &self.api_key_env {
            check_key_env_name(reviewer, var)?;
        }
        Ok(())
    }

    fn not_found_hint(&self, config: &ReviewerConfig) -> String {
        format!(
            "check base_url `{}` (OpenAI-compatible servers usually end in /v1) and model `{}`",
            self.endpoint(),
            config.model
        )
    }

    fn build(&self, config: &ReviewerConfig) -> Result<Arc<dyn Reviewer>, BuildError> {
        let secret = match &self.api_key_env {
            Some(var) => read_key(&config.id, var)?,
            None => String::new(),
        };
        let connection = self.connection(&secret);
        Ok(Arc::new(OpenAiReviewer::connect(config, connection, &secret)?))
    }
}

impl OpenAiSettings {
    fn connection(&self, secret: &str) -> Connection {
        // Everything explicit: nothing is taken from OPENAI_* variables behind the user's back.
        let c = OpenAIConfig::new()
            .with_api_base(self.endpoint())
            .with_api_key(secret.to_string())
            .with_org_id("")
            .with_project_id("");
        let mut headers = c.headers();
        if secret.is_empty() {
            headers.remove(reqwest::header::AUTHORIZATION);
        }
        Connection {
            url: c.url("/chat/completions"),
            query: owned(c.query()),
            headers,
            use_max_completion_tokens: self.endpoint().contains("api.openai.com"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_server_gets_no_authorization_header_and_openai_gets_a_bearer_token() {
        let local = OpenAiSettings {
            base_url: Some("http://127.0.0.1:8080/v1/".into()),
            api_key_env: None,
        };
        let c = local.connection("");
        assert_eq!(c.url, "http://127.0.0.1:8080/v1/chat/completions");
        assert!(!c.headers.contains_key("authorization"));
        assert!(
            !c.use_max_completion_tokens,
            "most compatible servers know max_tokens"
        );
        let openai = OpenAiSettings::default().connection("sk-test-0000");
        assert_eq!(openai.url, "https://api.openai.com/v1/chat/completions");
        assert!(openai.headers.contains_key("authorization"));
        assert!(openai.use_max_completion_tokens);
    }
}
