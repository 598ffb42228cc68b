//! A template parsed from fixed text (or fixed files) on every call of a function instead of once.

use crate::context::FileContext;
use crate::context::children::KindName;
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "cpu/template-parse-per-call",
    category: Category::Cpu,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "template parsed on every call",
    why: "Parsing a template lexes the text and allocates its whole tree: about 10 µs and 56 allocations for a \
          60-byte template with one range (Go 1.19), growing with the template, and ParseFiles/ParseGlob read the \
          files from disk again on every call. The text never changes, and a parsed *template.Template is safe \
          for concurrent Execute, so one parse serves every call.",
    fix: "Parse once: a package-level `var userTmpl = template.Must(template.New(\"user\").Parse(...))`, a field \
          set by the constructor, or sync.OnceValue when parsing must wait until first use; Execute that template \
          here. Where a call needs its own functions or sub-templates, Clone the parsed template (far cheaper \
          than parsing) and adjust the clone.",
    bad: r#"func renderUser(w io.Writer, u User) error {
    t := template.Must(template.New("user").Parse(`<p>{{.Name}}</p>`))
    return t.Execute(w, u)
}"#,
    good: r#"var userTmpl = template.Must(template.New("user").Parse(`<p>{{.Name}}</p>`))

func renderUser(w io.Writer, u User) error {
    return userTmpl.Execute(w, u)
}"#,
    applies: "text/template and html/template, when the text is a constant, a //go:embed string, or constant file \
              names or globs, and the parsed template is neither returned nor stored (a constructor or a cache \
              keeps it). Not at package level, in init, in a sync.Once, in main outside its loops, or in _test.go \
              files. Raised to P1 on a hot path (a loop, an HTTP handler).",
};

const PARSERS: &[&str] = &["Parse", "ParseFiles", "ParseGlob", "ParseFS"];

const TEMPLATE_PACKAGES: [&str; 2] = ["text/template", "html/template"];

/// Methods that configure a new template and return it, between `template.New` and `Parse`.
const CONFIGURERS: &[&str] = &["Funcs", "Delims", "Option"];

pub static RULE: Rule = Rule {
    meta: &META,
    // `template.ParseFiles(...)` (a package function) and `t.Parse(...)` (a method): told apart in the check.
    visits: Visits::calls(PARSERS),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    if cx.is_test {
        return;
    }
    let Some(Call {
        recv: Some(recv),
        name,
        ..
    }) = Call::of(call)
    else {
        return;
    };
    let name = cx.text(name);
    let args = syntax::arguments(call);
    // ParseFS takes the file system first; the other arguments are the text, file names or globs.
    let texts = if name == "ParseFS" {
        args.get(1..).unwrap_or_default()
    } else {
        &args[..]
    };
    if texts.is_empty() || !texts.iter().all(|t| syntax::is_fixed_string(*t, cx)) {
        return;
    }
    // The template variable a method call parses into, when it is one (`t := template.New(...)`, then `t.Parse`).
    let mut variable_value = None;
    if is_template_package(recv, cx) {
        if name == "Parse" {
            return;
        }
    } else {
        match new_template(recv, cx) {
            Some(NewTemplate::Here) => {}
            Some(NewTemplate::InVariable(value)) => variable_value = Some(value),
            None => return,
        }
    }
    let Some(per_call) = syntax::built_per_call(call, cx) else {
        return;
    };
    let parsed = must_around(call, cx);
    if syntax::outlives_call(cx, parsed) || variable_value.is_some_and(|v| syntax::outlives_call(cx, v)) {
        return;
    }
    cx.finding(&META, call)
        .title(format!("template parsed {}", per_call.how_often()))
        .on_hot_path_of(call, META.priority.raised())
        .report(out);
}

fn is_template_package(expr: Node<'_>, cx: &FileContext<'_>) -> bool {
    expr.kind_name() == "identifier" && TEMPLATE_PACKAGES.iter().any(|path| cx.is_package(expr, path))
}

/// Where the template a `Parse` method is called on was made by `template.New`.
enum NewTemplate<'t> {
    /// In the receiver itself: `template.New("x").Funcs(fm).Parse(...)`.
    Here,
    /// In a local variable of the same function, initialised from such a chain: its initialiser.
    InVariable(Node<'t>),
}

fn new_template<'a>(recv: Node<'a>, cx: &FileContext<'a>) -> Option<NewTemplate<'a>> {
    let recv = syntax::unparen(recv);
    match recv.kind_name() {
        "call_expression" => is_new_chain(recv, cx).then_some(NewTemplate::Here),
        "identifier" => {
            let decl = cx.lookup(cx.text(recv), recv)?;
            let value = decl.value?;
            let same_function = cx.enclosing_function(decl.name)?.id() == cx.enclosing_function(recv)?.id();
            (same_function && is_new_chain(value, cx)).then_some(NewTemplate::InVariable(value))
        }
        _ => None,
    }
}

/// Whether `expr` is `template.New(...)`, possibly configured: `.Funcs(...)`, `.Delims(...)`, `.Option(...)`.
fn is_new_chain(expr: Node<'_>, cx: &FileContext<'_>) -> bool {
    let mut expr = syntax::unparen(expr);
    loop {
        if TEMPLATE_PACKAGES
            .iter()
            .any(|path| cx.call_to(expr, path, &["New"]).is_some())
        {
            return true;
        }
        match Call::of(expr) {
            Some(Call {
                recv: Some(recv),
                name,
                ..
            }) if CONFIGURERS.contains(&cx.text(name)) => expr = syntax::unparen(recv),
            _ => return false,
        }
    }
}

/// The `template.Must(call)` around a parse, or the parse itself.
fn must_around<'a>(call: Node<'a>, cx: &FileContext<'a>) -> Node<'a> {
    call.parent()
        .filter(|p| p.kind_name() == "argument_list")
        .and_then(|p| p.parent())
        .filter(|must| {
            TEMPLATE_PACKAGES
                .iter()
                .any(|path| cx.call_to(*must, path, &["Must"]).is_some())
        })
        .unwrap_or(call)
}
