//! strings and bytes: comparisons and conversions.
