//! The list of rules, and the one query compiled from all their patterns plus the metrics patterns. A match's
//! `pattern_index` says which rule (and which of its patterns) it belongs to.

use crate::metrics;
use crate::rules::{self, Rule, RuleMeta};
use std::collections::HashMap;
use std::sync::OnceLock;
use tree_sitter::Query;

/// Every rule turk knows, in the order they are documented. Adding a rule: one file and one line here.
pub static RULES: &[&dyn Rule] = &[
    // Concurrency: goroutines, locks, WaitGroups, channels, timers.
    &rules::conc::time_after_in_loop::RULE,
    &rules::conc::waitgroup_add_in_goroutine::RULE,
    &rules::conc::waitgroup_by_value::RULE,
    &rules::conc::lock_by_value::RULE,
    &rules::conc::empty_critical_section::RULE,
    &rules::conc::defer_wrong_unlock::RULE,
    &rules::conc::test_fatal_in_goroutine::RULE,
    &rules::conc::loopvar_capture::RULE,
    &rules::conc::redundant_loopvar_copy::RULE,
    &rules::conc::non_atomic_assign::RULE,
    &rules::conc::busy_loop::RULE,
    &rules::conc::unbuffered_signal_channel::RULE,
    &rules::conc::waitgroup_wait_in_loop::RULE,
    &rules::conc::time_tick_leak::RULE,
    // Allocation: slices, maps, strings built in loops.
    &rules::alloc::string_concat_in_loop::RULE,
    &rules::alloc::make_len_then_append::RULE,
    &rules::alloc::append_in_loop_no_prealloc::RULE,
    &rules::alloc::explicit_gc::RULE,
    &rules::alloc::range_over_rune_conversion::RULE,
    &rules::alloc::bytes_of_sprintf::RULE,
    // Strings and fmt.
    &rules::str::case_fold_compare::RULE,
    &rules::fmt::format_without_verbs::RULE,
    &rules::fmt::write_of_sprintf::RULE,
    &rules::fmt::print_of_sprintf::RULE,
    &rules::fmt::sprintf_primitive::RULE,
    // Regular expressions.
    &rules::regexp::compile_in_func::RULE,
    &rules::regexp::match_helper_in_loop::RULE,
    // JSON.
    &rules::json::marshal_in_loop::RULE,
    // I/O, context, HTTP, SQL.
    &rules::io::defer_in_loop::RULE,
    &rules::io::use_before_err_check::RULE,
    &rules::io::http_body_not_closed::RULE,
    &rules::io::http_server_no_timeouts::RULE,
    &rules::io::http_client_no_timeout::RULE,
    &rules::io::context_cancel_not_called::RULE,
    &rules::io::exit_with_pending_defers::RULE,
    &rules::io::sql_rows_err_unchecked::RULE,
    &rules::io::fresh_context_in_ctx_func::RULE,
    &rules::io::context_growth_in_loop::RULE,
    &rules::io::no_context_variant::RULE,
    &rules::io::unbounded_read_all::RULE,
];

/// Who a pattern of the combined query belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner {
    /// Rule `RULES[index]`, its `pattern`-th pattern.
    Rule { index: usize, pattern: usize },
    /// The metrics patterns.
    Metrics { pattern: usize },
    /// `(kind) @node` for the rules of `Compiled::kinds[index]`.
    Kind { index: usize },
}

/// A rule that asked for calls of some name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CallSubscriber {
    /// Index into [`RULES`].
    pub rule: usize,
    /// Also `Name(...)`, not only `x.Name(...)`.
    pub unqualified: bool,
    /// Handed as synthesised captures to `check_match` rather than as the node to `check`.
    pub legacy: bool,
}

pub(crate) struct Compiled {
    pub query: Query,
    pub owners: Vec<Owner>,
    /// Called name → the rules that asked for it.
    pub calls: HashMap<&'static str, Vec<CallSubscriber>>,
    /// Node kinds the rules asked for, each with those rules (indexes into [`RULES`]).
    pub kinds: Vec<(&'static str, Vec<usize>)>,
}

/// The combined query, compiled once per process.
pub(crate) fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| compile().unwrap_or_else(|err| panic!("{err}")))
}

fn compile() -> Result<Compiled, String> {
    let language = tree_sitter_go::LANGUAGE.into();
    let mut source = String::new();
    let mut owners = Vec::new();
    let mut add = |text: &str, owner: &dyn Fn(usize) -> Owner, what: &str| -> Result<(), String> {
        // Compiling each part alone counts its patterns and pins any syntax error on the rule that has it.
        let part =
            Query::new(&language, text).map_err(|e| format!("query of {what} does not compile: {e}"))?;
        owners.extend((0..part.pattern_count()).map(owner));
        source.push_str(text);
        source.push('\n');
        Ok(())
    };
    let mut calls: HashMap<&'static str, Vec<CallSubscriber>> = HashMap::new();
    let mut kinds: Vec<(&'static str, Vec<usize>)> = Vec::new();
    for (index, rule) in RULES.iter().enumerate() {
        let visits = rule.visits();
        for name in visits.calls {
            calls.entry(name).or_default().push(CallSubscriber {
                rule: index,
                unqualified: visits.unqualified_calls,
                legacy: false,
            });
        }
        for kind in visits.kinds {
            match kinds.iter_mut().find(|(k, _)| k == kind) {
                Some((_, rules)) => rules.push(index),
                None => kinds.push((kind, vec![index])),
            }
        }
        if !rule.query().trim().is_empty() {
            add(
                rule.query(),
                &|pattern| Owner::Rule { index, pattern },
                rule.meta().id,
            )?;
        }
        let filter = rule.calls();
        for name in filter.names {
            calls.entry(name).or_default().push(CallSubscriber {
                rule: index,
                unqualified: filter.unqualified,
                legacy: true,
            });
        }
    }
    add(metrics::QUERY, &|pattern| Owner::Metrics { pattern }, "metrics")?;
    for (index, (kind, _)) in kinds.iter().enumerate() {
        add(&format!("({kind}) @node"), &|_| Owner::Kind { index }, kind)?;
    }
    let query =
        Query::new(&language, &source).map_err(|e| format!("combined query does not compile: {e}"))?;
    assert_eq!(
        query.pattern_count(),
        owners.len(),
        "pattern count of the combined query"
    );
    Ok(Compiled {
        query,
        owners,
        calls,
        kinds,
    })
}

/// The metadata of every rule.
pub fn rule_metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

/// A rule's metadata by id.
pub fn rule_meta(id: &str) -> Option<&'static RuleMeta> {
    rule_metas().find(|m| m.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn query_compiles_and_ids_are_unique_and_well_formed() {
        let compiled = compiled();
        assert!(compiled.owners.len() + compiled.calls.len() > RULES.len());
        let mut seen = HashSet::new();
        for meta in rule_metas() {
            assert!(seen.insert(meta.id), "duplicate rule id {}", meta.id);
            let (family, name) = meta.id.split_once('/').expect("id is family/name");
            assert!(!family.is_empty() && !name.is_empty());
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                meta.id
            );
            assert!(
                !meta.message.is_empty() && !meta.why.is_empty() && !meta.fix.is_empty(),
                "{}",
                meta.id
            );
            assert!(
                !meta.bad.is_empty() && !meta.good.is_empty(),
                "{} needs examples",
                meta.id
            );
        }
    }
}
