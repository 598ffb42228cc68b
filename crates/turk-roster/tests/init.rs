//! init: a new team folder with Turk on it, and a healthy one.

mod common;
use turk_roster::{InitRequest, RosterError, plan_init};

#[test]
fn init_creates_a_healthy_team_with_turk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("go.mod"), "module example.com/svc\n").unwrap();
    let req = InitRequest {
        repo_root: dir.path().to_path_buf(),
        project: Some("Payments API".into()),
        owner: Some("Mara".into()),
        now: Some(common::EPOCH.into()),
        ..Default::default()
    };
    let (team, plan) = plan_init(&req).unwrap();
    assert!(!dir.path().join(".squad").exists(), "planning writes nothing");
    plan.apply().unwrap();
    let r = team.roster().unwrap();
    assert_eq!(
        r.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
        ["Turk", "Scribe", "Ralph"]
    );
    assert_eq!(r.context("Stack"), Some("Go"));
    assert_eq!(turk_roster::doctor::check(&team).unwrap(), []);
    insta::assert_snapshot!(
        "init_team_md",
        std::fs::read_to_string(team.team_md_path()).unwrap()
    );
    // A second init refuses.
    assert!(matches!(plan_init(&req), Err(RosterError::AlreadyExists { .. })));
}
