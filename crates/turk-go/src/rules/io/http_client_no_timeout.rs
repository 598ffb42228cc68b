//! An HTTP client without a timeout: a stalled server blocks the caller forever.

use crate::context::FileContext;
use crate::rules::io::http_server_no_timeouts::{literal_keys, set_later};
use crate::rules::io::shared;
use crate::rules::{CallFilter, Captures, Rule, RuleMeta};
use turk_findings::{Category, Finding, Priority};

pub struct HttpClientNoTimeout;
pub static RULE: HttpClientNoTimeout = HttpClientNoTimeout;

static META: RuleMeta = RuleMeta {
    id: "io/http-client-no-timeout",
    category: Category::Http,
    priority: Priority::P1,
    message: "http.Client without a Timeout",
    why: "http.Client's Timeout is zero by default, meaning none, and so is http.DefaultClient's (used by http.Get, \
          http.Head, http.Post and http.PostForm). When the server accepts the connection but stalls, or trickles \
          the body, the request blocks forever, together with the goroutine, the connection and whatever the caller \
          holds; under load these pile up until memory or file descriptors run out.",
    fix: "Give the client a Timeout that bounds the whole exchange (&http.Client{Timeout: 10 * time.Second}) and \
          reuse that one client, or build requests with http.NewRequestWithContext and a context that has a \
          deadline.",
    bad: "client := &http.Client{}\nresp, err := client.Get(url)",
    good: "client := &http.Client{Timeout: 10 * time.Second}\nresp, err := client.Get(url)",
    applies: "Not reported in _test.go files. P2 when the literal sets a Transport (it may carry dial, TLS and \
              response-header timeouts, though nothing bounds reading the body). http.Get/Head/Post/PostForm and \
              http.DefaultClient.Get/... are reported at P2 (P1 in HTTP handlers), and not in package main.",
};

const HTTP_FUNCS: &[&str] = &["Get", "Head", "Post", "PostForm"];

impl Rule for HttpClientNoTimeout {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (composite_literal type: (qualified_type name: (type_identifier) @t (#eq? @t "Client"))) @lit
        "#
    }

    fn calls(&self) -> CallFilter {
        CallFilter {
            names: &["Get", "Head", "Post", "PostForm"],
            unqualified: false,
        }
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        if cx.is_test {
            return;
        }
        if let Some(call) = m.get("call") {
            if cx.package == "main" {
                return;
            }
            let name = if let Some(name) = cx.call_to(call, "net/http", HTTP_FUNCS) {
                format!("http.{name}")
            } else if let Some((recv, name)) = shared::method_call(cx, call)
                && cx.names_member(recv, "net/http", &["DefaultClient"]).is_some()
            {
                format!("http.DefaultClient.{name}")
            } else {
                return;
            };
            let mut finding = cx.finding(&META, call);
            finding.title = format!("{name} uses a client without a timeout");
            let in_handler =
                crate::context::position::enclosing_function(call).is_some_and(|f| cx.is_http_handler(f));
            finding.priority = if in_handler { Priority::P1 } else { Priority::P2 };
            out.push(finding);
            return;
        }
        let lit = m.node("lit");
        if !lit
            .child_by_field_name("type")
            .is_some_and(|t| cx.is_type(t, "net/http", "Client", false))
        {
            return;
        }
        let keys = literal_keys(cx, lit);
        if keys.contains(&"Timeout") || set_later(cx, lit, &["Timeout"]) {
            return;
        }
        let mut finding = cx.finding(&META, lit);
        if keys.contains(&"Transport") {
            finding.priority = Priority::P2;
        }
        out.push(finding);
    }
}
