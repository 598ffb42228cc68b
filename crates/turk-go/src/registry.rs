//! The list of rules, and the tables that hand each node to the rules and metrics that asked for it: by node
//! kind, and for calls by the called name.

use crate::metrics::{self, Metric};
use crate::rules::{self, Rule, RuleMeta};
use std::collections::HashMap;
use std::sync::OnceLock;
use tree_sitter::Language;

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

/// A rule that asked for calls of some name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CallSubscriber {
    /// Index into [`RULES`].
    pub rule: usize,
    /// Also `Name(...)`, not only `x.Name(...)`.
    pub unqualified: bool,
}

/// What happens at a node of one kind.
#[derive(Debug, Default, Clone)]
pub(crate) struct KindEntry {
    /// The rules that asked for this kind (indexes into [`RULES`]).
    pub rules: Vec<usize>,
    pub metric: Option<Metric>,
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
}

/// The dispatch tables, built once per process.
pub(crate) fn dispatch() -> &'static Dispatch {
    static DISPATCH: OnceLock<Dispatch> = OnceLock::new();
    DISPATCH.get_or_init(|| build().unwrap_or_else(|err| panic!("{err}")))
}

fn build() -> Result<Dispatch, String> {
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
    entry(&mut kinds, &language, "call_expression", "analyzer")?.is_call = true;
    let mut calls: HashMap<&'static str, Vec<CallSubscriber>> = HashMap::new();
    for (index, rule) in RULES.iter().enumerate() {
        let visits = rule.visits();
        for kind in visits.kinds {
            entry(&mut kinds, &language, kind, rule.meta().id)?
                .rules
                .push(index);
        }
        for name in visits.calls {
            calls.entry(name).or_default().push(CallSubscriber {
                rule: index,
                unqualified: visits.unqualified_calls,
            });
        }
    }
    Ok(Dispatch { kinds, calls })
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
    fn dispatch_builds_and_ids_are_unique_and_well_formed() {
        dispatch();
        for rule in RULES {
            let visits = rule.visits();
            assert!(
                !visits.kinds.is_empty() || !visits.calls.is_empty(),
                "{} is handed nothing",
                rule.meta().id
            );
        }
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
