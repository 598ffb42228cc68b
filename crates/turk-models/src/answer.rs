//! Lenient parsing of a model's answer. Models wrap JSON in prose or a ```json fence, rename fields, send numbers
//! as strings, or break the JSON half-way. Whatever can be understood is kept; every finding that cannot is
//! recorded with its raw text and the reason, never silently lost.

use serde_json::Value;
use turk_findings::{Category, Priority};

/// One finding as the model stated it, before grounding.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFinding {
    pub file: String,
    pub start_line: u32,
    pub end_line: u32,
    pub priority: Priority,
    pub category: Category,
    pub title: String,
    pub why: String,
    pub fix: String,
    pub quote: Option<String>,
}

/// What an answer yielded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedAnswer {
    pub findings: Vec<RawFinding>,
    /// (raw text, reason) of everything that could not be used.
    pub dropped: Vec<(String, String)>,
    /// Whether the answer held a findings list at all (even an empty one).
    pub found_list: bool,
}

impl ParsedAnswer {
    /// Why this answer does not count as a review of the code it was sent, if it does not: it held no findings
    /// list (prose, or nothing), or every finding in its list was unreadable. `{"findings": []}` is a review
    /// that found nothing, and a list with at least one readable finding is a review too.
    pub fn problem(&self) -> Option<String> {
        if !self.findings.is_empty() || self.dropped.is_empty() {
            return None;
        }
        if !self.found_list {
            let reason = &self.dropped[0].1;
            return Some(if reason == EMPTY_ANSWER {
                reason.clone()
            } else {
                NO_LIST.to_string()
            });
        }
        Some(format!(
            "none of the {} findings in the answer could be read (first problem: {})",
            self.dropped.len(),
            self.dropped[0].1
        ))
    }
}

const EMPTY_ANSWER: &str = "the answer was empty";
const NO_LIST: &str = "the answer held no JSON findings list";

const RAW_LIMIT: usize = 600;

/// At most `RAW_LIMIT` bytes of `s`, cut at a character boundary.
pub fn excerpt(s: &str) -> String {
    let s = s.trim();
    if s.len() <= RAW_LIMIT {
        return s.to_string();
    }
    let mut end = RAW_LIMIT;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Parses an answer. An answer without any usable JSON yields no findings and one dropped entry saying so.
pub fn parse_answer(text: &str) -> ParsedAnswer {
    let parsed: Vec<Value> = candidates(text)
        .iter()
        .filter_map(|c| serde_json::from_str(c).ok())
        .collect();
    if let Some(items) = parsed.iter().find_map(|v| findings_of(v, false)) {
        return convert_items(items);
    }
    // No complete JSON document: salvage the findings that are complete inside a broken one.
    if let Some(parsed) = salvage(text) {
        return parsed;
    }
    // Last resort: a lone finding object without the wrapper.
    if let Some(items) = parsed.iter().find_map(|v| findings_of(v, true)) {
        return convert_items(items);
    }
    let reason = if text.trim().is_empty() {
        EMPTY_ANSWER
    } else {
        NO_LIST
    };
    ParsedAnswer {
        findings: Vec::new(),
        dropped: vec![(excerpt(text), reason.to_string())],
        found_list: false,
    }
}

/// The raw finding objects of an answer, if it holds a complete `findings` document.
pub fn extract_findings_array(text: &str) -> Option<Vec<Value>> {
    candidates(text)
        .iter()
        .filter_map(|c| serde_json::from_str::<Value>(c).ok())
        .find_map(|v| findings_of(&v, false))
}

/// Texts that may be the JSON document, most likely first: the whole answer, fenced blocks, then balanced
/// `{...}` / `[...]` spans found in the prose.
fn candidates(text: &str) -> Vec<String> {
    let mut out = vec![text.trim().to_string()];
    let mut rest = text;
    while let Some(open) = rest.find("```") {
        let after = &rest[open + 3..];
        let body_start = after.find('\n').map(|i| i + 1).unwrap_or(0);
        let body = &after[body_start..];
        match body.find("```") {
            Some(close) => {
                out.push(body[..close].trim().to_string());
                rest = &body[close + 3..];
            }
            None => {
                out.push(body.trim().to_string());
                break;
            }
        }
    }
    for (i, c) in text.char_indices() {
        if (c == '{' || c == '[')
            && let Some(end) = matching_close(&text[i..])
        {
            out.push(text[i..i + end].to_string());
        }
        if out.len() > 64 {
            break;
        }
    }
    out
}

/// Byte length of the balanced JSON value starting at the first character of `s` (`{` or `[`), respecting
/// strings; None when it never closes.
fn matching_close(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The list of findings in a parsed document: `{"findings": [...]}`, a bare array, or one finding object.
fn findings_of(value: &Value, allow_single: bool) -> Option<Vec<Value>> {
    match value {
        Value::Object(map) => match map.get("findings") {
            Some(Value::Array(items)) => Some(items.clone()),
            Some(Value::Null) => Some(Vec::new()),
            Some(one @ Value::Object(_)) => Some(vec![one.clone()]),
            Some(_) => None,
            // A lone finding without the wrapper: read it, so that what is wrong with it is reported precisely.
            None if allow_single && (map.contains_key("file") || map.contains_key("path")) => {
                Some(vec![value.clone()])
            }
            None => None,
        },
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => Some(items.clone()),
        _ => None,
    }
}

/// Reads the objects of a `"findings": [` list one by one, for answers whose JSON breaks somewhere.
fn salvage(text: &str) -> Option<ParsedAnswer> {
    let key = text.find("\"findings\"")?;
    let open = key + text[key..].find('[')?;
    let mut parsed = ParsedAnswer {
        found_list: true,
        ..Default::default()
    };
    let mut rest = &text[open + 1..];
    let mut items = Vec::new();
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if trimmed.is_empty() || trimmed.starts_with(']') {
            break;
        }
        if !trimmed.starts_with('{') {
            // Garbage between items: skip to the next object.
            match trimmed.find('{') {
                Some(i) => {
                    rest = &trimmed[i..];
                    continue;
                }
                None => break,
            }
        }
        match matching_close(trimmed) {
            Some(end) => {
                let raw = &trimmed[..end];
                match serde_json::from_str::<Value>(raw) {
                    Ok(v) => items.push(v),
                    Err(e) => parsed
                        .dropped
                        .push((excerpt(raw), format!("not valid JSON: {e}"))),
                }
                rest = &trimmed[end..];
            }
            None => {
                parsed.dropped.push((
                    excerpt(trimmed),
                    "incomplete: the answer ends inside this finding".into(),
                ));
                break;
            }
        }
    }
    let converted = convert_items(items);
    parsed.findings = converted.findings;
    parsed.dropped.extend(converted.dropped);
    Some(parsed)
}

fn convert_items(items: Vec<Value>) -> ParsedAnswer {
    let mut parsed = ParsedAnswer {
        found_list: true,
        ..Default::default()
    };
    for item in items {
        match convert(&item) {
            Ok(f) => parsed.findings.push(f),
            Err(reason) => parsed.dropped.push((excerpt(&item.to_string()), reason)),
        }
    }
    parsed
}

fn field<'a>(item: &'a Value, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|n| item.get(*n)).filter(|v| !v.is_null())
}

fn text_field(item: &Value, names: &[&str]) -> Option<String> {
    match field(item, names)? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Array(parts) => Some(
            parts
                .iter()
                .map(|p| p.as_str().map(str::to_string).unwrap_or_else(|| p.to_string()))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        other => Some(other.to_string()),
    }
}

/// A line number from a number, a float with no fraction, or a string such as "42" or "42-50" (first number).
fn line_number(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                    .map(|f| f as u64)
            })
            .and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => {
            let digits: String = s
                .trim()
                .trim_start_matches(['L', 'l'])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        }
        _ => None,
    }
}

fn convert(item: &Value) -> Result<RawFinding, String> {
    if !item.is_object() {
        return Err("not a JSON object".into());
    }
    let file = text_field(item, &["file", "path", "file_path", "filename"])
        .filter(|f| !f.is_empty())
        .ok_or("missing \"file\"")?;
    let start_value =
        field(item, &["start_line", "line", "start", "line_start"]).ok_or("missing \"start_line\"")?;
    let start_line = line_number(start_value)
        .ok_or_else(|| format!("\"start_line\" {start_value} is not a line number"))?;
    if start_line == 0 {
        return Err("\"start_line\" is 0 (lines are numbered from 1)".into());
    }
    let end_line = match field(item, &["end_line", "end", "line_end"]) {
        Some(v) => line_number(v).ok_or_else(|| format!("\"end_line\" {v} is not a line number"))?,
        None => start_line,
    };
    let (start_line, end_line) = if end_line < start_line {
        (start_line, start_line)
    } else {
        (start_line, end_line)
    };
    let priority_text = text_field(item, &["priority", "severity"]).ok_or("missing \"priority\"")?;
    let priority = parse_priority(&priority_text)
        .ok_or_else(|| format!("priority `{priority_text}` is not P0, P1 or P2"))?;
    let category =
        Category::from_lenient(&text_field(item, &["category", "kind", "type"]).unwrap_or_default());
    let title = text_field(item, &["title", "summary", "message", "issue"])
        .filter(|t| !t.is_empty())
        .ok_or("missing \"title\"")?;
    Ok(RawFinding {
        file,
        start_line,
        end_line,
        priority,
        category,
        title,
        why: text_field(item, &["why", "reason", "explanation", "impact"]).unwrap_or_default(),
        fix: text_field(item, &["fix", "suggestion", "recommendation"]).unwrap_or_default(),
        quote: text_field(item, &["quote", "code", "snippet"]).filter(|q| !q.is_empty()),
    })
}

fn parse_priority(s: &str) -> Option<Priority> {
    if let Ok(p) = s.trim().parse::<Priority>() {
        return Some(p);
    }
    // "🔴 P0", "P1 (important)", "priority: P2"
    let upper = s.to_ascii_uppercase();
    ["P0", "P1", "P2"]
        .iter()
        .find(|p| upper.contains(*p))
        .and_then(|p| p.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"findings": [{"file": "a.go", "start_line": 3, "end_line": 5, "priority": "P1", "category": "concurrency", "title": "t", "why": "w", "fix": "f"}]}"#;

    #[test]
    fn plain_fenced_and_prose_answers_parse_alike() {
        let plain = parse_answer(ONE);
        assert_eq!(plain.findings.len(), 1);
        assert_eq!(plain.findings[0].priority, Priority::P1);
        let fenced = parse_answer(&format!("Here you go:\n```json\n{ONE}\n```\nHope this helps."));
        assert_eq!(fenced, plain);
        let prose = parse_answer(&format!(
            "I found one problem. {ONE} Let me know {{if}} you need more."
        ));
        assert_eq!(prose, plain);
    }

    #[test]
    fn invalid_findings_are_dropped_with_reasons_and_valid_ones_kept() {
        let text = r#"{"findings": [
            {"file": "a.go", "start_line": "7", "priority": "high", "category": "weird", "title": "kept"},
            {"file": "a.go", "priority": "P1", "title": "no line"},
            {"file": "a.go", "start_line": 2, "priority": "urgent-ish", "title": "bad priority"},
            "just a string"
        ]}"#;
        let parsed = parse_answer(text);
        assert_eq!(parsed.findings.len(), 1);
        let f = &parsed.findings[0];
        assert_eq!((f.start_line, f.end_line, f.category), (7, 7, Category::Other));
        let reasons: Vec<&str> = parsed.dropped.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(reasons[0].contains("start_line"));
        assert!(reasons[1].contains("urgent-ish"));
        assert!(reasons[2].contains("not a JSON object"));
    }

    #[test]
    fn broken_json_keeps_the_complete_findings() {
        let text = r#"{"findings": [{"file": "a.go", "start_line": 1, "priority": "P2", "title": "ok"}, {"file": "a.go", "start_line": 2, priority: P1}, {"file": "a.go", "start_line": 9, "titl"#;
        let parsed = parse_answer(text);
        assert_eq!(parsed.findings.len(), 1);
        assert_eq!(parsed.dropped.len(), 2);
        assert!(parsed.dropped[0].1.starts_with("not valid JSON"));
        assert!(parsed.dropped[1].1.contains("incomplete"));
    }

    #[test]
    fn a_lone_finding_without_the_wrapper_is_read() {
        let kept = parse_answer(r#"{"file": "a.go", "start_line": 4, "priority": "P2", "title": "t"}"#);
        assert_eq!(kept.findings.len(), 1);
        let dropped =
            parse_answer(r#"Answer: {"file": "a.go", "start_line": 40, "category": "concurrency"}"#);
        assert_eq!(dropped.dropped.len(), 1);
        assert!(dropped.dropped[0].1.contains("priority"), "{:?}", dropped.dropped);
    }

    #[test]
    fn no_json_at_all_is_reported_not_fatal() {
        let parsed = parse_answer("The code looks fine to me!");
        assert!(parsed.findings.is_empty());
        assert_eq!(parsed.dropped.len(), 1);
        assert!(parsed.dropped[0].1.contains("no JSON"));
        assert!(parse_answer(r#"{"findings": []}"#).dropped.is_empty());
    }

    #[test]
    fn only_a_findings_list_with_something_readable_or_nothing_in_it_counts_as_a_review() {
        assert_eq!(
            parse_answer("The code looks fine to me!").problem().as_deref(),
            Some("the answer held no JSON findings list")
        );
        assert_eq!(
            parse_answer("  \n").problem().as_deref(),
            Some("the answer was empty")
        );
        let all_bad = parse_answer(r#"{"findings": [{"file": "a.go"}, {"title": "x"}]}"#);
        let problem = all_bad.problem().unwrap();
        assert!(
            problem.starts_with("none of the 2 findings in the answer could be read")
                && problem.contains("start_line"),
            "{problem}"
        );
        assert_eq!(parse_answer(r#"{"findings": []}"#).problem(), None);
        assert_eq!(parse_answer(ONE).problem(), None);
        let some_bad = parse_answer(
            r#"{"findings": [{"file": "a.go", "start_line": 1, "priority": "P2", "title": "ok"}, {"file": "a.go"}]}"#,
        );
        assert_eq!(some_bad.problem(), None, "one readable finding is a review");
    }
}
