//! What every rule may ask about the file it is checking: the source, the imports, the Go version, where a
//! node sits, and what a name was declared as. Rules never walk the whole tree themselves.

pub mod children;
pub mod hot_path;
pub mod imports;
pub mod position;
pub mod scopes;
pub mod test_code;
pub mod types;

use crate::context::children::{FieldChild, KindName};
use crate::gomod::GoVersion;
use imports::Imports;
pub use scopes::{DeclKind, Declaration};
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use tree_sitter::Node;
use types::TypeIndex;

/// One file under analysis.
pub struct FileContext<'a> {
    /// Path relative to the scanned root, `/`-separated.
    pub path: &'a str,
    pub src: &'a str,
    pub imports: Imports,
    /// The module's `go` directive (or a `//go:build go1.N` constraint in the file); `None` when unknown, which
    /// rules treat as a current Go version.
    pub go_version: Option<GoVersion>,
    /// A `_test.go` file.
    pub is_test: bool,
    /// A file of a test-support package (see [`test_code::is_test_support_package`]).
    pub is_test_package: bool,
    pub package: &'a str,
    /// Whether findings in test code are reported (`--tests`); when not, the finding builder drops them (rules
    /// about tests aside) and notes them in `dropped`.
    pub(crate) report_tests: bool,
    /// Findings dropped as test code, as (rule id, line): a suppression they match is still in use.
    pub(crate) dropped: RefCell<Vec<(&'static str, u32)>>,
    /// The root of the tree: ancestors are found by descending from it.
    pub(crate) root: Node<'a>,
    /// Package-level `var`/`const` names, each with the index among the root's children of the declaration
    /// that declares it; gathered on the first lookup that reaches the file.
    pub(crate) package_level: OnceCell<HashMap<String, usize>>,
    /// Per import name: whether the file might declare a local of that name (see [`FileContext::is_package`]).
    pub(crate) may_shadow: RefCell<HashMap<String, bool>>,
    /// The file's struct types and the methods of each type (see [`types`]).
    pub(crate) types: TypeIndex<'a>,
    /// Whether the text could start a goroutine (see [`FileContext::may_start_goroutines`]), found once.
    pub(crate) starts_goroutines: OnceCell<bool>,
    /// The root's children (declarations, comments, separators) with their byte ranges, in source order: where
    /// a descent to a node can start (see [`FileContext::ancestors`]).
    pub(crate) top_level: Vec<(usize, usize, Node<'a>)>,
}

impl<'a> FileContext<'a> {
    /// The root of the file's tree (a `source_file`).
    pub fn root(&self) -> Node<'a> {
        self.root
    }

    pub fn text(&self, node: Node<'_>) -> &'a str {
        &self.src[node.byte_range()]
    }

    /// Whether `ident` (an identifier used as a package qualifier) names the import `path` here: the file
    /// imports `path` under that name and no local declaration shadows it.
    pub fn is_package(&self, ident: Node<'_>, path: &str) -> bool {
        let name = self.text(ident);
        self.imports.path_of(name) == Some(path)
            && !(self.may_be_shadowed(name) && self.lookup(name, ident).is_some())
    }

    /// The import path that `ident` names when it is used as a package qualifier: an identifier under which the
    /// file imports that path, not shadowed by a local declaration.
    pub fn package_of(&self, ident: Node<'_>) -> Option<&str> {
        if ident.kind_name() != "identifier" {
            return None;
        }
        let name = self.text(ident);
        let path = self.imports.path_of(name)?;
        (!(self.may_be_shadowed(name) && self.lookup(name, ident).is_some())).then_some(path)
    }

    /// Whether `ident` is an identifier naming one of the file's imports (any path) that no local declaration
    /// shadows: the `pkg` of a package call `pkg.Name(...)` rather than a variable.
    pub fn names_an_import(&self, ident: Node<'a>) -> bool {
        ident.kind_name() == "identifier"
            && self.imports.path_of(self.text(ident)).is_some()
            && self.lookup(self.text(ident), ident).is_none()
    }

    /// Whether the file might declare a local variable, parameter or constant named like an import. A package
    /// name is only ever used as `name.Member`; when every whole-word use of `name` in the source is followed by
    /// a `.` (import paths aside), nothing declares it and the scope walk can be skipped. A use after `//` on its
    /// line is a line comment's word ("// time out after..."), not a declaration. Anything else (a declaration,
    /// or the word in a block comment) keeps the exact check. Cached per file.
    fn may_be_shadowed(&self, name: &str) -> bool {
        if let Some(known) = self.may_shadow.borrow().get(name) {
            return *known;
        }
        let bytes = self.src.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let may = memchr::memmem::find_iter(bytes, name.as_bytes()).any(|at| {
            let before = at.checked_sub(1).map(|i| bytes[i]);
            let after_index = at + name.len();
            if before.is_some_and(|b| is_word(b) || matches!(b, b'"' | b'/' | b'.' | b'`'))
                || bytes.get(after_index).is_some_and(|b| is_word(*b))
            {
                return false;
            }
            let next = bytes[after_index..].iter().find(|b| !matches!(b, b' ' | b'\t'));
            next != Some(&b'.') && !in_line_comment(bytes, at)
        });
        self.may_shadow.borrow_mut().insert(name.to_string(), may);
        may
    }

    /// Whether a func literal of the file may run on a goroutine of its own: the text has the word `go` (a `go`
    /// statement needs it; `x.go` is no statement) or a `.Go(` call (errgroup's `Go`, `sync.WaitGroup.Go`). When it has neither, no
    /// literal does, which a rule can know before it climbs from a call to the function holding it. The word in
    /// a comment or a string only costs the exact check. Found once per file.
    pub fn may_start_goroutines(&self) -> bool {
        *self.starts_goroutines.get_or_init(|| {
            let bytes = self.src.as_bytes();
            let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
            memchr::memmem::find(bytes, b".Go(").is_some()
                || memchr::memmem::find_iter(bytes, b"go").any(|at| {
                    !at.checked_sub(1)
                        .is_some_and(|i| is_word(&bytes[i]) || bytes[i] == b'.')
                        && !bytes.get(at + 2).is_some_and(is_word)
                })
        })
    }

    /// If `call` calls `path.Name` for one of `names` (through the file's alias for `path`, or unqualified
    /// through a dot import), returns the name called.
    pub fn call_to(&self, call: Node<'_>, path: &str, names: &[&str]) -> Option<&'a str> {
        if call.kind_name() != "call_expression" {
            return None;
        }
        let function = call.field("function")?;
        self.names_member(function, path, names)
    }

    /// If `expr` is `pkg.Name` (or a dot-imported `Name`) for one of `names` of import `path`, returns the name.
    pub fn names_member(&self, expr: Node<'_>, path: &str, names: &[&str]) -> Option<&'a str> {
        match expr.kind_name() {
            "selector_expression" => {
                let operand = expr.field("operand")?;
                let field = self.text(expr.field("field")?);
                (operand.kind_name() == "identifier"
                    && names.contains(&field)
                    && self.is_package(operand, path))
                .then_some(field)
            }
            "qualified_type" => {
                let package = expr.field("package")?;
                let name = self.text(expr.field("name")?);
                (names.contains(&name) && self.imports.path_of(self.text(package)) == Some(path))
                    .then_some(name)
            }
            "identifier" | "type_identifier" => {
                let name = self.text(expr);
                (names.contains(&name)
                    && self.imports.is_dot_imported(path)
                    && self.lookup(name, expr).is_none())
                .then_some(name)
            }
            _ => None,
        }
    }

    /// Whether a type expression is `path.Name` (also through a pointer when `through_pointer`).
    pub fn is_type(&self, ty: Node<'_>, path: &str, name: &str, through_pointer: bool) -> bool {
        let mut ty = ty;
        if through_pointer && ty.kind_name() == "pointer_type" {
            match ty.named_child(0) {
                Some(inner) => ty = inner,
                None => return false,
            }
        }
        self.names_member(ty, path, &[name]).is_some()
    }

    /// The declaration of `name` visible at `at`, if it is declared in this file: in an enclosing scope, or at
    /// package level. `None` means a package name, a builtin, or a name declared in another file.
    pub fn lookup(&self, name: &str, at: Node<'a>) -> Option<Declaration<'a>> {
        let ancestors = self.ancestors(at);
        scopes::lookup_local(name, at, &ancestors, self.src).or_else(|| {
            if ancestors.first()?.kind_name() != "source_file" {
                return None;
            }
            let package_level = self
                .package_level
                .get_or_init(|| scopes::package_level(self.root, self.src));
            scopes::declared_at_package_level(self.root, *package_level.get(name)?, name, self.src)
        })
    }

    /// The nodes from the root of the tree down to `node`'s parent, outermost first. One descent from the root:
    /// tree-sitter finds a parent by descending from the root too, so climbing with `parent()` costs a descent
    /// per step.
    ///
    /// The first step, from the root to the declaration holding `node`, is a binary search of the root's
    /// children by byte range: a file may have hundreds of them, which the descent would scan one by one. A node
    /// of zero width (a MISSING token) may sit on the boundary of two declarations and takes the plain descent.
    pub fn ancestors(&self, node: Node<'a>) -> Vec<Node<'a>> {
        let mut path = Vec::with_capacity(24);
        if node.id() == self.root.id() {
            return path;
        }
        let mut current = self.root;
        let (start, end) = (node.start_byte(), node.end_byte());
        if start < end {
            let at = self.top_level.partition_point(|(s, _, _)| *s <= start);
            if let Some(&(s, e, declaration)) = at.checked_sub(1).and_then(|i| self.top_level.get(i))
                && s <= start
                && end <= e
            {
                path.push(self.root);
                current = declaration;
            }
        }
        while current.id() != node.id() {
            path.push(current);
            match current.child_with_descendant(node) {
                Some(next) => current = next,
                None => break,
            }
        }
        path
    }

    /// Whether the file is compiled as Go `major.minor` or later; an unknown version counts as current.
    pub fn go_at_least(&self, major: u32, minor: u32) -> bool {
        self.go_version.is_none_or(|v| v >= GoVersion::new(major, minor))
    }

    /// Whether a function has the `http.HandlerFunc` shape: `(w http.ResponseWriter, r *http.Request)`.
    pub fn is_http_handler(&self, func: Node<'_>) -> bool {
        let Some(params) = func.field("parameters") else {
            return false;
        };
        let mut has_writer = false;
        let mut has_request = false;
        let mut cursor = params.walk();
        for param in params.named_children(&mut cursor) {
            if let Some(ty) = param.field("type") {
                has_writer |= self.is_type(ty, "net/http", "ResponseWriter", false);
                has_request |=
                    ty.kind_name() == "pointer_type" && self.is_type(ty, "net/http", "Request", true);
            }
        }
        has_writer && has_request
    }
}

/// Whether the byte at `at` follows `//` on its line: inside a line comment (or, rarely, after a string holding
/// `//` on the same line, where a declaration of the word would be a second statement on that line).
fn in_line_comment(bytes: &[u8], at: usize) -> bool {
    let line_start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    bytes[line_start..at].windows(2).any(|w| w == b"//")
}

#[cfg(test)]
mod tests {
    use crate::analyze::{file_context, parse};

    fn may_start_goroutines(src: &str) -> bool {
        let tree = parse(src).expect("parses");
        file_context("p_test.go", src, tree.root_node(), None, "", true).may_start_goroutines()
    }

    #[test]
    fn a_file_may_start_goroutines_only_with_the_word_go_or_a_go_call() {
        for starts in [
            "package p\n\nfunc f() { go g() }\n",
            "package p\n\nfunc f() {\n\tgo func() { g() }()\n}\n",
            "package p\n\nfunc f() {\n\tgo(func() {})()\n}\n",
            "package p\n\nfunc f() {\n\tgo\n\tg()\n}\n",
            "package p\n\nfunc f(eg *Group) {\n\teg.Go(func() error { return nil })\n}\n",
            // A comment or a string with the word only costs the exact check.
            "package p\n\n// We go on.\nfunc f() {}\n",
        ] {
            assert!(may_start_goroutines(starts), "{starts}");
        }
        for none in [
            "package p\n\nfunc f() { g() }\n",
            "package p\n\n// The goroutine count, from golang.org/x, is good: x.go and go_x and gopher.\nfunc f() {}\n",
            "package p\n\nfunc f(got, goal int) { ago(got) }\n",
        ] {
            assert!(!may_start_goroutines(none), "{none}");
        }
    }
}
