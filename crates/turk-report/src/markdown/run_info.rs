//! The end of the report: the scope the reviewers read and why, and how the audit was run (phases, models,
//! endpoints, requests, tokens, cost, failures and what was not reviewed).

use super::count;
use crate::escape::{cell, code, inline};
use std::fmt::{self, Write};
use turk_run::{AuditRun, ReviewOutcome};

pub fn scope(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    writeln!(out, "## Scope: the hot paths\n")?;
    if let (true, Some(since)) = (run.scope.is_empty(), &run.since) {
        return writeln!(
            out,
            "No Go file changed since {} is in the review scope.\n",
            code(&since.rev)
        );
    }
    if run.scope.is_empty() {
        return writeln!(
            out,
            "No file showed hot-path signals (goroutines, locks, channels, I/O, HTTP, JSON, loops).\n"
        );
    }
    writeln!(
        out,
        "| # | File | Kind | Lines | Score | Why it is hot |\n|---|---|---|---|---|---|"
    )?;
    for (i, entry) in run.scope.iter().enumerate() {
        // Runs written before kinds were recognised have none.
        let kind = if entry.kind.is_empty() {
            "—".to_string()
        } else {
            cell(&entry.kind)
        };
        writeln!(
            out,
            "| {} | {} | {kind} | {} | {:.1} | {} |",
            i + 1,
            code(&entry.path),
            entry.metrics.lines,
            entry.score,
            cell(&entry.reason)
        )?;
    }
    writeln!(out)
}

pub fn how_it_ran(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    writeln!(out, "## How the audit was run\n")?;
    writeln!(out, "| Phase | Status | Detail |\n|---|---|---|")?;
    for phase in &run.phases {
        writeln!(
            out,
            "| {} | {} | {} |",
            cell(&phase.name),
            phase.status.label(),
            cell(&phase.detail)
        )?;
    }
    writeln!(out)?;
    let mut context = Vec::new();
    if let Some(go) = &run.go_version {
        context.push(format!("Go version (go.mod): {}.", inline(go)));
    }
    if let Some(since) = &run.since {
        context.push(format!(
            "Change reviewed: the lines added or changed since {}, counted from its merge base with HEAD {} ({}), \
             uncommitted changes included; {} changed. The scope holds only changed files, and the static findings \
             are those on changed lines.",
            code(&since.rev),
            code(since.short_merge_base()),
            inline(&since.merge_base_summary),
            count(since.files_changed, "Go file")
        ));
    }
    context.push(format!("Turk's charter: {}.", inline(&run.charter)));
    if !run.partly_parsed.is_empty() {
        let files: Vec<String> = run.partly_parsed.iter().map(|p| code(p)).collect();
        context.push(format!(
            "Partly parsed (the rest of each file was scanned): {}.",
            files.join(", ")
        ));
    }
    writeln!(out, "{}\n", context.join(" "))?;
    if run.reviewers.is_empty() {
        return writeln!(
            out,
            "No model reviewer is configured. Without a `reviewers:` list in `turk.yaml`, the default models \
             (GPT-5.3-Codex and Claude Opus 4.6) review when `OPENAI_API_KEY` and/or `ANTHROPIC_API_KEY` is set; \
             an empty list turns them off. A list in `turk.yaml` in the repository root (see \
             docs/configuration.md) has entries with `provider: openai` (any OpenAI-compatible endpoint) or \
             `provider: azure`, each with `model`, `base_url` and `api_key_env`, the name of the variable that \
             holds the key.\n"
        );
    }
    writeln!(
        out,
        "| Reviewer | Model | Endpoint | Requests | Tokens (prompt + completion) | Cost | Status |\n\
         |---|---|---|---|---|---|---|"
    )?;
    for r in &run.reviewers {
        reviewer_row(out, r)?;
    }
    writeln!(out)?;
    for r in &run.reviewers {
        gaps(out, r)?;
    }
    Ok(())
}

fn reviewer_row(out: &mut dyn Write, r: &ReviewOutcome) -> fmt::Result {
    let endpoint = if r.recorded {
        "recorded answers (replay)".to_string()
    } else {
        r.endpoint
            .as_deref()
            .map(code)
            .unwrap_or_else(|| r.provider.to_string())
    };
    let u = &r.usage;
    let requests = if r.recorded {
        format!(
            "{} answered from the recording",
            u.requests_sent + u.cached_answers
        )
    } else {
        format!("{} sent, {} from cache", u.requests_sent, u.cached_answers)
    };
    let tokens = if u.prompt_tokens + u.completion_tokens == 0 {
        "—".to_string()
    } else {
        let estimated = if u.estimated { " (estimated)" } else { "" };
        format!("{} + {}{estimated}", u.prompt_tokens, u.completion_tokens)
    };
    let cost = match r.cost_usd {
        Some(c) if !r.recorded => format!("${c:.4}"),
        _ => "—".to_string(),
    };
    let status = match r.status {
        turk_run::ReviewStatus::Complete => "✅ complete",
        turk_run::ReviewStatus::Partial => "⚠️ partial",
        turk_run::ReviewStatus::Failed => "❌ failed",
    };
    writeln!(
        out,
        "| {} ({}) | {} | {endpoint} | {requests} | {tokens} | {cost} | {status} |",
        cell(r.label_or_id()),
        code(&r.id),
        code(&r.model)
    )
}

/// What a reviewer did not review, the requests that failed, and what was dropped from its answers.
fn gaps(out: &mut dyn Write, r: &ReviewOutcome) -> fmt::Result {
    if r.not_reviewed.is_empty() && r.failures.is_empty() && r.dropped.is_empty() {
        return Ok(());
    }
    writeln!(out, "**{}** ({}):\n", inline(r.label_or_id()), code(&r.id))?;
    // A failed request's files are also in `not_reviewed`: say each once, with the failure.
    let failed = |n: &turk_run::NotReviewed| {
        r.failures.iter().any(|f| {
            f.files
                .iter()
                .any(|l| l.path == n.path && l.start_line == n.start_line && l.end_line == n.end_line)
        })
    };
    for n in r.not_reviewed.iter().filter(|n| !failed(n)) {
        writeln!(
            out,
            "- not reviewed: {}: {}",
            code(&format!("{}:{}-{}", n.path, n.start_line, n.end_line)),
            inline(&n.reason)
        )?;
    }
    for failure in &r.failures {
        let files: Vec<String> = failure
            .files
            .iter()
            .map(|l| code(&format!("{}:{}-{}", l.path, l.start_line, l.end_line)))
            .collect();
        writeln!(
            out,
            "- request for {} failed after {}: {}",
            files.join(", "),
            count(failure.attempts as usize, "attempt"),
            inline(&failure.error)
        )?;
    }
    for d in &r.dropped {
        writeln!(out, "- dropped from an answer: {}", inline(&d.reason))?;
    }
    writeln!(out)
}
