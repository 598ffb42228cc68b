//! `slices.Contains` (or a linear-search helper) in a loop, over the collection that loop goes over or grows:
//! O(n²).

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "cpu/linear-search-in-loop",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "linear search in a loop over the same or a growing collection: quadratic",
    why: "slices.Contains, slices.Index and hand-written helpers like contains(list, x) scan the slice from the \
          start on every call. Called once per item of a loop over that slice, or of a loop appending to it (the \
          usual deduplication), they cost n²/2 comparisons: deduplicating 1,000 items took 83 µs this way and \
          31 µs with a map (Go 1.19), and the gap grows linearly with the input.",
    fix: "Keep a set beside the slice (`seen := make(map[T]struct{}, n)`), add to it where the slice is appended \
          to, and test membership with a map lookup; or build the map once before the loop when the slice does \
          not change in it.",
    bad: r#"func unique(ids []int) []int {
    var out []int
    for _, id := range ids {
        if !slices.Contains(out, id) {
            out = append(out, id)
        }
    }
    return out
}"#,
    good: r#"func unique(ids []int) []int {
    out := make([]int, 0, len(ids))
    seen := make(map[int]struct{}, len(ids))
    for _, id := range ids {
        if _, ok := seen[id]; !ok {
            seen[id] = struct{}{}
            out = append(out, id)
        }
    }
    return out
}"#,
    applies: "Heuristic: slices.Contains/Index/ContainsFunc/IndexFunc (also golang.org/x/exp/slices), or a function \
              of this file with a common search name (contains, indexOf, stringInSlice...) whose body ranges over \
              its first parameter and returns on ==, called in a loop with a first argument that the loop also \
              goes over or appends to, when that loop goes over the function's input (a parameter, the receiver, \
              a field or item of one): a local set built in the function is usually small. Not in _test.go \
              files. Raised to P1 when the loop itself runs on a hot path.",
};

const SEARCHES: &[&str] = &["Contains", "Index", "ContainsFunc", "IndexFunc"];

/// Names that helpers doing a linear search commonly have; the helper's body is checked too.
const HELPER_NAMES: &[&str] = &[
    "contains",
    "containsString",
    "containsStr",
    "containsInt",
    "stringInSlice",
    "inSlice",
    "sliceContains",
    "indexOf",
    "includes",
    "ContainsString",
    "StringInSlice",
    "InSlice",
    "SliceContains",
    "IndexOf",
];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("slices", SEARCHES), ("golang.org/x/exp/slices", SEARCHES)])
        .and_calls(HELPER_NAMES),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let Some(parts) = Call::of(call) else {
        return;
    };
    let name = cx.text(parts.name);
    let is_package_search = SEARCHES.contains(&name)
        && (cx.call_to(call, "slices", SEARCHES).is_some()
            || cx.call_to(call, "golang.org/x/exp/slices", SEARCHES).is_some());
    // A helper: an unqualified call of this file's function (checked last: it reads the declarations).
    if !is_package_search && (parts.recv.is_some() || !HELPER_NAMES.contains(&name)) {
        return;
    }
    let Some(collection) = syntax::each_argument(call)
        .next()
        .map(syntax::unparen)
        .filter(|c| matches!(c.kind_name(), "identifier" | "selector_expression"))
    else {
        return;
    };
    let Some(loop_stmt) = cx.enclosing_loop(call) else {
        return;
    };
    // The loop goes over the function's input: its size is the callers', not a small set fixed here.
    let Some(loop_collection) = syntax::loop_collection(loop_stmt, cx).filter(|c| syntax::is_input(*c, cx))
    else {
        return;
    };
    let shape = if syntax::same_collection(loop_collection, collection, cx) {
        "for each of its own items"
    } else if syntax::appends_to(loop_stmt, collection, cx) {
        "for each item of a loop that appends to it"
    } else {
        return;
    };
    if !is_package_search && !is_linear_search_helper(name, cx) {
        return;
    }
    let what = if is_package_search {
        format!("slices.{name}")
    } else {
        name.to_string()
    };
    cx.finding(&META, call)
        .title(format!("{what} scans `{}` {shape}: O(n²)", cx.text(collection)))
        .on_hot_path_of(loop_stmt, META.priority.raised())
        .report(out);
}

/// Whether this file declares a function `name` whose body goes over its first parameter and returns on a
/// match: `for _, v := range list { if v == x { return true } }`.
fn is_linear_search_helper(name: &str, cx: &FileContext<'_>) -> bool {
    let root = cx.root();
    let mut cursor = root.walk();
    let Some(func) = root.named_children(&mut cursor).find(|d| {
        d.kind_name() == "function_declaration" && d.field("name").is_some_and(|n| cx.text(n) == name)
    }) else {
        return false;
    };
    let Some((list, _)) = syntax::named_params(cx, func).into_iter().next() else {
        return false;
    };
    let Some(statements) = syntax::body(func).and_then(syntax::first_child) else {
        return false;
    };
    let list = cx.text(list);
    syntax::each_child(statements).any(|stmt| {
        stmt.kind_name() == "for_statement"
            && syntax::loop_collection(stmt, cx).is_some_and(|c| cx.text(c) == list)
            && syntax::loop_body(stmt).is_some_and(|body| {
                let variables = syntax::loop_variables(stmt);
                let mut names: Vec<&str> = variables.iter().map(|v| cx.text(*v)).collect();
                names.push(list);
                syntax::searches(body, &names, cx)
            })
    })
}
