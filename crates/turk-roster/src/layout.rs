//! Finding the team folder: `.squad/` first, then the older `.ai-team/`, walking up to the repository root the
//! way git does, and following a `config.json` `teamRoot` redirect.

use crate::error::{Result, RosterError};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Which of Squad's folder layouts a team uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LayoutKind {
    /// `.squad/` (Squad v0.5.0 and later).
    Squad,
    /// `.ai-team/` (Squad v0.1.0 – v0.4.2).
    AiTeam,
}

impl LayoutKind {
    /// The folder name as it appears in paths written into team.md (`.squad` or `.ai-team`).
    pub fn dir_name(self) -> &'static str {
        match self {
            LayoutKind::Squad => ".squad",
            LayoutKind::AiTeam => ".ai-team",
        }
    }
}

/// What was found, and the evidence for which Squad version wrote it.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub kind: LayoutKind,
    /// The team folder itself (the one holding team.md).
    pub team_dir: PathBuf,
    /// The directory that holds the team folder (usually the repository root).
    pub repo_root: PathBuf,
    /// The config.json whose `teamRoot` sent us here, when there was one.
    pub redirected_by: Option<PathBuf>,
    /// Human-readable version evidence, most specific first ("v0.8.18+: templates in .squad/templates/").
    pub version_hints: Vec<String>,
}

impl Layout {
    /// One line for people: "`.squad/` (current layout; v0.8.18+: templates in .squad/templates/)".
    pub fn describe(&self) -> String {
        let base = match self.kind {
            LayoutKind::Squad => "current layout",
            LayoutKind::AiTeam => {
                "legacy layout, Squad v0.1–v0.4; `squad upgrade --migrate-directory` renames it"
            }
        };
        let mut s = format!("{}/ ({base}", self.kind.dir_name());
        for h in &self.version_hints {
            s.push_str("; ");
            s.push_str(h);
        }
        s.push(')');
        if let Some(cfg) = &self.redirected_by {
            s.push_str(&format!(", redirected by teamRoot in {}", cfg.display()));
        }
        s
    }
}

/// Walk up from `start` to the repository root (the first directory holding `.git`) looking for a team folder.
pub fn discover(start: &Path) -> Result<Layout> {
    let start_abs = std::path::absolute(start).map_err(|e| RosterError::io(start, e))?;
    let mut dir = Some(start_abs.as_path());
    while let Some(d) = dir {
        if let Some(layout) = at(d)? {
            return Ok(layout);
        }
        if d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    Err(RosterError::NotFound { start: start_abs })
}

/// The team folder directly inside `repo_root`, if any (`.squad/` preferred over `.ai-team/`).
pub fn at(repo_root: &Path) -> Result<Option<Layout>> {
    for kind in [LayoutKind::Squad, LayoutKind::AiTeam] {
        let team_dir = repo_root.join(kind.dir_name());
        if team_dir.is_dir() {
            return follow_redirect(kind, team_dir, repo_root.to_path_buf()).map(Some);
        }
    }
    Ok(None)
}

/// Open a folder the user named with `--squad-dir`: the team folder itself, or a directory that holds one.
pub fn open_dir(dir: &Path) -> Result<Layout> {
    let dir = std::path::absolute(dir).map_err(|e| RosterError::io(dir, e))?;
    if let Some(l) = at(&dir)? {
        return Ok(l);
    }
    if !dir.is_dir() {
        return Err(RosterError::io(
            &dir,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such directory"),
        ));
    }
    let kind = if dir.file_name().is_some_and(|n| n == ".ai-team") {
        LayoutKind::AiTeam
    } else {
        LayoutKind::Squad
    };
    let repo_root = dir.parent().map(Path::to_path_buf).unwrap_or_else(|| dir.clone());
    follow_redirect(kind, dir, repo_root)
}

fn follow_redirect(kind: LayoutKind, team_dir: PathBuf, repo_root: PathBuf) -> Result<Layout> {
    let config = team_dir.join("config.json");
    if config.is_file() {
        let text = crate::fsio::read_text(&config)?;
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| RosterError::Json {
            path: config.clone(),
            message: e.to_string(),
        })?;
        if let Some(target) = value
            .get("teamRoot")
            .and_then(|v| v.as_str())
            .filter(|s| !s.trim().is_empty())
        {
            let target_path = repo_root.join(target);
            let redirected = if target_path.join("team.md").is_file() {
                let k = if target_path.file_name().is_some_and(|n| n == ".ai-team") {
                    LayoutKind::AiTeam
                } else {
                    LayoutKind::Squad
                };
                // A team folder inside this repository keeps the repository as its root (paths in team.md are
                // written relative to it); one elsewhere is rooted at its parent.
                let root = if target_path.starts_with(&repo_root) {
                    repo_root.clone()
                } else {
                    target_path
                        .parent()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| target_path.clone())
                };
                Some((k, target_path.clone(), root))
            } else {
                [LayoutKind::Squad, LayoutKind::AiTeam]
                    .into_iter()
                    .map(|k| (k, target_path.join(k.dir_name()), target_path.clone()))
                    .find(|(_, d, _)| d.is_dir())
            };
            let Some((k, dir, root)) = redirected else {
                return Err(RosterError::BadRedirect {
                    path: config,
                    message: format!(
                        "teamRoot {target:?} points at {}, which holds no team.md, .squad/ or .ai-team/",
                        target_path.display()
                    ),
                });
            };
            if dir.canonicalize().ok() == team_dir.canonicalize().ok() {
                return Ok(finish(k, dir, root, None));
            }
            return Ok(finish(k, dir, root, Some(config)));
        }
    }
    Ok(finish(kind, team_dir, repo_root, None))
}

fn finish(kind: LayoutKind, team_dir: PathBuf, repo_root: PathBuf, redirected_by: Option<PathBuf>) -> Layout {
    let version_hints = version_hints(kind, &team_dir, &repo_root);
    Layout {
        kind,
        team_dir,
        repo_root,
        redirected_by,
        version_hints,
    }
}

/// Evidence of the Squad version, from the folders each version created (see docs/roster.md).
fn version_hints(kind: LayoutKind, team_dir: &Path, repo_root: &Path) -> Vec<String> {
    let mut hints = Vec::new();
    match kind {
        LayoutKind::AiTeam => hints.push("v0.1.0–v0.4.2".to_string()),
        LayoutKind::Squad => {
            if team_dir.join("rai").is_dir() || team_dir.join("fact-checker").is_dir() {
                hints.push("v0.9+: rai/ or fact-checker/ present".to_string());
            } else if team_dir.join("templates").is_dir() {
                hints.push("v0.8.18+: templates in .squad/templates/".to_string());
            } else if repo_root.join(".squad-templates").is_dir() {
                hints.push("v0.5.3–v0.5.4: templates in .squad-templates/".to_string());
            } else if repo_root.join(".ai-team-templates").is_dir() {
                hints.push("v0.5.0–v0.5.2: templates in .ai-team-templates/".to_string());
            } else {
                hints.push("v0.5.0+".to_string());
            }
        }
    }
    if let Ok(text) = std::fs::read_to_string(team_dir.join("casting/policy.json"))
        && let Ok(v) = serde_json::from_str::<serde_json::Value>(&text)
        && let Some(ver) = v.get("casting_policy_version").and_then(|v| v.as_str())
    {
        hints.push(format!("casting policy {ver}"));
    }
    hints
}
