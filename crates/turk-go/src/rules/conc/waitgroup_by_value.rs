//! A `sync.WaitGroup` parameter passed by value.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/waitgroup-by-value",
    category: Category::Concurrency,
    priority: Priority::P0,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "sync.WaitGroup passed by value",
    why: "The callee gets a copy of the counter: its Done (or Add) changes the copy, never the WaitGroup the \
          caller waits on, so Wait blocks forever or returns before the work is finished. go vet's copylocks \
          reports the same copy.",
    fix: "Take a *sync.WaitGroup (pass &wg), or let the closure capture the caller's WaitGroup.",
    bad: r#"func worker(wg sync.WaitGroup, jobs <-chan Job) {
    defer wg.Done()
    for job := range jobs {
        job.Run()
    }
}"#,
    good: r#"func worker(wg *sync.WaitGroup, jobs <-chan Job) {
    defer wg.Done()
    for job := range jobs {
        job.Run()
    }
}"#,
    applies: "",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(syntax::FUNCTIONS),
    check,
};

fn check(func: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // Every function comes here: a WaitGroup parameter needs the file to import sync.
    if !cx.imports.imports("sync") {
        return;
    }
    syntax::for_each_parameter(func, &mut |param, _| {
        // `wg sync.WaitGroup`, `wgs ...sync.WaitGroup`, or `wg WaitGroup` through a dot import.
        let variadic = match param.kind_name() {
            "parameter_declaration" => false,
            "variadic_parameter_declaration" => true,
            _ => return,
        };
        let Some(ty) = param.field("type") else {
            return;
        };
        let named = match ty.kind_name() {
            "qualified_type" => ty
                .field("name")
                .is_some_and(|n| n.kind_name() == "type_identifier" && cx.text(n) == "WaitGroup"),
            "type_identifier" => !variadic && cx.text(ty) == "WaitGroup",
            _ => false,
        };
        if named && cx.is_type(ty, "sync", "WaitGroup", false) {
            cx.finding(&META, param).report(out);
        }
    });
}
