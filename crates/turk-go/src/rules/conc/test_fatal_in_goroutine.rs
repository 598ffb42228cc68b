//! `t.Fatal` (or FailNow / Skip) called from a goroutine the test started.

use crate::context::children::{FieldChild, KindName};
use crate::context::{DeclKind, FileContext, position};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/test-fatal-in-goroutine",
    category: Category::Concurrency,
    priority: Priority::P2,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: true,
    message: "t.Fatal/FailNow/Skip called from a goroutine started by the test",
    why: "FailNow and SkipNow (and Fatal, Fatalf, Skip, Skipf, which call them) stop the test by calling \
          runtime.Goexit, which only exits the goroutine it runs in. Called from another goroutine, the test \
          function keeps running (or blocks forever waiting for that goroutine), and the testing package \
          documents these methods as callable only from the test's own goroutine.",
    fix: "Report with t.Error/t.Errorf (safe from any goroutine) and return from the goroutine, or send the error \
          back over a channel and call t.Fatal in the test goroutine.",
    bad: r#"func TestServe(t *testing.T) {
    go func() {
        if err := serve(); err != nil {
            t.Fatal(err)
        }
    }()
    probe(t)
}"#,
    good: r#"func TestServe(t *testing.T) {
    go func() {
        if err := serve(); err != nil {
            t.Error(err)
            return
        }
    }()
    probe(t)
}"#,
    applies: "Test files only; `t` must be a *testing.T, *testing.B, *testing.F or testing.TB parameter of a \
              function enclosing the goroutine.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(&["Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if !cx.is_test || !cx.may_start_goroutines() {
        return;
    }
    let Some(recv) = Call::of(call).and_then(|c| c.recv) else {
        return;
    };
    if recv.kind_name() != "identifier" {
        return;
    }
    // Only a call inside a func literal can run off the test goroutine; a call directly in a declared
    // function (the common case) needs no lookup of `t`.
    let Some(innermost) = cx
        .enclosing_function(call)
        .filter(|f| f.kind_name() == "func_literal")
    else {
        return;
    };
    let Some(decl) = cx.lookup(cx.text(recv), recv) else {
        return;
    };
    if decl.kind != DeclKind::Parameter {
        return;
    }
    let Some(ty) = decl.type_node else {
        return;
    };
    let testing = ["T", "B", "F"]
        .iter()
        .any(|n| ty.kind_name() == "pointer_type" && cx.is_type(ty, "testing", n, true))
        || cx.is_type(ty, "testing", "TB", false);
    if !testing {
        return;
    }
    let Some(owner) = syntax::declaring_function(&decl, cx) else {
        return;
    };
    // Walk out from the call to the function that owns `t`; any goroutine literal on the way runs the call
    // off the test goroutine.
    let mut current = Some(innermost);
    while let Some(func) = current {
        if func.id() == owner.id() {
            return;
        }
        if func.kind_name() == "func_literal" && position::goroutine_of_literal(func, cx.src).is_some() {
            cx.finding(&META, call)
                .title(format!(
                    "{} called from a goroutine: it does not stop the test",
                    cx.text(call.field("function").unwrap_or(call))
                ))
                .report(out);
            return;
        }
        current = cx.enclosing_function(func);
    }
}
