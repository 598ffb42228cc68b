//! `cargo xtask bench [--corpus DIR] [--quick] [--skip-reviewers] [reviewer bench args...]`
//!
//! The scanner against its parse-only floor on a large corpus of real Go (by default the Go 1.19 standard
//! library from Debian's `golang-1.19-src`, installed with apt when missing). Each phase runs in its own child
//! process (the release build of `crates/turk-go/examples/scan_bench.rs`) so peak RSS is per phase:
//!
//! - floor: discovery, reading and `turk_go::parse` of every file, in parallel with rayon, no rules;
//! - scan: `Analyzer::all_rules().scan(...)`, the same discovery, reading and parallelism plus all rules.
//!
//! The phases alternate, three runs each (one with `--quick`), and the best wall time counts: the page cache is
//! warm, and a run slowed by the rest of the machine does not decide the result. The bars: scan throughput at
//! least 75% of the floor's, and scan peak RSS under 300 MB on a million lines. Then the reviewer bench
//! (`bench_reviewers`) runs, unless `--skip-reviewers`; its failure is a warning here.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Scan throughput must be at least this share of the parse-only floor.
const MIN_RATIO: f64 = 0.75;
/// Peak RSS bar for the scan, in MB, on a corpus of at least [`BAR_LINES`] lines.
const MAX_RSS_MB: f64 = 300.0;
const BAR_LINES: u64 = 1_000_000;
const PACKAGE: &str = "golang-1.19-src";
const DEFAULT_CORPUS: &str = "/usr/share/go-1.19/src";

pub fn run(args: &[String]) -> Result<()> {
    let mut corpus = None;
    let mut quick = false;
    let mut skip_reviewers = false;
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--corpus" => {
                let dir = args.next().context("--corpus needs a folder")?;
                corpus = Some(PathBuf::from(dir));
            }
            "--quick" => {
                quick = true;
                rest.push(arg.clone());
            }
            "--skip-reviewers" => skip_reviewers = true,
            _ => rest.push(arg.clone()),
        }
    }
    let corpus = match corpus {
        Some(dir) if dir.is_dir() => dir,
        Some(dir) => bail!("--corpus {}: not a folder", dir.display()),
        None => default_corpus()?,
    };

    let runner = build_runner()?;
    let runs = if quick { 1 } else { 3 };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "scanner bench on {} ({threads} threads; best of {runs} run{} per phase)",
        corpus.display(),
        if runs > 1 { "s, warm page cache" } else { "" }
    );
    let mut floor: Option<Phase> = None;
    let mut scan: Option<Phase> = None;
    for _ in 0..runs {
        floor = Some(Phase::best(floor, run_phase(&runner, "parse", &corpus)?));
        scan = Some(Phase::best(scan, run_phase(&runner, "scan", &corpus)?));
    }
    let (floor, scan) = (floor.expect("ran"), scan.expect("ran"));
    let passed = report(&floor, &scan);

    if skip_reviewers {
        println!("\nreviewer bench skipped (--skip-reviewers)");
    } else {
        println!();
        if let Err(err) = crate::bench_reviewers::run(&rest) {
            eprintln!("warning: reviewer bench did not run: {err:#}");
        }
    }
    if !passed {
        bail!("the scanner bench missed a bar (see above)");
    }
    Ok(())
}

/// One run of one phase, as the child printed it.
#[derive(Debug, Clone, Default)]
struct Phase {
    files: u64,
    lines: u64,
    bytes: u64,
    wall_s: f64,
    /// User plus system CPU seconds of the whole child (all threads), from the best run.
    cpu_s: f64,
    /// The highest of the runs, not only the best run's.
    peak_rss_kb: u64,
    findings: u64,
    parse_errors: u64,
    skipped: u64,
}

impl Phase {
    fn parse(line: &str) -> Result<Phase> {
        let mut phase = Phase::default();
        for field in line.split_whitespace() {
            let (key, value) = field.split_once('=').context("field is key=value")?;
            let int = || value.parse::<u64>().with_context(|| format!("{key}={value}"));
            let float = || value.parse::<f64>().with_context(|| format!("{key}={value}"));
            match key {
                "files" => phase.files = int()?,
                "lines" => phase.lines = int()?,
                "bytes" => phase.bytes = int()?,
                "wall_s" => phase.wall_s = float()?,
                "cpu_s" => phase.cpu_s = float()?,
                "peak_rss_kb" => phase.peak_rss_kb = int()?,
                "findings" => phase.findings = int()?,
                "parse_errors" => phase.parse_errors = int()?,
                "skipped" => phase.skipped = int()?,
                _ => {}
            }
        }
        if phase.files == 0 {
            bail!("the bench child found no Go files");
        }
        Ok(phase)
    }

    fn best(previous: Option<Phase>, run: Phase) -> Phase {
        let Some(prev) = previous else { return run };
        let peak_rss_kb = prev.peak_rss_kb.max(run.peak_rss_kb);
        let best = if run.wall_s < prev.wall_s { run } else { prev };
        Phase { peak_rss_kb, ..best }
    }

    fn mb(&self) -> f64 {
        self.bytes as f64 / 1e6
    }

    fn mb_per_s(&self) -> f64 {
        self.mb() / self.wall_s
    }

    fn files_per_s(&self) -> f64 {
        self.files as f64 / self.wall_s
    }

    fn rss_mb(&self) -> f64 {
        self.peak_rss_kb as f64 * 1024.0 / 1e6
    }
}

/// Prints the table and the bars; whether both bars passed.
fn report(floor: &Phase, scan: &Phase) -> bool {
    println!(
        "\n{:<12} {:>7} {:>10} {:>7} {:>8} {:>8} {:>8} {:>9} {:>12}",
        "phase", "files", "lines", "MB", "wall s", "CPU s", "MB/s", "files/s", "peak RSS MB"
    );
    for (name, p) in [("parse-only", floor), ("scan", scan)] {
        println!(
            "{name:<12} {:>7} {:>10} {:>7.1} {:>8.3} {:>8.2} {:>8.1} {:>9.0} {:>12.1}",
            p.files,
            p.lines,
            p.mb(),
            p.wall_s,
            p.cpu_s,
            p.mb_per_s(),
            p.files_per_s(),
            p.rss_mb()
        );
    }
    if (floor.files, floor.bytes) != (scan.files, scan.bytes) {
        println!(
            "note: the phases read different files ({} vs {} files): compare MB/s, not wall time",
            floor.files, scan.files
        );
    }
    println!(
        "\nscan: {} findings, {} files with parse errors, {} files skipped",
        scan.findings, scan.parse_errors, scan.skipped
    );
    let ratio = scan.mb_per_s() / floor.mb_per_s();
    let ratio_ok = ratio >= MIN_RATIO;
    let rss_ok = scan.rss_mb() < MAX_RSS_MB;
    let verdict = |ok: bool| if ok { "PASS" } else { "FAIL" };
    println!(
        "throughput scan/floor: {:.0}% (bar: at least {:.0}%)  {}",
        ratio * 100.0,
        MIN_RATIO * 100.0,
        verdict(ratio_ok)
    );
    println!(
        "scan peak RSS: {:.1} MB (bar: under {MAX_RSS_MB:.0} MB on a million lines)  {}",
        scan.rss_mb(),
        verdict(rss_ok)
    );
    if floor.cpu_s > 0.0 && scan.cpu_s > 0.0 {
        println!(
            "CPU time scan/floor: {:.2}x (throughput per CPU second {:.0}% of the floor; steadier than wall time \
             on a busy machine)",
            scan.cpu_s / floor.cpu_s,
            floor.cpu_s / scan.cpu_s * 100.0
        );
    }
    if scan.lines < BAR_LINES {
        println!(
            "note: the corpus has {} lines; the bars are set for at least {BAR_LINES}",
            scan.lines
        );
    }
    ratio_ok && rss_ok
}

/// Runs one phase in a child process and reads its result line.
fn run_phase(runner: &Path, mode: &str, corpus: &Path) -> Result<Phase> {
    let output = Command::new(runner)
        .arg(mode)
        .arg(corpus)
        .output()
        .with_context(|| format!("running {}", runner.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!(
            "{} {mode} failed ({}): {}",
            runner.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let line = stdout
        .lines()
        .rfind(|l| l.starts_with("files="))
        .with_context(|| format!("no result line from the {mode} phase: {stdout}"))?;
    Phase::parse(line)
}

/// Builds the release bench runner with the same cargo and environment (so the same `CARGO_TARGET_DIR`) and
/// returns its path.
fn build_runner() -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    println!("building the release bench runner (turk-go example scan_bench)...");
    let output = Command::new(cargo)
        .current_dir(crate::workspace_root())
        .args([
            "build",
            "--release",
            "-p",
            "turk-go",
            "--example",
            "scan_bench",
            "--message-format=json-render-diagnostics",
        ])
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("running cargo build")?;
    if !output.status.success() {
        bail!("cargo build of the bench runner failed");
    }
    // The compiler-artifact message of the example names its executable, wherever the target dir is.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let executable = stdout
        .lines()
        .filter(|l| l.contains("\"reason\":\"compiler-artifact\"") && l.contains("\"name\":\"scan_bench\""))
        .find_map(|l| {
            let (_, rest) = l.split_once("\"executable\":\"")?;
            rest.split_once('"').map(|(path, _)| PathBuf::from(path))
        })
        .context("cargo did not report the scan_bench executable")?;
    Ok(executable)
}

/// The Go standard library of `golang-1.19-src`, installed with apt if it is not there.
fn default_corpus() -> Result<PathBuf> {
    if let Some(dir) = installed_corpus() {
        return Ok(dir);
    }
    println!("{PACKAGE} is not installed; installing it with apt-get (the Go 1.19 standard library)...");
    install_package().with_context(|| {
        format!(
            "could not install {PACKAGE}; install it yourself (`apt-get install {PACKAGE}`) or pass \
             `cargo xtask bench --corpus DIR` with a folder of at least a million lines of Go"
        )
    })?;
    installed_corpus().with_context(|| {
        format!(
            "{PACKAGE} is installed but its src folder was not found; pass `cargo xtask bench --corpus DIR`"
        )
    })
}

/// The `src` folder of the installed package: the usual place, or the shortest `.../src` it lists.
fn installed_corpus() -> Option<PathBuf> {
    let usual = Path::new(DEFAULT_CORPUS);
    if usual.is_dir() {
        return Some(usual.to_path_buf());
    }
    let listing = Command::new("dpkg").args(["-L", PACKAGE]).output().ok()?;
    if !listing.status.success() {
        return None;
    }
    String::from_utf8_lossy(&listing.stdout)
        .lines()
        .filter(|l| l.ends_with("/src"))
        .map(PathBuf::from)
        .filter(|p| p.join("runtime").is_dir())
        .min_by_key(|p| p.as_os_str().len())
}

fn install_package() -> Result<()> {
    let apt = |args: &[&str]| -> Result<bool> {
        let status = Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .context("apt-get is not available")?;
        Ok(status.success())
    };
    if apt(&["install", "-y", "--no-install-recommends", PACKAGE])? {
        return Ok(());
    }
    // The package lists may be missing or stale: refresh them once and retry.
    if !apt(&["update"])? {
        bail!("apt-get update failed (are you root?)");
    }
    if !apt(&["install", "-y", "--no-install-recommends", PACKAGE])? {
        bail!("apt-get install {PACKAGE} failed (are you root?)");
    }
    Ok(())
}
