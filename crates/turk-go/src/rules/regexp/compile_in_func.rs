//! `regexp.MustCompile` of a constant pattern inside a function body: compiled again on every call.

use crate::context::children::{FieldChild, KindName};
use crate::context::{DeclKind, FileContext};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "regexp/compile-in-func",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "constant regular expression compiled on every call",
    why: "Compiling a regexp parses the pattern and builds its program: typically microseconds and several \
          allocations, often far more than the match itself. A constant pattern compiled inside a function is \
          recompiled on every call (every iteration, inside a loop; every request, in a handler). A compiled \
          *regexp.Regexp is safe for concurrent use, so one shared instance is enough.",
    fix: "Compile the pattern once in a package-level variable (`var fooRE = regexp.MustCompile(...)`), or lazily \
          with sync.OnceValue when start-up cost matters, and use that variable here.",
    bad: r#"func validIDs(ids []string) bool {
    for _, id := range ids {
        if !regexp.MustCompile(`^[a-z]{3}-\d+$`).MatchString(id) {
            return false
        }
    }
    return true
}"#,
    good: r#"var idRE = regexp.MustCompile(`^[a-z]{3}-\d+$`)

func validIDs(ids []string) bool {
    for _, id := range ids {
        if !idRE.MatchString(id) {
            return false
        }
    }
    return true
}"#,
    applies: "Only constant patterns (literals, constants and their concatenations) with a metacharacter \
              (regexp/literal-pattern reports plain text used as such), compiled where the code runs per item or \
              per request: a loop body, an HTTP handler, a gRPC method or a render callback (a hot path), or a \
              loop in test code. Not at package level, in init, in a sync.Once/OnceValue function, on a cold path \
              (main's set-up, a constructor, an error branch), in a loop left right after it (a later statement \
              returns or breaks the loop: it compiles once), or when assigned to a package-level variable. A \
              function that compiles on every call but is itself called per item from elsewhere is not seen: on \
              real code such functions mostly run once (set-up, configuration parsing). P1 (P2 in test code).",
};

const COMPILERS: [&str; 4] = ["MustCompile", "Compile", "MustCompilePOSIX", "CompilePOSIX"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("regexp", &COMPILERS)]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(pattern) = call
        .field("arguments")
        .and_then(syntax::only_child)
        .filter(|p| !syntax::is_broken(*p))
    else {
        return;
    };
    if !syntax::is_constant_string(pattern, cx) {
        return;
    }
    let Some(func) = syntax::runs_per_call(call, cx) else {
        return;
    };
    // Plain text needs no regexp at all: regexp/literal-pattern says so.
    if assigns_package_variable(call, cx) || syntax::plain_text_regexp(call, cx).is_some() {
        return;
    }
    let in_loop = cx.in_loop_body(call);
    // Off a hot path (a loop, a handler, an RPC method, a render callback) the function usually runs once (a
    // command's set-up, a configuration parser, a version probe): recompiling there costs nothing a team would
    // change. Test code is never hot; its loops still count.
    if cx.hot_path(call).is_none() && !(in_loop && cx.in_test_code(call)) {
        return;
    }
    // A loop that returns (or breaks) right after compiling compiles once per run, not per item.
    if let Some(loop_stmt) = cx.enclosing_loop(call)
        && syntax::leaves_loop_right_after(cx, call, loop_stmt)
        && !cx.is_http_handler(func)
    {
        return;
    }
    let finding = cx.finding(&META, call).raised_on_hot_path();
    if in_loop {
        finding.title("constant regular expression compiled on every loop iteration")
    } else if cx.is_http_handler(func) {
        finding.title("constant regular expression compiled on every request")
    } else {
        finding
    }
    .report(out);
}

/// Whether the compiled regexp is stored straight into a package-level variable (lazy one-time setup).
fn assigns_package_variable(call: Node<'_>, cx: &FileContext<'_>) -> bool {
    let Some(list) = call.parent().filter(|p| p.kind_name() == "expression_list") else {
        return false;
    };
    let Some(stmt) = list.parent().filter(|p| p.kind_name() == "assignment_statement") else {
        return false;
    };
    let Some(left) = stmt.field("left") else {
        return false;
    };
    let targets = syntax::children(left);
    let index = syntax::children(list)
        .iter()
        .position(|n| n.id() == call.id())
        .unwrap_or(0);
    let Some(target) = targets.get(index).or(targets.first()) else {
        return false;
    };
    if target.kind_name() != "identifier" {
        return false;
    }
    match cx.lookup(cx.text(*target), *target) {
        // Declared in another file of the package.
        None => true,
        Some(decl) => decl.kind == DeclKind::Var && cx.enclosing_function(decl.name).is_none(),
    }
}
