//! Progress of the reviews: a bar per reviewer on a terminal; in a log (CI, a pipe), one line per request done,
//! failed, or waiting for a retry, so a slow or failing endpoint is never silent.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use turk_models::{ProgressEvent, ProgressFn, ReviewerConfig};

pub struct ReviewProgress {
    sink: Arc<Sink>,
}

enum Sink {
    Bars {
        multi: MultiProgress,
        bars: HashMap<String, ProgressBar>,
    },
    /// Requests done and planned, per reviewer.
    Lines(Mutex<HashMap<String, (usize, usize)>>),
}

impl ReviewProgress {
    pub fn new(reviewers: &[ReviewerConfig]) -> Self {
        if !std::io::stderr().is_terminal() {
            return ReviewProgress {
                sink: Arc::new(Sink::Lines(Mutex::new(HashMap::new()))),
            };
        }
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos}/{len} requests {msg}")
            .expect("valid template")
            .progress_chars("=> ");
        let bars = reviewers
            .iter()
            .map(|r| {
                let bar = multi.add(ProgressBar::new(0));
                bar.set_style(style.clone());
                bar.set_prefix(r.display_label().to_string());
                (r.id.clone(), bar)
            })
            .collect();
        ReviewProgress {
            sink: Arc::new(Sink::Bars { multi, bars }),
        }
    }

    /// The callback the reviews report to.
    pub fn callback(&self) -> ProgressFn {
        let sink = self.sink.clone();
        Arc::new(move |event| sink.on(event))
    }

    /// Clears the bars (also after Ctrl-C, so the terminal is left clean).
    pub fn finish(&self) {
        if let Sink::Bars { multi, bars } = &*self.sink {
            for bar in bars.values() {
                bar.finish_and_clear();
            }
            let _ = multi.clear();
        }
    }
}

impl Sink {
    fn on(&self, event: ProgressEvent) {
        match self {
            Sink::Bars { bars, .. } => on_bar(bars, event),
            Sink::Lines(counts) => {
                if let Some(line) = log_line(&mut counts.lock().unwrap_or_else(|e| e.into_inner()), event) {
                    eprintln!("{line}");
                }
            }
        }
    }
}

fn on_bar(bars: &HashMap<String, ProgressBar>, event: ProgressEvent) {
    let bar = |id: &str| bars.get(id).cloned().unwrap_or_else(ProgressBar::hidden);
    match event {
        ProgressEvent::Planned { reviewer, chunks } => bar(&reviewer).set_length(chunks as u64),
        ProgressEvent::ChunkDone { reviewer, .. } => bar(&reviewer).inc(1),
        ProgressEvent::ChunkFailed { reviewer, error } => {
            let bar = bar(&reviewer);
            bar.inc(1);
            bar.set_message(format!("failed: {error}"));
        }
        ProgressEvent::Retrying {
            reviewer,
            attempt,
            max_retries,
            wait_ms,
            reason,
            ..
        } => bar(&reviewer).set_message(format!(
            "retry {attempt}/{max_retries} in {:.1} s: {reason}",
            wait_ms as f64 / 1000.0
        )),
        _ => {}
    }
}

/// The log line for an event: `codex: request 3/35 done`, `codex: request 3/35 failed: …`,
/// `codex: request 3/35: retry 1/1 in 1.0 s: connection refused at …`.
fn log_line(counts: &mut HashMap<String, (usize, usize)>, event: ProgressEvent) -> Option<String> {
    match event {
        ProgressEvent::Planned { reviewer, chunks } => {
            counts.insert(reviewer.clone(), (0, chunks));
            let noun = if chunks == 1 { "request" } else { "requests" };
            Some(format!("{reviewer}: {chunks} {noun} planned"))
        }
        ProgressEvent::ChunkDone { reviewer, cached } => {
            let (done, planned) = counts.entry(reviewer.clone()).or_default();
            *done += 1;
            let how = if cached { "answered from the cache" } else { "done" };
            Some(format!("{reviewer}: request {done}/{planned} {how}"))
        }
        ProgressEvent::ChunkFailed { reviewer, error } => {
            let (done, planned) = counts.entry(reviewer.clone()).or_default();
            *done += 1;
            Some(format!("{reviewer}: request {done}/{planned} failed: {error}"))
        }
        ProgressEvent::Retrying {
            reviewer,
            request,
            requests,
            attempt,
            max_retries,
            wait_ms,
            reason,
        } => Some(format!(
            "{reviewer}: request {request}/{requests}: retry {attempt}/{max_retries} in {:.1} s: {reason}",
            wait_ms as f64 / 1000.0
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_gets_a_line_per_request_and_per_retry() {
        let mut counts = HashMap::new();
        let lines: Vec<String> = [
            ProgressEvent::Planned {
                reviewer: "codex".into(),
                chunks: 2,
            },
            ProgressEvent::Retrying {
                reviewer: "codex".into(),
                request: 1,
                requests: 2,
                attempt: 1,
                max_retries: 1,
                wait_ms: 1000,
                reason: "connection refused at http://127.0.0.1:1/v1".into(),
            },
            ProgressEvent::ChunkDone {
                reviewer: "codex".into(),
                cached: false,
            },
            ProgressEvent::ChunkFailed {
                reviewer: "codex".into(),
                error: "timed out".into(),
            },
        ]
        .into_iter()
        .filter_map(|e| log_line(&mut counts, e))
        .collect();
        assert_eq!(
            lines,
            [
                "codex: 2 requests planned",
                "codex: request 1/2: retry 1/1 in 1.0 s: connection refused at http://127.0.0.1:1/v1",
                "codex: request 1/2 done",
                "codex: request 2/2 failed: timed out",
            ]
        );
    }
}
