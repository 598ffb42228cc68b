//! The rules: one file per rule, grouped by family. A rule is its metadata (id, category, priority, message,
//! why, fix, examples), the tree-sitter patterns it needs, and a check that turns each match into findings.
//! All rules' patterns are compiled into one query (see `registry`), so a file is matched once for all rules.

pub mod alloc;
pub mod conc;
pub mod fmt;
pub mod io;
pub mod json;
pub mod regexp;
pub mod str;

use crate::context::FileContext;
use tree_sitter::{Node, QueryCapture};
use turk_findings::{Category, Finding, Priority};

/// What a rule is, for users and for the docs.
#[derive(Debug)]
pub struct RuleMeta {
    /// `family/name`, stable: used in suppressions, config and SARIF.
    pub id: &'static str,
    pub category: Category,
    /// The default priority; a rule may raise it on hot paths or lower it by Go version.
    pub priority: Priority,
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

/// One static check.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Tree-sitter query patterns. Patterns of all rules share one query; captures are looked up by name.
    /// Empty for rules that only need [`Rule::calls`].
    fn query(&self) -> &'static str {
        ""
    }
    /// Calls this rule wants by the called name, instead of query patterns. Every call is already matched once
    /// for the metrics, so a rule that only needs "calls named X" costs the combined query nothing: it is handed
    /// `x.Name(...)` as pattern 0 and, when `unqualified` is set, `Name(...)` (a dot import) as pattern 1, with
    /// the captures `@call`, `@name`, `@fn` and `@method` (all the called name) and, for `x.Name(...)`, `@recv`
    /// (the operand `x`).
    fn calls(&self) -> CallFilter {
        CallFilter::NONE
    }
    /// Called for every match of one of this rule's patterns.
    fn check(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>);
}

/// The called names a rule is handed by [`Rule::calls`].
#[derive(Debug, Clone, Copy)]
pub struct CallFilter {
    pub names: &'static [&'static str],
    /// Also unqualified calls `Name(...)`, for dot imports.
    pub unqualified: bool,
}

impl CallFilter {
    pub const NONE: CallFilter = CallFilter {
        names: &[],
        unqualified: false,
    };
}

/// The captures of one match, by name.
pub struct Captures<'q, 't> {
    /// Index of the matched pattern among the rule's own patterns (0 for the first).
    pub pattern: usize,
    pub(crate) names: &'q [&'q str],
    pub(crate) captures: &'q [QueryCapture<'t>],
}

impl<'t> Captures<'_, 't> {
    /// The first node captured as `@name`.
    pub fn get(&self, name: &str) -> Option<Node<'t>> {
        self.captures
            .iter()
            .find(|c| self.names[c.index as usize] == name)
            .map(|c| c.node)
    }

    /// The node captured as `@name`; rule patterns always capture what their checks ask for.
    pub fn node(&self, name: &str) -> Node<'t> {
        self.get(name)
            .unwrap_or_else(|| panic!("pattern has no capture @{name}"))
    }
}
