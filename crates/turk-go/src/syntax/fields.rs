//! Struct fields: what `x.f` was declared as, when the struct is one of this file's types.

use super::exprs::unparen;
use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName, each_child};
use tree_sitter::Node;

/// Whether the field `field` of `operand` (as in `operand.field`) is declared with a type that `is` accepts.
/// When `operand` is declared with a named type (`s *Server`, a receiver), the struct of that name in this file
/// decides (a type declared elsewhere is unknown: `false`); otherwise every package-level struct of this file
/// that declares a field of that name must declare it so (and at least one must).
pub fn field_declared_as<'a>(
    cx: &FileContext<'a>,
    operand: Node<'a>,
    field: &str,
    is: impl Fn(Node<'a>) -> bool,
) -> bool {
    if let Some(name) = declared_type_name(cx, operand) {
        return cx
            .struct_type(name)
            .and_then(|body| field_type(cx, body, field))
            .is_some_and(is);
    }
    let mut verdict = None;
    for (_, body) in cx.struct_types() {
        if let Some(ty) = field_type(cx, body, field) {
            verdict = Some(verdict.unwrap_or(true) && is(ty));
        }
    }
    verdict.unwrap_or(false)
}

/// The name of the type `operand` is declared with in this file when it is a named type of the package (`T` of
/// `x T`, `x *T`, `x *T[K]`): a variable, parameter or receiver.
pub fn declared_type_name<'a>(cx: &FileContext<'a>, operand: Node<'a>) -> Option<&'a str> {
    let operand = unparen(operand);
    if operand.kind_name() != "identifier" {
        return None;
    }
    let mut ty = cx.lookup(cx.text(operand), operand)?.type_node?;
    if ty.kind_name() == "pointer_type" {
        ty = ty.named_child(0)?;
    }
    if ty.kind_name() == "generic_type" {
        ty = ty.field("type")?;
    }
    (ty.kind_name() == "type_identifier").then(|| cx.text(ty))
}

/// The declared type of the field `name` in a `struct_type` (embedded fields are named by their type).
pub fn field_type<'a>(cx: &FileContext<'a>, body: Node<'a>, name: &str) -> Option<Node<'a>> {
    let list = each_child(body).find(|n| n.kind_name() == "field_declaration_list")?;
    each_child(list)
        .filter(|decl| decl.kind_name() == "field_declaration")
        .find_map(|decl| {
            let ty = decl.field("type")?;
            let mut cursor = decl.walk();
            let mut names = decl.children_by_field_name("name", &mut cursor).peekable();
            if names.peek().is_none() {
                // Embedded: `sync.Mutex`, `*Conn`; named after its type.
                return (embedded_name(cx, ty) == Some(name)).then_some(ty);
            }
            names.any(|n| cx.text(n) == name).then_some(ty)
        })
}

/// The name an embedded field goes by: `Mutex` of `sync.Mutex` or `*sync.Mutex`, `T` of `T`.
pub fn embedded_name<'a>(cx: &FileContext<'a>, ty: Node<'a>) -> Option<&'a str> {
    let ty = if ty.kind_name() == "pointer_type" {
        ty.named_child(0)?
    } else {
        ty
    };
    match ty.kind_name() {
        "qualified_type" => Some(cx.text(ty.field("name")?)),
        "type_identifier" => Some(cx.text(ty)),
        "generic_type" => Some(cx.text(ty.field("type")?)),
        _ => None,
    }
}
