//! Per-file counts that describe what a file does (goroutines, locks, channels, JSON, HTTP, file I/O, SDK
//! calls). They feed the hot-path ranking. They are counted in the same pass over the tree as the rules run.

use crate::context::FileContext;
use crate::rules::Call;
use serde::{Deserialize, Serialize};
use tree_sitter::Node;

/// Counts for one file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMetrics {
    pub lines: u32,
    pub functions: u32,
    pub loops: u32,
    pub goroutines: u32,
    /// `Lock`/`RLock` calls and `sync.Mutex`/`sync.RWMutex` declarations.
    pub locks: u32,
    /// Channel types, sends and receives.
    pub channels: u32,
    /// `sync.WaitGroup` and `errgroup.Group` uses.
    pub waitgroups: u32,
    pub json: u32,
    pub http: u32,
    pub file_io: u32,
    /// Calls into the Azure SDK for Go.
    pub sdk_calls: u32,
}

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

impl FileMetrics {
    pub(crate) fn record(&mut self, metric: Metric, node: Node<'_>, cx: &FileContext<'_>) {
        match metric {
            Metric::Goroutine => self.goroutines += 1,
            Metric::Channel => self.channels += 1,
            Metric::Unary => {
                if node
                    .child_by_field_name("operator")
                    .is_some_and(|op| op.kind() == "<-")
                {
                    self.channels += 1;
                }
            }
            Metric::QualifiedType => self.record_type(node, cx),
            Metric::Function => self.functions += 1,
            Metric::Loop => self.loops += 1,
        }
    }

    fn record_type(&mut self, node: Node<'_>, cx: &FileContext<'_>) {
        let (Some(package), Some(name)) = (
            node.child_by_field_name("package"),
            node.child_by_field_name("name"),
        ) else {
            return;
        };
        let path = cx.imports.path_of(cx.text(package)).unwrap_or("");
        match (path, cx.text(name)) {
            ("sync", "WaitGroup") | ("golang.org/x/sync/errgroup", "Group") => self.waitgroups += 1,
            ("sync", "Mutex" | "RWMutex") => self.locks += 1,
            ("net/http", _) => self.http += 1,
            _ => {}
        }
    }

    pub(crate) fn record_call(&mut self, call: &Call<'_>, cx: &FileContext<'_>) {
        // Only `x.Name(...)` counts: a dot-imported call cannot be told from a local function here.
        let Some(operand) = call.recv else {
            return;
        };
        let field = cx.text(call.name);
        let path = (operand.kind() == "identifier")
            .then(|| cx.imports.path_of(cx.text(operand)))
            .flatten();
        match path {
            Some("encoding/json") => self.json += 1,
            Some("net/http") => self.http += 1,
            Some("os") if is_file_op(field) => self.file_io += 1,
            Some("io" | "io/ioutil" | "bufio" | "io/fs" | "path/filepath") if is_io_op(field) => {
                self.file_io += 1
            }
            Some(p) if p.contains("Azure/azure-sdk-for-go") => self.sdk_calls += 1,
            Some(_) => {}
            None => match field {
                "Lock" | "RLock" => self.locks += 1,
                "Add" | "Wait" | "Done" if cx.text(operand).to_ascii_lowercase().contains("wg") => {
                    self.waitgroups += 1
                }
                "Do" | "RoundTrip" if cx.text(operand).to_ascii_lowercase().contains("client") => {
                    self.http += 1
                }
                "Decode" | "Encode" if cx.text(operand).to_ascii_lowercase().contains("json") => {
                    self.json += 1
                }
                _ => {}
            },
        }
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
