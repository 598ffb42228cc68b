//! An empty slice filled by appending once per element of the range loop that follows: the length is known,
//! the capacity is not given.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "alloc/append-in-loop-no-prealloc",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::High,
    about_tests: false,
    message: "slice could be preallocated: appended once per element of the following range loop",
    why: "Appending to an empty slice grows its backing array by doubling: for n elements that is about log2(n) \
          reallocations, each copying everything so far, plus garbage for the collector. The loop appends \
          exactly once per element of what it ranges over, so the final length is known before it starts.",
    fix: "Give the slice its capacity up front: `x := make([]T, 0, len(src))` (keep appending), or make it with \
          the full length and assign x[i]. Note that a preallocated empty input yields an empty, non-nil slice \
          (JSON `[]` instead of `null`).",
    bad: r#"func userIDs(users []User) []string {
    var ids []string
    for _, u := range users {
        ids = append(ids, u.ID)
    }
    return ids
}"#,
    good: r#"func userIDs(users []User) []string {
    ids := make([]string, 0, len(users))
    for _, u := range users {
        ids = append(ids, u.ID)
    }
    return ids
}"#,
    applies: "Only the shape prealloc's simple mode accepts: the range loop directly follows the declaration, \
              appends unconditionally, and has no return, break, continue or goto; never for ranges over \
              channels or iterator functions; not when an append spreads a slice (append(x, f(y)...): the final \
              length is not known), nor for loops over a handful of elements written in the code (a literal of at \
              most 8 elements or bytes, directly or through a local that only ever holds one, or `range 8`). A style rule: off \
              unless asked for; a few reallocations matter only where a profile shows the loop hot.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["for_statement"]),
    check,
};

/// Handed every `for` statement: a range loop is checked against the declaration right before it.
fn check(for_stmt: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(range) = syntax::each_child(for_stmt).find(|n| n.kind_name() == "range_clause") else {
        return;
    };
    let Some(body) = for_stmt.field("body") else {
        return;
    };
    let Some(list) = for_stmt.parent().filter(|p| p.kind_name() == "statement_list") else {
        return;
    };
    let Some(decl) = statement_before(list, for_stmt) else {
        return;
    };
    let Some((name_node, make)) = empty_slice_declaration(decl, cx) else {
        return;
    };
    let name = cx.text(name_node);
    if name == "_"
        || !ranges_over_sized(range, cx)
        || syntax::runs_at_most(for_stmt, FEW, cx)
        || exits_early(body)
    {
        return;
    }
    if make.is_some_and(|call| !syntax::is_builtin_call(call, "make", cx))
        || !only_appends(body, name_node, name, cx)
    {
        return;
    }
    cx.finding(&META, decl).report(out);
}

/// The statement of `list` right before `stmt`, comments skipped.
fn statement_before<'t>(list: Node<'t>, stmt: Node<'t>) -> Option<Node<'t>> {
    let mut cursor = list.walk();
    let mut before = None;
    for child in list.named_children(&mut cursor) {
        if child.id() == stmt.id() {
            return before;
        }
        if child.kind_name() != "comment" {
            before = Some(child);
        }
    }
    None
}

/// For `var x []T` (no value), `x := []T{}` or `x := make([]T, 0)`: the declared name, and the `make` call
/// when there is one (whether that `make` is the builtin takes a scope lookup, left to the caller).
fn empty_slice_declaration<'t>(decl: Node<'t>, cx: &FileContext<'_>) -> Option<(Node<'t>, Option<Node<'t>>)> {
    let (name, make) = match decl.kind_name() {
        "var_declaration" => {
            let spec = syntax::each_child(decl).find(|n| n.kind_name() == "var_spec")?;
            if spec.field("value").is_some() || spec.field("type")?.kind_name() != "slice_type" {
                return None;
            }
            let mut cursor = spec.walk();
            let mut names = spec.children_by_field_name("name", &mut cursor);
            let name = names.next().filter(|n| n.kind_name() == "identifier")?;
            if names.next().is_some() {
                return None;
            }
            (name, None)
        }
        "short_var_declaration" => {
            let name = decl
                .field("left")
                .and_then(syntax::only_child)
                .filter(|n| n.kind_name() == "identifier")?;
            let value = decl.field("right").and_then(syntax::only_child)?;
            match value.kind_name() {
                "composite_literal" => {
                    let empty = value.field("type").is_some_and(|t| t.kind_name() == "slice_type")
                        && value
                            .field("body")
                            .is_some_and(|b| syntax::each_child(b).next().is_none());
                    if !empty {
                        return None;
                    }
                    (name, None)
                }
                "call_expression" => {
                    let function = value.field("function")?;
                    if function.kind_name() != "identifier" || cx.text(function) != "make" {
                        return None;
                    }
                    let mut args = syntax::each_argument(value);
                    let (ty, len) = (args.next()?, args.next()?);
                    if args.next().is_some()
                        || ty.kind_name() != "slice_type"
                        || len.kind_name() != "int_literal"
                        || cx.text(len) != "0"
                    {
                        return None;
                    }
                    (name, Some(value))
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    (!syntax::is_broken(name)).then_some((name, make))
}

/// Whether the range expression has a length known before the loop: a slice, array, map, string or integer —
/// not a channel or an iterator function.
fn ranges_over_sized(range: Node<'_>, cx: &FileContext<'_>) -> bool {
    let Some(right) = range.field("right") else {
        return false;
    };
    let vars = range.field("left").map_or(0, |l| syntax::children(l).len());
    sized_expr(right, vars, cx, true)
}

fn sized_expr(expr: Node<'_>, vars: usize, cx: &FileContext<'_>, follow: bool) -> bool {
    let expr = syntax::unparen(expr);
    match expr.kind_name() {
        "composite_literal" => expr.field("type").is_some_and(|t| {
            matches!(
                t.kind_name(),
                "slice_type" | "map_type" | "array_type" | "implicit_length_array_type"
            )
        }),
        "type_conversion_expression"
        | "interpreted_string_literal"
        | "raw_string_literal"
        | "int_literal" => true,
        "call_expression" => {
            syntax::is_builtin_call(expr, "len", cx)
                || (syntax::is_builtin_call(expr, "make", cx)
                    && syntax::arguments(expr)
                        .first()
                        .is_some_and(|t| matches!(t.kind_name(), "slice_type" | "map_type")))
                || cx
                    .call_to(
                        expr,
                        "strings",
                        &[
                            "Split",
                            "SplitN",
                            "SplitAfter",
                            "SplitAfterN",
                            "Fields",
                            "FieldsFunc",
                        ],
                    )
                    .is_some()
                || cx
                    .call_to(expr, "bytes", &["Split", "SplitN", "Fields", "FieldsFunc"])
                    .is_some()
        }
        "identifier" => match cx.lookup(cx.text(expr), expr) {
            Some(decl) => match (decl.type_node, decl.value) {
                (Some(ty), _) => sized_type(ty, cx),
                // One level through `xs := <sized expression>`.
                (None, Some(value)) => {
                    follow
                        && (decl.index == 0 || value.kind_name() != "call_expression")
                        && value.parent().is_none_or(|p| p.kind_name() != "range_clause")
                        && sized_expr(value, vars, cx, false)
                }
                // Declared elsewhere in the package: a channel allows one iteration variable only.
                (None, None) => vars == 2,
            },
            None => vars == 2,
        },
        // Fields and indexed elements: with two iteration variables this is not a channel.
        "selector_expression" | "index_expression" => vars == 2,
        _ => false,
    }
}

/// Loops over at most this many elements written in the code are not worth preallocating for: appending them
/// to an empty slice grows it at most four times (1, 2, 4, 8 elements), a few small allocations.
const FEW: u64 = 8;

fn sized_type(ty: Node<'_>, cx: &FileContext<'_>) -> bool {
    match ty.kind_name() {
        "slice_type" | "array_type" | "map_type" | "implicit_length_array_type" => true,
        "pointer_type" => ty.named_child(0).is_some_and(|t| t.kind_name() == "array_type"),
        _ => syntax::basic_of_type(ty, cx).is_some_and(|b| b != syntax::Basic::Bool),
    }
}

/// Whether the loop body can leave an iteration early (prealloc's simple mode skips these loops).
fn exits_early(body: Node<'_>) -> bool {
    let mut exits = false;
    syntax::walk_same_function(body, &mut |n| {
        if matches!(
            n.kind_name(),
            "return_statement" | "break_statement" | "continue_statement" | "goto_statement"
        ) {
            exits = true;
            return false;
        }
        true
    });
    exits
}

/// Whether every use of the slice in the loop body is an unconditional `x = append(x, …)` statement of the body,
/// none of them a spread (`append(x, f(y)...)` adds as many elements as `f(y)` has: the final length is not
/// known).
fn only_appends(body: Node<'_>, declared: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    let Some(list) = syntax::children(body)
        .into_iter()
        .find(|n| n.kind_name() == "statement_list")
    else {
        return false;
    };
    let appends: Vec<Node<'_>> = syntax::children(list)
        .into_iter()
        .filter(|s| syntax::is_self_append(*s, name, cx))
        .collect();
    if appends.is_empty() || appends.iter().any(|a| is_spread(*a)) {
        return false;
    }
    for ident in syntax::identifiers_named(body, name, cx, true) {
        if cx
            .lookup(name, ident)
            .is_some_and(|d| d.name.id() != declared.id())
        {
            continue;
        }
        if !appends.iter().any(|a| syntax::contains(*a, ident)) {
            return false;
        }
    }
    appends
        .iter()
        .all(|a| syntax::identifiers_named(*a, name, cx, true).len() == 2)
}

/// Whether an `x = append(x, ys...)` statement spreads a slice into the append.
fn is_spread(append_stmt: Node<'_>) -> bool {
    syntax::descendants(append_stmt)
        .filter(|n| n.kind_name() == "argument_list")
        .take(1)
        .any(|args| syntax::each_child(args).any(|a| a.kind_name() == "variadic_argument"))
}
