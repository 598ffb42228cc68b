//! What comes back from an endpoint is untrusted text: it may echo an API key (a logging proxy, or a model steered
//! by text in the code under review) and it may carry control bytes that turn a markdown report into a binary
//! file or rewrite a terminal. Everything a run keeps — answers in the cache, findings, dropped items, failures,
//! notes — goes through [`Secrets::clean`] first.

use crate::config::ReviewerConfig;

/// What replaces a key wherever it appears.
pub const REDACTED: &str = "[REDACTED]";

/// Keys shorter than this are not matched: replacing every `ab` in a report would hide more than it protects,
/// and no real API key is that short.
const MIN_SECRET_LEN: usize = 8;

/// The key values a run must never write anywhere. Its `Debug` shows how many there are, never what they are.
#[derive(Clone, Default)]
pub struct Secrets {
    /// Longest first, so that a key containing another is replaced whole.
    values: Vec<String>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secrets({} values)", self.values.len())
    }
}

impl Secrets {
    /// The given values (blank or very short ones are ignored).
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(values: I) -> Self {
        let mut values: Vec<String> = values
            .into_iter()
            .map(|v| v.into().trim().to_string())
            .filter(|v| v.len() >= MIN_SECRET_LEN)
            .collect();
        values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        values.dedup();
        Secrets { values }
    }

    /// The values of the reviewer's own key variable and of every variable in its `redact_env`, as they are set
    /// now (unset variables hold nothing to hide).
    pub fn for_reviewer(config: &ReviewerConfig) -> Self {
        let names = config
            .api_key_env()
            .into_iter()
            .chain(config.redact_env.iter().map(String::as_str));
        Secrets::new(names.filter_map(|name| std::env::var(name).ok()))
    }

    /// `text` with every secret replaced by [`REDACTED`].
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for secret in &self.values {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), REDACTED);
            }
        }
        out
    }

    /// `text` redacted and with control characters removed, keeping newlines and tabs: for text that may span
    /// lines (an answer, a finding's explanation, an error).
    pub fn clean(&self, text: &str) -> String {
        self.redact(&strip_controls(text, false))
    }

    /// As [`Secrets::clean`], for one-line text (a title, a path): line breaks and tabs become spaces.
    pub fn clean_line(&self, text: &str) -> String {
        self.redact(&strip_controls(text, true))
    }
}

/// Removes C0 controls (NUL, ESC, ...) but newline and tab, DEL, and C1 controls (U+0080–U+009F, which some
/// terminals obey like ESC sequences). `one_line` turns newlines and tabs into spaces as well; a carriage return
/// is dropped either way (a bare one would hide the start of a line on a terminal).
pub fn strip_controls(text: &str, one_line: bool) -> String {
    if !text.chars().any(|c| c.is_control()) {
        return text.to_string();
    }
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\t' if one_line => Some(' '),
            '\n' | '\t' => Some(c),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_secret_is_replaced_longest_first() {
        let s = Secrets::new(["sk-abcdef123456", "sk-abcdef123456-long-version", " ", "short"]);
        assert_eq!(
            s.redact("a sk-abcdef123456-long-version b sk-abcdef123456 c short"),
            "a [REDACTED] b [REDACTED] c short"
        );
        assert!(!format!("{s:?}").contains("sk-"));
    }

    #[test]
    fn control_characters_are_removed_but_line_structure_is_kept_where_it_means_something() {
        let text = "a\u{0}b\u{1b}[31mred\u{7f}\u{9b}c\r\nnext\tcol";
        assert_eq!(strip_controls(text, false), "ab[31mredc\nnext\tcol");
        assert_eq!(strip_controls(text, true), "ab[31mredc next col");
        assert_eq!(strip_controls("plain é ✓", true), "plain é ✓");
    }
}
