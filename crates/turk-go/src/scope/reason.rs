//! The reason a file is in scope, in the words of an audit plan: what the file does (its kind's evidence), how
//! work reaches it ("GetOrLoad called per request from internal/api/handler.go:128 (Handler.order)"), what an
//! entry point starts, and the static findings on its hot paths. Counts stay in the metrics.

use super::calls::{Flavour, Heat, Via};
use super::facts::{FileFacts, NO_FUNCTION};
use super::kinds::Recognised;
use crate::analyze::FileAnalysis;
use crate::metrics::FileMetrics;

/// Where a file's function is reached from, in words: "called per request from internal/api/handler.go:120
/// (Handler.create)", "HTTP handler", "runs as a goroutine started at line 39 (Pool.Start)".
pub fn heat_phrase(heat: &Heat, here: usize, files: &[FileAnalysis]) -> String {
    let at = |file: u32, caller: u32, line: u32| {
        let file_index = file as usize;
        let place = if file_index == here {
            format!("line {line}")
        } else {
            format!("{}:{line}", files[file_index].path)
        };
        let facts = &files[file_index].facts;
        match facts.functions.get(caller as usize) {
            Some(f) if caller != NO_FUNCTION => format!("{place} ({})", f.display_name()),
            _ => place,
        }
    };
    match heat.via {
        Via::Itself => match heat.flavour {
            Flavour::Request => "HTTP handler".to_string(),
            other => format!("runs {}", other.per()),
        },
        Via::Registered { file, caller, line } => {
            let place = at(file, caller, line);
            match heat.flavour {
                Flavour::Request => format!("registered as a handler at {place}"),
                Flavour::Message => format!("subscribed as a message handler at {place}"),
                Flavour::Goroutine => format!("runs as a goroutine started at {place}"),
                other => format!("runs {} from {place}", other.per()),
            }
        }
        Via::Call {
            file,
            caller,
            line,
            in_loop,
            through,
        } => {
            let mut place = at(file, caller, line);
            if let Some(runner) = through {
                let runner = &files[runner.file as usize].facts.functions[runner.function as usize];
                let run_by = format!("in a func literal run by {}", runner.display_name());
                place = match place.strip_suffix(')') {
                    Some(open) => format!("{open}, {run_by})"),
                    None => format!("{place} ({run_by})"),
                };
            }
            let looped = if in_loop { " in a loop" } else { "" };
            match heat.flavour {
                Flavour::Startup => format!("started from {place}"),
                other => format!("called{looped} {} from {place}", other.per()),
            }
        }
    }
}

/// What the reason says about static findings: only those that count for the ranking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FindingCounts {
    pub p0: usize,
    pub p1: usize,
    pub p2: usize,
}

impl FindingCounts {
    fn phrase(&self) -> Option<String> {
        let parts: Vec<String> = [(self.p0, "P0"), (self.p1, "P1"), (self.p2, "P2")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, p)| format!("{n} {p}"))
            .collect();
        (!parts.is_empty()).then(|| {
            let total = self.p0 + self.p1 + self.p2;
            let s = if total == 1 { "" } else { "s" };
            format!("static finding{s} on hot paths: {}", parts.join(", "))
        })
    }
}

/// Everything the reason of one file is made of.
pub struct ReasonParts<'a> {
    pub kinds: &'a [Recognised],
    /// The function whose heat tells best how work reaches the file, with its phrase.
    pub reached: Option<(String, String)>,
    /// For an entry point: what it starts ("worker pool (internal/worker/pool.go)").
    pub starts: Vec<String>,
    /// For request handlers and servers: the engines they call.
    pub calls: Vec<String>,
    pub findings: FindingCounts,
    pub metrics: &'a FileMetrics,
    pub facts: &'a FileFacts,
}

/// The reason, without the kind (which has a field of its own): the evidence of the strongest kind, the other
/// kinds, how work reaches the file, what it starts, its findings on hot paths.
pub fn reason(p: &ReasonParts<'_>) -> String {
    let mut sections: Vec<String> = Vec::new();
    match p.kinds.split_first() {
        Some((primary, others)) => {
            let mut first = primary.evidence.join(", ");
            let also: Vec<&str> = others
                .iter()
                .filter(|o| o.label != primary.label && o.kind.worth_naming_second())
                .take(2)
                .map(|o| o.label.as_str())
                .collect();
            if !also.is_empty() {
                first.push_str(&format!("; also {}", also.join(" and ")));
            }
            sections.push(first);
        }
        None => {
            if let Some(signals) = signal_words(p.metrics) {
                sections.push(signals);
            }
        }
    }
    if let Some((function, phrase)) = &p.reached {
        sections.push(format!("{function} {phrase}"));
    }
    if !p.starts.is_empty() {
        sections.push(format!("starts {}", p.starts.join(", ")));
    }
    if !p.calls.is_empty() {
        sections.push(format!("calls {}", p.calls.join(", ")));
    }
    if let Some(findings) = p.findings.phrase() {
        sections.push(findings);
    }
    if sections.is_empty() {
        sections.push(format!("package {}", p.facts.package));
    }
    sections.join("; ")
}

/// The file's strongest signals in words, for a file of no recognised kind: "locks, channels, loops".
fn signal_words(m: &FileMetrics) -> Option<String> {
    let mut signals: Vec<(u32, &str)> = vec![
        (m.goroutines, "goroutines"),
        (m.locks, "locks"),
        (m.channels, "channels"),
        (m.waitgroups, "WaitGroups"),
        (m.http, "HTTP"),
        (m.json, "JSON"),
        (m.file_io, "file I/O"),
        (m.sdk_calls, "Azure SDK calls"),
        (m.loops, "loops"),
    ];
    signals.retain(|(n, _)| *n > 0);
    // Most frequent first; the order above breaks ties.
    signals.sort_by_key(|s| std::cmp::Reverse(s.0));
    let words: Vec<&str> = signals.iter().take(3).map(|(_, w)| *w).collect();
    (!words.is_empty()).then(|| words.join(", "))
}
