//! Everything before the reviews: the static pass, the review scope, Turk's charter and the review input.

use crate::changes::{self, Changes};
use crate::charter::{self, Charter};
use crate::error::AuditError;
use crate::profiles;
use crate::settings::AuditSettings;
use turk_go::scope::ScopeAnalysis;
use turk_go::{Analyzer, FileAnalysis, Progress, ScanReport, Selection};
use turk_models::{LineRange, ReviewContext, ReviewInput, SourceFile};
use turk_profile::ProfileReport;
use turk_report::markdown::count;
use turk_run::{Phase, PhaseStatus, ProfileSource, ScopeEntry, Since};

/// The repository analysed and the reviews' input, ready for [`crate::review_all`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Prepared {
    pub settings: AuditSettings,
    /// The static pass over the whole repository; in an audit of a change, only the findings on changed lines.
    pub scan: ScanReport,
    /// The change the audit covers (`settings.since`).
    pub since: Option<Since>,
    /// The files the reviewers read, hottest first.
    pub scope: Vec<ScopeEntry>,
    pub scope_phase: Phase,
    /// The profiles read (`settings.scope.profiles`), one per sample type, and what each did.
    pub profiles: Vec<ProfileSource>,
    /// One phase per profile: what it measures, what it put first, the findings it moved.
    pub profile_phases: Vec<Phase>,
    pub charter: Charter,
    /// What every reviewer is given.
    pub input: ReviewInput,
    /// Things the user should know that did not stop the audit (a broken team folder, an unreadable charter).
    pub warnings: Vec<String>,
}

/// Scans the repository, chooses the scope and builds the review input. `progress` hears about the scan.
///
/// With `settings.since`, the change is read first (a revision that cannot be found stops the audit before the
/// scan); the scope is then chosen among the changed files, the static findings are narrowed to the changed
/// lines, and the review input marks the changed lines.
///
/// With profiles (`settings.scope.profiles`), they are read first too (a file that is not a profile stops the
/// audit); the files they show hot lead the scope, every file in scope carries what they say of it, and the
/// static findings move by them (see [`crate::profiles`]).
pub fn prepare(
    settings: &AuditSettings,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Prepared, AuditError> {
    let root = &settings.root;
    if !root.is_dir() {
        return Err(AuditError::NotAFolder(root.clone()));
    }
    let changes = match &settings.since {
        Some(rev) => Some(turk_git::changes_since(root, rev)?),
        None => None,
    };
    let read = profiles::read(&settings.scope.profiles, settings.scope.profile_sample.as_deref())?;
    // Style rules stay off unless named in `enable_rules`: the audit reports what a performance review acts on.
    let mut selection = Selection::only(&[], &settings.skip_rules);
    selection.enable = settings.enable_rules.clone();
    selection.tests = settings.tests;
    let analyzer = Analyzer::new(&selection)?.with_scope_facts();
    let mut scan = analyzer.scan_with_progress(std::slice::from_ref(root), progress);
    if scan.files.is_empty() {
        return Err(AuditError::NoGoFiles(root.clone()));
    }
    let mut warnings = Vec::new();
    let reports = profiles::summarize(read, &scan, &mut warnings)?;
    // The scope is ranked on the whole of each file and of the module, as in any audit, before the findings are
    // narrowed to a change; by syntax, before the profiles move any finding.
    let ranking = scan.scope();
    let (mut scope, scope_phase) = choose_scope(&scan, &ranking, settings, changes.as_ref(), &reports)?;
    profiles::annotate(&mut scope, &reports, &scan);
    let context = review_context(&scan, &ranking, &scope);
    drop(ranking);
    // The findings are narrowed to the change before the profiles move any: what a profile raised is what the
    // run reports.
    let since = changes.as_ref().map(|c| changes::keep_changed(&mut scan, c));
    let moved = profiles::adjust_findings(&mut scan, &reports);
    let (profile_sources, profile_phases) = profiles::sources(&reports, &moved, &scope);
    drop(reports);
    let charter = charter::find(root, &mut warnings);
    let mut input = review_input(&scan, &scope, charter.text.clone(), changes.as_ref())?;
    input.context = context;
    Ok(Prepared {
        settings: settings.clone(),
        scan,
        since,
        scope,
        scope_phase,
        profiles: profile_sources,
        profile_phases,
        charter,
        input,
        warnings,
    })
}

fn choose_scope(
    scan: &ScanReport,
    ranking: &ScopeAnalysis<'_>,
    settings: &AuditSettings,
    changes: Option<&Changes>,
    reports: &[(ProfileReport, Vec<String>)],
) -> Result<(Vec<ScopeEntry>, Phase), AuditError> {
    if let Some(changes) = changes {
        return changed_scope(scan, ranking, settings, changes, reports);
    }
    let include = &settings.scope.include;
    let (entries, detail) = if include.is_empty() {
        let max_files = settings.scope.max_files;
        let entries = if reports.is_empty() {
            ranking.rank(max_files)
        } else {
            let mut entries = profiles::order(ranking.rank(usize::MAX), reports, scan, &|_| true);
            entries.truncate(max_files);
            entries
        };
        let detail = format!(
            "{} ranked from {} scanned (scope.max_files = {}){}",
            count(entries.len(), "hot-path file"),
            scan.files.len(),
            max_files,
            profiled_first(reports)
        );
        (entries, detail)
    } else {
        let entries = ranking.pinned(include)?;
        if entries.is_empty() {
            return Err(AuditError::EmptyScope(include.join(", ")));
        }
        let detail = format!(
            "{} pinned by scope.include in the configuration",
            count(entries.len(), "file")
        );
        (entries, detail)
    };
    Ok((entries, scope_done(detail)))
}

/// The scope of an audit of a change: the changed files, ranked as usual (or those of them pinned by
/// `scope.include`). Nothing changed is an empty scope, not an error: there is nothing to review.
fn changed_scope(
    scan: &ScanReport,
    ranking: &ScopeAnalysis<'_>,
    settings: &AuditSettings,
    changes: &Changes,
    reports: &[(ProfileReport, Vec<String>)],
) -> Result<(Vec<ScopeEntry>, Phase), AuditError> {
    let changed = scan.files.iter().filter(|f| changes.is_changed(&f.path)).count();
    let since = format!("since `{}` (merge base {})", changes.rev, changes.base.short_id());
    let include = &settings.scope.include;
    let (entries, detail) = if changed == 0 {
        (Vec::new(), format!("no Go file changed {since}"))
    } else if include.is_empty() {
        // Ranked within the whole module (heat reaches a changed file from unchanged callers), then narrowed.
        let ranked = ranking
            .rank(usize::MAX)
            .into_iter()
            .filter(|e| changes.is_changed(&e.path))
            .collect();
        let changed_file = |f: &FileAnalysis| changes.is_changed(&f.path);
        let ranked = profiles::order(ranked, reports, scan, &changed_file);
        let entries = crate::changes::changed_scope(scan, changes, ranked, settings.scope.max_files);
        let detail = format!(
            "{} of the {} changed {since}, ranked (scope.max_files = {}){}",
            count(entries.len(), "file"),
            count(changed, "Go file"),
            settings.scope.max_files,
            profiled_first(reports)
        );
        (entries, detail)
    } else {
        let mut entries: Vec<ScopeEntry> = ranking
            .pinned(include)?
            .into_iter()
            .filter(|e| changes.is_changed(&e.path))
            .collect();
        for entry in &mut entries {
            crate::changes::append_changed_lines(entry, changes);
        }
        let detail = format!(
            "{} pinned by scope.include, of the {} changed {since}",
            count(entries.len(), "file"),
            count(changed, "Go file")
        );
        (entries, detail)
    };
    Ok((entries, scope_done(detail)))
}

/// What the scope phase says of the profiles: nothing without one.
fn profiled_first(reports: &[(ProfileReport, Vec<String>)]) -> &'static str {
    if reports.is_empty() {
        ""
    } else {
        "; the files a profile shows hot first"
    }
}

fn scope_done(detail: String) -> Phase {
    Phase {
        name: "Scope".into(),
        status: PhaseStatus::Done,
        detail,
    }
}

/// The files in scope with their text, the static findings in them as hints, and their changed lines.
fn review_input(
    scan: &ScanReport,
    scope: &[ScopeEntry],
    system_prompt: String,
    changes: Option<&Changes>,
) -> Result<ReviewInput, AuditError> {
    let mut files = Vec::with_capacity(scope.len());
    for entry in scope {
        let path = scan.root.join(&entry.path);
        let text = std::fs::read_to_string(&path).map_err(|source| AuditError::Read { path, source })?;
        files.push(SourceFile {
            path: entry.path.clone(),
            text,
        });
    }
    let hints = scan
        .findings()
        .filter(|f| scope.iter().any(|s| s.path == f.span.path))
        .cloned()
        .collect();
    let changed = changes.map_or_else(Vec::new, |changes| {
        scope
            .iter()
            .flat_map(|entry| {
                let lines = changes.lines(&entry.path).unwrap_or_default();
                lines.iter().map(|l| LineRange {
                    path: entry.path.clone(),
                    start_line: l.start,
                    end_line: l.end,
                })
            })
            .collect()
    });
    Ok(ReviewInput {
        system_prompt,
        files,
        hints,
        changed,
        ..ReviewInput::default()
    })
}

/// What the reviewers are told beyond the code: the module and its Go version, the outline of its packages,
/// and each file's kind, reason and hot functions.
fn review_context(scan: &ScanReport, ranking: &ScopeAnalysis<'_>, scope: &[ScopeEntry]) -> ReviewContext {
    let gomod = scan.root_module();
    ReviewContext {
        module: gomod.and_then(|m| m.module.clone()),
        go_version: gomod.and_then(|m| m.go).map(|v| v.to_string()),
        outline: ranking.outline().to_vec(),
        scope: scope.to_vec(),
    }
}
