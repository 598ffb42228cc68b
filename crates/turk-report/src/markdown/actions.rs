//! The action list: every unique problem the reviewers reported, grouped P0 / P1 / P2, one action each with where,
//! who found it, what confirms it (a static rule, a profile that shows its function hot) and the fix.

use super::{badge, cluster_locations, found_by_text, profile_quote};
use crate::escape::{code, inline};
use std::fmt::{self, Write};
use turk_findings::Priority;
use turk_run::{AuditRun, Cluster};

pub fn action_list(out: &mut dyn Write, run: &AuditRun) -> fmt::Result {
    if run.clusters.is_empty() {
        return Ok(());
    }
    writeln!(out, "## Action list\n")?;
    writeln!(
        out,
        "Each problem once, however many reviewers reported it, most urgent first (then the hottest files). The \
         priority combines the reviewers' priorities, their agreement, static corroboration, whether the finding \
         held up against the code, and how hot the file is; each action says why.\n"
    )?;
    for priority in Priority::ALL {
        let group: Vec<&Cluster> = run.clusters.iter().filter(|c| c.priority == priority).collect();
        if group.is_empty() {
            continue;
        }
        let heading = match priority {
            Priority::P0 => "fix first",
            Priority::P1 => "fix next",
            Priority::P2 => "when convenient",
        };
        writeln!(out, "### {}: {heading} ({})\n", badge(priority), group.len())?;
        for cluster in group {
            action(out, run, cluster)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn action(out: &mut dyn Write, run: &AuditRun, c: &Cluster) -> fmt::Result {
    let mut facts = vec![found_by_text(run, c)];
    if let Some(split) = &c.priority_split {
        facts.push(format!("priorities {split}"));
    }
    facts.push(if c.verified {
        "✅ verified".to_string()
    } else {
        "⚠️ unverified".to_string()
    });
    if !c.corroborated_by.is_empty() {
        let mut rules: Vec<String> = c.corroborated_by.iter().map(|x| code(&x.rule)).collect();
        rules.dedup();
        facts.push(format!("also flagged by {}", rules.join(", ")));
    }
    facts.extend(profile_quote(run, &c.path, c.start_line));
    writeln!(
        out,
        "- **{}** {} — {} · {}\\",
        c.id,
        inline(&c.title),
        cluster_locations(c),
        facts.join(" · ")
    )?;
    let fix = if c.fix.is_empty() {
        "(no fix suggested)".to_string()
    } else {
        inline(&c.fix)
    };
    writeln!(out, "  **Fix:** {fix}\\")?;
    writeln!(out, "  *Priority:* {}", inline(&c.priority_reason))
}
