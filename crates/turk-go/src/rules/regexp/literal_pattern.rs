//! A regular expression that is plain text: a `strings` function does the same match without the regexp engine.

use crate::context::FileContext;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "regexp/literal-pattern",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "regular expression without metacharacters",
    why: "A pattern with no metacharacter matches one fixed text, which strings.Contains, HasPrefix, HasSuffix or \
          == find without the regexp engine: matching a 6-byte word in a 78-byte string took 76 ns with a \
          compiled regexp and 7 ns with strings.Contains, and an anchored prefix 42 ns against 4.5 ns for \
          strings.HasPrefix (Go 1.19). regexp.MatchString also compiles the pattern on every call: about 3 µs \
          and 43 allocations.",
    fix: "Use the strings (or bytes) function: strings.Contains(s, \"text\") for `text`, strings.HasPrefix for \
          `^text`, strings.HasSuffix for `text$`, s == \"text\" for `^text$`; strings.Index, strings.ReplaceAll \
          and strings.Split for FindStringIndex, ReplaceAllString and Split.",
    bad: r#"var errorLine = regexp.MustCompile(`ERROR`)

func isError(line string) bool {
    return errorLine.MatchString(line)
}"#,
    good: r#"func isError(line string) bool {
    return strings.Contains(line, "ERROR")
}"#,
    applies: "Constant patterns with no metacharacter other than a leading ^ and a trailing $ (escaped punctuation \
              such as \\. counts as plain). regexp.MatchString and regexp.Match always; a compiled regexp when \
              every use in the file is a method that a strings function does (MatchString, FindStringIndex, \
              ReplaceAllString, Split...): one stored in a struct or handed to another function may be needed as \
              a regexp. Not in _test.go files or `//go:build ignore` programs. Raised to P1 when the pattern is \
              compiled on a hot path (a loop, an HTTP handler).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[(
        "regexp",
        &[
            "MustCompile",
            "Compile",
            "MustCompilePOSIX",
            "CompilePOSIX",
            "MatchString",
            "Match",
        ],
    )]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test || syntax::is_ignored_program(cx) {
        return;
    }
    let Some(plain) = syntax::plain_text_regexp(call, cx) else {
        return;
    };
    let name = Call::name_of(call, cx);
    let text = &plain.pattern.text;
    let title = match plain.pattern.strings_equivalent(name == "Match") {
        _ if !plain.only_matched => {
            format!("regexp.{name} of plain text {text:?}: the strings package does its work")
        }
        "==" => format!("regexp.{name} of plain text {text:?}: == compares it"),
        instead => format!("regexp.{name} of plain text {text:?}: {instead} does it"),
    };
    // Compiled inside a function that runs per item or per request, the pattern is also compiled each time.
    let compiled_per_call = syntax::runs_per_call(call, cx).is_some();
    let finding = cx.finding(&META, call).title(title);
    let finding = if compiled_per_call {
        finding.raised_on_hot_path()
    } else {
        finding
    };
    finding.report(out);
}
