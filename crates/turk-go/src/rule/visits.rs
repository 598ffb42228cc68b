//! What a rule asks to be handed: nodes by kind, calls by the called name.

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
