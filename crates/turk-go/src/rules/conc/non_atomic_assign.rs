//! `x = atomic.AddInt64(&x, 1)`: an atomic operation whose result is stored back non-atomically.

use crate::context::FileContext;
use crate::rules::{Captures, Rule, RuleMeta};
use turk_findings::{Category, Finding, Priority};

pub struct NonAtomicAssign;
pub static RULE: NonAtomicAssign = NonAtomicAssign;

static META: RuleMeta = RuleMeta {
    id: "conc/non-atomic-assign",
    category: Category::Concurrency,
    priority: Priority::P0,
    message: "result of a sync/atomic operation assigned back to its own operand",
    why: "The atomic update is followed by a plain, non-atomic write of the same variable, which races with every \
          other atomic access and can undo their updates. For Swap, And and Or the result is the old value, so \
          the assignment also reverts the operation.",
    fix: "Drop the assignment (atomic.AddInt64(&x, 1) updates x in place), or keep the result in another \
          variable: n := atomic.AddInt64(&x, 1). Better, use the typed atomic.Int64 and its methods.",
    bad: "hits = atomic.AddInt64(&hits, 1)",
    good: "atomic.AddInt64(&hits, 1)",
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

impl Rule for NonAtomicAssign {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (assignment_statement
          left: (expression_list . (_) @target .)
          right: (expression_list
            . (call_expression
                function: (selector_expression field: (field_identifier) @name (#match? @name "^(Add|Swap|And|Or)"))
                arguments: (argument_list . (unary_expression operand: (_) @operand))) @call .)) @assign
        (assignment_statement
          left: (expression_list . (_) @target .)
          right: (expression_list
            . (call_expression
                function: (identifier) @name (#match? @name "^(Add|Swap|And|Or)")
                arguments: (argument_list . (unary_expression operand: (_) @operand))) @call .)) @assign
        "#
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let assign = m.node("assign");
        let call = m.node("call");
        let operand = m.node("operand");
        let is_plain_assign = assign
            .child_by_field_name("operator")
            .is_some_and(|o| cx.text(o) == "=");
        let address_of = operand
            .parent()
            .and_then(|u| u.child_by_field_name("operator"))
            .is_some_and(|o| o.kind() == "&");
        if !is_plain_assign || !address_of {
            return;
        }
        let Some(name) = cx.call_to(call, "sync/atomic", FUNCS) else {
            return;
        };
        if squash(cx.text(m.node("target"))) != squash(cx.text(operand)) {
            return;
        }
        let mut finding = cx.finding(&META, assign);
        finding.title = format!(
            "{} = atomic.{name}(&{0}, ...) writes the variable non-atomically",
            cx.text(operand)
        );
        out.push(finding);
    }
}

/// Expression text without whitespace, so `s.n` and `s . n` compare equal.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
