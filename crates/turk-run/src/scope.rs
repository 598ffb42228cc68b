//! The review scope: the files an audit spends its review budget on, why, and what each file does.

use serde::{Deserialize, Serialize};

/// One file chosen for review.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScopeEntry {
    pub path: String,
    /// Higher is hotter. Only meaningful relative to the other entries of the same run.
    pub score: f64,
    /// Why the file is in scope, in words ("per-message JSON over a bufio stream, writer lock; readLoop called
    /// per connection from server.go:88").
    pub reason: String,
    /// `true` when the file was named in the configuration rather than ranked.
    pub pinned: bool,
    pub metrics: FileMetrics,
    /// What the file is, as a specialist would name it ("HTTP handlers", "worker pool", "message transport");
    /// empty when nothing stands out, and in runs written before kinds were recognised.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// The file's functions on hot paths, each with the call site that makes it hot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hot_functions: Vec<HotFunction>,
    /// What the profiles given to the audit say about the file (`turk audit --profile`): one entry per sample
    /// type read. Empty without a profile, when no profile reaches the file, and in runs written before profiles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profile: Vec<ProfileShare>,
}

impl ScopeEntry {
    /// The kind and the reason on one line, as a table of an audit plan has them ("worker pool: goroutines fed
    /// from a channel"); the reason alone when the kind is unknown.
    pub fn kind_and_reason(&self) -> String {
        match (self.kind.is_empty(), self.reason.is_empty()) {
            (true, _) => self.reason.clone(),
            (false, true) => self.kind.clone(),
            (false, false) => format!("{}: {}", self.kind, self.reason),
        }
    }
}

impl ScopeEntry {
    /// The hot functions of the profiles (see [`ProfiledFunction::hot`]) whose declaration holds `line`, each
    /// with the profile it is hot in.
    pub fn profiled_hot_at(&self, line: u32) -> Vec<(&ProfileShare, &ProfiledFunction)> {
        self.profile
            .iter()
            .flat_map(|share| share.functions.iter().map(move |f| (share, f)))
            .filter(|(_, f)| f.hot && f.contains(line))
            .collect()
    }
}

/// A file's part of one profile: its shares of the sample type, its hottest functions and lines. Shares are
/// fractions of the profile's total (0.25 is 25%): `flat` is the file's own code as the innermost frame,
/// `attributed` adds the runtime, standard-library and dependency code it calls, `cum` counts every stack the
/// file is on (see docs/profiles.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileShare {
    /// The sample type read: `cpu`, `alloc_space`, `delay`...
    pub sample_type: String,
    pub flat_share: f64,
    pub attributed_share: f64,
    pub cum_share: f64,
    /// The file's hottest functions in the profile, most attributed first; a func literal counts as part of the
    /// function that declares it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<ProfiledFunction>,
    /// The file's hottest lines, most attributed first; empty when the profile has no line numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<ProfiledLine>,
}

impl ProfileShare {
    /// The sample type as a reader names it (see [`sample_label`]).
    pub fn label(&self) -> &str {
        sample_label(&self.sample_type)
    }
}

/// A profile's sample type as a reader names it: `CPU` for `cpu`, else the type's own name (`alloc_space`).
pub fn sample_label(sample_type: &str) -> &str {
    if sample_type == "cpu" { "CPU" } else { sample_type }
}

/// A function of a file in a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfiledFunction {
    /// As Go prints it, without the package: `(*Runner).runTest`, `Sum`; a function the profile does not name
    /// as `Type.Name`.
    pub name: String,
    /// Lines of its declaration in the file, 1-based and inclusive, when the file declares it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    pub flat_share: f64,
    pub attributed_share: f64,
    pub cum_share: f64,
    /// It holds enough of the profile for the static findings in it to rise a priority (docs/profiles.md).
    #[serde(default)]
    pub hot: bool,
}

impl ProfiledFunction {
    /// Whether `line` is in the function's declaration (never, when the file does not declare it).
    pub fn contains(&self, line: u32) -> bool {
        match (self.start_line, self.end_line) {
            (Some(start), Some(end)) => (start..=end).contains(&line),
            _ => false,
        }
    }
}

/// A line of a file in a profile.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProfiledLine {
    pub line: u32,
    pub flat_share: f64,
    pub attributed_share: f64,
    pub cum_share: f64,
}

/// A share as a percentage with one decimal below 10% and none above: `0.4%`, `9.7%`, `77%`; `<0.1%` for a
/// share too small to show but not zero, so that "0.0%" always means none. (The rule the profile reader and
/// `turk profile` print shares by too.)
pub fn format_share(share: f64) -> String {
    let percent = share * 100.0;
    if percent > 0.0 && percent < 0.05 {
        "<0.1%".to_string()
    } else if percent.abs() < 10.0 {
        format!("{percent:.1}%")
    } else {
        format!("{percent:.0}%")
    }
}

/// A function on a hot path, and how it gets there.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct HotFunction {
    /// `Name`, or `Type.Name` for a method.
    pub name: String,
    /// Lines of the declaration, 1-based and inclusive.
    pub start_line: u32,
    pub end_line: u32,
    /// How it is reached: "HTTP handler", "called per request from internal/api/handler.go:120".
    pub why: String,
}

/// One package of the module, for the outline the reviewers read once per run.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PackageSummary {
    /// The package's folder relative to the repository root (`.` for the root).
    pub path: String,
    /// The package name from its `package` clause.
    pub name: String,
    /// What it does, in one line: the first sentence of its doc comment, else what its files are.
    pub summary: String,
}

/// Counts for one file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMetrics {
    pub lines: u32,
    pub functions: u32,
    pub loops: u32,
    pub goroutines: u32,
    /// `Lock`/`RLock` calls and `sync.Mutex`/`sync.RWMutex` declarations.
    pub locks: u32,
    /// Channel types, sends and receives.
    pub channels: u32,
    /// `sync.WaitGroup` and `errgroup.Group` uses.
    pub waitgroups: u32,
    pub json: u32,
    pub http: u32,
    pub file_io: u32,
    /// Calls into the Azure SDK for Go.
    pub sdk_calls: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> ScopeEntry {
        let function = |name: &str, lines: Option<(u32, u32)>, share: f64, hot: bool| ProfiledFunction {
            name: name.into(),
            start_line: lines.map(|l| l.0),
            end_line: lines.map(|l| l.1),
            flat_share: share / 2.0,
            attributed_share: share,
            cum_share: share,
            hot,
        };
        ScopeEntry {
            path: "internal/digest/digest.go".into(),
            score: 1.0,
            reason: "loops".into(),
            pinned: false,
            metrics: FileMetrics::default(),
            kind: String::new(),
            hot_functions: Vec::new(),
            profile: vec![
                ProfileShare {
                    sample_type: "cpu".into(),
                    flat_share: 0.28,
                    attributed_share: 0.77,
                    cum_share: 0.77,
                    functions: vec![
                        function("Sum", Some((8, 15)), 0.7726, true),
                        function("Reset", Some((17, 20)), 0.004, false),
                        function("Sum.func1", None, 0.5, true),
                    ],
                    lines: Vec::new(),
                },
                ProfileShare {
                    sample_type: "alloc_space".into(),
                    flat_share: 0.99,
                    attributed_share: 0.99,
                    cum_share: 0.99,
                    functions: vec![function("Sum", Some((8, 15)), 0.994, true)],
                    lines: Vec::new(),
                },
            ],
        }
    }

    #[test]
    fn a_line_in_a_hot_function_finds_it_in_every_profile_it_is_hot_in() {
        let entry = entry();
        let hot: Vec<(&str, &str)> = entry
            .profiled_hot_at(10)
            .iter()
            .map(|(share, f)| (share.sample_type.as_str(), f.name.as_str()))
            .collect();
        assert_eq!(hot, [("cpu", "Sum"), ("alloc_space", "Sum")]);
        assert!(entry.profiled_hot_at(18).is_empty(), "a cold function");
        assert!(entry.profiled_hot_at(30).is_empty(), "no function there");
    }

    #[test]
    fn the_profile_is_left_out_of_json_without_one_and_read_back_with_one() {
        let mut plain = entry();
        plain.profile.clear();
        let json = serde_json::to_string(&plain).unwrap();
        assert!(!json.contains("profile"), "{json}");
        assert_eq!(serde_json::from_str::<ScopeEntry>(&json).unwrap(), plain);
        let full = entry();
        let json = serde_json::to_string(&full).unwrap();
        assert_eq!(serde_json::from_str::<ScopeEntry>(&json).unwrap(), full);
    }

    #[test]
    fn shares_read_as_turk_profile_prints_them() {
        let shown: Vec<String> = [0.7726, 0.0966, 0.004, 1.0, 0.0002, 0.0]
            .into_iter()
            .map(format_share)
            .collect();
        assert_eq!(shown, ["77%", "9.7%", "0.4%", "100%", "<0.1%", "0.0%"]);
        assert_eq!(entry().profile[1].label(), "alloc_space");
    }
}
