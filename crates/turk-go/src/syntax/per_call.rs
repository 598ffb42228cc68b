//! Values built on every call of a function instead of once: the function whose every call runs a node (not
//! package level, `init`, a `sync.Once`, `main`), and whether a value built there outlives the call (returned,
//! stored in a field, a package variable, a map or a slice), which makes the function a constructor or a cache
//! filler rather than waste.

use super::exprs::is_builtin_call;
use super::variables::references;
use crate::context::children::{FieldChild, KindName, each_child};
use crate::context::position::{contains, goroutine_of_literal};
use crate::context::{DeclKind, FileContext};
use crate::rule::Call;
use tree_sitter::Node;

/// The function whose every call runs `node`: looking through func literals called where they stand
/// (`func() { ... }()`, run on each call of their function). `None` at package level, in `init`, and in a
/// literal handed to a run-once helper (`sync.OnceValue`/`OnceFunc`/`OnceValues`, `once.Do`).
pub fn runs_per_call<'a>(node: Node<'a>, cx: &FileContext<'a>) -> Option<Node<'a>> {
    let mut func = cx.enclosing_function(node)?;
    loop {
        match func.kind_name() {
            "function_declaration" => {
                let name = func.field("name")?;
                return (cx.text(name) != "init").then_some(func);
            }
            "method_declaration" => return Some(func),
            _ => match literal_runs(func, cx) {
                LiteralRuns::WhenCalled => return Some(func),
                LiteralRuns::InPlace => func = cx.enclosing_function(func)?,
                LiteralRuns::Once => return None,
            },
        }
    }
}

/// When a func literal's body runs.
enum LiteralRuns {
    /// Called where it stands: on each run of the enclosing function.
    InPlace,
    /// Handed to a run-once helper.
    Once,
    /// Whenever whoever holds it calls it.
    WhenCalled,
}

fn literal_runs(literal: Node<'_>, cx: &FileContext<'_>) -> LiteralRuns {
    let Some(parent) = literal.parent() else {
        return LiteralRuns::WhenCalled;
    };
    match parent.kind_name() {
        "call_expression" if parent.field("function").is_some_and(|f| f.id() == literal.id()) => {
            LiteralRuns::InPlace
        }
        "argument_list" => {
            let Some(call) = parent.parent() else {
                return LiteralRuns::WhenCalled;
            };
            let once_helper = cx
                .call_to(call, "sync", &["OnceFunc", "OnceValue", "OnceValues"])
                .is_some()
                // once.Do(func() { ... }) on a sync.Once, or a field's x.once.Do(func() { ... }).
                || (each_child(parent).count() == 1
                    && Call::of(call).is_some_and(|c| c.recv.is_some() && cx.text(c.name) == "Do"));
            if once_helper {
                LiteralRuns::Once
            } else {
                LiteralRuns::WhenCalled
            }
        }
        _ => LiteralRuns::WhenCalled,
    }
}

/// Whether `func` is `main` of package main: it runs once per process.
pub fn is_main(func: Node<'_>, cx: &FileContext<'_>) -> bool {
    cx.package == "main"
        && func.kind_name() == "function_declaration"
        && func.field("name").is_some_and(|n| cx.text(n) == "main")
}

/// Where a value is built on every call of a function (see [`built_per_call`]).
#[derive(Debug, Clone, Copy)]
pub struct PerCall<'a> {
    /// The function whose every call builds it.
    pub function: Node<'a>,
    /// Built once per iteration of a loop of that function.
    pub in_loop: bool,
    /// Built on every request: the function has the `http.HandlerFunc` shape.
    pub in_handler: bool,
}

impl PerCall<'_> {
    /// How often the value is built, for a finding's title: `on every loop iteration`.
    pub fn how_often(&self) -> &'static str {
        if self.in_loop {
            "on every loop iteration"
        } else if self.in_handler {
            "on every request"
        } else {
            "on every call"
        }
    }
}

/// Where the value built at `node` is built on every call of its function: not in a test file, at package level,
/// in `init`, in a run-once literal, nor at the top of a goroutine (outside its loops), nor in package main
/// outside loops and HTTP handlers, nor in a `//go:build ignore` program (a generator run by hand). Whether the
/// value outlives the call is [`outlives_call`]'s question, asked separately (it walks the function).
pub fn built_per_call<'a>(node: Node<'a>, cx: &FileContext<'a>) -> Option<PerCall<'a>> {
    if cx.is_test || is_ignored_program(cx) {
        return None;
    }
    let function = runs_per_call(node, cx)?;
    let in_loop = cx.in_loop_body(node);
    // `main` runs once per process; a goroutine's literal once per goroutine, which keeps what it builds for
    // its whole life (a worker's own state).
    if !in_loop
        && (is_main(function, cx)
            || cx
                .enclosing_function(node)
                .is_some_and(|f| goroutine_of_literal(f, cx.src).is_some()))
    {
        return None;
    }
    let in_handler = !in_loop && cx.is_http_handler(function);
    // A program's other functions mostly run once too (flag parsing, set-up, a command's body); its request
    // handlers and loops do not.
    if cx.package == "main" && !in_loop && !in_handler {
        return None;
    }
    Some(PerCall {
        function,
        in_loop,
        in_handler,
    })
}

/// Whether the file is a program excluded from every build (`//go:build ignore`): a generator or a tool run by
/// hand with `go run`, whose functions run once.
pub fn is_ignored_program(cx: &FileContext<'_>) -> bool {
    crate::constraint::is_build_ignored(cx.src)
}

/// Whether the value of `value`, assigned to a local variable, is used inside a loop that comes after it in
/// the same function (directly, or through a constructor wrapping it: `r := rand.New(src)`): built once per call
/// and reused for every item of that call (a stream writer, a worker's generator), its cost is spread over the
/// loop.
pub fn reused_in_loop<'a>(cx: &FileContext<'a>, value: Node<'a>) -> bool {
    reused_in_loop_depth(cx, value, value, 0)
}

fn reused_in_loop_depth<'a>(cx: &FileContext<'a>, built: Node<'a>, value: Node<'a>, depth: u32) -> bool {
    if depth > 2 {
        return false;
    }
    let Some(list) = value.parent().filter(|p| p.kind_name() == "expression_list") else {
        return false;
    };
    let Some(holder) = list.parent().filter(|h| h.kind_name() == "short_var_declaration") else {
        return false;
    };
    let Some(target) = holder
        .field("left")
        .and_then(|l| each_child(l).next())
        .filter(|t| t.kind_name() == "identifier")
    else {
        return false;
    };
    let Some(function) = cx.enclosing_function(target) else {
        return false;
    };
    references(cx, target, function).any(|used| {
        if cx.enclosing_loop(used).is_some_and(|l| !contains(l, built)) {
            return true;
        }
        // Handed to a wrapping constructor: follow what it builds.
        let wrapper = used
            .parent()
            .filter(|p| p.kind_name() == "argument_list")
            .and_then(|p| p.parent())
            .filter(|call| Call::name_of(*call, cx).starts_with("New"));
        wrapper.is_some_and(|call| reused_in_loop_depth(cx, built, call, depth + 1))
    })
}

/// Method names that usually keep their argument: a cache, a registry, an atomic value.
const KEEPERS: &[&str] = &[
    "Store",
    "LoadOrStore",
    "Swap",
    "CompareAndSwap",
    "Set",
    "Put",
    "Add",
    "Register",
    "Push",
];

/// Whether the value of the expression `value` outlives the call of the function that builds it: returned,
/// assigned to a field, an element, a package-level variable (or a name declared in another file), sent on a
/// channel, handed to a keeper (`cache.Store(k, v)`), or put in something that itself outlives the call: a
/// composite literal, an `append`, a wrapping constructor (`rand.New(src)`, `bufio.NewWriter(zw)`); followed
/// through the local variables it is assigned to and the func literals that capture them. Being a method's
/// receiver or another call's argument (`io.Copy(zw, r)`, `t.Execute(w, v)`) is a use, not a keep.
pub fn outlives_call<'a>(cx: &FileContext<'a>, value: Node<'a>) -> bool {
    outlives(cx, value, 0)
}

fn outlives<'a>(cx: &FileContext<'a>, value: Node<'a>, depth: u32) -> bool {
    // Each level follows a local into its uses; a chain longer than this is kept rather than followed.
    if depth > 3 {
        return true;
    }
    let mut node = value;
    loop {
        let Some(parent) = node.parent() else {
            return false;
        };
        match parent.kind_name() {
            "parenthesized_expression" | "literal_element" | "keyed_element" | "literal_value" => {
                node = parent;
            }
            // The value is an element of a literal: the literal is what is kept or not.
            "composite_literal" => node = parent,
            // `&v`: the address holds the value; other operators make a new one.
            "unary_expression" if parent.field("operator").is_some_and(|op| op.kind_name() == "&") => {
                node = parent;
            }
            "send_statement" => return true,
            "argument_list" => {
                let Some(call) = parent.parent() else {
                    return false;
                };
                // `append(xs, v)`, and constructors that wrap what they are given (`rand.New(src)`,
                // `bufio.NewWriter(zw)`, `template.Must(t)`): the result holds the value.
                let callee = Call::name_of(call, cx);
                if callee.starts_with("New") || callee == "Must" || is_builtin_call(call, "append", cx) {
                    node = call;
                    continue;
                }
                return KEEPERS.contains(&callee);
            }
            "expression_list" => return kept_by_holder(cx, node, parent, depth),
            _ => return false,
        }
    }
}

/// `node` is an element of `list`: whether the return, assignment or declaration holding the list keeps it.
fn kept_by_holder<'a>(cx: &FileContext<'a>, node: Node<'a>, list: Node<'a>, depth: u32) -> bool {
    let Some(holder) = list.parent() else {
        return false;
    };
    let (targets, values) = match holder.kind_name() {
        "return_statement" => return true,
        "assignment_statement" | "short_var_declaration" => {
            let (Some(left), Some(right)) = (holder.field("left"), holder.field("right")) else {
                return false;
            };
            if right.id() != list.id() {
                return false;
            }
            (each_child(left).collect::<Vec<_>>(), right)
        }
        "var_spec" => {
            let mut cursor = holder.walk();
            let names: Vec<Node<'a>> = holder.children_by_field_name("name", &mut cursor).collect();
            (names, list)
        }
        _ => return false,
    };
    let values: Vec<Node<'a>> = each_child(values).collect();
    // `a, b := x, y` pairs them; `t, err := build()` gives the first name the value.
    let index = if values.len() == targets.len() {
        values.iter().position(|v| v.id() == node.id()).unwrap_or(0)
    } else {
        0
    };
    let Some(target) = targets.get(index).copied() else {
        return false;
    };
    match target.kind_name() {
        // `x := v` and `var x = v` declare the name right there; `x = v` assigns one declared before.
        "identifier" => kept_in_variable(cx, target, holder.kind_name() != "assignment_statement", depth),
        // A field, an element, or through a pointer.
        "selector_expression" | "index_expression" | "unary_expression" => true,
        _ => false,
    }
}

/// Whether the variable `target` (assigned the value, or declared with it when `declares`) keeps it beyond the
/// call: a package-level variable or one declared elsewhere, a named result, or a local whose value goes
/// somewhere that does.
fn kept_in_variable<'a>(cx: &FileContext<'a>, target: Node<'a>, declares: bool, depth: u32) -> bool {
    let name = cx.text(target);
    if name == "_" {
        return false;
    }
    let decl = if declares {
        target
    } else {
        match cx.lookup(name, target) {
            // A named result is returned by a bare `return`.
            Some(decl) if decl.kind == DeclKind::Result => return true,
            Some(decl) => decl.name,
            // Declared in another file of the package: a package-level variable.
            None => return true,
        }
    };
    let Some(function) = cx.enclosing_function(decl) else {
        return true;
    };
    references(cx, decl, function).any(|used| {
        // A func literal that captures the variable keeps it as long as the literal lives.
        match cx.enclosing_function(used) {
            Some(inner) if inner.id() != function.id() && contains(function, inner) => {
                outermost_literal(cx, inner, function).is_some_and(|lit| outlives(cx, lit, depth + 1))
                    || outlives(cx, used, depth + 1)
            }
            _ => outlives(cx, used, depth + 1),
        }
    })
}

/// The func literal directly inside `function` that contains `inner` (itself, or one it is nested in).
fn outermost_literal<'a>(cx: &FileContext<'a>, inner: Node<'a>, function: Node<'a>) -> Option<Node<'a>> {
    let mut literal = inner;
    loop {
        let outer = cx.enclosing_function(literal)?;
        if outer.id() == function.id() {
            return Some(literal);
        }
        literal = outer;
    }
}
