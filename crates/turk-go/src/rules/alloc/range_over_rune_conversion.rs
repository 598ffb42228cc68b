//! `for _, r := range []rune(s)`: converts the whole string to a rune slice just to iterate it.

use crate::context::FileContext;
use crate::rules::alloc::syntax;
use crate::rules::{Captures, Rule, RuleMeta};
use turk_findings::{Category, Finding, Priority};

pub struct RangeOverRuneConversion;
pub static RULE: RangeOverRuneConversion = RangeOverRuneConversion;

static META: RuleMeta = RuleMeta {
    id: "alloc/range-over-rune-conversion",
    category: Category::Allocation,
    priority: Priority::P2,
    message: "ranging over []rune(s) allocates a copy of the string",
    why: "[]rune(s) decodes the whole string into a newly allocated slice of 4 bytes per character before the loop \
          starts. Ranging over the string itself decodes UTF-8 on the fly and yields the same runes (invalid \
          bytes become utf8.RuneError either way) without allocating. Only the index differs, and it is unused \
          here.",
    fix: "Range over the string directly: `for _, r := range s`. To count runes, use utf8.RuneCountInString(s).",
    bad: "for _, r := range []rune(name) {\n    if !unicode.IsLetter(r) {\n        return false\n    }\n}",
    good: "for _, r := range name {\n    if !unicode.IsLetter(r) {\n        return false\n    }\n}",
    applies: "Only when the index is blank or absent (the rune index differs from the string's byte offsets).",
};

impl Rule for RangeOverRuneConversion {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (range_clause
          right: (type_conversion_expression
            type: (slice_type element: (type_identifier) @elem (#eq? @elem "rune"))
            operand: (_)) @conversion) @range
        "#
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let range = m.node("range");
        if let Some(left) = range.child_by_field_name("left") {
            let vars = syntax::children(left);
            if vars.first().is_some_and(|i| cx.text(*i) != "_") {
                return;
            }
        }
        out.push(cx.finding(&META, m.node("conversion")));
    }
}
