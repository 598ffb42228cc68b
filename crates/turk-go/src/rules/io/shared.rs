//! Helpers shared by the I/O rules: finding the references to a local variable within a function, telling
//! whether a value escapes (returned, passed, stored), and reading function signatures.

use crate::context::{DeclKind, FileContext, position};
use tree_sitter::Node;

/// Every node of kind `kind` under `root` (including `root`), in source order.
pub(crate) fn descendants_of_kind<'t>(root: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.kind() == kind {
            out.push(node);
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

/// The identifiers under `scope` that refer to the variable declared by the identifier `decl` (the declaring
/// identifier itself excluded), following Go's scoping so that a shadowing declaration is not counted.
pub(crate) fn references<'a>(cx: &FileContext<'a>, decl: Node<'a>, scope: Node<'a>) -> Vec<Node<'a>> {
    let name = cx.text(decl);
    descendants_of_kind(scope, "identifier")
        .into_iter()
        .filter(|id| id.id() != decl.id() && cx.text(*id) == name)
        .filter(|id| cx.lookup(name, *id).is_some_and(|d| d.name.id() == decl.id()))
        .collect()
}

/// The body of a function declaration, method or literal.
pub(crate) fn body(func: Node<'_>) -> Option<Node<'_>> {
    func.child_by_field_name("body")
}

/// For an identifier: the `x.field` selector it is the operand of, and the field name.
pub(crate) fn field_of<'a>(cx: &FileContext<'a>, ident: Node<'a>) -> Option<(Node<'a>, &'a str)> {
    let parent = ident.parent()?;
    if parent.kind() != "selector_expression"
        || parent.child_by_field_name("operand").map(|o| o.id()) != Some(ident.id())
    {
        return None;
    }
    Some((parent, cx.text(parent.child_by_field_name("field")?)))
}

/// For a selector `x.a`: the selector `x.a.b` it is the operand of, with `b`.
pub(crate) fn outer_field<'a>(cx: &FileContext<'a>, selector: Node<'a>) -> Option<(Node<'a>, &'a str)> {
    let parent = selector.parent()?;
    if parent.kind() != "selector_expression"
        || parent.child_by_field_name("operand").map(|o| o.id()) != Some(selector.id())
    {
        return None;
    }
    Some((parent, cx.text(parent.child_by_field_name("field")?)))
}

/// Whether `node` is the `function` of a call expression (`x.Close()` rather than `x.Close`).
pub(crate) fn is_called(node: Node<'_>) -> bool {
    node.parent().is_some_and(|p| {
        p.kind() == "call_expression" && p.child_by_field_name("function").map(|f| f.id()) == Some(node.id())
    })
}

/// Where a value ends up when the expression `expr` is used as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escape {
    /// Returned, or kept in a named result.
    Returned,
    /// An argument of a call (including `defer f(x)` and `go f(x)`).
    Passed,
    /// Stored: assigned to something, put in a composite literal, sent on a channel, captured by address.
    Stored,
}

/// Whether the value of `expr` (an identifier or a selector on one) leaves the function's hands: returned,
/// passed to a call, stored in a variable, field, slice, map, struct or channel. Walks up through parentheses,
/// `&x` and type conversions that keep the value.
pub(crate) fn escapes(expr: Node<'_>) -> Option<Escape> {
    let mut node = expr;
    loop {
        let parent = node.parent()?;
        match parent.kind() {
            "parenthesized_expression" => node = parent,
            "unary_expression" => {
                let op = parent.child_by_field_name("operator")?;
                if op.kind() == "&" {
                    return Some(Escape::Stored);
                }
                return None;
            }
            "expression_list" => {
                let holder = parent.parent()?;
                return match holder.kind() {
                    "return_statement" => Some(Escape::Returned),
                    "assignment_statement" | "short_var_declaration" | "var_spec" => holder
                        .child_by_field_name("right")
                        .or_else(|| holder.child_by_field_name("value"))
                        .filter(|r| r.id() == parent.id())
                        .map(|_| Escape::Stored),
                    _ => None,
                };
            }
            "argument_list" => return Some(Escape::Passed),
            "literal_element" | "keyed_element" | "send_statement" => return Some(Escape::Stored),
            _ => return None,
        }
    }
}

/// The parameters of a function, as (name, type) pairs; unnamed and `_` parameters are left out.
pub(crate) fn named_params<'a>(cx: &FileContext<'a>, func: Node<'a>) -> Vec<(Node<'a>, Node<'a>)> {
    let mut out = Vec::new();
    let Some(params) = func.child_by_field_name("parameters") else {
        return out;
    };
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let Some(ty) = param.child_by_field_name("type") else {
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

/// The parameter of `func` that carries a context: a `context.Context`, or an `*http.Request` (its `Context()`).
pub(crate) fn context_param<'a>(cx: &FileContext<'a>, func: Node<'a>) -> Option<Node<'a>> {
    named_params(cx, func).into_iter().find_map(|(name, ty)| {
        (cx.is_type(ty, "context", "Context", false)
            || (ty.kind() == "pointer_type" && cx.is_type(ty, "net/http", "Request", true)))
        .then_some(name)
    })
}

/// The function whose context parameter a call at `node` should use, with that parameter: the innermost function
/// with a context parameter, looking through func literals that are called on the spot (`func() { ... }()`). Other
/// literals stop the search: goroutines, deferred literals and callbacks often run after the caller's context is
/// done, and detach from it on purpose.
pub(crate) fn function_with_context<'a>(
    cx: &FileContext<'a>,
    node: Node<'a>,
) -> Option<(Node<'a>, Node<'a>)> {
    let mut func = position::enclosing_function(node)?;
    loop {
        if let Some(param) = context_param(cx, func) {
            return Some((func, param));
        }
        if func.kind() != "func_literal" || !called_in_place(func) {
            return None;
        }
        func = position::enclosing_function(func)?;
    }
}

/// Whether a func literal is called where it stands (`func() { ... }()`), not deferred or started as a goroutine.
fn called_in_place(lit: Node<'_>) -> bool {
    lit.parent().is_some_and(|call| {
        call.kind() == "call_expression"
            && call.child_by_field_name("function").map(|f| f.id()) == Some(lit.id())
            && call
                .parent()
                .is_none_or(|p| !matches!(p.kind(), "go_statement" | "defer_statement"))
    })
}

/// Whether a declaration was made inside the function (not a package-level variable, whose other uses are
/// out of sight).
pub(crate) fn is_function_local(kind: DeclKind, decl: Node<'_>) -> bool {
    !matches!(kind, DeclKind::Const) && position::enclosing_function(decl).is_some()
}

/// The left-hand identifiers and the single right-hand call of `a, b := f(...)` / `a, b = f(...)`.
pub(crate) fn assigned_call<'t>(stmt: Node<'t>) -> Option<(Vec<Node<'t>>, Node<'t>)> {
    let left = stmt.child_by_field_name("left")?;
    let right = stmt.child_by_field_name("right")?;
    let mut cursor = right.walk();
    let values: Vec<Node<'t>> = right
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .collect();
    if values.len() != 1 || values[0].kind() != "call_expression" {
        return None;
    }
    let mut cursor = left.walk();
    let names: Vec<Node<'t>> = left
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .collect();
    Some((names, values[0]))
}

/// The method name and receiver of a call `recv.Method(...)`.
pub(crate) fn method_call<'a>(cx: &FileContext<'a>, call: Node<'a>) -> Option<(Node<'a>, &'a str)> {
    let function = call.child_by_field_name("function")?;
    if function.kind() != "selector_expression" {
        return None;
    }
    Some((
        function.child_by_field_name("operand")?,
        cx.text(function.child_by_field_name("field")?),
    ))
}

/// The arguments of a call.
pub(crate) fn arguments(call: Node<'_>) -> Vec<Node<'_>> {
    let Some(args) = call.child_by_field_name("arguments") else {
        return Vec::new();
    };
    let mut cursor = args.walk();
    args.named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .collect()
}
