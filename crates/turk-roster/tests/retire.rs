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
