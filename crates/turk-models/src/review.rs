//! One reviewer's run: plan the requests, answer each from the cache or the endpoint (in parallel, bounded),
//! retry what is worth retrying, split what came back truncated, parse and ground every answer, and account for
//! everything that did not work.

use crate::answer::parse_answer;
use crate::cache::{self, Cache, CachedAnswer};
use crate::chunk::{self, Chunk};
use crate::config::ReviewerConfig;
use crate::ground::ground;
use crate::retry::{self, StopOthers};
use crate::reviewer::{CallError, ModelAnswer, ModelRequest, Reviewer};
use crate::sanitize::Secrets;
use crate::{ProgressEvent, ProgressFn, ReviewInput, RunOptions, plan, prompt, tokens};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::Semaphore;
use turk_findings::{Finding, Origin, Span};
use turk_run::ResponseFormat;
use turk_run::review::*;

/// How many times a truncated answer's request is halved before giving up.
const MAX_SPLIT_DEPTH: u32 = 3;

/// Runs one reviewer over the input. Never panics and never fails: a bad configuration, a missing key or an
/// unreachable endpoint gives a `failed` outcome that says what to fix.
pub async fn review(config: &ReviewerConfig, input: &ReviewInput, options: &RunOptions) -> ReviewOutcome {
    match config.build() {
        Ok(reviewer) => review_with(config, reviewer, input, options).await,
        Err(e) => failed_before_start(config, input, options, e.to_string()),
    }
}

/// Shared state of one run.
struct Run {
    config: ReviewerConfig,
    input: ReviewInput,
    /// The system prompt of every request (the charter and the module outline), built once.
    system: String,
    reviewer: Arc<dyn Reviewer>,
    cache: Option<Cache>,
    endpoint: String,
    progress: Option<ProgressFn>,
    permits: Semaphore,
    /// Every key this run must not write anywhere.
    secrets: Secrets,
    /// Requests planned, for progress messages (`request 3 of 35`).
    planned: usize,
    /// The `response_format` currently in use: steps down once when the endpoint rejects it.
    mode: Mutex<ResponseFormat>,
    notes: Mutex<Vec<String>>,
    /// Set by an error that every request would hit (bad key, wrong URL, endpoint down): later requests are not
    /// sent and waiting ones stop retrying.
    abort: Mutex<Option<String>>,
    /// Whether the endpoint has returned a completion in this run: then a hang is this request's, not the
    /// endpoint's.
    answered_once: AtomicBool,
}

/// A lock that survives a panic elsewhere (the data behind it stays consistent: each update is one statement).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Run {
    fn emit(&self, event: ProgressEvent) {
        if let Some(p) = &self.progress {
            p(event);
        }
    }

    fn note(&self, note: String) {
        let note = self.secrets.clean(&note);
        let mut notes = lock(&self.notes);
        if !notes.contains(&note) {
            notes.push(note);
        }
    }

    /// A failed request, its error cleaned of keys and control characters.
    fn failed(&self, chunk: &Chunk, error: &str, attempts: u32) -> ChunkResult {
        ChunkResult::failed(chunk, self.secrets.clean(error), attempts)
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
        add_usage(&mut self.usage, &other.usage);
        self.answered += other.answered;
    }

    fn failed(chunk: &Chunk, error: String, attempts: u32) -> Self {
        ChunkResult {
            not_reviewed: not_reviewed(ranges(chunk), &error),
            failures: vec![ChunkFailure {
                files: ranges(chunk),
                error,
                attempts,
            }],
            ..Default::default()
        }
    }

    /// This result, failed for `error`, keeping what was spent and what was dropped on the way.
    fn into_failure(self, failure: ChunkResult) -> ChunkResult {
        ChunkResult {
            usage: self.usage,
            dropped: self.dropped,
            ..failure
        }
    }
}

fn add_usage(total: &mut Usage, more: &Usage) {
    total.requests_sent += more.requests_sent;
    total.connected += more.connected;
    total.cached_answers += more.cached_answers;
    total.prompt_tokens += more.prompt_tokens;
    total.completion_tokens += more.completion_tokens;
    total.estimated |= more.estimated;
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

fn not_reviewed(ranges: Vec<LineRange>, reason: &str) -> Vec<NotReviewed> {
    ranges
        .into_iter()
        .map(|r| NotReviewed {
            path: r.path,
            start_line: r.start_line,
            end_line: r.end_line,
            reason: reason.to_string(),
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
    let secrets = Secrets::for_reviewer(config);
    let run = Arc::new(Run {
        config: config.clone(),
        input: input.clone(),
        system: crate::context::system_prompt(input, config.max_request_tokens),
        reviewer,
        // Recorded answers are already on disk and free: caching them would only let an edited recording be
        // shadowed by its old answers.
        cache: options
            .cache_dir
            .as_ref()
            .filter(|_| !recorded)
            .map(|d| Cache::new(d.join(&config.id))),
        endpoint: config.endpoint(),
        progress: options.progress.clone(),
        permits: Semaphore::new(config.concurrency.max(1)),
        secrets: secrets.clone(),
        planned: chunks.len(),
        mode: Mutex::new(config.structured_output.first_format()),
        notes: Mutex::new(Vec::new()),
        abort: Mutex::new(None),
        answered_once: AtomicBool::new(false),
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
            let result = run_chunk(run.clone(), chunk, 0, index + 1).await;
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
    let cost_usd = if recorded {
        None
    } else {
        config.prices().map(|(pin, pout)| {
            (total.usage.prompt_tokens as f64 * pin + total.usage.completion_tokens as f64 * pout) / 1e6
        })
    };
    let response_format = (!recorded && total.usage.connected > 0).then(|| *lock(&run.mode));
    let notes = lock(&run.notes).clone();
    let mut outcome = ReviewOutcome {
        id: config.id.clone(),
        label: config.display_label().to_string(),
        model: config.model.clone(),
        provider: config.provider.kind(),
        endpoint: config.public_endpoint(),
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
    };
    scrub(&mut outcome, &secrets);
    outcome.findings = settle_findings(std::mem::take(&mut outcome.findings));
    outcome
}

/// Sorted (stable whatever order the answers arrived in), without repeats, with distinct fingerprints for
/// repeated code.
fn settle_findings(mut findings: Vec<ReviewedFinding>) -> Vec<ReviewedFinding> {
    let order = |a: &ReviewedFinding, b: &ReviewedFinding| {
        (&a.finding.span, &a.finding.title).cmp(&(&b.finding.span, &b.finding.title))
    };
    // Sorted before (which repeat is kept does not depend on arrival order) and after (a kept repeat may sit
    // elsewhere).
    findings.sort_by(order);
    let mut findings = dedupe(findings);
    findings.sort_by(order);
    let mut plain: Vec<Finding> = findings.iter().map(|f| f.finding.clone()).collect();
    turk_findings::disambiguate_fingerprints(&mut plain);
    for (f, p) in findings.iter_mut().zip(plain) {
        f.finding = p;
    }
    findings
}

/// One finding per problem: the same title on overlapping lines of the same file is one finding, reported twice
/// (two requests that both showed those lines, or the halves of a split request). The verified report wins.
fn dedupe(findings: Vec<ReviewedFinding>) -> Vec<ReviewedFinding> {
    fn title_key(title: &str) -> String {
        title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches('.')
            .to_lowercase()
    }
    fn same(a: &ReviewedFinding, b: &ReviewedFinding) -> bool {
        let (x, y) = (&a.finding.span, &b.finding.span);
        x.path == y.path
            && x.start_line <= y.end_line
            && y.start_line <= x.end_line
            && title_key(&a.finding.title) == title_key(&b.finding.title)
    }
    let mut kept: Vec<ReviewedFinding> = Vec::with_capacity(findings.len());
    for f in findings {
        match kept.iter_mut().find(|k| same(k, &f)) {
            Some(k) => {
                if !k.grounding.is_verified() && f.grounding.is_verified() {
                    *k = f;
                }
            }
            None => kept.push(f),
        }
    }
    kept
}

/// Cleans every text of the outcome that came from (or may quote) the endpoint: keys redacted, control
/// characters removed.
fn scrub(outcome: &mut ReviewOutcome, secrets: &Secrets) {
    for f in &mut outcome.findings {
        f.finding.title = secrets.clean_line(&f.finding.title);
        f.finding.span.path = secrets.clean_line(&f.finding.span.path);
        f.finding.why = secrets.clean(&f.finding.why);
        f.finding.fix = secrets.clean(&f.finding.fix);
        if let Grounding::Unverified { reason } = &mut f.grounding {
            *reason = secrets.clean(reason);
        }
    }
    for d in &mut outcome.dropped {
        d.raw = secrets.clean(&d.raw);
        d.reason = secrets.clean(&d.reason);
    }
    for f in &mut outcome.failures {
        f.error = secrets.clean(&f.error);
    }
    for n in &mut outcome.not_reviewed {
        n.reason = secrets.clean(&n.reason);
    }
    for note in &mut outcome.notes {
        *note = secrets.clean(note);
    }
}

/// Answers one chunk: cache, else the endpoint with retries; halves it after a truncated answer. `number` is the
/// planned request's 1-based number (shared by its halves), for progress messages.
fn run_chunk(
    run: Arc<Run>,
    chunk: Chunk,
    depth: u32,
    number: usize,
) -> std::pin::Pin<Box<dyn Future<Output = ChunkResult> + Send>> {
    Box::pin(async move {
        let system = run.system.clone();
        let user = prompt::user_prompt(&chunk, &run.input);
        let key = cache::key(&run.endpoint, &run.config.model, &system, &user);
        let mut result = ChunkResult::default();

        let cached = run.cache.as_ref().and_then(|c| c.get(&key)).and_then(|hit| {
            let answer = ModelAnswer {
                content: run.secrets.clean(&hit.content),
                finish_reason: hit.finish_reason,
                ..Default::default()
            };
            // An entry written before unusable answers were refused: ask again rather than trust it.
            (answer.truncated() || parse_answer(&answer.content).problem().is_none()).then_some(answer)
        });
        let mut attempts = 0;
        let live = cached.is_none();
        let answer = match cached {
            Some(answer) => {
                result.usage.cached_answers += 1;
                answer
            }
            None => {
                let sent = {
                    let Ok(_permit) = run.permits.acquire().await else {
                        return run.failed(&chunk, "the run was shut down", 0);
                    };
                    send_with_retries(&run, &system, &user, &chunk, number).await
                };
                attempts = sent.attempts;
                result.usage.requests_sent += u64::from(sent.attempts);
                result.usage.connected += u64::from(sent.connected);
                let mut answer = match sent.outcome {
                    Ok(a) => a,
                    Err(error) => return result.into_failure(run.failed(&chunk, &error, attempts)),
                };
                // Before anything keeps it (the cache, the parser, the report).
                answer.content = run.secrets.clean(&answer.content);
                account(&mut result.usage, &answer, &system, &user);
                answer
            }
        };
        if answer.truncated() {
            // Never cached; an old cache might still hold one: treated like a live one.
            return split_after_truncation(run, chunk, depth, number, result).await;
        }
        let parsed = parse_answer(&answer.content);
        result
            .dropped
            .extend(parsed.dropped.iter().map(|(raw, reason)| DroppedFinding {
                raw: raw.clone(),
                reason: reason.clone(),
            }));
        if let Some(problem) = parsed.problem() {
            // Not a review of this code: neither "no findings" nor worth caching.
            return result.into_failure(run.failed(&chunk, &problem, attempts));
        }
        if live && let Some(cache) = &run.cache {
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
        result.answered += 1;
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
    number: usize,
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
        let error = format!(
            "the answer was cut off at max_output_tokens ({}) even for a small request: raise max_output_tokens",
            run.config.max_output_tokens
        );
        return so_far.into_failure(run.failed(&chunk, &error, 0));
    };
    run.note(
        "an answer was cut off at max_output_tokens; its request was split in two and re-sent".to_string(),
    );
    let (ra, rb) = tokio::join!(
        run_chunk(run.clone(), a, depth + 1, number),
        run_chunk(run, b, depth + 1, number)
    );
    so_far.merge(ra);
    so_far.merge(rb);
    so_far
}

/// The end of one request's attempts.
struct Sent {
    outcome: Result<ModelAnswer, String>,
    /// HTTP attempts made.
    attempts: u32,
    /// Attempts that got an HTTP answer.
    connected: u32,
}

/// Sends one request until it succeeds, fails for good, or runs out of the retries its failure deserves.
async fn send_with_retries(run: &Run, system: &str, user: &str, chunk: &Chunk, number: usize) -> Sent {
    let config = &run.config;
    let mut sent = Sent {
        outcome: Err(String::new()),
        attempts: 0,
        connected: 0,
    };
    let mut retries = 0u32;
    // Why the previous attempt failed: what this request says if another one stops the run while it waits.
    let mut last_reason: Option<String> = None;
    loop {
        if let Some(reason) = lock(&run.abort).clone() {
            sent.outcome = Err(last_reason.unwrap_or_else(|| format!("not sent: {reason}")));
            return sent;
        }
        let mode = *lock(&run.mode);
        let request = ModelRequest {
            system: system.to_string(),
            user: user.to_string(),
            format: mode,
            parts: chunk.parts.clone(),
        };
        sent.attempts += 1;
        let error = match run.reviewer.complete(&request).await {
            Ok(answer) => {
                sent.connected += 1;
                run.answered_once.store(true, Ordering::Relaxed);
                sent.outcome = Ok(answer);
                return sent;
            }
            Err(e) => e,
        };
        if error.connected() {
            sent.connected += 1;
        }
        if retry::is_format_rejection(&error)
            && let Some(next) = mode.fallback()
        {
            let mut current = lock(&run.mode);
            if *current == mode {
                *current = next;
                drop(current);
                run.note(format!(
                    "the endpoint rejected response_format `{mode}` ({}); using `{next}` instead",
                    short(&error),
                ));
            }
            continue;
        }
        let verdict = retry::classify(&error, config);
        let reason = run.secrets.clean(&verdict.reason);
        if retries >= verdict.retries {
            let stop_others = match verdict.stop_others {
                StopOthers::Yes => true,
                StopOthers::IfNothingAnswered => !run.answered_once.load(Ordering::Relaxed),
                StopOthers::No => false,
            };
            if stop_others {
                lock(&run.abort).get_or_insert_with(|| reason.clone());
            }
            sent.outcome = Err(reason);
            return sent;
        }
        retries += 1;
        last_reason = Some(reason.clone());
        let wait = retry::wait_before(retries, config, verdict.retry_after);
        run.emit(ProgressEvent::Retrying {
            reviewer: config.id.clone(),
            request: number,
            requests: run.planned,
            attempt: retries,
            max_retries: verdict.retries,
            wait_ms: wait.as_millis() as u64,
            reason,
        });
        tokio::time::sleep(wait).await;
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
    let error = Secrets::for_reviewer(config).clean(&error);
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
        provider: config.provider.kind(),
        endpoint: config.public_endpoint(),
        status: ReviewStatus::Failed,
        recorded: config.provider.recorded(),
        findings: Vec::new(),
        usage: Usage::default(),
        cost_usd: None,
        not_reviewed: not_reviewed(files.clone(), &error),
        failures: vec![ChunkFailure {
            files,
            error,
            attempts: 0,
        }],
        dropped: Vec::new(),
        requests_planned: 0,
        response_format: None,
        notes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use turk_findings::{Category, Priority};

    fn finding(path: &str, start: u32, end: u32, title: &str, verified: bool) -> ReviewedFinding {
        ReviewedFinding {
            finding: Finding::new(
                Origin::reviewer("r"),
                Category::Allocation,
                Priority::P2,
                Span::lines(path, start, end),
                title,
            ),
            grounding: if verified {
                Grounding::Verified
            } else {
                Grounding::unverified("lines were not in the request")
            },
        }
    }

    #[test]
    fn the_same_finding_twice_is_kept_once_and_verified() {
        let settled = settle_findings(vec![
            finding("a.go", 10, 12, "Sprintf in a loop", false),
            finding("a.go", 12, 12, "sprintf in a  loop.", true),
            finding("a.go", 30, 30, "Sprintf in a loop", false),
            finding("a.go", 10, 12, "Lock held across I/O", false),
            finding("b.go", 10, 12, "Sprintf in a loop", true),
        ]);
        let seen: Vec<(&str, u32, bool)> = settled
            .iter()
            .map(|f| {
                (
                    f.finding.span.path.as_str(),
                    f.finding.span.start_line,
                    f.grounding.is_verified(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("a.go", 10, false),
                ("a.go", 12, true),
                ("a.go", 30, false),
                ("b.go", 10, true)
            ]
        );
        assert_eq!(settled[0].finding.title, "Lock held across I/O");
    }
}
