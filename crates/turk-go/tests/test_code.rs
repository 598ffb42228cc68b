//! Test code (docs/rules.md, "Test code"): by default no findings in `_test.go` files, test-support packages or
//! test helpers, except of rules about tests; with `tests` on they are reported, and never raised.

use std::collections::BTreeMap;
use std::path::Path;
use turk_findings::Priority;
use turk_go::{Analyzer, ScanReport, Selection};

/// Code with two findings that rise in a loop: a regexp compiled per line and a []rune copy of each line.
fn wasteful(package: &str, func: &str, params: &str) -> String {
    format!(
        "package {package}\n\nimport (\n\t\"regexp\"\n\t\"testing\"\n)\n\nvar _ testing.TB\n\n\
         func {func}({params}lines []string) int {{\n\tn := 0\n\tfor _, l := range lines {{\n\
         \t\tif regexp.MustCompile(`^a+$`).MatchString(l) {{\n\t\t\tn++\n\t\t}}\n\
         \t\tfor _, c := range []rune(l) {{\n\t\t\tn += int(c)\n\t\t}}\n\t}}\n\treturn n\n}}\n"
    )
}

const FATAL_IN_GOROUTINE: &str = "package store\n\nimport \"testing\"\n\nfunc TestRace(t *testing.T) {\n\
     \tdone := make(chan bool)\n\tgo func() {\n\t\tt.Fatal(\"boom\")\n\t\tdone <- true\n\t}()\n\t<-done\n}\n";

/// A module with production code, test files, test-support packages and a helper taking a `*testing.T`.
fn module() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(&str, String)> = vec![
        ("go.mod", "module example.com/shop\n\ngo 1.22\n".to_string()),
        ("store/store.go", wasteful("store", "Count", "")),
        (
            "store/store_test.go",
            wasteful("store", "BenchmarkCount", "b *testing.B, "),
        ),
        (
            "store/example_test.go",
            wasteful("store_test", "ExampleCount", ""),
        ),
        ("store/race_test.go", FATAL_IN_GOROUTINE.to_string()),
        (
            "store/helpers.go",
            wasteful("store", "assertCount", "t *testing.T, "),
        ),
        ("internal/testutil/util.go", wasteful("testutil", "Count", "")),
        (
            "internal/testutils/xds/e2e/server.go",
            wasteful("e2e", "Count", ""),
        ),
        ("internal/testutils/xds/xds.go", wasteful("xds", "Count", "")),
        ("internal/mocks/db.go", wasteful("mocks", "Count", "")),
        ("net/httptest/server.go", wasteful("httptest", "Count", "")),
        ("internal/latest/latest.go", wasteful("latest", "Count", "")),
    ];
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn scan(root: &Path, tests: bool) -> ScanReport {
    let mut selection = Selection::default();
    selection.tests = tests;
    Analyzer::new(&selection).unwrap().scan(&[root.to_path_buf()])
}

/// Path → the (rule, priority, raised) of its findings.
fn by_file(report: &ScanReport) -> BTreeMap<String, Vec<(String, Priority, bool)>> {
    let mut out: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for f in report.findings() {
        out.entry(f.span.path.clone()).or_default().push((
            f.origin.id().to_string(),
            f.priority,
            !f.because.is_empty(),
        ));
    }
    out
}

#[test]
fn by_default_only_production_code_and_rules_about_tests_are_reported() {
    let repo = module();
    let report = scan(repo.path(), false);
    let found = by_file(&report);
    let paths: Vec<&str> = found.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "internal/latest/latest.go",
            "store/race_test.go",
            "store/store.go"
        ],
        "{found:#?}"
    );
    assert_eq!(
        found["store/race_test.go"],
        [("conc/test-fatal-in-goroutine".to_string(), Priority::P2, false)]
    );
    // Production code: both findings rise in the loop, and say so.
    assert_eq!(
        found["store/store.go"],
        [
            ("regexp/compile-in-func".to_string(), Priority::P1, true),
            ("alloc/range-over-rune-conversion".to_string(), Priority::P1, true),
        ]
    );
    // The metrics of test files are still measured (the scope ranking may read them).
    let bench = report
        .files
        .iter()
        .find(|f| f.path == "store/store_test.go")
        .unwrap();
    assert!(bench.is_test && bench.metrics.loops == 2, "{bench:?}");
    let support = report
        .files
        .iter()
        .find(|f| f.path == "internal/testutils/xds/e2e/server.go")
        .unwrap();
    assert!(support.is_test_package && !support.is_test);
}

#[test]
fn with_tests_everything_is_reported_and_nothing_in_test_code_rises() {
    let repo = module();
    let found = by_file(&scan(repo.path(), true));
    assert_eq!(found.len(), 11, "{found:#?}");
    for (path, findings) in &found {
        let production = matches!(path.as_str(), "store/store.go" | "internal/latest/latest.go");
        for (rule, priority, raised) in findings {
            if production {
                assert!(*raised && *priority == Priority::P1, "{path}: {rule}");
            } else {
                assert!(!raised && *priority == Priority::P2, "{path}: {rule} {priority}");
            }
        }
    }
    // Benchmark and Example bodies are test code: reported, not raised.
    assert_eq!(found["store/store_test.go"].len(), 2);
    assert_eq!(found["store/example_test.go"].len(), 2);
    assert_eq!(found["store/helpers.go"].len(), 2);
}

#[test]
fn a_test_support_package_scanned_on_its_own_is_still_test_support() {
    let repo = module();
    // `xds` is test support only because its module path runs through `testutils`, above the scanned folder.
    for (folder, files) in [
        ("internal/testutils/xds", 2),
        ("internal/testutil", 1),
        ("net/httptest", 1),
    ] {
        let report = scan(&repo.path().join(folder), false);
        assert_eq!(report.files.len(), files, "{folder}");
        assert!(report.files.iter().all(|f| f.is_test_package), "{folder}");
        assert_eq!(report.findings().count(), 0, "{folder}");
    }
    let single = scan(&repo.path().join("internal/mocks/db.go"), false);
    assert_eq!(single.findings().count(), 0);
}

#[test]
fn a_test_helper_in_a_production_file_is_test_code() {
    let src = wasteful("store", "checkAll", "tb testing.TB, ");
    let analysis = Analyzer::default().analyze_source("store/check.go", &src, None);
    assert!(analysis.findings.is_empty(), "{:?}", analysis.findings);
    let src = wasteful("store", "checkAll", "");
    let analysis = Analyzer::default().analyze_source("store/check.go", &src, None);
    assert_eq!(analysis.findings.len(), 2);
}
