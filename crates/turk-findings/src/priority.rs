use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How urgent a finding is. Orders from most to least urgent: `P0 < P1 < P2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    /// Critical: a measurable latency or memory cost on every run, or a likely bug, leak or race.
    P0,
    /// Important: costs under load or with large inputs.
    P1,
    /// Nice to have.
    P2,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::P0, Priority::P1, Priority::P2];

    /// The marker used in reports: 🔴 P0, 🟡 P1, 🟢 P2.
    pub fn emoji(self) -> &'static str {
        match self {
            Priority::P0 => "🔴",
            Priority::P1 => "🟡",
            Priority::P2 => "🟢",
        }
    }

    /// One level more urgent (P0 stays P0): used for findings on hot paths.
    pub fn raised(self) -> Priority {
        match self {
            Priority::P2 => Priority::P1,
            _ => Priority::P0,
        }
    }

    /// Whether this priority is at least as urgent as `threshold`.
    pub fn at_least(self, threshold: Priority) -> bool {
        self <= threshold
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Priority::P0 => "P0",
            Priority::P1 => "P1",
            Priority::P2 => "P2",
        })
    }
}

/// The text was not one of P0, P1, P2 (or critical/high, important/medium, low/nice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsePriorityError(pub String);

impl fmt::Display for ParsePriorityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown priority `{}` (expected P0, P1 or P2)", self.0)
    }
}

impl std::error::Error for ParsePriorityError {}

impl FromStr for Priority {
    type Err = ParsePriorityError;

    /// Accepts `P0`/`P1`/`P2` in any case, with or without an emoji, and the words models tend to use
    /// (`critical`, `high`, `medium`, `low`...).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let cleaned: String = s
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match cleaned.as_str() {
            "p0" | "critical" | "p0critical" | "high" | "blocker" => Ok(Priority::P0),
            "p1" | "important" | "p1important" | "medium" | "moderate" | "major" => Ok(Priority::P1),
            "p2" | "nicetohave" | "p2nicetohave" | "low" | "minor" | "info" | "trivial" => Ok(Priority::P2),
            _ => Err(ParsePriorityError(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_model_wording() {
        assert_eq!("p0".parse(), Ok(Priority::P0));
        assert_eq!("🟡 P1".parse(), Ok(Priority::P1));
        assert_eq!("Low".parse(), Ok(Priority::P2));
        assert!("P7".parse::<Priority>().is_err());
    }

    #[test]
    fn ordering_and_thresholds() {
        assert!(Priority::P0 < Priority::P2);
        assert!(Priority::P1.at_least(Priority::P2));
        assert!(!Priority::P2.at_least(Priority::P1));
        assert_eq!(Priority::P2.raised(), Priority::P1);
        assert_eq!(Priority::P0.raised(), Priority::P0);
    }
}
