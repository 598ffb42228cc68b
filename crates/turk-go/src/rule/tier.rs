//! Rule tiers: what a rule's findings are worth to performance work, which decides whether it runs by default.

/// What kind of problem a rule finds. Performance and correctness rules run by default (in `turk scan` and the
/// audit); style rules only when asked for (`turk scan --all`, `scan.all` or `rules.enable` in turk.yaml, or by
/// naming them with `--rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Tier {
    /// A cost: allocation, CPU, I/O, or concurrency that serialises or spins.
    Performance,
    /// A defect that matters to performance work: a leak, a race, a deadlock, a lost cancellation, error or bound.
    Correctness,
    /// Idiom or tidiness: true, but rarely worth a change on its own.
    Style,
}

impl Tier {
    /// Every tier, in the order of the docs.
    pub const ALL: [Tier; 3] = [Tier::Performance, Tier::Correctness, Tier::Style];

    /// The name in docs, `turk rules` and JSON: `performance`.
    pub fn name(self) -> &'static str {
        match self {
            Tier::Performance => "performance",
            Tier::Correctness => "correctness",
            Tier::Style => "style",
        }
    }

    /// What the tier holds, for the docs.
    pub fn description(self) -> &'static str {
        match self {
            Tier::Performance => {
                "a cost on the running program: allocation, CPU, I/O, or concurrency that serialises or spins"
            }
            Tier::Correctness => {
                "a defect that matters to performance work: a leak, a race, a deadlock, a lost cancellation, \
                 error or bound"
            }
            Tier::Style => "idiom or tidiness: true, but rarely worth a change on its own",
        }
    }

    /// Whether rules of this tier run when no rule is named: every tier but style.
    pub fn on_by_default(self) -> bool {
        self != Tier::Style
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
