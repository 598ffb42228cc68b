//! The signs of what kind of code a file is, counted from its calls and types: serving, outbound clients,
//! message codecs and streams, worker loops, caches, byte-level loops, file work, flags and configuration. Each
//! sign is a name (and, for package functions and types, the import path) looked up in the tables below, so the
//! walk pays a string match per call and nothing more.

use serde::Serialize;

/// Counts of the signs, per file. Which kinds they make is `kinds.rs`'s business.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Signals {
    /// Handlers registered on a mux or router (`HandleFunc`, `Handle`, `r.Get("/x", h)`).
    pub routes: u32,
    /// `ListenAndServe`, `Serve`, `http.Server` values.
    pub serves: u32,
    /// `net.Listen` and friends.
    pub listens: u32,
    /// `Accept()` calls inside loops: an accept loop.
    pub accept_loops: u32,
    /// `grpc.NewServer`, `RegisterXServer`, `grpc.ServerStream`/`ServiceDesc` types.
    pub grpc_server: u32,
    /// Functions with the `http.HandlerFunc` shape.
    pub http_handlers: u32,
    /// Of those, in a file that serves operations endpoints (monitoring, health, debugging): left out above.
    pub operations_handlers: u32,
    /// Outbound HTTP: `http.NewRequest*`, `http.Get`/`Post`, `client.Do(req)`, `http.Client`/`Transport` values.
    pub http_out: u32,
    /// Outbound gRPC: `grpc.Dial*`/`NewClient`, `Invoke`, `NewStream`, `grpc.ClientConn` types.
    pub grpc_out: u32,
    /// `net.Dial*`, `tls.Dial`.
    pub dials: u32,
    /// `database/sql` (and driver) queries and statements.
    pub db_calls: u32,
    /// Of those, the ones inside loops (a query per item).
    pub db_in_loops: u32,
    /// Calls on clients of third-party SDKs (sessions, sends, receives, streams) and their constructors.
    pub sdk_calls: u32,
    /// Of those, client constructors inside loops.
    pub sdk_clients_in_loops: u32,
    /// Marshalling: `Marshal`/`Unmarshal`/`Encode`/`Decode` of JSON, XML, gob, protobuf, msgpack, CBOR.
    pub codec_calls: u32,
    /// Of those, the ones inside loops (per message or per item).
    pub codec_in_loops: u32,
    /// Which codecs, as bits of [`CODECS`].
    pub codecs: u32,
    /// `bufio` readers, writers and scanners.
    pub buffered_io: u32,
    /// Connection types: `net.Conn`, `*net.TCPConn`, `*tls.Conn`, `net.Listener`, `*websocket.Conn`.
    pub conns: u32,
    /// Loops that read a message, frame or line per iteration (`Read`, `ReadMessage`, `Recv`, `Decode`...).
    pub read_loops: u32,
    /// Functions that take a lock and write, flush or encode: a lock around a writer.
    pub writer_locks: u32,
    /// HTTP/2 or other framing (`golang.org/x/net/http2`, `hpack`, `Framer`).
    pub framing: u32,
    /// `go` statements inside loops.
    pub goroutines_in_loops: u32,
    /// Loops with a `select`, and loops in goroutine bodies: a worker or event loop.
    pub worker_loops: u32,
    /// `time.NewTicker`, `time.Tick`, `time.AfterFunc`, cron-like schedulers.
    pub tickers: u32,
    /// Map types in struct fields.
    pub map_fields: u32,
    /// `sync.Map`, `container/list` (LRU lists), `delete` on maps.
    pub evictions: u32,
    /// Type declarations whose name says cache (`cache`, `lru`, `memo`).
    pub cache_types: u32,
    /// Loops over bytes, runes or slices doing index arithmetic, byte/rune comparisons or bit operations.
    pub kernel_loops: u32,
    /// The most byte-level signs in one loop: a large one is a byte-by-byte state machine.
    pub kernel_max: u32,
    /// Strings built inside loops: `fmt.Sprintf`/`Fprintf`, `strconv` formatting, a builder's `WriteString`.
    pub string_building_in_loops: u32,
    /// `hash/...`, `crypto/...`, `compress/...`, `unicode/utf8`, `math/bits`, `encoding/binary` calls.
    pub cpu_packages: u32,
    /// `filepath.Walk`/`WalkDir`/`Glob`, `os.ReadDir`, `fs.WalkDir`.
    pub file_walks: u32,
    /// Opening, reading, writing, copying files.
    pub file_ops: u32,
    /// Of those, inside loops.
    pub file_ops_in_loops: u32,
    /// Command-line flags: `flag`, `pflag`, cobra commands, urfave/cli.
    pub flags: u32,
    /// Reading a configuration: a file read plus a YAML/TOML/JSON/env decode, viper, envconfig.
    pub config_reads: u32,
    /// `signal.Notify`.
    pub os_signals: u32,
    /// `func main()` in package main.
    pub main_func: u32,
    /// The file imports `testing` (a test helper outside a `_test.go` file).
    pub imports_testing: u32,
    /// Work done in request handlers: codec, database, outbound calls, locks.
    pub handler_codec: u32,
    pub handler_db: u32,
    pub handler_outbound: u32,
}

/// What a call is, for the counts above: `path` is the import path of a package-qualified call, `name` the
/// called name, `receiver` the last identifier of a method call's receiver (`client` of `s.client.Do`).
pub(crate) struct CallSign<'a> {
    pub path: Option<&'a str>,
    pub name: &'a str,
    pub receiver: Option<&'a str>,
    pub in_loop: bool,
    pub in_handler: bool,
    /// The file imports a database driver or client (see [`is_database`]).
    pub database: bool,
}

/// Where a sign is about a message being read per loop iteration.
pub(crate) fn is_message_read(name: &str) -> bool {
    matches!(
        name,
        "Read"
            | "ReadMessage"
            | "ReadMsg"
            | "ReadFrame"
            | "ReadFull"
            | "ReadRequest"
            | "ReadResponse"
            | "ReadLine"
            | "ReadString"
            | "ReadBytes"
            | "ReadSlice"
            | "NextReader"
            | "NextFrame"
            | "Recv"
            | "RecvMsg"
            | "Receive"
            | "ReceiveMessage"
            | "ReadJSON"
            | "Decode"
    )
}

/// Words of routes and files that serve operations rather than users: health checks, metrics, profiling,
/// monitoring.
const OPERATIONS_WORDS: &[&str] = &[
    "health", "ready", "live", "metrics", "debug", "pprof", "expvar", "monitor", "admin", "status", "varz",
    "version",
];

/// Whether a route pattern (a string literal) is an operations endpoint: `"/healthz"`, `"/debug/pprof/"`.
pub(crate) fn is_operations_route(pattern: &str) -> bool {
    let lower = pattern.to_ascii_lowercase();
    OPERATIONS_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether a file serves operations endpoints, by its name: `monitor.go`, `metrics.go`, `health.go`.
pub(crate) fn is_operations_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let stem = file.trim_end_matches(".go");
    stem == "monitoring"
        || stem == "healthz"
        || stem
            .split('_')
            .enumerate()
            .any(|(i, part)| (i == 0 || stem.ends_with(part)) && OPERATIONS_WORDS.contains(&part))
}

/// Package functions that build a client of a service: `Dial`, `Connect`, `NewClient...`, `NewSession`,
/// `NewGreeterClient` (generated gRPC clients).
pub(crate) fn is_client_constructor(name: &str) -> bool {
    name.starts_with("Dial")
        || name.starts_with("Connect")
        || name.starts_with("NewClient")
        || name.starts_with("NewSession")
        || (name.starts_with("New")
            && [
                "Client",
                "Session",
                "Conn",
                "Producer",
                "Consumer",
                "Publisher",
                "Subscriber",
            ]
            .iter()
            .any(|s| name.ends_with(s)))
}

/// Names that register a handler: `mux.HandleFunc("/x", h.list)`.
pub(crate) fn registers_handler(name: &str) -> bool {
    matches!(
        name,
        "HandleFunc"
            | "Handle"
            | "HandlerFunc"
            | "Get"
            | "Post"
            | "Put"
            | "Patch"
            | "Delete"
            | "Head"
            | "Options"
            | "Any"
            | "GET"
            | "POST"
            | "PUT"
            | "PATCH"
            | "DELETE"
            | "HEAD"
            | "OPTIONS"
            | "Method"
            | "MethodFunc"
    )
}

/// Names that run a function as a goroutine or on a timer: `g.Go(f)`, `time.AfterFunc(d, f)`.
pub(crate) fn starts_goroutine(name: &str) -> bool {
    matches!(name, "Go" | "AfterFunc" | "TryGo")
}

/// Names that register a handler called per message: `nc.Subscribe(subject, h.onMsg)`.
pub(crate) fn registers_message_handler(name: &str) -> bool {
    matches!(
        name,
        "Subscribe" | "QueueSubscribe" | "SubscribeSync" | "ChanSubscribe" | "OnMessage" | "HandleMessage"
    )
}

/// Whether an import path is the standard library's: its first element has no dot.
pub fn is_standard(path: &str) -> bool {
    !path.split('/').next().unwrap_or(path).contains('.')
}

/// Third-party modules that are not clients of a service: logging, testing, errors, CLI, configuration,
/// encoding, metrics and the language's own extensions. Calls into them are not SDK calls.
fn is_utility_module(path: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "golang.org/x/",
        "google.golang.org/protobuf",
        "github.com/golang/protobuf",
        "github.com/gogo/protobuf",
        "google.golang.org/genproto",
        "go.uber.org/zap",
        "go.uber.org/multierr",
        "github.com/sirupsen/logrus",
        "github.com/rs/zerolog",
        "github.com/go-logr/",
        "k8s.io/klog",
        "github.com/golang/glog",
        "github.com/stretchr/testify",
        "github.com/google/go-cmp",
        "github.com/onsi/",
        "github.com/pkg/errors",
        "github.com/hashicorp/go-multierror",
        "github.com/google/uuid",
        "github.com/gofrs/uuid",
        "github.com/spf13/",
        "github.com/urfave/cli",
        "github.com/alecthomas/kingpin",
        "gopkg.in/yaml",
        "sigs.k8s.io/yaml",
        "github.com/BurntSushi/toml",
        "github.com/pelletier/go-toml",
        "github.com/kelseyhightower/envconfig",
        "github.com/caarlos0/env",
        "github.com/prometheus/",
        "go.opentelemetry.io/",
        "github.com/json-iterator/",
        "github.com/goccy/go-json",
        "github.com/mailru/easyjson",
        "github.com/vmihailenco/msgpack",
        "github.com/fxamacker/cbor",
        "github.com/klauspost/compress",
        "github.com/cespare/xxhash",
        "github.com/minio/highwayhash",
        "github.com/google/btree",
        "github.com/hashicorp/golang-lru",
    ];
    PREFIXES.iter().any(|p| path.starts_with(p))
}

/// Whether calls into `path` may be calls of a third-party SDK client: not the standard library, not a utility
/// module. (Whether it is the module's own package is decided across files.)
pub(crate) fn is_sdk(path: &str) -> bool {
    !is_standard(path) && !is_utility_module(path)
}

/// Method names that open a session, send, receive or stream: what a client of a service does.
pub(crate) fn is_client_verb(name: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "Send",
        "Recv",
        "Receive",
        "Publish",
        "Subscribe",
        "Request",
        "Do",
        "Call",
        "Invoke",
        "Query",
        "Exec",
        "Upload",
        "Download",
        "Stream",
        "NewStream",
        "NewSession",
        "Open",
        "Connect",
        "Fetch",
        "Get",
        "Put",
        "Post",
        "Delete",
        "List",
        "Create",
        "Update",
        "Insert",
        "Find",
        "Scan",
        "Consume",
        "Produce",
        "Ack",
        "Next",
    ];
    PREFIXES.iter().any(|p| {
        name.starts_with(p)
            && name[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_uppercase())
    })
}

/// Receiver names that hold a client of a service (`s.client.Do`, `sess.Send`).
pub(crate) fn is_client_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "client",
        "conn",
        "session",
        "sess",
        "svc",
        "service",
        "stub",
        "producer",
        "consumer",
        "publisher",
        "subscriber",
        "pager",
        "bucket",
        "rdb",
        "redis",
        "mongo",
        "kafka",
        "queue",
        "topic",
        "blob",
        "container",
        "table",
        "collection",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

impl Signals {
    /// Counts what a call says about the file. Calls into third-party SDKs are counted apart (see
    /// `facts::ThirdParty`): whether an import is a third party's or the module's own is known only once every
    /// file is read.
    pub(crate) fn call(&mut self, c: &CallSign<'_>) {
        let name = c.name;
        match c.path {
            Some(path) => self.package_call(path, name, c),
            None if c.receiver.is_some() => self.method_call(name, c),
            None => {
                if name == "delete" {
                    self.evictions += 1;
                }
            }
        }
    }

    fn package_call(&mut self, path: &str, name: &str, c: &CallSign<'_>) {
        let in_loop = u32::from(c.in_loop);
        match path {
            "net/http" => match name {
                "ListenAndServe" | "ListenAndServeTLS" | "Serve" | "ServeTLS" => self.serves += 1,
                "HandleFunc" | "Handle" => self.routes += 1,
                "NewRequest" | "NewRequestWithContext" | "Get" | "Post" | "Head" | "PostForm" => {
                    self.http_out += 1;
                    self.handler_outbound += u32::from(c.in_handler);
                }
                _ => {}
            },
            "net" => match name {
                "Listen" | "ListenTCP" | "ListenUnix" | "ListenPacket" | "ListenUDP" => self.listens += 1,
                "Dial" | "DialTimeout" | "DialTCP" | "DialUnix" | "DialUDP" => self.dials += 1,
                _ => {}
            },
            "crypto/tls" => match name {
                "Listen" | "NewListener" => self.listens += 1,
                "Dial" | "DialWithDialer" => self.dials += 1,
                "Server" | "Client" => self.conns += 1,
                _ => {}
            },
            "google.golang.org/grpc" => match name {
                "NewServer" => self.grpc_server += 1,
                "Dial" | "DialContext" | "NewClient" | "Invoke" => self.grpc_out += 1,
                _ => {}
            },
            "bufio" => {
                if matches!(
                    name,
                    "NewReader"
                        | "NewWriter"
                        | "NewReadWriter"
                        | "NewScanner"
                        | "NewReaderSize"
                        | "NewWriterSize"
                ) {
                    self.buffered_io += 1;
                }
            }
            "flag" | "github.com/spf13/pflag" => self.flags += 1,
            "os/signal" if name == "Notify" || name == "NotifyContext" => self.os_signals += 1,
            "time" if matches!(name, "NewTicker" | "Tick" | "AfterFunc") => self.tickers += 1,
            "path/filepath" | "io/fs" if matches!(name, "Walk" | "WalkDir" | "Glob") => self.file_walks += 1,
            "os" | "io/ioutil" | "io" => match name {
                "ReadDir" => self.file_walks += 1,
                "Open" | "OpenFile" | "Create" | "ReadFile" | "WriteFile" | "Copy" | "CopyN"
                | "CopyBuffer" | "Rename" | "Remove" | "CreateTemp" | "CopyFS" => {
                    self.file_ops += 1;
                    self.file_ops_in_loops += in_loop;
                    if matches!(name, "ReadFile" | "Open") {
                        self.config_reads += 1;
                    }
                }
                _ => {}
            },
            "container/list" => self.evictions += 1,
            "fmt" | "strconv" | "strings"
                if c.in_loop
                    && matches!(
                        name,
                        "Sprintf"
                            | "Sprint"
                            | "Sprintln"
                            | "Fprintf"
                            | "Fprint"
                            | "Fprintln"
                            | "Appendf"
                            | "Itoa"
                            | "FormatInt"
                            | "FormatFloat"
                            | "FormatUint"
                            | "Quote"
                            | "Repeat"
                            | "Join"
                    ) =>
            {
                self.string_building_in_loops += 1
            }
            _ => {
                if let Some(codec) = codec_of(path) {
                    if let Some(codec) = codec
                        && is_codec_call(name)
                    {
                        self.codecs |= codec_bit(codec);
                        self.codec_calls += 1;
                        self.codec_in_loops += in_loop;
                        self.handler_codec += u32::from(c.in_handler);
                    }
                    if is_config_format(path) && matches!(name, "Unmarshal" | "NewDecoder") {
                        self.config_reads += 1;
                    }
                } else if is_cpu_package(path) {
                    self.cpu_packages += 1;
                } else if is_flag_module(path) {
                    self.flags += 1;
                } else if is_config_module(path) {
                    self.config_reads += 1;
                } else if path.starts_with("golang.org/x/net/http2") {
                    self.framing += 1;
                } else if name.starts_with("Register") && name.ends_with("Server") {
                    // Generated gRPC registration: pb.RegisterGreeterServer(s, &server{}).
                    self.grpc_server += 1;
                }
            }
        }
    }

    fn method_call(&mut self, name: &str, c: &CallSign<'_>) {
        let in_loop = u32::from(c.in_loop);
        let receiver = c.receiver.unwrap_or("");
        match name {
            "ListenAndServe" | "ListenAndServeTLS" | "Serve" | "ServeTLS" => self.serves += 1,
            "HandleFunc" | "Handle" => self.routes += 1,
            "Accept" if c.in_loop => self.accept_loops += 1,
            "Do" | "RoundTrip"
                if is_client_name(receiver) || receiver.to_ascii_lowercase().contains("http") =>
            {
                self.http_out += 1;
                self.handler_outbound += u32::from(c.in_handler);
            }
            "QueryContext" | "QueryRowContext" | "ExecContext" | "PrepareContext" | "BeginTx" | "Query"
            | "QueryRow" | "Exec" | "Prepare" | "Begin" | "NamedExec" | "Select" | "Get"
                if c.database && is_db_name(receiver) =>
            {
                self.db_calls += 1;
                self.db_in_loops += in_loop;
                self.handler_db += u32::from(c.in_handler);
            }
            "Invoke" | "NewStream" | "SendMsg" | "RecvMsg"
                if receiver.to_ascii_lowercase().contains("stream")
                    || receiver.to_ascii_lowercase().contains("cc")
                    || receiver.to_ascii_lowercase().contains("conn") =>
            {
                self.grpc_out += 1;
            }
            "Encode" | "Decode" | "Marshal" | "Unmarshal" if is_codec_name(receiver) => {
                let lower = receiver.to_ascii_lowercase();
                for (word, codec) in [
                    ("json", "JSON"),
                    ("proto", "protobuf"),
                    ("xml", "XML"),
                    ("gob", "gob"),
                ] {
                    if lower.contains(word) {
                        self.codecs |= codec_bit(codec);
                    }
                }
                self.codec_calls += 1;
                self.codec_in_loops += in_loop;
                self.handler_codec += u32::from(c.in_handler);
            }
            "SetReadDeadline" | "SetWriteDeadline" | "SetDeadline" => self.conns += 1,
            "WriteString" | "WriteByte" | "WriteRune" if c.in_loop => self.string_building_in_loops += 1,
            _ => {}
        }
    }

    /// Counts what a type `path.name` says (`net.Conn`, `sync.Map`, `http.Server`...).
    pub(crate) fn qualified_type(&mut self, path: &str, name: &str) {
        match (path, name) {
            (
                "net",
                "Conn" | "TCPConn" | "UnixConn" | "Listener" | "TCPListener" | "UDPConn" | "PacketConn",
            )
            | ("crypto/tls", "Conn") => self.conns += 1,
            ("net/http", "Server") => self.serves += 1,
            ("net/http", "Client" | "Transport") => self.http_out += 1,
            ("bufio", "Reader" | "Writer" | "ReadWriter" | "Scanner") => self.buffered_io += 1,
            ("sync", "Map") => self.evictions += 1,
            ("google.golang.org/grpc", "ServerStream" | "ServiceDesc" | "Server" | "ServerOption") => {
                self.grpc_server += 1
            }
            ("google.golang.org/grpc", "ClientConn" | "ClientStream" | "CallOption" | "DialOption") => {
                self.grpc_out += 1
            }
            ("database/sql", "DB" | "Tx" | "Stmt" | "Conn" | "Rows") => self.db_calls += 1,
            _ => {
                if name == "Conn" && (path.contains("websocket") || path.contains("quic")) {
                    self.conns += 1;
                } else if path.starts_with("golang.org/x/net/http2") {
                    self.framing += 1;
                }
            }
        }
    }
}

/// The codecs a file may use, in the order reasons name them.
pub const CODECS: [&str; 6] = ["JSON", "protobuf", "XML", "gob", "msgpack", "CBOR"];

fn codec_bit(codec: &str) -> u32 {
    CODECS.iter().position(|c| *c == codec).map_or(0, |i| 1 << i)
}

/// For a codec package: `Some(Some(name))` for message codecs, `Some(None)` for configuration formats only;
/// `None` for anything else.
fn codec_of(path: &str) -> Option<Option<&'static str>> {
    let codec = match path {
        "encoding/json" | "github.com/json-iterator/go" | "github.com/goccy/go-json" => "JSON",
        "encoding/xml" => "XML",
        "encoding/gob" => "gob",
        "google.golang.org/protobuf/proto"
        | "github.com/golang/protobuf/proto"
        | "github.com/gogo/protobuf/proto" => "protobuf",
        "github.com/vmihailenco/msgpack/v5" | "github.com/vmihailenco/msgpack" => "msgpack",
        "github.com/fxamacker/cbor/v2" => "CBOR",
        _ if is_config_format(path) => return Some(None),
        _ => return None,
    };
    Some(Some(codec))
}

fn is_config_format(path: &str) -> bool {
    path.starts_with("gopkg.in/yaml")
        || path == "sigs.k8s.io/yaml"
        || path.starts_with("github.com/BurntSushi/toml")
        || path.starts_with("github.com/pelletier/go-toml")
        || path == "encoding/json"
}

fn is_codec_call(name: &str) -> bool {
    matches!(
        name,
        "Marshal" | "Unmarshal" | "MarshalIndent" | "NewEncoder" | "NewDecoder" | "MarshalOptions" | "Size"
    )
}

fn is_cpu_package(path: &str) -> bool {
    path.starts_with("hash")
        || path.starts_with("crypto/")
        || path.starts_with("compress/")
        || matches!(
            path,
            "unicode/utf8" | "unicode/utf16" | "math/bits" | "encoding/binary"
        )
        || path.starts_with("github.com/klauspost/compress")
        || path.starts_with("github.com/cespare/xxhash")
        || path.starts_with("github.com/minio/highwayhash")
}

fn is_flag_module(path: &str) -> bool {
    path.starts_with("github.com/spf13/cobra")
        || path.starts_with("github.com/urfave/cli")
        || path.starts_with("github.com/alecthomas/kingpin")
}

fn is_config_module(path: &str) -> bool {
    path.starts_with("github.com/spf13/viper")
        || path.starts_with("github.com/kelseyhightower/envconfig")
        || path.starts_with("github.com/caarlos0/env")
}

/// Packages whose `Query`, `Exec` and friends talk to a database.
pub(crate) fn is_database(path: &str) -> bool {
    path == "database/sql"
        || [
            "github.com/jmoiron/sqlx",
            "gorm.io/",
            "github.com/jinzhu/gorm",
            "github.com/jackc/pgx",
            "github.com/uptrace/bun",
            "github.com/go-pg/pg",
            "go.mongodb.org/mongo-driver",
            "github.com/gocql/gocql",
            "entgo.io/ent",
            "github.com/go-sql-driver/mysql",
            "github.com/lib/pq",
            "github.com/mattn/go-sqlite3",
            "modernc.org/sqlite",
        ]
        .iter()
        .any(|p| path.starts_with(p))
}

/// Receivers that hold a database handle (`p.db.QueryContext`, `tx.ExecContext`, `stmt.Exec`).
fn is_db_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["db", "tx", "stmt", "conn", "pool", "sql", "store", "repo"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Receivers that are an encoder or decoder (`enc.Encode`, `dec.Decode`, `json.NewDecoder(r).Decode`).
fn is_codec_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["enc", "dec", "codec", "json", "gob", "xml", "proto"]
        .iter()
        .any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_library_paths_have_no_dot_in_their_first_element() {
        assert!(is_standard("net/http"));
        assert!(!is_standard("example.com/orders/internal/store"));
        assert!(!is_standard(
            "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
        ));
    }

    #[test]
    fn sdk_modules_are_third_party_clients_not_utilities() {
        assert!(is_sdk("github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"));
        assert!(is_sdk("github.com/redis/go-redis/v9"));
        assert!(!is_sdk("go.uber.org/zap"));
        assert!(!is_sdk("encoding/json"));
    }

    #[test]
    fn operations_endpoints_are_told_by_their_route_or_file_name() {
        assert!(is_operations_route("\"/healthz\""));
        assert!(is_operations_route("\"/debug/pprof/\""));
        assert!(!is_operations_route("\"/orders/\""));
        assert!(is_operations_file("server/monitor.go"));
        assert!(is_operations_file("internal/ops/metrics_http.go"));
        assert!(is_operations_file("api/admin.go"));
        assert!(!is_operations_file("api/handler.go"));
        assert!(!is_operations_file("api/statuses_debugger.go"));
    }

    #[test]
    fn client_verbs_are_whole_words() {
        assert!(is_client_verb("UploadBuffer"));
        assert!(is_client_verb("Send"));
        assert!(!is_client_verb("Done"));
        assert!(!is_client_verb("Getter"));
    }
}
