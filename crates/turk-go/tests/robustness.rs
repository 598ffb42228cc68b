//! The analyzer must survive any input: random bytes, random token soup, and every truncation of real Go files
//! never panic, and a file with an error region is still analysed everywhere else. No new dependencies: the
//! random input comes from a small deterministic generator, so a failure reproduces from its seed.

use std::path::{Path, PathBuf};
use turk_go::{Analyzer, GoVersion};

/// xorshift64*: deterministic, good enough to shake a parser.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn go_files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            go_files_under(&path, out);
        } else if path.extension().is_some_and(|x| x == "go") {
            out.push(path);
        }
    }
}

/// Runs the analyzer and names the input when it panics, so the failure can be reproduced.
fn analyze(label: &str, src: &str, go: Option<GoVersion>) -> turk_go::FileAnalysis {
    let analyzer = Analyzer::all_rules();
    match std::panic::catch_unwind(|| analyzer.analyze_source("input.go", src, go)) {
        Ok(analysis) => {
            for f in &analysis.findings {
                assert!(
                    f.span.start_line >= 1 && f.span.start_line <= f.span.end_line,
                    "{label}: bad span {:?} from {}",
                    f.span,
                    f.origin.id()
                );
            }
            analysis
        }
        Err(_) => panic!("analyzer panicked on {label}:\n{src:?}"),
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng::new(0x7475_726b);
    for case in 0..400 {
        let len = rng.below(2048);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let src = String::from_utf8_lossy(&bytes);
        analyze(&format!("random bytes case {case}"), &src, None);
    }
}

/// Go tokens and fragments that the rules look for, glued at random: far more likely than random bytes to reach
/// the rules' checks with half-formed trees.
const TOKENS: &[&str] = &[
    "package p\n",
    "import \"time\"\n",
    "import (\"sync\"; \"net/http\"; \"context\"; \"regexp\"; \"fmt\"; \"strings\"; \"encoding/json\")\n",
    "func f(ctx context.Context, w http.ResponseWriter, r *http.Request) ",
    "func (c Cache) m(wg sync.WaitGroup, mu sync.Mutex) ",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "\n",
    ";",
    ",",
    "for ",
    "for _, x := range xs ",
    "for i := 0; i < n; i++ ",
    "for rows.Next() ",
    "select ",
    "case <-time.After(time.Second):",
    "case <-ctx.Done():",
    "default:",
    "go func() ",
    "defer ",
    "defer mu.Unlock()",
    "mu.Lock()",
    "wg.Add(1)",
    "wg.Wait()",
    "x = atomic.AddInt64(&x, 1)",
    "s += ",
    "fmt.Sprintf(\"%d\", n)",
    "fmt.Println(fmt.Sprintf(\"a\"))",
    "regexp.MustCompile(`^a+$`)",
    "regexp.MatchString(\"a\", s)",
    "json.Marshal(v)",
    "ctx, _ := context.WithTimeout(ctx, time.Second)",
    "context.Background()",
    "resp, err := http.Get(u)",
    "defer resp.Body.Close()",
    "if err != nil { return err }",
    "&http.Client{}",
    "&http.Server{Addr: a}",
    "io.ReadAll(r.Body)",
    "os.Exit(1)",
    "log.Fatal(err)",
    "time.Tick(time.Second)",
    "signal.Notify(c, os.Interrupt)",
    "make(chan os.Signal)",
    "make([]int, n)",
    "append(out, x)",
    "[]rune(s)",
    "strings.ToLower(a) == strings.ToLower(b)",
    "runtime.GC()",
    "t.Fatal(err)",
    "x := x",
    "return",
    "var ",
    "x",
    "=",
    ":=",
    "\"unterminated",
    "`raw",
    "/* comment",
    "//turk:ignore conc/busy-loop reason\n",
    "\u{feff}",
    "é",
];

#[test]
fn random_token_soup_never_panics() {
    let mut rng = Rng::new(42);
    for case in 0..600 {
        let mut src = String::new();
        let n = rng.below(120);
        for _ in 0..n {
            src.push_str(TOKENS[rng.below(TOKENS.len())]);
            if rng.below(3) == 0 {
                src.push(' ');
            }
        }
        let go = match rng.below(3) {
            0 => None,
            1 => GoVersion::parse("1.21"),
            _ => GoVersion::parse("1.22"),
        };
        analyze(&format!("token soup case {case}"), &src, go);
    }
}

/// Cut points spread over the file (about `target` of them) plus every line end: enough to cut inside every
/// construct kind without running thousands of analyses per file in a debug build.
fn cut_points(src: &str, target: usize) -> Vec<usize> {
    let step = (src.len() / target).max(1);
    let mut cuts: Vec<usize> = (0..src.len()).step_by(step).collect();
    cuts.extend(src.match_indices('\n').map(|(i, _)| i));
    cuts.retain(|&i| src.is_char_boundary(i));
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

fn truncations_never_panic(files: &[PathBuf], target: usize) -> usize {
    let mut runs = 0;
    for path in files {
        let src = std::fs::read_to_string(path).unwrap();
        let label = path
            .strip_prefix(repo_root())
            .unwrap_or(path)
            .display()
            .to_string();
        let go = GoVersion::parse("1.21");
        for cut in cut_points(&src, target) {
            // The file cut short, and the file with its middle torn out.
            analyze(&format!("{label} truncated at byte {cut}"), &src[..cut], go);
            let resume = src[cut..]
                .char_indices()
                .map(|(i, _)| cut + i)
                .find(|&i| i >= cut + 37)
                .unwrap_or(src.len());
            let torn = format!("{}{}", &src[..cut], &src[resume..]);
            analyze(&format!("{label} with bytes {cut}..{resume} removed"), &torn, go);
            runs += 2;
        }
    }
    runs
}

#[test]
fn truncated_rule_fixtures_never_panic() {
    let mut files = Vec::new();
    go_files_under(&repo_root().join("testdata/go"), &mut files);
    assert!(
        files.len() >= 40,
        "expected the rule fixtures, found {}",
        files.len()
    );
    // Every fourth fixture file is cut densely; the others at a coarser grain.
    let (dense, coarse): (Vec<_>, Vec<_>) = files.iter().cloned().enumerate().partition(|(i, _)| i % 4 == 0);
    let dense: Vec<PathBuf> = dense.into_iter().map(|(_, p)| p).collect();
    let coarse: Vec<PathBuf> = coarse.into_iter().map(|(_, p)| p).collect();
    let runs = truncations_never_panic(&dense, 120) + truncations_never_panic(&coarse, 30);
    assert!(runs > 1000, "only {runs} truncations analysed");
}

#[test]
fn truncated_sample_service_never_panics() {
    let mut files = Vec::new();
    go_files_under(&repo_root().join("testdata/sample-service"), &mut files);
    assert!(
        files.len() >= 8,
        "expected the sample service, found {}",
        files.len()
    );
    truncations_never_panic(&files, 80);
}

#[test]
fn every_byte_prefix_of_one_file_never_panics() {
    // One small file cut at every character boundary, so no position is skipped anywhere.
    let src =
        std::fs::read_to_string(repo_root().join("testdata/go/conc/time-after-in-loop/positive.go")).unwrap();
    for cut in (0..=src.len()).filter(|&i| src.is_char_boundary(i)) {
        analyze(
            &format!("time-after-in-loop/positive.go at {cut}"),
            &src[..cut],
            None,
        );
    }
}

#[test]
fn an_error_region_leaves_the_rest_of_the_file_analysed() {
    // Line 9 does not parse (a statement cut off mid-expression). The findings before and after it still count.
    let src = "package counter

import (
	\"fmt\"
	\"time\"
)

func broken() {
	x := (1 +
}

func poll(msgs <-chan int) {
	for {
		select {
		case m := <-msgs:
			_ = m
		case <-time.After(time.Second):
		}
	}
}

func label(n int) string {
	return fmt.Sprintf(\"%d\", n)
}
";
    let analysis = analyze("error region", src, GoVersion::parse("1.21"));
    let errors = analysis
        .parse_errors
        .as_ref()
        .expect("the file has a parse error");
    assert!(errors.count >= 1);
    assert!(
        (9..=10).contains(&errors.first_line),
        "first error at line {}, want 9 or 10",
        errors.first_line
    );
    let found: Vec<(&str, u32)> = analysis
        .findings
        .iter()
        .map(|f| (f.origin.id(), f.span.start_line))
        .collect();
    assert!(found.contains(&("conc/time-after-in-loop", 17)), "{found:?}");
    assert!(found.contains(&("fmt/sprintf-primitive", 23)), "{found:?}");
}

#[test]
fn go_1_26_new_of_expression_keeps_the_file_analysed() {
    // Go 1.26 lets `new` take an expression. The grammar takes it too (tree-sitter-go 0.25 read line 9 as
    // `new(fmt.Sprintf)("%d", n)` followed by an error region, so the Sprintf went unseen): no error region, and
    // the rules see inside the call and after it.
    let src = "package limits

import (
	\"fmt\"
	\"time\"
)

func label(n int) *string {
	return new(fmt.Sprintf(\"%d\", n))
}

func wait(jobs <-chan int) {
	for {
		select {
		case <-jobs:
			return
		case <-time.After(time.Second):
		}
	}
}
";
    let analysis = analyze("go 1.26 new(expr)", src, GoVersion::parse("1.26"));
    assert_eq!(analysis.parse_errors, None);
    let found: Vec<(&str, u32)> = analysis
        .findings
        .iter()
        .map(|f| (f.origin.id(), f.span.start_line))
        .collect();
    assert!(found.contains(&("fmt/sprintf-primitive", 9)), "{found:?}");
    assert!(found.contains(&("conc/time-after-in-loop", 17)), "{found:?}");
}

#[test]
fn garbage_is_reported_as_a_parse_error_not_dropped() {
    let analysis = analyze("garbage", "}}}{{{ func ( package", None);
    assert!(analysis.parse_errors.is_some());
    assert_eq!(analysis.path, "input.go");
    assert!(analysis.metrics.lines >= 1);
}
