//! Which static findings may raise a file in the ranking. The ranking must not feed on the static pass's volume:
//! a finding about style says nothing about cost, and a finding in a test never runs in production. Whether a
//! finding lies on a hot path is decided by the caller (it knows the hot functions).

use turk_findings::{Finding, Priority};

/// Rules whose findings are about style, not cost. This is the one place the ranking tells them apart: when
/// every rule declares its tier (performance, correctness, style), replace this list with the rule's tier
/// (`rule_meta(id).tier == Tier::Style`).
const STYLE_RULES: &[&str] = &["fmt/format-without-verbs", "conc/redundant-loopvar-copy"];

/// Whether a finding of a file may count for the file's rank at all: not style, not in a test file.
pub fn may_count(finding: &Finding, is_test: bool) -> bool {
    !is_test && !STYLE_RULES.contains(&finding.origin.id())
}

/// What a counted finding is worth, by priority.
pub fn weight(priority: Priority) -> f64 {
    match priority {
        Priority::P0 => 6.0,
        Priority::P1 => 3.0,
        Priority::P2 => 1.0,
    }
}
