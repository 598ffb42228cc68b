//! Loops that spin a CPU core: `for {}` and `for { select { ...; default: } }`.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax::{self, only_child};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/busy-loop",
    category: Category::Concurrency,
    priority: Priority::P0,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "loop spins without blocking",
    why: "An empty loop body, or a select whose empty default case is taken whenever no channel is ready, turns \
          the loop into a busy wait that burns a whole core (and, for `for {}`, never gives up the CPU). Waiting \
          for a plain variable this way is also a data race.",
    fix: "Block instead: drop the empty default so the select waits for a channel, use `select {}` to block \
          forever, or wait on a channel, sync.Cond, WaitGroup or context.",
    bad: r#"func consume(in <-chan Msg) {
    for {
        select {
        case msg := <-in:
            handle(msg)
        default:
        }
    }
}"#,
    good: r#"func consume(ctx context.Context, in <-chan Msg) {
    for {
        select {
        case msg := <-in:
            handle(msg)
        case <-ctx.Done():
            return
        }
    }
}"#,
    applies: "Infinite or condition-only loops (not range or three-clause loops); a loop condition that calls a \
              function (other than the builtins `len` and `cap`) or receives from a channel is not reported.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["for_statement"]),
    check,
};

fn check(loop_stmt: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(body) = syntax::loop_body(loop_stmt).filter(|b| b.kind_name() == "block") else {
        return;
    };
    // The body must be empty (comments aside) or hold a select and nothing else.
    let mut empty = true;
    let mut select = None;
    let mut cursor = body.walk();
    for child in body.named_children(&mut cursor) {
        match child.kind_name() {
            "comment" => {}
            "statement_list" => {
                empty = false;
                select = only_child(child).filter(|s| s.kind_name() == "select_statement");
            }
            _ => empty = false,
        }
    }
    let title = if empty {
        "empty loop body spins a core"
    } else if let Some(select) = select {
        let mut empty_default = false;
        let mut has_other = false;
        let mut cursor = select.walk();
        for case in select.named_children(&mut cursor) {
            match case.kind_name() {
                "default_case" => empty_default |= !has_statements(case),
                "communication_case" => has_other = true,
                _ => {}
            }
        }
        if !empty_default || !has_other {
            return;
        }
        "select with an empty default in a loop spins a core"
    } else {
        return;
    };
    // Only `for {` and `for cond {`: the header may not be a range or three-clause form.
    let mut cursor = loop_stmt.walk();
    let header = loop_stmt
        .named_children(&mut cursor)
        .find(|n| n.kind_name() != "block" && n.kind_name() != "comment");
    if let Some(cond) = header
        && (matches!(cond.kind_name(), "range_clause" | "for_clause") || has_side_effects(cond, cx))
    {
        return;
    }
    cx.finding(&META, loop_stmt).title(title).report(out);
}

/// Whether a case has anything but comments in it.
fn has_statements(case: Node<'_>) -> bool {
    let mut cursor = case.walk();
    case.named_children(&mut cursor)
        .any(|n| n.kind_name() != "comment")
}

/// Whether a loop condition calls something or receives from a channel (it may block or change state).
/// Calls of the builtins `len` and `cap` (unless shadowed) are pure; their arguments are still checked.
fn has_side_effects<'a>(cond: Node<'a>, cx: &FileContext<'a>) -> bool {
    let mut found = false;
    syntax::walk(cond, &mut |n| {
        if n.kind_name() == "call_expression" && !is_pure_builtin_call(n, cx)
            || n.kind_name() == "unary_expression"
                && n.field("operator").is_some_and(|o| o.kind_name() == "<-")
        {
            found = true;
        }
        !found
    });
    found
}

/// `len(x)` or `cap(x)` where the name is the builtin (not declared in this file).
fn is_pure_builtin_call<'a>(call: Node<'a>, cx: &FileContext<'a>) -> bool {
    call.field("function").is_some_and(|f| {
        f.kind_name() == "identifier"
            && matches!(cx.text(f), "len" | "cap")
            && cx.lookup(cx.text(f), f).is_none()
    })
}
