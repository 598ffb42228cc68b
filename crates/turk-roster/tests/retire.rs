//! Retiring: the folder moves to agents/_alumni/, rows go, the registry entry stays (retired).

mod common;
use common::*;
use turk_roster::{RosterError, Team, plan_retire};

#[test]
fn retire_moves_folder_removes_rows_and_keeps_registry_entry() {
    let dir = copy_fixture("healthy-squad");
    let root = dir.path();
    let before = tree(root);
    let team = Team::discover(root).unwrap();
    plan_retire(&team, "Rusty").unwrap().apply().unwrap();
    let after = tree(root);

    assert!(!root.join(".squad/agents/rusty").exists());
    assert_eq!(
        after[".squad/agents/_alumni/rusty/charter.md"],
        before[".squad/agents/rusty/charter.md"]
    );
    // team.md and routing.md lose exactly Rusty's lines.
    let removed = only_inserted(
        std::str::from_utf8(&after[".squad/team.md"]).unwrap(),
        std::str::from_utf8(&before[".squad/team.md"]).unwrap(),
    );
    assert_eq!(
        removed,
        ["| Rusty | Backend Developer | `.squad/agents/rusty/charter.md` | ✅ Active |\n"]
    );
    let removed = only_inserted(
        std::str::from_utf8(&after[".squad/routing.md"]).unwrap(),
        std::str::from_utf8(&before[".squad/routing.md"]).unwrap(),
    );
    assert_eq!(removed.len(), 2);
    let reg: serde_json::Value = serde_json::from_slice(&after[".squad/casting/registry.json"]).unwrap();
    assert_eq!(reg["agents"]["rusty"]["status"], "retired");
    assert_eq!(reg["agents"]["rusty"]["persistent_name"], "Rusty");
    // The only change to registry.json is the status value.
    assert_eq!(
        std::str::from_utf8(&before[".squad/casting/registry.json"])
            .unwrap()
            .replacen(
                "\"status\": \"active\"\n    },\n    \"linus\"",
                "\"status\": \"retired\"\n    },\n    \"linus\"",
                1
            ),
        std::str::from_utf8(&after[".squad/casting/registry.json"]).unwrap()
    );
    assert!(turk_roster::doctor::check(&team).unwrap().is_empty());
    // Retiring again changes nothing.
    assert!(plan_retire(&team, "rusty").unwrap().is_empty());
}

#[test]
fn retiring_a_stranger_is_an_error() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    assert!(matches!(
        plan_retire(&team, "nobody"),
        Err(RosterError::UnknownMember { .. })
    ));
}

#[test]
fn existing_alumni_folder_is_not_overwritten() {
    let dir = copy_fixture("healthy-squad");
    std::fs::create_dir_all(dir.path().join(".squad/agents/_alumni/rusty")).unwrap();
    let before = tree(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    assert!(matches!(
        plan_retire(&team, "rusty"),
        Err(RosterError::AlumniExists { .. })
    ));
    assert_eq!(tree(dir.path()), before);
}

fn add_shared_row(root: &std::path::Path) {
    let p = root.join(".squad/routing.md");
    let text = std::fs::read_to_string(&p).unwrap().replacen(
        "| Session logging |",
        "| Documentation | Rusty, Linus | READMEs, runbooks |\n| Session logging |",
        1,
    );
    std::fs::write(p, text).unwrap();
}

#[test]
fn retire_takes_the_name_off_a_shared_row_and_keeps_the_row() {
    let dir = copy_fixture("healthy-squad");
    add_shared_row(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    plan_retire(&team, "rusty").unwrap().apply().unwrap();
    let routing = std::fs::read_to_string(dir.path().join(".squad/routing.md")).unwrap();
    assert!(
        routing.contains("| Documentation | Linus | READMEs, runbooks |\n"),
        "{routing}"
    );
    assert!(!routing.contains("Rusty"), "{routing}");
    assert_eq!(turk_roster::doctor::check(&team).unwrap(), []);
}

#[test]
fn add_force_brings_a_retired_member_back_from_alumni() {
    let dir = copy_fixture("healthy-squad");
    let root = dir.path();
    let before = tree(root);
    let team = Team::discover(root).unwrap();
    plan_retire(&team, "rusty").unwrap().apply().unwrap();
    let req = turk_roster::AddRequest {
        role: Some("Backend Developer".into()),
        force: true,
        now: Some(EPOCH.into()),
        ..turk_roster::AddRequest::new("rusty")
    };
    let plan = turk_roster::plan_add(&team, &req).unwrap();
    assert!(
        plan.notes
            .contains(&"moved agents/_alumni/rusty/ back to agents/rusty/".to_string()),
        "{:?}",
        plan.notes
    );
    plan.apply().unwrap();
    assert!(!root.join(".squad/agents/_alumni/rusty").exists());
    let after = tree(root);
    for f in [".squad/agents/rusty/charter.md", ".squad/agents/rusty/history.md"] {
        assert_eq!(after[f], before[f], "{f} is not the member's own");
    }
    assert_eq!(turk_roster::doctor::check(&team).unwrap(), []);
}

#[test]
fn add_force_with_both_folders_is_refused() {
    let dir = copy_fixture("healthy-squad");
    std::fs::create_dir_all(dir.path().join(".squad/agents/_alumni/rusty")).unwrap();
    let before = tree(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    let req = turk_roster::AddRequest {
        force: true,
        ..turk_roster::AddRequest::new("rusty")
    };
    let err = turk_roster::plan_add(&team, &req).unwrap_err();
    assert!(matches!(err, RosterError::AgentAndAlumni { .. }), "{err}");
    assert!(err.to_string().contains("_alumni/rusty"), "{err}");
    assert_eq!(tree(dir.path()), before);
}
