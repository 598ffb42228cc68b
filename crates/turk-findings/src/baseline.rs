//! A baseline: the fingerprints of findings a team has accepted for now, so that adopting turk in an old codebase
//! starts from "nothing new" and only new problems are reported. It is a small JSON file a person can read and
//! edit: each entry keeps the rule, path, line and title beside the fingerprint, although only the fingerprint is
//! matched (lines move; the fingerprint does not, see [`Fingerprint`]).
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"fingerprint": "3f1c9a0b7d2e4f61", "rule": "conc/time-after-in-loop", "path": "worker.go", "line": 9,
//!      "title": "time.After in a loop allocates a timer per iteration"}
//!   ]
//! }
//! ```

use crate::{Finding, Fingerprint};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The version of the baseline file this code writes and reads.
pub const BASELINE_VERSION: u32 = 1;

/// The accepted findings, by fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    entries: Vec<BaselineEntry>,
    fingerprints: HashSet<Fingerprint>,
}

/// One accepted finding. Only `fingerprint` is matched; the rest says what it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: Fingerprint,
    pub rule: String,
    pub path: String,
    pub line: u32,
    pub title: String,
}

/// The file as written.
#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<BaselineEntry>,
}

/// A baseline file that cannot be used. The caller names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BaselineError {
    #[error("not a turk baseline: {0}")]
    Malformed(String),
    #[error("baseline version {found} is not supported (this turk reads version {BASELINE_VERSION})")]
    UnsupportedVersion { found: u32 },
    #[error("findings[{index}]: `{fingerprint}` is not a turk fingerprint (16 lowercase hex digits)")]
    BadFingerprint { index: usize, fingerprint: String },
}

impl Baseline {
    /// The baseline that accepts `findings`, listed by path, line and rule.
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Baseline {
        let mut entries: Vec<BaselineEntry> = findings
            .into_iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule: f.origin.id().to_string(),
                path: f.span.path.clone(),
                line: f.span.start_line,
                title: f.title.clone(),
            })
            .collect();
        entries.sort_by(|a, b| {
            (&a.path, a.line, &a.rule, &a.fingerprint).cmp(&(&b.path, b.line, &b.rule, &b.fingerprint))
        });
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Baseline::of_entries(entries)
    }

    /// Reads a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        // The version is read first, so a future format says "unsupported version" rather than a field error.
        #[derive(Deserialize)]
        struct Versioned {
            version: u32,
        }
        let versioned: Versioned =
            serde_json::from_str(text).map_err(|e| BaselineError::Malformed(e.to_string()))?;
        if versioned.version != BASELINE_VERSION {
            return Err(BaselineError::UnsupportedVersion {
                found: versioned.version,
            });
        }
        let file: BaselineFile =
            serde_json::from_str(text).map_err(|e| BaselineError::Malformed(e.to_string()))?;
        for (index, entry) in file.findings.iter().enumerate() {
            let fp = entry.fingerprint.as_str();
            if fp.len() != 16
                || !fp
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return Err(BaselineError::BadFingerprint {
                    index,
                    fingerprint: fp.to_string(),
                });
            }
        }
        Ok(Baseline::of_entries(file.findings))
    }

    /// The file's text: pretty JSON, one finding per entry, ending with a newline.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: BASELINE_VERSION,
            findings: self.entries.clone(),
        };
        serde_json::to_string_pretty(&file).expect("a baseline always serialises") + "\n"
    }

    /// Whether the baseline accepts a finding with this fingerprint.
    pub fn contains(&self, fingerprint: &Fingerprint) -> bool {
        self.fingerprints.contains(fingerprint)
    }

    pub fn entries(&self) -> &[BaselineEntry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn of_entries(entries: Vec<BaselineEntry>) -> Baseline {
        let fingerprints = entries.iter().map(|e| e.fingerprint.clone()).collect();
        Baseline {
            entries,
            fingerprints,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Category, Origin, Priority, Span};

    fn finding(path: &str, line: u32, code: &str) -> Finding {
        Finding::new(
            Origin::rule("conc/busy-loop"),
            Category::Concurrency,
            Priority::P1,
            Span::lines(path, line, line),
            "busy loop",
        )
        .with_fingerprint_from(code)
    }

    #[test]
    fn round_trips_through_its_file_and_matches_by_fingerprint_only() {
        let old = [
            finding("b.go", 9, "for len(q) > 0 {}"),
            finding("a.go", 3, "for !done {}"),
        ];
        let baseline = Baseline::from_findings(&old);
        let text = baseline.to_json();
        assert!(
            text.starts_with("{\n  \"version\": 1,\n  \"findings\": ["),
            "{text}"
        );
        // Sorted by path for a person reading it.
        assert!(text.find("a.go").unwrap() < text.find("b.go").unwrap(), "{text}");
        let read = Baseline::parse(&text).unwrap();
        assert_eq!(read, baseline);
        // The same code forty lines lower is still accepted; other code in the same place is not.
        assert!(read.contains(&finding("b.go", 49, "for len(q) > 0 {}").fingerprint));
        assert!(!read.contains(&finding("b.go", 9, "for len(queue) > 0 {}").fingerprint));
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let err = Baseline::parse("{\"version\": 1, \"findings\": [{\"fingerprint\": \"x\"}]}").unwrap_err();
        assert!(
            err.to_string().starts_with("not a turk baseline: missing field"),
            "{err}"
        );
        let err = Baseline::parse("[1, 2]").unwrap_err();
        assert!(matches!(err, BaselineError::Malformed(_)), "{err}");
        let err = Baseline::parse("{\"version\": 7, \"findings\": []}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "baseline version 7 is not supported (this turk reads version 1)"
        );
        let entry = r#"{"fingerprint": "ABC", "rule": "r", "path": "a.go", "line": 1, "title": "t"}"#;
        let err = Baseline::parse(&format!("{{\"version\": 1, \"findings\": [{entry}]}}")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "findings[0]: `ABC` is not a turk fingerprint (16 lowercase hex digits)"
        );
        assert!(
            Baseline::parse("{\"version\": 1, \"findings\": []}")
                .unwrap()
                .is_empty()
        );
    }
}
