//! The charter a model is run with: the member's charter from the team folder when there is one, else (for
//! Turk) the built-in charter. This is what `turk audit` uses as the system prompt.

use crate::error::{Result, RosterError};
use crate::team::Team;
use serde::Serialize;
use std::path::PathBuf;

/// Where a charter came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CharterOrigin {
    /// The member's charter.md in the team folder.
    Team { path: PathBuf },
    /// The charter built into turk (Turk only).
    Builtin,
}

/// A charter's text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CharterText {
    pub member: String,
    pub origin: CharterOrigin,
    pub text: String,
}

/// The charter for `member`: from `team` when it has one, else the built-in charter for Turk. Errors when the
/// member is not Turk and has no charter, or when the charter file cannot be read.
pub fn charter_or_builtin(team: Option<&Team>, member: &str) -> Result<CharterText> {
    let name = crate::names::validate(member)?;
    if let Some(team) = team {
        let path = team.charter_path(&name);
        if let Some(text) = crate::fsio::read_optional(&path)? {
            return Ok(CharterText {
                member: name,
                origin: CharterOrigin::Team { path },
                text,
            });
        }
        if crate::preset::preset_for(&name).is_some() {
            let text = crate::preset::turk_charter(&team.dir_label());
            return Ok(CharterText {
                member: name,
                origin: CharterOrigin::Builtin,
                text,
            });
        }
        return Err(RosterError::NoCharter { name, path });
    }
    if crate::preset::preset_for(&name).is_some() {
        return Ok(CharterText {
            member: name,
            origin: CharterOrigin::Builtin,
            text: builtin_turk_charter(),
        });
    }
    Err(RosterError::UnknownMember { name })
}

/// The system prompt for `member`: its charter text (see [`charter_or_builtin`]), `None` when there is none or
/// it cannot be read (not UTF-8, say); [`charter_or_builtin`] says which file and why.
pub fn system_prompt_for(team: Option<&Team>, member: &str) -> Option<String> {
    charter_or_builtin(team, member).ok().map(|c| c.text)
}

/// Turk's system prompt: his charter from `team` if it has a readable one, else the built-in charter. Never
/// fails; a caller that must tell the user why a team charter was not used calls [`charter_or_builtin`].
pub fn turk_system_prompt(team: Option<&Team>) -> String {
    system_prompt_for(team, "turk").unwrap_or_else(builtin_turk_charter)
}

/// The built-in Turk charter (with `.squad/` paths).
pub fn builtin_turk_charter() -> String {
    crate::preset::turk_charter(".squad")
}
