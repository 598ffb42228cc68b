//! The top of the report: the title, what was audited, warnings that change how to read the rest, the summary
//! paragraph and the three actions to take first.

use super::{badge, cluster_locations, count, found_by_text, ran};
use crate::escape::{code, inline};
use std::fmt::{self, Write};
use turk_findings::{Finding, Priority};
use turk_run::{AuditRun, ReviewStatus};

pub fn title(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    let title = run.module.as_deref().unwrap_or(&run.root);
    writeln!(out, "# Go performance audit: {}\n", inline(title))?;
    let reviewers: Vec<String> = run
        .reviewers
        .iter()
        .map(|r| format!("{} ({})", inline(r.label_or_id()), code(&r.model)))
        .collect();
    // An audit of a change says so first: its findings are about the changed lines only.
    let change = run.since.as_ref().map_or_else(String::new, |s| {
        format!(
            "changes since {} (merge base {}) · ",
            code(&s.rev),
            code(s.short_merge_base())
        )
    });
    let changed = run
        .since
        .as_ref()
        .map_or_else(String::new, |s| format!(", {} changed", s.files_changed));
    writeln!(
        out,
        "> {} {} · {} · {change}{} scanned{changed}, {} in review scope · reviewers: {}\n",
        inline(&run.tool.name),
        inline(&run.tool.version),
        inline(&run.generated_at),
        count(run.files_scanned, "Go file"),
        run.scope.len(),
        if reviewers.is_empty() {
            "none configured".to_string()
        } else {
            reviewers.join(", ")
        }
    )?;
    for r in &run.reviewers {
        let first_error = r.failures.first().map(|f| inline(&f.error)).unwrap_or_default();
        match r.status {
            ReviewStatus::Failed => writeln!(
                out,
                "> ⚠️ **{} did not review anything**: {first_error}. Nothing below comes from it, and the \
                 comparison leaves it out.\n",
                inline(r.label_or_id())
            )?,
            ReviewStatus::Partial => writeln!(
                out,
                "> ⚠️ **{} reviewed only part of the scope**: {} failed ({first_error}). What it did not review is \
                 listed under How the audit was run.\n",
                inline(r.label_or_id()),
                count(r.failures.len().max(1), "request")
            )?,
            ReviewStatus::Complete => {}
        }
    }
    Ok(())
}

pub fn summary(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    writeln!(out, "## Summary\n")?;
    let mut text = review_sentence(run);
    let [p0, _, _] = run.static_counts();
    if run.static_findings.is_empty() {
        text.push_str(" The static rules found nothing.");
    } else {
        text.push_str(&format!(
            " The static pass found {}{} ({p0} P0)",
            count(run.static_findings.len(), "finding"),
            if run.since.is_some() {
                " on the changed lines"
            } else {
                ""
            }
        ));
        if !run.reviewers.is_empty() && !ran(run).is_empty() {
            text.push_str(&format!(
                "; {} of them no reviewer raised",
                run.summary.static_only
            ));
        }
        text.push('.');
    }
    writeln!(out, "{text}\n")?;
    top_actions(out, run)
}

/// Who reviewed and what the comparison found.
fn review_sentence(run: &AuditRun) -> String {
    let s = &run.summary;
    let ran = ran(run);
    if run.reviewers.is_empty() {
        return "No model reviewed the code: no reviewer is configured (How the audit was run says how to add \
                them)."
            .to_string();
    }
    if ran.is_empty() {
        return "No model review completed, so there is nothing to compare: every reviewer failed (see the \
                warnings above)."
            .to_string();
    }
    let names: Vec<String> = ran.iter().map(|r| inline(r.label_or_id())).collect();
    let files = count(
        run.scope.len(),
        if run.since.is_some() {
            "changed file"
        } else {
            "hot-path file"
        },
    );
    let mut text = match names.as_slice() {
        [one] => format!(
            "{one} reviewed {files} and reported {}.",
            count(s.unique, "problem")
        ),
        [a, b] => format!(
            "{a} and {b} reviewed {files} independently and reported {} unique problems: {} found by both, {} only \
             by {a} and {} only by {b}.",
            s.unique,
            s.both,
            s.only.get(&ran[0].id).copied().unwrap_or(0),
            s.only.get(&ran[1].id).copied().unwrap_or(0),
        ),
        _ => {
            let partial = run
                .clusters
                .iter()
                .filter(|c| c.agreement == turk_run::Agreement::Partial)
                .count();
            let only: Vec<String> = ran
                .iter()
                .map(|r| {
                    format!(
                        "{} only by {}",
                        s.only.get(&r.id).copied().unwrap_or(0),
                        inline(r.label_or_id())
                    )
                })
                .collect();
            format!(
                "{} reviewers ({}) reviewed {files} independently and reported {} unique problems: {} found by all, \
                 {partial} by several, {}.",
                ran.len(),
                names.join(", "),
                s.unique,
                s.both,
                only.join(", ")
            )
        }
    };
    let split = run.clusters.iter().filter(|c| c.priority_split.is_some()).count();
    if split > 0 {
        text.push_str(&format!(
            " They disagree on the priority of {split} of the problems they share."
        ));
    }
    if s.unique > 0 {
        let verb = if s.corroborated == 1 { "is" } else { "are" };
        text.push_str(&format!(
            " After comparison: **{} P0**, {} P1 and {} P2; {} {verb} also flagged by a static rule and {} could \
             not be verified against the code.",
            s.p0, s.p1, s.p2, s.corroborated, s.unverified
        ));
    }
    text
}

/// The three actions to take first: the top of the action list, or the most urgent static findings when no model
/// reviewed.
fn top_actions(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    if !run.clusters.is_empty() {
        writeln!(out, "**Do first:**\n")?;
        for (i, c) in run.clusters.iter().take(3).enumerate() {
            writeln!(
                out,
                "{}. {} **{}** — {} · {}",
                i + 1,
                badge(c.priority),
                inline(&c.title),
                cluster_locations(c),
                found_by_text(run, c)
            )?;
        }
        return writeln!(out);
    }
    let mut statics: Vec<&Finding> = run
        .static_findings
        .iter()
        .filter(|f| f.priority == Priority::P0)
        .collect();
    if statics.is_empty() {
        return Ok(());
    }
    statics.sort_by_key(|f| {
        (
            crate::synthesis::scope_rank(run, &f.span.path).unwrap_or(usize::MAX),
            f.span.clone(),
        )
    });
    writeln!(
        out,
        "**Do first** (static findings at P0, hottest files first):\n"
    )?;
    for (i, f) in statics.iter().take(3).enumerate() {
        writeln!(
            out,
            "{}. {} **{}** — {} · {}",
            i + 1,
            badge(f.priority),
            inline(&f.title),
            code(&super::location(f)),
            code(f.origin.id())
        )?;
    }
    writeln!(out)
}
