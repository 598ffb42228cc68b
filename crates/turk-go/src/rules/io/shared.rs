//! Helpers shared by the I/O rules: walking a subtree with one cursor, the shape around a call (the assignment
//! it is the right-hand side of, the statements after it), finding the references to a local variable within a
//! function, telling whether a value escapes (returned, passed, stored), reading function signatures, and the
//! fields set on a composite literal.

pub(crate) use crate::context::children::{arguments, descendants, first_child, only_child, two_children};
use crate::context::{DeclKind, FileContext};
use tree_sitter::{Node, TreeCursor};

/// Every node of kind `kind` under `root` (including `root`), in source order.
pub(crate) fn descendants_of_kind<'t>(root: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    descendants(root).filter(|n| n.kind() == kind).collect()
}

/// The named siblings after `node` (comments included), as `next_named_sibling` would give them one by one, but
/// from one walk of `parent` (the parent of `node`): each `next_named_sibling` climbs from the root again.
pub(crate) fn later_siblings<'t>(node: Node<'t>, parent: Node<'t>) -> LaterSiblings<'t> {
    let mut cursor = parent.walk();
    let mut found = cursor.goto_first_child_for_byte(node.start_byte()).is_some();
    while found && cursor.node().id() != node.id() {
        found = cursor.goto_next_sibling();
    }
    LaterSiblings {
        cursor: found.then_some(cursor),
    }
}

/// The walk of [`later_siblings`].
pub(crate) struct LaterSiblings<'t> {
    cursor: Option<TreeCursor<'t>>,
}

impl<'t> Iterator for LaterSiblings<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        let cursor = self.cursor.as_mut()?;
        while cursor.goto_next_sibling() {
            if cursor.node().is_named() {
                return Some(cursor.node());
            }
        }
        self.cursor = None;
        None
    }
}

/// The identifiers under `scope` that refer to the variable declared by the identifier `decl` (the declaring
/// identifier itself excluded), following Go's scoping so that a shadowing declaration is not counted. Lazy: a
/// caller that stops early saves the scope lookups of the rest.
pub(crate) fn references<'a>(
    cx: &FileContext<'a>,
    decl: Node<'a>,
    scope: Node<'a>,
) -> impl Iterator<Item = Node<'a>> {
    let name = cx.text(decl);
    descendants(scope)
        .filter(move |id| id.kind() == "identifier" && id.id() != decl.id() && cx.text(*id) == name)
        .filter(move |id| cx.lookup(name, *id).is_some_and(|d| d.name.id() == decl.id()))
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
    let mut func = cx.enclosing_function(node)?;
    loop {
        if let Some(param) = context_param(cx, func) {
            return Some((func, param));
        }
        if func.kind() != "func_literal" || !called_in_place(func) {
            return None;
        }
        func = cx.enclosing_function(func)?;
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

/// The function a declaration was made in, for a variable (not a constant) declared inside one: a package-level
/// variable's other uses are out of sight.
pub(crate) fn declaring_function<'a>(
    cx: &FileContext<'a>,
    kind: DeclKind,
    decl: Node<'a>,
) -> Option<Node<'a>> {
    if kind == DeclKind::Const {
        return None;
    }
    cx.enclosing_function(decl)
}

/// What a call handed by name is the whole right-hand side of: the `short_var_declaration` or
/// `assignment_statement` of `a, b := call` / `a, b = call`, or the `var_spec` of `var a, b = call`.
pub(crate) fn assigned_from(call: Node<'_>) -> Option<Node<'_>> {
    assigned_through(call, call.parent()?)
}

/// [`assigned_from`] for a caller that already has the call's parent.
pub(crate) fn assigned_through<'t>(call: Node<'t>, list: Node<'t>) -> Option<Node<'t>> {
    // With a single named child the call is it; otherwise comments may stand beside it.
    if list.kind() != "expression_list"
        || (list.named_child_count() != 1 && only_child(list).is_none_or(|c| c.id() != call.id()))
    {
        return None;
    }
    let holder = list.parent()?;
    let field = match holder.kind() {
        "short_var_declaration" | "assignment_statement" => "right",
        "var_spec" => "value",
        _ => return None,
    };
    (holder.child_by_field_name(field)?.id() == list.id()).then_some(holder)
}

/// The field names of a keyed composite literal.
pub(crate) fn literal_keys<'a>(cx: &FileContext<'a>, lit: Node<'a>) -> Vec<&'a str> {
    let Some(body) = lit.child_by_field_name("body") else {
        return Vec::new();
    };
    let mut cursor = body.walk();
    body.named_children(&mut cursor)
        .filter(|e| e.kind() == "keyed_element")
        .filter_map(|e| e.child_by_field_name("key"))
        .map(|k| cx.text(k).trim())
        .collect()
}

/// Whether the variable (or field) the literal is assigned to gets one of `fields` set elsewhere in the function
/// (or in the file, for a package-level variable): `srv.ReadHeaderTimeout = ...`.
pub(crate) fn set_later(cx: &FileContext<'_>, lit: Node<'_>, fields: &[&str]) -> bool {
    let mut node = lit;
    let Some(mut list) = lit.parent() else {
        return false;
    };
    while matches!(list.kind(), "parenthesized_expression" | "unary_expression") {
        node = list;
        let Some(parent) = list.parent() else {
            return false;
        };
        list = parent;
    }
    if list.kind() != "expression_list" {
        return false;
    }
    let Some(holder) = list.parent() else {
        return false;
    };
    let target = match holder.kind() {
        "short_var_declaration" | "assignment_statement" => {
            let Some(left) = holder.child_by_field_name("left") else {
                return false;
            };
            let mut cursor = list.walk();
            let Some(index) = list.named_children(&mut cursor).position(|n| n.id() == node.id()) else {
                return false;
            };
            let mut cursor = left.walk();
            match left.named_children(&mut cursor).nth(index) {
                Some(n) => cx.text(n),
                None => return false,
            }
        }
        "var_spec" => {
            let mut cursor = holder.walk();
            match holder.children_by_field_name("name", &mut cursor).next() {
                Some(n) => cx.text(n),
                None => return false,
            }
        }
        _ => return false,
    };
    // The holder is in the literal's function: only parentheses, a unary operator and the list lie between them.
    let scope = cx.enclosing_function(holder).unwrap_or_else(|| {
        let mut root = holder;
        while let Some(p) = root.parent() {
            root = p;
        }
        root
    });
    descendants(scope).any(|sel| {
        sel.kind() == "selector_expression"
            && sel
                .child_by_field_name("operand")
                .is_some_and(|op| cx.text(op) == target)
            && sel
                .child_by_field_name("field")
                .is_some_and(|f| fields.contains(&cx.text(f)))
    })
}
