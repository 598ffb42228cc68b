//! The run document of a turk audit, as plain serde data: what `run.json` holds and what every report is
//! rendered from. The crates that produce it (turk-go for the scope, turk-models for the reviews) and the crate
//! that compares and renders it (turk-report) meet here, so a tool that only reads, compares or renders runs
//! needs neither a Go parser nor a network stack.
//!
//! - [`AuditRun`]: one audit: the scope, the static findings, each reviewer's [`ReviewOutcome`], the phases.
//! - [`ScopeEntry`] and [`FileMetrics`]: the files chosen for review and why, with what the profiles given to the
//!   audit say about each ([`ProfileShare`]).
//! - [`ReviewOutcome`]: one reviewer's findings, each with its [`Grounding`], plus usage and failures.
//! - [`Cluster`] and [`Summary`]: the reviews compared: one cluster per unique problem, who found it, the
//!   priority chosen and why.
//!
//! ```
//! use turk_run::{AuditRun, RUN_FORMAT_VERSION};
//!
//! let json = r#"{"version": 1, "tool": {"name": "turk", "version": "0.1.0"}, "root": ".",
//!   "generated_at": "2026-11-30T10:00:00Z", "files_scanned": 3, "charter": "built in", "phases": [],
//!   "scope": [], "static_findings": [], "reviewers": []}"#;
//! let run: AuditRun = serde_json::from_str(json).unwrap();
//! assert!(run.version <= RUN_FORMAT_VERSION);
//! assert_eq!(run.files_scanned, 3);
//! ```

pub mod review;
pub mod run;
pub mod scope;
pub mod synthesis;
pub mod timestamp;

pub use review::{
    ChunkFailure, DroppedFinding, Grounding, LineRange, NotReviewed, Provider, ResponseFormat, ReviewOutcome,
    ReviewStatus, ReviewedFinding, Usage,
};
pub use run::{AuditRun, Phase, PhaseStatus, ProfileSource, RUN_FORMAT_VERSION, Since, Tool};
pub use scope::{
    FileMetrics, HotFunction, PackageSummary, ProfileShare, ProfiledFunction, ProfiledLine, ScopeEntry,
    format_share, sample_label,
};
pub use synthesis::{Agreement, Cluster, ClusterMember, Corroboration, Summary};
