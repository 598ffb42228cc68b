//! Functions: their parameters, bodies and context parameters, and the function a name is declared by.

use crate::context::children::{FieldChild, KindName};
use crate::context::{DeclKind, Declaration, FileContext};
use tree_sitter::Node;

/// The kinds of node that have a body and parameters: function and method declarations, func literals.
pub const FUNCTIONS: &[&str] = &["function_declaration", "method_declaration", "func_literal"];

/// Visits the declarations in a function's receiver and parameter lists (not its results, nor the parameters of
/// function types in its signature), each with whether it declares the receiver.
pub fn for_each_parameter<'t>(func: Node<'t>, visit: &mut dyn FnMut(Node<'t>, bool)) {
    for (field, receiver) in [("receiver", true), ("parameters", false)] {
        let Some(list) = func.field(field) else {
            continue;
        };
        let mut cursor = list.walk();
        for param in list.named_children(&mut cursor) {
            visit(param, receiver);
        }
    }
}

/// The parameters of a function, as (name, type) pairs; unnamed and `_` parameters are left out.
pub fn named_params<'a>(cx: &FileContext<'a>, func: Node<'a>) -> Vec<(Node<'a>, Node<'a>)> {
    let mut out = Vec::new();
    let Some(params) = func.field("parameters") else {
        return out;
    };
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let Some(ty) = param.field("type") else {
            continue;
        };
        let mut names = param.walk();
        for name in param.children_by_field_name("name", &mut names) {
            if cx.text(name) != "_" {
                out.push((name, ty));
            }
        }
    }
    out
}

/// The body of a function declaration, method or literal.
pub fn body(func: Node<'_>) -> Option<Node<'_>> {
    func.field("body")
}

/// The functions of package context that derive a context and return it with its cancel function.
pub const CONTEXT_WITH_CANCEL: &[&str] = &[
    "WithCancel",
    "WithTimeout",
    "WithDeadline",
    "WithCancelCause",
    "WithTimeoutCause",
    "WithDeadlineCause",
];

/// The parameter of `func` that carries a context: a `context.Context`, or an `*http.Request` (its `Context()`).
pub fn context_param<'a>(cx: &FileContext<'a>, func: Node<'a>) -> Option<Node<'a>> {
    named_params(cx, func).into_iter().find_map(|(name, ty)| {
        (cx.is_type(ty, "context", "Context", false)
            || (ty.kind_name() == "pointer_type" && cx.is_type(ty, "net/http", "Request", true)))
        .then_some(name)
    })
}

/// The parameter of `func` that carries its caller's context: a `context.Context`, or the incoming request of a
/// handler-shaped function (see [`is_handler_shaped`](super::is_handler_shaped)). An `*http.Request` elsewhere
/// may be an outbound one (the parameter of a `Do` or `RoundTrip`), which is not the caller's request.
pub fn caller_context_param<'a>(cx: &FileContext<'a>, func: Node<'a>) -> Option<Node<'a>> {
    named_params(cx, func)
        .into_iter()
        .find_map(|(name, ty)| cx.is_type(ty, "context", "Context", false).then_some(name))
        .or_else(|| super::incoming_request_param(cx, func))
}

/// The function whose context parameter a call at `node` should use, with that parameter: the innermost function
/// with a context parameter, looking through func literals that are called on the spot (`func() { ... }()`). Other
/// literals stop the search: goroutines, deferred literals and callbacks often run after the caller's context is
/// done, and detach from it on purpose.
pub fn function_with_context<'a>(cx: &FileContext<'a>, node: Node<'a>) -> Option<(Node<'a>, Node<'a>)> {
    function_with(cx, node, context_param)
}

/// [`function_with_context`] where only the caller's context counts (see [`caller_context_param`]).
pub fn function_with_caller_context<'a>(
    cx: &FileContext<'a>,
    node: Node<'a>,
) -> Option<(Node<'a>, Node<'a>)> {
    function_with(cx, node, caller_context_param)
}

fn function_with<'a>(
    cx: &FileContext<'a>,
    node: Node<'a>,
    context_param: fn(&FileContext<'a>, Node<'a>) -> Option<Node<'a>>,
) -> Option<(Node<'a>, Node<'a>)> {
    let mut func = cx.enclosing_function(node)?;
    loop {
        if let Some(param) = context_param(cx, func) {
            return Some((func, param));
        }
        if func.kind_name() != "func_literal" || !called_in_place(func) {
            return None;
        }
        func = cx.enclosing_function(func)?;
    }
}

/// Whether a func literal is called where it stands (`func() { ... }()`), not deferred or started as a goroutine.
fn called_in_place(lit: Node<'_>) -> bool {
    lit.parent().is_some_and(|call| {
        call.kind_name() == "call_expression"
            && call.field("function").map(|f| f.id()) == Some(lit.id())
            && call
                .parent()
                .is_none_or(|p| !matches!(p.kind_name(), "go_statement" | "defer_statement"))
    })
}

/// The function a declaration belongs to: for a parameter, receiver or result, the function it is declared by;
/// for a variable, the function it is declared in. `None` for constants and package-level names: a package-level
/// variable's other uses are out of sight.
pub fn declaring_function<'a>(decl: &Declaration<'a>, cx: &FileContext<'a>) -> Option<Node<'a>> {
    if decl.kind == DeclKind::Const {
        return None;
    }
    cx.enclosing_function(decl.name)
}

/// The variable `name` that the statement `stmt` assigns, as the statements after it see it, with the function
/// it belongs to (see [`declaring_function`]). `None` when nothing follows `stmt`, when the name is not declared
/// in this file, and for a named result: the caller receives its value.
pub fn assigned_local<'a>(
    cx: &FileContext<'a>,
    stmt: Node<'a>,
    name: &str,
) -> Option<(Declaration<'a>, Node<'a>)> {
    let after = stmt.next_named_sibling()?;
    let decl = cx.lookup(name, after)?;
    if decl.kind == DeclKind::Result {
        return None;
    }
    let func = declaring_function(&decl, cx)?;
    Some((decl, func))
}
