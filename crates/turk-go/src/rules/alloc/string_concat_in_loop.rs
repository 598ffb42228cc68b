//! A string built with `s += x` across loop iterations: quadratic copying.

use crate::context::FileContext;
use crate::rules::alloc::syntax::{self, Basic};
use crate::rules::{Captures, Rule, RuleMeta};
use tree_sitter::Node;
use turk_findings::{Category, Finding, Priority};

pub struct StringConcatInLoop;
pub static RULE: StringConcatInLoop = StringConcatInLoop;

static META: RuleMeta = RuleMeta {
    id: "alloc/string-concat-in-loop",
    category: Category::Allocation,
    priority: Priority::P1,
    message: "string built with += in a loop",
    why: "Go strings are immutable: each `s += x` allocates a new string and copies everything accumulated so far. \
          Over n iterations that is O(n²) bytes copied and n allocations, which shows up quickly once the loop \
          runs over more than a handful of items.",
    fix: "Accumulate into a strings.Builder (call Grow first when the final size is known) and take b.String() \
          after the loop; for joining a slice with a separator, strings.Join does the same in one allocation.",
    bad: "s := \"\"\nfor _, name := range names {\n    s += name + \",\"\n}",
    good: "var b strings.Builder\nfor _, name := range names {\n    b.WriteString(name)\n    b.WriteByte(',')\n}\ns := b.String()",
    applies: "Only when the variable is evidently a string (declared as one, initialised from a string \
              expression, or appended a string expression) and declared outside the loop. Not in _test.go files.",
};

impl Rule for StringConcatInLoop {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (assignment_statement
          left: (expression_list . (identifier) @target .)
          operator: "+="
          right: (expression_list . (_) @value .)) @assign
        "#
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        if cx.is_test {
            return;
        }
        let assign = m.node("assign");
        let target = m.node("target");
        let name = cx.text(target);
        let Some(loop_node) = syntax::loop_of(assign) else {
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
        if declared_other
            || !(declared_string || syntax::basic_of(m.node("value"), cx) == Some(Basic::String))
        {
            return;
        }
        let Some(body) = loop_node.child_by_field_name("body") else {
            return;
        };
        if !first_concat(body, assign, name, cx) || reset_in_loop(body, name, cx) {
            return;
        }
        out.push(cx.finding(&META, assign));
    }
}

/// Whether `assign` is the first `name += …` of the loop body (one finding per variable and loop).
fn first_concat(body: Node<'_>, assign: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    let mut first = None;
    syntax::walk_same_function(body, &mut |n| {
        if n.kind() == "assignment_statement"
            && n.child_by_field_name("operator")
                .is_some_and(|op| cx.text(op) == "+=")
            && n.child_by_field_name("left").is_some_and(|l| {
                let targets = syntax::children(l);
                targets.len() == 1 && targets[0].kind() == "identifier" && cx.text(targets[0]) == name
            })
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
