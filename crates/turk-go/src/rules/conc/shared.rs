//! Syntax helpers shared by the concurrency rules: method calls on a receiver, neighbouring statements, loop
//! variables, and the "is this a WaitGroup / a lock" approximations.

pub use crate::context::children::{arguments, walk};
pub use crate::context::position::contains;
use crate::context::{DeclKind, FileContext, scopes};
use crate::rules::Call;
use tree_sitter::Node;

/// Whether a call has no arguments (comments aside).
pub fn no_arguments(call: Node<'_>) -> bool {
    let Some(args) = call.child_by_field_name("arguments") else {
        return true;
    };
    let mut cursor = args.walk();
    args.named_children(&mut cursor).all(|a| a.kind() == "comment")
}

/// For an `expression_statement` (or a `defer`/`go` statement) wrapping a call: the call.
pub fn statement_call(stmt: Node<'_>) -> Option<Node<'_>> {
    if !matches!(
        stmt.kind(),
        "expression_statement" | "defer_statement" | "go_statement"
    ) {
        return None;
    }
    let mut cursor = stmt.walk();
    let first = stmt.named_children(&mut cursor).find(|c| c.kind() != "comment");
    first.filter(|c| c.kind() == "call_expression")
}

/// The statement after `stmt` in its list, and whether a comment sits between them (a trailing comment on
/// `stmt`'s own line does not count).
pub fn next_statement(stmt: Node<'_>) -> Option<(Node<'_>, bool)> {
    let mut commented = false;
    let mut next = stmt.next_named_sibling();
    while let Some(n) = next {
        if n.kind() != "comment" {
            return Some((n, commented));
        }
        commented |= n.start_position().row != stmt.end_position().row;
        next = n.next_named_sibling();
    }
    None
}

/// The identifiers a `for` statement declares with `:=` in its header (range key/value, for-clause init).
pub fn loop_variables(loop_stmt: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = loop_stmt.walk();
    let Some(header) = loop_stmt
        .named_children(&mut cursor)
        .find(|n| matches!(n.kind(), "range_clause" | "for_clause"))
    else {
        return Vec::new();
    };
    let left = match header.kind() {
        "range_clause" => header
            .child_by_field_name("left")
            .filter(|l| l.next_sibling().is_some_and(|t| t.kind() == ":=")),
        _ => header
            .child_by_field_name("initializer")
            .filter(|i| i.kind() == "short_var_declaration")
            .and_then(|i| i.child_by_field_name("left")),
    };
    left.map(scopes::named_children)
        .unwrap_or_default()
        .into_iter()
        .filter(|n| n.kind() == "identifier")
        .collect()
}

/// The loop's body block.
pub fn loop_body(loop_stmt: Node<'_>) -> Option<Node<'_>> {
    loop_stmt.child_by_field_name("body")
}

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
    match value.kind() {
        "composite_literal" => value
            .child_by_field_name("type")
            .is_some_and(|t| is_wait_group_type(t, cx)),
        "unary_expression" => value
            .child_by_field_name("operand")
            .is_some_and(|o| builds_wait_group(o, cx)),
        "call_expression" => {
            let callee = value.child_by_field_name("function");
            callee.is_some_and(|f| f.kind() == "identifier" && cx.text(f) == "new")
                && value
                    .child_by_field_name("arguments")
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
    match recv.kind() {
        "identifier" => match cx.lookup(cx.text(recv), recv) {
            Some(decl) => {
                decl.type_node.is_some_and(|t| is_wait_group_type(t, cx))
                    || decl.value.is_some_and(|v| builds_wait_group(v, cx))
            }
            None => wait_group_name(cx.text(recv)),
        },
        "selector_expression" => {
            let Some(field) = recv.child_by_field_name("field") else {
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
        if n.kind() == "field_declaration" {
            let mut cursor = n.walk();
            let named = n
                .children_by_field_name("name", &mut cursor)
                .any(|f| cx.text(f) == name);
            if named && let Some(ty) = n.child_by_field_name("type") {
                let is_wg = is_wait_group_type(ty, cx);
                verdict = Some(verdict.unwrap_or(true) && is_wg);
            }
            return false;
        }
        true
    });
    verdict
}

/// `(x)` → `x`, `*x` → `x`.
pub fn strip_parens_and_deref(mut expr: Node<'_>) -> Node<'_> {
    loop {
        match expr.kind() {
            "parenthesized_expression" => match expr.named_child(0) {
                Some(inner) => expr = inner,
                None => return expr,
            },
            "unary_expression"
                if expr
                    .child_by_field_name("operator")
                    .is_some_and(|o| o.kind() == "*") =>
            {
                match expr.child_by_field_name("operand") {
                    Some(inner) => expr = inner,
                    None => return expr,
                }
            }
            _ => return expr,
        }
    }
}

/// The kinds of node that have a body and parameters: function and method declarations, func literals.
pub const FUNCTIONS: &[&str] = &["function_declaration", "method_declaration", "func_literal"];

/// Visits the declarations in a function's receiver and parameter lists (not its results, nor the parameters of
/// function types in its signature), each with whether it declares the receiver.
pub fn for_each_parameter<'t>(func: Node<'t>, visit: &mut dyn FnMut(Node<'t>, bool)) {
    for (field, receiver) in [("receiver", true), ("parameters", false)] {
        let Some(list) = func.child_by_field_name(field) else {
            continue;
        };
        let mut cursor = list.walk();
        for param in list.named_children(&mut cursor) {
            visit(param, receiver);
        }
    }
}

/// The function (declaration, method or literal) whose parameter list declares `decl`, for parameters.
pub fn declaring_function<'a>(decl: &scopes::Declaration<'a>, cx: &FileContext<'a>) -> Option<Node<'a>> {
    if !matches!(decl.kind, DeclKind::Parameter | DeclKind::Receiver) {
        return None;
    }
    cx.enclosing_function(decl.name)
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
    let stmt = call.parent().filter(|p| p.kind() == "expression_statement")?;
    let (next, commented) = next_statement(stmt)?;
    Some((stmt, recv, method, next, commented))
}
