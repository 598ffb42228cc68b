//! Per-file counts that describe what a file does (goroutines, locks, channels, JSON, HTTP, file I/O, SDK
//! calls). They feed the hot-path ranking. They are counted in the same pass over the tree as the rules run.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::Call;
use tree_sitter::Node;
pub use turk_run::FileMetrics;

/// What a node of a kind counts towards; the analyzer looks nodes up by kind in [`KINDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Metric {
    Goroutine,
    Channel,
    /// `<-ch` counts; other unary operators do not.
    Unary,
    QualifiedType,
    Function,
    Loop,
}

/// The node kinds the metrics count. Calls are counted apart ([`FileMetrics::record_call`]): the analyzer takes
/// each call apart once for the metrics and the rules.
pub(crate) const KINDS: &[(&str, Metric)] = &[
    ("go_statement", Metric::Goroutine),
    ("channel_type", Metric::Channel),
    ("send_statement", Metric::Channel),
    ("unary_expression", Metric::Unary),
    ("qualified_type", Metric::QualifiedType),
    ("function_declaration", Metric::Function),
    ("method_declaration", Metric::Function),
    ("for_statement", Metric::Loop),
];

pub(crate) fn record(m: &mut FileMetrics, metric: Metric, node: Node<'_>, cx: &FileContext<'_>) {
    match metric {
        Metric::Goroutine => m.goroutines += 1,
        Metric::Channel => m.channels += 1,
        Metric::Unary => {
            if node.field("operator").is_some_and(|op| op.kind_name() == "<-") {
                m.channels += 1;
            }
        }
        Metric::QualifiedType => record_type(m, node, cx),
        Metric::Function => m.functions += 1,
        Metric::Loop => m.loops += 1,
    }
}

fn record_type(m: &mut FileMetrics, node: Node<'_>, cx: &FileContext<'_>) {
    let (Some(package), Some(name)) = (node.field("package"), node.field("name")) else {
        return;
    };
    let path = cx.imports.path_of(cx.text(package)).unwrap_or("");
    match (path, cx.text(name)) {
        ("sync", "WaitGroup") | ("golang.org/x/sync/errgroup", "Group") => m.waitgroups += 1,
        ("sync", "Mutex" | "RWMutex") => m.locks += 1,
        ("net/http", _) => m.http += 1,
        _ => {}
    }
}

pub(crate) fn record_call(m: &mut FileMetrics, call: &Call<'_>, cx: &FileContext<'_>) {
    // Only `x.Name(...)` counts: a dot-imported call cannot be told from a local function here.
    let Some(operand) = call.recv else {
        return;
    };
    let field = cx.text(call.name);
    let path = (operand.kind_name() == "identifier")
        .then(|| cx.imports.path_of(cx.text(operand)))
        .flatten();
    match path {
        Some("encoding/json") => m.json += 1,
        Some("net/http") => m.http += 1,
        Some("os") if is_file_op(field) => m.file_io += 1,
        Some("io" | "io/ioutil" | "bufio" | "io/fs" | "path/filepath") if is_io_op(field) => m.file_io += 1,
        // Every module of the Azure SDK for Go lives under this path (a prefix test: this runs for every call).
        Some(p) if p.starts_with("github.com/Azure/azure-sdk-for-go") => m.sdk_calls += 1,
        Some(_) => {}
        None => match field {
            "Lock" | "RLock" => m.locks += 1,
            "Add" | "Wait" | "Done" if cx.text(operand).to_ascii_lowercase().contains("wg") => {
                m.waitgroups += 1
            }
            "Do" | "RoundTrip" if cx.text(operand).to_ascii_lowercase().contains("client") => m.http += 1,
            "Decode" | "Encode" if cx.text(operand).to_ascii_lowercase().contains("json") => m.json += 1,
            _ => {}
        },
    }
}

fn is_file_op(name: &str) -> bool {
    matches!(
        name,
        "Open"
            | "OpenFile"
            | "Create"
            | "ReadFile"
            | "WriteFile"
            | "ReadDir"
            | "Remove"
            | "RemoveAll"
            | "Rename"
            | "Stat"
            | "Lstat"
            | "MkdirAll"
            | "Mkdir"
            | "CopyFS"
            | "Chmod"
            | "Truncate"
            | "CreateTemp"
            | "MkdirTemp"
    )
}

fn is_io_op(name: &str) -> bool {
    matches!(
        name,
        "Copy"
            | "CopyN"
            | "CopyBuffer"
            | "ReadAll"
            | "ReadFile"
            | "WriteFile"
            | "ReadDir"
            | "NewReader"
            | "NewWriter"
            | "NewScanner"
            | "NewReaderSize"
            | "NewWriterSize"
            | "Walk"
            | "WalkDir"
            | "Glob"
            | "ReadFull"
            | "WriteString"
    )
}
