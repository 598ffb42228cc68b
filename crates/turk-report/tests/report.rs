//! The markdown report: its order and content on the sample dual audit (a snapshot), its structure as a markdown
//! reader sees it, and model text that tries to break it.

use std::path::PathBuf;
use turk_findings::{Category, Finding, Origin, Priority, Span};
use turk_report::markdown::render;
use turk_report::validate::{check_report, outline};
use turk_run::{AuditRun, Grounding, ReviewedFinding};

fn sample_run() -> AuditRun {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/runs/sample-service.json");
    let mut run: AuditRun = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    turk_report::synthesis::apply(&mut run);
    run
}

#[test]
fn the_sample_report_leads_with_the_summary_and_the_actions() {
    let run = sample_run();
    let report = render(&run);
    let problems = check_report(&report, &["GPT-5.3-Codex", "Claude Opus 4.6"]);
    assert!(problems.is_empty(), "{problems:?}");
    let sections: Vec<String> = outline(&report)
        .headings
        .into_iter()
        .filter(|(level, _)| *level <= 2)
        .map(|(_, text)| text)
        .collect();
    assert_eq!(
        sections,
        [
            "Go performance audit: example.com/orders",
            "Summary",
            "Action list",
            "Comparison of the reviews",
            "Review by GPT-5.3-Codex (gpt-5.3-codex)",
            "Review by Claude Opus 4.6 (claude-opus-4-6)",
            "Static findings",
            "Scope: the hot paths",
            "How the audit was run",
        ]
    );
    assert!(
        report.contains("reported 30 unique problems: 19 found by both, 7 only by GPT-5.3-Codex and 4 only by Claude Opus 4.6"),
        "{report}"
    );
    // The comparison table: a header and one row per unique problem, one column per reviewer.
    let tables = outline(&report).table_rows;
    let comparison = tables
        .iter()
        .find(|rows| rows[0].first().map(String::as_str) == Some("ID"))
        .expect("the comparison table");
    assert_eq!(comparison.len(), 31);
    assert_eq!(comparison[0][3], "GPT-5.3-Codex");
    assert_eq!(comparison[0][4], "Claude Opus 4.6");
    assert!(comparison.iter().any(|row| row[4] == "— not found"));
    // The same numbers as the chart, in words beside it.
    assert!(report.contains("\"Both reviewers\" : 19"));
    assert!(
        report.contains("both reviewers found 19, only GPT-5.3-Codex found 7, only Claude Opus 4.6 found 4")
    );
    insta::assert_snapshot!("sample_report", report);
}

#[test]
fn p0_actions_point_at_the_code_at_fault() {
    let run = sample_run();
    let report = render(&run);
    let p0 = report
        .split("### 🔴 P0: fix first")
        .nth(1)
        .and_then(|rest| rest.split("### 🟡 P1").next())
        .unwrap();
    for reference in [
        "`internal/worker/pool.go:38-46`",
        "`internal/api/middleware.go:76-85`",
        "`internal/store/cache.go:90-104`",
        "`internal/notify/client.go:84-93`",
    ] {
        assert!(
            p0.contains(reference),
            "{reference} missing from the P0 actions:\n{p0}"
        );
    }
}

/// Text that would break a naive report: table pipes, code fences, HTML, headings, links, line breaks, control
/// characters and a very long line.
const HOSTILE: &str = "Lock | held `across` <script>alert(1)</script>\n# Not a heading\n| a | b |\n|---|---|\n\
     [click](javascript:alert(1)) ![x](javascript:y) <javascript:z> &lt;b&gt; \u{0}\u{1b}[31m ``` fence *bold _it \\| ";

fn hostile_run() -> AuditRun {
    let mut run = sample_run();
    let long = "x".repeat(20_000);
    for reviewer in &mut run.reviewers {
        reviewer.label = format!("{} | <b>{HOSTILE}", reviewer.label);
        reviewer.notes.push(HOSTILE.to_string());
        for f in &mut reviewer.findings {
            f.finding.title = format!("{HOSTILE} {}", f.finding.title);
            f.finding.why = format!("{HOSTILE}\n\n{long}");
            f.finding.fix = HOSTILE.to_string();
        }
        reviewer.findings.push(ReviewedFinding {
            finding: Finding::new(
                Origin::reviewer(&reviewer.id),
                Category::Other,
                Priority::P0,
                Span::lines("/etc/passwd", 1, 1),
                HOSTILE,
            ),
            grounding: Grounding::unverified(HOSTILE),
        });
    }
    run.module = Some(HOSTILE.to_string());
    turk_report::synthesis::apply(&mut run);
    run
}

#[test]
fn model_text_cannot_change_the_structure_of_the_report() {
    let clean = render(&sample_run());
    let hostile = render(&hostile_run());
    let problems = check_report(&hostile, &[]);
    assert!(problems.is_empty(), "{problems:?}");
    let (a, b) = (outline(&clean), outline(&hostile));
    // The same headings at the same levels (the hostile run has one more finding per reviewer and one more
    // action, whose headings are ours too), and the same tables with the same number of cells per row.
    let levels = |o: &turk_report::validate::Outline| o.headings.iter().map(|(l, _)| *l).collect::<Vec<_>>();
    assert_eq!(
        levels(&a).iter().filter(|l| **l <= 2).count(),
        levels(&b).iter().filter(|l| **l <= 2).count()
    );
    assert_eq!(b.headings.iter().filter(|(l, _)| *l == 1).count(), 1);
    assert_eq!(a.tables, b.tables);
    for (ta, tb) in a.table_rows.iter().zip(&b.table_rows) {
        assert_eq!(ta[0].len(), tb[0].len(), "a table changed its columns");
        assert!(tb.iter().all(|row| row.len() == tb[0].len()));
    }
    assert!(b.html.is_empty(), "{:?}", b.html);
    assert!(b.links.is_empty(), "{:?}", b.links);
    // What the model wrote is still there, as text: a reader sees it, it just does nothing.
    let folded = HOSTILE
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let expected = format!("🔴 P0 — {folded}");
    assert!(
        b.headings.iter().any(|(l, t)| *l == 3 && *t == expected),
        "no heading reads exactly `{expected}`: {:#?}",
        b.headings
            .iter()
            .filter(|(l, _)| *l == 3)
            .take(3)
            .collect::<Vec<_>>()
    );
    assert!(!hostile.contains('\u{0}') && !hostile.contains('\u{1b}'));
    assert!(
        hostile.lines().all(|l| l.chars().count() < 5_000),
        "a very long line was not cut"
    );
}

#[test]
fn without_reviewers_the_report_says_how_to_add_them() {
    let mut run = sample_run();
    run.reviewers.clear();
    turk_report::synthesis::apply(&mut run);
    let report = render(&run);
    assert!(check_report(&report, &[]).is_empty());
    assert!(report.contains("No model reviewed the code"), "{report}");
    assert!(report.contains("`api_key_env`"), "{report}");
    assert!(!report.contains("## Action list"));
    assert!(
        report.contains("**Do first** (static findings at P0, hottest files first)"),
        "{report}"
    );
}

#[test]
fn a_saved_run_renders_to_the_same_bytes() {
    let run = sample_run();
    let json = serde_json::to_string_pretty(&run).unwrap();
    let again: AuditRun = serde_json::from_str(&json).unwrap();
    assert_eq!(render(&again), render(&run));
}

#[test]
fn an_audit_of_a_change_says_which_change_in_the_header_and_how_it_ran() {
    let plain = render(&sample_run());
    assert!(!plain.contains("changes since"));
    assert!(!plain.contains("Change reviewed"));

    let mut run = sample_run();
    run.since = Some(turk_run::Since {
        rev: "origin/main".into(),
        merge_base: "4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39".into(),
        merge_base_summary: "Cache | orders <b>by</b> customer".into(),
        files_changed: 4,
    });
    let report = render(&run);
    assert!(check_report(&report, &["GPT-5.3-Codex", "Claude Opus 4.6"]).is_empty());
    let header = report.lines().nth(2).unwrap();
    assert!(
        header.contains(
            "· changes since `origin/main` (merge base `4f2a9c1e8b7d`) · 12 Go files scanned, 4 changed, 10 in \
             review scope ·"
        ),
        "{header}"
    );
    assert!(
        report.contains("reviewed 10 changed files independently"),
        "{report}"
    );
    assert!(report.contains("findings on the changed lines ("), "{report}");
    let how = &report[report.find("## How the audit was run").unwrap()..];
    assert!(
        how.contains(
            "Change reviewed: the lines added or changed since `origin/main`, counted from its merge base with HEAD \
             `4f2a9c1e8b7d`"
        ),
        "{how}"
    );
    assert!(how.contains("4 Go files changed"), "{how}");
    // The commit's message is text from a user: escaped, so it opens no HTML element (check_report above finds
    // none) and reads as written.
    assert!(how.contains(r"(Cache \| orders \<b>by\</b> customer)"), "{how}");

    // run.json carries the change, and a saved run renders the same.
    let json = serde_json::to_string(&run).unwrap();
    assert!(
        json.contains(r#""since":{"rev":"origin/main","merge_base":"4f2a9c1e"#),
        "{json}"
    );
    let again: AuditRun = serde_json::from_str(&json).unwrap();
    assert_eq!(render(&again), report);
    assert!(
        !serde_json::to_string(&sample_run())
            .unwrap()
            .contains("\"since\":")
    );
}

#[test]
fn static_findings_say_why_they_rose_and_which_rules_are_heuristic() {
    let mut run = sample_run();
    let path = run.scope[0].path.clone();
    run.static_findings.push(
        Finding::new(
            Origin::rule("io/example-heuristic"),
            Category::Io,
            Priority::P1,
            Span::at(path.clone(), 7, 2, 7),
            "a heuristic finding",
        )
        .with_why("It costs something.")
        .with_confidence(turk_findings::Confidence::Heuristic)
        .with_because("per request in handler `list`"),
    );
    turk_report::synthesis::apply(&mut run);
    let report = render(&run);
    assert!(check_report(&report, &[]).is_empty());
    let row = report
        .lines()
        .find(|l| l.starts_with("| `io/example-heuristic`"))
        .unwrap_or_else(|| panic!("no row for the rule in\n{report}"));
    assert!(row.starts_with("| `io/example-heuristic` (heuristic) |"), "{row}");
    assert!(
        row.contains(&format!("`{path}:7` (per request in handler `list`)")),
        "{row}"
    );
}

#[test]
fn the_scope_table_shows_kind_score_and_reason_and_reads_runs_saved_before_kinds() {
    let run = sample_run();
    let report = render(&run);
    assert!(
        report.contains("| # | File | Kind | Lines | Score | Why it is hot |"),
        "{report}"
    );
    assert!(
        report.contains("| `internal/worker/pool.go` | worker pool | 162 | "),
        "{report}"
    );
    // A run written before kinds were recognised has neither `kind` nor `hot_functions` in its scope.
    let mut json: serde_json::Value = serde_json::to_value(&run).unwrap();
    for entry in json["scope"].as_array_mut().unwrap() {
        let entry = entry.as_object_mut().unwrap();
        entry.remove("kind");
        entry.remove("hot_functions");
    }
    let old: AuditRun = serde_json::from_value(json).expect("an older run still reads");
    assert!(
        old.scope
            .iter()
            .all(|e| e.kind.is_empty() && e.hot_functions.is_empty())
    );
    let report = render(&old);
    let first = &old.scope[0];
    assert!(
        report.contains(&format!(
            "| 1 | `{}` | — | {} | {:.1} |",
            first.path, first.metrics.lines, first.score
        )),
        "{report}"
    );
}
