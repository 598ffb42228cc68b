//! A structural check of a generated report, with pulldown-cmark: one title, the expected sections, tables that
//! parse as tables, and no raw HTML (model text must never become markup).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What a report looks like to a markdown reader.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// `(level, text)` of every heading, in order.
    pub headings: Vec<(u8, String)>,
    pub tables: usize,
    /// Raw HTML found (should be empty).
    pub html: Vec<String>,
}

/// Parses markdown the way GitHub renders it (tables on) and returns its outline.
pub fn outline(markdown: &str) -> Outline {
    let mut outline = Outline::default();
    let mut current: Option<(u8, String)> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((heading_level(level), String::new())),
            Event::End(TagEnd::Heading(_)) => outline.headings.extend(current.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading)) = current.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::Start(Tag::Table(_)) => outline.tables += 1,
            Event::Html(html) | Event::InlineHtml(html) => outline.html.push(html.to_string()),
            _ => {}
        }
    }
    outline
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

/// Problems with a rendered audit report: none means it is well formed.
pub fn check_report(markdown: &str, reviewer_labels: &[&str]) -> Vec<String> {
    let outline = outline(markdown);
    let mut problems = Vec::new();
    let titles = outline.headings.iter().filter(|(l, _)| *l == 1).count();
    if titles != 1 {
        problems.push(format!("expected one title, found {titles}"));
    }
    for section in ["Phases", "Scope: the hot paths", "Static findings"] {
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
    for html in &outline.html {
        problems.push(format!("raw HTML in the report: {html}"));
    }
    problems
}
