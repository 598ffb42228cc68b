//! `io.ReadAll(r.Body)` on a request body without a size limit.

use crate::context::children::{FieldChild, KindName};
use crate::context::{DeclKind, FileContext};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/unbounded-read-all",
    category: Category::Http,
    priority: Priority::P1,
    tier: Tier::Correctness,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "request body read into memory without a size limit",
    why: "io.ReadAll keeps reading until EOF and holds everything in memory (growing its buffer by doubling along \
          the way). A client that sends a huge or endless body, by mistake or on purpose, makes the server \
          allocate without bound; a few concurrent requests are enough to exhaust memory.",
    fix: "Limit the body first: `r.Body = http.MaxBytesReader(w, r.Body, maxBytes)` (the client gets an error when \
          it sends more), or read through io.LimitReader(r.Body, maxBytes).",
    bad: r#"func upload(w http.ResponseWriter, r *http.Request) {
    data, err := io.ReadAll(r.Body)
    if err != nil {
        http.Error(w, err.Error(), http.StatusBadRequest)
        return
    }
    store(data)
}"#,
    good: r#"func upload(w http.ResponseWriter, r *http.Request) {
    r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
    data, err := io.ReadAll(r.Body)
    if err != nil {
        http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
        return
    }
    store(data)
}"#,
    applies: "For io.ReadAll/ioutil.ReadAll of the Body of the incoming request: the *http.Request parameter of \
              a handler-shaped function ((http.ResponseWriter, *http.Request) parameters, or ServeHTTP), not an \
              outbound request (built by http.NewRequest, or the parameter of a Do or RoundTrip), when the \
              function does not use http.MaxBytesReader or io.LimitReader. A limit applied by a middleware \
              elsewhere is not visible here.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("io", &["ReadAll"]), ("io/ioutil", &["ReadAll"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // `ReadAll(req.Body)`: one argument, the Body field of a plain name.
    let Some(arg) = call
        .field("arguments")
        .and_then(syntax::only_child)
        .filter(|a| a.kind_name() == "selector_expression")
    else {
        return;
    };
    if arg.field("field").is_none_or(|f| cx.text(f) != "Body") {
        return;
    }
    let Some(req) = arg
        .field("operand")
        .filter(|r| r.kind_name() == "identifier" && !r.is_missing())
    else {
        return;
    };
    let Some(decl) = cx.lookup(cx.text(req), req) else {
        return;
    };
    if decl.kind != DeclKind::Parameter {
        return;
    }
    // Only a handler's request comes from a client; the parameter of a Do or RoundTrip, or a request built by
    // http.NewRequest, is outbound: its body is ours.
    let Some(func) = cx.enclosing_function(decl.name) else {
        return;
    };
    if syntax::incoming_request_param(cx, func).is_none_or(|param| param.id() != decl.name.id())
        || limited(cx, func)
    {
        return;
    }
    cx.finding(&META, call).report(out);
}

/// Whether the function calls http.MaxBytesReader or io.LimitReader anywhere.
fn limited(cx: &FileContext<'_>, func: Node<'_>) -> bool {
    // Either call names its function in the source: without the word, no call needs a closer look.
    let text = cx.text(func);
    if !text.contains("MaxBytesReader") && !text.contains("LimitReader") {
        return false;
    }
    syntax::descendants(func).any(|c| {
        cx.call_to(c, "net/http", &["MaxBytesReader"]).is_some()
            || cx.call_to(c, "io", &["LimitReader"]).is_some()
    })
}
