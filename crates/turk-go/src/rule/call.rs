//! A call taken apart once: the analyzer hands calls to rules by the called name, and rules and metrics read
//! its receiver and arguments.

use crate::context::FileContext;
use crate::context::children::{self, FieldChild, KindName};
use tree_sitter::Node;

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
        if node.kind_name() != "call_expression" {
            return None;
        }
        let function = node.field("function")?;
        match function.kind_name() {
            "selector_expression" => Some(Call {
                node,
                name: function.field("field")?,
                recv: Some(function.field("operand")?),
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

    /// The called name of a call a rule is handed: `Sprintf` of `fmt.Sprintf(...)` or of `Sprintf(...)`. Empty
    /// for a node that is no such call (see [`Call::of`]), which the analyzer never hands a rule as a call.
    pub fn name_of<'a>(node: Node<'t>, cx: &FileContext<'a>) -> &'a str {
        Call::of(node).map_or("", |call| cx.text(call.name))
    }

    /// The arguments, comments left out.
    pub fn arguments(&self) -> Vec<Node<'t>> {
        children::arguments(self.node)
    }
}
