//! An HTTP server without read timeouts: slow or idle clients hold connections and goroutines forever.

use crate::context::FileContext;
use crate::context::children::KindName;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/http-server-no-timeouts",
    category: Category::Http,
    priority: Priority::P1,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "http.Server without ReadHeaderTimeout or ReadTimeout",
    why: "An http.Server's timeouts are all zero by default, meaning none. A client that opens connections and \
          sends headers slowly (Slowloris), or just never finishes a request, keeps a connection, a goroutine and \
          its buffers alive indefinitely; enough of them exhaust file descriptors and memory. The package-level \
          http.ListenAndServe/Serve functions use such a zero-value Server and offer no way to set a timeout.",
    fix: "Use an explicit &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second} (also consider \
          ReadTimeout, WriteTimeout and IdleTimeout) and call its ListenAndServe method.",
    bad: r#"func serve(mux *http.ServeMux) {
    log.Fatal(http.ListenAndServe(":8080", mux))
}"#,
    good: r#"func serve(mux *http.ServeMux) {
    srv := &http.Server{
        Addr:              ":8080",
        Handler:           mux,
        ReadHeaderTimeout: 5 * time.Second,
        IdleTimeout:       120 * time.Second,
    }
    log.Fatal(srv.ListenAndServe())
}"#,
    applies: "Not reported in _test.go files, nor for a server on a literal loopback address (`localhost:6060`, \
              `127.0.0.1:8080`, `[::1]:80`): remote clients cannot reach it. A Server literal is accepted when the same function (or the file, for \
              a package-level variable) later sets its ReadHeaderTimeout or ReadTimeout field.",
};

const SERVE_FUNCS: &[&str] = &["ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS"];
const READ_TIMEOUTS: &[&str] = &["ReadHeaderTimeout", "ReadTimeout"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["composite_literal"]).and_package_calls(&[("net/http", SERVE_FUNCS)]),
    check,
};

fn check(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    if node.kind_name() == "call_expression" {
        if syntax::arguments(node)
            .first()
            .is_some_and(|addr| is_loopback(cx, *addr))
        {
            return;
        }
        let name = Call::name_of(node, cx);
        cx.finding(&META, node)
            .title(format!("http.{name} serves without any timeouts"))
            .report(out);
        return;
    }
    if !syntax::is_literal_of(node, cx, "net/http", "Server")
        || syntax::literal_value(cx, node, "Addr").is_some_and(|addr| is_loopback(cx, addr))
    {
        return;
    }
    if syntax::literal_keys(cx, node)
        .iter()
        .any(|k| READ_TIMEOUTS.contains(k))
    {
        return;
    }
    if syntax::set_later(cx, node, READ_TIMEOUTS) {
        return;
    }
    cx.finding(&META, node).report(out);
}

/// Whether an address is a literal loopback address (`"localhost:6060"`, `"127.0.0.1:8080"`): a debug or
/// sidecar endpoint that remote clients cannot reach, so no slow client can hold it.
fn is_loopback(cx: &FileContext<'_>, addr: Node<'_>) -> bool {
    matches!(
        addr.kind_name(),
        "interpreted_string_literal" | "raw_string_literal"
    ) && {
        let text = cx.text(addr).trim_matches(|c| c == '"' || c == '`');
        text.starts_with("localhost:") || text.starts_with("127.0.0.1:") || text.starts_with("[::1]:")
    }
}
