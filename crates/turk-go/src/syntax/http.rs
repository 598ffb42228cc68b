//! net/http as the rules see it: which request a server hands a function (and which requests are outbound),
//! whether a request built without a context gets one later, which context a request carries and whether it has
//! a deadline, and whether a client built without a Timeout gets one after the literal.

use super::exprs::{is_called, unparen};
use super::statements::assigned_from;
use super::variables::references;
use crate::context::children::{FieldChild, KindName, descendants, each_argument};
use crate::context::{DeclKind, FileContext};
use crate::rule::Call;
use tree_sitter::Node;

/// Whether a function has the shape of a server's handler: `(http.ResponseWriter, *http.Request)` parameters,
/// or a `ServeHTTP` method. Only there is an `*http.Request` parameter the request a client sent; elsewhere it
/// may as well be an outbound request (the parameter of a `Do` or `RoundTrip`).
pub fn is_handler_shaped(cx: &FileContext<'_>, func: Node<'_>) -> bool {
    cx.is_http_handler(func)
        || (func.kind_name() == "method_declaration"
            && func.field("name").is_some_and(|n| cx.text(n) == "ServeHTTP"))
}

/// The `*http.Request` parameter of a handler-shaped function (see [`is_handler_shaped`]): the incoming request.
pub fn incoming_request_param<'a>(cx: &FileContext<'a>, func: Node<'a>) -> Option<Node<'a>> {
    if !is_handler_shaped(cx, func) {
        return None;
    }
    super::functions::named_params(cx, func)
        .into_iter()
        .find_map(|(name, ty)| is_request_pointer(cx, ty).then_some(name))
}

/// Whether a type expression is `*http.Request`.
pub fn is_request_pointer(cx: &FileContext<'_>, ty: Node<'_>) -> bool {
    ty.kind_name() == "pointer_type" && cx.is_type(ty, "net/http", "Request", true)
}

/// For a call that builds a request without a context (`req, err := http.NewRequest(...)`): whether the request
/// gets one later in the function, so that it does not go out context-less: `req = req.WithContext(ctx)`,
/// `req.Clone(ctx)`, `client.Do(req.WithContext(ctx))`, or `req` handed to a call together with a context
/// (`c.do(ctx, req)`, a helper that attaches it).
pub fn request_gets_context_later(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    let Some(request) = assigned_variable(cx, call) else {
        return false;
    };
    let Some(scope) = cx.enclosing_function(call) else {
        return false;
    };
    references(cx, request, scope)
        .filter(|r| r.start_byte() >= call.end_byte())
        .any(|r| gets_context(cx, r))
}

/// Whether this use of a request variable gives the request a context: `r.WithContext(ctx)`, `r.Clone(ctx)`, or
/// `f(ctx, r)`.
fn gets_context(cx: &FileContext<'_>, use_: Node<'_>) -> bool {
    let Some(parent) = use_.parent() else {
        return false;
    };
    match parent.kind_name() {
        "selector_expression" => {
            parent
                .field("field")
                .is_some_and(|f| matches!(cx.text(f), "WithContext" | "Clone"))
                && is_called(parent)
        }
        "argument_list" => parent
            .parent()
            .is_some_and(|call| each_argument(call).any(|a| a.id() != use_.id() && is_context(cx, a))),
        _ => false,
    }
}

/// Whether an expression evidently is a context: a variable declared as `context.Context` or from a function
/// of package context, `r.Context()`, a call of package context, or — declared in another file — a name `ctx`.
pub fn is_context(cx: &FileContext<'_>, expr: Node<'_>) -> bool {
    let expr = unparen(expr);
    match expr.kind_name() {
        "identifier" => match cx.lookup(cx.text(expr), expr) {
            Some(decl) => {
                decl.type_node
                    .is_some_and(|t| cx.is_type(t, "context", "Context", false))
                    || decl
                        .value
                        .is_some_and(|v| decl.index == 0 && context_call(cx, unparen(v)).is_some())
            }
            None => cx.text(expr) == "ctx",
        },
        "call_expression" => {
            context_call(cx, expr).is_some()
                || Call::method(expr, cx).is_some_and(|(_, name)| name == "Context")
                    && super::exprs::no_arguments(expr)
        }
        _ => false,
    }
}

/// For a call of a function of package context that returns a context (`context.WithTimeout(...)`,
/// `context.Background()`), its name.
fn context_call<'a>(cx: &FileContext<'a>, call: Node<'_>) -> Option<&'a str> {
    cx.call_to(
        call,
        "context",
        &[
            "Background",
            "TODO",
            "WithCancel",
            "WithCancelCause",
            "WithTimeout",
            "WithTimeoutCause",
            "WithDeadline",
            "WithDeadlineCause",
            "WithValue",
            "WithoutCancel",
        ],
    )
}

/// Whether a context expression evidently has a deadline: a variable made by `context.WithTimeout`/
/// `WithDeadline` (or their `Cause` forms) in this file.
pub fn has_deadline(cx: &FileContext<'_>, ctx: Node<'_>) -> bool {
    let ctx = unparen(ctx);
    ctx.kind_name() == "identifier"
        && cx.lookup(cx.text(ctx), ctx).is_some_and(|decl| {
            decl.index == 0
                && decl.value.is_some_and(|v| {
                    context_call(cx, unparen(v)).is_some_and(|name| {
                        matches!(
                            name,
                            "WithTimeout" | "WithTimeoutCause" | "WithDeadline" | "WithDeadlineCause"
                        )
                    })
                })
        })
}

/// Whether a request expression evidently carries a context with a deadline: `req.WithContext(ctx)` or a
/// variable built by `http.NewRequestWithContext(ctx, ...)` (or given `req = req.WithContext(ctx)` before its
/// use at `req`), where `ctx` has a deadline (see [`has_deadline`]).
pub fn request_has_deadline(cx: &FileContext<'_>, req: Node<'_>) -> bool {
    let req = unparen(req);
    match req.kind_name() {
        "call_expression" => Call::method(req, cx).is_some_and(|(_, name)| {
            matches!(name, "WithContext" | "Clone")
                && each_argument(req).next().is_some_and(|c| has_deadline(cx, c))
        }),
        "identifier" => {
            let Some(decl) = cx.lookup(cx.text(req), req) else {
                return false;
            };
            let built_with_deadline = decl.index == 0
                && decl.value.is_some_and(|v| {
                    cx.call_to(unparen(v), "net/http", &["NewRequestWithContext"])
                        .is_some()
                        && each_argument(unparen(v))
                            .next()
                            .is_some_and(|c| has_deadline(cx, c))
                });
            if built_with_deadline {
                return true;
            }
            // `req = req.WithContext(ctx)` before this use.
            let Some(scope) = cx.enclosing_function(req) else {
                return false;
            };
            references(cx, decl.name, scope)
                .take_while(|r| r.start_byte() < req.start_byte())
                .any(|r| {
                    r.parent()
                        .filter(|p| p.kind_name() == "expression_list")
                        .and_then(|list| assigned_value_of(list, r))
                        .is_some_and(|value| request_has_deadline(cx, value))
                })
        }
        _ => false,
    }
}

/// For a name on the left of `a, b = x, y`: its value on the right, when the two lists pair one to one.
fn assigned_value_of<'t>(left: Node<'t>, name: Node<'t>) -> Option<Node<'t>> {
    let stmt = left
        .parent()
        .filter(|s| s.kind_name() == "assignment_statement")?;
    (stmt.field("left")?.id() == left.id()).then_some(())?;
    let index = super::children(left).iter().position(|n| n.id() == name.id())?;
    let values = super::children(stmt.field("right")?);
    (values.len() == super::children(left).len()).then(|| values[index])
}

/// The declaring identifier of the variable `call` is assigned to as the first of its results
/// (`req, err := call`, `req, err = call`, `var req, err = call`).
fn assigned_variable<'a>(cx: &FileContext<'a>, call: Node<'a>) -> Option<Node<'a>> {
    let holder = assigned_from(call)?;
    let first = match holder.kind_name() {
        "var_spec" => {
            let mut cursor = holder.walk();
            let first = holder.children_by_field_name("name", &mut cursor).next();
            first?
        }
        _ => super::children(holder.field("left")?).into_iter().next()?,
    };
    if first.kind_name() != "identifier" || cx.text(first) == "_" {
        return None;
    }
    match cx.lookup(cx.text(first), first) {
        // `req, err := ...` declares `req` unless an earlier declaration in the same block is reused; `=`
        // assigns the variable declared before.
        Some(decl) if holder.kind_name() != "var_spec" => Some(decl.name),
        None if holder.kind_name() == "assignment_statement" => None,
        _ => Some(first),
    }
}

/// Whether an `http.Client{...}` literal without a Timeout gets one after it is built: `c.Timeout = d` later
/// in the function; stored in a field `f` (`hc: &http.Client{}`, `s.hc = &http.Client{}`) that the file sets
/// elsewhere (`c.hc.Timeout = d`, a `WithTimeout` option); or held in a variable handed to a call after the
/// literal (`o(c)`, `opt.apply(c)`) while the file has an option that sets the Timeout of the `*http.Client`
/// it is given.
pub fn client_timeout_set_later(cx: &FileContext<'_>, lit: Node<'_>) -> bool {
    // Every way below writes `.Timeout` somewhere in the file.
    if !cx.src.contains("Timeout") {
        return false;
    }
    if super::variables::set_later(cx, lit, &["Timeout"]) {
        return true;
    }
    match holder_of(cx, lit) {
        Some(Holder::Field(field)) => timeout_assignments(cx).any(|target| {
            target.kind_name() == "selector_expression"
                && target.field("field").is_some_and(|f| cx.text(f) == field)
        }),
        Some(Holder::Variable(decl)) => {
            let Some(scope) = cx.enclosing_function(lit) else {
                return false;
            };
            let handed_on = references(cx, decl, scope).any(|r| {
                r.start_byte() > lit.end_byte()
                    && r.parent().is_some_and(|p| p.kind_name() == "argument_list")
            });
            handed_on
                && timeout_assignments(cx).any(|target| {
                    target.kind_name() == "identifier"
                        && cx.lookup(cx.text(target), target).is_some_and(|d| {
                            matches!(d.kind, DeclKind::Parameter | DeclKind::Receiver)
                                && d.type_node
                                    .is_some_and(|t| cx.is_type(t, "net/http", "Client", true))
                        })
                })
        }
        None => false,
    }
}

/// Where a composite literal is kept: a variable (its declaring identifier) or a field (its name).
enum Holder<'a> {
    Variable(Node<'a>),
    Field(&'a str),
}

fn holder_of<'a>(cx: &FileContext<'a>, lit: Node<'a>) -> Option<Holder<'a>> {
    let mut node = lit;
    let mut parent = lit.parent()?;
    while matches!(
        parent.kind_name(),
        "parenthesized_expression" | "unary_expression"
    ) {
        node = parent;
        parent = parent.parent()?;
    }
    match parent.kind_name() {
        // `hc: &http.Client{...}`: the value is a `literal_element` of a `keyed_element`.
        "literal_element" => {
            let keyed = parent.parent().filter(|k| k.kind_name() == "keyed_element")?;
            let key = keyed.field("key")?;
            (keyed.field("value")?.id() == parent.id()).then(|| Holder::Field(cx.text(key).trim()))
        }
        "expression_list" => {
            let holder = parent.parent()?;
            let index = super::children(parent).iter().position(|n| n.id() == node.id())?;
            let target = match holder.kind_name() {
                "short_var_declaration" | "assignment_statement" => {
                    super::children(holder.field("left")?).get(index).copied()?
                }
                "var_spec" => {
                    let mut cursor = holder.walk();
                    let target = holder.children_by_field_name("name", &mut cursor).nth(index);
                    target?
                }
                _ => return None,
            };
            match target.kind_name() {
                "identifier" => Some(Holder::Variable(
                    cx.lookup(cx.text(target), target).map_or(target, |d| d.name),
                )),
                "selector_expression" => Some(Holder::Field(cx.text(target.field("field")?))),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The operands of every `x.Timeout = ...` assignment in the file (`x`).
fn timeout_assignments<'a>(cx: &FileContext<'a>) -> impl Iterator<Item = Node<'a>> {
    descendants(cx.root())
        .filter(|n| n.kind_name() == "assignment_statement")
        .filter_map(|stmt| stmt.field("left"))
        .flat_map(super::children)
        .filter(|target| {
            target.kind_name() == "selector_expression"
                && target.field("field").is_some_and(|f| cx.text(f) == "Timeout")
        })
        .filter_map(|target| target.field("operand").map(unparen))
}

/// Whether every request sent with the client built by `lit` carries a deadline: the literal is held in a local
/// variable whose only uses are `c.Do(req)` with such a request (see [`request_has_deadline`]) and
/// `c.CloseIdleConnections()`.
pub fn client_requests_have_deadlines(cx: &FileContext<'_>, lit: Node<'_>) -> bool {
    let Some(Holder::Variable(decl)) = holder_of(cx, lit) else {
        return false;
    };
    let Some(scope) = cx.enclosing_function(lit) else {
        return false;
    };
    let mut sends = 0;
    let all_bounded = references(cx, decl, scope).all(|r| {
        let Some(selector) = r.parent().filter(|p| p.kind_name() == "selector_expression") else {
            return false;
        };
        let Some(call) = selector.parent().filter(|c| c.kind_name() == "call_expression") else {
            return false;
        };
        match Call::method(call, cx).map(|(_, name)| name) {
            Some("CloseIdleConnections") => true,
            Some("Do") => {
                sends += 1;
                each_argument(call)
                    .next()
                    .is_some_and(|req| request_has_deadline(cx, req))
            }
            _ => false,
        }
    });
    all_bounded && sends > 0
}
