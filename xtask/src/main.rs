//! Maintenance tasks for the turk workspace: `cargo xtask <task>`.
//!
//! - `ci`: formatting check, clippy with warnings denied, the whole test suite (what `.ci/run` runs).
//! - `bench`: scanner throughput against the parse-only floor on a large Go corpus, and reviewer concurrency/cache.
//! - `rules-doc`: regenerate `docs/rules.md` from the rule metadata.
//! - `new-rule <family>/<name>`: start a rule (its file, fixtures, module line and list entry; docs regenerated).
//! - `grammar`: regenerate the patched Go grammar (`vendor/tree-sitter-go`) with the pinned tree-sitter CLI.
//! - `corpus [install | scan | sample]`: the real Go code precision is measured on (Debian packages), scanned and
//!   sampled for reading (docs/precision.md).
//! - `e2e-llm`: the audit against a real OpenAI-compatible server running a small local model.

mod bench;
mod bench_reviewers;
mod ci;
mod corpus;
mod e2e_llm;
mod grammar;
mod new_rule;
mod rules_doc;

use anyhow::{Result, bail};
use std::path::PathBuf;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        bail!("usage: cargo xtask <ci|bench|rules-doc|new-rule|grammar|corpus|e2e-llm> [args]");
    };
    match task.as_str() {
        "ci" => ci::run(rest),
        "bench" => bench::run(rest),
        "rules-doc" => rules_doc::run(rest),
        "new-rule" => new_rule::run(rest),
        "grammar" => grammar::run(rest),
        "corpus" => corpus::run(rest),
        "e2e-llm" => e2e_llm::run(rest),
        other => bail!(
            "unknown task `{other}`; expected ci, bench, rules-doc, new-rule, grammar, corpus or e2e-llm"
        ),
    }
}

/// The workspace root (the parent of this crate's folder).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}
