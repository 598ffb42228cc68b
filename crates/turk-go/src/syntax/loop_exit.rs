//! Whether control leaves a loop right after a statement: then the statement runs at most once per run of the
//! loop, however many items the loop goes over (a defer registered once, a timer waited on once).

use crate::context::children::{FieldChild, KindName};
use crate::context::hot_path::is_panic;
use crate::context::{FileContext, position};
use crate::syntax;
use tree_sitter::Node;

/// Whether control leaves the loop right after `stmt` (a node in the loop's body), so that it runs at most once
/// per run of the loop: a statement after it — in its own block or in an enclosing block of the loop body —
/// returns, panics, or breaks out of the loop (`break` where no switch or select lies in between, `break L` where
/// `L` labels the loop or a statement around it), with no `continue` or `goto` before it that could start the
/// loop again.
pub fn leaves_loop_right_after(cx: &FileContext<'_>, stmt: Node<'_>, loop_stmt: Node<'_>) -> bool {
    let Some(body) = syntax::loop_body(loop_stmt) else {
        return false;
    };
    // The nodes from the statement up to the loop body, innermost first; the nodes around the loop after them,
    // for a label's statement.
    let ancestors = cx.ancestors(stmt);
    let Some(at_body) = ancestors.iter().rposition(|n| n.id() == body.id()) else {
        return false;
    };
    let chain: Vec<Node<'_>> = std::iter::once(stmt)
        .chain(ancestors[at_body..].iter().rev().copied())
        .collect();
    let around_loop = &ancestors[..at_body.saturating_sub(1)];
    for (at, pair) in chain.windows(2).enumerate() {
        let (stmt, list) = (pair[0], pair[1]);
        if list.kind_name() != "statement_list" {
            continue;
        }
        // An unlabelled break here leaves the innermost switch or select around this list, if one lies before
        // the loop.
        let in_switch = chain[at + 1..].iter().any(|n| {
            matches!(
                n.kind_name(),
                "expression_switch_statement" | "type_switch_statement" | "select_statement"
            )
        });
        for later in syntax::later_siblings(stmt, list) {
            if leaves_loop(cx, later, around_loop, in_switch) {
                return true;
            }
            if may_start_over(later) {
                return false;
            }
        }
    }
    false
}

/// Whether a statement leaves the loop for good: `return`, `panic(...)`, a `break` of the loop, or `break L`
/// where `L` labels the loop or a statement around it (`around_loop`: the loop's ancestors, outermost first).
fn leaves_loop(cx: &FileContext<'_>, stmt: Node<'_>, around_loop: &[Node<'_>], in_switch: bool) -> bool {
    match stmt.kind_name() {
        "return_statement" => true,
        "break_statement" => match syntax::first_child(stmt) {
            None => !in_switch,
            Some(label) => labels_around(cx, cx.text(label), around_loop),
        },
        "expression_statement" => is_panic(stmt, cx),
        _ => false,
    }
}

/// Whether `label` labels the loop or a statement around it in the same function (`around_loop`: the loop's
/// ancestors, outermost first; its label is its parent).
fn labels_around(cx: &FileContext<'_>, label: &str, around_loop: &[Node<'_>]) -> bool {
    around_loop
        .iter()
        .rev()
        .take_while(|n| !position::is_function(**n))
        .any(|n| {
            n.kind_name() == "labeled_statement" && n.field("label").is_some_and(|l| cx.text(l) == label)
        })
}

/// Whether a statement may send control back to the top of a loop before a later statement leaves it: it holds
/// a `continue` (outside loops of its own, or with a label) or a `goto`.
pub fn may_start_over(stmt: Node<'_>) -> bool {
    let mut nodes = syntax::descendants(stmt);
    while let Some(n) = nodes.next() {
        match n.kind_name() {
            "func_literal" => nodes.skip_children(),
            "for_statement" => {
                // A plain continue in a nested loop continues that loop; a labelled one may not.
                if syntax::descendants(n)
                    .any(|c| c.kind_name() == "continue_statement" && c.named_child_count() > 0)
                {
                    return true;
                }
                nodes.skip_children();
            }
            "continue_statement" | "goto_statement" => return true,
            _ => {}
        }
    }
    false
}
