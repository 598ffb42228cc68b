//! `turk audit` end to end through the binary: the static-only run, two recorded reviewers, `--dry-run`,
//! configuration errors. Timestamps are pinned with SOURCE_DATE_EPOCH so reports snapshot cleanly.

use std::path::Path;
use std::process::{Command, Output};

const HANDLER: &str = r#"package api

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

var (
	mu    sync.Mutex
	cache = map[string][]byte{}
)

func Orders(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	defer mu.Unlock()
	for id, body := range cache {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(time.Second):
		}
		if id == r.URL.Query().Get("id") {
			json.NewEncoder(w).Encode(body)
		}
	}
}
"#;

const GO_MOD: &str = "module example.com/shop\n\ngo 1.21\n";

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("internal/api")).unwrap();
    std::fs::write(dir.path().join("go.mod"), GO_MOD).unwrap();
    std::fs::write(dir.path().join("internal/api/handler.go"), HANDLER).unwrap();
    dir
}

fn turk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1764000000")
        .env("TURK_CACHE_DIR", dir.join(".cache"))
        .env_remove("TURK_REVIEWER_CODEX_MODEL")
        .output()
        .unwrap()
}

fn recorded(dir: &Path, reviewer: &str, answer: &str) {
    let folder = dir.join("recorded").join(reviewer);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("answer.json"), answer).unwrap();
}

#[test]
fn without_reviewers_the_static_phases_run_and_the_report_says_how_to_add_reviewers() {
    let dir = repo();
    let out = turk(
        dir.path(),
        &["audit", ".", "--out", "report.md", "--json", "run.json"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("No model reviewer is configured"), "{stderr}");
    let report = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(turk_report::validate::check_report(&report, &[]).is_empty());
    assert!(report.contains("| Model reviews | ⏭️ skipped |"), "{report}");
    assert!(report.contains("internal/api/handler.go"), "{report}");
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("run.json")).unwrap()).unwrap();
    assert_eq!(run["reviewers"].as_array().unwrap().len(), 0);
    assert!(
        run["static_findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["origin"]["id"] == "conc/time-after-in-loop")
    );
    assert_eq!(run["scope"][0]["path"], "internal/api/handler.go");
    insta::assert_snapshot!("audit_static_only", report);
}

#[test]
fn two_recorded_reviewers_each_get_a_labelled_section() {
    let dir = repo();
    recorded(
        dir.path(),
        "codex",
        r#"Here is my review.
```json
{"findings": [
  {"file": "internal/api/handler.go", "start_line": 16, "end_line": 28, "priority": "P0", "category": "concurrency",
   "title": "Global mutex held across the whole response", "why": "Every request serialises on mu while it encodes and waits.",
   "fix": "Copy what you need under the lock, release it, then encode.", "quote": "defer mu.Unlock()"},
  {"file": "internal/api/handler.go", "start_line": 400, "end_line": 401, "priority": "P2", "category": "cpu",
   "title": "Imagined line", "why": "x", "fix": "y"}
]}
```"#,
    );
    recorded(
        dir.path(),
        "opus",
        r#"{"findings": [{"file": "internal/api/handler.go", "start_line": 22, "end_line": 22, "priority": "high",
          "category": "timers", "title": "time.After per iteration", "why": "A timer per entry.", "fix": "Reuse a timer.",
          "quote": "time.After(time.Second)"}, {"file": "../../etc/passwd", "start_line": 1, "priority": "P0", "title": "escape"}]}"#,
    );
    std::fs::write(
        dir.path().join("turk.yaml"),
        "reviewers:\n  - id: codex\n    label: GPT-5.3-Codex\n    provider: replay\n    model: gpt-5.3-codex\n    replay_dir: recorded/codex\n  - id: opus\n    label: Claude Opus 4.6\n    provider: replay\n    model: claude-opus-4-6\n    replay_dir: recorded/opus\n",
    )
    .unwrap();
    let out = turk(
        dir.path(),
        &[
            "audit",
            ".",
            "--out",
            "report.md",
            "--json",
            "run.json",
            "--sarif",
            "run.sarif",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    let problems = turk_report::validate::check_report(&report, &["GPT-5.3-Codex", "Claude Opus 4.6"]);
    assert!(problems.is_empty(), "{problems:?}\n{report}");
    assert!(report.contains("Recorded answers (replay)"));
    assert!(report.contains("`internal/api/handler.go:16-28`"), "{report}");
    assert!(
        report.contains("⚠️ unverified"),
        "the line-400 finding is not grounded: {report}"
    );
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("run.json")).unwrap()).unwrap();
    let reviewers = run["reviewers"].as_array().unwrap();
    assert_eq!(reviewers.len(), 2);
    assert_eq!(reviewers[0]["id"], "codex");
    assert_eq!(reviewers[0]["recorded"], true);
    // The unknown category maps to `other`, never dropping the finding; the path escape is not opened.
    let opus = &reviewers[1]["findings"];
    assert!(
        opus.as_array()
            .unwrap()
            .iter()
            .any(|f| f["category"] == "other" && f["priority"] == "P0"),
        "{opus}"
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("run.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    insta::assert_snapshot!("audit_two_recorded_reviewers", report);
}

#[test]
fn dry_run_sends_nothing_writes_nothing_and_never_shows_the_key() {
    let dir = repo();
    std::fs::write(
        dir.path().join("turk.yaml"),
        "reviewers:\n  - id: codex\n    label: GPT-5.3-Codex\n    provider: openai\n    base_url: http://127.0.0.1:9/v1\n    model: gpt-5.3-codex\n    api_key_env: TURK_TEST_KEY\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(["audit", ".", "--dry-run"])
        .current_dir(dir.path())
        .env("TURK_TEST_KEY", "sk-test-SECRET-never-print-me")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("SECRET"), "{all}");
    assert!(all.contains("internal/api/handler.go"), "{all}");
    assert!(all.contains("Dry run: nothing was sent"), "{all}");
    assert!(!dir.path().join("turk-report.md").exists());
}

#[test]
fn configuration_mistakes_are_clear_errors() {
    let dir = repo();
    std::fs::write(
        dir.path().join("turk.yaml"),
        "reviewers:\n  - id: codex\n    provider: openai\n    modle: x\n",
    )
    .unwrap();
    let out = turk(dir.path(), &["audit", "."]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("turk.yaml") && stderr.contains("modle"),
        "{stderr}"
    );

    std::fs::write(
        dir.path().join("turk.yaml"),
        "scope:\n  include: [\"nothing/*.go\"]\n",
    )
    .unwrap();
    let out = turk(dir.path(), &["audit", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("matches no Go file"));

    std::fs::remove_file(dir.path().join("turk.yaml")).unwrap();
    let out = turk(dir.path(), &["audit", ".", "--reviewer", "ghost"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no reviewer `ghost`"));
}
