//! fmt: formatting calls that allocate or do more work than needed.

pub mod format_without_verbs;
pub mod print_of_sprintf;
pub mod sprintf_primitive;
pub mod write_of_sprintf;
