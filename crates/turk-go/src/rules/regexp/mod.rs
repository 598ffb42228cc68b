//! regexp: compiling and matching patterns.
