//! A reusable markdown converter (goldmark, glamour) built on every call of a function instead of once.

use crate::context::FileContext;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "cpu/markdown-renderer-per-call",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "markdown converter built on every call",
    why: "goldmark.New registers every block parser, inline parser, paragraph transformer and node renderer of \
          the converter and of each extension; glamour.NewTermRenderer does that and also loads a style sheet \
          and sets up syntax highlighting (glamour.Render and RenderBytes build one per call). That set-up is \
          dozens of allocations before the first byte of markdown is read, and often costs more than converting \
          a short document. Both converters hold no per-document state and serve any number of conversions, \
          from any number of goroutines for goldmark.",
    fix: "Build the converter once, in a package-level variable, a field set by the constructor or a \
          sync.OnceValue, and call its Convert (goldmark) or Render (glamour's TermRenderer, guarded by a mutex \
          if goroutines share it) here.",
    bad: r#"import "github.com/yuin/goldmark"

func toHTML(src []byte, w io.Writer) error {
    md := goldmark.New()
    return md.Convert(src, w)
}"#,
    good: r#"import "github.com/yuin/goldmark"

var markdown = goldmark.New()

func toHTML(src []byte, w io.Writer) error {
    return markdown.Convert(src, w)
}"#,
    applies: "goldmark.New, and glamour's NewTermRenderer, Render, RenderBytes and RenderWithEnvironmentConfig, \
              when the converter is neither returned nor stored (a constructor or a cache keeps it). Not \
              blackfriday or gomarkdown: their parsers and renderers keep per-document state and are meant to be \
              built for each document. Not at package level, in init, in a sync.Once, in main outside its \
              loops, or in _test.go files. Raised to P1 on a hot path (a loop, an HTTP handler).",
};

const GOLDMARK: &str = "github.com/yuin/goldmark";
const GLAMOUR: &str = "github.com/charmbracelet/glamour";

/// glamour's functions that build a renderer, use it once and drop it.
const GLAMOUR_ONE_SHOT: &[&str] = &["Render", "RenderBytes", "RenderWithEnvironmentConfig"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[
        (GOLDMARK, &["New"]),
        (
            GLAMOUR,
            &[
                "NewTermRenderer",
                "Render",
                "RenderBytes",
                "RenderWithEnvironmentConfig",
            ],
        ),
    ]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(per_call) = syntax::built_per_call(call, cx) else {
        return;
    };
    let name = Call::name_of(call, cx);
    let one_shot = GLAMOUR_ONE_SHOT.contains(&name);
    // A converter that is kept (a constructor, a cache) is built once for many documents.
    if !one_shot && syntax::outlives_call(cx, call) {
        return;
    }
    let what = if one_shot {
        format!("glamour.{name} builds a terminal renderer")
    } else if name == "New" {
        "goldmark converter built".to_string()
    } else {
        "glamour renderer built".to_string()
    };
    cx.finding(&META, call)
        .title(format!("{what} {}", per_call.how_often()))
        .on_hot_path_of(call, META.priority.raised())
        .report(out);
}
