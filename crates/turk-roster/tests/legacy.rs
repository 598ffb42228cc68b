//! The oldest `.ai-team` teams: the routing table sits directly under `# Work Routing` (no `## Routing Table`
//! heading, no Issue Routing), and casting/history.json records use `timestamp` and `agent_map`. Every
//! operation reads and extends them in their own shape.

mod common;
use common::*;
use turk_roster::doctor::{self, Code};
use turk_roster::{AddRequest, Team, plan_add, plan_retire};

fn read(root: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

fn kane() -> AddRequest {
    AddRequest {
        role: Some("Navigator".into()),
        now: Some(EPOCH.into()),
        ..AddRequest::new("kane")
    }
}

#[test]
fn the_table_under_work_routing_routes_every_member() {
    let dir = copy_fixture("legacy-routing");
    let team = Team::discover(dir.path()).unwrap();
    let routing = team.routing().unwrap();
    assert_eq!(routing.routes.len(), 5);
    assert_eq!(
        routing.routes_for("dallas").len(),
        2,
        "own row and the shared one"
    );
    assert_eq!(doctor::check(&team).unwrap(), []);
    // Nothing for --fix to do, so nothing invented.
    let (plan, left) = doctor::plan_fix(&team, &[]).unwrap();
    assert!(plan.is_empty() && left.is_empty());
}

#[test]
fn add_extends_the_existing_table_and_history_in_their_shape() {
    let dir = copy_fixture("legacy-routing");
    let before = tree(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    plan_add(&team, &kane()).unwrap().apply().unwrap();
    let after = tree(dir.path());

    let inserted = only_inserted(
        std::str::from_utf8(&before[".ai-team/routing.md"]).unwrap(),
        std::str::from_utf8(&after[".ai-team/routing.md"]).unwrap(),
    );
    assert_eq!(inserted, ["| Navigator | Kane | Navigator work |\n"]);
    let routing = read(dir.path(), ".ai-team/routing.md");
    assert_eq!(routing.matches("| Work Type |").count(), 1, "{routing}");
    assert!(
        routing.contains("| Navigator | Kane | Navigator work |\n| Session logging | Scribe |"),
        "{routing}"
    );
    assert!(
        !routing.contains("Issue Routing"),
        "an Issue Routing section was invented"
    );

    // history.json: each new record has the keys of the records before it, in their order.
    let old = std::str::from_utf8(&before[".ai-team/casting/history.json"]).unwrap();
    let new = read(dir.path(), ".ai-team/casting/history.json");
    assert_eq!(json_only_extended(old, &new), 12);
    assert!(
        new.contains(&format!(
            "    {{\n      \"assignment_id\": \"turk-roster-add-kane-{EPOCH}\",\n      \"universe\": \"Alien\",\n      \"timestamp\": \"{EPOCH}\"\n    }}\n"
        )),
        "{new}"
    );
    assert!(
        new.contains(&format!(
            "    \"turk-roster-add-kane-{EPOCH}\": {{\n      \"universe\": \"Alien\",\n      \"agent_map\": {{\n        \"kane\": \"Kane\"\n      }},\n      \"timestamp\": \"{EPOCH}\"\n    }}\n"
        )),
        "{new}"
    );
    for key in ["used_at", "created_at", "\"agents\""] {
        assert!(!new.contains(key), "{key} in {new}");
    }
    assert_eq!(doctor::check(&team).unwrap(), []);
}

#[test]
fn one_line_records_get_a_one_line_record_with_their_keys() {
    // The CRLF legacy team writes each record on one line.
    let dir = copy_fixture("legacy-ai-team");
    let team = Team::discover(dir.path()).unwrap();
    let req = AddRequest {
        role: Some("Tester".into()),
        now: Some(EPOCH.into()),
        ..AddRequest::new("fenster")
    };
    plan_add(&team, &req).unwrap().apply().unwrap();
    let new = read(dir.path(), ".ai-team/casting/history.json");
    assert!(
        new.contains(&format!(
            "{{\"assignment_id\": \"turk-roster-add-fenster-{EPOCH}\", \"universe\": \"The Usual Suspects\", \"timestamp\": \"{EPOCH}\"}}\r\n"
        )),
        "{new}"
    );
    assert!(
        new.contains(&format!(
            "\"turk-roster-add-fenster-{EPOCH}\": {{\"universe\": \"The Usual Suspects\", \"agent_map\": {{\"fenster\": \"Fenster\"}}}}\r\n"
        )),
        "{new}"
    );
    assert_eq!(doctor::check(&team).unwrap(), []);
}

#[test]
fn retire_takes_the_member_off_every_row_and_keeps_the_shared_one() {
    let dir = copy_fixture("legacy-routing");
    let team = Team::discover(dir.path()).unwrap();
    plan_retire(&team, "dallas").unwrap().apply().unwrap();
    let routing = read(dir.path(), ".ai-team/routing.md");
    assert!(!routing.contains("| Prediction engine |"), "{routing}");
    assert!(
        routing.contains("| Code review | Ripley | Pull requests, design notes |\n"),
        "{routing}"
    );
    assert_eq!(doctor::check(&team).unwrap(), []);
}

#[test]
fn fix_routes_an_unrouted_member_in_the_existing_table() {
    let dir = copy_fixture("legacy-routing");
    let p = dir.path().join(".ai-team/routing.md");
    let text = read(dir.path(), ".ai-team/routing.md")
        .replace("| Testing | Lambert | Golden tide tables, fuzzing |\n", "");
    std::fs::write(&p, &text).unwrap();
    let team = Team::discover(dir.path()).unwrap();
    let problems = doctor::check(&team).unwrap();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].code, Code::NotRouted);
    assert_eq!(problems[0].line, Some(5), "points at the table");
    let (plan, left) = doctor::plan_fix(&team, &problems).unwrap();
    assert!(left.is_empty());
    plan.apply().unwrap();
    let after = read(dir.path(), ".ai-team/routing.md");
    assert_eq!(
        only_inserted(&text, &after),
        ["| Tester | Lambert | Tester work |\n"]
    );
    assert_eq!(doctor::check(&team).unwrap(), []);
}
