//! `w.Write([]byte(fmt.Sprintf(...)))`, `io.WriteString(w, fmt.Sprintf(...))`, `w.WriteString(fmt.Sprintf(...))`:
//! formats into a temporary string instead of into the writer.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "fmt/write-of-sprintf",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::High,
    about_tests: false,
    message: "formatted into a temporary string, then written",
    why: "fmt.Sprintf allocates the formatted string only for it to be copied into the writer (and \
          []byte(...) copies it once more). fmt.Fprintf formats straight into the writer through fmt's pooled \
          buffer, saving one or two allocations and copies per call.",
    fix: "Write with fmt.Fprintf(w, format, args...) (fmt.Fprint / fmt.Fprintln for Sprint / Sprintln). For a \
          strings.Builder or bytes.Buffer held by value, pass its address: fmt.Fprintf(&b, ...).",
    bad: r#"func writeCount(w io.Writer, name string, n int) {
    w.Write([]byte(fmt.Sprintf("%s: %d\n", name, n)))
}"#,
    good: r#"func writeCount(w io.Writer, name string, n int) {
    fmt.Fprintf(w, "%s: %d\n", name, n)
}"#,
    applies: "A style rule: off unless asked for; one allocation saved matters only where a profile shows the \
              code hot.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_calls(&["Write", "WriteString"]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(function) = call.field("function") else {
        return;
    };
    let (method, qualified) = match function.kind_name() {
        "selector_expression" => match function.field("field") {
            Some(field) => (cx.text(field), true),
            None => return,
        },
        _ => (cx.text(function), false),
    };
    let mut args = syntax::each_argument(call);
    let (Some(first), second, None) = (args.next(), args.next(), args.next()) else {
        return;
    };
    // w.Write([]byte(sprint)), w.WriteString(sprint), w.WriteString(x, sprint) and WriteString(x, sprint)
    // (io's, through a dot import).
    let sprint = match (method, second) {
        ("Write", None) if qualified => {
            let Some(operand) = Some(first)
                .filter(|c| c.kind_name() == "type_conversion_expression")
                .filter(|c| c.field("type").is_some_and(|t| syntax::is_byte_slice_type(t, cx)))
                .and_then(|c| c.field("operand"))
            else {
                return;
            };
            operand
        }
        ("WriteString", None) if qualified => first,
        ("WriteString", Some(second)) => second,
        _ => return,
    };
    if sprint.kind_name() != "call_expression" {
        return;
    }
    let Some(sprint) = cx.call_to(sprint, "fmt", &syntax::FMT_SPRINTS) else {
        return;
    };
    let (shape, close) = if second.is_some() {
        // io.WriteString(w, fmt.Sprintf(...))
        if cx.call_to(call, "io", &["WriteString"]).is_none() {
            return;
        }
        ("io.WriteString(w, fmt.", ")")
    } else if method == "Write" {
        ("w.Write([]byte(fmt.", "))")
    } else {
        // `pkg.WriteString(...)` on an imported package is a function, not a method of a writer.
        if function.field("operand").is_some_and(|o| cx.names_an_import(o)) {
            return;
        }
        ("w.WriteString(fmt.", ")")
    };
    let fprint = format!("F{}", &sprint[1..]);
    cx.finding(&META, call)
        .title(format!(
            "{shape}{sprint}(...){close} formats into a temporary string: use fmt.{fprint}(w, ...)"
        ))
        .report(out);
}
