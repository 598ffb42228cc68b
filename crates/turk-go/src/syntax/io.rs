//! Network and file I/O as far as syntax shows: calls that evidently touch the disk or the network, so that the
//! CPU work next to them (an allocation, an encoding) is small by comparison.

use super::exprs::{strip_parens_and_deref, unparen};
use crate::context::FileContext;
use crate::context::children::KindName;
use crate::rule::Call;
use tree_sitter::Node;

/// Functions of package os that touch the file system.
const OS_FILE_CALLS: &[&str] = &[
    "Open",
    "OpenFile",
    "Create",
    "ReadFile",
    "WriteFile",
    "ReadDir",
    "Remove",
    "RemoveAll",
    "Rename",
    "Stat",
    "Lstat",
    "Mkdir",
    "MkdirAll",
    "CreateTemp",
    "MkdirTemp",
    "Truncate",
];

/// Functions of io/ioutil that touch the file system.
const IOUTIL_FILE_CALLS: &[&str] = &["ReadFile", "WriteFile", "ReadDir", "TempFile", "TempDir"];

/// Functions of net/http and net that go to the network.
const HTTP_CALLS: &[&str] = &["Get", "Head", "Post", "PostForm"];
const NET_CALLS: &[&str] = &["Dial", "DialTimeout", "DialTCP", "DialUDP", "DialUnix"];

/// Methods whose name alone says they go to the network: an HTTP client's `Do`, a round trip, SQL statements,
/// publishing and request-reply on a message bus, a gRPC or WebSocket stream's sends and receives.
const NETWORK_METHODS: &[&str] = &[
    "Do",
    "RoundTrip",
    "Exec",
    "ExecContext",
    "Query",
    "QueryContext",
    "QueryRow",
    "QueryRowContext",
    "Publish",
    "PublishMsg",
    "Request",
    "RequestWithContext",
    "SendMsg",
    "RecvMsg",
    "WriteMessage",
    "ReadMessage",
    "WriteJSON",
    "ReadJSON",
];

/// Methods that do I/O when the receiver is a file or a connection (each call a system call: neither is
/// buffered).
const STREAM_METHODS: &[&str] = &[
    "Write",
    "WriteString",
    "WriteAt",
    "Read",
    "ReadAt",
    "ReadFrom",
    "Sync",
];

/// Whether `node` is a call that evidently does network or file I/O: a file-system function of os or
/// io/ioutil, `http.Get` and the like, `net.Dial`, a method whose name says it goes to the network (`client.Do`,
/// `db.Exec`, `nc.Publish`, `stream.SendMsg`, …), or a read or write on `os.Stdout`/`os.Stderr` or on a
/// variable declared as (or opened as) an `*os.File` or a `net.Conn`. A write to an `http.ResponseWriter` is
/// not: the server buffers the response, so a write per item is no round trip.
pub fn does_io(cx: &FileContext<'_>, node: Node<'_>) -> bool {
    let Some(call) = Call::of(node) else {
        return false;
    };
    let name = cx.text(call.name);
    let Some(recv) = call.recv else {
        return false;
    };
    let recv = unparen(recv);
    if let Some(path) = cx.package_of(recv) {
        return match path {
            "os" => OS_FILE_CALLS.contains(&name),
            "io/ioutil" => IOUTIL_FILE_CALLS.contains(&name),
            "net/http" => HTTP_CALLS.contains(&name),
            "net" => NET_CALLS.contains(&name),
            _ => false,
        };
    }
    if NETWORK_METHODS.contains(&name) {
        // `once.Do(f)` runs a function once; an HTTP client's `Do` sends a request.
        return name != "Do" || !cx.text(recv).to_ascii_lowercase().contains("once");
    }
    STREAM_METHODS.contains(&name) && is_file_or_conn(cx, recv)
}

/// Whether an expression is `os.Stdout`/`os.Stderr`, or a variable declared as an `*os.File` or `net.Conn`, or
/// opened by `os.Open`/`Create`/`OpenFile` or `net.Dial`.
fn is_file_or_conn(cx: &FileContext<'_>, expr: Node<'_>) -> bool {
    let expr = strip_parens_and_deref(expr);
    if cx.names_member(expr, "os", &["Stdout", "Stderr"]).is_some() {
        return true;
    }
    if expr.kind_name() != "identifier" {
        return false;
    }
    cx.lookup(cx.text(expr), expr).is_some_and(|decl| {
        decl.type_node
            .is_some_and(|ty| cx.is_type(ty, "os", "File", true) || cx.is_type(ty, "net", "Conn", false))
            || (decl.index == 0
                && decl.value.is_some_and(|v| {
                    let v = unparen(v);
                    cx.call_to(v, "os", &["Open", "Create", "OpenFile"]).is_some()
                        || cx.call_to(v, "net", NET_CALLS).is_some()
                }))
    })
}
