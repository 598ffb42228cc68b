//! `sort.Slice` on a hot path of a module at Go 1.21 or later, where `slices.SortFunc` sorts without reflection.

use crate::context::FileContext;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "cpu/sort-slice",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "sort.Slice on a hot path: slices.SortFunc sorts without reflection",
    why: "sort.Slice takes the slice as an interface value and swaps elements through a swapper built by \
          reflection: 2 allocations (56 bytes) per call for a []int (Go 1.19), and every comparison is an \
          indirect call of the less closure, which indexes the slice again. slices.SortFunc (Go 1.21) is \
          generic: no allocation, no reflection, and the comparison gets the elements themselves.",
    fix: "slices.SortFunc(xs, func(a, b T) int { return cmp.Compare(a.Key, b.Key) }) for sort.Slice, \
          slices.SortStableFunc for sort.SliceStable, and slices.Sort when the elements are ordered themselves.",
    bad: r#"//go:build go1.21

func topN(groups [][]Item, n int) {
    for _, items := range groups {
        sort.Slice(items, func(i, j int) bool { return items[i].Score > items[j].Score })
    }
}"#,
    good: r#"//go:build go1.21

func topN(groups [][]Item, n int) {
    for _, items := range groups {
        slices.SortFunc(items, func(a, b Item) int { return cmp.Compare(b.Score, a.Score) })
    }
}"#,
    applies: "Modules at Go 1.21 or later (slices.SortFunc is there), on a hot path (a loop, an HTTP handler), \
              outside _test.go files. Quiet below Go 1.21 and off hot paths, where one sort's overhead does not \
              matter.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::any_package_calls(&[("sort", &["Slice", "SliceStable"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test || !cx.go_at_least(1, 21) || cx.hot_path(call).is_none() {
        return;
    }
    let (name, instead) = if Call::name_of(call, cx) == "SliceStable" {
        ("SliceStable", "SortStableFunc")
    } else {
        ("Slice", "SortFunc")
    };
    cx.finding(&META, call)
        .title(format!(
            "sort.{name} on a hot path: slices.{instead} sorts without reflection"
        ))
        .report(out);
}
