#![allow(dead_code)] // `run` is called from `cargo xtask bench` (bench.rs); until then it is reachable only from there.
//! Reviewer throughput and cache: two reviewers review the same scope at once against a local OpenAI-protocol
//! server that takes 500 ms per answer; then the same run again with the same cache, which must send nothing.
//!
//! `cargo xtask bench` calls [`run`]; `--requests N` sets the total number of requests (default 200, split
//! between the two reviewers), `--concurrency N` each reviewer's bound (default 8), `--quick` runs 40 requests.

use anyhow::{Context, Result, bail};
use std::time::{Duration, Instant};
use turk_models::{
    ProviderConfig, ReviewInput, ReviewStatus, ReviewerConfig, RunOptions, SourceFile, plan, review,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The bar: both reviewers must be done within this.
const LIMIT: Duration = Duration::from_secs(30);
const ANSWER_DELAY: Duration = Duration::from_millis(500);

pub fn run(args: &[String]) -> Result<()> {
    let mut total = 200usize;
    let mut concurrency = 8usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| -> Result<usize> {
            it.next()
                .with_context(|| format!("{name} needs a number"))?
                .parse()
                .with_context(|| format!("{name} needs a number"))
        };
        match a.as_str() {
            "--requests" => total = value("--requests")?,
            "--concurrency" => concurrency = value("--concurrency")?,
            // A smoke run: the same bars on fewer requests.
            "--quick" => total = 40,
            other => bail!("unknown argument `{other}` (expected --requests N, --concurrency N, --quick)"),
        }
    }
    if total < 2 || concurrency == 0 {
        bail!("--requests must be at least 2 and --concurrency at least 1");
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(bench(total, concurrency))
}

/// A Go file big enough to fill one request of a 1,000-token budget on its own.
fn go_file(i: usize) -> SourceFile {
    let mut text = String::from("package svc\n\nimport \"fmt\"\n");
    for f in 0..8 {
        text.push_str(&format!(
            "\n// F{f} formats.\nfunc F{i}_{f}(n int) string {{\n\treturn fmt.Sprintf(\"%d\", n)\n}}\n"
        ));
    }
    SourceFile {
        path: format!("internal/svc/file{i}.go"),
        text,
    }
}

fn reviewer(id: &str, base_url: &str, concurrency: usize) -> ReviewerConfig {
    let mut c = ReviewerConfig::new(
        id,
        ProviderConfig::openai(format!("{base_url}/v1")),
        format!("{id}-model"),
    );
    c.concurrency = concurrency;
    c.max_request_tokens = 1_000;
    c.timeout_secs = 10;
    c.backoff_base_ms = 50;
    c
}

async fn bench(total: usize, concurrency: usize) -> Result<()> {
    let server = MockServer::start().await;
    let answer = serde_json::json!({
        "choices": [{"message": {"role": "assistant", "content": "{\"findings\": []}"}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 900, "completion_tokens": 8}
    });
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(answer)
                .set_delay(ANSWER_DELAY),
        )
        .mount(&server)
        .await;

    let per_reviewer = total / 2;
    let input = ReviewInput {
        system_prompt: "You are Turk, the team's Go performance specialist.".into(),
        files: (0..per_reviewer).map(go_file).collect(),
        hints: Vec::new(),
        ..ReviewInput::default()
    };
    let a = reviewer("codex", &server.uri(), concurrency);
    let b = reviewer("opus", &server.uri(), concurrency);
    let planned = plan(&a, &input)?.requests.len() + plan(&b, &input)?.requests.len();
    if planned != per_reviewer * 2 {
        bail!(
            "expected one request per file, planned {planned} for {} files",
            per_reviewer * 2
        );
    }
    let cache = tempfile::tempdir()?;
    let options = RunOptions {
        cache_dir: Some(cache.path().to_path_buf()),
        progress: None,
    };
    println!(
        "reviewers: {planned} requests planned for 2 reviewers (concurrency {concurrency} each), server answers after {ANSWER_DELAY:?}"
    );

    let started = Instant::now();
    let (ra, rb) = tokio::join!(review(&a, &input, &options), review(&b, &input, &options));
    let first = started.elapsed();
    let sent_first = server.received_requests().await.map(|r| r.len()).unwrap_or(0);
    for r in [&ra, &rb] {
        if r.status != ReviewStatus::Complete {
            bail!("reviewer {} did not complete: {:?}", r.id, r.failures.first());
        }
    }
    let serial = ANSWER_DELAY * planned as u32;
    println!(
        "  first run:  {:>6.2?} wall, {sent_first} requests sent (one at a time would take {serial:.0?})",
        first
    );

    let started = Instant::now();
    let (ca, cb) = tokio::join!(review(&a, &input, &options), review(&b, &input, &options));
    let second = started.elapsed();
    let sent_second = server.received_requests().await.map(|r| r.len()).unwrap_or(0) - sent_first;
    println!(
        "  second run: {:>6.2?} wall, {sent_second} requests sent, {} answers from the cache",
        second,
        ca.usage.cached_answers + cb.usage.cached_answers
    );

    if first > LIMIT {
        bail!("the reviewers took {first:?}, over the {LIMIT:?} bar");
    }
    if sent_first != planned {
        bail!("{sent_first} requests sent for {planned} planned");
    }
    if sent_second != 0 {
        bail!("the second run sent {sent_second} requests; the cache should have answered all");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// The benchmark itself, runnable on its own: `cargo test -p xtask bench_reviewers -- --ignored --nocapture`.
    #[test]
    #[ignore = "a benchmark: about ten seconds"]
    fn reviewers_meet_the_concurrency_and_cache_bars() {
        super::run(&[]).unwrap();
    }
}
