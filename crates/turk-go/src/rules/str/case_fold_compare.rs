//! `strings.ToLower(a) == strings.ToLower(b)`: two case conversions (and allocations) to compare.

use crate::context::FileContext;
use crate::rules::alloc::syntax;
use crate::rules::{Captures, Rule, RuleMeta};
use tree_sitter::Node;
use turk_findings::{Category, Finding, Priority};

pub struct CaseFoldCompare;
pub static RULE: CaseFoldCompare = CaseFoldCompare;

const CASES: [&str; 2] = ["ToLower", "ToUpper"];

static META: RuleMeta = RuleMeta {
    id: "str/case-fold-compare",
    category: Category::Cpu,
    priority: Priority::P2,
    message: "case-insensitive comparison through ToLower/ToUpper",
    why: "Each strings.ToLower/ToUpper call walks the whole string and allocates a converted copy whenever it \
          contains a character to change, only for the copies to be compared and dropped. strings.EqualFold \
          compares in place, stops at the first difference and never allocates.",
    fix: "Use strings.EqualFold(a, b) (negate it for !=), or bytes.EqualFold for byte slices. EqualFold uses \
          Unicode simple case folding, which agrees with lowering both sides for ASCII and nearly all text.",
    bad: "if strings.ToLower(r.Header.Get(\"Upgrade\")) == \"websocket\" {",
    good: "if strings.EqualFold(r.Header.Get(\"Upgrade\"), \"websocket\") {",
    applies: "Both sides converted the same way, or one side compared with an ASCII literal already in that case. \
              P1 inside loops and HTTP handlers.",
};

impl Rule for CaseFoldCompare {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (binary_expression
          left: (call_expression
            function: (selector_expression field: (field_identifier) @case (#any-of? @case "ToLower" "ToUpper")))
          operator: ["==" "!="]) @compare
        (binary_expression
          operator: ["==" "!="]
          right: (call_expression
            function: (selector_expression field: (field_identifier) @case (#any-of? @case "ToLower" "ToUpper")))) @compare
        (call_expression
          function: (selector_expression field: (field_identifier) @equal (#eq? @equal "Equal"))
          arguments: (argument_list . (call_expression) . (call_expression) .)) @compare
        "#
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let compare = m.node("compare");
        let (package, left, right) = if compare.kind() == "call_expression" {
            if cx.call_to(compare, "bytes", &["Equal"]).is_none() {
                return;
            }
            let args = syntax::arguments(compare);
            ("bytes", args[0], args[1])
        } else {
            let (Some(l), Some(r)) = (
                compare.child_by_field_name("left"),
                compare.child_by_field_name("right"),
            ) else {
                return;
            };
            ("strings", syntax::unparen(l), syntax::unparen(r))
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
        let mut finding = cx.finding(&META, compare);
        let negated = compare
            .child_by_field_name("operator")
            .is_some_and(|op| cx.text(op) == "!=");
        finding.title = format!(
            "case-insensitive comparison through {}: use {}{package}.EqualFold",
            lcase.or(rcase).unwrap_or("ToLower"),
            if negated { "!" } else { "" }
        );
        if cx.on_hot_path(compare) {
            finding.priority = META.priority.raised();
        }
        out.push(finding);
    }
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
