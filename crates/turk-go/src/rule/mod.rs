//! What a rule is: its metadata ([`RuleMeta`], in a [`Family`]), what it is handed ([`Visits`]: nodes by kind,
//! calls by name or by package function), and its check. The rules themselves live in `rules/`, one file each;
//! this module is what they, the registry and the analyzer share. It builds on `context` and nothing here knows
//! any rule.

mod call;
mod family;
mod finding;
#[cfg(test)]
mod hot_path_fixtures;
mod tier;
mod visits;

pub use call::Call;
pub use family::Family;
pub use tier::Tier;
pub use visits::Visits;

use crate::context::FileContext;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

/// What a rule is, for users and for the docs.
#[derive(Debug)]
#[non_exhaustive]
pub struct RuleMeta {
    /// `family/name`, stable: used in suppressions, config and SARIF.
    pub id: &'static str,
    pub category: Category,
    /// The default priority, on the scale of `docs/rules.md` (P0: a leak, race, deadlock, crash, unbounded
    /// growth or per-request blocking; P1: real waste on a hot path, or a lost error, bound or cancellation; P2:
    /// everything else worth knowing). A rule may raise it on a hot path (`.raised_on_hot_path()`) or lower it
    /// by Go version; it never rises in test code.
    pub priority: Priority,
    /// Performance, correctness or style: style rules run only when asked for.
    pub tier: Tier,
    /// `Heuristic` when the match infers part of the problem (from a name, a likely type, or a pattern that is
    /// sometimes written on purpose); the report and `turk rules` show it.
    pub confidence: Confidence,
    /// A rule about test code itself (`conc/test-fatal-in-goroutine`): it runs, and is reported, in test code
    /// even when findings in test code are off.
    pub about_tests: bool,
    /// One line: what is wrong.
    pub message: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// The suggested fix.
    pub fix: &'static str,
    /// A short example that is flagged.
    pub bad: &'static str,
    /// The same example, fixed.
    pub good: &'static str,
    /// When the rule applies or changes with the Go version or file kind; empty if always.
    pub applies: &'static str,
}

impl RuleMeta {
    /// The family, from the first part of the id (a test holds every rule's id to a family and to the module
    /// the rule lives in).
    pub fn family(&self) -> Family {
        Family::of_id(self.id).unwrap_or_else(|| panic!("rule id `{}` does not start with a family", self.id))
    }
}

/// Turns a node the rule asked for into findings.
pub(crate) type Check = fn(Node<'_>, &FileContext<'_>, &mut Vec<Finding>);

/// One static check: a `static RULE: Rule` in each file under `rules/`.
pub(crate) struct Rule {
    pub meta: &'static RuleMeta,
    /// The nodes this rule is handed: every node of some kinds, and calls by the called name.
    pub visits: Visits,
    /// Called for every node the rule asked for in [`Rule::visits`]: a node of one of its kinds, or a
    /// `call_expression` whose called name (and package, for package calls) is one it asked for.
    pub check: Check,
}
