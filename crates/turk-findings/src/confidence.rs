use serde::{Deserialize, Serialize};
use std::fmt;

/// How sure a static rule is that its match is the problem it names. A `High` rule matches a shape that is the
/// problem (a lock passed by value); a `Heuristic` rule infers part of it (from a name, a likely type, or a
/// pattern that is sometimes written on purpose), so its findings deserve a look before a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Heuristic,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Heuristic => "heuristic",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
