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
    assert_eq!(out.stdout, "Turk is already on the team; nothing to change.\n");
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
