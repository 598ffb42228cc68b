//! `strings.ToLower(a) == strings.ToLower(b)`: two case conversions (and allocations) to compare.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

const CASES: [&str; 2] = ["ToLower", "ToUpper"];

static META: RuleMeta = RuleMeta {
    id: "str/case-fold-compare",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::High,
    about_tests: false,
    message: "case-insensitive comparison through ToLower/ToUpper",
    why: "Each strings.ToLower/ToUpper call walks the whole string and allocates a converted copy whenever it \
          contains a character to change, only for the copies to be compared and dropped. strings.EqualFold \
          compares in place, stops at the first difference and never allocates.",
    fix: "Use strings.EqualFold(a, b) (negate it for !=), or bytes.EqualFold for byte slices. EqualFold uses \
          Unicode simple case folding, which agrees with lowering both sides for ASCII and nearly all text.",
    bad: r#"func isWebSocket(r *http.Request) bool {
    return strings.ToLower(r.Header.Get("Upgrade")) == "websocket"
}"#,
    good: r#"func isWebSocket(r *http.Request) bool {
    return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}"#,
    applies: "Both sides converted the same way, or one side compared with an ASCII literal already in that case. \
              A style rule: off unless asked for; the allocation matters only where a profile shows the code hot.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(&["ToLower", "ToUpper", "Equal"]),
    check,
};

/// Handed `x.ToLower(...)`/`x.ToUpper(...)` calls (the comparison is the `==` or `!=` around one) and
/// `x.Equal(...)` calls.
fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(called) = Call::of(call) else {
        return;
    };
    let (compare, package, left, right) = if cx.text(called.name) == "Equal" {
        // bytes.Equal(bytes.ToLower(a), bytes.ToLower(b))
        let mut args = syntax::each_argument(call);
        let (Some(a), Some(b), None) = (args.next(), args.next(), args.next()) else {
            return;
        };
        if a.kind_name() != "call_expression"
            || b.kind_name() != "call_expression"
            || cx.call_to(call, "bytes", &["Equal"]).is_none()
        {
            return;
        }
        (call, "bytes", a, b)
    } else {
        let Some(compare) = call.parent().filter(|p| p.kind_name() == "binary_expression") else {
            return;
        };
        if compare
            .field("operator")
            .is_none_or(|op| !matches!(op.kind_name(), "==" | "!="))
        {
            return;
        }
        let (Some(l), Some(r)) = (compare.field("left"), compare.field("right")) else {
            return;
        };
        // With a case call on both sides, the left one reports the comparison.
        if r.id() == call.id() && is_handed_case_call(l, cx) {
            return;
        }
        if l.id() != call.id() && r.id() != call.id() {
            return;
        }
        (compare, "strings", syntax::unparen(l), syntax::unparen(r))
    };
    let lcase = case_call(left, package, cx);
    let rcase = case_call(right, package, cx);
    let matches = match (lcase, rcase) {
        (Some(a), Some(b)) => a == b,
        (Some(case), None) => package == "strings" && literal_in_case(right, case, cx),
        (None, Some(case)) => package == "strings" && literal_in_case(left, case, cx),
        (None, None) => false,
    };
    if !matches {
        return;
    }
    let negated = compare.field("operator").is_some_and(|op| cx.text(op) == "!=");
    cx.finding(&META, compare)
        .title(format!(
            "case-insensitive comparison through {}: use {}{package}.EqualFold",
            lcase.or(rcase).unwrap_or("ToLower"),
            if negated { "!" } else { "" }
        ))
        .report(out);
}

/// Whether `expr` is an `x.ToLower(...)`/`x.ToUpper(...)` call that this rule is handed too.
fn is_handed_case_call(expr: Node<'_>, cx: &FileContext<'_>) -> bool {
    Call::of(expr)
        .is_some_and(|c| c.recv.is_some_and(|r| !syntax::is_broken(r)) && CASES.contains(&cx.text(c.name)))
}

/// `strings.ToLower(x)` (or ToUpper, or the bytes versions) with one argument: the function's name.
fn case_call<'a>(expr: Node<'_>, package: &str, cx: &FileContext<'a>) -> Option<&'a str> {
    let name = cx.call_to(expr, package, &CASES)?;
    (syntax::arguments(expr).len() == 1).then_some(name)
}

/// Whether `expr` is a non-empty ASCII string literal that the case conversion leaves unchanged, so that
/// EqualFold with it means the same.
fn literal_in_case(expr: Node<'_>, case: &str, cx: &FileContext<'_>) -> bool {
    let Some(text) = syntax::string_literal_text(expr, cx) else {
        return false;
    };
    if text.is_empty() || !text.is_ascii() || text.contains('\\') {
        return false;
    }
    if case == "ToLower" {
        text == text.to_ascii_lowercase()
    } else {
        text == text.to_ascii_uppercase()
    }
}
