//! Per-file counts that describe what a file does (goroutines, locks, channels, JSON, HTTP, file I/O, SDK
//! calls). They feed the hot-path ranking. The patterns below run in the same combined query as the rules.

use crate::context::FileContext;
use crate::rules::Captures;
use serde::{Deserialize, Serialize};

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

/// Patterns, in order; `record` is told which matched.
pub const QUERY: &str = r#"
(go_statement) @go
(call_expression function: (selector_expression operand: (_) @operand field: (field_identifier) @field)) @call
[(channel_type) (send_statement) (unary_expression operator: "<-")] @chan
(qualified_type package: (package_identifier) @package name: (type_identifier) @name) @type
[(function_declaration) (method_declaration)] @func
(for_statement) @loop
(call_expression function: (identifier) @field) @call
"#;

/// Metrics patterns that are calls: their matches are also handed to the rules that asked for calls by name.
pub(crate) const QUALIFIED_CALL_PATTERN: usize = 1;
pub(crate) const UNQUALIFIED_CALL_PATTERN: usize = 6;

impl FileMetrics {
    pub(crate) fn record(&mut self, m: &Captures<'_, '_>, cx: &FileContext<'_>) {
        match m.pattern {
            0 => self.goroutines += 1,
            1 => self.record_call(m, cx),
            2 => self.channels += 1,
            3 => {
                let path = cx.imports.path_of(cx.text(m.node("package"))).unwrap_or("");
                match (path, cx.text(m.node("name"))) {
                    ("sync", "WaitGroup") | ("golang.org/x/sync/errgroup", "Group") => self.waitgroups += 1,
                    ("sync", "Mutex" | "RWMutex") => self.locks += 1,
                    ("net/http", _) => self.http += 1,
                    _ => {}
                }
            }
            4 => self.functions += 1,
            5 => self.loops += 1,
            _ => {}
        }
    }

    fn record_call(&mut self, m: &Captures<'_, '_>, cx: &FileContext<'_>) {
        let field = cx.text(m.node("field"));
        let operand = m.node("operand");
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
