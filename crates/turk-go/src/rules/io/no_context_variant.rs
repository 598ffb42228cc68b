//! A context-free API called where a context is at hand (`http.NewRequest`, `net.Dial`, `exec.Command`,
//! `db.Query` on a `database/sql` handle).

use crate::context::FileContext;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/no-context-variant",
    category: Category::Io,
    priority: Priority::P2,
    tier: Tier::Correctness,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "context-free call in a function that has a context",
    why: "The function has a context (a context.Context parameter or the request's r.Context()), but calls an API \
          that cannot take one. The request, dial or command then ignores cancellation and deadlines: when the \
          caller gives up, it keeps running and holding a connection, a process or a goroutine, and a slow peer \
          can block it indefinitely.",
    fix: "Use the context-aware variant and pass the context: http.NewRequestWithContext(ctx, ...), \
          (&net.Dialer{}).DialContext(ctx, ...), exec.CommandContext(ctx, ...), db.QueryContext(ctx, ...), \
          db.BeginTx(ctx, nil).",
    bad: r#"func fetch(ctx context.Context, url string) (*http.Response, error) {
    req, err := http.NewRequest(http.MethodGet, url, nil)
    if err != nil {
        return nil, err
    }
    return client.Do(req)
}"#,
    good: r#"func fetch(ctx context.Context, url string) (*http.Response, error) {
    req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
    if err != nil {
        return nil, err
    }
    return client.Do(req)
}"#,
    applies: "Only in functions with a context.Context or *http.Request parameter (looking through func literals \
              called in place, not goroutines or callbacks); P1 in HTTP handlers; not in _test.go files. \
              database/sql methods (Query, QueryRow, Exec, Prepare, Begin, Ping) only when the receiver is \
              declared in this file as a *sql.DB, *sql.Tx, *sql.Conn or *sql.Stmt (variable, parameter, field \
              of a struct declared here) or comes from sql.Open. http.NewRequest is not reported when the request \
              gets the context later: req = req.WithContext(ctx), req.Clone(ctx), client.Do(req.WithContext(ctx)), \
              or the request handed to a call together with a context (a helper such as do(ctx, req)).",
};

/// Package functions that have a context-aware variant (see [`replacement`]).
const PACKAGE_CALLS: &[(&str, &[&str])] = &[
    ("net/http", &["NewRequest"]),
    ("net", &["Dial", "DialTimeout"]),
    ("os/exec", &["Command"]),
];

/// database/sql handle types whose methods have `...Context` variants.
const SQL_HANDLES: &[&str] = &["DB", "Tx", "Conn", "Stmt"];

/// `database/sql` methods that have a `...Context` variant.
const SQL_METHODS: &[&str] = &["Query", "QueryRow", "Exec", "Prepare", "Begin", "Ping"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(SQL_METHODS).and_package_calls(PACKAGE_CALLS),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let Some(Call {
        name,
        recv: Some(recv),
        ..
    }) = Call::of(call)
    else {
        return;
    };
    let method = cx.text(name);
    let sql = SQL_METHODS.contains(&method);
    let package_call = if sql {
        None
    } else {
        let Some(known) = replacement(method) else {
            return;
        };
        Some(known)
    };
    // Whether a context is at hand is the cheaper question for a SQL method: telling a database/sql handle
    // may look through the file's struct declarations.
    let Some((func, param)) = syntax::function_with_context(cx, call) else {
        return;
    };
    // `req = req.WithContext(ctx)`, `c.Do(req.WithContext(ctx))`, `c.do(ctx, req)`: the request goes out with the
    // context after all.
    if method == "NewRequest" && syntax::request_gets_context_later(cx, call) {
        return;
    }
    let (what, instead) = match package_call {
        Some((function, instead)) => (function.to_string(), instead.to_string()),
        None => {
            if !is_sql_handle(recv, cx) {
                return;
            }
            let recv = cx.text(recv);
            let instead = match method {
                "Begin" => format!("{recv}.BeginTx"),
                _ => format!("{recv}.{method}Context"),
            };
            (format!("{recv}.{method}"), instead)
        }
    };
    let from = if cx.is_type(
        param
            .parent()
            .and_then(|p| p.child_by_field_name("type"))
            .unwrap_or(param),
        "context",
        "Context",
        false,
    ) {
        cx.text(param).to_string()
    } else {
        format!("{}.Context()", cx.text(param))
    };
    let title = if instead.ends_with(".BeginTx") {
        format!("{what} ignores {from}: use {instead}({from}, nil)")
    } else {
        format!("{what} ignores {from}: use {instead}")
    };
    cx.finding(&META, call)
        .title(title)
        .priority_if(cx.is_http_handler(func), Priority::P1)
        .report(out);
}

/// For a package function of [`PACKAGE_CALLS`]: its name as written with the package, and its context-aware
/// replacement.
fn replacement(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "NewRequest" => Some(("http.NewRequest", "http.NewRequestWithContext")),
        "Dial" => Some(("net.Dial", "(&net.Dialer{}).DialContext")),
        "DialTimeout" => Some(("net.DialTimeout", "(&net.Dialer{Timeout: d}).DialContext")),
        "Command" => Some(("exec.Command", "exec.CommandContext")),
        _ => None,
    }
}

fn is_sql_type(ty: Node<'_>, cx: &FileContext<'_>) -> bool {
    SQL_HANDLES
        .iter()
        .any(|name| cx.is_type(ty, "database/sql", name, true))
}

/// Whether an expression is known to be a database/sql handle: an identifier declared with a handle type, from
/// `sql.Open`/`sql.OpenDB`, or from `h.Begin`/`BeginTx`/`Prepare`/`PrepareContext`/`Conn` on a known handle; or `x.f` where `f` is a handle-typed field of a struct declared in this file.
fn is_sql_handle<'a>(recv: Node<'a>, cx: &FileContext<'a>) -> bool {
    is_sql_handle_within(recv, cx, 4)
}

fn is_sql_handle_within<'a>(recv: Node<'a>, cx: &FileContext<'a>, depth: u32) -> bool {
    let recv = syntax::unparen(recv);
    match recv.kind() {
        "identifier" => cx.lookup(cx.text(recv), recv).is_some_and(|decl| {
            decl.type_node.is_some_and(|t| is_sql_type(t, cx))
                || decl.index == 0
                    && decl
                        .value
                        .is_some_and(|v| opens_handle(syntax::unparen(v), cx, depth))
        }),
        "selector_expression" => {
            let (Some(operand), Some(field)) = (
                recv.child_by_field_name("operand"),
                recv.child_by_field_name("field"),
            ) else {
                return false;
            };
            field_is_sql_handle(operand, cx.text(field), cx)
        }
        _ => false,
    }
}

/// `sql.Open(...)`, `sql.OpenDB(...)`, or a method of a known handle that returns a handle.
fn opens_handle<'a>(value: Node<'a>, cx: &FileContext<'a>, depth: u32) -> bool {
    if cx.call_to(value, "database/sql", &["Open", "OpenDB"]).is_some() {
        return true;
    }
    if depth == 0 || value.kind() != "call_expression" {
        return false;
    }
    let Some(function) = value
        .child_by_field_name("function")
        .filter(|f| f.kind() == "selector_expression")
    else {
        return false;
    };
    let (Some(operand), Some(field)) = (
        function.child_by_field_name("operand"),
        function.child_by_field_name("field"),
    ) else {
        return false;
    };
    matches!(
        cx.text(field),
        "Begin" | "BeginTx" | "Prepare" | "PrepareContext" | "Conn"
    ) && is_sql_handle_within(operand, cx, depth - 1)
}

/// For `operand.field`: whether the field is declared with a handle type. When the operand's declared type is a
/// struct of this file, that struct decides; otherwise every struct of this file declaring a field of that name
/// must declare it as a handle (and at least one must).
fn field_is_sql_handle<'a>(operand: Node<'a>, field: &str, cx: &FileContext<'a>) -> bool {
    let root = cx.root();
    let operand = syntax::unparen(operand);
    let struct_name = (operand.kind() == "identifier")
        .then(|| cx.lookup(cx.text(operand), operand))
        .flatten()
        .and_then(|decl| decl.type_node)
        .map(|t| {
            if t.kind() == "pointer_type" {
                t.named_child(0).unwrap_or(t)
            } else {
                t
            }
        })
        .filter(|t| t.kind() == "type_identifier")
        .map(|t| cx.text(t));
    let mut verdict: Option<bool> = None;
    // The struct types declared at package level.
    let mut decls = root.walk();
    for decl in root
        .named_children(&mut decls)
        .filter(|d| d.kind() == "type_declaration")
    {
        let mut specs = decl.walk();
        for spec in decl
            .named_children(&mut specs)
            .filter(|s| s.kind() == "type_spec")
        {
            let Some(body) = spec
                .child_by_field_name("type")
                .filter(|t| t.kind() == "struct_type")
            else {
                continue;
            };
            let spec_name = spec.child_by_field_name("name").map(|n| cx.text(n));
            if let Some(wanted) = struct_name
                && spec_name != Some(wanted)
            {
                continue;
            }
            for decl in syntax::descendants(body).filter(|n| n.kind() == "field_declaration") {
                let mut cursor = decl.walk();
                let named = decl
                    .children_by_field_name("name", &mut cursor)
                    .any(|f| cx.text(f) == field);
                if named && let Some(ty) = decl.child_by_field_name("type") {
                    verdict = Some(verdict.unwrap_or(true) && is_sql_type(ty, cx));
                }
            }
        }
    }
    verdict.unwrap_or(false)
}
