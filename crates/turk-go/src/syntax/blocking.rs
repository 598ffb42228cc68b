//! Calls that wait on the outside world: network and HTTP round trips, database statements, whole-file reads
//! and writes, child processes, sleeps. Each takes from milliseconds to the peer's timeout, which is what makes
//! them costly under a lock or in a function that ignores its context.

use super::http_client::{CLIENT_SENDS, http_send};
use super::sql::is_sql_handle;
use super::variables::declared_as;
use crate::context::FileContext;
use crate::rule::Call;
use tree_sitter::Node;

/// What a blocking call does, for titles ("holds the lock across an HTTP request").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocking {
    Http,
    Dial,
    DnsLookup,
    Sql,
    /// A whole file read, or a directory listed.
    FileRead,
    /// A whole file written.
    FileWrite,
    Process,
    Sleep,
}

impl Blocking {
    /// The call in words: "an HTTP request".
    pub fn what(self) -> &'static str {
        match self {
            Blocking::Http => "an HTTP request",
            Blocking::Dial => "a network dial",
            Blocking::DnsLookup => "a DNS lookup",
            Blocking::Sql => "a database call",
            Blocking::FileRead => "a whole-file read",
            Blocking::FileWrite => "a whole-file write",
            Blocking::Process => "a child process",
            Blocking::Sleep => "a sleep",
        }
    }
}

/// net functions that connect.
const DIALS: &[&str] = &["Dial", "DialTimeout", "DialTCP", "DialUDP", "DialIP", "DialUnix"];

/// net functions that ask the resolver.
const LOOKUPS: &[&str] = &[
    "LookupHost",
    "LookupIP",
    "LookupAddr",
    "LookupCNAME",
    "LookupMX",
    "LookupNS",
    "LookupSRV",
    "LookupTXT",
    "LookupPort",
];

/// database/sql methods that run a statement (or a round trip) on the database.
const SQL_CALLS: &[&str] = &[
    "Query",
    "QueryContext",
    "QueryRow",
    "QueryRowContext",
    "Exec",
    "ExecContext",
    "Begin",
    "BeginTx",
    "Prepare",
    "PrepareContext",
    "Ping",
    "PingContext",
    "Commit",
];

/// `exec.Cmd` methods that start the process and wait for it.
const PROCESS_RUNS: &[&str] = &["Run", "Output", "CombinedOutput"];

/// Whether `text` calls anything by a name [`blocking_call`] knows (`Get(`, `QueryRow(`, `Sleep(`...): one pass
/// over a stretch of source, to skip walking code that cannot hold a blocking call.
pub fn may_block(text: &str) -> bool {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    bytes.iter().enumerate().any(|(at, &b)| {
        if b != b'(' {
            return false;
        }
        let start = bytes[..at]
            .iter()
            .rposition(|c| !is_word(*c))
            .map_or(0, |p| p + 1);
        let name = &text[start..at];
        !name.is_empty()
            && (DIALS.contains(&name)
                || LOOKUPS.contains(&name)
                || SQL_CALLS.contains(&name)
                || PROCESS_RUNS.contains(&name)
                || CLIENT_SENDS.contains(&name)
                || matches!(
                    name,
                    "Sleep" | "ReadFile" | "WriteFile" | "ReadDir" | "DialWithDialer"
                ))
    })
}

/// The kind of blocking call `call` is, if it is one the file shows to be: package functions by import path,
/// methods only on receivers known to be an HTTP client, a database/sql handle or an `exec.Cmd`.
pub fn blocking_call<'a>(cx: &FileContext<'a>, call: Node<'a>) -> Option<Blocking> {
    let parts = Call::of(call)?;
    let recv = parts.recv?;
    let name = cx.text(parts.name);
    if let Some(path) = cx.package_of(recv) {
        return match path {
            "net" if DIALS.contains(&name) => Some(Blocking::Dial),
            "net" if LOOKUPS.contains(&name) => Some(Blocking::DnsLookup),
            "crypto/tls" if matches!(name, "Dial" | "DialWithDialer") => Some(Blocking::Dial),
            "os" | "io/ioutil" if matches!(name, "ReadFile" | "ReadDir") => Some(Blocking::FileRead),
            "os" | "io/ioutil" if name == "WriteFile" => Some(Blocking::FileWrite),
            "time" if name == "Sleep" => Some(Blocking::Sleep),
            "net/http" => http_send(cx, call).map(|_| Blocking::Http),
            _ => None,
        };
    }
    if http_send(cx, call).is_some() {
        return Some(Blocking::Http);
    }
    if SQL_CALLS.contains(&name) && is_sql_handle(recv, cx) {
        return Some(Blocking::Sql);
    }
    if PROCESS_RUNS.contains(&name) && is_command(cx, recv) {
        return Some(Blocking::Process);
    }
    None
}

/// `exec.Command(...)` / `exec.CommandContext(...)`, or a name initialised from one.
fn is_command<'a>(cx: &FileContext<'a>, expr: Node<'a>) -> bool {
    let command = |e: Node<'_>| cx.call_to(e, "os/exec", &["Command", "CommandContext"]).is_some();
    command(expr) || declared_as(expr, cx, |t| cx.is_type(t, "os/exec", "Cmd", true), command)
}
