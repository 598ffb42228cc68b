//! `log.Fatal`/`os.Exit` after a `defer` in the same function whose effect outlives the process: the deferred
//! call never runs, so buffered output, a transaction or a temporary file is left behind. Deferred calls whose
//! work the exit does anyway (closing a file or connection, releasing a mutex, cancelling a context) are not
//! reported.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/exit-with-pending-defers",
    category: Category::Io,
    priority: Priority::P2,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "exit after defer: a deferred flush, commit or clean-up will not run",
    why: "os.Exit (and log.Fatal*, which calls it) ends the process immediately: deferred calls of the current \
          goroutine are not run. What the kernel does at exit anyway is no loss (closing files and connections, \
          releasing flock locks and memory), but what only the deferred call does is lost for good: buffered \
          writers are not flushed (a gzip or zip file is left truncated), files are not synced, transactions are \
          neither committed nor rolled back, temporary files and folders stay behind, a CPU profile is not \
          finished.",
    fix: "Return an error (or an exit code) to the caller and exit only in main after the deferred work has run, \
          e.g. `func main() { if err := run(); err != nil { log.Print(err); os.Exit(1) } }` with the defers in \
          run; or release the resources explicitly before exiting.",
    bad: r#"func main() {
    w := bufio.NewWriter(os.Stdout)
    defer w.Flush()
    if err := write(w); err != nil {
        log.Fatal(err)
    }
}"#,
    good: r#"func main() {
    if err := run(); err != nil {
        log.Fatal(err)
    }
}

func run() error {
    w := bufio.NewWriter(os.Stdout)
    defer w.Flush()
    return write(w)
}"#,
    applies: "The defer must be in the same function as the exit (not in a nested func literal), in a block \
              that encloses the exit call, and do what outlives the process: Flush, Sync, Commit or Rollback (of \
              any value); os.Remove/RemoveAll; pprof.StopCPUProfile or trace.Stop; Close of a writer that \
              buffers, made in the function (gzip, zlib, flate, lzw, zip, tar, multipart, base64/base32/ascii85 \
              encoders); Unlock, Release or Close of a file lock (a receiver named like `flock`, `fileLock`, \
              `lockFile`); or a deferred func literal that does one of these. Close of a file, response body or \
              connection, mutex unlocks and context cancels are not reported: the exit does their work.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("log", &["Fatal", "Fatalf", "Fatalln"]), ("os", &["Exit"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let name = match Call::name_of(call, cx) {
        "Exit" => "os.Exit".to_string(),
        name => format!("log.{name}"),
    };
    let Some(func) = cx.enclosing_function(call) else {
        return;
    };
    let Some(body) = syntax::body(func) else {
        return;
    };
    let Some((defer, deferred)) = pending_defers(body, call).find_map(|d| lasting(d, cx).map(|c| (d, c)))
    else {
        return;
    };
    let line = defer.start_position().row + 1;
    let what = cx.text(deferred).lines().next().unwrap_or("");
    cx.finding(&META, call)
        .title(format!(
            "{name} skips the deferred {what} registered on line {line}"
        ))
        .report(out);
}

/// The `defer` statements of the function with body `body` that run before `call` and sit in a block enclosing
/// it, in source order. Such a defer is a child, before the call, of a node on the way down from the body to the
/// call; that way crosses no func literal, since `call` belongs to this function. Walking down that one path
/// replaces a walk of the whole body.
fn pending_defers<'t>(body: Node<'t>, call: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    let mut path = Vec::new();
    let mut node = Some(body);
    while let Some(n) = node.filter(|n| n.id() != call.id()) {
        path.push(n);
        node = n.child_with_descendant(call);
    }
    path.into_iter().flat_map(move |n| {
        syntax::each_child(n)
            .take_while(move |c| c.end_byte() <= call.start_byte())
            .filter(|c| c.kind_name() == "defer_statement")
    })
}

/// Methods whose effect a process exit does not do for them, on any receiver.
const LASTING_METHODS: &[&str] = &["Flush", "Sync", "Commit", "Rollback"];

/// Constructors of writers that buffer until Close (by import path).
const BUFFERING_WRITERS: &[(&str, &[&str])] = &[
    ("compress/gzip", &["NewWriter", "NewWriterLevel"]),
    (
        "compress/zlib",
        &["NewWriter", "NewWriterLevel", "NewWriterLevelDict"],
    ),
    ("compress/flate", &["NewWriter", "NewWriterDict"]),
    ("compress/lzw", &["NewWriter"]),
    ("archive/zip", &["NewWriter"]),
    ("archive/tar", &["NewWriter"]),
    ("mime/multipart", &["NewWriter"]),
    ("encoding/base64", &["NewEncoder"]),
    ("encoding/base32", &["NewEncoder"]),
    ("encoding/ascii85", &["NewEncoder"]),
];

/// For a `defer` whose call does what outlives the process (see the rule's `applies`), that call (in a deferred
/// func literal, the first such call inside it).
fn lasting<'t>(defer: Node<'t>, cx: &FileContext<'_>) -> Option<Node<'t>> {
    let call = syntax::first_child(defer).filter(|c| c.kind_name() == "call_expression")?;
    let function = call.field("function")?;
    if function.kind_name() == "func_literal" {
        let body = syntax::body(function)?;
        return syntax::descendants(body)
            .find(|n| n.kind_name() == "call_expression" && outlives_process(*n, cx));
    }
    outlives_process(call, cx).then_some(call)
}

fn outlives_process(call: Node<'_>, cx: &FileContext<'_>) -> bool {
    if cx.call_to(call, "os", &["Remove", "RemoveAll"]).is_some()
        || cx.call_to(call, "runtime/pprof", &["StopCPUProfile"]).is_some()
        || cx.call_to(call, "runtime/trace", &["Stop"]).is_some()
    {
        return true;
    }
    let Some((recv, method)) = Call::method(call, cx) else {
        return false;
    };
    if LASTING_METHODS.contains(&method) {
        return true;
    }
    match method {
        "Unlock" | "Release" | "Close" if is_file_lock_name(cx.text(recv)) => true,
        "Close" => buffering_writer(recv, cx),
        _ => false,
    }
}

/// A name that says file lock: `flock`, `fileLock`, `lockFile`, `s.dirLockFile`.
fn is_file_lock_name(text: &str) -> bool {
    let name = text.rsplit('.').next().unwrap_or(text).to_ascii_lowercase();
    name.contains("flock") || (name.contains("lock") && name.contains("file"))
}

/// Whether `recv` is a variable of this function made by a constructor of a buffering writer.
fn buffering_writer(recv: Node<'_>, cx: &FileContext<'_>) -> bool {
    if recv.kind_name() != "identifier" {
        return false;
    }
    cx.lookup(cx.text(recv), recv)
        .and_then(|decl| decl.value)
        .is_some_and(|value| {
            BUFFERING_WRITERS
                .iter()
                .any(|(path, names)| cx.call_to(value, path, names).is_some())
        })
}
