//! Finding the Go files of a repository: `.gitignore` honoured, `vendor/` and `testdata/` skipped, symlinks not
//! followed (so a symlink loop cannot hang the walk), and every `go.mod` read so each file knows its module.

use crate::gomod::GoMod;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The Go files under a root, and the modules they belong to.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Discovery {
    /// Absolute or root-joined paths of `.go` files, sorted.
    pub files: Vec<PathBuf>,
    /// `go.mod` files found, by the folder that holds them.
    pub modules: BTreeMap<PathBuf, GoMod>,
    /// Entries the walk could not read, with the error.
    pub walk_errors: Vec<(PathBuf, String)>,
    /// The walked folder (or file) as given.
    pub root: PathBuf,
    /// When the module's `go.mod` lies above the walked folder: the key it is filed under in `modules` and that
    /// folder's place inside the module (`internal/cache`).
    enclosing: Option<(PathBuf, PathBuf)>,
}

impl Discovery {
    /// The module a file belongs to: the nearest `go.mod` in its folder or above (within the walked root).
    pub fn module_of(&self, file: &Path) -> Option<&GoMod> {
        file.ancestors().skip(1).find_map(|dir| self.modules.get(dir))
    }

    /// The folder of a file's package inside its module (`internal/cache`), `/`-separated: below its `go.mod`,
    /// or below the walked root when no module is known. Test-support packages are told by it.
    pub fn package_folder(&self, file: &Path) -> String {
        let dir = file.parent().unwrap_or(Path::new(""));
        let module = dir.ancestors().find(|d| self.modules.contains_key(*d));
        let inside = match module {
            Some(module_dir) => {
                let below = dir.strip_prefix(module_dir).unwrap_or(Path::new(""));
                match &self.enclosing {
                    Some((key, place)) if key == module_dir => place.join(below),
                    _ => below.to_path_buf(),
                }
            }
            None => dir
                .strip_prefix(&self.root)
                .unwrap_or(Path::new(""))
                .to_path_buf(),
        };
        inside.to_string_lossy().replace('\\', "/")
    }
}

/// Folders never descended into: vendored dependencies and Go's test data convention.
fn is_skipped_dir(name: &str) -> bool {
    matches!(name, "vendor" | "testdata" | "node_modules") || name.starts_with('.') || name.starts_with('_')
}

/// Walks `root` (a folder, or a single file) for Go sources and `go.mod` files.
pub fn discover(root: &Path) -> Discovery {
    let mut found = Discovery {
        root: root.to_path_buf(),
        ..Discovery::default()
    };
    if root.is_file() {
        found.files.push(root.to_path_buf());
        if let Some(dir) = root.parent() {
            read_enclosing_gomod(dir, &mut found);
        }
        return found;
    }
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_some_and(|t| t.is_dir())
                || !is_skipped_dir(&entry.file_name().to_string_lossy())
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = entry.into_path();
                match path.file_name().and_then(|n| n.to_str()) {
                    Some("go.mod") => {
                        if let Ok(text) = std::fs::read_to_string(&path) {
                            let dir = path.parent().unwrap_or(root).to_path_buf();
                            found.modules.insert(dir, GoMod::parse(&text));
                        }
                    }
                    Some(name) if name.ends_with(".go") => found.files.push(path),
                    _ => {}
                }
            }
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => path.clone(),
                    _ => root.to_path_buf(),
                };
                found.walk_errors.push((path, err.to_string()));
            }
        }
    }
    if !found.modules.keys().any(|dir| dir == root) {
        read_enclosing_gomod(root, &mut found);
    }
    found.files.sort();
    found
}

/// A scan of a subfolder still wants the module's Go version: look upwards for the nearest `go.mod`.
fn read_enclosing_gomod(dir: &Path, found: &mut Discovery) {
    // Keyed by the folder as the caller spelled it, so that `module_of` finds it among the file's ancestors.
    let key = dir.to_path_buf();
    let walk_from = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(absolute) = walk_from.canonicalize() else {
        return;
    };
    for ancestor in absolute.ancestors() {
        let candidate = ancestor.join("go.mod");
        if let Ok(text) = std::fs::read_to_string(&candidate) {
            let place = absolute
                .strip_prefix(ancestor)
                .unwrap_or(Path::new(""))
                .to_path_buf();
            found.enclosing = Some((key.clone(), place));
            found.modules.insert(key, GoMod::parse(&text));
            return;
        }
        if ancestor.join(".git").exists() {
            return;
        }
    }
}
