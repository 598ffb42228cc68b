//! `turk-roster`: read and write a Squad team folder (`.squad/`, or the older `.ai-team/`).
//!
//! Squad keeps an AI team as plain files in the repository: `team.md` (the roster), `routing.md`,
//! `agents/{name}/charter.md` and `history.md`, and the casting files under `casting/`. This crate finds that
//! folder, reads it leniently (the variants different Squad versions and people write), and changes it
//! surgically: every byte it does not own stays as it was (line endings, emoji, column padding, unknown
//! sections, trailing text), and a multi-file change is applied all-or-nothing.
//!
//! # Reading a team and getting Turk's system prompt
//!
//! ```
//! use turk_roster::{Team, turk_system_prompt};
//! # let dir = tempfile::tempdir().unwrap();
//! # std::fs::create_dir_all(dir.path().join(".squad/agents/turk")).unwrap();
//! # std::fs::write(dir.path().join(".squad/team.md"), "# Team\n\n## Members\n\n| Name | Role | Charter | Status |\n|---|---|---|---|\n| Turk | Go Performance Specialist | `.squad/agents/turk/charter.md` | ✅ Active |\n").unwrap();
//! # std::fs::write(dir.path().join(".squad/agents/turk/charter.md"), "# Turk — Go Performance Specialist\n").unwrap();
//! let team = Team::discover(dir.path())?;            // walks up to the repository root
//! println!("{}", team.layout().describe());        // ".squad/ (current layout; v0.5.0+)"
//! for m in team.members()? {
//!     println!("{} — {}", m.name, m.role);
//! }
//! // The audit's system prompt: the team's charter for Turk, else the built-in one.
//! let prompt = turk_system_prompt(Some(&team));
//! assert!(prompt.starts_with("# Turk"));
//! // Without a team folder, the built-in charter.
//! assert!(turk_system_prompt(None).contains("P0"));
//! # Ok::<(), turk_roster::RosterError>(())
//! ```
//!
//! # Changing a team
//!
//! Operations return a [`Plan`]; nothing is written until [`Plan::apply`]. [`Plan::diff`] shows what would
//! change (`--dry-run`). [`Team::change`] plans and applies under the team folder lock, so two runs at once
//! cannot undo each other's writes.
//!
//! ```
//! use std::time::Duration;
//! use turk_roster::{AddRequest, Team, plan_add};
//! # let dir = tempfile::tempdir().unwrap();
//! # std::fs::create_dir_all(dir.path().join(".squad")).unwrap();
//! # std::fs::write(dir.path().join(".squad/team.md"), "# Team\n\n## Members\n\n| Name | Role | Charter | Status |\n|---|---|---|---|\n| Scribe | Session Logger | `.squad/agents/scribe/charter.md` | 📋 Silent |\n").unwrap();
//! let team = Team::discover(dir.path())?;
//! print!("{}", plan_add(&team, &AddRequest::new("turk"))?.diff(&team.layout().repo_root)); // --dry-run
//! let on_wait = |h: &turk_roster::LockHolder| eprintln!("waiting for {}", h.path.display());
//! let plan = team.change(Duration::from_secs(30), on_wait, |t| plan_add(t, &AddRequest::new("turk")))?;
//! for note in &plan.notes {
//!     println!("{note}");
//! }
//! assert!(plan_add(&team, &AddRequest::new("turk"))?.is_empty()); // idempotent
//! # Ok::<(), turk_roster::RosterError>(())
//! ```
//!
//! # Modules
//!
//! - discovery and layout: [`Team::discover`], [`Team::open`], [`Layout`]
//! - reading: [`Roster`] (team.md), [`Charter`], [`Routing`], [`casting`]
//! - changing: [`plan_add`], [`plan_retire`], [`plan_init`], [`doctor::plan_fix`]; [`Team::change`] under
//!   the team folder lock ([`lock`])
//! - checking: [`doctor::check`]
//! - prompts: [`charter_or_builtin`], [`system_prompt_for`], [`turk_system_prompt`]

pub mod casting;
mod charter;
pub mod doctor;
mod error;
mod fsio;
mod jsonedit;
mod layout;
pub mod lock;
mod names;
mod ops;
pub mod preset;
mod prompt;
mod roster;
mod routing;
mod table;
mod team;
mod text;

pub use charter::{Charter, CharterSection};
pub use error::{Result, RosterError};
pub use fsio::{Change, Plan};
pub use layout::{Layout, LayoutKind};
pub use lock::{LockHolder, TeamLock};
pub use names::validate as validate_name;
pub use ops::{AddRequest, InitRequest, plan_add, plan_init, plan_retire};
pub use prompt::{
    CharterOrigin, CharterText, builtin_turk_charter, charter_or_builtin, system_prompt_for,
    turk_system_prompt,
};
pub use roster::{CodingAgent, Member, MemberKind, Roster, folder_name};
pub use routing::{IssueRoute, Route, Routing};
pub use team::Team;
