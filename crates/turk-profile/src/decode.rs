//! From bytes to a checked [`Profile`]: gunzip (or take the bytes as they are), decode `profile.proto` with
//! prost, and resolve every id and string index once, so the rest of the crate never sees a dangling reference.

use crate::error::ProfileError;
use crate::proto;
use crate::sample::{ProfileKind, SampleType};
use flate2::read::GzDecoder;
use prost::Message;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// The most a profile may take once decompressed. Real profiles are kilobytes to tens of megabytes; the bound
/// keeps a gzip bomb from filling memory.
pub const MAX_PROFILE_BYTES: u64 = 1 << 30;

/// A decoded Go profile: sample types, functions, stacks and their values, every reference checked.
#[derive(Debug, Clone)]
pub struct Profile {
    pub(crate) source: String,
    pub(crate) sample_types: Vec<SampleType>,
    pub(crate) default_sample_type: Option<usize>,
    pub(crate) duration_nanos: Option<i64>,
    pub(crate) functions: Vec<FunctionRecord>,
    /// The frames of each location, innermost first (inlined calls give one location several frames).
    pub(crate) locations: Vec<Vec<Frame>>,
    pub(crate) samples: Vec<StackSample>,
}

/// A function as the profile names it. Records with the same name and file are merged.
#[derive(Debug, Clone)]
pub(crate) struct FunctionRecord {
    pub name: String,
    pub file: String,
    pub start_line: Option<u32>,
}

/// One frame of a stack: a function (none when the location was not symbolised) and a line (0 when unknown).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub function: Option<usize>,
    pub line: u32,
}

/// A stack, leaf location first, and its values, one per sample type.
#[derive(Debug, Clone)]
pub(crate) struct StackSample {
    pub locations: Vec<usize>,
    pub values: Vec<i64>,
}

impl Profile {
    /// Reads and decodes the profile at `path` (gzipped, as Go writes it, or an uncompressed `profile.proto`).
    pub fn read(path: &Path) -> Result<Profile, ProfileError> {
        let source = path.display().to_string();
        let read_error = |error| ProfileError::Read {
            path: source.clone(),
            error,
        };
        let file = std::fs::File::open(path).map_err(read_error)?;
        let mut bytes = Vec::new();
        file.take(MAX_PROFILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
        if bytes.len() as u64 > MAX_PROFILE_BYTES {
            return Err(ProfileError::TooLarge {
                path: source,
                limit: MAX_PROFILE_BYTES,
            });
        }
        Profile::decode(&source, &bytes)
    }

    /// Decodes a profile held in memory; `source` names it in errors and in the summary.
    pub fn decode(source: &str, bytes: &[u8]) -> Result<Profile, ProfileError> {
        let not_a_profile = |reason: String| ProfileError::NotAProfile {
            path: source.to_string(),
            reason,
        };
        if bytes.is_empty() {
            return Err(ProfileError::Empty {
                path: source.to_string(),
            });
        }
        let message = if bytes.starts_with(&[0x1f, 0x8b]) {
            let raw = gunzip(source, bytes)?;
            if raw.is_empty() {
                return Err(not_a_profile("the gzip data holds nothing".into()));
            }
            proto::Profile::decode(raw.as_slice()).map_err(|e| {
                not_a_profile(format!(
                    "gzip data, but not a complete profile.proto message ({e})"
                ))
            })?
        } else if looks_like_text(bytes) {
            return Err(not_a_profile(
                "this is text; turk reads the binary profile.proto that `go test -cpuprofile`, runtime/pprof \
                 and net/http/pprof (without `?debug=`) write"
                    .into(),
            ));
        } else {
            proto::Profile::decode(bytes).map_err(|e| {
                not_a_profile(format!(
                    "neither gzip-compressed nor a complete profile.proto message ({e})"
                ))
            })?
        };
        resolve(source, message).map_err(not_a_profile)
    }

    /// The file or name the profile was read from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The sample types the profile records, in the profile's order.
    pub fn sample_types(&self) -> &[SampleType] {
        &self.sample_types
    }

    /// What kind of profile this is, judged from its sample types.
    pub fn kind(&self) -> ProfileKind {
        ProfileKind::of(&self.sample_types)
    }

    /// How long the profile was recorded, when it says.
    pub fn duration_nanos(&self) -> Option<i64> {
        self.duration_nanos
    }
}

fn gunzip(source: &str, bytes: &[u8]) -> Result<Vec<u8>, ProfileError> {
    let mut raw = Vec::new();
    let result = GzDecoder::new(bytes)
        .take(MAX_PROFILE_BYTES + 1)
        .read_to_end(&mut raw);
    match result {
        Ok(_) if raw.len() as u64 > MAX_PROFILE_BYTES => Err(ProfileError::TooLarge {
            path: source.to_string(),
            limit: MAX_PROFILE_BYTES,
        }),
        Ok(_) => Ok(raw),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(ProfileError::Truncated {
            path: source.to_string(),
        }),
        Err(e) => Err(ProfileError::Gzip {
            path: source.to_string(),
            detail: e.to_string(),
        }),
    }
}

/// Text (a `?debug=1` profile, `go tool pprof -top` output, source code) is all printable; an encoded profile
/// has small varints and length prefixes in its first bytes.
fn looks_like_text(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .take(512)
        .all(|b| b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Checks every index and id of the decoded message and turns it into a [`Profile`]; the error is the reason
/// the message is not a usable profile.
fn resolve(source: &str, message: proto::Profile) -> Result<Profile, String> {
    let strings = &message.string_table;
    if strings.first().map(String::as_str) != Some("") {
        return Err("no string table (a profile.proto starts its string table with an empty string)".into());
    }
    let string = |index: i64, what: &str| -> Result<&str, String> {
        usize::try_from(index)
            .ok()
            .and_then(|i| strings.get(i))
            .map(String::as_str)
            .ok_or_else(|| format!("{what} refers to string {index}, beyond the string table"))
    };
    if message.sample_type.is_empty() {
        return Err("no sample types".into());
    }
    let mut sample_types = Vec::with_capacity(message.sample_type.len());
    for value_type in &message.sample_type {
        sample_types.push(SampleType {
            name: string(value_type.r#type, "a sample type")?.to_string(),
            unit: string(value_type.unit, "a sample unit")?.to_string(),
        });
    }
    let default_name = string(message.default_sample_type, "the default sample type")?;
    let default_sample_type = (!default_name.is_empty())
        .then(|| sample_types.iter().position(|t| t.name == default_name))
        .flatten();

    let mut functions: Vec<FunctionRecord> = Vec::new();
    let mut function_by_key: HashMap<(String, String), usize> = HashMap::new();
    let mut function_by_id: HashMap<u64, usize> = HashMap::with_capacity(message.function.len());
    for function in &message.function {
        let name = string(function.name, "a function name")?;
        let file = string(function.filename, "a function's file name")?;
        let start_line = u32::try_from(function.start_line).ok().filter(|l| *l > 0);
        let index = *function_by_key
            .entry((name.to_string(), file.to_string()))
            .or_insert_with(|| {
                functions.push(FunctionRecord {
                    name: name.to_string(),
                    file: file.to_string(),
                    start_line,
                });
                functions.len() - 1
            });
        if functions[index].start_line.is_none() {
            functions[index].start_line = start_line;
        }
        function_by_id.insert(function.id, index);
    }

    let mut locations = Vec::with_capacity(message.location.len());
    let mut location_by_id: HashMap<u64, usize> = HashMap::with_capacity(message.location.len());
    for location in &message.location {
        let mut frames = Vec::with_capacity(location.line.len().max(1));
        for line in &location.line {
            let function = match line.function_id {
                0 => None,
                id => Some(*function_by_id.get(&id).ok_or_else(|| {
                    format!(
                        "location {} refers to function {id}, which is not defined",
                        location.id
                    )
                })?),
            };
            frames.push(Frame {
                function,
                line: u32::try_from(line.line).unwrap_or(0),
            });
        }
        if frames.is_empty() {
            // An address without symbols still is a frame; its cost must not vanish.
            frames.push(Frame {
                function: None,
                line: 0,
            });
        }
        location_by_id.insert(location.id, locations.len());
        locations.push(frames);
    }

    let mut samples = Vec::with_capacity(message.sample.len());
    for (n, sample) in message.sample.into_iter().enumerate() {
        if sample.value.len() != sample_types.len() {
            return Err(format!(
                "sample {} has {} values for {} sample types",
                n + 1,
                sample.value.len(),
                sample_types.len()
            ));
        }
        let locations = sample
            .location_id
            .iter()
            .map(|id| {
                location_by_id
                    .get(id)
                    .copied()
                    .ok_or_else(|| format!("sample {} refers to location {id}, which is not defined", n + 1))
            })
            .collect::<Result<Vec<_>, _>>()?;
        samples.push(StackSample {
            locations,
            values: sample.value,
        });
    }

    Ok(Profile {
        source: source.to_string(),
        sample_types,
        default_sample_type,
        duration_nanos: (message.duration_nanos > 0).then_some(message.duration_nanos),
        functions,
        locations,
        samples,
    })
}
