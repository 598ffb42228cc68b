//! A node's named children with comments left out, the walk over a whole subtree, and children by field and
//! kinds by name looked up by id.
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
            if node.is_named() && node.kind_id() != comment_kind() {
                return Some(node);
            }
        }
        None
    }
}

/// The kind id of comments, looked up once.
fn comment_kind() -> u16 {
    static ID: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    *ID.get_or_init(|| {
        let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
        language.id_for_node_kind("comment", true)
    })
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

/// The id of the tree-sitter-go field `name` (for [`known_field_ids`]); panics when the grammar has no such field.
fn field_id(name: &str) -> u16 {
    let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
    language
        .field_id_for_name(name)
        .unwrap_or_else(|| panic!("tree-sitter-go has a `{name}` field"))
        .get()
}

/// A child by its grammar field, looked up by id: [`Node::child_by_field_name`] compares the name with every
/// field name of the grammar, in C, on each call, and the rules ask for fields at almost every node they see.
pub trait FieldChild<'t> {
    /// The child in field `name` (`"body"`, `"left"`): the same as `child_by_field_name`.
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> FieldChild<'t> for Node<'t> {
    #[inline]
    fn field(&self, name: &str) -> Option<Node<'t>> {
        match known_field(name) {
            Some(index) => self.child_by_field_id(known_field_ids()[index]),
            None => self.child_by_field_name(name),
        }
    }
}

/// The fields the rules ask for, by name: an index into [`known_field_ids`].
fn known_field(name: &str) -> Option<usize> {
    Some(match name {
        "left" => 0,
        "operand" => 1,
        "function" => 2,
        "right" => 3,
        "name" => 4,
        "type" => 5,
        "operator" => 6,
        "field" => 7,
        "body" => 8,
        "arguments" => 9,
        "value" => 10,
        "condition" => 11,
        "parameters" => 12,
        "consequence" => 13,
        "receiver" => 14,
        "key" => 15,
        "initializer" => 16,
        "element" => 17,
        "communication" => 18,
        "package" => 19,
        "update" => 20,
        "type_parameters" => 21,
        "result" => 22,
        "path" => 23,
        "label" => 24,
        "index" => 25,
        "channel" => 26,
        "alternative" => 27,
        "alias" => 28,
        _ => return None,
    })
}

const KNOWN_FIELDS: [&str; 29] = [
    "left",
    "operand",
    "function",
    "right",
    "name",
    "type",
    "operator",
    "field",
    "body",
    "arguments",
    "value",
    "condition",
    "parameters",
    "consequence",
    "receiver",
    "key",
    "initializer",
    "element",
    "communication",
    "package",
    "update",
    "type_parameters",
    "result",
    "path",
    "label",
    "index",
    "channel",
    "alternative",
    "alias",
];

/// The grammar's ids of [`KNOWN_FIELDS`], looked up once.
fn known_field_ids() -> &'static [u16; 29] {
    static IDS: std::sync::OnceLock<[u16; 29]> = std::sync::OnceLock::new();
    IDS.get_or_init(|| KNOWN_FIELDS.map(field_id))
}

/// A node's kind by its id: [`Node::kind`] measures and checks the C string of the kind name on every call.
pub trait KindName {
    /// The same as `kind()`: `"call_expression"`.
    fn kind_name(&self) -> &'static str;
}

impl KindName for Node<'_> {
    #[inline]
    fn kind_name(&self) -> &'static str {
        // ERROR nodes have an id past the grammar's kinds.
        kind_names()
            .get(usize::from(self.kind_id()))
            .copied()
            .unwrap_or(if self.is_error() { "ERROR" } else { "" })
    }
}

/// Every kind name of the grammar, by id, looked up once.
fn kind_names() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        // Kept for the life of the process, as the names borrowed from it are.
        let language: &'static tree_sitter::Language = Box::leak(Box::new(tree_sitter_go::LANGUAGE.into()));
        (0..language.node_kind_count())
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .and_then(|id| language.node_kind_for_id(id))
                    .unwrap_or("")
            })
            .collect()
    })
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

    #[test]
    fn every_known_field_is_looked_up_by_its_own_id() {
        for (index, name) in KNOWN_FIELDS.iter().enumerate() {
            assert_eq!(known_field(name), Some(index), "{name}");
        }
        let src = "package p\n\nfunc f(a int) int { return a + 1 }\n";
        let tree = crate::analyze::parse(src).expect("parses");
        let mut compared = 0;
        for node in descendants(tree.root_node()) {
            for name in KNOWN_FIELDS.iter().chain(&["no_such_field"]) {
                assert_eq!(
                    node.field(name),
                    node.child_by_field_name(name),
                    "{name} of {node:?}"
                );
                compared += 1;
            }
        }
        assert!(compared > 100);
    }

    #[test]
    fn a_kind_by_id_is_the_kind_tree_sitter_names() {
        let src = "package p\n\ntype T[K comparable] struct{ m map[K]int }\n\nfunc (t *T[K]) f(a ...int) { for i := range 3 { _ = i }; go func() {}(); _ = new(int) }\n\nfunc broken( {\n";
        let tree = crate::analyze::parse(src).expect("parses");
        let mut cursor = tree.walk();
        let mut seen = 0;
        loop {
            let node = cursor.node();
            assert_eq!(node.kind_name(), node.kind(), "{node:?}");
            seen += 1;
            if cursor.goto_first_child() || cursor.goto_next_sibling() {
                continue;
            }
            while cursor.goto_parent() && !cursor.goto_next_sibling() {}
            if cursor.node() == tree.root_node() {
                break;
            }
        }
        assert!(seen > 50);
    }
}
