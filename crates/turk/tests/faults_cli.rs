//! `turk audit` against endpoints that fail in every way a real one does — refusing, hanging, 401, an HTML page,
//! prose instead of JSON, NUL bytes, an echoed key — beside a reviewer that works. Each run must write the report,
//! say on the terminal which reviewer failed and why, exit 3 when a reviewer failed, and never write a key.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::openai::{Behaviour, Server};

const HANDLER: &str = "package api\n\nimport (\n\t\"net/http\"\n\t\"sync\"\n\t\"time\"\n)\n\nvar mu sync.Mutex\n\n\
// Orders serves the order list.\nfunc Orders(w http.ResponseWriter, r *http.Request) {\n\tmu.Lock()\n\tdefer mu.Unlock()\n\
\tfor i := 0; i < 3; i++ {\n\t\tselect {\n\t\tcase <-r.Context().Done():\n\t\t\treturn\n\t\tcase <-time.After(time.Second):\n\
\t\t}\n\t}\n\tw.WriteHeader(http.StatusOK)\n}\n\n\n\n\n\n";

const GOOD_KEY: &str = "sk-good-0123456789-SECRET";
const BAD_KEY: &str = "sk-fault-9876543210-SECRET";

const FINDING: &str = r#"{"findings": [{"file": "internal/api/handler.go", "start_line": 12, "end_line": 24,
    "priority": "P1", "category": "concurrency", "title": "Global lock held across the timer wait",
    "why": "Every request waits for mu.", "fix": "Release the lock first.", "quote": "mu.Lock()"}]}"#;

struct Audit {
    dir: tempfile::TempDir,
    out: Output,
}

impl Audit {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    fn report(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("report.md")).unwrap()
    }

    /// Every byte the run left: stdout, stderr, the report, run.json, SARIF and the cache.
    fn everything_written(&self) -> Vec<u8> {
        let mut all = self.out.stdout.clone();
        all.extend(&self.out.stderr);
        collect(self.dir.path(), &mut all);
        all
    }
}

fn collect(dir: &Path, into: &mut Vec<u8>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, into);
        } else if path.extension().is_none_or(|e| e != "go") {
            into.extend(std::fs::read(&path).unwrap());
        }
    }
}

/// Audits a one-file repository with a working reviewer (`good`) and one at `bad_url`.
fn audit_with(bad_url: &str, good: &Server) -> Audit {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("internal/api")).unwrap();
    std::fs::write(dir.path().join("go.mod"), "module example.com/shop\n\ngo 1.22\n").unwrap();
    std::fs::write(dir.path().join("internal/api/handler.go"), HANDLER).unwrap();
    let reviewer = |id: &str, url: &str, key: &str| {
        format!(
            "  - id: {id}\n    provider: openai\n    base_url: {url}\n    model: m\n    api_key_env: {key}\n    \
             timeout_secs: 2\n    backoff_base_ms: 10\n    backoff_max_ms: 50\n"
        )
    };
    std::fs::write(
        dir.path().join("turk.yaml"),
        format!(
            "reviewers:\n{}{}cache:\n  dir: cache\n",
            reviewer("good", &good.base_url, "TURK_GOOD_KEY"),
            reviewer("bad", bad_url, "TURK_BAD_KEY")
        ),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args([
            "audit",
            ".",
            "--out",
            "report.md",
            "--json",
            "run.json",
            "--sarif",
            "run.sarif",
        ])
        .current_dir(dir.path())
        .env("TURK_GOOD_KEY", GOOD_KEY)
        .env("TURK_BAD_KEY", BAD_KEY)
        .env("SOURCE_DATE_EPOCH", "1764000000")
        .env_remove("TURK_CACHE_DIR")
        .output()
        .unwrap();
    Audit { dir, out }
}

fn assert_no_key(audit: &Audit) {
    let all = audit.everything_written();
    for key in [GOOD_KEY, BAD_KEY] {
        assert!(
            !all.windows(key.len()).any(|w| w == key.as_bytes()),
            "a key was written somewhere:\n{}",
            audit.stderr()
        );
    }
    assert!(!all.contains(&0), "a NUL byte was written");
}

/// The bad reviewer failed: exit 3, the report still written and saying so, one terminal line per reviewer.
fn assert_bad_failed(audit: &Audit, reason: &str) {
    let stderr = audit.stderr();
    assert_eq!(audit.out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("good: 1 finding (1 verified)"), "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.starts_with("bad: failed: "))
        .unwrap_or_else(|| panic!("no line for the failed reviewer:\n{stderr}"));
    assert!(line.contains(reason), "{line}");
    let report = audit.report();
    assert!(report.contains("**bad did not review anything**"), "{report}");
    assert_eq!(
        report.matches(reason).count().min(1),
        1,
        "the report says why: {reason}"
    );
    assert_no_key(audit);
}

#[test]
fn a_refused_connection_fails_fast_and_is_seen() {
    let good = Server::start(FINDING);
    let started = std::time::Instant::now();
    let audit = audit_with(&Server::refusing(), &good);
    assert_bad_failed(&audit, "connection refused");
    assert!(
        started.elapsed().as_secs() < 20,
        "a refused port is not retried for long"
    );
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(audit.dir.path().join("run.json")).unwrap()).unwrap();
    assert_eq!(run["reviewers"][1]["usage"]["connected"], 0);
    assert!(
        !audit.report().contains("requests sent"),
        "nothing connected: no claim of requests sent"
    );
}

#[test]
fn a_hung_endpoint_times_out() {
    let good = Server::start(FINDING);
    let hung = Server::with(Behaviour::Hang);
    let audit = audit_with(&hung.base_url, &good);
    assert_bad_failed(&audit, "no answer within 2 s");
}

#[test]
fn a_401_stops_at_once() {
    let good = Server::start(FINDING);
    let denied = Server::with(Behaviour::Http(
        401,
        "application/json",
        format!(r#"{{"error": {{"message": "Incorrect API key provided: {BAD_KEY}"}}}}"#),
    ));
    let audit = audit_with(&denied.base_url, &good);
    assert_bad_failed(&audit, "401");
    assert_eq!(denied.requests(), 1, "a 401 is not retried");
}

#[test]
fn an_html_page_is_not_an_answer() {
    let good = Server::start(FINDING);
    let html = Server::with(Behaviour::Http(
        200,
        "text/html",
        "<html><body><h1>Sign in</h1><script>alert(1)</script></body></html>".into(),
    ));
    let audit = audit_with(&html.base_url, &good);
    assert_eq!(audit.out.status.code(), Some(3), "{}", audit.stderr());
    assert!(
        audit.stderr().lines().any(|l| l.starts_with("bad: failed: ")),
        "{}",
        audit.stderr()
    );
    assert!(turk_report::validate::check_report(&audit.report(), &[]).is_empty());
    assert_no_key(&audit);
}

#[test]
fn prose_without_findings_is_a_failed_request_not_a_clean_review() {
    let good = Server::start(FINDING);
    let prose = Server::start("I looked at the code and it seems fine to me.");
    let audit = audit_with(&prose.base_url, &good);
    assert_bad_failed(&audit, "no JSON findings list");
    assert!(
        !audit
            .report()
            .contains("Review by bad (`m`)\n\nStatus: **complete**")
    );
}

#[test]
fn nul_and_escape_bytes_never_reach_the_outputs() {
    let good = Server::start(FINDING);
    let dirty = Server::start(
        "{\"findings\": [{\"file\": \"internal/api/handler.go\", \"start_line\": 12, \"end_line\": 24, \
         \"priority\": \"P1\", \"category\": \"concurrency\", \"title\": \"Lock\\u0000 held\\u001b[31m\", \
         \"why\": \"w\\u0000\", \"fix\": \"f\"}]}",
    );
    let audit = audit_with(&dirty.base_url, &good);
    assert_eq!(audit.out.status.code(), Some(0), "{}", audit.stderr());
    assert!(audit.stderr().contains("bad: 1 finding"), "{}", audit.stderr());
    let all = audit.everything_written();
    assert!(!all.contains(&0) && !all.contains(&0x1b));
    assert!(audit.report().contains("Lock held[31m"));
}

#[test]
fn an_echoed_key_is_redacted_everywhere() {
    let good = Server::start(FINDING);
    let echo = Server::with(Behaviour::EchoKey);
    let audit = audit_with(&echo.base_url, &good);
    assert_eq!(audit.out.status.code(), Some(0), "{}", audit.stderr());
    assert!(audit.report().contains("[REDACTED]"), "{}", audit.report());
    assert_no_key(&audit);
}

#[test]
fn an_unset_key_variable_stops_the_audit_before_anything_is_sent() {
    let good = Server::start(FINDING);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("internal/api")).unwrap();
    std::fs::write(dir.path().join("internal/api/handler.go"), HANDLER).unwrap();
    std::fs::write(
        dir.path().join("turk.yaml"),
        format!(
            "reviewers:\n  - id: good\n    provider: openai\n    base_url: {}\n    model: m\n    \
             api_key_env: TURK_UNSET_KEY_FOR_TEST\n",
            good.base_url
        ),
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_turk"))
            .args(args)
            .current_dir(dir.path())
            .env_remove("TURK_UNSET_KEY_FOR_TEST")
            .output()
            .unwrap()
    };
    let out = run(&["audit", "."]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("TURK_UNSET_KEY_FOR_TEST"), "{stderr}");
    assert!(!dir.path().join("turk-report.md").exists());
    let dry = run(&["audit", ".", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&dry.stdout).contains("Dry run: nothing was sent"));
    assert!(String::from_utf8_lossy(&dry.stderr).contains("TURK_UNSET_KEY_FOR_TEST"));
    assert_eq!(good.requests(), 0);
}

#[test]
fn fail_on_gates_on_the_synthesis() {
    let good = Server::start(FINDING);
    let also_good = Server::start(FINDING);
    let audit = audit_with(&also_good.base_url, &good);
    assert_eq!(audit.out.status.code(), Some(0), "{}", audit.stderr());
    let gated = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(["audit", ".", "--fail-on", "P1", "--out", "gated.md"])
        .current_dir(audit.dir.path())
        .env("TURK_GOOD_KEY", GOOD_KEY)
        .env("TURK_BAD_KEY", BAD_KEY)
        .output()
        .unwrap();
    assert_eq!(
        gated.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&gated.stderr)
    );
    let lenient = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(["audit", ".", "--fail-on", "P0", "--out", "lenient.md"])
        .current_dir(audit.dir.path())
        .env("TURK_GOOD_KEY", GOOD_KEY)
        .env("TURK_BAD_KEY", BAD_KEY)
        .output()
        .unwrap();
    assert_eq!(
        lenient.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lenient.stderr)
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_audit_and_says_what_was_kept() {
    let hung = Server::with(Behaviour::Hang);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("internal/api")).unwrap();
    std::fs::write(dir.path().join("internal/api/handler.go"), HANDLER).unwrap();
    std::fs::write(
        dir.path().join("turk.yaml"),
        format!(
            "reviewers:\n  - id: slow\n    provider: openai\n    base_url: {}\n    model: m\n    timeout_secs: 60\n\
             cache:\n  dir: cache\n",
            hung.base_url
        ),
    )
    .unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_turk"))
        .args(["audit", "."])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the request is in flight.
    let started = std::time::Instant::now();
    while hung.requests() == 0 && started.elapsed().as_secs() < 30 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // SAFETY: sending SIGINT to our own child process.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted: no report was written"), "{stderr}");
    assert!(
        stderr.contains("run the same command again to resume"),
        "{stderr}"
    );
    assert!(!dir.path().join("turk-report.md").exists());
    assert!(
        started.elapsed().as_secs() < 20,
        "Ctrl-C does not wait for the request to time out"
    );
}
