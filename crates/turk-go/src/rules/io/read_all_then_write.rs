//! `b, err := io.ReadAll(r)` whose only use is `w.Write(b)` or `os.WriteFile(path, b, perm)`: `io.Copy` streams.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "io/read-all-then-write",
    category: Category::Io,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::High,
    about_tests: false,
    message: "whole stream read into memory only to be written out again",
    why: "io.ReadAll holds the entire stream in memory before anything is written: it starts with 512 bytes and \
          grows by appending, so a 100 MB body costs about 100 MB live (more while the buffer is copied to a \
          bigger one) and a few dozen reallocations, and nothing reaches the writer until the last byte has \
          arrived. io.Copy moves the same bytes through one 32 KB buffer, starts writing at once, and when the \
          reader or writer is a file or a TCP connection it uses sendfile/splice without copying through user \
          space at all. Under concurrency the difference is the server's peak memory: N requests times the \
          largest body.",
    fix: "`_, err := io.Copy(w, r)` (wrap r in io.LimitReader to bound it). For a file, `f, err := \
          os.Create(path)` then io.Copy into f and check f.Close(). Buffering is only needed when nothing may \
          be written unless the whole read succeeds (a proxy that must answer 502 instead of a truncated 200, \
          a file that must not be left half-written): then keep it, or write to a temporary file and rename.",
    bad: r#"func save(r io.Reader, path string) error {
    data, err := io.ReadAll(r)
    if err != nil {
        return err
    }
    return os.WriteFile(path, data, 0o644)
}"#,
    good: r#"func save(r io.Reader, path string) error {
    f, err := os.Create(path)
    if err != nil {
        return err
    }
    if _, err := io.Copy(f, r); err != nil {
        f.Close()
        return err
    }
    return f.Close()
}"#,
    applies: "io.ReadAll/ioutil.ReadAll assigned to a name whose one and only use is as the data of a `Write(b)` \
              method call or of os.WriteFile/ioutil.WriteFile. Not for readers over memory (bytes.NewReader, \
              strings.NewReader, bytes.NewBuffer). One step higher on a hot path.",
};

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::package_calls(&[("io", &["ReadAll"]), ("io/ioutil", &["ReadAll"])]),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some(source) = call.field("arguments").and_then(syntax::only_child) else {
        return;
    };
    if in_memory(cx, source) {
        return;
    }
    let Some((data, only)) = syntax::sole_use_of_result(cx, call) else {
        return;
    };
    let Some(writer) = written_by(cx, only) else {
        return;
    };
    cx.finding(&META, call)
        .title(format!(
            "{} read whole only to be written by {writer}: stream it with io.Copy",
            cx.text(data)
        ))
        .on_hot_path_of(call, META.priority.raised())
        .report(out);
}

/// `bytes.NewReader(...)`, `strings.NewReader(...)`, `bytes.NewBuffer(...)`, or a name initialised from one.
fn in_memory(cx: &FileContext<'_>, source: Node<'_>) -> bool {
    let over_memory = |e: Node<'_>| {
        cx.call_to(e, "bytes", &["NewReader", "NewBuffer", "NewBufferString"])
            .is_some()
            || cx.call_to(e, "strings", &["NewReader"]).is_some()
    };
    over_memory(source) || syntax::declared_as(source, cx, |_| false, over_memory)
}

/// For the one use of the data: the call that writes it, as written (`w.Write`, `os.WriteFile`).
fn written_by<'a>(cx: &FileContext<'a>, data: Node<'a>) -> Option<&'a str> {
    let args = data.parent().filter(|p| p.kind_name() == "argument_list")?;
    let call = args.parent()?;
    let function = call.field("function")?;
    let position = syntax::each_child(args).position(|a| a.id() == data.id())?;
    let count = syntax::each_child(args).count();
    let writes = if cx
        .call_to(call, "os", &["WriteFile"])
        .or_else(|| cx.call_to(call, "io/ioutil", &["WriteFile"]))
        .is_some()
    {
        position == 1
    } else {
        Call::method(call, cx)
            .is_some_and(|(recv, name)| name == "Write" && count == 1 && !cx.names_an_import(recv))
    };
    writes.then(|| cx.text(function))
}
