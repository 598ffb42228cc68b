//! `turk audit PATH`: scope (hot-path ranking), static pass, independent model reviews, their synthesis, report.
//! The phases are turk-audit's; this command reads the configuration, shows progress, writes the outputs and
//! says on the terminal, and in its exit status, what happened.

use crate::config::{self, Config};
use crate::fsutil::{self, Output};
use crate::review_progress::ReviewProgress;
use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::ExitCode;
use turk_audit::{AuditSettings, Prepared, ScopeSettings};
use turk_findings::Priority;
use turk_models::{ReviewOutcome, ReviewStatus, ReviewerConfig, RunOptions};
use turk_report::AuditRun;
use turk_report::markdown::count;

/// Exit status when the report was written but a reviewer failed or reviewed only part of the scope.
pub const EXIT_REVIEW_FAILED: u8 = 3;
/// Exit status after Ctrl-C (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: u8 = 130;

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
    /// Report static findings in test code too (also `scan.tests: true` in turk.yaml).
    #[arg(long)]
    tests: bool,
    /// Neither read nor write the answer cache.
    #[arg(long)]
    no_cache: bool,
    /// Exit 1 when the report has an action or a static finding at or above this priority.
    #[arg(long, value_parser = crate::cmd::scan::parse_priority)]
    fail_on: Option<Priority>,
    /// Audit only the change since the merge base of REV and HEAD, uncommitted changes included: the changed
    /// files are reviewed with their changed lines marked, and static findings are those on changed lines.
    #[arg(long, value_name = "REV")]
    since: Option<String>,
    /// A Go pprof profile of the code (CPU, heap, mutex or block; repeatable): the files it shows hot lead the
    /// scope, static findings in the functions it shows hot rise a priority, and the reviewers are told where the
    /// time goes. Replaces `scope.profiles` of turk.yaml.
    #[arg(long = "profile", value_name = "FILE")]
    profiles: Vec<PathBuf>,
    /// The sample type read from the profiles that record it (`alloc_objects`, `inuse_space`, `contentions`...;
    /// default: cpu, alloc_space, delay by the profile's kind). Replaces `scope.profile_sample`.
    #[arg(long = "profile-sample", value_name = "TYPE")]
    profile_sample: Option<String>,
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
    let outputs = outputs(&args)?;
    if !args.dry_run {
        for (_, output) in &outputs {
            fsutil::check_writable(output)?;
        }
    }
    let loaded = config::load(&args.path, args.config.as_deref())?;
    if let Some(path) = &loaded.path {
        eprintln!("configuration: {}", path.display());
    }
    if let Some(note) = &loaded.reviewers_note {
        eprintln!("{note}");
    }
    let hint = no_reviewer_hint(&loaded);
    let config_path = loaded.path.clone();
    let config = loaded.config;
    let reviewers = if args.static_only {
        Vec::new()
    } else {
        selected_reviewers(&config, &args.reviewers)?
    };
    // Checked where it matters: `turk scan` and `--static-only` review nothing anyway.
    if config.scope.max_files == 0
        && !args.static_only
        && let Some(path) = &config_path
    {
        bail!(
            "{}: scope.max_files is 0, which would review nothing (use --static-only for that)",
            path.display()
        );
    }
    for reviewer in &reviewers {
        eprintln!("reviewer: {}", config::describe(reviewer));
    }
    // A reviewer that cannot run (its key variable unset, its recording missing) stops the audit before
    // anything is scanned or sent; a dry run shows its plan and then says so.
    let not_ready = config::preflight(&reviewers).err();
    if !args.dry_run
        && let Some(err) = not_ready
    {
        return Err(err);
    }

    let bar = crate::progress::files_bar("scanning");
    let prepared = turk_audit::prepare(&settings(&args, &config), &|event| {
        crate::progress::on_scan_progress(&bar, event)
    })
    .map_err(|err| match (&err, &config_path) {
        // The pattern came from the configuration file: say which.
        (turk_audit::AuditError::EmptyScope(_), Some(path)) => anyhow::anyhow!("{}: {err}", path.display()),
        _ => err.into(),
    })?;
    bar.finish_and_clear();
    for warning in &prepared.warnings {
        eprintln!("warning: {warning}");
    }
    for (profile, phase) in prepared.profiles.iter().zip(&prepared.profile_phases) {
        eprintln!("profile {}: {}", profile.files.join(" + "), phase.detail);
    }
    if let Some(s) = &prepared.since {
        eprintln!(
            "changes since {}: merge base {} \"{}\", {} changed, {} in review scope",
            s.rev,
            s.short_merge_base(),
            s.merge_base_summary,
            count(s.files_changed, "Go file"),
            prepared.scope.len()
        );
    }
    if args.dry_run {
        return dry_run(&prepared, &reviewers, not_ready, &hint);
    }

    let options = RunOptions {
        cache_dir: if args.no_cache || !config.cache.enabled {
            None
        } else {
            config::cache_dir(&config)
        },
        progress: None,
    };
    let Some(outcomes) = run_reviews(&reviewers, &prepared, &options)? else {
        interrupted(&options);
        return Ok(ExitCode::from(EXIT_INTERRUPTED));
    };
    let run = turk_audit::finish(prepared, &reviewers, outcomes, args.static_only);
    write_outputs(&outputs, &run)?;
    if run.reviewers.is_empty() && !args.static_only {
        eprintln!("\n{hint}");
    }
    Ok(ExitCode::from(conclude(&run, args.fail_on)))
}

fn settings(args: &Args, config: &Config) -> AuditSettings {
    let mut settings = AuditSettings::new(&args.path);
    settings.scope = ScopeSettings::default();
    settings.scope.include = config.scope.include.clone();
    settings.scope.max_files = config.scope.max_files;
    settings.scope.profiles = if args.profiles.is_empty() {
        config.scope.profiles.clone()
    } else {
        args.profiles.clone()
    };
    settings.scope.profile_sample = args
        .profile_sample
        .clone()
        .or_else(|| config.scope.profile_sample.clone());
    settings.skip_rules = config.rules.skip.clone();
    settings.since = args.since.clone();
    settings.enable_rules = config.rules.enable.clone();
    settings.tests = args.tests || config.scan.tests;
    settings
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

/// Runs the reviews with progress on the terminal (bars) or in a log (one line per event). None after Ctrl-C.
fn run_reviews(
    reviewers: &[ReviewerConfig],
    prepared: &Prepared,
    options: &RunOptions,
) -> Result<Option<Vec<ReviewOutcome>>> {
    if reviewers.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let progress = ReviewProgress::new(reviewers);
    let options = RunOptions {
        progress: Some(progress.callback()),
        ..options.clone()
    };
    let outcomes = runtime.block_on(async {
        tokio::select! {
            outcomes = turk_audit::review_all(reviewers, &prepared.input, &options) => Some(outcomes),
            _ = tokio::signal::ctrl_c() => None,
        }
    });
    progress.finish();
    // Requests still in flight after Ctrl-C are dropped with the runtime; what was answered is in the cache.
    runtime.shutdown_background();
    Ok(outcomes)
}

/// After Ctrl-C: what was kept, and how to go on.
fn interrupted(options: &RunOptions) {
    match &options.cache_dir {
        Some(dir) => eprintln!(
            "interrupted: no report was written. The answers received so far are cached in {}; run the same \
             command again to resume (only the missing requests are sent).",
            dir.display()
        ),
        None => eprintln!(
            "interrupted: no report was written, and nothing was kept (the cache is off: --no-cache or \
             cache.enabled: false)."
        ),
    }
}

/// One line per reviewer, and the exit status: 3 when a reviewer failed or was partial, else 1 when `fail_on` is
/// reached, else 0.
fn conclude(run: &AuditRun, fail_on: Option<Priority>) -> u8 {
    for r in &run.reviewers {
        eprintln!("{}", reviewer_line(r));
    }
    let review_failed = run.reviewers.iter().any(|r| r.status != ReviewStatus::Complete);
    let reached = fail_on.is_some_and(|threshold| {
        run.clusters.iter().any(|c| c.priority.at_least(threshold))
            || run.static_findings.iter().any(|f| f.priority.at_least(threshold))
    });
    if review_failed {
        EXIT_REVIEW_FAILED
    } else if reached {
        1
    } else {
        0
    }
}

/// `codex: 28 findings (27 verified)`, `opus: failed: connection refused at http://127.0.0.1:1/v1`, or
/// `opus: partial: 2 of 5 requests failed (timed out after 120 s); 12 findings (10 verified)`.
fn reviewer_line(r: &ReviewOutcome) -> String {
    let findings = format!(
        "{} ({} verified)",
        count(r.findings.len(), "finding"),
        r.verified().count()
    );
    let first_error = r.failures.first().map_or("", |f| f.error.as_str());
    match r.status {
        ReviewStatus::Complete => format!("{}: {findings}", r.id),
        ReviewStatus::Failed => format!("{}: failed: {first_error}", r.id),
        ReviewStatus::Partial => format!(
            "{}: partial: {} of {} failed ({first_error}); {findings}",
            r.id,
            r.failures.len(),
            count(r.requests_planned.max(r.failures.len()), "request")
        ),
    }
}

fn dry_run(
    prepared: &Prepared,
    reviewers: &[ReviewerConfig],
    not_ready: Option<anyhow::Error>,
    no_reviewer_hint: &str,
) -> Result<ExitCode> {
    let order = if prepared.scope.iter().any(|e| e.pinned) {
        "pinned in configuration"
    } else {
        "hottest first"
    };
    println!("Scope ({} files, {order}):", prepared.scope.len());
    for (i, entry) in prepared.scope.iter().enumerate() {
        println!(
            "  {:>2}. {} ({} lines, score {:.1}): {}",
            i + 1,
            entry.path,
            entry.metrics.lines,
            entry.score,
            entry.kind_and_reason()
        );
    }
    println!();
    if reviewers.is_empty() {
        println!("{no_reviewer_hint}");
    }
    for reviewer in reviewers {
        let plan = turk_models::plan(reviewer, &prepared.input)
            .with_context(|| format!("reviewer `{}`", reviewer.id))?;
        println!("{}", plan.render_text());
    }
    println!("Dry run: nothing was sent and no file was written.");
    match not_ready {
        None => Ok(ExitCode::SUCCESS),
        Some(err) => {
            // The plan is still worth seeing; the audit itself would stop here.
            eprintln!("error: {err:#}");
            Ok(ExitCode::from(2))
        }
    }
}

/// What to do when no reviewer runs, for how the reviewers were (not) configured: no configuration file, one
/// without a `reviewers:` list (the defaults, whose key variables are unset), or one with an empty list.
fn no_reviewer_hint(loaded: &config::Loaded) -> String {
    let keys = format!(
        "{} (GPT-5.3-Codex) and/or {} (Claude Opus 4.6)",
        config::DEFAULT_REVIEWERS[0].key_env,
        config::DEFAULT_REVIEWERS[1].key_env
    );
    let example = "reviewers:\n  - id: codex\n    label: GPT-5.3-Codex\n    provider: openai\n    base_url: \
                   https://api.openai.com/v1\n    model: gpt-5.3-codex\n    api_key_env: OPENAI_API_KEY\n";
    match (&loaded.path, &loaded.reviewers_note) {
        // A written list (the defaults leave a note), and no reviewer: the list is empty.
        (Some(path), None) => format!(
            "No model reviewer is configured: {} has an empty `reviewers:` list, so the review phases did not \
             run. List reviewers there (any OpenAI-compatible endpoint or Azure OpenAI; see \
             docs/configuration.md), or remove the empty list to review with the default models when {keys} \
             is set.",
            path.display()
        ),
        (Some(path), Some(_)) => format!(
            "No model reviewer is configured, so the review phases did not run. Set {keys} to review with the \
             default models, or add a `reviewers:` list to {} (any OpenAI-compatible endpoint or Azure OpenAI; \
             see docs/configuration.md), for example:\n\n{example}",
            path.display()
        ),
        (None, _) => format!(
            "No model reviewer is configured, so the review phases did not run. Set {keys} to review with the \
             default models, or create turk.yaml in the repository root with a `reviewers:` list (any \
             OpenAI-compatible endpoint or Azure OpenAI; see docs/configuration.md), for example:\n\n{example}"
        ),
    }
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

fn write_outputs(outputs: &[(Kind, Output)], run: &AuditRun) -> Result<()> {
    for (kind, output) in outputs {
        let bytes = match kind {
            Kind::Report => turk_report::markdown::render(run),
            Kind::Json => serde_json::to_string_pretty(run)? + "\n",
            Kind::Sarif => turk_report::sarif::run_to_sarif(run, &crate::diagnostics::rule_infos()),
        };
        fsutil::write_output(output, bytes.as_bytes())?;
        if let Output::File(path) = output {
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(())
}
