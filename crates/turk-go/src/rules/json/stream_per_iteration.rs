//! `json.NewDecoder` or `json.NewEncoder` made again on every loop iteration over the same reader or writer.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "json/stream-per-iteration",
    category: Category::Json,
    priority: Priority::P2,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "json stream made again on every loop iteration over the same reader or writer",
    why: "A json.Decoder reads ahead: it fills its buffer from the reader with as much as the reader gives, then \
          decodes one value from it. Dropping the Decoder after one value throws away what it read past that \
          value, so the next iteration's Decoder starts in the middle of the stream (lost or garbled input). An \
          Encoder made per value on one writer only costs its allocation and state each time, but says the same: \
          the stream is one and wants one coder.",
    fix: "Make the Decoder (or Encoder) once, before the loop, and call Decode (Encode) on it in the loop; \
          `dec.More()` tells whether a stream of values has another one.",
    bad: r#"func readEvents(r io.Reader, handle func(map[string]any)) error {
    for {
        var ev map[string]any
        if err := json.NewDecoder(r).Decode(&ev); err != nil {
            return err
        }
        handle(ev)
    }
}"#,
    good: r#"func readEvents(r io.Reader, handle func(map[string]any)) error {
    dec := json.NewDecoder(r)
    for {
        var ev map[string]any
        if err := dec.Decode(&ev); err != nil {
            return err
        }
        handle(ev)
    }
}"#,
    applies: "Only when the reader or writer is the same value on every iteration: a variable (or a field of one) \
              declared outside the loop and not assigned in it, or a package-level variable. P1 for a Decoder \
              (input is lost), P2 for an Encoder. Not in _test.go files.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("encoding/json", &["NewEncoder", "NewDecoder"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let Some(loop_node) = cx.enclosing_loop(call) else {
        return;
    };
    let Some(stream) = syntax::each_argument(call).next() else {
        return;
    };
    if !same_every_iteration(stream, loop_node, cx) {
        return;
    }
    let finding = cx.finding(&META, call);
    if Call::name_of(call, cx) == "NewDecoder" {
        finding
            .title("json.NewDecoder on the same reader every iteration: buffered input can be lost")
            .priority(Priority::P1)
    } else {
        finding.title("json.NewEncoder on the same writer every iteration")
    }
    .report(out);
}

/// Whether the stream expression names the same value on every iteration: a variable (or a field of one)
/// declared outside the loop and not assigned inside it, or a package-level variable of another file.
fn same_every_iteration(expr: Node<'_>, loop_node: Node<'_>, cx: &FileContext<'_>) -> bool {
    let expr = syntax::unparen(expr);
    match expr.kind_name() {
        "identifier" => match cx.lookup(cx.text(expr), expr) {
            Some(decl) => {
                syntax::declared_outside(&decl, loop_node)
                    && !syntax::loop_body(loop_node)
                        .is_some_and(|body| syntax::written_in(cx, decl.name, body))
            }
            // A package-level variable of another file, or a package qualifier is not an identifier here.
            None => cx.imports.path_of(cx.text(expr)).is_none(),
        },
        "selector_expression" => expr
            .field("operand")
            .is_some_and(|o| same_every_iteration(o, loop_node, cx) || cx.names_an_import(o)),
        _ => false,
    }
}
