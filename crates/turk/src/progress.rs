//! Progress bars on stderr, only when stderr is a terminal (quiet in CI and in pipes).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use turk_go::Progress;

/// A hidden bar when stderr is not a terminal.
pub fn files_bar(label: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{prefix:>12} [{bar:30}] {pos}/{len} files {elapsed}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_prefix(label.to_string());
    bar
}

pub fn on_scan_progress(bar: &ProgressBar, event: Progress) {
    match event {
        Progress::Found(n) => bar.set_length(n as u64),
        Progress::Done => bar.inc(1),
    }
}
