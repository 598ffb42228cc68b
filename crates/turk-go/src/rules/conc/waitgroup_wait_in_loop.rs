//! `wg.Wait()` in the loop body that starts the goroutines: one goroutine at a time.

use crate::context::FileContext;
use crate::context::children::KindName;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/waitgroup-wait-in-loop",
    category: Category::Concurrency,
    priority: Priority::P1,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "WaitGroup.Wait in the same loop iteration that starts the goroutine",
    why: "Each iteration starts one goroutine and then waits for it, so the work runs one item at a time: the \
          goroutine adds scheduling overhead and no concurrency.",
    fix: "Start all goroutines in the loop and call wg.Wait() once after it (bound the concurrency with a \
          semaphore channel or errgroup.SetLimit if needed); or drop the goroutine and call the work directly.",
    bad: r#"func processAll(items []Item) {
    var wg sync.WaitGroup
    for _, item := range items {
        wg.Add(1)
        go func() {
            defer wg.Done()
            process(item)
        }()
        wg.Wait()
    }
}"#,
    good: r#"func processAll(items []Item) {
    var wg sync.WaitGroup
    wg.Add(len(items))
    for _, item := range items {
        go func() {
            defer wg.Done()
            process(item)
        }()
    }
    wg.Wait()
}"#,
    applies: "Only when exactly one go statement in that loop body (outside nested loops) calls Done on the same \
              WaitGroup before the Wait.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(&["Wait"]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some((recv, _)) = Call::method(call, cx) else {
        return;
    };
    if !syntax::no_arguments(call) {
        return;
    }
    let Some(loop_stmt) = cx.enclosing_loop(call) else {
        return;
    };
    let Some(body) = syntax::loop_body(loop_stmt) else {
        return;
    };
    let recv_text = cx.text(recv);
    let mut launches = 0;
    let mut other_goroutines = 0;
    // The go statements of this loop's iterations: not those in a func literal, nor in a nested loop (whose
    // header holds no statements outside func literals, so the whole nested loop is skipped).
    syntax::walk(body, &mut |n| {
        // Only what runs before the Wait counts.
        if n.start_byte() >= call.start_byte() {
            return false;
        }
        if n.kind_name() == "go_statement" {
            if n.end_byte() <= call.start_byte() {
                if syntax::calls_done(cx, n, recv_text) {
                    launches += 1;
                } else {
                    other_goroutines += 1;
                }
            }
            return false;
        }
        !matches!(n.kind_name(), "func_literal" | "for_statement")
    });
    if launches == 1 && other_goroutines == 0 {
        cx.finding(&META, call).report(out);
    }
}
