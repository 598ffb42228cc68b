//! Static findings moved by a profile: one priority up in a function the profile shows hot, back to the rule's
//! priority where the syntax raised one in a function it shows cold. Each says why in its `because`.

use super::functions::function_costs;
use super::{COLD_SHARE, HOT_SHARE, label, lowers, raises};
use turk_findings::{Finding, Priority};
use turk_go::{DeclaredFunction, FileAnalysis, ScanReport};
use turk_profile::ProfileReport;
use turk_run::format_share;

/// One profile's view of one declared function.
#[derive(Debug, Clone)]
struct Measured {
    report: usize,
    name: String,
    attributed_share: f64,
    cum_share: f64,
}

/// Moves the static findings of `scan` by the profiles and returns, per profile, how many findings it raised
/// and how many it kept at their rule's priority. A finding rises once however many profiles show its function
/// hot, and never in test code or for a style rule (as on a hot path by syntax); a raise is undone only where
/// every profile that measures the finding's cost and reaches the file shows the function cold, and none shows
/// it hot.
pub(crate) fn adjust_findings(
    scan: &mut ScanReport,
    reports: &[(ProfileReport, Vec<String>)],
) -> Vec<(usize, usize)> {
    let mut counts = vec![(0, 0); reports.len()];
    for file in &mut scan.files {
        if file.findings.is_empty() || !reports.iter().any(|(r, _)| r.file(&file.path).is_some()) {
            continue;
        }
        let homes = measure(file, reports);
        let test_code = file.is_test || file.is_test_package;
        for (finding, home) in file.findings.iter_mut().zip(homes) {
            let Some(measured) = home else {
                continue;
            };
            adjust(finding, &measured, reports, test_code, &mut counts);
        }
    }
    counts
}

/// For every finding of `file` in a function: what each profile that reaches the file says of that function (a
/// function the profile does not name holds nothing of it; it goes by its declared name).
fn measure(file: &FileAnalysis, reports: &[(ProfileReport, Vec<String>)]) -> Vec<Option<Vec<Measured>>> {
    let declared: Vec<DeclaredFunction<'_>> = file.declared_functions().collect();
    let costs: Vec<(usize, Vec<_>)> = reports
        .iter()
        .enumerate()
        .filter_map(|(i, (r, _))| Some((i, function_costs(r.file(&file.path)?, &declared))))
        .collect();
    file.findings
        .iter()
        .map(|finding| {
            let home = file.function_at(finding.span.start_line)?;
            let measured = costs
                .iter()
                .map(|(report, costs)| {
                    let cost = costs
                        .iter()
                        .find(|c| c.declared.is_some_and(|d| d.start_line == home.start_line));
                    Measured {
                        report: *report,
                        name: cost.map_or_else(|| home.display_name(), |c| c.name.clone()),
                        attributed_share: cost.map_or(0.0, |c| c.attributed_share),
                        cum_share: cost.map_or(0.0, |c| c.cum_share),
                    }
                })
                .collect();
            Some(measured)
        })
        .collect()
}

/// Moves one finding: up when its function is hot in a profile that raises its kind of cost, back to its
/// rule's priority when the syntax raised it and every profile that measures its cost shows the function cold.
fn adjust(
    finding: &mut Finding,
    measured: &[Measured],
    reports: &[(ProfileReport, Vec<String>)],
    test_code: bool,
    counts: &mut [(usize, usize)],
) {
    let rule = turk_go::rule_meta(finding.origin.id());
    let kind = |m: &Measured| reports[m.report].0.kind;
    let hot: Vec<&Measured> = measured
        .iter()
        .filter(|m| raises(kind(m), finding.category) && m.attributed_share >= HOT_SHARE)
        .collect();
    let may_rise = turk_go::scope::may_rise(finding, test_code);
    if !hot.is_empty() {
        if may_rise && finding.priority != Priority::P0 {
            finding.priority = finding.priority.raised();
            let why = holds(&hot, reports);
            finding.because = if finding.because.is_empty() {
                why
            } else {
                format!("{}; {why}", finding.because)
            };
            for m in &hot {
                counts[m.report].0 += 1;
            }
        }
        return;
    }
    // Undone only where the syntax raised it: `because` says why a priority is above the rule's.
    let Some(rule) = rule.filter(|r| !finding.because.is_empty() && finding.priority < r.priority) else {
        return;
    };
    let judging: Vec<&Measured> = measured
        .iter()
        .filter(|m| lowers(kind(m), finding.category))
        .collect();
    if judging.is_empty() || judging.iter().any(|m| m.cum_share >= COLD_SHARE) {
        return;
    }
    let shares: Vec<String> = judging
        .iter()
        .map(|m| format!("{} of {}", format_share(m.cum_share), label(&reports[m.report].0)))
        .collect();
    finding.because = format!(
        "{}, but the profile shows `{}` cold ({}): not raised",
        finding.because,
        judging[0].name,
        shares.join(", ")
    );
    finding.priority = rule.priority;
    for m in &judging {
        counts[m.report].1 += 1;
    }
}

/// "`Sum` holds 77% of CPU in the profile", "`Sum` holds 77% of CPU and 99% of alloc_space in the profiles";
/// `hot` is not empty.
fn holds(hot: &[&Measured], reports: &[(ProfileReport, Vec<String>)]) -> String {
    let shares: Vec<String> = hot
        .iter()
        .map(|m| {
            format!(
                "{} of {}",
                format_share(m.attributed_share),
                label(&reports[m.report].0)
            )
        })
        .collect();
    let (shares, profiles) = match shares.split_last() {
        Some((last, rest)) if !rest.is_empty() => (format!("{} and {last}", rest.join(", ")), "profiles"),
        _ => (shares.concat(), "profile"),
    };
    format!("`{}` holds {shares} in the {profiles}", hot[0].name)
}
