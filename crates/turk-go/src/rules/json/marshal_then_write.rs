//! `b, err := json.Marshal(v)` whose only use is `w.Write(b)`: an Encoder writes without the copy.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "json/marshal-then-write",
    category: Category::Json,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "json.Marshal result only written to a writer: an Encoder skips the copy",
    why: "json.Marshal encodes into a pooled internal buffer and then copies the result into a new slice that it \
          returns: one allocation and one copy of the whole document per call, garbage as soon as it is \
          written. json.NewEncoder(w).Encode(v) encodes into the same pooled buffer and writes it to w directly. \
          For a 64 KB response that is 64 KB less to allocate, copy and collect on every request; the encoding \
          itself costs the same.",
    fix: "`if err := json.NewEncoder(w).Encode(v); err != nil { ... }`. Encode appends a newline (harmless for \
          JSON readers; trim it only if a byte-exact body matters) and, like Marshal, writes nothing when \
          encoding fails. Set headers such as Content-Type before calling it.",
    bad: r#"func writeJSON(w http.ResponseWriter, v any) {
    b, err := json.Marshal(v)
    if err != nil {
        http.Error(w, err.Error(), http.StatusInternalServerError)
        return
    }
    w.Header().Set("Content-Type", "application/json")
    w.Write(b)
}"#,
    good: r#"func writeJSON(w http.ResponseWriter, v any) {
    w.Header().Set("Content-Type", "application/json")
    if err := json.NewEncoder(w).Encode(v); err != nil {
        http.Error(w, err.Error(), http.StatusInternalServerError)
    }
}"#,
    applies: "json.Marshal assigned to a name whose one and only use is `w.Write(b)` with w an \
              http.ResponseWriter, or `x.Write(append(b, '\\n'))` on any writer (Encode writes the same bytes); \
              other writers are left alone, as Encode's trailing newline would change what a hash, a signature or \
              a framed message sees. Not in loop bodies (json/marshal-in-loop covers those) nor in _test.go \
              files. One step higher in an HTTP handler.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("encoding/json", &["Marshal"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let Some((_, only)) = syntax::sole_use_of_result(cx, call) else {
        return;
    };
    let Some((writer, newline)) = written_by(cx, only) else {
        return;
    };
    // Encode ends the document with a newline. An HTTP response does not care and a stream that appends one
    // itself gets the same bytes; for a hash, a signature or a length-prefixed frame it would change the output.
    if !newline && !is_response_writer(cx, writer) {
        return;
    }
    let writer = cx.text(writer);
    if cx.in_loop_body(call) {
        return;
    }
    let value = call
        .field("arguments")
        .and_then(syntax::first_child)
        .map(|v| cx.text(v))
        .filter(|v| v.len() <= 40 && !v.contains('\n'))
        .unwrap_or("v");
    cx.finding(&META, call)
        .title(format!(
            "json.Marshal then {writer}.Write: json.NewEncoder({writer}).Encode({value}) skips the copy"
        ))
        .on_hot_path(META.priority.raised())
        .report(out);
}

/// For the one use of the marshalled bytes: the writer when it is `w.Write(b)` or `w.Write(append(b, '\n'))`,
/// and whether it is the latter.
fn written_by<'a>(cx: &FileContext<'a>, data: Node<'a>) -> Option<(Node<'a>, bool)> {
    let mut arg = data;
    let mut newline = false;
    let mut args = data.parent().filter(|p| p.kind_name() == "argument_list")?;
    let call = args.parent()?;
    if syntax::is_builtin_call(call, "append", cx) {
        // `append(b, '\n')`: b must be the slice appended to, and a newline all that is appended.
        let (first, second) = syntax::two_children(args)?;
        if first.id() != data.id() || !matches!(cx.text(second), "'\\n'" | "10") {
            return None;
        }
        newline = true;
        arg = call;
        args = call.parent().filter(|p| p.kind_name() == "argument_list")?;
    }
    let write = args.parent()?;
    let (recv, name) = Call::method(write, cx)?;
    (name == "Write"
        && syntax::only_child(args).is_some_and(|only| only.id() == arg.id())
        && !cx.names_an_import(recv))
    .then_some((recv, newline))
}

/// A name declared as an `http.ResponseWriter`.
fn is_response_writer<'a>(cx: &FileContext<'a>, writer: Node<'a>) -> bool {
    syntax::declared_as(
        writer,
        cx,
        |t| cx.is_type(t, "net/http", "ResponseWriter", false),
        |_| false,
    )
}
