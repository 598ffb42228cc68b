//! `context.Background()`/`TODO()` in a function that was given a context.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/fresh-context-in-ctx-func",
    category: Category::Io,
    priority: Priority::P2,
    tier: Tier::Correctness,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "new root context in a function that already has one",
    why: "The function receives a context (a context.Context parameter, or the request's r.Context()), but starts \
          from context.Background()/TODO() instead. The work below it then ignores the caller's cancellation and \
          deadline: when the client goes away or the request times out, queries and calls keep running and \
          holding connections, and request-scoped values (trace IDs, auth) are lost.",
    fix: "Derive from the context you were given (ctx, or r.Context() in a handler). When the work must outlive the \
          caller on purpose, use context.WithoutCancel(ctx) (Go 1.21+) to keep its values but not its \
          cancellation.",
    bad: r#"func (s *Store) Save(ctx context.Context, u User) error {
    _, err := s.db.ExecContext(context.Background(), q, u.ID)
    return err
}"#,
    good: r#"func (s *Store) Save(ctx context.Context, u User) error {
    _, err := s.db.ExecContext(ctx, q, u.ID)
    return err
}"#,
    applies: "An *http.Request parameter counts as the caller's context only in handler-shaped functions \
              ((http.ResponseWriter, *http.Request) parameters, or ServeHTTP): elsewhere it may be an outbound \
              request (the parameter of a Do or RoundTrip). Not in _test.go files, nor in goroutines, deferred \
              calls and their func literals (often detached on purpose), nor after the function has waited on or \
              checked its context (ctx.Done(), ctx.Err(): a shutdown path needs a fresh context), nor as a \
              default for a nil context (`if ctx == nil { ctx = context.Background() }`), nor compared with one \
              (`ctx != context.Background()`), nor when it (or a context derived from it) is kept where it \
              outlives the call: a field, an element or a struct literal (a connection's or a server's own \
              context).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("context", &["Background", "TODO"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let name = Call::name_of(call, cx);
    if call
        .parent()
        .is_some_and(|p| p.kind_name() == "binary_expression")
    {
        // `ctx != context.Background()`: a comparison, no new context.
        return;
    }
    if cx
        .enclosing_statement(call)
        .is_some_and(|s| matches!(s.kind_name(), "go_statement" | "defer_statement"))
    {
        // `go s.process(context.Background())`, `defer s.cleanup(context.Background())`: work that runs
        // after (or beyond) the caller's context, detached on purpose.
        return;
    }
    let Some((func, param)) = syntax::function_with_caller_context(cx, call) else {
        return;
    };
    let param_name = cx.text(param);
    if defaults_param(cx, call, param_name)
        || waited_on(cx, func, call, param_name)
        || kept_beyond_the_call(cx, call)
    {
        return;
    }
    cx.finding(&META, call)
        .title(format!(
            "context.{name}() drops the context passed in as {param_name}"
        ))
        .report(out);
}

/// `ctx = context.Background()` (a default for a nil parameter).
fn defaults_param(cx: &FileContext<'_>, call: Node<'_>, param: &str) -> bool {
    let Some(list) = call.parent().filter(|p| p.kind_name() == "expression_list") else {
        return false;
    };
    let Some(stmt) = list.parent().filter(|s| s.kind_name() == "assignment_statement") else {
        return false;
    };
    stmt.field("left").is_some_and(|left| cx.text(left) == param)
}

/// Whether the function looked at its context's end before the call: `<-ctx.Done()`, `ctx.Err()`, or for a
/// request `r.Context().Done()`.
fn waited_on(cx: &FileContext<'_>, func: Node<'_>, call: Node<'_>, param: &str) -> bool {
    let Some(body) = syntax::body(func) else {
        return false;
    };
    // Nodes come in source order: once one starts after the call, so does everything after it.
    syntax::descendants(body)
        .take_while(|n| n.start_byte() <= call.start_byte())
        .filter(|s| s.kind_name() == "selector_expression" && s.end_byte() <= call.start_byte())
        .any(|s| {
            let field = s.field("field").map(|f| cx.text(f));
            let operand = s.field("operand").map(|o| cx.text(o));
            matches!(field, Some("Done" | "Err"))
                && operand.is_some_and(|o| o == param || o.strip_prefix(param) == Some(".Context()"))
        })
}

/// Whether the new context (or one derived from it: `context.WithCancel(context.Background())`) is kept where it
/// outlives the call: a field (`cc.ctx, cc.cancel = ...`), an element, or a composite literal (`&valuesCtx{Context:
/// context.Background()}`). A connection's, a server's or a cache's own context is meant to live longer than the
/// call that creates it.
fn kept_beyond_the_call(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    let mut value = call;
    // Up through the derivations that take it as their parent context.
    while let Some(derived) = value
        .parent()
        .filter(|args| args.kind_name() == "argument_list")
        .and_then(|args| args.parent())
        .filter(|outer| {
            cx.call_to(
                *outer,
                "context",
                &[
                    "WithCancel",
                    "WithCancelCause",
                    "WithTimeout",
                    "WithDeadline",
                    "WithValue",
                ],
            )
            .is_some()
                && syntax::each_argument(*outer)
                    .next()
                    .is_some_and(|first| first.id() == value.id())
        })
    {
        value = derived;
    }
    syntax::stored_in(cx, value).is_some_and(|place| {
        matches!(
            place.kind_name(),
            "selector_expression" | "index_expression" | "composite_literal"
        )
    })
}
