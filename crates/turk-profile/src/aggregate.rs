//! Summing a profile's samples per repository file, function and line, and outside the repository.

use crate::decode::{Frame, FunctionRecord, Profile};
use crate::error::ProfileError;
use crate::names::{self, package_path, short_name};
use crate::report::{
    Cost, FileProfile, FunctionProfile, KindShare, LineProfile, Outside, OutsideFunction, OutsideKind,
    ProfileReport, RepositoryShare, hotter,
};
use crate::repository::{MatchedBy, Repository};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Running sums of one piece of code, with the last sample that counted it in `cum` (a function, file or line
/// counts once per stack, however often the stack passes through it).
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    flat: i64,
    attributed: i64,
    cum: i64,
    last_sample: Option<usize>,
}

impl Sums {
    fn add_cum(&mut self, sample: usize, value: i64) {
        if self.last_sample != Some(sample) {
            self.last_sample = Some(sample);
            self.cum += value;
        }
    }

    fn cost(&self, total: i64) -> Cost {
        Cost {
            flat: self.flat,
            flat_share: share(self.flat, total),
            attributed: self.attributed,
            attributed_share: share(self.attributed, total),
            cum: self.cum,
            cum_share: share(self.cum, total),
        }
    }
}

struct FileSums {
    path: String,
    matched_by: MatchedBy,
    profile_files: BTreeSet<String>,
    sums: Sums,
    lines: BTreeMap<u32, Sums>,
}

/// Where a profile function lives: a repository file (by index), or a kind of outside code.
#[derive(Debug, Clone, Copy)]
enum Place {
    File(usize),
    Outside(OutsideKind),
}

impl Profile {
    /// Sums the sample type `sample` (see [`Profile::choose_sample`]; `None` for the kind's default) per
    /// repository file, function and line, and counts what fell outside the repository.
    pub fn summarize(&self, sample: Option<&str>, repo: &Repository) -> Result<ProfileReport, ProfileError> {
        let index = self.choose_sample(sample)?;
        let sample_type = self.sample_types[index].clone();
        let total: i64 = self.samples.iter().map(|s| s.values[index]).sum();
        if total == 0 {
            return Err(ProfileError::NoSamples {
                path: self.source.clone(),
                sample_type: sample_type.name,
            });
        }

        let mut files: Vec<FileSums> = Vec::new();
        let places = self.place_functions(repo, &mut files);
        let (slot_of, slots) = function_slots(&self.functions, &places);
        let mut functions = vec![Sums::default(); slots.len()];
        // Frames without a symbol are one pseudo-function, so their cost is counted, not lost.
        let mut unsymbolized = Sums::default();
        let mut repo_flat = 0;
        let mut repo_cum = 0;
        let mut outside_by_kind: BTreeMap<OutsideKind, i64> = BTreeMap::new();
        let mut frames: Vec<Frame> = Vec::new();

        for (n, sample) in self.samples.iter().enumerate() {
            let value = sample.values[index];
            if value == 0 {
                continue;
            }
            frames.clear();
            for &location in &sample.locations {
                frames.extend_from_slice(&self.locations[location]);
            }
            let place_of = |frame: &Frame| match frame.function {
                Some(f) => places[f],
                None => Place::Outside(OutsideKind::Unknown),
            };

            // flat: the leaf frame.
            match frames.first() {
                Some(leaf) => {
                    match leaf.function {
                        Some(f) => functions[slot_of[f]].flat += value,
                        None => unsymbolized.flat += value,
                    }
                    match place_of(leaf) {
                        Place::File(file) => {
                            repo_flat += value;
                            files[file].sums.flat += value;
                            if leaf.line > 0 {
                                files[file].lines.entry(leaf.line).or_default().flat += value;
                            }
                        }
                        Place::Outside(kind) => *outside_by_kind.entry(kind).or_default() += value,
                    }
                }
                None => {
                    unsymbolized.flat += value;
                    unsymbolized.add_cum(n, value);
                    *outside_by_kind.entry(OutsideKind::Unknown).or_default() += value;
                }
            }

            // attributed: the innermost repository frame.
            let innermost = frames.iter().find_map(|frame| match place_of(frame) {
                Place::File(file) => Some((frame, file)),
                Place::Outside(_) => None,
            });
            if let Some((frame, file)) = innermost {
                repo_cum += value;
                if let Some(f) = frame.function {
                    functions[slot_of[f]].attributed += value;
                }
                files[file].sums.attributed += value;
                if frame.line > 0 {
                    files[file].lines.entry(frame.line).or_default().attributed += value;
                }
            }

            // cum: everything on the stack, once per stack.
            for frame in &frames {
                match frame.function {
                    Some(f) => functions[slot_of[f]].add_cum(n, value),
                    None => unsymbolized.add_cum(n, value),
                }
                if let Place::File(file) = place_of(frame) {
                    files[file].sums.add_cum(n, value);
                    if frame.line > 0 {
                        files[file].lines.entry(frame.line).or_default().add_cum(n, value);
                    }
                }
            }
        }

        let outside_flat = total - repo_flat;
        Ok(ProfileReport {
            source: self.source.clone(),
            kind: self.kind(),
            sample_type,
            sample_types: self.sample_types.clone(),
            total,
            duration_nanos: self.duration_nanos,
            repository: RepositoryShare {
                flat: repo_flat,
                flat_share: share(repo_flat, total),
                cum: repo_cum,
                cum_share: share(repo_cum, total),
            },
            outside: Outside {
                flat: outside_flat,
                flat_share: share(outside_flat, total),
                unreached: total - repo_cum,
                unreached_share: share(total - repo_cum, total),
                kinds: kind_shares(outside_by_kind, total),
                functions: self.outside_functions(&slots, &places, &functions, unsymbolized, total),
            },
            files: self.file_profiles(files, &slots, &places, &functions, total),
        })
    }

    /// Maps every function onto a repository file (adding it to `files`) or a kind of outside code.
    fn place_functions(&self, repo: &Repository, files: &mut Vec<FileSums>) -> Vec<Place> {
        let mut file_index: HashMap<String, usize> = HashMap::new();
        self.functions
            .iter()
            .map(|function| match repo.resolve(&function.name, &function.file) {
                Some(resolved) => {
                    let index = *file_index.entry(resolved.path.clone()).or_insert_with(|| {
                        files.push(FileSums {
                            path: resolved.path.clone(),
                            matched_by: resolved.matched_by,
                            profile_files: BTreeSet::new(),
                            sums: Sums::default(),
                            lines: BTreeMap::new(),
                        });
                        files.len() - 1
                    });
                    let file = &mut files[index];
                    file.profile_files.insert(function.file.clone());
                    if resolved.matched_by == MatchedBy::ModulePath {
                        file.matched_by = MatchedBy::ModulePath;
                    }
                    Place::File(index)
                }
                None => Place::Outside(outside_kind(&function.name, repo)),
            })
            .collect()
    }

    fn file_profiles(
        &self,
        files: Vec<FileSums>,
        slots: &[usize],
        places: &[Place],
        functions: &[Sums],
        total: i64,
    ) -> Vec<FileProfile> {
        let mut by_file: Vec<Vec<FunctionProfile>> = vec![Vec::new(); files.len()];
        for (slot, &f) in slots.iter().enumerate() {
            let record = &self.functions[f];
            if let Place::File(file) = places[f]
                && functions[slot].cum > 0
            {
                by_file[file].push(FunctionProfile {
                    name: record.name.clone(),
                    short_name: short_name(&record.name).to_string(),
                    start_line: record.start_line,
                    cost: functions[slot].cost(total),
                });
            }
        }
        let mut profiles: Vec<FileProfile> = files
            .into_iter()
            .zip(by_file)
            .filter(|(file, _)| file.sums.cum > 0)
            .map(|(file, mut functions)| {
                functions.sort_by(|a, b| hotter(&a.cost, &b.cost).then_with(|| a.name.cmp(&b.name)));
                let mut lines: Vec<LineProfile> = file
                    .lines
                    .iter()
                    .map(|(&line, sums)| LineProfile {
                        line,
                        cost: sums.cost(total),
                    })
                    .collect();
                lines.sort_by(|a, b| hotter(&a.cost, &b.cost).then(a.line.cmp(&b.line)));
                FileProfile {
                    path: file.path,
                    matched_by: file.matched_by,
                    profile_files: file.profile_files.into_iter().collect(),
                    cost: file.sums.cost(total),
                    functions,
                    lines,
                }
            })
            .collect();
        profiles.sort_by(|a, b| hotter(&a.cost, &b.cost).then_with(|| a.path.cmp(&b.path)));
        profiles
    }

    fn outside_functions(
        &self,
        slots: &[usize],
        places: &[Place],
        functions: &[Sums],
        unsymbolized: Sums,
        total: i64,
    ) -> Vec<OutsideFunction> {
        let entry = |name: &str, kind, profile_file: &str, sums: &Sums| OutsideFunction {
            name: name.to_string(),
            short_name: short_name(name).to_string(),
            package: package_path(name).to_string(),
            kind,
            profile_file: profile_file.to_string(),
            flat: sums.flat,
            flat_share: share(sums.flat, total),
            cum: sums.cum,
            cum_share: share(sums.cum, total),
        };
        let mut outside: Vec<OutsideFunction> = slots
            .iter()
            .enumerate()
            .filter_map(|(slot, &f)| match places[f] {
                Place::Outside(kind) if functions[slot].cum > 0 => {
                    let record = &self.functions[f];
                    Some(entry(&record.name, kind, &record.file, &functions[slot]))
                }
                _ => None,
            })
            .collect();
        if unsymbolized.cum > 0 {
            outside.push(entry("(no symbol)", OutsideKind::Unknown, "", &unsymbolized));
        }
        outside.sort_by(|a, b| {
            b.flat
                .cmp(&a.flat)
                .then(b.cum.cmp(&a.cum))
                .then_with(|| a.name.cmp(&b.name))
        });
        outside
    }
}

/// The function each record is summed as (`slot_of`, by record) and the first record of each function
/// (`slots`). A function is its name within its repository file, or its name outside the repository: profiles of
/// two checkouts, added with [`Profile::merge`], name the same function by two file names, and Go's function
/// names are unique within a program.
fn function_slots(records: &[FunctionRecord], places: &[Place]) -> (Vec<usize>, Vec<usize>) {
    let mut by_key: HashMap<(&str, Option<usize>), usize> = HashMap::with_capacity(records.len());
    let mut slots = Vec::new();
    let slot_of = records
        .iter()
        .zip(places)
        .enumerate()
        .map(|(f, (record, place))| {
            let file = match place {
                Place::File(file) => Some(*file),
                Place::Outside(_) => None,
            };
            *by_key.entry((record.name.as_str(), file)).or_insert_with(|| {
                slots.push(f);
                slots.len() - 1
            })
        })
        .collect();
    (slot_of, slots)
}

/// What kind of outside code a function that matched no repository file is.
fn outside_kind(name: &str, repo: &Repository) -> OutsideKind {
    if names::is_type_function(name) {
        return OutsideKind::Runtime;
    }
    let package = package_path(name);
    if package.is_empty() {
        OutsideKind::Unknown
    } else if package == "main" || repo.owns_package(package) {
        OutsideKind::Unmapped
    } else if names::is_runtime(package) {
        OutsideKind::Runtime
    } else if names::is_standard_library(package) {
        OutsideKind::StandardLibrary
    } else {
        OutsideKind::Dependency
    }
}

fn kind_shares(by_kind: BTreeMap<OutsideKind, i64>, total: i64) -> Vec<KindShare> {
    let mut kinds: Vec<KindShare> = by_kind
        .into_iter()
        .filter(|(_, flat)| *flat != 0)
        .map(|(kind, flat)| KindShare {
            kind,
            flat,
            flat_share: share(flat, total),
        })
        .collect();
    kinds.sort_by(|a, b| b.flat.cmp(&a.flat).then(a.kind.cmp(&b.kind)));
    kinds
}

fn share(value: i64, total: i64) -> f64 {
    value as f64 / total as f64
}
