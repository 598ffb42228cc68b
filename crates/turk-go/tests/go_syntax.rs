//! Current Go parses: a file using any syntax added since Go 1.18 has no error region, so every rule sees all of
//! it. `testdata/go-syntax/` holds one small file per change, each pinned to its Go version with a first line
//! `// turk-test: go=1.N`. The builtins `new` and `make` keep the tree the rules read (a type argument stays a
//! type node) while also taking an expression, as Go 1.26's `new(expr)` and a shadowed `make`/`new` do.

use std::path::{Path, PathBuf};
use turk_go::{Analyzer, GoVersion};

fn syntax_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/go-syntax")
}

fn pinned_version(src: &str) -> Option<GoVersion> {
    src.lines()
        .next()?
        .strip_prefix("// turk-test: go=")
        .and_then(GoVersion::parse)
}

/// One file per syntax change since Go 1.18; a missing one fails rather than shrinking the check.
const SYNTAX_FILES: &[&str] = &[
    "generics.go", // 1.18: type parameters, ~ and | constraints, instantiation, generic methods
    "conversions_120.go", // 1.20: slice to array conversion
    "builtins_121.go", // 1.21: min, max, clear
    "range_over_int.go", // 1.22: range over an integer
    "range_over_func.go", // 1.23: range over iterator functions
    "generic_alias.go", // 1.24: generic type aliases
    "new_expr.go", // 1.26: new(expr)
    "generic_self_reference.go", // 1.26: a generic type in its own type parameter list
    "shadowed_builtins.go", // any version: a local make/new is an ordinary function
];

#[test]
fn every_syntax_change_since_go_1_18_parses_without_error_regions() {
    let analyzer = Analyzer::all_rules();
    let mut failures = Vec::new();
    for name in SYNTAX_FILES {
        let path = syntax_dir().join(name);
        let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let version = pinned_version(&src);
        assert!(
            version.is_some(),
            "{name}: first line must pin `// turk-test: go=1.N`"
        );
        let analysis = analyzer.analyze_source(name, &src, version);
        if let Some(errors) = analysis.parse_errors {
            failures.push(format!(
                "{name}: {} error region(s), the first at line {}",
                errors.count, errors.first_line
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_syntax_folder_holds_only_the_listed_files() {
    let mut found: Vec<String> = std::fs::read_dir(syntax_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut listed: Vec<String> = SYNTAX_FILES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(
        found, listed,
        "list every file of testdata/go-syntax in SYNTAX_FILES"
    );
}

/// The kind of each argument of the one `new`/`make` call in `body` (a function body), as the rules see it.
fn argument_kinds(body: &str) -> Vec<String> {
    let src = format!("package p\n\nfunc f() {{\n\t{body}\n}}\n");
    let tree = turk_go::parse(&src).expect("parsed");
    let root = tree.root_node();
    assert!(!root.has_error(), "{body}: {}", root.to_sexp());
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let is_builtin = node.kind() == "call_expression"
            && node
                .child_by_field_name("function")
                .is_some_and(|f| f.kind() == "identifier" && matches!(&src[f.byte_range()], "new" | "make"));
        if is_builtin {
            let args = node.child_by_field_name("arguments").expect("arguments");
            assert_eq!(args.kind(), "argument_list", "{body}");
            let mut cursor = args.walk();
            return args
                .named_children(&mut cursor)
                .map(|c| c.kind().to_string())
                .collect();
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    panic!("{body}: no new/make call");
}

#[test]
fn new_and_make_of_a_type_keep_their_type_nodes() {
    let cases: &[(&str, &[&str])] = &[
        ("_ = new(T)", &["type_identifier"]),
        ("_ = new(sync.WaitGroup)", &["qualified_type"]),
        ("_ = new(*T)", &["pointer_type"]),
        ("_ = new(G[int])", &["generic_type"]),
        ("_ = new((T))", &["parenthesized_type"]),
        ("_ = new(struct{ n int })", &["struct_type"]),
        ("_ = new(func())", &["function_type"]),
        (
            "_ = make([]byte, 0, n)",
            &["slice_type", "int_literal", "identifier"],
        ),
        ("_ = make(map[string]int)", &["map_type"]),
        ("_ = make(chan struct{}, 1)", &["channel_type", "int_literal"]),
        ("_ = make(T, n)", &["type_identifier", "identifier"]),
        ("_ = make(G[K, V], n)", &["generic_type", "identifier"]),
    ];
    for (body, want) in cases {
        assert_eq!(argument_kinds(body), *want, "{body}");
    }
}

#[test]
fn new_and_make_also_take_expressions() {
    let cases: &[(&str, &[&str])] = &[
        ("_ = new(uint64(m.ID))", &["call_expression"]),
        ("_ = new(name + \"!\")", &["binary_expression"]),
        ("_ = new(42)", &["int_literal"]),
        ("_ = new(xs[0])", &["index_expression"]),
        ("_ = new(time.Now())", &["call_expression"]),
        ("_ = new(T{n: 1})", &["composite_literal"]),
        ("_ = make(1 + 2)", &["binary_expression"]),
        (
            "_ = make(\"a\", \"b\")",
            &["interpreted_string_literal", "interpreted_string_literal"],
        ),
        ("_ = new(args...)", &["variadic_argument"]),
    ];
    for (body, want) in cases {
        assert_eq!(argument_kinds(body), *want, "{body}");
    }
}
