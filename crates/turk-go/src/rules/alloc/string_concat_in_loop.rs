//! A string built with `s += x` across loop iterations: quadratic copying.

use crate::context::FileContext;
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax::{self, Basic};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "alloc/string-concat-in-loop",
    category: Category::Allocation,
    priority: Priority::P1,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "string built with += in a loop",
    why: "Go strings are immutable: each `s += x` allocates a new string and copies everything accumulated so far. \
          Over n iterations that is O(n²) bytes copied and n allocations, which shows up quickly once the loop \
          runs over more than a handful of items.",
    fix: "Accumulate into a strings.Builder (call Grow first when the final size is known) and take b.String() \
          after the loop; for joining a slice with a separator, strings.Join does the same in one allocation.",
    bad: r#"func csv(names []string) string {
    s := ""
    for _, name := range names {
        s += name + ","
    }
    return s
}"#,
    good: r#"func csv(names []string) string {
    var b strings.Builder
    for _, name := range names {
        b.WriteString(name)
        b.WriteByte(',')
    }
    return b.String()
}"#,
    applies: "Only when the variable is evidently a string (declared as one, initialised from a string \
              expression, or appended a string expression) and declared outside the loop. Not in _test.go files.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["assignment_statement"]),
    check,
};

fn check(assign: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test
        || assign
            .child_by_field_name("operator")
            .is_none_or(|op| op.kind() != "+=")
    {
        return;
    }
    // `target += value`, one of each.
    let Some(target) = assign
        .child_by_field_name("left")
        .and_then(syntax::only_child)
        .filter(|t| t.kind() == "identifier" && !syntax::is_broken(*t))
    else {
        return;
    };
    let Some(value) = assign
        .child_by_field_name("right")
        .and_then(syntax::only_child)
        .filter(|v| !syntax::is_broken(*v))
    else {
        return;
    };
    let name = cx.text(target);
    let Some(loop_node) = cx.enclosing_loop(assign) else {
        return;
    };
    let decl = cx.lookup(name, target);
    if let Some(decl) = &decl
        && !syntax::declared_outside(decl, loop_node)
    {
        return;
    }
    let declared = decl.and_then(|d| syntax::basic_of_decl(&d, cx));
    let declared_string = declared == Some(Basic::String);
    let declared_other = declared.is_some_and(|b| b != Basic::String);
    if declared_other || !(declared_string || syntax::basic_of(value, cx) == Some(Basic::String)) {
        return;
    }
    let Some(body) = loop_node.child_by_field_name("body") else {
        return;
    };
    if !first_concat(body, assign, name, cx) || reset_in_loop(body, name, cx) {
        return;
    }
    cx.finding(&META, assign).report(out);
}

/// Whether `assign` is the first `name += …` of the loop body (one finding per variable and loop).
fn first_concat(body: Node<'_>, assign: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    let mut first = None;
    syntax::walk_same_function(body, &mut |n| {
        if n.kind() == "assignment_statement"
            && n.child_by_field_name("operator")
                .is_some_and(|op| cx.text(op) == "+=")
            && n.child_by_field_name("left")
                .and_then(syntax::only_child)
                .is_some_and(|t| t.kind() == "identifier" && cx.text(t) == name)
        {
            first = Some(n.id());
            return false;
        }
        true
    });
    first == Some(assign.id())
}

/// Whether the loop starts the string afresh (`s = x` not built from `s`): then it does not grow across
/// iterations.
fn reset_in_loop(body: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    let mut reset = false;
    syntax::walk_same_function(body, &mut |n| {
        if n.kind() == "assignment_statement"
            && n.child_by_field_name("operator")
                .is_some_and(|op| cx.text(op) == "=")
            && let (Some(left), Some(right)) = (n.child_by_field_name("left"), n.child_by_field_name("right"))
            && syntax::children(left)
                .iter()
                .any(|t| t.kind() == "identifier" && cx.text(*t) == name)
            && syntax::identifiers_named(right, name, cx, true).is_empty()
        {
            reset = true;
            return false;
        }
        true
    });
    reset
}
