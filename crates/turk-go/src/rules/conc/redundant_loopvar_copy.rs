//! `v := v` in a loop body, made redundant by Go 1.22's per-iteration loop variables.

use crate::context::{FileContext, position};
use crate::rules::conc::shared;
use crate::rules::{Captures, Rule, RuleMeta};
use turk_findings::{Category, Finding, Priority};

pub struct RedundantLoopvarCopy;
pub static RULE: RedundantLoopvarCopy = RedundantLoopvarCopy;

static META: RuleMeta = RuleMeta {
    id: "conc/redundant-loopvar-copy",
    category: Category::Concurrency,
    priority: Priority::P2,
    message: "redundant copy of a loop variable",
    why: "Since Go 1.22 every iteration of a for loop declares a fresh variable, so `v := v` no longer protects \
          closures from sharing it; the copy is noise that suggests the module still has the old semantics.",
    fix: "Delete the `v := v` line.",
    bad: "for _, v := range items {\n    v := v\n    go use(v)\n}",
    good: "for _, v := range items {\n    go use(v)\n}",
    applies: "Only when the module (or the file's build constraint) targets Go 1.22 or later, or the version is \
              unknown.",
};

impl Rule for RedundantLoopvarCopy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (short_var_declaration
          left: (expression_list . (identifier) @left .)
          right: (expression_list . (identifier) @right .)
          (#eq? @left @right)) @decl
        "#
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        if !cx.go_at_least(1, 22) {
            return;
        }
        let decl = m.node("decl");
        let right = m.node("right");
        let Some(loop_stmt) = position::enclosing_loop(decl) else {
            return;
        };
        // A direct statement of the loop body (not inside an if or a nested block).
        let in_body = decl
            .parent()
            .filter(|l| l.kind() == "statement_list")
            .and_then(|l| l.parent())
            .zip(shared::loop_body(loop_stmt))
            .is_some_and(|(block, body)| block.id() == body.id());
        if !in_body {
            return;
        }
        let name = cx.text(right);
        let Some(var) = shared::loop_variables(loop_stmt)
            .into_iter()
            .find(|v| cx.text(*v) == name)
        else {
            return;
        };
        // The right-hand side must read the loop's own variable.
        if cx.lookup(name, right).is_none_or(|d| d.name.id() != var.id()) {
            return;
        }
        let mut finding = cx.finding(&META, decl);
        finding.title = format!("redundant copy {name} := {name} of a loop variable (Go 1.22+)");
        out.push(finding);
    }
}
