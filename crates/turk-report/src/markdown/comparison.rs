//! The comparison of the reviews: who found what (a chart and the same numbers in words), the problems by category
//! and priority, and one table row per unique problem with each reviewer's priority and the agreement marker.

use super::{badge, cluster_locations, count, ran};
use crate::escape::{cell, inline};
use std::fmt::{self, Write};
use turk_findings::{Category, Priority};
use turk_run::{Agreement, AuditRun, Cluster, ReviewOutcome};

pub fn comparison(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    let ran = ran(run);
    if ran.is_empty() {
        return Ok(());
    }
    writeln!(out, "## Comparison of the reviews\n")?;
    if run.clusters.is_empty() {
        return writeln!(
            out,
            "No reviewer reported a problem, so there is nothing to compare.\n"
        );
    }
    overlap(out, run, &ran)?;
    by_category(out, run)?;
    table(out, run)
}

/// Who found the problems: a pie chart, and the same numbers in a sentence.
fn overlap(out: &mut dyn Write, run: &AuditRun, ran: &[&ReviewOutcome]) -> fmt::Result {
    let s = &run.summary;
    let partial = run
        .clusters
        .iter()
        .filter(|c| c.agreement == Agreement::Partial)
        .count();
    let mut slices: Vec<(String, usize)> = Vec::new();
    if ran.len() >= 2 {
        let all = if ran.len() == 2 {
            "Both reviewers".to_string()
        } else {
            format!("All {} reviewers", ran.len())
        };
        slices.push((all, s.both));
    }
    if partial > 0 {
        slices.push(("Several, not all".to_string(), partial));
    }
    for r in ran {
        slices.push((
            format!("Only {}", r.label_or_id()),
            s.only.get(&r.id).copied().unwrap_or(0),
        ));
    }
    writeln!(
        out,
        "```mermaid\npie showData title Who found the {} problems",
        s.unique
    )?;
    for (label, n) in &slices {
        writeln!(out, "    \"{}\" : {n}", chart_label(label))?;
    }
    writeln!(out, "```\n")?;
    let split = run.clusters.iter().filter(|c| c.priority_split.is_some()).count();
    let mut words: Vec<String> = Vec::new();
    if ran.len() >= 2 {
        let all = if ran.len() == 2 {
            "both reviewers".to_string()
        } else {
            format!("all {} reviewers", ran.len())
        };
        words.push(format!("{all} found {}", s.both));
    }
    if partial > 0 {
        words.push(format!("several but not all found {partial}"));
    }
    for r in ran {
        words.push(format!(
            "only {} found {}",
            inline(r.label_or_id()),
            s.only.get(&r.id).copied().unwrap_or(0)
        ));
    }
    let disagreement = match split {
        0 => "The reviewers agree on the priority of every problem they share.".to_string(),
        n => format!(
            "Where they found the same problem, they disagree on its priority {}.",
            if n == 1 {
                "once".to_string()
            } else {
                format!("{n} times")
            }
        ),
    };
    writeln!(
        out,
        "Of the {}, {}. {disagreement}\n",
        count(s.unique, "unique problem"),
        words.join(", ")
    )
}

/// Problems by category and chosen priority, as a table (the numbers a chart would show).
fn by_category(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    writeln!(
        out,
        "| Category | 🔴 P0 | 🟡 P1 | 🟢 P2 | Total |\n|---|---|---|---|---|"
    )?;
    for category in Category::ALL {
        let of: Vec<&Cluster> = run.clusters.iter().filter(|c| c.category == category).collect();
        if of.is_empty() {
            continue;
        }
        let n = |p: Priority| of.iter().filter(|c| c.priority == p).count();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            category,
            n(Priority::P0),
            n(Priority::P1),
            n(Priority::P2),
            of.len()
        )?;
    }
    writeln!(
        out,
        "| **all** | **{}** | **{}** | **{}** | **{}** |\n",
        run.summary.p0, run.summary.p1, run.summary.p2, run.summary.unique
    )
}

/// One row per unique problem: each reviewer's priority or "not found", the marker, the chosen priority.
fn table(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    let ran = ran(run);
    let mut header = "| ID | Problem | Location |".to_string();
    let mut rule = "|---|---|---|".to_string();
    for r in &ran {
        header.push_str(&format!(" {} |", cell(r.label_or_id())));
        rule.push_str("---|");
    }
    writeln!(out, "{header} Agreement | Chosen |\n{rule}---|---|")?;
    for c in &run.clusters {
        let mut row = format!("| {} | {} | {} |", c.id, cell(&c.title), cluster_locations(c));
        for r in &ran {
            match c.priorities.get(&r.id) {
                Some(p) => row.push_str(&format!(" {} |", badge(*p))),
                None => row.push_str(" — not found |"),
            }
        }
        writeln!(out, "{row} {} | {} |", marker(run, c), badge(c.priority))?;
    }
    writeln!(out)
}

/// ✅ agree (found by every reviewer, same priority), ⚖️ P1 vs P2 (found by several, priorities differ), ◐ 2 of 3,
/// 🔹 only X.
fn marker(run: &AuditRun, c: &Cluster) -> String {
    match (&c.agreement, &c.priority_split) {
        (Agreement::Unique, _) => format!("🔹 only {}", cell(super::label_of(run, &c.found_by[0]))),
        (Agreement::Agreed, None) => "✅ agree".to_string(),
        (Agreement::Agreed, Some(split)) => format!("⚖️ disagree: {split}"),
        (Agreement::Partial, split) => {
            let who = format!("◐ {} of {}", c.found_by.len(), ran(run).len());
            match split {
                Some(split) => format!("{who}; ⚖️ {split}"),
                None => who,
            }
        }
    }
}

/// A label inside a quoted mermaid string: no quotes, no line breaks, nothing mermaid would read as syntax.
fn chart_label(label: &str) -> String {
    label
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '`' | '#' | ';' | ':' | '<' | '>' | '{' | '}'))
        .take(60)
        .collect()
}
