//! `changes_since` on real repositories built with the `git` binary in temporary folders: merge base, working
//! tree, untracked files, renames, subfolders, and the errors a user meets (unknown revision, shallow clone, no
//! repository, no commit).

use std::path::PathBuf;
use turk_git::{GitError, Lines, changes_since};
use turk_testgit::{GitRepo as Repo, git_in};

fn numbered(n: u32) -> String {
    (1..=n).map(|i| format!("line {i}\n")).collect()
}

/// `numbered(n)` with the given lines (1-based) replaced.
fn edited(n: u32, changed: &[u32]) -> String {
    (1..=n)
        .map(|i| {
            if changed.contains(&i) {
                format!("edited {i}\n")
            } else {
                format!("line {i}\n")
            }
        })
        .collect()
}

fn lines(ranges: &[(u32, u32)]) -> Vec<Lines> {
    ranges.iter().map(|&(start, end)| Lines { start, end }).collect()
}

#[test]
fn counts_from_the_merge_base_not_from_where_the_other_branch_went_since() {
    let repo = Repo::new();
    repo.write("a.go", &numbered(20));
    repo.write("b.go", &numbered(10));
    let base = repo.commit("Start");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("a.go", &edited(20, &[5, 6, 15]));
    repo.commit("Edit a");
    // main moves on after the branch: its change to b.go is not part of the feature's change.
    repo.git(&["checkout", "-q", "main"]);
    repo.write("b.go", &edited(10, &[1]));
    repo.commit("Edit b on main");
    repo.git(&["checkout", "-q", "feature"]);

    let changes = changes_since(repo.path(), "main").unwrap();
    assert_eq!(changes.rev, "main");
    assert_eq!(changes.base.id, base);
    assert_eq!(changes.base.summary, "Start");
    assert_eq!(changes.base.short_id(), &base[..12]);
    let files: Vec<&str> = changes.files().map(|(p, _)| p).collect();
    assert_eq!(files, ["a.go"]);
    assert_eq!(changes.lines("a.go").unwrap(), lines(&[(5, 6), (15, 15)]));
    assert!(changes.touches("a.go", 1, 5));
    assert!(!changes.touches("a.go", 7, 14));
    assert!(!changes.touches("b.go", 1, 10));
}

#[test]
fn staged_unstaged_and_untracked_changes_count_ignored_files_do_not() {
    let repo = Repo::new();
    repo.write("staged.go", &numbered(5));
    repo.write("unstaged.go", &numbered(5));
    repo.write(".gitignore", "gen/\n");
    repo.commit("Start");
    repo.write("staged.go", &edited(5, &[2]));
    repo.git(&["add", "staged.go"]);
    repo.write("unstaged.go", &edited(5, &[4]));
    repo.write("new/fresh.go", &numbered(3));
    repo.write("gen/ignored.go", &numbered(3));

    let changes = changes_since(repo.path(), "HEAD").unwrap();
    let files: Vec<(&str, Vec<Lines>)> = changes.files().map(|(p, l)| (p, l.to_vec())).collect();
    assert_eq!(
        files,
        [
            ("new/fresh.go", lines(&[(1, 3)])),
            ("staged.go", lines(&[(2, 2)])),
            ("unstaged.go", lines(&[(4, 4)])),
        ]
    );
}

#[test]
fn a_subfolder_gets_paths_relative_to_itself_and_nothing_from_outside() {
    let repo = Repo::new();
    repo.write("svc/api/h.go", &numbered(4));
    repo.write("svc2/other.go", &numbered(4));
    repo.write("root.go", &numbered(4));
    repo.commit("Start");
    repo.write("svc/api/h.go", &edited(4, &[3]));
    repo.write("svc/new.go", &numbered(2));
    repo.write("svc2/other.go", &edited(4, &[1]));
    repo.write("root.go", &edited(4, &[1]));

    let changes = changes_since(&repo.path().join("svc"), "HEAD").unwrap();
    let files: Vec<&str> = changes.files().map(|(p, _)| p).collect();
    assert_eq!(files, ["api/h.go", "new.go"]);
    // The same folder spelled with `..` maps the same way.
    let spelled = repo.path().join("svc/api/../");
    assert_eq!(changes_since(&spelled, "HEAD").unwrap(), changes);
}

#[test]
fn a_rename_counts_only_its_edited_lines_a_deletion_no_line() {
    let repo = Repo::new();
    repo.write("old.go", &numbered(30));
    repo.write("gone.go", &numbered(5));
    repo.write("shrunk.go", &numbered(5));
    repo.commit("Start");
    repo.git(&["mv", "old.go", "moved.go"]);
    repo.write("moved.go", &edited(30, &[12]));
    repo.git(&["rm", "-q", "gone.go"]);
    repo.write("shrunk.go", "line 1\nline 2\nline 4\nline 5\n");

    let changes = changes_since(repo.path(), "HEAD").unwrap();
    assert_eq!(changes.lines("moved.go").unwrap(), lines(&[(12, 12)]));
    assert!(!changes.is_changed("gone.go"));
    assert!(!changes.is_changed("old.go"));
    // Lines were only removed: the file changed, but no line of it is new.
    assert_eq!(changes.lines("shrunk.go"), Some(&[][..]));
    assert!(!changes.touches("shrunk.go", 1, 4));
}

#[test]
fn nothing_changed_is_an_empty_change() {
    let repo = Repo::new();
    repo.write("a.go", &numbered(3));
    repo.commit("Start");
    let changes = changes_since(repo.path(), "HEAD").unwrap();
    assert!(changes.is_empty());
    assert_eq!(changes.len(), 0);
}

#[test]
fn an_unknown_revision_is_named() {
    let repo = Repo::new();
    repo.write("a.go", &numbered(3));
    repo.commit("Start");
    let err = changes_since(repo.path(), "origin/nope").unwrap_err();
    assert!(matches!(err, GitError::UnknownRevision { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("`origin/nope` is not a revision"), "{text}");
}

#[test]
fn a_folder_outside_any_repository_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = changes_since(dir.path(), "HEAD").unwrap_err();
    assert!(matches!(err, GitError::NotARepository { .. }), "{err:?}");
    assert!(err.to_string().contains("not inside a Git repository"), "{err}");
}

#[test]
fn a_repository_without_commits_says_so() {
    let repo = Repo::new();
    repo.write("a.go", &numbered(3));
    let err = changes_since(repo.path(), "HEAD").unwrap_err();
    assert!(matches!(err, GitError::NoCommits { .. }), "{err:?}");
}

#[test]
fn unrelated_histories_have_no_merge_base() {
    let repo = Repo::new();
    repo.write("a.go", &numbered(3));
    repo.commit("Start");
    repo.git(&["checkout", "-q", "--orphan", "other"]);
    repo.write("a.go", &numbered(4));
    repo.commit("Elsewhere");
    let err = changes_since(repo.path(), "main").unwrap_err();
    assert!(matches!(err, GitError::NoMergeBase { .. }), "{err:?}");
}

/// A repository with main (three commits) and a feature branch from the first, and a shallow clone of the feature
/// branch one commit deep.
fn shallow_clone() -> (Repo, tempfile::TempDir, PathBuf) {
    let origin = Repo::new();
    origin.write("a.go", &numbered(10));
    origin.commit("One");
    origin.git(&["branch", "feature"]);
    origin.write("a.go", &edited(10, &[1]));
    origin.commit("Two");
    origin.write("a.go", &edited(10, &[1, 2]));
    origin.commit("Three");
    origin.git(&["checkout", "-q", "feature"]);
    origin.write("b.go", &numbered(3));
    origin.commit("Feature");
    let parent = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git_in(
        parent.path(),
        &[
            "clone", "-q", "--depth", "1", "--branch", "feature", &url, "clone",
        ],
    );
    let clone = parent.path().join("clone");
    (origin, parent, clone)
}

#[test]
fn a_revision_missing_from_a_shallow_clone_says_how_to_fetch_more() {
    let (_origin, _parent, clone) = shallow_clone();
    let err = changes_since(&clone, "HEAD~1").unwrap_err();
    assert!(matches!(err, GitError::NotInShallowClone { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("shallow clone"), "{text}");
    assert!(text.contains("git fetch --unshallow"), "{text}");
    assert!(text.contains("--depth"), "{text}");
}

#[test]
fn a_merge_base_beyond_a_shallow_clone_says_how_to_fetch_more() {
    let (_origin, _parent, clone) = shallow_clone();
    git_in(
        &clone,
        &[
            "fetch",
            "-q",
            "--depth",
            "1",
            "origin",
            "main:refs/remotes/origin/main",
        ],
    );
    let err = changes_since(&clone, "origin/main").unwrap_err();
    assert!(
        matches!(err, GitError::NoMergeBaseInShallowClone { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("git fetch --unshallow"), "{err}");
    // With the whole history the same revision works.
    git_in(&clone, &["fetch", "-q", "--unshallow"]);
    let changes = changes_since(&clone, "origin/main").unwrap();
    assert_eq!(changes.base.summary, "One");
    let files: Vec<&str> = changes.files().map(|(p, _)| p).collect();
    assert_eq!(files, ["b.go"]);
}
