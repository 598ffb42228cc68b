//! `for _, r := range []rune(s)`: converts the whole string to a rune slice just to iterate it.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "alloc/range-over-rune-conversion",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "ranging over []rune(s) allocates a copy of the string",
    why: "[]rune(s) decodes the whole string into a newly allocated slice of 4 bytes per character before the loop \
          starts. Ranging over the string itself decodes UTF-8 on the fly and yields the same runes (invalid \
          bytes become utf8.RuneError either way) without allocating. Only the index differs, and it is unused \
          here.",
    fix: "Range over the string directly: `for _, r := range s`. To count runes, use utf8.RuneCountInString(s).",
    bad: r#"func isWord(name string) bool {
    for _, r := range []rune(name) {
        if !unicode.IsLetter(r) {
            return false
        }
    }
    return true
}"#,
    good: r#"func isWord(name string) bool {
    for _, r := range name {
        if !unicode.IsLetter(r) {
            return false
        }
    }
    return true
}"#,
    applies: "Only when the index is blank or absent (the rune index differs from the string's byte offsets). P1 on a \
              hot path.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["range_clause"]),
    check,
};

fn check(range: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(conversion) = range
        .field("right")
        .filter(|r| r.kind_name() == "type_conversion_expression")
    else {
        return;
    };
    let is_runes = conversion.field("type").is_some_and(|t| {
        t.kind_name() == "slice_type"
            && t.field("element")
                .is_some_and(|e| e.kind_name() == "type_identifier" && cx.text(e) == "rune")
    });
    if !is_runes || conversion.field("operand").is_none_or(|o| o.is_error()) {
        return;
    }
    if let Some(left) = range.field("left")
        && syntax::each_child(left).next().is_some_and(|i| cx.text(i) != "_")
    {
        return;
    }
    cx.finding(&META, conversion).raised_on_hot_path().report(out);
}
