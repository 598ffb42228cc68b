//! Statements: the call a statement makes, the statement after it, the assignment a call is the right-hand side
//! of (and its two names in `value, err := call`).

use super::exprs::{is_builtin_call, unparen};
use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName, arguments, only_child, two_children};
use crate::context::scopes::named_children as children;
use tree_sitter::Node;

/// For an `expression_statement` (or a `defer`/`go` statement) wrapping a call: the call.
pub fn statement_call(stmt: Node<'_>) -> Option<Node<'_>> {
    if !matches!(
        stmt.kind_name(),
        "expression_statement" | "defer_statement" | "go_statement"
    ) {
        return None;
    }
    let mut cursor = stmt.walk();
    let first = stmt
        .named_children(&mut cursor)
        .find(|c| c.kind_name() != "comment");
    first.filter(|c| c.kind_name() == "call_expression")
}

/// The statement after `stmt` in its list, and whether a comment sits between them (a trailing comment on
/// `stmt`'s own line does not count).
pub fn next_statement(stmt: Node<'_>) -> Option<(Node<'_>, bool)> {
    let mut commented = false;
    let mut next = stmt.next_named_sibling();
    while let Some(n) = next {
        if n.kind_name() != "comment" {
            return Some((n, commented));
        }
        commented |= n.start_position().row != stmt.end_position().row;
        next = n.next_named_sibling();
    }
    None
}

/// What a call handed by name is the whole right-hand side of: the `short_var_declaration` or
/// `assignment_statement` of `a, b := call` / `a, b = call`, or the `var_spec` of `var a, b = call`.
pub fn assigned_from(call: Node<'_>) -> Option<Node<'_>> {
    assigned_through(call, call.parent()?)
}

/// [`assigned_from`] for a caller that already has the call's parent.
pub fn assigned_through<'t>(call: Node<'t>, list: Node<'t>) -> Option<Node<'t>> {
    // With a single named child the call is it; otherwise comments may stand beside it.
    if list.kind_name() != "expression_list"
        || (list.named_child_count() != 1 && only_child(list).is_none_or(|c| c.id() != call.id()))
    {
        return None;
    }
    let holder = list.parent()?;
    let field = match holder.kind_name() {
        "short_var_declaration" | "assignment_statement" => "right",
        "var_spec" => "value",
        _ => return None,
    };
    (holder.field(field)?.id() == list.id()).then_some(holder)
}

/// `value, err := call` or `value, err = call` (not `var`), the call the whole right-hand side and two plain names
/// on the left, blank ones included: the statement, `value` and `err`.
pub fn assigned_to_two_names(call: Node<'_>) -> Option<(Node<'_>, Node<'_>, Node<'_>)> {
    let stmt = assigned_from(call).filter(|s| s.kind_name() != "var_spec")?;
    let (value, err) = stmt
        .field("left")
        .and_then(two_children)
        .filter(|(v, e)| v.kind_name() == "identifier" && e.kind_name() == "identifier")?;
    Some((stmt, value, err))
}

/// Whether `stmt` is `name = append(name, …)` (also `name = append(name[:n], …)` is not matched).
pub fn is_self_append(stmt: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    if stmt.kind_name() != "assignment_statement"
        || stmt.field("operator").is_none_or(|op| cx.text(op) != "=")
    {
        return false;
    }
    let (Some(left), Some(right)) = (stmt.field("left"), stmt.field("right")) else {
        return false;
    };
    let (left, right) = (children(left), children(right));
    if left.len() != 1 || right.len() != 1 {
        return false;
    }
    let (target, value) = (left[0], unparen(right[0]));
    target.kind_name() == "identifier"
        && cx.text(target) == name
        && is_builtin_call(value, "append", cx)
        && arguments(value)
            .first()
            .is_some_and(|a| a.kind_name() == "identifier" && cx.text(*a) == name)
}
