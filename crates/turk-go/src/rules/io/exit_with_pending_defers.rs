//! `log.Fatal`/`os.Exit` after a `defer` in the same function: the deferred calls never run.

use crate::context::FileContext;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/exit-with-pending-defers",
    category: Category::Io,
    priority: Priority::P1,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "exit after defer: deferred calls will not run",
    why: "os.Exit (and log.Fatal*, which calls it) ends the process immediately: deferred calls of the current \
          goroutine are not run. Buffered writers are not flushed, files are not synced or closed, transactions \
          are not rolled back, temporary files stay behind and telemetry is lost.",
    fix: "Return an error (or an exit code) to the caller and exit only in main after the deferred work has run, \
          e.g. `func main() { if err := run(); err != nil { log.Print(err); os.Exit(1) } }` with the defers in \
          run; or release the resources explicitly before exiting.",
    bad: r#"func main() {
    f, err := os.Create("out.txt")
    if err != nil {
        log.Fatal(err)
    }
    defer f.Close()
    if err := write(f); err != nil {
        log.Fatal(err)
    }
}"#,
    good: r#"func main() {
    if err := run(); err != nil {
        log.Fatal(err)
    }
}

func run() error {
    f, err := os.Create("out.txt")
    if err != nil {
        return err
    }
    defer f.Close()
    return write(f)
}"#,
    applies: "The defer must be in the same function as the exit (not in a nested func literal) and in a block \
              that encloses the exit call.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("log", &["Fatal", "Fatalf", "Fatalln"]), ("os", &["Exit"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let name = match Call::name_of(call, cx) {
        "Exit" => "os.Exit".to_string(),
        name => format!("log.{name}"),
    };
    let Some(func) = cx.enclosing_function(call) else {
        return;
    };
    let Some(body) = syntax::body(func) else {
        return;
    };
    if let Some(defer) = pending_defer(body, call) {
        let line = defer.start_position().row + 1;
        cx.finding(&META, call)
            .title(format!(
                "{name} skips the deferred call registered on line {line}"
            ))
            .report(out);
    }
}

/// The first `defer` (in source order) of the function with body `body` that runs before `call` and sits in a
/// block enclosing it. Such a defer is a child, before the call, of a node on the way down from the body to the
/// call; that way crosses no func literal, since `call` belongs to this function. Walking down that one path
/// replaces a walk of the whole body.
fn pending_defer<'t>(body: Node<'t>, call: Node<'t>) -> Option<Node<'t>> {
    let mut node = body;
    while node.id() != call.id() {
        let mut cursor = node.walk();
        let defer = node
            .named_children(&mut cursor)
            .take_while(|c| c.end_byte() <= call.start_byte())
            .find(|c| c.kind() == "defer_statement");
        if defer.is_some() {
            return defer;
        }
        node = node.child_with_descendant(call)?;
    }
    None
}
