//! `context.Background()` in the `main` of a server or long-running loop that never handles SIGINT/SIGTERM.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/main-without-signal-context",
    category: Category::Io,
    priority: Priority::P2,
    tier: Tier::Correctness,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "long-running main uses context.Background() and never handles SIGTERM",
    why: "A context that nothing cancels cannot tell the program to stop. When the process is asked to stop \
          (SIGTERM from systemd, Kubernetes or docker stop, Ctrl-C), Go's default is to exit at once: \
          in-flight requests are cut mid-response, deferred flushes and Close calls never run, and clients \
          see connection resets and retry, on every deploy and every scale-down. Kubernetes waits 30 seconds \
          by default before SIGKILL: time a server could spend draining its connections (http.Server.Shutdown, \
          grpc.Server.GracefulStop) if its context were cancelled by the signal.",
    fix: "Start from a context that the signal cancels: `ctx, stop := signal.NotifyContext(context.Background(), \
          os.Interrupt, syscall.SIGTERM)` and `defer stop()`, pass ctx down, and when it is done shut the \
          server down with a deadline (`srv.Shutdown(shutdownCtx)`).",
    bad: r#"func main() {
    ctx := context.Background()
    srv := &http.Server{Addr: ":8080", Handler: newHandler(ctx)}
    log.Fatal(srv.ListenAndServe())
}"#,
    good: r#"func main() {
    ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
    defer stop()
    srv := &http.Server{Addr: ":8080", Handler: newHandler(ctx)}
    go func() {
        <-ctx.Done()
        srv.Shutdown(context.Background())
    }()
    if err := srv.ListenAndServe(); err != http.ErrServerClosed {
        log.Fatal(err)
    }
}"#,
    applies: "Heuristic: in `func main` of package main, when main itself starts serving (a Serve/ServeTLS/\
              ListenAndServe/ListenAndServeTLS call), loops forever (`for {}` without a condition) or blocks in \
              `select {}`, and the file neither imports os/signal nor calls anything named like a signal helper \
              in main (signal handling set up in another file or package is not visible). Not in _test.go \
              files.",
};

/// Calls that serve until the server stops.
const SERVES: &[&str] = &["Serve", "ServeTLS", "ListenAndServe", "ListenAndServeTLS"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("context", &["Background", "TODO"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test || cx.package != "main" || cx.imports.imports("os/signal") {
        return;
    }
    let Some(main) = cx.enclosing_function(call).filter(|f| {
        f.kind_name() == "function_declaration" && f.field("name").is_some_and(|n| cx.text(n) == "main")
    }) else {
        return;
    };
    let Some(body) = syntax::body(main) else {
        return;
    };
    let text = cx.text(body);
    if text.contains("Signal") || text.contains("signal") {
        return;
    }
    let Some(runs) = long_running(cx, body) else {
        return;
    };
    let name = Call::name_of(call, cx);
    cx.finding(&META, call)
        .title(format!(
            "main {runs} with context.{name}() and no signal handling: SIGTERM cuts in-flight work"
        ))
        .report(out);
}

/// How `main` keeps running, if it does: it serves, loops forever or blocks forever itself.
fn long_running(cx: &FileContext<'_>, body: Node<'_>) -> Option<&'static str> {
    let mut found = None;
    syntax::walk_same_function(body, &mut |node| {
        found = match node.kind_name() {
            "call_expression" if SERVES.contains(&Call::name_of(node, cx)) => Some("serves"),
            "for_statement" if is_endless(node) => Some("loops forever"),
            "select_statement" if syntax::first_child(node).is_none() => Some("blocks forever"),
            _ => None,
        };
        found.is_none()
    });
    found
}

/// `for { ... }`: no condition, clause or range.
fn is_endless(loop_stmt: Node<'_>) -> bool {
    syntax::each_child(loop_stmt).all(|c| c.kind_name() == "block")
}
