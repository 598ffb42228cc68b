use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// What kind of cost a finding is about. Unknown names (from a model, say) map to [`Category::Other`]: a finding
/// is never dropped for its category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Allocation,
    Concurrency,
    Io,
    Json,
    Http,
    Cpu,
    Azure,
    Other,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Allocation,
        Category::Concurrency,
        Category::Io,
        Category::Json,
        Category::Http,
        Category::Cpu,
        Category::Azure,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Allocation => "allocation",
            Category::Concurrency => "concurrency",
            Category::Io => "io",
            Category::Json => "json",
            Category::Http => "http",
            Category::Cpu => "cpu",
            Category::Azure => "azure",
            Category::Other => "other",
        }
    }

    /// Maps any text to a category, leniently: case, spaces and common synonyms are accepted; anything else is
    /// [`Category::Other`].
    pub fn from_lenient(s: &str) -> Category {
        let s = squash(s);
        match s.as_str() {
            "allocation" | "allocations" | "alloc" | "memory" | "gc" | "garbage" => Category::Allocation,
            "concurrency" | "conc" | "goroutine" | "goroutines" | "locking" | "lock" | "sync" | "race" => {
                Category::Concurrency
            }
            "io" | "i/o" | "file" | "fileio" | "disk" | "network" | "context" => Category::Io,
            "json" | "serialization" | "encoding" | "marshal" => Category::Json,
            "http" | "net/http" | "httpclient" => Category::Http,
            "cpu" | "compute" | "algorithm" | "algorithmic" | "complexity" => Category::Cpu,
            "azure" | "azuresdk" | "sdk" | "cloud" => Category::Azure,
            _ => Category::Other,
        }
    }
}

/// Lower case with spaces, dashes and underscores removed: "Azure SDK" and "azure_sdk" compare equal.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Ok(Category::from_lenient(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_categories_become_other() {
        assert_eq!(Category::from_lenient("Concurrency"), Category::Concurrency);
        assert_eq!(Category::from_lenient("I/O"), Category::Io);
        assert_eq!(Category::from_lenient("Azure SDK"), Category::Azure);
        assert_eq!(Category::from_lenient("quantum"), Category::Other);
        let c: Category = serde_json::from_str("\"weird\"").unwrap();
        assert_eq!(c, Category::Other);
    }

    #[test]
    fn names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_lenient(c.as_str()), c);
        }
    }
}
