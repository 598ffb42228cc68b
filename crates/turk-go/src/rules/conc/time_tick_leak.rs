//! `time.Tick` in a function that returns: the ticker can never be stopped (before Go 1.23, never collected).

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/time-tick-leak",
    category: Category::Concurrency,
    priority: Priority::P1,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "time.Tick in a function that returns leaks its ticker",
    why: "time.Tick gives no way to stop the underlying Ticker. Before Go 1.23 an unstopped ticker is never \
          garbage collected, so every call of a function that returns leaks a ticker that keeps firing (and \
          costing CPU) for the life of the process.",
    fix: "Use t := time.NewTicker(d) with defer t.Stop(), and read from t.C; or move the module to Go 1.23+, where \
          unreferenced tickers are collected.",
    bad: r#"//go:build go1.22

func poll(ctx context.Context) {
    for {
        select {
        case <-ctx.Done():
            return
        case <-time.Tick(time.Second):
            check()
        }
    }
}"#,
    good: r#"//go:build go1.22

func poll(ctx context.Context) {
    t := time.NewTicker(time.Second)
    defer t.Stop()
    for {
        select {
        case <-ctx.Done():
            return
        case <-t.C:
            check()
        }
    }
}"#,
    applies: "Only when the module targets Go below 1.23 (off from 1.23, where tickers are collectable); not in \
              package main, tests, or functions that never return (no return statement and ending in an endless \
              loop), as staticcheck's SA1015. P0 on a hot path, where a ticker leaks per item or request.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("time", &["Tick"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.go_at_least(1, 23) || cx.is_test || cx.package == "main" {
        return;
    }
    let Some(func) = cx.enclosing_function(call) else {
        // A package-level `var t = time.Tick(d)`: one ticker for the process.
        return;
    };
    if func.kind_name() == "function_declaration" && func.field("name").is_some_and(|n| cx.text(n) == "init")
    {
        return;
    }
    if never_returns(func, call) {
        return;
    }
    cx.finding(&META, call).raised_on_hot_path().report(out);
}

/// Whether a function ends in an endless loop and has no return statement or labeled break of its own: its
/// ticker lives as long as the process either way.
fn never_returns(func: Node<'_>, call: Node<'_>) -> bool {
    let Some(body) = func.field("body") else {
        return false;
    };
    let mut exits = false;
    syntax::walk(body, &mut |n| {
        if n.kind_name() == "func_literal" || exits {
            return false;
        }
        if n.kind_name() == "return_statement"
            || n.kind_name() == "break_statement" && n.named_child_count() > 0
        {
            exits = true;
        }
        true
    });
    if exits {
        return false;
    }
    let Some(last) = syntax::children(body)
        .into_iter()
        .next()
        .and_then(|list| syntax::children(list).into_iter().last())
    else {
        return false;
    };
    if last.kind_name() != "for_statement" {
        return false;
    }
    let mut cursor = last.walk();
    let header = last
        .named_children(&mut cursor)
        .find(|n| n.kind_name() != "block" && n.kind_name() != "comment");
    let endless = match header {
        None => true,
        // for range time.Tick(d) { ... }: ranging over the ticker's channel never ends.
        Some(h) => h.kind_name() == "range_clause" && h.field("right").is_some_and(|r| r.id() == call.id()),
    };
    if !endless {
        return false;
    }
    // A plain break directly in that loop (not inside a nested for/switch/select) ends it.
    let mut breaks = false;
    if let Some(loop_body) = last.field("body") {
        syntax::walk(loop_body, &mut |n| {
            if breaks
                || matches!(
                    n.kind_name(),
                    "func_literal"
                        | "for_statement"
                        | "expression_switch_statement"
                        | "type_switch_statement"
                        | "select_statement"
                )
            {
                return false;
            }
            if n.kind_name() == "break_statement" {
                breaks = true;
            }
            true
        });
    }
    !breaks
}
