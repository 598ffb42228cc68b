//! An audit of a change as a library: the review input holds only the changed files, their changed lines are
//! marked in the prompts the reviewers get, the hints are the findings on changed lines, and the run document
//! names the change.

use std::path::Path;
use turk_audit::{AuditSettings, audit, prepare};
use turk_models::{LineRange, ProviderConfig, ReviewStatus, ReviewerConfig};
use turk_testgit::git_in;

const WORKER: &str = "package svc\n\nimport \"time\"\n\n// Poll waits for jobs.\nfunc Poll(jobs <-chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-jobs:\n\t\tcase <-time.After(time.Second):\n\t\t\treturn\n\t\t}\n\t}\n}\n\n// Idle waits for jobs.\nfunc Idle(jobs <-chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-jobs:\n\t\tcase <-time.After(time.Minute):\n\t\t\treturn\n\t\t}\n\t}\n}\n";

/// worker.go and a copy of it, store.go, committed; then Idle's timeout edited in worker.go, not committed.
fn repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git_in(dir, &["init", "-q", "-b", "main"]);
    git_in(dir, &["config", "user.name", "Dev"]);
    git_in(dir, &["config", "user.email", "dev@example.com"]);
    std::fs::write(dir.join("go.mod"), "module example.com/svc\n\ngo 1.22\n").unwrap();
    std::fs::write(dir.join("worker.go"), WORKER).unwrap();
    std::fs::write(
        dir.join("store.go"),
        WORKER.replace("package svc", "package svc // store"),
    )
    .unwrap();
    git_in(dir, &["add", "-A"]);
    git_in(dir, &["commit", "-q", "-m", "Add the workers"]);
    std::fs::write(
        dir.join("worker.go"),
        WORKER.replace("time.After(time.Minute)", "time.After(2 * time.Minute)"),
    )
    .unwrap();
    repo
}

fn replay_reviewer(dir: &Path) -> ReviewerConfig {
    let answers = dir.join("recorded");
    std::fs::create_dir_all(&answers).unwrap();
    std::fs::write(
        answers.join("answer.json"),
        r#"{"findings": [{"file": "worker.go", "start_line": 21, "end_line": 21, "priority": "P1",
            "category": "concurrency", "title": "A timer per iteration in Idle", "why": "time.After allocates.",
            "fix": "Reuse one timer.", "quote": "case <-time.After(2 * time.Minute):"}]}"#,
    )
    .unwrap();
    ReviewerConfig::new("codex", ProviderConfig::replay(answers), "recorded")
}

#[test]
fn the_reviewers_get_the_changed_files_with_the_changed_lines_marked() {
    let repo = repository();
    let mut settings = AuditSettings::new(repo.path());
    settings.since = Some("HEAD".into());
    let prepared = prepare(&settings, &|_| {}).unwrap();

    let files: Vec<&str> = prepared.input.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(files, ["worker.go"], "store.go is hot but did not change");
    assert_eq!(
        prepared.input.changed,
        [LineRange {
            path: "worker.go".into(),
            start_line: 21,
            end_line: 21
        }]
    );
    let hints: Vec<u32> = prepared.input.hints.iter().map(|h| h.span.start_line).collect();
    assert_eq!(hints, [21], "only the finding on the changed line is a hint");

    let reviewer = replay_reviewer(repo.path());
    let plan = turk_models::plan(&reviewer, &prepared.input).unwrap();
    assert_eq!(plan.requests.len(), 1);
    let prompt = &plan.requests[0].user_prompt;
    assert!(
        prompt.contains("FILE worker.go (whole file, 25 lines; changed lines 21)"),
        "{prompt}"
    );
    assert!(
        prompt.contains("   21 + \t\tcase <-time.After(2 * time.Minute):"),
        "{prompt}"
    );
    assert!(
        prompt.contains("   10 | \t\tcase <-time.After(time.Second):"),
        "{prompt}"
    );
    assert!(prompt.contains("look at them first"), "{prompt}");
}

#[test]
fn the_run_document_names_the_change_and_the_review_runs_on_it() {
    let repo = repository();
    let mut settings = AuditSettings::new(repo.path());
    settings.since = Some("HEAD".into());
    let run = audit(&settings, &[replay_reviewer(repo.path())]).unwrap();
    let since = run.since.as_ref().expect("the run names its change");
    assert_eq!(since.rev, "HEAD");
    assert_eq!(since.merge_base_summary, "Add the workers");
    assert_eq!(since.merge_base.len(), 40);
    assert_eq!(since.files_changed, 1);
    assert_eq!(run.scope.len(), 1);
    assert_eq!(run.reviewers[0].status, ReviewStatus::Complete);
    assert_eq!(run.reviewers[0].findings.len(), 1);
    assert!(run.reviewers[0].findings[0].grounding.is_verified());
    assert_eq!(run.static_findings.len(), 1);
    assert_eq!(run.phases[1].detail, "1 finding on changed lines in 2 files");

    // The same audit without a change reviews both hot files and keeps every static finding.
    let whole = audit(&AuditSettings::new(repo.path()), &[]).unwrap();
    assert!(whole.since.is_none());
    assert_eq!(whole.scope.len(), 2);
    assert_eq!(whole.static_findings.len(), 4);
}
