//! Surgical edits to JSON files: locate a value by its key path and replace it, or insert a new member into an
//! object (or element into an array), leaving every other byte (indentation, key order, spacing) as it was.
//!
//! `serde_json` validates and reads the files; this small scanner only records where each value sits.

use serde::Serialize;

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub(crate) enum Kind {
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
    Scalar,
}

struct Scanner<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        self.i += 1;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return serde_json::from_str(&self.s[start..self.i]).ok();
                }
                _ => self.i += 1,
            }
        }
        None
    }
    fn value(&mut self) -> Option<Node> {
        self.ws();
        let start = self.i;
        let kind = match *self.b.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut members = Vec::new();
                loop {
                    self.ws();
                    match *self.b.get(self.i)? {
                        b'}' => break,
                        b',' => self.i += 1,
                        b'"' => {
                            let key = self.string()?;
                            self.ws();
                            (self.b.get(self.i) == Some(&b':')).then_some(())?;
                            self.i += 1;
                            members.push((key, self.value()?));
                        }
                        _ => return None,
                    }
                }
                self.i += 1;
                Kind::Object(members)
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    match *self.b.get(self.i)? {
                        b']' => break,
                        b',' => self.i += 1,
                        _ => items.push(self.value()?),
                    }
                }
                self.i += 1;
                Kind::Array(items)
            }
            b'"' => {
                self.string()?;
                Kind::Scalar
            }
            _ => {
                while self.i < self.b.len()
                    && !matches!(self.b[self.i], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
                {
                    self.i += 1;
                }
                Kind::Scalar
            }
        };
        Some(Node {
            start,
            end: self.i,
            kind,
        })
    }
}

/// Locate every value in `text`. The caller has already validated the text with serde_json.
pub(crate) fn scan(text: &str) -> Option<Node> {
    Scanner {
        b: text.as_bytes(),
        s: text,
        i: 0,
    }
    .value()
}

impl Node {
    /// The last element of an array, or the last member of an object (with its key), in file order.
    pub fn last_item(&self) -> Option<(Option<&str>, &Node)> {
        match &self.kind {
            Kind::Array(items) => items.last().map(|n| (None, n)),
            Kind::Object(members) => members.last().map(|(k, n)| (Some(k.as_str()), n)),
            Kind::Scalar => None,
        }
    }

    /// An object's keys in file order.
    pub fn keys(&self) -> Option<Vec<String>> {
        match &self.kind {
            Kind::Object(members) => Some(members.iter().map(|(k, _)| k.clone()).collect()),
            _ => None,
        }
    }

    pub fn get(&self, path: &[&str]) -> Option<&Node> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self);
        };
        match &self.kind {
            Kind::Object(m) => m.iter().find(|(k, _)| k == first)?.1.get(rest),
            _ => None,
        }
    }
}

/// The indentation unit of the file (the leading whitespace of the first indented line), two spaces by default.
fn indent_unit(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .find(|l| l.starts_with([' ', '\t']))
        .map(|l| l[..l.len() - l.trim_start().len()].to_string())
        .unwrap_or_else(|| "  ".to_string())
}

/// Leading whitespace of the line that contains byte `pos`.
fn line_indent(text: &str, pos: usize) -> &str {
    let line_start = text[..pos].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = &text[line_start..];
    &line[..line.len() - line.trim_start().len()]
}

/// serde_json's formatter with a space after `:` and `,`: `{"a": 1, "b": 2}`, the style of one-line entries
/// people write by hand.
struct OneLine;

impl serde_json::ser::Formatter for OneLine {
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }
}

/// Pretty-print `value` with the file's indentation unit, continuation lines indented by `base`. An empty
/// `unit` means "on one line", matching siblings written that way.
fn render(value: &impl Serialize, unit: &str, base: &str, eol: &str) -> String {
    if unit.is_empty() {
        let mut buf = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, OneLine);
        value
            .serialize(&mut ser)
            .expect("serialising plain data cannot fail");
        return String::from_utf8(buf).expect("serde_json writes UTF-8");
    }
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(unit.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    value
        .serialize(&mut ser)
        .expect("serialising plain data cannot fail");
    let s = String::from_utf8(buf).expect("serde_json writes UTF-8");
    s.split('\n').collect::<Vec<_>>().join(&format!("{eol}{base}"))
}

/// Replace the value at `path` by `value` (rendered compactly when it is a scalar).
pub(crate) fn replace(text: &str, root: &Node, path: &[&str], value: &impl Serialize) -> Option<String> {
    let node = root.get(path)?;
    let eol = crate::text::dominant_eol(text);
    let base = line_indent(text, node.start).to_string();
    let rendered = render(value, &indent_unit(text), &base, eol);
    Some(format!(
        "{}{}{}",
        &text[..node.start],
        rendered,
        &text[node.end..]
    ))
}

/// Insert `key: value` as the last member of the object at `path`; the object must exist.
pub(crate) fn insert_member(
    text: &str,
    root: &Node,
    path: &[&str],
    key: &str,
    value: &impl Serialize,
) -> Option<String> {
    let obj = root.get(path)?;
    let Kind::Object(members) = &obj.kind else {
        return None;
    };
    let key_json = serde_json::to_string(key).ok()?;
    insert_item(
        text,
        obj,
        members.iter().map(|(_, n)| n).collect(),
        |unit, base, eol| format!("{key_json}: {}", render(value, unit, base, eol)),
    )
}

/// Append `value` to the array at `path`; the array must exist.
pub(crate) fn push_element(text: &str, root: &Node, path: &[&str], value: &impl Serialize) -> Option<String> {
    let arr = root.get(path)?;
    let Kind::Array(items) = &arr.kind else {
        return None;
    };
    insert_item(text, arr, items.iter().collect(), |unit, base, eol| {
        render(value, unit, base, eol)
    })
}

fn insert_item(
    text: &str,
    container: &Node,
    items: Vec<&Node>,
    item: impl Fn(&str, &str, &str) -> String,
) -> Option<String> {
    let eol = crate::text::dominant_eol(text);
    let unit = indent_unit(text);
    let multiline = text[container.start..container.end].contains('\n');
    let close = container.end - 1;
    if let Some(last) = items.last() {
        // A sibling that is an object or array written on one line: write the new item the same way.
        let unit = if matches!(last.kind, Kind::Object(_) | Kind::Array(_))
            && !text[last.start..last.end].contains('\n')
        {
            String::new()
        } else {
            unit
        };
        // Reuse the separator the existing items use (newline + indentation, or a single space).
        let first = items[0];
        let mut k = first.start;
        // For object members the node is the value; the separator sits before the key.
        let before = text[container.start + 1..k]
            .rfind([',', '{', '['])
            .map(|p| container.start + 1 + p);
        k = before.map(|p| p + 1).unwrap_or(container.start + 1);
        let sep_end = k + text[k..].len() - text[k..].trim_start().len();
        let sep = &text[k..sep_end];
        let base = sep.rsplit('\n').next().unwrap_or("").to_string();
        let rendered = item(&unit, &base, eol);
        let sep = if sep.is_empty() && !multiline { " " } else { sep };
        Some(format!(
            "{},{}{}{}",
            &text[..last.end],
            sep,
            rendered,
            &text[last.end..]
        ))
    } else {
        let outer = line_indent(text, container.start).to_string();
        let base = format!("{outer}{unit}");
        let rendered = item(&unit, &base, eol);
        Some(format!(
            "{}{eol}{base}{rendered}{eol}{outer}{}",
            &text[..container.start + 1],
            &text[close..]
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn insert_member_keeps_other_bytes_and_indentation() {
        let t = "{\n    \"agents\": {\n        \"danny\": {\n            \"x\": 1\n        }\n    }\n}\n";
        let root = scan(t).unwrap();
        let out = insert_member(t, &root, &["agents"], "turk", &json!({"a": 1})).unwrap();
        assert_eq!(
            out,
            "{\n    \"agents\": {\n        \"danny\": {\n            \"x\": 1\n        },\n        \"turk\": {\n            \"a\": 1\n        }\n    }\n}\n"
        );
        serde_json::from_str::<serde_json::Value>(&out).unwrap();
    }

    #[test]
    fn insert_into_empty_object_and_crlf() {
        let t = "{\r\n  \"agents\": {}\r\n}\r\n";
        let root = scan(t).unwrap();
        let out = insert_member(t, &root, &["agents"], "turk", &json!("x")).unwrap();
        assert_eq!(out, "{\r\n  \"agents\": {\r\n    \"turk\": \"x\"\r\n  }\r\n}\r\n");
    }

    #[test]
    fn replace_scalar_in_place() {
        let t = "{ \"a\": {\"status\": \"active\" , \"n\": 2} }";
        let root = scan(t).unwrap();
        let out = replace(t, &root, &["a", "status"], &"retired").unwrap();
        assert_eq!(out, "{ \"a\": {\"status\": \"retired\" , \"n\": 2} }");
    }

    #[test]
    fn push_to_array() {
        let t = "{\"h\": [\n  1\n]}";
        let root = scan(t).unwrap();
        assert_eq!(
            push_element(t, &root, &["h"], &2).unwrap(),
            "{\"h\": [\n  1,\n  2\n]}"
        );
        let t = "{\"h\": [1, 2]}";
        let root = scan(t).unwrap();
        assert_eq!(push_element(t, &root, &["h"], &3).unwrap(), "{\"h\": [1, 2, 3]}");
    }

    #[test]
    fn one_line_siblings_get_a_one_line_item() {
        let t = "{\"agents\": {\n  \"a\": {\"x\": 1}\n}}";
        let root = scan(t).unwrap();
        let out = insert_member(t, &root, &["agents"], "b", &json!({"x": 2, "y": [1, 2]})).unwrap();
        assert_eq!(
            out,
            "{\"agents\": {\n  \"a\": {\"x\": 1},\n  \"b\": {\"x\": 2, \"y\": [1, 2]}\n}}"
        );
    }
}
