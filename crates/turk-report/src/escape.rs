//! Text from a model, an endpoint or a user, made safe for the markdown we write around it.
//!
//! Whatever the text holds, it stays one line of inline text: it cannot end a table cell or row, start a heading,
//! list or quote, open raw HTML or a link, or carry control characters. Code spans (`` `x.Lock()` ``) survive as
//! code spans, because reviewers name code in them and a code span is literal text to a markdown reader; anything
//! else that markdown would read as syntax is escaped, and only that, so that code in prose (`map[string]int`,
//! `&x`, `4<<10`) still reads as written in the raw file.

/// The longest text kept for one field; longer model text is cut (with `…`) so that a report stays readable.
pub const MAX_FIELD_CHARS: usize = 4_000;

/// One line of inline markdown, for a paragraph or a list item.
pub fn inline(text: &str) -> String {
    render(text, false)
}

/// Like [`inline`], for a table cell: `|` is escaped everywhere, inside code spans too.
pub fn cell(text: &str) -> String {
    render(text, true)
}

/// A code span holding `text` literally (a path, a model id), safe in a table cell too: backticks and control
/// characters removed, `|` escaped.
pub fn code(text: &str) -> String {
    let clean: String = one_line(text).chars().filter(|c| *c != '`').collect();
    if clean.is_empty() {
        String::new()
    } else {
        format!("`{}`", clean.replace('|', "\\|"))
    }
}

fn render(text: &str, in_table: bool) -> String {
    let text = one_line(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let backticks = chars.iter().filter(|c| **c == '`').count();
    let mut in_code = false;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        match c {
            // Balanced backticks open and close code spans; when the count is odd every backtick is escaped, so
            // no span can swallow the rest of the line.
            '`' if backticks % 2 == 0 => {
                in_code = !in_code;
                out.push('`');
            }
            '|' if in_table || !in_code => out.push_str("\\|"),
            _ if in_code => out.push(c),
            // `<` before a letter, `/`, `!` or `?` could open raw HTML or an autolink (`<script>`,
            // `<javascript:...>`); `4<<10` stays as it is.
            '<' if next.is_some_and(|n| n.is_alphabetic() || matches!(n, '/' | '!' | '?')) => {
                out.push_str("\\<")
            }
            // An entity (`&lt;`, `&#60;`) would be decoded into the character it names.
            '&' if starts_entity(&chars[i + 1..]) => out.push_str("&amp;"),
            // `](` and `][` make a link or image out of the bracketed text before them.
            ']' if matches!(next, Some('(' | '[')) => out.push_str("\\]"),
            // A backslash before punctuation would escape it (and undo one of these escapes).
            '\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            // Emphasis markers that can open or close emphasis (see `can_emphasise`).
            '*' | '_' if can_emphasise(c, prev, next) => {
                out.push('\\');
                out.push(c);
            }
            // Characters that start a block (heading, quote, list, thematic break) at the start of the text.
            '#' | '>' | '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether `c` (`*` or `_`) could open or close emphasis: not between two blanks (`5 * time.Second`), and for `_`
/// not inside a word (`order_id`).
fn can_emphasise(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let inside_word = prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
    let between_blanks = blank(prev) && blank(next);
    !(between_blanks || (c == '_' && inside_word))
}

/// Whitespace, or the start or end of the text.
fn blank(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// Whether `rest` (the text after a `&`) reads as an HTML entity: `lt;`, `#60;`, `#x3C;`.
fn starts_entity(rest: &[char]) -> bool {
    let name: Vec<&char> = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .take(33)
        .collect();
    !name.is_empty() && rest.get(name.len()) == Some(&';')
}

/// Control characters dropped, every run of whitespace (line breaks included) folded into one space, and the
/// length capped.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_FIELD_CHARS));
    let mut chars = 0;
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        if chars >= MAX_FIELD_CHARS {
            out.push('…');
            break;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
        chars += 1;
    }
    out
}

/// Bidirectional overrides and zero-width characters, which can make text read differently from what it is.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_survive_and_syntax_is_escaped() {
        assert_eq!(inline("call `p.wg.Add(1)` first"), "call `p.wg.Add(1)` first");
        assert_eq!(
            inline("a <script> [x](javascript:y)"),
            "a \\<script> [x\\](javascript:y)"
        );
        assert_eq!(inline("# heading"), "\\# heading");
        assert_eq!(inline("odd ` tick"), "odd \\` tick");
        assert_eq!(cell("a | b `x|y`"), "a \\| b `x\\|y`");
    }

    #[test]
    fn ordinary_code_text_reads_as_written() {
        for text in [
            "map[string]struct{}",
            "atomic.AddInt64(&x, 1)",
            "4<<10",
            "order_id",
            "5 * time.Second",
            "1.21",
        ] {
            assert_eq!(inline(text), text);
        }
        assert_eq!(inline("a &lt; b"), "a &amp;lt; b");
        assert_eq!(inline("*all* of it"), "\\*all\\* of it");
        assert_eq!(inline("C:\\tmp and \\| pipe"), "C:\\tmp and \\\\\\| pipe");
    }

    #[test]
    fn control_characters_and_line_breaks_go() {
        assert_eq!(inline("a\u{0}b\u{1b}[31m\r\nc\u{202e}d"), "ab[31m cd");
    }

    #[test]
    fn long_text_is_cut() {
        let long = "x".repeat(MAX_FIELD_CHARS + 10);
        assert_eq!(inline(&long).chars().count(), MAX_FIELD_CHARS + 1);
    }
}
