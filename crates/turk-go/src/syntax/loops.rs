//! `for` statements: the variables a loop header declares, and its body.

use crate::context::scopes;
use tree_sitter::Node;

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
