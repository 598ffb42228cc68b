//! An HTTP client without a timeout: a stalled server blocks the caller forever.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/http-client-no-timeout",
    category: Category::Http,
    priority: Priority::P1,
    tier: Tier::Correctness,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "http.Client without a Timeout",
    why: "http.Client's Timeout is zero by default, meaning none, and so is http.DefaultClient's (used by http.Get, \
          http.Head, http.Post and http.PostForm). When the server accepts the connection but stalls, or trickles \
          the body, the request blocks forever, together with the goroutine, the connection and whatever the caller \
          holds; under load these pile up until memory or file descriptors run out.",
    fix: "Give the client a Timeout that bounds the whole exchange (&http.Client{Timeout: 10 * time.Second}) and \
          reuse that one client, or build requests with http.NewRequestWithContext and a context that has a \
          deadline.",
    bad: r#"func fetch(url string) (*http.Response, error) {
    client := &http.Client{}
    return client.Get(url)
}"#,
    good: r#"func fetch(url string) (*http.Response, error) {
    client := &http.Client{Timeout: 10 * time.Second}
    return client.Get(url)
}"#,
    applies: "Not reported in _test.go files, nor when the Timeout is set after the literal (c.Timeout = d later \
              in the function, a field holding the client whose Timeout the file sets elsewhere such as a \
              WithTimeout option, or an option applied to the client that sets the Timeout of the *http.Client it \
              is given), nor when the client is a local whose every request carries a deadline (Do with a request \
              built by http.NewRequestWithContext or given req.WithContext with a context from \
              context.WithTimeout/WithDeadline), nor when the Transport is an http.Transport literal written in place \
              with a ResponseHeaderTimeout (a server that never answers cannot hang the caller). P2 when the \
              literal sets another Transport (it may carry dial, TLS and \
              response-header timeouts, though nothing bounds reading the body). http.Get/Head/Post/PostForm and \
              http.DefaultClient.Get/... are reported at P2 (P1 in HTTP handlers), and not in package main.",
};

const HTTP_FUNCS: &[&str] = &["Get", "Head", "Post", "PostForm"];

pub static RULE: Rule = Rule {
    meta: &META,
    // `http.Get(...)` and the like, and `http.DefaultClient.Get(...)`: a method, told apart in the check.
    visits: Visits::kinds(&["composite_literal"]).and_calls(HTTP_FUNCS),
    check,
};

fn check(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    if node.kind_name() == "call_expression" {
        check_call(cx, node, out);
        return;
    }
    if !syntax::is_literal_of(node, cx, "net/http", "Client") {
        return;
    }
    let keys = syntax::literal_keys(cx, node);
    if keys.contains(&"Timeout")
        || transport_bounds_response(cx, node)
        || syntax::client_timeout_set_later(cx, node)
        || syntax::client_requests_have_deadlines(cx, node)
    {
        return;
    }
    cx.finding(&META, node)
        .priority_if(keys.contains(&"Transport"), Priority::P2)
        .report(out);
}

/// Whether the client's Transport is written in place with a ResponseHeaderTimeout: a server that never
/// answers cannot hang the caller, which is the wait a missing Timeout is about.
fn transport_bounds_response(cx: &FileContext<'_>, client: Node<'_>) -> bool {
    syntax::literal_value(cx, client, "Transport")
        .map(syntax::unparen)
        // `&http.Transport{...}`
        .map(|t| match t.kind_name() {
            "unary_expression" => t.field("operand").unwrap_or(t),
            _ => t,
        })
        .filter(|t| {
            t.kind_name() == "composite_literal" && syntax::is_literal_of(*t, cx, "net/http", "Transport")
        })
        .is_some_and(|t| syntax::literal_keys(cx, t).contains(&"ResponseHeaderTimeout"))
}

/// `http.Get(...)` and the like, or `http.DefaultClient.Get(...)`.
fn check_call(cx: &FileContext<'_>, call: Node<'_>, out: &mut Vec<Finding>) {
    if cx.package == "main" {
        return;
    }
    let name = if let Some(name) = cx.call_to(call, "net/http", HTTP_FUNCS) {
        format!("http.{name}")
    } else if let Some((recv, name)) = Call::method(call, cx)
        && cx.names_member(recv, "net/http", &["DefaultClient"]).is_some()
    {
        format!("http.DefaultClient.{name}")
    } else {
        return;
    };
    let in_handler = cx.enclosing_function(call).is_some_and(|f| cx.is_http_handler(f));
    cx.finding(&META, call)
        .title(format!("{name} uses a client without a timeout"))
        .priority(if in_handler { Priority::P1 } else { Priority::P2 })
        .report(out);
}
