//! Concurrency: goroutines, locks, WaitGroups, channels, timers.

pub mod time_after_in_loop;
