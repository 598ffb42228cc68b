//! Hot-path ranking: which files an audit should spend its review budget on, and why, the way a Go performance
//! specialist picks them.
//!
//! 1. During the analyzer's walk, each file's facts are collected (`facts.rs`): the functions it declares, the
//!    calls it makes with whether each runs in a loop, a goroutine or a request handler, and the signs of what
//!    kind of code it is (`signals.rs`).
//! 2. Across files (`calls.rs`), calls are joined to declarations by name within the module, and heat spreads
//!    from request handlers, message and accept loops, worker loops and per-item loops to everything they call:
//!    a function called per request is hot, and so is the file that holds it.
//! 3. Each file is recognised as the kinds of code it is (`kinds.rs`): a message transport, a server, request
//!    handlers, a worker pool, a cache, a client... An entry point that parses flags and starts engines ranks
//!    below the engines it starts; test support ranks last.
//! 4. The score adds what the kinds are worth, the heat, the file's own signals, and its static findings by
//!    priority where they lie on hot paths (never style findings, never tests: `findings.rs`). The reason says
//!    it in words (`reason.rs`); the counts stay in the metrics.
//!
//! [`ScopeAnalysis`] holds the result for a scan: [`ScopeAnalysis::rank`], [`ScopeAnalysis::pinned`] and the
//! module's [`ScopeAnalysis::outline`] for the reviewers.

mod calls;
pub(crate) mod facts;
mod findings;

pub use findings::may_rise;
mod kinds;
mod outline;
mod reason;
mod signals;

use crate::analyze::FileAnalysis;
use crate::gomod::GoMod;
use calls::{CallGraph, Flavour, Heat, Via};
use globset::{Glob, GlobSetBuilder};
use kinds::{Evidence, Kind, Recognised, SdkUse};
use reason::{FindingCounts, ReasonParts};
use turk_findings::Priority;
pub use turk_run::{FileMetrics, HotFunction, PackageSummary, ScopeEntry};

/// A glob in the scope configuration does not compile.
#[derive(Debug, thiserror::Error)]
#[error("invalid scope pattern `{pattern}`: {message}")]
pub struct ScopePatternError {
    pub pattern: String,
    pub message: String,
}

/// Most hot functions listed per file.
const MAX_HOT_FUNCTIONS: usize = 12;

/// The ranking of a scan's files, computed once: every non-test file's kind, score, reason and hot functions.
#[derive(Debug)]
pub struct ScopeAnalysis<'a> {
    files: &'a [FileAnalysis],
    /// Per file; `None` for test files.
    scored: Vec<Option<Scored>>,
    outline: Vec<PackageSummary>,
}

#[derive(Debug, Clone)]
struct Scored {
    kind: String,
    score: f64,
    reason: String,
    hot: Vec<HotFunction>,
}

/// Ranks the files of a scan: `modules` (from [`crate::ScanReport::modules`]) tells which imports are the
/// module's own; without them, an import is matched to the folder its path ends with.
pub fn analyse<'a>(files: &'a [FileAnalysis], modules: &[(String, GoMod)]) -> ScopeAnalysis<'a> {
    let graph = CallGraph::build(files, modules);
    let mut drafts: Vec<Option<Draft>> = files
        .iter()
        .enumerate()
        .map(|(index, file)| (!file.is_test).then(|| Draft::new(index, file, &graph, files)))
        .collect();
    // An entry point ranks below the engines it starts; request handlers say which engines they call.
    let linked: Vec<(Engines, Engines)> = (0..files.len())
        .map(|index| {
            let started = graph.started[index].iter().map(|f| f.file as usize);
            let called = graph.callee_files[index].iter().map(|f| *f as usize);
            (engines(index, started, &drafts), engines(index, called, &drafts))
        })
        .collect();
    for (index, (started, called)) in linked.iter().enumerate() {
        let Some(draft) = drafts[index].as_mut() else {
            continue;
        };
        match draft.primary() {
            Some(Kind::EntryPoint) => {
                draft.score *= 0.5;
                if let Some(lowest) = started.iter().map(|(_, score, _)| *score).reduce(f64::min) {
                    draft.score = draft.score.min(lowest * 0.9);
                }
                draft.starts = kinds_of(started, files);
            }
            Some(Kind::Handlers | Kind::Server) => draft.calls = kinds_of(called, files),
            _ => {}
        }
    }
    let scored: Vec<Option<Scored>> = drafts
        .iter()
        .enumerate()
        .map(|(index, draft)| {
            draft.as_ref().map(|d| Scored {
                kind: d.kinds.first().map(|k| k.label.clone()).unwrap_or_default(),
                score: (d.score * 10.0).round() / 10.0,
                reason: d.reason(&files[index]),
                hot: d.hot.clone(),
            })
        })
        .collect();
    let roles: Vec<outline::FileRole<'_>> = drafts
        .iter()
        .map(|d| outline::FileRole {
            kind: d
                .as_ref()
                .and_then(|d| d.kinds.first())
                .map(|k| (k.kind, k.label.as_str())),
            score: d.as_ref().map_or(0.0, |d| d.score),
        })
        .collect();
    let outline = outline::outline(files, &roles);
    ScopeAnalysis {
        files,
        scored,
        outline,
    }
}

/// Engine files: index, score and kind.
type Engines = Vec<(usize, f64, String)>;

/// The engine files (not entry points, not tests) among `targets` but `index` itself, hottest first, each with
/// its score and kind.
fn engines(index: usize, targets: impl Iterator<Item = usize>, drafts: &[Option<Draft>]) -> Engines {
    let mut targets: Vec<usize> = targets.filter(|t| *t != index).collect();
    targets.sort_unstable();
    targets.dedup();
    let mut engines: Engines = targets
        .into_iter()
        .filter_map(|t| {
            let draft = drafts[t].as_ref()?;
            let primary = draft.kinds.first().filter(|k| k.kind.is_engine())?;
            Some((t, draft.score, primary.label.clone()))
        })
        .collect();
    engines.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    engines
}

/// What an entry point starts or handlers call, hottest first, a kind once with its files: "HTTP handlers
/// (internal/api/handler.go, internal/api/middleware.go), worker pool (internal/worker/pool.go)".
fn kinds_of(engines: &[(usize, f64, String)], files: &[FileAnalysis]) -> Vec<String> {
    let mut kinds: Vec<(&str, Vec<&str>)> = Vec::new();
    for (file, _, label) in engines.iter().take(4) {
        let path = files[*file].path.as_str();
        match kinds.iter_mut().find(|(l, _)| l == label) {
            Some((_, paths)) => paths.push(path),
            None => kinds.push((label, vec![path])),
        }
    }
    kinds
        .into_iter()
        .map(|(label, paths)| format!("{label} ({})", paths.join(", ")))
        .collect()
}

/// One file's ranking before entry points are put below their engines.
#[derive(Debug)]
struct Draft {
    kinds: Vec<Recognised>,
    score: f64,
    reached: Option<(String, String)>,
    starts: Vec<String>,
    calls: Vec<String>,
    findings: FindingCounts,
    hot: Vec<HotFunction>,
}

impl Draft {
    fn new(index: usize, file: &FileAnalysis, graph: &CallGraph, files: &[FileAnalysis]) -> Draft {
        let facts = &file.facts;
        let heat = &graph.heat[index];
        let sdk = sdk_use(file, &graph.own_imports[index]);
        let registered = heat
            .iter()
            .flatten()
            .filter(|h| {
                h.depth == 0
                    && matches!(h.flavour, Flavour::Request | Flavour::Message)
                    && matches!(h.via, Via::Itself | Via::Registered { .. })
            })
            .count() as u32;
        let kinds = kinds::recognise(&Evidence {
            path: &file.path,
            facts,
            metrics: &file.metrics,
            sdk: sdk.as_ref(),
            registered_handlers: registered,
        });
        let hot_lines: Vec<(u32, u32)> = facts
            .functions
            .iter()
            .zip(heat)
            .filter(|(_, h)| h.is_some_and(|h| !matches!(h.flavour, Flavour::Startup | Flavour::Operations)))
            .map(|(f, _)| (f.start_line, f.end_line))
            .chain(facts.handler_literals.iter().copied())
            .collect();
        let mut findings = FindingCounts::default();
        let mut finding_value = 0.0;
        for finding in &file.findings {
            let line = finding.span.start_line;
            if findings::may_rise(finding, file.is_test)
                && hot_lines
                    .iter()
                    .any(|(start, end)| (*start..=*end).contains(&line))
            {
                finding_value += findings::weight(finding.priority);
                match finding.priority {
                    Priority::P0 => findings.p0 += 1,
                    Priority::P1 => findings.p1 += 1,
                    Priority::P2 => findings.p2 += 1,
                }
            }
        }
        // The hottest function counts most: a parser called per message outweighs many functions called once
        // per request. Then how much hot code the file holds, each function weighed by its heat: that is
        // where a profile would put the time.
        let literals = facts
            .handler_literals
            .iter()
            .map(|(start, end)| (end - start + 1, Flavour::Request.weight()));
        let hot_code: f64 = facts
            .functions
            .iter()
            .zip(heat)
            .filter_map(|(f, h)| Some((f.end_line - f.start_line + 1, h.as_ref()?.value())))
            .chain(literals.clone())
            .map(|(lines, value)| value * f64::from(lines))
            .sum();
        let heat_max = heat
            .iter()
            .flatten()
            .map(Heat::value)
            .chain(literals.map(|(_, value)| value))
            .fold(0.0, f64::max);
        let kind_value = match kinds.split_first() {
            Some((primary, others)) => {
                primary.weight() + 0.25 * others.iter().take(1).map(Recognised::weight).sum::<f64>()
            }
            None => 0.0,
        };
        let raw = kind_value
            + 12.0 * heat_max
            + 10.0 * (hot_code / 100.0).ln_1p()
            + 1.5 * signal_value(&file.metrics).ln_1p()
            + 4.0 * f64::ln_1p(finding_value);
        // Bigger files hold more code to review; the hot code above already counts most of it.
        let lines = f64::from(file.metrics.lines.max(2));
        let size = (lines.ln() / 400f64.ln()).clamp(0.8, 1.1);
        let multiplier = match kinds.first().map(|k| k.kind) {
            Some(Kind::TestSupport) => 0.1,
            _ => 1.0,
        };
        let mut hot: Vec<(u32, HotFunction, Heat)> = facts
            .functions
            .iter()
            .zip(heat)
            .filter_map(|(f, h)| {
                // What runs once at startup or when an operations endpoint is asked is not a hot path.
                let h = (*h).filter(|h| !matches!(h.flavour, Flavour::Startup | Flavour::Operations))?;
                Some((
                    f.start_line,
                    HotFunction {
                        name: f.display_name(),
                        start_line: f.start_line,
                        end_line: f.end_line,
                        why: reason::heat_phrase(&h, index, files),
                    },
                    h,
                ))
            })
            .collect();
        // The strongest first to choose which to keep, then in line order to read.
        hot.sort_by_key(|(line, _, h)| (h.flavour, h.depth, *line));
        // How work reaches the file, from elsewhere: within one file, the kind says it better. The hottest
        // function, weighed by its size: the biggest has the most code to be slow in.
        let reached = hot
            .iter()
            .filter(|(_, _, h)| match h.via {
                Via::Call { file, .. } | Via::Registered { file, .. } => file as usize != index,
                Via::Itself => false,
            })
            .max_by(|a, b| {
                let weigh = |(_, f, h): &(u32, HotFunction, Heat)| {
                    h.value() * (1.0 + f64::from(f.end_line - f.start_line + 1).ln())
                };
                weigh(a).total_cmp(&weigh(b)).then(b.0.cmp(&a.0))
            })
            .map(|(_, f, _)| {
                let name = f.name.rsplit('.').next().unwrap_or(&f.name).to_string();
                (name, f.why.clone())
            });
        hot.truncate(MAX_HOT_FUNCTIONS);
        hot.sort_by_key(|(line, ..)| *line);
        Draft {
            kinds,
            score: raw * size * multiplier,
            reached,
            starts: Vec::new(),
            calls: Vec::new(),
            findings,
            hot: hot.into_iter().map(|(_, f, _)| f).collect(),
        }
    }

    fn primary(&self) -> Option<Kind> {
        self.kinds.first().map(|k| k.kind)
    }

    fn reason(&self, file: &FileAnalysis) -> String {
        reason::reason(&ReasonParts {
            kinds: &self.kinds,
            reached: self.reached.clone(),
            starts: self.starts.clone(),
            calls: self.calls.clone(),
            findings: self.findings,
            metrics: &file.metrics,
            facts: &file.facts,
        })
    }
}

/// The file's own signals, as the ranking has always weighed them: concurrency and network work dominate
/// latency profiles, loops amplify everything.
fn signal_value(m: &FileMetrics) -> f64 {
    3.0 * f64::from(m.goroutines)
        + 2.0 * f64::from(m.locks)
        + 1.5 * f64::from(m.channels)
        + 2.0 * f64::from(m.waitgroups)
        + 2.0 * f64::from(m.http)
        + 1.5 * f64::from(m.json)
        + 1.5 * f64::from(m.file_io)
        + 2.0 * f64::from(m.sdk_calls)
        + 0.5 * f64::from(m.loops)
}

/// The third-party SDK a file calls most, leaving out the module's own packages (whose import paths look like
/// a third party's).
fn sdk_use(file: &FileAnalysis, own: &[Option<Option<u32>>]) -> Option<SdkUse> {
    let facts = &file.facts;
    let mut best: Option<(u32, &str)> = None;
    let mut total = SdkUse::default();
    for use_ in &facts.third_party {
        if own.get(usize::from(use_.import)).is_some_and(Option::is_some) {
            continue;
        }
        let path = &facts.imports[usize::from(use_.import)];
        total.calls += use_.calls;
        total.constructors += use_.constructors;
        total.constructors_in_loops += use_.constructors_in_loops;
        total.in_handlers += use_.in_handlers;
        let weight = use_.calls + use_.types;
        if best.is_none_or(|(w, _)| weight > w) {
            best = Some((weight, path));
        }
    }
    let (weight, path) = best?;
    if weight == 0 {
        return None;
    }
    total.calls += facts.client_calls;
    total.client_calls = facts.client_calls;
    total.in_handlers += facts.client_calls_in_handlers;
    total.name = crate::context::imports::default_name(path).to_string();
    Some(total)
}

impl ScopeAnalysis<'_> {
    fn entry(&self, index: usize, pinned: bool) -> Option<ScopeEntry> {
        let file = &self.files[index];
        let test = Scored {
            kind: "tests".into(),
            score: 0.0,
            reason: "a test file".into(),
            hot: Vec::new(),
        };
        let scored = match &self.scored[index] {
            Some(scored) => scored,
            // Only a pinned scope holds test files: the ranking never does.
            None if pinned => &test,
            None => return None,
        };
        Some(ScopeEntry {
            path: file.path.clone(),
            score: scored.score,
            reason: if pinned {
                format!("{}; pinned in configuration", scored.reason)
            } else {
                scored.reason.clone()
            },
            pinned,
            metrics: file.metrics,
            kind: scored.kind.clone(),
            hot_functions: scored.hot.clone(),
            profile: Vec::new(),
        })
    }

    /// The `max_files` hottest non-test files that show any signal, hottest first (ties in path order).
    pub fn rank(&self, max_files: usize) -> Vec<ScopeEntry> {
        let mut entries: Vec<ScopeEntry> = (0..self.files.len())
            .filter_map(|i| self.entry(i, false))
            .filter(|e| e.score > 0.0)
            .collect();
        entries.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.path.cmp(&b.path)));
        entries.truncate(max_files);
        entries
    }

    /// The files matching the configured globs (relative to the root), in path order, with their kinds and
    /// reasons.
    pub fn pinned(&self, include: &[String]) -> Result<Vec<ScopeEntry>, ScopePatternError> {
        let mut builder = GlobSetBuilder::new();
        for pattern in include {
            let glob = Glob::new(pattern).map_err(|e| ScopePatternError {
                pattern: pattern.clone(),
                message: e.kind().to_string(),
            })?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|e| ScopePatternError {
            pattern: include.join(", "),
            message: e.to_string(),
        })?;
        Ok((0..self.files.len())
            .filter(|i| set.is_match(&self.files[*i].path))
            .filter_map(|i| self.entry(i, true))
            .collect())
    }

    /// One line per package, hottest package first: what the reviewers read about the module once per run.
    pub fn outline(&self) -> &[PackageSummary] {
        &self.outline
    }
}

/// Ranks `files` without module information (see [`analyse`]) and keeps the `max_files` hottest.
pub fn rank(files: &[FileAnalysis], max_files: usize) -> Vec<ScopeEntry> {
    analyse(files, &[]).rank(max_files)
}

/// The files of `files` matching the configured globs (see [`ScopeAnalysis::pinned`]).
pub fn pinned(files: &[FileAnalysis], include: &[String]) -> Result<Vec<ScopeEntry>, ScopePatternError> {
    analyse(files, &[]).pinned(include)
}

#[cfg(test)]
mod tests;
