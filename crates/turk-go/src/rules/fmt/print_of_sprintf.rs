//! `fmt.Println(fmt.Sprintf(...))`: formats into a temporary string, then prints it.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "fmt/print-of-sprintf",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::High,
    about_tests: false,
    message: "printing the result of fmt.Sprintf",
    why: "fmt.Sprintf allocates the formatted string, and the print call then runs it through fmt a second time. \
          The formatting variant of the print function formats straight to the output in one pass.",
    fix: "Call the formatting variant: fmt.Printf(format, args...) for fmt.Print(fmt.Sprintf(...)), \
          fmt.Printf(format+\"\\n\", args...) for Println, fmt.Fprintf(w, ...) for Fprint/Fprintln, \
          log.Printf/Fatalf/Panicf for the log functions (log adds the newline itself).",
    bad: r#"func report(n int) {
    fmt.Println(fmt.Sprintf("%d items", n))
}"#,
    good: r#"func report(n int) {
    fmt.Printf("%d items\n", n)
}"#,
    applies: "Only when the Sprintf result is the only value printed.",
};

const PRINTS: [&str; 4] = ["Print", "Println", "Fprint", "Fprintln"];
const LOGS: [&str; 6] = ["Print", "Println", "Fatal", "Fatalln", "Panic", "Panicln"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("fmt", &PRINTS), ("log", &LOGS)]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // The last argument is a call, after at most a writer.
    let mut count = 0;
    let mut sprintf = None;
    for arg in syntax::each_argument(call) {
        count += 1;
        sprintf = Some(arg);
    }
    let Some(sprintf) = sprintf.filter(|s| s.kind_name() == "call_expression") else {
        return;
    };
    if count > 2 {
        return;
    }
    let Some(function) = call.field("function") else {
        return;
    };
    // Unqualified, only fmt's names (through a dot import): log's Fatal and Panic are always qualified.
    if function.kind_name() == "identifier" && !PRINTS.contains(&cx.text(function)) {
        return;
    }
    if cx.call_to(sprintf, "fmt", &["Sprintf"]).is_none() {
        return;
    }
    let name = Call::name_of(call, cx);
    // Handed fmt's and log's functions: `Print` and `Println` are both's.
    let package = if cx.call_to(call, "fmt", &PRINTS).is_some() {
        "fmt"
    } else {
        "log"
    };
    let expected = if name.starts_with('F') && package == "fmt" {
        2
    } else {
        1
    };
    if count != expected {
        return;
    }
    let formatting = match name {
        "Print" | "Println" => "Printf",
        "Fprint" | "Fprintln" => "Fprintf",
        "Fatal" | "Fatalln" => "Fatalf",
        _ => "Panicf",
    };
    let writer = if expected == 2 { "w, " } else { "" };
    cx.finding(&META, call)
        .title(format!(
            "{package}.{name}({writer}fmt.Sprintf(...)): use {package}.{formatting}"
        ))
        .report(out);
}
