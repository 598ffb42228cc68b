//! `cargo xtask grammar`: regenerates the patched Go grammar in `vendor/tree-sitter-go` from its `grammar.js`
//! with the pinned tree-sitter CLI, and writes the `GENERATED` stamp that the `grammar_fresh` test of turk-go
//! checks (so an edit of `grammar.js` without regenerating fails `cargo test`, without needing the CLI).
//!
//! The CLI is `tree-sitter` on the PATH when it is exactly the pinned version, else the copy installed with
//! `cargo install --locked` under `<target>/tools/`, installed on first use. It needs `node` (or the runtime named
//! by `TREE_SITTER_JS_RUNTIME`) to evaluate `grammar.js`.

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The CLI that generated the upstream `parser.c` (its header says so): its parsers are ABI 15, which the
/// tree-sitter 0.27 runtime accepts, and from the unchanged grammar it reproduces the upstream files exactly.
const CLI_VERSION: &str = "0.25.8";
/// The parser ABI to generate; pinned so a CLI default can never drift from what the runtime loads.
const ABI: &str = "15";
const GRAMMAR_DIR: &str = "vendor/tree-sitter-go";
const STAMP: &str = "GENERATED";
/// The input first (the loop over generated files skips it), then every file the generator writes; the stamp
/// holds the sha256 of each.
const STAMPED: &[&str] = &[
    "grammar.js",
    "src/parser.c",
    "src/grammar.json",
    "src/node-types.json",
    "src/tree_sitter/parser.h",
    "src/tree_sitter/alloc.h",
    "src/tree_sitter/array.h",
];

pub fn run(args: &[String]) -> Result<()> {
    if !args.is_empty() {
        bail!("usage: cargo xtask grammar (regenerates {GRAMMAR_DIR}/src from grammar.js)");
    }
    let dir = crate::workspace_root().join(GRAMMAR_DIR);
    let cli = cli()?;
    require_js_runtime()?;
    let before = hashes(&dir)?;
    println!("generating {GRAMMAR_DIR} with tree-sitter {CLI_VERSION} (ABI {ABI})...");
    let status = Command::new(&cli)
        .args(["generate", "--abi", ABI, "grammar.js"])
        .current_dir(&dir)
        .status()
        .with_context(|| format!("running {}", cli.display()))?;
    if !status.success() {
        bail!("tree-sitter generate failed ({status}); see its output above");
    }
    let after = hashes(&dir)?;
    for ((path, old), (_, new)) in before.iter().zip(&after).skip(1) {
        if new.is_none() {
            bail!("tree-sitter generate did not write {GRAMMAR_DIR}/{path}");
        }
        println!(
            "  {path}: {}",
            if old == new { "unchanged" } else { "regenerated" }
        );
    }
    let stamp = stamp_text(&after);
    std::fs::write(dir.join(STAMP), stamp).with_context(|| format!("writing {GRAMMAR_DIR}/{STAMP}"))?;
    println!("wrote {GRAMMAR_DIR}/{STAMP}; commit grammar.js, src/ and {STAMP} together");
    Ok(())
}

/// The sha256 of each stamped file (`None` when it does not exist yet), CRLF read as LF so a checkout that
/// converts line endings still matches.
fn hashes(dir: &Path) -> Result<Vec<(String, Option<String>)>> {
    STAMPED
        .iter()
        .map(|path| {
            let full = dir.join(path);
            let hash = match std::fs::read(&full) {
                Ok(bytes) => Some(sha256_lf(&bytes)),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
                Err(err) => return Err(err).with_context(|| format!("reading {}", full.display())),
            };
            Ok((path.to_string(), hash))
        })
        .collect()
}

fn sha256_lf(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

fn stamp_text(hashes: &[(String, Option<String>)]) -> String {
    let mut text = String::from(
        "# Written by `cargo xtask grammar`: the tree-sitter CLI that generated src/ from grammar.js, and the\n\
         # sha256 of each file (CRLF read as LF). The grammar_fresh test of turk-go compares them.\n",
    );
    text.push_str(&format!("tree-sitter-cli {CLI_VERSION}\n"));
    for (path, hash) in hashes {
        let hash = hash
            .as_deref()
            .expect("every stamped file exists after generating");
        text.push_str(&format!("{hash}  {path}\n"));
    }
    text
}

/// The pinned CLI: on the PATH if it is that version, else installed under the target folder.
fn cli() -> Result<PathBuf> {
    if version_of(Path::new("tree-sitter")).as_deref() == Some(CLI_VERSION) {
        return Ok(PathBuf::from("tree-sitter"));
    }
    let root = target_dir()
        .join("tools")
        .join(format!("tree-sitter-cli-{CLI_VERSION}"));
    let installed = root.join("bin").join("tree-sitter");
    if version_of(&installed).as_deref() == Some(CLI_VERSION) {
        return Ok(installed);
    }
    println!(
        "installing tree-sitter-cli {CLI_VERSION} into {} (a few minutes, once)...",
        root.display()
    );
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["install", "tree-sitter-cli", "--locked", "--version"])
        .arg(format!("={CLI_VERSION}"))
        .arg("--root")
        .arg(&root)
        .status()
        .context("running cargo install")?;
    if !status.success() {
        bail!("cargo install tree-sitter-cli {CLI_VERSION} failed ({status})");
    }
    match version_of(&installed) {
        Some(v) if v == CLI_VERSION => Ok(installed),
        other => bail!(
            "{} reports version {other:?}, expected {CLI_VERSION}",
            installed.display()
        ),
    }
}

/// `tree-sitter --version` prints `tree-sitter 0.25.8` (possibly followed by a commit): the version, if it runs.
fn version_of(cli: &Path) -> Option<String> {
    let output = Command::new(cli).arg("--version").output().ok()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let version = stdout.split_whitespace().nth(1)?;
    output.status.success().then(|| version.to_string())
}

/// Where cargo builds: `CARGO_TARGET_DIR` when set, else the workspace's `target`.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::workspace_root().join("target"))
}

/// `tree-sitter generate` evaluates `grammar.js` with a JavaScript runtime; say so plainly when there is none.
fn require_js_runtime() -> Result<()> {
    let runtime = std::env::var("TREE_SITTER_JS_RUNTIME").unwrap_or_else(|_| "node".into());
    let runs = Command::new(&runtime)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        bail!(
            "`{runtime} --version` failed: tree-sitter generate needs a JavaScript runtime to read grammar.js \
             (install Node.js, e.g. `apt-get install nodejs`, or set TREE_SITTER_JS_RUNTIME)"
        );
    }
    Ok(())
}
