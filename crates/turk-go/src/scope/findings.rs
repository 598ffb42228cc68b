//! Which static findings may raise a file in the ranking. The ranking must not feed on the static pass's volume:
//! a finding about style says nothing about cost, and a finding in a test never runs in production. Whether a
//! finding lies on a hot path is decided by the caller (it knows the hot functions).

use crate::registry::rule_meta;
use crate::rule::Tier;
use turk_findings::{Finding, Priority};

/// Whether a finding may weigh more than its rule says: count for its file's rank, or rise a priority where the
/// code is hot (a profile shows it so): not of a style rule, not in test code. (The static pass's own hot-path
/// raise asks the same of each node it reports.)
pub fn may_rise(finding: &Finding, in_test_code: bool) -> bool {
    !in_test_code && rule_meta(finding.origin.id()).is_none_or(|m| m.tier != Tier::Style)
}

/// What a counted finding is worth, by priority.
pub fn weight(priority: Priority) -> f64 {
    match priority {
        Priority::P0 => 6.0,
        Priority::P1 => 3.0,
        Priority::P2 => 1.0,
    }
}
