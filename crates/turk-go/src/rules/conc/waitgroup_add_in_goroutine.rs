//! `wg.Add` called inside the goroutine it is meant to count.

use crate::context::children::{FieldChild, KindName};
use crate::context::{FileContext, position};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/waitgroup-add-in-goroutine",
    category: Category::Concurrency,
    priority: Priority::P0,
    tier: Tier::Correctness,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "WaitGroup.Add called inside the goroutine it counts",
    why: "The go statement returns before the new goroutine runs, so the launching code can reach wg.Wait() while \
          the counter is still zero: Wait returns early and the work races with whatever follows (or Add panics \
          with \"WaitGroup is reused before previous Wait has returned\").",
    fix: "Call wg.Add(1) before the go statement (or once with the total before the loop), and only wg.Done() \
          inside the goroutine; from Go 1.25, wg.Go(func() { ... }) does both.",
    bad: r#"func runAll(jobs []Job) {
    var wg sync.WaitGroup
    for _, job := range jobs {
        go func() {
            wg.Add(1)
            defer wg.Done()
            run(job)
        }()
    }
    wg.Wait()
}"#,
    good: r#"func runAll(jobs []Job) {
    var wg sync.WaitGroup
    for _, job := range jobs {
        wg.Add(1)
        go func() {
            defer wg.Done()
            run(job)
        }()
    }
    wg.Wait()
}"#,
    applies: "The receiver must be a sync.WaitGroup declared in the file (variable, parameter, or struct field), \
              or — when its declaration is in another file — be named like one (wg, workersWG, waitGroup). \
              Not reported when the same goroutine also calls Wait on it, when the WaitGroup is local to the \
              goroutine, when the Add counts a goroutine started right after it (the next go statement of its \
              block runs a literal that calls Done on it, or is handed it), or when the goroutine already holds a \
              count on it (a defer wg.Done() before the Add).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(&["Add"]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // `wg.Add(n)` takes exactly one argument; anything else is another type's Add.
    if call.field("arguments").map(|a| a.named_child_count()) != Some(1) {
        return;
    }
    let Some((recv, _)) = Call::method(call, cx) else {
        return;
    };
    // The innermost function must be the literal run by `go` (or an errgroup/WaitGroup `.Go`).
    let Some(literal) = cx.enclosing_function(call) else {
        return;
    };
    if literal.kind_name() != "func_literal" || position::goroutine_of_literal(literal, cx.src).is_none() {
        return;
    }
    if !syntax::is_wait_group(recv, cx) {
        return;
    }
    let Some(body) = literal.field("body") else {
        return;
    };
    // A WaitGroup declared inside the goroutine is its own business.
    if let Some(root) = syntax::root_identifier(recv)
        && let Some(decl) = cx.lookup(cx.text(root), root)
        && syntax::contains(body, decl.name)
    {
        return;
    }
    // The goroutine that adds and then waits itself (a coordinator goroutine) is correct.
    let recv_text = cx.text(recv);
    let mut waits = false;
    syntax::walk(body, &mut |n| {
        if let Some((r, method)) = Call::method(n, cx)
            && method == "Wait"
            && cx.text(r) == recv_text
        {
            waits = true;
        }
        !waits
    });
    if waits || counts_next_goroutine(cx, call, recv_text) || holds_count(cx, body, call, recv_text) {
        return;
    }
    cx.finding(&META, call).report(out);
}

/// Whether the Add counts a goroutine started right after it: the next `go` statement of its block runs a
/// func literal that calls `Done` on the same WaitGroup, or is handed that WaitGroup (`go worker(&wg)`). The
/// Add then happens before that goroutine starts, as it should, whichever goroutine runs it.
fn counts_next_goroutine(cx: &FileContext<'_>, add: Node<'_>, recv: &str) -> bool {
    let Some(stmt) = add.parent().filter(|p| p.kind_name() == "expression_statement") else {
        return false;
    };
    let Some(list) = stmt.parent() else {
        return false;
    };
    let Some(go) = syntax::later_siblings(stmt, list).find(|s| s.kind_name() == "go_statement") else {
        return false;
    };
    let Some(started) = syntax::statement_call(go) else {
        return false;
    };
    let handed = syntax::each_argument(started).any(|a| {
        let a = syntax::unparen(a);
        let a = if a.kind_name() == "unary_expression" {
            a.field("operand").unwrap_or(a)
        } else {
            a
        };
        cx.text(a) == recv
    });
    handed
        || started
            .field("function")
            .filter(|f| f.kind_name() == "func_literal")
            .and_then(syntax::body)
            .is_some_and(|body| syntax::calls_done(cx, body, recv))
}

/// Whether the goroutine already holds a count on the WaitGroup when it calls Add: a `defer wg.Done()` (or a
/// deferred func literal calling it) before the Add, in the goroutine's own body. The counter cannot reach zero
/// while it runs, so a Wait elsewhere cannot return early.
fn holds_count(cx: &FileContext<'_>, body: Node<'_>, add: Node<'_>, recv: &str) -> bool {
    let mut holds = false;
    syntax::walk_same_function(body, &mut |n| {
        if n.start_byte() >= add.start_byte() {
            return false;
        }
        if n.kind_name() == "defer_statement"
            && let Some(deferred) = syntax::statement_call(n)
        {
            holds = syntax::calls_done(cx, deferred, recv);
        }
        !holds
    });
    holds
}
