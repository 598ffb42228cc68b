//! Shared helpers for the integration tests: inputs, configs and OpenAI-shaped answers.
#![allow(dead_code)]

use serde_json::json;
use std::path::PathBuf;
use turk_models::{OpenAiSettings, ProviderConfig, ReviewInput, ReviewerConfig, SourceFile};

pub fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/models")
}

/// A small Go file with `funcs` functions.
pub fn go_file(name: &str, funcs: usize) -> SourceFile {
    let mut text = String::from("package svc\n\nimport \"fmt\"\n");
    for f in 0..funcs {
        text.push_str(&format!(
            "\n// F{f} formats.\nfunc F{f}(n int) string {{\n\treturn fmt.Sprintf(\"%d\", n)\n}}\n"
        ));
    }
    SourceFile {
        path: format!("internal/{name}.go"),
        text,
    }
}

pub fn input(files: Vec<SourceFile>) -> ReviewInput {
    ReviewInput {
        system_prompt: "You are Turk, the team's Go performance specialist.".into(),
        files,
        hints: vec![],
        ..ReviewInput::default()
    }
}

/// A reviewer pointed at a local server, with fast backoff for tests.
pub fn config(base_url: &str) -> ReviewerConfig {
    let mut c = ReviewerConfig::new(
        "test",
        ProviderConfig::openai(format!("{base_url}/v1")),
        "test-model",
    );
    c.backoff_base_ms = 10;
    c.backoff_max_ms = 50;
    c.timeout_secs = 5;
    c.max_retries = 3;
    c
}

/// `config` sending the key held in the variable `var`.
pub fn with_key(mut config: ReviewerConfig, var: &str) -> ReviewerConfig {
    let ProviderConfig::Openai(OpenAiSettings { api_key_env, .. }) = &mut config.provider else {
        panic!("with_key is for openai reviewers");
    };
    *api_key_env = Some(var.to_string());
    config
}

/// An OpenAI chat-completions answer carrying `content`.
pub fn completion(content: &str, finish_reason: &str) -> serde_json::Value {
    json!({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "test-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
    })
}

/// A findings answer on `path` line 7 (the Sprintf line of [`go_file`]'s first function).
pub fn findings_on(path: &str) -> String {
    json!({"findings": [{"file": path, "start_line": 7, "end_line": 7, "priority": "P2", "category": "allocation",
        "title": "Sprintf for an int", "why": "allocates", "fix": "strconv.Itoa", "quote": "fmt.Sprintf(\"%d\", n)"}]})
    .to_string()
}
