//! `mu.Lock()` immediately followed by `mu.Unlock()`.

use crate::context::FileContext;
use crate::context::children::KindName;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/empty-critical-section",
    category: Category::Concurrency,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "empty critical section: Lock immediately followed by Unlock",
    why: "Nothing is protected between the two calls. Usually the statements meant to be guarded were moved out, \
          or `defer` was forgotten before Unlock; if it is meant as a barrier (wait for the current holder), that \
          is easy to misread and better expressed with a channel, sync.Cond or WaitGroup.",
    fix: "Move the guarded statements between Lock and Unlock, or write `defer mu.Unlock()`; if the empty section \
          is intentional, say so in a comment between the calls.",
    bad: r#"func (c *Counter) Inc() {
    c.mu.Lock()
    c.mu.Unlock()
    c.n++
}"#,
    good: r#"func (c *Counter) Inc() {
    c.mu.Lock()
    c.n++
    c.mu.Unlock()
}"#,
    applies: "Same receiver text, consecutive statements; not reported when a comment sits between the calls. \
              A style rule: off unless asked for, because the same two lines are the deliberate way to wait until \
              every holder of the lock has left (a barrier, often on an RWMutex to drain its readers).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(&["Lock", "RLock"]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some((stmt, recv, method, next, commented)) = syntax::lock_statement(call, cx) else {
        return;
    };
    if commented || next.kind_name() != "expression_statement" {
        return;
    }
    let Some(unlock) = syntax::statement_call(next) else {
        return;
    };
    let Some((recv2, method2)) = Call::method(unlock, cx) else {
        return;
    };
    let wanted = if method == "Lock" { "Unlock" } else { "RUnlock" };
    if method2 != wanted || cx.text(recv2) != cx.text(recv) || !syntax::no_arguments(unlock) {
        return;
    }
    cx.finding(&META, stmt)
        .title(format!(
            "empty critical section: {method} immediately followed by {wanted}"
        ))
        .report(out);
}
