//! Go pprof profiles for turk: reads the profiles `go test -cpuprofile/-memprofile/-blockprofile/-mutexprofile`,
//! `runtime/pprof` and `net/http/pprof` write (gzipped `profile.proto`, or uncompressed), maps every frame's
//! file onto the repository's Go files, and sums one sample type per repository file, function and line.
//! Nothing is dropped: samples that fell outside the repository (runtime, standard library, dependencies,
//! unmapped code) are counted by kind and by function.
//!
//! ```
//! use turk_profile::{Profile, Repository, format_share};
//!
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/profiles/ledger/cpu.pprof");
//! let profile = Profile::read(path.as_ref())?;
//!
//! // The repository: its Go files relative to the root, and (module path, folder) of each go.mod.
//! let repo = Repository::new(["ledger.go", "ledger_test.go", "internal/digest/digest.go"])
//!     .with_modules([("example.com/ledger", "")]);
//!
//! // `None` picks the kind's default sample type: cpu/nanoseconds for a CPU profile.
//! let report = profile.summarize(None, &repo)?;
//! assert_eq!(report.sample_type.name, "cpu");
//!
//! // Files and functions come hottest first.
//! let hottest = &report.files[0];
//! assert_eq!(hottest.path, "internal/digest/digest.go");
//! assert_eq!(hottest.functions[0].short_name, "Sum");
//! println!(
//!     "{}: {} of cpu (cum), {} flat",
//!     hottest.path,
//!     format_share(hottest.cost.cum_share),
//!     format_share(hottest.cost.flat_share)
//! );
//!
//! // What the repository's code does not account for is counted, not dropped.
//! assert!(report.outside.flat > 0);
//! assert_eq!(report.repository.flat + report.outside.flat, report.total);
//! # Ok::<(), turk_profile::ProfileError>(())
//! ```
//!
//! [`Profile::summarize`] returns a [`ProfileReport`]: the sample type, its unit and total; the repository's
//! flat and cumulative share; the outside share by kind and function; and per repository file its
//! [`Cost`] (flat, attributed and cumulative values and shares), its hottest functions (name as Go prints it,
//! short name, start line) and its hottest lines. Look a file up with [`ProfileReport::file`], a function with
//! [`FileProfile::function`] (by name) or [`FileProfile::function_starting_at`] (by the line of its `func`).
//! The mapping rules are documented on [`Repository`]'s module, [`repository`]. Several profiles of one kind
//! add up into one with [`Profile::merge`], as `go tool pprof` adds the profiles it is given.

mod aggregate;
mod decode;
mod error;
mod format;
mod merge;
pub mod names;
mod proto;
mod report;
pub mod repository;
mod sample;
#[cfg(test)]
mod tests;

pub use decode::{MAX_PROFILE_BYTES, Profile};
pub use error::ProfileError;
pub use format::format_value;
pub use report::{
    Cost, FileProfile, FunctionProfile, KindShare, LineProfile, Outside, OutsideFunction, OutsideKind,
    ProfileReport, RepositoryShare,
};
pub use repository::{MatchedBy, Repository, Resolved};
pub use sample::{ProfileKind, SampleType};
/// Shares are written the same way in the run document, the report and `turk profile`.
pub use turk_run::format_share;

/// Reads the profile at `path` and summarises `sample` (by name, or `None` for the kind's default) against
/// `repo`: [`Profile::read`] then [`Profile::summarize`].
pub fn summarize_file(
    path: &std::path::Path,
    sample: Option<&str>,
    repo: &Repository,
) -> Result<ProfileReport, ProfileError> {
    Profile::read(path)?.summarize(sample, repo)
}
