//! Audits of a change (`since` in the settings, `--since REV` on the command line): what changed, the static
//! findings narrowed to the changed lines, the scope narrowed to the changed files, and what the run records.

use turk_go::ScanReport;
use turk_go::scope::ScopeEntry;
use turk_report::markdown::count;
use turk_run::Since;

pub use turk_git::{Changes, GitError, changes_since};

/// Keeps, in every file of `scan`, only the findings whose lines include an added or changed line (so files the
/// change did not touch keep none), and returns what the run document says about the change.
pub fn keep_changed(scan: &mut ScanReport, changes: &Changes) -> Since {
    for file in &mut scan.files {
        file.findings
            .retain(|f| changes.touches(&f.span.path, f.span.start_line, f.span.end_line));
    }
    Since {
        rev: changes.rev.clone(),
        merge_base: changes.base.id.clone(),
        merge_base_summary: changes.base.summary.clone(),
        files_changed: scan.files.iter().filter(|f| changes.is_changed(&f.path)).count(),
    }
}

/// The scope of an audit of a change, from the ranking of the changed files (`ranked`, hottest first): the
/// changed files with no hot-path signal follow them, test files aside as in any ranking, and `max_files` cuts
/// the list. Each reason says how many lines changed.
pub(crate) fn changed_scope(
    scan: &ScanReport,
    changes: &Changes,
    mut ranked: Vec<ScopeEntry>,
    max_files: usize,
) -> Vec<ScopeEntry> {
    let quiet = scan
        .files
        .iter()
        .filter(|f| !f.is_test && changes.is_changed(&f.path))
        .filter(|f| !ranked.iter().any(|e| e.path == f.path))
        .map(|f| ScopeEntry {
            path: f.path.clone(),
            score: 0.0,
            reason: "changed; no hot-path signal".to_string(),
            pinned: false,
            metrics: f.metrics,
            kind: String::new(),
            hot_functions: Vec::new(),
            profile: Vec::new(),
        })
        .collect::<Vec<_>>();
    ranked.extend(quiet);
    ranked.truncate(max_files);
    for entry in &mut ranked {
        append_changed_lines(entry, changes);
    }
    ranked
}

/// `12 lines changed` (or `lines only removed`) after a scope entry's reason.
pub(crate) fn append_changed_lines(entry: &mut ScopeEntry, changes: &Changes) {
    let lines: u32 = changes
        .lines(&entry.path)
        .unwrap_or_default()
        .iter()
        .map(|l| l.end - l.start + 1)
        .sum();
    let note = if lines == 0 {
        "lines only removed".to_string()
    } else {
        format!("{} changed", count(lines as usize, "line"))
    };
    // A file in scope for its profile alone has no reason yet.
    if entry.reason.is_empty() {
        entry.reason = note;
    } else {
        entry.reason = format!("{}; {note}", entry.reason);
    }
}
