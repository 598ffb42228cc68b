//! database/sql: whether an expression is a database handle (`*sql.DB`, `*sql.Tx`, `*sql.Conn`, `*sql.Stmt`).

use super::exprs::unparen;
use super::fields::field_declared_as;
use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use tree_sitter::Node;

/// database/sql handle types, whose methods run statements on the database.
pub const SQL_HANDLES: &[&str] = &["DB", "Tx", "Conn", "Stmt"];

/// Whether a type expression is a database/sql handle type (through a pointer too).
pub fn is_sql_type(ty: Node<'_>, cx: &FileContext<'_>) -> bool {
    SQL_HANDLES
        .iter()
        .any(|name| cx.is_type(ty, "database/sql", name, true))
}

/// Whether an expression is known to be a database/sql handle: an identifier declared with a handle type, from
/// `sql.Open`/`sql.OpenDB`, or from `h.Begin`/`BeginTx`/`Prepare`/`PrepareContext`/`Conn` on a known handle; or
/// `x.f` where `f` is a handle-typed field of a struct declared in this file.
pub fn is_sql_handle<'a>(recv: Node<'a>, cx: &FileContext<'a>) -> bool {
    is_sql_handle_within(recv, cx, 4)
}

fn is_sql_handle_within<'a>(recv: Node<'a>, cx: &FileContext<'a>, depth: u32) -> bool {
    let recv = unparen(recv);
    match recv.kind_name() {
        "identifier" => cx.lookup(cx.text(recv), recv).is_some_and(|decl| {
            decl.type_node.is_some_and(|t| is_sql_type(t, cx))
                || decl.index == 0 && decl.value.is_some_and(|v| opens_handle(unparen(v), cx, depth))
        }),
        "selector_expression" => {
            let (Some(operand), Some(field)) = (recv.field("operand"), recv.field("field")) else {
                return false;
            };
            field_declared_as(cx, operand, cx.text(field), |ty| is_sql_type(ty, cx))
        }
        _ => false,
    }
}

/// `sql.Open(...)`, `sql.OpenDB(...)`, or a method of a known handle that returns a handle.
fn opens_handle<'a>(value: Node<'a>, cx: &FileContext<'a>, depth: u32) -> bool {
    if cx.call_to(value, "database/sql", &["Open", "OpenDB"]).is_some() {
        return true;
    }
    if depth == 0 || value.kind_name() != "call_expression" {
        return false;
    }
    let Some(function) = value
        .field("function")
        .filter(|f| f.kind_name() == "selector_expression")
    else {
        return false;
    };
    let (Some(operand), Some(field)) = (function.field("operand"), function.field("field")) else {
        return false;
    };
    matches!(
        cx.text(field),
        "Begin" | "BeginTx" | "Prepare" | "PrepareContext" | "Conn"
    ) && is_sql_handle_within(operand, cx, depth - 1)
}
