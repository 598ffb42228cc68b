//! An HTTP response body closed (deferred `resp.Body.Close()`) on a path that never reads it: the connection is
//! not reused.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/http-body-not-drained",
    category: Category::Http,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "HTTP response body closed without being read: the connection is not reused",
    why: "Go's HTTP/1.x client puts a connection back in its idle pool only when the response body was read to \
          EOF before Close; closing an unread body closes the connection instead. The next request to that \
          host then dials again: a TCP handshake (one round trip) plus, over HTTPS, a TLS handshake (one or two \
          more, and a few hundred microseconds of CPU for the key exchange). A poller that checks only the \
          status, or a client whose error responses are common (404, 429, 503), pays that on every such \
          response and keeps sockets in TIME_WAIT; under load this is how a client runs out of ephemeral ports. \
          HTTP/2 streams are reset instead and do not lose the connection.",
    fix: "Read what is left before closing: `defer func() { io.Copy(io.Discard, resp.Body); resp.Body.Close() }()` \
          (bound it with io.LimitReader if the body may be large: past a few hundred KB a new connection is \
          cheaper than the read), or read the error body into the error message on the early return.",
    bad: r#"type Checker struct{ client *http.Client }

func (c *Checker) ping(url string) (bool, error) {
    resp, err := c.client.Get(url)
    if err != nil {
        return false, err
    }
    defer resp.Body.Close()
    return resp.StatusCode == http.StatusOK, nil
}"#,
    good: r#"type Checker struct{ client *http.Client }

func (c *Checker) ping(url string) (bool, error) {
    resp, err := c.client.Get(url)
    if err != nil {
        return false, err
    }
    defer func() {
        io.Copy(io.Discard, resp.Body)
        resp.Body.Close()
    }()
    return resp.StatusCode == http.StatusOK, nil
}"#,
    applies: "Responses of http.Get/Post/PostForm and of Do/Get/Post/PostForm on a client known from this file (or Do \
              with a request built by http.NewRequest*) that are closed with `defer resp.Body.Close()`. Reported \
              when the function never reads the body, or returns from a status check (`if resp.StatusCode != \
              ...`, a switch on it) before its first read without touching the body. Not when the response is \
              returned, stored or handed to another function, when a deferred closure drains it, nor for HEAD \
              requests. A body read by a json.Decoder counts as read, although Decode may stop before EOF. Only \
              where such requests repeat: in an HTTP handler (one step higher there), in a method that sends \
              through its receiver's client (`c.http.Do(req)`), or, for a body never read, in a loop body; a \
              one-off request that loses its connection is not worth a finding.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(syntax::CLIENT_SENDS),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // Knowing a call sends a request takes net/http's names in this file (a client type, http.Get, a request
    // built here): without the import, no `Get` or `Do` here qualifies.
    if !cx.imports.imports("net/http") {
        return;
    }
    // `resp, err := send(...)` with two plain names.
    let Some((stmt, resp, _)) = syntax::assigned_to_two_names(call) else {
        return;
    };
    let name = cx.text(resp);
    if name == "_" || syntax::http_send(cx, call).is_none() || is_head(cx, call) {
        return;
    }
    let Some(list) = stmt.parent() else {
        return;
    };
    // `defer resp.Body.Close()` among the statements that follow; a deferred closure that reads the body (the
    // drain) settles it.
    let close = format!("{name}.Body.Close");
    let mut deferred_close = None;
    for later in syntax::later_siblings(stmt, list) {
        if later.kind_name() != "defer_statement" {
            continue;
        }
        let text = cx.text(later);
        if let Some(deferred) = syntax::statement_call(later)
            && cx.text(deferred.field("function").unwrap_or(deferred)) == close
        {
            deferred_close = Some(later);
        } else if text.contains(&format!("{name}.Body")) {
            return;
        }
    }
    let Some(deferred_close) = deferred_close else {
        return;
    };
    let Some((decl, func)) = syntax::assigned_local(cx, stmt, name) else {
        return;
    };
    let Some(first_read) = first_body_read(cx, decl.name, func) else {
        return;
    };
    // A connection lost once is noise; the cost is in code that sends such requests again and again: in an HTTP
    // handler or a method of a client type (the receiver holds the *http.Client), which run once per request or
    // operation, or per iteration of a loop. An early return leaves the loop, so there only the first two count.
    let hot = cx.hot_path(call).is_some();
    let per_call = cx.is_http_handler(func) || sent_by_receiver(cx, call, func);
    match first_read {
        Read::Never if hot || per_call => cx
            .finding(&META, deferred_close)
            .title(format!(
                "{name}.Body is closed without being read: the connection is not reused"
            ))
            .on_hot_path_of(call, META.priority.raised())
            .report(out),
        Read::Never => {}
        Read::At(at) if per_call => {
            if let Some(exit) = status_exit_before(cx, func, deferred_close, at, name) {
                cx.finding(&META, exit)
                    .title(format!(
                        "returns on {name}'s status without reading its body: the connection is not reused"
                    ))
                    .on_hot_path_of(call, META.priority.raised())
                    .report(out);
            }
        }
        Read::At(_) => {}
    }
}

/// Whether the request is sent through a field of the method's receiver: `c.httpClient.Do(req)` in a method of
/// `c`'s type.
fn sent_by_receiver(cx: &FileContext<'_>, call: Node<'_>, func: Node<'_>) -> bool {
    let Some(receiver) = func
        .field("receiver")
        .and_then(syntax::first_child)
        .and_then(|p| p.field("name"))
    else {
        return false;
    };
    let mut client = Call::of(call).and_then(|c| c.recv);
    while let Some(expr) = client.filter(|e| e.kind_name() == "selector_expression") {
        client = expr.field("operand");
    }
    client.is_some_and(|root| root.kind_name() == "identifier" && cx.text(root) == cx.text(receiver))
}

/// A HEAD request has no body to read: `http.Head`, `client.Head` (not sent here), or `Do(req)` with a request
/// built for `"HEAD"`/`http.MethodHead`.
fn is_head(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    if Call::name_of(call, cx) != "Do" {
        return false;
    }
    let Some(req) = call.field("arguments").and_then(syntax::first_child) else {
        return false;
    };
    let built = if req.kind_name() == "identifier" {
        cx.lookup(cx.text(req), req).and_then(|d| d.value)
    } else {
        Some(req)
    };
    built.and_then(|b| b.field("arguments")).is_some_and(|args| {
        syntax::each_child(args).take(2).any(|a| {
            let text = cx.text(a);
            text == "\"HEAD\"" || text.ends_with("MethodHead")
        })
    })
}

/// Where a response's body is first read.
enum Read {
    Never,
    /// The start byte of the first read.
    At(usize),
}

/// The first read of the body of the response declared by `decl` in `func`: any use of `resp.Body` but its Close.
/// `None` when the response itself is returned, stored or passed on: the code that gets it may drain it.
fn first_body_read<'a>(cx: &FileContext<'a>, decl: Node<'a>, func: Node<'a>) -> Option<Read> {
    let mut first = Read::Never;
    for id in syntax::references(cx, decl, func) {
        match syntax::field_of(cx, id) {
            Some((selector, "Body")) => {
                if matches!(syntax::outer_field(cx, selector), Some((_, "Close"))) {
                    continue;
                }
                if matches!(first, Read::Never) {
                    first = Read::At(id.start_byte());
                }
            }
            Some(_) => {}
            None => {
                if syntax::escapes(id).is_some() {
                    return None;
                }
            }
        }
    }
    Some(first)
}

/// The first `return` after the deferred close and before `read` that sits in an `if` (or `switch`) on the
/// response's status: the early exit that leaves the body unread.
fn status_exit_before<'a>(
    cx: &FileContext<'a>,
    func: Node<'a>,
    after: Node<'a>,
    read: usize,
    resp: &str,
) -> Option<Node<'a>> {
    let body = syntax::body(func)?;
    let status = format!("{resp}.Status");
    let mut exit = None;
    syntax::walk_same_function(body, &mut |node| {
        if node.start_byte() >= read {
            return false;
        }
        if node.kind_name() != "return_statement" || node.start_byte() < after.end_byte() {
            return true;
        }
        // Before the first read, the return cannot read the body, nor hand the response on (that would have
        // settled it).
        if on_status(cx, node, &status) {
            exit = Some(node);
            return false;
        }
        true
    });
    exit
}

/// Whether the nearest `if` or `switch` around `ret` tests `resp.Status...`.
fn on_status(cx: &FileContext<'_>, ret: Node<'_>, status: &str) -> bool {
    let ancestors = cx.ancestors(ret);
    ancestors
        .iter()
        .rev()
        .find(|n| matches!(n.kind_name(), "if_statement" | "expression_switch_statement"))
        .and_then(|n| n.field("condition").or_else(|| n.field("value")))
        .is_some_and(|test| cx.text(test).contains(status))
}
