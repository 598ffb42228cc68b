//! The file's own types: its package-level struct types, indexed once per file from its top-level declarations (a
//! pass over the root's children, not over the tree). A rule that asks about a struct's fields asks here instead
//! of walking the file.

use super::FileContext;
use std::collections::HashMap;
use tree_sitter::Node;

/// The struct types of one file.
#[derive(Debug, Default)]
pub struct TypeIndex<'t> {
    /// Struct type name → its `struct_type` node.
    structs: HashMap<&'t str, Node<'t>>,
}

impl<'t> TypeIndex<'t> {
    /// Reads the top-level declarations of a file.
    pub fn from_tree(root: Node<'t>, src: &'t str) -> TypeIndex<'t> {
        let mut index = TypeIndex::default();
        let text = |n: Node<'t>| &src[n.byte_range()];
        let mut decls = root.walk();
        for decl in root.named_children(&mut decls) {
            if decl.kind() != "type_declaration" {
                continue;
            }
            let mut specs = decl.walk();
            for spec in decl.named_children(&mut specs) {
                if spec.kind() != "type_spec" {
                    continue;
                }
                if let (Some(name), Some(ty)) = (
                    spec.child_by_field_name("name"),
                    spec.child_by_field_name("type")
                        .filter(|t| t.kind() == "struct_type"),
                ) {
                    index.structs.insert(text(name), ty);
                }
            }
        }
        index
    }
}

impl<'a> FileContext<'a> {
    /// The `struct_type` of the struct type `name` declared at package level in this file.
    pub fn struct_type(&self, name: &str) -> Option<Node<'a>> {
        self.types.structs.get(name).copied()
    }

    /// The struct types declared at package level in this file, as (name, `struct_type`), in no set order.
    pub fn struct_types(&self) -> impl Iterator<Item = (&'a str, Node<'a>)> + '_ {
        self.types.structs.iter().map(|(name, ty)| (*name, *ty))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_the_struct_types() {
        let src = "package p\n\ntype (\n\tA struct{ n int }\n\tB int\n)\n\ntype G[K comparable] struct{ m map[K]int }\n\nfunc (a *A) One() {}\n";
        let tree = crate::analyze::parse(src).expect("parses");
        let index = TypeIndex::from_tree(tree.root_node(), src);
        let mut structs: Vec<&str> = index.structs.keys().copied().collect();
        structs.sort_unstable();
        assert_eq!(structs, ["A", "G"]);
    }
}
