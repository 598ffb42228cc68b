//! The tables that hand each node to the rules and metrics that asked for it: by node kind, and for calls by the
//! called name. The list of rules itself is `rules::RULES`.

use crate::metrics::{self, Metric};
use crate::rule::{Rule, RuleMeta};
use crate::rules::RULES;
use crate::scope::facts::{self, Fact};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use tree_sitter::Language;

/// A rule that asked for calls of some name.
#[derive(Debug, Clone)]
pub(crate) struct CallSubscriber {
    /// Index into [`RULES`].
    pub rule: usize,
    /// Also `Name(...)`, not only `x.Name(...)`.
    pub unqualified: bool,
    /// For package functions, the import paths whose `Name` the rule asked for; empty when any `x.Name(...)`
    /// will do.
    pub packages: Vec<&'static str>,
}

/// What happens at a node of one kind.
#[derive(Debug, Default, Clone)]
pub(crate) struct KindEntry {
    /// The rules that asked for this kind (indexes into [`RULES`]).
    pub rules: Vec<usize>,
    pub metric: Option<Metric>,
    /// What the scope ranking collects at this kind.
    pub fact: Option<Fact>,
    /// `call_expression`: taken apart once, counted for the metrics and handed to the rules that asked for its
    /// called name.
    pub is_call: bool,
}

/// How the analyzer hands nodes to the rules and the metrics, built once per process from [`RULES`].
pub(crate) struct Dispatch {
    /// Indexed by node kind id; `None` for kinds nobody asked for.
    pub kinds: Vec<Option<KindEntry>>,
    /// Called name → the rules that asked for it.
    pub calls: HashMap<&'static str, Vec<CallSubscriber>>,
    /// Indexed by node kind id: kinds the walk visits without descending. Leaves (every token, and the named
    /// kinds the grammar builds as tokens: identifiers, numbers, comments...), which are most nodes of a tree and
    /// whose first child would be a cursor move that fails; and kinds whose insides nobody asked for (string
    /// literals: their quotes, contents and escapes).
    pub opaque: Vec<bool>,
}

/// Kinds the walk need not descend into, with the kinds found inside them: opaque unless one of those is asked
/// for.
const OPAQUE: [(&str, &[&str]); 2] = [
    (
        "interpreted_string_literal",
        &["interpreted_string_literal_content", "escape_sequence"],
    ),
    ("raw_string_literal", &["raw_string_literal_content"]),
];

/// The dispatch tables, built once per process.
pub(crate) fn dispatch() -> &'static Dispatch {
    static DISPATCH: OnceLock<Dispatch> = OnceLock::new();
    DISPATCH.get_or_init(|| build(RULES).unwrap_or_else(|err| panic!("{err}")))
}

/// The tables for `rules`, or what is wrong with what a rule asks for.
fn build(rules: &[&Rule]) -> Result<Dispatch, String> {
    let language: Language = tree_sitter_go::LANGUAGE.into();
    let mut kinds: Vec<Option<KindEntry>> = vec![None; language.node_kind_count()];
    fn entry<'k>(
        kinds: &'k mut [Option<KindEntry>],
        language: &Language,
        kind: &str,
        what: &str,
    ) -> Result<&'k mut KindEntry, String> {
        let id = language.id_for_node_kind(kind, true);
        if id == 0 {
            return Err(format!(
                "{what} asks for node kind `{kind}`, which tree-sitter-go does not have"
            ));
        }
        Ok(kinds[usize::from(id)].get_or_insert_with(KindEntry::default))
    }
    for (kind, metric) in metrics::KINDS {
        entry(&mut kinds, &language, kind, "metrics")?.metric = Some(*metric);
    }
    for (kind, fact) in facts::KINDS {
        entry(&mut kinds, &language, kind, "scope facts")?.fact = Some(*fact);
    }
    entry(&mut kinds, &language, "call_expression", "analyzer")?.is_call = true;
    let mut calls: HashMap<&'static str, Vec<CallSubscriber>> = HashMap::new();
    for (index, rule) in rules.iter().enumerate() {
        let visits = rule.visits;
        for kind in visits.kinds {
            entry(&mut kinds, &language, kind, rule.meta.id)?
                .rules
                .push(index);
        }
        for name in visits.calls {
            calls.entry(name).or_default().push(CallSubscriber {
                rule: index,
                unqualified: visits.unqualified_calls,
                packages: Vec::new(),
            });
        }
        for (path, names) in visits.package_calls {
            for name in *names {
                let subscribers = calls.entry(name).or_default();
                match subscribers.iter_mut().find(|s| s.rule == index) {
                    Some(s) if s.packages.is_empty() => {
                        return Err(format!(
                            "{} asks for `{name}` both as any call and as a function of `{path}`",
                            rule.meta.id
                        ));
                    }
                    Some(s) => s.packages.push(path),
                    None => subscribers.push(CallSubscriber {
                        rule: index,
                        unqualified: visits.unqualified_calls,
                        packages: vec![path],
                    }),
                }
            }
        }
    }
    let mut opaque = leaf_kinds(&language);
    for (kind, inside) in OPAQUE {
        let asked = inside.iter().any(|k| {
            let id = language.id_for_node_kind(k, true);
            id == 0 || kinds[usize::from(id)].is_some()
        });
        if !asked {
            opaque[usize::from(language.id_for_node_kind(kind, true))] = true;
        }
    }
    Ok(Dispatch { kinds, calls, opaque })
}

/// Indexed by kind id: whether nodes of the kind never have children. Anonymous kinds are tokens (punctuation,
/// keywords, operators); a named kind is a token when the grammar's node types give it no fields, children or
/// subtypes (`identifier`, `int_literal`, `comment`; `fallthrough_statement` has an empty field list: it holds
/// its keyword).
fn leaf_kinds(language: &Language) -> Vec<bool> {
    let types: Vec<serde_json::Value> =
        serde_json::from_str(tree_sitter_go::NODE_TYPES).expect("tree-sitter-go's node types are JSON");
    let named_tokens: HashSet<&str> = types
        .iter()
        .filter(|t| {
            t["named"] == true
                && ["fields", "children", "subtypes"]
                    .iter()
                    .all(|k| t.get(k).is_none())
        })
        .filter_map(|t| t["type"].as_str())
        .collect();
    (0..language.node_kind_count())
        .map(|id| {
            let id = id as u16;
            language.node_kind_is_visible(id)
                && (!language.node_kind_is_named(id)
                    || language
                        .node_kind_for_id(id)
                        .is_some_and(|name| named_tokens.contains(name)))
        })
        .collect()
}

/// The metadata of every rule.
pub fn rule_metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta)
}

/// A rule's metadata by id.
pub fn rule_meta(id: &str) -> Option<&'static RuleMeta> {
    rule_metas().find(|m| m.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::FileContext;
    use crate::rule::Visits;
    use std::collections::HashSet;
    use tree_sitter::Node;
    use turk_findings::{Category, Finding, Priority};

    #[test]
    fn dispatch_builds_and_ids_are_unique() {
        dispatch();
        let mut seen = HashSet::new();
        for meta in rule_metas() {
            assert!(seen.insert(meta.id), "duplicate rule id {}", meta.id);
        }
    }

    static META: RuleMeta = RuleMeta {
        id: "conc/example",
        category: Category::Concurrency,
        priority: Priority::P2,
        tier: crate::rule::Tier::Performance,
        confidence: turk_findings::Confidence::High,
        about_tests: false,
        message: "m",
        why: "w",
        fix: "f",
        bad: "b",
        good: "g",
        applies: "",
    };

    fn nothing(_: Node<'_>, _: &FileContext<'_>, _: &mut Vec<Finding>) {}

    fn rule(visits: Visits) -> Rule {
        Rule {
            meta: &META,
            visits,
            check: nothing,
        }
    }

    #[test]
    fn package_functions_of_one_name_are_one_subscription_per_rule() {
        let both = rule(Visits::package_calls(&[
            ("io", &["ReadAll"]),
            ("io/ioutil", &["ReadAll"]),
        ]));
        let dispatch = build(&[&both]).expect("builds");
        let subscribers = &dispatch.calls["ReadAll"];
        assert_eq!(subscribers.len(), 1);
        assert_eq!(subscribers[0].packages, ["io", "io/ioutil"]);
    }

    #[test]
    fn leaf_kinds_are_tokens_and_never_have_children() {
        let language: Language = tree_sitter_go::LANGUAGE.into();
        let leaves = leaf_kinds(&language);
        let is_leaf = |kind: &str, named: bool| leaves[usize::from(language.id_for_node_kind(kind, named))];
        for token in [
            "identifier",
            "field_identifier",
            "int_literal",
            "rune_literal",
            "comment",
            "nil",
        ] {
            assert!(is_leaf(token, true), "{token}");
        }
        for token in ["(", "func", ":=", "}"] {
            assert!(is_leaf(token, false), "{token}");
        }
        for node in [
            "call_expression",
            "interpreted_string_literal",
            "fallthrough_statement",
            "source_file",
        ] {
            assert!(!is_leaf(node, true), "{node}");
        }
        // Every node of a leaf kind in the Go files of the repository has no children: the walk may skip them.
        let testdata = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
        let mut nodes = 0;
        for file in crate::discover(&testdata).files {
            let src = std::fs::read_to_string(&file).expect("readable");
            let tree = crate::parse(&src).expect("parses");
            let mut stack = vec![tree.root_node()];
            while let Some(node) = stack.pop() {
                nodes += 1;
                if leaves.get(usize::from(node.kind_id())).copied().unwrap_or(false) {
                    assert_eq!(node.child_count(), 0, "{node:?} in {}", file.display());
                }
                let mut cursor = node.walk();
                stack.extend(node.children(&mut cursor));
            }
        }
        assert!(nodes > 50_000, "{nodes} nodes");
    }

    #[test]
    fn what_a_rule_cannot_be_handed_is_an_error_naming_it() {
        let unknown_kind = rule(Visits::kinds(&["for_loop"]));
        let err = build(&[&unknown_kind]).err().expect("an error");
        assert!(err.contains("conc/example") && err.contains("for_loop"), "{err}");
        let twice = rule(Visits::calls(&["Get"]).and_package_calls(&[("net/http", &["Get"])]));
        let err = build(&[&twice]).err().expect("an error");
        assert!(err.contains("conc/example") && err.contains("`Get`"), "{err}");
    }
}
