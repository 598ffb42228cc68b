//! One phase of `cargo xtask bench`, run in its own process so its peak memory is its own.
//!
//! ```text
//! cargo run --release -p turk-go --example scan_bench -- parse DIR     # the floor: discovery, reading, parsing
//! cargo run --release -p turk-go --example scan_bench -- scan DIR      # Analyzer::all_rules().scan
//! cargo run --release -p turk-go --example scan_bench -- profile DIR   # where the scan's time goes, per rule
//! cargo run --release -p turk-go --example scan_bench -- scope DIR     # the scope ranking's time, and its top
//! ```
//!
//! `parse` and `scan` print one line of `key=value` fields (files, lines, bytes, wall seconds, peak RSS from
//! `VmHWM`, findings, files with parse errors, skipped files) for the xtask to read. Both use the same
//! discovery, the same reading of each file and the same rayon parallelism; the floor only parses.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tree_sitter::Tree;
use turk_go::{Analyzer, MAX_FILE_BYTES, rule_metas};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, dir] = args.as_slice() else {
        eprintln!("usage: scan_bench parse|scan|profile|scope DIR");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    match mode.as_str() {
        "parse" => parse_only(&dir),
        "scan" => scan(&dir),
        "profile" => profile(&dir),
        "scope" => scope(&dir),
        other => {
            eprintln!("unknown mode `{other}`; expected parse, scan, profile or scope");
            std::process::exit(2);
        }
    }
}

/// The parse-only floor.
fn parse_only(dir: &Path) {
    let start = Instant::now();
    let files = discovered(dir);
    let results: Vec<Option<(usize, u32, bool)>> = files
        .par_iter()
        .map(|file| {
            let text = read_go_file(file)?;
            let tree = turk_go::parse(&text)?;
            Some((text.len(), count_lines(&text), tree.root_node().has_error()))
        })
        .collect();
    let wall = start.elapsed();
    let read: Vec<_> = results.iter().flatten().collect();
    println!(
        "files={} lines={} bytes={} wall_s={:.6} cpu_s={:.2} peak_rss_kb={} findings=0 parse_errors={} skipped={}",
        read.len(),
        read.iter().map(|r| u64::from(r.1)).sum::<u64>(),
        read.iter().map(|r| r.0 as u64).sum::<u64>(),
        wall.as_secs_f64(),
        process_cpu_s(),
        peak_rss_kb(),
        read.iter().filter(|r| r.2).count(),
        results.len() - read.len(),
    );
}

/// The scanner with every rule, as `turk scan` runs it.
fn scan(dir: &Path) {
    let start = Instant::now();
    let report = Analyzer::all_rules().scan(&[dir.to_path_buf()]);
    let wall = start.elapsed();
    let bytes: u64 = report
        .files
        .iter()
        .filter_map(|f| std::fs::metadata(report.root.join(&f.path)).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "files={} lines={} bytes={} wall_s={:.6} cpu_s={:.2} peak_rss_kb={} findings={} \
         parse_errors={} skipped={}",
        report.files.len(),
        report
            .files
            .iter()
            .map(|f| u64::from(f.metrics.lines))
            .sum::<u64>(),
        bytes,
        wall.as_secs_f64(),
        process_cpu_s(),
        peak_rss_kb(),
        report.findings().count(),
        report.files_with_parse_errors().count(),
        report.skipped.len(),
    );
}

/// The scope ranking after a scan, as `turk audit` runs it (the cross-file pass, kinds, scores, reasons), timed
/// against the scan itself: wall time of each, best of three; then the ranking's top 15 (`SCOPE_TOP=n` for
/// more) with kinds and reasons, and the hot functions of the files whose path contains `SCOPE_FILE`.
fn scope(dir: &Path) {
    let mut scan_s = f64::MAX;
    let mut scope_s = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let report = Analyzer::all_rules()
            .with_scope_facts()
            .scan(&[dir.to_path_buf()]);
        scan_s = scan_s.min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        let analysis = turk_go::scope::analyse(&report.files, &report.modules);
        let ranked = analysis.rank(15);
        let outline = analysis.outline().len();
        scope_s = scope_s.min(start.elapsed().as_secs_f64());
        if ranked.is_empty() && outline == 0 {
            eprintln!("nothing ranked");
        }
    }
    println!(
        "scan_s={scan_s:.3} scope_s={scope_s:.4} scope_share={:.2}%",
        100.0 * scope_s / scan_s
    );
    let report = Analyzer::all_rules()
        .with_scope_facts()
        .scan(&[dir.to_path_buf()]);
    let analysis = turk_go::scope::analyse(&report.files, &report.modules);
    let top = std::env::var("SCOPE_TOP")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(15);
    for (i, e) in analysis.rank(top).iter().enumerate() {
        println!(
            "{:>2}. {:>7.1} {} [{}] {}",
            i + 1,
            e.score,
            e.path,
            e.kind,
            e.reason
        );
    }
    let Ok(pattern) = std::env::var("SCOPE_FILE") else {
        return;
    };
    for e in analysis.pinned(&[format!("**/*{pattern}*")]).unwrap_or_default() {
        println!("{} [{}] {:.1}", e.path, e.kind, e.score);
        for f in &e.hot_functions {
            println!("  {} {}-{}: {}", f.name, f.start_line, f.end_line, f.why);
        }
    }
}

/// Single-threaded breakdown in CPU seconds of this thread (wall time lies on a busy machine): parse alone, a
/// bare tree walk, the analysis with no rule enabled (parse, walk, metrics, file context), the whole analysis,
/// and what each rule's checks add.
fn profile(dir: &Path) {
    let files = discovered(dir);
    let texts: Vec<String> = files.iter().filter_map(|f| read_go_file(f)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let analyzer = Analyzer::all_rules();
    // Each timing is the best of two runs: the first run of anything also pays for warming the allocator.
    let best = |f: &dyn Fn() -> usize| {
        let (value, first) = cpu(f);
        let (_, second) = cpu(f);
        (value, first.min(second))
    };
    // Trees are dropped as soon as they are used, as in the scan: keeping them all would time cache misses.
    let (_, parse) = best(&|| {
        texts
            .iter()
            .filter_map(|t| turk_go::parse(t))
            .map(|tree| usize::from(tree.root_node().has_error()))
            .sum()
    });
    let (nodes, parse_and_walk) = best(&|| {
        texts
            .iter()
            .filter_map(|t| turk_go::parse(t))
            .map(|tree| walk_nodes(&tree))
            .sum()
    });
    let walk = parse_and_walk - parse;
    let analyze_with = |analyzer: &Analyzer| {
        best(&|| {
            for (text, file) in texts.iter().zip(&files) {
                analyzer.analyze_source(&file.to_string_lossy(), text, None);
            }
            0
        })
        .1
    };
    let families: Vec<String> = turk_go::Family::ALL
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let none = Analyzer::select(&[], &families).expect("families exist");
    let baseline = analyze_with(&none);
    let all = analyze_with(&analyzer);
    println!(
        "{} files, {:.1} MB, {nodes} nodes; CPU s: parse {parse:.2}, tree walk {walk:.2}, analysis with no rule \
         {baseline:.2}, analysis with all rules {all:.2}",
        texts.len(),
        bytes as f64 / 1e6,
    );
    // Per rule: the analysis with only this rule enabled, less the analysis with none measured right before it
    // (a baseline taken once drifts with the machine over a long run).
    let mut costs: Vec<(f64, &str)> = rule_metas()
        .map(|meta| {
            let id = meta.id;
            let only = Analyzer::select(&[id.to_string()], &[]).expect("rule exists");
            let before = analyze_with(&none);
            (analyze_with(&only) - before, id)
        })
        .collect();
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("per rule, CPU s its checks add:");
    for (checks, id) in costs {
        println!("  {checks:>7.3}  {id}");
    }
}

fn walk_nodes(tree: &Tree) -> usize {
    let mut cursor = tree.walk();
    let mut count = 0;
    loop {
        count += 1;
        if cursor.goto_first_child() || cursor.goto_next_sibling() {
            continue;
        }
        loop {
            if !cursor.goto_parent() {
                return count;
            }
            if cursor.goto_next_sibling() {
                break;
            }
        }
    }
}

/// Runs `f` and returns its value and the CPU seconds this thread spent on it.
fn cpu<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let before = thread_cpu_s();
    let value = f();
    (value, thread_cpu_s() - before)
}

/// User plus system CPU time of this thread, from /proc/thread-self/stat (clock ticks of 1/100 s).
fn thread_cpu_s() -> f64 {
    stat_cpu_s("/proc/thread-self/stat")
}

/// User plus system CPU time of the whole process so far (all threads).
fn process_cpu_s() -> f64 {
    stat_cpu_s("/proc/self/stat")
}

fn stat_cpu_s(path: &str) -> f64 {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, r)| r)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // After the command name: state is field 0, utime field 11, stime field 12.
    (ticks(11) + ticks(12)) / 100.0
}

/// The files `scan` would read, in the same order.
fn discovered(dir: &Path) -> Vec<PathBuf> {
    let mut files = turk_go::discover(dir).files;
    files.sort();
    files.dedup();
    files
}

/// The same checks as the scanner's reading of a file: size, NUL bytes, UTF-8, generated marker, `//go:build
/// ignore`.
fn read_go_file(path: &Path) -> Option<String> {
    if std::fs::metadata(path).ok()?.len() > MAX_FILE_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    if bytes.contains(&0) {
        return None;
    }
    let text = String::from_utf8(bytes).ok()?;
    (!turk_go::is_generated(&text) && !turk_go::is_build_ignored(&text)).then_some(text)
}

fn count_lines(src: &str) -> u32 {
    let newlines = src.bytes().filter(|b| *b == b'\n').count() as u32;
    newlines + u32::from(!src.is_empty() && !src.ends_with('\n'))
}

/// Peak resident set size of this process, in KiB (`VmHWM` in /proc/self/status; 0 where there is none).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
