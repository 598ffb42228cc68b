//! The reviews compared: which findings describe the same problem ([`matching`]), what a static rule confirms,
//! which priority each problem gets ([`priority`]), and the counts a reader wants first. Deterministic: the same
//! run gives the same clusters, in the same order, whatever the order of the answers.

pub mod matching;
pub mod priority;
pub mod similarity;

use matching::{Affinity, Item, affinity};
use similarity::Corpus;
use std::collections::BTreeMap;
use turk_findings::{Finding, Fingerprint, Priority, Span};
use turk_run::{
    Agreement, AuditRun, Cluster, ClusterMember, Corroboration, ReviewStatus, ReviewedFinding, Summary,
};

/// Compares the reviews of `run` and stores the clusters and the summary in it.
pub fn apply(run: &mut AuditRun) {
    let (clusters, summary) = synthesize(run);
    run.clusters = clusters;
    run.summary = summary;
}

/// The clusters of `run`'s reviewer findings, in action-list order, and the summary.
pub fn synthesize(run: &AuditRun) -> (Vec<Cluster>, Summary) {
    let items: Vec<Item<'_>> = run
        .reviewers
        .iter()
        .enumerate()
        .flat_map(|(position, outcome)| {
            outcome.findings.iter().map(move |finding| Item {
                reviewer: position,
                reviewer_id: &outcome.id,
                finding,
            })
        })
        .collect();
    let ran: Vec<&str> = run
        .reviewers
        .iter()
        .filter(|r| r.status != ReviewStatus::Failed)
        .map(|r| r.id.as_str())
        .collect();
    let groups: Vec<Vec<&Item<'_>>> = matching::group(&items)
        .into_iter()
        .map(|members| representative_first(members.iter().map(|&i| &items[i]).collect()))
        .collect();
    let corroborations = corroborate(&run.static_findings, &groups);
    let mut clusters: Vec<Cluster> = groups
        .iter()
        .zip(corroborations)
        .map(|(members, corroborated_by)| cluster(run, members, corroborated_by, &ran))
        .collect();
    clusters.sort_by(|a, b| {
        (
            a.priority,
            scope_rank(run, &a.path).unwrap_or(usize::MAX),
            &a.path,
            a.start_line,
            &a.title,
        )
            .cmp(&(
                b.priority,
                scope_rank(run, &b.path).unwrap_or(usize::MAX),
                &b.path,
                b.start_line,
                &b.title,
            ))
    });
    for (i, cluster) in clusters.iter_mut().enumerate() {
        cluster.id = format!("F{}", i + 1);
    }
    let summary = summary(run, &clusters, &ran);
    (clusters, summary)
}

/// The members with the representative first: verified, most urgent, earliest reviewer in the configuration, then
/// canonical.
fn representative_first<'i, 'a>(mut members: Vec<&'i Item<'a>>) -> Vec<&'i Item<'a>> {
    members.sort_by_key(|m| {
        let f = &m.finding.finding;
        (
            !m.finding.grounding.is_verified(),
            f.priority,
            m.reviewer,
            f.span.clone(),
        )
    });
    members
}

/// One cluster from its members (representative first) and the static findings that confirm it.
fn cluster(
    run: &AuditRun,
    members: &[&Item<'_>],
    corroborated_by: Vec<Corroboration>,
    ran: &[&str],
) -> Cluster {
    let head = &members[0].finding.finding;
    let mut found_by: Vec<(usize, &str)> = members.iter().map(|m| (m.reviewer, m.reviewer_id)).collect();
    found_by.sort_unstable();
    found_by.dedup();
    let mut priorities: BTreeMap<String, Priority> = BTreeMap::new();
    for m in members {
        let entry = priorities
            .entry(m.reviewer_id.to_string())
            .or_insert(m.finding.finding.priority);
        *entry = (*entry).min(m.finding.finding.priority);
    }
    let verified = members.iter().any(|m| m.finding.grounding.is_verified());
    let locations = merged_locations(members.iter().map(|m| &m.finding.finding.span));
    let finders: Vec<(String, Priority)> = found_by
        .iter()
        .map(|(position, id)| {
            (
                run.reviewers[*position].label_or_id().to_string(),
                priorities[*id],
            )
        })
        .collect();
    let mut rules: Vec<String> = corroborated_by.iter().map(|c| c.rule.clone()).collect();
    rules.dedup();
    let (priority, priority_reason) = priority::choose(&priority::Evidence {
        finders: finders.clone(),
        reviewers_ran: ran.len(),
        verified,
        corroborating_rules: rules,
        scope_rank: scope_rank(run, &head.span.path),
    });
    let agreement = if found_by.len() == 1 {
        Agreement::Unique
    } else if ran.len() >= 2 && ran.iter().all(|id| found_by.iter().any(|(_, f)| f == id)) {
        Agreement::Agreed
    } else {
        Agreement::Partial
    };
    let mut distinct: Vec<Priority> = priorities.values().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let priority_split = (distinct.len() > 1).then(|| {
        distinct
            .iter()
            .map(Priority::to_string)
            .collect::<Vec<_>>()
            .join(" vs ")
    });
    let fingerprint = Fingerprint::compute("review", &head.span.path, head.fingerprint.as_str());
    Cluster {
        id: String::new(),
        title: head.title.clone(),
        path: head.span.path.clone(),
        start_line: head.span.start_line,
        end_line: head.span.end_line,
        category: head.category,
        priority,
        priority_reason,
        found_by: found_by.iter().map(|(_, id)| id.to_string()).collect(),
        priorities,
        agreement,
        priority_split,
        verified,
        corroborated_by,
        locations,
        why: head.why.clone(),
        fix: head.fix.clone(),
        members: members
            .iter()
            .map(|m| ClusterMember {
                reviewer: m.reviewer_id.to_string(),
                finding: ReviewedFinding::clone(m.finding),
            })
            .collect(),
        fingerprint,
    }
}

/// The members' spans, overlapping ones merged, in path and line order.
fn merged_locations<'a>(spans: impl Iterator<Item = &'a Span>) -> Vec<Span> {
    let mut spans: Vec<Span> = spans
        .map(|s| Span::lines(s.path.clone(), s.start_line, s.end_line))
        .collect();
    spans.sort();
    let mut merged: Vec<Span> = Vec::new();
    for span in spans {
        match merged.last_mut() {
            Some(last) if last.path == span.path && span.start_line <= last.end_line => {
                last.end_line = last.end_line.max(span.end_line);
            }
            _ => merged.push(span),
        }
    }
    merged
}

/// For each group, the static findings that confirm it. A static finding confirms a group when it lies inside the
/// lines of one of its members and its category is the group's or a related one; when several groups qualify (a
/// wide finding that covers a neighbour's lines), it goes to the one whose words are closest to the rule's, then to
/// the narrowest, so one rule hit never confirms two problems.
fn corroborate(statics: &[Finding], groups: &[Vec<&Item<'_>>]) -> Vec<Vec<Corroboration>> {
    let mut corpus = Corpus::default();
    let heads: Vec<usize> = groups
        .iter()
        .map(|g| {
            let f = &g[0].finding.finding;
            corpus.add(&f.title, &f.why, &f.fix)
        })
        .collect();
    let rules: Vec<usize> = statics
        .iter()
        .map(|s| corpus.add(&s.title, &s.why, &s.fix))
        .collect();
    let mut found: Vec<Vec<Corroboration>> = vec![Vec::new(); groups.len()];
    for (s, finding) in statics.iter().enumerate() {
        let best = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                affinity(finding.category, g[0].finding.finding.category) != Affinity::Unrelated
                    && g.iter().any(|m| m.finding.finding.span.overlaps(&finding.span))
            })
            .map(|(i, g)| {
                let similarity = corpus.vector(heads[i]).cosine(&corpus.vector(rules[s]));
                let width = g
                    .iter()
                    .map(|m| m.finding.finding.span.end_line - m.finding.finding.span.start_line)
                    .min();
                (i, similarity, width)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)).then(b.0.cmp(&a.0)));
        if let Some((i, _, _)) = best {
            found[i].push(Corroboration {
                rule: finding.origin.id().to_string(),
                line: finding.span.start_line,
                fingerprint: finding.fingerprint.clone(),
            });
        }
    }
    for list in &mut found {
        list.sort_by(|a, b| (&a.rule, a.line).cmp(&(&b.rule, b.line)));
    }
    found
}

/// The position of `path` in the scope (0 is the hottest).
pub fn scope_rank(run: &AuditRun, path: &str) -> Option<usize> {
    run.scope.iter().position(|s| s.path == path)
}

fn summary(run: &AuditRun, clusters: &[Cluster], ran: &[&str]) -> Summary {
    let mut only: BTreeMap<String, usize> = run.reviewers.iter().map(|r| (r.id.clone(), 0)).collect();
    for cluster in clusters {
        if let [single] = cluster.found_by.as_slice() {
            *only.entry(single.clone()).or_default() += 1;
        }
    }
    let count = |p: Priority| clusters.iter().filter(|c| c.priority == p).count();
    let corroborating: std::collections::HashSet<&Fingerprint> = clusters
        .iter()
        .flat_map(|c| c.corroborated_by.iter().map(|x| &x.fingerprint))
        .collect();
    Summary {
        unique: clusters.len(),
        both: clusters
            .iter()
            .filter(|c| c.agreement == Agreement::Agreed)
            .count()
            * usize::from(ran.len() >= 2),
        only,
        p0: count(Priority::P0),
        p1: count(Priority::P1),
        p2: count(Priority::P2),
        unverified: clusters.iter().filter(|c| !c.verified).count(),
        corroborated: clusters.iter().filter(|c| !c.corroborated_by.is_empty()).count(),
        static_only: run
            .static_findings
            .iter()
            .filter(|f| !corroborating.contains(&f.fingerprint))
            .count(),
    }
}
