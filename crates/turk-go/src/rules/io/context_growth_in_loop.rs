//! `ctx = context.WithValue(ctx, ...)` in a loop: the context chain grows by one layer per iteration.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/context-growth-in-loop",
    category: Category::Io,
    priority: Priority::P1,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "context derived from itself on every loop iteration",
    why: "Each context.With* call wraps its parent. Assigning the result back to a variable declared outside the \
          loop makes every iteration wrap the previous iteration's context, so the chain grows by one layer per \
          iteration: memory grows with the loop, ctx.Value lookups walk the whole chain (quadratic overall), and \
          with WithTimeout/WithCancel each child also stays registered with its parent, and a deadline set in \
          one iteration caps every later one.",
    fix: "Derive a per-iteration context into a new variable inside the loop (`iterCtx, cancel := \
          context.WithTimeout(ctx, d)`), leaving the outer ctx unchanged, and cancel it at the end of the \
          iteration.",
    bad: r#"func runAll(ctx context.Context, jobs []Job) {
    for _, job := range jobs {
        ctx = context.WithValue(ctx, jobKey, job.ID)
        run(ctx, job)
    }
}"#,
    good: r#"func runAll(ctx context.Context, jobs []Job) {
    for _, job := range jobs {
        jobCtx := context.WithValue(ctx, jobKey, job.ID)
        run(jobCtx, job)
    }
}"#,
    applies: "The reassigned variable must be declared outside the loop and be the first argument of the call. \
              P2 for context.WithValue in a range loop (not over a channel) whose value comes from the range \
              variables (a chain built on purpose, bounded by the collection).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[
        ("context", &["WithValue", "WithoutCancel"]),
        ("context", syntax::CONTEXT_WITH_CANCEL),
    ]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // `ctx = context.WithValue(ctx, ...)`: the call is the whole right-hand side of a plain `=` whose first
    // target is the call's first argument.
    let Some(arg) = call
        .field("arguments")
        .and_then(syntax::first_child)
        .filter(|a| a.kind_name() == "identifier" && !a.is_missing())
    else {
        return;
    };
    let Some(stmt) = syntax::assigned_from(call).filter(|s| s.kind_name() == "assignment_statement") else {
        return;
    };
    let Some(ctx) = stmt
        .field("left")
        .and_then(syntax::first_child)
        .filter(|c| c.kind_name() == "identifier" && !c.is_missing())
    else {
        return;
    };
    if cx.text(ctx) != cx.text(arg) || stmt.field("operator").is_none_or(|op| op.kind_name() != "=") {
        return;
    }
    let name = Call::name_of(call, cx);
    let Some(for_stmt) = cx.enclosing_loop(stmt) else {
        return;
    };
    let Some(decl) = cx.lookup(cx.text(ctx), ctx) else {
        return;
    };
    let Some(body) = for_stmt.field("body") else {
        return;
    };
    if body.start_byte() <= decl.name.start_byte() && decl.name.end_byte() <= body.end_byte() {
        return;
    }
    cx.finding(&META, stmt)
        .title(format!("context.{name} wraps the previous iteration's context"))
        .priority_if(
            name == "WithValue" && uses_range_vars(cx, for_stmt, call),
            Priority::P2,
        )
        .report(out);
}

/// Whether the call's arguments mention a variable declared by the loop's range clause.
fn uses_range_vars(cx: &FileContext<'_>, for_stmt: Node<'_>, call: Node<'_>) -> bool {
    let mut cursor = for_stmt.walk();
    let Some(range) = for_stmt
        .named_children(&mut cursor)
        .find(|n| n.kind_name() == "range_clause")
    else {
        return false;
    };
    let Some(left) = range.field("left") else {
        return false;
    };
    if range.field("right").is_some_and(|r| is_channel(cx, r)) {
        // A channel has no end in sight: the chain grows with every message.
        return false;
    }
    let vars: Vec<&str> = syntax::descendants(left)
        .filter(|n| n.kind_name() == "identifier")
        .map(|n| cx.text(n))
        .filter(|n| *n != "_")
        .collect();
    syntax::arguments(call)
        .into_iter()
        .skip(1)
        .flat_map(syntax::descendants)
        .any(|id| id.kind_name() == "identifier" && vars.contains(&cx.text(id)))
}

/// Whether an expression is a channel: `make(chan T)`, or a variable declared with a channel type or from `make(chan T)`.
fn is_channel(cx: &FileContext<'_>, expr: Node<'_>) -> bool {
    let is_make_chan = |v: Node<'_>| {
        v.kind_name() == "call_expression"
            && v.field("function").is_some_and(|f| cx.text(f) == "make")
            && syntax::arguments(v)
                .first()
                .is_some_and(|t| t.kind_name() == "channel_type")
    };
    if is_make_chan(expr) {
        return true;
    }
    if expr.kind_name() != "identifier" {
        return false;
    }
    cx.lookup(cx.text(expr), expr).is_some_and(|d| {
        d.type_node.is_some_and(|t| t.kind_name() == "channel_type") || d.value.is_some_and(is_make_chan)
    })
}
