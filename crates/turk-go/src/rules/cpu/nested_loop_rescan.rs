//! A loop searching, for each item of an outer loop, the collection that loop goes over or appends to: O(n²).

use crate::context::FileContext;
use crate::context::children::KindName;
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "cpu/nested-loop-rescan",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "nested loop searches the collection of its outer loop: quadratic",
    why: "For each item of the outer loop the inner loop scans the same collection (or the one the outer loop \
          appends to) for a match: n items cost n²/2 comparisons. Deduplicating 1,000 items of which 500 are \
          distinct took 83 µs this way and 31 µs with a map (Go 1.19); at 10,000 items the gap is a hundredfold, \
          and the input usually grows with the data, not the code.",
    fix: "Index the collection once in a map keyed by what the inner loop compares (`seen := make(map[K]struct{}, \
          n)`), then look each item up: O(n) in all. For deduplication, test and insert into the map where the \
          item is appended; to keep order, append only when the map did not have the key.",
    bad: r#"func unique(in []string) []string {
    var out []string
    for _, s := range in {
        found := false
        for _, o := range out {
            if o == s {
                found = true
                break
            }
        }
        if !found {
            out = append(out, s)
        }
    }
    return out
}"#,
    good: r#"func unique(in []string) []string {
    out := make([]string, 0, len(in))
    seen := make(map[string]struct{}, len(in))
    for _, s := range in {
        if _, ok := seen[s]; !ok {
            seen[s] = struct{}{}
            out = append(out, s)
        }
    }
    return out
}"#,
    applies: "Heuristic: the inner loop goes over a variable or field (by range or `i < len(x)`) that the \
              enclosing loop also goes over or appends to, and its body compares one of its loop variables with \
              == (not with a literal) and then breaks, returns or continues the outer loop. Only when the outer \
              loop goes over the function's input (a parameter, the receiver, a field or item of one): a local \
              set built in the function is usually small. Not in _test.go files. Raised to P1 when the outer \
              loop itself runs on a hot path (inside another loop, in an HTTP handler).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["for_statement"]),
    check,
};

fn check(inner: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let Some(collection) = syntax::loop_collection(inner, cx)
        .filter(|c| matches!(c.kind_name(), "identifier" | "selector_expression"))
    else {
        return;
    };
    // Most loops are not nested in another of their function: the cheapest question first.
    let Some(outer) = cx.enclosing_loop(inner) else {
        return;
    };
    // The outer loop goes over the function's input: its size is the callers', not a small set fixed here.
    let Some(outer_collection) = syntax::loop_collection(outer, cx).filter(|c| syntax::is_input(*c, cx))
    else {
        return;
    };
    let Some(body) = syntax::loop_body(inner).filter(|b| cx.text(*b).contains("==")) else {
        return;
    };
    // The inner loop's variables, or the collection itself when the body indexes it (`xs[j]`).
    let variables = syntax::loop_variables(inner);
    let mut names: Vec<&str> = variables
        .iter()
        .map(|v| cx.text(*v))
        .filter(|n| *n != "_")
        .collect();
    if collection.kind_name() == "identifier" {
        names.push(cx.text(collection));
    }
    if !syntax::searches(body, &names, cx) {
        return;
    }
    let title = if syntax::same_collection(outer_collection, collection, cx) {
        format!(
            "`{}` searched again for each of its own items: O(n²)",
            cx.text(collection)
        )
    } else if syntax::appends_to(outer, collection, cx) {
        format!(
            "`{}` searched for each item of a loop that appends to it: O(n²)",
            cx.text(collection)
        )
    } else {
        return;
    };
    cx.finding(&META, inner)
        .title(title)
        .on_hot_path_of(outer, META.priority.raised())
        .report(out);
}
