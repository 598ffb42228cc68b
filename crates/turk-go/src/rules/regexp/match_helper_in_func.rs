//! `regexp.MatchString(const, s)` in a function body: the pattern is compiled again on every call.

use crate::context::FileContext;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "regexp/match-helper-in-func",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "regexp.MatchString compiles its constant pattern on every call",
    why: "The package-level helpers regexp.MatchString, Match and MatchReader compile the pattern, match once and \
          throw the compiled program away: `regexp.MatchString(`^[a-z]+\\d*$`, s)` took about 3 µs and 43 \
          allocations per call, almost all of it compiling (Go 1.19). With a constant pattern, that work is the \
          same on every call of the function, which typically runs once per item or per request.",
    fix: "Compile the pattern once in a package-level variable (`var nameRE = regexp.MustCompile(...)`) and call \
          nameRE.MatchString(s) here; a *regexp.Regexp is safe for concurrent use.",
    bad: r#"func validName(s string) bool {
    ok, _ := regexp.MatchString(`^[a-z][a-z0-9-]*$`, s)
    return ok
}"#,
    good: r#"var nameRE = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

func validName(s string) bool {
    return nameRE.MatchString(s)
}"#,
    applies: "Constant patterns only, outside loops (regexp/match-helper-in-loop reports those) and with a \
              metacharacter (regexp/literal-pattern reports plain text). Not at package level, in init, in a \
              sync.Once, in main, or in _test.go files. Raised to P1 in an HTTP handler.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("regexp", &syntax::REGEXP_MATCH_HELPERS)]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(pattern) = syntax::each_argument(call)
        .next()
        .filter(|p| !syntax::is_broken(*p))
    else {
        return;
    };
    if !syntax::is_constant_string(pattern, cx) {
        return;
    }
    let Some(per_call) = syntax::built_per_call(call, cx) else {
        return;
    };
    if per_call.in_loop || syntax::plain_text_regexp(call, cx).is_some() {
        return;
    }
    let helper = Call::name_of(call, cx);
    cx.finding(&META, call)
        .title(format!(
            "regexp.{helper} compiles its constant pattern {}",
            per_call.how_often()
        ))
        .on_hot_path_of(call, META.priority.raised())
        .report(out);
}
