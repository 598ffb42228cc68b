//! encoding/json: encoding and decoding on hot paths.

pub mod marshal_in_loop;
