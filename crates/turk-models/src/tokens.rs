//! Token counting with a real BPE tokenizer (OpenAI's `o200k_base`, bundled by tiktoken-rs, so it works offline).
//! For non-OpenAI models it is an estimate of the same order; the budget leaves room for the difference.

/// Tokens in `text` under `o200k_base`.
pub fn count(text: &str) -> usize {
    tiktoken_rs::o200k_base_singleton().encode_ordinary(text).len()
}
