//! `go.mod`: the module path and the `go` directive, which decides how some rules apply (per-iteration loop
//! variables from Go 1.22, collectable timers from Go 1.23).

use serde::Serialize;
use std::fmt;

/// A Go language version, `go 1.21.3` → 1.21 (patch releases do not change the language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct GoVersion {
    pub major: u32,
    pub minor: u32,
}

impl GoVersion {
    pub const fn new(major: u32, minor: u32) -> Self {
        GoVersion { major, minor }
    }

    /// Parses `1.21`, `1.21.3`, `1.21rc1`, `go1.22` (as in `//go:build go1.22`).
    pub fn parse(text: &str) -> Option<GoVersion> {
        let text = text.trim().trim_start_matches("go");
        let mut parts = text.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor_text = parts.next().unwrap_or("0");
        let digits: String = minor_text.chars().take_while(char::is_ascii_digit).collect();
        let minor = digits.parse().ok()?;
        Some(GoVersion { major, minor })
    }

    /// Whether each loop iteration gets fresh variables (Go 1.22 and later).
    pub fn has_per_iteration_loop_vars(self) -> bool {
        self >= GoVersion::new(1, 22)
    }

    /// Whether unreferenced, unstopped timers and tickers are garbage collected (Go 1.23 and later).
    pub fn collects_unstopped_timers(self) -> bool {
        self >= GoVersion::new(1, 23)
    }
}

impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// What turk reads from a `go.mod`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct GoMod {
    pub module: Option<String>,
    pub go: Option<GoVersion>,
}

impl GoMod {
    /// Reads the `module` and `go` directives; everything else (require blocks, comments) is ignored.
    pub fn parse(text: &str) -> GoMod {
        let mut gomod = GoMod::default();
        let mut in_block = false;
        for line in text.lines() {
            let line = line.split("//").next().unwrap_or("").trim();
            // Lines inside `require ( ... )` and similar blocks are never `module` or `go` directives.
            if in_block {
                in_block = line != ")";
                continue;
            }
            if line.ends_with('(') {
                in_block = true;
                continue;
            }
            let mut words = line.split_whitespace();
            match (words.next(), words.next()) {
                (Some("module"), Some(path)) => gomod.module = Some(path.trim_matches('"').to_string()),
                (Some("go"), Some(version)) => gomod.go = GoVersion::parse(version),
                _ => {}
            }
        }
        gomod
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_module_and_version() {
        let m = GoMod::parse(
            "// comment\nmodule example.com/svc // trailing\n\nrequire (\n\tgo 1.0\n)\ngo 1.21.3\n",
        );
        assert_eq!(m.module.as_deref(), Some("example.com/svc"));
        assert_eq!(m.go, Some(GoVersion::new(1, 21)));
    }

    #[test]
    fn parses_version_forms() {
        assert_eq!(GoVersion::parse("1.22"), Some(GoVersion::new(1, 22)));
        assert_eq!(GoVersion::parse("1.21rc1"), Some(GoVersion::new(1, 21)));
        assert_eq!(GoVersion::parse("go1.23.4"), Some(GoVersion::new(1, 23)));
        assert_eq!(GoVersion::parse("banana"), None);
        assert!(GoVersion::new(1, 22).has_per_iteration_loop_vars());
        assert!(!GoVersion::new(1, 21).has_per_iteration_loop_vars());
        assert!(GoVersion::new(1, 23).collects_unstopped_timers());
    }
}
