//! `fmt.Println(fmt.Sprintf(...))`: formats into a temporary string, then prints it.

use crate::context::FileContext;
use crate::rules::alloc::syntax;
use crate::rules::{Captures, Rule, RuleMeta};
use turk_findings::{Category, Finding, Priority};

pub struct PrintOfSprintf;
pub static RULE: PrintOfSprintf = PrintOfSprintf;

static META: RuleMeta = RuleMeta {
    id: "fmt/print-of-sprintf",
    category: Category::Allocation,
    priority: Priority::P2,
    message: "printing the result of fmt.Sprintf",
    why: "fmt.Sprintf allocates the formatted string, and the print call then runs it through fmt a second time. \
          The formatting variant of the print function formats straight to the output in one pass.",
    fix: "Call the formatting variant: fmt.Printf(format, args...) for fmt.Print(fmt.Sprintf(...)), \
          fmt.Printf(format+\"\\n\", args...) for Println, fmt.Fprintf(w, ...) for Fprint/Fprintln, \
          log.Printf/Fatalf/Panicf for the log functions (log adds the newline itself).",
    bad: "fmt.Println(fmt.Sprintf(\"%d items\", n))",
    good: "fmt.Printf(\"%d items\\n\", n)",
    applies: "Only when the Sprintf result is the only value printed.",
};

const PRINTS: [&str; 4] = ["Print", "Println", "Fprint", "Fprintln"];
const LOGS: [&str; 6] = ["Print", "Println", "Fatal", "Fatalln", "Panic", "Panicln"];

impl Rule for PrintOfSprintf {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn query(&self) -> &'static str {
        r#"
        (call_expression
          function: (selector_expression
            field: (field_identifier) @name
            (#any-of? @name "Print" "Println" "Fprint" "Fprintln" "Fatal" "Fatalln" "Panic" "Panicln"))
          arguments: (argument_list (call_expression) @sprintf .)) @call
        (call_expression
          function: (identifier) @name (#any-of? @name "Print" "Println" "Fprint" "Fprintln")
          arguments: (argument_list (call_expression) @sprintf .)) @call
        "#
    }

    fn check_match(&self, m: &Captures<'_, '_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
        let call = m.node("call");
        if cx.call_to(m.node("sprintf"), "fmt", &["Sprintf"]).is_none() {
            return;
        }
        let (package, name) = if let Some(name) = cx.call_to(call, "fmt", &PRINTS) {
            ("fmt", name)
        } else if let Some(name) = cx.call_to(call, "log", &LOGS) {
            ("log", name)
        } else {
            return;
        };
        let expected = if name.starts_with('F') && package == "fmt" {
            2
        } else {
            1
        };
        if syntax::arguments(call).len() != expected {
            return;
        }
        let formatting = match name {
            "Print" | "Println" => "Printf",
            "Fprint" | "Fprintln" => "Fprintf",
            "Fatal" | "Fatalln" => "Fatalf",
            _ => "Panicf",
        };
        let mut finding = cx.finding(&META, call);
        let writer = if expected == 2 { "w, " } else { "" };
        finding.title = format!("{package}.{name}({writer}fmt.Sprintf(...)): use {package}.{formatting}");
        out.push(finding);
    }
}
