//! `runtime.GC()` and `debug.FreeOSMemory()` called from production code.

use crate::context::FileContext;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "alloc/explicit-gc",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "explicit garbage collection",
    why: "runtime.GC runs a full, blocking collection: the calling goroutine waits for a complete mark and sweep, \
          and the whole program pays the marking work at once instead of spreading it out as the pacer does. \
          debug.FreeOSMemory does the same and also returns memory to the OS, which is then faulted back in. \
          Called on a request path or a timer, it usually costs more latency and CPU than it saves memory.",
    fix: "Remove the call and let the pacer work; to bound memory, set a soft limit (GOMEMLIMIT or \
          debug.SetMemoryLimit) or tune GOGC, and reduce allocations at their source.",
    bad: r#"func (c *Cache) Flush() {
    c.entries = nil
    runtime.GC()
}"#,
    good: r#"func (c *Cache) Flush() {
    c.entries = nil // the collector reclaims them on its own schedule
}"#,
    applies: "Not in _test.go files (benchmarks and leak tests force collections on purpose). P0 on a hot path, where \
              the collection blocks every item or request.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("runtime", &["GC"]), ("runtime/debug", &["FreeOSMemory"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test || syntax::each_argument(call).next().is_some() {
        return;
    }
    let title = match Call::name_of(call, cx) {
        "GC" => "explicit garbage collection with runtime.GC",
        _ => "explicit garbage collection with debug.FreeOSMemory",
    };
    cx.finding(&META, call)
        .title(title)
        .on_hot_path(Priority::P0)
        .report(out);
}
