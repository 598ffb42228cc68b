//! Findings of a rule at a node.

use super::RuleMeta;
use crate::context::FileContext;
use tree_sitter::Node;
use turk_findings::{Finding, Origin, Span};

impl FileContext<'_> {
    /// A finding of `rule` at `node`, with the rule's message, why and fix; its fingerprint comes from the first
    /// line of the flagged code.
    pub fn finding(&self, rule: &RuleMeta, node: Node<'_>) -> Finding {
        let start = node.start_position();
        let end = node.end_position();
        let span = Span::at(
            self.path,
            start.row as u32 + 1,
            start.column as u32 + 1,
            end.row as u32 + 1,
        );
        let first_line = self.text(node).lines().next().unwrap_or("");
        Finding::new(
            Origin::rule(rule.id),
            rule.category,
            rule.priority,
            span,
            rule.message,
        )
        .with_why(rule.why)
        .with_fix(rule.fix)
        .with_fingerprint_from(first_line)
    }
}
