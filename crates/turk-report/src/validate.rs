//! A structural check of a generated report, with pulldown-cmark: one title, the expected sections, tables that
//! parse as tables with the same number of cells in every row, no raw HTML and no link other than http(s) (model
//! text must never become markup).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What a report looks like to a markdown reader.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// `(level, text)` of every heading, in order.
    pub headings: Vec<(u8, String)>,
    pub tables: usize,
    /// Per table, each row's cells as text (the header row first).
    pub table_rows: Vec<Vec<Vec<String>>>,
    /// Raw HTML found (should be empty).
    pub html: Vec<String>,
    /// Destinations of links and images.
    pub links: Vec<String>,
}

/// Parses markdown the way GitHub renders it (tables on) and returns its outline.
pub fn outline(markdown: &str) -> Outline {
    let mut outline = Outline::default();
    let mut current: Option<(u8, String)> = None;
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((heading_level(level), String::new())),
            Event::End(TagEnd::Heading(_)) => outline.headings.extend(current.take()),
            Event::Text(text) => push_text(&mut current, &mut cell, &text, false),
            Event::Code(text) => push_text(&mut current, &mut cell, &text, true),
            Event::Start(Tag::Table(_)) => {
                outline.tables += 1;
                outline.table_rows.push(Vec::new());
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(rows) = outline.table_rows.last_mut() {
                    rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(text), Some(row)) = (
                    cell.take(),
                    outline.table_rows.last_mut().and_then(|rows| rows.last_mut()),
                ) {
                    row.push(text);
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                outline.links.push(dest_url.to_string())
            }
            Event::Html(html) | Event::InlineHtml(html) => outline.html.push(html.to_string()),
            _ => {}
        }
    }
    outline
}

/// Text goes into the heading or the table cell being read; code keeps its backticks in a cell.
fn push_text(heading: &mut Option<(u8, String)>, cell: &mut Option<String>, text: &str, code: bool) {
    if let Some((_, heading)) = heading.as_mut() {
        heading.push_str(text);
    }
    if let Some(cell) = cell.as_mut() {
        if code {
            cell.push('`');
            cell.push_str(text);
            cell.push('`');
        } else {
            cell.push_str(text);
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Problems with a rendered audit report: none means it is well formed. `reviewer_labels` are the reviewers whose
/// sections must be there.
pub fn check_report(markdown: &str, reviewer_labels: &[&str]) -> Vec<String> {
    let outline = outline(markdown);
    let mut problems = Vec::new();
    let titles = outline.headings.iter().filter(|(l, _)| *l == 1).count();
    if titles != 1 {
        problems.push(format!("expected one title, found {titles}"));
    }
    for section in [
        "Summary",
        "Static findings",
        "Scope: the hot paths",
        "How the audit was run",
    ] {
        if !outline.headings.iter().any(|(l, t)| *l == 2 && t == section) {
            problems.push(format!("missing section `{section}`"));
        }
    }
    for label in reviewer_labels {
        if !outline
            .headings
            .iter()
            .any(|(l, t)| *l == 2 && t.starts_with(&format!("Review by {label} (")))
        {
            problems.push(format!("missing the section of reviewer `{label}`"));
        }
    }
    for (i, rows) in outline.table_rows.iter().enumerate() {
        let width = rows.first().map_or(0, Vec::len);
        if let Some(bad) = rows.iter().position(|r| r.len() != width) {
            problems.push(format!(
                "table {} row {bad} has {} cells, the header {width}",
                i + 1,
                rows[bad].len()
            ));
        }
    }
    for html in &outline.html {
        problems.push(format!("raw HTML in the report: {html}"));
    }
    for link in &outline.links {
        if !(link.starts_with("https://") || link.starts_with("http://")) {
            problems.push(format!("a link to `{link}`"));
        }
    }
    problems
}
