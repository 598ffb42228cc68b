//! The [`Reviewer`] trait: what answers one review request, whatever is behind it (an HTTP endpoint, recorded
//! answers, a test double), with the request and answer types it speaks.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use turk_run::ResponseFormat;

/// One chat request: the two prompts and how to ask for JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelRequest {
    pub system: String,
    pub user: String,
    pub format: ResponseFormat,
    /// The files and lines the user prompt carries (for reviewers that route by them, such as replay).
    pub parts: Vec<crate::chunk::ChunkPart>,
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
#[non_exhaustive]
pub enum CallError {
    /// The endpoint answered with an error status.
    #[error("HTTP {status}: {body}")]
    Http {
        status: u16,
        retry_after: Option<Duration>,
        body: String,
    },
    /// No complete answer within `timeout_secs`.
    #[error("timed out")]
    Timeout,
    /// No connection at all: refused, unresolvable host, TLS handshake failure, connect timeout.
    #[error("{0}")]
    Unreachable(String),
    /// The connection broke during the exchange.
    #[error("connection lost: {0}")]
    Transport(String),
    /// An HTTP success whose body is not a chat-completions answer.
    #[error("unreadable answer: {0}")]
    Protocol(String),
}

impl CallError {
    /// Whether the attempt reached the endpoint and got an HTTP answer (an error status, or a body that could
    /// not be read as a completion).
    pub fn connected(&self) -> bool {
        matches!(self, CallError::Http { .. } | CallError::Protocol(_))
    }
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
