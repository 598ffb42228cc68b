//! `turk rules`: the rule list with each rule's documentation.

use anyhow::Result;
use clap::ValueEnum;
use serde_json::json;
use std::fmt::Write as _;
use std::process::ExitCode;
use turk_go::rule_metas;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let out = match args.format {
        Format::Text => text(),
        Format::Json => {
            let rules: Vec<_> = rule_metas()
                .map(|m| {
                    json!({
                        "id": m.id, "category": m.category, "priority": m.priority, "message": m.message,
                        "why": m.why, "fix": m.fix, "bad": m.bad, "good": m.good, "applies": m.applies,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&json!({ "version": 1, "rules": rules }))? + "\n"
        }
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn text() -> String {
    let mut out = String::new();
    for m in rule_metas() {
        writeln!(out, "{} [{} {}]\n  {}", m.id, m.priority, m.category, m.message).unwrap();
        writeln!(out, "  why: {}", m.why).unwrap();
        writeln!(out, "  fix: {}", m.fix).unwrap();
        if !m.applies.is_empty() {
            writeln!(out, "  applies: {}", m.applies).unwrap();
        }
        out.push('\n');
    }
    out
}
