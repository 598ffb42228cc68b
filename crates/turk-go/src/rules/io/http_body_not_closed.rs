//! An `*http.Response` whose body is never closed.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax::{self, Escape};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/http-body-not-closed",
    category: Category::Http,
    priority: Priority::P0,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "HTTP response body is never closed",
    why: "Until the response body is closed, the HTTP client keeps the underlying connection busy: it cannot be \
          reused for another request and its goroutines and buffers stay alive. A response that is dropped or \
          read without Close leaks a connection (and a file descriptor) per request, which ends in exhausted \
          sockets, 'too many open files' and new TCP/TLS handshakes for every call.",
    fix: "Right after checking the error, `defer resp.Body.Close()`. To let the connection be reused, read the body \
          to the end (e.g. `io.Copy(io.Discard, resp.Body)`) before closing it when you do not need it.",
    bad: r#"func getJSON(client *http.Client, req *http.Request, out any) error {
    resp, err := client.Do(req)
    if err != nil {
        return err
    }
    if resp.StatusCode != http.StatusOK {
        return fmt.Errorf("status %d", resp.StatusCode)
    }
    return json.NewDecoder(resp.Body).Decode(out)
}"#,
    good: r#"func getJSON(client *http.Client, req *http.Request, out any) error {
    resp, err := client.Do(req)
    if err != nil {
        return err
    }
    defer resp.Body.Close()
    if resp.StatusCode != http.StatusOK {
        return fmt.Errorf("status %d", resp.StatusCode)
    }
    return json.NewDecoder(resp.Body).Decode(out)
}"#,
    applies: "Responses of http.Get/Head/Post/PostForm, and of Do/Get/Head/Post/PostForm on a value known to be an \
              *http.Client (or Do with a request built by http.NewRequest). Not reported when the response (or \
              its body) is returned, stored, or passed to a function other than a standard-library reader. P2 in \
              _test.go files.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(syntax::CLIENT_SENDS),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // The call is a statement of its own (the response dropped), or the whole right-hand side of
    // `resp, err := ...` / `resp, err = ...` with two plain names.
    let Some(parent) = call.parent() else {
        return;
    };
    let value = match parent.kind_name() {
        "expression_statement" => None,
        "expression_list" => {
            let Some((stmt, value, _)) = syntax::assigned_to_two_names(call) else {
                return;
            };
            (cx.text(value) != "_").then_some((stmt, value))
        }
        _ => return,
    };
    let package_call = cx.call_to(call, "net/http", syntax::HTTP_SENDS).is_some();
    let client_call = !package_call && is_client_call(cx, call);
    if !package_call && !client_call {
        return;
    }
    if let Some((stmt, value)) = value {
        match body_fate(cx, stmt, value) {
            Fate::Handled => return,
            Fate::Unclosed { reads_body } => {
                // A method of some receiver only counts with evidence that it is an HTTP client.
                if client_call && !strong_client_evidence(cx, call) && !(reads_body && client_named(cx, call))
                {
                    return;
                }
            }
        }
    } else if client_call && !strong_client_evidence(cx, call) {
        return;
    }
    let finding = cx.finding(&META, call).priority_if(cx.is_test, Priority::P2);
    if value.is_none() {
        finding
            .title("HTTP response discarded without closing its body")
            .report(out);
    } else {
        finding.report(out);
    }
}

/// `x.Do/Get/...(...)` where `x` is not a package name.
fn is_client_call(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    Call::method(call, cx)
        .is_some_and(|(recv, name)| syntax::CLIENT_SENDS.contains(&name) && !cx.names_an_import(recv))
}

/// The receiver is `http.DefaultClient` or a variable declared as an `*http.Client`, or the call is `Do(req)` with
/// `req` made by `http.NewRequest*` or declared `*http.Request`.
fn strong_client_evidence(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    let Some((recv, name)) = Call::method(call, cx) else {
        return false;
    };
    if is_client(cx, recv) {
        return true;
    }
    name == "Do"
        && syntax::arguments(call)
            .first()
            .is_some_and(|arg| is_request(cx, *arg))
}

fn is_client(cx: &FileContext<'_>, expr: Node<'_>) -> bool {
    cx.names_member(expr, "net/http", &["DefaultClient"]).is_some()
        || syntax::declared_as(
            expr,
            cx,
            |t| cx.is_type(t, "net/http", "Client", true),
            |v| syntax::is_client_value(cx, v),
        )
}

fn is_request(cx: &FileContext<'_>, expr: Node<'_>) -> bool {
    let built = |e: Node<'_>| {
        cx.call_to(e, "net/http", &["NewRequest", "NewRequestWithContext"])
            .is_some()
    };
    built(expr)
        || syntax::declared_as(
            expr,
            cx,
            |t| t.kind_name() == "pointer_type" && cx.is_type(t, "net/http", "Request", true),
            built,
        )
}

/// The receiver's name says it is a client (`client`, `httpClient`, `s.apiClient`).
fn client_named(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    Call::method(call, cx).is_some_and(|(recv, _)| {
        let last = match recv.kind_name() {
            "selector_expression" => recv.field("field"),
            "identifier" => Some(recv),
            _ => None,
        };
        last.is_some_and(|n| cx.text(n).to_ascii_lowercase().contains("client"))
    })
}

enum Fate {
    /// Closed, or handed over to code that may close it.
    Handled,
    /// Never closed here; `reads_body` when `resp.Body` is used as a field.
    Unclosed { reads_body: bool },
}

fn body_fate<'a>(cx: &FileContext<'a>, stmt: Node<'a>, value: Node<'a>) -> Fate {
    // The declaration the assigned name refers to, as seen by the statements that follow.
    let Some((decl, func)) = syntax::assigned_local(cx, stmt, cx.text(value)) else {
        return Fate::Handled;
    };
    let mut reads_body = false;
    for id in syntax::references(cx, decl.name, func) {
        if let Some((selector, field)) = syntax::field_of(cx, id) {
            if field != "Body" || syntax::is_called(selector) {
                continue;
            }
            reads_body = true;
            if let Some((_, "Close")) = syntax::outer_field(cx, selector) {
                return Fate::Handled;
            }
            match syntax::escapes(selector) {
                Some(Escape::Passed) if passed_to_std_reader(cx, selector) => {}
                Some(_) => return Fate::Handled,
                None => {}
            }
        } else if syntax::escapes(id).is_some() {
            return Fate::Handled;
        }
    }
    Fate::Unclosed { reads_body }
}

/// Whether the argument is passed to a standard-library package function (`io.ReadAll`, `json.NewDecoder`,
/// `io.Copy`...), none of which closes the reader.
fn passed_to_std_reader(cx: &FileContext<'_>, arg: Node<'_>) -> bool {
    let Some(call) = arg
        .parent()
        .filter(|p| p.kind_name() == "argument_list")
        .and_then(|p| p.parent())
    else {
        return false;
    };
    let Some(function) = call.field("function") else {
        return false;
    };
    if function.kind_name() != "selector_expression" {
        return false;
    }
    let Some(pkg) = function
        .field("operand")
        .filter(|o| o.kind_name() == "identifier")
    else {
        return false;
    };
    let name = cx.text(pkg);
    if cx.lookup(name, pkg).is_some() {
        return false;
    }
    cx.imports
        .path_of(name)
        .is_some_and(|path| !path.split('/').next().unwrap_or("").contains('.'))
}
