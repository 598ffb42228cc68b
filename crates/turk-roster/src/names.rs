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
}
