//! `fmt.Sprintf("literal")`, `fmt.Errorf("literal")`, `fmt.Printf("literal")`: a format call with nothing to
//! format.

use crate::context::FileContext;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "fmt/format-without-verbs",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::High,
    about_tests: false,
    message: "format call with a constant format and no arguments",
    why: "The format string has no verbs and there is nothing to format, yet the call still scans the format \
          through fmt's printer (a pooled state, an interface conversion, a copy of the result). fmt.Sprintf of a \
          literal allocates a copy of a string that already exists; fmt.Errorf of a literal does more work than \
          errors.New for the same error.",
    fix: "Use the string literal itself instead of fmt.Sprintf, errors.New instead of fmt.Errorf (or a \
          package-level sentinel error), fmt.Print instead of fmt.Printf and io.WriteString/fmt.Fprint instead \
          of fmt.Fprintf.",
    bad: r#"func (c *Conn) Read(p []byte) (int, error) {
    if c.closed {
        return 0, fmt.Errorf("connection closed")
    }
    return c.r.Read(p)
}"#,
    good: r#"var errClosed = errors.New("connection closed")

func (c *Conn) Read(p []byte) (int, error) {
    if c.closed {
        return 0, errClosed
    }
    return c.r.Read(p)
}"#,
    applies: "Only for a plain string literal without any `%`. A style rule: off unless asked for.",
};

const FORMATTERS: [&str; 4] = ["Sprintf", "Errorf", "Printf", "Fprintf"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("fmt", &FORMATTERS)]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // The format is the last argument, a literal without a `%`, after at most a writer.
    let mut count = 0;
    let mut format = None;
    for arg in syntax::each_argument(call) {
        count += 1;
        format = Some(arg);
    }
    let Some(format) = format.filter(|f| syntax::is_string_literal(*f) && !syntax::is_broken(*f)) else {
        return;
    };
    if count > 2 || cx.text(format).contains('%') {
        return;
    }
    let name = Call::name_of(call, cx);
    let expected = if name == "Fprintf" { 2 } else { 1 };
    if count != expected {
        return;
    }
    let instead = match name {
        "Sprintf" => "the string literal",
        "Errorf" => "errors.New",
        "Printf" => "fmt.Print",
        _ => "io.WriteString or fmt.Fprint",
    };
    cx.finding(&META, call)
        .title(format!(
            "fmt.{name} with a constant format and no arguments: use {instead}"
        ))
        .report(out);
}
