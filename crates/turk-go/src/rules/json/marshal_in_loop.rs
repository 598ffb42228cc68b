//! json.Marshal or Unmarshal called on every loop iteration (json/stream-per-iteration reports an Encoder or
//! Decoder made again over one stream).

use crate::context::FileContext;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

const CALLS: [&str; 3] = ["Marshal", "MarshalIndent", "Unmarshal"];

static META: RuleMeta = RuleMeta {
    id: "json/marshal-in-loop",
    category: Category::Json,
    priority: Priority::P2,
    tier: Tier::Style,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "json.Marshal or Unmarshal called once per loop iteration",
    why: "encoding/json is reflection-driven: every Marshal allocates a fresh output slice and every Unmarshal \
          re-walks the target type, so a loop over many small values spends much of its time in per-call \
          overhead. This is often unavoidable (one message per iteration); it is worth a look when the loop is hot \
          or the values end up in one stream anyway.",
    fix: "When the values go to (or come from) the same stream, create one json.Encoder/Decoder before the loop \
          and call Encode/Decode in it; when they are collected, marshal the whole slice once; otherwise reuse a \
          bytes.Buffer with one Encoder (buf.Reset() per iteration) to avoid a fresh output allocation each time.",
    bad: r#"func writeEvents(w io.Writer, events []Event) error {
    for _, ev := range events {
        b, err := json.Marshal(ev)
        if err != nil {
            return err
        }
        w.Write(append(b, '\n'))
    }
    return nil
}"#,
    good: r#"func writeEvents(w io.Writer, events []Event) error {
    enc := json.NewEncoder(w) // writes one value per line
    for _, ev := range events {
        if err := enc.Encode(ev); err != nil {
            return err
        }
    }
    return nil
}"#,
    applies: "Not in _test.go files, nor when the loop body also does network or file I/O (a file read or \
              written, os.Stdout written, an HTTP request, a SQL statement, a message published or sent on a \
              stream): the encoding is noise next to it. json/stream-per-iteration reports an Encoder or Decoder \
              made again over one stream. A style rule: off unless asked for; encoding each item is usually the \
              work the loop is there to do (an event, a snapshot entry, a reply), and a reused Encoder saves \
              little: it matters only where a profile shows the loop hot.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("encoding/json", &CALLS)]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let Some(loop_node) = cx.enclosing_loop(call) else {
        return;
    };
    // Next to a file read, a request or a write to a connection in the same iteration, the encoding is noise.
    if iteration_does_io(cx, loop_node) {
        return;
    }
    let name = Call::name_of(call, cx);
    cx.finding(&META, call)
        .title(format!("json.{name} called once per loop iteration"))
        .report(out);
}

/// Whether the loop body does network or file I/O on each iteration (see [`syntax::does_io`]); code in func
/// literals (goroutines, callbacks) is not the iteration's.
fn iteration_does_io(cx: &FileContext<'_>, loop_node: Node<'_>) -> bool {
    let Some(body) = syntax::loop_body(loop_node) else {
        return false;
    };
    let mut found = false;
    syntax::walk_same_function(body, &mut |n| {
        found |= syntax::does_io(cx, n);
        !found
    });
    found
}
