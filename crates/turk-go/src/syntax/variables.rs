//! Variables: the references to one (following Go's scoping), the one use of a call's result, whether it was
//! declared outside a node, and where its value goes (returned, passed, stored, or a field set later).

use super::statements::assigned_from;
use crate::context::children::{FieldChild, KindName, descendants, two_children};
use crate::context::position::contains;
use crate::context::{Declaration, FileContext};
use tree_sitter::Node;

/// The identifiers under `scope` that refer to the variable declared by the identifier `decl` (the declaring
/// identifier itself excluded), following Go's scoping so that a shadowing declaration is not counted. Lazy: a
/// caller that stops early saves the scope lookups of the rest.
pub fn references<'a>(
    cx: &FileContext<'a>,
    decl: Node<'a>,
    scope: Node<'a>,
) -> impl Iterator<Item = Node<'a>> {
    let name = cx.text(decl);
    descendants(scope)
        .filter(move |id| id.kind_name() == "identifier" && id.id() != decl.id() && cx.text(*id) == name)
        .filter(move |id| cx.lookup(name, *id).is_some_and(|d| d.name.id() == decl.id()))
}

/// For `data, err := call` in a function (two names, the first not blank): the name `data` and its one and only
/// use in the function; `None` when it is used more than once or not at all.
pub fn sole_use_of_result<'a>(cx: &FileContext<'a>, call: Node<'a>) -> Option<(Node<'a>, Node<'a>)> {
    let stmt = assigned_from(call).filter(|s| s.kind_name() == "short_var_declaration")?;
    let (data, _) = stmt
        .field("left")
        .and_then(two_children)
        .filter(|(d, _)| d.kind_name() == "identifier" && cx.text(*d) != "_")?;
    let func = cx.enclosing_function(stmt)?;
    let mut uses = references(cx, data, func);
    match (uses.next(), uses.next()) {
        (Some(only), None) => Some((data, only)),
        _ => None,
    }
}

/// Whether `expr` is an identifier declared in this file with a type that `ty` accepts, or initialised from a
/// value that `value` accepts.
pub fn declared_as<'a>(
    expr: Node<'a>,
    cx: &FileContext<'a>,
    ty: impl Fn(Node<'a>) -> bool,
    value: impl Fn(Node<'a>) -> bool,
) -> bool {
    expr.kind_name() == "identifier"
        && cx
            .lookup(cx.text(expr), expr)
            .is_some_and(|decl| decl.type_node.is_some_and(&ty) || decl.value.is_some_and(&value))
}

/// Whether `decl` was declared outside `scope` (a loop, say).
pub fn declared_outside(decl: &Declaration<'_>, scope: Node<'_>) -> bool {
    !contains(scope, decl.name)
}

/// Where a value ends up when the expression `expr` is used as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
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
pub fn escapes(expr: Node<'_>) -> Option<Escape> {
    let mut node = expr;
    loop {
        let parent = node.parent()?;
        match parent.kind_name() {
            "parenthesized_expression" => node = parent,
            "unary_expression" => {
                let op = parent.field("operator")?;
                if op.kind_name() == "&" {
                    return Some(Escape::Stored);
                }
                return None;
            }
            "expression_list" => {
                let holder = parent.parent()?;
                return match holder.kind_name() {
                    "return_statement" => Some(Escape::Returned),
                    "assignment_statement" | "short_var_declaration" | "var_spec" => holder
                        .field("right")
                        .or_else(|| holder.field("value"))
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

/// Whether the variable (or field) the literal is assigned to gets one of `fields` set elsewhere in the function
/// (or in the file, for a package-level variable): `srv.ReadHeaderTimeout = ...`.
pub fn set_later(cx: &FileContext<'_>, lit: Node<'_>, fields: &[&str]) -> bool {
    let mut node = lit;
    let Some(mut list) = lit.parent() else {
        return false;
    };
    while matches!(list.kind_name(), "parenthesized_expression" | "unary_expression") {
        node = list;
        let Some(parent) = list.parent() else {
            return false;
        };
        list = parent;
    }
    if list.kind_name() != "expression_list" {
        return false;
    }
    let Some(holder) = list.parent() else {
        return false;
    };
    let target = match holder.kind_name() {
        "short_var_declaration" | "assignment_statement" => {
            let Some(left) = holder.field("left") else {
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
    let scope = cx.enclosing_function(holder).unwrap_or_else(|| cx.root());
    descendants(scope).any(|sel| {
        sel.kind_name() == "selector_expression"
            && sel.field("operand").is_some_and(|op| cx.text(op) == target)
            && sel.field("field").is_some_and(|f| fields.contains(&cx.text(f)))
    })
}

/// Where the value of the identifier `ident` is put, when it is kept beyond the statement: the target of an
/// assignment (`m[k] = x` → `m[k]`, `s.f = x` → `s.f`, `y := x` → `y`), the slice appended to (`append(xs, x)` →
/// `xs`), the composite literal it is an element of, or the channel it is sent on. Taking its address (`&x`,
/// often an out-parameter) and passing it to other calls do not count.
pub fn stored_in<'t>(cx: &FileContext<'_>, ident: Node<'t>) -> Option<Node<'t>> {
    let parent = ident.parent()?;
    match parent.kind_name() {
        "argument_list" => {
            let call = parent.parent()?;
            let first = crate::context::children::each_argument(call).next()?;
            (super::exprs::is_builtin_call(call, "append", cx) && first.id() != ident.id()).then_some(first)
        }
        "expression_list" => {
            let holder = parent.parent()?;
            let (left, right) = match holder.kind_name() {
                "assignment_statement" | "short_var_declaration" => {
                    (holder.field("left")?, holder.field("right")?)
                }
                _ => return None,
            };
            if right.id() != parent.id() {
                return None;
            }
            let index = super::children(right).iter().position(|n| n.id() == ident.id())?;
            super::children(left).get(index).copied()
        }
        "literal_element" => {
            let mut node = parent;
            while node.kind_name() != "composite_literal" {
                node = node.parent()?;
            }
            Some(node)
        }
        "send_statement" => parent
            .field("value")
            .filter(|v| v.id() == ident.id())
            .and_then(|_| parent.field("channel")),
        _ => None,
    }
}

/// Whether the variable declared by `decl` is written anywhere in `scope` after its declaration: assigned (also
/// an element or a field of it: `x[i] = v`, `x.f = v`), incremented, appended to or deleted from (as the first
/// argument of `append`, `delete`, `copy` or `clear`), or its address taken (`&x`, which lets anything write it).
pub fn written_in<'a>(cx: &FileContext<'a>, decl: Node<'a>, scope: Node<'a>) -> bool {
    references(cx, decl, scope).any(|r| is_written_reference(cx, r))
}

/// Whether the reference `r` to a variable writes it: see [`written_in`].
pub fn is_written_reference(cx: &FileContext<'_>, r: Node<'_>) -> bool {
    let mut child = r;
    let mut parent = r.parent();
    // Up through the expressions that keep designating the variable or a part of it.
    while let Some(p) = parent {
        let designates = match p.kind_name() {
            "index_expression" | "selector_expression" | "slice_expression" => {
                p.field("operand").is_some_and(|o| o.id() == child.id())
            }
            "parenthesized_expression" => true,
            _ => false,
        };
        if !designates {
            break;
        }
        child = p;
        parent = p.parent();
    }
    let Some(parent) = parent else {
        return false;
    };
    match parent.kind_name() {
        "inc_statement" | "dec_statement" => true,
        "unary_expression" => parent.field("operator").is_some_and(|o| o.kind_name() == "&"),
        "expression_list" => parent.parent().is_some_and(|stmt| {
            matches!(stmt.kind_name(), "assignment_statement" | "short_var_declaration")
                && stmt.field("left").is_some_and(|l| l.id() == parent.id())
        }),
        "argument_list" => parent.parent().is_some_and(|call| {
            ["append", "delete", "copy", "clear"]
                .iter()
                .any(|b| super::exprs::is_builtin_call(call, b, cx))
                && crate::context::children::each_argument(call)
                    .next()
                    .is_some_and(|first| first.id() == child.id())
        }),
        _ => false,
    }
}
