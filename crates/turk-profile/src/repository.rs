//! Mapping a profile's file names onto the repository's files. Profiles name files by absolute build path
//! (`/home/ci/src/github.com/org/repo/internal/x/y.go`, `/tmp/build123/internal/x/y.go`) or, built with
//! `-trimpath`, by module path (`github.com/org/repo/internal/x/y.go`); neither is where the repository sits on
//! this machine. The rules, first match wins:
//!
//! 1. The function's package is in one of the repository's modules: the file is the module's folder, plus the
//!    package's path below the module path, plus the file's base name. This maps any checkout path. (In Go's
//!    own source tree, `module std` holds the standard-library packages.)
//! 2. A module path appears in the file name (`-trimpath`, a GOPATH build path, a module cache copy
//!    `…/github.com/org/repo@v1.2.3/…`): the rest of the name below it, in the module's folder.
//! 3. Standard-library and runtime code, the module cache (`/pkg/mod/…@version/`) and `vendor/` folders are
//!    outside the repository, whatever their file names end with.
//! 4. The longest path suffix of the file name that is a repository file. For code of a module the repository
//!    does not declare (a fork or a renamed module), the file's folder must also end the package path, so a
//!    dependency's `util.go` never lands on the repository's `util.go`.

use crate::names::{self, package_path};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The repository a profile is mapped onto: its Go files (relative, `/`-separated paths) and its modules.
#[derive(Debug, Clone, Default)]
pub struct Repository {
    files: HashSet<String>,
    /// Longest module path first, so nested modules win over the module around them.
    modules: Vec<Module>,
}

#[derive(Debug, Clone)]
struct Module {
    path: String,
    /// The folder holding its `go.mod`, relative to the repository root; "" for the root.
    folder: String,
}

/// Which rule mapped a profile's file onto a repository file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// By the module path: the function's package, or a module path inside the file name.
    ModulePath,
    /// By the longest suffix of the file name that is a repository file.
    Suffix,
}

/// A repository file a profile's file name maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub path: String,
    pub matched_by: MatchedBy,
}

impl Repository {
    /// A repository with these Go files, given relative to its root (`internal/x/y.go`).
    pub fn new<I, S>(files: I) -> Repository
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Repository {
            files: files.into_iter().map(|f| normalize(f.as_ref())).collect(),
            modules: Vec::new(),
        }
    }

    /// Adds the modules declared by the repository's `go.mod` files: (module path, folder of the `go.mod`
    /// relative to the root, "" or "." for the root).
    pub fn with_modules<I, M, F>(mut self, modules: I) -> Repository
    where
        I: IntoIterator<Item = (M, F)>,
        M: AsRef<str>,
        F: AsRef<str>,
    {
        for (path, folder) in modules {
            let path = path.as_ref().trim().trim_end_matches('/');
            if !path.is_empty() {
                self.modules.push(Module {
                    path: path.to_string(),
                    folder: normalize(folder.as_ref()),
                });
            }
        }
        self.modules
            .sort_by(|a, b| b.path.len().cmp(&a.path.len()).then_with(|| a.path.cmp(&b.path)));
        self
    }

    /// How many Go files the repository has.
    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// The modules, as (module path, folder), longest module path first.
    pub fn modules(&self) -> impl Iterator<Item = (&str, &str)> {
        self.modules.iter().map(|m| (m.path.as_str(), m.folder.as_str()))
    }

    /// Whether `path` (relative to the root) is one of the repository's Go files.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// Whether a package (an import path; `_test` packages count as their package) is in one of the
    /// repository's modules.
    pub fn owns_package(&self, package: &str) -> bool {
        self.owning_modules(package).next().is_some()
    }

    /// The repository file that `file`, as the profile names it for `function` (`pkg/path.Func`), maps to.
    pub fn resolve(&self, function: &str, file: &str) -> Option<Resolved> {
        let file = file.replace('\\', "/");
        let package = package_path(function);
        let by_module = |path: String| {
            self.files.contains(&path).then_some(Resolved {
                path,
                matched_by: MatchedBy::ModulePath,
            })
        };
        let base = file.rsplit('/').next().unwrap_or(&file);
        for (module, below) in self.owning_modules(package) {
            if let Some(found) = by_module(join(&[&module.folder, below, base])) {
                return Some(found);
            }
        }
        for module in &self.modules {
            for rest in below_module_path(&file, &module.path) {
                if let Some(found) = by_module(join(&[&module.folder, rest])) {
                    return Some(found);
                }
            }
        }
        let owned = self.owns_package(package);
        if !owned && (names::is_standard_library(package) || names::is_type_function(function)) {
            return None;
        }
        if is_module_cache(&file) || is_vendored(&file) {
            return None;
        }
        // Code of a module the repository does not declare maps only where its folder ends its package path.
        let foreign = !owned && !self.modules.is_empty() && !package.is_empty() && package != "main";
        let package = strip_test_package(package);
        suffixes(&file)
            .filter(|suffix| self.files.contains(*suffix))
            .find(|suffix| !foreign || folder_ends_package(suffix, package))
            .map(|suffix| Resolved {
                path: suffix.to_string(),
                matched_by: MatchedBy::Suffix,
            })
    }

    /// The modules holding `package`, longest module path first, each with the package's path below it.
    fn owning_modules<'a>(&'a self, package: &'a str) -> impl Iterator<Item = (&'a Module, &'a str)> + 'a {
        let package = strip_test_package(package);
        self.modules.iter().filter_map(move |m| {
            // Go's own source tree: `module std` in src/go.mod holds every standard-library package, whose
            // import paths do not start with the module path.
            if m.path == "std" && names::is_standard_library(package) {
                Some((m, package))
            } else if package == m.path {
                Some((m, ""))
            } else {
                package
                    .strip_prefix(m.path.as_str())
                    .and_then(|rest| rest.strip_prefix('/'))
                    .map(|rest| (m, rest))
            }
        })
    }
}

/// `example.com/x_test` (an external test package) is tested code of `example.com/x`.
fn strip_test_package(package: &str) -> &str {
    package.strip_suffix("_test").unwrap_or(package)
}

/// The parts of `file` below each place where `module` appears as whole path elements, followed by `/` or by
/// a module cache version (`@v1.2.3/`).
fn below_module_path<'a>(file: &'a str, module: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    file.match_indices(module).filter_map(move |(at, _)| {
        if at > 0 && !file[..at].ends_with('/') {
            return None;
        }
        let after = &file[at + module.len()..];
        if let Some(rest) = after.strip_prefix('/') {
            Some(rest)
        } else if after.starts_with('@') {
            after.split_once('/').map(|(_, rest)| rest)
        } else {
            None
        }
    })
}

/// Go's module cache: `$GOPATH/pkg/mod/<module>@<version>/…`.
fn is_module_cache(file: &str) -> bool {
    file.split_once("/pkg/mod/")
        .is_some_and(|(_, rest)| rest.contains('@'))
}

fn is_vendored(file: &str) -> bool {
    file.starts_with("vendor/") || file.contains("/vendor/")
}

/// The path suffixes of `file` that start at a path element, longest first.
fn suffixes(file: &str) -> impl Iterator<Item = &str> {
    let file = file.trim_start_matches('/');
    std::iter::once(file).chain(file.match_indices('/').map(move |(at, _)| &file[at + 1..]))
}

fn folder_ends_package(path: &str, package: &str) -> bool {
    match path.rsplit_once('/') {
        Some((folder, _)) => package == folder || package.ends_with(&format!("/{folder}")),
        None => false,
    }
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/")
}

fn normalize(path: &str) -> String {
    let path = path.trim().replace('\\', "/");
    let path = path.trim_start_matches("./").trim_end_matches('/');
    if path == "." {
        String::new()
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> Repository {
        Repository::new([
            "main.go",
            "util.go",
            "internal/x/y.go",
            "internal/x/y_test.go",
            "tools/gen/gen.go",
        ])
        .with_modules([
            ("github.com/org/repo", "."),
            ("github.com/org/repo/tools", "tools"),
        ])
    }

    fn resolve(function: &str, file: &str) -> Option<(String, MatchedBy)> {
        repo().resolve(function, file).map(|r| (r.path, r.matched_by))
    }

    #[test]
    fn maps_any_checkout_path_by_the_functions_package() {
        for file in [
            "/home/ci/src/github.com/org/repo/internal/x/y.go",
            "/tmp/build123/internal/x/y.go",
            "C:\\work\\repo\\internal\\x\\y.go",
            "y.go",
        ] {
            assert_eq!(
                resolve("github.com/org/repo/internal/x.(*Runner).runTest", file),
                Some(("internal/x/y.go".into(), MatchedBy::ModulePath)),
                "{file}"
            );
        }
        assert_eq!(
            resolve(
                "github.com/org/repo/internal/x_test.TestY",
                "/src/internal/x/y_test.go"
            ),
            Some(("internal/x/y_test.go".into(), MatchedBy::ModulePath)),
        );
    }

    #[test]
    fn a_nested_module_owns_its_folder() {
        assert_eq!(
            resolve("github.com/org/repo/tools/gen.main", "/ci/tools/gen/gen.go"),
            Some(("tools/gen/gen.go".into(), MatchedBy::ModulePath)),
        );
    }

    #[test]
    fn maps_module_paths_in_file_names() {
        assert_eq!(
            resolve("main.main", "github.com/org/repo/main.go"),
            Some(("main.go".into(), MatchedBy::ModulePath)),
        );
        assert_eq!(
            resolve(
                "main.helper",
                "/root/go/pkg/mod/github.com/org/repo@v1.4.0/internal/x/y.go"
            ),
            Some(("internal/x/y.go".into(), MatchedBy::ModulePath)),
        );
        // A module path is matched as whole path elements only.
        assert_eq!(resolve("main.main", "github.com/org/repository/other.go"), None);
    }

    #[test]
    fn maps_the_main_package_by_suffix() {
        assert_eq!(
            resolve("main.main", "/tmp/other-checkout/main.go"),
            Some(("main.go".into(), MatchedBy::Suffix)),
        );
        assert_eq!(resolve("main.main", "/tmp/go-build42/b001/_testmain.go"), None);
    }

    #[test]
    fn standard_library_dependencies_and_vendor_stay_outside() {
        assert_eq!(
            resolve("runtime.mallocgc", "/usr/lib/go-1.19/src/runtime/malloc.go"),
            None
        );
        // A standard-library file whose name ends like a repository file is still the standard library.
        assert_eq!(resolve("internal/x.f", "/usr/lib/go/src/internal/x/y.go"), None);
        assert_eq!(resolve("type..eq.[2]string", "<autogenerated>"), None);
        assert_eq!(
            resolve(
                "github.com/dep/lib.Util",
                "/root/go/pkg/mod/github.com/dep/lib@v1.0.0/util.go"
            ),
            None
        );
        assert_eq!(
            resolve(
                "github.com/dep/lib.Util",
                "/src/repo/vendor/github.com/dep/lib/util.go"
            ),
            None
        );
        assert_eq!(
            resolve(
                "github.com/dep/lib.Util",
                "/home/me/go/src/github.com/dep/lib/util.go"
            ),
            None
        );
    }

    #[test]
    fn a_renamed_module_maps_where_folder_and_package_agree() {
        assert_eq!(
            resolve("github.com/fork/repo/internal/x.f", "/build/fork/internal/x/y.go"),
            Some(("internal/x/y.go".into(), MatchedBy::Suffix)),
        );
    }

    #[test]
    fn without_go_mod_the_suffix_decides() {
        let repo = Repository::new(["main.go", "internal/x/y.go"]);
        assert_eq!(
            repo.resolve("example.com/tool.run", "/tmp/b/main.go")
                .map(|r| r.path),
            Some("main.go".into())
        );
        assert_eq!(
            repo.resolve("runtime.main", "/usr/lib/go/src/runtime/proc.go"),
            None
        );
    }

    #[test]
    fn gos_own_source_tree_maps_the_standard_library() {
        let repo = Repository::new(["encoding/json/decode.go", "cmd/go/main.go"])
            .with_modules([("std", ""), ("cmd", "cmd")]);
        let resolve = |function: &str, file: &str| repo.resolve(function, file).map(|r| r.path);
        assert_eq!(
            resolve(
                "encoding/json.(*decodeState).object",
                "/usr/lib/go-1.19/src/encoding/json/decode.go"
            ),
            Some("encoding/json/decode.go".into())
        );
        assert_eq!(
            resolve("cmd/go.main", "/usr/local/go/src/cmd/go/main.go"),
            Some("cmd/go/main.go".into())
        );
        assert_eq!(
            resolve("runtime.mallocgc", "/usr/lib/go-1.19/src/runtime/malloc.go"),
            None
        );
    }

    #[test]
    fn owns_its_packages_and_their_external_tests() {
        let repo = repo();
        assert!(repo.owns_package("github.com/org/repo"));
        assert!(repo.owns_package("github.com/org/repo_test"));
        assert!(repo.owns_package("github.com/org/repo/internal/x"));
        assert!(!repo.owns_package("github.com/org/repository"));
        assert!(!repo.owns_package("net/http"));
    }
}
