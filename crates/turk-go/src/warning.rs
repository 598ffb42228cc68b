//! What a scan says besides findings: suppressions that name no rule, and suppressions that suppress nothing.

use serde::Serialize;

/// A remark about a file that is not a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Warning {
    /// Relative to the scanned root, like a finding's path.
    pub path: String,
    /// 1-based.
    pub line: u32,
    pub kind: WarningKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum WarningKind {
    /// A suppression (`//turk:ignore`, `//nolint:turk/…`) names no rule or family.
    UnknownRule,
    /// A suppression matched no finding of a rule that ran on the file.
    UnusedSuppression,
}
