//! Which static findings may raise a file in the ranking. The ranking must not feed on the static pass's volume:
//! a finding about style says nothing about cost, and a finding in a test never runs in production. Whether a
//! finding lies on a hot path is decided by the caller (it knows the hot functions).

use crate::registry::rule_meta;
use crate::rule::Tier;
use turk_findings::{Finding, Priority};

/// Whether a finding of a file may count for the file's rank at all: not of a style rule, not in a test file.
pub fn may_count(finding: &Finding, is_test: bool) -> bool {
    !is_test && rule_meta(finding.origin.id()).is_none_or(|m| m.tier != Tier::Style)
}

/// What a counted finding is worth, by priority.
pub fn weight(priority: Priority) -> f64 {
    match priority {
        Priority::P0 => 6.0,
        Priority::P1 => 3.0,
        Priority::P2 => 1.0,
    }
}
