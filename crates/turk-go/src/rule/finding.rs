//! Findings of a rule at a node: `cx.finding(&META, node)` starts one with the rule's message, priority, why and
//! fix; a rule that says more (a title naming what it found) or weighs it differently (a hot path, a test file, a
//! Go version) says so on the builder before reporting it.

use super::RuleMeta;
use crate::context::FileContext;
use tree_sitter::Node;
use turk_findings::{Finding, Origin, Priority, Span};

impl FileContext<'_> {
    /// A finding of `rule` at `node`, with the rule's message as its title, its default priority, why and fix;
    /// its fingerprint comes from the first line of the flagged code.
    pub fn finding(&self, rule: &RuleMeta, node: Node<'_>) -> FindingBuilder {
        let start = node.start_position();
        let end = node.end_position();
        let span = Span::at(
            self.path,
            start.row as u32 + 1,
            start.column as u32 + 1,
            end.row as u32 + 1,
        );
        let first_line = self.text(node).lines().next().unwrap_or("");
        let finding = Finding::new(
            Origin::rule(rule.id),
            rule.category,
            rule.priority,
            span,
            rule.message,
        )
        .with_why(rule.why)
        .with_fix(rule.fix)
        .with_fingerprint_from(first_line);
        FindingBuilder { finding }
    }
}

/// A finding on its way out: see [`FileContext::finding`].
#[must_use = "a finding is only reported by `.report(out)`"]
#[derive(Debug)]
pub struct FindingBuilder {
    finding: Finding,
}

impl FindingBuilder {
    /// A title that says what exactly was found, instead of the rule's message.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.finding.title = title.into();
        self
    }

    /// Another priority than the rule's default.
    pub fn priority(mut self, priority: Priority) -> Self {
        self.finding.priority = priority;
        self
    }

    /// `priority` when `condition` holds (a hot path, a test file, a Go version); unchanged otherwise.
    pub fn priority_if(self, condition: bool, priority: Priority) -> Self {
        if condition { self.priority(priority) } else { self }
    }

    /// The priority raised one step when `condition` holds (typically: the code runs on a hot path).
    pub fn raised_if(self, condition: bool) -> Self {
        let raised = self.finding.priority.raised();
        self.priority_if(condition, raised)
    }

    /// Adds the finding to the rule's output.
    pub fn report(self, out: &mut Vec<Finding>) {
        out.push(self.finding);
    }
}
