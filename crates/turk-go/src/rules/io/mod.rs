//! I/O, context, HTTP and SQL: resources, timeouts, cancellation.

pub mod context_cancel_not_called;
pub mod context_growth_in_loop;
pub mod defer_in_loop;
pub mod exit_with_pending_defers;
pub mod fresh_context_in_ctx_func;
pub mod http_body_not_closed;
pub mod http_client_no_timeout;
pub mod http_server_no_timeouts;
pub mod no_context_variant;
pub mod sql_rows_err_unchecked;
pub mod unbounded_read_all;
pub mod use_before_err_check;
