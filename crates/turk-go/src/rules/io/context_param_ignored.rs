//! A function that takes a `ctx context.Context`, never uses it, and waits on something: the caller's deadline
//! and cancellation are silently dropped.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/context-param-ignored",
    category: Category::Io,
    priority: Priority::P2,
    tier: Tier::Correctness,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "function takes a context, never uses it, and blocks",
    why: "A context parameter promises the caller that the work stops when the context is cancelled or its \
          deadline passes. A function that ignores it and then waits (on a WaitGroup, a channel, a sleep, a DNS \
          lookup) breaks that promise: `Shutdown(ctx)` with a 10-second deadline hangs as long as the slowest \
          worker, a retry loop keeps sleeping after its caller gave up, and timeouts set by callers up the \
          stack do nothing. Under load, the waits of cancelled work pile up instead of being released.",
    fix: "Use the context where the function waits: `select { case <-done: case <-ctx.Done(): return ctx.Err() }` \
          around a channel or a WaitGroup (close a channel after wg.Wait() in a goroutine), a timer in a select \
          with ctx.Done() instead of time.Sleep, net.DefaultResolver.LookupHost(ctx, ...) instead of \
          net.LookupHost. If the function must keep the signature but cannot be cancelled, name the parameter \
          `_` to say so.",
    bad: r#"func (s *Server) Shutdown(ctx context.Context) error {
    close(s.quit)
    s.wg.Wait()
    return nil
}"#,
    good: r#"func (s *Server) Shutdown(ctx context.Context) error {
    close(s.quit)
    done := make(chan struct{})
    go func() {
        s.wg.Wait()
        close(done)
    }()
    select {
    case <-done:
        return nil
    case <-ctx.Done():
        return ctx.Err()
    }
}"#,
    applies: "Heuristic: whether the function blocks is read from its body: time.Sleep or a net.Lookup* call \
              anywhere; in functions named like Shutdown/Stop/Close/Drain/Terminate/Flush/Wait also a `.Wait()` \
              call, a channel receive, a select without default or an endless `for {}` (elsewhere a context is \
              often kept only for tracing). HTTP requests, dials, database calls and child processes that \
              ignore the context are left to io/no-context-variant and io/http-request-without-context. \
              Parameters named `_` (or starting with `_`) are left alone, and so is any function that mentions \
              the parameter, even in a func literal. Not in _test.go files.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(syntax::FUNCTIONS),
    check,
};

fn check(func: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // Cheap first: every function comes here. A context.Context parameter needs the import and the word.
    if cx.is_test
        || !cx.imports.imports("context")
        || func
            .field("parameters")
            .is_none_or(|p| !cx.text(p).contains("Context"))
    {
        return;
    }
    // Cheap first: a parameter declared as context.Context, by a name that is not `_...`.
    let Some(param) = syntax::named_params(cx, func)
        .into_iter()
        .find(|(name, ty)| !cx.text(*name).starts_with('_') && cx.is_type(*ty, "context", "Context", false))
        .map(|(name, _)| name)
    else {
        return;
    };
    let Some(body) = syntax::body(func) else {
        return;
    };
    let name = cx.text(param);
    if mentions(cx, body, name) {
        return;
    }
    let function = func.field("name").map_or("the func literal", |n| cx.text(n));
    let Some(wait) = first_wait(cx, body, is_lifecycle(function)) else {
        return;
    };
    cx.finding(&META, param)
        .title(format!(
            "{function} ignores {name} but blocks on {wait}: cancellation and deadlines do nothing"
        ))
        .report(out);
}

/// Whether the body (func literals included) uses `name`: the word must be in its text, and then an identifier
/// of that name found (most functions use their context, and the first use ends the search).
fn mentions(cx: &FileContext<'_>, body: Node<'_>, name: &str) -> bool {
    let text = cx.text(body);
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let as_word = text.match_indices(name).any(|(at, _)| {
        !at.checked_sub(1).is_some_and(|i| is_word(bytes[i]))
            && !bytes.get(at + name.len()).is_some_and(|b| is_word(*b))
    });
    as_word && syntax::descendants(body).any(|n| n.kind_name() == "identifier" && cx.text(n) == name)
}

/// Whether a function's name says it stops or drains something (`Shutdown`, `stopWorkers`, `Close`): the
/// functions whose callers pass a deadline to bound the wait.
fn is_lifecycle(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    LIFECYCLE.iter().any(|l| lower.starts_with(l))
}

/// The beginnings of lifecycle function names.
const LIFECYCLE: &[&str] = &[
    "shutdown",
    "stop",
    "close",
    "drain",
    "gracefulstop",
    "terminate",
    "flush",
    "wait",
];

/// The first thing in the function body (func literals aside) that waits, in words: a call with a context-aware
/// variant or a sleep; in a lifecycle function also `.Wait()`, a channel receive, a select without default or an
/// endless loop. The receives of a select with a default case do not wait.
fn first_wait<'a>(cx: &FileContext<'a>, body: Node<'a>, lifecycle: bool) -> Option<String> {
    let mut nodes = syntax::descendants(body);
    while let Some(node) = nodes.next() {
        let wait = match node.kind_name() {
            "func_literal" => {
                nodes.skip_children();
                None
            }
            "select_statement" if has_default(node) => {
                nodes.skip_children();
                None
            }
            "call_expression" => call_wait(cx, node, lifecycle),
            _ if !lifecycle => None,
            "select_statement" => Some("a select".to_string()),
            "unary_expression" if node.field("operator").is_some_and(|op| op.kind_name() == "<-") => {
                Some(format!("a channel receive ({})", short(cx.text(node))))
            }
            "for_statement" if syntax::each_child(node).all(|c| c.kind_name() == "block") => {
                Some("an endless loop".to_string())
            }
            _ => None,
        };
        if wait.is_some() {
            return wait;
        }
    }
    None
}

/// A call that waits: a sleep or a DNS lookup, or in a lifecycle function `x.Wait()`. HTTP requests, dials,
/// database calls and child processes have context-aware variants that io/no-context-variant and
/// io/http-request-without-context already ask for, ignored context or not.
fn call_wait(cx: &FileContext<'_>, call: Node<'_>, lifecycle: bool) -> Option<String> {
    if lifecycle
        && let Some((recv, "Wait")) = Call::method(call, cx)
        && syntax::no_arguments(call)
    {
        return Some(format!("{}.Wait()", short(cx.text(recv))));
    }
    let blocking = syntax::blocking_call(cx, call)?;
    matches!(blocking, syntax::Blocking::Sleep | syntax::Blocking::DnsLookup)
        .then(|| blocking.what().to_string())
}

fn has_default(select: Node<'_>) -> bool {
    syntax::each_child(select).any(|c| c.kind_name() == "default_case")
}

/// Code quoted in a title: its first line, at most 40 bytes.
fn short(text: &str) -> &str {
    let line = text.lines().next().unwrap_or("");
    if line.len() <= 40 {
        line
    } else {
        let mut end = 40;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        &line[..end]
    }
}
