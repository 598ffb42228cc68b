//! Concurrency: goroutines, locks, WaitGroups, channels, timers.

pub mod busy_loop;
pub mod defer_wrong_unlock;
pub mod empty_critical_section;
pub mod lock_by_value;
pub mod loopvar_capture;
pub mod non_atomic_assign;
pub mod redundant_loopvar_copy;
pub mod test_fatal_in_goroutine;
pub mod time_after_in_loop;
pub mod time_tick_leak;
pub mod unbuffered_signal_channel;
pub mod waitgroup_add_in_goroutine;
pub mod waitgroup_by_value;
pub mod waitgroup_wait_in_loop;
