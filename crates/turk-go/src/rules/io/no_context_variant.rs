//! A context-free API called where a context is at hand (`http.NewRequest`, `net.Dial`, `exec.Command`).

use crate::context::FileContext;
use crate::rules::io::shared;
use crate::rules::{Captures, Rule, RuleMeta};
use turk_findings::{Category, Finding, Priority};

pub struct NoContextVariant;
pub static RULE: NoContextVariant = NoContextVariant;

static META: RuleMeta = RuleMeta {
    id: "io/no-context-variant",
    category: Category::Io,
    priority: Priority::P2,
    message: "context-free call in a function that has a context",
    why: "The function has a context (a context.Context parameter or the request's r.Context()), but calls an API \
          that cannot take one. The request, dial or command then ignores cancellation and deadlines: when the \
          caller gives up, it keeps running and holding a connection, a process or a goroutine, and a slow peer \
          can block it indefinitely.",
    fix: "Use the context-aware variant and pass the context: http.NewRequestWithContext(ctx, ...), \
          (&net.Dialer{}).DialContext(ctx, ...), exec.CommandContext(ctx, ...).",
    bad: "func fetch(ctx context.Context, url string) (*http.Response, error) {\n    req, err := http.NewRequest(http.MethodGet, url, nil)\n    if err != nil {\n        return nil, err\n    }\n    return client.Do(req)\n}",
    good: "func fetch(ctx context.Context, url string) (*http.Response, error) {\n    req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)\n    if err != nil {\n        return nil, err\n    }\n    return client.Do(req)\n}",
    applies: "Only in functions with a context.Context or *http.Request parameter (looking through func literals \
              called in place, not goroutines or callbacks); P1 in HTTP handlers; not in _test.go files.",
};

/// (import path, function, suggested replacement)
const CALLS: &[(&str, &str, &str)] = &[
    ("net/http", "NewRequest", "http.NewRequestWithContext"),
    ("net", "Dial", "(&net.Dialer{}).DialContext"),
    ("net", "DialTimeout", "(&net.Dialer{Timeout: d}).DialContext"),
    ("os/exec", "Command", "exec.CommandContext"),
];

impl Rule for NoContextVariant {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (call_expression function: (selector_expression field: (field_identifier) @fn
          (#any-of? @fn "NewRequest" "Dial" "DialTimeout" "Command"))) @call
        "#
    }

    fn check(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        if cx.is_test {
            return;
        }
        let call = m.node("call");
        let Some((path, name, instead)) = CALLS
            .iter()
            .find(|(path, name, _)| cx.call_to(call, path, &[name]).is_some())
        else {
            return;
        };
        let Some((func, param)) = shared::function_with_context(cx, call) else {
            return;
        };
        let pkg = path.rsplit('/').next().unwrap_or(path);
        let mut finding = cx.finding(&META, call);
        let from = if cx.is_type(
            param
                .parent()
                .and_then(|p| p.child_by_field_name("type"))
                .unwrap_or(param),
            "context",
            "Context",
            false,
        ) {
            cx.text(param).to_string()
        } else {
            format!("{}.Context()", cx.text(param))
        };
        finding.title = format!("{pkg}.{name} ignores {from}: use {instead}");
        if cx.is_http_handler(func) {
            finding.priority = Priority::P1;
        }
        out.push(finding);
    }
}
