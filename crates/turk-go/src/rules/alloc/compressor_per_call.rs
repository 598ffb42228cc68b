//! A compressor (gzip, zlib, flate, zstd) built on every call instead of reset from a pool.

use crate::context::FileContext;
use crate::context::imports::default_name;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "alloc/compressor-per-call",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "compressor built for every item or request",
    why: "A DEFLATE compressor (behind gzip, zlib and flate writers) allocates and zeroes its hash tables and \
          window on first use: compressing a 240-byte payload with a new gzip.Writer took about 500 µs and \
          814 KB in 19 allocations, against about 10 µs and no allocation with one writer Reset onto each new \
          destination (Go 1.19). klauspost's s2 writers allocate a 1 MB block buffer each, and its zstd \
          encoders and decoders allocate their windows and start goroutines up front; all ask to be reused. \
          Built once per item of a loop or once per request, that cost is paid for every message.",
    fix: "Keep writers in a sync.Pool: take one, Reset it onto the new destination (gzip.Writer, zlib.Writer and \
          flate.Writer all have Reset), Close it, and put it back. For zstd, share one Encoder or Decoder: \
          EncodeAll and DecodeAll are safe for concurrent use.",
    bad: r#"func compressAll(msgs [][]byte) [][]byte {
    out := make([][]byte, 0, len(msgs))
    for _, m := range msgs {
        var buf bytes.Buffer
        zw := gzip.NewWriter(&buf)
        zw.Write(m)
        zw.Close()
        out = append(out, buf.Bytes())
    }
    return out
}"#,
    good: r#"func compressAll(msgs [][]byte) [][]byte {
    out := make([][]byte, 0, len(msgs))
    zw := gzip.NewWriter(nil)
    for _, m := range msgs {
        var buf bytes.Buffer
        zw.Reset(&buf)
        zw.Write(m)
        zw.Close()
        out = append(out, buf.Bytes())
    }
    return out
}"#,
    applies: "Writers of compress/gzip, compress/zlib and compress/flate and their klauspost/compress \
              counterparts, klauspost's s2 writers and zstd writers and readers, built in a loop or in an HTTP \
              handler, when the compressor is neither returned nor stored (a pool or a field keeps it). A \
              compressor built once per call elsewhere usually serves a whole stream or file and is not \
              reported. Not in main or at the top of a goroutine (outside their loops), or in _test.go files.",
};

const WRITERS: &[&str] = &["NewWriter", "NewWriterLevel"];
const ZLIB_WRITERS: &[&str] = &["NewWriter", "NewWriterLevel", "NewWriterLevelDict"];
const FLATE_WRITERS: &[&str] = &["NewWriter", "NewWriterDict"];
const ZSTD: &[&str] = &["NewWriter", "NewReader"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[
        ("compress/gzip", WRITERS),
        ("compress/zlib", ZLIB_WRITERS),
        ("compress/flate", FLATE_WRITERS),
        ("github.com/klauspost/compress/gzip", WRITERS),
        ("github.com/klauspost/compress/zlib", ZLIB_WRITERS),
        ("github.com/klauspost/compress/flate", FLATE_WRITERS),
        ("github.com/klauspost/compress/zstd", ZSTD),
        ("github.com/klauspost/compress/s2", &["NewWriter"]),
    ]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(per_call) = syntax::built_per_call(call, cx) else {
        return;
    };
    // Elsewhere a compressor built per call usually carries a whole stream or file.
    if !(per_call.in_loop || per_call.in_handler) || syntax::outlives_call(cx, call) {
        return;
    }
    // The package, as Go names it: gzip, zlib, flate, zstd (whatever the file's alias for it).
    let package = Call::of(call)
        .and_then(|c| c.recv)
        .and_then(|recv| cx.package_of(recv))
        .map_or("compress", default_name);
    let what = if Call::name_of(call, cx) == "NewReader" {
        "reader"
    } else {
        "writer"
    };
    cx.finding(&META, call)
        .title(format!("{package} {what} built {}", per_call.how_often()))
        .on_hot_path_of(call, META.priority.raised())
        .report(out);
}
