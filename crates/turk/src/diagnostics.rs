//! How `turk scan` prints: compiler-style diagnostics with the source line, the JSON contract, and a summary.

use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::Path;
use turk_findings::{Confidence, Priority};
use turk_go::{Analyzer, ScanReport, Warning, WarningKind, rule_meta, rule_metas};
use turk_report::markdown::count;
use turk_report::sarif::RuleInfo;

/// The rules as SARIF sees them.
pub fn rule_infos() -> Vec<RuleInfo> {
    rule_metas()
        .map(|m| RuleInfo {
            id: m.id.to_string(),
            message: m.message.to_string(),
            why: m.why.to_string(),
            fix: m.fix.to_string(),
            priority: m.priority,
            category: m.category,
        })
        .collect()
}

/// The warnings `turk scan` shows: suppressions naming no rule, and (when asked for) unused suppressions.
pub fn warnings(report: &ScanReport, unused_suppressions: bool) -> Vec<&Warning> {
    report
        .warnings()
        .filter(|w| unused_suppressions || w.kind != WarningKind::UnusedSuppression)
        .collect()
}

/// A warning as the terminal shows it: `internal/x.go:12: warning: …`.
pub fn warning_line(report: &ScanReport, warning: &Warning) -> String {
    format!(
        "{}:{}: warning: {}",
        shown_path(report, &warning.path),
        warning.line,
        warning.message
    )
}

/// The public JSON shape of `turk scan --format json` (version 1). Fields are only ever added.
pub fn scan_json(report: &ScanReport, warnings: &[&Warning]) -> Value {
    let findings: Vec<Value> = report
        .findings()
        .map(|f| {
            let tier = rule_meta(f.origin.id()).map(|m| m.tier.name());
            json!({
                "rule": f.origin.id(),
                "category": f.category,
                "priority": f.priority,
                "path": f.span.path,
                "line": f.span.start_line,
                "end_line": f.span.end_line,
                "column": f.span.start_column,
                "message": f.title,
                "why": f.why,
                "suggestion": f.fix,
                "fingerprint": f.fingerprint,
                "tier": tier,
                "confidence": f.confidence,
                "because": (!f.because.is_empty()).then_some(&f.because),
            })
        })
        .collect();
    let parse_errors: Vec<Value> = report
        .files_with_parse_errors()
        .map(|f| {
            let e = f.parse_errors.as_ref().expect("filtered on parse errors");
            json!({"path": f.path, "regions": e.count, "first_line": e.first_line})
        })
        .collect();
    let skipped: Vec<Value> = report
        .skipped
        .iter()
        .map(|s| json!({"path": s.path, "reason": s.reason.to_string()}))
        .collect();
    let walk_errors: Vec<Value> = report
        .walk_errors
        .iter()
        .map(|(path, error)| json!({"path": path, "error": error}))
        .collect();
    json!({
        "version": 1,
        "root": report.root.to_string_lossy().replace('\\', "/"),
        "files_scanned": report.files.len(),
        "findings": findings,
        "parse_errors": parse_errors,
        "skipped": skipped,
        "walk_errors": walk_errors,
        "warnings": warnings,
    })
}

/// One diagnostic per finding, with the flagged source line and a caret under the column.
pub fn render_text(report: &ScanReport) -> String {
    let mut out = String::new();
    for file in &report.files {
        if file.findings.is_empty() {
            continue;
        }
        // The file was readable a moment ago; if it changed or vanished, print the diagnostics without source.
        let source = std::fs::read_to_string(report.root.join(&file.path)).unwrap_or_default();
        let lines: Vec<&str> = source.lines().collect();
        for f in &file.findings {
            let column = f.span.start_column.max(1);
            writeln!(
                out,
                "{}:{}:{}: {} {}: {}",
                shown_path(report, &f.span.path),
                f.span.start_line,
                column,
                f.priority,
                f.origin.id(),
                f.title
            )
            .unwrap();
            if let Some(line) = lines.get(f.span.start_line as usize - 1) {
                let number = f.span.start_line.to_string();
                let pad = " ".repeat(number.len());
                let line = line.replace('\t', "    ");
                // Tabs before the column widen by three each when expanded.
                let raw = lines[f.span.start_line as usize - 1];
                let tabs = raw
                    .bytes()
                    .take(column as usize - 1)
                    .filter(|b| *b == b'\t')
                    .count();
                let caret_at = column as usize - 1 + tabs * 3;
                writeln!(out, " {number} | {line}").unwrap();
                writeln!(out, " {pad} | {}^", " ".repeat(caret_at)).unwrap();
            }
            if !f.because.is_empty() {
                writeln!(out, "  = raised: {}", f.because).unwrap();
            }
            if f.confidence == Some(Confidence::Heuristic) {
                writeln!(
                    out,
                    "  = heuristic: the rule infers part of this; read the code before changing it"
                )
                .unwrap();
            }
            writeln!(out, "  = fix: {}\n", f.fix).unwrap();
        }
    }
    out
}

/// A path of the report as the terminal shows it: relative to the working folder (as `go vet` does), whatever
/// folder was scanned. The JSON keeps paths relative to its `root`.
pub fn shown_path(report: &ScanReport, path: &str) -> String {
    let joined = report.root.join(path);
    let joined = match std::env::current_dir() {
        Ok(cwd) if joined.is_absolute() => joined.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(joined),
        _ => joined,
    };
    let text = joined.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// A closing summary: counts by priority, test code left out, files with parse errors, skipped files.
pub fn summary(report: &ScanReport, analyzer: &Analyzer) -> String {
    let mut out = String::new();
    let at = |p: Priority| report.findings().filter(|f| f.priority == p).count();
    writeln!(
        out,
        "scanned {}: {} ({} P0, {} P1, {} P2)",
        count(report.files.len(), "Go file"),
        count(report.findings().count(), "finding"),
        at(Priority::P0),
        at(Priority::P1),
        at(Priority::P2)
    )
    .unwrap();
    let test_files = report
        .files
        .iter()
        .filter(|f| f.is_test || f.is_test_package)
        .count();
    if test_files > 0 && !analyzer.reports_tests() {
        writeln!(
            out,
            "test code not checked for performance: {} (`--tests` checks them)",
            count(test_files, "file")
        )
        .unwrap();
    }
    for f in report.files_with_parse_errors() {
        let e = f.parse_errors.as_ref().expect("filtered on parse errors");
        writeln!(
            out,
            "partly parsed: {} ({} from line {}; the rest was scanned)",
            shown_path(report, &f.path),
            count(e.count as usize, "error region"),
            e.first_line
        )
        .unwrap();
    }
    for s in &report.skipped {
        writeln!(out, "skipped: {}: {}", shown_path(report, &s.path), s.reason).unwrap();
    }
    for (path, err) in &report.walk_errors {
        writeln!(out, "not walked: {path}: {err}").unwrap();
    }
    out
}
