//! `for rows.Next()` without `rows.Err()`, or rows from a query that are never closed.

use crate::context::children::{FieldChild, KindName};
use crate::context::{DeclKind, FileContext};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/sql-rows-err-unchecked",
    category: Category::Io,
    priority: Priority::P1,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "rows.Err() is not checked after iterating with rows.Next()",
    why: "rows.Next() returns false both at the end of the result set and when fetching the next row fails (a \
          network error, a timeout, a cancelled context). Without rows.Err() a failure halfway through looks like a \
          shorter result, and the function returns partial data as if it were complete. Rows that are never closed \
          hold their connection until the iteration runs to the end: any early return or break in the loop leaks \
          a pool connection, and the pool eventually blocks every query.",
    fix: "`defer rows.Close()` right after the error check of the query, and after the loop `if err := rows.Err(); \
          err != nil { return err }`.",
    bad: r#"func userIDs(ctx context.Context, db *sql.DB) ([]int64, error) {
    rows, err := db.QueryContext(ctx, "SELECT id FROM users")
    if err != nil {
        return nil, err
    }
    var ids []int64
    for rows.Next() {
        var id int64
        if err := rows.Scan(&id); err != nil {
            return nil, err
        }
        ids = append(ids, id)
    }
    return ids, nil
}"#,
    good: r#"func userIDs(ctx context.Context, db *sql.DB) ([]int64, error) {
    rows, err := db.QueryContext(ctx, "SELECT id FROM users")
    if err != nil {
        return nil, err
    }
    defer rows.Close()
    var ids []int64
    for rows.Next() {
        var id int64
        if err := rows.Scan(&id); err != nil {
            return nil, err
        }
        ids = append(ids, id)
    }
    return ids, rows.Err()
}"#,
    applies: "For `for rows.Next()` loops over rows from a Query/QueryContext/Queryx/QueryxContext call in the same \
              function, unless the rows are returned, passed to another function or stored. A missing Close is \
              reported at the query, P0 when the loop can exit early (return, break, goto).",
};

const QUERIES: &[&str] = &["Query", "QueryContext", "Queryx", "QueryxContext"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["for_statement"]),
    check,
};

fn check(for_stmt: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // `for rows.Next() {`: the condition is the statement's only expression child.
    let mut cursor = for_stmt.walk();
    let condition = for_stmt
        .named_children(&mut cursor)
        .find(|c| c.kind_name() == "call_expression");
    let Some(next) = condition.and_then(Call::of) else {
        return;
    };
    let Some(rows) = next.recv.filter(|r| r.kind_name() == "identifier") else {
        return;
    };
    if cx.text(next.name) != "Next" || !next.arguments().is_empty() {
        return;
    }
    let name = cx.text(rows);
    let Some(decl) = cx.lookup(name, rows) else {
        return;
    };
    if !matches!(decl.kind, DeclKind::Short | DeclKind::Var) || decl.index != 0 {
        return;
    }
    let Some(query) = decl.value.filter(|v| is_query(cx, *v)) else {
        return;
    };
    let Some(func) = cx.enclosing_function(decl.name) else {
        return;
    };
    let mut err_checked = false;
    let mut closed = false;
    for id in syntax::references(cx, decl.name, func) {
        match syntax::field_of(cx, id) {
            Some((_, "Err")) => err_checked = true,
            Some((_, "Close")) => closed = true,
            Some(_) => {}
            None => {
                if syntax::escapes(id).is_some() {
                    return;
                }
            }
        }
    }
    // Only report the first loop over these rows.
    let first_loop = syntax::references(cx, decl.name, func)
        .filter_map(|id| syntax::field_of(cx, id))
        .filter(|(_, f)| *f == "Next")
        .filter_map(|(sel, _)| sel.parent().and_then(|call| call.parent()))
        .find(|p| p.kind_name() == "for_statement");
    if first_loop.is_some_and(|l| l.id() != for_stmt.id()) {
        return;
    }
    if !err_checked {
        cx.finding(&META, for_stmt).report(out);
    }
    if !closed {
        cx.finding(&META, query)
            .title(format!("{name} returned by this query is never closed"))
            .priority_if(exits_early(for_stmt, cx), Priority::P0)
            .report(out);
    }
}

/// A method call `x.Query(...)` (or QueryContext, sqlx's Queryx...).
fn is_query(cx: &FileContext<'_>, value: Node<'_>) -> bool {
    value.kind_name() == "call_expression"
        && Call::method(value, cx).is_some_and(|(recv, name)| {
            QUERIES.contains(&name)
                && !(recv.kind_name() == "identifier" && cx.imports.path_of(cx.text(recv)).is_some())
        })
}

/// Whether the loop body has a `return`, `break` or `goto` that leaves the loop (not inside a nested function).
fn exits_early<'a>(for_stmt: Node<'a>, cx: &FileContext<'a>) -> bool {
    let Some(body) = for_stmt.field("body") else {
        return false;
    };
    let own = cx.enclosing_function(for_stmt);
    ["return_statement", "goto_statement"]
        .iter()
        .flat_map(|k| syntax::descendants_of_kind(body, k))
        .any(|s| cx.enclosing_function(s) == own)
        || syntax::descendants_of_kind(body, "break_statement")
            .into_iter()
            .any(|b| breaks_out_of(b, for_stmt))
}

/// Whether an unlabelled `break` belongs to `for_stmt` (not to a nested for, switch or select), or a labelled one
/// leaves it.
fn breaks_out_of(brk: Node<'_>, for_stmt: Node<'_>) -> bool {
    if brk.named_child(0).is_some() {
        return true;
    }
    let mut node = brk.parent();
    while let Some(n) = node {
        if n.id() == for_stmt.id() {
            return true;
        }
        if matches!(
            n.kind_name(),
            "for_statement"
                | "expression_switch_statement"
                | "type_switch_statement"
                | "select_statement"
                | "func_literal"
        ) {
            return false;
        }
        node = n.parent();
    }
    false
}
