//! A call that allocates the same result on every iteration of a loop: none of its arguments changes in it.

use crate::context::children::{FieldChild, KindName};
use crate::context::{DeclKind, FileContext};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "alloc/loop-invariant-call",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "loop-invariant call allocates the same value on every iteration",
    why: "None of the call's arguments changes in the loop, so every iteration computes and allocates the same \
          result again: filepath.Join of two fixed parts costs about 100 ns and 2 allocations each time, \
          strings.ToLower and fmt.Sprintf allocate a new string each time, and compiling a regexp costs \
          microseconds and dozens of allocations (Go 1.19). The compiler does not hoist calls out of loops.",
    fix: "Compute the value once before the loop and use the variable inside it.",
    bad: r#"func exists(dir string, names []string) []bool {
    out := make([]bool, 0, len(names))
    for _, name := range names {
        _, err := os.Stat(filepath.Join(filepath.Clean(dir), name))
        out = append(out, err == nil)
    }
    return out
}"#,
    good: r#"func exists(dir string, names []string) []bool {
    out := make([]bool, 0, len(names))
    clean := filepath.Clean(dir)
    for _, name := range names {
        _, err := os.Stat(filepath.Join(clean, name))
        out = append(out, err == nil)
    }
    return out
}"#,
    applies: "Heuristic: path and path/filepath Clean/Join/Abs, the string-returning strings functions \
              (ToLower, ToUpper, TrimSpace, Trim*, Replace*, Repeat, Join...), fmt.Sprintf/Sprint/Sprintln \
              with an argument besides the format, and regexp.MustCompile/Compile of a pattern that is not \
              constant (constant ones are regexp/compile-in-func's), run on every iteration (not in an if or \
              case branch of the loop body, nor in a return) of a loop over items (a range or a three-part \
              for, not a retry or event loop, nor a few iterations fixed by the code), when every argument \
              is a literal, a constant, or a variable declared before the loop that the loop never assigns, \
              increments, takes the address of, or (unless a string or a number) hands to a call or calls a \
              method on. Changes through pointers held elsewhere are not seen. Not in _test.go files. P1 for \
              a regexp. Raised one step when the loop itself runs on a hot path.",
};

const PATH_FUNCS: &[&str] = &["Clean", "Join"];
const FILEPATH_FUNCS: &[&str] = &["Clean", "Join", "Abs"];
const STRINGS_FUNCS: &[&str] = &[
    "ToLower",
    "ToUpper",
    "ToTitle",
    "Title",
    "TrimSpace",
    "Trim",
    "TrimLeft",
    "TrimRight",
    "TrimPrefix",
    "TrimSuffix",
    "Replace",
    "ReplaceAll",
    "Repeat",
    "Join",
    "Fields",
    "Split",
];
const REGEXP_FUNCS: &[&str] = &["MustCompile", "Compile", "MustCompilePOSIX", "CompilePOSIX"];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[
        ("path", PATH_FUNCS),
        ("path/filepath", FILEPATH_FUNCS),
        ("strings", STRINGS_FUNCS),
        ("fmt", &syntax::FMT_SPRINTS),
        ("regexp", REGEXP_FUNCS),
    ]),
    check,
};

fn check(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let Some(what) = candidate(node, cx) else {
        return;
    };
    // A loop over items, more than a few: not a retry or event loop, where one call per wake-up is noise.
    let Some(loop_stmt) = cx
        .enclosing_loop(node)
        .filter(|l| syntax::goes_over_items(*l) && !syntax::is_small_fixed_loop(*l, cx))
    else {
        return;
    };
    if not_every_iteration(node, loop_stmt, cx) {
        return;
    }
    let arguments = syntax::arguments(node);
    let Some(body) = syntax::loop_body(loop_stmt) else {
        return;
    };
    if arguments.is_empty() || !arguments.iter().all(|a| invariant(*a, loop_stmt, body, cx, 0)) {
        return;
    }
    let is_regexp = what.starts_with("regexp.");
    cx.finding(&META, node)
        .title(format!(
            "{what} gives the same value on every iteration: compute it before the loop"
        ))
        .priority_if(is_regexp, Priority::P1)
        .on_hot_path_of(loop_stmt, META.priority.raised())
        .report(out);
}

/// What `node` computes, when it is one of the calls this rule looks at: `filepath.Join`.
fn candidate(node: Node<'_>, cx: &FileContext<'_>) -> Option<String> {
    let call = Call::of(node)?;
    let name = cx.text(call.name);
    let package = cx.package_of(call.recv?)?;
    let qualified = match package {
        "path/filepath" => format!("filepath.{name}"),
        "fmt" => {
            // fmt.Sprintf("text") is fmt/format-without-verbs' concern.
            syntax::each_argument(node).nth(1)?;
            format!("fmt.{name}")
        }
        "regexp" => {
            // A constant pattern is regexp/compile-in-func's.
            let pattern = syntax::each_argument(node).next()?;
            if syntax::is_constant_string(pattern, cx) {
                return None;
            }
            format!("regexp.{name}")
        }
        other => format!("{other}.{name}"),
    };
    Some(qualified)
}

/// Whether `node` does not run on every iteration: it sits in a branch of the loop body (an `if`, a `case`), in
/// a `return` statement, or in a block that ends the loop (returns, breaks or panics).
fn not_every_iteration(node: Node<'_>, loop_stmt: Node<'_>, cx: &FileContext<'_>) -> bool {
    let ancestors = cx.ancestors(node);
    let Some(start) = ancestors.iter().position(|a| a.id() == loop_stmt.id()) else {
        return false;
    };
    let body = loop_stmt.field("body").map(|b| b.id());
    ancestors[start + 1..].iter().any(|a| match a.kind_name() {
        "return_statement" | "expression_case" | "type_case" | "default_case" | "communication_case" => true,
        "block" => Some(a.id()) != body,
        _ => false,
    })
}

/// Whether `expr` has the same value on every iteration of `loop_stmt` (whose body is `body`).
fn invariant(expr: Node<'_>, loop_stmt: Node<'_>, body: Node<'_>, cx: &FileContext<'_>, depth: u32) -> bool {
    if depth > 4 {
        return false;
    }
    let expr = syntax::unparen(expr);
    let again = |e: Node<'_>| invariant(e, loop_stmt, body, cx, depth + 1);
    match expr.kind_name() {
        "interpreted_string_literal"
        | "raw_string_literal"
        | "int_literal"
        | "float_literal"
        | "rune_literal" => true,
        "identifier" => invariant_variable(expr, loop_stmt, body, cx),
        "selector_expression" => {
            let Some(operand) = expr.field("operand") else {
                return false;
            };
            // A package's member (`os.PathSeparator`), or a field of an invariant variable.
            cx.package_of(operand).is_some() || again(operand)
        }
        "binary_expression" => {
            expr.field("left").is_some_and(again) && expr.field("right").is_some_and(again)
        }
        "type_conversion_expression" => expr.field("operand").is_some_and(again),
        "call_expression" => {
            // len(x) of an invariant x.
            syntax::is_builtin_call(expr, "len", cx)
                && expr
                    .field("arguments")
                    .and_then(syntax::only_child)
                    .is_some_and(again)
        }
        _ => false,
    }
}

/// A variable whose value the loop cannot change: a constant, or a variable declared before the loop that the
/// loop body never assigns, increments, takes the address of, or — when it is not a string or a number — hands
/// to a call or calls a method on.
fn invariant_variable(ident: Node<'_>, loop_stmt: Node<'_>, body: Node<'_>, cx: &FileContext<'_>) -> bool {
    let name = cx.text(ident);
    let Some(decl) = cx.lookup(name, ident) else {
        // A name of another file: a package-level variable may change under any call.
        return false;
    };
    if decl.kind == DeclKind::Const {
        return true;
    }
    if !syntax::declared_outside(&decl, loop_stmt) || cx.enclosing_function(decl.name).is_none() {
        return false;
    }
    let immutable = syntax::basic_of_decl(&decl, cx).is_some_and(|b| b != syntax::Basic::Bytes);
    // Every use of the name in the loop, closures included (they may run in it).
    !syntax::identifiers_named(body, name, cx, true)
        .into_iter()
        .any(|used| changes(used, immutable))
}

/// Whether this use of a variable may change it: assigned (alone or through a field or an element),
/// incremented, its address taken, or — unless `immutable` — passed to a call or the receiver of a method call.
fn changes(used: Node<'_>, immutable: bool) -> bool {
    let mut node = used;
    loop {
        let Some(parent) = node.parent() else {
            return false;
        };
        match parent.kind_name() {
            "selector_expression" | "index_expression" | "slice_expression" | "parenthesized_expression"
                if parent.field("operand").is_none_or(|o| o.id() == node.id()) =>
            {
                // `x.M(...)`: a method call may change x.
                if parent.kind_name() == "selector_expression" && syntax::is_called(parent) {
                    return !immutable;
                }
                node = parent;
            }
            "expression_list" => {
                let Some(holder) = parent.parent() else {
                    return false;
                };
                return matches!(holder.kind_name(), "assignment_statement" | "range_clause")
                    && holder.field("left").is_some_and(|l| l.id() == parent.id());
            }
            "inc_statement" | "dec_statement" => return true,
            "unary_expression" => {
                return parent.field("operator").is_some_and(|op| op.kind_name() == "&");
            }
            "argument_list" => return !immutable,
            _ => return false,
        }
    }
}
