//! A context-free API called where a context is at hand (`http.NewRequest`, `net.Dial`, `exec.Command`,
//! `db.Query` on a `database/sql` handle).

use crate::context::FileContext;
use crate::context::children::FieldChild;
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
            if !syntax::is_sql_handle(recv, cx) {
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
        param.parent().and_then(|p| p.field("type")).unwrap_or(param),
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
