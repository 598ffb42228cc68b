//! A `sync.Mutex` guarding a map that most of the struct's locking methods only read.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/rwmutex-candidate",
    category: Category::Concurrency,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "sync.Mutex guards a map that most methods only read",
    why: "A sync.Mutex lets one goroutine in at a time, readers included: concurrent lookups queue behind each \
          other although none of them changes the map. When reads dominate, an RWMutex lets readers share the \
          lock and only writers wait; an uncontended Lock/Unlock costs about 20 ns, but under contention the \
          waiters park and wake (microseconds each), so a read-heavy map behind one mutex stops scaling with \
          cores. The win grows with the time spent under the read lock (iterating the map, copying values). \
          For a map written once and read forever by many goroutines, sync.Map avoids the shared lock word \
          altogether.",
    fix: "Declare the field as sync.RWMutex and take RLock/RUnlock in the methods that only read; keep \
          Lock/Unlock where the map (or anything else) is written. For tiny critical sections measure first \
          (a benchmark with b.RunParallel): RLock also writes a shared counter, and sync.Map or sharding may \
          scale better.",
    bad: r#"type Registry struct {
    mu    sync.Mutex
    peers map[string]string
}

func (r *Registry) Get(id string) (string, bool) {
    r.mu.Lock()
    defer r.mu.Unlock()
    addr, ok := r.peers[id]
    return addr, ok
}

func (r *Registry) List() []string {
    r.mu.Lock()
    defer r.mu.Unlock()
    out := make([]string, 0, len(r.peers))
    for id := range r.peers {
        out = append(out, id)
    }
    return out
}

func (r *Registry) Set(id, addr string) {
    r.mu.Lock()
    r.peers[id] = addr
    r.mu.Unlock()
}"#,
    good: r#"type Registry struct {
    mu    sync.RWMutex
    peers map[string]string
}

func (r *Registry) Get(id string) (string, bool) {
    r.mu.RLock()
    defer r.mu.RUnlock()
    addr, ok := r.peers[id]
    return addr, ok
}

func (r *Registry) List() []string {
    r.mu.RLock()
    defer r.mu.RUnlock()
    out := make([]string, 0, len(r.peers))
    for id := range r.peers {
        out = append(out, id)
    }
    return out
}

func (r *Registry) Set(id, addr string) {
    r.mu.Lock()
    r.peers[id] = addr
    r.mu.Unlock()
}"#,
    applies: "Heuristic: the number of methods stands in for how often each runs. A struct declared in this file \
              with one sync.Mutex field (named or embedded), no sync.Cond, and a map field; among its methods \
              declared in this file that Lock that mutex, at least two only read under it (including the map), \
              and they outnumber those that write. A method that writes any field of the receiver, takes a \
              field's address, calls a method on the receiver or its fields, or hands a map field to a \
              function (other than len) under the lock counts as a writer.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(&["type_spec"]),
    check,
};

fn check(spec: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let (Some(name), Some(body)) = (
        spec.field("name"),
        spec.field("type").filter(|t| t.kind_name() == "struct_type"),
    ) else {
        return;
    };
    let text = cx.text(body);
    if !text.contains("Mutex") || !text.contains("map[") {
        return;
    }
    let Some(fields) = guarded_fields(cx, body) else {
        return;
    };
    let type_name = cx.text(name);
    let mut readers = 0;
    let mut writers = 0;
    let mut map_read = false;
    for method in cx.methods_of(type_name) {
        match locked_access(cx, *method, &fields) {
            Some(Access::Reads { map }) => {
                readers += 1;
                map_read |= map;
            }
            Some(Access::Writes) => writers += 1,
            None => {}
        }
    }
    if readers < 2 || readers <= writers || !map_read || locked_elsewhere(cx, type_name, &fields) {
        return;
    }
    let maps = fields.maps.join(", ");
    cx.finding(&META, fields.mutex)
        .title(format!(
            "{type_name}.{}: a sync.Mutex guards map {maps}; {readers} methods only read under it, {writers} {}",
            fields.mutex_name,
            if writers == 1 { "writes" } else { "write" }
        ))
        .report(out);
}

/// Whether the file may lock this struct's mutex outside the struct's own methods (`f.node.mu.Lock()` in another
/// type's method, `n.mu.Lock()` in a function): those critical sections are not counted, so the count would say
/// nothing. Each lock call elsewhere is looked at through its operand: a variable or receiver declared with
/// another type, or a field of another type, is some other mutex.
fn locked_elsewhere(cx: &FileContext<'_>, type_name: &str, fields: &Fields<'_>) -> bool {
    let own = cx.methods_of(type_name);
    let suffixes: Vec<String> = ["Lock()", "RLock()"]
        .iter()
        .map(|m| {
            if fields.embedded {
                format!(".{m}")
            } else {
                format!(".{}.{m}", fields.mutex_name)
            }
        })
        .collect();
    suffixes.iter().any(|suffix| {
        cx.src.match_indices(suffix.as_str()).any(|(at, _)| {
            if own.iter().any(|m| m.start_byte() <= at && at < m.end_byte()) {
                return false;
            }
            // The field after the dot (`mu`, or `Lock` for an embedded mutex) and the selector it ends.
            let Some(operand) = cx
                .root()
                .descendant_for_byte_range(at + 1, at + 2)
                .and_then(|field| field.parent())
                .filter(|sel| sel.kind_name() == "selector_expression")
                .and_then(|sel| sel.field("operand"))
            else {
                return false;
            };
            may_be_this_type(cx, operand, type_name)
        })
    })
}

/// Whether `operand` may be a value of the struct `type_name`: a name declared with that type (or not declared
/// with a named type at all), or a field that some struct of this file declares with that type.
fn may_be_this_type(cx: &FileContext<'_>, operand: Node<'_>, type_name: &str) -> bool {
    let is_this = |ty: Node<'_>| {
        let ty = if ty.kind_name() == "pointer_type" {
            ty.named_child(0).unwrap_or(ty)
        } else {
            ty
        };
        ty.kind_name() == "type_identifier" && cx.text(ty) == type_name
    };
    match operand.kind_name() {
        "identifier" => syntax::declared_type_name(cx, operand).is_none_or(|name| name == type_name),
        "selector_expression" => {
            let Some(field) = operand.field("field").map(|f| cx.text(f)) else {
                return true;
            };
            cx.struct_types()
                .any(|(_, body)| syntax::field_type(cx, body, field).is_some_and(is_this))
        }
        _ => true,
    }
}

/// The mutex field of a struct and its map fields.
struct Fields<'a> {
    /// The field declaration of the mutex.
    mutex: Node<'a>,
    /// `mu`, or `Mutex` when embedded.
    mutex_name: &'a str,
    embedded: bool,
    maps: Vec<&'a str>,
}

/// A struct with exactly one `sync.Mutex` field, no `sync.Cond` or `sync.RWMutex`, and at least one map field.
fn guarded_fields<'a>(cx: &FileContext<'a>, body: Node<'a>) -> Option<Fields<'a>> {
    let list = syntax::each_child(body).find(|n| n.kind_name() == "field_declaration_list")?;
    let mut mutex = None;
    let mut maps = Vec::new();
    for decl in syntax::each_child(list).filter(|d| d.kind_name() == "field_declaration") {
        let Some(ty) = decl.field("type") else {
            continue;
        };
        let mut cursor = decl.walk();
        let names: Vec<&str> = decl
            .children_by_field_name("name", &mut cursor)
            .map(|n| cx.text(n))
            .collect();
        if cx.is_type(ty, "sync", "Cond", true) || cx.is_type(ty, "sync", "RWMutex", true) {
            return None;
        }
        if cx.is_type(ty, "sync", "Mutex", true) {
            if mutex.is_some() || names.len() > 1 {
                return None;
            }
            let (name, embedded) = match names.first() {
                Some(name) => (*name, false),
                None => ("Mutex", true),
            };
            mutex = Some((decl, name, embedded));
        } else if ty.kind_name() == "map_type" {
            maps.extend(names);
        }
    }
    let (mutex, mutex_name, embedded) = mutex?;
    (!maps.is_empty()).then_some(Fields {
        mutex,
        mutex_name,
        embedded,
        maps,
    })
}

/// What a method does under the struct's mutex.
enum Access {
    /// Every section only reads; `map` when one reads a map field.
    Reads { map: bool },
    /// Some section writes (or may write) the receiver's state.
    Writes,
}

/// What `method` does while holding its receiver's mutex; `None` when it never locks it.
fn locked_access<'a>(cx: &FileContext<'a>, method: Node<'a>, fields: &Fields<'a>) -> Option<Access> {
    let receiver = method
        .field("receiver")
        .and_then(syntax::first_child)
        .and_then(|p| p.field("name"))
        .map(|n| cx.text(n))
        .filter(|r| *r != "_")?;
    let body = syntax::body(method)?;
    let lock_target = if fields.embedded {
        [receiver.to_string(), format!("{receiver}.Mutex")]
    } else {
        let target = format!("{receiver}.{}", fields.mutex_name);
        [target.clone(), target]
    };
    let mut access: Option<Access> = None;
    let mut nodes = syntax::descendants(body);
    while let Some(node) = nodes.next() {
        if node.kind_name() == "func_literal" {
            nodes.skip_children();
            continue;
        }
        let Some((recv, "Lock")) = Call::method(node, cx) else {
            continue;
        };
        if !lock_target.iter().any(|t| t == cx.text(recv)) {
            continue;
        }
        let Some(section) = syntax::critical_section(cx, node) else {
            continue;
        };
        if !section.complete {
            // Where the lock is released is not visible: what runs under it is unknown.
            return Some(Access::Writes);
        }
        match section_access(cx, &section, receiver, &fields.maps) {
            Access::Writes => return Some(Access::Writes),
            Access::Reads { map } => {
                let read_map = map || matches!(access, Some(Access::Reads { map: true }));
                access = Some(Access::Reads { map: read_map });
            }
        }
    }
    access
}

/// What the statements of a critical section do to the receiver's fields.
fn section_access(
    cx: &FileContext<'_>,
    section: &syntax::CriticalSection<'_>,
    receiver: &str,
    maps: &[&str],
) -> Access {
    let rooted = |expr: Node<'_>| syntax::root_identifier(expr).is_some_and(|id| cx.text(id) == receiver);
    // `r.m` itself, a map field of the receiver.
    let is_map = |expr: Node<'_>| {
        let expr = syntax::unparen(expr);
        expr.kind_name() == "selector_expression"
            && expr
                .field("operand")
                .is_some_and(|o| o.kind_name() == "identifier" && cx.text(o) == receiver)
            && expr.field("field").is_some_and(|f| maps.contains(&cx.text(f)))
    };
    let mut map = false;
    for stmt in &section.statements {
        for node in syntax::descendants(*stmt) {
            if !section.holds_at(node) {
                continue;
            }
            if may_write(cx, node, &rooted, &is_map) {
                return Access::Writes;
            }
            map |= node.kind_name() == "selector_expression" && is_map(node);
        }
    }
    Access::Reads { map }
}

/// Whether `node` writes (or may write) the receiver's state: assigns to it or increments it, takes the address
/// of a field, calls a method on it or on a field, hands a map field to a function, or gives the map another
/// name (`m := r.m`) that later statements may write through.
fn may_write<'a>(
    cx: &FileContext<'a>,
    node: Node<'a>,
    rooted: &dyn Fn(Node<'a>) -> bool,
    is_map: &dyn Fn(Node<'a>) -> bool,
) -> bool {
    match node.kind_name() {
        "assignment_statement" | "short_var_declaration" => {
            node.field("left")
                .is_some_and(|left| syntax::each_child(left).any(rooted))
                || node
                    .field("right")
                    .is_some_and(|right| syntax::each_child(right).any(is_map))
        }
        "inc_statement" | "dec_statement" => syntax::first_child(node).is_some_and(rooted),
        "unary_expression" => {
            node.field("operator").is_some_and(|op| op.kind_name() == "&")
                && node.field("operand").is_some_and(rooted)
        }
        "call_expression" => {
            let Some(function) = node.field("function") else {
                return false;
            };
            if function.kind_name() == "selector_expression" {
                // A method of the receiver or of one of its fields may change anything.
                return function.field("operand").is_some_and(rooted)
                    || syntax::each_argument(node).any(is_map);
            }
            let builtin = (function.kind_name() == "identifier").then(|| cx.text(function));
            // A map field handed to a function (delete, clear, a helper) may be changed by it.
            !matches!(builtin, Some("len" | "cap")) && syntax::each_argument(node).any(is_map)
        }
        _ => false,
    }
}
