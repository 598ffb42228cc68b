//! fmt: formatting calls that allocate or do more work than needed.
