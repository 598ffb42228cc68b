//! Adding members: Turk's preset, idempotency, casting checks, and proof that untouched bytes stay untouched.

mod common;
use common::*;
use turk_roster::{AddRequest, RosterError, Team, plan_add};

fn turk() -> AddRequest {
    AddRequest {
        now: Some(EPOCH.into()),
        ..AddRequest::new("turk")
    }
}

fn read(p: &std::path::Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn add_turk_to_healthy_team_only_inserts_lines() {
    let dir = copy_fixture("healthy-squad");
    let before = tree(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    plan_add(&team, &turk()).unwrap().apply().unwrap();
    let after = tree(dir.path());

    // Files that are not Turk's own are only ever extended.
    for (path, old) in &before {
        let (old, new) = (
            std::str::from_utf8(old).unwrap(),
            std::str::from_utf8(&after[path]).unwrap(),
        );
        if path.ends_with(".json") {
            let added = json_only_extended(old, new);
            assert_eq!(
                added > 0,
                path.contains("registry") || path.contains("casting/history"),
                "{path}"
            );
            continue;
        }
        let inserted = only_inserted(old, new);
        match path.as_str() {
            ".squad/team.md" => assert_eq!(
                inserted,
                ["| Turk | Go Performance Specialist | `.squad/agents/turk/charter.md` | ✅ Active |\n"]
            ),
            ".squad/routing.md" => assert_eq!(
                inserted,
                [
                    "| Go performance / optimisation | Turk | Profiling, allocation analysis, concurrency, I/O optimisation, Azure SDK tuning |\n",
                    "| `squad:turk` | Pick up issue and complete the work | Turk |\n"
                ]
            ),
            _ => assert!(inserted.is_empty(), "{path} changed"),
        }
    }
    let new_files: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!(
        new_files,
        [".squad/agents/turk/charter.md", ".squad/agents/turk/history.md"]
    );

    // The Members row sits before Scribe and Ralph.
    let team_md = read(&dir.path().join(".squad/team.md"));
    assert!(team_md.find("| Turk |").unwrap() < team_md.find("| Scribe |").unwrap());

    // Casting files stay valid JSON and record Turk.
    let reg: serde_json::Value =
        serde_json::from_str(&read(&dir.path().join(".squad/casting/registry.json"))).unwrap();
    assert_eq!(reg["agents"]["turk"]["universe"], "Ocean's Eleven");
    assert_eq!(reg["agents"]["turk"]["status"], "active");
    assert_eq!(reg["agents"]["turk"]["created_at"], EPOCH);
    let hist: serde_json::Value =
        serde_json::from_str(&read(&dir.path().join(".squad/casting/history.json"))).unwrap();
    assert_eq!(hist["universe_usage_history"].as_array().unwrap().len(), 2);

    // History seeded from Project Context.
    let history = read(&dir.path().join(".squad/agents/turk/history.md"));
    assert!(history.contains("- **Owner:** Mara Quist"));
    assert!(history.contains("- **Stack:** Go 1.24, PostgreSQL, Azure Service Bus"));
    insta::assert_snapshot!("turk_history_md", history);
}

#[test]
fn second_add_changes_nothing() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    plan_add(&team, &turk()).unwrap().apply().unwrap();
    let snapshot = tree(dir.path());
    let again = plan_add(&team, &turk()).unwrap();
    assert!(again.is_empty(), "second add planned: {:?}", again.notes);
    assert_eq!(tree(dir.path()), snapshot);
}

#[test]
fn generated_turk_charter_follows_the_template_headings() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    plan_add(&team, &turk()).unwrap().apply().unwrap();
    let charter = team.charter("turk").unwrap().unwrap();
    let headings: Vec<&str> = charter
        .sections
        .iter()
        .filter(|s| s.level == 2)
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Identity",
            "What I Own",
            "How I Work",
            "Boundaries",
            "Model",
            "Output Format",
            "Collaboration",
            "Voice"
        ]
    );
    assert_eq!(charter.role().as_deref(), Some("Go Performance Specialist"));
    let model = charter.field("Model", "Preferred").unwrap();
    assert!(
        model.contains("gpt-5.3-codex") && model.contains("claude-opus-4-6"),
        "{model}"
    );
    for focus in [
        "Profiling",
        "Allocation analysis",
        "Concurrency patterns",
        "I/O optimisation",
        "Azure SDK",
    ] {
        assert!(
            charter.section("What I Own").unwrap().body.contains(focus),
            "missing {focus}"
        );
    }
    assert!(
        charter
            .section("Boundaries")
            .unwrap()
            .body
            .contains("I recommend")
    );
    for p in ["🔴 P0", "🟡 P1", "🟢 P2"] {
        assert!(charter.text.contains(p));
    }
    insta::assert_snapshot!("turk_charter_md", charter.text);
}

#[test]
fn hand_edited_team_keeps_padding_emoji_unknown_sections_and_trailing_text() {
    let dir = copy_fixture("hand-edited");
    let team_md = dir.path().join(".squad/team.md");
    let routing_md = dir.path().join(".squad/routing.md");
    let (old_team, old_routing) = (read(&team_md), read(&routing_md));
    let team = Team::discover(dir.path()).unwrap();
    plan_add(&team, &turk()).unwrap().apply().unwrap();

    let inserted = only_inserted(&old_team, &read(&team_md));
    // The table is hand-aligned, so the new row is padded to the same columns.
    assert_eq!(
        inserted,
        [
            "| Turk      | Go Performance Specialist | `.squad/agents/turk/charter.md`      | ✅ Active     |\n"
        ]
    );
    assert!(
        read(&team_md).ends_with("kept as they are.   "),
        "trailing text without newline must survive"
    );
    let inserted = only_inserted(&old_routing, &read(&routing_md));
    assert_eq!(inserted.len(), 2);
    assert!(inserted[1].starts_with("| `squad:turk`    | "), "{inserted:?}");

    // JSON with 4-space indentation, unknown fields and one-line entries keeps all of it, and new entries follow
    // the style.
    let reg = read(&dir.path().join(".squad/casting/registry.json"));
    assert!(reg.contains("\"notes\": \"kept by hand\" }"));
    assert!(reg.contains("    \"x-extension\": true\n}\n"));
    // Its entries are one-line objects, so Turk's is too.
    assert!(
        reg.contains("        \"turk\": {\"persistent_name\": \"Turk\", \"universe\": \"Ocean's Eleven\", "),
        "{reg}"
    );
}

#[test]
fn crlf_team_gets_crlf_lines_and_keeps_its_bytes() {
    let dir = copy_fixture("legacy-ai-team");
    let before = tree(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    let req = AddRequest {
        force: true,
        ..turk()
    };
    plan_add(&team, &req).unwrap().apply().unwrap();
    let after = tree(dir.path());
    for (path, new) in &after {
        let text = std::str::from_utf8(new).unwrap();
        assert_eq!(
            text.matches('\n').count(),
            text.matches("\r\n").count(),
            "{path} has a bare LF"
        );
        match before.get(path) {
            Some(old) if path.ends_with(".json") => {
                json_only_extended(std::str::from_utf8(old).unwrap(), text);
            }
            Some(old) => {
                only_inserted(std::str::from_utf8(old).unwrap(), text);
            }
            None => {}
        }
    }
    let team_md = std::str::from_utf8(&after[".ai-team/team.md"]).unwrap();
    assert!(team_md.contains(
        "| Turk | Go Performance Specialist | `.ai-team/agents/turk/charter.md` | ✅ Active |\r\n"
    ));
}

#[test]
fn other_universe_is_a_casting_conflict_with_a_way_out() {
    let dir = copy_fixture("legacy-ai-team");
    let before = tree(dir.path());
    let team = Team::discover(dir.path()).unwrap();
    let err = plan_add(&team, &turk()).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, RosterError::Casting(_)));
    assert!(
        msg.contains("Ocean's Eleven") && msg.contains("The Usual Suspects"),
        "{msg}"
    );
    assert!(msg.contains("--force"), "{msg}");
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn full_universe_is_a_casting_conflict() {
    let dir = copy_fixture("healthy-squad");
    let policy = dir.path().join(".squad/casting/policy.json");
    std::fs::write(
        &policy,
        read(&policy).replace("\"Ocean's Eleven\": 14", "\"Ocean's Eleven\": 3"),
    )
    .unwrap();
    let team = Team::discover(dir.path()).unwrap();
    let msg = plan_add(&team, &turk()).unwrap_err().to_string();
    assert!(msg.contains("is full (3 of 3"), "{msg}");
    assert!(
        plan_add(
            &team,
            &AddRequest {
                force: true,
                ..turk()
            }
        )
        .is_ok()
    );
}

#[test]
fn other_members_need_a_role_and_use_the_team_template() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    let err = plan_add(&team, &AddRequest::new("saul")).unwrap_err();
    assert!(err.to_string().contains("--role"), "{err}");
    let req = AddRequest {
        role: Some("Data Engineer".into()),
        now: Some(EPOCH.into()),
        ..AddRequest::new("saul")
    };
    plan_add(&team, &req).unwrap().apply().unwrap();
    let charter = read(&dir.path().join(".squad/agents/saul/charter.md"));
    // The team's templates/charter.md, filled in.
    assert!(
        charter.starts_with("# Saul — Data Engineer\n\n> {one-line personality}"),
        "{charter}"
    );
    assert!(charter.contains("- **Role:** Data Engineer"));
    let routing = team.routing().unwrap();
    assert_eq!(routing.routes_for("saul")[0].work_type, "Data Engineer");
    assert_eq!(routing.labels_for("saul").len(), 1);
    assert!(turk_roster::doctor::check(&team).unwrap().is_empty());
}

#[test]
fn retired_name_stays_reserved() {
    let dir = copy_fixture("healthy-squad");
    let team = Team::discover(dir.path()).unwrap();
    turk_roster::plan_retire(&team, "rusty").unwrap().apply().unwrap();
    let req = AddRequest {
        role: Some("Backend Developer".into()),
        ..AddRequest::new("rusty")
    };
    let msg = plan_add(&team, &req).unwrap_err().to_string();
    assert!(msg.contains("reserved by a retired member"), "{msg}");
}
