//! Locks (and structs holding them) passed or received by value.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "conc/lock-by-value",
    category: Category::Concurrency,
    priority: Priority::P0,
    tier: Tier::Correctness,
    confidence: Confidence::High,
    about_tests: false,
    message: "lock copied by value into a parameter or receiver",
    why: "sync.Mutex, RWMutex, Once, Cond, Map, Pool, WaitGroup and the sync/atomic types must not be copied after \
          first use. A by-value parameter or receiver works on a copy: Lock on it excludes nobody else (the \
          caller's data is not protected), a copied Once runs again, and a copy taken while the lock is held \
          starts out locked. go vet's copylocks reports the same copy.",
    fix: "Use a pointer parameter or a pointer receiver (func (s *Store) Get(...)), and keep every method of a type \
          that holds a lock on pointer receivers.",
    bad: r#"type Store struct {
    mu sync.Mutex
    m  map[string]int
}

func (s Store) Get(k string) int {
    s.mu.Lock()
    defer s.mu.Unlock()
    return s.m[k]
}"#,
    good: r#"type Store struct {
    mu sync.Mutex
    m  map[string]int
}

func (s *Store) Get(k string) int {
    s.mu.Lock()
    defer s.mu.Unlock()
    return s.m[k]
}"#,
    applies: "Structs count when they are declared in the same file and hold a lock by value (directly, embedded, \
              in an array or a nested struct declared there); types declared elsewhere are not inspected. \
              A sync.WaitGroup parameter itself is reported by conc/waitgroup-by-value.",
};

/// The sync types that must not be copied (WaitGroup only inside structs: see waitgroup-by-value).
const SYNC_LOCKS: &[&str] = &["Mutex", "RWMutex", "Once", "Cond", "Map", "Pool"];
const SYNC_ALL: &[&str] = &["Mutex", "RWMutex", "Once", "Cond", "Map", "Pool", "WaitGroup"];
const ATOMICS: &[&str] = &["Int32", "Int64", "Uint32", "Uint64", "Uintptr", "Bool"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::kinds(syntax::FUNCTIONS),
    check,
};

fn check(func: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    // Every lock type comes from sync or sync/atomic: a file that imports neither declares no struct holding
    // one, and types from other files are not looked at. This keeps the common case (any function) cheap.
    if !(cx.imports.imports("sync") || cx.imports.imports("sync/atomic")) {
        return;
    }
    // Found on the first parameter of a named type, and only once per function.
    syntax::for_each_parameter(func, &mut |param, receiver| {
        if param.kind_name() != "parameter_declaration" {
            return;
        }
        let Some(ty) = param.field("type") else {
            return;
        };
        if !matches!(ty.kind_name(), "qualified_type" | "type_identifier") || ty.is_missing() {
            return;
        }
        let title = if let Some(name) = cx.names_member(ty, "sync", SYNC_LOCKS) {
            format!("sync.{name} passed by value")
        } else if ty.kind_name() == "type_identifier" {
            let name = cx.text(ty);
            let mut seen = Vec::new();
            if !named_struct_holds_lock(name, cx, &mut seen) {
                return;
            }
            let what = if receiver {
                "value receiver"
            } else {
                "by-value parameter"
            };
            format!("{what} copies {name}, which contains a lock")
        } else {
            return;
        };
        cx.finding(&META, param).title(title).report(out);
    });
}

/// Whether the package-level struct type `name` of this file holds a lock by value.
fn named_struct_holds_lock<'a>(name: &'a str, cx: &FileContext<'a>, seen: &mut Vec<&'a str>) -> bool {
    if seen.contains(&name) || seen.len() > 16 {
        return false;
    }
    seen.push(name);
    cx.struct_type(name)
        .is_some_and(|ty| type_holds_lock(ty, cx, seen))
}

/// Whether a value of this type expression holds a lock (not through a pointer, slice, map or channel).
fn type_holds_lock<'a>(ty: Node<'_>, cx: &FileContext<'a>, seen: &mut Vec<&'a str>) -> bool {
    match ty.kind_name() {
        "qualified_type" => {
            cx.names_member(ty, "sync", SYNC_ALL).is_some()
                || cx.names_member(ty, "sync/atomic", ATOMICS).is_some()
        }
        "generic_type" => ty
            .field("type")
            .is_some_and(|t| cx.names_member(t, "sync/atomic", &["Pointer"]).is_some()),
        "type_identifier" => {
            cx.names_member(ty, "sync", SYNC_ALL).is_some() || named_struct_holds_lock(cx.text(ty), cx, seen)
        }
        "array_type" => ty.field("element").is_some_and(|e| type_holds_lock(e, cx, seen)),
        "parenthesized_type" => ty.named_child(0).is_some_and(|t| type_holds_lock(t, cx, seen)),
        "struct_type" => {
            let Some(fields) = ty.named_child(0) else {
                return false;
            };
            let mut cursor = fields.walk();
            let fields: Vec<Node<'_>> = fields.named_children(&mut cursor).collect();
            fields.into_iter().any(|field| {
                if field.kind_name() != "field_declaration" {
                    return false;
                }
                // An embedded `*T` holds a pointer, not the lock.
                let mut c = field.walk();
                let embedded_pointer = field.children(&mut c).any(|t| t.kind_name() == "*");
                !embedded_pointer && field.field("type").is_some_and(|t| type_holds_lock(t, cx, seen))
            })
        }
        _ => false,
    }
}
