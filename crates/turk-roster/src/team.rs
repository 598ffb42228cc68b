//! [`Team`]: a located team folder and typed access to its files. Every read goes to disk, so a `Team` is cheap
//! and never stale; parsing is lenient and reports problems instead of failing where it can.

use crate::casting;
use crate::charter::Charter;
use crate::error::{Result, RosterError};
use crate::fsio::{self, Plan};
use crate::layout::{self, Layout, LayoutKind};
use crate::lock::{LockHolder, TeamLock};
use crate::roster::{self, Roster};
use crate::routing::{self, Routing};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A Squad team folder.
#[derive(Debug, Clone)]
pub struct Team {
    layout: Layout,
}

impl Team {
    /// Find the team folder from `start`, walking up to the repository root (`.squad/` before `.ai-team/`,
    /// `config.json` `teamRoot` honoured).
    pub fn discover(start: impl AsRef<Path>) -> Result<Team> {
        Ok(Team {
            layout: layout::discover(start.as_ref())?,
        })
    }

    /// Open a team folder given explicitly (the folder itself, or a directory holding `.squad/` or `.ai-team/`).
    pub fn open(dir: impl AsRef<Path>) -> Result<Team> {
        Ok(Team {
            layout: layout::open_dir(dir.as_ref())?,
        })
    }

    /// A team at a known place (used by `init` before the folder exists).
    pub(crate) fn from_layout(layout: Layout) -> Team {
        Team { layout }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The team folder.
    pub fn dir(&self) -> &Path {
        &self.layout.team_dir
    }

    /// A path inside the team folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.layout.team_dir.join(rel)
    }

    /// How team.md refers to the folder in charter paths: `.squad`, `.ai-team`, or the redirect target relative
    /// to the repository root.
    pub fn dir_label(&self) -> String {
        match self.layout.kind {
            LayoutKind::Squad | LayoutKind::AiTeam
                if self
                    .layout
                    .team_dir
                    .file_name()
                    .is_some_and(|n| n == self.layout.kind.dir_name()) =>
            {
                self.layout.kind.dir_name().to_string()
            }
            _ => self
                .layout
                .team_dir
                .strip_prefix(&self.layout.repo_root)
                .map(|p| p.display().to_string().replace('\\', "/"))
                .unwrap_or_else(|_| self.layout.kind.dir_name().to_string()),
        }
    }

    pub fn team_md_path(&self) -> PathBuf {
        self.path("team.md")
    }
    pub fn routing_md_path(&self) -> PathBuf {
        self.path("routing.md")
    }
    pub fn agent_dir(&self, name: &str) -> PathBuf {
        self.path("agents").join(roster::folder_name(name))
    }
    pub fn alumni_dir(&self, name: &str) -> PathBuf {
        self.path("agents/_alumni").join(roster::folder_name(name))
    }
    pub fn charter_path(&self, name: &str) -> PathBuf {
        self.agent_dir(name).join("charter.md")
    }
    pub fn history_path(&self, name: &str) -> PathBuf {
        self.agent_dir(name).join("history.md")
    }
    pub fn casting_path(&self, file: &str) -> PathBuf {
        self.path("casting").join(file)
    }

    /// team.md, parsed. A missing team.md is an error naming it.
    pub fn roster(&self) -> Result<Roster> {
        Ok(roster::parse(&fsio::read_text(&self.team_md_path())?))
    }

    /// The roster's members (agents, built-ins, humans listed in `## Members`).
    pub fn members(&self) -> Result<Vec<roster::Member>> {
        Ok(self.roster()?.members)
    }

    /// routing.md, parsed; empty when the file does not exist.
    pub fn routing(&self) -> Result<Routing> {
        Ok(fsio::read_optional(&self.routing_md_path())?
            .map(|t| routing::parse(&t))
            .unwrap_or_default())
    }

    /// A member's charter, `None` when the file does not exist.
    pub fn charter(&self, name: &str) -> Result<Option<Charter>> {
        Ok(fsio::read_optional(&self.charter_path(name))?.map(|t| Charter::parse(&t)))
    }

    /// A member's history.md as text.
    pub fn history(&self, name: &str) -> Result<Option<String>> {
        fsio::read_optional(&self.history_path(name))
    }

    /// A casting file (`policy.json`, `registry.json`, `history.json`) as JSON; `None` when missing, an error
    /// naming the file when it is not valid JSON.
    pub fn casting_json(&self, file: &str) -> Result<Option<Value>> {
        let path = self.casting_path(file);
        fsio::read_optional(&path)?
            .map(|t| parse_json(&path, &t))
            .transpose()
    }

    /// The registry's entries (empty without a registry).
    pub fn registry(&self) -> Result<Vec<casting::RegistryEntry>> {
        Ok(self
            .casting_json("registry.json")?
            .map(|v| casting::registry_entries(&v))
            .unwrap_or_default())
    }

    /// The team's universe: the `**Universe:**` bullet in team.md, else the universe most active registry
    /// entries share.
    pub fn universe(&self) -> Result<Option<String>> {
        if let Some(u) = self.roster()?.universe() {
            return Ok(Some(u.to_string()));
        }
        Ok(majority_universe(&self.registry()?))
    }

    /// Folders under `agents/` (excluding `_alumni` and hidden folders), sorted.
    pub fn agent_folders(&self) -> Result<Vec<String>> {
        list_dirs(&self.path("agents")).map(|v| {
            v.into_iter()
                .filter(|n| !n.starts_with('_') && !n.starts_with('.'))
                .collect()
        })
    }

    /// Take the team folder lock (see [`crate::lock`]), waiting up to `timeout` for another writer to finish.
    /// `on_wait` is called once if the lock is held, so the caller can say what it waits for. A missing team
    /// folder is created (and removed again on release if nothing was written into it), which `init` needs.
    pub fn lock(&self, timeout: Duration, mut on_wait: impl FnMut(&LockHolder)) -> Result<TeamLock> {
        crate::lock::acquire(self.dir(), timeout, &mut on_wait)
    }

    /// Make a change safely: take the team folder lock, let `make` read the team and plan the change, apply the
    /// plan, release the lock. If a file the plan read was changed meanwhile by a program that does not take the
    /// lock (an editor, Squad), the change is planned again from the new contents, up to three times, and then
    /// fails with [`RosterError::Changed`] having written nothing. Returns the plan that was applied.
    pub fn change(
        &self,
        timeout: Duration,
        on_wait: impl FnMut(&LockHolder),
        mut make: impl FnMut(&Team) -> Result<Plan>,
    ) -> Result<Plan> {
        let _lock = self.lock(timeout, on_wait)?;
        let mut attempt = 1;
        loop {
            let plan = make(self)?;
            match plan.apply() {
                Err(RosterError::Changed { .. }) if attempt < 3 => attempt += 1,
                result => return result.map(|()| plan),
            }
        }
    }

    /// Folders under `agents/_alumni/`, sorted.
    pub fn alumni(&self) -> Result<Vec<String>> {
        list_dirs(&self.path("agents/_alumni"))
    }
}

pub(crate) fn parse_json(path: &Path, text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| RosterError::Json {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

pub(crate) fn majority_universe(entries: &[casting::RegistryEntry]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for e in entries.iter().filter(|e| !e.is_retired()) {
        let Some(u) = &e.universe else { continue };
        match counts.iter_mut().find(|(k, _)| k == u) {
            Some((_, n)) => *n += 1,
            None => counts.push((u.clone(), 1)),
        }
    }
    // max_by_key returns the last maximum; reverse so the first-seen universe wins a tie.
    counts.into_iter().rev().max_by_key(|(_, n)| *n).map(|(u, _)| u)
}

fn list_dirs(dir: &Path) -> Result<Vec<String>> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(RosterError::io(dir, e)),
    };
    let mut out: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    Ok(out)
}
