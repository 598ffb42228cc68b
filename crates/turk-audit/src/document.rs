//! The run document: the phases in words, the scope, the static findings, each reviewer's outcome, and the
//! reviews compared.

use crate::prepare::Prepared;
use turk_findings::Finding;
use turk_go::ScanReport;
use turk_models::{ReviewOutcome, ReviewStatus, ReviewerConfig};
use turk_report::markdown::count;
use turk_run::{AuditRun, Phase, PhaseStatus, RUN_FORMAT_VERSION, Tool};

/// The run document of a prepared audit and its reviews' outcomes (in the order of `reviewers`), with the
/// synthesis done. `static_only` says the reviews were left out on purpose (`--static-only`).
pub fn finish(
    prepared: Prepared,
    reviewers: &[ReviewerConfig],
    outcomes: Vec<ReviewOutcome>,
    static_only: bool,
) -> AuditRun {
    let Prepared {
        settings,
        scan,
        since,
        scope,
        scope_phase,
        profiles,
        profile_phases,
        charter,
        ..
    } = prepared;
    let mut phases = vec![scope_phase];
    phases.extend(profile_phases);
    phases.push(static_phase(&scan, since.is_some()));
    phases.extend(review_phases(reviewers, &outcomes, static_only));
    let gomod = scan.root_module().cloned();
    let static_findings: Vec<Finding> = scan.findings().cloned().collect();
    let mut run = AuditRun {
        version: RUN_FORMAT_VERSION,
        tool: Tool {
            name: "turk".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        root: settings.root.display().to_string(),
        root_uri: turk_report::sarif::file_uri(&settings.root),
        module: gomod.as_ref().and_then(|m| m.module.clone()),
        go_version: gomod.as_ref().and_then(|m| m.go).map(|v| v.to_string()),
        generated_at: turk_run::timestamp::now_utc(),
        files_scanned: scan.files.len(),
        partly_parsed: scan.files_with_parse_errors().map(|f| f.path.clone()).collect(),
        since,
        profiles,
        charter: charter.origin,
        phases,
        scope,
        static_findings,
        reviewers: outcomes,
        clusters: Vec::new(),
        summary: Default::default(),
    };
    turk_report::synthesis::apply(&mut run);
    run
}

/// `changed_lines_only`: the findings were narrowed to the lines of a change.
fn static_phase(scan: &ScanReport, changed_lines_only: bool) -> Phase {
    let partial: Vec<&str> = scan.files_with_parse_errors().map(|f| f.path.as_str()).collect();
    let mut detail = format!(
        "{}{} in {}",
        count(scan.findings().count(), "finding"),
        if changed_lines_only {
            " on changed lines"
        } else {
            ""
        },
        count(scan.files.len(), "file")
    );
    if !partial.is_empty() {
        detail.push_str(&format!("; partly parsed (rest scanned): {}", partial.join(", ")));
    }
    if !scan.skipped.is_empty() {
        detail.push_str(&format!("; {} skipped", count(scan.skipped.len(), "file")));
    }
    Phase {
        name: "Static pass".into(),
        status: if partial.is_empty() {
            PhaseStatus::Done
        } else {
            PhaseStatus::Partial
        },
        detail,
    }
}

fn review_phases(reviewers: &[ReviewerConfig], outcomes: &[ReviewOutcome], static_only: bool) -> Vec<Phase> {
    let skipped = |detail: &str| {
        vec![Phase {
            name: "Model reviews".into(),
            status: PhaseStatus::Skipped,
            detail: detail.into(),
        }]
    };
    if static_only {
        return skipped("--static-only: no reviewer was called");
    }
    if reviewers.is_empty() {
        return skipped(
            "no reviewer is configured: without a `reviewers:` list in turk.yaml, set OPENAI_API_KEY and/or \
             ANTHROPIC_API_KEY; or list reviewers in turk.yaml (see docs/configuration.md)",
        );
    }
    outcomes
        .iter()
        .map(|o| {
            let status = match o.status {
                ReviewStatus::Complete => PhaseStatus::Done,
                ReviewStatus::Partial => PhaseStatus::Partial,
                ReviewStatus::Failed => PhaseStatus::Failed,
            };
            let mut detail = format!(
                "{} ({} verified)",
                count(o.findings.len(), "finding"),
                o.verified().count()
            );
            if o.recorded {
                detail.push_str(", recorded answers");
            }
            if let Some(first) = o.failures.first() {
                detail.push_str(&format!(
                    "; {} failed: {}",
                    count(o.failures.len(), "request"),
                    first.error
                ));
            }
            Phase {
                name: format!("Review: {} ({})", o.label_or_id(), o.model),
                status,
                detail,
            }
        })
        .collect()
}
