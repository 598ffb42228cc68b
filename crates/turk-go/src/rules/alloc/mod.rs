//! Allocation: slices, maps, conversions, strings built in loops.

pub mod append_in_loop_no_prealloc;
pub mod bytes_of_sprintf;
pub mod explicit_gc;
pub mod make_len_then_append;
pub mod range_over_rune_conversion;
pub mod string_concat_in_loop;
