//! The [`Reviewer`] trait and the OpenAI-compatible implementation.
//!
//! async-openai supplies the endpoint conventions (URL layout, bearer or `api-key` authentication, Azure's
//! deployment path and `api-version` query) and the typed request body. Requests are sent with reqwest and
//! answers parsed leniently with serde_json, because real endpoints send what async-openai's typed responses
//! reject: `finish_reason` values it does not know, missing fields, plain-text error bodies. Sending through
//! our own client also means async-openai's built-in retry loop never runs: there is one retry policy, ours.

use crate::config::{Provider, ReviewerConfig, StructuredOutput};
use async_openai::config::{AzureConfig, Config, OpenAIConfig};
use async_openai::types::chat::{
    ChatCompletionRequestMessage, ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
    CreateChatCompletionRequest, ResponseFormat, ResponseFormatJsonSchema,
};
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// One chat request: the two prompts and how to ask for JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelRequest {
    pub system: String,
    pub user: String,
    pub format: ResponseMode,
    /// The files and lines the user prompt carries (for reviewers that route by them, such as replay).
    pub parts: Vec<crate::chunk::ChunkPart>,
}

/// The `response_format` actually sent (one step of the [`StructuredOutput`] fallback).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseMode {
    JsonSchema,
    JsonObject,
    Text,
}

impl ResponseMode {
    pub fn initial(setting: StructuredOutput) -> Self {
        match setting {
            StructuredOutput::Auto | StructuredOutput::JsonSchema => ResponseMode::JsonSchema,
            StructuredOutput::JsonObject => ResponseMode::JsonObject,
            StructuredOutput::Off => ResponseMode::Text,
        }
    }

    /// The next mode to try after the endpoint rejected this one.
    pub fn fallback(self) -> Option<Self> {
        match self {
            ResponseMode::JsonSchema => Some(ResponseMode::JsonObject),
            ResponseMode::JsonObject => Some(ResponseMode::Text),
            ResponseMode::Text => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ResponseMode::JsonSchema => "json_schema",
            ResponseMode::JsonObject => "json_object",
            ResponseMode::Text => "text",
        }
    }
}

/// A model's answer to one request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelAnswer {
    pub content: String,
    /// As sent by the endpoint; any value is accepted (`stop`, `length`, `eos`, ...).
    pub finish_reason: Option<String>,
    pub prompt_tokens: Option<u64>,
    pub completion_tokens: Option<u64>,
}

impl ModelAnswer {
    /// Whether the answer was cut off by the output limit.
    pub fn truncated(&self) -> bool {
        matches!(
            self.finish_reason.as_deref(),
            Some("length" | "max_tokens" | "max_output_tokens")
        )
    }
}

/// Why one attempt failed. Messages never contain the API key.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CallError {
    #[error("HTTP {status}: {body}")]
    Http {
        status: u16,
        retry_after: Option<Duration>,
        body: String,
    },
    #[error("timed out")]
    Timeout,
    #[error("connection failed: {0}")]
    Connect(String),
    #[error("unreadable answer: {0}")]
    Protocol(String),
}

/// A future returned by [`Reviewer::complete`].
pub type CompleteFuture<'a> = Pin<Box<dyn Future<Output = Result<ModelAnswer, CallError>> + Send + 'a>>;

/// Something that answers review requests: an HTTP endpoint, recorded answers, or a test double.
pub trait Reviewer: Send + Sync {
    /// Sends one request (one attempt; retries belong to the caller).
    fn complete<'a>(&'a self, request: &'a ModelRequest) -> CompleteFuture<'a>;
    /// Whether answers are recorded rather than live (the report labels them).
    fn recorded(&self) -> bool {
        false
    }
}

/// Makes sure rustls has a crypto provider; reqwest panics without one.
fn install_crypto_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// A reviewer behind an OpenAI-compatible or Azure OpenAI endpoint.
pub struct OpenAiReviewer {
    http: reqwest::Client,
    url: String,
    query: Vec<(String, String)>,
    headers: reqwest::header::HeaderMap,
    model: String,
    max_output_tokens: u32,
    temperature: Option<f32>,
    /// OpenAI's own API and Azure want `max_completion_tokens`; most compatible servers know `max_tokens`.
    use_max_completion_tokens: bool,
    /// Only kept to scrub it from any text that might echo it.
    secret: String,
}

impl std::fmt::Debug for OpenAiReviewer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenAiReviewer")
            .field("url", &self.url)
            .field("model", &self.model)
            .finish_non_exhaustive()
    }
}

impl OpenAiReviewer {
    /// Builds the client, reading the key from the variable named by `api_key_env`. Errors name the variable,
    /// never its value.
    pub fn new(config: &ReviewerConfig) -> Result<Self, String> {
        install_crypto_provider();
        let secret = match &config.api_key_env {
            Some(env) => match std::env::var(env) {
                Ok(v) if !v.trim().is_empty() => v.trim().to_string(),
                Ok(_) => {
                    return Err(format!(
                        "environment variable {env} (api_key_env) is empty: put the API key in it"
                    ));
                }
                Err(_) => {
                    return Err(format!(
                        "environment variable {env} (api_key_env) is not set: export it with the API key"
                    ));
                }
            },
            None => String::new(),
        };
        let (url, query, mut headers) = match config.provider {
            Provider::Azure => {
                let c = AzureConfig::new()
                    .with_api_base(config.base_url.clone().unwrap_or_default().trim_end_matches('/'))
                    .with_deployment_id(config.deployment.clone().unwrap_or_default())
                    .with_api_version(config.api_version.clone().unwrap_or_default())
                    .with_api_key(secret.clone());
                (c.url("/chat/completions"), owned(c.query()), c.headers())
            }
            _ => {
                // Everything explicit: nothing is taken from OPENAI_* variables behind the user's back.
                let c = OpenAIConfig::new()
                    .with_api_base(config.endpoint())
                    .with_api_key(secret.clone())
                    .with_org_id("")
                    .with_project_id("");
                let mut headers = c.headers();
                if secret.is_empty() {
                    headers.remove(reqwest::header::AUTHORIZATION);
                }
                (c.url("/chat/completions"), owned(c.query()), headers)
            }
        };
        for value in headers.values_mut() {
            value.set_sensitive(true);
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(config.timeout_secs))
            .connect_timeout(Duration::from_secs(config.timeout_secs.min(30)))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        let host_is_openai =
            config.provider == Provider::Openai && config.endpoint().contains("api.openai.com");
        Ok(OpenAiReviewer {
            http,
            url,
            query,
            headers,
            model: config.model.clone(),
            max_output_tokens: config.max_output_tokens,
            temperature: config.temperature,
            use_max_completion_tokens: config.provider == Provider::Azure || host_is_openai,
            secret,
        })
    }

    /// The request body, typed by async-openai.
    pub fn body(&self, request: &ModelRequest) -> CreateChatCompletionRequest {
        let response_format = match request.format {
            ResponseMode::JsonSchema => Some(ResponseFormat::JsonSchema {
                json_schema: ResponseFormatJsonSchema {
                    description: Some("Performance findings on the Go code under review".into()),
                    name: "turk_findings".into(),
                    schema: crate::prompt::answer_schema(),
                    strict: Some(true),
                },
            }),
            ResponseMode::JsonObject => Some(ResponseFormat::JsonObject),
            ResponseMode::Text => None,
        };
        let mut body = CreateChatCompletionRequest {
            model: self.model.clone(),
            messages: vec![
                ChatCompletionRequestMessage::System(ChatCompletionRequestSystemMessage::from(
                    request.system.as_str(),
                )),
                ChatCompletionRequestMessage::User(ChatCompletionRequestUserMessage::from(
                    request.user.as_str(),
                )),
            ],
            response_format,
            temperature: self.temperature,
            ..Default::default()
        };
        if self.use_max_completion_tokens {
            body.max_completion_tokens = Some(self.max_output_tokens);
        } else {
            #[allow(deprecated)]
            {
                body.max_tokens = Some(self.max_output_tokens);
            }
        }
        body
    }

    fn scrub(&self, text: String) -> String {
        crate::redact(&text, &self.secret)
    }

    async fn send(&self, request: &ModelRequest) -> Result<ModelAnswer, CallError> {
        let body = serde_json::to_vec(&self.body(request)).map_err(|e| CallError::Protocol(e.to_string()))?;
        let response = self
            .http
            .post(&self.url)
            .query(&self.query)
            .headers(self.headers.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| self.transport_error(e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let retry_after = crate::retry::parse_retry_after(
            header("retry-after").as_deref(),
            header("retry-after-ms").as_deref(),
        );
        let bytes = response.bytes().await.map_err(|e| self.transport_error(e))?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if !(200..300).contains(&status) {
            return Err(CallError::Http {
                status,
                retry_after,
                body: self.scrub(error_text(&text)),
            });
        }
        parse_completion(&text).map_err(|e| CallError::Protocol(self.scrub(e)))
    }

    fn transport_error(&self, e: reqwest::Error) -> CallError {
        if e.is_timeout() {
            CallError::Timeout
        } else {
            // reqwest's message names the URL, never headers; scrub anyway.
            let mut msg = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                msg = format!("{msg}: {s}");
                source = s.source();
            }
            CallError::Connect(self.scrub(msg))
        }
    }
}

impl Reviewer for OpenAiReviewer {
    fn complete<'a>(&'a self, request: &'a ModelRequest) -> CompleteFuture<'a> {
        Box::pin(self.send(request))
    }
}

fn owned(q: Vec<(&str, &str)>) -> Vec<(String, String)> {
    q.into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The message of an error body: `error.message` of JSON bodies, else the text itself (trimmed).
fn error_text(body: &str) -> String {
    if let Ok(v) = serde_json::from_str::<Value>(body) {
        let message = v
            .pointer("/error/message")
            .or_else(|| v.get("message"))
            .or_else(|| v.get("detail"))
            .or_else(|| v.get("error"));
        if let Some(m) = message {
            return match m {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
        }
    }
    crate::answer::excerpt(body)
}

/// Reads a chat-completions answer without insisting on any field but the message text.
pub fn parse_completion(text: &str) -> Result<ModelAnswer, String> {
    let v: Value = serde_json::from_str(text).map_err(|_| {
        format!(
            "the endpoint answered with something that is not JSON: {}",
            crate::answer::excerpt(text)
        )
    })?;
    let choice = v.pointer("/choices/0").ok_or_else(|| {
        let detail = v
            .get("error")
            .map(|e| e.to_string())
            .unwrap_or_else(|| crate::answer::excerpt(text));
        format!("the answer has no choices: {detail}")
    })?;
    let message = choice.get("message").or_else(|| choice.get("delta"));
    let content = match message.and_then(|m| m.get("content")) {
        Some(Value::String(s)) => s.clone(),
        // Content as a list of parts: [{"type": "text", "text": "..."}]
        Some(Value::Array(parts)) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(""),
        _ => choice
            .get("text")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_default(),
    };
    let finish_reason = choice
        .get("finish_reason")
        .and_then(Value::as_str)
        .map(str::to_string);
    let usage = v.get("usage");
    let tokens =
        |names: &[&str]| usage.and_then(|u| names.iter().find_map(|n| u.get(*n).and_then(Value::as_u64)));
    Ok(ModelAnswer {
        content,
        finish_reason,
        prompt_tokens: tokens(&["prompt_tokens", "input_tokens"]),
        completion_tokens: tokens(&["completion_tokens", "output_tokens"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_parse_with_unknown_finish_reasons_and_missing_fields() {
        let a = parse_completion(r#"{"choices":[{"message":{"content":"hi"},"finish_reason":"eos_token"}]}"#)
            .unwrap();
        assert_eq!(a.content, "hi");
        assert_eq!(a.finish_reason.as_deref(), Some("eos_token"));
        assert_eq!(a.prompt_tokens, None);
        let b = parse_completion(r#"{"choices":[{"message":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}}],"usage":{"prompt_tokens":5,"completion_tokens":2}}"#).unwrap();
        assert_eq!(
            (b.content.as_str(), b.prompt_tokens, b.completion_tokens),
            ("ab", Some(5), Some(2))
        );
        assert!(
            parse_completion("<html>oops</html>")
                .unwrap_err()
                .contains("not JSON")
        );
        assert!(
            parse_completion(r#"{"error":{"message":"x"}}"#)
                .unwrap_err()
                .contains("no choices")
        );
    }

    #[test]
    fn azure_uses_the_deployment_path_api_version_and_api_key_header() {
        // SAFETY: the variable name is unique to this test.
        unsafe { std::env::set_var("TURK_TEST_AZURE_KEY_UNIT", "azure-secret-123") };
        let mut c = ReviewerConfig::new("az", Provider::Azure, "gpt-4o");
        c.base_url = Some("https://res.openai.azure.com/".into());
        c.deployment = Some("dep1".into());
        c.api_version = Some("2024-10-21".into());
        c.api_key_env = Some("TURK_TEST_AZURE_KEY_UNIT".into());
        let r = OpenAiReviewer::new(&c).unwrap();
        assert_eq!(
            r.url,
            "https://res.openai.azure.com/openai/deployments/dep1/chat/completions"
        );
        assert_eq!(
            r.query,
            vec![("api-version".to_string(), "2024-10-21".to_string())]
        );
        assert!(r.headers.contains_key("api-key"));
        assert!(!r.headers.contains_key("authorization"));
        assert!(!format!("{r:?}").contains("azure-secret-123"));
        let body = serde_json::to_value(r.body(&ModelRequest {
            system: "s".into(),
            user: "u".into(),
            format: ResponseMode::JsonObject,
            parts: Vec::new(),
        }))
        .unwrap();
        assert_eq!(body["max_completion_tokens"], 4096);
        assert_eq!(body["response_format"]["type"], "json_object");
    }
}
