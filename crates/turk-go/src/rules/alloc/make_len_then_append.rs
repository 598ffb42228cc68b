//! `x := make([]T, n)` followed by `x = append(x, …)`: the append lands after n zero values.

use crate::context::FileContext;
use crate::rules::alloc::syntax;
use crate::rules::{Captures, Rule, RuleMeta};
use tree_sitter::Node;
use turk_findings::{Category, Finding, Priority};

pub struct MakeLenThenAppend;
pub static RULE: MakeLenThenAppend = MakeLenThenAppend;

static META: RuleMeta = RuleMeta {
    id: "alloc/make-len-then-append",
    category: Category::Allocation,
    priority: Priority::P1,
    message: "slice made with a non-zero length, then appended to",
    why: "make([]T, n) creates n zero-valued elements; append adds after them. Here the first thing done with the \
          slice is an append, so the result starts with n zero values (usually a bug: empty strings, nil \
          pointers or zero IDs in the output), and the appends outgrow the allocation, copying it again.",
    fix: "If n is meant as a capacity, write make([]T, 0, n). If the n elements are meant to be filled, assign \
          them by index (x[i] = v) instead of appending.",
    bad: "ids := make([]string, len(users))\nfor _, u := range users {\n    ids = append(ids, u.ID)\n}",
    good: "ids := make([]string, 0, len(users))\nfor _, u := range users {\n    ids = append(ids, u.ID)\n}",
    applies: "Only when the slice's first use after make is `x = append(x, …)` and the leading elements are never \
              indexed, sliced, copied into or written with a Put* helper afterwards (reserved header space).",
};

impl Rule for MakeLenThenAppend {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (short_var_declaration
          left: (expression_list . (identifier) @name .)
          right: (expression_list .
            (call_expression
              function: (identifier) @make (#eq? @make "make")
              arguments: (argument_list . (slice_type) . (_) @len .)) @call .)) @decl
        (var_spec
          name: (identifier) @name .
          value: (expression_list .
            (call_expression
              function: (identifier) @make (#eq? @make "make")
              arguments: (argument_list . (slice_type) . (_) @len .)) @call .)) @decl
        "#
    }

    fn check(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let call = m.node("call");
        let name_node = m.node("name");
        let name = cx.text(name_node);
        if name == "_" || !syntax::is_builtin_call(call, "make", cx) || is_zero(m.node("len"), cx) {
            return;
        }
        let decl = m.node("decl");
        let stmt = if decl.kind() == "var_spec" {
            let Some(var_decl) = decl.parent().filter(|p| p.kind() == "var_declaration") else {
                return;
            };
            var_decl
        } else {
            decl
        };
        if stmt.parent().is_none_or(|p| p.kind() != "statement_list") {
            return;
        }
        let uses = later_uses(stmt, name_node, name, cx);
        let Some(first) = uses.first() else {
            return;
        };
        let first_is_append = first
            .parent()
            .filter(|p| p.kind() == "expression_list")
            .and_then(|p| p.parent())
            .is_some_and(|assign| {
                assign
                    .child_by_field_name("left")
                    .is_some_and(|l| l.id() == first.parent().map_or(0, |p| p.id()))
                    && syntax::is_self_append(assign, name, cx)
            });
        if !first_is_append || uses.iter().any(|u| uses_leading_elements(*u, cx)) {
            return;
        }
        out.push(cx.finding(&META, call));
    }
}

fn is_zero(len: Node<'_>, cx: &FileContext<'_>) -> bool {
    let len = syntax::unparen(len);
    len.kind() == "int_literal" && cx.text(len).chars().all(|c| c == '0' || c == '_')
}

/// The uses of the declared name after its declaration statement, in source order, that refer to it.
fn later_uses<'t>(stmt: Node<'t>, declared: Node<'t>, name: &str, cx: &FileContext<'_>) -> Vec<Node<'t>> {
    let mut uses = Vec::new();
    let mut next = stmt.next_named_sibling();
    while let Some(s) = next {
        for ident in syntax::identifiers_named(s, name, cx, true) {
            if cx
                .lookup(name, ident)
                .is_some_and(|d| d.name.id() == declared.id())
            {
                uses.push(ident);
            }
        }
        next = s.next_named_sibling();
    }
    uses
}

/// Whether a use reads or writes the leading elements: `x[i]`, `x[a:b]`, `copy(x, …)`, `PutUint32(x, …)`.
fn uses_leading_elements(ident: Node<'_>, cx: &FileContext<'_>) -> bool {
    let Some(parent) = ident.parent() else {
        return false;
    };
    match parent.kind() {
        "index_expression" | "slice_expression" => parent
            .child_by_field_name("operand")
            .is_some_and(|o| o.id() == ident.id()),
        "argument_list" => {
            let Some(call) = parent.parent() else {
                return false;
            };
            if syntax::is_builtin_call(call, "copy", cx) {
                return true;
            }
            call.child_by_field_name("function").is_some_and(|f| {
                f.kind() == "selector_expression"
                    && f.child_by_field_name("field")
                        .is_some_and(|field| cx.text(field).starts_with("Put"))
            })
        }
        _ => false,
    }
}
