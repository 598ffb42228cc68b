//! `cargo xtask ci`: everything CI checks, in the order that fails fastest. `.ci/run` calls this.
//!
//! 1. `cargo fmt --all -- --check`
//! 2. `cargo clippy --workspace --all-targets -- -D warnings`
//! 3. `cargo test --workspace` (under `CI=true` a missing insta snapshot fails)
//! 4. `cargo xtask e2e-llm`: the reviewer against a real local model server (skip with `--skip-e2e-llm`)

use anyhow::{Context, Result, bail};
use std::process::Command;

pub fn run(args: &[String]) -> Result<()> {
    let mut skip_e2e = false;
    for arg in args {
        match arg.as_str() {
            "--skip-e2e-llm" => skip_e2e = true,
            other => bail!("unknown argument `{other}` (expected --skip-e2e-llm)"),
        }
    }
    let root = crate::workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let steps: [(&str, &[&str]); 3] = [
        ("format", &["fmt", "--all", "--", "--check"]),
        (
            "clippy",
            &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"],
        ),
        ("tests", &["test", "--workspace"]),
    ];
    for (name, step_args) in steps {
        eprintln!("==> {name}: cargo {}", step_args.join(" "));
        let status = Command::new(&cargo)
            .args(step_args)
            .current_dir(&root)
            .status()
            .with_context(|| format!("running cargo {}", step_args.join(" ")))?;
        if !status.success() {
            bail!("{name} failed ({status})");
        }
    }
    if skip_e2e {
        eprintln!("==> e2e-llm: skipped (--skip-e2e-llm)");
    } else {
        eprintln!("==> e2e-llm: the reviewer against a real OpenAI-compatible server");
        crate::e2e_llm::run(&[])?;
    }
    eprintln!("==> ci: all green");
    Ok(())
}
