//! Each reviewer's own findings, labelled with its label and model, as it reported them: with grounding, the
//! cluster each belongs to, what a profile says of the function it is in, and what the reviewer did not review.

use super::{count, label_of, location, profile_quote};
use crate::escape::{code, inline};
use std::fmt::{self, Write};
use turk_run::{AuditRun, Grounding, ReviewOutcome, ReviewStatus, ReviewedFinding};

pub fn reviewer_sections(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    for reviewer in &run.reviewers {
        section(out, run, reviewer)?;
    }
    Ok(())
}

fn section(out: &mut dyn Write, run: &AuditRun, r: &ReviewOutcome) -> fmt::Result {
    writeln!(
        out,
        "## Review by {} ({})\n",
        inline(r.label_or_id()),
        code(&r.model)
    )?;
    let status = match r.status {
        ReviewStatus::Complete => "complete",
        ReviewStatus::Partial => "partial: some requests failed",
        ReviewStatus::Failed => "failed: nothing was reviewed",
    };
    let verified = r.findings.iter().filter(|f| f.grounding.is_verified()).count();
    writeln!(
        out,
        "Status: **{status}**. {}, {verified} verified against the code.",
        count(r.findings.len(), "finding")
    )?;
    if r.recorded {
        writeln!(
            out,
            "\n> ⏺️ Recorded answers (replay): this section shows answers recorded earlier, not a live model call."
        )?;
    }
    for note in &r.notes {
        writeln!(out, "\n> {}", inline(note))?;
    }
    writeln!(out)?;
    let mut findings: Vec<&ReviewedFinding> = r.findings.iter().collect();
    findings.sort_by(|a, b| {
        (a.finding.priority, &a.finding.span, &a.finding.title).cmp(&(
            b.finding.priority,
            &b.finding.span,
            &b.finding.title,
        ))
    });
    if findings.is_empty() && r.status != ReviewStatus::Failed {
        writeln!(out, "No findings.\n")?;
    }
    for reviewed in findings {
        finding(out, run, r, reviewed)?;
    }
    Ok(())
}

fn finding(
    out: &mut dyn Write,
    run: &AuditRun,
    r: &ReviewOutcome,
    reviewed: &ReviewedFinding,
) -> fmt::Result {
    let f = &reviewed.finding;
    writeln!(
        out,
        "### {} {} — {}\n",
        f.priority.emoji(),
        f.priority,
        inline(&f.title)
    )?;
    let grounding = match &reviewed.grounding {
        Grounding::Verified => "✅ verified against the code".to_string(),
        Grounding::Unverified { reason } => format!("⚠️ unverified: {}", inline(reason)),
    };
    let mut facts = vec![code(&location(f)), f.category.to_string(), grounding];
    if let Some(cluster) = run.clusters.iter().find(|c| {
        c.members
            .iter()
            .any(|m| m.reviewer == r.id && m.finding == *reviewed)
    }) {
        let others: Vec<String> = cluster
            .found_by
            .iter()
            .filter(|id| **id != r.id)
            .map(|id| inline(label_of(run, id)))
            .collect();
        facts.push(if others.is_empty() {
            format!("{} (only this reviewer)", cluster.id)
        } else {
            format!("{} (also found by {})", cluster.id, others.join(" and "))
        });
    }
    facts.extend(profile_quote(run, &f.span.path, f.span.start_line));
    writeln!(out, "{}\n", facts.join(" · "))?;
    if !f.why.is_empty() {
        writeln!(out, "**Why:** {}\n", inline(&f.why))?;
    }
    if !f.fix.is_empty() {
        writeln!(out, "**Fix:** {}\n", inline(&f.fix))?;
    }
    Ok(())
}
