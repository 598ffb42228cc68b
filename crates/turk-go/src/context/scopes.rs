//! Local declarations: which declaration a name refers to at a given point, walking outwards through the
//! enclosing blocks, statement headers and function signatures as Go's scoping does. Used to tell a package
//! name from a local variable that shadows it, and to give variables a syntactic type.

use crate::context::children::{FieldChild, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

/// Where a name was declared, with what the declaration says about it.
#[derive(Debug, Clone, Copy)]
pub struct Declaration<'t> {
    /// The identifier node in the declaration.
    pub name: Node<'t>,
    /// The declared type, when written (`var x T`, a parameter's type).
    pub type_node: Option<Node<'t>>,
    /// The expression the name was initialised from, when there is one. For `a, b := f()` both names get `f()`.
    pub value: Option<Node<'t>>,
    /// The position of the name among several declared together (`a, b := ...` → 0, 1).
    pub index: usize,
    pub kind: DeclKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclKind {
    /// `:=`, including range clauses, `if`/`switch` initialisers and select receives.
    Short,
    Var,
    Const,
    Parameter,
    Receiver,
    Result,
}

/// The innermost declaration of `name` visible at `at` inside a function (or a block of statements), given
/// `ancestors`, the nodes from the root of the tree down to `at`'s parent. `None` when no enclosing scope up to
/// the file declares it: the caller then looks at the package-level declarations.
pub fn lookup_local<'t>(
    name: &str,
    at: Node<'t>,
    ancestors: &[Node<'t>],
    src: &str,
) -> Option<Declaration<'t>> {
    let mut child = at;
    for &parent in ancestors.iter().rev() {
        let found = match parent.kind_name() {
            "statement_list" => in_statements_before(parent, child, name, src),
            "for_statement" => in_for_header(parent, child, name, src),
            "if_statement" | "expression_switch_statement" | "type_switch_statement" => {
                in_initializer(parent, child, name, src)
            }
            "communication_case" => in_receive(parent, child, name, src),
            "function_declaration" | "method_declaration" | "func_literal" => in_signature(parent, name, src),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        child = parent;
    }
    None
}

/// Package-level `var` and `const` names of a file, each with the index (among the file's children) of the
/// declaration that declares it; the first one wins, a second would not compile. They are visible everywhere in
/// the package, before or after the use.
pub fn package_level(file: Node<'_>, src: &str) -> HashMap<String, usize> {
    let mut found = HashMap::new();
    let mut cursor = file.walk();
    for (index, decl) in file.children(&mut cursor).enumerate() {
        if !matches!(decl.kind_name(), "var_declaration" | "const_declaration") {
            continue;
        }
        for spec in specs(decl) {
            let mut names = spec.walk();
            for name in spec.children_by_field_name("name", &mut names) {
                found.entry(text(name, src).to_string()).or_insert(index);
            }
        }
    }
    found
}

/// The declaration of `name` in the file's child number `index` (as [`package_level`] found it).
pub fn declared_at_package_level<'t>(
    file: Node<'t>,
    index: usize,
    name: &str,
    src: &str,
) -> Option<Declaration<'t>> {
    in_statement(file.child(u32::try_from(index).ok()?)?, name, src)
}

/// The `var_spec`s or `const_spec`s of a declaration, grouped or not.
fn specs(decl: Node<'_>) -> Vec<Node<'_>> {
    let mut specs = Vec::new();
    for spec in named_children(decl) {
        match spec.kind_name() {
            "var_spec" | "const_spec" => specs.push(spec),
            "var_spec_list" => specs.extend(named_children(spec)),
            _ => {}
        }
    }
    specs
}

fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    &src[node.byte_range()]
}

/// Statements of a block that come before `child`, searched nearest first.
fn in_statements_before<'t>(
    list: Node<'t>,
    child: Node<'t>,
    name: &str,
    src: &str,
) -> Option<Declaration<'t>> {
    // One pass over the list: asking each statement for its previous sibling would rescan the list every time.
    let mut cursor = list.walk();
    let before: Vec<Node<'t>> = list
        .named_children(&mut cursor)
        .take_while(|stmt| stmt.id() != child.id())
        .collect();
    before
        .into_iter()
        .rev()
        .find_map(|stmt| in_statement(stmt, name, src))
}

/// A declaration statement that declares `name`.
fn in_statement<'t>(stmt: Node<'t>, name: &str, src: &str) -> Option<Declaration<'t>> {
    match stmt.kind_name() {
        "short_var_declaration" => in_short_var(stmt, name, src),
        "var_declaration" | "const_declaration" => {
            let kind = if stmt.kind_name() == "var_declaration" {
                DeclKind::Var
            } else {
                DeclKind::Const
            };
            specs(stmt)
                .into_iter()
                .find_map(|spec| in_spec(spec, name, src, kind))
        }
        _ => None,
    }
}

fn in_spec<'t>(spec: Node<'t>, name: &str, src: &str, kind: DeclKind) -> Option<Declaration<'t>> {
    let mut cursor = spec.walk();
    let names: Vec<Node<'t>> = spec.children_by_field_name("name", &mut cursor).collect();
    let index = names.iter().position(|n| text(*n, src) == name)?;
    let values = spec.field("value").map(named_children).unwrap_or_default();
    Some(Declaration {
        name: names[index],
        type_node: spec.field("type"),
        value: pick_value(&values, index, names.len()),
        index,
        kind,
    })
}

fn in_short_var<'t>(stmt: Node<'t>, name: &str, src: &str) -> Option<Declaration<'t>> {
    let left = named_children(stmt.field("left")?);
    let index = left
        .iter()
        .position(|n| n.kind_name() == "identifier" && text(*n, src) == name)?;
    let right = stmt.field("right").map(named_children).unwrap_or_default();
    Some(Declaration {
        name: left[index],
        type_node: None,
        value: pick_value(&right, index, left.len()),
        index,
        kind: DeclKind::Short,
    })
}

/// `a, b := x, y` pairs names with values; `a, b := f()` gives every name the one call.
fn pick_value<'t>(values: &[Node<'t>], index: usize, names: usize) -> Option<Node<'t>> {
    if values.len() == names {
        values.get(index).copied()
    } else {
        values.first().copied()
    }
}

fn in_for_header<'t>(stmt: Node<'t>, child: Node<'t>, name: &str, src: &str) -> Option<Declaration<'t>> {
    let mut cursor = stmt.walk();
    let header = stmt
        .named_children(&mut cursor)
        .find(|n| matches!(n.kind_name(), "range_clause" | "for_clause"))?;
    if header.id() == child.id() {
        // The range expression is evaluated outside the loop's scope.
        return None;
    }
    match header.kind_name() {
        "range_clause" => {
            let left = header.field("left")?;
            if !declares_with_colon_equals(left) {
                return None;
            }
            short_declaration(left, name, src, header.field("right"))
        }
        _ => header
            .field("initializer")
            .and_then(|init| in_statement(init, name, src)),
    }
}

fn in_initializer<'t>(stmt: Node<'t>, child: Node<'t>, name: &str, src: &str) -> Option<Declaration<'t>> {
    if let Some(init) = stmt.field("initializer")
        && init.id() != child.id()
        && let Some(found) = in_statement(init, name, src)
    {
        return Some(found);
    }
    if stmt.kind_name() != "type_switch_statement" {
        return None;
    }
    let alias = stmt.field("alias")?;
    short_declaration(alias, name, src, stmt.field("value"))
}

fn in_receive<'t>(case: Node<'t>, child: Node<'t>, name: &str, src: &str) -> Option<Declaration<'t>> {
    let recv = case.field("communication")?;
    if recv.kind_name() != "receive_statement" || recv.id() == child.id() {
        return None;
    }
    let left = recv.field("left")?;
    if !declares_with_colon_equals(left) {
        return None;
    }
    short_declaration(left, name, src, recv.field("right"))
}

fn in_signature<'t>(func: Node<'t>, name: &str, src: &str) -> Option<Declaration<'t>> {
    let fields = [
        ("parameters", DeclKind::Parameter),
        ("receiver", DeclKind::Receiver),
        ("result", DeclKind::Result),
    ];
    for (field, kind) in fields {
        let Some(list) = func.field(field) else {
            continue;
        };
        if list.kind_name() != "parameter_list" {
            continue;
        }
        for param in named_children(list) {
            let mut cursor = param.walk();
            let names: Vec<Node<'t>> = param.children_by_field_name("name", &mut cursor).collect();
            if let Some(index) = names.iter().position(|n| text(*n, src) == name) {
                return Some(Declaration {
                    name: names[index],
                    type_node: param.field("type"),
                    value: None,
                    index,
                    kind,
                });
            }
        }
    }
    None
}

/// Whether the `left` side of a range clause or receive is followed by `:=` (declares) rather than `=`.
fn declares_with_colon_equals(left: Node<'_>) -> bool {
    left.next_sibling().is_some_and(|tok| tok.kind_name() == ":=")
}

pub(crate) fn named_children(node: Node<'_>) -> Vec<Node<'_>> {
    super::children::each_child(node).collect()
}

/// `name` among the identifiers of a `:=` list (range clause, type switch alias, select receive), all bound
/// from one `value`.
fn short_declaration<'t>(
    list: Node<'t>,
    name: &str,
    src: &str,
    value: Option<Node<'t>>,
) -> Option<Declaration<'t>> {
    let names = named_children(list);
    let index = names.iter().position(|n| text(*n, src) == name)?;
    Some(Declaration {
        name: names[index],
        type_node: None,
        value,
        index,
        kind: DeclKind::Short,
    })
}
