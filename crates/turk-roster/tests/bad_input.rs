//! Bad input never destroys a team: every failure names the file, and nothing is half-written.

mod common;
use common::*;
use turk_roster::{AddRequest, RosterError, Team, plan_add, plan_retire};

fn turk() -> AddRequest {
    AddRequest {
        now: Some(EPOCH.into()),
        ..AddRequest::new("turk")
    }
}

#[test]
fn malformed_members_table_is_refused_with_file_and_line() {
    let dir = copy_fixture("malformed");
    // Fix the registry so the table is the first problem met.
    std::fs::write(
        dir.path().join(".squad/casting/registry.json"),
        "{\"agents\": {}}",
    )
    .unwrap();
    let before = tree(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    let err = plan_add(&team, &turk()).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, RosterError::Malformed { line: 5, .. }), "{msg}");
    assert!(msg.contains("team.md:5") && msg.contains("delimiter"), "{msg}");
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn invalid_json_is_refused_naming_the_file() {
    let dir = copy_fixture("malformed");
    let before = tree(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    let err = plan_add(&team, &turk()).unwrap_err();
    assert!(matches!(err, RosterError::Json { .. }));
    assert!(err.to_string().contains("registry.json"), "{err}");
    assert_eq!(tree(dir.path()), before);
    // doctor reports it instead of failing.
    let problems = turk_roster::doctor::check(&team).unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.code.id() == "R013" && p.file.ends_with("registry.json"))
    );
}

#[test]
fn path_like_names_are_rejected_before_anything_is_read() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    for name in ["../x", "a/b", "..\\x", ".squad", "_alumni", ""] {
        let add = plan_add(
            &team,
            &AddRequest {
                role: Some("X".into()),
                ..AddRequest::new(name)
            },
        );
        assert!(
            matches!(add, Err(RosterError::InvalidName { .. })),
            "{name:?} accepted by add"
        );
        assert!(
            matches!(plan_retire(&team, name), Err(RosterError::InvalidName { .. })),
            "{name:?} accepted by retire"
        );
        assert!(turk_roster::charter_or_builtin(Some(&team), name).is_err());
    }
}

#[test]
fn read_only_file_stops_the_whole_change() {
    let dir = copy_fixture("healthy-squad");
    let routing = dir.path().join(".squad/routing.md");
    let mut perms = std::fs::metadata(&routing).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&routing, perms).unwrap();
    let before = tree(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    let err = plan_add(&team, &turk()).unwrap().apply().unwrap_err();
    assert!(matches!(err, RosterError::ReadOnly { .. }));
    assert!(
        err.to_string().contains("routing.md") && err.to_string().contains("read-only"),
        "{err}"
    );
    // Nothing written: no new files, no temporary files, no new folders.
    assert_eq!(tree(dir.path()), before);
    assert!(!dir.path().join(".squad/agents/turk").exists());
}

#[test]
fn missing_team_md_is_a_clear_error() {
    let dir = copy_fixture("healthy-squad");
    std::fs::remove_file(dir.path().join(".squad/team.md")).unwrap();
    let team = Team::discover(dir.path()).unwrap();
    let err = plan_add(&team, &turk()).unwrap_err().to_string();
    assert!(err.contains("team.md"), "{err}");
    let problems = turk_roster::doctor::check(&team).unwrap();
    assert_eq!(
        problems[0].render(),
        ".squad/team.md: R013 unreadable-file: team.md is missing"
    );
}

#[test]
fn missing_members_section_is_refused_on_write() {
    let dir = copy_fixture("healthy-squad");
    let p = dir.path().join(".squad/team.md");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("## Members", "## People");
    std::fs::write(&p, &text).unwrap();
    let team = Team::discover(dir.path()).unwrap();
    let err = plan_add(&team, &turk()).unwrap_err().to_string();
    assert!(err.contains("team.md") && err.contains("## Members"), "{err}");
}
