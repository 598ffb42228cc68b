//! The outline of the module the reviewers read once per run: one line per package, what it does from its doc
//! comment (or, without one, what its files are), so that a reviewer can tell an engine from a test helper.
//! Packages come hottest first, so that a reader who must stop early stops at the least relevant.

use super::kinds::Kind;
use crate::analyze::FileAnalysis;
use std::collections::BTreeMap;
use turk_run::PackageSummary;

/// Most characters of a package's line: a doc comment's first sentence can be long.
const MAX_SUMMARY: usize = 150;

/// What the outline needs to know of one file besides its analysis.
pub struct FileRole<'a> {
    pub kind: Option<(Kind, &'a str)>,
    pub score: f64,
}

/// One line per package folder holding non-test Go files, hottest package first.
pub fn outline(files: &[FileAnalysis], roles: &[FileRole<'_>]) -> Vec<PackageSummary> {
    struct Package<'a> {
        name: &'a str,
        doc: &'a str,
        labels: Vec<&'a str>,
        files: Vec<&'a str>,
        heat: f64,
        tests_only: bool,
    }
    let mut packages: BTreeMap<&str, Package<'_>> = BTreeMap::new();
    for (file, role) in files.iter().zip(roles) {
        let dir = super::calls::package_dir(&file.path);
        let package = packages.entry(dir).or_insert_with(|| Package {
            name: &file.facts.package,
            doc: "",
            labels: Vec::new(),
            files: Vec::new(),
            heat: 0.0,
            tests_only: true,
        });
        if file.is_test {
            continue;
        }
        if package.tests_only {
            package.name = &file.facts.package;
            package.tests_only = false;
        }
        // The doc comment of `doc.go`, else of the first file that has one.
        if !file.facts.doc.is_empty() && (package.doc.is_empty() || file.path.ends_with("/doc.go")) {
            package.doc = &file.facts.doc;
        }
        if let Some((kind, label)) = role.kind
            && kind != Kind::TestSupport
            && !package.labels.contains(&label)
        {
            package.labels.push(label);
        }
        package
            .files
            .push(file.path.rsplit('/').next().unwrap_or(&file.path));
        package.heat = package.heat.max(role.score);
    }
    let mut lines: Vec<(f64, PackageSummary)> = packages
        .into_iter()
        .filter(|(_, p)| !p.tests_only)
        .map(|(dir, p)| {
            let mut summary = one_line(p.doc);
            if summary.is_empty() {
                summary = if p.name == "main" {
                    "a command".to_string()
                } else {
                    let shown: Vec<&str> = p.files.iter().take(4).copied().collect();
                    let more = p.files.len().saturating_sub(shown.len());
                    let more = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    format!("files {}{more}", shown.join(", "))
                };
            }
            if !p.labels.is_empty() {
                summary.push_str(&format!(
                    " [{}]",
                    p.labels.iter().take(3).copied().collect::<Vec<_>>().join(", ")
                ));
            }
            let line = PackageSummary {
                path: dir.to_string(),
                name: p.name.to_string(),
                summary,
            };
            (p.heat, line)
        })
        .collect();
    lines.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.path.cmp(&b.1.path)));
    lines.into_iter().map(|(_, line)| line).collect()
}

/// A doc comment's sentence on one line, control characters dropped, cut at a word boundary.
fn one_line(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.chars().count() <= MAX_SUMMARY {
        return clean;
    }
    let cut: String = clean.chars().take(MAX_SUMMARY).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}
