//! `time.After` evaluated on every loop iteration.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
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
    applies: "Only where the timer rarely fires: a case of a select whose other cases carry the traffic (a receive \
              from or send to a data channel; not ctx.Done(), a done/stop/quit channel, or another timer). A \
              retry or poll loop whose timer fires every time round (its other cases only stop the loop), and \
              `<-time.After(d)` waited on alone, release each timer as it fires and are not reported; nor is a \
              select that the loop leaves right after (a later statement returns or breaks the loop, and no case \
              continues it): it waits once. P1 below Go \
              1.23 (the timers beaten by the traffic stay alive until they fire); from Go 1.23 (allocation churn \
              only) P2, and not in a loop that sleeps or backs off.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("time", &["After"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(loop_stmt) = cx.enclosing_loop(call) else {
        return;
    };
    // A timer that fires every time round (a retry wait, a poll interval, `<-time.After(d)` alone) is released
    // when it fires, before any Go version: only a timer that another case usually beats is left behind.
    if !beaten_by_traffic(cx, call) {
        return;
    }
    // A select the loop leaves right after (`select { … }; return`) waits at most once per run of the loop.
    if let Some((_, select)) = select_case_of(call)
        && !syntax::may_start_over(select)
        && syntax::leaves_loop_right_after(cx, select, loop_stmt)
    {
        return;
    }
    let finding = cx.finding(&META, call);
    if cx.go_at_least(1, 23) {
        // Timers are collected from Go 1.23: what is left is the allocation, which matters only where the
        // timer is made again and again without firing.
        if sleeps_or_backs_off(cx, call, loop_stmt) {
            return;
        }
        finding
            .title("time.After allocates a timer on every loop iteration")
            .priority(Priority::P2)
            .report(out);
    } else {
        finding.report(out);
    }
}

/// Whether the timer usually loses: the `time.After` is a case of a select whose other cases carry the traffic.
fn beaten_by_traffic(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    let Some((case, select)) = select_case_of(call) else {
        // `<-time.After(d)` on its own waits for the timer every time: a sleep.
        return false;
    };
    syntax::each_child(select)
        .filter(|c| c.id() != case.id() && c.kind_name() == "communication_case")
        .any(|c| carries_traffic(cx, c))
}

/// For `case <-time.After(d):` (or `case t := <-time.After(d):`): the communication case and its select.
fn select_case_of(call: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let receive = call.parent().filter(|p| {
        p.kind_name() == "unary_expression" && p.field("operator").is_some_and(|o| o.kind_name() == "<-")
    })?;
    let mut node = receive.parent()?;
    if node.kind_name() == "receive_statement" {
        node = node.parent()?;
    }
    let case = Some(node).filter(|c| c.kind_name() == "communication_case")?;
    let select = case.parent().filter(|s| s.kind_name() == "select_statement")?;
    Some((case, select))
}

/// Whether a select case moves data: a send, or a receive from a channel that is not a signal (`ctx.Done()`,
/// a `done`/`stop`/`quit` channel) nor a timer (`t.C`, `time.After`, `time.Tick`).
fn carries_traffic(cx: &FileContext<'_>, case: Node<'_>) -> bool {
    let Some(communication) = case.field("communication") else {
        return false;
    };
    if communication.kind_name() == "send_statement" {
        return true;
    }
    let receive = match communication.kind_name() {
        "receive_statement" => communication.field("right"),
        _ => Some(communication),
    };
    let Some(channel) = receive
        .map(syntax::unparen)
        .filter(|r| r.kind_name() == "unary_expression")
        .and_then(|r| r.field("operand"))
        .map(syntax::unparen)
    else {
        return false;
    };
    match channel.kind_name() {
        "call_expression" => {
            cx.call_to(channel, "time", &["After", "Tick"]).is_none()
                && Call::of(channel).is_some_and(|c| !is_signal_name(cx.text(c.name)))
        }
        "selector_expression" => channel
            .field("field")
            .is_some_and(|f| cx.text(f) != "C" && !is_signal_name(cx.text(f))),
        "identifier" => !is_signal_name(cx.text(channel)),
        _ => true,
    }
}

/// Whether a channel's name says it signals an end or a stop rather than carrying data.
fn is_signal_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    // `qch` and `qc` are the usual short names of a quit channel.
    matches!(lower.as_str(), "qch" | "qc")
        || [
            "done", "stop", "quit", "exit", "clos", "shutdown", "cancel", "kill", "term", "finish", "ctx",
            "sig",
        ]
        .iter()
        .any(|word| lower.contains(word))
}

/// Whether the loop is a retry loop: it sleeps (`time.Sleep`), or the timer's duration is a variable changed
/// in the loop (`backoff *= 2`).
fn sleeps_or_backs_off(cx: &FileContext<'_>, call: Node<'_>, loop_stmt: Node<'_>) -> bool {
    let Some(body) = syntax::loop_body(loop_stmt) else {
        return false;
    };
    let duration = syntax::each_argument(call)
        .next()
        .map(syntax::unparen)
        .filter(|d| d.kind_name() == "identifier")
        .map(|d| cx.text(d));
    let mut found = false;
    syntax::walk_same_function(body, &mut |n| {
        found |=
            cx.call_to(n, "time", &["Sleep"]).is_some() || duration.is_some_and(|name| changes(cx, n, name));
        !found
    });
    found
}

/// Whether `stmt` assigns to the variable `name` (`name = ...`, `name *= 2`, `name++`).
fn changes(cx: &FileContext<'_>, stmt: Node<'_>, name: &str) -> bool {
    let target = match stmt.kind_name() {
        "assignment_statement" => stmt.field("left"),
        "inc_statement" | "dec_statement" => Some(stmt),
        _ => None,
    };
    target.is_some_and(|t| syntax::each_child(t).any(|n| n.kind_name() == "identifier" && cx.text(n) == name))
}
