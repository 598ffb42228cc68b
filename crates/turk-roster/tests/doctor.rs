//! doctor: every code has a test that breaks a healthy team in exactly that way; the broken fixture's full
//! report is a snapshot; `--fix` repairs the safe problems and leaves the rest.

mod common;
use common::*;
use std::path::Path;
use turk_roster::Team;
use turk_roster::doctor::{self, Code, Problem};

fn check(root: &Path) -> Vec<Problem> {
    doctor::check(&Team::discover(root).unwrap()).unwrap()
}

fn codes(problems: &[Problem]) -> Vec<&'static str> {
    let mut c: Vec<&str> = problems.iter().map(|p| p.code.id()).collect();
    c.sort();
    c.dedup();
    c
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn healthy_fixtures_have_no_problems() {
    for name in ["healthy-squad", "legacy-ai-team", "legacy-routing", "hand-edited"] {
        let dir = copy_fixture(name);
        assert_eq!(check(dir.path()), [], "{name}");
    }
}

/// One mutation per code: (code, what to do to the healthy team).
#[test]
fn every_code_is_detected() {
    type Mutation = fn(&Path);
    let cases: Vec<(Code, Mutation)> = vec![
        (Code::MissingMembersSection, |r| {
            edit(r, ".squad/team.md", "## Members", "## Team Roster")
        }),
        (Code::MissingCharter, |r| {
            std::fs::remove_file(r.join(".squad/agents/linus/charter.md")).unwrap()
        }),
        (Code::MissingRegistryEntry, |r| {
            edit(
                r,
                ".squad/casting/registry.json",
                "\"linus\": {",
                "\"linus-old\": {",
            )
        }),
        (Code::OrphanAgentFolder, |r| {
            std::fs::create_dir_all(r.join(".squad/agents/yen")).unwrap()
        }),
        (Code::UniverseMismatchTeam, |r| {
            edit(
                r,
                ".squad/team.md",
                "- **Universe:** Ocean's Eleven",
                "- **Universe:** Alien",
            )
        }),
        (Code::UniverseMismatchMember, |r| {
            // Registry and team agree on a universe, but Linus is not a character from it.
            edit(
                r,
                ".squad/team.md",
                "- **Universe:** Ocean's Eleven",
                "- **Universe:** Alien",
            );
            let reg = r.join(".squad/casting/registry.json");
            let t = std::fs::read_to_string(&reg)
                .unwrap()
                .replace("Ocean's Eleven", "Alien");
            std::fs::write(reg, t).unwrap();
        }),
        (Code::CapacityExceeded, |r| {
            edit(
                r,
                ".squad/casting/policy.json",
                "\"Ocean's Eleven\": 14",
                "\"Ocean's Eleven\": 2",
            )
        }),
        (Code::NotRouted, |r| {
            edit(
                r,
                ".squad/routing.md",
                "| Testing | Linus |",
                "| Testing | Danny |",
            )
        }),
        (Code::NoIssueLabel, |r| {
            edit(r, ".squad/routing.md", "`squad:linus`", "`squad:qa`")
        }),
        (Code::DuplicateName, |r| {
            edit(
                r,
                ".squad/team.md",
                "| Scribe |",
                "| Linus | Tester | `.squad/agents/linus/charter.md` | ✅ Active |\n| Scribe |",
            )
        }),
        (Code::NotInCastingHistory, |r| {
            edit(
                r,
                ".squad/casting/history.json",
                "\"tester\": \"Linus\"",
                "\"tester\": \"X\"",
            )
        }),
        (Code::AlumniRouted, |r| {
            std::fs::create_dir_all(r.join(".squad/agents/_alumni/livingston")).unwrap();
            edit(
                r,
                ".squad/routing.md",
                "| Session logging |",
                "| Dashboards | Livingston | Grafana |\n| Session logging |",
            );
        }),
        (Code::UnreadableFile, |r| {
            std::fs::write(r.join(".squad/casting/history.json"), "{ not json").unwrap()
        }),
        (Code::NoMembersTable, |r| {
            edit(r, ".squad/team.md", "## Members", "## People")
        }),
    ];
    let covered: Vec<Code> = cases.iter().map(|(c, _)| *c).collect();
    assert_eq!(covered, Code::ALL, "every code needs a case");
    for (code, mutate) in cases {
        let dir = copy_fixture("healthy-squad");
        mutate(dir.path());
        let problems = check(dir.path());
        assert!(
            problems.iter().any(|p| p.code == code),
            "{} not reported; got {:#?}",
            code.id(),
            problems
        );
        for p in &problems {
            // Every problem points at a file that exists (or a folder), relative to the repository root.
            assert!(!p.file.starts_with('/'), "{}", p.render());
        }
    }
}

#[test]
fn problems_carry_file_and_line() {
    let dir = copy_fixture("healthy-squad");
    std::fs::remove_file(dir.path().join(".squad/agents/linus/charter.md")).unwrap();
    let p = check(dir.path());
    assert_eq!(
        p[0].render(),
        ".squad/team.md:17: R002 missing-charter: Linus has no charter: .squad/agents/linus/charter.md does not exist"
    );
}

#[test]
fn broken_fixture_report() {
    let dir = copy_fixture("broken-squad");
    let problems = check(dir.path());
    let report: Vec<String> = problems.iter().map(Problem::render).collect();
    insta::assert_snapshot!("broken_squad_doctor", report.join("\n"));
    // Every code but R014: with no Members table there would be no members to find the rest with.
    let mut expected: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
    expected.retain(|c| *c != Code::NoMembersTable.id());
    assert_eq!(codes(&problems), expected, "the broken fixture shows every code");
}

#[test]
fn fix_repairs_safe_problems_and_leaves_the_rest() {
    let dir = copy_fixture("broken-squad");
    let team = Team::discover(dir.path()).unwrap();
    let problems = doctor::check(&team).unwrap();
    let (plan, left) = doctor::plan_fix(&team, &problems).unwrap();
    plan.apply().unwrap();
    let after = doctor::check(&team).unwrap();
    // Everything a new check finds was announced as left (removing Livingston's rows also removed the
    // malformed row, so the unreadable-table problem is gone too).
    for p in &after {
        assert!(
            left.iter().any(|l| l.code == p.code && l.member == p.member),
            "unannounced: {}",
            p.render()
        );
    }
    assert!(!after.iter().any(|p| p.code == Code::UnreadableFile));
    assert!(!after.iter().any(|p| p.code == Code::MissingCharter));
    // Ocean's Eleven is over capacity, so Saul is not registered into it: that is for a person to decide.
    assert!(after.iter().any(|p| p.code == Code::MissingRegistryEntry));
    assert!(left.iter().any(|p| p.code == Code::MissingRegistryEntry));
    assert!(
        !after
            .iter()
            .any(|p| p.code == Code::AlumniRouted && p.file.ends_with("routing.md"))
    );
    // Dropping Livingston's rows (one of them malformed) came first, so Basher could be routed.
    assert!(
        !after
            .iter()
            .any(|p| p.code == Code::NotRouted || p.code == Code::NoIssueLabel)
    );
}

#[test]
fn fix_says_why_it_could_not_repair() {
    let dir = copy_fixture("healthy-squad");
    edit(dir.path(), ".squad/routing.md", "`squad:linus`", "`squad:qa`");
    edit(
        dir.path(),
        ".squad/routing.md",
        "| Pick up issue and complete the work | Rusty |",
        "| Rusty |",
    );
    let before = tree(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    let (plan, left) = doctor::plan_fix(&team, &doctor::check(&team).unwrap()).unwrap();
    assert!(plan.is_empty());
    let linus = left.iter().find(|p| p.code == Code::NoIssueLabel).unwrap();
    assert!(
        linus.message.contains("not fixed:") && linus.message.contains("routing.md:21"),
        "{}",
        linus.message
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn fix_routes_a_member_when_tables_are_sound() {
    let dir = copy_fixture("healthy-squad");
    edit(
        dir.path(),
        ".squad/routing.md",
        "| Testing | Linus |",
        "| Testing | Danny |",
    );
    edit(dir.path(), ".squad/routing.md", "`squad:linus`", "`squad:qa`");
    let team = Team::discover(dir.path()).unwrap();
    let (plan, left) = doctor::plan_fix(&team, &doctor::check(&team).unwrap()).unwrap();
    assert!(left.is_empty(), "{left:#?}");
    plan.apply().unwrap();
    assert_eq!(doctor::check(&team).unwrap(), []);
}

#[test]
fn without_a_members_table_the_coordinator_is_not_cast() {
    let dir = copy_fixture("healthy-squad");
    edit(dir.path(), ".squad/team.md", "## Members", "## People");
    let team = Team::discover(dir.path()).unwrap();
    assert_eq!(team.members().unwrap(), []);
    let problems = doctor::check(&team).unwrap();
    let report: Vec<String> = problems.iter().map(Problem::render).collect();
    assert_eq!(
        report,
        [
            ".squad/team.md:1: R001 missing-members-section: no `## Members` section; Squad's workflows look for exactly that heading",
            ".squad/team.md:1: R014 no-members-table: no Members table (`| Name | Role | Charter | Status |` under `## Members`), so nobody is on the roster; the Coordinator is not a member",
        ]
    );
    assert!(problems.iter().all(|p| !p.fixable));
    let before = tree(dir.path());
    let (plan, left) = doctor::plan_fix(&team, &problems).unwrap();
    assert!(plan.is_empty(), "{:?}", plan.notes);
    assert_eq!(left.len(), 2);
    assert_eq!(tree(dir.path()), before);

    // A Members heading with no table under it: the heading is where to look.
    let dir = copy_fixture("healthy-squad");
    let p = dir.path().join(".squad/team.md");
    let text = std::fs::read_to_string(&p).unwrap();
    let start = text.find("| Name | Role | Charter | Status |").unwrap();
    let end = text.find("\n\n## Coding Agent").unwrap();
    std::fs::write(&p, format!("{}To be cast.{}", &text[..start], &text[end..])).unwrap();
    let problems = check(dir.path());
    assert_eq!(codes(&problems), ["R014"]);
    assert_eq!(problems[0].line, Some(11));
}

#[test]
fn a_retired_member_on_a_shared_row_is_fixed_by_taking_the_name_off() {
    let dir = copy_fixture("healthy-squad");
    // Retired by hand (or by an older turk), still on a row shared with Linus.
    std::fs::create_dir_all(dir.path().join(".squad/agents/_alumni/livingston")).unwrap();
    edit(
        dir.path(),
        ".squad/routing.md",
        "| Session logging |",
        "| Documentation | Livingston, Linus | READMEs |\n| Session logging |",
    );
    let team = Team::discover(dir.path()).unwrap();
    let problems = doctor::check(&team).unwrap();
    assert_eq!(codes(&problems), ["R012"]);
    assert!(problems[0].fixable);
    let (plan, left) = doctor::plan_fix(&team, &problems).unwrap();
    assert!(left.is_empty());
    plan.apply().unwrap();
    let routing = std::fs::read_to_string(dir.path().join(".squad/routing.md")).unwrap();
    assert!(
        routing.contains("| Documentation | Linus | READMEs |\n"),
        "{routing}"
    );
    assert_eq!(doctor::check(&team).unwrap(), []);
}

#[test]
fn fixable_means_the_fix_writes_it() {
    let dir = copy_fixture("broken-squad");
    let team = Team::discover(dir.path()).unwrap();
    let problems = doctor::check(&team).unwrap();
    let (plan, left) = doctor::plan_fix(&team, &problems).unwrap();
    let fixable: Vec<&Problem> = problems.iter().filter(|p| p.fixable).collect();
    assert_eq!(fixable.len(), problems.len() - left.len());
    // Saul cannot be registered into a full universe, and a retired member still on the roster has no
    // repair: neither is counted.
    for p in &problems {
        let expected = !matches!(
            (p.code, p.file.as_str()),
            (Code::MissingRegistryEntry, _) | (Code::AlumniRouted, ".squad/team.md")
        );
        if matches!(p.code, Code::MissingRegistryEntry | Code::AlumniRouted) {
            assert_eq!(p.fixable, expected, "{}", p.render());
        }
    }
    plan.apply().unwrap();
    let after = doctor::check(&team).unwrap();
    for p in fixable {
        assert!(
            !after
                .iter()
                .any(|a| a.code == p.code && a.member == p.member && a.file == p.file),
            "counted as fixable but still there: {}",
            p.render()
        );
    }
}
