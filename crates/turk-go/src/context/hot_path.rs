//! Hot and cold paths: where code runs per item or per request, so that a finding there may rise in priority,
//! and where it runs once or only on failure, so that it never does.
//!
//! Hot: a loop body; an HTTP handler (`(w http.ResponseWriter, r *http.Request)`, `ServeHTTP`); a gRPC method
//! (`(ctx, *Req) (*Resp, error)` or a streaming `(…, X_YServer) error` on a `…Server`/`…Service` receiver); a
//! render callback (a function named `Render…`/`render…`, a `template.FuncMap` entry). Cold, whatever encloses
//! it: a `return` statement (it leaves the loop or handler once; but what a render callback returns is its
//! work), a `panic`, the block of an error check
//! (`if err != nil`, `if errors.Is(…)`), `init`, constructors (`New…` functions), flag setup (functions named
//! `…Flags…` or taking a `*flag.FlagSet`), the statements of `main` before its first loop or server start,
//! `sync.Once.Do` (also `x.once.Do(func…)`) and `sync.OnceFunc`/`OnceValue`/`OnceValues` bodies, and cobra's
//! `PreRun`/`PersistentPreRun`/`PostRun` hooks. Test code is never hot.
//!
//! Func literals that run where they stand are looked through: a callback handed to a call, an in-place call, a
//! deferred call or a goroutine started in a loop runs per iteration, and a `return` in it leaves the literal, not
//! the loop. A literal that is stored (assigned, appended, put in a struct, returned) runs when something calls it
//! later: only its own loops are hot. A loop inside a goroutine is a worker and stays hot even when the goroutine
//! is started from a cold function (a constructor that starts its worker).

use super::FileContext;
use super::position::is_function;
use crate::context::children::{FieldChild, KindName};
use tree_sitter::Node;

/// Why code runs often: the place that makes a finding's priority rise.
#[derive(Debug, Clone, Copy)]
pub struct HotPath<'t> {
    pub kind: HotKind,
    /// The `for_statement`, or the function (declaration, method or literal).
    pub node: Node<'t>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HotKind {
    /// Once per iteration of a loop.
    Loop,
    /// Once per HTTP request.
    HttpHandler,
    /// Once per gRPC call.
    Rpc,
    /// Once per render, or per call of a template function.
    Render,
}

impl HotPath<'_> {
    /// In words, for a finding's `because`: "in the loop over `rows` (line 12)", "per request in handler
    /// `ServeHTTP`".
    pub fn describe(&self, cx: &FileContext<'_>) -> String {
        let line = self.node.start_position().row + 1;
        let name = self.node.field("name").map(|n| cx.text(n));
        match (self.kind, name) {
            (HotKind::Loop, _) => describe_loop(self.node, cx, line),
            (HotKind::HttpHandler, Some(name)) => format!("per request in handler `{name}`"),
            (HotKind::HttpHandler, None) => format!("per request in the HTTP handler at line {line}"),
            (HotKind::Rpc, name) => format!("per call of RPC method `{}`", name.unwrap_or("?")),
            (HotKind::Render, Some(name)) => format!("per render in `{name}`"),
            (HotKind::Render, None) => format!("per call of the template function at line {line}"),
        }
    }
}

fn describe_loop(for_stmt: Node<'_>, cx: &FileContext<'_>, line: usize) -> String {
    let mut cursor = for_stmt.walk();
    let header = for_stmt
        .named_children(&mut cursor)
        .find(|c| c.kind_name() != "comment" && for_stmt.field("body") != Some(*c));
    match header {
        None => format!("in the endless loop at line {line}"),
        Some(h) if h.kind_name() == "range_clause" => match h.field("right") {
            Some(right) => format!("in the loop over `{}` (line {line})", short(cx.text(right))),
            None => format!("in the loop at line {line}"),
        },
        Some(h) => format!("in the loop `for {}` (line {line})", short(cx.text(h))),
    }
}

/// Code for a sentence: its first line, at most 40 characters.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= 40 && !text.trim().contains('\n') {
        line.to_string()
    } else {
        let cut: String = line.chars().take(38).collect();
        format!("{}…", cut.trim_end())
    }
}

/// What a function (or func literal) makes of the code in it.
enum Role<'t> {
    /// It runs per request or per render.
    Hot(HotPath<'t>),
    /// It runs once (or only on the way out): nothing in it is hot.
    Cold,
    /// `main`: cold up to its first loop or server start.
    Main,
    /// A func literal that runs where it stands: a callback, an in-place or deferred call, a goroutine.
    LookThrough { goroutine: bool },
    /// A function that is neither: only its own loops are hot.
    Plain,
}

/// Calls that start a program's real work in `main`: a server, a command, an app.
const WORK_STARTS: &[&str] = &[
    "ListenAndServe",
    "ListenAndServeTLS",
    "Serve",
    "ServeTLS",
    "Run",
    "Start",
    "Execute",
];

/// cobra's run-once hooks around a command's `Run`.
const RUN_ONCE_HOOKS: &[&str] = &[
    "PreRun",
    "PreRunE",
    "PersistentPreRun",
    "PersistentPreRunE",
    "PostRun",
    "PostRunE",
    "PersistentPostRun",
    "PersistentPostRunE",
];

impl<'a> FileContext<'a> {
    /// Where `node` runs per item or per request, if it does: see the module documentation for what is hot and
    /// what is cold. Test code is never hot.
    pub fn hot_path(&self, node: Node<'a>) -> Option<HotPath<'a>> {
        let ancestors = self.ancestors(node);
        if self.in_test_code_at(&ancestors) {
            return None;
        }
        let mut hot: Option<HotPath<'a>> = None;
        // Inside a `return` (or `panic`) of the function being climbed: it runs once, on the way out.
        let mut leaving = false;
        let mut child = node;
        for &parent in ancestors.iter().rev() {
            match parent.kind_name() {
                "return_statement" => leaving = true,
                "expression_statement" if is_panic(parent, self) => leaving = true,
                "if_statement"
                    if parent.field("consequence") == Some(child)
                        && parent.field("condition").is_some_and(|c| is_error_check(c, self)) =>
                {
                    return None;
                }
                "for_statement" if parent.field("body") == Some(child) => {
                    if leaving {
                        return None;
                    }
                    hot.get_or_insert(HotPath {
                        kind: HotKind::Loop,
                        node: parent,
                    });
                }
                _ if is_function(parent) => match self.role(parent) {
                    // A return leaves a handler once; the value a render callback returns is its work.
                    Role::Hot(path) if leaving && path.kind != HotKind::Render => return None,
                    Role::Hot(path) => return hot.or(Some(path)),
                    Role::Cold => return None,
                    Role::Main => {
                        return if self.before_main_work(parent, node) {
                            None
                        } else {
                            hot
                        };
                    }
                    Role::Plain => return hot,
                    Role::LookThrough { goroutine } => {
                        // A loop in a goroutine is a worker, however it was started.
                        if goroutine && hot.is_some() {
                            return hot;
                        }
                        // A return in the literal leaves the literal, not what encloses it.
                        leaving = false;
                    }
                },
                _ => {}
            }
            child = parent;
        }
        hot
    }

    fn role(&self, func: Node<'a>) -> Role<'a> {
        let hot = |kind| Role::Hot(HotPath { kind, node: func });
        if self.is_http_handler(func) {
            return hot(HotKind::HttpHandler);
        }
        if func.kind_name() == "func_literal" {
            return self.literal_role(func);
        }
        let name = func.field("name").map_or("", |n| self.text(n));
        let is_method = func.kind_name() == "method_declaration";
        if is_method && name == "ServeHTTP" {
            return hot(HotKind::HttpHandler);
        }
        if is_method && self.is_rpc_method(func) {
            return hot(HotKind::Rpc);
        }
        if name.starts_with("Render") || name.starts_with("render") {
            return hot(HotKind::Render);
        }
        if !is_method && (name == "init" || is_constructor_name(name)) || self.is_flag_setup(func, name) {
            return Role::Cold;
        }
        if !is_method && name == "main" && self.package == "main" {
            return Role::Main;
        }
        Role::Plain
    }

    fn literal_role(&self, literal: Node<'a>) -> Role<'a> {
        let look_through = Role::LookThrough { goroutine: false };
        let Some(parent) = literal.parent() else {
            return Role::Plain;
        };
        match parent.kind_name() {
            // func() { ... }(), go func() { ... }(), defer func() { ... }()
            "call_expression" => Role::LookThrough {
                goroutine: parent.parent().is_some_and(|g| g.kind_name() == "go_statement"),
            },
            "argument_list" => {
                let Some(call) = parent.parent() else {
                    return look_through;
                };
                let function = call.field("function");
                // append(hooks, func() { ... }) stores the literal.
                if function.is_some_and(|f| f.kind_name() == "identifier" && self.text(f) == "append") {
                    return Role::Plain;
                }
                if self
                    .call_to(call, "sync", &["OnceFunc", "OnceValue", "OnceValues"])
                    .is_some()
                {
                    return Role::Cold;
                }
                let method = function
                    .filter(|f| f.kind_name() == "selector_expression")
                    .and_then(|f| f.field("field"))
                    .map(|f| self.text(f));
                match method {
                    // once.Do(func() { ... }), x.initOnce.Do(...): the only argument, a func without parameters.
                    Some("Do") if parent.named_child_count() == 1 && has_no_parameters(literal) => Role::Cold,
                    // errgroup's g.Go, WaitGroup.Go
                    Some("Go") => Role::LookThrough { goroutine: true },
                    _ => look_through,
                }
            }
            "literal_element" => {
                let Some(keyed) = parent.parent().filter(|k| k.kind_name() == "keyed_element") else {
                    return Role::Plain;
                };
                if keyed.field("value") != Some(parent) {
                    return Role::Plain;
                }
                let key = keyed.field("key").map_or("", |k| self.text(k));
                if RUN_ONCE_HOOKS.contains(&key) {
                    return Role::Cold;
                }
                let composite = keyed.parent().and_then(|body| body.parent());
                let is_func_map = composite.and_then(|c| c.field("type")).is_some_and(|ty| {
                    self.is_type(ty, "text/template", "FuncMap", false)
                        || self.is_type(ty, "html/template", "FuncMap", false)
                });
                if is_func_map {
                    Role::Hot(HotPath {
                        kind: HotKind::Render,
                        node: literal,
                    })
                } else {
                    Role::Plain
                }
            }
            // Assigned, returned, sent: it runs when something calls it later.
            _ => Role::Plain,
        }
    }

    /// A gRPC method on a `…Server`/`…Service` receiver: unary `(ctx context.Context, req *Req) (*Resp, error)`
    /// or streaming `(…, stream X_YServer) error`.
    fn is_rpc_method(&self, method: Node<'a>) -> bool {
        let receiver_type = method
            .field("receiver")
            .and_then(|r| r.named_child(0))
            .and_then(|p| p.field("type"))
            .map(|t| self.text(t).trim_start_matches('*').to_ascii_lowercase());
        if !receiver_type.is_some_and(|t| t.ends_with("server") || t.ends_with("service")) {
            return false;
        }
        let (Some(params), Some(result)) = (method.field("parameters"), method.field("result")) else {
            return false;
        };
        let types: Vec<Node<'a>> = {
            let mut cursor = params.walk();
            params
                .named_children(&mut cursor)
                .filter_map(|p| p.field("type"))
                .collect()
        };
        let result_text = self.text(result);
        let unary = types.len() == 2
            && self.is_type(types[0], "context", "Context", false)
            && types[1].kind_name() == "pointer_type"
            && result_text.starts_with("(*")
            && result_text.ends_with(", error)");
        let streaming = types
            .last()
            .is_some_and(|t| self.text(*t).ends_with("Server") && result_text == "error");
        unary || streaming
    }

    /// Flag setup: a function named like `addFlags`/`RegisterFlags`, or one taking a `*flag.FlagSet` (the
    /// standard library's or pflag's).
    fn is_flag_setup(&self, func: Node<'a>, name: &str) -> bool {
        if name.contains("Flags") || name.contains("flags") {
            return true;
        }
        let Some(params) = func.field("parameters") else {
            return false;
        };
        let mut cursor = params.walk();
        params.named_children(&mut cursor).any(|p| {
            p.field("type").is_some_and(|ty| {
                self.is_type(ty, "flag", "FlagSet", true)
                    || self.is_type(ty, "github.com/spf13/pflag", "FlagSet", true)
            })
        })
    }

    /// Whether `inside` (in a statement of `main`'s body) comes before the first
    /// statement that starts the program's work: a loop, a `select`, or a call that starts a server, command or
    /// app (`ListenAndServe`, `Serve`, `Run`, `Start`, `Execute`). A `main` that never starts any is all setup.
    fn before_main_work(&self, main: Node<'a>, inside: Node<'a>) -> bool {
        let Some(body) = main.field("body") else {
            return true;
        };
        let mut cursor = body.walk();
        let Some(list) = body
            .named_children(&mut cursor)
            .find(|c| c.kind_name() == "statement_list")
        else {
            return true;
        };
        let mut cursor = list.walk();
        for statement in list.named_children(&mut cursor) {
            if super::position::contains(statement, inside) {
                // The statement holding the node: cold unless it is where the work starts.
                return !self.starts_work(statement);
            }
            if self.starts_work(statement) {
                return false;
            }
        }
        true
    }

    fn starts_work(&self, statement: Node<'_>) -> bool {
        if matches!(statement.kind_name(), "for_statement" | "select_statement") {
            return true;
        }
        super::children::descendants(statement).any(|n| {
            n.kind_name() == "call_expression"
                && n.field("function")
                    .and_then(|f| match f.kind_name() {
                        "selector_expression" => f.field("field"),
                        _ => None,
                    })
                    .is_some_and(|field| WORK_STARTS.contains(&self.text(field)))
        })
    }
}

/// `New`, `NewServer`, `New_v2`: a constructor, run once per value it builds.
fn is_constructor_name(name: &str) -> bool {
    name.strip_prefix("New").is_some_and(|rest| {
        rest.chars()
            .next()
            .is_none_or(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
    })
}

fn has_no_parameters(literal: Node<'_>) -> bool {
    literal
        .field("parameters")
        .is_none_or(|p| p.named_child_count() == 0)
}

/// `panic(...)` as a statement.
pub(crate) fn is_panic(statement: Node<'_>, cx: &FileContext<'_>) -> bool {
    statement
        .named_child(0)
        .filter(|c| c.kind_name() == "call_expression")
        .and_then(|c| c.field("function"))
        .is_some_and(|f| f.kind_name() == "identifier" && cx.text(f) == "panic")
}

/// Whether an `if` condition holds only when something failed: `err != nil` (any name ending in `err`/`Err`,
/// `x.err`, `ctx.Err()`), `errors.Is(…)`/`errors.As(…)`, or a `&&`/`||` with such a side.
pub fn is_error_check(condition: Node<'_>, cx: &FileContext<'_>) -> bool {
    match condition.kind_name() {
        "parenthesized_expression" => condition
            .named_child(0)
            .is_some_and(|inner| is_error_check(inner, cx)),
        "binary_expression" => {
            let (Some(left), Some(right), Some(op)) = (
                condition.field("left"),
                condition.field("right"),
                condition.field("operator"),
            ) else {
                return false;
            };
            match cx.text(op) {
                "!=" => {
                    (right.kind_name() == "nil" && is_error_value(left, cx))
                        || (left.kind_name() == "nil" && is_error_value(right, cx))
                }
                "&&" | "||" => is_error_check(left, cx) || is_error_check(right, cx),
                _ => false,
            }
        }
        "call_expression" => cx.call_to(condition, "errors", &["Is", "As"]).is_some(),
        _ => false,
    }
}

/// An expression that evidently holds an error: `err`, `readErr`, `c.err`, `ctx.Err()`.
fn is_error_value(expr: Node<'_>, cx: &FileContext<'_>) -> bool {
    let name = match expr.kind_name() {
        "identifier" => cx.text(expr),
        "selector_expression" => expr.field("field").map_or("", |f| cx.text(f)),
        "call_expression" => expr
            .field("function")
            .filter(|f| f.kind_name() == "selector_expression")
            .and_then(|f| f.field("field"))
            .map_or("", |f| cx.text(f)),
        _ => "",
    };
    name == "Err" || name.ends_with("err") || name.ends_with("Err") || name.ends_with("Error")
}
