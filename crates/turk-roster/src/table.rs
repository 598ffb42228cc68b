//! Markdown pipe tables, read leniently and written in the style the table already has.
//!
//! Reading never fails: a row with the wrong number of cells is still read (and the problem recorded). Writing a
//! new row is refused when the table is malformed, because we could not tell which column is which.

use crate::text::LineSpan;

/// One table found in a line range.
#[derive(Debug, Clone)]
pub struct Table {
    /// Index of the header line.
    pub header_line: usize,
    pub header: Vec<String>,
    /// Index of the delimiter line, if there is one.
    pub delimiter_line: Option<usize>,
    pub rows: Vec<Row>,
    /// Problems found while reading: `(line index, message)`.
    pub problems: Vec<(usize, String)>,
    style: Style,
}

/// A data row: its line index and its trimmed cells.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
    /// Where each cell's text (trimmed, still escaped) sits in the line, as byte offsets from its start.
    pub spans: Vec<std::ops::Range<usize>>,
}

impl Row {
    /// The cell at `col`, or "" for a short row.
    pub fn cell(&self, col: usize) -> &str {
        self.cells.get(col).map(String::as_str).unwrap_or("")
    }
}

#[derive(Debug, Clone)]
struct Style {
    leading_pipe: bool,
    trailing_pipe: bool,
    /// Content width of each column when every row is padded to the same width (hand-aligned tables).
    widths: Option<Vec<usize>>,
}

fn is_table_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.contains('|')
}

fn is_delimiter(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            let c = c.strip_prefix(':').unwrap_or(c);
            let c = c.strip_suffix(':').unwrap_or(c);
            !c.is_empty() && c.bytes().all(|b| b == b'-')
        })
}

/// Split a row into raw (untrimmed) cells. A pipe right after a backslash (`\|`, how a cell holds a pipe) does
/// not split, nor does one inside a backtick code span (written by hand, e.g. `` `a|b` ``); a lone backtick
/// with no partner opens no span.
fn raw_cells(line: &str) -> (Vec<&str>, bool, bool) {
    let t = line.trim();
    let mut bounds = Vec::new();
    let mut in_code = false;
    let mut prev_backslash = false;
    for (i, ch) in t.char_indices() {
        match ch {
            '`' if in_code || t[i + 1..].contains('`') => in_code = !in_code,
            '|' if !in_code && !prev_backslash => bounds.push(i),
            _ => {}
        }
        prev_backslash = ch == '\\';
    }
    let leading = bounds.first() == Some(&0);
    let trailing = bounds.last().is_some_and(|&b| b + 1 == t.len()) && t.len() > 1;
    let mut cuts = vec![if leading { 1 } else { 0 }];
    let inner: Vec<usize> = bounds
        .iter()
        .copied()
        .filter(|&b| b != 0 && !(trailing && b + 1 == t.len()))
        .collect();
    let mut out = Vec::new();
    for b in inner {
        out.push(&t[*cuts.last().unwrap()..b]);
        cuts.push(b + 1);
    }
    let end = if trailing { t.len() - 1 } else { t.len() };
    out.push(&t[*cuts.last().unwrap()..end]);
    (out, leading, trailing)
}

/// A cell's text as written into a table: `|` escaped as `\|`, so it cannot end the cell.
pub fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// A cell's text as read: trimmed, `\|` back to `|`.
fn cell_text(raw: &str) -> String {
    raw.trim().replace("\\|", "|")
}

/// Display width used to detect and reproduce column padding: emoji count as two columns, variation selectors
/// and zero-width joiners as none (what editors that align tables do).
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0xFE00..=0xFE0F | 0x200D => 0,
            0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF => 2,
            _ => 1,
        })
        .sum()
}

/// Find the first table among lines `range`.
pub fn find_table(text: &str, spans: &[LineSpan], range: std::ops::Range<usize>) -> Option<Table> {
    let line = |i: usize| &text[spans[i].start..spans[i].end];
    let mut i = range.start;
    let mut in_fence = false;
    while i < range.end {
        let l = line(i).trim_start();
        if l.starts_with("```") || l.starts_with("~~~") {
            in_fence = !in_fence;
        } else if !in_fence
            && is_table_line(l)
            && (l.starts_with('|') || next_is_delimiter(text, spans, i, &range))
        {
            break;
        }
        i += 1;
    }
    if i >= range.end {
        return None;
    }
    let header_line = i;
    let (hcells, leading_pipe, trailing_pipe) = raw_cells(line(i));
    let header: Vec<String> = hcells.iter().map(|c| cell_text(c)).collect();
    let mut raw_rows = vec![hcells.iter().map(|c| display_width(c)).collect::<Vec<_>>()];
    let mut problems = Vec::new();
    let mut delimiter_line = None;
    let mut rows = Vec::new();
    let mut j = i + 1;
    while j < range.end && is_table_line(line(j)) {
        let (cells, _, _) = raw_cells(line(j));
        let trimmed: Vec<String> = cells.iter().map(|c| cell_text(c)).collect();
        if j == i + 1 && is_delimiter(&trimmed) {
            delimiter_line = Some(j);
        } else {
            if trimmed.len() != header.len() {
                problems.push((
                    j,
                    format!(
                        "table row has {} cells but the header has {}",
                        trimmed.len(),
                        header.len()
                    ),
                ));
            }
            let line_start = line(j).as_ptr() as usize;
            let spans = cells
                .iter()
                .map(|c| {
                    let start = c.as_ptr() as usize - line_start + (c.len() - c.trim_start().len());
                    start..start + c.trim().len()
                })
                .collect();
            rows.push(Row {
                line: j,
                cells: trimmed,
                spans,
            });
        }
        raw_rows.push(cells.iter().map(|c| display_width(c)).collect());
        j += 1;
    }
    if delimiter_line.is_none() {
        problems.push((
            header_line,
            "table header is not followed by a |---| delimiter row".to_string(),
        ));
    }
    let aligned =
        !rows.is_empty() && raw_rows.windows(2).all(|w| w[0] == w[1]) && raw_rows[0].iter().all(|&w| w >= 2);
    let widths = aligned.then(|| raw_rows[0].iter().map(|w| w - 2).collect());
    Some(Table {
        header_line,
        header,
        delimiter_line,
        rows,
        problems,
        style: Style {
            leading_pipe,
            trailing_pipe,
            widths,
        },
    })
}

fn next_is_delimiter(text: &str, spans: &[LineSpan], i: usize, range: &std::ops::Range<usize>) -> bool {
    if i + 1 >= range.end {
        return false;
    }
    let (cells, _, _) = raw_cells(&text[spans[i + 1].start..spans[i + 1].end]);
    is_delimiter(&cells.iter().map(|c| c.trim().to_string()).collect::<Vec<_>>())
}

/// Every table among lines `range`, in order.
pub fn find_tables(text: &str, spans: &[LineSpan], range: std::ops::Range<usize>) -> Vec<Table> {
    let mut out = Vec::new();
    let mut from = range.start;
    while from < range.end {
        let Some(t) = find_table(text, spans, from..range.end) else {
            break;
        };
        from = t.last_line() + 1;
        out.push(t);
    }
    out
}

impl Table {
    /// Whether the table is hand-aligned (every row padded to the same column widths).
    pub fn is_aligned(&self) -> bool {
        self.style.widths.is_some()
    }

    /// The values of a new row in this table's own columns: each header gets the value of the first
    /// `(needles, value)` whose needle it contains, other columns stay empty. When no header is recognised the
    /// values go in by position.
    pub fn row_values<'v>(&self, wanted: &[(&[&str], &'v str)]) -> Vec<&'v str> {
        let by_name: Vec<Option<&str>> = self
            .header
            .iter()
            .map(|h| {
                let h = h.to_lowercase();
                wanted
                    .iter()
                    .find(|(needles, _)| needles.iter().any(|n| h.contains(n)))
                    .map(|(_, v)| *v)
            })
            .collect();
        if by_name.iter().all(Option::is_none) {
            return (0..self.header.len())
                .map(|k| wanted.get(k).map_or("", |(_, v)| *v))
                .collect();
        }
        by_name.into_iter().map(|v| v.unwrap_or("")).collect()
    }

    /// Column index whose header contains `needle` (case-insensitive).
    pub fn column(&self, needle: &str) -> Option<usize> {
        let needle = needle.to_lowercase();
        self.header
            .iter()
            .position(|h| h.to_lowercase().contains(&needle))
    }

    /// Index of the last line that belongs to the table.
    pub fn last_line(&self) -> usize {
        self.rows
            .last()
            .map(|r| r.line)
            .or(self.delimiter_line)
            .unwrap_or(self.header_line)
    }

    /// The first problem, for refusing to write into a malformed table.
    pub fn first_problem(&self) -> Option<&(usize, String)> {
        self.problems.first()
    }

    /// Render a new row in this table's style (pipes, and padding when the table is hand-aligned). Pipes in
    /// the cells are escaped.
    pub fn render_row(&self, cells: &[&str]) -> String {
        let mut out = String::new();
        if self.style.leading_pipe {
            out.push('|');
        }
        for (k, cell) in cells.iter().enumerate() {
            let cell = &escape_cell(cell);
            if k > 0 {
                out.push('|');
            }
            out.push(' ');
            out.push_str(cell);
            let pad = self
                .style
                .widths
                .as_ref()
                .and_then(|w| w.get(k))
                .map(|w| w.saturating_sub(display_width(cell)))
                .unwrap_or(0);
            out.extend(std::iter::repeat_n(' ', pad));
            if k + 1 < cells.len() || self.style.trailing_pipe {
                out.push(' ');
            }
        }
        if self.style.trailing_pipe {
            out.push('|');
        }
        out
    }
}

/// Strip the decoration a cell may carry around a name: backticks, `**bold**`, a trailing 👤/🤖 marker.
pub fn plain(cell: &str) -> String {
    let c = cell.trim().trim_matches('`').trim_matches('*').trim();
    let c = c.trim_end_matches(['👤', '🤖', '\u{fe0f}']).trim();
    c.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    fn table(t: &str) -> Table {
        let s = lines(t);
        find_table(t, &s, 0..s.len()).unwrap()
    }

    #[test]
    fn reads_cells_with_code_pipes() {
        let t = table("| Label | Who |\n|---|---|\n| `a|b` | X |\n");
        assert_eq!(t.rows[0].cells, ["`a|b`", "X"]);
        assert!(t.problems.is_empty());
    }

    #[test]
    fn compact_tables_get_compact_rows() {
        let t = table("| Name | Role |\n|------|------|\n| Danny | Lead |\n");
        assert_eq!(t.render_row(&["Turk", "Perf"]), "| Turk | Perf |");
    }

    #[test]
    fn aligned_tables_get_padded_rows() {
        let t = table("| Name  | Role |\n|-------|------|\n| Danny | Lead |\n");
        assert_eq!(t.render_row(&["Tu", "P"]), "| Tu    | P    |");
    }

    #[test]
    fn missing_delimiter_and_short_rows_are_problems() {
        let t = table("| Name | Role |\n| Danny |\n");
        assert_eq!(t.problems.len(), 2);
    }

    #[test]
    fn escaped_pipes_round_trip() {
        let t = table("| Name | Role |\n|---|---|\n| Danny | Lead |\n");
        for role in ["Backend | Infra", "a\\|b", "trailing \\", "`x", "`a | b`", "||"] {
            let row = t.render_row(&["Saul", role]);
            let back = table(&format!("| Name | Role |\n|---|---|\n{row}\n"));
            assert_eq!(back.problems, [], "{role:?} gave {row:?}");
            assert_eq!(back.rows[0].cells, ["Saul", role], "{row:?}");
        }
    }

    #[test]
    fn a_lone_backtick_does_not_swallow_the_row() {
        let t = table("| Name | Role |\n|---|---|\n| Saul | `x | y |\n");
        assert_eq!(
            t.problems.len(),
            1,
            "three cells, as a Markdown renderer sees them"
        );
    }

    #[test]
    fn plain_strips_markers() {
        assert_eq!(plain("`squad:turk`"), "squad:turk");
        assert_eq!(plain("Brady 👤"), "Brady");
    }
}
