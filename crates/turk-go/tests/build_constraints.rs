//! Build constraints in a scan (docs/rules.md, "Files not analysed"): a `//go:build ignore` program is skipped
//! with its reason like generated code, and only a constraint that requires a Go version sets the file's.

use turk_go::{Analyzer, SkipReason};

/// A goroutine capturing its loop variable: reported below Go 1.22 only.
fn capture(header: &str) -> String {
    format!(
        "{header}\n\npackage jobs\n\nfunc runAll(jobs []string) {{\n\tfor _, job := range jobs {{\n\
         \t\tgo func() {{\n\t\t\trun(job)\n\t\t}}()\n\t}}\n}}\n\nfunc run(string) {{}}\n"
    )
}

#[test]
fn ignore_programs_are_skipped_and_negated_versions_leave_the_modules() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("go.mod", "module example.com/jobs\n\ngo 1.21\n".to_string()),
        // Compiled only before Go 1.22: the module's 1.21 holds, so the capture is reported.
        ("jobs/old.go", capture("//go:build !go1.22")),
        ("jobs/either.go", capture("//go:build go1.22 || linux")),
        // Compiled only from Go 1.22: each iteration has its own variable.
        ("jobs/new.go", capture("//go:build linux && go1.22")),
        (
            "jobs/gen.go",
            capture("//go:build ignore\n\n// Generates the job table; run with go run gen.go."),
        ),
    ];
    for (path, text) in &files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let report = Analyzer::default().scan(&[dir.path().to_path_buf()]);
    let mut found: Vec<(&str, &str)> = report
        .findings()
        .map(|f| (f.span.path.as_str(), f.origin.id()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("jobs/either.go", "conc/loopvar-capture"),
            ("jobs/old.go", "conc/loopvar-capture")
        ]
    );
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert_eq!(report.skipped[0].path, "jobs/gen.go");
    assert_eq!(report.skipped[0].reason, SkipReason::BuildIgnored);
    assert!(
        report.skipped[0].reason.to_string().contains("//go:build ignore"),
        "{}",
        report.skipped[0].reason
    );
}
