//! The shapes of Go code that rules of several families look for, in one place beside `context`: walks within a
//! function, expressions and statements, loops, functions and their parameters, the builtin type an expression
//! evidently has, WaitGroups, locks and critical sections, struct fields, HTTP clients and database handles, the
//! calls that block on the outside world, and what becomes of a variable. Each helper answers from syntax (and
//! the file's context); none walks the whole file unless it says so.

mod blocking;
mod exprs;
mod fields;
mod functions;
mod http;
mod http_client;
mod io;
mod locks;
mod loop_exit;
mod loops;
mod per_call;
mod regexps;
mod sql;
mod statements;
mod sync;
mod types;
mod variables;
mod walk;

pub use crate::context::children::{
    arguments, descendants, each_argument, each_child, first_child, only_child, two_children, walk,
};
pub use crate::context::position::contains;
pub(crate) use crate::context::scopes::named_children as children;
pub use blocking::*;
pub use exprs::*;
pub use fields::*;
pub use functions::*;
pub use http::*;
pub use http_client::*;
pub use io::*;
pub use locks::*;
pub use loop_exit::*;
pub use loops::*;
pub use per_call::*;
pub use regexps::*;
pub use sql::*;
pub use statements::*;
pub use sync::*;
pub use types::*;
pub use variables::*;
pub use walk::*;
