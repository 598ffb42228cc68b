//! `turk audit` end to end through the binary: the static-only run, two recorded reviewers, `--dry-run`,
//! configuration errors. Timestamps are pinned with SOURCE_DATE_EPOCH so reports snapshot cleanly.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::openai::Server;

const HANDLER: &str = r#"package api

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

var (
	mu    sync.Mutex
	cache, refresh = map[string][]byte{}, make(chan []byte)
)

func Orders(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	defer mu.Unlock()
	for id, body := range cache {
		select {
		case b := <-refresh:
			body = b
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
        // Without turk.yaml reviewers, these keys would make the audit call the default models.
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
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
fn the_no_reviewer_hint_follows_how_reviewers_were_configured() {
    let dir = repo();
    let hint = |dir: &Path| {
        let out = turk(dir, &["audit", ".", "--dry-run"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let none = hint(dir.path());
    assert!(none.contains("create turk.yaml in the repository root"), "{none}");
    std::fs::write(dir.path().join("turk.yaml"), "scan:\n  tests: false\n").unwrap();
    let no_list = hint(dir.path());
    assert!(
        no_list.contains("add a `reviewers:` list to") && no_list.contains("turk.yaml"),
        "{no_list}"
    );
    std::fs::write(dir.path().join("turk.yaml"), "reviewers: []\n").unwrap();
    let empty = hint(dir.path());
    assert!(empty.contains("has an empty `reviewers:` list"), "{empty}");
    assert!(!empty.contains("create turk.yaml"), "{empty}");
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
fn dry_run_shows_each_files_kind_score_and_reason_hottest_first() {
    let out = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(["audit", ".", "--dry-run"])
        .current_dir(workspace().join("testdata/sample-service"))
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("   1. internal/api/handler.go (260 lines, score "),
        "{stdout}"
    );
    assert!(
        stdout.contains("): worker pool: goroutines started in a loop"),
        "{stdout}"
    );
    insta::assert_snapshot!("dry_run_sample", stdout);
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
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("turk.yaml: scope.include") && stderr.contains("matches no Go file"),
        "{stderr}"
    );

    // A rule id the configuration names wrongly is an error naming the file and the key, in scan and audit.
    std::fs::write(dir.path().join("turk.yaml"), "rules:\n  skip: [nosuch]\n").unwrap();
    for command in ["audit", "scan"] {
        let out = turk(dir.path(), &[command, "."]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("turk.yaml: rules.skip") && stderr.contains("unknown rule `nosuch`"),
            "{command}: {stderr}"
        );
    }

    // A scope of no file is refused only where a review would run.
    std::fs::write(dir.path().join("turk.yaml"), "scope:\n  max_files: 0\n").unwrap();
    let out = turk(dir.path(), &["audit", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("turk.yaml: scope.max_files is 0"));
    for args in [&["audit", ".", "--static-only"][..], &["scan", "."]] {
        let out = turk(dir.path(), args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    std::fs::remove_file(dir.path().join("turk.yaml")).unwrap();
    let out = turk(dir.path(), &["audit", ".", "--reviewer", "ghost"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no reviewer `ghost`"));
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The audit of the bundled sample service, as the README runs it, into `out`.
fn audit_sample(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "audit".to_string(),
        workspace().join("testdata/sample-service").display().to_string(),
        "--out".into(),
        out.join("report.md").display().to_string(),
        "--json".into(),
        out.join("run.json").display().to_string(),
        "--sarif".into(),
        out.join("run.sarif").display().to_string(),
    ];
    args.extend(extra.iter().map(|a| a.to_string()));
    Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(&args)
        .env("SOURCE_DATE_EPOCH", "1764000000")
        .env("TURK_CACHE_DIR", out.join("cache"))
        .output()
        .unwrap()
}

#[test]
fn the_sample_audit_compares_the_two_reviews_and_lists_the_actions() {
    let out = tempfile::tempdir().unwrap();
    let result = audit_sample(out.path(), &[]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("run.json")).unwrap()).unwrap();
    assert_eq!(run["version"], 2);
    let summary = &run["summary"];
    assert_eq!(summary["unique"], 30, "{summary}");
    assert_eq!(summary["both"], 19);
    assert_eq!(summary["only"]["codex"], 7);
    assert_eq!(summary["only"]["opus"], 4);
    let clusters = run["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 30);
    // Every P0 action points at lines that exist and hold the code the reviewers quoted.
    for c in clusters.iter().filter(|c| c["priority"] == "P0") {
        let path = workspace()
            .join("testdata/sample-service")
            .join(c["path"].as_str().unwrap());
        let lines = std::fs::read_to_string(&path).unwrap().lines().count() as u64;
        let (start, end) = (c["start_line"].as_u64().unwrap(), c["end_line"].as_u64().unwrap());
        assert!(start >= 1 && end <= lines && start <= end, "{c}");
        assert_eq!(c["verified"], true, "{c}");
    }
    let report = std::fs::read_to_string(out.path().join("report.md")).unwrap();
    assert!(report.contains("## Action list") && report.contains("## Comparison of the reviews"));
    assert!(
        report.contains("| ID | Problem | Location | GPT-5.3-Codex | Claude Opus 4.6 | Agreement | Chosen |")
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("run.sarif")).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let reviews = results
        .iter()
        .filter(|r| r["ruleId"].as_str().unwrap().starts_with("review/"))
        .count();
    assert_eq!(reviews, 30, "one SARIF result per unique problem");
    assert_eq!(
        results.len(),
        30 + run["static_findings"].as_array().unwrap().len()
    );
}

#[test]
fn turk_report_renders_a_saved_run_to_the_same_bytes() {
    let out = tempfile::tempdir().unwrap();
    assert!(audit_sample(out.path(), &[]).status.success());
    let rendered = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args([
            "report",
            "run.json",
            "--out",
            "again.md",
            "--sarif",
            "again.sarif",
        ])
        .current_dir(out.path())
        .output()
        .unwrap();
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    let read = |name: &str| std::fs::read(out.path().join(name)).unwrap();
    assert!(read("report.md") == read("again.md"), "the markdown differs");
    assert!(read("run.sarif") == read("again.sarif"), "the SARIF differs");
    // Without --out the report goes to standard output.
    let stdout = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(["report", "run.json"])
        .current_dir(out.path())
        .output()
        .unwrap();
    assert_eq!(stdout.stdout, read("report.md"));
    // A run saved without its comparison (the reviews only) is compared again, not reported as no problems.
    let mut trimmed: serde_json::Value = serde_json::from_slice(&read("run.json")).unwrap();
    let object = trimmed.as_object_mut().unwrap();
    let clusters = object.remove("clusters").unwrap();
    assert!(!clusters.as_array().unwrap().is_empty() && object.remove("summary").is_some());
    std::fs::write(out.path().join("trimmed.json"), trimmed.to_string()).unwrap();
    let compared = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(["report", "trimmed.json"])
        .current_dir(out.path())
        .output()
        .unwrap();
    assert!(compared.status.success());
    assert_eq!(
        String::from_utf8_lossy(&compared.stdout),
        String::from_utf8_lossy(&read("report.md"))
    );

    std::fs::write(out.path().join("bad.json"), "{\"version\": 2}").unwrap();
    let bad = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(["report", "bad.json"])
        .current_dir(out.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("bad.json") && stderr.contains("not a run"),
        "{stderr}"
    );
}

#[test]
fn static_only_and_one_reviewer_run_subsets() {
    let out = tempfile::tempdir().unwrap();
    let result = audit_sample(out.path(), &["--static-only"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("run.json")).unwrap()).unwrap();
    assert_eq!(run["reviewers"].as_array().unwrap().len(), 0);
    assert!(!run["static_findings"].as_array().unwrap().is_empty());
    let report = std::fs::read_to_string(out.path().join("report.md")).unwrap();
    assert!(
        report.contains("--static-only: no reviewer was called"),
        "{report}"
    );

    let result = audit_sample(out.path(), &["--reviewer", "codex"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("run.json")).unwrap()).unwrap();
    let reviewers: Vec<&str> = run["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(reviewers, ["codex"]);
    assert_eq!(run["summary"]["unique"], 26);
    assert_eq!(run["summary"]["both"], 0);
}

#[test]
fn the_answer_cache_is_on_when_turk_yaml_has_no_cache_section() {
    let dir = repo();
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(
        r#"{"findings": [{"file": "internal/api/handler.go", "start_line": 16, "end_line": 28, "priority": "P1",
            "category": "concurrency", "title": "Lock held across the loop", "why": "w", "fix": "f"}]}"#,
    );
    std::fs::write(
        dir.path().join("turk.yaml"),
        format!(
            "reviewers:\n  - id: local\n    provider: openai\n    base_url: {}\n    model: test-model\n",
            server.base_url
        ),
    )
    .unwrap();
    let audit = || {
        Command::new(env!("CARGO_BIN_EXE_turk"))
            .args(["audit", ".", "--json", "run.json"])
            .current_dir(dir.path())
            .env("HOME", home.path())
            .env_remove("XDG_CACHE_HOME")
            .env_remove("TURK_CACHE_DIR")
            .output()
            .unwrap()
    };
    let first = audit();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let sent = server.requests();
    assert!(sent >= 1);
    let second = audit();
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(
        server.requests(),
        sent,
        "the second audit must be answered from the cache"
    );
    assert!(home.path().join(".cache/turk/local").is_dir());
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("run.json")).unwrap()).unwrap();
    assert_eq!(run["reviewers"][0]["usage"]["requests_sent"], 0);
    assert_eq!(run["summary"]["unique"], 1);
}

#[test]
fn the_readme_excerpt_is_real_output_of_the_first_command() {
    let out = tempfile::tempdir().unwrap();
    assert!(audit_sample(out.path(), &[]).status.success());
    let report = std::fs::read_to_string(out.path().join("report.md")).unwrap();
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let excerpt = readme
        .split("```markdown\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```\n").next())
        .expect("README.md has a ```markdown excerpt of the report");
    let timestamp = |line: &str| {
        // The header line carries the time of the run; everything else must match exactly.
        line.split(" · ")
            .filter(|part| !part.contains("T") || !part.ends_with('Z'))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let lines: std::collections::HashSet<String> = report.lines().map(timestamp).collect();
    for line in excerpt.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            lines.contains(&timestamp(line)),
            "README line not in the report:\n{line}"
        );
    }
}

#[test]
fn outputs_are_checked_before_any_request_and_written_through_links_and_devices() {
    let dir = repo();
    let server = Server::start(r#"{"findings": []}"#);
    std::fs::write(
        dir.path().join("turk.yaml"),
        format!(
            "reviewers:\n  - id: local\n    provider: openai\n    base_url: {}\n    model: test-model\n",
            server.base_url
        ),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("a-folder")).unwrap();
    let out = turk(dir.path(), &["audit", ".", "--json", "a-folder"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("a-folder: is a folder"), "{stderr}");
    assert_eq!(
        server.requests(),
        0,
        "nothing is sent when an output cannot be written"
    );

    // A symlinked report keeps its link; /dev/null stays a device; `-` is standard output.
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("reports/latest.md"), "old").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::os::unix::fs::symlink("reports/latest.md", dir.path().join("report.md")).unwrap();
        let out = turk(
            dir.path(),
            &[
                "audit",
                ".",
                "--out",
                "report.md",
                "--sarif",
                "/dev/null",
                "--json",
                "-",
            ],
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(
            std::fs::symlink_metadata(dir.path().join("report.md"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let report = std::fs::read_to_string(dir.path().join("reports/latest.md")).unwrap();
        assert!(report.starts_with("# Go performance audit"), "{report}");
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        let run: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("run.json on standard output");
        assert_eq!(run["version"], 2);
    }
    let out = turk(dir.path(), &["audit", ".", "--out", "-", "--json", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only one of --out, --json and --sarif"));
}

#[test]
fn with_no_turk_yaml_the_default_reviewers_whose_keys_are_set_review() {
    let dir = repo();
    let server = Server::start(
        r#"{"findings": [{"file": "internal/api/handler.go", "start_line": 16, "end_line": 28, "priority": "P1",
            "category": "concurrency", "title": "Lock held across the loop", "why": "w", "fix": "f"}]}"#,
    );
    let out = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(["audit", ".", "--json", "run.json"])
        .current_dir(dir.path())
        .env("OPENAI_API_KEY", "sk-test-default-reviewer-key")
        .env_remove("ANTHROPIC_API_KEY")
        // The default codex reviewer, pointed at the local server the way a CI job would point it at a proxy.
        .env("TURK_REVIEWER_CODEX_BASE_URL", &server.base_url)
        .env("TURK_CACHE_DIR", dir.path().join(".cache"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr
            .contains("the defaults: codex (OPENAI_API_KEY is set), not opus (ANTHROPIC_API_KEY is not set)"),
        "{stderr}"
    );
    assert!(server.requests() >= 1);
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("run.json")).unwrap()).unwrap();
    assert_eq!(run["reviewers"][0]["id"], "codex");
    assert_eq!(run["reviewers"][0]["label"], "GPT-5.3-Codex");
    assert_eq!(run["reviewers"].as_array().unwrap().len(), 1);
}

/// A regexp compiled per line (a performance finding) and a literal-only Sprintf (a style finding).
const WASTEFUL: &str = "package api\n\nimport (\n\t\"fmt\"\n\t\"regexp\"\n)\n\n\
    func Count(lines []string) int {\n\tn := 0\n\tfor _, l := range lines {\n\
    \t\tif regexp.MustCompile(`^a+$`).MatchString(l) {\n\t\t\tn++\n\t\t}\n\t}\n\
    \tuse(fmt.Sprintf(\"done\"))\n\treturn n\n}\n";

/// The (path, rule) of the static findings of `--static-only` audits with `args`, in order.
fn static_findings(dir: &Path, args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec![
        "audit",
        ".",
        "--static-only",
        "--out",
        "report.md",
        "--json",
        "run.json",
    ];
    all.extend_from_slice(args);
    let out = turk(dir, &all);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("run.json")).unwrap()).unwrap();
    run["static_findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["span"]["path"].as_str().unwrap().to_string(),
                f["origin"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_audit_leaves_test_code_and_style_rules_out_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("go.mod"), GO_MOD).unwrap();
    std::fs::write(dir.path().join("count.go"), WASTEFUL).unwrap();
    std::fs::write(
        dir.path().join("count_test.go"),
        WASTEFUL.replace("func Count", "func CountAll"),
    )
    .unwrap();
    let pair = |path: &str, rule: &str| (path.to_string(), rule.to_string());
    let perf = "regexp/compile-in-func";
    let style = "fmt/format-without-verbs";
    assert_eq!(static_findings(dir.path(), &[]), [pair("count.go", perf)]);
    assert_eq!(
        static_findings(dir.path(), &["--tests"]),
        [pair("count.go", perf), pair("count_test.go", perf)]
    );
    // A minimal turk.yaml: test code on, and a style rule enabled by its family.
    std::fs::write(
        dir.path().join("turk.yaml"),
        "scan:\n  tests: true\nrules:\n  enable: [fmt]\n",
    )
    .unwrap();
    assert_eq!(
        static_findings(dir.path(), &[]),
        [
            pair("count.go", perf),
            pair("count.go", style),
            pair("count_test.go", perf),
            pair("count_test.go", style)
        ]
    );
}
