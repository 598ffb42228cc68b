//! Analysing one file: one parse, one walk over the tree handing each node to the rules and metrics that asked
//! for its kind (and each call to the rules that asked for its name), then suppressions.
//! Nothing of the tree outlives this function.

use crate::Analyzer;
use crate::constraint;
use crate::context::children::KindName;
use crate::context::test_code::is_test_support_package;
use crate::context::{FileContext, imports::Imports, types::TypeIndex};
use crate::gomod::GoVersion;
use crate::metrics::{self, FileMetrics};
use crate::registry::{self, CallSubscriber};
use crate::rule::{Call, Family};
use crate::rules::RULES;
use crate::scope::facts::{Collector, FileFacts};
use crate::suppress::Suppressions;
use crate::warning::Warning;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use tree_sitter::{Node, Parser, Tree};
use turk_findings::Finding;

/// The result for one file.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct FileAnalysis {
    pub path: String,
    pub findings: Vec<Finding>,
    pub metrics: FileMetrics,
    /// Set when part of the file did not parse; rules still ran on the rest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parse_errors: Option<ParseErrors>,
    /// A `_test.go` file.
    pub is_test: bool,
    /// A file of a test-support package (`testutil`, `httptest`, `mocks`...: see docs/rules.md).
    pub is_test_package: bool,
    /// Suppressions that name no rule, and suppressions that suppressed nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// What the scope ranking learns about the file in the same walk.
    #[serde(skip)]
    pub(crate) facts: FileFacts,
}

/// A function or method a file declares at the top level, with its lines: what a tool needs to tell which
/// function a line belongs to (a profile's function, a finding's place) without parsing the file again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeclaredFunction<'a> {
    pub name: &'a str,
    /// The receiver's type name for a method (`Cache` of `func (c *Cache) Get` and of
    /// `func (c Cache[K, V]) Len`), "" for a function.
    pub receiver: &'a str,
    /// The line of its `func` keyword, 1-based.
    pub start_line: u32,
    /// The line of its closing brace.
    pub end_line: u32,
}

impl DeclaredFunction<'_> {
    /// `Name`, or `Type.Name` for a method.
    pub fn display_name(&self) -> String {
        if self.receiver.is_empty() {
            self.name.to_string()
        } else {
            format!("{}.{}", self.receiver, self.name)
        }
    }

    /// Whether `line` is inside the declaration (func literals in its body included).
    pub fn contains(&self, line: u32) -> bool {
        (self.start_line..=self.end_line).contains(&line)
    }
}

impl FileAnalysis {
    /// The functions and methods the file declares at the top level, in source order. Collected in the scan's
    /// walk for the scope ranking ([`crate::Analyzer::with_scope_facts`]; empty without it), which leaves test
    /// files (`_test.go`) out: for them the list is empty.
    pub fn declared_functions(&self) -> impl ExactSizeIterator<Item = DeclaredFunction<'_>> + '_ {
        self.facts.functions.iter().map(|f| DeclaredFunction {
            name: &f.name,
            receiver: &f.receiver,
            start_line: f.start_line,
            end_line: f.end_line,
        })
    }

    /// The top-level function or method whose declaration holds `line` (a line inside a func literal belongs to
    /// the function that declares the literal); `None` outside any function and in test files.
    pub fn function_at(&self, line: u32) -> Option<DeclaredFunction<'_>> {
        self.declared_functions().find(|f| f.contains(line))
    }
}

/// Where the parser gave up on parts of a file.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ParseErrors {
    /// Number of error regions.
    pub count: u32,
    /// 1-based line of the first one.
    pub first_line: u32,
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut parser = Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).expect("tree-sitter-go matches the tree-sitter version");
        parser
    });
}

/// Parses Go source with this thread's parser.
pub fn parse(src: &str) -> Option<Tree> {
    PARSER.with(|p| p.borrow_mut().parse(src, None))
}

/// Which rules run: a flag per entry of [`RULES`].
pub type Enabled<'a> = &'a [bool];

/// Analyses one file's text. `path` is the display path (relative to the scanned root); `package_folder` is
/// the folder of the file's package inside its module, which tells test-support packages.
pub fn analyze_source(
    path: &str,
    src: &str,
    module_go: Option<GoVersion>,
    package_folder: &str,
    analyzer: &Analyzer,
) -> FileAnalysis {
    let is_test = path.ends_with("_test.go");
    let mut analysis = FileAnalysis {
        path: path.to_string(),
        findings: Vec::new(),
        metrics: FileMetrics {
            lines: count_lines(src),
            ..FileMetrics::default()
        },
        parse_errors: None,
        is_test,
        is_test_package: false,
        warnings: Vec::new(),
        facts: FileFacts::default(),
    };
    let Some(tree) = parse(src) else {
        analysis.parse_errors = Some(ParseErrors {
            count: 1,
            first_line: 1,
        });
        return analysis;
    };
    let root = tree.root_node();
    let has_errors = root.has_error();
    if has_errors {
        analysis.parse_errors = Some(error_regions(root));
    }
    let cx = file_context(path, src, root, module_go, package_folder, analyzer.tests);
    analysis.is_test_package = cx.is_test_package;
    let enabled = rules_for(analyzer, is_test || cx.is_test_package);
    let any_rule = enabled.iter().any(|on| *on);
    let dispatch = registry::dispatch();
    let mut facts = analyzer.scope_facts.then(|| Collector::new(&cx));
    walk(root, &dispatch.opaque, |node, kind| {
        let Some(Some(entry)) = dispatch.kinds.get(usize::from(kind)) else {
            return;
        };
        if node.is_missing() {
            return;
        }
        if let Some(metric) = entry.metric {
            metrics::record(&mut analysis.metrics, metric, node, &cx);
        }
        if let (Some(fact), Some(facts)) = (entry.fact, facts.as_mut()) {
            facts.node(fact, node, &cx);
        }
        if any_rule {
            for &rule in &entry.rules {
                if enabled[rule] {
                    (RULES[rule].check)(node, &cx, &mut analysis.findings);
                }
            }
        }
        if entry.is_call
            && let Some(call) = Call::of(node)
        {
            metrics::record_call(&mut analysis.metrics, &call, &cx);
            if let Some(facts) = facts.as_mut() {
                facts.call(&call, &cx);
            }
            if any_rule {
                dispatch_call(&call, &dispatch.calls, enabled, &cx, &mut analysis.findings);
            }
        }
    });
    analysis.facts = facts.map(Collector::finish).unwrap_or_default();
    let (suppressions, warnings) =
        Suppressions::parse(src, path, &|id| registry::rule_meta(id).map(|m| m.id));
    analysis.warnings = warnings;
    analysis
        .findings
        .retain(|f| !suppressions.covers(f.origin.id(), f.span.start_line));
    for (rule, line) in cx.dropped.borrow().iter() {
        suppressions.covers(rule, *line);
    }
    let ran = |selector: &str| {
        RULES.iter().zip(enabled).any(|(r, on)| {
            *on && (r.meta.id == selector || Family::from_name(selector) == Some(r.meta.family()))
        })
    };
    analysis
        .warnings
        .extend(suppressions.unused(path, &ran, any_rule));
    analysis.warnings.sort_by_key(|w| w.line);
    analysis.findings.sort_by(|a, b| {
        (a.span.start_line, a.span.start_column, a.origin.id()).cmp(&(
            b.span.start_line,
            b.span.start_column,
            b.origin.id(),
        ))
    });
    analysis
        .findings
        .dedup_by(|a, b| a.origin == b.origin && a.span == b.span);
    turk_findings::disambiguate_fingerprints(&mut analysis.findings);
    analysis
}

/// What the rules are told about a file: its imports, Go version (a `//go:build` constraint that requires one, or
/// the module's), whether it is test code, and its indexes. `package_folder` is the folder of its package inside
/// its module, which tells test-support packages.
pub(crate) fn file_context<'a>(
    path: &'a str,
    src: &'a str,
    root: Node<'a>,
    module_go: Option<GoVersion>,
    package_folder: &str,
    report_tests: bool,
) -> FileContext<'a> {
    let package = package_name(root, src);
    FileContext {
        path,
        src,
        imports: Imports::from_tree(root, src),
        go_version: constraint::go_version(src).or(module_go),
        is_test: path.ends_with("_test.go"),
        is_test_package: is_test_support_package(package_folder, package),
        package,
        report_tests,
        dropped: Default::default(),
        root,
        package_level: Default::default(),
        may_shadow: Default::default(),
        types: TypeIndex::from_tree(root, src),
        starts_goroutines: Default::default(),
        top_level: {
            let mut cursor = root.walk();
            root.children(&mut cursor)
                .map(|child| (child.start_byte(), child.end_byte(), child))
                .collect()
        },
    }
}

/// The rules that run on a file. In test code whose findings are not reported, only the rules about tests run:
/// the others' findings would all be dropped, so they do not walk the file at all.
fn rules_for(analyzer: &Analyzer, test_code: bool) -> Enabled<'_> {
    if test_code && !analyzer.tests {
        &analyzer.enabled_in_test_code
    } else {
        &analyzer.enabled
    }
}

/// Visits every node of the tree in source order, parents before children, with its kind id, except what lies
/// inside an ERROR node (the parser could not make sense of that region, and nothing in it can be trusted) and
/// inside the kinds marked `opaque` (nobody asked for anything there).
fn walk<'t>(root: Node<'t>, opaque: &[bool], mut visit: impl FnMut(Node<'t>, u16)) {
    // The hottest loop of the scan: the cursor is driven by hand rather than through `children::descendants`.
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let kind = node.kind_id();
        let trusted = kind != ERROR_KIND;
        if trusted {
            visit(node, kind);
        }
        let descend = trusted && !opaque.get(usize::from(kind)).copied().unwrap_or(false);
        if descend && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// The kind id of ERROR nodes (tree-sitter's `ts_builtin_sym_error`, `(TSSymbol)-1`).
const ERROR_KIND: u16 = u16::MAX;

/// Hands a call to the rules that asked for its called name (see `Rule::visits`), and for package functions
/// only where the call is one of the package asked for.
fn dispatch_call(
    call: &Call<'_>,
    calls: &HashMap<&'static str, Vec<CallSubscriber>>,
    enabled: Enabled<'_>,
    cx: &FileContext<'_>,
    out: &mut Vec<Finding>,
) {
    let Some(rules) = calls.get(cx.text(call.name)) else {
        return;
    };
    // The import path the receiver names, looked up once per call for all the rules asking.
    let mut receiver_package = None;
    for subscriber in rules {
        if !enabled[subscriber.rule] || !(subscriber.unqualified || call.recv.is_some()) {
            continue;
        }
        if !subscriber.packages.is_empty() {
            let called = match call.recv {
                Some(recv) => receiver_package
                    .get_or_insert_with(|| cx.package_of(recv))
                    .is_some_and(|path| subscriber.packages.contains(&path)),
                // `Name(...)`: a function of a dot-imported package, unless the file declares the name.
                None => {
                    subscriber
                        .packages
                        .iter()
                        .any(|path| cx.imports.is_dot_imported(path))
                        && cx.lookup(cx.text(call.name), call.name).is_none()
                }
            };
            if !called {
                continue;
            }
        }
        (RULES[subscriber.rule].check)(call.node, cx, out);
    }
}

fn count_lines(src: &str) -> u32 {
    let newlines = src.bytes().filter(|b| *b == b'\n').count() as u32;
    newlines + u32::from(!src.is_empty() && !src.ends_with('\n'))
}

fn package_name<'a>(root: Node<'_>, src: &'a str) -> &'a str {
    let mut cursor = root.walk();
    let clause = root
        .named_children(&mut cursor)
        .find(|n| n.kind_name() == "package_clause");
    clause
        .and_then(|c| c.named_child(0))
        .map_or("", |n| &src[n.byte_range()])
}

/// Counts ERROR and MISSING regions, descending only into subtrees that contain one.
fn error_regions(root: Node<'_>) -> ParseErrors {
    let mut count = 0;
    let mut first_line = u32::MAX;
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            count += 1;
            first_line = first_line.min(node.start_position().row as u32 + 1);
            continue;
        }
        let mut cursor = node.walk();
        stack.extend(
            node.children(&mut cursor)
                .filter(|c| c.has_error() || c.is_missing()),
        );
    }
    ParseErrors {
        count: count.max(1),
        first_line: if first_line == u32::MAX { 1 } else { first_line },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_nodes_are_known_by_their_kind_id_and_never_visited() {
        let src = "package p\n\nfunc f() {\n\tx := )(\n\tgo g()\n}\n";
        let tree = parse(src).expect("parses");
        let mut errors = 0;
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            if node.is_error() {
                errors += 1;
                assert_eq!(node.kind_id(), ERROR_KIND);
            }
            let mut cursor = node.walk();
            stack.extend(node.children(&mut cursor));
        }
        assert!(errors > 0, "the sample has an ERROR node");
        walk(tree.root_node(), &[], |node, kind| {
            assert!(!node.is_error() && kind == node.kind_id());
            assert!(
                !position_inside_error(node),
                "visited {node:?} inside an ERROR node"
            );
        });
    }

    #[test]
    fn the_walk_visits_string_literals_but_not_their_insides() {
        let src = "package p\n\nvar s = \"a\\tb\" + `c`\n";
        let tree = parse(src).expect("parses");
        let mut kinds = Vec::new();
        walk(tree.root_node(), &registry::dispatch().opaque, |node, _| {
            kinds.push(node.kind())
        });
        assert!(kinds.contains(&"interpreted_string_literal") && kinds.contains(&"raw_string_literal"));
        assert!(
            !kinds
                .iter()
                .any(|k| k.contains("content") || *k == "escape_sequence"),
            "{kinds:?}"
        );
    }

    /// Every node's ancestors, checked against `parent()` one level at a time.
    fn assert_ancestors_are_parent_chains(src: &str) -> usize {
        let tree = parse(src).expect("parses");
        let root = tree.root_node();
        let cx = file_context("p.go", src, root, None, "", false);
        let mut checked = 0;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            let mut chain = Vec::new();
            let mut current = node.parent();
            while let Some(parent) = current {
                chain.push(parent);
                current = parent.parent();
            }
            chain.reverse();
            assert_eq!(cx.ancestors(node), chain, "ancestors of {node:?} in {src:?}");
            checked += 1;
            let mut cursor = node.walk();
            stack.extend(node.children(&mut cursor));
        }
        checked
    }

    #[test]
    fn ancestors_from_one_descent_are_the_parent_chain() {
        let src = "package p\n\nfunc f(xs []int) {\n\tfor _, x := range xs {\n\t\tgo func() {\n\t\t\tif x > 0 { g(x) }\n\t\t}()\n\t}\n}\n";
        assert!(assert_ancestors_are_parent_chains(src) > 40);
        // Many declarations, comments between and beside them, two on one line, a file without a final newline.
        let many = "// Package p.\npackage p // p\n\nimport \"fmt\"\n\n// A is a.\nvar A = 1; var B = fmt.Sprint(A)\n\n\
                    type T struct{ n int }\n\n/* c */ func (t T) N() int { return t.n }\n\nfunc g() {}\n// end";
        assert!(assert_ancestors_are_parent_chains(many) > 60);
        // Zero-width MISSING tokens (a `)` inside a declaration, a `}` that ends the last one).
        let missing = "package p\n\nfunc f() {\n\tg(1\n}\n\nfunc h() { x := []int{1, 2\n}\n";
        let tree = parse(missing).expect("parses");
        assert!(tree.root_node().has_error(), "the sample has errors");
        assert!(assert_ancestors_are_parent_chains(missing) > 20);
    }

    /// The lines `rule` reports in `src`.
    fn lines_of(rule: &str, src: &str) -> Vec<u32> {
        let analyzer = crate::Analyzer::select(&[rule.to_string()], &[]).expect("rule exists");
        let analysis = analyzer.analyze_source("p.go", src, None);
        assert!(analysis.parse_errors.is_none(), "{src}");
        analysis.findings.iter().map(|f| f.span.start_line).collect()
    }

    #[test]
    fn package_calls_are_handed_through_the_files_name_for_the_package() {
        let rule = "regexp/compile-in-func";
        let aliased = "package p\n\nimport re \"regexp\"\n\nfunc f(xs []int) {\n\tfor range xs {\n\t\tuse(re.MustCompile(\"a+\"))\n\t}\n}\n";
        assert_eq!(lines_of(rule, aliased), [7]);
        let shadowed = "package p\n\nimport \"regexp\"\n\nvar _ = regexp.MustCompile\n\nfunc f(regexp *T, xs []int) {\n\tfor range xs {\n\t\tuse(regexp.MustCompile(\"a+\"))\n\t}\n}\n";
        assert_eq!(lines_of(rule, shadowed), Vec::<u32>::new());
        let not_imported = "package p\n\nfunc f(xs []int) {\n\tfor range xs {\n\t\tuse(regexp.MustCompile(\"a+\"))\n\t}\n}\n";
        assert_eq!(lines_of(rule, not_imported), Vec::<u32>::new());
        let other_package = "package p\n\nimport regexp \"example.com/regexp\"\n\nfunc f(xs []int) {\n\tfor range xs {\n\t\tuse(regexp.MustCompile(\"a+\"))\n\t}\n}\n";
        assert_eq!(lines_of(rule, other_package), Vec::<u32>::new());
        // `any_package_calls`: a dot import hands the unqualified call too.
        let dot = "package p\n\nimport . \"regexp\"\n\nfunc f(xs []int) {\n\tfor range xs {\n\t\tuse(MustCompile(\"a+\"))\n\t}\n}\n";
        assert_eq!(lines_of(rule, dot), [7]);
        // The package's name in a line comment declares nothing.
        let commented = "package p\n\nimport re \"regexp\"\n\n// re compiles below.\nfunc f(xs []int) {\n\tfor range xs { // re again\n\t\tuse(re.MustCompile(\"a+\"))\n\t}\n}\n";
        assert_eq!(lines_of(rule, commented), [8]);
        let local = "package p\n\nimport . \"regexp\"\n\nfunc f(MustCompile func(string) int, xs []int) {\n\tfor range xs {\n\t\tuse(MustCompile(\"a+\"))\n\t}\n}\n";
        assert_eq!(lines_of(rule, local), Vec::<u32>::new());
    }

    #[test]
    fn qualified_package_calls_leave_dot_imported_calls_alone() {
        let rule = "io/fresh-context-in-ctx-func";
        let qualified = "package p\n\nimport \"context\"\n\nfunc f(ctx context.Context) {\n\tg(context.Background())\n}\n";
        assert_eq!(lines_of(rule, qualified), [6]);
        let dot = "package p\n\nimport . \"context\"\n\nfunc f(ctx Context) {\n\tg(Background())\n}\n";
        assert_eq!(lines_of(rule, dot), Vec::<u32>::new());
    }

    #[test]
    fn in_test_code_only_the_rules_about_tests_walk_the_file() {
        let running = |analyzer: &Analyzer, test_code| -> Vec<&str> {
            RULES
                .iter()
                .zip(rules_for(analyzer, test_code))
                .filter(|(_, on)| **on)
                .map(|(r, _)| r.meta.id)
                .collect()
        };
        let default = Analyzer::default();
        assert_eq!(running(&default, true), ["conc/test-fatal-in-goroutine"]);
        assert!(running(&default, false).len() > 30);
        let with_tests = Analyzer::new(&crate::Selection {
            tests: true,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(running(&with_tests, true), running(&with_tests, false));
    }

    /// (line, rule) of each finding, and (line, kind) of each warning.
    type Scanned = (Vec<(u32, String)>, Vec<(u32, crate::WarningKind)>);

    /// The findings and warnings of `src` as `p.go` with the default rules.
    fn scanned(src: &str) -> Scanned {
        let analysis = Analyzer::default().analyze_source("p.go", src, None);
        (
            analysis
                .findings
                .iter()
                .map(|f| (f.span.start_line, f.origin.id().to_string()))
                .collect(),
            analysis.warnings.iter().map(|w| (w.line, w.kind)).collect(),
        )
    }

    #[test]
    fn suppressions_silence_findings_and_say_what_they_could_not_use() {
        use crate::WarningKind::{UnknownRule, UnusedSuppression};
        let src = "package p\n\nimport \"regexp\"\n\nfunc f(xs []string) {\n\tfor range xs {\n\
                   \t\tuse(regexp.MustCompile(`a+`)) //nolint:turk/regexp/compile-in-func\n\
                   \t\t//nolint:errcheck,turk/regexp // tiny\n\
                   \t\tuse(regexp.MustCompile(`b+`))\n\
                   \t\tuse(regexp.MustCompile(`c+`)) //turk:ignore regexp/compile-in-fnc typo\n\
                   \t\tuse(regexp.MustCompile(`d+`)) //nolint:turk/io/defer-in-loop\n\
                   \t\tuse(regexp.MustCompile(`e+`)) //nolint:turk/fmt/format-without-verbs\n\t}\n}\n";
        let (findings, warnings) = scanned(src);
        // Other rules may flag these lines too (the patterns are loop-invariant): the regexp rule is the one
        // suppressed and reported here.
        let lines: Vec<u32> = findings
            .iter()
            .filter(|(_, rule)| rule == "regexp/compile-in-func")
            .map(|(l, _)| *l)
            .collect();
        assert_eq!(lines, [10, 11, 12], "{findings:?}");
        // The typo is unknown; the defer-in-loop suppression ran and matched nothing; the style rule did not run,
        // so its suppression cannot be judged.
        assert_eq!(warnings, [(10, UnknownRule), (11, UnusedSuppression)]);
    }

    #[test]
    fn a_suppression_of_a_finding_dropped_as_test_code_is_in_use() {
        let src = "package p\n\nimport (\n\t\"regexp\"\n\t\"testing\"\n)\n\nfunc check(t *testing.T, xs []string) {\n\
                   \tfor range xs {\n\t\tuse(regexp.MustCompile(`a+`)) //turk:ignore regexp/compile-in-func\n\t}\n}\n";
        let (findings, warnings) = scanned(src);
        assert!(
            findings.is_empty() && warnings.is_empty(),
            "{findings:?} {warnings:?}"
        );
    }

    fn position_inside_error(node: Node<'_>) -> bool {
        let mut current = node.parent();
        while let Some(n) = current {
            if n.is_error() {
                return true;
            }
            current = n.parent();
        }
        false
    }
}
