//! sync: whether a receiver is a WaitGroup, whose `Done` a piece of code calls, and the `mu.Lock()` statement
//! with the one after it.

use super::exprs::{no_arguments, strip_parens_and_deref};
use super::statements::next_statement;
use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName, walk};
use crate::rule::Call;
use tree_sitter::Node;

/// Whether a variable name reads like a WaitGroup (`wg`, `workersWG`, `wgDone`, `waitGroup`): the convention
/// revive's WaitGroup checks rely on, used only where the declaration is not in the file.
pub fn wait_group_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "wg"
        || lower.starts_with("wg")
            && name[2..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase() || c == '_')
        || (lower.ends_with("wg") && lower.len() > 2)
        || lower.contains("waitgroup")
}

/// Whether a type expression is `sync.WaitGroup` or `*sync.WaitGroup`.
pub fn is_wait_group_type(ty: Node<'_>, cx: &FileContext<'_>) -> bool {
    cx.is_type(ty, "sync", "WaitGroup", true)
}

/// Whether an initialiser builds a WaitGroup: `sync.WaitGroup{}`, `&sync.WaitGroup{}`, `new(sync.WaitGroup)`.
fn builds_wait_group(value: Node<'_>, cx: &FileContext<'_>) -> bool {
    match value.kind_name() {
        "composite_literal" => value.field("type").is_some_and(|t| is_wait_group_type(t, cx)),
        "unary_expression" => value.field("operand").is_some_and(|o| builds_wait_group(o, cx)),
        "call_expression" => {
            let callee = value.field("function");
            callee.is_some_and(|f| f.kind_name() == "identifier" && cx.text(f) == "new")
                && value
                    .field("arguments")
                    .and_then(|a| a.named_child(0))
                    .is_some_and(|t| is_wait_group_type(t, cx))
        }
        _ => false,
    }
}

/// Whether the receiver of a method call is a `sync.WaitGroup`: declared as one in this file (variable,
/// parameter, struct field of a type declared here), or — when its declaration is not visible — named like one.
pub fn is_wait_group(recv: Node<'_>, cx: &FileContext<'_>) -> bool {
    let recv = strip_parens_and_deref(recv);
    match recv.kind_name() {
        "identifier" => match cx.lookup(cx.text(recv), recv) {
            Some(decl) => {
                decl.type_node.is_some_and(|t| is_wait_group_type(t, cx))
                    || decl.value.is_some_and(|v| builds_wait_group(v, cx))
            }
            None => wait_group_name(cx.text(recv)),
        },
        "selector_expression" => {
            let Some(field) = recv.field("field") else {
                return false;
            };
            let name = cx.text(field);
            match field_type_in_file(name, cx) {
                Some(found) => found,
                None => wait_group_name(name),
            }
        }
        _ => false,
    }
}

/// If some struct of this file declares a field `name`, whether (every such) field is a WaitGroup.
fn field_type_in_file(name: &str, cx: &FileContext<'_>) -> Option<bool> {
    let mut verdict: Option<bool> = None;
    walk(cx.root(), &mut |n| {
        if n.kind_name() == "field_declaration" {
            let mut cursor = n.walk();
            let named = n
                .children_by_field_name("name", &mut cursor)
                .any(|f| cx.text(f) == name);
            if named && let Some(ty) = n.field("type") {
                let is_wg = is_wait_group_type(ty, cx);
                verdict = Some(verdict.unwrap_or(true) && is_wg);
            }
            return false;
        }
        true
    });
    verdict
}

/// For a call handed to a rule by name: when it is `recv.Lock()` or `recv.RLock()` standing alone as a statement,
/// that statement, the receiver and the method, plus the statement after it (and whether a comment sits between).
pub fn lock_statement<'t, 'a>(
    call: Node<'t>,
    cx: &FileContext<'a>,
) -> Option<(Node<'t>, Node<'t>, &'a str, Node<'t>, bool)> {
    let (recv, method) = Call::method(call, cx)?;
    if !matches!(method, "Lock" | "RLock") || !no_arguments(call) {
        return None;
    }
    // Climbing to the parent walks down from the root: only once the call itself qualifies.
    let stmt = call
        .parent()
        .filter(|p| p.kind_name() == "expression_statement")?;
    let (next, commented) = next_statement(stmt)?;
    Some((stmt, recv, method, next, commented))
}

/// Whether `node` is or holds a call `recv.Done()` (`recv` as written: `wg`, `s.wg`), func literals included: a
/// deferred `wg.Done()`, a goroutine's body.
pub fn calls_done(cx: &FileContext<'_>, node: Node<'_>, recv: &str) -> bool {
    crate::context::children::descendants(node)
        .any(|n| Call::method(n, cx).is_some_and(|(r, method)| method == "Done" && cx.text(r) == recv))
}
