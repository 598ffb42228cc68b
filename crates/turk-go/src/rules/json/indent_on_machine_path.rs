//! `json.MarshalIndent` (or an Encoder with `SetIndent`) producing an HTTP response: whitespace for no reader.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "json/indent-on-machine-path",
    category: Category::Json,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "indented JSON sent to a program",
    why: "MarshalIndent is Marshal followed by a second pass over the whole output (json.Indent runs the JSON \
          scanner byte by byte into a second buffer), and the indentation itself adds bytes: a newline and \
          the indent before every field and element, commonly 20-40% more for nested objects. A program reading \
          the response gains nothing from it, yet every response pays the extra pass, the extra allocation and \
          the extra bytes on the wire (and in the compressor, when the response is gzipped).",
    fix: "Encode compactly: json.Marshal, or json.NewEncoder(w).Encode(v) without SetIndent. If people read the \
          endpoint too, indent only on request (a `?pretty` query parameter); `jq` or a browser formats \
          compact JSON just as well.",
    bad: r#"func createOrder(w http.ResponseWriter, r *http.Request) {
    var req OrderRequest
    if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
        http.Error(w, err.Error(), http.StatusBadRequest)
        return
    }
    b, err := json.MarshalIndent(placeOrder(req), "", "  ")
    if err != nil {
        http.Error(w, err.Error(), http.StatusInternalServerError)
        return
    }
    w.Header().Set("Content-Type", "application/json")
    w.Write(b)
}"#,
    good: r#"func createOrder(w http.ResponseWriter, r *http.Request) {
    var req OrderRequest
    if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
        http.Error(w, err.Error(), http.StatusBadRequest)
        return
    }
    b, err := json.Marshal(placeOrder(req))
    if err != nil {
        http.Error(w, err.Error(), http.StatusInternalServerError)
        return
    }
    w.Header().Set("Content-Type", "application/json")
    w.Write(b)
}"#,
    applies: "json.MarshalIndent, and SetIndent on an Encoder made by json.NewEncoder in the same function, where \
              a program reads the output: in a function given a net.Conn, or in one given an \
              http.ResponseWriter that also decodes JSON (json.NewDecoder/Unmarshal): a JSON API endpoint. A \
              handler or helper that only writes JSON may serve people (status and monitoring pages) and is \
              left alone. Not when the indentation is chosen at run time (inside an `if` whose other \
              branch encodes compactly, or whose condition names pretty/indent; any `if` around a SetIndent), nor \
              in _test.go files.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("encoding/json", &["MarshalIndent"])]).and_calls(&["SetIndent"]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let what = match Call::method(call, cx) {
        Some((recv, "SetIndent")) => {
            if !is_json_encoder(cx, recv) {
                return;
            }
            "SetIndent"
        }
        Some((_, "MarshalIndent")) => "MarshalIndent",
        _ => return,
    };
    let Some(func) = cx.enclosing_function(call) else {
        return;
    };
    let Some(path) = machine_path(cx, func) else {
        return;
    };
    if chosen_at_run_time(cx, call, func, what == "SetIndent") {
        return;
    }
    cx.finding(&META, call)
        .title(format!(
            "json {what} {path}: indentation no program reads, paid on every message"
        ))
        .report(out);
}

/// `enc` of `enc := json.NewEncoder(w)`.
fn is_json_encoder<'a>(cx: &FileContext<'a>, recv: Node<'a>) -> bool {
    syntax::declared_as(
        recv,
        cx,
        |t| cx.is_type(t, "encoding/json", "Encoder", true),
        |v| cx.call_to(v, "encoding/json", &["NewEncoder"]).is_some(),
    )
}

/// Where the function's output goes when a program certainly reads it: a network connection it is given, or
/// the response of a JSON API (a handler that also decodes JSON from its request). A handler or helper that
/// only writes JSON may serve people (status and monitoring pages): not reported.
fn machine_path<'a>(cx: &FileContext<'a>, func: Node<'a>) -> Option<&'static str> {
    let params = syntax::named_params(cx, func);
    if params.iter().any(|(_, ty)| cx.is_type(*ty, "net", "Conn", false)) {
        return Some("written to a network connection");
    }
    let writes_response = params
        .iter()
        .any(|(_, ty)| cx.is_type(*ty, "net/http", "ResponseWriter", false));
    let decodes_json = || {
        syntax::descendants(func).any(|n| {
            cx.call_to(n, "encoding/json", &["NewDecoder", "Unmarshal"])
                .is_some()
        })
    };
    (writes_response && decodes_json()).then_some("in a JSON API response")
}

/// Whether the nearest `if` around the call (within the function) picks the format: any `if` around a
/// SetIndent (the Encode is elsewhere), or one whose condition names pretty/indent or that also encodes
/// compactly.
fn chosen_at_run_time<'a>(cx: &FileContext<'a>, call: Node<'a>, func: Node<'a>, set_indent: bool) -> bool {
    let ancestors = cx.ancestors(call);
    let Some(choice) = ancestors
        .iter()
        .rev()
        .take_while(|n| n.id() != func.id())
        .find(|n| n.kind_name() == "if_statement")
    else {
        return false;
    };
    if set_indent {
        return true;
    }
    let condition = choice
        .field("condition")
        .map_or(String::new(), |c| cx.text(c).to_ascii_lowercase());
    condition.contains("pretty")
        || condition.contains("indent")
        || syntax::descendants(*choice).any(|n| {
            cx.call_to(n, "encoding/json", &["Marshal"]).is_some()
                || Call::method(n, cx).is_some_and(|(_, name)| name == "Encode")
        })
}
