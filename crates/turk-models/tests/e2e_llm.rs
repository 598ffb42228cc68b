//! Against a real OpenAI-compatible server with a tiny local model (`cargo xtask e2e-llm` starts it and sets
//! `TURK_E2E_BASE_URL`). The model answers badly on purpose; what must hold is that turk survives whatever it says
//! and reports it honestly.

mod support;

use support::*;
use turk_models::{Grounding, ReviewStatus, RunOptions, SourceFile, review};

#[tokio::test]
#[ignore = "needs a real OpenAI-compatible server: run `cargo xtask e2e-llm`"]
async fn a_tiny_real_model_is_survived_and_reported_honestly() {
    let base = std::env::var("TURK_E2E_BASE_URL").expect("TURK_E2E_BASE_URL (set by cargo xtask e2e-llm)");
    let model = std::env::var("TURK_E2E_MODEL").unwrap_or_else(|_| "smollm2".into());
    let mut c = config("unused");
    c.id = "smol".into();
    c.provider = turk_models::ProviderConfig::openai(base);
    c.model = model;
    // The server runs with a 4,096-token context; SmolLM2's tokenizer counts more tokens than o200k_base.
    c.max_request_tokens = 1_800;
    c.max_output_tokens = 500;
    c.temperature = Some(0.0);
    // llama-cpp-python answers one request at a time, slowly on a busy CPU: queue here, not in the server.
    c.timeout_secs = 300;
    c.concurrency = 1;
    c.max_retries = 1;

    let read = |p: &str| std::fs::read_to_string(testdata().join(p)).unwrap();
    let files = vec![
        SourceFile {
            path: "internal/cache/cache.go".into(),
            text: read("src/internal/cache/cache.go"),
        },
        SourceFile {
            path: "internal/api/handler.go".into(),
            text: read("injection/handler.go"),
        },
        go_file("big", 20),
    ];
    let inp = input(files.clone());
    let dir = tempfile::tempdir().unwrap();
    let options = RunOptions {
        cache_dir: Some(dir.path().to_path_buf()),
        progress: None,
    };

    let started = std::time::Instant::now();
    let outcome = review(&c, &inp, &options).await;
    println!(
        "first run in {:.1?}:\n{}",
        started.elapsed(),
        serde_json::to_string_pretty(&outcome).unwrap()
    );

    // The run finished, and its status says honestly what the tiny model's answers were worth: it rarely writes a
    // usable findings list, and an answer without one is a failed request, not a clean review.
    assert!(outcome.requests_planned >= 1);
    assert_eq!(
        outcome.usage.connected, outcome.usage.requests_sent,
        "every request reached the server"
    );
    match outcome.status {
        ReviewStatus::Complete => assert!(outcome.failures.is_empty(), "{:#?}", outcome.failures),
        ReviewStatus::Partial => assert!(!outcome.failures.is_empty()),
        ReviewStatus::Failed => {
            assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
            assert!(!outcome.failures.is_empty());
        }
    }
    for failure in &outcome.failures {
        assert!(
            ["findings", "answer", "JSON"]
                .iter()
                .any(|w| failure.error.contains(w)),
            "a failure against a live server is about its answer: {}",
            failure.error
        );
    }
    assert!(
        outcome.usage.requests_sent as usize > outcome.requests_planned,
        "the json_schema attempt is counted"
    );

    // llama-cpp-python answers HTTP 500 to json_schema: recognised, and the fallback used from then on.
    assert_eq!(
        outcome.response_format.map(|f| f.as_str()),
        Some("json_object"),
        "{:?}",
        outcome.notes
    );
    assert!(
        outcome
            .notes
            .iter()
            .any(|n| n.contains("json_schema") && n.contains("HTTP 500")),
        "{:?}",
        outcome.notes
    );

    // Whatever the model said: each finding is grounded or says why not; each drop and failure says why.
    for f in &outcome.findings {
        match &f.grounding {
            Grounding::Verified => {
                let file = files
                    .iter()
                    .find(|s| s.path == f.finding.span.path)
                    .expect("verified findings are in scope");
                assert!(f.finding.span.end_line as usize <= file.text.lines().count());
            }
            Grounding::Unverified { reason } => assert!(!reason.is_empty()),
        }
    }
    assert!(outcome.dropped.iter().all(|d| !d.reason.is_empty()));
    assert!(outcome.failures.iter().all(|f| !f.error.is_empty()));
    assert_eq!(outcome.failures.is_empty(), outcome.not_reviewed.is_empty());

    // A second run is answered from the cache.
    let again = review(&c, &inp, &options).await;
    let failed_before = outcome.failures.len() as u64;
    assert!(
        again.usage.requests_sent <= failed_before * u64::from(c.max_retries + 2),
        "{:?}",
        again.usage
    );
    if failed_before == 0 {
        assert_eq!(again.usage.requests_sent, 0);
        assert_eq!(again.findings.len(), outcome.findings.len());
    }
    println!(
        "second run: {} sent, {} cached; findings {} ({} verified), dropped {}",
        again.usage.requests_sent,
        again.usage.cached_answers,
        outcome.findings.len(),
        outcome.verified().count(),
        outcome.dropped.len()
    );
}
