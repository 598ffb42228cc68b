//! The replay reviewer (`provider: replay`): answers come from recorded model answers in a folder, for offline
//! demos and tests. Nothing is sent anywhere, and the outcome is labelled `recorded`.
//!
//! Every `*.json`, `*.md` or `*.txt` file in `replay_dir` is one recorded answer, in the same shape (and with
//! the same tolerance for prose and fences) as a live one. Each request is answered with the recorded findings
//! that fall inside the files and lines it carries, so the same recording works however the scope is chunked.

use crate::chunk::ChunkPart;
use crate::client::{CompleteFuture, ModelAnswer, ModelRequest, Reviewer};
use crate::ground::normalise_path;
use serde_json::Value;
use std::path::Path;

/// Recorded findings, as raw JSON items with the file and first line they name.
#[derive(Debug)]
pub struct ReplayReviewer {
    items: Vec<(String, Option<u32>, Value)>,
}

impl ReplayReviewer {
    /// Reads every recorded answer in `dir`. Errors say which folder or file is the problem.
    pub fn from_dir(dir: &Path) -> Result<Self, String> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read replay_dir `{}`: {e}", dir.display()))?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension()
                        .is_some_and(|x| x == "json" || x == "md" || x == "txt")
            })
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(format!(
                "replay_dir `{}` holds no recorded answers (*.json, *.md, *.txt)",
                dir.display()
            ));
        }
        let mut items = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
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
