//! Reports for turk: the reviews compared ([`synthesis`]: one cluster per unique problem, who found it, the
//! priority chosen and why), the markdown report ([`markdown::render`]), SARIF 2.1.0 for code scanning
//! ([`sarif`]), and a structural check of generated markdown ([`validate`]). It reads the run document
//! ([`AuditRun`], from turk-run) and nothing else: it never calls a model or parses Go, so a tool that only
//! compares or renders saved runs embeds it without a network stack or a parser.
//!
//! Render a saved `run.json` (as `turk report run.json` does):
//!
//! ```
//! use turk_report::{AuditRun, markdown, synthesis, validate};
//!
//! # let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/runs/sample-service.json");
//! let mut run: AuditRun = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
//! // A run saved by `turk audit --json` already holds its clusters; this one was saved without them.
//! synthesis::apply(&mut run);
//! assert_eq!((run.summary.unique, run.summary.both), (30, 19));
//! assert_eq!(run.summary.only["codex"], 7);
//!
//! let report = markdown::render(&run);
//! assert!(report.contains("## Action list"));
//! assert!(validate::check_report(&report, &["GPT-5.3-Codex", "Claude Opus 4.6"]).is_empty());
//! ```
//!
//! SARIF for any findings, with the rules that produced them:
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
