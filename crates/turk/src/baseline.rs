//! `turk scan --baseline FILE` and `--write-baseline FILE`: the baseline file read with errors that name it,
//! written atomically, and applied to a scan.

use anyhow::{Result, anyhow};
use std::path::Path;
use turk_findings::Baseline;
use turk_go::ScanReport;

/// Reads the baseline at `path`. A missing, unreadable or malformed file is an error naming it.
pub fn read(path: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            anyhow!(
                "{}: no such baseline file (write one with `turk scan PATH --write-baseline {}`)",
                path.display(),
                path.display()
            )
        } else {
            anyhow!("{}: cannot read the baseline: {err}", path.display())
        }
    })?;
    Baseline::parse(&text).map_err(|err| anyhow!("{}: {err}", path.display()))
}

/// Writes the baseline of every finding in `report` to `path`; returns how many it holds.
pub fn write(path: &Path, report: &ScanReport) -> Result<usize> {
    let baseline = Baseline::from_findings(report.findings());
    crate::fsutil::write_file(path, baseline.to_json().as_bytes())?;
    Ok(baseline.len())
}

/// Removes from `report` the findings the baseline accepts; returns how many were hidden.
pub fn hide(report: &mut ScanReport, baseline: &Baseline) -> usize {
    let mut hidden = 0;
    for file in &mut report.files {
        let before = file.findings.len();
        file.findings.retain(|f| !baseline.contains(&f.fingerprint));
        hidden += before - file.findings.len();
    }
    hidden
}
