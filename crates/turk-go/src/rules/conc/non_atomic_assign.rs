//! `x = atomic.AddInt64(&x, 1)`: an atomic operation whose result is stored back non-atomically.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax::{first_child, only_child};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/non-atomic-assign",
    category: Category::Concurrency,
    priority: Priority::P0,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "result of a sync/atomic operation assigned back to its own operand",
    why: "The atomic update is followed by a plain, non-atomic write of the same variable, which races with every \
          other atomic access and can undo their updates. For Swap, And and Or the result is the old value, so \
          the assignment also reverts the operation.",
    fix: "Drop the assignment (atomic.AddInt64(&x, 1) updates x in place), or keep the result in another \
          variable: n := atomic.AddInt64(&x, 1). Better, use the typed atomic.Int64 and its methods.",
    bad: r#"func (s *Stats) Hit() {
    s.hits = atomic.AddInt64(&s.hits, 1)
}"#,
    good: r#"func (s *Stats) Hit() {
    atomic.AddInt64(&s.hits, 1)
}"#,
    applies: "",
};

const FUNCS: &[&str] = &[
    "AddInt32",
    "AddInt64",
    "AddUint32",
    "AddUint64",
    "AddUintptr",
    "SwapInt32",
    "SwapInt64",
    "SwapUint32",
    "SwapUint64",
    "SwapUintptr",
    "SwapPointer",
    "AndInt32",
    "AndInt64",
    "AndUint32",
    "AndUint64",
    "AndUintptr",
    "OrInt32",
    "OrInt64",
    "OrUint32",
    "OrUint64",
    "OrUintptr",
];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("sync/atomic", FUNCS)]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // `&operand` as the first argument.
    let Some(arg) = call
        .field("arguments")
        .and_then(first_child)
        .filter(|a| a.kind_name() == "unary_expression")
    else {
        return;
    };
    let address_of = arg.field("operator").is_some_and(|o| o.kind_name() == "&");
    let Some(operand) = arg
        .field("operand")
        .filter(|o| o.is_named() && !o.is_error() && !o.is_missing())
    else {
        return;
    };
    if !address_of {
        return;
    }
    // `target = call`: the call alone on the right of a plain assignment of one target.
    let Some(right) = call
        .parent()
        .filter(|r| r.kind_name() == "expression_list" && only_child(*r).is_some())
    else {
        return;
    };
    let Some(assign) = right.parent().filter(|a| {
        a.kind_name() == "assignment_statement" && a.field("right").is_some_and(|r| r.id() == right.id())
    }) else {
        return;
    };
    let is_plain_assign = assign.field("operator").is_some_and(|o| cx.text(o) == "=");
    let Some(target) = assign
        .field("left")
        .filter(|l| l.kind_name() == "expression_list")
        .and_then(only_child)
        .filter(|t| !t.is_error() && !t.is_missing())
    else {
        return;
    };
    if !is_plain_assign || !same_text(cx.text(target), cx.text(operand)) {
        return;
    }
    let name = Call::name_of(call, cx);
    cx.finding(&META, assign)
        .title(format!(
            "{} = atomic.{name}(&{0}, ...) writes the variable non-atomically",
            cx.text(operand)
        ))
        .report(out);
}

/// Whether two expressions read the same once whitespace is dropped, so `s.n` and `s . n` compare equal.
fn same_text(a: &str, b: &str) -> bool {
    a.chars()
        .filter(|c| !c.is_whitespace())
        .eq(b.chars().filter(|c| !c.is_whitespace()))
}
