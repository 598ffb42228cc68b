//! `turk scan PATH...`: the static rules, as a CI check.

use crate::diagnostics;
use crate::progress;
use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;
use turk_findings::Priority;
use turk_go::{Analyzer, ScanReport, Selection, WarningKind};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(clap::Args)]
pub struct Args {
    /// Go files or folders to scan (folders are walked, honouring .gitignore; vendor/ and testdata/ skipped).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit 1 when a finding at or above this priority is reported.
    #[arg(long, default_value = "P2", value_parser = parse_priority)]
    fail_on: Priority,
    /// Run only these rules (ids or families like `conc`); repeatable or comma-separated.
    #[arg(long = "rule", value_delimiter = ',')]
    rules: Vec<String>,
    /// Skip these rules (ids or families); repeatable or comma-separated.
    #[arg(long = "skip-rule", value_delimiter = ',')]
    skip_rules: Vec<String>,
    /// Run every rule, style rules included (also `scan.all: true` in turk.yaml).
    #[arg(long)]
    all: bool,
    /// Report findings in test code too: _test.go files, test-support packages, test helpers (also
    /// `scan.tests: true` in turk.yaml).
    #[arg(long)]
    tests: bool,
    /// Report each suppression (`//turk:ignore`, `//nolint:turk…`) that silences no finding; any makes the exit
    /// status 1.
    #[arg(long)]
    report_unused_suppressions: bool,
    /// Configuration whose `rules` and `scan` sections apply (default: turk.yaml in the scanned folder, when one
    /// folder is given).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Report only findings on lines added or changed since the merge base of REV and HEAD, uncommitted changes
    /// included (`--since origin/main`).
    #[arg(long, value_name = "REV")]
    since: Option<String>,
    /// Hide the findings whose fingerprints this baseline file lists (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write the fingerprints of the findings reported to FILE, to hide them later with --baseline (exit status 0).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

pub fn parse_priority(s: &str) -> Result<Priority, String> {
    s.parse::<Priority>().map_err(|e| e.to_string())
}

pub fn run(args: Args) -> Result<ExitCode> {
    for path in &args.paths {
        if let Err(err) = std::fs::metadata(path) {
            // A symlink loop or a path through an unreadable folder is not "missing": say what went wrong.
            if err.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(path).is_err() {
                bail!("{}: no such file or folder", path.display());
            }
            bail!("{}: {err}", path.display());
        }
    }
    // Files named on the command line that are not Go (`turk scan go.mod`) are skipped, not parsed as Go.
    let (go_paths, not_go): (Vec<PathBuf>, Vec<PathBuf>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| p.is_dir() || p.extension().is_some_and(|e| e == "go"));
    for path in &not_go {
        eprintln!(
            "skipped: {}: not a Go file (only .go files are scanned)",
            path.display()
        );
    }
    let mut selection = Selection::only(&args.rules, &args.skip_rules);
    selection.all_tiers = args.all;
    selection.tests = args.tests;
    let config_root = match args.paths.as_slice() {
        [single] if single.is_dir() => Some(single.as_path()),
        _ => None,
    };
    if args.config.is_some() || config_root.is_some() {
        let loaded = crate::config::load(
            config_root.unwrap_or(std::path::Path::new(".")),
            args.config.as_deref(),
        )?;
        let config = loaded.config;
        selection.skip.extend(config.rules.skip);
        selection.enable = config.rules.enable;
        selection.all_tiers |= config.scan.all;
        selection.tests |= config.scan.tests;
    }
    let analyzer = Analyzer::new(&selection)?;
    if go_paths.is_empty() {
        bail!("no Go files to scan: every path given is a file that is not Go");
    }
    // A bad baseline or an unwritable one is found before the scan.
    let baseline = args.baseline.as_deref().map(crate::baseline::read).transpose()?;
    if let Some(path) = &args.write_baseline {
        crate::fsutil::check_writable(&crate::fsutil::Output::File(path.clone()))?;
    }
    let mut report = scan(&analyzer, &go_paths);
    if report.files.is_empty() {
        let names: Vec<String> = go_paths.iter().map(|p| p.display().to_string()).collect();
        let skipped = if report.skipped.is_empty() {
            String::new()
        } else {
            format!(
                "; {} skipped: {}",
                report.skipped.len(),
                report
                    .skipped
                    .iter()
                    .map(|s| format!("{} ({})", s.path, s.reason))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        bail!(
            "no Go files in {} (vendor/, testdata/, hidden folders and generated files are skipped){skipped}",
            names.join(", ")
        );
    }
    let since = match &args.since {
        Some(rev) => {
            let changes = turk_audit::changes::changes_since(&report.root, rev)?;
            Some(turk_audit::changes::keep_changed(&mut report, &changes))
        }
        None => None,
    };
    if let Some(path) = &args.write_baseline {
        let n = crate::baseline::write(path, &report)?;
        eprintln!(
            "wrote {}: {} (hidden from later scans by --baseline {})",
            path.display(),
            turk_report::markdown::count(n, "finding"),
            path.display()
        );
    }
    let baselined = baseline.as_ref().map(|b| crate::baseline::hide(&mut report, b));
    let warnings = diagnostics::warnings(&report, args.report_unused_suppressions);
    let out = match args.format {
        Format::Text => diagnostics::render_text(&report),
        Format::Json => {
            let mut json = diagnostics::scan_json(&report, &warnings);
            if let Some(since) = &since {
                json["since"] = serde_json::to_value(since)?;
            }
            if let Some(n) = baselined {
                json["baselined"] = n.into();
            }
            serde_json::to_string_pretty(&json)? + "\n"
        }
        Format::Sarif => {
            turk_report::sarif::to_sarif(
                &report.findings().cloned().collect::<Vec<_>>(),
                &diagnostics::rule_infos(),
                env!("CARGO_PKG_VERSION"),
                turk_report::sarif::file_uri(&report.root).as_deref(),
            ) + "\n"
        }
    };
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes()).context("writing the results")?;
    for warning in &warnings {
        eprintln!("{}", diagnostics::warning_line(&report, warning));
    }
    if matches!(args.format, Format::Text) {
        eprint!("{}", diagnostics::summary(&report, &analyzer));
        if let Some(s) = &since {
            eprintln!(
                "since {} (merge base {} \"{}\"): {} changed; findings on other lines are not reported",
                s.rev,
                s.short_merge_base(),
                s.merge_base_summary,
                turk_report::markdown::count(s.files_changed, "Go file")
            );
        }
        if let (Some(n), Some(path)) = (baselined, &args.baseline) {
            eprintln!(
                "baseline {}: {} hidden",
                path.display(),
                turk_report::markdown::count(n, "finding")
            );
        }
    }
    // Writing a baseline accepts every finding reported: the run succeeded.
    let unused = warnings.iter().any(|w| w.kind == WarningKind::UnusedSuppression);
    let failing = unused
        || (args.write_baseline.is_none() && report.findings().any(|f| f.priority.at_least(args.fail_on)));
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Scans with a progress bar on a terminal.
pub fn scan(analyzer: &Analyzer, paths: &[PathBuf]) -> ScanReport {
    let bar = progress::files_bar("scanning");
    let report = analyzer.scan_with_progress(paths, &|event| progress::on_scan_progress(&bar, event));
    bar.finish_and_clear();
    report
}
