//! Reviews against a local server speaking the OpenAI protocol (wiremock on 127.0.0.1).

mod support;

use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::*;
use turk_models::{
    Grounding, ProgressEvent, ResponseFormat, ReviewStatus, RunOptions, StructuredOutput, review,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CHAT: &str = "/v1/chat/completions";

fn ok(content: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(completion(content, "stop"))
}

fn no_cache() -> RunOptions {
    RunOptions::default()
}

fn body(req: &Request) -> Value {
    serde_json::from_slice(&req.body).unwrap()
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

#[tokio::test]
async fn a_plain_answer_becomes_grounded_findings() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(&findings_on("internal/a.go")))
        .mount(&server)
        .await;
    let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 2)]), &no_cache()).await;
    assert_eq!(outcome.status, ReviewStatus::Complete, "{outcome:#?}");
    assert!(!outcome.recorded);
    assert_eq!(outcome.findings.len(), 1);
    let f = &outcome.findings[0];
    assert_eq!(f.grounding, Grounding::Verified);
    assert_eq!(
        (f.finding.span.path.as_str(), f.finding.span.start_line),
        ("internal/a.go", 7)
    );
    assert_eq!(f.finding.origin.id(), "test");
    assert_eq!(outcome.usage.requests_sent, 1);
    assert_eq!(
        (outcome.usage.prompt_tokens, outcome.usage.completion_tokens),
        (100, 20)
    );
    // The request: both prompts, the model, the line-numbered code.
    let sent = body(&requests(&server).await[0]);
    assert_eq!(sent["model"], "test-model");
    assert_eq!(sent["messages"][0]["role"], "system");
    let user = sent["messages"][1]["content"].as_str().unwrap();
    assert!(user.contains("    7 | \treturn fmt.Sprintf(\"%d\", n)"), "{user}");
}

#[tokio::test]
async fn json_schema_is_requested_when_structured_output_is_on() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(r#"{"findings": []}"#))
        .mount(&server)
        .await;
    let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 1)]), &no_cache()).await;
    assert_eq!(outcome.status, ReviewStatus::Complete);
    assert_eq!(outcome.response_format, Some(ResponseFormat::JsonSchema));
    let sent = body(&requests(&server).await[0]);
    assert_eq!(sent["response_format"]["type"], "json_schema");
    let schema = &sent["response_format"]["json_schema"]["schema"];
    assert_eq!(schema["required"][0], "findings");
    assert_eq!(sent["response_format"]["json_schema"]["strict"], true);
}

/// Answers 500 with a validation error to `json_schema` (as llama-cpp-python's server does), JSON otherwise.
struct RejectsJsonSchema;
impl Respond for RejectsJsonSchema {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let b = body(req);
        if b["response_format"]["type"] == "json_schema" {
            ResponseTemplate::new(500).set_body_json(serde_json::json!({"error": {"message":
                "1 validation error for CreateChatCompletionRequest\nresponse_format.type\n  Input should be 'text' or 'json_object' [type=literal_error, input_value='json_schema']"}}))
        } else {
            ok(&findings_on("internal/a.go"))
        }
    }
}

#[tokio::test]
async fn a_rejected_json_schema_falls_back_to_json_object_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(RejectsJsonSchema)
        .mount(&server)
        .await;
    let mut c = config(&server.uri());
    c.max_request_tokens = 1_000;
    c.concurrency = 1;
    let files = (0..3).map(|i| go_file(&format!("f{i}"), 25)).collect();
    let outcome = review(&c, &input(files), &no_cache()).await;
    assert_eq!(outcome.status, ReviewStatus::Complete, "{outcome:#?}");
    assert_eq!(outcome.response_format, Some(ResponseFormat::JsonObject));
    assert!(
        outcome
            .notes
            .iter()
            .any(|n| n.contains("json_schema") && n.contains("HTTP 500")),
        "{:?}",
        outcome.notes
    );
    let sent = requests(&server).await;
    let schema_attempts = sent
        .iter()
        .filter(|r| body(r)["response_format"]["type"] == "json_schema")
        .count();
    assert_eq!(
        schema_attempts, 1,
        "the fallback is remembered for the rest of the run"
    );
    assert_eq!(outcome.requests_planned + 1, sent.len());

    // Forced json_schema: no fallback.
    let server2 = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(r#"{"findings": []}"#))
        .mount(&server2)
        .await;
    let mut off = config(&server2.uri());
    off.structured_output = StructuredOutput::Off;
    review(&off, &input(vec![go_file("a", 1)]), &no_cache()).await;
    assert!(
        body(&requests(&server2).await[0])
            .get("response_format")
            .is_none()
    );
}

#[tokio::test]
async fn fenced_and_prose_answers_are_accepted() {
    for content in [
        format!(
            "Sure! Here is my review:\n```json\n{}\n```\nLet me know if you need more.",
            findings_on("internal/a.go")
        ),
        format!(
            "I looked at the code. {} That is all.",
            findings_on("internal/a.go")
        ),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(CHAT))
            .respond_with(ok(&content))
            .mount(&server)
            .await;
        let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 1)]), &no_cache()).await;
        assert_eq!(outcome.findings.len(), 1, "{content}");
        assert!(outcome.dropped.is_empty());
    }
}

#[tokio::test]
async fn a_partly_malformed_answer_keeps_valid_findings_and_says_what_was_dropped() {
    let server = MockServer::start().await;
    let content = r#"{"findings": [
        {"file": "internal/a.go", "start_line": 7, "priority": "P1", "category": "memory", "title": "good one"},
        {"file": "internal/a.go", "priority": "P1", "title": "no line"},
        {"file": "internal/a.go", "start_line": 500, "priority": "P1", "title": "past the end"},
        {"file": "../../etc/passwd", "start_line": 1, "priority": "P0", "title": "escape"}
    ]}"#;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(content))
        .mount(&server)
        .await;
    let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 1)]), &no_cache()).await;
    assert_eq!(outcome.findings.len(), 3);
    assert_eq!(outcome.dropped.len(), 1);
    assert!(outcome.dropped[0].reason.contains("start_line"));
    assert!(outcome.dropped[0].raw.contains("no line"));
    let by_title = |t: &str| {
        outcome
            .findings
            .iter()
            .find(|f| f.finding.title == t)
            .unwrap()
            .grounding
            .clone()
    };
    assert_eq!(by_title("good one"), Grounding::Verified);
    assert!(
        matches!(by_title("past the end"), Grounding::Unverified { reason } if reason.contains("do not exist"))
    );
    assert!(
        matches!(by_title("escape"), Grounding::Unverified { reason } if reason.contains("outside the reviewed scope"))
    );
}

#[tokio::test]
async fn rate_limits_are_retried_honouring_retry_after_even_with_a_text_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_string("Too Many Requests"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(&findings_on("internal/a.go")))
        .mount(&server)
        .await;
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let options = RunOptions {
        cache_dir: None,
        progress: Some(Arc::new(move |e| sink.lock().unwrap().push(e))),
    };
    let started = Instant::now();
    let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 1)]), &options).await;
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(outcome.status, ReviewStatus::Complete);
    assert_eq!(outcome.usage.requests_sent, 2);
    let events = events.lock().unwrap();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, ProgressEvent::Retrying { wait_ms, reason, .. }
        if *wait_ms == 1000 && reason.contains("429"))),
        "{events:?}"
    );
    assert!(matches!(
        events.last(),
        Some(ProgressEvent::ChunkDone { cached: false, .. })
    ));
}

#[tokio::test]
async fn rate_limits_without_retry_after_use_backoff_and_give_up_eventually() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(
            ResponseTemplate::new(429).set_body_json(serde_json::json!({"error": {"message": "slow down"}})),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 1)]), &no_cache()).await;
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(outcome.status, ReviewStatus::Failed);
    assert_eq!(
        outcome.usage.requests_sent, 4,
        "first attempt plus max_retries = 3"
    );
    let failure = &outcome.failures[0];
    assert_eq!(failure.attempts, 4);
    assert!(
        failure.error.starts_with("rate limited (HTTP 429)") && failure.error.contains("slow down"),
        "{}",
        failure.error
    );
    assert!(
        !failure.error.contains("attempts"),
        "said once, in `attempts`: {}",
        failure.error
    );
    assert_eq!(outcome.not_reviewed.len(), 1);
    assert_eq!(outcome.not_reviewed[0].path, "internal/a.go");
}

#[tokio::test]
async fn a_server_error_then_success_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ResponseTemplate::new(500).set_body_string("<html>internal error</html>"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(&findings_on("internal/a.go")))
        .mount(&server)
        .await;
    let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 1)]), &no_cache()).await;
    assert_eq!(outcome.status, ReviewStatus::Complete);
    assert_eq!(outcome.usage.requests_sent, 2);
    assert_eq!(outcome.findings.len(), 1);
}

#[tokio::test]
async fn a_request_that_times_out_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(&findings_on("internal/a.go")).set_delay(Duration::from_secs(5)))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(&findings_on("internal/a.go")))
        .mount(&server)
        .await;
    let mut c = config(&server.uri());
    c.timeout_secs = 1;
    let started = Instant::now();
    let outcome = review(&c, &input(vec![go_file("a", 1)]), &no_cache()).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(outcome.status, ReviewStatus::Complete, "{outcome:#?}");
    assert_eq!(outcome.usage.requests_sent, 2);

    // Always too slow: the failure says so.
    let slow = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok("{}").set_delay(Duration::from_secs(5)))
        .mount(&slow)
        .await;
    let mut c = config(&slow.uri());
    c.timeout_secs = 1;
    c.max_retries = 0;
    let outcome = review(&c, &input(vec![go_file("a", 1)]), &no_cache()).await;
    assert_eq!(outcome.status, ReviewStatus::Failed);
    assert!(
        outcome.failures[0].error.contains("timeout_secs"),
        "{}",
        outcome.failures[0].error
    );
}

#[tokio::test]
async fn a_rejected_key_is_not_retried_and_stops_the_other_requests() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(serde_json::json!({"error": {"message": "Incorrect API key provided"}})),
        )
        .mount(&server)
        .await;
    // SAFETY: a variable only this test uses.
    unsafe { std::env::set_var("TURK_TEST_KEY_401", "sk-wrong-key-401") };
    let mut c = with_key(config(&server.uri()), "TURK_TEST_KEY_401");
    c.concurrency = 1;
    c.max_request_tokens = 1_000;
    let files = (0..3).map(|i| go_file(&format!("f{i}"), 25)).collect();
    let outcome = review(&c, &input(files), &no_cache()).await;
    assert_eq!(outcome.status, ReviewStatus::Failed);
    assert!(outcome.requests_planned >= 3);
    assert_eq!(
        requests(&server).await.len(),
        1,
        "no retry, and the other requests are not sent"
    );
    assert!(
        outcome.failures[0].error.contains("$TURK_TEST_KEY_401"),
        "{}",
        outcome.failures[0].error
    );
    assert!(
        outcome
            .failures
            .iter()
            .skip(1)
            .all(|f| f.error.starts_with("not sent") && f.attempts == 0)
    );
}

#[tokio::test]
async fn wrong_url_or_model_says_what_to_check() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(serde_json::json!({"error": {"message": "model not found"}})),
        )
        .mount(&server)
        .await;
    let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 1)]), &no_cache()).await;
    let error = &outcome.failures[0].error;
    assert!(
        error.contains("base_url") && error.contains("test-model") && error.contains("model not found"),
        "{error}"
    );
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn unknown_finish_reason_and_missing_fields_are_tolerated() {
    let server = MockServer::start().await;
    let answer = serde_json::json!({"choices": [{"message": {"content": findings_on("internal/a.go")}, "finish_reason": "eos_token"}]});
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .mount(&server)
        .await;
    let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 1)]), &no_cache()).await;
    assert_eq!(outcome.status, ReviewStatus::Complete);
    assert_eq!(outcome.findings.len(), 1);
    assert!(outcome.usage.estimated, "no usage reported: counted locally");
    assert!(outcome.usage.prompt_tokens > 20);
}

/// Truncates any answer to a request carrying more than one file; answers the others.
struct TruncatesBigRequests(AtomicUsize);
impl Respond for TruncatesBigRequests {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        self.0.fetch_add(1, Ordering::SeqCst);
        let user = body(req)["messages"][1]["content"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let files = ["internal/a.go", "internal/b.go"]
            .iter()
            .filter(|f| user.contains(&format!("FILE {f}")))
            .count();
        if files > 1 {
            ResponseTemplate::new(200).set_body_json(completion(
                "{\"findings\": [{\"file\": \"internal/a.go\", \"sta",
                "length",
            ))
        } else {
            let f = if user.contains("FILE internal/a.go") {
                "internal/a.go"
            } else {
                "internal/b.go"
            };
            ok(&findings_on(f))
        }
    }
}

#[tokio::test]
async fn a_truncated_answer_is_retried_as_smaller_requests() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(TruncatesBigRequests(AtomicUsize::new(0)))
        .mount(&server)
        .await;
    let outcome = review(
        &config(&server.uri()),
        &input(vec![go_file("a", 1), go_file("b", 1)]),
        &no_cache(),
    )
    .await;
    assert_eq!(outcome.requests_planned, 1);
    assert_eq!(outcome.status, ReviewStatus::Complete, "{outcome:#?}");
    assert_eq!(outcome.usage.requests_sent, 3);
    let paths: Vec<&str> = outcome
        .findings
        .iter()
        .map(|f| f.finding.span.path.as_str())
        .collect();
    assert_eq!(paths, ["internal/a.go", "internal/b.go"]);
    assert!(outcome.notes.iter().any(|n| n.contains("cut off")));
}

#[tokio::test]
async fn one_failed_request_does_not_sink_the_run() {
    /// Fails every request about b.go with a 400, answers the rest.
    struct FailsB;
    impl Respond for FailsB {
        fn respond(&self, req: &Request) -> ResponseTemplate {
            let user = body(req)["messages"][1]["content"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            if user.contains("FILE internal/b.go") {
                ResponseTemplate::new(400)
                    .set_body_json(serde_json::json!({"error": {"message": "context length exceeded"}}))
            } else {
                ok(r#"{"findings": []}"#)
            }
        }
    }
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(FailsB)
        .mount(&server)
        .await;
    let mut c = config(&server.uri());
    c.max_request_tokens = 1_000;
    let files = vec![go_file("a", 25), go_file("b", 25), go_file("c", 25)];
    let outcome = review(&c, &input(files), &no_cache()).await;
    assert_eq!(outcome.status, ReviewStatus::Partial, "{outcome:#?}");
    assert!(outcome.not_reviewed.iter().all(|n| n.path == "internal/b.go"));
    assert!(!outcome.not_reviewed.is_empty());
    assert!(
        outcome.failures[0].error.contains("max_request_tokens"),
        "{}",
        outcome.failures[0].error
    );
}

#[tokio::test]
async fn requests_run_concurrently_up_to_the_bound() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(r#"{"findings": []}"#).set_delay(Duration::from_millis(300)))
        .mount(&server)
        .await;
    let mut c = config(&server.uri());
    c.max_request_tokens = 1_000;
    c.concurrency = 4;
    let files: Vec<_> = (0..8).map(|i| go_file(&format!("f{i}"), 25)).collect();
    let started = Instant::now();
    let outcome = review(&c, &input(files), &no_cache()).await;
    let elapsed = started.elapsed();
    assert_eq!(outcome.status, ReviewStatus::Complete);
    let n = outcome.requests_planned as u32;
    assert!(n >= 8, "{n} requests");
    let rounds = n.div_ceil(4);
    assert!(
        elapsed >= Duration::from_millis(300) * rounds - Duration::from_millis(50),
        "bound ignored: {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_millis(300) * n / 2,
        "not concurrent: {elapsed:?} for {n}"
    );
}

#[tokio::test]
async fn a_missing_key_variable_fails_with_its_name() {
    let c = with_key(config("http://127.0.0.1:9"), "TURK_TEST_UNSET_KEY_VAR");
    let outcome = review(&c, &input(vec![go_file("a", 1)]), &no_cache()).await;
    assert_eq!(outcome.status, ReviewStatus::Failed);
    assert!(
        outcome.failures[0]
            .error
            .contains("TURK_TEST_UNSET_KEY_VAR (api_key_env) is not set"),
        "{}",
        outcome.failures[0].error
    );
    assert_eq!(outcome.not_reviewed[0].path, "internal/a.go");
}

#[tokio::test]
async fn the_same_finding_said_twice_is_reported_once_as_verified() {
    let server = MockServer::start().await;
    let twice = serde_json::json!({"findings": [
        {"file": "internal/a.go", "start_line": 6, "end_line": 7, "priority": "P2", "title": "Sprintf for an int",
         "quote": "strconv.Itoa(n)"},
        {"file": "internal/a.go", "start_line": 7, "priority": "P2", "title": "Sprintf for an int.",
         "quote": "fmt.Sprintf(\"%d\", n)"},
        {"file": "internal/a.go", "start_line": 7, "priority": "P2", "title": "Returns a string"}
    ]});
    Mock::given(method("POST"))
        .and(path(CHAT))
        .respond_with(ok(&twice.to_string()))
        .mount(&server)
        .await;
    let outcome = review(&config(&server.uri()), &input(vec![go_file("a", 1)]), &no_cache()).await;
    let titles: Vec<(&str, bool)> = outcome
        .findings
        .iter()
        .map(|f| (f.finding.title.as_str(), f.grounding.is_verified()))
        .collect();
    assert_eq!(
        titles,
        [("Returns a string", true), ("Sprintf for an int.", true)],
        "{:#?}",
        outcome.findings
    );
}
