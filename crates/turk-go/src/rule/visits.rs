//! What a rule asks to be handed: nodes by kind, calls by the called name, package functions by import path and
//! name.

/// What a rule is handed (see [`Rule::visits`](super::Rule::visits)). Matching by node kind, called name and
/// the package of a package function is all the analyzer does for the rules; the shape around a node (its
/// children, its arguments, where it sits) is checked in code.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Visits {
    /// Node kinds of tree-sitter-go (`"for_statement"`, `"short_var_declaration"`...): the rule is handed every
    /// node of these kinds outside the parts of the file that did not parse.
    pub kinds: &'static [&'static str],
    /// Called names: the rule is handed every `x.Name(...)` call whose `Name` is listed, whatever `x` is.
    pub calls: &'static [&'static str],
    /// Package functions, as (import path, names): the rule is handed `pkg.Name(...)` only where `pkg` is the
    /// file's name for that import (an alias counts, a local variable of that name does not).
    pub package_calls: &'static [(&'static str, &'static [&'static str])],
    /// Also the unqualified calls `Name(...)`: of `calls` all of them (builtins, local functions), of
    /// `package_calls` those of a dot-imported package (and not declared in the file).
    pub unqualified_calls: bool,
}

impl Visits {
    const NONE: Visits = Visits {
        kinds: &[],
        calls: &[],
        package_calls: &[],
        unqualified_calls: false,
    };

    /// Every node of `kinds`.
    pub const fn kinds(kinds: &'static [&'static str]) -> Visits {
        Visits::NONE.and_kinds(kinds)
    }

    /// Calls `x.Name(...)` of `names`, whatever `x` is.
    pub const fn calls(names: &'static [&'static str]) -> Visits {
        Visits::NONE.and_calls(names)
    }

    /// Calls of `names`, qualified `x.Name(...)` or not `Name(...)`.
    pub const fn any_calls(names: &'static [&'static str]) -> Visits {
        Visits {
            unqualified_calls: true,
            ..Visits::calls(names)
        }
    }

    /// Package functions `pkg.Name(...)`, given as (import path, names): `("regexp", &["MustCompile"])` hands
    /// `regexp.MustCompile(...)` and `re.MustCompile(...)` after `import re "regexp"`, never a method of some
    /// value named `regexp`.
    pub const fn package_calls(packages: &'static [(&'static str, &'static [&'static str])]) -> Visits {
        Visits::NONE.and_package_calls(packages)
    }

    /// [`Visits::package_calls`], and also `Name(...)` where the package is dot-imported.
    pub const fn any_package_calls(packages: &'static [(&'static str, &'static [&'static str])]) -> Visits {
        Visits {
            unqualified_calls: true,
            ..Visits::package_calls(packages)
        }
    }

    /// These visits, and every node of `kinds` too.
    pub const fn and_kinds(self, kinds: &'static [&'static str]) -> Visits {
        Visits { kinds, ..self }
    }

    /// These visits, and the calls `x.Name(...)` of `names` too.
    pub const fn and_calls(self, names: &'static [&'static str]) -> Visits {
        Visits { calls: names, ..self }
    }

    /// These visits, and the package functions of `packages` too (see [`Visits::package_calls`]).
    pub const fn and_package_calls(
        self,
        packages: &'static [(&'static str, &'static [&'static str])],
    ) -> Visits {
        Visits {
            package_calls: packages,
            ..self
        }
    }
}
