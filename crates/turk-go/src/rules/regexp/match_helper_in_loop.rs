//! `regexp.MatchString(pattern, s)` in a loop: the helper compiles the pattern on every call.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "regexp/match-helper-in-loop",
    category: Category::Cpu,
    priority: Priority::P1,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "regexp.MatchString compiles its pattern on every loop iteration",
    why: "The package-level helpers regexp.Match, MatchString and MatchReader compile the pattern on every call \
          and throw the compiled program away. In a loop with a pattern that does not change, that is one full \
          regexp compilation (parsing, program construction, allocations) per iteration.",
    fix: "Compile the pattern once (a package-level `var re = regexp.MustCompile(...)`, or before the loop when \
          the pattern is only known at run time) and call re.MatchString inside the loop.",
    bad: r#"func removeTemp(names []string) {
    for _, name := range names {
        if ok, _ := regexp.MatchString(`^tmp-\d+$`, name); ok {
            remove(name)
        }
    }
}"#,
    good: r#"var tmpName = regexp.MustCompile(`^tmp-\d+$`)

func removeTemp(names []string) {
    for _, name := range names {
        if tmpName.MatchString(name) {
            remove(name)
        }
    }
}"#,
    applies: "Only when the pattern is constant or a variable declared outside the loop and not reassigned in it, \
              and not plain text (regexp/literal-pattern reports that).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("regexp", &syntax::REGEXP_MATCH_HELPERS)]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // The pattern, then at least the input.
    let mut args = syntax::each_argument(call);
    let Some(pattern) = args.next().filter(|p| !syntax::is_broken(*p)) else {
        return;
    };
    if !args.any(|a| !a.is_error()) {
        return;
    }
    let helper = Call::name_of(call, cx);
    let Some(loop_node) = cx.enclosing_loop(call) else {
        return;
    };
    let pattern = syntax::unparen(pattern);
    // Plain text needs no regexp at all: regexp/literal-pattern says so.
    if syntax::plain_text_regexp(call, cx).is_some() {
        return;
    }
    if syntax::is_constant_string(pattern, cx) || loop_invariant(pattern, loop_node, cx) {
        cx.finding(&META, call)
            .title(format!(
                "regexp.{helper} compiles its pattern on every loop iteration"
            ))
            .report(out);
    }
}

/// Whether `pattern` is a variable declared before the loop and never assigned inside it.
fn loop_invariant(pattern: Node<'_>, loop_node: Node<'_>, cx: &FileContext<'_>) -> bool {
    if pattern.kind_name() != "identifier" {
        return false;
    }
    let name = cx.text(pattern);
    let Some(decl) = cx.lookup(name, pattern) else {
        return false;
    };
    if !syntax::declared_outside(&decl, loop_node) {
        return false;
    }
    let mut assigned = false;
    syntax::walk_same_function(loop_node, &mut |n| {
        if matches!(n.kind_name(), "assignment_statement" | "short_var_declaration")
            && let Some(left) = n.field("left")
            && syntax::children(left)
                .iter()
                .any(|t| t.kind_name() == "identifier" && cx.text(*t) == name)
        {
            assigned = true;
            return false;
        }
        true
    });
    !assigned
}
