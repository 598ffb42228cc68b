//! The audit report as one markdown document, in the order a team lead reads it: the summary and the top actions,
//! the action list by priority, the comparison of the reviews, each reviewer's findings, the static findings, the
//! scope, and how the audit was run.
//!
//! The report is a list of [`SECTIONS`]: adding a section is one function and one line there. Everything is
//! rendered from the [`AuditRun`] alone, so a saved `run.json` renders to the same bytes. Text that came from a
//! model, an endpoint or a user goes through [`crate::escape`] and cannot change the document's structure.

mod actions;
mod comparison;
mod header;
mod reviews;
mod run_info;
mod statics;

use std::fmt::{self, Write};
use turk_findings::{Finding, Priority, Span};
use turk_run::{AuditRun, Cluster, ReviewOutcome, format_share};

/// Writes one part of the report.
pub type Section = fn(&mut dyn Write, &AuditRun) -> fmt::Result;

/// The report's sections, in order.
pub const SECTIONS: &[Section] = &[
    header::title,
    header::summary,
    actions::action_list,
    comparison::comparison,
    reviews::reviewer_sections,
    statics::static_findings,
    run_info::scope,
    run_info::how_it_ran,
];

/// Renders the whole report.
pub fn render(run: &AuditRun) -> String {
    let mut out = String::new();
    render_to(&mut out, run).expect("writing to a String cannot fail");
    out
}

/// Renders the whole report into `out`, section by section.
pub fn render_to(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    for section in SECTIONS {
        section(out, run)?;
    }
    Ok(())
}

/// `path:start-end`, or `path:line` for one line.
pub fn location(f: &Finding) -> String {
    span_text(&f.span)
}

/// `path:start-end`, or `path:line` for one line.
pub fn span_text(span: &Span) -> String {
    if span.end_line > span.start_line {
        format!("{}:{}-{}", span.path, span.start_line, span.end_line)
    } else {
        format!("{}:{}", span.path, span.start_line)
    }
}

/// Every place a cluster points at, as code spans: `` `a.go:3-9`, `a.go:20` ``.
fn cluster_locations(cluster: &Cluster) -> String {
    if cluster.locations.is_empty() {
        return crate::escape::code(&span_text(&Span::lines(
            cluster.path.clone(),
            cluster.start_line,
            cluster.end_line,
        )));
    }
    cluster
        .locations
        .iter()
        .map(|s| crate::escape::code(&span_text(s)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the profiles say about the function holding `line` of `path`, when one shows it hot: "profile: `Sum`
/// holds 77% of CPU, 99% of alloc_space" (attributed shares, as the scope ranks by).
fn profile_quote(run: &AuditRun, path: &str, line: u32) -> Option<String> {
    let entry = run.scope.iter().find(|e| e.path == path)?;
    let hot = entry.profiled_hot_at(line);
    let (_, first) = hot.first()?;
    let shares: Vec<String> = hot
        .iter()
        .map(|(share, f)| {
            format!(
                "{} of {}",
                format_share(f.attributed_share),
                crate::escape::inline(share.label())
            )
        })
        .collect();
    Some(format!(
        "profile: {} holds {}",
        crate::escape::code(&first.name),
        shares.join(", ")
    ))
}

/// `1 finding`, `2 findings`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `🔴 P0`.
fn badge(priority: Priority) -> String {
    format!("{} {priority}", priority.emoji())
}

/// The reviewers that ran (did not fail entirely).
fn ran(run: &AuditRun) -> Vec<&ReviewOutcome> {
    run.reviewers
        .iter()
        .filter(|r| r.status != turk_run::ReviewStatus::Failed)
        .collect()
}

/// The label of reviewer `id` (raw: escape it where it is written).
fn label_of<'a>(run: &'a AuditRun, id: &'a str) -> &'a str {
    run.reviewers
        .iter()
        .find(|r| r.id == id)
        .map_or(id, ReviewOutcome::label_or_id)
}

/// Who found a cluster, in words: "both", "all three", "GPT-5.3-Codex only", "GPT-5.3-Codex and Claude".
fn found_by_text(run: &AuditRun, cluster: &Cluster) -> String {
    let ran = ran(run).len();
    match cluster.agreement {
        turk_run::Agreement::Agreed if ran == 2 => "found by both".to_string(),
        turk_run::Agreement::Agreed => format!("found by all {ran}"),
        _ => {
            let names: Vec<String> = cluster
                .found_by
                .iter()
                .map(|id| crate::escape::inline(label_of(run, id)))
                .collect();
            if names.len() == 1 {
                format!("only {}", names[0])
            } else {
                format!("found by {}", names.join(" and "))
            }
        }
    }
}

/// The first sentence of a text (up to 200 characters), for one-line summaries.
fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let abbreviation = |before: &str| ["e.g", "i.e", "vs", "etc"].iter().any(|a| before.ends_with(a));
    let mut end = text
        .match_indices(". ")
        .find(|(i, _)| !abbreviation(&text[..*i]))
        .map_or(text.len(), |(i, _)| i + 1);
    if let Some((i, _)) = text.char_indices().nth(200)
        && i < end
    {
        end = i;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_stops_at_the_first_full_stop() {
        assert_eq!(first_sentence("Use a pool. Then measure."), "Use a pool.");
        assert_eq!(first_sentence("Call p.wg.Add(1) first"), "Call p.wg.Add(1) first");
        assert_eq!(
            first_sentence("Use a pool, e.g. sync.Pool. Then"),
            "Use a pool, e.g. sync.Pool."
        );
    }
}
