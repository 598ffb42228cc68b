//! A file's build constraint (`//go:build ...` before the package clause), as far as turk needs it: the Go
//! version a file is certainly compiled with, and whether the file is left out of every build (`ignore`).
//!
//! Only a plain conjunction says something for certain: in `go1.21 && linux` every term must hold. A negated
//! term (`!go1.15`: compiled only *before* Go 1.15), an alternative (`go1.18 || !cgo`) or a negated group says
//! nothing a rule can rely on, so it is not read as a version (nor as `ignore`).

use crate::gomod::GoVersion;

/// The `//go:build` expression of a file, if it has one in its header (the comments and blank lines before the
/// package clause, where Go reads constraints).
fn go_build_expr(src: &str) -> Option<&str> {
    header_lines(src).find_map(|l| l.strip_prefix("//go:build "))
}

/// The lines before the package clause that may hold constraints: blank lines and line comments.
fn header_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(|l| l.trim_end_matches('\r').trim_end())
        .take_while(|l| l.is_empty() || l.starts_with("//"))
}

/// The terms of an expression that is a conjunction (`a && !b && (c && d)`), each with its `!` if negated; `None`
/// for anything else (an `||`, or a negated group), which guarantees no single term.
fn conjunction(expr: &str) -> Option<impl Iterator<Item = &str>> {
    if expr.contains("||") || expr.replace(' ', "").contains("!(") {
        return None;
    }
    Some(
        expr.split("&&")
            .map(|term| term.trim().trim_matches(|c| c == '(' || c == ')' || c == ' ')),
    )
}

/// The Go version a `//go:build go1.N` constraint guarantees (the highest such term of a conjunction).
pub fn go_version(src: &str) -> Option<GoVersion> {
    conjunction(go_build_expr(src)?)?
        .filter(|term| term.starts_with("go1."))
        .filter_map(GoVersion::parse)
        .max()
}

/// Whether the file is excluded from every build by the `ignore` tag (`//go:build ignore`, or the older
/// `// +build ignore` when there is no `//go:build` line): by convention a generator or helper program run by
/// hand with `go run`, whose code runs once and is no part of the package.
pub fn is_build_ignored(src: &str) -> bool {
    match go_build_expr(src) {
        Some(expr) => conjunction(expr).is_some_and(|mut terms| terms.any(|t| t == "ignore")),
        None => header_lines(src)
            .filter_map(|l| l.strip_prefix("// +build "))
            // One `// +build` line is a disjunction of its space-separated options; several lines are a
            // conjunction. `ignore` alone on a line excludes the file.
            .any(|options| options.trim() == "ignore"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(header: &str) -> String {
        format!("// Copyright line.\n\n{header}\n\npackage p\n")
    }

    #[test]
    fn a_plain_or_conjoined_version_sets_the_files_go_version() {
        assert_eq!(
            go_version(&file("//go:build go1.21")),
            Some(GoVersion::new(1, 21))
        );
        assert_eq!(
            go_version(&file("//go:build linux && go1.22 && (amd64 && go1.18)")),
            Some(GoVersion::new(1, 22))
        );
        assert_eq!(go_version(&file("//go:build linux")), None);
        assert_eq!(
            go_version("package p\n\n//go:build go1.21\n"),
            None,
            "after the package clause"
        );
    }

    #[test]
    fn a_negated_or_complex_constraint_sets_no_version() {
        // Compiled only before Go 1.15: certainly not Go 1.15.
        assert_eq!(go_version(&file("//go:build !go1.15")), None);
        assert_eq!(go_version(&file("//go:build linux && !go1.18")), None);
        assert_eq!(go_version(&file("//go:build go1.18 || !cgo")), None);
        assert_eq!(go_version(&file("//go:build !(go1.18 && linux)")), None);
        assert_eq!(go_version(&file("//go:build ! (go1.18 && linux)")), None);
    }

    #[test]
    fn ignore_excludes_a_file_only_where_it_must_hold() {
        assert!(is_build_ignored(&file("//go:build ignore")));
        assert!(is_build_ignored(&file("//go:build ignore && linux")));
        assert!(is_build_ignored(&file("//go:build ignore\n// +build ignore")));
        assert!(is_build_ignored(&file("// +build ignore")));
        assert!(!is_build_ignored(&file("//go:build !ignore")));
        assert!(!is_build_ignored(&file("//go:build ignore || linux")));
        assert!(!is_build_ignored(&file("// +build ignore linux")));
        assert!(!is_build_ignored(&file("//go:build linux")));
        assert!(!is_build_ignored("package p\n\n//go:build ignore\n"));
        // The comment that usually follows the constraint does not hide it.
        assert!(is_build_ignored(
            "//go:build ignore\n\n// This program generates tables.go. Run it with go generate.\n\npackage main\n"
        ));
    }
}
