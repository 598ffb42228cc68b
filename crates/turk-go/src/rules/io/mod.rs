//! I/O, context, HTTP and SQL: resources, timeouts, cancellation.
