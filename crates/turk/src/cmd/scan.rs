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
    let report = scan(&analyzer, &go_paths);
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
    let warnings = diagnostics::warnings(&report, args.report_unused_suppressions);
    let out = match args.format {
        Format::Text => diagnostics::render_text(&report),
        Format::Json => serde_json::to_string_pretty(&diagnostics::scan_json(&report, &warnings))? + "\n",
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
    }
    let unused = warnings.iter().any(|w| w.kind == WarningKind::UnusedSuppression);
    let failing = unused || report.findings().any(|f| f.priority.at_least(args.fail_on));
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
