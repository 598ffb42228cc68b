//! Line-exact text handling. Every edit this crate makes is a byte-range replacement computed from these line
//! spans, so whatever we do not touch (line endings, padding, emoji, unknown sections, trailing text) survives
//! byte for byte.

/// One line of a file: `start..end` is the content, `end..next` the line ending (empty on a last line without
/// a newline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpan {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

/// Split `text` into lines, keeping the exact positions of each ending (`\n` or `\r\n`).
pub fn lines(text: &str) -> Vec<LineSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let nl = bytes[start..].iter().position(|&b| b == b'\n').map(|i| start + i);
        match nl {
            Some(nl) => {
                let end = if nl > start && bytes[nl - 1] == b'\r' {
                    nl - 1
                } else {
                    nl
                };
                out.push(LineSpan {
                    start,
                    end,
                    next: nl + 1,
                });
                start = nl + 1;
            }
            None => {
                out.push(LineSpan {
                    start,
                    end: bytes.len(),
                    next: bytes.len(),
                });
                start = bytes.len();
            }
        }
    }
    out
}

/// The line ending to use for new lines: the one the file already uses most (CRLF files stay CRLF).
pub fn dominant_eol(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    if crlf > lf { "\r\n" } else { "\n" }
}

/// A pending replacement of `range` by `with`.
#[derive(Debug, Clone)]
pub struct Splice {
    pub start: usize,
    pub end: usize,
    pub with: String,
}

/// Apply non-overlapping splices. Splices at the same position keep their given order.
pub fn apply_splices(text: &str, mut splices: Vec<Splice>) -> String {
    splices.sort_by_key(|s| (s.start, s.end));
    let mut out = String::with_capacity(text.len() + 256);
    let mut pos = 0;
    for s in splices {
        debug_assert!(s.start >= pos, "overlapping splices");
        out.push_str(&text[pos..s.start]);
        out.push_str(&s.with);
        pos = s.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// A splice that inserts `new_line` after line `after` (a new line of its own, with the file's line ending). When
/// `after` is the last line and has no ending, the ending goes in front instead, so the old last line is untouched.
pub fn insert_line_after(after: LineSpan, new_line: &str, eol: &str) -> Splice {
    if after.next == after.end {
        Splice {
            start: after.end,
            end: after.end,
            with: format!("{eol}{new_line}"),
        }
    } else {
        Splice {
            start: after.next,
            end: after.next,
            with: format!("{new_line}{eol}"),
        }
    }
}

/// A splice that inserts `new_line` before line `before`.
pub fn insert_line_before(before: LineSpan, new_line: &str, eol: &str) -> Splice {
    Splice {
        start: before.start,
        end: before.start,
        with: format!("{new_line}{eol}"),
    }
}

/// A splice that removes a whole line, ending included.
pub fn remove_line(line: LineSpan) -> Splice {
    Splice {
        start: line.start,
        end: line.next,
        with: String::new(),
    }
}

/// Headings outside fenced code blocks: `(line index, level, title)`.
pub fn headings(text: &str, spans: &[LineSpan]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for (i, l) in spans.iter().enumerate() {
        let line = text[l.start..l.end].trim_start_matches('\u{feff}');
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || line.starts_with("    ") {
            continue;
        }
        let level = trimmed.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&level) && trimmed[level..].starts_with([' ', '\t']) {
            let title = trimmed[level..].trim().trim_end_matches('#').trim().to_string();
            out.push((i, level, title));
        }
    }
    out
}

/// A section: a heading and the lines up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub level: usize,
    /// Index of the heading line.
    pub heading: usize,
    /// One past the last line of the section.
    pub end: usize,
}

/// All sections of a document, in order.
pub fn sections(text: &str, spans: &[LineSpan]) -> Vec<Section> {
    let hs = headings(text, spans);
    hs.iter()
        .enumerate()
        .map(|(k, (line, level, title))| {
            let end = hs[k + 1..]
                .iter()
                .find(|(_, l, _)| l <= level)
                .map(|(i, _, _)| *i)
                .unwrap_or(spans.len());
            Section {
                title: title.clone(),
                level: *level,
                heading: *line,
                end,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_crlf_and_missing_final_newline() {
        let t = "a\r\nb\nc";
        let l = lines(t);
        assert_eq!(l.len(), 3);
        assert_eq!(&t[l[0].start..l[0].end], "a");
        assert_eq!(&t[l[0].end..l[0].next], "\r\n");
        assert_eq!(&t[l[2].start..l[2].end], "c");
        assert_eq!(l[2].end, l[2].next);
    }

    #[test]
    fn insert_after_last_line_without_newline_keeps_old_bytes() {
        let t = "| a |";
        let l = lines(t);
        let out = apply_splices(t, vec![insert_line_after(l[0], "| b |", "\n")]);
        assert_eq!(out, "| a |\n| b |");
    }

    #[test]
    fn headings_inside_fences_are_ignored() {
        let t = "# T\n```\n## Not\n```\n## Yes\n";
        let hs = headings(t, &lines(t));
        assert_eq!(hs.iter().map(|h| h.2.as_str()).collect::<Vec<_>>(), ["T", "Yes"]);
    }

    #[test]
    fn dominant_eol_detects_crlf() {
        assert_eq!(dominant_eol("a\r\nb\r\nc\n"), "\r\n");
        assert_eq!(dominant_eol("a\nb"), "\n");
    }
}
