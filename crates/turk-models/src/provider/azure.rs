//! `provider: azure`: Azure OpenAI. Requests go to the deployment's path with an `api-version` query, and the
//! key travels in the `api-key` header.

use super::{ProviderSettings, check_http_url, check_key_env_name, read_key};
use crate::client::{Connection, OpenAiReviewer, owned};
use crate::config::{ConfigError, Keys, ReviewerConfig};
use crate::error::BuildError;
use crate::reviewer::Reviewer;
use async_openai::config::{AzureConfig, Config};
use serde::Serialize;
use std::sync::Arc;
use turk_run::Provider;

/// The keys of an `azure` reviewer besides the common ones.
pub const KEYS: &[&str] = &["base_url", "deployment", "api_version", "api_key_env"];

/// An Azure OpenAI deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AzureSettings {
    /// The resource: `https://NAME.openai.azure.com`.
    pub base_url: String,
    /// The deployment name in Azure AI Foundry; also the model when `model` is not set.
    pub deployment: String,
    /// The `api-version` query parameter (`2024-10-21`).
    pub api_version: String,
    /// The variable holding the key.
    pub api_key_env: String,
}

impl AzureSettings {
    pub(crate) fn parse(keys: &mut Keys) -> Result<Self, ConfigError> {
        Ok(AzureSettings {
            base_url: keys.required("base_url", " for azure (https://RESOURCE.openai.azure.com)")?,
            deployment: keys.required(
                "deployment",
                " for azure (the deployment name in Azure AI Foundry)",
            )?,
            api_version: keys.required("api_version", " for azure (e.g. `2024-10-21`)")?,
            api_key_env: keys.required("api_key_env", " for azure (e.g. AZURE_OPENAI_API_KEY)")?,
        })
    }

    fn resource(&self) -> &str {
        self.base_url.trim().trim_end_matches('/')
    }
}

impl ProviderSettings for AzureSettings {
    fn kind(&self) -> Provider {
        Provider::Azure
    }

    fn api_key_env(&self) -> Option<&str> {
        Some(&self.api_key_env)
    }

    fn endpoint(&self) -> String {
        format!(
            "{}/openai/deployments/{}?api-version={}",
            self.resource(),
            self.deployment,
            self.api_version
        )
    }

    fn default_model(&self) -> Option<&str> {
        Some(&self.deployment)
    }

    fn validate(&self, reviewer: &str) -> Result<(), ConfigError> {
        check_http_url(reviewer, &self.base_url)?;
        check_key_env_name(reviewer, &self.api_key_env)?;
        for (field, value) in [
            ("deployment", &self.deployment),
            ("api_version", &self.api_version),
        ] {
            if value.trim().is_empty() {
                return Err(ConfigError::Missing {
                    reviewer: reviewer.to_string(),
                    field,
                    hint: " for azure".into(),
                });
            }
        }
        Ok(())
    }

    fn not_found_hint(&self, _config: &ReviewerConfig) -> String {
        format!(
            "check base_url `{}`, deployment `{}` and api_version `{}`",
            self.resource(),
            self.deployment,
            self.api_version
        )
    }

    fn build(&self, config: &ReviewerConfig) -> Result<Arc<dyn Reviewer>, BuildError> {
        let secret = read_key(&config.id, &self.api_key_env)?;
        let connection = self.connection(&secret);
        Ok(Arc::new(OpenAiReviewer::connect(config, connection, &secret)?))
    }
}

impl AzureSettings {
    fn connection(&self, secret: &str) -> Connection {
        let c = AzureConfig::new()
            .with_api_base(self.resource())
            .with_deployment_id(self.deployment.clone())
            .with_api_version(self.api_version.clone())
            .with_api_key(secret.to_string());
        Connection {
            url: c.url("/chat/completions"),
            query: owned(c.query()),
            headers: c.headers(),
            use_max_completion_tokens: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProviderConfig;
    use crate::reviewer::ModelRequest;
    use turk_run::ResponseFormat;

    #[test]
    fn azure_uses_the_deployment_path_api_version_and_api_key_header() {
        let settings = AzureSettings {
            base_url: "https://res.openai.azure.com/".into(),
            deployment: "dep1".into(),
            api_version: "2024-10-21".into(),
            api_key_env: "UNUSED".into(),
        };
        let connection = settings.connection("azure-secret-123");
        assert_eq!(
            connection.url,
            "https://res.openai.azure.com/openai/deployments/dep1/chat/completions"
        );
        assert_eq!(
            connection.query,
            vec![("api-version".to_string(), "2024-10-21".to_string())]
        );
        assert!(connection.headers.contains_key("api-key"));
        assert!(!connection.headers.contains_key("authorization"));
        assert_eq!(
            settings.endpoint(),
            "https://res.openai.azure.com/openai/deployments/dep1?api-version=2024-10-21"
        );

        let config = ReviewerConfig::new("az", ProviderConfig::Azure(settings), "gpt-4o");
        let r = OpenAiReviewer::connect(&config, connection, "azure-secret-123").unwrap();
        assert!(!format!("{r:?}").contains("azure-secret-123"));
        let body = serde_json::to_value(r.body(&ModelRequest {
            system: "s".into(),
            user: "u".into(),
            format: ResponseFormat::JsonObject,
            parts: Vec::new(),
        }))
        .unwrap();
        assert_eq!(body["max_completion_tokens"], 4096);
        assert_eq!(body["response_format"]["type"], "json_object");
    }
}
