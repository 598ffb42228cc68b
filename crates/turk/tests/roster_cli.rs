//! `turk roster` end to end: exit codes, --dry-run writing nothing, JSON output, and snapshots of what users see.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/squad")
        .join(name);
    copy(&src, dir.path());
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn turk(cwd: &Path, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_turk"))
        .arg("roster")
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1772076480")
        .output()
        .unwrap();
    Out {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn list_text_and_json() {
    let dir = fixture("healthy-squad");
    let out = turk(dir.path(), &["list"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("list_healthy", out.stdout);
    let out = turk(dir.path(), &["list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["layout"]["kind"], "squad");
    assert_eq!(v["members"][0]["name"], "Danny");
    assert_eq!(v["universe"], "Ocean's Eleven");
}

#[test]
fn add_dry_run_writes_nothing_then_add_then_again() {
    let dir = fixture("healthy-squad");
    let before = files(dir.path());
    let out = turk(dir.path(), &["add", "turk", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("+++ b/.squad/agents/turk/charter.md"));
    assert!(out.stdout.contains("+| Turk | Go Performance Specialist |"));
    assert_eq!(files(dir.path()), before, "--dry-run wrote something");

    let out = turk(dir.path(), &["add", "turk"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("add_turk", out.stdout);
    let out = turk(dir.path(), &["add", "turk"]);
    assert_eq!(out.stdout, "Turk is already on the team, nothing changed.\n");
    assert_eq!(turk(dir.path(), &["doctor"]).code, 0);
}

#[test]
fn casting_conflict_exits_2_with_the_way_out() {
    let dir = fixture("legacy-ai-team");
    let out = turk(dir.path(), &["add", "turk"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(turk(dir.path(), &["add", "turk", "--force"]).code, 0);
}

#[test]
fn doctor_exit_codes_and_output() {
    let healthy = fixture("healthy-squad");
    let out = turk(healthy.path(), &["doctor"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.ends_with("No problems found.\n"));

    let broken = fixture("broken-squad");
    let out = turk(broken.path(), &["doctor"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!("doctor_broken", out.stdout);

    let out = turk(broken.path(), &["doctor", "--format", "json"]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let codes: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"R001") && codes.contains(&"R013"));

    let before = files(broken.path());
    let out = turk(broken.path(), &["doctor", "--fix", "--dry-run"]);
    assert_eq!(out.code, 1);
    assert_eq!(files(broken.path()), before, "--fix --dry-run wrote something");

    let out = turk(broken.path(), &["doctor", "--fix"]);
    assert_eq!(out.code, 1, "problems are left for a person");
    insta::assert_snapshot!("doctor_broken_fix", out.stdout);
}

#[test]
fn retire_and_show() {
    let dir = fixture("healthy-squad");
    let out = turk(dir.path(), &["retire", "rusty"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        dir.path()
            .join(".squad/agents/_alumni/rusty/charter.md")
            .is_file()
    );
    let out = turk(dir.path(), &["show", "rusty"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("not on the roster (in agents/_alumni/)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("retired"), "{}", out.stdout);
    let out = turk(dir.path(), &["show", "nobody"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("nobody") || out.stderr.contains("Nobody"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_names_are_rejected() {
    let dir = fixture("healthy-squad");
    let out = turk(dir.path(), &["add", "../x", "--role", "X"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("path separator"), "{}", out.stderr);
}

#[test]
fn charter_from_team_or_builtin() {
    let dir = fixture("healthy-squad");
    let out = turk(dir.path(), &["charter", "danny"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("# Danny — Lead"));
    assert!(out.stderr.contains("danny/charter.md"));
    let out = turk(dir.path(), &["charter", "turk"]);
    assert!(out.stdout.starts_with("# Turk — Go Performance Specialist"));
    assert_eq!(out.stderr, "charter: built-in\n");
    // Outside any repository with a team, still the built-in one.
    let empty = tempfile::tempdir().unwrap();
    std::fs::create_dir(empty.path().join(".git")).unwrap();
    let out = turk(empty.path(), &["charter", "turk", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["origin"]["kind"], "builtin");
}

#[test]
fn init_in_an_empty_repository_and_walks_up() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let sub = dir.path().join("cmd/server");
    std::fs::create_dir_all(&sub).unwrap();
    let out = turk(&sub, &["init", "--project", "Payments API", "--owner", "Mara"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(dir.path().join(".squad/agents/turk/charter.md").is_file());
    assert_eq!(turk(&sub, &["doctor"]).code, 0);
    let out = turk(&sub, &["init"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("already exists"));
}

#[test]
fn no_team_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let out = turk(dir.path(), &["list"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no Squad team folder"), "{}", out.stderr);
}

/// Every table in team.md and routing.md reads without a problem, and every member named is on the roster,
/// routed and labelled.
fn assert_team_sound(root: &Path, names: &[&str]) {
    let team = turk_roster::Team::discover(root).unwrap();
    let roster = team.roster().unwrap();
    assert_eq!(roster.problems, [], "team.md tables");
    let routing = team.routing().unwrap();
    assert_eq!(routing.problems, [], "routing.md tables");
    for name in names {
        assert!(roster.member(name).is_some(), "{name} is not on the roster");
        assert!(!routing.routes_for(name).is_empty(), "{name} is not routed");
        assert!(!routing.labels_for(name).is_empty(), "{name} has no label");
        let entries = team.registry().unwrap();
        assert!(
            entries.iter().any(|e| e.key.eq_ignore_ascii_case(name)),
            "{name} is not registered"
        );
    }
}

#[test]
fn parallel_adds_of_different_members_all_land() {
    let dir = fixture("healthy-squad");
    let names = [
        "basher",
        "livingston",
        "saul",
        "yen",
        "virgil",
        "reuben",
        "frank",
        "tess",
    ];
    let children: Vec<_> = names
        .iter()
        .map(|name| {
            Command::new(env!("CARGO_BIN_EXE_turk"))
                .args(["roster", "add", name, "--role", "Specialist"])
                .current_dir(dir.path())
                .env("SOURCE_DATE_EPOCH", "1772076480")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (name, child) in names.iter().zip(children) {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "add {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("joined the team"));
    }
    assert_team_sound(dir.path(), &names);
    let out = turk(dir.path(), &["doctor"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        !dir.path().join(".squad/.turk-roster.lock").exists(),
        "the lock file is left behind"
    );
}

#[test]
fn a_held_lock_is_waited_for_with_a_message() {
    use std::io::BufRead as _;
    let dir = fixture("healthy-squad");
    let team = turk_roster::Team::discover(dir.path()).unwrap();
    let lock = team.lock(std::time::Duration::from_secs(5), |_| {}).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(["roster", "add", "turk"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert_eq!(
        line,
        format!(
            "waiting for the team folder lock held by pid {} (.squad/.turk-roster.lock)…\n",
            std::process::id()
        )
    );
    assert!(
        !dir.path().join(".squad/agents/turk").exists(),
        "wrote while the lock was held"
    );
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("✅ Turk joined the team"));
    assert_team_sound(dir.path(), &["turk"]);
}

#[test]
fn a_role_with_a_pipe_is_escaped_and_reads_back() {
    let dir = fixture("healthy-squad");
    let out = turk(dir.path(), &["add", "saul", "--role", "Backend | Infra"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .ends_with("✅ Saul joined the team as Backend | Infra.\n"),
        "{}",
        out.stdout
    );
    let team_md = std::fs::read_to_string(dir.path().join(".squad/team.md")).unwrap();
    assert!(
        team_md.contains("| Saul | Backend \\| Infra | `.squad/agents/saul/charter.md` | ✅ Active |\n"),
        "{team_md}"
    );
    assert_team_sound(dir.path(), &["saul"]);
    let team = turk_roster::Team::discover(dir.path()).unwrap();
    assert_eq!(
        team.roster().unwrap().member("saul").unwrap().role,
        "Backend | Infra"
    );
    // The tables stay writable.
    let out = turk(dir.path(), &["add", "yen", "--role", "Ops"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_team_sound(dir.path(), &["saul", "yen"]);
    assert_eq!(turk(dir.path(), &["doctor"]).code, 0);
}

#[test]
fn control_characters_in_fields_are_usage_errors() {
    let dir = fixture("healthy-squad");
    let before = files(dir.path());
    for (args, field) in [
        (vec!["add", "saul", "--role", "Backend\nInfra"], "role"),
        (vec!["add", "saul", "--role", "Backend\tInfra"], "role"),
        (
            vec!["add", "saul", "--role", "Ops", "--universe", "Ocean's\rEleven"],
            "universe",
        ),
    ] {
        let out = turk(dir.path(), &args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stdout);
        assert!(
            out.stderr.starts_with(&format!("error: invalid {field} ")) && out.stderr.contains("one line"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(files(dir.path()), before, "a refused add wrote something");

    let empty = tempfile::tempdir().unwrap();
    std::fs::create_dir(empty.path().join(".git")).unwrap();
    let out = turk(empty.path(), &["init", "--project", "Ledger\nexporter"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("invalid project"), "{}", out.stderr);
    assert!(!empty.path().join(".squad").exists());
}

#[test]
fn a_retired_member_brought_back_with_force_is_on_the_team_again() {
    let dir = fixture("healthy-squad");
    assert_eq!(turk(dir.path(), &["retire", "rusty"]).code, 0);
    let out = turk(dir.path(), &["add", "rusty", "--role", "Backend Developer"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    let out = turk(
        dir.path(),
        &["add", "rusty", "--role", "Backend Developer", "--force"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("  moved agents/_alumni/rusty/ back to agents/rusty/\n"),
        "{}",
        out.stdout
    );
    assert!(!dir.path().join(".squad/agents/_alumni/rusty").exists());
    let out = turk(dir.path(), &["doctor"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn a_charter_that_is_not_utf8_is_named() {
    let dir = fixture("healthy-squad");
    let charter = dir.path().join(".squad/agents/danny/charter.md");
    std::fs::write(&charter, b"# Danny \xff\xfe Lead\n").unwrap();
    let out = turk(dir.path(), &["doctor"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains(
            ".squad/agents/danny/charter.md: R013 unreadable-file: Danny's charter cannot be read: not valid UTF-8 text"
        ),
        "{}",
        out.stdout
    );
    for args in [["charter", "danny"], ["show", "danny"]] {
        let out = turk(dir.path(), &args);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(
            out.stderr
                .contains("agents/danny/charter.md: not valid UTF-8 text"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn adding_a_member_who_is_there_says_so() {
    let dir = fixture("healthy-squad");
    assert_eq!(turk(dir.path(), &["add", "turk"]).code, 0);
    // One piece goes missing: add puts it back, without claiming Turk just joined.
    let routing = dir.path().join(".squad/routing.md");
    let text = std::fs::read_to_string(&routing).unwrap();
    let text = text.replace(
        "| `squad:turk` | Pick up issue and complete the work | Turk |\n",
        "",
    );
    std::fs::write(&routing, text).unwrap();
    let out = turk(dir.path(), &["add", "turk"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "  added the squad:turk Issue Routing row in routing.md\nTurk was already on the team; added what was missing.\n"
    );
    let out = turk(dir.path(), &["add", "turk"]);
    assert_eq!(out.stdout, "Turk is already on the team, nothing changed.\n");
    let out = turk(dir.path(), &["add", "turk", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["changed"], false);
}
