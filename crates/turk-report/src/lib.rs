//! Reports for turk: the audit run as JSON ([`AuditRun`]), its markdown report ([`markdown::render`]), SARIF
//! 2.1.0 for code scanning ([`sarif::to_sarif`]), and a structural check of generated markdown ([`validate`]). This crate only renders
//! and compares findings; it never calls a model or parses Go.
//!
//! ```
//! use turk_findings::{Category, Finding, Origin, Priority, Span};
//! use turk_report::sarif::{RuleInfo, to_sarif};
//!
//! let rule = RuleInfo {
//!     id: "conc/time-after-in-loop".into(),
//!     message: "time.After called on every loop iteration".into(),
//!     why: "Each call allocates a timer.".into(),
//!     fix: "Reuse one time.Timer.".into(),
//!     priority: Priority::P1,
//!     category: Category::Concurrency,
//! };
//! let finding = Finding::new(
//!     Origin::rule(&rule.id),
//!     rule.category,
//!     rule.priority,
//!     Span::lines("worker.go", 9, 9),
//!     &rule.message,
//! );
//! let log = to_sarif(&[finding], &[rule], "0.1.0", None);
//! assert!(log.contains("\"ruleId\": \"conc/time-after-in-loop\""));
//! ```

pub mod escape;
pub mod markdown;
pub mod sarif;
pub mod synthesis;
pub mod validate;

pub use turk_run::{AuditRun, Phase, PhaseStatus, RUN_FORMAT_VERSION, Tool};
