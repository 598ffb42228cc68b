//! A mutex held across a network call, a database call, a whole-file read or write, a child process or a sleep.

use crate::context::FileContext;
use crate::context::children::KindName;
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/lock-held-across-io",
    category: Category::Concurrency,
    priority: Priority::P1,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "lock held across a blocking I/O call",
    why: "While the lock is held, every other goroutine that needs it waits, and the call under it waits on the \
          outside world: an HTTP request or a database query takes from about a millisecond on a LAN to seconds \
          on a slow peer (and forever without a timeout), a TLS handshake alone is a few round trips. The \
          mutex turns that latency into a queue: with the lock held 20 ms per call, no more than 50 callers a \
          second get through, however many cores and connections there are, and one stalled peer stalls \
          every caller. An RLock held across the call also blocks every writer, and behind a waiting writer, \
          every new reader.",
    fix: "Do the I/O outside the lock: copy what the call needs under the lock, unlock, make the call, then lock \
          again to store the result (checking that nothing changed meanwhile if that matters). To keep \
          concurrent callers from repeating the same fetch, use golang.org/x/sync/singleflight instead of the \
          mutex.",
    bad: r#"func (c *Cache) Get(url string) ([]byte, error) {
    c.mu.Lock()
    defer c.mu.Unlock()
    if b, ok := c.items[url]; ok {
        return b, nil
    }
    resp, err := http.Get(url)
    if err != nil {
        return nil, err
    }
    defer resp.Body.Close()
    b, err := io.ReadAll(resp.Body)
    if err != nil {
        return nil, err
    }
    c.items[url] = b
    return b, nil
}"#,
    good: r#"func (c *Cache) Get(url string) ([]byte, error) {
    c.mu.Lock()
    b, ok := c.items[url]
    c.mu.Unlock()
    if ok {
        return b, nil
    }
    resp, err := http.Get(url)
    if err != nil {
        return nil, err
    }
    defer resp.Body.Close()
    b, err = io.ReadAll(resp.Body)
    if err != nil {
        return nil, err
    }
    c.mu.Lock()
    c.items[url] = b
    c.mu.Unlock()
    return b, nil
}"#,
    applies: "From a `x.Lock()`/`x.RLock()` statement to the matching unlock in the same block (to the end of the \
              block with a deferred unlock). The blocking calls: HTTP requests (http.Get and friends, and \
              Do/Get/Post on a client or with a request known from this file), net.Dial*/tls.Dial and net.Lookup*, \
              database/sql statements on a handle known from this file, running an exec.Cmd, time.Sleep, and \
              (at P2) os/ioutil WriteFile; reading a file under a lock is left alone. Calls in goroutines, deferred calls and func \
              literals are not counted, nor calls after an unlock on a path that leaves the block. One step \
              higher on a hot path (a loop body, an HTTP handler).",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(&["Lock", "RLock"]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(section) = syntax::critical_section(cx, call) else {
        return;
    };
    let Some((blocking, what)) = section
        .statements
        .iter()
        .filter(|stmt| syntax::may_block(cx.text(**stmt)))
        .find_map(|stmt| first_blocking_call(cx, *stmt, &section))
    else {
        return;
    };
    let lock = if section.read { "RLock" } else { "Lock" };
    // Writing a whole file takes milliseconds for a large one, and storage code often serialises its file
    // updates under its lock on purpose: worth knowing, not the per-request stall of a network call.
    cx.finding(&META, blocking)
        .priority_if(what == syntax::Blocking::FileWrite, Priority::P2)
        .title(format!(
            "{}.{lock}() is held across {}",
            section.receiver,
            what.what()
        ))
        .on_hot_path_of(blocking, META.priority.raised())
        .report(out);
}

/// The first blocking call that `stmt` makes itself, outside goroutines, deferred calls and func literals.
fn first_blocking_call<'a>(
    cx: &FileContext<'a>,
    stmt: Node<'a>,
    section: &syntax::CriticalSection<'a>,
) -> Option<(Node<'a>, syntax::Blocking)> {
    let mut found = None;
    let mut nodes = syntax::descendants(stmt);
    while let Some(node) = nodes.next() {
        match node.kind_name() {
            "func_literal" | "go_statement" | "defer_statement" => nodes.skip_children(),
            "call_expression" => {
                // Reading a small file or listing a directory under a lock is common on start-up and recovery
                // paths and rarely worth a finding.
                if let Some(what) = syntax::blocking_call(cx, node)
                    .filter(|b| *b != syntax::Blocking::FileRead && section.holds_at(node))
                {
                    found = Some((node, what));
                    break;
                }
            }
            _ => {}
        }
    }
    found
}
