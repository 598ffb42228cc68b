//! Walks over a subtree that the rules share: within one function (func literals left out), the identifiers of a
//! name, the nodes of a kind, and the statements after one.

use crate::context::FileContext;
use crate::context::children::{KindName, descendants};
use tree_sitter::{Node, TreeCursor};

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
        if !n.is_named() || (!into_literals && n.kind_name() == "func_literal") {
            nodes.skip_children();
        } else if !visit(n) {
            return false;
        }
    }
    true
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
    if memchr::memmem::find(cx.text(node).as_bytes(), name.as_bytes()).is_none() {
        return found;
    }
    walk_named(node, into_literals, &mut |n| {
        if n.kind_name() == "identifier" && cx.text(n) == name {
            found.push(n);
        }
        true
    });
    found
}

/// Every node of kind `kind` under `root` (including `root`), in source order.
pub fn descendants_of_kind<'t>(root: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    descendants(root).filter(|n| n.kind_name() == kind).collect()
}

/// The named siblings after `node` (comments included), as `next_named_sibling` would give them one by one, but
/// from one walk of `parent` (the parent of `node`): each `next_named_sibling` climbs from the root again.
pub fn later_siblings<'t>(node: Node<'t>, parent: Node<'t>) -> LaterSiblings<'t> {
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
pub struct LaterSiblings<'t> {
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
