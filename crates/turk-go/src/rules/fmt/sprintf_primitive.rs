//! `fmt.Sprintf("%d", n)` / `"%s"` / `"%v"` of a single value of evident builtin type.

use crate::context::FileContext;
use crate::context::children::KindName;
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax::{self, Basic};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "fmt/sprintf-primitive",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::High,
    about_tests: false,
    message: "fmt.Sprintf used to convert a single integer, string or bool",
    why: "fmt.Sprintf parses the format, boxes the argument in an interface (an allocation for most values) and \
          dispatches on its type by reflection. strconv does the same conversion directly, several times faster \
          and with one allocation at most; formatting a string with %s or %v is just a copy of it.",
    fix: "Use strconv.Itoa(n) for an int, strconv.FormatInt(int64(n), 10) / strconv.FormatUint for other \
          integer types, strconv.FormatBool(b) for a bool, and the string itself (or x.String(), err.Error()) for \
          %s/%v of a string.",
    bad: r#"func cacheKey(id int) string {
    return fmt.Sprintf("%d", id)
}"#,
    good: r#"func cacheKey(id int) string {
    return strconv.Itoa(id)
}"#,
    applies: "Only for the formats %d, %s, %v and %t with one argument whose type is evident from syntax \
              (literals, conversions, locals declared with a builtin type, strconv/strings results, .String() \
              and .Error() calls). A style rule: off unless asked for; the saving matters only where a profile shows \
              the code hot.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("fmt", &["Sprintf"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // Sprintf("%d", value): a lone verb and one value.
    let mut args = syntax::each_argument(call);
    let (Some(format), Some(value), None) = (args.next(), args.next(), args.next()) else {
        return;
    };
    if format.kind_name() != "interpreted_string_literal"
        || !matches!(cx.text(format), "\"%d\"" | "\"%s\"" | "\"%v\"" | "\"%t\"")
        || syntax::is_broken(value)
    {
        return;
    }
    let verb = &cx.text(format)[1..3];
    let Some(basic) = syntax::basic_of(value, cx) else {
        return;
    };
    let instead = match (verb, basic) {
        ("%d" | "%v", Basic::Int("int") | Basic::UntypedInt) => "strconv.Itoa",
        ("%d" | "%v", Basic::Int(t)) if t.starts_with('u') => "strconv.FormatUint",
        ("%d" | "%v", Basic::Int(_)) => "strconv.FormatInt",
        ("%s" | "%v", Basic::String) => "the string itself",
        ("%t" | "%v", Basic::Bool) => "strconv.FormatBool",
        _ => return,
    };
    cx.finding(&META, call)
        .title(format!(
            "fmt.Sprintf({}, …) of a single value: use {instead}",
            cx.text(format)
        ))
        .report(out);
}
