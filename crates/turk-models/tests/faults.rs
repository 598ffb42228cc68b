//! Endpoints that misbehave: refused connections, hangs, HTML pages, prose, control bytes and echoed keys. Each
//! must end in an outcome that says what happened, quickly, with nothing hostile kept.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::*;
use turk_models::{
    Grounding, ProgressEvent, ReviewOutcome, ReviewStatus, ReviewerConfig, RunOptions, review,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CHAT: &str = "/v1/chat/completions";

fn ok(content: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(completion(content, "stop"))
}

/// Three files big enough for one request each under a 1,000-token budget, sent one at a time.
fn three_requests(mut c: ReviewerConfig) -> (ReviewerConfig, turk_models::ReviewInput) {
    c.max_request_tokens = 1_000;
    c.concurrency = 1;
    c.max_retries = 4;
    let files = (0..3).map(|i| go_file(&format!("f{i}"), 25)).collect();
    (c, input(files))
}

type Events = Arc<Mutex<Vec<ProgressEvent>>>;

fn recording(cache_dir: Option<&std::path::Path>) -> (RunOptions, Events) {
    let events: Events = Arc::default();
    let sink = events.clone();
    let options = RunOptions {
        cache_dir: cache_dir.map(|d| d.to_path_buf()),
        progress: Some(Arc::new(move |e| sink.lock().unwrap().push(e))),
    };
    (options, events)
}

/// A local port with nothing listening on it.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Every file under `dir`, concatenated (empty when the folder does not exist).
fn read_all(dir: &std::path::Path) -> String {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return String::new();
    };
    let mut out = String::new();
    for entry in entries {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.push_str(&read_all(&p));
        } else {
            out.push_str(&String::from_utf8_lossy(&std::fs::read(&p).unwrap()));
        }
    }
    out
}

/// Every string inside a JSON value.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn errors(outcome: &ReviewOutcome) -> Vec<&str> {
    outcome.failures.iter().map(|f| f.error.as_str()).collect()
}

#[tokio::test]
async fn a_refused_connection_is_retried_once_and_stops_the_other_requests() {
    let base = format!("http://127.0.0.1:{}", closed_port());
    let (c, inp) = three_requests(config(&base));
    let (options, events) = recording(None);
    let started = Instant::now();
    let outcome = review(&c, &inp, &options).await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(outcome.status, ReviewStatus::Failed);
    assert!(outcome.requests_planned >= 3);
    let refused = format!("connection refused at {base}/v1");
    assert_eq!(outcome.failures[0].error, refused, "short, and said once");
    assert_eq!(outcome.failures[0].attempts, 2, "one retry, not max_retries");
    for f in &outcome.failures[1..] {
        assert_eq!((f.error.clone(), f.attempts), (format!("not sent: {refused}"), 0));
    }
    assert_eq!(outcome.usage.requests_sent, 2);
    assert_eq!(outcome.usage.connected, 0, "nothing ever connected");
    assert_eq!(outcome.response_format, None);

    // One event per wait, with what a CI log line needs.
    let events = events.lock().unwrap();
    let retries: Vec<_> = events
        .iter()
        .filter(|e| matches!(e, ProgressEvent::Retrying { .. }))
        .collect();
    assert_eq!(retries.len(), 1, "{events:?}");
    let ProgressEvent::Retrying {
        reviewer,
        request,
        requests,
        attempt,
        max_retries,
        wait_ms,
        reason,
    } = retries[0]
    else {
        unreachable!()
    };
    assert_eq!(
        (reviewer.as_str(), *request, *requests, *attempt, *max_retries),
        ("test", 1, outcome.requests_planned, 1, 1)
    );
    assert!(*wait_ms <= 50, "{wait_ms}");
    assert_eq!(reason, &refused);
}

#[tokio::test]
async fn a_hung_endpoint_is_given_up_on_after_one_retry_and_stops_the_rest() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(r#"{"findings": []}"#).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let (mut c, inp) = three_requests(config(&server.uri()));
    c.timeout_secs = 1;
    let started = Instant::now();
    let outcome = review(&c, &inp, &RunOptions::default()).await;
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(outcome.status, ReviewStatus::Failed);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert!(
        outcome.failures[0]
            .error
            .starts_with("no answer within 1 s (timeout_secs)"),
        "{:?}",
        errors(&outcome)
    );
    assert!(
        outcome.failures[1..]
            .iter()
            .all(|f| f.error.starts_with("not sent: no answer within"))
    );
    assert_eq!(outcome.usage.connected, 0);
}

/// Answers the first request at once; every later one hangs.
struct AnswersOnceThenHangs(AtomicUsize);
impl Respond for AnswersOnceThenHangs {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        if self.0.fetch_add(1, Ordering::SeqCst) == 0 {
            ok(r#"{"findings": []}"#)
        } else {
            ok(r#"{"findings": []}"#).set_delay(Duration::from_secs(30))
        }
    }
}

#[tokio::test]
async fn an_endpoint_that_has_answered_is_slow_not_down_so_the_other_requests_still_go() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(AnswersOnceThenHangs(AtomicUsize::new(0)))
        .mount(&server)
        .await;
    let (mut c, inp) = three_requests(config(&server.uri()));
    c.timeout_secs = 1;
    // All at once: the first answer arrives while the others hang.
    c.concurrency = 16;
    let outcome = review(&c, &inp, &RunOptions::default()).await;
    assert_eq!(outcome.status, ReviewStatus::Partial);
    let planned = outcome.requests_planned;
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1 + 2 * (planned - 1),
        "every hung request gets its one retry"
    );
    assert_eq!(outcome.failures.len(), planned - 1);
    assert_eq!(outcome.usage.connected, 1);
}

#[tokio::test]
async fn a_rejected_key_is_one_failure_and_counts_as_connected() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ResponseTemplate::new(401).set_body_string("no"))
        .mount(&server)
        .await;
    let (c, inp) = three_requests(config(&server.uri()));
    let outcome = review(&c, &inp, &RunOptions::default()).await;
    assert_eq!((outcome.usage.requests_sent, outcome.usage.connected), (1, 1));
    assert!(
        outcome.failures[0].error.contains("HTTP 401"),
        "{:?}",
        errors(&outcome)
    );
    assert_eq!(outcome.failures[0].error.matches("HTTP 401").count(), 1);
}

#[tokio::test]
async fn an_html_page_instead_of_an_answer_says_so_and_is_not_retried_over_and_over() {
    let page = "<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title></head><body>\0<script>x()</script></body></html>";
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ResponseTemplate::new(200).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let (c, inp) = three_requests(config(&server.uri()));
    let outcome = review(&c, &inp, &RunOptions::default()).await;
    assert_eq!(outcome.status, ReviewStatus::Failed);
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "one retry, then the rest stop"
    );
    let error = &outcome.failures[0].error;
    assert!(
        error.contains("an HTML page (Sign in - Corporate Proxy)") && error.contains("base_url"),
        "{error}"
    );
    assert!(!error.contains("<script>"));
    assert_eq!(outcome.usage.connected, 2, "it did answer, with the wrong thing");

    // The same page as a gateway error: a server problem, retried as such, named by its title.
    let gateway = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ResponseTemplate::new(502).set_body_raw(
            "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>",
            "text/html",
        ))
        .mount(&gateway)
        .await;
    let outcome = review(
        &config(&gateway.uri()),
        &input(vec![go_file("a", 1)]),
        &RunOptions::default(),
    )
    .await;
    assert_eq!(outcome.failures[0].attempts, 4);
    assert_eq!(
        outcome.failures[0].error,
        "HTTP 502: an HTML page (502 Bad Gateway)"
    );
}

#[tokio::test]
async fn prose_empty_or_unreadable_answers_are_failed_requests_not_clean_reviews() {
    for (content, expected) in [
        (
            "I reviewed the code carefully and it looks great, no performance problems!",
            "the answer held no JSON findings list",
        ),
        ("", "the answer was empty"),
        (
            r#"{"findings": [{"file": "internal/a.go", "title": "no line"}, {"priority": "P1"}]}"#,
            "none of the 2 findings in the answer could be read",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(CHAT))
            .respond_with(ok(content))
            .mount(&server)
            .await;
        let c = config(&server.uri());
        let inp = input(vec![go_file("a", 1)]);
        let options = RunOptions {
            cache_dir: Some(dir.path().to_path_buf()),
            progress: None,
        };
        let outcome = review(&c, &inp, &options).await;
        assert_eq!(outcome.status, ReviewStatus::Failed, "{content}");
        assert!(
            outcome.failures[0].error.starts_with(expected),
            "{:?}",
            errors(&outcome)
        );
        assert_eq!(outcome.not_reviewed[0].path, "internal/a.go");
        assert_eq!(
            outcome.usage.requests_sent, 1,
            "not retried: the same prompt gets the same kind of answer"
        );
        assert!(read_all(dir.path()).is_empty(), "a failed answer is not cached");
        // The next run asks again rather than replaying the failure.
        review(&c, &inp, &options).await;
        assert_eq!(server.received_requests().await.unwrap().len(), 2, "{content}");
    }
}

/// Answers requests about f0.go with findings, the others with prose.
struct ProseForSomeFiles;
impl Respond for ProseForSomeFiles {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
        let user = body["messages"][1]["content"].as_str().unwrap_or_default();
        if user.contains("FILE internal/f0.go") {
            ok(r#"{"findings": []}"#)
        } else {
            ok("Looks fine.")
        }
    }
}

#[tokio::test]
async fn a_review_with_some_prose_answers_is_partial_and_lists_what_was_not_reviewed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ProseForSomeFiles)
        .mount(&server)
        .await;
    let (c, inp) = three_requests(config(&server.uri()));
    let outcome = review(&c, &inp, &RunOptions::default()).await;
    assert_eq!(outcome.status, ReviewStatus::Partial);
    assert!(!outcome.not_reviewed.is_empty());
    assert!(outcome.not_reviewed.iter().all(|n| n.path != "internal/f0.go"));
    assert!(outcome.findings.is_empty());
}

#[tokio::test]
async fn control_bytes_never_reach_the_outcome_or_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    // Raw NUL and ESC bytes between tokens and inside strings (not valid JSON as sent), and escaped ones that
    // JSON decoding would turn into real control characters.
    let content = "\u{0}{\"findings\": [{\"file\": \"internal/a.go\", \"start_line\": 7, \"priority\": \"P2\", \
        \"title\": \"Sprintf\u{1b}[2J\\u001b]0;pwned\\u0007 in \\u0000a loop\", \"why\": \"line one\\nline two\\u0000\u{9b}\", \
        \"quote\": \"fmt.Sprintf\"}, {\"file\": \"internal/a.go\\u0000\", \"title\": \"\u{1b}[31mbroken\"}]}\u{0}";
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(content))
        .mount(&server)
        .await;
    let options = RunOptions {
        cache_dir: Some(dir.path().to_path_buf()),
        progress: None,
    };
    let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 1)]), &options).await;
    assert_eq!(outcome.status, ReviewStatus::Complete, "{outcome:#?}");
    let f = &outcome.findings[0];
    assert_eq!(f.grounding, Grounding::Verified);
    assert_eq!(f.finding.title, "Sprintf[2J]0;pwned in a loop");
    assert_eq!(
        f.finding.why, "line one\nline two",
        "newlines are kept where text spans lines"
    );
    assert_eq!(outcome.dropped.len(), 1);
    let mut texts = Vec::new();
    strings(&serde_json::to_value(&outcome).unwrap(), &mut texts);
    for text in texts {
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{text:?}"
        );
    }
    let cached = read_all(dir.path());
    assert!(!cached.is_empty());
    assert!(!cached.contains('\0') && !cached.contains('\u{1b}'), "{cached:?}");
}

const ECHOED_KEY: &str = "sk-turk-ECHO-5f2b9c1d7e3a4b6c";
const OTHER_KEY: &str = "sk-ant-OTHER-8d7c6b5a4f3e2d1c";

#[tokio::test]
async fn an_endpoint_that_echoes_keys_gets_none_into_the_outcome_or_the_cache() {
    // SAFETY: variables only this test uses.
    unsafe {
        std::env::set_var("TURK_TEST_ECHO_KEY", ECHOED_KEY);
        std::env::set_var("TURK_TEST_OTHER_REVIEWERS_KEY", OTHER_KEY);
    }
    let dir = tempfile::tempdir().unwrap();
    // A logging proxy, or a model steered by the code, repeating both reviewers' keys everywhere it can.
    let answer = serde_json::json!({"findings": [
        {"file": "internal/a.go", "start_line": 7, "priority": "P2", "category": "allocation",
         "title": format!("Sprintf with {ECHOED_KEY}"), "why": format!("your key is {OTHER_KEY}"),
         "fix": format!("rotate {ECHOED_KEY}"), "quote": "fmt.Sprintf"},
        {"file": format!("internal/{OTHER_KEY}.go"), "start_line": 1, "priority": "P1", "title": "elsewhere"},
        {"file": "internal/a.go", "title": format!("no line, key {ECHOED_KEY}")}
    ]});
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(&answer.to_string()))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(&format!("Prose echoing {ECHOED_KEY} and {OTHER_KEY}")))
        .mount(&server)
        .await;
    let mut c = with_key(config(&server.uri()), "TURK_TEST_ECHO_KEY");
    c.redact_env = vec!["TURK_TEST_OTHER_REVIEWERS_KEY".into()];
    c.max_request_tokens = 1_000;
    c.concurrency = 1;
    let (options, events) = recording(Some(dir.path()));
    let outcome = review(&c, &input(vec![go_file("a", 25), go_file("b", 25)]), &options).await;
    assert_eq!(outcome.status, ReviewStatus::Partial, "{outcome:#?}");
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.finding.title == "Sprintf with [REDACTED]" && f.grounding == Grounding::Verified),
        "{:#?}",
        outcome.findings
    );

    let mut everything = serde_json::to_string(&outcome).unwrap();
    everything.push_str(&format!("{outcome:?}{:?}", events.lock().unwrap()));
    everything.push_str(&read_all(dir.path()));
    for key in [ECHOED_KEY, OTHER_KEY] {
        assert!(!everything.contains(key), "{key} leaked");
        assert!(!everything.contains(&key[8..20]), "part of {key} leaked");
    }
}
