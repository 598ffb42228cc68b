//! Sample types and the kind of profile they make, and which sample type turk reads when none is asked for.

use crate::decode::Profile;
use crate::error::ProfileError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A sample type as the profile declares it: `cpu` in `nanoseconds`, `alloc_space` in `bytes`...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleType {
    pub name: String,
    pub unit: String,
}

impl fmt::Display for SampleType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.name, self.unit)
    }
}

/// What a Go profile measures, judged from its sample types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    /// `go test -cpuprofile`, `/debug/pprof/profile`: `samples/count`, `cpu/nanoseconds`.
    Cpu,
    /// `go test -memprofile`, `/debug/pprof/heap` and `/allocs`: `alloc_objects`, `alloc_space`,
    /// `inuse_objects`, `inuse_space`.
    Heap,
    /// `-mutexprofile` and `-blockprofile`, `/debug/pprof/mutex` and `/block`: `contentions/count`,
    /// `delay/nanoseconds` (the two profiles have the same shape).
    Contention,
    /// `/debug/pprof/goroutine`: `goroutine/count`.
    Goroutine,
    /// Anything else, e.g. a profile written by another tool.
    Other,
}

impl ProfileKind {
    pub fn of(types: &[SampleType]) -> ProfileKind {
        let has = |name: &str| types.iter().any(|t| t.name == name);
        if has("cpu") {
            ProfileKind::Cpu
        } else if ["alloc_space", "alloc_objects", "inuse_space", "inuse_objects"]
            .iter()
            .any(|n| has(n))
        {
            ProfileKind::Heap
        } else if has("delay") || has("contentions") {
            ProfileKind::Contention
        } else if has("goroutine") {
            ProfileKind::Goroutine
        } else {
            ProfileKind::Other
        }
    }

    /// The sample type read when none is asked for. Heap profiles default to `alloc_space`, everything
    /// allocated over the run, because an audit looks for waste; `inuse_space` (what is still live, pprof's
    /// default) answers a question about memory held, not about work done.
    pub fn preferred_sample(self) -> Option<&'static str> {
        match self {
            ProfileKind::Cpu => Some("cpu"),
            ProfileKind::Heap => Some("alloc_space"),
            ProfileKind::Contention => Some("delay"),
            ProfileKind::Goroutine | ProfileKind::Other => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProfileKind::Cpu => "CPU",
            ProfileKind::Heap => "heap",
            ProfileKind::Contention => "mutex/block",
            ProfileKind::Goroutine => "goroutine",
            ProfileKind::Other => "other",
        }
    }
}

impl Profile {
    /// The index of the sample type to read: `wanted` by name (`alloc_space`) or name and unit
    /// (`alloc_space/bytes`), case-insensitively; without it, the kind's preferred type, else the profile's
    /// `default_sample_type`, else the last type (pprof's own fallback).
    pub fn choose_sample(&self, wanted: Option<&str>) -> Result<usize, ProfileError> {
        let types = &self.sample_types;
        match wanted.map(str::trim).filter(|w| !w.is_empty()) {
            Some(wanted) => {
                let (name, unit) = match wanted.split_once('/') {
                    Some((name, unit)) => (name, Some(unit)),
                    None => (wanted, None),
                };
                types
                    .iter()
                    .position(|t| {
                        t.name.eq_ignore_ascii_case(name)
                            && unit.is_none_or(|u| t.unit.eq_ignore_ascii_case(u))
                    })
                    .ok_or_else(|| ProfileError::NoSuchSampleType {
                        path: self.source.clone(),
                        wanted: wanted.to_string(),
                        available: types
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
            }
            None => Ok(self
                .kind()
                .preferred_sample()
                .and_then(|name| types.iter().position(|t| t.name == name))
                .or(self.default_sample_type)
                .unwrap_or(types.len() - 1)),
        }
    }
}
