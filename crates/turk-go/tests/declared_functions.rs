//! The functions a file declares, with their lines, as `FileAnalysis::declared_functions` and
//! `FileAnalysis::function_at` give them to a tool that places lines (a profile's, a finding's) in functions.

use turk_go::{Analyzer, DeclaredFunction};

const SOURCE: &str = r#"package store

import "sync"

// Cache is a map behind a lock.
type Cache[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

// Get returns the value of k.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c Cache[K, V]) Len() int { return len(c.m) }

var ready = func() bool { return true }()

func Each(items []string, visit func(string)) {
	sortOnce.Do(func() {
		for _, item := range items {
			visit(item)
		}
	})
}

var sortOnce sync.Once
"#;

fn declared(src: &str, path: &str) -> Vec<(String, u32, u32)> {
    Analyzer::all_rules()
        .with_scope_facts()
        .analyze_source(path, src, None)
        .declared_functions()
        .map(|f| (f.display_name(), f.start_line, f.end_line))
        .collect()
}

#[test]
fn every_top_level_function_and_method_with_its_receiver_type_and_lines() {
    assert_eq!(
        declared(SOURCE, "store/cache.go"),
        [
            ("Cache.Get".to_string(), 12, 17),
            ("Cache.Len".to_string(), 19, 19),
            ("Each".to_string(), 23, 29),
        ]
    );
}

#[test]
fn a_line_belongs_to_the_declaration_around_it_func_literals_included() {
    let analysis = Analyzer::all_rules()
        .with_scope_facts()
        .analyze_source("store/cache.go", SOURCE, None);
    let at = |line| {
        analysis
            .function_at(line)
            .map(|f: DeclaredFunction<'_>| f.display_name())
    };
    assert_eq!(at(12).as_deref(), Some("Cache.Get"), "the line of `func`");
    assert_eq!(at(17).as_deref(), Some("Cache.Get"), "the closing brace");
    assert_eq!(at(26).as_deref(), Some("Each"), "inside a func literal of Each");
    assert_eq!(at(21), None, "a package-level func literal is in no declaration");
    assert_eq!(at(5), None, "a type declaration");
    let get = analysis.function_at(14).unwrap();
    assert_eq!((get.name, get.receiver), ("Get", "Cache"));
}

#[test]
fn test_files_declare_nothing_for_the_ranking() {
    let test = "package store\n\nimport \"testing\"\n\nfunc TestGet(t *testing.T) {}\n";
    assert!(declared(test, "store/cache_test.go").is_empty());
    assert_eq!(declared(test, "store/cache.go").len(), 1);
}
