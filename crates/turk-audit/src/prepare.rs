//! Everything before the reviews: the static pass, the review scope, Turk's charter and the review input.

use crate::charter::{self, Charter};
use crate::error::AuditError;
use crate::settings::AuditSettings;
use turk_go::scope::ScopeAnalysis;
use turk_go::{Analyzer, Progress, ScanReport};
use turk_models::{ReviewContext, ReviewInput, SourceFile};
use turk_report::markdown::count;
use turk_run::{Phase, PhaseStatus, ScopeEntry};

/// The repository analysed and the reviews' input, ready for [`crate::review_all`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Prepared {
    pub settings: AuditSettings,
    /// The static pass over the whole repository.
    pub scan: ScanReport,
    /// The files the reviewers read, hottest first.
    pub scope: Vec<ScopeEntry>,
    pub scope_phase: Phase,
    pub charter: Charter,
    /// What every reviewer is given.
    pub input: ReviewInput,
    /// Things the user should know that did not stop the audit (a broken team folder, an unreadable charter).
    pub warnings: Vec<String>,
}

/// Scans the repository, chooses the scope and builds the review input. `progress` hears about the scan.
pub fn prepare(
    settings: &AuditSettings,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Prepared, AuditError> {
    let root = &settings.root;
    if !root.is_dir() {
        return Err(AuditError::NotAFolder(root.clone()));
    }
    let analyzer = Analyzer::select(&[], &settings.skip_rules)?;
    let scan = analyzer.scan_with_progress(std::slice::from_ref(root), progress);
    if scan.files.is_empty() {
        return Err(AuditError::NoGoFiles(root.clone()));
    }
    let ranking = scan.scope();
    let (scope, scope_phase) = choose_scope(&scan, &ranking, settings)?;
    let mut warnings = Vec::new();
    let charter = charter::find(root, &mut warnings);
    let mut input = review_input(&scan, &scope, charter.text.clone())?;
    input.context = review_context(&scan, &ranking, &scope);
    Ok(Prepared {
        settings: settings.clone(),
        scan,
        scope,
        scope_phase,
        charter,
        input,
        warnings,
    })
}

fn choose_scope(
    scan: &ScanReport,
    ranking: &ScopeAnalysis<'_>,
    settings: &AuditSettings,
) -> Result<(Vec<ScopeEntry>, Phase), AuditError> {
    let include = &settings.scope.include;
    let (entries, detail) = if include.is_empty() {
        let entries = ranking.rank(settings.scope.max_files);
        let detail = format!(
            "{} ranked from {} scanned (scope.max_files = {})",
            count(entries.len(), "hot-path file"),
            scan.files.len(),
            settings.scope.max_files
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
    let phase = Phase {
        name: "Scope".into(),
        status: PhaseStatus::Done,
        detail,
    };
    Ok((entries, phase))
}

/// The files in scope with their text, and the static findings in them as hints.
fn review_input(
    scan: &ScanReport,
    scope: &[ScopeEntry],
    system_prompt: String,
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
    Ok(ReviewInput {
        system_prompt,
        files,
        hints,
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
