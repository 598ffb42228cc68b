//! The audit report as one markdown document: the phases, the hot-path scope and why, the static findings,
//! then one section per reviewer headed by its label and model, with what it did not review.

use std::fmt::Write as _;
use turk_findings::Finding;
use turk_run::{AuditRun, Grounding, ReviewOutcome, ReviewStatus};

/// Renders the whole report.
pub fn render(run: &AuditRun) -> String {
    let mut out = String::new();
    let title = run.module.as_deref().unwrap_or(&run.root);
    writeln!(out, "# Go performance audit: {}\n", inline(title)).unwrap();
    let reviewers: Vec<String> = run
        .reviewers
        .iter()
        .map(|r| format!("{} (`{}`)", inline(&r.label), r.model))
        .collect();
    writeln!(
        out,
        "> {} {} · {} · {} scanned, {} in review scope · reviewers: {}\n",
        run.tool.name,
        run.tool.version,
        run.generated_at,
        count(run.files_scanned, "Go file"),
        run.scope.len(),
        if reviewers.is_empty() {
            "none configured".to_string()
        } else {
            reviewers.join(", ")
        }
    )
    .unwrap();
    if let Some(go) = &run.go_version {
        writeln!(
            out,
            "Go version (go.mod): {go}. Turk's charter: {}.\n",
            run.charter
        )
        .unwrap();
    } else {
        writeln!(out, "Turk's charter: {}.\n", run.charter).unwrap();
    }
    phases(&mut out, run);
    scope(&mut out, run);
    static_findings(&mut out, run);
    for reviewer in &run.reviewers {
        reviewer_section(&mut out, reviewer);
    }
    out
}

fn phases(out: &mut String, run: &AuditRun) {
    writeln!(out, "## Phases\n\n| Phase | Status | Detail |\n|---|---|---|").unwrap();
    for phase in &run.phases {
        writeln!(
            out,
            "| {} | {} | {} |",
            cell(&phase.name),
            phase.status.label(),
            cell(&phase.detail)
        )
        .unwrap();
    }
    out.push('\n');
}

fn scope(out: &mut String, run: &AuditRun) {
    writeln!(out, "## Scope: the hot paths\n").unwrap();
    if run.scope.is_empty() {
        writeln!(
            out,
            "No file showed hot-path signals (goroutines, locks, channels, I/O, HTTP, JSON, loops).\n"
        )
        .unwrap();
        return;
    }
    writeln!(out, "| # | File | Lines | Why it is hot |\n|---|---|---|---|").unwrap();
    for (i, entry) in run.scope.iter().enumerate() {
        writeln!(
            out,
            "| {} | `{}` | {} | {} |",
            i + 1,
            entry.path,
            entry.metrics.lines,
            cell(&entry.reason)
        )
        .unwrap();
    }
    out.push('\n');
}

fn static_findings(out: &mut String, run: &AuditRun) {
    let [p0, p1, p2] = run.static_counts();
    writeln!(out, "## Static findings\n").unwrap();
    if run.static_findings.is_empty() {
        writeln!(out, "The static rules found nothing.\n").unwrap();
        return;
    }
    writeln!(
        out,
        "{}: {p0} P0, {p1} P1, {p2} P2. Each is a syntactic match of a rule (`turk rules` explains them).\n",
        count(run.static_findings.len(), "finding")
    )
    .unwrap();
    writeln!(
        out,
        "| Priority | Location | Rule | What | Fix |\n|---|---|---|---|---|"
    )
    .unwrap();
    let mut sorted: Vec<&Finding> = run.static_findings.iter().collect();
    sorted.sort_by(|a, b| {
        (a.priority, &a.span.path, a.span.start_line).cmp(&(b.priority, &b.span.path, b.span.start_line))
    });
    for f in sorted {
        writeln!(
            out,
            "| {} {} | `{}` | `{}` | {} | {} |",
            f.priority.emoji(),
            f.priority,
            location(f),
            f.origin.id(),
            cell(&f.title),
            cell(&f.fix)
        )
        .unwrap();
    }
    out.push('\n');
}

fn reviewer_section(out: &mut String, r: &ReviewOutcome) {
    writeln!(out, "## Review by {} (`{}`)\n", inline(&r.label), r.model).unwrap();
    let status = match r.status {
        ReviewStatus::Complete => "complete",
        ReviewStatus::Partial => "partial: some requests failed",
        ReviewStatus::Failed => "failed: nothing was reviewed",
    };
    let verified = r.findings.iter().filter(|f| f.grounding.is_verified()).count();
    let requests = if r.recorded {
        format!(
            "Requests: {} answered from the recording.",
            r.usage.requests_sent + r.usage.cached_answers
        )
    } else {
        format!(
            "Requests: {} sent, {} answered from cache.",
            r.usage.requests_sent, r.usage.cached_answers
        )
    };
    writeln!(
        out,
        "Status: **{status}**. {}, {verified} verified against the code. {requests}",
        count(r.findings.len(), "finding")
    )
    .unwrap();
    if r.recorded {
        writeln!(out, "\n> ⏺️ Recorded answers (replay): this section shows answers recorded earlier, not a live model call.").unwrap();
    }
    let tokens = r.usage.prompt_tokens + r.usage.completion_tokens;
    if tokens > 0 {
        let cost = r
            .cost_usd
            .map(|c| format!(", estimated cost ${c:.4}"))
            .unwrap_or_default();
        writeln!(
            out,
            "\nTokens: {} prompt + {} completion{cost}.",
            r.usage.prompt_tokens, r.usage.completion_tokens
        )
        .unwrap();
    }
    for note in &r.notes {
        writeln!(out, "\n> {}", inline(note)).unwrap();
    }
    out.push('\n');
    let mut findings: Vec<_> = r.findings.iter().collect();
    findings.sort_by(|a, b| {
        (
            a.finding.priority,
            &a.finding.span.path,
            a.finding.span.start_line,
        )
            .cmp(&(
                b.finding.priority,
                &b.finding.span.path,
                b.finding.span.start_line,
            ))
    });
    if findings.is_empty() && r.status != ReviewStatus::Failed {
        writeln!(out, "No findings.\n").unwrap();
    }
    for reviewed in findings {
        let f = &reviewed.finding;
        writeln!(
            out,
            "### {} {} — {}\n",
            f.priority.emoji(),
            f.priority,
            inline(&f.title)
        )
        .unwrap();
        let grounding = match &reviewed.grounding {
            Grounding::Verified => "✅ verified against the code".to_string(),
            Grounding::Unverified { reason } => format!("⚠️ unverified: {}", inline(reason)),
        };
        writeln!(out, "`{}` · {} · {grounding}\n", location(f), f.category).unwrap();
        if !f.why.is_empty() {
            writeln!(out, "**Why:** {}\n", paragraph(&f.why)).unwrap();
        }
        if !f.fix.is_empty() {
            writeln!(out, "**Fix:** {}\n", paragraph(&f.fix)).unwrap();
        }
    }
    if !r.not_reviewed.is_empty() || !r.failures.is_empty() {
        writeln!(out, "### Not reviewed\n").unwrap();
        for n in &r.not_reviewed {
            writeln!(
                out,
                "- `{}:{}-{}`: {}",
                n.path,
                n.start_line,
                n.end_line,
                inline(&n.reason)
            )
            .unwrap();
        }
        for failure in &r.failures {
            let files: Vec<String> = failure
                .files
                .iter()
                .map(|l| format!("`{}:{}-{}`", l.path, l.start_line, l.end_line))
                .collect();
            writeln!(
                out,
                "- request for {} failed after {} attempts: {}",
                files.join(", "),
                failure.attempts,
                inline(&failure.error)
            )
            .unwrap();
        }
        out.push('\n');
    }
    if !r.dropped.is_empty() {
        writeln!(out, "### Dropped from the answers\n").unwrap();
        for d in &r.dropped {
            writeln!(out, "- {}", inline(&d.reason)).unwrap();
        }
        out.push('\n');
    }
}

/// `path:start-end`, or `path:line` for one line.
pub fn location(f: &Finding) -> String {
    if f.span.end_line > f.span.start_line {
        format!("{}:{}-{}", f.span.path, f.span.start_line, f.span.end_line)
    } else {
        format!("{}:{}", f.span.path, f.span.start_line)
    }
}

/// Text from a model or a user, made safe for one line of markdown: no line breaks, no raw HTML.
fn inline(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Like [`inline`], for a table cell: pipes escaped.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// A paragraph of model text: kept on one paragraph, HTML neutralised.
fn paragraph(text: &str) -> String {
    inline(text)
}

/// `1 finding`, `2 findings`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
