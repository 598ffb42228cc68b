//! `defer` directly in a loop body: the deferred calls pile up until the function returns.

use crate::context::{FileContext, position};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/defer-in-loop",
    category: Category::Io,
    priority: Priority::P1,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "defer inside a loop runs only when the function returns",
    why: "A deferred call runs when the surrounding function returns, not at the end of the loop iteration. Every \
          iteration adds one more pending call (and keeps what it references alive): files, connections, rows and \
          locks deferred this way stay open or held until the whole loop is done, which exhausts file descriptors \
          or connection pools on long loops, deadlocks when a mutex is locked again in the next iteration, and \
          never releases anything in an endless loop.",
    fix: "Move the loop body into a function (a named helper or an immediately called func literal) so that the \
          defer runs at the end of each iteration, or release the resource explicitly at the end of the body.",
    bad: r#"func processAll(names []string) error {
    for _, name := range names {
        f, err := os.Open(name)
        if err != nil {
            return err
        }
        defer f.Close()
        process(f)
    }
    return nil
}"#,
    good: r#"func processAll(names []string) error {
    for _, name := range names {
        if err := processFile(name); err != nil {
            return err
        }
    }
    return nil
}

func processFile(name string) error {
    f, err := os.Open(name)
    if err != nil {
        return err
    }
    defer f.Close()
    return process(f)
}"#,
    applies: "P0 when the deferred call releases a resource (Close, Unlock, RUnlock, Rollback, Release, Stop, a \
              context cancel); not reported when the loop body returns or breaks right after the defer (it is \
              registered at most once). Code in a func literal inside the loop is not in the loop.",
};

/// Deferred methods that release something held per iteration.
const RELEASES: &[&str] = &["Close", "Unlock", "RUnlock", "Rollback", "Release", "Stop"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["defer_statement"]),
    check,
};

fn check(defer: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(place) = Place::of(defer) else {
        return;
    };
    if leaves_right_after(cx, defer, place) {
        return;
    }
    cx.finding(&META, defer)
        .priority_if(releases(cx, defer), Priority::P0)
        .report(out);
}

/// Where a defer inside a loop body sits, found in one climb from the defer.
#[derive(Clone, Copy)]
struct Place<'t> {
    /// The node holding the defer (its block).
    parent: Node<'t>,
    /// Whether a switch or select lies between the defer and the loop, so that an unlabelled `break` next to the
    /// defer leaves that statement rather than the loop.
    in_switch: bool,
}

impl<'t> Place<'t> {
    /// `None` unless the defer is in the body of a `for` of its own function.
    fn of(defer: Node<'t>) -> Option<Place<'t>> {
        let parent = defer.parent()?;
        let mut in_switch = false;
        let (mut child, mut node) = (defer, parent);
        loop {
            if position::is_function(node) {
                return None;
            }
            if node.kind() == "for_statement"
                && node
                    .child_by_field_name("body")
                    .is_some_and(|b| b.id() == child.id())
            {
                return Some(Place { parent, in_switch });
            }
            in_switch |= matches!(
                node.kind(),
                "expression_switch_statement" | "type_switch_statement" | "select_statement"
            );
            child = node;
            node = node.parent()?;
        }
    }
}

/// Whether a statement after the defer in its own block returns (or panics), so the defer is registered at
/// most once before the function exits.
fn leaves_right_after(cx: &FileContext<'_>, defer: Node<'_>, place: Place<'_>) -> bool {
    syntax::later_siblings(defer, place.parent).any(|stmt| match stmt.kind() {
        "return_statement" => true,
        "break_statement" => stmt.named_child(0).is_none() && !place.in_switch,
        "expression_statement" => stmt.named_child(0).is_some_and(|call| {
            call.kind() == "call_expression"
                && call
                    .child_by_field_name("function")
                    .is_some_and(|f| f.kind() == "identifier" && cx.text(f) == "panic")
        }),
        _ => false,
    })
}

/// Whether the deferred call releases a resource: `x.Close()`, `mu.Unlock()`, `cancel()`, or a deferred func
/// literal that does one of those.
fn releases(cx: &FileContext<'_>, defer: Node<'_>) -> bool {
    let Some(call) = defer.named_child(0).filter(|c| c.kind() == "call_expression") else {
        return false;
    };
    let Some(function) = call.child_by_field_name("function") else {
        return false;
    };
    let releasing = |call: Node<'_>| {
        call.child_by_field_name("function")
            .is_some_and(|f| match f.kind() {
                "selector_expression" => f
                    .child_by_field_name("field")
                    .is_some_and(|name| RELEASES.contains(&cx.text(name))),
                "identifier" => cx.text(f) == "cancel",
                _ => false,
            })
    };
    if function.kind() == "func_literal" {
        return syntax::body(function).is_some_and(|body| {
            syntax::descendants(body).any(|n| n.kind() == "call_expression" && releasing(n))
        });
    }
    releasing(call)
}
