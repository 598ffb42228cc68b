//! `len(strings.Split(s, sep))` and `len(strings.Fields(s))`: a slice of every part allocated only to count.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "str/split-to-count",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "string split only to count its parts",
    why: "`len(strings.Split(s, sep))` allocates a slice of every part and throws it away for its length: on a \
          15-byte list of 8 items it took 116 ns and 128 bytes, `strings.Count(s, sep) + 1` 4.5 ns and nothing \
          (Go 1.19). strings.Fields allocates the same way; asking whether a string has any field only needs \
          TrimSpace.",
    fix: "Count separators: `strings.Count(s, sep) + 1` is `len(strings.Split(s, sep))` for a non-empty sep. For \
          `len(strings.Fields(s)) == 0` write `strings.TrimSpace(s) == \"\"`; to count fields without a slice, \
          walk the string counting the starts of runs of non-space runes. bytes.Count and bytes.TrimSpace do \
          the same for []byte.",
    bad: r#"func widths(rows []string) []int {
    n := make([]int, 0, len(rows))
    for _, row := range rows {
        n = append(n, len(strings.Split(row, ",")))
    }
    return n
}"#,
    good: r#"func widths(rows []string) []int {
    n := make([]int, 0, len(rows))
    for _, row := range rows {
        n = append(n, strings.Count(row, ",")+1)
    }
    return n
}"#,
    applies: "len() applied directly to strings/bytes Split with a constant non-empty separator, or to Fields, on \
              a hot path (a loop, an HTTP handler), where the allocation is paid per item or per request. Not in \
              package main or in _test.go files.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("strings", &["Split", "Fields"]), ("bytes", &["Split", "Fields"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // One allocation matters where it is paid per item or per request; a program's set-up is not that.
    if cx.is_test || cx.package == "main" {
        return;
    }
    // `len(call)`, the call its only argument.
    let Some(len_call) = call
        .parent()
        .filter(|p| {
            p.kind_name() == "argument_list" && syntax::only_child(*p).is_some_and(|a| a.id() == call.id())
        })
        .and_then(|p| p.parent())
        .filter(|l| syntax::is_builtin_call(*l, "len", cx))
    else {
        return;
    };
    if cx.hot_path(call).is_none() {
        return;
    }
    let package = if cx.call_to(call, "bytes", &["Split", "Fields"]).is_some() {
        "bytes"
    } else {
        "strings"
    };
    let title = if Call::name_of(call, cx) == "Split" {
        // strings.Split(s, "") splits into runes: Count would count one more.
        let separator = syntax::each_argument(call).nth(1);
        let known_non_empty = separator.is_some_and(|sep| {
            syntax::constant_string_value(sep, cx).is_some_and(|v| !v.is_empty())
                || (package == "bytes" && non_empty_bytes_literal(sep, cx))
        });
        if !known_non_empty {
            return;
        }
        format!(
            "len({package}.Split(...)) allocates every part to count them: {package}.Count(s, sep) + 1 does not"
        )
    } else if compared_with_zero(len_call, cx) {
        format!(
            "len({package}.Fields(...)) tests for a field by allocating all of them: {package}.TrimSpace does not"
        )
    } else {
        format!("len({package}.Fields(...)) allocates every field to count them")
    };
    cx.finding(&META, len_call).title(title).report(out);
}

/// `[]byte("x")` with a non-empty constant string.
fn non_empty_bytes_literal(expr: Node<'_>, cx: &FileContext<'_>) -> bool {
    let expr = syntax::unparen(expr);
    expr.kind_name() == "type_conversion_expression"
        && expr
            .field("type")
            .is_some_and(|t| syntax::is_byte_slice_type(t, cx))
        && expr
            .field("operand")
            .and_then(|o| syntax::constant_string_value(o, cx))
            .is_some_and(|v| !v.is_empty())
}

/// Whether `len(...)` is compared with 0 or 1 in a way that asks "is there any": `== 0`, `!= 0`, `> 0`, `< 1`,
/// `>= 1`.
fn compared_with_zero(len_call: Node<'_>, cx: &FileContext<'_>) -> bool {
    let Some(comparison) = len_call.parent().filter(|p| p.kind_name() == "binary_expression") else {
        return false;
    };
    let (Some(op), Some(left), Some(right)) = (
        comparison.field("operator"),
        comparison.field("left"),
        comparison.field("right"),
    ) else {
        return false;
    };
    let other = if left.id() == len_call.id() { right } else { left };
    let len_on_left = left.id() == len_call.id();
    matches!(
        (cx.text(other), cx.text(op), len_on_left),
        ("0", "==" | "!=", _)
            | ("0", ">", true)
            | ("0", "<", false)
            | ("1", "<", true)
            | ("1", ">=", true)
            | ("1", ">", false)
            | ("1", "<=", false)
    )
}
