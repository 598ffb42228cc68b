//! A loop variable captured by a `go` or `defer` closure, before Go 1.22.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/loopvar-capture",
    category: Category::Concurrency,
    priority: Priority::P0,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "loop variable captured by a goroutine or deferred closure",
    why: "Before Go 1.22 a for loop has one variable for all iterations. A closure started with go or defer \
          reads it when it runs, not when it is created, so the goroutines (or the deferred calls) typically all \
          see the last element, and the goroutines race with the loop's writes to the variable.",
    fix: "Pass the variable as an argument (go func(v T) { ... }(v)) or copy it in the body (v := v); upgrading \
          the module to go 1.22 or later gives every iteration its own variable.",
    bad: r#"//go:build go1.21

func runAll(jobs []Job) {
    for _, job := range jobs {
        go func() {
            run(job)
        }()
    }
}"#,
    good: r#"//go:build go1.21

func runAll(jobs []Job) {
    for _, job := range jobs {
        go func(job Job) {
            run(job)
        }(job)
    }
}"#,
    applies: "Only when the module (or the file's build constraint) targets Go below 1.22; off from Go 1.22, \
              where each iteration has its own variable. Not reported when the iteration waits for the \
              goroutine (a later Wait() call or channel receive in the same loop body).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["go_statement", "defer_statement"]),
    check,
};

fn check(stmt: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.go_at_least(1, 22) {
        return;
    }
    // `go func() { ... }(...)` or `defer func() { ... }(...)`.
    let mut cursor = stmt.walk();
    let literal = stmt
        .named_children(&mut cursor)
        .filter(|c| c.kind_name() == "call_expression")
        .find_map(|c| c.field("function"))
        .filter(|f| f.kind_name() == "func_literal");
    let Some(body) = literal.and_then(|l| l.field("body")) else {
        return;
    };
    // Outside any loop there is nothing to capture; that settles most statements before the scan of the
    // statements that follow.
    let Some(innermost) = cx.enclosing_loop(stmt) else {
        return;
    };
    let is_go = stmt.kind_name() == "go_statement";
    if is_go && waited_in_iteration(stmt, cx) {
        return;
    }
    let mut reported: Vec<usize> = Vec::new();
    let mut current = Some(innermost);
    while let Some(loop_stmt) = current {
        for var in syntax::loop_variables(loop_stmt) {
            let name = cx.text(var);
            if name == "_" || reported.contains(&var.id()) {
                continue;
            }
            if let Some(use_site) = first_reference(body, var, name, cx) {
                reported.push(var.id());
                cx.finding(&META, use_site)
                    .title(format!(
                        "loop variable {name} captured by a {} closure",
                        if is_go { "go" } else { "deferred" }
                    ))
                    .report(out);
            }
        }
        current = cx.enclosing_loop(loop_stmt);
    }
}

/// The first identifier in `body` that refers to the loop variable `var` (not a shadowing copy or parameter).
fn first_reference<'t>(body: Node<'t>, var: Node<'t>, name: &str, cx: &FileContext<'_>) -> Option<Node<'t>> {
    // A body that never spells the name cannot refer to the variable; no need to walk it.
    if !cx.text(body).contains(name) {
        return None;
    }
    let mut found = None;
    syntax::walk(body, &mut |n| {
        if found.is_some() {
            return false;
        }
        if n.kind_name() == "identifier"
            && cx.text(n) == name
            && !is_composite_key(n)
            && cx.lookup(name, n).is_some_and(|d| d.name.id() == var.id())
        {
            found = Some(n);
        }
        true
    });
    found
}

/// `T{name: x}`: the key of a keyed element names a field, not a variable.
fn is_composite_key(ident: Node<'_>) -> bool {
    let Some(elem) = ident.parent().filter(|p| p.kind_name() == "literal_element") else {
        return false;
    };
    elem.parent()
        .filter(|k| k.kind_name() == "keyed_element")
        .and_then(|k| k.named_child(0))
        .is_some_and(|first| first.id() == elem.id())
}

/// Whether a statement after the go statement, in the same loop body, waits for it (`x.Wait()` or `<-ch`).
fn waited_in_iteration(stmt: Node<'_>, cx: &FileContext<'_>) -> bool {
    let mut next = stmt.next_named_sibling();
    while let Some(n) = next {
        let mut waits = false;
        syntax::walk(n, &mut |c| {
            if c.kind_name() == "func_literal" || waits {
                return false;
            }
            if let Some((_, method)) = Call::method(c, cx)
                && method == "Wait"
            {
                waits = true;
            }
            if c.kind_name() == "unary_expression"
                && c.field("operator").is_some_and(|o| o.kind_name() == "<-")
            {
                waits = true;
            }
            true
        });
        if waits {
            return true;
        }
        next = n.next_named_sibling();
    }
    false
}
