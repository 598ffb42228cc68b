//! `time.After` evaluated on every loop iteration.

use crate::context::FileContext;
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/time-after-in-loop",
    category: Category::Concurrency,
    priority: Priority::P1,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "time.After called on every loop iteration",
    why: "Each call allocates a new timer and channel. Before Go 1.23 the timer is not collected until it fires, so \
          a loop that usually takes another select branch piles up live timers for the whole timeout; from Go 1.23 \
          they are collectable, but every iteration still allocates.",
    fix: "Create one timer before the loop with time.NewTimer and Reset it each iteration (or use a context with a \
          deadline for an overall timeout).",
    bad: r#"func consume(msgs <-chan Msg) {
    for {
        select {
        case msg := <-msgs:
            handle(msg)
        case <-time.After(time.Second):
            return
        }
    }
}"#,
    good: r#"func consume(msgs <-chan Msg) {
    timer := time.NewTimer(time.Second)
    defer timer.Stop()
    for {
        timer.Reset(time.Second)
        select {
        case msg := <-msgs:
            handle(msg)
        case <-timer.C:
            return
        }
    }
}"#,
    applies: "P1 below Go 1.23 (timers leak until they fire); P2 from Go 1.23 (allocation churn only).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("time", &["After"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if !cx.in_loop_body(call) {
        return;
    }
    let finding = cx.finding(&META, call);
    if cx.go_at_least(1, 23) {
        // Timers are collected from Go 1.23: what is left is the allocation.
        finding
            .title("time.After allocates a timer on every loop iteration")
            .priority(Priority::P2)
            .report(out);
    } else {
        finding.report(out);
    }
}
