//! `wg.Wait()` in the loop body that starts the goroutines: one goroutine at a time.

use crate::context::{FileContext, position};
use crate::rules::conc::shared;
use crate::rules::{CallFilter, Captures, Rule, RuleMeta};
use tree_sitter::Node;
use turk_findings::{Category, Finding, Priority};

pub struct WaitGroupWaitInLoop;
pub static RULE: WaitGroupWaitInLoop = WaitGroupWaitInLoop;

static META: RuleMeta = RuleMeta {
    id: "conc/waitgroup-wait-in-loop",
    category: Category::Concurrency,
    priority: Priority::P1,
    message: "WaitGroup.Wait in the same loop iteration that starts the goroutine",
    why: "Each iteration starts one goroutine and then waits for it, so the work runs one item at a time: the \
          goroutine adds scheduling overhead and no concurrency.",
    fix: "Start all goroutines in the loop and call wg.Wait() once after it (bound the concurrency with a \
          semaphore channel or errgroup.SetLimit if needed); or drop the goroutine and call the work directly.",
    bad: "for _, item := range items {\n    wg.Add(1)\n    go func() {\n        defer wg.Done()\n        process(item)\n    }()\n    wg.Wait()\n}",
    good: "for _, item := range items {\n    wg.Add(1)\n    go func() {\n        defer wg.Done()\n        process(item)\n    }()\n}\nwg.Wait()",
    applies: "Only when exactly one go statement in that loop body (outside nested loops) calls Done on the same \
              WaitGroup before the Wait.",
};

impl Rule for WaitGroupWaitInLoop {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn calls(&self) -> CallFilter {
        CallFilter {
            names: &["Wait"],
            unqualified: false,
        }
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let call = m.node("call");
        let Some((recv, _)) = shared::method_call(call, cx) else {
            return;
        };
        if !shared::arguments(call).is_empty() {
            return;
        }
        let Some(loop_stmt) = position::enclosing_loop(call) else {
            return;
        };
        let Some(body) = shared::loop_body(loop_stmt) else {
            return;
        };
        let recv_text = cx.text(recv);
        let mut launches = 0;
        let mut other_goroutines = 0;
        shared::walk(body, &mut |n| {
            if n.kind() == "go_statement" {
                if position::enclosing_loop(n).is_some_and(|l| l.id() == loop_stmt.id())
                    && n.end_byte() <= call.start_byte()
                {
                    if calls_done(n, recv_text, cx) {
                        launches += 1;
                    } else {
                        other_goroutines += 1;
                    }
                }
                return false;
            }
            n.kind() != "func_literal"
        });
        if launches == 1 && other_goroutines == 0 {
            out.push(cx.finding(&META, call));
        }
    }
}

/// Whether the goroutine's code calls `<recv>.Done()`.
fn calls_done(go_stmt: Node<'_>, recv_text: &str, cx: &FileContext<'_>) -> bool {
    let mut found = false;
    shared::walk(go_stmt, &mut |n| {
        if let Some((r, method)) = shared::method_call(n, cx)
            && method == "Done"
            && cx.text(r) == recv_text
        {
            found = true;
        }
        !found
    });
    found
}
