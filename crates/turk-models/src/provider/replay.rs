//! `provider: replay`: answers come from recorded model answers in a folder, for offline demos and tests.
//! Nothing is sent anywhere, and the outcome is labelled `recorded`.
//!
//! Every `*.json`, `*.md` or `*.txt` file in `replay_dir` is one recorded answer, in the same shape (and with
//! the same tolerance for prose and fences) as a live one. Each request is answered with the recorded findings
//! that fall inside the files and lines it carries, so the same recording works however the scope is chunked.

use super::ProviderSettings;
use crate::chunk::ChunkPart;
use crate::config::{ConfigError, Keys, ReviewerConfig};
use crate::error::{BuildError, PreflightError};
use crate::ground::normalise_path;
use crate::reviewer::{CompleteFuture, ModelAnswer, ModelRequest, Reviewer};
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use turk_run::Provider;

/// The keys of a `replay` reviewer besides the common ones.
pub const KEYS: &[&str] = &["replay_dir"];

/// A folder of recorded answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplaySettings {
    /// Relative paths in `turk.yaml` are resolved against the file's folder by the loader.
    pub replay_dir: PathBuf,
}

impl ReplaySettings {
    pub(crate) fn parse(keys: &mut Keys) -> Result<Self, ConfigError> {
        Ok(ReplaySettings {
            replay_dir: keys
                .required("replay_dir", " for replay (a folder of recorded answers)")?
                .into(),
        })
    }
}

impl ProviderSettings for ReplaySettings {
    fn kind(&self) -> Provider {
        Provider::Replay
    }

    fn api_key_env(&self) -> Option<&str> {
        None
    }

    fn endpoint(&self) -> String {
        format!("replay:{}", self.replay_dir.display())
    }

    fn recorded(&self) -> bool {
        true
    }

    fn default_model(&self) -> Option<&str> {
        Some("recorded")
    }

    fn validate(&self, _reviewer: &str) -> Result<(), ConfigError> {
        Ok(())
    }

    fn check_ready(&self, reviewer: &str) -> Result<(), PreflightError> {
        answer_files(reviewer, &self.replay_dir).map(drop)
    }

    fn not_found_hint(&self, _config: &ReviewerConfig) -> String {
        format!("check replay_dir `{}`", self.replay_dir.display())
    }

    fn build(&self, config: &ReviewerConfig) -> Result<Arc<dyn Reviewer>, BuildError> {
        Ok(Arc::new(ReplayReviewer::from_dir(&config.id, &self.replay_dir)?))
    }
}

/// The recorded answers in `dir`, sorted; errors when the folder cannot be read or holds none.
fn answer_files(reviewer: &str, dir: &Path) -> Result<Vec<PathBuf>, PreflightError> {
    let entries = std::fs::read_dir(dir).map_err(|source| PreflightError::ReplayDirUnreadable {
        reviewer: reviewer.to_string(),
        dir: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|x| x == "json" || x == "md" || x == "txt")
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(PreflightError::ReplayDirEmpty {
            reviewer: reviewer.to_string(),
            dir: dir.to_path_buf(),
        });
    }
    Ok(paths)
}

/// Recorded findings, as raw JSON items with the file and first line they name.
#[derive(Debug)]
pub struct ReplayReviewer {
    items: Vec<(String, Option<u32>, Value)>,
}

impl ReplayReviewer {
    /// Reads every recorded answer in `dir`. Errors say which folder or file is the problem.
    pub fn from_dir(reviewer: &str, dir: &Path) -> Result<Self, BuildError> {
        let mut items = Vec::new();
        for path in answer_files(reviewer, dir)? {
            let text = std::fs::read_to_string(&path).map_err(|source| BuildError::ReplayFile {
                reviewer: reviewer.to_string(),
                path: path.clone(),
                source,
            })?;
            items.extend(raw_items(&text));
        }
        Ok(ReplayReviewer { items })
    }

    /// The recorded answer for a request carrying `parts`.
    pub fn answer_for(&self, parts: &[ChunkPart]) -> String {
        let mut selected = Vec::new();
        for (file, line, item) in &self.items {
            let hit = parts.iter().any(|p| {
                (p.path == *file || p.path.ends_with(&format!("/{file}")))
                    // Lines past the end of the file go with its last piece, so grounding can flag them.
                    && line.is_none_or(|l| {
                        (l >= p.start_line && l <= p.end_line) || (l > p.file_lines && p.end_line >= p.file_lines)
                    })
            });
            if hit {
                selected.push(item.clone());
            }
        }
        serde_json::json!({ "findings": selected }).to_string()
    }
}

/// The finding objects of one recorded answer, with the file and line each names (for routing).
fn raw_items(text: &str) -> Vec<(String, Option<u32>, Value)> {
    // Reuse the lenient reader: find the JSON document the same way a live answer is read.
    let doc = crate::answer::extract_findings_array(text).unwrap_or_default();
    doc.into_iter()
        .filter_map(|item| {
            let file = ["file", "path", "file_path"]
                .iter()
                .find_map(|k| item.get(*k)?.as_str())?;
            let file = normalise_path(file).ok()?;
            let line = ["start_line", "line"]
                .iter()
                .find_map(|k| item.get(*k))
                .and_then(|v| v.as_u64().or_else(|| v.as_str()?.trim().parse().ok()))
                .and_then(|l| u32::try_from(l).ok());
            Some((file, line, item))
        })
        .collect()
}

impl Reviewer for ReplayReviewer {
    fn complete<'a>(&'a self, request: &'a ModelRequest) -> CompleteFuture<'a> {
        let content = self.answer_for(&request.parts);
        Box::pin(async move {
            Ok(ModelAnswer {
                content,
                finish_reason: Some("stop".into()),
                prompt_tokens: Some(0),
                completion_tokens: Some(0),
            })
        })
    }

    fn recorded(&self) -> bool {
        true
    }
}
