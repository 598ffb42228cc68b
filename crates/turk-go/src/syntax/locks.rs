//! Critical sections: the statements that run while a `mu.Lock()` (or `RLock()`) is held, up to the matching
//! `Unlock` in the same block, or to the end of the block when the unlock is deferred.

use super::exprs::no_arguments;
use super::statements::statement_call;
use super::walk::later_siblings;
use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::context::position::contains;
use crate::rule::Call;
use tree_sitter::Node;

/// A `recv.Lock()` statement and what runs while it is held.
#[derive(Debug)]
pub struct CriticalSection<'a> {
    /// `recv` as written (`s.mu`, `c`).
    pub receiver: &'a str,
    /// An `RLock`.
    pub read: bool,
    /// The statements after the lock in its block that run with the lock held: up to the matching unlock, to
    /// the end of the block when it is deferred, and never past a statement that unlocks on some path and goes
    /// on (an `if` that unlocks and returns is part of the section: the code after it still holds the lock).
    pub statements: Vec<Node<'a>>,
    /// The section is known to its end: it stops at the matching unlock, or the unlock is deferred. `false` when
    /// the walk stopped at a statement that unlocks on some path and goes on, or the block ended with the lock
    /// still held (unlocked in a nested block or by a caller).
    pub complete: bool,
    /// Statements of the section that unlock on a path that leaves (`if done { mu.Unlock(); return }`), each with
    /// where its first unlock starts: what follows that point in the statement may run unlocked.
    partial: Vec<(Node<'a>, usize)>,
}

impl CriticalSection<'_> {
    /// Whether `node`, within one of the section's statements, runs with the lock held: not after an unlock
    /// inside its statement.
    pub fn holds_at(&self, node: Node<'_>) -> bool {
        !self
            .partial
            .iter()
            .any(|(stmt, at)| contains(*stmt, node) && node.start_byte() > *at)
    }
}

/// The critical section a `recv.Lock()`/`recv.RLock()` call starts, when the call is a statement of its own.
pub fn critical_section<'a>(cx: &FileContext<'a>, call: Node<'a>) -> Option<CriticalSection<'a>> {
    let (recv, method) = Call::method(call, cx)?;
    let read = match method {
        "Lock" => false,
        "RLock" => true,
        _ => return None,
    };
    if !no_arguments(call) {
        return None;
    }
    let lock = call
        .parent()
        .filter(|p| p.kind_name() == "expression_statement")?;
    let block = lock.parent()?;
    let receiver = cx.text(recv);
    let unlock = if read { "RUnlock" } else { "Unlock" };
    let unlocks =
        |c: Node<'a>| Call::method(c, cx).is_some_and(|(r, m)| m == unlock && cx.text(r) == receiver);
    // `s.mu.Unlock(` as written: a cheap test before looking for the call in a statement's subtree.
    let written = format!("{receiver}.{unlock}(");
    let mut section = CriticalSection {
        receiver,
        read,
        statements: Vec::new(),
        complete: false,
        partial: Vec::new(),
    };
    for stmt in later_siblings(lock, block) {
        if stmt.kind_name() == "comment" {
            continue;
        }
        if let Some(c) = statement_call(stmt) {
            if stmt.kind_name() == "expression_statement" && unlocks(c) {
                section.complete = true;
                break;
            }
            if stmt.kind_name() == "defer_statement" && unlocks(c) {
                section.complete = true;
                continue;
            }
        }
        if let Some(at) = cx.text(stmt).find(&written) {
            if stmt.kind_name() == "defer_statement" {
                // `defer func() { ...; mu.Unlock() }()`
                section.complete = true;
                continue;
            }
            if !unlocks_and_leaves(stmt) {
                section.complete = false;
                break;
            }
            section.partial.push((stmt, stmt.start_byte() + at));
        }
        section.statements.push(stmt);
    }
    Some(section)
}

/// `if cond { ...; mu.Unlock(); return }` without an `else`: the path that unlocks leaves the block.
fn unlocks_and_leaves(stmt: Node<'_>) -> bool {
    stmt.kind_name() == "if_statement"
        && stmt.field("alternative").is_none()
        && stmt
            .field("consequence")
            .and_then(|block| {
                let mut cursor = block.walk();
                let list = block
                    .named_children(&mut cursor)
                    .find(|n| n.kind_name() == "statement_list")?;
                let mut cursor = list.walk();
                list.named_children(&mut cursor)
                    .filter(|n| n.kind_name() != "comment")
                    .last()
            })
            .is_some_and(|last| {
                matches!(
                    last.kind_name(),
                    "return_statement" | "continue_statement" | "break_statement" | "goto_statement"
                )
            })
}
