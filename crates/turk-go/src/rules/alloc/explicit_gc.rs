//! `runtime.GC()` and `debug.FreeOSMemory()` called from production code.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
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
    applies: "Not in _test.go files (benchmarks and leak tests force collections on purpose), nor for runtime.GC \
              right before writing a heap profile (pprof.WriteHeapProfile, pprof.Lookup(\"heap\").WriteTo, \
              debug.WriteHeapDump, later in the same block or after the if whose body is the GC): the documented \
              way to profile the heap as of the last collection; nor in a function that sets a finalizer \
              (runtime.SetFinalizer) and collects to see it run; nor behind a switch (if callGC, if *gcFlag, if \
              mode == GC: a test hook, debug option or benchmark mode); nor in package main off its hot paths (a \
              program returning memory between its phases). P0 on a hot path, where the collection blocks every \
              item or request.",
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
        "GC" if before_heap_profile(cx, call) || waits_for_finalizer(cx, call) => return,
        "GC" => "explicit garbage collection with runtime.GC",
        _ => "explicit garbage collection with debug.FreeOSMemory",
    };
    if behind_a_switch(cx, call) {
        return;
    }
    // A program decides its own memory phases (return memory after loading a large input); only a collection
    // per item or per request is a cost worth reporting there.
    if cx.package == "main" && cx.hot_path(call).is_none() {
        return;
    }
    cx.finding(&META, call)
        .title(title)
        .on_hot_path(Priority::P0)
        .report(out);
}

/// Whether the collection is asked for by a switch: the body of an `if` whose condition is a flag (`if callGC`,
/// `if cfg.ForceGC`, `if *gcFlag`) or a mode compared with a named constant (`if mode == GC`). A test hook, a
/// debug option or a benchmark mode collects on purpose, when someone turns it on.
fn behind_a_switch(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    let Some(if_stmt) = call
        .parent()
        .filter(|s| s.kind_name() == "expression_statement")
        .and_then(|s| s.parent())
        .and_then(|list| list.parent())
        .filter(|block| block.kind_name() == "block")
        .and_then(|block| block.parent())
        .filter(|i| i.kind_name() == "if_statement")
    else {
        return false;
    };
    let Some(condition) = if_stmt.field("condition").map(syntax::unparen) else {
        return false;
    };
    let is_flag = |n: Node<'_>| match n.kind_name() {
        "identifier" | "selector_expression" => true,
        "unary_expression" => {
            n.field("operator").is_some_and(|o| cx.text(o) == "*")
                && n.field("operand")
                    .is_some_and(|o| matches!(o.kind_name(), "identifier" | "selector_expression"))
        }
        _ => false,
    };
    match condition.kind_name() {
        "binary_expression" => {
            condition.field("operator").is_some_and(|o| cx.text(o) == "==")
                && condition.field("left").is_some_and(is_flag)
                && condition
                    .field("right")
                    .is_some_and(|r| matches!(r.kind_name(), "identifier" | "selector_expression"))
        }
        _ => is_flag(condition),
    }
}

/// Whether the function sets a finalizer (`runtime.SetFinalizer`) and collects to see it run: a check that an
/// object is really freed, which needs the collection.
fn waits_for_finalizer(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    let Some(function) = cx.enclosing_function(call) else {
        return false;
    };
    let mut found = false;
    syntax::walk_same_function(function, &mut |n| {
        found |= cx.call_to(n, "runtime", &["SetFinalizer"]).is_some();
        !found
    });
    found
}

/// Whether `runtime.GC()` is followed by writing a heap profile: the documented way to have the profile show
/// the heap as of the last collection ("up-to-date statistics"). The write is looked for in the statements after
/// the call in its block, and — when that block is the body of an `if` (`if gc { runtime.GC() }`) — in the
/// statements after that `if`.
fn before_heap_profile(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    // Every write names one of these in the source.
    if !["WriteHeapProfile", "WriteHeapDump", "WriteTo", "WriteProfileTo"]
        .iter()
        .any(|name| cx.src.contains(name))
    {
        return false;
    }
    let Some(stmt) = call.parent().filter(|p| p.kind_name() == "expression_statement") else {
        return false;
    };
    let Some(list) = stmt.parent() else {
        return false;
    };
    let writes_later = |stmt: Node<'_>, list: Node<'_>| {
        syntax::later_siblings(stmt, list).any(|later| {
            let mut found = false;
            syntax::walk_same_function(later, &mut |n| {
                found |= writes_heap_profile(cx, n);
                !found
            });
            found
        })
    };
    if writes_later(stmt, list) {
        return true;
    }
    // `if gc { runtime.GC() }` followed by the write.
    let Some(if_stmt) = list
        .parent()
        .filter(|block| block.kind_name() == "block")
        .and_then(|block| block.parent())
        .filter(|i| i.kind_name() == "if_statement")
    else {
        return false;
    };
    if_stmt
        .parent()
        .filter(|l| l.kind_name() == "statement_list")
        .is_some_and(|outer| writes_later(if_stmt, outer))
}

/// Whether `pprof.Lookup(name)` names a profile other than the heap's as a literal (`"goroutine"`); a name
/// known only at run time may be the heap's.
fn names_other_profile(cx: &FileContext<'_>, lookup: Node<'_>) -> bool {
    syntax::each_argument(lookup)
        .next()
        .and_then(|name| syntax::string_literal_text(name, cx))
        .is_some_and(|name| !matches!(name, "heap" | "allocs"))
}

/// Whether `node` is a call that writes a heap profile: `pprof.WriteHeapProfile(w)` (or a wrapper of that
/// name), `debug.WriteHeapDump(fd)`, `pprof.Lookup("heap").WriteTo(w, 0)` (also through a variable holding a
/// looked-up profile whose name is not another profile's), or `WriteProfileTo("heap"/"allocs", ...)`.
fn writes_heap_profile(cx: &FileContext<'_>, node: Node<'_>) -> bool {
    let Some(call) = Call::of(node) else {
        return false;
    };
    match cx.text(call.name) {
        "WriteHeapProfile" | "WriteHeapDump" => true,
        "WriteProfileTo" => syntax::each_argument(node).next().is_some_and(|a| {
            syntax::string_literal_text(a, cx).is_some_and(|t| matches!(t, "heap" | "allocs"))
        }),
        "WriteTo" => call.recv.map(syntax::unparen).is_some_and(|recv| {
            let looked_up = match recv.kind_name() {
                "identifier" => cx
                    .lookup(cx.text(recv), recv)
                    .and_then(|d| (d.index == 0).then_some(d.value).flatten()),
                _ => Some(recv),
            };
            looked_up.map(syntax::unparen).is_some_and(|lookup| {
                cx.call_to(lookup, "runtime/pprof", &["Lookup"]).is_some() && !names_other_profile(cx, lookup)
            })
        }),
        _ => false,
    }
}
