//! How alike two findings' words are: the cosine of their TF-IDF vectors.
//!
//! Each finding becomes a bag of terms: the words of its title (counted twice: a title names the problem), its
//! `why` and its `fix`, lower-cased, with code identifiers also split at camel case and underscores
//! (`GetOrLoad` gives `getorload`, `get`, `or`, `load`), common English words dropped and plural/verb endings
//! trimmed (`allocations`, `allocates` → `allocat`; `unclosed` → `clos`). Each term is weighted by how rare it is among all the
//! findings of the run (inverse document frequency): `mutex`, `GetOrLoad` or `singleflight` say much more about
//! which problem is meant than `loop` or `request`, which every other finding uses too. The cosine of two such
//! vectors is 1 for the same words in the same proportions and 0 for no word in common.

use std::collections::HashMap;

/// A finding's terms, weighted. Built by [`Corpus::vector`].
#[derive(Debug, Clone, Default)]
pub struct TermVector {
    weights: Vec<(u32, f64)>,
    norm: f64,
}

/// The terms of every finding of a run, for the document frequencies.
#[derive(Debug, Default)]
pub struct Corpus {
    ids: HashMap<String, u32>,
    document_frequency: Vec<u32>,
    documents: u32,
    bags: Vec<HashMap<u32, f64>>,
}

impl Corpus {
    /// Adds a document (a finding's title, why and fix) and returns its index.
    pub fn add(&mut self, title: &str, why: &str, fix: &str) -> usize {
        let mut bag: HashMap<u32, f64> = HashMap::new();
        for (text, weight) in [(title, 2.0), (why, 1.0), (fix, 1.0)] {
            for term in terms(text) {
                let next = self.ids.len() as u32;
                let id = *self.ids.entry(term).or_insert(next);
                *bag.entry(id).or_default() += weight;
            }
        }
        for id in bag.keys() {
            let id = *id as usize;
            if id >= self.document_frequency.len() {
                self.document_frequency.resize(id + 1, 0);
            }
            self.document_frequency[id] += 1;
        }
        self.documents += 1;
        self.bags.push(bag);
        self.bags.len() - 1
    }

    /// The TF-IDF vector of document `index`, with the frequencies of every document added so far.
    pub fn vector(&self, index: usize) -> TermVector {
        let n = f64::from(self.documents.max(1));
        let mut weights: Vec<(u32, f64)> = self.bags[index]
            .iter()
            .map(|(&id, &tf)| {
                let df = f64::from(self.document_frequency[id as usize]);
                // Smoothed so that a term in every document still counts a little.
                let idf = (1.0 + n / df).ln();
                (id, (1.0 + tf.ln()) * idf)
            })
            .collect();
        weights.sort_unstable_by_key(|(id, _)| *id);
        let norm = weights.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        TermVector { weights, norm }
    }
}

impl TermVector {
    /// Cosine similarity in `[0, 1]`.
    pub fn cosine(&self, other: &TermVector) -> f64 {
        if self.norm == 0.0 || other.norm == 0.0 {
            return 0.0;
        }
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < self.weights.len() && j < other.weights.len() {
            let (a, b) = (self.weights[i], other.weights[j]);
            match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a.1 * b.1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (dot / (self.norm * other.norm)).clamp(0.0, 1.0)
    }
}

/// The terms of a text: words and identifiers, lower-cased and trimmed, camel case split, stop words dropped.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if word.is_empty() {
            continue;
        }
        let parts = identifier_parts(word);
        if parts.len() > 1 {
            push_term(&mut out, &word.to_lowercase());
        }
        for part in parts {
            push_term(&mut out, &part.to_lowercase());
        }
    }
    out
}

fn push_term(out: &mut Vec<String>, word: &str) {
    if word.chars().count() < 2 || word.chars().all(|c| c.is_ascii_digit()) || STOP_WORDS.contains(&word) {
        return;
    }
    out.push(stem(word));
}

/// `GetOrLoad` → `Get`, `Or`, `Load`; `max_open_conns` → `max`, `open`, `conns`; `HTTPClient` → `HTTP`, `Client`.
fn identifier_parts(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for piece in word.split('_').filter(|p| !p.is_empty()) {
        let chars: Vec<(usize, char)> = piece.char_indices().collect();
        let mut start = 0;
        for k in 1..chars.len() {
            let (at, c) = chars[k];
            let prev = chars[k - 1].1;
            let next_lower = chars.get(k + 1).is_some_and(|(_, n)| n.is_lowercase());
            let boundary = (c.is_uppercase() && prev.is_lowercase())
                || (c.is_uppercase() && prev.is_uppercase() && next_lower)
                || (c.is_ascii_digit() != prev.is_ascii_digit());
            if boundary {
                parts.push(&piece[start..at]);
                start = at;
            }
        }
        parts.push(&piece[start..]);
    }
    parts
}

/// Trims common English endings so that `allocates`, `allocated`, `allocating` and `allocations` meet, and a
/// negating `un` so that "unclosed" meets "never closed" and "unbounded" meets "no bound".
fn stem(word: &str) -> String {
    let word = match word.strip_prefix("un") {
        Some(rest) if rest.chars().count() >= 5 => rest,
        _ => word,
    };
    const ENDINGS: [(&str, &str); 9] = [
        ("ations", "at"),
        ("ation", "at"),
        ("ings", ""),
        ("ing", ""),
        ("ies", "y"),
        ("es", ""),
        ("ed", ""),
        ("s", ""),
        ("e", ""),
    ];
    for (suffix, replacement) in ENDINGS {
        if let Some(base) = word.strip_suffix(suffix)
            && base.chars().count() >= 4
        {
            return format!("{base}{replacement}");
        }
    }
    word.to_string()
}

/// Words that carry no information about which problem is meant.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "before", "being", "but", "by", "can", "could", "do", "does", "each", "every", "for", "from",
    "has", "have", "here", "how", "if", "in", "into", "is", "it", "its", "just", "may", "more", "most",
    "much", "must", "no", "not", "of", "on", "once", "one", "only", "or", "other", "our", "out", "over",
    "own", "same", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "use", "used", "uses",
    "using", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "will", "with",
    "would", "you", "your", "instead", "new",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_split_and_kept_whole() {
        let t = terms("GetOrLoad holds c.mu; HTTPClient max_open_conns");
        for expected in [
            "getorload",
            "get",
            "load",
            "hold",
            "mu",
            "httpclient",
            "http",
            "client",
            "conn",
        ] {
            assert!(t.contains(&expected.to_string()), "{expected} missing from {t:?}");
        }
        assert!(!t.contains(&"or".to_string()), "stop word kept: {t:?}");
    }

    #[test]
    fn endings_meet() {
        assert_eq!(stem("allocations"), stem("allocates"));
        assert_eq!(stem("allocating"), stem("allocated"));
        assert_eq!(stem("queries"), stem("query"));
        assert_eq!(stem("caches"), stem("cached"));
        assert_eq!(stem("unclosed"), stem("closed"));
        assert_eq!(stem("unique"), "uniqu");
    }

    #[test]
    fn same_problem_in_other_words_scores_higher_than_another_problem() {
        let mut corpus = Corpus::default();
        let a = corpus.add(
            "GetOrLoad holds the cache mutex across the database load",
            "Every miss runs two queries while c.mu is held, serialising all readers.",
            "Release the lock before load(); use singleflight.",
        );
        let b = corpus.add(
            "Cache mutex held during Postgres round trips in GetOrLoad",
            "c.mu stays locked while load() queries the database.",
            "Load outside the critical section, collapse concurrent misses with singleflight.",
        );
        let c = corpus.add(
            "N+1 queries: one items query per order",
            "ListRecent issues a query per order.",
            "Load all items with one query.",
        );
        let (va, vb, vc) = (corpus.vector(a), corpus.vector(b), corpus.vector(c));
        assert!(va.cosine(&vb) > 0.3, "{}", va.cosine(&vb));
        assert!(
            va.cosine(&vc) < va.cosine(&vb) / 2.0,
            "{} vs {}",
            va.cosine(&vc),
            va.cosine(&vb)
        );
        assert!((va.cosine(&va) - 1.0).abs() < 1e-9);
    }
}
