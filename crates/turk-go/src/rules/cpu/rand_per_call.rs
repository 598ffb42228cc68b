//! A math/rand source (`rand.New(rand.NewSource(...))`) seeded on every call of a function.

use crate::context::FileContext;
use crate::context::children::KindName;
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "cpu/rand-per-call",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "math/rand source built and seeded on every call",
    why: "rand.NewSource allocates a 607-word generator state (about 5 KB) and seeds it by running its seeding \
          function over every word: about 9.5 µs and 5.4 KB per call, against about 19 ns for rand.Intn on the \
          shared source (Go 1.19). A source seeded from the clock on each call also gives correlated streams \
          when calls land in the same clock tick.",
    fix: "Use the package-level functions (rand.Intn, rand.Float64...): safe for concurrent use, and from Go 1.20 \
          seeded randomly and lock-free; or math/rand/v2. When a reproducible or unshared stream is needed, \
          keep one *rand.Rand per worker goroutine or in a field, created once.",
    bad: r#"func jitter(d time.Duration) time.Duration {
    r := rand.New(rand.NewSource(time.Now().UnixNano()))
    return d + time.Duration(r.Int63n(int64(d/10)))
}"#,
    good: r#"func jitter(d time.Duration) time.Duration {
    return d + time.Duration(rand.Int63n(int64(d/10)))
}"#,
    applies: "math/rand's NewSource (alone or inside rand.New) seeded from the clock, when the source is neither \
              returned nor stored (a constructor, a pool or a worker's field keeps it) nor reused by a loop that \
              follows. A seed from the call's data asks for a reproducible stream and is left alone, and so is \
              math/rand/v2, whose sources are small. Not at package level, in init, in a sync.Once, in main or at \
              the top of a goroutine (outside their loops), or in _test.go files. Raised to P1 on a hot path (a \
              loop, an HTTP handler).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("math/rand", &["NewSource"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // A seed taken from the call's data (a name, a number) asks for the same stream on every call: that is
    // what a per-call source is for. A clock seed only asks for randomness, which the shared source gives.
    if !syntax::each_argument(call)
        .next()
        .is_some_and(|seed| reads_clock(seed, cx))
    {
        return;
    }
    let Some(per_call) = syntax::built_per_call(call, cx) else {
        return;
    };
    // `rand.New(rand.NewSource(...))` is kept when the *rand.Rand is (followed by `outlives_call`).
    if syntax::outlives_call(cx, call) {
        return;
    }
    let built = wrapping_rand_new(call, cx).unwrap_or(call);
    if !per_call.in_loop && syntax::reused_in_loop(cx, built) {
        return;
    }
    cx.finding(&META, call)
        .title(format!("math/rand source seeded {}", per_call.how_often()))
        .on_hot_path_of(call, META.priority.raised())
        .report(out);
}

/// Whether the seed calls `time.Now` (`time.Now().UnixNano()`), directly or through a local it was stored in.
fn reads_clock(seed: Node<'_>, cx: &FileContext<'_>) -> bool {
    let calls_now = |expr: Node<'_>| {
        cx.text(expr).contains("Now()")
            && syntax::descendants(expr).any(|n| cx.call_to(n, "time", &["Now"]).is_some())
    };
    let seed = syntax::unparen(seed);
    if seed.kind_name() == "identifier" {
        return cx
            .lookup(cx.text(seed), seed)
            .and_then(|d| d.value)
            .is_some_and(calls_now);
    }
    calls_now(seed)
}

/// The `rand.New(...)` call whose only argument is `source`.
fn wrapping_rand_new<'a>(source: Node<'a>, cx: &FileContext<'a>) -> Option<Node<'a>> {
    let new = source
        .parent()
        .filter(|p| p.kind_name() == "argument_list")?
        .parent()?;
    cx.call_to(new, "math/rand", &["New"]).map(|_| new)
}
