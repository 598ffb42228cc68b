//! Hot-path ranking: which files an audit should spend its review budget on, and why. A file scores for what it
//! does (goroutines, locks, channels, HTTP, JSON, file I/O, SDK calls, loops) and for what the static pass found
//! in it; the reason reads like an audit plan ("request handling: HTTP (4), JSON (3), goroutines (2); 2 static
//! findings, 1 P0").

use crate::analyze::FileAnalysis;
use globset::{Glob, GlobSetBuilder};
use turk_findings::Priority;
pub use turk_run::{FileMetrics, ScopeEntry};

/// A glob in the scope configuration does not compile.
#[derive(Debug, thiserror::Error)]
#[error("invalid scope pattern `{pattern}`: {message}")]
pub struct ScopePatternError {
    pub pattern: String,
    pub message: String,
}

/// Ranks the non-test files by hotness and keeps the `max_files` hottest ones that show any signal.
pub fn rank(files: &[FileAnalysis], max_files: usize) -> Vec<ScopeEntry> {
    let mut entries: Vec<ScopeEntry> = files
        .iter()
        .filter(|f| !f.is_test)
        .filter_map(|f| {
            let score = score(f);
            (score > 0.0).then(|| ScopeEntry {
                path: f.path.clone(),
                score,
                reason: reason(f),
                pinned: false,
                metrics: f.metrics,
            })
        })
        .collect();
    entries.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.path.cmp(&b.path)));
    entries.truncate(max_files);
    entries
}

/// The files matching the configured globs (relative to the root), in path order, with their reasons.
pub fn pinned(files: &[FileAnalysis], include: &[String]) -> Result<Vec<ScopeEntry>, ScopePatternError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in include {
        let glob = Glob::new(pattern).map_err(|e| ScopePatternError {
            pattern: pattern.clone(),
            message: e.kind().to_string(),
        })?;
        builder.add(glob);
    }
    let set = builder.build().map_err(|e| ScopePatternError {
        pattern: include.join(", "),
        message: e.to_string(),
    })?;
    Ok(files
        .iter()
        .filter(|f| set.is_match(&f.path))
        .map(|f| ScopeEntry {
            path: f.path.clone(),
            score: score(f),
            reason: format!("pinned in configuration; {}", reason(f)),
            pinned: true,
            metrics: f.metrics,
        })
        .collect())
}

/// What each signal is worth. Concurrency and network work dominate latency profiles; loops amplify
/// everything; static findings point at known costs.
fn score(f: &FileAnalysis) -> f64 {
    let m = &f.metrics;
    let signals = 3.0 * f64::from(m.goroutines)
        + 2.0 * f64::from(m.locks)
        + 1.5 * f64::from(m.channels)
        + 2.0 * f64::from(m.waitgroups)
        + 2.0 * f64::from(m.http)
        + 1.5 * f64::from(m.json)
        + 1.5 * f64::from(m.file_io)
        + 2.0 * f64::from(m.sdk_calls)
        + 0.5 * f64::from(m.loops);
    let findings: f64 = f
        .findings
        .iter()
        .map(|x| match x.priority {
            Priority::P0 => 6.0,
            Priority::P1 => 3.0,
            Priority::P2 => 1.0,
        })
        .sum();
    if signals + findings == 0.0 {
        return 0.0;
    }
    // Bigger files hold more code to review, but sub-linearly: a 2,000-line file is not ten 200-line files.
    let size = (f64::from(m.lines.max(1))).ln().max(1.0);
    ((signals + findings) * size * 10.0).round() / 10.0
}

/// A human reason: what role the file seems to play, its strongest signals, and its static findings.
pub fn reason(f: &FileAnalysis) -> String {
    let m = &f.metrics;
    let mut signals: Vec<(u32, &str)> = vec![
        (m.goroutines, "goroutines"),
        (m.locks, "locks"),
        (m.channels, "channels"),
        (m.waitgroups, "WaitGroups"),
        (m.http, "HTTP"),
        (m.json, "JSON"),
        (m.file_io, "file I/O"),
        (m.sdk_calls, "Azure SDK calls"),
    ];
    signals.retain(|(n, _)| *n > 0);
    signals.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut parts: Vec<String> = signals
        .iter()
        .take(4)
        .map(|(n, what)| format!("{what} ({n})"))
        .collect();
    if parts.is_empty() && m.loops > 0 {
        parts.push(format!("loops ({})", m.loops));
    }
    let mut text = match role(&f.path, m) {
        Some(role) => format!("{role}: {}", parts.join(", ")),
        None => parts.join(", "),
    };
    if !f.findings.is_empty() {
        let p0 = f.findings.iter().filter(|x| x.priority == Priority::P0).count();
        let count = f.findings.len();
        let plural = if count == 1 { "" } else { "s" };
        text.push_str(&format!("; {count} static finding{plural}"));
        if p0 > 0 {
            text.push_str(&format!(", {p0} P0"));
        }
    }
    text.trim_start_matches(": ").to_string()
}

/// A guess at the file's job from its path, falling back to its dominant signal.
fn role(path: &str, m: &FileMetrics) -> Option<&'static str> {
    let name = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".go")
        .to_ascii_lowercase();
    let dir = path.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    let role = if has(&["handler", "server", "api", "router", "middleware", "endpoint"]) {
        "request handling"
    } else if has(&[
        "worker",
        "pool",
        "queue",
        "scheduler",
        "dispatch",
        "pipeline",
        "consumer",
        "producer",
    ]) {
        "background work"
    } else if has(&["cache", "store", "repo", "db", "storage"]) {
        "data access"
    } else if has(&["client", "fetch", "http"]) {
        "outbound client"
    } else if has(&["runner", "executor", "orchestr"]) {
        "runner"
    } else if name == "main" || dir.starts_with("cmd/") {
        "entry point"
    } else if m.goroutines > 0 || m.channels > 0 {
        "concurrency"
    } else {
        return None;
    };
    Some(role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;

    fn analyse(path: &str, src: &str) -> FileAnalysis {
        Analyzer::all_rules().analyze_source(path, src, None)
    }

    #[test]
    fn ranks_busy_files_first_and_explains_why() {
        let busy = "package s\nimport (\"net/http\"; \"encoding/json\"; \"sync\")\nvar mu sync.Mutex\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tgo func() {}()\n\tjson.NewEncoder(w).Encode(1)\n\thttp.Get(\"x\")\n}\n";
        let quiet = "package s\nfunc add(a, b int) int { return a + b }\n";
        let files = vec![
            analyse("internal/api/handler.go", busy),
            analyse("internal/mathx/add.go", quiet),
            analyse("internal/api/handler_test.go", busy),
        ];
        let ranked = rank(&files, 10);
        assert_eq!(ranked.len(), 1, "quiet and test files are left out: {ranked:?}");
        assert_eq!(ranked[0].path, "internal/api/handler.go");
        assert!(
            ranked[0].reason.starts_with("request handling: "),
            "{}",
            ranked[0].reason
        );
        assert!(
            ranked[0].reason.contains("goroutines (1)"),
            "{}",
            ranked[0].reason
        );
    }

    #[test]
    fn pinned_scope_follows_globs() {
        let files = vec![
            analyse("internal/a/x.go", "package a\n"),
            analyse("internal/b/y.go", "package b\n"),
        ];
        let pinned = pinned(&files, &["internal/a/*.go".to_string()]).unwrap();
        assert_eq!(pinned.len(), 1);
        assert!(pinned[0].pinned);
        assert!(super::pinned(&files, &["[".to_string()]).is_err());
    }
}
