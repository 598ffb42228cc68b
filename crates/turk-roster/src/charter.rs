//! charter.md: a member's charter, read as sections by heading. Both the standard template (`## Identity`,
//! `## What I Own`, …) and hand-written variants (`## Expertise`, `## Output Format`) read the same way.

use crate::text;
use serde::Serialize;

/// One `## Heading` section of a charter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CharterSection {
    pub heading: String,
    pub level: usize,
    /// 1-based line of the heading.
    pub line: usize,
    /// The text under the heading, up to the next heading of the same or a higher level.
    pub body: String,
}

/// A parsed charter. `text` is the file exactly as read.
#[derive(Debug, Clone, Serialize)]
pub struct Charter {
    /// The `# …` title (`Turk — Go Performance Specialist`).
    pub title: Option<String>,
    pub sections: Vec<CharterSection>,
    pub text: String,
}

impl Charter {
    pub fn parse(text: &str) -> Charter {
        let spans = text::lines(text);
        let secs = text::sections(text, &spans);
        let title = secs.iter().find(|s| s.level == 1).map(|s| s.title.clone());
        let sections = secs
            .iter()
            .filter(|s| s.level >= 2)
            .map(|s| {
                let body = if s.heading + 1 < s.end {
                    text[spans[s.heading + 1].start..spans[s.end - 1].next]
                        .trim()
                        .to_string()
                } else {
                    String::new()
                };
                CharterSection {
                    heading: s.title.clone(),
                    level: s.level,
                    line: s.heading + 1,
                    body,
                }
            })
            .collect();
        Charter {
            title,
            sections,
            text: text.to_string(),
        }
    }

    /// A section by heading, case-insensitive.
    pub fn section(&self, heading: &str) -> Option<&CharterSection> {
        self.sections
            .iter()
            .find(|s| s.heading.eq_ignore_ascii_case(heading))
    }

    /// A `**Key:** value` field inside a section (`field("Identity", "Role")`, `field("Model", "Preferred")`).
    pub fn field(&self, heading: &str, key: &str) -> Option<String> {
        let body = &self.section(heading)?.body;
        body.lines().find_map(|l| {
            let l = l.trim_start().trim_start_matches(['-', '*']).trim_start();
            let (k, v) = crate::roster::bullet_field(&format!("- {l}"))?;
            k.eq_ignore_ascii_case(key).then_some(v)
        })
    }

    /// The role: the Identity section's `**Role:**`, else the part of the title after the dash.
    pub fn role(&self) -> Option<String> {
        self.field("Identity", "Role").or_else(|| {
            let t = self.title.as_deref()?;
            t.split_once(['—', '–']).map(|(_, r)| r.trim().to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_fields() {
        let c = Charter::parse(
            "# Turk — Go Performance Specialist\r\n\r\n## Identity\r\n\r\n- **Name:** Turk\r\n- **Role:** Go Performance Specialist\r\n\r\n## Model\r\n\r\n- **Preferred:** auto\r\n",
        );
        assert_eq!(c.title.as_deref(), Some("Turk — Go Performance Specialist"));
        assert_eq!(c.sections.len(), 2);
        assert_eq!(
            c.field("identity", "Role").as_deref(),
            Some("Go Performance Specialist")
        );
        assert_eq!(c.field("Model", "Preferred").as_deref(), Some("auto"));
        assert_eq!(c.section("Model").unwrap().line, 8);
    }
}
