//! `turk rules [ID]`: the rules with their documentation; one rule, or one family, when named (like
//! `staticcheck -explain`).

use anyhow::{Result, bail};
use clap::ValueEnum;
use serde_json::json;
use std::fmt::Write as _;
use std::process::ExitCode;
use turk_go::{Confidence, RuleMeta, Tier, rule_metas};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// A rule id (`conc/time-after-in-loop`) or a family (`conc`): explain only those.
    id: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let selected: Vec<&RuleMeta> = match &args.id {
        None => rule_metas().collect(),
        Some(id) => {
            let id = id.trim().trim_end_matches('/');
            let found: Vec<&RuleMeta> = rule_metas()
                .filter(|m| m.id == id || m.id.split('/').next() == Some(id))
                .collect();
            if found.is_empty() {
                bail!(
                    "unknown rule `{id}`{} (`turk rules` lists them all)",
                    suggestion(id)
                );
            }
            found
        }
    };
    let explain = args.id.is_some();
    let out = match args.format {
        Format::Text => text(&selected, explain),
        Format::Json => {
            let rules: Vec<_> = selected
                .iter()
                .map(|m| {
                    json!({
                        "id": m.id, "category": m.category, "priority": m.priority, "message": m.message,
                        "why": m.why, "fix": m.fix, "bad": m.bad, "good": m.good, "applies": m.applies,
                        "tier": m.tier.name(), "confidence": m.confidence, "about_tests": m.about_tests,
                        "on_by_default": m.tier.on_by_default(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&json!({ "version": 1, "rules": rules }))? + "\n"
        }
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// Each rule with why and fix; with `explain` (a rule or family was named), its examples too.
fn text(rules: &[&RuleMeta], explain: bool) -> String {
    let mut out = String::new();
    for m in rules {
        let mut tags = format!("{} {}, {}", m.priority, m.category, m.tier);
        if m.confidence == Confidence::Heuristic {
            tags.push_str(", heuristic");
        }
        if m.tier == Tier::Style {
            tags.push_str(", off unless asked for");
        }
        if m.about_tests {
            tags.push_str(", runs in test code");
        }
        let _ = writeln!(out, "{} [{tags}]\n  {}", m.id, m.message);
        let _ = writeln!(out, "  why: {}", m.why);
        let _ = writeln!(out, "  fix: {}", m.fix);
        if !m.applies.is_empty() {
            let _ = writeln!(out, "  applies: {}", m.applies);
        }
        if explain {
            let _ = writeln!(out, "  flagged:\n{}", indent(m.bad));
            let _ = writeln!(out, "  instead:\n{}", indent(m.good));
        }
        out.push('\n');
    }
    out
}

fn indent(code: &str) -> String {
    code.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `; did you mean `conc/time-after-in-loop`?` for a near miss (same name in another family, or a typo).
fn suggestion(id: &str) -> String {
    let name = id.rsplit('/').next().unwrap_or(id);
    let close = rule_metas()
        .map(|m| m.id)
        .filter(|candidate| {
            let candidate_name = candidate.rsplit('/').next().unwrap_or(candidate);
            candidate_name == name || candidate.contains(name) || edit_distance(candidate, id) <= 3
        })
        .take(3)
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>();
    if close.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", close.join(" or "))
    }
}

/// Levenshtein distance, for suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}
