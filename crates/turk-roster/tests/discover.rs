//! Finding the team folder: both layouts, walking up, the teamRoot redirect, and clear failures.

mod common;
use common::*;
use turk_roster::{LayoutKind, RosterError, Team};

#[test]
fn current_layout_found_from_a_nested_directory() {
    let dir = copy_fixture("healthy-squad");
    let nested = dir.path().join("internal/payments");
    std::fs::create_dir_all(&nested).unwrap();
    let team = Team::discover(&nested).unwrap();
    assert_eq!(team.layout().kind, LayoutKind::Squad);
    assert_eq!(team.dir(), dir.path().join(".squad"));
    assert_eq!(
        team.layout().describe(),
        ".squad/ (current layout; v0.8.18+: templates in .squad/templates/; casting policy 1.1)"
    );
    let r = team.roster().unwrap();
    assert_eq!(
        r.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
        ["Danny", "Rusty", "Linus", "Scribe", "Ralph", "Mara Quist"]
    );
    assert_eq!(r.humans[0].name, "Mara Quist");
    assert_eq!(r.coding_agent.as_ref().unwrap().auto_assign, Some(false));
    assert_eq!(r.context("Stack"), Some("Go 1.24, PostgreSQL, Azure Service Bus"));
}

#[test]
fn legacy_layout_is_named_as_such() {
    let dir = copy_fixture("legacy-ai-team");
    let team = Team::discover(dir.path()).unwrap();
    assert_eq!(team.layout().kind, LayoutKind::AiTeam);
    assert!(team.layout().describe().starts_with(".ai-team/ (legacy layout"));
    assert_eq!(team.dir_label(), ".ai-team");
    // CRLF files read the same as LF ones.
    let r = team.roster().unwrap();
    assert_eq!(r.members[1].name, "McManus");
    assert_eq!(
        r.members[1].charter.as_deref(),
        Some(".ai-team/agents/mcmanus/charter.md")
    );
    assert_eq!(r.universe(), Some("The Usual Suspects"));
}

#[test]
fn squad_is_preferred_over_ai_team() {
    let dir = copy_fixture("legacy-ai-team");
    std::fs::create_dir_all(dir.path().join(".squad")).unwrap();
    std::fs::write(dir.path().join(".squad/team.md"), "# Team\n\n## Members\n").unwrap();
    assert_eq!(
        Team::discover(dir.path()).unwrap().layout().kind,
        LayoutKind::Squad
    );
}

#[test]
fn team_root_redirect_is_followed() {
    let dir = copy_fixture("redirect");
    let team = Team::discover(dir.path()).unwrap();
    assert_eq!(team.dir(), dir.path().join("shared/team"));
    assert!(
        team.layout()
            .redirected_by
            .as_ref()
            .unwrap()
            .ends_with(".squad/config.json")
    );
    assert_eq!(team.members().unwrap()[0].name, "Scribe");
    assert_eq!(team.dir_label(), "shared/team");
}

#[test]
fn broken_redirect_names_the_config_file() {
    let dir = copy_fixture("redirect");
    std::fs::write(
        dir.path().join(".squad/config.json"),
        "{\"teamRoot\": \"nowhere\"}",
    )
    .unwrap();
    let err = Team::discover(dir.path()).unwrap_err().to_string();
    assert!(err.contains("config.json") && err.contains("nowhere"), "{err}");
}

#[test]
fn discovery_stops_at_the_repository_root() {
    let outer = copy_fixture("healthy-squad");
    // A repository nested inside a directory that has a team: its own root stops the walk.
    let inner = outer.path().join("vendor/other");
    std::fs::create_dir_all(inner.join(".git")).unwrap();
    assert!(matches!(
        Team::discover(&inner),
        Err(RosterError::NotFound { .. })
    ));
}

#[test]
fn squad_dir_can_name_the_folder_or_its_parent() {
    let dir = copy_fixture("healthy-squad");
    assert_eq!(Team::open(dir.path()).unwrap().dir(), dir.path().join(".squad"));
    assert_eq!(
        Team::open(dir.path().join(".squad")).unwrap().dir(),
        dir.path().join(".squad")
    );
}
