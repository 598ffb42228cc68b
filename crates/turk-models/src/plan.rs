//! The request plan: how the scope is cut into requests and what they would cost. Used by `review` itself and
//! printed by `--dry-run`. Building a plan reads no environment variable and sends nothing.

use crate::chunk::{self, Chunk, ChunkPart};
use crate::config::{ConfigError, ReviewerConfig};
use crate::{ReviewInput, prompt, tokens};
use serde::{Deserialize, Serialize};
use std::fmt::Write;
use turk_run::{Provider, ResponseFormat};

/// Everything `--dry-run` shows for one reviewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewPlan {
    pub reviewer: String,
    pub label: String,
    pub provider: Provider,
    pub model: String,
    /// Where requests would go (no key in it).
    pub endpoint: String,
    /// The first `response_format` that would be tried.
    pub response_format: ResponseFormat,
    /// The answers would be recorded ones: no cost.
    pub recorded: bool,
    pub concurrency: usize,
    pub max_request_tokens: usize,
    pub system_prompt_tokens: usize,
    pub requests: Vec<PlannedRequest>,
    /// Sum of the requests' prompt tokens (system prompt included in each).
    pub prompt_tokens: usize,
    /// The most the answers can cost in tokens: requests × `max_output_tokens`.
    pub max_completion_tokens: u64,
    pub cost: Option<CostEstimate>,
}

/// One request of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedRequest {
    pub parts: Vec<ChunkPart>,
    /// Tokens of the system and user prompts.
    pub prompt_tokens: usize,
    /// The user prompt exactly as it would be sent.
    pub user_prompt: String,
}

/// Estimated cost in USD.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostEstimate {
    pub price_input_per_mtok: f64,
    pub price_output_per_mtok: f64,
    pub input_usd: f64,
    /// If every answer used all of `max_output_tokens`.
    pub output_usd_max: f64,
    pub total_usd_max: f64,
}

/// Splits the scope into requests for `config` (see the crate docs). Errors when the configuration is invalid or
/// the token budget cannot hold the system prompt plus some code.
pub fn plan(config: &ReviewerConfig, input: &ReviewInput) -> Result<ReviewPlan, ConfigError> {
    let chunks = chunks_for(config, input)?;
    let system_prompt_tokens =
        tokens::count(&crate::context::system_prompt(input, config.max_request_tokens));
    let requests: Vec<PlannedRequest> = chunks
        .into_iter()
        .map(|c| {
            let user_prompt = prompt::user_prompt(&c, input);
            PlannedRequest {
                prompt_tokens: system_prompt_tokens + tokens::count(&user_prompt) + 8,
                parts: c.parts,
                user_prompt,
            }
        })
        .collect();
    let prompt_tokens: usize = requests.iter().map(|r| r.prompt_tokens).sum();
    let max_completion_tokens = requests.len() as u64 * u64::from(config.max_output_tokens);
    let recorded = config.provider.recorded();
    let prices = if recorded { None } else { config.prices() };
    let cost = prices.map(|(pin, pout)| {
        let input_usd = prompt_tokens as f64 * pin / 1e6;
        let output_usd_max = max_completion_tokens as f64 * pout / 1e6;
        CostEstimate {
            price_input_per_mtok: pin,
            price_output_per_mtok: pout,
            input_usd,
            output_usd_max,
            total_usd_max: input_usd + output_usd_max,
        }
    });
    Ok(ReviewPlan {
        reviewer: config.id.clone(),
        label: config.display_label().to_string(),
        provider: config.provider.kind(),
        model: config.model.clone(),
        endpoint: config.endpoint(),
        response_format: config.structured_output.first_format(),
        recorded,
        concurrency: config.concurrency,
        max_request_tokens: config.max_request_tokens,
        system_prompt_tokens,
        requests,
        prompt_tokens,
        max_completion_tokens,
        cost,
    })
}

/// The chunks of the scope under the reviewer's budget.
pub(crate) fn chunks_for(config: &ReviewerConfig, input: &ReviewInput) -> Result<Vec<Chunk>, ConfigError> {
    config.validate()?;
    let overhead = prompt::fixed_overhead_tokens(input, config.max_request_tokens);
    // Keep a margin: the reviewer's own tokenizer may count a little differently from o200k_base.
    let budget = (config.max_request_tokens * 9 / 10).saturating_sub(overhead);
    if budget < 200 {
        return Err(ConfigError::Invalid {
            reviewer: config.id.clone(),
            field: "max_request_tokens",
            problem: format!(
                "is {}, but the system prompt and instructions alone take {overhead} tokens; raise it",
                config.max_request_tokens
            ),
        });
    }
    let hint_costs: Vec<usize> = input
        .files
        .iter()
        .map(|f| {
            tokens::count(&prompt::hint_text_for_file(&f.path, &input.hints))
                + tokens::count(&prompt::change_text_for_file(&f.path, &input.changed))
                + crate::context::file_note_cost(input, &f.path)
        })
        .collect();
    let files: Vec<(&str, &str, usize)> = input
        .files
        .iter()
        .zip(&hint_costs)
        .map(|(f, h)| (f.path.as_str(), f.text.as_str(), *h))
        .collect();
    Ok(chunk::plan_chunks(&files, budget))
}

impl ReviewPlan {
    /// A few lines per reviewer for the terminal.
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let who = if self.label == self.reviewer {
            self.reviewer.clone()
        } else {
            format!("{} ({})", self.label, self.reviewer)
        };
        let _ = writeln!(
            s,
            "{who}: {} model `{}` at {}",
            self.provider, self.model, self.endpoint
        );
        let _ = writeln!(
            s,
            "  {} request(s), up to {} at a time; {} prompt tokens (budget {} per request), answers up to {} tokens",
            self.requests.len(),
            self.concurrency,
            self.prompt_tokens,
            self.max_request_tokens,
            self.max_completion_tokens
        );
        match &self.cost {
            Some(c) => {
                let _ = writeln!(
                    s,
                    "  estimated cost: ${:.4} input + up to ${:.4} output = up to ${:.4} (at ${}/${} per 1M tokens)",
                    c.input_usd,
                    c.output_usd_max,
                    c.total_usd_max,
                    c.price_input_per_mtok,
                    c.price_output_per_mtok
                );
            }
            None if self.recorded => {
                let _ = writeln!(s, "  recorded answers: no cost");
            }
            None => {
                let _ = writeln!(
                    s,
                    "  estimated cost: unknown (set price_input_per_mtok and price_output_per_mtok)"
                );
            }
        }
        for (i, r) in self.requests.iter().enumerate() {
            let files: Vec<String> = r
                .parts
                .iter()
                .map(|p| format!("{}:{}-{}", p.path, p.start_line, p.end_line))
                .collect();
            let _ = writeln!(
                s,
                "  #{:<3} {:>6} tokens  {}",
                i + 1,
                r.prompt_tokens,
                files.join(", ")
            );
        }
        s
    }
}

impl std::fmt::Display for ReviewPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render_text())
    }
}
