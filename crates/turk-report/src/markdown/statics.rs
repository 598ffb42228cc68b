//! The static findings, grouped by rule: how many, how urgent, where (hot-path files first, with why a priority
//! rose) and why it matters; a heuristic rule says so. Findings that confirm a reviewer's finding are named with
//! the action they confirm; findings in tests and minor ones outside the hot paths are counted, not listed.

use super::{badge, count, first_sentence, location};
use crate::escape::{cell, code};
use crate::synthesis::scope_rank;
use std::collections::{BTreeMap, HashSet};
use std::fmt::{self, Write};
use turk_findings::{Confidence, Finding, Fingerprint, Priority};
use turk_run::AuditRun;

/// Locations listed per rule.
const TOP_LOCATIONS: usize = 3;

pub fn static_findings(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    writeln!(out, "## Static findings\n")?;
    if run.static_findings.is_empty() {
        return writeln!(out, "The static rules found nothing.\n");
    }
    let [p0, p1, p2] = run.static_counts();
    writeln!(
        out,
        "{}: {p0} P0, {p1} P1, {p2} P2. Each is a syntactic match of a rule (`turk rules <id>` explains it).\n",
        count(run.static_findings.len(), "finding")
    )?;
    let confirming: HashSet<&Fingerprint> = run
        .clusters
        .iter()
        .flat_map(|c| c.corroborated_by.iter().map(|x| &x.fingerprint))
        .collect();
    let confirmations: Vec<String> = run
        .clusters
        .iter()
        .filter(|c| !c.corroborated_by.is_empty())
        .map(|c| {
            let mut rules: Vec<String> = c.corroborated_by.iter().map(|x| code(&x.rule)).collect();
            rules.dedup();
            format!("{} ({})", rules.join(", "), c.id)
        })
        .collect();
    if !confirmations.is_empty() {
        writeln!(
            out,
            "Confirming a reviewer's finding (see the action): {}.\n",
            confirmations.join("; ")
        )?;
    }
    let (listed, folded): (Vec<&Finding>, Vec<&Finding>) = run
        .static_findings
        .iter()
        .filter(|f| !confirming.contains(&f.fingerprint))
        .partition(|f| !is_minor_or_cold(run, f));
    if !listed.is_empty() {
        writeln!(
            out,
            "No reviewer raised these; hot-path files first:\n\n| Rule | Priority | Count | Where | Why it matters |\n\
             |---|---|---|---|---|"
        )?;
        for (rule, findings) in by_rule(run, &listed) {
            let places: Vec<String> = findings
                .iter()
                .take(TOP_LOCATIONS)
                .map(|f| {
                    if f.because.is_empty() {
                        code(&location(f))
                    } else {
                        format!("{} ({})", code(&location(f)), cell(&f.because))
                    }
                })
                .collect();
            let heuristic = if findings
                .iter()
                .any(|f| f.confidence == Some(Confidence::Heuristic))
            {
                " (heuristic)"
            } else {
                ""
            };
            let more = findings.len().saturating_sub(TOP_LOCATIONS);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            writeln!(
                out,
                "| {}{heuristic} | {} | {} | {}{more} | {} |",
                code(rule),
                priorities(&findings),
                findings.len(),
                places.join(", "),
                cell(first_sentence(&findings[0].why))
            )?;
        }
        writeln!(out)?;
    }
    if !folded.is_empty() {
        let (what, verb) = if folded.len() == 1 {
            ("finding", "is")
        } else {
            ("findings", "are")
        };
        writeln!(
            out,
            "{} more {what} in tests or at P2 outside the hot paths {verb} counted here, not listed (`turk scan` \
             lists every finding).\n",
            folded.len()
        )?;
    }
    Ok(())
}

/// Findings in test files, and P2 findings in files outside the review scope.
fn is_minor_or_cold(run: &AuditRun, f: &Finding) -> bool {
    f.span.path.ends_with("_test.go")
        || (f.priority == Priority::P2 && scope_rank(run, &f.span.path).is_none())
}

/// Findings grouped by rule; rules ordered by their most urgent finding, then the hottest file; findings within a
/// rule hottest first.
fn by_rule<'a>(run: &AuditRun, findings: &[&'a Finding]) -> Vec<(&'a str, Vec<&'a Finding>)> {
    let heat = |f: &Finding| scope_rank(run, &f.span.path).unwrap_or(usize::MAX);
    let mut groups: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        groups.entry(f.origin.id()).or_default().push(f);
    }
    let mut groups: Vec<(&str, Vec<&Finding>)> = groups.into_iter().collect();
    for (_, list) in &mut groups {
        list.sort_by_key(|f| (f.priority, heat(f), f.span.clone()));
    }
    groups.sort_by_key(|(rule, list)| (list[0].priority, heat(list[0]), *rule));
    groups
}

/// `🔴 P0` or `🔴 P0 ×1, 🟡 P1 ×2`.
fn priorities(findings: &[&Finding]) -> String {
    let mut parts = Vec::new();
    for p in Priority::ALL {
        let n = findings.iter().filter(|f| f.priority == p).count();
        if n > 0 {
            parts.push((p, n));
        }
    }
    match parts.as_slice() {
        [(p, _)] => badge(*p),
        _ => parts
            .iter()
            .map(|(p, n)| format!("{} ×{n}", badge(*p)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
