//! The turk audit as a library: what `turk audit` does between reading its configuration and writing its files.
//!
//! 1. [`prepare`]: the static pass over the repository, the review scope (ranked hot paths, or pinned), Turk's
//!    charter (from the Squad team folder, or built in) and the review input.
//! 2. [`review_all`]: every reviewer at the same time, independently (each sees only the code and the hints).
//! 3. [`finish`]: the run document ([`AuditRun`]) with its phases, and the reviews compared (clusters, summary).
//!
//! An audit of a change ([`AuditSettings::since`]) reviews the files changed since the merge base of a revision
//! and HEAD, with the changed lines marked in the prompts, and keeps the static findings on changed lines
//! ([`changes`]).
//!
//! The caller keeps what is about presentation: progress bars, terminal lines, where the report goes. [`audit`]
//! runs all three phases for a tool that only wants the run document.
//!
//! ```
//! use turk_audit::{AuditSettings, audit};
//!
//! let repo = tempfile::tempdir().unwrap();
//! std::fs::write(repo.path().join("go.mod"), "module example.com/shop\n\ngo 1.22\n").unwrap();
//! std::fs::write(
//!     repo.path().join("worker.go"),
//!     "package shop\n\nimport \"time\"\n\nfunc Poll(jobs <-chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-jobs:\n\t\tcase <-time.After(time.Second):\n\t\t\treturn\n\t\t}\n\t}\n}\n",
//! )
//! .unwrap();
//!
//! // No reviewers: the scope and the static pass; a list of `ReviewerConfig`s adds the reviews.
//! let run = audit(&AuditSettings::new(repo.path()), &[]).unwrap();
//! assert_eq!(run.module.as_deref(), Some("example.com/shop"));
//! assert_eq!(run.scope[0].path, "worker.go");
//! assert_eq!(run.static_findings[0].origin.id(), "conc/time-after-in-loop");
//! let markdown = turk_report::markdown::render(&run);
//! assert!(markdown.starts_with("# Go performance audit: example.com/shop"));
//! ```

pub mod changes;
mod charter;
mod document;
mod error;
mod prepare;
pub mod profiles;
mod review;
mod settings;

pub use document::finish;
pub use error::AuditError;
pub use prepare::{Prepared, prepare};
pub use review::review_all;
pub use settings::{AuditSettings, ScopeSettings};
pub use turk_run::AuditRun;

use turk_models::{ReviewerConfig, RunOptions};

/// The whole audit, blocking: prepare, review with every reviewer (no cache, no progress), finish.
pub fn audit(settings: &AuditSettings, reviewers: &[ReviewerConfig]) -> Result<AuditRun, AuditError> {
    let prepared = prepare(settings, &|_| {})?;
    let outcomes = if reviewers.is_empty() {
        Vec::new()
    } else {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(AuditError::Runtime)?;
        runtime.block_on(review_all(reviewers, &prepared.input, &RunOptions::default()))
    };
    Ok(finish(prepared, reviewers, outcomes, false))
}
