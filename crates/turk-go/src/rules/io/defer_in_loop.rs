//! `defer` directly in a loop body: the deferred calls pile up until the function returns.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
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
              context cancel). Not reported when control leaves the loop right after the defer (a later statement \
              of its block, or of an enclosing block of the loop body, returns, panics, breaks the loop or breaks \
              a label around it, with no continue or goto before it): it is registered at most once; nor when \
              it is registered at most once for another reason (in a lazy initialisation, if x == nil { x = \
              ...; defer ... }, or in a select case on a timer made before the loop and never reset in it, or \
              reset only after Stop reported it had not fired: if t.Stop() { t.Reset(0) }, or in a select case \
              on an outcome channel made before the loop as make(chan error, 1), which brings one result); nor \
              when the loop goes over a few elements written in the code (a literal of at most 16, directly or \
              through a local that only ever holds one; never for a lock, which deadlocks at the second \
              iteration); nor when the deferred func literal only acts under a condition (a rollback or close \
              guarded by if err != nil or if !closed); nor when the released resource is meant to outlive the \
              iteration (stored in a slice, map or field, an element of a collection declared outside the loop, \
              also passed as an argument, or a variable read after the loop; never a lock); nor when the \
              deferred call refers to nothing of the iteration and releases nothing (defer r.closeScope(): the \
              function's clean-up, not the iteration's). Code in a func literal inside the loop is not in the \
              loop.",
};

/// Deferred methods that release something held per iteration.
const RELEASES: &[&str] = &["Close", "Unlock", "RUnlock", "Rollback", "Release", "Stop"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["defer_statement"]),
    check,
};

fn check(defer: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(loop_stmt) = cx.enclosing_loop(defer) else {
        return;
    };
    if syntax::leaves_loop_right_after(cx, defer, loop_stmt)
        || is_guarded(defer)
        || resource_outlives_iteration(cx, defer, loop_stmt)
        || (syntax::is_small_fixed_loop(loop_stmt, cx) && !releases_lock(cx, defer))
        || runs_once(cx, defer, loop_stmt)
        || holds_nothing_of_the_iteration(cx, defer, loop_stmt)
    {
        return;
    }
    cx.finding(&META, defer)
        .priority_if(releases(cx, defer), Priority::P0)
        .report(out);
}

/// Whether the defer runs a func literal that only acts under a condition: a rollback or close guarded by
/// `if err != nil` or `if !closed`. On the path where the iteration succeeds it releases nothing: the loop body
/// itself commits or closes.
fn is_guarded(defer: Node<'_>) -> bool {
    let Some(literal) = syntax::statement_call(defer)
        .and_then(|call| call.field("function"))
        .filter(|f| f.kind_name() == "func_literal")
    else {
        return false;
    };
    let Some(list) = syntax::body(literal).and_then(syntax::first_child) else {
        return false;
    };
    let mut statements = syntax::each_child(list).peekable();
    statements.peek().is_some() && statements.all(|s| s.kind_name() == "if_statement")
}

/// Whether what the defer releases is meant to outlive the iteration, so that releasing it when the function
/// returns is the point: a `Close`/`Stop`/`Release`/`Rollback` (never a lock release) whose receiver is an
/// element of a slice or map declared outside the loop (`defer conns[i].Close()`), a variable that is also
/// stored where it outlives the loop (appended to a slice, assigned to a field, map or slice element or variable
/// declared before the loop, put in a literal, sent), or a variable of the function read after the loop.
fn resource_outlives_iteration(cx: &FileContext<'_>, defer: Node<'_>, loop_stmt: Node<'_>) -> bool {
    let Some(call) = syntax::statement_call(defer) else {
        return false;
    };
    let Some(function) = call.field("function") else {
        return false;
    };
    let mut resources = Vec::new();
    if function.kind_name() == "func_literal" {
        let Some(body) = syntax::body(function) else {
            return false;
        };
        for inner in syntax::descendants(body).filter(|n| n.kind_name() == "call_expression") {
            if let Some(resource) = released_resource(cx, inner) {
                resources.push(resource);
            } else if inner.field("function").is_some_and(|f| releases_call(cx, f)) {
                // A lock release or a cancel: nothing that could outlive the iteration.
                return false;
            }
        }
    } else if let Some(resource) = released_resource(cx, call) {
        resources.push(resource);
    } else if !releases_call(cx, function) {
        // `defer closeHandle(fds[i])`: a handle kept in a collection that outlives the loop is released with it.
        resources.extend(
            syntax::each_argument(call)
                .map(syntax::unparen)
                .filter(|a| a.kind_name() == "index_expression"),
        );
    }
    !resources.is_empty()
        && resources
            .iter()
            .all(|r| outlives_iteration(cx, *r, defer, loop_stmt))
}

/// Whether a place a value is stored in outlives the loop: a variable declared before the loop (or at package
/// level), a field or element of one, a composite literal (kept by whatever holds it) or a channel.
fn outlives_loop(cx: &FileContext<'_>, place: Node<'_>, loop_stmt: Node<'_>) -> bool {
    if place.kind_name() == "composite_literal" {
        return true;
    }
    syntax::root_identifier(place).is_some_and(|root| {
        cx.text(root) != "_"
            && cx
                .lookup(cx.text(root), root)
                .is_none_or(|d| syntax::declared_outside(&d, loop_stmt))
    })
}

/// For `x.Close()` and the other [`RELEASES`] but lock releases: `x`.
fn released_resource<'t>(cx: &FileContext<'_>, call: Node<'t>) -> Option<Node<'t>> {
    let function = call
        .field("function")
        .filter(|f| f.kind_name() == "selector_expression")?;
    let name = cx.text(function.field("field")?);
    if !RELEASES.contains(&name) || matches!(name, "Unlock" | "RUnlock") {
        return None;
    }
    function.field("operand").map(syntax::unparen)
}

fn outlives_iteration<'a>(
    cx: &FileContext<'a>,
    resource: Node<'a>,
    defer: Node<'a>,
    loop_stmt: Node<'a>,
) -> bool {
    match resource.kind_name() {
        // `conns[i].Close()`: an element of a collection that outlives the loop.
        "index_expression" => outlives_loop(cx, resource, loop_stmt),
        "identifier" => {
            let Some(decl) = cx.lookup(cx.text(resource), resource) else {
                return false;
            };
            let Some(scope) = cx.enclosing_function(loop_stmt) else {
                return false;
            };
            let outside = syntax::declared_outside(&decl, loop_stmt);
            syntax::references(cx, decl.name, scope).any(|r| {
                !syntax::contains(defer, r)
                    && ((outside && r.start_byte() >= loop_stmt.end_byte())
                        || syntax::stored_in(cx, r).is_some_and(|place| outlives_loop(cx, place, loop_stmt)))
            })
        }
        _ => false,
    }
}

/// Whether the deferred call releases a resource: `x.Close()`, `mu.Unlock()`, `cancel()`, or a deferred func
/// literal that does one of those.
fn releases(cx: &FileContext<'_>, defer: Node<'_>) -> bool {
    let Some(function) = syntax::statement_call(defer).and_then(|call| call.field("function")) else {
        return false;
    };
    if function.kind_name() == "func_literal" {
        return syntax::body(function).is_some_and(|body| {
            syntax::descendants(body).any(|n| {
                n.kind_name() == "call_expression"
                    && n.field("function").is_some_and(|f| releases_call(cx, f))
            })
        });
    }
    releases_call(cx, function)
}

/// Whether the deferred call releases a lock (`mu.Unlock()`, or a deferred func literal that does): taken again in
/// the next iteration, it deadlocks however few the iterations.
fn releases_lock(cx: &FileContext<'_>, defer: Node<'_>) -> bool {
    let Some(call) = syntax::statement_call(defer) else {
        return false;
    };
    syntax::descendants(call).any(|n| {
        n.kind_name() == "selector_expression"
            && n.field("field")
                .is_some_and(|f| matches!(cx.text(f), "Unlock" | "RUnlock"))
    })
}

/// Whether a called function releases something: `x.Close` and the other [`RELEASES`], or `cancel`.
fn releases_call(cx: &FileContext<'_>, function: Node<'_>) -> bool {
    match function.kind_name() {
        "selector_expression" => function
            .field("field")
            .is_some_and(|name| RELEASES.contains(&cx.text(name))),
        "identifier" => cx.text(function) == "cancel",
        _ => false,
    }
}

/// Whether the defer is registered at most once however often the loop runs: it sits in a lazy initialisation
/// (`if x == nil { x = ...; defer ... }`), or in a select case on a timer made before the loop and never reset
/// in it (`case <-fallback.C:`), which delivers once.
fn runs_once<'a>(cx: &FileContext<'a>, defer: Node<'a>, loop_stmt: Node<'a>) -> bool {
    cx.ancestors(defer)
        .into_iter()
        .rev()
        .take_while(|n| n.id() != loop_stmt.id())
        .any(|n| match n.kind_name() {
            "if_statement" => lazy_init_target(cx, n).is_some_and(|target| {
                n.field("consequence")
                    .is_some_and(|block| assigns(cx, block, target))
            }),
            "communication_case" => {
                receives_from_unreset_timer(cx, n, loop_stmt) || receives_one_outcome(cx, n, loop_stmt)
            }
            _ => false,
        })
}

/// For `if x == nil` (or `nil == x`): the text of `x`.
fn lazy_init_target<'a>(cx: &FileContext<'a>, if_stmt: Node<'_>) -> Option<&'a str> {
    let condition = if_stmt
        .field("condition")
        .map(syntax::unparen)
        .filter(|c| c.kind_name() == "binary_expression")?;
    if cx.text(condition.field("operator")?) != "==" {
        return None;
    }
    let (left, right) = (condition.field("left")?, condition.field("right")?);
    let other = match (left.kind_name(), right.kind_name()) {
        (_, "nil") => left,
        ("nil", _) => right,
        _ => return None,
    };
    matches!(other.kind_name(), "identifier" | "selector_expression").then(|| cx.text(other))
}

/// Whether a block assigns `target` (by its text) in one of its own statements, outside func literals.
fn assigns(cx: &FileContext<'_>, block: Node<'_>, target: &str) -> bool {
    let mut found = false;
    syntax::walk_same_function(block, &mut |n| {
        if matches!(n.kind_name(), "assignment_statement" | "short_var_declaration")
            && n.field("left")
                .is_some_and(|left| syntax::each_child(left).any(|t| cx.text(t) == target))
        {
            found = true;
        }
        !found
    });
    found
}

/// The channel a select case receives from: `ch` of `case v := <-ch:` or `case <-ch:`.
fn received_channel(case: Node<'_>) -> Option<Node<'_>> {
    case.field("communication")
        .and_then(|c| match c.kind_name() {
            "receive_statement" => c.field("right"),
            _ => Some(c),
        })
        .map(syntax::unparen)
        .filter(|r| r.kind_name() == "unary_expression")
        .and_then(|r| r.field("operand"))
        .map(syntax::unparen)
}

/// Whether a select case receives from an outcome channel: `errc := make(chan error, 1)` made in the function
/// before the loop and not replaced in it. An error channel with room for one value is the idiom for one
/// operation's result (the goroutine that runs it sends once and never blocks), so the case runs once.
fn receives_one_outcome(cx: &FileContext<'_>, case: Node<'_>, loop_stmt: Node<'_>) -> bool {
    let Some(channel) = received_channel(case).filter(|c| c.kind_name() == "identifier") else {
        return false;
    };
    let Some(decl) = cx.lookup(cx.text(channel), channel) else {
        return false;
    };
    let Some(make) = decl
        .value
        .map(syntax::unparen)
        .filter(|v| syntax::is_builtin_call(*v, "make", cx))
    else {
        return false;
    };
    let args: Vec<Node<'_>> = syntax::each_argument(make).collect();
    let one_error = matches!(args.as_slice(), [ty, size]
        if ty.kind_name() == "channel_type"
            && ty.field("value").is_some_and(|v| cx.text(v) == "error")
            && cx.text(*size) == "1");
    one_error
        && syntax::declared_outside(&decl, loop_stmt)
        && !syntax::loop_body(loop_stmt).is_some_and(|body| syntax::written_in(cx, decl.name, body))
}

/// Whether a select case receives from `t.C` where `t` is declared before the loop and never `Reset` in it: a
/// timer delivers once.
fn receives_from_unreset_timer(cx: &FileContext<'_>, case: Node<'_>, loop_stmt: Node<'_>) -> bool {
    let Some(channel) = received_channel(case).filter(|c| c.kind_name() == "selector_expression") else {
        return false;
    };
    let Some(timer) = channel.field("operand").filter(|t| t.kind_name() == "identifier") else {
        return false;
    };
    if channel.field("field").map(|f| cx.text(f)) != Some("C") {
        return false;
    }
    let Some(decl) = cx.lookup(cx.text(timer), timer) else {
        return false;
    };
    let made_by_new_timer = decl
        .value
        .is_some_and(|v| cx.call_to(syntax::unparen(v), "time", &["NewTimer"]).is_some());
    let name = cx.text(timer);
    let mut reset = false;
    syntax::walk_same_function(loop_stmt, &mut |n| {
        reset |= timer_method(cx, n, name, "Reset") && !after_successful_stop(cx, n, name);
        !reset
    });
    made_by_new_timer && syntax::declared_outside(&decl, loop_stmt) && !reset
}

/// Whether `node` calls `timer.method(...)`.
fn timer_method(cx: &FileContext<'_>, node: Node<'_>, timer: &str, method: &str) -> bool {
    node.kind_name() == "call_expression"
        && node.field("function").is_some_and(|f| {
            f.kind_name() == "selector_expression"
                && f.field("field").is_some_and(|m| cx.text(m) == method)
                && f.field("operand").is_some_and(|o| cx.text(o) == timer)
        })
}

/// Whether a `Reset` runs only when `timer.Stop()` returned true (`if t.Stop() { t.Reset(0) }`): Stop reports
/// that the timer had not fired yet, so the Reset moves its one delivery rather than adding another.
fn after_successful_stop(cx: &FileContext<'_>, reset: Node<'_>, timer: &str) -> bool {
    let Some(guard) = cx
        .ancestors(reset)
        .into_iter()
        .rev()
        .find(|n| n.kind_name() == "if_statement")
    else {
        return false;
    };
    guard
        .field("consequence")
        .is_some_and(|block| syntax::contains(block, reset))
        && guard.field("condition").is_some_and(|c| {
            syntax::descendants(c).any(|n| timer_method(cx, n, timer, "Stop"))
                && !syntax::descendants(c)
                    .any(|n| n.kind_name() == "unary_expression" && cx.text(n).starts_with('!'))
        })
}

/// Whether the deferred call refers to nothing of the iteration, so that what it undoes is the function's, not
/// the iteration's (`defer r.closeScope()` after opening a scope per declaration, closed with the block): no
/// variable declared in the loop or assigned in it, and it releases no lock, resource or context (a lock taken
/// again in the next iteration would deadlock).
fn holds_nothing_of_the_iteration(cx: &FileContext<'_>, defer: Node<'_>, loop_stmt: Node<'_>) -> bool {
    let Some(call) = syntax::statement_call(defer) else {
        return false;
    };
    let Some(function) = call.field("function") else {
        return false;
    };
    if function.kind_name() == "func_literal" || releases_call(cx, function) {
        return false;
    }
    let Some(body) = syntax::loop_body(loop_stmt) else {
        return false;
    };
    syntax::descendants(call)
        .filter(|n| n.kind_name() == "identifier")
        .all(|ident| match cx.lookup(cx.text(ident), ident) {
            // A package, a builtin or a name of another file.
            None => true,
            Some(decl) => {
                syntax::declared_outside(&decl, loop_stmt)
                    && !syntax::references(cx, decl.name, body).any(|r| syntax::is_written_reference(cx, r))
            }
        })
}
