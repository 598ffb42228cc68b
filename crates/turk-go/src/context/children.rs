//! A node's named children with comments left out, the walk over a whole subtree, and the grammar's field ids.
//! Comments are named nodes in tree-sitter-go and may sit anywhere (`f(/* why */ x)`, a trailing comment in a
//! block); what a rule matches must not change with them.

use tree_sitter::{Node, TreeCursor};

/// The named, non-comment children of `node`, in order, from one cursor (asking `named_child(i)` for each `i`
/// would rescan the children every time).
pub fn each_child(node: Node<'_>) -> Children<'_> {
    let mut cursor = node.walk();
    let done = !cursor.goto_first_child();
    Children { cursor, done }
}

pub struct Children<'t> {
    cursor: TreeCursor<'t>,
    done: bool,
}

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        while !self.done {
            let node = self.cursor.node();
            self.done = !self.cursor.goto_next_sibling();
            if node.is_named() && node.kind() != "comment" {
                return Some(node);
            }
        }
        None
    }
}

/// The first named child of `node`, comments aside.
pub fn first_child(node: Node<'_>) -> Option<Node<'_>> {
    each_child(node).next()
}

/// The only named child of `node` when it has exactly one, comments aside.
pub fn only_child(node: Node<'_>) -> Option<Node<'_>> {
    let mut children = each_child(node);
    let only = children.next()?;
    children.next().is_none().then_some(only)
}

/// The two named children of `node` when it has exactly two, comments aside.
pub fn two_children(node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let mut children = each_child(node);
    let pair = (children.next()?, children.next()?);
    children.next().is_none().then_some(pair)
}

/// `root` and every node under it (anonymous ones and comments included), in source order, walked with one
/// cursor. [`Descendants::skip_children`] leaves out the subtree of the node just returned.
pub fn descendants(root: Node<'_>) -> Descendants<'_> {
    Descendants {
        cursor: root.walk(),
        started: false,
        skip: false,
        done: false,
    }
}

/// The pre-order walk of [`descendants`].
pub struct Descendants<'t> {
    cursor: TreeCursor<'t>,
    started: bool,
    skip: bool,
    done: bool,
}

impl Descendants<'_> {
    /// Do not descend into the node `next` returned last.
    pub fn skip_children(&mut self) {
        self.skip = true;
    }
}

impl<'t> Iterator for Descendants<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        if self.done {
            return None;
        }
        if self.started && (self.skip || !self.cursor.goto_first_child()) {
            // A cursor made at `root` never steps to its siblings nor above it: the walk ends at `root`.
            while !self.cursor.goto_next_sibling() {
                if !self.cursor.goto_parent() {
                    self.done = true;
                    return None;
                }
            }
        }
        self.started = true;
        self.skip = false;
        Some(self.cursor.node())
    }
}

/// Visits `node` and its descendants in order; `visit` returns false to skip a node's children.
pub fn walk<'t>(node: Node<'t>, visit: &mut dyn FnMut(Node<'t>) -> bool) {
    let mut nodes = descendants(node);
    while let Some(n) = nodes.next() {
        if !visit(n) {
            nodes.skip_children();
        }
    }
}

/// The arguments of a call expression, comments left out.
pub fn arguments(call: Node<'_>) -> Vec<Node<'_>> {
    each_argument(call).collect()
}

/// The arguments of a call expression one by one, comments left out, nothing collected.
pub fn each_argument(call: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    call.child_by_field_name("arguments")
        .into_iter()
        .flat_map(each_child)
}

/// The id of the tree-sitter-go field `name`, for `child_by_field_id` where a child is asked for at many nodes:
/// `child_by_field_name` compares the name with every field name of the grammar on each call. Look it up once
/// (in a `OnceLock`); panics when the grammar has no such field.
pub fn field_id(name: &str) -> u16 {
    let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
    language
        .field_id_for_name(name)
        .unwrap_or_else(|| panic!("tree-sitter-go has a `{name}` field"))
        .get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_not_children() {
        let src = "package p\n\nvar _ = f(/* a */ x /* b */, y) // c\n";
        let tree = crate::analyze::parse(src).expect("parses");
        let mut calls = Vec::new();
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            if node.kind() == "argument_list" {
                calls.push(node);
            }
            let mut cursor = node.walk();
            stack.extend(node.children(&mut cursor));
        }
        let args = calls[0];
        let texts: Vec<&str> = each_child(args).map(|n| &src[n.byte_range()]).collect();
        assert_eq!(texts, ["x", "y"]);
        assert_eq!(first_child(args).map(|n| &src[n.byte_range()]), Some("x"));
        assert!(only_child(args).is_none());
        assert!(two_children(args).is_some());
    }

    #[test]
    fn descendants_in_order_and_skipped_subtrees() {
        let src = "package p\n\nfunc f() { g(1); h(2) }\n\nvar x = 3\n";
        let tree = crate::analyze::parse(src).expect("parses");
        let all: Vec<&str> = descendants(tree.root_node())
            .filter(|n| n.kind() == "int_literal")
            .map(|n| &src[n.byte_range()])
            .collect();
        assert_eq!(all, ["1", "2", "3"]);
        let mut nodes = descendants(tree.root_node());
        let mut seen = Vec::new();
        while let Some(n) = nodes.next() {
            if n.kind() == "function_declaration" {
                nodes.skip_children();
            }
            if n.kind() == "int_literal" {
                seen.push(&src[n.byte_range()]);
            }
        }
        assert_eq!(seen, ["3"]);
    }
}
