//! What a profile says about the repository, as plain data: the summary a scope ranker ranks files by, a
//! prompt builder quotes, and `turk profile` prints.

use crate::repository::MatchedBy;
use crate::sample::{ProfileKind, SampleType};
use serde::{Deserialize, Serialize};

/// A profile summarised against a repository. Shares are fractions of [`ProfileReport::total`] (0.25 is 25%).
///
/// Three measures, for files, functions and lines alike:
/// - `flat`: samples whose innermost frame (the leaf) is this code, as `go tool pprof` counts flat;
/// - `cum`: samples with this code anywhere on the stack, counted once per stack even under recursion, as
///   `go tool pprof` counts cum;
/// - `attributed`: samples whose innermost *repository* frame is this code, i.e. its flat plus the runtime,
///   standard-library and dependency code it calls. Converting a string to `[]rune` in a loop is flat in
///   `runtime.stringtoslicerune`, but the line to change is the repository line that converts: it is
///   attributed there. The attributed values of all repository files add up to `repository.cum`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileReport {
    /// The profile file as it was given.
    pub source: String,
    pub kind: ProfileKind,
    /// The sample type the values are in.
    pub sample_type: SampleType,
    /// Every sample type the profile records.
    pub sample_types: Vec<SampleType>,
    /// The sum of the chosen sample type over all samples, in its unit.
    pub total: i64,
    /// How long the profile was recorded, when it says (CPU profiles do).
    pub duration_nanos: Option<i64>,
    pub repository: RepositoryShare,
    pub outside: Outside,
    /// The repository files the profile touches, hottest (most attributed) first.
    pub files: Vec<FileProfile>,
}

/// How much of the profile is repository code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct RepositoryShare {
    /// Samples whose leaf frame is repository code.
    pub flat: i64,
    pub flat_share: f64,
    /// Samples with repository code anywhere on the stack.
    pub cum: i64,
    pub cum_share: f64,
}

/// The samples that fell outside the repository: never dropped, counted here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outside {
    /// Samples whose leaf frame is not repository code (runtime, standard library, dependencies...).
    pub flat: i64,
    pub flat_share: f64,
    /// Samples whose stack never reaches repository code (garbage collection workers, the scheduler, other
    /// programs' goroutines): the part of the profile the repository's code does not explain at all.
    pub unreached: i64,
    pub unreached_share: f64,
    /// `flat` by kind of code, largest first.
    pub kinds: Vec<KindShare>,
    /// Every function outside the repository that appears in a stack, by flat, then cum.
    pub functions: Vec<OutsideFunction>,
}

/// Where code outside the repository comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutsideKind {
    /// The Go runtime (scheduler, allocator, garbage collector, maps) and compiler-generated type functions.
    Runtime,
    /// The rest of Go's standard library.
    StandardLibrary,
    /// Packages of other modules.
    Dependency,
    /// The repository's own packages (or `main`) whose file matched no repository file: a checkout that
    /// differs from the profiled one, generated code, or the `go test` main.
    Unmapped,
    /// Frames without a symbol, or with a name that has no package.
    Unknown,
}

impl OutsideKind {
    pub fn label(self) -> &'static str {
        match self {
            OutsideKind::Runtime => "runtime",
            OutsideKind::StandardLibrary => "standard library",
            OutsideKind::Dependency => "dependencies",
            OutsideKind::Unmapped => "unmapped",
            OutsideKind::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KindShare {
    pub kind: OutsideKind,
    pub flat: i64,
    pub flat_share: f64,
}

/// A function outside the repository.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutsideFunction {
    /// As Go prints it: `runtime.mallocgc`, `net/http.(*conn).serve`.
    pub name: String,
    pub short_name: String,
    pub package: String,
    pub kind: OutsideKind,
    /// The file as the profile names it ("" when unknown).
    pub profile_file: String,
    pub flat: i64,
    pub flat_share: f64,
    pub cum: i64,
    pub cum_share: f64,
}

/// Flat, attributed and cumulative value of some repository code and their shares (see [`ProfileReport`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    pub flat: i64,
    pub flat_share: f64,
    pub attributed: i64,
    pub attributed_share: f64,
    pub cum: i64,
    pub cum_share: f64,
}

/// One repository file the profile touches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileProfile {
    /// Relative to the repository root, `/`-separated.
    pub path: String,
    /// How the profile's file name was matched (by module path when any of its names was).
    pub matched_by: MatchedBy,
    /// The names the profile gives this file.
    pub profile_files: Vec<String>,
    #[serde(flatten)]
    pub cost: Cost,
    /// Its functions in the profile, most attributed first.
    pub functions: Vec<FunctionProfile>,
    /// Its lines in the profile, most attributed first; empty when the profile has no line numbers.
    pub lines: Vec<LineProfile>,
}

/// A repository function in the profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionProfile {
    /// As Go prints it: `github.com/org/repo/internal/x.(*Runner).runTest`.
    pub name: String,
    /// Without the package: `(*Runner).runTest`.
    pub short_name: String,
    /// The line of its `func` keyword, when the profile records it.
    pub start_line: Option<u32>,
    #[serde(flatten)]
    pub cost: Cost,
}

/// A line of a repository file in the profile.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LineProfile {
    pub line: u32,
    #[serde(flatten)]
    pub cost: Cost,
}

impl ProfileReport {
    /// The profile of a repository file, by its path relative to the root.
    pub fn file(&self, path: &str) -> Option<&FileProfile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// The flat share of samples in the repository's packages that matched no file of it (the profiled code
    /// may differ from the checkout); `None` when there is none.
    pub fn unmapped_flat_share(&self) -> Option<f64> {
        self.outside
            .kinds
            .iter()
            .find(|k| k.kind == OutsideKind::Unmapped)
            .map(|k| k.flat_share)
    }

    /// Every repository function with its file, most attributed first (then cum, then name).
    pub fn functions(&self) -> Vec<(&FileProfile, &FunctionProfile)> {
        let mut all: Vec<_> = self
            .files
            .iter()
            .flat_map(|file| file.functions.iter().map(move |f| (file, f)))
            .collect();
        all.sort_by(|(_, a), (_, b)| hotter(&a.cost, &b.cost).then_with(|| a.name.cmp(&b.name)));
        all
    }

    /// Every profiled line of every repository file with its file, most attributed first (then cum, flat,
    /// path and line). Per-file lists cut by [`ProfileReport::truncate`] stay cut.
    pub fn lines(&self) -> Vec<(&FileProfile, &LineProfile)> {
        let mut all: Vec<_> = self
            .files
            .iter()
            .flat_map(|file| file.lines.iter().map(move |l| (file, l)))
            .collect();
        all.sort_by(|(fa, a), (fb, b)| {
            hotter(&a.cost, &b.cost)
                .then_with(|| fa.path.cmp(&fb.path))
                .then(a.line.cmp(&b.line))
        });
        all
    }

    /// Keeps the `n` hottest entries of every list (files, each file's functions and lines, outside
    /// functions); totals and shares are unchanged.
    pub fn truncate(&mut self, n: usize) {
        self.files.truncate(n);
        for file in &mut self.files {
            file.functions.truncate(n);
            file.lines.truncate(n);
        }
        self.outside.functions.truncate(n);
    }
}

impl FileProfile {
    /// A function of this file by the name Go prints or its short form (`(*Runner).runTest`).
    pub fn function(&self, name: &str) -> Option<&FunctionProfile> {
        self.functions
            .iter()
            .find(|f| f.name == name || f.short_name == name)
    }

    /// The function whose `func` keyword is on `line`, when the profile records start lines.
    pub fn function_starting_at(&self, line: u32) -> Option<&FunctionProfile> {
        self.functions.iter().find(|f| f.start_line == Some(line))
    }

    /// The most attributed function of the file.
    pub fn hottest_function(&self) -> Option<&FunctionProfile> {
        self.functions.first()
    }
}

/// Hottest first: by attributed, then cum, then flat.
pub(crate) fn hotter(a: &Cost, b: &Cost) -> std::cmp::Ordering {
    b.attributed
        .cmp(&a.attributed)
        .then(b.cum.cmp(&a.cum))
        .then(b.flat.cmp(&a.flat))
}
