//! Regular expressions that are plain text: a pattern without metacharacters, which a `strings` function
//! matches, and whether the compiled regexp is only used in ways a `strings` function can take over.

use super::exprs::constant_string_value;
use super::variables::references;
use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName, each_argument, first_child};
use crate::rule::Call;
use tree_sitter::Node;

/// A pattern that matches one fixed text, perhaps anchored at the start (`^`) or the end (`$`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainPattern {
    /// The text matched, escapes resolved (`a\.b` → `a.b`).
    pub text: String,
    pub at_start: bool,
    pub at_end: bool,
}

impl PlainPattern {
    /// The `strings` call that does the match: `strings.Contains(s, "foo")`, `strings.HasPrefix`, ... or `==`;
    /// their `bytes` counterparts for a `[]byte` input.
    pub fn strings_equivalent(&self, bytes: bool) -> &'static str {
        match (self.at_start, self.at_end, bytes) {
            (true, true, false) => "==",
            (true, false, false) => "strings.HasPrefix",
            (false, true, false) => "strings.HasSuffix",
            (false, false, false) => "strings.Contains",
            (true, true, true) => "bytes.Equal",
            (true, false, true) => "bytes.HasPrefix",
            (false, true, true) => "bytes.HasSuffix",
            (false, false, true) => "bytes.Contains",
        }
    }
}

/// The plain text a regexp pattern matches, when it has no metacharacter but perhaps a leading `^`, a trailing
/// `$` and escaped punctuation (`\.`); `None` for anything else, and for an empty text.
pub fn plain_pattern(pattern: &str) -> Option<PlainPattern> {
    let (at_start, rest) = match pattern.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let mut text = String::with_capacity(rest.len());
    let mut at_end = false;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped) if escaped.is_ascii_punctuation() => text.push(escaped),
                // `\d`, `\b`, `\pL`, `\x41`...: a class, an assertion or a code to decode.
                _ => return None,
            },
            '$' if chars.peek().is_none() => at_end = true,
            '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$' => return None,
            _ => text.push(c),
        }
    }
    (!text.is_empty()).then_some(PlainPattern {
        text,
        at_start,
        at_end,
    })
}

/// The package-level helpers that compile their first argument, match once and throw the compiled program away.
pub const REGEXP_MATCH_HELPERS: [&str; 3] = ["Match", "MatchString", "MatchReader"];

/// The [`REGEXP_MATCH_HELPERS`] whose input a `strings` or `bytes` function takes (not MatchReader's reader).
pub const REGEXP_MATCHERS: [&str; 2] = ["MatchString", "Match"];

/// Methods of *regexp.Regexp that a `strings` or `bytes` function does for a plain pattern.
const PLAIN_METHODS: &[&str] = &[
    "MatchString",
    "Match",
    "FindString",
    "FindStringIndex",
    "Find",
    "FindIndex",
    "FindAllString",
    "FindAllStringIndex",
    "ReplaceAllString",
    "ReplaceAllLiteralString",
    "ReplaceAll",
    "ReplaceAllLiteral",
    "Split",
    "String",
];

/// How a plain-text regexp is used (see [`plain_text_regexp`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainRegexp {
    pub pattern: PlainPattern,
    /// Every use is a match (`regexp.MatchString`, `re.MatchString`, `re.Match`): one `strings` call replaces it.
    pub only_matched: bool,
}

/// For a call handed as `regexp.<compiler or matcher>` (`MustCompile`, `Compile`..., or [`REGEXP_MATCHERS`]): the plain
/// text its constant pattern matches, when a `strings` function can take the regexp's place: a matcher always;
/// a compiled regexp when every use is a method call that `strings` can do (`MatchString`, `ReplaceAllString`,
/// `Split`...), on the spot or through a variable whose uses are all in this file. A regexp stored in a struct
/// or handed to another function may be needed as a regexp, and is left alone.
pub fn plain_text_regexp(call: Node<'_>, cx: &FileContext<'_>) -> Option<PlainRegexp> {
    let pattern = each_argument(call).next()?;
    let pattern = plain_pattern(&constant_string_value(pattern, cx)?)?;
    let only_matched = if REGEXP_MATCHERS.contains(&Call::name_of(call, cx)) {
        true
    } else {
        plain_uses(call, cx)?
    };
    Some(PlainRegexp {
        pattern,
        only_matched,
    })
}

/// When the compiled regexp of `call` is only used by methods of [`PLAIN_METHODS`]: whether only to match.
fn plain_uses(call: Node<'_>, cx: &FileContext<'_>) -> Option<bool> {
    let mut value = call;
    while let Some(parent) = value.parent() {
        match parent.kind_name() {
            "parenthesized_expression" => value = parent,
            "selector_expression" => return plain_method_call(value, parent, cx),
            "expression_list" => return variable_of_plain_uses(value, parent, cx),
            _ => return None,
        }
    }
    None
}

/// `value.Method(...)` with `selector` = `value.Method`, and `Method` one of [`PLAIN_METHODS`]: whether it
/// matches (`MatchString`, `Match`).
fn plain_method_call(value: Node<'_>, selector: Node<'_>, cx: &FileContext<'_>) -> Option<bool> {
    let method = cx.text(selector.field("field")?);
    let is_call = selector.field("operand").is_some_and(|o| o.id() == value.id())
        && selector
            .parent()
            .is_some_and(|p| p.kind_name() == "call_expression");
    (is_call && PLAIN_METHODS.contains(&method)).then_some(matches!(method, "MatchString" | "Match"))
}

/// `re := regexp.MustCompile(...)` (or `var re = ...`, at package level too): every use of `re` is a plain method
/// call, and there is at least one; whether they all match.
fn variable_of_plain_uses<'t>(value: Node<'t>, list: Node<'t>, cx: &FileContext<'_>) -> Option<bool> {
    let holder = list.parent()?;
    // The regexp is the first value (`re, err := regexp.Compile(...)`), and so is the name.
    if first_child(list)?.id() != value.id() {
        return None;
    }
    let target = match holder.kind_name() {
        "short_var_declaration" if holder.field("right").is_some_and(|r| r.id() == list.id()) => {
            holder.field("left").and_then(first_child)
        }
        "var_spec" => holder.field("name"),
        _ => None,
    }
    .filter(|t| t.kind_name() == "identifier")?;
    let scope = cx.enclosing_function(target).unwrap_or_else(|| cx.root());
    let mut uses = 0;
    let mut only_matched = true;
    for used in references(cx, target, scope) {
        uses += 1;
        let used = outer_parens(used);
        let parent = used.parent().filter(|p| p.kind_name() == "selector_expression")?;
        only_matched &= plain_method_call(used, parent, cx)?;
    }
    (uses > 0).then_some(only_matched)
}

fn outer_parens(mut node: Node<'_>) -> Node<'_> {
    while let Some(parent) = node
        .parent()
        .filter(|p| p.kind_name() == "parenthesized_expression")
    {
        node = parent;
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(pattern: &str) -> Option<(String, bool, bool)> {
        plain_pattern(pattern).map(|p| (p.text, p.at_start, p.at_end))
    }

    #[test]
    fn plain_patterns_and_their_anchors() {
        assert_eq!(plain("error"), Some(("error".into(), false, false)));
        assert_eq!(plain("^GET "), Some(("GET ".into(), true, false)));
        assert_eq!(plain(".json$"), None);
        assert_eq!(plain(r"\.json$"), Some((".json".into(), false, true)));
        assert_eq!(plain("^ok$"), Some(("ok".into(), true, true)));
        assert_eq!(plain(r"a\$"), Some(("a$".into(), false, false)));
        assert_eq!(plain(r"C\+\+"), Some(("C++".into(), false, false)));
    }

    #[test]
    fn metacharacters_classes_and_flags_are_not_plain() {
        for pattern in [
            "",
            "^",
            "^$",
            "a.b",
            "a+",
            "colou?r",
            "(?i)error",
            "a|b",
            "[abc]",
            "x{2}",
            r"\d+",
            r"\bword",
            "a^b",
            "a$b",
            r"\x41",
        ] {
            assert_eq!(plain(pattern), None, "{pattern}");
        }
    }
}
