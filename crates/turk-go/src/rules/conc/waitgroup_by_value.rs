//! A `sync.WaitGroup` parameter passed by value.

use crate::context::FileContext;
use crate::rules::{Captures, Rule, RuleMeta};
use turk_findings::{Category, Finding, Priority};

pub struct WaitGroupByValue;
pub static RULE: WaitGroupByValue = WaitGroupByValue;

static META: RuleMeta = RuleMeta {
    id: "conc/waitgroup-by-value",
    category: Category::Concurrency,
    priority: Priority::P0,
    message: "sync.WaitGroup passed by value",
    why: "The callee gets a copy of the counter: its Done (or Add) changes the copy, never the WaitGroup the \
          caller waits on, so Wait blocks forever or returns before the work is finished. go vet's copylocks \
          reports the same copy.",
    fix: "Take a *sync.WaitGroup (pass &wg), or let the closure capture the caller's WaitGroup.",
    bad: "func worker(wg sync.WaitGroup, jobs <-chan Job) {\n    defer wg.Done()\n    ...\n}",
    good: "func worker(wg *sync.WaitGroup, jobs <-chan Job) {\n    defer wg.Done()\n    ...\n}",
    applies: "",
};

impl Rule for WaitGroupByValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (parameter_declaration type: (qualified_type name: (type_identifier) @name (#eq? @name "WaitGroup")) @type) @param
        (variadic_parameter_declaration type: (qualified_type name: (type_identifier) @name (#eq? @name "WaitGroup")) @type) @param
        (parameter_declaration type: (type_identifier) @type (#eq? @type "WaitGroup")) @param
        "#
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let param = m.node("param");
        if !cx.is_type(m.node("type"), "sync", "WaitGroup", false) || !is_function_parameter(param) {
            return;
        }
        out.push(cx.finding(&META, param));
    }
}

/// Whether a parameter declaration is among the parameters (or the receiver) of a function with a body:
/// not a result, not a function type or an interface method.
pub(crate) fn is_function_parameter(param: tree_sitter::Node<'_>) -> bool {
    let Some(list) = param.parent() else {
        return false;
    };
    let Some(func) = list.parent() else {
        return false;
    };
    if !matches!(
        func.kind(),
        "function_declaration" | "method_declaration" | "func_literal"
    ) {
        return false;
    }
    ["parameters", "receiver"]
        .iter()
        .any(|f| func.child_by_field_name(f).is_some_and(|l| l.id() == list.id()))
}
