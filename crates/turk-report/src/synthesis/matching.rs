//! Which reviewer findings describe the same problem.
//!
//! Two findings are candidates when they name the same file and their line ranges overlap or lie within
//! [`NEAR_LINES`] of each other. A candidate pair matches when its score — the cosine of the findings' words (see
//! [`super::similarity`]) plus up to 0.1 for how much the line ranges overlap — reaches a threshold that depends on
//! the categories: [`SAME_CATEGORY`] for the same category, [`RELATED_CATEGORY`] for related ones (`io`/`http`/
//! `azure`; `allocation`/`cpu`/`json`; `other` with anything), [`OTHER_CATEGORY`] otherwise, so two different problems on one line (a
//! lock held across a query and the query's N+1 pattern) stay apart unless their words say the same thing.
//!
//! 1. Repeats inside one reviewer's answers (the same problem reported from two requests) merge first: same file,
//!    overlapping lines, and a match as above with a score of at least [`REPEAT`].
//! 2. Across reviewers, candidate pairs are taken best score first; a pair joins two groups only when no reviewer
//!    would then appear twice, so the assignment is one-to-one per reviewer. Ties are broken by a canonical order
//!    of the findings (reviewer id, path, lines, text), never by the order of the answers, so the same findings
//!    give the same clusters however they arrive.

use super::similarity::{Corpus, TermVector};
use turk_findings::Category;
use turk_run::ReviewedFinding;

/// Line ranges this far apart (or closer) may describe the same code.
pub const NEAR_LINES: u32 = 3;
/// Score needed to match findings of the same category.
pub const SAME_CATEGORY: f64 = 0.25;
/// Score needed across related categories.
pub const RELATED_CATEGORY: f64 = 0.30;
/// Score needed across unrelated categories.
pub const OTHER_CATEGORY: f64 = 0.45;
/// Score needed to merge two findings of the same reviewer as repeats: a model describing one problem twice (from
/// two requests) reuses its own words, while two different problems it reports on overlapping lines share only
/// the vocabulary of the code around them.
pub const REPEAT: f64 = 0.35;

/// A reviewer finding as the matcher sees it.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// Position of the reviewer in the configuration.
    pub reviewer: usize,
    pub reviewer_id: &'a str,
    pub finding: &'a ReviewedFinding,
}

/// Groups `items` into problems: each group holds the indexes (into `items`) of one problem's findings, at most one
/// reviewer's repeats plus one group of repeats per other reviewer. Groups come in canonical order.
pub fn group(items: &[Item<'_>]) -> Vec<Vec<usize>> {
    let order = canonical_order(items);
    // Built in canonical order too, so that not even the order of floating-point sums depends on the input.
    let mut corpus = Corpus::default();
    let mut document = vec![0; items.len()];
    for &i in &order {
        let f = &items[i].finding.finding;
        document[i] = corpus.add(&f.title, &f.why, &f.fix);
    }
    let vectors: Vec<TermVector> = document.iter().map(|&d| corpus.vector(d)).collect();
    let score = |a: usize, b: usize| pair_score(&items[a], &items[b], &vectors[a], &vectors[b]);

    let mut groups = UnionFind::new(items.len(), items.iter().map(|i| i.reviewer));
    // 1. Repeats within one reviewer.
    for (x, &a) in order.iter().enumerate() {
        for &b in &order[x + 1..] {
            if items[a].reviewer == items[b].reviewer
                && overlap(&items[a], &items[b]) > 0
                && score(a, b).is_some_and(|s| s >= REPEAT)
            {
                groups.union(a, b);
            }
        }
    }
    // 2. Across reviewers, best pairs first.
    let rank: Vec<usize> = {
        let mut rank = vec![0; items.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        rank
    };
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (x, &a) in order.iter().enumerate() {
        for &b in &order[x + 1..] {
            if items[a].reviewer != items[b].reviewer
                && let Some(s) = score(a, b)
            {
                pairs.push((s, a, b));
            }
        }
    }
    pairs.sort_by(|p, q| {
        q.0.total_cmp(&p.0)
            .then_with(|| rank[p.1].cmp(&rank[q.1]))
            .then_with(|| rank[p.2].cmp(&rank[q.2]))
    });
    for (_, a, b) in pairs {
        groups.union_if_disjoint(a, b);
    }

    let mut by_root: Vec<(usize, Vec<usize>)> = Vec::new();
    for &i in &order {
        let root = groups.find(i);
        match by_root.iter_mut().find(|(r, _)| *r == root) {
            Some((_, members)) => members.push(i),
            None => by_root.push((root, vec![i])),
        }
    }
    by_root.into_iter().map(|(_, members)| members).collect()
}

/// The score of a candidate pair, or None when it is not a match.
fn pair_score(a: &Item<'_>, b: &Item<'_>, va: &TermVector, vb: &TermVector) -> Option<f64> {
    let (fa, fb) = (&a.finding.finding, &b.finding.finding);
    if fa.span.path != fb.span.path || gap(a, b) > NEAR_LINES {
        return None;
    }
    let shorter = (fa.span.end_line - fa.span.start_line).min(fb.span.end_line - fb.span.start_line) + 1;
    let overlap_share = f64::from(overlap(a, b)) / f64::from(shorter);
    let score = va.cosine(vb) + 0.1 * overlap_share;
    let threshold = match affinity(fa.category, fb.category) {
        Affinity::Same => SAME_CATEGORY,
        Affinity::Related => RELATED_CATEGORY,
        Affinity::Unrelated => OTHER_CATEGORY,
    };
    (score >= threshold).then_some(score)
}

/// How close two categories are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Same,
    Related,
    Unrelated,
}

/// Same category; related (network and file I/O: `io`, `http`, `azure`; work per call: `allocation`, `cpu`,
/// `json`; and `other`, a category a model named that turk does not know, which could be any of them); or
/// unrelated.
pub fn affinity(a: Category, b: Category) -> Affinity {
    let family = |c: Category| match c {
        Category::Io | Category::Http | Category::Azure => 1,
        Category::Allocation | Category::Cpu | Category::Json => 2,
        _ => 3,
    };
    if a == b {
        Affinity::Same
    } else if a == Category::Other || b == Category::Other || family(a) == family(b) {
        Affinity::Related
    } else {
        Affinity::Unrelated
    }
}

/// Lines the two ranges share (0 when they do not overlap).
fn overlap(a: &Item<'_>, b: &Item<'_>) -> u32 {
    let (sa, sb) = (&a.finding.finding.span, &b.finding.finding.span);
    let start = sa.start_line.max(sb.start_line);
    let end = sa.end_line.min(sb.end_line);
    if end >= start { end - start + 1 } else { 0 }
}

/// Lines between the two ranges (0 when they overlap or touch).
fn gap(a: &Item<'_>, b: &Item<'_>) -> u32 {
    let (sa, sb) = (&a.finding.finding.span, &b.finding.finding.span);
    if sa.end_line < sb.start_line {
        sb.start_line - sa.end_line - 1
    } else if sb.end_line < sa.start_line {
        sa.start_line - sb.end_line - 1
    } else {
        0
    }
}

/// Indexes of `items` sorted by what they say, not by where they came in the answers.
fn canonical_order(items: &[Item<'_>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        let (ia, ib) = (&items[a], &items[b]);
        let (fa, fb) = (&ia.finding.finding, &ib.finding.finding);
        (
            ia.reviewer_id,
            &fa.span,
            &fa.title,
            &fa.why,
            &fa.fix,
            fa.priority,
            fa.category,
        )
            .cmp(&(
                ib.reviewer_id,
                &fb.span,
                &fb.title,
                &fb.why,
                &fb.fix,
                fb.priority,
                fb.category,
            ))
            .then(a.cmp(&b))
    });
    order
}

/// Disjoint sets of findings that also know which reviewers each set holds.
struct UnionFind {
    parent: Vec<usize>,
    /// Per root: a bit per reviewer position (reviewers beyond 127 share the last bit, which only makes the
    /// one-to-one check stricter).
    reviewers: Vec<u128>,
}

impl UnionFind {
    fn new(n: usize, reviewer_of: impl Iterator<Item = usize>) -> Self {
        UnionFind {
            parent: (0..n).collect(),
            reviewers: reviewer_of.map(|r| 1u128 << r.min(127)).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index stays the root, so roots do not depend on the order of the unions.
            let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[child] = root;
            self.reviewers[root] |= self.reviewers[child];
        }
    }

    /// Joins the groups of `a` and `b` unless they already share a reviewer (or are the same group).
    fn union_if_disjoint(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb && self.reviewers[ra] & self.reviewers[rb] == 0 {
            self.union(ra, rb);
        }
    }
}
