//! Import aliases: which local name refers to which import path, so that `t.After` is only `time.After` when
//! `t` is the file's name for `"time"`.

use crate::context::children::{FieldChild, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

/// The imports of one file.
#[derive(Debug, Default, Clone)]
pub struct Imports {
    /// Local name → import path, for named and default imports.
    by_name: HashMap<String, String>,
    /// Paths imported with `.`: their exported names are usable unqualified.
    dot: Vec<String>,
}

impl Imports {
    /// Reads the import declarations at the top of a file.
    pub fn from_tree(root: Node<'_>, src: &str) -> Imports {
        let mut imports = Imports::default();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            match decl.kind_name() {
                "import_declaration" => imports.read_declaration(decl, src),
                "package_clause" | "comment" => {}
                // Imports come before any other declaration.
                _ => break,
            }
        }
        imports
    }

    fn read_declaration(&mut self, decl: Node<'_>, src: &str) {
        let mut cursor = decl.walk();
        for child in decl.named_children(&mut cursor) {
            match child.kind_name() {
                "import_spec" => self.read_spec(child, src),
                "import_spec_list" => {
                    let mut inner = child.walk();
                    for spec in child.named_children(&mut inner) {
                        if spec.kind_name() == "import_spec" {
                            self.read_spec(spec, src);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn read_spec(&mut self, spec: Node<'_>, src: &str) {
        let Some(path_node) = spec.field("path") else {
            return;
        };
        let path = text(path_node, src)
            .trim_matches(|c| c == '"' || c == '`')
            .to_string();
        match spec.field("name") {
            Some(name) if name.kind_name() == "dot" => self.dot.push(path),
            Some(name) if name.kind_name() == "blank_identifier" => {}
            Some(name) => {
                self.by_name.insert(text(name, src).to_string(), path);
            }
            None => {
                self.by_name.insert(default_name(&path).to_string(), path);
            }
        }
    }

    /// The import path behind a local package name, if it is one.
    pub fn path_of(&self, local_name: &str) -> Option<&str> {
        self.by_name.get(local_name).map(String::as_str)
    }

    /// Whether `path` is imported with `.`, making its names usable without a qualifier.
    pub fn is_dot_imported(&self, path: &str) -> bool {
        self.dot.iter().any(|p| p == path)
    }

    /// Every imported path under a name or with `.` (blank imports aside), in no particular order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.by_name.values().chain(&self.dot).map(String::as_str)
    }

    /// Whether the file imports `path` under any name (or with `.`).
    pub fn imports(&self, path: &str) -> bool {
        self.is_dot_imported(path) || self.by_name.values().any(|p| p == path)
    }
}

/// The package name Go assumes for an import without an explicit name: the last path element, without a
/// `/vN` major-version suffix, a `gopkg.in`-style `.vN` suffix, or a `go-` prefix.
pub fn default_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let mut last = parts.next().unwrap_or(path);
    if is_major_version(last) {
        last = parts.next().unwrap_or(last);
    }
    if let Some((name, version)) = last.rsplit_once('.')
        && is_major_version(version)
    {
        last = name;
    }
    last.strip_prefix("go-").unwrap_or(last)
}

fn is_major_version(s: &str) -> bool {
    s.len() > 1 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit())
}

fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    &src[node.byte_range()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_follow_go_conventions() {
        assert_eq!(default_name("time"), "time");
        assert_eq!(default_name("net/http"), "http");
        assert_eq!(default_name("github.com/redis/go-redis/v9"), "redis");
        assert_eq!(default_name("gopkg.in/yaml.v3"), "yaml");
        assert_eq!(default_name("example.com/v2"), "example.com");
    }

    #[test]
    fn reads_aliases_dot_and_blank_imports() {
        let src = "package a\n\nimport (\n\tt \"time\"\n\t. \"strings\"\n\t_ \"net/http/pprof\"\n\t\"encoding/json\"\n)\nimport \"regexp\"\n";
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let tree = parser.parse(src, None).unwrap();
        let imports = Imports::from_tree(tree.root_node(), src);
        assert_eq!(imports.path_of("t"), Some("time"));
        assert_eq!(imports.path_of("time"), None);
        assert_eq!(imports.path_of("json"), Some("encoding/json"));
        assert_eq!(imports.path_of("regexp"), Some("regexp"));
        assert!(imports.is_dot_imported("strings"));
        assert!(!imports.imports("net/http/pprof"));
    }
}
