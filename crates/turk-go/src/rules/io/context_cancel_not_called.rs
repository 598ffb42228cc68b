//! The cancel function of `context.WithCancel/WithTimeout/WithDeadline` discarded or never used.

use crate::context::{DeclKind, FileContext, position};
use crate::rules::io::shared;
use crate::rules::{Captures, Rule, RuleMeta};
use tree_sitter::Node;
use turk_findings::{Category, Finding, Priority};

pub struct ContextCancelNotCalled;
pub static RULE: ContextCancelNotCalled = ContextCancelNotCalled;

static META: RuleMeta = RuleMeta {
    id: "io/context-cancel-not-called",
    category: Category::Io,
    priority: Priority::P0,
    message: "context cancel function is never called",
    why: "context.WithCancel, WithTimeout and WithDeadline register the child context with its parent (and, for \
          timeouts, start a timer). Only calling the returned cancel function releases them: until then the child, \
          its timer and everything it references stay reachable from the parent, a leak that grows with every call \
          on a long-lived parent context. `go vet` reports this as lostcancel.",
    fix: "Keep the cancel function and `defer cancel()` right after creating the context (or call it on every path \
          once the work is done).",
    bad: "ctx, _ = context.WithTimeout(ctx, time.Second)\nreturn fetch(ctx)",
    good: "ctx, cancel := context.WithTimeout(ctx, time.Second)\ndefer cancel()\nreturn fetch(ctx)",
    applies: "Reported inside functions when the cancel function is assigned to _, or to a local variable that is \
              only ever assigned (never called, deferred, returned, passed or stored).",
};

const WITH_CANCEL: &[&str] = &[
    "WithCancel",
    "WithTimeout",
    "WithDeadline",
    "WithCancelCause",
    "WithTimeoutCause",
    "WithDeadlineCause",
];

impl Rule for ContextCancelNotCalled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (short_var_declaration
          left: (expression_list . (_) . (identifier) .)
          right: (expression_list . (call_expression
            function: (selector_expression field: (field_identifier) @fn
              (#any-of? @fn "WithCancel" "WithTimeout" "WithDeadline" "WithCancelCause" "WithTimeoutCause" "WithDeadlineCause"))) .)) @stmt
        (assignment_statement
          left: (expression_list . (_) . (identifier) .)
          right: (expression_list . (call_expression
            function: (selector_expression field: (field_identifier) @fn
              (#any-of? @fn "WithCancel" "WithTimeout" "WithDeadline" "WithCancelCause" "WithTimeoutCause" "WithDeadlineCause"))) .)) @stmt
        (var_spec
          name: (identifier) . name: (identifier)
          value: (expression_list . (call_expression
            function: (selector_expression field: (field_identifier) @fn
              (#any-of? @fn "WithCancel" "WithTimeout" "WithDeadline" "WithCancelCause" "WithTimeoutCause" "WithDeadlineCause"))) .)) @spec
        "#
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let (cancel, call, after) = if let Some(spec) = m.get("spec") {
            let mut cursor = spec.walk();
            let names: Vec<Node<'_>> = spec.children_by_field_name("name", &mut cursor).collect();
            let Some(call) = spec.child_by_field_name("value").and_then(|v| v.named_child(0)) else {
                return;
            };
            let Some(stmt) = position::enclosing_statement(spec) else {
                return;
            };
            (names[1], call, stmt.next_named_sibling())
        } else {
            let stmt = m.node("stmt");
            let Some((names, call)) = shared::assigned_call(stmt) else {
                return;
            };
            (names[1], call, stmt.next_named_sibling())
        };
        let Some(name) = cx.call_to(call, "context", WITH_CANCEL) else {
            return;
        };
        if position::enclosing_function(call).is_none() {
            // A package-level context is created once; nothing accumulates.
            return;
        }
        let cancel_name = cx.text(cancel);
        if cancel_name == "_" {
            let mut finding = cx.finding(&META, call);
            finding.title = format!("the cancel function of context.{name} is discarded");
            out.push(finding);
            return;
        }
        // A variable that is never used again. (With `:=` the compiler already rejects an unused new variable,
        // so this is mostly `ctx, cancel = ...` on a variable declared earlier.)
        let Some(after) = after else {
            return;
        };
        let Some(decl) = cx.lookup(cancel_name, after) else {
            return;
        };
        if !shared::is_function_local(decl.kind, decl.name) || decl.kind == DeclKind::Result {
            return;
        }
        let Some(func) = position::enclosing_function(decl.name) else {
            return;
        };
        let used = shared::references(cx, decl.name, func)
            .into_iter()
            .any(|id| !is_assigned(id));
        if !used {
            let mut finding = cx.finding(&META, call);
            finding.title = format!("the cancel function of context.{name} is never called");
            out.push(finding);
        }
    }
}

/// Whether the identifier is a target of an assignment (`cancel = ...`, `_, cancel = ...`).
fn is_assigned(id: Node<'_>) -> bool {
    id.parent()
        .filter(|p| p.kind() == "expression_list")
        .and_then(|list| {
            let stmt = list.parent()?;
            (stmt.kind() == "assignment_statement")
                .then(|| stmt.child_by_field_name("left").map(|l| l.id()) == Some(list.id()))
        })
        .unwrap_or(false)
}
