//! `turk`: a Go performance audit with a dual-model expert review. This binary only parses arguments, loads
//! configuration and wires the libraries together; the analysis lives in the `turk-*` crates.

mod baseline;
mod cmd;
mod config;
mod diagnostics;
mod fsutil;
mod progress;
mod review_progress;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "turk",
    version,
    about = "Go performance audit with a dual-model expert review"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the static rules over Go files and report findings.
    Scan(cmd::scan::Args),
    /// List the static rules with their documentation.
    Rules(cmd::rules::Args),
    /// Audit a Go repository: hot-path scope, static pass, model reviews, report.
    Audit(cmd::audit::Args),
    /// Render a saved run (`turk audit --json`) again: the same report, without calling anything.
    Report(cmd::report::Args),
    /// Manage Turk (and other members) in the Squad team folder.
    Roster(cmd::roster::Args),
    /// Show what a Go pprof profile says about the repository: hottest files, functions and lines.
    Profile(cmd::profile::Args),
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => cmd::scan::run(args),
        Command::Rules(args) => cmd::rules::run(args),
        Command::Audit(args) => cmd::audit::run(args),
        Command::Report(args) => cmd::report::run(args),
        Command::Roster(args) => cmd::roster::run(args),
        Command::Profile(args) => cmd::profile::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Rust ignores SIGPIPE, so `turk rules | head` would turn the closed pipe into a panic on the next `println!`.
/// A command-line tool should end quietly instead, as other Unix tools do.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at startup, before any thread exists; SIG_DFL is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
