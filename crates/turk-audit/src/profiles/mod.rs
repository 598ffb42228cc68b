//! Profiles in an audit (`AuditSettings::scope.profiles`, `turk audit --profile`): what a profile of the
//! running code changes, beside the ranking by syntax.
//!
//! - **Reading**: every profile is read and its sample type chosen before the scan, so a missing or damaged
//!   file stops the audit before anything else is done; profiles of one sample type add up into one
//!   (`Profile::merge`, as pprof adds them), profiles of different types (a CPU and a heap profile) each count.
//! - **Scope** (`scope.rs`): a file that holds at least [`LEAD_SHARE`] of a profile (attributed) leads the scope,
//!   most first; the other files keep the syntactic order. Every file a profile reaches says so in its reason
//!   and carries its shares and hottest functions and lines (`ScopeEntry::profile`), for the prompts, the
//!   report and `run.json`.
//! - **Static findings** (`findings.rs`): a finding in a function that holds at least [`HOT_SHARE`] of a profile
//!   (attributed) rises one priority; a finding the syntax raised in a function of a profiled file that holds
//!   less than [`COLD_SHARE`] (cum) goes back to its rule's priority. Each says why in its `because`. A profile
//!   moves only the findings whose cost it measures ([`raises`], [`lowers`]).
//!
//! Attributed is the measure that ranks and raises: a function's own samples plus those of the runtime,
//! standard-library and dependency code it calls, which is the cost its code decides. Cum would put a
//! dispatcher (`main`, a router, a benchmark loop) above the code that does the work.

mod findings;
mod functions;
mod scope;

pub(crate) use findings::adjust_findings;
pub(crate) use scope::{annotate, order};

use crate::error::AuditError;
use std::path::{Path, PathBuf};
use turk_findings::Category;
use turk_go::ScanReport;
use turk_profile::{Profile, ProfileKind, ProfileReport, Repository, format_value};
use turk_run::{Phase, PhaseStatus, ProfileSource, ScopeEntry, format_share};

/// A function holding at least this share of a profile (attributed) is hot: the static findings in it rise one
/// priority. Four times the share below which `go tool pprof` leaves a function out of its graphs as
/// insignificant (`-nodefraction=0.005`): a function a profile's reader would look at first.
pub const HOT_SHARE: f64 = 0.02;
/// A function of a file the profile reaches holding less than this share (cum, the widest measure: its code and
/// everything it calls) is cold: a raise the syntax gave a finding there is undone. pprof's own threshold of
/// insignificance.
pub const COLD_SHARE: f64 = 0.005;
/// A file holding at least this share of a profile (attributed) leads the scope, ahead of the syntactic
/// ranking: the share of one hot function.
pub const LEAD_SHARE: f64 = HOT_SHARE;

/// Whether a function hot in a profile of `kind` raises a finding of `category`. A CPU profile raises every
/// finding (a function that takes CPU time runs often, and whatever it wastes it wastes as often); a heap
/// profile the findings about allocation (JSON encoding among them); a mutex or block profile the findings about
/// concurrency. A goroutine profile says where goroutines wait, not what costs: it raises nothing.
pub fn raises(kind: ProfileKind, category: Category) -> bool {
    match kind {
        ProfileKind::Cpu => true,
        ProfileKind::Heap | ProfileKind::Contention => lowers(kind, category),
        ProfileKind::Goroutine | ProfileKind::Other => false,
    }
}

/// Whether a function cold in a profile of `kind` keeps a finding of `category` from a syntactic raise: only
/// where the profile measures that cost. A CPU profile sees work, not waiting: I/O, HTTP, cloud calls and lock
/// waits cost time it never samples, so it lowers only allocation, CPU and JSON findings.
pub fn lowers(kind: ProfileKind, category: Category) -> bool {
    match kind {
        ProfileKind::Cpu => matches!(category, Category::Allocation | Category::Cpu | Category::Json),
        ProfileKind::Heap => matches!(category, Category::Allocation | Category::Json),
        ProfileKind::Contention => category == Category::Concurrency,
        ProfileKind::Goroutine | ProfileKind::Other => false,
    }
}

/// The profile's sample type as a reader names it: `CPU` for `cpu`, else the type's name (`alloc_space`).
pub(crate) fn label(report: &ProfileReport) -> &str {
    turk_run::sample_label(&report.sample_type.name)
}

/// A profile read before the scan: decoded, its sample type chosen (`name/unit`), the profiles of one sample
/// type added up.
#[derive(Debug)]
pub(crate) struct ReadProfile {
    profile: Profile,
    sample: String,
    files: Vec<String>,
}

/// Reads every profile and chooses its sample type: `sample` for the profiles that record it, each kind's
/// default for the others (a CPU and a heap profile cannot share one sample type). A sample type that no profile
/// records is an error, as is a missing or damaged file.
pub(crate) fn read(paths: &[PathBuf], sample: Option<&str>) -> Result<Vec<ReadProfile>, AuditError> {
    let mut groups: Vec<(String, Vec<Profile>, Vec<String>)> = Vec::new();
    let mut recorded = false;
    let mut first_error = None;
    for path in paths {
        let profile = Profile::read(path)?;
        let index = match sample.map(|s| profile.choose_sample(Some(s))) {
            Some(Ok(index)) => {
                recorded = true;
                index
            }
            Some(Err(err)) => {
                first_error.get_or_insert(err);
                profile.choose_sample(None)?
            }
            None => profile.choose_sample(None)?,
        };
        let chosen = profile.sample_types()[index].to_string();
        let file = path.display().to_string();
        match groups.iter_mut().find(|(s, ..)| *s == chosen) {
            Some((_, profiles, files)) => {
                profiles.push(profile);
                files.push(file);
            }
            None => groups.push((chosen, vec![profile], vec![file])),
        }
    }
    if let (false, Some(err)) = (recorded, first_error) {
        return Err(err.into());
    }
    groups
        .into_iter()
        .map(|(sample, profiles, files)| {
            let mut profiles = profiles.into_iter();
            let first = profiles.next().expect("a group has a profile");
            let profile = profiles.try_fold(first, Profile::merge)?;
            Ok(ReadProfile {
                profile,
                sample,
                files,
            })
        })
        .collect()
}

/// The profiles summarised against the scanned repository, and what the user should know about the mapping.
pub(crate) fn summarize(
    read: Vec<ReadProfile>,
    scan: &ScanReport,
    warnings: &mut Vec<String>,
) -> Result<Vec<(ProfileReport, Vec<String>)>, AuditError> {
    let repo = repository(scan);
    let root = scan.root.display();
    let mut reports = Vec::with_capacity(read.len());
    for r in read {
        let report = r.profile.summarize(Some(&r.sample), &repo)?;
        let name = &report.sample_type.name;
        if report.repository.cum == 0 {
            warnings.push(format!(
                "{}: no {name} reaches a Go file of {root}: is it a profile of this repository's code? The \
                 scope is ranked without it (`turk profile` shows how it maps)",
                report.source
            ));
        } else if let Some(unmapped) = report.unmapped_flat_share() {
            warnings.push(format!(
                "{}: {} of {name} is flat in the repository's packages but matched no file under {root}: the \
                 profiled code may differ from this checkout",
                report.source,
                format_share(unmapped)
            ));
        }
        reports.push((report, r.files));
    }
    Ok(reports)
}

/// The repository a profile maps onto: the scan's Go files (skipped ones too: a generated file still is the
/// repository's) and the modules of its `go.mod` files.
pub fn repository(scan: &ScanReport) -> Repository {
    let files = scan
        .files
        .iter()
        .map(|f| f.path.as_str())
        .chain(scan.skipped.iter().map(|s| s.path.as_str()));
    let below = module_path_below(&scan.root);
    let modules = scan.modules.iter().filter_map(|(folder, gomod)| {
        let path = gomod.module.clone()?;
        let path = match (folder.as_str(), &below) {
            ("." | "", Some(down)) if !down.is_empty() => format!("{path}/{down}"),
            _ => path,
        };
        Some((path, folder.clone()))
    });
    Repository::new(files).with_modules(modules.collect::<Vec<_>>())
}

/// When `root` has no `go.mod` of its own, its path below the folder of the nearest `go.mod` above it
/// (`internal/cache`): discovery files that module under `root`, whose packages' paths are then the module's
/// path plus this.
pub fn module_path_below(root: &Path) -> Option<String> {
    if root.join("go.mod").is_file() {
        return None;
    }
    let absolute = root.canonicalize().ok()?;
    let module_dir = absolute
        .ancestors()
        .skip(1)
        .find(|dir| dir.join("go.mod").is_file())?;
    let down = absolute.strip_prefix(module_dir).ok()?;
    Some(down.to_string_lossy().replace('\\', "/"))
}

/// What the run document says of each profile, and its phase: what it measures, how much of it is the
/// repository's code, which files of the scope it puts first and what it did to the static findings.
pub(crate) fn sources(
    reports: &[(ProfileReport, Vec<String>)],
    counts: &[(usize, usize)],
    scope: &[ScopeEntry],
) -> (Vec<ProfileSource>, Vec<Phase>) {
    let mut sources = Vec::new();
    let mut phases = Vec::new();
    for ((report, files), (raised, kept_down)) in reports.iter().zip(counts) {
        let unit = &report.sample_type.unit;
        sources.push(ProfileSource {
            files: files.clone(),
            kind: report.kind.label().to_string(),
            sample_type: report.sample_type.name.clone(),
            unit: unit.clone(),
            total: report.total,
            repository_share: report.repository.cum_share,
            raised: *raised,
            kept_down: *kept_down,
        });
        let mut detail = format!(
            "{} profile, {} of {}: {} has the repository's code on the stack",
            report.kind.label(),
            format_value(report.total, unit),
            report.sample_type.name,
            format_share(report.repository.cum_share)
        );
        let leading: Vec<&str> = scope
            .iter()
            .filter(|e| !e.pinned && scope::leads(report, &e.path))
            .map(|e| e.path.as_str())
            .collect();
        if !leading.is_empty() {
            let more = leading.len().saturating_sub(3);
            detail.push_str(&format!(
                "; first in the scope: {}",
                leading[..leading.len() - more].join(", ")
            ));
            if more > 0 {
                detail.push_str(&format!(" and {more} more"));
            }
        }
        detail.push_str(&format!(
            "; static findings raised: {raised}, kept at their rule's priority: {kept_down}"
        ));
        phases.push(Phase {
            name: format!("Profile: {}", files.join(" + ")),
            status: if report.repository.cum == 0 {
                PhaseStatus::Partial
            } else {
                PhaseStatus::Done
            },
            detail,
        });
    }
    (sources, phases)
}
