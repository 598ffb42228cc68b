//! `turk scan` and `turk rules` end to end, through the built binary: the sample service in every output format
//! (snapshotted), the exit-code contract, rule selection, and the robustness bars of issue 2 (bad files are
//! skipped with a reason, files that do not parse are named, symlink loops do not hang).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SAMPLE: &str = "testdata/sample-service";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Runs `turk` with `args` in `dir`, failing the test if it takes longer than a minute (a hang).
fn turk_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("turk starts");
    // Drain the pipes on threads so a large output cannot block the child while we wait.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).unwrap();
        buf
    });
    let err_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut buf).unwrap();
        buf
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("turk {args:?} in {} did not finish within 60 s", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out_thread.join().unwrap(),
        stderr: err_thread.join().unwrap(),
    }
}

fn turk(args: &[&str]) -> Output {
    turk_in(&repo_root(), args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("turk exited normally, not by a signal")
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            stdout(out),
            stderr(out)
        )
    })
}

/// Anything machine-specific in the output: the absolute repository path, and the tool's version.
fn normalise(text: &str) -> String {
    let root = repo_root().to_string_lossy().replace('\\', "/");
    text.replace('\\', "/").replace(&root, "[REPO]").replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[VERSION]\"",
    )
}

fn findings(json: &Value) -> &Vec<Value> {
    json["findings"].as_array().expect("findings is an array")
}

// ---------------------------------------------------------------------------------------------------------------
// The sample service

#[test]
fn sample_text_output() {
    let out = turk(&["scan", SAMPLE]);
    assert_eq!(code(&out), 1, "findings at P2 or above exit 1\n{}", stderr(&out));
    insta::assert_snapshot!("sample_text_stdout", normalise(&stdout(&out)));
    insta::assert_snapshot!("sample_text_summary", normalise(&stderr(&out)));
}

#[test]
fn sample_json_output_matches_the_contract() {
    let out = turk(&["scan", SAMPLE, "--format", "json"]);
    assert_eq!(code(&out), 1);
    let json = json_of(&out);
    assert_eq!(json["version"], 1);
    assert_eq!(json["root"], SAMPLE);
    // 12 Go files, one of them generated and skipped.
    assert_eq!(json["files_scanned"], 12);
    let list = findings(&json);
    assert!(list.len() >= 20, "only {} findings", list.len());
    for f in list {
        for key in ["rule", "category", "priority", "path", "message", "suggestion"] {
            assert!(
                f[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} missing in {f}"
            );
        }
        for key in ["line", "end_line", "column"] {
            assert!(f[key].as_u64().is_some_and(|n| n >= 1), "{key} missing in {f}");
        }
        assert!(f["end_line"].as_u64() >= f["line"].as_u64(), "{f}");
        assert!(
            ["P0", "P1", "P2"].contains(&f["priority"].as_str().unwrap()),
            "{f}"
        );
        assert!(
            [
                "allocation",
                "concurrency",
                "io",
                "json",
                "http",
                "cpu",
                "azure",
                "other"
            ]
            .contains(&f["category"].as_str().unwrap()),
            "{f}"
        );
        let path = f["path"].as_str().unwrap();
        assert!(
            !path.starts_with('/') && !path.contains('\\'),
            "path not relative: {path}"
        );
        assert!(
            repo_root().join(SAMPLE).join(path).is_file(),
            "finding in a file that does not exist: {path}"
        );
        assert!(
            ["performance", "correctness", "style"].contains(&f["tier"].as_str().unwrap()),
            "{f}"
        );
        assert!(
            ["high", "heuristic"].contains(&f["confidence"].as_str().unwrap()),
            "{f}"
        );
        assert!(
            f["because"].is_null() || f["because"].as_str().is_some_and(|s| !s.is_empty()),
            "{f}"
        );
    }
    assert_eq!(json["warnings"], serde_json::json!([]));
    // Every priority occurs, and findings come in path then line order.
    for p in ["P0", "P1", "P2"] {
        assert!(list.iter().any(|f| f["priority"] == p), "no {p} finding");
    }
    let keys: Vec<(String, u64)> = list
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "findings are not in path and line order");
    // The module says go 1.21, so the loop-variable rule applies there.
    assert!(list.iter().any(|f| f["rule"] == "conc/loopvar-capture"));
    assert!(!list.iter().any(|f| f["rule"] == "conc/redundant-loopvar-copy"));
    assert_eq!(json["parse_errors"], serde_json::json!([]));
    insta::assert_snapshot!("sample_json", normalise(&stdout(&out)));
}

#[test]
fn sample_generated_file_is_skipped_with_its_reason() {
    let out = turk(&["scan", SAMPLE, "--format", "json"]);
    let json = json_of(&out);
    let skipped = json["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0]["path"], "internal/orders/status_string.go");
    assert!(
        skipped[0]["reason"].as_str().unwrap().contains("generated"),
        "{}",
        skipped[0]
    );
    assert!(
        !findings(&json)
            .iter()
            .any(|f| f["path"] == "internal/orders/status_string.go")
    );
    let text = turk(&["scan", SAMPLE]);
    assert!(
        stderr(&text)
            .contains("skipped: testdata/sample-service/internal/orders/status_string.go: generated code"),
        "{}",
        stderr(&text)
    );
}

#[test]
fn sample_sarif_output() {
    let out = turk(&["scan", SAMPLE, "--format", "sarif"]);
    assert_eq!(code(&out), 1);
    let sarif = json_of(&out);
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("driver rules");
    assert!(rules.len() >= 25, "{} rules", rules.len());
    for rule in rules {
        assert!(rule["id"].as_str().is_some_and(|id| id.contains('/')), "{rule}");
    }
    let results = run["results"].as_array().expect("results");
    let json = json_of(&turk(&["scan", SAMPLE, "--format", "json"]));
    assert_eq!(results.len(), findings(&json).len());
    // P0 is an error, P1 a warning, P2 a note.
    for (priority, level) in [("P0", "error"), ("P1", "warning"), ("P2", "note")] {
        let want = findings(&json)
            .iter()
            .filter(|f| f["priority"] == priority)
            .count();
        let got = results.iter().filter(|r| r["level"] == level).count();
        assert_eq!(got, want, "{level} results for {priority} findings");
    }
    for result in results {
        let rule = result["ruleId"].as_str().expect("ruleId");
        assert!(
            rules.iter().any(|r| r["id"] == rule),
            "{rule} not among the rules"
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"].as_str().is_some(), "{result}");
        assert!(
            location["region"]["startLine"].as_u64().is_some_and(|n| n >= 1),
            "{result}"
        );
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap_or("warning")));
    }
    // Each result's ruleIndex points at its own rule.
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "{result}");
    }
    // The rules' documentation is checked above and lives in `turk rules`, and the list grows with every new
    // rule: the snapshot keeps the results with their rule ids, not the list nor the indexes into it, so neither
    // editing a rule's prose nor adding a rule churns it.
    let mut sarif = sarif;
    sarif["runs"][0]["tool"]["driver"]["rules"] = Value::String("every rule, checked above".into());
    for result in sarif["runs"][0]["results"].as_array_mut().unwrap() {
        result.as_object_mut().unwrap().remove("ruleIndex");
    }
    insta::assert_snapshot!(
        "sample_sarif",
        normalise(&serde_json::to_string_pretty(&sarif).unwrap())
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    let json = json_of(&turk(&["scan", SAMPLE, "--format", "json"]));
    let has = |p: &str| findings(&json).iter().any(|f| f["priority"] == p);
    assert!(has("P0"));
    // The sample has P0 findings, so every threshold fails...
    for level in ["P0", "P1", "P2"] {
        let out = turk(&["scan", SAMPLE, "--fail-on", level, "--format", "json"]);
        assert_eq!(code(&out), 1, "--fail-on {level}");
    }
    // ...but a selection with only P1/P2 rules passes at P0 and fails at P1.
    let out = turk(&["scan", SAMPLE, "--rule", "regexp", "--fail-on", "P0"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stdout(&out).is_empty(), "the findings are still printed");
    let out = turk(&["scan", SAMPLE, "--rule", "regexp", "--fail-on", "P1"]);
    assert_eq!(code(&out), 1);
    // A clean file exits 0 at the default threshold.
    let out = turk(&["scan", &format!("{SAMPLE}/internal/orders/order.go")]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stderr(&out).contains("scanned 1 Go file: 0 findings"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let out = turk(&["scan", "testdata/no-such-folder"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no such file or folder"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    let out = turk(&["scan", SAMPLE, "--rule", "conc/no-such-rule"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unknown rule `conc/no-such-rule`"),
        "{}",
        stderr(&out)
    );

    let out = turk(&["scan", SAMPLE, "--skip-rule", "nosuchfamily"]);
    assert_eq!(code(&out), 2);

    let out = turk(&["scan", SAMPLE, "--fail-on", "P7"]);
    assert_eq!(code(&out), 2);
    let out = turk(&["scan", SAMPLE, "--format", "xml"]);
    assert_eq!(code(&out), 2);
    let out = turk(&["scan"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn rule_selection_limits_the_findings() {
    // A family named with --rule runs all of its rules, its style rules too: compare with --all.
    let all = json_of(&turk(&["scan", SAMPLE, "--format", "json", "--all"]));
    let conc = json_of(&turk(&["scan", SAMPLE, "--format", "json", "--rule", "conc"]));
    let conc_list = findings(&conc);
    assert!(!conc_list.is_empty());
    assert!(
        conc_list
            .iter()
            .all(|f| f["rule"].as_str().unwrap().starts_with("conc/")),
        "{conc_list:?}"
    );
    let expected: Vec<&Value> = findings(&all)
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("conc/"))
        .collect();
    assert_eq!(conc_list.iter().collect::<Vec<_>>(), expected);

    // One rule by id, and a family minus one of its rules, comma-separated.
    let one = json_of(&turk(&[
        "scan",
        SAMPLE,
        "--format",
        "json",
        "--rule",
        "io/defer-in-loop",
    ]));
    assert!(findings(&one).iter().all(|f| f["rule"] == "io/defer-in-loop"));
    assert!(!findings(&one).is_empty());
    let most = json_of(&turk(&[
        "scan",
        SAMPLE,
        "--format",
        "json",
        "--rule",
        "conc,io",
        "--skip-rule",
        "conc/busy-loop,io/defer-in-loop",
    ]));
    let rules: Vec<&str> = findings(&most)
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules
            .iter()
            .all(|r| r.starts_with("conc/") || r.starts_with("io/"))
    );
    assert!(!rules.contains(&"conc/busy-loop") && !rules.contains(&"io/defer-in-loop"));
    assert!(rules.iter().any(|r| r.starts_with("io/")));
}

/// The rules of a scan's findings in files whose name matches `keep`, sorted and deduplicated.
fn rules_in(json: &Value, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut rules: Vec<String> = findings(json)
        .iter()
        .filter(|f| keep(f["path"].as_str().unwrap()))
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

const STYLE: [&str; 2] = ["fmt/format-without-verbs", "fmt/print-of-sprintf"];

/// Go code with a regexp compiled per item and a literal-only Sprintf (a style finding).
const WASTEFUL: &str = "package p

import (
\t\"fmt\"
\t\"regexp\"
)

func count(lines []string) int {
\tn := 0
\tfor _, l := range lines {
\t\tif regexp.MustCompile(`^a+$`).MatchString(l) {
\t\t\tn++
\t\t}
\t}
\tuse(fmt.Sprintf(\"done\"))
\treturn n
}

func use(string) {}
";

#[test]
fn defaults_leave_out_test_code_and_style_rules_and_flags_or_turk_yaml_bring_them_back() {
    let is_test = |p: &str| p.ends_with("_test.go");
    let default = json_of(&turk(&["scan", SAMPLE, "--format", "json"]));
    // In the sample's test files, only the rule about tests.
    assert_eq!(rules_in(&default, is_test), ["conc/test-fatal-in-goroutine"]);
    let everywhere = rules_in(&default, |_| true);
    assert!(
        STYLE.iter().all(|r| !everywhere.contains(&r.to_string())),
        "{everywhere:?}"
    );
    let summary = stderr(&turk(&["scan", SAMPLE]));
    assert!(
        summary.contains("test code not checked for performance: 2 files (`--tests` checks them)"),
        "{summary}"
    );
    let all = json_of(&turk(&["scan", SAMPLE, "--format", "json", "--all"]));
    let all_rules = rules_in(&all, |_| true);
    assert!(
        STYLE.iter().all(|r| all_rules.contains(&r.to_string())),
        "{all_rules:?}"
    );
    let named = json_of(&turk(&["scan", SAMPLE, "--format", "json", "--rule", STYLE[0]]));
    assert_eq!(rules_in(&named, |_| true), [STYLE[0]]);

    // A module with the same code in a production and a test file, first without turk.yaml.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "go.mod", b"module example.com/p\n\ngo 1.22\n");
    write(dir.path(), "p.go", WASTEFUL.as_bytes());
    write(
        dir.path(),
        "p_test.go",
        WASTEFUL
            .replace("func count", "func countAll")
            .replace("func use", "func use2")
            .as_bytes(),
    );
    let scan = |args: &[&str]| {
        let mut all_args = vec!["scan", ".", "--format", "json"];
        all_args.extend_from_slice(args);
        json_of(&turk_in(dir.path(), &all_args))
    };
    let perf = ["regexp/compile-in-func".to_string()];
    assert_eq!(rules_in(&scan(&[]), |_| true), perf);
    assert!(rules_in(&scan(&[]), is_test).is_empty());
    assert_eq!(rules_in(&scan(&["--tests"]), is_test), perf);
    let both = [STYLE[0].to_string(), perf[0].clone()];
    assert_eq!(rules_in(&scan(&["--tests", "--all"]), is_test), both);
    // Nothing rises in test code: the same finding is P1 in the loop of p.go, P2 in p_test.go.
    let tests = scan(&["--tests"]);
    let priorities: Vec<(&str, &str)> = findings(&tests)
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["priority"].as_str().unwrap()))
        .collect();
    assert_eq!(priorities, [("p.go", "P1"), ("p_test.go", "P2")]);

    // The same from a minimal turk.yaml found in the scanned folder, and one that enables a style rule.
    write(dir.path(), "turk.yaml", b"scan:\n  tests: true\n  all: true\n");
    assert_eq!(rules_in(&scan(&[]), is_test), both);
    write(dir.path(), "turk.yaml", b"rules:\n  enable: [fmt]\n");
    assert_eq!(rules_in(&scan(&[]), |_| true), both);
    assert!(rules_in(&scan(&[]), is_test).is_empty());
}

const SUPPRESSED: &str = "package p

import \"fmt\"

func labels(xs []int) {
\tfor range xs {
\t\tuse(fmt.Sprintf(\"%d\", len(xs))) //nolint:turk/fmt/sprintf-primitive // measured: cold
\t\t//nolint:errcheck,turk/fmt
\t\tuse(fmt.Sprintf(\"%d\", len(xs)))
\t\tuse(fmt.Sprint(len(xs))) //turk:ignore fmt/sprintf-primitiv typo
\t\tuse(fmt.Sprint(len(xs))) //nolint:turk/io/defer-in-loop
\t}
}

func use(string) {}
";

#[test]
fn suppressions_name_unknown_rules_and_unused_ones_on_request() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.go", SUPPRESSED.as_bytes());
    let out = turk_in(dir.path(), &["scan", ".", "--format", "json"]);
    // Both findings are suppressed: nothing to fail on, but the typo is warned about, with its file and line.
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(findings(&json_of(&out)).len(), 0);
    assert_eq!(
        stderr(&out),
        "p.go:10: warning: `//turk:ignore fmt/sprintf-primitiv` names `fmt/sprintf-primitiv`, which is no rule or \
         family (`turk rules` lists them)\n"
    );
    let warnings = json_of(&out)["warnings"].clone();
    assert_eq!(warnings.as_array().unwrap().len(), 1);
    assert_eq!(warnings[0]["path"], "p.go");
    assert_eq!(warnings[0]["line"], 10);
    assert_eq!(warnings[0]["kind"], "unknown-rule");

    let out = turk_in(
        dir.path(),
        &["scan", ".", "--format", "json", "--report-unused-suppressions"],
    );
    assert_eq!(
        code(&out),
        1,
        "an unused suppression fails the run once asked for"
    );
    let kinds: Vec<(u64, String)> = json_of(&out)["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["line"].as_u64().unwrap(),
                w["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (10, "unknown-rule".to_string()),
            (11, "unused-suppression".to_string())
        ]
    );
    assert!(
        stderr(&out).contains(
            "p.go:11: warning: `//nolint:turk/io/defer-in-loop` suppresses no finding of `io/defer-in-loop`"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rules_json_lists_documented_rules() {
    let out = turk(&["rules", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json = json_of(&out);
    let rules = json
        .as_array()
        .or_else(|| json["rules"].as_array())
        .expect("an array of rules");
    assert!(rules.len() >= 25, "{} rules", rules.len());
    let mut ids = Vec::new();
    for rule in rules {
        for key in [
            "id",
            "category",
            "priority",
            "message",
            "why",
            "fix",
            "tier",
            "confidence",
        ] {
            assert!(
                rule[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} missing in {rule}"
            );
        }
        assert_eq!(rule["on_by_default"], rule["tier"] != "style", "{rule}");
        ids.push(rule["id"].as_str().unwrap().to_string());
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate rule ids");
    let text = turk(&["rules"]);
    assert_eq!(code(&text), 0);
    for id in &ids {
        assert!(
            stdout(&text).contains(id.as_str()),
            "{id} missing from `turk rules`"
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Robustness: bad files in a scanned tree

const GOOD: &str = "package p

import \"time\"

func wait(jobs <-chan int) {
\tfor {
\t\tselect {
\t\tcase <-jobs:
\t\t\treturn
\t\tcase <-time.After(time.Second):
\t\t}
\t}
}
";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn scan_json_in(dir: &Path) -> (i32, Value, String) {
    let out = turk_in(dir, &["scan", ".", "--format", "json"]);
    let json = json_of(&out);
    (code(&out), json, stderr(&out))
}

fn skip_reason<'a>(json: &'a Value, path: &str) -> Option<&'a str> {
    json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"] == path)
        .map(|s| s["reason"].as_str().unwrap())
}

#[test]
fn bad_files_are_skipped_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.go", GOOD.as_bytes());
    write(d, "latin1.go", b"package p\n\n// caf\xe9\nfunc f() {}\n");
    write(d, "nul.go", b"package p\n\x00\x01\x02func f() {}\n");
    let mut huge = GOOD.as_bytes().to_vec();
    huge.extend(std::iter::repeat_n(b'\n', 4 * 1024 * 1024 + 1));
    write(d, "huge.go", &huge);

    let (status, json, _) = scan_json_in(d);
    assert_eq!(status, 1, "good.go has a finding");
    assert_eq!(json["files_scanned"], 1);
    assert_eq!(findings(&json).len(), 1);
    assert_eq!(findings(&json)[0]["path"], "good.go");
    assert_eq!(findings(&json)[0]["line"], 10);
    let latin1 = skip_reason(&json, "latin1.go").expect("latin1.go skipped");
    assert!(
        latin1.contains("not valid UTF-8") && latin1.contains("offset 17"),
        "{latin1}"
    );
    let nul = skip_reason(&json, "nul.go").expect("nul.go skipped");
    assert!(nul.contains("binary"), "{nul}");
    let big = skip_reason(&json, "huge.go").expect("huge.go skipped");
    assert!(big.contains("too large"), "{big}");

    // The text summary names them too.
    let out = turk_in(d, &["scan", "."]);
    let summary = stderr(&out);
    for name in ["latin1.go", "nul.go", "huge.go"] {
        assert!(summary.contains(&format!("skipped: {name}: ")), "{summary}");
    }
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped_unless_running_as_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.go", GOOD.as_bytes());
    write(d, "secret.go", GOOD.as_bytes());
    let secret = d.join("secret.go");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root (as in CI containers) reads a mode-000 file anyway; then turk must simply scan it.
    let readable = std::fs::read(&secret).is_ok();
    let (status, json, summary) = scan_json_in(d);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(status, 1);
    if readable {
        println!(
            "note: running with permission to read mode-000 files (root?); checking that it is scanned instead"
        );
        assert_eq!(json["files_scanned"], 2);
        assert!(skip_reason(&json, "secret.go").is_none());
        assert!(findings(&json).iter().any(|f| f["path"] == "secret.go"));
    } else {
        assert_eq!(json["files_scanned"], 1);
        let reason = skip_reason(&json, "secret.go").expect("secret.go skipped");
        assert!(reason.starts_with("unreadable"), "{reason}");
        assert!(summary.is_empty() || !summary.contains("panicked"), "{summary}");
    }
}

#[cfg(unix)]
#[test]
fn symlink_loop_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("pkg")).unwrap();
    write(&d.join("pkg"), "good.go", GOOD.as_bytes());
    std::os::unix::fs::symlink(".", d.join("pkg/a")).unwrap();
    std::os::unix::fs::symlink("../pkg", d.join("pkg/up")).unwrap();
    std::os::unix::fs::symlink("loop2.go", d.join("loop1.go")).unwrap();
    std::os::unix::fs::symlink("loop1.go", d.join("loop2.go")).unwrap();
    // `turk_in` fails the test if the scan takes more than a minute.
    let (status, json, _) = scan_json_in(d);
    assert_eq!(status, 1);
    assert_eq!(json["files_scanned"], 1, "{json}");
    assert_eq!(findings(&json)[0]["path"], "pkg/good.go");
    // Scanning through the loop, by name, does not hang either.
    let out = turk_in(d, &["scan", "pkg/a", "--format", "json"]);
    assert_eq!(code(&out), 1);
    assert_eq!(json_of(&out)["files_scanned"], 1);
    // A path that is itself a symlink loop is an I/O error that says so, not a missing file.
    let out = turk_in(d, &["scan", "loop1.go"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("loop1.go: "), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("no such file or folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn file_with_parse_errors_is_scanned_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let broken = format!("{GOOD}\nfunc broken() {{\n\tx := (1 +\n}}\n");
    write(d, "broken.go", broken.as_bytes());
    let (status, json, _) = scan_json_in(d);
    assert_eq!(status, 1);
    assert_eq!(json["files_scanned"], 1);
    // The rest of the file still yields its finding.
    assert!(
        findings(&json)
            .iter()
            .any(|f| f["rule"] == "conc/time-after-in-loop" && f["line"] == 10)
    );
    let errors = json["parse_errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], "broken.go");
    let first = errors[0]["first_line"].as_u64().unwrap();
    assert!((16..=17).contains(&first), "first error line {first}");
    assert!(errors[0]["regions"].as_u64().unwrap() >= 1);

    let out = turk_in(d, &["scan", "."]);
    let summary = stderr(&out);
    assert!(summary.contains("partly parsed: broken.go"), "{summary}");
    assert!(summary.contains(&format!("from line {first}")), "{summary}");
}

#[test]
fn text_paths_are_relative_to_the_working_folder_whatever_was_scanned() {
    let one = turk(&["scan", "testdata/sample-service/internal/store"]);
    let two = turk(&[
        "scan",
        "testdata/sample-service/internal/store",
        "testdata/sample-service/internal/worker",
    ]);
    for out in [&one, &two] {
        let text = stdout(out);
        assert!(
            text.contains("testdata/sample-service/internal/store/cache.go:114:"),
            "{text}"
        );
    }
    // The JSON keeps paths relative to its root.
    let json = json_of(&turk(&[
        "scan",
        "testdata/sample-service/internal/store",
        "--format",
        "json",
    ]));
    assert_eq!(json["root"], "testdata/sample-service/internal/store");
    assert!(findings(&json).iter().any(|f| f["path"] == "cache.go"));
}

#[test]
fn no_go_files_is_a_usage_error_and_other_files_are_skipped_by_name() {
    let empty = tempfile::tempdir().unwrap();
    let out = turk(&["scan", empty.path().to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no Go files in"), "{}", stderr(&out));

    let out = turk(&["scan", "testdata/sample-service/go.mod"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("skipped: testdata/sample-service/go.mod: not a Go file"),
        "{}",
        stderr(&out)
    );
    let out = turk(&[
        "scan",
        "testdata/sample-service/go.mod",
        "testdata/sample-service/internal/store/cache.go",
    ]);
    assert_eq!(code(&out), 1, "the Go file is scanned: {}", stderr(&out));
    assert!(stdout(&out).contains("cache.go:114:"));
}

#[test]
fn rules_explains_one_rule_or_family_and_suggests_on_a_typo() {
    let out = turk(&["rules", "conc/time-after-in-loop"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.starts_with("conc/time-after-in-loop ["), "{text}");
    assert!(text.contains("flagged:") && text.contains("instead:"), "{text}");
    assert_eq!(text.matches(" [P").count(), 1, "one rule: {text}");
    let family = stdout(&turk(&["rules", "regexp"]));
    assert!(
        family.lines().filter(|l| l.starts_with("regexp/")).count() >= 2,
        "{family}"
    );
    let typo = turk(&["rules", "conc/time-after-in-lop"]);
    assert_eq!(code(&typo), 2);
    assert!(
        stderr(&typo).contains("did you mean `conc/time-after-in-loop`"),
        "{}",
        stderr(&typo)
    );
}
