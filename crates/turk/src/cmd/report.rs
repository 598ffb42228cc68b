//! `turk report RUN.json`: renders a saved run again (markdown, and SARIF on request) without scanning or calling
//! anything. The markdown is the same, byte for byte, as the audit wrote from that run.

use crate::fsutil::{self, Output};
use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::ExitCode;
use turk_report::{AuditRun, RUN_FORMAT_VERSION};

#[derive(clap::Args)]
pub struct Args {
    /// A run written by `turk audit --json`.
    run: PathBuf,
    /// Where to write the markdown report (default, or `-`: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write the run as SARIF 2.1.0 here.
    #[arg(long)]
    sarif: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let text = std::fs::read_to_string(&args.run)
        .with_context(|| format!("{}: cannot read the run", args.run.display()))?;
    let not_a_run = || format!("{}: not a run written by `turk audit --json`", args.run.display());
    let document: serde_json::Value = serde_json::from_str(&text).with_context(not_a_run)?;
    // The comparison is derived from the reviews: a document saved without it (trimmed by hand, or by a tool
    // that keeps only the reviews) gets it again rather than a report of zero problems.
    let has_comparison = document.get("clusters").is_some() && document.get("summary").is_some();
    let mut run: AuditRun = serde_json::from_value(document).with_context(not_a_run)?;
    if run.version > RUN_FORMAT_VERSION {
        bail!(
            "{}: written by a newer turk (run format {}, this turk reads up to {RUN_FORMAT_VERSION})",
            args.run.display(),
            run.version
        );
    }
    if run.version < 2 || !has_comparison {
        // Runs from before the synthesis carry the reviews but not their comparison.
        turk_report::synthesis::apply(&mut run);
    }
    let out = args.out.as_deref().map_or(Output::Stdout, Output::parse);
    let sarif = args.sarif.as_deref().map(Output::parse);
    if sarif == Some(Output::Stdout) && out == Output::Stdout {
        bail!("the report goes to standard output: give --out FILE to write the SARIF there");
    }
    for output in std::iter::once(&out).chain(&sarif) {
        fsutil::check_writable(output)?;
    }
    fsutil::write_output(&out, turk_report::markdown::render(&run).as_bytes())?;
    if let Output::File(path) = &out {
        eprintln!("wrote {}", path.display());
    }
    if let Some(output) = &sarif {
        let text = turk_report::sarif::run_to_sarif(&run, &crate::diagnostics::rule_infos());
        fsutil::write_output(output, text.as_bytes())?;
        if let Output::File(path) = output {
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
