//! Every rule has fixtures under `testdata/go/<family>/<name>/`: files named `positive*.go` must produce a
//! finding of that rule on exactly the lines marked `// want`, files named `negative*.go` must produce none.
//! A fixture may pin the module's Go version with a first line `// turk-test: go=1.21`. The findings of each
//! rule's positive fixtures are also snapshotted, rendered as a user would read them.
//! `TURK_FIXTURE_RULES=conc,io/defer-in-loop` limits the run to some rules or families.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use turk_go::{Analyzer, GoVersion, rule_metas};

fn fixtures_dir(rule_id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/go")
        .join(rule_id)
}

fn pinned_version(src: &str) -> Option<GoVersion> {
    let first = src.lines().next()?;
    let version = first.strip_prefix("// turk-test: go=")?;
    GoVersion::parse(version)
}

fn wanted_lines(src: &str) -> Vec<u32> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| l.contains("// want"))
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

#[test]
fn every_rule_has_positive_and_negative_fixtures_that_hold() {
    let mut failures = Vec::new();
    // TURK_FIXTURE_RULES=conc,io/defer-in-loop narrows the run while a rule is being written.
    let filter = std::env::var("TURK_FIXTURE_RULES").unwrap_or_default();
    let wanted = |id: &str| {
        filter.is_empty()
            || filter
                .split(',')
                .any(|f| id == f || id.starts_with(&format!("{}/", f.trim_end_matches('/'))))
    };
    for meta in rule_metas().filter(|m| wanted(m.id)) {
        let dir = fixtures_dir(meta.id);
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(read) => read
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "go"))
                .collect(),
            Err(_) => {
                failures.push(format!("{}: no fixture folder {}", meta.id, dir.display()));
                continue;
            }
        };
        entries.sort();
        let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
        if !entries.iter().any(|p| name(p).starts_with("positive"))
            || !entries.iter().any(|p| name(p).starts_with("negative"))
        {
            failures.push(format!("{}: needs positive*.go and negative*.go", meta.id));
        }
        let only_this = Analyzer::select(&[meta.id.to_string()], &[]).unwrap();
        let mut rendered = String::new();
        for path in &entries {
            let src = std::fs::read_to_string(path).unwrap();
            let file = name(path);
            let analysis = only_this.analyze_source(&file, &src, pinned_version(&src));
            if analysis.parse_errors.is_some() {
                failures.push(format!("{}/{file}: fixture does not parse cleanly", meta.id));
            }
            let got: Vec<u32> = analysis.findings.iter().map(|f| f.span.start_line).collect();
            let want = if file.starts_with("negative") {
                Vec::new()
            } else {
                wanted_lines(&src)
            };
            if file.starts_with("positive") && want.is_empty() {
                failures.push(format!(
                    "{}/{file}: positive fixture marks no `// want` line",
                    meta.id
                ));
            }
            if got != want {
                failures.push(format!(
                    "{}/{file}: findings on lines {got:?}, expected {want:?}",
                    meta.id
                ));
            }
            if file.starts_with("positive") {
                for f in &analysis.findings {
                    let line = src
                        .lines()
                        .nth(f.span.start_line as usize - 1)
                        .unwrap_or("")
                        .trim();
                    writeln!(
                        rendered,
                        "{}:{}:{}: {} {}: {}\n    {line}",
                        file,
                        f.span.start_line,
                        f.span.start_column,
                        f.priority,
                        f.origin.id(),
                        f.title
                    )
                    .unwrap();
                }
            }
        }
        insta::with_settings!({snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(meta.id.replace('/', "__"), rendered);
        });
    }
    assert!(failures.is_empty(), "fixture failures:\n{}", failures.join("\n"));
}
