//! `http.Get`/`client.Get` and their siblings (which cannot take a context) called where a context is at hand,
//! above all in an HTTP handler.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax::{self, HttpSend};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/http-request-without-context",
    category: Category::Http,
    priority: Priority::P2,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "outbound HTTP request cannot be cancelled with the caller's context",
    why: "http.Get, http.Post and Client.Get/Head/Post/PostForm send a request with context.Background(): when the \
          incoming request is cancelled (the client went away, a deadline passed, the server is shutting down) \
          the outbound call keeps going until the remote answers or the client's timeout fires, which for \
          http.DefaultClient is never. Each abandoned call holds a goroutine, a pooled connection and its \
          buffers; when the remote is slow, cancelled requests pile up behind it and the server runs out of \
          connections to that host long after the callers gave up.",
    fix: "Build the request with the context and send it with Do: `req, err := http.NewRequestWithContext(r.Context(), \
          http.MethodGet, url, nil)`, then `resp, err := client.Do(req)` (in a function given a ctx, pass ctx).",
    bad: r#"func proxy(w http.ResponseWriter, r *http.Request) {
    resp, err := http.Get("http://backend/items")
    if err != nil {
        http.Error(w, err.Error(), http.StatusBadGateway)
        return
    }
    defer resp.Body.Close()
    io.Copy(w, resp.Body)
}"#,
    good: r#"func proxy(w http.ResponseWriter, r *http.Request) {
    req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://backend/items", nil)
    if err != nil {
        http.Error(w, err.Error(), http.StatusInternalServerError)
        return
    }
    resp, err := http.DefaultClient.Do(req)
    if err != nil {
        http.Error(w, err.Error(), http.StatusBadGateway)
        return
    }
    defer resp.Body.Close()
    io.Copy(w, resp.Body)
}"#,
    applies: "http.Get/Head/Post/PostForm, and Get/Head/Post/PostForm on a client known from this file, in a \
              function with a context.Context or *http.Request parameter (looking through func literals called \
              in place, not goroutines or callbacks). P1 in HTTP handlers. Not in _test.go files. Requests sent \
              with Do carry the context they were built with: io/no-context-variant and \
              io/fresh-context-in-ctx-func look at how they were built.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(syntax::HTTP_SENDS),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // Knowing a call sends a request takes net/http's names in this file.
    if cx.is_test || !cx.imports.imports("net/http") {
        return;
    }
    if !matches!(
        syntax::http_send(cx, call),
        Some(HttpSend::Package | HttpSend::ClientNoContext)
    ) {
        return;
    }
    let Some((func, param)) = syntax::function_with_context(cx, call) else {
        return;
    };
    let is_request = param
        .parent()
        .and_then(|p| p.field("type"))
        .is_some_and(|t| t.kind_name() == "pointer_type");
    let context = if is_request {
        format!("{}.Context()", cx.text(param))
    } else {
        cx.text(param).to_string()
    };
    let sent = Call::of(call)
        .and_then(|c| c.node.field("function"))
        .map_or("", |f| cx.text(f));
    cx.finding(&META, call)
        .title(format!(
            "{sent} cannot be cancelled with {context}: build the request with it and send it with Do"
        ))
        .priority_if(cx.is_http_handler(func), Priority::P1)
        .report(out);
}
