//! `[]byte(fmt.Sprintf(...))`: formats into a string, then copies it into a byte slice.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "alloc/bytes-of-sprintf",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::High,
    about_tests: false,
    message: "[]byte(fmt.Sprintf(...)) formats into a string and then copies it",
    why: "fmt.Sprintf allocates the formatted string, and the []byte conversion allocates again and copies it. \
          fmt.Appendf (Go 1.19) formats straight into a byte slice: one allocation, or none when appending to a \
          reused buffer.",
    fix: "Use fmt.Appendf(nil, format, args...) (fmt.Append / fmt.Appendln for Sprint / Sprintln), or append to an \
          existing buffer: buf = fmt.Appendf(buf[:0], ...).",
    bad: r#"func entry(k string, v int) []byte {
    return []byte(fmt.Sprintf("%s=%d\n", k, v))
}"#,
    good: r#"func entry(k string, v int) []byte {
    return fmt.Appendf(nil, "%s=%d\n", k, v)
}"#,
    applies: "Go 1.19 and later (fmt.Appendf). Not when the conversion is written straight to a writer (see \
              fmt/write-of-sprintf). A style rule: off unless asked for; one copy saved matters only where a profile \
              shows the code hot.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("fmt", &syntax::FMT_SPRINTS)]),
    check,
};

/// Handed `fmt.Sprint*` calls; the finding is on the `[]byte(...)` conversion around one.
fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if !cx.go_at_least(1, 19) {
        return;
    }
    let Some(conversion) = call
        .parent()
        .filter(|p| p.kind_name() == "type_conversion_expression" && syntax::is_field(*p, "operand", call))
    else {
        return;
    };
    if !conversion
        .field("type")
        .is_some_and(|t| syntax::is_byte_slice_type(t, cx))
    {
        return;
    }
    let name = Call::name_of(call, cx);
    // w.Write([]byte(fmt.Sprintf(...))) is fmt/write-of-sprintf's: fmt.Fprintf is the better fix there.
    let written = conversion
        .parent()
        .filter(|p| p.kind_name() == "argument_list" && syntax::only_child(*p).is_some())
        .and_then(|p| p.parent())
        .and_then(|call| call.field("function"))
        .is_some_and(|f| {
            f.kind_name() == "selector_expression"
                && f.field("field").is_some_and(|field| cx.text(field) == "Write")
        });
    if written {
        return;
    }
    let append = match name {
        "Sprintf" => "Appendf",
        "Sprint" => "Append",
        _ => "Appendln",
    };
    cx.finding(&META, conversion)
        .title(format!(
            "[]byte(fmt.{name}(...)) formats into a string and copies it: use fmt.{append}"
        ))
        .report(out);
}
