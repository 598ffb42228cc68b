//! `mu.Lock(); defer mu.Lock()` and the mixed RWMutex variants.

use crate::context::FileContext;
use crate::context::children::KindName;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/defer-wrong-unlock",
    category: Category::Concurrency,
    priority: Priority::P0,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "deferred call does not release the lock just taken",
    why: "`mu.Lock(); defer mu.Lock()` deadlocks when the function returns (sync.Mutex is not reentrant), and the \
          lock is never released. Mixing the RWMutex halves is as bad: RUnlock of a write-locked RWMutex (or \
          Unlock of a read-locked one) is a fatal runtime error, and the lock actually held stays held.",
    fix: "Defer the matching release: Lock → defer Unlock, RLock → defer RUnlock.",
    bad: r#"func (c *Cache) Get(key string) string {
    c.mu.Lock()
    defer c.mu.Lock()
    return c.entries[key]
}"#,
    good: r#"func (c *Cache) Get(key string) string {
    c.mu.Lock()
    defer c.mu.Unlock()
    return c.entries[key]
}"#,
    applies: "Consecutive statements with the same receiver text.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(&["Lock", "RLock"]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some((_, recv, method, next, _)) = syntax::lock_statement(call, cx) else {
        return;
    };
    if next.kind_name() != "defer_statement" {
        return;
    }
    let Some(deferred) = syntax::statement_call(next) else {
        return;
    };
    let Some((recv2, method2)) = Call::method(deferred, cx) else {
        return;
    };
    if cx.text(recv2) != cx.text(recv) || !syntax::no_arguments(deferred) {
        return;
    }
    let wrong = match method {
        "Lock" => ["Lock", "RUnlock"],
        _ => ["RLock", "Unlock"],
    };
    if !wrong.contains(&method2) {
        return;
    }
    let right = if method == "Lock" { "Unlock" } else { "RUnlock" };
    cx.finding(&META, next)
        .title(format!(
            "{method} followed by defer {method2}: should be defer {right}"
        ))
        .report(out);
}
