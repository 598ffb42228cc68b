//! The kinds of code that carry the load, recognised from a file's syntax and imports the way a specialist
//! names them in an audit plan: servers, request handlers, outbound clients, message transports, worker pools
//! and schedulers, caches, CPU kernels, file pipelines; and the kinds that rarely do: entry points and test
//! support. A file may be several; the strongest names it, the others follow in its reason.

use super::facts::FileFacts;
use super::signals::{CODECS, Signals};
use crate::metrics::FileMetrics;

/// What a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Transport,
    Storage,
    Server,
    Handlers,
    Operations,
    WorkerPool,
    Cache,
    Database,
    Client,
    Sdk,
    Kernel,
    Scheduler,
    FilePipeline,
    Rendering,
    EntryPoint,
    TestSupport,
}

impl Kind {
    /// What a file of this kind is worth to a performance review, before its heat and findings: the engines
    /// that move every request and message first.
    pub fn weight(self) -> f64 {
        match self {
            Kind::Transport => 30.0,
            Kind::Storage => 22.0,
            Kind::Server | Kind::Handlers => 24.0,
            Kind::Operations => 4.0,
            Kind::WorkerPool => 20.0,
            Kind::Cache | Kind::Database | Kind::Client => 18.0,
            Kind::Sdk | Kind::Kernel => 16.0,
            Kind::Scheduler => 12.0,
            Kind::FilePipeline | Kind::Rendering => 10.0,
            Kind::EntryPoint => 2.0,
            Kind::TestSupport => 0.0,
        }
    }

    /// Whether a `main` package that starts this kind of file leads to an engine (and ranks below it).
    pub fn is_engine(self) -> bool {
        !matches!(self, Kind::EntryPoint | Kind::TestSupport | Kind::Operations)
    }

    /// Whether the kind is worth naming after another ("also database access"): what carries load, not what
    /// every busy file does a little of.
    pub fn worth_naming_second(self) -> bool {
        !matches!(
            self,
            Kind::Rendering
                | Kind::FilePipeline
                | Kind::Scheduler
                | Kind::EntryPoint
                | Kind::TestSupport
                | Kind::Operations
        )
    }
}

/// A kind a file was recognised as, with its name as a reason gives it and the evidence in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognised {
    pub kind: Kind,
    /// "HTTP handlers", "JSON-RPC transport", "azblob client".
    pub label: String,
    /// Between 0.5 (the least that names it) and 1: how much of the kind's weight the evidence carries.
    pub confidence: f64,
    /// Short phrases: "per-message JSON over a bufio stream", "writer lock".
    pub evidence: Vec<String>,
}

impl Recognised {
    pub fn weight(&self) -> f64 {
        self.kind.weight() * self.confidence
    }
}

/// Calls of a third-party SDK, as the cross-file pass found them (the module's own imports left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SdkUse {
    /// The package's name (`azblob`).
    pub name: String,
    pub calls: u32,
    /// Clients built: `azblob.NewClient...`, `nats.Connect`, `grpc`-generated `NewXClient`.
    pub constructors: u32,
    pub constructors_in_loops: u32,
    /// Methods with a client's verbs called on a client-like receiver (`client.UploadBuffer`).
    pub client_calls: u32,
    pub in_handlers: u32,
}

/// What the recognisers read about one file.
pub struct Evidence<'a> {
    pub path: &'a str,
    pub facts: &'a FileFacts,
    pub metrics: &'a FileMetrics,
    pub sdk: Option<&'a SdkUse>,
    /// Functions of the file registered as request or message handlers somewhere in the module.
    pub registered_handlers: u32,
}

/// Every kind the file shows, strongest first. Empty when nothing stands out.
pub fn recognise(e: &Evidence<'_>) -> Vec<Recognised> {
    let s = &e.facts.signals;
    let mut found: Vec<Recognised> = [
        transport(e, s),
        storage(s),
        server(s),
        handlers(e, s),
        worker_pool(e, s),
        scheduler(e, s),
        cache(e, s),
        database(s),
        client(s),
        sdk(e),
        kernel(e, s),
        file_pipeline(s),
        rendering(s),
        entry_point(e, s),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(test) = test_support(e, s) {
        // Test support is what the file is, whatever it does: a fake server is not a server to review.
        found.insert(0, test);
        found.truncate(1);
        return found;
    }
    // An operations file is that first, whatever else it does.
    if let Some(at) = found.iter().position(|k| k.kind == Kind::Operations) {
        let operations = found.remove(at);
        found.sort_by(|a, b| b.weight().total_cmp(&a.weight()).then(a.kind.cmp(&b.kind)));
        found.insert(0, operations);
        return found;
    }
    // A cache's janitor or a pool's timers are not a scheduler of their own.
    if found
        .iter()
        .any(|k| matches!(k.kind, Kind::Cache | Kind::WorkerPool))
    {
        found.retain(|k| k.kind != Kind::Scheduler);
    }
    found.sort_by(|a, b| b.weight().total_cmp(&a.weight()).then(a.kind.cmp(&b.kind)));
    found
}

/// Confidence from how many of a kind's signs are present.
fn confidence(signs: usize) -> f64 {
    match signs {
        0 | 1 => 0.5,
        2 => 0.75,
        _ => 1.0,
    }
}

fn recognised(kind: Kind, label: impl Into<String>, evidence: Vec<String>) -> Option<Recognised> {
    Some(Recognised {
        kind,
        label: label.into(),
        confidence: confidence(evidence.len()),
        evidence,
    })
}

/// The lower-cased file name without `.go`, and the lower-cased package folder.
fn names(path: &str) -> (String, String) {
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    (
        file.trim_end_matches(".go").to_ascii_lowercase(),
        dir.to_ascii_lowercase(),
    )
}

fn codecs(s: &Signals) -> Vec<&'static str> {
    CODECS
        .iter()
        .enumerate()
        .filter(|(i, _)| s.codecs & (1 << i) != 0)
        .map(|(_, c)| *c)
        .collect()
}

fn transport(e: &Evidence<'_>, s: &Signals) -> Option<Recognised> {
    let stream = s.conns >= 2 || s.buffered_io > 0 || s.framing > 0;
    let per_message = s.read_loops > 0 || s.framing > 0;
    if !(stream && per_message) {
        return None;
    }
    let (file, dir) = names(e.path);
    let mut evidence = Vec::new();
    let codec = codecs(s).first().copied();
    let over = if s.framing > 0 {
        "over HTTP/2 frames"
    } else if s.buffered_io > 0 {
        "over a bufio stream"
    } else {
        "over a connection"
    };
    match codec {
        Some(codec) if s.codec_in_loops > 0 => evidence.push(format!("per-message {codec} {over}")),
        _ => evidence.push(format!("messages {over}")),
    }
    if s.read_loops > 0 {
        evidence.push("read loop".into());
    }
    if s.writer_locks > 0 {
        evidence.push("writer lock".into());
    }
    let named = |w: &str| file.contains(w) || dir.rsplit('/').next().is_some_and(|d| d.contains(w));
    let label = if named("jsonrpc") || (named("rpc") && codec == Some("JSON")) {
        "JSON-RPC transport"
    } else if named("websocket") || s.conns > 0 && file.starts_with("ws") {
        "WebSocket transport"
    } else if s.framing > 0 || named("http2") {
        "HTTP/2 transport"
    } else if named("grpc") {
        "gRPC transport"
    } else {
        "message transport"
    };
    recognised(Kind::Transport, label, evidence)
}

/// Files written and read under locks, with encoding, checksums or compression: a store's engine.
fn storage(s: &Signals) -> Option<Recognised> {
    if s.file_ops < 5 || !(s.writer_locks > 0 || s.codec_in_loops > 0 || s.cpu_packages > 0) {
        return None;
    }
    let mut evidence = vec!["file reads and writes".to_string()];
    if s.writer_locks > 0 {
        evidence.push("writes under a lock".into());
    }
    if s.codec_in_loops > 0 {
        evidence.push("per-record encoding".into());
    }
    if s.cpu_packages > 0 {
        evidence.push("checksums or compression".into());
    }
    recognised(Kind::Storage, "storage engine", evidence)
}

fn server(s: &Signals) -> Option<Recognised> {
    let http = s.serves > 0 || s.routes >= 3;
    let grpc = s.grpc_server > 0;
    let tcp = s.listens > 0 || s.accept_loops > 0;
    if !(http || grpc || tcp) || s.main_func > 0 && s.accept_loops == 0 && s.routes < 3 {
        // A main package that listens and starts serving is an entry point: the serving is elsewhere.
        return None;
    }
    let mut evidence = Vec::new();
    if s.routes > 0 {
        evidence.push("routes on a mux".to_string());
    }
    if s.serves > 0 {
        evidence.push("serves HTTP".into());
    }
    if grpc {
        evidence.push("service registration".into());
    }
    if s.accept_loops > 0 {
        evidence.push("accept loop".into());
    }
    if s.goroutines_in_loops > 0 && tcp {
        evidence.push("a goroutine per connection".into());
    }
    let label = if grpc {
        "gRPC server"
    } else if s.accept_loops > 0 || !http {
        "TCP server"
    } else {
        "HTTP server"
    };
    recognised(Kind::Server, label, evidence)
}

fn handlers(e: &Evidence<'_>, s: &Signals) -> Option<Recognised> {
    if s.http_handlers == 0 && e.registered_handlers == 0 {
        if s.operations_handlers == 0 {
            return None;
        }
        // Health, metrics and monitoring endpoints: asked now and then, not per user request.
        let mut found = recognised(
            Kind::Operations,
            "operations endpoints",
            vec!["monitoring, health or debugging handlers".into()],
        )?;
        found.confidence = 1.0;
        return Some(found);
    }
    let (file, _) = names(e.path);
    let mut evidence = Vec::new();
    if file.contains("middleware") {
        evidence.push("middleware around every request".to_string());
    }
    if s.handler_codec > 0 {
        let codec = codecs(s).first().copied().unwrap_or("body");
        evidence.push(format!("{codec} decoding and encoding per request"));
    }
    if s.handler_db > 0 {
        evidence.push("database calls per request".into());
    }
    if s.handler_outbound > 0 || e.sdk.is_some_and(|u| u.in_handlers > 0) {
        evidence.push("outbound calls per request".into());
    }
    if evidence.is_empty() {
        evidence.push("code run per request".into());
    }
    let label = if s.http_handlers > 0 {
        "HTTP handlers"
    } else {
        "request handlers"
    };
    let mut found = recognised(Kind::Handlers, label, evidence)?;
    // How many handlers matters more than how many kinds of work they do.
    found.confidence = found
        .confidence
        .max(confidence((s.http_handlers + e.registered_handlers) as usize));
    Some(found)
}

fn worker_pool(e: &Evidence<'_>, s: &Signals) -> Option<Recognised> {
    let m = e.metrics;
    // Goroutines started in a loop, or worker loops joined by a WaitGroup: one janitor goroutine is no pool.
    let pool = s.goroutines_in_loops > 0 || (s.worker_loops > 0 && m.waitgroups > 0);
    if !(m.goroutines > 0 && pool && (m.channels >= 2 || m.waitgroups > 0)) {
        return None;
    }
    let mut evidence = Vec::new();
    if s.goroutines_in_loops > 0 {
        evidence.push("goroutines started in a loop".to_string());
    }
    if s.worker_loops > 0 && m.channels > 0 {
        evidence.push("fed from a channel".into());
    }
    if m.waitgroups > 0 {
        evidence.push("WaitGroup".into());
    }
    recognised(Kind::WorkerPool, "worker pool", evidence)
}

fn scheduler(e: &Evidence<'_>, s: &Signals) -> Option<Recognised> {
    if s.tickers == 0 || s.worker_loops == 0 || e.metrics.goroutines == 0 {
        return None;
    }
    recognised(
        Kind::Scheduler,
        "scheduler",
        vec!["ticker loop in a goroutine".into()],
    )
}

fn cache(e: &Evidence<'_>, s: &Signals) -> Option<Recognised> {
    let m = e.metrics;
    let locked_map = s.map_fields > 0 && m.locks > 0;
    let named = s.cache_types > 0;
    // A type named for it, behind a lock or evicting: many types hold a map behind a mutex and delete from it.
    if !(named && (m.locks > 0 || s.evictions > 0)) {
        return None;
    }
    let mut evidence = Vec::new();
    if locked_map {
        evidence.push("map behind a mutex".to_string());
    }
    if s.evictions > 0 {
        evidence.push("eviction".into());
    }
    if m.goroutines > 0 && s.worker_loops > 0 {
        evidence.push("janitor goroutine".into());
    }
    if evidence.is_empty() {
        evidence.push("cached values".into());
    }
    recognised(Kind::Cache, "cache", evidence)
}

fn database(s: &Signals) -> Option<Recognised> {
    if s.db_calls < 2 {
        return None;
    }
    let mut evidence = vec!["SQL queries".to_string()];
    if s.db_in_loops > 0 {
        evidence.push("queries inside loops".into());
    }
    if s.handler_db > 0 {
        evidence.push("queries per request".into());
    }
    recognised(Kind::Database, "database access", evidence)
}

fn client(s: &Signals) -> Option<Recognised> {
    let (label, what) = if s.grpc_out > 0 && s.grpc_out >= s.http_out {
        ("gRPC client", "RPCs on a client connection")
    } else if s.http_out > 0 {
        ("HTTP client", "outbound HTTP requests")
    } else if s.dials > 0 {
        ("network client", "dials connections")
    } else {
        return None;
    };
    let mut evidence = vec![what.to_string()];
    if s.codec_calls > 0
        && let Some(codec) = codecs(s).first()
    {
        evidence.push(format!("{codec} bodies"));
    }
    if s.dials > 0 && label != "network client" {
        evidence.push("dials connections".into());
    }
    recognised(Kind::Client, label, evidence)
}

fn sdk(e: &Evidence<'_>) -> Option<Recognised> {
    // A library the file calls is not a service: it takes a client built here, or a client's calls on one.
    let sdk = e
        .sdk
        .filter(|u| u.constructors > 0 || u.client_calls > 0 && u.calls > u.client_calls)?;
    let mut evidence = vec![format!("{} SDK calls", sdk.name)];
    if sdk.constructors_in_loops > 0 {
        evidence.push("a client built inside a loop".into());
    }
    if sdk.in_handlers > 0 {
        evidence.push("called per request".into());
    }
    recognised(Kind::Sdk, format!("{} client", sdk.name), evidence)
}

/// Signs in one loop that make it a byte-by-byte state machine (a protocol parser, a lexer).
const STATE_MACHINE: u32 = 30;

fn kernel(e: &Evidence<'_>, s: &Signals) -> Option<Recognised> {
    let state_machine = s.kernel_max >= STATE_MACHINE;
    if s.kernel_loops < 2 && !(s.kernel_loops == 1 && s.cpu_packages > 0) && !state_machine {
        return None;
    }
    let mut evidence = Vec::new();
    if state_machine {
        evidence.push("a byte-by-byte state machine".to_string());
    }
    if s.kernel_loops >= 2 {
        evidence.push("byte-level loops".to_string());
    }
    if s.cpu_packages > 0 {
        evidence.push("hashing, compression or UTF-8 decoding".into());
    }
    let (file, _) = names(e.path);
    let label = if file.contains("pars") {
        "parser"
    } else if ["lex", "token", "scan"].iter().any(|w| file.contains(w)) {
        "tokenizer"
    } else if ["hash", "crc", "checksum"].iter().any(|w| file.contains(w)) {
        "hashing"
    } else if ["compress", "flate", "zip", "zstd", "snappy"]
        .iter()
        .any(|w| file.contains(w))
    {
        "compression"
    } else {
        "CPU kernel"
    };
    let mut found = recognised(Kind::Kernel, label, evidence)?;
    let strength = s.kernel_loops as usize / 2 + if state_machine { 3 } else { 0 };
    found.confidence = found.confidence.max(confidence(strength));
    Some(found)
}

fn file_pipeline(s: &Signals) -> Option<Recognised> {
    if s.file_walks == 0 && s.file_ops_in_loops == 0 && s.file_ops < 3 {
        return None;
    }
    let mut evidence = Vec::new();
    if s.file_walks > 0 {
        evidence.push("directory walks".to_string());
    }
    if s.file_ops_in_loops > 0 {
        evidence.push("file reads and writes inside loops".into());
    } else if s.file_ops > 0 {
        evidence.push("file reads and writes".into());
    }
    recognised(Kind::FilePipeline, "file pipeline", evidence)
}

fn rendering(s: &Signals) -> Option<Recognised> {
    if s.string_building_in_loops < 2 {
        return None;
    }
    recognised(
        Kind::Rendering,
        "text rendering",
        vec!["strings built and formatted inside loops".into()],
    )
}

fn entry_point(e: &Evidence<'_>, s: &Signals) -> Option<Recognised> {
    let command = s.main_func > 0 || (e.facts.package == "main" && s.flags >= 3);
    if !command {
        return None;
    }
    let mut evidence = Vec::new();
    if s.flags > 0 {
        evidence.push("parses flags".to_string());
    }
    if s.config_reads > 0 {
        evidence.push("reads its configuration".into());
    }
    if s.os_signals > 0 {
        evidence.push("handles signals".into());
    }
    if evidence.is_empty() {
        evidence.push("wiring".into());
    }
    let label = if s.main_func > 0 {
        "entry point"
    } else {
        "CLI command"
    };
    recognised(Kind::EntryPoint, label, evidence)
}

/// Folder names under which Go code exists to test, fake or demonstrate the rest.
const TEST_FOLDERS: &[&str] = &[
    "test",
    "tests",
    "testing",
    "testutil",
    "testutils",
    "testhelper",
    "testhelpers",
    "testlib",
    "fake",
    "fakes",
    "mock",
    "mocks",
    "e2e",
    "integration",
    "interop",
    "benchmark",
    "benchmarks",
    "example",
    "examples",
    "grpctest",
    "leakcheck",
];

fn test_support(e: &Evidence<'_>, s: &Signals) -> Option<Recognised> {
    let (file, dir) = names(e.path);
    let folder = dir
        .split('/')
        .any(|d| TEST_FOLDERS.contains(&d) || d.starts_with("test") || d.ends_with("_test"));
    let name = file.starts_with("mock_")
        || file.starts_with("fake_")
        || file.ends_with("_mock")
        || file.ends_with("_fake")
        || file.ends_with("testing")
        || file.ends_with("testutil");
    let helper = s.imports_testing > 0;
    if !(folder || name || helper) {
        return None;
    }
    let why = if helper {
        "imports testing"
    } else if folder {
        "under a test or example folder"
    } else {
        "a mock or fake"
    };
    Some(Recognised {
        kind: Kind::TestSupport,
        label: "test support".into(),
        confidence: 1.0,
        evidence: vec![why.into()],
    })
}
