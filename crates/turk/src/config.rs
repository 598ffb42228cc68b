//! `turk.yaml`: reviewers, the review scope, rule settings and the cache. Found in the audited repository's
//! root, or given with `--config`. Relative paths in it (`replay_dir`, `cache.dir`) are relative to the file.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use turk_models::{Provider, ReviewerConfig};

/// File names looked for in the repository root, in order.
pub const CONFIG_NAMES: [&str; 2] = ["turk.yaml", ".turk.yaml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub reviewers: Vec<ReviewerConfig>,
    #[serde(default)]
    pub scope: ScopeConfig,
    #[serde(default)]
    pub rules: RulesConfig,
    #[serde(default)]
    pub cache: CacheConfig,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeConfig {
    /// Globs relative to the repository root; when set, they are the scope and no ranking happens.
    #[serde(default)]
    pub include: Vec<String>,
    /// How many files the automatic ranking keeps.
    #[serde(default = "default_max_files")]
    pub max_files: usize,
}

impl Default for ScopeConfig {
    fn default() -> Self {
        ScopeConfig {
            include: Vec::new(),
            max_files: default_max_files(),
        }
    }
}

fn default_max_files() -> usize {
    15
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    /// Rule ids or families never run.
    #[serde(default)]
    pub skip: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheConfig {
    /// Where model answers are cached; default: `$XDG_CACHE_HOME/turk` or `~/.cache/turk`.
    pub dir: Option<PathBuf>,
    /// `false` turns the cache off (like `--no-cache`).
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

/// The same as an empty `cache:` section: on, in the default folder. (A derived `Default` would turn the cache
/// off whenever turk.yaml has no `cache:` section.)
impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig {
            dir: None,
            enabled: yes(),
        }
    }
}

/// A loaded configuration and where it came from.
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
}

/// Loads `explicit`, or the first of [`CONFIG_NAMES`] in `root`, or the defaults when there is none.
pub fn load(root: &Path, explicit: Option<&Path>) -> Result<Loaded> {
    let path = match explicit {
        Some(path) => {
            if !path.is_file() {
                bail!("{}: no such configuration file", path.display());
            }
            Some(path.to_path_buf())
        }
        None => CONFIG_NAMES.iter().map(|n| root.join(n)).find(|p| p.is_file()),
    };
    let Some(path) = path else {
        return Ok(Loaded {
            config: Config::default(),
            path: None,
        });
    };
    let text = std::fs::read_to_string(&path).with_context(|| format!("{}: cannot read", path.display()))?;
    let mut config: Config =
        serde_yaml::from_str(&text).with_context(|| format!("{}: invalid configuration", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    for reviewer in &mut config.reviewers {
        if let Some(dir) = &reviewer.replay_dir
            && dir.is_relative()
        {
            reviewer.replay_dir = Some(base.join(dir));
        }
        apply_env_overrides(reviewer);
        reviewer
            .validate()
            .with_context(|| format!("{}: reviewer `{}`", path.display(), reviewer.id))?;
    }
    let mut ids: Vec<&str> = config.reviewers.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(dup) = ids.windows(2).find(|w| w[0] == w[1]) {
        bail!("{}: two reviewers have the id `{}`", path.display(), dup[0]);
    }
    if let Some(dir) = &config.cache.dir
        && dir.is_relative()
    {
        config.cache.dir = Some(base.join(dir));
    }
    Ok(Loaded {
        config,
        path: Some(path),
    })
}

/// `TURK_REVIEWER_<ID>_MODEL` and `TURK_REVIEWER_<ID>_BASE_URL` override a reviewer's model and endpoint, so a
/// CI job can point the same `turk.yaml` at another deployment.
fn apply_env_overrides(reviewer: &mut ReviewerConfig) {
    let prefix = format!(
        "TURK_REVIEWER_{}_",
        reviewer.id.to_ascii_uppercase().replace('-', "_")
    );
    if let Ok(model) = std::env::var(format!("{prefix}MODEL")) {
        reviewer.model = model;
    }
    if let Ok(url) = std::env::var(format!("{prefix}BASE_URL")) {
        reviewer.base_url = Some(url);
    }
}

/// The cache folder: `TURK_CACHE_DIR`, then the configured one, then the user's cache folder.
pub fn cache_dir(config: &Config) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TURK_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = &config.cache.dir {
        return Some(dir.clone());
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("turk"))
}

/// Where a reviewer's requests go, for the report: the base URL without query or credentials, plus the Azure
/// deployment; None for replay.
pub fn endpoint(reviewer: &ReviewerConfig) -> Option<String> {
    let base = reviewer.base_url.as_deref()?;
    let base = base.split(['?', '#']).next().unwrap_or(base);
    // Credentials in the URL (`https://user:secret@host`) never reach the report.
    let base = match base.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('/') {
            Some((authority, path)) => {
                let host = authority.rsplit('@').next().unwrap_or(authority);
                format!("{scheme}://{host}/{path}")
            }
            None => format!("{scheme}://{}", rest.rsplit('@').next().unwrap_or(rest)),
        },
        None => base.to_string(),
    };
    Some(match &reviewer.deployment {
        Some(deployment) => format!("{base} (deployment {deployment})"),
        None => base,
    })
}

/// One line per reviewer for messages: `codex (GPT-5.3-Codex, openai gpt-5.3-codex)`.
pub fn describe(reviewer: &ReviewerConfig) -> String {
    let provider = match reviewer.provider {
        Provider::Openai => "openai",
        Provider::Azure => "azure",
        Provider::Replay => "replay",
    };
    format!(
        "{} ({}, {provider} {})",
        reviewer.id, reviewer.label, reviewer.model
    )
}
