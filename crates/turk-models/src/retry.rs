//! The one retry policy: what is worth retrying, how long to wait, and what to tell the user when it is not.
//! (async-openai's own retry loop is never used: requests go through our client, so there is exactly one
//! policy, with our limits and our progress events.)

use crate::client::CallError;
use crate::config::{Provider, ReviewerConfig};
use std::time::Duration;

/// What to do after a failed attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Try again; the server may have said when.
    Retry {
        reason: String,
        retry_after: Option<Duration>,
    },
    /// Retrying cannot help; the message says what to fix.
    Fatal(String),
}

/// Longest wait a server's `Retry-After` can impose on one attempt.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

pub fn classify(err: &CallError, config: &ReviewerConfig) -> Verdict {
    let retry = |reason: String, retry_after: Option<Duration>| Verdict::Retry { reason, retry_after };
    match err {
        CallError::Timeout => retry(
            format!("no answer within {} s (timeout_secs)", config.timeout_secs),
            None,
        ),
        CallError::Connect(e) => retry(format!("connection failed: {e}"), None),
        CallError::Protocol(e) => retry(format!("unreadable answer: {e}"), None),
        CallError::Http {
            status,
            retry_after,
            body,
        } => match status {
            408 | 409 | 425 | 429 | 500..=599 => {
                let what = match status {
                    429 => "rate limited (HTTP 429)".to_string(),
                    529 => "endpoint overloaded (HTTP 529)".to_string(),
                    s => format!("HTTP {s}"),
                };
                retry(with_body(what, body), *retry_after)
            }
            401 => Verdict::Fatal(match &config.api_key_env {
                Some(env) => format!(
                    "the endpoint rejected the API key (HTTP 401): check that ${env} holds a valid key for {}",
                    config.endpoint()
                ),
                None => format!(
                    "the endpoint wants an API key (HTTP 401): set `api_key_env` to the name of the environment \
                     variable that holds the key for {}",
                    config.endpoint()
                ),
            }),
            403 => Verdict::Fatal(with_body(
                format!(
                    "access denied (HTTP 403): the key{} is not allowed to use model `{}` at {}",
                    config
                        .api_key_env
                        .as_ref()
                        .map(|e| format!(" in ${e}"))
                        .unwrap_or_default(),
                    config.model,
                    config.endpoint()
                ),
                body,
            )),
            404 => Verdict::Fatal(with_body(
                match config.provider {
                    Provider::Azure => format!(
                        "not found (HTTP 404): check base_url, deployment `{}` and api_version `{}`",
                        config.deployment.as_deref().unwrap_or_default(),
                        config.api_version.as_deref().unwrap_or_default()
                    ),
                    _ => format!(
                        "not found (HTTP 404): check base_url `{}` (OpenAI-compatible servers usually end in /v1) \
                         and model `{}`",
                        config.endpoint(),
                        config.model
                    ),
                },
                body,
            )),
            s => {
                let lower = body.to_ascii_lowercase();
                let hint = if lower.contains("model") {
                    format!(": check model `{}`", config.model)
                } else if lower.contains("context") || lower.contains("too long") || lower.contains("maximum")
                {
                    ": the request may be too large; lower max_request_tokens".to_string()
                } else {
                    String::new()
                };
                Verdict::Fatal(with_body(format!("request refused (HTTP {s}){hint}"), body))
            }
        },
    }
}

fn with_body(message: String, body: &str) -> String {
    let body = body.trim();
    if body.is_empty() {
        message
    } else {
        format!("{message}: {}", crate::answer::excerpt(body))
    }
}

/// Whether the endpoint refused the `response_format` we sent (llama.cpp-python answers HTTP 500 to
/// `json_schema`; others say 400 or 422).
pub fn is_format_rejection(err: &CallError) -> bool {
    match err {
        CallError::Http {
            status: 400 | 422 | 500,
            body,
            ..
        } => {
            let b = body.to_ascii_lowercase();
            b.contains("response_format") || b.contains("json_schema") || b.contains("response format")
        }
        _ => false,
    }
}

/// Wait before retry number `attempt` (1-based): exponential from `backoff_base_ms`, capped at `backoff_max_ms`,
/// with full jitter (a random point in the upper half) so that parallel requests do not retry in lockstep. A
/// server's `Retry-After` wins when longer (up to [`MAX_RETRY_AFTER`]).
pub fn wait_before(attempt: u32, config: &ReviewerConfig, retry_after: Option<Duration>) -> Duration {
    let exp = config
        .backoff_base_ms
        .saturating_mul(1u64 << attempt.saturating_sub(1).min(20));
    let capped = exp.min(config.backoff_max_ms.max(config.backoff_base_ms));
    let jittered = capped / 2 + random_below(capped / 2 + 1);
    let backoff = Duration::from_millis(jittered);
    match retry_after {
        Some(server) => server
            .min(MAX_RETRY_AFTER)
            .max(backoff.min(Duration::from_millis(config.backoff_base_ms))),
        None => backoff,
    }
}

fn random_below(n: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    if n == 0 {
        return 0;
    }
    std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
        % n
}

/// Parses `Retry-After` (delay in seconds, or an HTTP date) and `retry-after-ms`.
pub fn parse_retry_after(seconds_or_date: Option<&str>, millis: Option<&str>) -> Option<Duration> {
    if let Some(ms) = millis
        .and_then(|m| m.trim().parse::<f64>().ok())
        .filter(|m| m.is_finite() && *m >= 0.0)
    {
        return Some(Duration::from_millis(ms as u64));
    }
    let value = seconds_or_date?.trim();
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_millis((secs * 1000.0) as u64));
    }
    let when = parse_http_date(value)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(Duration::from_secs(when.saturating_sub(now)))
}

/// Seconds since the epoch of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn parse_http_date(s: &str) -> Option<u64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: i64 = day.parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as i64
        + 1;
    let year: i64 = year.parse().ok()?;
    let hms: Vec<i64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, sec] = hms.as_slice() else { return None };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + h * 3_600 + m * 60 + sec).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after(Some("2"), None), Some(Duration::from_secs(2)));
        assert_eq!(
            parse_retry_after(Some("0.5"), None),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            parse_retry_after(Some("2"), Some("150")),
            Some(Duration::from_millis(150))
        );
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_retry_after(Some("Sun, 06 Nov 1994 08:49:37 GMT"), None),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after(Some("soon"), None), None);
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let mut c = ReviewerConfig::new("r", Provider::Openai, "m");
        c.backoff_base_ms = 100;
        c.backoff_max_ms = 1_000;
        for attempt in 1..10 {
            let w = wait_before(attempt, &c, None).as_millis() as u64;
            let ceiling = (100u64 << (attempt - 1)).min(1_000);
            assert!(w >= ceiling / 2 && w <= ceiling, "attempt {attempt}: {w}");
        }
        assert_eq!(
            wait_before(1, &c, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
    }

    #[test]
    fn client_errors_are_fatal_with_a_hint() {
        let mut c = ReviewerConfig::new("r", Provider::Openai, "gpt-x");
        c.api_key_env = Some("MY_KEY".into());
        let http = |status| CallError::Http {
            status,
            retry_after: None,
            body: String::new(),
        };
        let msg = |v| match v {
            Verdict::Fatal(m) => m,
            other => panic!("expected fatal, got {other:?}"),
        };
        assert!(msg(classify(&http(401), &c)).contains("$MY_KEY"));
        assert!(msg(classify(&http(404), &c)).contains("/v1"));
        assert!(msg(classify(&http(403), &c)).contains("gpt-x"));
        assert!(matches!(classify(&http(429), &c), Verdict::Retry { .. }));
        assert!(matches!(classify(&http(503), &c), Verdict::Retry { .. }));
        assert!(matches!(classify(&CallError::Timeout, &c), Verdict::Retry { .. }));
    }
}
