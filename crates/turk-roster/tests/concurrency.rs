//! Writers that overlap: the team folder lock keeps turk runs apart, and a plan whose files changed under it
//! (an editor, Squad) is never applied over that change.

mod common;
use common::*;
use std::time::Duration;
use turk_roster::{AddRequest, RosterError, Team, plan_add};

fn member(name: &str) -> AddRequest {
    AddRequest {
        role: Some("Specialist".into()),
        now: Some(EPOCH.into()),
        ..AddRequest::new(name)
    }
}

#[test]
fn a_plan_over_a_changed_file_is_refused_and_writes_nothing() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    let plan = plan_add(&team, &member("saul")).unwrap();
    // Someone else adds a member after the plan read team.md.
    let other = plan_add(&team, &member("yen")).unwrap();
    other.apply().unwrap();
    let before = tree(dir.path());
    let err = plan.apply().unwrap_err();
    assert!(matches!(err, RosterError::Changed { .. }), "{err}");
    assert!(err.to_string().contains("changed on disk"), "{err}");
    assert_eq!(tree(dir.path()), before, "a refused plan wrote something");
}

#[test]
fn a_file_created_since_it_was_read_counts_as_changed() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    let plan = plan_add(&team, &member("saul")).unwrap();
    std::fs::create_dir_all(dir.path().join(".squad/agents/saul")).unwrap();
    std::fs::write(dir.path().join(".squad/agents/saul/charter.md"), "# Saul\n").unwrap();
    let err = plan.apply().unwrap_err();
    assert!(
        matches!(&err, RosterError::Changed { path } if path.ends_with("saul/charter.md")),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".squad/agents/saul/charter.md")).unwrap(),
        "# Saul\n"
    );
}

#[test]
fn change_plans_again_when_a_file_changes_under_it() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    let team_md = dir.path().join(".squad/team.md");
    let mut calls = 0;
    let plan = team
        .change(
            Duration::from_secs(5),
            |_| {},
            |t| {
                calls += 1;
                let plan = plan_add(t, &member("saul"))?;
                if calls == 1 {
                    // An editor saves team.md between our read and our rename.
                    let text = std::fs::read_to_string(&team_md).unwrap();
                    std::fs::write(
                        &team_md,
                        text.replace("> Payments API", "> Payments API (edited)"),
                    )
                    .unwrap();
                }
                Ok(plan)
            },
        )
        .unwrap();
    assert_eq!(calls, 2);
    assert!(!plan.is_empty());
    let text = std::fs::read_to_string(&team_md).unwrap();
    assert!(text.contains("(edited)"), "the editor's change was lost");
    assert!(text.contains("| Saul | Specialist |"), "the member was not added");
}

#[test]
fn a_lock_that_is_not_released_times_out_naming_the_lock_file() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    let held = team.lock(Duration::from_secs(1), |_| {}).unwrap();
    let before = tree(dir.path());
    let mut told = Vec::new();
    let err = team
        .change(
            Duration::from_millis(300),
            |h| told.push(h.clone()),
            |t| plan_add(t, &member("saul")),
        )
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, RosterError::LockTimeout { .. }), "{msg}");
    assert!(msg.contains(".squad/.turk-roster.lock"), "{msg}");
    assert!(msg.contains(&format!("pid {}", std::process::id())), "{msg}");
    assert!(msg.contains("nothing was changed"), "{msg}");
    assert_eq!(told.len(), 1, "the wait is announced once");
    assert_eq!(told[0].pid, Some(std::process::id()));
    assert_eq!(tree(dir.path()), before);
    drop(held);
    assert!(!dir.path().join(".squad/.turk-roster.lock").exists());
    // Released: the next change goes through at once.
    team.change(
        Duration::from_millis(300),
        |_| panic!("nobody holds the lock"),
        |t| plan_add(t, &member("saul")),
    )
    .unwrap();
}

#[test]
fn threads_adding_at_once_all_land() {
    let dir = copy_fixture("healthy-squad");
    let names = ["basher", "livingston", "saul", "yen"];
    std::thread::scope(|s| {
        for name in names {
            let root = dir.path();
            s.spawn(move || {
                let team = Team::discover(root).unwrap();
                team.change(Duration::from_secs(30), |_| {}, |t| plan_add(t, &member(name)))
                    .unwrap();
            });
        }
    });
    let team = Team::discover(dir.path()).unwrap();
    for name in names {
        assert!(team.roster().unwrap().member(name).is_some(), "{name} lost");
    }
    assert_eq!(turk_roster::doctor::check(&team).unwrap(), []);
}
