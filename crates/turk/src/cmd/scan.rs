//! `turk scan PATH...`: the static rules, as a CI check.

use crate::diagnostics;
use crate::progress;
use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;
use turk_findings::Priority;
use turk_go::{Analyzer, ScanReport};

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
    /// Configuration whose `rules.skip` applies (default: turk.yaml in the scanned folder, when one folder is given).
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
    let mut skip = args.skip_rules.clone();
    let config_root = match args.paths.as_slice() {
        [single] if single.is_dir() => Some(single.as_path()),
        _ => None,
    };
    if args.config.is_some() || config_root.is_some() {
        let loaded = crate::config::load(
            config_root.unwrap_or(std::path::Path::new(".")),
            args.config.as_deref(),
        )?;
        skip.extend(loaded.config.rules.skip);
    }
    let analyzer = Analyzer::select(&args.rules, &skip)?;
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
    let out = match args.format {
        Format::Text => diagnostics::render_text(&report),
        Format::Json => serde_json::to_string_pretty(&diagnostics::scan_json(&report))? + "\n",
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
    if matches!(args.format, Format::Text) {
        eprint!("{}", diagnostics::summary(&report));
    }
    let failing = report.findings().any(|f| f.priority.at_least(args.fail_on));
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
