//! Allocation: slices, maps, conversions, strings built in loops.
