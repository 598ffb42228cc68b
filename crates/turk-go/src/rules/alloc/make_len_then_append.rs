//! `x := make([]T, n)` followed by `x = append(x, …)`: the append lands after n zero values.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "alloc/make-len-then-append",
    category: Category::Allocation,
    priority: Priority::P1,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "slice made with a non-zero length, then appended to",
    why: "make([]T, n) creates n zero-valued elements; append adds after them. Here the first thing done with the \
          slice is an append, so the result starts with n zero values (usually a bug: empty strings, nil \
          pointers or zero IDs in the output), and the appends outgrow the allocation, copying it again.",
    fix: "If n is meant as a capacity, write make([]T, 0, n). If the n elements are meant to be filled, assign \
          them by index (x[i] = v) instead of appending.",
    bad: r#"func names(byID map[int]string) []string {
    out := make([]string, len(byID))
    for _, name := range byID {
        out = append(out, name)
    }
    return out
}"#,
    good: r#"func names(byID map[int]string) []string {
    out := make([]string, 0, len(byID))
    for _, name := range byID {
        out = append(out, name)
    }
    return out
}"#,
    applies: "Only when the slice's first use after make is `x = append(x, …)` and the leading elements are not \
              written afterwards (assigned by index, copied into, written with a Put* helper, or passed as a \
              sub-slice to a call: reserved header space filled in later). Reading `x[i]` or truncating with \
              `x[:n]` after the append does not exempt it.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_calls(&["make"]),
    check,
};

/// Handed `make` calls; only `x := make([]T, n)` and `var x = make([]T, n)` statements are checked.
fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if call
        .field("function")
        .is_none_or(|f| f.kind_name() != "identifier")
    {
        return;
    }
    let mut args = syntax::each_argument(call);
    let (Some(ty), Some(len), None) = (args.next(), args.next(), args.next()) else {
        return;
    };
    if ty.kind_name() != "slice_type" || syntax::is_broken(len) || is_zero(len, cx) {
        return;
    }
    let Some((statements, stmt, name_node)) = declaration_of(call, &cx.ancestors(call)) else {
        return;
    };
    let name = cx.text(name_node);
    if name == "_" || !syntax::is_builtin_call(call, "make", cx) {
        return;
    }
    let refers = |ident: Node<'_>| {
        cx.lookup(name, ident)
            .is_some_and(|d| d.name.id() == name_node.id())
    };
    let mut later = later_identifiers(statements, stmt, name, cx);
    let Some(first) = later.find(|i| refers(*i)) else {
        return;
    };
    let first_is_append = first
        .parent()
        .filter(|p| p.kind_name() == "expression_list")
        .is_some_and(|left| {
            left.parent().is_some_and(|assign| {
                syntax::is_field(assign, "left", left) && syntax::is_self_append(assign, name, cx)
            })
        });
    // The first use is the append, so nothing reads or fills the leading elements before it. After it,
    // only a write into them (reserved header space filled in later) explains the length; reads such as
    // `x[i]` in a sort comparator or a truncation `x = x[:n]` see the zero values the append left behind.
    // The shape is checked before the name is resolved: resolving is the costly part.
    if !first_is_append || later.any(|u| writes_leading_elements(u, cx) && refers(u)) {
        return;
    }
    cx.finding(&META, call).report(out);
}

/// For a call that is the whole right side of `x := call` or `var x = call`, a statement of a statement list:
/// that list, the declaration statement and the declared name. `path` is the call's ancestors (one descent
/// from the root, where climbing with `parent()` would take one per level).
fn declaration_of<'t>(call: Node<'t>, path: &[Node<'t>]) -> Option<(Node<'t>, Node<'t>, Node<'t>)> {
    let (&list, path) = path.split_last()?;
    if list.kind_name() != "expression_list" {
        return None;
    }
    syntax::only_child(list).filter(|c| c.id() == call.id())?;
    let (&holder, path) = path.split_last()?;
    let (stmt, name, path) = match holder.kind_name() {
        "short_var_declaration" if syntax::is_field(holder, "right", list) => {
            let name = holder
                .field("left")
                .and_then(syntax::only_child)
                .filter(|n| n.kind_name() == "identifier" && !syntax::is_broken(*n))?;
            (holder, name, path)
        }
        "var_spec" if syntax::is_field(holder, "value", list) => {
            // The name written right before `= call` (`var x = make(...)`, no type in between).
            let mut cursor = holder.walk();
            let mut before = None;
            for child in holder.named_children(&mut cursor) {
                if child.id() == list.id() {
                    break;
                }
                if child.kind_name() != "comment" {
                    before = Some(child);
                }
            }
            let name = before.filter(|n| n.kind_name() == "identifier" && !syntax::is_broken(*n))?;
            let (&stmt, path) = path.split_last()?;
            if stmt.kind_name() != "var_declaration" {
                return None;
            }
            (stmt, name, path)
        }
        _ => return None,
    };
    let statements = path.last().filter(|p| p.kind_name() == "statement_list")?;
    Some((*statements, stmt, name))
}

fn is_zero(len: Node<'_>, cx: &FileContext<'_>) -> bool {
    let len = syntax::unparen(len);
    len.kind_name() == "int_literal" && cx.text(len).chars().all(|c| c == '0' || c == '_')
}

/// The identifiers named `name` in the statements of `statements` after `stmt`, in source order, whatever they
/// refer to. Statements are searched one at a time, as the caller asks: the first use usually settles it.
fn later_identifiers<'t, 's>(
    statements: Node<'t>,
    stmt: Node<'t>,
    name: &'s str,
    cx: &'s FileContext<'_>,
) -> impl Iterator<Item = Node<'t>> + 's
where
    't: 's,
{
    syntax::later_siblings(stmt, statements).flat_map(move |s| syntax::identifiers_named(s, name, cx, true))
}

/// Whether a use (after the first append) writes the leading elements: `x[i] = v`, `x[i]++`,
/// `copy(x, …)` / `copy(x[:4], …)`, `PutUint32(x, …)` / `PutUint32(x[:4], …)`, or `x[a:b]` passed to another
/// call (not append, not as copy's source), which may fill that window.
fn writes_leading_elements(ident: Node<'_>, cx: &FileContext<'_>) -> bool {
    let Some(parent) = ident.parent() else {
        return false;
    };
    match parent.kind_name() {
        "index_expression" if is_operand(parent, ident) => is_assigned(parent),
        "slice_expression" if is_operand(parent, ident) => {
            let Some(call) = argument_of(parent) else {
                return false;
            };
            if syntax::is_builtin_call(call, "copy", cx) {
                return syntax::arguments(call)
                    .first()
                    .is_some_and(|a| a.id() == parent.id());
            }
            !syntax::is_builtin_call(call, "append", cx)
        }
        "argument_list" => {
            let Some(call) = parent.parent() else {
                return false;
            };
            let first = syntax::arguments(call)
                .first()
                .is_some_and(|a| a.id() == ident.id());
            if syntax::is_builtin_call(call, "copy", cx) {
                return first;
            }
            first
                && call.field("function").is_some_and(|f| {
                    f.kind_name() == "selector_expression"
                        && f.field("field")
                            .is_some_and(|field| cx.text(field).starts_with("Put"))
                })
        }
        _ => false,
    }
}

fn is_operand(expr: Node<'_>, ident: Node<'_>) -> bool {
    expr.field("operand").is_some_and(|o| o.id() == ident.id())
}

/// Whether an element expression is the target of an assignment or `++`/`--`.
fn is_assigned(element: Node<'_>) -> bool {
    let Some(list) = element.parent() else {
        return false;
    };
    match list.kind_name() {
        "inc_statement" | "dec_statement" => true,
        "expression_list" => list.parent().is_some_and(|stmt| {
            stmt.kind_name() == "assignment_statement"
                && stmt.field("left").is_some_and(|l| l.id() == list.id())
        }),
        _ => false,
    }
}

/// The call that takes `expr` as a direct argument.
fn argument_of(expr: Node<'_>) -> Option<Node<'_>> {
    expr.parent()
        .filter(|p| p.kind_name() == "argument_list")
        .and_then(|p| p.parent())
}
