//! The one retry policy: what is worth retrying, how long to wait, and what to tell the user when it is not.
//! (async-openai's own retry loop is never used: requests go through our client, so there is exactly one
//! policy, with our limits and our progress events.)

use crate::config::ReviewerConfig;
use crate::reviewer::CallError;
use std::time::Duration;

/// What to do after a failed attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// What went wrong and, where it can tell, what to fix. Never contains a key.
    pub reason: String,
    /// How many retries this kind of failure is worth (0: none).
    pub retries: u32,
    /// When the server said to come back.
    pub retry_after: Option<Duration>,
    /// Whether the reviewer's other requests should stop once this one gives up.
    pub stop_others: StopOthers,
}

/// Whether one request's failure is every request's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopOthers {
    /// It concerns this request only (a rate limit, a request too large).
    No,
    /// Every request would hit it (a rejected key, a wrong URL, an endpoint that refuses connections).
    Yes,
    /// Every request would hit it unless the endpoint has answered before (a hang, a page that is not an API).
    IfNothingAnswered,
}

/// Longest wait a server's `Retry-After` can impose on one attempt.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

/// Failures that usually mean the endpoint is down or wrong are retried at most this often, whatever
/// `max_retries` says: a second try catches a blip, more only delays the message.
const RETRIES_WHEN_UNREACHABLE: u32 = 1;

pub fn classify(err: &CallError, config: &ReviewerConfig) -> Verdict {
    let endpoint = config.endpoint();
    let verdict = |reason: String, retries: u32, stop_others: StopOthers| Verdict {
        reason,
        retries,
        retry_after: None,
        stop_others,
    };
    let once = config.max_retries.min(RETRIES_WHEN_UNREACHABLE);
    match err {
        CallError::Timeout => verdict(
            format!(
                "no answer within {} s (timeout_secs) from {endpoint}",
                config.timeout_secs
            ),
            once,
            StopOthers::IfNothingAnswered,
        ),
        CallError::Unreachable(what) => verdict(format!("{what} at {endpoint}"), once, StopOthers::Yes),
        CallError::Transport(e) => verdict(
            format!("connection to {endpoint} lost: {e}"),
            config.max_retries,
            StopOthers::No,
        ),
        CallError::Protocol(e) => verdict(
            format!("unreadable answer: {e}"),
            once,
            StopOthers::IfNothingAnswered,
        ),
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
                Verdict {
                    retry_after: *retry_after,
                    ..verdict(with_body(what, body), config.max_retries, StopOthers::No)
                }
            }
            401 => verdict(
                match config.api_key_env() {
                    Some(env) => format!(
                        "the endpoint rejected the API key (HTTP 401): check that ${env} holds a valid key for \
                         {endpoint}"
                    ),
                    None => format!(
                        "the endpoint wants an API key (HTTP 401): set `api_key_env` to the name of the \
                         environment variable that holds the key for {endpoint}"
                    ),
                },
                0,
                StopOthers::Yes,
            ),
            403 => verdict(
                with_body(
                    format!(
                        "access denied (HTTP 403): the key{} is not allowed to use model `{}` at {endpoint}",
                        config
                            .api_key_env()
                            .map(|e| format!(" in ${e}"))
                            .unwrap_or_default(),
                        config.model,
                    ),
                    body,
                ),
                0,
                StopOthers::Yes,
            ),
            404 => verdict(
                with_body(
                    format!("not found (HTTP 404): {}", config.provider.not_found_hint(config)),
                    body,
                ),
                0,
                StopOthers::Yes,
            ),
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
                verdict(
                    with_body(format!("request refused (HTTP {s}){hint}"), body),
                    0,
                    StopOthers::No,
                )
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
    use crate::ProviderConfig;

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
        let mut c = ReviewerConfig::new("r", ProviderConfig::openai("http://x/v1"), "m");
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
        assert_eq!(
            wait_before(1, &c, Some(Duration::from_secs(3_600))),
            MAX_RETRY_AFTER,
            "a server cannot park a request for an hour"
        );
    }

    #[test]
    fn each_failure_gets_the_retries_it_deserves() {
        let mut c = ReviewerConfig::new(
            "r",
            ProviderConfig::Openai(crate::OpenAiSettings {
                base_url: Some("http://127.0.0.1:1/v1".into()),
                api_key_env: Some("MY_KEY".into()),
            }),
            "gpt-x",
        );
        c.max_retries = 4;
        let http = |status| CallError::Http {
            status,
            retry_after: None,
            body: String::new(),
        };
        let v = classify(&http(401), &c);
        assert!(v.reason.contains("$MY_KEY"), "{}", v.reason);
        assert_eq!((v.retries, v.stop_others), (0, StopOthers::Yes));
        assert!(classify(&http(404), &c).reason.contains("/v1"));
        assert!(classify(&http(403), &c).reason.contains("gpt-x"));
        assert_eq!(classify(&http(400), &c).stop_others, StopOthers::No);
        for status in [429, 503] {
            let v = classify(&http(status), &c);
            assert_eq!((v.retries, v.stop_others), (4, StopOthers::No), "{status}");
        }
        let refused = classify(&CallError::Unreachable("connection refused".into()), &c);
        assert_eq!(refused.reason, "connection refused at http://127.0.0.1:1/v1");
        assert_eq!((refused.retries, refused.stop_others), (1, StopOthers::Yes));
        let hung = classify(&CallError::Timeout, &c);
        assert_eq!(
            (hung.retries, hung.stop_others),
            (1, StopOthers::IfNothingAnswered)
        );
        assert!(hung.reason.contains("timeout_secs"), "{}", hung.reason);
        c.max_retries = 0;
        assert_eq!(
            classify(&CallError::Timeout, &c).retries,
            0,
            "max_retries 0 means none"
        );
    }
}
