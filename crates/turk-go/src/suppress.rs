//! In-code suppressions: `//turk:ignore <rule-id>[,<rule-id>...] <reason>` on the flagged line or on the line
//! just above it. `all` suppresses every rule on that line.

use std::collections::HashMap;

/// Suppressions of one file, by the 1-based line they apply to.
#[derive(Debug, Default)]
pub struct Suppressions {
    by_line: HashMap<u32, Vec<String>>,
}

impl Suppressions {
    pub fn parse(src: &str) -> Suppressions {
        let mut by_line: HashMap<u32, Vec<String>> = HashMap::new();
        if !src.contains("turk:ignore") {
            return Suppressions { by_line };
        }
        for (index, line) in src.lines().enumerate() {
            let Some(at) = line.find("//turk:ignore").or_else(|| line.find("// turk:ignore")) else {
                continue;
            };
            let directive = &line[at..];
            let rest = directive.split_once("turk:ignore").map_or("", |(_, r)| r);
            let ids: Vec<String> = rest
                .split_whitespace()
                .next()
                .unwrap_or("all")
                .split(',')
                .map(str::to_string)
                .collect();
            let line_no = index as u32 + 1;
            // A directive alone on its line covers the next line; after code, it covers its own line.
            let target = if line[..at].trim().is_empty() {
                line_no + 1
            } else {
                line_no
            };
            by_line.entry(target).or_default().extend(ids);
        }
        Suppressions { by_line }
    }

    /// Whether `rule` is suppressed for a finding that starts on `line`.
    pub fn covers(&self, rule: &str, line: u32) -> bool {
        self.by_line
            .get(&line)
            .is_some_and(|ids| ids.iter().any(|id| id == rule || id == "all"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_cover_their_line_or_the_next() {
        let src =
            "a\n//turk:ignore conc/x intentional\nb := 1\nc := 2 // turk:ignore conc/y,io/z legacy\nd\n";
        let s = Suppressions::parse(src);
        assert!(s.covers("conc/x", 3));
        assert!(!s.covers("conc/x", 2));
        assert!(s.covers("conc/y", 4) && s.covers("io/z", 4));
        assert!(!s.covers("conc/x", 4));
    }
}
