//! The priority of a unique problem, from everything known about it.
//!
//! ```text
//! score = the mean of the finders' priorities (P0 = 3, P1 = 2, P2 = 1)
//!       + 0.5  when every reviewer that ran found it (two or more reviewers)
//!       + 0.5  when a static rule flags the same lines and kind of problem
//!       + 0.25 when the file is one of the three hottest of the scope
//!       - 1    when no finder's report held up against the code (unverified)
//! priority = P0 from 2.75, P1 from 1.75, else P2
//! ```
//! and then two limits: the result is never more urgent than the most urgent finder said, and an unverified
//! problem that one reviewer alone reported is never P0.
//!
//! So two reviewers who both say P0 give P0; P0 against P1 gives P0 (2.5 + 0.5); P0 against P2 gives P1, or P0
//! when a rule or the file's heat backs it; one reviewer's verified P1 stays P1; one reviewer's unverified P1
//! drops to P2.

use turk_findings::Priority;

/// P0 from this score.
pub const P0_FROM: f64 = 2.75;
/// P1 from this score.
pub const P1_FROM: f64 = 1.75;
/// Files at these scope ranks (0-based) count as the hottest.
pub const HOTTEST_FILES: usize = 3;

/// What the priority of one problem is chosen from.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// Each finder's label and priority.
    pub finders: Vec<(String, Priority)>,
    /// How many reviewers ran (did not fail entirely).
    pub reviewers_ran: usize,
    pub verified: bool,
    /// Rules that flag the same place.
    pub corroborating_rules: Vec<String>,
    /// Position of the file in the scope (0 is the hottest); None when it is not in scope.
    pub scope_rank: Option<usize>,
}

/// The chosen priority and the reason, in words.
pub fn choose(e: &Evidence) -> (Priority, String) {
    let weight = |p: Priority| match p {
        Priority::P0 => 3.0,
        Priority::P1 => 2.0,
        Priority::P2 => 1.0,
    };
    let mean = e.finders.iter().map(|(_, p)| weight(*p)).sum::<f64>() / e.finders.len().max(1) as f64;
    let by_all = e.reviewers_ran >= 2 && e.finders.len() >= e.reviewers_ran;
    let corroborated = !e.corroborating_rules.is_empty();
    let hottest = e.scope_rank.is_some_and(|r| r < HOTTEST_FILES);
    let mut score = mean;
    let mut because = Vec::new();
    because.push(
        e.finders
            .iter()
            .map(|(label, p)| format!("{p} from {label}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    if by_all {
        score += 0.5;
        because.push(if e.reviewers_ran == 2 {
            "found by both".to_string()
        } else {
            "found by every reviewer".to_string()
        });
    }
    if corroborated {
        score += 0.5;
        because.push(format!("also flagged by {}", e.corroborating_rules.join(", ")));
    }
    if hottest {
        score += 0.25;
        because.push("in one of the three hottest files".to_string());
    }
    if !e.verified {
        score -= 1.0;
        because.push("not verified against the code".to_string());
    }
    let mut priority = if score >= P0_FROM {
        Priority::P0
    } else if score >= P1_FROM {
        Priority::P1
    } else {
        Priority::P2
    };
    let most_urgent = e.finders.iter().map(|(_, p)| *p).min().unwrap_or(Priority::P2);
    if priority < most_urgent {
        priority = most_urgent;
    }
    if priority == Priority::P0 && !e.verified && e.finders.len() < 2 {
        priority = Priority::P1;
        because.push("an unverified report from one reviewer is never P0".to_string());
    }
    (
        priority,
        format!("{} → score {score:.2} → {priority}", because.join("; ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Priority::*;

    fn evidence(
        finders: &[Priority],
        ran: usize,
        verified: bool,
        rules: &[&str],
        rank: Option<usize>,
    ) -> Evidence {
        Evidence {
            finders: finders
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("R{i}"), *p))
                .collect(),
            reviewers_ran: ran,
            verified,
            corroborating_rules: rules.iter().map(|r| r.to_string()).collect(),
            scope_rank: rank,
        }
    }

    #[test]
    fn agreement_and_disagreement() {
        assert_eq!(choose(&evidence(&[P0, P0], 2, true, &[], Some(9))).0, P0);
        assert_eq!(choose(&evidence(&[P0, P1], 2, true, &[], Some(9))).0, P0);
        assert_eq!(choose(&evidence(&[P0, P2], 2, true, &[], Some(9))).0, P1);
        assert_eq!(choose(&evidence(&[P0, P2], 2, true, &["conc/x"], Some(9))).0, P0);
        assert_eq!(choose(&evidence(&[P1, P2], 2, true, &[], None)).0, P1);
        assert_eq!(choose(&evidence(&[P2, P2], 2, true, &["r/x"], Some(0))).0, P2);
    }

    #[test]
    fn never_more_urgent_than_the_most_urgent_finder() {
        let (p, reason) = choose(&evidence(&[P1, P1], 2, true, &["conc/x"], Some(0)));
        assert_eq!(p, P1, "{reason}");
    }

    #[test]
    fn one_unverified_voice_never_makes_p0() {
        assert_eq!(choose(&evidence(&[P0], 2, false, &[], Some(5))).0, P1);
        let (p, reason) = choose(&evidence(&[P0], 2, false, &["conc/x"], Some(0)));
        assert_eq!(p, P1);
        assert!(reason.contains("never P0"), "{reason}");
        assert_eq!(choose(&evidence(&[P1], 2, false, &[], None)).0, P2);
        assert_eq!(choose(&evidence(&[P0], 2, true, &[], None)).0, P0);
    }

    #[test]
    fn the_reason_names_every_factor() {
        let (_, reason) = choose(&evidence(&[P0, P1], 2, true, &["conc/lock"], Some(1)));
        for part in [
            "P0 from R0",
            "P1 from R1",
            "found by both",
            "conc/lock",
            "hottest",
            "→ P0",
        ] {
            assert!(reason.contains(part), "{part} missing: {reason}");
        }
    }
}
