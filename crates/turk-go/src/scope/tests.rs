use super::*;
use crate::Analyzer;
use std::path::{Path, PathBuf};

fn testdata(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/scope")
        .join(folder)
}

/// Every file of a fixture folder, scanned as `turk audit` scans a repository.
fn scan(folder: &str) -> crate::ScanReport {
    Analyzer::all_rules().with_scope_facts().scan(&[testdata(folder)])
}

fn entry<'a>(entries: &'a [ScopeEntry], path: &str) -> &'a ScopeEntry {
    entries
        .iter()
        .find(|e| e.path == path)
        .unwrap_or_else(|| panic!("{path} not in {entries:#?}"))
}

#[test]
fn each_kind_of_code_is_named_with_its_evidence() {
    let report = scan("kinds");
    let all = report.scope().pinned(&["**".to_string()]).unwrap();
    let expected: &[(&str, &str, &[&str])] = &[
        (
            "jsonrpc/transport.go",
            "JSON-RPC transport",
            &["per-message JSON over a bufio stream", "read loop", "writer lock"],
        ),
        (
            "httpapi/server.go",
            "HTTP server",
            &["routes on a mux", "serves HTTP"],
        ),
        (
            "httpapi/handlers.go",
            "HTTP handlers",
            &["JSON decoding and encoding per request"],
        ),
        ("grpcsvc/service.go", "gRPC server", &["service registration"]),
        (
            "notify/client.go",
            "HTTP client",
            &["outbound HTTP requests", "JSON bodies"],
        ),
        (
            "store/postgres.go",
            "database access",
            &["SQL queries", "queries inside loops"],
        ),
        ("blobs/blobs.go", "azblob client", &["azblob SDK calls"]),
        (
            "worker/pool.go",
            "worker pool",
            &["goroutines started in a loop", "WaitGroup"],
        ),
        ("cache/lru.go", "cache", &["map behind a mutex", "eviction"]),
        ("tokenizer/tokenizer.go", "tokenizer", &["byte-level loops"]),
        ("ingest/walk.go", "file pipeline", &["directory walks"]),
        (
            "cmd/tool/main.go",
            "entry point",
            &["parses flags", "reads its configuration"],
        ),
        (
            "internal/testutil/server.go",
            "test support",
            &["imports testing"],
        ),
        (
            "ops/metrics.go",
            "operations endpoints",
            &["monitoring, health or debugging handlers"],
        ),
        ("cron/cron.go", "scheduler", &["ticker loop in a goroutine"]),
        (
            "wal/wal.go",
            "storage engine",
            &["writes under a lock", "checksums or compression"],
        ),
        (
            "report/render.go",
            "text rendering",
            &["strings built and formatted inside loops"],
        ),
    ];
    for (path, kind, evidence) in expected {
        let e = entry(&all, path);
        assert_eq!(&e.kind, kind, "{path}: {}", e.reason);
        for words in *evidence {
            assert!(
                e.reason.contains(words),
                "{path}: `{words}` not in `{}`",
                e.reason
            );
        }
    }
    assert_eq!(all.len(), expected.len(), "a fixture without an expectation");
}

#[test]
fn test_support_and_operations_endpoints_rank_below_the_engines() {
    let report = scan("kinds");
    let ranked = report.scope().rank(100);
    let place = |path: &str| ranked.iter().position(|e| e.path == path).unwrap();
    for engine in [
        "jsonrpc/transport.go",
        "httpapi/handlers.go",
        "worker/pool.go",
        "cache/lru.go",
    ] {
        assert!(place(engine) < place("internal/testutil/server.go"), "{engine}");
        assert!(place(engine) < place("ops/metrics.go"), "{engine}");
    }
}

fn analyse_one(path: &str, src: &str) -> FileAnalysis {
    Analyzer::all_rules()
        .with_scope_facts()
        .analyze_source(path, src, None)
}

#[test]
fn ranks_busy_files_first_and_leaves_tests_and_quiet_files_out() {
    let busy = "package s\nimport (\"net/http\"; \"encoding/json\"; \"sync\")\nvar mu sync.Mutex\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tgo func() {}()\n\tjson.NewEncoder(w).Encode(1)\n\thttp.Get(\"x\")\n}\n";
    let quiet = "package s\nfunc add(a, b int) int { return a + b }\n";
    let files = vec![
        analyse_one("internal/api/handler.go", busy),
        analyse_one("internal/mathx/add.go", quiet),
        analyse_one("internal/api/handler_test.go", busy),
    ];
    let ranked = rank(&files, 10);
    assert_eq!(ranked.len(), 1, "quiet and test files are left out: {ranked:?}");
    assert_eq!(ranked[0].path, "internal/api/handler.go");
    assert_eq!(ranked[0].kind, "HTTP handlers");
}

#[test]
fn pinned_scope_follows_globs() {
    let files = vec![
        analyse_one("internal/a/x.go", "package a\n"),
        analyse_one("internal/b/y.go", "package b\n"),
    ];
    let pinned = pinned(&files, &["internal/a/*.go".to_string()]).unwrap();
    assert_eq!(pinned.len(), 1);
    assert!(pinned[0].pinned);
    assert!(super::pinned(&files, &["[".to_string()]).is_err());
}

fn hot<'a>(entry: &'a ScopeEntry, name: &str) -> &'a HotFunction {
    entry
        .hot_functions
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{name} is not hot in {}: {:#?}", entry.path, entry.hot_functions))
}

#[test]
fn hotness_flows_along_calls_across_the_module() {
    let report = scan("relay");
    let all = report.scope().pinned(&["**".to_string()]).unwrap();
    // A read loop over a connection makes what it calls per message, in another package...
    let wire = entry(&all, "internal/wire/wire.go");
    assert_eq!(
        hot(wire, "Decode").why,
        "called per message from internal/broker/conn.go:19 (Broker.handle)"
    );
    assert!(
        wire.reason
            .contains("Decode called per message from internal/broker/conn.go:19"),
        "{}",
        wire.reason
    );
    // ...and one call further, within the package.
    let broker = entry(&all, "internal/broker/broker.go");
    assert_eq!(
        hot(broker, "match").why,
        "called in a loop per message from line 34 (Broker.Publish)"
    );
    // A goroutine started per accepted connection runs per connection.
    let conn = entry(&all, "internal/broker/conn.go");
    assert_eq!(
        hot(conn, "Broker.handle").why,
        "runs per connection from internal/broker/server.go:13 (Serve)"
    );
    // A registered handler, and what it calls.
    let handlers = entry(&all, "internal/web/handlers.go");
    assert_eq!(hot(handlers, "handlers.publish").why, "HTTP handler");
    let pool = entry(&all, "internal/jobs/pool.go");
    assert_eq!(
        hot(pool, "Pool.Submit").why,
        "called per request from internal/web/handlers.go:31 (handlers.publish)"
    );
    assert_eq!(
        hot(pool, "Pool.run").why,
        "called per job from line 29 (Pool.work)"
    );
    // What nothing hot calls stays cold, and so does an error path: `rejected` runs when a line is bad.
    assert!(entry(&all, "internal/textutil/pad.go").hot_functions.is_empty());
    assert!(
        !broker.hot_functions.iter().any(|f| f.name == "Broker.rejected"),
        "{broker:#?}"
    );
}

#[test]
fn the_sample_service_ranks_its_engines_and_follows_calls_by_receiver_type() {
    let report = Analyzer::all_rules()
        .with_scope_facts()
        .scan(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/sample-service")]);
    let ranked = report.scope().rank(10);
    assert_eq!(ranked.len(), 10);
    assert_eq!(ranked[0].path, "internal/api/handler.go");
    assert_eq!(ranked[0].kind, "HTTP handlers");
    assert_eq!(ranked[9].path, "cmd/ordersvc/main.go", "{ranked:#?}");
    let cache = entry(&ranked, "internal/store/cache.go");
    assert_eq!(cache.kind, "cache");
    assert_eq!(
        hot(cache, "Cache.GetOrLoad").why,
        "called per request from internal/api/handler.go:132 (Handler.order)"
    );
    // `h.orders.Get(...)` is the Postgres repository's Get (the field's type says so), and
    // `r.URL.Query().Get(...)` is the standard library's: neither makes the cache's Get hot.
    assert!(
        !cache.hot_functions.iter().any(|f| f.name == "Cache.Get"),
        "{cache:#?}"
    );
    let postgres = entry(&ranked, "internal/store/postgres.go");
    assert!(postgres.hot_functions.iter().any(|f| f.name == "Postgres.Get"));
    // The /healthz handler serves operations: the database ping it makes is not a hot path.
    assert!(
        postgres.hot_functions.iter().all(|f| f.name != "Postgres.Ping"),
        "{postgres:#?}"
    );
}

#[test]
fn an_operations_endpoint_makes_nothing_it_calls_per_request() {
    let report = scan("relay");
    let all = report.scope().pinned(&["**".to_string()]).unwrap();
    let handlers = entry(&all, "internal/web/handlers.go");
    assert!(
        handlers
            .hot_functions
            .iter()
            .all(|f| f.name != "handlers.metrics"),
        "{handlers:#?}"
    );
    let broker = entry(&all, "internal/broker/broker.go");
    assert!(
        broker.hot_functions.iter().all(|f| f.name != "Broker.Stats"),
        "{broker:#?}"
    );
    // What the operations handler calls is still hot when something hot calls it too.
    assert!(broker.hot_functions.iter().any(|f| f.name == "Broker.Publish"));
}

#[test]
fn an_entry_point_ranks_below_the_engines_it_starts_and_names_them() {
    let report = scan("relay");
    let ranked = report.scope().rank(100);
    let main = entry(&ranked, "cmd/relay/main.go");
    assert_eq!(main.kind, "entry point");
    assert!(
        main.reason.starts_with("parses flags, handles signals; starts "),
        "{}",
        main.reason
    );
    for started in [
        "internal/jobs/pool.go",
        "internal/web/server.go",
        "internal/broker/server.go",
    ] {
        assert!(main.reason.contains(started), "{started} not in {}", main.reason);
        assert!(entry(&ranked, started).score > main.score, "{started}");
    }
    let last_engine = ranked
        .iter()
        .rposition(|e| !e.kind.is_empty() && e.kind != "entry point")
        .unwrap();
    let main_place = ranked.iter().position(|e| e.path == "cmd/relay/main.go").unwrap();
    assert!(main_place > last_engine, "{ranked:#?}");
}

/// Scores by path of a scan of `folder` with some rules left out.
fn scores(folder: &str, skip: &[&str]) -> Vec<(String, f64)> {
    let skip: Vec<String> = skip.iter().map(|s| s.to_string()).collect();
    let report = Analyzer::select(&[], &skip)
        .unwrap()
        .with_scope_facts()
        .scan(&[testdata(folder)]);
    let mut scores: Vec<(String, f64)> = report
        .scope()
        .pinned(&["**".to_string()])
        .unwrap()
        .into_iter()
        .map(|e| (e.path, e.score))
        .collect();
    scores.sort_by(|a, b| a.0.cmp(&b.0));
    scores
}

#[test]
fn style_findings_test_findings_and_findings_off_the_hot_paths_never_raise_a_file() {
    // The fixture is full of findings that must not count: style rules' in hot handlers, a test file's, and
    // real ones in code nothing hot calls.
    let report = scan("noise");
    let findings: Vec<&str> = report.findings().map(|f| f.origin.id()).collect();
    for rule in [
        "fmt/format-without-verbs",
        "conc/redundant-loopvar-copy",
        "regexp/compile-in-func",
    ] {
        assert!(
            findings.contains(&rule),
            "the fixture lost its {rule} findings: {findings:?}"
        );
    }
    assert!(report.files.iter().any(|f| f.is_test && !f.findings.is_empty()));
    let all = scores("noise", &[]);
    let without = scores(
        "noise",
        &[
            "fmt/format-without-verbs",
            "conc/redundant-loopvar-copy",
            "regexp/compile-in-func",
        ],
    );
    assert_eq!(all, without);
    // A real finding on a hot path does count.
    let ranked = report.scope().rank(10);
    let api = entry(&ranked, "api/api.go");
    assert!(
        api.reason.contains("static finding on hot paths: 1 P1"),
        "{}",
        api.reason
    );
    let without_it = scores("noise", &["regexp/match-helper-in-loop"]);
    let with_it = all.iter().find(|(p, _)| p == "api/api.go").unwrap().1;
    let without_score = without_it.iter().find(|(p, _)| p == "api/api.go").unwrap().1;
    assert!(with_it > without_score, "{with_it} vs {without_score}");
}

#[test]
fn methods_called_on_standard_library_values_are_not_the_modules() {
    let server = "package app\n\n// Server runs the app.\ntype Server struct{}\n\n// Stop stops it.\nfunc (s *Server) Stop() {}\n\n// Set sets it.\nfunc (s *Server) Set(k, v string) {}\n";
    let handler = "package app\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\nfunc wait(w http.ResponseWriter, r *http.Request) {\n\tt := time.NewTimer(time.Second)\n\tdefer t.Stop()\n\tw.Header().Set(\"X\", \"y\")\n\ttime.Now().Add(time.Second)\n}\n";
    let files = vec![
        analyse_one("app/server.go", server),
        analyse_one("app/handler.go", handler),
    ];
    let all = analyse(&files, &[]).pinned(&["**".to_string()]).unwrap();
    let server = entry(&all, "app/server.go");
    assert!(server.hot_functions.is_empty(), "{server:#?}");
    // The same names called on the module's own values are followed.
    let own = handler_calling("s := &Server{}\n\ts.Stop()");
    let files = vec![
        analyse_one("app/server.go", SERVER),
        analyse_one("app/handler.go", &own),
    ];
    let all = analyse(&files, &[]).pinned(&["**".to_string()]).unwrap();
    assert!(
        hot(entry(&all, "app/server.go"), "Server.Stop")
            .why
            .starts_with("called per request")
    );
}

const SERVER: &str = "package app\n\n// Server runs the app.\ntype Server struct{}\n\n// Stop stops it.\nfunc (s *Server) Stop() {}\n";

fn handler_calling(body: &str) -> String {
    format!(
        "package app\n\nimport \"net/http\"\n\nfunc wait(w http.ResponseWriter, r *http.Request) {{\n\t{body}\n}}\n"
    )
}

#[test]
fn a_handler_that_takes_the_connection_over_runs_per_connection() {
    let src = "package ws\n\nimport (\n\t\"net\"\n\t\"net/http\"\n)\n\nfunc upgrade(w http.ResponseWriter, r *http.Request) {\n\tconn, _, err := w.(http.Hijacker).Hijack()\n\tif err != nil {\n\t\treturn\n\t}\n\tserve(conn)\n}\n\nfunc serve(conn net.Conn) {\n\tconn.Close()\n}\n";
    let files = vec![analyse_one("ws/ws.go", src)];
    let all = analyse(&files, &[]).pinned(&["**".to_string()]).unwrap();
    let ws = entry(&all, "ws/ws.go");
    assert_eq!(hot(ws, "upgrade").why, "runs per connection");
    assert_eq!(
        hot(ws, "serve").why,
        "called per connection from line 13 (upgrade)"
    );
}

#[test]
fn the_scope_facts_change_no_finding_and_a_scan_without_them_cannot_be_ranked() {
    let with = scan("noise");
    let without = Analyzer::all_rules().scan(&[testdata("noise")]);
    let lines = |r: &crate::ScanReport| -> Vec<(String, u32)> {
        r.findings()
            .map(|f| (f.origin.id().to_string(), f.span.start_line))
            .collect()
    };
    assert_eq!(lines(&with), lines(&without));
    assert!(without.files.iter().all(|f| f.declared_functions().len() == 0));
    let ranked = std::panic::catch_unwind(|| without.scope().rank(1).len());
    assert!(ranked.is_err(), "ranking needs Analyzer::with_scope_facts");
}
