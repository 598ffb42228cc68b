//! Expressions: parentheses, literals, selectors, the arguments of a call, and the parts of a node the parser
//! made up.

use crate::context::children::{FieldChild, KindName, each_child, only_child};
use crate::context::{DeclKind, FileContext};
use tree_sitter::Node;

/// Strips parentheses around an expression.
pub fn unparen(mut expr: Node<'_>) -> Node<'_> {
    while expr.kind_name() == "parenthesized_expression" {
        match expr.named_child(0) {
            Some(inner) => expr = inner,
            None => break,
        }
    }
    expr
}

/// `(x)` → `x`, `*x` → `x`.
pub fn strip_parens_and_deref(mut expr: Node<'_>) -> Node<'_> {
    loop {
        match expr.kind_name() {
            "parenthesized_expression" => match expr.named_child(0) {
                Some(inner) => expr = inner,
                None => return expr,
            },
            "unary_expression" if expr.field("operator").is_some_and(|o| o.kind_name() == "*") => {
                match expr.field("operand") {
                    Some(inner) => expr = inner,
                    None => return expr,
                }
            }
            _ => return expr,
        }
    }
}

/// Whether the parser made `node` up (a MISSING token) or gave up on it (ERROR): findings never rest on such
/// nodes.
pub fn is_broken(node: Node<'_>) -> bool {
    node.is_missing() || node.is_error()
}

/// Whether `node` is the `field` child of `parent`.
pub fn is_field(parent: Node<'_>, field: &str, node: Node<'_>) -> bool {
    parent.field(field).is_some_and(|c| c.id() == node.id())
}

/// Whether `expr` is a string literal (interpreted or raw).
pub fn is_string_literal(expr: Node<'_>) -> bool {
    matches!(
        expr.kind_name(),
        "interpreted_string_literal" | "raw_string_literal"
    )
}

/// The contents of a string literal without quotes (escapes left as written), if `expr` is one.
pub fn string_literal_text<'a>(expr: Node<'_>, cx: &FileContext<'a>) -> Option<&'a str> {
    if !is_string_literal(expr) {
        return None;
    }
    let text = cx.text(expr);
    (text.len() >= 2).then(|| &text[1..text.len() - 1])
}

/// Whether `expr` is a constant string expression: a literal, a `const` declared in this file, or a `+` of
/// those. Names not declared in this file are not assumed constant.
pub fn is_constant_string(expr: Node<'_>, cx: &FileContext<'_>) -> bool {
    let expr = unparen(expr);
    match expr.kind_name() {
        "interpreted_string_literal" | "raw_string_literal" => true,
        "binary_expression" => {
            expr.field("operator").is_some_and(|op| cx.text(op) == "+")
                && expr.field("left").is_some_and(|l| is_constant_string(l, cx))
                && expr.field("right").is_some_and(|r| is_constant_string(r, cx))
        }
        "identifier" => {
            let name = cx.text(expr);
            cx.lookup(name, expr)
                .is_some_and(|d| d.kind == DeclKind::Const && d.value.is_some())
        }
        _ => false,
    }
}

/// The value of a constant string expression (see [`is_constant_string`]) where syntax gives it: literals (an
/// interpreted one with simple escapes only), constants of this file, and `+` of those.
pub fn constant_string_value(expr: Node<'_>, cx: &FileContext<'_>) -> Option<String> {
    constant_value_depth(expr, cx, 0)
}

fn constant_value_depth(expr: Node<'_>, cx: &FileContext<'_>, depth: u32) -> Option<String> {
    if depth > 4 {
        return None;
    }
    let expr = unparen(expr);
    match expr.kind_name() {
        "raw_string_literal" => Some(string_literal_text(expr, cx)?.replace('\r', "")),
        "interpreted_string_literal" => unescape(string_literal_text(expr, cx)?),
        "binary_expression" => {
            if expr.field("operator").is_none_or(|op| cx.text(op) != "+") {
                return None;
            }
            let left = constant_value_depth(expr.field("left")?, cx, depth + 1)?;
            let right = constant_value_depth(expr.field("right")?, cx, depth + 1)?;
            Some(left + &right)
        }
        "identifier" => {
            let decl = cx.lookup(cx.text(expr), expr)?;
            if decl.kind != DeclKind::Const {
                return None;
            }
            constant_value_depth(decl.value?, cx, depth + 1)
        }
        _ => None,
    }
}

/// The contents of an interpreted string literal with its escapes resolved; `None` for escapes other than
/// `\\`, `\"`, `\n`, `\t` and `\r` (codes in hex, octal or Unicode are left to the compiler).
fn unescape(inner: &str) -> Option<String> {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            '"' => '"',
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

/// Whether `expr` is text fixed for the life of the process: a constant string (see [`is_constant_string`]) or
/// a package-level variable of this file filled by a `//go:embed` directive.
pub fn is_fixed_string(expr: Node<'_>, cx: &FileContext<'_>) -> bool {
    is_constant_string(expr, cx) || is_embedded(unparen(expr), cx)
}

/// Whether `ident` names a package-level variable declared right under a `//go:embed` line.
fn is_embedded(ident: Node<'_>, cx: &FileContext<'_>) -> bool {
    if ident.kind_name() != "identifier" {
        return false;
    }
    let Some(decl) = cx.lookup(cx.text(ident), ident) else {
        return false;
    };
    if decl.kind != DeclKind::Var || decl.value.is_some() || cx.enclosing_function(decl.name).is_some() {
        return false;
    }
    // The directive is the line above the `var` (or above the spec, in a grouped declaration).
    let mut spec = decl.name;
    while let Some(parent) = spec.parent() {
        if parent.kind_name() == "var_spec" {
            spec = parent;
            break;
        }
        spec = parent;
    }
    let start = match spec.parent() {
        Some(decl) if decl.kind_name() == "var_declaration" => decl.start_byte(),
        _ => spec.start_byte(),
    };
    cx.src[..start]
        .trim_end()
        .rsplit('\n')
        .next()
        .is_some_and(|line| line.trim_start().starts_with("//go:embed "))
}

/// Whether `node` is the `function` of a call expression (`x.Close()` rather than `x.Close`).
pub fn is_called(node: Node<'_>) -> bool {
    node.parent().is_some_and(|p| {
        p.kind_name() == "call_expression" && p.field("function").map(|f| f.id()) == Some(node.id())
    })
}

/// For an identifier: the `x.field` selector it is the operand of, and the field name.
pub fn field_of<'a>(cx: &FileContext<'a>, ident: Node<'a>) -> Option<(Node<'a>, &'a str)> {
    let parent = ident.parent()?;
    if parent.kind_name() != "selector_expression"
        || parent.field("operand").map(|o| o.id()) != Some(ident.id())
    {
        return None;
    }
    Some((parent, cx.text(parent.field("field")?)))
}

/// For a selector `x.a`: the selector `x.a.b` it is the operand of, with `b`.
pub fn outer_field<'a>(cx: &FileContext<'a>, selector: Node<'a>) -> Option<(Node<'a>, &'a str)> {
    let parent = selector.parent()?;
    if parent.kind_name() != "selector_expression"
        || parent.field("operand").map(|o| o.id()) != Some(selector.id())
    {
        return None;
    }
    Some((parent, cx.text(parent.field("field")?)))
}

/// The field names of a keyed composite literal.
pub fn literal_keys<'a>(cx: &FileContext<'a>, lit: Node<'a>) -> Vec<&'a str> {
    keyed_elements(lit)
        .filter_map(|e| e.field("key"))
        .map(|k| cx.text(k).trim())
        .collect()
}

/// The value a keyed composite literal gives the field `key`: `d` of `http.Client{Timeout: d}`.
pub fn literal_value<'t>(cx: &FileContext<'_>, lit: Node<'t>, key: &str) -> Option<Node<'t>> {
    keyed_elements(lit)
        .find(|e| e.field("key").is_some_and(|k| cx.text(k).trim() == key))?
        .field("value")
        .and_then(only_child)
}

fn keyed_elements(lit: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    lit.field("body").into_iter().flat_map(|body| {
        each_child(body)
            .filter(|e| e.kind_name() == "keyed_element")
            .collect::<Vec<_>>()
    })
}

/// Whether a call has no arguments (comments aside).
pub fn no_arguments(call: Node<'_>) -> bool {
    let Some(args) = call.field("arguments") else {
        return true;
    };
    let mut cursor = args.walk();
    args.named_children(&mut cursor)
        .all(|a| a.kind_name() == "comment")
}

/// Whether `call` is a call to the builtin `name` (not shadowed by a local).
pub fn is_builtin_call(call: Node<'_>, name: &str, cx: &FileContext<'_>) -> bool {
    call.kind_name() == "call_expression"
        && call.field("function").is_some_and(|f| {
            f.kind_name() == "identifier" && cx.text(f) == name && cx.lookup(name, f).is_none()
        })
}

/// Whether a composite literal builds `path.Name{...}`, its type written with the file's name for the package
/// (`http.Client{...}`, `&http.Client{...}` around it aside).
pub fn is_literal_of(lit: Node<'_>, cx: &FileContext<'_>, path: &str, name: &str) -> bool {
    lit.field("type")
        .filter(|t| t.kind_name() == "qualified_type")
        .is_some_and(|ty| {
            ty.field("name").is_some_and(|n| cx.text(n) == name) && cx.is_type(ty, path, name, false)
        })
}

/// The variable an expression starts from: `a` of `a.b[i].c`, `(*a).b` or `a`; `None` when it starts from a
/// call or a literal.
pub fn root_identifier(mut expr: Node<'_>) -> Option<Node<'_>> {
    loop {
        expr = strip_parens_and_deref(expr);
        match expr.kind_name() {
            "identifier" => return Some(expr),
            "selector_expression" | "index_expression" | "slice_expression" => {
                expr = expr.field("operand")?
            }
            _ => return None,
        }
    }
}
