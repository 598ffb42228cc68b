//! Several profiles of one kind added into one, as `go tool pprof a.pprof b.pprof` adds them: two CPU profiles
//! of two benchmarks, the heap profiles of several instances of a service.

use crate::decode::{Frame, Profile};
use crate::error::ProfileError;
use std::collections::HashMap;

impl Profile {
    /// Adds `other`'s samples to this profile. A function with the same name and file in both is one function,
    /// so its shares in the summary are of the sum of both profiles; the recording times add up. Both must record
    /// the same sample types (any two CPU profiles do, and so do any two heap profiles); the merged profile is
    /// named after both (`cpu-a.pprof + cpu-b.pprof`).
    pub fn merge(mut self, other: Profile) -> Result<Profile, ProfileError> {
        if self.sample_types != other.sample_types {
            let list = |p: &Profile| {
                p.sample_types
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(ProfileError::CannotMerge {
                path: other.source.clone(),
                into: self.source.clone(),
                reason: format!("it records {}, the other {}", list(&other), list(&self)),
            });
        }
        let mut by_key: HashMap<(String, String), usize> = self
            .functions
            .iter()
            .enumerate()
            .map(|(i, f)| ((f.name.clone(), f.file.clone()), i))
            .collect();
        let function_map: Vec<usize> = other
            .functions
            .into_iter()
            .map(|record| {
                let key = (record.name.clone(), record.file.clone());
                match by_key.get(&key) {
                    Some(&index) => {
                        if self.functions[index].start_line.is_none() {
                            self.functions[index].start_line = record.start_line;
                        }
                        index
                    }
                    None => {
                        self.functions.push(record);
                        by_key.insert(key, self.functions.len() - 1);
                        self.functions.len() - 1
                    }
                }
            })
            .collect();
        let offset = self.locations.len();
        self.locations.extend(other.locations.into_iter().map(|frames| {
            frames
                .into_iter()
                .map(|frame| Frame {
                    function: frame.function.map(|f| function_map[f]),
                    line: frame.line,
                })
                .collect()
        }));
        self.samples.extend(other.samples.into_iter().map(|mut sample| {
            for location in &mut sample.locations {
                *location += offset;
            }
            sample
        }));
        self.duration_nanos = match (self.duration_nanos, other.duration_nanos) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        self.source = format!("{} + {}", self.source, other.source);
        Ok(self)
    }
}
