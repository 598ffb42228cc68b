//! `fmt.Sprintf("literal")`, `fmt.Errorf("literal")`, `fmt.Printf("literal")`: a format call with nothing to
//! format.

use crate::context::FileContext;
use crate::rules::alloc::syntax;
use crate::rules::{Captures, Rule, RuleMeta};
use turk_findings::{Category, Finding, Priority};

pub struct FormatWithoutVerbs;
pub static RULE: FormatWithoutVerbs = FormatWithoutVerbs;

const FORMATTERS: [&str; 4] = ["Sprintf", "Errorf", "Printf", "Fprintf"];

static META: RuleMeta = RuleMeta {
    id: "fmt/format-without-verbs",
    category: Category::Cpu,
    priority: Priority::P2,
    message: "format call with a constant format and no arguments",
    why: "The format string has no verbs and there is nothing to format, yet the call still scans the format \
          through fmt's printer (a pooled state, an interface conversion, a copy of the result). fmt.Sprintf of a \
          literal allocates a copy of a string that already exists; fmt.Errorf of a literal does more work than \
          errors.New for the same error.",
    fix: "Use the string literal itself instead of fmt.Sprintf, errors.New instead of fmt.Errorf (or a \
          package-level sentinel error), fmt.Print instead of fmt.Printf and io.WriteString/fmt.Fprint instead \
          of fmt.Fprintf.",
    bad: "return fmt.Errorf(\"connection closed\")",
    good: "var errClosed = errors.New(\"connection closed\")\n\nreturn errClosed",
    applies: "Only for a plain string literal without any `%`. P1 inside loops and HTTP handlers.",
};

impl Rule for FormatWithoutVerbs {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (call_expression
          function: (selector_expression
            field: (field_identifier) @name (#any-of? @name "Sprintf" "Errorf" "Printf" "Fprintf"))
          arguments: (argument_list
            [(interpreted_string_literal) (raw_string_literal)] @format .)) @call
        (call_expression
          function: (identifier) @name (#any-of? @name "Sprintf" "Errorf" "Printf" "Fprintf")
          arguments: (argument_list
            [(interpreted_string_literal) (raw_string_literal)] @format .)) @call
        "#
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let call = m.node("call");
        let Some(name) = cx.call_to(call, "fmt", &FORMATTERS) else {
            return;
        };
        let args = syntax::arguments(call);
        let format = m.node("format");
        let expected = if name == "Fprintf" { 2 } else { 1 };
        if args.len() != expected || args.last().is_none_or(|a| a.id() != format.id()) {
            return;
        }
        if cx.text(format).contains('%') {
            return;
        }
        let mut finding = cx.finding(&META, call);
        let instead = match name {
            "Sprintf" => "the string literal",
            "Errorf" => "errors.New",
            "Printf" => "fmt.Print",
            _ => "io.WriteString or fmt.Fprint",
        };
        finding.title = format!("fmt.{name} with a constant format and no arguments: use {instead}");
        if cx.on_hot_path(call) {
            finding.priority = META.priority.raised();
        }
        out.push(finding);
    }
}
