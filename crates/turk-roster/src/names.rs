//! Member names become folder names, so they are checked before anything else: no path separators, no `..`, no
//! hidden or reserved (`_alumni`) folders.

use crate::error::{Result, RosterError};

/// Check a member name and return it with a capital first letter (`turk` → `Turk`), the form the roster uses.
pub fn validate(name: &str) -> Result<String> {
    let bad = |reason| {
        Err(RosterError::InvalidName {
            name: name.to_string(),
            reason,
        })
    };
    let n = name.trim();
    if n.is_empty() {
        return bad("the name is empty");
    }
    if n.contains(['/', '\\']) {
        return bad("a name cannot contain a path separator");
    }
    if n.contains("..") || n.starts_with('.') {
        return bad("a name cannot start with '.' or contain '..'");
    }
    if n.starts_with('_') || n.starts_with('-') {
        return bad("names starting with '_' or '-' are reserved (agents/_alumni/)");
    }
    if n.chars().count() > 40 {
        return bad("a name is at most 40 characters");
    }
    if !n
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == ' ')
    {
        return bad("use letters, digits, '-', '_' or spaces");
    }
    let mut chars = n.chars();
    let first = chars.next().expect("not empty");
    Ok(first.to_uppercase().chain(chars).collect())
}

/// Check a free-text field given by the user (a role, a universe, a project description) and return it
/// trimmed. Control characters are refused: a newline or a tab would break the Markdown line or table row the
/// text goes into, and no team file has a use for the others.
pub fn check_field(field: &'static str, value: &str) -> Result<String> {
    let bad = |reason: String| {
        Err(RosterError::InvalidField {
            field,
            value: value.to_string(),
            reason,
        })
    };
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        let what = match c {
            '\n' | '\r' => "a line break".to_string(),
            '\t' => "a tab".to_string(),
            '\0' => "a NUL byte".to_string(),
            c => format!("the control character U+{:04X}", c as u32),
        };
        return bad(format!("it contains {what}; give plain text on one line"));
    }
    let v = value.trim();
    if v.is_empty() {
        return bad(format!("the {field} is empty"));
    }
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_and_reserved() {
        for bad in ["../x", "a/b", "a\\b", ".hidden", "_alumni", "", "x*y"] {
            assert!(validate(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(validate("turk").unwrap(), "Turk");
        assert_eq!(validate("Fact Checker").unwrap(), "Fact Checker");
    }

    #[test]
    fn fields_refuse_control_characters() {
        for bad in ["a\nb", "a\r\nb", "a\tb", "a\0b", "a\u{7f}b", "a\u{85}b", "  "] {
            assert!(check_field("role", bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            check_field("role", " Backend | Infra ").unwrap(),
            "Backend | Infra"
        );
        let msg = check_field("role", "Backend\nInfra").unwrap_err().to_string();
        assert_eq!(
            msg,
            "invalid role \"Backend\\nInfra\": it contains a line break; give plain text on one line"
        );
    }
}
