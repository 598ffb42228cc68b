//! `cargo xtask corpus [install | scan [--all] | sample [--per-rule N]]`: the real Go code turk's precision is
//! measured on (docs/precision.md). Nothing of these projects is copied into the repository: Debian ships them as
//! source packages, installed here with apt.
//!
//! - `install` (the default): installs the packages that are missing (apt-get; needs root) and lists the corpora.
//! - `scan`: builds the release binary and runs `turk scan --format json` on each corpus (with `--all`, the style
//!   rules too), writing `target/corpus/<name>.json`, and prints the findings per rule and corpus.
//! - `sample`: from those files, picks up to N findings per rule (default 5), spread over the corpora and chosen
//!   by a hash of their fingerprints (the same sample every time), and writes `target/corpus/sample.md`: each
//!   finding with the code around it and an empty verdict to fill in (true and worth acting on / true but
//!   negligible / false).

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A corpus: its name, the Debian package that ships it, and where the package puts it.
struct Corpus {
    name: &'static str,
    package: &'static str,
    path: &'static str,
}

const CORPORA: [Corpus; 4] = [
    Corpus {
        name: "stdlib",
        package: "golang-1.19-src",
        path: "/usr/share/go-1.19/src",
    },
    Corpus {
        name: "grpc",
        package: "golang-google-grpc-dev",
        path: "/usr/share/gocode/src/google.golang.org/grpc",
    },
    Corpus {
        name: "nats-server",
        package: "golang-github-nats-io-nats-server-dev",
        path: "/usr/share/gocode/src/github.com/nats-io/nats-server",
    },
    Corpus {
        name: "badger",
        package: "golang-github-dgraph-io-badger-dev",
        path: "/usr/share/gocode/src/github.com/dgraph-io/badger",
    },
];

pub fn run(args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        None | Some("install") => install(),
        Some("scan") => scan(args[1..].iter().any(|a| a == "--all")),
        Some("sample") => {
            let per_rule = match args.get(1).map(String::as_str) {
                Some("--per-rule") => args
                    .get(2)
                    .context("--per-rule needs a number")?
                    .parse()
                    .context("--per-rule needs a number")?,
                None => 5,
                Some(other) => bail!("unknown argument `{other}` (expected --per-rule N)"),
            };
            sample(per_rule)
        }
        Some(other) => bail!("unknown corpus task `{other}`; expected install, scan or sample"),
    }
}

fn install() -> Result<()> {
    let missing: Vec<&Corpus> = CORPORA.iter().filter(|c| !Path::new(c.path).is_dir()).collect();
    if !missing.is_empty() {
        let packages: Vec<&str> = missing.iter().map(|c| c.package).collect();
        eprintln!("corpus: installing {}", packages.join(" "));
        let status = Command::new("apt-get")
            .args(["install", "-y", "-q"])
            .args(&packages)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .context("running apt-get (the corpora are Debian packages)")?;
        if !status.success() {
            bail!(
                "apt-get install {} failed ({status}); as root, run `apt-get update` first if the package lists are \
                 old",
                packages.join(" ")
            );
        }
    }
    for c in &CORPORA {
        println!("{:<12} {:<40} {}", c.name, c.package, c.path);
    }
    Ok(())
}

fn out_dir() -> PathBuf {
    crate::workspace_root().join("target/corpus")
}

fn scan(all: bool) -> Result<()> {
    install()?;
    let root = crate::workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(["build", "--release", "-p", "turk"])
        .current_dir(&root)
        .status()
        .context("building turk")?;
    if !status.success() {
        bail!("cargo build --release -p turk failed");
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let turk = target.join("release/turk");
    let out = out_dir();
    std::fs::create_dir_all(&out)?;
    let mut per_rule: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    for c in &CORPORA {
        let mut command = Command::new(&turk);
        command.args(["scan", c.path, "--format", "json", "--fail-on", "P0"]);
        if all {
            command.arg("--all");
        }
        let output = command
            .output()
            .with_context(|| format!("running {}", turk.display()))?;
        if !matches!(output.status.code(), Some(0 | 1)) {
            bail!(
                "turk scan {} failed: {}",
                c.path,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::fs::write(out.join(format!("{}.json", c.name)), &output.stdout)?;
        let json: Value = serde_json::from_slice(&output.stdout).context("reading turk's JSON")?;
        for f in json["findings"].as_array().into_iter().flatten() {
            let rule = f["rule"].as_str().unwrap_or("?").to_string();
            *per_rule.entry(rule).or_default().entry(c.name).or_default() += 1;
        }
    }
    println!(
        "{:<42} {:>8} {:>8} {:>12} {:>8}",
        "rule", "stdlib", "grpc", "nats-server", "badger"
    );
    for (rule, counts) in &per_rule {
        let n = |name: &str| counts.get(name).copied().unwrap_or(0);
        println!(
            "{rule:<42} {:>8} {:>8} {:>12} {:>8}",
            n("stdlib"),
            n("grpc"),
            n("nats-server"),
            n("badger")
        );
    }
    println!("\nwrote {}/<corpus>.json", out.display());
    Ok(())
}

fn sample(per_rule: usize) -> Result<()> {
    let out = out_dir();
    let mut by_rule: BTreeMap<String, Vec<(u64, &Corpus, Value)>> = BTreeMap::new();
    for c in &CORPORA {
        let path = out.join(format!("{}.json", c.name));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: run `cargo xtask corpus scan` first", path.display()))?;
        let json: Value = serde_json::from_str(&text)?;
        for f in json["findings"].as_array().into_iter().flatten() {
            let key = stable_hash(f["fingerprint"].as_str().unwrap_or(""));
            by_rule
                .entry(f["rule"].as_str().unwrap_or("?").to_string())
                .or_default()
                .push((key, c, f.clone()));
        }
    }
    let mut md = String::from(
        "# Precision worksheet\n\nEach finding with its code; verdict: **act** (true and worth acting on), \
         **negligible** (true but not worth it), **false**.\n",
    );
    for (rule, mut findings) in by_rule {
        findings.sort_by_key(|(key, _, _)| *key);
        md.push_str(&format!("\n## {rule} ({} in all)\n", findings.len()));
        for (_, corpus, f) in findings.into_iter().take(per_rule) {
            let path = f["path"].as_str().unwrap_or("");
            let line = f["line"].as_u64().unwrap_or(1) as usize;
            md.push_str(&format!(
                "\n### {} {}:{} ({})\n\n{}\n\n```go\n{}```\n\nVerdict: \n",
                corpus.name,
                path,
                line,
                f["priority"].as_str().unwrap_or(""),
                f["message"].as_str().unwrap_or(""),
                excerpt(&Path::new(corpus.path).join(path), line)
            ));
        }
    }
    let file = out.join("sample.md");
    std::fs::write(&file, md)?;
    println!("wrote {}", file.display());
    Ok(())
}

/// Lines `line - 4 ..= line + 4` of a file, numbered, the flagged line marked.
fn excerpt(path: &Path, line: usize) -> String {
    let Ok(text) = std::fs::read_to_string(path) else {
        return format!("(cannot read {})\n", path.display());
    };
    let lines: Vec<&str> = text.lines().collect();
    let (from, to) = (line.saturating_sub(4).max(1), (line + 4).min(lines.len()));
    (from..=to)
        .map(|n| {
            let mark = if n == line { ">" } else { " " };
            format!("{mark}{n:5} {}\n", lines[n - 1])
        })
        .collect()
}

/// FNV-1a: a fixed order for the sample, whatever the platform.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
