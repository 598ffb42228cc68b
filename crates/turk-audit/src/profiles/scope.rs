//! The scope with profiles: the files a profile puts first, and what each profile says about every file in
//! scope.

use super::functions::function_costs;
use super::{HOT_SHARE, LEAD_SHARE, label};
use turk_go::{DeclaredFunction, FileAnalysis, ScanReport};
use turk_profile::ProfileReport;
use turk_run::format_share;
use turk_run::{ProfileShare, ProfiledFunction, ProfiledLine, ScopeEntry};

/// Functions kept per file and profile in the scope entry besides the hot ones: the reviewers and the report
/// look at the hottest.
const MAX_FUNCTIONS: usize = 5;
/// Lines kept per file and profile: enough for each of the hottest functions to show its hottest lines.
const MAX_LINES: usize = 10;

/// Whether the file at `path` holds enough of the profile (attributed) to lead the scope.
pub(crate) fn leads(report: &ProfileReport, path: &str) -> bool {
    report
        .file(path)
        .is_some_and(|f| f.cost.attributed_share >= LEAD_SHARE)
}

/// The ranked `entries` (hottest first by syntax) with the files a profile leads put first, the largest share
/// (of any profile) first; the rest keep their order. A file a profile leads that the syntax did not rank at
/// all joins the scope if `candidate` admits it (test files never do).
pub(crate) fn order(
    mut entries: Vec<ScopeEntry>,
    reports: &[(ProfileReport, Vec<String>)],
    scan: &ScanReport,
    candidate: &dyn Fn(&FileAnalysis) -> bool,
) -> Vec<ScopeEntry> {
    if reports.is_empty() {
        return entries;
    }
    let lead = |path: &str| -> Option<f64> {
        reports
            .iter()
            .filter(|(r, _)| leads(r, path))
            .filter_map(|(r, _)| r.file(path).map(|f| f.cost.attributed_share))
            .reduce(f64::max)
    };
    for file in &scan.files {
        if !file.is_test
            && candidate(file)
            && lead(&file.path).is_some()
            && !entries.iter().any(|e| e.path == file.path)
        {
            entries.push(unranked(file));
        }
    }
    let (mut leading, rest): (Vec<ScopeEntry>, Vec<ScopeEntry>) =
        entries.into_iter().partition(|e| lead(&e.path).is_some());
    leading.sort_by(|a, b| {
        lead(&b.path)
            .unwrap_or(0.0)
            .total_cmp(&lead(&a.path).unwrap_or(0.0))
            .then_with(|| a.path.cmp(&b.path))
    });
    leading.extend(rest);
    leading
}

/// A file the syntax did not rank, in scope for its profile alone.
fn unranked(file: &FileAnalysis) -> ScopeEntry {
    ScopeEntry {
        path: file.path.clone(),
        score: 0.0,
        reason: String::new(),
        pinned: false,
        metrics: file.metrics,
        kind: String::new(),
        hot_functions: Vec::new(),
        profile: Vec::new(),
    }
}

/// Adds what each profile says to the entries it reaches: the shares, the hottest functions and lines, and the
/// evidence in the reason ("profile: 77% of CPU attributed (28% flat, 77% cum), hottest: Sum"), first for a file
/// a profile leads (and in a pinned scope), last for the others.
pub(crate) fn annotate(
    entries: &mut [ScopeEntry],
    reports: &[(ProfileReport, Vec<String>)],
    scan: &ScanReport,
) {
    for entry in entries.iter_mut() {
        let Some(file) = scan.files.iter().find(|f| f.path == entry.path) else {
            continue;
        };
        let declared: Vec<DeclaredFunction<'_>> = file.declared_functions().collect();
        let mut evidence = Vec::new();
        let mut leading = false;
        for (report, _) in reports {
            let Some(profiled) = report.file(&entry.path) else {
                continue;
            };
            let share = share(report, profiled, &declared);
            let hottest = share
                .functions
                .first()
                .map_or(String::new(), |f| format!(", hottest: {}", f.name));
            evidence.push(format!(
                "{} of {} attributed ({} flat, {} cum){hottest}",
                format_share(share.attributed_share),
                label(report),
                format_share(share.flat_share),
                format_share(share.cum_share)
            ));
            leading |= leads(report, &entry.path);
            entry.profile.push(share);
        }
        if evidence.is_empty() {
            continue;
        }
        let text = format!("profile: {}", evidence.join("; "));
        entry.reason = match (entry.reason.is_empty(), leading || entry.pinned) {
            (true, _) => text,
            (false, true) => format!("{text}; {}", entry.reason),
            (false, false) => format!("{}; {text}", entry.reason),
        };
    }
}

/// A file's part of one profile, its functions placed in its declarations.
fn share(
    report: &ProfileReport,
    profiled: &turk_profile::FileProfile,
    declared: &[DeclaredFunction<'_>],
) -> ProfileShare {
    // The hottest few, and every hot one: the report quotes a hot function next to the findings in it.
    let functions = function_costs(profiled, declared)
        .into_iter()
        .enumerate()
        .filter(|(i, f)| *i < MAX_FUNCTIONS || f.attributed_share >= HOT_SHARE)
        .map(|(_, f)| ProfiledFunction {
            hot: f.attributed_share >= HOT_SHARE,
            name: f.name,
            start_line: f.declared.map(|d| d.start_line),
            end_line: f.declared.map(|d| d.end_line),
            flat_share: f.flat_share,
            attributed_share: f.attributed_share,
            cum_share: f.cum_share,
        })
        .collect();
    let lines = profiled
        .lines
        .iter()
        .take(MAX_LINES)
        .map(|l| ProfiledLine {
            line: l.line,
            flat_share: l.cost.flat_share,
            attributed_share: l.cost.attributed_share,
            cum_share: l.cost.cum_share,
        })
        .collect();
    let cost = &profiled.cost;
    ProfileShare {
        sample_type: report.sample_type.name.clone(),
        flat_share: cost.flat_share,
        attributed_share: cost.attributed_share,
        cum_share: cost.cum_share,
        functions,
        lines,
    }
}
