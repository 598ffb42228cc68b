//! The charter the audit uses: the team's when there is one, the built-in one otherwise.

mod common;
use common::*;
use turk_roster::{CharterOrigin, Team, charter_or_builtin, system_prompt_for, turk_system_prompt};

#[test]
fn team_charter_wins_over_the_builtin() {
    let dir = copy_fixture("healthy-squad");
    std::fs::create_dir_all(dir.path().join(".squad/agents/turk")).unwrap();
    std::fs::write(
        dir.path().join(".squad/agents/turk/charter.md"),
        "# Charter: Turk — Go Performance Specialist\n",
    )
    .unwrap();
    let team = Team::discover(dir.path()).unwrap();
    let c = charter_or_builtin(Some(&team), "Turk").unwrap();
    assert!(matches!(c.origin, CharterOrigin::Team { .. }));
    assert_eq!(
        turk_system_prompt(Some(&team)),
        "# Charter: Turk — Go Performance Specialist\n"
    );
}

#[test]
fn builtin_charter_without_a_team_or_without_turk() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    let c = charter_or_builtin(Some(&team), "turk").unwrap();
    assert_eq!(c.origin, CharterOrigin::Builtin);
    let prompt = turk_system_prompt(None);
    assert_eq!(prompt, turk_roster::builtin_turk_charter());
    assert!(prompt.contains("I recommend"));
}

#[test]
fn other_members_come_from_the_team_only() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    assert!(
        system_prompt_for(Some(&team), "danny")
            .unwrap()
            .starts_with("# Danny — Lead")
    );
    assert_eq!(system_prompt_for(Some(&team), "saul"), None);
    assert_eq!(system_prompt_for(None, "danny"), None);
}
