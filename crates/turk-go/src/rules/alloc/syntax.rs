//! Syntactic helpers shared by the allocation, fmt, strings, regexp and JSON rules: walking a function body
//! without entering nested func literals, constant string patterns, and the builtin type an expression
//! evidently has.

use crate::context::children::descendants;
pub use crate::context::children::{arguments, each_argument, each_child, only_child};
pub use crate::context::position::contains;
pub(crate) use crate::context::scopes::named_children as children;
use crate::context::{DeclKind, Declaration, FileContext};
use tree_sitter::Node;

/// Visits `node` and its descendants in source order, without entering func literals (their bodies run when
/// they are called, not where they are written). `visit` returns `false` to stop the walk.
pub fn walk_same_function<'t>(node: Node<'t>, visit: &mut dyn FnMut(Node<'t>) -> bool) -> bool {
    walk_named(node, false, visit)
}

/// Visits `node` and its named descendants in source order with one cursor, skipping func literals below
/// `node` unless `into_literals`. `visit` returns `false` to stop the walk.
fn walk_named<'t>(node: Node<'t>, into_literals: bool, visit: &mut dyn FnMut(Node<'t>) -> bool) -> bool {
    let mut nodes = descendants(node);
    nodes.next();
    if !visit(node) {
        return false;
    }
    while let Some(n) = nodes.next() {
        if !n.is_named() || (!into_literals && n.kind() == "func_literal") {
            nodes.skip_children();
        } else if !visit(n) {
            return false;
        }
    }
    true
}

/// Strips parentheses around an expression.
pub fn unparen(mut expr: Node<'_>) -> Node<'_> {
    while expr.kind() == "parenthesized_expression" {
        match expr.named_child(0) {
            Some(inner) => expr = inner,
            None => break,
        }
    }
    expr
}

/// Whether the parser made `node` up (a MISSING token) or gave up on it (ERROR): findings never rest on such
/// nodes.
pub fn is_broken(node: Node<'_>) -> bool {
    node.is_missing() || node.is_error()
}

/// Whether `node` is the `field` child of `parent`.
pub fn is_field(parent: Node<'_>, field: &str, node: Node<'_>) -> bool {
    parent
        .child_by_field_name(field)
        .is_some_and(|c| c.id() == node.id())
}

/// Whether a type expression is `[]byte` (or `[]uint8`) as written.
pub fn is_byte_slice_type(ty: Node<'_>, cx: &FileContext<'_>) -> bool {
    ty.kind() == "slice_type"
        && ty
            .child_by_field_name("element")
            .is_some_and(|e| e.kind() == "type_identifier" && matches!(cx.text(e), "byte" | "uint8"))
}

/// Whether `expr` is a string literal (interpreted or raw).
pub fn is_string_literal(expr: Node<'_>) -> bool {
    matches!(expr.kind(), "interpreted_string_literal" | "raw_string_literal")
}

/// The contents of a string literal without quotes (escapes left as written), if `expr` is one.
pub fn string_literal_text<'a>(expr: Node<'_>, cx: &FileContext<'a>) -> Option<&'a str> {
    if !is_string_literal(expr) {
        return None;
    }
    let text = cx.text(expr);
    (text.len() >= 2).then(|| &text[1..text.len() - 1])
}

/// Whether `expr` is a constant string expression: a literal, a `const` declared in this file, or a `+` of
/// those. Names not declared in this file are not assumed constant.
pub fn is_constant_string(expr: Node<'_>, cx: &FileContext<'_>) -> bool {
    let expr = unparen(expr);
    match expr.kind() {
        "interpreted_string_literal" | "raw_string_literal" => true,
        "binary_expression" => {
            expr.child_by_field_name("operator")
                .is_some_and(|op| cx.text(op) == "+")
                && expr
                    .child_by_field_name("left")
                    .is_some_and(|l| is_constant_string(l, cx))
                && expr
                    .child_by_field_name("right")
                    .is_some_and(|r| is_constant_string(r, cx))
        }
        "identifier" => {
            let name = cx.text(expr);
            cx.lookup(name, expr)
                .is_some_and(|d| d.kind == DeclKind::Const && d.value.is_some())
        }
        _ => false,
    }
}

/// Whether `decl` was declared outside `scope` (a loop, say).
pub fn declared_outside(decl: &Declaration<'_>, scope: Node<'_>) -> bool {
    !contains(scope, decl.name)
}

/// A builtin type an expression evidently has, as far as syntax shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basic {
    /// `int`, `int64`, `uint8`, … with the type's name.
    Int(&'static str),
    /// An untyped integer constant (literal).
    UntypedInt,
    String,
    Bool,
    Bytes,
}

const INT_TYPES: [&str; 11] = [
    "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
];

fn int_type(name: &str) -> Option<&'static str> {
    match name {
        "byte" => Some("uint8"),
        "rune" => Some("int32"),
        _ => INT_TYPES.iter().copied().find(|t| *t == name),
    }
}

/// The builtin type named by a type expression (`int`, `string`, `[]byte`, …).
pub fn basic_of_type(ty: Node<'_>, cx: &FileContext<'_>) -> Option<Basic> {
    match ty.kind() {
        "type_identifier" => {
            let name = cx.text(ty);
            if cx.lookup(name, ty).is_some() {
                return None;
            }
            match name {
                "string" => Some(Basic::String),
                "bool" => Some(Basic::Bool),
                _ => int_type(name).map(Basic::Int),
            }
        }
        "slice_type" => {
            let element = ty.child_by_field_name("element")?;
            (element.kind() == "type_identifier" && matches!(cx.text(element), "byte" | "uint8"))
                .then_some(Basic::Bytes)
        }
        _ => None,
    }
}

/// strconv functions that return one string.
const STRCONV_STRING: [&str; 12] = [
    "Itoa",
    "FormatInt",
    "FormatUint",
    "FormatBool",
    "FormatFloat",
    "FormatComplex",
    "Quote",
    "QuoteToASCII",
    "QuoteRune",
    "QuoteRuneToASCII",
    "QuoteToGraphic",
    "QuoteRuneToGraphic",
];

/// strings functions that return one string.
const STRINGS_STRING: [&str; 24] = [
    "Join",
    "Repeat",
    "Replace",
    "ReplaceAll",
    "ToLower",
    "ToUpper",
    "ToTitle",
    "Title",
    "TrimSpace",
    "Trim",
    "TrimLeft",
    "TrimRight",
    "TrimPrefix",
    "TrimSuffix",
    "TrimFunc",
    "TrimLeftFunc",
    "TrimRightFunc",
    "Map",
    "ToValidUTF8",
    "Clone",
    "ToUpperSpecial",
    "ToLowerSpecial",
    "ToTitleSpecial",
    "EqualFold",
];

/// The builtin type `expr` evidently has: literals, conversions to builtin types, locals declared with a
/// builtin type or initialised from such an expression, `len`/`cap`, string-returning `strconv`/`strings`/`fmt`
/// calls and `.String()`/`.Error()` calls. `None` when syntax does not tell.
pub fn basic_of(expr: Node<'_>, cx: &FileContext<'_>) -> Option<Basic> {
    basic_of_depth(expr, cx, 0)
}

fn basic_of_depth(expr: Node<'_>, cx: &FileContext<'_>, depth: u32) -> Option<Basic> {
    if depth > 4 {
        return None;
    }
    let expr = unparen(expr);
    match expr.kind() {
        "interpreted_string_literal" | "raw_string_literal" => Some(Basic::String),
        "int_literal" => Some(Basic::UntypedInt),
        "true" | "false" => (cx.lookup(cx.text(expr), expr).is_none()).then_some(Basic::Bool),
        "type_conversion_expression" => basic_of_type(expr.child_by_field_name("type")?, cx),
        "identifier" => {
            let decl = cx.lookup(cx.text(expr), expr)?;
            basic_of_decl_depth(&decl, cx, depth)
        }
        "call_expression" => {
            let function = expr.child_by_field_name("function")?;
            match function.kind() {
                "identifier" => {
                    let name = cx.text(function);
                    if cx.lookup(name, function).is_some() {
                        return None;
                    }
                    match name {
                        "len" | "cap" => Some(Basic::Int("int")),
                        "string" => Some(Basic::String),
                        _ => int_type(name).map(Basic::Int),
                    }
                }
                "selector_expression" => {
                    if cx.call_to(expr, "strconv", &STRCONV_STRING).is_some()
                        || cx
                            .call_to(expr, "strings", &STRINGS_STRING)
                            .is_some_and(|n| n != "EqualFold")
                        || cx
                            .call_to(expr, "fmt", &["Sprintf", "Sprint", "Sprintln"])
                            .is_some()
                    {
                        return Some(Basic::String);
                    }
                    let field = cx.text(function.child_by_field_name("field")?);
                    let no_args = arguments(expr).is_empty();
                    (no_args && matches!(field, "String" | "Error")).then_some(Basic::String)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The builtin type a declaration evidently gives its name: the written type, or the type of a one-to-one
/// initialiser.
pub fn basic_of_decl(decl: &Declaration<'_>, cx: &FileContext<'_>) -> Option<Basic> {
    basic_of_decl_depth(decl, cx, 0)
}

fn basic_of_decl_depth(decl: &Declaration<'_>, cx: &FileContext<'_>, depth: u32) -> Option<Basic> {
    if let Some(ty) = decl.type_node {
        // A variadic or composite type is not basic.
        return basic_of_type(ty, cx);
    }
    match decl.kind {
        DeclKind::Short | DeclKind::Var | DeclKind::Const => {
            let value = decl.value?;
            // A multi-value call gives every name the same node: only trust one-to-one pairs.
            if value.kind() == "call_expression" && decl.index > 0 {
                return None;
            }
            // Range clauses give the range expression as the value: not the element's type.
            if decl
                .name
                .parent()
                .and_then(|p| p.parent())
                .is_some_and(|p| p.kind() == "range_clause")
            {
                return None;
            }
            basic_of_depth(value, cx, depth + 1)
        }
        _ => None,
    }
}

/// Whether `call` is a call to the builtin `name` (not shadowed by a local).
pub fn is_builtin_call(call: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    call.kind() == "call_expression"
        && call
            .child_by_field_name("function")
            .is_some_and(|f| f.kind() == "identifier" && cx.text(f) == name && cx.lookup(name, f).is_none())
}

/// Whether `stmt` is `name = append(name, …)` (also `name = append(name[:n], …)` is not matched).
pub fn is_self_append(stmt: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    if stmt.kind() != "assignment_statement"
        || stmt
            .child_by_field_name("operator")
            .is_none_or(|op| cx.text(op) != "=")
    {
        return false;
    }
    let (Some(left), Some(right)) = (
        stmt.child_by_field_name("left"),
        stmt.child_by_field_name("right"),
    ) else {
        return false;
    };
    let (left, right) = (children(left), children(right));
    if left.len() != 1 || right.len() != 1 {
        return false;
    }
    let (target, value) = (left[0], unparen(right[0]));
    target.kind() == "identifier"
        && cx.text(target) == name
        && is_builtin_call(value, "append", cx)
        && arguments(value)
            .first()
            .is_some_and(|a| a.kind() == "identifier" && cx.text(*a) == name)
}

/// Identifiers named `name` under `node` (not inside func literals unless `into_literals`), in source order.
pub fn identifiers_named<'t>(
    node: Node<'t>,
    name: &str,
    cx: &FileContext<'_>,
    into_literals: bool,
) -> Vec<Node<'t>> {
    let mut found = Vec::new();
    // No identifier can match where the name does not occur in the text.
    if !cx.text(node).contains(name) {
        return found;
    }
    walk_named(node, into_literals, &mut |n| {
        if n.kind() == "identifier" && cx.text(n) == name {
            found.push(n);
        }
        true
    });
    found
}
