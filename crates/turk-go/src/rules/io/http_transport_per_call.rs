//! An `http.Transport` built on every call: no connection reuse, and idle connections left behind.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/http-transport-per-call",
    category: Category::Http,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "http.Transport built on every call",
    why: "The connection pool lives in the Transport. A Transport built per call starts empty, so every request \
          pays a new TCP connection and, over HTTPS, a TLS handshake (one or more round trips and milliseconds \
          of CPU) instead of reusing a kept-alive connection. The connections it leaves idle stay open, each \
          with its read and write goroutines, until the idle timeout (none in a Transport literal that does not \
          set IdleConnTimeout) or the server closes them: under load, file descriptors and memory run out.",
    fix: "Build the Transport (and the http.Client around it) once, in the constructor or a package-level \
          variable, and share it: both are safe for concurrent use. A request needing different settings gets \
          its own long-lived client, not one per call.",
    bad: r#"func fetch(url string) (*http.Response, error) {
    client := &http.Client{
        Transport: &http.Transport{MaxIdleConnsPerHost: 10},
        Timeout:   10 * time.Second,
    }
    return client.Get(url)
}"#,
    good: r#"var client = &http.Client{
    Transport: &http.Transport{MaxIdleConnsPerHost: 10},
    Timeout:   10 * time.Second,
}

func fetch(url string) (*http.Response, error) {
    return client.Get(url)
}"#,
    applies: "An http.Transport literal, or a clone of http.DefaultTransport, when neither it nor the client built \
              around it is returned or stored (a constructor or a field keeps it), and the function does not \
              close its idle connections itself (a deliberate one-off Transport, such as one with a fake dialer). \
              An http.Client built per call without its own Transport shares http.DefaultTransport's pool and is \
              not reported. Not at package level, in init, in a sync.Once, in main or at the top of a goroutine \
              (outside their loops), or in _test.go files. P0 on a hot path (a loop, an HTTP handler), where \
              connections leak with every request.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["composite_literal"]).and_calls(&["Clone"]),
    check,
};

fn check(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let is_transport = if node.kind_name() == "composite_literal" {
        syntax::is_literal_of(node, cx, "net/http", "Transport")
    } else {
        clones_default_transport(node, cx)
    };
    if !is_transport {
        return;
    }
    let Some(per_call) = syntax::built_per_call(node, cx) else {
        return;
    };
    // Closing the idle connections marks a Transport meant to live for one call.
    if cx.text(per_call.function).contains(".CloseIdleConnections()") || syntax::outlives_call(cx, node) {
        return;
    }
    cx.finding(&META, node)
        .title(format!("http.Transport built {}", per_call.how_often()))
        .on_hot_path_of(node, Priority::P0)
        .report(out);
}

/// `http.DefaultTransport.(*http.Transport).Clone()`.
fn clones_default_transport(call: Node<'_>, cx: &FileContext<'_>) -> bool {
    let Some(recv) = Call::of(call).and_then(|c| c.recv).map(syntax::unparen) else {
        return false;
    };
    recv.kind_name() == "type_assertion_expression"
        && recv
            .field("operand")
            .is_some_and(|o| cx.names_member(o, "net/http", &["DefaultTransport"]).is_some())
}
