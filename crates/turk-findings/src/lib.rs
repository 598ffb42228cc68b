//! The vocabulary every turk crate speaks: a [`Finding`] is something wrong (or worth a look) at a [`Span`] of a
//! Go file, graded by [`Priority`], grouped by [`Category`], and produced by an [`Origin`]: a static rule or a
//! model reviewer. Each finding carries a [`Fingerprint`] that stays the same when unrelated code above it moves.
//!
//! ```
//! use turk_findings::{Category, Finding, Origin, Priority, Span};
//!
//! let span = Span::lines("internal/cache/cache.go", 40, 52);
//! let finding = Finding::new(
//!     Origin::rule("conc/time-after-in-loop"),
//!     Category::Concurrency,
//!     Priority::P1,
//!     span,
//!     "time.After allocates a timer on every iteration",
//! )
//! .with_why("Each call creates a timer that lives until it fires.")
//! .with_fix("Create one time.Timer outside the loop and Reset it.")
//! .with_fingerprint_from("case <-time.After(d):");
//! assert_eq!(finding.priority.to_string(), "P1");
//! assert_eq!(finding.fingerprint.as_str().len(), 16);
//! ```

pub mod baseline;
mod category;
mod confidence;
mod fingerprint;
mod priority;

pub use baseline::{Baseline, BaselineEntry, BaselineError};
pub use category::Category;
pub use confidence::Confidence;
pub use fingerprint::Fingerprint;
pub use priority::{ParsePriorityError, Priority};

use serde::{Deserialize, Serialize};

/// A region of one file. Lines and columns are 1-based; `path` is relative to the audited root and
/// `/`-separated on every platform.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub path: String,
    pub start_line: u32,
    pub end_line: u32,
    /// 1-based column (in bytes) of the first character; 0 when only lines are known.
    #[serde(default)]
    pub start_column: u32,
}

impl Span {
    /// A span covering whole lines, with no column information.
    pub fn lines(path: impl Into<String>, start_line: u32, end_line: u32) -> Self {
        Span {
            path: path.into(),
            start_line,
            end_line: end_line.max(start_line),
            start_column: 0,
        }
    }

    /// A span that starts at a known column.
    pub fn at(path: impl Into<String>, start_line: u32, start_column: u32, end_line: u32) -> Self {
        Span {
            path: path.into(),
            start_line,
            end_line: end_line.max(start_line),
            start_column,
        }
    }

    /// Whether two spans are in the same file and share at least one line.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.path == other.path && self.start_line <= other.end_line && other.start_line <= self.end_line
    }
}

/// Who produced a finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Origin {
    /// A static rule, by its id (`conc/time-after-in-loop`).
    Rule(String),
    /// A model reviewer, by its configured id (`codex`).
    Reviewer(String),
}

impl Origin {
    pub fn rule(id: impl Into<String>) -> Self {
        Origin::Rule(id.into())
    }

    pub fn reviewer(id: impl Into<String>) -> Self {
        Origin::Reviewer(id.into())
    }

    /// The rule id or reviewer id.
    pub fn id(&self) -> &str {
        match self {
            Origin::Rule(id) | Origin::Reviewer(id) => id,
        }
    }
}

/// One finding: what is wrong, where, how much it matters, why, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub origin: Origin,
    pub category: Category,
    pub priority: Priority,
    pub span: Span,
    /// One line: what is wrong.
    pub title: String,
    /// Why it costs time, memory or correctness.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// The suggested change.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fix: String,
    pub fingerprint: Fingerprint,
    /// For a static rule's finding: how sure the rule is of its match. `None` for a reviewer's finding, and in
    /// documents written before rules declared it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Why the priority is above its rule's default, in words (`in the loop over `rows` (line 12)`); empty when
    /// it is not.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub because: String,
}

impl Finding {
    /// A finding whose fingerprint is derived from its origin and location only; call
    /// [`Finding::with_fingerprint_from`] with the flagged code for one that survives edits elsewhere in the file.
    pub fn new(
        origin: Origin,
        category: Category,
        priority: Priority,
        span: Span,
        title: impl Into<String>,
    ) -> Self {
        let fingerprint = Fingerprint::compute(origin.id(), &span.path, &span.start_line.to_string());
        Finding {
            origin,
            category,
            priority,
            span,
            title: title.into(),
            why: String::new(),
            fix: String::new(),
            fingerprint,
            confidence: None,
            because: String::new(),
        }
    }

    pub fn with_why(mut self, why: impl Into<String>) -> Self {
        self.why = why.into();
        self
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = fix.into();
        self
    }

    pub fn with_confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = Some(confidence);
        self
    }

    /// Says why the priority is above the rule's default (see [`Finding::because`]).
    pub fn with_because(mut self, because: impl Into<String>) -> Self {
        self.because = because.into();
        self
    }

    /// Derives the fingerprint from the flagged code, so that it does not change when lines above move.
    pub fn with_fingerprint_from(mut self, code: &str) -> Self {
        self.fingerprint = Fingerprint::compute(self.origin.id(), &self.span.path, code);
        self
    }
}

/// Gives findings that share a fingerprint (the same code flagged twice in one file by one rule) distinct
/// fingerprints, numbered in source order, so each stays stable and unique.
pub fn disambiguate_fingerprints(findings: &mut [Finding]) {
    use std::collections::HashMap;
    let mut seen: HashMap<Fingerprint, u32> = HashMap::new();
    for finding in findings.iter_mut() {
        let count = seen.entry(finding.fingerprint.clone()).or_insert(0);
        if *count > 0 {
            finding.fingerprint = finding.fingerprint.with_ordinal(*count);
        }
        *count += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: u32, code: &str) -> Finding {
        Finding::new(
            Origin::rule("r/x"),
            Category::Io,
            Priority::P2,
            Span::lines("a.go", line, line),
            "t",
        )
        .with_fingerprint_from(code)
    }

    #[test]
    fn fingerprint_survives_lines_moving() {
        assert_eq!(
            finding(10, "defer f.Close()").fingerprint,
            finding(42, "defer f.Close()").fingerprint
        );
        assert_ne!(
            finding(10, "defer f.Close()").fingerprint,
            finding(10, "defer g.Close()").fingerprint
        );
    }

    #[test]
    fn fingerprint_ignores_indentation_changes() {
        assert_eq!(
            finding(1, "\tdefer f.Close()").fingerprint,
            finding(1, "    defer  f.Close()").fingerprint
        );
    }

    #[test]
    fn duplicates_get_distinct_fingerprints() {
        let mut all = vec![finding(1, "x"), finding(2, "x"), finding(3, "y")];
        disambiguate_fingerprints(&mut all);
        assert_ne!(all[0].fingerprint, all[1].fingerprint);
        assert_eq!(all[0].fingerprint, finding(1, "x").fingerprint);
    }

    #[test]
    fn serde_round_trip_keeps_everything() {
        let f = finding(3, "x").with_why("w").with_fix("f");
        let json = serde_json::to_string(&f).unwrap();
        assert!(json.contains(r#""origin":{"kind":"rule","id":"r/x"}"#), "{json}");
        assert_eq!(serde_json::from_str::<Finding>(&json).unwrap(), f);
    }

    #[test]
    fn confidence_and_because_are_optional_in_json() {
        let plain = finding(3, "x");
        let json = serde_json::to_string(&plain).unwrap();
        assert!(
            !json.contains("confidence") && !json.contains("because"),
            "{json}"
        );
        let raised = finding(3, "x")
            .with_confidence(Confidence::Heuristic)
            .with_because("in the loop over `rows` (line 2)");
        let json = serde_json::to_string(&raised).unwrap();
        assert!(json.contains(r#""confidence":"heuristic""#), "{json}");
        assert_eq!(serde_json::from_str::<Finding>(&json).unwrap(), raised);
        // A document written before the fields existed still reads.
        let old = r#"{"origin":{"kind":"rule","id":"r/x"},"category":"io","priority":"P2",
            "span":{"path":"a.go","start_line":1,"end_line":1},"title":"t","fingerprint":"0123456789abcdef"}"#;
        let read: Finding = serde_json::from_str(old).unwrap();
        assert_eq!((read.confidence, read.because.as_str()), (None, ""));
    }

    #[test]
    fn spans_overlap_only_in_the_same_file() {
        let a = Span::lines("a.go", 10, 20);
        assert!(a.overlaps(&Span::lines("a.go", 20, 30)));
        assert!(!a.overlaps(&Span::lines("a.go", 21, 30)));
        assert!(!a.overlaps(&Span::lines("b.go", 10, 20)));
    }
}
