//! `turk scan --since`, `--baseline`/`--write-baseline` and `turk audit --since` through the binary, on Git
//! repositories built in temporary folders.

mod support;

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};
use turk_testgit::{GitRepo, git_in};

const GO_MOD: &str = "module example.com/svc\n\ngo 1.22\n";

/// Three functions, each with one static finding: `time.After` in a loop (lines 12 and 29) and a busy loop
/// (lines 20-21).
const WORKER: &str = r#"package svc

import (
	"time"
)

// Poll waits for jobs until a second passes without one.
func Poll(jobs <-chan int) {
	for {
		select {
		case <-jobs:
		case <-time.After(time.Second):
			return
		}
	}
}

// Drain waits until the queue is empty.
func Drain(queue chan int) {
	for len(queue) > 0 {
	}
}

// Idle waits for jobs until a minute passes without one.
func Idle(jobs <-chan int) {
	for {
		select {
		case <-jobs:
		case <-time.After(time.Minute):
			return
		}
	}
}
"#;

/// A new problem: a regular expression compiled for every id (line 7).
const IDS: &str = r#"package svc

import "regexp"

func AllValid(ids []string) bool {
	for _, s := range ids {
		if !regexp.MustCompile(`^[a-z]+$`).MatchString(s) {
			return false
		}
	}
	return true
}
"#;

fn turk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1764000000")
        .env("TURK_CACHE_DIR", dir.join(".cache"))
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .output()
        .unwrap()
}

/// `turk scan . ARGS --format json` in `dir`.
fn scan_json(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["scan", "."];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    turk(dir, &all)
}

/// `turk audit . --since REV --static-only`, writing report.md and run.json.
fn audit_static_since(repo: &GitRepo, rev: &str) -> Output {
    turk(
        repo.path(),
        &[
            "audit",
            ".",
            "--since",
            rev,
            "--static-only",
            "--out",
            "report.md",
            "--json",
            "run.json",
        ],
    )
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("turk exited normally")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    })
}

/// `(rule, path, line)` of each finding of `turk scan --format json`.
fn findings(out: &Output) -> Vec<(String, String, u64)> {
    json(out)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn finding(rule: &str, path: &str, line: u64) -> (String, String, u64) {
    (rule.to_string(), path.to_string(), line)
}

/// A Go module with the worker committed on main; returns the repository and the commit.
fn module() -> (GitRepo, String) {
    let repo = GitRepo::new();
    repo.write("go.mod", GO_MOD);
    repo.write("worker.go", WORKER);
    let base = repo.commit("Add the worker");
    (repo, base)
}

#[test]
fn scan_since_reports_only_the_findings_of_the_changed_function() {
    let (repo, base) = module();
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.edit(
        "worker.go",
        "time.After(time.Minute)",
        "time.After(2 * time.Minute)",
    );
    repo.commit("Idle waits two minutes");
    // main moves on after the branch was made: its change is not the feature's.
    repo.git(&["checkout", "-q", "main"]);
    repo.edit(
        "worker.go",
        "time.After(time.Second)",
        "time.After(3 * time.Second)",
    );
    repo.commit("Poll waits three seconds");
    repo.git(&["checkout", "-q", "feature"]);

    let all = scan_json(repo.path(), &[]);
    assert_eq!(findings(&all).len(), 3, "{}", stderr(&all));

    let out = scan_json(repo.path(), &["--since", "main"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(
        findings(&out),
        [finding("conc/time-after-in-loop", "worker.go", 29)]
    );
    let doc = json(&out);
    assert_eq!(doc["since"]["rev"], "main");
    assert_eq!(doc["since"]["merge_base"], base.as_str());
    assert_eq!(doc["since"]["merge_base_summary"], "Add the worker");
    assert_eq!(doc["since"]["files_changed"], 1);
    // Existing fields keep their meaning: every Go file was still scanned.
    assert_eq!(doc["files_scanned"], 1);
    assert!(doc.get("baselined").is_none());

    let text = turk(repo.path(), &["scan", ".", "--since", "main"]);
    let err = stderr(&text);
    assert!(
        err.contains(&format!(
            "since main (merge base {} \"Add the worker\"): 1 Go file changed",
            &base[..12]
        )),
        "{err}"
    );
}

#[test]
fn uncommitted_changes_count_and_a_finding_counts_when_its_span_overlaps_a_changed_line() {
    let (repo, _) = module();
    let out = scan_json(repo.path(), &["--since", "HEAD"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(findings(&out).is_empty());
    assert_eq!(json(&out)["since"]["files_changed"], 0);

    // Only the closing brace of the busy loop (lines 20-21) changes, and it is not committed.
    repo.edit("worker.go", "0 {\n\t}\n", "0 {\n\t} // spins\n");
    let out = scan_json(repo.path(), &["--since", "HEAD"]);
    assert_eq!(code(&out), 1);
    assert_eq!(findings(&out), [finding("conc/busy-loop", "worker.go", 20)]);

    // A new file nobody has added yet is all new.
    repo.write("ids.go", IDS);
    let out = scan_json(repo.path(), &["--since", "HEAD"]);
    assert_eq!(
        findings(&out),
        [
            finding("regexp/compile-in-func", "ids.go", 7),
            finding("conc/busy-loop", "worker.go", 20)
        ]
    );
    assert_eq!(json(&out)["since"]["files_changed"], 2);
}

#[test]
fn a_subfolder_scan_maps_the_repository_paths_onto_its_own() {
    let repo = GitRepo::new();
    repo.write("services/svc/go.mod", GO_MOD);
    repo.write("services/svc/worker.go", WORKER);
    repo.write("services/other/worker.go", WORKER);
    repo.commit("Two services");
    repo.edit(
        "services/svc/worker.go",
        "time.After(time.Minute)",
        "time.After(2 * time.Minute)",
    );
    repo.edit(
        "services/other/worker.go",
        "time.After(time.Second)",
        "time.After(3 * time.Second)",
    );

    let from_root = turk(
        repo.path(),
        &["scan", "services/svc", "--since", "HEAD", "--format", "json"],
    );
    assert_eq!(
        findings(&from_root),
        [finding("conc/time-after-in-loop", "worker.go", 29)]
    );
    let from_inside = scan_json(&repo.join("services/svc"), &["--since", "HEAD"]);
    assert_eq!(findings(&from_inside), findings(&from_root));
    let whole = scan_json(repo.path(), &["--since", "HEAD"]);
    assert_eq!(
        findings(&whole),
        [
            finding("conc/time-after-in-loop", "services/other/worker.go", 12),
            finding("conc/time-after-in-loop", "services/svc/worker.go", 29)
        ]
    );
}

#[test]
fn an_unknown_revision_a_shallow_clone_and_a_folder_outside_git_are_clear_errors() {
    let (repo, _) = module();
    let out = turk(repo.path(), &["scan", ".", "--since", "origin/main"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("error: `origin/main` is not a revision of the repository"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    repo.edit("worker.go", "time.Second", "3 * time.Second");
    repo.commit("Poll waits three seconds");
    let parent = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git_in(parent.path(), &["clone", "-q", "--depth", "1", &url, "clone"]);
    let clone = parent.path().join("clone");
    let out = turk(&clone, &["scan", ".", "--since", "HEAD~1"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("`HEAD~1` is not in this shallow clone"), "{err}");
    assert!(err.contains("git fetch --unshallow"), "{err}");
    assert!(err.contains("--depth"), "{err}");

    let plain = tempfile::tempdir().unwrap();
    std::fs::write(plain.path().join("worker.go"), WORKER).unwrap();
    let out = turk(plain.path(), &["scan", ".", "--since", "main"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("not inside a Git repository"),
        "{}",
        stderr(&out)
    );
    let out = turk(plain.path(), &["audit", ".", "--since", "main", "--static-only"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("not inside a Git repository"),
        "{}",
        stderr(&out)
    );
    assert!(!plain.path().join("turk-report.md").exists());
}

#[test]
fn a_baseline_hides_every_existing_finding_even_after_edits_above_and_a_new_problem_still_shows() {
    let (repo, _) = module();
    let written = turk(
        repo.path(),
        &["scan", ".", "--write-baseline", "turk-baseline.json"],
    );
    assert_eq!(
        code(&written),
        0,
        "writing a baseline accepts the findings: {}",
        stderr(&written)
    );
    assert!(
        stderr(&written).contains("wrote turk-baseline.json: 3 findings"),
        "{}",
        stderr(&written)
    );
    let baseline: Value = serde_json::from_str(&repo.read("turk-baseline.json")).unwrap();
    assert_eq!(baseline["version"], 1);
    let entries = baseline["findings"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0]["rule"], "conc/time-after-in-loop");
    assert_eq!(entries[0]["path"], "worker.go");
    assert_eq!(entries[0]["line"], 12);
    assert!(entries[0]["title"].as_str().unwrap().contains("time.After"));
    assert_eq!(entries[0]["fingerprint"].as_str().unwrap().len(), 16);

    let out = turk(repo.path(), &["scan", ".", "--baseline", "turk-baseline.json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("baseline turk-baseline.json: 3 findings hidden"),
        "{}",
        stderr(&out)
    );

    // Lines inserted above every finding move them all; their fingerprints stay.
    repo.edit(
        "worker.go",
        "import (\n",
        "// Package svc runs the workers.\n\nimport (\n",
    );
    let out = scan_json(repo.path(), &["--baseline", "turk-baseline.json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(findings(&out).is_empty());
    assert_eq!(json(&out)["baselined"], 3);

    repo.write("ids.go", IDS);
    let out = scan_json(repo.path(), &["--baseline", "turk-baseline.json"]);
    assert_eq!(code(&out), 1);
    assert_eq!(findings(&out), [finding("regexp/compile-in-func", "ids.go", 7)]);
    assert_eq!(json(&out)["baselined"], 3);
}

#[test]
fn since_and_baseline_combine() {
    let (repo, _) = module();
    turk(
        repo.path(),
        &["scan", ".", "--write-baseline", "turk-baseline.json"],
    );
    repo.commit("Accept the existing findings");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    // The change touches an accepted finding's line (without changing its code) and adds a new problem.
    repo.edit(
        "worker.go",
        "\t\tcase <-time.After(time.Minute):\n",
        "\t\tcase <-time.After(time.Minute): // idle timeout\n",
    );
    repo.write("ids.go", IDS);
    repo.commit("Validate ids");
    let out = scan_json(
        repo.path(),
        &["--since", "main", "--baseline", "turk-baseline.json"],
    );
    assert_eq!(code(&out), 1);
    assert_eq!(findings(&out), [finding("regexp/compile-in-func", "ids.go", 7)]);
    let doc = json(&out);
    assert_eq!(doc["baselined"], 1);
    assert_eq!(doc["since"]["files_changed"], 2);
}

#[test]
fn a_missing_or_malformed_baseline_is_a_clear_error() {
    let (repo, _) = module();
    let out = turk(repo.path(), &["scan", ".", "--baseline", "nope.json"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("nope.json: no such baseline file"), "{err}");
    assert!(err.contains("--write-baseline nope.json"), "{err}");

    repo.write(
        "bad.json",
        "{\"version\": 1, \"findings\": [{\"fingerprint\": \"0123\"}",
    );
    let out = turk(repo.path(), &["scan", ".", "--baseline", "bad.json"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("bad.json: not a turk baseline"),
        "{}",
        stderr(&out)
    );
    repo.write("future.json", "{\"version\": 9, \"findings\": []}");
    let out = turk(repo.path(), &["scan", ".", "--baseline", "future.json"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("future.json: baseline version 9 is not supported"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn audit_since_reviews_only_the_changed_files_and_the_report_names_the_change() {
    let (repo, base) = module();
    repo.write(
        "quiet.go",
        "package svc\n\n// Name is the service's name.\nconst Name = \"svc\"\n",
    );
    repo.write("store.go", &WORKER.replace("package svc", "package svc // store"));
    repo.commit("Add the store");
    let base_of_change = repo.git(&["rev-parse", "HEAD"]);
    assert_ne!(base, base_of_change);
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.edit(
        "worker.go",
        "time.After(time.Minute)",
        "time.After(2 * time.Minute)",
    );
    repo.edit("quiet.go", "\"svc\"", "\"svc-v2\"");
    repo.commit("Idle waits two minutes; rename");

    let out = audit_static_since(&repo, "main");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "changes since main: merge base {} \"Add the store\", 2 Go files changed, 2 in review scope",
            &base_of_change[..12]
        )),
        "{err}"
    );
    let run: Value = serde_json::from_str(&repo.read("run.json")).unwrap();
    assert_eq!(run["since"]["rev"], "main");
    assert_eq!(run["since"]["merge_base"], base_of_change.as_str());
    assert_eq!(run["since"]["merge_base_summary"], "Add the store");
    assert_eq!(run["since"]["files_changed"], 2);
    // The changed files, ranked as usual: the worker's signals first, the quiet file last. store.go is hot but
    // did not change.
    let scope: Vec<&str> = run["scope"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(scope, ["worker.go", "quiet.go"]);
    assert_eq!(
        run["scope"][1]["reason"],
        "changed; no hot-path signal; 1 line changed"
    );
    let statics: Vec<(&str, u64)> = run["static_findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["span"]["path"].as_str().unwrap(),
                f["span"]["start_line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(statics, [("worker.go", 29)]);

    let report = repo.read("report.md");
    let header = report.lines().nth(2).unwrap();
    assert!(
        header.contains(&format!(
            "changes since `main` (merge base `{}`) · 3 Go files scanned, 2 changed, 2 in review scope",
            &base_of_change[..12]
        )),
        "{header}"
    );
    assert!(
        report.contains("found 1 finding on the changed lines"),
        "{report}"
    );
    assert!(
        report.contains("Change reviewed: the lines added or changed since `main`"),
        "{report}"
    );
    assert!(report.contains("(Add the store)"), "{report}");

    // The saved run renders the same report.
    let again = turk(repo.path(), &["report", "run.json"]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), report);
}

#[test]
fn audit_since_with_nothing_changed_reviews_nothing_and_says_so() {
    let (repo, _) = module();
    let out = audit_static_since(&repo, "HEAD");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let run: Value = serde_json::from_str(&repo.read("run.json")).unwrap();
    assert_eq!(run["scope"].as_array().unwrap().len(), 0);
    assert_eq!(run["static_findings"].as_array().unwrap().len(), 0);
    assert!(
        run["phases"][0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("no Go file changed since `HEAD`"),
        "{}",
        run["phases"][0]
    );
    let report = repo.read("report.md");
    assert!(
        report.contains("No Go file changed since `HEAD` is in the review scope."),
        "{report}"
    );
}
