//! Shared test helpers: copy a fixture team into a temporary directory and snapshot its bytes.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `testdata/squad/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/squad")
        .join(name)
}

/// A private copy of a fixture repository (with a `.git` marker so discovery stops there).
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every file under `root` (relative path → bytes), `.git` excluded.
pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            if e.file_name() == ".git" {
                continue;
            }
            if e.file_type().unwrap().is_dir() {
                walk(root, &e.path(), out);
            } else {
                let rel = e.path().strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// `new` with the lines that `old` lacks removed must give back `old` byte for byte: proof that an edit only
/// inserted lines. Returns the inserted lines.
pub fn only_inserted(old: &str, new: &str) -> Vec<String> {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut inserted = Vec::new();
    let mut i = 0;
    let mut rebuilt = String::new();
    for l in &new_lines {
        if i < old_lines.len() && *l == old_lines[i] {
            rebuilt.push_str(l);
            i += 1;
        } else if i < old_lines.len() && !old_lines[i].ends_with('\n') && l.starts_with(old_lines[i]) {
            // The old last line without a newline gained one; the inserted line follows.
            rebuilt.push_str(old_lines[i]);
            inserted.push(l[old_lines[i].len()..].to_string());
            i += 1;
        } else {
            inserted.push(l.to_string());
        }
    }
    assert_eq!(
        rebuilt, old,
        "the edit changed existing bytes, not only inserted lines"
    );
    inserted
}

pub const EPOCH: &str = "2026-02-26T03:28:00Z";

/// For JSON edits: every old line is still there, in order, at most with a `,` added before its line ending
/// (the separator a new sibling needs). Returns the number of new lines.
pub fn json_only_extended(old: &str, new: &str) -> usize {
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut j = 0;
    for l in old.split_inclusive('\n') {
        let body = l.trim_end_matches(['\r', '\n']);
        let eol = &l[body.len()..];
        let with_comma = format!("{body},{eol}");
        while j < new_lines.len() && new_lines[j] != l && new_lines[j] != with_comma {
            j += 1;
        }
        assert!(j < new_lines.len(), "old line {l:?} is gone or changed");
        j += 1;
    }
    serde_json::from_str::<serde_json::Value>(new).expect("still valid JSON");
    new_lines.len() - old.split_inclusive('\n').count()
}
