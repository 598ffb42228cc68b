//! `turk audit PATH`: scope (hot-path ranking), static pass, two independent model reviews, report.

use crate::config::{self, Config};
use crate::fsutil::{self, Output};
use anyhow::{Context, Result, bail};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use turk_findings::Finding;
use turk_go::{Analyzer, ScanReport, scope};
use turk_models::{
    ProgressEvent, ReviewInput, ReviewOutcome, ReviewStatus, ReviewerConfig, RunOptions, SourceFile,
};
use turk_report::markdown::count;
use turk_report::{AuditRun, Phase, PhaseStatus, RUN_FORMAT_VERSION, Tool};

#[derive(clap::Args)]
pub struct Args {
    /// The Go repository to audit.
    path: PathBuf,
    /// Configuration file (default: turk.yaml in the repository root).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Where to write the markdown report (`-`: standard output).
    #[arg(long, default_value = "turk-report.md")]
    out: PathBuf,
    /// Also write the run as JSON here (`-`: standard output).
    #[arg(long)]
    json: Option<PathBuf>,
    /// Also write all findings as SARIF 2.1.0 here (`-`: standard output).
    #[arg(long)]
    sarif: Option<PathBuf>,
    /// Print the scope and the requests each reviewer would send, with token and cost estimates; send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Run only these reviewers (ids from the configuration); repeatable or comma-separated.
    #[arg(long = "reviewer", value_delimiter = ',', conflicts_with = "static_only")]
    reviewers: Vec<String>,
    /// Run the scope and the static pass only: no reviewer is called.
    #[arg(long)]
    static_only: bool,
    /// Neither read nor write the answer cache.
    #[arg(long)]
    no_cache: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if !args.path.is_dir() {
        bail!(
            "{}: not a folder (turk audit takes the root of a Go repository)",
            args.path.display()
        );
    }
    // Every output must be writable before anything is scanned or sent: finding out after the paid requests
    // would lose them.
    if !args.dry_run {
        for (_, output) in outputs(&args)? {
            fsutil::check_writable(&output)?;
        }
    }
    let loaded = config::load(&args.path, args.config.as_deref())?;
    if let Some(path) = &loaded.path {
        eprintln!("configuration: {}", path.display());
    }
    let config = loaded.config;
    let reviewers = if args.static_only {
        Vec::new()
    } else {
        selected_reviewers(&config, &args.reviewers)?
    };
    for reviewer in &reviewers {
        eprintln!("reviewer: {}", config::describe(reviewer));
    }

    let analyzer = Analyzer::select(&[], &config.rules.skip)?;
    let report = crate::cmd::scan::scan(&analyzer, std::slice::from_ref(&args.path));
    if report.files.is_empty() {
        bail!(
            "{}: no Go files found (vendor/, testdata/ and generated files are skipped)",
            args.path.display()
        );
    }
    let (scope, scope_phase) = choose_scope(&report, &config)?;
    let team = find_team(&args.path);
    let (system_prompt, charter) = charter(team.as_ref(), &args.path);
    let input = review_input(&report, &scope, system_prompt)?;

    if args.dry_run {
        return dry_run(&scope, &reviewers, &input);
    }

    let options = RunOptions {
        cache_dir: if args.no_cache || !config.cache.enabled {
            None
        } else {
            config::cache_dir(&config)
        },
        progress: None,
    };
    let outcomes = run_reviews(&reviewers, &input, options)?;

    let static_findings: Vec<Finding> = report.findings().cloned().collect();
    let mut phases = vec![scope_phase, static_phase(&report)];
    phases.extend(review_phases(&reviewers, &outcomes, args.static_only));
    let gomod = report
        .modules
        .iter()
        .find(|(dir, _)| dir == ".")
        .or(report.modules.first())
        .map(|(_, m)| m.clone());
    let mut run = AuditRun {
        version: RUN_FORMAT_VERSION,
        tool: Tool {
            name: "turk".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        root: args.path.display().to_string(),
        root_uri: turk_report::sarif::file_uri(&args.path),
        module: gomod.as_ref().and_then(|m| m.module.clone()),
        go_version: gomod.as_ref().and_then(|m| m.go).map(|v| v.to_string()),
        generated_at: turk_roster::now_utc(),
        files_scanned: report.files.len(),
        partly_parsed: report.files_with_parse_errors().map(|f| f.path.clone()).collect(),
        charter,
        phases,
        scope,
        static_findings,
        reviewers: outcomes,
        clusters: Vec::new(),
        summary: Default::default(),
    };
    turk_report::synthesis::apply(&mut run);
    write_outputs(&args, &run)?;
    Ok(ExitCode::SUCCESS)
}

/// The configured reviewers, narrowed by `--reviewer`.
fn selected_reviewers(config: &Config, wanted: &[String]) -> Result<Vec<ReviewerConfig>> {
    for id in wanted {
        if !config.reviewers.iter().any(|r| &r.id == id) {
            let known: Vec<&str> = config.reviewers.iter().map(|r| r.id.as_str()).collect();
            bail!(
                "no reviewer `{id}` in the configuration (configured: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            );
        }
    }
    Ok(config
        .reviewers
        .iter()
        .filter(|r| wanted.is_empty() || wanted.contains(&r.id))
        .cloned()
        .collect())
}

fn choose_scope(report: &ScanReport, config: &Config) -> Result<(Vec<scope::ScopeEntry>, Phase)> {
    if !config.scope.include.is_empty() {
        let entries = scope::pinned(&report.files, &config.scope.include)?;
        if entries.is_empty() {
            bail!(
                "scope.include ({}) matches no Go file",
                config.scope.include.join(", ")
            );
        }
        let detail = format!(
            "{} pinned by scope.include in the configuration",
            count(entries.len(), "file")
        );
        return Ok((
            entries,
            Phase {
                name: "Scope".into(),
                status: PhaseStatus::Done,
                detail,
            },
        ));
    }
    let entries = scope::rank(&report.files, config.scope.max_files);
    let detail = format!(
        "{} ranked from {} scanned (scope.max_files = {})",
        count(entries.len(), "hot-path file"),
        report.files.len(),
        config.scope.max_files
    );
    Ok((
        entries,
        Phase {
            name: "Scope".into(),
            status: PhaseStatus::Done,
            detail,
        },
    ))
}

fn static_phase(report: &ScanReport) -> Phase {
    let findings = report.findings().count();
    let partial: Vec<&str> = report
        .files_with_parse_errors()
        .map(|f| f.path.as_str())
        .collect();
    let mut detail = format!(
        "{} in {}",
        count(findings, "finding"),
        count(report.files.len(), "file")
    );
    if !partial.is_empty() {
        detail.push_str(&format!("; partly parsed (rest scanned): {}", partial.join(", ")));
    }
    if !report.skipped.is_empty() {
        detail.push_str(&format!("; {} skipped", count(report.skipped.len(), "file")));
    }
    let status = if partial.is_empty() {
        PhaseStatus::Done
    } else {
        PhaseStatus::Partial
    };
    Phase {
        name: "Static pass".into(),
        status,
        detail,
    }
}

/// The team folder, if the repository has one; a broken one is reported and the built-in charter used.
fn find_team(root: &Path) -> Option<turk_roster::Team> {
    match turk_roster::Team::discover(root) {
        Ok(team) => Some(team),
        Err(turk_roster::RosterError::NotFound { .. }) => None,
        Err(err) => {
            eprintln!("warning: {err}; using Turk's built-in charter");
            None
        }
    }
}

fn charter(team: Option<&turk_roster::Team>, root: &Path) -> (String, String) {
    match turk_roster::charter_or_builtin(team, "turk") {
        Ok(c) => {
            let origin = match &c.origin {
                turk_roster::CharterOrigin::Team { path } => {
                    // Relative to the repository: the report is shared, and an absolute path says nothing to
                    // its readers but where one machine keeps the checkout.
                    let shown = relative_to(path, root)
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| {
                            path.file_name()
                                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                        });
                    format!("from the team folder ({shown})")
                }
                turk_roster::CharterOrigin::Builtin => {
                    "built in (no charter for Turk in a team folder)".to_string()
                }
            };
            (c.text, origin)
        }
        Err(err) => {
            eprintln!("warning: {err}; using Turk's built-in charter");
            (turk_roster::builtin_turk_charter(), "built in".to_string())
        }
    }
}

/// `path` relative to `root`, comparing canonical paths when the plain ones do not share the prefix.
fn relative_to(path: &Path, root: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.strip_prefix(root) {
        return Some(p.to_path_buf());
    }
    let (path, root) = (path.canonicalize().ok()?, root.canonicalize().ok()?);
    path.strip_prefix(root).ok().map(Path::to_path_buf)
}

/// The files in scope with their text, and the static findings in them as hints.
fn review_input(
    report: &ScanReport,
    scope: &[scope::ScopeEntry],
    system_prompt: String,
) -> Result<ReviewInput> {
    let mut files = Vec::with_capacity(scope.len());
    for entry in scope {
        let path = report.root.join(&entry.path);
        let text =
            std::fs::read_to_string(&path).with_context(|| format!("{}: cannot read", path.display()))?;
        files.push(SourceFile {
            path: entry.path.clone(),
            text,
        });
    }
    let hints = report
        .findings()
        .filter(|f| scope.iter().any(|s| s.path == f.span.path))
        .cloned()
        .collect();
    Ok(ReviewInput {
        system_prompt,
        files,
        hints,
    })
}

fn dry_run(
    scope: &[scope::ScopeEntry],
    reviewers: &[ReviewerConfig],
    input: &ReviewInput,
) -> Result<ExitCode> {
    println!("Scope ({} files):", scope.len());
    for (i, entry) in scope.iter().enumerate() {
        println!(
            "  {:>2}. {} ({} lines): {}",
            i + 1,
            entry.path,
            entry.metrics.lines,
            entry.reason
        );
    }
    println!();
    if reviewers.is_empty() {
        println!("{}", no_reviewer_hint());
    }
    for reviewer in reviewers {
        let plan =
            turk_models::plan(reviewer, input).with_context(|| format!("reviewer `{}`", reviewer.id))?;
        println!("{}", plan.render_text());
    }
    println!("Dry run: nothing was sent and no file was written.");
    Ok(ExitCode::SUCCESS)
}

pub fn no_reviewer_hint() -> &'static str {
    "No model reviewer is configured, so the review phases did not run. To add reviewers, create turk.yaml in the \
     repository root with a `reviewers:` list (see docs/configuration.md), for example:\n\n\
     reviewers:\n  - id: codex\n    label: GPT-5.3-Codex\n    provider: openai\n    base_url: https://api.openai.com/v1\n    \
     model: gpt-5.3-codex\n    api_key_env: OPENAI_API_KEY\n"
}

/// Runs every reviewer at the same time, each with its own progress bar on a terminal.
fn run_reviews(
    reviewers: &[ReviewerConfig],
    input: &ReviewInput,
    options: RunOptions,
) -> Result<Vec<ReviewOutcome>> {
    if reviewers.is_empty() {
        return Ok(Vec::new());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let bars = ReviewerBars::new(reviewers);
    let futures = reviewers.iter().map(|reviewer| {
        let bar = bars.bar(&reviewer.id);
        let options = RunOptions {
            progress: Some(Arc::new(move |event: ProgressEvent| on_progress(&bar, event))),
            ..options.clone()
        };
        async move { turk_models::review(reviewer, input, &options).await }
    });
    let outcomes = runtime.block_on(join_all(futures.collect()));
    bars.finish();
    Ok(outcomes)
}

/// Polls every future to completion concurrently on this task, keeping their order (the reviews borrow the
/// input, so they are not spawned as separate tasks; each review runs its own requests in parallel).
async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut pending: Vec<_> = futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    let mut results: Vec<Option<F::Output>> = (0..pending.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all_done = true;
        for (slot, result) in pending.iter_mut().zip(results.iter_mut()) {
            if let Some(fut) = slot {
                match fut.as_mut().poll(cx) {
                    std::task::Poll::Ready(out) => {
                        *result = Some(out);
                        *slot = None;
                    }
                    std::task::Poll::Pending => all_done = false,
                }
            }
        }
        if all_done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    results
        .into_iter()
        .map(|r| r.expect("every future completed"))
        .collect()
}

struct ReviewerBars {
    multi: Option<MultiProgress>,
    bars: Vec<(String, ProgressBar)>,
}

impl ReviewerBars {
    fn new(reviewers: &[ReviewerConfig]) -> Self {
        if !std::io::stderr().is_terminal() {
            return ReviewerBars {
                multi: None,
                bars: Vec::new(),
            };
        }
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos}/{len} requests {msg}")
            .expect("valid template")
            .progress_chars("=> ");
        let bars = reviewers
            .iter()
            .map(|r| {
                let bar = multi.add(ProgressBar::new(0));
                bar.set_style(style.clone());
                bar.set_prefix(r.label.clone());
                (r.id.clone(), bar)
            })
            .collect();
        ReviewerBars {
            multi: Some(multi),
            bars,
        }
    }

    fn bar(&self, id: &str) -> ProgressBar {
        self.bars
            .iter()
            .find(|(i, _)| i == id)
            .map_or_else(ProgressBar::hidden, |(_, b)| b.clone())
    }

    fn finish(&self) {
        for (_, bar) in &self.bars {
            bar.finish();
        }
        if let Some(multi) = &self.multi {
            let _ = multi.clear();
        }
    }
}

fn on_progress(bar: &ProgressBar, event: ProgressEvent) {
    match event {
        ProgressEvent::Planned { chunks, .. } => bar.set_length(chunks as u64),
        ProgressEvent::ChunkDone { .. } => bar.inc(1),
        ProgressEvent::ChunkFailed { error, .. } => {
            bar.inc(1);
            bar.set_message(format!("failed: {error}"));
        }
        ProgressEvent::Retrying {
            attempt,
            wait_ms,
            reason,
            ..
        } => {
            bar.set_message(format!(
                "retry {attempt} in {:.1}s: {reason}",
                wait_ms as f64 / 1000.0
            ));
        }
        #[allow(unreachable_patterns)]
        _ => {}
    }
}

fn review_phases(reviewers: &[ReviewerConfig], outcomes: &[ReviewOutcome], static_only: bool) -> Vec<Phase> {
    if static_only {
        return vec![Phase {
            name: "Model reviews".into(),
            status: PhaseStatus::Skipped,
            detail: "--static-only: no reviewer was called".into(),
        }];
    }
    if reviewers.is_empty() {
        return vec![Phase {
            name: "Model reviews".into(),
            status: PhaseStatus::Skipped,
            detail:
                "no reviewer is configured: add a `reviewers:` list to turk.yaml (see docs/configuration.md)"
                    .into(),
        }];
    }
    outcomes
        .iter()
        .map(|o| {
            let status = match o.status {
                ReviewStatus::Complete => PhaseStatus::Done,
                ReviewStatus::Partial => PhaseStatus::Partial,
                ReviewStatus::Failed => PhaseStatus::Failed,
            };
            let mut detail = format!(
                "{} ({} verified)",
                count(o.findings.len(), "finding"),
                o.verified().count()
            );
            if o.recorded {
                detail.push_str(", recorded answers");
            }
            if !o.failures.is_empty() {
                detail.push_str(&format!(
                    "; {} failed: {}",
                    count(o.failures.len(), "request"),
                    o.failures[0].error
                ));
            }
            Phase {
                name: format!("Review: {} ({})", o.label, o.model),
                status,
                detail,
            }
        })
        .collect()
}

/// The outputs asked for, in the order they are written: the report, then run.json, then SARIF.
fn outputs(args: &Args) -> Result<Vec<(Kind, Output)>> {
    let mut outputs = vec![(Kind::Report, Output::parse(&args.out))];
    outputs.extend(args.json.as_deref().map(|p| (Kind::Json, Output::parse(p))));
    outputs.extend(args.sarif.as_deref().map(|p| (Kind::Sarif, Output::parse(p))));
    if outputs.iter().filter(|(_, o)| *o == Output::Stdout).count() > 1 {
        bail!("only one of --out, --json and --sarif can be `-` (standard output)");
    }
    Ok(outputs)
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Report,
    Json,
    Sarif,
}

fn write_outputs(args: &Args, run: &AuditRun) -> Result<()> {
    for (kind, output) in outputs(args)? {
        let bytes = match kind {
            Kind::Report => turk_report::markdown::render(run),
            Kind::Json => serde_json::to_string_pretty(run)? + "\n",
            Kind::Sarif => turk_report::sarif::run_to_sarif(run, &crate::diagnostics::rule_infos()),
        };
        fsutil::write_output(&output, bytes.as_bytes())?;
        if let Output::File(path) = &output {
            eprintln!("wrote {}", path.display());
        }
    }
    if run.reviewers.is_empty() && !args.static_only {
        eprintln!("\n{}", no_reviewer_hint());
    }
    Ok(())
}
