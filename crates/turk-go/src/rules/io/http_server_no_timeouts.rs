//! An HTTP server without read timeouts: slow or idle clients hold connections and goroutines forever.

use crate::context::{FileContext, position};
use crate::rules::io::shared;
use crate::rules::{CallFilter, Captures, Rule, RuleMeta};
use tree_sitter::Node;
use turk_findings::{Category, Finding, Priority};

pub struct HttpServerNoTimeouts;
pub static RULE: HttpServerNoTimeouts = HttpServerNoTimeouts;

static META: RuleMeta = RuleMeta {
    id: "io/http-server-no-timeouts",
    category: Category::Http,
    priority: Priority::P1,
    message: "http.Server without ReadHeaderTimeout or ReadTimeout",
    why: "An http.Server's timeouts are all zero by default, meaning none. A client that opens connections and \
          sends headers slowly (Slowloris), or just never finishes a request, keeps a connection, a goroutine and \
          its buffers alive indefinitely; enough of them exhaust file descriptors and memory. The package-level \
          http.ListenAndServe/Serve functions use such a zero-value Server and offer no way to set a timeout.",
    fix: "Use an explicit &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second} (also consider \
          ReadTimeout, WriteTimeout and IdleTimeout) and call its ListenAndServe method.",
    bad: "log.Fatal(http.ListenAndServe(\":8080\", mux))",
    good: "srv := &http.Server{\n    Addr:              \":8080\",\n    Handler:           mux,\n    ReadHeaderTimeout: 5 * time.Second,\n    IdleTimeout:       120 * time.Second,\n}\nlog.Fatal(srv.ListenAndServe())",
    applies: "Not reported in _test.go files; P2 for ListenAndServe on a literal loopback address. A Server literal is accepted when the same function (or the file, for \
              a package-level variable) later sets its ReadHeaderTimeout or ReadTimeout field.",
};

const SERVE_FUNCS: &[&str] = &["ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS"];
const READ_TIMEOUTS: &[&str] = &["ReadHeaderTimeout", "ReadTimeout"];

impl Rule for HttpServerNoTimeouts {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (composite_literal type: (qualified_type name: (type_identifier) @t (#eq? @t "Server"))) @lit
        "#
    }

    fn calls(&self) -> CallFilter {
        CallFilter {
            names: &["ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS"],
            unqualified: false,
        }
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        if cx.is_test {
            return;
        }
        if let Some(call) = m.get("call") {
            if let Some(name) = cx.call_to(call, "net/http", SERVE_FUNCS) {
                let mut finding = cx.finding(&META, call);
                finding.title = format!("http.{name} serves without any timeouts");
                if loopback_only(cx, call) {
                    finding.priority = Priority::P2;
                }
                out.push(finding);
            }
            return;
        }
        let lit = m.node("lit");
        let Some(ty) = lit.child_by_field_name("type") else {
            return;
        };
        if !cx.is_type(ty, "net/http", "Server", false) {
            return;
        }
        if literal_keys(cx, lit).iter().any(|k| READ_TIMEOUTS.contains(k)) {
            return;
        }
        if set_later(cx, lit, READ_TIMEOUTS) {
            return;
        }
        out.push(cx.finding(&META, lit));
    }
}

/// Whether the address argument is a literal loopback address (`"localhost:6060"`, `"127.0.0.1:8080"`): a debug
/// or sidecar endpoint that remote clients cannot reach.
fn loopback_only(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    shared::arguments(call).first().is_some_and(|addr| {
        matches!(addr.kind(), "interpreted_string_literal" | "raw_string_literal") && {
            let text = cx.text(*addr).trim_matches(|c| c == '"' || c == '`');
            text.starts_with("localhost:") || text.starts_with("127.0.0.1:") || text.starts_with("[::1]:")
        }
    })
}

/// The field names of a keyed composite literal.
pub(crate) fn literal_keys<'a>(cx: &FileContext<'a>, lit: Node<'a>) -> Vec<&'a str> {
    let Some(body) = lit.child_by_field_name("body") else {
        return Vec::new();
    };
    let mut cursor = body.walk();
    body.named_children(&mut cursor)
        .filter(|e| e.kind() == "keyed_element")
        .filter_map(|e| e.child_by_field_name("key"))
        .map(|k| cx.text(k).trim())
        .collect()
}

/// Whether the variable (or field) the literal is assigned to gets one of `fields` set elsewhere in the function
/// (or in the file, for a package-level variable): `srv.ReadHeaderTimeout = ...`.
pub(crate) fn set_later(cx: &FileContext<'_>, lit: Node<'_>, fields: &[&str]) -> bool {
    let mut node = lit;
    while let Some(parent) = node.parent() {
        if matches!(parent.kind(), "parenthesized_expression" | "unary_expression") {
            node = parent;
        } else {
            break;
        }
    }
    let Some(list) = node.parent().filter(|p| p.kind() == "expression_list") else {
        return false;
    };
    let Some(holder) = list.parent() else {
        return false;
    };
    let target = match holder.kind() {
        "short_var_declaration" | "assignment_statement" => {
            let Some(left) = holder.child_by_field_name("left") else {
                return false;
            };
            let index = {
                let mut cursor = list.walk();
                list.named_children(&mut cursor).position(|n| n.id() == node.id())
            };
            let mut cursor = left.walk();
            let names: Vec<Node<'_>> = left.named_children(&mut cursor).collect();
            match index.and_then(|i| names.get(i)) {
                Some(n) => cx.text(*n),
                None => return false,
            }
        }
        "var_spec" => {
            let mut cursor = holder.walk();
            match holder.children_by_field_name("name", &mut cursor).next() {
                Some(n) => cx.text(n),
                None => return false,
            }
        }
        _ => return false,
    };
    let scope = position::enclosing_function(lit).unwrap_or_else(|| {
        let mut root = lit;
        while let Some(p) = root.parent() {
            root = p;
        }
        root
    });
    shared::descendants_of_kind(scope, "selector_expression")
        .into_iter()
        .any(|sel| {
            sel.child_by_field_name("operand")
                .is_some_and(|op| cx.text(op) == target)
                && sel
                    .child_by_field_name("field")
                    .is_some_and(|f| fields.contains(&cx.text(f)))
        })
}
