//! The rules: one file per rule, `rules/<family>/<name>.rs`, each a `static RULE: Rule` with its metadata, what it
//! is handed ([`Visits`](crate::rule::Visits)) and its check. One walk over each file hands every node to every
//! rule that asked for it (see `registry` and `analyze`).
//!
//! A rule is declared twice below, both lines written by `cargo xtask new-rule <family>/<name>`: its module in
//! its family's module, and its place in the `rules!` list, which puts it in [`RULES`] in that order (the
//! order of the docs) and gives it a test named after it: `cargo test -p turk-go busy_loop` checks that rule's
//! id against its module path, its `bad`/`good` examples, and its fixtures under
//! `testdata/go/<family>/<name>/`. A module left out of the list is an unused static (a warning, an error in
//! CI); a rule listed without its module does not compile. (The modules are not declared by the macro: rustfmt
//! would not format files declared inside a macro call.)

use crate::rule::Rule;

#[cfg(test)]
mod harness;

/// Puts the rules in [`RULES`] in the order listed, and declares a test per rule.
macro_rules! rules {
    ($($family:ident { $($rule:ident,)* })*) => {
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

pub(crate) mod conc {
    pub(crate) mod busy_loop;
    pub(crate) mod defer_wrong_unlock;
    pub(crate) mod empty_critical_section;
    pub(crate) mod lock_by_value;
    pub(crate) mod lock_held_across_io;
    pub(crate) mod loopvar_capture;
    pub(crate) mod non_atomic_assign;
    pub(crate) mod redundant_loopvar_copy;
    pub(crate) mod rwmutex_candidate;
    pub(crate) mod test_fatal_in_goroutine;
    pub(crate) mod time_after_in_loop;
    pub(crate) mod time_tick_leak;
    pub(crate) mod unbuffered_signal_channel;
    pub(crate) mod waitgroup_add_in_goroutine;
    pub(crate) mod waitgroup_by_value;
    pub(crate) mod waitgroup_wait_in_loop;
}

pub(crate) mod alloc {
    pub(crate) mod append_in_loop_no_prealloc;
    pub(crate) mod bytes_of_sprintf;
    pub(crate) mod compressor_per_call;
    pub(crate) mod explicit_gc;
    pub(crate) mod loop_invariant_call;
    pub(crate) mod make_len_then_append;
    pub(crate) mod range_over_rune_conversion;
    pub(crate) mod string_concat_in_loop;
}

pub(crate) mod cpu {
    pub(crate) mod linear_search_in_loop;
    pub(crate) mod markdown_renderer_per_call;
    pub(crate) mod nested_loop_rescan;
    pub(crate) mod rand_per_call;
    pub(crate) mod sort_slice;
    pub(crate) mod template_parse_per_call;
}

pub(crate) mod str {
    pub(crate) mod case_fold_compare;
    pub(crate) mod split_then_index;
    pub(crate) mod split_to_count;
}

pub(crate) mod fmt {
    pub(crate) mod format_without_verbs;
    pub(crate) mod print_of_sprintf;
    pub(crate) mod sprintf_primitive;
    pub(crate) mod write_of_sprintf;
}

pub(crate) mod regexp {
    pub(crate) mod compile_in_func;
    pub(crate) mod literal_pattern;
    pub(crate) mod match_helper_in_func;
    pub(crate) mod match_helper_in_loop;
}

pub(crate) mod json {
    pub(crate) mod indent_on_machine_path;
    pub(crate) mod marshal_in_loop;
    pub(crate) mod marshal_then_write;
    pub(crate) mod stream_per_iteration;
}

pub(crate) mod io {
    pub(crate) mod context_cancel_not_called;
    pub(crate) mod context_growth_in_loop;
    pub(crate) mod context_param_ignored;
    pub(crate) mod defer_in_loop;
    pub(crate) mod exit_with_pending_defers;
    pub(crate) mod fresh_context_in_ctx_func;
    pub(crate) mod http_body_not_closed;
    pub(crate) mod http_body_not_drained;
    pub(crate) mod http_client_no_timeout;
    pub(crate) mod http_request_without_context;
    pub(crate) mod http_server_no_timeouts;
    pub(crate) mod http_transport_per_call;
    pub(crate) mod main_without_signal_context;
    pub(crate) mod no_context_variant;
    pub(crate) mod read_all_then_write;
    pub(crate) mod same_file_read_twice;
    pub(crate) mod sql_rows_err_unchecked;
    pub(crate) mod unbounded_read_all;
    pub(crate) mod use_before_err_check;
}

pub(crate) mod log {
    pub(crate) mod eager_debug_format;
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
        lock_held_across_io,
        rwmutex_candidate,
    }
    alloc {
        string_concat_in_loop,
        make_len_then_append,
        append_in_loop_no_prealloc,
        explicit_gc,
        range_over_rune_conversion,
        bytes_of_sprintf,
        compressor_per_call,
        loop_invariant_call,
    }
    cpu {
        template_parse_per_call,
        markdown_renderer_per_call,
        rand_per_call,
        nested_loop_rescan,
        linear_search_in_loop,
        sort_slice,
    }
    str {
        case_fold_compare,
        split_then_index,
        split_to_count,
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
        match_helper_in_func,
        literal_pattern,
    }
    json {
        marshal_in_loop,
        marshal_then_write,
        indent_on_machine_path,
        stream_per_iteration,
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
        http_transport_per_call,
        http_body_not_drained,
        http_request_without_context,
        read_all_then_write,
        same_file_read_twice,
        main_without_signal_context,
        context_param_ignored,
    }
    log {
        eager_debug_format,
    }
}
