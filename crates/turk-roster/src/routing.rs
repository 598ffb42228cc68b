//! routing.md: the `## Routing Table` (work type → member) and `## Issue Routing` (`squad:{name}` labels).
//! The CLI REPL's `## Work Type → Agent` table (Work Type | Primary | Secondary) is read as a routing table too.

use crate::error::{Result, RosterError};
use crate::roster::folder_name;
use crate::table::{self, Table};
use crate::text::{self, LineSpan, Section, Splice};
use serde::Serialize;
use std::path::Path;

/// A Routing Table row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub work_type: String,
    pub route_to: String,
    pub examples: String,
    /// 1-based line in routing.md.
    pub line: usize,
}

/// An Issue Routing row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueRoute {
    /// The label without backticks (`squad:turk`).
    pub label: String,
    pub action: String,
    pub who: String,
    pub line: usize,
}

/// Everything read from routing.md.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Routing {
    /// 1-based line of the `## Routing Table` heading, when there is one.
    pub routes_heading_line: Option<usize>,
    /// 1-based line of the `## Issue Routing` heading, when there is one.
    pub issues_heading_line: Option<usize>,
    pub routes: Vec<Route>,
    pub issue_routes: Vec<IssueRoute>,
    pub problems: Vec<(usize, String)>,
}

/// Names in a "Route To" cell: `Turk`, `Danny, Rusty`, `Brady 👤`, `@copilot 🤖`.
fn names_in(cell: &str) -> Vec<String> {
    cell.split([',', '/', '&', '+'])
        .flat_map(|p| p.split(" and "))
        .map(|p| folder_name(&table::plain(p)))
        .filter(|p| !p.is_empty())
        .collect()
}

impl Routing {
    /// Routing Table rows that send work to `name`.
    pub fn routes_for(&self, name: &str) -> Vec<&Route> {
        let f = folder_name(name);
        self.routes
            .iter()
            .filter(|r| names_in(&r.route_to).contains(&f))
            .collect()
    }

    /// Issue Routing rows for the `squad:{name}` label.
    pub fn labels_for(&self, name: &str) -> Vec<&IssueRoute> {
        let label = format!("squad:{}", folder_name(name));
        self.issue_routes
            .iter()
            .filter(|r| r.label.eq_ignore_ascii_case(&label))
            .collect()
    }
}

struct Doc<'a> {
    text: &'a str,
    spans: Vec<LineSpan>,
    sections: Vec<Section>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Self {
        let spans = text::lines(text);
        let sections = text::sections(text, &spans);
        Doc {
            text,
            spans,
            sections,
        }
    }
    fn table(&self, titles: &[&str]) -> Option<(&Section, Option<Table>)> {
        let s = self
            .sections
            .iter()
            .find(|s| titles.iter().any(|t| s.title.eq_ignore_ascii_case(t)))?;
        Some((s, table::find_table(self.text, &self.spans, s.heading + 1..s.end)))
    }
}

const ROUTING_TITLES: &[&str] = &["Routing Table", "Work Type → Agent", "Work Type -> Agent"];
const ISSUE_TITLES: &[&str] = &["Issue Routing"];

/// Parse routing.md.
pub fn parse(text: &str) -> Routing {
    let doc = Doc::new(text);
    let mut out = Routing {
        routes_heading_line: doc.table(ROUTING_TITLES).map(|(s, _)| s.heading + 1),
        issues_heading_line: doc.table(ISSUE_TITLES).map(|(s, _)| s.heading + 1),
        ..Routing::default()
    };
    if let Some((_, Some(t))) = doc.table(ROUTING_TITLES) {
        let wt = t.column("work").unwrap_or(0);
        let to = t.column("route").or_else(|| t.column("primary")).unwrap_or(1);
        let ex = t.column("example").or_else(|| t.column("secondary")).unwrap_or(2);
        out.problems
            .extend(t.problems.iter().map(|(l, m)| (l + 1, m.clone())));
        out.routes = t
            .rows
            .iter()
            .map(|r| Route {
                work_type: r.cell(wt).to_string(),
                route_to: r.cell(to).to_string(),
                examples: r.cell(ex).to_string(),
                line: r.line + 1,
            })
            .collect();
    }
    if let Some((_, Some(t))) = doc.table(ISSUE_TITLES) {
        let (l, a, w) = (
            t.column("label").unwrap_or(0),
            t.column("action").unwrap_or(1),
            t.column("who").unwrap_or(2),
        );
        out.problems
            .extend(t.problems.iter().map(|(l, m)| (l + 1, m.clone())));
        out.issue_routes = t
            .rows
            .iter()
            .map(|r| IssueRoute {
                label: table::plain(r.cell(l)),
                action: r.cell(a).to_string(),
                who: r.cell(w).to_string(),
                line: r.line + 1,
            })
            .collect();
    }
    out
}

/// Refuse to edit a routing.md whose tables are malformed, naming the first bad line (checked before any
/// edit, so the line number is the one in the file on disk).
pub(crate) fn check_tables(path: &Path, text: &str) -> Result<()> {
    match parse(text).problems.first() {
        Some((line, msg)) => Err(RosterError::Malformed {
            path: path.to_path_buf(),
            line: *line,
            message: format!("{msg}; fix the table by hand first"),
        }),
        None => Ok(()),
    }
}

/// Which table a row goes into.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Which {
    Routes,
    Issues,
}

/// Add a row to the Routing Table (before the Scribe row) or the Issue Routing table (after the last `squad:`
/// label). A missing section is appended at the end of the file.
pub(crate) fn add_row(path: &Path, text: &str, which: Which, cells: [&str; 3]) -> Result<String> {
    let doc = Doc::new(text);
    let eol = text::dominant_eol(text);
    let (titles, heading, header) = match which {
        Which::Routes => (
            ROUTING_TITLES,
            "## Routing Table",
            ["Work Type", "Route To", "Examples"],
        ),
        Which::Issues => (ISSUE_TITLES, "## Issue Routing", ["Label", "Action", "Who"]),
    };
    let Some((section, Some(t))) = doc.table(titles) else {
        // No such table: append a fresh section, leaving everything before it untouched.
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        if !out.is_empty() && !out.ends_with(&format!("{eol}{eol}")) {
            out.push_str(eol);
        }
        let sep = header.iter().map(|h| "-".repeat(h.len())).collect::<Vec<_>>();
        out.push_str(&format!(
            "{heading}{eol}{eol}| {} |{eol}|{}|{eol}| {} |{eol}",
            header.join(" | "),
            sep.iter().map(|s| format!("{s}--")).collect::<Vec<_>>().join("|"),
            cells.map(table::escape_cell).join(" | ")
        ));
        return Ok(out);
    };
    if let Some((line, msg)) = t.first_problem() {
        return Err(RosterError::Malformed {
            path: path.to_path_buf(),
            line: line + 1,
            message: format!("{msg} (in the {} table); fix it by hand first", section.title),
        });
    }
    let row = t.render_row(&cells);
    let splice = match which {
        Which::Routes => {
            let to = t.column("route").or_else(|| t.column("primary")).unwrap_or(1);
            match t
                .rows
                .iter()
                .find(|r| names_in(r.cell(to)).iter().any(|n| n == "scribe" || n == "ralph"))
            {
                Some(r) => text::insert_line_before(doc.spans[r.line], &row, eol),
                None => text::insert_line_after(doc.spans[t.last_line()], &row, eol),
            }
        }
        Which::Issues => {
            let l = t.column("label").unwrap_or(0);
            let last_label = t
                .rows
                .iter()
                .rev()
                .find(|r| table::plain(r.cell(l)).starts_with("squad:"));
            let after = last_label.map(|r| r.line).unwrap_or_else(|| t.last_line());
            text::insert_line_after(doc.spans[after], &row, eol)
        }
    };
    Ok(text::apply_splices(text, vec![splice]))
}

/// Remove every row routing to `name` from both tables (rows naming several members are kept: they need a
/// person to decide). `None` when nothing changes.
pub(crate) fn remove_rows(text: &str, name: &str) -> Option<String> {
    let doc = Doc::new(text);
    let f = folder_name(name);
    let mut splices: Vec<Splice> = Vec::new();
    if let Some((_, Some(t))) = doc.table(ROUTING_TITLES) {
        let to = t.column("route").or_else(|| t.column("primary")).unwrap_or(1);
        for r in &t.rows {
            if names_in(r.cell(to)) == [f.clone()] {
                splices.push(text::remove_line(doc.spans[r.line]));
            }
        }
    }
    if let Some((_, Some(t))) = doc.table(ISSUE_TITLES) {
        let l = t.column("label").unwrap_or(0);
        let label = format!("squad:{f}");
        for r in &t.rows {
            if table::plain(r.cell(l)).eq_ignore_ascii_case(&label) {
                splices.push(text::remove_line(doc.spans[r.line]));
            }
        }
    }
    (!splices.is_empty()).then(|| text::apply_splices(text, splices))
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: &str = "# Work Routing\n\n## Routing Table\n\n| Work Type | Route To | Examples |\n|-----------|----------|----------|\n| API | Danny | endpoints |\n| Session logging | Scribe | Automatic |\n\n## Issue Routing\n\n| Label | Action | Who |\n|-------|--------|-----|\n| `squad` | Triage | Lead |\n| `squad:danny` | Pick up | Danny |\n\n## Rules\n\n1. Eager.\n";

    #[test]
    fn reads_routes_and_labels() {
        let r = parse(R);
        assert_eq!(r.routes_for("danny")[0].line, 7);
        assert_eq!(r.labels_for("Danny").len(), 1);
        assert!(r.routes_for("turk").is_empty());
    }

    #[test]
    fn adds_before_scribe_and_after_last_label() {
        let out = add_row(
            Path::new("routing.md"),
            R,
            Which::Routes,
            ["Perf", "Turk", "profiling"],
        )
        .unwrap();
        assert!(out.contains("| API | Danny | endpoints |\n| Perf | Turk | profiling |\n| Session logging"));
        let out = add_row(
            Path::new("routing.md"),
            &out,
            Which::Issues,
            ["`squad:turk`", "Pick up", "Turk"],
        )
        .unwrap();
        assert!(out.contains("| `squad:danny` | Pick up | Danny |\n| `squad:turk` | Pick up | Turk |\n"));
        let back = remove_rows(&out, "Turk").unwrap();
        assert_eq!(back, R);
    }
}
