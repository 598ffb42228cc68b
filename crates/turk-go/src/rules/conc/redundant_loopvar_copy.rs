//! `v := v` in a loop body, made redundant by Go 1.22's per-iteration loop variables.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax::{self, only_child};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/redundant-loopvar-copy",
    category: Category::Concurrency,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::High,
    about_tests: false,
    message: "redundant copy of a loop variable",
    why: "Since Go 1.22 every iteration of a for loop declares a fresh variable, so `v := v` no longer protects \
          closures from sharing it; the copy is noise that suggests the module still has the old semantics.",
    fix: "Delete the `v := v` line.",
    bad: r#"func startAll(items []Item) {
    for _, v := range items {
        v := v
        go use(v)
    }
}"#,
    good: r#"func startAll(items []Item) {
    for _, v := range items {
        go use(v)
    }
}"#,
    applies: "Only when the module (or the file's build constraint) targets Go 1.22 or later, or the version is \
              unknown.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["for_statement"]),
    check,
};

fn check(loop_stmt: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if !cx.go_at_least(1, 22) {
        return;
    }
    let Some(body) = syntax::loop_body(loop_stmt) else {
        return;
    };
    // Only the statements directly in the loop body (not inside an if or a nested block).
    let mut variables = None;
    let mut cursor = body.walk();
    for list in body.named_children(&mut cursor) {
        if list.kind_name() != "statement_list" {
            continue;
        }
        let mut inner = list.walk();
        for decl in list.named_children(&mut inner) {
            let Some(right) = self_copy(decl, cx) else {
                continue;
            };
            let name = cx.text(right);
            let variables = variables.get_or_insert_with(|| syntax::loop_variables(loop_stmt));
            let Some(var) = variables.iter().find(|v| cx.text(**v) == name) else {
                continue;
            };
            // The right-hand side must read the loop's own variable.
            if cx.lookup(name, right).is_none_or(|d| d.name.id() != var.id()) {
                continue;
            }
            cx.finding(&META, decl)
                .title(format!(
                    "redundant copy {name} := {name} of a loop variable (Go 1.22+)"
                ))
                .report(out);
        }
    }
}

/// For `v := v` (one name on each side, the same): the `v` on the right.
fn self_copy<'t>(decl: Node<'t>, cx: &FileContext<'_>) -> Option<Node<'t>> {
    if decl.kind_name() != "short_var_declaration" {
        return None;
    }
    let left = sole_identifier(decl.field("left")?)?;
    let right = sole_identifier(decl.field("right")?)?;
    (cx.text(left) == cx.text(right)).then_some(right)
}

/// The identifier that is the only named child of an expression list (comments aside).
fn sole_identifier(list: Node<'_>) -> Option<Node<'_>> {
    if list.kind_name() != "expression_list" {
        return None;
    }
    only_child(list).filter(|n| n.kind_name() == "identifier" && !n.is_missing())
}
