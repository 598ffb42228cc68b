//! Findings of a rule at a node: `cx.finding(&META, node)` starts one with the rule's message, priority, why, fix
//! and confidence; a rule that says more (a title naming what it found) or weighs it differently (a hot path, a
//! test file, a Go version) says so on the builder before reporting it.
//!
//! What holds for every rule is decided here, at `.report(out)`: a finding in test code is dropped unless test
//! code is reported (`--tests`) or the rule is about tests; and a finding never rises above its rule's default
//! priority in test code, nor in a style rule.

use super::{RuleMeta, Tier};
use crate::context::FileContext;
use crate::context::hot_path::HotPath;
use tree_sitter::Node;
use turk_findings::{Finding, Origin, Priority, Span};

impl<'a> FileContext<'a> {
    /// A finding of `rule` at `node`, with the rule's message as its title, its default priority, why, fix and
    /// confidence; its fingerprint comes from the first line of the flagged code.
    pub fn finding<'c>(&'c self, rule: &'static RuleMeta, node: Node<'a>) -> FindingBuilder<'c, 'a> {
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
        .with_confidence(rule.confidence)
        .with_fingerprint_from(first_line);
        FindingBuilder {
            cx: self,
            rule,
            node,
            finding,
        }
    }
}

/// A finding on its way out: see [`FileContext::finding`].
#[must_use = "a finding is only reported by `.report(out)`"]
pub struct FindingBuilder<'c, 'a> {
    cx: &'c FileContext<'a>,
    rule: &'static RuleMeta,
    node: Node<'a>,
    finding: Finding,
}

impl<'a> FindingBuilder<'_, 'a> {
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

    /// `priority` when `condition` holds (a test file, a Go version, a shape the rule knows is worse);
    /// unchanged otherwise. For a hot path, use [`FindingBuilder::raised_on_hot_path`] or
    /// [`FindingBuilder::on_hot_path`], which say why.
    pub fn priority_if(self, condition: bool, priority: Priority) -> Self {
        if condition { self.priority(priority) } else { self }
    }

    /// The priority raised one step when the flagged node runs per item or per request (see
    /// `FileContext::hot_path`), saying where: "in the loop over `rows` (line 12)".
    pub fn raised_on_hot_path(self) -> Self {
        let raised = self.finding.priority.raised();
        self.on_hot_path(raised)
    }

    /// `priority` when the flagged node runs per item or per request, saying where; for a rule whose cost on a
    /// hot path is worse than one step up (blocking per request is P0).
    pub fn on_hot_path(self, priority: Priority) -> Self {
        let node = self.node;
        self.on_hot_path_of(node, priority)
    }

    /// [`FindingBuilder::on_hot_path`] for another node than the flagged one (the loop a declaration feeds).
    pub fn on_hot_path_of(self, node: Node<'a>, priority: Priority) -> Self {
        match self.cx.hot_path(node) {
            Some(hot) => self.raised_by(hot, priority),
            None => self,
        }
    }

    fn raised_by(mut self, hot: HotPath<'_>, priority: Priority) -> Self {
        if priority < self.finding.priority {
            self.finding.priority = priority;
            self.finding.because = hot.describe(self.cx);
        }
        self
    }

    /// Adds the finding to the rule's output, unless it is in test code that is not reported.
    pub fn report(mut self, out: &mut Vec<Finding>) {
        let raised = self.finding.priority < self.rule.priority;
        let in_test_code = (raised || !self.cx.report_tests) && self.cx.in_test_code(self.node);
        if in_test_code && !self.cx.report_tests && !self.rule.about_tests {
            self.cx
                .dropped
                .borrow_mut()
                .push((self.rule.id, self.finding.span.start_line));
            return;
        }
        if raised && (in_test_code || self.rule.tier == Tier::Style) {
            self.finding.priority = self.rule.priority;
            self.finding.because.clear();
        }
        if !raised {
            self.finding.because.clear();
        }
        out.push(self.finding);
    }
}
