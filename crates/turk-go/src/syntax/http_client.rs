//! net/http on the client side: clients, outbound requests and the calls that send them.

use super::exprs::unparen;
use super::fields::field_declared_as;
use super::variables::declared_as;
use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName, first_child};
use crate::rule::Call;
use tree_sitter::Node;

/// Package functions of net/http that send a request on the default client.
pub const HTTP_SENDS: &[&str] = &["Get", "Head", "Post", "PostForm"];

/// Methods of an `*http.Client` that send a request.
pub const CLIENT_SENDS: &[&str] = &["Do", "Get", "Head", "Post", "PostForm"];

/// Whether `expr` is an HTTP client: `http.DefaultClient`, a name declared in this file as `http.Client` or
/// `*http.Client` (or initialised from `&http.Client{...}` or `http.DefaultClient`), or a field declared as one in
/// a struct of this file.
pub fn is_http_client<'a>(cx: &FileContext<'a>, expr: Node<'a>) -> bool {
    let expr = unparen(expr);
    let client_type = |t: Node<'a>| cx.is_type(t, "net/http", "Client", true);
    match expr.kind_name() {
        "identifier" => declared_as(expr, cx, client_type, |v| is_client_value(cx, v)),
        "selector_expression" => {
            if cx.names_member(expr, "net/http", &["DefaultClient"]).is_some() {
                return true;
            }
            let (Some(operand), Some(field)) = (expr.field("operand"), expr.field("field")) else {
                return false;
            };
            field_declared_as(cx, operand, cx.text(field), client_type)
        }
        _ => false,
    }
}

/// Whether `value`, the value a name is initialised from, is an HTTP client: `&http.Client{...}`,
/// `http.Client{...}` or `http.DefaultClient`.
pub fn is_client_value(cx: &FileContext<'_>, value: Node<'_>) -> bool {
    let value = unparen(value);
    let value = if value.kind_name() == "unary_expression" {
        match value.field("operand") {
            Some(op) => op,
            None => return false,
        }
    } else {
        value
    };
    match value.kind_name() {
        "composite_literal" => value
            .field("type")
            .is_some_and(|t| cx.is_type(t, "net/http", "Client", false)),
        _ => cx.names_member(value, "net/http", &["DefaultClient"]).is_some(),
    }
}

/// Whether `expr` is an outbound request: built here by `http.NewRequest`/`NewRequestWithContext`, or a name
/// initialised from one.
pub fn is_built_request<'a>(cx: &FileContext<'a>, expr: Node<'a>) -> bool {
    let built = |e: Node<'_>| {
        cx.call_to(unparen(e), "net/http", &["NewRequest", "NewRequestWithContext"])
            .is_some()
    };
    built(expr) || declared_as(unparen(expr), cx, |_| false, built)
}

/// How a call sends an HTTP request, if it does: `http.Get(...)` and its siblings on the default client, a
/// sending method of a known client, or `x.Do(req)` with a request built by `http.NewRequest*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpSend {
    /// `http.Get/Head/Post/PostForm`: the default client, no context.
    Package,
    /// `client.Get/Head/Post/PostForm`: no context either.
    ClientNoContext,
    /// `client.Do(req)`: the request carries whatever context it was built with.
    Do,
}

/// See [`HttpSend`].
pub fn http_send<'a>(cx: &FileContext<'a>, call: Node<'a>) -> Option<HttpSend> {
    let parts = Call::of(call)?;
    let name = cx.text(parts.name);
    let recv = parts.recv?;
    if HTTP_SENDS.contains(&name) && cx.is_package(recv, "net/http") {
        return Some(HttpSend::Package);
    }
    if !CLIENT_SENDS.contains(&name) || cx.names_an_import(recv) {
        return None;
    }
    if name == "Do" {
        let request = call.field("arguments").and_then(first_child);
        return (is_http_client(cx, recv) || request.is_some_and(|r| is_built_request(cx, r)))
            .then_some(HttpSend::Do);
    }
    is_http_client(cx, recv).then_some(HttpSend::ClientNoContext)
}
