//! The file's own types: its package-level struct types and the methods declared on each type, indexed once per
//! file from its top-level declarations (a pass over the root's children, not over the tree). A rule that asks
//! about a struct's fields or a type's methods asks here instead of walking the file.

use super::FileContext;
use crate::context::children::{FieldChild, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

/// The struct types and methods of one file.
#[derive(Debug, Default)]
pub struct TypeIndex<'t> {
    /// Struct type name → its `struct_type` node.
    structs: HashMap<&'t str, Node<'t>>,
    /// Receiver type name (pointer or not) → its `method_declaration`s, in source order.
    methods: HashMap<&'t str, Vec<Node<'t>>>,
}

impl<'t> TypeIndex<'t> {
    /// Reads the top-level declarations of a file.
    pub fn from_tree(root: Node<'t>, src: &'t str) -> TypeIndex<'t> {
        let mut index = TypeIndex::default();
        let text = |n: Node<'t>| &src[n.byte_range()];
        let mut decls = root.walk();
        for decl in root.named_children(&mut decls) {
            match decl.kind_name() {
                "type_declaration" => {
                    let mut specs = decl.walk();
                    for spec in decl.named_children(&mut specs) {
                        if spec.kind_name() != "type_spec" {
                            continue;
                        }
                        if let (Some(name), Some(ty)) = (
                            spec.field("name"),
                            spec.field("type").filter(|t| t.kind_name() == "struct_type"),
                        ) {
                            index.structs.insert(text(name), ty);
                        }
                    }
                }
                "method_declaration" => {
                    if let Some(ty) = receiver_type_name(decl) {
                        index.methods.entry(text(ty)).or_default().push(decl);
                    }
                }
                _ => {}
            }
        }
        index
    }
}

/// The `type_identifier` of a method's receiver type: `T` of `(t *T)`, `(t T)` or `(t *T[K])`.
pub fn receiver_type_name(method: Node<'_>) -> Option<Node<'_>> {
    let receiver = method.field("receiver")?;
    let param = super::children::first_child(receiver)?;
    let mut ty = param.field("type")?;
    loop {
        match ty.kind_name() {
            "pointer_type" | "parenthesized_type" => ty = super::children::first_child(ty)?,
            "generic_type" => ty = ty.field("type")?,
            "type_identifier" => return Some(ty),
            _ => return None,
        }
    }
}

impl<'a> FileContext<'a> {
    /// The `struct_type` of the struct type `name` declared at package level in this file.
    pub fn struct_type(&self, name: &str) -> Option<Node<'a>> {
        self.types.structs.get(name).copied()
    }

    /// The methods declared in this file on the type `name` (with a pointer receiver or not), in source order.
    pub fn methods_of(&self, name: &str) -> &[Node<'a>] {
        self.types.methods.get(name).map_or(&[], Vec::as_slice)
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
    fn indexes_structs_and_methods_by_receiver_type() {
        let src = "package p\n\ntype (\n\tA struct{ n int }\n\tB int\n)\n\ntype G[K comparable] struct{ m map[K]int }\n\n\
                   func (a *A) One() {}\nfunc (A) Two() {}\nfunc (g *G[K]) Get() {}\nfunc (b B) Three() {}\nfunc free() {}\n";
        let tree = crate::analyze::parse(src).expect("parses");
        let index = TypeIndex::from_tree(tree.root_node(), src);
        let mut structs: Vec<&str> = index.structs.keys().copied().collect();
        structs.sort_unstable();
        assert_eq!(structs, ["A", "G"]);
        let names = |ty: &str| -> Vec<&str> {
            index.methods[ty]
                .iter()
                .map(|m| &src[m.field("name").unwrap().byte_range()])
                .collect()
        };
        assert_eq!(names("A"), ["One", "Two"]);
        assert_eq!(names("G"), ["Get"]);
        assert_eq!(names("B"), ["Three"]);
        assert_eq!(index.methods.len(), 3);
    }
}
