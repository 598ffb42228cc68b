//! Go source analysis for turk: finds the Go files of a repository, parses each once with tree-sitter-go, runs
//! every performance rule in one walk over the tree (each rule is handed the nodes and calls it asked for), and
//! measures what each file does so the audit can rank the hot paths. No network I/O.
//!
//! Scan a folder and read the findings:
//!
//! ```
//! use turk_go::{Analyzer, rule_meta};
//!
//! let repo = tempfile::tempdir()?;
//! std::fs::write(repo.path().join("go.mod"), "module example.com/worker\n\ngo 1.22\n")?;
//! std::fs::write(
//!     repo.path().join("poll.go"),
//!     r#"package worker
//!
//! import "time"
//!
//! func poll(jobs <-chan int) {
//!     for {
//!         select {
//!         case <-jobs:
//!         case <-time.After(time.Second):
//!             return
//!         }
//!     }
//! }
//! "#,
//! )?;
//!
//! let report = Analyzer::all_rules().scan(&[repo.path().to_path_buf()]);
//! for finding in report.findings() {
//!     let rule = rule_meta(finding.origin.id()).expect("a rule's finding");
//!     println!(
//!         "{}:{}: {} {}: {}\n  fix: {}",
//!         finding.span.path,
//!         finding.span.start_line,
//!         finding.priority,
//!         finding.origin.id(),
//!         finding.title,
//!         rule.fix
//!     );
//! }
//! let finding = report.findings().next().expect("one finding");
//! assert_eq!(finding.origin.id(), "conc/time-after-in-loop");
//! assert_eq!((finding.span.path.as_str(), finding.span.start_line), ("poll.go", 9));
//! assert_eq!(report.files.len(), 1);
//! assert_eq!(report.modules[0].1.module.as_deref(), Some("example.com/worker"));
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! One file's text: `Analyzer::all_rules().analyze_source("worker.go", src, None)` returns its
//! [`FileAnalysis`]. [`Analyzer::select`] runs some rules or families only (`conc`, `io/defer-in-loop`);
//! [`ScanReport::scope`] (after a scan by an analyzer [`Analyzer::with_scope_facts`]) ranks the hot paths the way
//! a specialist would: the kind of code each file is, how work reaches it along the module's calls ("called per
//! request from internal/api/handler.go:120"), and its static findings on hot paths, with a reason in words and a
//! one-line outline per package.
//!
//! # What is stable
//!
//! For a tool that embeds turk-go: [`Analyzer`] and what it returns ([`ScanReport`], [`FileAnalysis`] and its
//! [`DeclaredFunction`]s, [`SkippedFile`], [`ParseErrors`], [`Progress`]); the rules as data ([`rule_metas`],
//! [`rule_meta`], [`RuleMeta`], [`Family`]) and their ids, which suppressions, configuration and SARIF rely
//! on; [`scope`], [`docs::rules_markdown`], [`discover()`], [`parse`], [`GoVersion`] and [`GoMod`]. Structs
//! and enums marked `#[non_exhaustive]` may gain fields and variants (new rules, new families, new skip
//! reasons).
//!
//! How a rule is written is not part of the API: the rule types, the rules, the dispatch tables, the file
//! context and the syntax helpers are private to the crate, so they can change with the rules. A new rule is
//! added here (`cargo xtask new-rule <family>/<name>`, see docs/architecture.md), not by an embedding tool.

mod analyze;
mod constraint;
mod context;
mod discover;
pub mod docs;
mod gomod;
mod metrics;
mod registry;
mod rule;
mod rules;
pub mod scope;
mod source;
mod suppress;
mod syntax;
mod warning;

pub use analyze::{DeclaredFunction, FileAnalysis, ParseErrors, parse};
pub use constraint::is_build_ignored;
pub use discover::{Discovery, discover};
pub use gomod::{GoMod, GoVersion};
pub use metrics::FileMetrics;
pub use registry::{rule_meta, rule_metas};
pub use rule::{Family, RuleMeta, Tier};
pub use source::{MAX_FILE_BYTES, SkipReason, is_generated};
pub use turk_findings::Confidence;
pub use warning::{Warning, WarningKind};

use rayon::prelude::*;
use rules::RULES;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A rule id or family given to [`Analyzer::new`] matches no rule.
#[derive(Debug, thiserror::Error)]
#[error("unknown rule `{0}` (run `turk rules` for the list; a family such as `conc` selects all its rules)")]
pub struct UnknownRule(pub String);

/// Which rules run, and whether findings in test code are reported: what `turk scan` and the audit choose. The
/// default is what `turk scan` does without options: the performance and correctness rules, outside test code.
/// Each rule is named by its id (`conc/time-after-in-loop`) or its family (`conc`, `conc/*`).
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Selection {
    /// Only these rules, whatever their tier (all the rules switched on otherwise when empty).
    pub only: Vec<String>,
    /// Never these, whatever else says.
    pub skip: Vec<String>,
    /// These too, style rules included (`rules.enable` in turk.yaml).
    pub enable: Vec<String>,
    /// Every tier, style included (`turk scan --all`).
    pub all_tiers: bool,
    /// Findings in test code too (`--tests`): `_test.go` files, test-support packages and test helpers. Rules
    /// about tests run there either way.
    pub tests: bool,
}

impl Selection {
    /// The default selection with `only` and `skip`.
    pub fn only(only: &[String], skip: &[String]) -> Selection {
        Selection {
            only: only.to_vec(),
            skip: skip.to_vec(),
            ..Selection::default()
        }
    }
}

/// Runs the rules over Go sources.
#[derive(Debug, Clone)]
pub struct Analyzer {
    /// Per entry of `RULES`: whether it runs.
    pub(crate) enabled: Vec<bool>,
    /// Per entry of `RULES`: whether it runs in a test file or test-support package.
    pub(crate) enabled_in_test_code: Vec<bool>,
    /// Whether findings in test code are reported.
    pub(crate) tests: bool,
    /// Whether the walk also collects what the scope ranking needs (see [`Analyzer::with_scope_facts`]).
    pub(crate) scope_facts: bool,
}

/// What [`Analyzer::scan_with_progress`] reports while it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Discovery is over: this many Go files will be read.
    Found(usize),
    /// One more file is done (analysed or skipped).
    Done,
}

/// A file that was not analysed, and why.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct SkippedFile {
    pub path: String,
    #[serde(flatten)]
    pub reason: SkipReason,
}

/// The result of scanning one or more paths.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ScanReport {
    /// The folder paths are relative to.
    pub root: PathBuf,
    /// Analysed files, in path order.
    pub files: Vec<FileAnalysis>,
    pub skipped: Vec<SkippedFile>,
    /// Module path and Go version of each `go.mod` found, by its folder relative to the root.
    pub modules: Vec<(String, GoMod)>,
    /// Folders or entries the walk could not read.
    pub walk_errors: Vec<(String, String)>,
    /// Whether the scope facts were collected ([`Analyzer::with_scope_facts`]).
    #[serde(skip)]
    pub scope_facts: bool,
}

impl ScanReport {
    /// All findings of all files, in path and line order.
    pub fn findings(&self) -> impl Iterator<Item = &turk_findings::Finding> {
        self.files.iter().flat_map(|f| f.findings.iter())
    }

    /// What the scan says besides findings (suppressions naming no rule, unused suppressions), in path and line
    /// order.
    pub fn warnings(&self) -> impl Iterator<Item = &Warning> {
        self.files.iter().flat_map(|f| f.warnings.iter())
    }

    /// Files that did not fully parse.
    pub fn files_with_parse_errors(&self) -> impl Iterator<Item = &FileAnalysis> {
        self.files.iter().filter(|f| f.parse_errors.is_some())
    }

    /// The `go.mod` of the scanned root (or, without one there, the first found): the module path and Go
    /// version a report and the reviewers are told.
    pub fn root_module(&self) -> Option<&GoMod> {
        self.modules
            .iter()
            .find(|(dir, _)| dir == ".")
            .or(self.modules.first())
            .map(|(_, m)| m)
    }

    /// The hot-path ranking of the scanned files (see [`scope`]): kinds, scores, reasons and hot functions,
    /// with the module's own imports told apart by its `go.mod`.
    ///
    /// # Panics
    ///
    /// When the scan did not collect the scope facts: scan with [`Analyzer::with_scope_facts`].
    pub fn scope(&self) -> scope::ScopeAnalysis<'_> {
        assert!(
            self.scope_facts,
            "ScanReport::scope needs a scan by an analyzer made with Analyzer::with_scope_facts"
        );
        scope::analyse(&self.files, &self.modules)
    }
}

/// What `turk scan` does without options: see [`Selection`].
impl Default for Analyzer {
    fn default() -> Self {
        Self::new(&Selection::default()).expect("the default selection names no rule")
    }
}

impl Analyzer {
    /// The rules `selection` picks.
    pub fn new(selection: &Selection) -> Result<Self, UnknownRule> {
        let Selection {
            only,
            skip,
            enable,
            all_tiers,
            tests,
        } = selection;
        for selector in only.iter().chain(skip).chain(enable) {
            if !RULES.iter().any(|r| selects(selector, r.meta.id)) {
                return Err(UnknownRule(selector.clone()));
            }
        }
        let named = |list: &[String], id: &str| list.iter().any(|s| selects(s, id));
        let enabled: Vec<bool> = RULES
            .iter()
            .map(|r| {
                let id = r.meta.id;
                let chosen = if only.is_empty() {
                    *all_tiers || r.meta.tier.on_by_default() || named(enable, id)
                } else {
                    named(only, id)
                };
                chosen && !named(skip, id)
            })
            .collect();
        Ok(Analyzer::from_enabled(enabled, *tests))
    }

    /// Every rule of every tier, findings in test code included.
    pub fn all_rules() -> Self {
        Analyzer::from_enabled(vec![true; RULES.len()], true)
    }

    /// Only the rules in `only` (whatever their tier; when empty, those on by default), minus those in `skip`,
    /// outside test code: [`Analyzer::new`] with [`Selection::only`].
    pub fn select(only: &[String], skip: &[String]) -> Result<Self, UnknownRule> {
        Analyzer::new(&Selection::only(only, skip))
    }

    fn from_enabled(enabled: Vec<bool>, tests: bool) -> Self {
        let enabled_in_test_code = RULES
            .iter()
            .zip(&enabled)
            .map(|(r, on)| *on && (tests || r.meta.about_tests))
            .collect();
        Analyzer {
            enabled,
            enabled_in_test_code,
            tests,
            scope_facts: false,
        }
    }

    /// The same analyzer, also collecting in its walk what the scope ranking needs: calls, entry points and the
    /// functions each file declares ([`ScanReport::scope`], [`FileAnalysis::declared_functions`]). `turk scan`
    /// does without it; the audit needs it.
    pub fn with_scope_facts(mut self) -> Self {
        self.scope_facts = true;
        self
    }

    /// Whether findings in test code are reported.
    pub fn reports_tests(&self) -> bool {
        self.tests
    }

    /// Ids of the enabled rules.
    pub fn enabled_rules(&self) -> impl Iterator<Item = &'static RuleMeta> + '_ {
        RULES
            .iter()
            .zip(&self.enabled)
            .filter(|(_, on)| **on)
            .map(|(r, _)| r.meta)
    }

    /// Analyses one file's text; `module_go` is the module's Go version if known. Whether it is in a
    /// test-support package is told from the folders of `path` and its package name.
    pub fn analyze_source(&self, path: &str, src: &str, module_go: Option<GoVersion>) -> FileAnalysis {
        let folder = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        analyze::analyze_source(path, src, module_go, folder, self)
    }

    /// Discovers and analyses the Go files under each path (folders or files), in parallel. Paths in the
    /// report are relative to the single folder given, or to the current folder when several paths are given.
    pub fn scan(&self, paths: &[PathBuf]) -> ScanReport {
        self.scan_with_progress(paths, &|_| {})
    }

    /// [`Analyzer::scan`], telling `progress` the number of files found (`Progress::Found`) and then each file
    /// done (`Progress::Done`), from worker threads.
    pub fn scan_with_progress(&self, paths: &[PathBuf], progress: &(dyn Fn(Progress) + Sync)) -> ScanReport {
        let root = display_root(paths);
        let mut skipped = Vec::new();
        let mut modules = Vec::new();
        let mut walk_errors = Vec::new();
        let mut files: Vec<(PathBuf, Option<GoVersion>, String)> = Vec::new();
        for path in paths {
            let found = discover(path);
            for file in &found.files {
                let go = found.module_of(file).and_then(|m| m.go);
                files.push((file.clone(), go, found.package_folder(file)));
            }
            for (dir, gomod) in &found.modules {
                modules.push((relative(&root, dir), gomod.clone()));
            }
            walk_errors.extend(
                found
                    .walk_errors
                    .iter()
                    .map(|(p, e)| (relative(&root, p), e.clone())),
            );
        }
        files.sort();
        files.dedup_by(|a, b| a.0 == b.0);
        progress(Progress::Found(files.len()));
        let results: Vec<Result<FileAnalysis, SkippedFile>> = files
            .par_iter()
            .map(|(file, go, folder)| {
                let display = relative(&root, file);
                match source::read_go_file(file) {
                    Ok(src) => Ok(analyze::analyze_source(&display, &src, *go, folder, self)),
                    Err(reason) => Err(SkippedFile {
                        path: display,
                        reason,
                    }),
                }
            })
            .collect();
        let mut analysed = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(analysis) => analysed.push(analysis),
                Err(skip) => skipped.push(skip),
            }
        }
        ScanReport {
            root,
            files: analysed,
            skipped,
            modules,
            walk_errors,
            scope_facts: self.scope_facts,
        }
    }
}

fn selects(selector: &str, id: &str) -> bool {
    let family = selector.trim_end_matches("/*").trim_end_matches('/');
    selector == id || id.split_once('/').is_some_and(|(f, _)| f == family)
}

/// The folder that report paths are relative to.
fn display_root(paths: &[PathBuf]) -> PathBuf {
    match paths {
        [single] if single.is_dir() => single.clone(),
        [single] => single
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        _ => PathBuf::from("."),
    }
}

/// `path` relative to `root`, `/`-separated. With several roots (`root` is `.`), absolute paths under the
/// current folder are made relative to it too.
fn relative(root: &Path, path: &Path) -> String {
    let cwd = if root == Path::new(".") && path.is_absolute() {
        std::env::current_dir().ok()
    } else {
        None
    };
    let rel = match &cwd {
        Some(cwd) => path.strip_prefix(cwd).unwrap_or(path),
        None => path.strip_prefix(root).unwrap_or(path),
    };
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    let text = rel.to_string_lossy().replace('\\', "/");
    if text.is_empty() { ".".to_string() } else { text }
}
