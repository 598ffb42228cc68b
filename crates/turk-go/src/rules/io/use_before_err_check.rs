//! `defer resp.Body.Close()` / `defer f.Close()` before the error of the call that produced the value is checked.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/use-before-err-check",
    category: Category::Io,
    priority: Priority::P0,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "Close deferred before the error is checked",
    why: "When the call fails it returns a nil response or file together with the error. `defer resp.Body.Close()` \
          evaluates `resp.Body` immediately, so it panics with a nil pointer dereference on the error path; a \
          deferred `f.Close()` on a nil *os.File returns an error that is silently dropped, hiding the real \
          failure. Either way the error handling that follows never behaves as intended.",
    fix: "Check the error first, and defer the Close only once the value is known to be valid.",
    bad: r#"func status(url string) (int, error) {
    resp, err := http.Get(url)
    defer resp.Body.Close()
    if err != nil {
        return 0, err
    }
    return resp.StatusCode, nil
}"#,
    good: r#"func status(url string) (int, error) {
    resp, err := http.Get(url)
    if err != nil {
        return 0, err
    }
    defer resp.Body.Close()
    return resp.StatusCode, nil
}"#,
    applies: "",
};

/// `net/http` functions returning `(*http.Response, error)`.
const HTTP_FUNCS: &[&str] = &["Get", "Head", "Post", "PostForm"];
/// Functions returning `(io.Closer, error)` whose value is nil on error.
const OPENERS: &[(&str, &[&str])] = &[
    ("os", &["Open", "Create", "OpenFile"]),
    ("net", &["Dial", "DialTimeout"]),
];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(&[
        "Get",
        "Head",
        "Post",
        "PostForm",
        "Do",
        "Open",
        "Create",
        "OpenFile",
        "Dial",
        "DialTimeout",
    ]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // `value, err := call` or `value, err = call`, two plain names and the call the whole right-hand side.
    let Some((stmt, value, err)) = syntax::assigned_to_two_names(call) else {
        return;
    };
    let (value_name, err_name) = (cx.text(value), cx.text(err));
    if value_name == "_" || err_name == "_" {
        return;
    }
    // An HTTP response (`resp.Body.Close()` expected) or a closer (`f.Close()` expected).
    let http = cx.call_to(call, "net/http", HTTP_FUNCS).is_some();
    let opener = OPENERS
        .iter()
        .any(|(path, names)| cx.call_to(call, path, names).is_some());
    // A method `Do/Get/Post/...` on a client: only the `.Body.Close()` shape below proves it is HTTP.
    let method = !http
        && !opener
        && Call::method(call, cx).is_some_and(|(recv, _)| {
            recv.kind_name() != "identifier" || cx.imports.path_of(cx.text(recv)).is_none()
        });
    if !http && !opener && !method {
        return;
    }
    let Some(block) = stmt.parent() else {
        return;
    };
    for s in syntax::later_siblings(stmt, block) {
        if s.kind_name() == "defer_statement" && closes(cx, s, value_name, !opener) {
            cx.finding(&META, s).report(out);
            return;
        }
        // Anything that looks at the error (the check itself, a wrap, a log) ends the window.
        if mentions(cx, s, err_name) || assigns(cx, s, value_name) {
            return;
        }
    }
}

/// Whether the deferred call is `value.Body.Close()` (for responses) or `value.Close()` (for closers), directly
/// or inside a deferred func literal.
fn closes(cx: &FileContext<'_>, defer: Node<'_>, value: &str, response: bool) -> bool {
    let Some(call) = defer
        .named_child(0)
        .filter(|c| c.kind_name() == "call_expression")
    else {
        return false;
    };
    let target = if response {
        format!("{value}.Body.Close")
    } else {
        format!("{value}.Close")
    };
    let is_close = |c: Node<'_>| {
        c.field("function")
            .is_some_and(|f| f.kind_name() == "selector_expression" && cx.text(f) == target)
    };
    if is_close(call) {
        return true;
    }
    call.field("function")
        .filter(|f| f.kind_name() == "func_literal")
        .and_then(syntax::body)
        .is_some_and(|b| syntax::descendants(b).any(|c| c.kind_name() == "call_expression" && is_close(c)))
}

/// Whether `name` appears as an identifier in the statement.
fn mentions(cx: &FileContext<'_>, stmt: Node<'_>, name: &str) -> bool {
    cx.text(stmt).contains(name)
        && syntax::descendants(stmt).any(|id| id.kind_name() == "identifier" && cx.text(id) == name)
}

/// Whether the statement assigns to `name` (so what follows is about another value).
fn assigns(cx: &FileContext<'_>, stmt: Node<'_>, name: &str) -> bool {
    matches!(stmt.kind_name(), "assignment_statement" | "short_var_declaration")
        && stmt.field("left").is_some_and(|left| {
            let mut cursor = left.walk();
            left.named_children(&mut cursor).any(|n| cx.text(n) == name)
        })
}
