//! `turk profile FILE`: reads a Go pprof profile and prints what turk makes of it against the repository (the
//! hottest files, functions and lines, and what fell outside), so a user can check the mapping before an audit
//! relies on it.

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use turk_profile::{Cost, MatchedBy, ProfileReport, Repository, format_share as share, format_value};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// A Go profile: what `go test -cpuprofile/-memprofile/-blockprofile/-mutexprofile`, runtime/pprof or
    /// net/http/pprof wrote (gzipped or plain profile.proto).
    file: PathBuf,
    /// The sample type to read (`cpu`, `alloc_space`, `alloc_objects`, `inuse_space`, `delay`, `contentions`...;
    /// default: cpu for CPU profiles, alloc_space for heap profiles, delay for mutex and block profiles).
    #[arg(long = "profile-sample", value_name = "TYPE")]
    sample: Option<String>,
    /// The repository the profile's files are mapped onto.
    #[arg(long, value_name = "DIR", default_value = ".")]
    repo: PathBuf,
    /// How many files, functions, lines and outside functions to show.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// The repository as `turk profile` found it.
#[derive(Serialize)]
struct RepoInfo {
    root: String,
    go_files: usize,
    modules: Vec<ModuleInfo>,
    /// Folders the walk could not read: their files cannot be mapped.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    walk_errors: Vec<String>,
}

#[derive(Serialize)]
struct ModuleInfo {
    path: String,
    folder: String,
}

/// `turk profile --format json` (version 1): the repository, then the library's profile report.
#[derive(Serialize)]
struct JsonOut<'a> {
    version: u32,
    repo: &'a RepoInfo,
    #[serde(flatten)]
    profile: &'a ProfileReport,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.top == 0 {
        bail!("--top 0 would show nothing; give 1 or more");
    }
    let (repo, info) = repository(&args.repo)?;
    let mut report = turk_profile::summarize_file(&args.file, args.sample.as_deref(), &repo)?;
    report.truncate(args.top);
    let out = match args.format {
        Format::Text => render_text(&report, &info, args.top),
        Format::Json => {
            serde_json::to_string_pretty(&JsonOut {
                version: 1,
                repo: &info,
                profile: &report,
            })? + "\n"
        }
    };
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("writing the profile summary")?;
    for warning in warnings(&report, &info) {
        eprintln!("warning: {warning}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The repository's Go files and modules, found as `turk scan` finds them.
fn repository(root: &Path) -> Result<(Repository, RepoInfo)> {
    match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => bail!(
            "{}: not a folder (--repo takes the repository's root folder)",
            root.display()
        ),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            bail!("{}: no such folder", root.display())
        }
        Err(err) => bail!("{}: {err}", root.display()),
    }
    let found = turk_go::discover(root);
    let relative = |path: &Path| -> String {
        path.strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let files: Vec<String> = found.files.iter().map(|f| relative(f)).collect();
    let mut modules: Vec<ModuleInfo> = found
        .modules
        .iter()
        .filter_map(|(dir, gomod)| {
            let path = gomod.module.clone()?;
            let folder = relative(dir);
            // Discovery files the nearest go.mod above a subfolder under the subfolder itself; the module path
            // of that folder is the module's path plus the way down to it.
            let path = match (folder.is_empty(), turk_audit::profiles::module_path_below(root)) {
                (true, Some(down)) if !down.is_empty() => format!("{path}/{down}"),
                _ => path,
            };
            Some(ModuleInfo { path, folder })
        })
        .collect();
    modules.sort_by(|a, b| a.folder.cmp(&b.folder).then_with(|| a.path.cmp(&b.path)));
    let repo = Repository::new(&files).with_modules(modules.iter().map(|m| (&m.path, &m.folder)));
    let info = RepoInfo {
        root: root.display().to_string(),
        go_files: files.len(),
        modules,
        walk_errors: found
            .walk_errors
            .iter()
            .map(|(path, error)| format!("{}: {error}", path.display()))
            .collect(),
    };
    Ok((repo, info))
}

/// What the user must know about the mapping: nothing mapped, or the repository's own code unmapped.
fn warnings(report: &ProfileReport, info: &RepoInfo) -> Vec<String> {
    let mut warnings: Vec<String> = info
        .walk_errors
        .iter()
        .map(|e| format!("{e} (its Go files cannot be mapped)"))
        .collect();
    if info.go_files == 0 {
        warnings.push(format!(
            "no Go files under {}: every sample counts as outside the repository (is --repo the repository root?)",
            info.root
        ));
    } else if report.repository.cum == 0 {
        warnings.push(format!(
            "no {} in {} reaches a file of {}: is this a profile of this repository's code?",
            report.sample_type.name, report.source, info.root
        ));
    }
    if let Some(unmapped) = report.unmapped_flat_share() {
        warnings.push(format!(
            "{} of {} is flat in the repository's packages but matched no file under {} (see `unmapped` above): \
             the profiled code may differ from this checkout",
            share(unmapped),
            report.sample_type.name,
            info.root
        ));
    }
    warnings
}

fn render_text(report: &ProfileReport, info: &RepoInfo, top: usize) -> String {
    let unit = report.sample_type.unit.as_str();
    let value = |v: i64| format_value(v, unit);
    let name = report.sample_type.name.as_str();
    let mut out = String::new();

    let recorded = report
        .duration_nanos
        .map(|d| format!(", recorded over {}", format_value(d, "nanoseconds")))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Profile:     {} ({} profile{recorded})",
        report.source,
        report.kind.label()
    );
    let others: Vec<String> = report
        .sample_types
        .iter()
        .filter(|t| **t != report.sample_type)
        .map(ToString::to_string)
        .collect();
    let others = if others.is_empty() {
        String::new()
    } else {
        format!(
            " (also recorded: {}; choose with --profile-sample)",
            others.join(", ")
        )
    };
    let _ = writeln!(
        out,
        "Sample type: {}, total {}{others}",
        report.sample_type,
        value(report.total)
    );
    let modules = if info.modules.is_empty() {
        "no go.mod".to_string()
    } else {
        info.modules
            .iter()
            .map(|m| {
                let folder = if m.folder.is_empty() { "." } else { &m.folder };
                format!("module {} in {folder}", m.path)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "Repository:  {}: {} Go files; {modules}",
        info.root, info.go_files
    );
    let repo = &report.repository;
    let _ = writeln!(
        out,
        "Mapped:      {} of {name} ({}) has repository code on the stack; {} ({}) is flat in repository code",
        share(repo.cum_share),
        value(repo.cum),
        share(repo.flat_share),
        value(repo.flat)
    );
    let outside = &report.outside;
    let kinds: Vec<String> = outside
        .kinds
        .iter()
        .map(|k| format!("{} {}", k.kind.label(), share(k.flat_share)))
        .collect();
    let kinds = if kinds.is_empty() {
        String::new()
    } else {
        format!(": {}", kinds.join(", "))
    };
    let _ = writeln!(
        out,
        "Outside:     {} ({}) is flat outside the repository{kinds}\n             {} ({}) never reaches repository code",
        share(outside.flat_share),
        value(outside.flat),
        share(outside.unreached_share),
        value(outside.unreached)
    );

    out.push_str("\nFiles (attrib: flat plus the runtime, library and dependency code it calls)\n");
    if report.files.is_empty() {
        out.push_str("  none: no sample maps to a repository file\n");
    } else {
        let width = column(report.files.iter().map(|f| f.path.len()), 4);
        let _ = writeln!(
            out,
            "  {:>6} {:>6} {:>6}  {:<width$}  {:<11}  hottest function",
            "attrib", "flat", "cum", "file", "matched by"
        );
        for file in &report.files {
            let matched = match file.matched_by {
                MatchedBy::ModulePath => "module path",
                MatchedBy::Suffix => "suffix",
            };
            let hottest = file
                .hottest_function()
                .map_or(String::new(), |f| f.short_name.clone());
            let _ = writeln!(
                out,
                "  {}  {:<width$}  {:<11}  {hottest}",
                shares(&file.cost),
                file.path,
                matched
            );
        }
    }

    let functions = report.functions();
    if !functions.is_empty() {
        out.push_str("\nFunctions\n");
        let shown: Vec<_> = functions.iter().take(top).collect();
        let width = column(shown.iter().map(|(_, f)| f.short_name.len()), 8);
        let _ = writeln!(
            out,
            "  {:>6} {:>6} {:>6}  {:<width$}  where",
            "attrib", "flat", "cum", "function"
        );
        for (file, function) in shown {
            let at = function
                .start_line
                .map_or(file.path.clone(), |line| format!("{}:{line}", file.path));
            let _ = writeln!(
                out,
                "  {}  {:<width$}  {at}",
                shares(&function.cost),
                function.short_name
            );
        }
    }

    let mut lines = report.lines();
    lines.truncate(top);
    if !lines.is_empty() {
        out.push_str("\nLines\n");
        let _ = writeln!(out, "  {:>6} {:>6} {:>6}  line", "attrib", "flat", "cum");
        for (file, line) in lines {
            let _ = writeln!(out, "  {}  {}:{}", shares(&line.cost), file.path, line.line);
        }
    }

    if !outside.functions.is_empty() {
        out.push_str("\nOutside the repository\n");
        let width = column(outside.functions.iter().map(|f| f.name.len()), 8);
        let _ = writeln!(out, "  {:>6} {:>6}  {:<width$}  kind", "flat", "cum", "function");
        for function in &outside.functions {
            let _ = writeln!(
                out,
                "  {:>6} {:>6}  {:<width$}  {}",
                share(function.flat_share),
                share(function.cum_share),
                function.name,
                function.kind.label()
            );
        }
    }
    out
}

/// The attrib, flat and cum columns of a row.
fn shares(cost: &Cost) -> String {
    format!(
        "{:>6} {:>6} {:>6}",
        share(cost.attributed_share),
        share(cost.flat_share),
        share(cost.cum_share)
    )
}

/// The width of a text column: its longest entry, at least the heading's width.
fn column(lengths: impl Iterator<Item = usize>, heading: usize) -> usize {
    lengths.max().unwrap_or(0).max(heading)
}
