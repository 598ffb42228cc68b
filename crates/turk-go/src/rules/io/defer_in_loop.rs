//! `defer` directly in a loop body: the deferred calls pile up until the function returns.

use crate::context::{FileContext, position};
use crate::rules::io::shared;
use crate::rules::{Captures, Rule, RuleMeta};
use tree_sitter::Node;
use turk_findings::{Category, Finding, Priority};

pub struct DeferInLoop;
pub static RULE: DeferInLoop = DeferInLoop;

static META: RuleMeta = RuleMeta {
    id: "io/defer-in-loop",
    category: Category::Io,
    priority: Priority::P1,
    message: "defer inside a loop runs only when the function returns",
    why: "A deferred call runs when the surrounding function returns, not at the end of the loop iteration. Every \
          iteration adds one more pending call (and keeps what it references alive): files, connections, rows and \
          locks deferred this way stay open or held until the whole loop is done, which exhausts file descriptors \
          or connection pools on long loops, deadlocks when a mutex is locked again in the next iteration, and \
          never releases anything in an endless loop.",
    fix: "Move the loop body into a function (a named helper or an immediately called func literal) so that the \
          defer runs at the end of each iteration, or release the resource explicitly at the end of the body.",
    bad: "for _, name := range names {\n    f, err := os.Open(name)\n    if err != nil {\n        return err\n    }\n    defer f.Close()\n    process(f)\n}",
    good: "for _, name := range names {\n    if err := func() error {\n        f, err := os.Open(name)\n        if err != nil {\n            return err\n        }\n        defer f.Close()\n        return process(f)\n    }(); err != nil {\n        return err\n    }\n}",
    applies: "P0 when the deferred call releases a resource (Close, Unlock, RUnlock, Rollback, Release, Stop, a \
              context cancel); not reported when the loop body returns or breaks right after the defer (it is \
              registered at most once). Code in a func literal inside the loop is not in the loop.",
};

/// Deferred methods that release something held per iteration.
const RELEASES: &[&str] = &["Close", "Unlock", "RUnlock", "Rollback", "Release", "Stop"];

impl Rule for DeferInLoop {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        "(defer_statement) @defer"
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let defer = m.node("defer");
        if !position::in_loop_body(defer) || leaves_right_after(cx, defer) {
            return;
        }
        let mut finding = cx.finding(&META, defer);
        if releases(cx, defer) {
            finding.priority = Priority::P0;
        }
        out.push(finding);
    }
}

/// Whether a statement after the defer in its own block returns (or panics), so the defer is registered at
/// most once before the function exits.
fn leaves_right_after(cx: &FileContext<'_>, defer: Node<'_>) -> bool {
    let mut next = defer.next_named_sibling();
    while let Some(stmt) = next {
        match stmt.kind() {
            "return_statement" => return true,
            "break_statement" if stmt.named_child(0).is_none() && breaks_the_loop(defer) => return true,
            "expression_statement" => {
                if let Some(call) = stmt.named_child(0)
                    && call.kind() == "call_expression"
                    && call
                        .child_by_field_name("function")
                        .is_some_and(|f| f.kind() == "identifier" && cx.text(f) == "panic")
                {
                    return true;
                }
            }
            _ => {}
        }
        next = stmt.next_named_sibling();
    }
    false
}

/// Whether an unlabelled `break` next to the defer leaves the enclosing loop (no switch or select in between).
fn breaks_the_loop(defer: Node<'_>) -> bool {
    let Some(for_stmt) = position::enclosing_loop(defer) else {
        return false;
    };
    let mut node = defer.parent();
    while let Some(n) = node {
        if n.id() == for_stmt.id() {
            return true;
        }
        if matches!(
            n.kind(),
            "expression_switch_statement" | "type_switch_statement" | "select_statement"
        ) {
            return false;
        }
        node = n.parent();
    }
    false
}

/// Whether the deferred call releases a resource: `x.Close()`, `mu.Unlock()`, `cancel()`, or a deferred func
/// literal that does one of those.
fn releases(cx: &FileContext<'_>, defer: Node<'_>) -> bool {
    let Some(call) = defer.named_child(0).filter(|c| c.kind() == "call_expression") else {
        return false;
    };
    let Some(function) = call.child_by_field_name("function") else {
        return false;
    };
    let releasing = |call: Node<'_>| {
        call.child_by_field_name("function")
            .is_some_and(|f| match f.kind() {
                "selector_expression" => f
                    .child_by_field_name("field")
                    .is_some_and(|name| RELEASES.contains(&cx.text(name))),
                "identifier" => cx.text(f) == "cancel",
                _ => false,
            })
    };
    if function.kind() == "func_literal" {
        return shared::body(function).is_some_and(|body| {
            shared::descendants_of_kind(body, "call_expression")
                .into_iter()
                .any(releasing)
        });
    }
    releasing(call)
}
