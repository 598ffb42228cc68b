//! The synthesis of the reviews on a real-looking dual audit: the recorded reviews of the sample service
//! (`testdata/runs/sample-service.json`), checked against their answer key (`testdata/models/sample-service/
//! KEY.md`), plus the properties that must hold for any input: order does not matter, more than two reviewers
//! work, different problems on one line stay apart, an unverified report never becomes P0 alone.

use std::path::PathBuf;
use turk_findings::{Category, Finding, Origin, Priority, Span};
use turk_report::synthesis::synthesize;
use turk_run::{Agreement, AuditRun, Cluster, Grounding, ReviewOutcome, ReviewStatus, ReviewedFinding};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample_run() -> AuditRun {
    let text = std::fs::read_to_string(workspace().join("testdata/runs/sample-service.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// One row of the answer key: a problem, and the line range each reviewer gave it (None: not reported).
#[derive(Debug)]
struct KeyProblem {
    name: String,
    path: String,
    codex: Option<(u32, u32)>,
    opus: Option<(u32, u32)>,
}

fn answer_key() -> Vec<KeyProblem> {
    let text = std::fs::read_to_string(workspace().join("testdata/models/sample-service/KEY.md")).unwrap();
    let range = |cell: &str| -> Option<(u32, u32)> {
        let first = cell.split_whitespace().next()?;
        let (a, b) = first.split_once('-')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    };
    text.lines()
        .filter(|l| {
            l.starts_with("| ")
                && l.split('|')
                    .nth(1)
                    .is_some_and(|c| c.trim().parse::<u32>().is_ok())
        })
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let code = cells[3].trim_matches('`');
            KeyProblem {
                name: cells[2].trim_matches('`').to_string(),
                path: code.split(':').next().unwrap().to_string(),
                codex: range(cells[6]),
                opus: range(cells[7]),
            }
        })
        .collect()
}

fn has_member(cluster: &Cluster, reviewer: &str, path: &str, lines: (u32, u32)) -> bool {
    cluster.members.iter().any(|m| {
        let s = &m.finding.finding.span;
        m.reviewer == reviewer && s.path == path && (s.start_line, s.end_line) == lines
    })
}

#[test]
fn the_sample_dual_audit_gives_30_unique_19_by_both_7_and_4() {
    let (clusters, summary) = synthesize(&sample_run());
    assert_eq!(summary.unique, 30, "{summary:?}");
    assert_eq!(summary.both, 19);
    assert_eq!(summary.only["codex"], 7);
    assert_eq!(summary.only["opus"], 4);
    assert_eq!(summary.p0 + summary.p1 + summary.p2, 30);
    assert_eq!(clusters.len(), 30);
    // 28 + 23 findings, every one in exactly one cluster.
    assert_eq!(clusters.iter().map(|c| c.members.len()).sum::<usize>(), 51);
}

#[test]
fn every_problem_of_the_answer_key_is_one_cluster() {
    let key = answer_key();
    assert_eq!(key.len(), 30, "the key lists 30 problems");
    let (clusters, _) = synthesize(&sample_run());
    for problem in &key {
        let holding: Vec<&Cluster> = clusters
            .iter()
            .filter(|c| {
                problem
                    .codex
                    .is_some_and(|l| has_member(c, "codex", &problem.path, l))
                    || problem
                        .opus
                        .is_some_and(|l| has_member(c, "opus", &problem.path, l))
            })
            .collect();
        assert_eq!(
            holding.len(),
            1,
            "{} is split across clusters: {holding:#?}",
            problem.name
        );
        let cluster = holding[0];
        if let Some(l) = problem.codex {
            assert!(
                has_member(cluster, "codex", &problem.path, l),
                "{}: codex's finding is missing",
                problem.name
            );
        }
        if let Some(l) = problem.opus {
            assert!(
                has_member(cluster, "opus", &problem.path, l),
                "{}: opus's finding is missing",
                problem.name
            );
        }
        let expected: Vec<&str> = [("codex", problem.codex), ("opus", problem.opus)]
            .iter()
            .filter(|(_, l)| l.is_some())
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(cluster.found_by, expected, "{}", problem.name);
        let agreement = if expected.len() == 2 {
            Agreement::Agreed
        } else {
            Agreement::Unique
        };
        assert_eq!(cluster.agreement, agreement, "{}", problem.name);
    }
}

#[test]
fn repeats_inside_one_reviewers_answers_merge_first() {
    let (clusters, _) = synthesize(&sample_run());
    let getorload = clusters
        .iter()
        .find(|c| has_member(c, "codex", "internal/store/cache.go", (97, 102)))
        .unwrap();
    assert!(has_member(
        getorload,
        "codex",
        "internal/store/cache.go",
        (90, 104)
    ));
    assert!(has_member(getorload, "opus", "internal/store/cache.go", (91, 98)));
    assert_eq!(getorload.members.len(), 3);
    assert_eq!(getorload.found_by, ["codex", "opus"]);
}

#[test]
fn priority_disagreements_are_marked_and_resolved_by_the_documented_rule() {
    let (clusters, _) = synthesize(&sample_run());
    let split: Vec<&Cluster> = clusters.iter().filter(|c| c.priority_split.is_some()).collect();
    assert_eq!(split.len(), 5, "{split:#?}");
    let drain = clusters
        .iter()
        .find(|c| has_member(c, "codex", "internal/worker/pool.go", (97, 100)))
        .unwrap();
    assert_eq!(drain.priority_split.as_deref(), Some("P0 vs P1"));
    assert_eq!(drain.priorities["codex"], Priority::P0);
    assert_eq!(drain.priorities["opus"], Priority::P1);
    assert_eq!(drain.priority, Priority::P0, "{}", drain.priority_reason);
    assert!(
        drain.priority_reason.contains("found by both"),
        "{}",
        drain.priority_reason
    );
}

#[test]
fn static_findings_confirm_the_cluster_they_describe_and_only_that_one() {
    let (clusters, summary) = synthesize(&sample_run());
    let wg = clusters
        .iter()
        .find(|c| has_member(c, "codex", "internal/worker/pool.go", (38, 46)))
        .unwrap();
    let rules: Vec<&str> = wg.corroborated_by.iter().map(|c| c.rule.as_str()).collect();
    assert_eq!(
        rules,
        ["conc/waitgroup-add-in-goroutine"],
        "the loop-variable rule belongs to the other cluster"
    );
    let loopvar = clusters
        .iter()
        .find(|c| has_member(c, "opus", "internal/worker/pool.go", (43, 43)))
        .unwrap();
    assert_eq!(loopvar.corroborated_by[0].rule, "conc/loopvar-capture");
    let mut confirming: Vec<_> = clusters
        .iter()
        .flat_map(|c| &c.corroborated_by)
        .map(|c| &c.fingerprint)
        .collect();
    let all = confirming.len();
    confirming.sort();
    confirming.dedup();
    assert_eq!(
        confirming.len(),
        all,
        "a static finding confirms at most one cluster"
    );
    assert_eq!(summary.static_only, sample_run().static_findings.len() - all);
}

#[test]
fn unverified_findings_stay_visible_and_never_reach_p0_alone() {
    let (clusters, summary) = synthesize(&sample_run());
    let purge = clusters
        .iter()
        .find(|c| has_member(c, "opus", "internal/azure/blob.go", (96, 109)))
        .unwrap();
    assert!(!purge.verified);
    assert_eq!(purge.priorities["opus"], Priority::P1);
    assert_eq!(purge.priority, Priority::P2, "{}", purge.priority_reason);
    assert_eq!(summary.unverified, 1);
    // A shared problem that one reviewer misquoted is verified through the other.
    let cancel = clusters
        .iter()
        .find(|c| has_member(c, "codex", "internal/notify/client.go", (78, 80)))
        .unwrap();
    assert!(cancel.verified);
    assert!(cancel.members.iter().any(|m| !m.finding.grounding.is_verified()));
}

#[test]
fn the_action_order_is_priority_then_hotness_then_path_and_line() {
    let run = sample_run();
    let (clusters, _) = synthesize(&run);
    let rank = |p: &str| run.scope.iter().position(|s| s.path == p).unwrap_or(usize::MAX);
    for pair in clusters.windows(2) {
        let key = |c: &Cluster| (c.priority, rank(&c.path), c.path.clone(), c.start_line);
        assert!(
            key(&pair[0]) <= key(&pair[1]),
            "{} before {}",
            pair[0].id,
            pair[1].id
        );
    }
    let ids: Vec<String> = clusters.iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids, (1..=30).map(|i| format!("F{i}")).collect::<Vec<_>>());
}

/// A cluster's id, priority and members (reviewer, span), members sorted.
type Shape = (String, Priority, Vec<(String, Span)>);

/// What identifies the clusters' content.
fn shape(clusters: &[Cluster]) -> Vec<Shape> {
    clusters
        .iter()
        .map(|c| {
            let mut members: Vec<(String, Span)> = c
                .members
                .iter()
                .map(|m| (m.reviewer.clone(), m.finding.finding.span.clone()))
                .collect();
            members.sort();
            (c.id.clone(), c.priority, members)
        })
        .collect()
}

#[test]
fn the_order_of_the_answers_does_not_change_the_clusters() {
    let run = sample_run();
    let expected = shape(&synthesize(&run).0);
    let mut reversed = run.clone();
    for r in &mut reversed.reviewers {
        r.findings.reverse();
    }
    assert_eq!(shape(&synthesize(&reversed).0), expected);
    let mut rotated = run.clone();
    for r in &mut rotated.reviewers {
        let n = r.findings.len();
        r.findings.rotate_left(n / 3);
    }
    assert_eq!(shape(&synthesize(&rotated).0), expected);
    let mut swapped = run.clone();
    swapped.reviewers.reverse();
    let (clusters, summary) = synthesize(&swapped);
    assert_eq!(summary.unique, 30);
    assert_eq!(summary.both, 19);
    // Ids, priorities and members are the same; only the configuration order of found_by changes.
    assert_eq!(shape(&clusters), expected);
}

#[test]
fn three_reviewers_do_not_break_anything() {
    let mut run = sample_run();
    let mut third = run.reviewers[1].clone();
    third.id = "gemini".into();
    third.label = "Gemini".into();
    for f in &mut third.findings {
        f.finding.origin = Origin::reviewer("gemini");
    }
    run.reviewers.push(third);
    let (clusters, summary) = synthesize(&run);
    assert_eq!(summary.unique, 30);
    assert_eq!(summary.both, 19, "found by all three");
    assert_eq!(summary.only["codex"], 7);
    assert_eq!(summary.only["opus"], 0);
    assert_eq!(summary.only["gemini"], 0);
    let partial = clusters
        .iter()
        .filter(|c| c.agreement == Agreement::Partial)
        .count();
    assert_eq!(partial, 4, "opus's own four, now found by two of three");
    let markdown = turk_report::markdown::render(&turk_run::AuditRun {
        clusters,
        summary,
        ..run
    });
    assert!(
        turk_report::validate::check_report(&markdown, &["GPT-5.3-Codex", "Claude Opus 4.6", "Gemini"])
            .is_empty()
    );
    assert!(markdown.contains("All 3 reviewers"), "{markdown}");
}

fn finding(
    reviewer: &str,
    line: u32,
    category: Category,
    priority: Priority,
    title: &str,
    why: &str,
) -> ReviewedFinding {
    ReviewedFinding {
        finding: Finding::new(
            Origin::reviewer(reviewer),
            category,
            priority,
            Span::lines("svc/store.go", line, line + 2),
            title,
        )
        .with_why(why),
        grounding: Grounding::Verified,
    }
}

fn outcome(id: &str, findings: Vec<ReviewedFinding>) -> ReviewOutcome {
    let json = serde_json::json!({
        "id": id, "label": id, "model": "m", "provider": "replay", "status": "complete", "recorded": true,
        "findings": [], "usage": {"requests_sent": 1, "cached_answers": 0, "prompt_tokens": 0, "completion_tokens": 0},
        "cost_usd": null, "failures": [], "dropped": [], "not_reviewed": []
    });
    let mut outcome: ReviewOutcome = serde_json::from_value(json).unwrap();
    outcome.findings = findings;
    outcome
}

fn run_of(reviewers: Vec<ReviewOutcome>) -> AuditRun {
    let mut run = sample_run();
    run.reviewers = reviewers;
    run.static_findings.clear();
    run
}

#[test]
fn two_different_problems_on_one_line_stay_two_clusters() {
    let lock = "Mutex held across the database query";
    let lock_why =
        "s.mu stays locked while QueryContext waits for Postgres, so every reader queues behind it.";
    let n1 = "N+1: one items query per order";
    let n1_why = "Each order of the page costs another round trip to the database.";
    // Each reviewer saw only one of the two problems on the same lines.
    let run = run_of(vec![
        outcome(
            "a",
            vec![finding(
                "a",
                40,
                Category::Concurrency,
                Priority::P0,
                lock,
                lock_why,
            )],
        ),
        outcome(
            "b",
            vec![finding("b", 40, Category::Io, Priority::P1, n1, n1_why)],
        ),
    ]);
    let (clusters, summary) = synthesize(&run);
    assert_eq!(summary.unique, 2, "{clusters:#?}");
    assert_eq!(summary.both, 0);
    // And when both saw both, each problem pairs with its own counterpart.
    let run = run_of(vec![
        outcome(
            "a",
            vec![
                finding("a", 40, Category::Concurrency, Priority::P0, lock, lock_why),
                finding("a", 41, Category::Io, Priority::P1, n1, n1_why),
            ],
        ),
        outcome(
            "b",
            vec![
                finding(
                    "b",
                    40,
                    Category::Io,
                    Priority::P1,
                    "Items loaded per order inside the loop",
                    n1_why,
                ),
                finding(
                    "b",
                    39,
                    Category::Concurrency,
                    Priority::P0,
                    "Query runs under s.mu",
                    "Readers wait for Postgres while the mutex is held.",
                ),
            ],
        ),
    ]);
    let (clusters, summary) = synthesize(&run);
    assert_eq!((summary.unique, summary.both), (2, 2), "{clusters:#?}");
    for c in &clusters {
        let categories: Vec<Category> = c.members.iter().map(|m| m.finding.finding.category).collect();
        assert!(categories.windows(2).all(|w| w[0] == w[1]), "{c:#?}");
    }
}

#[test]
fn a_failed_reviewer_is_left_out_of_the_comparison() {
    let mut run = sample_run();
    run.reviewers[1].status = ReviewStatus::Failed;
    run.reviewers[1].findings.clear();
    let (clusters, summary) = synthesize(&run);
    assert_eq!(summary.unique, 26, "codex's 26 problems");
    assert_eq!(summary.both, 0, "nobody to agree with");
    assert_eq!(summary.only["codex"], 26);
    assert_eq!(summary.only["opus"], 0);
    assert!(clusters.iter().all(|c| c.agreement == Agreement::Unique));
}

#[test]
fn an_unverified_single_report_is_never_p0() {
    let mut f = finding(
        "a",
        10,
        Category::Cpu,
        Priority::P0,
        "Quadratic loop",
        "n² comparisons per request.",
    );
    f.grounding = Grounding::unverified("the quoted code does not appear in the file");
    let run = run_of(vec![outcome("a", vec![f]), outcome("b", vec![])]);
    let (clusters, _) = synthesize(&run);
    assert_eq!(
        clusters[0].priority,
        Priority::P1,
        "{}",
        clusters[0].priority_reason
    );
    assert!(!clusters[0].verified);
}
