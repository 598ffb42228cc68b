//! `signal.Notify` on an unbuffered channel.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax::{self, first_child};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/unbuffered-signal-channel",
    category: Category::Concurrency,
    priority: Priority::P2,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "signal.Notify on an unbuffered channel",
    why: "The signal package does not block when delivering: if the receiver is not waiting at that instant, \
          the signal is dropped. With an unbuffered channel a SIGINT/SIGTERM that arrives while the program is \
          busy is lost, and the graceful shutdown never happens.",
    fix: "Give the channel a buffer: make(chan os.Signal, 1) is enough for one signal value.",
    bad: r#"func waitForInterrupt() {
    sigs := make(chan os.Signal)
    signal.Notify(sigs, os.Interrupt)
    <-sigs
}"#,
    good: r#"func waitForInterrupt() {
    sigs := make(chan os.Signal, 1)
    signal.Notify(sigs, os.Interrupt)
    <-sigs
}"#,
    applies: "The channel must be made in the same function as the Notify call.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("os/signal", &["Notify"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // `signal.Notify(ch, ...)` with a variable as the channel.
    let Some(channel) = call
        .field("arguments")
        .and_then(first_child)
        .filter(|c| c.kind_name() == "identifier" && !c.is_missing())
    else {
        return;
    };
    let Some(decl) = cx.lookup(cx.text(channel), channel) else {
        return;
    };
    let Some(make) = decl.value.filter(|v| v.kind_name() == "call_expression") else {
        return;
    };
    let callee = make.field("function");
    if !callee.is_some_and(|f| f.kind_name() == "identifier" && cx.text(f) == "make") {
        return;
    }
    let args = syntax::arguments(make);
    let unbuffered = match args.as_slice() {
        [ty] => ty.kind_name() == "channel_type",
        [ty, size] => ty.kind_name() == "channel_type" && cx.text(*size) == "0",
        _ => false,
    };
    if !unbuffered {
        return;
    }
    let same_function = match (cx.enclosing_function(make), cx.enclosing_function(call)) {
        (Some(a), Some(b)) => a.id() == b.id(),
        _ => false,
    };
    if same_function {
        cx.finding(&META, make).report(out);
    }
}
