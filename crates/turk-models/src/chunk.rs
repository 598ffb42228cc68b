//! Splitting the scope into requests that fit a token budget.
//!
//! Small files travel whole, several to a request. A file too big for one request is cut at top-level
//! declaration boundaries (a function with its doc comment stays together), and each piece carries the file's
//! package clause and imports as context. Only a single declaration larger than the whole budget is cut inside,
//! and then at line boundaries: a line is never split.

use crate::tokens;
use serde::{Deserialize, Serialize};

/// A range of one file sent in a request. Lines are 1-based and inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkPart {
    pub path: String,
    /// The lines under review.
    pub start_line: u32,
    pub end_line: u32,
    /// Lines `1..=context_end` (package clause and imports) are shown for context when the part does not start
    /// at line 1; 0 when there is no such context.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub context_end: u32,
    /// Lines in the whole file.
    #[serde(default)]
    pub file_lines: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl ChunkPart {
    /// Whether lines `start..=end` of the part's file overlap the lines under review.
    pub(crate) fn overlaps(&self, start: u32, end: u32) -> bool {
        start <= self.end_line && end >= self.start_line
    }

    /// The whole of the file `path`, however long: the part whose notes cost the most, for the chunk budget.
    pub(crate) fn whole_file(path: &str) -> ChunkPart {
        ChunkPart {
            path: path.to_string(),
            start_line: 1,
            end_line: u32::MAX,
            context_end: 0,
            file_lines: 0,
        }
    }

    /// Whether the part shows `line` (reviewed or context).
    pub fn shows(&self, line: u32) -> bool {
        (self.start_line..=self.end_line).contains(&line) || (line >= 1 && line <= self.context_end)
    }
}

/// The files (or pieces of files) of one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    pub parts: Vec<ChunkPart>,
}

/// How a line is rendered in the prompt; the token cost is counted on exactly this text.
pub fn numbered_line(number: u32, line: &str) -> String {
    marked_line(number, line, false)
}

/// A line as [`numbered_line`] renders it, with `+` instead of `|` when it was added or changed in the change
/// under review: the same width, so a review without a change renders exactly as before.
pub fn marked_line(number: u32, line: &str, changed: bool) -> String {
    let separator = if changed { '+' } else { '|' };
    format!("{number:>5} {separator} {line}\n")
}

/// Tokens each file block costs beyond its lines (fence, header).
const PART_OVERHEAD: usize = 40;

/// Where declarations start in a Go file.
#[derive(Debug, Clone)]
pub struct Outline {
    /// Last line of the package clause and import block (0 when there is none).
    pub header_end: u32,
    /// First lines of the top-level declarations after the header, including their leading doc comments.
    pub starts: Vec<u32>,
}

/// Finds the header and the top-level declaration starts of Go source. A lexical scan is enough here: top-level
/// declarations start at column 0 in gofmt'ed code, and a wrong guess only moves a cut, it never loses a line.
pub fn outline(text: &str) -> Outline {
    let lines: Vec<&str> = text.lines().collect();
    let mut header_end = 0u32;
    let mut in_import_block = false;
    let mut starts = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let n = i as u32 + 1;
        if in_import_block {
            if line.trim_start().starts_with(')') {
                in_import_block = false;
                header_end = n;
            }
            continue;
        }
        if line.starts_with("package ") {
            header_end = n;
        } else if line.starts_with("import") {
            if line.contains('(') && !line.contains(')') {
                in_import_block = true;
            }
            header_end = n;
        } else if is_decl_start(line) && n > header_end {
            // Pull a directly preceding comment block into the declaration.
            let mut start = n;
            while start > header_end + 1 {
                let prev = lines[start as usize - 2];
                if prev.starts_with("//")
                    || prev.starts_with("/*")
                    || prev.starts_with(" *")
                    || prev.starts_with("*/")
                {
                    start -= 1;
                } else {
                    break;
                }
            }
            starts.push(start);
        }
    }
    Outline { header_end, starts }
}

fn is_decl_start(line: &str) -> bool {
    [
        "func ", "func(", "type ", "var ", "const ", "var(", "const(", "type(",
    ]
    .iter()
    .any(|p| line.starts_with(p))
}

/// Token cost of lines `start..=end` of `lines` (1-based), rendered as in the prompt.
fn lines_cost(line_costs: &[usize], start: u32, end: u32) -> usize {
    line_costs[start as usize - 1..end as usize].iter().sum()
}

/// A piece of work before packing: one part and its token cost.
struct Piece {
    part: ChunkPart,
    cost: usize,
}

/// Splits `files` (path, text, extra token cost of the file's hints) into chunks whose code costs at most
/// `budget` tokens each. Empty files are skipped.
pub fn plan_chunks(files: &[(&str, &str, usize)], budget: usize) -> Vec<Chunk> {
    let mut pieces = Vec::new();
    for (path, text, hint_cost) in files {
        pieces.extend(split_file(
            path,
            text,
            budget.saturating_sub(*hint_cost).max(budget / 4),
        ));
    }
    let mut chunks = Vec::new();
    let mut current: Vec<ChunkPart> = Vec::new();
    let mut used = 0usize;
    for piece in pieces {
        if !current.is_empty() && used + piece.cost > budget {
            chunks.push(Chunk {
                parts: std::mem::take(&mut current),
            });
            used = 0;
        }
        used += piece.cost;
        current.push(piece.part);
    }
    if !current.is_empty() {
        chunks.push(Chunk { parts: current });
    }
    chunks
}

fn split_file(path: &str, text: &str, budget: usize) -> Vec<Piece> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return Vec::new();
    }
    let total = lines.len() as u32;
    let line_costs: Vec<usize> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| tokens::count(&numbered_line(i as u32 + 1, l)))
        .collect();
    let whole = lines_cost(&line_costs, 1, total) + PART_OVERHEAD;
    if whole <= budget {
        let part = ChunkPart {
            path: path.to_string(),
            start_line: 1,
            end_line: total,
            context_end: 0,
            file_lines: total,
        };
        return vec![Piece { part, cost: whole }];
    }
    let outline = outline(text);
    // The header travels with every piece, unless it alone would eat half the budget.
    let mut context_end = outline.header_end.min(total);
    let mut header_cost = if context_end > 0 {
        lines_cost(&line_costs, 1, context_end)
    } else {
        0
    };
    if header_cost > budget / 2 {
        context_end = 0;
        header_cost = 0;
    }
    let room = budget.saturating_sub(header_cost + PART_OVERHEAD).max(1);

    // Declarations as (start, end) line ranges covering the whole file; the header is reviewed with the first.
    let body_start = 1;
    let mut bounds: Vec<u32> = std::iter::once(body_start)
        .chain(
            outline
                .starts
                .iter()
                .copied()
                .filter(|s| *s > body_start && *s <= total),
        )
        .collect();
    bounds.dedup();
    let decls: Vec<(u32, u32)> = bounds
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, bounds.get(i + 1).map(|n| n - 1).unwrap_or(total)))
        .filter(|(s, e)| s <= e)
        .collect();

    let mut pieces = Vec::new();
    let mut push = |start: u32, end: u32, cost: usize| {
        let ctx = if start > 1 { context_end.min(start - 1) } else { 0 };
        let part = ChunkPart {
            path: path.to_string(),
            start_line: start,
            end_line: end,
            context_end: ctx,
            file_lines: total,
        };
        pieces.push(Piece {
            part,
            cost: cost + header_cost + PART_OVERHEAD,
        });
    };
    let mut run: Option<(u32, u32, usize)> = None; // declarations packed so far: start, end, cost
    for (s, e) in decls {
        let cost = lines_cost(&line_costs, s, e);
        if cost > room {
            if let Some((rs, re, rc)) = run.take() {
                push(rs, re, rc);
            }
            // One declaration bigger than the budget: cut between lines, never inside one.
            let mut start = s;
            let mut acc = 0usize;
            for n in s..=e {
                let c = line_costs[n as usize - 1];
                if acc > 0 && acc + c > room {
                    push(start, n - 1, acc);
                    start = n;
                    acc = 0;
                }
                acc += c;
            }
            push(start, e, acc);
            continue;
        }
        run = match run {
            Some((rs, re, rc)) if rc + cost <= room => Some((rs, e.max(re), rc + cost)),
            Some((rs, re, rc)) => {
                push(rs, re, rc);
                Some((s, e, cost))
            }
            None => Some((s, e, cost)),
        };
    }
    if let Some((rs, re, rc)) = run {
        push(rs, re, rc);
    }
    pieces
}

/// Splits a chunk in two for a retry after a truncated answer: by parts when there are several, else at the
/// declaration boundary nearest the middle of the one part, else at the middle line. None when the chunk is a
/// single line.
pub fn split_chunk(chunk: &Chunk, text_of: impl Fn(&str) -> Option<String>) -> Option<(Chunk, Chunk)> {
    if chunk.parts.len() > 1 {
        let mid = chunk.parts.len() / 2;
        return Some((
            Chunk {
                parts: chunk.parts[..mid].to_vec(),
            },
            Chunk {
                parts: chunk.parts[mid..].to_vec(),
            },
        ));
    }
    let part = chunk.parts.first()?;
    if part.end_line <= part.start_line {
        return None;
    }
    let middle = part.start_line + (part.end_line - part.start_line) / 2;
    let text = text_of(&part.path).unwrap_or_default();
    let outline = outline(&text);
    let cut = outline
        .starts
        .iter()
        .copied()
        .filter(|s| *s > part.start_line && *s <= part.end_line)
        .min_by_key(|s| s.abs_diff(middle))
        .unwrap_or(middle + 1);
    let context_end = if outline.header_end > 0 {
        outline.header_end.min(cut - 1)
    } else {
        part.context_end
    };
    let first = ChunkPart {
        end_line: cut - 1,
        ..part.clone()
    };
    let second = ChunkPart {
        start_line: cut,
        context_end,
        ..part.clone()
    };
    Some((Chunk { parts: vec![first] }, Chunk { parts: vec![second] }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn go_file(funcs: usize, body_lines: usize) -> String {
        let mut s = String::from("package big\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n");
        for f in 0..funcs {
            s.push_str(&format!("\n// F{f} does work.\nfunc F{f}(mu *sync.Mutex) {{\n"));
            for b in 0..body_lines {
                s.push_str(&format!("\tfmt.Println(\"line {b} of function {f}\")\n"));
            }
            s.push_str("}\n");
        }
        s
    }

    #[test]
    fn outline_finds_imports_and_declarations_with_their_comments() {
        let text = go_file(2, 3);
        let o = outline(&text);
        assert_eq!(o.header_end, 6);
        // Blank line 7, comment on line 8, func on line 9.
        assert_eq!(o.starts[0], 8);
    }

    #[test]
    fn small_files_share_one_request() {
        let a = go_file(1, 2);
        let b = go_file(1, 2);
        let chunks = plan_chunks(&[("a.go", &a, 0), ("b.go", &b, 0)], 2_000);
        assert_eq!(chunks.len(), 1);
        assert_eq!(chunks[0].parts.len(), 2);
    }

    #[test]
    fn a_1500_line_file_splits_at_function_boundaries_with_imports() {
        let text = go_file(100, 12); // ~1,500 lines
        assert!(text.lines().count() >= 1_500);
        let o = outline(&text);
        let chunks = plan_chunks(&[("big.go", &text, 0)], 1_500);
        assert!(chunks.len() > 3, "{} chunks", chunks.len());
        let mut covered = Vec::new();
        for chunk in &chunks {
            for part in &chunk.parts {
                if part.start_line > 1 {
                    assert_eq!(part.context_end, o.header_end, "imports travel with each piece");
                    assert!(
                        o.starts.contains(&part.start_line),
                        "piece starts at a declaration: {part:?}"
                    );
                }
                covered.extend(part.start_line..=part.end_line);
            }
        }
        let all: Vec<u32> = (1..=text.lines().count() as u32).collect();
        assert!(
            covered == all,
            "every line must be reviewed exactly once, in order"
        );
    }

    #[test]
    fn a_function_bigger_than_the_budget_is_cut_between_lines() {
        let text = go_file(1, 400);
        let chunks = plan_chunks(&[("f.go", &text, 0)], 1_200);
        assert!(chunks.len() > 2);
        let total = text.lines().count() as u32;
        let mut next = 1;
        for c in &chunks {
            assert_eq!(c.parts[0].start_line, next);
            next = c.parts[0].end_line + 1;
        }
        assert_eq!(next, total + 1);
    }

    #[test]
    fn split_chunk_halves_parts_or_cuts_at_a_declaration() {
        let text = go_file(4, 5);
        let chunk = Chunk {
            parts: vec![ChunkPart {
                path: "x.go".into(),
                start_line: 1,
                end_line: text.lines().count() as u32,
                context_end: 0,
                file_lines: 0,
            }],
        };
        let (a, b) = split_chunk(&chunk, |_| Some(text.clone())).unwrap();
        assert!(outline(&text).starts.contains(&b.parts[0].start_line));
        assert_eq!(a.parts[0].end_line + 1, b.parts[0].start_line);
        assert_eq!(b.parts[0].context_end, 6);
        let one = Chunk {
            parts: vec![ChunkPart {
                path: "x.go".into(),
                start_line: 3,
                end_line: 3,
                context_end: 0,
                file_lines: 0,
            }],
        };
        assert!(split_chunk(&one, |_| None).is_none());
    }
}
