//! The same path read, stat'ed or opened twice in one function.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::context::position::contains;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/same-file-read-twice",
    category: Category::Io,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "the same file is read (or stat'ed, or opened) twice in one function",
    why: "Each os.ReadFile opens the file, reads all of it into a new slice and closes it: reading it twice doubles \
          the system calls, the copy out of the page cache and the allocation (a 1 MB file: about 1 MB of \
          garbage and a few hundred microseconds more per call); on a network file system each access is also \
          a round trip. Each os.Stat is a system call (about a microsecond locally, a round trip on NFS). \
          Between the two accesses the file may also change, so the function can act on two different \
          versions of it.",
    fix: "Read (or stat, or open) once and pass the result on: keep the []byte, the os.FileInfo or the *os.File in \
          a variable. To stat a file you are about to read, open it and call f.Stat() on the handle.",
    bad: r#"func loadConfig(path string) (*Config, error) {
    data, err := os.ReadFile(path)
    if err != nil {
        return nil, err
    }
    if !json.Valid(data) {
        return nil, errors.New("invalid config")
    }
    raw, err := os.ReadFile(path)
    if err != nil {
        return nil, err
    }
    var c Config
    return &c, json.Unmarshal(raw, &c)
}"#,
    good: r#"func loadConfig(path string) (*Config, error) {
    data, err := os.ReadFile(path)
    if err != nil {
        return nil, err
    }
    if !json.Valid(data) {
        return nil, errors.New("invalid config")
    }
    var c Config
    return &c, json.Unmarshal(data, &c)
}"#,
    applies: "os.ReadFile/ioutil.ReadFile, os.Stat, os.Lstat and os.Open twice with the same path expression (as \
              written) in one function, the second call reached after the first: not in the other branch of an \
              if/else or switch, not after a branch of the first that returns. Not when a name in the path is \
              assigned between the calls, nor when anything between them may change the file: every call \
              between must be known to leave files alone (strings, strconv, filepath.Join, fmt.Sprintf, \
              json.Unmarshal, builtins, FileInfo methods...); a second access after any other call is a check, \
              not a repeat. Stat before ReadFile or Open is left alone. One step higher on a hot path.",
};

/// The calls compared, each with the calls it pairs with (the same function, or ReadFile across os/ioutil).
const OS_CALLS: &[&str] = &["ReadFile", "Stat", "Lstat", "Open"];

/// Package functions known not to touch files, by import path (an empty list: every function of the package).
/// Any other call between the two accesses may change the file (a write, a rename, a helper that does either),
/// and a second access after it is a check, not a repeat.
const PURE: &[(&str, &[&str])] = &[
    ("strings", &[]),
    ("bytes", &[]),
    ("strconv", &[]),
    ("errors", &[]),
    ("path", &[]),
    ("unicode", &[]),
    ("unicode/utf8", &[]),
    ("math", &[]),
    ("sort", &[]),
    (
        "path/filepath",
        &[
            "Join",
            "Base",
            "Dir",
            "Ext",
            "Clean",
            "Abs",
            "Rel",
            "Split",
            "IsAbs",
            "Match",
            "ToSlash",
            "FromSlash",
        ],
    ),
    ("fmt", &["Sprintf", "Sprint", "Sprintln", "Errorf"]),
    ("encoding/json", &["Unmarshal", "Valid", "Marshal"]),
    ("os", &["IsNotExist", "IsExist", "IsPermission", "Getenv"]),
    ("time", &["Now", "Since", "Until"]),
];

/// Methods of what the first access returned (an os.FileInfo, an error) that only read it.
const PURE_METHODS: &[&str] = &[
    "Size",
    "Mode",
    "ModTime",
    "IsDir",
    "Name",
    "Sys",
    "IsRegular",
    "Perm",
    "Error",
    "String",
];

/// Builtins that touch no file.
const PURE_BUILTINS: &[&str] = &[
    "len", "cap", "append", "make", "new", "copy", "string", "min", "max",
];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("os", OS_CALLS), ("io/ioutil", &["ReadFile"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let name = Call::name_of(call, cx);
    let Some(path) = call
        .field("arguments")
        .and_then(syntax::only_child)
        .filter(|p| !syntax::is_broken(*p))
    else {
        return;
    };
    let path_text = cx.text(path);
    let Some(func) = cx.enclosing_function(call) else {
        return;
    };
    let Some(body) = syntax::body(func) else {
        return;
    };
    // Cheap first: without the path's text before the call, there is no earlier access to it.
    let before = &cx.src[body.start_byte()..call.start_byte()];
    if !before.contains(path_text) {
        return;
    }
    // The earlier access of the same kind to the same path, in this function.
    let mut earlier = None;
    syntax::walk_same_function(body, &mut |node| {
        if node.start_byte() >= call.start_byte() {
            return false;
        }
        if node.kind_name() == "call_expression"
            && same_access(cx, node, name)
            && node
                .field("arguments")
                .and_then(syntax::only_child)
                .is_some_and(|p| cx.text(p) == path_text)
        {
            earlier = Some(node);
        }
        true
    });
    let Some(earlier) = earlier else {
        return;
    };
    if exclusive(cx, earlier, call) || changed_between(cx, body, earlier, call, path) {
        return;
    }
    let verb = match name {
        "ReadFile" => "read",
        "Open" => "opened",
        _ => "stat'ed",
    };
    let line = earlier.start_position().row + 1;
    cx.finding(&META, call)
        .title(format!("{path_text} is {verb} again (first on line {line})"))
        .on_hot_path_of(call, META.priority.raised())
        .report(out);
}

/// Whether `node` is a call of the same kind of access as `name`: ReadFile of os or ioutil, or the same os
/// function.
fn same_access(cx: &FileContext<'_>, node: Node<'_>, name: &str) -> bool {
    cx.call_to(node, "os", &[name]).is_some()
        || (name == "ReadFile" && cx.call_to(node, "io/ioutil", &["ReadFile"]).is_some())
}

/// Whether the two calls never both run: in different branches of an if/else or a switch/select, or the first in
/// a branch that leaves (returns, breaks, continues) without containing the second.
fn exclusive<'a>(cx: &FileContext<'a>, first: Node<'a>, second: Node<'a>) -> bool {
    let ancestors = cx.ancestors(first);
    // The innermost node holding both calls, and its child towards the first.
    let Some(common) = ancestors.iter().rposition(|n| contains(*n, second)) else {
        return false;
    };
    let (lca, branch) = (
        ancestors[common],
        ancestors.get(common + 1).copied().unwrap_or(first),
    );
    let different_branches = match lca.kind_name() {
        // The first in the consequence, the second in the else branch.
        "if_statement" => syntax::is_field(lca, "consequence", branch),
        // Two cases of one switch or select.
        "expression_switch_statement" | "type_switch_statement" | "select_statement" => matches!(
            branch.kind_name(),
            "expression_case" | "default_case" | "type_case" | "communication_case"
        ),
        _ => false,
    };
    // Below the common node, a block around the first call that ends by leaving.
    different_branches
        || ancestors[common + 1..]
            .iter()
            .any(|n| n.kind_name() == "block" && leaves(cx, *n))
}

/// Whether a block's last statement leaves it: return, break, continue, goto, or a panic.
fn leaves(cx: &FileContext<'_>, block: Node<'_>) -> bool {
    let Some(list) = syntax::each_child(block).find(|n| n.kind_name() == "statement_list") else {
        return false;
    };
    syntax::each_child(list).last().is_some_and(|last| {
        matches!(
            last.kind_name(),
            "return_statement" | "break_statement" | "continue_statement" | "goto_statement"
        ) || syntax::statement_call(last).is_some_and(|c| syntax::is_builtin_call(c, "panic", cx))
    })
}

/// Whether something between the two calls may make the second see another file: a name of the path assigned,
/// or any call not known to leave files alone.
fn changed_between<'a>(
    cx: &FileContext<'a>,
    body: Node<'a>,
    first: Node<'a>,
    second: Node<'a>,
    path: Node<'a>,
) -> bool {
    let names: Vec<&str> = syntax::descendants(path)
        .filter(|n| n.kind_name() == "identifier")
        .map(|n| cx.text(n))
        .collect();
    let (from, to) = (first.end_byte(), second.start_byte());
    let mut changed = false;
    syntax::walk(body, &mut |node| {
        if changed || node.end_byte() <= from || node.start_byte() >= to {
            // Outside the stretch between the calls (a node that straddles it is entered).
            return !changed && node.start_byte() < to && node.end_byte() > from;
        }
        match node.kind_name() {
            "assignment_statement" | "short_var_declaration" | "inc_statement" | "dec_statement" => {
                let target = node.field("left").or_else(|| syntax::first_child(node));
                changed |= target.is_some_and(|t| {
                    syntax::descendants(t)
                        .any(|n| n.kind_name() == "identifier" && names.contains(&cx.text(n)))
                });
            }
            "call_expression" => changed |= !is_pure(cx, node),
            _ => {}
        }
        !changed
    });
    changed
}

/// Whether a call is known to touch no file: a pure package function, a builtin, a conversion-like builtin, or
/// a reading method of a file's information.
fn is_pure(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    let Some(parts) = Call::of(call) else {
        // A conversion `[]byte(s)` parses as a call of a type; anything else is unknown.
        return call
            .field("function")
            .is_some_and(|f| matches!(f.kind_name(), "slice_type" | "array_type" | "parenthesized_type"));
    };
    let name = cx.text(parts.name);
    match parts.recv {
        None => PURE_BUILTINS.contains(&name) && cx.lookup(name, parts.name).is_none(),
        Some(recv) => match cx.package_of(recv) {
            Some(path) => PURE
                .iter()
                .any(|(p, names)| *p == path && (names.is_empty() || names.contains(&name))),
            None => PURE_METHODS.contains(&name) && syntax::no_arguments(call),
        },
    }
}
