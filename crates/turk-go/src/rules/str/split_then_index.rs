//! `strings.Split(s, sep)[i]`: a slice of every part allocated to read one.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "str/split-then-index",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "strings.Split result indexed for a single part",
    why: "strings.Split scans the whole string and allocates a slice holding every part, only for one part to be \
          read: `strings.Split(s, \":\")[0]` on a 23-byte key took 125 ns and allocated 80 bytes, \
          `strings.Cut` 27 ns with no allocation (Go 1.19). The longer the string and the more separators it \
          has, the larger the waste.",
    fix: "For the part before the first separator, `before, _, _ := strings.Cut(s, sep)` (Go 1.18+; \
          strings.Index before). For a later part, Cut again on the rest, or bound the split with \
          strings.SplitN(s, sep, i+2) so it stops early. bytes.Cut and bytes.SplitN do the same for []byte.",
    bad: r#"func keys(lines []string) []string {
    out := make([]string, 0, len(lines))
    for _, line := range lines {
        out = append(out, strings.Split(line, "=")[0])
    }
    return out
}"#,
    good: r#"func keys(lines []string) []string {
    out := make([]string, 0, len(lines))
    for _, line := range lines {
        key, _, _ := strings.Cut(line, "=")
        out = append(out, key)
    }
    return out
}"#,
    applies: "strings and bytes Split, SplitN, SplitAfter and SplitAfterN indexed directly by a constant, on a \
              hot path (a loop, an HTTP handler), where the allocation is paid per item or per request; a split \
              into a variable whose parts are then read is not reported, nor a SplitN or SplitAfterN already \
              bounded by its constant count: the index + 1 (the part read is the rest of the string), or the \
              index + 2 for a later part than the first (it stops early as suggested). Not in package main or in \
              _test.go files.",
};

const SPLITS: &[&str] = &["Split", "SplitN", "SplitAfter", "SplitAfterN"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("strings", SPLITS), ("bytes", SPLITS)]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // One allocation matters where it is paid per item or per request; a program's set-up is not that.
    if cx.is_test || cx.package == "main" {
        return;
    }
    let Some(index_expr) = call.parent().filter(|p| {
        p.kind_name() == "index_expression" && p.field("operand").is_some_and(|o| o.id() == call.id())
    }) else {
        return;
    };
    let Some(index) = index_expr
        .field("index")
        .filter(|i| i.kind_name() == "int_literal")
        .and_then(|i| cx.text(i).parse::<u32>().ok())
    else {
        return;
    };
    // `strings.Split(strings.Split(v, "-")[0], ".")[0]`: one finding, on the outer split.
    if index_expr
        .parent()
        .filter(|p| p.kind_name() == "argument_list")
        .and_then(|p| p.parent())
        .is_some_and(|outer| {
            outer
                .parent()
                .is_some_and(|p| p.kind_name() == "index_expression")
                && (cx.call_to(outer, "strings", SPLITS).is_some()
                    || cx.call_to(outer, "bytes", SPLITS).is_some())
        })
    {
        return;
    }
    if already_bounded(cx, call, index) {
        return;
    }
    if cx.hot_path(call).is_none() {
        return;
    }
    let package = if cx.call_to(call, "bytes", SPLITS).is_some() {
        "bytes"
    } else {
        "strings"
    };
    let name = Call::name_of(call, cx);
    let instead = match (index, cx.go_at_least(1, 18)) {
        (0, true) => format!("{package}.Cut returns it without allocating"),
        (0, false) => format!("{package}.Index finds it without allocating"),
        (_, true) => format!(
            "{package}.Cut on the rest, or SplitN(s, sep, {}), stops early",
            index + 2
        ),
        (_, false) => format!("{package}.SplitN(s, sep, {}) stops early", index + 2),
    };
    cx.finding(&META, index_expr)
        .title(format!(
            "{package}.{name}(...)[{index}] allocates every part to read one: {instead}"
        ))
        .report(out);
}

/// Whether the split is a `SplitN`/`SplitAfterN` already bounded by its constant count, so that the suggestion
/// has nothing to give: with `n == index + 1` the part read is the whole rest of the string, and a later part
/// (`index >= 1`) with `n == index + 2` is what the suggested SplitN does. `SplitN(s, sep, 2)[0]` is still
/// reported: Cut returns that part without allocating.
fn already_bounded(cx: &FileContext<'_>, call: Node<'_>, index: u32) -> bool {
    Call::name_of(call, cx).ends_with('N')
        && syntax::each_argument(call)
            .nth(2)
            .map(syntax::unparen)
            .filter(|n| n.kind_name() == "int_literal")
            .and_then(|n| cx.text(n).parse::<u32>().ok())
            .is_some_and(|n| n <= index + 1 || (index >= 1 && n <= index + 2))
}
