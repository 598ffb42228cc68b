//! Turk's charter, the reviewers' system prompt: from the repository's Squad team folder, or built in.

use std::path::{Path, PathBuf};

/// The charter and where it came from, in words for the report.
#[derive(Debug, Clone)]
pub struct Charter {
    pub text: String,
    /// "from the team folder (.squad/agents/turk/charter.md)", or "built in (…)".
    pub origin: String,
}

/// The charter for the repository at `root`. A broken team folder or an unreadable charter falls back to the
/// built-in one, with a warning.
pub fn find(root: &Path, warnings: &mut Vec<String>) -> Charter {
    let team = match turk_roster::Team::discover(root) {
        Ok(team) => Some(team),
        Err(turk_roster::RosterError::NotFound { .. }) => None,
        Err(err) => {
            warnings.push(format!("{err}; using Turk's built-in charter"));
            None
        }
    };
    match turk_roster::charter_or_builtin(team.as_ref(), "turk") {
        Ok(c) => {
            let origin = match &c.origin {
                turk_roster::CharterOrigin::Team { path } => {
                    // Relative to the repository: the report is shared, and an absolute path says nothing to
                    // its readers but where one machine keeps the checkout.
                    let shown = relative_to(path, root)
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| {
                            path.file_name()
                                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                        });
                    format!("from the team folder ({shown})")
                }
                turk_roster::CharterOrigin::Builtin => {
                    "built in (no charter for Turk in a team folder)".to_string()
                }
            };
            Charter { text: c.text, origin }
        }
        Err(err) => {
            warnings.push(format!("{err}; using Turk's built-in charter"));
            Charter {
                text: turk_roster::builtin_turk_charter(),
                origin: "built in".to_string(),
            }
        }
    }
}

/// `path` relative to `root`, comparing canonical paths when the plain ones do not share the prefix.
fn relative_to(path: &Path, root: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.strip_prefix(root) {
        return Some(p.to_path_buf());
    }
    let (path, root) = (path.canonicalize().ok()?, root.canonicalize().ok()?);
    path.strip_prefix(root).ok().map(Path::to_path_buf)
}
