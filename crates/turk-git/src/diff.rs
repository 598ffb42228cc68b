//! The diff from the base commit to the working tree, reduced to the lines each file gained or changed.

use crate::repository::Opened;
use crate::{GitError, Lines};
use git2::{Delta, DiffFindOptions, DiffOptions};
use std::collections::BTreeMap;

/// By path relative to the folder: the added or changed lines since `base`, in the working tree as it is now
/// (the index and untracked files included).
pub(crate) fn changed_lines(
    opened: &Opened,
    base: &git2::Commit<'_>,
) -> Result<BTreeMap<String, Vec<Lines>>, GitError> {
    let tree = base
        .tree()
        .map_err(|err| GitError::git("reading the tree of the merge base", &err))?;
    let mut options = DiffOptions::new();
    // No context lines: every hunk is exactly a run of changed lines, so its new side is the lines to keep.
    options
        .context_lines(0)
        .interhunk_lines(0)
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .show_untracked_content(true)
        .ignore_submodules(true)
        // The folder is a literal path, never a glob: a folder named `[a]` means that folder.
        .disable_pathspec_match(true);
    if !opened.prefix.is_empty() {
        // Limiting the diff to the folder spares reading the rest of a large working tree. The trailing slash
        // says "this folder", so `svc` does not also take `svc2/`.
        options.pathspec(format!("{}/", opened.prefix));
    }
    let mut diff = opened
        .repo
        .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut options))
        .map_err(|err| GitError::git("comparing the working tree with the merge base", &err))?;
    // A moved file counts only the lines edited in the move, as `git diff` shows it.
    let mut find = DiffFindOptions::new();
    find.renames(true).for_untracked(true);
    diff.find_similar(Some(&mut find))
        .map_err(|err| GitError::git("finding renamed files", &err))?;

    let mut files: BTreeMap<String, Vec<Lines>> = BTreeMap::new();
    diff.foreach(
        &mut |_, _| true,
        None,
        Some(&mut |delta, hunk| {
            if delta.status() == Delta::Deleted {
                return true;
            }
            let Some(path) = delta.new_file().path().and_then(|p| p.to_str()) else {
                return true;
            };
            let Some(relative) = relative_to(path, &opened.prefix) else {
                return true;
            };
            // A hunk that only removes lines still marks the file as changed, with no line of its own.
            let lines = files.entry(relative.to_string()).or_default();
            if hunk.new_lines() > 0 {
                lines.push(Lines {
                    start: hunk.new_start(),
                    end: hunk.new_start() + hunk.new_lines() - 1,
                });
            }
            true
        }),
        None,
    )
    .map_err(|err| GitError::git("reading the diff", &err))?;
    for lines in files.values_mut() {
        lines.sort_unstable();
        lines.dedup();
    }
    Ok(files)
}

/// `path` (relative to the working tree) relative to the folder `prefix`, or None when it lies outside it.
fn relative_to<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    if prefix.is_empty() {
        return Some(path);
    }
    path.strip_prefix(prefix)?.strip_prefix('/')
}

#[cfg(test)]
mod tests {
    use super::relative_to;

    #[test]
    fn paths_outside_the_folder_or_in_a_sibling_with_a_longer_name_are_left_out() {
        assert_eq!(relative_to("svc/a.go", ""), Some("svc/a.go"));
        assert_eq!(relative_to("svc/a.go", "svc"), Some("a.go"));
        assert_eq!(relative_to("svc/x/a.go", "svc"), Some("x/a.go"));
        assert_eq!(relative_to("svc2/a.go", "svc"), None);
        assert_eq!(relative_to("other/a.go", "svc"), None);
    }
}
