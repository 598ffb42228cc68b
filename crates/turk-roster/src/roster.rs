//! team.md: the roster. Read leniently (the variants in the wild: `## Members` or `## Team Roster`, humans in the
//! Members table or in `## Human Members`, padded or compact tables), edited one row at a time.

use crate::error::{Result, RosterError};
use crate::table::{self, Table};
use crate::text::{self, LineSpan, Section, Splice};
use serde::Serialize;
use std::path::Path;

/// What kind of roster entry a row is; only `Agent`s are cast, charted and routed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberKind {
    Agent,
    /// Scribe, the silent session logger.
    Scribe,
    /// Ralph, the work monitor.
    Monitor,
    /// Newer built-ins (Rai, Fact Checker): not cast.
    BuiltIn,
    Human,
    CodingAgent,
}

/// One roster row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub name: String,
    pub role: String,
    /// The charter path from the Charter column (`None` for `—`).
    pub charter: Option<String>,
    pub status: String,
    pub kind: MemberKind,
    /// 1-based line in team.md.
    pub line: usize,
}

impl Member {
    /// The agent folder name: the name in lowercase, spaces as dashes (`Fact Checker` → `fact-checker`).
    pub fn folder(&self) -> String {
        folder_name(&self.name)
    }
}

/// `Turk` → `turk`.
pub fn folder_name(name: &str) -> String {
    name.trim().to_lowercase().replace(' ', "-")
}

/// The @copilot section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodingAgent {
    pub name: String,
    /// From `<!-- copilot-auto-assign: true|false -->`, when present.
    pub auto_assign: Option<bool>,
}

/// Everything read from team.md.
#[derive(Debug, Clone, Serialize)]
pub struct Roster {
    pub title: Option<String>,
    pub tagline: Option<String>,
    /// 1-based line of the `## Members` heading (exactly that title, which Squad's workflows require).
    pub members_heading_line: Option<usize>,
    /// 1-based line of the Members table's header row. `None` when team.md has no Members table: then nobody
    /// is read as a member (the Coordinator table is never the roster).
    pub members_table_line: Option<usize>,
    pub members: Vec<Member>,
    pub coordinator: Option<Member>,
    /// Humans from the Members table and from a separate `## Human Members` table.
    pub humans: Vec<Member>,
    pub coding_agent: Option<CodingAgent>,
    /// `- **Key:** value` bullets under `## Project Context`, in order.
    pub project_context: Vec<(String, String)>,
    /// Problems met while reading: (1-based line, message).
    pub problems: Vec<(usize, String)>,
}

impl Roster {
    /// A Project Context value by key, case-insensitive (`Owner`, `Stack`, `Universe`…).
    pub fn context(&self, key: &str) -> Option<&str> {
        self.project_context
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// The universe the team says it is cast from (a `**Universe:**` bullet), if it says so.
    pub fn universe(&self) -> Option<&str> {
        self.context("Universe")
    }

    /// The roster member called `name` (case-insensitive, by name or folder).
    pub fn member(&self, name: &str) -> Option<&Member> {
        let f = folder_name(name);
        self.members.iter().find(|m| m.folder() == f)
    }
}

fn kind_of(name: &str, role: &str, status: &str) -> MemberKind {
    let n = name.to_lowercase();
    if status.contains('👤') || role.eq_ignore_ascii_case("human") {
        MemberKind::Human
    } else if n == "@copilot" || status.contains('🤖') {
        MemberKind::CodingAgent
    } else if n == "scribe" {
        MemberKind::Scribe
    } else if n == "ralph" {
        MemberKind::Monitor
    } else if n == "rai" || n == "fact checker" || status.contains('🛡') || status.contains('🔍') {
        MemberKind::BuiltIn
    } else {
        MemberKind::Agent
    }
}

fn charter_cell(cell: &str) -> Option<String> {
    let c = cell.trim();
    if let Some(start) = c.find("](") {
        return c[start + 2..]
            .split(')')
            .next()
            .map(str::to_string)
            .filter(|s| !s.is_empty());
    }
    let c = c.trim_matches('`').trim();
    (!c.is_empty() && !matches!(c, "—" | "-" | "–" | "n/a" | "N/A")).then(|| c.to_string())
}

/// Titles of the section that holds the Members table: `## Members` (what Squad writes), and the titles
/// older or hand-written rosters use.
fn is_members_title(title: &str) -> bool {
    ["Members", "Team Roster", "Team Members", "Roster"]
        .iter()
        .any(|t| title.eq_ignore_ascii_case(t))
}

/// The parts of team.md that edits need: the text, its lines and the Members table.
pub(crate) struct RosterDoc<'a> {
    pub text: &'a str,
    pub spans: Vec<LineSpan>,
    pub sections: Vec<Section>,
}

impl<'a> RosterDoc<'a> {
    pub fn new(text: &'a str) -> Self {
        let spans = text::lines(text);
        let sections = text::sections(text, &spans);
        Self {
            text,
            spans,
            sections,
        }
    }

    fn section(&self, pred: impl Fn(&Section) -> bool) -> Option<&Section> {
        self.sections.iter().find(|s| pred(s))
    }

    fn table_in(&self, s: &Section) -> Option<Table> {
        table::find_table(self.text, &self.spans, s.heading + 1..s.end)
    }

    /// The Members section (`## Members`, or an older title such as `## Team Roster`) and its table.
    pub fn members_table(&self) -> Option<(&Section, Option<Table>)> {
        let s = self
            .section(|s| s.level == 2 && s.title.eq_ignore_ascii_case("Members"))
            .or_else(|| self.section(|s| s.level == 2 && is_members_title(&s.title)))?;
        Some((s, self.table_in(s)))
    }
}

/// Parse team.md.
pub fn parse(text: &str) -> Roster {
    let doc = RosterDoc::new(text);
    let line_text = |i: usize| &text[doc.spans[i].start..doc.spans[i].end];
    let mut problems = Vec::new();

    let title = doc
        .sections
        .iter()
        .find(|s| s.level == 1)
        .map(|s| s.title.clone());
    let tagline = doc
        .spans
        .iter()
        .map(|s| text[s.start..s.end].trim())
        .find_map(|l| l.strip_prefix("> "));
    let tagline = tagline.map(|t| t.trim().to_string());

    let members_heading_line = doc
        .section(|s| s.level == 2 && s.title.eq_ignore_ascii_case("Members"))
        .map(|s| s.heading + 1);

    // Members: the Members section's table, and nothing else. Squad's SDK parser falls back to the first table
    // with a Name column, which in a team.md without a Members table is the Coordinator's: the coordinator
    // would be taken for a member, given a charter, cast. A missing Members table is a problem for `doctor`.
    let members_table = doc.members_table().and_then(|(_, t)| t);
    let members_table_line = members_table.as_ref().map(|t| t.header_line + 1);
    let rows_of = |t: &Table| -> Vec<Member> {
        let col = |n: &str, d: usize| t.column(n).unwrap_or(d);
        let (cn, cr, cc, cs) = (
            col("name", 0),
            col("role", 1),
            col("charter", 2),
            col("status", 3),
        );
        t.rows
            .iter()
            .filter(|r| !table::plain(r.cell(cn)).is_empty())
            .map(|r| {
                let name = table::plain(r.cell(cn));
                let role = r.cell(cr).to_string();
                let status = if t.column("status").is_some() {
                    r.cell(cs).to_string()
                } else {
                    String::new()
                };
                let charter = t.column("charter").and_then(|_| charter_cell(r.cell(cc)));
                let kind = kind_of(&name, &role, &status);
                Member {
                    name,
                    role,
                    charter,
                    status,
                    kind,
                    line: r.line + 1,
                }
            })
            .collect()
    };
    let mut members = Vec::new();
    if let Some(t) = &members_table {
        problems.extend(t.problems.iter().map(|(l, m)| (l + 1, m.clone())));
        members = rows_of(t);
    }

    let coordinator = doc
        .section(|s| s.title.eq_ignore_ascii_case("Coordinator"))
        .and_then(|s| doc.table_in(s))
        .and_then(|t| rows_of(&t).into_iter().next());

    let mut humans: Vec<Member> = members
        .iter()
        .filter(|m| m.kind == MemberKind::Human)
        .cloned()
        .collect();
    if let Some(t) = doc
        .section(|s| s.title.eq_ignore_ascii_case("Human Members") || s.title.eq_ignore_ascii_case("Humans"))
        .and_then(|s| doc.table_in(s))
    {
        for mut m in rows_of(&t) {
            m.kind = MemberKind::Human;
            m.charter = None;
            humans.push(m);
        }
    }

    let coding_agent = doc
        .section(|s| s.title.eq_ignore_ascii_case("Coding Agent"))
        .map(|s| {
            let mut auto_assign = None;
            for i in s.heading..s.end {
                let l = line_text(i);
                if let Some(rest) = l.split("copilot-auto-assign:").nth(1) {
                    auto_assign = Some(rest.trim().trim_end_matches("-->").trim() == "true");
                }
            }
            let name = doc
                .table_in(s)
                .and_then(|t| rows_of(&t).into_iter().next())
                .map(|m| m.name)
                .unwrap_or_else(|| "@copilot".to_string());
            CodingAgent { name, auto_assign }
        });

    let mut project_context = Vec::new();
    if let Some(s) = doc.section(|s| s.title.eq_ignore_ascii_case("Project Context")) {
        for i in s.heading + 1..s.end {
            if let Some(kv) = bullet_field(line_text(i)) {
                project_context.push(kv);
            }
        }
    }

    Roster {
        title,
        tagline,
        members_heading_line,
        members_table_line,
        members,
        coordinator,
        humans,
        coding_agent,
        project_context,
        problems,
    }
}

/// 1-based line of the Members section's heading (`## Members` or an older title), when there is one.
pub(crate) fn members_section_line(text: &str) -> Option<usize> {
    RosterDoc::new(text).members_table().map(|(s, _)| s.heading + 1)
}

/// `- **Key:** value` → (Key, value).
pub(crate) fn bullet_field(line: &str) -> Option<(String, String)> {
    let l = line
        .trim_start()
        .strip_prefix(['-', '*'])?
        .trim_start()
        .strip_prefix("**")?;
    let (key, rest) = l.split_once("**")?;
    let key = key.trim_end_matches(':').trim();
    let value = rest.trim_start_matches(':').trim();
    (!key.is_empty()).then(|| (key.to_string(), value.to_string()))
}

/// The new Members row for a member: `| Turk | Go Performance Specialist | `.squad/agents/turk/charter.md` | ✅ Active |`.
pub(crate) fn add_member_row(path: &Path, text: &str, cells: [&str; 4]) -> Result<String> {
    let doc = RosterDoc::new(text);
    let Some((section, table)) = doc.members_table() else {
        return Err(RosterError::Malformed {
            path: path.to_path_buf(),
            line: 1,
            message: "no `## Members` section (Squad's workflows require one); add it, then run this again"
                .into(),
        });
    };
    let Some(table) = table else {
        return Err(RosterError::Malformed {
            path: path.to_path_buf(),
            line: section.heading + 1,
            message: "the Members section has no table".into(),
        });
    };
    if let Some((line, msg)) = table.first_problem() {
        return Err(RosterError::Malformed {
            path: path.to_path_buf(),
            line: line + 1,
            message: format!("{msg}; fix the Members table by hand before adding members"),
        });
    }
    let eol = text::dominant_eol(text);
    let cn = table.column("name").unwrap_or(0);
    // Place the new member before the built-ins (Scribe, Ralph, …), humans and @copilot, after the cast.
    let before = table.rows.iter().find(|r| {
        let name = table::plain(r.cell(cn));
        kind_of(&name, r.cell(1), r.cell(table.column("status").unwrap_or(3))) != MemberKind::Agent
    });
    let row = render_member_row(&table, &cells);
    let splice = match before {
        Some(r) => text::insert_line_before(doc.spans[r.line], &row, eol),
        None => text::insert_line_after(doc.spans[table.last_line()], &row, eol),
    };
    Ok(text::apply_splices(text, vec![splice]))
}

/// Fill the table's own columns: known headers get their value, unknown columns stay empty.
fn render_member_row(table: &Table, cells: &[&str; 4]) -> String {
    let values: Vec<&str> = table
        .header
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let h = h.to_lowercase();
            if h.contains("name") {
                cells[0]
            } else if h.contains("role") {
                cells[1]
            } else if h.contains("charter") {
                cells[2]
            } else if h.contains("status") {
                cells[3]
            } else if k < 4 && table.header.len() <= 4 {
                cells[k]
            } else {
                ""
            }
        })
        .collect();
    table.render_row(&values)
}

/// Remove every Members-table row naming `name`; `None` when there is none.
pub(crate) fn remove_member_rows(text: &str, name: &str) -> Option<String> {
    let doc = RosterDoc::new(text);
    let (_, table) = doc.members_table()?;
    let table = table?;
    let cn = table.column("name").unwrap_or(0);
    let f = folder_name(name);
    let splices: Vec<Splice> = table
        .rows
        .iter()
        .filter(|r| folder_name(&table::plain(r.cell(cn))) == f)
        .map(|r| text::remove_line(doc.spans[r.line]))
        .collect();
    (!splices.is_empty()).then(|| text::apply_splices(text, splices))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEAM: &str = "# Team Roster\n\n> Payments API\n\n## Coordinator\n\n| Name | Role | Notes |\n|---|---|---|\n| Squad | Coordinator | Routes work |\n\n## Members\n\n| Name | Role | Charter | Status |\n|------|------|---------|--------|\n| Danny | Lead | `.squad/agents/danny/charter.md` | ✅ Active |\n| Brady | Owner | — | 👤 Human |\n| Scribe | Session Logger | `.squad/agents/scribe/charter.md` | 📋 Silent |\n| Ralph | Work Monitor | — | 🔄 Monitor |\n\n## Project Context\n\n- **Owner:** Brady\n- **Universe:** Ocean's Eleven\n";

    #[test]
    fn parses_members_humans_and_context() {
        let r = parse(TEAM);
        assert_eq!(r.members.len(), 4);
        assert_eq!(
            r.members[0].charter.as_deref(),
            Some(".squad/agents/danny/charter.md")
        );
        assert_eq!(r.members[0].line, 15);
        assert_eq!(r.humans[0].name, "Brady");
        assert_eq!(r.members[3].kind, MemberKind::Monitor);
        assert_eq!(r.coordinator.as_ref().unwrap().name, "Squad");
        assert_eq!(r.universe(), Some("Ocean's Eleven"));
        assert_eq!(r.tagline.as_deref(), Some("Payments API"));
    }

    #[test]
    fn without_a_members_table_nobody_is_a_member() {
        for text in [TEAM.replace("## Members", "## People"), {
            let (head, tail) = TEAM.split_once("| Name | Role | Charter | Status |").unwrap();
            let rest = &tail[tail
                .find("\n\n## Coding")
                .unwrap_or(tail.find("\n\n## Project").unwrap())..];
            format!("{head}Not cast yet.{rest}")
        }] {
            let r = parse(&text);
            assert_eq!(r.members, [], "{text}");
            assert_eq!(r.members_table_line, None);
            assert_eq!(r.coordinator.as_ref().unwrap().name, "Squad");
        }
        assert_eq!(parse(TEAM).members_table_line, Some(13));
    }

    #[test]
    fn new_row_goes_before_humans_and_built_ins() {
        let out = add_member_row(Path::new("team.md"), TEAM, ["Turk", "Perf", "`x`", "✅ Active"]).unwrap();
        let danny = out.find("| Danny").unwrap();
        let turk = out.find("| Turk").unwrap();
        let brady = out.find("| Brady").unwrap();
        assert!(danny < turk && turk < brady);
    }

    #[test]
    fn remove_row_leaves_the_rest() {
        let out = remove_member_rows(TEAM, "danny").unwrap();
        assert_eq!(
            out,
            TEAM.replace(
                "| Danny | Lead | `.squad/agents/danny/charter.md` | ✅ Active |\n",
                ""
            )
        );
    }
}
