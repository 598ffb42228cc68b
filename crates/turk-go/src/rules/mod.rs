//! The rules: one file per rule, grouped by family. A rule is its metadata (id, category, priority, message,
//! why, fix, examples), the nodes it wants to be handed (by node kind, and calls by the called name), and a
//! check that turns each such node into findings. One walk over each file hands every node to every rule that
//! asked for it (see `registry` and `analyze`).

pub mod alloc;
pub mod conc;
pub mod fmt;
pub mod io;
pub mod json;
pub mod regexp;
pub mod str;

use crate::context::FileContext;
use std::sync::OnceLock;
use tree_sitter::Node;
use turk_findings::{Category, Finding, Priority};

/// What a rule is, for users and for the docs.
#[derive(Debug)]
pub struct RuleMeta {
    /// `family/name`, stable: used in suppressions, config and SARIF.
    pub id: &'static str,
    pub category: Category,
    /// The default priority; a rule may raise it on hot paths or lower it by Go version.
    pub priority: Priority,
    /// One line: what is wrong.
    pub message: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// The suggested fix.
    pub fix: &'static str,
    /// A short example that is flagged.
    pub bad: &'static str,
    /// The same example, fixed.
    pub good: &'static str,
    /// When the rule applies or changes with the Go version or file kind; empty if always.
    pub applies: &'static str,
}

/// One static check.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// The nodes this rule is handed: every node of some kinds, and calls by the called name.
    fn visits(&self) -> Visits;
    /// Called for every node the rule asked for in [`Rule::visits`]: a node of one of its kinds, or a
    /// `call_expression` whose called name is one of its calls (see [`Call`]).
    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Finding>);
}

/// What a rule is handed (see [`Rule::visits`]). Matching by node kind and called name is all the analyzer
/// does for the rules; the shape around a node (its children, its arguments, where it sits) is checked in code.
#[derive(Debug, Clone, Copy)]
pub struct Visits {
    /// Node kinds of tree-sitter-go (`"for_statement"`, `"short_var_declaration"`...): the rule is handed every
    /// node of these kinds outside the parts of the file that did not parse.
    pub kinds: &'static [&'static str],
    /// Called names: the rule is handed every `x.Name(...)` call whose `Name` is listed.
    pub calls: &'static [&'static str],
    /// Also the unqualified calls `Name(...)` of the listed names (builtins, local functions, dot imports).
    pub unqualified_calls: bool,
}

impl Visits {
    /// Every node of `kinds`.
    pub const fn kinds(kinds: &'static [&'static str]) -> Visits {
        Visits {
            kinds,
            calls: &[],
            unqualified_calls: false,
        }
    }

    /// Method and package calls `x.Name(...)` of `names`.
    pub const fn calls(names: &'static [&'static str]) -> Visits {
        Visits {
            kinds: &[],
            calls: names,
            unqualified_calls: false,
        }
    }

    /// Calls of `names`, qualified `x.Name(...)` or not `Name(...)`.
    pub const fn any_calls(names: &'static [&'static str]) -> Visits {
        Visits {
            kinds: &[],
            calls: names,
            unqualified_calls: true,
        }
    }
}

/// A call as the analyzer hands it: `recv.name(args)` or `name(args)`.
#[derive(Debug, Clone, Copy)]
pub struct Call<'t> {
    /// The `call_expression`.
    pub node: Node<'t>,
    /// The called name: the `field_identifier` of `recv.name`, or the `identifier` of `name`.
    pub name: Node<'t>,
    /// `recv` of `recv.name(...)`; `None` for an unqualified call.
    pub recv: Option<Node<'t>>,
}

impl<'t> Call<'t> {
    /// The parts of a `call_expression` whose function is `recv.name` or `name`; `None` for anything else
    /// (a func literal called in place, `f()()`, a generic instantiation).
    pub fn of(node: Node<'t>) -> Option<Call<'t>> {
        // Every call of every file comes through here: field ids instead of names, which tree-sitter would
        // compare against each field name of the grammar on every lookup.
        let fields = call_fields();
        if node.kind_id() != fields.call_expression {
            return None;
        }
        let function = node.child_by_field_id(fields.function)?;
        match function.kind() {
            "selector_expression" => Some(Call {
                node,
                name: function.child_by_field_id(fields.field)?,
                recv: Some(function.child_by_field_id(fields.operand)?),
            }),
            "identifier" => Some(Call {
                node,
                name: function,
                recv: None,
            }),
            _ => None,
        }
    }

    /// For `recv.name(...)`: the receiver and the called name. `None` for an unqualified call or anything that
    /// is not a call.
    pub fn method<'a>(node: Node<'t>, cx: &FileContext<'a>) -> Option<(Node<'t>, &'a str)> {
        let call = Call::of(node)?;
        Some((call.recv?, cx.text(call.name)))
    }

    /// The arguments, comments left out.
    pub fn arguments(&self) -> Vec<Node<'t>> {
        crate::context::children::arguments(self.node)
    }
}

/// The kind id of a call, and the field ids it is taken apart with.
struct CallFields {
    call_expression: u16,
    function: u16,
    field: u16,
    operand: u16,
}

fn call_fields() -> &'static CallFields {
    static FIELDS: OnceLock<CallFields> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
        let id = |name: &str| {
            language
                .field_id_for_name(name)
                .unwrap_or_else(|| panic!("tree-sitter-go has a `{name}` field"))
                .get()
        };
        CallFields {
            call_expression: language.id_for_node_kind("call_expression", true),
            function: id("function"),
            field: id("field"),
            operand: id("operand"),
        }
    })
}
