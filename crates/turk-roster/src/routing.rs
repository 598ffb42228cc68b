//! routing.md: the `## Routing Table` (work type → member) and `## Issue Routing` (`squad:{name}` labels).
//! The CLI REPL's `## Work Type → Agent` table (Work Type | Primary | Secondary) is read as a routing table too,
//! and so is the table the oldest `.ai-team` teams keep directly under `# Work Routing`, without a heading of
//! its own. A routing.md without an Issue Routing section does not route issues by label; that is not a gap.

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

/// A table of routing.md and the line that introduces it (its section heading, or, for a table without a
/// heading of its own, its header row): 0-based.
struct Located {
    anchor: usize,
    title: String,
    table: Option<Table>,
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

    fn titled(&self, titles: &[&str]) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| titles.iter().any(|t| s.title.eq_ignore_ascii_case(t)))
    }

    fn table(&self, titles: &[&str]) -> Option<Located> {
        let s = self.titled(titles)?;
        Some(Located {
            anchor: s.heading,
            title: s.title.clone(),
            table: table::find_table(self.text, &self.spans, s.heading + 1..s.end),
        })
    }

    /// The Routing Table: under its heading, else the first table with a Work Type and a Route To (or
    /// Primary) column outside the Issue Routing section (routing.md from before the heading existed).
    fn routes(&self) -> Option<Located> {
        if let Some(found) = self.table(ROUTING_TITLES) {
            return Some(found);
        }
        let issues = self.titled(ISSUE_TITLES).map(|s| s.heading..s.end);
        table::find_tables(self.text, &self.spans, 0..self.spans.len())
            .into_iter()
            .filter(|t| !issues.as_ref().is_some_and(|r| r.contains(&t.header_line)))
            .find(|t| t.column("work").is_some() && route_column(t).is_some())
            .map(|t| Located {
                anchor: t.header_line,
                title: "Routing Table".to_string(),
                table: Some(t),
            })
    }

    fn issues(&self) -> Option<Located> {
        self.table(ISSUE_TITLES)
    }
}

/// The column naming who gets the work.
fn route_column(t: &Table) -> Option<usize> {
    t.column("route").or_else(|| t.column("primary"))
}

const ROUTING_TITLES: &[&str] = &["Routing Table", "Work Type → Agent", "Work Type -> Agent"];
const ISSUE_TITLES: &[&str] = &["Issue Routing"];

/// Parse routing.md.
pub fn parse(text: &str) -> Routing {
    let doc = Doc::new(text);
    let routes = doc.routes();
    let issues = doc.issues();
    let mut out = Routing {
        routes_heading_line: routes.as_ref().map(|l| l.anchor + 1),
        issues_heading_line: issues.as_ref().map(|l| l.anchor + 1),
        ..Routing::default()
    };
    if let Some(t) = routes.and_then(|l| l.table) {
        let wt = t.column("work").unwrap_or(0);
        let to = route_column(&t).unwrap_or(1);
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
    if let Some(t) = issues.and_then(|l| l.table) {
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
/// label), filling the table's own columns. `cells` are (work type, member, examples) or (label, action, who).
/// A missing section is appended at the end of the file.
pub(crate) fn add_row(path: &Path, text: &str, which: Which, cells: [&str; 3]) -> Result<String> {
    let doc = Doc::new(text);
    let eol = text::dominant_eol(text);
    let (found, heading, header) = match which {
        Which::Routes => (
            doc.routes(),
            "## Routing Table",
            ["Work Type", "Route To", "Examples"],
        ),
        Which::Issues => (doc.issues(), "## Issue Routing", ["Label", "Action", "Who"]),
    };
    let Some(Located {
        title,
        table: Some(t),
        ..
    }) = found
    else {
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
            message: format!("{msg} (in the {title} table); fix it by hand first"),
        });
    }
    let [a, b, c] = cells;
    let values = match which {
        Which::Routes => t.row_values(&[
            (&["work"], a),
            (&["route", "primary", "who", "agent", "member"], b),
            (&["example"], c),
        ]),
        Which::Issues => t.row_values(&[(&["label"], a), (&["action"], b), (&["who"], c)]),
    };
    let row = t.render_row(&values);
    let splice = match which {
        Which::Routes => {
            let to = route_column(&t).unwrap_or(1);
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

/// Take `name` off routing.md: a Routing Table row that routes only to them goes, a row they share keeps the
/// others (`Livingston, Saul` becomes `Saul`), and their `squad:{name}` Issue Routing row goes. `None` when
/// nothing changes.
pub(crate) fn remove_rows(text: &str, name: &str) -> Option<String> {
    let doc = Doc::new(text);
    let f = folder_name(name);
    let mut splices: Vec<Splice> = Vec::new();
    if let Some(t) = doc.routes().and_then(|l| l.table) {
        let to = route_column(&t).unwrap_or(1);
        for r in &t.rows {
            let names = names_in(r.cell(to));
            if !names.contains(&f) {
                continue;
            }
            if names.iter().all(|n| *n == f) {
                splices.push(text::remove_line(doc.spans[r.line]));
                continue;
            }
            let Some(span) = r.spans.get(to) else {
                continue;
            };
            let line = doc.spans[r.line];
            let raw = &text[line.start + span.start..line.start + span.end];
            let mut cell = without_name(raw, &f);
            if t.is_aligned() {
                // Keep the column aligned: pad the shorter cell to the width the old one had.
                let pad = table::display_width(raw).saturating_sub(table::display_width(&cell));
                cell.extend(std::iter::repeat_n(' ', pad));
            }
            splices.push(Splice {
                start: line.start + span.start,
                end: line.start + span.end,
                with: cell,
            });
        }
    }
    if let Some(t) = doc.issues().and_then(|l| l.table) {
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

/// A "Route To" cell without the member whose folder name is `f`, with the separator that joined them: the
/// other names and separators stay as written.
fn without_name(cell: &str, f: &str) -> String {
    // (name, separator after it) pieces; the separator takes the spaces around it.
    let mut pieces: Vec<(&str, &str)> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < cell.len() {
        let rest = &cell[i..];
        let sep_len = if rest.starts_with([',', '/', '&', '+']) {
            1
        } else if rest.starts_with(" and ") {
            5
        } else {
            0
        };
        if sep_len == 0 {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let name_end = start + cell[start..i].trim_end().len();
        let mut sep_end = i + sep_len;
        sep_end += cell[sep_end..].len() - cell[sep_end..].trim_start().len();
        pieces.push((&cell[start..name_end], &cell[name_end..sep_end]));
        start = sep_end;
        i = sep_end;
    }
    pieces.push((&cell[start..], ""));
    let kept: Vec<(&str, &str)> = pieces
        .iter()
        .copied()
        .filter(|(n, _)| folder_name(&table::plain(n)) != f)
        .collect();
    let mut out = String::new();
    for (k, (n, sep)) in kept.iter().enumerate() {
        out.push_str(n);
        if k + 1 < kept.len() {
            out.push_str(sep);
        }
    }
    out
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

    #[test]
    fn a_shared_row_loses_only_the_name() {
        for (cell, left) in [
            ("Livingston, Saul", "Saul"),
            ("Saul, Livingston", "Saul"),
            ("Danny, Livingston, Saul", "Danny, Saul"),
            ("Saul and Livingston", "Saul"),
            ("Livingston / Saul", "Saul"),
            ("**Livingston** + Mara Quist 👤", "Mara Quist 👤"),
        ] {
            assert_eq!(without_name(cell, "livingston"), left, "{cell}");
        }
        let t = R.replace("| API | Danny |", "| API | Danny, Turk |");
        let out = remove_rows(&t, "turk").unwrap();
        assert_eq!(out, R);
    }

    #[test]
    fn a_shared_row_in_an_aligned_table_stays_aligned() {
        let t = "## Routing Table\n\n| Work Type | Route To    |\n|-----------|-------------|\n| Docs      | Danny, Turk |\n| API       | Danny       |\n";
        let out = remove_rows(t, "turk").unwrap();
        assert_eq!(
            out,
            "## Routing Table\n\n| Work Type | Route To    |\n|-----------|-------------|\n| Docs      | Danny       |\n| API       | Danny       |\n"
        );
    }

    const LEGACY: &str = "# Work Routing\n\nHow to decide who handles what.\n\n| Work Type | Route To | Examples |\n|---|---|---|\n| API | Danny | endpoints |\n| Docs | Danny, Turk | guides |\n| Session logging | Scribe | Automatic |\n\n## Rules\n\n1. Eager.\n";

    #[test]
    fn the_table_under_work_routing_is_the_routing_table() {
        let r = parse(LEGACY);
        assert_eq!(r.routes.len(), 3);
        assert_eq!(r.routes_heading_line, Some(5));
        assert_eq!(r.routes_for("turk")[0].line, 8);
        assert_eq!(r.issues_heading_line, None);
        let out = add_row(
            Path::new("routing.md"),
            LEGACY,
            Which::Routes,
            ["Perf", "Linus", "profiling"],
        )
        .unwrap();
        assert!(
            out.contains("| Docs | Danny, Turk | guides |\n| Perf | Linus | profiling |\n| Session logging")
        );
        assert_eq!(out.matches("| Work Type |").count(), 1, "a second table: {out}");
        let out = remove_rows(LEGACY, "turk").unwrap();
        assert!(out.contains("| Docs | Danny | guides |\n"), "{out}");
    }

    #[test]
    fn new_rows_follow_the_tables_own_columns() {
        let t = "## Work Type → Agent\n\n| Work Type | Primary | Secondary |\n|---|---|---|\n| API | Danny | Rusty |\n";
        let out = add_row(
            Path::new("routing.md"),
            t,
            Which::Routes,
            ["Perf", "Turk", "profiling"],
        )
        .unwrap();
        assert!(out.ends_with("| Perf | Turk |  |\n"), "{out}");
        let t = "## Routing Table\n\n| Route To | Work Type |\n|---|---|\n| Danny | API |\n";
        let out = add_row(
            Path::new("routing.md"),
            t,
            Which::Routes,
            ["Perf", "Turk", "profiling"],
        )
        .unwrap();
        assert!(out.ends_with("| Turk | Perf |\n"), "{out}");
    }
}
