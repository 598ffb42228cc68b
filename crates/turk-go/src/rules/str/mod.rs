//! strings and bytes: comparisons and conversions.

pub mod case_fold_compare;
