//! The rules: one file per rule, `rules/<family>/<name>.rs`, each a `static RULE: Rule` with its metadata, what it
//! is handed ([`Visits`](crate::rule::Visits)) and its check. One walk over each file hands every node to every
//! rule that asked for it (see `registry` and `analyze`).
//!
//! The list below declares each rule's module, puts the rule in [`RULES`] in that order (the order of the
//! docs), and gives it a test named after it: `cargo test -p turk-go busy_loop` checks that rule's id against
//! its module path, its `bad`/`good` examples, and its fixtures under `testdata/go/<family>/<name>/`.
//! `cargo xtask new-rule <family>/<name>` adds a line here.

use crate::rule::Rule;

#[cfg(test)]
mod harness;

/// Declares the rule modules of each family, [`RULES`], and a test per rule.
macro_rules! rules {
    ($($family:ident { $($rule:ident,)* })*) => {
        $(
            mod $family {
                $(pub(crate) mod $rule;)*
            }
        )*

        /// Every rule turk knows, in the order they are documented.
        pub(crate) static RULES: &[&Rule] = &[$($(&$family::$rule::RULE,)*)*];

        #[cfg(test)]
        mod tests {
            $(
                mod $family {
                    $(
                        #[test]
                        fn $rule() {
                            super::super::harness::check_rule(
                                &super::super::$family::$rule::RULE,
                                stringify!($family),
                                stringify!($rule),
                            );
                        }
                    )*
                }
            )*

            #[test]
            fn every_rule_file_and_fixture_folder_is_listed() {
                super::harness::check_listing(&[$((stringify!($family), &[$(stringify!($rule),)*]),)*]);
            }
        }
    };
}

rules! {
    conc {
        time_after_in_loop,
        waitgroup_add_in_goroutine,
        waitgroup_by_value,
        lock_by_value,
        empty_critical_section,
        defer_wrong_unlock,
        test_fatal_in_goroutine,
        loopvar_capture,
        redundant_loopvar_copy,
        non_atomic_assign,
        busy_loop,
        unbuffered_signal_channel,
        waitgroup_wait_in_loop,
        time_tick_leak,
    }
    alloc {
        string_concat_in_loop,
        make_len_then_append,
        append_in_loop_no_prealloc,
        explicit_gc,
        range_over_rune_conversion,
        bytes_of_sprintf,
    }
    str {
        case_fold_compare,
    }
    fmt {
        format_without_verbs,
        write_of_sprintf,
        print_of_sprintf,
        sprintf_primitive,
    }
    regexp {
        compile_in_func,
        match_helper_in_loop,
    }
    json {
        marshal_in_loop,
    }
    io {
        defer_in_loop,
        use_before_err_check,
        http_body_not_closed,
        http_server_no_timeouts,
        http_client_no_timeout,
        context_cancel_not_called,
        exit_with_pending_defers,
        sql_rows_err_unchecked,
        fresh_context_in_ctx_func,
        context_growth_in_loop,
        no_context_variant,
        unbounded_read_all,
    }
}
