//! `for` statements: the variables a loop header declares, its body, the collection it goes over, whether it
//! grows a collection, and whether its body searches for an element.

use super::exprs::{is_builtin_call, root_identifier, unparen};
use super::walk::walk_same_function;
use crate::context::children::{FieldChild, KindName, descendants, each_argument, each_child, only_child};
use crate::context::scopes;
use crate::context::{DeclKind, FileContext};
use tree_sitter::Node;

/// The identifiers a `for` statement declares with `:=` in its header (range key/value, for-clause init).
pub fn loop_variables(loop_stmt: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = loop_stmt.walk();
    let Some(header) = loop_stmt
        .named_children(&mut cursor)
        .find(|n| matches!(n.kind_name(), "range_clause" | "for_clause"))
    else {
        return Vec::new();
    };
    let left = match header.kind_name() {
        "range_clause" => header
            .field("left")
            .filter(|l| l.next_sibling().is_some_and(|t| t.kind_name() == ":=")),
        _ => header
            .field("initializer")
            .filter(|i| i.kind_name() == "short_var_declaration")
            .and_then(|i| i.field("left")),
    };
    left.map(scopes::named_children)
        .unwrap_or_default()
        .into_iter()
        .filter(|n| n.kind_name() == "identifier")
        .collect()
}

/// The loop's body block.
pub fn loop_body(loop_stmt: Node<'_>) -> Option<Node<'_>> {
    loop_stmt.field("body")
}

/// The collection a `for` statement goes over: the range expression (`for _, x := range xs`), or `xs` of a
/// counting header `for i := ...; i < len(xs); ...`. Parentheses aside; `None` for other loops.
pub fn loop_collection<'t>(loop_stmt: Node<'t>, cx: &FileContext<'_>) -> Option<Node<'t>> {
    let header = each_child(loop_stmt).find(|n| matches!(n.kind_name(), "range_clause" | "for_clause"))?;
    if header.kind_name() == "range_clause" {
        return header.field("right").map(unparen);
    }
    let condition = unparen(header.field("condition")?);
    if condition.kind_name() != "binary_expression"
        || condition
            .field("operator")
            .is_none_or(|op| !matches!(cx.text(op), "<" | "<="))
    {
        return None;
    }
    let bound = unparen(condition.field("right")?);
    if !is_builtin_call(bound, "len", cx) {
        return None;
    }
    only_child(bound.field("arguments")?).map(unparen)
}

/// Whether two expressions name the same collection: the same variable (an identifier declared at the same
/// place) or the same field path written alike (`s.items`).
pub fn same_collection(a: Node<'_>, b: Node<'_>, cx: &FileContext<'_>) -> bool {
    let (a, b) = (unparen(a), unparen(b));
    if a.kind_name() != b.kind_name() || cx.text(a) != cx.text(b) {
        return false;
    }
    match a.kind_name() {
        "identifier" => {
            let name = cx.text(a);
            match (cx.lookup(name, a), cx.lookup(name, b)) {
                (Some(x), Some(y)) => x.name.id() == y.name.id(),
                (None, None) => true,
                _ => false,
            }
        }
        "selector_expression" => true,
        _ => false,
    }
}

/// Whether the body of `loop_stmt` grows `collection` with `collection = append(collection, …)` (its func
/// literals aside), the collection compared as written.
pub fn appends_to(loop_stmt: Node<'_>, collection: Node<'_>, cx: &FileContext<'_>) -> bool {
    let Some(body) = loop_body(loop_stmt) else {
        return false;
    };
    let name = cx.text(collection);
    if !cx.text(body).contains("append(") {
        return false;
    }
    let mut found = false;
    walk_same_function(body, &mut |n| {
        if n.kind_name() == "assignment_statement" && is_append_to(n, name, cx) {
            found = true;
        }
        !found
    });
    found
}

/// `name = append(name, …)`, `name` an identifier or a field path compared as written.
fn is_append_to(stmt: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    if stmt.field("operator").is_none_or(|op| cx.text(op) != "=") {
        return false;
    }
    let (Some(left), Some(right)) = (
        stmt.field("left").and_then(only_child),
        stmt.field("right").and_then(only_child),
    ) else {
        return false;
    };
    let value = unparen(right);
    cx.text(left) == name
        && is_builtin_call(value, "append", cx)
        && each_argument(value).next().is_some_and(|a| cx.text(a) == name)
}

/// Whether `body` (a loop's) holds a search: an `if` comparing with `==` one of `names` (the inner loop's
/// variables) with something other than a literal, whose block leaves the loop or the function (`break`,
/// `return`, a labelled `continue`, `goto`).
pub fn searches(body: Node<'_>, names: &[&str], cx: &FileContext<'_>) -> bool {
    let mut found = false;
    walk_same_function(body, &mut |n| {
        if n.kind_name() == "if_statement"
            && n.field("condition").is_some_and(|c| compares_equal(c, names, cx))
            && n.field("consequence").is_some_and(leaves_loop)
        {
            found = true;
        }
        !found
    });
    found
}

/// A condition with an `==` that has one of `names` on a side (alone, indexed, or as a field's owner) and no
/// literal on the other (`c == '`'` looks for a character, not for an item).
fn compares_equal(condition: Node<'_>, names: &[&str], cx: &FileContext<'_>) -> bool {
    descendants(condition).any(|n| {
        if n.kind_name() != "binary_expression" || n.field("operator").is_none_or(|op| cx.text(op) != "==") {
            return false;
        }
        let (Some(left), Some(right)) = (n.field("left"), n.field("right")) else {
            return false;
        };
        let mentions = |e: Node<'_>| names.contains(&root_name(e, cx));
        (mentions(left) && !is_literal(right)) || (mentions(right) && !is_literal(left))
    })
}

fn is_literal(expr: Node<'_>) -> bool {
    matches!(
        unparen(expr).kind_name(),
        "int_literal"
            | "float_literal"
            | "rune_literal"
            | "interpreted_string_literal"
            | "raw_string_literal"
            | "nil"
            | "true"
            | "false"
    )
}

/// The identifier an expression starts from: `x` of `x`, `x.f`, `x[i]`, `x.f[i].g`; empty otherwise.
fn root_name<'a>(expr: Node<'_>, cx: &FileContext<'a>) -> &'a str {
    root_identifier(expr).map_or("", |id| cx.text(id))
}

/// Whether a block leaves the loop once its search has hit: `break`, `return`, a labelled `continue`, `goto`.
fn leaves_loop(block: Node<'_>) -> bool {
    descendants(block).any(|n| match n.kind_name() {
        "break_statement" | "return_statement" | "goto_statement" => true,
        "continue_statement" => only_child(n).is_some(),
        _ => false,
    })
}

/// Whether `collection` is the function's input: a parameter or the receiver, a field or element reached from
/// one (`s.items`, `req.IDs`), or an item of a range over one. Its size is the caller's, not fixed by the code at
/// hand. Strings are not collections here.
pub fn is_input(collection: Node<'_>, cx: &FileContext<'_>) -> bool {
    is_input_depth(collection, cx, 0)
        && super::types::basic_of(collection, cx) != Some(super::types::Basic::String)
}

fn is_input_depth(collection: Node<'_>, cx: &FileContext<'_>, depth: u32) -> bool {
    let Some(root) = root_identifier(collection) else {
        return false;
    };
    let Some(decl) = cx.lookup(cx.text(root), root) else {
        return false;
    };
    match decl.kind {
        DeclKind::Parameter | DeclKind::Receiver => true,
        // `for _, group := range groups`: an item of the input is input too.
        DeclKind::Short if depth < 2 => {
            decl.name
                .parent()
                .and_then(|list| list.parent())
                .is_some_and(|p| p.kind_name() == "range_clause")
                && decl.value.is_some_and(|v| is_input_depth(v, cx, depth + 1))
        }
        _ => false,
    }
}

/// Loops that [`is_small_fixed_loop`] counts as running a few times run at most this many times.
const FEW: u64 = 16;

/// Whether a loop runs a few times fixed by the code: at most [`FEW`] (see [`runs_at_most`]). What it builds
/// per iteration stays small.
pub fn is_small_fixed_loop(loop_stmt: Node<'_>, cx: &FileContext<'_>) -> bool {
    runs_at_most(loop_stmt, FEW, cx)
}

/// Whether a loop runs at most `most` times, fixed by the code: `for i := 0; i < 4; i++`, `for range 8`, a range
/// over a string literal of at most that many bytes, or over a literal of at most that many elements, directly
/// or through a local whose every value is one (`networks := []string{"udp", "tcp"}`, set to another small
/// literal on some branch, or resliced: `probes = probes[:1]`).
pub fn runs_at_most(loop_stmt: Node<'_>, most: u64, cx: &FileContext<'_>) -> bool {
    let few =
        |n: Node<'_>| n.kind_name() == "int_literal" && cx.text(n).parse::<u64>().is_ok_and(|v| v <= most);
    let Some(header) = each_child(loop_stmt).find(|n| matches!(n.kind_name(), "range_clause" | "for_clause"))
    else {
        return false;
    };
    if header.kind_name() == "for_clause" {
        // `i := <literal>; i < <few>` (or `<=`): counting up from a constant to a small one.
        let starts_at_literal = header
            .field("initializer")
            .filter(|i| i.kind_name() == "short_var_declaration")
            .and_then(|i| i.field("right"))
            .and_then(only_child)
            .is_some_and(|v| unparen(v).kind_name() == "int_literal");
        let Some(condition) = header
            .field("condition")
            .map(unparen)
            .filter(|c| c.kind_name() == "binary_expression")
        else {
            return false;
        };
        return starts_at_literal
            && condition
                .field("operator")
                .is_some_and(|op| matches!(cx.text(op), "<" | "<="))
            && condition.field("right").is_some_and(|bound| few(unparen(bound)));
    }
    let Some(range) = header.field("right").map(unparen) else {
        return false;
    };
    match range.kind_name() {
        "int_literal" => few(range),
        "composite_literal" => is_few_literal(range, most),
        "interpreted_string_literal" | "raw_string_literal" => cx.text(range).len() as u64 <= most + 2,
        "identifier" => holds_only_few_literals(range, most, cx),
        _ => false,
    }
}

/// A composite literal of at most `most` elements.
fn is_few_literal(expr: Node<'_>, most: u64) -> bool {
    unparen(expr).kind_name() == "composite_literal" && literal_len(expr) <= most
}

/// Whether the variable `ident` names (a local, or a package-level one as far as this file shows) only ever
/// holds at most `most` elements: its declaration's value (if any) and every assignment to it are small
/// literals, reslices of itself, or appends of single elements outside any loop or func literal (`roots =
/// append(roots, wd)` on a branch: the elements written in the code, counted), and nothing else writes it
/// (element assignments, its address taken).
fn holds_only_few_literals(ident: Node<'_>, most: u64, cx: &FileContext<'_>) -> bool {
    let Some(decl) = cx.lookup(cx.text(ident), ident) else {
        return false;
    };
    // A package-level variable is looked at in this file only.
    let scope = cx.enclosing_function(decl.name).unwrap_or_else(|| cx.root());
    let name = cx.text(decl.name);
    let declared_few = match decl.value {
        Some(value) => is_few_literal(value, most),
        // `var networks []string`, set on each branch below.
        None => decl.kind == DeclKind::Var,
    };
    if !declared_few {
        return false;
    }
    let mut assigned = false;
    let mut largest_literal = decl.value.map_or(0, literal_len);
    let mut appended = 0;
    for reference in super::variables::references(cx, decl.name, scope) {
        let Some(list) = reference.parent() else {
            return false;
        };
        let assignment = list.parent().filter(|stmt| {
            list.kind_name() == "expression_list"
                && stmt.kind_name() == "assignment_statement"
                && stmt.field("left").is_some_and(|l| l.id() == list.id())
        });
        match assignment {
            Some(stmt) => {
                let Some(value) = stmt
                    .field("right")
                    .and_then(only_child)
                    .filter(|_| only_child(list).is_some())
                else {
                    return false;
                };
                let resliced = value.kind_name() == "slice_expression"
                    && value
                        .field("operand")
                        .is_some_and(|o| o.kind_name() == "identifier" && cx.text(o) == name);
                if is_few_literal(value, most) {
                    largest_literal = largest_literal.max(literal_len(value));
                } else if let Some(count) = appended_once(value, name, scope, cx) {
                    appended += count;
                } else if !resliced {
                    return false;
                }
                assigned = true;
            }
            // The first argument of `x = append(x, ...)`, counted with its assignment.
            None if appends_to_itself(reference, name, cx) => {}
            None if super::variables::is_written_reference(cx, reference) => return false,
            None => {}
        }
    }
    (decl.value.is_some() || assigned) && largest_literal + appended <= most
}

/// The number of elements of a composite literal (0 for anything else).
fn literal_len(expr: Node<'_>) -> u64 {
    let expr = unparen(expr);
    if expr.kind_name() != "composite_literal" {
        return 0;
    }
    expr.field("body")
        .map_or(0, |body| each_child(body).count() as u64)
}

/// For `append(name, a, b)` outside any loop, with no spread argument, in `scope` itself (not in a func literal,
/// which may be called any number of times): how many elements it adds (2).
fn appended_once<'a>(value: Node<'a>, name: &str, scope: Node<'a>, cx: &FileContext<'a>) -> Option<u64> {
    let value = unparen(value);
    if !is_builtin_call(value, "append", cx)
        || cx.in_loop_body(value)
        || cx.enclosing_function(value).map(|f| f.id()) != Some(scope.id())
    {
        return None;
    }
    let args: Vec<Node<'_>> = each_argument(value).collect();
    let (first, rest) = args.split_first()?;
    let onto_itself = first.kind_name() == "identifier" && cx.text(*first) == name;
    (onto_itself && rest.iter().all(|a| a.kind_name() != "variadic_argument")).then_some(rest.len() as u64)
}

/// Whether `reference` is the first argument of an `append` whose result is assigned back to `name` alone.
fn appends_to_itself(reference: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    let Some(call) = reference.parent().and_then(|args| args.parent()) else {
        return false;
    };
    let first = each_argument(call)
        .next()
        .is_some_and(|a| a.id() == reference.id());
    let Some(stmt) = call
        .parent()
        .filter(|l| l.kind_name() == "expression_list" && only_child(*l).is_some())
        .and_then(|l| l.parent())
        .filter(|s| s.kind_name() == "assignment_statement")
    else {
        return false;
    };
    first
        && is_builtin_call(call, "append", cx)
        && stmt
            .field("left")
            .and_then(only_child)
            .is_some_and(|l| l.kind_name() == "identifier" && cx.text(l) == name)
}

/// Whether a loop goes over items: a range, or a three-part `for init; cond; post` header. A loop with only a
/// condition, or none, waits or retries more often than it goes over data.
pub fn goes_over_items(loop_stmt: Node<'_>) -> bool {
    each_child(loop_stmt).any(|n| match n.kind_name() {
        "range_clause" => true,
        "for_clause" => n.field("update").is_some(),
        _ => false,
    })
}
