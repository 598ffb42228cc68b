//! Whether control leaves a loop right after a statement: then the statement runs at most once per run of the
//! loop, however many items the loop goes over (a defer registered once, a timer waited on once).

use crate::context::children::{FieldChild, KindName};
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
    // The nodes from the statement up to the loop body, innermost first.
    let mut chain = vec![stmt];
    while let Some(&node) = chain.last()
        && node.id() != body.id()
    {
        let Some(parent) = node.parent() else {
            return false;
        };
        chain.push(parent);
    }
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
            if leaves_loop(cx, later, loop_stmt, in_switch) {
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
/// where `L` labels the loop or a statement around it.
fn leaves_loop(cx: &FileContext<'_>, stmt: Node<'_>, loop_stmt: Node<'_>, in_switch: bool) -> bool {
    match stmt.kind_name() {
        "return_statement" => true,
        "break_statement" => match syntax::first_child(stmt) {
            None => !in_switch,
            Some(label) => labels_around(cx, cx.text(label), loop_stmt),
        },
        "expression_statement" => syntax::statement_call(stmt).is_some_and(|call| {
            call.field("function")
                .is_some_and(|f| f.kind_name() == "identifier" && cx.text(f) == "panic")
        }),
        _ => false,
    }
}

/// Whether `label` labels `loop_stmt` or a statement around it in the same function.
fn labels_around(cx: &FileContext<'_>, label: &str, loop_stmt: Node<'_>) -> bool {
    let mut node = loop_stmt.parent();
    while let Some(n) = node {
        if position::is_function(n) {
            return false;
        }
        if n.kind_name() == "labeled_statement" && n.field("label").is_some_and(|l| cx.text(l) == label) {
            return true;
        }
        node = n.parent();
    }
    false
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
