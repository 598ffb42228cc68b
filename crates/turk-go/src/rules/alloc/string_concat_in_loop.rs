//! A string built with `s += x` (or `s = s + x`) across loop iterations: quadratic copying.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax::{self, Basic};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "alloc/string-concat-in-loop",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::High,
    about_tests: false,
    message: "string built by concatenation in a loop",
    why: "Go strings are immutable: each `s += x` (or `s = s + x`) allocates a new string and copies \
          everything accumulated so far. Over n iterations that is O(n²) bytes copied and n allocations, \
          which shows up quickly once the loop runs over more than a handful of items.",
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
    applies: "`s += x`, and `s = s + x` or `s = x + s` (in a longer `+` chain too), when the variable is evidently \
              a string (declared as one, initialised from a string expression, or added a string expression) and \
              declared outside the loop; not when the loop is left right after (a later statement of its block, or \
              of a block around it in the loop, returns, panics or breaks the loop), nor in a loop of a few iterations fixed by the code (`i < 4`, a range over a short \
              literal). Not in _test.go files. A style rule: off unless asked for; the copying grows with the square \
              of the length, and on real code these loops build messages and debug strings of a few parts: it \
              matters only where a profile shows the loop hot.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["assignment_statement"]),
    check,
};

fn check(assign: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let Some((target, value)) = concatenation(assign, cx) else {
        return;
    };
    let name = cx.text(target);
    let Some(loop_node) = cx.enclosing_loop(assign) else {
        return;
    };
    // A few iterations fixed by the code keep the string short.
    if syntax::is_small_fixed_loop(loop_node, cx) {
        return;
    }
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
    let Some(body) = loop_node.field("body") else {
        return;
    };
    if !first_concat(body, assign, name, cx)
        || reset_in_loop(body, name, cx)
        || syntax::leaves_loop_right_after(cx, assign, loop_node)
    {
        return;
    }
    let finding = cx.finding(&META, assign);
    if cx.text(assign.field("operator").unwrap_or(assign)) == "=" {
        finding.title(format!("string built with `{name} = {name} + …` in a loop"))
    } else {
        finding
    }
    .report(out);
}

/// `s += x`, `s = s + x` or `s = x + s` (in a longer `+` chain too): the variable `s` and what is added to it
/// (for `=`, the whole right-hand side).
fn concatenation<'t>(assign: Node<'t>, cx: &FileContext<'_>) -> Option<(Node<'t>, Node<'t>)> {
    // The operator first: most assignments are plain `=` without a `+` on the right, told without looking
    // at either side's nodes.
    let operator = assign.field("operator")?.kind_name();
    let right = assign.field("right")?;
    if !(operator == "+=" || operator == "=" && cx.text(right).contains('+')) {
        return None;
    }
    let target = assign
        .field("left")
        .and_then(syntax::only_child)
        .filter(|t| t.kind_name() == "identifier" && !syntax::is_broken(*t))?;
    let value = syntax::only_child(right).filter(|v| !syntax::is_broken(*v))?;
    match operator {
        "+=" => Some((target, value)),
        "=" => concatenates(value, cx.text(target), cx).then_some((target, value)),
        _ => None,
    }
}

/// Whether `expr` is a `+` chain with `name` itself as one of its terms.
fn concatenates(expr: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    let expr = syntax::unparen(expr);
    if expr.kind_name() != "binary_expression" || expr.field("operator").is_none_or(|op| cx.text(op) != "+") {
        return false;
    }
    ["left", "right"].iter().any(|side| {
        expr.field(side).is_some_and(|term| {
            let term = syntax::unparen(term);
            (term.kind_name() == "identifier" && cx.text(term) == name) || concatenates(term, name, cx)
        })
    })
}

/// Whether `assign` is the first concatenation onto `name` in the loop body (one finding per variable and loop).
fn first_concat(body: Node<'_>, assign: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    let mut first = None;
    syntax::walk_same_function(body, &mut |n| {
        if n.kind_name() == "assignment_statement"
            && concatenation(n, cx).is_some_and(|(t, _)| cx.text(t) == name)
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
        if n.kind_name() == "assignment_statement"
            && n.field("operator").is_some_and(|op| cx.text(op) == "=")
            && let (Some(left), Some(right)) = (n.field("left"), n.field("right"))
            && syntax::children(left)
                .iter()
                .any(|t| t.kind_name() == "identifier" && cx.text(*t) == name)
            && syntax::identifiers_named(right, name, cx, true).is_empty()
        {
            reset = true;
            return false;
        }
        true
    });
    reset
}
