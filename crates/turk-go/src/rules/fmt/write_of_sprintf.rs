//! `w.Write([]byte(fmt.Sprintf(...)))`, `io.WriteString(w, fmt.Sprintf(...))`, `w.WriteString(fmt.Sprintf(...))`:
//! formats into a temporary string instead of into the writer.

use crate::context::FileContext;
use crate::rules::alloc::syntax;
use crate::rules::{Captures, Rule, RuleMeta};
use tree_sitter::Node;
use turk_findings::{Category, Finding, Priority};

pub struct WriteOfSprintf;
pub static RULE: WriteOfSprintf = WriteOfSprintf;

const SPRINTS: [&str; 3] = ["Sprintf", "Sprint", "Sprintln"];

static META: RuleMeta = RuleMeta {
    id: "fmt/write-of-sprintf",
    category: Category::Allocation,
    priority: Priority::P2,
    message: "formatted into a temporary string, then written",
    why: "fmt.Sprintf allocates the formatted string only for it to be copied into the writer (and \
          []byte(...) copies it once more). fmt.Fprintf formats straight into the writer through fmt's pooled \
          buffer, saving one or two allocations and copies per call.",
    fix: "Write with fmt.Fprintf(w, format, args...) (fmt.Fprint / fmt.Fprintln for Sprint / Sprintln). For a \
          strings.Builder or bytes.Buffer held by value, pass its address: fmt.Fprintf(&b, ...).",
    bad: "w.Write([]byte(fmt.Sprintf(\"%s: %d\\n\", name, n)))",
    good: "fmt.Fprintf(w, \"%s: %d\\n\", name, n)",
    applies: "",
};

impl Rule for WriteOfSprintf {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (call_expression
          function: (selector_expression field: (field_identifier) @method (#eq? @method "Write"))
          arguments: (argument_list .
            (type_conversion_expression
              type: (slice_type element: (type_identifier) @elem (#any-of? @elem "byte" "uint8"))
              operand: (call_expression) @sprint) .)) @call
        (call_expression
          function: (selector_expression field: (field_identifier) @method (#eq? @method "WriteString"))
          arguments: (argument_list . (call_expression) @sprint .)) @call
        (call_expression
          function: (selector_expression field: (field_identifier) @method (#eq? @method "WriteString"))
          arguments: (argument_list . (_) . (call_expression) @sprint .)) @call
        (call_expression
          function: (identifier) @method (#eq? @method "WriteString")
          arguments: (argument_list . (_) . (call_expression) @sprint .)) @call
        "#
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let call = m.node("call");
        let Some(sprint) = cx.call_to(m.node("sprint"), "fmt", &SPRINTS) else {
            return;
        };
        let args = syntax::arguments(call);
        let (shape, close) = if args.len() == 2 {
            // io.WriteString(w, fmt.Sprintf(...))
            if cx.call_to(call, "io", &["WriteString"]).is_none() {
                return;
            }
            ("io.WriteString(w, fmt.", ")")
        } else if cx.text(m.node("method")) == "Write" {
            ("w.Write([]byte(fmt.", "))")
        } else {
            if is_package_call(call, cx) {
                return;
            }
            ("w.WriteString(fmt.", ")")
        };
        let fprint = format!("F{}", &sprint[1..]);
        let mut finding = cx.finding(&META, call);
        finding.title =
            format!("{shape}{sprint}(...){close} formats into a temporary string: use fmt.{fprint}(w, ...)");
        out.push(finding);
    }
}

/// Whether `call` is `pkg.WriteString(...)` on an imported package rather than a method call.
fn is_package_call(call: Node<'_>, cx: &FileContext<'_>) -> bool {
    call.child_by_field_name("function")
        .and_then(|f| f.child_by_field_name("operand"))
        .is_some_and(|o| {
            o.kind() == "identifier"
                && cx.imports.path_of(cx.text(o)).is_some()
                && cx.lookup(cx.text(o), o).is_none()
        })
}
