//! Hot and cold paths (testdata/hot-paths/README.md): which findings rise in priority, and what they say about
//! why. Every `fmt.Sprintf` in the fixtures is marked `// hot: <reason>` or `// cold`; each is reported through
//! the finding builder by a probe rule of the performance tier that rises one step on a hot path, as the rules
//! that multiply with the calls do.

use super::{RuleMeta, Tier};
use crate::analyze::{file_context, parse};
use std::path::{Path, PathBuf};
use turk_findings::{Category, Confidence, Priority};

static PROBE: RuleMeta = RuleMeta {
    id: "fmt/hot-path-probe",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "probe",
    why: "probe",
    fix: "probe",
    bad: "",
    good: "",
    applies: "",
};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/hot-paths");
    let mut files = Vec::new();
    let mut pending = vec![dir];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            if entry.is_dir() {
                pending.push(entry);
            } else if entry.extension().is_some_and(|x| x == "go") {
                files.push(entry);
            }
        }
    }
    files.sort();
    files
}

/// What a marked line expects: `Some(reason)` to rise with a reason containing it, `None` to stay at default.
fn marker(line: &str) -> Option<Option<String>> {
    if let Some((_, reason)) = line.split_once("// hot: ") {
        return Some(Some(reason.trim().to_string()));
    }
    line.contains("// cold").then_some(None)
}

#[test]
fn findings_rise_on_hot_paths_only_and_say_why() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in fixtures() {
        let src = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let tree = parse(&src).unwrap();
        assert!(!tree.root_node().has_error(), "{name} does not parse");
        // Test code reported, as `--tests` does: a finding there is kept, and must not rise.
        let cx = file_context(&name, &src, tree.root_node(), None, "store", true);
        let mut findings = Vec::new();
        for call in crate::syntax::descendants(tree.root_node()) {
            if cx.call_to(call, "fmt", &["Sprintf"]).is_some() {
                cx.finding(&PROBE, call)
                    .raised_on_hot_path()
                    .report(&mut findings);
            }
        }
        for (index, line) in src.lines().enumerate() {
            let number = index as u32 + 1;
            let found: Vec<_> = findings.iter().filter(|f| f.span.start_line == number).collect();
            let Some(expected) = marker(line) else {
                if !found.is_empty() {
                    failures.push(format!("{name}:{number}: unmarked fmt.Sprintf"));
                }
                continue;
            };
            if found.is_empty() {
                failures.push(format!("{name}:{number}: marked, but no fmt.Sprintf"));
            }
            for f in found {
                checked += 1;
                match &expected {
                    Some(reason) if f.priority != Priority::P1 || !f.because.contains(reason.as_str()) => {
                        failures.push(format!(
                            "{name}:{number}: expected P1 because `{reason}`, got {} because `{}`",
                            f.priority, f.because
                        ))
                    }
                    None if f.priority != Priority::P2 || !f.because.is_empty() => failures.push(format!(
                        "{name}:{number}: expected P2 (cold), got {} because `{}`",
                        f.priority, f.because
                    )),
                    _ => {}
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 35, "only {checked} findings checked");
}
