//! Where a node sits: in which function, inside which loop body, in a goroutine, in an HTTP handler. Loop and
//! goroutine questions stop at the nearest function boundary: code in a nested func literal runs when that
//! literal is called, not when the enclosing loop iterates.

use super::FileContext;
use crate::context::children::{FieldChild, KindName};
use tree_sitter::Node;

/// Kinds that start a new function body.
pub fn is_function(node: Node<'_>) -> bool {
    matches!(
        node.kind_name(),
        "function_declaration" | "method_declaration" | "func_literal"
    )
}

/// Whether `inner` lies within `outer` (or is it).
pub fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// For a func literal: the `go` statement that runs it, or the `x.Go(func(){...})` call that does.
pub fn goroutine_of_literal<'t>(func: Node<'t>, src: &str) -> Option<Node<'t>> {
    let parent = func.parent()?;
    let grandparent = parent.parent()?;
    match parent.kind_name() {
        // go func() { ... }()
        "call_expression" => (grandparent.kind_name() == "go_statement").then_some(grandparent),
        // g.Go(func() error { ... }), wg.Go(func() { ... })
        "argument_list" => {
            let callee = grandparent.field("function")?;
            let field = callee.field("field")?;
            (callee.kind_name() == "selector_expression" && &src[field.byte_range()] == "Go")
                .then_some(grandparent)
        }
        _ => None,
    }
}

/// The same questions asked of a file's context: each finds `node`'s ancestors with one descent from the root
/// instead of one `parent()` (itself a descent) per level.
impl<'a> FileContext<'a> {
    /// The innermost function (declaration, method or literal) containing `node`.
    pub fn enclosing_function(&self, node: Node<'a>) -> Option<Node<'a>> {
        self.ancestors(node).into_iter().rev().find(|n| is_function(*n))
    }

    /// The innermost `for` statement whose *body* contains `node`, within the same function.
    pub fn enclosing_loop(&self, node: Node<'a>) -> Option<Node<'a>> {
        loop_in(node, &self.ancestors(node))
    }

    /// Whether `node` is executed once per iteration of some loop of its function.
    pub fn in_loop_body(&self, node: Node<'a>) -> bool {
        self.enclosing_loop(node).is_some()
    }

    /// The statement that directly contains `node` in a statement list.
    pub fn enclosing_statement(&self, node: Node<'a>) -> Option<Node<'a>> {
        let ancestors = self.ancestors(node);
        let list = ancestors
            .iter()
            .rposition(|n| n.kind_name() == "statement_list")?;
        Some(ancestors.get(list + 1).copied().unwrap_or(node))
    }
}

/// [`FileContext::enclosing_loop`] over known ancestors (outermost first).
fn loop_in<'t>(node: Node<'t>, ancestors: &[Node<'t>]) -> Option<Node<'t>> {
    let mut child = node;
    for &parent in ancestors.iter().rev() {
        if is_function(parent) {
            return None;
        }
        if parent.kind_name() == "for_statement" && parent.field("body").is_some_and(|b| b.id() == child.id())
        {
            return Some(parent);
        }
        child = parent;
    }
    None
}
