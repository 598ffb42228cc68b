//! One reviewer's run: plan the requests, answer each from the cache or the endpoint (in parallel, bounded),
//! retry what is worth retrying, split what came back truncated, parse and ground every answer, and account for
//! everything that did not work.

use crate::answer::parse_answer;
use crate::cache::{self, Cache, CachedAnswer};
use crate::chunk::{self, Chunk};
use crate::client::{CallError, ModelAnswer, ModelRequest, OpenAiReviewer, ResponseMode, Reviewer};
use crate::config::{Provider, ReviewerConfig};
use crate::ground::ground;
use crate::replay::ReplayReviewer;
use crate::retry::{self, Verdict};
use crate::{ProgressEvent, ProgressFn, ReviewInput, RunOptions, plan, prompt, tokens};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;
use turk_findings::{Finding, Origin, Span};
use turk_run::review::*;

/// How many times a truncated answer's request is halved before giving up.
const MAX_SPLIT_DEPTH: u32 = 3;

/// Runs one reviewer over the input. Never panics and never fails: a bad configuration, a missing key or an
/// unreachable endpoint gives a `failed` outcome that says what to fix.
pub async fn review(config: &ReviewerConfig, input: &ReviewInput, options: &RunOptions) -> ReviewOutcome {
    if let Err(e) = config.validate() {
        return failed_before_start(config, input, options, e.to_string());
    }
    let reviewer: Result<Arc<dyn Reviewer>, String> = match config.provider {
        Provider::Replay => match &config.replay_dir {
            Some(dir) => ReplayReviewer::from_dir(dir).map(|r| Arc::new(r) as Arc<dyn Reviewer>),
            None => Err("replay_dir is required for replay".into()),
        },
        _ => OpenAiReviewer::new(config).map(|r| Arc::new(r) as Arc<dyn Reviewer>),
    };
    match reviewer {
        Ok(reviewer) => review_with(config, reviewer, input, options).await,
        Err(e) => failed_before_start(config, input, options, format!("reviewer `{}`: {e}", config.id)),
    }
}

/// Shared state of one run.
struct Run {
    config: ReviewerConfig,
    input: ReviewInput,
    reviewer: Arc<dyn Reviewer>,
    cache: Option<Cache>,
    endpoint: String,
    progress: Option<ProgressFn>,
    permits: Semaphore,
    /// The `response_format` currently in use: steps down once when the endpoint rejects it.
    mode: Mutex<ResponseMode>,
    notes: Mutex<Vec<String>>,
    /// Set by an error that every request would hit (bad key, wrong URL): later requests are not sent.
    abort: Mutex<Option<String>>,
}

impl Run {
    fn emit(&self, event: ProgressEvent) {
        if let Some(p) = &self.progress {
            p(event);
        }
    }

    fn note(&self, note: String) {
        let mut notes = self.notes.lock().unwrap_or_else(|e| e.into_inner());
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
}

/// What one request (and any split of it) produced.
#[derive(Default)]
struct ChunkResult {
    findings: Vec<ReviewedFinding>,
    dropped: Vec<DroppedFinding>,
    failures: Vec<ChunkFailure>,
    not_reviewed: Vec<NotReviewed>,
    usage: Usage,
    answered: usize,
}

impl ChunkResult {
    fn merge(&mut self, other: ChunkResult) {
        self.findings.extend(other.findings);
        self.dropped.extend(other.dropped);
        self.failures.extend(other.failures);
        self.not_reviewed.extend(other.not_reviewed);
        self.usage.requests_sent += other.usage.requests_sent;
        self.usage.cached_answers += other.usage.cached_answers;
        self.usage.prompt_tokens += other.usage.prompt_tokens;
        self.usage.completion_tokens += other.usage.completion_tokens;
        self.usage.estimated |= other.usage.estimated;
        self.answered += other.answered;
    }

    fn failed(chunk: &Chunk, error: String, attempts: u32) -> Self {
        ChunkResult {
            failures: vec![ChunkFailure {
                files: ranges(chunk),
                error: error.clone(),
                attempts,
            }],
            not_reviewed: ranges(chunk)
                .into_iter()
                .map(|r| NotReviewed {
                    path: r.path,
                    start_line: r.start_line,
                    end_line: r.end_line,
                    reason: error.clone(),
                })
                .collect(),
            ..Default::default()
        }
    }
}

fn ranges(chunk: &Chunk) -> Vec<LineRange> {
    chunk
        .parts
        .iter()
        .map(|p| LineRange {
            path: p.path.clone(),
            start_line: p.start_line,
            end_line: p.end_line,
        })
        .collect()
}

/// Runs a review with any [`Reviewer`] (the configuration still supplies the limits, retries and cache key).
pub async fn review_with(
    config: &ReviewerConfig,
    reviewer: Arc<dyn Reviewer>,
    input: &ReviewInput,
    options: &RunOptions,
) -> ReviewOutcome {
    let chunks = match plan::chunks_for(config, input) {
        Ok(c) => c,
        Err(e) => return failed_before_start(config, input, options, e.to_string()),
    };
    let recorded = reviewer.recorded();
    let run = Arc::new(Run {
        config: config.clone(),
        input: input.clone(),
        reviewer,
        cache: options.cache_dir.as_ref().map(|d| Cache::new(d.join(&config.id))),
        endpoint: config.endpoint(),
        progress: options.progress.clone(),
        permits: Semaphore::new(config.concurrency.max(1)),
        mode: Mutex::new(ResponseMode::initial(config.structured_output)),
        notes: Mutex::new(Vec::new()),
        abort: Mutex::new(None),
    });
    run.emit(ProgressEvent::Planned {
        reviewer: config.id.clone(),
        chunks: chunks.len(),
    });

    // Every chunk is a task; the semaphore bounds how many are talking to the endpoint. Dropping this future
    // (Ctrl-C) aborts the tasks; answers already received are in the cache.
    let mut tasks = tokio::task::JoinSet::new();
    for (index, chunk) in chunks.iter().cloned().enumerate() {
        let run = run.clone();
        tasks.spawn(async move {
            let result = run_chunk(run.clone(), chunk, 0).await;
            match result.failures.first() {
                None => run.emit(ProgressEvent::ChunkDone {
                    reviewer: run.config.id.clone(),
                    cached: result.usage.requests_sent == 0 && result.usage.cached_answers > 0,
                }),
                Some(f) => run.emit(ProgressEvent::ChunkFailed {
                    reviewer: run.config.id.clone(),
                    error: f.error.clone(),
                }),
            }
            (index, result)
        });
    }
    let mut results: Vec<(usize, ChunkResult)> = Vec::with_capacity(chunks.len());
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(r) => results.push(r),
            Err(e) => {
                // A panic inside a task (a bug) costs that request, not the run.
                run.note(format!("a request task ended abnormally: {e}"));
            }
        }
    }
    // Requests whose task died are reported as not reviewed.
    let done: Vec<usize> = results.iter().map(|(i, _)| *i).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        if !done.contains(&i) {
            results.push((
                i,
                ChunkResult::failed(chunk, "internal error while handling this request".into(), 0),
            ));
        }
    }
    results.sort_by_key(|(i, _)| *i);
    let mut total = ChunkResult::default();
    for (_, r) in results {
        total.merge(r);
    }

    let status = if total.failures.is_empty() {
        ReviewStatus::Complete
    } else if total.answered > 0 {
        ReviewStatus::Partial
    } else {
        ReviewStatus::Failed
    };
    // Stable output whatever order the answers arrived in; distinct fingerprints for repeated code.
    total
        .findings
        .sort_by(|a, b| (&a.finding.span, &a.finding.title).cmp(&(&b.finding.span, &b.finding.title)));
    let mut plain: Vec<Finding> = total.findings.iter().map(|f| f.finding.clone()).collect();
    turk_findings::disambiguate_fingerprints(&mut plain);
    for (f, p) in total.findings.iter_mut().zip(plain) {
        f.finding = p;
    }
    let cost_usd = if recorded {
        None
    } else {
        config.prices().map(|(pin, pout)| {
            (total.usage.prompt_tokens as f64 * pin + total.usage.completion_tokens as f64 * pout) / 1e6
        })
    };
    let notes = run.notes.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let response_format = (!recorded && total.usage.requests_sent > 0).then(|| {
        run.mode
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_str()
            .to_string()
    });
    ReviewOutcome {
        id: config.id.clone(),
        label: config.display_label().to_string(),
        model: config.model.clone(),
        provider: config.provider.as_str().to_string(),
        endpoint: None,
        status,
        recorded,
        findings: total.findings,
        usage: total.usage,
        cost_usd,
        failures: total.failures,
        dropped: total.dropped,
        not_reviewed: total.not_reviewed,
        requests_planned: chunks.len(),
        response_format,
        notes,
    }
}

/// Answers one chunk: cache, else the endpoint with retries; halves it after a truncated answer.
fn run_chunk(
    run: Arc<Run>,
    chunk: Chunk,
    depth: u32,
) -> std::pin::Pin<Box<dyn Future<Output = ChunkResult> + Send>> {
    Box::pin(async move {
        let system = run.input.system_prompt.clone();
        let user = prompt::user_prompt(&chunk, &run.input);
        let key = cache::key(&run.endpoint, &run.config.model, &system, &user);
        let mut result = ChunkResult::default();

        let answer = match run.cache.as_ref().and_then(|c| c.get(&key)) {
            Some(hit) => {
                result.usage.cached_answers += 1;
                ModelAnswer {
                    content: hit.content,
                    finish_reason: hit.finish_reason,
                    ..Default::default()
                }
            }
            None => {
                let (outcome, attempts) = {
                    let Ok(_permit) = run.permits.acquire().await else {
                        return ChunkResult::failed(&chunk, "the run was shut down".into(), 0);
                    };
                    send_with_retries(&run, &system, &user, &chunk).await
                };
                result.usage.requests_sent += u64::from(attempts);
                let answer = match outcome {
                    Ok(a) => a,
                    Err(error) => {
                        let mut failed = ChunkResult::failed(&chunk, error, attempts);
                        failed.usage = result.usage;
                        return failed;
                    }
                };
                account(&mut result.usage, &answer, &system, &user);
                if answer.truncated() {
                    return split_after_truncation(run, chunk, depth, result).await;
                }
                if let Some(cache) = &run.cache {
                    let entry = CachedAnswer {
                        reviewer: run.config.id.clone(),
                        model: run.config.model.clone(),
                        endpoint: run.endpoint.clone(),
                        content: answer.content.clone(),
                        finish_reason: answer.finish_reason.clone(),
                        prompt_tokens: answer.prompt_tokens.unwrap_or(0),
                        completion_tokens: answer.completion_tokens.unwrap_or(0),
                    };
                    if let Err(e) = cache.put(&key, &entry) {
                        run.note(format!(
                            "answers could not be cached in {}: {e}",
                            cache.dir().display()
                        ));
                    }
                }
                answer
            }
        };
        if answer.truncated() {
            // A truncated answer is never cached, but an old cache might hold one: treat it like a live one.
            return split_after_truncation(run, chunk, depth, result).await;
        }
        result.answered += 1;
        let parsed = parse_answer(&answer.content);
        result.dropped.extend(
            parsed
                .dropped
                .into_iter()
                .map(|(raw, reason)| DroppedFinding { raw, reason }),
        );
        for raw in parsed.findings {
            let g = ground(&raw, &chunk, &run.input.files);
            let finding = Finding::new(
                Origin::reviewer(&run.config.id),
                raw.category,
                raw.priority,
                Span::lines(g.path, raw.start_line, raw.end_line),
                raw.title,
            )
            .with_why(raw.why)
            .with_fix(raw.fix)
            .with_fingerprint_from(&g.code);
            result.findings.push(ReviewedFinding {
                finding,
                grounding: g.grounding,
            });
        }
        result
    })
}

/// Token usage of one answer: the endpoint's numbers, else local counts.
fn account(usage: &mut Usage, answer: &ModelAnswer, system: &str, user: &str) {
    match answer.prompt_tokens {
        Some(n) => usage.prompt_tokens += n,
        None => {
            usage.prompt_tokens += (tokens::count(system) + tokens::count(user)) as u64;
            usage.estimated = true;
        }
    }
    match answer.completion_tokens {
        Some(n) => usage.completion_tokens += n,
        None => {
            usage.completion_tokens += tokens::count(&answer.content) as u64;
            usage.estimated = true;
        }
    }
}

async fn split_after_truncation(
    run: Arc<Run>,
    chunk: Chunk,
    depth: u32,
    mut so_far: ChunkResult,
) -> ChunkResult {
    let halves = if depth < MAX_SPLIT_DEPTH {
        chunk::split_chunk(&chunk, |path| {
            run.input
                .files
                .iter()
                .find(|f| f.path == path)
                .map(|f| f.text.clone())
        })
    } else {
        None
    };
    let Some((a, b)) = halves else {
        let mut failed = ChunkResult::failed(
            &chunk,
            format!(
                "the answer was cut off at max_output_tokens ({}) even for a small request: raise max_output_tokens",
                run.config.max_output_tokens
            ),
            0,
        );
        failed.usage = so_far.usage;
        return failed;
    };
    run.note(
        "an answer was cut off at max_output_tokens; its request was split in two and re-sent".to_string(),
    );
    let (ra, rb) = tokio::join!(run_chunk(run.clone(), a, depth + 1), run_chunk(run, b, depth + 1));
    so_far.merge(ra);
    so_far.merge(rb);
    so_far
}

/// Sends one request until it succeeds, fails for good, or runs out of retries. Returns the outcome and the
/// number of HTTP attempts.
async fn send_with_retries(
    run: &Run,
    system: &str,
    user: &str,
    chunk: &Chunk,
) -> (Result<ModelAnswer, String>, u32) {
    let config = &run.config;
    let mut attempts = 0u32;
    let mut retries = 0u32;
    loop {
        if let Some(reason) = run.abort.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            return (Err(format!("not sent: {reason}")), attempts);
        }
        let mode = *run.mode.lock().unwrap_or_else(|e| e.into_inner());
        let request = ModelRequest {
            system: system.to_string(),
            user: user.to_string(),
            format: mode,
            parts: chunk.parts.clone(),
        };
        attempts += 1;
        let error = match run.reviewer.complete(&request).await {
            Ok(answer) => return (Ok(answer), attempts),
            Err(e) => e,
        };
        if retry::is_format_rejection(&error)
            && let Some(next) = mode.fallback()
        {
            let mut current = run.mode.lock().unwrap_or_else(|e| e.into_inner());
            if *current == mode {
                *current = next;
                drop(current);
                run.note(format!(
                    "the endpoint rejected response_format `{}` ({}); using `{}` instead",
                    mode.as_str(),
                    short(&error),
                    next.as_str()
                ));
            }
            continue;
        }
        match retry::classify(&error, config) {
            Verdict::Fatal(message) => {
                if matches!(
                    error,
                    CallError::Http {
                        status: 401 | 403 | 404,
                        ..
                    }
                ) {
                    let mut abort = run.abort.lock().unwrap_or_else(|e| e.into_inner());
                    abort.get_or_insert_with(|| message.clone());
                }
                return (Err(message), attempts);
            }
            Verdict::Retry { reason, retry_after } => {
                if retries >= config.max_retries {
                    return (
                        Err(format!("gave up after {attempts} attempts: {reason}")),
                        attempts,
                    );
                }
                retries += 1;
                let wait = retry::wait_before(retries, config, retry_after);
                run.emit(ProgressEvent::Retrying {
                    reviewer: config.id.clone(),
                    attempt: retries,
                    wait_ms: wait.as_millis() as u64,
                    reason,
                });
                tokio::time::sleep(wait).await;
            }
        }
    }
}

fn short(error: &CallError) -> String {
    match error {
        CallError::Http { status, .. } => format!("HTTP {status}"),
        other => other.to_string(),
    }
}

/// The outcome of a run that could not start: every file is not reviewed, for the same reason.
fn failed_before_start(
    config: &ReviewerConfig,
    input: &ReviewInput,
    options: &RunOptions,
    error: String,
) -> ReviewOutcome {
    if let Some(p) = &options.progress {
        p(ProgressEvent::Planned {
            reviewer: config.id.clone(),
            chunks: 0,
        });
        p(ProgressEvent::ChunkFailed {
            reviewer: config.id.clone(),
            error: error.clone(),
        });
    }
    let files: Vec<LineRange> = input
        .files
        .iter()
        .map(|f| LineRange {
            path: f.path.clone(),
            start_line: 1,
            end_line: f.text.lines().count().max(1) as u32,
        })
        .collect();
    ReviewOutcome {
        id: config.id.clone(),
        label: config.display_label().to_string(),
        model: config.model.clone(),
        provider: config.provider.as_str().to_string(),
        endpoint: None,
        status: ReviewStatus::Failed,
        recorded: config.provider == Provider::Replay,
        findings: Vec::new(),
        usage: Usage::default(),
        cost_usd: None,
        failures: vec![ChunkFailure {
            files: files.clone(),
            error: error.clone(),
            attempts: 0,
        }],
        dropped: Vec::new(),
        not_reviewed: files
            .into_iter()
            .map(|r| NotReviewed {
                path: r.path,
                start_line: r.start_line,
                end_line: r.end_line,
                reason: error.clone(),
            })
            .collect(),
        requests_planned: 0,
        response_format: None,
        notes: Vec::new(),
    }
}
