//! The cancel function of `context.WithCancel/WithTimeout/WithDeadline` discarded or never used.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/context-cancel-not-called",
    category: Category::Io,
    priority: Priority::P0,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "context cancel function is never called",
    why: "context.WithCancel, WithTimeout and WithDeadline register the child context with its parent (and, for \
          timeouts, start a timer). Only calling the returned cancel function releases them: until then the child, \
          its timer and everything it references stay reachable from the parent, a leak that grows with every call \
          on a long-lived parent context. `go vet` reports this as lostcancel.",
    fix: "Keep the cancel function and `defer cancel()` right after creating the context (or call it on every path \
          once the work is done).",
    bad: r#"func fetchQuickly(ctx context.Context) error {
    ctx, _ = context.WithTimeout(ctx, time.Second)
    return fetch(ctx)
}"#,
    good: r#"func fetchQuickly(ctx context.Context) error {
    ctx, cancel := context.WithTimeout(ctx, time.Second)
    defer cancel()
    return fetch(ctx)
}"#,
    applies: "Reported inside functions when the cancel function is assigned to _, or to a local variable that is \
              only ever assigned (never called, deferred, returned, passed or stored).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("context", syntax::CONTEXT_WITH_CANCEL)]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // `ctx, cancel := context.WithCancel(...)`, `ctx, cancel = ...` or `var ctx, cancel = ...`, the call being
    // the whole right-hand side.
    let Some(holder) = syntax::assigned_from(call) else {
        return;
    };
    let (cancel, stmt) = if holder.kind_name() == "var_spec" {
        if !has_adjacent_names(holder) {
            return;
        }
        let mut cursor = holder.walk();
        let Some(cancel) = holder.children_by_field_name("name", &mut cursor).nth(1) else {
            return;
        };
        let Some(stmt) = cx.enclosing_statement(holder) else {
            return;
        };
        (cancel, stmt)
    } else {
        // Exactly two targets, the second a plain name.
        let Some((first, cancel)) = holder.field("left").and_then(syntax::two_children) else {
            return;
        };
        if first.is_error() || cancel.kind_name() != "identifier" {
            return;
        }
        (cancel, holder)
    };
    let name = Call::name_of(call, cx);
    // Only the list (and for `var`, the spec and its declaration) lies between the call and `stmt`.
    if cx.enclosing_function(stmt).is_none() {
        // A package-level context is created once; nothing accumulates.
        return;
    }
    let cancel_name = cx.text(cancel);
    if cancel_name == "_" {
        cx.finding(&META, call)
            .title(format!("the cancel function of context.{name} is discarded"))
            .report(out);
        return;
    }
    // A variable that is never used again. (With `:=` the compiler already rejects an unused new variable,
    // so this is mostly `ctx, cancel = ...` on a variable declared earlier.)
    let Some((decl, func)) = syntax::assigned_local(cx, stmt, cancel_name) else {
        return;
    };
    let used = syntax::references(cx, decl.name, func).any(|id| !is_assigned(id));
    if !used {
        cx.finding(&META, call)
            .title(format!("the cancel function of context.{name} is never called"))
            .report(out);
    }
}

/// Whether the identifier is a target of an assignment (`cancel = ...`, `_, cancel = ...`).
fn is_assigned(id: Node<'_>) -> bool {
    id.parent()
        .filter(|p| p.kind_name() == "expression_list")
        .and_then(|list| {
            let stmt = list.parent()?;
            (stmt.kind_name() == "assignment_statement")
                .then(|| stmt.field("left").map(|l| l.id()) == Some(list.id()))
        })
        .unwrap_or(false)
}

/// Whether two names of a `var_spec` follow each other with nothing but a comma (or comments) between them; a
/// stray ERROR between two names does not count.
fn has_adjacent_names(spec: Node<'_>) -> bool {
    let mut cursor = spec.walk();
    if !cursor.goto_first_child() {
        return false;
    }
    let mut after_name = false;
    loop {
        let node = cursor.node();
        if node.is_named() && node.kind_name() != "comment" {
            let is_name = cursor.field_name() == Some("name");
            if is_name && after_name {
                return true;
            }
            after_name = is_name;
        }
        if !cursor.goto_next_sibling() {
            return false;
        }
    }
}
