//! The builtin type an expression evidently has, as far as syntax shows: literals, conversions, locals declared
//! with (or initialised from) such an expression, and calls known to return a string.

use super::exprs::unparen;
use crate::context::children::{FieldChild, KindName, arguments};
use crate::context::{DeclKind, Declaration, FileContext};
use tree_sitter::Node;

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
    match ty.kind_name() {
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
            let element = ty.field("element")?;
            (element.kind_name() == "type_identifier" && matches!(cx.text(element), "byte" | "uint8"))
                .then_some(Basic::Bytes)
        }
        _ => None,
    }
}

/// fmt functions that return the formatted string.
pub const FMT_SPRINTS: [&str; 3] = ["Sprintf", "Sprint", "Sprintln"];

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
const STRINGS_STRING: [&str; 23] = [
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
    match expr.kind_name() {
        "interpreted_string_literal" | "raw_string_literal" => Some(Basic::String),
        "int_literal" => Some(Basic::UntypedInt),
        "true" | "false" => (cx.lookup(cx.text(expr), expr).is_none()).then_some(Basic::Bool),
        "type_conversion_expression" => basic_of_type(expr.field("type")?, cx),
        "identifier" => {
            let decl = cx.lookup(cx.text(expr), expr)?;
            basic_of_decl_depth(&decl, cx, depth)
        }
        "call_expression" => {
            let function = expr.field("function")?;
            match function.kind_name() {
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
                        || cx.call_to(expr, "strings", &STRINGS_STRING).is_some()
                        || cx.call_to(expr, "fmt", &FMT_SPRINTS).is_some()
                    {
                        return Some(Basic::String);
                    }
                    let field = cx.text(function.field("field")?);
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
            if value.kind_name() == "call_expression" && decl.index > 0 {
                return None;
            }
            // Range clauses give the range expression as the value: not the element's type.
            if decl
                .name
                .parent()
                .and_then(|p| p.parent())
                .is_some_and(|p| p.kind_name() == "range_clause")
            {
                return None;
            }
            basic_of_depth(value, cx, depth + 1)
        }
        _ => None,
    }
}

/// Whether a type expression is `[]byte` (or `[]uint8`) as written.
pub fn is_byte_slice_type(ty: Node<'_>, cx: &FileContext<'_>) -> bool {
    ty.kind_name() == "slice_type"
        && ty
            .field("element")
            .is_some_and(|e| e.kind_name() == "type_identifier" && matches!(cx.text(e), "byte" | "uint8"))
}
