//! A debug- or trace-level log call whose arguments are formatted before the logger can check its level.

use crate::context::FileContext;
use crate::context::children::{FieldChild, KindName};
use crate::rule::{Call, Rule, RuleMeta, Tier, Visits};
use crate::syntax;
use tree_sitter::Node;
use turk_findings::{Category, Confidence, Finding, Priority};

static META: RuleMeta = RuleMeta {
    id: "log/eager-debug-format",
    category: Category::Allocation,
    priority: Priority::P2,
    tier: Tier::Performance,
    confidence: Confidence::Heuristic,
    about_tests: false,
    message: "debug log message formatted even when debug logging is off",
    why: "Arguments are evaluated before the call: `logger.Debug(fmt.Sprintf(...))` formats the message, and \
          `x.String()` builds its string, before the logger looks at its level and drops the line. In \
          production, where debug and trace are off, that is pure waste on every call: fmt.Sprintf costs a few \
          hundred nanoseconds and at least one allocation, more with several arguments, and on a path that runs \
          per message or per request it adds up to measurable CPU and garbage for lines nobody sees. Loggers \
          format lazily when given the pieces: Debugf formats only when enabled, zap.Stringer and slog call \
          String() only when the line is written, zerolog's Msgf does nothing on a disabled event.",
    fix: "Hand the logger the format and the values and let it format when the level is on: \
          `logger.Debugf(\"conn %s closed\", c)` (logrus, zap's SugaredLogger), `slog.Debug(\"conn closed\", \
          \"conn\", c)`, `zap.Stringer(\"conn\", c)` instead of `zap.String(\"conn\", c.String())`, \
          `log.Debug().Msgf(...)` (zerolog). When building the message is expensive anyway, guard it: `if \
          logger.Enabled(ctx, slog.LevelDebug) { ... }`, `if ce := logger.Check(zap.DebugLevel, ...); ce != \
          nil { ... }`.",
    bad: r#"type Logger interface{ Debug(msg string) }

func closeAll(log Logger, conns []net.Conn) {
    for i, c := range conns {
        log.Debug(fmt.Sprintf("closing connection %d from %s", i, c.RemoteAddr()))
        c.Close()
    }
}"#,
    good: r#"type Logger interface{ Debugf(format string, args ...any) }

func closeAll(log Logger, conns []net.Conn) {
    for i, c := range conns {
        log.Debugf("closing connection %d from %s", i, c.RemoteAddr())
        c.Close()
    }
}"#,
    applies: "Heuristic: the logger is recognised by its method names, whatever its type: Debug/Trace and their \
              f/w/ln forms, Info* after a verbosity check `V(n)`, and zerolog-style `Msg` on a chain that starts \
              with Debug()/Trace(). An argument is eager when it is fmt.Sprint/Sprintf/Sprintln, a `.String()` \
              call, or a field constructor (zap.String, slog.String...) of one. Not inside an `if` whose \
              condition checks the level (names debug, trace, verbose, Enabled, Level or V(n)). Only on a hot \
              path (a loop body, an HTTP handler): elsewhere the cost is a few hundred nanoseconds now and then.",
};

/// Level-gated logging methods.
const LOG_CALLS: &[&str] = &[
    "Debug", "Debugf", "Debugw", "Debugln", "Trace", "Tracef", "Tracew", "Traceln", "Info", "Infof", "Infow",
    "Infoln", "Msg",
];

pub static RULE: Rule = Rule {
    meta: &META,
    visits: Visits::calls(LOG_CALLS),
    check,
};

fn check(call: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>) {
    let Some((recv, method)) = Call::method(call, cx) else {
        return;
    };
    let level = match method {
        "Msg" => chain_level(cx, recv),
        m if m.starts_with("Info") => is_verbosity_check(cx, recv).then_some("verbose"),
        // The standard library's log package has no levels; any other Debug/Trace is a levelled logger.
        m if cx.package_of(recv) != Some("log") => {
            Some(if m.starts_with("Debug") { "debug" } else { "trace" })
        }
        _ => None,
    };
    let Some(level) = level else {
        return;
    };
    let Some(eager) = syntax::each_argument(call).find_map(|arg| eager_argument(cx, arg)) else {
        return;
    };
    // Formatting a message once costs a few hundred nanoseconds: only a call made per item or per request is
    // worth a finding.
    if cx.hot_path(call).is_none() || guarded(cx, call) {
        return;
    }
    cx.finding(&META, call)
        .title(format!("{eager} is evaluated even when {level} logging is off"))
        .report(out);
}

/// `x.Debug()...` / `x.Trace()...`: a zerolog-style event chain that starts at a level that is usually off.
fn chain_level(cx: &FileContext<'_>, mut recv: Node<'_>) -> Option<&'static str> {
    while let Some(call) = Call::of(recv) {
        if syntax::no_arguments(call.node) {
            match cx.text(call.name) {
                "Debug" => return Some("debug"),
                "Trace" => return Some("trace"),
                _ => {}
            }
        }
        recv = call.recv?;
    }
    None
}

/// `x.V(n)`: klog/glog/logr verbosity.
fn is_verbosity_check(cx: &FileContext<'_>, recv: Node<'_>) -> bool {
    Call::of(recv).is_some_and(|c| cx.text(c.name) == "V" && syntax::arguments(c.node).len() == 1)
}

/// What in the argument is formatted eagerly: `fmt.Sprintf`, `x.String()`, or either inside a field
/// constructor (`zap.String("k", v.String())`).
fn eager_argument<'a>(cx: &FileContext<'a>, arg: Node<'a>) -> Option<&'a str> {
    eager_value(cx, arg).or_else(|| {
        Call::of(syntax::unparen(arg))?;
        syntax::each_argument(arg).find_map(|inner| eager_value(cx, inner))
    })
}

fn eager_value<'a>(cx: &FileContext<'a>, value: Node<'a>) -> Option<&'a str> {
    let value = syntax::unparen(value);
    if let Some(name) = cx.call_to(value, "fmt", &syntax::FMT_SPRINTS) {
        return Some(match name {
            "Sprintf" => "fmt.Sprintf",
            "Sprint" => "fmt.Sprint",
            _ => "fmt.Sprintln",
        });
    }
    let call = Call::of(value)?;
    if cx.text(call.name) != "String" || call.recv.is_none() || !syntax::no_arguments(value) {
        return None;
    }
    let text = cx.text(value);
    Some(if text.len() <= 40 && !text.contains('\n') {
        text
    } else {
        "String()"
    })
}

/// Whether an enclosing `if` of the same function checks the level first.
fn guarded(cx: &FileContext<'_>, call: Node<'_>) -> bool {
    for node in cx.ancestors(call).iter().rev() {
        if syntax::FUNCTIONS.contains(&node.kind_name()) {
            return false;
        }
        if node.kind_name() != "if_statement" {
            continue;
        }
        let Some(condition) = node.field("condition") else {
            continue;
        };
        let text = cx.text(condition);
        let lower = text.to_ascii_lowercase();
        if ["debug", "trace", "verbose", "enabled", "level"]
            .iter()
            .any(|w| lower.contains(w))
            || text.contains(".V(")
        {
            return true;
        }
    }
    false
}
