//! A provider that exists only in tests: every request gets the one answer written in the configuration
//! (`answer:`). It is added exactly as a real provider would be — this module, a variant, a registry line and an
//! arm in `ProviderConfig::settings` — and then works everywhere: parsing, validation, key checks, `review`.

use super::ProviderSettings;
use crate::config::{ConfigError, Keys, ReviewerConfig};
use crate::error::BuildError;
use crate::reviewer::{CompleteFuture, ModelAnswer, ModelRequest, Reviewer};
use serde::Serialize;
use std::sync::Arc;
use turk_run::Provider;

pub const KEYS: &[&str] = &["answer"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CannedSettings {
    pub answer: String,
}

impl CannedSettings {
    pub(crate) fn parse(keys: &mut Keys) -> Result<Self, ConfigError> {
        Ok(CannedSettings {
            answer: keys.required("answer", " for canned")?,
        })
    }
}

impl ProviderSettings for CannedSettings {
    /// The run document has no name for a test provider; its answers are recorded ones, like replay's.
    fn kind(&self) -> Provider {
        Provider::Replay
    }

    fn api_key_env(&self) -> Option<&str> {
        None
    }

    fn endpoint(&self) -> String {
        "canned:".into()
    }

    fn recorded(&self) -> bool {
        true
    }

    fn default_model(&self) -> Option<&str> {
        Some("canned")
    }

    fn validate(&self, _reviewer: &str) -> Result<(), ConfigError> {
        Ok(())
    }

    fn not_found_hint(&self, _config: &ReviewerConfig) -> String {
        String::new()
    }

    fn build(&self, _config: &ReviewerConfig) -> Result<Arc<dyn Reviewer>, BuildError> {
        Ok(Arc::new(CannedReviewer(self.answer.clone())))
    }
}

struct CannedReviewer(String);

impl Reviewer for CannedReviewer {
    fn complete<'a>(&'a self, _request: &'a ModelRequest) -> CompleteFuture<'a> {
        Box::pin(async move {
            Ok(ModelAnswer {
                content: self.0.clone(),
                finish_reason: Some("stop".into()),
                ..Default::default()
            })
        })
    }

    fn recorded(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::{ReviewInput, ReviewStatus, ReviewerConfig, RunOptions, SourceFile, review};

    #[test]
    fn a_provider_added_through_the_factory_alone_runs_a_review() {
        let yaml = r#"
id: canned
provider: canned
answer: '{"findings": [{"file": "main.go", "start_line": 3, "priority": "P2", "title": "t", "quote": "x := 1"}]}'
"#;
        let config: ReviewerConfig = serde_yaml::from_str(yaml).unwrap();
        config.validate().unwrap();
        config.check_ready().unwrap();
        assert_eq!(
            (config.model.as_str(), config.label.as_str()),
            ("canned", "canned")
        );
        let input = ReviewInput {
            system_prompt: "s".into(),
            files: vec![SourceFile {
                path: "main.go".into(),
                text: "package main\n\nvar x := 1\n".into(),
            }],
            hints: vec![],
            ..ReviewInput::default()
        };
        let outcome = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(review(&config, &input, &RunOptions::default()));
        assert_eq!(outcome.status, ReviewStatus::Complete, "{outcome:#?}");
        assert!(outcome.recorded);
        assert_eq!(outcome.verified().count(), 1);

        // Its keys are its own: another provider's key, or one of its keys on another provider, is refused.
        let foreign = serde_yaml::from_str::<ReviewerConfig>(&format!("{yaml}deployment: d\n"));
        assert!(
            foreign
                .unwrap_err()
                .to_string()
                .contains("`deployment` is a key of provider azure, not of canned")
        );
        let misplaced: Result<ReviewerConfig, _> =
            serde_yaml::from_str("id: o\nprovider: openai\nmodel: m\nanswer: '{}'\n");
        assert!(
            misplaced
                .unwrap_err()
                .to_string()
                .contains("`answer` is a key of provider canned, not of openai")
        );
    }
}
