//! Helpers shared by the CLI tests (each test binary uses a part of them).
#![allow(dead_code)]

pub mod openai;
