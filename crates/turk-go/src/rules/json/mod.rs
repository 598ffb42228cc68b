//! encoding/json: encoding and decoding on hot paths.
