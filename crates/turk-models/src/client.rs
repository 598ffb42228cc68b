//! The HTTP reviewer: one client for every endpoint that speaks OpenAI's chat-completions protocol. The
//! providers (`openai`, `azure`) differ only in the [`Connection`] they give it: URL, query and headers.
//!
//! async-openai supplies the endpoint conventions (URL layout, bearer or `api-key` authentication, Azure's
//! deployment path and `api-version` query) and the typed request body. Requests are sent with reqwest and
//! answers parsed leniently with serde_json, because real endpoints send what async-openai's typed responses
//! reject: `finish_reason` values it does not know, missing fields, plain-text error bodies. Sending through
//! our own client also means async-openai's built-in retry loop never runs: there is one retry policy, ours.

use crate::config::ReviewerConfig;
use crate::error::BuildError;
use crate::reviewer::{CallError, CompleteFuture, ModelAnswer, ModelRequest, Reviewer};
use crate::sanitize::Secrets;
use async_openai::types::chat::{
    ChatCompletionRequestMessage, ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
    CreateChatCompletionRequest, ResponseFormat as WireFormat, ResponseFormatJsonSchema,
};
use serde_json::Value;
use std::time::Duration;
use turk_run::ResponseFormat;

/// Longest wait for a connection (TCP and TLS): an endpoint that cannot be reached in this time is treated as
/// unreachable rather than slow.
const CONNECT_TIMEOUT_SECS: u64 = 15;

/// Where and how a provider's requests go.
pub(crate) struct Connection {
    pub url: String,
    pub query: Vec<(String, String)>,
    /// Authentication included; every value is marked sensitive before use.
    pub headers: reqwest::header::HeaderMap,
    /// OpenAI's own API and Azure want `max_completion_tokens`; most compatible servers know `max_tokens`.
    pub use_max_completion_tokens: bool,
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
    use_max_completion_tokens: bool,
    /// The key, only kept to scrub it from any text that might echo it.
    secret: Secrets,
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
    /// A client for `connection`, with the model settings of `config`. `secret` is the key the connection's
    /// headers carry (empty: none), scrubbed from every error message.
    pub(crate) fn connect(
        config: &ReviewerConfig,
        connection: Connection,
        secret: &str,
    ) -> Result<Self, BuildError> {
        install_crypto_provider();
        let Connection {
            url,
            query,
            mut headers,
            use_max_completion_tokens,
        } = connection;
        for value in headers.values_mut() {
            value.set_sensitive(true);
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(config.timeout_secs))
            .connect_timeout(Duration::from_secs(config.timeout_secs.min(CONNECT_TIMEOUT_SECS)))
            .build()
            .map_err(|source| BuildError::HttpClient {
                reviewer: config.id.clone(),
                source,
            })?;
        Ok(OpenAiReviewer {
            http,
            url,
            query,
            headers,
            model: config.model.clone(),
            max_output_tokens: config.max_output_tokens,
            temperature: config.temperature,
            use_max_completion_tokens,
            secret: Secrets::new([secret]),
        })
    }

    /// The request body, typed by async-openai.
    pub fn body(&self, request: &ModelRequest) -> CreateChatCompletionRequest {
        let response_format = match request.format {
            ResponseFormat::JsonSchema => Some(WireFormat::JsonSchema {
                json_schema: ResponseFormatJsonSchema {
                    description: Some("Performance findings on the Go code under review".into()),
                    name: "turk_findings".into(),
                    schema: crate::prompt::answer_schema(),
                    strict: Some(true),
                },
            }),
            ResponseFormat::JsonObject => Some(WireFormat::JsonObject),
            ResponseFormat::Text => None,
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
        self.secret.redact(&text)
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
        parse_completion(&text).map_err(|e| match e {
            CallError::Protocol(message) => CallError::Protocol(self.scrub(message)),
            other => other,
        })
    }

    /// reqwest's messages name the URL, never headers; scrubbed anyway.
    fn transport_error(&self, e: reqwest::Error) -> CallError {
        if e.is_connect() {
            CallError::Unreachable(self.scrub(connect_problem(&e)))
        } else if e.is_timeout() {
            CallError::Timeout
        } else {
            CallError::Transport(self.scrub(innermost(&e).to_string()))
        }
    }
}

impl Reviewer for OpenAiReviewer {
    fn complete<'a>(&'a self, request: &'a ModelRequest) -> CompleteFuture<'a> {
        Box::pin(self.send(request))
    }
}

/// async-openai's borrowed query pairs, owned.
pub(crate) fn owned(q: Vec<(&str, &str)>) -> Vec<(String, String)> {
    q.into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The deepest cause of an error: the one that says what actually happened.
fn innermost<'a>(e: &'a (dyn std::error::Error + 'static)) -> &'a (dyn std::error::Error + 'static) {
    let mut current = e;
    while let Some(source) = current.source() {
        current = source;
    }
    current
}

/// Why no connection could be made, in a few words (`connection refused`), without reqwest's layers of
/// "error sending request for url (...): client error (Connect): tcp connect error".
fn connect_problem(e: &reqwest::Error) -> String {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return "connection refused".into(),
                std::io::ErrorKind::TimedOut => return "connection timed out".into(),
                _ => {}
            }
        }
        source = s.source();
    }
    if e.is_timeout() {
        return "connection timed out".into();
    }
    format!("cannot connect: {}", innermost(e))
}

/// Whether a body is a web page rather than an API answer (a proxy's error page, a base_url that points at a
/// website).
fn is_html(body: &str) -> bool {
    let start = body
        .trim_start()
        .get(..15)
        .unwrap_or_default()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html") || start.starts_with("<head")
}

/// `an HTML page (502 Bad Gateway)`: what an HTML body is, by its title.
fn describe_html(body: &str) -> String {
    let lower = body.to_ascii_lowercase();
    let title = lower
        .find("<title>")
        .and_then(|start| {
            let start = start + "<title>".len();
            let end = start + lower[start..].find("</title>")?;
            body.get(start..end)
        })
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    match title {
        Some(t) => format!("an HTML page ({})", crate::answer::excerpt(&t)),
        None => "an HTML page".into(),
    }
}

/// The message of an error body: `error.message` of JSON bodies, else the text itself (trimmed).
fn error_text(body: &str) -> String {
    if is_html(body) {
        return describe_html(body);
    }
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
pub(crate) fn parse_completion(text: &str) -> Result<ModelAnswer, CallError> {
    let v: Value = serde_json::from_str(text).map_err(|_| {
        CallError::Protocol(if is_html(text) {
            format!(
                "the endpoint answered with {}, not a chat completion: check that base_url is the API \
                 (OpenAI-compatible servers usually end in /v1)",
                describe_html(text)
            )
        } else {
            format!(
                "the endpoint answered with something that is not JSON: {}",
                crate::answer::excerpt(text)
            )
        })
    })?;
    let choice = v.pointer("/choices/0").ok_or_else(|| {
        let detail = v
            .get("error")
            .map(|e| e.to_string())
            .unwrap_or_else(|| crate::answer::excerpt(text));
        CallError::Protocol(format!("the answer has no choices: {detail}"))
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
        let not_json = parse_completion("oops, not json").unwrap_err().to_string();
        assert!(not_json.contains("not JSON"), "{not_json}");
        assert!(
            parse_completion(r#"{"error":{"message":"x"}}"#)
                .unwrap_err()
                .to_string()
                .contains("no choices")
        );
    }

    #[test]
    fn an_html_page_is_named_by_its_title_not_dumped() {
        let page = "<!DOCTYPE html>\n<html><head><title>502 Bad\n Gateway</title></head><body>\n<h1>nginx</h1>\n</body></html>";
        let message = parse_completion(page).unwrap_err().to_string();
        assert!(
            message.contains("an HTML page (502 Bad Gateway)") && message.contains("base_url"),
            "{message}"
        );
        assert!(!message.contains("<h1>"), "{message}");
        assert_eq!(error_text(page), "an HTML page (502 Bad Gateway)");
        assert_eq!(error_text("<html><body>x</body></html>"), "an HTML page");
        assert_eq!(error_text(r#"{"error": {"message": "slow down"}}"#), "slow down");
    }
}
