//! In-code suppressions, on the flagged line or alone on the line just above it:
//!
//! - `//turk:ignore <rule>[,<rule>...] <reason>`: `<rule>` is a rule id, a family (`io`) or `all`; with nothing
//!   after it, every rule.
//! - golangci-lint's form: `//nolint:turk` (every rule), `//nolint:turk/<rule>` or `//nolint:turk/<family>`, in a
//!   list with other linters' names (`//nolint:errcheck,turk/io/defer-in-loop // reason`). A bare `//nolint`
//!   and `//nolint:all` are golangci-lint's own and do not silence turk.
//!
//! A name that is no rule and no family is warned about; a suppression that matched no finding of a rule that ran
//! on the file is reported with `--report-unused-suppressions`.

use crate::rule::Family;
use crate::warning::{Warning, WarningKind};
use std::cell::Cell;
use std::collections::HashMap;

/// What one name in a suppression covers.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Selector {
    All,
    Family(Family),
    Rule(&'static str),
}

impl Selector {
    fn covers(&self, rule: &str) -> bool {
        match self {
            Selector::All => true,
            Selector::Family(family) => Family::of_id(rule) == Some(*family),
            Selector::Rule(id) => *id == rule,
        }
    }
}

/// One name of one suppression comment.
#[derive(Debug)]
struct Entry {
    selector: Selector,
    /// The 1-based line the comment is on.
    written_on: u32,
    /// The comment as written, for messages (`//nolint:turk/io`).
    directive: String,
    used: Cell<bool>,
}

/// Suppressions of one file, by the 1-based line they apply to.
#[derive(Debug, Default)]
pub struct Suppressions {
    by_line: HashMap<u32, Vec<Entry>>,
}

impl Suppressions {
    /// The suppressions of `src`, and a warning (for `path`) for each name that is no rule or family.
    /// `known` tells rule ids apart from unknown names.
    pub fn parse(
        src: &str,
        path: &str,
        known: &dyn Fn(&str) -> Option<&'static str>,
    ) -> (Suppressions, Vec<Warning>) {
        let mut by_line: HashMap<u32, Vec<Entry>> = HashMap::new();
        let mut warnings = Vec::new();
        if !src.contains("turk") {
            return (Suppressions { by_line }, warnings);
        }
        for (index, line) in src.lines().enumerate() {
            let Some((at, directive, names)) = directive_in(line) else {
                continue;
            };
            let line_no = index as u32 + 1;
            // A directive alone on its line covers the next line; after code, it covers its own line.
            let target = if line[..at].trim().is_empty() {
                line_no + 1
            } else {
                line_no
            };
            for name in names {
                let selector = match name.as_str() {
                    "all" => Some(Selector::All),
                    name => known(name)
                        .map(Selector::Rule)
                        .or_else(|| Family::from_name(name.trim_end_matches("/*")).map(Selector::Family)),
                };
                match selector {
                    Some(selector) => by_line.entry(target).or_default().push(Entry {
                        selector,
                        written_on: line_no,
                        directive: directive.clone(),
                        used: Cell::new(false),
                    }),
                    None => warnings.push(Warning {
                        path: path.to_string(),
                        line: line_no,
                        kind: WarningKind::UnknownRule,
                        message: format!(
                            "`{directive}` names `{name}`, which is no rule or family (`turk rules` lists them)"
                        ),
                    }),
                }
            }
        }
        (Suppressions { by_line }, warnings)
    }

    /// Whether `rule` is suppressed for a finding that starts on `line`; the suppressions that cover it count
    /// as used.
    pub fn covers(&self, rule: &str, line: u32) -> bool {
        let Some(entries) = self.by_line.get(&line) else {
            return false;
        };
        let mut covered = false;
        for entry in entries.iter().filter(|e| e.selector.covers(rule)) {
            entry.used.set(true);
            covered = true;
        }
        covered
    }

    /// A warning for each name that covered no finding, among those whose rules ran (`ran` tells which): a
    /// suppression of a rule that did not run on the file cannot be judged.
    pub fn unused(&self, path: &str, ran: &dyn Fn(&str) -> bool, any_ran: bool) -> Vec<Warning> {
        let mut unused: Vec<Warning> = self
            .by_line
            .values()
            .flatten()
            .filter(|e| !e.used.get())
            .filter(|e| match &e.selector {
                Selector::All => any_ran,
                Selector::Family(family) => ran(family.name()),
                Selector::Rule(id) => ran(id),
            })
            .map(|e| Warning {
                path: path.to_string(),
                line: e.written_on,
                kind: WarningKind::UnusedSuppression,
                message: match &e.selector {
                    Selector::All => format!("`{}` suppresses no finding", e.directive),
                    Selector::Family(family) => {
                        format!("`{}` suppresses no finding of family `{family}`", e.directive)
                    }
                    Selector::Rule(id) => format!("`{}` suppresses no finding of `{id}`", e.directive),
                },
            })
            .collect();
        unused.sort_by(|a, b| (a.line, &a.message).cmp(&(b.line, &b.message)));
        unused
    }
}

/// The suppression comment on `line`, if any: where it starts, its text (up to the reason), and the names it
/// gives (turk's only, for `//nolint`).
fn directive_in(line: &str) -> Option<(usize, String, Vec<String>)> {
    if let Some(at) = line.find("//turk:ignore").or_else(|| line.find("// turk:ignore")) {
        let rest = line[at..].split_once("turk:ignore").map_or("", |(_, r)| r);
        // `//turk:ignore` alone, or followed by a reason only after a space: every rule.
        let list = if rest.starts_with([' ', '\t']) || rest.is_empty() {
            rest.split_whitespace().next().unwrap_or("all")
        } else {
            return None;
        };
        let names = list
            .split(',')
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        let directive = format!("//turk:ignore {list}");
        return Some((at, directive, names));
    }
    let at = line.find("//nolint:").or_else(|| line.find("// nolint:"))?;
    let rest = line[at..].split_once("nolint:").map_or("", |(_, r)| r);
    let list = rest.split_whitespace().next().unwrap_or("");
    let names: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter_map(|name| match name {
            "turk" => Some("all".to_string()),
            _ => name.strip_prefix("turk/").map(str::to_string),
        })
        .collect();
    if names.is_empty() {
        return None;
    }
    Some((at, format!("//nolint:{list}"), names))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(id: &str) -> Option<&'static str> {
        ["conc/x", "conc/y", "io/z", "io/defer-in-loop"]
            .into_iter()
            .find(|k| *k == id)
    }

    fn parse(src: &str) -> (Suppressions, Vec<Warning>) {
        Suppressions::parse(src, "a.go", &known)
    }

    #[test]
    fn directives_cover_their_line_or_the_next() {
        let src =
            "a\n//turk:ignore conc/x intentional\nb := 1\nc := 2 // turk:ignore conc/y,io/z legacy\nd\n";
        let (s, warnings) = parse(src);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(s.covers("conc/x", 3));
        assert!(!s.covers("conc/x", 2));
        assert!(s.covers("conc/y", 4) && s.covers("io/z", 4));
        assert!(!s.covers("conc/x", 4));
    }

    #[test]
    fn nolint_forms_of_golangci_lint() {
        let src = "x //nolint:turk\n\
                   //nolint:turk/io/defer-in-loop // closed by the caller\n\
                   y\n\
                   z //nolint:errcheck,turk/conc,gosec\n\
                   w //nolint:turk/conc/x,turk/io/z\n\
                   v //nolint\n\
                   u //nolint:all\n\
                   t //nolint:errcheck\n";
        let (s, warnings) = parse(src);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(s.covers("io/z", 1) && s.covers("conc/x", 1));
        assert!(s.covers("io/defer-in-loop", 3) && !s.covers("io/z", 3));
        assert!(s.covers("conc/y", 4) && !s.covers("io/z", 4));
        assert!(s.covers("conc/x", 5) && s.covers("io/z", 5) && !s.covers("conc/y", 5));
        for line in 6..=8 {
            assert!(!s.covers("conc/x", line), "line {line}: not turk's");
        }
    }

    #[test]
    fn families_and_all_in_turk_ignore() {
        let (s, warnings) = parse("a // turk:ignore io reason\nb //turk:ignore all\nc //turk:ignore\n");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(s.covers("io/z", 1) && !s.covers("conc/x", 1));
        assert!(s.covers("conc/x", 2) && s.covers("conc/x", 3));
    }

    #[test]
    fn unknown_names_are_warned_about_with_their_line() {
        let (_, warnings) = parse("a\nb //turk:ignore conc/nope,io/z\nc //nolint:turk/bogus\n");
        let lines: Vec<(u32, &str)> = warnings.iter().map(|w| (w.line, w.message.as_str())).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[0].0, 2);
        assert!(lines[0].1.contains("`conc/nope`"), "{}", lines[0].1);
        assert_eq!(lines[1].0, 3);
        assert!(
            lines[1].1.contains("`bogus`") && lines[1].1.contains("//nolint:turk/bogus"),
            "{}",
            lines[1].1
        );
        assert!(
            warnings
                .iter()
                .all(|w| w.kind == WarningKind::UnknownRule && w.path == "a.go")
        );
    }

    #[test]
    fn unused_only_among_rules_that_ran() {
        let src = "a //turk:ignore conc/x\nb //nolint:turk/io/z\nc //nolint:turk\nd //turk:ignore conc/y\n";
        let (s, _) = parse(src);
        assert!(s.covers("conc/y", 4));
        let ran = |id: &str| id.starts_with("conc");
        let unused = s.unused("a.go", &ran, true);
        let lines: Vec<u32> = unused.iter().map(|w| w.line).collect();
        // io/z did not run: its suppression cannot be judged; conc/y was used.
        assert_eq!(lines, [1, 3], "{unused:?}");
        assert!(
            unused[0]
                .message
                .contains("`//turk:ignore conc/x` suppresses no finding of `conc/x`")
        );
        assert!(s.unused("a.go", &|_| false, false).is_empty());
    }
}
