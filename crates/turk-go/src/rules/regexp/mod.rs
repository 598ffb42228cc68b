//! regexp: compiling and matching patterns.

pub mod compile_in_func;
pub mod match_helper_in_loop;
