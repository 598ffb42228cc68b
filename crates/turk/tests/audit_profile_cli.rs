//! `turk audit --profile` end to end through the binary, on testdata/profiles/ledger and its real profiles: the
//! dry run's scope, the report with two recorded reviewers (the profile quoted in the scope table, next to the
//! actions and the reviewers' findings in the hot function, and in the static finding it raised), run.json,
//! `scope.profiles` in turk.yaml, and the errors that stop an audit before anything is sent.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::openai::Server;

fn ledger() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/profiles/ledger")
        .canonicalize()
        .unwrap()
}

/// turk in `dir`, with pinned time, its cache in `cache`, and no default reviewers.
fn turk(dir: &Path, cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1764000000")
        .env("TURK_CACHE_DIR", cache)
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .env_remove("TURK_REVIEWER_CODEX_MODEL")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_dry_run_puts_the_profiled_file_first_and_quotes_its_share() {
    let tmp = tempfile::tempdir().unwrap();
    let out = turk(
        &ledger(),
        tmp.path(),
        &["audit", ".", "--dry-run", "--profile", "cpu.pprof"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "   1. internal/digest/digest.go (15 lines, score 41.6): profile: 77% of CPU attributed (28% flat, 77% \
             cum), hottest: Sum; loops;"
        ),
        "{stdout}"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "profile cpu.pprof: CPU profile, 3.65 s of cpu: 80% has the repository's code on the stack; first in \
             the scope: internal/digest/digest.go; static findings raised: 1, kept at their rule's priority: 0"
        ),
        "{stderr}"
    );
    insta::assert_snapshot!("dry_run_ledger_with_profile", stdout);

    // Without the profile, the same module ranks the digest last.
    let plain = turk(&ledger(), tmp.path(), &["audit", ".", "--dry-run"]);
    let plain = text(&plain.stdout);
    assert!(plain.contains("   4. internal/digest/digest.go"), "{plain}");
    assert!(!plain.contains("profile"), "{plain}");
}

/// A problem in `Sum` (the hot function) that no static rule flags, so the static finding there is listed on its
/// own.
const SUM_FINDING: &str = r#"{"file": "internal/digest/digest.go", "start_line": 11, "end_line": 12,
  "priority": "P2", "category": "cpu", "title": "Two modulo operations per character",
  "why": "Both sums are reduced modulo 65521 on every rune, though they only overflow after thousands.",
  "fix": "Reduce once per block of 5552 characters, as Adler-32 does.", "quote": "a = (a + uint32(r)) % modulus"}"#;

/// A problem in `(*Cache).Get`, which the profile reaches but does not show hot.
const CACHE_FINDING: &str = r#"{"file": "internal/store/cache.go", "start_line": 31, "end_line": 32,
  "priority": "P2", "category": "concurrency", "title": "Exclusive lock for a read",
  "why": "Every Get takes the mutex exclusively, so concurrent exports serialise on it.",
  "fix": "Use a sync.RWMutex and RLock in Get.", "quote": "c.mu.Lock()"}"#;

/// Two recorded reviewers in `dir`: both report the problem in `Sum`, one also the one in the cache.
fn recorded_reviewers(dir: &Path) -> PathBuf {
    for (id, findings) in [
        ("codex", SUM_FINDING.to_string()),
        ("opus", format!("{SUM_FINDING}, {CACHE_FINDING}")),
    ] {
        let folder = dir.join("recorded").join(id);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("answer.json"),
            format!(r#"{{"findings": [{findings}]}}"#),
        )
        .unwrap();
    }
    let config = dir.join("turk.yaml");
    std::fs::write(
        &config,
        "reviewers:\n  - id: codex\n    label: GPT-5.3-Codex\n    provider: replay\n    model: gpt-5.3-codex\n    \
         replay_dir: recorded/codex\n  - id: opus\n    label: Claude Opus 4.6\n    provider: replay\n    model: \
         claude-opus-4-6\n    replay_dir: recorded/opus\n",
    )
    .unwrap();
    config
}

#[test]
fn the_report_quotes_the_profile_next_to_what_is_in_the_hot_function() {
    let tmp = tempfile::tempdir().unwrap();
    let config = recorded_reviewers(tmp.path());
    let (report, run) = (tmp.path().join("report.md"), tmp.path().join("run.json"));
    let out = turk(
        &ledger(),
        &tmp.path().join("cache"),
        &[
            "audit",
            ".",
            "--config",
            config.to_str().unwrap(),
            "--profile",
            "cpu.pprof",
            "--out",
            report.to_str().unwrap(),
            "--json",
            run.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let markdown = std::fs::read_to_string(&report).unwrap();
    let problems = turk_report::validate::check_report(&markdown, &["GPT-5.3-Codex", "Claude Opus 4.6"]);
    assert!(problems.is_empty(), "{problems:?}\n{markdown}");
    // The action in `Sum`, and each reviewer's finding there; nothing next to the problem in the cache.
    assert_eq!(
        markdown.matches("profile: `Sum` holds 77% of CPU").count(),
        3,
        "{markdown}"
    );
    assert!(!markdown.contains("profile: `(*Cache).Get`"), "{markdown}");
    // The static finding the profile raised says why.
    assert!(
        markdown.contains("`internal/digest/digest.go:10` (`Sum` holds 77% of CPU in the profile)"),
        "{markdown}"
    );
    // The scope table, and the profile's own row in how the audit ran.
    assert!(
        markdown
            .contains("| 1 | `internal/digest/digest.go` | — | 15 | 41.6 | profile: 77% of CPU attributed"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| Profile: cpu.pprof | ✅ done | CPU profile, 3.65 s of cpu"),
        "{markdown}"
    );
    insta::assert_snapshot!("audit_ledger_with_profile", markdown);

    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&run).unwrap()).unwrap();
    let digest = &saved["scope"][0];
    assert_eq!(digest["path"], "internal/digest/digest.go");
    let cpu = &digest["profile"][0];
    assert_eq!(cpu["sample_type"], "cpu");
    assert_eq!(cpu["functions"][0]["name"], "Sum");
    assert_eq!(cpu["functions"][0]["hot"], true);
    assert_eq!(cpu["functions"][0]["start_line"], 8);
    assert_eq!(cpu["lines"][0]["line"], 10);
    let profiles = saved["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0]["files"][0], "cpu.pprof");
    assert_eq!(profiles[0]["raised"], 1);
    let rune = saved["static_findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["origin"]["id"] == "alloc/range-over-rune-conversion")
        .unwrap();
    assert_eq!(rune["priority"], "P1");
    assert_eq!(rune["because"], "`Sum` holds 77% of CPU in the profile");

    // The saved run renders to the same report, profile and all.
    let rendered = turk(
        tmp.path(),
        &tmp.path().join("cache"),
        &["report", run.to_str().unwrap(), "--out", "-"],
    );
    assert!(rendered.status.success(), "{}", text(&rendered.stderr));
    assert_eq!(text(&rendered.stdout), markdown);
}

#[test]
fn scope_profiles_in_turk_yaml_are_relative_to_the_file_and_the_command_line_replaces_them() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("profiles")).unwrap();
    std::fs::copy(ledger().join("mem.pprof"), tmp.path().join("profiles/mem.pprof")).unwrap();
    let config = tmp.path().join("turk.yaml");
    std::fs::write(
        &config,
        "scope:\n  profiles: [profiles/mem.pprof]\n  profile_sample: alloc_objects\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let ledger = ledger();
    let ledger = ledger.to_str().unwrap();
    let cache = tmp.path().join("cache");
    let out = turk(
        tmp.path(),
        &cache,
        &["audit", ledger, "--config", config, "--dry-run"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Counted in objects, the ledger's formatting allocates more than the digest.
    assert!(
        text(&out.stdout).contains(
            "   1. ledger.go (66 lines, score 41.9): profile: 53% of alloc_objects attributed (53% flat, 100% cum)"
        ),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("profiles/mem.pprof: heap profile"),
        "{}",
        text(&out.stderr)
    );

    // --profile and --profile-sample replace what turk.yaml says.
    let cpu = format!("{ledger}/cpu.pprof");
    let out = turk(
        tmp.path(),
        &cache,
        &[
            "audit",
            ledger,
            "--config",
            config,
            "--dry-run",
            "--profile",
            &cpu,
            "--profile-sample",
            "samples",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cpu.pprof: CPU profile, 365 of samples") && !stderr.contains("mem.pprof"),
        "{stderr}"
    );
}

#[test]
fn a_bad_profile_stops_the_audit_before_anything_is_sent() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(r#"{"findings": []}"#);
    std::fs::write(
        tmp.path().join("turk.yaml"),
        format!(
            "reviewers:\n  - id: codex\n    provider: openai\n    base_url: {}\n    model: m\n    api_key_env: \
             TURK_TEST_PROFILE_KEY\n",
            server.base_url
        ),
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("text.pprof"),
        "heap profile: 1: 2 [3: 4] @ heap/1048576\n",
    )
    .unwrap();
    let ledger = ledger();
    let cpu = format!("{}/cpu.pprof", ledger.display());
    let cases: [(&[&str], &str); 3] = [
        (
            &["--profile", "missing.pprof"],
            "missing.pprof: cannot read the profile",
        ),
        (
            &["--profile", "text.pprof"],
            "text.pprof: not a pprof profile: this is text",
        ),
        (
            &["--profile", &cpu, "--profile-sample", "inuse_space"],
            "cpu.pprof: the profile has no sample type `inuse_space` (it has samples/count, cpu/nanoseconds)",
        ),
    ];
    for (extra, message) in cases {
        let mut args = vec![
            "audit",
            ledger.to_str().unwrap(),
            "--config",
            "turk.yaml",
            "--out",
            "report.md",
        ];
        args.extend_from_slice(extra);
        let out = Command::new(env!("CARGO_BIN_EXE_turk"))
            .args(&args)
            .current_dir(tmp.path())
            .env("TURK_TEST_PROFILE_KEY", "sk-test")
            .env("TURK_CACHE_DIR", tmp.path().join("cache"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains(message),
            "{extra:?}: {}",
            text(&out.stderr)
        );
        assert!(!tmp.path().join("report.md").exists());
    }
    assert_eq!(server.requests(), 0, "nothing was sent");
}
